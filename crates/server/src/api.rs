//! The JSON endpoints under `/api` and `/health`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use marsad::{InputKind, Pipeline, RawDocument};
use marsad_store::{EventRecord, EventSummary};
use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;

use crate::error::ApiError;
use crate::params::{EventsFormat, EventsParams, SearchParams, P, Q};
use crate::pool::StorePool;

/// What every handler shares.
pub struct AppState {
    pub pool: Arc<StorePool>,
    /// The pipeline, or why it could not be built (then only `/api/extract` fails, with a 503).
    pub pipeline: Result<Arc<Pipeline>, String>,
    /// Bearer token required on POST, when set.
    pub token: Option<String>,
    /// Bounds the extractions that run at once (they are CPU work).
    pub extract_permits: Semaphore,
    /// `/api/stats`, counted once per store generation.
    pub stats: StatsCache,
    /// Recent `format=columns` answers.
    pub columns: ColumnsCache,
}

pub type Shared = Arc<AppState>;

/// The OpenAPI 3 description of this API.
pub const OPENAPI: &str = include_str!("openapi.json");

pub async fn health() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }))
}

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

#[derive(Serialize)]
struct Page<T> {
    total: Option<i64>,
    limit: usize,
    offset: usize,
    events: Vec<T>,
}

/// What the store read for `/api/events`: full records, or summaries (one query).
enum Events {
    Records(Vec<EventRecord>),
    Summaries(Vec<EventSummary>),
}

/// Recent `format=columns` answers, each valid for the store generation it was read at. The
/// map asks for the same newest 20,000 events on every visit until the store changes, so the
/// answer is read once per generation (and once at start-up, see [`warm_columns`]).
#[derive(Default)]
pub struct ColumnsCache {
    entries: std::sync::Mutex<std::collections::VecDeque<CachedColumns>>,
}

struct CachedColumns {
    key: String,
    generation: [i64; 4],
    total: Option<i64>,
    body: Bytes,
}

/// Answers kept at most (each under 2 MB for a page of 20,000 events).
const CACHED_COLUMNS: usize = 8;

impl ColumnsCache {
    fn get(&self, key: &str, generation: [i64; 4]) -> Option<(Option<i64>, Bytes)> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries
            .iter()
            .find(|c| c.key == key && c.generation == generation)
            .map(|c| (c.total, c.body.clone()))
    }

    fn put(&self, key: String, generation: [i64; 4], total: Option<i64>, body: Bytes) {
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        entries.retain(|c| c.key != key);
        if entries.len() >= CACHED_COLUMNS {
            entries.pop_back();
        }
        entries.push_front(CachedColumns {
            key,
            generation,
            total,
            body,
        });
    }
}

/// The body of a `format=columns` answer and its total, from the cache or the store.
async fn columns(s: &Shared, p: &EventsParams) -> Result<(Option<i64>, Bytes), ApiError> {
    let filter = p.filter()?;
    let count = p.count.unwrap_or(true);
    let limit = p.limit.unwrap_or(crate::params::DEFAULT_PAGE);
    let offset = p.offset.unwrap_or(0);
    let key = format!("{filter:?} count={count}");
    let state = Arc::clone(s);
    s.pool
        .run(move |store| {
            let generation = store.generation()?;
            if let Some(hit) = state.columns.get(&key, generation) {
                return Ok(hit);
            }
            let total = if count {
                Some(store.count_events(&filter)?)
            } else {
                None
            };
            let events = store.event_summaries(&filter)?;
            let body =
                serde_json::to_vec(&crate::columns::Columns::new(total, limit, offset, &events))
                    .map_err(|e| ApiError::internal(format!("columns: {e}")))?;
            let body = Bytes::from(body);
            state.columns.put(key, generation, total, body.clone());
            Ok((total, body))
        })
        .await
}

/// Reads the map's first view (the newest events, no filter) into the cache, so that the first
/// visitor after start-up does not wait for it.
pub async fn warm_columns(s: Shared) {
    let p = EventsParams {
        format: Some(EventsFormat::Columns),
        limit: Some(crate::params::MAX_COLUMNS_PAGE),
        ..Default::default()
    };
    if let Err(e) = columns(&s, &p).await {
        tracing::warn!(error = %e.message, "could not read the map's first view");
    }
}

pub async fn events(State(s): State<Shared>, Q(p): Q<EventsParams>) -> Result<Response, ApiError> {
    let format = p.format.unwrap_or_default();
    if format == EventsFormat::Columns {
        let (total, body) = columns(&s, &p).await?;
        let mut res = ([(header::CONTENT_TYPE, "application/json")], body).into_response();
        if let Some(total) = total {
            res.headers_mut().insert(
                "x-total-count",
                HeaderValue::from_str(&total.to_string()).expect("digits"),
            );
        }
        return Ok(res);
    }
    let filter = p.filter()?;
    let count = p.count.unwrap_or(true);
    let (total, events) = s
        .pool
        .run(move |store| {
            let total = if count {
                Some(store.count_events(&filter)?)
            } else {
                None
            };
            let events = match format {
                EventsFormat::Summary => Events::Summaries(store.event_summaries(&filter)?),
                _ => Events::Records(store.events(&filter)?),
            };
            Ok((total, events))
        })
        .await?;
    let limit = p.limit.unwrap_or(crate::params::DEFAULT_PAGE);
    let offset = p.offset.unwrap_or(0);
    let mut res = match events {
        Events::Records(events) if format == EventsFormat::Json => Json(Page {
            total,
            limit,
            offset,
            events,
        })
        .into_response(),
        Events::Summaries(events) => Json(Page {
            total,
            limit,
            offset,
            events,
        })
        .into_response(),
        Events::Records(events) => {
            let mut body = Vec::new();
            marsad_store::write_geojson(&mut body, &events)
                .map_err(|e| ApiError::internal(format!("geojson: {e}")))?;
            ([(header::CONTENT_TYPE, "application/geo+json")], body).into_response()
        }
    };
    if let Some(total) = total {
        res.headers_mut().insert(
            "x-total-count",
            HeaderValue::from_str(&total.to_string()).expect("digits"),
        );
    }
    Ok(res)
}

pub async fn event(State(s): State<Shared>, P(id): P<i64>) -> Result<Json<EventRecord>, ApiError> {
    s.pool
        .run(move |store| {
            store
                .event(id)?
                .ok_or_else(|| ApiError::not_found(format!("no event {id}")))
        })
        .await
        .map(Json)
}

pub async fn document(State(s): State<Shared>, P(id): P<i64>) -> Result<Response, ApiError> {
    let doc = s
        .pool
        .run(move |store| {
            store
                .document(id)?
                .ok_or_else(|| ApiError::not_found(format!("no document {id}")))
        })
        .await?;
    Ok(Json(doc).into_response())
}

pub async fn search(State(s): State<Shared>, Q(p): Q<SearchParams>) -> Result<Response, ApiError> {
    let q = p.query()?;
    let hits = s.pool.run(move |store| Ok(store.search(&q)?)).await?;
    Ok(Json(serde_json::json!({ "hits": hits })).into_response())
}

/// The last answer of `/api/stats` and the store generation it was counted at.
pub type StatsCache = std::sync::Mutex<Option<([i64; 4], Bytes)>>;

/// Counts over the whole store take a scan (half a second on 100,000 events), so the answer is
/// kept until the store changes: each request reads the store's generation (four index ends)
/// and counts again only when it moved.
pub async fn stats(State(s): State<Shared>) -> Result<Response, ApiError> {
    let state = Arc::clone(&s);
    let body = s
        .pool
        .run(move |store| {
            let generation = store.generation()?;
            let cached = state
                .stats
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone();
            if let Some((at, body)) = cached {
                if at == generation {
                    return Ok(body);
                }
            }
            let body = Bytes::from(
                serde_json::to_vec(&store.stats()?)
                    .map_err(|e| ApiError::internal(format!("stats: {e}")))?,
            );
            *state.stats.lock().unwrap_or_else(|e| e.into_inner()) =
                Some((generation, body.clone()));
            Ok(body)
        })
        .await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// The JSON body of `POST /api/extract`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExtractRequest {
    pub id: Option<String>,
    pub text: Option<String>,
    pub html: Option<String>,
    /// RFC 3339 or `YYYY-MM-DD`: the anchor of relative dates.
    pub published: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub title: Option<String>,
}

pub async fn extract(
    State(s): State<Shared>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body.map_err(|r| crate::error::from_rejection(r.status(), r.body_text()))?;
    let raw = raw_document(&headers, &body)?;
    let _permit = s
        .extract_permits
        .acquire()
        .await
        .map_err(|_| ApiError::internal("closed"))?;
    let pipeline = match &s.pipeline {
        Ok(p) => Arc::clone(p),
        Err(reason) => {
            return Err(ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("extraction is unavailable on this server: {reason}"),
            ))
        }
    };
    let result = tokio::task::spawn_blocking(move || pipeline.process(&raw))
        .await
        .map_err(|e| ApiError::internal(format!("extraction failed: {e}")))?;
    Ok(Json(result).into_response())
}

/// Reads the body as the content type says: JSON `{text|html, ...}`, `text/plain` or
/// `text/html`.
fn raw_document(headers: &HeaderMap, body: &[u8]) -> Result<RawDocument, ApiError> {
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let text = |body: &[u8]| {
        std::str::from_utf8(body)
            .map(str::to_string)
            .map_err(|_| ApiError::bad_request("the body is not UTF-8"))
    };
    match ctype.as_str() {
        "application/json" => {
            let req: ExtractRequest = serde_json::from_slice(body)
                .map_err(|e| ApiError::bad_request(format!("invalid JSON body: {e}")))?;
            let (kind, content) = match (req.text, req.html) {
                (Some(t), None) => (InputKind::Text, t),
                (None, Some(h)) => (InputKind::Html, h),
                _ => {
                    return Err(ApiError::bad_request(
                        "give exactly one of \"text\" and \"html\"",
                    ))
                }
            };
            let mut raw =
                RawDocument::from_text(req.id.unwrap_or_else(|| "request".into()), kind, content);
            raw.published = req.published;
            raw.url = req.url;
            raw.source = req.source;
            raw.title = req.title;
            Ok(raw)
        }
        "text/plain" | "" => Ok(RawDocument::from_text(
            "request",
            InputKind::Text,
            text(body)?,
        )),
        "text/html" => Ok(RawDocument::from_text(
            "request",
            InputKind::Html,
            text(body)?,
        )),
        other => Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("content type {other:?}: send application/json, text/plain or text/html"),
        )),
    }
}
