//! Training: an averaged structured perceptron (Collins 2002) over hashed features, decoded with
//! the same constrained Viterbi as prediction, in two stages.
//!
//! The first stage tags each sentence on its own. The second stage sees, besides the same
//! features, the first stage's tags and the document memory (what the first stage tagged each
//! word as in the preceding sentences). So that the second stage learns how far to trust
//! first-stage tags of the quality it will meet on new text, its training input comes from
//! jackknifing: the training sentences are cut into `folds` contiguous blocks, and each block is
//! tagged by a first stage trained on the other blocks.
//!
//! Why this model: it trains in seconds on one core, needs no tuning beyond the number of
//! epochs, and with averaging comes close to a CRF on rich lexical features; prediction is a
//! sum of table lookups and a 9-state Viterbi, far above the speed the pipeline needs.
//! Each stage is the average of five perceptrons trained on different sentence orders
//! (parameter mixing), with rows of small weights pruned; on held-out folds neither a
//! cost-augmented margin nor passive-aggressive steps beat the plain perceptron update.
//!
//! A linear-chain CRF over the same features is a training option ([`Objective::Crf`], in
//! `crf.rs`): the L2-regularized log-likelihood minimized with L-BFGS, in the same two stages,
//! giving weights of the same form. On the held-out 5-fold protocol (L2 0.1, 100 iterations)
//! it is more precise and less complete than the mixed perceptrons: micro-F1 0.7558 against
//! 0.7611 (P .842 against .827, R .686 against .705; one fold of five higher), and lowering the
//! score of O buys recall only at a larger loss of precision. It also trains about ten times slower (about 260 s
//! of CPU) and keeps every row it touched (18 MB instead of 3.7), so the built-in model stays a
//! perceptron.
//!
//! A CRF for the second stage only, over the mixed perceptrons' first stage (and their
//! jackknife), did no better: with L2 0.1 and 100 iterations and no row pruning (0.5 is the
//! perceptron's scale and drops most of a CRF's rows: micro-F1 .7224 on fold 0) it gave 0.7569
//! against 0.7611 (P .832 R .694; folds 0 and 2 higher, 1, 3 and 4 lower; ORG recall lower on
//! every fold) with 430k rows instead of 88k; L2 1.0 gave .7743 on folds 1 and 3 (against
//! .7829 and .7738).
//!
//! Entity-level features for the second stage (of the first stage's whole predicted span: its
//! length and the token's place in it, its head and last words' keys and clusters, the words
//! around it, the cue lists its head begins and its last word ends) did not help either: 0.7573
//! on the same protocol (two folds of five higher), and two leaner forms (no word keys, or
//! features for the O next to a span) lost on folds 1 and 2 as well.
//!
//! Reproducible: the sentence order of each epoch comes from a seeded generator, hashing is
//! stable, and everything runs on one thread, so the same data, settings and seed give the same
//! model file byte for byte.

use std::time::Instant;

use crate::conll::TaggedSentence;
use crate::error::{Error, Result};
use crate::eval::Scores;
use crate::features::{extend_second_stage, extract, Scratch, SentenceFeatures};
use crate::hash::SplitMix;
use crate::memory::Memory;
use crate::model::{constrained, ModelInfo, Weights, ANERCORP_LICENCE};
use crate::tag::{Tag, NUM_TAGS};
use crate::tagger::{Stage, Tagger};

/// Training settings.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// Passes over the training sentences (each stage).
    pub epochs: usize,
    /// Seeds the order of sentences in each pass.
    pub seed: u64,
    /// The fraction of sentences, taken from the end of the data, held out as a development
    /// split (0 trains on everything).
    pub dev_split: f64,
    /// The weight table has 2^bucket_bits rows.
    pub bucket_bits: u32,
    /// Train the second stage (document memory); without it the model is one stage.
    pub second_stage: bool,
    /// Sentences the document memory looks back.
    pub memory_sentences: usize,
    /// Jackknife folds for the second stage's input.
    pub folds: usize,
    /// The probability, per training token and epoch, of hiding the features that name the
    /// word itself, so that context, affixes and shape learn to carry unseen names.
    pub word_dropout: f64,
    /// Cost-augmented decoding in training: every wrong tag of a token gets this much added to
    /// its score before the decode whose mistakes drive the update, so the weights learn to
    /// beat the wrong tags by a margin (0 is the plain perceptron).
    pub margin: f32,
    /// Passive-aggressive step (PA-I, Crammer et al. 2006): each update is scaled to the
    /// smallest step that would have got the sentence right by a margin of its Hamming loss,
    /// capped at this value. None keeps the perceptron's step of 1.
    pub pa_cap: Option<f64>,
    /// Subtracted from the score of O at every token by the last stage (folded into its start
    /// and transition scores): the averaged perceptron is cautious, and a small push towards
    /// entities trades some precision for more recall (0 leaves the weights as trained).
    pub outside_penalty: f32,
    /// Trains this many perceptrons per stage, each on its own sentence order (seeds `seed`,
    /// `seed + 1`, ...), and averages their weights (parameter mixing): less dependence on the
    /// order of one run, at this many times the training time. 1 trains one. Five mixed runs
    /// raised the held-out 5-fold micro-F1 from 0.7545 to 0.7608 (three: 0.7595).
    pub mixtures: usize,
    /// Rows of emission weights whose largest weight (in absolute value) is below this are
    /// dropped from the model: features seen too rarely to matter, whose rows would only make
    /// the table larger and lookups slower. 0 keeps every row training touched. At 0.5 five
    /// mixed runs keep 88k rows of 195k with the same held-out F1 (0.7611 against 0.7608).
    pub prune: f32,
    /// The training objective: the averaged perceptron, or the CRF log-likelihood.
    pub objective: Objective,
    /// CRF only: the weight of the L2 penalty `l2 / 2 * ||w||^2`. On the first two held-out
    /// folds (100 iterations) 1.0 gave micro-F1 .7748 and .7633, 0.1 gave .7823 and .7719,
    /// 0.02 gave .7782 and .7670; the mixed perceptrons give .7859 and .7829.
    pub crf_l2: f64,
    /// CRF only: L-BFGS iterations at most (`epochs` is the perceptron's).
    pub crf_iterations: usize,
    /// Recorded in the model (the training file's name).
    pub trained_on: String,
}

/// How a stage's weights are learned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Objective {
    /// Averaged structured perceptron, `mixtures` runs averaged (see the module doc).
    #[default]
    Perceptron,
    /// Linear-chain CRF: L2-regularized conditional log-likelihood, L-BFGS (`crf.rs`).
    Crf,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 12,
            seed: 1,
            dev_split: 0.1,
            bucket_bits: 20,
            second_stage: true,
            memory_sentences: 10,
            folds: 5,
            word_dropout: 0.0,
            margin: 0.0,
            pa_cap: None,
            outside_penalty: 0.0,
            mixtures: 5,
            prune: 0.5,
            objective: Objective::Perceptron,
            crf_l2: 1.0,
            crf_iterations: 200,
            trained_on: String::new(),
        }
    }
}

/// Progress after one epoch of the last stage trained.
#[derive(Debug, Clone)]
pub struct EpochReport {
    /// 1 or 2.
    pub stage: usize,
    /// The epoch (perceptron) or L-BFGS iteration (CRF).
    pub epoch: usize,
    /// Training tokens the perceptron got wrong during the epoch (before its updates); 0 for a
    /// CRF.
    pub mistakes: usize,
    pub train_tokens: usize,
    /// Scores of the averaged weights on the development split, when there is one.
    pub dev: Option<Scores>,
    /// Seconds since training started.
    pub seconds: f64,
}

/// The result of [`train`].
#[derive(Debug)]
pub struct TrainOutcome {
    pub tagger: Tagger,
    pub epochs: Vec<EpochReport>,
    pub train_sentences: usize,
    pub dev_sentences: usize,
    /// The final (quantized) model's scores on the development split.
    pub dev: Option<Scores>,
    pub seconds: f64,
}

/// Splits off the last `dev_split` of the sentences: `(train, dev)`.
pub fn split_dev(
    sentences: &[TaggedSentence],
    dev_split: f64,
) -> (&[TaggedSentence], &[TaggedSentence]) {
    let n_dev = ((sentences.len() as f64) * dev_split.clamp(0.0, 1.0)).round() as usize;
    sentences.split_at(sentences.len() - n_dev.min(sentences.len()))
}

/// Features of a training set, as bucket rows.
pub(crate) struct Encoded {
    /// Bucket rows of every feature of every token, flattened.
    pub(crate) rows: Vec<u32>,
    /// Token `t` of the corpus has `rows[starts[t]..starts[t + 1]]`.
    pub(crate) starts: Vec<usize>,
    /// Sentence `s` covers tokens `bounds[s]..bounds[s + 1]`.
    pub(crate) bounds: Vec<usize>,
    pub(crate) gold: Vec<u8>,
    /// Token `t`'s first `lexical[t]` rows name the word itself.
    pub(crate) lexical: Vec<u32>,
}

impl Encoded {
    fn new(features: &[SentenceFeatures], gold: &[TaggedSentence], mask: u64) -> Encoded {
        let mut enc = Encoded {
            rows: Vec::new(),
            starts: vec![0],
            bounds: vec![0],
            gold: Vec::new(),
            lexical: Vec::new(),
        };
        for (f, s) in features.iter().zip(gold) {
            for i in 0..f.len() {
                enc.lexical.push(f.lexical(i) as u32);
                enc.rows
                    .extend(f.token(i).iter().map(|&h| (h & mask) as u32));
                enc.starts.push(enc.rows.len());
            }
            enc.gold.extend(s.tags.iter().map(|t| t.index() as u8));
            enc.bounds.push(enc.gold.len());
        }
        enc
    }
}

/// Averaged-perceptron state.
struct Perceptron {
    w: Vec<f32>,
    acc: Vec<f64>,
    start: [f64; NUM_TAGS],
    acc_start: [f64; NUM_TAGS],
    trans: [[f64; NUM_TAGS]; NUM_TAGS],
    acc_trans: [[f64; NUM_TAGS]; NUM_TAGS],
    /// Instances seen + 1 (the averaging timestamp).
    c: f64,
    bits: u32,
}

impl Perceptron {
    fn new(bits: u32) -> Perceptron {
        let n = (1usize << bits) * NUM_TAGS;
        Perceptron {
            w: vec![0.0; n],
            acc: vec![0.0; n],
            start: [0.0; NUM_TAGS],
            acc_start: [0.0; NUM_TAGS],
            trans: [[0.0; NUM_TAGS]; NUM_TAGS],
            acc_trans: [[0.0; NUM_TAGS]; NUM_TAGS],
            c: 1.0,
            bits,
        }
    }

    /// One pass over `order`; returns the tokens it got wrong.
    fn epoch(
        &mut self,
        enc: &Encoded,
        order: &[usize],
        dropout: (f64, &mut SplitMix),
        update: (f32, Option<f64>),
        bufs: &mut DecodeBuffers,
    ) -> usize {
        let (p_drop, rng) = dropout;
        let (margin, pa_cap) = update;
        let threshold = (p_drop.clamp(0.0, 1.0) * u64::MAX as f64) as u64;
        let mut mistakes = 0;
        for &s in order {
            let (t0, t1) = (enc.bounds[s], enc.bounds[s + 1]);
            bufs.emissions.clear();
            bufs.first_row.clear();
            for t in t0..t1 {
                // word dropout: hide the word's identity so that its context and shape learn
                let skip = if threshold > 0 && rng.next_u64() < threshold {
                    enc.lexical[t] as usize
                } else {
                    0
                };
                bufs.first_row.push(enc.starts[t] + skip);
                let mut e = [0f32; NUM_TAGS];
                for &r in &enc.rows[enc.starts[t] + skip..enc.starts[t + 1]] {
                    let row = &self.w[r as usize * NUM_TAGS..(r as usize + 1) * NUM_TAGS];
                    for k in 0..NUM_TAGS {
                        e[k] += row[k];
                    }
                }
                bufs.emissions.push(e);
            }
            let start = self.start.map(|x| x as f32);
            let trans = self.trans.map(|row| row.map(|x| x as f32));
            let (cs, ct) = constrained(&start, &trans);
            if margin > 0.0 {
                bufs.augmented.clone_from(&bufs.emissions);
                for (e, t) in bufs.augmented.iter_mut().zip(t0..t1) {
                    let g = enc.gold[t] as usize;
                    for (k, x) in e.iter_mut().enumerate() {
                        if k != g {
                            *x += margin;
                        }
                    }
                }
                crate::decode::viterbi(&bufs.augmented, &cs, &ct, &mut bufs.back, &mut bufs.pred);
            } else {
                crate::decode::viterbi(&bufs.emissions, &cs, &ct, &mut bufs.back, &mut bufs.pred);
            }
            let gold = &enc.gold[t0..t1];
            let wrong = gold
                .iter()
                .zip(&bufs.pred)
                .filter(|(&g, &p)| g as usize != p)
                .count();
            mistakes += wrong;
            if wrong == 0 {
                self.c += 1.0;
                continue;
            }
            let step = match pa_cap {
                None => 1.0,
                Some(cap) => {
                    // score of gold minus score of the prediction, and the squared norm of the
                    // feature difference (rows counted once per differing token and tag)
                    let mut diff = 0f64;
                    let mut norm = 0f64;
                    let mut prev: Option<(usize, usize)> = None;
                    for (i, t) in (t0..t1).enumerate() {
                        let (g, p) = (gold[i] as usize, bufs.pred[i]);
                        let e = &bufs.emissions[i];
                        diff += f64::from(e[g] - e[p]);
                        if g != p {
                            norm += 2.0 * (enc.starts[t + 1] - bufs.first_row[i]) as f64;
                        }
                        let (tg, tp) = match prev {
                            None => (start[g], start[p]),
                            Some((pg, pp)) => (trans[pg][g], trans[pp][p]),
                        };
                        diff += f64::from(tg - tp);
                        if g != p || prev.is_some_and(|(pg, pp)| pg != pp) {
                            norm += 2.0;
                        }
                        prev = Some((g, p));
                    }
                    ((wrong as f64 - diff) / norm.max(1.0)).clamp(0.0, cap)
                }
            };
            let (d32, c) = (step as f32, self.c);
            let dacc = step * c;
            let mut prev: Option<(usize, usize)> = None;
            for (i, t) in (t0..t1).enumerate() {
                let (g, p) = (gold[i] as usize, bufs.pred[i]);
                if g != p {
                    for &r in &enc.rows[bufs.first_row[i]..enc.starts[t + 1]] {
                        let base = r as usize * NUM_TAGS;
                        self.w[base + g] += d32;
                        self.acc[base + g] += dacc;
                        self.w[base + p] -= d32;
                        self.acc[base + p] -= dacc;
                    }
                }
                let same_path = prev.is_none_or(|(pg, pp)| pg == pp);
                if g != p || !same_path {
                    self.bump(prev.map(|x| x.0), g, step);
                    self.bump(prev.map(|x| x.1), p, -step);
                }
                prev = Some((g, p));
            }
            self.c += 1.0;
        }
        mistakes
    }

    fn bump(&mut self, prev: Option<usize>, cur: usize, delta: f64) {
        match prev {
            None => {
                self.start[cur] += delta;
                self.acc_start[cur] += delta * self.c;
            }
            Some(p) => {
                self.trans[p][cur] += delta;
                self.acc_trans[p][cur] += delta * self.c;
            }
        }
    }

    /// The averaged, quantized weights.
    fn averaged(&self) -> Weights {
        let (emit, start, trans) = self.averaged_raw();
        Weights::quantize(self.bits, &emit, start, trans)
    }

    /// The averaged weights before quantization: emission, start, transition.
    fn averaged_raw(&self) -> RawWeights {
        let c = self.c;
        let emit: Vec<f32> = self
            .w
            .iter()
            .zip(&self.acc)
            .map(|(&w, &a)| (f64::from(w) - a / c) as f32)
            .collect();
        let start = std::array::from_fn(|k| (self.start[k] - self.acc_start[k] / c) as f32);
        let trans = std::array::from_fn(|k| {
            std::array::from_fn(|j| (self.trans[k][j] - self.acc_trans[k][j] / c) as f32)
        });
        (emit, start, trans)
    }
}

pub(crate) type RawWeights = (Vec<f32>, [f32; NUM_TAGS], [[f32; NUM_TAGS]; NUM_TAGS]);

#[derive(Default)]
struct DecodeBuffers {
    first_row: Vec<usize>,
    emissions: Vec<[f32; NUM_TAGS]>,
    augmented: Vec<[f32; NUM_TAGS]>,
    back: Vec<[u8; NUM_TAGS]>,
    pred: Vec<usize>,
}

/// Trains averaged-perceptron weights on the sentences `subset` of `enc`, calling `on_epoch`
/// with the epoch, the mistakes and (when `averaged_each_epoch`) the averaged weights so far.
fn fit(
    enc: &Encoded,
    subset: &[usize],
    config: &TrainConfig,
    averaged_each_epoch: bool,
    mut on_epoch: impl FnMut(usize, usize, Option<Weights>),
) -> Weights {
    let crf = config.objective == Objective::Crf;
    let mixtures = if crf { 1 } else { config.mixtures.max(1) };
    let mut sum: Option<RawWeights> = None;
    if crf {
        let settings = crate::crf::CrfSettings {
            l2: config.crf_l2,
            iterations: config.crf_iterations,
        };
        sum = Some(crate::crf::fit(
            enc,
            subset,
            config.bucket_bits,
            settings,
            |it, _| on_epoch(it, 0, None),
        ));
    }
    for m in 0..if crf { 0 } else { mixtures } {
        let seed = config.seed.wrapping_add(m as u64);
        let mut p = Perceptron::new(config.bucket_bits);
        let mut order = subset.to_vec();
        let mut rng = SplitMix::new(seed);
        let mut drop_rng = SplitMix::new(seed ^ 0x64726f70);
        let mut bufs = DecodeBuffers::default();
        for epoch in 1..=config.epochs {
            rng.shuffle(&mut order);
            let mistakes = p.epoch(
                enc,
                &order,
                (config.word_dropout, &mut drop_rng),
                (config.margin, config.pa_cap),
                &mut bufs,
            );
            // progress is reported for the first run of a mixture
            if m == 0 {
                on_epoch(
                    epoch,
                    mistakes,
                    (averaged_each_epoch && mixtures == 1).then(|| p.averaged()),
                );
            }
        }
        let raw = p.averaged_raw();
        match &mut sum {
            None => sum = Some(raw),
            Some((emit, start, trans)) => {
                for (a, b) in emit.iter_mut().zip(&raw.0) {
                    *a += b;
                }
                for (a, b) in start.iter_mut().zip(raw.1) {
                    *a += b;
                }
                for (a, b) in trans.iter_mut().flatten().zip(raw.2.iter().flatten()) {
                    *a += b;
                }
            }
        }
    }
    let (mut emit, mut start, mut trans) = sum.unwrap_or_default();
    if mixtures > 1 {
        let n = mixtures as f32;
        emit.iter_mut().for_each(|x| *x /= n);
        start.iter_mut().for_each(|x| *x /= n);
        trans.iter_mut().flatten().for_each(|x| *x /= n);
    }
    if config.prune > 0.0 {
        for row in emit.chunks_exact_mut(NUM_TAGS) {
            if row.iter().all(|w| w.abs() < config.prune) {
                row.fill(0.0);
            }
        }
    }
    Weights::quantize(config.bucket_bits, &emit, start, trans)
}

/// Trains a tagger on `sentences` (the last `config.dev_split` of them held out and scored),
/// calling `progress` after each epoch of the last stage.
pub fn train(
    sentences: &[TaggedSentence],
    config: &TrainConfig,
    mut progress: impl FnMut(&EpochReport),
) -> Result<TrainOutcome> {
    if !(8..=24).contains(&config.bucket_bits) {
        return Err(Error::Training(format!(
            "bucket bits must be in 8..=24, not {}",
            config.bucket_bits
        )));
    }
    if config.epochs == 0 {
        return Err(Error::Training("at least one epoch is needed".into()));
    }
    if !(0.0..1.0).contains(&config.dev_split) {
        return Err(Error::Training(format!(
            "the development split must be in [0, 1), not {}",
            config.dev_split
        )));
    }
    if config.objective == Objective::Crf
        && (config.crf_iterations == 0 || !(config.crf_l2.is_finite() && config.crf_l2 >= 0.0))
    {
        return Err(Error::Training(format!(
            "a CRF needs at least one iteration and a finite L2 weight >= 0 (got {} and {})",
            config.crf_iterations, config.crf_l2
        )));
    }
    if config.second_stage && config.folds < 2 {
        return Err(Error::Training(
            "the second stage needs at least 2 folds".into(),
        ));
    }
    let clock = Instant::now();
    let (train_set, dev_set) = split_dev(sentences, config.dev_split);
    if train_set.len() < config.folds.max(1) {
        return Err(Error::Training(format!(
            "{} training sentences are too few",
            train_set.len()
        )));
    }
    let mask = (1u64 << config.bucket_bits) - 1;
    let mut scratch = Scratch::default();
    let mut first_features = Vec::with_capacity(train_set.len());
    let mut lookups = Vec::with_capacity(train_set.len());
    for s in train_set {
        let refs: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        let mut f = SentenceFeatures::default();
        extract(&refs, &mut scratch, &mut f);
        first_features.push(f);
        lookups.push((scratch.lookup_hashes.clone(), scratch.lookup_starts.clone()));
    }
    let enc1 = Encoded::new(&first_features, train_set, mask);
    let tokens = enc1.gold.len();
    let all: Vec<usize> = (0..train_set.len()).collect();
    let mut info = ModelInfo {
        trained_on: config.trained_on.clone(),
        sentences: train_set.len(),
        tokens,
        epochs: config.epochs,
        seed: config.seed,
        dev_split: config.dev_split,
        bucket_bits: config.bucket_bits,
        memory_sentences: if config.second_stage {
            config.memory_sentences
        } else {
            0
        },
        dev_micro_f1: None,
        licence: ANERCORP_LICENCE.to_string(),
    };
    let mut reports = Vec::new();
    let mut report = |stage: usize, epoch: usize, mistakes: usize, tagger: Option<Tagger>| {
        let dev = tagger
            .filter(|_| !dev_set.is_empty())
            .map(|t| evaluate(&t, dev_set));
        let r = EpochReport {
            stage,
            epoch,
            mistakes,
            train_tokens: tokens,
            dev,
            seconds: clock.elapsed().as_secs_f64(),
        };
        progress(&r);
        reports.push(r);
    };

    let tagger = if !config.second_stage {
        let first = fit(&enc1, &all, config, true, |epoch, mistakes, w| {
            let t = w.map(|w| Tagger::from_stages(Stage::new(w), None, info.clone()));
            report(1, epoch, mistakes, t);
        });
        Tagger::from_stages(
            Stage::new(penalize_outside(first, config.outside_penalty)),
            None,
            info.clone(),
        )
    } else {
        // jackknifed first-stage tags of the training sentences
        let n = train_set.len();
        let mut first_tags: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut bufs = DecodeBuffers::default();
        for fold in 0..config.folds {
            let (lo, hi) = (fold * n / config.folds, (fold + 1) * n / config.folds);
            let others: Vec<usize> = (0..lo).chain(hi..n).collect();
            let stage = Stage::new(fit(&enc1, &others, config, false, |_, _, _| {}));
            for s in lo..hi {
                stage.decode_into(
                    &first_features[s],
                    &mut bufs.emissions,
                    &mut bufs.back,
                    &mut first_tags[s],
                );
            }
        }
        let first = fit(&enc1, &all, config, false, |epoch, mistakes, _| {
            report(1, epoch, mistakes, None);
        });
        // second-stage features with the document memory, in document order
        let mut memory = Memory::new(config.memory_sentences);
        let mut counts = Vec::new();
        let mut second_features = Vec::with_capacity(n);
        for s in 0..n {
            let (hashes, starts) = &lookups[s];
            memory.lookup(hashes, starts, &first_tags[s], &mut counts);
            let mut f = SentenceFeatures::default();
            extend_second_stage(&first_features[s], &first_tags[s], &counts, &mut f, true);
            second_features.push(f);
            memory.remember(hashes, starts, &first_tags[s]);
        }
        drop(first_features);
        let enc2 = Encoded::new(&second_features, train_set, mask);
        drop(second_features);
        let first_stage = Stage::new(first);
        let second = fit(&enc2, &all, config, true, |epoch, mistakes, w| {
            let t = w.map(|w| {
                Tagger::from_stages(first_stage.clone(), Some(Stage::new(w)), info.clone())
            });
            report(2, epoch, mistakes, t);
        });
        let second = penalize_outside(second, config.outside_penalty);
        Tagger::from_stages(first_stage, Some(Stage::new(second)), info.clone())
    };
    let dev = (!dev_set.is_empty()).then(|| evaluate(&tagger, dev_set));
    info.dev_micro_f1 = dev.as_ref().map(|d| d.micro().f1);
    let mut tagger = tagger;
    if let Some(f1) = info.dev_micro_f1 {
        tagger.set_dev_f1(f1);
    }
    Ok(TrainOutcome {
        tagger,
        epochs: reports,
        train_sentences: train_set.len(),
        dev_sentences: dev_set.len(),
        dev,
        seconds: clock.elapsed().as_secs_f64(),
    })
}

/// Lowers the score of O (tag 0) by `penalty` at every token: at the first through the start
/// scores, after it through every transition into O.
pub(crate) fn penalize_outside(mut w: Weights, penalty: f32) -> Weights {
    if penalty != 0.0 {
        w.start[0] -= penalty;
        for row in &mut w.trans {
            row[0] -= penalty;
        }
    }
    w
}

/// Scores `tagger` on gold sentences, read in order as one stream (the document memory carries
/// from sentence to sentence, as in `marsad ner --conll`).
pub fn evaluate(tagger: &Tagger, gold: &[TaggedSentence]) -> Scores {
    let mut scores = Scores::default();
    let mut doc = tagger.document();
    for s in gold {
        let refs: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        let pred: Vec<Tag> = doc.tag(&refs);
        scores.add(&s.tags, &pred);
    }
    scores
}
