//! A fixed-seed 2-D mixture shaped like the bioimaging job (nuclei scattered over a 512 x 512
//! image, each an elongated, tilted Gaussian) and the initial parameters a fit starts from,
//! shared by the `em` bench and the `scaling` example.

use gmm::{CovarianceType, GaussianMixture, GmmValidParams};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::StandardNormal;

/// Data drawn from a known mixture, and the initial parameters of a fit to it.
pub struct Problem {
    /// The samples.
    pub x: Vec<[f64; 2]>,
    /// Equal initial weights.
    pub weights_init: Vec<f64>,
    /// The true means, each moved by about 3 px.
    pub means_init: Vec<[f64; 2]>,
    /// The precision of a round Gaussian of 8 px standard deviation.
    pub precision_init: f64,
}

/// `n` points from a `k`-component mixture with correlated covariances (standard deviations
/// 2 to 12 px, any orientation) and unequal weights, over a 512 x 512 square.
pub fn problem(n: usize, k: usize, seed: u64) -> Problem {
    let mut rng = StdRng::seed_from_u64(seed);
    // Each component: centre, standard deviations along its axes, angle, weight.
    let shapes: Vec<([f64; 2], [f64; 2], f64, f64)> = (0..k)
        .map(|_| {
            let centre = [rng.random_range(16.0..496.0), rng.random_range(16.0..496.0)];
            let major: f64 = rng.random_range(3.0..12.0);
            let minor: f64 = rng.random_range(2.0..=major);
            let angle: f64 = rng.random_range(0.0..std::f64::consts::PI);
            let weight: f64 = rng.random_range(0.5..1.5);
            (centre, [major, minor], angle, weight)
        })
        .collect();
    let total: f64 = shapes.iter().map(|s| s.3).sum();
    let mut cumulative = Vec::with_capacity(k);
    let mut acc = 0.0;
    for s in &shapes {
        acc += s.3 / total;
        cumulative.push(acc);
    }
    let x = (0..n)
        .map(|_| {
            let u: f64 = rng.random();
            let c = cumulative.partition_point(|&p| p <= u).min(k - 1);
            let (centre, [major, minor], angle, _) = shapes[c];
            let (a, b): (f64, f64) = (rng.sample(StandardNormal), rng.sample(StandardNormal));
            let (s, co) = angle.sin_cos();
            [
                centre[0] + co * major * a - s * minor * b,
                centre[1] + s * major * a + co * minor * b,
            ]
        })
        .collect();
    let means_init = shapes
        .iter()
        .map(|(centre, ..)| {
            let (a, b): (f64, f64) = (rng.sample(StandardNormal), rng.sample(StandardNormal));
            [centre[0] + 3.0 * a, centre[1] + 3.0 * b]
        })
        .collect();
    Problem {
        x,
        weights_init: vec![1.0 / k as f64; k],
        means_init,
        precision_init: 1.0 / 64.0,
    }
}

impl Problem {
    /// The number of components.
    pub fn k(&self) -> usize {
        self.weights_init.len()
    }

    /// The initial precisions in the layout of `covariance_type`.
    pub fn precisions_init(&self, covariance_type: CovarianceType) -> Vec<f64> {
        let (k, p) = (self.k(), self.precision_init);
        match covariance_type {
            CovarianceType::Full => (0..k).flat_map(|_| [p, 0.0, 0.0, p]).collect(),
            CovarianceType::Tied => vec![p, 0.0, 0.0, p],
            CovarianceType::Diag => vec![p; 2 * k],
            CovarianceType::Spherical => vec![p; k],
        }
    }

    /// Checked parameters of a fit from the initial parameters: at most `max_iter`
    /// iterations, stopping when the lower bound changes by less than `tol`.
    pub fn params(
        &self,
        covariance_type: CovarianceType,
        max_iter: usize,
        tol: f64,
    ) -> GmmValidParams<f64> {
        GaussianMixture::params(self.k())
            .covariance_type(covariance_type)
            .weights_init(self.weights_init.clone())
            .means_init(self.means_init.as_slice())
            .precisions_init(self.precisions_init(covariance_type))
            .max_iter(max_iter)
            .tol(tol)
            .check()
            .expect("valid parameters")
    }
}
