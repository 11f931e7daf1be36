//! The `marsad` binary as users run it: flags, input kinds, ordering, errors and exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn marsad(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_marsad"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run marsad");
    if let Some(input) = stdin {
        // a run that refuses its flags exits without reading its input: the pipe may be closed
        if let Err(e) = child.stdin.take().unwrap().write_all(input) {
            assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
        }
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

fn jsonl(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn help_and_version() {
    let out = marsad(&["--help"], None);
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("extract") && help.contains("Examples"),
        "{help}"
    );
    let out = marsad(&["--version"], None);
    assert!(out.status.success());
}

#[test]
fn example_article_prints_one_object() {
    let example = workspace_root().join("examples/article.txt");
    let out = marsad(
        &[
            "extract",
            example.to_str().unwrap(),
            "--published",
            "2023-03-14T11:20:00+03:00",
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc.is_object());
    assert!(doc["error"].is_null());
    assert_eq!(doc["article"]["published"], "2023-03-14T11:20:00+03:00");
    let text = doc["article"]["text"].as_str().unwrap();
    let chars: Vec<char> = text.chars().collect();
    for e in doc["entities"].as_array().unwrap() {
        let (s, t) = (
            e["span"][0].as_u64().unwrap() as usize,
            e["span"][1].as_u64().unwrap() as usize,
        );
        let sliced: String = chars[s..t].iter().collect();
        assert_eq!(
            sliced,
            e["text"].as_str().unwrap(),
            "entity span must slice back to its text"
        );
    }
}

#[test]
fn jsonl_stdin_keeps_ids_and_order_with_many_jobs() {
    let mut input = String::new();
    for i in 0..40 {
        input.push_str(&format!(
            "{{\"id\":\"doc-{i}\",\"text\":\"قصفت الطائرات مواقع في المدينة وقتل {i} مسلحين.\",\"published\":\"2022-01-0{}\"}}\n",
            1 + i % 9
        ));
    }
    let out = marsad(
        &[
            "extract", "--input", "jsonl", "--format", "jsonl", "--jobs", "3",
        ],
        Some(input.as_bytes()),
    );
    assert!(out.status.success());
    let docs = jsonl(&out);
    assert_eq!(docs.len(), 40);
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(d["id"], format!("doc-{i}"));
        assert!(d["error"].is_null());
    }
}

#[test]
fn bad_documents_get_errors_and_the_run_goes_on() {
    let dir = tempdir();
    std::fs::write(
        dir.join("a_good.txt"),
        "خبر عاجل\n\nقالت مصادر محلية إن قصفاً استهدف المدينة.",
    )
    .unwrap();
    std::fs::write(dir.join("b_binary.txt"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    std::fs::write(dir.join("c_latin1.txt"), [0x63, 0x61, 0x66, 0xe9]).unwrap();
    std::fs::write(
        dir.join("d.jsonl"),
        "{\"id\":\"ok\",\"text\":\"نص\"}\nnot json\n",
    )
    .unwrap();
    std::fs::create_dir(dir.join(".hidden")).unwrap();
    std::fs::write(dir.join(".hidden/x.txt"), "ignored").unwrap();
    let out = marsad(
        &["extract", dir.to_str().unwrap(), "--format", "jsonl"],
        None,
    );
    assert!(
        out.status.success(),
        "some documents succeeded, so the exit code is 0"
    );
    let docs = jsonl(&out);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 5, "{ids:?}");
    assert!(ids[0].ends_with("a_good.txt"));
    assert!(docs[0]["error"].is_null());
    for (i, why) in [(1, "binary"), (2, "UTF-8")] {
        let err = docs[i]["error"].as_str().unwrap();
        assert!(
            err.contains(why) && err.contains(ids[i]),
            "error names the document and the reason: {err}"
        );
    }
    assert_eq!(ids[3], "ok");
    assert!(docs[4]["error"].as_str().unwrap().contains("line 2"));
}

#[test]
fn every_document_failing_is_a_failure_exit() {
    let out = marsad(&["extract", "/nonexistent/marsad/file.txt"], None);
    assert!(!out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["error"]
        .as_str()
        .unwrap()
        .contains("/nonexistent/marsad/file.txt"));
}

#[test]
fn bad_published_flag_is_a_clear_error() {
    let out = marsad(&["extract", "--published", "yesterday"], Some(b"x"));
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("RFC 3339"));
}

#[test]
fn json_format_with_several_documents_is_an_array() {
    let input = "{\"id\":\"1\",\"text\":\"أ\"}\n{\"id\":\"2\",\"text\":\"ب\"}\n";
    let out = marsad(&["extract", "--input", "jsonl"], Some(input.as_bytes()));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(2));
}

fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "marsad-cli-test-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
