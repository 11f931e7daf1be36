//! The body: the densest run of paragraph-like lines, and which of the short lines inside it
//! stay (subheads, list items) and which go (labels, link lists).
//!
//! Each line gets a weight: a paragraph (a long line, or a sentence of some length) weighs its
//! word count; a short line, a repeated line, a widget label or a file name weigh a small
//! negative amount; a line that opens related links or end matter weighs a large negative one.
//! The body is the run of lines with the greatest total weight (a maximum-sum subarray): it
//! starts and ends on paragraphs and bridges short lines only when paragraphs follow them.

use super::lines::Line;
use super::published::parse_publication_line;

/// A line long enough, or sentence-like enough, to be article text on its own.
pub(crate) fn is_paragraph(l: &Line) -> bool {
    l.junk.is_none()
        && !l.is_legal()
        && !l.is_ui()
        && (l.words >= 15 || (l.words >= 8 && l.ends_sentence))
}

/// Why a line never belongs to the body, whatever its position.
pub(crate) fn never_body(l: &Line) -> Option<&'static str> {
    if let Some(reason) = l.junk {
        return Some(reason);
    }
    if l.is_legal() {
        return Some("cookie or rights notice");
    }
    if l.is_ui() {
        return Some("widget or link label");
    }
    None
}

fn weight(l: &Line) -> i64 {
    if never_body(l).is_some() {
        -8
    } else if l.opens_end() || l.opens_related() {
        -40
    } else if is_paragraph(l) {
        l.words as i64
    } else if l.repeated {
        -6
    } else if l.words <= 2 {
        -4
    } else {
        -2
    }
}

/// The body's line range (`start..end`) and, for each line of the page, whether it is kept.
#[derive(Debug, Clone, Default)]
pub(crate) struct Body {
    pub start: usize,
    pub end: usize,
    pub keep: Vec<bool>,
}

/// Finds the body of `lines`.
pub(crate) fn find(lines: &[Line]) -> Body {
    let n = lines.len();
    let mut keep = vec![false; n];
    // maximum-sum run
    let (mut best, mut best_range) = (0i64, None);
    let (mut sum, mut from) = (0i64, 0usize);
    for (i, l) in lines.iter().enumerate() {
        let w = weight(l);
        if sum <= 0 {
            sum = 0;
            from = i;
        }
        sum += w;
        if sum > best {
            best = sum;
            best_range = Some((from, i + 1));
        }
    }
    let Some((start, end)) = best_range else {
        // no paragraph at all: keep every line that could be text
        for (i, l) in lines.iter().enumerate() {
            keep[i] = never_body(l).is_none() && l.words >= 2 && parse_publication_line(l.text).is_none();
        }
        let start = keep.iter().position(|k| *k).unwrap_or(n);
        let end = keep.iter().rposition(|k| *k).map_or(n, |e| e + 1);
        return Body { start, end, keep };
    };
    let mut in_related = false;
    for i in start..end {
        let l = &lines[i];
        if is_paragraph(l) {
            keep[i] = true;
            in_related = false;
            continue;
        }
        if l.opens_related() || l.opens_end() {
            in_related = true;
            continue;
        }
        keep[i] = !in_related && is_subhead(l, lines, i);
    }
    Body { start, end, keep }
}

/// A short line inside the body that reads as part of it: a subhead or a list item, not a label.
fn is_subhead(l: &Line, _lines: &[Line], _i: usize) -> bool {
    never_body(l).is_none()
        && !l.repeated
        && l.words >= 2
        && parse_publication_line(l.text).is_none()
}
