//! The model: hashed emission weights (quantized to i16), a transition matrix, and the file
//! format that carries them.
//!
//! File layout (little endian): magic `MARSADNR`, format version (u32), feature-set fingerprint
//! (u64), metadata length (u32) and JSON metadata ([`ModelInfo`]), the number of stages (u32,
//! 1 or 2), then each stage: bucket bits (u32), weight scale (f32), start scores (9 f32),
//! transition scores (81 f32), the number of non-zero weight rows (u32) and each row as a varint
//! gap from the previous row followed by 9 i16; last, an FNV-1a 64 checksum of everything before. Rows that are all zero are not stored,
//! which keeps the file small: most hash buckets are never touched by training.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::tag::{Tag, NUM_TAGS};

const MAGIC: &[u8; 8] = b"MARSADNR";
/// The file format this build reads and writes.
pub(crate) const FORMAT_VERSION: u32 = 2;
/// Bucket bits a model may declare (a table of 2^bits rows of 9 weights).
const BITS_RANGE: std::ops::RangeInclusive<u32> = 8..=24;

/// What a model file says about itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelInfo {
    /// The training file's name.
    pub trained_on: String,
    /// Sentences and tokens trained on (the development split excluded).
    pub sentences: usize,
    pub tokens: usize,
    /// Training settings.
    pub epochs: usize,
    pub seed: u64,
    pub dev_split: f64,
    /// The weight table has 2^bucket_bits rows.
    pub bucket_bits: u32,
    /// Sentences the document memory looks back (second stage).
    pub memory_sentences: usize,
    /// Micro-F1 on the development split, when there was one.
    pub dev_micro_f1: Option<f64>,
    /// The licence and attribution the model carries from its training data.
    pub licence: String,
}

/// The licence note written into every model trained on ANERcorp.
pub const ANERCORP_LICENCE: &str =
    "CC BY-SA 4.0. Trained on ANERcorp (Benajiba, Rosso & Benedí Ruiz 2007, \
ANERsys, CICLing) in the CAMeL Lab train/test division (Obeid et al. 2020, CAMeL Tools, LREC).";

/// Weights in memory.
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    pub bits: u32,
    /// `(1 << bits) * NUM_TAGS` quantized emission weights; real weight = value / scale.
    pub emit: Vec<i16>,
    pub scale: f32,
    pub start: [f32; NUM_TAGS],
    pub trans: [[f32; NUM_TAGS]; NUM_TAGS],
}

impl Weights {
    /// Quantizes real-valued emission weights.
    pub(crate) fn quantize(
        bits: u32,
        emit: &[f32],
        start: [f32; NUM_TAGS],
        trans: [[f32; NUM_TAGS]; NUM_TAGS],
    ) -> Weights {
        let max = emit.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        let emit = emit
            .iter()
            .map(|w| (w * scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        Weights {
            bits,
            emit,
            scale,
            start,
            trans,
        }
    }

    #[inline]
    pub(crate) fn mask(&self) -> u64 {
        (1u64 << self.bits) - 1
    }

    /// The real-valued emission scores of a token with features `hashes`.
    #[inline]
    pub(crate) fn emission(&self, hashes: &[u64]) -> [f32; NUM_TAGS] {
        let mask = self.mask();
        let mut acc = [0i32; NUM_TAGS];
        for &h in hashes {
            let row = (h & mask) as usize * NUM_TAGS;
            let w = &self.emit[row..row + NUM_TAGS];
            for t in 0..NUM_TAGS {
                acc[t] += i32::from(w[t]);
            }
        }
        acc.map(|a| a as f32 / self.scale)
    }

    /// Appends this stage: bits, scale, start and transition scores, non-zero rows.
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        for s in self.start {
            out.extend_from_slice(&s.to_le_bytes());
        }
        for row in self.trans {
            for s in row {
                out.extend_from_slice(&s.to_le_bytes());
            }
        }
        let rows: Vec<usize> = (0..1usize << self.bits)
            .filter(|r| {
                self.emit[r * NUM_TAGS..(r + 1) * NUM_TAGS]
                    .iter()
                    .any(|&w| w != 0)
            })
            .collect();
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let mut next = 0usize;
        for &r in &rows {
            write_varint(out, (r - next) as u64);
            for &w in &self.emit[r * NUM_TAGS..(r + 1) * NUM_TAGS] {
                out.extend_from_slice(&w.to_le_bytes());
            }
            next = r + 1;
        }
    }

    fn read(r: &mut Reader<'_>) -> Result<Weights> {
        let bits = r.u32()?;
        if !BITS_RANGE.contains(&bits) {
            return Err(Error::Corrupt(format!("bucket bits {bits} out of range")));
        }
        let scale = r.f32()?;
        if !(scale.is_finite() && scale > 0.0) {
            return Err(Error::Corrupt(format!(
                "weight scale {scale} is not positive"
            )));
        }
        let mut start = [0f32; NUM_TAGS];
        for s in &mut start {
            *s = r.f32()?;
        }
        let mut trans = [[0f32; NUM_TAGS]; NUM_TAGS];
        for row in &mut trans {
            for s in row.iter_mut() {
                *s = r.f32()?;
            }
        }
        if start
            .iter()
            .chain(trans.iter().flatten())
            .any(|s| !s.is_finite())
        {
            return Err(Error::Corrupt("a transition score is not finite".into()));
        }
        let n_buckets = 1usize << bits;
        let n_rows = r.u32()? as usize;
        if n_rows > n_buckets {
            return Err(Error::Corrupt(format!(
                "{n_rows} rows for {n_buckets} buckets"
            )));
        }
        let mut emit = vec![0i16; n_buckets * NUM_TAGS];
        let mut next = 0usize;
        for _ in 0..n_rows {
            let gap = r.varint()? as usize;
            let row = next
                .checked_add(gap)
                .filter(|&row| row < n_buckets)
                .ok_or_else(|| Error::Corrupt("a weight row lies outside the table".into()))?;
            let raw = r.take(2 * NUM_TAGS)?;
            for (t, pair) in raw.chunks_exact(2).enumerate() {
                emit[row * NUM_TAGS + t] = i16::from_le_bytes([pair[0], pair[1]]);
            }
            next = row + 1;
        }
        Ok(Weights {
            bits,
            emit,
            scale,
            start,
            trans,
        })
    }
}

/// The bytes of a model file holding `stages`.
pub(crate) fn to_bytes(stages: &[&Weights], fingerprint: u64, info: &ModelInfo) -> Vec<u8> {
    let meta = serde_json::to_vec(info).expect("ModelInfo serializes");
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&fingerprint.to_le_bytes());
    out.extend_from_slice(&(meta.len() as u32).to_le_bytes());
    out.extend_from_slice(&meta);
    out.extend_from_slice(&(stages.len() as u32).to_le_bytes());
    for s in stages {
        s.write(&mut out);
    }
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// Reads a model file, checking the magic, version, fingerprint and checksum.
pub(crate) fn from_bytes(bytes: &[u8], fingerprint: u64) -> Result<(Vec<Weights>, ModelInfo)> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(Error::NotAModel);
    }
    let mut r = Reader {
        bytes,
        pos: MAGIC.len(),
    };
    let version = r.u32()?;
    if version != FORMAT_VERSION {
        return Err(Error::UnsupportedVersion {
            found: version,
            expected: FORMAT_VERSION,
        });
    }
    let found = r.u64()?;
    if found != fingerprint {
        return Err(Error::FeatureMismatch {
            found,
            expected: fingerprint,
        });
    }
    if bytes.len() < r.pos + 8 {
        return Err(Error::Corrupt("the file ends inside its header".into()));
    }
    let (body, sum) = bytes.split_at(bytes.len() - 8);
    if checksum(body) != u64::from_le_bytes(sum.try_into().expect("8 bytes")) {
        return Err(Error::Corrupt(
            "checksum mismatch (the file is truncated or damaged)".into(),
        ));
    }
    let mut r = Reader {
        bytes: body,
        pos: r.pos,
    };
    let meta_len = r.u32()? as usize;
    let meta = r.take(meta_len)?;
    let info: ModelInfo =
        serde_json::from_slice(meta).map_err(|e| Error::Corrupt(format!("metadata: {e}")))?;
    let n_stages = r.u32()? as usize;
    if !(1..=2).contains(&n_stages) {
        return Err(Error::Corrupt(format!(
            "{n_stages} stages (1 or 2 expected)"
        )));
    }
    let mut stages = Vec::with_capacity(n_stages);
    for _ in 0..n_stages {
        stages.push(Weights::read(&mut r)?);
    }
    if r.pos != body.len() {
        return Err(Error::Corrupt("trailing bytes after the weights".into()));
    }
    Ok((stages, info))
}

/// The scores decoding uses for a transition `prev -> cur`: the learned score, or minus
/// infinity where IOB2 forbids it.
pub(crate) fn constrained(
    start: &[f32; NUM_TAGS],
    trans: &[[f32; NUM_TAGS]; NUM_TAGS],
) -> ([f32; NUM_TAGS], [[f32; NUM_TAGS]; NUM_TAGS]) {
    let mut s = *start;
    let mut t = *trans;
    for (cur, score) in s.iter_mut().enumerate() {
        if !Tag::from_index(cur).may_follow(None) {
            *score = f32::NEG_INFINITY;
        }
    }
    for (prev, row) in t.iter_mut().enumerate() {
        for (cur, score) in row.iter_mut().enumerate() {
            if !Tag::from_index(cur).may_follow(Some(Tag::from_index(prev))) {
                *score = f32::NEG_INFINITY;
            }
        }
    }
    (s, t)
}

fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| Error::Corrupt("the file ends early".into()))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    fn u64(&mut self) -> Result<u64> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }

    fn f32(&mut self) -> Result<f32> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    fn varint(&mut self) -> Result<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(Error::Corrupt("an overlong number".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Weights, ModelInfo) {
        let bits = 8;
        let mut emit = vec![0f32; (1 << bits) * NUM_TAGS];
        emit[3 * NUM_TAGS + 1] = 2.5;
        emit[200 * NUM_TAGS + 8] = -1.0;
        let info = ModelInfo {
            trained_on: "t".into(),
            sentences: 1,
            tokens: 2,
            epochs: 3,
            seed: 4,
            dev_split: 0.0,
            bucket_bits: bits,
            memory_sentences: 0,
            dev_micro_f1: None,
            licence: ANERCORP_LICENCE.into(),
        };
        let w = Weights::quantize(bits, &emit, [0.5; NUM_TAGS], [[0.25; NUM_TAGS]; NUM_TAGS]);
        (w, info)
    }

    #[test]
    fn round_trips() {
        let (w, info) = sample();
        let bytes = to_bytes(&[&w, &w], 42, &info);
        let (back, info2) = from_bytes(&bytes, 42).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back[1].emit, w.emit);
        assert_eq!(back[1].trans, w.trans);
        assert_eq!(back[1].start, w.start);
        assert_eq!(info2, info);
    }

    #[test]
    fn rejects_damage() {
        let (w, info) = sample();
        let bytes = to_bytes(&[&w], 42, &info);
        assert!(matches!(from_bytes(b"", 42), Err(Error::NotAModel)));
        assert!(matches!(
            from_bytes(b"hello world", 42),
            Err(Error::NotAModel)
        ));
        assert!(matches!(
            from_bytes(&bytes, 43),
            Err(Error::FeatureMismatch { .. })
        ));
        for cut in [9, 20, 30, bytes.len() / 2, bytes.len() - 1] {
            assert!(from_bytes(&bytes[..cut], 42).is_err(), "cut at {cut}");
        }
        for flip in [24, 40, bytes.len() / 2, bytes.len() - 12] {
            let mut b = bytes.clone();
            b[flip] ^= 0x55;
            assert!(from_bytes(&b, 42).is_err(), "flip at {flip}");
        }
    }
}
