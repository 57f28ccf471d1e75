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
