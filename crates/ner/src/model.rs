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

/// Emission weights of the rows training touched, indexed by a bitmap with running counts: a
/// lookup reads one 16-byte index entry (the whole index is 2^bits / 4 bytes: 256 KiB for 2^20
/// rows, which stays in cache) and, when the row is present, its 9 weights stored side by side.
/// A dense table would be 2^bits x 18 bytes (18.9 MB for 2^20), mostly zeros, and every lookup
/// a cache miss; the non-zero rows of a trained stage take about 2 MB.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    bits: u32,
    /// One entry per 64 rows: which of them are present, and how many present rows come before.
    index: Vec<IndexWord>,
    /// The present rows, in row order.
    rows: Vec<[i16; NUM_TAGS]>,
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[repr(C, align(16))]
struct IndexWord {
    present: u64,
    before: u32,
}

impl Table {
    /// A table of `2^bits` rows, none present.
    fn empty(bits: u32) -> Table {
        Table {
            bits,
            index: vec![IndexWord::default(); ((1usize << bits) / 64).max(1)],
            rows: Vec::new(),
        }
    }

    /// Appends a row; rows must come in increasing order.
    fn push(&mut self, row: usize, weights: [i16; NUM_TAGS]) {
        let word = &mut self.index[row / 64];
        word.present |= 1u64 << (row % 64);
        self.rows.push(weights);
    }

    /// Fills in the running counts once every row is pushed.
    fn finish(&mut self) {
        let mut before = 0u32;
        for w in &mut self.index {
            w.before = before;
            before += w.present.count_ones();
        }
    }

    /// The row at `row`, if present.
    #[inline]
    fn get(&self, row: usize) -> Option<&[i16; NUM_TAGS]> {
        let w = self.index[row / 64];
        let bit = row % 64;
        if w.present >> bit & 1 == 0 {
            return None;
        }
        let k = w.before as usize + (w.present & ((1u64 << bit) - 1)).count_ones() as usize;
        Some(&self.rows[k])
    }

    /// The present rows with their row numbers, in order.
    fn iter(&self) -> impl Iterator<Item = (usize, &[i16; NUM_TAGS])> + '_ {
        let mut k = 0;
        self.index
            .iter()
            .enumerate()
            .flat_map(move |(i, w)| {
                let mut bits = w.present;
                std::iter::from_fn(move || {
                    (bits != 0).then(|| {
                        let b = bits.trailing_zeros() as usize;
                        bits &= bits - 1;
                        i * 64 + b
                    })
                })
            })
            .map(move |row| {
                let r = (row, &self.rows[k]);
                k += 1;
                r
            })
    }

    /// Present rows.
    pub(crate) fn len(&self) -> usize {
        self.rows.len()
    }
}

/// The emission tables of both stages side by side: the second stage's features are the first
/// stage's plus a few, so one lookup per shared feature gives both stages' 9 weights (one cache
/// miss where two separate tables cost two).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct JointTable {
    index: Vec<IndexWord>,
    rows: Vec<[[i16; NUM_TAGS]; 2]>,
    mask: u64,
}

impl JointTable {
    /// Joins two tables of the same size; `None` if their sizes differ.
    pub(crate) fn new(a: &Table, b: &Table) -> Option<JointTable> {
        if a.bits != b.bits {
            return None;
        }
        let mut index = Vec::with_capacity(a.index.len());
        let mut rows = Vec::with_capacity(a.rows.len().max(b.rows.len()));
        for (w, (ia, ib)) in a.index.iter().zip(&b.index).enumerate() {
            let present = ia.present | ib.present;
            index.push(IndexWord {
                present,
                before: rows.len() as u32,
            });
            let mut bits = present;
            while bits != 0 {
                let row = w * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let zero = [0i16; NUM_TAGS];
                rows.push([*a.get(row).unwrap_or(&zero), *b.get(row).unwrap_or(&zero)]);
            }
        }
        // a row of zeros last, read for absent rows so that lookups do not branch
        rows.push([[0; NUM_TAGS]; 2]);
        Some(JointTable {
            index,
            rows,
            mask: (1u64 << a.bits) - 1,
        })
    }

    /// Rows stored (the zero row not counted).
    pub(crate) fn len(&self) -> usize {
        self.rows.len() - 1
    }

    /// Adds the weights of features `hashes` to both stages' integer sums.
    #[inline]
    pub(crate) fn add(
        &self,
        hashes: &[u64],
        first: &mut [i32; NUM_TAGS],
        second: &mut [i32; NUM_TAGS],
    ) {
        let zero = self.rows.len() - 1;
        for &h in hashes {
            let row = (h & self.mask) as usize;
            let w = self.index[row / 64];
            let bit = row % 64;
            // absent rows read the zero row: no branch to mispredict, and the loads of one
            // token's rows can all be in flight at once
            let present = 0usize.wrapping_sub((w.present >> bit & 1) as usize);
            let k = w.before as usize + (w.present & ((1u64 << bit) - 1)).count_ones() as usize;
            let [r1, r2] = &self.rows[(k & present) | (zero & !present)];
            for t in 0..NUM_TAGS {
                first[t] += i32::from(r1[t]);
                second[t] += i32::from(r2[t]);
            }
        }
    }
}

/// Weights in memory.
#[derive(Debug, Clone)]
pub(crate) struct Weights {
    pub bits: u32,
    /// The quantized emission weights; real weight = value / scale.
    pub emit: Table,
    pub scale: f32,
    pub start: [f32; NUM_TAGS],
    pub trans: [[f32; NUM_TAGS]; NUM_TAGS],
}

impl Weights {
    /// Quantizes real-valued emission weights (`(1 << bits) * NUM_TAGS` of them).
    pub(crate) fn quantize(
        bits: u32,
        emit: &[f32],
        start: [f32; NUM_TAGS],
        trans: [[f32; NUM_TAGS]; NUM_TAGS],
    ) -> Weights {
        let max = emit.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        let mut table = Table::empty(bits);
        for (r, row) in emit.chunks_exact(NUM_TAGS).enumerate() {
            let q: [i16; NUM_TAGS] =
                std::array::from_fn(|t| (row[t] * scale).round().clamp(-32767.0, 32767.0) as i16);
            if q.iter().any(|&w| w != 0) {
                table.push(r, q);
            }
        }
        table.finish();
        Weights {
            bits,
            emit: table,
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
        let mut acc = [0i32; NUM_TAGS];
        self.add(hashes, &mut acc);
        self.real(acc)
    }

    /// Adds the quantized weights of features `hashes` to `acc`.
    #[inline]
    pub(crate) fn add(&self, hashes: &[u64], acc: &mut [i32; NUM_TAGS]) {
        let mask = self.mask();
        for &h in hashes {
            if let Some(w) = self.emit.get((h & mask) as usize) {
                for t in 0..NUM_TAGS {
                    acc[t] += i32::from(w[t]);
                }
            }
        }
    }

    /// Real-valued scores from quantized sums.
    #[inline]
    pub(crate) fn real(&self, acc: [i32; NUM_TAGS]) -> [f32; NUM_TAGS] {
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
        out.extend_from_slice(&(self.emit.len() as u32).to_le_bytes());
        let mut next = 0usize;
        for (r, row) in self.emit.iter() {
            write_varint(out, (r - next) as u64);
            for &w in row {
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
        let mut emit = Table::empty(bits);
        emit.rows.reserve_exact(n_rows);
        let mut next = 0usize;
        for _ in 0..n_rows {
            let gap = r.varint()? as usize;
            let row = next
                .checked_add(gap)
                .filter(|&row| row < n_buckets)
                .ok_or_else(|| Error::Corrupt("a weight row lies outside the table".into()))?;
            let raw = r.take(2 * NUM_TAGS)?;
            let weights: [i16; NUM_TAGS] =
                std::array::from_fn(|t| i16::from_le_bytes([raw[2 * t], raw[2 * t + 1]]));
            emit.push(row, weights);
            next = row + 1;
        }
        emit.finish();
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

    fn bits_of(w: &Weights) -> u32 {
        w.bits
    }

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
        assert_eq!(back[1].emit.len(), 2);
        let dense = |w: &Weights| -> Vec<f32> {
            (0..1u64 << bits_of(w))
                .flat_map(|h| w.emission(&[h]))
                .collect()
        };
        assert_eq!(dense(&back[1]), dense(&w));
        assert_eq!(back[1].emission(&[3])[1], w.emission(&[3])[1]);
        assert!((w.emission(&[3])[1] - 2.5).abs() < 1e-3);
        assert!(
            (w.emission(&[200 + (1 << 8)])[8] + 1.0).abs() < 1e-3,
            "hashes are masked"
        );
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
