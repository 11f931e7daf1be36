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

impl Event {
    /// The key under which reports of the same event from different articles are grouped:
    /// sub-event type, date, the location (admin2 when known, else the place name), and the
    /// primary actor. `marsad ingest` merges events with equal keys (and, beyond that, events
    /// whose dates and places are close); cluster jobs group by this key alone.
    ///
    /// ```
    /// # use marsad_core::*;
    /// # let ev = Event { event_type: "Explosions/Remote violence".into(), sub_event_type: "Air/drone strike".into(),
    /// #   disorder_type: "Political violence".into(), plover: Plover { event: "ASSAULT".into(), mode: None },
    /// #   actor1: None, assoc_actor_1: vec![], actor2: None, assoc_actor_2: vec![], date: "2021-06-28".into(),
    /// #   time_precision: 1, location: None, fatalities: None, background: false,
    /// #   evidence: Evidence { sentence: String::new(), span: Span::new(0, 0), trigger: Trigger { text: String::new(), span: Span::new(0, 0) } },
    /// #   confidence: 0.5 };
    /// assert_eq!(ev.cluster_key(), "Air/drone strike|2021-06-28||");
    /// ```
    pub fn cluster_key(&self) -> String {
        let place = self
            .location
            .as_ref()
            .map(|l| {
                let p = &l.place;
                format!("{}/{}", p.country, p.admin2.as_deref().unwrap_or(&p.name))
            })
            .unwrap_or_default();
        let actor = self.actor1.as_ref().map(|a| a.id.as_str()).unwrap_or("");
        format!("{}|{}|{}|{}", self.sub_event_type, self.date, place, actor)
    }
}
