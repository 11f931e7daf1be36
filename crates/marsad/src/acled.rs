//! Countries as ACLED's export columns name them (`iso`, `country`, `region`, and the alpha-3
//! code that starts `event_id_cnty`), from data/acled/countries.tsv. The store's CSV export and
//! the Python bindings' Arrow tables both read them here.

use std::collections::HashMap;
use std::sync::LazyLock;

/// A country as ACLED's export names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryInfo {
    pub iso2: String,
    pub iso3: String,
    /// ISO 3166-1 numeric: ACLED's `iso` column.
    pub isonum: u16,
    /// The English short name: ACLED's `country` column.
    pub name: String,
    pub region: String,
}

const TABLE: &str = include_str!("../../../data/acled/countries.tsv");

static COUNTRIES: LazyLock<HashMap<String, CountryInfo>> = LazyLock::new(|| {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let info = CountryInfo {
                iso2: f.first()?.to_ascii_uppercase(),
                iso3: f.get(1)?.to_string(),
                isonum: f.get(2)?.parse().ok()?,
                name: f.get(3)?.to_string(),
                region: f.get(4)?.to_string(),
            };
            Some((info.iso2.clone(), info))
        })
        .collect()
});

/// The country of an ISO 3166-1 alpha-2 code, when Marsad's table has it.
///
/// ```
/// assert_eq!(marsad::acled::country_info("sy").unwrap().isonum, 760);
/// ```
pub fn country_info(iso2: &str) -> Option<&'static CountryInfo> {
    COUNTRIES.get(&iso2.to_ascii_uppercase())
}

/// The ISO2 code of an English country name in the table (case-insensitive).
pub fn iso2_by_name(name: &str) -> Option<String> {
    COUNTRIES
        .values()
        .find(|c| c.name.eq_ignore_ascii_case(name.trim()))
        .map(|c| c.iso2.clone())
}

/// ACLED's interaction code: the two actors' inter codes, smaller first (`10 * a + b`), or
/// `10 * a` for a one-sided event; none without a first actor.
pub fn interaction(inter1: Option<u8>, inter2: Option<u8>) -> Option<u8> {
    let a = inter1?;
    Some(match inter2 {
        Some(b) => a.min(b) * 10 + a.max(b),
        None => a * 10,
    })
}

/// A short English note in ACLED's manner, built from the coded fields.
pub fn note(
    date: &str,
    sub_event_type: &str,
    actor1: Option<&marsad_core::Actor>,
    actor2: Option<&marsad_core::Actor>,
    place: Option<&marsad_core::Place>,
    fatalities: Option<u32>,
) -> String {
    let who = actor1
        .map(|a| a.name.as_str())
        .unwrap_or("Unidentified actors");
    let whom = actor2
        .map(|a| format!(" involving {}", a.name))
        .unwrap_or_default();
    let place = place.map(|p| format!(" in {}", p.name)).unwrap_or_default();
    let deaths = fatalities
        .map(|f| format!(" Fatalities: {f}."))
        .unwrap_or_default();
    format!(
        "On {date}, {who}: {}{whom}{place}.{deaths}",
        sub_event_type.to_lowercase()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_well_formed() {
        let rows = TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        assert_eq!(
            rows,
            COUNTRIES.len(),
            "help: data/acled/countries.tsv has a malformed or repeated row"
        );
        assert_eq!(country_info("IQ").unwrap().iso3, "IRQ");
        assert_eq!(iso2_by_name("syria").as_deref(), Some("SY"));
        for c in COUNTRIES.values() {
            assert_eq!(c.iso2.len(), 2);
            assert_eq!(c.iso3.len(), 3);
        }
    }
}
