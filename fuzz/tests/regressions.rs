//! Every finding of the fuzzer, as a test that runs on stable:
//! `cargo test --manifest-path fuzz/Cargo.toml`.

use einsum_fuzz::check_call;

/// Finding 1: an operand-count error on an empty last term pointed one character past the end of
/// the literal (`0..1` of `""`), so the compiler had no character to underline.
#[test]
fn missing_operand_for_an_empty_literal_points_inside_it() {
    check_call("", 0, 0);
}

/// Finding 1, the same error on an empty term after a trailing comma: `2..3` of `"i,"`.
#[test]
fn missing_operand_for_a_trailing_empty_term_points_inside_the_literal() {
    check_call("i,", 1, 0);
    check_call("ij,jk,", 2, 0);
}
