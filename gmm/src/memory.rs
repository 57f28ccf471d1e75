//! Buffers whose size comes from the input: element counts by `checked_mul`, memory reserved
//! fallibly, and a typed error that says what needed the memory, how much, and what would
//! avoid it, never an abort.

use crate::units::{ByteSize, Grouped};
use crate::{CovarianceType, GmmError};

/// Below this many bytes a fit's estimate is not probed: the allocator is asked only for
/// sizes that could fail.
const PROBE_ABOVE: u128 = 1 << 30;

/// `factors` multiplied, or `None` past `usize`.
pub(crate) fn product(factors: &[usize]) -> Option<usize> {
    factors
        .iter()
        .try_fold(1usize, |acc, &f| acc.checked_mul(f))
}

/// The bytes of `count` values of `T`, exactly (no element count of `usize` values overflows
/// a `u128` of bytes).
fn bytes_of<T>(count: u128) -> u128 {
    count.saturating_mul(std::mem::size_of::<T>() as u128)
}

/// A vector of `len` copies of `value`, reserved fallibly: `what` and `avoid` go into the
/// error when the memory is not there.
pub(crate) fn filled<T: Clone>(
    len: usize,
    value: T,
    what: impl FnOnce() -> String,
    avoid: impl FnOnce() -> String,
) -> Result<Vec<T>, GmmError> {
    let mut v = with_capacity(len, what, avoid)?;
    v.resize(len, value);
    Ok(v)
}

/// An empty vector with room for `len` values, reserved fallibly.
pub(crate) fn with_capacity<T>(
    len: usize,
    what: impl FnOnce() -> String,
    avoid: impl FnOnce() -> String,
) -> Result<Vec<T>, GmmError> {
    let mut v = Vec::new();
    match v.try_reserve_exact(len) {
        Ok(()) => Ok(v),
        Err(_) => Err(GmmError::OutOfMemory {
            what: what(),
            bytes: bytes_of::<T>(len as u128),
            avoid: avoid(),
        }),
    }
}

/// [`filled`] for `factors` multiplied, the product checked.
pub(crate) fn filled_product<T: Clone>(
    factors: &[usize],
    value: T,
    what: impl FnOnce() -> String,
    avoid: impl FnOnce() -> String,
) -> Result<Vec<T>, GmmError> {
    match product(factors) {
        Some(len) => filled(len, value, what, avoid),
        None => Err(GmmError::OutOfMemory {
            what: what(),
            bytes: bytes_of::<T>(
                factors
                    .iter()
                    .map(|&f| f as u128)
                    .fold(1, u128::saturating_mul),
            ),
            avoid: avoid(),
        }),
    }
}

/// Whether `bytes` could be allocated now: a reservation of that size (never touched, so it
/// costs no physical memory) is made and released. Linux refuses one larger than memory and
/// swap, which is exactly the allocation that would otherwise abort.
fn available(bytes: u128) -> bool {
    if bytes <= PROBE_ABOVE {
        return true;
    }
    let Ok(bytes) = usize::try_from(bytes) else {
        return false;
    };
    Vec::<u8>::new().try_reserve_exact(bytes).is_ok()
}

/// The number of covariance values of `k` components in `d` dimensions, in `u128` (it cannot
/// overflow for `usize` inputs).
fn covariance_values(covariance_type: CovarianceType, k: usize, d: usize) -> u128 {
    let (k, d) = (k as u128, d as u128);
    match covariance_type {
        CovarianceType::Full => k.saturating_mul(d).saturating_mul(d),
        CovarianceType::Tied => d.saturating_mul(d),
        CovarianceType::Diag => k.saturating_mul(d),
        CovarianceType::Spherical => k,
    }
}

/// Checks up front that a fit of `n` points of dimension `d` with `k` components has the
/// memory for its largest buffers, so that it fails with [`GmmError::OutOfMemory`] before
/// it starts rather than aborting in the middle.
///
/// Counted, in values of `T`: the covariance-shaped parameters six times (covariances and
/// their precision Cholesky factors, those of the best run of `n_init`, every thread's chunk
/// sums, and the fitted model's precisions), the means and chunk means (`4 k d`), and the
/// initialisation's per-point array (`n`: k-means' distance to the nearest seed while it seeds,
/// then its `u32` label, which is no wider than a value of `T`). The data
/// itself is the caller's; EM works a chunk at a time, so nothing else grows with `n`.
pub(crate) fn check_fit<T>(
    covariance_type: CovarianceType,
    n: usize,
    d: usize,
    k: usize,
) -> Result<(), GmmError> {
    const COVARIANCE_COPIES: u128 = 6;
    let covariance = COVARIANCE_COPIES.saturating_mul(covariance_values(covariance_type, k, d));
    let means = 4 * k as u128 * d as u128;
    let per_point = n as u128;
    let total = bytes_of::<T>(covariance.saturating_add(means + per_point));
    if available(total) {
        return Ok(());
    }
    let (what, avoid) = if covariance >= per_point {
        let kind = covariance_type.name();
        let what = match covariance_type {
            CovarianceType::Full if k > 1 => {
                format!(
                    "a fit of {} full covariances of {} features",
                    Grouped(k),
                    Grouped(d)
                )
            }
            CovarianceType::Tied | CovarianceType::Full => {
                format!("a fit with a {kind} covariance of {} features", Grouped(d))
            }
            _ => format!(
                "a fit of {} {kind} covariances of {} features",
                Grouped(k),
                Grouped(d)
            ),
        };
        let lighter = match covariance_type {
            CovarianceType::Full | CovarianceType::Tied => Some(CovarianceType::Diag),
            CovarianceType::Diag => Some(CovarianceType::Spherical),
            CovarianceType::Spherical => None,
        };
        let avoid = match lighter {
            Some(lighter) => format!(
                "use --covariance-type {} (covariance type {0}: {} for this fit) or fewer \
                 features",
                lighter.name(),
                ByteSize(bytes_of::<T>(
                    COVARIANCE_COPIES * covariance_values(lighter, k, d) + means + per_point
                ))
            ),
            None => "use fewer components or fewer features".to_string(),
        };
        (what, avoid)
    } else {
        (
            format!("the per-point arrays of a fit of {} points", Grouped(n)),
            "use fewer points (a subsample)".to_string(),
        )
    };
    Err(GmmError::OutOfMemory {
        what,
        bytes: total,
        avoid,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_product_past_usize_is_none() {
        assert_eq!(product(&[1 << 32, 1 << 32]), None);
        assert_eq!(product(&[3, 4]), Some(12));
        assert_eq!(product(&[]), Some(1));
    }

    #[test]
    fn a_full_covariance_of_five_million_features_is_refused_with_the_way_out() {
        let err = check_fit::<f64>(CovarianceType::Full, 2, 5_000_000, 1).unwrap_err();
        let GmmError::OutOfMemory { what, bytes, avoid } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(what, "a fit with a full covariance of 5,000,000 features");
        assert_eq!(*bytes, 8 * (6 * 25_000_000_000_000 + 4 * 5_000_000 + 2));
        assert!(avoid.starts_with("use --covariance-type diag"), "{avoid}");
        assert!(err.to_string().contains("needs 1.2 PB"), "{err}");
        assert!(check_fit::<f64>(CovarianceType::Diag, 2, 5_000_000, 1).is_ok());
    }

    #[test]
    fn a_vector_too_large_for_the_address_space_is_an_error() {
        let err = filled_product(&[1 << 40, 1 << 40], 0.0f64, || "x".into(), || "y".into());
        assert!(matches!(err, Err(GmmError::OutOfMemory { bytes, .. }) if bytes == 8 << 80));
        let err = filled(usize::MAX / 8, 0.0f64, || "x".into(), || "y".into());
        assert!(matches!(err, Err(GmmError::OutOfMemory { .. })));
        assert_eq!(filled(3, 1u8, String::new, String::new), Ok(vec![1, 1, 1]));
    }
}
