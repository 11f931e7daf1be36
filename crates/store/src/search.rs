//! Full-text search over titles and bodies, ranked by BM25, with snippets whose highlights sit
//! on the words of the original text.

use marsad::{CharOffsets, Span};
use rusqlite::{params, params_from_iter};
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
        self.search_with(q, FEW_DOCUMENTS)
    }

    /// [`Store::search`], a filter's value named by fewer than `few` documents tested as a set.
    fn search_with(&self, q: &SearchQuery, few: usize) -> Result<Vec<SearchHit>> {
        let Some(expr) = match_expression(&q.text) else {
            return Err(Error::BadQuery(
                "the query has no word to search for".into(),
            ));
        };
        let mut params: Vec<String> = vec![expr];
        let mut clauses = vec!["search MATCH ?1".to_string()];
        let add = |clauses: &mut Vec<String>, params: &mut Vec<String>, clause: &str, value| {
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
        // each filter is a test of the document's number against a small index keyed by what
        // the filter asks for (see the schema), run on the documents the words match before
        // they are ranked; a value that few documents have is rather the set of those
        // documents, built once (the `+` keeps FTS5 from running the query once per id of it)
        match (&q.since, &q.until) {
            (None, None) => {}
            (since, until) => {
                let mut test = String::from(
                    "EXISTS (SELECT 1 FROM documents INDEXED BY documents_id_day WHERE id = search.rowid",
                );
                let mut values = Vec::new();
                if let Some(s) = since {
                    test.push_str(" AND published_day >= ?");
                    values.push(s.clone());
                }
                if let Some(u) = until {
                    test.push_str(" AND published_day <= ?");
                    values.push(u.clone());
                }
                test.push(')');
                clauses.push(crate::records::number_placeholders(&test, params.len()));
                params.extend(values);
            }
        }
        if let Some(c) = &q.country {
            let c = c.to_ascii_uppercase();
            let clause = if self.fewer_documents_than(few, "document_countries", "country", &c)? {
                "+search.rowid IN (SELECT document FROM document_countries WHERE country = ?)"
            } else {
                "EXISTS (SELECT 1 FROM document_countries WHERE country = ? AND document = search.rowid)"
            };
            add(&mut clauses, &mut params, clause, c);
        }
        if let Some(t) = &q.event_type {
            let t = t.to_lowercase();
            let clause = if self.fewer_documents_than(few, "document_types", "type", &t)? {
                "+search.rowid IN (SELECT document FROM document_types WHERE type = ?)"
            } else {
                "EXISTS (SELECT 1 FROM document_types WHERE type = ? AND document = search.rowid)"
            };
            add(&mut clauses, &mut params, clause, t);
        }
        // rank on the index (and the filters' indexes) alone, then read the texts of the best
        // only: a common word matches tens of thousands of documents, whose texts would
        // otherwise all be read before the sort (equal scores in document order)
        let ranked = format!(
            "SELECT search.rowid AS id, bm25(search, 2.0, 1.0) AS score FROM search
             WHERE {} ORDER BY score, search.rowid LIMIT {}",
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

    /// True when fewer than `few` documents have `value` in `table` (one of the search
    /// filters' tables): a walk of its index over at most that many entries.
    fn fewer_documents_than(
        &self,
        few: usize,
        table: &str,
        column: &str,
        value: &str,
    ) -> Result<bool> {
        if few == 0 {
            return Ok(false);
        }
        let sql =
            format!("SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {column} = ?1 LIMIT ?2)");
        let n: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![value, few as i64], |r| r.get(0))?;
        Ok((n as usize) < few)
    }
}

/// Below this many documents a filter's value is tested as a set built once rather than by a
/// lookup per matching document (on 100,000 documents, a country or type that a few hundred
/// documents name: 12 -> 3 ms for a common word; one that half of them name: 31 -> 23 ms the
/// other way).
const FEW_DOCUMENTS: usize = 5000;

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

#[cfg(test)]
mod tests {
    use super::*;
    use marsad::{
        DocumentResult, Entity, EntityKind, Event, Evidence, LocatedPlace, Place, Plover, Trigger,
    };

    const WORDS: [&str; 6] = ["قصف", "مقتل", "غارات", "الحوثيين", "البوكمال", "اشتباكات"];
    const COUNTRIES: [&str; 4] = ["SY", "IQ", "YE", "LB"];
    /// (type, sub-event type, PLOVER type): a sub-type always under the same type, as in ACLED.
    const TYPES: [(&str, &str, &str); 3] = [
        ("Battles", "Armed clash", "FIGHT"),
        ("Explosions/Remote violence", "Air/drone strike", "ASSAULT"),
        ("Protests", "Peaceful protest", "PROTEST"),
    ];
    const DAYS: [&str; 4] = ["2018-05-30", "2018-06-01", "2018-06-15", "2018-07-02"];

    fn place(country: &str, i: usize) -> Place {
        Place {
            name: format!("Place {country} {i}"),
            name_ar: None,
            lat: 30.0 + i as f64,
            lon: 40.0 + (i % 3) as f64,
            country: country.into(),
            admin1: None,
            admin2: None,
            feature: "PPL".into(),
            geonameid: None,
        }
    }

    /// Documents with every mix of words (repeated so that scores differ), countries, event
    /// types and days, from a fixed sequence of pseudo-random numbers.
    fn documents() -> Vec<DocumentResult> {
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        (0..80)
            .map(|i| {
                let mut words = Vec::new();
                for _ in 0..1 + next(12) {
                    words.push(WORDS[next(WORDS.len())]);
                }
                words.push("خبر");
                let text = format!("{} رقم {i}", words.join(" "));
                let mut d = DocumentResult {
                    id: format!("d{i}"),
                    ..Default::default()
                };
                d.article.url = Some(format!("https://example.org/{i}"));
                d.article.title = Some(format!("عنوان {}", WORDS[next(WORDS.len())]));
                d.article.published = Some(format!("{}T10:00:00+03:00", DAYS[next(DAYS.len())]));
                for _ in 0..next(3) {
                    let c = COUNTRIES[next(COUNTRIES.len())];
                    let first = Span::new(0, text.find(' ').unwrap_or(text.len()));
                    let mut e = Entity::new(EntityKind::Place, &text, first);
                    e.place = Some(place(c, next(4)));
                    d.entities.push(e);
                }
                for _ in 0..next(3) {
                    let (t, sub, plover) = TYPES[next(TYPES.len())];
                    let at = place(COUNTRIES[next(COUNTRIES.len())], next(4));
                    d.events.push(Event {
                        event_type: t.into(),
                        sub_event_type: sub.into(),
                        disorder_type: "Political violence".into(),
                        plover: Plover {
                            event: plover.into(),
                            mode: None,
                        },
                        actor1: None,
                        assoc_actor_1: vec![],
                        actor2: None,
                        assoc_actor_2: vec![],
                        date: DAYS[next(DAYS.len())].into(),
                        time_precision: 1,
                        location: Some(LocatedPlace {
                            place: at,
                            precision: 1,
                        }),
                        fatalities: None,
                        background: false,
                        evidence: Evidence {
                            sentence: text.clone(),
                            span: Span::new(0, text.chars().count()),
                            trigger: Trigger {
                                text: "قصف".into(),
                                span: Span::new(0, 3),
                            },
                        },
                        confidence: 0.5,
                    });
                }
                d.article.text = text;
                d
            })
            .collect()
    }

    /// Does `d` pass the filters of `q`, by the definitions (its places' countries, its events'
    /// types, its publication day)?
    fn admits(d: &DocumentResult, q: &SearchQuery) -> bool {
        let day = d.article.published.as_deref().map(|p| &p[..10]);
        let country = q.country.as_ref().is_none_or(|c| {
            d.entities
                .iter()
                .filter_map(|e| e.place.as_ref())
                .any(|p| p.country.eq_ignore_ascii_case(c))
        });
        let event_type = q.event_type.as_ref().is_none_or(|t| {
            d.events.iter().any(|e| {
                [&e.event_type, &e.sub_event_type, &e.plover.event]
                    .iter()
                    .any(|x| x.eq_ignore_ascii_case(t))
            })
        });
        let since = q
            .since
            .as_deref()
            .is_none_or(|s| day.is_some_and(|d| d >= s));
        let until = q
            .until
            .as_deref()
            .is_none_or(|u| day.is_some_and(|d| d <= u));
        country && event_type && since && until
    }

    #[test]
    fn filtered_search_is_the_ranked_search_filtered_by_the_definitions() {
        let docs = documents();
        let mut store = Store::open_in_memory().unwrap();
        store.ingest(&docs).unwrap();
        let by_id: std::collections::HashMap<&str, &DocumentResult> =
            docs.iter().map(|d| (d.id.as_str(), d)).collect();
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let mut checked = 0;
        for words in ["قصف", "مقتل غارات", "خبر", "البو كمال"] {
            let mut all = SearchQuery::new(words);
            all.limit = 1000;
            let ranked = store.search(&all).unwrap();
            // the words alone: every document whose index terms hold every word's key
            let keys: Vec<String> = words.split(' ').map(marsad::arabic::key).collect();
            let matching = docs
                .iter()
                .filter(|d| {
                    let terms = format!(
                        "{} {}",
                        crate::terms::index_terms(d.article.title.as_deref().unwrap_or("")),
                        crate::terms::index_terms(&d.article.text)
                    );
                    keys.iter().all(|k| terms.split(' ').any(|t| t == k))
                })
                .count();
            assert_eq!(ranked.len(), matching, "{words}");
            for country in ["", "SY", "iq", "LB", "FR"] {
                for event_type in ["", "Battles", "air/drone strike", "PROTEST", "Riots"] {
                    for (since, until) in [
                        ("", ""),
                        ("2018-06-01", ""),
                        ("", "2018-06-15"),
                        ("2018-06-01", "2018-06-30"),
                    ] {
                        for limit in [3, 1000] {
                            let q = SearchQuery {
                                text: words.into(),
                                since: opt(since),
                                until: opt(until),
                                country: opt(country),
                                event_type: opt(event_type),
                                limit,
                            };
                            let expected: Vec<(String, f64)> = ranked
                                .iter()
                                .filter(|h| admits(by_id[h.doc_id.as_str()], &q))
                                .take(limit)
                                .map(|h| (h.doc_id.clone(), h.score))
                                .collect();
                            // each filter as a lookup per document, and as a set built once
                            for few in [0, usize::MAX] {
                                let got: Vec<(String, f64)> = store
                                    .search_with(&q, few)
                                    .unwrap()
                                    .into_iter()
                                    .map(|h| (h.doc_id, h.score))
                                    .collect();
                                assert_eq!(got, expected, "{q:?} few={few}");
                            }
                            checked += usize::from(!expected.is_empty());
                        }
                    }
                }
            }
        }
        assert!(
            checked > 100,
            "the filters found something often enough ({checked})"
        );
    }
}
