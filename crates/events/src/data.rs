//! The lexicons of `data/events/`, compiled once: actors, nationalities, military nouns, generic
//! actors, triggers, context cues, person titles and count words.

use std::collections::HashMap;

use marsad_core::Actor;

use crate::filter::Filter;
use crate::lexicon::{split_list, tsv_rows, PatternSet, StartIndex};
use crate::LexiconError;

/// The text of every lexicon file, so that a caller can code with its own lists.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    pub actors: &'a str,
    pub nationalities: &'a str,
    pub military_nouns: &'a str,
    pub generic_actors: &'a str,
    pub triggers: &'a str,
    pub cues: &'a str,
    pub titles: &'a str,
    pub counts: &'a str,
    /// Groups named by an adjective on a noun of their members («عناصر حوثية»).
    pub group_adjectives: &'a str,
    /// The learned candidate filter's weights (see `filter.rs`); empty: rules only.
    pub filter: &'a str,
}

impl Sources<'static> {
    /// The lexicons shipped in `data/events/`, compiled into the binary.
    pub fn embedded() -> Self {
        Sources {
            actors: include_str!("../../../data/events/actors.tsv"),
            nationalities: include_str!("../../../data/events/nationalities.tsv"),
            military_nouns: include_str!("../../../data/events/military_nouns.tsv"),
            generic_actors: include_str!("../../../data/events/generic_actors.tsv"),
            triggers: include_str!("../../../data/events/triggers.tsv"),
            cues: include_str!("../../../data/events/cues.tsv"),
            titles: include_str!("../../../data/events/titles.tsv"),
            counts: include_str!("../../../data/events/counts.tsv"),
            group_adjectives: include_str!("../../../data/events/group_adjectives.tsv"),
            filter: include_str!("../../../data/events/filter.tsv"),
        }
    }
}

/// One row of the actor table.
#[derive(Debug, Clone)]
pub struct ActorEntry {
    pub actor: Actor,
    pub aliases_ar: Vec<String>,
    pub aliases_en: Vec<String>,
    pub wikidata: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Country {
    pub iso2: String,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Force {
    Military,
    Police,
    /// Armed men said by what they do («قناص», a sniper): the country's army when the actor
    /// table has one (`xx-mil`), else an unidentified armed group of that country («قناص
    /// فلسطيني»).
    Armed,
}

#[derive(Debug, Clone)]
pub(crate) struct Generic {
    /// The pattern as written: rows of one pattern in different countries are alternatives
    /// («الجيش الوطني» is Yemen's army in Yemen, the Syrian National Army in Syria).
    pub pattern: String,
    pub name: String,
    pub inter: u8,
    pub state: bool,
    /// A description that names one actor of the table (its id in `name`) when the event is in
    /// this country («الانقلابيون» are the Houthis in Yemen), and nobody elsewhere.
    pub only_in: Option<String>,
}

/// How a trigger asserts its event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Verb,
    Noun,
    Death,
    DeathNoun,
    Territory,
}

#[derive(Debug, Clone)]
pub(crate) struct TriggerDef {
    /// The pattern as written in triggers.tsv (a feature of the learned filter).
    pub pattern: String,
    pub event_type: String,
    pub sub_event_type: String,
    pub disorder_type: String,
    pub plover: String,
    pub mode: Option<String>,
    pub class: Class,
    /// Deaths the trigger itself reports when the sentence gives no count.
    pub toll: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueKind {
    Negation,
    Intent,
    Conditional,
    Habitual,
    Reference,
    Question,
    Time,
    Toll,
    Eventive,
    Boundary,
    Relative,
    Agent,
    Target,
    Injury,
    Unit,
    /// A verb of saying («قال», «أضاف»): reported speech, a feature of the learned filter.
    Speech,
    /// «منذ بدء …»: the counts of the sentence are running totals since a start, so a killing
    /// word there reports no one event; a trigger right after it is a reference, as after «منذ».
    Summary,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Before(usize),
    Clause,
    Sentence,
    None,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Cue {
    pub kind: CueKind,
    pub scope: Scope,
}

/// A row of military_nouns.tsv that names forces.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MilitaryNoun {
    pub force: Force,
    /// An aircraft or an air strike.
    pub air: bool,
    /// A shell, rocket or missile, or the guns that fire them.
    pub shell: bool,
    /// A weapon of a killing that is not fired from afar («رصاص»): never the hit.
    pub weapon: bool,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Title {
    pub keep: bool,
    pub office: bool,
}

/// Every lexicon, compiled.
#[derive(Debug, Default)]
pub(crate) struct Lexicons {
    pub actors: Vec<ActorEntry>,
    pub actor_by_id: HashMap<String, usize>,
    pub actor_set: PatternSet,
    pub countries: Vec<Country>,
    pub country_by_iso: HashMap<String, usize>,
    pub adjective_set: PatternSet,
    pub nouns: Vec<MilitaryNoun>,
    pub noun_set: PatternSet,
    pub modifier_set: PatternSet,
    pub generic: Vec<Generic>,
    pub generic_set: PatternSet,
    pub triggers: Vec<TriggerDef>,
    pub trigger_set: PatternSet,
    pub cues: Vec<Cue>,
    pub cue_set: PatternSet,
    pub titles: Vec<Title>,
    pub title_set: PatternSet,
    pub counts: Vec<u32>,
    pub count_set: PatternSet,
    /// Nouns of a group's members or leaders («عناصر», «القيادات»).
    pub member_set: PatternSet,
    /// Groups' adjectives («حوثية»), the index of their actor in `actors`.
    pub group_set: PatternSet,
    /// Which of the sets above can start at a token.
    pub starts: StartIndex,
    pub filter: Filter,
}

fn yes(s: &str) -> bool {
    s.trim() == "yes"
}

fn field<'a>(f: &[&'a str], i: usize) -> &'a str {
    f.get(i).map(|s| s.trim()).unwrap_or("")
}

impl Lexicons {
    /// Compiles every lexicon, collecting every problem before failing.
    pub fn build(src: &Sources) -> Result<Lexicons, LexiconError> {
        let mut lx = Lexicons::default();
        let mut problems: Vec<String> = Vec::new();
        let mut problem = |file: &str, line: usize, msg: String| {
            problems.push(format!("data/events/{file}:{line}: {msg}"));
        };

        for (line, f) in tsv_rows(src.actors) {
            let (id, name, inter, country) =
                (field(&f, 0), field(&f, 1), field(&f, 2), field(&f, 3));
            let inter: u8 = match inter.parse() {
                Ok(v) if (1..=8).contains(&v) => v,
                _ => {
                    problem("actors.tsv", line, format!("inter {inter:?} is not 1..8"));
                    continue;
                }
            };
            if id.is_empty() || name.is_empty() {
                problem("actors.tsv", line, "empty id or name".into());
                continue;
            }
            let iso2 = country.len() == 2 && country.chars().all(|c| c.is_ascii_uppercase());
            if !country.is_empty() && !iso2 {
                problem(
                    "actors.tsv",
                    line,
                    format!("country {country:?} is not ISO2"),
                );
            }
            if lx.actor_by_id.contains_key(id) {
                problem("actors.tsv", line, format!("duplicate id {id}"));
                continue;
            }
            let raw_ar = field(&f, 4);
            let aliases_ar: Vec<String> = split_list(raw_ar).map(String::from).collect();
            if aliases_ar.is_empty() || raw_ar.split('|').any(|a| a.trim().is_empty()) {
                problem("actors.tsv", line, format!("{id}: empty Arabic alias"));
            }
            let raw_en = field(&f, 5);
            if raw_en.split('|').any(|a| a.trim().is_empty()) {
                problem("actors.tsv", line, format!("{id}: empty English alias"));
            }
            let idx = lx.actors.len();
            for a in &aliases_ar {
                if let Err(e) = lx.actor_set.add(a, idx) {
                    problem("actors.tsv", line, e);
                }
            }
            let wikidata = Some(field(&f, 6))
                .filter(|w| !w.is_empty())
                .map(String::from);
            lx.actor_by_id.insert(id.to_string(), idx);
            lx.actors.push(ActorEntry {
                actor: Actor {
                    id: id.to_string(),
                    name: name.to_string(),
                    name_ar: aliases_ar.first().cloned(),
                    inter,
                    country: Some(country.to_string()).filter(|c| !c.is_empty()),
                },
                aliases_ar,
                aliases_en: split_list(raw_en).map(String::from).collect(),
                wikidata,
            });
        }

        for (line, f) in tsv_rows(src.nationalities) {
            let (iso, name) = (field(&f, 0), field(&f, 1));
            if iso.len() != 2 || name.is_empty() {
                problem("nationalities.tsv", line, format!("bad country {iso:?}"));
                continue;
            }
            let idx = lx.countries.len();
            for adj in split_list(field(&f, 3)) {
                if let Err(e) = lx.adjective_set.add(adj, idx) {
                    problem("nationalities.tsv", line, e);
                }
            }
            lx.country_by_iso.insert(iso.to_string(), idx);
            lx.countries.push(Country {
                iso2: iso.to_string(),
                name: name.to_string(),
            });
        }

        for (line, f) in tsv_rows(src.military_nouns) {
            let (noun, force, air) = (field(&f, 0), field(&f, 1), yes(field(&f, 2)));
            let shell = yes(field(&f, 3));
            let weapon = yes(field(&f, 4));
            let res = match force {
                "military" | "police" | "armed" => {
                    let force = match force {
                        "military" => Force::Military,
                        "police" => Force::Police,
                        _ => Force::Armed,
                    };
                    lx.nouns.push(MilitaryNoun {
                        force,
                        air,
                        shell,
                        weapon,
                    });
                    lx.noun_set.add(noun, lx.nouns.len() - 1)
                }
                "modifier" => lx.modifier_set.add(noun, usize::from(air)),
                other => Err(format!("unknown force {other:?}")),
            };
            if let Err(e) = res {
                problem("military_nouns.tsv", line, e);
            }
        }

        for (line, f) in tsv_rows(src.generic_actors) {
            let inter: u8 = field(&f, 2).parse().unwrap_or(0);
            if !(1..=8).contains(&inter) {
                problem("generic_actors.tsv", line, "inter is not 1..8".into());
                continue;
            }
            let idx = lx.generic.len();
            if let Err(e) = lx.generic_set.add(field(&f, 0), idx) {
                problem("generic_actors.tsv", line, e);
            }
            let kind = field(&f, 3);
            let only_in = kind.strip_prefix("in:").map(str::to_string);
            if let Some(c) = &only_in {
                if !lx.actor_by_id.contains_key(field(&f, 1)) {
                    problem(
                        "generic_actors.tsv",
                        line,
                        format!("unknown actor id {:?}", field(&f, 1)),
                    );
                }
                if c.len() != 2 {
                    problem("generic_actors.tsv", line, format!("bad country {c:?}"));
                }
            } else if !matches!(kind, "generic" | "state") {
                problem("generic_actors.tsv", line, format!("unknown kind {kind:?}"));
            }
            lx.generic.push(Generic {
                pattern: field(&f, 0).to_string(),
                name: field(&f, 1).to_string(),
                inter,
                state: kind == "state",
                only_in,
            });
        }

        for (line, f) in tsv_rows(src.triggers) {
            let class = match field(&f, 6) {
                "verb" => Class::Verb,
                "noun" => Class::Noun,
                "death" => Class::Death,
                "deathn" => Class::DeathNoun,
                "territory" => Class::Territory,
                other => {
                    problem("triggers.tsv", line, format!("unknown class {other:?}"));
                    continue;
                }
            };
            let toll = match field(&f, 7) {
                "" => None,
                t => match t.parse::<u32>() {
                    Ok(n) => Some(n),
                    Err(_) => {
                        problem("triggers.tsv", line, format!("bad toll {t:?}"));
                        None
                    }
                },
            };
            let idx = lx.triggers.len();
            if let Err(e) = lx.trigger_set.add(field(&f, 0), idx) {
                problem("triggers.tsv", line, e);
            }
            lx.triggers.push(TriggerDef {
                pattern: field(&f, 0).to_string(),
                event_type: field(&f, 1).to_string(),
                sub_event_type: field(&f, 2).to_string(),
                disorder_type: field(&f, 3).to_string(),
                plover: field(&f, 4).to_string(),
                mode: Some(field(&f, 5).to_string()).filter(|m| !m.is_empty()),
                class,
                toll,
            });
        }

        for (line, f) in tsv_rows(src.cues) {
            let kind = match field(&f, 1) {
                "negation" => CueKind::Negation,
                "intent" => CueKind::Intent,
                "conditional" => CueKind::Conditional,
                "habitual" => CueKind::Habitual,
                "reference" => CueKind::Reference,
                "question" => CueKind::Question,
                "time" => CueKind::Time,
                "toll" => CueKind::Toll,
                "eventive" => CueKind::Eventive,
                "boundary" => CueKind::Boundary,
                "relative" => CueKind::Relative,
                "agent" => CueKind::Agent,
                "target" => CueKind::Target,
                "injury" => CueKind::Injury,
                "unit" => CueKind::Unit,
                "speech" => CueKind::Speech,
                "summary" => CueKind::Summary,
                other => {
                    problem("cues.tsv", line, format!("unknown kind {other:?}"));
                    continue;
                }
            };
            let scope = match field(&f, 2) {
                "clause" => Scope::Clause,
                "sentence" => Scope::Sentence,
                "-" => Scope::None,
                s => match s.strip_prefix("before:").and_then(|n| n.parse().ok()) {
                    Some(n) => Scope::Before(n),
                    None => {
                        problem("cues.tsv", line, format!("unknown scope {s:?}"));
                        continue;
                    }
                },
            };
            let idx = lx.cues.len();
            // punctuation cues («؟») are single tokens: PatternSet keys them like words
            if let Err(e) = lx.cue_set.add(field(&f, 0), idx) {
                problem("cues.tsv", line, e);
            }
            lx.cues.push(Cue { kind, scope });
        }

        for (line, f) in tsv_rows(src.titles) {
            let idx = lx.titles.len();
            if let Err(e) = lx.title_set.add(field(&f, 0), idx) {
                problem("titles.tsv", line, e);
            }
            lx.titles.push(Title {
                keep: yes(field(&f, 1)),
                office: yes(field(&f, 2)),
            });
        }

        for (line, f) in tsv_rows(src.counts) {
            match field(&f, 1).parse::<u32>() {
                Ok(v) => {
                    let idx = lx.counts.len();
                    lx.counts.push(v);
                    if let Err(e) = lx.count_set.add(field(&f, 0), idx) {
                        problem("counts.tsv", line, e);
                    }
                }
                Err(_) => problem("counts.tsv", line, "value is not a number".into()),
            }
        }

        for (line, f) in tsv_rows(src.group_adjectives) {
            let (kind, words, id) = (field(&f, 0), field(&f, 1), field(&f, 2));
            let (set, value) = match kind {
                "noun" => (&mut lx.member_set, 0),
                "adjective" => match lx.actor_by_id.get(id) {
                    Some(&i) => (&mut lx.group_set, i),
                    None => {
                        problem(
                            "group_adjectives.tsv",
                            line,
                            format!("unknown actor id {id:?}"),
                        );
                        continue;
                    }
                },
                other => {
                    problem(
                        "group_adjectives.tsv",
                        line,
                        format!("unknown kind {other:?}"),
                    );
                    continue;
                }
            };
            for w in split_list(words) {
                if let Err(e) = set.add(w, value) {
                    problem("group_adjectives.tsv", line, e);
                }
            }
        }

        lx.filter = Filter::parse(src.filter, &mut problems);
        lx.starts = StartIndex::build(&mut [
            &mut lx.actor_set,
            &mut lx.adjective_set,
            &mut lx.noun_set,
            &mut lx.modifier_set,
            &mut lx.generic_set,
            &mut lx.trigger_set,
            &mut lx.cue_set,
            &mut lx.title_set,
            &mut lx.count_set,
            &mut lx.member_set,
            &mut lx.group_set,
        ]);

        if problems.is_empty() {
            Ok(lx)
        } else {
            Err(LexiconError { problems })
        }
    }

    pub fn country(&self, iso: &str) -> Option<&Country> {
        self.country_by_iso.get(iso).map(|&i| &self.countries[i])
    }
}
