pub mod fixtures;
pub mod http;
