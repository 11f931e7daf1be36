//! `marsad ner`: tag CoNLL with the named-entity tagger, or train one.

use std::fs::File;
use std::io::{stdin, stdout, BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand};
use marsad_ner::{
    read_tagged, split_dev, tag_conll, train, write_tagged, Objective, Tagger, TrainConfig,
};

/// `marsad ner --conll PATH|-` tags; `marsad ner train ...` trains.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct NerArgs {
    #[command(subcommand)]
    pub command: Option<NerCommand>,
    /// CoNLL input to tag (`TOKEN` or `TOKEN TAG` per line, a blank line ends a sentence); `-`
    /// reads standard input. Writes `TOKEN TAG` lines in the same order and sentence breaks.
    #[arg(long, value_name = "PATH|-", required = true)]
    pub conll: Option<String>,
    /// A model file to use instead of the one built into `marsad`.
    #[arg(long, value_name = "PATH")]
    pub model: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum NerCommand {
    /// Train a model on CoNLL data (`TOKEN TAG`, IOB2 with PERS/LOC/ORG/MISC). Seeded and
    /// reproducible: the same data, settings and seed give the same file.
    Train(TrainArgs),
}

#[derive(Args)]
pub struct TrainArgs {
    /// Training data, e.g. ../shared/ner/anercorp-train.txt.
    #[arg(long, value_name = "PATH")]
    pub data: PathBuf,
    /// Where to write the model (the built-in one is data/ner/model.bin).
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    /// Passes over the data, per stage.
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    /// Seeds the order of sentences in each pass.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The fraction of sentences, from the end of the data, held out and scored (0 trains on
    /// everything).
    #[arg(long, default_value_t = 0.1)]
    pub dev_split: f64,
    /// Write the held-out sentences (CoNLL) here, to score them with tools/score_ner.py.
    #[arg(long, value_name = "PATH")]
    pub dev_out: Option<PathBuf>,
    /// Sentences the document memory (second stage) looks back.
    #[arg(long, default_value_t = 10)]
    pub memory: usize,
    /// Train one stage only (no document memory).
    #[arg(long)]
    pub one_stage: bool,
    /// The weight table has 2^bits rows.
    #[arg(long, default_value_t = 20)]
    pub bits: u32,
    /// The training objective: the averaged perceptron (the built-in model's) or a
    /// linear-chain CRF (L2-regularized log-likelihood, L-BFGS; slower to train).
    #[arg(long, value_enum, default_value_t = ObjectiveArg::Perceptron)]
    pub objective: ObjectiveArg,
    /// CRF only: the weight of the L2 penalty.
    #[arg(long, default_value_t = 1.0)]
    pub crf_l2: f64,
    /// CRF only: L-BFGS iterations at most.
    #[arg(long, default_value_t = 200)]
    pub crf_iterations: usize,
    /// Drop weight rows whose largest weight is below this (the perceptron's default, 0.5,
    /// is too high for a CRF's smaller weights).
    #[arg(long)]
    pub prune: Option<f32>,
}

/// `--objective`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ObjectiveArg {
    Perceptron,
    Crf,
}

pub fn run(args: NerArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        Some(NerCommand::Train(t)) => run_train(t),
        None => run_tag(args.conll.as_deref().unwrap_or("-"), args.model),
    }
}

fn run_tag(conll: &str, model: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let owned;
    let tagger: &Tagger = match &model {
        Some(path) => {
            owned = Tagger::load(path)
                .with_context(|| format!("loading the model {}", path.display()))?;
            &owned
        }
        None => Tagger::embedded().context("loading the built-in model")?,
    };
    let input: Box<dyn BufRead> = if conll == "-" {
        Box::new(stdin().lock())
    } else {
        let file = File::open(conll).with_context(|| format!("opening {conll}"))?;
        Box::new(BufReader::new(file))
    };
    let out = BufWriter::new(stdout().lock());
    let source = if conll == "-" {
        "standard input"
    } else {
        conll
    };
    tag_conll(tagger, input, out).with_context(|| format!("tagging {source}"))?;
    Ok(ExitCode::SUCCESS)
}

fn run_train(args: TrainArgs) -> anyhow::Result<ExitCode> {
    let text = std::fs::read_to_string(&args.data)
        .with_context(|| format!("reading {}", args.data.display()))?;
    let corpus = read_tagged(&text).with_context(|| format!("reading {}", args.data.display()))?;
    let config = TrainConfig {
        epochs: args.epochs,
        seed: args.seed,
        dev_split: args.dev_split,
        bucket_bits: args.bits,
        second_stage: !args.one_stage,
        memory_sentences: args.memory,
        objective: match args.objective {
            ObjectiveArg::Perceptron => Objective::Perceptron,
            ObjectiveArg::Crf => Objective::Crf,
        },
        crf_l2: args.crf_l2,
        crf_iterations: args.crf_iterations,
        prune: args.prune.unwrap_or(match args.objective {
            ObjectiveArg::Perceptron => TrainConfig::default().prune,
            ObjectiveArg::Crf => 0.0,
        }),
        trained_on: args
            .data
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default(),
        ..TrainConfig::default()
    };
    eprintln!(
        "{} sentences, {} tokens ({} I- tags that opened an entity read as B-)",
        corpus.sentences.len(),
        corpus.tokens(),
        corpus.repaired_tags
    );
    if let Some(path) = &args.dev_out {
        let (_, dev) = split_dev(&corpus.sentences, args.dev_split);
        let mut w = BufWriter::new(
            File::create(path).with_context(|| format!("creating {}", path.display()))?,
        );
        write_tagged(dev, &mut w)
            .and_then(|()| w.flush())
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let crf = config.objective == Objective::Crf;
    let outcome = train(&corpus.sentences, &config, |r| {
        if crf {
            // a CRF reports its L-BFGS iterations, which make no mistakes to count
            eprintln!(
                "stage {} iteration {:3} ({:.1}s)",
                r.stage, r.epoch, r.seconds
            );
            return;
        }
        let dev = r
            .dev
            .as_ref()
            .map(|d| format!(", dev micro-F1 {:.4}", d.micro().f1))
            .unwrap_or_default();
        eprintln!(
            "stage {} epoch {:2}: {} mistakes in {} tokens{dev} ({:.1}s)",
            r.stage, r.epoch, r.mistakes, r.train_tokens, r.seconds
        );
    })?;
    if let Some(dev) = &outcome.dev {
        eprintln!("development split ({} sentences):", outcome.dev_sentences);
        eprint!("{}", dev.table());
    }
    outcome
        .tagger
        .save(&args.out)
        .with_context(|| format!("writing {}", args.out.display()))?;
    let size = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "trained on {} sentences in {:.1}s; wrote {} ({:.1} MB)",
        outcome.train_sentences,
        outcome.seconds,
        args.out.display(),
        size as f64 / 1e6
    );
    Ok(ExitCode::SUCCESS)
}
