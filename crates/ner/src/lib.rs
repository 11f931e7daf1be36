//! Marsad's learned named-entity tagger for Arabic news: persons, places, organizations and
//! other names (ANERcorp's PERS, LOC, ORG, MISC), tagged IOB2.
//!
//! - [`Tagger`]: the model. [`Tagger::embedded`] is the one compiled into the build (trained on
//!   ANERcorp, so it carries CC BY-SA 4.0, see data/ner/MODEL-LICENSE.md); [`Tagger::load`]
//!   reads another. [`Tagger::tag`] tags a sentence of tokens; [`Tagger::recognize`] finds
//!   [`NerMention`]s (byte spans, kind, text, score) in raw text.
//! - [`train()`]: an averaged structured perceptron over hashed features (see `features.rs` for
//!   what it looks at) with IOB2-constrained Viterbi decoding, or a linear-chain CRF over the same
//!   features ([`Objective::Crf`]); seeded and reproducible.
//! - [`conll`]: CoNLL reading and writing, and [`tag_conll`] behind `marsad ner --conll`.
//! - [`eval`]: entity-level precision, recall and F1 as seqeval counts them.
//!
//! ```
//! use marsad_ner::{NerKind, Tagger};
//! let tagger = Tagger::embedded()?;
//! let text = "وقال وزير الخارجية الأمريكي كولن باول في واشنطن إن الأمم المتحدة ستجتمع.";
//! let mentions = tagger.recognize(text);
//! for m in &mentions {
//!     assert_eq!(&text[m.span.start..m.span.end], m.text);
//!     assert!((0.0..=1.0).contains(&m.score));
//! }
//! assert!(mentions.iter().any(|m| m.kind == NerKind::Pers && m.text == "كولن باول"));
//! assert!(mentions.iter().any(|m| m.kind == NerKind::Loc && m.text == "واشنطن"));
//! # Ok::<(), marsad_ner::Error>(())
//! ```

mod clusters;
pub mod conll;
mod crf;
mod decode;
mod error;
pub mod eval;
mod features;
mod hash;
mod lexicon;
mod memory;
mod model;
mod tag;
mod tagger;
mod train;

pub use clusters::{learn_clusters, CLUSTER_SIZES};
pub use conll::{read_tagged, tag_conll, write_tagged, ConllStats, TaggedCorpus, TaggedSentence};
pub use error::{Error, Result};
pub use eval::{entity_spans, Scores};
pub use model::{ModelInfo, ANERCORP_LICENCE};
pub use tag::{is_valid_iob2, repair_iob2, NerKind, Tag, UnknownTag, NUM_TAGS};
pub use tagger::{DocumentTagger, NerMention, Tagger, MAX_CHUNK_TOKENS};
pub use train::{evaluate, split_dev, train, EpochReport, Objective, TrainConfig, TrainOutcome};
