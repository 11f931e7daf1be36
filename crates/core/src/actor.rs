use serde::{Deserialize, Serialize};

/// An actor in ACLED's terms: a stable id, the name as ACLED writes it, the Arabic name and the
/// actor type (`inter`: 1 state forces, 2 rebels, 3 political militias, 4 identity militias,
/// 5 rioters, 6 protesters, 7 civilians, 8 external/other forces).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub name_ar: Option<String>,
    pub inter: u8,
    pub country: Option<String>,
}
