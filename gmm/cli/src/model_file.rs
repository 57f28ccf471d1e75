//! The model file: a fitted mixture as JSON, and back.
//!
//! Numbers are written with the shortest representation that reads back to the same `f64`
//! and read with correct rounding, so a loaded model predicts exactly as the fitted one.

use gmm::{CovarianceType, GaussianMixture};
use serde_json::{Map, Value, json};

/// The value of the `format` field of every model file.
pub const FORMAT: &str = "gmm-model";

/// A mixture with the names of the columns it was fitted on.
pub struct SavedModel {
    pub model: GaussianMixture<f64>,
    pub feature_names: Vec<String>,
}

/// The shape of the covariance parameters of `k` components in `d` dimensions.
fn covariance_shape(covariance_type: CovarianceType, k: usize, d: usize) -> Vec<usize> {
    match covariance_type {
        CovarianceType::Full => vec![k, d, d],
        CovarianceType::Tied => vec![d, d],
        CovarianceType::Diag => vec![k, d],
        CovarianceType::Spherical => vec![k],
    }
}

/// Nested JSON arrays of `data` in row-major `shape`.
fn nest(data: &[f64], shape: &[usize]) -> Value {
    match shape {
        [] | [_] => json!(data),
        [_, inner @ ..] => {
            let stride: usize = inner.iter().product();
            Value::Array(
                data.chunks(stride.max(1))
                    .map(|chunk| nest(chunk, inner))
                    .collect(),
            )
        }
    }
}

/// Flattens nested JSON arrays of numbers that must have exactly `shape`.
fn flatten(value: &Value, shape: &[usize], field: &str) -> Result<Vec<f64>, String> {
    fn walk(value: &Value, shape: &[usize], out: &mut Vec<f64>) -> Option<()> {
        match (shape, value) {
            ([], Value::Number(n)) => out.push(n.as_f64()?),
            ([len, inner @ ..], Value::Array(items)) if items.len() == *len => {
                for item in items {
                    walk(item, inner, out)?;
                }
            }
            _ => return None,
        }
        Some(())
    }
    let mut out = Vec::with_capacity(shape.iter().product());
    walk(value, shape, &mut out).ok_or_else(|| {
        format!("\"{field}\" must be nested arrays of numbers of shape {shape:?}")
    })?;
    Ok(out)
}

/// The model as a JSON object: parameters, fit diagnostics and the column names.
pub fn to_json(model: &GaussianMixture<f64>, feature_names: &[String]) -> Map<String, Value> {
    let covariances = model.covariances();
    let value = json!({
        "format": FORMAT,
        "version": 1,
        "covariance_type": model.covariance_type().name(),
        "n_components": model.n_components(),
        "n_features": model.n_features(),
        "feature_names": feature_names,
        "weights": model.weights(),
        "means": nest(model.means().data(), &model.means().shape()),
        "covariances": nest(covariances.data(), covariances.shape()),
        "converged": model.converged(),
        "n_iter": model.n_iter(),
        "lower_bound": model.lower_bound(),
        "lower_bound_history": model.lower_bound_history(),
    });
    match value {
        Value::Object(map) => map,
        _ => unreachable!("json! of an object literal is an object"),
    }
}

/// Reads a model file written by [`to_json`] (extra fields are ignored).
pub fn from_json(bytes: &[u8]) -> Result<SavedModel, String> {
    let value: Value =
        serde_json::from_slice(bytes).map_err(|e| format!("not a JSON model file: {e}"))?;
    let field = |name: &str| {
        value
            .get(name)
            .ok_or_else(|| format!("not a gmm model file: no \"{name}\" field"))
    };
    if field("format")?.as_str() != Some(FORMAT) {
        return Err(format!(
            "not a gmm model file: \"format\" is not \"{FORMAT}\""
        ));
    }
    let covariance_type: CovarianceType = field("covariance_type")?
        .as_str()
        .unwrap_or("")
        .parse()
        .map_err(|e: gmm::GmmError| e.to_string())?;
    let count = |name: &str| {
        field(name)?
            .as_u64()
            .and_then(|v| usize::try_from(v).ok())
            .ok_or_else(|| format!("\"{name}\" must be a non-negative integer"))
    };
    let (k, d) = (count("n_components")?, count("n_features")?);
    let weights = flatten(field("weights")?, &[k], "weights")?;
    let means = flatten(field("means")?, &[k, d], "means")?;
    let shape = covariance_shape(covariance_type, k, d);
    let covariances = flatten(field("covariances")?, &shape, "covariances")?;
    let means = gmm::flat_rows(&means, d).map_err(|e| e.to_string())?;
    let model = GaussianMixture::from_parameters(covariance_type, &weights, &means, &covariances)
        .map_err(|e| e.to_string())?;
    let feature_names = match value.get("feature_names").and_then(Value::as_array) {
        Some(names) if names.len() == d => names
            .iter()
            .map(|n| n.as_str().map(str::to_string))
            .collect::<Option<_>>()
            .ok_or("\"feature_names\" must be strings")?,
        _ => (0..d).map(|i| format!("x{i}")).collect(),
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
        assert!(err("{}").contains("no \"format\""));
        let base = r#"{"format":"gmm-model","covariance_type":"full","n_components":1,
            "n_features":2,"weights":[1.0],"means":[[0,0]],"covariances":COV}"#;
        assert!(err(&base.replace("COV", "[[[1,0],[0]]]")).contains("shape [1, 2, 2]"));
        assert!(err(&base.replace("COV", "[[[1,2],[2,1]]]")).contains("positive definite"));
    }
}
