//! Cue lists, compiled in: the hand-written lists of data/ner/lexicon (person titles and roles,
//! given names, organisation and place head nouns, well-known organisations, countries,
//! nationality adjectives), the embedded gazetteer of marsad-geo (data/geo/places.tsv, read as
//! data, one cue per feature class: country, admin unit, city, other place) and the actor
//! and title lexicons of marsad-events (data/events/actors.tsv, titles.tsv, read as data: events
//! sits above ner).
//!
//! A list is a cue, not an answer: a token (or run of tokens) that matches fires a feature naming
//! the list, and the model learns what it is worth. Matching folds spelling with
//! [`marsad_arabic::key`] and tries the token behind its proclitics (و ف ب ل ك and ال), so that
//! «وللرئيس» matches «الرئيس» and «رئيس».

use std::sync::OnceLock;

use marsad_arabic::key;

use crate::hash::{combine, hash_str, HashMap64};

/// One hand-written list: its name and text (one entry a line, `#` comments).
struct ListFile {
    name: &'static str,
    text: &'static str,
}

/// The plain lists, each its own cue (bit: [`list_bit`]).
const LISTS: [ListFile; 8] = [
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
    ListFile {
        name: "person-roles",
        text: include_str!("../../../data/ner/lexicon/person-roles.txt"),
    },
    ListFile {
        name: "known-orgs",
        text: include_str!("../../../data/ner/lexicon/known-orgs.txt"),
    },
];

/// Given names (data/ner/lexicon/given_names.tsv: name, kind).
const GIVEN_NAMES_TSV: &str = include_str!("../../../data/ner/lexicon/given_names.tsv");
/// The embedded gazetteer of marsad-geo (GeoNames), read as data: only the feature class,
/// population and Arabic names are used, and parsing them here keeps start-up fast (ner does not
/// depend on marsad-geo).
const PLACES_TSV: &str = include_str!("../../../data/geo/places.tsv");
/// The actor lexicon of marsad-events (its Arabic aliases), read as data: ner sits below events.
const ACTORS_TSV: &str = include_str!("../../../data/events/actors.tsv");
/// Person titles of marsad-events (first column).
const EVENT_TITLES_TSV: &str = include_str!("../../../data/events/titles.tsv");

// Cue bits beyond the plain lists.
const TITLES: u8 = 0;
const GIVEN_ARABIC: u8 = 6;
const GIVEN_FOREIGN: u8 = 7;
const NAME_PARTICLE: u8 = 8;
const GAZ_COUNTRY: u8 = 9;
const GAZ_ADMIN: u8 = 10;
const GAZ_CITY: u8 = 11;
const GAZ_PLACE: u8 = 12;
const ACTOR: u8 = 13;

/// The cue bit of `LISTS[index]`: the first six take 0..6, the later ones 14 and up.
const fn list_bit(index: usize) -> u8 {
    if index < 6 {
        index as u8
    } else {
        (index + 8) as u8
    }
}

/// The number of cues (bits used in a cue mask).
pub(crate) const NUM_LISTS: usize = 16;
const _: () = assert!(NUM_LISTS <= 16, "cue masks are u16");

/// Which lists a token's run begins or continues.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Cues {
    /// Bit `l`: the token starts a match of list `l`.
    pub begin: u16,
    /// Bit `l`: the token continues a multi-word match of list `l`.
    pub inside: u16,
}

/// Entries that begin with a given word.
#[derive(Debug, Clone, Copy, Default)]
struct First {
    /// Lists that have the word alone.
    single: u16,
    /// The longest entry (in words) that begins with it.
    max_len: u8,
}

/// The compiled lists, keyed by hashes of matching keys.
pub(crate) struct Lexicon {
    /// Hash of the first word's key -> what begins with it.
    firsts: HashMap64<First>,
    /// Hash of a multi-word entry's keys (see [`phrase_hash`]) -> its lists.
    phrases: HashMap64<u16>,
    fingerprint: u64,
}

/// The longest entry matched, in words.
const MAX_WORDS: usize = 6;

pub(crate) fn word_hash(key: &str) -> u64 {
    hash_str(0x6c78, key)
}

fn phrase_hash(acc: u64, next: u64) -> u64 {
    combine(acc, next)
}

impl Lexicon {
    /// The lists compiled into this build.
    pub(crate) fn get() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(Lexicon::build)
    }

    fn add(&mut self, entry: &str, list: u8) {
        let keys: Vec<String> = entry.split_whitespace().map(key).collect();
        if keys.is_empty() || keys.len() > MAX_WORDS || keys.iter().any(String::is_empty) {
            return;
        }
        let bit = 1u16 << list;
        let first = self.firsts.entry(word_hash(&keys[0])).or_default();
        if keys.len() == 1 {
            first.single |= bit;
            return;
        }
        first.max_len = first.max_len.max(keys.len() as u8);
        let h = keys[1..]
            .iter()
            .fold(word_hash(&keys[0]), |acc, k| phrase_hash(acc, word_hash(k)));
        *self.phrases.entry(h).or_default() |= bit;
    }

    fn build() -> Lexicon {
        let mut lex = Lexicon {
            firsts: HashMap64::default(),
            phrases: HashMap64::default(),
            fingerprint: 0x6c65_7869_636f_6e32,
        };
        let mut fp = lex.fingerprint;

        for (index, list) in LISTS.iter().enumerate() {
            fp = hash_str(fp, list.name);
            fp = hash_str(fp, list.text);
            for line in list.text.lines() {
                let line = line.split('#').next().unwrap_or("").trim();
                lex.add(line, list_bit(index));
            }
        }
        // The fingerprint covers the tagger's own lists. The gazetteer and the actor and title
        // lexicons of other stages change often (a place added, an alias fixed); such edits move
        // a few membership features, which the model tolerates, and must not stop every
        // command that loads the model. Retrain after large changes to them.
        fp = hash_str(fp, "given_names");
        fp = hash_str(fp, GIVEN_NAMES_TSV);
        for row in tsv_rows(GIVEN_NAMES_TSV, "name") {
            let list = match row.get(1).copied().unwrap_or("") {
                "foreign" => GIVEN_FOREIGN,
                "part" => NAME_PARTICLE,
                _ => GIVEN_ARABIC,
            };
            lex.add(row[0], list);
        }
        for row in tsv_rows(EVENT_TITLES_TSV, "title") {
            lex.add(row[0], TITLES);
        }
        for row in tsv_rows(ACTORS_TSV, "id") {
            for alias in row.get(4).copied().unwrap_or("").split('|') {
                lex.add(alias, ACTOR);
            }
        }
        for row in tsv_rows(PLACES_TSV, "id") {
            // id, name, lat, lon, country, admin1, feature, population, names (|-separated)
            let (Some(feature), Some(names)) = (row.get(6), row.get(8)) else {
                continue;
            };
            let population = row.get(7).and_then(|p| p.parse().ok()).unwrap_or(0);
            let list = gazetteer_class(feature, population);
            for name in names.split('|').map(str::trim) {
                if name.chars().any(marsad_arabic::is_arabic_letter) {
                    lex.add(name, list);
                }
            }
        }
        lex.fingerprint = fp;
        lex
    }

    /// A hash of every list's text: part of the model's feature-set fingerprint.
    pub(crate) fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Marks the cues of a sentence. `candidates[i]` are the keys token `i` may be looked up
    /// under (surface key first, then clitic-stripped readings); `keys[i]` is its surface key.
    /// A multi-word entry begins at any reading of its first token and continues over the
    /// surface keys of the next ones.
    #[cfg(test)]
    pub(crate) fn mark(&self, candidates: &[Vec<String>], keys: &[String], out: &mut [Cues]) {
        let mut hashes = Vec::new();
        let mut starts = vec![0];
        for cands in candidates {
            hashes.extend(cands.iter().map(|c| word_hash(c)));
            starts.push(hashes.len());
        }
        let key_hashes: Vec<u64> = keys.iter().map(|k| word_hash(k)).collect();
        self.mark_hashed(&hashes, &starts, &key_hashes, out);
    }

    /// [`Lexicon::mark`] on hashes ([`word_hash`]): token `i`'s lookup keys are
    /// `cand_hashes[cand_starts[i]..cand_starts[i + 1]]`, its key `key_hashes[i]`.
    pub(crate) fn mark_hashed(
        &self,
        cand_hashes: &[u64],
        cand_starts: &[usize],
        key_hashes: &[u64],
        out: &mut [Cues],
    ) {
        let n = key_hashes.len();
        for i in 0..n {
            for &h0 in &cand_hashes[cand_starts[i]..cand_starts[i + 1]] {
                let Some(first) = self.firsts.get(&h0) else {
                    continue;
                };
                out[i].begin |= first.single;
                let max_len = (first.max_len as usize).min(n - i);
                if max_len < 2 {
                    continue;
                }
                let mut acc = h0;
                for (len, &h) in (2..=max_len).zip(&key_hashes[i + 1..i + max_len]) {
                    acc = phrase_hash(acc, h);
                    if let Some(&bits) = self.phrases.get(&acc) {
                        out[i].begin |= bits;
                        for cue in &mut out[i + 1..i + len] {
                            cue.inside |= bits;
                        }
                    }
                }
            }
        }
    }
}

/// The cue of a gazetteer place by its GeoNames feature code and population.
fn gazetteer_class(feature: &str, population: u64) -> u8 {
    if feature.starts_with("PCL") {
        GAZ_COUNTRY
    } else if feature.starts_with("ADM") {
        GAZ_ADMIN
    } else if matches!(feature, "PPLC" | "PPLA") || population >= 100_000 {
        GAZ_CITY
    } else {
        GAZ_PLACE
    }
}

/// The rows of a TSV lexicon (comments and the header, whose first column is `header`, skipped).
fn tsv_rows<'a>(text: &'a str, header: &'a str) -> impl Iterator<Item = Vec<&'a str>> + 'a {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect::<Vec<_>>())
        .filter(move |f| f[0] != header && !f[0].is_empty())
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
    fn names_gazetteer_actors_and_roles_are_cues() {
        let has = |words: &[&str], at: usize, bit: u8, help: &str| {
            let c = cues(words);
            assert_ne!(
                (c[at].begin | c[at].inside) & (1 << bit),
                0,
                "{words:?}: help: {help}"
            );
        };
        has(
            &["وفاطمة"],
            0,
            GIVEN_ARABIC,
            "data/ner/lexicon/given_names.tsv",
        );
        has(
            &["فلاديمير"],
            0,
            GIVEN_FOREIGN,
            "data/ner/lexicon/given_names.tsv",
        );
        has(&["عبد", "الرحمن"], 1, GIVEN_ARABIC, "given_names.tsv");
        has(&["بدمشق"], 0, GAZ_CITY, "data/geo/places.tsv (PPLC)");
        has(&["العراق"], 0, GAZ_COUNTRY, "data/geo/places.tsv (PCLI)");
        has(
            &["هيئة", "تحرير", "الشام"],
            2,
            ACTOR,
            "data/events/actors.tsv",
        );
        has(&["المتحدث", "باسم"], 0, list_bit(6), "person-roles.txt");
        has(&["جنرال", "موتورز"], 1, list_bit(7), "known-orgs.txt");
        has(&["الحاج"], 0, TITLES, "data/events/titles.tsv");
        assert_eq!(cues(&["في"])[0], Cues::default());
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
