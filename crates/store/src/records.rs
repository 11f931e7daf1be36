//! Reading events and documents back: filters, records and statistics.

use marsad::{Actor, DocumentResult, LocatedPlace, Place, Plover, Span};
use rusqlite::{params, params_from_iter, OptionalExtension, Row};
use serde::Serialize;

use crate::countries::country_info;
use crate::{Error, Result, Store};

/// Which events to read. Every field narrows the selection; all are optional.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// First day, `YYYY-MM-DD` (inclusive).
    pub since: Option<String>,
    /// Last day, `YYYY-MM-DD` (inclusive).
    pub until: Option<String>,
    /// ISO 3166-1 alpha-2 code or English country name.
    pub country: Option<String>,
    /// Admin1 name as the place carries it (case-insensitive).
    pub admin1: Option<String>,
    /// An ACLED event type, sub-event type or PLOVER event type (case-insensitive).
    pub event_type: Option<String>,
    /// Part of an actor's name or id (case-insensitive), as actor1 or actor2.
    pub actor: Option<String>,
    /// Include events dated more than a week before their report (context, not news).
    pub include_background: bool,
    /// Only events of at least this confidence (0 to 1; a merged event has its best report's).
    /// The coder's learned filter leaves the events it doubts in dated articles with its
    /// probability as their confidence: 0.4 keeps what it would have kept.
    pub min_confidence: Option<f64>,
    pub limit: Option<usize>,
    pub offset: usize,
    /// The most sources read per event in a list (default [`LIST_SOURCES`]); `n_sources` always
    /// counts them all, and [`Store::event`] reads every one.
    pub max_sources: Option<usize>,
}

/// Sources read per event in a list unless the filter says otherwise: an event reported by
/// hundreds of articles lists its first sources, in document order.
pub const LIST_SOURCES: usize = 50;

fn check_day(what: &str, v: &Option<String>) -> Result<()> {
    if let Some(d) = v {
        if chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err() {
            return Err(Error::BadQuery(format!(
                "{what} must be a date YYYY-MM-DD, not {d:?}"
            )));
        }
    }
    Ok(())
}

impl EventFilter {
    /// The WHERE clause and its parameters (parameterized SQL only). `type_columns` are the
    /// columns that hold the type asked for (see [`Store::type_columns`]): one column lets SQLite
    /// use that column's index, none means nothing matches.
    fn sql(&self, type_columns: Option<&[&str]>) -> Result<(String, Vec<String>)> {
        check_day("since", &self.since)?;
        check_day("until", &self.until)?;
        let mut clauses = Vec::new();
        let mut params: Vec<String> = Vec::new();
        let mut push = |clause: &str, values: &[String]| {
            clauses.push(number_placeholders(clause, params.len()));
            params.extend(values.iter().cloned());
        };
        if let Some(s) = &self.since {
            push("e.event_date >= ?", std::slice::from_ref(s));
        }
        if let Some(u) = &self.until {
            push("e.event_date <= ?", std::slice::from_ref(u));
        }
        if let Some(c) = &self.country {
            let iso2 = country_code(c);
            push("e.country = ?", &[iso2]);
        }
        if let Some(a) = &self.admin1 {
            push("e.admin1 = ? COLLATE NOCASE", std::slice::from_ref(a));
        }
        if let Some(t) = &self.event_type {
            let t = t.to_lowercase();
            match type_columns {
                Some([]) => push("0", &[]),
                Some([column]) => push(&format!("e.{column} = ? COLLATE NOCASE"), &[t]),
                _ => push(
                    "(e.event_type = ? COLLATE NOCASE OR e.sub_event_type = ? COLLATE NOCASE
                      OR e.plover_event = ? COLLATE NOCASE)",
                    &[t.clone(), t.clone(), t],
                ),
            }
        }
        if let Some(a) = &self.actor {
            let like = format!("%{}%", a.to_lowercase().replace(['%', '_'], ""));
            push(
                "(e.actor1 IN (SELECT id FROM actors WHERE lower(name) LIKE ? OR lower(id) LIKE ? OR name_ar LIKE ?)
                  OR e.actor2 IN (SELECT id FROM actors WHERE lower(name) LIKE ? OR lower(id) LIKE ? OR name_ar LIKE ?))",
                &[like.clone(), like.clone(), like.clone(), like.clone(), like.clone(), like],
            );
        }
        if let Some(c) = self.min_confidence {
            if !(0.0..=1.0).contains(&c) {
                return Err(Error::BadQuery(format!(
                    "min_confidence must be between 0 and 1, not {c}"
                )));
            }
            push("e.confidence >= ?", &[c.to_string()]);
        }
        if !self.include_background {
            clauses.push("e.background = 0".into());
        }
        let where_ = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        Ok((where_, params))
    }
}

/// Numbers the `?` placeholders of `clause` from `after + 1` on (`?3`, `?4`, ...).
pub(crate) fn number_placeholders(clause: &str, after: usize) -> String {
    let mut out = String::with_capacity(clause.len() + 8);
    let mut n = after;
    for (i, piece) in clause.split('?').enumerate() {
        if i > 0 {
            n += 1;
            out.push_str(&format!("?{n}"));
        }
        out.push_str(piece);
    }
    out
}

/// An ISO2 code from a code or an English name ("Syria" → "SY").
fn country_code(c: &str) -> String {
    if c.len() == 2 {
        return c.to_ascii_uppercase();
    }
    crate::countries::iso2_by_name(c).unwrap_or_else(|| c.to_string())
}

/// One source of an event: the article and the sentence that says so.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourceRecord {
    /// The store's document number.
    pub document: i64,
    /// The document's id as ingested.
    pub doc_id: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub sentence: String,
    /// Character span of the sentence in the document's article text.
    pub span: Span,
    pub trigger: String,
    pub trigger_span: Span,
    pub fatalities: Option<u32>,
}

/// An event as stored: ACLED's fields, PLOVER's, and every source.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventRecord {
    pub id: i64,
    pub event_id_cnty: String,
    pub event_date: String,
    pub year: i32,
    pub time_precision: u8,
    pub disorder_type: String,
    pub event_type: String,
    pub sub_event_type: String,
    pub plover: Plover,
    pub actor1: Option<Actor>,
    pub assoc_actor_1: Vec<Actor>,
    pub actor2: Option<Actor>,
    pub assoc_actor_2: Vec<Actor>,
    pub interaction: Option<u8>,
    pub civilian_targeting: bool,
    pub location: Option<LocatedPlace>,
    pub country: Option<String>,
    pub region: Option<String>,
    pub iso: Option<u16>,
    pub fatalities: Option<u32>,
    pub background: bool,
    pub confidence: f64,
    pub n_sources: u32,
    pub cluster_key: String,
    pub timestamp: i64,
    pub sources: Vec<SourceRecord>,
}

/// A stored document with its result.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentRecord {
    pub document: i64,
    pub near_duplicate_of: Option<i64>,
    pub ingested_at: String,
    #[serde(flatten)]
    pub result: DocumentResult,
}

/// Counts for an overview.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Stats {
    pub documents: i64,
    pub events: i64,
    pub errors: i64,
    pub by_day: Vec<(String, i64)>,
    pub by_type: Vec<(String, i64)>,
    pub by_country: Vec<(String, i64)>,
}

/// One event as a map or a list draws it: what, when, where and who, and the documents that
/// report it (for narrowing by a text search), without the sources' sentences. Read in one
/// query ([`Store::event_summaries`]), with no lookup per event.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventSummary {
    pub id: i64,
    pub date: String,
    pub event_type: String,
    pub sub_event_type: String,
    /// The PLOVER event type.
    pub plover: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub place: Option<String>,
    pub place_ar: Option<String>,
    /// The place's ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub actor1: Option<String>,
    pub actor1_ar: Option<String>,
    pub actor2: Option<String>,
    pub actor2_ar: Option<String>,
    pub fatalities: Option<u32>,
    pub n_sources: u32,
    /// Store numbers of the documents that report it (at most [`LIST_SOURCES`] unless the
    /// filter says otherwise), in ascending order.
    pub documents: Vec<i64>,
}

/// A source from a row whose columns, from `at` on, are those of [`Store::sources`]' query.
fn source_row(r: &Row, at: usize) -> rusqlite::Result<SourceRecord> {
    Ok(SourceRecord {
        document: r.get(at)?,
        doc_id: r.get(at + 1)?,
        source: r.get(at + 2)?,
        url: r.get(at + 3)?,
        sentence: r.get(at + 4)?,
        span: Span::new(
            r.get::<_, i64>(at + 5)? as usize,
            r.get::<_, i64>(at + 6)? as usize,
        ),
        trigger: r.get(at + 7)?,
        trigger_span: Span::new(
            r.get::<_, i64>(at + 8)? as usize,
            r.get::<_, i64>(at + 9)? as usize,
        ),
        fatalities: r.get(at + 10)?,
    })
}

const EVENT_COLUMNS: &str = "e.id, e.event_date, e.time_precision, e.disorder_type, e.event_type, e.sub_event_type,
    e.plover_event, e.plover_mode, e.actor1, e.assoc_actor_1, e.actor2, e.assoc_actor_2, e.geo_precision,
    e.fatalities, e.background, e.confidence, e.n_sources, e.cluster_key, e.updated_at,
    p.name, p.name_ar, p.country, p.admin1, p.admin2, p.lat, p.lon, p.feature, p.geonameid,
    a1.id, a1.name, a1.name_ar, a1.inter, a1.country, a2.id, a2.name, a2.name_ar, a2.inter, a2.country";

/// The tables of [`EVENT_COLUMNS`]: an event with its place and its two actors, in one row.
const EVENT_TABLES: &str = "events e LEFT JOIN places p ON p.id = e.place
    LEFT JOIN actors a1 ON a1.id = e.actor1 LEFT JOIN actors a2 ON a2.id = e.actor2";

/// An actor from the five columns of [`EVENT_COLUMNS`] that start at `at` (none when the event
/// names none).
fn actor_at(r: &Row, at: usize) -> rusqlite::Result<Option<Actor>> {
    let Some(id) = r.get::<_, Option<String>>(at)? else {
        return Ok(None);
    };
    Ok(Some(Actor {
        id,
        name: r.get(at + 1)?,
        name_ar: r.get(at + 2)?,
        inter: r.get(at + 3)?,
        country: r.get(at + 4)?,
    }))
}

/// The columns of [`Store::event_summaries`], over [`EVENT_TABLES`]. `{per_event}` is replaced
/// by the most documents listed per event.
const SUMMARY_COLUMNS: &str = "e.id, e.event_date, e.event_type, e.sub_event_type, e.plover_event,
    p.lat, p.lon, p.name, p.name_ar, p.country, p.admin1, a1.name, a1.name_ar, a2.name, a2.name_ar,
    e.fatalities, e.n_sources,
    (SELECT group_concat(document) FROM (SELECT DISTINCT document FROM event_sources
        WHERE event = e.id ORDER BY document LIMIT {per_event}))";

/// The ids of one page of events, as a subquery named `page`: the page is chosen on the index
/// alone, and only its events are then read with their place and actors (the events an offset
/// skips were read and joined in full before: 90 ms for `offset=9000` on 100,000 events).
fn page_of(where_: &str, limit: i64, offset: usize) -> String {
    format!(
        "(SELECT e.id FROM events e {where_}
          ORDER BY e.event_date DESC, e.id DESC LIMIT {limit} OFFSET {offset}) page"
    )
}

fn summary_row(r: &Row) -> rusqlite::Result<EventSummary> {
    let documents: Option<String> = r.get(17)?;
    Ok(EventSummary {
        id: r.get(0)?,
        date: r.get(1)?,
        event_type: r.get(2)?,
        sub_event_type: r.get(3)?,
        plover: r.get(4)?,
        lat: r.get(5)?,
        lon: r.get(6)?,
        place: r.get(7)?,
        place_ar: r.get(8)?,
        country: r.get(9)?,
        admin1: r.get(10)?,
        actor1: r.get(11)?,
        actor1_ar: r.get(12)?,
        actor2: r.get(13)?,
        actor2_ar: r.get(14)?,
        fatalities: r.get(15)?,
        n_sources: r.get(16)?,
        documents: documents
            .as_deref()
            .unwrap_or("")
            .split(',')
            .filter_map(|d| d.parse().ok())
            .collect(),
    })
}

impl Store {
    /// Events matching `filter`, newest first.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<EventRecord>> {
        let (where_, params) = self.filter_sql(filter)?;
        let limit = filter.limit.map(|l| l as i64).unwrap_or(-1);
        let page = page_of(&where_, limit, filter.offset);
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM {page}, {EVENT_TABLES} WHERE e.id = page.id
             ORDER BY e.event_date DESC, e.id DESC"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params_from_iter(params.iter()), |r| self.event_row(r))?;
        let mut out = Vec::new();
        for r in rows {
            out.push(r??);
        }
        self.attach_sources(&mut out, filter.max_sources.unwrap_or(LIST_SOURCES))?;
        Ok(out)
    }

    /// Events matching `filter`, newest first, as summaries: one query, however many events,
    /// for a map that draws tens of thousands of them.
    pub fn event_summaries(&self, filter: &EventFilter) -> Result<Vec<EventSummary>> {
        let (where_, params) = self.filter_sql(filter)?;
        let limit = filter.limit.map(|l| l as i64).unwrap_or(-1);
        let per_event = filter.max_sources.unwrap_or(LIST_SOURCES);
        let columns = SUMMARY_COLUMNS.replace("{per_event}", &per_event.to_string());
        let page = page_of(&where_, limit, filter.offset);
        let sql = format!(
            "SELECT {columns} FROM {page}, {EVENT_TABLES} WHERE e.id = page.id
             ORDER BY e.event_date DESC, e.id DESC"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params_from_iter(params.iter()), summary_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The WHERE clause of `filter`, with its type resolved to the columns that hold it.
    fn filter_sql(&self, filter: &EventFilter) -> Result<(String, Vec<String>)> {
        let columns = self.type_columns(filter)?;
        filter.sql(columns.as_deref())
    }

    /// Which type columns (ACLED type, sub-event type, PLOVER type) hold the filter's type among
    /// news events, each probed on its partial index. A filter on the one column that holds it
    /// uses that column's index (with the date range), where the three-way OR made SQLite scan
    /// by date. `None` when there is no type, or background events are included (those indexes
    /// leave them out; the OR stays).
    fn type_columns(&self, filter: &EventFilter) -> Result<Option<Vec<&'static str>>> {
        let Some(t) = &filter.event_type else {
            return Ok(None);
        };
        if filter.include_background {
            return Ok(None);
        }
        let t = t.to_lowercase();
        let mut found = Vec::new();
        for column in ["event_type", "sub_event_type", "plover_event"] {
            let sql = format!(
                "SELECT EXISTS (SELECT 1 FROM events WHERE {column} = ?1 COLLATE NOCASE AND background = 0)"
            );
            let mut st = self.conn.prepare_cached(&sql)?;
            if st.query_row([&t], |r| r.get::<_, bool>(0))? {
                found.push(column);
            }
        }
        Ok(Some(found))
    }

    /// Fills the sources of many events, at most `per_event` each, in batches: the first
    /// `per_event` of each event are chosen on the primary key's index alone (event, document,
    /// start), then only those rows are read, so that an event with thousands of sources costs
    /// no more than one with `per_event`, and a page of a thousand events a few queries.
    /// An event reported by many more documents than `per_event` is read on its own, through
    /// the index with a LIMIT.
    fn attach_sources(&self, events: &mut [EventRecord], per_event: usize) -> Result<()> {
        const BATCH: usize = 500;
        let at: std::collections::HashMap<i64, usize> =
            events.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
        let mut ids = Vec::with_capacity(events.len());
        for e in events.iter_mut() {
            if e.n_sources as usize > per_event.saturating_mul(2) {
                e.sources = self.sources_at_most(e.id, per_event)?;
            } else {
                ids.push(e.id);
            }
        }
        let limit = i64::try_from(per_event).unwrap_or(i64::MAX);
        for chunk in ids.chunks(BATCH) {
            let marks = vec!["?"; chunk.len()].join(",");
            let sql = format!(
                "SELECT s.event, s.document, d.doc_id, s.source, s.url, s.sentence, s.start, s.end, s.trigger_text,
                        s.trigger_start, s.trigger_end, s.fatalities
                 FROM (SELECT rowid AS r FROM
                         (SELECT rowid, ROW_NUMBER() OVER (PARTITION BY event ORDER BY document, start) AS n
                          FROM event_sources WHERE event IN ({marks}))
                       WHERE n <= {limit}) first
                 JOIN event_sources s ON s.rowid = first.r
                 JOIN documents d ON d.id = s.document
                 ORDER BY s.event, s.document, s.start"
            );
            let mut st = self.conn.prepare_cached(&sql)?;
            let rows = st.query_map(params_from_iter(chunk.iter()), |r| {
                Ok((r.get::<_, i64>(0)?, source_row(r, 1)?))
            })?;
            for row in rows {
                let (event, src) = row?;
                if let Some(&i) = at.get(&event) {
                    events[i].sources.push(src);
                }
            }
        }
        Ok(())
    }

    /// How many events match `filter` (ignoring its limit and offset).
    pub fn count_events(&self, filter: &EventFilter) -> Result<i64> {
        let (where_, params) = self.filter_sql(filter)?;
        let sql = format!("SELECT COUNT(*) FROM events e {where_}");
        Ok(self
            .conn
            .query_row(&sql, params_from_iter(params.iter()), |r| r.get(0))?)
    }

    /// One event with every source.
    pub fn event(&self, id: i64) -> Result<Option<EventRecord>> {
        let sql = format!("SELECT {EVENT_COLUMNS} FROM {EVENT_TABLES} WHERE e.id = ?1");
        let rec = self
            .conn
            .query_row(&sql, [id], |r| self.event_row(r))
            .optional()?;
        match rec {
            Some(r) => {
                let mut r = r?;
                r.sources = self.sources(r.id)?;
                Ok(Some(r))
            }
            None => Ok(None),
        }
    }

    /// A stored document by its store number.
    pub fn document(&self, document: i64) -> Result<Option<DocumentRecord>> {
        let row = self
            .conn
            .query_row(
                "SELECT id, near_duplicate_of, ingested_at, result_json, text FROM documents WHERE id = ?1",
                [document],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                },
            )
            .optional()?;
        match row {
            None => Ok(None),
            Some((document, near_duplicate_of, ingested_at, json, text)) => {
                // the JSON leaves the text to its column (documents stored before kept both)
                let mut result: DocumentResult = serde_json::from_str(&json)?;
                result.article.text = text;
                Ok(Some(DocumentRecord {
                    document,
                    near_duplicate_of,
                    ingested_at,
                    result,
                }))
            }
        }
    }

    /// A key that changes whenever the store gains a document or an event, or its errors
    /// change: a reader that caches [`Store::stats`] compares it instead of counting again.
    /// Ingest only adds documents (a merged event is updated by a new one), so the highest
    /// numbers are enough; it reads four index ends, not the tables.
    pub fn generation(&self) -> Result<[i64; 4]> {
        Ok(self.conn.query_row(
            "SELECT (SELECT ifnull(max(id), 0) FROM documents), (SELECT ifnull(max(id), 0) FROM events),
                    (SELECT ifnull(max(rowid), 0) FROM errors), (SELECT COUNT(*) FROM errors)",
            [],
            |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]),
        )?)
    }

    /// Counts by day, type and country (events without background).
    pub fn stats(&self) -> Result<Stats> {
        let one = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        let pairs = |sql: &str| -> Result<Vec<(String, i64)>> {
            let mut st = self.conn.prepare(sql)?;
            let rows = st.query_map([], |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                    r.get(1)?,
                ))
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        Ok(Stats {
            documents: one("SELECT COUNT(*) FROM documents")?,
            events: one("SELECT COUNT(*) FROM events WHERE background = 0")?,
            errors: one("SELECT COUNT(*) FROM errors")?,
            by_day: pairs("SELECT event_date, COUNT(*) FROM events WHERE background = 0 GROUP BY event_date ORDER BY event_date")?,
            by_type: pairs("SELECT event_type, COUNT(*) FROM events WHERE background = 0 GROUP BY event_type ORDER BY 2 DESC")?,
            by_country: pairs("SELECT country, COUNT(*) FROM events WHERE background = 0 GROUP BY country ORDER BY 2 DESC")?,
        })
    }

    fn sources(&self, event: i64) -> Result<Vec<SourceRecord>> {
        self.sources_at_most(event, usize::MAX)
    }

    /// The first `n` sources of `event`, in document order.
    fn sources_at_most(&self, event: i64, n: usize) -> Result<Vec<SourceRecord>> {
        let mut st = self.conn.prepare_cached(
            "SELECT s.document, d.doc_id, s.source, s.url, s.sentence, s.start, s.end, s.trigger_text,
                    s.trigger_start, s.trigger_end, s.fatalities
             FROM event_sources s JOIN documents d ON d.id = s.document WHERE s.event = ?1
             ORDER BY s.document, s.start LIMIT ?2",
        )?;
        let limit = i64::try_from(n).unwrap_or(-1);
        let rows = st.query_map(params![event, limit], |r| source_row(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn event_row(&self, r: &Row) -> rusqlite::Result<Result<EventRecord>> {
        let id: i64 = r.get(0)?;
        let event_date: String = r.get(1)?;
        let actor1 = actor_at(r, 28)?;
        let actor2 = actor_at(r, 33)?;
        let assoc1: String = r.get(9)?;
        let assoc2: String = r.get(11)?;
        let location = match r.get::<_, Option<String>>(19)? {
            None => None,
            Some(name) => Some(LocatedPlace {
                place: Place {
                    name,
                    name_ar: r.get(20)?,
                    country: r.get(21)?,
                    admin1: r.get(22)?,
                    admin2: r.get(23)?,
                    lat: r.get(24)?,
                    lon: r.get(25)?,
                    feature: r.get(26)?,
                    geonameid: r.get(27)?,
                },
                precision: r.get::<_, Option<u8>>(12)?.unwrap_or(1),
            }),
        };
        let country_code: Option<String> = location.as_ref().map(|l| l.place.country.clone());
        let info = country_code.as_deref().and_then(country_info);
        let inter1 = actor1.as_ref().map(|a| a.inter);
        let inter2 = actor2.as_ref().map(|a| a.inter);
        let interaction = marsad::acled::interaction(inter1, inter2);
        let parse = |s: &str| serde_json::from_str::<Vec<Actor>>(s);
        let (assoc_actor_1, assoc_actor_2) = match (parse(&assoc1), parse(&assoc2)) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => return Ok(Err(e.into())),
        };
        let event_type: String = r.get(4)?;
        Ok(Ok(EventRecord {
            id,
            event_id_cnty: format!("{}{id}", info.map(|i| i.iso3.as_str()).unwrap_or("XXX")),
            year: event_date
                .get(..4)
                .and_then(|y| y.parse().ok())
                .unwrap_or(0),
            event_date,
            time_precision: r.get(2)?,
            disorder_type: r.get(3)?,
            civilian_targeting: inter2 == Some(7) && event_type != "Protests",
            event_type,
            sub_event_type: r.get(5)?,
            plover: Plover {
                event: r.get(6)?,
                mode: r.get(7)?,
            },
            actor1,
            assoc_actor_1,
            actor2,
            assoc_actor_2,
            interaction,
            location,
            country: info.map(|i| i.name.clone()).or(country_code),
            region: info.map(|i| i.region.clone()),
            iso: info.map(|i| i.isonum),
            fatalities: r.get(13)?,
            background: r.get(14)?,
            confidence: r.get(15)?,
            n_sources: r.get(16)?,
            cluster_key: r.get(17)?,
            timestamp: r.get(18)?,
            sources: Vec::new(),
        }))
    }
}
