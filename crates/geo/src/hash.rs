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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extending_equals_hashing_the_whole() {
        assert_eq!(extend(of("دير"), "الزور".as_bytes()), of("ديرالزور"));
    }
}
