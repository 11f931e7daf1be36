//! Decoding a page's bytes into text, in the order a browser would decide: a byte-order mark,
//! then the charset declared outside the content (HTTP or WARC headers), then a `<meta charset>`
//! or `http-equiv` declaration in the first 4 KB, then detection (chardetng, told the country
//! domain of the URL, which matters for Arabic pages in windows-1256 or ISO-8859-6).
//!
//! One departure from browsers: a declared single-byte charset is overruled when the bytes are
//! valid UTF-8 containing multi-byte sequences. Mislabelled UTF-8 pages are common in crawls, and
//! real text in a legacy charset is practically never valid UTF-8 by accident.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// How the charset of a page was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    Bom,
    Header,
    Meta,
    Detected,
}

/// Text decoded from bytes, with the charset used and how it was decided.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub encoding: &'static Encoding,
    pub source: CharsetSource,
    /// Some bytes were not valid in the charset and became U+FFFD.
    pub had_errors: bool,
}

/// How far into a page a `<meta>` charset declaration is looked for.
pub const META_PRESCAN_BYTES: usize = 4096;

/// Decodes an HTML page. `declared` is a charset from headers (a label such as `windows-1256`),
/// `url` gives the country domain used as a detection hint.
pub fn decode_html<'a>(bytes: &'a [u8], declared: Option<&str>, url: Option<&str>) -> Decoded<'a> {
    let (encoding, source) = choose_encoding(bytes, declared, url);
    let (text, _, had_errors) = encoding.decode(bytes);
    Decoded {
        text,
        encoding,
        source,
        had_errors,
    }
}

/// The charset [`decode_html`] would use, and why.
pub fn choose_encoding(
    bytes: &[u8],
    declared: Option<&str>,
    url: Option<&str>,
) -> (&'static Encoding, CharsetSource) {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return (enc, CharsetSource::Bom);
    }
    if let Some(enc) = declared.and_then(label_encoding) {
        return (prefer_utf8(bytes, enc), CharsetSource::Header);
    }
    if let Some(enc) = meta_charset(&bytes[..bytes.len().min(META_PRESCAN_BYTES)]) {
        return (prefer_utf8(bytes, enc), CharsetSource::Meta);
    }
    (detect(bytes, url), CharsetSource::Detected)
}

/// An encoding from a charset label; UTF-16 declared inside (or for) an 8-bit document means
/// UTF-8, as the HTML standard says, and `x-user-defined` is ignored.
fn label_encoding(label: &str) -> Option<&'static Encoding> {
    let label = label.trim().trim_matches(|c| c == '"' || c == '\'');
    let enc = Encoding::for_label(label.as_bytes())?;
    if enc == UTF_16BE || enc == UTF_16LE {
        return Some(UTF_8);
    }
    if enc.name() == "x-user-defined" || enc.name() == "replacement" {
        return None;
    }
    Some(enc)
}

fn prefer_utf8(bytes: &[u8], declared: &'static Encoding) -> &'static Encoding {
    if declared != UTF_8 && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
        UTF_8
    } else {
        declared
    }
}

fn detect(bytes: &[u8], url: Option<&str>) -> &'static Encoding {
    if bytes.is_ascii() || std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // A page of a few hundred KB is plenty to decide on; the start is where the text begins.
    det.feed(&bytes[..bytes.len().min(256 * 1024)], true);
    let tld = url.and_then(country_tld);
    let enc = det.guess(
        tld.as_deref().map(str::as_bytes),
        chardetng::Utf8Detection::Allow,
    );
    if enc == UTF_16BE || enc == UTF_16LE {
        WINDOWS_1252
    } else {
        enc
    }
}

/// The top-level domain of a URL's host, lower case (`https://www.sana.sy/x` gives `sy`).
fn country_tld(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    let tld = host.rsplit('.').next()?;
    (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| tld.to_ascii_lowercase())
}

/// A charset declared by a `<meta charset=...>` or `<meta http-equiv=Content-Type
/// content="...; charset=...">` in `head`. Comments are skipped.
pub fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while i < head.len() {
        let Some(lt) = memchr(b'<', &head[i..]) else {
            break;
        };
        i += lt;
        if head[i..].starts_with(b"<!--") {
            match find(&head[i + 4..], b"-->") {
                Some(end) => i += 4 + end + 3,
                None => break,
            }
            continue;
        }
        let tag_end = memchr(b'>', &head[i..]).map_or(head.len(), |e| i + e);
        let tag = &head[i..tag_end];
        i = tag_end.max(i + 1);
        if tag.len() < 5 || !tag[1..5].eq_ignore_ascii_case(b"meta") {
            continue;
        }
        let tag = String::from_utf8_lossy(tag).to_ascii_lowercase();
        let attrs = attributes(&tag[5..]);
        if let Some((_, v)) = attrs.iter().find(|(k, _)| k == "charset") {
            if let Some(enc) = label_encoding(v) {
                return Some(enc);
            }
        }
        let is_content_type = attrs
            .iter()
            .any(|(k, v)| k == "http-equiv" && v.trim() == "content-type");
        if is_content_type {
            if let Some((_, content)) = attrs.iter().find(|(k, _)| k == "content") {
                if let Some(enc) = charset_param(content).and_then(label_encoding) {
                    return Some(enc);
                }
            }
        }
    }
    None
}

/// The `charset` parameter of a Content-Type value (`text/html; charset=windows-1256`).
pub fn charset_param(content_type: &str) -> Option<&str> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content_type[at + 7..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(rest.len());
    let v = &rest[..end];
    (!v.is_empty()).then_some(v)
}

/// Attribute (name, value) pairs of the inside of a tag, roughly as the HTML tokenizer reads them.
fn attributes(s: &str) -> Vec<(String, String)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        if start == i {
            i += 1;
            continue;
        }
        let name = s[start..i].to_string();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                i += 1;
                let vs = i;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                value = s[vs..i].to_string();
                i += 1;
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = s[vs..i].to_string();
            }
        }
        out.push((name, value));
    }
    out
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{ISO_8859_6, WINDOWS_1256};

    const ARABIC: &str = "قصفت الطائرات مواقع في ريف إدلب الجنوبي صباح اليوم، وقتل ثلاثة مدنيين على الأقل بحسب ناشطين محليين. وقالت مصادر ميدانية إن القصف استهدف الأحياء السكنية والأسواق الشعبية في المدينة.";

    fn page(meta: &str) -> String {
        format!("<html><head>{meta}<title>خبر</title></head><body><p>{ARABIC}</p><p>{ARABIC}</p></body></html>")
    }

    fn encode(text: &str, enc: &'static Encoding) -> Vec<u8> {
        let (bytes, _, unmappable) = enc.encode(text);
        assert!(!unmappable, "fixture text must fit {}", enc.name());
        bytes.into_owned()
    }

    #[test]
    fn windows_1256_by_meta_header_and_detection() {
        for meta in [
            "<meta charset=\"windows-1256\">",
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">",
            "",
        ] {
            let html = page(meta);
            let bytes = encode(&html, WINDOWS_1256);
            let d = decode_html(&bytes, None, Some("https://www.example.sy/news/1"));
            assert_eq!(d.encoding, WINDOWS_1256, "meta {meta:?}");
            assert_eq!(d.text, html);
        }
        let bytes = encode(&page(""), WINDOWS_1256);
        let d = decode_html(&bytes, Some("cp1256"), None);
        assert_eq!(
            (d.encoding, d.source),
            (WINDOWS_1256, CharsetSource::Header)
        );
    }

    #[test]
    fn iso_8859_6_by_meta_and_header() {
        // ISO-8859-6 has no Arabic comma; keep the fixture within the charset.
        let html = page("<META HTTP-EQUIV=content-type CONTENT='text/html;charset=ISO-8859-6'>")
            .replace('،', ",");
        let bytes = encode(&html, ISO_8859_6);
        let d = decode_html(&bytes, None, None);
        assert_eq!((d.encoding, d.source), (ISO_8859_6, CharsetSource::Meta));
        assert_eq!(d.text, html);
        let d = decode_html(&bytes, Some("iso-8859-6"), None);
        assert_eq!((d.encoding, d.source), (ISO_8859_6, CharsetSource::Header));
        assert_eq!(d.text, html);
    }

    #[test]
    fn bom_wins_and_mislabelled_utf8_is_read_as_utf8() {
        let html = page("<meta charset=windows-1256>");
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(html.as_bytes());
        let d = decode_html(&bytes, Some("iso-8859-1"), None);
        assert_eq!((d.encoding, d.source), (UTF_8, CharsetSource::Bom));
        let d = decode_html(html.as_bytes(), Some("iso-8859-1"), None);
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(d.text, html);
    }

    #[test]
    fn meta_in_comment_is_ignored_and_params_parse() {
        assert_eq!(
            meta_charset(b"<!-- <meta charset=koi8-r> --><meta charset='utf-8'>"),
            Some(UTF_8)
        );
        assert_eq!(charset_param("text/html; Charset=\"UTF-8\""), Some("UTF-8"));
        assert_eq!(charset_param("text/html"), None);
        assert_eq!(
            country_tld("https://user@www.alwatan.sy:8080/a?b").as_deref(),
            Some("sy")
        );
        assert_eq!(country_tld("http://10.0.0.1/").as_deref(), None);
    }
}
