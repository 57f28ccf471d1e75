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

#[path = "../tests/common/bgm_fixture.rs"]
mod bgm_fixture;

use std::path::Path;
use std::process::ExitCode;

const TOLERANCE: f64 = 1e-6;

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: bgm_parity FILE.json [FILE.json ...]");
        return ExitCode::from(2);
    }
    let (mut failed, mut unreadable) = (false, false);
    for file in &files {
        let fixture = match bgm_fixture::load(Path::new(file)) {
            Ok(f) => f,
            Err(message) => {
                eprintln!("error: {message}");
                unreadable = true;
                continue;
            }
        };
        let name = Path::new(file)
            .file_name()
            .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
        for after in &fixture.after {
            match fixture.compare(after) {
                Ok(errors) => {
                    let ok = errors.worst() <= TOLERANCE;
                    failed |= !ok;
                    println!("{} {name} {errors}", if ok { "ok  " } else { "FAIL" });
                }
                Err(e) => {
                    failed = true;
                    println!("FAIL {name} n_iter {:>3}: fit failed: {e}", after.n_iter);
                }
            }
        }
    }
    if unreadable {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
