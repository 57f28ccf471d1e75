//! Fuzz target feeding random shapes (huge, zero, one) to generated `try_einsum!` calls; the
//! input format and the property are in `src/shapes.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| einsum_fuzz::shapes::check(data));
