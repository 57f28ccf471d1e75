//! The two dense factorisations einsum cannot express: Cholesky and a triangular inverse.
//!
//! Matrices are `d x d`, row-major, in flat slices.
//!
//! Written here rather than taken from a linear-algebra crate: `d` is the data's dimension
//! (2 for images), each factorisation runs on a component's slice in place with no
//! allocation or conversion, and its failure rule (a pivot that is not finite and positive)
//! is scikit-learn's, which the parity tests pin to ~1e-12, but for pivots within rounding of zero.

use crate::Float;

/// The lower Cholesky factor `L` of the symmetric matrix `a` (`a = L Lᵀ`), reading only the
/// lower triangle of `a`, written into `l` (its upper triangle zeroed).
///
/// Returns `false` when `a` is not (numerically) positive definite or not finite.
pub(crate) fn cholesky_lower<T: Float>(a: &[T], d: usize, l: &mut [T]) -> bool {
    debug_assert!(a.len() == d * d && l.len() == d * d);
    l.fill(T::ZERO);
    for j in 0..d {
        let mut diag = a[j * d + j];
        for k in 0..j {
            diag -= l[j * d + k] * l[j * d + k];
        }
        // A pivot within the rounding of its diagonal entry is zero to working precision:
        // an exactly singular matrix otherwise passes or fails with the sign of its rounding.
        if !diag.is_finite_positive() || diag <= T::from_usize(d) * T::EPSILON * a[j * d + j] {
            return false;
        }
        let ljj = diag.sqrt();
        l[j * d + j] = ljj;
        for i in j + 1..d {
            let mut s = a[i * d + j];
            for k in 0..j {
                s -= l[i * d + k] * l[j * d + k];
            }
            l[i * d + j] = s / ljj;
        }
    }
    true
}

/// The inverse of the lower-triangular, non-singular `l`, by forward substitution on the
/// columns of the identity (as LAPACK's `trtrs` does), written into `inv` (lower-triangular).
pub(crate) fn lower_triangular_inverse<T: Float>(l: &[T], d: usize, inv: &mut [T]) {
    debug_assert!(l.len() == d * d && inv.len() == d * d);
    inv.fill(T::ZERO);
    for j in 0..d {
        // Solve L x = e_j; x_i = 0 for i < j.
        inv[j * d + j] = T::ONE / l[j * d + j];
        for i in j + 1..d {
            let mut s = T::ZERO;
            for k in j..i {
                s -= l[i * d + k] * inv[k * d + j];
            }
            inv[i * d + j] = s / l[i * d + i];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cholesky_and_inverse_of_a_known_matrix() {
        let a = [4.0, 2.0, 0.4, 2.0, 2.0, 0.5, 0.4, 0.5, 3.0];
        let mut l = [0.0; 9];
        assert!(cholesky_lower(&a, 3, &mut l));
        for i in 0..3 {
            for j in 0..3 {
                let s: f64 = (0..3).map(|k| l[i * 3 + k] * l[j * 3 + k]).sum();
                assert!((s - a[i * 3 + j]).abs() < 1e-14);
            }
        }
        let mut inv = [0.0; 9];
        lower_triangular_inverse(&l, 3, &mut inv);
        for i in 0..3 {
            for j in 0..3 {
                let s: f64 = (0..3).map(|k| l[i * 3 + k] * inv[k * 3 + j]).sum();
                assert!((s - if i == j { 1.0 } else { 0.0 }).abs() < 1e-14);
            }
        }
    }

    #[test]
    fn cholesky_rejects_indefinite_and_nan() {
        let mut l = [0.0; 4];
        assert!(!cholesky_lower(&[1.0, 2.0, 2.0, 1.0], 2, &mut l));
        assert!(!cholesky_lower(&[f64::NAN, 0.0, 0.0, 1.0], 2, &mut l));
    }
}
