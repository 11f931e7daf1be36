//! The `marsad` binary: parses arguments, wires the library, prints results.

mod extract;
mod gazetteer;
mod geocode;
mod ingest;
mod ner;
mod query;
mod serve;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

const EXAMPLES: &str = "\
Examples:
  marsad extract fixtures/seed-like/input.txt --published 2021-06-29T16:03:00+03:00
  marsad extract news/ --format jsonl --jobs 2 > results.jsonl
  cat articles.jsonl | marsad extract --input jsonl --format jsonl
  marsad ingest news/ --db news.db && marsad search البوكمال --db news.db
  marsad events --db news.db --country SY --since 2021-06-01 --format csv > events.csv
  marsad ner --conll tokens.txt > tagged.txt
  marsad serve --db news.db   # then open http://127.0.0.1:8080/";

#[derive(Parser)]
#[command(name = "marsad", version, about = "Marsad (مرصد): Arabic news in, coded conflict and political events out",
    after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract articles, entities and events from documents (files, folders, or standard input).
    Extract(extract::ExtractArgs),
    /// Run the pipeline over documents and store the results (idempotent: stored documents are skipped).
    Ingest(ingest::IngestArgs),
    /// Full-text search over the stored articles.
    Search(query::SearchArgs),
    /// Export stored events: CSV in ACLED's columns, JSON Lines or GeoJSON.
    Events(query::EventsArgs),
    /// Tag named entities in CoNLL (`--conll PATH|-`), or train the tagger (`ner train`).
    Ner(ner::NerArgs),
    /// Place candidates for a name, best first, as JSON (place data: GeoNames, CC BY 4.0).
    Geocode(geocode::GeocodeArgs),
    /// Build a user gazetteer from GeoNames dumps and admin-unit tables (`gazetteer import`).
    Gazetteer(gazetteer::GazetteerArgs),
    /// Serve the HTTP API and the web map over a store (127.0.0.1:8080 by default).
    Serve(serve::ServeArgs),
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("MARSAD_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let long_version: &'static str =
        Box::leak(format!("{}\n{}", env!("CARGO_PKG_VERSION"), marsad::about()).into_boxed_str());
    let matches = Cli::command().long_version(long_version).get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let outcome = match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Search(args) => query::search(args),
        Command::Events(args) => query::events(args),
        Command::Ner(args) => ner::run(args),
        Command::Geocode(args) => geocode::run(args),
        Command::Gazetteer(args) => gazetteer::run(args),
        Command::Serve(args) => serve::run(args),
    };
    match outcome {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "marsad: {err}");
            for cause in err.chain().skip(1) {
                let _ = writeln!(stderr, "  caused by: {cause}");
            }
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
