use einsum::einsum;

fn main() {
    let x = [1.0, 2.0];
    let mut v = vec![0.0];
    einsum!(v = "i,i->", x, x);
}
