//! The `d = 2` kernel (the E-step a block of 32 points at a time over every component, the
//! M-step's sums one component at a time) against the general kernel: the same points with a
//! third coordinate that is always 0 go through the general kernel, and must give the same
//! fit in the first two coordinates. The data span two chunks, the second one partly filled,
//! its last block of points too. Small enough for Miri (`.ci/miri`).

mod common;

use common::centred_uniform;
use common::parity::relative_error;
use gmm::{CovarianceType, GaussianMixture, GmmValidParams};

/// 600 points around three centres, with correlated coordinates.
fn points() -> Vec<[f64; 2]> {
    let mut uniform = centred_uniform(0x2545_f491_4f6c_dd1d);
    let centres = [[0.0, 0.0], [4.0, 1.0], [1.0, 5.0]];
    (0..600)
        .map(|n| {
            let (u, v) = (uniform(), uniform());
            let c = centres[n % 3];
            [c[0] + 2.0 * u + 1.2 * v, c[1] + 1.5 * v]
        })
        .collect()
}

/// The 2-D initial precisions of `t` for three components, and the same with a third axis of
/// precision 1 that is independent of the others.
fn precisions(t: CovarianceType) -> (Vec<f64>, Vec<f64>) {
    let full2 = [0.5, 0.1, 0.1, 0.4];
    let full3 = [0.5, 0.1, 0.0, 0.1, 0.4, 0.0, 0.0, 0.0, 1.0];
    match t {
        CovarianceType::Full => (full2.repeat(3), full3.repeat(3)),
        CovarianceType::Tied => (full2.to_vec(), full3.to_vec()),
        CovarianceType::Diag => ([0.5, 0.4].repeat(3), [0.5, 0.4, 1.0].repeat(3)),
        CovarianceType::Spherical => unreachable!("spherical mixes the axes' variances"),
    }
}

fn params(t: CovarianceType, means: &[Vec<f64>], precisions: Vec<f64>) -> GmmValidParams<f64> {
    let d = means[0].len();
    let flat: Vec<f64> = means.concat();
    GaussianMixture::params(3)
        .covariance_type(t)
        .weights_init(vec![0.3, 0.3, 0.4])
        .means_init(&einsum::TensorRef::new(&flat, [3, d]).unwrap())
        .precisions_init(precisions)
        .max_iter(3)
        .tol(0.0)
        .check()
        .unwrap()
}

/// The covariance types whose 2-D fit a zero third axis leaves alone (spherical is left out:
/// its one variance averages over the axes).
const TYPES: [CovarianceType; 3] = [
    CovarianceType::Full,
    CovarianceType::Tied,
    CovarianceType::Diag,
];

/// Checked parameters of a 3-iteration fit of type `t` for `x2`, and the same for `x2` with a
/// third coordinate that is always 0 (and the points with that coordinate).
fn both_fits(
    t: CovarianceType,
    x2: &[[f64; 2]],
) -> (GmmValidParams<f64>, GmmValidParams<f64>, Vec<[f64; 3]>) {
    let x3 = x2.iter().map(|p| [p[0], p[1], 0.0]).collect();
    let means2 = vec![vec![0.5, 0.5], vec![3.5, 1.5], vec![1.5, 4.5]];
    let means3: Vec<Vec<f64>> = means2.iter().map(|m| vec![m[0], m[1], 0.0]).collect();
    let (p2, p3) = precisions(t);
    (params(t, &means2, p2), params(t, &means3, p3), x3)
}

#[test]
fn the_d2_kernel_fits_as_the_general_kernel_does_on_a_zero_third_axis() {
    let x2 = points();
    for t in TYPES {
        let (params2, params3, x3) = both_fits(t, &x2);
        let (a, b) = (params2.fit(&x2).unwrap(), params3.fit(&x3).unwrap());
        assert_eq!(a.n_iter(), 3, "{t:?}");
        assert!(relative_error(a.weights(), b.weights()) < 1e-12, "{t:?}");
        let means_b: Vec<f64> = b
            .means()
            .data()
            .chunks_exact(3)
            .flat_map(|m| [m[0], m[1]])
            .collect();
        assert!(relative_error(a.means().data(), &means_b) < 1e-12, "{t:?}");
        // The 2 x 2 block of each covariance (the first two entries of each row for diag).
        let covariances_b: Vec<f64> = match t {
            CovarianceType::Diag => b
                .covariances()
                .data()
                .chunks_exact(3)
                .flat_map(|c| [c[0], c[1]])
                .collect(),
            _ => b
                .covariances()
                .data()
                .chunks_exact(9)
                .flat_map(|c| [c[0], c[1], c[3], c[4]])
                .collect(),
        };
        assert!(
            relative_error(a.covariances().data(), &covariances_b) < 1e-12,
            "{t:?}"
        );
        // The likelihoods differ by the zero axis' density: the same for every point.
        let offset = a.score(&x2).unwrap() - b.score(&x3).unwrap();
        let (pa, pb) = (a.predict_proba(&x2).unwrap(), b.predict_proba(&x3).unwrap());
        assert!(
            relative_error(pa.as_slice(), pb.as_slice()) < 1e-12,
            "{t:?} (score offset {offset})"
        );
    }
}

/// A point no component can explain (its squared distances overflow) ends the fit with its
/// row, as the general kernel reports it: row 590 is in the second chunk's last block of
/// points, which is partly padding.
#[test]
fn a_point_with_no_finite_likelihood_is_reported_by_its_row() {
    let mut x2 = points();
    x2[590] = [1e200, -1e200];
    for t in TYPES {
        let (params2, params3, x3) = both_fits(t, &x2);
        let want = Err(gmm::GmmError::NonFiniteLikelihood { row: 590 });
        assert_eq!(params2.fit(&x2).map(|_| ()), want, "{t:?}");
        assert_eq!(params3.fit(&x3).map(|_| ()), want, "{t:?}");
    }
}
