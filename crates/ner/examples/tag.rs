//! Tags CoNLL from standard input with a model file (the same code as `marsad ner --conll -
//! --model PATH`): `cargo run --release -p marsad-ner --example tag -- MODEL < in.conll`.

use std::io::{stdin, stdout, BufWriter};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: tag MODEL < in.conll")?;
    let tagger = marsad_ner::Tagger::load(path)?;
    marsad_ner::tag_conll(&tagger, stdin().lock(), BufWriter::new(stdout().lock()))?;
    Ok(())
}
