//! The files the main job writes: every file is encoded in memory first, then written to a
//! temporary name and renamed, so a failure never leaves a half-written output.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::image::GrayImage;
use crate::segment::Segmentation;

/// One finished output: its file name and its bytes.
pub struct OutputFile {
    pub name: &'static str,
    pub bytes: Vec<u8>,
}

/// Writes every file into `dir` (created if missing) and returns their paths.
pub fn write_all(dir: &Path, files: &[OutputFile]) -> io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for file in files {
        let path = dir.join(file.name);
        let temporary = dir.join(format!(".{}.partial", file.name));
        fs::write(&temporary, &file.bytes)?;
        fs::rename(&temporary, &path)?;
        written.push(path);
    }
    Ok(written)
}

/// The image in gray with each component's centre and 2-sigma ellipse in colour.
pub fn fit_overlay(image: &GrayImage, segmentation: &Segmentation) -> Result<Vec<u8>, String> {
    let (w, h) = (image.width, image.height);
    let max = image.pixels.iter().copied().fold(1.0, f64::max);
    let mut rgb: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|&v| {
            let g = (v / max * 255.0).round() as u8;
            [g, g, g]
        })
        .collect();
    let mut plot = |x: f64, y: f64, colour: [u8; 3]| {
        let (xi, yi) = (x.round(), y.round());
        if xi >= 0.0 && yi >= 0.0 && (xi as usize) < w && (yi as usize) < h {
            let at = 3 * (yi as usize * w + xi as usize);
            rgb[at..at + 3].copy_from_slice(&colour);
        }
    };
    let model = &segmentation.model;
    let means = model.means();
    for c in 0..model.n_components() {
        let (mx, my) = (means.data()[2 * c], means.data()[2 * c + 1]);
        let cov = model.covariance_matrix(c);
        let (a, b, d) = (cov[[0, 0]], cov[[0, 1]], cov[[1, 1]]);
        // eigen-decomposition of the symmetric 2x2 covariance
        let mean_eig = (a + d) / 2.0;
        let spread = (((a - d) / 2.0).powi(2) + b * b).sqrt();
        let (l1, l2) = (mean_eig + spread, (mean_eig - spread).max(0.0));
        let angle = 0.5 * (2.0 * b).atan2(a - d);
        let (cos, sin) = (angle.cos(), angle.sin());
        let steps = 360;
        for s in 0..steps {
            let t = s as f64 / steps as f64 * std::f64::consts::TAU;
            let (u, v) = (2.0 * l1.sqrt() * t.cos(), 2.0 * l2.sqrt() * t.sin());
            plot(
                mx + u * cos - v * sin,
                my + u * sin + v * cos,
                [255, 200, 0],
            );
        }
        for o in -2..=2 {
            plot(mx + f64::from(o), my, [255, 40, 40]);
            plot(mx, my + f64::from(o), [255, 40, 40]);
        }
    }
    encode_png(w, h, png::ColorType::Rgb, png::BitDepth::Eight, &rgb)
}

/// A 16-bit label image: 0 for background, `i` (1..=k) for the most likely component.
pub fn label_image(image: &GrayImage, segmentation: &Segmentation) -> Result<Vec<u8>, String> {
    let labels = segmentation
        .model
        .predict(segmentation.points.as_slice())
        .map_err(|e| e.to_string())?;
    let mut pixels = vec![0u16; image.width * image.height];
    for (p, &label) in segmentation.points.iter().zip(&labels) {
        pixels[p[1] as usize * image.width + p[0] as usize] =
            u16::try_from(label + 1).unwrap_or(u16::MAX);
    }
    let bytes: Vec<u8> = pixels.iter().flat_map(|v| v.to_be_bytes()).collect();
    encode_png(
        image.width,
        image.height,
        png::ColorType::Grayscale,
        png::BitDepth::Sixteen,
        &bytes,
    )
}

fn encode_png(
    w: usize,
    h: usize,
    colour: png::ColorType,
    depth: png::BitDepth,
    data: &[u8],
) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let width = u32::try_from(w).map_err(|_| "image too wide")?;
    let height = u32::try_from(h).map_err(|_| "image too tall")?;
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(colour);
    encoder.set_depth(depth);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(data).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// The fitted parameters, the lower bound per iteration and the timings, as JSON.
pub fn model_json(segmentation: &Segmentation, total_seconds: f64) -> Vec<u8> {
    let model = &segmentation.model;
    let k = model.n_components();
    let means: Vec<&[f64]> = model.means().data().chunks(2).collect();
    let covariances: Vec<Vec<f64>> = (0..k)
        .map(|c| model.covariance_matrix(c).into_vec())
        .collect();
    let value = serde_json::json!({
        "covariance_type": "full",
        "n_components": k,
        "weights": model.weights(),
        "means_xy": means,
        "covariances_2x2": covariances,
        "converged": model.converged(),
        "n_iter": model.n_iter(),
        "lower_bound": model.lower_bound(),
        "lower_bound_history": model.lower_bound_history(),
        "foreground_threshold": segmentation.threshold,
        "foreground_pixels": segmentation.points.len(),
        "initial_means_xy": segmentation.seeds,
        "seconds_per_iteration": segmentation.iteration_seconds,
        "seconds_total": total_seconds,
    });
    serde_json::to_vec_pretty(&value).expect("JSON values always serialise")
}
