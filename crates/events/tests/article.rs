//! Whole-article coding: an in-tree article written for this test, and the shared seed
//! (../shared/seed, skipped with a printed reason when absent). Places come from a tiny in-test
//! place table, dates from marsad_arabic::time_expressions.

use chrono::NaiveDate;
use marsad_core::{Event, Place, Span};
use marsad_events::{EventCoder, EventInput, EventOutput, PlaceRef};

/// (Arabic name, English name, lat, lon, country, feature, precision)
const PLACES: &[(&str, &str, f64, f64, &str, &str, u8)] = &[
    ("البوكمال", "Abu Kamal", 34.45226, 40.91854, "SY", "PPL", 1),
    (
        "دير الزور",
        "Deir ez-Zor",
        35.33588,
        40.14084,
        "SY",
        "PPLA",
        2,
    ),
    ("إدلب", "Idlib", 35.93083, 36.63389, "SY", "PPLA", 1),
    ("سوريا", "Syria", 35.0, 38.0, "SY", "PCLI", 3),
    ("العراق", "Iraq", 33.0, 44.0, "IQ", "PCLI", 3),
    ("حمص", "Homs", 34.72682, 36.72339, "SY", "PPLA", 1),
    ("دبي", "Dubai", 25.07725, 55.30927, "AE", "PPLA", 1),
    ("إسرائيل", "Israel", 31.5, 34.75, "IL", "PCLI", 3),
    (
        "الولايات المتحدة",
        "United States",
        39.76,
        -98.5,
        "US",
        "PCLI",
        3,
    ),
    ("تعز", "Taizz", 13.57952, 44.02091, "YE", "PPLA", 1),
    ("إيران", "Iran", 32.0, 53.0, "IR", "PCLI", 3),
    ("تركيا", "Turkey", 39.0, 35.0, "TR", "PCLI", 3),
    ("روسيا", "Russia", 60.0, 100.0, "RU", "PCLI", 3),
];

/// The province (GeoNames admin1) of the table's places that lie in another of its places.
const ADMIN1: &[(&str, &str)] = &[("Abu Kamal", "Deir ez-Zor")];

fn is_letter(c: char) -> bool {
    marsad_arabic::is_arabic_letter(c)
}

/// Every whole-word occurrence of the table's names (a proclitic و ب ل ف before is allowed).
fn place_refs(text: &str) -> Vec<PlaceRef> {
    let mut out = Vec::new();
    for &(ar, en, lat, lon, country, feature, precision) in PLACES {
        for (at, _) in text.match_indices(ar) {
            let before = text[..at].chars().next_back();
            let after = text[at + ar.len()..].chars().next();
            let before_ok = match before {
                None => true,
                Some(c) if !is_letter(c) => true,
                Some(c) => {
                    matches!(c, 'و' | 'ب' | 'ل' | 'ف')
                        && text[..at - c.len_utf8()]
                            .chars()
                            .next_back()
                            .is_none_or(|d| !is_letter(d))
                }
            };
            if before_ok && after.is_none_or(|c| !is_letter(c)) {
                out.push(PlaceRef {
                    span: Span::new(at, at + ar.len()),
                    place: Place {
                        name: en.into(),
                        name_ar: Some(ar.into()),
                        lat,
                        lon,
                        country: country.into(),
                        feature: feature.into(),
                        admin1: ADMIN1
                            .iter()
                            .find(|(place, _)| *place == en)
                            .map(|(_, admin1)| admin1.to_string()),
                        ..Place::default()
                    },
                    precision,
                });
            }
        }
    }
    out.sort_by_key(|p| p.span.start);
    out
}

fn code(text: &str, published: NaiveDate, dateline: Option<&Place>) -> EventOutput {
    code_maybe_dated(text, Some(published), dateline)
}

/// [`code`] for a text that may have no publication date.
fn code_maybe_dated(
    text: &str,
    published: Option<NaiveDate>,
    dateline: Option<&Place>,
) -> EventOutput {
    let sentences = marsad_arabic::sentences(text);
    let dates = marsad_arabic::time_expressions(text, published);
    let numbers = marsad_arabic::numbers(text);
    let places = place_refs(text);
    let input = EventInput {
        text,
        title: None,
        published,
        sentences: &sentences,
        dates: &dates,
        numbers: &numbers,
        places: &places,
        dateline_place: dateline,
        persons: &[],
    };
    EventCoder::embedded().code(&input)
}

fn brief(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .map(|e| {
            format!(
                "{} | {} | {:?} -> {:?} | {} p{} | {:?} | bg {} | {:?} | «{}»",
                e.sub_event_type,
                e.plover.event,
                e.actor1.as_ref().map(|a| &a.name),
                e.actor2.as_ref().map(|a| &a.name),
                e.date,
                e.time_precision,
                e.location.as_ref().map(|l| (&l.place.name, l.precision)),
                e.background,
                e.fatalities,
                e.evidence.trigger.text
            )
        })
        .collect()
}

/// The first event of `out` that `pred` accepts; a test fails naming `what` and listing the
/// events coded when there is none.
fn find_event<'a>(out: &'a EventOutput, what: &str, pred: impl Fn(&Event) -> bool) -> &'a Event {
    out.events
        .iter()
        .find(|e| pred(e))
        .unwrap_or_else(|| panic!("the {what} is missing: {:#?}", brief(&out.events)))
}

fn check_spans(text: &str, out: &EventOutput) {
    for e in &out.entities {
        assert_eq!(e.span.slice(text), e.text, "entity span");
    }
    for e in &out.events {
        assert_eq!(
            e.evidence.span.slice(text),
            e.evidence.sentence,
            "evidence span"
        );
        assert_eq!(
            e.evidence.trigger.span.slice(text),
            e.evidence.trigger.text,
            "trigger span"
        );
        assert!((0.0..=1.0).contains(&e.confidence));
    }
}

/// The three events the seed must yield, and no more than four events.
fn check_seed_like(text: &str, out: &EventOutput) {
    let got = brief(&out.events);
    let strike_now = out.events.iter().any(|e| {
        e.sub_event_type == "Air/drone strike"
            && e.plover.event == "ASSAULT"
            && e.actor1
                .as_ref()
                .is_some_and(|a| a.country.as_deref() == Some("US"))
            && e.actor2
                .as_ref()
                .is_some_and(|a| a.name == "Iranian-backed militias")
            && e.date == "2021-06-28"
            && e.time_precision == 1
            && !e.background
            && e.location
                .as_ref()
                .is_some_and(|l| l.place.country == "SY" && l.place.name != "Syria")
    });
    assert!(strike_now, "US air strike of 2021-06-28 missing: {got:#?}");
    let meeting = out.events.iter().any(|e| {
        e.event_type == "Strategic developments"
            && e.plover.event == "CONSULT"
            && e.date == "2021-06-28"
            && !e.background
            && e.location
                .as_ref()
                .is_some_and(|l| l.place.name == "Abu Kamal")
    });
    assert!(meeting, "meeting in Abu Kamal missing: {got:#?}");
    let strike_feb = out.events.iter().any(|e| {
        e.sub_event_type == "Air/drone strike"
            && e.date == "2021-02-15"
            && e.time_precision == 3
            && e.background
            && e.location
                .as_ref()
                .is_some_and(|l| l.place.name == "Abu Kamal")
    });
    assert!(strike_feb, "February strike on Abu Kamal missing: {got:#?}");
    assert!(out.events.len() <= 4, "too many events: {got:#?}");
    // the general sentence is not an event by itself
    assert!(
        !out.events
            .iter()
            .any(|e| e.evidence.trigger.text.contains("لغارات")),
        "habitual sentence coded: {got:#?}"
    );
    check_spans(text, out);
}

const ARTICLE: &str = "اجتمع قادة الميليشيات الإيرانية مع قياديين من الحشد الشعبي العراقي في مدينة البوكمال أمس الأحد، بعد الغارات التي تعرضت لها مواقعهم.

وقال مصدر محلي إن \"الحاج مهدي\" ترأس الاجتماع بحضور قيادات من \"الحرس الثوري\" الإيراني.

وكانت طائرات حربية أميركية قد قصفت فجر أمس الأحد مواقع الميليشيات الإيرانية قرب الحدود العراقية في ريف دير الزور، ما أدى إلى مقتل 4 عناصر وإصابة 7 آخرين.

وتتعرض الميليشيات الإيرانية في سوريا لغارات متكررة، حيث شنت المقاتلات الأميركية غارات على مستودعات أسلحة في البوكمال في شباط الماضي.";

#[test]
fn in_tree_article() {
    let published = NaiveDate::from_ymd_opt(2021, 6, 28).unwrap();
    let out = code(ARTICLE, published, None);
    let got = brief(&out.events);
    let strike = out
        .events
        .iter()
        .find(|e| e.sub_event_type == "Air/drone strike" && e.date == "2021-06-27")
        .unwrap_or_else(|| panic!("strike of 2021-06-27 missing: {got:#?}"));
    assert_eq!(
        strike.actor1.as_ref().map(|a| a.id.as_str()),
        Some("us-mil"),
        "{got:#?}"
    );
    assert_eq!(strike.fatalities, Some(4), "{got:#?}");
    assert!(
        out.events
            .iter()
            .any(|e| e.plover.event == "CONSULT" && e.date == "2021-06-27"),
        "{got:#?}"
    );
    assert!(
        out.events
            .iter()
            .any(|e| e.sub_event_type == "Air/drone strike"
                && e.date == "2021-02-15"
                && e.background),
        "{got:#?}"
    );
    assert!(
        !out.events
            .iter()
            .any(|e| e.evidence.trigger.text.contains("لغارات")),
        "{got:#?}"
    );
    assert!(
        out.entities.iter().any(|e| e.text == "الحاج مهدي"),
        "{:?}",
        out.entities
    );
    check_spans(ARTICLE, &out);
}

/// A dateline of another country than the article's places is the outlet's office: the events
/// of a sentence without a place do not happen there.
#[test]
fn an_office_dateline_does_not_place_the_events() {
    let text = "أعلنت القيادة العامة للجيش السوري أن طائرات إسرائيلية قصفت مواقع عسكرية فجر الخميس.\n\nوقالت إن القصف استهدف مطارا قرب مدينة حمص.";
    let published = NaiveDate::from_ymd_opt(2018, 5, 10).unwrap();
    let dubai = place_refs("دبي")[0].place.clone();
    let out = code(text, published, Some(&dubai));
    assert!(!out.events.is_empty(), "no event");
    for e in &out.events {
        let place = e.location.as_ref().map(|l| l.place.name.as_str());
        assert_ne!(place, Some("Dubai"), "{:#?}", brief(&out.events));
    }
    // the same dateline over a story about its own country places them
    let text = "قال مسؤولون إن مسلحين مجهولين هاجموا دورية للشرطة فجر الخميس.\n\nوأضافوا أن الهجوم وقع قرب ميناء جبل علي في دبي.";
    let out = code(text, published, Some(&dubai));
    let first = find_event(&out, "attack", |e| e.evidence.sentence.contains("دورية"));
    assert_eq!(
        first.location.as_ref().map(|l| l.place.country.as_str()),
        Some("AE"),
        "{:#?}",
        brief(&out.events)
    );
}

/// The learned filter removes what it doubts only in undated text (its own kind: lone sentences);
/// in a dated article its doubt is the event's confidence, and nothing is removed.
#[test]
fn the_filter_doubts_in_a_dated_article_and_removes_in_undated_text() {
    let text = "أعدم تنظيم داعش ثلاثة رجال في مدينة الرقة بتهمة التعامل مع التحالف.";
    let published = NaiveDate::from_ymd_opt(2021, 6, 28).unwrap();
    let dated = code(text, published, None);
    let execution = find_event(&dated, "execution", |e| e.sub_event_type == "Attack");
    assert!(
        execution.confidence < 0.4,
        "the filter's doubt is the confidence: {}",
        execution.confidence
    );
    check_spans(text, &dated);

    let undated = code_maybe_dated(text, None, None);
    assert!(
        undated.events.iter().all(|e| e.sub_event_type != "Attack"),
        "{:#?}",
        brief(&undated.events)
    );
}

#[test]
fn a_sentence_without_a_place_takes_the_last_place_named_before_it() {
    let text = "قال مسؤولون في العراق إن الهدوء عاد إلى المنطقة.\n\nوشنت طائرات حربية روسية غارات على بلدة قرب إدلب أمس الأحد.\n\nوقتل مسلحون مجهولون ثلاثة مدنيين أمس الأحد.";
    let published = NaiveDate::from_ymd_opt(2021, 6, 28).unwrap();
    let out = code(text, published, None);
    let got = brief(&out.events);
    let killing = out
        .events
        .iter()
        .find(|e| e.evidence.sentence.contains("مجهولون"))
        .unwrap_or_else(|| panic!("the killing is missing: {got:#?}"));
    let place = killing.location.as_ref().expect("a location");
    // Idlib, named by the sentence before; not Iraq (a country: where someone spoke from);
    // as the general area, not the place itself
    assert_eq!(
        (place.place.name.as_str(), place.precision),
        ("Idlib", 2),
        "{got:#?}"
    );
    check_spans(text, &out);
}

/// (sub-event type, actor1, location) of each event of `text`, one sentence per row.
fn actor_and_place(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let published = NaiveDate::from_ymd_opt(2021, 6, 28).unwrap();
    let out = code(text, published, None);
    check_spans(text, &out);
    out.events
        .iter()
        .map(|e| {
            (
                e.sub_event_type.clone(),
                e.actor1.as_ref().map(|a| a.name.clone()),
                e.location.as_ref().map(|l| l.place.name.clone()),
            )
        })
        .collect()
}

/// A country named as the doer of an attack is its forces, and neither it nor a country joined
/// to it is the event's place; a country after a preposition stays a place, but not after
/// «ضد» (what an act is against).
#[test]
fn a_country_as_the_doer_is_its_forces() {
    let row = |sub: &str, actor: Option<&str>, place: Option<&str>| {
        vec![(
            sub.to_string(),
            actor.map(String::from),
            place.map(String::from),
        )]
    };
    assert_eq!(
        actor_and_place("ودمرت الولايات المتحدة وإسرائيل أمس ثلاثة مواقع قرب حمص."),
        row(
            "Looting/property destruction",
            Some("Military Forces of the United States"),
            Some("Homs")
        )
    );
    assert_eq!(
        actor_and_place("قصفت إسرائيل أمس مواقع لحزب الله في سوريا."),
        row(
            "Shelling/artillery/missile attack",
            Some("Military Forces of Israel"),
            Some("Syria")
        )
    );
    assert_eq!(
        actor_and_place("إسرائيل قصفت أمس مواقع عسكرية في حمص."),
        row(
            "Shelling/artillery/missile attack",
            Some("Military Forces of Israel"),
            Some("Homs")
        )
    );
    let protest = actor_and_place("تظاهر المئات أمس ضد إسرائيل.");
    assert_eq!(
        protest.first().map(|e| e.2.clone()),
        Some(None),
        "{protest:?}"
    );
    assert_eq!(
        actor_and_place("سقطت قذائف أمس على مواقع في سوريا."),
        row("Shelling/artillery/missile attack", None, Some("Syria"))
    );
}

/// A date said first and set off by a comma dates the clause after it, not a year named later
/// in the sentence.
#[test]
fn a_time_said_first_dates_the_clause_after_it() {
    let text = "وفي السابع من حزيران، شنت طائرات حربية غارات على مدينة إدلب التي يسيطر عليها مسلحون منذ 2015.";
    let published = NaiveDate::from_ymd_opt(2021, 6, 28).unwrap();
    let out = code(text, published, None);
    let strike = find_event(&out, "strike", |e| e.sub_event_type == "Air/drone strike");
    assert_eq!(
        (strike.date.as_str(), strike.time_precision),
        ("2021-06-07", 1)
    );
}

/// The killed named before a strike are its target: «قتل 16 من ميليشيات الحوثي في غارة للتحالف».
#[test]
fn the_killed_named_first_are_the_target() {
    let text = "قتل 16 من ميليشيات الحوثي في غارة للتحالف العربي استهدفت تجمعا لهم في تعز أمس.";
    let published = NaiveDate::from_ymd_opt(2021, 6, 28).unwrap();
    let out = code(text, published, None);
    let strike = find_event(&out, "strike", |e| e.sub_event_type == "Air/drone strike");
    let name = |a: &Option<marsad_core::Actor>| a.as_ref().map(|a| a.name.clone());
    assert_eq!(
        (
            name(&strike.actor1),
            name(&strike.actor2),
            strike.fatalities
        ),
        (
            Some("Saudi-led Coalition".to_string()),
            Some("Ansar Allah (Houthis)".to_string()),
            Some(16)
        )
    );
}

/// A meeting dated after the report is planned, not an event; a time to come in another clause
/// does not date the event.
#[test]
fn what_is_to_come_is_no_event() {
    let published = NaiveDate::from_ymd_opt(2021, 6, 28).unwrap();
    let text = "اجتمع وزيرا خارجية روسيا وتركيا في حمص الأربعاء المقبل لبحث الوضع في إدلب.";
    let out = code(text, published, None);
    assert!(
        out.events.iter().all(|e| e.plover.event != "CONSULT"),
        "{:#?}",
        brief(&out.events)
    );
    let text = "قتل مدني برصاص قناص في حمص، في المدينة التي تشهد انتخابات الأسبوع المقبل.";
    let out = code(text, published, None);
    let killing = find_event(&out, "killing", |e| e.plover.event == "ASSAULT");
    assert_eq!(killing.date, "2021-06-28", "{:#?}", brief(&out.events));
}

/// «الجيش الوطني» names the national army of the event's country: Yemen's army in Yemen, the
/// Syrian National Army in Syria; «التحالف» the coalition at war there.
#[test]
fn the_national_army_is_read_by_the_country() {
    let actor = |text: &str| actor_and_place(text).first().and_then(|e| e.1.clone());
    assert_eq!(
        actor("قصفت مدفعية الجيش الوطني مواقع الحوثيين في تعز أمس.").as_deref(),
        Some("Military Forces of Yemen")
    );
    assert_eq!(
        actor("قصفت مدفعية الجيش الوطني مواقع قسد قرب حمص أمس.").as_deref(),
        Some("SNA: Syrian National Army")
    );
    // and «التحالف» the coalition at war there
    assert_eq!(
        actor("أغارت طائرات التحالف على معسكر للحوثيين في تعز أمس.").as_deref(),
        Some("Saudi-led Coalition")
    );
    assert_eq!(
        actor("قصفت طائرات التحالف مواقع لتنظيم داعش قرب حمص أمس.").as_deref(),
        Some("Global Coalition Against Daesh")
    );
}

/// (actor1, actor2) of the first violent event of `text` (the table's first_event ranks the same
/// way).
fn actors_of(text: &str) -> (Option<String>, Option<String>) {
    let published = NaiveDate::from_ymd_opt(2021, 6, 28).unwrap();
    let out = code(text, published, None);
    check_spans(text, &out);
    let e = out
        .events
        .iter()
        .find(|e| matches!(e.plover.event.as_str(), "ASSAULT" | "FIGHT"))
        .or(out.events.first())
        .unwrap_or_else(|| panic!("no event in {text}"));
    let name = |a: &Option<marsad_core::Actor>| a.as_ref().map(|a| a.name.clone());
    (name(&e.actor1), name(&e.actor2))
}

/// Actors said in the ways Arabic news says them: a group by its adjective on a noun of its
/// members («القيادات الحوثية»), a strike's doer by «ل» after its noun, forces by what they belong
/// to («التابعة لحماس»), the Kurdish forces of Syria; a weapon is never the hit.
#[test]
fn actors_said_by_adjective_agent_and_belonging() {
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        actors_of("قتل ثلاثة من القيادات الحوثية في غارة للتحالف على تعز أمس."),
        (s("Saudi-led Coalition"), s("Ansar Allah (Houthis)"))
    );
    assert_eq!(
        actors_of("استهدفت غارات جوية عناصر حوثية قرب تعز أمس."),
        (None, s("Ansar Allah (Houthis)"))
    );
    assert_eq!(
        actors_of("قتل ثلاثة مدنيين أمس في الهجمات الجوية للنظام وروسيا على ريف إدلب.").0,
        s("Military Forces of Syria")
    );
    assert_eq!(
        actors_of("اعتقلت الأجهزة الأمنية التابعة لحماس صحفيا في خان يونس أمس."),
        (s("Hamas Movement"), None)
    );
    assert_eq!(
        actors_of("اشتبكت القوات الكردية مع فصائل المعارضة قرب حمص أمس.").0,
        s("SDF: Syrian Democratic Forces")
    );
    assert_eq!(
        actors_of("سقط صاروخان إسرائيليان على موقع للجيش السوري قرب دمشق أمس."),
        (
            s("Military Forces of Israel"),
            s("Military Forces of Syria")
        )
    );
    assert_eq!(
        actors_of("قتل ثلاثة مدنيين بنيران قوات تابعة للنظام قرب حمص أمس."),
        (s("Military Forces of Syria"), s("Civilians (Syria)"))
    );
    assert_eq!(
        actors_of("قتل ثلاثة مدنيين في غارات للتحالف على تعز أمس.").0,
        s("Saudi-led Coalition")
    );
    // those a count takes «من» with its noun between are the killed
    assert_eq!(
        actors_of("قتل 20 مسلحا من الحوثيين في غارات للتحالف قرب تعز أمس."),
        (s("Saudi-led Coalition"), s("Ansar Allah (Houthis)"))
    );
    // «وكانت إسرائيل قد قصفت»: the country after «كانت», with «قد» before the verb
    assert_eq!(
        actors_of("وكانت إسرائيل قد قصفت مواقع قرب حمص أمس.").0,
        s("Military Forces of Israel")
    );
    // the owner of the weapon a killing is done with is its doer; civilians are never the doer
    assert_eq!(
        actors_of("قتل خمسة مدنيين وجرح عشرة آخرون بينهم أطفال برصاص ميليشيات الحوثي في تعز أمس."),
        (s("Ansar Allah (Houthis)"), s("Civilians (Yemen)"))
    );
    assert_eq!(
        actors_of("قالت الشرطة إن حركة حماس استهدفت المدنيين بصواريخ قرب حمص أمس.").0,
        s("Hamas Movement")
    );
    // in Yemen «الميليشيات» are the Houthis; a doer right before the verb is its subject, and
    // an actor with «ل» after the verb owns the object
    assert_eq!(
        actors_of("قالت مصادر إن طائرات التحالف استهدفت تحركات للميليشيات قرب تعز أمس."),
        (s("Saudi-led Coalition"), s("Ansar Allah (Houthis)"))
    );
    // weapons after a verb whose doer is named before it are its object
    assert_eq!(
        actors_of("قالت مصادر إن الدفاعات الجوية السورية دمرت صاروخين إسرائيليين قرب حمص أمس.").0,
        s("Military Forces of Syria")
    );
    // the doer a statement names after «أن», or the accused of «اتهم … ب», is not the one who
    // speaks
    assert_eq!(
        actors_of("اتهم النظام السوري إسرائيل بقصف موقع عسكري قرب حمص أمس.").0,
        s("Military Forces of Israel")
    );
    assert_eq!(
        actors_of("أعلن النظام السوري أن إسرائيل استهدفت موقعا عسكريا قرب حمص أمس.").0,
        s("Military Forces of Israel")
    );
}

/// Armed men by what they do, air defences, authorities, travellers: a sniper is of his side
/// (a state's army, else that country's armed men) and the doer, never the hit.
#[test]
fn snipers_air_defences_authorities_and_travellers() {
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        actors_of("قتل جندي إسرائيلي برصاص قناص فلسطيني قرب السياج أمس."),
        (
            s("Unidentified Armed Group (Palestine)"),
            s("Military Forces of Israel")
        )
    );
    assert_eq!(
        actors_of("قتل شاب برصاص قناص إسرائيلي قرب السياج أمس.").0,
        s("Military Forces of Israel")
    );
    assert_eq!(
        actors_of("اعترضت الدفاعات الجوية السعودية صاروخا باليستيا أطلقه الحوثيون أمس.").0,
        s("Military Forces of Saudi Arabia")
    );
    assert_eq!(
        actors_of("اعترضت قوات الدفاع الجوي الملكي السعودي صاروخا أطلقته ميليشيات الحوثي أمس.").0,
        s("Military Forces of Saudi Arabia")
    );
    assert_eq!(
        actors_of("ألقت السلطات اللبنانية القبض على رجل مطلوب في بيروت أمس.").0,
        s("Police Forces of Lebanon")
    );
    assert_eq!(
        actors_of("اعتقلت ميليشيات الحوثي العديد من المسافرين عند نقاط التفتيش قرب تعز أمس."),
        (s("Ansar Allah (Houthis)"), s("Civilians (Yemen)"))
    );
}

/// Armed men of a named group are that group, and the subject of taking ground.
#[test]
fn members_of_a_named_group_take_ground() {
    assert_eq!(
        actors_of("أعلنت مصادر أن مسلحي تنظيم داعش استعادوا السيطرة على نقاط قرب البوكمال أمس."),
        (Some("Islamic State (ISIS)".to_string()), None)
    );
}

/// The hit of a noun trigger said after the verb it governs, the harmed after a word of harm,
/// and the one who says it (not the doer of what is said).
#[test]
fn the_speaker_the_object_and_the_harmed() {
    let s = |x: &str| Some(x.to_string());
    // the actor after a verb that a noun trigger governs is that verb's object: the hit
    assert_eq!(
        actors_of("وقال المتحدث إن الغارات استهدفت قيادات حوثية في تعز أمس."),
        (None, s("Ansar Allah (Houthis)"))
    );
    assert_eq!(
        actors_of("قتل خمسة أشخاص في الغارات التي استهدفت مواقع للحوثيين قرب تعز أمس.").1,
        s("Ansar Allah (Houthis)")
    );
    // a verb with an object pronoun has its doer after it
    assert_eq!(
        actors_of("قتل ثلاثة مدنيين في الغارات التي شنتها طائرات التحالف قرب تعز أمس.").0,
        s("Saudi-led Coalition")
    );
    // soldiers after a word of wounding or killing, or before «أصيبوا», are the harmed
    assert_eq!(
        actors_of("أصيب جنديان تركيان وخمسة مقاتلين سوريين بقذيفة هاون قرب الحدود أمس."),
        (None, s("Military Forces of Turkey"))
    );
    assert_eq!(
        actors_of("قالت المصادر إن ثلاثة جنود أتراك أصيبوا بقذيفة هاون قرب إدلب أمس."),
        (None, s("Military Forces of Turkey"))
    );
    assert_eq!(
        actors_of("قتل ثلاثة جنود أتراك بانفجار عبوة ناسفة قرب إدلب أمس."),
        (None, s("Military Forces of Turkey"))
    );
    // the one who says it is not the doer of what is said; unless the clause speaks of it
    assert_eq!(
        actors_of("قال المرصد السوري إن غارات جوية استهدفت بلدة قرب إدلب أمس.").0,
        None
    );
    assert_eq!(
        actors_of("أعلن التحالف أن طائراته استهدفت مواقع للحوثيين قرب تعز أمس.").0,
        s("Saudi-led Coalition")
    );
}

/// A country that arrests is its police: after «أن», or as the doer of a masdar whose object
/// follows with «ل».
#[test]
fn a_country_arrests_by_its_police() {
    let police = Some("Police Forces of Turkey".to_string());
    assert_eq!(
        actors_of("قالت المصادر إن تركيا اعتقلت صحفيا قرب حمص أمس.").0,
        police
    );
    assert_eq!(
        actors_of("أكدت المصادر توقيف تركيا للمشتبه به قرب حمص أمس.").0,
        police
    );
    assert_eq!(
        actors_of("أكدت المصادر توقيف #تركيا للمشتبه به قرب حمص أمس.").0,
        police
    );
}

/// The source of a report («بحسب المرصد», «وفق ما أعلن …») is neither its doer nor its hit;
/// a speaker named with his title and name before «إن» is a speaker too; a witness is no doer.
#[test]
fn a_source_is_neither_doer_nor_hit() {
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        actors_of("قتل ثلاثة مدنيين في قصف على بلدة قرب إدلب أمس بحسب المرصد السوري."),
        (None, s("Civilians (Syria)"))
    );
    assert_eq!(
        actors_of(
            "وقال مدير المرصد السوري رامي عبد الرحمن إن غارات جوية استهدفت بلدة قرب إدلب أمس."
        )
        .0,
        None
    );
    assert_eq!(
        actors_of("أعلن الجيش الإسرائيلي أن إحدى طائراته استهدفت مسلحا قرب حمص أمس.").0,
        s("Military Forces of Israel")
    );
    // the one who detected a launch is not its doer
    assert_eq!(
        actors_of("رصدت الدفاعات الجوية السعودية إطلاق صاروخ باليستي نحو جازان مساء أمس.").0,
        None
    );
}

/// The killed named with a word of killing in an earlier clause are the hit of the strike that
/// word joins.
#[test]
fn the_killed_in_an_earlier_clause_are_the_hit() {
    assert_eq!(
        actors_of("كما لقي عدد من القادة الحوثيين مصرعهم، أمس، في غارات للتحالف قرب تعز."),
        (
            Some("Saudi-led Coalition".to_string()),
            Some("Ansar Allah (Houthis)".to_string())
        )
    );
}

/// The places of a sentence's events.
fn places_of(text: &str) -> Vec<Option<String>> {
    actor_and_place(text).into_iter().map(|e| e.2).collect()
}

/// Every text has events, all at `want`.
fn assert_placed(texts: &[&str], want: &str) {
    for text in texts {
        let got = places_of(text);
        assert!(
            !got.is_empty() && got.iter().all(|p| p.as_deref() == Some(want)),
            "{text}: {got:?}"
        );
    }
}

/// «مدينة البوكمال في دير الزور»: a place that holds the one named before it only says where
/// that one lies.
#[test]
fn a_place_said_with_its_province_or_country_is_the_place() {
    assert_placed(
        &[
            "تعرضت مدينة البوكمال في دير الزور لقصف مدفعي أمس.",
            "تعرضت مدينة البوكمال بدير الزور لقصف مدفعي أمس.",
            "تعرضت مدينة البوكمال، سوريا، لقصف مدفعي أمس.",
        ],
        "Abu Kamal",
    );
    // a place that does not hold the one before it is a place of its own: the nearer is the
    // event's
    assert_eq!(
        places_of("تعرضت مدينة البوكمال في حمص لقصف مدفعي أمس."),
        vec![Some("Homs".to_string())]
    );
}

/// Civilians named before the trigger are its hit: civilians are never the doer.
#[test]
fn civilians_killed_before_the_trigger_are_the_hit() {
    for text in [
        "قتل ثلاثة مدنيين في غارة جوية على مدينة البوكمال أمس.",
        "قتل 11 مدنيا من عائلة واحدة بانفجار ألغام في مدينة البوكمال أمس.",
    ] {
        let (a1, a2) = actors_of(text);
        assert_eq!(a1, None, "{text}");
        assert_eq!(a2.as_deref(), Some("Civilians (Syria)"), "{text}");
    }
}

/// A later mention of the same strike by its country only is that strike: one event, at the
/// town, with the town's toll.
#[test]
fn a_mention_by_the_country_joins_the_event_at_the_town() {
    let text = "قصفت طائرات حربية مدينة البوكمال أمس، ما أدى إلى مقتل خمسة مدنيين. \
                وقال المرصد إن الغارات الجوية على سوريا أمس أوقعت عشرات القتلى والجرحى.";
    let published = NaiveDate::from_ymd_opt(2021, 6, 28).unwrap();
    let out = code(text, published, None);
    check_spans(text, &out);
    let strikes: Vec<_> = out
        .events
        .iter()
        .filter(|e| e.sub_event_type == "Air/drone strike")
        .map(|e| {
            (
                e.location.as_ref().map(|l| l.place.name.clone()),
                e.fatalities,
            )
        })
        .collect();
    assert_eq!(strikes, vec![(Some("Abu Kamal".to_string()), Some(5))]);
}

/// «الموالية لإيران», «المدعومة من تركيا»: who an actor is loyal to or backed by is no place,
/// and the ones said to be loyal are no party («الأشخاص الموالين للنظام»).
#[test]
fn an_affiliation_is_no_place() {
    assert_placed(
        &[
            "قصفت الميليشيات الموالية لإيران قرية قرب تعز أمس.",
            "قصفت الفصائل المدعومة من تركيا قرية قرب تعز أمس.",
        ],
        "Taizz",
    );
    assert_eq!(
        actors_of("اعتقلت مجموعات مسلحة أشخاصا موالين للنظام في إدلب أمس.").1,
        None
    );
}

/// The body of a flattened page: the paragraphs after the dateline line («<place> - …»).
fn body_after_dateline(raw: &str) -> Option<String> {
    let lines: Vec<&str> = raw.lines().map(str::trim).collect();
    let dateline = lines
        .iter()
        .position(|l| l.chars().count() < 40 && (l.contains(" - ") || l.contains(" – ")))?;
    let paragraphs: Vec<&str> = lines[dateline + 1..]
        .iter()
        .copied()
        .filter(|l| l.chars().count() > 60)
        .collect();
    Some(paragraphs.join("\n\n"))
}

#[test]
fn shared_seed() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seed/000_9913e4047ecd4a78.txt");
    let Ok(raw) = std::fs::read_to_string(&path) else {
        println!("skipped: {} is absent", path.display());
        return;
    };
    let text = body_after_dateline(&raw).expect("a dateline line");
    let published = NaiveDate::from_ymd_opt(2021, 6, 29).unwrap();
    let dateline = place_refs("دير الزور")[0].place.clone();
    let out = code(&text, published, Some(&dateline));
    check_seed_like(&text, &out);
    let persons: Vec<&str> = out
        .entities
        .iter()
        .filter(|e| e.kind == marsad_core::EntityKind::Person)
        .map(|e| e.text.as_str())
        .collect();
    for p in ["الحاج عسكر", "الحاج ذو الفقار", "الحاج أميري"] {
        assert!(persons.contains(&p), "person {p} missing: {persons:?}");
    }
    let actor_countries: Vec<(&str, &str)> = out
        .entities
        .iter()
        .filter_map(|e| Some((e.text.as_str(), e.actor.as_ref()?.country.as_deref()?)))
        .collect();
    for (said, country) in [
        ("الحرس الثوري", "IR"),
        ("الحشد الشعبي", "IQ"),
        ("طائرات جوية أميركية", "US"),
    ] {
        assert!(
            actor_countries
                .iter()
                .any(|(t, c)| t.contains(said) && *c == country),
            "actor {said} ({country}) missing: {actor_countries:?}"
        );
    }
}

/// A mention that names no place or no time of its own is the event reported before it, which
/// takes the place or the day the mention says; one said to be another («أخرى»), or dated
/// months before, is not.
#[test]
fn a_mention_without_its_own_place_or_day_is_the_event_before_it() {
    let text = "انفجرت عبوة ناسفة بسيارة مدنية في مدينة حمص، ما أدى إلى مقتل ثلاثة أشخاص.\n\nوقال مصدر أمني إن الانفجار وقع مساء السبت.\n\nوانفجرت عبوة ناسفة أخرى بدورية عسكرية، ما أدى إلى مقتل جندي.\n\nوكانت عبوة ناسفة قد انفجرت في حمص في شباط الماضي.";
    let published = NaiveDate::from_ymd_opt(2021, 6, 28).unwrap();
    let out = code(text, published, None);
    let got = brief(&out.events);
    let ieds: Vec<&Event> = out
        .events
        .iter()
        .filter(|e| e.sub_event_type == "Remote explosive/landmine/IED")
        .collect();
    assert_eq!(ieds.len(), 3, "{got:#?}");
    let first = ieds[0];
    assert_eq!(
        (first.date.as_str(), first.time_precision, first.fatalities),
        ("2021-06-26", 1, Some(3)),
        "{got:#?}"
    );
    assert_eq!(
        first.location.as_ref().map(|l| l.place.name.as_str()),
        Some("Homs"),
        "{got:#?}"
    );
    assert!(ieds[1].evidence.sentence.contains("أخرى"), "{got:#?}");
    assert_eq!(ieds[1].fatalities, Some(1), "{got:#?}");
    assert!(ieds[2].background, "{got:#?}");
    check_spans(text, &out);
}

/// A country or capital that leads a coalition or speaks («التحالف الذي تقوده الولايات
/// المتحدة», «وقالت إسرائيل»), a seat («مقرها دبي») or a neighbour («المجاورة لإدلب») is not
/// where the event happened.
#[test]
fn a_leader_or_a_speaker_is_not_the_place() {
    assert_placed(
        &[
            "قصفت القوات التركية مواقع في حمص أمس.\n\nوقالت إسرائيل إن طائرات مجهولة شنت غارات على مواقع عسكرية أمس.",
            "شنت طائرات التحالف الذي تقوده الولايات المتحدة غارات على مواقع التنظيم أمس، بحسب مصادر في حمص.",
            "شنت طائرات حربية غارات على مدينة حمص المجاورة لإدلب أمس.",
            "قال مسؤول في منظمة مقرها دبي إن طائرات مجهولة شنت غارات على مواقع عسكرية أمس، بحسب مصادر في حمص.",
        ],
        "Homs",
    );
}

/// An actor said to back the doer («بدعم من», «بمساندة») is with it, not its hit.
#[test]
fn an_ally_of_the_doer_is_not_the_hit() {
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        actors_of("هاجمت القوات التركية بدعم من التحالف مواقع للحوثيين قرب تعز أمس."),
        (s("Military Forces of Turkey"), s("Ansar Allah (Houthis)"))
    );
    assert_eq!(
        actors_of("تصدت القوات التركية بمساندة التحالف لهجوم قرب تعز أمس.").1,
        None
    );
}
