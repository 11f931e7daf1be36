//! Marsad's HTTP API and web map: what `marsad serve` runs.
//!
//! The API reads a store (read-only, through a small pool of SQLite connections) and answers
//! JSON; `POST /api/extract` runs the pipeline on a text or an HTML page sent to it. The web page
//! (web/ at the workspace root, built with Vite) is embedded into the binary at build time; see
//! [`web`]. Every error is `{"error": "..."}` with its status code; a malformed query parameter is
//! a 400, never a 5xx. The API is described at `GET /api/openapi.json`.
//!
//! ```no_run
//! let mut config = marsad_server::Config::new("news.db");
//! config.addr = "127.0.0.1:8080".parse().unwrap();
//! marsad_server::run(config).unwrap(); // until Ctrl-C
//! ```

mod api;
mod columns;
mod error;
mod params;
mod pool;
pub mod web;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::cors::CorsLayer;
use tower_http::set_header::SetResponseHeaderLayer;

pub use api::{ExtractRequest, OPENAPI};
pub use error::ApiError;
pub use marsad_store::EventSummary;
pub use params::{DEFAULT_PAGE, MAX_COLUMNS_PAGE, MAX_HITS, MAX_PAGE};

/// The address `marsad serve` listens on unless told otherwise: this machine only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";
/// The environment variable that holds the bearer token for POST requests.
pub const TOKEN_ENV: &str = "MARSAD_TOKEN";
/// The largest request body `POST /api/extract` takes (2 MiB).
pub const MAX_BODY: usize = 2 * 1024 * 1024;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Store(#[from] marsad_store::Error),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("{0}")]
    Config(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How to serve.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store to read (opened read-only; it must exist).
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// When set, POST requests need `Authorization: Bearer <token>`.
    pub token: Option<String>,
    /// One origin allowed to call the API from another site (CORS is off without it).
    pub cors: Option<String>,
    /// The largest request body, in bytes.
    pub max_body: usize,
    /// Store connections (and so store queries) at once.
    pub pool_size: usize,
}

impl Config {
    pub fn new(db: impl Into<PathBuf>) -> Self {
        Config {
            db: db.into(),
            addr: DEFAULT_ADDR.parse().expect("a valid address"),
            token: None,
            cors: None,
            max_body: MAX_BODY,
            pool_size: 4,
        }
    }
}

/// The application: every route, with its limits and headers.
pub fn router(config: &Config) -> Result<Router> {
    let pool = pool::StorePool::open(&config.db, config.pool_size)?;
    // reading the store does not need the pipeline: a model that fails to load disables
    // `POST /api/extract` only (503 with the reason), and says so at start-up
    let pipeline = match marsad::Pipeline::with_options(marsad::PipelineOptions::default()) {
        Ok(p) => Ok(Arc::new(p)),
        Err(e) => {
            tracing::warn!(error = %e, "the pipeline could not be built; POST /api/extract is off");
            eprintln!("marsad: POST /api/extract is off: {e}");
            Err(e.to_string())
        }
    };
    let state: api::Shared = Arc::new(api::AppState {
        pool: Arc::new(pool),
        pipeline,
        token: config.token.clone().filter(|t| !t.is_empty()),
        extract_permits: tokio::sync::Semaphore::new(2),
        stats: Default::default(),
        columns: Default::default(),
    });
    // the map's first view, read while the server starts (when there is a runtime to do it)
    if let Ok(rt) = tokio::runtime::Handle::try_current() {
        rt.spawn(api::warm_columns(state.clone()));
    }
    let extract = post(api::extract)
        .route_layer(middleware::from_fn_with_state(state.clone(), require_token))
        .layer(DefaultBodyLimit::max(config.max_body));
    let mut app = Router::new()
        .route("/health", get(api::health))
        .route("/api/openapi.json", get(api::openapi))
        .route("/api/events", get(api::events))
        .route("/api/events/{id}", get(api::event))
        .route("/api/documents/{id}", get(api::document))
        .route("/api/search", get(api::search))
        .route("/api/stats", get(api::stats))
        .route("/api/extract", extract)
        .fallback(web::static_file)
        .with_state(state)
        .layer(middleware::map_response(json_errors))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(web::CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        // gzip for clients that ask (JSON pages and the country outlines shrink 3 to 8 times);
        // the fastest level, since the page is often read over loopback, where bytes are cheap
        .layer(
            CompressionLayer::new()
                .gzip(true)
                .quality(CompressionLevel::Fastest),
        );
    if let Some(origin) = &config.cors {
        let origin = HeaderValue::from_str(origin)
            .map_err(|_| Error::Config(format!("--cors {origin:?} is not a valid origin")))?;
        app = app.layer(
            CorsLayer::new()
                .allow_origin(origin)
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION])
                .expose_headers([HeaderName::from_static("x-total-count")]),
        );
    }
    Ok(app)
}

/// Rejects a request without the configured bearer token (401).
async fn require_token(State(s): State<api::Shared>, req: Request, next: Next) -> Response {
    if let Some(token) = &s.token {
        let given = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or("");
        if !same_secret(given.as_bytes(), token.as_bytes()) {
            return ApiError::new(
                StatusCode::UNAUTHORIZED,
                "this server needs Authorization: Bearer <token> for POST",
            )
            .into_response();
        }
    }
    next.run(req).await
}

/// Compares without stopping at the first difference.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Makes sure an error answered by axum itself (405, a rejection we did not map) is JSON too.
async fn json_errors(res: Response) -> Response {
    let status = res.status();
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if (status.is_client_error() || status.is_server_error()) && !is_json {
        let reason = status.canonical_reason().unwrap_or("error").to_lowercase();
        let mut out = ApiError::new(status, reason).into_response();
        for (k, v) in res.headers() {
            if k == header::ALLOW || k == header::WWW_AUTHENTICATE {
                out.headers_mut().insert(k.clone(), v.clone());
            }
        }
        return out;
    }
    res
}

/// A server bound to its address, not yet serving.
pub struct Server {
    listener: tokio::net::TcpListener,
    app: Router,
}

impl Server {
    /// Opens the store and binds `config.addr` (port 0 picks a free port).
    pub async fn bind(config: &Config) -> Result<Server> {
        let app = router(config)?;
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| Error::Bind {
                addr: config.addr,
                source,
            })?;
        Ok(Server { listener, app })
    }

    pub fn local_addr(&self) -> Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn serve(self, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<()> {
        axum::serve(self.listener, self.app)
            .with_graceful_shutdown(shutdown)
            .await?;
        Ok(())
    }
}

/// Serves `config` until Ctrl-C or SIGTERM, on a runtime of two worker threads.
pub fn run(config: Config) -> Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(config.pool_size.max(2) + 4)
        .enable_all()
        .build()?;
    rt.block_on(async {
        let server = Server::bind(&config).await?;
        let addr = server.local_addr()?;
        eprintln!("marsad: serving {} on http://{addr}/", config.db.display());
        if !web::has_ui() {
            eprintln!("marsad: built without the web page (web/dist); see README, \"Web map\"");
        }
        server.serve(shutdown_signal()).await
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
