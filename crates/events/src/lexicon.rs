//! Multi-word patterns matched on tokens under the matching key, proclitics allowed.
//!
//! Every lexicon of this crate (actors, triggers, cues, titles) is a list of patterns: words
//! separated by spaces, each compared with a token's key or the key of its stem behind the
//! proclitics (و ف ب ل ك س and the article); a word ending in `*` matches any suffix.

use marsad_arabic::{key, readings, Token, TokenKind, WordMap};
use marsad_core::Span;

/// One word of a pattern.
#[derive(Debug, Clone)]
struct Word {
    key: String,
    prefix: bool,
}

/// A token seen by the matchers: its span, its surface key and the keys it can be looked up by.
#[derive(Debug, Clone)]
pub(crate) struct Tok {
    pub span: Span,
    pub kind: TokenKind,
    /// The key of the surface form.
    pub key: String,
    /// Lookup forms: (key, a preposition ب ل ك was removed).
    pub forms: Vec<(String, bool)>,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        matches!(
            self.kind,
            TokenKind::Arabic | TokenKind::Latin | TokenKind::Number
        )
    }

    /// True when one of the lookup forms equals `k`.
    pub fn is(&self, k: &str) -> bool {
        self.forms.iter().any(|(f, _)| f == k)
    }
}

/// Tokens of `text` with their lookup forms.
pub(crate) fn analyze(text: &str, tokens: &[Token]) -> Vec<Tok> {
    tokens
        .iter()
        .map(|t| {
            let surface = t.span.slice(text);
            let k = key(surface);
            let mut forms: Vec<(String, bool)> = vec![(k.clone(), false)];
            if t.kind == TokenKind::Arabic {
                for r in readings(surface) {
                    let prep = r.prefix.contains(['ب', 'ل', 'ك']);
                    let with = r.with_article();
                    if !forms.iter().any(|(f, _)| *f == with) {
                        forms.push((with, prep));
                    }
                    if !forms.iter().any(|(f, _)| *f == r.stem) {
                        forms.push((r.stem.clone(), prep));
                    }
                }
            }
            Tok {
                span: t.span,
                kind: t.kind,
                key: k,
                forms,
            }
        })
        .collect()
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
    exact: WordMap<Vec<usize>>,
    prefix: WordMap<Vec<usize>>,
    max_prefix_chars: usize,
}

impl PatternSet {
    /// Adds `pattern` with payload `value`. Returns an error message for an empty pattern.
    pub fn add(&mut self, pattern: &str, value: usize) -> Result<(), String> {
        let words: Vec<Word> = pattern
            .split_whitespace()
            .map(|w| {
                let prefix = w.ends_with('*');
                let w = w.trim_end_matches('*');
                Word {
                    key: key(w),
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
            self.max_prefix_chars = self.max_prefix_chars.max(first.key.chars().count());
            self.prefix.entry(first.key.clone()).or_default().push(idx);
        } else {
            self.exact.entry(first.key.clone()).or_default().push(idx);
        }
        self.patterns.push((words, value));
        Ok(())
    }

    fn word_matches(w: &Word, tok: &Tok) -> Option<bool> {
        if !tok.is_word() {
            return None;
        }
        for (f, prep) in &tok.forms {
            if (w.prefix && f.starts_with(w.key.as_str())) || (!w.prefix && *f == w.key) {
                return Some(*prep);
            }
        }
        None
    }

    /// Candidate pattern indices whose first word can match `tok`.
    fn candidates(&self, tok: &Tok, out: &mut Vec<usize>) {
        out.clear();
        for (f, _) in &tok.forms {
            if let Some(v) = self.exact.get(f) {
                out.extend_from_slice(v);
            }
            if !self.prefix.is_empty() {
                for (n, (i, c)) in f.char_indices().enumerate() {
                    if n >= self.max_prefix_chars {
                        break;
                    }
                    if let Some(v) = self.prefix.get(&f[..i + c.len_utf8()]) {
                        out.extend_from_slice(v);
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// The longest match starting at token `i`, if any (ties: the pattern listed first).
    pub fn longest_at(&self, toks: &[Tok], i: usize, buf: &mut Vec<usize>) -> Option<Match> {
        self.candidates(&toks[i], buf);
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
        let toks = analyze(text, &tokenize(text));
        let got: Vec<usize> = set
            .find_all(&toks, 0, toks.len())
            .iter()
            .map(|m| m.value)
            .collect();
        assert_eq!(got, vec![1, 2, 0]);
    }
}
