//! WARC 1.0/1.1 files, plain or gzip-compressed record by record (as Common Crawl ships them),
//! read as a stream in constant memory. Response (and resource) records whose payload is HTML
//! become documents of kind [`InputKind::Warc`] whose content is the whole record; everything else
//! (requests, metadata, warcinfo, images) is passed over. A truncated or corrupt record becomes an
//! [`Input::Failed`] naming the file, the byte offset and the reason, and reading resumes at the
//! next record (the next `WARC/1.x` line, or the next gzip member).
//!
//! Offsets are positions in the file as stored: of the gzip member for compressed files.

use std::io::{self, BufRead, BufReader, Read};

use flate2::bufread::GzDecoder;
use marsad_core::{Article, InputKind, RawDocument};

use crate::charset::charset_param;
use crate::gzip::describe_gzip_error;
use crate::inputs::Input;
use crate::{Error, Result};

/// The longest WARC header block read; a longer one is corrupt.
const MAX_HEADER_BYTES: u64 = 256 * 1024;

/// A reader counting the bytes consumed from the file, so failures can name an offset.
struct Counting<R> {
    inner: BufReader<R>,
    pos: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: Read> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.pos += amt as u64;
        self.inner.consume(amt)
    }
}

enum State<R> {
    /// Nothing read yet: plain or gzip is decided on the first bytes.
    Start(Counting<R>),
    Plain(Counting<R>),
    /// Gzip: between members.
    Between(Counting<R>),
    /// Gzip: inside the member starting at `offset`.
    Member {
        dec: Box<BufReader<GzDecoder<Counting<R>>>>,
        offset: u64,
    },
    Done,
}

/// The documents of one WARC file, read lazily. See the [module](self) documentation.
pub struct WarcReader<R: Read> {
    name: String,
    max: u64,
    state: State<R>,
    /// A version line already read while looking for the next record.
    pending: Option<Vec<u8>>,
}

impl<R: Read> WarcReader<R> {
    /// Reads the WARC `r` called `name` (used in ids and reasons); `max` caps the content of
    /// one record (decompressed).
    pub fn new(name: impl Into<String>, r: R, max: u64) -> Self {
        WarcReader {
            name: name.into(),
            max,
            state: State::Start(Counting {
                inner: BufReader::with_capacity(256 * 1024, r),
                pos: 0,
            }),
            pending: None,
        }
    }

    fn failed(&self, id: Option<String>, offset: u64, why: impl std::fmt::Display) -> Input {
        Input::Failed {
            id: id.unwrap_or_else(|| format!("{}@{offset}", self.name)),
            reason: format!("{}: record at byte {offset}: {why}", self.name),
        }
    }
}

impl<R: Read> Iterator for WarcReader<R> {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Start(mut src) => {
                    let head = match src.fill_buf() {
                        Ok(h) => h,
                        Err(e) => return Some(self.failed(None, 0, e)),
                    };
                    if head.is_empty() {
                        return None;
                    }
                    self.state = if crate::gzip::is_gzip(head) {
                        State::Between(src)
                    } else {
                        State::Plain(src)
                    };
                }
                State::Plain(mut src) => {
                    let offset = src.pos;
                    let pending = self.pending.take();
                    match read_record(&mut src, pending, self.max) {
                        Ok(None) => return None,
                        Ok(Some(rec)) => {
                            self.state = State::Plain(src);
                            if let Some(item) = self.item(rec, offset) {
                                return Some(item);
                            }
                        }
                        Err(RecordError { id, why, resync }) => {
                            if resync {
                                self.pending = skip_to_version_line(&mut src);
                                if self.pending.is_some() {
                                    self.state = State::Plain(src);
                                }
                            }
                            return Some(self.failed(id, offset, why));
                        }
                    }
                }
                State::Between(mut src) => {
                    // skip padding between members
                    loop {
                        match src.fill_buf() {
                            Ok([]) => return None,
                            Ok(b) if b[0] == 0 || b[0].is_ascii_whitespace() => {
                                let n = b
                                    .iter()
                                    .take_while(|&&c| c == 0 || c.is_ascii_whitespace())
                                    .count();
                                src.consume(n);
                            }
                            Ok(_) => break,
                            Err(e) => return Some(self.failed(None, src.pos, e)),
                        }
                    }
                    let offset = src.pos;
                    let dec = BufReader::with_capacity(256 * 1024, GzDecoder::new(src));
                    self.state = State::Member {
                        dec: Box::new(dec),
                        offset,
                    };
                }
                State::Member { mut dec, offset } => {
                    let pending = self.pending.take();
                    match read_record(&mut *dec, pending, self.max) {
                        Ok(None) => {
                            // end of member: the decoder has read the trailer
                            self.state = State::Between(dec.into_inner().into_inner());
                        }
                        Ok(Some(rec)) => {
                            self.state = State::Member { dec, offset };
                            if let Some(item) = self.item(rec, offset) {
                                return Some(item);
                            }
                        }
                        Err(RecordError { id, why, .. }) => {
                            // give up on this member: look for the next one in the raw bytes
                            let mut src = dec.into_inner().into_inner();
                            if skip_to_gzip_member(&mut src, offset) {
                                self.state = State::Between(src);
                            }
                            return Some(self.failed(id, offset, why));
                        }
                    }
                }
            }
        }
    }
}

impl<R: Read> WarcReader<R> {
    /// The input a record gives, if it is a document.
    fn item(&self, rec: Record, offset: u64) -> Option<Input> {
        let id = rec.header("WARC-Record-ID").map(str::to_string);
        let rtype = rec.header("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let record_type = rec.header("Content-Type").map(str::to_string);
        let url = rec
            .header("WARC-Target-URI")
            .map(|u| u.trim_matches(['<', '>']).to_string());
        match rec.content {
            Content::Skipped => None,
            Content::TooLarge(len) => Some(self.failed(
                id,
                offset,
                format!(
                    "content of {len} bytes is larger than the {}-byte cap",
                    self.max
                ),
            )),
            Content::Kept(bytes) => {
                let block = &bytes[rec.header_len..];
                let content_type = if rtype == "response" {
                    let http = parse_http(block)?;
                    // redirects and error pages are not articles
                    if http.status != 0 && !(200..300).contains(&http.status) {
                        return None;
                    }
                    http.content_type.map(str::to_string)
                } else {
                    record_type
                };
                if !is_html_type(content_type.as_deref()) {
                    return None;
                }
                let id = id.unwrap_or_else(|| format!("{}@{offset}", self.name));
                Some(Input::Doc(RawDocument {
                    id,
                    kind: InputKind::Warc,
                    charset: content_type
                        .as_deref()
                        .and_then(charset_param)
                        .map(str::to_string),
                    url,
                    content: bytes,
                    ..Default::default()
                }))
            }
        }
    }
}

fn is_html_type(ct: Option<&str>) -> bool {
    match ct {
        None => true, // decided by the body later
        Some(ct) => {
            let ct = ct.trim_start().to_ascii_lowercase();
            ct.starts_with("text/html") || ct.starts_with("application/xhtml")
        }
    }
}

enum Content {
    /// The whole record (header block and content), for records that may be documents.
    Kept(Vec<u8>),
    Skipped,
    TooLarge(u64),
}

struct Record {
    headers: Vec<(String, String)>,
    /// Length of the header block inside `Content::Kept` (the content starts there).
    header_len: usize,
    content: Content,
}

impl Record {
    fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

struct RecordError {
    id: Option<String>,
    why: String,
    /// Whether reading can look for the next record in the same stream.
    resync: bool,
}

fn err(id: Option<&str>, why: impl Into<String>, resync: bool) -> RecordError {
    RecordError {
        id: id.map(str::to_string),
        why: why.into(),
        resync,
    }
}

/// Reads one line (with its end), at most `max` bytes; `None` at the end of the stream.
fn read_line(r: &mut dyn BufRead, max: u64) -> io::Result<Option<Vec<u8>>> {
    let mut line = Vec::new();
    let n = r.take(max).read_until(b'\n', &mut line)?;
    Ok((n > 0).then_some(line))
}

/// Reads the next record of `r`. `Ok(None)` at a clean end of the stream.
fn read_record(
    r: &mut dyn BufRead,
    pending: Option<Vec<u8>>,
    max: u64,
) -> Result<Option<Record>, RecordError> {
    let io_err = |e: io::Error| err(None, describe_gzip_error(&e), false);
    // the version line, after any blank lines
    let first = match pending {
        Some(l) => l,
        None => loop {
            match read_line(r, 4096).map_err(io_err)? {
                None => return Ok(None),
                Some(l) if l.iter().all(u8::is_ascii_whitespace) => continue,
                Some(l) => break l,
            }
        },
    };
    if !first.starts_with(b"WARC/") {
        return Err(err(
            None,
            "no WARC/1.x version line where a record should start",
            true,
        ));
    }
    let mut block = first;
    let mut headers: Vec<(String, String)> = Vec::new();
    loop {
        let Some(line) = read_line(r, MAX_HEADER_BYTES).map_err(io_err)? else {
            return Err(err(
                header(&headers, "WARC-Record-ID"),
                "truncated in the header block",
                false,
            ));
        };
        block.extend_from_slice(&line);
        if block.len() as u64 > MAX_HEADER_BYTES {
            return Err(err(None, "header block is too long", true));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            break;
        }
        if text.starts_with([' ', '\t']) {
            if let Some(last) = headers.last_mut() {
                last.1.push(' ');
                last.1.push_str(text.trim());
            }
            continue;
        }
        match text.split_once(':') {
            Some((k, v)) => headers.push((k.trim().to_string(), v.trim().to_string())),
            None => {
                return Err(err(
                    header(&headers, "WARC-Record-ID"),
                    format!("malformed header line {text:?}"),
                    true,
                ))
            }
        }
    }
    let id = header(&headers, "WARC-Record-ID");
    let len: u64 = match header(&headers, "Content-Length").map(|v| v.parse()) {
        Some(Ok(n)) => n,
        Some(Err(_)) => return Err(err(id, "Content-Length is not a number", true)),
        None => return Err(err(id, "no Content-Length header", true)),
    };
    let rtype = header(&headers, "WARC-Type")
        .unwrap_or("")
        .to_ascii_lowercase();
    let wanted = rtype == "response" || rtype == "resource";
    let content = if wanted && len <= max {
        let header_len = block.len();
        block.reserve(len as usize);
        let got = r.take(len).read_to_end(&mut block).map_err(io_err)? as u64;
        if got < len {
            return Err(err(
                id,
                format!("truncated: Content-Length is {len} but only {got} bytes follow"),
                false,
            ));
        }
        let rec = Record {
            headers,
            header_len,
            content: Content::Kept(block),
        };
        skip_record_end(r);
        return Ok(Some(rec));
    } else {
        let got = io::copy(&mut r.take(len), &mut io::sink()).map_err(io_err)?;
        if got < len {
            return Err(err(
                id,
                format!("truncated: Content-Length is {len} but only {got} bytes follow"),
                false,
            ));
        }
        if wanted {
            Content::TooLarge(len)
        } else {
            Content::Skipped
        }
    };
    skip_record_end(r);
    Ok(Some(Record {
        headers,
        header_len: 0,
        content,
    }))
}

/// Consumes the CRLF CRLF that ends a record (tolerating bare LFs or their absence).
fn skip_record_end(r: &mut dyn BufRead) {
    for _ in 0..4 {
        match r.fill_buf() {
            Ok([b'\r' | b'\n', ..]) => r.consume(1),
            _ => return,
        }
    }
}

/// Reads lines until one starts a record; returns it, or `None` at the end of the stream.
fn skip_to_version_line(r: &mut dyn BufRead) -> Option<Vec<u8>> {
    loop {
        let line = read_line(r, 64 * 1024).ok()??;
        if line.starts_with(b"WARC/1.") {
            return Some(line);
        }
    }
}

/// Moves `src` to the next gzip member header after a corrupt one; false at the end.
fn skip_to_gzip_member<R: Read>(src: &mut Counting<R>, member_offset: u64) -> bool {
    // never re-read the corrupt member's own header
    let mut carry = src.pos <= member_offset;
    loop {
        let buf = match src.fill_buf() {
            Ok([]) | Err(_) => return false,
            Ok(b) => b,
        };
        let start = usize::from(carry);
        carry = false;
        let found = buf
            .windows(3)
            .skip(start)
            .position(|w| w == [0x1f, 0x8b, 0x08])
            .map(|p| p + start);
        match found {
            Some(p) => {
                src.consume(p);
                return true;
            }
            None => {
                // keep the last two bytes: a header may straddle buffers
                let len = buf.len();
                src.consume(if len > 2 { len - 2 } else { len });
            }
        }
    }
}

/// The parts of an HTTP response block a document needs.
#[derive(Debug, Default)]
pub(crate) struct HttpResponse<'a> {
    pub status: u16,
    pub content_type: Option<&'a str>,
    pub content_encoding: Option<&'a str>,
    pub chunked: bool,
    pub body: &'a [u8],
}

/// Splits an HTTP response block into its headers and body; `None` if it is not one.
pub(crate) fn parse_http(block: &[u8]) -> Option<HttpResponse<'_>> {
    if !block.starts_with(b"HTTP/") {
        return None;
    }
    let (head_end, body_start) = match find(block, b"\r\n\r\n") {
        Some(p) => (p, p + 4),
        None => {
            let p = find(block, b"\n\n")?;
            (p, p + 2)
        }
    };
    let head = std::str::from_utf8(&block[..head_end]).ok()?;
    let mut lines = head.lines();
    let status = lines
        .next()?
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut resp = HttpResponse {
        status,
        body: &block[body_start..],
        ..Default::default()
    };
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let (k, v) = (k.trim(), v.trim());
        if k.eq_ignore_ascii_case("content-type") {
            resp.content_type = Some(v);
        } else if k.eq_ignore_ascii_case("content-encoding") {
            resp.content_encoding = Some(v);
        } else if k.eq_ignore_ascii_case("transfer-encoding") {
            resp.chunked = v.to_ascii_lowercase().contains("chunked");
        }
    }
    Some(resp)
}

/// The pieces of a WARC record read back from a document's content.
pub(crate) struct ParsedRecord<'a> {
    pub headers: Vec<(String, String)>,
    pub block: &'a [u8],
}

impl ParsedRecord<'_> {
    pub fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

/// Reads back a record kept by [`WarcReader`] (the header block, then the content).
pub(crate) fn parse_record(bytes: &[u8]) -> Option<ParsedRecord<'_>> {
    let (end, start) = match find(bytes, b"\r\n\r\n") {
        Some(p) => (p, p + 4),
        None => {
            let p = find(bytes, b"\n\n")?;
            (p, p + 2)
        }
    };
    let head = String::from_utf8_lossy(&bytes[..end]);
    let mut lines = head.lines();
    if !lines.next()?.starts_with("WARC/") {
        return None;
    }
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Some(ParsedRecord {
        headers,
        block: &bytes[start..],
    })
}

/// Undoes chunked transfer coding; `None` if the framing is broken (the caller then keeps the
/// bytes as they are).
pub(crate) fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    loop {
        let line_end = find(&body[i..], b"\n")? + i;
        let size_text = std::str::from_utf8(&body[i..line_end]).ok()?;
        let size_text = size_text.trim().split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        i = line_end + 1;
        if size == 0 {
            return Some(out);
        }
        let end = i.checked_add(size)?;
        if end > body.len() {
            out.extend_from_slice(&body[i..]);
            return Some(out);
        }
        out.extend_from_slice(&body[i..end]);
        i = end;
        while i < body.len() && (body[i] == b'\r' || body[i] == b'\n') {
            i += 1;
            if body.get(i - 1) == Some(&b'\n') {
                break;
            }
        }
        if i >= body.len() {
            return Some(out);
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr_find(hay, needle)
}

fn memchr_find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        let p = hay[i..].iter().position(|&b| b == first)?;
        let at = i + p;
        if hay.len() - at < needle.len() {
            return None;
        }
        if &hay[at..at + needle.len()] == needle {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// Extracts the article of a WARC record read by [`WarcReader`]: the HTTP payload is un-chunked
/// and un-gzipped (with the HTML cap), decoded by the header charset, and extracted as HTML.
/// `WARC-Date` is the publication time of last resort.
pub fn extract_record(raw: &RawDocument) -> Result<Article> {
    let rec = parse_record(&raw.content)
        .ok_or_else(|| Error::Unsupported(format!("{}: not a WARC record", raw.id)))?;
    let rtype = rec.header("WARC-Type").unwrap_or("").to_ascii_lowercase();
    let url = raw.url.clone().or_else(|| {
        rec.header("WARC-Target-URI")
            .map(|u| u.trim_matches(['<', '>']).to_string())
    });
    let (payload, charset): (std::borrow::Cow<[u8]>, Option<String>) = if rtype == "response" {
        let http = parse_http(rec.block).ok_or_else(|| {
            Error::Unsupported(format!(
                "{}: the response record holds no HTTP response",
                raw.id
            ))
        })?;
        let mut body = std::borrow::Cow::Borrowed(http.body);
        if http.chunked {
            if let Some(b) = dechunk(&body) {
                body = std::borrow::Cow::Owned(b);
            }
        }
        let enc = http.content_encoding.map(str::to_ascii_lowercase);
        if matches!(enc.as_deref(), Some("gzip" | "x-gzip")) && crate::gzip::is_gzip(&body) {
            let b = crate::gzip::gunzip_capped(&body[..], crate::html::MAX_HTML_BYTES as u64)
                .map_err(|why| Error::Unsupported(format!("{}: HTTP body: {why}", raw.id)))?;
            body = std::borrow::Cow::Owned(b);
        }
        let charset = raw.charset.clone().or_else(|| {
            http.content_type
                .and_then(charset_param)
                .map(str::to_string)
        });
        (body, charset)
    } else {
        (std::borrow::Cow::Borrowed(rec.block), raw.charset.clone())
    };
    let mut article =
        crate::html::extract_bytes(&raw.id, &payload, charset.as_deref(), url.as_deref())?;
    if article.published.is_none() {
        article.published = rec
            .header("WARC-Date")
            .and_then(|d| crate::html::metadata::normalize_date(d, None));
    }
    if article.url.is_none() {
        article.url = url;
    }
    Ok(article)
}
