//! Query latency on a store: `cargo run --release -p marsad-store --example query_bench -- DB`.
//! Runs searches and event filters many times each and prints the median and p95 in ms.

use std::time::Instant;

use marsad_store::{EventFilter, SearchQuery, Store};

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn time<F: FnMut() -> usize>(name: &str, runs: usize, mut f: F) {
    let mut ms = Vec::with_capacity(runs);
    let mut found = 0;
    for _ in 0..runs {
        let t = Instant::now();
        found += f();
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(f64::total_cmp);
    println!(
        "{name:<44} median {:>7.2} ms  p95 {:>7.2} ms  ({} results a run)",
        percentile(&ms, 0.5),
        percentile(&ms, 0.95),
        found / runs
    );
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: query_bench DB");
    let store = Store::open_read_only(&path).expect("open the store");
    let stats = store.stats().expect("stats");
    println!(
        "store {path}: {} documents, {} events",
        stats.documents, stats.events
    );
    let runs = 50;
    for q in [
        "البوكمال",
        "غارات جوية",
        "الحوثيين",
        "مقتل",
        "الأمم المتحدة",
        "طرابلس",
    ] {
        time(&format!("search {q} (limit 20)"), runs, || {
            store
                .search(&SearchQuery::new(q))
                .map(|h| h.len())
                .unwrap_or(0)
        });
    }
    for (name, q) in [
        (
            "search مقتل since 2018-06-01",
            SearchQuery {
                since: Some("2018-06-01".into()),
                ..SearchQuery::new("مقتل")
            },
        ),
        (
            "search غارات country=SY",
            SearchQuery {
                country: Some("SY".into()),
                ..SearchQuery::new("غارات")
            },
        ),
        (
            "search الحوثيين type=Battles",
            SearchQuery {
                event_type: Some("Battles".into()),
                ..SearchQuery::new("الحوثيين")
            },
        ),
        (
            "search مقتل country=CN (a country few name)",
            SearchQuery {
                country: Some("CN".into()),
                ..SearchQuery::new("مقتل")
            },
        ),
        (
            "search مقتل type=Riots (a rare type)",
            SearchQuery {
                event_type: Some("Riots".into()),
                ..SearchQuery::new("مقتل")
            },
        ),
        (
            "search مقتل SY Battles 2018-06-01..2018-06-30",
            SearchQuery {
                country: Some("SY".into()),
                event_type: Some("Battles".into()),
                since: Some("2018-06-01".into()),
                until: Some("2018-06-30".into()),
                ..SearchQuery::new("مقتل")
            },
        ),
    ] {
        time(&format!("{name} (limit 20)"), runs, || {
            store.search(&q).map(|h| h.len()).unwrap_or(0)
        });
    }
    let filters: Vec<(&str, EventFilter)> = vec![
        (
            "events limit 100",
            EventFilter {
                limit: Some(100),
                ..Default::default()
            },
        ),
        (
            "events country=SY limit 100",
            EventFilter {
                country: Some("SY".into()),
                limit: Some(100),
                ..Default::default()
            },
        ),
        (
            "events type=Battles since 2018-06-01 limit 100",
            EventFilter {
                event_type: Some("Battles".into()),
                since: Some("2018-06-01".into()),
                limit: Some(100),
                ..Default::default()
            },
        ),
        (
            "events actor=houthi limit 100",
            EventFilter {
                actor: Some("houthi".into()),
                limit: Some(100),
                ..Default::default()
            },
        ),
        (
            "events admin1=Idleb (ACLED's and GeoNames' spelling) limit 100",
            EventFilter {
                admin1: Some("Idleb".into()),
                limit: Some(100),
                ..Default::default()
            },
        ),
    ];
    for (name, f) in &filters {
        time(name, runs, || store.events(f).map(|e| e.len()).unwrap_or(0));
    }
}
