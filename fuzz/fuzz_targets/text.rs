//! Any bytes as flattened text: extraction answers, never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;
use marsad_core::{InputKind, RawDocument};

fuzz_target!(|data: &[u8]| {
    let raw = RawDocument {
        id: "fuzz.txt".into(),
        kind: InputKind::Text,
        content: data.to_vec(),
        ..Default::default()
    };
    let _ = marsad_extract::extract(&raw);
});
