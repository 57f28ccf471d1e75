use einsum::einsum;

fn main() {
    let x = [[[1.0, 2.0], [3.0, 4.0]]];
    let _ = einsum!("...i...->i", x);
}
