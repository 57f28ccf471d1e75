//! Fuzz target over the `gmm` command's CSV reader; the properties are in `src/readers.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| einsum_fuzz::readers::check_csv(data));
