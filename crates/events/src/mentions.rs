//! Actor and person mentions in a sentence: named actors from the actor table, a country's forces
//! by a nationality adjective on a military noun, generic actors by common nouns, and persons by
//! their titles.

use marsad_arabic::TokenKind;
use marsad_core::{Actor, Span};

use crate::data::{Force, Lexicons, MilitaryNoun};
use crate::lexicon::Tok;

/// What a mention refers to.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ActorRef {
    /// A row of the actor table (or a country's forces made from the nationality table).
    Known(Actor),
    /// A generic actor whose country comes from the event («Protesters ({country})»).
    Generic { generic: usize },
}

/// An actor mention: token range `[start, end)` in the sentence's tokens.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub actor: ActorRef,
    /// Made by a nationality on an aircraft noun («طائرات أميركية»).
    pub air: bool,
    /// A name from the actor table (not a nationality-made or generic mention).
    pub named: bool,
    /// Made by a nationality on a weapon (shells, missiles, bullets: «الرصاص الحي الإسرائيلي»):
    /// like aircraft, the doer's, never the hit.
    pub weapon: bool,
    /// Its first word carries a preposition («للنظام», «بقوات»).
    pub prep: bool,
}

/// The forces of the country `iso` (`Military Forces of X` / `Police Forces of X`): the table's
/// row `xx-mil` / `xx-pol` when there is one, else made from the country's name (armed men of
/// a country without an army in the table: `Unidentified Armed Group (X)`).
pub(crate) fn country_forces(lx: &Lexicons, iso: &str, force: Force) -> Option<Actor> {
    let suffix = match force {
        Force::Military | Force::Armed => "mil",
        Force::Police => "pol",
    };
    let id = format!("{}-{}", iso.to_ascii_lowercase(), suffix);
    if let Some(&i) = lx.actor_by_id.get(&id) {
        return Some(lx.actors[i].actor.clone());
    }
    let c = lx.country(iso)?;
    let what = match force {
        Force::Military => "Military Forces of",
        Force::Police => "Police Forces of",
        // no army in the table: armed men of that country, as generic_actors.tsv names them
        Force::Armed => {
            return Some(Actor {
                id: format!("unidentified-armed-group-{}", iso.to_ascii_lowercase()),
                name: format!("Unidentified Armed Group ({})", c.name),
                name_ar: None,
                inter: 3,
                country: Some(iso.to_string()),
            })
        }
    };
    let the = if matches!(iso, "US" | "GB" | "AE" | "CF" | "NL") {
        "the "
    } else {
        ""
    };
    Some(Actor {
        id,
        name: format!("{what} {the}{}", c.name),
        name_ar: None,
        inter: 1,
        country: Some(iso.to_string()),
    })
}

/// Every actor mention of `toks`, left to right: named actors first, then nationality-made forces
/// and generic actors on the tokens left free.
pub(crate) fn actor_mentions(lx: &Lexicons, toks: &[Tok]) -> Vec<Mention> {
    let mut out: Vec<Mention> = group_mentions(lx, toks);
    let mut taken = vec![false; toks.len()];
    for m in &out {
        taken[m.start..m.end].iter_mut().for_each(|t| *t = true);
    }
    for m in lx.actor_set.find_all(toks, 0, toks.len()) {
        if taken[m.start..m.end].iter().any(|t| *t) {
            continue;
        }
        taken[m.start..m.end].iter_mut().for_each(|t| *t = true);
        out.push(Mention {
            start: m.start,
            end: m.end,
            actor: ActorRef::Known(lx.actors[m.value].actor.clone()),
            air: false,
            named: true,
            weapon: false,
            prep: m.prep,
        });
    }
    // nationality on a military noun, up to two modifiers between
    let mut buf = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(n) = lx.noun_set.longest_at(toks, i, &mut buf) else {
            i += 1;
            continue;
        };
        let MilitaryNoun {
            force,
            air,
            shell,
            weapon,
        } = lx.nouns[n.value];
        let mut j = n.end;
        let mut found = None;
        let mut skipped = 0;
        let mut air_modifier = false;
        while j < toks.len() && skipped <= 2 {
            if let Some(a) = lx.adjective_set.longest_at(toks, j, &mut buf) {
                // a nationality right after another names the country («قوات الاحتلال الأميركي»)
                let next = if a.end < toks.len() {
                    lx.adjective_set.longest_at(toks, a.end, &mut buf)
                } else {
                    None
                };
                found = Some(next.unwrap_or(a));
                break;
            }
            match lx.modifier_set.longest_at(toks, j, &mut buf) {
                Some(m) => {
                    j = m.end;
                    skipped += 1;
                    air_modifier |= m.value == 1;
                }
                None => break,
            }
        }
        let air = air || air_modifier;
        match found {
            Some(a) => {
                let iso = lx.countries[a.value].iso2.clone();
                if let Some(actor) = country_forces(lx, &iso, force) {
                    // a named mention over the same words wins; else this one
                    if !taken[n.start..a.end].iter().any(|t| *t) {
                        out.push(Mention {
                            start: n.start,
                            end: a.end,
                            actor: ActorRef::Known(actor),
                            air,
                            named: false,
                            weapon: shell || weapon,
                            prep: n.prep,
                        });
                        taken[n.start..a.end].iter_mut().for_each(|t| *t = true);
                    } else if air {
                        // keep the aircraft reading of a named air force («المقاتلات الأميركية»)
                        if let Some(m) = out.iter_mut().find(|m| m.start < a.end && n.start < m.end)
                        {
                            m.air = true;
                        }
                    }
                }
                i = a.end;
            }
            None => i = n.end,
        }
    }
    // generic actors on free tokens
    for m in lx.generic_set.find_all(toks, 0, toks.len()) {
        if taken[m.start..m.end].iter().any(|t| *t) {
            continue;
        }
        taken[m.start..m.end].iter_mut().for_each(|t| *t = true);
        out.push(Mention {
            start: m.start,
            end: m.end,
            actor: ActorRef::Generic { generic: m.value },
            air: false,
            // a description of one named actor («الانقلابيون», «قوات التحالف») is a name
            named: lx.generic[m.value].only_in.is_some(),
            weapon: false,
            prep: m.prep,
        });
    }
    out.sort_by_key(|m| (m.start, m.end));
    members_of_named(lx, toks, &mut out);
    affiliated_forces(lx, toks, &mut out);
    // «الأشخاص الموالين للنظام», «فصائل موالية لأنقرة»: who someone is loyal to describes them;
    // it is no party to the event (the forces belonging to a named actor are that actor, above)
    out.retain(|m| {
        let loyal = m.start >= 1 && {
            let k = toks[m.start - 1].key();
            let k = k.strip_prefix('و').unwrap_or(k);
            k.strip_prefix("ال").unwrap_or(k).starts_with("موال")
        };
        !(loyal && m.prep && toks[m.start].key().starts_with('ل'))
    });
    out
}

/// A group named by its adjective on a noun of its members or leaders: «عناصر حوثية»,
/// «مسلحين حوثيين», «القيادات الحوثية» are the Houthis (group_adjectives.tsv).
fn group_mentions(lx: &Lexicons, toks: &[Tok]) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut buf = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let group = lx.member_set.longest_at(toks, i, &mut buf).and_then(|n| {
            let a = lx.group_set.longest_at(toks, n.end, &mut buf)?;
            Some((n, a))
        });
        match group {
            Some((n, a)) => {
                out.push(Mention {
                    start: n.start,
                    end: a.end,
                    actor: ActorRef::Known(lx.actors[a.value].actor.clone()),
                    air: false,
                    named: true,
                    weapon: false,
                    prep: n.prep,
                });
                i = a.end;
            }
            None => i += 1,
        }
    }
    out
}

/// «مسلحو داعش», «مسلحي حركة حماس»: armed men in the construct state before a named actor are
/// its members, that actor (not an unidentified armed group beside it); «هاجم مسلحون حماس» (not
/// in the construct state) keeps both.
fn members_of_named(lx: &Lexicons, toks: &[Tok], out: &mut Vec<Mention>) {
    let mut k = 0;
    while k + 1 < out.len() {
        let (g, n) = (&out[k], &out[k + 1]);
        let armed_men = match g.actor {
            ActorRef::Generic { generic } => lx.generic[generic]
                .name
                .starts_with("Unidentified Armed Group"),
            ActorRef::Known(_) => false,
        };
        let construct = {
            let w = toks[g.end - 1].key();
            w.ends_with('ي') || w.ends_with('و')
        };
        if armed_men && construct && n.named && n.start == g.end && !n.prep {
            let (start, prep) = (g.start, g.prep);
            out[k + 1].start = start;
            out[k + 1].prep = prep;
            out.remove(k);
        } else {
            k += 1;
        }
    }
}

/// True when the token says that what comes before it belongs to what comes after it
/// («التابعة لحماس», «التابع للنظام»).
fn belonging(tok: &Tok) -> bool {
    let k = tok.key();
    let k = k.strip_prefix("ال").unwrap_or(k);
    matches!(k, "تابعه" | "تابع" | "تابعين" | "تابعون")
}

/// Forces said as belonging to a named actor are that actor: «الأجهزة الأمنية التابعة لحماس»,
/// «قوات تابعة للنظام» (a facility or a position that belongs to it stays its target: «مواقع
/// تابعة لـ» is a target cue, and such nouns are no forces). The forces' mention, or their
/// military noun, takes the named actor after «التابعة ل» and its words.
fn affiliated_forces(lx: &Lexicons, toks: &[Tok], out: &mut Vec<Mention>) {
    let mut buf = Vec::new();
    let mut k = 0;
    while k < out.len() {
        let b = &out[k];
        let t = b.start;
        let with_l = toks[t].key().starts_with('ل') && b.prep;
        if !(b.named && with_l && t >= 2 && belonging(&toks[t - 1])) {
            k += 1;
            continue;
        }
        let (actor, end) = (b.actor.clone(), b.end);
        // the forces right before «التابعة»: a mention, else a military noun (up to two
        // modifiers between: «الأجهزة الأمنية»)
        let owner = out[..k].iter().rposition(|m| m.end == t - 1 && !m.named);
        let noun_start = (t.saturating_sub(4)..t - 1).find(|&s| {
            lx.noun_set.longest_at(toks, s, &mut buf).is_some_and(|n| {
                let mut j = n.end;
                while j < t - 1 {
                    match lx.modifier_set.longest_at(toks, j, &mut buf) {
                        Some(m) => j = m.end,
                        None => break,
                    }
                }
                j == t - 1
            })
        });
        match (owner, noun_start) {
            (Some(o), _) => {
                out[o].actor = actor;
                out[o].end = end;
                out[o].named = true;
                out.remove(k);
            }
            (None, Some(s)) => {
                out[k] = Mention {
                    start: s,
                    end,
                    actor,
                    air: false,
                    named: true,
                    weapon: false,
                    prep: false,
                };
                k += 1;
            }
            (None, None) => k += 1,
        }
    }
    out.sort_by_key(|m| (m.start, m.end));
}

/// Words that end a name after a title.
const NAME_STOP: &[&str] = &[
    "في",
    "من",
    "على",
    "علي",
    "الي",
    "الى",
    "إلى",
    "عن",
    "مع",
    "ان",
    "إن",
    "أن",
    "انه",
    "قال",
    "قالت",
    "وقال",
    "امس",
    "اليوم",
    "الذي",
    "التي",
    "الذين",
    "هو",
    "هي",
    "بعد",
    "قبل",
    "خلال",
    "عند",
    "منذ",
    "حيث",
    "او",
    "أو",
    "ثم",
    "لدي",
    "لدى",
    "كان",
    "كانت",
    "وهو",
    "وهي",
    "اثناء",
    "بين",
    "ضد",
    "حول",
    "لم",
    "لن",
    "قد",
    "ما",
    "لا",
    "امام",
    "عبر",
    "نحو",
    "و",
];

fn is_stop(tok: &Tok) -> bool {
    NAME_STOP.contains(&tok.key())
}

/// Person names after titles in `toks`, as byte spans of the text.
pub(crate) fn person_spans(lx: &Lexicons, toks: &[Tok], text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for m in lx.title_set.find_all(toks, 0, toks.len()) {
        let title = lx.titles[m.value];
        let mut j = m.end;
        // a title inside a word run only: the name must follow directly (no punctuation between)
        if title.office {
            // skip the office's complements: words with the article, «باسم» and its noun
            let mut skipped = 0;
            while j < toks.len() && skipped < 5 {
                let t = &toks[j];
                if t.kind != TokenKind::Arabic {
                    break;
                }
                let k = t.key();
                let bare = k.trim_start_matches(['و', 'ف']);
                let with_article = bare.starts_with("ال") || bare.starts_with("لل");
                if with_article || k == "باسم" {
                    j += 1;
                    skipped += 1;
                } else {
                    break;
                }
            }
        }
        // the name: 1 to 3 words; the first without the article, not a function word
        let first = j;
        while j < toks.len() && j - first < 3 {
            let t = &toks[j];
            if t.kind != TokenKind::Arabic || is_stop(t) {
                break;
            }
            // no punctuation or quote between words of the name
            if j > first
                && text[toks[j - 1].span.end..t.span.start]
                    .chars()
                    .any(|c| !c.is_whitespace())
            {
                break;
            }
            if j == first && t.key().starts_with("ال") {
                break;
            }
            // a second title or a lexicon actor word ends the name
            j += 1;
        }
        if j == first {
            continue;
        }
        // a title right before the name with no punctuation between
        if text[toks[m.end - 1].span.end..toks[first].span.start]
            .chars()
            .any(|c| !c.is_whitespace())
            && !title.office
        {
            continue;
        }
        let start = if title.keep {
            toks[m.start].span.start
        } else {
            toks[first].span.start
        };
        out.push(Span::new(start, toks[j - 1].span.end));
    }
    out
}
