//! Sentences written for the project (tests/sentences.tsv), each with what the text layer must
//! find in it. One row, one check; a failure names the row and the file to fix.

mod common;

use common::{anchor, describe_numbers, describe_times, find_all, flags, time_value_string};
use marsad_arabic::{numbers, time_expressions};

const TABLE: &str = include_str!("sentences.tsv");

fn check_row(cols: &[&str]) -> Result<(), String> {
    let [sentence, anchor_s, check, want_text, rest @ ..] = cols else {
        return Err(format!("needs at least 4 columns, has {}", cols.len()));
    };
    let want_value = rest.first().copied().unwrap_or("");
    let extra: Vec<&str> = rest
        .get(1)
        .map(|e| e.split(';').filter(|s| !s.is_empty()).collect())
        .unwrap_or_default();
    let anchor = anchor(anchor_s);
    let times = time_expressions(sentence, anchor);
    let nums = numbers(sentence);
    let needle = find_all(sentence, want_text);
    if needle.is_empty() {
        return Err(format!("«{want_text}» does not occur in the sentence"));
    }
    match *check {
        "date" => {
            let Some(t) = times.iter().find(|t| t.span.slice(sentence) == *want_text) else {
                return Err(format!(
                    "no time expression «{want_text}»; got [{}]",
                    describe_times(sentence, &times)
                ));
            };
            let got = time_value_string(&t.value);
            if got != want_value {
                return Err(format!("«{want_text}»: value {got}, want {want_value}"));
            }
            for e in &extra {
                if let Some(p) = e.strip_prefix("p=") {
                    if t.precision.to_string() != p {
                        return Err(format!(
                            "«{want_text}»: precision {}, want {p}",
                            t.precision
                        ));
                    }
                } else if *e == "warn" {
                    if t.warnings.is_empty() {
                        return Err(format!("«{want_text}»: a warning was expected"));
                    }
                } else {
                    return Err(format!("unknown extra {e:?}"));
                }
            }
            if !extra.contains(&"warn") && !t.warnings.is_empty() {
                return Err(format!(
                    "«{want_text}»: unexpected warnings {:?}",
                    t.warnings
                ));
            }
        }
        "number" => {
            let Some(n) = nums.iter().find(|n| n.span.slice(sentence) == *want_text) else {
                return Err(format!(
                    "no number expression «{want_text}»; got [{}]",
                    describe_numbers(sentence, &nums)
                ));
            };
            if n.value.to_string() != want_value {
                return Err(format!(
                    "«{want_text}»: value {}, want {want_value}",
                    n.value
                ));
            }
            let mut got = flags(n);
            got.sort();
            let mut want: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
            want.sort();
            if got != want {
                return Err(format!("«{want_text}»: flags {got:?}, want {want:?}"));
            }
        }
        "no-date" => {
            for (a, b) in needle {
                if let Some(t) = times.iter().find(|t| t.span.start < b && a < t.span.end) {
                    return Err(format!(
                        "«{want_text}» must not be a date, got «{}»",
                        t.span.slice(sentence)
                    ));
                }
            }
        }
        "no-number" => {
            for (a, b) in needle {
                if let Some(n) = nums.iter().find(|n| n.span.start < b && a < n.span.end) {
                    return Err(format!(
                        "«{want_text}» must not be a count, got «{}»={}",
                        n.span.slice(sentence),
                        n.value
                    ));
                }
            }
        }
        other => return Err(format!("unknown check {other:?}")),
    }
    Ok(())
}

#[test]
fn sentences_table() {
    let mut failures = Vec::new();
    let mut rows = 0;
    for (lineno, line) in TABLE.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("sentence\t") {
            continue;
        }
        rows += 1;
        let cols: Vec<&str> = line.split('\t').collect();
        if let Err(e) = check_row(&cols) {
            failures.push(format!(
                "crates/arabic/tests/sentences.tsv:{}: {}\n    {e}",
                lineno + 1,
                cols[0]
            ));
        }
    }
    assert!(rows >= 60, "sentences.tsv has only {rows} rows");
    assert!(
        failures.is_empty(),
        "{} of {rows} rows failed (help: fix the rule in crates/arabic/src/{{numbers.rs,time/}} or the \
         lexicon in data/arabic/, or the row if it is wrong):\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{rows} rows passed");
}
