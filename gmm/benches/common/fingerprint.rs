//! A fingerprint of a fitted model's bits, shared by the examples that compare builds of a
//! kernel change (`iteration`, `dimension_iteration`): equal fingerprints mean every weight,
//! mean, covariance and the lower bound came out the same to the bit.

use gmm::GaussianMixture;

/// The weights', means', covariances' and lower bound's bits folded into one number.
pub fn fingerprint(model: &GaussianMixture<f64>) -> u64 {
    let lower_bound = model.lower_bound();
    let values = (model.weights().iter())
        .chain(model.means().data())
        .chain(model.covariances().data())
        .chain([&lower_bound]);
    values.fold(0, |h, v| h.rotate_left(5) ^ v.to_bits())
}
