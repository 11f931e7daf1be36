//! Finding and reading documents: files, folders (recursively, in sorted order), standard input,
//! and the records of JSON Lines files, WARC files and RSS/Atom feeds. A bad file, line or record
//! becomes [`Input::Failed`] naming the document and the reason; reading goes on.
//!
//! Files ending in `.gz` (and standard input starting with the gzip magic) are decompressed with
//! the `max_bytes` cap, except WARC files, whose records are decompressed one by one as they are
//! read. JSON Lines and WARC files are read lazily, one record at a time, in constant memory.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;
use marsad_core::{InputKind, RawDocument};
use serde::Deserialize;

use crate::feed::{is_feed, read_feed};
use crate::gzip::{gunzip_capped, is_gzip};
use crate::warc::WarcReader;

/// How inputs are read.
#[derive(Debug, Clone)]
pub struct InputOptions {
    /// `None`: decide per file (by extension, or by sniffing standard input).
    pub kind: Option<InputKind>,
    /// The most bytes read from one file or one JSON Lines record.
    pub max_bytes: u64,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            kind: None,
            max_bytes: 64 * 1024 * 1024,
        }
    }
}

/// One item read: a document, or the reason a document could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Doc(RawDocument),
    Failed { id: String, reason: String },
}

impl Input {
    pub fn id(&self) -> &str {
        match self {
            Input::Doc(d) => &d.id,
            Input::Failed { id, .. } => id,
        }
    }
}

/// The kind a path is read as under `--input auto`.
pub fn kind_for_path(path: &Path) -> InputKind {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".xhtml") {
        InputKind::Html
    } else if name.ends_with(".warc") {
        InputKind::Warc
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        InputKind::Jsonl
    } else {
        InputKind::Text
    }
}

/// Whether a path is read as an RSS or Atom feed under `--input auto`: `.rss` and `.atom` always,
/// `.xml` when its content says so (see [`crate::feed::is_feed`]).
pub fn is_feed_path(path: &Path) -> Option<bool> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if name.ends_with(".rss") || name.ends_with(".atom") {
        Some(true)
    } else if name.ends_with(".xml") {
        None
    } else {
        Some(false)
    }
}

/// The kind of content read from standard input under `--input auto`.
pub fn sniff_kind(content: &[u8]) -> InputKind {
    let content = content.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(content);
    let start = content
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(content.len());
    let head = &content[start..];
    if head.starts_with(b"WARC/") || head.starts_with(&[0x1f, 0x8b]) {
        InputKind::Warc
    } else if head.starts_with(b"{") {
        InputKind::Jsonl
    } else if head.starts_with(b"<") {
        InputKind::Html
    } else {
        InputKind::Text
    }
}

enum Source {
    Path(PathBuf),
    Stdin,
}

/// A lazy iterator over the documents of some paths (`-` is standard input).
pub struct Inputs {
    queue: VecDeque<Source>,
    opts: InputOptions,
    /// The records of the container file being read (JSON Lines, WARC, feed).
    records: Option<Box<dyn Iterator<Item = Input> + Send>>,
}

/// Reads the documents of `paths` (no path: standard input).
pub fn read_inputs(paths: &[String], opts: InputOptions) -> Inputs {
    let mut queue: VecDeque<Source> = paths
        .iter()
        .map(|p| {
            if p == "-" {
                Source::Stdin
            } else {
                Source::Path(PathBuf::from(p))
            }
        })
        .collect();
    if queue.is_empty() {
        queue.push_back(Source::Stdin);
    }
    Inputs {
        queue,
        opts,
        records: None,
    }
}

impl Iterator for Inputs {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            if let Some(records) = &mut self.records {
                match records.next() {
                    Some(item) => return Some(item),
                    None => self.records = None,
                }
            }
            let item = match self.queue.pop_front()? {
                Source::Stdin => self.open_stdin(),
                Source::Path(path) => self.open_path(path),
            };
            if let Some(item) = item {
                return Some(item);
            }
        }
    }
}

impl Inputs {
    /// Reads standard input: a document, or `None` after setting up its records.
    fn open_stdin(&mut self) -> Option<Input> {
        let id = "-".to_string();
        let max = self.opts.max_bytes;
        let stdin = std::io::stdin();
        match self.opts.kind {
            Some(InputKind::Jsonl) => {
                let reader = JsonlReader::new(id, Box::new(BufReader::new(stdin)));
                self.records = Some(Box::new(JsonlRecords { reader, max }));
                return None;
            }
            Some(InputKind::Warc) => {
                self.records = Some(Box::new(WarcReader::new(id, stdin, max)));
                return None;
            }
            _ => {}
        }
        let content = match read_capped(stdin.lock(), &id, max) {
            Ok(c) => c,
            Err(reason) => return Some(Input::Failed { id, reason }),
        };
        if self.opts.kind.is_none() && is_gzip(&content) {
            let head = gzip_head(&content);
            if head.starts_with(b"WARC/") {
                let cursor = std::io::Cursor::new(content);
                self.records = Some(Box::new(WarcReader::new(id, cursor, max)));
                return None;
            }
        }
        self.open_content(id, self.opts.kind, None, content)
    }

    /// Reads one path: a folder queues its children; a container file sets up its records.
    fn open_path(&mut self, path: PathBuf) -> Option<Input> {
        let id = path.to_string_lossy().into_owned();
        let max = self.opts.max_bytes;
        if path.is_dir() {
            return match list_dir(&path) {
                Ok(children) => {
                    for child in children.into_iter().rev() {
                        self.queue.push_front(Source::Path(child));
                    }
                    None
                }
                Err(e) => {
                    let reason = format!("cannot list {id}: {e}");
                    Some(Input::Failed { id, reason })
                }
            };
        }
        let kind = self.opts.kind.unwrap_or_else(|| kind_for_path(&path));
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) => {
                let reason = format!("cannot read {id}: {e}");
                return Some(Input::Failed { id, reason });
            }
        };
        match kind {
            InputKind::Jsonl => {
                let reader: Box<dyn BufRead + Send> = if path_is_gz(&path) {
                    Box::new(BufReader::new(MultiGzDecoder::new(file).take(max)))
                } else {
                    Box::new(BufReader::new(file))
                };
                let reader = JsonlReader::new(id, reader);
                self.records = Some(Box::new(JsonlRecords { reader, max }));
                return None;
            }
            InputKind::Warc => {
                self.records = Some(Box::new(WarcReader::new(id, file, max)));
                return None;
            }
            _ => {}
        }
        let content = match read_capped(file, &id, max) {
            Ok(c) => c,
            Err(reason) => return Some(Input::Failed { id, reason }),
        };
        let feed = if self.opts.kind.is_none() {
            is_feed_path(&path)
        } else {
            Some(false)
        };
        self.open_content(id, Some(kind), feed, content)
    }

    /// A document from content read whole: gzip is undone, feeds are expanded.
    fn open_content(
        &mut self,
        id: String,
        kind: Option<InputKind>,
        feed: Option<bool>,
        content: Vec<u8>,
    ) -> Option<Input> {
        let max = self.opts.max_bytes;
        let content = if is_gzip(&content) {
            match gunzip_capped(&content[..], max) {
                Ok(c) => c,
                Err(why) => {
                    let reason = format!("{id}: {why}");
                    return Some(Input::Failed { id, reason });
                }
            }
        } else {
            content
        };
        let feed = match feed {
            Some(f) => f,
            None => is_feed(&content),
        };
        if feed || (self.opts.kind.is_none() && kind.is_none() && is_feed(&content)) {
            let items = read_feed(&id, &content);
            if items.is_empty() {
                return Some(Input::Failed {
                    reason: format!("{id}: the feed has no items"),
                    id,
                });
            }
            self.records = Some(Box::new(items.into_iter()));
            return None;
        }
        let kind = kind.unwrap_or_else(|| sniff_kind(&content));
        match kind {
            InputKind::Jsonl => {
                let reader = JsonlReader::new(id, Box::new(std::io::Cursor::new(content)));
                self.records = Some(Box::new(JsonlRecords { reader, max }));
                None
            }
            InputKind::Warc => {
                let cursor = std::io::Cursor::new(content);
                self.records = Some(Box::new(WarcReader::new(id, cursor, max)));
                None
            }
            _ => Some(Input::Doc(RawDocument {
                id,
                kind,
                content,
                ..Default::default()
            })),
        }
    }
}

/// The first bytes of a gzip stream, decompressed, to sniff what it holds.
fn gzip_head(content: &[u8]) -> Vec<u8> {
    let mut head = Vec::new();
    let _ = MultiGzDecoder::new(content).take(16).read_to_end(&mut head);
    head
}

fn path_is_gz(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// [`JsonlReader`] as an iterator.
struct JsonlRecords {
    reader: JsonlReader,
    max: u64,
}

impl Iterator for JsonlRecords {
    type Item = Input;
    fn next(&mut self) -> Option<Input> {
        self.reader.next_record(self.max)
    }
}

fn list_dir(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut children = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        // hidden files and folders (.git, .DS_Store) are not documents
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        children.push(entry.path());
    }
    children.sort();
    Ok(children)
}

/// Reads at most `max` bytes; more is an error naming `id`. Decoding is extraction's job.
pub fn read_capped(r: impl Read, id: &str, max: u64) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    r.take(max + 1)
        .read_to_end(&mut buf)
        .map_err(|e| format!("cannot read {id}: {e}"))?;
    if buf.len() as u64 > max {
        return Err(format!("{id} is larger than the {max}-byte cap"));
    }
    Ok(buf)
}

/// A JSON Lines record as the contract describes it.
#[derive(Debug, Deserialize)]
struct Record {
    id: Option<serde_json::Value>,
    text: Option<String>,
    html: Option<String>,
    url: Option<String>,
    source: Option<String>,
    published: Option<String>,
    title: Option<String>,
}

struct JsonlReader {
    name: String,
    reader: Box<dyn BufRead + Send>,
    line: usize,
}

impl JsonlReader {
    fn new(name: String, reader: Box<dyn BufRead + Send>) -> Self {
        JsonlReader {
            name,
            reader,
            line: 0,
        }
    }

    fn next_record(&mut self, max: u64) -> Option<Input> {
        loop {
            self.line += 1;
            let mut buf = Vec::new();
            let n = match (&mut self.reader).take(max + 1).read_until(b'\n', &mut buf) {
                Ok(n) => n,
                Err(e) => {
                    return Some(Input::Failed {
                        id: format!("{}:{}", self.name, self.line),
                        reason: format!("cannot read {} at line {}: {e}", self.name, self.line),
                    })
                }
            };
            if n == 0 {
                return None;
            }
            let fallback_id = format!("{}:{}", self.name, self.line);
            if buf.len() as u64 > max {
                // skip the rest of the over-long line
                let mut sink = Vec::new();
                let _ = self.reader.read_until(b'\n', &mut sink);
                return Some(Input::Failed {
                    id: fallback_id,
                    reason: format!(
                        "{} line {} is larger than the {max}-byte cap",
                        self.name, self.line
                    ),
                });
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(parse_record(&buf, fallback_id, &self.name, self.line));
        }
    }
}

fn parse_record(buf: &[u8], fallback_id: String, name: &str, line: usize) -> Input {
    let fail = |id: String, why: String| Input::Failed {
        id,
        reason: format!("{name} line {line}: {why}"),
    };
    let text = match std::str::from_utf8(buf) {
        Ok(t) => t,
        Err(e) => return fail(fallback_id, format!("not valid UTF-8 ({e})")),
    };
    let rec: Record = match serde_json::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            return fail(
                fallback_id,
                format!("not a JSON object with the expected fields ({e})"),
            )
        }
    };
    let id = match rec.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => fallback_id,
    };
    let (kind, content) = match (rec.text, rec.html) {
        (Some(t), _) => (InputKind::Text, t),
        (None, Some(h)) => (InputKind::Html, h),
        (None, None) => return fail(id, "neither `text` nor `html` is given".into()),
    };
    Input::Doc(RawDocument {
        id,
        kind,
        content: content.into_bytes(),
        charset: None,
        url: rec.url,
        source: rec.source,
        published: rec.published,
        title: rec.title,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension() {
        assert_eq!(kind_for_path(Path::new("a/b.HTML")), InputKind::Html);
        assert_eq!(kind_for_path(Path::new("a/b.htm.gz")), InputKind::Html);
        assert_eq!(kind_for_path(Path::new("x.warc.gz")), InputKind::Warc);
        assert_eq!(kind_for_path(Path::new("x.jsonl")), InputKind::Jsonl);
        assert_eq!(kind_for_path(Path::new("seed.txt")), InputKind::Text);
        assert_eq!(kind_for_path(Path::new("noext")), InputKind::Text);
    }

    #[test]
    fn jsonl_records_and_bad_lines() {
        let data = "{\"id\":\"a\",\"text\":\"نص\",\"published\":\"2021-06-29\"}\n\nnot json\n{\"id\":7,\"html\":\"<p>x</p>\"}\n{\"id\":\"z\"}\n";
        let mut r = JsonlReader::new(
            "f.jsonl".into(),
            Box::new(std::io::Cursor::new(data.as_bytes().to_vec())),
        );
        let items: Vec<Input> = std::iter::from_fn(|| r.next_record(1 << 20)).collect();
        assert_eq!(items.len(), 4);
        assert!(
            matches!(&items[0], Input::Doc(d) if d.id == "a" && d.published.as_deref() == Some("2021-06-29"))
        );
        assert!(
            matches!(&items[1], Input::Failed { id, reason } if id == "f.jsonl:3" && reason.contains("line 3"))
        );
        assert!(matches!(&items[2], Input::Doc(d) if d.id == "7" && d.kind == InputKind::Html));
        assert!(matches!(&items[3], Input::Failed { id, .. } if id == "z"));
    }

    #[test]
    fn caps() {
        assert!(read_capped(&b"abc"[..], "x", 2)
            .unwrap_err()
            .contains("cap"));
        assert_eq!(
            read_capped("نص".as_bytes(), "x", 10).unwrap(),
            "نص".as_bytes()
        );
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff_kind(b"WARC/1.0\r\n"), InputKind::Warc);
        assert_eq!(sniff_kind(b"  {\"id\":1}"), InputKind::Jsonl);
        assert_eq!(sniff_kind(b"<!doctype html>"), InputKind::Html);
        assert_eq!(sniff_kind("عنوان".as_bytes()), InputKind::Text);
    }
}
