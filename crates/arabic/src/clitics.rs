//! Proclitic analysis: the stems behind و ف ب ل ك س and the article ال, for dictionary lookups.
//!
//! The surface is never changed; [`lookup_keys`] proposes matching keys to try, longest first:
//! «والعراق» offers «والعراق», «العراق», «عراق»; «وللقوات» offers «القوات» and «قوات» (ل + ال
//! is written لل).

use crate::key::key;

/// One reading of a word: the proclitics taken off (as a folded prefix) and the stem's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The proclitic letters removed, folded (e.g. "وب").
    pub prefix: String,
    /// Whether the reading has the article ال (removed or, for لل, implied).
    pub article: bool,
    /// The key of the stem without the article.
    pub stem: String,
}

impl Reading {
    /// The stem with its article when it had one («العراق»), else the bare stem.
    pub fn with_article(&self) -> String {
        if self.article {
            format!("ال{}", self.stem)
        } else {
            self.stem.clone()
        }
    }
}

const MIN_STEM_CHARS: usize = 2;

/// Every reading of `word` (its key is taken first), the surface reading first.
pub fn readings(word: &str) -> Vec<Reading> {
    let k = key(word);
    let chars: Vec<char> = k.chars().collect();
    let mut out = vec![Reading {
        prefix: String::new(),
        article: false,
        stem: k.clone(),
    }];
    let mut push = |prefix: &[char], article: bool, stem: &[char]| {
        if stem.len() >= MIN_STEM_CHARS {
            let r = Reading {
                prefix: prefix.iter().collect(),
                article,
                stem: stem.iter().collect(),
            };
            if !out.contains(&r) {
                out.push(r);
            }
        }
    };
    // conjunction: و or ف
    let conj_options: &[usize] = if matches!(chars.first(), Some('و' | 'ف')) {
        &[0, 1]
    } else {
        &[0]
    };
    for &c in conj_options {
        let rest = &chars[c..];
        // preposition or future: ب ل ك س
        let prep_options: &[usize] = if matches!(rest.first(), Some('ب' | 'ل' | 'ك' | 'س')) {
            &[0, 1]
        } else {
            &[0]
        };
        for &p in prep_options {
            let rest2 = &rest[p..];
            let prefix = &chars[..c + p];
            let prep_is_lam = p == 1 && rest[0] == 'ل';
            if rest2.len() > 2 && rest2[0] == 'ا' && rest2[1] == 'ل' {
                // the article
                push(prefix, true, &rest2[2..]);
            } else if prep_is_lam && rest2.len() > 1 && rest2[0] == 'ل' {
                // ل + ال = لل
                push(prefix, true, &rest2[1..]);
            }
            if c + p > 0 {
                push(prefix, false, rest2);
            }
        }
    }
    out
}

/// Keys to look a word up under, longest first, without duplicates: the surface key, then each
/// reading with its article, then each bare stem.
///
/// ```
/// use marsad_arabic::lookup_keys;
/// assert!(lookup_keys("بالبوكمال").contains(&"البوكمال".to_string()));
/// assert!(lookup_keys("وللقوات").contains(&"قوات".to_string()));
/// assert!(lookup_keys("والعراق").contains(&"العراق".to_string()));
/// ```
pub fn lookup_keys(word: &str) -> Vec<String> {
    let rs = readings(word);
    let mut out: Vec<String> = Vec::with_capacity(rs.len() * 2);
    for r in &rs {
        let w = r.with_article();
        if !out.contains(&w) {
            out.push(w);
        }
    }
    for r in &rs {
        if !out.contains(&r.stem) {
            out.push(r.stem.clone());
        }
    }
    out.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clitic_table() {
        let rows: &[(&str, &[&str])] = &[
            ("والعراق", &["العراق", "عراق"]),
            ("بالبوكمال", &["البوكمال", "بوكمال"]),
            ("وللقوات", &["القوات", "قوات"]),
            ("لدمشق", &["دمشق"]),
            ("وإدلب", &["ادلب"]),
            ("فالجيش", &["الجيش", "جيش"]),
            ("كالعادة", &["العاده"]),
            ("وبالرقة", &["الرقه", "رقه"]),
            ("للحرس", &["الحرس", "حرس"]),
            ("سيقصف", &["يقصف"]),
        ];
        for (word, wants) in rows {
            let got = lookup_keys(word);
            for w in *wants {
                assert!(
                    got.contains(&w.to_string()),
                    "help: crates/arabic/src/clitics.rs: {word} should offer {w}, got {got:?}"
                );
            }
            assert_eq!(got[0], key(word), "the surface key comes first");
        }
    }

    #[test]
    fn short_words_keep_their_letters() {
        // «ول» must not be emptied
        assert!(readings("ول").iter().all(|r| r.stem.chars().count() >= 2));
    }
}
