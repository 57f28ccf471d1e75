//! Reading the scikit-learn `GaussianMixture` fixtures (`tests/fixtures/README.md`) and
//! measuring a fit against them. Shared by the parity tests and the `sklearn_parity` example.

#![allow(dead_code)]

use std::path::Path;

use gmm::{CovarianceType, GaussianMixture};
use serde::Deserialize;
use serde_json::Value;

use super::parity::{self, Errors, flatten, mismatches, relative_error};

/// One fixture file.
#[derive(Debug, Deserialize)]
pub struct Fixture {
    #[serde(default)]
    pub dataset: String,
    pub covariance_type: String,
    pub n_components: usize,
    pub reg_covar: f64,
    #[serde(rename = "X")]
    pub x: Vec<Vec<f64>>,
    #[serde(default)]
    pub sample_weight: Option<Vec<f64>>,
    pub init: Init,
    pub after: Vec<After>,
}

/// The initial parameters.
#[derive(Debug, Deserialize)]
pub struct Init {
    pub weights: Vec<f64>,
    pub means: Vec<Vec<f64>>,
    pub precisions: Value,
}

/// scikit-learn's state after `n_iter` EM iterations.
#[derive(Debug, Deserialize)]
pub struct After {
    pub n_iter: usize,
    pub weights: Vec<f64>,
    pub means: Vec<Vec<f64>>,
    pub covariances: Value,
    pub score: f64,
    pub score_samples: Vec<f64>,
    pub predict: Vec<usize>,
    pub bic: f64,
    pub aic: f64,
}

/// Reads a fixture file, with a message naming the file on any failure.
pub fn load(path: &Path) -> Result<Fixture, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let fixture: Fixture = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a gmm-sklearn fixture: {e}", path.display()))?;
    fixture
        .validate()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(fixture)
}

impl Fixture {
    /// The data as a flat row-major slice and its dimension.
    pub fn flat_x(&self) -> (Vec<f64>, usize) {
        let d = self.x.first().map_or(0, Vec::len);
        (self.x.iter().flatten().copied().collect(), d)
    }

    pub fn covariance_type(&self) -> Result<CovarianceType, String> {
        self.covariance_type.parse().map_err(|e| format!("{e}"))
    }

    fn validate(&self) -> Result<(), String> {
        let d = self.x.first().map_or(0, Vec::len);
        if self.x.iter().any(|r| r.len() != d) {
            return Err("rows of X have different lengths".into());
        }
        self.covariance_type()?;
        flatten(&self.init.precisions)?;
        for a in &self.after {
            flatten(&a.covariances)?;
        }
        Ok(())
    }

    /// Fits from the fixture's initial parameters for exactly `n_iter` EM iterations, on the
    /// flat data of run-time dimension (weighted when the fixture has weights).
    pub fn fit(&self, n_iter: usize) -> Result<GaussianMixture<f64>, gmm::GmmError> {
        let (flat, d) = self.flat_x();
        let x = einsum::TensorRef::new(&flat, [self.x.len(), d])?;
        let means: Vec<f64> = self.init.means.iter().flatten().copied().collect();
        let means = einsum::TensorRef::new(&means, [self.init.means.len(), d])?;
        let precisions = flatten(&self.init.precisions).expect("validated");
        let params = GaussianMixture::params(self.n_components)
            .covariance_type(self.covariance_type().expect("validated"))
            .reg_covar(self.reg_covar)
            .tol(0.0)
            .max_iter(n_iter)
            .weights_init(self.init.weights.clone())
            .means_init(&means)
            .precisions_init(precisions)
            .check()?;
        match &self.sample_weight {
            Some(w) => params.fit_weighted(&x, w),
            None => params.fit(&x),
        }
    }

    /// Fits for `after.n_iter` iterations and measures every quantity against `after`.
    pub fn measure(&self, after: &After) -> Result<Errors, gmm::GmmError> {
        let model = self.fit(after.n_iter)?;
        let (flat, d) = self.flat_x();
        let x = einsum::TensorRef::new(&flat, [self.x.len(), d])?;
        let scalar = |ours: f64, reference: f64| relative_error(&[ours], &[reference]);
        let (score, bic, aic) = match &self.sample_weight {
            Some(w) => (
                model.score_weighted(&x, w)?,
                model.bic_weighted(&x, w)?,
                model.aic_weighted(&x, w)?,
            ),
            None => (model.score(&x)?, model.bic(&x)?, model.aic(&x)?),
        };
        let covariances = flatten(&after.covariances).expect("validated");
        Ok(Errors {
            n_iter: model.n_iter(),
            quantities: vec![
                ("weights", relative_error(model.weights(), &after.weights)),
                (
                    "means",
                    relative_error(model.means().data(), &after.means.concat()),
                ),
                (
                    "covariances",
                    relative_error(model.covariances().data(), &covariances),
                ),
                (
                    "score_samples",
                    relative_error(&model.score_samples(&x)?, &after.score_samples),
                ),
                ("score", scalar(score, after.score)),
                ("bic", scalar(bic, after.bic)),
                ("aic", scalar(aic, after.aic)),
            ],
            predict_mismatches: mismatches(&model.predict(&x)?, &after.predict),
        })
    }
}

impl parity::Fixture for Fixture {
    fn load(path: &Path) -> Result<Self, String> {
        load(path)
    }

    fn n_iters(&self) -> Vec<usize> {
        self.after.iter().map(|a| a.n_iter).collect()
    }

    fn compare(&self, entry: usize) -> Result<Errors, String> {
        self.measure(&self.after[entry]).map_err(|e| e.to_string())
    }
}

/// The fixture directory.
pub fn fixture_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gmm-sklearn")
}
