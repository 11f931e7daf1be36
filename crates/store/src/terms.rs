//! What the full-text index holds for a text, and what a query asks for.
//!
//! The index is fed with matching keys, never the surface: each word gives its key and the stems
//! behind its proclitics («بالبوكمال» also gives «البوكمال» and «بوكمال»), and a short word
//! joined with the next gives their concatenation («البو كمال» also gives «البوكمال»), so that
//! a query for «البوكمال» finds all three spellings. A query word is looked up by its key.

use marsad::arabic::{key, lookup_keys, tokenize, TokenKind};
use marsad::Span;

/// A word shorter than this (in chars) is also indexed joined with the next word.
const JOIN_MAX_CHARS: usize = 4;

/// The index terms of `text`, space-separated.
pub fn index_terms(text: &str) -> String {
    let tokens = tokenize(text);
    let mut out = String::with_capacity(text.len() * 2);
    let mut prev_short: Option<String> = None;
    for t in &tokens {
        let surface = t.text(text);
        match t.kind {
            TokenKind::Arabic => {
                let keys = lookup_keys(surface);
                for k in &keys {
                    push_term(&mut out, k);
                }
                let k = keys.first().cloned().unwrap_or_default();
                if let Some(p) = prev_short.take() {
                    push_term(&mut out, &format!("{p}{k}"));
                }
                if k.chars().count() <= JOIN_MAX_CHARS {
                    prev_short = Some(k);
                }
            }
            TokenKind::Latin | TokenKind::Number => {
                push_term(&mut out, &key(surface));
                prev_short = None;
            }
            TokenKind::Punct => prev_short = None,
        }
    }
    out
}

fn push_term(out: &mut String, term: &str) {
    if term.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(term);
}

/// The FTS5 match expression for a user's query: every word must match (by its key).
/// Returns `None` when the query has no word.
pub fn match_expression(query: &str) -> Option<String> {
    let terms: Vec<String> = tokenize(query)
        .iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .map(|t| key(t.text(query)))
        .filter(|k| !k.is_empty())
        .map(|k| format!("\"{}\"", k.replace('"', "")))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

/// Byte spans in `text` of the words the query matched (by the same keys the index used).
pub fn highlights(text: &str, query: &str) -> Vec<Span> {
    let wanted: Vec<String> = tokenize(query)
        .iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .map(|t| key(t.text(query)))
        .filter(|k| !k.is_empty())
        .collect();
    let tokens = tokenize(text);
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.kind == TokenKind::Punct {
            continue;
        }
        let keys = lookup_keys(t.text(text));
        if keys.iter().any(|k| wanted.contains(k)) {
            out.push(t.span);
            continue;
        }
        if let Some(next) = tokens.get(i + 1) {
            let joined = format!("{}{}", keys[0], key(next.text(text)));
            if wanted.contains(&joined) {
                out.push(t.span.cover(next.span));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(terms: &str, t: &str) -> bool {
        terms.split(' ').any(|x| x == t)
    }

    #[test]
    fn spellings_meet_in_the_index() {
        let q = key("البوكمال");
        for text in [
            "قصف في البوكمال",
            "دخلوا بالبوكمال أمس",
            "مدينة البو كمال الحدودية",
        ] {
            assert!(has(&index_terms(text), &q), "{text}: {}", index_terms(text));
        }
        assert!(!has(&index_terms("قصف في دير الزور"), &q));
    }

    #[test]
    fn highlights_land_on_the_surface() {
        let text = "وصلت التعزيزات بالبوكمال ثم إلى البو كمال";
        let spans: Vec<&str> = highlights(text, "البوكمال")
            .iter()
            .map(|s| s.slice(text))
            .collect();
        assert_eq!(spans, ["بالبوكمال", "البو كمال"]);
    }

    #[test]
    fn match_expression_quotes_terms() {
        assert_eq!(
            match_expression("قصف \"إدلب\"").unwrap(),
            "\"قصف\" AND \"ادلب\""
        );
        assert!(match_expression(" ، . ").is_none());
    }
}
