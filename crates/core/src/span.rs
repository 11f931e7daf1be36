use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` into a text.
///
/// Inside the pipeline the offsets are bytes (always on `char` boundaries); in the JSON that
/// users read they are characters (see [`crate::CharOffsets`]). Serialized as `[start, end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text this (byte) span covers. Panics when the span is not on char boundaries of
    /// `text`, which would be a broken invariant of the stage that made it.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// The text this byte span covers, or `None` when it does not fit `text`.
    pub fn get<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.start..self.end)
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// This span moved by `delta` bytes (for spans computed on a slice of a larger text).
    pub fn shift(&self, delta: usize) -> Span {
        Span::new(self.start + delta, self.end + delta)
    }
}

/// A span is written as a sequence `[start, end]` (a JSON array; a list, not a tuple, where
/// serde's data model tells the two apart, as Python's does).
impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(2))?;
        seq.serialize_element(&self.start)?;
        seq.serialize_element(&self.end)?;
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(d)?;
        Ok(Span { start, end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_pair() {
        let s = Span::new(3, 9);
        assert_eq!(serde_json::to_string(&s).unwrap(), "[3,9]");
        let back: Span = serde_json::from_str("[3,9]").unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn cover_and_overlap() {
        let a = Span::new(0, 4);
        let b = Span::new(3, 8);
        assert!(a.overlaps(b));
        assert_eq!(a.cover(b), Span::new(0, 8));
        assert!(!a.overlaps(Span::new(4, 5)));
        assert!(Span::new(0, 8).contains(b));
    }
}
