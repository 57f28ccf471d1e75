//! The element types an einsum can multiply and add.

use core::fmt::Debug;
use core::ops::{Add, Mul};

/// An element type `einsum!` can contract: copyable, with a zero, a one, `+` and `*`, and
/// shareable between threads (`Send + Sync`: with the `rayon` feature a contraction may read
/// and write its elements on several threads).
///
/// Implemented for `f32`, `f64` and every primitive integer type. Implement it for your own
/// numeric type (a complex number, a dual number) to use that type in `einsum!`.
///
/// ```
/// use einsum::Scalar;
/// assert_eq!(<f64 as Scalar>::ZERO, 0.0);
/// assert_eq!(<i64 as Scalar>::ONE, 1);
/// ```
pub trait Scalar:
    Copy + Debug + PartialEq + Add<Output = Self> + Mul<Output = Self> + Send + Sync
{
    /// The additive identity: where every sum that is written to a result starts.
    const ZERO: Self;
    /// The multiplicative identity.
    const ONE: Self;
    /// Where a sum inside another sum starts: a value `s` with `s + x` equal to `x` for every
    /// `x`, so that the compiler can drop the first addition. `ZERO` unless overridden. It is
    /// `-0.0` for floats, because `0.0 + -0.0` is `0.0`. The outer sum starts at `ZERO`, so
    /// results are the same to the bit, signed zeros included.
    ///
    /// ```
    /// use einsum::Scalar;
    /// assert_eq!((<f64 as Scalar>::SUM_START + -0.0).to_bits(), (-0.0f64).to_bits());
    /// assert_eq!(<i32 as Scalar>::SUM_START, 0);
    /// ```
    const SUM_START: Self = Self::ZERO;
    /// The packed GEMM that runs the large matrix-product steps of a contraction, if the type
    /// has one: `f32` and `f64` with the `gemm` feature. `None` (every other type) keeps the
    /// loops, which are exact for integers and for your own types.
    #[doc(hidden)]
    const GEMM: Option<crate::gemm::Gemm<Self>> = None;
}

macro_rules! impl_scalar {
    ($zero:literal, $one:literal, $start:literal: $($t:ty),*) => {
        $(impl Scalar for $t {
            const ZERO: Self = $zero;
            const ONE: Self = $one;
            const SUM_START: Self = $start;
        })*
    };
}

impl Scalar for f64 {
    const ZERO: Self = 0.0;
    const ONE: Self = 1.0;
    const SUM_START: Self = -0.0;
    #[cfg(feature = "gemm")]
    const GEMM: Option<crate::gemm::Gemm<Self>> = Some(crate::gemm::gemm_f64);
}

impl Scalar for f32 {
    const ZERO: Self = 0.0;
    const ONE: Self = 1.0;
    const SUM_START: Self = -0.0;
    #[cfg(feature = "gemm")]
    const GEMM: Option<crate::gemm::Gemm<Self>> = Some(crate::gemm::gemm_f32);
}

impl_scalar!(0, 1, 0: i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize);
