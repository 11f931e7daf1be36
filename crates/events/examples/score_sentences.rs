//! Sentence-level detection of PLOVER ASSAULT and PROTEST on the development half of
//! ../shared/corpus/event-sentences, scored as ../shared/tools/score_event_sentences.py does:
//! positives "yes", negatives "easy no" + "difficult no", "ambiguous" left out; a sentence is
//! predicted positive when the coder yields at least one event of the file's PLOVER type. Each
//! sentence is prepared as the pipeline prepares a JSON Lines document (see `common/mod.rs`).
//!
//! The shipped filter (data/events/filter.tsv) was trained on this whole half, so these figures
//! are seen-data figures; the honest ones are the cross-validated figures printed by
//! `examples/train_filter.rs`. The `tune`/`check` split (FNV-1a of the id, even/odd) is the one
//! the rules were written against. Run from the workspace root:
//!
//! ```text
//! cargo run --release -p marsad-events --example score_sentences [-- --rules] [-- --show assault|protest [tune|check]]
//! ```
//! `--rules` scores the rules alone (no learned filter).

mod common;

use std::path::PathBuf;

use common::{fnv, load, Counts};
use marsad_events::{EventCoder, Sources};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg_after = |flag: &str, n: usize| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + n))
            .cloned()
    };
    let show = arg_after("--show", 1);
    let show_half = arg_after("--show", 2).unwrap_or_else(|| "tune".into());
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/event-sentences");
    let Some(docs) = load(&dir) else {
        println!(
            "skipped: {} is absent (../shared not checked out)",
            dir.display()
        );
        return;
    };
    let rules_only;
    let coder = if args.iter().any(|a| a == "--rules") {
        rules_only = EventCoder::build(&Sources {
            filter: "",
            ..Sources::embedded()
        })
        .expect("lexicons");
        &rules_only
    } else {
        EventCoder::embedded()
    };
    for etype in ["ASSAULT", "PROTEST"] {
        let (mut tune, mut check, mut all) =
            (Counts::default(), Counts::default(), Counts::default());
        for doc in docs.iter().filter(|d| d.etype == etype) {
            let out = coder.code(&doc.input());
            let pred = out.events.iter().any(|e| e.plover.event == etype);
            let half = if fnv(&doc.id).is_multiple_of(2) {
                "tune"
            } else {
                "check"
            };
            all.add(doc.gold, pred);
            if half == "tune" {
                &mut tune
            } else {
                &mut check
            }
            .add(doc.gold, pred);
            if show.as_deref() == Some(&etype.to_lowercase())
                && half == show_half
                && doc.gold != pred
            {
                let why: Vec<String> = out
                    .events
                    .iter()
                    .map(|e| format!("{}:{}", e.sub_event_type, e.evidence.trigger.text))
                    .collect();
                println!(
                    "{} [{}] {}\n    -> {why:?}",
                    if pred { "FP" } else { "FN" },
                    doc.label,
                    doc.raw
                );
            }
        }
        println!("{etype}");
        println!("  {}", tune.line("tune"));
        println!("  {}", check.line("check"));
        println!("  {}", all.line("all"));
    }
}
