/// Why a document could not be read or extracted.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{0} looks binary (it contains NUL bytes), not text")]
    Binary(String),
    #[error("{0} is not valid UTF-8 text")]
    NotUtf8(String),
    #[error("{what} is larger than the {limit}-byte cap")]
    TooLarge { what: String, limit: u64 },
    #[error("line {line}: {reason}")]
    BadRecord { line: usize, reason: String },
    #[error("{0}")]
    Unsupported(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
