//! Word clusters learned from unlabelled Arabic text: words that occur in the same contexts
//! share a cluster, so a name never seen in the training data can still look like the names
//! that were (data/ner/clusters.tsv, made by `examples/clusters.rs`).
//!
//! The algorithm is the exchange algorithm for a predictive class bigram model (Uszkoreit &
//! Brants 2008): every word is put in one of `k` classes so as to maximise the likelihood of
//! P(next word | class of this word); a pass moves each word to the class that raises the
//! likelihood most. It is run at three sizes (32, 128, 512 classes) which play the part of
//! Brown clusters' bit prefixes: a coarse and a fine view of each word.
//!
//! More text and more words did not help. On the held-out 5-fold protocol (per-fold clusters,
//! mean micro-F1 against 0.7611 for the shipped 8,000 words of news-dev and ANERcorp), adding
//! the 2,932 event sentences (`--example clusters` reads their CSV) gave 0.7558 at 16,000 words
//! and 0.7565 at 5,000 (one fold of five higher each), and the same text as shipped at 16,000
//! words gave 0.7532 (no fold higher), at 5,000 words 0.7567.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::hash::{hash_str, mix, HashMap64};

/// The cluster sizes, coarse to fine (the columns of clusters.tsv).
pub const CLUSTER_SIZES: [usize; 3] = [32, 128, 512];

const CLUSTERS_TSV: &str = include_str!("../../../data/ner/clusters.tsv");

/// The clusters compiled into this build, by hash of the word's key.
pub(crate) struct Clusters {
    map: HashMap64<[u16; 3]>,
    fingerprint: u64,
}

fn word_hash(key: &str) -> u64 {
    hash_str(0x636c, key)
}

impl Clusters {
    pub(crate) fn get() -> &'static Clusters {
        static CLUSTERS: OnceLock<Clusters> = OnceLock::new();
        CLUSTERS.get_or_init(|| {
            // experiments may point NER_CLUSTERS at another file (cross-validation folds);
            // the fingerprint covers whichever text is used
            let text = match std::env::var("NER_CLUSTERS") {
                Ok(p) if !p.is_empty() => std::fs::read_to_string(p).unwrap_or_default(),
                _ => CLUSTERS_TSV.to_string(),
            };
            Clusters::parse(&text)
        })
    }

    fn parse(text: &str) -> Clusters {
        let mut map = HashMap64::default();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 4 {
                continue;
            }
            let ids: Vec<u16> = f[1..].iter().filter_map(|x| x.parse().ok()).collect();
            if ids.len() == 3 {
                map.insert(word_hash(f[0]), [ids[0], ids[1], ids[2]]);
            }
        }
        Clusters {
            map,
            fingerprint: hash_str(0x636c_7573, text),
        }
    }

    pub(crate) fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The clusters of the first of `keys` (a word's surface key, then its stems) that has one.
    pub(crate) fn of_any<'a>(&self, keys: impl IntoIterator<Item = &'a str>) -> Option<[u16; 3]> {
        keys.into_iter()
            .find_map(|k| self.map.get(&word_hash(k)).copied())
    }
}

/// Learns clusters from sentences of word keys: returns `(word, count, [class at each of
/// CLUSTER_SIZES])`, most frequent word first. Deterministic.
pub fn learn_clusters(sentences: &[Vec<String>], passes: usize) -> Vec<(String, usize, [u16; 3])> {
    // vocabulary by frequency (ties by the word), with sentence boundaries as word 0
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for s in sentences {
        for w in s {
            *counts.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut vocab: Vec<(&str, usize)> = counts.into_iter().collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let index: HashMap<&str, u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i as u32 + 1))
        .collect();
    let v = vocab.len() + 1;
    // successors of each word with counts
    let mut succ: Vec<HashMap<u32, u32>> = vec![HashMap::new(); v];
    for s in sentences {
        let ids: Vec<u32> = s.iter().map(|w| index[w.as_str()]).collect();
        let mut prev = 0u32;
        for &id in ids.iter().chain(std::iter::once(&0)) {
            *succ[prev as usize].entry(id).or_default() += 1;
            prev = id;
        }
    }
    let succ: Vec<Vec<(u32, u32)>> = succ
        .into_iter()
        .map(|m| {
            let mut e: Vec<(u32, u32)> = m.into_iter().collect();
            e.sort_unstable();
            e
        })
        .collect();
    let mut out: Vec<[u16; 3]> = vec![[0; 3]; v];
    for (level, &k) in CLUSTER_SIZES.iter().enumerate() {
        let class = exchange(&succ, k, passes);
        for (w, c) in class.iter().enumerate() {
            out[w][level] = *c as u16;
        }
    }
    vocab
        .iter()
        .enumerate()
        .map(|(i, (w, n))| (w.to_string(), *n, out[i + 1]))
        .collect()
}

fn xlogx(x: f64) -> f64 {
    if x > 0.0 {
        x * x.ln()
    } else {
        0.0
    }
}

/// The exchange algorithm: `succ[w]` are the (next word, count) pairs of word `w`.
fn exchange(succ: &[Vec<(u32, u32)>], k: usize, passes: usize) -> Vec<u32> {
    let v = succ.len();
    let mut class: Vec<u32> = (0..v).map(|w| (w % k) as u32).collect();
    // N(c, w) and N(c)
    // keyed by the mixed word id (a bijection): a cheap hash, and no iteration order is used
    let mut ncw: Vec<HashMap64<f64>> = vec![HashMap64::default(); k];
    let mut nc = vec![0f64; k];
    for (w, s) in succ.iter().enumerate() {
        let c = class[w] as usize;
        for &(x, n) in s {
            *ncw[c].entry(mix(u64::from(x))).or_default() += f64::from(n);
            nc[c] += f64::from(n);
        }
    }
    for _ in 0..passes {
        let mut moved = 0;
        for w in 0..v {
            let s = &succ[w];
            let total: f64 = s.iter().map(|&(_, n)| f64::from(n)).sum();
            if total == 0.0 {
                continue;
            }
            let old = class[w] as usize;
            // take w out of its class
            for &(x, n) in s {
                let e = ncw[old].get_mut(&mix(u64::from(x))).expect("counted");
                *e -= f64::from(n);
            }
            nc[old] -= total;
            // the gain of putting w in each class
            let mut best = (old, f64::NEG_INFINITY);
            let keys: Vec<u64> = s.iter().map(|&(x, _)| mix(u64::from(x))).collect();
            for c in 0..k {
                let mut gain = xlogx(nc[c]) - xlogx(nc[c] + total);
                for (&(_, n), key) in s.iter().zip(&keys) {
                    let have = ncw[c].get(key).copied().unwrap_or(0.0);
                    gain += xlogx(have + f64::from(n)) - xlogx(have);
                }
                if gain > best.1 + 1e-9 {
                    best = (c, gain);
                }
            }
            let new = best.0;
            for &(x, n) in s {
                *ncw[new].entry(mix(u64::from(x))).or_default() += f64::from(n);
            }
            nc[new] += total;
            if new != old {
                moved += 1;
                class[w] = new as u32;
            }
        }
        if moved == 0 {
            break;
        }
    }
    class
}
