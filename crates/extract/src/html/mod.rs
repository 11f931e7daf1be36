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

/// The deepest nesting of tags accepted. The HTML tree builder looks through the open elements
/// on every tag, so a page nested 100,000 deep would take minutes; real pages stay in the
/// hundreds.
pub const MAX_DEPTH: usize = 5_000;

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
    let depth = nesting_depth(html.as_bytes());
    if depth > MAX_DEPTH {
        return Err(Error::Unsupported(format!(
            "{id} nests tags more than {MAX_DEPTH} deep (at least {depth})"
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
    let mut published = md.published;
    if published.is_none() {
        published = visible_publication_time(&paras, md.url.as_deref());
    }
    let dateline = body.first().and_then(|p| {
        crate::flattened::leading_dateline(p).map(|d| marsad_core::Dateline {
            text: d.text.to_string(),
            place: None,
        })
    });
    Ok(Article {
        title: md.title,
        published,
        author: md.author,
        section: md.section,
        source: md.source,
        url: md.url,
        dateline,
        text: body.join("\n\n"),
        removed: Vec::new(),
    })
}

/// A publication line in the visible text («تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً»),
/// the first one that is not an update time, among the short paragraphs of the page.
fn visible_publication_time(paras: &[main_text::Paragraph], url: Option<&str>) -> Option<String> {
    let zone = url.and_then(metadata::site_zone);
    let mut updated = None;
    for p in paras.iter().take(400).filter(|p| p.chars <= 120) {
        if let Some(t) = crate::flattened::parse_publication_line(&p.text) {
            if !t.updated {
                return Some(t.published(zone).0);
            }
            updated.get_or_insert_with(|| t.published(zone).0);
        }
    }
    updated
}

/// A quick estimate of how deep a page's tags nest: start tags minus end tags, leaving out void
/// elements, self-closed tags and the elements HTML closes by itself (`p`, `li`, table cells...).
fn nesting_depth(html: &[u8]) -> usize {
    let mut depth: usize = 0;
    let mut max = 0;
    let mut i = 0;
    while let Some(p) = html[i..].iter().position(|&b| b == b'<') {
        i += p + 1;
        let close = html.get(i) == Some(&b'/');
        let start = i + usize::from(close);
        let name_len = html[start..]
            .iter()
            .take(16)
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name = html[start..start + name_len].to_ascii_lowercase();
        let implicit = matches!(
            name.as_slice(),
            b"p" | b"li"
                | b"dt"
                | b"dd"
                | b"option"
                | b"tr"
                | b"td"
                | b"th"
                | b"tbody"
                | b"thead"
                | b"area"
                | b"base"
                | b"br"
                | b"col"
                | b"embed"
                | b"hr"
                | b"img"
                | b"input"
                | b"link"
                | b"meta"
                | b"source"
                | b"track"
                | b"wbr"
                | b"param"
        );
        if implicit {
            continue;
        }
        if close {
            depth = depth.saturating_sub(1);
        } else {
            let tag_end = html[i..].iter().position(|&b| b == b'>').map(|e| i + e);
            let self_closed = tag_end.is_some_and(|e| e > 0 && html[e - 1] == b'/');
            if !self_closed {
                depth += 1;
                max = max.max(depth);
            }
        }
    }
    max
}

fn memchr_count(needle: u8, hay: &[u8]) -> usize {
    hay.iter().filter(|&&b| b == needle).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str =
        "<p>قالت مصادر محلية إن قوات الأمن داهمت عدداً من المنازل في البلدة صباح اليوم \
                        واعتقلت خمسة شبان، قبل أن تنسحب إلى مواقعها على أطراف المدينة.</p>\
                        <p>وأضافت المصادر أن الحملة جاءت بعد أيام من توتر شهدته المنطقة إثر \
                        خلاف بين وجهاء العشائر وممثلي الحكومة حول إدارة المعابر.</p>";

    #[test]
    fn the_section_comes_from_json_ld_then_meta_tags() {
        let ld = format!(
            r#"<html><head><script type="application/ld+json">
               {{"@type":"NewsArticle","headline":"حملة دهم","articleSection":"سياسة"}}
               </script></head><body><article>{BODY}</article></body></html>"#
        );
        let a = extract_html("ld", &ld, None).unwrap();
        assert_eq!(a.section.as_deref(), Some("سياسة"));
        let og = format!(
            r#"<html><head><meta property="article:section" content="أخبار محلية"></head>
               <body><article>{BODY}</article></body></html>"#
        );
        let a = extract_html("og", &og, None).unwrap();
        assert_eq!(a.section.as_deref(), Some("أخبار محلية"));
        let none = format!("<html><body><article>{BODY}</article></body></html>");
        let a = extract_html("none", &none, None).unwrap();
        assert_eq!(a.section, None);
        assert!(!serde_json::to_string(&a).unwrap().contains("section"));
    }
}
