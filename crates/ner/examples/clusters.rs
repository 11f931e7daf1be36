//! Learns the word clusters of data/ner/clusters.tsv from unlabelled Arabic text:
//! `cargo run --release -p marsad-ner --example clusters -- NEWS.jsonl ANERCORP.txt DEV_SPLIT OUT [TOP [FOLD]]`.
//! TOP keeps the TOP most frequent words (default 8000); FOLD (0-4) also leaves out that fifth
//! of the training part, for cross-validation.
//! The text is the articles of NEWS.jsonl (title and text) and the tokens of the tagged file
//! without its last DEV_SPLIT of sentences (the development split stays unseen); the output is
//! `key<TAB>class32<TAB>class128<TAB>class512` per word, most frequent first. Deterministic.

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(news), Some(tagged), Some(split), Some(out)) =
        (args.get(1), args.get(2), args.get(3), args.get(4))
    else {
        return Err("usage: clusters NEWS.jsonl ANERCORP.txt DEV_SPLIT OUT [TOP [FOLD]]".into());
    };
    let top: usize = args.get(5).map_or(Ok(8000), |t| t.parse())?;
    let fold: Option<usize> = args.get(6).map(|f| f.parse()).transpose()?;
    let mut sentences: Vec<Vec<String>> = Vec::new();
    for line in std::fs::read_to_string(news)?.lines() {
        let doc: serde_json::Value = serde_json::from_str(line)?;
        for field in ["title", "text"] {
            let text = doc[field].as_str().unwrap_or("");
            for span in marsad_arabic::sentences(text) {
                let sentence = &text[span.start..span.end];
                let words: Vec<String> = marsad_arabic::tokenize(sentence)
                    .iter()
                    .map(|t| marsad_arabic::key(t.text(sentence)))
                    .filter(|k| !k.is_empty())
                    .collect();
                if !words.is_empty() {
                    sentences.push(words);
                }
            }
        }
    }
    let n_news = sentences.len();
    let corpus = marsad_ner::read_tagged(&std::fs::read_to_string(tagged)?)?;
    let (train, _) = marsad_ner::split_dev(&corpus.sentences, split.parse()?);
    let n = train.len();
    for (i, s) in train.iter().enumerate() {
        if fold.is_some_and(|k| i * 5 / n == k) {
            continue;
        }
        sentences.push(s.tokens.iter().map(|t| marsad_arabic::key(t)).collect());
    }
    let clock = std::time::Instant::now();
    let clusters = marsad_ner::learn_clusters(&sentences, 15);
    let mut f = std::io::BufWriter::new(std::fs::File::create(out)?);
    writeln!(
        f,
        "# Word clusters for marsad-ner, learned by crates/ner/examples/clusters.rs (exchange \
algorithm, {:?} classes)\n# from {} sentences of ../shared/corpus/news-dev.jsonl and {} training \
sentences of ANERcorp (its last {} held out), the {} most frequent words.\n# Columns: word key, class at each size. Derived data: \
no text is kept, only word keys and class numbers.",
        marsad_ner::CLUSTER_SIZES,
        n_news,
        train.len(),
        split,
        top
    )?;
    for (w, _, c) in clusters.iter().take(top) {
        writeln!(f, "{w}\t{}\t{}\t{}", c[0], c[1], c[2])?;
    }
    eprintln!(
        "{} words in {:.1}s",
        clusters.len(),
        clock.elapsed().as_secs_f64()
    );
    Ok(())
}
