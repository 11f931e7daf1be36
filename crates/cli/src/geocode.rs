//! `marsad geocode NAME [--country ISO2] [--limit N]`: Place candidates as a JSON array.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

#[derive(Args)]
pub struct GeocodeArgs {
    /// A place name in Arabic (any spelling: «البو كمال», «بالبوكمال») or English.
    pub name: String,
    /// Keep only places of this country (ISO 3166-1 alpha-2).
    #[arg(long)]
    pub country: Option<String>,
    /// At most this many candidates.
    #[arg(long, default_value_t = 5)]
    pub limit: usize,
    /// A user gazetteer to layer on the embedded one (default: $MARSAD_GAZETTEER, else
    /// $XDG_DATA_HOME/marsad/gazetteer.tsv when it exists).
    #[arg(long)]
    pub gazetteer: Option<PathBuf>,
}

pub fn run(args: GeocodeArgs) -> anyhow::Result<ExitCode> {
    let g =
        marsad_geo::Gazetteer::open(args.gazetteer.as_deref()).context("loading the gazetteer")?;
    for w in g.warnings() {
        eprintln!("marsad: gazetteer: {w}");
    }
    let places = g.geocode(&args.name, args.country.as_deref(), args.limit);
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &places)?;
    std::io::Write::write_all(&mut out, b"\n")?;
    Ok(ExitCode::SUCCESS)
}
