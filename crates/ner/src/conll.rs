//! CoNLL text: one token a line, optionally followed by its tag; a blank line ends a sentence.

use std::io::{BufRead, Read, Write};

use crate::error::{Error, Result};
use crate::tag::{repair_iob2, Tag};
use crate::tagger::{Tagger, MAX_CHUNK_TOKENS};

/// A sentence with gold tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaggedSentence {
    pub tokens: Vec<String>,
    pub tags: Vec<Tag>,
}

/// Training data read from CoNLL text.
#[derive(Debug, Clone, Default)]
pub struct TaggedCorpus {
    pub sentences: Vec<TaggedSentence>,
    /// `I-X` tags that could not continue an entity and were read as `B-X` (seqeval's reading).
    pub repaired_tags: usize,
}

impl TaggedCorpus {
    /// Tokens in all sentences.
    pub fn tokens(&self) -> usize {
        self.sentences.iter().map(|s| s.tokens.len()).sum()
    }
}

/// Reads `TOKEN TAG` lines (the tag is the last field; a line with one field is an error, since
/// training needs every tag). Tags are checked; invalid IOB2 is repaired and counted.
pub fn read_tagged(text: &str) -> Result<TaggedCorpus> {
    let mut corpus = TaggedCorpus::default();
    let mut cur = TaggedSentence {
        tokens: Vec::new(),
        tags: Vec::new(),
    };
    let flush = |cur: &mut TaggedSentence, corpus: &mut TaggedCorpus| {
        if cur.tokens.is_empty() {
            return;
        }
        let before = cur.tags.clone();
        repair_iob2(&mut cur.tags);
        corpus.repaired_tags += before.iter().zip(&cur.tags).filter(|(a, b)| a != b).count();
        corpus.sentences.push(std::mem::replace(
            cur,
            TaggedSentence {
                tokens: Vec::new(),
                tags: Vec::new(),
            },
        ));
    };
    for (n, line) in text.lines().enumerate() {
        let mut fields = line.split_whitespace();
        let Some(token) = fields.next() else {
            flush(&mut cur, &mut corpus);
            continue;
        };
        let Some(tag) = fields.last() else {
            return Err(Error::Data {
                line: n + 1,
                message: format!("{token:?} has no tag (training needs `TOKEN TAG` lines)"),
            });
        };
        let tag: Tag = tag.parse().map_err(|e| Error::Data {
            line: n + 1,
            message: format!("{e}"),
        })?;
        cur.tokens.push(token.to_string());
        cur.tags.push(tag);
    }
    flush(&mut cur, &mut corpus);
    Ok(corpus)
}

/// Writes sentences as `TOKEN TAG` lines with a blank line after each.
pub fn write_tagged(sentences: &[TaggedSentence], mut out: impl Write) -> std::io::Result<()> {
    for s in sentences {
        for (tok, tag) in s.tokens.iter().zip(&s.tags) {
            writeln!(out, "{tok} {tag}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// What [`tag_conll`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ConllStats {
    pub sentences: usize,
    pub tokens: usize,
}

/// The longest line [`tag_conll`] accepts, in bytes.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// Tags CoNLL input: reads `TOKEN` or `TOKEN TAG` lines (any given tag is ignored), writes
/// `TOKEN TAG` lines in the same order with the same blank lines. The sentences are read as one
/// stream: the document memory ([`Tagger::document`]) carries from one to the next. A line with only whitespace is
/// a sentence break. Memory stays flat: a sentence longer than [`MAX_CHUNK_TOKENS`] tokens is
/// tagged in pieces of that size. A line that is not UTF-8 or longer than [`MAX_LINE_BYTES`] is
/// an error naming its line number; nothing panics.
pub fn tag_conll(
    tagger: &Tagger,
    input: impl BufRead,
    mut output: impl Write,
) -> Result<ConllStats> {
    let mut input = input;
    let mut stats = ConllStats::default();
    let mut pending: Vec<String> = Vec::new();
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    let mut in_sentence = false;
    let mut doc = tagger.document();
    let mut flush = |pending: &mut Vec<String>, output: &mut dyn Write| -> Result<()> {
        if pending.is_empty() {
            return Ok(());
        }
        let refs: Vec<&str> = pending.iter().map(String::as_str).collect();
        let tags = doc.tag(&refs);
        for (tok, tag) in refs.iter().zip(tags) {
            writeln!(output, "{tok} {tag}").map_err(Error::Write)?;
        }
        pending.clear();
        Ok(())
    };
    loop {
        buf.clear();
        let n = input
            .by_ref()
            .take(MAX_LINE_BYTES as u64 + 1)
            .read_until(b'\n', &mut buf)
            .map_err(Error::Read)?;
        if n == 0 {
            break;
        }
        line_no += 1;
        if buf.len() > MAX_LINE_BYTES && buf.last() != Some(&b'\n') {
            return Err(Error::Data {
                line: line_no,
                message: format!("the line is longer than {MAX_LINE_BYTES} bytes"),
            });
        }
        let line = std::str::from_utf8(&buf).map_err(|e| Error::Data {
            line: line_no,
            message: format!("not UTF-8 ({e})"),
        })?;
        match line.split_whitespace().next() {
            None => {
                flush(&mut pending, &mut output)?;
                if in_sentence {
                    stats.sentences += 1;
                    in_sentence = false;
                }
                writeln!(output).map_err(Error::Write)?;
            }
            Some(token) => {
                pending.push(token.to_string());
                stats.tokens += 1;
                in_sentence = true;
                if pending.len() >= MAX_CHUNK_TOKENS {
                    flush(&mut pending, &mut output)?;
                }
            }
        }
    }
    flush(&mut pending, &mut output)?;
    if in_sentence {
        stats.sentences += 1;
    }
    output.flush().map_err(Error::Write)?;
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_repairs() {
        let c = read_tagged("أ B-PERS\nب I-PERS\n\n\nج I-LOC\nد O\n").unwrap();
        assert_eq!(c.sentences.len(), 2);
        assert_eq!(c.sentences[1].tags[0], Tag::B(crate::NerKind::Loc));
        assert_eq!(c.repaired_tags, 1);
        assert_eq!(c.tokens(), 4);
    }

    #[test]
    fn bad_training_lines_name_their_line() {
        let e = read_tagged("أ O\nب\n").unwrap_err().to_string();
        assert!(e.starts_with("line 2:"), "{e}");
        let e = read_tagged("أ O\nب B-PER\n").unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("B-PER"), "{e}");
    }
}
