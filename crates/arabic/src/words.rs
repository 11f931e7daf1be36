//! The word view shared by the number and time rules: tokens with their matching keys, and the
//! lexicon lookups (phrases of several words, proclitics on the first word).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use marsad_core::Span;

use crate::key::{is_arabic_mark, key};
use crate::token::{number_value, tokenize, TokenKind};

/// A token with its key and what separates it from the previous one.
#[derive(Debug, Clone)]
pub(crate) struct Word<'t> {
    pub span: Span,
    pub kind: TokenKind,
    pub text: &'t str,
    pub key: String,
    /// A line break lies between the previous token and this one: phrases never cross it.
    pub nl_before: bool,
    /// Something (whitespace) lies between the previous token and this one.
    pub gap_before: bool,
}

impl Word<'_> {
    /// The value of a number token (`None` for words and date-like numbers).
    pub fn num(&self) -> Option<u64> {
        if self.kind == TokenKind::Number {
            number_value(self.text)
        } else {
            None
        }
    }

    /// Digits only (any script), no separators, no article: a day, a year, a count.
    pub fn plain_digits(&self) -> Option<(u64, usize)> {
        if self.kind != TokenKind::Number || !self.key.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some((self.key.parse().ok()?, self.key.len()))
    }

    pub fn is_punct(&self, chars: &[char]) -> bool {
        self.kind == TokenKind::Punct
            && self.text.chars().next().is_some_and(|c| chars.contains(&c))
    }
}

/// The words of `text`.
pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    let toks = tokenize(text);
    let mut out = Vec::with_capacity(toks.len());
    let mut prev_end = 0;
    for t in toks {
        let between = &text[prev_end..t.span.start];
        let surface = t.span.slice(text);
        out.push(Word {
            span: t.span,
            kind: t.kind,
            text: surface,
            key: key(surface),
            nl_before: between.contains('\n'),
            gap_before: !between.is_empty(),
        });
        prev_end = t.span.end;
    }
    out
}

/// The key with up to two proclitics taken off (و/ف, then ب/ل/ك), with the number of letters
/// removed; the whole key first. Stems keep at least two letters.
pub(crate) fn clitic_variants(k: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut out: [Option<(usize, &str)>; 3] = [Some((0, k)), None, None];
    let mut n = 1;
    let mut rest = k;
    let mut removed = 0;
    if let Some(r) = rest.strip_prefix(['و', 'ف']) {
        if r.chars().count() >= 2 {
            removed += 1;
            out[n] = Some((removed, r));
            n += 1;
            rest = r;
        }
    }
    if let Some(r) = rest.strip_prefix(['ب', 'ل', 'ك']) {
        if r.chars().count() >= 2 {
            out[n] = Some((removed + 1, r));
        }
    }
    out.into_iter().flatten()
}

/// Byte length of the first `letters` letters of `surface`, with the marks that follow them.
pub(crate) fn clitic_bytes(surface: &str, letters: usize) -> usize {
    if letters == 0 {
        return 0;
    }
    let mut seen = 0;
    for (i, c) in surface.char_indices() {
        if is_arabic_mark(c) || matches!(c, '\u{200B}'..='\u{200F}') {
            continue;
        }
        if seen == letters {
            return i;
        }
        seen += 1;
    }
    surface.len()
}

/// A small multiply-rotate hasher for the lexicon maps: their keys are short words from this
/// repository, not input an attacker chooses, so a fast hash is safe and SipHash's cost is not.
#[derive(Debug, Default, Clone, Copy)]
pub struct WordHasher {
    hash: u64,
}

impl WordHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.hash = (self.hash.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut v = [0u8; 8];
            v[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(v));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A map keyed by words, with [`WordHasher`].
pub type WordMap<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;
/// A set of words, with [`WordHasher`].
pub type WordSet = HashSet<String, BuildHasherDefault<WordHasher>>;

/// Phrases of one or more words, looked up by the keys of the words in the text.
#[derive(Debug)]
pub(crate) struct Phrases<T> {
    by_first: WordMap<Vec<(Vec<String>, T)>>,
}

impl<T> Default for Phrases<T> {
    fn default() -> Self {
        Phrases {
            by_first: WordMap::default(),
        }
    }
}

/// A phrase found in the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit<'a, T> {
    /// One past the last word.
    pub end: usize,
    pub value: &'a T,
    /// Proclitic letters on the first word («وأمس»: 1).
    pub clitics: usize,
}

impl<T> Phrases<T> {
    pub fn insert(&mut self, surface: &str, value: T) {
        let words: Vec<String> = surface.split_whitespace().map(key).collect();
        if let Some(first) = words.first().cloned() {
            self.by_first.entry(first).or_default().push((words, value));
        }
    }

    /// The longest phrase starting at word `i` (`clitics`: the first word may carry proclitics).
    pub fn at<'a>(&'a self, ws: &[Word], i: usize, clitics: bool) -> Option<Hit<'a, T>> {
        let w = ws.get(i)?;
        let mut best: Option<Hit<'a, T>> = None;
        for (n, k) in clitic_variants(&w.key) {
            if n > 0 && !clitics {
                break;
            }
            let Some(cands) = self.by_first.get(k) else {
                continue;
            };
            for (phrase, value) in cands {
                let end = i + phrase.len();
                if end > ws.len() {
                    continue;
                }
                let rest_ok = phrase[1..]
                    .iter()
                    .zip(&ws[i + 1..end])
                    .all(|(p, w)| !w.nl_before && *p == w.key);
                if rest_ok && best.as_ref().is_none_or(|b| end > b.end) {
                    best = Some(Hit {
                        end,
                        value,
                        clitics: n,
                    });
                }
            }
            if best.is_some() {
                break;
            }
        }
        best
    }

    /// The keys of the first words of the phrases.
    pub fn first_words(&self) -> impl Iterator<Item = &String> {
        self.by_first.keys()
    }

    /// The value of a one-word phrase whose key is exactly `k`.
    pub fn get(&self, k: &str) -> Option<&T> {
        self.by_first
            .get(k)?
            .iter()
            .find(|(p, _)| p.len() == 1)
            .map(|(_, v)| v)
    }
}

/// Rows of a lexicon file: comment lines (#) and blank lines skipped, the header row skipped,
/// columns split on tabs.
pub(crate) fn tsv_rows(src: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    src.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split('\t').map(str::trim).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitics_are_offered() {
        let v: Vec<_> = clitic_variants("وبالامس").collect();
        assert_eq!(v, [(0, "وبالامس"), (1, "بالامس"), (2, "الامس")]);
        let v: Vec<_> = clitic_variants("ول").collect();
        assert_eq!(v, [(0, "ول")]);
        assert_eq!(clitic_bytes("وَأمس", 1), "وَ".len());
    }
}
