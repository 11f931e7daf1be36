//! Flattened text (a scraper's dump of a page, one block a line) into an [`Article`].
//!
//! The steps, each in its own file:
//! - [`lines`](self): every non-empty line, trimmed and measured (length, final punctuation,
//!   file-name and widget shapes, cue words from `data/extract/cues.tsv`);
//! - `body`: the densest run of paragraph-like lines, keeping the subheads inside it and
//!   dropping labels and link lists;
//! - [`parse_publication_line`]: the date, time and zone of publication;
//! - [`dateline_line`] / [`leading_dateline`]: the dateline, as its own line before the body or
//!   at the start of the first paragraph;
//! - [`byline_author`]: the author;
//! - `title`: the headline before the publication line or the body.
//!
//! Invariants: every non-empty input line, trimmed, is either a line of `text` (its white space
//! runs made single spaces) or an entry of `removed`, in input order; metadata lines (title,
//! publication line, dateline line, byline) are listed in `removed` too, so nothing is lost
//! silently. Paragraphs are joined by a blank line; a line that ends with a no-break space
//! (an editor's `&nbsp;<br>`) goes on in the next line of the same paragraph. A dateline that opens the first
//! paragraph stays in the text (the paragraph is kept as written) and is recorded in
//! `dateline.text`. `dateline.place` stays `None`: the geo stage resolves
//! [`Flattened::dateline_place`].
//!
//! ```
//! use marsad_extract::flattened::extract_flattened_with;
//! let page = "الرئيسية\nأخبار\n\nانفجار في مرفأ المدينة\n\n2021.06.29 | 16:03 دمشق\n\
//!             حلب - خاص\n\nوقع انفجار كبير في مرفأ المدينة صباح اليوم وأدى إلى مقتل ثلاثة عمال.\n\
//!             جميع الحقوق محفوظة © 2021";
//! let f = extract_flattened_with(page, &Default::default());
//! assert_eq!(f.article.title.as_deref(), Some("انفجار في مرفأ المدينة"));
//! assert_eq!(f.article.published.as_deref(), Some("2021-06-29T16:03:00+03:00"));
//! assert_eq!(f.dateline_place.as_deref(), Some("حلب"));
//! assert!(f.article.text.starts_with("وقع انفجار"));
//! ```

mod body;
mod byline;
mod dateline;
mod lexicon;
mod lines;
mod published;
mod title;

/// See [`crate::preload`].
pub(crate) fn preload() {
    lexicon::lexicon();
}

pub use byline::byline_author;
pub use dateline::{dateline_line, dateline_place_text, leading_dateline, LeadingDateline};
pub use published::{parse_publication_line, PublicationTime, Zone};

use chrono_tz::Tz;
use marsad_core::{Article, Dateline};

/// Words from which a line just above the body, below the headline, is its lead.
const LEAD_WORDS: usize = 12;

/// What a caller may set for flattened-text extraction.
#[derive(Debug, Clone, Default)]
pub struct FlattenedOptions {
    /// The headline as the caller knows it (a JSON Lines `title`): only a line equal to it is
    /// taken as the title, and no other line is guessed to be one.
    pub title: Option<String>,
    /// The zone of a publication time that names none (a site's home zone). Without it such a
    /// time is kept to its date.
    pub default_zone: Option<Tz>,
}

/// The article and what the pipeline needs besides it.
#[derive(Debug, Clone, Default)]
pub struct Flattened {
    pub article: Article,
    /// The place part of the dateline («دير الزور» of «دير الزور - خاص»), for the geocoder.
    pub dateline_place: Option<String>,
    /// What was assumed or could not be read (a publication time without a zone).
    pub warnings: Vec<String>,
}

/// Extracts an article from flattened text with the default options.
pub fn extract_flattened(content: &str) -> Article {
    extract_flattened_with(content, &FlattenedOptions::default()).article
}

/// Extracts an article from flattened text.
pub fn extract_flattened_with(content: &str, options: &FlattenedOptions) -> Flattened {
    let lines = lines::split(content);
    let n = lines.len();
    let body = body::find(&lines);
    let mut keep = body.keep;
    // metadata is looked for in the lines the body does not keep
    let mut taken = vec![false; n];
    let header = 0..body.start.min(n);
    let tail = body.end.min(n)..(body.end + 6).min(n);
    let meta_lines: Vec<usize> = header
        .clone()
        .chain(tail.clone())
        .filter(|&i| !keep[i])
        .collect();

    let mut out = Flattened::default();

    // publication line: the one nearest above the body that is not an update time (a page's
    // «today» date sits higher up), else one below the body, else an update time
    let mut first_any = None;
    let mut publication = None;
    for &i in &meta_lines {
        if lines[i].words > 16 || (i >= body.start && publication.is_some()) {
            continue;
        }
        if let Some(p) = parse_publication_line(lines[i].text) {
            first_any.get_or_insert((i, p));
            if !p.updated {
                publication = Some((i, p));
            }
        }
    }
    let publication = publication.or(first_any);
    if let Some((i, p)) = publication {
        taken[i] = true;
        let (stamp, warning) = p.published(options.default_zone);
        out.article.published = Some(stamp);
        out.warnings.extend(warning);
    }

    // byline: in the header, the tail, or a short line at the body's edge
    for i in meta_lines
        .iter()
        .copied()
        .chain(body.start..body.end.min(n))
    {
        if taken[i]
            || lines[i].words > 12
            || body::is_paragraph(&lines[i])
            || body::never_body(&lines[i]).is_some()
        {
            continue;
        }
        if let Some(author) = byline_author(lines[i].text) {
            out.article.author = Some(author);
            taken[i] = true;
            keep[i] = false;
            break;
        }
    }

    // dateline: its own line just above the body (labels and file names may sit between)
    let mut dateline: Option<String> = None;
    for i in (0..body.start.min(n)).rev().take(8) {
        if taken[i] || body::never_body(&lines[i]).is_some() {
            continue;
        }
        if let Some(d) = dateline::dateline_line_above_body(lines[i].text) {
            dateline = Some(d.to_string());
            taken[i] = true;
            break;
        }
        if lines[i].words > 3 {
            break;
        }
    }
    if dateline.is_none() {
        if let Some(first) = (0..n).find(|&i| keep[i]) {
            if let Some(d) = leading_dateline(lines[first].text) {
                dateline = Some(d.text.to_string());
            }
        }
    }
    if let Some(text) = dateline {
        out.dateline_place = dateline_place_text(&text).map(str::to_string);
        out.article.dateline = Some(Dateline { text, place: None });
    }

    // title: the caller's, found as a line; else the headline before the publication line when
    // it sits above the body, else before the body
    let anchor = match publication {
        Some((i, _)) if i < body.start => i,
        _ => body.start.min(n),
    };
    let title_line = match &options.title {
        Some(known) => {
            let key = lexicon::fold_words(known);
            (0..body.start.min(n)).find(|&i| !taken[i] && lexicon::fold_words(lines[i].text) == key)
        }
        None => title::pick(&lines, anchor, &taken),
    };
    if let Some(i) = title_line {
        out.article.title = Some(lines[i].text.to_string());
        taken[i] = true;
    }

    // a lead just above the body: sentence-length lines below the title and the metadata
    let floor = title_line.map_or(0, |t| t + 1);
    for i in (floor..body.start.min(n)).rev() {
        let l = &lines[i];
        if taken[i] || body::never_body(l).is_some() || l.words < LEAD_WORDS || l.repeated {
            break;
        }
        keep[i] = true;
    }

    let mut paragraphs: Vec<String> = Vec::new();
    let mut continues = false;
    for (i, l) in lines.iter().enumerate() {
        if keep[i] {
            let text = lines::body_text(l.text);
            match paragraphs.last_mut() {
                Some(last) if continues => {
                    last.push('\n');
                    last.push_str(&text);
                }
                _ => paragraphs.push(text.into_owned()),
            }
            continues = l.soft_break;
        } else {
            out.article.removed.push(l.text.to_string());
            continues = false;
        }
    }
    out.article.text = paragraphs.join("\n\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_title_leaves_the_lead_in_a_clean_body() {
        let body = "قتل فلسطيني وأصيب ستة آخرون في قصف إسرائيلي استهدف مواقع عدة في قطاع غزة\n\
                    وقالت وزارة الصحة في بيان إن القصف استهدف مواقع في شمال القطاع وجنوبه بعد منتصف الليل.";
        let options = FlattenedOptions {
            title: Some("قصف إسرائيلي على غزة".into()),
            ..Default::default()
        };
        let f = extract_flattened_with(body, &options);
        assert_eq!(
            f.article.title, None,
            "help: crates/extract/src/flattened/mod.rs"
        );
        assert!(
            f.article.text.starts_with("قتل فلسطيني"),
            "help: crates/extract/src/flattened/mod.rs: {:?}",
            f.article
        );
        assert!(f.article.removed.is_empty());
    }
}
