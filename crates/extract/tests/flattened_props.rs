//! Properties of flattened-text extraction: it never panics, and every non-empty input line is
//! accounted for, in order, as a body paragraph or an entry of `removed`.

use marsad_extract::flattened::extract_flattened;
use proptest::prelude::*;

/// Lines that look like the parts of a news page, and noise.
fn page_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("icon".to_string()),
        Just("+A".to_string()),
        Just("حجم الخط".to_string()),
        Just("اقرأ أيضاً".to_string()),
        Just("التعليقات".to_string()),
        Just("Comments".to_string()),
        Just("2021.06.29 | 16:03 دمشق".to_string()),
        Just("الثلاثاء 29 حزيران 2021 - 16:03".to_string()),
        Just("دير الزور - خاص".to_string()),
        Just("(أ ف ب)".to_string()),
        Just("كتب: أحمد حمزة".to_string()),
        Just("3003677482.jpg".to_string()),
        Just("جميع الحقوق محفوظة © 2021".to_string()),
        Just("بيروت - رويترز - قالت مصادر أمنية إن الانفجار وقع صباح اليوم في المرفأ وأدى إلى أضرار كبيرة.".to_string()),
        Just("وقال المتحدث إن القوات ستواصل عملياتها في المنطقة حتى استعادة الأمن بشكل كامل وعودة السكان.".to_string()),
        Just("The minister said on Tuesday that talks would continue next week in the capital, officials added.".to_string()),
        Just("   ".to_string()),
        Just("وسبق أن قصفت الطائرات مواقع في المدينة خلال الأشهر الماضية بشكل متكرر.\u{a0}".to_string()),
        Just("قال\u{a0}المتحدث  إن\tالقصف استمر طوال الليل في أحياء المدينة الشرقية والغربية.".to_string()),
        Just(String::new()),
        "[ -~]{0,40}",
        "[\u{0600}-\u{06FF} .:|/()«»0-9-]{0,80}",
        any::<String>(),
    ]
}

fn squeeze(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn non_empty_lines(s: &str) -> Vec<&str> {
    s.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_line_is_kept_or_removed_in_order(lines in prop::collection::vec(page_line(), 0..40)) {
        let input = lines.join("\n");
        let a = extract_flattened(&input);
        // the lines of the body, each as the body writes it (white space runs one space)
        let paragraphs: Vec<&str> = if a.text.is_empty() { vec![] } else { a.text.split('\n').filter(|l| !l.is_empty()).collect() };
        // every way of reading the lines as (next paragraph | next removed) that stays possible
        let mut states = std::collections::BTreeSet::from([(0usize, 0usize)]);
        for line in non_empty_lines(&input) {
            let mut next = std::collections::BTreeSet::new();
            for &(p, r) in &states {
                if paragraphs.get(p).copied() == Some(squeeze(line).as_str()) {
                    next.insert((p + 1, r));
                }
                if a.removed.get(r).map(String::as_str) == Some(line) {
                    next.insert((p, r + 1));
                }
            }
            prop_assert!(!next.is_empty(), "line {:?} is neither the next paragraph nor the next removed entry\n{:#?}", line, a);
            states = next;
        }
        prop_assert!(states.contains(&(paragraphs.len(), a.removed.len())),
            "paragraphs or removed entries that are not input lines, in order\n{:#?}", a);
    }

    #[test]
    fn arbitrary_text_does_not_panic(s in any::<String>()) {
        let _ = extract_flattened(&s);
    }
}
