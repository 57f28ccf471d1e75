//! The kernels that motivated the project: Mahalanobis distances and (weighted) scatter
//! matrices of Gaussian-mixture EM, and the literal subscripts `ni,ji,ni->n`, which numpy reads
//! differently from what they may be mistaken for.

mod common;

use common::{assert_close, assert_matches_reference, flat2, random, rng};
use einsum::{Tensor, TensorRef, einsum};

/// Correlated 2x2 inverse covariance; deliberately not symmetric, so that index order matters.
const INV2: [[f64; 2]; 2] = [[2.0, -0.7], [-0.3, 1.5]];

/// Correlated 3x3 inverse covariance, not symmetric.
const INV3: [[f64; 3]; 3] = [[1.8, 0.4, -0.6], [-0.2, 2.1, 0.5], [0.3, -0.9, 1.2]];

fn rows2() -> Vec<[f64; 2]> {
    vec![
        [1.0, 0.0],
        [0.0, 1.0],
        [1.0, 1.0],
        [-0.5, 2.0],
        [3.0, -1.25],
        [0.1, 0.2],
    ]
}

fn rows3() -> Vec<[f64; 3]> {
    let mut r = rng(7);
    let f: Vec<f64> = random(&mut r, 5 * 3);
    f.chunks(3).map(|c| [c[0], c[1], c[2]]).collect()
}

/// `sum_ij d_ni inv_ij d_nj`, by hand.
fn mahalanobis_hand<const D: usize>(d: &[[f64; D]], inv: &[[f64; D]; D]) -> Vec<f64> {
    d.iter()
        .map(|x| {
            let mut s = 0.0;
            for i in 0..D {
                for j in 0..D {
                    s += x[i] * inv[i][j] * x[j];
                }
            }
            s
        })
        .collect()
}

/// What numpy computes for `ni,ji,ni->n`: `sum_i d_ni^2 * sum_j inv_ji`.
fn literal_hand<const D: usize>(d: &[[f64; D]], inv: &[[f64; D]; D]) -> Vec<f64> {
    d.iter()
        .map(|x| {
            (0..D)
                .map(|i| x[i] * x[i] * (0..D).map(|j| inv[j][i]).sum::<f64>())
                .sum()
        })
        .collect()
}

#[test]
fn mahalanobis_2d_rows_as_slice_of_arrays() {
    let rows = rows2();
    let d: &[[f64; 2]] = &rows;
    let m = einsum!("ni,ij,nj->n", d, INV2, d);
    assert_eq!(m.shape(), [6]);
    assert_close(
        m.as_slice(),
        &mahalanobis_hand(d, &INV2),
        "ni,ij,nj->n (2-D)",
    );
    // The hand values for the first rows: inv_00, inv_11, the sum of all, ...
    assert_close(
        &m.as_slice()[..3],
        &[2.0, 1.5, 2.0 - 0.7 - 0.3 + 1.5],
        "first rows",
    );
    assert_matches_reference(
        "ni,ij,nj->n",
        &[
            (&flat2(d), &[6, 2]),
            (&flat2(&INV2), &[2, 2]),
            (&flat2(d), &[6, 2]),
        ],
        m.as_slice(),
        &m.shape(),
    );
}

#[test]
fn mahalanobis_3d_rows() {
    let rows = rows3();
    let m = einsum!("ni,ij,nj->n", rows, INV3, rows);
    assert_close(
        m.as_slice(),
        &mahalanobis_hand(&rows, &INV3),
        "ni,ij,nj->n (3-D)",
    );
    // Into a caller's buffer, and accumulated.
    let mut out = vec![1.0; rows.len()];
    einsum!(out = "ni,ij,nj->n", rows, INV3, rows);
    assert_close(&out, m.as_slice(), "out =");
    einsum!(out += "ni,ij,nj->n", rows, INV3, rows);
    let twice: Vec<f64> = m.as_slice().iter().map(|x| 2.0 * x).collect();
    assert_close(&out, &twice, "out +=");
}

#[test]
fn mahalanobis_runtime_dimension() {
    // d known only at run time: TensorRef over flat data.
    for (dim, flat_rows, flat_inv) in [
        (2usize, flat2(&rows2()), flat2(&INV2)),
        (3usize, flat2(&rows3()), flat2(&INV3)),
    ] {
        let n = flat_rows.len() / dim;
        let d = TensorRef::new(&flat_rows, [n, dim]).unwrap();
        let inv = TensorRef::new(&flat_inv, [dim, dim]).unwrap();
        let m = einsum!("ni,ij,nj->n", d, inv, d);
        let mut hand = vec![0.0; n];
        for (k, h) in hand.iter_mut().enumerate() {
            for i in 0..dim {
                for j in 0..dim {
                    *h += flat_rows[k * dim + i] * flat_inv[i * dim + j] * flat_rows[k * dim + j];
                }
            }
        }
        assert_close(m.as_slice(), &hand, "runtime d");
    }
}

#[test]
fn weighted_scatter() {
    let rows = rows3();
    let w = [0.5, 1.5, 0.25, 2.0, 1.0];
    let s = einsum!("n,ni,nj->ij", w, rows, rows);
    assert_eq!(s.shape(), [3, 3]);
    for i in 0..3 {
        for j in 0..3 {
            let hand: f64 = (0..5).map(|n| w[n] * rows[n][i] * rows[n][j]).sum();
            assert!((s[[i, j]] - hand).abs() < 1e-12, "({i}, {j})");
        }
    }
    // Unweighted scatter, and accumulation over two batches into one buffer.
    let u = einsum!("ni,nj->ij", rows, rows);
    let mut acc = [[0.0; 3]; 3];
    einsum!(acc += "ni,nj->ij", rows[..2], rows[..2]);
    einsum!(acc += "ni,nj->ij", rows[2..], rows[2..]);
    assert_close(acc.as_flattened(), u.as_slice(), "batched scatter");
    for i in 0..3 {
        for j in 0..3 {
            let hand: f64 = rows.iter().map(|x| x[i] * x[j]).sum();
            assert!((u[[i, j]] - hand).abs() < 1e-12);
        }
    }
    // The weighted scatter over runtime views.
    let flat = flat2(&rows);
    let x = TensorRef::new(&flat, [5, 3]).unwrap();
    let mut out = Tensor::zeros([3, 3]);
    einsum!(out = "n,ni,nj->ij", w, x, x);
    assert_close(out.as_slice(), s.as_slice(), "runtime scatter");
}

#[test]
fn literal_ni_ji_ni_is_numpys_reading() {
    let rows = rows2();
    let d: &[[f64; 2]] = &rows;
    let lit = einsum!("ni,ji,ni->n", d, INV2, d);
    let want = literal_hand(d, &INV2);
    assert_close(lit.as_slice(), &want, "ni,ji,ni->n");
    // Row [1, 1]: 1 * (inv_00 + inv_10) + 1 * (inv_01 + inv_11) = 1.7 + 0.8.
    assert!((lit[[2]] - (1.7 + 0.8)).abs() < 1e-12);
    assert_matches_reference(
        "ni,ji,ni->n",
        &[
            (&flat2(d), &[6, 2]),
            (&flat2(&INV2), &[2, 2]),
            (&flat2(d), &[6, 2]),
        ],
        lit.as_slice(),
        &lit.shape(),
    );
    // It is not the Mahalanobis form for correlated data.
    let maha = einsum!("ni,ij,nj->n", d, INV2, d);
    assert!(
        lit.as_slice()
            .iter()
            .zip(maha.as_slice())
            .any(|(a, b)| (a - b).abs() > 1e-6),
        "ni,ji,ni->n should differ from ni,ij,nj->n for a correlated inverse"
    );
    // In 3-D, too, on runtime views.
    let rows = rows3();
    let flat = flat2(&rows);
    let x = TensorRef::new(&flat, [5, 3]).unwrap();
    let lit3 = einsum!("ni,ji,ni->n", x, INV3, x);
    assert_close(
        lit3.as_slice(),
        &literal_hand(&rows, &INV3),
        "ni,ji,ni->n (3-D)",
    );
    let maha3 = einsum!("ni,ij,nj->n", x, INV3, x);
    assert!(
        lit3.as_slice()
            .iter()
            .zip(maha3.as_slice())
            .any(|(a, b)| (a - b).abs() > 1e-6)
    );
}

#[test]
fn literal_equals_mahalanobis_for_a_diagonal_inverse() {
    // With a diagonal inverse both readings agree: sum_j inv_ji = inv_ii.
    let inv = [[2.0, 0.0], [0.0, 0.5]];
    let rows = rows2();
    let lit = einsum!("ni,ji,ni->n", rows, inv, rows);
    let maha = einsum!("ni,ij,nj->n", rows, inv, rows);
    assert_close(lit.as_slice(), maha.as_slice(), "diagonal inverse");
}
