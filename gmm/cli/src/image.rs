//! Grayscale images: decoding PNG and (multi-page) TIFF files into intensities.

use std::io::Cursor;

/// A grayscale image: intensities row by row, `height` rows of `width` pixels.
#[derive(Debug, Clone)]
pub struct GrayImage {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<f64>,
}

impl GrayImage {
    /// The intensity at column `x`, row `y`.
    pub fn at(&self, x: usize, y: usize) -> f64 {
        self.pixels[y * self.width + x]
    }

    /// Checks the size and averages each pixel's colour samples (the first three of four or
    /// more; the gray one of gray + alpha) to one intensity.
    fn from_samples(
        width: usize,
        height: usize,
        channels: usize,
        samples: Vec<f64>,
    ) -> Result<Self, String> {
        if width == 0 || height == 0 {
            return Err("the image is empty".into());
        }
        let needed = width
            .checked_mul(height)
            .and_then(|p| p.checked_mul(channels));
        if channels == 0 || needed.is_none_or(|needed| samples.len() < needed) {
            return Err("the image holds fewer samples than its size".into());
        }
        let pixels = if channels == 1 {
            samples
        } else {
            let colour = if channels >= 3 { 3 } else { 1 };
            samples
                .chunks_exact(channels)
                .map(|px| px[..colour].iter().sum::<f64>() / colour as f64)
                .collect()
        };
        if let Some(i) = pixels.iter().position(|v| !v.is_finite()) {
            return Err(format!(
                "pixel ({}, {}) is not a finite intensity",
                i % width,
                i / width
            ));
        }
        Ok(GrayImage {
            width,
            height,
            pixels,
        })
    }
}

/// Whether `bytes` start like a TIFF file (either byte order).
pub fn is_tiff(bytes: &[u8]) -> bool {
    bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*")
}

/// Decodes a PNG or a TIFF (its first page), recognised by their signatures.
pub fn decode(bytes: &[u8]) -> Result<GrayImage, String> {
    if is_tiff(bytes) {
        TiffPages::new(bytes.to_vec())?
            .next()
            .unwrap_or_else(|| Err("the TIFF holds no image".into()))
    } else {
        decode_png(bytes)
    }
}

/// Decodes an 8- or 16-bit PNG, gray or colour (colour is averaged to gray).
pub fn decode_png(bytes: &[u8]) -> Result<GrayImage, String> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder
        .read_info()
        .map_err(|e| format!("not a readable PNG or TIFF: {e}"))?;
    check_png_size(reader.info(), bytes.len())?;
    let mut buffer = vec![0; reader.output_buffer_size()];
    let info = reader
        .next_frame(&mut buffer)
        .map_err(|e| format!("truncated or corrupt PNG: {e}"))?;
    let samples: Vec<f64> = match info.bit_depth {
        png::BitDepth::Sixteen => buffer[..info.buffer_size()]
            .chunks_exact(2)
            .map(|b| f64::from(u16::from_be_bytes([b[0], b[1]])))
            .collect(),
        _ => buffer[..info.buffer_size()]
            .iter()
            .map(|&b| f64::from(b))
            .collect(),
    };
    GrayImage::from_samples(
        info.width as usize,
        info.height as usize,
        info.color_type.samples(),
        samples,
    )
}

/// Deflate, PNG's only compression, packs at most 1032 bytes into one: a PNG whose header
/// claims more pixel data than that many times its length is truncated or corrupt, and is
/// refused before anything is sized by the claim.
const DEFLATE_MAX_RATIO: u64 = 1032;

/// Refuses a PNG whose header claims more data than `file_len` bytes can hold.
fn check_png_size(info: &png::Info<'_>, file_len: usize) -> Result<(), String> {
    let row = info.raw_row_length() as u64;
    let claimed = u64::from(info.height).saturating_mul(row);
    if claimed > DEFLATE_MAX_RATIO.saturating_mul(file_len as u64) {
        return Err(format!(
            "the PNG claims {} x {} pixels, {claimed} bytes, more than its {file_len} bytes can \
             hold: truncated or corrupt",
            info.width, info.height
        ));
    }
    Ok(())
}

/// What receives an image's rows: `(y, intensities)`, stopping the decoding at an error.
pub type RowSink<'a> = dyn FnMut(usize, &[f64]) -> Result<(), String> + 'a;

/// Something to read an image from one row of intensities at a time.
pub trait Rows {
    /// Calls `row(y, intensities)` for every row from the top, with one intensity per pixel
    /// (colour averaged as [`decode`] does), and returns the width and the height. Stops at
    /// the first error, `row`'s or the decoder's.
    fn for_each_row(&self, row: &mut RowSink<'_>) -> Result<(usize, usize), String>;
}

impl Rows for GrayImage {
    fn for_each_row(&self, row: &mut RowSink<'_>) -> Result<(usize, usize), String> {
        for (y, line) in self.pixels.chunks_exact(self.width).enumerate() {
            row(y, line)?;
        }
        Ok((self.width, self.height))
    }
}

/// An encoded PNG or TIFF, read a row at a time: a PNG without interlacing is decoded row by
/// row (memory: one row), any other image one page at a time in its own sample type (one
/// byte per 8-bit sample, not eight).
pub struct Encoded<'a>(pub &'a [u8]);

impl Rows for Encoded<'_> {
    fn for_each_row(&self, row: &mut RowSink<'_>) -> Result<(usize, usize), String> {
        if is_tiff(self.0) {
            tiff_rows(self.0, row)
        } else {
            png_rows(self.0, row)
        }
    }
}

/// Averages each pixel's colour samples (the first three of four or more; the gray one of
/// gray + alpha) into `out`, checking that every intensity is finite.
fn gray_row(
    samples: impl Iterator<Item = f64>,
    channels: usize,
    y: usize,
    out: &mut Vec<f64>,
) -> Result<(), String> {
    out.clear();
    if channels == 1 {
        out.extend(samples);
        return match out.iter().position(|v| !v.is_finite()) {
            Some(x) => Err(format!("pixel ({x}, {y}) is not a finite intensity")),
            None => Ok(()),
        };
    }
    let colour = if channels >= 3 { 3 } else { 1 };
    let mut pixel = [0.0; 4];
    for (i, v) in samples.enumerate() {
        let c = i % channels;
        if c < colour {
            pixel[c] = v;
        }
        if c + 1 == channels {
            let v = if colour == 1 {
                pixel[0]
            } else {
                (pixel[0] + pixel[1] + pixel[2]) / 3.0
            };
            if !v.is_finite() {
                return Err(format!(
                    "pixel ({}, {y}) is not a finite intensity",
                    out.len()
                ));
            }
            out.push(v);
        }
    }
    Ok(())
}

/// The rows of a PNG: one at a time unless it is interlaced.
fn png_rows(bytes: &[u8], row: &mut RowSink<'_>) -> Result<(usize, usize), String> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder
        .read_info()
        .map_err(|e| format!("not a readable PNG or TIFF: {e}"))?;
    check_png_size(reader.info(), bytes.len())?;
    let (width, height) = (reader.info().width as usize, reader.info().height as usize);
    if width == 0 || height == 0 {
        return Err("the image is empty".into());
    }
    if reader.info().interlaced {
        let image = decode_png(bytes)?;
        return image.for_each_row(row);
    }
    let (colour, depth) = reader.output_color_type();
    let channels = colour.samples();
    let mut gray = Vec::with_capacity(width);
    for y in 0..height {
        let line = reader
            .next_row()
            .map_err(|e| format!("truncated or corrupt PNG: {e}"))?
            .ok_or("truncated PNG: fewer rows than its height")?;
        let data = line.data();
        match depth {
            png::BitDepth::Sixteen => gray_row(
                data.chunks_exact(2)
                    .map(|b| f64::from(u16::from_be_bytes([b[0], b[1]]))),
                channels,
                y,
                &mut gray,
            )?,
            _ => gray_row(data.iter().map(|&b| f64::from(b)), channels, y, &mut gray)?,
        }
        if gray.len() != width {
            return Err("the image holds fewer samples than its size".into());
        }
        row(y, &gray)?;
    }
    Ok((width, height))
}

/// The rows of a TIFF's first page, decoded as one page in its own sample type.
fn tiff_rows(bytes: &[u8], row: &mut RowSink<'_>) -> Result<(usize, usize), String> {
    use tiff::decoder::DecodingResult;
    let mut decoder = tiff::decoder::Decoder::new(Cursor::new(bytes)).map_err(corrupt_tiff)?;
    let (width, height) = decoder.dimensions().map_err(corrupt_tiff)?;
    let (width, height) = (width as usize, height as usize);
    let channels = usize::from(decoder.colortype().map_err(corrupt_tiff)?.num_samples());
    let page = decoder.read_image().map_err(corrupt_tiff)?;
    let line = width.saturating_mul(channels);
    if width == 0 || height == 0 || line == 0 {
        return Err("the image is empty".into());
    }
    let mut gray = Vec::with_capacity(width);
    macro_rules! rows {
        ($samples:expr, $to_f64:expr) => {{
            let samples = $samples;
            if samples.len() / line < height {
                return Err("the image holds fewer samples than its size".into());
            }
            for (y, chunk) in samples.chunks_exact(line).take(height).enumerate() {
                gray_row(chunk.iter().map($to_f64), channels, y, &mut gray)?;
                row(y, &gray)?;
            }
        }};
    }
    match page {
        DecodingResult::U8(v) => rows!(v, |&s| f64::from(s)),
        DecodingResult::U16(v) => rows!(v, |&s| f64::from(s)),
        DecodingResult::U32(v) => rows!(v, |&s| f64::from(s)),
        DecodingResult::U64(v) => rows!(v, |&s| s as f64),
        DecodingResult::F16(v) => rows!(v, |s| s.to_f64()),
        DecodingResult::F32(v) => rows!(v, |&s| f64::from(s)),
        DecodingResult::F64(v) => rows!(v, |&s| s),
        DecodingResult::I8(v) => rows!(v, |&s| f64::from(s)),
        DecodingResult::I16(v) => rows!(v, |&s| f64::from(s)),
        DecodingResult::I32(v) => rows!(v, |&s| f64::from(s)),
        DecodingResult::I64(v) => rows!(v, |&s| s as f64),
    }
    Ok((width, height))
}

/// The pages of a TIFF, decoded one at a time: gray or colour, integer or floating-point
/// samples. After an error it yields nothing more.
pub struct TiffPages {
    decoder: Option<tiff::decoder::Decoder<Cursor<Vec<u8>>>>,
    page: usize,
}

impl TiffPages {
    pub fn new(bytes: Vec<u8>) -> Result<Self, String> {
        let decoder = tiff::decoder::Decoder::new(Cursor::new(bytes)).map_err(corrupt_tiff)?;
        Ok(TiffPages {
            decoder: Some(decoder),
            page: 0,
        })
    }

    fn decode_page(
        decoder: &mut tiff::decoder::Decoder<Cursor<Vec<u8>>>,
    ) -> Result<GrayImage, String> {
        use tiff::decoder::DecodingResult;
        let (width, height) = decoder.dimensions().map_err(corrupt_tiff)?;
        let channels = usize::from(decoder.colortype().map_err(corrupt_tiff)?.num_samples());
        let samples: Vec<f64> = match decoder.read_image().map_err(corrupt_tiff)? {
            DecodingResult::U8(v) => v.into_iter().map(f64::from).collect(),
            DecodingResult::U16(v) => v.into_iter().map(f64::from).collect(),
            DecodingResult::U32(v) => v.into_iter().map(f64::from).collect(),
            DecodingResult::U64(v) => v.into_iter().map(|s| s as f64).collect(),
            DecodingResult::F16(v) => v.into_iter().map(|s| s.to_f64()).collect(),
            DecodingResult::F32(v) => v.into_iter().map(f64::from).collect(),
            DecodingResult::F64(v) => v,
            DecodingResult::I8(v) => v.into_iter().map(f64::from).collect(),
            DecodingResult::I16(v) => v.into_iter().map(f64::from).collect(),
            DecodingResult::I32(v) => v.into_iter().map(f64::from).collect(),
            DecodingResult::I64(v) => v.into_iter().map(|s| s as f64).collect(),
        };
        GrayImage::from_samples(width as usize, height as usize, channels, samples)
    }
}

impl Iterator for TiffPages {
    type Item = Result<GrayImage, String>;

    fn next(&mut self) -> Option<Self::Item> {
        let decoder = self.decoder.as_mut()?;
        if self.page > 0 {
            if !decoder.more_images() {
                self.decoder = None;
                return None;
            }
            if let Err(e) = decoder.next_image() {
                self.decoder = None;
                return Some(Err(corrupt_tiff(e)));
            }
        }
        self.page += 1;
        let page = Self::decode_page(decoder);
        if page.is_err() {
            self.decoder = None;
        }
        Some(page)
    }
}

fn corrupt_tiff(e: tiff::TiffError) -> String {
    format!("truncated or corrupt TIFF: {e}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PNG header claiming `width x height` gray pixels, followed by one row of data and no
    /// end: what a truncated or hostile file looks like.
    fn claiming(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        let mut stream = writer.stream_writer().unwrap();
        std::io::Write::write_all(&mut stream, &vec![7u8; width as usize]).unwrap();
        std::io::Write::flush(&mut stream).unwrap();
        std::mem::forget(stream);
        std::mem::forget(writer);
        bytes
    }

    #[test]
    fn a_png_claiming_more_than_deflate_can_hold_is_refused_before_decoding() {
        let hostile = claiming(100_000, 100_000);
        assert!(hostile.len() < 1_000_000);
        for err in [
            decode(&hostile).unwrap_err(),
            Encoded(&hostile)
                .for_each_row(&mut |_, _| Ok(()))
                .unwrap_err(),
        ] {
            assert!(err.contains("claims 100000 x 100000 pixels"), "{err}");
        }
        // a small truncated one is decoded until its data ends
        let err = Encoded(&claiming(4, 3))
            .for_each_row(&mut |_, _| Ok(()))
            .unwrap_err();
        assert!(err.contains("truncated"), "{err}");
    }

    #[test]
    fn rows_are_the_decoded_image_row_by_row() {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, 3, 2);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Sixteen);
        let mut writer = encoder.write_header().unwrap();
        let samples: Vec<u8> = (0..18u16).flat_map(|v| (v * 1000).to_be_bytes()).collect();
        writer.write_image_data(&samples).unwrap();
        writer.finish().unwrap();
        let whole = decode(&bytes).unwrap();
        let mut rows = Vec::new();
        let size = Encoded(&bytes)
            .for_each_row(&mut |y, row| {
                rows.push((y, row.to_vec()));
                Ok(())
            })
            .unwrap();
        assert_eq!(size, (3, 2));
        assert_eq!(rows[0], (0, whole.pixels[..3].to_vec()));
        assert_eq!(rows[1], (1, whole.pixels[3..].to_vec()));
        assert_eq!(rows[1].1[0], (9000.0 + 10000.0 + 11000.0) / 3.0);
    }
}
