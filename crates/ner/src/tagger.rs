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
use crate::features::{
    extend_second_stage, extract, fingerprint, MemoryCounts, Scratch, SentenceFeatures, BIGRAMS,
};
use crate::memory::Memory;
use crate::model::{self, constrained, JointTable, ModelInfo, Weights};
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

/// One linear-chain model: weights and its constrained transition scores.
#[derive(Debug, Clone)]
pub(crate) struct Stage {
    pub(crate) weights: Weights,
    start: [f32; NUM_TAGS],
    trans: [[f32; NUM_TAGS]; NUM_TAGS],
}

impl Stage {
    pub(crate) fn new(weights: Weights) -> Stage {
        let (start, trans) = constrained(&weights.start, &weights.trans);
        Stage {
            weights,
            start,
            trans,
        }
    }

    /// Decodes a sentence's features into tag indices.
    pub(crate) fn decode_into(
        &self,
        features: &SentenceFeatures,
        emissions: &mut Vec<[f32; NUM_TAGS]>,
        back: &mut Vec<[u8; NUM_TAGS]>,
        best: &mut Vec<usize>,
    ) {
        self.decode(features, emissions, back, best);
    }

    /// Decodes a sentence's features; leaves the emissions in `emissions` and the tag indices
    /// in `best`.
    fn decode(
        &self,
        features: &SentenceFeatures,
        emissions: &mut Vec<[f32; NUM_TAGS]>,
        back: &mut Vec<[u8; NUM_TAGS]>,
        best: &mut Vec<usize>,
    ) {
        emissions.clear();
        for i in 0..features.len() {
            emissions.push(self.weights.emission(features.token(i)));
        }
        viterbi(emissions, &self.start, &self.trans, back, best);
    }
}

/// A trained named-entity tagger: a first stage that tags each sentence on its own, and
/// (optionally) a second stage that also sees the first stage's tags and what the document
/// memory says of each word. Cheap to share between threads (`&Tagger` is `Sync`).
#[derive(Debug, Clone)]
pub struct Tagger {
    first: Stage,
    second: Option<Stage>,
    /// Both stages' emission weights side by side (when there are two stages of one size).
    joint: Option<JointTable>,
    info: ModelInfo,
    /// Tells apart the taggers that share a thread's buffers (each keeps per-word sums of its
    /// own weights there).
    id: u64,
}

/// Tags the sentences of one document in order, remembering what earlier sentences said of each
/// word (see [`Tagger::document`]).
pub struct DocumentTagger<'t> {
    tagger: &'t Tagger,
    memory: Memory,
}

impl DocumentTagger<'_> {
    /// Tags the next sentence of the document.
    pub fn tag(&mut self, tokens: &[&str]) -> Vec<Tag> {
        self.tag_scored(tokens)
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    }

    /// [`DocumentTagger::tag`] with, for each token, the softmax of its scores at the chosen tag.
    pub fn tag_scored(&mut self, tokens: &[&str]) -> Vec<(Tag, f32)> {
        let mut out = Vec::with_capacity(tokens.len());
        BUFFERS.with(|b| {
            let b = &mut *b.borrow_mut();
            for chunk in tokens.chunks(MAX_CHUNK_TOKENS) {
                self.tagger.tag_chunk(chunk, &mut self.memory, b, &mut out);
            }
        });
        out
    }
}

#[derive(Default)]
struct Buffers {
    scratch: Scratch,
    features: SentenceFeatures,
    second: SentenceFeatures,
    emissions: Vec<[f32; NUM_TAGS]>,
    /// The second stage's sums over the first-stage features, per token.
    partial: Vec<[i32; NUM_TAGS]>,
    back: Vec<[u8; NUM_TAGS]>,
    first_tags: Vec<usize>,
    best: Vec<usize>,
    memory: Vec<MemoryCounts>,
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
        let (mut stages, info) = model::from_bytes(bytes, fingerprint())?;
        let second = (stages.len() > 1).then(|| Stage::new(stages.remove(1)));
        let first = Stage::new(stages.remove(0));
        Ok(Tagger::from_stages(first, second, info))
    }

    /// A copy whose last stage scores O lower by `penalty` at every token, as
    /// `TrainConfig::outside_penalty` does in training: it trades precision for recall, and
    /// lets the held-out protocol sweep that trade-off without training again.
    pub fn with_outside_penalty(&self, penalty: f32) -> Tagger {
        let (first, second) = match &self.second {
            Some(s) => (
                self.first.clone(),
                Some(Stage::new(crate::train::penalize_outside(
                    s.weights.clone(),
                    penalty,
                ))),
            ),
            None => (
                Stage::new(crate::train::penalize_outside(
                    self.first.weights.clone(),
                    penalty,
                )),
                None,
            ),
        };
        Tagger::from_stages(first, second, self.info.clone())
    }

    pub(crate) fn from_stages(first: Stage, second: Option<Stage>, info: ModelInfo) -> Tagger {
        let joint = second
            .as_ref()
            .and_then(|s| JointTable::new(&first.weights.emit, &s.weights.emit));
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Tagger {
            first,
            second,
            joint,
            info,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut stages = vec![&self.first.weights];
        stages.extend(self.second.as_ref().map(|s| &s.weights));
        model::to_bytes(&stages, fingerprint(), &self.info)
    }

    /// Writes the model file.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        std::fs::write(path, self.to_bytes()).map_err(|e| Error::io(path, e))
    }

    pub(crate) fn set_dev_f1(&mut self, f1: f64) {
        self.info.dev_micro_f1 = Some(f1);
    }

    /// Rows of emission weights in the model (both stages' shared rows counted once).
    pub fn rows(&self) -> usize {
        match (&self.joint, &self.second) {
            (Some(j), _) => j.len(),
            (None, Some(s)) => self.first.weights.emit.len() + s.weights.emit.len(),
            (None, None) => self.first.weights.emit.len(),
        }
    }

    /// What the model says about its training.
    pub fn info(&self) -> &ModelInfo {
        &self.info
    }

    /// Tags one sentence of tokens on its own (no document memory beyond the sentence). The
    /// output is valid IOB2 and as long as the input.
    pub fn tag(&self, tokens: &[&str]) -> Vec<Tag> {
        self.document().tag(tokens)
    }

    /// [`Tagger::tag`] with, for each token, the softmax of its scores at the chosen tag.
    pub fn tag_scored(&self, tokens: &[&str]) -> Vec<(Tag, f32)> {
        self.document().tag_scored(tokens)
    }

    /// A tagger for the sentences of one document, given in order: a word tagged as a name in
    /// an earlier sentence is recognized more readily later on.
    pub fn document(&self) -> DocumentTagger<'_> {
        DocumentTagger {
            tagger: self,
            memory: Memory::new(self.info.memory_sentences),
        }
    }

    fn tag_chunk(
        &self,
        chunk: &[&str],
        memory: &mut Memory,
        b: &mut Buffers,
        out: &mut Vec<(Tag, f32)>,
    ) {
        let lean = self.second.is_some() && self.joint.is_some();
        if lean && b.scratch.sums_owner != self.id {
            b.scratch.word_sums.clear();
            b.scratch.sums_owner = self.id;
        }
        b.scratch.lean = lean;
        extract(chunk, &mut b.scratch, &mut b.features);
        match (&self.second, &self.joint) {
            (Some(second), Some(joint)) => {
                // one pass over the shared features sums both stages' weights; a word's own
                // features are summed once and remembered with the word (and then no longer
                // extracted)
                b.emissions.clear();
                b.partial.clear();
                let sums = &mut b.scratch.word_sums;
                for i in 0..b.features.len() {
                    let f = b.features.token(i);
                    let own = b.features.own(i);
                    let (la, len) = (own.lexical as usize, own.len as usize);
                    let w = own.word as usize;
                    if sums.len() <= w {
                        sums.resize(w + 1, None);
                    }
                    let [mut one, mut two] = *sums[w].get_or_insert_with(|| {
                        let (mut one, mut two) = ([0i32; NUM_TAGS], [0i32; NUM_TAGS]);
                        joint.add(&f[..la], &mut one, &mut two);
                        joint.add(&f[la + BIGRAMS..len + BIGRAMS], &mut one, &mut two);
                        [one, two]
                    });
                    joint.add(&f[la..la + BIGRAMS], &mut one, &mut two);
                    joint.add(&f[len + BIGRAMS..], &mut one, &mut two);
                    b.emissions.push(self.first.weights.real(one));
                    b.partial.push(two);
                }
                let first = &self.first;
                viterbi(
                    &b.emissions,
                    &first.start,
                    &first.trans,
                    &mut b.back,
                    &mut b.first_tags,
                );
                memory.lookup(
                    &b.scratch.lookup_hashes,
                    &b.scratch.lookup_starts,
                    &b.first_tags,
                    &mut b.memory,
                );
                extend_second_stage(&b.features, &b.first_tags, &b.memory, &mut b.second, false);
                b.emissions.clear();
                for (i, &partial) in b.partial.iter().enumerate() {
                    let mut acc = partial;
                    second.weights.add(b.second.token(i), &mut acc);
                    b.emissions.push(second.weights.real(acc));
                }
                viterbi(
                    &b.emissions,
                    &second.start,
                    &second.trans,
                    &mut b.back,
                    &mut b.best,
                );
                memory.remember(
                    &b.scratch.lookup_hashes,
                    &b.scratch.lookup_starts,
                    &b.first_tags,
                );
            }
            (Some(second), None) => {
                self.first.decode(
                    &b.features,
                    &mut b.emissions,
                    &mut b.back,
                    &mut b.first_tags,
                );
                memory.lookup(
                    &b.scratch.lookup_hashes,
                    &b.scratch.lookup_starts,
                    &b.first_tags,
                    &mut b.memory,
                );
                extend_second_stage(&b.features, &b.first_tags, &b.memory, &mut b.second, true);
                second.decode(&b.second, &mut b.emissions, &mut b.back, &mut b.best);
                memory.remember(
                    &b.scratch.lookup_hashes,
                    &b.scratch.lookup_starts,
                    &b.first_tags,
                );
            }
            (None, _) => {
                self.first
                    .decode(&b.features, &mut b.emissions, &mut b.back, &mut b.best);
            }
        }
        for (e, &t) in b.emissions.iter().zip(&b.best) {
            out.push((Tag::from_index(t), softmax_at(e, t)));
        }
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
        let mut doc = self.document();
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
            out.extend(mentions(text, &tokens, &mut doc));
        }
        out
    }

    /// Like [`Tagger::recognize`] for one sentence already tokenized: `tokens` are spans into
    /// `text`. Tokens whose span does not fit `text` are skipped.
    pub fn recognize_tokens(&self, text: &str, tokens: &[Token]) -> Vec<NerMention> {
        mentions(text, tokens, &mut self.document())
    }
}

fn mentions(text: &str, tokens: &[Token], doc: &mut DocumentTagger<'_>) -> Vec<NerMention> {
    let usable: Vec<(Span, &str)> = tokens
        .iter()
        .filter_map(|t| t.span.get(text).map(|s| (t.span, s)))
        .collect();
    let words: Vec<&str> = usable.iter().map(|(_, w)| *w).collect();
    let scored = doc.tag_scored(&words);
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

fn softmax_at(scores: &[f32; NUM_TAGS], at: usize) -> f32 {
    let max = scores.iter().fold(f32::NEG_INFINITY, |m, &s| m.max(s));
    let sum: f32 = scores.iter().map(|s| (s - max).exp()).sum();
    if sum > 0.0 && sum.is_finite() {
        (scores[at] - max).exp() / sum
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use crate::{read_tagged, train, TrainConfig};

    #[test]
    fn remembered_word_sums_change_nothing() {
        let mut text = String::new();
        for (name, place) in [("محمد", "القاهرة"), ("أحمد", "دمشق"), ("علي", "بغداد")]
        {
            text.push_str(&format!(
                "قال O\nالرئيس O\n{name} B-PERS\nحسن I-PERS\nفي O\n{place} B-LOC\n. O\n\n\
                 زار O\n{place} B-LOC\nوفد O\nمن O\nحزب B-ORG\nالعمل I-ORG\n. O\n\n"
            ));
        }
        let corpus = read_tagged(&text).unwrap();
        let config = TrainConfig {
            epochs: 3,
            bucket_bits: 14,
            dev_split: 0.0,
            folds: 2,
            ..TrainConfig::default()
        };
        let fast = train(&corpus.sentences, &config, |_| {}).unwrap().tagger;
        assert!(fast.joint.is_some());
        let mut plain = fast.clone();
        plain.joint = None;
        plain.id = u64::MAX;
        let sentences: [&[&str]; 3] = [
            &["قال", "الرئيس", "محمد", "حسن", "في", "بغداد", "."],
            &["زار", "محمد", "دمشق", "وفد", "من", "حزب", "العمل"],
            &["قال", "الرئيس", "محمد", "حسن", "في", "بغداد", "."],
        ];
        // twice, so that the second round reads the remembered sums
        for _ in 0..2 {
            let (mut a, mut b) = (fast.document(), plain.document());
            for s in sentences {
                assert_eq!(a.tag_scored(s), b.tag_scored(s));
            }
        }
    }
}
