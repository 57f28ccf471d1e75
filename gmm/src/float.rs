//! The floating-point element types a mixture can be fitted in.

use core::fmt::{Debug, Display};
use core::ops::{AddAssign, Div, DivAssign, MulAssign, Neg, Sub, SubAssign};

use einsum::Scalar;

/// A floating-point [`Scalar`] with the few transcendental functions EM needs.
///
/// Implemented for `f32` and `f64`; every kernel of this crate is generic over it.
///
/// ```
/// use gmm::Float;
/// fn log_density<T: Float>(x: T) -> T {
///     // The standard normal log-density.
///     -(x * x + T::from_f64(2.0 * std::f64::consts::PI).ln()) / T::from_f64(2.0)
/// }
/// assert!((log_density(0.0f64) + 0.918_938_533_204_672_7).abs() < 1e-15);
/// assert!((log_density(0.0f32) + 0.918_938_5).abs() < 1e-6);
/// ```
pub trait Float:
    Scalar
    + PartialOrd
    + Sub<Output = Self>
    + Div<Output = Self>
    + Neg<Output = Self>
    + AddAssign
    + SubAssign
    + MulAssign
    + DivAssign
    + Debug
    + Display
    + Default
    + Send
    + Sync
    + 'static
{
    /// Positive infinity.
    const INFINITY: Self;
    /// Negative infinity.
    const NEG_INFINITY: Self;
    /// The machine epsilon: the gap between 1 and the next representable number.
    const EPSILON: Self;
    /// A bound below which `exp` is taken as exactly 0: the results below it would be
    /// subnormal, which are slow on most processors and negligible as responsibilities.
    const EXP_UNDERFLOW: Self;

    /// `e` raised to `self`.
    fn exp(self) -> Self;
    /// The natural logarithm.
    fn ln(self) -> Self;
    /// The square root.
    fn sqrt(self) -> Self;
    /// The absolute value.
    fn abs(self) -> Self;
    /// Whether the value is neither infinite nor NaN.
    fn is_finite(self) -> bool;
    /// The value nearest to `value` (rounded for `f32`).
    fn from_f64(value: f64) -> Self;
    /// The value as an `f64` (exact for both implementations).
    fn to_f64(self) -> f64;
    /// The value nearest to `n`.
    fn from_usize(n: usize) -> Self {
        Self::from_f64(n as f64)
    }
    /// Whether the value is finite and greater than zero.
    fn is_finite_positive(self) -> bool {
        self.is_finite() && self > Self::ZERO
    }
    /// Whether the value is finite and not negative.
    fn is_finite_non_negative(self) -> bool {
        self.is_finite() && self >= Self::ZERO
    }
}

macro_rules! impl_float {
    ($($t:ident: $underflow:literal),*) => {$(
        impl Float for $t {
            const INFINITY: Self = $t::INFINITY;
            const NEG_INFINITY: Self = $t::NEG_INFINITY;
            const EPSILON: Self = $t::EPSILON;
            const EXP_UNDERFLOW: Self = $underflow;
            #[inline]
            fn exp(self) -> Self {
                $t::exp(self)
            }
            #[inline]
            fn ln(self) -> Self {
                $t::ln(self)
            }
            #[inline]
            fn sqrt(self) -> Self {
                $t::sqrt(self)
            }
            #[inline]
            fn abs(self) -> Self {
                $t::abs(self)
            }
            #[inline]
            fn is_finite(self) -> bool {
                $t::is_finite(self)
            }
            #[inline]
            fn from_f64(value: f64) -> Self {
                value as $t
            }
            #[inline]
            fn to_f64(self) -> f64 {
                self as f64
            }
        }
    )*};
}

// e^-87 and e^-708 are just above the smallest normal f32 and f64.
impl_float!(f32: -87.0, f64: -708.0);

/// `e^x` without a library call, so that loops over it vectorise: `x = n ln 2 + r` with
/// `|r| ≤ ln 2 / 2`, `e^r` by its Taylor polynomial of degree 13 (truncation below 1e-17
/// relative) and `2^n` built from its bits (in two halves, so that `n = 1024` fits). Within
/// 2 ulp of the library's `exp` from [`Float::EXP_UNDERFLOW`] to 709; `0` below it (no
/// subnormal is ever produced, even in a lane whose result is discarded: they cost a
/// microcode assist each); NaN stays NaN. Computed in `f64` for both types.
#[inline(always)]
pub(crate) fn exp<T: Float>(x: T) -> T {
    T::from_f64(exp_f64(x.to_f64(), T::EXP_UNDERFLOW.to_f64()))
}

#[inline(always)]
fn exp_f64(x: f64, underflow: f64) -> f64 {
    const LOG2_E: f64 = std::f64::consts::LOG2_E;
    // ln 2 split so that `n * LN2_HI` is exact for |n| < 2^11 (fdlibm's constants).
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    // Adding 1.5 * 2^52 rounds to an integer held in the low bits of the mantissa.
    const SHIFTER: f64 = 6_755_399_441_055_744.0;
    // 1/k! for k = 13 down to 2.
    const C: [f64; 12] = [
        1.0 / 6_227_020_800.0,
        1.0 / 479_001_600.0,
        1.0 / 39_916_800.0,
        1.0 / 3_628_800.0,
        1.0 / 362_880.0,
        1.0 / 40_320.0,
        1.0 / 5_040.0,
        1.0 / 720.0,
        1.0 / 120.0,
        1.0 / 24.0,
        1.0 / 6.0,
        0.5,
    ];
    // Clamped so that the bit arithmetic below stays in range and every intermediate is
    // normal; the clamped ends are replaced.
    let clamped = if x < -708.0 { -708.0 } else { x };
    let clamped = if clamped > 710.0 { 710.0 } else { clamped };
    let shifted = clamped * LOG2_E + SHIFTER;
    let n = shifted - SHIFTER;
    let r = (clamped - n * LN2_HI) - n * LN2_LO;
    let mut p = C[0];
    for c in &C[1..] {
        p = p * r + c;
    }
    let p = (p * r + 1.0) * r + 1.0;
    // The integer n, from the low bits of `shifted`, as two halves.
    let n_bits = shifted.to_bits().wrapping_sub(SHIFTER.to_bits()) as i64;
    let half = n_bits >> 1;
    let scale = |m: i64| f64::from_bits(((m + 1023) as u64) << 52);
    let y = p * scale(half) * scale(n_bits - half);
    if x < underflow {
        0.0
    } else if x > 709.782_712_893_384 {
        f64::INFINITY
    } else if x.is_nan() {
        x
    } else {
        y
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The distance between two finite `f64` in units in the last place.
    fn ulps(a: f64, b: f64) -> u64 {
        let key = |v: f64| {
            let bits = v.to_bits() as i64;
            if bits < 0 { i64::MIN - bits } else { bits }
        };
        key(a).abs_diff(key(b))
    }

    #[test]
    fn exp_is_within_two_ulp_of_the_library_everywhere_it_is_used() {
        let mut worst = 0;
        let mut x = -708.0;
        while x < 709.0 {
            for offset in [0.0, 1e-9, 0.123_456_789, 0.346_573_590_279_972_6] {
                let v = x + offset;
                let (ours, libm) = (exp(v), v.exp());
                worst = worst.max(ulps(ours, libm));
            }
            x += 0.0137;
        }
        assert!(worst <= 2, "worst error {worst} ulp");
    }

    #[test]
    fn exp_edges() {
        assert_eq!(exp(0.0f64), 1.0);
        assert_eq!(exp(-708.5f64), 0.0);
        assert_eq!(exp(f64::NEG_INFINITY), 0.0);
        assert!(ulps(exp(-708.0f64), (-708.0f64).exp()) <= 2);
        assert!(exp(-708.0f64) >= f64::MIN_POSITIVE);
        assert!(exp(-87.0f32) >= f32::MIN_POSITIVE);
        assert!(exp(f64::NAN).is_nan());
        assert_eq!(exp(710.0f64), f64::INFINITY);
        assert!((exp(-1.5f32) - (-1.5f32).exp()).abs() <= f32::EPSILON * (-1.5f32).exp());
    }
}
