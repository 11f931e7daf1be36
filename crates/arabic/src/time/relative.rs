//! Relative time: «اليوم», «أمس», «أول أمس», «ليل أمس الإثنين», «فجر اليوم», «يوم الثلاثاء»,
//! «الجمعة الماضية», «قبل ثلاثة أيام», «منذ أيام», «الأسبوع الماضي», «مطلع الشهر الجاري»,
//! «15 من الشهر الجاري», «خلال الساعات الـ24 الماضية», and times of day («16:03», «الساعة 10»),
//! which are found only so that their digits are not read as counts.

use chrono::Weekday;

use super::{Found, Spec};
use crate::lexicon::{Unit, LEXICON};
use crate::numbers::small_count;
use crate::token::TokenKind;
use crate::words::Word;

fn key_at<'a>(ws: &'a [Word], j: usize) -> Option<&'a str> {
    ws.get(j).filter(|w| !w.nl_before).map(|w| w.key.as_str())
}

/// A weekday in apposition right after `j` («أمس الإثنين»).
fn apposition(ws: &[Word], j: usize) -> Option<(usize, Weekday)> {
    let wd = LEXICON.weekdays.at(ws, j, false)?;
    (!ws[j].nl_before).then_some((wd.end, *wd.value))
}

/// «[في وقت متأخر من] [ليل] أمس [الإثنين]», «فجر اليوم الاثنين», «مساء الجمعة».
pub(super) fn days(ws: &[Word], i: usize) -> Option<Found> {
    let lex = &*LEXICON;
    let mut j = i;
    let mut clitics = 0;
    let lead = lex.leads.at(ws, j, true);
    if let Some(l) = lead {
        clitics = l.clitics;
        j = l.end;
    }
    let part = lex
        .parts
        .at(ws, j, j == i)
        .filter(|_| j == i || !ws[j].nl_before);
    if let Some(p) = part {
        if j == i {
            clitics = p.clitics;
        }
        j = p.end;
    }
    let day = lex
        .days
        .at(ws, j, j == i)
        .filter(|_| j == i || !ws[j].nl_before);
    let Some(day) = day else {
        // «مساء الجمعة [الماضية]», «ليل يوم الاثنين»: a part of a weekday
        part?;
        if key_at(ws, j) == Some("يوم") {
            j += 1;
        }
        let (end, weekday) = apposition(ws, j)?;
        let (end, dir) = match lex.directions.at(ws, end, false) {
            Some(d) if key_at(ws, end).is_some() => (d.end, *d.value),
            _ => (end, 0),
        };
        return Some(Found::new(
            ws,
            i,
            clitics,
            end,
            Spec::Weekday { weekday, dir },
        ));
    };
    if j == i {
        clitics = day.clitics;
    }
    let mut end = day.end;
    if ws[j].key.ends_with("اليوم") && day.end == j + 1 && !today_means_today(ws, j, i < j) {
        return None;
    }
    let mut weekday = None;
    if let Some((e, wd)) = apposition(ws, end) {
        end = e;
        weekday = Some(wd);
    }
    let offset = *day.value;
    Some(Found::new(
        ws,
        i,
        clitics,
        end,
        Spec::RelDay { offset, weekday },
    ))
}

/// «اليوم» is today unless it is «اليوم التالي», «اليوم الأول», «في اليوم», «اليوم نفسه»...
fn today_means_today(ws: &[Word], j: usize, after_part: bool) -> bool {
    let next = key_at(ws, j + 1).unwrap_or("");
    if next.starts_with("ال") && LEXICON.weekdays.get(next).is_none() {
        return false;
    }
    if matches!(next, "نفسه" | "ذاته") {
        return false;
    }
    // «#اليوم_العالمي»: a hashtag
    let glued = |k: usize, c: char| ws.get(k).is_some_and(|w| w.is_punct(&[c]));
    if (j > 0 && !ws[j].gap_before && glued(j - 1, '#'))
        || ws
            .get(j + 1)
            .is_some_and(|w| !w.gap_before && w.is_punct(&['_']))
    {
        return false;
    }
    if !after_part && ws[j].key == "اليوم" && j > 0 && !ws[j].nl_before {
        let prev = ws[j - 1].key.as_str();
        if matches!(
            prev,
            "في" | "حتى"
                | "منذ"
                | "الي"
                | "نفس"
                | "ذات"
                | "لغايه"
                | "وفي"
                | "ذلك"
                | "تلك"
        ) {
            return false;
        }
    }
    true
}

/// «[يوم] الثلاثاء [الماضي|المقبل]».
pub(super) fn weekday(ws: &[Word], i: usize) -> Option<Found> {
    let lex = &*LEXICON;
    let w = &ws[i];
    let mut j = i;
    let mut clitics = 0;
    let yawm = crate::words::clitic_variants(&w.key).find(|(_, k)| *k == "يوم");
    if let Some((n, _)) = yawm {
        clitics = n;
        j += 1;
        if ws.get(j).is_none_or(|w| w.nl_before) {
            return None;
        }
    }
    let wd = lex.weekdays.at(ws, j, yawm.is_none())?;
    if yawm.is_none() {
        clitics = wd.clitics;
    }
    let weekday = *wd.value;
    let mut end = wd.end;
    let mut dir = 0;
    if let Some(d) = lex.directions.at(ws, end, false) {
        if key_at(ws, end).is_some() {
            end = d.end;
            dir = *d.value;
        }
    }
    if yawm.is_none() && end == wd.end && !bare_weekday_is_a_day(ws, j, weekday) {
        return None;
    }
    Some(Found::new(
        ws,
        i,
        clitics,
        end,
        Spec::Weekday { weekday, dir },
    ))
}

/// A weekday word standing alone: «الاثنين» may be "the two", «الأحد عشر» "the eleven",
/// «صلاة الجمعة» a prayer.
fn bare_weekday_is_a_day(ws: &[Word], j: usize, weekday: Weekday) -> bool {
    let prev = (j > 0 && !ws[j].nl_before).then(|| ws[j - 1].key.as_str());
    let next = key_at(ws, j + 1);
    match weekday {
        Weekday::Mon => {
            if matches!(prev, Some("كلا" | "كلتا" | "هذين" | "هذان" | "بين"))
                || matches!(next, Some("معا"))
            {
                return false;
            }
            // «البلدين الاثنين»: after a definite dual it is "the two"
            if let Some(p) = prev {
                if p.starts_with("ال") && (p.ends_with("ين") || p.ends_with("ان")) {
                    return false;
                }
            }
            true
        }
        Weekday::Sun => !matches!(next, Some("عشر" | "عشره")),
        Weekday::Fri => !matches!(prev, Some("صلاه" | "خطبه" | "خطيب" | "صلوات")),
        _ => true,
    }
}

/// «[مطلع] الأسبوع|الشهر|العام الماضي», «هذا الأسبوع», «15 من الشهر الجاري».
pub(super) fn period(ws: &[Word], i: usize) -> Option<Found> {
    let lex = &*LEXICON;
    let w = &ws[i];
    // «15 من الشهر الجاري»
    if w.kind == TokenKind::Number {
        let (day, len) = w.plain_digits()?;
        if len > 2 || !(1..=31).contains(&day) {
            return None;
        }
        let mut j = i + 1;
        if key_at(ws, j) == Some("من") {
            j += 1;
        }
        let p = lex
            .periods
            .at(ws, j, false)
            .filter(|_| key_at(ws, j).is_some())?;
        if *p.value != Unit::Month {
            return None;
        }
        let d = lex.directions.at(ws, p.end, false)?;
        key_at(ws, p.end)?;
        let spec = Spec::DayOfRelMonth {
            day: day as u32,
            offset: *d.value,
        };
        return Some(Found::new(ws, i, 0, d.end, spec));
    }
    let mut j = i;
    let mut clitics = 0;
    let part = lex.part_of.at(ws, j, true);
    if let Some(p) = part {
        clitics = p.clitics;
        j = p.end;
    }
    let this = lex
        .this
        .at(ws, j, j == i)
        .filter(|_| j == i || !ws[j].nl_before);
    if let Some(t) = this {
        if j == i {
            clitics = t.clitics;
        }
        j = t.end;
    }
    let p = lex
        .periods
        .at(ws, j, j == i)
        .filter(|_| j == i || !ws[j].nl_before)?;
    if j == i {
        clitics = p.clitics;
    }
    let unit = *p.value;
    // «الأمين العام السابق», «المدعي العام»: «العام» is "general" there
    if unit == Unit::Year && j > 0 && !ws[j].nl_before {
        let prev = ws[j - 1].key.as_str();
        if matches!(
            prev,
            "الامين"
                | "المدعي"
                | "المدير"
                | "النايب"
                | "المفتش"
                | "المراقب"
                | "القايد"
                | "الراي"
        ) {
            return None;
        }
    }
    if unit == Unit::Year && key_at(ws, p.end).is_some_and(|k| k.starts_with("السابق")) {
        return None;
    }
    let (end, offset) = match lex.directions.at(ws, p.end, false) {
        Some(d) if key_at(ws, p.end).is_some() && this.is_none() => (d.end, *d.value),
        _ if this.is_some() => (p.end, 0),
        // «مطلع الشهر»: the anchor's month
        _ if part.is_some() && unit != Unit::Week => (p.end, 0),
        _ => return None,
    };
    let spec = Spec::RelPeriod {
        unit,
        offset,
        part: part.map(|p| *p.value),
    };
    Some(Found::new(ws, i, clitics, end, spec))
}

/// «قبل يومين», «قبل ثلاثة أيام», «منذ 15 يوماً», «قبل أسبوع», «منذ أيام», «منذ ساعات».
pub(super) fn ago(ws: &[Word], i: usize) -> Option<Found> {
    let lex = &*LEXICON;
    let a = lex.ago.at(ws, i, true)?;
    let mut j = a.end;
    key_at(ws, j)?;
    let mut count = None;
    if let Some((end, n)) = small_count(ws, j) {
        count = Some(n);
        j = end;
        key_at(ws, j)?;
    }
    let u = lex.units.at(ws, j, false)?;
    let (unit, unit_count) = *u.value;
    // «منذ عام 2015» is a year, not "a year ago"
    if ws
        .get(u.end)
        .and_then(Word::plain_digits)
        .is_some_and(|(_, len)| len == 4)
    {
        return None;
    }
    let count = match (count, unit_count) {
        (Some(n), None | Some(1)) => Some(n),
        (Some(_), Some(_)) => return None,
        (None, c) => c,
    };
    Some(Found::new(
        ws,
        i,
        a.clitics,
        u.end,
        Spec::Ago { unit, count },
    ))
}

/// «[خلال] الساعات الـ24 الماضية», «[في] الـ24 ساعة الماضية».
pub(super) fn last_hours(ws: &[Word], i: usize) -> Option<Found> {
    let lex = &*LEXICON;
    let (j, clitics) = match lex.within.at(ws, i, true) {
        Some(w) => (w.end, w.clitics),
        None => (i, 0),
    };
    key_at(ws, j)?;
    let hours_first = lex.hours.at(ws, j, false);
    let (n, k) = match hours_first {
        Some(h) => (ws.get(h.end).filter(|w| !w.nl_before)?.num()?, h.end + 1),
        None => {
            let n = ws[j].num()?;
            let h = lex
                .hours
                .at(ws, j + 1, false)
                .filter(|_| key_at(ws, j + 1).is_some())?;
            (n, h.end)
        }
    };
    let d = lex.directions.at(ws, k, false).filter(|d| *d.value == -1)?;
    key_at(ws, k)?;
    if n == 0 || n > 24 * 31 {
        return None;
    }
    let clitics = if j == i { 0 } else { clitics };
    Some(Found::new(ws, i, clitics, d.end, Spec::LastHours(n)))
}

/// «16:03», «الساعة 10», «الساعة 10:30».
pub(super) fn clock(ws: &[Word], i: usize) -> Option<Found> {
    let lex = &*LEXICON;
    let w = &ws[i];
    let (j, clitics) = match lex.clock.at(ws, i, true) {
        Some(c) => (c.end, c.clitics),
        None => (i, 0),
    };
    let h = ws.get(j).filter(|w| j == i || !w.nl_before)?;
    let (hour, len) = h.plain_digits()?;
    if len > 2 || hour > 24 {
        return None;
    }
    let colon = ws
        .get(j + 1)
        .is_some_and(|c| !c.gap_before && c.is_punct(&[':']));
    if colon {
        if let Some((min, mlen)) = ws
            .get(j + 2)
            .filter(|m| !m.gap_before)
            .and_then(Word::plain_digits)
        {
            if mlen == 2 && min < 60 {
                return Some(Found::new(ws, i, clitics, j + 3, Spec::Clock));
            }
        }
    }
    if j > i {
        let _ = w;
        return Some(Found::new(ws, i, clitics, j + 1, Spec::Clock));
    }
    None
}
