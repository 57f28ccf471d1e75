//! The matrix-product tier: steps that are matrix products run through a GEMM for f32 and f64
//! above the plan's thresholds, on the tensors' own strides, and through the loops below them
//! and for integers. Every call here is checked against the reference evaluator on seeded
//! random data, on both sides of each threshold, with transposed operands and results,
//! batches, groups of indices read as one axis, intermediates, `=` into a buffer holding
//! garbage, `+=`, extents of 0 and 1.

mod common;

use common::{TestScalar, assert_near, random, reference_einsum, rng};
use einsum::{Tensor, TensorMut, TensorRef, einsum, explain};

/// `subscripts` on operands of the given shapes, through `einsum!`'s result, against the
/// reference evaluator.
macro_rules! check {
    ($t:ty, $seed:expr, $subscripts:literal, $k:expr, $(($shape:expr)),+) => {{
        let mut rng = rng($seed);
        let shapes: Vec<Vec<usize>> = vec![$($shape.to_vec()),+];
        let data: Vec<Vec<$t>> = shapes
            .iter()
            .map(|s| random::<$t>(&mut rng, s.iter().product()))
            .collect();
        let operands: Vec<(&[$t], &[usize])> =
            data.iter().zip(&shapes).map(|(d, s)| (&d[..], &s[..])).collect();
        let (want, want_shape) = reference_einsum($subscripts, &operands);
        let got = check!(@call $subscripts, data, shapes, $($shape),+);
        assert_eq!(&got.shape()[..], &want_shape[..], "{}: shape", $subscripts);
        assert_near(got.as_slice(), &want, $k, $subscripts);
    }};
    (@call $subscripts:literal, $data:ident, $shapes:ident, $a:expr, $b:expr) => {{
        let a = TensorRef::new(&$data[0], $a).unwrap();
        let b = TensorRef::new(&$data[1], $b).unwrap();
        einsum!($subscripts, a, b)
    }};
    (@call $subscripts:literal, $data:ident, $shapes:ident, $a:expr, $b:expr, $c:expr) => {{
        let a = TensorRef::new(&$data[0], $a).unwrap();
        let b = TensorRef::new(&$data[1], $b).unwrap();
        let c = TensorRef::new(&$data[2], $c).unwrap();
        einsum!($subscripts, a, b, c)
    }};
}

/// Every matrix-product shape the plan recognises, above the thresholds, for one type.
fn products_above_the_thresholds<T: TestScalar>(seed: u64) {
    check_products::<T>(seed, 33, 40, 17);
}

/// The same shapes at small extents, where the loops run.
fn products_below_the_thresholds<T: TestScalar>(seed: u64) {
    check_products::<T>(seed, 3, 5, 2);
}

fn check_products<T: TestScalar>(seed: u64, m: usize, k: usize, n: usize) {
    check!(T, seed, "ij,jk->ik", k, ([m, k]), ([k, n]));
    // transposed factors and result: strides, no copies
    check!(T, seed + 1, "ji,jk->ik", k, ([k, m]), ([k, n]));
    check!(T, seed + 2, "ij,kj->ik", k, ([m, k]), ([n, k]));
    check!(T, seed + 3, "ji,kj->ki", k, ([k, m]), ([n, k]));
    // matrix-vector and vector-matrix
    check!(T, seed + 4, "ij,j->i", k, ([m * 4, k]), ([k]));
    check!(T, seed + 5, "j,jk->k", k, ([k]), ([k, n * 4]));
    // a batch, and a batch that is not the outermost axis of the result
    check!(T, seed + 6, "bij,bjk->bik", k, ([3, m, k]), ([3, k, n]));
    check!(T, seed + 7, "bij,bjk->ibk", k, ([3, m, k]), ([3, k, n]));
    // groups of adjacent indices read as one axis: rows `ab`, summed `cd`
    check!(T, seed + 8, "abj,jk->abk", k, ([2, m, k]), ([k, n]));
    check!(T, seed + 9, "icd,cdk->ik", k * 3, ([m, 3, k]), ([3, k, n]));
    // the scatter matrix of a mixture model's M-step
    check!(T, seed + 10, "ni,nj->ij", m * 8, ([m * 8, k]), ([m * 8, n]));
    // a chain: one step writes an intermediate, the next reads it
    check!(
        T,
        seed + 11,
        "ij,jk,kl->il",
        k * k,
        ([m, k]),
        ([k, n + 20]),
        ([n + 20, k])
    );
}

#[test]
fn f64_products_above_the_thresholds() {
    products_above_the_thresholds::<f64>(10);
}

#[test]
fn f32_products_above_the_thresholds() {
    products_above_the_thresholds::<f32>(20);
}

#[test]
fn i64_products_keep_the_exact_loops() {
    products_above_the_thresholds::<i64>(30);
}

#[test]
fn f64_products_below_the_thresholds() {
    products_below_the_thresholds::<f64>(40);
}

#[test]
fn f32_products_below_the_thresholds() {
    products_below_the_thresholds::<f32>(50);
}

#[test]
fn each_threshold_edge_gives_the_reference_result() {
    // k = 8 runs the GEMM and k = 7 the loops (m·n·k above 512 either way)
    check!(f64, 60, "ij,jk->ik", 8, ([40, 8]), ([8, 40]));
    check!(f64, 61, "ij,jk->ik", 7, ([40, 7]), ([7, 40]));
    // 8·8·8 = 512 multiply-adds runs the GEMM, 7·1·73 = 511 the loops
    check!(f64, 62, "ij,jk->ik", 8, ([8, 8]), ([8, 8]));
    check!(f64, 63, "ij,jk->ik", 73, ([7, 73]), ([73, 1]));
}

#[test]
fn the_thresholds_choose_the_tier() {
    use einsum::__private::gemm_pays;
    let like: &[f64] = &[];
    let thresholds = [8, 512, 64];
    assert!(gemm_pays(like, [8, 8, 8], thresholds));
    assert!(!gemm_pays(like, [7, 1, 73], thresholds));
    assert!(!gemm_pays(like, [1000, 1000, 7], thresholds));
    // a 2 x 2 result summed over many points: the loops
    assert!(!gemm_pays(like, [2, 2, 130_000], thresholds));
    assert!(gemm_pays(like, [1, 64, 8], thresholds));
    assert!(gemm_pays(&[] as &[f32], [8, 8, 8], thresholds));
    assert!(!gemm_pays(&[] as &[i64], [1000, 1000, 1000], thresholds));
    // extents whose product overflows still choose the GEMM, without wrapping
    assert!(gemm_pays(like, [usize::MAX, 2, 8], thresholds));
}

#[test]
fn extents_of_zero_and_one() {
    // nothing summed: zeros, whichever tier
    check!(f64, 70, "ij,jk->ik", 1, ([300, 0]), ([0, 300]));
    // no rows or no columns: an empty result
    check!(f64, 71, "ij,jk->ik", 64, ([0, 64]), ([64, 64]));
    check!(f64, 72, "ij,jk->ik", 64, ([64, 64]), ([64, 0]));
    // one row, one column
    check!(f64, 73, "ij,jk->ik", 64, ([1, 64]), ([64, 100]));
    check!(f64, 74, "ij,jk->ik", 64, ([100, 64]), ([64, 1]));
    // a batch of one and a batch of none
    check!(f64, 75, "bij,bjk->bik", 64, ([1, 20, 64]), ([1, 64, 20]));
    check!(f64, 76, "bij,bjk->bik", 64, ([0, 20, 64]), ([0, 64, 20]));
}

#[test]
fn assigning_overwrites_a_buffer_and_adding_accumulates_into_it() {
    let (m, k, n) = (30, 50, 20);
    let mut rng = rng(80);
    let a: Vec<f64> = random(&mut rng, m * k);
    let b: Vec<f64> = random(&mut rng, k * n);
    let init: Vec<f64> = random(&mut rng, m * n);
    let (want, _) = reference_einsum("ij,jk->ik", &[(&a, &[m, k]), (&b, &[k, n])]);
    let a = TensorRef::new(&a, [m, k]).unwrap();
    let b = TensorRef::new(&b, [k, n]).unwrap();

    let mut buffer = init.clone();
    einsum!(
        TensorMut::new(&mut buffer, [m, n]).unwrap() = "ij,jk->ik",
        a,
        b
    );
    assert_near(&buffer, &want, k, "=");

    let mut buffer = init.clone();
    einsum!(
        TensorMut::new(&mut buffer, [m, n]).unwrap() += "ij,jk->ik",
        a,
        b
    );
    let plus: Vec<f64> = init.iter().zip(&want).map(|(x, y)| x + y).collect();
    assert_near(&buffer, &plus, k, "+=");

    // a transposed buffer: the result's strides are the GEMM's too
    let mut buffer = init.clone();
    einsum!(
        TensorMut::new(&mut buffer, [n, m]).unwrap() = "ij,jk->ki",
        a,
        b
    );
    let transposed: Vec<f64> = (0..n * m).map(|e| want[(e % m) * n + e / m]).collect();
    assert_near(&buffer, &transposed, k, "= transposed");
}

#[test]
fn the_gemm_and_the_loops_agree_on_integer_valued_data() {
    // small integers in f64 are exact in any order of summation, so both tiers give the same
    // bits as i64 does through the loops
    let (m, k, n) = (37, 29, 23);
    let mut rng = rng(90);
    let a: Vec<i64> = random(&mut rng, m * k);
    let b: Vec<i64> = random(&mut rng, k * n);
    let exact: Tensor<i64, 2> = einsum!(
        "ij,jk->ik",
        TensorRef::new(&a, [m, k]).unwrap(),
        TensorRef::new(&b, [k, n]).unwrap()
    );
    let (af, bf): (Vec<f64>, Vec<f64>) = (
        a.iter().map(|&x| x as f64).collect(),
        b.iter().map(|&x| x as f64).collect(),
    );
    let float: Tensor<f64, 2> = einsum!(
        "ij,jk->ik",
        TensorRef::new(&af, [m, k]).unwrap(),
        TensorRef::new(&bf, [k, n]).unwrap()
    );
    let exact: Vec<f64> = exact.as_slice().iter().map(|&x| x as f64).collect();
    assert_eq!(float.as_slice(), &exact[..]);
}

#[test]
fn explain_names_the_tier_of_each_step() {
    // explain! reads only the operands' source text
    let text = explain!("ij,jk->ik", a, a);
    assert!(
        text.contains("a GEMM, rows [i] x columns [k] summed over [j]"),
        "{text}"
    );
    assert!(text.contains("gemm_pays"), "{text}");
    let text = explain!("ni,ni->n", a, a);
    assert!(
        !text.contains("GEMM") && !text.contains("gemm_pays"),
        "{text}"
    );
}

/// With the `rayon` feature, a product large enough for several threads gives the same bits
/// on one thread and on two (faer splits rows and columns, never the sum).
#[cfg(feature = "rayon")]
#[test]
fn the_bits_do_not_depend_on_the_thread_count() {
    let (m, k, n) = (300, 500, 260);
    let mut rng = rng(100);
    let a: Vec<f64> = random(&mut rng, m * k);
    let b: Vec<f64> = random(&mut rng, k * n);
    let product = |threads: usize| -> Vec<u64> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        pool.install(|| {
            let c: Tensor<f64, 2> = einsum!(
                "ij,jk->ik",
                TensorRef::new(&a, [m, k]).unwrap(),
                TensorRef::new(&b, [k, n]).unwrap()
            );
            c.as_slice().iter().map(|x| x.to_bits()).collect()
        })
    };
    assert!(m * n >= einsum::__private::PARALLEL_MIN_ROWS_COLS);
    assert_eq!(product(1), product(2));
}

/// With the `rayon` feature, a quadratic form's tiles run on rayon's pool in blocks of whole
/// tiles, each block with its own intermediate: the same bits on one, two and three threads,
/// owned, `=` into garbage and `+=`, with one result element per point and with a row of them
/// (`->nj`; `->jn`, whose tiles stay on one thread, too), and the reference evaluator's values.
/// Three tiles at d = 16 (8,192 points each, the last 3,616) and at d = 64 (2,048).
#[cfg(feature = "rayon")]
#[test]
fn the_tiles_bits_do_not_depend_on_the_thread_count() {
    let bits = |values: &[f64]| -> Vec<u64> { values.iter().map(|v| v.to_bits()).collect() };
    for (points, d) in [(20_000, 16), (5_000, 64)] {
        let mut rng = rng(210 + d as u64);
        let x: Vec<f64> = random(&mut rng, points * d);
        let p: Vec<f64> = random(&mut rng, d * d);
        let start: Vec<f64> = random(&mut rng, points);
        let run = |threads: usize| -> [Vec<u64>; 5] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a thread pool");
            pool.install(|| {
                let xv = TensorRef::new(&x, [points, d]).unwrap();
                let pv = TensorRef::new(&p, [d, d]).unwrap();
                let owned = einsum!("ni,ij,nj->n", xv, pv, xv);
                let mut replaced = start.clone();
                einsum!(
                    TensorMut::new(&mut replaced, [points]).unwrap() = "ni,ij,nj->n",
                    xv,
                    pv,
                    xv
                );
                let mut added = start.clone();
                einsum!(
                    TensorMut::new(&mut added, [points]).unwrap() += "ni,ij,nj->n",
                    xv,
                    pv,
                    xv
                );
                let rows = einsum!("ni,ij,nj->nj", xv, pv, xv);
                let columns = einsum!("ni,ij,nj->jn", xv, pv, xv);
                [
                    owned.as_slice(),
                    &replaced,
                    &added,
                    rows.as_slice(),
                    columns.as_slice(),
                ]
                .map(bits)
            })
        };
        let one = run(1);
        assert_eq!(one, run(2), "{points} points, d = {d}: 2 threads");
        assert_eq!(one, run(3), "{points} points, d = {d}: 3 threads");
        assert_eq!(one[0], one[1], "{points} points, d = {d}: owned and =");
        let operands = [
            (&x[..], &[points, d][..]),
            (&p, &[d, d]),
            (&x, &[points, d]),
        ];
        let context = format!("{points} points, d = {d}");
        for (subscripts, got) in [("ni,ij,nj->n", &one[0]), ("ni,ij,nj->nj", &one[3])] {
            let (want, _) = reference_einsum(subscripts, &operands);
            let got: Vec<f64> = got.iter().map(|&b| f64::from_bits(b)).collect();
            assert_near(&got, &want, d * d, &format!("{subscripts}, {context}"));
        }
        let (want, _) = reference_einsum("ni,ij,nj->n", &operands);
        let plus: Vec<f64> = start.iter().zip(&want).map(|(s, w)| s + w).collect();
        let got: Vec<f64> = one[2].iter().map(|&b| f64::from_bits(b)).collect();
        assert_near(&got, &plus, d * d, &format!("+= {context}"));
    }
}

/// `n,ni,nj->ij` (a weighted scatter matrix) runs tile by tile over the points: weights a
/// tile, adds its product to the result. Point counts on both sides of a tile's size (256
/// points at d = 16, 1,365 at d = 3), owned, `=` into garbage and `+=`, the GEMM's type and
/// the loops' (i64).
fn scatter_tile_by_tile<T: TestScalar>(seed: u64) {
    for (points, d) in [
        (1, 16),
        (255, 16),
        (256, 16),
        (257, 16),
        (1000, 16),
        (1366, 3),
    ] {
        let mut rng = rng(seed + points as u64);
        let w: Vec<T> = random(&mut rng, points);
        let x: Vec<T> = random(&mut rng, points * d);
        let garbage: Vec<T> = random(&mut rng, d * d);
        let (want, _) = reference_einsum(
            "n,ni,nj->ij",
            &[(&w, &[points]), (&x, &[points, d]), (&x, &[points, d])],
        );
        let xv = TensorRef::new(&x, [points, d]).unwrap();
        let context = format!("{points} points, d = {d}");
        let owned = einsum!("n,ni,nj->ij", w, xv, xv);
        assert_near(owned.as_slice(), &want, points, &context);
        let mut buffer = garbage.clone();
        einsum!(
            TensorMut::new(&mut buffer, [d, d]).unwrap() = "n,ni,nj->ij",
            w,
            xv,
            xv
        );
        assert_near(&buffer, &want, points, &format!("= {context}"));
        let mut buffer = garbage.clone();
        einsum!(
            TensorMut::new(&mut buffer, [d, d]).unwrap() += "n,ni,nj->ij",
            w,
            xv,
            xv
        );
        let plus: Vec<T> = garbage.iter().zip(&want).map(|(&g, &w)| g + w).collect();
        assert_near(&buffer, &plus, points, &format!("+= {context}"));
    }
}

#[test]
fn f64_scatter_tile_by_tile() {
    scatter_tile_by_tile::<f64>(110);
}

#[test]
fn f32_scatter_tile_by_tile() {
    scatter_tile_by_tile::<f32>(120);
}

#[test]
fn i64_scatter_tile_by_tile() {
    scatter_tile_by_tile::<i64>(130);
}

/// `ni,ij,nj->n` (a quadratic form) runs tile by tile over the points: a tile of `x P` by the
/// GEMM, then its row dots into the tile's positions of the result. Point counts at and over a
/// tile's size (16,384 points at d = 8, 2,048 at d = 64), a last tile of 7 points (56
/// result elements: the loops) and of 8 (64: the GEMM), extents of 0 and 1; owned, `=` into
/// garbage and `+=`; the GEMM's types and the loops' (i64).
fn quadratic_form_tile_by_tile<T: TestScalar>(seed: u64) {
    for (points, d) in [
        (0, 8),
        (3, 0),
        (1, 8),
        (5, 1),
        (16_384, 8),
        (16_391, 8),
        (16_392, 8),
        (2_049, 64),
    ] {
        quadratic_form_three_ways::<T>(points, d, seed + points as u64 + d as u64);
    }
}

/// `ni,ij,nj->n` of random `points x d` points and `d x d` matrix against the reference
/// evaluator: owned, `=` into garbage and `+=`.
fn quadratic_form_three_ways<T: TestScalar>(points: usize, d: usize, seed: u64) {
    let mut rng = rng(seed);
    let x: Vec<T> = random(&mut rng, points * d);
    let p: Vec<T> = random(&mut rng, d * d);
    let garbage: Vec<T> = random(&mut rng, points);
    let (want, _) = reference_einsum(
        "ni,ij,nj->n",
        &[(&x, &[points, d]), (&p, &[d, d]), (&x, &[points, d])],
    );
    let (xv, pv) = (
        TensorRef::new(&x, [points, d]).unwrap(),
        TensorRef::new(&p, [d, d]).unwrap(),
    );
    let context = format!("{points} points, d = {d}");
    let owned = einsum!("ni,ij,nj->n", xv, pv, xv);
    assert_near(owned.as_slice(), &want, d * d, &context);
    let mut buffer = garbage.clone();
    einsum!(
        TensorMut::new(&mut buffer, [points]).unwrap() = "ni,ij,nj->n",
        xv,
        pv,
        xv
    );
    assert_near(&buffer, &want, d * d, &format!("= {context}"));
    let mut buffer = garbage.clone();
    einsum!(
        TensorMut::new(&mut buffer, [points]).unwrap() += "ni,ij,nj->n",
        xv,
        pv,
        xv
    );
    let plus: Vec<T> = garbage.iter().zip(&want).map(|(&g, &w)| g + w).collect();
    assert_near(&buffer, &plus, d * d, &format!("+= {context}"));
}

#[test]
fn f64_quadratic_form_tile_by_tile() {
    quadratic_form_tile_by_tile::<f64>(160);
}

#[test]
fn f32_quadratic_form_tile_by_tile() {
    quadratic_form_tile_by_tile::<f32>(170);
}

#[test]
fn i64_quadratic_form_tile_by_tile() {
    quadratic_form_tile_by_tile::<i64>(180);
}

/// At d = 260 a tile has 512 points (the fewest; 131,072 elements would make 504), so 513
/// points are a GEMM tile of 512 and a tile of one.
#[test]
fn a_wide_quadratic_form_over_the_edge_of_its_first_tile() {
    quadratic_form_three_ways::<f64>(513, 260, 200);
}

/// One GEMM tile of a quadratic form, `=` into garbage and `+=` (small enough for Miri:
/// `.ci/miri`): the result's slice for the tile, the intermediate the GEMM replaces.
#[test]
fn a_quadratic_form_tile_writes_its_positions() {
    quadratic_form_three_ways::<f64>(70, 8, 190);
}

#[test]
fn explain_shows_the_tile() {
    let text = explain!("n,ni,nj->ij", w, x, x);
    assert!(
        text.contains("tile by tile over n: at least 64 positions, 4096 elements per intermediate"),
        "{text}"
    );
    assert!(!explain!("ij,jk->ik", a, a).contains("tile by tile"));
    let text = explain!("ni,ij,nj->n", x, p, x);
    assert!(
        text.contains(
            "tile by tile over n: at least 512 positions, 131072 elements per intermediate"
        ) && text.contains("writes each tile's positions of the result"),
        "{text}"
    );
}

#[test]
fn a_tiled_index_that_is_a_batch_of_the_first_product() {
    // partial[nik] = a[nij] b[njk] (one GEMM per point), then the result sums partial[nik]
    // c[nl] over the points tile by tile: the first product's batch starts at the tile
    let text = explain!("nij,njk,nl->ikl", a, b, c);
    assert!(text.contains("tile by tile over n"), "{text}");
    for points in [5, 300] {
        check!(
            f64,
            140 + points as u64,
            "nij,njk,nl->ikl",
            points * 9,
            ([points, 9, 9]),
            ([points, 9, 9]),
            ([points, 9])
        );
    }
}

/// A GEMM tile of 512 points and a last tile of one, whose sums the loops add (small enough
/// for Miri: `.ci/miri`).
#[test]
fn a_short_last_tile_is_added_by_the_loops() {
    let (points, d) = (513, 8);
    let mut rng = rng(150);
    let w: Vec<f64> = random(&mut rng, points);
    let x: Vec<f64> = random(&mut rng, points * d);
    let (want, _) = reference_einsum(
        "n,ni,nj->ij",
        &[(&w, &[points]), (&x, &[points, d]), (&x, &[points, d])],
    );
    let x = TensorRef::new(&x, [points, d]).unwrap();
    let mut buffer: Vec<f64> = random(&mut rng, d * d);
    einsum!(
        TensorMut::new(&mut buffer, [d, d]).unwrap() = "n,ni,nj->ij",
        w,
        x,
        x
    );
    assert_near(&buffer, &want, points, "513 points, d = 8");
}
