//! Golden tests for flattened text: every `fixtures/extract/<case>/input.txt` is extracted and
//! compared with `expected.json` beside it. `MARSAD_BLESS=1 cargo test -p marsad-extract --test
//! golden` rewrites the expectations; review their diff like code.

use std::path::{Path, PathBuf};

use marsad_extract::flattened::extract_flattened_with;
use serde_json::{json, Value};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/extract")
}

fn got(input: &str) -> Value {
    let f = extract_flattened_with(input, &Default::default());
    let a = &f.article;
    json!({
        "title": a.title,
        "published": a.published,
        "author": a.author,
        "dateline": a.dateline.as_ref().map(|d| &d.text),
        "dateline_place": f.dateline_place,
        "warnings": f.warnings,
        "text": a.text.split("\n\n").filter(|p| !p.is_empty()).collect::<Vec<_>>(),
        "removed": a.removed,
    })
}

/// Field by field, and line by line for lists, what differs.
fn diff(expected: &Value, got: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let (Some(e), Some(g)) = (expected.as_object(), got.as_object()) else {
        return vec![format!("expected {expected}\n     got {got}")];
    };
    for (k, gv) in g {
        let ev = e.get(k).unwrap_or(&Value::Null);
        if ev == gv {
            continue;
        }
        match (ev.as_array(), gv.as_array()) {
            (Some(ea), Some(ga)) => {
                for l in ea.iter().filter(|l| !ga.contains(l)) {
                    out.push(format!("{k}: - {l}"));
                }
                for l in ga.iter().filter(|l| !ea.contains(l)) {
                    out.push(format!("{k}: + {l}"));
                }
                if out.is_empty() {
                    out.push(format!("{k}: same lines, different order"));
                }
            }
            _ => out.push(format!(
                "{k}: expected {ev}\n{:width$}     got {gv}",
                "",
                width = k.len()
            )),
        }
    }
    out
}

#[test]
fn flattened_pages_match_their_expectations() {
    let bless = std::env::var_os("MARSAD_BLESS").is_some();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("fixtures/extract is part of the repository")
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("input.txt").exists())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 7,
        "expected the outlet fixtures in fixtures/extract"
    );
    let mut failures = Vec::new();
    for case in cases {
        let input = std::fs::read_to_string(case.join("input.txt")).unwrap();
        let got = got(&input);
        let path = case.join("expected.json");
        if bless {
            std::fs::write(&path, serde_json::to_string_pretty(&got).unwrap() + "\n").unwrap();
            continue;
        }
        let expected: Value = match std::fs::read_to_string(&path) {
            Ok(s) => serde_json::from_str(&s).unwrap(),
            Err(_) => {
                failures.push(format!(
                    "{}: no expected.json (run with MARSAD_BLESS=1)",
                    case.display()
                ));
                continue;
            }
        };
        let d = diff(&expected, &got);
        if !d.is_empty() {
            failures.push(format!("{}:\n  {}", case.display(), d.join("\n  ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\nhelp: the rules live in crates/extract/src/flattened/; if the change is right, \
         rerun with MARSAD_BLESS=1 and review the diff of fixtures/extract",
        failures.join("\n")
    );
}
