//! Lists the place mentions found in a JSON Lines corpus (one object a line with `text`), most
//! frequent first, to review the matcher and grow data/geo/stopwords.tsv:
//!
//! ```text
//! cargo run --release -p marsad-geo --example mentions -- ../shared/corpus/news-dev.jsonl
//! ```

use std::collections::HashMap;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/news-dev.jsonl".into());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let g = marsad_geo::Gazetteer::embedded();
    let mut counts: HashMap<(String, String, String, String), usize> = HashMap::new();
    let mut total = 0;
    for line in text.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(body) = v.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        for m in g.find_places(body) {
            total += 1;
            let key = (
                m.text.clone(),
                m.place.name.clone(),
                m.place.country.clone(),
                m.place.feature.clone(),
            );
            *counts.entry(key).or_default() += 1;
        }
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("{total} mentions, {} distinct", rows.len());
    for ((surface, name, cc, feature), n) in rows {
        println!("{n}\t{surface}\t{name}\t{cc}\t{feature}");
    }
}
