//! Request parameters: extractors whose rejections are JSON errors, and the query strings of
//! each endpoint.

use axum::extract::{FromRequestParts, Path, Query};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::{from_rejection, ApiError};

/// The largest page `/api/events` serves.
pub const MAX_PAGE: usize = 1000;
/// The largest page of `format=columns`, the map's compact format: the newest 20,000 events
/// in one response (about 60 bytes an event before compression).
pub const MAX_COLUMNS_PAGE: usize = 20_000;
/// The page size when none is asked for.
pub const DEFAULT_PAGE: usize = 100;
/// The most hits `/api/search` returns.
pub const MAX_HITS: usize = 100;

/// axum's `Query`, with a malformed parameter answered by a JSON 400.
pub struct Q<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Q<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(v)) => Ok(Q(v)),
            Err(r) => Err(from_rejection(r.status(), r.body_text())),
        }
    }
}

/// axum's `Path`, with a malformed segment (`/api/events/abc`) answered by a JSON 400.
pub struct P<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for P<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(v)) => Ok(P(v)),
            Err(r) => Err(from_rejection(r.status(), r.body_text())),
        }
    }
}

/// How `/api/events` answers.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum EventsFormat {
    /// `{total, limit, offset, events: [EventRecord]}`.
    #[default]
    Json,
    /// A FeatureCollection of points (the same as `marsad events --format geojson`).
    Geojson,
    /// `{total, limit, offset, events: [EventSummary]}`: what the map needs, without sources.
    Summary,
    /// The summaries as columns, `{total, limit, offset, count, columns, values}`: one array
    /// per field, and text fields as numbers into `values[field]` (a type, a place or an actor
    /// is sent once). Pages of up to [`MAX_COLUMNS_PAGE`].
    Columns,
}

/// The query string of `/api/events`: the filters of `marsad events`, and a page.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EventsParams {
    pub since: Option<String>,
    pub until: Option<String>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    #[serde(rename = "type")]
    pub event_type: Option<String>,
    pub actor: Option<String>,
    pub include_background: Option<bool>,
    /// Only events of at least this confidence (0 to 1).
    pub min_confidence: Option<f64>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
    pub format: Option<EventsFormat>,
    /// `false` skips counting the matching events (`total` is then null): a client paging
    /// through a result it has already counted saves the store a scan.
    pub count: Option<bool>,
}

/// The query string of `/api/search`.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SearchParams {
    pub q: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub country: Option<String>,
    #[serde(rename = "type")]
    pub event_type: Option<String>,
    pub limit: Option<usize>,
}

/// `Some` only for a value with something in it (`?country=` means no filter).
pub fn given(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Checks a `YYYY-MM-DD` day before it reaches the store.
pub fn check_day(name: &str, v: &Option<String>) -> Result<(), ApiError> {
    if let Some(d) = v {
        let ok = d.len() == 10
            && d.as_bytes()[4] == b'-'
            && d.as_bytes()[7] == b'-'
            && d.bytes()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit())
            && valid_day(d);
        if !ok {
            return Err(ApiError::bad_request(format!(
                "{name} must be a date YYYY-MM-DD, not {d:?}"
            )));
        }
    }
    Ok(())
}

fn valid_day(d: &str) -> bool {
    let (Ok(y), Ok(m), Ok(day)) = (
        d[..4].parse::<u32>(),
        d[5..7].parse::<u32>(),
        d[8..].parse::<u32>(),
    ) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

impl EventsParams {
    /// The store's filter, or a 400 that says which parameter is wrong.
    pub fn filter(&self) -> Result<marsad_store::EventFilter, ApiError> {
        let since = given(&self.since);
        let until = given(&self.until);
        check_day("since", &since)?;
        check_day("until", &until)?;
        let limit = self.limit.unwrap_or(DEFAULT_PAGE);
        let max = match self.format {
            Some(EventsFormat::Columns) => MAX_COLUMNS_PAGE,
            _ => MAX_PAGE,
        };
        if limit == 0 || limit > max {
            return Err(ApiError::bad_request(format!(
                "limit must be between 1 and {max}, not {limit}"
            )));
        }
        Ok(marsad_store::EventFilter {
            since,
            until,
            country: given(&self.country),
            admin1: given(&self.admin1),
            event_type: given(&self.event_type),
            actor: given(&self.actor),
            include_background: self.include_background.unwrap_or(false),
            min_confidence: self.min_confidence,
            limit: Some(limit),
            offset: self.offset.unwrap_or(0),
            max_sources: None,
        })
    }
}

impl SearchParams {
    /// The store's query, or a 400.
    pub fn query(&self) -> Result<marsad_store::SearchQuery, ApiError> {
        let Some(text) = given(&self.q) else {
            return Err(ApiError::bad_request(
                "q (the words to search for) is required",
            ));
        };
        let since = given(&self.since);
        let until = given(&self.until);
        check_day("since", &since)?;
        check_day("until", &until)?;
        let limit = self.limit.unwrap_or(20);
        if limit == 0 || limit > MAX_HITS {
            return Err(ApiError::bad_request(format!(
                "limit must be between 1 and {MAX_HITS}, not {limit}"
            )));
        }
        Ok(marsad_store::SearchQuery {
            text,
            since,
            until,
            country: given(&self.country),
            event_type: given(&self.event_type),
            limit,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_checked_before_the_store() {
        for ok in ["2021-06-29", "2024-02-29", "2000-02-29"] {
            assert!(check_day("since", &Some(ok.into())).is_ok(), "{ok}");
        }
        for bad in [
            "2021-6-29",
            "2021-13-01",
            "2023-02-29",
            "yesterday",
            "2021-06-29x",
            "٢٠٢١-٠٦-٢٩",
        ] {
            assert!(check_day("since", &Some(bad.into())).is_err(), "{bad}");
        }
    }

    #[test]
    fn page_size_is_capped() {
        let mut p = EventsParams {
            limit: Some(MAX_PAGE + 1),
            ..Default::default()
        };
        assert_eq!(p.filter().unwrap_err().status, 400);
        p.limit = Some(0);
        assert!(p.filter().is_err());
        p.limit = None;
        assert_eq!(p.filter().unwrap().limit, Some(DEFAULT_PAGE));
        // the map's compact format takes larger pages, up to its own cap
        p.format = Some(EventsFormat::Columns);
        p.limit = Some(MAX_COLUMNS_PAGE);
        assert!(p.filter().is_ok());
        p.limit = Some(MAX_COLUMNS_PAGE + 1);
        assert_eq!(p.filter().unwrap_err().status, 400);
    }

    #[test]
    fn empty_parameters_are_no_filter() {
        let p = EventsParams {
            country: Some("  ".into()),
            since: Some(String::new()),
            ..Default::default()
        };
        let f = p.filter().unwrap();
        assert!(f.country.is_none() && f.since.is_none());
    }
}
