//! The headline: a line of moderate length without a final full stop, before the publication
//! line (when there is one) or else before the body.

use super::body::never_body;
use super::lines::Line;

/// A line that could be a headline.
pub(crate) fn is_candidate(l: &Line) -> bool {
    never_body(l).is_none()
        && (3..=30).contains(&l.words)
        && !l.ends_sentence_strict()
        && !l.text.ends_with(':')
        && !l.opens_related()
        && !l.opens_end()
}

/// The index of the headline among `lines`, searching backwards from `anchor` (exclusive) over
/// lines not `taken` by other metadata. A long candidate (a standfirst) yields to a shorter one
/// just above it.
pub(crate) fn pick(lines: &[Line], anchor: usize, taken: &[bool]) -> Option<usize> {
    let cands: Vec<usize> = (0..anchor.min(lines.len()))
        .rev()
        .filter(|&i| !taken[i] && is_candidate(&lines[i]))
        .take(3)
        .collect();
    let first = *cands.first()?;
    if lines[first].words > 16 {
        if let Some(&shorter) = cands[1..]
            .iter()
            .find(|&&i| lines[i].words <= 16 && first - i <= 4)
        {
            return Some(shorter);
        }
    }
    Some(first)
}
