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
    let store = Store::open(&path).with_context(|| format!("cannot open the store {path}"))?;
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
    // the writer commits one batch while the workers code the next
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<DocumentResult>>(2);
    let writer = std::thread::spawn(move || -> anyhow::Result<(Store, IngestReport)> {
        let mut store = store;
        let mut total = IngestReport::default();
        for batch in rx {
            total.add(&store.ingest(&batch)?);
        }
        Ok((store, total))
    });
    let known = Store::open_read_only(&path).ok();
    let mut skipped_known_urls = 0usize;
    let mut failed_so_far = 0usize;
    loop {
        let chunk: Vec<Input> = inputs.by_ref().take(args.batch.max(1)).collect();
        if chunk.is_empty() {
            break;
        }
        let n = chunk.len();
        // documents whose URL is stored already need no processing
        let mut todo = Vec::with_capacity(n);
        for i in chunk {
            let is_known = match (&i, &known) {
                (Input::Doc(d), Some(k)) => match d.url.as_deref() {
                    Some(u) => k.contains_url(u)?,
                    None => false,
                },
                _ => false,
            };
            if is_known {
                skipped_known_urls += 1;
            } else {
                todo.push(i);
            }
        }
        let results: Vec<DocumentResult> =
            pool.install(|| todo.par_iter().map(|i| pipeline.process_input(i)).collect());
        failed_so_far += results.iter().filter(|r| r.error.is_some()).count();
        if tx.send(results).is_err() {
            break; // the writer stopped on an error: it is reported below
        }
        bar.inc(n as u64);
        bar.set_message(format!(
            "{skipped_known_urls} already stored, {failed_so_far} failed"
        ));
    }
    drop(tx);
    let (store, mut total) = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the store writer panicked"))??;
    drop(store);
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
