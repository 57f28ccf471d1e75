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

    /// The coordinates (x, y) of the pixels at or above `minimum` and above 0, with their
    /// intensities, row by row.
    pub fn points_at_or_above(&self, minimum: f64) -> (Vec<[f64; 2]>, Vec<f64>) {
        let mut points = Vec::new();
        let mut weights = Vec::new();
        for (i, &v) in self.pixels.iter().enumerate() {
            if v >= minimum && v > 0.0 {
                points.push([(i % self.width) as f64, (i / self.width) as f64]);
                weights.push(v);
            }
        }
        (points, weights)
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
        if channels == 0 || samples.len() < width * height * channels {
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
