//! `marsad ner` as users run it: tagging CoNLL, bad input, model files, training.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn marsad(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_marsad"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run marsad");
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("marsad-ner-cli-{}-{name}", std::process::id()))
}

#[test]
fn tags_conll_from_stdin_keeping_breaks() {
    let out = marsad(
        &["ner", "--conll", "-"],
        "قال O\nالرئيس O\nمبارك B-PERS\n\nفي\nالقاهرة\n".as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert_eq!(lines[3], "");
    assert!(lines[5].starts_with("القاهرة "), "{text}");
}

#[test]
fn train_and_tag_forms_both_parse() {
    let out = marsad(&["ner"], b"");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--conll"));
    let out = marsad(&["ner", "train", "--help"], b"");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("--data"));
}

#[test]
fn bad_input_gives_clear_errors() {
    let out = marsad(&["ner", "--conll", "-"], b"ok\n\xff\n");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2") && err.contains("UTF-8"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let out = marsad(&["ner", "--conll", "/nonexistent/file.txt"], b"");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/file.txt"));
}

#[test]
fn missing_and_corrupt_model_files_are_errors() {
    let missing = temp("missing.bin");
    let out = marsad(
        &["ner", "--conll", "-", "--model", missing.to_str().unwrap()],
        b"x\n",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.bin"));

    let corrupt = temp("corrupt.bin");
    std::fs::write(&corrupt, b"MARSADNR\x02\0\0\0garbage").unwrap();
    let out = marsad(
        &["ner", "--conll", "-", "--model", corrupt.to_str().unwrap()],
        b"x\n",
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("model") && !err.contains("panicked"), "{err}");
    let _ = std::fs::remove_file(&corrupt);
}

/// Six CoNLL sentences of the same shape: a person after «الرئيس», Baghdad a place.
fn write_toy_data(path: &std::path::Path) {
    let mut text = String::new();
    for name in ["محمد", "أحمد", "علي", "سعيد", "خالد", "عمر"] {
        text.push_str(&format!(
            "قال O\nالرئيس O\n{name} B-PERS\nفي O\nبغداد B-LOC\n. O\n\n"
        ));
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn trains_a_model_that_tags() {
    let data = temp("train.txt");
    write_toy_data(&data);
    let model = temp("model.bin");
    let out = marsad(
        &[
            "ner",
            "train",
            "--data",
            data.to_str().unwrap(),
            "--out",
            model.to_str().unwrap(),
            "--epochs",
            "2",
            "--bits",
            "12",
            "--dev-split",
            "0",
        ],
        b"",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = marsad(
        &["ner", "--conll", "-", "--model", model.to_str().unwrap()],
        "قال\nبغداد\n".as_bytes(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
    let _ = std::fs::remove_file(&data);
    let _ = std::fs::remove_file(&model);
}

#[test]
fn trains_a_crf_model_that_tags() {
    let data = temp("train-crf.txt");
    write_toy_data(&data);
    let model = temp("model-crf.bin");
    let train = |objective: &str| {
        marsad(
            &[
                "ner",
                "train",
                "--data",
                data.to_str().unwrap(),
                "--out",
                model.to_str().unwrap(),
                "--objective",
                objective,
                "--crf-iterations",
                "40",
                "--crf-l2",
                "0.1",
                "--bits",
                "12",
                "--dev-split",
                "0",
            ],
            b"",
        )
    };
    let out = train("svm");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("crf"));
    let out = train("crf");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("iteration"), "{err}");
    let out = marsad(
        &["ner", "--conll", "-", "--model", model.to_str().unwrap()],
        "قال\nالرئيس\nعلي\nفي\nبغداد\n".as_bytes(),
    );
    let tagged = String::from_utf8(out.stdout).unwrap();
    let tags: Vec<&str> = tagged
        .lines()
        .map(|l| l.split(' ').nth(1).unwrap_or(""))
        .collect();
    assert_eq!(tags, ["O", "O", "B-PERS", "O", "B-LOC"], "{tagged}");
    let _ = std::fs::remove_file(&data);
    let _ = std::fs::remove_file(&model);
}
