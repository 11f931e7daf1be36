//! Bad input through the readers and extraction: every case is one document's error naming the
//! file and the reason, never a panic, and what is read stays bounded by the caps.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;
use marsad_core::{InputKind, RawDocument};
use marsad_extract::inputs::{read_inputs, Input, InputOptions};

/// A fresh folder under the system's temporary folder.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("marsad-bad-input-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// Reads `path` and extracts every document; returns (id, error) for each.
fn run(path: &Path, max_bytes: u64) -> Vec<(String, Option<String>)> {
    let opts = InputOptions {
        kind: None,
        max_bytes,
    };
    read_inputs(&[path.display().to_string()], opts)
        .map(|input| match input {
            Input::Failed { id, reason } => (id, Some(reason)),
            Input::Doc(raw) => {
                let err = marsad_extract::extract(&raw).err().map(|e| e.to_string());
                (raw.id, err)
            }
        })
        .collect()
}

fn one_error(path: &Path, max_bytes: u64) -> String {
    let results = run(path, max_bytes);
    assert_eq!(results.len(), 1, "{results:?}");
    let (id, err) = &results[0];
    assert_eq!(id, &path.display().to_string());
    let err = err
        .clone()
        .unwrap_or_else(|| panic!("{} was accepted", path.display()));
    assert!(
        err.contains(&*path.display().to_string()),
        "the reason does not name the file: {err}"
    );
    err
}

const ARABIC: &str =
    "قصفت الطائرات مواقع في ريف إدلب الجنوبي صباح اليوم، وقتل ثلاثة مدنيين على الأقل.";

#[test]
fn invalid_utf8_in_text_and_in_a_utf8_page() {
    let dir = scratch("utf8");
    let text = dir.join("bad.txt");
    let mut bytes = ARABIC.as_bytes().to_vec();
    bytes.extend_from_slice(b"\xff\xfe\xc3\x28");
    std::fs::write(&text, &bytes).unwrap();
    let err = one_error(&text, 1 << 20);
    assert!(err.contains("UTF-8"), "{err}");

    let html = dir.join("bad.html");
    let mut page = b"<html><head><meta charset=utf-8></head><body><p>".to_vec();
    for i in 0..4000u32 {
        page.push(0x80 | (i % 0x3f) as u8);
    }
    page.extend_from_slice(b"</p></body></html>");
    std::fs::write(&html, &page).unwrap();
    let err = one_error(&html, 1 << 20);
    assert!(err.contains("not valid UTF-8"), "{err}");
}

#[test]
fn binary_files() {
    let dir = scratch("binary");
    let png = dir.join("image.html");
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend((0..5000u32).map(|i| (i * 7919 % 251) as u8));
    std::fs::write(&png, &bytes).unwrap();
    let err = one_error(&png, 1 << 20);
    assert!(err.contains("binary"), "{err}");
    let txt = dir.join("program.txt");
    std::fs::write(&txt, &bytes).unwrap();
    assert!(one_error(&txt, 1 << 20).contains("binary"));
}

#[test]
fn truncated_gzip_page() {
    let dir = scratch("truncated");
    let path = dir.join("page.html.gz");
    let page = format!("<html><body><p>{}</p></body></html>", ARABIC.repeat(200));
    let whole = gz(page.as_bytes());
    std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();
    let err = one_error(&path, 1 << 20);
    assert!(err.contains("truncated"), "{err}");
}

#[test]
fn gzip_bomb_is_stopped_at_the_cap() {
    let dir = scratch("bomb");
    let path = dir.join("bomb.html.gz");
    // 200 MB of zeros in about 200 KB
    let mut e = GzEncoder::new(Vec::new(), Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..200 {
        e.write_all(&zeros).unwrap();
    }
    std::fs::write(&path, e.finish().unwrap()).unwrap();
    let err = one_error(&path, 8 << 20);
    assert!(err.contains("cap"), "{err}");
}

#[test]
fn a_50_mb_page_is_refused() {
    let dir = scratch("huge");
    let path = dir.join("huge.html");
    let para = format!("<p>{ARABIC}</p>\n");
    let mut page = String::with_capacity(51 << 20);
    page.push_str("<html><body>");
    while page.len() < 50 << 20 {
        page.push_str(&para);
    }
    std::fs::write(&path, page.as_bytes()).unwrap();
    let err = one_error(&path, 64 << 20);
    assert!(err.contains("cap"), "{err}");
    // under a smaller input cap the reader refuses it before reading it all
    let err = one_error(&path, 1 << 20);
    assert!(err.contains("cap"), "{err}");
}

#[test]
fn deeply_nested_tags_do_not_overflow() {
    for tag in ["div", "span", "b", "table"] {
        let mut page = String::from("<html><body>");
        for _ in 0..100_000 {
            page.push_str(&format!("<{tag}>"));
        }
        page.push_str(ARABIC);
        let raw = RawDocument {
            id: format!("nested-{tag}.html"),
            kind: InputKind::Html,
            content: page.into_bytes(),
            ..Default::default()
        };
        // either an article or an error, but an answer
        match marsad_extract::extract(&raw) {
            Ok(a) => assert!(a.text.len() < 10_000),
            Err(e) => assert!(e.to_string().contains("nested-"), "{e}"),
        }
    }
}

#[test]
fn one_bad_file_does_not_stop_a_folder() {
    let dir = scratch("folder");
    std::fs::write(dir.join("a.html"), format!("<p>{ARABIC}</p>")).unwrap();
    std::fs::write(dir.join("b.html.gz"), b"\x1f\x8b\x08\0garbage").unwrap();
    std::fs::write(dir.join("c.txt"), ARABIC).unwrap();
    let results = run(&dir, 1 << 20);
    assert_eq!(results.len(), 3, "{results:?}");
    assert!(results[0].1.is_none(), "{results:?}");
    assert!(results[1].1.as_deref().unwrap().contains("b.html.gz"));
    assert!(results[2].1.is_none(), "{results:?}");
}
