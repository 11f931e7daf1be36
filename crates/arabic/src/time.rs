//! Time expressions resolved against an anchor. (Being written.)

use chrono::NaiveDate;
use marsad_core::Span;

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

/// A time expression: span, value, ACLED time precision (1 day, 2 week, 3 month) and warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpression {
    pub span: Span,
    pub value: TimeValue,
    pub precision: u8,
    pub warnings: Vec<String>,
}

/// Every time expression in `text`, resolved against `anchor` (the publication date).
pub fn time_expressions(_text: &str, _anchor: Option<NaiveDate>) -> Vec<TimeExpression> {
    Vec::new()
}
