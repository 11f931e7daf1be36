//! The shared facts (../shared/facts/arabic-time-numbers.tsv): every row is turned into checks on
//! sentences built around its surface, its variants (from the note) and its ambiguities.
//! Skipped, with a printed reason, when the file is absent.

mod common;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use common::{describe_numbers, describe_times, time_value_string};
use marsad_arabic::{key, number_value, numbers, time_expressions, tokenize, TimeValue};

/// Tuesday.
const ANCHOR: (i32, u32, u32) = (2021, 6, 29);

fn anchor() -> NaiveDate {
    NaiveDate::from_ymd_opt(ANCHOR.0, ANCHOR.1, ANCHOR.2).unwrap()
}

fn day(offset: i64) -> NaiveDate {
    let a = anchor();
    if offset >= 0 {
        a + Days::new(offset as u64)
    } else {
        a - Days::new(offset.unsigned_abs())
    }
}

fn facts_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/facts/arabic-time-numbers.tsv")
}

/// The variants a note gives: «also X», «variant X/Y», «fem. X», «oblique X», or a segment that
/// starts with Arabic («أربعون/أربعين 40»), with the value said in the segment if any.
fn variants(note: &str) -> Vec<(String, Option<f64>)> {
    variants_of(note, true)
}

/// As [`variants`]; `bare`: also segments that start with Arabic without a marker word.
fn variants_of(note: &str, bare: bool) -> Vec<(String, Option<f64>)> {
    let mut out = Vec::new();
    for seg in note.split(';') {
        let seg = seg.trim();
        let body = [
            "also written ",
            "also spelled ",
            "variant ",
            "also ",
            "fem. ",
            "oblique ",
        ]
        .iter()
        .find_map(|m| seg.strip_prefix(m))
        .or_else(|| (bare && seg.starts_with(is_arabic)).then_some(seg));
        let Some(body) = body else { continue };
        // «X = 1e9» gives X its own value; «X = day» is a gloss, not a variant
        let (body, value) = match body.split_once(" = ") {
            Some((b, v)) => match v.trim().parse::<f64>() {
                Ok(v) => (b, Some(v)),
                Err(_) => continue,
            },
            None => {
                let mut words: Vec<&str> = body.split_whitespace().collect();
                let value = words.last().and_then(|w| w.parse::<f64>().ok());
                if value.is_some() {
                    words.pop();
                }
                let end = words
                    .last()
                    .map_or(0, |w| body.rfind(w).map_or(body.len(), |i| i + w.len()));
                (&body[..end], value)
            }
        };
        // runs of Arabic words (digits inside them kept), separated by commas or ended by a
        // word in another script
        let mut run: Vec<&str> = Vec::new();
        let mut runs: Vec<Vec<&str>> = Vec::new();
        for w in body.split_whitespace() {
            let (w, ends) = match w.strip_suffix(',') {
                Some(x) => (x, true),
                None => (w, false),
            };
            if w.chars().any(is_arabic)
                || (!run.is_empty() && w.chars().all(|c| c.is_ascii_digit()))
            {
                run.push(w);
                if ends {
                    runs.push(std::mem::take(&mut run));
                }
            } else {
                break;
            }
        }
        if !run.is_empty() {
            runs.push(run);
        }
        for r in runs {
            // «اثنتا/اثنتي عشرة» gives «اثنتا عشرة» and «اثنتي عشرة»
            let mut alts = vec![String::new()];
            for w in r {
                let opts: Vec<&str> = w.split('/').collect();
                alts = alts
                    .iter()
                    .flat_map(|a| {
                        opts.iter().map(move |o| {
                            if a.is_empty() {
                                o.to_string()
                            } else {
                                format!("{a} {o}")
                            }
                        })
                    })
                    .collect();
            }
            out.extend(alts.into_iter().map(|a| (a, value)));
        }
    }
    out
}

fn is_arabic(c: char) -> bool {
    ('\u{0600}'..='\u{06FF}').contains(&c)
}

fn weekday_of(name: &str) -> Weekday {
    name.parse().expect("weekday name")
}

/// A time expression in `sentence` covering `core`, with the value wanted.
fn expect_time(sentence: &str, core: &str, anchor: NaiveDate, want: &str) -> Result<(), String> {
    let at = sentence
        .find(core)
        .ok_or_else(|| format!("«{core}» not in «{sentence}»"))?;
    let (a, b) = (at, at + core.len());
    let ts = time_expressions(sentence, Some(anchor));
    match ts.iter().find(|t| t.span.start <= a && b <= t.span.end) {
        Some(t) if time_value_string(&t.value) == want => Ok(()),
        _ => Err(format!(
            "«{sentence}» (anchor {anchor}): want «{core}» = {want}, got [{}]",
            describe_times(sentence, &ts)
        )),
    }
}

fn expect_no_time(sentence: &str, word: &str) -> Result<(), String> {
    let ts = time_expressions(sentence, Some(anchor()));
    let at = sentence.find(word).unwrap_or(0);
    match ts
        .iter()
        .find(|t| t.span.start < at + word.len() && at < t.span.end)
    {
        None => Ok(()),
        Some(_) => Err(format!(
            "«{sentence}»: «{word}» must not be a date, got [{}]",
            describe_times(sentence, &ts)
        )),
    }
}

/// A number in `sentence` covering `core` whose value passes `ok`.
fn expect_number(
    sentence: &str,
    core: &str,
    ok: impl Fn(&marsad_arabic::NumberExpression) -> bool,
    want: &str,
) -> Result<(), String> {
    let at = sentence
        .find(core)
        .ok_or_else(|| format!("«{core}» not in «{sentence}»"))?;
    let ns = numbers(sentence);
    match ns
        .iter()
        .find(|n| n.span.start <= at && at + core.len() <= n.span.end)
    {
        Some(n) if ok(n) => Ok(()),
        _ => Err(format!(
            "«{sentence}»: want «{core}» = {want}, got [{}]",
            describe_numbers(sentence, &ns)
        )),
    }
}

fn month_value(v: &str) -> Option<(bool, u32)> {
    match v.strip_prefix('H') {
        Some(h) => h.parse().ok().map(|m| (true, m)),
        None => v.parse().ok().map(|m| (false, m)),
    }
}

/// A month name (or a variant) used in a full date.
fn check_month(surface: &str, value: &str) -> Result<(), String> {
    let (hijri, m) = month_value(value).ok_or("month value")?;
    if hijri {
        let s = format!("أعلنت الهيئة في 10 {surface} 1442هـ عن قافلة مساعدات.");
        let want = marsad_arabic::hijri_to_gregorian(1442, m, 10).ok_or("hijri")?;
        expect_time(
            &s,
            &format!("10 {surface} 1442هـ"),
            anchor(),
            &want.to_string(),
        )?;
        let s = format!("وانطلقت المعركة في شهر {surface} 1442 هـ.");
        let a = marsad_arabic::hijri_to_gregorian(1442, m, 1).ok_or("hijri")?;
        expect_time(&s, &format!("{surface} 1442"), anchor(), &{
            let len = marsad_arabic::hijri_month_len(1442, m);
            let b = marsad_arabic::hijri_to_gregorian(1442, m, len).ok_or("hijri")?;
            format!("{a}/{b}")
        })
    } else {
        let s = format!("قصفت الطائرات المدينة في 15 {surface} 2021 بعد معارك.");
        expect_time(
            &s,
            &format!("15 {surface} 2021"),
            anchor(),
            &format!("2021-{m:02}-15"),
        )?;
        let s = format!("وعقد الاجتماع في شهر {surface} 2020 في العاصمة.");
        expect_time(
            &s,
            &format!("{surface} 2020"),
            anchor(),
            &format!("2020-{m:02}"),
        )
    }
}

/// Sentences where an ambiguous month word is not a month.
fn not_a_month(surface: &str) -> Vec<(String, String)> {
    let k = key(surface);
    let s = match k.as_str() {
        "اب" => vec![
            "قال أب الضحية إن ابنه قتل.".to_string(),
            "قال اب الضحية إن ابنه قتل.".into(),
        ],
        "مارس" => vec!["مارس الجيش ضغوطاً على المسلحين.".into()],
        "نيسان" => vec!["صادرت الشرطة سيارة نيسان بيضاء.".into()],
        "حزيران" => vec!["وخسر الجيش الجولان في حرب حزيران.".into()],
        "صفر" => vec!["سجلت الحصيلة صفر إصابات.".into()],
        _ => vec![format!("قال {surface} إن القصف استمر طوال الليل.")],
    };
    let word = match k.as_str() {
        "اب" => vec!["أب", "اب"],
        _ => vec![surface],
    };
    s.into_iter()
        .zip(word.into_iter().cycle())
        .map(|(a, b)| (a, b.to_string()))
        .collect()
}

fn offset_of(value: &str) -> Option<i64> {
    let v = value.split_whitespace().next()?;
    v.strip_prefix('D')?.parse().ok()
}

fn check_row(cat: &str, surface: &str, value: &str, note: &str) -> Result<usize, String> {
    let mut checks = 0;
    let mut run = |r: Result<(), String>| -> Result<(), String> {
        checks += 1;
        r
    };
    let var = variants(note);
    match cat {
        c if c.starts_with("month_") && c != "month_dual" && c != "month_hijri" => {
            run(check_month(surface, value))?;
            for (v, _) in &var {
                run(check_month(v, value))?;
            }
            if note.contains("ambiguous") || note.contains("also in") {
                for (s, w) in not_a_month(surface) {
                    run(expect_no_time(&s, &w))?;
                }
            }
        }
        "month_hijri" => {
            run(check_month(surface, value))?;
            for (v, _) in &var {
                run(check_month(v, value))?;
            }
            // a Hijri month word alone is a name or a word («رمضان», «صفر»), not a date
            for (s, w) in not_a_month(surface) {
                run(expect_no_time(&s, &w))?;
            }
        }
        "month_dual" => {
            let m: u32 = value.parse().map_err(|_| "month")?;
            let s = format!("وقعت المجزرة في 7 {surface} 2021 قرب الحدود.");
            run(expect_time(
                &s,
                &format!("7 {surface} 2021"),
                anchor(),
                &format!("2021-{m:02}-07"),
            ))?;
            // the note's example: «7 تشرين الأول/أكتوبر»
            if let Some(ex) = note.split("e.g. ").nth(1) {
                let ex = ex.trim();
                let s = format!("انفجرت سيارة في {ex} 2020 وسط المدينة.");
                run(expect_time(
                    &s,
                    &format!("{ex} 2020"),
                    anchor(),
                    "2020-10-07",
                ))?;
            }
        }
        "year_marker" => {
            // «1445هـ»: a Hijri year
            let y: i32 = surface
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .parse()
                .map_err(|_| "year")?;
            let s = format!("وقعت المعركة في 1 محرم {surface} قرب الحدود.");
            let want = marsad_arabic::hijri_to_gregorian(y, 1, 1).ok_or("hijri")?;
            run(expect_time(
                &s,
                &format!("1 محرم {surface}"),
                anchor(),
                &want.to_string(),
            ))?;
            // «2024م»: a Gregorian year
            let s = "وتظاهر المئات في 15 آذار 2024م أمام البرلمان.";
            run(expect_time(s, "15 آذار 2024م", anchor(), "2024-03-15"))?;
            // the same number read as Gregorian is no Hijri date
            let ts = time_expressions("وقعت المعركة في 1 محرم 1445م قرب الحدود.", None);
            run(ts
                .is_empty()
                .then_some(())
                .ok_or("«1 محرم 1445م» is no date".to_string()))?;
        }
        "weekday" => {
            let wd = weekday_of(value);
            let mut want = anchor();
            while want.weekday() != wd {
                want = want.pred_opt().unwrap();
            }
            for w in std::iter::once(surface.to_string()).chain(var.iter().map(|v| v.0.clone())) {
                let s = format!("وقال المتحدث يوم {w} إن القوات تقدمت.");
                run(expect_time(
                    &s,
                    &format!("يوم {w}"),
                    anchor(),
                    &want.to_string(),
                ))?;
                let s = format!("وقال المتحدث {w} الماضي إن القوات تقدمت.");
                let mut strict = anchor().pred_opt().unwrap();
                while strict.weekday() != wd {
                    strict = strict.pred_opt().unwrap();
                }
                run(expect_time(
                    &s,
                    &format!("{w} الماضي"),
                    anchor(),
                    &strict.to_string(),
                ))?;
            }
            match key(surface).as_str() {
                "الاحد" => {
                    run(expect_no_time("قتل أحد الجنود في الهجوم.", "أحد"))?;
                    run(expect_number(
                        "قتل أحد الجنود في الهجوم.",
                        "أحد",
                        |n| n.value == 1,
                        "1",
                    ))?;
                }
                "الاثنين" => {
                    run(expect_no_time("وأكد كلا الاثنين أنهما بريئان.", "الاثنين"))?;
                    let s = "وقتل 3 عناصر يوم الاثنين.";
                    let ns = numbers(s);
                    run((ns.len() == 1 && ns[0].value == 3)
                        .then_some(())
                        .ok_or(format!("«{s}»: [{}]", describe_numbers(s, &ns))))?;
                }
                "الجمعه" => run(expect_no_time(
                    "وأدى المصلون صلاة الجمعة في المسجد.",
                    "الجمعة",
                ))?,
                _ => {}
            }
        }
        "rel_day" | "rel_part" => {
            let off = offset_of(value).ok_or("offset")?;
            for w in std::iter::once(surface.to_string()).chain(var.iter().map(|v| v.0.clone())) {
                let s = format!("قصفت الطائرات المدينة {w} بعد معارك عنيفة.");
                let core = w.strip_prefix("في ").unwrap_or(&w);
                run(expect_time(&s, core, anchor(), &day(off).to_string()))?;
            }
        }
        "rel_apposition" => {
            let off = offset_of(value).ok_or("offset")?;
            let named = value
                .split("(=")
                .nth(1)
                .and_then(|s| s.strip_suffix(')'))
                .ok_or("weekday")?;
            let wd = weekday_of(named);
            // an anchor where the weekday fits, then one where it does not (a warning)
            let mut a = anchor();
            while day_from(a, off).weekday() != wd {
                a = a.succ_opt().unwrap();
            }
            let s = format!("قصفت الطائرات المدينة {surface} بعد معارك.");
            run(expect_time(&s, surface, a, &day_from(a, off).to_string()))?;
            let ts = time_expressions(&s, Some(a));
            run(ts
                .iter()
                .all(|t| t.warnings.is_empty())
                .then_some(())
                .ok_or("unexpected warning".to_string()))?;
            let b = a.succ_opt().unwrap();
            let ts = time_expressions(&s, Some(b));
            let t = ts.first().ok_or("no expression")?;
            run(
                (t.value == TimeValue::Day(day_from(b, off)) && !t.warnings.is_empty())
                    .then_some(())
                    .ok_or(format!(
                        "«{s}» (anchor {b}): the day said by the anchor, with a warning; got {t:?}"
                    )),
            )?;
        }
        "rel_span" => {
            let ws = |o: i64| {
                let mut s = anchor();
                while s.weekday() != Weekday::Sat {
                    s = s.pred_opt().unwrap();
                }
                let s = day_from(s, 7 * o);
                format!("{s}/{}", day_from(s, 6))
            };
            let want = match value {
                "previous week" => ws(-1),
                "this week" => ws(0),
                "next week" => ws(1),
                "previous month" => "2021-05".into(),
                "this month" => "2021-06".into(),
                "previous year" => "2020-01-01/2020-12-31".into(),
                "early month" => "2021-06-01/2021-06-10".into(),
                other => return Err(format!("unknown rel_span value {other:?}")),
            };
            let mut forms = vec![surface.to_string()];
            for (v, _) in &variants_of(note, false) {
                if v.chars().any(|c| c.is_ascii_digit()) {
                    continue; // «في 15 من الشهر الجاري» is checked below
                }
                // «أوائل» stands for «أوائل الشهر»
                if v.split_whitespace().count() == 1 && surface.split_whitespace().count() == 2 {
                    forms.push(format!(
                        "{v} {}",
                        surface.split_whitespace().nth(1).unwrap()
                    ));
                } else {
                    forms.push(v.clone());
                }
            }
            for w in forms {
                let s = format!("تصاعد القصف {w} على مدن الشمال.");
                run(expect_time(&s, &w, anchor(), &want))?;
            }
            if value == "early month" {
                run(expect_time(
                    "وقعت المعارك منتصف الشهر.",
                    "منتصف الشهر",
                    anchor(),
                    "2021-06-11/2021-06-20",
                ))?;
                run(expect_time(
                    "وقعت المعارك أواخر الشهر.",
                    "أواخر الشهر",
                    anchor(),
                    "2021-06-21/2021-06-30",
                ))?;
                run(expect_time(
                    "وقعت المعارك نهاية الشهر.",
                    "نهاية الشهر",
                    anchor(),
                    "2021-06-21/2021-06-30",
                ))?;
            }
            if value == "this month" {
                run(expect_time(
                    "دخلت القوات المدينة في 15 من الشهر الجاري.",
                    "15 من الشهر الجاري",
                    anchor(),
                    "2021-06-15",
                ))?;
            }
        }
        "rel_ago" => {
            let s = format!("دخلت القوات البلدة {surface} بعد معارك.");
            let ts = time_expressions(&s, Some(anchor()));
            let t = ts
                .iter()
                .find(|t| {
                    t.span
                        .slice(&s)
                        .contains(surface.split_whitespace().last().unwrap())
                })
                .ok_or(format!("«{s}»: no expression"))?;
            let ok = match offset_of(value) {
                Some(off) => t.value == TimeValue::Day(day(off)),
                None if value.starts_with("vague past (hours)") => {
                    t.value.last_day() == Some(anchor()) && t.value.first_day() >= Some(day(-1))
                }
                None if value.starts_with("vague past") => {
                    t.value.last_day() < Some(anchor()) && t.value.first_day() < t.value.last_day()
                }
                None if value == "last 24h" => t.value == TimeValue::Interval(day(-1), anchor()),
                None => return Err(format!("unknown rel_ago value {value:?}")),
            };
            run(ok
                .then_some(())
                .ok_or(format!("«{s}»: {value}, got [{}]", describe_times(&s, &ts))))?;
            if value.ends_with("D-7") || value == "D-7" || value == "D-14" {
                run((t.precision == 2)
                    .then_some(())
                    .ok_or("weeks have precision 2".to_string()))?;
            }
            // the number inside is not a count
            let ns = numbers(&s);
            run(ns
                .is_empty()
                .then_some(())
                .ok_or(format!("«{s}»: counts [{}]", describe_numbers(&s, &ns))))?;
        }
        "rel_weekday" => {
            let s = format!("انطلقت التظاهرات {surface} في المدينة.");
            run(expect_time(&s, surface, anchor(), "2021-06-25"))?;
            let next = surface.replace("الماضية", "المقبلة");
            let s = format!("تنطلق التظاهرات {next} في المدينة.");
            run(expect_time(&s, &next, anchor(), "2021-07-02"))?;
        }
        "num_card" => {
            let v: u64 = value.parse().map_err(|_| "value")?;
            if let Some(ex) = note.strip_prefix("construct: ") {
                let ex: String = ex.split('(').next().unwrap_or("").trim().to_string();
                let s = format!("قتل {ex} في الهجوم.");
                run(expect_number(&s, surface, |n| n.value == v, value))?;
            } else {
                let s = format!("وقال المصدر إن {surface} من المدنيين قتلوا.");
                run(expect_number(&s, surface, |n| n.value == v, value))?;
            }
            for (w, val) in &var {
                let want = val.map(|x| x as u64).unwrap_or(v);
                // «أحد» fem. «إحدى» is "one of" before a definite noun
                let s = if key(w) == key("إحدى") {
                    "قتلت إحدى النساء في القصف.".to_string()
                } else {
                    format!("وقال المصدر إن {w} من المدنيين قتلوا.")
                };
                run(expect_number(&s, w, |n| n.value == want, &want.to_string()))?;
            }
        }
        "num_dual" => {
            let v: u64 = value.parse().map_err(|_| "value")?;
            for w in std::iter::once(surface.to_string()).chain(var.iter().map(|v| v.0.clone())) {
                let s = format!("وأفادت مصادر بسقوط {w} في القصف.");
                run(expect_number(&s, &w, |n| n.value == v && !n.vague, value))?;
            }
            // a sound masculine plural is no dual
            let s = "وأفادت مصادر بمقتل مدنيين في القصف.";
            run(numbers(s)
                .is_empty()
                .then_some(())
                .ok_or("«مدنيين» is a plural".to_string()))?;
        }
        "num_vague" => {
            let range = |lo: u64, hi: u64| {
                move |n: &marsad_arabic::NumberExpression| n.vague && (lo..hi).contains(&n.value)
            };
            let forms = std::iter::once(surface.to_string()).chain(var.iter().map(|v| v.0.clone()));
            for w in forms {
                let s = format!("قتل {w} المدنيين في القصف.");
                let r = match value {
                    "3..9" => expect_number(
                        &s,
                        &w,
                        |n| n.vague && n.value == 3 && n.upper == Some(9),
                        value,
                    ),
                    "several" => expect_number(&s, &w, range(2, 10), value),
                    v if v.starts_with("tens") => expect_number(&s, &w, range(10, 100), value),
                    "hundreds" => expect_number(&s, &w, range(100, 1000), value),
                    "thousands" => expect_number(&s, &w, range(1000, 10000), value),
                    other => return Err(format!("unknown num_vague value {other:?}")),
                };
                run(r)?;
            }
            if note.contains("عشرات الآلاف") {
                run(expect_number(
                    "نزح عشرات الآلاف من السكان.",
                    "عشرات الآلاف",
                    range(10_000, 100_000),
                    "tens of thousands",
                ))?;
            }
        }
        "num_approx" | "num_bound" | "num_range" => {
            let digits: String = surface
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == ' ')
                .collect();
            let nums: Vec<u64> = digits
                .split_whitespace()
                .filter_map(|d| d.parse().ok())
                .collect();
            let check = |n: &marsad_arabic::NumberExpression| match cat {
                "num_approx" => n.approximate && n.value == nums[0],
                "num_range" => n.value == nums[0] && n.upper == Some(nums[1]),
                _ if value.starts_with('<') => n.at_most && n.value == nums[0],
                _ => n.at_least && n.value == nums[0],
            };
            let s = format!("وقال المصدر إن {surface} شخصاً قتلوا.");
            run(expect_number(&s, surface, check, value))?;
            let qualifier = surface.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
            for (w, _) in &var {
                let phrase = if key(w) == "تقريبا" {
                    format!("{} {w}", nums[0])
                } else {
                    format!("{w} {}", nums[0])
                };
                let s = format!("وقال المصدر إن {phrase} شخصاً قتلوا.");
                run(expect_number(&s, &phrase, check, value))?;
                let _ = qualifier;
            }
        }
        "casualty" => {
            let ns = numbers(surface);
            let mut wanted: Vec<u64> = Vec::new();
            for part in value.split(',') {
                let part = part.trim();
                let Some((_, v)) = part.split_once(['=', '~']) else {
                    continue;
                };
                let digits: String = v.chars().take_while(|c| c.is_ascii_digit()).collect();
                if let Ok(n) = digits.parse::<u64>() {
                    wanted.push(n);
                } else if v.starts_with("tens") {
                    run(ns
                        .iter()
                        .any(|n| n.vague && n.value == 10)
                        .then_some(())
                        .ok_or(format!(
                            "«{surface}»: vague tens, got [{}]",
                            describe_numbers(surface, &ns)
                        )))?;
                }
            }
            // a bare singular («مقتل شخص», «قتيل») is one, but that is the events' reading:
            // the number layer claims no count there
            let said: Vec<u64> = wanted
                .iter()
                .copied()
                .filter(|w| *w != 1 || surface.contains('1'))
                .collect();
            let got: Vec<u64> = ns.iter().map(|n| n.value).collect();
            run((got == said
                || (said.is_empty() && got.iter().all(|g| *g == 10 && value.contains("tens"))))
            .then_some(())
            .ok_or(format!(
                "«{surface}»: counts {said:?}, got [{}]",
                describe_numbers(surface, &ns)
            )))?;
            if value.contains('~') {
                run(ns
                    .iter()
                    .all(|n| n.approximate)
                    .then_some(())
                    .ok_or("approximate".to_string()))?;
            }
        }
        "digits" => {
            if let Some((lo, hi)) = value.split_once('-') {
                let _ = (lo, hi);
                run((key(surface) == "0123456789")
                    .then_some(())
                    .ok_or(format!("key of {surface}")))?;
                let toks = tokenize(surface);
                run(
                    (toks.len() == 1 && number_value(surface) == Some(123_456_789))
                        .then_some(())
                        .ok_or("one number token".to_string()),
                )?;
            } else {
                let v: f64 = value.parse().map_err(|_| "value")?;
                let toks = tokenize(surface);
                run(
                    (toks.len() == 1 && number_value(surface) == Some(v.trunc() as u64))
                        .then_some(())
                        .ok_or(format!("«{surface}»: one number token, integer part {v}")),
                )?;
                // the thousands separator and the percent sign of the note
                run((number_value("١٬٢٠٠") == Some(1200))
                    .then_some(())
                    .ok_or("١٬٢٠٠ = 1200".to_string()))?;
                run(expect_number(
                    "ارتفعت النسبة إلى ٥٪ هذا العام.",
                    "٥",
                    |n| n.value == 5,
                    "5",
                ))?;
            }
        }
        "date_format" => {
            let s = format!("وقعت الاشتباكات في {surface} قرب الحدود.");
            run(expect_time(&s, surface, anchor(), value))?;
            let ts = time_expressions(&s, None);
            run((ts.len() == 1)
                .then_some(())
                .ok_or("a full date needs no anchor".to_string()))?;
        }
        other => {
            return Err(format!(
                "unknown category {other:?}: teach crates/arabic/tests/facts.rs about it"
            ))
        }
    }
    Ok(checks)
}

fn day_from(d: NaiveDate, off: i64) -> NaiveDate {
    if off >= 0 {
        d + Days::new(off as u64)
    } else {
        d - Days::new(off.unsigned_abs())
    }
}

#[test]
fn shared_facts_table() {
    let path = facts_path();
    let Ok(src) = std::fs::read_to_string(&path) else {
        println!(
            "skipped: {} is absent (the shared data lives beside the repository)",
            path.display()
        );
        return;
    };
    let mut failures = Vec::new();
    let (mut rows, mut checks) = (0, 0);
    for (lineno, line) in src.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        rows += 1;
        let cols: Vec<&str> = line.split('\t').collect();
        let (cat, surface, value) = (
            cols[0],
            cols.get(1).copied().unwrap_or(""),
            cols.get(2).copied().unwrap_or(""),
        );
        let note = cols.get(3).copied().unwrap_or("");
        match check_row(cat, surface, value, note) {
            Ok(n) => checks += n,
            Err(e) => failures.push(format!("line {}: {cat} «{surface}»: {e}", lineno + 1)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {rows} fact rows failed (help: the rules live in crates/arabic/src/{{numbers.rs,time/}}, the lexicons in data/arabic/):\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{rows} fact rows, {checks} checks passed");
}

#[test]
fn notes_give_their_variants() {
    let v = |n: &str| variants(n).into_iter().map(|(s, _)| s).collect::<Vec<_>>();
    assert_eq!(
        v("also ليلة أمس, الليلة الماضية; may run past midnight into D"),
        ["ليلة أمس", "الليلة الماضية"]
    );
    assert_eq!(
        v("oblique اثني عشر; fem. اثنتا/اثنتي عشرة"),
        ["اثني عشر", "اثنتا عشرة", "اثنتي عشرة"]
    );
    assert_eq!(v("also spelled اذار without madda"), ["اذار"]);
    assert_eq!(v("also today's; يوم = day"), Vec::<String>::new());
    let with_values = variants("ثلاثين; أربعون/أربعين 40; مليار = 1e9");
    assert_eq!(with_values[1], ("أربعون".to_string(), Some(40.0)));
    assert_eq!(with_values[3], ("مليار".to_string(), Some(1e9)));
}
