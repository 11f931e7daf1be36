//! Entity types and IOB2 tags.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The four entity types of ANERcorp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NerKind {
    /// A person.
    Pers,
    /// A place (countries, cities, regions, natural features).
    Loc,
    /// An organization (ministries, parties, companies, armed groups, teams).
    Org,
    /// Any other name (events, products, works, languages, ...).
    Misc,
}

impl NerKind {
    /// Every kind, in the order of [`Tag::index`].
    pub const ALL: [NerKind; 4] = [NerKind::Pers, NerKind::Loc, NerKind::Org, NerKind::Misc];

    /// The CoNLL spelling: `PERS`, `LOC`, `ORG`, `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            NerKind::Pers => "PERS",
            NerKind::Loc => "LOC",
            NerKind::Org => "ORG",
            NerKind::Misc => "MISC",
        }
    }

    fn ordinal(self) -> usize {
        self as usize
    }
}

impl fmt::Display for NerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An IOB2 tag: outside, beginning of an entity, or inside one (continuing the same type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tag {
    O,
    B(NerKind),
    I(NerKind),
}

/// The number of tags (O and B-/I- of four types).
pub const NUM_TAGS: usize = 9;

impl Tag {
    /// Every tag, in index order.
    pub const ALL: [Tag; NUM_TAGS] = [
        Tag::O,
        Tag::B(NerKind::Pers),
        Tag::I(NerKind::Pers),
        Tag::B(NerKind::Loc),
        Tag::I(NerKind::Loc),
        Tag::B(NerKind::Org),
        Tag::I(NerKind::Org),
        Tag::B(NerKind::Misc),
        Tag::I(NerKind::Misc),
    ];

    /// A dense index in `0..NUM_TAGS` (the model's label order).
    pub fn index(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(k) => 1 + 2 * k.ordinal(),
            Tag::I(k) => 2 + 2 * k.ordinal(),
        }
    }

    /// The tag at `index` (see [`Tag::index`]); `O` beyond the range.
    pub fn from_index(index: usize) -> Tag {
        Tag::ALL.get(index).copied().unwrap_or(Tag::O)
    }

    /// The entity type, `None` for `O`.
    pub fn kind(self) -> Option<NerKind> {
        match self {
            Tag::O => None,
            Tag::B(k) | Tag::I(k) => Some(k),
        }
    }

    /// The CoNLL spelling (`O`, `B-PERS`, `I-LOC`, ...).
    pub fn as_str(self) -> &'static str {
        const NAMES: [&str; NUM_TAGS] = [
            "O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC",
        ];
        NAMES[self.index()]
    }

    /// Whether IOB2 allows this tag after `prev` (`None` = start of a sentence): an `I-X` only
    /// continues a `B-X` or an `I-X`.
    pub fn may_follow(self, prev: Option<Tag>) -> bool {
        match self {
            Tag::I(k) => matches!(prev, Some(Tag::B(p) | Tag::I(p)) if p == k),
            _ => true,
        }
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A tag spelling that is not one of the nine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown tag {0:?} (expected O, B-/I-PERS, B-/I-LOC, B-/I-ORG or B-/I-MISC)")]
pub struct UnknownTag(pub String);

impl FromStr for Tag {
    type Err = UnknownTag;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Tag::ALL
            .iter()
            .copied()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| UnknownTag(s.to_string()))
    }
}

/// Whether `tags` is valid IOB2: no `I-X` at the start, after `O` or after another type.
pub fn is_valid_iob2(tags: &[Tag]) -> bool {
    let mut prev = None;
    tags.iter().all(|&t| {
        let ok = t.may_follow(prev);
        prev = Some(t);
        ok
    })
}

/// Turns an `I-X` that cannot continue into a `B-X` (how seqeval and ANERcorp's scorers read
/// such tags); valid sequences are left as they are.
pub fn repair_iob2(tags: &mut [Tag]) {
    let mut prev = None;
    for t in tags.iter_mut() {
        if let Tag::I(k) = *t {
            if !t.may_follow(prev) {
                *t = Tag::B(k);
            }
        }
        prev = Some(*t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_round_trips() {
        for (i, t) in Tag::ALL.iter().enumerate() {
            assert_eq!(t.index(), i);
            assert_eq!(Tag::from_index(i), *t);
            assert_eq!(t.as_str().parse::<Tag>().unwrap(), *t);
        }
        assert!("B-PER".parse::<Tag>().is_err());
    }

    #[test]
    fn iob2_rules() {
        use NerKind::*;
        assert!(is_valid_iob2(&[
            Tag::B(Pers),
            Tag::I(Pers),
            Tag::O,
            Tag::B(Loc)
        ]));
        assert!(!is_valid_iob2(&[Tag::I(Pers)]));
        assert!(!is_valid_iob2(&[Tag::O, Tag::I(Loc)]));
        assert!(!is_valid_iob2(&[Tag::B(Org), Tag::I(Loc)]));
        let mut tags = [Tag::O, Tag::I(Loc), Tag::I(Loc), Tag::B(Org), Tag::I(Pers)];
        repair_iob2(&mut tags);
        assert_eq!(
            tags,
            [Tag::O, Tag::B(Loc), Tag::I(Loc), Tag::B(Org), Tag::B(Pers)]
        );
    }
}
