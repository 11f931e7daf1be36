//! `marsad serve`: the HTTP API and the web map over a store.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

#[derive(Args)]
pub struct ServeArgs {
    #[arg(long)]
    pub db: Option<String>,
    /// Address to listen on; the default answers this machine only.
    #[arg(long, default_value = marsad_server::DEFAULT_ADDR)]
    pub addr: SocketAddr,
    /// Require `Authorization: Bearer TOKEN` on POST requests (default: env MARSAD_TOKEN).
    #[arg(long)]
    pub token: Option<String>,
    /// Allow this one origin to call the API from its pages (CORS is off by default).
    #[arg(long, value_name = "ORIGIN")]
    pub cors: Option<String>,
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let path = marsad_store::default_path(args.db.as_deref());
    if !std::path::Path::new(&path).exists() {
        anyhow::bail!("no database at {path}; create one with `marsad ingest PATH --db {path}`");
    }
    let mut config = marsad_server::Config::new(&path);
    config.addr = args.addr;
    config.token = args
        .token
        .or_else(|| std::env::var(marsad_server::TOKEN_ENV).ok())
        .filter(|t| !t.is_empty());
    config.cors = args.cors;
    marsad_server::run(config).with_context(|| format!("serving {path}"))?;
    Ok(ExitCode::SUCCESS)
}
