use std::path::PathBuf;
use std::sync::Arc;

use marsad_arabic::{sentences, times_and_numbers, NumberExpression, TimeValue};
use marsad_core::{DocumentResult, Entity, EntityKind, RawDocument};
use marsad_events::{EventCoder, EventInput, PlaceRef};
use marsad_extract::inputs::Input;
use marsad_geo::{DocContext, Gazetteer};
use marsad_ner::{NerKind, NerMention, Tagger};
use serde_json::json;

use crate::anchor::parse_published;

/// What a run sets for every document that does not carry its own value, and the resources it
/// loads.
#[derive(Debug, Clone, Default)]
pub struct PipelineOptions {
    /// Publication time (RFC 3339 or `YYYY-MM-DD`): the anchor of relative time expressions.
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// A user gazetteer (made by `marsad gazetteer import`) layered on the embedded one. `None`
    /// uses the default location when a file is there.
    pub gazetteer: Option<PathBuf>,
    /// Skip the learned named-entity tagger (faster; persons then come from titles only).
    pub no_ner: bool,
}

/// The stages composed: extraction, the Arabic text layer, geocoding and event coding.
/// Build once (lexicons and the gazetteer load once), share across threads: `&Pipeline` is
/// `Sync`.
pub struct Pipeline {
    options: PipelineOptions,
    gazetteer: Arc<Gazetteer>,
    coder: &'static EventCoder,
    tagger: Option<&'static Tagger>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("options", &self.options)
            .field("gazetteer_places", &self.gazetteer.len())
            .finish()
    }
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new()
    }
}

/// The result of a scoped thread (a panic there goes on in the caller).
fn join<T>(h: std::thread::ScopedJoinHandle<'_, T>) -> T {
    h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
}

impl Pipeline {
    /// The pipeline on the embedded gazetteer and lexicons, with no run-wide defaults.
    pub fn new() -> Self {
        Pipeline {
            options: PipelineOptions::default(),
            gazetteer: Gazetteer::embedded_arc(),
            coder: EventCoder::embedded(),
            tagger: Tagger::embedded().ok(),
        }
    }

    /// A pipeline with run-wide defaults. Fails when a configured resource (a user gazetteer)
    /// cannot be loaded.
    pub fn with_options(options: PipelineOptions) -> crate::Result<Self> {
        // the model, the lexicons and the gazetteer load side by side: start-up is most of a
        // short run's time
        let (tagger, coder, gazetteer) = std::thread::scope(|scope| {
            let tagger = (!options.no_ner).then(|| scope.spawn(Tagger::embedded));
            let coder = scope.spawn(|| {
                marsad_extract::preload();
                EventCoder::embedded()
            });
            let gazetteer = Gazetteer::open(options.gazetteer.as_deref());
            (tagger.map(join), join(coder), gazetteer)
        });
        let gazetteer = gazetteer.map_err(|e| crate::Error::Resource {
            what: match &options.gazetteer {
                Some(p) => format!("the gazetteer {}", p.display()),
                None => "the user gazetteer at its default location".to_string(),
            },
            reason: e.to_string(),
        })?;
        let tagger = tagger.transpose().map_err(|e| crate::Error::Resource {
            what: "the embedded NER model".into(),
            reason: e.to_string(),
        })?;
        Ok(Pipeline {
            options,
            gazetteer,
            coder,
            tagger,
        })
    }

    /// The gazetteer in use (embedded, with the user's places on top).
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
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
        let with_defaults;
        let raw = if self.needs_defaults(raw) {
            with_defaults = self.apply_defaults(raw);
            &with_defaults
        } else {
            raw
        };
        let extracted = match marsad_extract::extract_with_warnings(raw) {
            Ok(a) => a,
            Err(e) => return DocumentResult::failed(raw.id.clone(), format!("{}: {e}", raw.id)),
        };
        let mut result = DocumentResult {
            id: raw.id.clone(),
            article: extracted.article,
            warnings: extracted.warnings,
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
        // the dateline's place: the document's first geographic context
        if let Some(d) = result.article.dateline.as_mut() {
            if d.place.is_none() {
                let place_text =
                    marsad_extract::flattened::dateline_place_text(&d.text).unwrap_or(&d.text);
                d.place = self.gazetteer.resolve_dateline(place_text);
            }
        }
        let dateline_place = result
            .article
            .dateline
            .as_ref()
            .and_then(|d| d.place.clone());

        let text = result.article.text.as_str();
        let sentence_spans = sentences(text);
        let (dates, counts) = times_and_numbers(text, anchor);
        let ctx = DocContext {
            country: dateline_place.as_ref().map(|p| p.country.clone()),
            point: dateline_place.as_ref().map(|p| (p.lat, p.lon)),
        };
        let place_mentions = self.gazetteer.find_places_with(text, &ctx);
        // a dateline that opens the body («دبي، الإمارات العربية المتحدة (CNN) -- …») is where
        // the story was written: the coder has it as the dateline, not as places of the first
        // sentence (the entities keep them)
        let in_dateline = result.article.dateline.as_ref().and_then(|d| {
            let at = text.find(d.text.as_str()).filter(|&at| at < 400)?;
            Some(marsad_core::Span::new(at, at + d.text.len()))
        });
        let places: Vec<PlaceRef> = place_mentions
            .iter()
            .filter(|m| !in_dateline.is_some_and(|d| d.contains(m.span)))
            .map(|m| PlaceRef {
                span: m.span,
                place: m.place.clone(),
                precision: m.precision,
            })
            .collect();
        // the tagger learned Arabic text: a page with no Arabic letter (an English or French
        // page) would only get its noise, at half of the pipeline's cost
        let ner: Vec<NerMention> = match self.tagger {
            Some(t) if text.chars().any(marsad_arabic::is_arabic_letter) => t.recognize(text),
            _ => Vec::new(),
        };
        let persons: Vec<marsad_core::Span> = ner
            .iter()
            .filter(|m| m.kind == NerKind::Pers)
            .map(|m| m.span)
            .collect();
        let coded = self.coder.code(&EventInput {
            text,
            title: result.article.title.as_deref(),
            published: anchor,
            sentences: &sentence_spans,
            dates: &dates,
            numbers: &counts,
            places: &places,
            dateline_place: dateline_place.as_ref(),
            persons: &persons,
        });

        let mut entities: Vec<Entity> = Vec::with_capacity(
            dates.len() + counts.len() + place_mentions.len() + coded.entities.len(),
        );
        let mut warnings = Vec::new();
        for t in &dates {
            let mut e = Entity::new(EntityKind::Date, text, t.span);
            e.value = Some(json!(time_value_string(&t.value)));
            e.time_precision = Some(t.precision);
            e.source = Some("rules".into());
            warnings.extend(t.warnings.iter().cloned());
            entities.push(e);
        }
        for n in &counts {
            let mut e = Entity::new(EntityKind::Number, text, n.span);
            e.value = Some(json!(n.value));
            e.flags = number_flags(n);
            e.source = Some("rules".into());
            entities.push(e);
        }
        for m in place_mentions {
            let mut e = Entity::new(EntityKind::Place, text, m.span);
            e.place = Some(m.place);
            e.source = Some("gazetteer".into());
            entities.push(e);
        }
        entities.extend(coded.entities);
        self.add_ner_entities(text, &ner, &ctx, &mut entities);
        entities.sort_by_key(|e| (e.span.start, e.span.end, e.kind));
        result.entities = entities;
        result.events = coded.events;
        for ev in &mut result.events {
            // a score, not a measurement: three decimals say all it knows, and print the same
            // from every binding (JSON, Python floats, Arrow)
            ev.confidence = (ev.confidence * 1000.0).round() / 1000.0;
        }
        result.warnings.extend(warnings);
        result.into_char_spans()
    }

    /// Names the tagger found that no rule or lexicon claimed: persons and organizations as
    /// they are, places when the gazetteer knows them. Each says it came from `ner`.
    fn add_ner_entities(
        &self,
        text: &str,
        ner: &[NerMention],
        ctx: &DocContext,
        out: &mut Vec<Entity>,
    ) {
        let claimed: Vec<marsad_core::Span> = out
            .iter()
            .filter(|e| !matches!(e.kind, EntityKind::Date | EntityKind::Number))
            .map(|e| e.span)
            .collect();
        for m in ner {
            if claimed.iter().any(|c| c.overlaps(m.span)) {
                continue;
            }
            let mut e = match m.kind {
                NerKind::Pers => Entity::new(EntityKind::Person, text, m.span),
                NerKind::Org => Entity::new(EntityKind::Organization, text, m.span),
                NerKind::Loc => {
                    let Some(place) = self
                        .gazetteer
                        .geocode(&m.text, ctx.country.as_deref(), 1)
                        .into_iter()
                        .next()
                    else {
                        continue;
                    };
                    let mut e = Entity::new(EntityKind::Place, text, m.span);
                    e.place = Some(place);
                    e
                }
                _ => continue,
            };
            e.source = Some(
                if m.kind == NerKind::Loc {
                    "ner+gazetteer"
                } else {
                    "ner"
                }
                .into(),
            );
            out.push(e);
        }
    }

    fn needs_defaults(&self, raw: &RawDocument) -> bool {
        let o = &self.options;
        (raw.published.is_none() && o.published.is_some())
            || (raw.source.is_none() && o.source.is_some())
            || (raw.url.is_none() && o.url.is_some())
    }

    fn apply_defaults(&self, raw: &RawDocument) -> RawDocument {
        let o = &self.options;
        let mut r = raw.clone();
        r.published = raw.published.clone().or_else(|| o.published.clone());
        r.source = raw.source.clone().or_else(|| o.source.clone());
        r.url = raw.url.clone().or_else(|| o.url.clone());
        r
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

fn number_flags(n: &NumberExpression) -> Vec<String> {
    [
        (n.approximate, "approximate"),
        (n.at_least, "at_least"),
        (n.at_most, "at_most"),
        (n.vague, "vague"),
        (n.upper.is_some(), "range"),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, name)| name.to_string())
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_core::InputKind;

    fn ner_entities(pipeline: &Pipeline, text: &str) -> usize {
        let raw = RawDocument::from_text("t", InputKind::Text, text);
        let r = pipeline.process(&raw);
        assert!(r.error.is_none(), "{:?}", r.error);
        r.entities
            .iter()
            .filter(|e| e.source.as_deref().is_some_and(|s| s.starts_with("ner")))
            .count()
    }

    #[test]
    fn the_tagger_reads_arabic_pages_only() {
        let p = Pipeline::with_options(PipelineOptions::default()).unwrap();
        let arabic = "قال وزير الخارجية سامح شكري إن الاجتماع الذي عقد في القاهرة مع نظيره \
                      الأردني أيمن الصفدي تناول التطورات الأخيرة في المنطقة.";
        assert!(ner_entities(&p, arabic) > 0, "no entity from the tagger");
        let english = "Foreign Minister Sameh Shoukry said the meeting in Cairo with his \
                       Jordanian counterpart Ayman Safadi covered the latest developments.";
        assert_eq!(ner_entities(&p, english), 0);
    }
}
