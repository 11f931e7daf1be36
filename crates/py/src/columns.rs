//! The events table: one row per coded event, in ACLED's columns (ACLED's order, the same list as
//! `marsad events --format csv`) followed by Marsad's own, plus one row per failed document with
//! `error` set. Built column by column straight from [`DocumentResult`]s, so that Spark's
//! `mapInArrow`, Ray's `map_batches`, pandas and polars take it without a row loop in Python.
//!
//! Invariant: every column is nullable and keeps its type whatever the input; absent values are
//! nulls (the CSV export writes them as empty strings). Columns are only ever added at the end.

use std::sync::{Arc, LazyLock};

use arrow_array::builder::{
    BooleanBuilder, Float64Builder, Int32Builder, Int64Builder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use marsad::{Actor, DocumentResult, Event};

use crate::countries::country_info;

/// ACLED's columns, in ACLED's order (as crates/store's CSV export writes them).
pub const ACLED_COLUMNS: [(&str, DataType); 31] = [
    ("event_id_cnty", DataType::Utf8),
    ("event_date", DataType::Utf8),
    ("year", DataType::Int32),
    ("time_precision", DataType::Int32),
    ("disorder_type", DataType::Utf8),
    ("event_type", DataType::Utf8),
    ("sub_event_type", DataType::Utf8),
    ("actor1", DataType::Utf8),
    ("assoc_actor_1", DataType::Utf8),
    ("inter1", DataType::Int32),
    ("actor2", DataType::Utf8),
    ("assoc_actor_2", DataType::Utf8),
    ("inter2", DataType::Int32),
    ("interaction", DataType::Int32),
    ("civilian_targeting", DataType::Utf8),
    ("iso", DataType::Int32),
    ("region", DataType::Utf8),
    ("country", DataType::Utf8),
    ("admin1", DataType::Utf8),
    ("admin2", DataType::Utf8),
    ("admin3", DataType::Utf8),
    ("location", DataType::Utf8),
    ("latitude", DataType::Float64),
    ("longitude", DataType::Float64),
    ("geo_precision", DataType::Int32),
    ("source", DataType::Utf8),
    ("source_scale", DataType::Utf8),
    ("notes", DataType::Utf8),
    ("fatalities", DataType::Int32),
    ("tags", DataType::Utf8),
    ("timestamp", DataType::Int64),
];

/// Marsad's columns after ACLED's: the document, its error, the evidence with its spans
/// (characters into `article.text`), PLOVER, confidence, the cross-source cluster key, the
/// partition keys, and the whole event as JSON (the exact object of `marsad extract`).
pub const MARSAD_COLUMNS: [(&str, DataType); 22] = [
    ("id", DataType::Utf8),
    ("error", DataType::Utf8),
    ("event_index", DataType::Int32),
    ("url", DataType::Utf8),
    ("published", DataType::Utf8),
    ("country_iso2", DataType::Utf8),
    ("month", DataType::Utf8),
    ("evidence", DataType::Utf8),
    ("evidence_start", DataType::Int32),
    ("evidence_end", DataType::Int32),
    ("trigger", DataType::Utf8),
    ("trigger_start", DataType::Int32),
    ("trigger_end", DataType::Int32),
    ("plover_event", DataType::Utf8),
    ("plover_mode", DataType::Utf8),
    ("confidence", DataType::Float64),
    ("background", DataType::Boolean),
    ("actor1_id", DataType::Utf8),
    ("actor2_id", DataType::Utf8),
    ("geonameid", DataType::Int64),
    ("cluster_key", DataType::Utf8),
    ("event", DataType::Utf8),
];

/// The schema of every batch [`events_batch`] makes.
pub fn event_schema() -> SchemaRef {
    static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
        let fields: Vec<Field> = ACLED_COLUMNS
            .iter()
            .chain(MARSAD_COLUMNS.iter())
            .map(|(name, t)| Field::new(*name, t.clone(), true))
            .collect();
        Arc::new(Schema::new(fields))
    });
    SCHEMA.clone()
}

/// The events of `results` as one batch: a row per event, and a row with `error` set (and only
/// `id`, `url`, `published` besides) per failed document. Documents without events add no row.
pub fn events_batch(results: &[DocumentResult]) -> Result<RecordBatch, ArrowError> {
    let mut b = Builders::default();
    for r in results {
        if let Some(err) = &r.error {
            b.error_row(r, err);
            continue;
        }
        for (i, e) in r.events.iter().enumerate() {
            b.event_row(r, i, e);
        }
    }
    b.finish()
}

/// A stable ACLED-style event id: the country's ISO 3166-1 alpha-3 code (`XXX` when unknown) and
/// a hash of the document id and the event's position, so that re-runs give the same ids without
/// a counter shared across workers.
pub fn event_id(doc_id: &str, index: usize, iso3: Option<&str>) -> String {
    let mut key = Vec::with_capacity(doc_id.len() + 8);
    key.extend_from_slice(doc_id.as_bytes());
    key.push(0);
    key.extend_from_slice(&(index as u64).to_le_bytes());
    let h = xxhash_rust::xxh3::xxh3_64(&key);
    format!("{}{:016x}", iso3.unwrap_or("XXX"), h)
}

/// ACLED's interaction code (see [`marsad::acled::interaction`]), as Arrow's Int32.
pub fn interaction(inter1: Option<u8>, inter2: Option<u8>) -> Option<i32> {
    marsad::acled::interaction(inter1, inter2).map(i32::from)
}

/// A short English note in ACLED's manner (the wording of the store's export).
pub fn note(e: &Event) -> String {
    marsad::acled::note(
        &e.date,
        &e.sub_event_type,
        e.actor1.as_ref(),
        e.actor2.as_ref(),
        e.location.as_ref().map(|l| &l.place),
        e.fatalities,
    )
}

fn join_names(actors: &[Actor]) -> Option<String> {
    if actors.is_empty() {
        return None;
    }
    Some(
        actors
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>()
            .join("; "),
    )
}

fn to_i32(v: usize) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

#[derive(Default)]
struct Builders {
    event_id_cnty: StringBuilder,
    event_date: StringBuilder,
    year: Int32Builder,
    time_precision: Int32Builder,
    disorder_type: StringBuilder,
    event_type: StringBuilder,
    sub_event_type: StringBuilder,
    actor1: StringBuilder,
    assoc_actor_1: StringBuilder,
    inter1: Int32Builder,
    actor2: StringBuilder,
    assoc_actor_2: StringBuilder,
    inter2: Int32Builder,
    interaction: Int32Builder,
    civilian_targeting: StringBuilder,
    iso: Int32Builder,
    region: StringBuilder,
    country: StringBuilder,
    admin1: StringBuilder,
    admin2: StringBuilder,
    admin3: StringBuilder,
    location: StringBuilder,
    latitude: Float64Builder,
    longitude: Float64Builder,
    geo_precision: Int32Builder,
    source: StringBuilder,
    source_scale: StringBuilder,
    notes: StringBuilder,
    fatalities: Int32Builder,
    tags: StringBuilder,
    timestamp: Int64Builder,
    id: StringBuilder,
    error: StringBuilder,
    event_index: Int32Builder,
    url: StringBuilder,
    published: StringBuilder,
    country_iso2: StringBuilder,
    month: StringBuilder,
    evidence: StringBuilder,
    evidence_start: Int32Builder,
    evidence_end: Int32Builder,
    trigger: StringBuilder,
    trigger_start: Int32Builder,
    trigger_end: Int32Builder,
    plover_event: StringBuilder,
    plover_mode: StringBuilder,
    confidence: Float64Builder,
    background: BooleanBuilder,
    actor1_id: StringBuilder,
    actor2_id: StringBuilder,
    geonameid: Int64Builder,
    cluster_key: StringBuilder,
    event: StringBuilder,
}

impl Builders {
    fn event_row(&mut self, r: &DocumentResult, index: usize, e: &Event) {
        let place = e.location.as_ref().map(|l| &l.place);
        let iso2 = place.map(|p| p.country.as_str());
        let info = iso2.and_then(country_info);
        let inter1 = e.actor1.as_ref().map(|a| a.inter);
        let inter2 = e.actor2.as_ref().map(|a| a.inter);

        self.event_id_cnty
            .append_value(event_id(&r.id, index, info.map(|i| i.iso3.as_str())));
        self.event_date.append_value(&e.date);
        self.year
            .append_option(e.date.get(..4).and_then(|y| y.parse().ok()));
        self.time_precision
            .append_value(i32::from(e.time_precision));
        self.disorder_type.append_value(&e.disorder_type);
        self.event_type.append_value(&e.event_type);
        self.sub_event_type.append_value(&e.sub_event_type);
        self.actor1
            .append_option(e.actor1.as_ref().map(|a| a.name.as_str()));
        self.assoc_actor_1
            .append_option(join_names(&e.assoc_actor_1));
        self.inter1.append_option(inter1.map(i32::from));
        self.actor2
            .append_option(e.actor2.as_ref().map(|a| a.name.as_str()));
        self.assoc_actor_2
            .append_option(join_names(&e.assoc_actor_2));
        self.inter2.append_option(inter2.map(i32::from));
        self.interaction.append_option(interaction(inter1, inter2));
        let civilian = inter2 == Some(7) && e.event_type != "Protests";
        self.civilian_targeting
            .append_option(civilian.then_some("Civilian targeting"));
        self.iso.append_option(info.map(|i| i32::from(i.isonum)));
        self.region.append_option(info.map(|i| i.region.as_str()));
        self.country
            .append_option(info.map(|i| i.name.as_str()).or(iso2));
        self.admin1
            .append_option(place.and_then(|p| p.admin1.as_deref()));
        self.admin2
            .append_option(place.and_then(|p| p.admin2.as_deref()));
        self.admin3.append_null();
        self.location.append_option(place.map(|p| p.name.as_str()));
        self.latitude.append_option(place.map(|p| p.lat));
        self.longitude.append_option(place.map(|p| p.lon));
        self.geo_precision
            .append_option(e.location.as_ref().map(|l| i32::from(l.precision)));
        self.source.append_option(r.article.source.as_deref());
        self.source_scale.append_null();
        self.notes.append_value(note(e));
        self.fatalities.append_value(
            e.fatalities
                .map_or(0, |f| i32::try_from(f).unwrap_or(i32::MAX)),
        );
        self.tags.append_null();
        self.timestamp.append_null();

        self.id.append_value(&r.id);
        self.error.append_null();
        self.event_index.append_value(to_i32(index));
        self.url.append_option(r.article.url.as_deref());
        self.published.append_option(r.article.published.as_deref());
        self.country_iso2.append_option(iso2);
        self.month.append_option(e.date.get(..7));
        self.evidence.append_value(&e.evidence.sentence);
        self.evidence_start
            .append_value(to_i32(e.evidence.span.start));
        self.evidence_end.append_value(to_i32(e.evidence.span.end));
        self.trigger.append_value(&e.evidence.trigger.text);
        self.trigger_start
            .append_value(to_i32(e.evidence.trigger.span.start));
        self.trigger_end
            .append_value(to_i32(e.evidence.trigger.span.end));
        self.plover_event.append_value(&e.plover.event);
        self.plover_mode.append_option(e.plover.mode.as_deref());
        self.confidence.append_value(e.confidence);
        self.background.append_value(e.background);
        self.actor1_id
            .append_option(e.actor1.as_ref().map(|a| a.id.as_str()));
        self.actor2_id
            .append_option(e.actor2.as_ref().map(|a| a.id.as_str()));
        self.geonameid
            .append_option(place.and_then(|p| p.geonameid));
        self.cluster_key.append_value(e.cluster_key());
        match serde_json::to_string(e) {
            Ok(json) => self.event.append_value(json),
            Err(_) => self.event.append_null(),
        }
    }

    fn error_row(&mut self, r: &DocumentResult, err: &str) {
        for b in [
            &mut self.event_id_cnty,
            &mut self.event_date,
            &mut self.disorder_type,
            &mut self.event_type,
            &mut self.sub_event_type,
            &mut self.actor1,
            &mut self.assoc_actor_1,
            &mut self.actor2,
            &mut self.assoc_actor_2,
            &mut self.civilian_targeting,
            &mut self.region,
            &mut self.country,
            &mut self.admin1,
            &mut self.admin2,
            &mut self.admin3,
            &mut self.location,
            &mut self.source,
            &mut self.source_scale,
            &mut self.notes,
            &mut self.tags,
            &mut self.country_iso2,
            &mut self.month,
            &mut self.evidence,
            &mut self.trigger,
            &mut self.plover_event,
            &mut self.plover_mode,
            &mut self.actor1_id,
            &mut self.actor2_id,
            &mut self.cluster_key,
            &mut self.event,
        ] {
            b.append_null();
        }
        for b in [
            &mut self.year,
            &mut self.time_precision,
            &mut self.inter1,
            &mut self.inter2,
            &mut self.interaction,
            &mut self.iso,
            &mut self.geo_precision,
            &mut self.fatalities,
            &mut self.event_index,
            &mut self.evidence_start,
            &mut self.evidence_end,
            &mut self.trigger_start,
            &mut self.trigger_end,
        ] {
            b.append_null();
        }
        self.latitude.append_null();
        self.longitude.append_null();
        self.confidence.append_null();
        self.timestamp.append_null();
        self.geonameid.append_null();
        self.background.append_null();
        self.id.append_value(&r.id);
        self.error.append_value(err);
        self.url.append_option(r.article.url.as_deref());
        self.published.append_option(r.article.published.as_deref());
    }

    fn finish(mut self) -> Result<RecordBatch, ArrowError> {
        let b = &mut self;
        // In the schema's order: ACLED_COLUMNS, then MARSAD_COLUMNS.
        let columns: Vec<ArrayRef> = vec![
            Arc::new(b.event_id_cnty.finish()),
            Arc::new(b.event_date.finish()),
            Arc::new(b.year.finish()),
            Arc::new(b.time_precision.finish()),
            Arc::new(b.disorder_type.finish()),
            Arc::new(b.event_type.finish()),
            Arc::new(b.sub_event_type.finish()),
            Arc::new(b.actor1.finish()),
            Arc::new(b.assoc_actor_1.finish()),
            Arc::new(b.inter1.finish()),
            Arc::new(b.actor2.finish()),
            Arc::new(b.assoc_actor_2.finish()),
            Arc::new(b.inter2.finish()),
            Arc::new(b.interaction.finish()),
            Arc::new(b.civilian_targeting.finish()),
            Arc::new(b.iso.finish()),
            Arc::new(b.region.finish()),
            Arc::new(b.country.finish()),
            Arc::new(b.admin1.finish()),
            Arc::new(b.admin2.finish()),
            Arc::new(b.admin3.finish()),
            Arc::new(b.location.finish()),
            Arc::new(b.latitude.finish()),
            Arc::new(b.longitude.finish()),
            Arc::new(b.geo_precision.finish()),
            Arc::new(b.source.finish()),
            Arc::new(b.source_scale.finish()),
            Arc::new(b.notes.finish()),
            Arc::new(b.fatalities.finish()),
            Arc::new(b.tags.finish()),
            Arc::new(b.timestamp.finish()),
            Arc::new(b.id.finish()),
            Arc::new(b.error.finish()),
            Arc::new(b.event_index.finish()),
            Arc::new(b.url.finish()),
            Arc::new(b.published.finish()),
            Arc::new(b.country_iso2.finish()),
            Arc::new(b.month.finish()),
            Arc::new(b.evidence.finish()),
            Arc::new(b.evidence_start.finish()),
            Arc::new(b.evidence_end.finish()),
            Arc::new(b.trigger.finish()),
            Arc::new(b.trigger_start.finish()),
            Arc::new(b.trigger_end.finish()),
            Arc::new(b.plover_event.finish()),
            Arc::new(b.plover_mode.finish()),
            Arc::new(b.confidence.finish()),
            Arc::new(b.background.finish()),
            Arc::new(b.actor1_id.finish()),
            Arc::new(b.actor2_id.finish()),
            Arc::new(b.geonameid.finish()),
            Arc::new(b.cluster_key.finish()),
            Arc::new(b.event.finish()),
        ];
        RecordBatch::try_new(event_schema(), columns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::Array;
    use marsad::{Evidence, LocatedPlace, Place, Plover, Span, Trigger};

    fn event() -> Event {
        Event {
            event_type: "Explosions/Remote violence".into(),
            sub_event_type: "Air/drone strike".into(),
            disorder_type: "Political violence".into(),
            plover: Plover {
                event: "ASSAULT".into(),
                mode: Some("aerial".into()),
            },
            actor1: None,
            assoc_actor_1: vec![],
            actor2: None,
            assoc_actor_2: vec![],
            date: "2021-06-28".into(),
            time_precision: 1,
            location: None,
            fatalities: Some(3),
            background: false,
            evidence: Evidence {
                sentence: "قصفت طائرات مواقع".into(),
                span: Span::new(0, 17),
                trigger: Trigger {
                    text: "قصفت".into(),
                    span: Span::new(0, 4),
                },
            },
            confidence: 0.8,
        }
    }

    #[test]
    fn schema_has_acled_columns_first_in_order() {
        let schema = event_schema();
        let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        assert_eq!(names[0], "event_id_cnty");
        assert_eq!(names[30], "timestamp");
        assert_eq!(names.len(), ACLED_COLUMNS.len() + MARSAD_COLUMNS.len());
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "a column name is repeated");
    }

    #[test]
    fn one_row_per_event_and_per_failure() {
        let mut ok = DocumentResult {
            id: "a".into(),
            ..Default::default()
        };
        let mut located = event();
        located.location = Some(LocatedPlace {
            place: Place {
                name: "Idlib".into(),
                name_ar: None,
                lat: 35.93,
                lon: 36.63,
                country: "SY".into(),
                admin1: Some("Idlib".into()),
                admin2: Some("Idlib".into()),
                feature: "PPLA".into(),
                geonameid: Some(169389),
            },
            precision: 1,
        });
        ok.events = vec![event(), located];
        let failed = DocumentResult::failed("b", "b: binary content");
        let empty = DocumentResult {
            id: "c".into(),
            ..Default::default()
        };
        let batch = events_batch(&[ok, failed, empty]).unwrap();
        assert_eq!(batch.num_rows(), 3);
        let col = |name: &str| batch.column_by_name(name).unwrap().clone();
        let errors = col("error");
        assert_eq!(errors.null_count(), 2);
        let keys = col("cluster_key");
        let keys = keys
            .as_any()
            .downcast_ref::<arrow_array::StringArray>()
            .unwrap();
        assert_eq!(keys.value(0), "Air/drone strike|2021-06-28||");
        assert_eq!(keys.value(1), "Air/drone strike|2021-06-28|SY/Idlib|");
        assert!(keys.is_null(2));
    }

    #[test]
    fn event_ids_are_stable_and_distinct() {
        assert_eq!(event_id("a", 0, Some("SYR")), event_id("a", 0, Some("SYR")));
        assert_ne!(event_id("a", 0, None), event_id("a", 1, None));
        assert!(event_id("a", 0, None).starts_with("XXX"));
    }

    #[test]
    fn interaction_codes() {
        assert_eq!(interaction(Some(1), Some(7)), Some(17));
        assert_eq!(interaction(Some(7), Some(1)), Some(17));
        assert_eq!(interaction(Some(2), None), Some(20));
        assert_eq!(interaction(None, Some(3)), None);
    }
}
