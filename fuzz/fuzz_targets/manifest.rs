#![no_main]
//! `mteval::fuzz::manifest` (see that function for what it checks).
libfuzzer_sys::fuzz_target!(|data: &[u8]| mteval::fuzz::manifest(data));
