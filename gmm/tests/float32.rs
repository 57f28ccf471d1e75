//! Fits in `f32`: scikit-learn's float32 path can return negative diagonal variances (its issue
//! #30382: `E[x²] - 2 E[x] μ + μ²` cancels catastrophically when the data sit far from the
//! origin); ours takes every second moment about the chunk's means and merges them exactly
//! (Chan et al.), so a variance is a sum of squares and never negative.

use gmm::{CovarianceType, GaussianMixture, InitMethod};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Two tight groups far from the origin: coordinates near 10⁴ (where an `f32` has a
/// resolution of about 10⁻³) with spreads of about 10⁻², so that `E[x²]` and `μ²` agree in
/// all but their last bits.
fn far_tight_groups(n: usize) -> Vec<[f32; 3]> {
    let mut rng = StdRng::seed_from_u64(30382);
    (0..n)
        .map(|i| {
            let base = if i % 2 == 0 { 1.0e4 } else { 1.0e4 + 1.0 };
            let u: f32 = rng.random_range(-0.01..0.01);
            let v: f32 = rng.random_range(-0.01..0.01);
            [base + u, base - 2.0 * u + v, 2.0e4 + v]
        })
        .collect()
}

#[test]
fn f32_variances_are_never_negative_far_from_the_origin() {
    let x = far_tight_groups(20_000);
    let mut fitted_models = 0;
    for covariance_type in [
        CovarianceType::Diag,
        CovarianceType::Spherical,
        CovarianceType::Full,
        CovarianceType::Tied,
    ] {
        for init in [InitMethod::KMeans, InitMethod::Random] {
            let fitted = GaussianMixture::<f32>::params(2)
                .covariance_type(covariance_type)
                .init_method(init)
                .reg_covar(0.0)
                .max_iter(20)
                .seed(1)
                .fit(&x[..]);
            // A fit may fail as ill-defined (a covariance that is not positive definite in
            // `f32`); it must never return a negative variance.
            let Ok(model) = fitted else { continue };
            fitted_models += 1;
            for c in 0..2 {
                let matrix = model.covariance_matrix(c);
                for i in 0..3 {
                    let variance = matrix.as_slice()[i * 3 + i];
                    assert!(
                        variance >= 0.0,
                        "{covariance_type:?}, {init:?}: variance {variance} of component {c}"
                    );
                }
            }
        }
    }
    assert!(
        fitted_models >= 4,
        "only {fitted_models} of 8 fits succeeded"
    );
}

#[test]
fn diag_f32_fit_on_far_data_is_well_defined_and_close_to_f64() {
    let x = far_tight_groups(20_000);
    let x64: Vec<[f64; 3]> = x.iter().map(|p| p.map(f64::from)).collect();
    let single = GaussianMixture::params(2)
        .covariance_type(CovarianceType::Diag)
        .max_iter(20)
        .seed(1)
        .fit(&x[..])
        .expect("an f32 fit");
    let double = GaussianMixture::params(2)
        .covariance_type(CovarianceType::Diag)
        .max_iter(20)
        .seed(1)
        .fit(&x64[..])
        .expect("an f64 fit");
    let mut s = single.covariances().data().to_vec();
    let d = double.covariances().data();
    // The same components in the same order: the one with the smaller first mean first.
    let swapped = |m: &[f64]| m[0] > m[3];
    let single_means: Vec<f64> = single
        .means()
        .data()
        .iter()
        .map(|&v| f64::from(v))
        .collect();
    if swapped(&single_means) != swapped(double.means().data()) {
        s.rotate_left(3);
    }
    for (a, b) in s.iter().zip(d) {
        assert!(*a > 0.0);
        let relative = (f64::from(*a) - *b).abs() / *b;
        assert!(relative < 0.05, "f32 variance {a}, f64 {b}");
    }
}

/// `n` points of dimension 12 in two tight correlated groups near 10⁴ (the dimension where
/// the E-step's and M-step's products run through `einsum!`'s GEMM tier), in `f32` and `f64`.
fn far_groups_d12(n: usize) -> (Vec<[f32; 12]>, Vec<[f64; 12]>) {
    let mut rng = StdRng::seed_from_u64(12);
    let single: Vec<[f32; 12]> = (0..n)
        .map(|i| {
            let base = if i % 2 == 0 { 1.0e4 } else { 1.0e4 + 1.0 };
            let u: f32 = rng.random_range(-0.01..0.01);
            core::array::from_fn(|j| {
                let v: f32 = rng.random_range(-0.01..0.01);
                base + (j as f32) + u + v
            })
        })
        .collect();
    let double = single.iter().map(|p| p.map(f64::from)).collect();
    (single, double)
}

#[test]
fn f32_fits_in_twelve_dimensions_far_from_the_origin_match_f64() {
    let (x, x64) = far_groups_d12(4_000);
    // Start both from the same means: a point of each group.
    let means32 = [x[0], x[1]];
    let means64 = [x64[0], x64[1]];
    for covariance_type in [CovarianceType::Full, CovarianceType::Diag] {
        let single = GaussianMixture::params(2)
            .covariance_type(covariance_type)
            .means_init(&means32[..])
            .max_iter(10)
            .fit(&x[..])
            .expect("an f32 fit");
        let double = GaussianMixture::params(2)
            .covariance_type(covariance_type)
            .means_init(&means64[..])
            .max_iter(10)
            .fit(&x64[..])
            .expect("an f64 fit");
        for c in 0..2 {
            let (s, d) = (single.covariance_matrix(c), double.covariance_matrix(c));
            for i in 0..12 {
                let (a, b) = (s.as_slice()[i * 12 + i], d.as_slice()[i * 12 + i]);
                assert!(a > 0.0, "{covariance_type:?}: f32 variance {a}");
                let relative = (f64::from(a) - b).abs() / b;
                assert!(
                    relative < 1e-2,
                    "{covariance_type:?}: f32 variance {a}, f64 {b}"
                );
            }
        }
        let bounds = (f64::from(single.lower_bound()), double.lower_bound());
        assert!(
            (bounds.0 - bounds.1).abs() < 1e-3 * bounds.1.abs(),
            "{covariance_type:?}: lower bounds {bounds:?}"
        );
    }
}
