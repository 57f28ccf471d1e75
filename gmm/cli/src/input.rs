//! The data the subcommands read: CSV, NPY or images, chosen by extension or `--format`.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use crate::image::{self, GrayImage, Rows};
use crate::levels::Levels;
use crate::segment::threshold_of_levels;
use crate::table::{self, ColumnChoice, Table};

/// How to read an input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Comma-, tab- or semicolon-separated numbers, header optional.
    Csv,
    /// A NumPy array of float64 or float32.
    Npy,
    /// A PNG or TIFF image: pixel coordinates (x, y) weighted by intensity.
    Image,
}

/// Which pixels of an image are points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Threshold {
    /// Pixels at or above this intensity (and above 0).
    AtLeast(f64),
    /// Pixels a two-component mixture over the intensities calls foreground.
    Auto,
}

impl std::str::FromStr for Threshold {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "auto" => Ok(Threshold::Auto),
            _ => match s.parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(Threshold::AtLeast(v)),
                _ => Err(format!("{s:?} is neither a number nor \"auto\"")),
            },
        }
    }
}

/// Options that say how to turn an input file into weighted points.
#[derive(Debug, Clone, Args)]
pub struct ReadOptions {
    /// The input's format; by default from its extension (.csv .tsv .txt, .npy,
    /// .png .tif .tiff).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// CSV or NPY: the column of sample weights, by header name or index from 0; it is not
    /// a coordinate.
    #[arg(long, value_name = "NAME|INDEX")]
    pub weight_column: Option<String>,
    /// Images: pixels at or above this intensity (and above 0) are points, weighted by
    /// intensity; "auto" picks the brighter class of a two-component mixture over the
    /// intensities.
    #[arg(long, default_value = "0", value_name = "VALUE|auto")]
    pub threshold: Threshold,
}

/// The format of `path` from `--format` or the extension.
fn format_of(path: &Path, format: Option<Format>) -> Result<Format, String> {
    if let Some(f) = format {
        return Ok(f);
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("csv" | "tsv" | "txt") => Ok(Format::Csv),
        Some("npy") => Ok(Format::Npy),
        Some("png" | "tif" | "tiff") => Ok(Format::Image),
        _ => Err(format!(
            "{}: unknown extension; use .csv, .npy, .png or .tif, or give --format",
            path.display()
        )),
    }
}

/// Opens a file to read, with its length, with a message that names it.
fn open_file(path: &Path) -> Result<(File, u64), String> {
    if path.is_dir() {
        return Err(format!("{}: is a directory, not a file", path.display()));
    }
    let cannot = |e: std::io::Error| format!("cannot read {}: {e}", path.display());
    let file = File::open(path).map_err(cannot)?;
    let len = file.metadata().map_err(cannot)?.len();
    if len == 0 {
        return Err(format!("{}: the file is empty", path.display()));
    }
    Ok((file, len))
}

/// Reads a whole file, with a message that names it.
pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let (mut file, len) = open_file(path)?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(bytes)
}

/// Reads `path` as weighted points.
pub fn read_points(path: &Path, options: &ReadOptions) -> Result<Table, String> {
    let format = format_of(path, options.format)?;
    let weight = options.weight_column.clone().map(ColumnChoice);
    let named = |e: String| format!("{}: {e}", path.display());
    match format {
        // Read as they are parsed: the values without the file's bytes beside them.
        Format::Csv => {
            let (file, _) = open_file(path)?;
            table::read_csv(file, weight.as_ref()).map_err(named)
        }
        Format::Npy => {
            let (file, len) = open_file(path)?;
            table::read_npy(file, len, weight.as_ref()).map_err(named)
        }
        Format::Image => {
            if weight.is_some() {
                return Err("--weight-column applies to CSV and NPY input only".into());
            }
            // A missing or empty file is told as for the other formats.
            open_file(path)?;
            image_points(&image::Encoded(path), options.threshold).map_err(named)
        }
    }
}

/// The pixels of `image` selected by `threshold` as (x, y) points weighted by intensity, in
/// two passes over its rows: the first counts the intensity levels (which give `auto`'s
/// threshold and the number of points), the second stores the points into buffers of exactly
/// that size, reserved fallibly. The image itself is never held in memory as numbers.
pub fn image_points(image: &dyn Rows, threshold: Threshold) -> Result<Table, String> {
    let mut levels = Levels::default();
    let (width, height) = image.for_each_row(&mut |_, row| {
        levels.add(row);
        Ok(())
    })?;
    let minimum = match threshold {
        Threshold::AtLeast(v) => v,
        Threshold::Auto => threshold_of_levels(&levels.counts())?,
    };
    let (n, _) = levels.foreground(minimum);
    if n == 0 {
        return Err(format!(
            "no foreground: no pixel of the {width} x {height} image is at or above intensity \
             {minimum} and above 0 (an empty or all-background image?)"
        ));
    }
    let too_many = |_| {
        format!(
            "the {n} foreground pixels need {} MB as points and weights (24 bytes each): \
             raise --threshold",
            n.saturating_mul(24) / 1_000_000
        )
    };
    let mut values = Vec::new();
    values
        .try_reserve_exact(n.saturating_mul(2))
        .map_err(too_many)?;
    let mut weights = Vec::new();
    weights.try_reserve_exact(n).map_err(too_many)?;
    image.for_each_row(&mut |y, row| {
        for (x, &v) in row.iter().enumerate() {
            if v >= minimum && v > 0.0 {
                values.extend([x as f64, y as f64]);
                weights.push(v);
            }
        }
        Ok(())
    })?;
    Ok(Table {
        names: vec!["x".into(), "y".into()],
        values,
        weights: Some(weights),
    })
}

/// One frame of a sequence: where it came from and its pixels.
pub struct Frame {
    pub source: String,
    pub image: GrayImage,
}

/// The frames of a directory of PNG/TIFF files (in natural order of their names: `t2`
/// before `t10`) or of a multi-page TIFF, decoded one at a time as they are used.
pub fn read_frames(path: &Path) -> Result<Box<dyn Iterator<Item = Result<Frame, String>>>, String> {
    if !path.is_dir() {
        let name = path.display().to_string();
        let (mut file, _) = open_file(path)?;
        let tiff = image::starts_as_tiff(&mut file);
        if !tiff.map_err(|e| format!("cannot read {name}: {e}"))? {
            let image = image::decode(&read_file(path)?).map_err(|e| format!("{name}: {e}"))?;
            return Ok(Box::new(std::iter::once(Ok(Frame {
                source: name,
                image,
            }))));
        }
        // A multi-page TIFF is read page by page from the file, never held whole.
        let pages =
            image::TiffPages::new(BufReader::new(file)).map_err(|e| format!("{name}: {e}"))?;
        return Ok(Box::new(pages.enumerate().map(move |(i, page)| {
            let source = format!("{name} page {}", i + 1);
            match page {
                Ok(image) => Ok(Frame { source, image }),
                Err(e) => Err(format!("{source}: {e}")),
            }
        })));
    }
    let entries =
        std::fs::read_dir(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let file = entry
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?
            .path();
        if file.is_file() && format_of(&file, None) == Ok(Format::Image) {
            files.push(file);
        }
    }
    if files.is_empty() {
        return Err(format!(
            "{}: no .png, .tif or .tiff frames in the directory",
            path.display()
        ));
    }
    files.sort_by(|a, b| natural_order(&a.to_string_lossy(), &b.to_string_lossy()));
    Ok(Box::new(files.into_iter().map(|file| {
        let source = file.display().to_string();
        let image = image::decode(&read_file(&file)?).map_err(|e| format!("{source}: {e}"))?;
        Ok(Frame { source, image })
    })))
}

/// Compares names with runs of digits compared as numbers (`frame2` < `frame10`), ties
/// broken by the plain order so that the order is total.
fn natural_order(a: &str, b: &str) -> std::cmp::Ordering {
    natord::compare(a, b).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_compares_numbers_as_numbers() {
        let mut names = vec!["t10.png", "t2.png", "t1.png", "a.png", "t9.png"];
        names.sort_by(|a, b| natural_order(a, b));
        assert_eq!(names, ["a.png", "t1.png", "t2.png", "t9.png", "t10.png"]);
        // zero-padded names sort as their numbers do
        let mut padded = vec!["f010.tif", "f002.tif", "f001.tif"];
        padded.sort_by(|a, b| natural_order(a, b));
        assert_eq!(padded, ["f001.tif", "f002.tif", "f010.tif"]);
    }

    #[test]
    fn thresholds_parse() {
        assert_eq!("auto".parse(), Ok(Threshold::Auto));
        assert_eq!("2.5".parse(), Ok(Threshold::AtLeast(2.5)));
        assert!("nan".parse::<Threshold>().is_err());
    }
}
