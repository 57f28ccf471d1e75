//! Parity with scikit-learn 1.9.1's `BayesianGaussianMixture`: from each fixture's initial
//! responsibilities, exactly `n_iter` variational steps reproduce the weights, means,
//! covariances, precision Cholesky factors, weight concentrations, mean precisions, degrees of
//! freedom, lower bound, score_samples and predict_proba to 1e-6 relative, and predict exactly
//! (`tests/fixtures/README.md`, section bgm-sklearn). The priors the fit takes by default from
//! the data (weighted for `weighted2d`) are checked against scikit-learn's too.

#[path = "common/bgm_fixture.rs"]
mod bgm_fixture;

use bgm_fixture::{fixture_dir, load};

/// The fixtures move by at most ~1e-11 relative under a 1e-12 perturbation of `init_resp`
/// (their `stability_1e-12`), so 1e-6 leaves room only for a faithful implementation.
const TOLERANCE: f64 = 1e-6;

fn check(file: &str, n_iter: usize) {
    let fixture = load(&fixture_dir().join(file)).unwrap();
    let after = fixture
        .after
        .iter()
        .find(|a| a.n_iter == n_iter)
        .expect("an entry with this n_iter");
    let errors = fixture.compare(after).unwrap();
    assert_eq!(errors.n_iter, n_iter, "{file}");
    assert_eq!(errors.predict_mismatches, 0, "{file}: {errors}");
    assert!(errors.worst() <= TOLERANCE, "{file}: {errors}");
}

macro_rules! parity {
    ($($name:ident: $file:literal, $n_iter:literal;)*) => {$(
        #[test]
        fn $name() {
            check($file, $n_iter);
        }
    )*};
}

parity! {
    iris_full_bayesian_mixture_matches_sklearn_after_1_iter: "iris-full.json", 1;
    iris_full_bayesian_mixture_matches_sklearn_after_10_iters: "iris-full.json", 10;
    iris_full_bayesian_mixture_matches_sklearn_after_100_iters: "iris-full.json", 100;
    iris_tied_bayesian_mixture_matches_sklearn_after_1_iter: "iris-tied.json", 1;
    iris_tied_bayesian_mixture_matches_sklearn_after_10_iters: "iris-tied.json", 10;
    iris_tied_bayesian_mixture_matches_sklearn_after_100_iters: "iris-tied.json", 100;
    iris_diag_bayesian_mixture_matches_sklearn_after_1_iter: "iris-diag.json", 1;
    iris_diag_bayesian_mixture_matches_sklearn_after_10_iters: "iris-diag.json", 10;
    iris_diag_bayesian_mixture_matches_sklearn_after_100_iters: "iris-diag.json", 100;
    iris_spherical_bayesian_mixture_matches_sklearn_after_1_iter: "iris-spherical.json", 1;
    iris_spherical_bayesian_mixture_matches_sklearn_after_10_iters: "iris-spherical.json", 10;
    iris_spherical_bayesian_mixture_matches_sklearn_after_100_iters: "iris-spherical.json", 100;
    blobs3d_full_bayesian_mixture_matches_sklearn_after_1_iter: "blobs3d-full.json", 1;
    blobs3d_full_bayesian_mixture_matches_sklearn_after_10_iters: "blobs3d-full.json", 10;
    blobs3d_full_bayesian_mixture_matches_sklearn_after_100_iters: "blobs3d-full.json", 100;
    blobs3d_tied_bayesian_mixture_matches_sklearn_after_1_iter: "blobs3d-tied.json", 1;
    blobs3d_tied_bayesian_mixture_matches_sklearn_after_10_iters: "blobs3d-tied.json", 10;
    blobs3d_tied_bayesian_mixture_matches_sklearn_after_100_iters: "blobs3d-tied.json", 100;
    blobs3d_diag_bayesian_mixture_matches_sklearn_after_1_iter: "blobs3d-diag.json", 1;
    blobs3d_diag_bayesian_mixture_matches_sklearn_after_10_iters: "blobs3d-diag.json", 10;
    blobs3d_diag_bayesian_mixture_matches_sklearn_after_100_iters: "blobs3d-diag.json", 100;
    blobs3d_spherical_bayesian_mixture_matches_sklearn_after_1_iter: "blobs3d-spherical.json", 1;
    blobs3d_spherical_bayesian_mixture_matches_sklearn_after_10_iters: "blobs3d-spherical.json", 10;
    blobs3d_spherical_bayesian_mixture_matches_sklearn_after_100_iters: "blobs3d-spherical.json", 100;
    weighted_full_bayesian_mixture_matches_sklearn_on_repeated_rows_after_1_iter: "weighted2d-full.json", 1;
    weighted_full_bayesian_mixture_matches_sklearn_on_repeated_rows_after_10_iters: "weighted2d-full.json", 10;
    weighted_full_bayesian_mixture_matches_sklearn_on_repeated_rows_after_100_iters: "weighted2d-full.json", 100;
    weighted_tied_bayesian_mixture_matches_sklearn_on_repeated_rows_after_1_iter: "weighted2d-tied.json", 1;
    weighted_tied_bayesian_mixture_matches_sklearn_on_repeated_rows_after_10_iters: "weighted2d-tied.json", 10;
    weighted_tied_bayesian_mixture_matches_sklearn_on_repeated_rows_after_100_iters: "weighted2d-tied.json", 100;
    weighted_diag_bayesian_mixture_matches_sklearn_on_repeated_rows_after_1_iter: "weighted2d-diag.json", 1;
    weighted_diag_bayesian_mixture_matches_sklearn_on_repeated_rows_after_10_iters: "weighted2d-diag.json", 10;
    weighted_diag_bayesian_mixture_matches_sklearn_on_repeated_rows_after_100_iters: "weighted2d-diag.json", 100;
    weighted_spherical_bayesian_mixture_matches_sklearn_on_repeated_rows_after_1_iter: "weighted2d-spherical.json", 1;
    weighted_spherical_bayesian_mixture_matches_sklearn_on_repeated_rows_after_10_iters: "weighted2d-spherical.json", 10;
    weighted_spherical_bayesian_mixture_matches_sklearn_on_repeated_rows_after_100_iters: "weighted2d-spherical.json", 100;
}

#[test]
fn every_shared_fixture_file_has_a_test() {
    let mut files: Vec<String> = std::fs::read_dir(fixture_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 12, "{files:?}");
    for file in &files {
        let fixture = load(&fixture_dir().join(file)).unwrap();
        let mut n_iters: Vec<usize> = fixture.after.iter().map(|a| a.n_iter).collect();
        n_iters.sort_unstable();
        assert_eq!(n_iters, [1, 10, 100], "{file}");
    }
}
