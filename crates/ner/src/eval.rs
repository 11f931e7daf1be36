//! Entity-level scoring, seqeval style (as ../shared/tools/score_ner.py does it): an entity is a
//! maximal run opened by `B-X` (or by an `I-X` that cannot continue) and continued by `I-X`; a
//! predicted entity counts only when its span and type both match a gold one.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::tag::{NerKind, Tag};

/// The entities of a tag sequence: `(start, end, kind)` token ranges, end exclusive.
pub fn entity_spans(tags: &[Tag]) -> Vec<(usize, usize, NerKind)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, NerKind)> = None;
    for (i, &t) in tags.iter().enumerate() {
        let continues = matches!((t, open), (Tag::I(k), Some((_, o))) if k == o);
        if !continues {
            if let Some((s, k)) = open.take() {
                out.push((s, i, k));
            }
            if let Some(k) = t.kind() {
                open = Some((i, k));
            }
        }
    }
    if let Some((s, k)) = open {
        out.push((s, tags.len(), k));
    }
    out
}

/// True and false positives and false negatives of one entity type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

/// Precision, recall and F1, with the number of gold entities.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub gold: usize,
}

impl Counts {
    pub fn prf(&self) -> Prf {
        let (tp, fp, fnn) = (
            self.true_positives as f64,
            self.false_positives as f64,
            self.false_negatives as f64,
        );
        let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
        let r = if tp + fnn > 0.0 { tp / (tp + fnn) } else { 0.0 };
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf {
            precision: p,
            recall: r,
            f1,
            gold: self.true_positives + self.false_negatives,
        }
    }
}

/// Scores accumulated over sentences.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Scores {
    pub per_kind: BTreeMap<NerKind, Counts>,
}

impl Scores {
    /// Adds one sentence's gold and predicted tags (same length).
    pub fn add(&mut self, gold: &[Tag], predicted: &[Tag]) {
        let g: HashSet<_> = entity_spans(gold).into_iter().collect();
        let p: HashSet<_> = entity_spans(predicted).into_iter().collect();
        for e in &p {
            let c = self.per_kind.entry(e.2).or_default();
            if g.contains(e) {
                c.true_positives += 1;
            } else {
                c.false_positives += 1;
            }
        }
        for e in g.difference(&p) {
            self.per_kind.entry(e.2).or_default().false_negatives += 1;
        }
    }

    /// All types pooled.
    pub fn micro(&self) -> Prf {
        let mut all = Counts::default();
        for c in self.per_kind.values() {
            all.true_positives += c.true_positives;
            all.false_positives += c.false_positives;
            all.false_negatives += c.false_negatives;
        }
        all.prf()
    }

    /// One line per type and a micro line, as score_ner.py prints them.
    pub fn table(&self) -> String {
        let mut s = String::new();
        for (k, c) in &self.per_kind {
            let m = c.prf();
            s.push_str(&format!(
                "{:5} P {:.3} R {:.3} F1 {:.3}  (gold {})\n",
                k.as_str(),
                m.precision,
                m.recall,
                m.f1,
                m.gold
            ));
        }
        let m = self.micro();
        s.push_str(&format!(
            "micro P {:.4} R {:.4} F1 {:.4}\n",
            m.precision, m.recall, m.f1
        ));
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use NerKind::*;

    #[test]
    fn spans_like_seqeval() {
        let tags = [
            Tag::B(Pers),
            Tag::I(Pers),
            Tag::O,
            Tag::I(Loc),
            Tag::B(Loc),
            Tag::I(Org),
        ];
        assert_eq!(
            entity_spans(&tags),
            [(0, 2, Pers), (3, 4, Loc), (4, 5, Loc), (5, 6, Org)]
        );
    }

    #[test]
    fn exact_match_only() {
        let mut s = Scores::default();
        s.add(
            &[Tag::B(Pers), Tag::I(Pers), Tag::B(Loc)],
            &[Tag::B(Pers), Tag::O, Tag::B(Loc)],
        );
        let m = s.micro();
        assert_eq!(m.gold, 2);
        assert!((m.precision - 0.5).abs() < 1e-9 && (m.recall - 0.5).abs() < 1e-9);
    }
}
