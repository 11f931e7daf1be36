//! Marsad's domain types, shared by every stage of the pipeline.
//!
//! Everything here mirrors the public JSON contract (`marsad extract` output): a
//! [`DocumentResult`] holds an [`Article`], its [`Entity`] list and its [`Event`] list.
//!
//! Offsets are sacred. Inside the pipeline every [`Span`] is a pair of **byte** offsets into
//! `article.text`, so that stages can slice the text cheaply. At the output edge,
//! [`DocumentResult::into_char_spans`] turns every span into **character** offsets (Unicode scalar
//! values), which is what the contract promises to users.
//!
//! ```
//! use marsad_core::{Span, CharOffsets};
//! let text = "قصف في دير الزور";
//! let start = text.find("دير").unwrap();
//! let span = Span::new(start, text.len());
//! assert_eq!(span.slice(text), "دير الزور");
//! let chars = CharOffsets::new(text).span(span);
//! assert_eq!((chars.start, chars.end), (7, 16));
//! ```

mod actor;
mod article;
mod entity;
mod error;
mod event;
mod offsets;
mod place;
mod raw;
mod result;
mod span;

pub use actor::Actor;
pub use article::{Article, Dateline};
pub use entity::{Entity, EntityKind};
pub use error::{Error, Result};
pub use event::{Event, Evidence, Plover, Trigger};
pub use offsets::CharOffsets;
pub use place::{LocatedPlace, Place};
pub use raw::{InputKind, RawDocument};
pub use result::DocumentResult;
pub use span::Span;
