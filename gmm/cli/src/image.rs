//! Grayscale images: decoding PNG and (multi-page) TIFF files into intensities.

use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::Path;

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

/// Whether `input` starts like a TIFF file; leaves it at its start.
pub fn starts_as_tiff(input: &mut (impl Read + Seek)) -> std::io::Result<bool> {
    let mut signature = Vec::with_capacity(4);
    input.take(4).read_to_end(&mut signature)?;
    input.seek(SeekFrom::Start(0))?;
    Ok(is_tiff(&signature))
}

/// Decodes a PNG or a TIFF (its first page), recognised by their signatures.
pub fn decode(bytes: &[u8]) -> Result<GrayImage, String> {
    if is_tiff(bytes) {
        TiffPages::new(Cursor::new(bytes))?
            .next()
            .unwrap_or_else(|| Err("the TIFF holds no image".into()))
    } else {
        decode_png(bytes)
    }
}

/// Decodes an 8- or 16-bit PNG, gray or colour (colour is averaged to gray).
pub fn decode_png(bytes: &[u8]) -> Result<GrayImage, String> {
    png_frame(png_reader(Cursor::new(bytes), bytes.len() as u64)?)
}

/// A PNG decoder of `input` (`len` bytes) past its header, checked against the length.
fn png_reader<R: Read>(input: R, len: u64) -> Result<png::Reader<R>, String> {
    let mut decoder = png::Decoder::new(input);
    decoder.set_transformations(png::Transformations::EXPAND);
    let reader = decoder
        .read_info()
        .map_err(|e| format!("not a readable PNG or TIFF: {e}"))?;
    check_png_size(reader.info(), len)?;
    Ok(reader)
}

/// The whole of the PNG `reader` decodes, as intensities.
fn png_frame<R: Read>(mut reader: png::Reader<R>) -> Result<GrayImage, String> {
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
fn check_png_size(info: &png::Info<'_>, file_len: u64) -> Result<(), String> {
    let row = info.raw_row_length() as u64;
    let claimed = u64::from(info.height).saturating_mul(row);
    if claimed > DEFLATE_MAX_RATIO.saturating_mul(file_len) {
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
/// row (memory: one row), a TIFF one strip or row of tiles at a time, an interlaced PNG whole,
/// each in its own sample type (one byte per 8-bit sample, not eight), from its [`Source`].
pub struct Encoded<S>(pub S);

/// Where an encoded image is read from, once for each pass over its rows.
pub trait Source {
    type Reader: Read + Seek;

    /// A reader at the start of the image, and the image's length in bytes.
    fn open(&self) -> Result<(Self::Reader, u64), String>;
}

impl<'a> Source for &'a [u8] {
    type Reader = Cursor<&'a [u8]>;

    fn open(&self) -> Result<(Self::Reader, u64), String> {
        Ok((Cursor::new(*self), self.len() as u64))
    }
}

/// A file, read again from its start for each pass: it is never held in memory.
impl Source for &Path {
    type Reader = BufReader<File>;

    fn open(&self) -> Result<(Self::Reader, u64), String> {
        let cannot = |e: std::io::Error| format!("cannot read {}: {e}", self.display());
        let file = File::open(self).map_err(cannot)?;
        let len = file.metadata().map_err(cannot)?.len();
        Ok((BufReader::new(file), len))
    }
}

impl<S: Source> Rows for Encoded<S> {
    fn for_each_row(&self, row: &mut RowSink<'_>) -> Result<(usize, usize), String> {
        let (input, len) = self.0.open()?;
        encoded_rows(input, len, row)
    }
}

/// The rows of the PNG or TIFF `input` (`len` bytes), told apart by their signatures.
fn encoded_rows<R: Read + Seek>(
    mut input: R,
    len: u64,
    row: &mut RowSink<'_>,
) -> Result<(usize, usize), String> {
    let tiff = starts_as_tiff(&mut input).map_err(|e| format!("unreadable image: {e}"))?;
    if tiff {
        tiff_rows(input, row)
    } else {
        png_rows(input, len, row)
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

/// The rows of the PNG `input` (`len` bytes): one at a time unless it is interlaced.
fn png_rows<R: Read>(input: R, len: u64, row: &mut RowSink<'_>) -> Result<(usize, usize), String> {
    let mut reader = png_reader(input, len)?;
    let (width, height) = (reader.info().width as usize, reader.info().height as usize);
    if width == 0 || height == 0 {
        return Err("the image is empty".into());
    }
    if reader.info().interlaced {
        return png_frame(reader)?.for_each_row(row);
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

/// The rows of a TIFF's first page, decoded one strip (or one row of tiles) at a time in its
/// own sample type: memory for one strip, never the page.
fn tiff_rows<R: Read + Seek>(input: R, row: &mut RowSink<'_>) -> Result<(usize, usize), String> {
    let mut decoder = tiff::decoder::Decoder::new(input).map_err(corrupt_tiff)?;
    let (width, height) = decoder.dimensions().map_err(corrupt_tiff)?;
    let channels = usize::from(decoder.colortype().map_err(corrupt_tiff)?.num_samples());
    if width == 0 || height == 0 || channels == 0 {
        return Err("the image is empty".into());
    }
    let planar = decoder
        .find_tag_unsigned::<u16>(tiff::tags::Tag::PlanarConfiguration)
        .map_err(corrupt_tiff)?;
    if channels > 1 && planar == Some(2) {
        // its first plane alone is what `read_image` gives, as `decode` does
        return Err("the image holds fewer samples than its size".into());
    }
    // A strip is a chunk as wide as the image; the decoder checked that the file has a chunk
    // for each of these places.
    let (chunk_width, chunk_height) = decoder.chunk_dimensions();
    let across = width.div_ceil(chunk_width);
    let bands = height.div_ceil(chunk_height);
    let (width, height) = (width as usize, height as usize);
    // Nothing is sized by the claimed width: the rows grow with the decoded samples, which the
    // decoder's limits bound (fuzz finding 3: a claim of 4 x 10^9 pixels a row reserved 34 GB).
    let (mut samples, mut gray) = (Vec::new(), Vec::new());
    let mut y = 0;
    for band in 0..bands {
        let mut chunks = Vec::new();
        for index in band * across..(band + 1) * across {
            let (w, h) = decoder.chunk_data_dimensions(index);
            let chunk = decoder.read_chunk(index).map_err(corrupt_tiff)?;
            let line = w as usize * channels;
            if chunk.len() < line * h as usize {
                return Err("the image holds fewer samples than its size".into());
            }
            chunks.push((chunk, line, h as usize));
        }
        let rows = chunks.iter().map(|&(_, _, h)| h).min().unwrap_or(0);
        for r in 0..rows {
            samples.clear();
            for (chunk, line, _) in &chunks {
                chunk.extend_f64(r * line..(r + 1) * line, &mut samples);
            }
            if samples.len() != width * channels {
                return Err("the image holds fewer samples than its size".into());
            }
            gray_row(samples.iter().copied(), channels, y, &mut gray)?;
            row(y, &gray)?;
            y += 1;
        }
    }
    if y != height {
        return Err("the image holds fewer samples than its size".into());
    }
    Ok((width, height))
}

/// A decoded TIFF chunk's samples, whatever their type.
trait Samples {
    /// The number of samples.
    fn len(&self) -> usize;
    /// Appends the samples `range` to `out` as `f64`.
    fn extend_f64(&self, range: Range<usize>, out: &mut Vec<f64>);
}

impl Samples for tiff::decoder::DecodingResult {
    fn len(&self) -> usize {
        use tiff::decoder::DecodingResult::*;
        match self {
            U8(v) => v.len(),
            U16(v) => v.len(),
            U32(v) => v.len(),
            U64(v) => v.len(),
            F16(v) => v.len(),
            F32(v) => v.len(),
            F64(v) => v.len(),
            I8(v) => v.len(),
            I16(v) => v.len(),
            I32(v) => v.len(),
            I64(v) => v.len(),
        }
    }

    fn extend_f64(&self, range: Range<usize>, out: &mut Vec<f64>) {
        use tiff::decoder::DecodingResult::*;
        match self {
            U8(v) => out.extend(v[range].iter().map(|&s| f64::from(s))),
            U16(v) => out.extend(v[range].iter().map(|&s| f64::from(s))),
            U32(v) => out.extend(v[range].iter().map(|&s| f64::from(s))),
            U64(v) => out.extend(v[range].iter().map(|&s| s as f64)),
            F16(v) => out.extend(v[range].iter().map(|s| s.to_f64())),
            F32(v) => out.extend(v[range].iter().map(|&s| f64::from(s))),
            F64(v) => out.extend_from_slice(&v[range]),
            I8(v) => out.extend(v[range].iter().map(|&s| f64::from(s))),
            I16(v) => out.extend(v[range].iter().map(|&s| f64::from(s))),
            I32(v) => out.extend(v[range].iter().map(|&s| f64::from(s))),
            I64(v) => out.extend(v[range].iter().map(|&s| s as f64)),
        }
    }
}

/// The pages of a TIFF, decoded one at a time: gray or colour, integer or floating-point
/// samples. After an error it yields nothing more.
pub struct TiffPages<R: Read + Seek> {
    decoder: Option<tiff::decoder::Decoder<R>>,
    page: usize,
}

impl<R: Read + Seek> TiffPages<R> {
    /// The pages of the TIFF `input`, read as they are decoded (a file is never held whole).
    pub fn new(input: R) -> Result<Self, String> {
        let decoder = tiff::decoder::Decoder::new(input).map_err(corrupt_tiff)?;
        Ok(TiffPages {
            decoder: Some(decoder),
            page: 0,
        })
    }

    fn decode_page(decoder: &mut tiff::decoder::Decoder<R>) -> Result<GrayImage, String> {
        let (width, height) = decoder.dimensions().map_err(corrupt_tiff)?;
        let channels = usize::from(decoder.colortype().map_err(corrupt_tiff)?.num_samples());
        let page = decoder.read_image().map_err(corrupt_tiff)?;
        let mut samples = Vec::new();
        page.extend_f64(0..page.len(), &mut samples);
        GrayImage::from_samples(width as usize, height as usize, channels, samples)
    }
}

impl<R: Read + Seek> Iterator for TiffPages<R> {
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
            Encoded(&hostile[..])
                .for_each_row(&mut |_, _| Ok(()))
                .unwrap_err(),
        ] {
            assert!(err.contains("claims 100000 x 100000 pixels"), "{err}");
        }
        // a small truncated one is decoded until its data ends
        let err = Encoded(&claiming(4, 3)[..])
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
        let size = Encoded(&bytes[..])
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
    /// What `for_each_row` returns.
    type Size = Result<(usize, usize), String>;

    /// Every row that `for_each_row` gives, with its index.
    fn streamed(bytes: &[u8]) -> (Size, Vec<(usize, Vec<f64>)>) {
        let mut rows = Vec::new();
        let size = Encoded(bytes).for_each_row(&mut |y, row| {
            rows.push((y, row.to_vec()));
            Ok(())
        });
        (size, rows)
    }

    /// A PNG and a TIFF read from their files give the rows of their bytes; a missing file is
    /// an error that names it.
    #[test]
    fn files_give_the_rows_of_their_bytes() {
        let mut png_bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut png_bytes, 5, 4);
        encoder.set_color(png::ColorType::Grayscale);
        let mut writer = encoder.write_header().unwrap();
        writer
            .write_image_data(&(0..20u8).map(|v| v * 7).collect::<Vec<_>>())
            .unwrap();
        writer.finish().unwrap();
        let mut tiff_bytes = Vec::new();
        let samples: Vec<u16> = (0..6 * 5).map(|v| v * 1000).collect();
        let mut encoder = tiff::encoder::TiffEncoder::new(Cursor::new(&mut tiff_bytes)).unwrap();
        let mut image = encoder
            .new_image::<tiff::encoder::colortype::Gray16>(6, 5)
            .unwrap();
        image.rows_per_strip(2).unwrap();
        image.write_data(&samples).unwrap();
        let dir = std::env::temp_dir().join(format!("gmm-image-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (name, bytes) in [("a.png", &png_bytes), ("a.tif", &tiff_bytes)] {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            let mut rows = Vec::new();
            let size = Encoded(path.as_path()).for_each_row(&mut |y, row| {
                rows.push((y, row.to_vec()));
                Ok(())
            });
            let (want_size, want_rows) = streamed(bytes);
            assert!(want_size.is_ok(), "{name}");
            assert_eq!((size, rows), (want_size, want_rows), "{name}");
        }
        let missing = dir.join("missing.png");
        let err = Encoded(missing.as_path()).for_each_row(&mut |_, _| Ok(()));
        assert!(err.unwrap_err().contains("cannot read"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A TIFF read by strips gives the decoded page's rows, and the rows of the strips before
    /// a corrupt one before its error: the page is never decoded whole.
    #[test]
    fn tiff_strips_are_read_one_at_a_time() {
        let (width, height) = (7u32, 10u32);
        let samples: Vec<u16> = (0..width * height * 3)
            .map(|v| (v * 97 % 65536) as u16)
            .collect();
        let mut bytes = Vec::new();
        let mut encoder = tiff::encoder::TiffEncoder::new(Cursor::new(&mut bytes)).unwrap();
        let mut image = encoder
            .new_image::<tiff::encoder::colortype::RGB16>(width, height)
            .unwrap();
        image.rows_per_strip(3).unwrap();
        image.write_data(&samples).unwrap();
        let whole = decode(&bytes).unwrap();
        let (size, rows) = streamed(&bytes);
        assert_eq!(size, Ok((7, 10)));
        assert_eq!(rows.len(), 10);
        for (y, row) in &rows {
            assert_eq!(row[..], whole.pixels[y * 7..(y + 1) * 7]);
        }
        let first = &samples[..3];
        assert_eq!(
            rows[0].1[0],
            f64::from(first[0] + first[1] + first[2]) / 3.0
        );

        // the last strip's offset moved past the end of the file
        let mut decoder = tiff::decoder::Decoder::new(Cursor::new(&bytes)).unwrap();
        let offsets = decoder
            .get_tag_u32_vec(tiff::tags::Tag::StripOffsets)
            .unwrap();
        assert_eq!(offsets.len(), 4);
        let table: Vec<u8> = offsets.iter().flat_map(|o| o.to_le_bytes()).collect();
        let at = bytes
            .windows(table.len())
            .position(|w| w == table)
            .expect("the offsets as written");
        bytes[at + 12..at + 16].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(decode(&bytes).is_err());
        let (size, rows) = streamed(&bytes);
        assert!(size.unwrap_err().contains("TIFF"));
        assert_eq!(rows.len(), 9);
    }

    /// A little-endian 8-bit gray TIFF of `width x height` pixels `pixel(x, y)` in
    /// uncompressed `tile x tile` tiles, padded with 0 (the tiff crate writes only strips).
    fn tiled(width: u32, height: u32, tile: u32, pixel: impl Fn(u32, u32) -> u8) -> Vec<u8> {
        let (across, down) = (width.div_ceil(tile), height.div_ceil(tile));
        let n = across * down;
        let offsets_at = 8 + 2 + 10 * 12 + 4;
        let counts_at = offsets_at + 4 * n;
        let data_at = counts_at + 4 * n;
        let mut bytes = b"II*\0".to_vec();
        bytes.extend(8u32.to_le_bytes());
        bytes.extend(10u16.to_le_bytes());
        let entries: [(u16, u16, u32, u32); 10] = [
            (256, 4, 1, width),
            (257, 4, 1, height),
            (258, 3, 1, 8),
            (259, 3, 1, 1),
            (262, 3, 1, 1),
            (277, 3, 1, 1),
            (322, 4, 1, tile),
            (323, 4, 1, tile),
            (324, 4, n, offsets_at),
            (325, 4, n, counts_at),
        ];
        for (tag, kind, count, value) in entries {
            bytes.extend(tag.to_le_bytes());
            bytes.extend(kind.to_le_bytes());
            bytes.extend(count.to_le_bytes());
            bytes.extend(value.to_le_bytes());
        }
        bytes.extend(0u32.to_le_bytes());
        for t in 0..n {
            bytes.extend((data_at + t * tile * tile).to_le_bytes());
        }
        for _ in 0..n {
            bytes.extend((tile * tile).to_le_bytes());
        }
        for t in 0..n {
            let (x0, y0) = (t % across * tile, t / across * tile);
            for y in y0..y0 + tile {
                for x in x0..x0 + tile {
                    let inside = x < width && y < height;
                    bytes.push(if inside { pixel(x, y) } else { 0 });
                }
            }
        }
        bytes
    }

    /// A tiled TIFF (3 x 3 tiles, the last column and row padded) is read a row of tiles at a
    /// time, each row assembled from its tiles.
    #[test]
    fn tiff_tiles_are_read_a_row_of_tiles_at_a_time() {
        let pixel = |x: u32, y: u32| (x * 5 + y * 11 + 1) as u8;
        let bytes = tiled(40, 37, 16, pixel);
        let whole = decode(&bytes).unwrap();
        assert_eq!((whole.width, whole.height), (40, 37));
        let (size, rows) = streamed(&bytes);
        assert_eq!(size, Ok((40, 37)));
        assert_eq!(rows.len(), 37);
        for (y, row) in rows {
            let expected: Vec<f64> = (0..40).map(|x| f64::from(pixel(x, y as u32))).collect();
            assert_eq!(row, expected, "row {y}");
            assert_eq!(row[..], whole.pixels[y * 40..(y + 1) * 40]);
        }
    }
}
