//! The document memory behind the second stage: what the first stage tagged each word as in the
//! preceding sentences of the same document (and elsewhere in the current sentence).
//!
//! News repeats its names: «الرئيس محمد حسني مبارك» first, then «مبارك» alone, where the
//! sentence itself gives little evidence. The memory lets that later mention see the earlier one.
//! It looks back a fixed number of sentences (the model's `memory_sentences`), so it works on a
//! stream without knowing where documents end, and never looks ahead.

use std::collections::VecDeque;

use crate::features::MemoryCounts;
use crate::hash::HashMap64;

/// The memory class of a tag index: 0..4 for PERS, LOC, ORG, MISC, 4 for O.
fn class_of(tag: usize) -> usize {
    if tag == 0 {
        4
    } else {
        (tag - 1) / 2
    }
}

/// Words of recent sentences with the class the first stage gave them.
#[derive(Debug, Clone)]
pub(crate) struct Memory {
    window: usize,
    sentences: VecDeque<Vec<(u64, u8)>>,
    counts: HashMap64<MemoryCounts>,
}

impl Memory {
    pub(crate) fn new(window: usize) -> Memory {
        Memory {
            window,
            sentences: VecDeque::new(),
            counts: HashMap64::default(),
        }
    }

    /// For each token of the current sentence (its lookup hashes in CSR form), the counts of
    /// each class under any of its keys: in remembered sentences plus the other tokens of this
    /// one. The largest count over the token's keys is taken per class.
    pub(crate) fn lookup(
        &self,
        hashes: &[u64],
        starts: &[usize],
        first_tags: &[usize],
        out: &mut Vec<MemoryCounts>,
    ) {
        out.clear();
        let n = starts.len().saturating_sub(1);
        let mut local: HashMap64<MemoryCounts> =
            HashMap64::with_capacity_and_hasher(hashes.len(), Default::default());
        for i in 0..n {
            let c = class_of(first_tags[i]);
            for h in &hashes[starts[i]..starts[i + 1]] {
                local.entry(*h).or_default()[c] += 1;
            }
        }
        for i in 0..n {
            let own = class_of(first_tags[i]);
            let mut best: MemoryCounts = [0; 5];
            for h in &hashes[starts[i]..starts[i + 1]] {
                let mut total = self.counts.get(h).copied().unwrap_or_default();
                if let Some(l) = local.get(h) {
                    for c in 0..5 {
                        total[c] = total[c].saturating_add(l[c]);
                    }
                }
                total[own] = total[own].saturating_sub(1);
                for c in 0..5 {
                    best[c] = best[c].max(total[c]);
                }
            }
            out.push(best);
        }
    }

    /// Remembers a tagged sentence, forgetting the oldest beyond the window.
    pub(crate) fn remember(&mut self, hashes: &[u64], starts: &[usize], first_tags: &[usize]) {
        if self.window == 0 {
            return;
        }
        let n = starts.len().saturating_sub(1);
        let mut entries = Vec::with_capacity(hashes.len());
        for i in 0..n {
            let c = class_of(first_tags[i]) as u8;
            for h in &hashes[starts[i]..starts[i + 1]] {
                entries.push((*h, c));
                self.counts.entry(*h).or_default()[c as usize] += 1;
            }
        }
        self.sentences.push_back(entries);
        while self.sentences.len() > self.window {
            if let Some(old) = self.sentences.pop_front() {
                for (h, c) in old {
                    if let Some(slot) = self.counts.get_mut(&h) {
                        slot[c as usize] = slot[c as usize].saturating_sub(1);
                        if slot.iter().all(|&x| x == 0) {
                            self.counts.remove(&h);
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_within_the_window_only() {
        let mut m = Memory::new(1);
        // sentence 1: token hash 7 tagged B-PERS (index 1)
        m.remember(&[7], &[0, 1], &[1]);
        let mut out = Vec::new();
        m.lookup(&[7, 8], &[0, 1, 2], &[0, 0], &mut out);
        assert_eq!(
            out[0],
            [1, 0, 0, 0, 0],
            "seen once as PERS, its own O not counted"
        );
        assert_eq!(out[1], [0; 5]);
        m.remember(&[9], &[0, 1], &[3]);
        m.lookup(&[7], &[0, 1], &[0], &mut out);
        assert_eq!(out[0], [0; 5], "forgotten after the window");
    }
}
