//! Countries as ACLED's columns name them (`iso`, `country`, `region`, the alpha-3 code of
//! `event_id_cnty`), from the table the store's export reads too: data/store/countries.tsv.

use std::collections::HashMap;
use std::sync::LazyLock;

/// One row of data/store/countries.tsv.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountryInfo {
    pub iso3: String,
    /// ISO 3166-1 numeric: ACLED's `iso` column.
    pub isonum: u16,
    /// The English short name: ACLED's `country` column.
    pub name: String,
    pub region: String,
}

static COUNTRIES: LazyLock<HashMap<String, CountryInfo>> = LazyLock::new(|| {
    include_str!("../../../data/store/countries.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let info = CountryInfo {
                iso3: f.get(1)?.to_string(),
                isonum: f.get(2)?.parse().ok()?,
                name: f.get(3)?.to_string(),
                region: f.get(4)?.to_string(),
            };
            Some((f.first()?.to_ascii_uppercase(), info))
        })
        .collect()
});

/// The country of an ISO 3166-1 alpha-2 code, when the table has it.
pub fn country_info(iso2: &str) -> Option<&'static CountryInfo> {
    COUNTRIES.get(&iso2.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syria_is_in_the_table() {
        let sy = country_info("sy").expect("help: data/store/countries.tsv lost Syria");
        assert_eq!(sy.iso3, "SYR");
        assert_eq!(sy.isonum, 760);
    }
}
