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
    /// A bound below which `exp` is exactly 0 (skipping libm's slow underflow path).
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

impl_float!(f32: -104.0, f64: -746.0);
