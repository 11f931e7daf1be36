//! The tagger: features, weights and Viterbi put together, for token sequences and for text.

use std::cell::RefCell;
use std::path::Path;
use std::sync::OnceLock;

use marsad_arabic::{sentences, tokenize, Token};
use marsad_core::Span;
use serde::Serialize;

use crate::decode::viterbi;
use crate::error::{Error, Result};
use crate::eval::entity_spans;
use crate::features::{extract, fingerprint, Scratch, SentenceFeatures};
use crate::model::{constrained, ModelInfo, Weights};
use crate::tag::{NerKind, Tag, NUM_TAGS};

/// The longest run of tokens decoded at once; a longer sentence is tagged in pieces of this
/// size (an entity cut by a piece boundary may be split, which on real text never happens).
pub const MAX_CHUNK_TOKENS: usize = 10_000;

static EMBEDDED: &[u8] = include_bytes!(env!("MARSAD_NER_EMBEDDED_MODEL"));

/// A named entity found in a text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NerMention {
    /// Byte offsets into the text given to [`Tagger::recognize`], on char boundaries.
    pub span: Span,
    pub kind: NerKind,
    /// The text under the span, as written.
    pub text: String,
    /// A confidence in 0..1: the mean, over the mention's tokens, of the softmax of the model's
    /// scores for the chosen tag. Monotone in the model's certainty, not a calibrated probability.
    pub score: f32,
}

/// A trained named-entity tagger. Cheap to share between threads (`&Tagger` is `Sync`).
#[derive(Debug, Clone)]
pub struct Tagger {
    weights: Weights,
    start: [f32; NUM_TAGS],
    trans: [[f32; NUM_TAGS]; NUM_TAGS],
    info: ModelInfo,
}

#[derive(Default)]
struct Buffers {
    scratch: Scratch,
    features: SentenceFeatures,
    emissions: Vec<[f32; NUM_TAGS]>,
    back: Vec<[u8; NUM_TAGS]>,
    best: Vec<usize>,
}

thread_local! {
    static BUFFERS: RefCell<Buffers> = RefCell::new(Buffers::default());
}

impl Tagger {
    /// The model compiled into this build (data/ner/model.bin), read once.
    ///
    /// ```
    /// let tagger = marsad_ner::Tagger::embedded()?;
    /// let tags = tagger.tag(&["زار", "الرئيس", "محمود", "عباس", "القاهرة"]);
    /// assert_eq!(tags.len(), 5);
    /// # Ok::<(), marsad_ner::Error>(())
    /// ```
    pub fn embedded() -> Result<&'static Tagger> {
        static TAGGER: OnceLock<std::result::Result<Tagger, String>> = OnceLock::new();
        let loaded = TAGGER.get_or_init(|| {
            if EMBEDDED.is_empty() {
                return Err(Error::NoEmbeddedModel.to_string());
            }
            Tagger::from_bytes(EMBEDDED).map_err(|e| format!("the embedded model: {e}"))
        });
        match loaded {
            Ok(t) => Ok(t),
            Err(_) if EMBEDDED.is_empty() => Err(Error::NoEmbeddedModel),
            Err(e) => Err(Error::Corrupt(e.clone())),
        }
    }

    /// Reads a model file.
    pub fn load(path: impl AsRef<Path>) -> Result<Tagger> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Tagger::from_bytes(&bytes)
    }

    /// Reads a model from its bytes (see [`Tagger::to_bytes`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger> {
        let (weights, info) = Weights::from_bytes(bytes, fingerprint())?;
        Ok(Tagger::from_weights(weights, info))
    }

    pub(crate) fn from_weights(weights: Weights, info: ModelInfo) -> Tagger {
        let (start, trans) = constrained(&weights.start, &weights.trans);
        Tagger {
            weights,
            start,
            trans,
            info,
        }
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.weights.to_bytes(fingerprint(), &self.info)
    }

    /// Writes the model file.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        std::fs::write(path, self.to_bytes()).map_err(|e| Error::io(path, e))
    }

    pub(crate) fn set_dev_f1(&mut self, f1: f64) {
        self.info.dev_micro_f1 = Some(f1);
    }

    /// What the model says about its training.
    pub fn info(&self) -> &ModelInfo {
        &self.info
    }

    /// Tags one sentence of tokens. The output is valid IOB2 and as long as the input.
    pub fn tag(&self, tokens: &[&str]) -> Vec<Tag> {
        self.tag_scored(tokens).into_iter().map(|(t, _)| t).collect()
    }

    /// [`Tagger::tag`] with, for each token, the softmax of its scores at the chosen tag.
    pub fn tag_scored(&self, tokens: &[&str]) -> Vec<(Tag, f32)> {
        let mut out = Vec::with_capacity(tokens.len());
        BUFFERS.with(|b| {
            let b = &mut *b.borrow_mut();
            for chunk in tokens.chunks(MAX_CHUNK_TOKENS) {
                extract(chunk, &mut b.scratch, &mut b.features);
                b.emissions.clear();
                for i in 0..b.features.len() {
                    b.emissions.push(self.weights.emission(b.features.token(i)));
                }
                viterbi(&b.emissions, &self.start, &self.trans, &mut b.back, &mut b.best);
                for (e, &t) in b.emissions.iter().zip(&b.best) {
                    out.push((Tag::from_index(t), softmax_at(e, t)));
                }
            }
        });
        out
    }

    /// Finds the named entities of a text: splits it into sentences
    /// ([`marsad_arabic::sentences`]) and tokens ([`marsad_arabic::tokenize`]) and tags each.
    ///
    /// ```
    /// let tagger = marsad_ner::Tagger::embedded()?;
    /// let text = "التقى الرئيس الفرنسي إيمانويل ماكرون في باريس.";
    /// for m in tagger.recognize(text) {
    ///     assert_eq!(&text[m.span.start..m.span.end], m.text);
    /// }
    /// # Ok::<(), marsad_ner::Error>(())
    /// ```
    pub fn recognize(&self, text: &str) -> Vec<NerMention> {
        let mut out = Vec::new();
        for sentence in sentences(text) {
            let Some(slice) = sentence.get(text) else {
                continue;
            };
            let tokens: Vec<Token> = tokenize(slice)
                .into_iter()
                .map(|t| Token {
                    kind: t.kind,
                    span: t.span.shift(sentence.start),
                })
                .collect();
            out.extend(self.recognize_tokens(text, &tokens));
        }
        out
    }

    /// Like [`Tagger::recognize`] for one sentence already tokenized: `tokens` are spans into
    /// `text`. Tokens whose span does not fit `text` are skipped.
    pub fn recognize_tokens(&self, text: &str, tokens: &[Token]) -> Vec<NerMention> {
        let usable: Vec<(Span, &str)> = tokens
            .iter()
            .filter_map(|t| t.span.get(text).map(|s| (t.span, s)))
            .collect();
        let words: Vec<&str> = usable.iter().map(|(_, w)| *w).collect();
        let scored = self.tag_scored(&words);
        let tags: Vec<Tag> = scored.iter().map(|(t, _)| *t).collect();
        entity_spans(&tags)
            .into_iter()
            .map(|(s, e, kind)| {
                let span = Span::new(usable[s].0.start, usable[e - 1].0.end);
                let score = scored[s..e].iter().map(|(_, p)| p).sum::<f32>() / (e - s) as f32;
                NerMention {
                    span,
                    kind,
                    text: span.slice(text).to_string(),
                    score,
                }
            })
            .collect()
    }
}

fn softmax_at(scores: &[f32; NUM_TAGS], at: usize) -> f32 {
    let max = scores.iter().fold(f32::NEG_INFINITY, |m, &s| m.max(s));
    let sum: f32 = scores.iter().map(|s| (s - max).exp()).sum();
    if sum > 0.0 && sum.is_finite() {
        (scores[at] - max).exp() / sum
    } else {
        0.0
    }
}
