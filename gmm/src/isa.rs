//! Which vector instructions the processor running us offers, for the kernels compiled more
//! than once.

/// The widest compilation of a multiply-compiled kernel the processor can run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Isa {
    /// AVX-512F with AVX2 and FMA.
    Avx512,
    /// AVX2 with FMA.
    Avx2,
    /// The target's baseline (SSE2 on x86-64).
    Baseline,
}

/// The widest [`Isa`] of this processor (`std` caches the detection, so this is cheap).
pub(crate) fn detect() -> Isa {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma") {
        return if std::arch::is_x86_feature_detected!("avx512f") {
            Isa::Avx512
        } else {
            Isa::Avx2
        };
    }
    Isa::Baseline
}

/// Declares `$name`, a kernel generic over the covariance kernels `K` and the float `T`,
/// compiled from the `#[inline(always)]` body `$inline::<K, T, FUSED, WIDTH>` three times:
/// `$avx512` (fused multiply-adds, `WIDTH` 32), `$avx2` (fused multiply-adds, `WIDTH` 8) and
/// the baseline (`WIDTH` 4), and runs the widest one the processor has. `WIDTH` is the number
/// of points the `d = 2` path keeps in registers at a time; the exp's polynomial gives the
/// same results with or without fused multiply-adds to the last bit or so, and the number of
/// threads never changes which version runs.
macro_rules! compiled_for_each_isa {
    (
        $(#[$doc:meta])*
        $vis:vis fn $name:ident, $avx2:ident, $avx512:ident = $inline:ident(
            $($arg:ident: $ty:ty),* $(,)?
        ) -> $ret:ty
    ) => {
        $(#[$doc])*
        $vis fn $name<K: CovarianceKernels, T: Float>($($arg: $ty),*) -> $ret {
            match $crate::isa::detect() {
                #[cfg(target_arch = "x86_64")]
                // SAFETY: `detect` found AVX-512F, AVX2 and FMA on this processor.
                $crate::isa::Isa::Avx512 => unsafe { $avx512::<K, T>($($arg),*) },
                #[cfg(target_arch = "x86_64")]
                // SAFETY: `detect` found AVX2 and FMA on this processor.
                $crate::isa::Isa::Avx2 => unsafe { $avx2::<K, T>($($arg),*) },
                _ => $inline::<K, T, false, 4>($($arg),*),
            }
        }

        #[doc = concat!("[`", stringify!($name), "`] with 256-bit vectors and fused multiply-adds.")]
        ///
        /// # Safety
        /// The processor must support AVX2 and FMA.
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx2,fma")]
        unsafe fn $avx2<K: CovarianceKernels, T: Float>($($arg: $ty),*) -> $ret {
            $inline::<K, T, true, 8>($($arg),*)
        }

        #[doc = concat!(
            "[`", stringify!($name), "`] with 512-bit vectors and fused multiply-adds: the same ",
            "operations in the same order as [`", stringify!($avx2), "`] (sums over points go ",
            "through fixed lanes, not the vector width), so the same results."
        )]
        ///
        /// # Safety
        /// The processor must support AVX-512F, AVX2 and FMA.
        #[cfg(target_arch = "x86_64")]
        #[target_feature(enable = "avx512f,avx2,fma")]
        unsafe fn $avx512<K: CovarianceKernels, T: Float>($($arg: $ty),*) -> $ret {
            $inline::<K, T, true, 32>($($arg),*)
        }
    };
}

pub(crate) use compiled_for_each_isa;
