use marsad_arabic::{numbers, time_expressions, TimeValue};
use marsad_core::{DocumentResult, Entity, EntityKind, RawDocument};
use marsad_extract::inputs::Input;
use serde_json::json;

use crate::anchor::parse_published;

/// What a run sets for every document that does not carry its own value.
#[derive(Debug, Clone, Default)]
pub struct PipelineOptions {
    /// Publication time (RFC 3339 or `YYYY-MM-DD`): the anchor of relative time expressions.
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
}

/// The stages composed: extraction, the Arabic text layer, (geocoding and events as they land).
/// Build once, share across threads (`&Pipeline` is `Sync`).
#[derive(Debug, Default)]
pub struct Pipeline {
    options: PipelineOptions,
}

impl Pipeline {
    pub fn new() -> Self {
        Pipeline::default()
    }

    /// A pipeline with run-wide defaults. Fails when a configured resource (a user gazetteer,
    /// a model file) cannot be loaded.
    pub fn with_options(options: PipelineOptions) -> crate::Result<Self> {
        Ok(Pipeline { options })
    }

    /// Processes one item read by [`marsad_extract::inputs`]: a failed read becomes a result with
    /// its reason.
    pub fn process_input(&self, input: &Input) -> DocumentResult {
        match input {
            Input::Doc(raw) => self.process(raw),
            Input::Failed { id, reason } => DocumentResult::failed(id.clone(), reason),
        }
    }

    /// Runs every stage over one document. Never panics on content; a document that cannot be
    /// extracted yields a result with `error` set.
    pub fn process(&self, raw: &RawDocument) -> DocumentResult {
        let _span = tracing::debug_span!("document", id = %raw.id).entered();
        let mut raw_with_defaults;
        let raw = if self.needs_defaults(raw) {
            raw_with_defaults = raw.clone();
            let o = &self.options;
            raw_with_defaults.published = raw.published.clone().or_else(|| o.published.clone());
            raw_with_defaults.source = raw.source.clone().or_else(|| o.source.clone());
            raw_with_defaults.url = raw.url.clone().or_else(|| o.url.clone());
            &raw_with_defaults
        } else {
            raw
        };
        let article = match marsad_extract::extract(raw) {
            Ok(a) => a,
            Err(e) => return DocumentResult::failed(raw.id.clone(), format!("{}: {e}", raw.id)),
        };
        let mut result = DocumentResult {
            id: raw.id.clone(),
            article,
            ..Default::default()
        };
        let anchor = result
            .article
            .published
            .as_deref()
            .and_then(parse_published);
        if result.article.published.is_some() && anchor.is_none() {
            result.warnings.push(format!(
                "publication time {:?} is neither RFC 3339 nor YYYY-MM-DD; relative dates are left unresolved",
                result.article.published.as_deref().unwrap_or("")
            ));
        }
        let text = &result.article.text;
        for t in time_expressions(text, anchor) {
            let mut e = Entity::new(EntityKind::Date, text, t.span);
            e.value = Some(json!(time_value_string(&t.value)));
            e.time_precision = Some(t.precision);
            e.source = Some("rules".into());
            result.warnings.extend(t.warnings.iter().cloned());
            result.entities.push(e);
        }
        for n in numbers(text) {
            let mut e = Entity::new(EntityKind::Number, text, n.span);
            e.value = Some(json!(n.value));
            e.flags = number_flags(&n);
            e.source = Some("rules".into());
            result.entities.push(e);
        }
        result
            .entities
            .sort_by_key(|e| (e.span.start, e.span.end, e.kind));
        result.into_char_spans()
    }

    fn needs_defaults(&self, raw: &RawDocument) -> bool {
        let o = &self.options;
        (raw.published.is_none() && o.published.is_some())
            || (raw.source.is_none() && o.source.is_some())
            || (raw.url.is_none() && o.url.is_some())
    }
}

/// `YYYY-MM-DD`, `YYYY-MM`, or `YYYY-MM-DD/YYYY-MM-DD`.
pub(crate) fn time_value_string(v: &TimeValue) -> String {
    match v {
        TimeValue::Day(d) => d.format("%Y-%m-%d").to_string(),
        TimeValue::Month { year, month } => format!("{year:04}-{month:02}"),
        TimeValue::Interval(a, b) => format!("{}/{}", a.format("%Y-%m-%d"), b.format("%Y-%m-%d")),
    }
}

fn number_flags(n: &marsad_arabic::NumberExpression) -> Vec<String> {
    let mut flags = Vec::new();
    if n.approximate {
        flags.push("approximate".to_string());
    }
    if n.at_least {
        flags.push("at_least".to_string());
    }
    if n.at_most {
        flags.push("at_most".to_string());
    }
    if n.vague {
        flags.push("vague".to_string());
    }
    if n.upper.is_some() {
        flags.push("range".to_string());
    }
    flags
}
