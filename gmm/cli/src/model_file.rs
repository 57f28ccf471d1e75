//! The model file: a fitted mixture as JSON, and back.
//!
//! Numbers are written with the shortest representation that reads back to the same `f64`
//! and read with correct rounding, so a loaded model predicts exactly as the fitted one. The
//! counts a file claims (`n_components`, `n_features`) are checked against the lengths of its
//! arrays before anything is sized by them: a hostile file gets an error, never an allocation
//! of its choosing.

use gmm::{CovarianceType, GaussianMixture};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// The value of the `format` field of every model file.
pub const FORMAT: &str = "gmm-model";

/// A mixture with the names of the columns it was fitted on.
pub struct SavedModel {
    pub model: GaussianMixture<f64>,
    pub feature_names: Vec<String>,
}

/// What [`to_json`] writes.
#[derive(Serialize)]
struct Written<'a> {
    format: &'static str,
    version: u32,
    covariance_type: &'static str,
    n_components: usize,
    n_features: usize,
    feature_names: &'a [String],
    weights: &'a [f64],
    means: Vec<&'a [f64]>,
    covariances: Covariances<'a>,
    converged: bool,
    n_iter: usize,
    lower_bound: f64,
    lower_bound_history: &'a [f64],
}

/// The covariances nested as the covariance type's shape.
#[derive(Serialize)]
#[serde(untagged)]
enum Covariances<'a> {
    /// Full: `k x d x d`.
    Matrices(Vec<Vec<&'a [f64]>>),
    /// Tied (`d x d`) and diag (`k x d`).
    Rows(Vec<&'a [f64]>),
    /// Spherical: `k`.
    Values(&'a [f64]),
}

/// What [`from_json`] reads (other fields are ignored). The covariances stay raw text until
/// the covariance type says their shape.
#[derive(Deserialize)]
struct Read {
    format: String,
    covariance_type: String,
    n_components: u64,
    n_features: u64,
    #[serde(default)]
    feature_names: Option<Vec<String>>,
    weights: Vec<f64>,
    means: Vec<Vec<f64>>,
    covariances: Box<RawValue>,
}

/// The model as a JSON object: parameters, fit diagnostics and the column names.
pub fn to_json(model: &GaussianMixture<f64>, feature_names: &[String]) -> Map<String, Value> {
    let (k, d) = (model.n_components(), model.n_features());
    let covariance_type = model.covariance_type();
    let covariances = model.covariances().data();
    let covariances = match covariance_type {
        CovarianceType::Full => Covariances::Matrices(
            covariances
                .chunks((d * d).max(1))
                .map(|m| m.chunks(d.max(1)).collect())
                .collect(),
        ),
        CovarianceType::Tied | CovarianceType::Diag => {
            Covariances::Rows(covariances.chunks(d.max(1)).collect())
        }
        CovarianceType::Spherical => Covariances::Values(covariances),
    };
    let written = Written {
        format: FORMAT,
        version: 1,
        covariance_type: covariance_type.name(),
        n_components: k,
        n_features: d,
        feature_names,
        weights: model.weights(),
        means: model.means().data().chunks(d.max(1)).collect(),
        covariances,
        converged: model.converged(),
        n_iter: model.n_iter(),
        lower_bound: model.lower_bound(),
        lower_bound_history: model.lower_bound_history(),
    };
    match serde_json::to_value(written) {
        Ok(Value::Object(map)) => map,
        other => unreachable!("a struct of numbers and strings serialises to an object: {other:?}"),
    }
}

/// `"{field}" must be ... of shape {shape:?}`.
fn wrong_shape(field: &str, shape: &[usize]) -> String {
    format!("\"{field}\" must be nested arrays of numbers of shape {shape:?}")
}

/// Rows that must be `rows` arrays of `width` numbers, flattened; the lengths are checked
/// before the flat vector is allocated, so its size is the file's, not a claim's.
fn flat(field: &str, data: &[Vec<f64>], rows: usize, width: usize) -> Result<Vec<f64>, String> {
    if data.len() != rows || data.iter().any(|row| row.len() != width) {
        return Err(wrong_shape(field, &[rows, width]));
    }
    Ok(data.concat())
}

/// The covariances of a `covariance_type` model of `k` components in `d` dimensions, flat.
fn covariances(
    raw: &RawValue,
    covariance_type: CovarianceType,
    k: usize,
    d: usize,
) -> Result<Vec<f64>, String> {
    let parse_error = |shape: &[usize]| {
        let shape = shape.to_vec();
        move |_| wrong_shape("covariances", &shape)
    };
    match covariance_type {
        CovarianceType::Full => {
            let matrices: Vec<Vec<Vec<f64>>> =
                serde_json::from_str(raw.get()).map_err(parse_error(&[k, d, d]))?;
            if matrices.len() != k
                || matrices
                    .iter()
                    .any(|m| m.len() != d || m.iter().any(|row| row.len() != d))
            {
                return Err(wrong_shape("covariances", &[k, d, d]));
            }
            Ok(matrices.concat().concat())
        }
        CovarianceType::Tied | CovarianceType::Diag => {
            let rows = if covariance_type == CovarianceType::Tied {
                d
            } else {
                k
            };
            let data: Vec<Vec<f64>> =
                serde_json::from_str(raw.get()).map_err(parse_error(&[rows, d]))?;
            flat("covariances", &data, rows, d)
        }
        CovarianceType::Spherical => {
            let data: Vec<f64> = serde_json::from_str(raw.get()).map_err(parse_error(&[k]))?;
            if data.len() != k {
                return Err(wrong_shape("covariances", &[k]));
            }
            Ok(data)
        }
    }
}

/// Reads a model file written by [`to_json`] (extra fields are ignored).
pub fn from_json(bytes: &[u8]) -> Result<SavedModel, String> {
    let read: Read = serde_json::from_slice(bytes).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => format!("not a gmm model file: {e}"),
        _ => format!("not a JSON model file: {e}"),
    })?;
    if read.format != FORMAT {
        return Err(format!(
            "not a gmm model file: \"format\" is not \"{FORMAT}\""
        ));
    }
    let covariance_type: CovarianceType = read
        .covariance_type
        .parse()
        .map_err(|e: gmm::GmmError| e.to_string())?;
    // A claim that does not fit in usize cannot match the arrays' lengths either.
    let count = |v: u64| usize::try_from(v).unwrap_or(usize::MAX);
    let (k, d) = (count(read.n_components), count(read.n_features));
    if read.weights.len() != k {
        return Err(wrong_shape("weights", &[k]));
    }
    let means = flat("means", &read.means, k, d)?;
    let covariances = covariances(&read.covariances, covariance_type, k, d)?;
    let means = gmm::flat_rows(&means, d).map_err(|e| e.to_string())?;
    let model =
        GaussianMixture::from_parameters(covariance_type, &read.weights, &means, &covariances)
            .map_err(|e| e.to_string())?;
    let feature_names = match read.feature_names {
        Some(names) if names.len() == d => names,
        Some(names) => {
            return Err(format!(
                "\"feature_names\" has {} names for {d} features",
                names.len()
            ));
        }
        None => (0..d).map(|i| format!("x{i}")).collect(),
    };
    Ok(SavedModel {
        model,
        feature_names,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_covariance_type_round_trips_exactly() {
        let x: &[[f64; 2]] = &[
            [0.1, 0.3],
            [0.7, 1.9],
            [1.3, 1.2],
            [6.0, 5.1],
            [7.7, 6.9],
            [6.1, 7.3],
            [0.5, 0.2],
        ];
        for name in ["full", "tied", "diag", "spherical"] {
            let fitted = GaussianMixture::params(2)
                .covariance_type(name.parse().unwrap())
                .fit(x)
                .unwrap();
            let names = vec!["a".to_string(), "b".to_string()];
            let text = serde_json::to_vec(&to_json(&fitted, &names)).unwrap();
            let saved = from_json(&text).unwrap();
            assert_eq!(saved.feature_names, names);
            assert_eq!(saved.model.covariances(), fitted.covariances(), "{name}");
            assert_eq!(
                saved.model.precisions_cholesky(),
                fitted.precisions_cholesky(),
                "{name}"
            );
            assert_eq!(saved.model.score_samples(x), fitted.score_samples(x));
        }
    }

    #[test]
    fn malformed_files_are_refused_with_a_reason() {
        let err = |t: &str| from_json(t.as_bytes()).err().unwrap();
        assert!(err("[").contains("not a JSON model file"));
        assert!(err("{}").contains("missing field `format`"));
        assert!(err(r#"{"format":"x"}"#).contains("not a gmm model file"));
        let base = r#"{"format":"gmm-model","covariance_type":"full","n_components":1,
            "n_features":2,"weights":[1.0],"means":[[0,0]],"covariances":COV}"#;
        assert!(err(&base.replace("COV", "[[[1,0],[0]]]")).contains("shape [1, 2, 2]"));
        assert!(err(&base.replace("COV", "[[[1,\"a\"],[0,1]]]")).contains("shape [1, 2, 2]"));
        assert!(err(&base.replace("COV", "[[[1,2],[2,1]]]")).contains("positive definite"));
        let named = base
            .replace("COV", "[[[1,0],[0,1]]]")
            .replace("\"weights\"", "\"feature_names\":[\"a\"],\"weights\"");
        assert!(err(&named).contains("1 names for 2 features"));
    }

    /// The model file of one component claiming `k` components of `d` features.
    fn claiming(covariance_type: &str, k: &str, d: &str, arrays: &str) -> String {
        format!(
            r#"{{"format":"gmm-model","covariance_type":"{covariance_type}",
            "n_components":{k},"n_features":{d},{arrays}}}"#
        )
    }

    const ONE_COMPONENT: &str = r#""weights":[1.0],"means":[[0,0]],"covariances":[[[1,0],[0,1]]]"#;

    #[test]
    fn claimed_counts_beyond_the_arrays_are_refused_before_allocating() {
        let err = |t: String| from_json(t.as_bytes()).err().unwrap();
        // 10^15 x 10^15: today's reader reserved 10^30 values before looking.
        let e = err(claiming(
            "full",
            "1000000000000000",
            "1000000000000000",
            ONE_COMPONENT,
        ));
        assert!(
            e.contains("\"weights\" must be") && e.contains("[1000000000000000]"),
            "{e}"
        );
        // 2^32 x 2^32 with empty arrays.
        let empty = r#""weights":[],"means":[],"covariances":[]"#;
        for t in ["full", "tied", "diag", "spherical"] {
            let e = err(claiming(t, "4294967296", "4294967296", empty));
            assert!(e.contains("\"weights\" must be"), "{t}: {e}");
        }
        // k = 10^13 (what `gmm sample` was handed).
        let e = err(claiming("diag", "10000000000000", "2", ONE_COMPONENT));
        assert!(e.contains("[10000000000000]"), "{e}");
        // The right number of components but a claimed dimension beyond the means.
        let e = err(claiming("full", "1", "100000000000", ONE_COMPONENT));
        assert!(e.contains("\"means\" must be"), "{e}");
        // Counts past u64.
        let e = err(claiming("full", "1e30", "2", ONE_COMPONENT));
        assert!(e.contains("not a gmm model file"), "{e}");
    }
}
