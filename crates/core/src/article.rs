use serde::{Deserialize, Serialize};

use crate::Place;

/// A clean article: metadata and the body text that every span points into.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Article {
    pub title: Option<String>,
    /// RFC 3339 with the UTC offset of the place of publication.
    pub published: Option<String>,
    pub author: Option<String>,
    /// The site's section of the article («سياسة», «World»), from the page's metadata; absent
    /// when the page does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub dateline: Option<Dateline>,
    /// The clean body: paragraphs joined by a blank line.
    pub text: String,
    /// Boilerplate dropped from flattened text, in input order.
    pub removed: Vec<String>,
}

impl Article {
    /// The body's paragraphs.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.text.split("\n\n").filter(|p| !p.trim().is_empty())
    }
}

/// The dateline that opens a report («دير الزور - خاص», «بيروت - رويترز»).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dateline {
    pub text: String,
    pub place: Option<Place>,
}
