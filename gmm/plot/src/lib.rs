//! A small plotting engine for the gmm workspace: an RGB [`Canvas`] with filled rectangles,
//! thick lines and text in a built-in 5x7 bitmap font (no system font at run time), "nice"
//! tick positions for linear and log axes, and PNG encoding.
//!
//! ```
//! use gmm_plot::{BLACK, Canvas, text_width};
//!
//! let mut canvas = Canvas::new(200, 60);
//! canvas.line((10.0, 50.0), (190.0, 10.0), 2, [31, 119, 180]);
//! let label = "EM";
//! canvas.text(100 - text_width(label) / 2, 40, label, BLACK);
//! let png = canvas.to_png()?;
//! assert_eq!(&png[1..4], b"PNG");
//! # Ok::<(), gmm_plot::EncodingError>(())
//! ```
#![deny(missing_docs)]

mod canvas;
mod font;
mod ticks;

pub use canvas::{BLACK, Canvas, Rgb, WHITE};
pub use font::{GLYPH_ADVANCE, LINE_HEIGHT, has_glyph, text_width};
pub use png::EncodingError;
pub use ticks::{Ticks, decade_label, decades, linear_ticks};
