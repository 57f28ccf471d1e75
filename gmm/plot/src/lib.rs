//! The gmm workspace's plots on [`plotters`]: its bitmap backend drawn into memory and
//! encoded as PNG, with DejaVu Sans embedded in the binary and registered as plotters'
//! [`FONT`], so that drawing text needs no font installed where the plot is made.
//!
//! ```
//! use gmm_plot::plotters::prelude::*;
//! use gmm_plot::{FONT, png};
//!
//! let bytes = png(320, 200, |root| {
//!     let mut chart = ChartBuilder::on(root)
//!         .caption("y = x²", (FONT, 16))
//!         .x_label_area_size(30)
//!         .y_label_area_size(40)
//!         .build_cartesian_2d(0f64..1.0, 0f64..1.0)?;
//!     chart.configure_mesh().x_desc("x (m)").label_style((FONT, 12)).draw()?;
//!     chart.draw_series(LineSeries::new((0..=10).map(|i| (i as f64 / 10.0, (i * i) as f64 / 100.0)), &BLUE))?;
//!     Ok(())
//! })?;
//! assert_eq!(&bytes[1..4], b"PNG");
//! # Ok::<(), gmm_plot::Error>(())
//! ```
#![deny(missing_docs)]

use std::sync::OnceLock;

pub use plotters;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};

/// The family name that selects the embedded font in a plotters text style, as in
/// `(FONT, 16)`.
///
/// ```
/// assert_eq!(gmm_plot::FONT, "sans-serif");
/// ```
pub const FONT: &str = "sans-serif";

/// DejaVu Sans (its licence: `fonts/LICENSE`).
static DEJAVU_SANS: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");

/// What [`png`] and [`png_over`] return on failure: plotters' or the PNG encoder's error.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// The whole image, for a drawing function to split, title or build charts on.
pub type Area<'a> = DrawingArea<BitMapBackend<'a>, Shift>;

/// The colours of a chart's lines, in order (matplotlib's first four).
///
/// ```
/// assert_eq!(gmm_plot::PALETTE[0], gmm_plot::plotters::style::RGBColor(31, 119, 180));
/// ```
pub const PALETTE: [RGBColor; 4] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
];

/// Draws `points` as a line `width` pixels wide in `colour` with a round marker on each point,
/// and gives it the entry `name` in the chart's legend (drawn by [`legend`]).
///
/// ```
/// use gmm_plot::plotters::prelude::*;
/// use gmm_plot::{PALETTE, legend, line_with_markers};
///
/// gmm_plot::png(200, 100, |root| {
///     let mut chart = ChartBuilder::on(root).build_cartesian_2d(0usize..3, 0f64..1.0)?;
///     line_with_markers(&mut chart, "rises", [(0, 0.0), (3, 1.0)], PALETTE[0], 2)?;
///     legend(&mut chart, SeriesLabelPosition::UpperLeft)
/// })?;
/// # Ok::<(), gmm_plot::Error>(())
/// ```
pub fn line_with_markers<'a, X, Y>(
    chart: &mut ChartContext<'a, BitMapBackend<'a>, Cartesian2d<X, Y>>,
    name: &str,
    points: impl IntoIterator<Item = (X::ValueType, f64)>,
    colour: RGBColor,
    width: u32,
) -> Result<(), Error>
where
    X: Ranged<ValueType: Clone + 'static>,
    Y: Ranged<ValueType = f64>,
{
    let style = colour.stroke_width(width);
    let marker = width as i32 + 1;
    chart
        .draw_series(LineSeries::new(points, style).point_size(marker as u32))?
        .label(name)
        .legend(move |(x, y)| {
            EmptyElement::at((x, y))
                + PathElement::new([(0, 0), (24, 0)], style)
                + Circle::new((12, 0), marker, style.filled())
        });
    Ok(())
}

/// Draws the legend of the lines [`line_with_markers`] named, in `corner`.
///
/// ```
/// # use gmm_plot::plotters::prelude::*;
/// gmm_plot::png(200, 100, |root| {
///     let mut chart = ChartBuilder::on(root).build_cartesian_2d(0usize..3, 0f64..1.0)?;
///     gmm_plot::legend(&mut chart, SeriesLabelPosition::LowerRight)
/// })?;
/// # Ok::<(), gmm_plot::Error>(())
/// ```
pub fn legend<'a, X: Ranged, Y: Ranged>(
    chart: &mut ChartContext<'a, BitMapBackend<'a>, Cartesian2d<X, Y>>,
    corner: SeriesLabelPosition,
) -> Result<(), Error> {
    chart
        .configure_series_labels()
        .position(corner)
        .label_font((FONT, 15))
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .draw()?;
    Ok(())
}

/// Registers the embedded font as [`FONT`], once per process.
fn register_embedded_font() -> Result<(), Error> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            register_font(FONT, FontStyle::Normal, DEJAVU_SANS)
                .map_err(|_| "the embedded font does not parse".to_string())
        })
        .clone()
        .map_err(Error::from)
}

/// A `width x height` PNG: white, then whatever `draw` draws on it.
///
/// ```
/// let bytes = gmm_plot::png(4, 3, |_| Ok(()))?;
/// assert_eq!(&bytes[1..4], b"PNG");
/// # Ok::<(), gmm_plot::Error>(())
/// ```
pub fn png(
    width: u32,
    height: u32,
    draw: impl FnOnce(&Area<'_>) -> Result<(), Error>,
) -> Result<Vec<u8>, Error> {
    let pixels = (width as usize)
        .checked_mul(height as usize)
        .and_then(|n| n.checked_mul(3))
        .ok_or("the plot is too large")?;
    png_over(vec![255; pixels], width, height, draw)
}

/// A `width x height` PNG of the 8-bit RGB image `rgb` (row by row, 3 bytes a pixel) with
/// whatever `draw` draws over it.
///
/// ```
/// use gmm_plot::plotters::prelude::*;
///
/// let black = vec![0u8; 8 * 8 * 3];
/// let bytes = gmm_plot::png_over(black, 8, 8, |root| {
///     root.draw(&Circle::new((4, 4), 2, RED))?;
///     Ok(())
/// })?;
/// assert_eq!(&bytes[1..4], b"PNG");
/// # Ok::<(), gmm_plot::Error>(())
/// ```
pub fn png_over(
    mut rgb: Vec<u8>,
    width: u32,
    height: u32,
    draw: impl FnOnce(&Area<'_>) -> Result<(), Error>,
) -> Result<Vec<u8>, Error> {
    if rgb.len() != width as usize * height as usize * 3 {
        return Err(format!("{} bytes for a {width} x {height} RGB image", rgb.len()).into());
    }
    register_embedded_font()?;
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (width, height)).into_drawing_area();
        draw(&root)?;
        root.present()?;
    }
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    // Filters chosen row by row: the main job's overlay (a noisy microscope image) takes
    // 0.89 MB instead of 1.6 MB.
    encoder.set_adaptive_filter(png::AdaptiveFilterType::Adaptive);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&rgb)?;
    writer.finish()?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .unwrap();
        let mut rgb = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut rgb).unwrap();
        rgb.truncate(info.buffer_size());
        (info.width, info.height, rgb)
    }

    #[test]
    fn text_is_drawn_in_the_embedded_font() {
        let bytes = png(120, 40, |root| {
            root.draw(&Text::new("Ag 12", (5, 5), (FONT, 24)))?;
            Ok(())
        })
        .unwrap();
        let (width, height, rgb) = decode(&bytes);
        assert_eq!((width, height), (120, 40));
        let dark = rgb.chunks(3).filter(|p| p.iter().all(|&c| c < 128)).count();
        assert!(dark > 100, "{dark} dark pixels");
    }

    #[test]
    fn drawing_goes_over_the_given_image() {
        let grey = vec![100; 10 * 10 * 3];
        let bytes = png_over(grey, 10, 10, |root| {
            root.draw_pixel((3, 4), &RED)?;
            Ok(())
        })
        .unwrap();
        let (_, _, rgb) = decode(&bytes);
        assert_eq!(&rgb[3 * (4 * 10 + 3)..][..3], [255, 0, 0]);
        assert_eq!(&rgb[..3], [100, 100, 100]);
        assert!(png_over(vec![0; 5], 10, 10, |_| Ok(())).is_err());
    }
}
