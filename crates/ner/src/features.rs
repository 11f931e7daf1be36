//! Features of a token in its sentence, as 64-bit hashes (feature hashing: the model maps each
//! hash to a row of weights, so no vocabulary is stored).
//!
//! For token `i`, with `key` the matching key ([`marsad_arabic::key`], digits folded to 0) and
//! `stem` the key behind its proclitics and article ([`marsad_arabic::readings`]):
//! - the word: key, every clitic reading, prefixes and suffixes of the key (1-4 chars) and of the
//!   stem (1-3), character trigrams, shape (Arabic/Latin/digit/punctuation runs), length bucket,
//!   which proclitics it carries, first/last in the sentence;
//! - the neighbours: keys and stems at -2..+2, bigrams (-1,0), (0,+1), (-1,+1), stem bigram
//!   (-1,0), shapes (-1,0,+1);
//! - word clusters (see `clusters.rs`): the token's class at 32, 128 and 512 classes, its
//!   neighbours' (±1) at 32 and 128, and the 128-class bigrams (-1,0) and (0,+1);
//! - name shapes: a nisba family name («الحسيني»), a foreign-name ending («ـوف», «ـسكي»,
//!   «ـيتش»), letters only foreign words use (پ چ ڤ گ ژ);
//! - cues: the lists that tokens -2..+2 begin or continue (see `lexicon.rs`: the hand-written
//!   lists of data/ner/lexicon, the gazetteer of marsad-geo by feature class, the actor and title
//!   lexicons of data/events).
//!
//! The previous tag is not a feature here: it is the model's transition matrix.
//!
//! Candidate organisation names did not help: a head noun of the org-cues list («وزارة»,
//! «حزب», «جامعة», behind proclitics and article) starting a candidate that extends over the
//! construct after it (up to five words, stopping at punctuation, function words and reporting
//! verbs, «بال…» words, «وال…» after an indefinite word), with the token's place in it
//! (head/inside/last/the word after), the candidate's length and the head's class as features
//! of both stages, gave 0.7576 on the held-out 5-fold protocol against 0.7611 (one fold of five
//! higher), without raising ORG recall (higher on one fold). In the folds' data only 486 of
//! 1,283 ORG names begin with such a head, and 1,233 of 1,750 head words are O («القوات
//! الأمريكية»): the cue features at -2..+2 already say what the candidate says. The same candidates as
//! second-stage features only, joined with the first stage's tag of the token (to extend names
//! it tagged O or cut short), gave 0.7581 (folds 0 and 2 higher, fold 1 .7688 against .7829).
//!
//! Invariant: a change to what is extracted must bump [`FEATURE_VERSION`], which changes
//! [`fingerprint`] so that an old model refuses to load instead of tagging garbage.

use marsad_arabic::{digit_value, is_arabic_letter, is_arabic_mark, key_into};

use crate::clusters::Clusters;
use crate::hash::{combine, hash_str, mix, HashMap64};
use crate::lexicon::{word_hash, Cues, Lexicon, NUM_LISTS};

/// Bump on any change to the features below.
pub(crate) const FEATURE_VERSION: u64 = 3;

/// Identifies the feature set: this file's version and the cue lists' contents.
pub(crate) fn fingerprint() -> u64 {
    combine(
        combine(mix(FEATURE_VERSION), Lexicon::get().fingerprint()),
        Clusters::get().fingerprint(),
    )
}

/// At most this many characters of a token feed its character features (a token of a million
/// letters costs no more than one of 48).
const MAX_FEATURE_CHARS: usize = 48;

// Template ids (mixed with the value they name).
const T_BIAS: u64 = 1;
const T_KEY: u64 = 2;
const T_READING: u64 = 3;
const T_PREFIX: u64 = 4;
const T_SUFFIX: u64 = 5;
const T_STEM_PREFIX: u64 = 6;
const T_STEM_SUFFIX: u64 = 7;
const T_TRIGRAM: u64 = 8;
const T_SHAPE: u64 = 9;
const T_LENGTH: u64 = 10;
const T_CLITICS: u64 = 11;
const T_EDGE: u64 = 12;
const T_KEY_AT: u64 = 20;
const T_STEM_AT: u64 = 30;
const T_BIGRAM_LEFT: u64 = 40;
const T_BIGRAM_RIGHT: u64 = 41;
const T_BIGRAM_AROUND: u64 = 42;
const T_STEM_BIGRAM: u64 = 43;
const T_SHAPES: u64 = 44;
const T_NAME_SHAPE: u64 = 45;
const T_CUE_BEGIN: u64 = 50;
const T_CUE_INSIDE: u64 = 60;
const T_FIRST_TAG: u64 = 70;
const T_FIRST_TAG_LEFT: u64 = 71;
const T_FIRST_TAG_RIGHT: u64 = 72;
const T_MEMORY: u64 = 73;
const T_MEMORY_MAJOR: u64 = 74;
const T_MEMORY_WITH_TAG: u64 = 75;
const T_CLUSTER: u64 = 80;
const T_CLUSTER_BIGRAM: u64 = 97;
const T_CLUSTER_LEFT: u64 = 84;
const T_CLUSTER_RIGHT: u64 = 88;

#[inline]
fn feat(template: u64, value: u64) -> u64 {
    combine(mix(template), value)
}

/// The features of each token of one sentence, flattened.
#[derive(Debug, Default, Clone)]
pub(crate) struct SentenceFeatures {
    hashes: Vec<u64>,
    /// `starts[i]..starts[i + 1]` are token `i`'s features.
    starts: Vec<usize>,
    /// The first `lexical[i]` features of token `i` name the word itself (its key, readings,
    /// bigrams with it): what word dropout hides in training.
    lexical: Vec<u32>,
    /// Where token `i`'s own features (those of its word alone, the same in every sentence)
    /// are: see [`OwnPart`].
    own: Vec<OwnPart>,
}

/// A token's own features are its first `lexical` features and, after the four bigrams, the
/// next `len - lexical`: together they depend only on the word, so their weights can be summed
/// once per word (the word is number `word` of the scratch's word cache).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct OwnPart {
    pub(crate) lexical: u32,
    pub(crate) len: u32,
    pub(crate) word: u32,
}

/// How many features lie between a token's own lexical features and the rest of its own ones.
pub(crate) const BIGRAMS: usize = 4;

impl SentenceFeatures {
    pub(crate) fn own(&self, i: usize) -> OwnPart {
        self.own[i]
    }

    pub(crate) fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub(crate) fn token(&self, i: usize) -> &[u64] {
        &self.hashes[self.starts[i]..self.starts[i + 1]]
    }

    pub(crate) fn lexical(&self, i: usize) -> usize {
        self.lexical[i] as usize
    }
}

/// What the neighbours of a token see of it.
#[derive(Clone, Copy)]
struct Context {
    key: u64,
    stem: u64,
    shape: u64,
    /// The word's cluster at each size, [`NO_CLUSTER`] for a word without one.
    cluster: [u16; 3],
}

/// The cluster of a word the cluster file does not know; sentence edges have their own.
const NO_CLUSTER: [u16; 3] = [u16::MAX; 3];

const BOS: Context = Context {
    key: 0x626f_7331,
    stem: 0x626f_7332,
    shape: 0x626f_7333,
    cluster: [u16::MAX - 1; 3],
};
const EOS: Context = Context {
    key: 0x656f_7331,
    stem: 0x656f_7332,
    shape: 0x656f_7333,
    cluster: [u16::MAX - 2; 3],
};

/// Reused buffers for [`extract`].
#[derive(Default)]
pub(crate) struct Scratch {
    /// Each token's key and lookup keys as the cue lists hash them ([`word_hash`]).
    key_hashes: Vec<u64>,
    cue_hashes: Vec<u64>,
    cue_starts: Vec<usize>,
    /// Hashes of each token's lookup keys (surface key and clitic readings), flattened: what
    /// the document memory matches on.
    pub(crate) lookup_hashes: Vec<u64>,
    pub(crate) lookup_starts: Vec<usize>,
    cues: Vec<Cues>,
    contexts: Vec<Context>,
    own: Vec<u64>,
    own_starts: Vec<usize>,
    own_lexical: Vec<usize>,
    padded: String,
    bounds: Vec<usize>,
    /// The word's key, the byte offset of each of its chars, its clitic readings and its lookup
    /// keys (texts side by side in `cand_text`): reused, so a new word allocates nothing.
    key: String,
    key_bounds: Vec<usize>,
    readings: Vec<ReadingAt>,
    cand_text: String,
    cand_ranges: Vec<(usize, usize)>,
    /// What [`word_features`] said of recent words, by hash of the word: news repeats its
    /// words, and a word's own features do not depend on its sentence.
    cache: HashMap64<CachedWord>,
    /// The cached words' texts and hashes, side by side (cleared with the cache).
    arena_text: String,
    arena: Vec<u64>,
    /// For the tagger: the summed weights of each cached word's own features, by word number
    /// ([`OwnPart::word`]), for the model `sums_owner` (cleared with the cache).
    pub(crate) word_sums: Vec<Option<[[i32; crate::tag::NUM_TAGS]; 2]>>,
    pub(crate) sums_owner: u64,
    /// Set by the tagger that keeps `word_sums`: a word whose sums it has gets no own features
    /// in [`extract`]'s output (its [`OwnPart`] is empty), since they would not be read.
    pub(crate) lean: bool,
    /// How many of each token's own features the word cache holds (the sentence edges follow).
    own_cached: Vec<u32>,
    words: Vec<u32>,
}

/// The words a [`Scratch`] remembers before it starts afresh.
const CACHE_WORDS: usize = 1 << 15;

/// [`word_features`]' results for one word; its texts and hashes sit in the scratch's arenas:
/// the word is `arena_text[text.0..text.1]`, its own features `arena[own.0..own.1]`, then come
/// its cue list hashes (`cues` of them) and as many document memory hashes.
struct CachedWord {
    /// Numbered in order of arrival since the cache was last cleared.
    id: u32,
    text: (u32, u32),
    own: (u32, u32),
    cues: u32,
    lexical: u32,
    context: Context,
    key_hash: u64,
}

/// A clitic reading of a word's key (see [`marsad_arabic::readings`]), as byte offsets into
/// the key: the proclitics are `key[..prefix_end]`, the stem `key[stem_start..]`.
#[derive(Clone, Copy)]
struct ReadingAt {
    prefix_end: usize,
    article: bool,
    stem_start: usize,
}

/// Extracts the features of `tokens` (one sentence) into `out`.
pub(crate) fn extract(tokens: &[&str], scratch: &mut Scratch, out: &mut SentenceFeatures) {
    let n = tokens.len();
    out.hashes.clear();
    out.starts.clear();
    scratch.key_hashes.clear();
    scratch.cue_hashes.clear();
    scratch.cue_starts.clear();
    scratch.lookup_hashes.clear();
    scratch.lookup_starts.clear();
    scratch.contexts.clear();
    scratch.own.clear();
    scratch.own_starts.clear();
    scratch.own_lexical.clear();
    out.lexical.clear();
    scratch.cues.clear();
    scratch.cues.resize(n, Cues::default());

    let mut cache = std::mem::take(&mut scratch.cache);
    if cache.len() >= CACHE_WORDS {
        cache.clear();
        scratch.arena_text.clear();
        scratch.arena.clear();
        scratch.word_sums.clear();
    }
    scratch.own_cached.clear();
    scratch.words.clear();
    out.own.clear();
    for (i, word) in tokens.iter().enumerate() {
        let own_start = scratch.own.len();
        scratch.own_starts.push(own_start);
        scratch.lookup_starts.push(scratch.lookup_hashes.len());
        let h = hash_str(7, word);
        let text = &scratch.arena_text;
        let c = match cache
            .get(&h)
            .filter(|c| &text[c.text.0 as usize..c.text.1 as usize] == *word)
        {
            Some(c) => {
                let known = scratch.lean
                    && scratch
                        .word_sums
                        .get(c.id as usize)
                        .is_some_and(Option::is_some);
                if !known {
                    scratch
                        .own
                        .extend_from_slice(&scratch.arena[c.own.0 as usize..c.own.1 as usize]);
                }
                (c, known)
            }
            None => {
                let (context, lexical) = word_features(word, scratch);
                let text_start = scratch.arena_text.len() as u32;
                scratch.arena_text.push_str(word);
                let own_at = scratch.arena.len() as u32;
                scratch.arena.extend_from_slice(&scratch.own[own_start..]);
                let own_end = scratch.arena.len() as u32;
                let cands = &scratch.cand_ranges;
                let ctext = &scratch.cand_text;
                scratch
                    .arena
                    .extend(cands.iter().map(|&(a, b)| word_hash(&ctext[a..b])));
                scratch
                    .arena
                    .extend(cands.iter().map(|&(a, b)| hash_str(3, &ctext[a..b])));
                let entry = CachedWord {
                    id: cache.len() as u32,
                    text: (text_start, scratch.arena_text.len() as u32),
                    own: (own_at, own_end),
                    cues: cands.len() as u32,
                    lexical: lexical as u32,
                    context,
                    key_hash: word_hash(&scratch.key),
                };
                (&*cache.entry(h).insert_entry(entry).into_mut(), false)
            }
        };
        let (c, known) = c;
        let (cue_at, n_cues) = (c.own.1 as usize, c.cues as usize);
        let cue_hashes = &scratch.arena[cue_at..cue_at + n_cues];
        let lookup_hashes = &scratch.arena[cue_at + n_cues..cue_at + 2 * n_cues];
        if known {
            scratch.own_lexical.push(0);
            scratch.own_cached.push(0);
        } else {
            scratch.own_lexical.push(c.lexical as usize);
            scratch.own_cached.push(c.own.1 - c.own.0);
        }
        scratch.words.push(c.id);
        scratch.contexts.push(c.context);
        scratch.key_hashes.push(c.key_hash);
        scratch.lookup_hashes.extend_from_slice(lookup_hashes);
        scratch.cue_starts.push(scratch.cue_hashes.len());
        scratch.cue_hashes.extend_from_slice(cue_hashes);
        // the sentence's edges: the only own features that depend on the position
        if i == 0 {
            scratch.own.push(feat(T_EDGE, 1));
        }
        if i + 1 == n {
            scratch.own.push(feat(T_EDGE, 2));
        }
    }
    scratch.cache = cache;
    scratch.lookup_starts.push(scratch.lookup_hashes.len());
    scratch.own_starts.push(scratch.own.len());
    scratch.cue_starts.push(scratch.cue_hashes.len());
    Lexicon::get().mark_hashed(
        &scratch.cue_hashes,
        &scratch.cue_starts,
        &scratch.key_hashes,
        &mut scratch.cues,
    );

    let at = |j: isize| -> Context {
        if j < 0 {
            BOS
        } else if j as usize >= n {
            EOS
        } else {
            scratch.contexts[j as usize]
        }
    };
    for i in 0..n {
        out.starts.push(out.hashes.len());
        let (own_start, own_end) = (scratch.own_starts[i], scratch.own_starts[i + 1]);
        let lexical_end = own_start + scratch.own_lexical[i];
        out.hashes
            .extend_from_slice(&scratch.own[own_start..lexical_end]);
        let ii = i as isize;
        let (c0, l1, l2, r1, r2) = (at(ii), at(ii - 1), at(ii - 2), at(ii + 1), at(ii + 2));
        out.hashes
            .push(feat(T_BIGRAM_LEFT, combine(l1.key, c0.key)));
        out.hashes
            .push(feat(T_BIGRAM_RIGHT, combine(c0.key, r1.key)));
        out.hashes
            .push(feat(T_STEM_BIGRAM, combine(l1.stem, c0.stem)));
        out.lexical.push((out.hashes.len() - out.starts[i]) as u32);
        out.own.push(OwnPart {
            lexical: scratch.own_lexical[i] as u32,
            len: scratch.own_cached[i],
            word: scratch.words[i],
        });
        out.hashes
            .push(feat(T_BIGRAM_AROUND, combine(l1.key, r1.key)));
        out.hashes
            .extend_from_slice(&scratch.own[lexical_end..own_end]);
        for (d, c) in [(0u64, l2), (1, l1), (3, r1), (4, r2)] {
            out.hashes.push(feat(T_KEY_AT + d, c.key));
            out.hashes.push(feat(T_STEM_AT + d, c.stem));
        }
        out.hashes.push(feat(
            T_SHAPES,
            combine(combine(l1.shape, c0.shape), r1.shape),
        ));
        // word clusters: the token's at every size, the neighbours' coarse and middle ones
        if c0.cluster != NO_CLUSTER {
            for (level, &c) in c0.cluster.iter().enumerate() {
                out.hashes
                    .push(feat(T_CLUSTER + level as u64, u64::from(c)));
            }
        }
        {
            // middle-size cluster bigrams (-1,0) and (0,+1)
            let (a, b, c) = (l1.cluster[1], c0.cluster[1], r1.cluster[1]);
            out.hashes
                .push(feat(T_CLUSTER_BIGRAM, u64::from(a) << 16 | u64::from(b)));
            out.hashes.push(feat(
                T_CLUSTER_BIGRAM + 1,
                u64::from(b) << 16 | u64::from(c),
            ));
        }
        for level in 0..2 {
            if l1.cluster != NO_CLUSTER {
                let c = u64::from(l1.cluster[level]);
                out.hashes.push(feat(T_CLUSTER_LEFT + level as u64, c));
            }
            if r1.cluster != NO_CLUSTER {
                let c = u64::from(r1.cluster[level]);
                out.hashes.push(feat(T_CLUSTER_RIGHT + level as u64, c));
            }
        }
        for d in -2isize..=2 {
            let j = ii + d;
            if j < 0 || j as usize >= n {
                continue;
            }
            let cue = scratch.cues[j as usize];
            for list in 0..NUM_LISTS {
                let bit = 1u16 << list;
                let slot = ((d + 2) as u64) * 16 + list as u64;
                if cue.begin & bit != 0 {
                    out.hashes.push(feat(T_CUE_BEGIN, slot));
                }
                if cue.inside & bit != 0 {
                    out.hashes.push(feat(T_CUE_INSIDE, slot));
                }
            }
        }
    }
    out.starts.push(out.hashes.len());
}

/// What the document memory knows of a token: how often each of its lookup keys was tagged
/// PERS, LOC, ORG, MISC (as the first stage tagged them) or O elsewhere in the document.
pub(crate) type MemoryCounts = [u16; 5];

/// Second-stage features: the first stage's tags around the token and what the document memory
/// says of it. Appended to each token's first-stage features into `out` (or, without
/// `with_first`, only these: the tagger has already summed the first-stage features' weights).
pub(crate) fn extend_second_stage(
    first: &SentenceFeatures,
    first_tags: &[usize],
    memory: &[MemoryCounts],
    out: &mut SentenceFeatures,
    with_first: bool,
) {
    out.hashes.clear();
    out.starts.clear();
    out.lexical.clone_from(&first.lexical);
    let n = first.len();
    let tag_at = |j: isize| -> u64 {
        if j < 0 || j as usize >= n {
            99
        } else {
            first_tags[j as usize] as u64
        }
    };
    for (i, &m) in memory.iter().enumerate().take(n) {
        out.starts.push(out.hashes.len());
        if with_first {
            out.hashes.extend_from_slice(first.token(i));
        }
        let ii = i as isize;
        out.hashes.push(feat(T_FIRST_TAG, tag_at(ii)));
        out.hashes.push(feat(T_FIRST_TAG_LEFT, tag_at(ii - 1)));
        out.hashes.push(feat(T_FIRST_TAG_RIGHT, tag_at(ii + 1)));
        let entity = m[..4].iter().copied().max().unwrap_or(0);
        for (class, &count) in m.iter().enumerate() {
            if count > 0 {
                out.hashes.push(feat(T_MEMORY, class as u64));
            }
        }
        if entity > 0 {
            let major = m[..4].iter().position(|&c| c == entity).unwrap_or(0) as u64;
            let dominant = u64::from(entity >= m[4]);
            out.hashes.push(feat(T_MEMORY_MAJOR, major * 2 + dominant));
            out.hashes
                .push(feat(T_MEMORY_WITH_TAG, major * 16 + tag_at(ii)));
        }
    }
    out.starts.push(out.hashes.len());
}

/// The token's own features (pushed to `scratch.own`) and what its neighbours see of it; leaves
/// its key in `scratch.key` and the keys to look it up under in the cue lists (the key, then
/// each clitic reading with its article and bare) in `scratch.cand_ranges` of
/// `scratch.cand_text`. Returns the context and how many of the features name the word itself.
/// Allocates nothing once the scratch buffers have grown.
fn word_features(word: &str, scratch: &mut Scratch) -> (Context, usize) {
    let own = &mut scratch.own;
    // the key, capped, digits folded to 0 (one feature for every number)
    let key = &mut scratch.key;
    key.clear();
    let capped = cap_chars(word, 4 * MAX_FEATURE_CHARS);
    key_into(capped, key);
    let key: &str = key;
    let key_h = hash_digits_folded(0, key);

    // the word's identity first (key, readings): training may drop these to learn from the rest
    let first = own.len();
    own.push(feat(T_KEY, key_h));
    // clitic readings: every stem is a feature; the main stem (article stripped, the most
    // stripped such reading) is what the neighbours see
    let kb = &mut scratch.key_bounds;
    kb.clear();
    kb.extend(key.char_indices().map(|(b, _)| b));
    kb.push(key.len());
    readings_at(key, kb, &mut scratch.readings);
    let (text, ranges) = (&mut scratch.cand_text, &mut scratch.cand_ranges);
    text.clear();
    ranges.clear();
    text.push_str(key);
    ranges.push((0, key.len()));
    let mut main: Option<ReadingAt> = None;
    for r in &scratch.readings {
        let stem = &key[r.stem_start..];
        for with_article in [true, false] {
            let at = text.len();
            if with_article && r.article {
                text.push_str("ال");
            }
            text.push_str(stem);
            let form = &text[at..];
            if ranges.iter().any(|&(a, b)| &text[a..b] == form) {
                text.truncate(at);
            } else {
                own.push(feat(T_READING, hash_str(0, form)));
                ranges.push((at, text.len()));
            }
        }
        if r.article && main.is_none_or(|m| r.stem_start > m.stem_start) {
            main = Some(*r);
        }
    }
    let lexical = own.len() - first;
    own.push(feat(T_BIAS, 0));
    let (stem, clitics) = match main {
        Some(r) => (&key[r.stem_start..], hash_str(1, &key[..r.prefix_end])),
        None => (key, 0),
    };
    own.push(feat(T_CLITICS, clitics));
    let stem_h = if main.is_some() {
        hash_str(0, stem)
    } else {
        key_h
    };

    // affixes of the key (1-4 chars) and of the stem (1-3)
    let key_cut = cap_chars(key, MAX_FEATURE_CHARS);
    let nchars = push_affixes(key_cut, 4, T_PREFIX, T_SUFFIX, own);
    push_affixes(
        cap_chars(stem, MAX_FEATURE_CHARS),
        3,
        T_STEM_PREFIX,
        T_STEM_SUFFIX,
        own,
    );

    // character trigrams of ^key$
    let padded = &mut scratch.padded;
    padded.clear();
    padded.push('^');
    padded.push_str(key_cut);
    padded.push('$');
    let bounds = &mut scratch.bounds;
    bounds.clear();
    bounds.extend(padded.char_indices().map(|(b, _)| b));
    bounds.push(padded.len());
    for w in bounds.windows(4) {
        own.push(feat(T_TRIGRAM, hash_str(0, &padded[w[0]..w[3]])));
    }
    for cue in name_shapes(capped, key, stem) {
        own.push(feat(T_NAME_SHAPE, cue));
    }
    let shape = shape_hash(word);
    own.push(feat(T_SHAPE, shape));
    own.push(feat(T_LENGTH, length_bucket(nchars)));

    let cluster = Clusters::get()
        .of_any(ranges.iter().map(|&(a, b)| &text[a..b]))
        .unwrap_or(NO_CLUSTER);
    (
        Context {
            key: key_h,
            stem: stem_h,
            shape,
            cluster,
        },
        lexical,
    )
}

/// [`crate::hash::hash_str`] of `s` with every ASCII digit read as 0.
fn hash_digits_folded(seed: u64, s: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325 ^ seed;
    for &b in s.as_bytes() {
        let b = if b.is_ascii_digit() { b'0' } else { b };
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// The readings of [`marsad_arabic::readings`] after the surface one, in its order, for a key
/// whose char offsets are `bounds` (one per char, then the length): the conjunction و/ف, then a
/// preposition or future ب ل ك س, then the article ال (or لل after ل). A stem keeps at least
/// two chars.
fn readings_at(key: &str, bounds: &[usize], out: &mut Vec<ReadingAt>) {
    out.clear();
    let n = bounds.len() - 1;
    let ch =
        |i: usize| -> Option<char> { (i < n).then(|| key[bounds[i]..].chars().next()).flatten() };
    let mut push = |prefix: usize, article: bool, stem: usize| {
        if n - stem >= 2 {
            out.push(ReadingAt {
                prefix_end: bounds[prefix],
                article,
                stem_start: bounds[stem],
            });
        }
    };
    let conj = if matches!(ch(0), Some('و' | 'ف')) {
        1
    } else {
        0
    };
    for c in 0..=conj {
        let prep = if matches!(ch(c), Some('ب' | 'ل' | 'ك' | 'س')) {
            1
        } else {
            0
        };
        for p in 0..=prep {
            let r2 = c + p;
            let prep_is_lam = p == 1 && ch(c) == Some('ل');
            if n - r2 > 2 && ch(r2) == Some('ا') && ch(r2 + 1) == Some('ل') {
                push(r2, true, r2 + 2);
            } else if prep_is_lam && n - r2 > 1 && ch(r2) == Some('ل') {
                push(r2, true, r2 + 1);
            }
            if r2 > 0 {
                push(r2, false, r2);
            }
        }
    }
}

/// Endings of transliterated foreign names (Russian, Slavic, Armenian, Western).
const FOREIGN_ENDINGS: [&str; 14] = [
    "وف", "وفا", "يف", "سكي", "يتش", "فيتش", "يان", "ز", "يني", "وني", "يلي", "ولد", "يرت", "برغ",
];

/// Cues of a name's shape: a nisba family name («الحسيني»), a foreign ending («بوتين»,
/// «ميلوسيفيتش»), letters that only foreign words use (پ چ ڤ گ ژ). Returns cue ids.
fn name_shapes(word: &str, key: &str, stem: &str) -> impl Iterator<Item = u64> {
    let mut cues = [0u64; 3];
    let n = stem.chars().count();
    if key.starts_with("ال") && stem.ends_with('ي') && n >= 4 {
        cues[0] = 1;
    }
    if n >= 4 {
        if let Some(e) = FOREIGN_ENDINGS
            .iter()
            .position(|e| stem.ends_with(e) && n >= e.chars().count() + 2)
        {
            cues[1] = 10 + e as u64;
        }
    }
    if word
        .chars()
        .any(|c| matches!(c, 'پ' | 'چ' | 'ڤ' | 'گ' | 'ژ' | 'ڨ'))
    {
        cues[2] = 2;
    }
    cues.into_iter().filter(|&c| c != 0)
}

/// Pushes the prefixes and suffixes of `s` of 1..=`max` chars; returns the number of chars.
fn push_affixes(s: &str, max: usize, t_prefix: u64, t_suffix: u64, own: &mut Vec<u64>) -> usize {
    let n = s.chars().count();
    for len in 1..=max.min(n) {
        let prefix_end = if len < n { bounds_at(s, len) } else { s.len() };
        own.push(feat(
            t_prefix * 16 + len as u64,
            hash_str(0, &s[..prefix_end]),
        ));
        let suffix_start = if len < n { bounds_at_back(s, len) } else { 0 };
        own.push(feat(
            t_suffix * 16 + len as u64,
            hash_str(0, &s[suffix_start..]),
        ));
    }
    n
}

/// Byte offset of char `k` from the start.
fn bounds_at(s: &str, k: usize) -> usize {
    s.char_indices().nth(k).map_or(s.len(), |(b, _)| b)
}

/// Byte offset where the last `k` chars begin.
fn bounds_at_back(s: &str, k: usize) -> usize {
    s.char_indices().rev().nth(k - 1).map_or(0, |(b, _)| b)
}

/// The first `max` chars of `s`.
fn cap_chars(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((b, _)) => &s[..b],
        None => s,
    }
}

/// Runs of character classes: `a` Arabic letter, `x`/`X` Latin lower/upper, `d` digit, ASCII
/// punctuation as itself, `p` other symbols; at most 8 runs.
fn shape_hash(word: &str) -> u64 {
    let mut buf = [0u8; 8];
    let mut len = 0;
    for c in word.chars() {
        if is_arabic_mark(c) || c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200F}') {
            continue;
        }
        let class = if is_arabic_letter(c) {
            b'a'
        } else if digit_value(c).is_some() {
            b'd'
        } else if c.is_uppercase() {
            b'X'
        } else if c.is_alphabetic() {
            b'x'
        } else if c.is_ascii_punctuation() {
            c as u8
        } else {
            b'p'
        };
        if len == 0 || buf[len - 1] != class {
            if len == buf.len() {
                break;
            }
            buf[len] = class;
            len += 1;
        }
    }
    crate::hash::hash_bytes(2, &buf[..len])
}

fn length_bucket(chars: usize) -> u64 {
    match chars {
        0..=7 => chars as u64,
        8..=9 => 8,
        10..=12 => 9,
        _ => 10,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feats(tokens: &[&str]) -> SentenceFeatures {
        let mut out = SentenceFeatures::default();
        extract(tokens, &mut Scratch::default(), &mut out);
        out
    }

    #[test]
    fn one_row_per_token_and_deterministic() {
        let toks = [
            "قال",
            "الرئيس",
            "الأمريكي",
            "جورج",
            "بوش",
            "في",
            "واشنطن",
            "2005",
            ".",
        ];
        let a = feats(&toks);
        let b = feats(&toks);
        assert_eq!(a.len(), toks.len());
        for i in 0..toks.len() {
            assert_eq!(a.token(i), b.token(i));
            assert!(a.token(i).len() > 20, "token {i} has few features");
        }
    }

    #[test]
    fn spelling_variants_share_the_key_feature() {
        let a = feats(&["مأرب"]);
        let b = feats(&["مارب"]);
        assert_eq!(a.token(0)[1], b.token(0)[1]);
    }

    #[test]
    fn name_shapes_see_nisbas_foreign_endings_and_letters() {
        let shapes = |w: &str| {
            let k = marsad_arabic::key(w);
            let stem = k.strip_prefix("ال").unwrap_or(&k).to_string();
            name_shapes(w, &k, &stem).collect::<Vec<_>>()
        };
        assert!(shapes("الحسيني").contains(&1));
        assert!(shapes("ميلوسيفيتش").iter().any(|&c| c >= 10));
        assert!(shapes("بوتينسكي").iter().any(|&c| c >= 10));
        assert!(shapes("پاول").contains(&2));
        assert!(shapes("في").is_empty());
    }

    #[test]
    fn readings_match_marsad_arabic() {
        for w in [
            "والعراق",
            "بالبوكمال",
            "وللقوات",
            "لدمشق",
            "وإدلب",
            "فالجيش",
            "كالعادة",
            "وبالرقة",
            "للحرس",
            "سيقصف",
            "ولل",
            "وال",
            "فل",
            "و",
            "",
            "IBM",
            "ال",
            "الل",
            "سالم",
        ] {
            let key = marsad_arabic::key(w);
            let mut bounds: Vec<usize> = key.char_indices().map(|(b, _)| b).collect();
            bounds.push(key.len());
            let mut got = Vec::new();
            readings_at(&key, &bounds, &mut got);
            let want = marsad_arabic::readings(w);
            assert_eq!(got.len() + 1, want.len(), "{w}");
            for (g, r) in got.iter().zip(&want[1..]) {
                assert_eq!(&key[..g.prefix_end], r.prefix, "{w}");
                assert_eq!(g.article, r.article, "{w}");
                assert_eq!(&key[g.stem_start..], r.stem, "{w}");
            }
        }
    }

    #[test]
    fn odd_tokens_do_not_panic() {
        let long = "ب".repeat(100_000);
        for t in [
            "",
            " ",
            "\u{200F}",
            "ـ",
            "ً",
            "الـ",
            "و",
            "a",
            "IBM",
            "١٢٣",
            long.as_str(),
        ] {
            let f = feats(&[t, t]);
            assert_eq!(f.len(), 2);
        }
        assert_eq!(feats(&[]).len(), 0);
    }
}
