use serde::{Deserialize, Serialize};

/// How a document's bytes are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    /// Flattened text as a scraper leaves it (the default for unknown files).
    #[default]
    Text,
    Html,
    Warc,
    Jsonl,
}

/// A document as it enters the pipeline: its id, its content and whatever the caller already
/// knows about it (those fields win over what extraction finds).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawDocument {
    pub id: String,
    pub kind: InputKind,
    pub content: String,
    pub url: Option<String>,
    pub source: Option<String>,
    /// RFC 3339 or `YYYY-MM-DD`.
    pub published: Option<String>,
    pub title: Option<String>,
}
