//! Sentence-level detection of PLOVER ASSAULT and PROTEST on the development half of
//! ../shared/corpus/event-sentences, scored as ../shared/tools/score_event_sentences.py does:
//! positives "yes", negatives "easy no" + "difficult no", "ambiguous" left out; a sentence is
//! predicted positive when the coder yields at least one event of the file's PLOVER type.
//!
//! The dev half is split again by a hash of the sentence id: rules are tuned on the `tune` half
//! and checked on the `check` half. Run from the workspace root:
//!
//! ```text
//! cargo run --release -p marsad-events --example score_sentences [-- --show assault|protest [tune|check]]
//! ```

use std::path::PathBuf;

use marsad_events::{EventCoder, EventInput};

/// Fields of one CSV record (RFC 4180 quoting).
fn parse_csv(src: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = false,
                _ => field.push(c),
            }
        } else {
            match c {
                '"' => quoted = true,
                ',' => row.push(std::mem::take(&mut field)),
                '\n' => {
                    row.push(std::mem::take(&mut field));
                    rows.push(std::mem::take(&mut row));
                }
                '\r' => {}
                _ => field.push(c),
            }
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// FNV-1a of the id: the tune/check split.
fn half(id: &str) -> &'static str {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in id.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    if h.is_multiple_of(2) {
        "tune"
    } else {
        "check"
    }
}

#[derive(Default)]
struct Counts {
    tp: u32,
    fp: u32,
    fn_: u32,
    tn: u32,
}

impl Counts {
    fn line(&self, name: &str) -> String {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        format!(
            "{name:<6} tp {:>4} fp {:>4} fn {:>4} tn {:>5}  P {p:.3} R {r:.3} F1 {f1:.3}",
            self.tp, self.fp, self.fn_, self.tn
        )
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let show = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let show_half = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 2))
        .cloned()
        .unwrap_or_else(|| "tune".into());
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/event-sentences");
    let coder = EventCoder::embedded();
    for (file, etype) in [
        ("assault-dev.csv", "ASSAULT"),
        ("protest-dev.csv", "PROTEST"),
    ] {
        let path = dir.join(file);
        let Ok(src) = std::fs::read_to_string(&path) else {
            println!(
                "skipped: {} is absent (../shared not checked out)",
                path.display()
            );
            continue;
        };
        let rows = parse_csv(&src);
        let head = &rows[0];
        let col = |n: &str| head.iter().position(|h| h == n).expect("column");
        let (id_c, label_c, text_c) = (col("id"), col("label"), col("text"));
        let (mut tune, mut check, mut all) =
            (Counts::default(), Counts::default(), Counts::default());
        let mut confidences: Vec<(bool, bool, f64)> = Vec::new();
        for r in rows.iter().skip(1).filter(|r| r.len() > text_c) {
            let label = r[label_c].as_str();
            if label == "ambiguous" {
                continue;
            }
            let text = r[text_c].as_str();
            let sentences = marsad_arabic::sentences(text);
            let dates = marsad_arabic::time_expressions(text, None);
            let numbers = marsad_arabic::numbers(text);
            let input = EventInput {
                text,
                sentences: &sentences,
                dates: &dates,
                numbers: &numbers,
                ..EventInput::default()
            };
            let out = coder.code(&input);
            let pred = out.events.iter().any(|e| e.plover.event == etype);
            let gold = label == "yes";
            let h = half(&r[id_c]);
            let best = out
                .events
                .iter()
                .filter(|e| e.plover.event == etype)
                .map(|e| e.confidence)
                .fold(0.0, f64::max);
            confidences.push((h == "tune", gold, best));
            for c in [&mut all, if h == "tune" { &mut tune } else { &mut check }] {
                match (gold, pred) {
                    (true, true) => c.tp += 1,
                    (false, true) => c.fp += 1,
                    (true, false) => c.fn_ += 1,
                    (false, false) => c.tn += 1,
                }
            }
            if show.as_deref() == Some(&etype.to_lowercase()) && h == show_half && gold != pred {
                let why: Vec<String> = out
                    .events
                    .iter()
                    .map(|e| format!("{}:{}", e.sub_event_type, e.evidence.trigger.text))
                    .collect();
                println!(
                    "{} [{label}] {text}\n    -> {why:?}",
                    if pred { "FP" } else { "FN" }
                );
            }
        }
        println!("{etype}");
        if args.iter().any(|a| a == "--sweep") {
            for step in 0..8 {
                let t = 0.5 + step as f64 * 0.05;
                let mut c = Counts::default();
                for &(is_tune, gold, conf) in confidences.iter().filter(|x| x.0) {
                    let _ = is_tune;
                    match (gold, conf >= t) {
                        (true, true) => c.tp += 1,
                        (false, true) => c.fp += 1,
                        (true, false) => c.fn_ += 1,
                        (false, false) => c.tn += 1,
                    }
                }
                println!("  tune at confidence >= {t:.2}: {}", c.line(""));
            }
        }
        println!("  {}", tune.line("tune"));
        println!("  {}", check.line("check"));
        println!("  {}", all.line("all"));
    }
}
