//! What each subcommand does: read, fit or apply, then write (the CSV outputs that grow with
//! the data as they are produced).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;
use gmm::{GaussianMixture, GmmValidParams};
use serde_json::{Value, json};

use crate::input::{self, ReadOptions, Threshold};
use crate::model_file::{self, SavedModel};
use crate::output::{self, OutputFile};
use crate::selection::{self, ChoiceOptions, ComponentRange};
use crate::table::Table;
use crate::{CovarianceArg, InitArg, SegmentArgs, image, plot, segment};

/// The hyper-parameters of a fit, scikit-learn's names and defaults.
#[derive(Debug, Clone, Args)]
pub struct FitOptions {
    /// The number of mixture components; with --select a range MIN..MAX (inclusive), with
    /// --bayesian the largest number.
    #[arg(short = 'k', long = "k", value_name = "K|MIN..MAX")]
    pub(crate) k: ComponentRange,
    /// The form of the covariance matrices (all: the four, with --select).
    #[arg(long, value_enum, default_value_t = CovarianceArg::Full)]
    pub(crate) covariance_type: CovarianceArg,
    /// Stop when the lower bound (mean log-likelihood) changes by less than this.
    #[arg(long, default_value_t = 1e-3)]
    pub(crate) tol: f64,
    /// The maximum number of EM iterations per initialisation.
    #[arg(long, default_value_t = 100)]
    pub(crate) max_iter: usize,
    /// The number of initialisations; the best lower bound wins.
    #[arg(long, default_value_t = 1)]
    pub(crate) n_init: usize,
    /// How the initial responsibilities are chosen.
    #[arg(long, value_enum, default_value_t = InitArg::Kmeans)]
    pub(crate) init: InitArg,
    /// The seed of every random choice.
    #[arg(long, default_value_t = 0)]
    pub(crate) seed: u64,
    /// Added to the diagonal of every covariance, to keep them positive definite.
    #[arg(long, default_value_t = 1e-6)]
    pub(crate) reg_covar: f64,
    /// Print the lower bound of every EM iteration to stderr.
    #[arg(short, long)]
    verbose: bool,
}

impl FitOptions {
    fn params(&self) -> Result<GmmValidParams<f64>, String> {
        let [covariance_type] = selection::covariance_types(self.covariance_type)[..] else {
            return Err("--covariance-type all needs --select bic|icl".into());
        };
        let init = selection::init_method(self.init);
        let Some(k) = self.k.checked()?.single() else {
            return Err(format!("-k {} (a range) needs --select bic|icl", self.k));
        };
        GaussianMixture::params(k)
            .covariance_type(covariance_type)
            .tol(self.tol)
            .max_iter(self.max_iter)
            .n_init(self.n_init)
            .init_method(init)
            .seed(self.seed)
            .reg_covar(self.reg_covar)
            .check()
            .map_err(|e| e.to_string())
    }

    /// Prints one line per EM iteration when asked to.
    fn progress(&self) -> impl FnMut(gmm::Progress<f64>) + use<> {
        let verbose = self.verbose;
        move |p| {
            if verbose {
                eprintln!(
                    "  run {} iteration {:4}  lower bound {:.9}  change {:.3e}",
                    p.run, p.iteration, p.lower_bound, p.change
                );
            }
        }
    }

    /// The options as recorded in a model file.
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "tol": self.tol,
            "max_iter": self.max_iter,
            "n_init": self.n_init,
            "init": clap::ValueEnum::to_possible_value(&self.init).map(|v| v.get_name().to_string()),
            "seed": self.seed,
            "reg_covar": self.reg_covar,
        })
    }
}

/// `gmm fit`.
#[derive(Debug, Clone, Args)]
pub struct FitArgs {
    /// The data: .csv/.tsv/.txt, .npy, or an image (.png, .tif, .tiff).
    input: PathBuf,
    #[command(flatten)]
    read: ReadOptions,
    #[command(flatten)]
    fit: FitOptions,
    #[command(flatten)]
    choice: ChoiceOptions,
    /// Where to write the model (JSON); standard output by default or for -.
    #[arg(short, long)]
    out: Option<PathBuf>,
}

/// `gmm predict` and `gmm score`.
#[derive(Debug, Clone, Args)]
pub struct ApplyArgs {
    /// A model file written by `gmm fit` (or the main job's nuclei-model.json).
    #[arg(short, long)]
    model: PathBuf,
    /// The data: .csv/.tsv/.txt, .npy, or an image (.png, .tif, .tiff).
    input: PathBuf,
    #[command(flatten)]
    read: ReadOptions,
    /// predict: also write the posterior probability of every component.
    #[arg(long)]
    proba: bool,
    /// Where to write the CSV; standard output by default or for -.
    #[arg(short, long)]
    out: Option<PathBuf>,
}

/// `gmm sample`.
#[derive(Debug, Clone, Args)]
pub struct SampleArgs {
    /// A model file written by `gmm fit`.
    #[arg(short, long)]
    model: PathBuf,
    /// The number of rows to draw.
    #[arg(short = 'n', long = "n-samples", value_name = "N")]
    n_samples: usize,
    /// The seed of the random generator.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Where to write the CSV; standard output by default or for -.
    #[arg(short, long)]
    out: Option<PathBuf>,
}

/// `gmm frames`.
#[derive(Debug, Clone, Args)]
pub struct FramesArgs {
    /// A directory of .png/.tif/.tiff frames, or a multi-page TIFF.
    input: PathBuf,
    /// Pixels at or above this intensity (and above 0) are points, weighted by intensity;
    /// "auto" picks each frame's brighter class of a two-component mixture over its
    /// intensities.
    #[arg(long, default_value = "0", value_name = "VALUE|auto")]
    threshold: Threshold,
    #[command(flatten)]
    fit: FitOptions,
    /// Where to write the JSON lines; standard output by default or for -.
    #[arg(short, long)]
    out: Option<PathBuf>,
}

/// The rows of `table` as a matrix view.
fn rows(table: &Table) -> Result<einsum::TensorRef<'_, f64, 2>, String> {
    gmm::flat_rows(&table.values, table.names.len()).map_err(|e| e.to_string())
}

fn load_model(path: &Path) -> Result<SavedModel, String> {
    let bytes = input::read_file(path)?;
    model_file::from_json(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// `gmm fit`: reads, fits, writes the model file.
pub fn fit(args: &FitArgs) -> Result<(), String> {
    let (input, read, out) = (&args.input, &args.read, args.out.as_deref());
    if let Some(criterion) = args.choice.select {
        let plot = args.choice.plot.as_deref();
        return selection::select(input, read, &args.fit, criterion, plot, out);
    }
    if args.choice.bayesian {
        return selection::bayesian(input, read, &args.fit, out);
    }
    let params = args.fit.params()?;
    let mut table = input::read_points(&args.input, &args.read)?;
    if let Some(weights) = &mut table.weights {
        // The fit divides the weights by the largest into a copy (EM depends on them only
        // relative to each other); dividing them here, in place, gives the same numbers and
        // saves that copy: 800 MB for the 10^8 pixels of a whole-slide image.
        let largest = weights.iter().copied().fold(0.0, f64::max);
        if largest > 0.0 && largest.is_finite() {
            weights.iter_mut().for_each(|w| *w /= largest);
        }
    }
    let start = Instant::now();
    let model = params
        .fit_with(
            &rows(&table)?,
            table.weights.as_deref(),
            args.fit.progress(),
        )
        .map_err(|e| format!("cannot fit {}: {e}", args.input.display()))?;
    let seconds = start.elapsed().as_secs_f64();
    let mut object = model_file::to_json(&model, &table.names);
    object.insert(
        "fit".into(),
        json!({
            "input": args.input.display().to_string(),
            "n_samples": table.n_rows(),
            "weighted": table.weights.is_some(),
            "options": args.fit.to_json(),
            "seconds": seconds,
        }),
    );
    let mut bytes = serde_json::to_vec_pretty(&object).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    output::emit(args.out.as_deref(), &bytes)?;
    eprintln!(
        "gmm: {} {} components on {} rows of {} columns{}: {} after {} iterations, lower bound {:.6}, {:.2} s{}",
        model.n_components(),
        model.covariance_type().name(),
        table.n_rows(),
        table.names.len(),
        if table.weights.is_some() {
            " (weighted)"
        } else {
            ""
        },
        if model.converged() {
            "converged"
        } else {
            "NOT converged"
        },
        model.n_iter(),
        model.lower_bound(),
        seconds,
        args.out
            .as_ref()
            .map(|p| format!(", wrote {}", p.display()))
            .unwrap_or_default()
    );
    Ok(())
}

/// Writes the CSV header and one record per row into `out`: the row's values, then the
/// fields `extra` pushes.
fn write_csv_rows(
    out: &mut dyn std::io::Write,
    names: &[String],
    extra_names: &[String],
    table: &Table,
    mut extra: impl FnMut(usize, &mut Fields<'_, '_>) -> csv::Result<()>,
) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(names.iter().chain(extra_names))?;
    let mut fields = Fields {
        writer: &mut writer,
        text: String::new(),
    };
    for (r, row) in table.values.chunks_exact(names.len()).enumerate() {
        for &v in row {
            fields.push(Number(v))?;
        }
        extra(r, &mut fields)?;
        fields.writer.write_record(None::<&[u8]>)?;
    }
    writer.flush()
}

/// The fields of one CSV record, each formatted into one reused buffer.
struct Fields<'w, 'o> {
    writer: &'w mut csv::Writer<&'o mut dyn std::io::Write>,
    text: String,
}

impl Fields<'_, '_> {
    /// Appends one field to the current record.
    fn push(&mut self, value: impl std::fmt::Display) -> csv::Result<()> {
        self.text.clear();
        let _ = write!(self.text, "{value}");
        self.writer.write_field(&self.text)
    }
}

/// A number that reads back as the same `f64`, in exponent form when tiny or huge.
struct Number(f64);

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let magnitude = self.0.abs();
        if magnitude == 0.0 || (1e-4..1e16).contains(&magnitude) {
            write!(f, "{}", self.0)
        } else {
            write!(f, "{:e}", self.0)
        }
    }
}

/// Rows whose posteriors `gmm predict --proba` holds at a time (`k` values each).
const PROBA_ROWS: usize = 4096;

/// `gmm predict`: the most likely component of every row (and the posteriors), written as
/// they are computed: the labels of every row first (which checks every row), then the
/// posteriors [`PROBA_ROWS`] rows at a time (`predict_proba_batches`), so that no `n x k`
/// array is built.
pub fn predict(args: &ApplyArgs) -> Result<(), String> {
    let saved = load_model(&args.model)?;
    let table = input::read_points(&args.input, &args.read)?;
    let x = rows(&table)?;
    let failed = |e: gmm::GmmError| format!("cannot predict {}: {e}", args.input.display());
    let labels = saved.model.predict(&x).map_err(failed)?;
    let k = saved.model.n_components();
    let mut extra = vec!["component".to_string()];
    let mut batches = None;
    if args.proba {
        extra.extend((0..k).map(|c| format!("p{c}")));
        batches = Some(
            saved
                .model
                .predict_proba_batches(&x, PROBA_ROWS)
                .map_err(failed)?,
        );
    }
    let mut proba = Vec::new();
    output::emit_streamed(args.out.as_deref(), |out| {
        write_csv_rows(out, &table.names, &extra, &table, |r, fields| {
            fields.push(labels[r])?;
            if let Some(batches) = &mut batches {
                if r % PROBA_ROWS == 0 {
                    let Some(batch) = batches.next() else {
                        unreachable!("a batch for every {PROBA_ROWS} rows")
                    };
                    proba = batch
                        .map_err(|e| std::io::Error::other(failed(e)))?
                        .into_vec();
                }
                let at = r % PROBA_ROWS * k;
                for &p in &proba[at..at + k] {
                    fields.push(Number(p))?;
                }
            }
            Ok(())
        })
    })
}

/// `gmm score`: the log-likelihood of every row, and their (weighted) mean on stderr.
pub fn score(args: &ApplyArgs) -> Result<(), String> {
    if args.proba {
        return Err("--proba applies to `gmm predict` only".into());
    }
    let saved = load_model(&args.model)?;
    let table = input::read_points(&args.input, &args.read)?;
    let x = rows(&table)?;
    let failed = |e: gmm::GmmError| format!("cannot score {}: {e}", args.input.display());
    let scores = saved.model.score_samples(&x).map_err(failed)?;
    let mean = match &table.weights {
        Some(w) => saved.model.score_weighted(&x, w),
        None => saved.model.score(&x),
    }
    .map_err(failed)?;
    output::emit_streamed(args.out.as_deref(), |out| {
        write_csv_rows(
            out,
            &table.names,
            &["log_likelihood".into()],
            &table,
            |r, fields| fields.push(Number(scores[r])),
        )
    })?;
    eprintln!(
        "gmm: mean log-likelihood {mean} over {} rows{}",
        table.n_rows(),
        if table.weights.is_some() {
            " (weighted)"
        } else {
            ""
        }
    );
    Ok(())
}

/// `gmm sample`: rows drawn from the model, with their component.
pub fn sample(args: &SampleArgs) -> Result<(), String> {
    let saved = load_model(&args.model)?;
    let (x, labels) = saved
        .model
        .sample(args.n_samples, args.seed)
        .map_err(|e| format!("cannot sample: {e}"))?;
    let table = Table {
        names: saved.feature_names,
        values: x.into_vec(),
        weights: None,
    };
    output::emit_streamed(args.out.as_deref(), |out| {
        write_csv_rows(
            out,
            &table.names,
            &["component".into()],
            &table,
            |r, fields| fields.push(labels[r]),
        )
    })
}

/// `gmm frames`: one fit per frame, each warm-started from the previous one.
pub fn frames(args: &FramesArgs) -> Result<(), String> {
    let params = args.fit.params()?;
    let frames = input::read_frames(&args.input)?;
    let mut lines = Vec::new();
    let mut previous: Option<GaussianMixture<f64>> = None;
    for (i, frame) in frames.enumerate() {
        let frame = frame.map_err(|e| format!("frame {i}: {e}"))?;
        let failed = |e: String| format!("frame {i} ({}): {e}", frame.source);
        let table = input::image_points(&frame.image, args.threshold).map_err(failed)?;
        let x = rows(&table)?;
        let weights = table.weights.as_deref();
        let fitted = match &previous {
            None => params.fit_with(&x, weights, args.fit.progress()),
            Some(model) => params.warm_start_with(model, &x, weights, args.fit.progress()),
        }
        .map_err(|e| failed(e.to_string()))?;
        eprintln!(
            "gmm: frame {i} ({}): {} points, {} after {} iterations, lower bound {:.6}",
            frame.source,
            table.n_rows(),
            if fitted.converged() {
                "converged"
            } else {
                "NOT converged"
            },
            fitted.n_iter(),
            fitted.lower_bound()
        );
        let mut object = serde_json::Map::new();
        object.insert("frame".into(), json!(i));
        object.insert("source".into(), json!(frame.source));
        object.insert("n_points".into(), json!(table.n_rows()));
        object.insert("warm_started".into(), json!(previous.is_some()));
        object.extend(model_file::to_json(&fitted, &table.names));
        lines.extend(serde_json::to_vec(&object).map_err(|e| e.to_string())?);
        lines.push(b'\n');
        previous = Some(fitted);
    }
    output::emit(args.out.as_deref(), &lines)
}

/// The main job: segment an image (the embedded one by default), write the four outputs.
pub fn segment(args: &SegmentArgs, embedded: &[u8]) -> Result<(), String> {
    let (bytes, source) = match &args.image {
        Some(path) => (input::read_file(path)?, path.display().to_string()),
        None => (embedded.to_vec(), "embedded nuclei.png".to_string()),
    };
    let image = image::decode(&bytes).map_err(|e| format!("{source}: {e}"))?;
    println!("{source}: {} x {} pixels", image.width, image.height);
    let settings = segment::Settings {
        min_seed_distance: args.min_distance,
        blur_radius: args.blur_radius,
        background_radius: args.background_radius,
        max_iter: args.max_iter,
        ..Default::default()
    };
    let start = Instant::now();
    let segmentation = segment::segment(&image, &settings, |p, seconds| {
        println!(
            "  iteration {:4}  log-likelihood {:>14.6}  {:7.1} ms",
            p.iteration,
            p.lower_bound,
            seconds * 1e3
        );
    })
    .map_err(|e| format!("{source}: {e}"))?;
    let total = start.elapsed().as_secs_f64();
    let model = &segmentation.model;
    let files = [
        OutputFile {
            name: "nuclei-fit.png",
            bytes: plot::fit_overlay(&image, &segmentation.model)?,
        },
        OutputFile {
            name: "nuclei-labels.png",
            bytes: output::label_image(&image, &segmentation)?,
        },
        OutputFile {
            name: "nuclei-model.json",
            bytes: output::model_json(&segmentation, total),
        },
        OutputFile {
            name: "nuclei-lower-bound.png",
            bytes: plot::lower_bound_png(model.lower_bound_history())?,
        },
    ];
    let written = output::write_all(&args.out, &files)
        .map_err(|e| format!("cannot write into {}: {e}", args.out.display()))?;
    let window = 2 * settings.foreground_radius + 1;
    let per_iteration = segmentation.iteration_seconds.iter().sum::<f64>()
        / segmentation.iteration_seconds.len().max(1) as f64;
    println!(
        "foreground: {window}x{window} mean intensity >= {} ({} pixels, weighted by intensity)",
        segmentation.threshold,
        segmentation.points.len()
    );
    println!(
        "components: {} (one per maximum of the band-passed image, at least {} px apart)",
        model.n_components(),
        args.min_distance
    );
    println!(
        "EM: {} iterations, {}, {:.1} ms per iteration, {:.2} s in all",
        model.n_iter(),
        if model.converged() {
            "converged"
        } else {
            "NOT converged (max-iter reached)"
        },
        per_iteration * 1e3,
        total
    );
    for path in written {
        println!("wrote {}", path.display());
    }
    Ok(())
}
