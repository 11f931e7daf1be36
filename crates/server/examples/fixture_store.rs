//! Builds a store for the browser test and the benchmark:
//! `cargo run -p marsad-server --example fixture_store -- PATH [--synthetic N]`.
//! PATH is replaced. The store holds the hand-written fixture documents (one of them carries
//! `<script>` and `<img onerror>` in its text) and N synthetic documents with one event each.

#[path = "../tests/common/fixtures.rs"]
mod fixtures;

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: fixture_store PATH [--synthetic N]")?;
    let mut synthetic = 0usize;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--synthetic" => synthetic = args.next().ok_or("--synthetic N")?.parse()?,
            other => return Err(format!("unknown argument {other:?}").into()),
        }
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{path}{suffix}"));
    }
    let started = Instant::now();
    let mut store = marsad_store::Store::open(&path)?;
    let mut report = store.ingest(&fixtures::documents())?;
    let mut done = 0;
    while done < synthetic {
        let n = (synthetic - done).min(5000);
        let batch = fixtures::synthetic(n, 7 + done as u64);
        // distinct ids, texts and urls across batches
        let batch: Vec<_> = batch
            .into_iter()
            .enumerate()
            .map(|(i, mut d)| {
                let k = done + i;
                d.id = format!("synthetic-{k}");
                d.article.url = Some(format!("https://synthetic.example/{k}"));
                d.article.text.push_str(&format!(" ({k})"));
                d
            })
            .collect();
        report.add(&store.ingest(&batch)?);
        done += n;
        eprintln!("fixture_store: {done}/{synthetic} synthetic documents");
    }
    drop(store);
    eprintln!(
        "fixture_store: {path}: {} documents, {} new events, {} merged, in {:.1}s",
        report.added,
        report.events_new,
        report.events_merged,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
