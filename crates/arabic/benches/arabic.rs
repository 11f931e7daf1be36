//! Throughput of the Arabic text layer over news text: the matching key + tokens + sentences
//! (the part every document goes through), and separately numbers + time expressions.
//!
//! Inputs: a short text (one sentence), the article of benches/news.txt (written for Marsad),
//! a long text (the article repeated to ~100 KB), and, when ../shared/corpus/news-dev.jsonl
//! exists, the concatenated texts of that corpus (read at bench time).

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use marsad_arabic::{key_into, numbers, sentences, time_expressions, tokenize_into};

const ARTICLE: &str = include_str!("news.txt");

fn corpus() -> Option<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus/news-dev.jsonl");
    let src = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(_) => {
            eprintln!("{} is absent: the corpus bench is skipped", path.display());
            return None;
        }
    };
    let mut out = String::new();
    for line in src.lines() {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
            out.push_str(t);
            out.push_str("\n\n");
        }
    }
    Some(out)
}

fn inputs() -> Vec<(&'static str, String)> {
    let short = ARTICLE.lines().next().unwrap_or(ARTICLE).to_string();
    let mut long = String::new();
    while long.len() < 100_000 {
        long.push_str(ARTICLE);
        long.push_str("\n\n");
    }
    let mut v = vec![
        ("short", short),
        ("article", ARTICLE.to_string()),
        ("long", long),
    ];
    if let Some(c) = corpus() {
        v.push(("news-dev", c));
    }
    v
}

fn text_layer(c: &mut Criterion) {
    let mut group = c.benchmark_group("key+tokens+sentences");
    for (name, text) in inputs() {
        let mut key_buf = String::with_capacity(text.len());
        let mut toks = Vec::new();
        tokenize_into(&text, &mut toks);
        let (n_tokens, n_sentences) = (toks.len(), sentences(&text).len());
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                key_buf.clear();
                key_into(black_box(&text), &mut key_buf);
                toks.clear();
                tokenize_into(black_box(&text), &mut toks);
                let s = sentences(black_box(&text));
                assert_eq!(toks.len(), n_tokens);
                assert_eq!(s.len(), n_sentences);
                assert!(!key_buf.is_empty());
            })
        });
    }
    group.finish();
}

/// Each part alone over the long text and the corpus, to see where the time goes.
fn parts(c: &mut Criterion) {
    for (name, text) in inputs() {
        if name == "long" || name == "news-dev" {
            parts_of(c, name, &text);
        }
    }
}

fn parts_of(c: &mut Criterion, name: &str, text: &str) {
    let mut group = c.benchmark_group(format!("parts-{name}"));
    group.throughput(Throughput::Bytes(text.len() as u64));
    let mut key_buf = String::with_capacity(text.len());
    group.bench_function("key", |b| {
        b.iter(|| {
            key_buf.clear();
            key_into(black_box(text), &mut key_buf);
            assert!(key_buf.len() <= text.len());
        })
    });
    let mut toks = Vec::new();
    tokenize_into(text, &mut toks);
    let n_tokens = toks.len();
    group.bench_function("tokens", |b| {
        b.iter(|| {
            toks.clear();
            tokenize_into(black_box(text), &mut toks);
            assert_eq!(toks.len(), n_tokens);
        })
    });
    let n_sentences = sentences(text).len();
    group.bench_function("sentences", |b| {
        b.iter(|| assert_eq!(sentences(black_box(text)).len(), n_sentences))
    });
    group.finish();
}

fn numbers_and_time(c: &mut Criterion) {
    let anchor = NaiveDate::from_ymd_opt(2021, 6, 29);
    let mut group = c.benchmark_group("numbers+time_expressions");
    for (name, text) in inputs() {
        let (n_numbers, n_times) = (numbers(&text).len(), time_expressions(&text, anchor).len());
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                let n = numbers(black_box(&text));
                let t = time_expressions(black_box(&text), anchor);
                assert_eq!(n.len(), n_numbers);
                assert_eq!(t.len(), n_times);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, text_layer, parts, numbers_and_time);
criterion_main!(benches);
