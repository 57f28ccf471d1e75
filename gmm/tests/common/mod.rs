//! Helpers shared by the integration tests and the parity examples.

pub mod bgm_fixture;
pub mod fixture;
pub mod parity;
