//! `marsad ingest`, `search` and `events` as users run them, including a run killed midway.

use std::io::Write;
use std::process::{Command, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_marsad"))
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("marsad-cli-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Articles written for this test: each distinct (a number and a place vary).
fn corpus(n: usize) -> String {
    let places = ["البوكمال", "الميادين", "دير الزور", "إدلب", "درعا"];
    let mut s = String::new();
    for i in 0..n {
        let text = format!(
            "قصفت طائرات حربية مواقع في {} صباح اليوم ما أدى إلى مقتل {} أشخاص وإصابة آخرين، وفق ما أفاد به مراسل محلي في التقرير رقم {i}.",
            places[i % places.len()],
            i % 7 + 2
        );
        s.push_str(&serde_json::json!({"id": format!("doc-{i}"), "url": format!("https://news.example/{i}"),
            "source": "Example News", "published": "2021-06-29T10:00:00+03:00", "text": text}).to_string());
        s.push('\n');
    }
    s
}

#[test]
fn ingest_twice_then_search_and_export() {
    let dir = temp_dir("basic");
    let input = dir.join("news.jsonl");
    std::fs::write(&input, corpus(30)).unwrap();
    let db = dir.join("m.db");
    let run = |args: &[&str]| bin().args(args).output().unwrap();
    let out = run(&[
        "ingest",
        input.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("30 documents added"));
    let out = run(&[
        "ingest",
        input.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("0 documents added") && said.contains("nothing changed"),
        "{said}"
    );

    let out = run(&[
        "search",
        "بالبوكمال",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(out.status.success());
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        hits.as_array().unwrap().is_empty(),
        "the query's own proclitic is part of its key"
    );
    let out = run(&[
        "search",
        "البوكمال",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "jsonl",
        "--limit",
        "100",
    ]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 6);

    let out = run(&["events", "--db", db.to_str().unwrap(), "--format", "csv"]);
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1"));
    let out = run(&[
        "events",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "geojson",
    ]);
    let gj: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(gj["type"], "FeatureCollection");
}

#[test]
fn missing_store_and_bad_filters_are_clear_errors() {
    let dir = temp_dir("errors");
    let db = dir.join("none.db");
    let out = bin()
        .args(["events", "--db", db.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no store"));
    let input = dir.join("n.jsonl");
    std::fs::write(&input, corpus(2)).unwrap();
    bin()
        .args([
            "ingest",
            input.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let out = bin()
        .args([
            "events",
            "--db",
            db.to_str().unwrap(),
            "--since",
            "last week",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
}

#[test]
fn a_killed_ingest_is_finished_by_a_rerun_without_duplicates() {
    let dir = temp_dir("kill");
    let n = 3000;
    let input = dir.join("big.jsonl");
    std::fs::write(&input, corpus(n)).unwrap();
    let db = dir.join("k.db");
    let mut child = bin()
        .args([
            "ingest",
            input.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
            "--batch",
            "50",
            "--jobs",
            "1",
        ])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // wait until some batches are committed, then kill -9
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        std::thread::sleep(std::time::Duration::from_millis(20));
        let stored = count_documents(&db);
        if stored > 0 || std::time::Instant::now() > deadline {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let partial = count_documents(&db);
    assert!(partial > 0, "some batches were committed before the kill");
    let out = bin()
        .args([
            "ingest",
            input.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        count_documents(&db),
        n as i64,
        "the rerun finished the job with no duplicates"
    );
    let mut sink = std::io::sink();
    writeln!(sink, "{partial} documents were stored before the kill").unwrap();
}

fn count_documents(db: &std::path::Path) -> i64 {
    if !db.exists() {
        return 0;
    }
    let Ok(conn) =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return 0;
    };
    conn.query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))
        .unwrap_or(0)
}
