#![no_main]
//! `mteval::fuzz::stats` (see that function for what it checks).
libfuzzer_sys::fuzz_target!(|data: &[u8]| mteval::fuzz::stats(data));
