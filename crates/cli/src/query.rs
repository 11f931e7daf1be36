//! `marsad search` and `marsad events`: reading the store.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use marsad_store::{EventFilter, SearchQuery, Store};

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SearchFormat {
    Table,
    Json,
    Jsonl,
}

#[derive(Args)]
pub struct SearchArgs {
    /// Words to find (every word must match; spelling variants and clitics are folded).
    pub query: String,
    #[arg(long)]
    pub db: Option<String>,
    /// Published on or after this day (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    /// Published on or before this day (YYYY-MM-DD).
    #[arg(long)]
    pub until: Option<String>,
    /// Documents that name a place in this country (ISO2).
    #[arg(long)]
    pub country: Option<String>,
    /// Documents reporting an event of this type (ACLED type or sub-type, or PLOVER type).
    #[arg(long = "type")]
    pub event_type: Option<String>,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long, value_enum, default_value = "table")]
    pub format: SearchFormat,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum EventsFormat {
    Csv,
    Jsonl,
    Geojson,
}

#[derive(Args)]
pub struct EventsArgs {
    #[arg(long)]
    pub db: Option<String>,
    /// Events on or after this day (YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    /// Events on or before this day (YYYY-MM-DD).
    #[arg(long)]
    pub until: Option<String>,
    /// ISO2 code or English name.
    #[arg(long)]
    pub country: Option<String>,
    #[arg(long)]
    pub admin1: Option<String>,
    /// ACLED event type or sub-event type, or PLOVER event type.
    #[arg(long = "type")]
    pub event_type: Option<String>,
    /// Part of an actor's name (English or Arabic) or id.
    #[arg(long)]
    pub actor: Option<String>,
    /// Include background events (dated more than a week before their report).
    #[arg(long)]
    pub include_background: bool,
    /// Only events of at least this confidence (0 to 1); 0.4 leaves out the events the coder's
    /// learned filter doubts.
    #[arg(long)]
    pub min_confidence: Option<f64>,
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: EventsFormat,
    /// The most sources listed per event (default 50; `n_sources` counts them all).
    #[arg(long)]
    pub max_sources: Option<usize>,
}

fn open(db: Option<&str>) -> anyhow::Result<Store> {
    let path = marsad_store::default_path(db);
    if !std::path::Path::new(&path).exists() {
        anyhow::bail!(
            "there is no store at {path}; create one with `marsad ingest PATH --db {path}`"
        );
    }
    Store::open_read_only(&path).with_context(|| format!("cannot open the store {path}"))
}

pub fn search(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let store = open(args.db.as_deref())?;
    let hits = store.search(&SearchQuery {
        text: args.query,
        since: args.since,
        until: args.until,
        country: args.country,
        event_type: args.event_type,
        limit: args.limit,
    })?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.format {
        SearchFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &hits)?;
            writeln!(out)?;
        }
        SearchFormat::Jsonl => {
            for h in &hits {
                serde_json::to_writer(&mut out, h)?;
                writeln!(out)?;
            }
        }
        SearchFormat::Table => {
            for h in &hits {
                let mut snippet = String::new();
                let chars: Vec<char> = h.snippet.chars().collect();
                let mut pos = 0;
                for s in &h.snippet_highlights {
                    snippet.extend(&chars[pos..s.start]);
                    snippet.push('[');
                    snippet.extend(&chars[s.start..s.end]);
                    snippet.push(']');
                    pos = s.end;
                }
                snippet.extend(&chars[pos..]);
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\n\t{}",
                    h.document,
                    h.published.as_deref().unwrap_or("-"),
                    h.source.as_deref().unwrap_or("-"),
                    h.title.as_deref().unwrap_or(&h.doc_id),
                    snippet
                )?;
            }
            if hits.is_empty() {
                eprintln!("no document matches");
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn events(args: EventsArgs) -> anyhow::Result<ExitCode> {
    let store = open(args.db.as_deref())?;
    let events = store.events(&EventFilter {
        since: args.since,
        until: args.until,
        country: args.country,
        admin1: args.admin1,
        event_type: args.event_type,
        actor: args.actor,
        include_background: args.include_background,
        min_confidence: args.min_confidence,
        limit: args.limit,
        offset: 0,
        max_sources: args.max_sources,
    })?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    match args.format {
        EventsFormat::Csv => marsad_store::write_csv(&mut out, &events)?,
        EventsFormat::Jsonl => marsad_store::write_jsonl(&mut out, &events)?,
        EventsFormat::Geojson => marsad_store::write_geojson(&mut out, &events)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
