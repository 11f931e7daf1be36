//! Hashes of matching keys.
//!
//! Keys are hashed byte by byte with FNV-1a so that the hash of a name can be grown one word at a
//! time while scanning a text (the hash of «دير» continued with «الزور» equals the hash of
//! «ديرالزور»). The maps below store those 64-bit hashes; a collision would at worst propose a
//! wrong candidate, which disambiguation and the cue rules then weigh like any other.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// The hash of the empty key.
pub(crate) const EMPTY: u64 = FNV_OFFSET;

/// `h` continued with `bytes`.
#[inline]
pub(crate) fn extend(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// The hash of a whole key.
#[inline]
pub(crate) fn of(key: &str) -> u64 {
    extend(EMPTY, key.as_bytes())
}

/// A hasher for keys that already are hashes: one multiply to spread the bits.
#[derive(Default, Clone, Copy)]
pub(crate) struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = extend(self.0, bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub(crate) type HashMapU64<V> = HashMap<u64, V, BuildHasherDefault<PreHashed>>;
pub(crate) type HashSetU64 = HashSet<u64, BuildHasherDefault<PreHashed>>;

/// A set of hashes that may answer yes for a hash it never held (about 3% of them with 600,000
/// entries), never no for one it holds: a filter for "can a name go on from here", where a
/// false yes costs one more lookup and nothing else. One bit per slot: cheap to fill at start-up
/// and to ask, unlike a hash set of 600,000 entries.
pub(crate) struct BitFilter {
    bits: Vec<u64>,
    shift: u32,
}

impl BitFilter {
    /// A filter of 2^`log2_bits` bits.
    pub fn new(log2_bits: u32) -> Self {
        BitFilter {
            bits: vec![0; 1 << (log2_bits - 6)],
            shift: 64 - log2_bits,
        }
    }

    #[inline]
    fn slot(&self, h: u64) -> usize {
        (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    #[inline]
    pub fn insert(&mut self, h: u64) {
        let i = self.slot(h);
        self.bits[i / 64] |= 1 << (i % 64);
    }

    #[inline]
    pub fn contains(&self, h: u64) -> bool {
        let i = self.slot(h);
        self.bits[i / 64] & (1 << (i % 64)) != 0
    }
}

impl std::fmt::Debug for BitFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BitFilter({} bits)", self.bits.len() * 64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_holds_what_went_in_and_rarely_more() {
        let mut f = BitFilter::new(24);
        for i in 0..600_000u64 {
            f.insert(of(&format!("مكان{i}")));
        }
        assert!((0..600_000u64).all(|i| f.contains(of(&format!("مكان{i}")))));
        let false_yes = (0..100_000u64)
            .filter(|i| f.contains(of(&format!("غيره{i}"))))
            .count();
        assert!(false_yes < 5_000, "{false_yes} false yeses in 100,000");
    }

    #[test]
    fn extending_equals_hashing_the_whole() {
        assert_eq!(extend(of("دير"), "الزور".as_bytes()), of("ديرالزور"));
    }
}
