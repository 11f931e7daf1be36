//! Exports: CSV with ACLED's columns in ACLED's order and Marsad's own after them, JSON Lines,
//! and GeoJSON points with the same properties.

use std::io::Write;

use serde_json::{json, Value};

use crate::EventRecord;

/// ACLED's columns, in ACLED's order.
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

/// Marsad's columns after ACLED's.
pub const MARSAD_COLUMNS: [&str; 7] = [
    "source_urls",
    "n_sources",
    "evidence",
    "confidence",
    "plover_event",
    "plover_mode",
    "background",
];

fn join_names(actors: &[marsad::Actor]) -> String {
    actors
        .iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

fn unique_join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for i in items {
        if !i.is_empty() && !seen.contains(&i) {
            seen.push(i);
        }
    }
    seen.join("; ")
}

/// A short English note in ACLED's manner, built from the coded fields.
fn note(e: &EventRecord) -> String {
    marsad::acled::note(
        &e.event_date,
        &e.sub_event_type,
        e.actor1.as_ref(),
        e.actor2.as_ref(),
        e.location.as_ref().map(|l| &l.place),
        e.fatalities,
    )
}

/// The values of one event, in ACLED's then Marsad's column order.
pub fn row(e: &EventRecord) -> Vec<(&'static str, Value)> {
    let place = e.location.as_ref().map(|l| &l.place);
    let s = |v: Option<&str>| Value::String(v.unwrap_or("").to_string());
    let opt_num = |v: Option<f64>| v.map(|x| json!(x)).unwrap_or(Value::String(String::new()));
    vec![
        ("event_id_cnty", json!(e.event_id_cnty)),
        ("event_date", json!(e.event_date)),
        ("year", json!(e.year)),
        ("time_precision", json!(e.time_precision)),
        ("disorder_type", json!(e.disorder_type)),
        ("event_type", json!(e.event_type)),
        ("sub_event_type", json!(e.sub_event_type)),
        ("actor1", s(e.actor1.as_ref().map(|a| a.name.as_str()))),
        ("assoc_actor_1", json!(join_names(&e.assoc_actor_1))),
        (
            "inter1",
            e.actor1
                .as_ref()
                .map(|a| json!(a.inter))
                .unwrap_or(json!("")),
        ),
        ("actor2", s(e.actor2.as_ref().map(|a| a.name.as_str()))),
        ("assoc_actor_2", json!(join_names(&e.assoc_actor_2))),
        (
            "inter2",
            e.actor2
                .as_ref()
                .map(|a| json!(a.inter))
                .unwrap_or(json!("")),
        ),
        (
            "interaction",
            e.interaction.map(|i| json!(i)).unwrap_or(json!("")),
        ),
        (
            "civilian_targeting",
            json!(if e.civilian_targeting {
                "Civilian targeting"
            } else {
                ""
            }),
        ),
        ("iso", e.iso.map(|i| json!(i)).unwrap_or(json!(""))),
        ("region", s(e.region.as_deref())),
        ("country", s(e.country.as_deref())),
        ("admin1", s(place.and_then(|p| p.admin1.as_deref()))),
        ("admin2", s(place.and_then(|p| p.admin2.as_deref()))),
        ("admin3", json!("")),
        ("location", s(place.map(|p| p.name.as_str()))),
        ("latitude", opt_num(place.map(|p| p.lat))),
        ("longitude", opt_num(place.map(|p| p.lon))),
        (
            "geo_precision",
            e.location
                .as_ref()
                .map(|l| json!(l.precision))
                .unwrap_or(json!("")),
        ),
        (
            "source",
            json!(unique_join(
                e.sources.iter().map(|s| s.source.as_deref().unwrap_or(""))
            )),
        ),
        ("source_scale", json!("")),
        ("notes", json!(note(e))),
        ("fatalities", json!(e.fatalities.unwrap_or(0))),
        ("tags", json!("")),
        ("timestamp", json!(e.timestamp)),
        (
            "source_urls",
            json!(unique_join(
                e.sources.iter().map(|s| s.url.as_deref().unwrap_or(""))
            )),
        ),
        ("n_sources", json!(e.n_sources)),
        (
            "evidence",
            json!(e.sources.first().map(|s| s.sentence.as_str()).unwrap_or("")),
        ),
        (
            "confidence",
            json!((e.confidence * 1000.0).round() / 1000.0),
        ),
        ("plover_event", json!(e.plover.event)),
        ("plover_mode", s(e.plover.mode.as_deref())),
        ("background", json!(e.background)),
    ]
}

fn csv_field(v: &Value) -> String {
    let raw = match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    if raw.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", raw.replace('"', "\"\""))
    } else {
        raw
    }
}

/// CSV: a header line, then one line per event.
pub fn write_csv(out: &mut impl Write, events: &[EventRecord]) -> std::io::Result<()> {
    let header: Vec<&str> = ACLED_COLUMNS
        .iter()
        .chain(MARSAD_COLUMNS.iter())
        .copied()
        .collect();
    writeln!(out, "{}", header.join(","))?;
    for e in events {
        let line: Vec<String> = row(e).iter().map(|(_, v)| csv_field(v)).collect();
        writeln!(out, "{}", line.join(","))?;
    }
    Ok(())
}

/// JSON Lines: one event record a line, sources included.
pub fn write_jsonl(out: &mut impl Write, events: &[EventRecord]) -> std::io::Result<()> {
    for e in events {
        serde_json::to_writer(&mut *out, e)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// GeoJSON FeatureCollection of points (events without a location are left out and counted in
/// the collection's `skipped_without_location`).
pub fn write_geojson(out: &mut impl Write, events: &[EventRecord]) -> std::io::Result<()> {
    // written feature by feature (no tree of the whole collection), with the keys in the
    // order serde_json's maps give them (sorted), as the collection was written before
    out.write_all(b"{\"features\":[")?;
    let mut skipped = 0;
    let mut first = true;
    for e in events {
        let Some(l) = &e.location else {
            skipped += 1;
            continue;
        };
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        let props: std::collections::BTreeMap<&str, Value> = row(e).into_iter().collect();
        write!(out, "{{\"geometry\":")?;
        serde_json::to_writer(
            &mut *out,
            &json!({ "coordinates": [l.place.lon, l.place.lat], "type": "Point" }),
        )?;
        write!(out, ",\"id\":{},\"properties\":", e.id)?;
        serde_json::to_writer(&mut *out, &props)?;
        out.write_all(b",\"type\":\"Feature\"}")?;
    }
    writeln!(
        out,
        "],\"skipped_without_location\":{skipped},\"type\":\"FeatureCollection\"}}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it() {
        assert_eq!(csv_field(&json!("a,b")), "\"a,b\"");
        assert_eq!(csv_field(&json!("say \"x\"")), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field(&json!(3)), "3");
    }

    #[test]
    fn columns_in_acled_order() {
        assert_eq!(ACLED_COLUMNS[0], "event_id_cnty");
        assert_eq!(ACLED_COLUMNS[30], "timestamp");
    }
}
