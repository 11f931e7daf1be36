//! Runs find_places over a JSON Lines corpus's texts many times (for profiling):
//! `cargo run --release -p marsad-geo --example scanloop -- ../shared/corpus/news-dev.jsonl 5`
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "../shared/corpus/news-dev.jsonl".into());
    let rounds: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let texts: Vec<String> = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text")?.as_str().map(str::to_string))
        .collect();
    let g = marsad_geo::Gazetteer::embedded();
    let bytes: usize = texts.iter().map(String::len).sum();
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for t in &texts {
            n += g.find_places(t).len();
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{} texts, {:.1} MB x {rounds}: {n} mentions, {:.1} MB/s",
        texts.len(),
        bytes as f64 / 1e6,
        (bytes * rounds) as f64 / 1e6 / s
    );
}
