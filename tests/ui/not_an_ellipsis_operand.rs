use einsum::einsum;

fn main() {
    let s = String::from("not numbers");
    let _ = einsum!("...i->...", s);
}
