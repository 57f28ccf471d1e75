//! Grayscale images: decoding a PNG into intensities.

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
}

/// Decodes an 8- or 16-bit PNG, gray or colour (colour is averaged to gray).
pub fn decode_png(bytes: &[u8]) -> Result<GrayImage, String> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder
        .read_info()
        .map_err(|e| format!("not a readable PNG: {e}"))?;
    let mut buffer = vec![0; reader.output_buffer_size()];
    let info = reader
        .next_frame(&mut buffer)
        .map_err(|e| format!("truncated or corrupt PNG: {e}"))?;
    let (width, height) = (info.width as usize, info.height as usize);
    if width == 0 || height == 0 {
        return Err("the image is empty".into());
    }
    let channels = info.color_type.samples();
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
    // gray and gray+alpha keep the gray sample; colour averages red, green and blue
    let colour = if channels >= 3 { 3 } else { 1 };
    let pixels = samples
        .chunks_exact(channels)
        .map(|px| px[..colour].iter().sum::<f64>() / colour as f64)
        .collect();
    Ok(GrayImage {
        width,
        height,
        pixels,
    })
}
