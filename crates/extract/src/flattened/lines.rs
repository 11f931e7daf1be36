//! Lines of a flattened page and their shape: length, final punctuation, file names, widget
//! labels, cue words. Shape rules are language-agnostic; cue words (`data/extract/cues.tsv`) add
//! what shape cannot see.

use super::lexicon::{fold_words_into, lexicon, words_of, Cue, CueSet};

/// One non-empty line of the input, trimmed, with what the rules measure on it.
#[derive(Debug, Clone)]
pub(crate) struct Line<'a> {
    pub text: &'a str,
    /// Whitespace-separated words holding a letter or a digit.
    pub words: usize,
    /// Ends like a sentence (after closing quotes and brackets): `. ! ? ؟ …` or `:` for a lead-in.
    pub ends_sentence: bool,
    /// A shape that is never body text (a file name, a bare link, a widget label), with its reason.
    pub junk: Option<&'static str>,
    /// Cue categories found on the line (any position).
    pub cues: CueSet,
    /// The line is repeated elsewhere on the page (navigation printed twice).
    pub repeated: bool,
    /// The raw line ended with a no-break space: editors write `&nbsp;<br>` for a line break
    /// inside a paragraph, so the paragraph goes on in the next block.
    pub soft_break: bool,
}

/// Splits `content` into its non-empty lines, trimmed, measured.
pub(crate) fn split(content: &str) -> Vec<Line<'_>> {
    let mut lines: Vec<Line> = content
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|raw| {
            let mut l = Line::new(raw.trim());
            l.soft_break = raw
                .trim_end_matches(['\r', '\n'])
                .ends_with(['\u{00A0}', '\u{202F}']);
            l
        })
        .collect();
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    for l in &lines {
        *counts.entry(l.text).or_default() += 1;
    }
    for l in &mut lines {
        l.repeated = counts[l.text] > 1;
    }
    lines
}

impl<'a> Line<'a> {
    pub(crate) fn new(text: &'a str) -> Line<'a> {
        let (mut buf, mut ends) = (String::new(), Vec::new());
        fold_words_into(text, &mut buf, &mut ends);
        let folded: Vec<&str> = words_of(&buf, &ends).collect();
        let words = text
            .split_whitespace()
            .filter(|w| w.chars().any(marsad_arabic::chars::is_alphanumeric))
            .count()
            .max(cjk_words(text));
        let mut cues = CueSet::default();
        let lex = lexicon();
        for (_, _, set) in lex.cues.find_all(&folded) {
            cues = cues.union(set);
        }
        Line {
            text,
            words,
            ends_sentence: ends_sentence(text),
            junk: junk_shape(text),
            cues,
            repeated: false,
            soft_break: false,
        }
    }

    /// A cue that decides the line's fate when the line is short (a label, not a sentence).
    pub(crate) fn is_ui(&self) -> bool {
        self.words <= 5 && !self.ends_sentence_strict() && self.cues.has(Cue::Ui)
    }

    /// A line about cookies or rights: dropped whatever its length.
    pub(crate) fn is_legal(&self) -> bool {
        (self.cues.has(Cue::Copyright) && self.words <= 40)
            || (self.cues.has(Cue::Cookie) && self.words <= 80 && !self.text.contains('«'))
    }

    /// A short line opening a block of links to other articles.
    pub(crate) fn opens_related(&self) -> bool {
        self.words <= 5 && self.cues.has(Cue::Related)
    }

    /// A short line opening the page's end matter.
    pub(crate) fn opens_end(&self) -> bool {
        self.words <= 5 && self.cues.has(Cue::End)
    }

    /// Ends with `.`, `!`, `?` or `؟` (after closing quotes and brackets).
    pub(crate) fn ends_sentence_strict(&self) -> bool {
        matches!(
            last_significant(self.text),
            Some('.' | '!' | '?' | '؟' | '…' | '。')
        )
    }
}

/// The line as body text: every run of white space (no-break spaces included) one space.
pub(crate) fn body_text(line: &str) -> std::borrow::Cow<'_, str> {
    let clean = !line
        .chars()
        .zip(line.chars().skip(1))
        .any(|(a, b)| a.is_whitespace() && b.is_whitespace())
        && line.chars().all(|c| c == ' ' || !c.is_whitespace());
    if clean {
        return line.into();
    }
    line.split_whitespace().collect::<Vec<_>>().join(" ").into()
}

/// Counts ideographs and kana as about one word per two characters, for scripts written
/// without spaces.
fn cjk_words(text: &str) -> usize {
    let n = text
        .chars()
        .filter(|c| matches!(*c as u32, 0x3040..=0x30FF | 0x3400..=0x9FFF | 0xAC00..=0xD7AF))
        .count();
    n / 2
}

fn last_significant(text: &str) -> Option<char> {
    text.chars().rev().find(|c| {
        !c.is_whitespace()
            && !matches!(
                c,
                '"' | '\''
                    | '»'
                    | '«'
                    | '”'
                    | '“'
                    | '’'
                    | ')'
                    | ']'
                    | '*'
                    | '\u{200F}'
                    | '\u{200E}'
            )
    })
}

/// Ends like a sentence, or like a lead-in to a quote or a list (`:`).
pub(crate) fn ends_sentence(text: &str) -> bool {
    matches!(
        last_significant(text),
        Some('.' | '!' | '?' | '؟' | '…' | '。' | '！' | '？' | ':' | '：' | '؛')
    )
}

const FILE_EXTENSIONS: &[&str] = &[
    "jpg", "jpeg", "png", "webp", "gif", "svg", "avif", "bmp", "ico", "tif", "tiff", "heic", "mp4",
    "mp3", "webm", "pdf",
];

/// A shape that is never body text, with the reason.
pub(crate) fn junk_shape(text: &str) -> Option<&'static str> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let letters = text
        .chars()
        .filter(|&c| marsad_arabic::chars::is_alphabetic(c))
        .count();
    if letters == 0 {
        // «2021», «|», «+», a bare counter; publication lines are matched before this is asked
        return Some("no letters");
    }
    if letters <= 2 && text.chars().count() <= 4 {
        return Some("widget label");
    }
    if tokens.len() <= 4 && tokens.last().is_some_and(|t| is_file_name(t)) {
        return Some("file name");
    }
    if tokens.len() <= 3
        && tokens.iter().any(|t| {
            let t = t.to_ascii_lowercase();
            t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.")
        })
    {
        return Some("link");
    }
    if tokens.iter().any(|t| t.chars().count() > 60) && tokens.len() <= 3 {
        return Some("code or data");
    }
    None
}

/// `3003677482.jpg`, `Logo-full-color-4.png`, `photo.webp?w=300`.
pub(crate) fn is_file_name(token: &str) -> bool {
    let t = token.split(['?', '#']).next().unwrap_or(token);
    let Some((stem, ext)) = t.rsplit_once('.') else {
        return false;
    };
    !stem.is_empty()
        && FILE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
        && !stem.chars().any(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row per case; a failure names this file.
    macro_rules! rows {
        ($f:expr, $($input:expr => $want:expr),* $(,)?) => {$(
            assert_eq!($f($input), $want,
                "input {:?}\nhelp: the rule lives in crates/extract/src/flattened/lines.rs", $input);
        )*};
    }

    #[test]
    fn junk_shapes() {
        rows!(junk_shape,
            "3003677482.jpg" => Some("file name"),
            "svg%3E Logo-full-color-4.png" => Some("file name"),
            "+A" => Some("widget label"),
            "-A" => Some("widget label"),
            "|" => Some("no letters"),
            "https://example.com/a" => Some("link"),
            "حجم الخط" => None,
            "دير الزور - خاص" => None,
            "ميليشيات إيران تجتمع في البوكمال" => None,
        );
    }

    #[test]
    fn sentence_ends() {
        rows!(ends_sentence,
            "وقال إن القصف استمر." => true,
            "هل انتهت الحرب؟" => true,
            "قال المتحدث: «انتهى الأمر.»" => true,
            "Read more" => false,
            "ميليشيات إيران تجتمع في البوكمال" => false,
        );
    }

    #[test]
    fn ui_labels() {
        let ui = |s: &str| Line::new(s).is_ui();
        rows!(ui,
            "حجم الخط" => true,
            "icon" => true,
            "التغطية الحية" => true,
            "Share on Facebook" => true,
            "شارك رأيك في مستقبل المدينة بعد سنوات من الحرب والدمار." => false,
        );
    }
}
