//! Prints how long the embedded gazetteer takes to build on first use:
//! `cargo run --release -p marsad-geo --example loadtime`
fn main() {
    let t = std::time::Instant::now();
    let g = marsad_geo::Gazetteer::embedded();
    println!(
        "embedded gazetteer: {} places in {:?}",
        g.len(),
        t.elapsed()
    );
}
