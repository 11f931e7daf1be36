//! Marsad's event coder: from an analysed article to ACLED/PLOVER event records.
//!
//! The coder reads an article's text with its sentences, time expressions, numbers and resolved
//! places, and finds in it actors (named, by nationality, generic), persons (by title) and events:
//! a trigger word from `data/events/triggers.tsv` that is not negated, threatened, conditional,
//! habitual or a mere reference, with its actors, place, date and fatalities. Every lexicon is a
//! reviewable data file in `data/events/`, compiled in.
//!
//! ```
//! use marsad_events::{EventCoder, EventInput};
//! let text = "قتل 3 مدنيين أمس في غارة جوية روسية على مدينة إدلب.";
//! let sentences = marsad_arabic::sentences(text);
//! let published = chrono::NaiveDate::from_ymd_opt(2021, 6, 29);
//! let input = EventInput { text, published, sentences: &sentences, ..EventInput::default() };
//! let out = EventCoder::embedded().code(&input);
//! let e = &out.events[0];
//! assert_eq!(e.sub_event_type, "Air/drone strike");
//! assert_eq!(e.actor1.as_ref().unwrap().name, "Military Forces of Russia");
//! assert_eq!((e.date.as_str(), e.fatalities), ("2021-06-28", Some(3)));
//! ```

mod arguments;
mod coder;
mod data;
mod filter;
mod lexicon;
mod mentions;
mod roles;

use std::sync::OnceLock;

use marsad_core::{Entity, Event, Place, Span};

pub use data::{ActorEntry, Sources};
/// The scaled block of a filter feature template (`examples/train_filter.rs`). Not a stable
/// interface.
#[doc(hidden)]
pub use filter::{template_block as filter_template_block, BLOCKS as FILTER_BLOCKS};

/// A problem in the lexicon files, all of them at once, each as `file:line: message`.
#[derive(Debug, Clone, thiserror::Error)]
#[error("invalid event lexicons:\n{}", problems.join("\n"))]
#[non_exhaustive]
pub struct LexiconError {
    pub problems: Vec<String>,
}

/// A resolved place mention from the gazetteer: where it is said, the place, and ACLED's
/// geo_precision it gives an event located by it (1 the place itself, 2 near it or part of a
/// region, 3 only the region).
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceRef {
    pub span: Span,
    pub place: Place,
    pub precision: u8,
}

/// What the coder reads: the article text and what earlier stages found in it. Every span is a
/// byte span into `text`.
#[derive(Debug, Clone, Copy, Default)]
pub struct EventInput<'a> {
    /// `article.text`.
    pub text: &'a str,
    pub title: Option<&'a str>,
    /// The publication date: the anchor of relative dates and the reference of `background`.
    pub published: Option<chrono::NaiveDate>,
    /// Sentence spans; when empty the coder splits `text` itself.
    pub sentences: &'a [Span],
    pub dates: &'a [marsad_arabic::TimeExpression],
    pub numbers: &'a [marsad_arabic::NumberExpression],
    /// Resolved place mentions from the gazetteer.
    pub places: &'a [PlaceRef],
    pub dateline_place: Option<&'a Place>,
    /// Person names proposed by NER (may be empty).
    pub persons: &'a [Span],
}

/// What the coder found: entities (actors with their `actor`, persons, organizations) and events,
/// every span a byte span into the input text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventOutput {
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
}

/// A candidate the learned filter judges, with its features by name: what
/// `examples/train_filter.rs` learns from. Not a stable interface.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct FilterCandidate {
    /// `assault` or `protest`.
    pub family: &'static str,
    pub sentence: Span,
    pub trigger: Span,
    /// What the rules alone decided.
    pub rule_valid: bool,
    /// The probability this coder's filter gives the candidate, and its threshold (none when
    /// the filter has no model for the family).
    pub probability: Option<(f32, f32)>,
    /// `(template, value)` pairs; repeated pairs count again.
    pub features: Vec<(String, String)>,
}

/// The event coder: lexicons compiled once, then `code` per article (pure, thread-safe).
#[derive(Debug)]
pub struct EventCoder {
    lx: data::Lexicons,
}

impl EventCoder {
    /// The coder with the lexicons of `data/events/`, built on first use.
    pub fn embedded() -> &'static EventCoder {
        static CODER: OnceLock<EventCoder> = OnceLock::new();
        CODER.get_or_init(|| {
            EventCoder::build(&Sources::embedded())
                .expect("the embedded lexicons are checked by the crate's tests")
        })
    }

    /// A coder from lexicon texts (for example edited copies of `data/events/`); reports every
    /// problem of every file at once.
    pub fn build(sources: &Sources) -> Result<EventCoder, LexiconError> {
        Ok(EventCoder {
            lx: data::Lexicons::build(sources)?,
        })
    }

    /// The actor table (for listings, exports and checks).
    pub fn actors(&self) -> &[ActorEntry] {
        &self.lx.actors
    }

    /// Codes the events of one article.
    pub fn code(&self, input: &EventInput) -> EventOutput {
        coder::code(&self.lx, input)
    }

    /// The candidates of one article the learned filter judges, with their features (for
    /// training the filter; see `examples/train_filter.rs`).
    #[doc(hidden)]
    pub fn filter_candidates(&self, input: &EventInput) -> Vec<FilterCandidate> {
        coder::filter_candidates(&self.lx, input)
    }
}
