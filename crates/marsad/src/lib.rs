//! Marsad: Arabic news in, coded events out.
//!
//! Library users start here. A [`Pipeline`] is built once (lexicons, gazetteer and models load
//! once) and then turns each [`RawDocument`] into a [`DocumentResult`]: the clean article, its
//! entities and its events, with every span in character offsets into `article.text`.
//!
//! ```
//! use marsad::{Pipeline, RawDocument};
//! let pipeline = Pipeline::new();
//! let mut raw = RawDocument::from_text("example", marsad::InputKind::Text,
//!     "قصفت طائرات مواقع في المدينة أمس الإثنين وقتل ثلاثة عناصر.");
//! raw.published = Some("2021-06-29T16:03:00+03:00".into());
//! let result = pipeline.process(&raw);
//! assert!(result.error.is_none());
//! let date = result.entities.iter().find(|e| e.text == "أمس الإثنين").unwrap();
//! assert_eq!(date.value.as_ref().unwrap(), "2021-06-28");
//! ```

pub mod acled;
mod anchor;
mod error;
mod pipeline;

pub use anchor::parse_published;
pub use error::{Error, Result};
pub use marsad_arabic as arabic;
pub use marsad_core::*;
pub use marsad_extract as extract;
pub use pipeline::{Pipeline, PipelineOptions};

/// What Marsad is and the attribution of the data it embeds (printed by `marsad --version`).
pub fn about() -> String {
    format!(
        "Marsad (مرصد), an Arabic-first news observatory.\n{}\nNER model: trained on ANERcorp \
         (Benajiba, Rosso & Benedí Ruiz 2007; Obeid et al. 2020), CC BY-SA 4.0.",
        marsad_geo::ATTRIBUTION
    )
}
