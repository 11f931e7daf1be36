//! `marsad ingest`: the whole pipeline over inputs, into the store.

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use marsad::extract::inputs::{read_inputs, Input, InputOptions};
use marsad::{DocumentResult, Pipeline};
use marsad_store::{IngestReport, Store};
use rayon::prelude::*;

use crate::extract::{InputArg, PipelineArgs};

#[derive(Args)]
pub struct IngestArgs {
    /// Files or folders (read recursively); `-` or nothing reads standard input.
    pub paths: Vec<String>,
    #[arg(long, value_enum, default_value = "auto")]
    pub input: InputArg,
    /// The database (default: $MARSAD_DB, else ./marsad.db).
    #[arg(long)]
    pub db: Option<String>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Documents written per transaction.
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
    /// List the documents that failed, with their reasons, and exit.
    #[arg(long)]
    pub errors: bool,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}

pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let path = marsad_store::default_path(args.db.as_deref());
    let mut store = Store::open(&path).with_context(|| format!("cannot open the store {path}"))?;
    if args.errors {
        for (id, reason) in store.errors()? {
            println!("{id}\t{reason}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let pipeline =
        Pipeline::with_options(args.pipeline.options()?).context("cannot build the pipeline")?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()?;
    let mut inputs = read_inputs(
        &args.paths,
        InputOptions {
            kind: args.input.kind(),
            ..Default::default()
        },
    );
    let bar = if std::io::stderr().is_terminal() {
        let b = ProgressBar::new_spinner();
        b.set_style(
            ProgressStyle::with_template("{spinner} {pos} documents, {per_sec} | {msg}").unwrap(),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let mut total = IngestReport::default();
    let mut skipped_known_urls = 0usize;
    loop {
        let chunk: Vec<Input> = inputs.by_ref().take(args.batch.max(1)).collect();
        if chunk.is_empty() {
            break;
        }
        let n = chunk.len();
        // documents whose URL is stored already need no processing
        let mut todo = Vec::with_capacity(n);
        for i in chunk {
            let known = match &i {
                Input::Doc(d) => d
                    .url
                    .as_deref()
                    .map(|u| store.contains_url(u))
                    .transpose()?
                    .unwrap_or(false),
                Input::Failed { .. } => false,
            };
            if known {
                skipped_known_urls += 1;
            } else {
                todo.push(i);
            }
        }
        let results: Vec<DocumentResult> =
            pool.install(|| todo.par_iter().map(|i| pipeline.process_input(i)).collect());
        let report = store.ingest(&results)?;
        total.add(&report);
        bar.inc(n as u64);
        bar.set_message(format!(
            "{} new, {} already stored, {} failed",
            total.added,
            total.duplicates + skipped_known_urls,
            total.failed
        ));
    }
    bar.finish_and_clear();
    total.duplicates += skipped_known_urls;
    eprintln!(
        "marsad ingest: {} documents added ({} near-duplicates grouped), {} already stored, {} failed; \
         {} events new, {} merged into stored events; store {}",
        total.added, total.near_duplicates, total.duplicates, total.failed, total.events_new, total.events_merged, path
    );
    if total.added == 0 && total.failed == 0 && total.duplicates > 0 {
        eprintln!("marsad ingest: nothing changed: every document was already stored");
    }
    if total.failed > 0 {
        eprintln!("marsad ingest: see the failures with `marsad ingest --errors --db {path}`");
    }
    Ok(ExitCode::SUCCESS)
}
