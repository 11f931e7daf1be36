//! importers (todo)
