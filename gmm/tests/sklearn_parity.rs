//! Parity with scikit-learn 1.9.1: from each fixture's initial parameters, exactly `n_iter`
//! EM steps reproduce weights, means, covariances, score_samples, predict, score, BIC and AIC
//! to 1e-6 relative (`tests/fixtures/README.md`).

mod common;

use common::fixture::{Fixture, fixture_dir};
use common::parity::{check, check_coverage};

macro_rules! parity {
    ($($name:ident: $file:literal, $n_iter:literal;)*) => {$(
        #[test]
        fn $name() {
            check::<Fixture>(&fixture_dir().join($file), $n_iter);
        }
    )*};
}

parity! {
    iris_full_covariance_matches_sklearn_after_1_iter: "iris-full.json", 1;
    iris_full_covariance_matches_sklearn_after_10_iters: "iris-full.json", 10;
    iris_full_covariance_matches_sklearn_after_100_iters: "iris-full.json", 100;
    iris_tied_covariance_matches_sklearn_after_1_iter: "iris-tied.json", 1;
    iris_tied_covariance_matches_sklearn_after_10_iters: "iris-tied.json", 10;
    iris_tied_covariance_matches_sklearn_after_100_iters: "iris-tied.json", 100;
    iris_diag_covariance_matches_sklearn_after_1_iter: "iris-diag.json", 1;
    iris_diag_covariance_matches_sklearn_after_10_iters: "iris-diag.json", 10;
    iris_diag_covariance_matches_sklearn_after_100_iters: "iris-diag.json", 100;
    iris_spherical_covariance_matches_sklearn_after_1_iter: "iris-spherical.json", 1;
    iris_spherical_covariance_matches_sklearn_after_10_iters: "iris-spherical.json", 10;
    iris_spherical_covariance_matches_sklearn_after_100_iters: "iris-spherical.json", 100;

    blobs3d_full_covariance_matches_sklearn_after_1_iter: "blobs3d-full.json", 1;
    blobs3d_full_covariance_matches_sklearn_after_10_iters: "blobs3d-full.json", 10;
    blobs3d_full_covariance_matches_sklearn_after_100_iters: "blobs3d-full.json", 100;
    blobs3d_tied_covariance_matches_sklearn_after_1_iter: "blobs3d-tied.json", 1;
    blobs3d_tied_covariance_matches_sklearn_after_10_iters: "blobs3d-tied.json", 10;
    blobs3d_tied_covariance_matches_sklearn_after_100_iters: "blobs3d-tied.json", 100;
    blobs3d_diag_covariance_matches_sklearn_after_1_iter: "blobs3d-diag.json", 1;
    blobs3d_diag_covariance_matches_sklearn_after_10_iters: "blobs3d-diag.json", 10;
    blobs3d_diag_covariance_matches_sklearn_after_100_iters: "blobs3d-diag.json", 100;
    blobs3d_spherical_covariance_matches_sklearn_after_1_iter: "blobs3d-spherical.json", 1;
    blobs3d_spherical_covariance_matches_sklearn_after_10_iters: "blobs3d-spherical.json", 10;
    blobs3d_spherical_covariance_matches_sklearn_after_100_iters: "blobs3d-spherical.json", 100;

    weighted_full_covariance_matches_sklearn_on_repeated_rows_after_1_iter: "weighted2d-full.json", 1;
    weighted_full_covariance_matches_sklearn_on_repeated_rows_after_10_iters: "weighted2d-full.json", 10;
    weighted_full_covariance_matches_sklearn_on_repeated_rows_after_100_iters: "weighted2d-full.json", 100;
    weighted_tied_covariance_matches_sklearn_on_repeated_rows_after_1_iter: "weighted2d-tied.json", 1;
    weighted_tied_covariance_matches_sklearn_on_repeated_rows_after_10_iters: "weighted2d-tied.json", 10;
    weighted_tied_covariance_matches_sklearn_on_repeated_rows_after_100_iters: "weighted2d-tied.json", 100;
    weighted_diag_covariance_matches_sklearn_on_repeated_rows_after_1_iter: "weighted2d-diag.json", 1;
    weighted_diag_covariance_matches_sklearn_on_repeated_rows_after_10_iters: "weighted2d-diag.json", 10;
    weighted_diag_covariance_matches_sklearn_on_repeated_rows_after_100_iters: "weighted2d-diag.json", 100;
    weighted_spherical_covariance_matches_sklearn_on_repeated_rows_after_1_iter: "weighted2d-spherical.json", 1;
    weighted_spherical_covariance_matches_sklearn_on_repeated_rows_after_10_iters: "weighted2d-spherical.json", 10;
    weighted_spherical_covariance_matches_sklearn_on_repeated_rows_after_100_iters: "weighted2d-spherical.json", 100;
}

#[test]
fn every_shared_fixture_file_has_a_test() {
    check_coverage::<Fixture>(&fixture_dir(), 12, &[1, 10, 100]);
}
