//! The store's share of ingest, without the pipeline:
//! `cargo run --release -p marsad-store --example ingest_bench -- RESULTS.jsonl DB N [BATCH [FROM]]`.
//!
//! RESULTS.jsonl is what `marsad extract --format jsonl` prints. The results are written N times
//! over in all (each copy with another id, URL and last word, so that none is a duplicate), in
//! transactions of BATCH documents (512), as `marsad ingest` writes them; FROM (0) numbers the
//! first copy, so that a store made by a run grows by the next. Prints the writer's CPU
//! time per document (its own thread's, so that other work on the machine counts less), the
//! documents/s of the writes alone and the bytes per document on disk.

use std::io::BufRead;
use std::time::Instant;

/// CPU seconds (user and system) of the calling thread.
fn thread_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let tick = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (tick(11) + tick(12)) / 100.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: ingest_bench RESULTS.jsonl DB N [BATCH [FROM]]");
        std::process::exit(2);
    }
    let file = std::fs::File::open(&args[1]).expect("open the results");
    let base: Vec<marsad::DocumentResult> = std::io::BufReader::new(file)
        .lines()
        .map(|l| serde_json::from_str(&l.expect("read a line")).expect("a result per line"))
        .collect();
    assert!(!base.is_empty(), "no results in {}", args[1]);
    let n: usize = args[3].parse().expect("N");
    let batch: usize = args.get(4).map_or(512, |b| b.parse().expect("BATCH"));
    let from: usize = args.get(5).map_or(0, |f| f.parse().expect("FROM"));
    let mut store = marsad_store::Store::open(&args[2]).expect("open the store");
    let (mut cpu, mut wall) = (0.0, 0.0);
    let mut i = from;
    while i < from + n {
        let mut chunk = Vec::with_capacity(batch);
        while chunk.len() < batch && i < from + n {
            let mut r = base[i % base.len()].clone();
            let copy = i / base.len();
            r.id = format!("{}~{copy}", r.id);
            r.article.url = r.article.url.map(|u| format!("{u}~{copy}"));
            r.article.text.push_str(&format!(" {copy}"));
            chunk.push(r);
            i += 1;
        }
        let (t, c) = (Instant::now(), thread_cpu());
        store.ingest(&chunk).expect("ingest");
        cpu += thread_cpu() - c;
        wall += t.elapsed().as_secs_f64();
    }
    drop(store);
    let db = &args[2];
    let size: u64 = [db.clone(), format!("{db}-wal")]
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let n = n.max(1) as f64;
    println!(
        "{n} documents: writer CPU {:.3} ms/document, {:.0} documents/s written; {:.0} bytes/document on disk",
        1000.0 * cpu / n,
        n / wall,
        size as f64 / n
    );
}
