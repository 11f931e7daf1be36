//! Merging reports of one event from several articles.
//!
//! Two reports are one event when they agree: the same sub-event type; dates within a day (at
//! time precision 1), within a week (precision 2) or in the same month (precision 3); places
//! within 10 km, or the same admin2 when either is only known to precision 2 or 3; and compatible
//! actors (the same actor, or one side unknown). Reports with the same cluster key always merge.
//!
//! Fatalities of a merged event follow ACLED's conservative rule: the lowest figure any source
//! gives (a source that gives none does not count); a later, higher toll from the same article
//! has already replaced the earlier one at coding time.

use chrono::{Datelike, NaiveDate};
use marsad::Event;
use rusqlite::{params, OptionalExtension, Transaction};

use crate::ingest::{exec, query_row, upsert_actor, upsert_place, Known};
use crate::Result;

const MAX_KM: f64 = 10.0;

/// Stores `ev` as found in document `doc`; returns true when it merged into a stored event.
pub(crate) fn store_event(
    tx: &Transaction,
    known: &mut Known,
    doc: i64,
    source: Option<&str>,
    url: Option<&str>,
    ev: &Event,
) -> Result<bool> {
    let key = ev.cluster_key();
    let existing = match query_row(
        tx,
        "SELECT id FROM events WHERE cluster_key = ?1 LIMIT 1",
        [&key],
        |r| r.get::<_, i64>(0),
    )
    .optional()?
    {
        Some(id) => Some(id),
        None => find_close(tx, ev)?,
    };
    let merged = existing.is_some();
    let event_id = match existing {
        Some(id) => id,
        None => insert_event(tx, known, ev, &key)?,
    };
    // is this document new among the event's sources? (the primary key's prefix answers)
    let new_document = !merged
        || tx
            .prepare_cached(
                "SELECT 1 FROM event_sources WHERE event = ?1 AND document = ?2 LIMIT 1",
            )?
            .query_row(params![event_id, doc], |_| Ok(()))
            .optional()?
            .is_none();
    let inserted = exec(
        tx,
        "INSERT OR IGNORE INTO event_sources (event, document, source, url, sentence, start, end, trigger_text,
                                              trigger_start, trigger_end, fatalities)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            event_id,
            doc,
            source,
            url,
            ev.evidence.sentence,
            ev.evidence.span.start as i64,
            ev.evidence.span.end as i64,
            ev.evidence.trigger.text,
            ev.evidence.trigger.span.start as i64,
            ev.evidence.trigger.span.end as i64,
            ev.fatalities,
        ],
    )?;
    if merged && inserted > 0 {
        // constant work per merge, however many sources the event already has
        exec(
            tx,
            "UPDATE events SET
                n_sources = n_sources + ?2,
                fatalities = CASE WHEN ?3 IS NULL THEN fatalities
                                  WHEN fatalities IS NULL THEN ?3
                                  ELSE MIN(fatalities, ?3) END,
                confidence = MAX(confidence, ?4),
                updated_at = ?5
             WHERE id = ?1",
            params![
                event_id,
                new_document as i64,
                ev.fatalities,
                ev.confidence,
                chrono::Utc::now().timestamp()
            ],
        )?;
    }
    Ok(merged)
}

fn insert_event(tx: &Transaction, known: &mut Known, ev: &Event, key: &str) -> Result<i64> {
    let actor1 = ev
        .actor1
        .as_ref()
        .map(|a| upsert_actor(tx, known, a))
        .transpose()?;
    let actor2 = ev
        .actor2
        .as_ref()
        .map(|a| upsert_actor(tx, known, a))
        .transpose()?;
    for a in ev.assoc_actor_1.iter().chain(&ev.assoc_actor_2) {
        upsert_actor(tx, known, a)?;
    }
    let place = ev
        .location
        .as_ref()
        .map(|l| upsert_place(tx, known, &l.place))
        .transpose()?;
    exec(
        tx,
        "INSERT INTO events (cluster_key, event_date, time_precision, disorder_type, event_type, sub_event_type,
                             plover_event, plover_mode, actor1, assoc_actor_1, actor2, assoc_actor_2, place, country,
                             admin1, geo_precision, fatalities, background, confidence, n_sources, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, 1, ?20)",
        params![
            key,
            ev.date,
            ev.time_precision,
            ev.disorder_type,
            ev.event_type,
            ev.sub_event_type,
            ev.plover.event,
            ev.plover.mode,
            actor1,
            serde_json::to_string(&ev.assoc_actor_1)?,
            actor2,
            serde_json::to_string(&ev.assoc_actor_2)?,
            place,
            ev.location.as_ref().map(|l| l.place.country.clone()),
            ev.location.as_ref().and_then(|l| l.place.admin1.clone()),
            ev.location.as_ref().map(|l| l.precision),
            ev.fatalities,
            ev.background,
            ev.confidence,
            chrono::Utc::now().timestamp()
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// A stored event that agrees with `ev` (see the module's rules).
fn find_close(tx: &Transaction, ev: &Event) -> Result<Option<i64>> {
    let Ok(date) = NaiveDate::parse_from_str(&ev.date, "%Y-%m-%d") else {
        return Ok(None);
    };
    let window = match ev.time_precision {
        1 => 1,
        2 => 7,
        _ => 31,
    };
    let lo = date - chrono::Duration::days(window);
    let hi = date + chrono::Duration::days(window);
    let mut st = tx.prepare_cached(
        "SELECT e.id, e.event_date, e.time_precision, e.actor1, e.actor2, p.lat, p.lon, p.admin2, p.country,
                e.geo_precision
         FROM events e LEFT JOIN places p ON p.id = e.place
         WHERE e.sub_event_type = ?1 AND e.event_date BETWEEN ?2 AND ?3 ORDER BY e.id",
    )?;
    let rows = st.query_map(
        params![ev.sub_event_type, lo.to_string(), hi.to_string()],
        |r| {
            Ok(Candidate {
                id: r.get(0)?,
                date: r.get(1)?,
                precision: r.get(2)?,
                actor1: r.get(3)?,
                actor2: r.get(4)?,
                lat: r.get(5)?,
                lon: r.get(6)?,
                admin2: r.get(7)?,
                country: r.get(8)?,
                geo_precision: r.get(9)?,
            })
        },
    )?;
    for c in rows {
        let c = c?;
        if c.agrees_with(ev, date) {
            return Ok(Some(c.id));
        }
    }
    Ok(None)
}

struct Candidate {
    id: i64,
    date: String,
    precision: u8,
    actor1: Option<String>,
    actor2: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    admin2: Option<String>,
    country: Option<String>,
    geo_precision: Option<u8>,
}

impl Candidate {
    fn agrees_with(&self, ev: &Event, date: NaiveDate) -> bool {
        let Ok(other) = NaiveDate::parse_from_str(&self.date, "%Y-%m-%d") else {
            return false;
        };
        let dates = match ev.time_precision.max(self.precision) {
            1 => (date - other).num_days().abs() <= 1,
            2 => (date - other).num_days().abs() <= 7,
            _ => date.year() == other.year() && date.month() == other.month(),
        };
        let places = match (&ev.location, self.lat, self.lon) {
            (None, None, _) => true,
            (Some(l), Some(lat), Some(lon)) => {
                let near = km(l.place.lat, l.place.lon, lat, lon) <= MAX_KM;
                let coarse = l.precision >= 2 || self.geo_precision.unwrap_or(1) >= 2;
                let same_admin2 = l.place.admin2.is_some()
                    && l.place.admin2 == self.admin2
                    && Some(&l.place.country) == self.country.as_ref();
                near || (coarse && same_admin2)
            }
            _ => false,
        };
        let compatible = |a: Option<&str>, b: Option<&str>| a.is_none() || b.is_none() || a == b;
        dates
            && places
            && compatible(
                ev.actor1.as_ref().map(|a| a.id.as_str()),
                self.actor1.as_deref(),
            )
            && compatible(
                ev.actor2.as_ref().map(|a| a.id.as_str()),
                self.actor2.as_deref(),
            )
    }
}

/// Great-circle distance in km.
pub fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = ((lat2 - lat1).to_radians(), (lon2 - lon1).to_radians());
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}
