//! Numbers in text: digits of every script and number words, with the words around them that
//! make a count approximate, a bound or a range.
//!
//! Number words come from data/arabic/number-words.tsv, qualifiers from
//! number-qualifiers.tsv, dual nouns («جنديين» = 2) from dual-nouns.tsv. Digits that belong to a
//! date or a time of day (found by [`crate::time`]) are not counts.

use marsad_core::Span;

use crate::lexicon::{NumKind, NumberWord, QualKind, LEXICON};
use crate::time;
use crate::token::TokenKind;
use crate::words::{clitic_bytes, clitic_variants, words, Word};

/// A count said in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberExpression {
    /// Byte span of the whole expression (approximator and bound words included).
    pub span: Span,
    /// The value (the lower bound of a range; the conventional value of a vague count).
    pub value: u64,
    /// Upper bound of a range («بين 5 و10»), when one was said.
    pub upper: Option<u64>,
    /// «نحو», «حوالي», «قرابة».
    pub approximate: bool,
    /// «أكثر من», «ما لا يقل عن».
    pub at_least: bool,
    /// «أقل من», «ما لا يزيد عن».
    pub at_most: bool,
    /// «عشرات», «مئات», «آلاف».
    pub vague: bool,
}

/// Every number expression in `text`, in order.
///
/// ```
/// use marsad_arabic::numbers;
/// let text = "قُتل نحو 20 شخصاً وأصيب ثلاثة وعشرون آخرون في 2021.06.29.";
/// let got = numbers(text);
/// assert_eq!(got.len(), 2);
/// assert_eq!((got[0].span.slice(text), got[0].value, got[0].approximate), ("نحو 20", 20, true));
/// assert_eq!((got[1].span.slice(text), got[1].value), ("ثلاثة وعشرون", 23));
/// ```
pub fn numbers(text: &str) -> Vec<NumberExpression> {
    let ws = words(text);
    numbers_in(&ws, &time::find(&ws))
}

/// The number expressions of the words `ws`, none inside the time expressions `times` found on
/// them.
pub(crate) fn numbers_in(ws: &[Word], times: &[time::Found]) -> Vec<NumberExpression> {
    let mut blocked = vec![false; ws.len()];
    for f in times {
        for b in &mut blocked[f.start..f.end] {
            *b = true;
        }
    }
    let mut out = Vec::new();
    let mut floor = 0;
    let mut i = 0;
    while i < ws.len() {
        if blocked[i] {
            i += 1;
            floor = i;
            continue;
        }
        match expression_at(ws, i, floor, &blocked) {
            Some((end, n)) => {
                out.push(n);
                i = end;
                floor = end;
            }
            None => i += 1,
        }
    }
    out
}

/// The core of a number: its words, value, and the proclitic letters of its first word.
#[derive(Debug, Clone, Copy)]
struct Core {
    end: usize,
    value: u64,
    upper: Option<u64>,
    vague: bool,
    clitics: usize,
    digits: bool,
}

/// A number word at `j`: the word, proclitic letters taken off, whether one of them is the
/// conjunction و. `first`: any proclitics (و ف ب ل ك) and the article are allowed; otherwise only
/// و, as in «خمسة وعشرون».
fn number_word(ws: &[Word], j: usize, first: bool) -> Option<(NumberWord, usize, bool)> {
    let lex = &*LEXICON;
    let w = ws.get(j)?;
    if w.kind != TokenKind::Arabic || (!first && w.nl_before) {
        return None;
    }
    // «ثلاثة», never «ثلاثه» (a pronoun suffix): a key ending in ه needs ة on the surface
    let ends_ta_marbuta = w
        .text
        .chars()
        .rev()
        .find(|c| !crate::key::is_arabic_mark(*c))
        == Some('ة');
    for (n, v) in clitic_variants(&w.key) {
        let conj = n > 0 && w.key.starts_with('و');
        if n > 0 && !first && !(n == 1 && conj) {
            continue;
        }
        let mut found = lex.numbers.get(v).map(|nw| (*nw, false));
        if found.is_none() && first {
            if let Some(rest) = v.strip_prefix("ال") {
                found = lex
                    .numbers
                    .get(rest)
                    .filter(|nw| match nw.kind {
                        NumKind::Unit => rest.ends_with('ه') && nw.value >= 3,
                        NumKind::Vague | NumKind::ScalePlural => true,
                        _ => false,
                    })
                    .map(|nw| (*nw, true));
            }
        }
        let Some((nw, _article)) = found else {
            continue;
        };
        if v.ends_with('ه') && !ends_ta_marbuta {
            continue;
        }
        // «لست» is "I am not": short words take no proclitic but و
        if n > 0 && v.chars().count() <= 2 && !(n == 1 && conj) {
            continue;
        }
        // «كميات» (quantities) is no «ك» + «مئات»: «ك» before a number is rare
        if n > 0 && w.key[..w.key.len() - v.len()].contains('ك') {
            continue;
        }
        return Some((nw, n, conj));
    }
    None
}

fn is_teen_tail(ws: &[Word], j: usize) -> bool {
    ws.get(j)
        .is_some_and(|w| !w.nl_before && matches!(w.key.as_str(), "عشر" | "عشره"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    Unit,
    Teen,
    Ten,
    UnitTen,
    Hundred,
    Scale,
}

/// Number words from `i`: «ثلاثة», «أحد عشر», «خمسة وعشرون», «ثلاثمئة», «ثلاث مئة», «ألفان»,
/// «ثلاثة آلاف», «مئة ألف», «ألف وخمسمئة», and the vague counts.
fn words_core(ws: &[Word], i: usize) -> Option<Core> {
    let (first, clitics, _) = number_word(ws, i, true)?;
    let mut total: u64 = 0;
    let mut group: u64;
    let mut last;
    let mut j = i + 1;
    match first.kind {
        NumKind::One | NumKind::TeenHead => {
            if !is_teen_tail(ws, j) {
                if first.kind == NumKind::One && one_of(ws, i) {
                    return Some(Core {
                        end: j,
                        value: 1,
                        upper: None,
                        vague: false,
                        clitics,
                        digits: false,
                    });
                }
                return None;
            }
            group = 10 + first.value;
            last = Last::Teen;
            j += 1;
        }
        NumKind::Vague | NumKind::ScalePlural => {
            // «عشرات الآلاف», «بضعة آلاف»
            let mut value = first.value;
            let mut upper = first.upper;
            if let Some(w) = ws.get(j).filter(|w| !w.nl_before) {
                let scale = match w.key.as_str() {
                    "الالاف" | "الاف" => Some(1000),
                    "الملايين" | "ملايين" => Some(1_000_000),
                    _ => None,
                };
                if let Some(s) = scale {
                    value *= s;
                    upper = upper.map(|u| u * s);
                    j += 1;
                }
            }
            return Some(Core {
                end: j,
                value,
                upper,
                vague: true,
                clitics,
                digits: false,
            });
        }
        NumKind::Unit => {
            // «الثامن عشر», «الحادي عشر»: the tail of an ordinal
            let after_definite = i > 0
                && !ws[i].nl_before
                && ws[i - 1].key.starts_with("ال")
                && number_word(ws, i - 1, true).is_none();
            if first.value == 10 && clitics == 0 && after_definite {
                return None;
            }
            group = first.value;
            last = Last::Unit;
            if is_teen_tail(ws, j) && first.value < 10 {
                group += 10;
                last = Last::Teen;
                j += 1;
            }
        }
        NumKind::Ten => {
            group = first.value;
            last = Last::Ten;
        }
        NumKind::Hundred => {
            group = first.value;
            last = Last::Hundred;
        }
        NumKind::Scale | NumKind::ScaleDual => {
            total = first.value;
            group = 0;
            last = Last::Scale;
        }
    }
    while let Some((nw, _, conj)) = number_word(ws, j, false) {
        match (conj, nw.kind, last) {
            (false, NumKind::Hundred, Last::Unit)
                if nw.value == 100 && (3..=9).contains(&group) =>
            {
                group *= 100;
                last = Last::Hundred;
            }
            (false, NumKind::ScalePlural, Last::Unit) if (3..=10).contains(&group) => {
                total += group * nw.value;
                group = 0;
                last = Last::Scale;
            }
            (false, NumKind::Scale, Last::Teen | Last::Ten | Last::UnitTen | Last::Hundred) => {
                total += group * nw.value;
                group = 0;
                last = Last::Scale;
            }
            (true, NumKind::Ten, Last::Unit) if group % 100 < 10 => {
                group += nw.value;
                last = Last::UnitTen;
            }
            (true, NumKind::Unit, Last::Hundred | Last::Scale) => {
                group += nw.value;
                last = Last::Unit;
                if is_teen_tail(ws, j + 1) && nw.value < 10 {
                    group += 10;
                    last = Last::Teen;
                    j += 1;
                }
            }
            (true, NumKind::One | NumKind::TeenHead, Last::Hundred | Last::Scale)
                if is_teen_tail(ws, j + 1) =>
            {
                group += 10 + nw.value;
                last = Last::Teen;
                j += 1;
            }
            (true, NumKind::Ten, Last::Hundred | Last::Scale) => {
                group += nw.value;
                last = Last::Ten;
            }
            (true, NumKind::Hundred, Last::Scale) => {
                group += nw.value;
                last = Last::Hundred;
            }
            _ => break,
        }
        j += 1;
    }
    Some(Core {
        end: j,
        value: total + group,
        upper: None,
        vague: false,
        clitics,
        digits: false,
    })
}

/// «أحد الجنود», «إحدى القرى», «أحد عناصر الشرطة»: "one of" before a definite noun; not after a
/// negation («لم يتبنَّ أحد الهجوم» is "no one") nor as «يوم أحد».
fn one_of(ws: &[Word], i: usize) -> bool {
    for back in 1..=2 {
        if let Some(p) = i.checked_sub(back).and_then(|p| ws.get(p)) {
            if matches!(
                p.key.as_str(),
                "لم" | "ولم" | "لا" | "ولا" | "لن" | "ما" | "يوم"
            ) {
                return false;
            }
        }
    }
    let definite = |j: usize| {
        ws.get(j).is_some_and(|w| {
            !w.nl_before
                && w.kind == TokenKind::Arabic
                && w.key.starts_with("ال")
                && LEXICON.weekdays.get(&w.key).is_none()
        })
    };
    if definite(i + 1) {
        return true;
    }
    // «أحد عناصر الشرطة»
    let plain = ws.get(i + 1).is_some_and(|w| {
        !w.nl_before
            && w.kind == TokenKind::Arabic
            && w.key.chars().count() >= 4
            && !w.key.starts_with(['ب', 'ل', 'ك'])
    });
    plain && definite(i + 2)
}

/// Digits, with a scale word after them («3 آلاف», «1.5 مليون»).
fn digits_core(ws: &[Word], i: usize) -> Option<Core> {
    let w = &ws[i];
    // «3003677482.jpg», «F-16», «H5N1»: digits glued to Latin letters are names, not counts
    let glued_latin = |k: usize| ws.get(k).is_some_and(|x| x.kind == TokenKind::Latin);
    if (!w.gap_before && i > 0 && glued_latin(i - 1))
        || ws.get(i + 1).is_some_and(|p| {
            !p.gap_before
                && (p.kind == TokenKind::Latin
                    || (p.is_punct(&['.', '-']) && glued_latin(i + 2) && !ws[i + 2].gap_before))
        })
    {
        return None;
    }
    // «رقم 12» is an identifier
    if i > 0 && matches!(ws[i - 1].key.as_str(), "رقم" | "الرقم" | "برقم") {
        return None;
    }
    let mut value = w.num()?;
    let mut end = i + 1;
    if let Some((nw, 0, _)) = number_word(ws, end, false) {
        if matches!(nw.kind, NumKind::Scale | NumKind::ScalePlural) {
            let decimal: Option<f64> = w
                .key
                .trim_start_matches(|c: char| !c.is_ascii_digit())
                .replace('٫', ".")
                .parse()
                .ok();
            value = match decimal {
                Some(d) if w.key.contains(['.', '٫']) => (d * nw.value as f64).round() as u64,
                _ => value.checked_mul(nw.value)?,
            };
            end += 1;
        }
    }
    Some(Core {
        end,
        value,
        upper: None,
        vague: false,
        clitics: 0,
        digits: true,
    })
}

/// A dual noun: «جنديين» = 2, «قتيلان اثنان» = 2.
fn dual_core(ws: &[Word], i: usize) -> Option<Core> {
    let w = &ws[i];
    if w.kind != TokenKind::Arabic {
        return None;
    }
    let (clitics, _) = clitic_variants(&w.key).find(|(_, k)| LEXICON.duals.contains(*k))?;
    let mut end = i + 1;
    if let Some((nw, 0, _)) = number_word(ws, end, false) {
        if nw.kind == NumKind::Unit && nw.value == 2 {
            end += 1;
        }
    }
    Some(Core {
        end,
        value: 2,
        upper: None,
        vague: false,
        clitics,
        digits: false,
    })
}

fn core_at(ws: &[Word], i: usize) -> Option<Core> {
    match ws[i].kind {
        TokenKind::Number => digits_core(ws, i),
        TokenKind::Arabic => words_core(ws, i).or_else(|| dual_core(ws, i)),
        _ => None,
    }
}

/// A number expression starting at word `i` (qualifiers may start before it, not before
/// `floor`): one past its last word, and the expression.
fn expression_at(
    ws: &[Word],
    i: usize,
    floor: usize,
    blocked: &[bool],
) -> Option<(usize, NumberExpression)> {
    let lex = &*LEXICON;
    let core = core_at(ws, i)?;
    if blocked[i..core.end].iter().any(|b| *b) {
        return None;
    }
    // qualifiers before: the longest phrase ending right before the number
    let mut qual: Option<(usize, usize, QualKind)> = None; // (start word, clitics, kind)
    if !ws[i].nl_before {
        for k in (floor.max(i.saturating_sub(4))..i).rev() {
            if let Some(h) = lex.qualifiers_before.at(ws, k, true) {
                if h.end == i && !ws[k + 1..=i].iter().any(|w| w.nl_before) {
                    qual = Some((k, h.clitics, *h.value));
                }
            }
        }
    }
    let mut end = core.end;
    let mut upper = core.upper;
    let mut flags = (false, false, false); // approximate, at_least, at_most
    match qual.map(|q| q.2) {
        Some(QualKind::Between) => match second_of_range(ws, core.end, blocked, true)
            .or_else(|| second_of_range(ws, core.end, blocked, false))
        {
            Some((e, u)) => {
                end = e;
                upper = Some(u);
            }
            None => qual = None,
        },
        Some(QualKind::From) => match second_of_range(ws, core.end, blocked, false) {
            Some((e, u)) => {
                end = e;
                upper = Some(u);
            }
            None => qual = None,
        },
        Some(QualKind::Approximate) => flags.0 = true,
        Some(QualKind::AtLeast) => flags.1 = true,
        Some(QualKind::AtMost) => flags.2 = true,
        Some(QualKind::To) | None => qual = None,
    }
    // «5-10»
    if upper.is_none() && core.digits {
        if let (Some(dash), Some(next)) = (ws.get(end), ws.get(end + 1)) {
            if dash.is_punct(&['-', '–', '—'])
                && !dash.nl_before
                && !next.nl_before
                && next.kind == TokenKind::Number
                && !blocked[end + 1]
            {
                if let Some(u) = next.num().filter(|u| *u > core.value) {
                    upper = Some(u);
                    end += 2;
                }
            }
        }
    }
    // qualifiers after: «تقريباً», «على الأقل», right after the number or after its noun
    for k in [end, end + 1] {
        if k == end + 1 && ws.get(end).is_none_or(|w| w.kind != TokenKind::Arabic) {
            break;
        }
        if let Some(h) = lex.qualifiers_after.at(ws, k, true) {
            if !ws[k].nl_before && !blocked[end..h.end.min(blocked.len())].iter().any(|b| *b) {
                match h.value {
                    QualKind::Approximate => flags.0 = true,
                    QualKind::AtLeast => flags.1 = true,
                    QualKind::AtMost => flags.2 = true,
                    _ => continue,
                }
                end = h.end;
                break;
            }
        }
    }
    // «بين 10 و15 ألفاً»: the scale of the second number is the first one's too
    let mut value = core.value;
    if let Some(u) = upper {
        for scale in [1_000_000_000u64, 1_000_000, 1_000] {
            if u >= scale
                && u % scale == 0
                && value < 1000
                && value * scale <= u
                && value * scale * 1000 > u
            {
                value *= scale;
                break;
            }
        }
    }
    let (start_word, clitics) = match qual {
        Some((k, c, _)) => (k, c),
        None => (i, core.clitics),
    };
    let first = &ws[start_word];
    let span = Span::new(
        first.span.start + clitic_bytes(first.text, clitics),
        ws[end - 1].span.end,
    );
    Some((
        end,
        NumberExpression {
            span,
            value,
            upper,
            approximate: flags.0,
            at_least: flags.1,
            at_most: flags.2,
            vague: core.vague,
        },
    ))
}

/// The second number of «بين 5 و10» (`and`) or «من 3 إلى 5».
fn second_of_range(ws: &[Word], j: usize, blocked: &[bool], and: bool) -> Option<(usize, u64)> {
    let w = ws.get(j).filter(|w| !w.nl_before)?;
    let start = if and {
        if w.key == "و" {
            j + 1
        } else if w.key.starts_with('و') && w.kind == TokenKind::Arabic {
            j
        } else {
            return None;
        }
    } else {
        let to = LEXICON.range_to.at(ws, j, false)?;
        to.end
    };
    if start >= ws.len() || blocked[start] || (start > j && ws[start].nl_before) {
        return None;
    }
    let c = core_at(ws, start)?;
    Some((c.end, c.value))
}

/// A small exact count at `j` (digits or number words, not vague): for «قبل ثلاثة أيام».
pub(crate) fn small_count(ws: &[Word], j: usize) -> Option<(usize, u64)> {
    let c = match ws.get(j)?.kind {
        TokenKind::Number => {
            let (v, len) = ws[j].plain_digits()?;
            (len <= 4).then_some(Core {
                end: j + 1,
                value: v,
                upper: None,
                vague: false,
                clitics: 0,
                digits: true,
            })?
        }
        TokenKind::Arabic => words_core(ws, j)?,
        _ => return None,
    };
    (!c.vague && c.value > 0).then_some((c.end, c.value))
}
