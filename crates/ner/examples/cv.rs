//! One fold of the held-out protocol used to choose features and settings without touching the
//! development split: the first (1 - DEV_SPLIT) of DATA is cut into 5 contiguous folds, a model
//! is trained on four and scored on FOLD. `cargo run --release -p marsad-ner --example cv --
//! DATA FOLD [EPOCHS] [DEV_SPLIT]`; prints `fold F micro P R F1` and the per-type table.
//! Settings from the environment: SEED, MIX, PRUNE, MARGIN, PA_CAP, O_PEN, DROPOUT, CRF=L2
//! (the CRF objective with that L2 weight), CRF_ITER, O_SWEEP=0.5,1,... (the trained model
//! scored again with O lowered by each amount).

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(data), Some(fold)) = (args.get(1), args.get(2)) else {
        return Err("usage: cv DATA FOLD [EPOCHS] [DEV_SPLIT]".into());
    };
    let fold: usize = fold.parse()?;
    let mut config = marsad_ner::TrainConfig {
        dev_split: 0.0,
        ..Default::default()
    };
    if let Some(e) = args.get(3) {
        config.epochs = e.parse()?;
    }
    let dev_split: f64 = args.get(4).map_or(Ok(0.1), |d| d.parse())?;
    if let Some(s) = std::env::var_os("SEED") {
        config.seed = s.to_string_lossy().parse()?;
    }
    if let Some(m) = std::env::var_os("MARGIN") {
        config.margin = m.to_string_lossy().parse()?;
    }
    if let Some(c) = std::env::var_os("PA_CAP") {
        config.pa_cap = Some(c.to_string_lossy().parse()?);
    }
    if let Some(o) = std::env::var_os("O_PEN") {
        config.outside_penalty = o.to_string_lossy().parse()?;
    }
    if let Some(k) = std::env::var_os("MIX") {
        config.mixtures = k.to_string_lossy().parse()?;
    }
    if let Some(k) = std::env::var_os("PRUNE") {
        config.prune = k.to_string_lossy().parse()?;
    }
    if let Some(d) = std::env::var_os("DROPOUT") {
        config.word_dropout = d.to_string_lossy().parse()?;
    }
    if let Some(l2) = std::env::var_os("CRF") {
        config.objective = marsad_ner::Objective::Crf;
        config.crf_l2 = l2.to_string_lossy().parse()?;
    }
    if let Some(k) = std::env::var_os("CRF_ITER") {
        config.crf_iterations = k.to_string_lossy().parse()?;
    }
    let corpus = marsad_ner::read_tagged(&std::fs::read_to_string(data)?)?;
    let (part, _) = marsad_ner::split_dev(&corpus.sentences, dev_split);
    let n = part.len();
    let (mut train, mut held) = (Vec::new(), Vec::new());
    for (i, s) in part.iter().enumerate() {
        if i * 5 / n == fold {
            held.push(s.clone());
        } else {
            train.push(s.clone());
        }
    }
    let outcome = marsad_ner::train(&train, &config, |_| {})?;
    let scores = marsad_ner::evaluate(&outcome.tagger, &held);
    let m = scores.micro();
    println!(
        "fold {fold} micro {:.4} {:.4} {:.4} ({:.0}s, {} rows)",
        m.precision,
        m.recall,
        m.f1,
        outcome.seconds,
        outcome.tagger.rows()
    );
    eprint!("{}", scores.table());
    // O_SWEEP=0.5,1,2: the same model with O scored lower by each amount
    if let Some(list) = std::env::var_os("O_SWEEP") {
        for p in list.to_string_lossy().split(',') {
            let penalty: f32 = p.parse()?;
            let tagger = outcome.tagger.with_outside_penalty(penalty);
            let m = marsad_ner::evaluate(&tagger, &held).micro();
            println!(
                "fold {fold} o-penalty {penalty} micro {:.4} {:.4} {:.4}",
                m.precision, m.recall, m.f1
            );
        }
    }
    Ok(())
}
