//! Character classes on the hot path: the same answers as `char::is_alphabetic`,
//! `char::is_alphanumeric` and `char::to_lowercase`, with fast paths for ASCII and the Arabic
//! block (U+0600-U+06FF), where the standard library takes its slow table search.

use std::sync::LazyLock;

const ARABIC_START: u32 = 0x0600;
const ARABIC_END: u32 = 0x0700;

/// One bit per char of the Arabic block: alphabetic, and alphanumeric.
struct Block {
    alphabetic: [u64; 4],
    alphanumeric: [u64; 4],
}

static BLOCK: LazyLock<Block> = LazyLock::new(|| {
    let mut b = Block {
        alphabetic: [0; 4],
        alphanumeric: [0; 4],
    };
    for cp in ARABIC_START..ARABIC_END {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        let i = (cp - ARABIC_START) as usize;
        if c.is_alphabetic() {
            b.alphabetic[i / 64] |= 1 << (i % 64);
        }
        if c.is_alphanumeric() {
            b.alphanumeric[i / 64] |= 1 << (i % 64);
        }
    }
    b
});

#[inline]
fn in_block(bits: &[u64; 4], c: char) -> bool {
    let i = (c as u32 - ARABIC_START) as usize;
    bits[i / 64] & (1 << (i % 64)) != 0
}

#[inline]
fn is_arabic_block(c: char) -> bool {
    (ARABIC_START..ARABIC_END).contains(&(c as u32))
}

/// `c.is_alphabetic()`, fast for ASCII and Arabic.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if is_arabic_block(c) {
        in_block(&BLOCK.alphabetic, c)
    } else {
        c.is_alphabetic()
    }
}

/// `c.is_alphanumeric()`, fast for ASCII and Arabic.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if is_arabic_block(c) {
        in_block(&BLOCK.alphanumeric, c)
    } else {
        c.is_alphanumeric()
    }
}

/// The first char of `c.to_lowercase()` (Arabic has no case: it is returned as it is).
#[inline]
pub fn lower(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else if is_arabic_block(c) {
        c
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_answers_as_the_standard_library_for_every_char() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(
                lower(c),
                c.to_lowercase().next().unwrap_or(c),
                "{c:?} lower case"
            );
        }
    }
}
