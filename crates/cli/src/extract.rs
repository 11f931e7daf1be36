//! `marsad extract`.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use marsad::extract::inputs::{read_inputs, Input, InputOptions};
use marsad::{DocumentResult, InputKind, Pipeline, PipelineOptions};
use rayon::prelude::*;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum InputArg {
    Auto,
    Text,
    Html,
    Warc,
    Jsonl,
}

impl InputArg {
    /// The input kind, or `None` for `auto` (decided per file).
    pub fn kind(self) -> Option<InputKind> {
        match self {
            InputArg::Auto => None,
            InputArg::Text => Some(InputKind::Text),
            InputArg::Html => Some(InputKind::Html),
            InputArg::Warc => Some(InputKind::Warc),
            InputArg::Jsonl => Some(InputKind::Jsonl),
        }
    }
}

/// The options every command that runs the pipeline shares.
#[derive(Args)]
pub struct PipelineArgs {
    /// Publication time (RFC 3339 or YYYY-MM-DD) for documents that do not carry one: the anchor
    /// of «أمس», «الشهر الماضي» and the like.
    #[arg(long)]
    pub published: Option<String>,
    /// Source (outlet) name for documents that do not carry one.
    #[arg(long)]
    pub source: Option<String>,
    /// URL for documents that do not carry one.
    #[arg(long)]
    pub url: Option<String>,
    /// A user gazetteer (from `marsad gazetteer import`) used on top of the embedded one
    /// (default: the file at $XDG_DATA_HOME/marsad/gazetteer.tsv when it exists).
    #[arg(long)]
    pub gazetteer: Option<std::path::PathBuf>,
    /// Skip the learned named-entity tagger (faster; persons then come from titles only).
    #[arg(long)]
    pub no_ner: bool,
}

impl PipelineArgs {
    pub fn options(&self) -> anyhow::Result<PipelineOptions> {
        if let Some(p) = &self.published {
            if marsad::parse_published(p).is_none() {
                anyhow::bail!(
                    "--published {p:?} is neither RFC 3339 (2021-06-29T16:03:00+03:00) nor YYYY-MM-DD"
                );
            }
        }
        Ok(PipelineOptions {
            published: self.published.clone(),
            source: self.source.clone(),
            url: self.url.clone(),
            gazetteer: self.gazetteer.clone(),
            no_ner: self.no_ner,
        })
    }
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum FormatArg {
    /// One pretty object for one document, an array for several.
    Json,
    /// One result per line, in input order.
    Jsonl,
}

#[derive(Args)]
pub struct ExtractArgs {
    /// Files or folders (read recursively); `-` or nothing reads standard input.
    pub paths: Vec<String>,
    /// How to read the inputs; `auto` decides per file by its extension.
    #[arg(long, value_enum, default_value = "auto")]
    pub input: InputArg,
    #[arg(long, value_enum, default_value = "json")]
    pub format: FormatArg,
    /// Worker threads that code documents (default: all cores); reading and writing have a
    /// thread each beside them. Output order stays input order.
    #[arg(long)]
    pub jobs: Option<usize>,
    /// The most bytes read from one document.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_bytes: u64,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
}

/// Documents handed to the workers at a time, per worker: enough to keep every core busy to the
/// end of a chunk, few enough that reading, coding and writing overlap even on a short input
/// (and that memory stays flat on a large folder).
const CHUNK_PER_WORKER: usize = 64;

/// Reads, codes and writes on three stages that overlap: one thread reads the next chunk of
/// documents while the workers code this one and another thread writes the previous one's
/// results (and the reader starts while the pipeline is still loading). At most one chunk
/// waits between two stages, so memory stays bounded; output order is input order.
pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let options = args.pipeline.options()?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .context("cannot start the worker threads")?;
    let chunk_size = CHUNK_PER_WORKER * pool.current_num_threads().max(1);
    let mut inputs = read_inputs(
        &args.paths,
        InputOptions {
            kind: args.input.kind(),
            max_bytes: args.max_bytes,
        },
    );
    let format = args.format;
    let (chunks_tx, chunks_rx) = std::sync::mpsc::sync_channel::<Vec<Input>>(1);
    let (results_tx, results_rx) = std::sync::mpsc::sync_channel::<Vec<DocumentResult>>(1);
    // from standard input, the pipeline loads first: a reader waiting on a terminal would
    // otherwise hold back the message of a pipeline that cannot load
    let reads_stdin = args.paths.is_empty() || args.paths.iter().any(|p| p == "-");
    let mut loaded = None;
    if reads_stdin {
        loaded =
            Some(Pipeline::with_options(options.clone()).context("cannot build the pipeline")?);
    }
    let printer = std::thread::scope(|scope| -> anyhow::Result<Printer> {
        scope.spawn(move || loop {
            let chunk: Vec<Input> = inputs.by_ref().take(chunk_size).collect();
            // a closed channel: the run stopped early (an error is on its way to the user)
            if chunk.is_empty() || chunks_tx.send(chunk).is_err() {
                break;
            }
        });
        // built while the reader reads; nothing is written when it fails
        let pipeline = match loaded {
            Some(p) => p,
            None => Pipeline::with_options(options).context("cannot build the pipeline")?,
        };
        let writer = scope.spawn(move || -> anyhow::Result<Printer> {
            let stdout = std::io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            let mut printer = Printer::new(format);
            for results in results_rx {
                for r in results {
                    printer.print(&mut out, r)?;
                }
            }
            printer.finish(&mut out)?;
            out.flush()?;
            Ok(printer)
        });
        for chunk in chunks_rx {
            let results: Vec<DocumentResult> = pool.install(|| {
                chunk
                    .par_iter()
                    .map(|i| pipeline.process_input(i))
                    .collect()
            });
            if results_tx.send(results).is_err() {
                break; // the writer stopped on an error: it says which
            }
        }
        drop(results_tx); // the writer finishes
        writer
            .join()
            .map_err(|_| anyhow::anyhow!("the output thread panicked"))?
    })?;
    let (total, failed) = (printer.total, printer.failed);
    if failed > 0 {
        eprintln!("marsad: {failed} of {total} documents failed (see their \"error\" fields)");
    }
    Ok(if total > 0 && failed == total {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Prints results as they come: JSON Lines at once; JSON holds the first result back until it
/// knows whether there is a second (one object, or an array).
struct Printer {
    format: FormatArg,
    first: Option<DocumentResult>,
    total: usize,
    failed: usize,
}

impl Printer {
    fn new(format: FormatArg) -> Self {
        Printer {
            format,
            first: None,
            total: 0,
            failed: 0,
        }
    }

    fn print(&mut self, out: &mut impl Write, r: DocumentResult) -> anyhow::Result<()> {
        self.total += 1;
        if r.error.is_some() {
            self.failed += 1;
        }
        match self.format {
            FormatArg::Jsonl => {
                serde_json::to_writer(&mut *out, &r)?;
                out.write_all(b"\n")?;
            }
            FormatArg::Json => {
                if self.total == 1 {
                    self.first = Some(r);
                } else {
                    if let Some(first) = self.first.take() {
                        out.write_all(b"[\n")?;
                        serde_json::to_writer_pretty(&mut *out, &first)?;
                    }
                    out.write_all(b",\n")?;
                    serde_json::to_writer_pretty(&mut *out, &r)?;
                }
            }
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut impl Write) -> anyhow::Result<()> {
        if self.format == FormatArg::Json {
            if let Some(first) = self.first.take() {
                serde_json::to_writer_pretty(&mut *out, &first)?;
                out.write_all(b"\n")?;
            } else if self.total == 0 {
                out.write_all(b"[]\n")?;
            } else {
                out.write_all(b"\n]\n")?;
            }
        }
        Ok(())
    }
}
