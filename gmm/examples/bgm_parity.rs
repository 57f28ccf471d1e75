//! Measures this crate's `BayesianGaussianMixture` against scikit-learn fixture files (schema:
//! `tests/fixtures/README.md`, section bgm-sklearn).
//!
//! ```text
//! cargo run --release -p gmm --example bgm_parity -- FILE.json [FILE.json ...]
//! ```
//!
//! From each file's initial responsibilities, runs exactly `n_iter` variational iterations for
//! every `after[]` entry and prints the worst relative error of each quantity
//! (max |ours - ref| / max |ref|). Exits 1 if any error exceeds 1e-6 or any prediction
//! differs, 2 on an unreadable file.

#[path = "../tests/common/mod.rs"]
mod common;

use std::process::ExitCode;

fn main() -> ExitCode {
    common::parity::main::<common::bgm_fixture::Fixture>("bgm_parity")
}
