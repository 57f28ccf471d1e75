//! Fuzz target over the einsum! front end; the input format and the properties are in
//! `src/lib.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| einsum_fuzz::check(data));
