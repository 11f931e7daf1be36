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
    /// The bytes as read; extraction decodes them (BOM, declared charset, detection).
    pub content: Vec<u8>,
    /// A charset declared outside the content (an HTTP or WARC header), if any.
    pub charset: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    /// RFC 3339 or `YYYY-MM-DD`.
    pub published: Option<String>,
    pub title: Option<String>,
}

impl RawDocument {
    /// A document of `kind` from text already decoded.
    pub fn from_text(id: impl Into<String>, kind: InputKind, text: impl Into<String>) -> Self {
        RawDocument {
            id: id.into(),
            kind,
            content: text.into().into_bytes(),
            ..Default::default()
        }
    }
}
