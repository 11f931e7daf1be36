//! The built-in model and the tagger's handling of odd input: empty and very long sentences,
//! non-Arabic tokens, missing and corrupt model files, arbitrary token sequences.

use std::io::Cursor;
use std::time::Instant;

use marsad_ner::{is_valid_iob2, tag_conll, Error, NerKind, Tag, Tagger};
use proptest::prelude::*;

fn tagger() -> &'static Tagger {
    Tagger::embedded().expect("data/ner/model.bin is committed and embedded")
}

fn conll(input: &[u8]) -> Result<String, Error> {
    let mut out = Vec::new();
    tag_conll(tagger(), Cursor::new(input), &mut out)?;
    Ok(String::from_utf8(out).expect("UTF-8 out"))
}

#[test]
fn embedded_model_loads_and_says_what_it_is() {
    let t0 = Instant::now();
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/ner/model.bin"
    ))
    .expect("the committed model");
    let t = Tagger::from_bytes(&bytes).expect("loads");
    println!("model: {} bytes, loaded in {:?}", bytes.len(), t0.elapsed());
    assert!(t.info().licence.contains("CC BY-SA 4.0"));
    assert!(t.info().licence.contains("Benajiba"));
    assert_eq!(
        t.to_bytes(),
        bytes,
        "reading and writing a model is lossless"
    );
}

#[test]
fn recognizes_names_in_a_news_sentence() {
    let text = "أعلن وزير الخارجية الأمريكي كولن باول في واشنطن أمس أن الأمم المتحدة ستعقد اجتماعا في نيويورك.\n\
                وقال باول إن الرئيس جورج بوش سيلتقي الملك عبدالله في عمان.";
    let mentions = tagger().recognize(text);
    for m in &mentions {
        assert_eq!(
            &text[m.span.start..m.span.end],
            m.text,
            "span and text agree"
        );
        assert!((0.0..=1.0).contains(&m.score));
    }
    let has = |kind: NerKind, s: &str| mentions.iter().any(|m| m.kind == kind && m.text == s);
    assert!(has(NerKind::Loc, "واشنطن"), "{mentions:#?}");
    assert!(has(NerKind::Pers, "كولن باول"), "{mentions:#?}");
    assert!(has(NerKind::Org, "الأمم المتحدة"), "{mentions:#?}");
    assert!(
        mentions
            .iter()
            .any(|m| m.kind == NerKind::Pers && m.text.starts_with("جورج بوش")),
        "{mentions:#?}"
    );
}

#[test]
fn spans_stay_on_char_boundaries_with_marks_and_mixed_scripts() {
    let text = "قالَ «رويترز» إنّ IBM و شركة أرامكو السعودية وقّعتا اتفاقاً في الرياض، 2021.";
    for m in tagger().recognize(text) {
        assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        assert_eq!(&text[m.span.start..m.span.end], m.text);
    }
    assert!(tagger().recognize("").is_empty());
    assert!(tagger().recognize("   \n\n ").is_empty());
}

#[test]
fn conll_keeps_order_and_sentence_breaks() {
    let input = "الرئيس\nمحمود B-PERS\nعباس\n\n\n  \nفي\nرام\nالله\n";
    let out = conll(input.as_bytes()).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 9, "{out}");
    assert_eq!(lines[3], "");
    assert_eq!(lines[4], "");
    assert_eq!(lines[5], "", "a whitespace-only line is a sentence break");
    let tokens: Vec<&str> = lines.iter().filter_map(|l| l.split(' ').next()).collect();
    assert_eq!(tokens[..3], ["الرئيس", "محمود", "عباس"]);
    for l in lines.iter().filter(|l| !l.is_empty()) {
        let (_, tag) = l.split_once(' ').expect("TOKEN TAG");
        tag.parse::<Tag>().expect("a valid tag");
    }
}

#[test]
fn conll_empty_input_and_crlf() {
    assert_eq!(conll(b"").unwrap(), "");
    assert_eq!(conll(b"\n\n").unwrap(), "\n\n");
    let out = conll("واشنطن\r\nأمس\r\n\r\n".as_bytes()).unwrap();
    assert_eq!(out.lines().count(), 3);
    assert!(
        out.starts_with("واشنطن "),
        "no carriage return in tokens: {out:?}"
    );
}

#[test]
fn conll_very_long_sentence() {
    let mut input = String::new();
    for i in 0..100_000 {
        input.push_str(["قال", "الرئيس", "محمد", "في", "القاهرة", "IBM", "42", "."][i % 8]);
        input.push('\n');
    }
    let out = conll(input.as_bytes()).unwrap();
    assert_eq!(out.lines().count(), 100_000);
    let tags: Vec<Tag> = out
        .lines()
        .map(|l| l.rsplit(' ').next().unwrap().parse().unwrap())
        .collect();
    assert!(is_valid_iob2(&tags));
}

#[test]
fn conll_non_arabic_tokens() {
    let out = conll("Reuters\n2021-06-29\n🙂\n\u{200F}\n#\nNATO\n".as_bytes()).unwrap();
    assert_eq!(out.lines().count(), 6, "{out}");
}

#[test]
fn conll_bad_bytes_are_errors_with_a_line_number() {
    let err = conll(b"\xd9\x82\n\xff\xfe\n").unwrap_err().to_string();
    assert!(err.contains("line 2") && err.contains("UTF-8"), "{err}");
    let long = vec![b'a'; marsad_ner::conll::MAX_LINE_BYTES + 10];
    let err = conll(&long).unwrap_err().to_string();
    assert!(err.contains("line 1") && err.contains("longer"), "{err}");
}

#[test]
fn missing_and_corrupt_model_files_are_errors() {
    let dir = std::env::temp_dir().join(format!("marsad-ner-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let missing = dir.join("missing.bin");
    let err = Tagger::load(&missing).unwrap_err();
    assert!(matches!(err, Error::Io { .. }), "{err}");
    assert!(err.to_string().contains("missing.bin"));

    let junk = dir.join("junk.bin");
    std::fs::write(&junk, b"this is not a model").unwrap();
    assert!(matches!(Tagger::load(&junk), Err(Error::NotAModel)));

    let good = tagger().to_bytes();
    let truncated = dir.join("truncated.bin");
    std::fs::write(&truncated, &good[..good.len() / 3]).unwrap();
    let err = Tagger::load(&truncated).unwrap_err();
    assert!(matches!(err, Error::Corrupt(_)), "{err}");

    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    assert!(matches!(
        Tagger::from_bytes(&flipped),
        Err(Error::Corrupt(_))
    ));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn documents_remember_earlier_sentences() {
    let t = tagger();
    let mut doc = t.document();
    let first = doc.tag(&[
        "قال",
        "الرئيس",
        "الفرنسي",
        "جاك",
        "شيراك",
        "في",
        "باريس",
        ".",
    ]);
    let second = doc.tag(&["وأضاف", "شيراك", "أن", "فرنسا", "ستشارك", "."]);
    assert_eq!(first.len(), 8);
    assert_eq!(second.len(), 6);
    assert!(is_valid_iob2(&first) && is_valid_iob2(&second));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn tagging_never_panics_and_is_valid_iob2(
        tokens in proptest::collection::vec(
            prop_oneof![
                "\\PC{0,12}",
                "[ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإةى]{1,10}",
                "(و|ب|ل|ال|بال|وال){0,2}[اأبتمحدعسنر]{2,6}",
                "[A-Za-z0-9.,'-]{1,8}",
            ],
            0..60,
        )
    ) {
        let refs: Vec<&str> = tokens.iter().map(String::as_str).collect();
        let tags = tagger().tag(&refs);
        prop_assert_eq!(tags.len(), refs.len());
        prop_assert!(is_valid_iob2(&tags), "{:?}", tags);
    }

    #[test]
    fn recognize_never_panics_on_arbitrary_text(text in "\\PC{0,200}") {
        for m in tagger().recognize(&text) {
            prop_assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            prop_assert_eq!(&text[m.span.start..m.span.end], m.text.as_str());
        }
    }
}

#[test]
fn outside_penalty_trades_o_for_entities() {
    let tokens = [
        "وقال",
        "وزير",
        "الخارجية",
        "الأمريكي",
        "كولن",
        "باول",
        "في",
        "واشنطن",
        "إن",
        "الأمم",
        "المتحدة",
        "ستجتمع",
        "في",
        "جنيف",
        "الأسبوع",
        "المقبل",
        ".",
    ];
    let plain = tagger().tag(&tokens);
    assert_eq!(tagger().with_outside_penalty(0.0).tag(&tokens), plain);
    let pushed = tagger().with_outside_penalty(1e4).tag(&tokens);
    assert!(is_valid_iob2(&pushed), "{pushed:?}");
    assert!(
        pushed.iter().all(|&t| t != Tag::O),
        "a huge penalty leaves no O: {pushed:?}"
    );
    let o = |tags: &[Tag]| tags.iter().filter(|&&t| t == Tag::O).count();
    assert!(o(&tagger().with_outside_penalty(2.0).tag(&tokens)) <= o(&plain));
}
