//! The heap `predict_proba_batches` needs, counted by this test binary's allocator (a binary
//! of one test, so that no other test allocates meanwhile): a batch's posteriors and the
//! E-step's buffers, not `predict_proba`'s `n x k` array.

mod common;

#[path = "common/heap.rs"]
mod heap;

use gmm::{CovarianceType, GaussianMixture};
use heap::peak_heap_of;

/// `n` points in `d = 2` around three centres, flat row-major.
fn points(n: usize) -> Vec<f64> {
    let mut uniform = common::centred_uniform(11);
    (0..n)
        .flat_map(|i| {
            let c = (i % 3) as f64 * 4.0;
            [c + uniform(), 2.0 * c + uniform()]
        })
        .collect()
}

/// 200,000 points under 20 components: `predict_proba` needs its 32 MB `n x k` array, the
/// batches of 1,000 rows a batch's 160 kB and the E-step's buffers.
#[test]
fn the_batches_need_a_batchs_memory_not_the_whole_arrays() {
    let (n, k) = (200_000, 20);
    let x = points(n);
    let rows = gmm::flat_rows(&x, 2).unwrap();
    let model = GaussianMixture::params(k)
        .covariance_type(CovarianceType::Diag)
        .max_iter(1)
        .seed(0)
        .fit(&rows)
        .unwrap();
    let whole_bytes = n * k * size_of::<f64>();
    let (whole, whole_peak) = peak_heap_of(|| model.predict_proba(&rows).unwrap());
    assert!(whole_peak >= whole_bytes, "{whole_peak} bytes");
    let (total, batch_peak) = peak_heap_of(|| {
        let mut total = vec![0.0; k];
        for batch in model.predict_proba_batches(&rows, 1_000).unwrap() {
            for p in batch.unwrap().as_slice().chunks_exact(k) {
                total.iter_mut().zip(p).for_each(|(t, &v)| *t += v);
            }
        }
        total
    });
    assert!(
        batch_peak < whole_bytes / 16,
        "batches of 1,000 rows peaked at {batch_peak} bytes against the array's {whole_bytes}"
    );
    // The batches did the work: the posteriors' column sums, as from the whole array.
    for (c, &t) in total.iter().enumerate() {
        let expected: f64 = whole.as_slice().iter().skip(c).step_by(k).sum();
        assert!(
            (t - expected).abs() <= 1e-9 * n as f64,
            "{c}: {t} vs {expected}"
        );
    }
}
