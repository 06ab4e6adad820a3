#![no_main]
//! `mteval::fuzz::line_reader` (see that function for what it checks).
libfuzzer_sys::fuzz_target!(|data: &[u8]| mteval::fuzz::line_reader(data));
