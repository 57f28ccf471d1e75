//! The files the commands write: each is written to a temporary file in the same directory
//! and renamed, so a failure never leaves a half-written output. Most are encoded in memory
//! first; the CSV outputs that grow with the data are written as they are produced
//! ([`emit_streamed`]).

use std::fs;
use std::io::{self, Write};
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
    let mut written = Vec::new();
    for file in files {
        let path = dir.join(file.name);
        write_atomically(&path, &file.bytes)?;
        written.push(path);
    }
    Ok(written)
}

/// Writes `bytes` to `path` through a temporary file in the same directory (created if
/// missing) and a rename: `path` is either the old file or the complete new one, and the
/// temporary file is removed on failure.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut temporary = temporary_beside(path)?;
    temporary.write_all(bytes)?;
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A new temporary file in the directory of `path` (made if missing), to be renamed to it.
fn temporary_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".gmm-").suffix(".partial");
    // The umask still applies, as for any file the user creates.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    builder.tempfile_in(dir)
}

/// Writes what `write` produces to the file `out` as it is produced, or to standard output
/// for none or `-`: for the outputs that grow with the data (a CSV record per row), so that
/// none is held whole in memory. A file goes through a temporary file in its directory,
/// renamed once `write` has finished and removed if it fails, so a failure never leaves a
/// half-written output; on standard output the callers compute everything that can fail
/// before they write.
pub fn emit_streamed(
    out: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), String> {
    match out {
        Some(path) if path != Path::new("-") => {
            let stream = || -> io::Result<()> {
                let mut temporary = temporary_beside(path)?;
                let mut buffered = io::BufWriter::new(&mut temporary);
                write(&mut buffered)?;
                buffered.flush()?;
                drop(buffered);
                temporary.as_file().sync_all()?;
                temporary.persist(path).map_err(|e| e.error)?;
                Ok(())
            };
            stream().map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        _ => {
            let mut stdout = io::BufWriter::new(io::stdout().lock());
            match write(&mut stdout).and_then(|()| stdout.flush()) {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                    Err(format!("cannot write to standard output: {e}"))
                }
                _ => Ok(()),
            }
        }
    }
}

/// Writes `bytes` to the file `out` (atomically), or to standard output for none or `-`.
pub fn emit(out: Option<&Path>, bytes: &[u8]) -> Result<(), String> {
    match out {
        Some(path) if path != Path::new("-") => write_atomically(path, bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display())),
        _ => {
            let mut stdout = io::stdout().lock();
            match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
                // A closed pipe (`gmm sample ... | head`) is the reader's choice, not an error.
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                    Err(format!("cannot write to standard output: {e}"))
                }
                _ => Ok(()),
            }
        }
    }
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

pub fn encode_png(
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

/// The model file (loadable by `gmm predict --model`), with the segmentation's threshold,
/// seeds and timings added.
pub fn model_json(segmentation: &Segmentation, total_seconds: f64) -> Vec<u8> {
    let names = ["x".to_string(), "y".to_string()];
    let mut object = crate::model_file::to_json(&segmentation.model, &names);
    let extra = serde_json::json!({
        "foreground_threshold": segmentation.threshold,
        "foreground_pixels": segmentation.points.len(),
        "initial_means": segmentation.seeds,
        "seconds_per_iteration": segmentation.iteration_seconds,
        "seconds_total": total_seconds,
    });
    if let serde_json::Value::Object(extra) = extra {
        object.extend(extra);
    }
    serde_json::to_vec_pretty(&object).expect("JSON values always serialise")
}
