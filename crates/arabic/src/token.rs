//! Tokens with byte spans into the text they came from.
//!
//! Concatenating the tokens with the text between them gives the input back: the tokenizer
//! never rewrites, it only marks. Arabic words keep their harakat and tatweel; numbers take
//! digits of any script with inner separators (`2021.06.29`, `3٫5`, `1,200`) and the article
//! joined to a number («الـ24», «ال 5» is two tokens).

use marsad_core::Span;

use crate::key::{
    block_index, digit_value, is_arabic_letter, is_arabic_mark, BLOCK_CLASS, DIGIT, INVISIBLE,
    LETTER, MARK,
};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word in Arabic script (harakat and tatweel included).
    Arabic,
    /// A word in Latin (or another alphabetic) script.
    Latin,
    /// Digits, possibly with inner separators, possibly after «الـ».
    Number,
    /// One punctuation or symbol character.
    Punct,
}

/// A token: its kind and its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

impl Token {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.slice(text)
    }

    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Arabic | TokenKind::Latin)
    }
}

fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

fn is_inner_number_sep(c: char) -> bool {
    matches!(c, '.' | ',' | '٫' | '٬')
}

/// Splits `text` into tokens. Whitespace is skipped; everything else belongs to one token.
///
/// ```
/// use marsad_arabic::{tokenize, TokenKind};
/// let text = "قُتل 3 عناصر خلال الـ24 ساعة.";
/// let toks = tokenize(text);
/// let words: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
/// assert_eq!(words, ["قُتل", "3", "عناصر", "خلال", "الـ24", "ساعة", "."]);
/// assert_eq!(toks[4].kind, TokenKind::Number);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    tokenize_into(text, &mut out);
    out
}

/// Like [`tokenize`], appending to a reused buffer.
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII fast paths
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        // the Arabic block: letters, marks, digits, the ALM control, through a table
        if let Some(idx) = block_index(bytes, i) {
            let class = BLOCK_CLASS[idx];
            if class & (LETTER | MARK) != 0 {
                let j = scan_arabic_word(text, i);
                i = push_word(text, i, j, out);
                continue;
            }
            if class & INVISIBLE != 0 {
                i += 2;
                continue;
            }
            if class & DIGIT != 0 {
                let end = scan_number(text, i);
                out.push(Token {
                    kind: TokenKind::Number,
                    span: Span::new(i, end),
                });
                i = end;
                continue;
            }
        }
        let c = if b < 0x80 {
            b as char
        } else {
            text[i..].chars().next().unwrap_or(' ')
        };
        let clen = c.len_utf8();
        if c.is_whitespace() || is_invisible(c) {
            i += clen;
            continue;
        }
        let start = i;
        if is_digit(c) {
            let end = scan_number(text, i);
            out.push(Token {
                kind: TokenKind::Number,
                span: Span::new(start, end),
            });
            i = end;
        } else if is_arabic_letter(c) || is_arabic_mark(c) {
            let j = scan_arabic_word(text, i);
            i = push_word(text, start, j, out);
        } else if crate::chars::is_alphabetic(c) {
            let mut j = i;
            for (k, ch) in text[i..].char_indices() {
                if (crate::chars::is_alphabetic(ch) && !is_arabic_letter(ch)) || ch == '\'' && k > 0
                {
                    j = i + k + ch.len_utf8();
                } else if ch.is_ascii_digit() && k > 0 {
                    // alphanumerics such as F16, MQ9 stay one token
                    j = i + k + 1;
                } else {
                    break;
                }
            }
            out.push(Token {
                kind: TokenKind::Latin,
                span: Span::new(start, j),
            });
            i = j;
        } else if c == '_' && joins_words(text, i) {
            // «#الجيش_الإسرائيلي»: in hashtags and handles an underscore stands for a space
            i += 1;
        } else {
            out.push(Token {
                kind: TokenKind::Punct,
                span: Span::new(start, i + clen),
            });
            i += clen;
        }
    }
}

/// Whether the underscore at byte `i` stands between two letters or digits.
fn joins_words(text: &str, i: usize) -> bool {
    let word = |c: char| crate::chars::is_alphabetic(c) || is_digit(c) || is_arabic_mark(c);
    text[..i].chars().next_back().is_some_and(word)
        && text[i + 1..].chars().next().is_some_and(word)
}

/// Pushes the Arabic word `start..j`, or a number token when the word is the article joined to
/// digits («الـ24»); returns where the token ends.
#[inline]
fn push_word(text: &str, start: usize, j: usize, out: &mut Vec<Token>) -> usize {
    let after = text.as_bytes().get(j).copied();
    // digits start with an ASCII digit or a lead byte of the Arabic block
    let maybe_digit = after.is_some_and(|b| b.is_ascii_digit() || (0xD9..=0xDB).contains(&b));
    if maybe_digit
        && text[j..].chars().next().is_some_and(is_digit)
        && is_article_prefix(&text[start..j])
    {
        let end = scan_number(text, j);
        out.push(Token {
            kind: TokenKind::Number,
            span: Span::new(start, end),
        });
        end
    } else {
        out.push(Token {
            kind: TokenKind::Arabic,
            span: Span::new(start, j),
        });
        j
    }
}

/// End (byte) of the Arabic word starting at `i`: letters, marks and ZWNJ. The common case, a
/// two-byte char of the Arabic block (lead byte D8..DB), is decoded in place.
#[inline]
fn scan_arabic_word(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    let mut j = i;
    while j < bytes.len() {
        let b = bytes[j];
        if let Some(idx) = block_index(bytes, j) {
            if BLOCK_CLASS[idx] & (LETTER | MARK) != 0 {
                j += 2;
                continue;
            }
            break;
        }
        if b < 0x80 {
            break;
        }
        match text[j..].chars().next() {
            Some(c) if is_arabic_letter(c) || is_arabic_mark(c) || c == '\u{200C}' => {
                j += c.len_utf8()
            }
            _ => break,
        }
    }
    j
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

fn is_article_prefix(word: &str) -> bool {
    let w: String = word.chars().filter(|c| *c != '\u{0640}').collect();
    matches!(w.as_str(), "ال" | "وال" | "بال" | "فال" | "لل")
}

/// End (byte) of the number starting at `i`: digits, with single inner separators between digits.
fn scan_number(text: &str, i: usize) -> usize {
    let mut end = i;
    let mut chars = text[i..].char_indices().peekable();
    while let Some((k, ch)) = chars.next() {
        if is_digit(ch) {
            end = i + k + ch.len_utf8();
        } else if is_inner_number_sep(ch) {
            match chars.peek() {
                Some(&(_, next)) if is_digit(next) => continue,
                _ => break,
            }
        } else {
            break;
        }
    }
    end
}

/// The digits of a number token as a value: `"١٢"` = 12, `"الـ24"` = 24, `"3٫5"` = 3 (integer
/// part), `"1,200"` = 1200 (thousands separators). `None` for a date-like `2021.06.29`.
pub fn number_value(token_text: &str) -> Option<u64> {
    let digits_start = token_text
        .char_indices()
        .find(|(_, c)| is_digit(*c))
        .map(|(i, _)| i)?;
    let s = &token_text[digits_start..];
    let seps: Vec<char> = s.chars().filter(|c| is_inner_number_sep(*c)).collect();
    let mut value: u64 = 0;
    let mut groups = s.split(is_inner_number_sep);
    match seps.len() {
        0 => {}
        1 => {
            let (head, tail) = (groups.next()?, groups.next()?);
            let thousands = matches!(seps[0], ',' | '٬') && tail.chars().count() == 3;
            if !thousands {
                return parse_digits(head);
            }
        }
        _ => {
            if seps.iter().any(|c| !matches!(c, ',' | '٬')) {
                return None;
            }
        }
    }
    for group in s.split(is_inner_number_sep) {
        let g = parse_digits(group)?;
        let width = group.chars().count() as u32;
        value = value
            .checked_mul(10u64.checked_pow(width)?)?
            .checked_add(g)?;
    }
    Some(value)
}

fn parse_digits(s: &str) -> Option<u64> {
    let mut v: u64 = 0;
    let mut any = false;
    for c in s.chars() {
        v = v.checked_mul(10)?.checked_add(digit_value(c)? as u64)?;
        any = true;
    }
    any.then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text)
            .iter()
            .map(|t| (t.text(text), t.kind))
            .collect()
    }

    #[test]
    fn numbers_dates_and_joins() {
        use TokenKind::*;
        assert_eq!(
            texts("2021.06.29 | 16:03 دمشق"),
            vec![
                ("2021.06.29", Number),
                ("|", Punct),
                ("16", Number),
                (":", Punct),
                ("03", Number),
                ("دمشق", Arabic)
            ]
        );
        assert_eq!(texts("٣٫٥ كم"), vec![("٣٫٥", Number), ("كم", Arabic)]);
        assert_eq!(texts("الـ24"), vec![("الـ24", Number)]);
        assert_eq!(
            texts("طائرة F16."),
            vec![("طائرة", Arabic), ("F16", Latin), (".", Punct)]
        );
        assert_eq!(texts("لـ موقع"), vec![("لـ", Arabic), ("موقع", Arabic)]);
    }

    #[test]
    fn an_underscore_between_words_is_a_space() {
        use TokenKind::*;
        assert_eq!(
            texts("#الجيش_الإسرائيلي"),
            vec![("#", Punct), ("الجيش", Arabic), ("الإسرائيلي", Arabic)]
        );
        assert_eq!(
            texts("@sky_news"),
            vec![("@", Punct), ("sky", Latin), ("news", Latin)]
        );
        // a rule of underscores is punctuation, as is one at a word's edge
        assert_eq!(
            texts("__ ب_"),
            vec![("_", Punct), ("_", Punct), ("ب", Arabic), ("_", Punct)]
        );
    }

    #[test]
    fn values() {
        assert_eq!(number_value("١٢"), Some(12));
        assert_eq!(number_value("الـ24"), Some(24));
        assert_eq!(number_value("1,200"), Some(1200));
        assert_eq!(number_value("3٫5"), Some(3));
        assert_eq!(number_value("2021.06.29"), None);
        assert_eq!(number_value("99999999999999999999999"), None);
    }
}
