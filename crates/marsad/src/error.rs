/// Why a pipeline could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A resource the options name (a gazetteer, a model) could not be loaded.
    #[error("cannot load {what}: {reason}")]
    Resource { what: String, reason: String },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
