//! Trains a model without building the whole `marsad` binary (the same code as `marsad ner
//! train`): `cargo run --release -p marsad-ner --example train -- DATA OUT [EPOCHS] [DEV_SPLIT] [MEMORY]`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(data), Some(out)) = (args.get(1), args.get(2)) else {
        return Err("usage: train DATA OUT [EPOCHS] [DEV_SPLIT] [MEMORY]".into());
    };
    let mut config = marsad_ner::TrainConfig::default();
    if let Some(e) = args.get(3) {
        config.epochs = e.parse()?;
    }
    if let Some(d) = args.get(4) {
        config.dev_split = d.parse()?;
    }
    if let Some(m) = args.get(5) {
        config.memory_sentences = m.parse()?;
    }
    if let Some(d) = std::env::var_os("DROPOUT") {
        config.word_dropout = d.to_string_lossy().parse()?;
    }
    if let Some(k) = std::env::var_os("MIX") {
        config.mixtures = k.to_string_lossy().parse()?;
    }
    if let Some(p) = std::env::var_os("PRUNE") {
        config.prune = p.to_string_lossy().parse()?;
    }
    if let Some(s) = std::env::var_os("SEED") {
        config.seed = s.to_string_lossy().parse()?;
    }
    if std::env::var_os("ONE_STAGE").is_some() {
        config.second_stage = false;
    }
    config.trained_on = std::path::Path::new(data)
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    let corpus = marsad_ner::read_tagged(&std::fs::read_to_string(data)?)?;
    let outcome = marsad_ner::train(&corpus.sentences, &config, |r| {
        let f1 = r.dev.as_ref().map(|d| d.micro().f1).unwrap_or(f64::NAN);
        eprintln!(
            "stage {} epoch {:2}: {} mistakes / {} tokens, dev micro-F1 {:.4}, {:.1}s",
            r.stage, r.epoch, r.mistakes, r.train_tokens, f1, r.seconds
        );
    })?;
    if let Some(d) = &outcome.dev {
        eprint!("{}", d.table());
    }
    outcome.tagger.save(out)?;
    eprintln!("wrote {out} in {:.1}s", outcome.seconds);
    Ok(())
}
