//! Helpers shared by the integration tests and the parity examples.

pub mod bgm_fixture;
pub mod fixture;
pub mod parity;

/// Uniform draws on `[-0.5, 0.5)` from a 64-bit linear congruential generator started at
/// `state`: test data that is the same on every platform and every rand version.
#[allow(dead_code)]
pub fn centred_uniform(mut state: u64) -> impl FnMut() -> f64 {
    move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5
    }
}
