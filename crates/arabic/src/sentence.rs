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
/// Only the bytes that can end a terminator or a line break are looked at (`.`, `?`, `!`,
/// `\n`, and the last bytes of «؟», «؛», «۔» and «…»); everything else is skipped a byte at a time.
///
/// ```
/// use marsad_arabic::sentences;
/// let text = "قصفت الطائرات المدينة في 2021.06.29 صباحاً. وقُتل 3 مدنيين؟ نعم";
/// let got: Vec<&str> = sentences(text).iter().map(|s| s.slice(text)).collect();
/// assert_eq!(got, ["قصفت الطائرات المدينة في 2021.06.29 صباحاً.", "وقُتل 3 مدنيين؟", "نعم"]);
/// ```
pub fn sentences(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !CANDIDATE[bytes[i] as usize] {
            i += 1;
            continue;
        }
        // a candidate byte is an ASCII terminator or the last byte of «؛» «؟» «۔» «…»: step
        // back to the start of its char
        let mut at = i;
        while at > 0 && (bytes[at] & 0xC0) == 0x80 && i - at < 3 {
            at -= 1;
        }
        let Some(c) = char_at(text, at).filter(|c| c.len_utf8() == i - at + 1) else {
            i += 1;
            continue;
        };
        i = at;
        if !is_terminator(c) && c != '\n' {
            i += c.len_utf8();
            continue;
        }
        if c == '\n' {
            push_trimmed(text, start, i, &mut out);
            start = i + 1;
            i += 1;
            continue;
        }
        let clen = c.len_utf8();
        let next = char_at(text, i + clen);
        let prev = char_before(text, i);
        let inside_number = c == '.'
            && prev.is_some_and(|p| digit_value(p).is_some())
            && next.is_some_and(|n| digit_value(n).is_some());
        // a single letter before the dot: an initial or abbreviation («د.», «U.S.»)
        let abbreviation = c == '.'
            && prev.is_some_and(|p| {
                crate::chars::is_alphabetic(p)
                    && char_before(text, i - p.len_utf8())
                        .is_none_or(|pp| pp.is_whitespace() || pp == '.' || pp == '(')
            });
        if inside_number || abbreviation {
            i += clen;
            continue;
        }
        // take repeated terminators and closing quotes with the sentence
        let mut end = i + clen;
        while let Some(n) = char_at(text, end) {
            if is_terminator(n) || is_closer(n) {
                end += n.len_utf8();
            } else {
                break;
            }
        }
        // a terminator directly followed by a letter is not a boundary (e.g. «م.ح»)
        let followed_by_letter = char_at(text, end).is_some_and(crate::chars::is_alphanumeric);
        if !followed_by_letter {
            push_trimmed(text, start, end, &mut out);
            start = end;
        }
        i = end;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

/// Bytes that can end a terminator or a line break: `\n . ? !`, and the last bytes of «؛»
/// (D8 9B), «؟» (D8 9F), «۔» (DB 94) and «…» (E2 80 A6).
static CANDIDATE: [bool; 256] = {
    let mut t = [false; 256];
    t[b'\n' as usize] = true;
    t[b'.' as usize] = true;
    t[b'?' as usize] = true;
    t[b'!' as usize] = true;
    t[0x9B] = true;
    t[0x9F] = true;
    t[0x94] = true;
    t[0xA6] = true;
    t
};

/// The char starting at byte `i`, if `i` is a char boundary inside `text`.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// The char ending at byte `i`.
#[inline]
fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
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
