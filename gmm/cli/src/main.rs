//! `gmm`: segment a fluorescence image with an intensity-weighted Gaussian mixture.
//!
//! With no arguments it segments the nuclei image embedded in the binary and writes its
//! outputs into `out/`.

mod image;
mod output;
mod segment;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

/// Segment cell nuclei in a fluorescence image: a 2-D Gaussian mixture over the foreground
/// pixel coordinates, weighted by intensity, one component per nucleus.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// A grayscale or colour PNG; the embedded nuclei image (512x512, BBBC038, CC0) by default.
    #[arg(long)]
    image: Option<PathBuf>,
    /// Where to write nuclei-fit.png, nuclei-labels.png and nuclei-model.json.
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// Minimum distance in pixels between two initial means (local intensity maxima).
    #[arg(long, default_value_t = 7.0)]
    min_distance: f64,
    /// Maximum number of EM iterations.
    #[arg(long, default_value_t = 200)]
    max_iter: usize,
}

const EMBEDDED_NUCLEI: &[u8] = include_bytes!("../data/nuclei.png");

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gmm: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    let (bytes, source) = match &cli.image {
        Some(path) => (
            std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?,
            path.display().to_string(),
        ),
        None => (EMBEDDED_NUCLEI.to_vec(), "embedded nuclei.png".to_string()),
    };
    let image = image::decode_png(&bytes).map_err(|e| format!("{source}: {e}"))?;
    println!("{source}: {} x {} pixels", image.width, image.height);
    let settings = segment::Settings {
        min_seed_distance: cli.min_distance,
        max_iter: cli.max_iter,
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
    .map_err(|e| format!("fit failed: {e}"))?;
    let total = start.elapsed().as_secs_f64();
    let files = [
        output::OutputFile {
            name: "nuclei-fit.png",
            bytes: output::fit_overlay(&image, &segmentation)?,
        },
        output::OutputFile {
            name: "nuclei-labels.png",
            bytes: output::label_image(&image, &segmentation)?,
        },
        output::OutputFile {
            name: "nuclei-model.json",
            bytes: output::model_json(&segmentation, total),
        },
    ];
    let written = output::write_all(&cli.out, &files)
        .map_err(|e| format!("cannot write {}: {e}", cli.out.display()))?;
    let model = &segmentation.model;
    let per_iteration = segmentation.iteration_seconds.iter().sum::<f64>()
        / segmentation.iteration_seconds.len().max(1) as f64;
    println!(
        "foreground: intensity >= {} ({} pixels, weighted by intensity)",
        segmentation.threshold,
        segmentation.points.len()
    );
    println!(
        "components: {} (one per local maximum at least {} px apart)",
        model.n_components(),
        cli.min_distance
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
