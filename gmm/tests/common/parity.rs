//! What the two kinds of scikit-learn fixtures share: reading nested JSON numbers, the relative
//! error, the table of errors of one fit, the test's check and the examples' command line.

#![allow(dead_code)]

use std::fmt;
use std::path::Path;
use std::process::ExitCode;

use serde_json::Value;

/// Every number of a nested JSON array (or a lone number), in row-major order.
pub fn flatten(value: &Value) -> Result<Vec<f64>, String> {
    fn walk(value: &Value, out: &mut Vec<f64>) -> Result<(), String> {
        match value {
            Value::Number(n) => out.push(n.as_f64().ok_or("a number that is not an f64")?),
            Value::Array(items) => {
                for item in items {
                    walk(item, out)?;
                }
            }
            other => return Err(format!("expected numbers, found {other}")),
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(value, &mut out)?;
    Ok(out)
}

/// max |ours - ref| / max |ref| (infinite on a length mismatch or a NaN).
pub fn relative_error(ours: &[f64], reference: &[f64]) -> f64 {
    if ours.len() != reference.len() {
        return f64::INFINITY;
    }
    let scale = reference.iter().fold(0.0f64, |a, b| a.max(b.abs()));
    let diff = ours.iter().zip(reference).fold(0.0f64, |a, (x, y)| {
        let d = (x - y).abs();
        if d.is_nan() { f64::INFINITY } else { a.max(d) }
    });
    if scale == 0.0 { diff } else { diff / scale }
}

/// Samples whose predicted component differs (a length mismatch counts every missing sample).
pub fn mismatches(ours: &[usize], reference: &[usize]) -> usize {
    ours.iter().zip(reference).filter(|(a, b)| a != b).count()
        + ours.len().abs_diff(reference.len())
}

/// The worst relative error of every quantity of one fit against one `after[]` entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Errors {
    pub n_iter: usize,
    /// (name, max |ours - ref| / max |ref|), in the order printed.
    pub quantities: Vec<(&'static str, f64)>,
    /// Samples whose predicted component differs.
    pub predict_mismatches: usize,
}

impl Errors {
    /// The largest error (NaN counts as infinite, a predict mismatch as 1).
    pub fn worst(&self) -> f64 {
        let predict = if self.predict_mismatches > 0 {
            1.0
        } else {
            0.0
        };
        self.quantities
            .iter()
            .map(|&(_, e)| if e.is_nan() { f64::INFINITY } else { e })
            .chain([predict])
            .fold(0.0, f64::max)
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "n_iter {:>3}:", self.n_iter)?;
        for (name, e) in &self.quantities {
            write!(f, " {name} {e:.1e}")?;
        }
        write!(f, " predict {} mismatches", self.predict_mismatches)
    }
}

/// A fixture file: its `after[]` entries, each the reference state after some iterations.
pub trait Fixture: Sized {
    /// Reads a file, with a message naming it on any failure.
    fn load(path: &Path) -> Result<Self, String>;
    /// The iteration counts of the `after[]` entries, in the file's order.
    fn n_iters(&self) -> Vec<usize>;
    /// Fits for the `after[]` entry's iteration count and measures every quantity against it.
    fn compare(&self, entry: usize) -> Result<Errors, String>;
}

/// The fixtures move by at most ~1e-11 relative under a 1e-12 perturbation of their start
/// (their `stability_1e-12`), so 1e-6 leaves room only for a faithful implementation.
pub const TOLERANCE: f64 = 1e-6;

/// The test of one file's entry: exactly `n_iter` iterations, every prediction the same, every
/// quantity within [`TOLERANCE`].
pub fn check<F: Fixture>(path: &Path, n_iter: usize) {
    let fixture = F::load(path).unwrap();
    let entry = fixture
        .n_iters()
        .iter()
        .position(|&n| n == n_iter)
        .expect("an entry with this n_iter");
    let errors = fixture.compare(entry).unwrap();
    let file = path.display();
    assert_eq!(errors.n_iter, n_iter, "{file}");
    assert_eq!(errors.predict_mismatches, 0, "{file}: {errors}");
    assert!(errors.worst() <= TOLERANCE, "{file}: {errors}");
}

/// The test that the tests named one by one cover the directory: `files` fixture files, each
/// with entries after exactly `n_iters` iterations.
pub fn check_coverage<F: Fixture>(dir: &Path, files: usize, n_iters: &[usize]) {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    names.sort();
    assert_eq!(names.len(), files, "{names:?}");
    for name in &names {
        let mut found = F::load(&dir.join(name)).unwrap().n_iters();
        found.sort_unstable();
        assert_eq!(found, n_iters, "{name}");
    }
}

/// The parity examples' command line: one line per file and entry with the worst error of
/// each quantity; exit 1 if any exceeds [`TOLERANCE`] or any prediction differs, 2 on an
/// unreadable file.
pub fn main<F: Fixture>(program: &str) -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: {program} FILE.json [FILE.json ...]");
        return ExitCode::from(2);
    }
    let (mut failed, mut unreadable) = (false, false);
    for file in &files {
        let fixture = match F::load(Path::new(file)) {
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
        for (entry, n_iter) in fixture.n_iters().into_iter().enumerate() {
            match fixture.compare(entry) {
                Ok(errors) => {
                    let ok = errors.worst() <= TOLERANCE;
                    failed |= !ok;
                    println!("{} {name} {errors}", if ok { "ok  " } else { "FAIL" });
                }
                Err(e) => {
                    failed = true;
                    println!("FAIL {name} n_iter {n_iter:>3}: fit failed: {e}");
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
