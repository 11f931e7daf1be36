//! Helpers shared by the table tests.

#![allow(dead_code)]

use chrono::NaiveDate;
use marsad_arabic::{NumberExpression, TimeExpression, TimeValue};

/// `YYYY-MM-DD`, `YYYY-MM`, or `FIRST/LAST` (the form the facade prints).
pub fn time_value_string(v: &TimeValue) -> String {
    match v {
        TimeValue::Day(d) => d.format("%Y-%m-%d").to_string(),
        TimeValue::Month { year, month } => format!("{year:04}-{month:02}"),
        TimeValue::Interval(a, b) => format!("{}/{}", a.format("%Y-%m-%d"), b.format("%Y-%m-%d")),
    }
}

pub fn anchor(s: &str) -> Option<NaiveDate> {
    (s != "-").then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("anchor YYYY-MM-DD"))
}

pub fn describe_times(text: &str, ts: &[TimeExpression]) -> String {
    ts.iter()
        .map(|t| {
            format!(
                "«{}»={} p{} {:?}",
                t.span.slice(text),
                time_value_string(&t.value),
                t.precision,
                t.warnings
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn describe_numbers(text: &str, ns: &[NumberExpression]) -> String {
    ns.iter()
        .map(|n| {
            format!(
                "«{}»={} {}",
                n.span.slice(text),
                n.value,
                flags(n).join(";")
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The flags of a number as the test tables write them.
pub fn flags(n: &NumberExpression) -> Vec<String> {
    let mut f = Vec::new();
    if n.approximate {
        f.push("approximate".to_string());
    }
    if n.at_least {
        f.push("at_least".to_string());
    }
    if n.at_most {
        f.push("at_most".to_string());
    }
    if n.vague {
        f.push("vague".to_string());
    }
    if let Some(u) = n.upper {
        f.push(format!("upper={u}"));
    }
    f
}

/// The spans of `needle` in `text` (byte ranges).
pub fn find_all(text: &str, needle: &str) -> Vec<(usize, usize)> {
    text.match_indices(needle)
        .map(|(i, s)| (i, i + s.len()))
        .collect()
}
