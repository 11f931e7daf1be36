//! Cue lists (data/ner/lexicon/*.txt, compiled in): person titles, given names, organisation and
//! place head nouns, countries and nationality adjectives.
//!
//! A list is a cue, not an answer: a token (or run of tokens) that matches fires a feature naming
//! the list, and the model learns what it is worth. Matching folds spelling with
//! [`marsad_arabic::key`] and tries the token behind its proclitics (و ف ب ل ك and ال), so that
//! «وللرئيس» matches «الرئيس» and «رئيس».

use std::collections::HashMap;
use std::sync::OnceLock;

use marsad_arabic::key;

use crate::hash::hash_str;

/// One list: its file, its bit in a token's cue mask.
struct ListFile {
    name: &'static str,
    text: &'static str,
}

const LISTS: [ListFile; 6] = [
    ListFile {
        name: "person-titles",
        text: include_str!("../../../data/ner/lexicon/person-titles.txt"),
    },
    ListFile {
        name: "given-names",
        text: include_str!("../../../data/ner/lexicon/given-names.txt"),
    },
    ListFile {
        name: "org-cues",
        text: include_str!("../../../data/ner/lexicon/org-cues.txt"),
    },
    ListFile {
        name: "loc-cues",
        text: include_str!("../../../data/ner/lexicon/loc-cues.txt"),
    },
    ListFile {
        name: "countries",
        text: include_str!("../../../data/ner/lexicon/countries.txt"),
    },
    ListFile {
        name: "nationalities",
        text: include_str!("../../../data/ner/lexicon/nationalities.txt"),
    },
];

/// The number of lists (bits used in a cue mask).
pub(crate) const NUM_LISTS: usize = LISTS.len();
const _: () = assert!(NUM_LISTS <= 8, "cue masks are u8");

/// Which lists a token's run begins or continues.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Cues {
    /// Bit `l`: the token starts a match of list `l`.
    pub begin: u8,
    /// Bit `l`: the token continues a multi-word match of list `l`.
    pub inside: u8,
}

/// The compiled lists.
pub(crate) struct Lexicon {
    /// First key -> (the keys of the following tokens, list index).
    entries: HashMap<String, Vec<(Vec<String>, u8)>>,
    fingerprint: u64,
}

impl Lexicon {
    /// The lists compiled into this build.
    pub(crate) fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::build)
    }

    fn build() -> Lexicon {
        let mut entries: HashMap<String, Vec<(Vec<String>, u8)>> = HashMap::new();
        let mut fingerprint = 0x6c65_7869_636f_6e31;
        for (index, list) in LISTS.iter().enumerate() {
            fingerprint = hash_str(fingerprint, list.name);
            fingerprint = hash_str(fingerprint, list.text);
            for line in list.text.lines() {
                let line = line.split('#').next().unwrap_or("").trim();
                let mut words = line.split_whitespace().map(key);
                let Some(first) = words.next() else { continue };
                let rest: Vec<String> = words.collect();
                let slot = entries.entry(first).or_default();
                let entry = (rest, index as u8);
                if !slot.contains(&entry) {
                    slot.push(entry);
                }
            }
        }
        Lexicon {
            entries,
            fingerprint,
        }
    }

    /// A hash of every list's text: part of the model's feature-set fingerprint.
    pub(crate) fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Marks the cues of a sentence. `candidates[i]` are the keys token `i` may be looked up
    /// under (surface key first, then clitic-stripped readings); `keys[i]` is its surface key.
    pub(crate) fn mark(&self, candidates: &[Vec<String>], keys: &[String], out: &mut [Cues]) {
        for (i, cands) in candidates.iter().enumerate() {
            for cand in cands {
                let Some(found) = self.entries.get(cand) else {
                    continue;
                };
                for (rest, list) in found {
                    let end = i + 1 + rest.len();
                    if end > keys.len() || rest.iter().zip(&keys[i + 1..end]).any(|(a, b)| a != b) {
                        continue;
                    }
                    let bit = 1u8 << list;
                    out[i].begin |= bit;
                    for cue in &mut out[i + 1..end] {
                        cue.inside |= bit;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(words: &[&str]) -> Vec<Cues> {
        let lex = Lexicon::get();
        let keys: Vec<String> = words.iter().map(|w| key(w)).collect();
        let cands: Vec<Vec<String>> = words
            .iter()
            .map(|w| marsad_arabic::lookup_keys(w))
            .collect();
        let mut out = vec![Cues::default(); words.len()];
        lex.mark(&cands, &keys, &mut out);
        out
    }

    #[test]
    fn titles_behind_clitics_and_multiword_places() {
        let c = cues(&["وللرئيس", "في", "الضفة", "الغربية"]);
        assert_ne!(
            c[0].begin & 1,
            0,
            "help: data/ner/lexicon/person-titles.txt has الرئيس"
        );
        assert_eq!(c[1], Cues::default());
        assert_ne!(
            c[2].begin & (1 << 4),
            0,
            "help: data/ner/lexicon/countries.txt"
        );
        assert_ne!(c[3].inside & (1 << 4), 0);
    }

    #[test]
    fn every_list_has_entries() {
        for list in &LISTS {
            let n = list
                .text
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
                .count();
            assert!(
                n > 10,
                "help: data/ner/lexicon/{}.txt is nearly empty",
                list.name
            );
        }
    }
}
