//! WARC files written here from our own pages: plain and gzip per record, with the records a
//! crawl holds besides pages, and with broken records that must be reported and passed over.

use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;
use marsad_extract::inputs::Input;
use marsad_extract::warc::WarcReader;

const ARABIC: &str = "قصفت الطائرات مواقع في ريف إدلب الجنوبي صباح اليوم، وقتل ثلاثة مدنيين على الأقل بحسب ناشطين محليين.";

fn record(id: &str, rtype: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {rtype}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Date: 2021-06-29T07:15:00Z\r\nWARC-Target-URI: https://example.sy/{id}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut h = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    h.extend_from_slice(body);
    h
}

fn page(title: &str) -> String {
    format!("<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{ARABIC}</p><p>{ARABIC}</p></article></body></html>")
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A crawl of six records, two of which are pages.
fn records() -> Vec<Vec<u8>> {
    let arabic_page = page("خبر بترميز عربي");
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(&arabic_page);
    let mut chunked = Vec::new();
    let body = page("خبر مجزأ");
    let (a, b) = body.as_bytes().split_at(40);
    for part in [a, b] {
        write!(chunked, "{:x}\r\n", part.len()).unwrap();
        chunked.extend_from_slice(part);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    vec![
        record(
            "info",
            "warcinfo",
            "application/warc-fields",
            b"software: marsad-test\r\n",
        ),
        record(
            "req",
            "request",
            "application/http; msgtype=request",
            b"GET / HTTP/1.1\r\n\r\n",
        ),
        record(
            "page1",
            "response",
            "application/http; msgtype=response",
            &http(
                "200 OK",
                "Content-Type: text/html; charset=windows-1256\r\n",
                &cp1256,
            ),
        ),
        record(
            "image",
            "response",
            "application/http; msgtype=response",
            &http(
                "200 OK",
                "Content-Type: image/jpeg\r\n",
                b"\xff\xd8\xff\xe0",
            ),
        ),
        record(
            "missing",
            "response",
            "application/http; msgtype=response",
            &http(
                "404 Not Found",
                "Content-Type: text/html\r\n",
                b"<p>not here</p>",
            ),
        ),
        record(
            "page2",
            "response",
            "application/http; msgtype=response",
            &http(
                "200 OK",
                "Content-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n",
                &chunked,
            ),
        ),
    ]
}

fn docs(items: &[Input]) -> Vec<&marsad_core::RawDocument> {
    items
        .iter()
        .filter_map(|i| match i {
            Input::Doc(d) => Some(d),
            _ => None,
        })
        .collect()
}

fn check_pages(items: &[Input]) {
    let d = docs(items);
    assert_eq!(d.len(), 2, "{items:?}");
    assert_eq!(d[0].id, "<urn:uuid:page1>");
    assert_eq!(d[0].url.as_deref(), Some("https://example.sy/page1"));
    assert_eq!(d[0].charset.as_deref(), Some("windows-1256"));
    let a = marsad_extract::extract(d[0]).unwrap();
    assert_eq!(a.title.as_deref(), Some("خبر بترميز عربي"));
    assert!(a.text.starts_with("قصفت الطائرات"), "{}", a.text);
    // no date in the page: the crawl date is the last resort
    assert_eq!(a.published.as_deref(), Some("2021-06-29T07:15:00+00:00"));
    let a = marsad_extract::extract(d[1]).unwrap();
    assert_eq!(a.title.as_deref(), Some("خبر مجزأ"));
    assert!(a.text.contains("ثلاثة مدنيين"), "{}", a.text);
}

#[test]
fn plain_and_gzip_per_record() {
    let recs = records();
    let plain: Vec<u8> = recs.concat();
    let items: Vec<Input> = WarcReader::new("crawl.warc", &plain[..], 1 << 20).collect();
    check_pages(&items);
    assert_eq!(items.len(), 2, "only pages become items: {items:?}");
    let gzipped: Vec<u8> = recs.iter().flat_map(|r| gz(r)).collect();
    let items: Vec<Input> = WarcReader::new("crawl.warc.gz", &gzipped[..], 1 << 20).collect();
    check_pages(&items);
    // one gzip stream around the whole file reads the same
    let whole = gz(&plain);
    let items: Vec<Input> = WarcReader::new("whole.warc.gz", &whole[..], 1 << 20).collect();
    check_pages(&items);
}

fn failures(items: &[Input]) -> Vec<(&str, &str)> {
    items
        .iter()
        .filter_map(|i| match i {
            Input::Failed { id, reason } => Some((id.as_str(), reason.as_str())),
            _ => None,
        })
        .collect()
}

#[test]
fn a_corrupt_record_is_reported_and_the_next_one_read() {
    let recs = records();
    let mut plain = recs[..3].concat();
    let offset = plain.len();
    plain.extend_from_slice(b"GARBAGE LINE\r\nmore garbage\r\n\r\n");
    plain.extend(recs[3..].concat());
    let items: Vec<Input> = WarcReader::new("c.warc", &plain[..], 1 << 20).collect();
    check_pages(&items);
    let f = failures(&items);
    assert_eq!(f.len(), 1, "{items:?}");
    assert!(
        f[0].1.contains("c.warc") && f[0].1.contains(&format!("byte {offset}")),
        "{f:?}"
    );

    // gzip: a damaged member in the middle
    let mut gzipped = Vec::new();
    for (i, r) in recs.iter().enumerate() {
        let mut m = gz(r);
        if i == 3 {
            let mid = m.len() / 2;
            m[mid] ^= 0xff;
            m[mid + 1] ^= 0xff;
        }
        gzipped.extend(m);
    }
    let items: Vec<Input> = WarcReader::new("c.warc.gz", &gzipped[..], 1 << 20).collect();
    check_pages(&items);
    assert!(failures(&items).len() <= 1, "{items:?}");
}

#[test]
fn truncated_and_oversized_records() {
    let recs = records();
    let mut plain = recs.concat();
    plain.truncate(plain.len() - 100);
    let items: Vec<Input> = WarcReader::new("t.warc", &plain[..], 1 << 20).collect();
    assert_eq!(docs(&items).len(), 1);
    let f = failures(&items);
    assert_eq!(f.len(), 1, "{items:?}");
    assert_eq!(f[0].0, "<urn:uuid:page2>");
    assert!(f[0].1.contains("truncated"), "{f:?}");

    let gzipped: Vec<u8> = recs.iter().flat_map(|r| gz(r)).collect();
    let cut = &gzipped[..gzipped.len() - 30];
    let items: Vec<Input> = WarcReader::new("t.warc.gz", cut, 1 << 20).collect();
    assert_eq!(docs(&items).len(), 1, "{items:?}");
    assert!(failures(&items)[0].1.contains("truncated"), "{items:?}");

    // a cap smaller than the first page: it is refused, the smaller second page is read
    let first_len = recs[2].len() as u64;
    let items: Vec<Input> =
        WarcReader::new("cap.warc", &recs.concat()[..], first_len - 200).collect();
    let f = failures(&items);
    assert_eq!(f.len(), 1, "{items:?}");
    assert!(f[0].1.contains("cap"), "{f:?}");
    assert_eq!(docs(&items).len(), 1);
}

#[test]
fn reading_a_warc_file_through_inputs() {
    let dir = std::env::temp_dir().join(format!("marsad-warc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("crawl.warc.gz");
    let gzipped: Vec<u8> = records().iter().flat_map(|r| gz(r)).collect();
    std::fs::write(&path, gzipped).unwrap();
    let items: Vec<Input> = marsad_extract::inputs::read_inputs(
        &[path.display().to_string()],
        marsad_extract::inputs::InputOptions::default(),
    )
    .collect();
    check_pages(&items);
}
