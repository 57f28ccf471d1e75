//! The special functions of the variational bounds: digamma, log-gamma and log-beta.
//!
//! Evaluated in `f64` by the `special` crate (digamma by its asymptotic series after
//! recurrence, log-gamma by `libm`'s `lgamma`) whatever the fit's element type: they are
//! taken `O(k d)` times per iteration, never per sample.

use special::Gamma;

use crate::Float;

/// ψ(x), the derivative of ln Γ(x), for `x > 0`.
pub(crate) fn digamma<T: Float>(x: T) -> T {
    T::from_f64(Gamma::digamma(x.into_f64()))
}

/// ln Γ(x) for `x > 0`.
pub(crate) fn ln_gamma<T: Float>(x: T) -> T {
    T::from_f64(Gamma::ln_gamma(x.into_f64()).0)
}

/// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for `a, b > 0`.
pub(crate) fn ln_beta<T: Float>(a: T, b: T) -> T {
    let (a, b) = (a.into_f64(), b.into_f64());
    T::from_f64(Gamma::ln_gamma(a).0 + Gamma::ln_gamma(b).0 - Gamma::ln_gamma(a + b).0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference values from closed forms: Gauss's digamma theorem at 1/8 and 1/3,
    /// ψ(n) = H(n−1) − γ, ψ(n + ½) = −γ − 2 ln 2 + Σ 2/(2j − 1); ln Γ from C's `lgamma`.
    #[test]
    fn digamma_matches_known_values() {
        let euler_gamma = 0.577_215_664_901_532_9;
        let cases = [
            (1.0, -euler_gamma),
            (0.5, -1.963_510_026_021_423_5),
            (0.125, -8.388_492_663_295_855),
            (1.0 / 3.0, -3.132_033_780_020_806),
            (2.0, 1.0 - euler_gamma),
            (10.0, 2.251_752_589_066_721_4),
            (300.5, 5.703_782_937_618_263),
        ];
        for (x, expected) in cases {
            let got: f64 = digamma(x);
            assert!(
                (got - expected).abs() <= 1e-14 * expected.abs().max(1.0),
                "digamma({x}) = {got}, expected {expected}"
            );
        }
    }

    #[test]
    fn ln_gamma_and_ln_beta_match_known_values() {
        let cases = [
            (0.5, 0.572_364_942_924_700_4),
            (1.0, 0.0),
            (4.5, 2.453_736_570_842_443),
            (0.125, 2.019_418_357_553_795_4),
            (150.0, 600.009_470_555_327_4),
        ];
        for (x, expected) in cases {
            let got: f64 = ln_gamma(x);
            assert!(
                (got - expected).abs() <= 1e-13 * expected.abs().max(1.0),
                "ln_gamma({x}) = {got}, expected {expected}"
            );
        }
        // B(2, 3) = 1/12.
        let got: f64 = ln_beta(2.0, 3.0);
        assert!((got - (1.0f64 / 12.0).ln()).abs() < 1e-14);
        let got32: f32 = ln_beta(2.0f32, 3.0f32);
        assert!((got32 - (1.0f32 / 12.0).ln()).abs() < 1e-6);
    }
}
