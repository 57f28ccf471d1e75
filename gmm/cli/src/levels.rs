//! The intensity levels of an image and how many pixels have each, gathered a row at a time:
//! what `--threshold auto` fits its two-component mixture to, and how many points a threshold
//! keeps, known before any point is stored.

use std::collections::BTreeMap;

/// Integer levels below this are counted in a dense table; others (floating-point or wider
/// samples) in an ordered map.
const DENSE_LEVELS: usize = 1 << 16;

/// The count of every intensity level seen.
pub struct Levels {
    dense: Vec<u64>,
    /// Other levels by [`order_key`].
    sparse: BTreeMap<u64, u64>,
}

/// A key whose unsigned order is `f64::total_cmp`'s.
fn order_key(v: f64) -> u64 {
    let bits = v.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// The value of an [`order_key`].
fn from_order_key(key: u64) -> f64 {
    f64::from_bits(if key >> 63 == 1 {
        key & !(1 << 63)
    } else {
        !key
    })
}

impl Default for Levels {
    fn default() -> Self {
        Levels {
            dense: vec![0; DENSE_LEVELS],
            sparse: BTreeMap::new(),
        }
    }
}

impl Levels {
    /// Counts one row of intensities.
    pub fn add(&mut self, row: &[f64]) {
        for &v in row {
            // `as` saturates (negative and NaN to 0): only whole levels in range come back
            // equal. -0.0 joins 0.0, as the sorted levels of the whole image merged them.
            let level = v as usize;
            if level < DENSE_LEVELS && level as f64 == v {
                self.dense[level] += 1;
            } else {
                *self.sparse.entry(order_key(v)).or_default() += 1;
            }
        }
    }

    /// Every level seen, ascending, with its count.
    pub fn counts(&self) -> Vec<(f64, u64)> {
        let mut out: Vec<(f64, u64)> = self
            .sparse
            .iter()
            .map(|(&key, &count)| (from_order_key(key), count))
            .chain(
                self.dense
                    .iter()
                    .enumerate()
                    .filter(|&(_, &count)| count > 0)
                    .map(|(level, &count)| (level as f64, count)),
            )
            .collect();
        out.sort_by(|a, b| a.0.total_cmp(&b.0));
        out
    }

    /// The number of pixels at or above `minimum` and above 0, and the largest level.
    pub fn foreground(&self, minimum: f64) -> (usize, f64) {
        let mut count = 0u64;
        let mut largest = f64::NEG_INFINITY;
        for (level, n) in self.counts() {
            if level >= minimum && level > 0.0 {
                count += n;
                largest = largest.max(level);
            }
        }
        (usize::try_from(count).unwrap_or(usize::MAX), largest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_of_every_kind_come_back_sorted_with_their_counts() {
        let mut levels = Levels::default();
        levels.add(&[3.0, 0.0, 3.0, 70_000.0, -1.5, 0.25]);
        levels.add(&[-0.0, 3.0, f64::MAX]);
        assert_eq!(
            levels.counts(),
            [
                (-1.5, 1),
                (0.0, 2),
                (0.25, 1),
                (3.0, 3),
                (70_000.0, 1),
                (f64::MAX, 1)
            ]
        );
        assert_eq!(levels.foreground(1.0), (5, f64::MAX));
        assert_eq!(levels.foreground(f64::NEG_INFINITY), (6, f64::MAX));
    }
}
