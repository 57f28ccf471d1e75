//! The one 5x7 bitmap font, drawn at twice its size so that it reads on an 800-pixel plot.

/// Every font pixel is drawn as a `TEXT_SCALE x TEXT_SCALE` square.
pub(crate) const TEXT_SCALE: i64 = 2;

/// How far, in pixels, each character starts from the one before: five font columns and a
/// blank one.
///
/// ```
/// assert_eq!(gmm_plot::text_width("12"), 2 * gmm_plot::GLYPH_ADVANCE - 2);
/// ```
pub const GLYPH_ADVANCE: i64 = 6 * TEXT_SCALE;

/// The height in pixels of a capital or a digit (seven font rows); centre text on `y` by
/// drawing it at `y - LINE_HEIGHT / 2`.
///
/// ```
/// assert_eq!(gmm_plot::LINE_HEIGHT, 14);
/// ```
pub const LINE_HEIGHT: i64 = 7 * TEXT_SCALE;

/// The width in pixels of the ink of `text` drawn by [`Canvas::text`](crate::Canvas::text),
/// from the left edge of its first character to the right edge of its last.
///
/// ```
/// use gmm_plot::text_width;
///
/// assert_eq!(text_width(""), 0);
/// assert_eq!(text_width("8"), 10);
/// assert_eq!(text_width("-11.30"), 70);
/// ```
pub fn text_width(text: &str) -> i64 {
    match text.chars().count() as i64 {
        0 => 0,
        n => n * GLYPH_ADVANCE - TEXT_SCALE,
    }
}

/// Whether the font draws `c`; a character it does not draw leaves a blank. The space has no
/// glyph: it is the blank.
///
/// ```
/// assert!(gmm_plot::has_glyph('g'));
/// assert!(gmm_plot::has_glyph('7'));
/// assert!(!gmm_plot::has_glyph('~'));
/// ```
pub fn has_glyph(c: char) -> bool {
    glyph(c).is_some()
}

/// How many font rows `c` is drawn below the others: the letters with a tail below the
/// baseline keep their bowl at the height of the other small letters.
pub(crate) fn baseline_drop(c: char) -> i64 {
    if matches!(c, 'g' | 'p') { 2 } else { 0 }
}

/// The 5x7 glyph of `c`, top row first (`#` is ink).
pub(crate) fn glyph(c: char) -> Option<[&'static str; 7]> {
    Some(match c {
        '0' => [
            ".###.", "#...#", "#..##", "#.#.#", "##..#", "#...#", ".###.",
        ],
        '1' => [
            "..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###.",
        ],
        '2' => [
            ".###.", "#...#", "....#", "...#.", "..#..", ".#...", "#####",
        ],
        '3' => [
            "#####", "...#.", "..#..", "...#.", "....#", "#...#", ".###.",
        ],
        '4' => [
            "...#.", "..##.", ".#.#.", "#..#.", "#####", "...#.", "...#.",
        ],
        '5' => [
            "#####", "#....", "####.", "....#", "....#", "#...#", ".###.",
        ],
        '6' => [
            "..##.", ".#...", "#....", "####.", "#...#", "#...#", ".###.",
        ],
        '7' => [
            "#####", "....#", "...#.", "..#..", ".#...", ".#...", ".#...",
        ],
        '8' => [
            ".###.", "#...#", "#...#", ".###.", "#...#", "#...#", ".###.",
        ],
        '9' => [
            ".###.", "#...#", "#...#", ".####", "....#", "...#.", ".##..",
        ],
        '.' => [
            ".....", ".....", ".....", ".....", ".....", ".##..", ".##..",
        ],
        ',' => [
            ".....", ".....", ".....", ".....", ".##..", "..#..", ".#...",
        ],
        '-' => [
            ".....", ".....", ".....", "#####", ".....", ".....", ".....",
        ],
        '=' => [
            ".....", ".....", "#####", ".....", "#####", ".....", ".....",
        ],
        '(' => [
            "...#.", "..#..", ".#...", ".#...", ".#...", "..#..", "...#.",
        ],
        ')' => [
            ".#...", "..#..", "...#.", "...#.", "...#.", "..#..", ".#...",
        ],
        'A' => [
            ".###.", "#...#", "#...#", "#####", "#...#", "#...#", "#...#",
        ],
        'B' => [
            "####.", "#...#", "#...#", "####.", "#...#", "#...#", "####.",
        ],
        'C' => [
            ".###.", "#...#", "#....", "#....", "#....", "#...#", ".###.",
        ],
        'D' => [
            "####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####.",
        ],
        'E' => [
            "#####", "#....", "#....", "####.", "#....", "#....", "#####",
        ],
        'F' => [
            "#####", "#....", "#....", "####.", "#....", "#....", "#....",
        ],
        'G' => [
            ".###.", "#...#", "#....", "#.###", "#...#", "#...#", ".####",
        ],
        'H' => [
            "#...#", "#...#", "#...#", "#####", "#...#", "#...#", "#...#",
        ],
        'I' => [
            ".###.", "..#..", "..#..", "..#..", "..#..", "..#..", ".###.",
        ],
        'K' => [
            "#...#", "#..#.", "#.#..", "##...", "#.#..", "#..#.", "#...#",
        ],
        'L' => [
            "#....", "#....", "#....", "#....", "#....", "#....", "#####",
        ],
        'M' => [
            "#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#",
        ],
        'N' => [
            "#...#", "##..#", "#.#.#", "#..##", "#...#", "#...#", "#...#",
        ],
        'O' => [
            ".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###.",
        ],
        'P' => [
            "####.", "#...#", "#...#", "####.", "#....", "#....", "#....",
        ],
        'R' => [
            "####.", "#...#", "#...#", "####.", "#.#..", "#..#.", "#...#",
        ],
        'S' => [
            ".####", "#....", "#....", ".###.", "....#", "....#", "####.",
        ],
        'T' => [
            "#####", "..#..", "..#..", "..#..", "..#..", "..#..", "..#..",
        ],
        'U' => [
            "#...#", "#...#", "#...#", "#...#", "#...#", "#...#", ".###.",
        ],
        'V' => [
            "#...#", "#...#", "#...#", "#...#", "#...#", ".#.#.", "..#..",
        ],
        'W' => [
            "#...#", "#...#", "#...#", "#.#.#", "#.#.#", "#.#.#", ".#.#.",
        ],
        'X' => [
            "#...#", "#...#", ".#.#.", "..#..", ".#.#.", "#...#", "#...#",
        ],
        'Y' => [
            "#...#", "#...#", ".#.#.", "..#..", "..#..", "..#..", "..#..",
        ],
        'a' => [
            ".....", ".....", ".###.", "....#", ".####", "#...#", ".####",
        ],
        'b' => [
            "#....", "#....", "#.##.", "##..#", "#...#", "#...#", "####.",
        ],
        'd' => [
            "....#", "....#", ".##.#", "#..##", "#...#", "#...#", ".####",
        ],
        'e' => [
            ".....", ".....", ".###.", "#...#", "#####", "#....", ".###.",
        ],
        // drawn `baseline_drop` rows lower: the bowl on the small letters' rows, the tail below
        'g' => [
            ".##.#", "#..##", "#...#", "#...#", ".####", "....#", ".###.",
        ],
        'h' => [
            "#....", "#....", "#.##.", "##..#", "#...#", "#...#", "#...#",
        ],
        'i' => [
            "..#..", ".....", ".##..", "..#..", "..#..", "..#..", ".###.",
        ],
        'k' => [
            "#....", "#....", "#..#.", "#.#..", "##...", "#.#..", "#..#.",
        ],
        'l' => [
            ".##..", "..#..", "..#..", "..#..", "..#..", "..#..", ".###.",
        ],
        'm' => [
            ".....", ".....", "##.#.", "#.#.#", "#.#.#", "#...#", "#...#",
        ],
        'n' => [
            ".....", ".....", "#.##.", "##..#", "#...#", "#...#", "#...#",
        ],
        'o' => [
            ".....", ".....", ".###.", "#...#", "#...#", "#...#", ".###.",
        ],
        // drawn `baseline_drop` rows lower, like `g`
        'p' => [
            "#.##.", "##..#", "#...#", "#...#", "####.", "#....", "#....",
        ],
        'r' => [
            ".....", ".....", "#.##.", "##..#", "#....", "#....", "#....",
        ],
        't' => [
            ".#...", ".#...", "###..", ".#...", ".#...", ".#..#", "..##.",
        ],
        'u' => [
            ".....", ".....", "#...#", "#...#", "#...#", "#..##", ".##.#",
        ],
        'w' => [
            ".....", ".....", "#...#", "#...#", "#.#.#", "#.#.#", ".#.#.",
        ],
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BLACK, Canvas};

    /// The rows of `text` drawn alone that hold ink.
    fn inked_rows(text: &str) -> std::ops::RangeInclusive<i64> {
        let mut canvas = Canvas::new(40, 40);
        canvas.text(5, 5, text, BLACK);
        let rows: Vec<i64> = (0..40)
            .filter(|&y| (0..40).any(|x| canvas.pixel(x, y) == Some(BLACK)))
            .collect();
        rows[0]..=rows[rows.len() - 1]
    }

    #[test]
    fn every_glyph_is_five_by_seven_and_inked() {
        let drawn = ('!'..='~').filter_map(glyph);
        for rows in drawn {
            assert!(rows.iter().all(|row| row.len() == 5), "{rows:?}");
            assert!(rows.iter().any(|row| row.contains('#')), "{rows:?}");
            assert!(
                rows.iter()
                    .all(|row| row.bytes().all(|b| b"#.".contains(&b)))
            );
        }
    }

    #[test]
    fn tails_hang_below_the_baseline_and_bowls_sit_on_the_small_letters_rows() {
        let (o, g, p, b) = (
            inked_rows("o"),
            inked_rows("g"),
            inked_rows("p"),
            inked_rows("b"),
        );
        assert_eq!(
            *o.end(),
            *b.end(),
            "small and tall letters share a baseline"
        );
        for tailed in [g, p] {
            assert_eq!(*tailed.start(), *o.start());
            assert_eq!(*tailed.end(), *o.end() + 2 * TEXT_SCALE);
        }
    }

    #[test]
    fn text_width_spans_the_ink_exactly() {
        let mut canvas = Canvas::new(80, 20);
        canvas.text(3, 3, "M0M", BLACK);
        let columns: Vec<i64> = (0..80)
            .filter(|&x| (0..20).any(|y| canvas.pixel(x, y) == Some(BLACK)))
            .collect();
        assert_eq!(columns[0], 3);
        assert_eq!(columns[columns.len() - 1], 3 + text_width("M0M") - 1);
    }
}
