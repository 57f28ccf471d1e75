//! The Python methods both fitted classes share ([`crate::mixture::Mixture`] and
//! [`crate::bayesian::BayesianMixture`]): the two library types answer the same calls under
//! the same names, so one macro writes them for both.

/// The `#[pymethods]` of a class holding a `Typed` fitted model in `self.model`: the
/// parameters, the fit history and the predictions, then the class's own methods `$extra`.
macro_rules! mixture_methods {
    ($class:ident { $($extra:tt)* }) => {
        #[pymethods]
        impl $class {
            /// `"float32"` or `"float64"`.
            #[getter]
            fn dtype(&self) -> &'static str {
                self.model.dtype()
            }

            /// The covariance type's name.
            #[getter]
            fn covariance_type(&self) -> &'static str {
                dispatch!(&self.model, m, T => m.covariance_type().name())
            }

            /// The mixing weights, `(k,)`.
            #[getter]
            fn weights<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                dispatch!(&self.model, m, T => array(py, m.weights(), &[m.n_components()]))
            }

            /// The means, `(k, d)`.
            #[getter]
            fn means<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                dispatch!(&self.model, m, T => array(py, m.means().data(), &m.means().shape()))
            }

            /// The covariances in the covariance type's shape.
            #[getter]
            fn covariances<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                dispatch!(&self.model, m, T => {
                    let v = m.covariances();
                    array(py, v.data(), v.shape())
                })
            }

            /// The precisions in the covariance type's shape.
            #[getter]
            fn precisions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                dispatch!(&self.model, m, T => {
                    let v = m.precisions();
                    array(py, v.data(), v.shape())
                })
            }

            /// The Cholesky factors of the precisions in the covariance type's shape.
            #[getter]
            fn precisions_cholesky<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                dispatch!(&self.model, m, T => {
                    let v = m.precisions_cholesky();
                    array(py, v.data(), v.shape())
                })
            }

            /// Whether the kept run converged.
            #[getter]
            fn converged(&self) -> bool {
                dispatch!(&self.model, m, T => m.converged())
            }

            /// The number of iterations of the kept run.
            #[getter]
            fn n_iter(&self) -> usize {
                dispatch!(&self.model, m, T => m.n_iter())
            }

            /// The lower bound after the kept run's last iteration.
            #[getter]
            fn lower_bound(&self) -> f64 {
                dispatch!(&self.model, m, T => m.lower_bound().into_f64())
            }

            /// The lower bound after every iteration of the kept run.
            #[getter]
            fn lower_bounds(&self) -> Vec<f64> {
                dispatch!(&self.model, m, T => widen(m.lower_bound_history()))
            }

            /// The log-likelihood of every row of `x` (an array of the model's dtype).
            fn score_samples<'py>(
                &self,
                py: Python<'py>,
                x: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, PyAny>> {
                dispatch!(&self.model, m, T => {
                    let scores = on_rows::<T, _>(py, x, None, |x, _| m.score_samples(&x))?;
                    Ok(vector(py, scores))
                })
            }

            /// The component of highest posterior of every row of `x`.
            fn predict<'py>(
                &self,
                py: Python<'py>,
                x: &Bound<'py, PyAny>,
            ) -> PyResult<Bound<'py, PyAny>> {
                dispatch!(&self.model, m, T => {
                    Ok(labels(py, on_rows::<T, _>(py, x, None, |x, _| m.predict(&x))?))
                })
            }

            /// The posterior of every component for every row of `x`, `(n, k)`; with
            /// `batch_size`, for the rows of batch `index` of `predict_proba_batches`
            /// (`(batch_size, k)`, the last batch shorter), `predict_proba`'s values to the
            /// bit. Handed to numpy without a copy.
            #[pyo3(signature = (x, batch_size=None, index=0))]
            fn predict_proba<'py>(
                &self,
                py: Python<'py>,
                x: &Bound<'py, PyAny>,
                batch_size: Option<usize>,
                index: usize,
            ) -> PyResult<Bound<'py, PyAny>> {
                dispatch!(&self.model, m, T => {
                    let p = on_rows::<T, _>(py, x, None, |x, _| match batch_size {
                        None => m.predict_proba(&x),
                        Some(rows) => m
                            .predict_proba_batches(&x, rows)?
                            .nth(index)
                            .unwrap_or_else(|| Err(gmm::GmmError::InvalidParameter {
                                name: "index",
                                reason: format!("there is no batch {index}"),
                            })),
                    })?;
                    matrix(py, p)
                })
            }

            /// The (weighted) mean of `score_samples` over the rows of `x`.
            #[pyo3(signature = (x, sample_weight=None))]
            fn score<'py>(
                &self,
                py: Python<'py>,
                x: &Bound<'py, PyAny>,
                sample_weight: Option<&Bound<'py, PyAny>>,
            ) -> PyResult<f64> {
                dispatch!(&self.model, m, T => {
                    on_rows::<T, _>(py, x, sample_weight, |x, w| match w {
                        Some(w) => m.score_weighted(&x, w),
                        None => m.score(&x),
                    })
                    .map(|s| s.into_f64())
                })
            }

            /// `n_samples` rows drawn from the mixture with `seed`, grouped by component, and
            /// their components.
            fn sample<'py>(
                &self,
                py: Python<'py>,
                n_samples: usize,
                seed: u64,
            ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyAny>)> {
                dispatch!(&self.model, m, T => {
                    let (rows, components) =
                        py.detach(|| m.sample(n_samples, seed)).map_err(value_error)?;
                    Ok((array(py, rows.as_slice(), &rows.shape())?, labels(py, components)))
                })
            }

            $($extra)*
        }
    };
}

pub(crate) use mixture_methods;
