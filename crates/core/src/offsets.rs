use crate::Span;

/// Converts byte offsets of one text into character (Unicode scalar value) offsets.
///
/// Built once per document at the output edge; each lookup is a binary search over the
/// positions of the multi-byte characters, so ASCII-heavy and Arabic texts both stay cheap.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// Byte offset of every char start, plus the text length at the end.
    starts: Vec<usize>,
}

impl CharOffsets {
    pub fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        CharOffsets { starts }
    }

    /// The char offset of a byte offset. A byte offset inside a char maps to that char's index
    /// (which never happens for spans made by Marsad's stages); one past the end maps to the
    /// char count.
    pub fn char_at(&self, byte: usize) -> usize {
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The byte offset of a char offset (clamped to the text length).
    pub fn byte_at(&self, ch: usize) -> usize {
        self.starts[ch.min(self.starts.len() - 1)]
    }

    /// A byte span as a char span.
    pub fn span(&self, bytes: Span) -> Span {
        Span::new(self.char_at(bytes.start), self.char_at(bytes.end))
    }

    /// A char span as a byte span.
    pub fn byte_span(&self, chars: Span) -> Span {
        Span::new(self.byte_at(chars.start), self.byte_at(chars.end))
    }

    /// Number of chars in the text.
    pub fn char_len(&self) -> usize {
        self.starts.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_arabic_and_ascii() {
        let text = "ab قصف 12 دير";
        let idx = CharOffsets::new(text);
        assert_eq!(idx.char_len(), text.chars().count());
        for (b, _) in text.char_indices() {
            let c = idx.char_at(b);
            assert_eq!(idx.byte_at(c), b);
        }
        let b = Span::new(text.find("دير").unwrap(), text.len());
        let c = idx.span(b);
        let sliced: String = text.chars().skip(c.start).take(c.len()).collect();
        assert_eq!(sliced, "دير");
        assert_eq!(idx.byte_span(c), b);
    }
}
