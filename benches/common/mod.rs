//! Data, settings and the agreement check shared by the benchmarks.

use criterion::Criterion;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// One way to compute a kernel: it leaves its result in the vector it is given, either
/// written in place (the `einsum!` and hand-written variants, as a hot loop reuses a buffer)
/// or replaced by the vector it allocated (the variants whose API returns a new array).
pub type Variant<'a> = (&'static str, Box<dyn FnMut(&mut Vec<f64>) + 'a>);

/// Checks once that every variant gives the first one's result, then times each of them in
/// one criterion group, so that no benchmark measures a wrong computation.
pub fn compare(c: &mut Criterion, group: &str, out_len: usize, mut variants: Vec<Variant<'_>>) {
    let mut results = variants.iter_mut().map(|(name, kernel)| {
        let mut out = vec![f64::NAN; out_len];
        kernel(&mut out);
        (*name, out)
    });
    let (_, reference) = results.next().expect("at least one variant");
    let others: Vec<_> = results.collect();
    let others: Vec<(&str, &[f64])> = others.iter().map(|(n, v)| (*n, &v[..])).collect();
    assert_agree(group, &reference, &others);

    let mut timed = c.benchmark_group(group);
    for (name, kernel) in &mut variants {
        let mut out = vec![0.0; out_len];
        timed.bench_function(*name, |b| {
            b.iter(|| {
                kernel(&mut out);
                black_box(&mut out);
            })
        });
    }
    timed.finish();
    interleaved_einsum_over_hand(group, out_len, &mut variants);
}

/// Criterion times one variant after the other, so a machine whose speed drifts over
/// seconds (a shared one) biases the ratio of two variants. This times `einsum` and `hand`
/// in turns instead, the fastest turn of each, and records the ratio in
/// `target/criterion/interleaved/` for `bench/criterion-table`.
fn interleaved_einsum_over_hand(group: &str, out_len: usize, variants: &mut [Variant<'_>]) {
    let find = |variants: &[Variant<'_>], name| variants.iter().position(|(n, _)| *n == name);
    let (Some(e), Some(h)) = (find(variants, "einsum"), find(variants, "hand")) else {
        return;
    };
    let mut out = vec![0.0; out_len];
    let mut seconds = |variant: usize, calls: u32, out: &mut Vec<f64>| {
        let kernel = &mut variants[variant].1;
        kernel(out);
        let start = Instant::now();
        for _ in 0..calls {
            kernel(out);
            black_box(&mut *out);
        }
        start.elapsed().as_secs_f64()
    };
    // Enough calls per turn to be well above the clock's resolution, enough turns to fill
    // about a second.
    let once = seconds(e, 1, &mut out).max(1e-9);
    let calls = (50e-6 / once).ceil().max(1.0) as u32;
    let turns = (0.5 / (once * f64::from(calls))).clamp(8.0, 50.0) as usize;
    let (mut einsum, mut hand) = (f64::INFINITY, f64::INFINITY);
    for turn in 0..turns {
        // Each goes first in every other turn: the first of a turn can run slower.
        if turn % 2 == 0 {
            einsum = einsum.min(seconds(e, calls, &mut out));
            hand = hand.min(seconds(h, calls, &mut out));
        } else {
            hand = hand.min(seconds(h, calls, &mut out));
            einsum = einsum.min(seconds(e, calls, &mut out));
        }
    }
    let ratio = einsum / hand;
    eprintln!("{group}: einsum / hand {ratio:.3}, interleaved ({turns} turns of {calls} calls)");
    let dir =
        PathBuf::from(std::env::var_os("CARGO_TARGET_DIR").unwrap_or_else(|| "target".into()))
            .join("criterion/interleaved");
    let file = dir.join(group.replace(['/', ' '], "_"));
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&file, format!("{group}\t{ratio}\n")));
    if let Err(error) = written {
        eprintln!("{}: {error}", file.display());
    }
}

/// Few samples and short windows: the whole suite runs in a few minutes on a shared 2-core
/// machine, and every kernel still runs for at least a second in each measurement.
pub fn settings() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_millis(1500))
}

/// `len` values drawn uniformly from `[-half_width, half_width)`, the same for the same seed.
pub fn uniform(seed: u64, len: usize, half_width: f64) -> Vec<f64> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..len)
        .map(|_| rng.random_range(-half_width..half_width))
        .collect()
}

/// Panics unless every variant agrees with `reference` to `1e-9` of the reference's largest
/// magnitude: the variants sum in different orders, so they agree up to rounding only.
#[track_caller]
pub fn assert_agree(kernel: &str, reference: &[f64], variants: &[(&str, &[f64])]) {
    let scale = reference.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    assert!(scale > 0.0, "{kernel}: the reference is all zeros");
    for (name, values) in variants {
        assert_eq!(
            values.len(),
            reference.len(),
            "{kernel}: {name} has another length"
        );
        for (at, (got, want)) in values.iter().zip(reference).enumerate() {
            assert!(
                (got - want).abs() <= 1e-9 * scale,
                "{kernel}: {name} gives {got} at {at}, the reference {want}"
            );
        }
    }
}
