//! The lexicons of data/arabic/, compiled in and parsed once.
//!
//! Each file is reviewable text with its provenance in its header; a malformed row is a broken
//! invariant of the repository (the unit test below parses every file).

use std::sync::LazyLock;

use chrono::Weekday;

use crate::key::key;
use crate::words::{tsv_rows, Phrases, WordSet};

const MONTHS: &str = include_str!("../../../data/arabic/months.tsv");
const WEEKDAYS: &str = include_str!("../../../data/arabic/weekdays.tsv");
const TIME_WORDS: &str = include_str!("../../../data/arabic/time-words.tsv");
const NUMBER_WORDS: &str = include_str!("../../../data/arabic/number-words.tsv");
const QUALIFIERS: &str = include_str!("../../../data/arabic/number-qualifiers.tsv");
const DUAL_NOUNS: &str = include_str!("../../../data/arabic/dual-nouns.tsv");
const ORDINAL_DAYS: &str = include_str!("../../../data/arabic/ordinal-days.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Calendar {
    Gregorian,
    Hijri,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct MonthName {
    pub calendar: Calendar,
    pub month: u32,
    pub ambiguous: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PartOf {
    Early,
    Mid,
    Late,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    /// The cue word belongs to the expression («شهر آذار», «عام 2021»).
    Span,
    /// The cue word stays outside («في آذار»).
    Before,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumKind {
    Unit,
    TeenHead,
    One,
    Ten,
    Hundred,
    Scale,
    ScaleDual,
    ScalePlural,
    Vague,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct NumberWord {
    pub value: u64,
    pub kind: NumKind,
    pub upper: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QualKind {
    Approximate,
    AtLeast,
    AtMost,
    Between,
    From,
    To,
}

/// Every lexicon, parsed.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    pub months: Phrases<MonthName>,
    pub weekdays: Phrases<Weekday>,
    /// «الثامن عشر» = 18, as the day of a date in words.
    pub ordinal_days: Phrases<u32>,
    pub days: Phrases<i64>,
    pub parts: Phrases<()>,
    pub leads: Phrases<()>,
    /// Unit and count (`None`: a plural that needs a number, or stands for "some").
    pub units: Phrases<(Unit, Option<u64>)>,
    pub ago: Phrases<()>,
    pub periods: Phrases<Unit>,
    pub directions: Phrases<i32>,
    pub this: Phrases<()>,
    pub part_of: Phrases<PartOf>,
    pub month_cues: Phrases<Cue>,
    pub year_cues: Phrases<Cue>,
    pub clock: Phrases<()>,
    pub within: Phrases<()>,
    pub hours: Phrases<()>,
    pub numbers: Phrases<NumberWord>,
    pub qualifiers_before: Phrases<QualKind>,
    pub qualifiers_after: Phrases<QualKind>,
    pub range_to: Phrases<QualKind>,
    /// Keys of dual nouns («جنديين», «غارتان», with or without the article).
    pub duals: WordSet,
    /// Keys that can begin a time expression (first words of the time lexicons, and «يوم»):
    /// a word none of whose clitic readings is here starts none.
    pub time_starters: WordSet,
}

pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(build);

fn weekday(name: &str) -> Weekday {
    match name {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        other => panic!("data/arabic/weekdays.tsv: unknown weekday {other:?}"),
    }
}

fn col<'a>(row: &[&'a str], i: usize, file: &str) -> &'a str {
    row.get(i)
        .copied()
        .unwrap_or_else(|| panic!("data/arabic/{file}: row {row:?} lacks column {i}"))
}

fn build() -> Lexicon {
    let mut lex = Lexicon::default();
    for row in tsv_rows(MONTHS) {
        let f = "months.tsv";
        let calendar = match col(&row, 1, f) {
            "gregorian" => Calendar::Gregorian,
            "hijri" => Calendar::Hijri,
            other => panic!("data/arabic/{f}: unknown calendar {other:?}"),
        };
        let month: u32 = col(&row, 2, f).parse().expect("months.tsv: month");
        assert!((1..=12).contains(&month), "months.tsv: month {month}");
        let ambiguous = col(&row, 4, f) == "yes";
        lex.months.insert(
            row[0],
            MonthName {
                calendar,
                month,
                ambiguous,
            },
        );
    }
    for row in tsv_rows(WEEKDAYS) {
        lex.weekdays
            .insert(row[0], weekday(col(&row, 1, "weekdays.tsv")));
    }
    for row in tsv_rows(ORDINAL_DAYS) {
        let day: u32 = col(&row, 1, "ordinal-days.tsv")
            .parse()
            .expect("ordinal-days.tsv: day");
        assert!((1..=31).contains(&day), "ordinal-days.tsv: day {day}");
        lex.ordinal_days.insert(row[0], day);
    }
    for row in tsv_rows(TIME_WORDS) {
        let f = "time-words.tsv";
        let (surface, kind, value) = (row[0], col(&row, 1, f), col(&row, 2, f));
        fn bad<T>(value: &str, surface: &str) -> T {
            panic!("data/arabic/time-words.tsv: bad value {value:?} for {surface}")
        }

        match kind {
            "day" => lex.days.insert(
                surface,
                value.parse().unwrap_or_else(|_| bad(value, surface)),
            ),
            "part" => lex.parts.insert(surface, ()),
            "lead" => lex.leads.insert(surface, ()),
            "unit" => {
                let (u, n) = value.split_once(':').unwrap_or_else(|| bad(value, surface));
                let unit = match u {
                    "hour" => Unit::Hour,
                    "day" => Unit::Day,
                    "week" => Unit::Week,
                    "month" => Unit::Month,
                    "year" => Unit::Year,
                    _ => bad(value, surface),
                };
                let count = if n == "n" {
                    None
                } else {
                    Some(n.parse().unwrap_or_else(|_| bad(value, surface)))
                };
                lex.units.insert(surface, (unit, count));
            }
            "ago" => lex.ago.insert(surface, ()),
            "period" => lex.periods.insert(
                surface,
                match value {
                    "week" => Unit::Week,
                    "month" => Unit::Month,
                    "year" => Unit::Year,
                    _ => bad(value, surface),
                },
            ),
            "direction" => lex.directions.insert(
                surface,
                value.parse().unwrap_or_else(|_| bad(value, surface)),
            ),
            "this" => lex.this.insert(surface, ()),
            "part_of" => lex.part_of.insert(
                surface,
                match value {
                    "early" => PartOf::Early,
                    "mid" => PartOf::Mid,
                    "late" => PartOf::Late,
                    _ => bad(value, surface),
                },
            ),
            "month_cue" | "year_cue" => {
                let cue = match value {
                    "span" => Cue::Span,
                    "before" => Cue::Before,
                    _ => bad(value, surface),
                };
                if kind == "month_cue" {
                    lex.month_cues.insert(surface, cue)
                } else {
                    lex.year_cues.insert(surface, cue)
                }
            }
            "clock" => lex.clock.insert(surface, ()),
            "within" => lex.within.insert(surface, ()),
            "hours" => lex.hours.insert(surface, ()),
            other => panic!("data/arabic/{f}: unknown kind {other:?}"),
        }
    }
    for row in tsv_rows(NUMBER_WORDS) {
        let f = "number-words.tsv";
        let value: u64 = col(&row, 1, f).parse().expect("number-words.tsv: value");
        let kind = match col(&row, 2, f) {
            "unit" => NumKind::Unit,
            "teen_head" => NumKind::TeenHead,
            "one" => NumKind::One,
            "ten" => NumKind::Ten,
            "hundred" => NumKind::Hundred,
            "scale" => NumKind::Scale,
            "scale_dual" => NumKind::ScaleDual,
            "scale_plural" => NumKind::ScalePlural,
            "vague" => NumKind::Vague,
            other => panic!("data/arabic/{f}: unknown kind {other:?}"),
        };
        let upper = row
            .get(3)
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().expect("number-words.tsv: upper"));
        lex.numbers
            .insert(row[0], NumberWord { value, kind, upper });
    }
    for row in tsv_rows(QUALIFIERS) {
        let f = "number-qualifiers.tsv";
        let kind = match col(&row, 1, f) {
            "approximate" => QualKind::Approximate,
            "at_least" => QualKind::AtLeast,
            "at_most" => QualKind::AtMost,
            "between" => QualKind::Between,
            "from" => QualKind::From,
            "to" => QualKind::To,
            other => panic!("data/arabic/{f}: unknown kind {other:?}"),
        };
        match col(&row, 2, f) {
            "before" => lex.qualifiers_before.insert(row[0], kind),
            "after" => lex.qualifiers_after.insert(row[0], kind),
            "between" => lex.range_to.insert(row[0], kind),
            other => panic!("data/arabic/{f}: unknown position {other:?}"),
        }
    }
    for row in tsv_rows(DUAL_NOUNS) {
        let k = key(row[0]);
        let stem = match k.strip_suffix('ه') {
            Some(s) => format!("{s}ت"),
            None => k.clone(),
        };
        for ending in ["ين", "ان"] {
            lex.duals.insert(format!("{stem}{ending}"));
            lex.duals.insert(format!("ال{stem}{ending}"));
        }
    }
    let mut starters = WordSet::default();
    starters.insert("يوم".to_string());
    let firsts = lex
        .months
        .first_words()
        .chain(lex.weekdays.first_words())
        .chain(lex.ordinal_days.first_words())
        .chain(lex.days.first_words())
        .chain(lex.parts.first_words())
        .chain(lex.leads.first_words())
        .chain(lex.ago.first_words())
        .chain(lex.periods.first_words())
        .chain(lex.this.first_words())
        .chain(lex.part_of.first_words())
        .chain(lex.month_cues.first_words())
        .chain(lex.year_cues.first_words())
        .chain(lex.clock.first_words())
        .chain(lex.within.first_words())
        .chain(lex.hours.first_words());
    starters.extend(firsts.cloned());
    lex.time_starters = starters;
    lex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_parses() {
        let lex = &*LEXICON;
        assert_eq!(lex.months.get(&key("حزيران")).unwrap().month, 6);
        assert_eq!(lex.months.get(&key("إبريل")).unwrap().month, 4);
        assert!(lex.months.get(&key("آب")).unwrap().ambiguous);
        assert_eq!(*lex.weekdays.get(&key("الإثنين")).unwrap(), Weekday::Mon);
        assert_eq!(*lex.days.get(&key("أمس")).unwrap(), -1);
        assert_eq!(lex.numbers.get(&key("مئتين")).unwrap().value, 200);
        assert!(lex.duals.contains(&key("جنديين")));
        assert!(lex.duals.contains(&key("غارتين")));
        assert!(!lex.duals.contains(&key("مدنيين")));
        assert_eq!(*lex.ordinal_days.get(&key("العشرين")).unwrap(), 20);
    }
}
