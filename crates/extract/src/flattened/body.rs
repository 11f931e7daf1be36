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
        -12
    } else if l.opens_end() {
        -40
    } else if l.opens_related() {
        -15
    } else if is_paragraph(l) {
        l.words as i64
    } else if l.repeated || l.words <= 2 {
        -6
    } else {
        -2
    }
}

/// Paragraph words before an end-matter line for it to mark the end of the article (a «Topics»
/// menu above the article does not).
const END_AFTER_WORDS: i64 = 50;
/// What the part of the page after the end matter counts for (comments, teasers).
const AFTER_END_DISCOUNT: i64 = 4;

/// The body's line range (`start..end`) and, for each line of the page, whether it is kept.
#[derive(Debug, Clone, Default)]
pub(crate) struct Body {
    pub start: usize,
    pub end: usize,
    pub keep: Vec<bool>,
}

/// The maximum-sum run of `weights[from..to]`: (sum, start, end).
fn densest(weights: &[i64], from: usize, to: usize) -> Option<(i64, usize, usize)> {
    let (mut best, mut best_range) = (0i64, None);
    let (mut sum, mut start) = (0i64, from);
    for (i, &w) in weights.iter().enumerate().take(to).skip(from) {
        if sum <= 0 {
            sum = 0;
            start = i;
        }
        sum += w;
        if sum > best {
            best = sum;
            best_range = Some((best, start, i + 1));
        }
    }
    best_range
}

/// The densest run of the page. The first end-matter line after some article text splits the
/// page in two; the part after it counts for a fraction of its weight, since comments and
/// teasers below an article easily outweigh it.
fn best_run(lines: &[Line], weights: &[i64]) -> Option<(usize, usize)> {
    let mut words_before = 0;
    let mut split = lines.len();
    for (i, l) in lines.iter().enumerate() {
        if weights[i] > 0 {
            words_before += weights[i];
        } else if l.opens_end() && words_before >= END_AFTER_WORDS {
            split = i;
            break;
        }
    }
    let before = densest(weights, 0, split);
    let after = densest(weights, split, lines.len());
    match (before, after) {
        (Some((b, s, e)), Some((a, ..))) if b >= a / AFTER_END_DISCOUNT => Some((s, e)),
        (_, Some((_, s, e))) => Some((s, e)),
        (Some((_, s, e)), None) => Some((s, e)),
        (None, None) => None,
    }
}

/// Finds the body of `lines`.
pub(crate) fn find(lines: &[Line]) -> Body {
    let n = lines.len();
    let mut keep = vec![false; n];
    let weights: Vec<i64> = lines.iter().map(weight).collect();
    let Some((start, end)) = best_run(lines, &weights) else {
        // no paragraph at all: keep every line that could be text
        for (i, l) in lines.iter().enumerate() {
            keep[i] =
                never_body(l).is_none() && l.words >= 2 && parse_publication_line(l.text).is_none();
        }
        let start = keep.iter().position(|k| *k).unwrap_or(n);
        let end = keep.iter().rposition(|k| *k).map_or(n, |e| e + 1);
        return Body { start, end, keep };
    };
    let mut in_related = false;
    let mut i = start;
    while i < end {
        let l = &lines[i];
        if is_paragraph(l) {
            keep[i] = true;
            in_related = false;
            i += 1;
            continue;
        }
        if l.opens_related() || l.opens_end() {
            in_related = true;
            i += 1;
            continue;
        }
        keep[i] = !in_related && is_subhead(l);
        i += 1;
    }
    Body { start, end, keep }
}

/// A short line inside the body that reads as part of it: a subhead or a list item, not a label.
fn is_subhead(l: &Line) -> bool {
    never_body(l).is_none()
        && !l.repeated
        && l.words >= 2
        && parse_publication_line(l.text).is_none()
}
