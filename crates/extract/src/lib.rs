//! Turning whatever a user has into clean [`Article`]s.
//!
//! Two halves: [`inputs`] finds documents (files, folders, standard input, JSON Lines records)
//! and reads them into [`RawDocument`]s without ever stopping on a bad one; [`extract`] turns one
//! raw document into an article (title, publication time with its offset, dateline, body,
//! removed boilerplate).
//!
//! ```
//! use marsad_core::{RawDocument, InputKind};
//! let raw = RawDocument { id: "a".into(), kind: InputKind::Text,
//!     content: "عنوان الخبر\n\nقصفت الطائرات مواقع في المدينة صباح اليوم وقتل ثلاثة أشخاص على الأقل.".into(),
//!     ..Default::default() };
//! let article = marsad_extract::extract(&raw).unwrap();
//! assert!(article.text.starts_with("قصفت"));
//! ```

pub mod charset;
mod error;
pub mod feed;
pub mod flattened;
pub mod gzip;
pub mod html;
pub mod inputs;
pub mod warc;

pub use error::{Error, Result};
pub use flattened::extract_flattened;
pub use html::extract_html;

use marsad_core::{Article, InputKind, RawDocument};

/// Extracts the article of one raw document, by its kind. Fields the caller gave (title, url,
/// source, published) win over what is found in the content.
pub fn extract(raw: &RawDocument) -> Result<Article> {
    extract_with_warnings(raw).map(|e| e.article)
}

/// Parses the word lists extraction consults now rather than on the first document (a caller
/// that loads its other resources side by side can load these with them).
pub fn preload() {
    flattened::preload();
}

/// An article and what a reader should know about how it was read (a publication time without
/// a zone, for instance).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extracted {
    pub article: Article,
    pub warnings: Vec<String>,
}

/// [`extract`], keeping the warnings. Warnings about a field the caller gave are left out: the
/// caller's value is used.
pub fn extract_with_warnings(raw: &RawDocument) -> Result<Extracted> {
    let mut warnings = Vec::new();
    let mut article = match raw.kind {
        InputKind::Text | InputKind::Jsonl => {
            let options = flattened::FlattenedOptions {
                title: raw.title.clone(),
                ..Default::default()
            };
            let flat = flattened::extract_flattened_with(&decode_text(raw)?, &options);
            // the flattened reader's warnings are about the publication time
            if raw.published.is_none() {
                warnings = flat.warnings;
            }
            flat.article
        }
        InputKind::Html => html::extract_document(raw)?,
        InputKind::Warc => warc::extract_record(raw)?,
    };
    if raw.title.is_some() {
        article.title = raw.title.clone();
    }
    if raw.url.is_some() {
        article.url = raw.url.clone();
    }
    if raw.source.is_some() {
        article.source = raw.source.clone();
    }
    if raw.published.is_some() {
        article.published = raw.published.clone();
    }
    Ok(Extracted { article, warnings })
}

/// The content of a text document as a string: UTF-8 (with or without BOM); binary content and
/// invalid UTF-8 are errors naming the document.
pub fn decode_text(raw: &RawDocument) -> Result<String> {
    let bytes = raw
        .content
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&raw.content);
    if bytes.contains(&0) {
        return Err(Error::Binary(raw.id.clone()));
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        Error::NotUtf8(format!(
            "{} (at byte {})",
            raw.id,
            e.utf8_error().valid_up_to()
        ))
    })
}
