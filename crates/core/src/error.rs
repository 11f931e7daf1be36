/// Errors of the core types.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A span does not lie on character boundaries inside its text.
    #[error("span {start}..{end} does not fit a text of {len} bytes on char boundaries")]
    BadSpan {
        start: usize,
        end: usize,
        len: usize,
    },
    /// A value could not be (de)serialized.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
