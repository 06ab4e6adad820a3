#![no_main]
//! `mteval::fuzz::entities` (see that function for what it checks).
libfuzzer_sys::fuzz_target!(|data: &[u8]| mteval::fuzz::entities(data));
