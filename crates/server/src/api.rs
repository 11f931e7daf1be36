//! The JSON endpoints under `/api` and `/health`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use marsad::{InputKind, Pipeline, RawDocument};
use marsad_store::EventRecord;
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

/// One event as the map draws it: no sources, no associated actors.
#[derive(Debug, Serialize)]
pub struct EventSummary {
    pub id: i64,
    pub date: String,
    pub event_type: String,
    pub sub_event_type: String,
    pub plover: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub place: Option<String>,
    pub place_ar: Option<String>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub actor1: Option<String>,
    pub actor1_ar: Option<String>,
    pub actor2: Option<String>,
    pub actor2_ar: Option<String>,
    pub fatalities: Option<u32>,
    pub n_sources: u32,
    /// Store numbers of the documents that report it (for filtering by a text search).
    pub documents: Vec<i64>,
}

impl From<&EventRecord> for EventSummary {
    fn from(e: &EventRecord) -> Self {
        let place = e.location.as_ref().map(|l| &l.place);
        EventSummary {
            id: e.id,
            date: e.event_date.clone(),
            event_type: e.event_type.clone(),
            sub_event_type: e.sub_event_type.clone(),
            plover: e.plover.event.clone(),
            lat: place.map(|p| p.lat),
            lon: place.map(|p| p.lon),
            place: place.map(|p| p.name.clone()),
            place_ar: place.and_then(|p| p.name_ar.clone()),
            country: place.map(|p| p.country.clone()),
            admin1: place.and_then(|p| p.admin1.clone()),
            actor1: e.actor1.as_ref().map(|a| a.name.clone()),
            actor1_ar: e.actor1.as_ref().and_then(|a| a.name_ar.clone()),
            actor2: e.actor2.as_ref().map(|a| a.name.clone()),
            actor2_ar: e.actor2.as_ref().and_then(|a| a.name_ar.clone()),
            fatalities: e.fatalities,
            n_sources: e.n_sources,
            documents: e.sources.iter().map(|s| s.document).collect(),
        }
    }
}

#[derive(Serialize)]
struct Page<T> {
    total: Option<i64>,
    limit: usize,
    offset: usize,
    events: Vec<T>,
}

pub async fn events(State(s): State<Shared>, Q(p): Q<EventsParams>) -> Result<Response, ApiError> {
    let filter = p.filter()?;
    let format = p.format.unwrap_or_default();
    let count = p.count.unwrap_or(true);
    let (total, events) = s
        .pool
        .run(move |store| {
            let total = if count {
                Some(store.count_events(&filter)?)
            } else {
                None
            };
            Ok((total, store.events(&filter)?))
        })
        .await?;
    let limit = p.limit.unwrap_or(crate::params::DEFAULT_PAGE);
    let offset = p.offset.unwrap_or(0);
    let mut res = match format {
        EventsFormat::Json => Json(Page {
            total,
            limit,
            offset,
            events,
        })
        .into_response(),
        EventsFormat::Summary => Json(Page {
            total,
            limit,
            offset,
            events: events.iter().map(EventSummary::from).collect::<Vec<_>>(),
        })
        .into_response(),
        EventsFormat::Geojson => {
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

pub async fn stats(State(s): State<Shared>) -> Result<Response, ApiError> {
    let stats = s.pool.run(|store| Ok(store.stats()?)).await?;
    Ok(Json(stats).into_response())
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
