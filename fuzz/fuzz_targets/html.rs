//! Any bytes as an HTML page (and as a gzip-compressed one): extraction answers, never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;
use marsad_core::{InputKind, RawDocument};

fuzz_target!(|data: &[u8]| {
    let raw = RawDocument {
        id: "fuzz.html".into(),
        kind: InputKind::Html,
        content: data.to_vec(),
        url: Some("https://example.sy/a".into()),
        ..Default::default()
    };
    let _ = marsad_extract::extract(&raw);
});
