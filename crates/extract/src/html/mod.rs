//! HTML pages into articles: the page is parsed once into a flat node list ([`dom`]), the main
//! text is chosen from its paragraphs ([`main_text`]), and the metadata is read from JSON-LD,
//! meta tags, `<time>` marks, the URL and the visible title ([`metadata`]).

pub mod dom;
pub mod main_text;
pub mod metadata;

use marsad_core::{Article, RawDocument};

use crate::charset::decode_html;
use crate::{gzip, Error, Result};

/// The largest decoded page parsed. A parsed page takes several times its size in memory, and a
/// news article page is rarely over 2 MB; anything this large is not an article page.
pub const MAX_HTML_BYTES: usize = 16 * 1024 * 1024;

/// The most elements a page may have. Parsing and walking stay linear in the element count, but
/// a page of this many elements is machine-made, not an article.
pub const MAX_ELEMENTS: usize = 400_000;

/// The cap on a gzip-compressed page given directly (not through [`crate::inputs`], which
/// applies its own `max_bytes`).
pub const MAX_GUNZIP_BYTES: u64 = 64 * 1024 * 1024;

/// Extracts the article of an HTML document: gzip is undone (with a cap), the bytes are decoded
/// by [`crate::charset`] with the document's declared charset and URL, then [`extract_html`].
pub fn extract_document(raw: &RawDocument) -> Result<Article> {
    let unzipped;
    let bytes = if gzip::is_gzip(&raw.content) {
        unzipped = gzip::gunzip_capped(&raw.content[..], MAX_GUNZIP_BYTES)
            .map_err(|why| Error::Unsupported(format!("{}: {why}", raw.id)))?;
        &unzipped[..]
    } else {
        &raw.content[..]
    };
    extract_bytes(&raw.id, bytes, raw.charset.as_deref(), raw.url.as_deref())
}

/// Extracts the article of an undecoded page; `charset` is one declared in headers.
pub fn extract_bytes(
    id: &str,
    bytes: &[u8],
    charset: Option<&str>,
    url: Option<&str>,
) -> Result<Article> {
    if bytes.len() > MAX_HTML_BYTES {
        return Err(Error::TooLarge {
            what: format!("{id} (an HTML page of {} bytes)", bytes.len()),
            limit: MAX_HTML_BYTES as u64,
        });
    }
    if looks_binary(bytes) {
        return Err(Error::Binary(id.to_string()));
    }
    let decoded = decode_html(bytes, charset, url);
    if decoded.had_errors {
        let bad = decoded.text.matches('\u{FFFD}').count();
        if bad * 50 > decoded.text.chars().count().max(1) {
            return Err(Error::NotUtf8(format!(
                "{id}: not valid {} text ({bad} undecodable sequences)",
                decoded.encoding.name()
            )));
        }
    }
    extract_html(id, &decoded.text, url)
}

/// NUL bytes in the first 8 KB, with no UTF-16 byte-order mark: an image, archive or program.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return false;
    }
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// Extracts the article of an HTML page already decoded to text. `id` names the document in
/// errors; `url` helps with dates and time zones.
pub fn extract_html(id: &str, html: &str, url: Option<&str>) -> Result<Article> {
    if html.len() > MAX_HTML_BYTES {
        return Err(Error::TooLarge {
            what: format!("{id} (an HTML page of {} bytes)", html.len()),
            limit: MAX_HTML_BYTES as u64,
        });
    }
    let tags = memchr_count(b'<', html.as_bytes());
    if tags > MAX_ELEMENTS {
        return Err(Error::Unsupported(format!(
            "{id} has {tags} tags, more than the {MAX_ELEMENTS} an article page is allowed"
        )));
    }
    let dom = dom::Dom::parse(html);
    let paras = main_text::paragraphs(&dom);
    let h1 = paras
        .iter()
        .find(|p| dom.nodes[p.owner].tag == "h1" && !p.boiler)
        .map(|p| p.text.as_str());
    let md = metadata::read(&dom.meta, h1, url);
    let mut body = main_text::main_text(&dom, &paras, md.title.as_deref());
    if let Some(hint) = md.article_body.as_deref() {
        let hint_chars = hint.chars().count();
        let got: usize = body.iter().map(|p| p.chars().count()).sum();
        if hint_chars >= 400 && got * 2 < hint_chars {
            body = hint
                .split('\n')
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|l| !l.is_empty())
                .collect();
        }
    }
    Ok(Article {
        title: md.title,
        published: md.published,
        author: md.author,
        source: md.source,
        url: md.url,
        dateline: None,
        text: body.join("\n\n"),
        removed: Vec::new(),
    })
}

fn memchr_count(needle: u8, hay: &[u8]) -> usize {
    hay.iter().filter(|&&b| b == needle).count()
}
