//! Time expressions: found in the text without an anchor, then resolved against one.
//!
//! Finding is anchor-free (so that numbers can leave dates and times of day alone); resolving
//! needs the publication date for everything relative. One expression is one longest span: at
//! each word every rule set is tried and the longest match wins («ليل أمس الإثنين» is one).
//!
//! Rule sets, one file each: [`absolute`] (numeric dates, day-month-year, month names of every
//! region, Hijri dates, years), [`relative`] (اليوم/أمس and the parts of a day, weekdays,
//! «قبل ثلاثة أيام», «الأسبوع الماضي», «خلال الساعات الـ24 الماضية», times of day), and
//! [`calendar`] (month and week arithmetic, the tabular Islamic calendar).

mod absolute;
pub(crate) mod calendar;
mod relative;
mod resolve;

use chrono::{NaiveDate, Weekday};
use marsad_core::Span;

use crate::lexicon::{PartOf, Unit};
use crate::token::TokenKind;
use crate::words::{clitic_bytes, clitic_variants, words, Word};

/// What a time expression resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeValue {
    Day(NaiveDate),
    Month {
        year: i32,
        month: u32,
    },
    /// An inclusive interval of days.
    Interval(NaiveDate, NaiveDate),
}

impl TimeValue {
    /// The first day the value covers.
    pub fn first_day(&self) -> Option<NaiveDate> {
        match *self {
            TimeValue::Day(d) | TimeValue::Interval(d, _) => Some(d),
            TimeValue::Month { year, month } => NaiveDate::from_ymd_opt(year, month, 1),
        }
    }

    /// The last day the value covers.
    pub fn last_day(&self) -> Option<NaiveDate> {
        match *self {
            TimeValue::Day(d) | TimeValue::Interval(_, d) => Some(d),
            TimeValue::Month { year, month } => {
                NaiveDate::from_ymd_opt(year, month, calendar::month_len(year, month))
            }
        }
    }
}

/// A time expression: span, value, ACLED time precision (1 day, 2 week, 3 month) and warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpression {
    /// Byte span into the text, on char boundaries; proclitics on the first word are left out
    /// («وأمس» gives «أمس»).
    pub span: Span,
    pub value: TimeValue,
    /// ACLED's time_precision: 1 a day, 2 a week or a few days, 3 a month or more.
    pub precision: u8,
    /// Doubts worth printing, such as a weekday that does not fit the day it names.
    pub warnings: Vec<String>,
}

/// What the text says, before an anchor gives it a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Spec {
    /// A full Gregorian date, perhaps with the weekday said next to it.
    Date {
        date: NaiveDate,
        weekday: Option<Weekday>,
    },
    /// Day and month, the year taken from the anchor (`dir` as for [`Spec::Month`]).
    DayMonth {
        day: u32,
        month: u32,
        weekday: Option<Weekday>,
        dir: Option<i32>,
    },
    /// «15 من الشهر الجاري»: a day of a month relative to the anchor's.
    DayOfRelMonth {
        day: u32,
        offset: i32,
    },
    MonthYear {
        year: i32,
        month: u32,
    },
    /// A month without a year: `dir` -1 the last one before the anchor's month («شباط الماضي»),
    /// 1 the next one after it, 0 the anchor's year, `None` the nearest not far after the anchor.
    Month {
        month: u32,
        dir: Option<i32>,
    },
    /// «منتصف حزيران», «أواخر حزيران 2021».
    MonthPart {
        year: Option<i32>,
        month: u32,
        dir: Option<i32>,
        part: PartOf,
    },
    HijriDate {
        year: i32,
        month: u32,
        day: u32,
    },
    /// A Hijri month; without a year, the one nearest the anchor.
    HijriMonth {
        year: Option<i32>,
        month: u32,
    },
    Year(i32),
    /// اليوم, أمس, أول أمس, غداً (offset in days), with the weekday said in apposition.
    RelDay {
        offset: i64,
        weekday: Option<Weekday>,
    },
    /// A weekday: `dir` 0 the latest on or before the anchor, -1 strictly before, 1 strictly after.
    Weekday {
        weekday: Weekday,
        dir: i32,
    },
    /// «قبل ثلاثة أيام»; `count` None for «منذ أيام».
    Ago {
        unit: Unit,
        count: Option<u64>,
    },
    /// «الأسبوع الماضي», «مطلع الشهر الجاري», «العام المقبل».
    RelPeriod {
        unit: Unit,
        offset: i32,
        part: Option<PartOf>,
    },
    /// «خلال الساعات الـ24 الماضية».
    LastHours(u64),
    /// A time of day («16:03», «الساعة 10»): not a date, found so that its digits are no count.
    Clock,
}

/// A time expression found in the words of a text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    /// First word.
    pub start: usize,
    /// One past the last word.
    pub end: usize,
    pub span: Span,
    pub spec: Spec,
}

impl Found {
    /// The words `start..end`, leaving out `clitics` proclitic letters of the first one.
    pub(crate) fn new(ws: &[Word], start: usize, clitics: usize, end: usize, spec: Spec) -> Found {
        let first = &ws[start];
        Found {
            start,
            end,
            span: Span::new(
                first.span.start + clitic_bytes(first.text, clitics),
                ws[end - 1].span.end,
            ),
            spec,
        }
    }
}

/// Every time expression in the words, longest first at each word, without overlaps.
pub(crate) fn find(ws: &[Word]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    let starters = &crate::lexicon::LEXICON.time_starters;
    while i < ws.len() {
        // only numbers and the words of the time lexicons start an expression
        let w = &ws[i];
        let may_start = match w.kind {
            TokenKind::Number => true,
            TokenKind::Arabic => clitic_variants(&w.key).any(|(_, k)| starters.contains(k)),
            _ => false,
        };
        if !may_start {
            i += 1;
            continue;
        }
        let cands = [
            absolute::numeric(ws, i),
            absolute::textual(ws, i),
            relative::days(ws, i),
            relative::weekday(ws, i),
            relative::period(ws, i),
            relative::ago(ws, i),
            relative::last_hours(ws, i),
            relative::clock(ws, i),
        ];
        let mut best: Option<Found> = None;
        for f in cands.into_iter().flatten() {
            if best.is_none_or(|b| f.end > b.end) {
                best = Some(f);
            }
        }
        match best {
            Some(f) => {
                i = f.end.max(i + 1);
                out.push(f);
            }
            None => i += 1,
        }
    }
    out
}

/// Every time expression in `text`, resolved against `anchor` (the publication date), in order.
///
/// Without an anchor only what carries its own year is given (a full date, a month and year,
/// a Hijri date with its year, a year).
///
/// ```
/// use chrono::NaiveDate;
/// use marsad_arabic::{time_expressions, TimeValue};
/// let text = "قصفت طائرات مواقع ليل أمس الإثنين، بعد غارات في شباط الماضي.";
/// let anchor = NaiveDate::from_ymd_opt(2021, 6, 29);
/// let got = time_expressions(text, anchor);
/// assert_eq!(got[0].span.slice(text), "ليل أمس الإثنين");
/// assert_eq!(got[0].value, TimeValue::Day(NaiveDate::from_ymd_opt(2021, 6, 28).unwrap()));
/// assert_eq!(got[1].span.slice(text), "شباط الماضي");
/// assert_eq!(got[1].value, TimeValue::Month { year: 2021, month: 2 });
/// assert_eq!(got[1].precision, 3);
/// ```
pub fn time_expressions(text: &str, anchor: Option<NaiveDate>) -> Vec<TimeExpression> {
    resolve_all(text, &find(&words(text)), anchor)
}

/// The time expressions and the number expressions of `text` (the same as
/// [`time_expressions`] and [`crate::numbers`], reading the text once).
pub fn times_and_numbers(
    text: &str,
    anchor: Option<NaiveDate>,
) -> (Vec<TimeExpression>, Vec<crate::NumberExpression>) {
    let ws = words(text);
    let found = find(&ws);
    let numbers = crate::numbers::numbers_in(&ws, &found);
    (resolve_all(text, &found, anchor), numbers)
}

/// The expressions `found` in `text`, resolved against `anchor` (those that cannot be are left
/// out).
fn resolve_all(text: &str, found: &[Found], anchor: Option<NaiveDate>) -> Vec<TimeExpression> {
    found
        .iter()
        .filter_map(|f| {
            let (value, precision, warnings) =
                resolve::resolve(&f.spec, anchor, f.span.slice(text))?;
            Some(TimeExpression {
                span: f.span,
                value,
                precision,
                warnings,
            })
        })
        .collect()
}
