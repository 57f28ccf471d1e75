// The buffer a call writes cannot be one of its operands: every operand is borrowed for the
// whole call, the buffer mutably. Write into another buffer, or pass a copy (`a.clone()`).
use einsum::einsum;

fn main() {
    let mut a = [[1, 2], [3, 4]];
    einsum!(a = "ij->ji", a);
}
