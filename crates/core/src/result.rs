use serde::{Deserialize, Serialize};

use crate::{Article, CharOffsets, Entity, Event};

/// What `marsad extract` prints for one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct DocumentResult {
    pub id: String,
    pub error: Option<String>,
    pub article: Article,
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
    pub warnings: Vec<String>,
}

impl DocumentResult {
    /// A result for a document that could not be read, with the reason.
    pub fn failed(id: impl Into<String>, error: impl std::fmt::Display) -> Self {
        DocumentResult {
            id: id.into(),
            error: Some(error.to_string()),
            ..Default::default()
        }
    }

    /// Turns every span from byte offsets (as the stages make them) into character offsets
    /// into `article.text` (as the contract promises). Call once, at the output edge.
    ///
    /// Evidence spans and trigger spans are converted too; sentences and trigger texts stay.
    pub fn into_char_spans(mut self) -> Self {
        let idx = CharOffsets::new(&self.article.text);
        for e in &mut self.entities {
            e.span = idx.span(e.span);
        }
        for ev in &mut self.events {
            ev.evidence.span = idx.span(ev.evidence.span);
            ev.evidence.trigger.span = idx.span(ev.evidence.trigger.span);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EntityKind, Span};

    #[test]
    fn char_spans_slice_back() {
        let text = "قالت مصادر إن دير الزور شهدت قصفاً";
        let start = text.find("دير الزور").unwrap();
        let span = Span::new(start, start + "دير الزور".len());
        let mut r = DocumentResult::default();
        r.article.text = text.to_string();
        r.entities.push(Entity::new(EntityKind::Place, text, span));
        let r = r.into_char_spans();
        let e = &r.entities[0];
        let sliced: String = text.chars().skip(e.span.start).take(e.span.len()).collect();
        assert_eq!(sliced, e.text);
    }

    #[test]
    fn json_has_contract_fields() {
        let r = DocumentResult::failed("doc-1", "not UTF-8");
        let v = serde_json::to_value(&r).unwrap();
        for k in ["id", "error", "article", "entities", "events", "warnings"] {
            assert!(v.get(k).is_some(), "missing {k}");
        }
        for k in [
            "title",
            "published",
            "author",
            "source",
            "url",
            "dateline",
            "text",
            "removed",
        ] {
            assert!(v["article"].get(k).is_some(), "missing article.{k}");
        }
    }
}
