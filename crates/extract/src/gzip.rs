//! Bounded gzip decompression: `.html.gz` files, gzip-encoded HTTP bodies, gzip-per-record WARC.
//! Every reader here stops at a cap, so that a gzip bomb costs at most the cap in memory.

use std::io::Read;

use flate2::read::MultiGzDecoder;

/// The two bytes every gzip member starts with.
pub const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Whether `bytes` start like a gzip stream.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&GZIP_MAGIC)
}

/// Decompresses all members of a gzip stream read from `r`, up to `max` bytes of output.
/// More output is an error (`... larger than the cap`), as is a truncated or corrupt stream.
pub fn gunzip_capped(r: impl Read, max: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut dec = MultiGzDecoder::new(r).take(max.saturating_add(1));
    if let Err(e) = dec.read_to_end(&mut out) {
        return Err(describe_gzip_error(&e));
    }
    if out.len() as u64 > max {
        return Err(format!(
            "decompresses to more than the {max}-byte cap (a gzip bomb or an oversized page)"
        ));
    }
    Ok(out)
}

/// A readable reason for a gzip read error.
pub fn describe_gzip_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => {
            "truncated gzip data (unexpected end of stream)".into()
        }
        _ => format!("corrupt gzip data ({e})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn members_truncation_and_bombs() {
        let mut two = gz(b"<p>one</p>");
        two.extend(gz(b"<p>two</p>"));
        assert_eq!(
            gunzip_capped(&two[..], 100).unwrap(),
            b"<p>one</p><p>two</p>"
        );
        let whole = gz(&vec![b'a'; 100_000]);
        let err = gunzip_capped(&whole[..whole.len() - 5], 1 << 20).unwrap_err();
        assert!(err.contains("truncated"), "{err}");
        let err = gunzip_capped(&whole[..], 1000).unwrap_err();
        assert!(err.contains("cap"), "{err}");
        let mut bad = whole.clone();
        bad[20] ^= 0xff;
        bad[21] ^= 0xff;
        assert!(gunzip_capped(&bad[..], 1 << 20).is_err());
    }
}
