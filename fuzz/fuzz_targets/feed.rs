//! Any bytes as an RSS or Atom feed: items read are extracted; nothing panics.
#![no_main]
use libfuzzer_sys::fuzz_target;
use marsad_extract::inputs::Input;

fuzz_target!(|data: &[u8]| {
    for item in marsad_extract::feed::read_feed("fuzz.rss", data) {
        if let Input::Doc(raw) = item {
            let _ = marsad_extract::extract(&raw);
        }
    }
});
