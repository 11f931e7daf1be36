//! Datelines: the place (and source) that opens a report. «دير الزور - خاص», «بيروت - رويترز»,
//! «(أ ف ب)», «القاهرة - «الحياة»», «غزة – وكالات», «دمشق ـ سانا», «الرياض: », «BEIRUT (Reuters) -».
//!
//! Two forms: a short line of its own just before the first paragraph ([`dateline_line`]), or
//! the start of the first paragraph ([`leading_dateline`]). A source is a news agency or a
//! dateline word from `data/extract/cues.tsv` (category `agency`), or anything quoted or in
//! brackets; a place is one to three words without digits (a Latin dateline may add a date:
//! «BEIRUT, June 29 (Reuters) -»).

use super::lexicon::{fold_words, lexicon, Cue};

const DASHES: &[char] = &['-', '–', '—', 'ـ', '−'];

/// A dateline found at the start of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeadingDateline<'a> {
    /// The dateline with its separator trimmed: «بيروت (رويترز)».
    pub text: &'a str,
    /// The paragraph after the dateline and its separator.
    pub rest: &'a str,
}

fn is_agency(s: &str) -> bool {
    let w = fold_words(s);
    !w.is_empty()
        && lexicon()
            .cues
            .at(&w, 0)
            .is_some_and(|(set, n)| set.has(Cue::Agency) && n == w.len())
}

/// Quoted or bracketed: «الحياة», "الحياة", (أ ف ب).
fn is_wrapped(s: &str) -> bool {
    let s = s.trim();
    let pairs = [('«', '»'), ('"', '"'), ('“', '”'), ('(', ')'), ('[', ']')];
    pairs.iter().any(|(a, b)| {
        s.starts_with(*a) && s.ends_with(*b) && s.chars().count() > 2 && s.chars().count() <= 40
    })
}

fn is_source(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && s.split_whitespace().count() <= 4 && (is_agency(s) || is_wrapped(s))
}

/// One to three words, no digits, no sentence punctuation: a place name.
fn is_place(s: &str) -> bool {
    let s = s.trim();
    let n = s.split_whitespace().count();
    (1..=3).contains(&n)
        && s.chars().all(|c| {
            marsad_arabic::chars::is_alphabetic(c)
                || c == ' '
                || c == '\''
                || c == '.'
                || c == '-'
                || marsad_arabic::is_arabic_mark(c)
        })
        && !s.ends_with('.')
}

/// A wire place: «BEIRUT», «BEIRUT, June 29», «DAMASCUS, Syria», and a city of the capitals
/// list with its country, «دبي، الإمارات العربية المتحدة» (an Arabic sentence may open with
/// «وفي حلب، قالت …»: the city must be a known one and start the paragraph bare).
fn is_wire_place(s: &str) -> bool {
    let s = s.trim();
    if let Some((head, tail)) = s.split_once('،') {
        let w = fold_words(head);
        return is_place(head)
            && is_place(tail)
            && lexicon().zones.at(&w, 0).is_some_and(|(_, n)| n == w.len());
    }
    let mut parts = s.splitn(2, ',');
    let head = parts.next().unwrap_or("");
    let tail = parts.next().unwrap_or("");
    is_place(head)
        && head.chars().any(|c| c.is_uppercase())
        && tail.split_whitespace().count() <= 3
        && !tail.contains('.')
}

/// Splits at the first spaced dash (« - », « – », « ـ »): (before, after).
fn split_dash(s: &str) -> Option<(&str, &str)> {
    let mut search = 0;
    while let Some(pos) = s[search..].find(DASHES) {
        let at = search + pos;
        let c = s[at..].chars().next()?;
        let after = at + c.len_utf8();
        let spaced_before = s[..at].ends_with(char::is_whitespace);
        let spaced_after = s[after..].starts_with(char::is_whitespace) || s[after..].is_empty();
        if spaced_before && (spaced_after || c != '-') {
            return Some((s[..at].trim_end(), s[after..].trim_start()));
        }
        search = after;
    }
    None
}

/// The whole line is a dateline: «دير الزور - خاص», «(أ ف ب)», «بيروت (رويترز)», «الرياض:».
///
/// ```
/// use marsad_extract::flattened::dateline_line;
/// assert_eq!(dateline_line("دير الزور - خاص"), Some("دير الزور - خاص"));
/// assert_eq!(dateline_line("(أ ف ب)"), Some("(أ ف ب)"));
/// assert_eq!(dateline_line("ميليشيات إيران تجتمع في البوكمال"), None);
/// ```
pub fn dateline_line(line: &str) -> Option<&str> {
    let l = line.trim();
    if l.is_empty() || l.split_whitespace().count() > 8 || l.ends_with('.') {
        return None;
    }
    // «(أ ف ب)»
    if l.starts_with('(') && l.ends_with(')') && is_source(l) {
        return Some(l);
    }
    // «الرياض:», «دمشق -»
    let bare = l.trim_end_matches(|c: char| c == ':' || DASHES.contains(&c) || c.is_whitespace());
    if bare.len() < l.len() && is_place(bare) {
        return Some(l);
    }
    // «دير الزور - خاص», «دمشق ـ سانا», «القاهرة - «الحياة»», «دمشق-سانا», «بيروت: «الشرق الأوسط»»
    if let Some((place, source)) = split_dash(l) {
        if is_place(place) && is_source(source) {
            return Some(l);
        }
    }
    if let Some(at) = l.find(|c: char| c == ':' || DASHES.contains(&c)) {
        let c = l[at..].chars().next()?;
        let (place, source) = (l[..at].trim(), l[at + c.len_utf8()..].trim());
        if is_place(place) && is_source(source) {
            return Some(l);
        }
    }
    // «بيروت (رويترز)», «BEIRUT, June 29 (Reuters)»
    if let Some(open) = l.find('(') {
        let (place, source) = (l[..open].trim(), l[open..].trim());
        if (is_place(place) || is_wire_place(place)) && is_source(source) {
            return Some(l);
        }
    }
    None
}

/// A dateline line in the position of one, just above the first paragraph, may name any short
/// source: «إدلب – عنب بلدي». Elsewhere [`dateline_line`] wants a known agency or a quoted one.
pub(crate) fn dateline_line_above_body(line: &str) -> Option<&str> {
    if let Some(d) = dateline_line(line) {
        return Some(d);
    }
    let l = line.trim();
    let (place, source) = split_dash(l)?;
    let n = source.split_whitespace().count();
    ((1..=3).contains(&n)
        && is_place(place)
        && source.chars().all(|c| {
            marsad_arabic::chars::is_alphabetic(c) || c == ' ' || marsad_arabic::is_arabic_mark(c)
        }))
    .then_some(l)
}

/// A dateline that opens a paragraph: «بيروت - رويترز - قالت…», «دمشق (أ ف ب) - …»,
/// «الرياض: …», «BEIRUT, June 29 (Reuters) - …».
///
/// ```
/// use marsad_extract::flattened::leading_dateline;
/// let d = leading_dateline("بيروت - رويترز - قالت مصادر أمنية إن الانفجار وقع صباحاً.").unwrap();
/// assert_eq!(d.text, "بيروت - رويترز");
/// assert!(d.rest.starts_with("قالت"));
/// assert!(leading_dateline("وقال: إن القصف استمر طوال الليل في المدينة.").is_none());
/// ```
pub fn leading_dateline(paragraph: &str) -> Option<LeadingDateline<'_>> {
    let p = paragraph.trim_start();
    let head_end = p.char_indices().nth(90).map_or(p.len(), |(i, _)| i);
    let head = &p[..head_end];
    let done = |end: usize, rest_from: usize| {
        let rest = p[rest_from..]
            .trim_start_matches(|c: char| c.is_whitespace() || c == ':' || DASHES.contains(&c));
        (rest.split_whitespace().count() >= 3).then(|| LeadingDateline {
            text: p[..end].trim(),
            rest,
        })
    };
    // «(أ ف ب) - …»
    if p.starts_with('(') {
        let close = head.find(')')?;
        if is_source(&p[..=close]) {
            return done(close + 1, close + 1);
        }
        return None;
    }
    // «PLACE (SOURCE) - …»
    if let Some(open) = head.find('(') {
        if let Some(close) = head[open..].find(')').map(|c| open + c) {
            let place = &p[..open];
            if (is_place(place) || is_wire_place(place)) && is_source(&p[open..=close]) {
                // «إدلب (سوريا) (أ ف ب) -»: a country, then the agency
                let mut end = close + 1;
                let next = p[end..].trim_start();
                if next.starts_with('(') {
                    let at = p.len() - next.len();
                    if let Some(c2) = next.find(')') {
                        if is_source(&next[..=c2]) {
                            end = at + c2 + 1;
                        }
                    }
                }
                return done(end, end);
            }
        }
    }
    // «PLACE - SOURCE - …», «PLACE ـ SOURCE: …»
    if let Some((place, after_full)) = split_dash(p) {
        if place.len() <= head.len() && is_place(place) {
            let after_at = p.len() - after_full.len();
            // the source ends at the next dash or colon
            let src_end = split_dash(after_full)
                .map(|(s, _)| s.len())
                .into_iter()
                .chain(after_full.find(':'))
                .min();
            if let Some(e) = src_end {
                if is_source(&after_full[..e]) {
                    return done(after_at + e, after_at + e);
                }
            }
            // «WASHINGTON — The president said…» (upper-case place, no source), «جوبا – حذرت…»
            // (an Arabic sentence does not open with one or two words and a dash)
            let caps = place
                .chars()
                .filter(|&c| marsad_arabic::chars::is_alphabetic(c))
                .all(char::is_uppercase)
                && place.chars().any(|c| c.is_ascii_alphabetic());
            let arabic = place.split_whitespace().count() <= 2
                && place.chars().all(|c| !c.is_ascii_alphabetic())
                && !place.starts_with(['و', 'ف']);
            if caps || arabic {
                return done(place.len(), place.len());
            }
        }
    }
    // «الرياض: …»: a known place, or an upper-case Latin one
    if let Some(colon) = head.find(':') {
        let place = p[..colon].trim();
        let w = fold_words(place);
        let known = !w.is_empty() && lexicon().zones.at(&w, 0).is_some_and(|(_, n)| n == w.len());
        let caps = place.chars().any(|c| c.is_ascii_alphabetic())
            && place
                .chars()
                .filter(|&c| marsad_arabic::chars::is_alphabetic(c))
                .all(char::is_uppercase);
        if is_place(place) && (known || caps) {
            return done(colon, colon + 1);
        }
    }
    None
}

/// The place part of a dateline, for the geocoder: «دير الزور - خاص» → «دير الزور»,
/// «بيروت (رويترز)» → «بيروت», «BEIRUT, June 29 (Reuters)» → «BEIRUT»; `None` for a source alone
/// («(أ ف ب)»).
///
/// ```
/// use marsad_extract::flattened::dateline_place_text;
/// assert_eq!(dateline_place_text("دير الزور - خاص"), Some("دير الزور"));
/// assert_eq!(dateline_place_text("القاهرة - «الحياة»"), Some("القاهرة"));
/// assert_eq!(dateline_place_text("(أ ف ب)"), None);
/// ```
pub fn dateline_place_text(dateline: &str) -> Option<&str> {
    let d = dateline.trim();
    let end = d.find(['(', ',', ':', '،', '«', '"']).unwrap_or(d.len());
    let mut head = &d[..end];
    if let Some((place, _)) = split_dash(head) {
        head = place;
    } else if let Some(at) = head.find(DASHES) {
        // «دمشق-سانا»: an unspaced dash before a known source
        let c = head[at..].chars().next().unwrap_or('-');
        if is_source(&head[at + c.len_utf8()..]) {
            head = &head[..at];
        }
    }
    let head = head
        .trim_end_matches(|c: char| c.is_whitespace() || DASHES.contains(&c))
        .trim();
    (!head.is_empty() && is_place(head)).then_some(head)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row per case; a failure names this file.
    macro_rules! rows {
        ($f:expr, $($input:expr => $want:expr),* $(,)?) => {$(
            assert_eq!($f($input), $want,
                "input {:?}\nhelp: the rule lives in crates/extract/src/flattened/dateline.rs", $input);
        )*};
    }

    #[test]
    fn own_lines() {
        rows!(dateline_line,
            "دير الزور - خاص" => Some("دير الزور - خاص"),
            "بيروت - رويترز" => Some("بيروت - رويترز"),
            "(أ ف ب)" => Some("(أ ف ب)"),
            "القاهرة - «الحياة»" => Some("القاهرة - «الحياة»"),
            "غزة – وكالات" => Some("غزة – وكالات"),
            "دمشق ـ سانا" => Some("دمشق ـ سانا"),
            "الرياض:" => Some("الرياض:"),
            "حجم الخط" => None,
            "التغطية الحية" => None,
            "Home - News" => None,
            "2021.06.29 | 16:03 دمشق" => None,
        );
    }

    #[test]
    fn leading() {
        let text = |p: &'static str| leading_dateline(p).map(|d| d.text);
        rows!(text,
            "بيروت - رويترز - قالت مصادر أمنية إن الانفجار وقع صباحاً." => Some("بيروت - رويترز"),
            "دمشق ـ سانا: استشهد مدنيان جراء قصف على بلدة في الريف." => Some("دمشق ـ سانا"),
            "دمشق (أ ف ب) - قتل خمسة مدنيين في قصف صاروخي." => Some("دمشق (أ ف ب)"),
            "(أ ف ب) - قتل خمسة مدنيين في قصف صاروخي." => Some("(أ ف ب)"),
            "الرياض: أعلنت وزارة الداخلية القبض على خلية." => Some("الرياض"),
            "BEIRUT, June 29 (Reuters) - Israeli jets struck targets near Damascus." => Some("BEIRUT, June 29 (Reuters)"),
            "WASHINGTON — The president said on Tuesday that talks would go on." => Some("WASHINGTON"),
            "دبي، الإمارات العربية المتحدة (CNN) -- تصدت الدفاعات الجوية لصاروخين فوق المدينة." => Some("دبي، الإمارات العربية المتحدة (CNN)"),
            "وفي حلب، قالت مصادر (خاصة) إن القصف استمر طوال الليل." => None,
            "حلب، قالت مصادر (خاصة) إن القصف استمر طوال الليل." => None,
            "وقال: إن القصف استمر طوال الليل في المدينة." => None,
            "اجتمع قادة الميليشيات الإيرانية في مدينة البوكمال." => None,
            "The minister - who spoke to reporters - said talks would go on." => None,
        );
    }

    #[test]
    fn places() {
        rows!(dateline_place_text,
            "دير الزور - خاص" => Some("دير الزور"),
            "بيروت (رويترز)" => Some("بيروت"),
            "BEIRUT, June 29 (Reuters)" => Some("BEIRUT"),
            "الرياض:" => Some("الرياض"),
            "دمشق ـ سانا" => Some("دمشق"),
            "دمشق-سانا" => Some("دمشق"),
            "دبي، الإمارات العربية المتحدة (CNN)" => Some("دبي"),
            "(أ ف ب)" => None,
        );
    }
}
