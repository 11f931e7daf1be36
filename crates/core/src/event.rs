use serde::{Deserialize, Serialize};

use crate::{Actor, LocatedPlace, Span};

/// PLOVER's event type (upper case) and mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plover {
    pub event: String,
    pub mode: Option<String>,
}

/// The word or phrase that made the event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trigger {
    pub text: String,
    pub span: Span,
}

/// The sentence that says so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub sentence: String,
    pub span: Span,
    pub trigger: Trigger,
}

/// One coded event, in ACLED's taxonomy with PLOVER's event type beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub event_type: String,
    pub sub_event_type: String,
    pub disorder_type: String,
    pub plover: Plover,
    pub actor1: Option<Actor>,
    pub assoc_actor_1: Vec<Actor>,
    pub actor2: Option<Actor>,
    pub assoc_actor_2: Vec<Actor>,
    /// `YYYY-MM-DD`; month-only dates are coded mid-month.
    pub date: String,
    /// ACLED's time precision: 1 day, 2 week or a few days, 3 month.
    pub time_precision: u8,
    pub location: Option<LocatedPlace>,
    pub fatalities: Option<u32>,
    /// True when dated more than 7 days before publication.
    pub background: bool,
    pub evidence: Evidence,
    pub confidence: f64,
}
