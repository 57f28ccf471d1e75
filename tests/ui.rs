//! Compile errors are part of the interface: each case in `tests/ui/` pins the message and the
//! span the compiler shows for one kind of mistake.

#[test]
fn bad_subscripts_are_compile_errors() {
    trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
}
