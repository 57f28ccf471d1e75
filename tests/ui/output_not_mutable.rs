use einsum::einsum;

fn main() {
    let a = [[1.0, 2.0], [3.0, 4.0]];
    let out = [[0.0; 2]; 2];
    einsum!(out += "ij->ji", a);
}
