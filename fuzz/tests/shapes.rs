//! The `shapes` target's property on its committed seeds and on the inputs that once failed it,
//! on stable: `cargo test --manifest-path fuzz/Cargo.toml --test shapes`.

use einsum_fuzz::shapes::{CALLS, EXTENTS, check};

const HUGE: usize = 1 << 40;

#[test]
fn every_committed_seed_holds() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/shapes");
    let mut seeds = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        check(&std::fs::read(entry.unwrap().path()).unwrap());
        seeds += 1;
    }
    assert!(seeds >= CALLS.len(), "{seeds} seeds");
}

#[test]
fn every_call_holds_on_small_shapes_of_every_extent_up_to_three() {
    for call in 0..CALLS.len() as u8 {
        for a in 0..4u8 {
            for b in 0..4u8 {
                check(&[call, a, b, 3 - a, b, 1, 2]);
            }
        }
    }
}

/// First run: the harness counted elements from the first axis, so it expected the legal empty
/// view `[2, 2, usize::MAX / 2, 0]` (every row-major stride fits) to be refused.
#[test]
fn a_legal_empty_view_with_a_huge_axis_is_accepted() {
    check(&[0x07, 0x00, 0xbf, 0x00]);
}

/// First run: the same miscount called `[2^40, 0]` by `[2^40, 0, 0]` through `...ij,...jk->...ik`
/// (result `[2^40, 0, 0]`, no elements) an overflow, expected an error, and waited for 2^40
/// empty iterations; such calls are excluded (see `src/shapes.rs`).
#[test]
fn a_huge_empty_broadcast_is_not_run() {
    assert_eq!(EXTENTS[6], HUGE);
    check(&[0x07, 0x06, 0x00, 0x00, 0x00, 0x40, 0x06, 0x01, 0x01, 0x06]);
}

/// Overflowing results and intermediates are errors, before any loop runs.
#[test]
fn overflowing_results_are_errors() {
    check(&[6, 7, 7]); // i,j->ij over [MAX/2] and [MAX/2]
    check(&[0, 6, 0, 6]); // ij,jk->ik over [2^40, 0] and [0, 2^40]
}
