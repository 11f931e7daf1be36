//! Properties of the text layer on arbitrary and Arabic-heavy strings: spans on char boundaries,
//! tokens that give the input back, an idempotent key, and no panics.

use chrono::NaiveDate;
use marsad_arabic::{
    fold_char, key, numbers, sentences, time_expressions, times_and_numbers, tokenize,
};
use marsad_core::Span;
use proptest::prelude::*;

/// Pieces Arabic news is made of, mixed with stray characters: words with clitics and harakat,
/// number words, month and weekday names, digits of three scripts, date punctuation, controls.
fn arabic_heavy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "أمس",
        "الإثنين",
        "ليل",
        "اليوم",
        "فجر",
        "أول",
        "من",
        "قبل",
        "منذ",
        "يومين",
        "ثلاثة",
        "أيام",
        "حزيران",
        "يونيو",
        "آب",
        "مارس",
        "شباط",
        "الماضي",
        "المقبل",
        "كانون",
        "الثاني",
        "تشرين",
        "رمضان",
        "1442",
        "هـ",
        "م",
        "شهر",
        "في",
        "بين",
        "و",
        "وعشرون",
        "خمسة",
        "عشر",
        "أحد",
        "إحدى",
        "الجنود",
        "جنديين",
        "عشرات",
        "الآلاف",
        "آلاف",
        "مئة",
        "ثلاث",
        "ألف",
        "نحو",
        "أكثر",
        "لا",
        "يقل",
        "عن",
        "على",
        "الأقل",
        "الساعات",
        "الـ24",
        "الساعة",
        "2021",
        "29",
        "06",
        "٢٩",
        "۱۵",
        "٫",
        "٬",
        ".",
        "/",
        "-",
        ":",
        "،",
        "؟",
        "!",
        "\n",
        "\n\n",
        " ",
        " ",
        " ",
        "\u{200F}",
        "\u{0640}",
        "\u{064B}",
        "\u{0651}",
        "ـ",
        "(",
        ")",
        "«",
        "»",
        "x",
        "é",
        "😀",
        "\u{FEFF}",
        "ال",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        arabic_heavy(),
        "[\\u0600-\\u06FF0-9 ./:\\-\\n]{0,80}",
    ]
}

fn on_boundaries(text: &str, span: Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn token_spans_slice_back(text in any_text()) {
        let toks = tokenize(&text);
        let mut prev = 0;
        for t in &toks {
            prop_assert!(on_boundaries(&text, t.span), "{:?} in {:?}", t.span, text);
            prop_assert!(t.span.start >= prev, "tokens in order");
            prop_assert!(!t.span.is_empty());
            prop_assert_eq!(t.text(&text), &text[t.span.start..t.span.end]);
            prev = t.span.end;
        }
    }

    #[test]
    fn tokens_and_skipped_give_the_input_back(text in any_text()) {
        let toks = tokenize(&text);
        let mut rebuilt = String::with_capacity(text.len());
        let mut prev = 0;
        for t in &toks {
            let skipped = &text[prev..t.span.start];
            // only whitespace, invisible controls and underscores between words are skipped
            prop_assert!(skipped.chars().all(|c| c.is_whitespace() || c == '_' || key(&c.to_string()).is_empty()),
                "skipped {:?}", skipped);
            rebuilt.push_str(skipped);
            rebuilt.push_str(t.text(&text));
            prev = t.span.end;
        }
        let tail = &text[prev..];
        prop_assert!(tail.chars().all(|c| c.is_whitespace() || key(&c.to_string()).is_empty()));
        rebuilt.push_str(tail);
        prop_assert_eq!(rebuilt, text);
    }

    #[test]
    fn key_is_idempotent(text in any_text()) {
        let k = key(&text);
        prop_assert_eq!(key(&k), k);
    }

    #[test]
    fn fast_key_is_char_folding(text in any_text()) {
        let naive: String = text.chars().filter_map(fold_char).collect();
        prop_assert_eq!(key(&text), naive);
    }

    #[test]
    fn one_reading_gives_both_layers(text in any_text(), days in 0i64..40_000) {
        let anchor = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Days::new(days as u64);
        for a in [Some(anchor), None] {
            let (times, nums) = times_and_numbers(&text, a);
            prop_assert_eq!(times, time_expressions(&text, a));
            prop_assert_eq!(nums, numbers(&text));
        }
    }

    #[test]
    fn layers_never_panic_and_spans_fit(text in any_text(), days in 0i64..40_000) {
        let anchor = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Days::new(days as u64);
        for s in sentences(&text) {
            prop_assert!(on_boundaries(&text, s));
        }
        for n in numbers(&text) {
            prop_assert!(on_boundaries(&text, n.span), "{:?} in {:?}", n.span, text);
            prop_assert!(!n.span.is_empty());
        }
        for a in [Some(anchor), None] {
            let ts = time_expressions(&text, a);
            let mut prev = 0;
            for t in &ts {
                prop_assert!(on_boundaries(&text, t.span), "{:?} in {:?}", t.span, text);
                prop_assert!(t.span.start >= prev, "time expressions do not overlap");
                prop_assert!((1..=3).contains(&t.precision));
                prev = t.span.end;
            }
        }
    }
}
