//! The floating-point element types a mixture can be fitted in.
//!
//! [`Float`] builds on [`num_traits::Float`] for the usual functions (`exp`, `ln`, `sqrt`,
//! `abs`, `is_finite`, ...). This module keeps its own `exp` and `ln` for the E-step: written
//! without library calls so that loops over them vectorise (the E-step's `exp` took nearly
//! all of px's time as libm calls, the per-point `ln` 5 % of an iteration; BENCHMARKS.md,
//! "What was changed to get there"), and tested here to within 2 ulp and 1 ulp of libm.

use core::fmt::{Debug, Display};
use core::ops::{AddAssign, DivAssign, MulAssign, SubAssign};

use einsum::Scalar;

use crate::isa::{self, Isa};

/// A floating-point [`Scalar`]: [`num_traits::Float`] with the constants and exact `f64`
/// conversions EM needs.
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
/// assert_eq!(gmm::Float::into_f64(0.5f32), 0.5);
/// ```
pub trait Float:
    num_traits::Float
    + Scalar
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
    // Constants rather than `num_traits`' `infinity()`, `neg_infinity()` and `epsilon()`
    // functions, so that they can start array expressions and `const` items.
    /// Positive infinity.
    const INFINITY: Self;
    /// Negative infinity.
    const NEG_INFINITY: Self;
    /// The machine epsilon: the gap between 1 and the next representable number.
    const EPSILON: Self;
    /// A bound below which `exp` is taken as exactly 0: the results below it would be
    /// subnormal, which are slow on most processors and negligible as responsibilities.
    const EXP_UNDERFLOW: Self;

    /// The value nearest to `value` (rounded for `f32`). Infallible, unlike
    /// [`num_traits::NumCast::from`].
    fn from_f64(value: f64) -> Self;
    /// The value as an `f64`, exact for both implementations. Infallible, unlike
    /// [`num_traits::ToPrimitive::to_f64`] (whose name this would clash with).
    fn into_f64(self) -> f64;
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
            fn from_f64(value: f64) -> Self {
                value as $t
            }
            #[inline]
            fn into_f64(self) -> f64 {
                self as f64
            }
        }
    )*};
}

// e^-87 and e^-708 are just above the smallest normal f32 and f64.
impl_float!(f32: -87.0, f64: -708.0);

/// `e^x` without a library call, so that loops over it vectorise: `x = n ln 2 + r` with
/// `|r| ≤ ln 2 / 2`, `e^r = 1 + r + r² q(r)` with `q` the degree-9 Chebyshev fit of
/// `(e^r - 1 - r) / r²` (relative error below 2e-17 before rounding), and `2^n` built from
/// its bits (in two halves, so that `n = 1024` fits). Within 2 ulp of the library's `exp`
/// from [`Float::EXP_UNDERFLOW`] to 709; `0` below it (no subnormal is ever produced, even in
/// a lane whose result is discarded: they cost a microcode assist each); NaN stays NaN.
/// Computed in `f64` for both types; `FUSED` evaluates the polynomial with fused
/// multiply-adds (for code compiled with FMA), which changes the last bit now and then.
#[inline(always)]
pub(crate) fn exp<T: Float, const FUSED: bool>(x: T) -> T {
    T::from_f64(exp_f64::<FUSED>(x.into_f64(), T::EXP_UNDERFLOW.into_f64()))
}

/// Replaces every value `v` of `values` by `e^v`, with the vectorised exponential EM's
/// E-step uses: within 2 ulp of [`f64::exp`] from [`Float::EXP_UNDERFLOW`] up, exactly `0`
/// below it (never a subnormal), `inf` above `f64`'s range, NaN kept. Compiled for AVX-512 and
/// for AVX2 with FMA too and run the widest way the processor allows, so a slice costs a
/// fraction of a call to the library's `exp` per value.
///
/// ```
/// let mut v = [0.0f64, 1.0, -0.5 * 3.2, -800.0];
/// gmm::exp_in_place(&mut v);
/// assert_eq!(v[0], 1.0);
/// assert!((v[1] - std::f64::consts::E).abs() <= 2.0 * f64::EPSILON * v[1]);
/// assert!((v[2] - (-1.6f64).exp()).abs() <= 2.0 * f64::EPSILON * v[2]);
/// assert_eq!(v[3], 0.0);
/// ```
pub fn exp_in_place<T: Float>(values: &mut [T]) {
    match isa::detect() {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `detect` found AVX-512F, AVX2 and FMA on this processor.
        Isa::Avx512 => unsafe { exp_in_place_avx512(values) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `detect` found AVX2 and FMA on this processor.
        Isa::Avx2 => unsafe { exp_in_place_avx2(values) },
        _ => exp_in_place_inline::<T, false>(values),
    }
}

/// [`exp_in_place`] with 512-bit vectors.
///
/// # Safety
/// The processor must support AVX-512F, AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx2,fma")]
unsafe fn exp_in_place_avx512<T: Float>(values: &mut [T]) {
    exp_in_place_inline::<T, true>(values);
}

/// [`exp_in_place`] with 256-bit vectors.
///
/// # Safety
/// The processor must support AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn exp_in_place_avx2<T: Float>(values: &mut [T]) {
    exp_in_place_inline::<T, true>(values);
}

#[inline(always)]
fn exp_in_place_inline<T: Float, const FUSED: bool>(values: &mut [T]) {
    for v in values {
        *v = exp::<T, FUSED>(*v);
    }
}

/// `a b + c`, rounded once when `FUSED`.
#[inline(always)]
fn mul_add<const FUSED: bool>(a: f64, b: f64, c: f64) -> f64 {
    if FUSED { a.mul_add(b, c) } else { a * b + c }
}

/// [`exp`] for the E-step, whose arguments are `ln p - max ln p`: the same results for any
/// `x ≤ 0` (and NaN), without the work for positive `x`.
#[inline(always)]
pub(crate) fn exp_nonpositive<T: Float, const FUSED: bool>(x: T) -> T {
    let x = x.into_f64();
    let (p, n) = exp_reduced::<FUSED>(if x < -708.0 { -708.0 } else { x });
    // `n ≥ -1021` here, so `2^n` is one normal number; NaN stays NaN through `p`.
    let y = p * f64::from_bits(((n + 1023) as u64) << 52);
    T::from_f64(if x < T::EXP_UNDERFLOW.into_f64() {
        0.0
    } else {
        y
    })
}

#[inline(always)]
fn exp_f64<const FUSED: bool>(x: f64, underflow: f64) -> f64 {
    // Clamped so that the bit arithmetic below stays in range and every intermediate is
    // normal; the clamped ends are replaced.
    let clamped = if x < -708.0 { -708.0 } else { x };
    let clamped = if clamped > 710.0 { 710.0 } else { clamped };
    let (p, n) = exp_reduced::<FUSED>(clamped);
    // 2^n as two halves, so that n = 1024 fits.
    let half = n >> 1;
    let scale = |m: i64| f64::from_bits(((m + 1023) as u64) << 52);
    let y = p * scale(half) * scale(n - half);
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

/// `e^x = p 2^n` for `x` in `[-708, 710]` (or NaN, which gives a NaN `p`): `n` the integer
/// nearest `x / ln 2` and `p = e^r`, `r = x - n ln 2`.
#[inline(always)]
fn exp_reduced<const FUSED: bool>(x: f64) -> (f64, i64) {
    const LOG2_E: f64 = std::f64::consts::LOG2_E;
    // ln 2 split so that `n * LN2_HI` is exact for |n| < 2^11 (fdlibm's constants).
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    // Adding 1.5 * 2^52 rounds to an integer held in the low bits of the mantissa.
    const SHIFTER: f64 = 6_755_399_441_055_744.0;
    // q's coefficients, highest degree first (mpmath's chebyfit on [-0.3466, 0.3466]).
    const Q: [f64; 10] = [
        2.510_038_549_551_032e-8,
        2.762_008_844_540_974_6e-7,
        2.755_726_845_999_706_4e-6,
        2.480_152_129_595_437_6e-5,
        1.984_126_986_305_361_8e-4,
        1.388_888_891_721_371_7e-3,
        8.333_333_333_330_062e-3,
        4.166_666_666_662_413e-2,
        1.666_666_666_666_666_9e-1,
        5.000_000_000_000_001e-1,
    ];
    let shifted = mul_add::<FUSED>(x, LOG2_E, SHIFTER);
    let n = shifted - SHIFTER;
    let r = mul_add::<FUSED>(-n, LN2_LO, mul_add::<FUSED>(-n, LN2_HI, x));
    let mut q = Q[0];
    for c in &Q[1..] {
        q = mul_add::<FUSED>(q, r, *c);
    }
    let p = mul_add::<FUSED>(r * r, q, r) + 1.0;
    // The integer n, from the low bits of `shifted`.
    let n_bits = shifted.to_bits().wrapping_sub(SHIFTER.to_bits()) as i64;
    (p, n_bits)
}

/// `ln x` for the E-step's normalisers `Σ_c exp(ln p_c - max)`, which lie in `[1, k]`, without
/// a library call so that a loop over them vectorises: `x = 2^e m` with `m` in `[√½, √2)`,
/// `f = m - 1`, `s = f / (2 + f)` and `ln(1 + f) = f - f²/2 + s (f²/2 + R(s²))`, `R` the
/// degree-7 fit of fdlibm's `log` (error below 2^-58.45). Within 1 ulp of the library's
/// `ln` for every positive normal `x`; `FUSED` evaluates the polynomial with fused
/// multiply-adds.
#[inline(always)]
pub(crate) fn ln_normal<T: Float, const FUSED: bool>(x: T) -> T {
    T::from_f64(ln_normal_f64::<FUSED>(x.into_f64()))
}

#[inline(always)]
fn ln_normal_f64<const FUSED: bool>(x: f64) -> f64 {
    // ln 2 split so that `e * LN2_HI` is exact (fdlibm's constants).
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    const LG: [f64; 7] = [
        6.666_666_666_666_735e-1,
        3.999_999_999_940_942e-1,
        2.857_142_874_366_239e-1,
        2.222_219_843_214_978_4e-1,
        1.818_357_216_161_805e-1,
        1.531_383_769_920_937_3e-1,
        1.479_819_860_511_658_6e-1,
    ];
    // √½: subtracting its bits leaves the exponent e for which m = x / 2^e is in [√½, √2).
    const SQRT_HALF_BITS: u64 = 0x3fe6_a09e_667f_3bcd;
    let bits = x.to_bits();
    let offset = bits.wrapping_sub(SQRT_HALF_BITS);
    let e = ((offset as i64) >> 52) as f64;
    let m = f64::from_bits(bits.wrapping_sub(offset & (0xfff << 52)));
    let f = m - 1.0;
    let half_f2 = 0.5 * f * f;
    let s = f / (2.0 + f);
    let z = s * s;
    let w = z * z;
    let odd = z * mul_add::<FUSED>(
        w,
        mul_add::<FUSED>(w, mul_add::<FUSED>(w, LG[6], LG[4]), LG[2]),
        LG[0],
    );
    let even = w * mul_add::<FUSED>(w, mul_add::<FUSED>(w, LG[5], LG[3]), LG[1]);
    let r = odd + even;
    e * LN2_HI - ((half_f2 - mul_add::<FUSED>(s, half_f2 + r, e * LN2_LO)) - f)
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
        let mut x = -708.0f64;
        while x < 709.0 {
            for offset in [0.0, 1e-9, 0.123_456_789, 0.346_573_590_279_972_6] {
                let v = x + offset;
                let libm = v.exp();
                worst = worst.max(ulps(exp::<f64, false>(v), libm));
                worst = worst.max(ulps(exp::<f64, true>(v), libm));
            }
            x += 0.0137;
        }
        assert!(worst <= 2, "worst error {worst} ulp");
    }

    /// Values over the whole range, the edges, and a length that leaves a vector remainder.
    fn exp_inputs() -> Vec<f64> {
        let mut v: Vec<f64> = (0..1001).map(|i| -720.0 + 1.43 * i as f64).collect();
        v.extend([
            0.0,
            -0.0,
            1e-300,
            -708.0,
            -708.5,
            709.78,
            710.0,
            f64::NEG_INFINITY,
        ]);
        v.extend([f64::INFINITY, f64::NAN]);
        v
    }

    #[test]
    fn exp_in_place_is_the_scalar_exp_in_every_compilation_this_processor_runs() {
        let inputs = exp_inputs();
        let compare = |got: &[f64], fused: bool| {
            for (x, g) in inputs.iter().zip(got) {
                let want = if fused {
                    exp::<f64, true>(*x)
                } else {
                    exp::<f64, false>(*x)
                };
                assert!(
                    g.to_bits() == want.to_bits() || (g.is_nan() && want.is_nan()),
                    "{x}"
                );
            }
        };
        let mut got = inputs.clone();
        exp_in_place_inline::<f64, false>(&mut got);
        compare(&got, false);
        let mut got = inputs.clone();
        exp_in_place(&mut got);
        compare(&got, isa::detect() != Isa::Baseline);
        #[cfg(target_arch = "x86_64")]
        if isa::detect() == Isa::Avx512 {
            let mut got = inputs.clone();
            // SAFETY: `detect` found AVX-512F, AVX2 and FMA.
            unsafe { exp_in_place_avx2(&mut got) };
            compare(&got, true);
        }
    }

    #[test]
    fn exp_in_place_in_f32_is_within_an_ulp_of_the_library() {
        let inputs: Vec<f32> = (0..400).map(|i| -87.0 + 0.44 * i as f32).collect();
        let mut got = inputs.clone();
        exp_in_place(&mut got);
        for (x, g) in inputs.iter().zip(&got) {
            let want = x.exp();
            assert!(
                (g - want).abs() <= f32::EPSILON * want,
                "{x}: {g} vs {want}"
            );
        }
    }

    #[test]
    fn exp_nonpositive_is_exp_wherever_the_e_step_uses_it() {
        let mut inputs: Vec<f64> = (0..20_000).map(|i| -720.0 + 0.0361 * i as f64).collect();
        inputs.extend([
            0.0,
            -0.0,
            -1e-300,
            -708.0,
            -707.99,
            f64::NEG_INFINITY,
            f64::NAN,
        ]);
        for x in inputs.into_iter().filter(|x| x.is_nan() || *x <= 0.0) {
            for (got, want) in [
                (exp_nonpositive::<f64, false>(x), exp::<f64, false>(x)),
                (exp_nonpositive::<f64, true>(x), exp::<f64, true>(x)),
            ] {
                assert!(
                    got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()),
                    "{x}"
                );
            }
            let (got, want) = (
                exp_nonpositive::<f32, true>(x as f32),
                exp::<f32, true>(x as f32),
            );
            assert!(
                got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()),
                "{x}"
            );
        }
    }

    #[test]
    fn exp_edges() {
        assert_eq!(exp::<_, false>(0.0f64), 1.0);
        assert_eq!(exp::<_, false>(-708.5f64), 0.0);
        assert_eq!(exp::<_, false>(f64::NEG_INFINITY), 0.0);
        assert!(ulps(exp::<_, false>(-708.0f64), (-708.0f64).exp()) <= 2);
        assert!(exp::<_, false>(-708.0f64) >= f64::MIN_POSITIVE);
        assert!(exp::<_, false>(-87.0f32) >= f32::MIN_POSITIVE);
        assert!(exp::<_, false>(f64::NAN).is_nan());
        assert_eq!(exp::<_, false>(710.0f64), f64::INFINITY);
        assert!(
            (exp::<_, false>(-1.5f32) - (-1.5f32).exp()).abs() <= f32::EPSILON * (-1.5f32).exp()
        );
    }

    #[test]
    fn ln_normal_is_within_an_ulp_of_the_library() {
        let mut inputs: Vec<f64> = (0..20_000).map(|i| 1.0 + 0.0137 * i as f64).collect();
        inputs.extend((1..2000).map(|i| i as f64 * 1e-3));
        inputs.extend([
            f64::MIN_POSITIVE,
            // Either side of the boundaries of m's interval, [√½, √2).
            f64::from_bits(0x3fe6_a09e_667f_3bcc),
            f64::from_bits(0x3fe6_a09e_667f_3bcd),
            f64::from_bits(0x3ff6_a09e_667f_3bcc),
            f64::from_bits(0x3ff6_a09e_667f_3bcd),
            1.0 - f64::EPSILON,
            1.0 + f64::EPSILON,
            1e300,
            f64::MAX,
        ]);
        for x in inputs {
            let want = x.ln();
            for got in [ln_normal::<f64, false>(x), ln_normal::<f64, true>(x)] {
                assert!(ulps(got, want) <= 1, "{x}: {got} vs {want}");
            }
            let x32 = x as f32;
            if x32.is_normal() {
                let (got, want) = (ln_normal::<f32, true>(x32), x32.ln());
                assert!(
                    (got - want).abs() <= f32::EPSILON * want.abs().max(f32::EPSILON),
                    "{x32}"
                );
            }
        }
        assert_eq!(ln_normal::<f64, false>(1.0), 0.0);
    }
}
