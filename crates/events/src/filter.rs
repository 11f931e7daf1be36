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
//! [`Names`]. A family whose model has sentence-level features (PROTEST: the sentence's words,
//! word pairs, letter groups and cue aggregates, [`sentence_features`]) also pays a few hundred
//! lookups per candidate, still without allocation. A family with no row in the file falls
//! back to the rules.

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
    feature_hash_parts(family, template, &[value])
}

/// [`feature_hash`] of the value that is the concatenation of `parts` (no allocation).
fn feature_hash_parts(family: Family, template: &str, parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    eat(family.tag());
    template.bytes().for_each(&mut eat);
    eat(0x1f);
    for p in parts {
        p.bytes().for_each(&mut eat);
    }
    h
}

/// The sentence-level blocks whose binary features can be scaled to unit length (each present
/// feature weighs `scale / sqrt(features of the block in the candidate)`): a long sentence's
/// many words and letter groups do not drown the candidate's own features.
pub const BLOCKS: [&str; 2] = ["words", "chars"];

/// The block of a template, if it is one of [`BLOCKS`]'s.
pub fn template_block(template: &str) -> Option<usize> {
    match template {
        "sw" | "sb" | "ss" | "ssb" => Some(0),
        "sc" => Some(1),
        _ => None,
    }
}

/// True for the sentence-level templates (computed only for a family whose model has them).
fn is_sentence_template(template: &str) -> bool {
    template_block(template).is_some()
        || matches!(
            template,
            "sk" | "skf"
                | "skn"
                | "stp"
                | "stf"
                | "stn"
                | "fa"
                | "sf"
                | "sfs"
                | "sf2"
                | "sq"
                | "sd"
        )
}

/// The weights of both families and their decision thresholds (probabilities).
#[derive(Debug, Default)]
pub(crate) struct Filter {
    weights: HashMap<u64, f32, BuildHasherDefault<IdHasher>>,
    threshold: [Option<f32>; 2],
    /// Per family: whether its model has sentence-level features (else they are not computed).
    sentence: [bool; 2],
    /// Per family and block: the block's scale when its features are scaled to unit length.
    norm: [[Option<f32>; BLOCKS.len()]; 2],
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
            } else if get(1) == "norm" {
                match BLOCKS.iter().position(|b| *b == get(2)) {
                    Some(b) => f.norm[family as usize][b] = Some(w),
                    None => problems.push(format!(
                        "data/events/filter.tsv:{line}: unknown block {:?}",
                        get(2)
                    )),
                }
            } else {
                if is_sentence_template(get(1)) {
                    f.sentence[family as usize] = true;
                }
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
            block_sum: [0.0; BLOCKS.len()],
            block_n: [0; BLOCKS.len()],
        };
        features(lx, s, hits, h, &mut score);
        if self.sentence[family as usize] {
            sentence_features(lx, s, hits, &mut score);
        }
        let mut z = score.sum;
        for (b, norm) in self.norm[family as usize].iter().enumerate() {
            z += match norm {
                Some(scale) if score.block_n[b] > 0 => {
                    score.block_sum[b] * scale / (score.block_n[b] as f32).sqrt()
                }
                _ => score.block_sum[b],
            };
        }
        1.0 / (1.0 + (-z).exp())
    }
}

/// Where the features of a candidate go: summed into a score, or named for training.
pub(crate) trait Sink {
    fn put(&mut self, template: &str, value: &str);
    /// A feature whose value is the concatenation of `parts`, in `block` (an index of
    /// [`BLOCKS`]) or in none.
    fn put_parts(&mut self, block: Option<usize>, template: &str, parts: &[&str]);
}

struct Score<'a> {
    filter: &'a Filter,
    family: Family,
    sum: f32,
    block_sum: [f32; BLOCKS.len()],
    block_n: [u32; BLOCKS.len()],
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

    #[inline]
    fn put_parts(&mut self, block: Option<usize>, template: &str, parts: &[&str]) {
        let w = self
            .filter
            .weights
            .get(&feature_hash_parts(self.family, template, parts))
            .copied()
            .unwrap_or(0.0);
        match block {
            Some(b) => {
                self.block_n[b] += 1;
                self.block_sum[b] += w;
            }
            None => self.sum += w,
        }
    }
}

/// The features by name (training), the sentence-level ones included.
#[derive(Default)]
pub(crate) struct Names(pub Vec<(String, String)>);

impl Sink for Names {
    fn put(&mut self, template: &str, value: &str) {
        self.0.push((template.to_string(), value.to_string()));
    }

    fn put_parts(&mut self, _block: Option<usize>, template: &str, parts: &[&str]) {
        self.0.push((template.to_string(), parts.concat()));
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

/// The light stem of a word's key: an optional و/ف, then ب/ل/ك, then the article taken off,
/// the longest such that three letters remain.
fn light_stem(k: &str) -> &str {
    let conj = usize::from(k.starts_with(['و', 'ف']));
    for c in (0..=conj).rev() {
        let r1 = &k[c * 2..];
        let prep = usize::from(r1.starts_with(['ب', 'ل', 'ك']));
        for p in (0..=prep).rev() {
            let r2 = &r1[p * 2..];
            let art = usize::from(r2.starts_with("ال"));
            for a in (0..=art).rev() {
                let r3 = &r2[a * 4..];
                if r3
                    .chars()
                    .take(3)
                    .filter(|c| ('ء'..='ي').contains(c))
                    .count()
                    == 3
                {
                    return r3;
                }
            }
        }
    }
    k
}

/// The word of a token for the sentence blocks: its key, every number `0`; marks of quotation,
/// question and exclamation and the colon; `None` for other punctuation.
fn sentence_word(t: &crate::lexicon::Tok) -> Option<&str> {
    use marsad_arabic::TokenKind;
    match t.kind {
        TokenKind::Number => Some("0"),
        TokenKind::Arabic | TokenKind::Latin => Some(t.key()),
        _ => {
            let k = t.key();
            matches!(k, "«" | "»" | "\"" | "?" | "؟" | "!" | ":").then_some(k)
        }
    }
}

const KINDS: [CueKind; 15] = [
    CueKind::Negation,
    CueKind::Intent,
    CueKind::Conditional,
    CueKind::Habitual,
    CueKind::Reference,
    CueKind::Question,
    CueKind::Time,
    CueKind::Toll,
    CueKind::Eventive,
    CueKind::Speech,
    CueKind::Summary,
    CueKind::Agent,
    CueKind::Target,
    CueKind::Injury,
    CueKind::Relative,
];

/// The letter 2-5-grams of a word padded with a space on each side (`char_wb` n-grams), in the
/// block `chars` as template `sc`; words of one byte and words with marks have none, and only
/// the first 40 letters of a longer word count.
fn letter_ngrams<S: Sink>(w: &str, out: &mut S) {
    if w.len() < 2 || !w.chars().all(char::is_alphanumeric) {
        return;
    }
    // the padded word's char offsets
    let mut at = [0usize; 41];
    let mut len = 0;
    for (i, _) in w.char_indices() {
        if len == 40 {
            break;
        }
        at[len] = i;
        len += 1;
    }
    at[len] = if len == 40 && w.chars().count() > 40 {
        w.char_indices().nth(40).map_or(w.len(), |(i, _)| i)
    } else {
        w.len()
    };
    // padded positions 0 ..= len + 1: 0 and len + 1 are the spaces, p in 1..=len is char p - 1
    let padded = len + 2;
    for n in 2..=5usize.min(padded) {
        for i in 0..=(padded - n) {
            let j = i + n;
            let lo = i.max(1) - 1;
            let hi = (j - 1).min(len);
            let mid = if hi > lo { &w[at[lo]..at[hi]] } else { "" };
            let pre = if i == 0 { " " } else { "" };
            let post = if j == padded { " " } else { "" };
            out.put_parts(Some(1), "sc", &[pre, mid, post]);
        }
    }
}

/// The features of the whole sentence, the same for each of its candidates: its words and word
/// pairs (keys and light stems), the letter 2-5-grams of its words, and aggregates: each cue
/// kind and each PLOVER type of its triggers with where it first comes and how often, its first
/// words, a question, a number, and whether FIGHT or ASSAULT triggers are more.
pub(crate) fn sentence_features<S: Sink>(lx: &Lexicons, s: &Sentence, hits: &[Hit], out: &mut S) {
    const W: Option<usize> = Some(0);
    let mut prev: Option<(&str, &str)> = None;
    let mut first: Option<&str> = None;
    let mut nwords = 0usize;
    for t in s.toks {
        let Some(w) = sentence_word(t) else {
            continue;
        };
        let st = light_stem(w);
        out.put_parts(W, "sw", &[w]);
        out.put_parts(W, "ss", &[st]);
        if let Some((pw, ps)) = prev {
            out.put_parts(W, "sb", &[pw, " ", w]);
            out.put_parts(W, "ssb", &[ps, " ", st]);
        }
        if nwords == 0 {
            out.put_parts(None, "sf", &[w]);
            out.put_parts(None, "sfs", &[st]);
            first = Some(w);
        } else if nwords == 1 {
            out.put_parts(None, "sf2", &[first.unwrap_or(""), " ", w]);
        }
        nwords += 1;
        prev = Some((w, st));
        letter_ngrams(w, out);
    }
    // cue kinds: present, first place (word / 5, at most 4), count (at most 3)
    for kind in KINDS {
        let mut count = 0usize;
        let mut at = 0usize;
        for c in s.cues.iter().filter(|c| c.kind == kind) {
            if count == 0 {
                at = c.start;
            }
            count += 1;
        }
        if count > 0 {
            let name = cue_name(kind);
            out.put_parts(None, "sk", &[name]);
            out.put_parts(None, "skf", &[name, DIGITS[(at / 5).min(4)]]);
            out.put_parts(None, "skn", &[name, DIGITS[count.min(3)]]);
        }
    }
    // the PLOVER types of the sentence's triggers, the same way
    let (mut fight, mut assault) = (0, 0);
    for (i, o) in hits.iter().enumerate() {
        if o.cancelled {
            continue;
        }
        let p = lx.triggers[o.def].plover.as_str();
        match p {
            "FIGHT" => fight += 1,
            "ASSAULT" => assault += 1,
            _ => {}
        }
        let same = |x: &Hit| !x.cancelled && lx.triggers[x.def].plover == p;
        if hits[..i].iter().any(same) {
            continue;
        }
        let count = hits[i..].iter().filter(|x| same(x)).count();
        out.put_parts(None, "stp", &[p]);
        out.put_parts(None, "stf", &[p, DIGITS[(o.start / 5).min(4)]]);
        out.put_parts(None, "stn", &[p, DIGITS[count.min(3)]]);
    }
    let fa = match fight.cmp(&assault) {
        std::cmp::Ordering::Greater => "f",
        std::cmp::Ordering::Less => "a",
        std::cmp::Ordering::Equal => "eq",
    };
    out.put_parts(None, "fa", &[fa]);
    if s.question {
        out.put_parts(None, "sq", &["y"]);
    }
    if !s.numbers.is_empty() {
        out.put_parts(None, "sd", &["y"]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn light_stems_drop_proclitics_while_three_letters_remain() {
        assert_eq!(light_stem("والمتظاهرين"), "متظاهرين");
        assert_eq!(light_stem("بالحجاره"), "حجاره");
        assert_eq!(light_stem("وقال"), "قال");
        assert_eq!(light_stem("الي"), "الي");
        assert_eq!(light_stem("ولد"), "ولد");
    }

    #[test]
    fn letter_ngrams_are_those_of_the_padded_word() {
        let mut names = Names::default();
        letter_ngrams("قتل", &mut names);
        let grams: Vec<&str> = names.0.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(
            grams,
            [
                " ق", "قت", "تل", "ل ", " قت", "قتل", "تل ", " قتل", "قتل ", " قتل "
            ]
        );
        assert!(names.0.iter().all(|(t, _)| t == "sc"));
        let mut none = Names::default();
        letter_ngrams("0", &mut none);
        letter_ngrams("«", &mut none);
        assert!(none.0.is_empty());
    }

    #[test]
    fn a_value_in_parts_hashes_as_the_whole() {
        assert_eq!(
            feature_hash_parts(Family::Protest, "sb", &["خرج", " ", "المتظاهرون"]),
            feature_hash(Family::Protest, "sb", "خرج المتظاهرون")
        );
    }
}
