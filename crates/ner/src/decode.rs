//! Viterbi decoding over the nine tags, with IOB2's constraints folded into the transition
//! scores (a forbidden transition scores minus infinity, so no output can contain one).

use crate::tag::NUM_TAGS;

/// The best tag sequence for `emissions` under `start`/`trans` (already constrained, see
/// [`crate::model::constrained`]). Writes tag indices to `out`.
pub(crate) fn viterbi(
    emissions: &[[f32; NUM_TAGS]],
    start: &[f32; NUM_TAGS],
    trans: &[[f32; NUM_TAGS]; NUM_TAGS],
    back: &mut Vec<[u8; NUM_TAGS]>,
    out: &mut Vec<usize>,
) {
    out.clear();
    back.clear();
    let Some(first) = emissions.first() else {
        return;
    };
    let mut score = [0f32; NUM_TAGS];
    for t in 0..NUM_TAGS {
        score[t] = start[t] + first[t];
    }
    back.push([0; NUM_TAGS]);
    // the transitions into each tag that are allowed (an I- tag follows only its B- or I-), in
    // tag order: a forbidden one scores minus infinity and could never win
    let mut allowed = [[0u8; NUM_TAGS]; NUM_TAGS];
    let mut n_allowed = [0usize; NUM_TAGS];
    for cur in 0..NUM_TAGS {
        for (prev, row) in trans.iter().enumerate() {
            if row[cur] > f32::NEG_INFINITY {
                allowed[cur][n_allowed[cur]] = prev as u8;
                n_allowed[cur] += 1;
            }
        }
    }
    for e in &emissions[1..] {
        let mut next = [f32::NEG_INFINITY; NUM_TAGS];
        let mut ptr = [0u8; NUM_TAGS];
        for cur in 0..NUM_TAGS {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0usize;
            for &prev in &allowed[cur][..n_allowed[cur]] {
                let prev = prev as usize;
                let s = score[prev] + trans[prev][cur];
                if s > best {
                    best = s;
                    arg = prev;
                }
            }
            next[cur] = best + e[cur];
            ptr[cur] = arg as u8;
        }
        score = next;
        back.push(ptr);
    }
    // O (index 0) is always reachable, so the best is finite unless emissions are not
    let mut best = 0usize;
    for t in 1..NUM_TAGS {
        if score[t] > score[best] {
            best = t;
        }
    }
    out.resize(emissions.len(), 0);
    let mut cur = best;
    for i in (0..emissions.len()).rev() {
        out[i] = cur;
        cur = back[i][cur] as usize;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::constrained;
    use crate::tag::{is_valid_iob2, Tag};

    #[test]
    fn forbidden_transitions_never_win() {
        let (start, trans) = constrained(&[0.0; NUM_TAGS], &[[0.0; NUM_TAGS]; NUM_TAGS]);
        // emissions that want I-LOC everywhere, and I-PERS after it
        let mut e = vec![[0f32; NUM_TAGS]; 3];
        e[0][Tag::I(crate::NerKind::Loc).index()] = 10.0;
        e[1][Tag::I(crate::NerKind::Pers).index()] = 10.0;
        e[2][Tag::I(crate::NerKind::Pers).index()] = 10.0;
        let mut out = Vec::new();
        viterbi(&e, &start, &trans, &mut Vec::new(), &mut out);
        let tags: Vec<Tag> = out.iter().map(|&i| Tag::from_index(i)).collect();
        assert!(is_valid_iob2(&tags), "{tags:?}");
    }
}
