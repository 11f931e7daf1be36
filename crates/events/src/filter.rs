//! The learned candidate filter: a logistic regression over features of a violent (PLOVER
//! ASSAULT) or protest trigger and its sentence, deciding whether the candidate reports an event.
//!
//! The rules of `coder.rs` find triggers and cancel the negated, threatened, conditional and
//! questioned ones; the filter then judges what is left, where rules alone were weak: a masdar
//! named as a topic («اغتيال الحريري»), a past event in the background, commentary, a generic
//! plural, reported speech. Its weights are data (`data/events/filter.tsv`), learned by
//! `cargo run --release -p marsad-events --example train_filter`.
//!
//! Invariant: the features are named `(template, value)` pairs, hashed on the fly (FNV-1a over
//! the family, the template and the value) at coding time, so that scoring a candidate costs a
//! few dozen hash lookups and no allocation; training sees the same pairs by name through
//! [`Names`]. A family with no row in the file falls back to the rules.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::coder::{Hit, Sentence};
use crate::data::{Class, CueKind, Lexicons};
use crate::lexicon::tsv_rows;
use crate::mentions::ActorRef;

/// The kinds of candidates the filter judges, each with its own weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// Triggers of PLOVER ASSAULT (attacks, strikes, bombings, killings, abductions).
    Assault,
    /// Triggers of PLOVER PROTEST (demonstrations, riots).
    Protest,
}

impl Family {
    pub fn name(self) -> &'static str {
        match self {
            Family::Assault => "assault",
            Family::Protest => "protest",
        }
    }

    fn tag(self) -> u8 {
        match self {
            Family::Assault => b'a',
            Family::Protest => b'p',
        }
    }

    fn parse(s: &str) -> Option<Family> {
        match s {
            "assault" => Some(Family::Assault),
            "protest" => Some(Family::Protest),
            _ => None,
        }
    }
}

/// A hasher for keys that already are hashes.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// FNV-1a of a feature: family tag, template, a separator, value.
pub(crate) fn feature_hash(family: Family, template: &str, value: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    eat(family.tag());
    template.bytes().for_each(&mut eat);
    eat(0x1f);
    value.bytes().for_each(&mut eat);
    h
}

/// The weights of both families and their decision thresholds (probabilities).
#[derive(Debug, Default)]
pub(crate) struct Filter {
    weights: HashMap<u64, f32, BuildHasherDefault<IdHasher>>,
    threshold: [Option<f32>; 2],
}

impl Filter {
    /// Reads `family<TAB>template<TAB>value<TAB>weight` rows; `threshold` rows (template
    /// `threshold`, value `-`) give a family's decision threshold and switch the family on.
    pub fn parse(src: &str, problems: &mut Vec<String>) -> Filter {
        let mut f = Filter::default();
        for (line, row) in tsv_rows(src) {
            let get = |i: usize| row.get(i).map(|s| s.trim()).unwrap_or("");
            let Some(family) = Family::parse(get(0)) else {
                problems.push(format!(
                    "data/events/filter.tsv:{line}: unknown family {:?}",
                    get(0)
                ));
                continue;
            };
            let Ok(w) = get(3).parse::<f32>() else {
                problems.push(format!(
                    "data/events/filter.tsv:{line}: weight {:?} is not a number",
                    get(3)
                ));
                continue;
            };
            if get(1) == "threshold" {
                f.threshold[family as usize] = Some(w);
            } else {
                *f.weights
                    .entry(feature_hash(family, get(1), get(2)))
                    .or_insert(0.0) += w;
            }
        }
        f
    }

    /// The decision threshold of `family`, when the file has a model for it.
    pub fn threshold(&self, family: Family) -> Option<f32> {
        self.threshold[family as usize]
    }

    /// The probability that the candidate `h` reports an event of its family.
    pub fn probability(
        &self,
        lx: &Lexicons,
        s: &Sentence,
        hits: &[Hit],
        h: &Hit,
        family: Family,
    ) -> f32 {
        let mut score = Score {
            filter: self,
            family,
            sum: 0.0,
        };
        features(lx, s, hits, h, &mut score);
        1.0 / (1.0 + (-score.sum).exp())
    }
}

/// Where the features of a candidate go: summed into a score, or named for training.
pub(crate) trait Sink {
    fn put(&mut self, template: &str, value: &str);
}

struct Score<'a> {
    filter: &'a Filter,
    family: Family,
    sum: f32,
}

impl Sink for Score<'_> {
    #[inline]
    fn put(&mut self, template: &str, value: &str) {
        if let Some(w) = self
            .filter
            .weights
            .get(&feature_hash(self.family, template, value))
        {
            self.sum += w;
        }
    }
}

/// The features by name (training).
#[derive(Default)]
pub(crate) struct Names(pub Vec<(String, String)>);

impl Sink for Names {
    fn put(&mut self, template: &str, value: &str) {
        self.0.push((template.to_string(), value.to_string()));
    }
}

const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

fn cue_name(k: CueKind) -> &'static str {
    match k {
        CueKind::Negation => "negation",
        CueKind::Intent => "intent",
        CueKind::Conditional => "conditional",
        CueKind::Habitual => "habitual",
        CueKind::Reference => "reference",
        CueKind::Question => "question",
        CueKind::Time => "time",
        CueKind::Toll => "toll",
        CueKind::Eventive => "eventive",
        CueKind::Boundary => "boundary",
        CueKind::Relative => "relative",
        CueKind::Agent => "agent",
        CueKind::Target => "target",
        CueKind::Injury => "injury",
        CueKind::Unit => "unit",
        CueKind::Speech => "speech",
        // the filter learned «منذ» before these had a kind of their own
        CueKind::Summary => "reference",
    }
}

fn class_name(c: Class) -> &'static str {
    match c {
        Class::Verb => "verb",
        Class::Noun => "noun",
        Class::Death => "death",
        Class::DeathNoun => "deathn",
        Class::Territory => "territory",
    }
}

fn is_quote(k: &str) -> bool {
    matches!(k, "«" | "»" | "\"" | "“" | "”")
}

/// The features of candidate `h` (a hit of `hits`) in sentence `s`.
pub(crate) fn features<S: Sink>(lx: &Lexicons, s: &Sentence, hits: &[Hit], h: &Hit, out: &mut S) {
    let d = &lx.triggers[h.def];
    let toks = s.toks;
    let n = toks.len().max(1);
    let (cs, ce) = s.clause_range(h.start);
    out.put("bias", "-");
    out.put("pat", &d.pattern);
    out.put("sub", &d.sub_event_type);
    out.put("class", class_name(h.class));
    let first = &toks[h.start];
    out.put("tk", first.key());
    // the trigger's form
    let k = first.key();
    let definite = ["ال", "وال", "بال", "فال", "لل", "وبال", "ولل", "كال"]
        .iter()
        .any(|p| k.starts_with(p));
    out.put("def", if definite { "y" } else { "n" });
    if h.end - h.start > 1 {
        out.put("multi", "y");
    }
    if k.ends_with("ات") || k.ends_with("ون") || k.ends_with("ين") {
        out.put("plural", class_name(h.class));
    }
    if (k.starts_with('ي') || k.starts_with('ت') || k.starts_with("وي") || k.starts_with("وت"))
        && matches!(h.class, Class::Verb | Class::Death)
    {
        out.put("impf", "y");
    }
    if k.starts_with('س') || k.starts_with("وس") {
        out.put("sin", "y");
    }
    // a masdar governing a name or a definite noun: «اغتيال الحريري»
    if matches!(h.class, Class::Noun | Class::DeathNoun) && !definite && h.end < toks.len() {
        let next = &toks[h.end];
        if s.mentions.iter().any(|m| m.start == h.end) {
            out.put("idafa", "actor");
        } else if next.is_word() && next.key().starts_with("ال") {
            out.put("idafa", "def");
        }
    }
    // words around
    for t in &toks[h.start.saturating_sub(4)..h.start] {
        out.put("w-", t.key());
    }
    if h.start > 0 {
        out.put("w-1", toks[h.start - 1].key());
    }
    for t in &toks[h.end..(h.end + 4).min(toks.len())] {
        out.put("w+", t.key());
    }
    if h.end < toks.len() {
        out.put("w+1", toks[h.end].key());
    }
    // context cues by place and kind; the words of those in the clause
    for c in &s.cues {
        if c.kind == CueKind::Boundary {
            continue;
        }
        let in_clause = c.start >= cs && c.end <= ce;
        let kind = cue_name(c.kind);
        if c.end <= h.start {
            let dist = h.start - c.end;
            if in_clause {
                out.put("cue.bc", kind);
                out.put("ck.bc", toks[c.start].key());
                if dist <= 1 {
                    out.put("cue.b1", kind);
                } else if dist <= 3 {
                    out.put("cue.b3", kind);
                }
            } else {
                out.put("cue.bs", kind);
            }
        } else if c.start >= h.end {
            if in_clause {
                out.put("cue.ac", kind);
                out.put("ck.ac", toks[c.start].key());
                if c.start - h.end <= 1 {
                    out.put("cue.a1", kind);
                }
            } else {
                out.put("cue.as", kind);
            }
        }
    }
    // time
    let mut any_date = false;
    for &(i, t) in &s.dates {
        any_date = true;
        out.put("date", if cs <= i && i < ce { "c" } else { "s" });
        out.put("dprec", DIGITS[(t.precision as usize).min(9)]);
    }
    if !any_date {
        out.put("date", "none");
    }
    // numbers: years, counts next to death words or the trigger
    for &(a, b, v) in &s.numbers {
        if (1900..=2100).contains(&v) {
            out.put("year", if cs <= a && a < ce { "c" } else { "s" });
            continue;
        }
        out.put("num", if cs <= a && a < ce { "c" } else { "s" });
        if b + 2 >= h.start && a <= h.end + 2 {
            out.put("num", "adj");
        }
        let near_death = hits.iter().any(|o| {
            matches!(o.class, Class::Death | Class::DeathNoun)
                && !o.cancelled
                && b + 3 >= o.start
                && a <= o.end + 3
        });
        if near_death {
            out.put("num", "death");
        }
    }
    // the other triggers of the sentence
    for o in hits {
        if o.start == h.start && o.def == h.def {
            continue;
        }
        let od = &lx.triggers[o.def];
        let same_clause = cs <= o.start && o.start < ce;
        if o.cancelled {
            out.put("othx", &od.plover);
            continue;
        }
        out.put("oth", &od.sub_event_type);
        out.put("othp", &od.plover);
        if same_clause {
            out.put("othc", &od.plover);
            if matches!(o.class, Class::Death | Class::DeathNoun) {
                out.put("death", "c");
            }
        }
        if matches!(o.class, Class::Death | Class::DeathNoun) {
            out.put("death", "s");
        }
    }
    // actors and places
    for m in &s.mentions {
        let pos = if m.end <= h.start {
            if m.start >= cs {
                "bc"
            } else {
                "bs"
            }
        } else if m.start >= h.end {
            if m.end <= ce {
                "ac"
            } else {
                "as"
            }
        } else {
            "ov"
        };
        out.put("act", pos);
        match &m.actor {
            ActorRef::Known(a) => out.put("inter", DIGITS[(a.inter as usize).min(9)]),
            ActorRef::Generic { generic } => out.put("gen", &lx.generic[*generic].name),
        }
    }
    if s.mentions.is_empty() {
        out.put("act", "none");
    }
    let mut place = "none";
    for &(i, _) in &s.places {
        if cs <= i && i < ce {
            place = "c";
            break;
        }
        place = "s";
    }
    out.put("place", place);
    // shape of the sentence
    out.put("slen", DIGITS[(toks.len() / 10).min(6)]);
    out.put("pos", DIGITS[h.start * 4 / n]);
    if h.start <= 1 {
        out.put("first", "y");
    }
    let quotes_before = toks[..h.start].iter().filter(|t| is_quote(t.key())).count();
    let quotes = quotes_before + toks[h.start..].iter().filter(|t| is_quote(t.key())).count();
    if quotes_before % 2 == 1 {
        out.put("quote", "in");
    } else if quotes > 0 {
        out.put("quote", "s");
    }
    // what the rules thought
    out.put(
        "rs",
        DIGITS[((h.score * 10.0).floor().max(0.0) as usize).min(9)],
    );
    out.put("rv", if h.valid { "y" } else { "n" });
}
