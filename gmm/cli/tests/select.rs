//! `gmm fit --select bic|icl` and `gmm fit --bayesian` end to end: the table, the best model
//! and the plot, checked against the library in-process, and their bad input.

use std::fs;
use std::path::PathBuf;
use std::process::Output;

use gmm::{BayesianGaussianMixture, CovarianceType, GaussianMixture};
use serde_json::Value;

mod common;

use common::{TempDir, gmm};

/// Runs `gmm` and returns its output, failing the test with its stderr otherwise.
fn gmm_ok(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let out = gmm(args);
    assert!(
        out.status.success(),
        "gmm failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The three correlated clusters of the other CLI tests, unweighted.
fn clusters() -> Vec<[f64; 2]> {
    common::clusters().0
}

fn write_csv(dir: &TempDir, points: &[[f64; 2]]) -> PathBuf {
    dir.write("data.csv", common::csv(points, None, true))
}

fn numbers(value: &Value) -> Vec<f64> {
    match value {
        Value::Number(n) => vec![n.as_f64().unwrap()],
        Value::Array(items) => items.iter().flat_map(numbers).collect(),
        _ => panic!("not numbers: {value}"),
    }
}

#[test]
fn select_prints_the_table_writes_the_best_model_and_the_plot() {
    let dir = TempDir::new("bic");
    let points = clusters();
    let data = write_csv(&dir, &points);
    let model_path = dir.path("best.json");
    let out = gmm_ok(&[
        &"fit",
        &data,
        &"-k",
        &"1..5",
        &"--covariance-type",
        &"all",
        &"--select",
        &"bic",
        &"--out",
        &model_path,
    ]);
    let table = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = table.lines().collect();
    // a header, 4 types x 5 k, the verdict
    assert_eq!(lines.len(), 22, "{table}");
    assert!(lines[0].contains("bic") && lines[0].contains("icl"));
    assert_eq!(lines.iter().filter(|l| l.ends_with("<- best")).count(), 1);
    let png = fs::read(dir.path("best-bic.png")).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");

    let saved: Value = serde_json::from_str(&fs::read_to_string(&model_path).unwrap()).unwrap();
    let candidates = saved["selection"]["candidates"].as_array().unwrap();
    assert_eq!(candidates.len(), 20);
    let best = candidates
        .iter()
        .min_by(|a, b| a["bic"].as_f64().partial_cmp(&b["bic"].as_f64()).unwrap())
        .unwrap();
    assert_eq!(saved["n_components"], best["n_components"]);
    assert_eq!(saved["covariance_type"], best["covariance_type"]);
    assert_eq!(best["n_components"], 3);
    // Every row's BIC is the library's for that candidate (same defaults, seed 0).
    for c in candidates {
        let k = c["n_components"].as_u64().unwrap() as usize;
        let t: CovarianceType = c["covariance_type"].as_str().unwrap().parse().unwrap();
        let model = GaussianMixture::params(k)
            .covariance_type(t)
            .fit(&points)
            .unwrap();
        assert_eq!(c["bic"].as_f64().unwrap(), model.bic(&points).unwrap());
        if k == 3 && saved["covariance_type"].as_str() == Some(t.name()) {
            assert_eq!(numbers(&saved["means"]), model.means().data());
        }
    }
    // The saved best model predicts as any model file does.
    gmm_ok(&[&"predict", &"--model", &model_path, &data]);
}

#[test]
fn select_by_icl_with_the_model_on_stdout_puts_the_table_on_stderr() {
    let dir = TempDir::new("icl");
    let data = write_csv(&dir, &clusters());
    let plot = dir.path("icl.png");
    let out = gmm_ok(&[
        &"fit",
        &data,
        &"-k",
        &"2..=4",
        &"--select",
        &"icl",
        &"--plot",
        &plot,
    ]);
    let model: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(model["selection"]["criterion"], "icl");
    assert_eq!(
        model["selection"]["candidates"].as_array().unwrap().len(),
        3
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("best by icl: full covariances, k = 3"),
        "{stderr}"
    );
    assert!(plot.exists());
}

#[test]
fn bayesian_fits_a_dirichlet_process_mixture_with_k_as_an_upper_bound() {
    let dir = TempDir::new("bayesian");
    let points = clusters();
    let data = write_csv(&dir, &points);
    let model_path = dir.path("dp.json");
    let out = gmm_ok(&[
        &"fit",
        &data,
        &"-k",
        &"8",
        &"--bayesian",
        &"--max-iter",
        &"500",
        &"--out",
        &model_path,
    ]);
    let saved: Value = serde_json::from_str(&fs::read_to_string(&model_path).unwrap()).unwrap();
    let fitted = BayesianGaussianMixture::params(8)
        .max_iter(500)
        .fit(&points)
        .unwrap();
    assert_eq!(saved["n_components"], 8);
    assert_eq!(numbers(&saved["weights"]), fitted.weights());
    assert_eq!(numbers(&saved["means"]), fitted.means().data());
    let posterior = &saved["bayesian"];
    assert_eq!(
        posterior["weight_concentration_prior_type"],
        "dirichlet_process"
    );
    assert_eq!(
        numbers(&posterior["weight_concentration"]),
        fitted.weight_concentration().data()
    );
    assert_eq!(
        posterior["lower_bound"].as_f64(),
        Some(fitted.lower_bound())
    );
    let heavy = fitted.weights().iter().filter(|&&w| w > 0.1).count();
    assert_eq!(heavy, 3, "{:?}", fitted.weights());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("at most 8 full components"), "{stderr}");
    gmm_ok(&[&"predict", &"--model", &model_path, &data]);
}

/// Fails with a non-zero status and `expected` in its one-line message (or in clap's usage
/// error), writing nothing.
fn assert_fails(dir: &TempDir, args: &[&dyn AsRef<std::ffi::OsStr>], expected: &str) {
    let before = dir.listing();
    let out = gmm(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{expected:?} succeeded");
    let first = stderr.lines().next().unwrap_or_default();
    assert!(
        (first.starts_with("gmm: ") && first.contains(expected))
            || (first.starts_with("error: ") && stderr.contains(expected)),
        "{expected:?} not in {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.stdout.is_empty(), "output for {expected:?}");
    assert_eq!(before, dir.listing(), "files appeared for {expected:?}");
}

#[test]
fn bad_selection_and_bayesian_input_is_refused_with_nothing_written() {
    let dir = TempDir::new("bad");
    let data = write_csv(&dir, &clusters());
    let out = dir.path("m.json");
    let plot = dir.path("p.png");
    let cases: &[(&[&dyn AsRef<std::ffi::OsStr>], &str)] = &[
        (
            &[&"fit", &data, &"-k", &"1..4", &"--out", &out],
            "needs --select",
        ),
        (
            &[
                &"fit",
                &data,
                &"-k",
                &"3",
                &"--covariance-type",
                &"all",
                &"--out",
                &out,
            ],
            "--covariance-type all needs --select",
        ),
        (
            &[
                &"fit",
                &data,
                &"-k",
                &"1..4",
                &"--select",
                &"aic",
                &"--out",
                &out,
            ],
            "not a criterion",
        ),
        (
            &[
                &"fit",
                &data,
                &"-k",
                &"0..4",
                &"--select",
                &"bic",
                &"--out",
                &out,
            ],
            "must be at least 1",
        ),
        (
            &[
                &"fit",
                &data,
                &"-k",
                &"5..2",
                &"--select",
                &"bic",
                &"--out",
                &out,
            ],
            "is empty",
        ),
        (
            &[
                &"fit",
                &data,
                &"-k",
                &"1..x",
                &"--select",
                &"bic",
                &"--out",
                &out,
            ],
            "not a whole number",
        ),
        (
            &[&"fit", &data, &"-k", &"1..4", &"--select", &"bic"],
            "give --plot",
        ),
        (
            &[&"fit", &data, &"-k", &"3", &"--plot", &plot, &"--out", &out],
            "--select",
        ),
        (
            &[&"fit", &data, &"-k", &"2..6", &"--bayesian", &"--out", &out],
            "--bayesian takes one -k",
        ),
        (
            &[
                &"fit",
                &data,
                &"-k",
                &"4",
                &"--bayesian",
                &"--covariance-type",
                &"all",
                &"--out",
                &out,
            ],
            "needs --select",
        ),
        (
            &[
                &"fit",
                &data,
                &"-k",
                &"4",
                &"--bayesian",
                &"--select",
                &"bic",
                &"--out",
                &out,
            ],
            "cannot be used with",
        ),
        (
            &[
                &"fit",
                &data,
                &"-k",
                &"1..4",
                &"--select",
                &"bic",
                &"--tol=-1",
                &"--plot",
                &plot,
                &"--out",
                &out,
            ],
            "tol",
        ),
        (
            &[
                &"fit",
                &data,
                &"-k",
                &"300..301",
                &"--select",
                &"bic",
                &"--plot",
                &plot,
                &"--out",
                &out,
            ],
            "fewer than",
        ),
        (
            &[&"fit", &data, &"-k", &"300", &"--bayesian", &"--out", &out],
            "fewer than",
        ),
    ];
    for (args, expected) in cases {
        assert_fails(&dir, args, expected);
    }
}
