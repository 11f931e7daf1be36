//! The web page: files of web/dist embedded at build time (see build.rs), or, when the crate was
//! built without them, a short page that says how to build the UI.

use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/assets.rs"));
}

/// The Content-Security-Policy of every response: scripts, styles, fonts and data come only
/// from this server; nothing may frame the page.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'self'; frame-ancestors 'none'";

/// Whether the page was embedded (false when web/dist was missing at build time).
pub fn has_ui() -> bool {
    embedded::ASSETS.iter().any(|(p, _)| *p == "index.html")
}

const FALLBACK: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Marsad</title></head>
<body>
<h1>Marsad · مرصد</h1>
<p>This <code>marsad</code> was built without its web page. Build the page, then the binary:</p>
<pre>cd web &amp;&amp; npm ci &amp;&amp; npm run build &amp;&amp; cd ..
cargo build --release -p marsad-cli</pre>
<p>The API works without it: <a href="/api/openapi.json">/api/openapi.json</a>,
<a href="/api/stats">/api/stats</a>, <a href="/api/events">/api/events</a>.</p>
</body></html>
"#;

fn mime(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Everything that is not an API route: the page's files, `/` for its index.
pub async fn static_file(uri: Uri) -> Response {
    let path = uri.path();
    if path == "/api" || path.starts_with("/api/") {
        return ApiError::not_found(format!("no such endpoint: {path}")).into_response();
    }
    let rel = match path.trim_start_matches('/') {
        "" => "index.html",
        p => p,
    };
    if rel == "index.html" && !has_ui() {
        return (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            FALLBACK,
        )
            .into_response();
    }
    match embedded::ASSETS.iter().find(|(p, _)| *p == rel) {
        Some((p, bytes)) => {
            // Vite names built assets by their hash: they never change under one name
            let cache = if p.starts_with("assets/") {
                "public, max-age=31536000, immutable"
            } else {
                "no-cache"
            };
            let mut res = (StatusCode::OK, *bytes).into_response();
            let h = res.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime(p)));
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
            res
        }
        None => ApiError::not_found(format!("no such file: {path}")).into_response(),
    }
}
