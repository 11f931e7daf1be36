//! `GET /api/events?format=columns`: event summaries as columns, for a map that draws tens of
//! thousands of events from one response.
//!
//! Each field is one array (`columns.date[i]` is the date of the `i`-th event). Text fields
//! repeat (a few types, places and actors over thousands of events), so they are sent as numbers
//! into `values[field]`; a missing text is `null`. Coordinates are rounded to 5 decimals (about
//! a metre), which a map cannot show anyway; `/api/events/{id}` has them in full.

use std::collections::{BTreeMap, HashMap};

use marsad_store::EventSummary;
use serde::Serialize;

/// The body of `format=columns`.
#[derive(Debug, Serialize)]
pub struct Columns {
    total: Option<i64>,
    limit: usize,
    offset: usize,
    /// How many events this page holds (the length of every column).
    count: usize,
    columns: BTreeMap<&'static str, Column>,
    values: BTreeMap<&'static str, Vec<String>>,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Column {
    Ints(Vec<i64>),
    OptInts(Vec<Option<u32>>),
    Floats(Vec<Option<f64>>),
    Lists(Vec<Vec<i64>>),
}

type TextField = fn(&EventSummary) -> Option<&str>;

/// The text fields, each sent as numbers into its own list of values.
const TEXT_FIELDS: [(&str, TextField); 12] = [
    ("date", |e| Some(&e.date)),
    ("event_type", |e| Some(&e.event_type)),
    ("sub_event_type", |e| Some(&e.sub_event_type)),
    ("plover", |e| Some(&e.plover)),
    ("place", |e| e.place.as_deref()),
    ("place_ar", |e| e.place_ar.as_deref()),
    ("country", |e| e.country.as_deref()),
    ("admin1", |e| e.admin1.as_deref()),
    ("actor1", |e| e.actor1.as_deref()),
    ("actor1_ar", |e| e.actor1_ar.as_deref()),
    ("actor2", |e| e.actor2.as_deref()),
    ("actor2_ar", |e| e.actor2_ar.as_deref()),
];

/// Distinct values of one text field, numbered in order of first appearance.
#[derive(Default)]
struct Dictionary<'a> {
    values: Vec<&'a str>,
    codes: HashMap<&'a str, u32>,
}

impl<'a> Dictionary<'a> {
    fn code(&mut self, v: Option<&'a str>) -> Option<u32> {
        let v = v?;
        if let Some(&c) = self.codes.get(v) {
            return Some(c);
        }
        let c = self.values.len() as u32;
        self.values.push(v);
        self.codes.insert(v, c);
        Some(c)
    }
}

fn round5(v: Option<f64>) -> Option<f64> {
    v.map(|x| (x * 1e5).round() / 1e5)
}

impl Columns {
    pub fn new(total: Option<i64>, limit: usize, offset: usize, events: &[EventSummary]) -> Self {
        let mut columns = BTreeMap::new();
        let mut values = BTreeMap::new();
        columns.insert("id", Column::Ints(events.iter().map(|e| e.id).collect()));
        columns.insert(
            "lat",
            Column::Floats(events.iter().map(|e| round5(e.lat)).collect()),
        );
        columns.insert(
            "lon",
            Column::Floats(events.iter().map(|e| round5(e.lon)).collect()),
        );
        columns.insert(
            "fatalities",
            Column::OptInts(events.iter().map(|e| e.fatalities).collect()),
        );
        columns.insert(
            "n_sources",
            Column::Ints(events.iter().map(|e| i64::from(e.n_sources)).collect()),
        );
        columns.insert(
            "documents",
            Column::Lists(events.iter().map(|e| e.documents.clone()).collect()),
        );
        for (name, field) in TEXT_FIELDS {
            let mut dict = Dictionary::default();
            let codes = events.iter().map(|e| dict.code(field(e))).collect();
            columns.insert(name, Column::OptInts(codes));
            values.insert(name, dict.values.iter().map(|v| v.to_string()).collect());
        }
        Columns {
            total,
            limit,
            offset,
            count: events.len(),
            columns,
            values,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(id: i64, place: Option<&str>) -> EventSummary {
        EventSummary {
            id,
            date: "2024-03-01".into(),
            event_type: "Protests".into(),
            sub_event_type: "Peaceful protest".into(),
            plover: "PROTEST".into(),
            lat: place.map(|_| 36.123456789),
            lon: place.map(|_| 37.1),
            place: place.map(str::to_string),
            place_ar: None,
            country: Some("SY".into()),
            admin1: None,
            actor1: None,
            actor1_ar: None,
            actor2: None,
            actor2_ar: None,
            fatalities: Some(2),
            n_sources: 1,
            documents: vec![id * 10],
        }
    }

    #[test]
    fn text_fields_are_numbers_into_their_values() {
        let events = [
            summary(1, Some("Aleppo")),
            summary(2, None),
            summary(3, Some("Idlib")),
            summary(4, Some("Aleppo")),
        ];
        let v = serde_json::to_value(Columns::new(Some(9), 100, 0, &events)).unwrap();
        assert_eq!(v["count"], 4);
        assert_eq!(v["columns"]["id"], serde_json::json!([1, 2, 3, 4]));
        assert_eq!(v["columns"]["place"], serde_json::json!([0, null, 1, 0]));
        assert_eq!(v["values"]["place"], serde_json::json!(["Aleppo", "Idlib"]));
        assert_eq!(v["columns"]["date"], serde_json::json!([0, 0, 0, 0]));
        assert_eq!(v["values"]["actor1"], serde_json::json!([]));
        assert_eq!(v["columns"]["lat"][0], 36.12346);
        assert_eq!(v["columns"]["lat"][1], serde_json::Value::Null);
        assert_eq!(v["columns"]["documents"][2], serde_json::json!([30]));
    }
}
