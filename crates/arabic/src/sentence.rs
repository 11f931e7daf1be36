//! Sentences: split on . ؟ ! ? ؛ and line breaks, never inside numbers (2021.06.29, 3.5),
//! times, ellipses or abbreviations (single letters such as «د.» or «U.S.»).

use marsad_core::Span;

use crate::key::digit_value;

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '؟' | '?' | '!' | '؛' | '…' | '۔')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '»' | ')' | ']' | '”' | '’' | '›' | '}')
}

/// Byte spans of the sentences of `text`, trimmed of surrounding whitespace.
///
/// ```
/// use marsad_arabic::sentences;
/// let text = "قصفت الطائرات المدينة في 2021.06.29 صباحاً. وقُتل 3 مدنيين؟ نعم";
/// let got: Vec<&str> = sentences(text).iter().map(|s| s.slice(text)).collect();
/// assert_eq!(got, ["قصفت الطائرات المدينة في 2021.06.29 صباحاً.", "وقُتل 3 مدنيين؟", "نعم"]);
/// ```
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    let mut prev: Option<char> = None;
    let mut prev_prev: Option<char> = None;
    while let Some((i, c)) = iter.next() {
        let mut cut: Option<usize> = None;
        if c == '\n' {
            cut = Some(i);
        } else if is_terminator(c) {
            let next = iter.peek().map(|&(_, n)| n);
            let inside_number = c == '.'
                && prev.is_some_and(|p| digit_value(p).is_some())
                && next.is_some_and(|n| digit_value(n).is_some());
            // a single letter before the dot: an initial or abbreviation («د.», «U.S.»)
            let abbreviation = c == '.'
                && prev.is_some_and(|p| p.is_alphabetic())
                && prev_prev.is_none_or(|pp| pp.is_whitespace() || pp == '.' || pp == '(');
            if !inside_number && !abbreviation {
                // take repeated terminators and closing quotes with the sentence
                let mut end = i + c.len_utf8();
                while let Some(&(j, n)) = iter.peek() {
                    if is_terminator(n) || is_closer(n) {
                        end = j + n.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                }
                // a terminator directly followed by a letter is not a boundary (e.g. «م.ح»)
                let followed_by_letter = iter.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
                if !followed_by_letter {
                    push_trimmed(text, start, end, &mut out);
                    start = end;
                }
            }
        }
        if let Some(at) = cut {
            push_trimmed(text, start, at, &mut out);
            start = at + 1;
        }
        prev_prev = prev;
        prev = Some(c);
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    if start >= end {
        return;
    }
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn sentence_table() {
        let rows: &[(&str, &[&str])] = &[
            (
                "قال د. أحمد إن الوضع صعب. انتهى",
                &["قال د. أحمد إن الوضع صعب.", "انتهى"],
            ),
            (
                "بلغت النسبة 3.5 بالمئة! ثم ماذا؟",
                &["بلغت النسبة 3.5 بالمئة!", "ثم ماذا؟"],
            ),
            (
                "الفقرة الأولى\n\nالفقرة الثانية",
                &["الفقرة الأولى", "الفقرة الثانية"],
            ),
            (
                "قال: \"انسحبنا.\" ثم غادر",
                &["قال: \"انسحبنا.\"", "ثم غادر"],
            ),
            ("أولاً؛ ثانياً", &["أولاً؛", "ثانياً"]),
            ("انتظر... ثم قصف", &["انتظر...", "ثم قصف"]),
            (
                "the U.S. forces struck. Then",
                &["the U.S. forces struck.", "Then"],
            ),
            (
                "في الساعة 16.30 بتوقيت دمشق.",
                &["في الساعة 16.30 بتوقيت دمشق."],
            ),
        ];
        for (text, want) in rows {
            assert_eq!(
                split(text),
                *want,
                "help: crates/arabic/src/sentence.rs on {text:?}"
            );
        }
    }

    #[test]
    fn empty_and_blank() {
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\n ").is_empty());
    }
}
