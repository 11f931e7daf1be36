//! ACLED's country columns come from the facade (`marsad::acled`), shared with the Python
//! bindings.

pub use marsad::acled::{country_info, iso2_by_name, CountryInfo};
