//! Documents written for the server's tests, its browser test and its benchmark: a few Arabic
//! news items with coded events (one of them carrying HTML that must stay text), and synthetic
//! items in any number. Spans are in characters, as the contract says.
#![allow(dead_code)]

use marsad::{
    Actor, DocumentResult, Entity, EntityKind, Event, Evidence, LocatedPlace, Place, Plover, Span,
    Trigger,
};

/// The character span of `needle` in `text` (its first occurrence at or after char `from`).
pub fn chars(text: &str, needle: &str, from: usize) -> Span {
    let skip: usize = text.chars().take(from).map(char::len_utf8).sum();
    let b = text[skip..]
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the text"))
        + skip;
    let s = text[..b].chars().count();
    Span::new(s, s + needle.chars().count())
}

pub fn place(name: &str, name_ar: &str, country: &str, admin1: &str, lat: f64, lon: f64) -> Place {
    Place {
        name: name.into(),
        name_ar: Some(name_ar.into()),
        lat,
        lon,
        country: country.into(),
        admin1: Some(admin1.into()),
        admin2: None,
        feature: "PPL".into(),
        geonameid: None,
    }
}

pub fn actor(id: &str, name: &str, name_ar: &str, inter: u8, country: &str) -> Actor {
    Actor {
        id: id.into(),
        name: name.into(),
        name_ar: Some(name_ar.into()),
        inter,
        country: Some(country.into()),
    }
}

/// An event to code in a fixture document.
pub struct Ev {
    pub types: (&'static str, &'static str, &'static str, &'static str),
    pub actor1: Option<Actor>,
    pub actor2: Option<Actor>,
    pub date: &'static str,
    pub place: Place,
    pub fatalities: Option<u32>,
    pub sentence: &'static str,
    pub trigger: &'static str,
    pub background: bool,
}

pub const STRIKE: (&str, &str, &str, &str) = (
    "Explosions/Remote violence",
    "Air/drone strike",
    "Political violence",
    "ASSAULT",
);
pub const PROTEST: (&str, &str, &str, &str) =
    ("Protests", "Peaceful protest", "Demonstrations", "PROTEST");
pub const CLASH: (&str, &str, &str, &str) =
    ("Battles", "Armed clash", "Political violence", "FIGHT");
pub const RIOT: (&str, &str, &str, &str) = (
    "Riots",
    "Violent demonstration",
    "Demonstrations",
    "PROTEST",
);
pub const ATTACK: (&str, &str, &str, &str) = (
    "Violence against civilians",
    "Attack",
    "Political violence",
    "ASSAULT",
);
pub const AGREEMENT: (&str, &str, &str, &str) = (
    "Strategic developments",
    "Agreement",
    "Strategic developments",
    "AGREE",
);

/// A document with its places, actors and events, every span computed from the text.
pub fn doc(
    id: &str,
    source: &str,
    title: &str,
    published: &str,
    text: &str,
    mentions: &[(&str, EntityKind)],
    events: Vec<Ev>,
) -> DocumentResult {
    let mut d = DocumentResult {
        id: id.into(),
        ..Default::default()
    };
    d.article.text = text.into();
    d.article.title = Some(title.into());
    d.article.source = Some(source.into());
    d.article.url = Some(format!(
        "https://{}.example/{id}",
        source.to_lowercase().replace(' ', "-")
    ));
    d.article.published = Some(published.into());
    for (needle, kind) in mentions {
        let span = chars(text, needle, 0);
        let mut e = Entity {
            kind: *kind,
            text: needle.to_string(),
            span,
            place: None,
            actor: None,
            value: None,
            time_precision: None,
            flags: vec![],
            source: Some("fixture".into()),
        };
        if *kind == EntityKind::Place {
            if let Some(ev) = events
                .iter()
                .find(|ev| ev.place.name_ar.as_deref() == Some(*needle))
            {
                e.place = Some(ev.place.clone());
            }
        }
        if *kind == EntityKind::Actor {
            e.actor = events
                .iter()
                .flat_map(|ev| [ev.actor1.clone(), ev.actor2.clone()])
                .flatten()
                .find(|a| a.name_ar.as_deref() == Some(*needle));
        }
        d.entities.push(e);
    }
    for ev in events {
        let s = chars(text, ev.sentence, 0);
        let t = chars(text, ev.trigger, s.start);
        let (event_type, sub_event_type, disorder_type, plover) = ev.types;
        d.events.push(Event {
            event_type: event_type.into(),
            sub_event_type: sub_event_type.into(),
            disorder_type: disorder_type.into(),
            plover: Plover {
                event: plover.into(),
                mode: None,
            },
            actor1: ev.actor1,
            assoc_actor_1: vec![],
            actor2: ev.actor2,
            assoc_actor_2: vec![],
            date: ev.date.into(),
            time_precision: 1,
            location: Some(LocatedPlace {
                place: ev.place,
                precision: 1,
            }),
            fatalities: ev.fatalities,
            background: ev.background,
            evidence: Evidence {
                sentence: ev.sentence.into(),
                span: s,
                trigger: Trigger {
                    text: ev.trigger.into(),
                    span: t,
                },
            },
            confidence: 0.8,
        });
    }
    d
}

pub fn sarmin() -> Place {
    place("Sarmin", "سرمين", "SY", "Idlib", 35.9037, 36.7250)
}

pub fn syrian_forces() -> Actor {
    actor(
        "sy-forces",
        "Military Forces of Syria",
        "القوات الحكومية السورية",
        1,
        "SY",
    )
}

/// The text of the document whose title and body carry HTML and script: it must be shown as
/// text and run nothing.
pub const HOSTILE: &str = "<script>window.__xss = 1</script>";
pub const HOSTILE_IMG: &str = "<img src=x onerror=\"window.__xss = 1\">";

/// Seven documents, six events (one reported twice, one background), in four countries.
pub fn documents() -> Vec<DocumentResult> {
    use EntityKind::*;
    let t1 = "أفادت مصادر محلية بأن طائرات حربية قصفت بلدة سرمين في ريف إدلب صباح الأحد، ما أدى إلى مقتل أربعة مدنيين.\n\nوقال شهود إن الغارات استهدفت سوقاً شعبية وسط البلدة.";
    let t2 = "قال ناشطون إن غارة جوية نفذتها القوات الحكومية السورية استهدفت سرمين وأوقعت ثلاثة قتلى، فيما تواصل فرق الإسعاف البحث عن مفقودين.";
    let t3 = "تظاهر مئات الطلاب في ساحة التحرير وسط بغداد يوم الثلاثاء للمطالبة بتوفير فرص العمل، ورفعوا لافتات تنتقد الحكومة.";
    let t4 = "اندلعت اشتباكات عنيفة بين القوات الحكومية ومسلحين قرب مدينة تعز أسفرت عن سقوط سبعة قتلى من الطرفين.";
    let t5 = "أحرق محتجون غاضبون إطارات السيارات وقطعوا الطرق في بيروت احتجاجاً على ارتفاع الأسعار وانقطاع الكهرباء.";
    let t6 = format!("هاجم مسلحون مجهولون سيارة مدنية قرب دير الزور {HOSTILE_IMG} وقتلوا سائقها.\n\nونشر حساب مجهول رسالة نصها {HOSTILE} ثم حذفها.");
    let t7 = "وقّعت الأطراف اتفاقاً لوقف إطلاق النار في الحديدة في مطلع العام الماضي، وتقول الأمم المتحدة إن الاتفاق صمد جزئياً.";
    let t8 = "ناقش مؤتمر اقتصادي في عمّان آفاق التجارة بين دول المنطقة وسبل دعم المشاريع الصغيرة.";
    let hostile_sentence: &'static str = Box::leak(
        format!("هاجم مسلحون مجهولون سيارة مدنية قرب دير الزور {HOSTILE_IMG} وقتلوا سائقها.")
            .into_boxed_str(),
    );
    let gunmen = actor(
        "unidentified-armed-group-sy",
        "Unidentified Armed Group (Syria)",
        "مسلحون مجهولون <b onmouseover=\"window.__xss = 1\">",
        3,
        "SY",
    );
    vec![
        doc("sarmin-1", "Outlet One", "غارات على سرمين في ريف إدلب", "2024-03-10T12:00:00+03:00", t1,
            &[("سرمين", Place), ("إدلب", Place), ("أربعة", Number)],
            vec![Ev { types: STRIKE, actor1: Some(syrian_forces()), actor2: None, date: "2024-03-10", place: sarmin(),
                fatalities: Some(4), sentence: "أفادت مصادر محلية بأن طائرات حربية قصفت بلدة سرمين في ريف إدلب صباح الأحد، ما أدى إلى مقتل أربعة مدنيين.", trigger: "قصفت", background: false }]),
        doc("sarmin-2", "Outlet Two", "غارة جوية على سرمين", "2024-03-10T18:30:00+03:00", t2,
            &[("القوات الحكومية السورية", Actor), ("سرمين", Place), ("ثلاثة", Number)],
            vec![Ev { types: STRIKE, actor1: Some(syrian_forces()), actor2: None, date: "2024-03-10", place: sarmin(),
                fatalities: Some(3), sentence: "قال ناشطون إن غارة جوية نفذتها القوات الحكومية السورية استهدفت سرمين وأوقعت ثلاثة قتلى، فيما تواصل فرق الإسعاف البحث عن مفقودين.", trigger: "غارة جوية", background: false }]),
        doc("baghdad-1", "Outlet One", "طلاب يتظاهرون في بغداد", "2024-03-12T15:00:00+03:00", t3,
            &[("ساحة التحرير", Place), ("بغداد", Place), ("يوم الثلاثاء", Date)],
            vec![Ev { types: PROTEST, actor1: Some(actor("protesters-iq", "Protesters (Iraq)", "متظاهرون عراقيون", 6, "IQ")), actor2: None,
                date: "2024-03-12", place: place("Baghdad", "بغداد", "IQ", "Baghdad", 33.3406, 44.4009),
                fatalities: None, sentence: t3, trigger: "تظاهر", background: false }]),
        doc("taiz-1", "Outlet Three", "اشتباكات قرب تعز", "2024-03-15T09:00:00+03:00", t4,
            &[("تعز", Place), ("سبعة", Number)],
            vec![Ev { types: CLASH, actor1: Some(actor("ye-forces", "Military Forces of Yemen", "القوات الحكومية اليمنية", 1, "YE")),
                actor2: Some(actor("ye-militia", "Unidentified Armed Group (Yemen)", "مسلحون", 3, "YE")),
                date: "2024-03-14", place: place("Taizz", "تعز", "YE", "Taizz", 13.5795, 44.0209),
                fatalities: Some(7), sentence: t4, trigger: "اشتباكات", background: false }]),
        doc("beirut-1", "Outlet Two", "قطع طرق في بيروت", "2024-03-18T20:00:00+02:00", t5,
            &[("بيروت", Place)],
            vec![Ev { types: RIOT, actor1: Some(actor("rioters-lb", "Rioters (Lebanon)", "محتجون لبنانيون", 5, "LB")), actor2: None,
                date: "2024-03-18", place: place("Beirut", "بيروت", "LB", "Beyrouth", 33.8886, 35.4955),
                fatalities: None, sentence: t5, trigger: "أحرق", background: false }]),
        doc("hostile-1", "Outlet <i>Three</i>", &format!("{HOSTILE} هجوم قرب دير الزور"), "2024-03-20T10:00:00+03:00", &t6,
            &[("دير الزور", Place)],
            vec![Ev { types: ATTACK, actor1: Some(gunmen), actor2: Some(actor("civilians-sy", "Civilians (Syria)", "مدنيون", 7, "SY")),
                date: "2024-03-20", place: place("Deir ez-Zor", "دير الزور", "SY", "Deir ez-Zor", 35.3359, 40.1408),
                fatalities: Some(1), sentence: hostile_sentence, trigger: "هاجم", background: false }]),
        doc("hodeidah-1", "Outlet Three", "ذكرى اتفاق الحديدة", "2024-03-21T10:00:00+03:00", t7,
            &[("الحديدة", Place)],
            vec![Ev { types: AGREEMENT, actor1: None, actor2: None, date: "2023-01-05",
                place: place("Al Hudaydah", "الحديدة", "YE", "Al Hudaydah", 14.7978, 42.9545),
                fatalities: None, sentence: "وقّعت الأطراف اتفاقاً لوقف إطلاق النار في الحديدة في مطلع العام الماضي، وتقول الأمم المتحدة إن الاتفاق صمد جزئياً.", trigger: "اتفاقاً", background: true }]),
        doc("amman-1", "Outlet One", "مؤتمر اقتصادي في عمّان", "2024-03-22T10:00:00+03:00", t8, &[("عمّان", Place)], vec![]),
    ]
}

/// A small deterministic generator (xorshift), so that runs are repeatable without a crate.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const CITIES: [(&str, &str, &str, &str, f64, f64); 12] = [
    ("Aleppo", "حلب", "SY", "Aleppo", 36.2021, 37.1343),
    ("Idlib", "إدلب", "SY", "Idlib", 35.9306, 36.6339),
    (
        "Deir ez-Zor",
        "دير الزور",
        "SY",
        "Deir ez-Zor",
        35.3359,
        40.1408,
    ),
    ("Daraa", "درعا", "SY", "Daraa", 32.6189, 36.1021),
    ("Baghdad", "بغداد", "IQ", "Baghdad", 33.3406, 44.4009),
    ("Mosul", "الموصل", "IQ", "Ninewa", 36.335, 43.1189),
    ("Basra", "البصرة", "IQ", "Basrah", 30.5085, 47.7804),
    ("Taizz", "تعز", "YE", "Taizz", 13.5795, 44.0209),
    ("Sanaa", "صنعاء", "YE", "Amanat al Asimah", 15.3547, 44.2067),
    ("Beirut", "بيروت", "LB", "Beyrouth", 33.8886, 35.4955),
    ("Tripoli", "طرابلس", "LY", "Tripoli", 32.8872, 13.1913),
    ("Khartoum", "الخرطوم", "SD", "Khartoum", 15.5007, 32.5599),
];

const WORDS: [&str; 48] = [
    "مصادر",
    "محلية",
    "أفادت",
    "قالت",
    "شهود",
    "عيان",
    "المنطقة",
    "الأحياء",
    "السكنية",
    "الشرقية",
    "الغربية",
    "صباح",
    "مساء",
    "اليوم",
    "أمس",
    "بيان",
    "رسمي",
    "الحكومة",
    "المعارضة",
    "الأهالي",
    "الطريق",
    "الرئيسي",
    "المدينة",
    "الريف",
    "الجنوبي",
    "الشمالي",
    "قوات",
    "عناصر",
    "مسلحين",
    "مدنيين",
    "جرحى",
    "المستشفى",
    "الإسعاف",
    "الدفاع",
    "المدني",
    "الأمن",
    "حملة",
    "مداهمة",
    "اعتقال",
    "تظاهرة",
    "ساحة",
    "السوق",
    "المركزي",
    "الكهرباء",
    "المياه",
    "الأسعار",
    "اجتماع",
    "مفاوضات",
];

/// `n` synthetic documents with one event each, spread over twelve cities and three years.
pub fn synthetic(n: usize, seed: u64) -> Vec<DocumentResult> {
    let kinds = [STRIKE, PROTEST, CLASH, RIOT, ATTACK, AGREEMENT];
    let triggers = ["قصفت", "تظاهر", "اشتباكات", "أحرق", "هاجم", "وقّعت"];
    let mut rng = Rng::new(seed);
    let start = 738_886; // 2024-01-01 as days from 0001-01-01 (chrono's CE day count)
    (0..n)
        .map(|i| {
            let k = rng.below(kinds.len());
            let c = CITIES[rng.below(CITIES.len())];
            let day = start - 1095 + rng.below(1095) as i32;
            let date = day_string(day);
            let mut words = String::new();
            for _ in 0..24 {
                words.push_str(WORDS[rng.below(WORDS.len())]);
                words.push(' ');
            }
            let sentence: &'static str = Box::leak(
                format!(
                    "{} {} قرب {} وفق الخبر رقم {i}.",
                    triggers[k],
                    words.trim_end(),
                    c.1
                )
                .into_boxed_str(),
            );
            let pl = place(
                c.0,
                c.1,
                c.2,
                c.3,
                c.4 + (rng.unit() - 0.5) * 1.6,
                c.5 + (rng.unit() - 0.5) * 1.6,
            );
            let a = rng.below(40);
            let a1 = actor(
                &format!("actor-{a}"),
                &format!("Synthetic Actor {a}"),
                &format!("الفاعل {a}"),
                (a % 8 + 1) as u8,
                c.2,
            );
            doc(
                &format!("synthetic-{i}"),
                &format!("Outlet {}", i % 7),
                &format!("خبر تجريبي رقم {i}"),
                &format!("{date}T12:00:00+03:00"),
                sentence,
                &[(c.1, EntityKind::Place)],
                vec![Ev {
                    types: kinds[k],
                    actor1: Some(a1),
                    actor2: None,
                    date: Box::leak(date.clone().into_boxed_str()),
                    place: pl,
                    fatalities: if rng.below(3) == 0 {
                        Some(rng.below(20) as u32)
                    } else {
                        None
                    },
                    sentence,
                    trigger: triggers[k],
                    background: false,
                }],
            )
        })
        .collect()
}

/// `YYYY-MM-DD` of a day counted from 0001-01-01 (= day 1), proleptic Gregorian.
fn day_string(days_ce: i32) -> String {
    // civil-from-days (Howard Hinnant's algorithm), shifted from the Unix epoch
    let z = days_ce as i64 - 719_163 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!("{y:04}-{m:02}-{d:02}")
}
