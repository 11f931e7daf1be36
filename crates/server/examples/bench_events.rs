//! Times `/api/events` (and the other read endpoints) on a running server:
//! `cargo run --release -p marsad-server --example bench_events -- 127.0.0.1:PORT [ROUNDS]`.
//! Requests go one at a time over loopback, a fixed number of rounds (bounded in count and
//! time); prints p50, p95 and max per request, then for all `/api/events` requests together
//! (but the map's cached `format=columns`). No `Accept-Encoding`: bodies are not compressed.

#[path = "../tests/common/http.rs"]
mod http;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

const QUERIES: [&str; 12] = [
    "/api/events",
    "/api/events?format=summary&limit=1000",
    "/api/events?format=summary&limit=1000&offset=9000",
    "/api/events?country=SY",
    "/api/events?type=Protests&since=2023-01-01",
    "/api/events?actor=Synthetic%20Actor%207&limit=50",
    "/api/events?format=geojson&limit=1000",
    "/api/events?limit=1000",
    // the map's request; answered from the server's cache after the first time (per store
    // generation), so these two are not in the /api/events summary line
    "/api/events?format=columns&limit=20000",
    "/api/events?format=columns&limit=20000&type=Protests",
    "/api/stats",
    "/api/search?q=%D8%A7%D8%B4%D8%AA%D8%A8%D8%A7%D9%83%D8%A7%D8%AA%20%D8%AD%D9%84%D8%A8&limit=20",
];

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let addr: SocketAddr = args
        .next()
        .expect("usage: bench_events HOST:PORT [ROUNDS]")
        .parse()
        .expect("an address such as 127.0.0.1:8080");
    assert!(addr.ip().is_loopback(), "benchmark loopback servers only");
    let rounds: usize = args.next().map(|r| r.parse().unwrap()).unwrap_or(40);
    let deadline = Instant::now() + Duration::from_secs(600);
    // warm the page cache and the statement caches
    for q in QUERIES {
        assert_eq!(http::get(addr, q).status, 200, "{q}");
    }
    let mut all_events = Vec::new();
    println!(
        "{:<62} {:>8} {:>8} {:>8} {:>9}",
        "request", "p50 ms", "p95 ms", "max ms", "bytes"
    );
    for q in QUERIES {
        let mut times = Vec::with_capacity(rounds);
        let mut bytes = 0;
        for _ in 0..rounds {
            if Instant::now() > deadline {
                break;
            }
            let t = Instant::now();
            let r = http::get(addr, q);
            times.push(t.elapsed());
            assert_eq!(r.status, 200, "{q}");
            bytes = r.body.len();
        }
        times.sort();
        if q.starts_with("/api/events") && !q.contains("format=columns") {
            all_events.extend_from_slice(&times);
        }
        println!(
            "{q:<62} {:>8.1} {:>8.1} {:>8.1} {bytes:>9}",
            pct(&times, 0.5),
            pct(&times, 0.95),
            pct(&times, 1.0)
        );
    }
    all_events.sort();
    println!(
        "{:<62} {:>8.1} {:>8.1} {:>8.1}",
        format!("all /api/events requests ({})", all_events.len()),
        pct(&all_events, 0.5),
        pct(&all_events, 0.95),
        pct(&all_events, 1.0)
    );
}
