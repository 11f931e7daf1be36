//! RSS 2.0 (and RSS 1.0/RDF) and Atom feeds: every item or entry becomes an HTML document carrying
//! its title, link and date, whose body is the item's `content:encoded`, `content`, `description`
//! or `summary`. An item's id is its `guid` (Atom `id`), else its link, else `FILE#N`.

use quick_xml::events::Event;
use quick_xml::Reader;

use marsad_core::{InputKind, RawDocument};

use crate::html::metadata::normalize_date;
use crate::inputs::Input;

/// Whether `bytes` look like a feed: the root element is `<rss>`, `<feed>` or `<rdf:RDF>`.
pub fn is_feed(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head);
    let mut rest = head.trim_start_matches('\u{feff}').trim_start();
    // skip the XML declaration, processing instructions, comments and a doctype
    loop {
        if rest.starts_with("<?") {
            match rest.find("?>") {
                Some(e) => rest = rest[e + 2..].trim_start(),
                None => return false,
            }
        } else if rest.starts_with("<!--") {
            match rest.find("-->") {
                Some(e) => rest = rest[e + 3..].trim_start(),
                None => return false,
            }
        } else if rest.starts_with("<!") {
            match rest.find('>') {
                Some(e) => rest = rest[e + 1..].trim_start(),
                None => return false,
            }
        } else {
            break;
        }
    }
    rest.starts_with("<rss") || rest.starts_with("<feed") || rest.starts_with("<rdf:RDF")
}

#[derive(Default)]
struct Item {
    title: Option<String>,
    link: Option<String>,
    guid: Option<String>,
    date: Option<String>,
    body: Option<String>,
    summary: Option<String>,
}

/// The XML's declared encoding (`<?xml version="1.0" encoding="windows-1256"?>`).
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(200)];
    let head = String::from_utf8_lossy(head);
    let decl = &head[head.find("<?xml")?..];
    let decl = &decl[..decl.find("?>")?];
    let at = decl.find("encoding")?;
    let v = decl[at + 8..].trim_start().strip_prefix('=')?.trim_start();
    let q = v.chars().next()?;
    let v = &v[1..];
    let v = &v[..v.find(q)?];
    encoding_rs::Encoding::for_label(v.as_bytes())
}

/// Reads the items of the feed `bytes` from the file `name`. A feed that is not well-formed XML
/// yields the items read so far and one failure naming the position.
pub fn read_feed(name: &str, bytes: &[u8]) -> Vec<Input> {
    let text = match encoding_rs::Encoding::for_bom(bytes) {
        Some((enc, _)) => enc.decode(bytes).0,
        None => {
            declared_encoding(bytes)
                .unwrap_or(encoding_rs::UTF_8)
                .decode(bytes)
                .0
        }
    };
    let mut reader = Reader::from_str(&text);
    reader.config_mut().check_end_names = false;
    let mut out = Vec::new();
    let mut item: Option<Item> = None;
    let mut field: Option<String> = None;
    let mut value = String::new();
    let mut n = 0usize;
    loop {
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                out.push(Input::Failed {
                    id: format!("{name}#{}", n + 1),
                    reason: format!(
                        "{name}: feed is not well-formed XML at byte {}: {e}",
                        reader.buffer_position()
                    ),
                });
                break;
            }
        };
        match ev {
            Event::Eof => break,
            Event::Start(e) => {
                let tag = e.name().as_ref().to_string();
                let local = local(&tag);
                if local == "item" || local == "entry" {
                    item = Some(Item::default());
                    field = None;
                } else if let Some(it) = &mut item {
                    if local == "link" {
                        if let Some(href) = attr(&e, "href") {
                            let rel = attr(&e, "rel");
                            if rel.is_none() || rel.as_deref() == Some("alternate") {
                                it.link.get_or_insert(href);
                            }
                        }
                    }
                    if field.is_none() {
                        field = Some(tag);
                        value.clear();
                    }
                }
            }
            Event::Empty(e) => {
                if let Some(it) = &mut item {
                    let tag = e.name().as_ref().to_string();
                    if local(&tag) == "link" {
                        let rel = attr(&e, "rel");
                        if rel.is_none() || rel.as_deref() == Some("alternate") {
                            if let Some(href) = attr(&e, "href") {
                                it.link.get_or_insert(href);
                            }
                        }
                    }
                }
            }
            Event::Text(t) if field.is_some() => value.push_str(&t.html_content()),
            Event::CData(t) if field.is_some() => value.push_str(&t.into_inner()),
            Event::GeneralRef(r) if field.is_some() => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    value.push(c);
                } else {
                    let name = r.html_content();
                    match name.as_ref() {
                        "amp" => value.push('&'),
                        "lt" => value.push('<'),
                        "gt" => value.push('>'),
                        "quot" => value.push('"'),
                        "apos" => value.push('\''),
                        other => {
                            value.push('&');
                            value.push_str(other);
                            value.push(';');
                        }
                    }
                }
            }
            Event::End(e) => {
                let tag = e.name().as_ref().to_string();
                let local_name = local(&tag);
                if local_name == "item" || local_name == "entry" {
                    if let Some(it) = item.take() {
                        n += 1;
                        out.push(item_document(name, n, it));
                    }
                    field = None;
                } else if field.as_deref() == Some(tag.as_str()) {
                    if let Some(it) = &mut item {
                        let v = value.trim().to_string();
                        if !v.is_empty() {
                            match tag.as_str() {
                                "title" | "dc:title" => {
                                    it.title.get_or_insert(v);
                                }
                                "link" => {
                                    it.link.get_or_insert(v);
                                }
                                "guid" | "id" => {
                                    it.guid.get_or_insert(v);
                                }
                                "updated" if it.date.is_some() => {}
                                "pubDate" | "published" | "dc:date" | "updated" => {
                                    it.date = Some(v)
                                }
                                "content:encoded" | "content" => it.body = Some(v),
                                "description" | "summary" => it.summary = Some(v),
                                _ => {}
                            }
                        }
                    }
                    field = None;
                }
            }
            _ => {}
        }
    }
    out
}

fn local(tag: &str) -> &str {
    tag.rsplit(':').next().unwrap_or(tag)
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn item_document(name: &str, n: usize, it: Item) -> Input {
    let id = it
        .guid
        .clone()
        .or_else(|| it.link.clone())
        .unwrap_or_else(|| format!("{name}#{n}"));
    let body = it.body.or(it.summary).unwrap_or_default();
    let html = if body.contains('<') {
        format!("<html><body><article>{body}</article></body></html>")
    } else {
        let paras: String = body
            .split("\n\n")
            .map(|p| format!("<p>{}</p>", escape(p.trim())))
            .collect();
        format!("<html><body><article>{paras}</article></body></html>")
    };
    Input::Doc(RawDocument {
        id,
        kind: InputKind::Html,
        content: html.into_bytes(),
        charset: Some("utf-8".into()),
        url: it.link,
        published: it.date.as_deref().and_then(|d| normalize_date(d, None)),
        title: it.title,
        source: None,
    })
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_and_atom_items() {
        let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>موقع</title>
<item><title>قصف على &quot;إدلب&quot;</title><link>https://example.sy/a/1</link>
<pubDate>Tue, 29 Jun 2021 07:15:00 +0300</pubDate><description>ملخص</description>
<content:encoded><![CDATA[<p>قصفت الطائرات مواقع في المدينة صباح اليوم.</p>]]></content:encoded></item>
<item><title>ثان</title><guid>urn:x:2</guid><description>نص &amp; نص</description></item>
</channel></rss>"#;
        assert!(is_feed(rss.as_bytes()));
        let items = read_feed("f.rss", rss.as_bytes());
        assert_eq!(items.len(), 2);
        let Input::Doc(d) = &items[0] else {
            panic!("{items:?}")
        };
        assert_eq!(d.id, "https://example.sy/a/1");
        assert_eq!(d.title.as_deref(), Some("قصف على \"إدلب\""));
        assert_eq!(d.published.as_deref(), Some("2021-06-29T07:15:00+03:00"));
        assert!(String::from_utf8_lossy(&d.content).contains("<p>قصفت"));
        let Input::Doc(d) = &items[1] else { panic!() };
        assert_eq!(d.id, "urn:x:2");
        assert!(String::from_utf8_lossy(&d.content).contains("نص &amp; نص"));

        let atom = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>عنوان</title><link rel="alternate" href="https://example.lb/x"/><id>tag:1</id>
<updated>2021-06-29T10:00:00+03:00</updated><summary type="html">&lt;p&gt;نص الخبر&lt;/p&gt;</summary></entry></feed>"#;
        assert!(is_feed(atom.as_bytes()));
        let items = read_feed("f.atom", atom.as_bytes());
        let Input::Doc(d) = &items[0] else {
            panic!("{items:?}")
        };
        assert_eq!(
            (d.id.as_str(), d.url.as_deref()),
            ("tag:1", Some("https://example.lb/x"))
        );
        assert!(String::from_utf8_lossy(&d.content).contains("<p>نص الخبر</p>"));
        assert!(!is_feed(b"<!doctype html><html>"));
    }

    #[test]
    fn broken_feed_keeps_items_read() {
        let items = read_feed(
            "b.rss",
            b"<rss><channel><item><title>a</title></item><item><title>b</ti",
        );
        assert!(matches!(items[0], Input::Doc(_)));
        assert!(items.len() <= 2);
    }
}
