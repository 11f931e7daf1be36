//! The word lists that rules consult, compiled in from `data/extract/*.tsv` and parsed once.
//!
//! Every phrase is stored as its folded words ([`fold_words`]); a line matches a phrase when the
//! phrase's words occur consecutively among the line's folded words.

use marsad_arabic::WordMap;
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::OnceLock;

use chrono_tz::Tz;

const CUES: &str = include_str!("../../../../data/extract/cues.tsv");
const MONTHS: &str = include_str!("../../../../data/extract/months.tsv");
const CAPITALS: &str = include_str!("../../../../data/extract/capitals.tsv");

/// What a cue phrase says about the line that holds it (the categories of `cues.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Cue {
    Ui,
    Related,
    End,
    Cookie,
    Copyright,
    Byline,
    Published,
    Updated,
    Agency,
}

impl Cue {
    fn parse(s: &str) -> Option<Cue> {
        Some(match s {
            "ui" => Cue::Ui,
            "related" => Cue::Related,
            "end" => Cue::End,
            "cookie" => Cue::Cookie,
            "copyright" => Cue::Copyright,
            "byline" => Cue::Byline,
            "published" => Cue::Published,
            "updated" => Cue::Updated,
            "agency" => Cue::Agency,
            _ => return None,
        })
    }
}

/// A month number (1-12) or a weekday name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Calendar {
    Month(u32),
    Weekday,
}

/// A phrase table keyed by its first folded word.
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

impl<T: Copy> Phrases<T> {
    fn insert(&mut self, phrase: &str, value: T) {
        let words = fold_words(phrase);
        if let Some(first) = words.first().cloned() {
            let list = self.by_first.entry(first).or_default();
            list.push((words, value));
            // longest phrase first, so that «مكة المكرمة» wins over «مكة»
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
    }

    /// The longest phrase that starts at `words[at]`: its value and its length in words.
    pub(crate) fn at<W: AsRef<str>>(&self, words: &[W], at: usize) -> Option<(T, usize)> {
        let list = self.by_first.get(words.get(at)?.as_ref())?;
        list.iter()
            .find(|(p, _)| {
                words.len() >= at + p.len()
                    && p.iter().zip(&words[at..]).all(|(a, b)| a == b.as_ref())
            })
            .map(|(p, v)| (*v, p.len()))
    }

    /// Every match in `words`, left to right, as (start, length, value).
    pub(crate) fn find_all<W: AsRef<str>>(&self, words: &[W]) -> Vec<(usize, usize, T)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if let Some((v, n)) = self.at(words, i) {
                out.push((i, n, v));
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }
}

/// The compiled lists.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Cue phrases; one phrase may carry several categories.
    pub cues: Phrases<CueSet>,
    pub calendar: Phrases<Calendar>,
    pub zones: Phrases<Tz>,
}

/// A small set of [`Cue`]s (a bit mask).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct CueSet(u16);

impl CueSet {
    pub(crate) fn has(self, c: Cue) -> bool {
        self.0 & (1 << c as u16) != 0
    }
    pub(crate) fn union(self, other: CueSet) -> CueSet {
        CueSet(self.0 | other.0)
    }
    fn with(self, c: Cue) -> CueSet {
        CueSet(self.0 | (1 << c as u16))
    }
}

fn rows(table: &str) -> impl Iterator<Item = (&str, &str)> {
    table
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.trim(), b.trim()))
}

/// The lexicon, parsed on first use.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut lex = Lexicon::default();
        // cues: merge the categories of one phrase (the same folded words) into one set, in
        // the order phrases first appear
        let mut sets: Vec<(String, CueSet)> = Vec::new();
        let mut by_words: HashMap<Vec<String>, usize> = HashMap::new();
        for (cat, phrase) in rows(CUES) {
            let Some(cue) = Cue::parse(cat) else { continue };
            let i = *by_words.entry(fold_words(phrase)).or_insert_with(|| {
                sets.push((phrase.to_string(), CueSet::default()));
                sets.len() - 1
            });
            sets[i].1 = sets[i].1.with(cue);
        }
        for (phrase, set) in sets {
            lex.cues.insert(&phrase, set);
        }
        for (name, value) in rows(MONTHS) {
            let v = match value {
                "day" => Calendar::Weekday,
                n => match n.parse() {
                    Ok(m) => Calendar::Month(m),
                    Err(_) => continue,
                },
            };
            lex.calendar.insert(name, v);
        }
        for (name, zone) in rows(CAPITALS) {
            if let Ok(tz) = Tz::from_str(zone) {
                lex.zones.insert(name, tz);
            }
        }
        lex
    })
}

/// Folds one char for matching: the Arabic key folding, then lower case.
fn fold(c: char) -> Option<char> {
    marsad_arabic::fold_char(c).map(marsad_arabic::chars::lower)
}

/// The folded words of `s`: runs of letters and digits (a Latin word keeps inner apostrophes and
/// hyphens out: they split). `©` is a word of its own.
pub(crate) fn fold_words(s: &str) -> Vec<String> {
    let mut buf = String::new();
    let mut ends = Vec::new();
    fold_words_into(s, &mut buf, &mut ends);
    words_of(&buf, &ends).map(str::to_owned).collect()
}

/// [`fold_words`] into one buffer: the folded words are `buf`'s pieces ending at `ends`.
pub(crate) fn fold_words_into(s: &str, buf: &mut String, ends: &mut Vec<usize>) {
    buf.clear();
    ends.clear();
    let mut start = 0;
    for c in s.chars() {
        let Some(f) = fold(c) else { continue };
        if marsad_arabic::chars::is_alphanumeric(f) {
            buf.push(f);
        } else {
            if buf.len() > start {
                ends.push(buf.len());
                start = buf.len();
            }
            if f == '©' {
                buf.push('©');
                ends.push(buf.len());
                start = buf.len();
            }
        }
    }
    if buf.len() > start {
        ends.push(buf.len());
    }
}

/// The words of a buffer filled by [`fold_words_into`].
pub(crate) fn words_of<'a>(buf: &'a str, ends: &'a [usize]) -> impl Iterator<Item = &'a str> {
    let mut start = 0;
    ends.iter().map(move |&e| {
        let w = &buf[start..e];
        start = e;
        w
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_row_parses() {
        for (cat, _) in rows(CUES) {
            assert!(
                Cue::parse(cat).is_some(),
                "data/extract/cues.tsv: unknown category {cat:?}"
            );
        }
        for (name, zone) in rows(CAPITALS) {
            assert!(
                Tz::from_str(zone).is_ok(),
                "data/extract/capitals.tsv: {name}: unknown zone {zone:?}"
            );
        }
        for (name, v) in rows(MONTHS) {
            assert!(
                v == "day" || v.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m)),
                "data/extract/months.tsv: {name}: bad value {v:?}"
            );
        }
    }

    #[test]
    fn longest_phrase_wins() {
        let w = fold_words("آخر تحديث 12:30 مكة المكرمة");
        let zones = &lexicon().zones;
        assert_eq!(zones.at(&w, 4), Some((Tz::Asia__Riyadh, 2)));
        assert!(lexicon().cues.at(&w, 0).unwrap().0.has(Cue::Updated));
    }
}
