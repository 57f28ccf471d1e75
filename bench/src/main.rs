//! The Rust side of `./bench/compare`: reads the data the script generated, checks every
//! variant against numpy's and scikit-learn's results, and prints `key: value` lines of the
//! shortest times in seconds.
//!
//! - `px`: the seed's density kernel for one component (centre, `ni,ij,nj->n`, exp and
//!   normalisation) by `einsum!`, by the hand loop with the same passes, by a fused hand
//!   loop, and by `ndarray_einsum`.
//! - `musig`: the seed's weighted mean and covariance (`n,ni->i`, then `ni,nj->ij` over
//!   weighted centred points), the same ways.
//! - `em_iter_{full,diag}`: one EM iteration of `gmm` from the script's initial parameters,
//!   as the cost of 11 iterations less the cost of 1 over 10 (the setup of a fit cancels), and
//!   `em_fit1_{full,diag}`: a whole `fit` with `max_iter(1)`, setup included.
//! - `em_iter_{full,diag}_d{2,4,8,16,32,64}`: one EM iteration at each dimension (the script's
//!   50,000 points and 20 components), as the cost of 6 iterations less the cost of 1 over 5.
//! - `fit_default`: a fit with every default (k-means initialisation, EM to convergence) of
//!   the script's 1,000,000 2-D points with 50 components, and its lower bound.
//! - `{einsum,faer}_*`: matrix products in disguise (matmul, batched matmul, the quadratic
//!   form and the scatter matrix) by `einsum!` and by faer (`products.rs`).
//!
//! `compare DIR` (run by `./bench/compare`); `compare DIR --em-only` times the seed's kernels
//! and the EM iteration on the 2-D points only; `compare DIR --dimensions` the EM iteration
//! at every dimension only; `compare DIR --fit-default` the default fit only;
//! `compare --products` the matrix products alone.

mod products;

use einsum::einsum;
use gmm::{CovarianceType, GaussianMixture, flat_rows};
use ndarray::{Array1, Array2, ArrayD, Axis};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The data and initial parameters the script wrote.
struct Data {
    points: Vec<[f64; 2]>,
    intensity: Vec<f64>,
    weights: Vec<f64>,
    means: Vec<[f64; 2]>,
    precisions_full: Vec<f64>,
    precisions_diag: Vec<f64>,
}

fn read_f64(dir: &Path, name: &str) -> Result<Vec<f64>, String> {
    let path = dir.join(format!("{name}.f64"));
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    if bytes.len() % 8 != 0 {
        return Err(format!("{}: not a whole number of f64", path.display()));
    }
    Ok(bytes
        .chunks_exact(8)
        .map(|b| f64::from_le_bytes(b.try_into().expect("8 bytes")))
        .collect())
}

fn pairs(flat: &[f64]) -> Vec<[f64; 2]> {
    flat.chunks_exact(2).map(|p| [p[0], p[1]]).collect()
}

impl Data {
    fn read(dir: &Path) -> Result<Self, String> {
        let data = Data {
            points: pairs(&read_f64(dir, "points")?),
            intensity: read_f64(dir, "intensity")?,
            weights: read_f64(dir, "weights")?,
            means: pairs(&read_f64(dir, "means")?),
            precisions_full: read_f64(dir, "precisions_full")?,
            precisions_diag: read_f64(dir, "precisions_diag")?,
        };
        let k = data.weights.len();
        let consistent = data.points.len() == data.intensity.len()
            && data.means.len() == k
            && data.precisions_full.len() == 4 * k
            && data.precisions_diag.len() == 2 * k;
        consistent
            .then_some(data)
            .ok_or_else(|| format!("{}: arrays of inconsistent sizes", dir.display()))
    }
}

/// A named computation to time.
type Timed<'a> = (&'static str, Box<dyn FnMut() + 'a>);

/// The shortest wall time of each variant over `repeats` rounds of one call of each in turn.
/// The machine is shared: the shortest run is the one least disturbed by other processes, and
/// taking turns spreads a burst of load over every variant (the Python side also keeps the
/// shortest run).
fn best_seconds_round_robin(
    repeats: usize,
    mut variants: Vec<Timed<'_>>,
) -> Vec<(&'static str, f64)> {
    let mut best = vec![f64::INFINITY; variants.len()];
    for round in 0..repeats {
        // Every other round in reverse: whichever variant comes first (after the last one,
        // which leaves the caches full of its own data) runs slower, by up to 8 % for px.
        let mut order: Vec<usize> = (0..variants.len()).collect();
        if round % 2 == 1 {
            order.reverse();
        }
        for v in order {
            let run = &mut variants[v].1;
            // An untimed call first, so that every timed call finds its own data in the
            // caches, not whatever the variant before it left there.
            run();
            let start = Instant::now();
            run();
            let seconds = start.elapsed().as_secs_f64();
            best[v] = best[v].min(seconds);
        }
    }
    variants.iter().map(|(name, _)| *name).zip(best).collect()
}

/// Checks `got` against `want` to `tolerance` of `want`'s largest magnitude.
fn check(what: &str, got: &[f64], want: &[f64], tolerance: f64) -> Result<(), String> {
    let scale = want.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    if got.len() != want.len() {
        return Err(format!(
            "{what}: {} values, the reference {}",
            got.len(),
            want.len()
        ));
    }
    match got
        .iter()
        .zip(want)
        .position(|(g, w)| (g - w).abs() > tolerance * scale)
    {
        None => Ok(()),
        Some(at) => Err(format!(
            "{what}: {} at {at}, the reference {}",
            got[at], want[at]
        )),
    }
}

// ---- px: the density of one component -------------------------------------------------------

/// What every px variant needs: the component's mean, inverse covariance and normaliser.
struct Component {
    mean: [f64; 2],
    inv: [[f64; 2]; 2],
    norm: f64,
}

// The passes every px variant shares are compiled once, out of line, so that the variants
// differ in their contraction only, not in how the compiler inlined and laid out the rest.
#[inline(never)]
fn centre(points: &[[f64; 2]], mean: [f64; 2], centred: &mut [[f64; 2]]) {
    for (c, x) in centred.iter_mut().zip(points) {
        *c = [x[0] - mean[0], x[1] - mean[1]];
    }
}

/// `norm e^(-q/2)` for every `q`, through `gmm`'s vectorised exponential (numpy's `exp` is
/// vectorised too; the library's, one call per value, would cost more than the contraction).
#[inline(never)]
fn normalise(q: &mut [f64], norm: f64) {
    for v in q.iter_mut() {
        *v *= -0.5;
    }
    gmm::exp_in_place(q);
    for v in q {
        *v *= norm;
    }
}

fn px_einsum(points: &[[f64; 2]], c: &Component, centred: &mut [[f64; 2]], p: &mut [f64]) {
    centre(points, c.mean, centred);
    let (centred, inv) = (&*centred, c.inv);
    einsum!(p = "ni,ij,nj->n", centred, inv, centred);
    normalise(p, c.norm);
}

/// The same passes as [`px_einsum`], the quadratic form by hand in the same loop order.
fn px_hand(points: &[[f64; 2]], c: &Component, centred: &mut [[f64; 2]], p: &mut [f64]) {
    centre(points, c.mean, centred);
    for (q, x) in p.iter_mut().zip(&*centred) {
        let mut sum = 0.0;
        for (xi, inv_row) in x.iter().zip(&c.inv) {
            let inner: f64 = inv_row.iter().zip(x).map(|(a, b)| a * b).sum();
            sum += xi * inner;
        }
        *q = sum;
    }
    normalise(p, c.norm);
}

/// Centring and quadratic form in one pass, with no buffer of centred points.
fn px_hand_fused(points: &[[f64; 2]], c: &Component, p: &mut [f64]) {
    let inv = c.inv;
    for (p, x) in p.iter_mut().zip(points) {
        let d = [x[0] - c.mean[0], x[1] - c.mean[1]];
        *p = d[0] * (inv[0][0] * d[0] + inv[0][1] * d[1])
            + d[1] * (inv[1][0] * d[0] + inv[1][1] * d[1]);
    }
    normalise(p, c.norm);
}

fn px_ndarray_einsum(
    x: &Array2<f64>,
    mean: &Array1<f64>,
    inv: &Array2<f64>,
    norm: f64,
) -> ArrayD<f64> {
    let d = x - mean;
    let mut q = ndarray_einsum::einsum("ni,ij,nj->n", &[&d, inv, &d]).expect("valid subscripts");
    normalise(q.as_slice_mut().expect("a fresh array is contiguous"), norm);
    q
}

// ---- musig: weighted mean and covariance ----------------------------------------------------

/// Buffers for the centred and the weighted centred points, reused across calls.
struct Scratch {
    centred: Vec<[f64; 2]>,
    weighted: Vec<[f64; 2]>,
}

/// `[μ0, μ1, Σ00, Σ01, Σ10, Σ11]`.
type MeanCovariance = [f64; 6];

/// Centres on `mean` and weights by `w` into the scratch buffers.
fn centre_and_weight(points: &[[f64; 2]], w: &[f64], mean: [f64; 2], s: &mut Scratch) {
    centre(points, mean, &mut s.centred);
    for ((wd, d), w) in s.weighted.iter_mut().zip(&s.centred).zip(w) {
        *wd = [w * d[0], w * d[1]];
    }
}

fn musig_einsum(points: &[[f64; 2]], w: &[f64], s: &mut Scratch) -> MeanCovariance {
    let total: f64 = einsum!("n->", w);
    let sum = einsum!("n,ni->i", w, points);
    let mean = [sum[[0]] / total, sum[[1]] / total];
    centre_and_weight(points, w, mean, s);
    let mut scatter = [[0.0; 2]; 2];
    let (weighted, centred) = (&s.weighted[..], &s.centred[..]);
    einsum!(scatter = "ni,nj->ij", weighted, centred);
    let [[a, b], [c, d]] = scatter;
    [mean[0], mean[1], a / total, b / total, c / total, d / total]
}

/// The same passes as [`musig_einsum`], each sum by hand in the same loop order.
fn musig_hand(points: &[[f64; 2]], w: &[f64], s: &mut Scratch) -> MeanCovariance {
    let total: f64 = w.iter().sum();
    let mut sum = [0.0; 2];
    for (w, x) in w.iter().zip(points) {
        for i in 0..2 {
            sum[i] += w * x[i];
        }
    }
    let mean = [sum[0] / total, sum[1] / total];
    centre_and_weight(points, w, mean, s);
    let mut scatter = [[0.0; 2]; 2];
    for (wd, d) in s.weighted.iter().zip(&s.centred) {
        for i in 0..2 {
            for j in 0..2 {
                scatter[i][j] += wd[i] * d[j];
            }
        }
    }
    let [[a, b], [c, d]] = scatter;
    [mean[0], mean[1], a / total, b / total, c / total, d / total]
}

fn musig_ndarray_einsum(x: &Array2<f64>, w: &Array1<f64>) -> MeanCovariance {
    let total = w.sum();
    let mean = ndarray_einsum::einsum("n,ni->i", &[w, x]).expect("valid subscripts") / total;
    let centred = x - &mean;
    let weighted = &centred * &w.view().insert_axis(Axis(1));
    let scatter = ndarray_einsum::einsum("ni,nj->ij", &[&weighted, &centred])
        .expect("valid subscripts")
        / total;
    let m: Vec<f64> = mean.iter().chain(scatter.iter()).copied().collect();
    m.try_into().expect("2 + 4 values")
}

// ---- one EM iteration -----------------------------------------------------------------------

fn em(data: &Data, kind: CovarianceType, max_iter: usize) -> Result<GaussianMixture<f64>, String> {
    let precisions = match kind {
        CovarianceType::Full => data.precisions_full.clone(),
        _ => data.precisions_diag.clone(),
    };
    GaussianMixture::params(data.weights.len())
        .covariance_type(kind)
        .weights_init(data.weights.clone())
        .means_init(&data.means[..])
        .precisions_init(precisions)
        .max_iter(max_iter)
        .tol(0.0)
        .fit(&data.points[..])
        .map_err(|e| format!("gmm {}: {e}", kind.name()))
}

/// One EM iteration at each of the script's dimensions, from its initial parameters, checked
/// against scikit-learn's parameters after one iteration.
fn em_dimensions(dir: &Path) -> Result<(), String> {
    let spec = std::fs::read_to_string(dir.join("dimensions.txt"))
        .map_err(|e| format!("dimensions.txt: {e}"))?;
    let numbers: Vec<usize> = spec
        .split_whitespace()
        .map(|v| v.parse().map_err(|e| format!("dimensions.txt: {e}")))
        .collect::<Result<_, _>>()?;
    let lines: Vec<&str> = spec.lines().collect();
    let first_line = lines.first().map_or(0, |l| l.split_whitespace().count());
    let (n, k, dimensions) = (numbers[0], numbers[1], &numbers[2..first_line]);
    for &d in dimensions {
        let points = read_f64(dir, &format!("d{d}_points"))?;
        let x = flat_rows(&points, d).map_err(|e| e.to_string())?;
        if x.shape() != [n, d] {
            return Err(format!("d{d}_points: not {n} x {d}"));
        }
        let weights = read_f64(dir, &format!("d{d}_weights"))?;
        let means = read_f64(dir, &format!("d{d}_means"))?;
        let means = flat_rows(&means, d).map_err(|e| e.to_string())?;
        for (kind, name) in [
            (CovarianceType::Full, "full"),
            (CovarianceType::Diag, "diag"),
        ] {
            let precisions = read_f64(dir, &format!("d{d}_precisions_{name}"))?;
            let fit = |max_iter: usize| {
                GaussianMixture::params(k)
                    .covariance_type(kind)
                    .weights_init(weights.clone())
                    .means_init(&means)
                    .precisions_init(precisions.clone())
                    .max_iter(max_iter)
                    .tol(0.0)
                    .fit(&x)
                    .map_err(|e| format!("gmm {name} d = {d}: {e}"))
            };
            let model = fit(1)?;
            for (what, got) in [
                ("weights", model.weights().to_vec()),
                ("means", model.means().data().to_vec()),
                ("covariances", model.covariances().data().to_vec()),
            ] {
                let want = read_f64(dir, &format!("sklearn_d{d}_{name}_{what}"))?;
                check(&format!("EM {name} d = {d} {what}"), &got, &want, 1e-8)?;
            }
            let times = best_seconds_round_robin(
                3,
                vec![
                    (
                        "1",
                        Box::new(|| {
                            black_box(fit(1).expect("checked above"));
                        }),
                    ),
                    (
                        "6",
                        Box::new(|| {
                            black_box(fit(6).expect("checked above"));
                        }),
                    ),
                ],
            );
            let (one, six) = (times[0].1, times[1].1);
            println!("em_iter_{name}_d{d}_s: {:.6}", (six - one) / 5.0);
        }
    }
    Ok(())
}

/// The script's default fit of its 1,000,000 2-D points, best of three.
fn fit_default(dir: &Path) -> Result<(), String> {
    let spec = std::fs::read_to_string(dir.join("dimensions.txt"))
        .map_err(|e| format!("dimensions.txt: {e}"))?;
    let numbers: Vec<usize> = spec
        .split_whitespace()
        .map(|v| v.parse().map_err(|e| format!("dimensions.txt: {e}")))
        .collect::<Result<_, _>>()?;
    let first_line = spec
        .lines()
        .next()
        .map_or(0, |l| l.split_whitespace().count());
    let (n, k) = (numbers[first_line], numbers[first_line + 1]);
    let points = read_f64(dir, "fit_points")?;
    let x = flat_rows(&points, 2).map_err(|e| e.to_string())?;
    if x.shape() != [n, 2] {
        return Err(format!("fit_points: not {n} x 2"));
    }
    let mut best = f64::INFINITY;
    let mut model = None;
    for _ in 0..3 {
        let start = Instant::now();
        let fitted = GaussianMixture::params(k)
            .fit(black_box(&x))
            .map_err(|e| format!("gmm default fit: {e}"))?;
        best = best.min(start.elapsed().as_secs_f64());
        model = Some(fitted);
    }
    let model = model.expect("three fits");
    println!("fit_default_s: {best:.6}");
    println!("fit_default_lower_bound: {:.9}", model.lower_bound());
    println!("fit_default_n_iter: {}", model.n_iter());
    Ok(())
}

fn run(dir: &Path, em_only: bool) -> Result<(), String> {
    let data = Data::read(dir)?;
    let n = data.points.len();
    let points = &data.points[..];

    // px, component 0, against numpy's px2.
    let inv_flat = &data.precisions_full[..4];
    let inv = [[inv_flat[0], inv_flat[1]], [inv_flat[2], inv_flat[3]]];
    let det = inv[0][0] * inv[1][1] - inv[0][1] * inv[1][0];
    let component = Component {
        mean: data.means[0],
        inv,
        norm: det.sqrt() / std::f64::consts::TAU,
    };
    let x_nd = Array2::from_shape_vec((n, 2), points.as_flattened().to_vec()).expect("n x 2");
    let mean_nd = Array1::from(data.means[0].to_vec());
    let inv_nd = Array2::from_shape_vec((2, 2), inv_flat.to_vec()).expect("2 x 2");
    let w_nd = Array1::from(data.intensity.clone());

    let numpy_px = read_f64(dir, "numpy_px")?;
    let mut centred = vec![[0.0; 2]; n];
    let mut p = vec![0.0; n];
    px_einsum(points, &component, &mut centred, &mut p);
    check("px einsum!", &p, &numpy_px, 1e-12)?;
    px_hand(points, &component, &mut centred, &mut p);
    check("px hand", &p, &numpy_px, 1e-12)?;
    px_hand_fused(points, &component, &mut p);
    check("px hand fused", &p, &numpy_px, 1e-12)?;
    let by_ndarray = px_ndarray_einsum(&x_nd, &mean_nd, &inv_nd, component.norm);
    check(
        "px ndarray-einsum",
        by_ndarray.as_slice().expect("standard layout"),
        &numpy_px,
        1e-12,
    )?;

    // musig, against numpy's musig2.
    let numpy_musig = read_f64(dir, "numpy_musig")?;
    let w = &data.intensity[..];
    let mut scratch = Scratch {
        centred: vec![[0.0; 2]; n],
        weighted: vec![[0.0; 2]; n],
    };
    check(
        "musig einsum!",
        &musig_einsum(points, w, &mut scratch),
        &numpy_musig,
        1e-9,
    )?;
    check(
        "musig hand",
        &musig_hand(points, w, &mut scratch),
        &numpy_musig,
        1e-9,
    )?;
    check(
        "musig ndarray-einsum",
        &musig_ndarray_einsum(&x_nd, &w_nd),
        &numpy_musig,
        1e-9,
    )?;

    // Each variant with its own buffers, all timed round-robin: a burst of load from other
    // processes then slows every variant alike instead of one of them.
    let (mut centred_hand, mut p_hand, mut p_fused) = (centred.clone(), p.clone(), p.clone());
    let mut scratch_hand = Scratch {
        centred: scratch.centred.clone(),
        weighted: scratch.weighted.clone(),
    };
    let times = best_seconds_round_robin(
        51,
        vec![
            (
                "einsum_px_s",
                Box::new(|| {
                    px_einsum(
                        black_box(points),
                        &component,
                        &mut centred,
                        black_box(&mut p),
                    )
                }),
            ),
            (
                "hand_px_s",
                Box::new(|| {
                    px_hand(
                        black_box(points),
                        &component,
                        &mut centred_hand,
                        black_box(&mut p_hand),
                    )
                }),
            ),
            (
                "hand_fused_px_s",
                Box::new(|| px_hand_fused(black_box(points), &component, black_box(&mut p_fused))),
            ),
            (
                "ndarray_einsum_px_s",
                Box::new(|| {
                    black_box(px_ndarray_einsum(
                        black_box(&x_nd),
                        &mean_nd,
                        &inv_nd,
                        component.norm,
                    ));
                }),
            ),
            (
                "einsum_musig_s",
                Box::new(|| {
                    black_box(musig_einsum(black_box(points), black_box(w), &mut scratch));
                }),
            ),
            (
                "hand_musig_s",
                Box::new(|| {
                    black_box(musig_hand(
                        black_box(points),
                        black_box(w),
                        &mut scratch_hand,
                    ));
                }),
            ),
            (
                "ndarray_einsum_musig_s",
                Box::new(|| {
                    black_box(musig_ndarray_einsum(black_box(&x_nd), black_box(&w_nd)));
                }),
            ),
        ],
    );
    for (key, seconds) in times {
        println!("{key}: {seconds:.6}");
    }

    // One EM iteration, against scikit-learn's parameters after one iteration.
    for (kind, name) in [
        (CovarianceType::Full, "full"),
        (CovarianceType::Diag, "diag"),
    ] {
        let model = em(&data, kind, 1)?;
        for (what, got) in [
            ("weights", model.weights().to_vec()),
            ("means", model.means().data().to_vec()),
            ("covariances", model.covariances().data().to_vec()),
        ] {
            let want = read_f64(dir, &format!("sklearn_{name}_{what}"))?;
            check(&format!("EM {name} {what}"), &got, &want, 1e-8)?;
        }
        let times = best_seconds_round_robin(
            7,
            vec![
                (
                    "1",
                    Box::new(|| {
                        black_box(em(&data, kind, 1).expect("checked above"));
                    }),
                ),
                (
                    "11",
                    Box::new(|| {
                        black_box(em(&data, kind, 11).expect("checked above"));
                    }),
                ),
            ],
        );
        let (one, eleven) = (times[0].1, times[1].1);
        println!("em_iter_{name}_s: {:.6}", (eleven - one) / 10.0);
        println!("em_fit1_{name}_s: {one:.6}");
    }
    if !em_only {
        em_dimensions(dir)?;
        fit_default(dir)?;
        // The contractions that are matrix products, against faer.
        for (key, seconds) in products::run()? {
            println!("{key}: {seconds:.7}");
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    // the matrix products alone need no data from the script
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == "--products")
    {
        return match products::run() {
            Ok(times) => {
                times
                    .iter()
                    .for_each(|(key, seconds)| println!("{key}: {seconds:.7}"));
                ExitCode::SUCCESS
            }
            Err(message) => {
                eprintln!("compare: {message}");
                ExitCode::FAILURE
            }
        };
    }
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!(
            "usage: compare DIR [--em-only | --dimensions | --fit-default] (the directory ./bench/compare generated)"
        );
        return ExitCode::FAILURE;
    };
    let option = std::env::args().nth(2);
    let result = match option.as_deref() {
        None => run(&dir, false),
        Some("--em-only") => run(&dir, true),
        Some("--dimensions") => em_dimensions(&dir),
        Some("--fit-default") => fit_default(&dir),
        Some(other) => Err(format!("unknown option {other}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("compare: {message}");
            ExitCode::FAILURE
        }
    }
}
