//! The seed document (../shared/seed) and the clean corpus (../shared/corpus): read from the
//! shared data folder beside the workspace, skipped with a printed reason when it is absent.

use std::path::{Path, PathBuf};

use marsad_extract::flattened::extract_flattened_with;

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent", p.display());
        None
    }
}

#[test]
fn seed_article_is_found() {
    let Some(shared) = shared() else { return };
    let seed = std::fs::read_to_string(shared.join("seed/000_9913e4047ecd4a78.txt")).unwrap();
    let f = extract_flattened_with(&seed, &Default::default());
    let a = &f.article;
    let help = "help: the rules live in crates/extract/src/flattened/";
    assert_eq!(
        a.title.as_deref(),
        Some("ميليشيات إيران تجتمع في البوكمال لبحث القصف الأميركي على مواقعها"),
        "{help}"
    );
    assert_eq!(
        a.published.as_deref(),
        Some("2021-06-29T16:03:00+03:00"),
        "{help}"
    );
    assert_eq!(
        a.dateline.as_ref().map(|d| d.text.as_str()),
        Some("دير الزور - خاص"),
        "{help}"
    );
    assert_eq!(f.dateline_place.as_deref(), Some("دير الزور"), "{help}");
    assert!(
        a.text.starts_with("اجتمع قادة الميليشيات الإيرانية"),
        "{help}: {}",
        a.text
    );
    assert!(a.text.ends_with("في شباط الماضي."), "{help}");
    assert_eq!(a.paragraphs().count(), 6, "{help}");
    assert_eq!(
        a.author, None,
        "{help}: the font-size widget «-A» is not a byline"
    );
    for b in [
        "icon",
        "التغطية الحية",
        "3003677482.jpg",
        "+A",
        "حجم الخط",
        "-A",
    ] {
        assert!(
            a.removed.iter().any(|r| r == b),
            "{b:?} not in removed; {help}"
        );
    }
    assert!(!a.text.contains("16:03"), "{help}");
}

/// The corpus texts are clean article bodies already: extraction must keep nearly all of them.
#[test]
fn clean_bodies_are_kept() {
    let Some(shared) = shared() else { return };
    let Ok(corpus) = std::fs::read_to_string(shared.join("corpus/news-dev.jsonl")) else {
        eprintln!("skipped: corpus/news-dev.jsonl is absent");
        return;
    };
    let (mut total, mut kept, mut docs) = (0usize, 0usize, 0usize);
    let mut worst = (1.0f64, String::new());
    for line in corpus.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = v["text"].as_str().unwrap_or("");
        let a = extract_flattened_with(text, &Default::default()).article;
        let n = text.split_whitespace().count();
        let k = a.text.split_whitespace().count();
        total += n;
        kept += k;
        docs += 1;
        let share = if n == 0 { 1.0 } else { k as f64 / n as f64 };
        if share < worst.0 {
            worst = (share, v["id"].as_str().unwrap_or("").to_string());
        }
    }
    let share = kept as f64 / total.max(1) as f64;
    eprintln!(
        "news-dev: {docs} documents, {:.1}% of words kept; worst {} ({:.1}%)",
        share * 100.0,
        worst.1,
        worst.0 * 100.0
    );
    assert!(
        share >= 0.97,
        "only {:.1}% of the clean corpus kept; help: crates/extract/src/flattened/body.rs",
        share * 100.0
    );
}
