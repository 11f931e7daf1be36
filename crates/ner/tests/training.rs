//! Training: reproducible, and learning something real from ANERcorp (read from ../shared,
//! skipped with a reason when it is absent).

use marsad_ner::{read_tagged, train, Objective, Tagger, TrainConfig};

fn toy() -> String {
    let mut s = String::new();
    for (name, place) in [
        ("محمد", "القاهرة"),
        ("أحمد", "دمشق"),
        ("علي", "بغداد"),
        ("سعيد", "عمان"),
    ] {
        s.push_str(&format!(
            "قال O\nالرئيس O\n{name} B-PERS\nحسن I-PERS\nفي O\n{place} B-LOC\n. O\n\n"
        ));
        s.push_str(&format!(
            "زار O\n{place} B-LOC\nوفد O\nمن O\nحزب B-ORG\nالعمل I-ORG\n. O\n\n"
        ));
    }
    s
}

#[test]
fn training_is_reproducible_and_round_trips() {
    let corpus = read_tagged(&toy()).unwrap();
    let config = TrainConfig {
        epochs: 3,
        bucket_bits: 14,
        dev_split: 0.0,
        folds: 2,
        ..TrainConfig::default()
    };
    let a = train(&corpus.sentences, &config, |_| {}).unwrap();
    let b = train(&corpus.sentences, &config, |_| {}).unwrap();
    let bytes = a.tagger.to_bytes();
    assert_eq!(
        bytes,
        b.tagger.to_bytes(),
        "same data, settings and seed: same model"
    );
    let back = Tagger::from_bytes(&bytes).unwrap();
    let tokens = ["قال", "الرئيس", "محمد", "حسن", "في", "دمشق", "."];
    assert_eq!(back.tag(&tokens), a.tagger.tag(&tokens));
}

#[test]
fn crf_training_is_reproducible_and_learns_the_toy_data() {
    let corpus = read_tagged(&toy()).unwrap();
    let config = TrainConfig {
        objective: Objective::Crf,
        crf_l2: 0.1,
        crf_iterations: 60,
        bucket_bits: 14,
        dev_split: 0.0,
        folds: 2,
        prune: 0.0,
        ..TrainConfig::default()
    };
    let a = train(&corpus.sentences, &config, |_| {}).unwrap();
    let b = train(&corpus.sentences, &config, |_| {}).unwrap();
    let bytes = a.tagger.to_bytes();
    assert_eq!(bytes, b.tagger.to_bytes(), "the CRF fit is deterministic");
    let back = Tagger::from_bytes(&bytes).unwrap();
    // a training sentence comes back as it was tagged
    let tokens = ["زار", "دمشق", "وفد", "من", "حزب", "العمل", "."];
    let tags: Vec<String> = back.tag(&tokens).iter().map(|t| t.to_string()).collect();
    assert_eq!(tags, ["O", "B-LOC", "O", "O", "B-ORG", "I-ORG", "O"]);
}

#[test]
fn bad_settings_are_errors() {
    let corpus = read_tagged(&toy()).unwrap();
    for config in [
        TrainConfig {
            epochs: 0,
            ..TrainConfig::default()
        },
        TrainConfig {
            bucket_bits: 40,
            ..TrainConfig::default()
        },
        TrainConfig {
            dev_split: 1.5,
            ..TrainConfig::default()
        },
    ] {
        assert!(
            train(&corpus.sentences, &config, |_| {}).is_err(),
            "{config:?}"
        );
    }
    assert!(train(&[], &TrainConfig::default(), |_| {}).is_err());
}

#[test]
fn learns_from_anercorp() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/ner/anercorp-train.txt"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        println!("skipped: {path} is absent (the shared data sits beside the workspace)");
        return;
    };
    let corpus = read_tagged(&text).unwrap();
    assert!(corpus.sentences.len() > 3_900, "{}", corpus.sentences.len());
    // a quick one-stage run (the committed model uses 12 epochs and two stages)
    let config = TrainConfig {
        epochs: 2,
        second_stage: false,
        bucket_bits: 18,
        mixtures: 1,
        ..TrainConfig::default()
    };
    let outcome = train(&corpus.sentences, &config, |_| {}).unwrap();
    let dev = outcome.dev.expect("a development split");
    println!("{}", dev.table());
    assert!(dev.micro().f1 > 0.5, "{}", dev.table());
}
