//! `gmm fit --select bic|icl` (every k of a range and every covariance type asked for, the
//! best kept) and `gmm fit --bayesian` (a Dirichlet-process mixture with k as an upper bound).

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Instant;

use clap::Args;
use gmm::{
    BayesianGaussianMixture, CovarianceType, Criterion, GaussianMixture, GmmParams, InitMethod,
    ModelSelection, Selection, WeightConcentrationPriorType,
};
use serde_json::{Map, Value, json};

use crate::commands::FitOptions;
use crate::input::{self, ReadOptions};
use crate::model_file;
use crate::output;
use crate::table::Table;
use crate::{CovarianceArg, InitArg, plot};

/// `-k`: one number of components, or an inclusive range `MIN..MAX` (`MIN..=MAX` too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComponentRange {
    pub min: usize,
    pub max: usize,
}

impl ComponentRange {
    /// The one k, unless a range was given.
    pub fn single(self) -> Option<usize> {
        (self.min == self.max).then_some(self.min)
    }

    /// The range, if it is not empty and starts at 1 or more.
    pub fn checked(self) -> Result<Self, String> {
        if self.min == 0 {
            return Err("-k must be at least 1 (the number of components)".into());
        }
        if self.min > self.max {
            return Err(format!("-k {self}: the range is empty (write MIN..MAX)"));
        }
        Ok(self)
    }
}

impl FromStr for ComponentRange {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let number = |t: &str| {
            t.trim()
                .parse::<usize>()
                .map_err(|_| format!("{t:?} is not a whole number of components"))
        };
        let (min, max) = match s.split_once("..") {
            None => {
                let k = number(s)?;
                (k, k)
            }
            Some((a, b)) => (number(a)?, number(b.strip_prefix('=').unwrap_or(b))?),
        };
        Ok(ComponentRange { min, max })
    }
}

impl std::fmt::Display for ComponentRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.single() {
            Some(k) => write!(f, "{k}"),
            None => write!(f, "{}..{}", self.min, self.max),
        }
    }
}

/// The options of `gmm fit` that choose the model rather than fit one.
#[derive(Debug, Clone, Args)]
pub struct ChoiceOptions {
    /// Fit every k of -k MIN..MAX and every --covariance-type (or all), in parallel, and keep
    /// the lowest criterion: bic, or icl (BIC plus twice the entropy of the hard
    /// assignments, as mclust). Prints the table, writes the best model and a plot of the
    /// criterion against k.
    #[arg(long, value_name = "bic|icl", value_parser = parse_criterion)]
    pub select: Option<Criterion>,
    /// Fit a variational Bayesian mixture with a Dirichlet-process prior on the weights
    /// (scikit-learn's BayesianGaussianMixture): -k is an upper bound, the prior empties the
    /// components the data does not need.
    #[arg(long, conflicts_with = "select")]
    pub bayesian: bool,
    /// With --select: where to write the plot of the criterion against k (PNG); by default
    /// beside --out, named after it and the criterion.
    #[arg(long, value_name = "PNG", requires = "select")]
    pub plot: Option<PathBuf>,
}

fn parse_criterion(s: &str) -> Result<Criterion, String> {
    s.parse()
        .map_err(|_| format!("{s:?} is not a criterion; use bic or icl"))
}

/// The covariance types `--covariance-type` names (`all`: the four).
pub fn covariance_types(arg: CovarianceArg) -> Vec<CovarianceType> {
    match arg {
        CovarianceArg::Full => vec![CovarianceType::Full],
        CovarianceArg::Tied => vec![CovarianceType::Tied],
        CovarianceArg::Diag => vec![CovarianceType::Diag],
        CovarianceArg::Spherical => vec![CovarianceType::Spherical],
        CovarianceArg::All => vec![
            CovarianceType::Full,
            CovarianceType::Tied,
            CovarianceType::Diag,
            CovarianceType::Spherical,
        ],
    }
}

/// The initialisation `--init` names.
pub fn init_method(arg: InitArg) -> InitMethod {
    match arg {
        InitArg::Kmeans => InitMethod::KMeans,
        InitArg::KMeansPlusPlus => InitMethod::KMeansPlusPlus,
        InitArg::Random => InitMethod::Random,
        InitArg::RandomFromData => InitMethod::RandomFromData,
    }
}

/// Sets the fit options other than k and the covariance type on a candidate's builder.
fn configure(options: &FitOptions) -> impl Fn(GmmParams<f64>) -> GmmParams<f64> + use<> {
    let (tol, max_iter, n_init, seed, reg_covar) = (
        options.tol,
        options.max_iter,
        options.n_init,
        options.seed,
        options.reg_covar,
    );
    let init = init_method(options.init);
    move |p| {
        p.tol(tol)
            .max_iter(max_iter)
            .n_init(n_init)
            .init_method(init)
            .seed(seed)
            .reg_covar(reg_covar)
    }
}

/// `gmm fit --select`: the table (stdout when the model goes to a file, else stderr), the best
/// model, and the plot; nothing is written unless every part is ready.
pub fn select(
    input: &Path,
    read: &ReadOptions,
    options: &FitOptions,
    criterion: Criterion,
    plot_path: Option<&Path>,
    out: Option<&Path>,
) -> Result<(), String> {
    let range = options.k.checked()?;
    let plot_path = match (plot_path, out) {
        (Some(p), _) => p.to_path_buf(),
        (None, Some(out)) if out != Path::new("-") => {
            let stem = out
                .file_stem()
                .map_or("model".into(), |s| s.to_string_lossy());
            out.with_file_name(format!("{stem}-{}.png", criterion.name()))
        }
        _ => {
            return Err(
                "--select writes a plot of the criterion: give --plot FILE.png or --out FILE"
                    .into(),
            );
        }
    };
    let table = input::read_points(input, read)?;
    let x = gmm::flat_rows(&table.values, table.names.len()).map_err(|e| e.to_string())?;
    let types = covariance_types(options.covariance_type);
    let start = Instant::now();
    let search = ModelSelection::new(range.min..=range.max)
        .covariance_types(&types)
        .criterion(criterion)
        .configure(configure(options));
    let selection = match &table.weights {
        Some(w) => search.fit_weighted(&x, w),
        None => search.fit(&x),
    }
    .map_err(|e| format!("cannot fit {}: {e}", input.display()))?;
    let seconds = start.elapsed().as_secs_f64();
    let report = report(&selection);
    let png = plot::criterion_png(&series(&selection), criterion.name())?;
    let mut object = model_file::to_json(selection.best(), &table.names);
    object.insert(
        "fit".into(),
        fit_record(input, &table, options, seconds, "selection"),
    );
    object.insert("selection".into(), selection_json(&selection));
    let mut bytes = serde_json::to_vec_pretty(&object).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    output::write_atomically(&plot_path, &png)
        .map_err(|e| format!("cannot write {}: {e}", plot_path.display()))?;
    output::emit(out, &bytes)?;
    if out.is_some_and(|p| p != Path::new("-")) {
        print!("{report}");
    } else {
        eprint!("{report}");
    }
    eprintln!(
        "gmm: {} candidates in {seconds:.2} s, wrote {}{}",
        selection.table().len(),
        plot_path.display(),
        out.map(|p| format!(" and {}", p.display()))
            .unwrap_or_default()
    );
    Ok(())
}

/// The table as text, the best row marked.
fn report(selection: &Selection<f64>) -> String {
    let best = selection.best_candidate();
    let mut text = format!(
        "{:<10} {:>4} {:>16} {:>16} {:>14} {:>6}  converged\n",
        "covariance", "k", "bic", "icl", "lower_bound", "iter"
    );
    for c in selection.table() {
        let mark = if std::ptr::eq(c, best) {
            "  <- best"
        } else {
            ""
        };
        match &c.scores {
            Ok(s) => text.push_str(&format!(
                "{:<10} {:>4} {:>16.4} {:>16.4} {:>14.6} {:>6}  {}{mark}\n",
                c.covariance_type.name(),
                c.n_components,
                s.bic,
                s.icl,
                s.lower_bound,
                s.n_iter,
                if s.converged { "yes" } else { "no" }
            )),
            Err(e) => text.push_str(&format!(
                "{:<10} {:>4}  not fitted: {e}\n",
                c.covariance_type.name(),
                c.n_components
            )),
        }
    }
    text.push_str(&format!(
        "best by {}: {} covariances, k = {}\n",
        selection.criterion().name(),
        best.covariance_type.name(),
        best.n_components
    ));
    text
}

/// The criterion of every fitted candidate, one series per covariance type.
fn series(selection: &Selection<f64>) -> Vec<(String, Vec<(usize, f64)>)> {
    let mut out: Vec<(String, Vec<(usize, f64)>)> = Vec::new();
    for c in selection.table() {
        let name = c.covariance_type.name();
        if out.last().is_none_or(|(n, _)| n != name) {
            out.push((name.to_string(), Vec::new()));
        }
        if let (Ok(s), Some((_, points))) = (&c.scores, out.last_mut()) {
            let value = match selection.criterion() {
                Criterion::Bic => s.bic,
                Criterion::Icl => s.icl,
            };
            points.push((c.n_components, value));
        }
    }
    out
}

fn selection_json(selection: &Selection<f64>) -> Value {
    let rows: Vec<Value> = selection
        .table()
        .iter()
        .map(|c| match &c.scores {
            Ok(s) => json!({
                "n_components": c.n_components,
                "covariance_type": c.covariance_type.name(),
                "bic": s.bic,
                "icl": s.icl,
                "lower_bound": s.lower_bound,
                "converged": s.converged,
                "n_iter": s.n_iter,
            }),
            Err(e) => json!({
                "n_components": c.n_components,
                "covariance_type": c.covariance_type.name(),
                "error": e.to_string(),
            }),
        })
        .collect();
    json!({ "criterion": selection.criterion().name(), "candidates": rows })
}

fn fit_record(
    input: &Path,
    table: &Table,
    options: &FitOptions,
    seconds: f64,
    method: &str,
) -> Value {
    json!({
        "input": input.display().to_string(),
        "n_samples": table.n_rows(),
        "weighted": table.weights.is_some(),
        "method": method,
        "k": options.k.to_string(),
        "options": options.to_json(),
        "seconds": seconds,
    })
}

/// Components whose expected weight is below this are reported as emptied by the prior.
const EMPTY_WEIGHT: f64 = 1e-3;

/// `gmm fit --bayesian`: a Dirichlet-process mixture of at most k components. The model
/// file holds its expected weights, posterior means and covariances as a plain mixture (what
/// `gmm predict` applies), and the variational posterior under "bayesian".
pub fn bayesian(
    input: &Path,
    read: &ReadOptions,
    options: &FitOptions,
    out: Option<&Path>,
) -> Result<(), String> {
    let k = options
        .k
        .checked()?
        .single()
        .ok_or("--bayesian takes one -k, the largest number of components")?;
    let [covariance_type] = covariance_types(options.covariance_type)[..] else {
        return Err(
            "--bayesian fits one covariance type; --covariance-type all needs --select".into(),
        );
    };
    let params = BayesianGaussianMixture::params(k)
        .covariance_type(covariance_type)
        .weight_concentration_prior_type(WeightConcentrationPriorType::DirichletProcess)
        .tol(options.tol)
        .max_iter(options.max_iter)
        .n_init(options.n_init)
        .init_method(init_method(options.init))
        .seed(options.seed)
        .reg_covar(options.reg_covar)
        .check()
        .map_err(|e| e.to_string())?;
    let table = input::read_points(input, read)?;
    let x = gmm::flat_rows(&table.values, table.names.len()).map_err(|e| e.to_string())?;
    let start = Instant::now();
    let model = match &table.weights {
        Some(w) => params.fit_weighted(&x, w),
        None => params.fit(&x),
    }
    .map_err(|e| format!("cannot fit {}: {e}", input.display()))?;
    let seconds = start.elapsed().as_secs_f64();
    let plain = GaussianMixture::from_parameters(
        covariance_type,
        model.weights(),
        &model.means(),
        model.covariances().data(),
    )
    .map_err(|e| format!("cannot save the fitted mixture: {e}"))?;
    let used = model
        .weights()
        .iter()
        .filter(|&&w| w >= EMPTY_WEIGHT)
        .count();
    let mut object = model_file::to_json(&plain, &table.names);
    object.insert(
        "fit".into(),
        fit_record(input, &table, options, seconds, "bayesian"),
    );
    let mut posterior = Map::new();
    posterior.insert(
        "weight_concentration_prior_type".into(),
        json!(model.weight_concentration_prior_type().name()),
    );
    posterior.insert(
        "weight_concentration".into(),
        json!(model.weight_concentration().data()),
    );
    posterior.insert("mean_precision".into(), json!(model.mean_precision()));
    posterior.insert(
        "degrees_of_freedom".into(),
        json!(model.degrees_of_freedom()),
    );
    posterior.insert("lower_bound".into(), json!(model.lower_bound()));
    posterior.insert("converged".into(), json!(model.converged()));
    posterior.insert("n_iter".into(), json!(model.n_iter()));
    posterior.insert("components_used".into(), json!(used));
    object.insert("bayesian".into(), Value::Object(posterior));
    let mut bytes = serde_json::to_vec_pretty(&object).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    output::emit(out, &bytes)?;
    eprintln!(
        "gmm: Dirichlet-process mixture of at most {k} {} components on {} rows: {used} with \
         weight at least {EMPTY_WEIGHT}, {} after {} iterations, lower bound {:.6}, {seconds:.2} s{}",
        covariance_type.name(),
        table.n_rows(),
        if model.converged() {
            "converged"
        } else {
            "NOT converged"
        },
        model.n_iter(),
        model.lower_bound(),
        out.map(|p| format!(", wrote {}", p.display()))
            .unwrap_or_default()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn component_ranges_parse_single_values_and_inclusive_ranges() {
        let r = |s: &str| s.parse::<ComponentRange>();
        assert_eq!(r("4"), Ok(ComponentRange { min: 4, max: 4 }));
        assert_eq!(r("1..20"), Ok(ComponentRange { min: 1, max: 20 }));
        assert_eq!(r("2..=5"), Ok(ComponentRange { min: 2, max: 5 }));
        assert_eq!(r("3..3").unwrap().single(), Some(3));
        for bad in ["a..4", "1..", "..4", "-1", "1.5", ""] {
            assert!(r(bad).is_err(), "{bad}");
        }
        for empty in ["0", "0..4", "5..2"] {
            assert!(r(empty).unwrap().checked().is_err(), "{empty}");
        }
    }
}
