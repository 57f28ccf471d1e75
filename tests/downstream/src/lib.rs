//! A downstream crate calling `einsum!` and `try_einsum!` in every form, from a namespace that
//! shadows the names generated code might rely on: prelude types and variants, the `core`,
//! `std` and `alloc` crates, helper-like functions and the crate's own type names. Every call
//! must still resolve to the right items, and local variables named like the generated code's
//! temporaries must not collide with them.
#![allow(dead_code, non_camel_case_types, non_snake_case, unused_macros)]

pub struct Vec;
pub enum Result {}
pub struct Option;
pub struct Some;
pub struct Ok;
pub struct Err;
pub struct Box;
pub struct String;
pub trait Iterator {}
pub trait IntoIterator {}
pub trait Add {}
pub trait Mul {}
pub trait Default {}
pub mod core {}
pub mod std {}
pub mod alloc {}
pub mod __private {}
/// Local items named like the einsum crate's own.
pub struct Tensor;
pub struct TensorRef;
pub struct TensorMut;
pub struct Scalar;
pub struct ShapeError;
pub struct Place;
pub trait Operand {}
pub trait OperandMut {}
pub fn view() {}
pub fn view_mut() {}
pub fn zeros() {}
pub fn zero() {}
pub fn tensor() {}
pub fn slot() {}
pub fn shape_panic() {}
pub fn extent_error() {}
pub fn rank_error() {}

macro_rules! panic {
    ($($t:tt)*) => {
        ::core::compile_error!("the local `panic!` was used")
    };
}
macro_rules! unreachable {
    ($($t:tt)*) => {
        ::core::compile_error!("the local `unreachable!` was used")
    };
}
macro_rules! vec {
    ($($t:tt)*) => {
        ::core::compile_error!("the local `vec!` was used")
    };
}

/// Mahalanobis distances of 2-D rows.
pub fn mahalanobis(d: &[[f64; 2]], inv: &[[f64; 2]; 2]) -> ::einsum::Tensor<f64, 1> {
    // Locals named like plausible temporaries of generated code.
    let result = 1.0;
    let view = 2.0;
    let shape = 3.0;
    let data = 4.0;
    let sum = 5.0;
    let acc = 6.0;
    let out = einsum::einsum!("ni,ij,nj->n", d, inv, d);
    let _ = (result, view, shape, data, sum, acc);
    out
}

/// The scatter matrix of 3-D rows into the caller's buffer, through a `&mut` parameter.
pub fn scatter_into(x: &[[f64; 3]], out: &mut [[f64; 3]; 3]) {
    einsum::einsum!(*out = "ni,nj->ij", x, x);
}

/// The same, naming the `&mut` parameter directly as the buffer.
pub fn scatter_into_direct(x: &[[f64; 3]], out: &mut [[f64; 3]; 3]) {
    einsum::einsum!(out = "ni,nj->ij", x, x);
}

/// Adds the weighted scatter onto the caller's buffer.
pub fn weighted_scatter_add(w: &[f64], x: &[[f64; 3]], out: &mut [[f64; 3]; 3]) {
    einsum::einsum!(*out += "n,ni,nj->ij", w, x, x);
}

/// A matrix-vector product that reports a shape mismatch with `?`.
pub fn try_matvec(
    a: &[f64],
    rows: usize,
    cols: usize,
    x: &[f64],
) -> ::core::result::Result<::einsum::Tensor<f64, 1>, ::einsum::ShapeError> {
    let a = ::einsum::TensorRef::new(a, [rows, cols])?;
    let y = einsum::try_einsum!("ij,j->i", a, x)?;
    ::core::result::Result::Ok(y)
}

/// The trace, through `try_einsum!` with a scalar output.
pub fn try_trace(
    flat: &[i64],
    shape: &[usize],
) -> ::core::result::Result<i64, ::einsum::ShapeError> {
    let m = ::einsum::DynTensorRef::new(flat, shape)?;
    einsum::try_einsum!("ii", m)
}

/// Operands named like index letters, loop variables and temporaries.
pub fn letters_as_names() -> ::einsum::Tensor<i32, 2> {
    let i = [[1, 2], [3, 4]];
    let j = [[5, 6], [7, 8]];
    let k = [1, 1];
    let n = 0usize;
    let a = einsum::einsum!("ij,jk->ik", i, j);
    let b = einsum::einsum!("ij,j->i", a, k);
    let _ = n;
    let mut c = a;
    einsum::einsum!(c += "i,j->ij", b, k);
    c
}

/// Into a `Vec` (the real one), a `TensorMut` and a `Tensor` buffer, with `=` and `+=`.
pub fn buffer_forms(x: &[[i64; 2]]) -> (::std::vec::Vec<i64>, [i64; 4], ::einsum::Tensor<i64, 2>) {
    let mut v: ::std::vec::Vec<i64> = ::std::vec![0; x.len()];
    einsum::einsum!(v = "ni->n", x);
    let mut flat = [100i64; 4];
    let mut view = ::einsum::TensorMut::new(&mut flat, [2, 2]).unwrap();
    einsum::einsum!(view += "ni,nj->ij", x, x);
    let mut t = ::einsum::Tensor::<i64, 2>::zeros([2, 2]);
    einsum::einsum!(t = "ni,nj->ji", x, x);
    let s: ::core::result::Result<(), ::einsum::ShapeError> =
        einsum::try_einsum!(t += "ni,nj->ji", x, x);
    s.unwrap();
    (v, flat, t)
}

/// `einsum!` from inside a module without the implicit prelude.
#[no_implicit_prelude]
pub mod bare {
    /// A matrix product in a module that sees no prelude at all.
    pub fn matmul(a: &[[f32; 2]; 2], b: &[[f32; 2]; 2]) -> ::einsum::Tensor<f32, 2> {
        ::einsum::einsum!("ij,jk->ik", a, b)
    }

    /// A bilinear form into a scalar buffer.
    pub fn bilinear_add(x: &[f32; 2], m: &[[f32; 2]; 2], total: &mut f32) {
        ::einsum::einsum!(*total += "i,ij,j->", x, m, x);
    }

    /// A fallible call.
    pub fn try_dot(x: &[f32], y: &[f32]) -> ::core::result::Result<f32, ::einsum::ShapeError> {
        ::einsum::try_einsum!("i,i", x, y)
    }
}

/// Generic code: the element type is a parameter named like the macro's own generics might be.
pub fn generic_outer<T: ::einsum::Scalar, const N: usize>(x: [T; N]) -> ::einsum::Tensor<T, 2> {
    einsum::einsum!("i,j->ij", x, x)
}

/// `einsum!` inside a closure and a `macro_rules!` of the caller's.
pub fn in_closure_and_macro(rows: &[[f64; 2]]) -> (f64, f64) {
    let f = |r: &[[f64; 2]]| -> f64 { einsum::einsum!("ni,ni->", r, r) };
    macro_rules! frob {
        ($s:tt, $x:expr) => {
            einsum::einsum!($s, $x, $x)
        };
    }
    let g: f64 = frob!("ij,ij->", rows);
    (f(rows), g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mahalanobis_values() {
        let d = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [2.0, -1.0]];
        let inv = [[2.0, -0.5], [-0.25, 1.0]];
        let m = mahalanobis(&d, &inv);
        // x^T A x = a00 x0^2 + (a01 + a10) x0 x1 + a11 x1^2
        ::core::assert_eq!(m.as_slice(), &[2.0, 1.0, 2.25, 8.0 + 1.5 + 1.0]);
    }

    #[test]
    fn scatter_values() {
        let x = [[1.0, 2.0, 0.0], [0.0, 1.0, -1.0]];
        let mut out = [[9.0; 3]; 3];
        scatter_into(&x, &mut out);
        ::core::assert_eq!(out, [[1.0, 2.0, 0.0], [2.0, 5.0, -1.0], [0.0, -1.0, 1.0]]);
        let mut direct = [[9.0; 3]; 3];
        scatter_into_direct(&x, &mut direct);
        ::core::assert_eq!(direct, out);
        weighted_scatter_add(&[2.0, 0.0], &x, &mut out);
        ::core::assert_eq!(out, [[3.0, 6.0, 0.0], [6.0, 13.0, -1.0], [0.0, -1.0, 1.0]]);
    }

    #[test]
    fn fallible_calls() {
        let a = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let y = try_matvec(&a, 2, 3, &[1.0, 0.0, -1.0]).unwrap();
        ::core::assert_eq!(y.as_slice(), &[-2.0, -2.0]);
        let e = try_matvec(&a, 2, 3, &[1.0, 0.0]).unwrap_err();
        ::core::assert_eq!(e.axis(), ::core::option::Option::Some('j'));
        ::core::assert_eq!(
            e.place(),
            ::core::option::Option::Some(::einsum::Place::Operand {
                position: 1,
                text: "x"
            })
        );
        ::core::assert!(try_matvec(&a, 4, 2, &[1.0]).is_err());
        ::core::assert!(try_matvec(&a, 5, 2, &[1.0, 1.0]).is_err()); // a length error
        ::core::assert_eq!(try_trace(&[1, 2, 3, 4], &[2, 2]).unwrap(), 5);
        ::core::assert!(try_trace(&[1, 2, 3, 4, 5, 6], &[2, 3]).is_err());
        ::core::assert!(try_trace(&[1, 2, 3, 4], &[4]).is_err());
    }

    #[test]
    fn names_do_not_collide() {
        let c = letters_as_names();
        // i.j = [[19, 22], [43, 50]], b = [41, 93], c += b (x) [1, 1]
        ::core::assert_eq!(c.as_slice(), &[60, 63, 136, 143]);
    }

    #[test]
    fn buffers() {
        let x = [[1, 2], [3, -1]];
        let (v, flat, t) = buffer_forms(&x);
        ::core::assert_eq!(v, [3, 2]);
        ::core::assert_eq!(flat, [110, 99, 99, 105]);
        ::core::assert_eq!(t.as_slice(), &[20, -2, -2, 10]);
    }

    #[test]
    fn no_prelude_module() {
        let a = [[1.0f32, 2.0], [3.0, 4.0]];
        ::core::assert_eq!(bare::matmul(&a, &a).as_slice(), &[7.0, 10.0, 15.0, 22.0]);
        let mut total = 1.0f32;
        bare::bilinear_add(&[1.0, -1.0], &a, &mut total);
        ::core::assert_eq!(total, 1.0 + (1.0 - 2.0 - 3.0 + 4.0));
        ::core::assert_eq!(bare::try_dot(&[1.0, 2.0], &[3.0, 4.0]).unwrap(), 11.0);
        ::core::assert!(bare::try_dot(&[1.0, 2.0], &[3.0]).is_err());
    }

    #[test]
    fn generic_and_closures() {
        ::core::assert_eq!(generic_outer([1u8, 2]).as_slice(), &[1, 2, 2, 4]);
        ::core::assert_eq!(generic_outer([1.5f64]).as_slice(), &[2.25]);
        let rows = [[1.0, 2.0], [3.0, 4.0]];
        ::core::assert_eq!(in_closure_and_macro(&rows), (30.0, 30.0));
    }

    #[test]
    #[should_panic(expected = "axis 'n' of operand 2 `d`")]
    fn panics_downstream() {
        let inv = [[1.0, 0.0], [0.0, 1.0]];
        let d: &[[f64; 2]] = &[[1.0, 0.0]];
        let e: &[[f64; 2]] = &[[1.0, 0.0], [0.0, 1.0]];
        let _ = einsum::einsum!("ni,ij,nj->n", e, inv, d);
    }
}
