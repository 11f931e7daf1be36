//! Coding one article: sentence by sentence, triggers checked against their context, the chosen
//! trigger's arguments, then repeated mentions merged into one event each.

use marsad_arabic::{number_value, sentences, tokenize, TimeExpression, TokenKind};
use marsad_core::{
    Actor, Entity, EntityKind, Event, Evidence, LocatedPlace, Place, Plover, Span, Trigger,
};

use crate::arguments::{self, Args};
use crate::data::{Class, CueKind, Lexicons, Scope};
use crate::filter::{features, sentence_features, Family, Names};
use crate::lexicon::{analyze, Match, Tok};
use crate::mentions::{actor_mentions, person_spans, ActorRef, Mention};
use crate::{EventInput, EventOutput, FilterCandidate, PlaceRef};

/// Score a trigger needs to make an event.
const THRESHOLD: f64 = 0.5;

/// A cue found in a sentence: token range and its lexicon index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CueHit {
    pub start: usize,
    pub end: usize,
    pub kind: CueKind,
    pub scope: Scope,
}

/// A trigger found in a sentence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub def: usize,
    pub class: Class,
    pub score: f64,
    pub valid: bool,
    pub cancelled: bool,
}

/// One sentence and what was found in it; token indices are into `toks`.
pub(crate) struct Sentence<'a> {
    pub text: &'a str,
    pub span: Span,
    pub toks: &'a [Tok],
    pub clause: Vec<usize>,
    pub cues: Vec<CueHit>,
    pub mentions: Vec<Mention>,
    pub places: Vec<(usize, &'a PlaceRef)>,
    pub dates: Vec<(usize, &'a TimeExpression)>,
    pub numbers: Vec<(usize, usize, u64)>,
    pub question: bool,
}

impl Sentence<'_> {
    /// The token index at or after byte offset `at`.
    pub fn tok_at(&self, at: usize) -> usize {
        self.toks.partition_point(|t| t.span.end <= at)
    }

    pub fn has_cue(&self, kind: CueKind, from: usize, to: usize) -> bool {
        self.cues
            .iter()
            .any(|c| c.kind == kind && c.start >= from && c.end <= to)
    }

    /// Token range `[start, end)` of the clause of token `i`.
    pub fn clause_range(&self, i: usize) -> (usize, usize) {
        let c = self.clause[i.min(self.clause.len().saturating_sub(1))];
        let start = self.clause.partition_point(|&x| x < c);
        let end = self.clause.partition_point(|&x| x <= c);
        (start, end)
    }
}

fn is_clause_punct(s: &str) -> bool {
    matches!(
        s,
        "،" | ","
            | "؛"
            | ";"
            | ":"
            | "«"
            | "»"
            | "\""
            | "("
            | ")"
            | "["
            | "]"
            | "“"
            | "”"
            | "-"
            | "–"
            | "—"
    )
}

/// Specificity of violent sub-event types: the most specific trigger of a sentence names its event.
fn specificity(sub: &str) -> u8 {
    match sub {
        "Suicide bomb" => 10,
        "Chemical weapon" => 9,
        "Air/drone strike" => 8,
        "Grenade" => 7,
        "Remote explosive/landmine/IED" => 6,
        "Shelling/artillery/missile attack" => 5,
        "Sexual violence" => 4,
        "Abduction/forced disappearance" => 4,
        "Armed clash" => 3,
        "Mob violence" => 2,
        _ => 1,
    }
}

fn is_violent(lx: &Lexicons, h: &Hit) -> bool {
    let d = &lx.triggers[h.def];
    h.class != Class::Territory
        && (matches!(
            d.event_type.as_str(),
            "Battles" | "Explosions/Remote violence" | "Violence against civilians"
        ) || d.sub_event_type == "Mob violence")
}

fn is_protest(lx: &Lexicons, h: &Hit) -> bool {
    let d = &lx.triggers[h.def];
    matches!(d.event_type.as_str(), "Protests" | "Riots") && d.sub_event_type != "Mob violence"
}

/// A coded mention before merging.
struct Candidate {
    event: Event,
    actor_ids: Vec<String>,
    /// Its place is named in its sentence (not the dateline's or an earlier sentence's).
    own_place: bool,
    /// Its date is said in its sentence (not the report's day by convention).
    own_date: bool,
    /// Its trigger is said to be another one («غارة أخرى», «هجوم جديد»).
    another: bool,
    /// Its sentence gives a toll as an update («ارتفعت حصيلة القتلى إلى», «ارتفاع الحصيلة»).
    update: bool,
}

/// Calls `f` with every sentence of the article, analysed.
fn each_sentence(lx: &Lexicons, input: &EventInput, mut f: impl FnMut(&Sentence)) {
    let text = input.text;
    let own_sentences;
    let sentence_spans: &[Span] = if input.sentences.is_empty() {
        own_sentences = sentences(text);
        &own_sentences
    } else {
        input.sentences
    };
    let tokens = tokenize(text);
    let all = analyze(text, &tokens, Some(&lx.starts));
    let mut from = 0;
    for &span in sentence_spans {
        if span.get(text).is_none() {
            continue;
        }
        while from < all.len() && all[from].span.end <= span.start {
            from += 1;
        }
        let mut to = from;
        while to < all.len() && all[to].span.start < span.end {
            to += 1;
        }
        let toks = &all[from..to];
        f(&analyse_sentence(lx, input, span, toks));
        from = to;
    }
}

pub(crate) fn code(lx: &Lexicons, input: &EventInput) -> EventOutput {
    let text = input.text;
    let mut out = EventOutput::default();
    let mut candidates: Vec<Candidate> = Vec::new();
    // an event dated after the report is one planned or expected («لقاء مرتقب … الأربعاء
    // المقبل»): ACLED codes what happened
    let published = input.published.map(|d| d.format("%Y-%m-%d").to_string());
    let happened = |c: &Candidate| published.as_ref().is_none_or(|p| c.event.date <= *p);
    each_sentence(lx, input, |sentence| {
        entities_of(lx, input, sentence, &mut out.entities);
        candidates.extend(events_of(lx, input, sentence).into_iter().filter(happened));
    });
    for &p in input.persons {
        if p.get(text).is_some()
            && !out
                .entities
                .iter()
                .any(|e| e.kind == EntityKind::Person && e.span.overlaps(p))
        {
            let mut e = Entity::new(EntityKind::Person, text, p);
            e.source = Some("ner".into());
            out.entities.push(e);
        }
    }
    out.entities.sort_by_key(|e| (e.span.start, e.span.end));
    out.events = merge(candidates);
    out
}

/// The family of the learned filter that judges `h`, if any: ASSAULT triggers and protest
/// triggers; battles and the other kinds stay with the rules.
fn family(lx: &Lexicons, h: &Hit) -> Option<Family> {
    if is_protest(lx, h) {
        Some(Family::Protest)
    } else if is_violent(lx, h) && lx.triggers[h.def].plover == "ASSAULT" {
        Some(Family::Assault)
    } else {
        None
    }
}

/// «مسيّرة تركية» is a drone, not a march: no protest word inside a forces mention, nor right
/// after an aircraft noun («طائرات مسيرة»).
fn in_forces(lx: &Lexicons, s: &Sentence, h: &Hit) -> bool {
    let mut buf = Vec::new();
    let after_aircraft = (h.start.saturating_sub(2)..h.start).any(|i| {
        arguments::military_noun_at(lx, s, i, &mut buf)
            .is_some_and(|(m, n)| m.end == h.start && n.air)
    });
    after_aircraft
        || s.mentions
            .iter()
            .any(|m| matches!(m.actor, ActorRef::Known(_)) && m.start < h.end && h.start < m.end)
}

/// The learned filter judges the candidates of its families the rules accepted: its probability
/// becomes the candidate's score (the event's confidence); on an undated text it removes a
/// candidate below its threshold (it never adds one).
///
/// It learned from lone undated sentences of one outlet (2007-2009) whose label is "yes" only
/// when every annotator said yes. In a dated article it does not remove: there, of 30 candidates
/// it would have removed on news-dev (drawn at random from 555), 20 reported a real event (a
/// strike, a killing, an assassination, its toll), 8 were rightly doubted (history, a running
/// total, a denial) and 2 were unclear; the score still says how much it doubts them, and
/// keeping events of confidence >= the threshold gives its removals back. A candidate whose
/// clause carries a resolved time expression keeps the rules' score: the filter never saw a date
/// resolved against a publication day (a dated happening; `background` tells an old one).
fn apply_filter(lx: &Lexicons, input: &EventInput, s: &Sentence, hits: &mut [Hit]) {
    let removes = input.published.is_none();
    let judged: Vec<(usize, f32, f32)> = hits
        .iter()
        .enumerate()
        .filter(|(_, h)| h.valid && !(input.published.is_some() && dated_clause(s, h)))
        .filter_map(|(i, h)| {
            let fam = family(lx, h)?;
            let t = lx.filter.threshold(fam)?;
            Some((i, lx.filter.probability(lx, s, hits, h, fam), t))
        })
        .collect();
    for (i, p, t) in judged {
        hits[i].score = p as f64;
        hits[i].valid = !removes || p >= t;
        debug_assert!(!hits[i].cancelled);
    }
}

/// True when a time expression lies in the clause of `h`.
fn dated_clause(s: &Sentence, h: &Hit) -> bool {
    let (cs, ce) = s.clause_range(h.start);
    s.dates.iter().any(|&(i, _)| cs <= i && i < ce)
}

/// The candidates the learned filter judges, with their features by name (for training).
pub(crate) fn filter_candidates(lx: &Lexicons, input: &EventInput) -> Vec<FilterCandidate> {
    let mut out = Vec::new();
    each_sentence(lx, input, |s| {
        let hits = triggers_of(lx, s);
        for h in hits.iter().filter(|h| h.valid) {
            let Some(fam) = family(lx, h) else { continue };
            if fam == Family::Protest && in_forces(lx, s, h) {
                continue;
            }
            let mut names = Names::default();
            features(lx, s, &hits, h, &mut names);
            sentence_features(lx, s, &hits, &mut names);
            out.push(FilterCandidate {
                family: fam.name(),
                sentence: s.span,
                trigger: Span::new(s.toks[h.start].span.start, s.toks[h.end - 1].span.end),
                rule_valid: h.valid,
                probability: lx
                    .filter
                    .threshold(fam)
                    .map(|t| (lx.filter.probability(lx, s, &hits, h, fam), t)),
                features: names.0,
            });
        }
    });
    out
}

fn analyse_sentence<'a>(
    lx: &Lexicons,
    input: &EventInput<'a>,
    span: Span,
    toks: &'a [Tok],
) -> Sentence<'a> {
    let text = input.text;
    let cues: Vec<CueHit> = lx
        .cue_set
        .find_all(toks, 0, toks.len())
        .into_iter()
        .map(|m| CueHit {
            start: m.start,
            end: m.end,
            kind: lx.cues[m.value].kind,
            scope: lx.cues[m.value].scope,
        })
        .collect();
    // clauses: punctuation and boundary words start a new one
    let mut clause = Vec::with_capacity(toks.len());
    let mut c = 0;
    for (i, t) in toks.iter().enumerate() {
        let boundary_word = cues
            .iter()
            .any(|h| h.kind == CueKind::Boundary && h.start == i);
        if (t.kind == TokenKind::Punct && is_clause_punct(t.span.slice(text))) || boundary_word {
            c += 1;
        }
        clause.push(c);
    }
    let mut s = Sentence {
        text,
        span,
        toks,
        clause,
        cues,
        mentions: actor_mentions(lx, toks),
        places: Vec::new(),
        dates: Vec::new(),
        numbers: Vec::new(),
        question: span.slice(text).contains(['؟', '?']),
    };
    s.places = input
        .places
        .iter()
        .filter(|p| span.contains(p.span))
        .map(|p| (s.tok_at(p.span.start), p))
        .collect();
    s.dates = input
        .dates
        .iter()
        .filter(|d| span.contains(d.span))
        .map(|d| (s.tok_at(d.span.start), d))
        .collect();
    // numbers: the Arabic layer's, else digits and count words
    for n in input.numbers.iter().filter(|n| span.contains(n.span)) {
        let a = s.tok_at(n.span.start);
        let b = s.tok_at(n.span.end.saturating_sub(1)) + 1;
        s.numbers.push((a, b.max(a + 1), n.value));
    }
    let covered =
        |i: usize, nums: &[(usize, usize, u64)]| nums.iter().any(|&(a, b, _)| a <= i && i < b);
    for (i, t) in toks.iter().enumerate() {
        if t.kind == TokenKind::Number && !covered(i, &s.numbers) {
            if let Some(v) = number_value(t.span.slice(text)) {
                s.numbers.push((i, i + 1, v));
            }
        }
    }
    // a count noun right after a number is the counted noun («12 مدنياً»), not a second count
    for m in lx.count_set.find_all(toks, 0, toks.len()) {
        let counted = m.start > 0 && covered(m.start - 1, &s.numbers);
        // «عدد من القتلى» is a few; «ليرتفع العدد إلى 46», «عدد القتلى» count nobody
        let some_of = || {
            toks[m.end..toks.len().min(m.end + 2)]
                .iter()
                .any(|t| matches!(t.key(), "من" | "منهم" | "منهن" | "منها"))
        };
        let vague = matches!(
            toks[m.start].key().trim_start_matches('و'),
            "عدد" | "عددا" | "العدد"
        );
        if !covered(m.start, &s.numbers) && !counted && (!vague || some_of()) {
            s.numbers.push((m.start, m.end, lx.counts[m.value] as u64));
        }
    }
    s.numbers.sort_unstable();
    s
}

fn entities_of(lx: &Lexicons, input: &EventInput, s: &Sentence, out: &mut Vec<Entity>) {
    let country = arguments::context_country(s, input, None);
    for m in &s.mentions {
        let span = Span::new(s.toks[m.start].span.start, s.toks[m.end - 1].span.end);
        let Some(actor) = arguments::resolve(lx, &m.actor, country.as_deref()) else {
            continue;
        };
        let kind = if matches!(actor.inter, 6 | 8) && matches!(m.actor, ActorRef::Known(_)) {
            EntityKind::Organization
        } else {
            EntityKind::Actor
        };
        let mut e = Entity::new(kind, input.text, span);
        e.source = Some(
            match m.actor {
                ActorRef::Known(_) => "lexicon",
                ActorRef::Generic { .. } => "rules",
            }
            .into(),
        );
        e.actor = Some(actor);
        out.push(e);
    }
    for p in person_spans(lx, s.toks, input.text) {
        let mut e = Entity::new(EntityKind::Person, input.text, p);
        e.source = Some("rules".into());
        out.push(e);
    }
}

/// Every trigger of the sentence with its score and validity.
fn triggers_of(lx: &Lexicons, s: &Sentence) -> Vec<Hit> {
    let mut hits: Vec<Hit> = Vec::new();
    let named: Vec<(usize, usize)> = s
        .mentions
        .iter()
        .filter(|m| m.named && m.end - m.start > 1)
        .map(|m| (m.start, m.end))
        .collect();
    let has_time = !s.dates.is_empty() || s.has_cue(CueKind::Time, 0, s.toks.len());
    // «ويرتفع عدد القتلى الذين سقطوا برصاص الجيش منذ بدء الاحتجاجات إلى 53»: a running total
    let total_rises = s.toks.windows(3).any(|w| {
        arguments::rise_verb(&w[0])
            && w[1..].iter().any(|t| {
                let k = t.key();
                k == "عدد" || k.starts_with("حصيل") || k.starts_with("الحصيل")
            })
    });
    for m in lx.trigger_set.find_all(s.toks, 0, s.toks.len()) {
        // a word inside an actor's name («كتائب شهداء الأقصى») is no trigger
        if named.iter().any(|&(a, b)| a <= m.start && m.end <= b) {
            continue;
        }
        let def = &lx.triggers[m.value];
        let mut class = def.class;
        if m.prep && matches!(class, Class::Verb | Class::Death) {
            class = if class == Class::Verb {
                Class::Noun
            } else {
                Class::DeathNoun
            };
        }
        // a verb after a relative pronoun describes the noun before it
        let relative = s
            .cues
            .iter()
            .any(|c| c.kind == CueKind::Relative && c.end == m.start);
        if relative {
            let head_is_trigger = hits.iter().any(|h| h.end < m.start && m.start - h.end <= 3);
            if head_is_trigger {
                continue;
            }
            if class == Class::Verb {
                class = Class::Noun;
            }
        }
        let (cs, ce) = s.clause_range(m.start);
        // «للاتفاق على» (to agree on), «بالاتفاق» (by the agreement): the definite agreement
        // word behind a preposition is a purpose or a reference, not an agreement reached
        // («توصلت لاتفاق», reached one, is)
        let agreement_behind_preposition = m.prep && def.plover == "AGREE" && {
            let k = s.toks[m.start].key().trim_start_matches(['و', 'ف']);
            k.starts_with("لل") || k.starts_with("بال")
        };
        let mut cancel = s.question
            || verbal_attack(lx, s, &m, &def.pattern)
            || agreement_behind_preposition
            || (class == Class::Territory && control_held(s, m.start));
        // «قتل 40 فلسطينيا برصاص القوات … منذ أن بدأت الاحتجاجات»: the means of a killing said
        // before it in its clause is that killing's, a running total too in a summary
        let by = m.prep
            || s.toks[m.start]
                .key()
                .trim_start_matches('و')
                .starts_with('ب');
        let means_of_killing = by
            && hits.iter().any(|h| {
                matches!(h.class, Class::Death | Class::DeathNoun)
                    && h.start >= cs
                    && h.end <= m.start
            });
        let mut penalty: f64 = 0.0;
        for c in &s.cues {
            let before = c.end <= m.start;
            let in_clause = c.start >= cs && c.end <= ce;
            let overlaps = c.start < m.end && m.start < c.end;
            let near = |n: usize| before && in_clause && m.start - c.end < n;
            // the words after a cue within which a trigger is a reference to an earlier event
            let reference_within = match (c.kind, c.scope) {
                (CueKind::Reference, Scope::Before(n)) => Some(n),
                (CueKind::Summary, _) => Some(SUMMARY_REFERENCE_WORDS),
                _ => None,
            };
            match (c.kind, c.scope) {
                (CueKind::Negation | CueKind::Intent | CueKind::Conditional, Scope::Before(n))
                    if near(n) =>
                {
                    cancel = true
                }
                (CueKind::Conditional, Scope::Clause | Scope::Sentence) if before => cancel = true,
                (CueKind::Negation | CueKind::Intent, Scope::Clause | Scope::Sentence)
                    if before && in_clause =>
                {
                    cancel = true
                }
                (CueKind::Habitual, _) if in_clause && !overlaps => penalty += 0.3,
                _ if reference_within.is_some_and(near) => {
                    penalty += if class == Class::Verb { 0.15 } else { 0.3 }
                }
                (CueKind::Summary, _) if matches!(class, Class::Death | Class::DeathNoun) => {
                    cancel = true
                }
                // the total since a start of the ones killed by some means counts no one event
                (CueKind::Summary, _)
                    if class == Class::Noun && (total_rises || means_of_killing) =>
                {
                    cancel = true
                }
                _ => {}
            }
        }
        let habitual_with_time =
            s.dates.iter().any(|&(i, _)| cs <= i && i < ce) || s.has_cue(CueKind::Time, cs, ce);
        if habitual_with_time {
            penalty = penalty.min(0.3);
        }
        let base = match class {
            Class::Verb | Class::Death => 0.6,
            Class::Territory => 0.45,
            Class::Noun | Class::DeathNoun => 0.3,
        };
        let outside = |c: &CueHit| c.end <= m.start || c.start >= m.end;
        let mut support = 0.0;
        if habitual_with_time {
            support += 0.2;
        } else if has_time {
            support += 0.1;
        }
        // a definite or plural masdar alone is often the name of a kind of act, not a report
        if class == Class::Noun {
            let first = &s.toks[m.start];
            if first.key().starts_with("ال") || first.key().starts_with("وال") {
                support -= 0.1;
            }
        }
        if s.cues
            .iter()
            .any(|c| matches!(c.kind, CueKind::Toll | CueKind::Injury) && outside(c))
        {
            support += 0.15;
        }
        if s.cues
            .iter()
            .any(|c| c.kind == CueKind::Eventive && outside(c))
        {
            support += 0.1;
        }
        if s.mentions.iter().any(|a| a.start >= cs && a.end <= ce) {
            support += 0.05;
        }
        if !s.numbers.is_empty() {
            support += 0.05;
        }
        let score = base + support - penalty;
        hits.push(Hit {
            start: m.start,
            end: m.end,
            def: m.value,
            class,
            score,
            valid: !cancel && score >= THRESHOLD,
            cancelled: cancel,
        });
    }
    hits
}

/// A trigger this many words after a summary cue («منذ بدء الهجوم») is a reference to it, as
/// after «منذ» (its `before:3` in cues.tsv).
const SUMMARY_REFERENCE_WORDS: usize = 3;

fn events_of(lx: &Lexicons, input: &EventInput, s: &Sentence) -> Vec<Candidate> {
    let mut hits = triggers_of(lx, s);
    apply_filter(lx, input, s, &mut hits);
    let mut out = Vec::new();
    let valid: Vec<&Hit> = hits.iter().filter(|h| h.valid).collect();
    let fatalities = arguments::fatalities(lx, s, &hits);
    let protest = valid
        .iter()
        .filter(|h| is_protest(lx, h) && !in_forces(lx, s, h))
        .max_by(|a, b| {
            protest_rank(lx, a)
                .cmp(&protest_rank(lx, b))
                .then(a.score.total_cmp(&b.score))
        })
        .copied();
    // a defused or seized weapon is not an explosion
    let disrupted: Vec<usize> = valid
        .iter()
        .filter(|h| lx.triggers[h.def].sub_event_type == "Disrupted weapons use")
        .map(|h| s.clause[h.start])
        .collect();
    let violent_ok = |h: &&Hit| {
        is_violent(lx, h)
            && !(lx.triggers[h.def].event_type == "Explosions/Remote violence"
                && disrupted.contains(&s.clause[h.start]))
    };
    // the event is there when one violent trigger is valid; its type is the most specific
    // violent trigger of the sentence that no cue cancels
    // the event is there when one violent trigger is valid; its type is the most specific valid
    // one, or a more specific trigger of the same clause that no cue cancels
    let by_specificity = |a: &&Hit, b: &&Hit| {
        let (da, db) = (&lx.triggers[a.def], &lx.triggers[b.def]);
        specificity(&da.sub_event_type)
            .cmp(&specificity(&db.sub_event_type))
            .then(b.start.cmp(&a.start))
    };
    // damage done by a strike is the strike: «غارة إسرائيلية دمرت مركزا» is an air strike, not
    // property destruction, even when the filter doubted the strike's noun on its own
    let destruction = |h: &Hit| lx.triggers[h.def].sub_event_type == "Looting/property destruction";
    let destroyed_by = valid.iter().filter(|h| destruction(h)).find_map(|d| {
        hits.iter()
            .filter(|h| !h.cancelled && s.clause[h.start] == s.clause[d.start])
            .filter(|h| lx.triggers[h.def].event_type == "Explosions/Remote violence")
            .filter(violent_ok)
            .max_by(by_specificity)
    });
    let violent = valid
        .iter()
        .copied()
        .filter(violent_ok)
        .max_by(by_specificity)
        .or(destroyed_by)
        .map(|v| {
            // a word of killing joins the sentence's more specific event wherever it is said
            // («مقتل القيادي …، خلال غارة»); other triggers only their own clause's
            let killing = matches!(v.class, Class::Death | Class::DeathNoun);
            hits.iter()
                .filter(|h| !h.cancelled && (killing || s.clause[h.start] == s.clause[v.start]))
                .filter(violent_ok)
                .max_by(by_specificity)
                .filter(|h| by_specificity(h, &v).is_gt())
                .unwrap_or(v)
        });
    let deaths = valid
        .iter()
        .any(|h| matches!(h.class, Class::Death | Class::DeathNoun));
    if let Some(p) = protest {
        let d = &lx.triggers[p.def];
        let killing_of_protesters = violent
            .map(|v| specificity(&lx.triggers[v.def].sub_event_type) <= 1)
            .unwrap_or(false)
            && deaths;
        let (sub, disorder) = if killing_of_protesters {
            (
                "Excessive force against protesters",
                "Political violence; Demonstrations",
            )
        } else {
            (d.sub_event_type.as_str(), d.disorder_type.as_str())
        };
        let args = arguments::arguments(lx, input, s, p, sub);
        out.push(candidate(
            lx,
            s,
            p,
            &d.event_type,
            sub,
            disorder,
            args,
            fatalities.filter(|_| killing_of_protesters),
        ));
        if killing_of_protesters {
            return out;
        }
    }
    if let Some(v) = violent {
        let d = &lx.triggers[v.def];
        let mut sub = d.sub_event_type.clone();
        let mut event_type = d.event_type.clone();
        let mut mode = d.mode.clone();
        let mut disorder = d.disorder_type.clone();
        // shelling, or an attack said in general words («هجمات», «ضربة», a death word), carried
        // out by aircraft named in the same clause («هجمات جوية روسية», «قتلوا في غارات») is
        // an air strike in ACLED's taxonomy, whoever the victims are; a protest in the sentence
        // keeps «مسيرة» (march) from being read as a drone
        let generic_attack = sub == "Attack" && protest.is_none();
        if (sub == "Shelling/artillery/missile attack" || generic_attack)
            && arguments::air_nearby(lx, s, v)
        {
            sub = "Air/drone strike".into();
            event_type = "Explosions/Remote violence".into();
            mode = Some("aerial".into());
        } else if generic_attack && arguments::shells_nearby(lx, s, v) {
            // the same for an attack by rockets, missiles or guns named in its clause
            sub = "Shelling/artillery/missile attack".into();
            event_type = "Explosions/Remote violence".into();
            mode = Some("shelling".into());
        }
        let args = arguments::arguments(lx, input, s, v, &sub);
        // ACLED's violence against civilians is violence against the unarmed: an attack whose
        // target is an armed actor (state forces, rebels, militias; inter 1-4) is a battle
        // (unidentified gunmen are the doers of news reports, not their targets: they do not
        // turn an attack into a battle)
        // (its object after the trigger: the killed named before it say less of how they died)
        let armed_target = !args.actor2_before
            && args.actor2.as_ref().is_some_and(|a| {
                (1..=4).contains(&a.inter) && !a.name.starts_with("Unidentified Armed Group")
            });
        if sub == "Attack" && armed_target {
            sub = "Armed clash".into();
            event_type = "Battles".into();
            disorder = "Political violence".into();
        }
        let score = valid
            .iter()
            .filter(|h| is_violent(lx, h))
            .map(|h| h.score)
            .fold(v.score, f64::max);
        let v = &Hit { score, ..*v };
        let mut c = candidate(lx, s, v, &event_type, &sub, &disorder, args, fatalities);
        c.event.plover.mode = mode;
        out.push(c);
    }
    let mut seen_subs: Vec<&str> = Vec::new();
    for h in valid
        .iter()
        .filter(|h| !is_violent(lx, h) && !is_protest(lx, h))
        .filter(|h| !(destruction(h) && destroyed_by.is_some()))
        // a word of control inside an actor's name is the name: «مدفعية الاحتلال» is Israel's
        // artillery, not an occupation
        .filter(|h| !(h.class == Class::Territory && in_forces(lx, s, h)))
    {
        let d = &lx.triggers[h.def];
        // one event of a kind per sentence: the first mention
        if seen_subs.contains(&d.sub_event_type.as_str()) {
            continue;
        }
        seen_subs.push(&d.sub_event_type);
        let mut sub = d.sub_event_type.clone();
        // what air defences destroy is an incoming missile or drone: «دمرت الدفاعات الجوية
        // صاروخا باليستيا» is an interception, not property destruction
        let intercepted = destruction(h) && air_defence(s, h);
        if intercepted {
            sub = "Disrupted weapons use".into();
        }
        let args = arguments::arguments(lx, input, s, h, &sub);
        if h.class == Class::Territory {
            match &args.actor1 {
                Some(a) if a.inter == 1 => sub = "Government regains territory".into(),
                Some(_) => {}
                None => continue,
            }
        }
        let (event_type, disorder) = if intercepted {
            ("Strategic developments", "Strategic developments")
        } else {
            (d.event_type.as_str(), d.disorder_type.as_str())
        };
        let mut c = candidate(lx, s, h, event_type, &sub, disorder, args, None);
        if intercepted {
            c.event.plover = Plover {
                event: "COERCE".into(),
                mode: Some("seize".into()),
            };
        }
        out.push(c);
    }
    out
}

/// Air defences («الدفاع الجوي», «الدفاعات الجوية», «دفاعات») named in the trigger's clause
/// (not «وزارة الدفاع»).
fn air_defence(s: &Sentence, h: &Hit) -> bool {
    let (cs, ce) = s.clause_range(h.start);
    let stem = |i: usize| {
        let k = s.toks[i].key().trim_start_matches(['و', 'ف', 'ب', 'ل']);
        k.strip_prefix("ال").unwrap_or(k)
    };
    (cs..ce).any(|i| {
        stem(i).starts_with("دفاعات")
            || (stem(i).starts_with("دفاع") && i + 1 < ce && stem(i + 1).starts_with("جوي"))
    })
}

/// «المدينة الخاضعة لسيطرة القوات», «مناطق سيطرة النظام», «تحت سيطرة»: who holds ground, not
/// its taking (a word of becoming before «تحت» reports one: «باتت تحت سيطرة», «سقطت تحت سيطرة»).
fn control_held(s: &Sentence, at: usize) -> bool {
    if at == 0 {
        return false;
    }
    // the word behind «و», «ف», a preposition and the article: «لمناطق», «للخاضعة», «وتحت»
    let bare = |i: usize| -> [&str; 2] {
        let k = s.toks[i].key().trim_start_matches(['و', 'ف']);
        let k = k
            .strip_prefix("لل")
            .or_else(|| k.strip_prefix("ال"))
            .unwrap_or(k);
        let behind = k
            .strip_prefix(['ل', 'ب'])
            .map(|r| r.strip_prefix("ال").unwrap_or(r))
            .unwrap_or(k);
        [k, behind]
    };
    let held = |w: &str| {
        matches!(
            w,
            "خاضعه" | "خاضع" | "خاضعين" | "خاضعتين" | "مناطق" | "منطقه" | "نفوذ"
        )
    };
    let [k, behind] = bare(at - 1);
    if held(k) || held(behind) {
        return true;
    }
    k == "تحت"
        && !(at >= 2 && {
            // «باتت», «لتصبح», «ستصبح», «سقطت»
            let k = s.toks[at - 2]
                .key()
                .trim_start_matches(['و', 'ف', 'ل', 'س']);
            [
                "بات", "اصبح", "تصبح", "يصبح", "صار", "وقع", "سقط", "دخل", "عاد",
            ]
            .iter()
            .any(|w| k.starts_with(w))
        })
}

/// «هاجم الرئيس …», «شن الوزير هجوماً على …»: an attack by a person named by a title is in
/// words, not arms.
fn verbal_attack(lx: &Lexicons, s: &Sentence, m: &Match, pattern: &str) -> bool {
    let mut buf = Vec::new();
    let title_at = |i: usize, buf: &mut Vec<usize>| {
        i < s.toks.len() && lx.title_set.longest_at(s.toks, i, buf).is_some()
    };
    if pattern.starts_with("هاجم") {
        return title_at(m.end, &mut buf);
    }
    if matches!(pattern, "هجوم" | "هجوما") {
        return (m.start.saturating_sub(4)..m.start)
            .any(|k| matches!(s.toks[k].key(), "شن" | "وشن" | "فشن") && title_at(k + 1, &mut buf));
    }
    false
}

fn protest_rank(lx: &Lexicons, h: &Hit) -> u8 {
    match lx.triggers[h.def].sub_event_type.as_str() {
        "Protest with intervention" => 3,
        "Violent demonstration" => 2,
        _ => 1,
    }
}

#[allow(clippy::too_many_arguments)]
fn candidate(
    lx: &Lexicons,
    s: &Sentence,
    h: &Hit,
    event_type: &str,
    sub: &str,
    disorder: &str,
    args: Args,
    fatalities: Option<u32>,
) -> Candidate {
    let d = &lx.triggers[h.def];
    let tspan = Span::new(s.toks[h.start].span.start, s.toks[h.end - 1].span.end);
    let actor_ids = [&args.actor1, &args.actor2]
        .iter()
        .filter_map(|a| a.as_ref().map(|a| a.id.clone()))
        .collect();
    let own_place = args.location.as_ref().is_some_and(|l| {
        s.places
            .iter()
            .any(|(_, p)| p.place.geonameid == l.place.geonameid && p.place.name == l.place.name)
    });
    let own_date = args.own_date;
    let another = s.toks[h.end..(h.end + 2).min(s.toks.len())]
        .iter()
        .any(|t| {
            matches!(
                t.key(),
                "اخري"
                    | "اخر"
                    | "اخرين"
                    | "جديد"
                    | "جديده"
                    | "ثان"
                    | "ثاني"
                    | "ثانيه"
                    | "مماثل"
                    | "مماثله"
            )
        });
    let update = s.toks.iter().any(|t| {
        let k = t.key().trim_start_matches(['و', 'ف', 'ل', 'ب']);
        // (and the rise's masdar, and «بحصيلة»)
        arguments::total_word(t)
            || k.starts_with("ارتفاع")
            || k.starts_with("حصيل")
            || k.starts_with("الحصيل")
    });
    Candidate {
        event: Event {
            event_type: event_type.to_string(),
            sub_event_type: sub.to_string(),
            disorder_type: disorder.to_string(),
            plover: Plover {
                event: d.plover.clone(),
                mode: d.mode.clone(),
            },
            actor1: args.actor1,
            assoc_actor_1: args.assoc1,
            actor2: args.actor2,
            assoc_actor_2: args.assoc2,
            date: args.date,
            time_precision: args.time_precision,
            location: args.location,
            fatalities,
            background: args.background,
            evidence: Evidence {
                sentence: s.span.slice(s.text).to_string(),
                span: s.span,
                trigger: Trigger {
                    text: tspan.slice(s.text).to_string(),
                    span: tspan,
                },
            },
            confidence: h.score.clamp(0.0, 0.99),
        },
        actor_ids,
        own_place,
        own_date,
        another,
        update,
    }
}

fn compatible(a: &Option<Actor>, b: &Option<Actor>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x.id == y.id,
        _ => true,
    }
}

/// `outer` holds `inner`: its province (admin1) or its country, named as such.
fn holds(outer: &Place, inner: &Place) -> bool {
    outer.country == inner.country
        && outer.name != inner.name
        && (outer.feature.starts_with("PCL")
            || (outer.feature == "ADM1" && inner.admin1.as_ref() == Some(&outer.name)))
}

/// The same place, or one of the two holds the other (a mention of the event by its province
/// or country: «في ديالى» after «في الخالص»).
fn same_area(a: &Option<LocatedPlace>, b: &Option<LocatedPlace>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => {
            x.place.name == y.place.name || holds(&x.place, &y.place) || holds(&y.place, &x.place)
        }
        (None, None) => true,
        _ => false,
    }
}

/// `named`, a mention's own place, may be where an event placed only by the article
/// (`guessed`: the dateline's place, or the last one named before its sentence) happened: one
/// of the same province, or of the same country when either is the country. A guess elsewhere
/// is a sign of another event (the article had moved on: «قتل مدنيان بغارات» after a paragraph
/// on another province).
fn placeable(named: &Option<LocatedPlace>, guessed: &Option<LocatedPlace>) -> bool {
    match (named, guessed) {
        (Some(n), Some(g)) => {
            n.place.country == g.place.country
                && (n.place.feature.starts_with("PCL")
                    || g.place.feature.starts_with("PCL")
                    || n.place.admin1 == g.place.admin1)
        }
        _ => true,
    }
}

/// One event per distinct (sub-event type, actors, place, date): a later mention with compatible
/// actors (the same, or unknown on one side, or sharing one for meetings and agreements) joins
/// the first; it keeps the first evidence and the highest confidence, and a later toll replaces
/// an earlier one. A mention placed only by the province or country of the other's place is the
/// same event; the merged event keeps the more precise place and that place's toll.
///
/// A mention that names no place of its own (its place is the dateline's or an earlier
/// sentence's) joins an event placed in the same province (or country, when either is one), and
/// one that says no time of its own (dated by the report's day) joins an event of the last seven
/// days: «وقع الانفجار مساء السبت» after «انفجار سيارة مفخخة في مصياف» is the same blast, and the
/// merged event keeps the place and the day that some mention said. A mention said to be another
/// («غارة أخرى») stays apart, and the toll of a mention joined so loosely replaces the event's
/// only when it says it is an update.
fn merge(candidates: Vec<Candidate>) -> Vec<Event> {
    let mut out: Vec<Candidate> = Vec::new();
    for c in candidates {
        let e = &c.event;
        let actors = |o: &Candidate| {
            let f = &o.event;
            (compatible(&f.actor1, &e.actor1) && compatible(&f.actor2, &e.actor2))
                || (matches!(e.plover.event.as_str(), "CONSULT" | "AGREE")
                    && o.actor_ids.iter().any(|id| c.actor_ids.contains(id)))
        };
        let strict = |o: &Candidate| {
            let f = &o.event;
            f.date == e.date && same_area(&f.location, &e.location)
        };
        // a mention without a place or a time of its own, on one side, fills them from the
        // other (neither said to be another one: «غارة أخرى»)
        let loose = |o: &Candidate| {
            let f = &o.event;
            !c.another
                && (f.date == e.date
                    || ((!o.own_date || !c.own_date) && f.background == e.background))
                && (same_area(&f.location, &e.location)
                    || (!o.own_place && placeable(&e.location, &f.location))
                    || (!c.own_place && placeable(&f.location, &e.location)))
        };
        let found = out
            .iter_mut()
            .filter(|o| o.event.sub_event_type == e.sub_event_type && actors(o))
            .find(|o| strict(o) || loose(o));
        match found {
            Some(o) => {
                let exact = strict(o);
                let f = &mut o.event;
                f.confidence = f.confidence.max(e.confidence);
                // a mention by the province or country only (a summary, as often as not) does
                // not replace the toll of a mention at the place itself
                let coarser = match (&f.location, &e.location) {
                    (Some(a), Some(b)) => holds(&b.place, &a.place),
                    _ => false,
                };
                // a mention joined only for want of its own place or day replaces a toll when
                // it says it is an update; otherwise it only gives one where there was none
                // («قتل 500 خلال الأيام الستة الماضية» after the day's toll is a sum)
                let replaces = exact || c.update || f.fatalities.is_none();
                if e.fatalities.is_some() && !coarser && replaces {
                    f.fatalities = e.fatalities;
                }
                // (never one actor on both sides: a mention's doer may be the other's hit)
                if f.actor1.is_none() && e.actor1 != f.actor2 {
                    f.actor1 = e.actor1.clone();
                }
                if f.actor2.is_none() && e.actor2 != f.actor1 {
                    f.actor2 = e.actor2.clone();
                }
                if let (Some(a), Some(b)) = (&f.location, &e.location) {
                    if holds(&a.place, &b.place) {
                        f.location = e.location.clone();
                    }
                }
                if !o.own_place && c.own_place {
                    // a mention by the country of the place taken from the article keeps it
                    let coarser = match (&f.location, &e.location) {
                        (Some(a), Some(b)) => holds(&b.place, &a.place),
                        _ => false,
                    };
                    if !coarser {
                        f.location = e.location.clone();
                    }
                    o.own_place = true;
                }
                if !o.own_date && c.own_date {
                    f.date = e.date.clone();
                    f.time_precision = e.time_precision;
                    f.background = e.background;
                    o.own_date = true;
                }
                for id in &c.actor_ids {
                    if !o.actor_ids.contains(id) {
                        o.actor_ids.push(id.clone());
                    }
                }
            }
            None => out.push(c),
        }
    }
    out.into_iter().map(|c| c.event).collect()
}
