//! Flattened text (a scraper's dump of a page) into an article. (Minimal: every non-empty line
//! is a paragraph; the boilerplate rules are being written.)

use marsad_core::Article;

/// Extracts an article from flattened text.
pub fn extract_flattened(content: &str) -> Article {
    let paragraphs: Vec<&str> = content
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    Article {
        text: paragraphs.join("\n\n"),
        ..Default::default()
    }
}
