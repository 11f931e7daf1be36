//! Turning what the text says ([`Spec`]) into a day, a month or an interval, given the anchor.

use chrono::{Datelike, NaiveDate, Weekday};

use super::calendar::{
    add_days, add_months, gregorian_to_hijri, hijri_month_len, hijri_to_gregorian, month_len,
    week_start,
};
use super::{Spec, TimeValue};
use crate::lexicon::{PartOf, Unit};

/// How far after the anchor a date without a year may lie: news speaks of the past and the
/// near future.
const NOT_FAR_AFTER_DAYS: i64 = 30;

type Resolved = (TimeValue, u8, Vec<String>);

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn check_weekday(surface: &str, said: Option<Weekday>, day: NaiveDate, what: &str) -> Vec<String> {
    match said {
        Some(w) if w != day.weekday() => vec![format!(
            "«{surface}»: {what} is a {}",
            weekday_name(day.weekday())
        )],
        _ => Vec::new(),
    }
}

fn year_interval(year: i32) -> Option<TimeValue> {
    Some(TimeValue::Interval(
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}

fn month_part(year: i32, month: u32, part: PartOf) -> Option<TimeValue> {
    let (a, b) = match part {
        PartOf::Early => (1, 10),
        PartOf::Mid => (11, 20),
        PartOf::Late => (21, month_len(year, month)),
    };
    Some(TimeValue::Interval(
        NaiveDate::from_ymd_opt(year, month, a)?,
        NaiveDate::from_ymd_opt(year, month, b)?,
    ))
}

fn year_part(year: i32, part: PartOf) -> Option<TimeValue> {
    let (a, b) = match part {
        PartOf::Early => ((1, 1), (4, 30)),
        PartOf::Mid => ((5, 1), (8, 31)),
        PartOf::Late => ((9, 1), (12, 31)),
    };
    Some(TimeValue::Interval(
        NaiveDate::from_ymd_opt(year, a.0, a.1)?,
        NaiveDate::from_ymd_opt(year, b.0, b.1)?,
    ))
}

/// The year of a month named without one.
fn month_year(anchor: NaiveDate, month: u32, dir: Option<i32>) -> i32 {
    let (ay, am) = (anchor.year(), anchor.month());
    match dir {
        Some(-1) => {
            if month < am {
                ay
            } else {
                ay - 1
            }
        }
        Some(1) => {
            if month > am {
                ay
            } else {
                ay + 1
            }
        }
        Some(_) => ay,
        None => {
            let limit = add_days(anchor, NOT_FAR_AFTER_DAYS).unwrap_or(anchor);
            match NaiveDate::from_ymd_opt(ay, month, 1) {
                Some(first) if first <= limit => ay,
                _ => ay - 1,
            }
        }
    }
}

/// The date with this day and month: the latest not far after the anchor; with «الماضي» the
/// latest before it, with «المقبل» the first after it.
fn day_month_date(anchor: NaiveDate, day: u32, month: u32, dir: Option<i32>) -> Option<NaiveDate> {
    let limit = add_days(anchor, NOT_FAR_AFTER_DAYS)?;
    let mut years = (anchor.year() - 4..=anchor.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day));
    match dir {
        Some(-1) => years.rfind(|d| *d < anchor),
        Some(1) => years.find(|d| *d > anchor),
        _ => years.rfind(|d| *d <= limit),
    }
}

fn nearest_weekday(anchor: NaiveDate, weekday: Weekday, dir: i32) -> Option<NaiveDate> {
    let back = (7 + anchor.weekday().num_days_from_monday() as i64
        - weekday.num_days_from_monday() as i64)
        % 7;
    match dir {
        d if d < 0 => add_days(anchor, if back == 0 { -7 } else { -back }),
        d if d > 0 => add_days(anchor, if back == 0 { 7 } else { 7 - back }),
        _ => add_days(anchor, -back),
    }
}

fn offset_words(offset: i64) -> String {
    match offset {
        0 => "the anchor day".into(),
        -1 => "the anchor's previous day".into(),
        1 => "the anchor's next day".into(),
        n if n < 0 => format!("{} days before the anchor", -n),
        n => format!("{n} days after the anchor"),
    }
}

/// Value, precision and warnings of `spec`; `None` when it needs an anchor that is missing, or
/// names no real date.
pub(super) fn resolve(spec: &Spec, anchor: Option<NaiveDate>, surface: &str) -> Option<Resolved> {
    // what carries its own year
    match *spec {
        Spec::Date { date, weekday } => {
            let w = check_weekday(surface, weekday, date, &date.to_string());
            return Some((TimeValue::Day(date), 1, w));
        }
        Spec::MonthYear { year, month } => {
            return Some((TimeValue::Month { year, month }, 3, Vec::new()));
        }
        Spec::MonthPart {
            year: Some(year),
            month,
            part,
            ..
        } => return Some((month_part(year, month, part)?, 2, Vec::new())),
        Spec::HijriDate { year, month, day } => {
            let d = hijri_to_gregorian(year, month, day)?;
            return Some((TimeValue::Day(d), 1, Vec::new()));
        }
        Spec::HijriMonth {
            year: Some(year),
            month,
        } => {
            let a = hijri_to_gregorian(year, month, 1)?;
            let b = hijri_to_gregorian(year, month, hijri_month_len(year, month))?;
            return Some((TimeValue::Interval(a, b), 3, Vec::new()));
        }
        Spec::Year(year) => return Some((year_interval(year)?, 3, Vec::new())),
        Spec::Clock => return None,
        _ => {}
    }
    let anchor = anchor?;
    let (ay, am) = (anchor.year(), anchor.month());
    Some(match *spec {
        Spec::DayMonth {
            day,
            month,
            weekday,
            dir,
        } => {
            let d = day_month_date(anchor, day, month, dir)?;
            let w = check_weekday(surface, weekday, d, &d.to_string());
            (TimeValue::Day(d), 1, w)
        }
        Spec::DayOfRelMonth { day, offset } => {
            let (y, m) = add_months(ay, am, offset);
            (
                TimeValue::Day(NaiveDate::from_ymd_opt(y, m, day)?),
                1,
                Vec::new(),
            )
        }
        Spec::Month { month, dir } => {
            let year = month_year(anchor, month, dir);
            (TimeValue::Month { year, month }, 3, Vec::new())
        }
        Spec::MonthPart {
            month, dir, part, ..
        } => {
            let year = month_year(anchor, month, dir);
            (month_part(year, month, part)?, 2, Vec::new())
        }
        Spec::HijriMonth { year: None, month } => {
            let (hy, _, _) = gregorian_to_hijri(anchor)?;
            let limit = add_days(anchor, NOT_FAR_AFTER_DAYS)?;
            let year = if hijri_to_gregorian(hy, month, 1)? <= limit {
                hy
            } else {
                hy - 1
            };
            let a = hijri_to_gregorian(year, month, 1)?;
            let b = hijri_to_gregorian(year, month, hijri_month_len(year, month))?;
            (TimeValue::Interval(a, b), 3, Vec::new())
        }
        Spec::RelDay { offset, weekday } => {
            let d = add_days(anchor, offset)?;
            let w = check_weekday(surface, weekday, d, &offset_words(offset));
            (TimeValue::Day(d), 1, w)
        }
        Spec::Weekday { weekday, dir } => (
            TimeValue::Day(nearest_weekday(anchor, weekday, dir)?),
            1,
            Vec::new(),
        ),
        Spec::Ago { unit, count } => match (unit, count) {
            (Unit::Hour, Some(n)) => (
                TimeValue::Day(add_days(anchor, -((n / 24) as i64))?),
                1,
                Vec::new(),
            ),
            (Unit::Hour, None) => (TimeValue::Day(anchor), 1, Vec::new()),
            (Unit::Day, Some(n)) => (
                TimeValue::Day(add_days(anchor, -i64::try_from(n).ok()?)?),
                1,
                Vec::new(),
            ),
            (Unit::Day, None) => (
                TimeValue::Interval(add_days(anchor, -7)?, add_days(anchor, -1)?),
                2,
                Vec::new(),
            ),
            (Unit::Week, Some(n)) => (
                TimeValue::Day(add_days(anchor, -7 * i64::try_from(n).ok()?)?),
                2,
                Vec::new(),
            ),
            (Unit::Week, None) => (
                TimeValue::Interval(add_days(anchor, -30)?, add_days(anchor, -7)?),
                3,
                Vec::new(),
            ),
            (Unit::Month, Some(n)) => {
                let (year, month) = add_months(ay, am, -i32::try_from(n).ok()?);
                (TimeValue::Month { year, month }, 3, Vec::new())
            }
            (Unit::Year, Some(n)) => (
                year_interval(ay.checked_sub(i32::try_from(n).ok()?)?)?,
                3,
                Vec::new(),
            ),
            (Unit::Month | Unit::Year, None) => return None,
        },
        Spec::RelPeriod { unit, offset, part } => match unit {
            Unit::Week => {
                let start = add_days(week_start(anchor)?, 7 * offset as i64)?;
                (
                    TimeValue::Interval(start, add_days(start, 6)?),
                    2,
                    Vec::new(),
                )
            }
            Unit::Month => {
                let (year, month) = add_months(ay, am, offset);
                match part {
                    None => (TimeValue::Month { year, month }, 3, Vec::new()),
                    Some(p) => (month_part(year, month, p)?, 2, Vec::new()),
                }
            }
            Unit::Year => {
                let year = ay + offset;
                match part {
                    None => (year_interval(year)?, 3, Vec::new()),
                    Some(p) => (year_part(year, p)?, 3, Vec::new()),
                }
            }
            Unit::Hour | Unit::Day => return None,
        },
        Spec::LastHours(n) => {
            let days = n.div_ceil(24) as i64;
            (
                TimeValue::Interval(add_days(anchor, -days)?, anchor),
                2,
                Vec::new(),
            )
        }
        _ => return None,
    })
}
