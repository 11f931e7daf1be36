//! Calendar arithmetic: months, weeks, and the arithmetic (tabular) Islamic calendar.
//!
//! The Hijri conversion is the common tabular calendar: 30-year cycles with the leap years 2, 5, 7,
//! 10, 13, 16, 18, 21, 24, 26 and 29, odd months of 30 days, even months of 29 (the 12th has 30 in a
//! leap year), and the civil epoch 1 Muharram 1 AH = 16 July 622 (Julian) = 19 July 622 (proleptic
//! Gregorian). Observed months (sighting, Umm al-Qura) may start a day earlier or later.

use chrono::{Datelike, Days, NaiveDate};

/// The first day of the week news counts in: Saturday (after the Friday rest day).
pub(crate) const WEEK_STARTS: chrono::Weekday = chrono::Weekday::Sat;

pub(crate) fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_days(Days::new(n as u64))
    } else {
        d.checked_sub_days(Days::new(n.unsigned_abs()))
    }
}

/// `(year, month)` moved by `delta` months.
pub(crate) fn add_months(year: i32, month: u32, delta: i32) -> (i32, u32) {
    let idx = year as i64 * 12 + (month as i64 - 1) + delta as i64;
    let y = idx.div_euclid(12).clamp(i32::MIN as i64, i32::MAX as i64) as i32;
    (y, idx.rem_euclid(12) as u32 + 1)
}

pub(crate) fn month_len(year: i32, month: u32) -> u32 {
    let (ny, nm) = add_months(year, month, 1);
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .map_or(30, |d| d.day())
}

/// The first day of the week of `d`.
pub(crate) fn week_start(d: NaiveDate) -> Option<NaiveDate> {
    let back = (7 + d.weekday().num_days_from_monday() as i64
        - WEEK_STARTS.num_days_from_monday() as i64)
        % 7;
    add_days(d, -back)
}

/// Whether Hijri `year` has 355 days.
pub fn hijri_is_leap(year: i32) -> bool {
    (14 + 11 * year as i64).rem_euclid(30) < 11
}

/// Days in a Hijri month of the tabular calendar.
pub fn hijri_month_len(year: i32, month: u32) -> u32 {
    if month % 2 == 1 || (month == 12 && hijri_is_leap(year)) {
        30
    } else {
        29
    }
}

fn epoch() -> i64 {
    // 1 Muharram 1 AH, proleptic Gregorian
    NaiveDate::from_ymd_opt(622, 7, 19)
        .map(|d| d.num_days_from_ce() as i64)
        .unwrap_or(226_896)
}

fn hijri_days(year: i32, month: u32, day: u32) -> i64 {
    let (y, m, d) = (year as i64, month as i64, day as i64);
    (d - 1) + (59 * (m - 1) + 1) / 2 + (y - 1) * 354 + (3 + 11 * y).div_euclid(30) + epoch()
}

/// The Gregorian date of a Hijri date of the tabular calendar; `None` when the date does not exist
/// (day 30 of a 29-day month, month 13) or lies outside years 1..=9999 AH.
///
/// ```
/// use marsad_arabic::hijri_to_gregorian;
/// use chrono::NaiveDate;
/// assert_eq!(hijri_to_gregorian(1, 1, 1), NaiveDate::from_ymd_opt(622, 7, 19));
/// assert_eq!(hijri_to_gregorian(1442, 9, 1), NaiveDate::from_ymd_opt(2021, 4, 13));
/// ```
pub fn hijri_to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1..=9999).contains(&year)
        || !(1..=12).contains(&month)
        || day == 0
        || day > hijri_month_len(year, month)
    {
        return None;
    }
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(hijri_days(year, month, day)).ok()?)
}

/// The tabular Hijri date `(year, month, day)` of a Gregorian date (for dates after the epoch).
pub fn gregorian_to_hijri(date: NaiveDate) -> Option<(i32, u32, u32)> {
    let n = date.num_days_from_ce() as i64;
    if n < epoch() {
        return None;
    }
    // estimate, then correct
    let mut year = (((n - epoch()) * 30) / 10631 + 1) as i32;
    while hijri_days(year + 1, 1, 1) <= n {
        year += 1;
    }
    while hijri_days(year, 1, 1) > n {
        year -= 1;
    }
    let mut month = 1;
    while month < 12 && hijri_days(year, month + 1, 1) <= n {
        month += 1;
    }
    let day = (n - hijri_days(year, month, 1) + 1) as u32;
    Some((year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn hijri_round_trips_and_cycle() {
        // a 30-year cycle has 10631 days
        assert_eq!(hijri_days(31, 1, 1) - hijri_days(1, 1, 1), 10631);
        let leaps: Vec<i32> = (1..=30).filter(|y| hijri_is_leap(*y)).collect();
        assert_eq!(leaps, [2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29]);
        let mut day = d(2019, 1, 1);
        while day < d(2026, 1, 1) {
            let (y, m, dd) = gregorian_to_hijri(day).unwrap();
            assert_eq!(hijri_to_gregorian(y, m, dd), Some(day), "{day}");
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn hijri_known_dates() {
        // within a day of the observed calendars
        let near = |got: NaiveDate, want: NaiveDate| (got - want).num_days().abs() <= 1;
        assert!(near(
            hijri_to_gregorian(1445, 1, 1).unwrap(),
            d(2023, 7, 19)
        ));
        assert!(near(
            hijri_to_gregorian(1400, 1, 1).unwrap(),
            d(1979, 11, 21)
        ));
        assert!(near(
            hijri_to_gregorian(1442, 10, 1).unwrap(),
            d(2021, 5, 13)
        ));
        assert_eq!(hijri_to_gregorian(1442, 2, 30), None);
    }

    #[test]
    fn months_and_weeks() {
        assert_eq!(add_months(2021, 1, -1), (2020, 12));
        assert_eq!(add_months(2021, 12, 1), (2022, 1));
        assert_eq!(month_len(2020, 2), 29);
        assert_eq!(week_start(d(2021, 6, 29)), Some(d(2021, 6, 26)));
        assert_eq!(week_start(d(2021, 6, 26)), Some(d(2021, 6, 26)));
    }
}
