//! Real Arabic news pages from ../shared/corpus/html: the right title and publication date on
//! every page that has them (ORIGINS.tsv dates, gold titles of the libraries the pages come
//! from), and the expected body of the CNN Arabic page. Skips with a reason when ../shared is
//! absent.

use std::path::{Path, PathBuf};

use marsad_core::{InputKind, RawDocument};

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/html");
    if dir.join("ORIGINS.tsv").exists() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent", dir.display());
        None
    }
}

fn extract(path: &Path) -> marsad_core::Article {
    let raw = RawDocument {
        id: path.display().to_string(),
        kind: InputKind::Html,
        content: std::fs::read(path).unwrap(),
        ..Default::default()
    };
    marsad_extract::extract(&raw).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Titles compare without quotation marks and extra spaces.
fn title_key(t: &str) -> String {
    t.chars()
        .filter(|c| !matches!(c, '"' | '«' | '»' | '“' | '”'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn gold_title(dir: &Path, page: &str) -> Option<String> {
    let json = |p: &str| -> Option<serde_json::Value> {
        serde_json::from_str(&std::fs::read_to_string(dir.join(p)).ok()?).ok()
    };
    match page {
        "AndyTheFactory+newspaper4k/arabic_article.html"
        | "codelucas+newspaper/arabic_article.html"
        | "goose3+goose3/test_cnn_arabic.html" => {
            json("AndyTheFactory+newspaper4k/arabic_article.json")
                .and_then(|v| v["title"].as_str().map(str::to_string))
        }
        "flairNLP+fundus/LBCGroup_2026_01_08.html.gz" => json("flairNLP+fundus/LBCGroup.json")
            .and_then(|v| v["V1"]["title"].as_str().map(str::to_string)),
        _ => None,
    }
}

#[test]
fn titles_and_dates_of_arabic_pages() {
    let Some(dir) = corpus() else { return };
    let origins = std::fs::read_to_string(dir.join("ORIGINS.tsv")).unwrap();
    let (mut dates, mut dates_ok, mut titles, mut titles_ok) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for line in origins.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (page, kind, date) = (cols[0], cols[4], cols[6]);
        if !kind.starts_with("html") {
            continue;
        }
        let a = extract(&dir.join(page));
        let expected_date = date.get(..10).filter(|d| d.as_bytes()[4] == b'-');
        // the fundus page's date comes from its file name; its gold JSON has the instant
        if let Some(want) = expected_date {
            dates += 1;
            let got = a.published.as_deref().unwrap_or("");
            if got.starts_with(want) {
                dates_ok += 1;
            } else {
                misses.push(format!("{page}: published {got:?}, expected {want}"));
            }
        }
        if let Some(want) = gold_title(&dir, page) {
            titles += 1;
            let got = a.title.as_deref().unwrap_or("");
            if title_key(got) == title_key(&want) {
                titles_ok += 1;
            } else {
                misses.push(format!("{page}: title {got:?}, expected {want:?}"));
            }
        }
        assert!(!a.text.is_empty(), "{page}: empty body");
    }
    println!("corpus/html: dates {dates_ok}/{dates}, titles {titles_ok}/{titles}");
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

#[test]
fn cnn_arabic_body_matches_the_expected_text() {
    let Some(dir) = corpus() else { return };
    let a = extract(&dir.join("codelucas+newspaper/arabic_article.html"));
    let want = std::fs::read_to_string(dir.join("codelucas+newspaper/arabic.txt")).unwrap();
    let got_words: std::collections::HashSet<&str> = a.text.split_whitespace().collect();
    let want_words: Vec<&str> = want.split_whitespace().collect();
    let found = want_words.iter().filter(|w| got_words.contains(*w)).count();
    let recall = found as f64 / want_words.len() as f64;
    println!("CNN Arabic body: word recall {recall:.3}");
    assert!(recall > 0.95, "recall {recall:.3}\n{}", a.text);
    assert!(a.text.starts_with("دمشق، سوريا (CNN)"), "{}", a.text);
}
