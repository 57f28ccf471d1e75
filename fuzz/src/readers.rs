//! The properties the reader fuzz targets check: the `gmm` command's readers of untrusted files
//! (model file, CSV, NPY, PNG/TIFF) compiled from the CLI's own source files, as the macro's
//! modules are (the CLI is a binary crate and exports nothing). They are leaf modules: they
//! need gmm, csv, npyz, png, tiff, serde and serde_json, nothing of the CLI.
//!
//! Properties: no panic, no abort (the runs set `-malloc_limit_mb` and `-rss_limit_mb`, so an
//! allocation sized by a claim in the input, not by its bytes, is a finding), no hang
//! (`-timeout`); what a reader accepts is consistent: every value finite, row lengths
//! matching the names, weights non-negative, pixels matching the image's size; a model file
//! that loads writes back to one that loads to the same model.

#[allow(dead_code)]
#[path = "../../gmm/cli/src/image.rs"]
pub mod image;
#[allow(dead_code)]
#[path = "../../gmm/cli/src/model_file.rs"]
pub mod model_file;
#[allow(dead_code)]
#[path = "../../gmm/cli/src/table.rs"]
pub mod table;

use table::{ColumnChoice, Table};

/// The weight column a fuzz input asks for: byte 0 (none for 255, else a column index).
fn weight_choice(byte: u8) -> Option<ColumnChoice> {
    (byte != 255).then(|| ColumnChoice((byte % 4).to_string()))
}

/// Checks what a table reader accepted.
fn check_table(table: &Table) {
    let d = table.names.len();
    assert!(d > 0, "a table has columns");
    assert_eq!(table.values.len() % d, 0, "whole rows");
    assert!(table.values.iter().all(|v| v.is_finite()), "finite values");
    if let Some(w) = &table.weights {
        assert_eq!(w.len(), table.n_rows(), "a weight per row");
        assert!(w.iter().all(|v| v.is_finite() && *v >= 0.0), "weights");
    }
}

/// A CSV input: byte 0 picks the weight column, the rest is the file.
pub fn check_csv(data: &[u8]) {
    let [choice, bytes @ ..] = data else { return };
    if let Ok(table) = table::read_csv(bytes, weight_choice(*choice).as_ref()) {
        check_table(&table);
    }
}

/// An NPY input: byte 0 picks the weight column, the rest is the file.
pub fn check_npy(data: &[u8]) {
    let [choice, bytes @ ..] = data else { return };
    let weight = weight_choice(*choice);
    if let Ok(table) = table::read_npy(bytes, bytes.len() as u64, weight.as_ref()) {
        check_table(&table);
    }
}

/// A model file: if it loads, it writes back to a file that loads to the same model.
pub fn check_model_file(data: &[u8]) {
    let Ok(saved) = model_file::from_json(data) else {
        return;
    };
    let written = serde_json::to_vec(&model_file::to_json(&saved.model, &saved.feature_names))
        .expect("a model serialises");
    let again = model_file::from_json(&written).expect("a written model file loads");
    assert_eq!(again.feature_names, saved.feature_names);
    assert_eq!(again.model.weights(), saved.model.weights());
    assert_eq!(again.model.means(), saved.model.means());
    assert_eq!(again.model.covariances(), saved.model.covariances());
}

/// A PNG or TIFF: the image decoded whole has one finite intensity per pixel, and read row by
/// row (as `gmm fit` reads it) gives the same rows, in order.
pub fn check_image(data: &[u8]) {
    use image::Rows;
    let whole = image::decode(data);
    if let Ok(image) = &whole {
        assert_eq!(image.pixels.len(), image.width * image.height);
        assert!(image.pixels.iter().all(|v| v.is_finite()));
    }
    let mut pixels = Vec::new();
    let mut next = 0;
    let streamed = image::Encoded(data).for_each_row(&mut |y, row| {
        assert_eq!(y, next, "rows in order");
        next += 1;
        pixels.extend_from_slice(row);
        Ok(())
    });
    if let (Ok(image), Ok(size)) = (&whole, streamed) {
        assert_eq!(size, (image.width, image.height));
        assert!(pixels == image.pixels, "the rows are the decoded image's");
    }
}
