use chrono::{DateTime, FixedOffset, NaiveDate};

/// Parses a publication time as the contract accepts it (RFC 3339, or `YYYY-MM-DD`) into the
/// local calendar date that relative expressions resolve against.
///
/// ```
/// use marsad::parse_published;
/// let d = parse_published("2021-06-29T00:30:00+03:00").unwrap();
/// assert_eq!(d.to_string(), "2021-06-29"); // the local date, not the UTC one
/// assert_eq!(parse_published("2021-06-29").unwrap().to_string(), "2021-06-29");
/// assert!(parse_published("yesterday").is_none());
/// ```
pub fn parse_published(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(dt) = DateTime::<FixedOffset>::parse_from_rfc3339(s) {
        return Some(dt.date_naive());
    }
    if let Ok(dt) = DateTime::<FixedOffset>::parse_from_str(s, "%Y-%m-%d %H:%M:%S%:z") {
        return Some(dt.date_naive());
    }
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}
