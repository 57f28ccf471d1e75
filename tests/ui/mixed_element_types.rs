use einsum::einsum;

fn main() {
    let a = [[1.0f64, 2.0], [3.0, 4.0]];
    let b = [[1.0f32, 2.0], [3.0, 4.0]];
    let _ = einsum!("ij,jk->ik", a, b);
}
