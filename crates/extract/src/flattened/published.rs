//! Publication lines: «2021.06.29 | 16:03 دمشق», «الثلاثاء 29 حزيران 2021 - 16:03»,
//! «نُشر في 29/6/2021», «آخر تحديث: 12:30 مكة المكرمة», «June 29, 2021 4:03 pm GMT+3».
//!
//! A line is a publication line when it holds a date and little else: besides the date, the
//! time, weekday and month names, a zone and a «published»/«updated» prefix, at most a few words
//! remain. The zone comes from a place name (`data/extract/capitals.tsv`, IANA zone names),
//! «غرينتش»/GMT/UTC, or a `GMT+3`-style offset; chrono-tz gives the offset that held on that day.
//!
//! Without a zone the instant is unknown. [`PublicationTime::published`] then uses the caller's
//! default zone if one is set (with a warning), and otherwise keeps the date alone
//! (`YYYY-MM-DD`, which the contract accepts wherever a publication time is read) with a warning:
//! a wall-clock time with a guessed offset would be a wrong instant presented as a right one.

use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};
use chrono_tz::Tz;

use super::lexicon::{lexicon, Calendar, Cue};

/// The zone a publication line names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// A tz database zone (from a place name, or UTC for Greenwich time).
    Named(Tz),
    /// A fixed offset written out (`GMT+3`).
    Fixed(FixedOffset),
}

/// What a publication line says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicationTime {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub zone: Option<Zone>,
    /// The line gives the time of the last update («آخر تحديث», «Updated»), not of publication.
    pub updated: bool,
}

impl PublicationTime {
    /// The `published` value: RFC 3339 with the offset in force at that place and date when the
    /// zone is known (from the line, else `default_zone`); the date alone when there is no time
    /// or no zone. The second value is a warning when something was assumed or left out.
    ///
    /// ```
    /// use marsad_extract::flattened::parse_publication_line;
    /// let p = parse_publication_line("2021.06.29 | 16:03 دمشق").unwrap();
    /// assert_eq!(p.published(None).0, "2021-06-29T16:03:00+03:00");
    /// let p = parse_publication_line("2020/01/15 16:03 دمشق").unwrap();
    /// assert_eq!(p.published(None).0, "2020-01-15T16:03:00+02:00");
    /// let p = parse_publication_line("29/6/2021 16:03").unwrap();
    /// assert_eq!(p.published(None).0, "2021-06-29");
    /// ```
    pub fn published(&self, default_zone: Option<Tz>) -> (String, Option<String>) {
        let date_only = self.date.format("%Y-%m-%d").to_string();
        let Some(time) = self.time else {
            return (date_only, None);
        };
        let local = NaiveDateTime::new(self.date, time);
        let (zone, warning) = match (self.zone, default_zone) {
            (Some(z), _) => (z, None),
            (None, Some(tz)) => (
                Zone::Named(tz),
                Some(format!(
                    "publication line gives no time zone; assumed the default zone {}",
                    tz.name()
                )),
            ),
            (None, None) => return (
                date_only,
                Some(
                    "publication line gives a time but no time zone; published keeps the date only"
                        .to_string(),
                ),
            ),
        };
        let offset = match zone {
            Zone::Fixed(off) => off,
            Zone::Named(tz) => match tz.offset_from_local_datetime(&local).earliest() {
                Some(o) => o.fix(),
                // a wall time skipped by a clock change: the offset in force just after
                None => tz.offset_from_utc_datetime(&local).fix(),
            },
        };
        let stamp = match offset.from_local_datetime(&local).single() {
            Some(dt) => dt.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            None => date_only,
        };
        (stamp, warning)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(String),
    Word(String),
    Sym(char),
}

fn tokens(line: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cur_num = false;
    let flush = |cur: &mut String, num: bool, out: &mut Vec<Tok>| {
        if !cur.is_empty() {
            let s = std::mem::take(cur);
            out.push(if num { Tok::Num(s) } else { Tok::Word(s) });
        }
    };
    for c in line.chars() {
        let Some(f) = marsad_arabic::fold_char(c) else {
            continue;
        };
        let f = f.to_lowercase().next().unwrap_or(f);
        if f.is_ascii_digit() {
            if !cur_num {
                flush(&mut cur, cur_num, &mut out);
            }
            cur_num = true;
            cur.push(f);
        } else if marsad_arabic::chars::is_alphabetic(f) {
            if cur_num {
                flush(&mut cur, cur_num, &mut out);
            }
            cur_num = false;
            cur.push(f);
        } else {
            flush(&mut cur, cur_num, &mut out);
            if !f.is_whitespace() {
                out.push(Tok::Sym(f));
            }
        }
    }
    flush(&mut cur, cur_num, &mut out);
    out
}

fn num(t: Option<&Tok>) -> Option<(u32, usize)> {
    match t {
        Some(Tok::Num(s)) if s.len() <= 4 => Some((s.parse().ok()?, s.len())),
        _ => None,
    }
}

fn sym(t: Option<&Tok>) -> Option<char> {
    match t {
        Some(Tok::Sym(c)) => Some(*c),
        _ => None,
    }
}

/// Words that may sit in a publication line besides the date, time and zone.
const FILLER: &[&str] = &[
    "في",
    "الساعة",
    "الساعه",
    "بتوقيت",
    "توقيت",
    "at",
    "on",
    "time",
    "ص",
    "م",
    "صباحا",
    "مساء",
    "مساءا",
    "ظهرا",
    "am",
    "pm",
    "a",
    "p",
    "gmt",
    "utc",
    "hrs",
    "h",
    "ميلادي",
    "هـ",
    "ه",
];

fn month_or_day(words: &[String], at: usize) -> Option<(Calendar, usize)> {
    lexicon().calendar.at(words, at)
}

/// Reads a publication line. `None` when the line holds no date, or holds too much else to be
/// a publication line (a body sentence that mentions a date).
///
/// ```
/// use marsad_extract::flattened::parse_publication_line;
/// let p = parse_publication_line("الثلاثاء 29 حزيران 2021 - 16:03").unwrap();
/// assert_eq!(p.date.to_string(), "2021-06-29");
/// assert!(parse_publication_line("قصفت الطائرات المدينة في 29 حزيران 2021 وقتل ثلاثة مدنيين على الأقل").is_none());
/// ```
pub fn parse_publication_line(line: &str) -> Option<PublicationTime> {
    let toks = tokens(line);
    if toks.len() > 40 {
        return None;
    }
    let words: Vec<String> = toks
        .iter()
        .filter_map(|t| match t {
            Tok::Word(w) => Some(w.clone()),
            _ => None,
        })
        .collect();
    // index of each token among the words (for multi-word lexicon phrases)
    let mut word_at = vec![usize::MAX; toks.len()];
    let mut k = 0;
    for (i, t) in toks.iter().enumerate() {
        if matches!(t, Tok::Word(_)) {
            word_at[i] = k;
            k += 1;
        }
    }
    let mut used = vec![false; toks.len()];
    let mut date = None;
    let mut time = None;
    let mut zone = None;
    let mut i = 0;
    while i < toks.len() {
        // numeric date: 2021.06.29, 29/6/2021, 2021-06-29
        if date.is_none() {
            if let (Some((a, la)), Some(s1), Some((b, _)), Some(s2), Some((c, lc))) = (
                num(toks.get(i)),
                sym(toks.get(i + 1)),
                num(toks.get(i + 2)),
                sym(toks.get(i + 3)),
                num(toks.get(i + 4)),
            ) {
                if s1 == s2 && matches!(s1, '.' | '/' | '-') {
                    let d = if la == 4 {
                        NaiveDate::from_ymd_opt(a as i32, b, c)
                    } else if lc == 4 && b > 12 {
                        NaiveDate::from_ymd_opt(c as i32, a, b)
                    } else if lc == 4 {
                        NaiveDate::from_ymd_opt(c as i32, b, a)
                    } else {
                        None
                    };
                    if let Some(d) = d.filter(plausible) {
                        date = Some(d);
                        used[i..i + 5].iter_mut().for_each(|u| *u = true);
                        i += 5;
                        continue;
                    }
                }
            }
        }
        // time: 16:03, 16:03:59, with am/pm after
        if time.is_none() {
            if let (Some((h, _)), Some(':'), Some((m, 2))) =
                (num(toks.get(i)), sym(toks.get(i + 1)), num(toks.get(i + 2)))
            {
                let mut n = 3;
                let mut sec = 0;
                if let (Some(':'), Some((s, 2))) = (sym(toks.get(i + 3)), num(toks.get(i + 4))) {
                    sec = s;
                    n = 5;
                }
                let mut hour = h;
                match toks.get(i + n) {
                    Some(Tok::Word(w))
                        if matches!(w.as_str(), "م" | "مساء" | "مساءا" | "pm" | "p") && h < 12 =>
                    {
                        hour += 12
                    }
                    Some(Tok::Word(w)) if matches!(w.as_str(), "ظهرا") && h < 6 => hour += 12,
                    Some(Tok::Word(w))
                        if matches!(w.as_str(), "ص" | "صباحا" | "am" | "a") && h == 12 =>
                    {
                        hour = 0
                    }
                    _ => {}
                }
                if let Some(t) = NaiveTime::from_hms_opt(hour, m, sec) {
                    time = Some(t);
                    used[i..i + n].iter_mut().for_each(|u| *u = true);
                    i += n;
                    continue;
                }
            }
        }
        // textual date: 29 حزيران 2021, 29 حزيران/يونيو 2021, June 29, 2021
        if date.is_none() {
            if let Some((d, n)) = textual_date(&toks, &words, &word_at, i) {
                date = Some(d);
                used[i..i + n].iter_mut().for_each(|u| *u = true);
                i += n;
                continue;
            }
        }
        // zone: a place name, Greenwich, GMT+3
        if let Tok::Word(w) = &toks[i] {
            if zone.is_none() {
                if matches!(w.as_str(), "gmt" | "utc") {
                    if let (Some(sign @ ('+' | '-')), Some((h, _))) =
                        (sym(toks.get(i + 1)), num(toks.get(i + 2)))
                    {
                        let mut secs = h as i32 * 3600;
                        let mut n = 3;
                        if let (Some(':'), Some((m, 2))) =
                            (sym(toks.get(i + 3)), num(toks.get(i + 4)))
                        {
                            secs += m as i32 * 60;
                            n = 5;
                        }
                        let secs = if sign == '-' { -secs } else { secs };
                        if let Some(off) = FixedOffset::east_opt(secs).filter(|_| h <= 14) {
                            zone = Some(Zone::Fixed(off));
                            used[i..i + n].iter_mut().for_each(|u| *u = true);
                            i += n;
                            continue;
                        }
                    }
                }
                if let Some((tz, n)) = lexicon().zones.at(&words, word_at[i]) {
                    zone = Some(Zone::Named(tz));
                    // the phrase spans n words, which are consecutive tokens when no symbol
                    // sits between them
                    let mut seen = 0;
                    while seen < n && i < toks.len() {
                        if matches!(toks[i], Tok::Word(_)) {
                            seen += 1;
                        }
                        used[i] = true;
                        i += 1;
                    }
                    continue;
                }
            }
        }
        i += 1;
    }
    let date = date?;
    // what remains must be prefix, filler and weekday words; at most three others
    let lex = lexicon();
    let mut updated = false;
    let mut other = 0;
    let mut stray_numbers = 0;
    let mut i = 0;
    while i < toks.len() {
        if used[i] {
            i += 1;
            continue;
        }
        match &toks[i] {
            Tok::Word(w) => {
                let wi = word_at[i];
                if let Some((set, n)) = lex.cues.at(&words, wi) {
                    if set.has(Cue::Updated) {
                        updated = true;
                    }
                    if set.has(Cue::Published) || set.has(Cue::Updated) {
                        i += skip_words(&toks, i, n);
                        continue;
                    }
                }
                if let Some((Calendar::Weekday, n)) = month_or_day(&words, wi) {
                    i += skip_words(&toks, i, n);
                    continue;
                }
                if !FILLER.contains(&w.as_str()) {
                    other += 1;
                }
            }
            Tok::Num(_) => stray_numbers += 1,
            Tok::Sym(_) => {}
        }
        i += 1;
    }
    if other > 3 || stray_numbers > 1 {
        return None;
    }
    Some(PublicationTime {
        date,
        time,
        zone,
        updated,
    })
}

/// How many tokens hold the next `n` words from token `i`.
fn skip_words(toks: &[Tok], i: usize, n: usize) -> usize {
    let mut seen = 0;
    let mut j = i;
    while j < toks.len() && seen < n {
        if matches!(toks[j], Tok::Word(_)) {
            seen += 1;
        }
        j += 1;
    }
    (j - i).max(1)
}

fn plausible(d: &NaiveDate) -> bool {
    use chrono::Datelike;
    (1990..=2100).contains(&d.year())
}

fn month_at(toks: &[Tok], words: &[String], word_at: &[usize], i: usize) -> Option<(u32, usize)> {
    if !matches!(toks.get(i), Some(Tok::Word(_))) {
        return None;
    }
    let (Calendar::Month(m), n) = month_or_day(words, word_at[i])? else {
        return None;
    };
    let mut used = skip_words(toks, i, n);
    // «حزيران/يونيو»: a second name for the same month after a slash
    if sym(toks.get(i + used)) == Some('/') {
        if let Some(Tok::Word(_)) = toks.get(i + used + 1) {
            if let Some((Calendar::Month(m2), n2)) = month_or_day(words, word_at[i + used + 1]) {
                if m2 == m {
                    used += 1 + skip_words(toks, i + used + 1, n2);
                }
            }
        }
    }
    Some((m, used))
}

fn textual_date(
    toks: &[Tok],
    words: &[String],
    word_at: &[usize],
    i: usize,
) -> Option<(NaiveDate, usize)> {
    // day month year
    if let Some((d, _)) = num(toks.get(i)) {
        if let Some((m, n)) = month_at(toks, words, word_at, i + 1) {
            let mut j = i + 1 + n;
            if matches!(sym(toks.get(j)), Some(',' | '،')) {
                j += 1;
            }
            if let Some((y, 4)) = num(toks.get(j)) {
                let date = NaiveDate::from_ymd_opt(y as i32, m, d).filter(plausible)?;
                return Some((date, j + 1 - i));
            }
        }
    }
    // month day, year
    if let Some((m, n)) = month_at(toks, words, word_at, i) {
        let mut j = i + n;
        if let Some((d, dl)) = num(toks.get(j)).filter(|(_, l)| *l <= 2) {
            let _ = dl;
            j += 1;
            // «June 29th»
            if let Some(Tok::Word(w)) = toks.get(j) {
                if matches!(w.as_str(), "st" | "nd" | "rd" | "th") {
                    j += 1;
                }
            }
            if matches!(sym(toks.get(j)), Some(',' | '،')) {
                j += 1;
            }
            if let Some((y, 4)) = num(toks.get(j)) {
                let date = NaiveDate::from_ymd_opt(y as i32, m, d).filter(plausible)?;
                return Some((date, j + 1 - i));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published(line: &str) -> Option<String> {
        parse_publication_line(line).map(|p| p.published(None).0)
    }

    /// One row per case; a failure names this file.
    macro_rules! rows {
        ($($input:expr => $want:expr),* $(,)?) => {$(
            assert_eq!(published($input).as_deref(), $want,
                "input {:?}\nhelp: the rule lives in crates/extract/src/flattened/published.rs", $input);
        )*};
    }

    #[test]
    fn publication_lines() {
        rows!(
            "2021.06.29 | 16:03 دمشق" => Some("2021-06-29T16:03:00+03:00"),
            "2020.01.29 | 16:03 دمشق" => Some("2020-01-29T16:03:00+02:00"),
            "الثلاثاء 29 حزيران 2021 - 16:03 بيروت" => Some("2021-06-29T16:03:00+03:00"),
            "الاثنين 15 كانون الثاني 2024 - 09:15 بيروت" => Some("2024-01-15T09:15:00+02:00"),
            "نُشر في 29/6/2021" => Some("2021-06-29"),
            "تاريخ النشر: ٢٩/٠٦/٢٠٢١ - ٠٤:٠٣ م بتوقيت غرينتش" => Some("2021-06-29T16:03:00+00:00"),
            "آخر تحديث: 29 يونيو 2021 12:30 مكة المكرمة" => Some("2021-06-29T12:30:00+03:00"),
            "نشر في: 3 آذار/مارس 2022 - 10:00 (القاهرة)" => Some("2022-03-03T10:00:00+02:00"),
            "June 29, 2021 4:03 pm GMT+3" => Some("2021-06-29T16:03:00+03:00"),
            "2021-06-29 16:03 GMT" => Some("2021-06-29T16:03:00+00:00"),
            "12 مارس 2023 - 14:00 صنعاء" => Some("2023-03-12T14:00:00+03:00"),
            "الخميس 3 تشرين الأول 2019 | 18:20 دمشق" => Some("2019-10-03T18:20:00+03:00"),
            "قصفت الطائرات المدينة في 29 حزيران 2021 وقتل ثلاثة مدنيين على الأقل" => None,
            "ميليشيات إيران تجتمع في البوكمال" => None,
            "icon" => None,
            "2021" => None,
        );
    }

    #[test]
    fn updated_is_flagged() {
        assert!(
            parse_publication_line("آخر تحديث: 29/6/2021")
                .unwrap()
                .updated
        );
        assert!(!parse_publication_line("نشر في: 29/6/2021").unwrap().updated);
    }

    #[test]
    fn default_zone_is_used_with_a_warning() {
        let p = parse_publication_line("29/6/2021 16:03").unwrap();
        let (s, w) = p.published(Some(Tz::Asia__Baghdad));
        assert_eq!(s, "2021-06-29T16:03:00+03:00");
        assert!(w.is_some());
    }
}
