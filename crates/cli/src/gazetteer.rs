//! `marsad gazetteer import PATH... [--out PATH]`: GeoNames dumps and admin-unit tables into a
//! user gazetteer that `geocode` and `extract` layer on the embedded one.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand};

#[derive(Args)]
pub struct GazetteerArgs {
    #[command(subcommand)]
    pub command: GazetteerCommand,
}

#[derive(Subcommand)]
pub enum GazetteerCommand {
    /// Import GeoNames country dumps (XX.txt, 19 columns; admin2Codes.txt for admin2 names),
    /// Open-Syria JSON and COD-AB centroid CSV files (files or folders).
    Import(ImportArgs),
}

#[derive(Args)]
pub struct ImportArgs {
    /// Files or folders to import.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Where to write the user gazetteer (default: $MARSAD_GAZETTEER, else
    /// $XDG_DATA_HOME/marsad/gazetteer.tsv).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn run(args: GazetteerArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        GazetteerCommand::Import(a) => import(a),
    }
}

fn import(args: ImportArgs) -> anyhow::Result<ExitCode> {
    let out = match args.out {
        Some(p) => p,
        None => marsad_geo::default_user_path()
            .context("no --out and no default location (set HOME or XDG_DATA_HOME)")?,
    };
    let report = marsad_geo::import::import_paths(&args.paths)?;
    for w in &report.warnings {
        eprintln!("marsad: skipped: {w}");
    }
    for (file, n) in &report.files {
        eprintln!("marsad: {}: {n} places", file.display());
    }
    marsad_geo::import::write_places(&out, &report.records)?;
    eprintln!(
        "marsad: wrote {} places to {} ({} lines skipped)",
        report.records.len(),
        out.display(),
        report.warnings.len()
    );
    Ok(if report.records.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
