//! Who did it and who was hit: the roles an actor mention plays beside a trigger, as Arabic news
//! says them. A speaker, a source or a witness tells of an event and is neither its doer nor
//! its hit; soldiers after a word of harm, civilians and the object of a noun trigger's verb are
//! the hit; a body of forces after a word of killing is the doer.

use crate::coder::{Hit, Sentence};
use crate::data::{Class, CueKind, Lexicons};
use crate::mentions::{ActorRef, Mention};

/// «قال المرصد إن غارات …», «أعلنت الأمم المتحدة أن …», «المرصد أفاد بأن …»: the one named
/// right before «أن» / «إن» (up to three words between: a verb of saying, the name after a
/// title) tells what the clause after it reports; it is not the doer of an event told there.
/// Unless that clause speaks of it by a pronoun: on «أن» («أعلن الجيش أنه قصف …»), on the first
/// word after it («أن طائراته قصفت …») or on the word after a part («أن إحدى طائراته»).
fn speaker(s: &Sentence, m: &Mention, h: &Hit) -> bool {
    let that =
        |i: usize| i < h.start && matches!(s.toks[i].key().trim_start_matches('و'), "ان" | "بان");
    let Some(c) = (m.end..(m.end + 4).min(h.start)).find(|&i| that(i)) else {
        return false;
    };
    // words only between: a verb of saying, or the name after a title («قال مدير المرصد …
    // رامي عبد الرحمن إن»), no other actor
    let between_words = s.toks[m.end..c].iter().all(|t| t.is_word())
        && !s.mentions.iter().any(|x| x.start >= m.end && x.start < c);
    if !between_words {
        return false;
    }
    // the pronoun on the clause's first word («أن طائراته»), or on the word after a part of it
    // («أن إحدى طائراته», «أن بعض قواته»)
    let with_pronoun = |i: usize| {
        let w = s.toks[i].span.slice(s.text);
        w.ends_with('ه') || w.ends_with("ها") || w.ends_with("هم")
    };
    let part = matches!(s.toks[c + 1].key(), "احدي" | "احد" | "بعض");
    !(with_pronoun(c + 1) || (part && c + 2 < s.toks.len() && with_pronoun(c + 2)))
}

/// «بحسب المرصد», «وفق ما أعلن المرصد», «حسبما أفاد المرصد», «نقلا عن الجيش»: the one named
/// as the source of a report is neither its doer nor its hit.
pub(crate) fn source(s: &Sentence, m: &Mention) -> bool {
    (m.start.saturating_sub(3)..m.start).any(|i| {
        let k = s.toks[i].key().trim_start_matches(['و', 'ف']);
        let attribution = matches!(
            k,
            "بحسب" | "حسب" | "حسبما" | "وفق" | "وفقا" | "طبقا" | "نقلا" | "بحسبما"
        );
        attribution && !s.mentions.iter().any(|x| x.start > i && x.start < m.start)
    })
}

/// «رصدت قوات الدفاع الجوي إطلاق صاروخ …», «شاهد السكان قصف …»: the subject of a verb of
/// detecting or seeing, said right before the deed's masdar (one word may stand between:
/// «إطلاق»), saw it; it is not its doer.
fn witness(s: &Sentence, m: &Mention, h: &Hit) -> bool {
    h.class == Class::Noun && m.start >= 1 && m.end <= h.start && h.start - m.end <= 1 && {
        let k = s.toks[m.start - 1].key().trim_start_matches(['و', 'ف']);
        ["رصد", "يرصد", "ترصد", "شاهد", "لاحظ"]
            .iter()
            .any(|p| k.starts_with(p))
    }
}

/// A speaker, a source or a witness (see [`speaker`], [`source`], [`witness`]).
pub(crate) fn reporter(s: &Sentence, m: &Mention, h: &Hit) -> bool {
    speaker(s, m, h) || source(s, m) || witness(s, m, h)
}

/// «الغارات استهدفت قيادات حوثية», «الغارات الجوية التي استهدفت مواقع للحوثيين»: a verb of
/// violence right after a noun trigger (adjectives or a relative pronoun between, no actor) has
/// that noun for its subject, so the first actor after the verb is its object: the hit, not the
/// doer. A verb that carries an object pronoun («التي شنتها طائرات التحالف», «استهدفها») or whose
/// pattern names its subject («استهدفت طائرات») has the doer after it.
pub(crate) fn object_of_noun_verb(lx: &Lexicons, s: &Sentence, h: &Hit, m: &Mention) -> bool {
    if !matches!(h.class, Class::Noun | Class::DeathNoun) || m.start <= h.end {
        return false;
    }
    let (_, ce) = s.clause_range(h.start);
    if m.start >= ce
        || s.mentions
            .iter()
            .any(|x| x.start >= h.end && x.start < m.start)
    {
        return false;
    }
    let mut buf = Vec::new();
    (h.end..m.start.min(h.end + 4)).any(|v| {
        let verb = lx
            .trigger_set
            .longest_at(s.toks, v, &mut buf)
            .is_some_and(|t| {
                t.end == v + 1 && !t.prep && lx.triggers[t.value].class == Class::Verb
            });
        let surface = s.toks[v].span.slice(s.text);
        let pronoun = ["ه", "ها", "هم", "هن"].iter().any(|p| surface.ends_with(p));
        verb && !pronoun
    })
}

/// «أصيب جنديان تركيان», «مقتل ثلاثة جنود أتراك», «جنديان تركيان … أصيبوا»: soldiers or police
/// said by a noun of persons (not named, not a body of forces: «قتلت القوات الأمنية» is the doer)
/// right after a word of killing or wounding (a count may stand between), or before a plural
/// passive of wounding a few words on in their clause, are the harmed: the hit, never the doer.
pub(crate) fn harmed(lx: &Lexicons, s: &Sentence, m: &Mention) -> bool {
    // (civilians are never the doer anyway, and are read as the hit by their own rule)
    if m.named || m.air || m.weapon || institution(s, m) || civilians(lx, m) {
        return false;
    }
    let mut buf = Vec::new();
    let mut harm_ends_at = |end: usize| {
        s.cues
            .iter()
            .any(|c| c.kind == CueKind::Injury && c.end == end)
            || (end >= 1
                && lx
                    .trigger_set
                    .longest_at(s.toks, end - 1, &mut buf)
                    .is_some_and(|t| {
                        t.end == end
                            && matches!(lx.triggers[t.value].class, Class::Death | Class::DeathNoun)
                    }))
    };
    // a count between: «مقتل ثلاثة جنود أتراك», «إصابة 5 جنود»
    let start = s
        .numbers
        .iter()
        .find(|&&(_, b, _)| b == m.start)
        .map_or(m.start, |&(a, _, _)| a);
    if harm_ends_at(start) {
        return true;
    }
    let (_, ce) = s.clause_range(m.start);
    // the passive agrees with the harmed said before it: «أصيبوا», «أصيبا» (a «وأصيب» after them
    // starts another clause: «هاجم جنود … قرية وأصيب ثلاثة»)
    (m.end..ce.min(m.end + 5)).any(|i| matches!(s.toks[i].key(), "اصيبوا" | "اصيبا"))
}

/// «قيادات حوثية أخرى مصرعها», «عناصر من الحوثيين لقوا مصرعهم»: the actor said right before a
/// word of killing (one word between at most) in the same clause is the killed.
pub(crate) fn killed_by_word(lx: &Lexicons, s: &Sentence, m: &Mention) -> bool {
    let (_, ce) = s.clause_range(m.start);
    let mut buf = Vec::new();
    (m.end..(m.end + 2).min(ce)).any(|i| {
        lx.trigger_set
            .longest_at(s.toks, i, &mut buf)
            .is_some_and(|t| matches!(lx.triggers[t.value].class, Class::Death | Class::DeathNoun))
    })
}

/// Civilians are never the doer («استهدفت … المدنيين الإسرائيليين» names the hit).
pub(crate) fn civilians(lx: &Lexicons, m: &Mention) -> bool {
    match &m.actor {
        ActorRef::Known(a) => a.inter == 7,
        ActorRef::Generic { generic } => lx.generic[*generic].inter == 7,
    }
}

/// Whether a mention names a body of forces («القوات», «الجيش», «الشرطة», «قوات الأمن»), not
/// its members.
pub(crate) fn institution(s: &Sentence, m: &Mention) -> bool {
    let k = s.toks[m.start].key();
    let k = k.strip_prefix('و').unwrap_or(k);
    let k = k.strip_prefix("ال").unwrap_or(k);
    matches!(k, "قوات" | "جيش" | "شرطه" | "امن" | "قوه")
}
