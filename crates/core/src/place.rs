use serde::{Deserialize, Serialize};

/// A geocoded place, in the contract's shape: English names in ACLED's style, a GeoNames
/// feature code and, when known, the GeoNames id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Place {
    pub name: String,
    pub name_ar: Option<String>,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    /// GeoNames feature code (PPL, PPLA2, ADM1, PCLI, ...).
    pub feature: String,
    pub geonameid: Option<i64>,
}

/// A place as an event's location: the place plus ACLED's geo_precision
/// (1 the exact place, 2 near it / a part of a region, 3 only the larger region is known).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocatedPlace {
    #[serde(flatten)]
    pub place: Place,
    pub precision: u8,
}
