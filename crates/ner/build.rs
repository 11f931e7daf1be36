//! Embeds the committed model (data/ner/model.bin) when it exists; a build without it still
//! compiles, and `Tagger::embedded()` then says how to train one.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let model = manifest.join("../../data/ner/model.bin");
    println!("cargo:rerun-if-changed={}", model.display());
    // the folder too, so that a model written after a first build is picked up
    println!(
        "cargo:rerun-if-changed={}",
        manifest.join("../../data/ner").display()
    );
    let path = if model.is_file() {
        model
    } else {
        let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it"));
        let empty = out.join("no-model.bin");
        std::fs::write(&empty, b"").expect("OUT_DIR is writable");
        empty
    };
    println!(
        "cargo:rustc-env=MARSAD_NER_EMBEDDED_MODEL={}",
        path.display()
    );
}
