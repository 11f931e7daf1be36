/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("the database {path} is locked by another process (another `marsad ingest`?); try again when it has finished")]
    Locked { path: String },
    #[error("{path} is not a Marsad database, or it is corrupt: {reason}")]
    Corrupt { path: String, reason: String },
    #[error("the database {path} has schema version {found}, newer than this marsad understands ({supported}); upgrade marsad")]
    NewerSchema {
        path: String,
        found: i64,
        supported: i64,
    },
    #[error("invalid query: {0}")]
    BadQuery(String),
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Classifies an SQLite error met while opening `path`.
    pub(crate) fn on_open(path: &str, e: rusqlite::Error) -> Error {
        use rusqlite::ffi::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => Error::Locked {
                path: path.to_string(),
            },
            Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => Error::Corrupt {
                path: path.to_string(),
                reason: e.to_string(),
            },
            _ => Error::Sqlite(e),
        }
    }

    /// A busy or locked database met after opening `path` (another writer holds it past the
    /// busy timeout) said as [`Error::Locked`]; other errors as they are.
    pub(crate) fn at(self, path: &str) -> Error {
        match self {
            Error::Sqlite(e) => Error::on_open(path, e),
            other => other,
        }
    }
}
