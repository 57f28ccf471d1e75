//! Sizes and counts as messages write them: bytes in decimal units, integers in groups of
//! three digits.

/// A number of bytes in decimal units, as `200 TB`.
pub(crate) struct ByteSize(pub u128);

impl std::fmt::Display for ByteSize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const UNITS: [&str; 7] = ["kB", "MB", "GB", "TB", "PB", "EB", "ZB"];
        if self.0 < 1000 {
            return write!(f, "{} bytes", self.0);
        }
        let mut value = self.0 as f64 / 1000.0;
        for unit in UNITS {
            if value < 999.5 {
                let digits = if value < 9.95 { 1 } else { 0 };
                return write!(f, "{value:.digits$} {unit}");
            }
            value /= 1000.0;
        }
        write!(f, "{:.1e} bytes", self.0 as f64)
    }
}

/// An integer with its digits in groups of three, as `5,000,000`.
pub(crate) struct Grouped(pub usize);

impl std::fmt::Display for Grouped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = self.0.to_string();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                f.write_str(",")?;
            }
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_sizes_read_as_people_write_them() {
        let text = |b: u128| ByteSize(b).to_string();
        assert_eq!(text(512), "512 bytes");
        assert_eq!(text(1_500), "1.5 kB");
        assert_eq!(text(40_000_000), "40 MB");
        assert_eq!(text(200_000_000_000_000), "200 TB");
        assert_eq!(text(u128::MAX), "3.4e38 bytes");
    }

    #[test]
    fn grouped_digits() {
        let text = |n: usize| Grouped(n).to_string();
        assert_eq!(
            [text(0), text(999), text(1000), text(5_000_000)],
            ["0", "999", "1,000", "5,000,000"]
        );
    }
}
