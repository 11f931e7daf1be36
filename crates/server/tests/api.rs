//! The API as a client sees it: a server on 127.0.0.1 (a free port) over a temporary store
//! built from the fixture documents.

mod common;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::OnceLock;

use common::fixtures;
use common::http::{get, request};
use marsad_server::{Config, Server};
use serde_json::Value;

/// A fresh store with the fixture documents, in a folder of its own.
fn fixture_db(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("marsad-server-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("fixtures.db");
    let mut store = marsad_store::Store::open(&db).unwrap();
    store.ingest(&fixtures::documents()).unwrap();
    db
}

/// Starts a server on its own runtime thread; it lives as long as the test process.
fn start(name: &str, configure: impl FnOnce(&mut Config)) -> SocketAddr {
    let mut config = Config::new(fixture_db(name));
    config.addr = "127.0.0.1:0".parse().unwrap();
    configure(&mut config);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let server = Server::bind(&config).await.unwrap();
            tx.send(server.local_addr().unwrap()).unwrap();
            server.serve(std::future::pending()).await.unwrap();
        });
    });
    rx.recv().unwrap()
}

fn server() -> SocketAddr {
    static S: OnceLock<SocketAddr> = OnceLock::new();
    *S.get_or_init(|| start("plain", |_| {}))
}

const TOKEN: &str = "s3cret-token";

fn guarded() -> SocketAddr {
    static S: OnceLock<SocketAddr> = OnceLock::new();
    *S.get_or_init(|| {
        start("guarded", |c| {
            c.token = Some(TOKEN.into());
            c.cors = Some("http://analyst.example".into());
        })
    })
}

fn get_json(path: &str) -> Value {
    let r = get(server(), path);
    assert_eq!(r.status, 200, "GET {path}: {}", r.text());
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    r.json()
}

/// Asserts a JSON error with `status`.
fn assert_error(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    status: u16,
) -> String {
    let r = request(addr, method, path, headers, body);
    assert_eq!(r.status, status, "{method} {path}: {}", r.text());
    assert!(
        r.header("content-type")
            .is_some_and(|c| c.starts_with("application/json")),
        "{method} {path}: an error is JSON, got {:?}",
        r.header("content-type")
    );
    let v = r.json();
    let msg = v["error"]
        .as_str()
        .unwrap_or_else(|| panic!("{method} {path}: no error field in {v}"));
    assert!(!msg.is_empty());
    msg.to_string()
}

fn ids(page: &Value) -> Vec<i64> {
    page["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect()
}

fn chars(text: &str, span: &Value) -> String {
    let (a, b) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    text.chars().skip(a).take(b - a).collect()
}

#[test]
fn health_and_openapi_describe_every_route() {
    assert_eq!(get_json("/health")["status"], "ok");
    let api = get_json("/api/openapi.json");
    assert!(api["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/health",
        "/api/events",
        "/api/events/{id}",
        "/api/search",
        "/api/documents/{id}",
        "/api/stats",
        "/api/extract",
    ] {
        assert!(
            api["paths"].get(path).is_some(),
            "openapi.json lacks {path}"
        );
    }
}

#[test]
fn events_filter_like_the_events_command() {
    let all = get_json("/api/events");
    assert_eq!(all["total"], 5, "six events, one of them background: {all}");
    assert_eq!(all["events"].as_array().unwrap().len(), 5);
    let dates: Vec<&str> = all["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event_date"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");

    assert_eq!(get_json("/api/events?include_background=true")["total"], 6);
    assert_eq!(
        get_json("/api/events?include_background=true&min_confidence=0")["total"],
        6
    );
    assert_eq!(get_json("/api/events?type=Protests")["total"], 1);
    assert_eq!(
        get_json("/api/events?type=air%2Fdrone%20strike")["total"],
        1
    );
    assert_eq!(get_json("/api/events?country=SY")["total"], 2);
    assert_eq!(get_json("/api/events?country=Syria")["total"], 2);
    assert_eq!(get_json("/api/events?admin1=idlib")["total"], 1);
    assert_eq!(get_json("/api/events?actor=protesters")["total"], 1);
    let arabic_actor = "/api/events?actor=%D9%85%D8%AA%D8%B8%D8%A7%D9%87%D8%B1%D9%88%D9%86"; // متظاهرون
    assert_eq!(get_json(arabic_actor)["total"], 1);
    assert_eq!(get_json("/api/events?since=2024-03-15")["total"], 2);
    assert_eq!(
        get_json("/api/events?since=2024-03-12&until=2024-03-14")["total"],
        2
    );
    assert_eq!(
        get_json("/api/events?country=&type=")["total"],
        5,
        "empty parameters filter nothing"
    );
    assert_eq!(
        get_json("/api/events?actor=%25")["total"],
        5,
        "a LIKE wildcard is not a filter"
    );
}

#[test]
fn events_are_paged() {
    let r = get(server(), "/api/events?limit=2");
    assert_eq!(r.header("x-total-count"), Some("5"));
    let first = r.json();
    let second = get_json("/api/events?limit=2&offset=2");
    let third = get_json("/api/events?limit=2&offset=4");
    assert_eq!(
        (first["limit"].as_i64(), first["offset"].as_i64()),
        (Some(2), Some(0))
    );
    let mut seen: Vec<i64> = [ids(&first), ids(&second), ids(&third)].concat();
    assert_eq!(seen.len(), 5);
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 5, "pages do not overlap");
    assert_eq!(ids(&get_json("/api/events?limit=2&offset=10")).len(), 0);
    assert_eq!(
        get_json("/api/events?limit=1000")["events"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    let uncounted = get(server(), "/api/events?limit=2&offset=2&count=false");
    assert!(uncounted.header("x-total-count").is_none());
    let uncounted = uncounted.json();
    assert!(uncounted["total"].is_null());
    assert_eq!(ids(&uncounted), ids(&second));
}

#[test]
fn events_as_geojson_and_summaries() {
    let r = get(server(), "/api/events?format=geojson&country=SY");
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/geo+json"));
    let g = r.json();
    assert_eq!(g["type"], "FeatureCollection");
    let features = g["features"].as_array().unwrap();
    assert_eq!(features.len(), 2);
    for f in features {
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        assert!(
            c[0].as_f64().unwrap() > 35.0 && c[1].as_f64().unwrap() > 34.0,
            "[lon, lat]: {c:?}"
        );
    }
    let s = get_json("/api/events?format=summary&type=Protests");
    let e = &s["events"][0];
    assert_eq!(e["place"], "Baghdad");
    assert_eq!(e["place_ar"], "بغداد");
    assert_eq!(e["country"], "IQ");
    assert!(e["lat"].as_f64().is_some() && e.get("sources").is_none());
    assert_eq!(e["documents"].as_array().unwrap().len(), 1);
}

#[test]
fn events_as_columns_match_the_summaries() {
    let c = get_json("/api/events?format=columns&limit=20000");
    let s = get_json("/api/events?format=summary&limit=1000");
    let summaries = s["events"].as_array().unwrap();
    assert_eq!(c["total"], s["total"]);
    assert_eq!(c["count"].as_u64().unwrap() as usize, summaries.len());
    for (i, e) in summaries.iter().enumerate() {
        for (field, value) in e.as_object().unwrap() {
            let cell = &c["columns"][field][i];
            let got = match c["values"].get(field) {
                Some(values) if !cell.is_null() => values[cell.as_u64().unwrap() as usize].clone(),
                _ => cell.clone(),
            };
            assert_eq!(&got, value, "event {i}, field {field}");
        }
    }
    // filters apply as in the other formats; the cap is the format's own
    let protests = get_json("/api/events?format=columns&type=Protests&limit=5000");
    assert_eq!(protests["count"], 1);
    assert_eq!(
        protests["values"]["event_type"],
        serde_json::json!(["Protests"])
    );
    assert_error(
        server(),
        "GET",
        "/api/events?format=columns&limit=20001",
        &[],
        b"",
        400,
    );
    assert_error(
        server(),
        "GET",
        "/api/events?format=summary&limit=1001",
        &[],
        b"",
        400,
    );
}

#[test]
fn a_type_filter_reads_any_of_the_three_type_columns() {
    // ACLED type, sub-event type and PLOVER type, in any case; an unknown type matches nothing
    for (t, n) in [
        ("Protests", 1),
        ("protests", 1),
        ("Peaceful%20protest", 1),
        ("PROTEST", 2),
        ("No%20such%20type", 0),
    ] {
        let page = get_json(&format!("/api/events?type={t}"));
        assert_eq!(page["total"], n, "type={t}");
        assert_eq!(ids(&page).len(), n as usize, "type={t}");
    }
    let with_background = get_json("/api/events?type=protests&include_background=true");
    assert!(with_background["total"].as_i64().unwrap() >= 1);
}

#[test]
fn stats_are_kept_and_json_is_gzipped_on_request() {
    let a = get(server(), "/api/stats");
    let b = get(server(), "/api/stats");
    assert_eq!(a.status, 200);
    assert!(a
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    assert_eq!(a.body, b.body);
    assert!(a.json()["events"].as_i64().unwrap() > 0);
    let gz = request(
        server(),
        "GET",
        "/api/events?format=columns&limit=100",
        &[("Accept-Encoding", "gzip")],
        b"",
    );
    assert_eq!(gz.status, 200);
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    assert_eq!(&gz.body[..2], &[0x1f, 0x8b]);
    let plain = get(server(), "/api/events?format=columns&limit=100");
    assert!(plain.header("content-encoding").is_none());
}

#[test]
fn an_event_carries_every_source_and_its_spans() {
    let page = get_json("/api/events?type=Air%2Fdrone%20strike");
    let id = page["events"][0]["id"].as_i64().unwrap();
    let ev = get_json(&format!("/api/events/{id}"));
    assert_eq!(ev["n_sources"], 2);
    assert_eq!(ev["fatalities"], 3, "the lower toll");
    let sources = ev["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 2);
    for s in sources {
        let doc = get_json(&format!("/api/documents/{}", s["document"]));
        let text = doc["article"]["text"].as_str().unwrap();
        assert_eq!(chars(text, &s["span"]), s["sentence"].as_str().unwrap());
        assert_eq!(
            chars(text, &s["trigger_span"]),
            s["trigger"].as_str().unwrap()
        );
    }
}

#[test]
fn a_document_has_its_entities_and_evidence_as_spans() {
    let page = get_json("/api/events?type=Protests");
    let doc_id = page["events"][0]["sources"][0]["document"]
        .as_i64()
        .unwrap();
    let doc = get_json(&format!("/api/documents/{doc_id}"));
    let text = doc["article"]["text"].as_str().unwrap();
    let entities = doc["entities"].as_array().unwrap();
    assert_eq!(entities.len(), 3);
    for e in entities {
        assert_eq!(chars(text, &e["span"]), e["text"].as_str().unwrap());
    }
    let ev = &doc["events"][0]["evidence"];
    assert_eq!(chars(text, &ev["span"]), ev["sentence"].as_str().unwrap());
    assert_eq!(chars(text, &ev["trigger"]["span"]), "تظاهر");
}

#[test]
fn hostile_markup_comes_back_as_data() {
    let page = get_json("/api/events?type=Attack");
    let doc_id = page["events"][0]["sources"][0]["document"]
        .as_i64()
        .unwrap();
    let r = get(server(), &format!("/api/documents/{doc_id}"));
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    let doc = r.json();
    assert!(doc["article"]["text"]
        .as_str()
        .unwrap()
        .contains(fixtures::HOSTILE));
    assert!(doc["article"]["title"]
        .as_str()
        .unwrap()
        .contains(fixtures::HOSTILE));
}

#[test]
fn missing_things_are_404() {
    assert_error(server(), "GET", "/api/events/999999", &[], b"", 404);
    assert_error(server(), "GET", "/api/documents/999999", &[], b"", 404);
    assert_error(server(), "GET", "/api/nothing", &[], b"", 404);
    assert_error(server(), "GET", "/assets/nothing.js", &[], b"", 404);
}

#[test]
fn malformed_parameters_are_400_with_a_json_error() {
    for path in [
        "/api/events?limit=abc",
        "/api/events?limit=-1",
        "/api/events?limit=0",
        "/api/events?limit=1001",
        "/api/events?offset=x",
        "/api/events?since=2024-13-01",
        "/api/events?since=yesterday",
        "/api/events?until=2024-02-30",
        "/api/events?include_background=maybe",
        "/api/events?min_confidence=high",
        "/api/events?min_confidence=1.5",
        "/api/events?format=xml",
        "/api/events?count=perhaps",
        "/api/events/abc",
        "/api/events/1.5",
        "/api/documents/%D9%A1",
        "/api/search",
        "/api/search?q=",
        "/api/search?q=%D8%B3%D8%B1%D9%85%D9%8A%D9%86&limit=0",
        "/api/search?q=%D8%B3%D8%B1%D9%85%D9%8A%D9%86&limit=ten",
        "/api/search?q=%D8%B3%D8%B1%D9%85%D9%8A%D9%86&since=2024-3-1",
        "/api/search?q=%22%22",
    ] {
        let msg = assert_error(server(), "GET", path, &[], b"", 400);
        assert!(!msg.contains("panicked"), "{path}: {msg}");
    }
    let msg = assert_error(server(), "GET", "/api/events?limit=5000", &[], b"", 400);
    assert!(msg.contains("1000"), "{msg}");
}

#[test]
fn search_finds_spelling_variants() {
    let hits = get_json("/api/search?q=%D8%B3%D8%B1%D9%85%D9%8A%D9%86"); // سرمين
    let hits = hits["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2);
    assert!(hits[0]["snippet"].as_str().unwrap().contains("سرمين"));
    let one = get_json("/api/search?q=%D8%B3%D8%B1%D9%85%D9%8A%D9%86&limit=1");
    assert_eq!(one["hits"].as_array().unwrap().len(), 1);
}

#[test]
fn stats_count_by_day_type_and_country() {
    let s = get_json("/api/stats");
    assert_eq!(s["documents"], 8);
    assert_eq!(s["events"], 5);
    let pairs = |k: &str| -> Vec<(String, i64)> {
        s[k].as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_str().unwrap().to_string(), p[1].as_i64().unwrap()))
            .collect()
    };
    assert!(pairs("by_type").contains(&("Protests".into(), 1)));
    assert!(pairs("by_country").contains(&("SY".into(), 2)));
    assert_eq!(
        pairs("by_day").first().unwrap(),
        &("2024-03-10".to_string(), 1)
    );
}

#[test]
fn extract_takes_json_text_or_html() {
    let body = serde_json::json!({
        "text": "قصفت طائرات مواقع في المدينة أمس الإثنين وقتل ثلاثة عناصر.",
        "published": "2021-06-29T16:03:00+03:00",
        "id": "posted",
    });
    let r = request(
        server(),
        "POST",
        "/api/extract",
        &[("Content-Type", "application/json")],
        body.to_string().as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let doc = r.json();
    assert_eq!(doc["id"], "posted");
    assert!(doc["error"].is_null());
    assert!(doc["article"]["text"].as_str().unwrap().contains("قصفت"));
    let date = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "date")
        .expect("a date");
    assert_eq!(date["value"], "2021-06-28");

    let r = request(
        server(),
        "POST",
        "/api/extract",
        &[("Content-Type", "text/plain; charset=utf-8")],
        "تظاهر مئات الطلاب في بغداد.".as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.json()["article"]["text"]
        .as_str()
        .unwrap()
        .contains("بغداد"));

    let html = "<html><head><title>خبر</title></head><body><article><p>تظاهر مئات الطلاب في بغداد يوم الثلاثاء.</p></article></body></html>";
    let r = request(
        server(),
        "POST",
        "/api/extract",
        &[("Content-Type", "text/html")],
        html.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(!r.json()["article"]["text"]
        .as_str()
        .unwrap()
        .contains("<p>"));
}

#[test]
fn extract_rejects_what_it_cannot_read() {
    let json = [("Content-Type", "application/json")];
    assert_error(server(), "POST", "/api/extract", &json, b"{not json", 400);
    assert_error(server(), "POST", "/api/extract", &json, b"{}", 400);
    assert_error(
        server(),
        "POST",
        "/api/extract",
        &json,
        br#"{"text":"a","html":"b"}"#,
        400,
    );
    assert_error(
        server(),
        "POST",
        "/api/extract",
        &json,
        br#"{"text":"a","colour":"b"}"#,
        400,
    );
    assert_error(
        server(),
        "POST",
        "/api/extract",
        &[("Content-Type", "text/plain")],
        b"\xff\xfe\xfa",
        400,
    );
    assert_error(
        server(),
        "POST",
        "/api/extract",
        &[("Content-Type", "image/png")],
        b"x",
        415,
    );
    assert_error(server(), "GET", "/api/extract", &[], b"", 405);
    assert_error(server(), "POST", "/api/events", &json, b"{}", 405);
}

#[test]
fn oversized_bodies_are_413() {
    let big = vec![b'a'; marsad_server::MAX_BODY + 1];
    assert_error(
        server(),
        "POST",
        "/api/extract",
        &[("Content-Type", "text/plain")],
        &big,
        413,
    );
    let auth = format!("Bearer {TOKEN}");
    assert_error(
        guarded(),
        "POST",
        "/api/extract",
        &[("Content-Type", "text/plain"), ("Authorization", &auth)],
        &big,
        413,
    );
}

#[test]
fn a_token_guards_post_only() {
    let text = [("Content-Type", "text/plain")];
    let r = request(
        guarded(),
        "POST",
        "/api/extract",
        &text,
        "نص قصير".as_bytes(),
    );
    assert_eq!(r.status, 401);
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    assert!(r.json()["error"].as_str().unwrap().contains("Bearer"));
    let wrong = [
        ("Content-Type", "text/plain"),
        ("Authorization", "Bearer nope"),
    ];
    assert_error(
        guarded(),
        "POST",
        "/api/extract",
        &wrong,
        "نص".as_bytes(),
        401,
    );
    let auth = format!("Bearer {TOKEN}");
    let right = [
        ("Content-Type", "text/plain"),
        ("Authorization", auth.as_str()),
    ];
    let r = request(
        guarded(),
        "POST",
        "/api/extract",
        &right,
        "نص قصير".as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        get(guarded(), "/api/stats").status,
        200,
        "reading needs no token"
    );
}

#[test]
fn cors_is_off_unless_an_origin_is_given() {
    let origin = [("Origin", "http://analyst.example")];
    let r = request(server(), "GET", "/api/stats", &origin, b"");
    assert_eq!(r.status, 200);
    assert!(r.header("access-control-allow-origin").is_none());
    let r = request(guarded(), "GET", "/api/stats", &origin, b"");
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://analyst.example")
    );
    let other = [("Origin", "http://elsewhere.example")];
    let r = request(guarded(), "GET", "/api/stats", &other, b"");
    assert_ne!(
        r.header("access-control-allow-origin"),
        Some("http://elsewhere.example")
    );
}

#[test]
fn the_page_is_served_with_a_content_security_policy() {
    let r = get(server(), "/");
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
    assert!(r.text().contains("Marsad"));
    let csp = r.header("content-security-policy").expect("a CSP");
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(!csp.contains("unsafe-eval") && !csp.contains("script-src 'self' 'unsafe-inline'"));
    assert!(get(server(), "/api/stats")
        .header("content-security-policy")
        .is_some());
}

#[test]
fn a_missing_store_fails_at_start() {
    let config = Config::new(std::env::temp_dir().join("marsad-server-no-such.db"));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let err = rt.block_on(Server::bind(&config)).err().expect("an error");
    assert!(!err.to_string().is_empty());
}
