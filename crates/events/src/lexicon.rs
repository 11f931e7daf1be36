//! Multi-word patterns matched on tokens under the matching key, proclitics allowed.
//!
//! Every lexicon of this crate (actors, triggers, cues, titles) is a list of patterns: words
//! separated by spaces, each compared with a token's key or the key of its stem behind the
//! proclitics (و ف ب ل ك س and the article); a word ending in `*` matches any suffix.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use marsad_arabic::{key, readings, Token, TokenKind, WordHasher, WordMap};
use marsad_core::Span;

/// One word of a pattern.
#[derive(Debug, Clone)]
struct Word {
    key: String,
    /// [`hash_key`] of `key`.
    hash: u64,
    prefix: bool,
}

/// One lookup form of a token: a key, whether a preposition ب ل ك was removed to reach it, and
/// the key's [`hash_key`], so that every lexicon probes its maps without hashing strings again.
#[derive(Debug, Clone)]
pub(crate) struct Form {
    pub key: String,
    pub prep: bool,
    hash: u64,
}

/// The hash the pattern maps are keyed by.
fn hash_key(k: &str) -> u64 {
    BuildHasherDefault::<WordHasher>::default().hash_one(k)
}

/// A token seen by the matchers: its span and the keys it can be looked up by, the key of its
/// surface form first.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub span: Span,
    pub kind: TokenKind,
    forms: Arc<[Form]>,
    /// The id of the [`StartIndex`] that `starts` comes from (0: none, every set looks here).
    index: u64,
    starts: Starts,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        matches!(
            self.kind,
            TokenKind::Arabic | TokenKind::Latin | TokenKind::Number
        )
    }

    /// The key of the surface form.
    pub fn key(&self) -> &str {
        &self.forms[0].key
    }

    /// True when one of the lookup forms equals `k`.
    pub fn is(&self, k: &str) -> bool {
        self.forms.iter().any(|f| f.key == k)
    }
}

/// The lookup forms of an Arabic word: its key, then each clitic reading with and without the
/// article (deduplicated, first seen first).
fn arabic_forms(surface: &str) -> Arc<[Form]> {
    let k = key(surface);
    let mut forms: Vec<Form> = vec![Form {
        hash: hash_key(&k),
        key: k,
        prep: false,
    }];
    for r in readings(surface) {
        let prep = r.prefix.contains(['ب', 'ل', 'ك']);
        let with = r.with_article();
        if !forms.iter().any(|f| f.key == with) {
            forms.push(Form {
                hash: hash_key(&with),
                key: with,
                prep,
            });
        }
        if !forms.iter().any(|f| f.key == r.stem) {
            forms.push(Form {
                hash: hash_key(&r.stem),
                key: r.stem,
                prep,
            });
        }
    }
    forms.into()
}

/// Words whose forms a thread keeps; past this the cache starts again (news repeats its words,
/// and a long run must not grow without bound).
const FORM_CACHE_WORDS: usize = 32 * 1024;

/// A word's forms as cached, with what starts there in the index whose id is `index` (0: none
/// yet).
struct CachedWord {
    forms: Arc<[Form]>,
    index: u64,
    starts: Starts,
}

/// The patterns whose first word can match a token, by (set bit, pattern index) in order, with
/// the union of their sets' bits; `list` is `None` when nothing starts there.
#[derive(Debug, Clone, Default)]
struct Starts {
    bits: u16,
    list: Option<Arc<[(u16, u32)]>>,
}

thread_local! {
    static FORM_CACHE: RefCell<WordMap<CachedWord>> = RefCell::new(WordMap::default());
}

/// Tokens of `text` with their lookup forms and, given `starts`, the pattern sets that can
/// begin at each (without it every set looks at every token).
pub(crate) fn analyze(text: &str, tokens: &[Token], starts: Option<&StartIndex>) -> Vec<Tok> {
    FORM_CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        tokens
            .iter()
            .map(|t| {
                let surface = t.span.slice(text);
                let (forms, found) = if t.kind == TokenKind::Arabic {
                    // one lookup for a word seen before (most of them)
                    let read = |word: &mut CachedWord| {
                        let found = starts.map(|ix| {
                            if word.index != ix.id {
                                word.starts = ix.starts(&word.forms);
                                word.index = ix.id;
                            }
                            (ix.id, word.starts.clone())
                        });
                        (Arc::clone(&word.forms), found)
                    };
                    match cache.get_mut(surface).map(read) {
                        Some(hit) => hit,
                        None => {
                            if cache.len() >= FORM_CACHE_WORDS {
                                cache.clear();
                            }
                            let mut word = CachedWord {
                                forms: arabic_forms(surface),
                                index: 0,
                                starts: Starts::default(),
                            };
                            let got = read(&mut word);
                            cache.insert(surface.to_owned(), word);
                            got
                        }
                    }
                } else {
                    let k = key(surface);
                    let forms: Arc<[Form]> = Arc::from([Form {
                        hash: hash_key(&k),
                        key: k,
                        prep: false,
                    }]);
                    let found = starts.map(|ix| (ix.id, ix.starts(&forms)));
                    (forms, found)
                };
                let (index, starts) = found.unwrap_or((
                    0,
                    Starts {
                        bits: u16::MAX,
                        list: None,
                    },
                ));
                Tok {
                    span: t.span,
                    kind: t.kind,
                    forms,
                    index,
                    starts,
                }
            })
            .collect()
    })
}

/// A match of a pattern: token range `[start, end)`, the pattern's payload index, and whether the
/// first token carried a preposition (a verb pattern read after ب/ل is a noun).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match {
    pub start: usize,
    pub end: usize,
    pub value: usize,
    pub prep: bool,
}

/// A compiled set of patterns, each with a payload index.
#[derive(Debug, Default)]
pub(crate) struct PatternSet {
    patterns: Vec<(Vec<Word>, usize)>,
    /// Patterns by the hash of their first word (a pattern that starts with a whole word).
    exact: HashMap<u64, Vec<usize>, BuildHasherDefault<WordHasher>>,
    prefix: WordMap<Vec<usize>>,
    /// This set's bit in a [`StartIndex`] and that index's id (0 until one is built over it:
    /// then every token is looked at).
    bit: u16,
    index: u64,
    /// Bit n set: some prefix pattern's first word has n chars (n < 64).
    prefix_lens: u64,
}

impl PatternSet {
    /// Adds `pattern` with payload `value`. Returns an error message for an empty pattern.
    pub fn add(&mut self, pattern: &str, value: usize) -> Result<(), String> {
        let words: Vec<Word> = pattern
            .split_whitespace()
            .map(|w| {
                let prefix = w.ends_with('*');
                let w = w.trim_end_matches('*');
                let key = key(w);
                Word {
                    hash: hash_key(&key),
                    key,
                    prefix,
                }
            })
            .collect();
        if words.is_empty() || words.iter().any(|w| w.key.is_empty()) {
            return Err(format!("empty pattern word in {pattern:?}"));
        }
        let idx = self.patterns.len();
        let first = &words[0];
        if first.prefix {
            let n = first.key.chars().count();
            if n >= 64 {
                return Err(format!("prefix word too long in {pattern:?}"));
            }
            self.prefix_lens |= 1 << n;
            self.prefix.entry(first.key.clone()).or_default().push(idx);
        } else {
            self.exact.entry(first.hash).or_default().push(idx);
        }
        self.patterns.push((words, value));
        Ok(())
    }

    fn word_matches(w: &Word, tok: &Tok) -> Option<bool> {
        if !tok.is_word() {
            return None;
        }
        for f in tok.forms.iter() {
            let hit = if w.prefix {
                f.key.starts_with(w.key.as_str())
            } else {
                f.hash == w.hash && f.key == w.key
            };
            if hit {
                return Some(f.prep);
            }
        }
        None
    }

    /// Candidate pattern indices whose first word can match `tok`.
    fn candidates(&self, tok: &Tok, out: &mut Vec<usize>) {
        out.clear();
        for form in tok.forms.iter() {
            if let Some(v) = self.exact.get(&form.hash) {
                out.extend_from_slice(v);
            }
            prefixes_of(self.prefix_lens, &form.key, |p| {
                if let Some(v) = self.prefix.get(p) {
                    out.extend_from_slice(v);
                }
            });
        }
        out.sort_unstable();
        out.dedup();
    }

    /// The longest match starting at token `i`, if any (ties: the pattern listed first).
    pub fn longest_at(&self, toks: &[Tok], i: usize, buf: &mut Vec<usize>) -> Option<Match> {
        let tok = &toks[i];
        match &tok.starts.list {
            _ if self.index == 0 || tok.index != self.index => self.candidates(tok, buf),
            Some(list) if tok.starts.bits & self.bit != 0 => {
                buf.clear();
                buf.extend(
                    list.iter()
                        .filter(|(b, _)| *b == self.bit)
                        .map(|&(_, p)| p as usize),
                );
            }
            _ => return None,
        }
        let mut best: Option<Match> = None;
        for &p in buf.iter() {
            let (words, value) = &self.patterns[p];
            if i + words.len() > toks.len() {
                continue;
            }
            let mut prep = false;
            let ok =
                words
                    .iter()
                    .enumerate()
                    .all(|(j, w)| match Self::word_matches(w, &toks[i + j]) {
                        Some(pr) => {
                            if j == 0 {
                                prep = pr;
                            }
                            true
                        }
                        None => false,
                    });
            if ok && best.is_none_or(|b| words.len() > b.end - b.start) {
                best = Some(Match {
                    start: i,
                    end: i + words.len(),
                    value: *value,
                    prep,
                });
            }
        }
        best
    }

    /// Non-overlapping matches in `toks[range]`, left to right, longest at each position.
    pub fn find_all(&self, toks: &[Tok], from: usize, to: usize) -> Vec<Match> {
        let mut out = Vec::new();
        let mut buf = Vec::new();
        let mut i = from;
        while i < to {
            match self.longest_at(&toks[..to], i, &mut buf) {
                Some(m) => {
                    out.push(m);
                    i = m.end;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// Calls `each` for every prefix of `key` whose length in chars is a bit of `lens`.
fn prefixes_of<'k>(lens: u64, key: &'k str, mut each: impl FnMut(&'k str)) {
    if lens == 0 {
        return;
    }
    for (n, (i, c)) in key.char_indices().enumerate() {
        if lens >> (n + 1) == 0 {
            break;
        }
        if lens & (1 << (n + 1)) != 0 {
            each(&key[..i + c.len_utf8()]);
        }
    }
}

/// The patterns of up to 16 sets by their first word: what can start at a word is found once,
/// with one probe per lookup form for all sets, and cached with the word; a set then reads its
/// own candidates from the token, and skips a token where none of its patterns starts.
#[derive(Debug, Default)]
pub(crate) struct StartIndex {
    /// (set bit, pattern index) by the hash of a whole first word.
    exact: HashMap<u64, Vec<(u16, u32)>, BuildHasherDefault<WordHasher>>,
    /// The same for first words that match any suffix (`word*`).
    prefix: WordMap<Vec<(u16, u32)>>,
    prefix_lens: u64,
    /// Unique in the process, so that what a word cached for another index is never taken.
    id: u64,
}

/// The next [`StartIndex::id`].
static NEXT_INDEX_ID: AtomicU64 = AtomicU64::new(1);

impl StartIndex {
    /// Indexes `sets` (at most 16), giving each its bit.
    pub fn build(sets: &mut [&mut PatternSet]) -> StartIndex {
        assert!(
            sets.len() <= 16,
            "a start index covers at most 16 pattern sets"
        );
        let mut ix = StartIndex {
            id: NEXT_INDEX_ID.fetch_add(1, Ordering::Relaxed),
            ..StartIndex::default()
        };
        for (n, set) in sets.iter_mut().enumerate() {
            let bit = 1u16 << n;
            set.bit = bit;
            set.index = ix.id;
            for (p, (words, _)) in set.patterns.iter().enumerate() {
                let first = &words[0];
                let entry = (bit, p as u32);
                if first.prefix {
                    ix.prefix.entry(first.key.clone()).or_default().push(entry);
                } else {
                    ix.exact.entry(first.hash).or_default().push(entry);
                }
            }
            ix.prefix_lens |= set.prefix_lens;
        }
        ix
    }

    /// What can start at a token of these forms.
    fn starts(&self, forms: &[Form]) -> Starts {
        let mut list: Vec<(u16, u32)> = Vec::new();
        for form in forms {
            if let Some(v) = self.exact.get(&form.hash) {
                list.extend_from_slice(v);
            }
            prefixes_of(self.prefix_lens, &form.key, |p| {
                if let Some(v) = self.prefix.get(p) {
                    list.extend_from_slice(v);
                }
            });
        }
        if list.is_empty() {
            return Starts::default();
        }
        list.sort_unstable();
        list.dedup();
        Starts {
            bits: list.iter().fold(0, |b, &(bit, _)| b | bit),
            list: Some(list.into()),
        }
    }
}

/// Splits a `|`-separated list of aliases, trimmed, empties dropped.
pub(crate) fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split('|').map(str::trim).filter(|a| !a.is_empty())
}

/// Data lines of a TSV lexicon: comments (`#`) and the header (first non-comment line) skipped.
/// Yields (1-based line number, fields).
pub(crate) fn tsv_rows(src: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    src.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|(n, l)| (n + 1, l.split('\t').collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_arabic::tokenize;

    #[test]
    fn clitics_suffixes_and_longest() {
        let mut set = PatternSet::default();
        set.add("قصف*", 0).unwrap();
        set.add("قصفت طائرات", 1).unwrap();
        set.add("الحرس الثوري", 2).unwrap();
        let text = "وقصفت طائرات أميركية مواقع للحرس الثوري، ثم قصفوها.";
        let toks = analyze(text, &tokenize(text), None);
        let got: Vec<usize> = set
            .find_all(&toks, 0, toks.len())
            .iter()
            .map(|m| m.value)
            .collect();
        assert_eq!(got, vec![1, 2, 0]);
    }

    #[test]
    fn start_index_gives_the_same_matches() {
        let mut a = PatternSet::default();
        a.add("قصف*", 0).unwrap();
        a.add("قصفت طائرات", 1).unwrap();
        let mut b = PatternSet::default();
        b.add("الحرس الثوري", 0).unwrap();
        b.add("طائرات", 1).unwrap();
        let text = "وقصفت طائرات أميركية مواقع للحرس الثوري، ثم قصفوها بالطائرات.";
        let toks = analyze(text, &tokenize(text), None);
        let all = |set: &PatternSet, toks: &[Tok]| -> Vec<(usize, usize, usize)> {
            set.find_all(toks, 0, toks.len())
                .iter()
                .map(|m| (m.start, m.end, m.value))
                .collect()
        };
        let (before_a, before_b) = (all(&a, &toks), all(&b, &toks));
        let ix = StartIndex::build(&mut [&mut a, &mut b]);
        let marked = analyze(text, &tokenize(text), Some(&ix));
        assert_eq!(all(&a, &marked), before_a);
        assert_eq!(all(&b, &marked), before_b);
        assert_eq!(before_b.len(), 3);
        // «مواقع» starts no pattern of either set
        assert_eq!(marked[3].starts.bits, 0);
        // a set of another index reads the token the slow way, with the same result
        let mut c = PatternSet::default();
        c.add("طائرات", 7).unwrap();
        let _other = StartIndex::build(&mut [&mut c]);
        assert_eq!(all(&c, &marked), vec![(1, 2, 7), (9, 10, 7)]);
    }
}
