//! The lexicon files of data/events/ are valid and big enough.

use std::collections::HashSet;

use marsad_events::{EventCoder, Sources};

#[test]
fn lexicons_build_without_problems() {
    if let Err(e) = EventCoder::build(&Sources::embedded()) {
        panic!("{e}\nhelp: fix the lines named above in data/events/");
    }
}

#[test]
fn actor_table_is_valid_and_large() {
    let actors = EventCoder::embedded().actors();
    assert!(
        actors.len() >= 300,
        "data/events/actors.tsv has {} actors, want >= 300",
        actors.len()
    );
    let mut ids = HashSet::new();
    for a in actors {
        assert!(
            ids.insert(a.actor.id.clone()),
            "duplicate id {} in data/events/actors.tsv",
            a.actor.id
        );
        assert!((1..=8).contains(&a.actor.inter), "{}: inter", a.actor.id);
        if let Some(c) = &a.actor.country {
            assert!(
                c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase()),
                "{}: country {c}",
                a.actor.id
            );
        }
        assert!(!a.aliases_ar.is_empty(), "{}: no Arabic alias", a.actor.id);
        assert!(a
            .aliases_ar
            .iter()
            .chain(&a.aliases_en)
            .all(|s| !s.trim().is_empty()));
    }
    for required in [
        "sy-hts",
        "sy-sdf",
        "sy-sna",
        "isis",
        "lb-hezbollah",
        "iq-pmf",
        "ye-houthi",
        "ly-lna",
        "ps-hamas",
        "sd-rsf",
        "jnim",
        "ir-irgc",
        "unhcr",
        "unifil",
        "us-mil",
        "ru-mil",
        "il-mil",
        "tr-mil",
        "ir-mil",
    ] {
        assert!(
            ids.contains(required),
            "data/events/actors.tsv lacks {required}"
        );
    }
}

#[test]
fn bad_lexicons_report_every_problem() {
    let mut src = Sources::embedded();
    src.actors = "# c\nid\tname\tinter\tcountry\tar\ten\twikidata\na\tA\t9\tSY\tأ\tA\t\nb\tB\t1\tsyria\tب\tB\t\n";
    src.cues = "pattern\tkind\tscope\nلم\tnegation\tnowhere\n";
    // the embedded generic descriptions name actors of the embedded table
    src.generic_actors =
        "pattern\tname\tinter\tkind\nمسلحون\tUnidentified Armed Group ({country})\t3\tgeneric\n";
    // and so do the groups' adjectives
    src.group_adjectives = "kind\twords\tactor\nnoun\tعناصر\t\n";
    let err = EventCoder::build(&src).unwrap_err();
    assert_eq!(err.problems.len(), 3, "{err}");
}
