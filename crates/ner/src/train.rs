//! Training: an averaged structured perceptron (Collins 2002) over hashed features, decoded with
//! the same constrained Viterbi as prediction.
//!
//! Why this model: it trains in seconds on one core, needs no tuning beyond the number of
//! epochs, and with averaging comes close to a CRF on rich lexical features; prediction is a
//! sum of table lookups and a 9-state Viterbi, far above the speed the pipeline needs.
//!
//! Reproducible: the sentence order of each epoch comes from a seeded generator, hashing is
//! stable, and everything runs on one thread, so the same data, settings and seed give the same
//! model file byte for byte.

use std::time::Instant;

use crate::conll::TaggedSentence;
use crate::error::{Error, Result};
use crate::eval::Scores;
use crate::features::{extract, Scratch, SentenceFeatures};
use crate::hash::SplitMix;
use crate::model::{constrained, ModelInfo, Weights, ANERCORP_LICENCE};
use crate::tag::{Tag, NUM_TAGS};
use crate::tagger::Tagger;

/// Training settings.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// Passes over the training sentences.
    pub epochs: usize,
    /// Seeds the order of sentences in each pass.
    pub seed: u64,
    /// The fraction of sentences, taken from the end of the data, held out as a development
    /// split (0 trains on everything).
    pub dev_split: f64,
    /// The weight table has 2^bucket_bits rows.
    pub bucket_bits: u32,
    /// Recorded in the model (the training file's name).
    pub trained_on: String,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 12,
            seed: 1,
            dev_split: 0.1,
            bucket_bits: 20,
            trained_on: String::new(),
        }
    }
}

/// Progress after one epoch.
#[derive(Debug, Clone)]
pub struct EpochReport {
    pub epoch: usize,
    /// Training tokens the perceptron got wrong during the epoch (before its updates).
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
pub fn split_dev(sentences: &[TaggedSentence], dev_split: f64) -> (&[TaggedSentence], &[TaggedSentence]) {
    let n_dev = ((sentences.len() as f64) * dev_split.clamp(0.0, 1.0)).round() as usize;
    sentences.split_at(sentences.len() - n_dev.min(sentences.len()))
}

struct Encoded {
    /// Bucket rows of every feature of every token, flattened.
    rows: Vec<u32>,
    /// Token `t` of the corpus has `rows[starts[t]..starts[t + 1]]`.
    starts: Vec<usize>,
    /// Sentence `s` covers tokens `bounds[s]..bounds[s + 1]`.
    bounds: Vec<usize>,
    gold: Vec<u8>,
}

fn encode(sentences: &[TaggedSentence], mask: u64) -> Encoded {
    let mut enc = Encoded {
        rows: Vec::new(),
        starts: vec![0],
        bounds: vec![0],
        gold: Vec::new(),
    };
    let mut scratch = Scratch::default();
    let mut feats = SentenceFeatures::default();
    for s in sentences {
        let refs: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        extract(&refs, &mut scratch, &mut feats);
        for i in 0..feats.len() {
            enc.rows
                .extend(feats.token(i).iter().map(|&h| (h & mask) as u32));
            enc.starts.push(enc.rows.len());
        }
        enc.gold.extend(s.tags.iter().map(|t| t.index() as u8));
        enc.bounds.push(enc.gold.len());
    }
    enc
}

/// Trains a tagger on `sentences` (the last `config.dev_split` of them held out and scored),
/// calling `progress` after each epoch.
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
    let clock = Instant::now();
    let (train_set, dev_set) = split_dev(sentences, config.dev_split);
    if train_set.is_empty() {
        return Err(Error::Training("no training sentences".into()));
    }
    let bits = config.bucket_bits;
    let mask = (1u64 << bits) - 1;
    let enc = encode(train_set, mask);
    let n_rows = 1usize << bits;

    // averaged perceptron: w the current weights, acc the timestamp-weighted sum of updates,
    // average = w - acc / c
    let mut w = vec![0f32; n_rows * NUM_TAGS];
    let mut acc = vec![0f64; n_rows * NUM_TAGS];
    let mut ws = [0f64; NUM_TAGS];
    let mut wt = [[0f64; NUM_TAGS]; NUM_TAGS];
    let mut acc_s = [0f64; NUM_TAGS];
    let mut acc_t = [[0f64; NUM_TAGS]; NUM_TAGS];
    let mut c: f64 = 1.0;

    let mut order: Vec<usize> = (0..train_set.len()).collect();
    let mut rng = SplitMix::new(config.seed);
    let mut emissions: Vec<[f32; NUM_TAGS]> = Vec::new();
    let mut back = Vec::new();
    let mut pred = Vec::new();
    let mut reports = Vec::new();

    for epoch in 1..=config.epochs {
        rng.shuffle(&mut order);
        let mut mistakes = 0usize;
        for &s in &order {
            let (t0, t1) = (enc.bounds[s], enc.bounds[s + 1]);
            emissions.clear();
            for t in t0..t1 {
                let mut e = [0f32; NUM_TAGS];
                for &r in &enc.rows[enc.starts[t]..enc.starts[t + 1]] {
                    let row = &w[r as usize * NUM_TAGS..(r as usize + 1) * NUM_TAGS];
                    for k in 0..NUM_TAGS {
                        e[k] += row[k];
                    }
                }
                emissions.push(e);
            }
            let start32 = ws.map(|x| x as f32);
            let trans32 = wt.map(|row| row.map(|x| x as f32));
            let (cs, ct) = constrained(&start32, &trans32);
            crate::decode::viterbi(&emissions, &cs, &ct, &mut back, &mut pred);
            let gold = &enc.gold[t0..t1];
            let mut prev_gold: Option<usize> = None;
            let mut prev_pred: Option<usize> = None;
            for (i, t) in (t0..t1).enumerate() {
                let (g, p) = (gold[i] as usize, pred[i]);
                if g != p {
                    mistakes += 1;
                    for &r in &enc.rows[enc.starts[t]..enc.starts[t + 1]] {
                        let base = r as usize * NUM_TAGS;
                        w[base + g] += 1.0;
                        acc[base + g] += c;
                        w[base + p] -= 1.0;
                        acc[base + p] -= c;
                    }
                }
                if (prev_gold, g) != (prev_pred, p) {
                    match prev_gold {
                        None => {
                            ws[g] += 1.0;
                            acc_s[g] += c;
                        }
                        Some(pg) => {
                            wt[pg][g] += 1.0;
                            acc_t[pg][g] += c;
                        }
                    }
                    match prev_pred {
                        None => {
                            ws[p] -= 1.0;
                            acc_s[p] -= c;
                        }
                        Some(pp) => {
                            wt[pp][p] -= 1.0;
                            acc_t[pp][p] -= c;
                        }
                    }
                }
                prev_gold = Some(g);
                prev_pred = Some(p);
            }
            c += 1.0;
        }
        let tagger = averaged(&w, &acc, &ws, &acc_s, &wt, &acc_t, c, config, train_set, enc.gold.len());
        let dev = (!dev_set.is_empty()).then(|| evaluate(&tagger, dev_set));
        let report = EpochReport {
            epoch,
            mistakes,
            train_tokens: enc.gold.len(),
            dev,
            seconds: clock.elapsed().as_secs_f64(),
        };
        progress(&report);
        reports.push(report);
    }
    let mut tagger = averaged(&w, &acc, &ws, &acc_s, &wt, &acc_t, c, config, train_set, enc.gold.len());
    let dev = (!dev_set.is_empty()).then(|| evaluate(&tagger, dev_set));
    if let Some(d) = &dev {
        tagger.set_dev_f1(d.micro().f1);
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

/// The averaged, quantized model.
#[allow(clippy::too_many_arguments)]
fn averaged(
    w: &[f32],
    acc: &[f64],
    ws: &[f64; NUM_TAGS],
    acc_s: &[f64; NUM_TAGS],
    wt: &[[f64; NUM_TAGS]; NUM_TAGS],
    acc_t: &[[f64; NUM_TAGS]; NUM_TAGS],
    c: f64,
    config: &TrainConfig,
    train_set: &[TaggedSentence],
    tokens: usize,
) -> Tagger {
    let emit: Vec<f32> = w
        .iter()
        .zip(acc)
        .map(|(&w, &a)| (f64::from(w) - a / c) as f32)
        .collect();
    let mut start = [0f32; NUM_TAGS];
    let mut trans = [[0f32; NUM_TAGS]; NUM_TAGS];
    for k in 0..NUM_TAGS {
        start[k] = (ws[k] - acc_s[k] / c) as f32;
        for j in 0..NUM_TAGS {
            trans[k][j] = (wt[k][j] - acc_t[k][j] / c) as f32;
        }
    }
    let weights = Weights::quantize(config.bucket_bits, &emit, start, trans);
    let info = ModelInfo {
        trained_on: config.trained_on.clone(),
        sentences: train_set.len(),
        tokens,
        epochs: config.epochs,
        seed: config.seed,
        dev_split: config.dev_split,
        bucket_bits: config.bucket_bits,
        dev_micro_f1: None,
        licence: ANERCORP_LICENCE.to_string(),
    };
    Tagger::from_weights(weights, info)
}

/// Scores `tagger` on gold sentences.
pub fn evaluate(tagger: &Tagger, gold: &[TaggedSentence]) -> Scores {
    let mut scores = Scores::default();
    for s in gold {
        let refs: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
        let pred: Vec<Tag> = tagger.tag(&refs);
        scores.add(&s.tags, &pred);
    }
    scores
}
