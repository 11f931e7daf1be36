//! Any bytes as a WARC file: every record read is extracted; nothing panics.
#![no_main]
use libfuzzer_sys::fuzz_target;
use marsad_extract::inputs::Input;
use marsad_extract::warc::WarcReader;

fuzz_target!(|data: &[u8]| {
    for item in WarcReader::new("fuzz.warc", data, 1 << 20).take(1000) {
        if let Input::Doc(raw) = item {
            let _ = marsad_extract::extract(&raw);
        }
    }
});
