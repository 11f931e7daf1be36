//! The crate's error type.

use std::path::PathBuf;

/// What can go wrong when loading a model, reading training data or training.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{}: {error}", path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The bytes are not a Marsad NER model at all.
    #[error("not a Marsad NER model (the file does not start with the model's magic bytes)")]
    NotAModel,
    /// A model written by a newer or older format.
    #[error("model format version {found} is not supported (this build reads version {expected})")]
    UnsupportedVersion { found: u32, expected: u32 },
    /// The model was trained with other features (another build or other cue lists).
    #[error(
        "the model was trained with feature set {found:016x} but this build extracts {expected:016x}: \
         retrain it with `marsad ner train`"
    )]
    FeatureMismatch { found: u64, expected: u64 },
    /// The model file is truncated or damaged.
    #[error("the model file is corrupt: {0}")]
    Corrupt(String),
    /// This build carries no model.
    #[error(
        "no model is embedded in this build (data/ner/model.bin was absent when it was compiled): \
         train one with `marsad ner train --data PATH --out data/ner/model.bin` and rebuild, or pass --model PATH"
    )]
    NoEmbeddedModel,
    /// A line of CoNLL training data is malformed.
    #[error("line {line}: {message}")]
    Data { line: usize, message: String },
    /// The CoNLL input could not be read.
    #[error("reading the input")]
    Read(#[source] std::io::Error),
    /// The output could not be written (a closed pipe among others).
    #[error("writing the output")]
    Write(#[source] std::io::Error),
    /// Training was asked for something it cannot do.
    #[error("training: {0}")]
    Training(String),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            error: source,
        }
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
