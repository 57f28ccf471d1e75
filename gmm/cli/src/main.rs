//! `gmm`: Gaussian mixtures from the command line.
//!
//! With no arguments it segments the nuclei image embedded in the binary and writes its
//! outputs into `out/`; the subcommands fit, apply and sample mixtures on your own data.

mod commands;
mod image;
mod input;
mod levels;
mod model_file;
mod output;
mod plot;
mod segment;
mod selection;
mod table;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  gmm                                    segment the embedded nuclei image into out/
  gmm segment --image cells.png --out results
  gmm fit points.csv -k 3 --out model.json
  gmm fit points.csv -k 1..20 --covariance-type all --select bic --out best.json
  gmm fit points.csv -k 20 --bayesian --out dp-model.json
  gmm fit cells.tif -k 40 --threshold auto --out cells-model.json
  gmm predict --model model.json points.csv --out labels.csv
  gmm score --model model.json points.csv
  gmm sample --model model.json -n 1000 --seed 7 --out samples.csv
  gmm frames movie.tif -k 12 --out frames.jsonl";

/// Gaussian mixtures fitted by EM: segment fluorescence images, fit, apply and sample
/// mixtures on CSV, NPY and image data.
///
/// Without a subcommand, `gmm` runs `gmm segment` with the options given (by default on the
/// embedded nuclei image, writing into out/).
#[derive(Parser)]
#[command(
    name = "gmm",
    version,
    about,
    after_help = EXAMPLES,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    segment: SegmentArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Segment cell nuclei in a fluorescence image (what `gmm` alone runs).
    ///
    /// A two-component 1-D mixture over the intensity histogram picks the foreground
    /// threshold (a pixel is foreground when its 5x5 mean reaches it); the maxima of the
    /// smoothed image minus its background (a difference of Gaussians), at least
    /// --min-distance apart, give the number of nuclei and the initial means; an
    /// intensity-weighted 2-D full-covariance mixture over the foreground pixel coordinates
    /// then puts one Gaussian on each nucleus. Writes nuclei-fit.png
    /// (centres and 2-sigma ellipses), nuclei-labels.png (16-bit labels, 0 = background),
    /// nuclei-model.json (a model file for `gmm predict`, with timings) and
    /// nuclei-lower-bound.png (the lower bound per EM iteration).
    #[command(
        after_help = "Examples:\n  gmm segment\n  gmm segment --image cells.tif --min-distance 9 --out results"
    )]
    Segment(SegmentArgs),
    /// Fit a mixture to the rows of a CSV or NPY file, or to the pixels of an image.
    ///
    /// CSV: comma-, tab- or semicolon-separated numbers; a first row that is not all
    /// numbers is a header; lines starting with # are comments. NPY: a 2-D float64 or
    /// float32 array (a 1-D one is one column). Images (PNG, TIFF): the pixel coordinates
    /// (x, y) at or above --threshold, weighted by intensity. Writes the model as JSON, which
    /// `gmm predict`, `gmm score` and `gmm sample` read.
    #[command(
        after_help = "Examples:\n  gmm fit points.csv -k 3 --out model.json\n  \
        gmm fit table.csv -k 4 --weight-column count --covariance-type diag --n-init 5\n  \
        gmm fit data.npy -k 2 --init k-means++ --seed 7 > model.json\n  \
        gmm fit cells.png -k 30 --threshold auto --tol 1e-4 --max-iter 300 --out cells.json"
    )]
    Fit(commands::FitArgs),
    /// Write the most likely component of every row (and with --proba the posteriors) as CSV.
    #[command(
        after_help = "Examples:\n  gmm predict --model model.json points.csv --out labels.csv\n  \
        gmm predict --model model.json points.npy --proba"
    )]
    Predict(commands::ApplyArgs),
    /// Write the log-likelihood of every row as CSV; the (weighted) mean goes to stderr.
    #[command(after_help = "Example:\n  gmm score --model model.json points.csv --out scores.csv")]
    Score(commands::ApplyArgs),
    /// Draw rows from a saved mixture and write them as CSV with their component.
    #[command(
        after_help = "Example:\n  gmm sample --model model.json -n 1000 --seed 7 --out samples.csv"
    )]
    Sample(commands::SampleArgs),
    /// Fit the frames of a time series one by one, each warm-started from the previous fit.
    ///
    /// INPUT is a directory of PNG/TIFF frames (taken in natural name order: t2 before t10)
    /// or a multi-page TIFF. The first frame is fitted from scratch with the fit options;
    /// every later frame starts from the previous frame's parameters, so component i follows
    /// the same object through the series. Writes one JSON line per frame: the frame number
    /// (from 0), its source, its number of points and the model (as `gmm fit` writes it).
    #[command(
        after_help = "Examples:\n  gmm frames movie.tif -k 12 --out frames.jsonl\n  \
        gmm frames frames/ -k 20 --threshold auto --max-iter 50"
    )]
    Frames(commands::FramesArgs),
}

/// The options of `gmm segment` (and of `gmm` without a subcommand).
#[derive(Args)]
struct SegmentArgs {
    /// A grayscale or colour PNG or TIFF; the embedded nuclei image (512x512, BBBC038, CC0)
    /// by default.
    #[arg(long)]
    image: Option<PathBuf>,
    /// Where to write nuclei-fit.png, nuclei-labels.png, nuclei-model.json and
    /// nuclei-lower-bound.png.
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// Minimum distance in pixels between two initial means; half of it is their initial
    /// standard deviation. About a nucleus' radius.
    #[arg(long, default_value_t = segment::Settings::default().min_seed_distance)]
    min_distance: f64,
    /// Radius in pixels of the smoothing before looking for maxima (a box blur applied
    /// twice); about a third of a nucleus' radius.
    #[arg(long, default_value_t = segment::Settings::default().blur_radius)]
    blur_radius: usize,
    /// Radius in pixels of the background blur subtracted before looking for maxima; about
    /// a nucleus' radius.
    #[arg(long, default_value_t = segment::Settings::default().background_radius)]
    background_radius: usize,
    /// Maximum number of EM iterations.
    #[arg(long, default_value_t = segment::Settings::default().max_iter)]
    max_iter: usize,
}

/// scikit-learn's covariance types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CovarianceArg {
    /// Each component has its own general covariance matrix.
    Full,
    /// All components share one general covariance matrix.
    Tied,
    /// Each component has its own diagonal covariance matrix.
    Diag,
    /// Each component has its own single variance.
    Spherical,
    /// Every one of the four (with --select).
    All,
}

/// gmm's initialisation methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum InitArg {
    /// Responsibilities from a weighted k-means clustering.
    Kmeans,
    /// One row per component, chosen by k-means++ seeding.
    #[value(name = "k-means++")]
    KMeansPlusPlus,
    /// Uniformly random responsibilities.
    Random,
    /// One row per component, chosen uniformly.
    RandomFromData,
}

const EMBEDDED_NUCLEI: &[u8] = include_bytes!("../data/nuclei.png");

fn main() -> ExitCode {
    // A bug must still end in one line, not a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("unknown panic");
        let place = info
            .location()
            .map(|l| format!(" at {l}"))
            .unwrap_or_default();
        eprintln!("gmm: internal error{place}: {message} (please report this)");
    }));
    let cli = Cli::parse();
    let result = match cli.command {
        None => commands::segment(&cli.segment, EMBEDDED_NUCLEI),
        Some(Command::Segment(args)) => commands::segment(&args, EMBEDDED_NUCLEI),
        Some(Command::Fit(args)) => commands::fit(&args),
        Some(Command::Predict(args)) => commands::predict(&args),
        Some(Command::Score(args)) => commands::score(&args),
        Some(Command::Sample(args)) => commands::sample(&args),
        Some(Command::Frames(args)) => commands::frames(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gmm: {}", message.replace('\n', " "));
            ExitCode::FAILURE
        }
    }
}
