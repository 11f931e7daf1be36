//! Full-text search over titles and bodies, ranked by BM25, with snippets whose highlights sit
//! on the words of the original text.

use marsad::{CharOffsets, Span};
use rusqlite::params_from_iter;
use serde::Serialize;

use crate::terms::{highlights, match_expression};
use crate::{Error, Result, Store};

/// A search: the words, and optional narrowing.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    pub text: String,
    /// Publication day bounds, `YYYY-MM-DD` (inclusive).
    pub since: Option<String>,
    pub until: Option<String>,
    /// Documents that name a place in this country (ISO2).
    pub country: Option<String>,
    /// Documents that report an event of this type (ACLED type, sub-type or PLOVER type).
    pub event_type: Option<String>,
    pub limit: usize,
}

impl SearchQuery {
    pub fn new(text: impl Into<String>) -> Self {
        SearchQuery {
            text: text.into(),
            limit: 20,
            ..Default::default()
        }
    }
}

/// One document found.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    pub document: i64,
    pub doc_id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    /// BM25 (lower is better, as SQLite reports it).
    pub score: f64,
    /// A window of the text around the first hit.
    pub snippet: String,
    /// Character spans of the hits inside `snippet`.
    pub snippet_highlights: Vec<Span>,
    /// Character spans of every hit in the article text.
    pub highlights: Vec<Span>,
}

const SNIPPET_CHARS: usize = 90;

impl Store {
    /// Documents matching every word of the query, best first.
    pub fn search(&self, q: &SearchQuery) -> Result<Vec<SearchHit>> {
        let Some(expr) = match_expression(&q.text) else {
            return Err(Error::BadQuery(
                "the query has no word to search for".into(),
            ));
        };
        let mut params: Vec<String> = vec![expr];
        let mut clauses = vec!["search MATCH ?1".to_string()];
        let mut add = |clause: &str, value: String| {
            clauses.push(crate::records::number_placeholders(clause, params.len()));
            params.push(value);
        };
        for (what, v) in [("since", &q.since), ("until", &q.until)] {
            if let Some(d) = v {
                if chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err() {
                    return Err(Error::BadQuery(format!(
                        "{what} must be a date YYYY-MM-DD, not {d:?}"
                    )));
                }
            }
        }
        // each filter is the set of documents it admits, built once from an index, rather than
        // a test run on each of the tens of thousands of documents a common word matches (the
        // `+` keeps FTS5 from running the query once per id of the set)
        if let Some(s) = &q.since {
            add(
                "+search.rowid IN (SELECT id FROM documents WHERE published_day >= ?)",
                s.clone(),
            );
        }
        if let Some(u) = &q.until {
            add(
                "+search.rowid IN (SELECT id FROM documents WHERE published_day <= ?)",
                u.clone(),
            );
        }
        if let Some(c) = &q.country {
            // (a test per document here: the set of documents naming a place of a country is
            // most of the store for the region's countries)
            add(
                "EXISTS (SELECT 1 FROM entities en JOIN places p ON p.id = en.place
                   WHERE en.document = search.rowid AND p.country = ?)",
                c.to_ascii_uppercase(),
            );
        }
        if let Some(t) = &q.event_type {
            add(
                "+search.rowid IN (SELECT s.document FROM events e JOIN event_sources s ON s.event = e.id
                   WHERE ? IN (lower(e.event_type), lower(e.sub_event_type), lower(e.plover_event)))",
                t.to_lowercase(),
            );
        }
        // rank on the index (and the filters' columns) alone, then read the texts of the best
        // only: a common word matches tens of thousands of documents, whose texts would
        // otherwise all be read before the sort
        let ranked = format!(
            "SELECT search.rowid AS id, bm25(search, 2.0, 1.0) AS score FROM search
             WHERE {} ORDER BY score LIMIT {}",
            clauses.join(" AND "),
            q.limit.max(1)
        );
        let sql = format!(
            "SELECT d.id, d.doc_id, d.title, d.url, d.source, d.published, d.text, top.score
             FROM ({ranked}) top JOIN documents d ON d.id = top.id ORDER BY top.score, d.id"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params_from_iter(params.iter()), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, f64>(7)?,
            ))
        })?;
        let mut hits = Vec::new();
        for row in rows {
            let (document, doc_id, title, url, source, published, text, score) = row?;
            let spans = highlights(&text, &q.text);
            let idx = CharOffsets::new(&text);
            let (snippet, snippet_highlights) = snippet(&text, &idx, &spans);
            hits.push(SearchHit {
                document,
                doc_id,
                title,
                url,
                source,
                published,
                score,
                snippet,
                snippet_highlights,
                highlights: spans.iter().map(|s| idx.span(*s)).collect(),
            });
        }
        Ok(hits)
    }
}

/// A window of about [`SNIPPET_CHARS`] characters around the first hit (in chars, with the hit
/// spans relative to the window).
fn snippet(text: &str, idx: &CharOffsets, hits: &[Span]) -> (String, Vec<Span>) {
    let total = idx.char_len();
    let first = hits.first().map(|s| idx.char_at(s.start)).unwrap_or(0);
    let start = first.saturating_sub(SNIPPET_CHARS / 3);
    let end = (start + SNIPPET_CHARS).min(total);
    let (bs, be) = (idx.byte_at(start), idx.byte_at(end));
    let window = text[bs..be].replace('\n', " ");
    let rel = hits
        .iter()
        .map(|s| idx.span(*s))
        .filter(|s| s.start >= start && s.end <= end)
        .map(|s| Span::new(s.start - start, s.end - start))
        .collect();
    (window, rel)
}
