#![no_main]
//! `mteval::fuzz::score_file` (see that function for what it checks).
libfuzzer_sys::fuzz_target!(|data: &[u8]| mteval::fuzz::score_file(data));
