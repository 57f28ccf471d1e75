//! What the CLI's end-to-end tests share: a temporary directory, running the binary, and
//! seeded correlated clusters written as CSV.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A fresh directory under the system's temporary directory, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let unique = COUNT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "gmm-cli-test-{}-{unique}-{name}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        fs::write(&path, bytes).unwrap();
        path
    }

    /// The names of the files in the directory, sorted.
    pub fn listing(&self) -> Vec<std::ffi::OsString> {
        let mut names: Vec<_> = fs::read_dir(&self.0)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Runs the `gmm` binary built for these tests.
pub fn gmm(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gmm"))
        .args(args.iter().map(|a| a.as_ref()))
        .output()
        .unwrap()
}

/// Runs `gmm` and returns its standard output, failing the test with its stderr otherwise.
pub fn gmm_ok(args: &[&dyn AsRef<std::ffi::OsStr>]) -> String {
    let out = gmm(args);
    assert!(
        out.status.success(),
        "gmm failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Deterministic standard normals (xorshift and Box-Muller): no rand dependency needed.
pub struct Normals(pub u64);

impl Normals {
    pub fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        ((self.0 >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    pub fn next(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// Three correlated 2-D clusters of 80 points each, with integer weights 1..=3.
pub fn clusters() -> (Vec<[f64; 2]>, Vec<f64>) {
    let mut z = Normals(0x9E37_79B9_7F4A_7C15);
    let centres = [[0.0, 0.0], [6.0, 2.0], [1.0, 7.0]];
    let mut points = Vec::new();
    let mut weights = Vec::new();
    for i in 0..240 {
        let c = centres[i % 3];
        let (a, b) = (z.next(), z.next());
        // correlated: the second coordinate leans on the first
        points.push([c[0] + a, c[1] + 0.8 * a + 0.5 * b]);
        weights.push(f64::from(1 + (i % 7) as u32 % 3));
    }
    (points, weights)
}

/// The points as CSV, with a weight column when `weights` is given.
pub fn csv(points: &[[f64; 2]], weights: Option<&[f64]>, header: bool) -> String {
    let mut text = String::new();
    if header {
        text.push_str(if weights.is_some() {
            "a,b,w\n"
        } else {
            "a,b\n"
        });
    }
    for (i, p) in points.iter().enumerate() {
        match weights {
            Some(w) => writeln!(text, "{},{},{}", p[0], p[1], w[i]).unwrap(),
            None => writeln!(text, "{},{}", p[0], p[1]).unwrap(),
        }
    }
    text
}
