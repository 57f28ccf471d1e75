//! Reading the scikit-learn `BayesianGaussianMixture` fixtures (`tests/fixtures/README.md`,
//! section bgm-sklearn) and measuring a fit against them. Shared by the parity tests and the
//! `bgm_parity` example.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use gmm::{BayesianGaussianMixture, CovarianceType, GmmError, WeightConcentrationPriorType};
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
    pub weight_concentration_prior_type: String,
    pub reg_covar: f64,
    #[serde(rename = "X")]
    pub x: Vec<Vec<f64>>,
    #[serde(default)]
    pub sample_weight: Option<Vec<f64>>,
    pub init_resp: Vec<Vec<f64>>,
    pub priors: FixturePriors,
    pub after: Vec<After>,
}

/// The priors scikit-learn used (its defaults for the data).
#[derive(Debug, Deserialize)]
pub struct FixturePriors {
    pub weight_concentration_prior: f64,
    pub mean_precision_prior: f64,
    pub mean_prior: Vec<f64>,
    pub degrees_of_freedom_prior: f64,
    pub covariance_prior: Value,
}

/// scikit-learn's state after `n_iter` variational iterations.
#[derive(Debug, Deserialize)]
pub struct After {
    pub n_iter: usize,
    pub weight_concentration: Value,
    pub mean_precision: Vec<f64>,
    pub degrees_of_freedom: Value,
    pub weights: Vec<f64>,
    pub means: Vec<Vec<f64>>,
    pub covariances: Value,
    pub precisions_cholesky: Value,
    pub lower_bound: f64,
    pub score_samples: Vec<f64>,
    pub predict: Vec<usize>,
    pub predict_proba: Vec<Vec<f64>>,
}

/// The directory of the fixtures.
pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bgm-sklearn")
}

/// Reads a fixture file, with a message naming the file on any failure.
pub fn load(path: &Path) -> Result<Fixture, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let fixture: Fixture = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a bgm-sklearn fixture: {e}", path.display()))?;
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

    pub fn prior_type(&self) -> Result<WeightConcentrationPriorType, String> {
        self.weight_concentration_prior_type
            .parse()
            .map_err(|e| format!("{e}"))
    }

    fn validate(&self) -> Result<(), String> {
        let d = self.x.first().map_or(0, Vec::len);
        if self.x.iter().any(|r| r.len() != d) {
            return Err("rows of X have different lengths".into());
        }
        if self.init_resp.len() != self.x.len()
            || self.init_resp.iter().any(|r| r.len() != self.n_components)
        {
            return Err("init_resp is not n x k".into());
        }
        self.covariance_type()?;
        self.prior_type()?;
        flatten(&self.priors.covariance_prior)?;
        for a in &self.after {
            for v in [
                &a.weight_concentration,
                &a.degrees_of_freedom,
                &a.covariances,
                &a.precisions_cholesky,
            ] {
                flatten(v)?;
            }
        }
        Ok(())
    }

    /// Fits from `init_resp` for exactly `n_iter` iterations on the flat data of run-time
    /// dimension (weighted when the fixture has weights), the priors left to their defaults.
    pub fn fit(&self, n_iter: usize) -> Result<BayesianGaussianMixture<f64>, GmmError> {
        let (flat, d) = self.flat_x();
        let x = einsum::TensorRef::new(&flat, [self.x.len(), d])?;
        let resp: Vec<f64> = self.init_resp.iter().flatten().copied().collect();
        let resp = einsum::TensorRef::new(&resp, [self.x.len(), self.n_components])?;
        let params = BayesianGaussianMixture::params(self.n_components)
            .covariance_type(self.covariance_type().expect("validated"))
            .weight_concentration_prior_type(self.prior_type().expect("validated"))
            .reg_covar(self.reg_covar)
            .tol(0.0)
            .max_iter(n_iter)
            .responsibilities_init(&resp)
            .check()?;
        match &self.sample_weight {
            Some(w) => params.fit_weighted(&x, w),
            None => params.fit(&x),
        }
    }

    /// The errors of the priors the fit resolved by default against the fixture's.
    pub fn prior_errors(&self, model: &BayesianGaussianMixture<f64>) -> Vec<(&'static str, f64)> {
        let p = model.priors();
        let ours_cov = &p.covariance_prior;
        let theirs_cov = flatten(&self.priors.covariance_prior).expect("validated");
        vec![
            (
                "weight_concentration_prior",
                relative_error(
                    &[p.weight_concentration_prior],
                    &[self.priors.weight_concentration_prior],
                ),
            ),
            (
                "mean_precision_prior",
                relative_error(
                    &[p.mean_precision_prior],
                    &[self.priors.mean_precision_prior],
                ),
            ),
            (
                "mean_prior",
                relative_error(&p.mean_prior, &self.priors.mean_prior),
            ),
            (
                "degrees_of_freedom_prior",
                relative_error(
                    &[p.degrees_of_freedom_prior],
                    &[self.priors.degrees_of_freedom_prior],
                ),
            ),
            ("covariance_prior", relative_error(ours_cov, &theirs_cov)),
        ]
    }

    /// Fits for `after.n_iter` iterations and measures every quantity against `after`.
    pub fn measure(&self, after: &After) -> Result<Errors, String> {
        let model = self.fit(after.n_iter).map_err(|e| e.to_string())?;
        let (flat, d) = self.flat_x();
        let x = einsum::TensorRef::new(&flat, [self.x.len(), d]).map_err(|e| e.to_string())?;
        let score_samples = model.score_samples(&x).map_err(|e| e.to_string())?;
        let predict = model.predict(&x).map_err(|e| e.to_string())?;
        let proba = model.predict_proba(&x).map_err(|e| e.to_string())?;
        let reference = |v: &Value| flatten(v).expect("validated");
        let flat2 = |v: &[Vec<f64>]| v.iter().flatten().copied().collect::<Vec<f64>>();
        let mut quantities = vec![
            ("weights", relative_error(model.weights(), &after.weights)),
            (
                "means",
                relative_error(model.means().data(), &flat2(&after.means)),
            ),
            (
                "covariances",
                relative_error(model.covariances().data(), &reference(&after.covariances)),
            ),
            (
                "precisions_cholesky",
                relative_error(
                    model.precisions_cholesky().data(),
                    &reference(&after.precisions_cholesky),
                ),
            ),
            (
                "weight_concentration",
                relative_error(
                    model.weight_concentration().data(),
                    &reference(&after.weight_concentration),
                ),
            ),
            (
                "mean_precision",
                relative_error(model.mean_precision(), &after.mean_precision),
            ),
            (
                "degrees_of_freedom",
                relative_error(
                    model.degrees_of_freedom(),
                    &reference(&after.degrees_of_freedom),
                ),
            ),
            (
                "lower_bound",
                relative_error(&[model.lower_bound()], &[after.lower_bound]),
            ),
            (
                "score_samples",
                relative_error(&score_samples, &after.score_samples),
            ),
            (
                "predict_proba",
                relative_error(proba.as_slice(), &flat2(&after.predict_proba)),
            ),
        ];
        quantities.extend(self.prior_errors(&model));
        Ok(Errors {
            n_iter: model.n_iter(),
            quantities,
            predict_mismatches: mismatches(&predict, &after.predict),
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
        self.measure(&self.after[entry])
    }
}
