use serde::{Deserialize, Serialize};

use crate::{Actor, Place, Span};

/// What an entity names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Place,
    Actor,
    Person,
    Organization,
    Date,
    Number,
}

/// A mention in `article.text` with what it resolves to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub kind: EntityKind,
    /// The surface text, exactly `article.text[span]`.
    pub text: String,
    pub span: Span,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<Actor>,
    /// Dates: `YYYY-MM-DD`, `YYYY-MM` or an interval `YYYY-MM-DD/YYYY-MM-DD`; numbers: the value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
    /// Dates: ACLED's time precision (1 day, 2 week, 3 month).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_precision: Option<u8>,
    /// Numbers: how the count was said (`approximate`, `at_least`, `at_most`, `vague`, `range`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<String>,
    /// Which component proposed it: `rules`, `gazetteer`, `lexicon`, `ner`, `dateline`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Entity {
    /// A bare entity of `kind` over `span` of `text`.
    pub fn new(kind: EntityKind, text: &str, span: Span) -> Self {
        Entity {
            kind,
            text: span.slice(text).to_string(),
            span,
            place: None,
            actor: None,
            value: None,
            time_precision: None,
            flags: Vec::new(),
            source: None,
        }
    }
}
