//! The `gmm` binary end to end: every subcommand on files written here, the saved model
//! checked against a fit made in-process with the gmm library, and bad input.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use gmm::GaussianMixture;
use serde_json::Value;

mod common;

use common::{Normals, TempDir, clusters, gmm, gmm_ok};

fn csv(points: &[[f64; 2]], weights: &[f64], header: bool) -> String {
    common::csv(points, Some(weights), header)
}

/// An NPY file of format version 2 (a 4-byte header length), the header left unpadded.
fn npy(values: &[f64], rows: usize, cols: usize, f32: bool) -> Vec<u8> {
    let descr = if f32 { "<f4" } else { "<f8" };
    let header =
        format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': ({rows}, {cols}), }}\n");
    let mut bytes = b"\x93NUMPY\x02\x00".to_vec();
    bytes.extend((header.len() as u32).to_le_bytes());
    bytes.extend(header.bytes());
    for &v in values {
        match f32 {
            true => bytes.extend((v as f32).to_le_bytes()),
            false => bytes.extend(v.to_le_bytes()),
        }
    }
    bytes
}

fn png_gray8(width: u32, height: u32, pixels: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(pixels).unwrap();
    writer.finish().unwrap();
    bytes
}

fn tiff_gray8(width: u32, height: u32, pages: &[Vec<u8>]) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    let mut encoder = tiff::encoder::TiffEncoder::new(&mut bytes).unwrap();
    for page in pages {
        encoder
            .write_image::<tiff::encoder::colortype::Gray8>(width, height, page)
            .unwrap();
    }
    bytes.into_inner()
}

/// A 48 x 32 image with two round bright blobs centred at `a` and `b`, background 0.
fn two_blobs(a: [f64; 2], b: [f64; 2]) -> Vec<u8> {
    let (w, h) = (48, 32);
    (0..w * h)
        .map(|i| {
            let (x, y) = ((i % w) as f64, (i / w) as f64);
            let bump =
                |c: [f64; 2]| 200.0 * (-((x - c[0]).powi(2) + (y - c[1]).powi(2)) / 8.0).exp();
            let v = bump(a) + bump(b);
            if v < 5.0 {
                0
            } else {
                v.round().min(255.0) as u8
            }
        })
        .collect()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn numbers(value: &Value) -> Vec<f64> {
    match value {
        Value::Number(n) => vec![n.as_f64().unwrap()],
        Value::Array(items) => items.iter().flat_map(numbers).collect(),
        _ => panic!("not numbers: {value}"),
    }
}

/// The last column of every CSV line after the header.
fn last_column(csv: &str) -> Vec<String> {
    csv.lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap().to_string())
        .collect()
}

/// Writes the clusters to `data.csv` (header a,b,w) in `dir` and fits 3 components with
/// `seed` into `model.json`: the points, weights and both paths.
fn fit_clusters(dir: &TempDir, seed: &str) -> (Vec<[f64; 2]>, Vec<f64>, PathBuf, PathBuf) {
    let (points, weights) = clusters();
    let data = dir.write("data.csv", csv(&points, &weights, true));
    let model = dir.path("model.json");
    let k = "3";
    gmm_ok(&[
        &"fit",
        &data,
        &"-k",
        &k,
        &"--weight-column",
        &"w",
        &"--seed",
        &seed,
        &"--out",
        &model,
    ]);
    (points, weights, data, model)
}

#[test]
fn a_saved_model_predicts_and_scores_exactly_as_the_fitted_one() {
    let dir = TempDir::new("exact");
    let (points, weights, data, model) = fit_clusters(&dir, "5");
    let fitted = GaussianMixture::params(3)
        .seed(5)
        .fit_weighted(points.as_slice(), &weights)
        .unwrap();
    let saved = json(&fs::read_to_string(&model).unwrap());
    assert_eq!(numbers(&saved["means"]), fitted.means().data());
    assert_eq!(numbers(&saved["covariances"]), fitted.covariances().data());
    assert_eq!(saved["feature_names"], serde_json::json!(["a", "b"]));

    let predicted = gmm_ok(&[
        &"predict",
        &"--model",
        &model,
        &data,
        &"--weight-column",
        &"w",
    ]);
    assert!(predicted.starts_with("a,b,component\n"));
    let labels: Vec<usize> = last_column(&predicted)
        .iter()
        .map(|l| l.parse().unwrap())
        .collect();
    assert_eq!(labels, fitted.predict(points.as_slice()).unwrap());
    // three clusters, three labels: the fit is not degenerate
    assert!((0..3).all(|c| labels.contains(&c)));

    let scores = gmm_ok(&[
        &"score",
        &"--model",
        &model,
        &data,
        &"--weight-column",
        &"w",
    ]);
    let scores: Vec<f64> = last_column(&scores)
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    assert_eq!(scores, fitted.score_samples(points.as_slice()).unwrap());

    let proba = gmm_ok(&[
        &"predict",
        &"--model",
        &model,
        &data,
        &"--weight-column",
        &"w",
        &"--proba",
    ]);
    let first: Vec<f64> = proba
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .skip(3)
        .map(|v| v.parse().unwrap())
        .collect();
    let expected = fitted.predict_proba(&points[..1]).unwrap();
    assert_eq!(first, expected.as_slice());
}

/// `gmm predict --proba` writes the posteriors a few thousand rows at a time: over 9,000
/// rows (three batches, the last partly filled) every row's are the library's, bit for bit.
#[test]
fn posteriors_written_in_batches_are_those_of_every_row_at_once() {
    let dir = TempDir::new("batches");
    let mut z = Normals(11);
    let centres = [[0.0, 0.0], [6.0, 2.0], [1.0, 7.0]];
    let points: Vec<[f64; 2]> = (0..9000)
        .map(|i| {
            let c = centres[i % 3];
            [c[0] + z.next(), c[1] + z.next()]
        })
        .collect();
    let data = dir.write("many.csv", common::csv(&points, None, true));
    let model = dir.path("model.json");
    gmm_ok(&[&"fit", &data, &"-k", &"3", &"--out", &model]);
    let fitted = GaussianMixture::params(3).fit(points.as_slice()).unwrap();
    let proba = gmm_ok(&[&"predict", &"--model", &model, &data, &"--proba"]);
    let written: Vec<f64> = proba
        .lines()
        .skip(1)
        .flat_map(|line| line.split(',').skip(3).map(|v| v.parse::<f64>().unwrap()))
        .collect();
    let expected = fitted.predict_proba(points.as_slice()).unwrap();
    assert_eq!(written, expected.as_slice());
}

#[test]
fn header_optional_weight_column_by_name_or_index_and_npy_give_the_same_fit() {
    let dir = TempDir::new("formats");
    let (points, weights) = clusters();
    // values exact in f32, so the f32 NPY holds the same numbers
    let points: Vec<[f64; 2]> = points
        .iter()
        .map(|p| p.map(|v| (v * 64.0).round() / 64.0))
        .collect();
    let with_header = dir.write("h.csv", csv(&points, &weights, true));
    let without = dir.write("n.csv", csv(&points, &weights, false));
    let flat: Vec<f64> = points
        .iter()
        .zip(&weights)
        .flat_map(|(p, &w)| [p[0], p[1], w])
        .collect();
    let f8 = dir.write("d.npy", npy(&flat, points.len(), 3, false));
    let f4 = dir.write("s.npy", npy(&flat, points.len(), 3, true));
    let means = |input: &Path, column: &str| {
        let model = gmm_ok(&[&"fit", &input, &"-k", &"3", &"--weight-column", &column]);
        numbers(&json(&model)["means"])
    };
    let reference = means(&with_header, "w");
    assert_eq!(means(&without, "2"), reference);
    assert_eq!(means(&f8, "2"), reference);
    assert_eq!(means(&f4, "2"), reference);
    // any extension with --format; tab-separated with a header
    let tsv = csv(&points, &weights, true).replace(',', "\t");
    let dat = dir.write("table.dat", tsv);
    let model = gmm_ok(&[
        &"fit",
        &dat,
        &"--format",
        &"csv",
        &"-k",
        &"3",
        &"--weight-column",
        &"w",
    ]);
    assert_eq!(numbers(&json(&model)["means"]), reference);
    let fitted = GaussianMixture::params(3)
        .fit_weighted(points.as_slice(), &weights)
        .unwrap();
    assert_eq!(reference, fitted.means().data());
}

#[test]
fn every_fit_option_reaches_the_model() {
    let dir = TempDir::new("options");
    let (points, weights) = clusters();
    let data = dir.write("data.csv", csv(&points, &weights, true));
    for (covariance, init) in [
        ("tied", "k-means++"),
        ("diag", "random"),
        ("spherical", "random-from-data"),
    ] {
        let model = json(&gmm_ok(&[
            &"fit",
            &data,
            &"-k",
            &"3",
            &"--weight-column",
            &"w",
            &"--covariance-type",
            &covariance,
            &"--init",
            &init,
            &"--n-init",
            &"2",
            &"--seed",
            &"11",
            &"--tol",
            &"1e-5",
            &"--max-iter",
            &"500",
            &"--reg-covar",
            &"1e-4",
        ]));
        let fitted = GaussianMixture::params(3)
            .covariance_type(covariance.parse().unwrap())
            .init_method(match init {
                "k-means++" => gmm::InitMethod::KMeansPlusPlus,
                "random" => gmm::InitMethod::Random,
                _ => gmm::InitMethod::RandomFromData,
            })
            .n_init(2)
            .seed(11)
            .tol(1e-5)
            .max_iter(500)
            .reg_covar(1e-4)
            .fit_weighted(points.as_slice(), &weights)
            .unwrap();
        assert_eq!(model["covariance_type"], covariance);
        assert_eq!(numbers(&model["covariances"]), fitted.covariances().data());
        assert_eq!(model["n_iter"], fitted.n_iter());
    }
    // --max-iter 1 stops after one iteration, unconverged
    let model = json(&gmm_ok(&[
        &"fit",
        &data,
        &"-k",
        &"3",
        &"--max-iter",
        &"1",
        &"--tol",
        &"0",
    ]));
    assert_eq!(
        (model["n_iter"].as_u64(), model["converged"].as_bool()),
        (Some(1), Some(false))
    );
}

#[test]
fn images_are_intensity_weighted_pixel_coordinates_in_png_and_tiff() {
    let dir = TempDir::new("images");
    let pixels = two_blobs([12.0, 10.0], [34.0, 20.0]);
    let png = dir.write("blobs.png", png_gray8(48, 32, &pixels));
    let tif = dir.write(
        "blobs.tif",
        tiff_gray8(48, 32, std::slice::from_ref(&pixels)),
    );
    let from_png = json(&gmm_ok(&[&"fit", &png, &"-k", &"2"]));
    let from_tif = json(&gmm_ok(&[&"fit", &tif, &"-k", &"2"]));
    assert_eq!(from_png["means"], from_tif["means"]);
    assert_eq!(from_png["feature_names"], serde_json::json!(["x", "y"]));
    // on a background of 17: an automatic threshold keeps the nuclei, not the background
    let nuclei = [
        ([30.0, 30.0], 5.0, 6.0, 120.0),
        ([90.0, 60.0], 7.0, 5.0, 80.0),
    ];
    let noisy = dir.write("noisy.png", png_gray8(128, 96, &synthetic_nuclei(&nuclei)));
    let auto = json(&gmm_ok(&[
        &"fit",
        &noisy,
        &"-k",
        &"2",
        &"--threshold",
        &"auto",
    ]));
    assert!(auto["fit"]["n_samples"].as_u64().unwrap() < 128 * 96 / 4);
    let mut found: Vec<Vec<f64>> = auto["means"]
        .as_array()
        .unwrap()
        .iter()
        .map(numbers)
        .collect();
    found.sort_by(|a, b| a[0].total_cmp(&b[0]));
    for (mean, (centre, ..)) in found.iter().zip(nuclei) {
        assert!(
            (mean[0] - centre[0]).hypot(mean[1] - centre[1]) < 1.0,
            "{found:?}"
        );
    }
    // independent reference: the intensity-weighted centroid of each half of the image
    let centroid = |left: bool| {
        let (mut sx, mut sy, mut sw) = (0.0, 0.0, 0.0);
        for (i, &v) in pixels.iter().enumerate() {
            let (x, y) = ((i % 48) as f64, (i / 48) as f64);
            if (x < 24.0) == left {
                (sx, sy, sw) = (
                    sx + x * f64::from(v),
                    sy + y * f64::from(v),
                    sw + f64::from(v),
                );
            }
        }
        [sx / sw, sy / sw]
    };
    let mut means: Vec<Vec<f64>> = from_png["means"]
        .as_array()
        .unwrap()
        .iter()
        .map(numbers)
        .collect();
    means.sort_by(|a, b| a[0].total_cmp(&b[0]));
    for (mean, expected) in means.iter().zip([centroid(true), centroid(false)]) {
        assert!(
            (mean[0] - expected[0]).abs() < 1e-6 && (mean[1] - expected[1]).abs() < 1e-6,
            "{mean:?} vs {expected:?}"
        );
    }
    // predict on an image labels its pixels, with their coordinates
    let model = dir.write("m.json", serde_json::to_vec(&from_png).unwrap());
    let labels = gmm_ok(&[&"predict", &"--model", &model, &png]);
    assert!(labels.starts_with("x,y,component\n"));
    assert_eq!(
        labels.lines().count() - 1,
        pixels.iter().filter(|&&v| v > 0).count()
    );
}

#[test]
fn sample_is_reproducible_and_named_after_the_fitted_columns() {
    let dir = TempDir::new("sample");
    let (points, weights, _, model) = fit_clusters(&dir, "0");
    let out = dir.path("samples.csv");
    gmm_ok(&[
        &"sample", &"--model", &model, &"-n", &"50", &"--seed", &"3", &"--out", &out,
    ]);
    let written = fs::read_to_string(&out).unwrap();
    assert_eq!(
        written,
        gmm_ok(&[&"sample", &"--model", &model, &"-n", &"50", &"--seed", &"3"])
    );
    assert_ne!(
        written,
        gmm_ok(&[&"sample", &"--model", &model, &"-n", &"50", &"--seed", &"4"])
    );
    assert!(written.starts_with("a,b,component\n"));
    assert_eq!(written.lines().count(), 51);
    let fitted = GaussianMixture::params(3)
        .fit_weighted(points.as_slice(), &weights)
        .unwrap();
    let (rows, labels) = fitted.sample(50, 3).unwrap();
    let first: Vec<f64> = written
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .take(2)
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!(first, rows.as_slice()[..2]);
    assert_eq!(last_column(&written)[0], labels[0].to_string());
}

#[test]
fn frames_are_warm_started_so_components_follow_their_blob() {
    let dir = TempDir::new("frames");
    let pages: Vec<Vec<u8>> = (0..4)
        .map(|t| two_blobs([10.0 + 2.0 * t as f64, 10.0], [36.0 - 2.0 * t as f64, 22.0]))
        .collect();
    let tif = dir.write("movie.tif", tiff_gray8(48, 32, &pages));
    let out = dir.path("frames.jsonl");
    gmm_ok(&[&"frames", &tif, &"-k", &"2", &"--out", &out]);
    let lines: Vec<Value> = fs::read_to_string(&out)
        .unwrap()
        .lines()
        .map(json)
        .collect();
    assert_eq!(lines.len(), 4);
    let x_of = |frame: &Value, c: usize| numbers(&frame["means"][c])[0];
    let first_left = usize::from(x_of(&lines[0], 1) < x_of(&lines[0], 0));
    for (t, frame) in lines.iter().enumerate() {
        assert_eq!(frame["frame"], t);
        assert_eq!(frame["warm_started"], t > 0);
        // the component on the left blob at frame 0 is on the (moving) left blob at every frame
        assert!(
            (x_of(frame, first_left) - (10.0 + 2.0 * t as f64)).abs() < 0.5,
            "{frame}"
        );
        assert!((x_of(frame, 1 - first_left) - (36.0 - 2.0 * t as f64)).abs() < 0.5);
    }
    // a directory of PNG frames is read in natural order: frame2 before frame10
    let frames = TempDir::new("frames-dir");
    for (t, name) in ["frame1.png", "frame2.png", "frame10.png"]
        .iter()
        .enumerate()
    {
        frames.write(name, png_gray8(48, 32, &pages[t]));
    }
    let lines: Vec<Value> = gmm_ok(&[&"frames", &frames.path(""), &"-k", &"2"])
        .lines()
        .map(json)
        .collect();
    let sources: Vec<&str> = lines
        .iter()
        .map(|l| l["source"].as_str().unwrap())
        .collect();
    assert!(
        sources[0].ends_with("frame1.png")
            && sources[1].ends_with("frame2.png")
            && sources[2].ends_with("frame10.png")
    );
    // each line is a model file in itself
    let model = dir.write("frame2.json", serde_json::to_vec(&lines[2]).unwrap());
    gmm_ok(&[&"sample", &"--model", &model, &"-n", &"3"]);
}

/// A 128 x 96 nuclei-like image: background 17 with a little deterministic noise and
/// Gaussian nuclei of the embedded image's size (sd 5 to 9 px) at `nuclei`
/// (centre, sd along x, sd along y, peak brightness).
fn synthetic_nuclei(nuclei: &[([f64; 2], f64, f64, f64)]) -> Vec<u8> {
    let mut noise = Normals(7);
    (0..128 * 96)
        .map(|i| {
            let (x, y) = (f64::from(i % 128), f64::from(i / 128));
            let signal: f64 = nuclei
                .iter()
                .map(|&(c, sx, sy, peak)| {
                    peak * (-0.5 * (((x - c[0]) / sx).powi(2) + ((y - c[1]) / sy).powi(2))).exp()
                })
                .sum();
            (17.0 + 3.0 * noise.next() + signal)
                .round()
                .clamp(0.0, 255.0) as u8
        })
        .collect()
}

#[test]
fn segment_puts_one_component_on_each_nucleus_dim_touching_or_at_the_border() {
    let dir = TempDir::new("nuclei");
    let nuclei = [
        ([30.0, 30.0], 6.0, 6.0, 180.0),
        // dim, touching the bright one: on its shoulder in a plain blur
        ([50.0, 36.0], 6.0, 5.0, 45.0),
        // elongated: one nucleus, not two
        ([92.0, 60.0], 9.0, 5.0, 90.0),
        ([40.0, 72.0], 5.0, 6.0, 70.0),
        // cut by the top border: its maximum is on the first row
        ([100.0, 0.0], 6.0, 5.0, 60.0),
    ];
    let png = dir.write("nuclei.png", png_gray8(128, 96, &synthetic_nuclei(&nuclei)));
    let out = dir.path("out");
    gmm_ok(&[&"segment", &"--image", &png, &"--out", &out]);
    let model = json(&fs::read_to_string(out.join("nuclei-model.json")).unwrap());
    let means: Vec<Vec<f64>> = model["means"]
        .as_array()
        .unwrap()
        .iter()
        .map(numbers)
        .collect();
    assert_eq!(means.len(), nuclei.len(), "{means:?}");
    for (centre, ..) in nuclei {
        // the half nucleus at the border has its centroid inside the image
        let tolerance = if centre[1] == 0.0 { 4.5 } else { 2.5 };
        let nearest = means
            .iter()
            .map(|m| ((m[0] - centre[0]).powi(2) + (m[1] - centre[1]).powi(2)).sqrt())
            .fold(f64::INFINITY, f64::min);
        assert!(
            nearest < tolerance,
            "no component near {centre:?}: {means:?}"
        );
    }
}

#[test]
fn segment_runs_by_default_and_as_a_subcommand_writing_four_files() {
    let dir = TempDir::new("segment");
    let png = dir.write(
        "blobs.png",
        png_gray8(48, 32, &two_blobs([12.0, 10.0], [34.0, 20.0])),
    );
    for (args, out) in [(vec![], "default"), (vec!["segment"], "subcommand")] {
        let args: Vec<&str> = args;
        let out = dir.path(out);
        let mut all: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
        all.extend([
            "--image".into(),
            png.clone().into(),
            "--out".into(),
            out.clone().into(),
            "--min-distance".into(),
            "5".into(),
        ]);
        let all: Vec<&dyn AsRef<std::ffi::OsStr>> = all.iter().map(|a| a as _).collect();
        let stdout = gmm_ok(&all);
        assert!(stdout.contains("components: 2"), "{stdout}");
        let mut names: Vec<String> = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "nuclei-fit.png",
                "nuclei-labels.png",
                "nuclei-lower-bound.png",
                "nuclei-model.json"
            ]
        );
        // the segmentation's model file is a model file
        let model = out.join("nuclei-model.json");
        gmm_ok(&[&"sample", &"--model", &model, &"-n", &"2"]);
    }
}

#[test]
fn help_lists_every_subcommand_and_examples() {
    let help = gmm_ok(&[&"--help"]);
    for word in [
        "segment",
        "fit",
        "predict",
        "score",
        "sample",
        "frames",
        "Examples:",
    ] {
        assert!(help.contains(word), "{word} missing from --help");
    }
    let fit = gmm_ok(&[&"fit", &"--help"]);
    for option in [
        "--k",
        "--covariance-type",
        "--tol",
        "--max-iter",
        "--n-init",
        "--init",
        "--seed",
        "--reg-covar",
        "--out",
        "--weight-column",
        "--threshold",
        "k-means++",
        "Examples:",
    ] {
        assert!(fit.contains(option), "{option} missing from fit --help");
    }
}

/// Runs `gmm` expecting a failure whose message (one line, no panic) contains `expected`,
/// and checks that `out` was not created and that `dir` holds nothing new.
fn assert_fails(dir: &TempDir, args: &[&dyn AsRef<std::ffi::OsStr>], expected: &str) {
    let listing = || dir.listing();
    let before = listing();
    let out = gmm(args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit status for {expected:?}: {stderr}"
    );
    // the message is one line; only `frames` reports finished frames before it
    let (message, progress) = stderr
        .trim_end()
        .lines()
        .collect::<Vec<_>>()
        .split_last()
        .map(|(m, p)| (*m, p.to_vec()))
        .unwrap();
    assert!(
        progress.iter().all(|l| l.contains("converged after")),
        "one line expected: {stderr}"
    );
    assert!(
        message.starts_with("gmm: ") && message.contains(expected),
        "{expected:?} not in {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(before, listing(), "files appeared for {expected:?}");
}

#[test]
fn bad_input_is_one_line_a_failure_status_and_no_output_file() {
    let dir = TempDir::new("bad");
    let out = dir.path("model.json");
    let fit = |input: &Path, k: &str, expected: &str| {
        assert_fails(&dir, &[&"fit", &input, &"-k", &k, &"--out", &out], expected);
    };
    fit(&dir.path("missing.csv"), "1", "cannot read");
    let directory = dir.path("folder.csv");
    fs::create_dir(&directory).unwrap();
    fit(&directory, "1", "is a directory");
    fit(&dir.write("empty.csv", ""), "1", "the file is empty");
    fit(&dir.write("header-only.csv", "a,b\n"), "1", "no data rows");
    fit(
        &dir.write("ragged.csv", "1,2\n3,4\n5\n"),
        "1",
        "line 3: 1 fields where the first row has 2",
    );
    fit(
        &dir.write("words.csv", "a,b\n1,2\n3,four\n"),
        "1",
        "line 3, column 2: \"four\" is not a number",
    );
    fit(
        &dir.write("nan.csv", "1,2\n3,NaN\n"),
        "1",
        "line 2, column 2: NaN is not a finite number",
    );
    let three = dir.write("three.csv", "1,2\n3,4\n5,7\n");
    fit(&three, "0", "-k must be at least 1");
    fit(&three, "5", "3 samples are fewer than the 5 components");
    fit(&dir.write("odd.xyz", "1,2\n"), "1", "unknown extension");
    let valid = png_gray8(48, 32, &two_blobs([12.0, 10.0], [34.0, 20.0]));
    fit(
        &dir.write("cut.png", &valid[..valid.len() / 2]),
        "1",
        "truncated or corrupt PNG",
    );
    fit(
        &dir.write("noise.png", b"\x89PNG not really"),
        "1",
        "not a readable PNG",
    );
    fit(
        &dir.write("black.png", png_gray8(8, 8, &[0; 64])),
        "1",
        "no foreground",
    );
    fit(
        &dir.write("black.tif", tiff_gray8(8, 8, &[vec![0; 64]])),
        "1",
        "no foreground",
    );
    fit(
        &dir.write(
            "cut.tif",
            &tiff_gray8(48, 32, &[two_blobs([12.0, 10.0], [34.0, 20.0])])[..100],
        ),
        "1",
        "TIFF",
    );
    let flat = [1.0, 2.0, 3.0, 4.0];
    fit(
        &dir.write("short.npy", {
            let full = npy(&flat, 2, 2, false);
            full[..full.len() - 8].to_vec()
        }),
        "1",
        "truncated NPY data",
    );
    fit(
        &dir.write("nan.npy", npy(&[1.0, f64::NAN], 1, 2, false)),
        "1",
        "row 0, column 1: NaN",
    );
    assert_fails(
        &dir,
        &[
            &"fit",
            &three,
            &"-k",
            &"1",
            &"--weight-column",
            &"mass",
            &"--out",
            &out,
        ],
        "no column named \"mass\"",
    );
    let negative = dir.write("negative.csv", "x,w\n1,2\n3,-1\n");
    assert_fails(
        &dir,
        &[
            &"fit",
            &negative,
            &"-k",
            &"1",
            &"--weight-column",
            &"w",
            &"--out",
            &out,
        ],
        "line 3: weight -1 is negative",
    );
    assert_fails(
        &dir,
        &[
            &"segment",
            &"--image",
            &dir.path("black.png"),
            &"--out",
            &dir.path("seg"),
        ],
        "every pixel has intensity 0",
    );

    // a model file for the apply commands
    let model = dir.write("good.json", gmm_ok(&[&"fit", &three, &"-k", &"1"]));
    let labels = dir.path("labels.csv");
    let apply = |command: &str, model: &Path, input: &Path, expected: &str| {
        assert_fails(
            &dir,
            &[&command, &"--model", &model, &input, &"--out", &labels],
            expected,
        );
    };
    apply(
        "predict",
        &dir.write("bad.json", "{\"format\": "),
        &three,
        "not a JSON model file",
    );
    apply(
        "predict",
        &dir.write("other.json", "{\"format\": \"x\"}"),
        &three,
        "not a gmm model file",
    );
    apply("score", &dir.path("nothing.json"), &three, "cannot read");
    apply(
        "predict",
        &model,
        &dir.write("wide.csv", "1,2,3\n"),
        "the data has 3 columns but the model has 2",
    );
    apply(
        "score",
        &model,
        &dir.path("nan.csv"),
        "NaN is not a finite number",
    );
    assert_fails(
        &dir,
        &[
            &"score", &"--model", &model, &three, &"--proba", &"--out", &labels,
        ],
        "--proba applies to `gmm predict` only",
    );
    assert_fails(
        &dir,
        &[
            &"sample", &"--model", &model, &"-n", &"0", &"--out", &labels,
        ],
        "must be at least 1",
    );
    assert_fails(
        &dir,
        &[
            &"frames",
            &dir.path("folder.csv"),
            &"-k",
            &"1",
            &"--out",
            &labels,
        ],
        "no .png, .tif or .tiff frames",
    );
    let movie = dir.write("movie.tif", tiff_gray8(8, 8, &[vec![9; 64], vec![0; 64]]));
    assert_fails(
        &dir,
        &[&"frames", &movie, &"-k", &"1", &"--out", &labels],
        "frame 1",
    );

    // a failed run leaves an existing output file as it was
    fs::write(&out, "previous").unwrap();
    fit(&three, "5", "fewer than the 5 components");
    assert_eq!(fs::read_to_string(&out).unwrap(), "previous");
}

/// A model file of one 2-D component that claims `k` components of `d` features.
fn claiming(k: &str, d: &str, arrays: &str) -> String {
    format!(
        r#"{{"format":"gmm-model","covariance_type":"full","n_components":{k},"n_features":{d},
        {arrays}}}"#
    )
}

/// The rows of issue 18's table whose size is claimed or comes from the data: each is one line,
/// exit status 1 and no output file, never an abort.
#[test]
fn oversized_claims_and_data_are_typed_errors_not_aborts() {
    let dir = TempDir::new("oversized");
    let points = dir.write("pts.csv", "x,y\n0,0\n1,1\n");
    let out = dir.path("out.csv");
    let one = r#""weights":[1.0],"means":[[0,0]],"covariances":[[[1,0],[0,1]]]"#;
    let huge = dir.write(
        "huge.json",
        claiming("1000000000000000", "1000000000000000", one),
    );
    assert_fails(
        &dir,
        &[&"predict", &"--model", &huge, &points, &"--out", &out],
        "\"weights\" must be nested arrays of numbers of shape [1000000000000000]",
    );
    let empty = r#""weights":[],"means":[],"covariances":[]"#;
    let empty = dir.write("empty.json", claiming("4294967296", "4294967296", empty));
    assert_fails(
        &dir,
        &[&"score", &"--model", &empty, &points, &"--out", &out],
        "shape [4294967296]",
    );
    let many = dir.write("many.json", claiming("10000000000000", "2", one));
    assert_fails(
        &dir,
        &[&"sample", &"--model", &many, &"-n", &"5", &"--out", &out],
        "shape [10000000000000]",
    );

    // Data: 2 rows of 5,000,000 columns (10 MB of CSV), one full covariance of 25 * 10^12
    // values.
    let mut wide = String::with_capacity(2 * 2 * 5_000_000);
    for row in 0..2 {
        for column in 0..5_000_000 {
            wide.push(if (row + column) % 2 == 0 { '0' } else { '1' });
            wide.push(if column + 1 < 5_000_000 { ',' } else { '\n' });
        }
    }
    let wide = dir.write("wide.csv", wide);
    let model = dir.path("model.json");
    assert_fails(
        &dir,
        &[&"fit", &wide, &"-k", &"1", &"--out", &model],
        "a fit with a full covariance of 5,000,000 features needs 1.2 PB: use \
         --covariance-type diag",
    );

    // 30 rows of 100,000 columns: full is 80 GB a copy; diag fits.
    let mut z = Normals(7);
    let mut tall = String::new();
    for _ in 0..30 {
        let row: Vec<String> = (0..100_000).map(|_| format!("{:.3}", z.next())).collect();
        tall.push_str(&row.join(","));
        tall.push('\n');
    }
    let tall = dir.write("tall.csv", tall);
    assert_fails(
        &dir,
        &[&"fit", &tall, &"-k", &"1", &"--out", &model],
        "a fit with a full covariance of 100,000 features needs 480 GB",
    );
    gmm_ok(&[
        &"fit",
        &tall,
        &"-k",
        &"1",
        &"--covariance-type",
        &"diag",
        &"--out",
        &model,
    ]);
    assert!(model.exists());
}

/// Writes a `size` x `size` 8-bit gray PNG row by row; `pixel(x, y)` is the intensity.
fn write_large_png(path: &Path, size: u32, pixel: impl Fn(u32, u32) -> u8) {
    let file = std::io::BufWriter::new(fs::File::create(path).unwrap());
    let mut encoder = png::Encoder::new(file, size, size);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().unwrap();
    let mut stream = writer.stream_writer().unwrap();
    let mut row = vec![0u8; size as usize];
    for y in 0..size {
        for (x, v) in row.iter_mut().enumerate() {
            *v = pixel(x as u32, y);
        }
        std::io::Write::write_all(&mut stream, &row).unwrap();
    }
    stream.finish().unwrap();
}

/// Runs `gmm args` under `/usr/bin/time -v` and returns (exit success, stderr, peak resident
/// set in KiB, wall seconds).
fn gmm_measured(args: &[&dyn AsRef<std::ffi::OsStr>]) -> (bool, String, u64, f64) {
    let start = std::time::Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_gmm"))
        .args(args.iter().map(|a| a.as_ref()))
        .output()
        .expect("/usr/bin/time (apt-get install time)");
    let seconds = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let peak = stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|v| v.parse().ok())
        .expect("time -v reports the peak");
    (out.status.success(), stderr, peak, seconds)
}

/// Issue 18's whole-slide rows: a 20000 x 20000 8-bit PNG. All background: the error, in
/// under 1 GiB. Four 5000 x 5000 squares of foreground (10^8 pixels), `-k 4 --max-iter 3`: a
/// model, in under 4 GiB. Run with
/// `cargo test --release -p gmm-cli --test cli -- --ignored whole_slide --nocapture`
/// (it prints the peak and the wall time, which BENCHMARKS.md records).
#[test]
#[ignore = "writes two 20000 x 20000 images and fits 10^8 points: minutes and GiBs"]
fn whole_slide_images_in_bounded_memory() {
    const GIB: u64 = 1 << 20;
    let dir = TempDir::new("whole-slide");
    let background = dir.path("background.png");
    write_large_png(&background, 20_000, |_, _| 0);
    let model = dir.path("model.json");
    let (ok, stderr, peak, seconds) =
        gmm_measured(&[&"fit", &background, &"-k", &"4", &"--out", &model]);
    println!("all background: peak {} MiB, {seconds:.1} s", peak / 1024);
    assert!(!ok && stderr.contains("no foreground"), "{stderr}");
    assert!(!model.exists());
    assert!(peak < GIB, "all background peaked at {peak} KiB");

    let squares = dir.path("squares.png");
    // the middle 5000 x 5000 of each 10000 x 10000 quarter, intensities 50..=249
    let inside = |c: u32| (2_500..7_500).contains(&(c % 10_000));
    write_large_png(&squares, 20_000, |x, y| {
        if inside(x) && inside(y) {
            (50 + (x + 3 * y) % 200) as u8
        } else {
            0
        }
    });
    let (ok, stderr, peak, seconds) = gmm_measured(&[
        &"fit",
        &squares,
        &"-k",
        &"4",
        &"--max-iter",
        &"3",
        &"--out",
        &model,
    ]);
    println!(
        "10^8 foreground pixels: peak {} MiB, {seconds:.1} s",
        peak / 1024
    );
    assert!(ok, "{stderr}");
    assert!(stderr.contains("on 100000000 rows"), "{stderr}");
    assert!(peak < 4 * GIB, "10^8 points peaked at {peak} KiB");
}
