//! Countries as ACLED's columns name them (`iso`, `country`, `region`, the alpha-3 code of
//! `event_id_cnty`): the facade's table, which the store's export reads too.

pub use marsad::acled::{country_info, CountryInfo};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syria_is_in_the_table() {
        let sy = country_info("sy").expect("help: data/acled/countries.tsv lost Syria");
        assert_eq!(sy.iso3, "SYR");
        assert_eq!(sy.isonum, 760);
    }
}
