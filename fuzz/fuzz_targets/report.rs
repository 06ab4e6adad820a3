#![no_main]
//! `mteval::fuzz::report` (see that function for what it checks).
libfuzzer_sys::fuzz_target!(|data: &[u8]| mteval::fuzz::report(data));
