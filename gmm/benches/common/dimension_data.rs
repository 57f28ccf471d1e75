//! The data `./bench/compare --dimensions` writes at each dimension (`bench/compare.py`'s
//! `generate_dimensions`, into `target/bench-compare`): the points and the initial parameters
//! of its one-thread EM iteration, for the examples that time that iteration at any `d`
//! (`dimension_iteration`, `precision`).

use gmm::{CovarianceType, Float, GaussianMixture, flat_rows};

/// The points of one dimension (`n x d`, row-major) and the initial weights, means (`k x d`)
/// and precisions (full's `k x d x d`, tied's `d x d` or diag's `k x d`) of a mixture of `kind`.
pub struct DimensionData<T> {
    pub d: usize,
    pub kind: CovarianceType,
    pub points: Vec<T>,
    pub weights: Vec<T>,
    pub means: Vec<T>,
    pub precisions: Vec<T>,
}

/// The little-endian `f64`s of `DIR/NAME.f64`.
fn read_f64s(dir: &str, name: &str) -> Result<Vec<f64>, String> {
    let bytes = std::fs::read(format!("{dir}/{name}.f64")).map_err(|e| format!("{name}: {e}"))?;
    let values = bytes.as_chunks::<8>().0.iter();
    Ok(values.map(|b| f64::from_le_bytes(*b)).collect())
}

impl DimensionData<f64> {
    /// Dimension `d`'s data in `dir` for a mixture of `kind` (full or diag: the precisions
    /// the script writes; tied: full's first), its first `rows` points (all of them if
    /// `None`).
    pub fn read(
        dir: &str,
        d: usize,
        kind: CovarianceType,
        rows: Option<usize>,
    ) -> Result<Self, String> {
        let mut points = read_f64s(dir, &format!("d{d}_points"))?;
        if let Some(rows) = rows {
            points.truncate(rows * d);
        }
        // tied: full's first precision
        let (name, len) = match kind {
            CovarianceType::Full => ("full", None),
            CovarianceType::Tied => ("full", Some(d * d)),
            _ => ("diag", None),
        };
        let mut precisions = read_f64s(dir, &format!("d{d}_precisions_{name}"))?;
        if let Some(len) = len {
            precisions.truncate(len);
        }
        Ok(DimensionData {
            d,
            kind,
            points,
            weights: read_f64s(dir, &format!("d{d}_weights"))?,
            means: read_f64s(dir, &format!("d{d}_means"))?,
            precisions,
        })
    }

    /// The same values rounded to `f32`.
    // `precision` compares the two; `dimension_iteration` times `f64` only.
    #[allow(dead_code)]
    pub fn to_f32(&self) -> DimensionData<f32> {
        let round = |v: &[f64]| v.iter().map(|&v| v as f32).collect();
        DimensionData {
            d: self.d,
            kind: self.kind,
            points: round(&self.points),
            weights: round(&self.weights),
            means: round(&self.means),
            precisions: round(&self.precisions),
        }
    }
}

impl<T: Float> DimensionData<T> {
    /// A fit of exactly `max_iter` EM iterations (`tol` 0) from the initial parameters.
    pub fn fit(&self, max_iter: usize) -> Result<GaussianMixture<T>, String> {
        let x = flat_rows(&self.points, self.d).map_err(|e| e.to_string())?;
        let means = flat_rows(&self.means, self.d).map_err(|e| e.to_string())?;
        GaussianMixture::params(self.weights.len())
            .covariance_type(self.kind)
            .weights_init(self.weights.clone())
            .means_init(&means)
            .precisions_init(self.precisions.clone())
            .max_iter(max_iter)
            .tol(T::ZERO)
            .fit(&x)
            .map_err(|e| e.to_string())
    }
}
