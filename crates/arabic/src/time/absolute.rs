//! Absolute dates: 2021.06.29, 29/6/2021, 29-06-2021, 2021-06-29, «29 حزيران/يونيو 2021»,
//! «الثلاثاء 29 يونيو», «حزيران 2021», «منتصف حزيران», «في شباط الماضي», «15 رمضان 1442هـ»,
//! «عام 2020». Month names of every region come from data/arabic/months.tsv.

use chrono::{NaiveDate, Weekday};

use super::{Found, Spec};
use crate::lexicon::{Calendar, Cue, MonthName, LEXICON};
use crate::token::TokenKind;
use crate::words::Word;

/// A month name found at a word, with a slashed or bracketed twin («حزيران/يونيو»,
/// «حزيران (يونيو)»).
#[derive(Debug, Clone, Copy)]
struct MonthAt {
    end: usize,
    name: MonthName,
    clitics: usize,
    twin: bool,
}

fn month_at(ws: &[Word], j: usize, clitics: bool) -> Option<MonthAt> {
    let lex = &*LEXICON;
    let hit = lex.months.at(ws, j, clitics)?;
    let mut m = MonthAt {
        end: hit.end,
        name: *hit.value,
        clitics: hit.clitics,
        twin: false,
    };
    // «ديسمبر كانون الأول»: the twin without a slash
    if let Some(twin) = lex.months.at(ws, m.end, false) {
        if !ws[m.end].nl_before
            && twin.value.month == m.name.month
            && twin.value.calendar == m.name.calendar
        {
            m.end = twin.end;
            m.twin = true;
            return Some(m);
        }
    }
    let open = ws.get(m.end).filter(|w| !w.nl_before);
    if let Some(w) = open {
        if w.is_punct(&['/', '(', '-']) {
            if let Some(twin) = lex.months.at(ws, m.end + 1, false) {
                let close = w.is_punct(&['(']);
                let mut end = twin.end;
                if close {
                    if ws.get(end).is_some_and(|c| c.is_punct(&[')'])) {
                        end += 1;
                    } else {
                        return Some(m);
                    }
                }
                if twin.value.calendar == m.name.calendar {
                    m.end = end;
                    m.twin = true;
                }
            }
        }
    }
    Some(m)
}

/// A day of the month: «29», «٢٩», «الـ29», or in words «الثامن عشر» (then «من» must follow):
/// (day, one past its last word, in words).
fn day_at(ws: &[Word], j: usize) -> Option<(u32, usize, bool)> {
    let w = ws.get(j)?;
    if w.kind == TokenKind::Arabic {
        let h = LEXICON.ordinal_days.at(ws, j, false)?;
        // «الأسبوع الأول من حزيران» is a week, not a day
        let prev = j.checked_sub(1).map(|p| ws[p].key.as_str());
        if matches!(
            prev,
            Some("الاسبوع" | "النصف" | "الربع" | "الثلث" | "العقد" | "الشهر")
        ) {
            return None;
        }
        return Some((*h.value, h.end, true));
    }
    if w.kind != TokenKind::Number {
        return None;
    }
    let digits = w.key.strip_prefix("ال").unwrap_or(&w.key);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some((d, j + 1, false))
}

/// A year after a month or a cue, with its era marker when one follows («1442هـ», «2021م»):
/// (one past the last word, year, marker).
fn year_at(ws: &[Word], j: usize) -> Option<(usize, i32, Option<Calendar>)> {
    let w = ws.get(j).filter(|w| !w.nl_before)?;
    let (y, len) = w.plain_digits()?;
    if len != 4 {
        return None;
    }
    // «2021-06-29» is a date, not a year
    if ws
        .get(j + 1)
        .is_some_and(|p| !p.gap_before && p.is_punct(&['-', '/']))
        && ws
            .get(j + 2)
            .is_some_and(|n| !n.gap_before && n.kind == TokenKind::Number)
    {
        return None;
    }
    let marker = ws
        .get(j + 1)
        .filter(|m| !m.nl_before && m.kind == TokenKind::Arabic)
        .and_then(|m| match m.key.as_str() {
            "ه" | "هجري" | "هجريه" => Some(Calendar::Hijri),
            "م" | "ميلادي" | "ميلاديه" => Some(Calendar::Gregorian),
            _ => None,
        });
    Some((j + 1 + marker.is_some() as usize, y as i32, marker))
}

fn year_fits(year: i32, marker: Option<Calendar>, calendar: Calendar) -> bool {
    if marker.is_some_and(|m| m != calendar) {
        return false;
    }
    match calendar {
        Calendar::Gregorian => (1900..=2100).contains(&year),
        Calendar::Hijri => (1300..=1500).contains(&year),
    }
}

/// Numeric dates: one token «2021.06.29» / «29.06.2021», or «29/6/2021», «29-06-2021»,
/// «2021-06-29» written without spaces; an adjacent «م» is taken along.
pub(super) fn numeric(ws: &[Word], i: usize) -> Option<Found> {
    let w = &ws[i];
    if w.kind != TokenKind::Number {
        return None;
    }
    let (parts, mut end): (Vec<&str>, usize) = if w.key.matches('.').count() == 2 {
        (w.key.split('.').collect(), i + 1)
    } else {
        let sep = ws
            .get(i + 1)
            .filter(|s| !s.gap_before && s.is_punct(&['/', '-']))?;
        let n2 = ws.get(i + 2).filter(|n| !n.gap_before)?;
        let s2 = ws
            .get(i + 3)
            .filter(|s| !s.gap_before && s.text == sep.text)?;
        let n3 = ws.get(i + 4).filter(|n| !n.gap_before)?;
        n2.plain_digits()?;
        n3.plain_digits()?;
        let _ = s2;
        (
            vec![w.key.as_str(), n2.key.as_str(), n3.key.as_str()],
            i + 5,
        )
    };
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (y, m, d) = if parts[0].len() == 4 && parts[1].len() <= 2 && parts[2].len() <= 2 {
        (parts[0], parts[1], parts[2])
    } else if parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
        (parts[2], parts[1], parts[0])
    } else {
        return None;
    };
    let date = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    if !(1900..=2100).contains(&(y.parse::<i32>().ok()?)) {
        return None;
    }
    if ws
        .get(end)
        .is_some_and(|m| !m.gap_before && m.kind == TokenKind::Arabic && m.key == "م")
    {
        end += 1;
    }
    Some(Found::new(
        ws,
        i,
        0,
        end,
        Spec::Date {
            date,
            weekday: None,
        },
    ))
}

/// Dates with month names, months, month parts, Hijri dates and years with a cue.
pub(super) fn textual(ws: &[Word], i: usize) -> Option<Found> {
    let lex = &*LEXICON;
    let w = ws.get(i)?;
    // «الثلاثاء 29 يونيو»: a weekday before a day and a month
    if let Some(wd) = lex.weekdays.at(ws, i, true) {
        let mut j = wd.end;
        if ws
            .get(j)
            .is_some_and(|c| !c.nl_before && c.is_punct(&[',', '،']))
        {
            j += 1;
        }
        return day_month(ws, j, Some(*wd.value)).map(|(end, spec)| {
            let mut f = Found::new(ws, i, wd.clitics, end, spec);
            f.start = i;
            f
        });
    }
    if w.kind == TokenKind::Number {
        return day_month(ws, i, None).map(|(end, spec)| Found::new(ws, i, 0, end, spec));
    }
    // «الثامن عشر من آذار»
    if let Some((end, spec)) = day_month(ws, i, None) {
        return Some(Found::new(ws, i, 0, end, spec));
    }
    // «منتصف [شهر] حزيران [2021]»
    if let Some(p) = lex.part_of.at(ws, i, true) {
        let mut j = p.end;
        if ws.get(j).is_some_and(|c| c.key == "شهر" && !c.nl_before) {
            j += 1;
        }
        let m = month_at(ws, j, false).filter(|_| !ws[j].nl_before)?;
        if m.name.calendar != Calendar::Gregorian {
            return None;
        }
        let (end, year, dir) = month_tail(ws, m.end);
        let spec = Spec::MonthPart {
            year,
            month: m.name.month,
            dir,
            part: *p.value,
        };
        return Some(Found::new(ws, i, p.clitics, end, spec));
    }
    // «[شهر|في] حزيران [2021|الماضي]»
    let cue = lex.month_cues.at(ws, i, true);
    let (mstart, cue_span) = match cue {
        Some(c) => (c.end, *c.value == Cue::Span),
        None => (i, false),
    };
    if let Some(m) =
        month_at(ws, mstart, cue.is_none()).filter(|_| cue.is_none() || !ws[mstart].nl_before)
    {
        let (end, year, dir) = month_tail(ws, m.end);
        let strong_cue = cue.is_some_and(|c| *c.value == Cue::Span || ws[i].key.ends_with("في"));
        let ok = match m.name.calendar {
            Calendar::Hijri => year.is_some() || cue_span,
            Calendar::Gregorian => {
                year.is_some()
                    || dir.is_some()
                    || m.twin
                    || strong_cue
                    || (cue.is_some() && !m.name.ambiguous)
            }
        };
        if ok {
            let spec = match (m.name.calendar, year) {
                (Calendar::Gregorian, Some(y)) => Spec::MonthYear {
                    year: y,
                    month: m.name.month,
                },
                (Calendar::Gregorian, None) => Spec::Month {
                    month: m.name.month,
                    dir,
                },
                (Calendar::Hijri, y) => Spec::HijriMonth {
                    year: y,
                    month: m.name.month,
                },
            };
            // a Hijri month with a Gregorian-range year is no Hijri date
            let year_ok = match (m.name.calendar, year) {
                (Calendar::Hijri, Some(y)) => (1300..=1500).contains(&y),
                _ => true,
            };
            if year_ok {
                return Some(if cue_span {
                    let c = cue?;
                    Found::new(ws, i, c.clitics, end, spec)
                } else {
                    Found::new(ws, mstart, m.clitics, end, spec)
                });
            }
        }
    }
    // «عام 2020», «في 2021»
    if let Some(c) = lex.year_cues.at(ws, i, true) {
        if let Some((end, year, marker)) = year_at(ws, c.end) {
            if year_fits(year, marker, Calendar::Gregorian) {
                let spec = Spec::Year(year);
                return Some(if *c.value == Cue::Span {
                    Found::new(ws, i, c.clitics, end, spec)
                } else {
                    Found::new(ws, c.end, 0, end, spec)
                });
            }
        }
    }
    None
}

/// After a month name: a year («2021», «1442هـ») or a direction («الماضي»).
fn month_tail(ws: &[Word], j: usize) -> (usize, Option<i32>, Option<i32>) {
    // «سبتمبر عام 2016»
    let y = match ws.get(j).filter(|w| !w.nl_before).map(|w| w.key.as_str()) {
        Some("عام" | "العام" | "سنه" | "السنه") => j + 1,
        _ => j,
    };
    if let Some((end, y, marker)) = year_at(ws, y) {
        if year_fits(y, marker, Calendar::Gregorian) || year_fits(y, marker, Calendar::Hijri) {
            return (end, Some(y), None);
        }
    }
    if let Some(d) = LEXICON
        .directions
        .at(ws, j, false)
        .filter(|_| !ws[j].nl_before)
    {
        return (d.end, None, Some(*d.value));
    }
    (j, None, None)
}

/// «29 [من] حزيران[/يونيو] [2021]» starting at word `j`.
fn day_month(ws: &[Word], j: usize, weekday: Option<Weekday>) -> Option<(usize, Spec)> {
    let (day, mut k, in_words) = day_at(ws, j)?;
    if ws.get(k).is_some_and(|w| w.key == "من" && !w.nl_before) {
        k += 1;
    } else if in_words {
        return None;
    }
    let m = month_at(ws, k, false).filter(|_| !ws[k].nl_before)?;
    // «الحادي عشر من سبتمبر عام 2001»
    let year = year_at(ws, m.end).or_else(|| {
        matches!(
            ws.get(m.end).map(|w| w.key.as_str()),
            Some("عام" | "العام" | "سنه")
        )
        .then(|| year_at(ws, m.end + 1))
        .flatten()
    });
    match m.name.calendar {
        Calendar::Gregorian => match year {
            Some((end, y, marker)) if year_fits(y, marker, Calendar::Gregorian) => {
                let date = NaiveDate::from_ymd_opt(y, m.name.month, day)?;
                Some((end, Spec::Date { date, weekday }))
            }
            _ => {
                NaiveDate::from_ymd_opt(2000, m.name.month, day)?;
                // «10 كانون الأول الماضي»
                let (end, _, dir) = month_tail(ws, m.end);
                let spec = Spec::DayMonth {
                    day,
                    month: m.name.month,
                    weekday,
                    dir,
                };
                Some((end, spec))
            }
        },
        Calendar::Hijri => {
            let (end, y, marker) = year?;
            if !year_fits(y, marker, Calendar::Hijri) {
                return None;
            }
            super::calendar::hijri_to_gregorian(y, m.name.month, day)?;
            Some((
                end,
                Spec::HijriDate {
                    year: y,
                    month: m.name.month,
                    day,
                },
            ))
        }
    }
}
