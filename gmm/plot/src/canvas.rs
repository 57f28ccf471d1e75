//! The RGB canvas and its PNG encoding.

use crate::font::{GLYPH_ADVANCE, TEXT_SCALE, baseline_drop, glyph};

/// An 8-bit red, green, blue colour.
///
/// ```
/// let steel_blue: gmm_plot::Rgb = [31, 119, 180];
/// assert_eq!(steel_blue[2], 180);
/// ```
pub type Rgb = [u8; 3];

/// Black, the colour of axes and text.
///
/// ```
/// assert_eq!(gmm_plot::BLACK, [0, 0, 0]);
/// ```
pub const BLACK: Rgb = [0, 0, 0];

/// White, the background of a new [`Canvas`].
///
/// ```
/// let canvas = gmm_plot::Canvas::new(1, 1);
/// assert_eq!(canvas.pixel(0, 0), Some(gmm_plot::WHITE));
/// ```
pub const WHITE: Rgb = [255, 255, 255];

/// A white RGB image to draw on. Coordinates are pixels from the top-left corner; whatever
/// falls outside the image is clipped.
///
/// ```
/// use gmm_plot::{BLACK, Canvas};
///
/// let mut canvas = Canvas::new(4, 3);
/// canvas.set(1, 2, BLACK);
/// canvas.set(9, 9, BLACK); // outside: ignored
/// assert_eq!(canvas.pixel(1, 2), Some(BLACK));
/// assert_eq!(canvas.pixels().len(), 4 * 3 * 3);
/// ```
#[derive(Clone, Debug)]
pub struct Canvas {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
}

impl Canvas {
    /// A white canvas of `width x height` pixels.
    ///
    /// ```
    /// let canvas = gmm_plot::Canvas::new(800, 500);
    /// assert_eq!((canvas.width(), canvas.height()), (800, 500));
    /// ```
    pub fn new(width: u32, height: u32) -> Self {
        Canvas {
            width,
            height,
            rgb: vec![255; width as usize * height as usize * 3],
        }
    }

    /// The width in pixels.
    ///
    /// ```
    /// assert_eq!(gmm_plot::Canvas::new(3, 2).width(), 3);
    /// ```
    pub fn width(&self) -> u32 {
        self.width
    }

    /// The height in pixels.
    ///
    /// ```
    /// assert_eq!(gmm_plot::Canvas::new(3, 2).height(), 2);
    /// ```
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The pixels row by row, three bytes (red, green, blue) each.
    ///
    /// ```
    /// let canvas = gmm_plot::Canvas::new(2, 2);
    /// assert!(canvas.pixels().iter().all(|&byte| byte == 255));
    /// ```
    pub fn pixels(&self) -> &[u8] {
        &self.rgb
    }

    /// The colour at `(x, y)`, `None` outside the image.
    ///
    /// ```
    /// let canvas = gmm_plot::Canvas::new(2, 2);
    /// assert_eq!(canvas.pixel(1, 1), Some(gmm_plot::WHITE));
    /// assert_eq!(canvas.pixel(2, 0), None);
    /// ```
    pub fn pixel(&self, x: i64, y: i64) -> Option<Rgb> {
        let at = self.offset(x, y)?;
        Some([self.rgb[at], self.rgb[at + 1], self.rgb[at + 2]])
    }

    /// Paints one pixel; nothing happens outside the image.
    ///
    /// ```
    /// let mut canvas = gmm_plot::Canvas::new(2, 2);
    /// canvas.set(0, 1, [255, 0, 0]);
    /// assert_eq!(canvas.pixel(0, 1), Some([255, 0, 0]));
    /// ```
    pub fn set(&mut self, x: i64, y: i64, colour: Rgb) {
        if let Some(at) = self.offset(x, y) {
            self.rgb[at..at + 3].copy_from_slice(&colour);
        }
    }

    /// Fills the rectangle with corners `(x0, y0)` and `(x1, y1)`, both included.
    ///
    /// ```
    /// use gmm_plot::{BLACK, Canvas, WHITE};
    ///
    /// let mut canvas = Canvas::new(5, 5);
    /// canvas.rect(1, 1, 3, 2, BLACK);
    /// assert_eq!(canvas.pixel(3, 2), Some(BLACK));
    /// assert_eq!(canvas.pixel(3, 3), Some(WHITE));
    /// ```
    pub fn rect(&mut self, x0: i64, y0: i64, x1: i64, y1: i64, colour: Rgb) {
        for y in y0..=y1 {
            for x in x0..=x1 {
                self.set(x, y, colour);
            }
        }
    }

    /// A line from `from` to `to` drawn with a square pen `thickness` pixels wide, one pen
    /// stamp per pixel along the longer extent. The pen covers `x - (thickness - 1) / 2` to
    /// `x + thickness / 2` (and the same in `y`), so an odd thickness is centred on the line.
    ///
    /// ```
    /// use gmm_plot::{BLACK, Canvas, WHITE};
    ///
    /// let mut canvas = Canvas::new(10, 10);
    /// canvas.line((1.0, 5.0), (8.0, 5.0), 3, BLACK);
    /// assert_eq!(canvas.pixel(8, 4), Some(BLACK));
    /// assert_eq!(canvas.pixel(8, 6), Some(BLACK));
    /// assert_eq!(canvas.pixel(8, 7), Some(WHITE));
    /// ```
    pub fn line(&mut self, from: (f64, f64), to: (f64, f64), thickness: i64, colour: Rgb) {
        let steps = (to.0 - from.0)
            .abs()
            .max((to.1 - from.1).abs())
            .ceil()
            .max(1.0) as usize;
        let back = (thickness - 1) / 2;
        for step in 0..=steps {
            let t = step as f64 / steps as f64;
            let x = (from.0 + t * (to.0 - from.0)).round() as i64 - back;
            let y = (from.1 + t * (to.1 - from.1)).round() as i64 - back;
            self.rect(x, y, x + thickness - 1, y + thickness - 1, colour);
        }
    }

    /// Writes `text` in the 5x7 font at twice its size, the top-left corner of its first
    /// character at `(x, y)`. Capitals and digits are [`LINE_HEIGHT`](crate::LINE_HEIGHT)
    /// pixels tall; the tails of `g` and `p` hang 4 pixels lower. Characters without a
    /// glyph (see [`has_glyph`](crate::has_glyph)) leave a blank.
    ///
    /// ```
    /// use gmm_plot::{BLACK, Canvas, text_width};
    ///
    /// let mut canvas = Canvas::new(40, 20);
    /// canvas.text(2, 2, "1", BLACK);
    /// let inked = (0..40).flat_map(|x| (0..20).map(move |y| (x, y)));
    /// let inked: Vec<_> = inked.filter(|&(x, y)| canvas.pixel(x, y) == Some(BLACK)).collect();
    /// assert!(inked.iter().all(|&(x, _)| (2..2 + text_width("1")).contains(&x)));
    /// ```
    pub fn text(&mut self, x: i64, y: i64, text: &str, colour: Rgb) {
        for (i, c) in text.chars().enumerate() {
            let Some(rows) = glyph(c) else { continue };
            let left = x + i as i64 * GLYPH_ADVANCE;
            let top = y + baseline_drop(c) * TEXT_SCALE;
            for (row, bits) in (0..).zip(rows) {
                for (col, bit) in (0..).zip(bits.bytes()) {
                    if bit == b'#' {
                        let (px, py) = (left + col * TEXT_SCALE, top + row * TEXT_SCALE);
                        self.rect(px, py, px + TEXT_SCALE - 1, py + TEXT_SCALE - 1, colour);
                    }
                }
            }
        }
    }

    /// The image as an 8-bit RGB PNG file.
    ///
    /// ```
    /// let png = gmm_plot::Canvas::new(3, 2).to_png()?;
    /// assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    /// # Ok::<(), gmm_plot::EncodingError>(())
    /// ```
    pub fn to_png(&self) -> Result<Vec<u8>, png::EncodingError> {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, self.width, self.height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(&self.rgb)?;
        writer.finish()?;
        Ok(bytes)
    }

    /// The index of the red byte of `(x, y)`, `None` outside the image.
    fn offset(&self, x: i64, y: i64) -> Option<usize> {
        let inside =
            (0..i64::from(self.width)).contains(&x) && (0..i64::from(self.height)).contains(&y);
        inside.then(|| 3 * (y as usize * self.width as usize + x as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thick_line_is_as_thick_as_asked_along_its_length() {
        let mut canvas = Canvas::new(30, 30);
        canvas.line((2.0, 10.0), (27.0, 10.0), 2, BLACK);
        for x in 2..=27 {
            let column: Vec<i64> = (0..30)
                .filter(|&y| canvas.pixel(x, y) == Some(BLACK))
                .collect();
            assert_eq!(column, [10, 11], "column {x}");
        }
        assert_eq!(canvas.pixel(1, 10), Some(WHITE));
        assert_eq!(canvas.pixel(29, 10), Some(WHITE));
    }

    #[test]
    fn a_diagonal_line_leaves_no_gaps() {
        let mut canvas = Canvas::new(40, 40);
        canvas.line((0.0, 0.0), (39.0, 13.0), 1, BLACK);
        for x in 0..40 {
            assert!(
                (0..40).any(|y| canvas.pixel(x, y) == Some(BLACK)),
                "gap at x = {x}"
            );
        }
    }

    #[test]
    fn drawing_off_the_edge_is_clipped() {
        let mut canvas = Canvas::new(5, 5);
        canvas.rect(-10, -10, 2, 100, BLACK);
        canvas.line((-50.0, 4.0), (50.0, 4.0), 3, BLACK);
        canvas.text(-100, -100, "MM", BLACK);
        assert_eq!(canvas.pixel(2, 0), Some(BLACK));
        assert_eq!(canvas.pixel(4, 0), Some(WHITE));
        assert_eq!(canvas.pixel(4, 4), Some(BLACK));
    }

    #[test]
    fn the_png_decodes_to_the_same_pixels() {
        let mut canvas = Canvas::new(7, 3);
        canvas.set(6, 2, [1, 2, 3]);
        let bytes = canvas.to_png().unwrap();
        let mut reader = png::Decoder::new(bytes.as_slice()).read_info().unwrap();
        let mut decoded = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut decoded).unwrap();
        assert_eq!((info.width, info.height), (7, 3));
        assert_eq!(info.color_type, png::ColorType::Rgb);
        assert_eq!(&decoded[..info.buffer_size()], canvas.pixels());
    }
}
