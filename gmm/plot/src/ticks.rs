//! Tick positions: round numbers on a linear axis, whole decades on a log axis.

use std::ops::RangeInclusive;

/// Tick values and how many decimals their labels need.
///
/// ```
/// let ticks = gmm_plot::linear_ticks(0.0, 1.0, 5);
/// let labels: Vec<String> = ticks.values.iter().map(|v| format!("{v:.*}", ticks.decimals)).collect();
/// assert_eq!(labels, ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Ticks {
    /// The values, in increasing order, all inside the range asked for.
    pub values: Vec<f64>,
    /// The number of decimals that tell the values apart (those of the step).
    pub decimals: usize,
}

/// Ticks covering `[lo, hi]` at a step of 1, 2 or 5 times a power of ten, chosen so that
/// there are about `target` steps. An empty, reversed or non-finite range, or a `target` of
/// 0, has no ticks.
///
/// ```
/// let ticks = gmm_plot::linear_ticks(1.0, 37.0, 8);
/// assert_eq!(ticks.values, [5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 35.0]);
/// assert_eq!(ticks.decimals, 0);
/// assert!(gmm_plot::linear_ticks(2.0, 1.0, 8).values.is_empty());
/// ```
pub fn linear_ticks(lo: f64, hi: f64, target: usize) -> Ticks {
    let raw = (hi - lo) / target as f64;
    if !(raw.is_finite() && raw > 0.0) {
        return Ticks {
            values: Vec::new(),
            decimals: 0,
        };
    }
    let power = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|&s| s >= raw)
        .unwrap_or(10.0 * power);
    let decimals = (-step.log10().floor()).max(0.0) as usize;
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    Ticks {
        values: (first..=last).map(|i| i as f64 * step).collect(),
        decimals,
    }
}

/// The exponents of the whole decades of a log axis holding `[lo, hi]`: from the decade at or
/// below `lo` to the one at or above `hi`, at least one decade wide. `None` unless
/// `0 < lo <= hi` and both are finite.
///
/// ```
/// assert_eq!(gmm_plot::decades(0.23, 233.6), Some(-1..=3));
/// assert_eq!(gmm_plot::decades(100.0, 100.0), Some(2..=3));
/// assert_eq!(gmm_plot::decades(0.0, 1.0), None);
/// ```
pub fn decades(lo: f64, hi: f64) -> Option<RangeInclusive<i32>> {
    if !(lo > 0.0 && lo <= hi && hi.is_finite()) {
        return None;
    }
    let first = lo.log10().floor();
    let last = hi.log10().ceil().max(first + 1.0);
    Some(first as i32..=last as i32)
}

/// The label of the decade `10^e`: plain digits from `0.0001` to `10000`, else `1E5` and
/// `1E-5` style.
///
/// ```
/// use gmm_plot::decade_label;
///
/// assert_eq!(decade_label(-2), "0.01");
/// assert_eq!(decade_label(0), "1");
/// assert_eq!(decade_label(4), "10000");
/// assert_eq!(decade_label(6), "1E6");
/// assert_eq!(decade_label(-7), "1E-7");
/// ```
pub fn decade_label(e: i32) -> String {
    match e {
        -4..=-1 => format!("{:.*}", e.unsigned_abs() as usize, 10f64.powi(e)),
        0..=4 => 10u64.pow(e as u32).to_string(),
        _ => format!("1E{e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_numbers_inside_the_range() {
        let ticks = linear_ticks(-11.33, -11.27, 6);
        assert_eq!(ticks.decimals, 2);
        assert!((3..=7).contains(&ticks.values.len()), "{ticks:?}");
        assert!(ticks.values.iter().all(|&v| (-11.33..=-11.27).contains(&v)));
    }

    #[test]
    fn tick_steps_are_one_two_or_five_times_a_power_of_ten() {
        for (lo, hi, target) in [
            (0.0, 7.3, 6),
            (-3e5, 4e5, 5),
            (1e-4, 9e-4, 8),
            (1.0, 2.0, 3),
        ] {
            let values = linear_ticks(lo, hi, target).values;
            assert!(values.len() >= 2, "{lo} {hi}: {values:?}");
            let step = values[1] - values[0];
            let mantissa = step / 10f64.powf(step.log10().floor());
            assert!(
                [1.0, 2.0, 5.0].iter().any(|m| (mantissa - m).abs() < 1e-9),
                "{lo} {hi}: step {step}"
            );
            assert!(values.len() <= 2 * target + 1, "{lo} {hi}: {values:?}");
        }
    }

    #[test]
    fn decades_cover_the_data() {
        assert_eq!(decades(1000.0, 1e6), Some(3..=6));
        assert_eq!(decades(1.0, 200.0), Some(0..=3));
        assert_eq!(decades(f64::NAN, 1.0), None);
        assert_eq!(decades(2.0, f64::INFINITY), None);
    }
}
