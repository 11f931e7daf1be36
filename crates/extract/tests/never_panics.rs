//! Arbitrary bytes through every reader: an answer (a document or an error), never a panic.
//! The cargo-fuzz targets in fuzz/ search far harder; these keep the property in `cargo test`.

use marsad_core::{InputKind, RawDocument};
use marsad_extract::inputs::Input;
use proptest::prelude::*;

fn doc(kind: InputKind, content: Vec<u8>) -> RawDocument {
    RawDocument {
        id: "prop".into(),
        kind,
        content,
        url: Some("https://example.sy/a".into()),
        ..Default::default()
    }
}

/// Bytes that look a little like markup, so the parsers get past their first checks.
fn markupish() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop::sample::select(vec![
        "<p>",
        "</p>",
        "<div class=\"content\">",
        "</div>",
        "<a href=x>",
        "</a>",
        "<h1>",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"",
        "</script>",
        "<meta charset=\"windows-1256\">",
        "<time datetime=\"2021-06-29\">",
        "قصفت الطائرات",
        " ",
        "\r\n",
        "WARC/1.0\r\n",
        "Content-Length: 12\r\n",
        "WARC-Type: response\r\n",
        "HTTP/1.1 200 OK\r\n",
        "<item><title>",
        "</item>",
        "<rss>",
        "&amp;",
        "<![CDATA[",
        "]]>",
        "\u{0}",
        "\u{feff}",
        "<br>",
        "<nav>",
        "<!--",
        "-->",
    ]);
    prop::collection::vec(
        prop_oneof![
            pieces.prop_map(|s| s.as_bytes().to_vec()),
            prop::collection::vec(any::<u8>(), 0..8)
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn html_never_panics(bytes in markupish()) {
        let _ = marsad_extract::extract(&doc(InputKind::Html, bytes));
    }

    #[test]
    fn text_never_panics(bytes in markupish()) {
        let _ = marsad_extract::extract(&doc(InputKind::Text, bytes));
    }

    #[test]
    fn warc_never_panics(bytes in markupish()) {
        for item in marsad_extract::warc::WarcReader::new("p.warc", &bytes[..], 1 << 16) {
            if let Input::Doc(raw) = item {
                let _ = marsad_extract::extract(&raw);
            }
        }
    }

    #[test]
    fn feed_never_panics(bytes in markupish()) {
        for item in marsad_extract::feed::read_feed("p.rss", &bytes) {
            if let Input::Doc(raw) = item {
                let _ = marsad_extract::extract(&raw);
            }
        }
    }

    #[test]
    fn charset_detection_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let d = marsad_extract::charset::decode_html(&bytes, None, Some("http://a.sy/"));
        prop_assert!(d.text.len() <= bytes.len() * 3 + 3);
    }
}
