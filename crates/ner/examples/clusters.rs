//! Learns the word clusters of data/ner/clusters.tsv from unlabelled Arabic text:
//! `cargo run --release -p marsad-ner --example clusters -- NEWS.jsonl[,MORE.csv...] ANERCORP.txt DEV_SPLIT OUT [TOP [FOLD]]`.
//! TOP keeps the TOP most frequent words (default 8000); FOLD (0-4) also leaves out that fifth
//! of the training part, for cross-validation.
//! The text is the articles of NEWS.jsonl (title and text), the `text` column of any further
//! comma-separated `.csv` files (e.g. the event sentences), and the tokens of the tagged file
//! without its last DEV_SPLIT of sentences (the development split stays unseen); the output is
//! `key<TAB>class32<TAB>class128<TAB>class512` per word, most frequent first. Deterministic.

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(news), Some(tagged), Some(split), Some(out)) =
        (args.get(1), args.get(2), args.get(3), args.get(4))
    else {
        return Err(
            "usage: clusters NEWS.jsonl[,MORE.csv...] ANERCORP.txt DEV_SPLIT OUT [TOP [FOLD]]"
                .into(),
        );
    };
    let top: usize = args.get(5).map_or(Ok(8000), |t| t.parse())?;
    let fold: Option<usize> = args.get(6).map(|f| f.parse()).transpose()?;
    let mut sentences: Vec<Vec<String>> = Vec::new();
    let mut sources = Vec::new();
    for path in news.split(',') {
        let before = sentences.len();
        let content = std::fs::read_to_string(path)?;
        if path.ends_with(".csv") {
            for text in csv_column(&content, "text")? {
                push_sentences(&text, &mut sentences);
            }
        } else {
            for line in content.lines() {
                let doc: serde_json::Value = serde_json::from_str(line)?;
                for field in ["title", "text"] {
                    push_sentences(doc[field].as_str().unwrap_or(""), &mut sentences);
                }
            }
        }
        sources.push(format!("{} sentences of {path}", sentences.len() - before));
    }
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
algorithm, {:?} classes)\n# from {} and {} training \
sentences of ANERcorp (its last {} held out), the {} most frequent words.\n# Columns: word key, class at each size. Derived data: \
no text is kept, only word keys and class numbers.",
        marsad_ner::CLUSTER_SIZES,
        sources.join(" and "),
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

/// Splits `text` into sentences of word keys, appended to `out`.
fn push_sentences(text: &str, out: &mut Vec<Vec<String>>) {
    for span in marsad_arabic::sentences(text) {
        let sentence = &text[span.start..span.end];
        let words: Vec<String> = marsad_arabic::tokenize(sentence)
            .iter()
            .map(|t| marsad_arabic::key(t.text(sentence)))
            .filter(|k| !k.is_empty())
            .collect();
        if !words.is_empty() {
            out.push(words);
        }
    }
}

/// The values of the column named `name` of a CSV text (RFC 4180: quoted fields may hold
/// commas, doubled quotes and line breaks).
fn csv_column(text: &str, name: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let (mut row, mut field) = (Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    let mut rows = rows.into_iter();
    let header = rows.next().ok_or("empty CSV")?;
    let col = header
        .iter()
        .position(|h| h == name)
        .ok_or_else(|| format!("no column {name:?} in the CSV"))?;
    Ok(rows.filter_map(|r| r.get(col).cloned()).collect())
}
