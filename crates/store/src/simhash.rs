//! Near-duplicate detection: a 64-bit SimHash over word shingles of the matching key.
//! The same wire copy in five outlets differs by a dateline, a byline or a sentence; its SimHash
//! differs by a few bits. Candidates are found through six bands of 10-11 bits (two texts within
//! five bits share at least one band exactly), then confirmed by the Hamming distance.

use marsad::arabic::{key, tokenize, TokenKind};
use xxhash_rust::xxh3::xxh3_64;

/// Texts whose fingerprints differ in at most this many bits are near-duplicates.
pub const MAX_DISTANCE: u32 = 5;
/// Bit widths of the bands (they add up to 64; one more band than [`MAX_DISTANCE`]).
const BAND_BITS: [u32; 6] = [11, 11, 11, 11, 10, 10];
const SHINGLE: usize = 3;

/// The SimHash of `text`.
pub fn simhash(text: &str) -> u64 {
    let words: Vec<String> = tokenize(text)
        .iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .map(|t| key(t.text(text)))
        .collect();
    if words.is_empty() {
        return 0;
    }
    let mut counts = [0i32; 64];
    let n = words.len().saturating_sub(SHINGLE - 1).max(1);
    for i in 0..n {
        let shingle = words[i..(i + SHINGLE).min(words.len())].join(" ");
        let h = xxh3_64(shingle.as_bytes());
        for (bit, c) in counts.iter_mut().enumerate() {
            *c += if h >> bit & 1 == 1 { 1 } else { -1 };
        }
    }
    counts.iter().enumerate().fold(
        0u64,
        |acc, (bit, c)| if *c > 0 { acc | 1 << bit } else { acc },
    )
}

/// The bands of a fingerprint.
pub fn bands(h: u64) -> [i64; 6] {
    let mut out = [0i64; 6];
    let mut shift = 0;
    for (i, bits) in BAND_BITS.iter().enumerate() {
        out[i] = ((h >> shift) & ((1u64 << bits) - 1)) as i64;
        shift += bits;
    }
    out
}

pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str =
        "قالت وزارة الدفاع إن قواتها تصدت لهجوم شنه مسلحون على نقطة عسكرية قرب الحدود، \
        ما أسفر عن مقتل ثلاثة من المهاجمين وإصابة جنديين بجروح طفيفة، وأضافت أن عمليات التمشيط \
        ما زالت مستمرة في المنطقة المحيطة بالنقطة منذ ساعات الصباح الأولى من يوم الأحد";

    #[test]
    fn wire_copy_with_another_dateline_is_near() {
        let a = simhash(&format!("بيروت - رويترز: {WIRE}"));
        let b = simhash(&format!("(أ ف ب) - {WIRE}."));
        assert!(
            distance(a, b) <= MAX_DISTANCE,
            "distance {}",
            distance(a, b)
        );
    }

    #[test]
    fn bands_cover_every_bit() {
        assert_eq!(BAND_BITS.iter().sum::<u32>(), 64);
        assert_eq!(BAND_BITS.len() as u32, MAX_DISTANCE + 1);
        assert_eq!(
            bands(u64::MAX)
                .iter()
                .map(|b| (*b as u64).count_ones())
                .sum::<u32>(),
            64
        );
    }

    #[test]
    fn different_stories_are_far() {
        let a = simhash(WIRE);
        let b = simhash(
            "خرج آلاف المتظاهرين في شوارع العاصمة للمطالبة بإصلاحات اقتصادية وسياسية عاجلة، \
            ورفعوا لافتات تندد بارتفاع الأسعار وتطالب بمحاسبة المسؤولين عن الفساد في المؤسسات العامة",
        );
        assert!(distance(a, b) > MAX_DISTANCE * 3);
    }
}
