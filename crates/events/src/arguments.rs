//! An event's arguments from its sentence: actors around the trigger, the place, the date and
//! the fatalities.

use chrono::{Datelike, Duration, NaiveDate};
use marsad_arabic::{TimeExpression, TimeValue, TokenKind};
use marsad_core::{Actor, LocatedPlace, Place};

use crate::coder::{CueHit, Hit, Sentence};
use crate::data::{Class, CueKind, Force, Lexicons, MilitaryNoun};
use crate::lexicon::{Match, Tok};
use crate::mentions::{country_forces, ActorRef, Mention};
use crate::roles::{
    civilians, harmed, institution, killed_by_word, object_of_noun_verb, reporter, source,
};
use crate::{EventInput, PlaceRef};

/// The arguments of one event.
#[derive(Debug, Clone, Default)]
pub(crate) struct Args {
    pub actor1: Option<Actor>,
    pub assoc1: Vec<Actor>,
    pub actor2: Option<Actor>,
    pub assoc2: Vec<Actor>,
    pub date: String,
    pub time_precision: u8,
    pub location: Option<LocatedPlace>,
    pub background: bool,
    /// actor2 is the hit or killed named before the trigger, not its object after it.
    pub actor2_before: bool,
    /// The date comes from the sentence (a time expression, «أمس», «اليوم»), not the report's
    /// day by convention.
    pub own_date: bool,
}

/// An actor reference made concrete; generic actors take `country` (ISO2).
pub(crate) fn resolve(lx: &Lexicons, r: &ActorRef, country: Option<&str>) -> Option<Actor> {
    match r {
        ActorRef::Known(a) => Some(a.clone()),
        ActorRef::Generic { generic } => {
            let g = &lx.generic[*generic];
            if g.only_in.is_some() {
                // this row, or another row of the same words, for the event's country
                let country = country?;
                let row = std::iter::once(g)
                    .chain(lx.generic.iter().filter(|o| o.pattern == g.pattern))
                    .find(|o| o.only_in.as_deref() == Some(country))?;
                return lx
                    .actor_by_id
                    .get(&row.name)
                    .map(|&i| lx.actors[i].actor.clone());
            }
            if g.state {
                let force = if g.name.starts_with("Police") {
                    Force::Police
                } else {
                    Force::Military
                };
                return country_forces(lx, country?, force);
            }
            let (name, id_country) = match country.and_then(|c| lx.country(c)) {
                Some(c) => (g.name.replace("{country}", &c.name), Some(c.iso2.clone())),
                None => (
                    g.name.replace(" ({country})", "").replace("{country}", ""),
                    None,
                ),
            };
            let slug: String = name
                .split(" (")
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
                .replace(' ', "-");
            Some(Actor {
                id: match &id_country {
                    Some(c) => format!("{slug}-{}", c.to_ascii_lowercase()),
                    None => slug,
                },
                name,
                name_ar: None,
                inter: g.inter,
                country: id_country,
            })
        }
    }
}

/// The country an event of this sentence happens in: the chosen location's, else the first
/// place of the sentence, else the dateline's.
pub(crate) fn context_country(
    s: &Sentence,
    input: &EventInput,
    location: Option<&LocatedPlace>,
) -> Option<String> {
    location
        .map(|l| l.place.country.clone())
        .or_else(|| {
            s.places
                .iter()
                .find(|(i, _)| !against(s, *i) && !affiliation(s, *i))
                .map(|(_, p)| p.place.country.clone())
        })
        .or_else(|| dateline(input).map(|p| p.country.clone()))
        .or_else(|| article_country(input))
        .filter(|c| !c.is_empty())
}

/// The dateline's place, when the article is about its country: an outlet that heads every
/// story with its office («دبي، الإمارات العربية المتحدة (CNN)--» over a report on Syria) names no
/// place of that country in the story, while it names places elsewhere. Such a dateline says
/// where the story was written, not where its events happened. (The places of the dateline
/// itself are not among the article's places: the pipeline leaves them out.)
pub(crate) fn dateline<'a>(input: &EventInput<'a>) -> Option<&'a Place> {
    let d = input.dateline_place?;
    let home = input.places.iter().any(|p| p.place.country == d.country);
    let elsewhere = input
        .places
        .iter()
        .any(|p| !p.place.country.is_empty() && p.place.country != d.country);
    (home || !elsewhere).then_some(d)
}

/// The country most of the article's places are in (the first named on a tie): the country of
/// a sentence that names no place in an undated-lined article.
fn article_country(input: &EventInput) -> Option<String> {
    // counts per country in order of first mention: a handful of countries per article
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for p in input.places {
        let c = p.place.country.as_str();
        if c.is_empty() {
            continue;
        }
        match counts.iter_mut().find(|(k, _)| *k == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    let mut best: Option<(&str, usize)> = None;
    for (c, n) in counts {
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((c, n));
        }
    }
    best.map(|(c, _)| c.to_string())
}

/// True when an aircraft is named in the trigger's clause («قصفت طائرات …»).
pub(crate) fn air_nearby(lx: &Lexicons, s: &Sentence, h: &Hit) -> bool {
    let (cs, ce) = s.clause_range(h.start);
    if s.mentions
        .iter()
        .any(|m| m.air && m.start < ce && m.end > cs)
    {
        return true;
    }
    // an aircraft noun («طائرات», «غارات») or an air modifier («جوية», «مسيّرة») in the clause;
    // not the «جوية» inside another military noun («الدفاعات الجوية» are air defences, that
    // shoot from the ground)
    let mut buf = Vec::new();
    let mut i = cs;
    while i < ce {
        if let Some((m, n)) = military_noun_at(lx, s, i, &mut buf) {
            if n.air {
                return true;
            }
            i = m.end.max(i + 1);
            continue;
        }
        if lx
            .modifier_set
            .longest_at(s.toks, i, &mut buf)
            .is_some_and(|m| m.value == 1)
        {
            return true;
        }
        i += 1;
    }
    false
}

/// True when a shell, rocket or missile (or the guns that fire them) is the weapon of the
/// trigger: named before it in its clause, right after it («استهدفت صواريخ إسرائيلية»), or after
/// it with a preposition («لهجوم بصواريخ»); elsewhere after it, it is mostly the target
/// («هاجم مسلحون مجموعة مدفعية»).
pub(crate) fn shells_nearby(lx: &Lexicons, s: &Sentence, h: &Hit) -> bool {
    let (cs, ce) = s.clause_range(h.start);
    let mut buf = Vec::new();
    (cs..ce).any(|i| {
        military_noun_at(lx, s, i, &mut buf)
            .is_some_and(|(m, n)| n.shell && (i < h.start || i == h.end || (i > h.end && m.prep)))
    })
}

/// The military noun (military_nouns.tsv) that starts at token `i`, with its match.
pub(crate) fn military_noun_at(
    lx: &Lexicons,
    s: &Sentence,
    i: usize,
    buf: &mut Vec<usize>,
) -> Option<(Match, MilitaryNoun)> {
    lx.noun_set
        .longest_at(s.toks, i, buf)
        .map(|m| (m, lx.nouns[m.value]))
}

fn marked(s: &Sentence, m: &Mention, kind: CueKind) -> bool {
    // «على الأقل» (at least) qualifies a number; its «على» marks no target
    let at_least = |end: usize| end < s.toks.len() && s.toks[end].is("الاقل");
    s.cues
        .iter()
        .any(|c| c.kind == kind && marks(c, m) && !at_least(c.end))
}

/// A cue just before a mention (two words at most), or heading it («عناصر حوثية»: the noun of
/// members is the mention's first word).
fn marks(c: &CueHit, m: &Mention) -> bool {
    (c.end <= m.start && m.start - c.end <= 2) || (c.start == m.start && c.end < m.end)
}

/// «أحد عناصر ميليشيا الحوثي أطلق النار», «مسلحو داعش استعادوا السيطرة»: members named right
/// before a verb (of violence or of taking ground) are its subject;
/// the member noun that marks a target after a verb («استهدف عناصر …») does not make them one.
fn members_doing(s: &Sentence, m: &Mention, h: &Hit) -> bool {
    let member = |k: &str| matches!(k, "عناصر" | "مسلحي" | "مقاتلي" | "قادة" | "قيادي");
    let mut targets = s
        .cues
        .iter()
        .filter(|c| c.kind == CueKind::Target && marks(c, m))
        .peekable();
    matches!(h.class, Class::Verb | Class::Territory)
        && m.end == h.start
        && targets.peek().is_some()
        && targets.all(|c| member(s.toks[c.start].key()))
}

pub(crate) fn arguments(
    lx: &Lexicons,
    input: &EventInput,
    s: &Sentence,
    h: &Hit,
    sub: &str,
) -> Args {
    let subjects = country_subjects(s, h);
    // «الهجمات الجوية للنظام وروسيا»: a country joined to a strike's agent is a doer too, not
    // the place
    let strike_agent = masdar_agent(lx, s, h);
    let mut joined_doers: Vec<usize> = Vec::new();
    if let Some(m) = strike_agent {
        let mut next = m.end;
        while let Some(&(i, p)) = s.places.iter().find(|(i, _)| *i == next) {
            if !(s.toks[i].key().starts_with('و') && p.place.feature.starts_with("PCL")) {
                break;
            }
            joined_doers.push(i);
            next = s.tok_at(p.span.end);
        }
    }
    let mut args = Args {
        location: location(
            s,
            input,
            h,
            subjects.clone(),
            lx.triggers[h.def].plover == "PROTEST",
            &joined_doers,
        ),
        ..Args::default()
    };
    let country = context_country(s, input, args.location.as_ref());
    let country = country.as_deref();
    let actor = |m: &Mention| resolve(lx, &m.actor, country);
    let d = &lx.triggers[h.def];
    let (cs, ce) = s.clause_range(h.start);
    match d.plover.as_str() {
        "PROTEST" if d.event_type == "Protests" || d.event_type == "Riots" => {
            let protesters = lx
                .generic
                .iter()
                .position(|g| g.inter == if d.event_type == "Riots" { 5 } else { 6 })
                .and_then(|g| resolve(lx, &ActorRef::Generic { generic: g }, country));
            args.actor1 = protesters;
            for m in &s.mentions {
                if let Some(a) = actor(m) {
                    if a.inter == 1 && sub != "Peaceful protest" {
                        if args.actor2.is_none() {
                            args.actor2 = Some(a);
                        }
                    } else if a.inter != 1
                        && a.inter != 7
                        && Some(&a) != args.actor1.as_ref()
                        && !args.assoc1.contains(&a)
                    {
                        args.assoc1.push(a);
                    }
                }
            }
            if args.actor2.is_none() && sub != "Peaceful protest" && sub != "Violent demonstration"
            {
                args.actor2 = country.and_then(|c| country_forces(lx, c, Force::Police));
            }
        }
        "CONSULT" | "AGREE" => {
            let mut seen: Vec<Actor> = Vec::new();
            for m in &s.mentions {
                if let Some(a) = actor(m).filter(|a| a.inter != 7) {
                    if !seen.contains(&a) {
                        seen.push(a);
                    }
                }
            }
            let mut it = seen.into_iter();
            args.actor1 = it.next();
            args.actor2 = it.next();
            args.assoc2 = it.collect();
        }
        _ => {
            let victim_first = matches!(h.class, Class::Death | Class::DeathNoun);
            // «قتل خمسة من الحوثيين», «عشرات من»: those a count takes «من» are the killed (not
            // «هجوم من الحوثيين», by them)
            let among = |m: &Mention| {
                let of = m.start >= 2 && s.toks[m.start - 1].is("من");
                // the count right before «من», or with its noun between («83 مسلحا من …»)
                let counted = s
                    .numbers
                    .iter()
                    .any(|&(_, b, _)| b + 1 == m.start || b + 2 == m.start)
                    || (m.start >= 2
                        && ["عدد", "عشرات", "العشرات", "مئات", "المئات", "بعض"]
                            .iter()
                            .any(|k| s.toks[m.start - 2].is(k)));
                of && counted
            };
            let agent = s.mentions.iter().find(|m| marked(s, m, CueKind::Agent));
            let after: Vec<&Mention> = s
                .mentions
                .iter()
                .filter(|m| m.end > h.start && m.start <= h.end + 4)
                .filter(|m| !object_of_noun_verb(lx, s, h, m) && !harmed(lx, s, m) && !source(s, m))
                .collect();
            let before = s.mentions.iter().rev().find(|m| {
                m.end <= h.start
                    && m.start >= cs
                    && !among(m)
                    && !reporter(s, m, h)
                    && !harmed(lx, s, m)
                    && (!marked(s, m, CueKind::Target) || members_doing(s, m, h))
            });
            // «الهجمات الجوية للنظام», «قصف لقوات النظام»: the agent of a strike's noun
            let agent = agent.or(strike_agent).or_else(|| weapon_owner(lx, s, h));
            let a1: Option<&Mention> = agent
                .or_else(|| {
                    if victim_first {
                        // after a death verb a named actor is the doer («قتلت القوات الأميركية»),
                        // and so are aircraft and strikes, never the killed («في هجمات جوية روسية»),
                        // and a body of forces right after the verb («قتلت القوات الأمنية …»;
                        // soldiers there are the killed: «قتل جنود أتراك»)
                        after
                            .iter()
                            .find(|m| {
                                (m.named
                                    || m.air
                                    || m.weapon
                                    || (m.start == h.end && institution(s, m)))
                                    && !among(m)
                                    && !marked(s, m, CueKind::Target)
                            })
                            .copied()
                    } else {
                        // weapons after a verb whose doer is named right before it are its
                        // object («الدفاعات الجوية دمرت صاروخين إسرائيليين»)
                        let subject_before = before.is_some_and(|b| b.end == h.start);
                        // a verb's doer named right before it is its subject: what follows is
                        // its object («طائرات التحالف استهدفت تحركات للميليشيات»); after a verb
                        // an actor with «ل» owns the object, it is no doer
                        let verb = h.class == Class::Verb;
                        let owner =
                            |m: &Mention| verb && m.prep && s.toks[m.start].key().starts_with('ل');
                        if verb && subject_before {
                            before
                        } else {
                            after
                                .iter()
                                .filter(|m| {
                                    let object = m.weapon && subject_before;
                                    !(object || civilians(lx, m) || owner(m))
                                })
                                .find(|m| !marked(s, m, CueKind::Target))
                                .copied()
                        }
                    }
                })
                .or(before)
                // aircraft and weapons named further on in the clause («مقتل فلسطينيين …
                // بشظايا صاروخ أطلقته طائرة إسرائيلية») are the doers
                .or_else(|| {
                    s.mentions
                        .iter()
                        .find(|m| (m.air || m.weapon) && m.start >= h.end && m.start < ce)
                });
            // a country said as the doer is its forces, and so is a people («استهدفها الأتراك»),
            // unless «من قبل» names another
            let by_country = s
                .places
                .get(subjects.start)
                .filter(|_| agent.is_none() && !subjects.is_empty())
                .and_then(|(_, p)| {
                    // a state arrests by its police («أن لبنان اعتقل», «توقيف لبنان للمواطن»)
                    let force = if sub == "Arrests" {
                        Force::Police
                    } else {
                        Force::Military
                    };
                    country_forces(lx, &p.place.country, force)
                })
                .or_else(|| agent.is_none().then(|| people_subject(lx, s, h)).flatten());
            let a1 = if by_country.is_some() { None } else { a1 };
            args.actor1 = by_country.or_else(|| a1.and_then(actor).filter(|a| a.inter != 7));
            let a2 = s
                .mentions
                .iter()
                .filter(|m| m.end > h.start && m.start < ce.max(h.end + 8))
                // aircraft are never the target
                .find(|m| {
                    let a = actor(m);
                    !m.air
                        && !m.weapon
                        && !source(s, m)
                        && !ally(s, m)
                        && a.is_some()
                        && a != args.actor1
                        && !a1.is_some_and(|x| std::ptr::eq(*m, x))
                });
            // else the ones the sentence names as hit or killed before the trigger («قُتل عشرات
            // من عناصر ميليشيات الحوثي بغارات …»), civilians among them («قتل ثلاثة مدنيين في
            // غارة»: civilians are never the doer)
            // in an earlier clause, only those said killed by a word of killing next to them
            // («لقيت قيادات حوثية أخرى مصرعها، … بغارات التحالف»): a word of killing joins the
            // sentence's strike wherever it is said, and so do its dead
            let hit_before = || {
                s.mentions.iter().find(|m| {
                    let hit = if m.start >= cs {
                        among(m)
                            || marked(s, m, CueKind::Target)
                            || civilians(lx, m)
                            || harmed(lx, s, m)
                    } else {
                        // (not for taking ground: the dead of a summary lost no territory)
                        h.class != Class::Territory && killed_by_word(lx, s, m)
                    };
                    m.end <= h.start
                        && hit
                        && !reporter(s, m, h)
                        && actor(m).is_some_and(|a| Some(&a) != args.actor1.as_ref())
                })
            };
            let a2 = match a2 {
                Some(m) => Some(m),
                None => {
                    let m = hit_before();
                    args.actor2_before = m.is_some();
                    m
                }
            };
            args.actor2 = a2.and_then(actor);
            // «بدعم من», «بمساندة»: those who back the doer are with it
            for m in s
                .mentions
                .iter()
                .filter(|m| m.start >= cs && m.end <= ce && ally(s, m))
            {
                if let Some(a) = actor(m) {
                    if Some(&a) != args.actor1.as_ref()
                        && Some(&a) != args.actor2.as_ref()
                        && !args.assoc1.contains(&a)
                    {
                        args.assoc1.push(a);
                    }
                }
            }
        }
    }
    let (date, precision) = date_of(s, input, h);
    args.date = date
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    args.time_precision = precision;
    args.own_date = !(precision == 2 && date == input.published);
    args.background = match (date, input.published) {
        (Some(d), Some(p)) => (p - d).num_days() > 7,
        _ => false,
    };
    args
}

/// Countries named as the doers of a verb of violence or of taking ground, as the press says a
/// state's forces: right after the verb («ودمرت الولايات المتحدة وفرنسا …», «قصفت إسرائيل …») or
/// opening its clause just before it («إسرائيل قصفت …»), the first with no preposition on it.
/// Their indices in `s.places` (the first is the actor; none of them is the event's place).
fn country_subjects(s: &Sentence, h: &Hit) -> std::ops::Range<usize> {
    let none = 0..0;
    let (cs, _) = s.clause_range(h.start);
    // «اتهم النظام السوري إسرائيل بقصف …»: the accused named right before the deed's «ب» masdar
    let accused = h.class == Class::Noun
        && s.toks[h.start].key().starts_with('ب')
        && s.toks[cs..h.start].iter().any(|t| {
            let k = t.key().trim_start_matches(['و', 'ف']);
            ["اتهم", "يتهم", "تتهم"].iter().any(|p| k.starts_with(p))
        });
    // «توقيف لبنان للمواطن …», «قصف إسرائيل لمواقع …»: a masdar's doer is the name right after
    // it when its object follows with «ل» (without one, «قصف إسرائيل» may be the shelling of
    // Israel)
    let masdar = h.class == Class::Noun && !s.toks[h.start].key().starts_with('ب');
    if !(accused || masdar || matches!(h.class, Class::Verb | Class::Death | Class::Territory)) {
        return none;
    }
    // a verb that carries its plural subject («هاجموا إيران») has an object after it
    let verb = &s.toks[h.end - 1];
    if verb.key().ends_with("وا") {
        return none;
    }
    let country = |p: &PlaceRef| p.place.feature.starts_with("PCL") && !p.place.country.is_empty();
    let Some(first) = s.places.iter().position(|&(i, p)| {
        // the name starts its token: no proclitic («بسوريا», «لإسرائيل», «وتركيا»)
        let bare = s.toks.get(i).is_some_and(|t| t.span.start == p.span.start);
        // opening its clause, a clause said after «أن» («أعلن … أن إسرائيل استهدفت») or after
        // «كانت» («وكانت إسرائيل قد شنت …»)
        let opens = i == cs
            || (i > 0
                && matches!(
                    s.toks[i - 1].key(),
                    "ان" | "بان" | "وان" | "كانت" | "وكانت" | "كان" | "وكان"
                ));
        // right before the verb, or with «قد» between
        let next = s.tok_at(p.span.end);
        let just_before =
            next == h.start || (next + 1 == h.start && matches!(s.toks[next].key(), "قد" | "لقد"));
        let object_with_l = || {
            s.toks.get(next).is_some_and(|t| t.key().starts_with("لل"))
                || s.mentions.iter().any(|m| m.start == next && m.prep)
        };
        let subject = if accused {
            just_before
        } else if h.class == Class::Noun {
            // (a hashtag's «#» may stand between: «توقيف #لبنان للمواطن»)
            let after_masdar =
                i == h.end || (i == h.end + 1 && s.toks[h.end].span.slice(s.text) == "#");
            masdar && after_masdar && object_with_l()
        } else {
            i == h.end || (opens && just_before)
        };
        country(p) && bare && subject
    }) else {
        return none;
    };
    // more countries joined by «و» right after it
    let mut last = first;
    while let Some(&(i, p)) = s.places.get(last + 1) {
        let joined = i == s.tok_at(s.places[last].1.span.end)
            && s.toks[i].key().starts_with('و')
            && s.toks[i].span.start < p.span.start;
        if !(joined && country(p)) {
            break;
        }
        last += 1;
    }
    first..last + 1
}

/// A place that names someone, not where the event happened: a country or capital that leads
/// («التحالف الذي تقوده الرياض», «بقيادة السعودية»), speaks («أعلنت روسيا», «قالت أنقرة») or
/// denies («ونفته طهران»); any place that is someone's seat («ومقره القامشلي», «الذي مقره في
/// بريطانيا») or a neighbour of the place meant («المتاخمة لإدلب», «المجاورة لتركيا»).
fn names_someone(s: &Sentence, i: usize, p: &PlaceRef) -> bool {
    if i == 0 {
        return false;
    }
    let word = |j: usize| s.toks[j].key().trim_start_matches(['و', 'ف']);
    let k = word(i - 1);
    let seat = |w: &str| matches!(w, "مقره" | "مقرها" | "مقرهم" | "مقرهما");
    let neighbour = ["المتاخم", "متاخم", "المحاذي", "محاذي", "المجاور", "مجاور"]
        .iter()
        .any(|w| k.starts_with(w))
        && s.toks[i].key().starts_with('ل');
    if seat(k) || (k == "في" && i >= 2 && seat(word(i - 2))) || neighbour {
        return true;
    }
    if !(p.place.feature.starts_with("PCL") || p.place.feature == "PPLC") {
        return false;
    }
    let leads = ["تقود", "يقود", "بقياد", "قياد"]
        .iter()
        .any(|w| k.starts_with(w));
    let denies = matches!(k, "نفت" | "نفي" | "نفته" | "نفتها" | "نفوا");
    let speaks = s
        .cues
        .iter()
        .any(|c| c.kind == CueKind::Speech && c.end == i);
    leads || denies || speaks
}

/// An actor named as backing another («بدعم من الطيران الروسي», «بمساندة التحالف», «مدعومة من
/// تركيا»): an ally of the doer, never the hit.
fn ally(s: &Sentence, m: &Mention) -> bool {
    let word = |j: usize| s.toks[j].key().trim_start_matches('و');
    let backing = |k: &str| {
        matches!(
            k,
            "بدعم"
                | "بمسانده"
                | "باسناد"
                | "بمشاركه"
                | "بغطاء"
                | "بمساعده"
                | "مدعومه"
                | "مدعوما"
                | "مدعومين"
                | "المدعومه"
                | "المدعومين"
                | "المدعوم"
        )
    };
    (m.start >= 1 && backing(word(m.start - 1)))
        || (m.start >= 2 && word(m.start - 1) == "من" && backing(word(m.start - 2)))
}

/// «الميليشيات الموالية لإيران», «الفصائل المدعومة من تركيا»: a country named as what an
/// actor is loyal to, belongs to or is backed by (the place at token `i`) says who the actor is,
/// not where anything happens.
fn affiliation(s: &Sentence, i: usize) -> bool {
    let word = |j: usize| {
        let k = s.toks[j].key();
        let k = k.strip_prefix('و').unwrap_or(k);
        k.strip_prefix("ال").unwrap_or(k).to_string()
    };
    let loyal = |k: &str| k.starts_with("موال") || k.starts_with("تابع");
    let backed = |k: &str| k.starts_with("مدعوم");
    (i >= 1 && loyal(&word(i - 1)) && s.toks[i].key().starts_with('ل'))
        || (i >= 2 && s.toks[i - 1].is("من") && backed(&word(i - 2)))
}

/// «مدينة دوما في ريف دمشق», «بلدة كفرنبل بريف إدلب», «حلب، سوريا»: the place at `places[k]`
/// only says where the place named right before it lies (its province, district or country,
/// after «في», «ب» or a comma), so that one, the more precise, is the event's place.
fn qualifies(s: &Sentence, k: usize) -> bool {
    let (i, q) = s.places[k];
    let inside = |p: &PlaceRef| {
        p.place.country == q.place.country
            && (q.place.feature.starts_with("PCL")
                || Some(&q.place.name) == p.place.admin1.as_ref()
                || Some(&q.place.name) == p.place.admin2.as_ref())
            && p.place.name != q.place.name
    };
    s.places[..k].iter().any(|(j, p)| {
        let end = s.tok_at(p.span.end.saturating_sub(1)) + 1;
        *j < i
            && end <= i
            && i - end <= 2
            && s.toks[end..i]
                .iter()
                .all(|t| matches!(t.key(), "في" | "،" | "," | "ب"))
            && (end < i || s.toks[i].key().starts_with('ب'))
            && inside(p)
    })
}

/// «هتف المتظاهرون ضد طهران»: what a protest is against (the place at token `i`) is not where
/// it happens (a strike «ضد سوريا» is in Syria).
fn against(s: &Sentence, i: usize) -> bool {
    i > 0 && matches!(s.toks[i - 1].key(), "ضد" | "وضد")
}

/// The agent of a strike said by its noun, introduced by «ل»: «الهجمات الجوية للنظام»,
/// «قصف لقوات النظام على …», «غارات للتحالف». The noun is a
/// noun of strikes or aircraft in its clause (military_nouns.tsv: the trigger itself or another), with
/// up to two modifiers after it («الجوية», «المكثفة»); the agent is the actor mention that
/// starts right after them with «ل» on its first word.
fn masdar_agent<'s>(lx: &Lexicons, s: &'s Sentence, h: &Hit) -> Option<&'s Mention> {
    let (cs, ce) = s.clause_range(h.start);
    let mut buf = Vec::new();
    let mut ends: Vec<usize> = Vec::new();
    for i in cs..ce {
        if let Some((m, n)) = military_noun_at(lx, s, i, &mut buf) {
            // nouns whose target takes «على» (a strike, an attack, shelling, aircraft), so that
            // «ل» names the doer; after «استهداف» or «اعتقال» it names the object
            let k = s.toks[i].key().trim_start_matches(['و', 'ف', 'ب', 'ل']);
            let k = k.strip_prefix("ال").unwrap_or(k);
            let strike = ["هجم", "هجو", "ضرب", "قصف"]
                .iter()
                .any(|p| k.starts_with(p));
            if n.air || strike {
                ends.push(m.end);
            }
        }
    }
    ends.into_iter().find_map(|mut j| {
        // modifiers and adjectives of the noun: «الجوية», «العنيفة»
        let mut skipped = 0;
        while j < ce && skipped < 2 {
            let k = s.toks[j].key();
            let k = k.strip_prefix('و').unwrap_or(k);
            let modifier = lx.modifier_set.longest_at(s.toks, j, &mut buf).is_some();
            let adjective = k.starts_with("ال") && (k.ends_with('ه') || k.ends_with('ي'));
            if !(modifier || adjective) {
                break;
            }
            j += 1;
            skipped += 1;
        }
        s.mentions.iter().find(|m| {
            m.start == j && m.prep && s.toks[j].key().starts_with('ل') && !m.air && !m.weapon
        })
    })
}

/// «برصاص ميليشيات الحوثي», «بنيران قوات الأمن», «بقذائف الجيش»: the owner of the weapon a
/// deed is done with (a weapon noun with «ب» right before an actor) is its doer; without «ب»
/// the weapons may be the target («مخازن صواريخ حزب الله»). In the trigger's clause.
fn weapon_owner<'s>(lx: &Lexicons, s: &'s Sentence, h: &Hit) -> Option<&'s Mention> {
    let (cs, ce) = s.clause_range(h.start);
    let mut buf = Vec::new();
    s.mentions.iter().find(|m| {
        m.start > cs
            && m.start < ce
            && (cs..m.start).any(|i| {
                let with_b = s.toks[i]
                    .key()
                    .trim_start_matches(['و', 'ف'])
                    .starts_with('ب');
                with_b
                    && military_noun_at(lx, s, i, &mut buf)
                        .is_some_and(|(n, w)| n.end == m.start && (w.weapon || w.shell))
            })
            && !civilians(lx, m)
    })
}

/// A people named with the article right after a verb of violence, as its doer: «استهدفها
/// الأتراك بالقصف», «قصف الروس مواقع …» are that country's forces. (Not after a word of killing:
/// «قتل الأتراك» may be a passive, the Turks killed.)
fn people_subject(lx: &Lexicons, s: &Sentence, h: &Hit) -> Option<Actor> {
    if !matches!(h.class, Class::Verb | Class::Territory) || h.end >= s.toks.len() {
        return None;
    }
    let verb = s.toks[h.end - 1].key();
    let tok = &s.toks[h.end];
    if verb.ends_with("وا") || !tok.key().starts_with("ال") {
        return None;
    }
    let mut buf = Vec::new();
    let a = lx.adjective_set.longest_at(s.toks, h.end, &mut buf)?;
    // a plural people in the subject's case: «الأمريكيون», «الأتراك»; not «السوريين» (an
    // object: «ذبح السوريين») nor a singular («الروسي», «التركية»)
    let plural = {
        let k = tok.key();
        k.ends_with("ون") || !(k.ends_with('ي') || k.ends_with('ه') || k.ends_with("ين"))
    };
    (a.end == h.end + 1 && plural)
        .then(|| country_forces(lx, &lx.countries[a.value].iso2, Force::Military))
        .flatten()
}

/// The nearest resolved place to the trigger, in its clause first (a country counts as further
/// than a place inside it), else the dateline's place, else the last place the article named
/// before the sentence.
fn location(
    s: &Sentence,
    input: &EventInput,
    h: &Hit,
    subjects: std::ops::Range<usize>,
    protest: bool,
    joined_doers: &[usize],
) -> Option<LocatedPlace> {
    let (cs, ce) = s.clause_range(h.start);
    let best = s
        .places
        .iter()
        .enumerate()
        .filter(|(k, _)| !subjects.contains(k) && !qualifies(s, *k))
        .map(|(_, p)| p)
        .filter(|(i, _)| !(protest && against(s, *i)))
        .filter(|(i, _)| !affiliation(s, *i))
        .filter(|(i, p)| !names_someone(s, *i, p))
        .filter(|(i, _)| !joined_doers.contains(i))
        .min_by_key(|(i, p)| {
            let dist = if *i >= h.end {
                i - h.end
            } else {
                h.start - i.min(&h.start)
            };
            let out_of_clause = if *i >= cs && *i < ce { 0 } else { 20 };
            let country = if p.place.feature.starts_with("PCL") {
                12
            } else {
                0
            };
            dist + out_of_clause + country
        })
        .map(|(_, p)| LocatedPlace {
            place: p.place.clone(),
            precision: p.precision,
        });
    best.or_else(|| {
        dateline(input).map(|p| LocatedPlace {
            place: p.clone(),
            precision: 2,
        })
    })
    .or_else(|| {
        // no place in the sentence and no dateline: the article's last place before the
        // sentence («… في ريف إدلب. وقتل في الغارة …»), as the general area (geo-precision 2
        // at best: the report does not tie the event to that place by name)
        input
            .places
            .iter()
            .rev()
            .filter(|p| p.span.end <= s.span.start)
            // a country or a capital before the sentence is mostly where someone spoke from
            // («قالت أنقرة», «في واشنطن»), not where the event happened
            .find(|p| !p.place.feature.starts_with("PCL") && p.place.feature != "PPLC")
            .map(|p| LocatedPlace {
                place: p.place.clone(),
                precision: p.precision.max(2),
            })
    })
}

/// The event's date and ACLED time precision: a time expression in the clause, else in the
/// sentence, else «أمس» / «اليوم» against the anchor, else the anchor (the report date).
fn date_of(s: &Sentence, input: &EventInput, h: &Hit) -> (Option<NaiveDate>, u8) {
    let (cs, ce) = s.clause_range(h.start);
    // a time said first, set off by a comma, dates the clause after it: «وفي السابع من أيار،
    // أطلق …»
    let fronted = |i: usize, t: &TimeExpression| {
        let (ds, de) = s.clause_range(i);
        let end = s.tok_at(t.span.end.saturating_sub(1)) + 1;
        ds == 0
            && de == cs
            && s.toks[ds..i]
                .iter()
                .all(|t| matches!(t.key(), "و" | "في" | "وفي" | "ف" | "ثم"))
            && s.toks[end.min(de)..de]
                .iter()
                .all(|t| t.kind == TokenKind::Punct)
    };
    let dist = |i: usize, t: &TimeExpression| {
        i.abs_diff(h.start)
            + if (i >= cs && i < ce) || fronted(i, t) {
                0
            } else {
                100
            }
    };
    let start = |t: &TimeExpression| match t.value {
        TimeValue::Day(d) | TimeValue::Interval(d, _) => Some(d),
        TimeValue::Month { year, month } => NaiveDate::from_ymd_opt(year, month, 1),
    };
    // a time to come said outside the trigger's clause dates something else («… التي ستبلغ
    // ذروتها الأسبوع المقبل»); inside it, the event is planned (the coder leaves it out)
    let later = |i: usize, t: &TimeExpression| {
        let inside = (i >= cs && i < ce) || fronted(i, t);
        !inside && input.published.zip(start(t)).is_some_and(|(p, d)| d > p)
    };
    // «قتل عشرة اليوم، ليرتفع العدد إلى 117 منذ 19 حزيران»: in a sentence with a rising total,
    // a time after «منذ» starts the span of that total, not the day of what the trigger reports
    // (without one, «تشن هجمات منذ عام 2015», it dates the start of what the sentence reports)
    let rises = s.toks.iter().any(rise_verb);
    let since = |i: usize| {
        let word = |j: usize| s.toks[j].key().trim_start_matches('و');
        let after_since = (i >= 1 && word(i - 1) == "منذ")
            || (i >= 2
                && word(i - 2) == "منذ"
                && matches!(
                    s.toks[i - 1].key(),
                    "عام" | "مطلع" | "بدايه" | "اواخر" | "اوائل" | "منتصف" | "شهر"
                ));
        after_since && rises
    };
    if let Some((_, t)) = s
        .dates
        .iter()
        .filter(|(i, t)| !later(*i, t) && !since(*i))
        .min_by_key(|(i, t)| dist(*i, t))
    {
        return match t.value {
            TimeValue::Day(d) => (Some(d), 1),
            TimeValue::Month { year, month } => (NaiveDate::from_ymd_opt(year, month, 15), 3),
            TimeValue::Interval(a, _) => (Some(a), t.precision.clamp(1, 3)),
        };
    }
    let Some(anchor) = input.published else {
        return (None, 3);
    };
    for (i, t) in s.toks.iter().enumerate() {
        if t.is("امس") {
            let before_before = i >= 2 && s.toks[i - 2].is("اول") && s.toks[i - 1].is("من");
            let days = if before_before { 2 } else { 1 };
            return (Some(anchor - Duration::days(days)), 1);
        }
        if t.is("اليوم") && (i + 1 == s.toks.len() || !s.toks[i + 1].is("التالي")) {
            return (Some(anchor), 1);
        }
    }
    let _ = anchor.year();
    (Some(anchor), 2)
}

/// A verb of a rising total: «ارتفعت», «لترتفع بذلك إلى», «ويرتفع العدد إلى».
pub(crate) fn rise_verb(t: &Tok) -> bool {
    let k = t.key().trim_start_matches(['و', 'ف', 'ل']);
    ["ارتفع", "يرتفع", "ترتفع"].iter().any(|w| k.starts_with(w))
}

/// A word of a running or updated total: a rise verb or «حصيلة» («ارتفعت حصيلة القتلى إلى»).
pub(crate) fn total_word(t: &Tok) -> bool {
    let k = t.key().trim_start_matches(['و', 'ف', 'ل']);
    rise_verb(t) || k.starts_with("حصيل") || k.starts_with("الحصيل")
}

/// A death word of one person: «مصرعه», «قتل», «مقتل» (not «قتلوا», «مصرعهم», «قتلى»).
fn singular_death(words: &[Tok]) -> bool {
    words.last().is_some_and(|t| {
        let k = t.key();
        !(k.ends_with("وا") || k.ends_with("هم") || k.ends_with("هن") || k.ends_with("ي"))
    })
}

/// The sentence's death toll: numbers next to death words (not wounded), summed; an unnumbered
/// plural death word counts 3.
pub(crate) fn fatalities(lx: &Lexicons, s: &Sentence, hits: &[Hit]) -> Option<u32> {
    let deaths: Vec<(usize, usize)> = hits
        .iter()
        .filter(|h| {
            matches!(h.class, Class::Death | Class::DeathNoun)
                || (h.valid && lx.triggers[h.def].toll.is_some())
        })
        .map(|h| (h.start, h.end))
        .collect();
    // «اغتيل القيادي …»: an assassination reports the death of its target
    let own_toll = || {
        hits.iter()
            .filter(|h| h.valid)
            .find_map(|h| lx.triggers[h.def].toll)
    };
    if deaths.is_empty() {
        return own_toll();
    }
    let injuries: Vec<(usize, usize)> = s
        .cues
        .iter()
        .filter(|c| c.kind == CueKind::Injury)
        .map(|c| (c.start, c.end))
        .collect();
    let units: Vec<usize> = s
        .cues
        .iter()
        .filter(|c| c.kind == CueKind::Unit)
        .map(|c| c.start)
        .collect();
    // a number inside a time expression is a day or a year («19 كانون الأول»), not a toll
    let in_date = |a: usize| {
        s.dates.iter().any(|&(i, t)| {
            let end = s.tok_at(t.span.end.saturating_sub(1)) + 1;
            i <= a && a < end
        })
    };
    // «ارتفعت حصيلة القتلى إلى 54»: a running total that includes earlier deaths; it stands
    // only when the sentence gives no count of its own
    let running_total = |a: usize| {
        a >= 1
            && s.toks[a - 1].is("الي")
            && s.toks[a.saturating_sub(8)..a - 1].iter().any(total_word)
    };
    // a dual noun counts its own noun: «يومين», «قريتين», «طائرتين» are not people (the duals
    // of people, «شخصين», «جنديين», are count words of counts.tsv); «واحدة» after a noun is
    // that noun's adjective («في بلدة واحدة»)
    let mut buf = Vec::new();
    let mut not_people = |a: usize, b: usize| {
        let t = &s.toks[a];
        if b != a + 1 || t.kind != marsad_arabic::TokenKind::Arabic {
            return false;
        }
        let k = t.key();
        if k == "واحد" || k == "واحده" {
            return a > 0 && s.toks[a - 1].kind == marsad_arabic::TokenKind::Arabic;
        }
        (k.ends_with("ين") || k.ends_with("ان"))
            && k.chars().count() > 4
            && lx.count_set.longest_at(s.toks, a, &mut buf).is_none()
    };
    // «قتلى بينهم 3 أطفال», «مقتل 10 منهم اثنان»: a number of those already counted
    let among = |a: usize| {
        s.toks[a.saturating_sub(2)..a].iter().any(|t| {
            let k = t.key();
            let k = k.strip_prefix('و').unwrap_or(k);
            matches!(k, "بينهم" | "بينهن" | "بينها" | "منهم" | "منهن")
        })
    };
    // «منذ 17 حزيران», «منذ 3 سنوات»: a number after «منذ» measures time
    let after_since = |a: usize| a >= 1 && s.toks[a - 1].key().trim_start_matches('و') == "منذ";
    // «عدد من», «العديد», «بضعة»: a few, as many as ACLED counts for an unknown number; it adds
    // nothing to a count the sentence gives («عشرات القتلى … منهم قيادي قتل مع عدد كبير من
    // العناصر» is 10, not 13), and two of them are still a few
    let vague = |a: usize| {
        matches!(
            s.toks[a].key().trim_start_matches('و'),
            "عدد" | "عددا" | "عده" | "العديد" | "بضعه"
        )
    };
    let mut some: u64 = 0;
    let mut total: u64 = 0;
    let mut any = false;
    let mut counted_end: Option<usize> = None;
    let mut running: Option<u64> = None;
    for &(a, b, v) in &s.numbers {
        if units.contains(&b)
            || (1900..=2100).contains(&v)
            || in_date(a)
            || not_people(a, b)
            || among(a)
            || after_since(a)
        {
            continue;
        }
        // a word after the number that opens with «و» starts the next item of a list: the
        // number belongs to the word before it («مقتل شخص وإصابة ثلاثة», «قتل مدني وأصيب»)
        let distance = |&(ws, we): &(usize, usize)| -> usize {
            if ws >= b {
                ws - b
                    + if s.toks[ws].key().starts_with('و') {
                        2
                    } else {
                        0
                    }
            } else if a >= we {
                a - we + 1
            } else {
                0
            }
        };
        let mut d = deaths.iter().map(distance).min().unwrap_or(usize::MAX);
        let i = injuries.iter().map(distance).min().unwrap_or(usize::MAX);
        // «عشرات القتلى والعديد من الجرحى»: a number that opens with «و» starts the next item,
        // so a word of injury after it claims it before the death word behind it
        let injury_after = injuries.iter().any(|&(ws, _)| ws >= b);
        if injury_after && s.toks[a].key().starts_with('و') {
            d = d.saturating_add(2);
        }
        // «قتل فيها 20 شخصاً و4 أطفال»: a number joined by «و» to a counted number and its noun
        // goes on with the same count
        let continues = counted_end.is_some_and(|e| a == e + 2 && s.toks[a - 1].is("و"));
        // «لقي مصرعه مع 2 من مرافقيه»: those killed with the one a singular death word before
        // names in the clause are counted besides him
        let with_one = !any
            && a >= 1
            && s.toks[a - 1].key().trim_start_matches('و') == "مع"
            && b < s.toks.len()
            && s.toks[b].is("من")
            && deaths.iter().any(|&(ws, we)| {
                we <= a && s.clause[ws] == s.clause[a] && singular_death(&s.toks[ws..we])
            });
        if with_one && !running_total(a) {
            total += v + 1;
            any = true;
            counted_end = Some(b);
            continue;
        }
        if (d <= 4 || continues) && d <= i && !deaths.iter().any(|&(ws, we)| ws <= a && b <= we) {
            if running_total(a) {
                running = Some(running.unwrap_or(0).max(v));
                continue;
            }
            counted_end = Some(b);
            if vague(a) {
                some = some.max(v);
                continue;
            }
            total += v;
            any = true;
        }
    }
    if any {
        return u32::try_from(total).ok();
    }
    if some > 0 {
        return u32::try_from(some).ok();
    }
    if let Some(v) = running {
        return u32::try_from(v).ok();
    }
    // «لم تسفر القذيفة عن أضرار أو ضحايا», «دون سقوط قتلى»: no one died
    let negated = |ws: usize| {
        s.cues.iter().any(|c| {
            c.kind == CueKind::Negation
                && c.end <= ws
                && ws - c.end < 6
                && s.clause[c.start] == s.clause[ws]
        })
    };
    let plural = deaths.iter().any(|&(ws, we)| {
        !negated(ws)
            && s.toks[ws..we].iter().any(|t| {
                ["قتلي", "القتلي", "شهداء", "الشهداء", "ضحايا", "الضحايا"]
                    .iter()
                    .any(|k| t.is(k))
            })
    });
    if plural {
        return Some(3);
    }
    // «قتل فلسطينيان», «مقتل مدنيان»: the dual of a nisba noun right after a word of killing
    // counts two (its oblique «ـيين» is also the plural: left alone)
    let dual = deaths.iter().any(|&(_, we)| {
        s.toks.get(we).is_some_and(|t| {
            let k = t.key().trim_start_matches('و');
            k.ends_with("يان") && k.chars().count() > 4
        })
    });
    if dual {
        return Some(2);
    }
    // one victim named by a title right after a singular word of killing: «مقتل القيادي …»,
    // «قُتل الصحفي …» (a plural verb, «قتلوا», names several)
    let mut buf = Vec::new();
    let one_named = deaths.iter().any(|&(_, we)| {
        let singular = !s.toks[we - 1].key().ends_with("وا");
        singular && we < s.toks.len() && lx.title_set.longest_at(s.toks, we, &mut buf).is_some()
    });
    if one_named {
        return Some(1);
    }
    own_toll()
}
