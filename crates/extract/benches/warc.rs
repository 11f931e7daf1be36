//! WARC reading throughput, plain and gzip per record, on a file generated here from pages the
//! bench writes itself. Throughput is in bytes of uncompressed records.

use std::hint::black_box;
use std::io::Write;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use flate2::write::GzEncoder;
use flate2::Compression;
use marsad_extract::inputs::Input;
use marsad_extract::warc::WarcReader;

const PARAGRAPH: &str = "قصفت الطائرات الحربية مواقع في ريف إدلب الجنوبي صباح اليوم، وقتل ثلاثة مدنيين على الأقل بحسب ناشطين محليين، فيما قالت مصادر ميدانية إن القصف استهدف الأحياء السكنية والأسواق الشعبية.";

fn page(n: usize) -> String {
    let mut html = format!(
        "<!doctype html><html lang=\"ar\"><head><meta charset=\"utf-8\"><title>خبر رقم {n}</title></head><body><nav><a href=\"/\">الرئيسية</a></nav><article><h1>خبر رقم {n}</h1>"
    );
    for _ in 0..(20 + n % 40) {
        html.push_str("<p>");
        html.push_str(PARAGRAPH);
        html.push_str("</p>\n");
    }
    html.push_str("</article></body></html>");
    html
}

fn record(n: usize, rtype: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {rtype}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012}>\r\nWARC-Date: 2021-06-29T07:15:00Z\r\nWARC-Target-URI: https://example.sy/news/{n}\r\nContent-Type: application/http; msgtype={rtype}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

/// (plain file, gzip-per-record file, documents, uncompressed bytes)
fn warc_files(pages: usize) -> (Vec<u8>, Vec<u8>, usize) {
    let mut plain = Vec::new();
    let mut gz = Vec::new();
    for n in 0..pages {
        let body = page(n);
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let request = record(n, "request", b"GET / HTTP/1.1\r\nHost: example.sy\r\n\r\n");
        let response = record(n, "response", http.as_bytes());
        for r in [request, response] {
            plain.extend_from_slice(&r);
            let mut e = GzEncoder::new(Vec::new(), Compression::default());
            e.write_all(&r).unwrap();
            gz.extend(e.finish().unwrap());
        }
    }
    (plain, gz, pages)
}

fn bench(c: &mut Criterion) {
    let (plain, gz, pages) = warc_files(400);
    let mut g = c.benchmark_group("warc");
    g.throughput(Throughput::Bytes(plain.len() as u64));
    g.bench_function("plain", |b| {
        b.iter(|| {
            let docs = WarcReader::new("bench.warc", &plain[..], 64 << 20)
                .filter(|i| matches!(i, Input::Doc(_)))
                .count();
            assert_eq!(docs, pages);
            black_box(docs)
        })
    });
    g.bench_function("gzip_per_record", |b| {
        b.iter(|| {
            let docs = WarcReader::new("bench.warc.gz", &gz[..], 64 << 20)
                .filter(|i| matches!(i, Input::Doc(_)))
                .count();
            assert_eq!(docs, pages);
            black_box(docs)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
