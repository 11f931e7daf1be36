//! Writing document results: a batch per transaction, duplicates skipped, events merged.

use std::collections::{HashMap, HashSet};

use marsad::arabic::key;
use marsad::{Actor, Article, DocumentResult, Entity, Event, Place};
use rusqlite::{params, OptionalExtension, Params, Row, Transaction};
use serde::Serialize;
use xxhash_rust::xxh3::xxh3_128;

use crate::simhash::{bands, distance, simhash, MAX_DISTANCE};
use crate::terms::index_terms;
use crate::{merge, Result, Store};

/// What one ingest call did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IngestReport {
    /// Documents written.
    pub added: usize,
    /// Documents skipped because the same URL or the same text is already stored.
    pub duplicates: usize,
    /// Of the added documents, those grouped with an earlier near-duplicate.
    pub near_duplicates: usize,
    /// Documents that failed (recorded with their reasons).
    pub failed: usize,
    /// Events written as new events.
    pub events_new: usize,
    /// Events merged into an event already stored (another source for it).
    pub events_merged: usize,
}

impl IngestReport {
    pub fn add(&mut self, o: &IngestReport) {
        self.added += o.added;
        self.duplicates += o.duplicates;
        self.near_duplicates += o.near_duplicates;
        self.failed += o.failed;
        self.events_new += o.events_new;
        self.events_merged += o.events_merged;
    }
}

/// The identity of a text: a hash of its matching key, so that the same text with other
/// harakat or invisible controls is still the same document.
pub fn content_hash(text: &str) -> String {
    format!("{:032x}", xxh3_128(key(text).as_bytes()))
}

impl Store {
    /// True when a document with this URL is stored (an ingest can skip it before processing).
    pub fn contains_url(&self, url: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE url = ?1")?
            .query_row([url], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Writes a batch of results in one transaction: all of it, or (on error) none of it.
    /// A database held by another writer longer than the busy timeout is [`Error::Locked`].
    pub fn ingest(&mut self, results: &[DocumentResult]) -> Result<IngestReport> {
        let path = self.path.clone();
        self.ingest_batch(results).map_err(|e| e.at(&path))
    }

    fn ingest_batch(&mut self, results: &[DocumentResult]) -> Result<IngestReport> {
        let tx = self.conn.transaction()?;
        let mut report = IngestReport::default();
        let mut known = Known::default();
        for r in results {
            ingest_one(&tx, &mut known, r, &mut report)?;
        }
        tx.commit()?;
        Ok(report)
    }
}

/// Runs a statement through the connection's statement cache: ingest runs the same few
/// statements for every document, and parsing them again each time cost a tenth of its time.
pub(crate) fn exec<P: Params>(tx: &Transaction, sql: &str, params: P) -> Result<usize> {
    Ok(tx.prepare_cached(sql)?.execute(params)?)
}

/// `query_row` through the statement cache (see [`exec`]).
pub(crate) fn query_row<T, P, F>(
    tx: &Transaction,
    sql: &str,
    params: P,
    f: F,
) -> rusqlite::Result<T>
where
    P: Params,
    F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
{
    tx.prepare_cached(sql)?.query_row(params, f)
}

/// A result as `documents.result_json` holds it: the article's text is left out, since the
/// `text` column holds it ([`Store::document`] puts it back); it was a third of the JSON.
#[derive(Serialize)]
struct StoredResult<'a> {
    id: &'a str,
    error: &'a Option<String>,
    article: &'a Article,
    entities: &'a [Entity],
    events: &'a [Event],
    warnings: &'a [String],
}

fn stored_json(r: &DocumentResult) -> Result<String> {
    let article = Article {
        text: String::new(),
        ..r.article.clone()
    };
    let DocumentResult {
        id,
        error,
        article: _,
        entities,
        events,
        warnings,
    } = r;
    Ok(serde_json::to_string(&StoredResult {
        id,
        error,
        article: &article,
        entities,
        events,
        warnings,
    })?)
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn ingest_one(
    tx: &Transaction,
    known: &mut Known,
    r: &DocumentResult,
    report: &mut IngestReport,
) -> Result<()> {
    let reason = match &r.error {
        Some(e) => Some(e.clone()),
        None if r.article.text.trim().is_empty() => {
            Some(format!("{}: no article text was found", r.id))
        }
        None => None,
    };
    if let Some(reason) = reason {
        exec(
            tx,
            "INSERT INTO errors (doc_id, reason, at) VALUES (?1, ?2, ?3)
             ON CONFLICT(doc_id) DO UPDATE SET reason = excluded.reason, at = excluded.at",
            params![r.id, reason, now()],
        )?;
        report.failed += 1;
        return Ok(());
    }
    let a = &r.article;
    let hash = content_hash(&a.text);
    let exists: Option<i64> = query_row(
        tx,
        "SELECT id FROM documents WHERE content_hash = ?1 OR (?2 IS NOT NULL AND url = ?2)",
        params![hash, a.url],
        |row| row.get(0),
    )
    .optional()?;
    if exists.is_some() {
        report.duplicates += 1;
        return Ok(());
    }
    // a document that succeeds now is no longer an error
    exec(tx, "DELETE FROM errors WHERE doc_id = ?1", [&r.id])?;
    let fp = simhash(&a.text);
    let near = near_duplicate(tx, fp)?;
    let published_day = a
        .published
        .as_deref()
        .and_then(|p| p.get(..10))
        .map(str::to_string);
    exec(
        tx,
        "INSERT INTO documents (doc_id, url, content_hash, simhash, near_duplicate_of, source, title,
                                published, published_day, text, result_json, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            r.id,
            a.url,
            hash,
            fp as i64,
            near,
            a.source,
            a.title,
            a.published,
            published_day,
            a.text,
            stored_json(r)?,
            now()
        ],
    )?;
    let doc = tx.last_insert_rowid();
    report.added += 1;
    if near.is_some() {
        report.near_duplicates += 1;
    }
    for (band, value) in bands(fp).iter().enumerate() {
        exec(
            tx,
            "INSERT INTO simhash_bands (band, value, document) VALUES (?1, ?2, ?3)",
            params![band as i64, value, doc],
        )?;
    }
    exec(
        tx,
        "INSERT INTO search (rowid, title, body) VALUES (?1, ?2, ?3)",
        params![
            doc,
            index_terms(a.title.as_deref().unwrap_or("")),
            index_terms(&a.text)
        ],
    )?;
    let mut countries = std::collections::BTreeSet::new();
    for e in &r.entities {
        if let Some(p) = &e.place {
            countries.insert(p.country.as_str());
        }
        let place = e
            .place
            .as_ref()
            .map(|p| upsert_place(tx, known, p))
            .transpose()?;
        let actor = e
            .actor
            .as_ref()
            .map(|x| upsert_actor(tx, known, x))
            .transpose()?;
        let value = e.value.as_ref().map(|v| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        });
        let kind = serde_json::to_value(e.kind)?;
        exec(
            tx,
            "INSERT INTO entities (document, kind, text, start, end, value, place, actor)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                doc,
                kind.as_str(),
                e.text,
                e.span.start as i64,
                e.span.end as i64,
                value,
                place,
                actor
            ],
        )?;
    }
    // what the search filters test (see the schema): the countries of the document's places,
    // and the types of the events it reports, as stored (a merged event keeps its first type)
    for country in countries {
        exec(
            tx,
            "INSERT INTO document_countries (country, document) VALUES (?1, ?2)",
            params![country, doc],
        )?;
    }
    for ev in &r.events {
        if merge::store_event(tx, known, doc, a.source.as_deref(), a.url.as_deref(), ev)? {
            report.events_merged += 1;
        } else {
            report.events_new += 1;
        }
    }
    if !r.events.is_empty() {
        exec(
            tx,
            "INSERT OR IGNORE INTO document_types (type, document)
             SELECT lower(e.event_type), s.document FROM event_sources s JOIN events e ON e.id = s.event
              WHERE s.document = ?1
             UNION SELECT lower(e.sub_event_type), s.document FROM event_sources s JOIN events e ON e.id = s.event
              WHERE s.document = ?1
             UNION SELECT lower(e.plover_event), s.document FROM event_sources s JOIN events e ON e.id = s.event
              WHERE s.document = ?1",
            [doc],
        )?;
    }
    Ok(())
}

/// The earliest stored document whose fingerprint is within [`MAX_DISTANCE`] bits.
fn near_duplicate(tx: &Transaction, fp: u64) -> Result<Option<i64>> {
    let mut st = tx.prepare_cached(
        "SELECT d.id, d.simhash, d.near_duplicate_of FROM simhash_bands b JOIN documents d ON d.id = b.document
         WHERE b.band = ?1 AND b.value = ?2 ORDER BY b.document LIMIT 64",
    )?;
    for (band, value) in bands(fp).iter().enumerate() {
        let rows = st.query_map(params![band as i64, value], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        })?;
        for row in rows {
            let (id, other, group) = row?;
            if distance(fp, other as u64) <= MAX_DISTANCE {
                return Ok(Some(group.unwrap_or(id)));
            }
        }
    }
    Ok(None)
}

/// The places and actors a transaction has written or found already: a batch names the same
/// few hundred places and actors thousands of times, each of which was two statements.
#[derive(Default)]
pub(crate) struct Known {
    places: HashMap<(String, String, u64, u64), i64>,
    actors: HashSet<String>,
}

pub(crate) fn upsert_place(tx: &Transaction, known: &mut Known, p: &Place) -> Result<i64> {
    let key = (
        p.name.clone(),
        p.country.clone(),
        p.lat.to_bits(),
        p.lon.to_bits(),
    );
    if let Some(&id) = known.places.get(&key) {
        return Ok(id);
    }
    exec(
        tx,
        "INSERT INTO places (name, name_ar, country, admin1, admin2, lat, lon, feature, geonameid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(name, country, lat, lon) DO NOTHING",
        params![p.name, p.name_ar, p.country, p.admin1, p.admin2, p.lat, p.lon, p.feature, p.geonameid],
    )?;
    let id = query_row(
        tx,
        "SELECT id FROM places WHERE name = ?1 AND country = ?2 AND lat = ?3 AND lon = ?4",
        params![p.name, p.country, p.lat, p.lon],
        |r| r.get(0),
    )?;
    known.places.insert(key, id);
    Ok(id)
}

pub(crate) fn upsert_actor(tx: &Transaction, known: &mut Known, a: &Actor) -> Result<String> {
    if !known.actors.contains(&a.id) {
        exec(
            tx,
            "INSERT INTO actors (id, name, name_ar, inter, country) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(id) DO NOTHING",
            params![a.id, a.name, a.name_ar, a.inter, a.country],
        )?;
        known.actors.insert(a.id.clone());
    }
    Ok(a.id.clone())
}
