use einsum::einsum;

fn main() {
    let a = [[1.0, 2.0], [3.0, 4.0]];
    let _ = einsum!(",ij->ij", a, a);
}
