//! Training by the linear-chain CRF objective (Lafferty et al. 2001): the L2-regularized
//! conditional log-likelihood of the gold tags, over the same hashed features, start and
//! transition scores as the perceptron, minimized with L-BFGS (Nocedal 1980). The result has the
//! perceptron's form (emission rows, start, transitions), so decoding and the model file do not
//! change.
//!
//! The IOB2 constraints are part of the model here as in decoding: a forbidden transition has
//! probability zero, so the likelihood is spread over valid sequences only (the reader repairs
//! gold tags, so every gold sequence is valid).
//!
//! Deterministic: one thread, a fixed order of sentences and a fixed number of iterations (or
//! an early stop decided from the same numbers), so the same data and settings give the same
//! weights bit for bit.

use crate::tag::NUM_TAGS;
use crate::train::{Encoded, RawWeights};

/// Settings of a CRF fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct CrfSettings {
    /// The weight of the penalty `l2 / 2 * ||w||^2` (emission, start and transition weights).
    pub l2: f64,
    /// L-BFGS iterations at most.
    pub iterations: usize,
}

/// Where the forbidden transitions are: `allowed_start[k]`, `allowed[j][k]`.
fn allowed() -> ([bool; NUM_TAGS], [[bool; NUM_TAGS]; NUM_TAGS]) {
    let (s, t) = crate::model::constrained(&[0.0; NUM_TAGS], &[[0.0; NUM_TAGS]; NUM_TAGS]);
    (s.map(f32::is_finite), t.map(|r| r.map(f32::is_finite)))
}

/// The parameters as one vector: emission rows (dense ids, `NUM_TAGS` each), then start, then
/// transitions.
struct Layout {
    /// Bucket row -> dense id, `u32::MAX` for rows the subset never uses.
    dense: Vec<u32>,
    /// Dense id -> bucket row.
    rows: Vec<u32>,
}

impl Layout {
    fn new(enc: &Encoded, subset: &[usize], bits: u32) -> Layout {
        let mut dense = vec![u32::MAX; 1usize << bits];
        let mut rows = Vec::new();
        for &s in subset {
            let (a, b) = (enc.starts[enc.bounds[s]], enc.starts[enc.bounds[s + 1]]);
            for &r in &enc.rows[a..b] {
                if dense[r as usize] == u32::MAX {
                    dense[r as usize] = rows.len() as u32;
                    rows.push(r);
                }
            }
        }
        Layout { dense, rows }
    }

    fn emission_len(&self) -> usize {
        self.rows.len() * NUM_TAGS
    }

    fn len(&self) -> usize {
        self.emission_len() + NUM_TAGS + NUM_TAGS * NUM_TAGS
    }
}

/// Per-sentence buffers of the forward-backward pass.
#[derive(Default)]
struct Lattice {
    emit: Vec<[f64; NUM_TAGS]>,
    /// exp(emission - its max), per token.
    pot: Vec<[f64; NUM_TAGS]>,
    alpha: Vec<[f64; NUM_TAGS]>,
    beta: Vec<[f64; NUM_TAGS]>,
    /// Scaling factors of the forward pass.
    scale: Vec<f64>,
}

/// The negative log-likelihood of the subset plus the penalty, and its gradient into `grad`.
fn objective(
    enc: &Encoded,
    subset: &[usize],
    layout: &Layout,
    x: &[f64],
    l2: f64,
    grad: &mut [f64],
    lat: &mut Lattice,
) -> f64 {
    let (ok_start, ok_trans) = allowed();
    let ne = layout.emission_len();
    let start: [f64; NUM_TAGS] = std::array::from_fn(|k| x[ne + k]);
    let trans: [[f64; NUM_TAGS]; NUM_TAGS] =
        std::array::from_fn(|j| std::array::from_fn(|k| x[ne + NUM_TAGS + j * NUM_TAGS + k]));
    let exp_start: [f64; NUM_TAGS] =
        std::array::from_fn(|k| if ok_start[k] { start[k].exp() } else { 0.0 });
    let exp_trans: [[f64; NUM_TAGS]; NUM_TAGS] = std::array::from_fn(|j| {
        std::array::from_fn(|k| {
            if ok_trans[j][k] {
                trans[j][k].exp()
            } else {
                0.0
            }
        })
    });
    grad.fill(0.0);
    let mut g_start = [0f64; NUM_TAGS];
    let mut g_trans = [[0f64; NUM_TAGS]; NUM_TAGS];
    let mut nll = 0f64;
    for &s in subset {
        let (t0, t1) = (enc.bounds[s], enc.bounds[s + 1]);
        let n = t1 - t0;
        if n == 0 {
            continue;
        }
        let gold = &enc.gold[t0..t1];
        lat.emit.clear();
        lat.pot.clear();
        for t in t0..t1 {
            let mut e = [0f64; NUM_TAGS];
            for &r in &enc.rows[enc.starts[t]..enc.starts[t + 1]] {
                let d = layout.dense[r as usize] as usize * NUM_TAGS;
                for k in 0..NUM_TAGS {
                    e[k] += x[d + k];
                }
            }
            lat.emit.push(e);
        }
        let mut log_z = 0f64;
        lat.alpha.clear();
        lat.scale.clear();
        for i in 0..n {
            let e = &lat.emit[i];
            let m = e.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
            let p: [f64; NUM_TAGS] = std::array::from_fn(|k| (e[k] - m).exp());
            lat.pot.push(p);
            let mut a = [0f64; NUM_TAGS];
            if i == 0 {
                for k in 0..NUM_TAGS {
                    a[k] = exp_start[k] * p[k];
                }
            } else {
                let prev = lat.alpha[i - 1];
                for (j, &pj) in prev.iter().enumerate() {
                    if pj == 0.0 {
                        continue;
                    }
                    for k in 0..NUM_TAGS {
                        a[k] += pj * exp_trans[j][k];
                    }
                }
                for k in 0..NUM_TAGS {
                    a[k] *= p[k];
                }
            }
            let c: f64 = a.iter().sum();
            let c = if c > 0.0 { c } else { f64::MIN_POSITIVE };
            a.iter_mut().for_each(|v| *v /= c);
            log_z += c.ln() + m;
            lat.alpha.push(a);
            lat.scale.push(c);
        }
        lat.beta.clear();
        lat.beta.resize(n, [0.0; NUM_TAGS]);
        lat.beta[n - 1] = [1.0; NUM_TAGS];
        for i in (0..n - 1).rev() {
            let next: [f64; NUM_TAGS] =
                std::array::from_fn(|k| lat.pot[i + 1][k] * lat.beta[i + 1][k]);
            let c = lat.scale[i + 1];
            let mut b = [0f64; NUM_TAGS];
            for (j, bj) in b.iter_mut().enumerate() {
                let mut acc = 0.0;
                for k in 0..NUM_TAGS {
                    acc += exp_trans[j][k] * next[k];
                }
                *bj = acc / c;
            }
            lat.beta[i] = b;
        }
        // the gold path's score
        let mut score = start[gold[0] as usize];
        for i in 0..n {
            score += lat.emit[i][gold[i] as usize];
            if i > 0 {
                score += trans[gold[i - 1] as usize][gold[i] as usize];
            }
        }
        nll += log_z - score;
        // expected minus observed counts
        for i in 0..n {
            let mut mu: [f64; NUM_TAGS] = std::array::from_fn(|k| lat.alpha[i][k] * lat.beta[i][k]);
            mu[gold[i] as usize] -= 1.0;
            let t = t0 + i;
            for &r in &enc.rows[enc.starts[t]..enc.starts[t + 1]] {
                let d = layout.dense[r as usize] as usize * NUM_TAGS;
                for k in 0..NUM_TAGS {
                    grad[d + k] += mu[k];
                }
            }
            if i == 0 {
                for k in 0..NUM_TAGS {
                    g_start[k] += mu[k];
                }
            } else {
                let c = lat.scale[i];
                let a = lat.alpha[i - 1];
                for j in 0..NUM_TAGS {
                    if a[j] == 0.0 {
                        continue;
                    }
                    for k in 0..NUM_TAGS {
                        g_trans[j][k] +=
                            a[j] * exp_trans[j][k] * lat.pot[i][k] * lat.beta[i][k] / c;
                    }
                }
                g_trans[gold[i - 1] as usize][gold[i] as usize] -= 1.0;
            }
        }
    }
    grad[ne..ne + NUM_TAGS].copy_from_slice(&g_start);
    for j in 0..NUM_TAGS {
        grad[ne + NUM_TAGS + j * NUM_TAGS..ne + NUM_TAGS + (j + 1) * NUM_TAGS]
            .copy_from_slice(&g_trans[j]);
    }
    let mut penalty = 0f64;
    for (g, &w) in grad.iter_mut().zip(x) {
        penalty += w * w;
        *g += l2 * w;
    }
    nll + 0.5 * l2 * penalty
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Fits CRF weights on the sentences `subset` of `enc`; returns them in the perceptron's form
/// (a full table of `2^bits` rows).
pub(crate) fn fit(
    enc: &Encoded,
    subset: &[usize],
    bits: u32,
    settings: CrfSettings,
    mut progress: impl FnMut(usize, f64),
) -> RawWeights {
    const HISTORY: usize = 6;
    let layout = Layout::new(enc, subset, bits);
    let n = layout.len();
    let mut lat = Lattice::default();
    let mut x = vec![0f64; n];
    let mut g = vec![0f64; n];
    let mut f = objective(enc, subset, &layout, &x, settings.l2, &mut g, &mut lat);
    let mut s_hist: Vec<Vec<f64>> = Vec::new();
    let mut y_hist: Vec<Vec<f64>> = Vec::new();
    let mut rho: Vec<f64> = Vec::new();
    let mut d = vec![0f64; n];
    let mut x_new = vec![0f64; n];
    let mut g_new = vec![0f64; n];
    let mut past = Vec::new();
    for it in 0..settings.iterations {
        // two-loop recursion: d = -H g
        d.iter_mut().zip(&g).for_each(|(d, &g)| *d = -g);
        let k = s_hist.len();
        let mut alphas = vec![0f64; k];
        for i in (0..k).rev() {
            let a = rho[i] * dot(&s_hist[i], &d);
            alphas[i] = a;
            d.iter_mut().zip(&y_hist[i]).for_each(|(d, &y)| *d -= a * y);
        }
        let gamma = if k > 0 {
            dot(&s_hist[k - 1], &y_hist[k - 1]) / dot(&y_hist[k - 1], &y_hist[k - 1])
        } else {
            1.0 / dot(&g, &g).sqrt().max(1e-12)
        };
        d.iter_mut().for_each(|d| *d *= gamma);
        for i in 0..k {
            let b = rho[i] * dot(&y_hist[i], &d);
            d.iter_mut()
                .zip(&s_hist[i])
                .for_each(|(d, &s)| *d += (alphas[i] - b) * s);
        }
        let mut slope = dot(&g, &d);
        if slope >= 0.0 {
            // not a descent direction: restart from the gradient
            s_hist.clear();
            y_hist.clear();
            rho.clear();
            let scale = 1.0 / dot(&g, &g).sqrt().max(1e-12);
            d.iter_mut().zip(&g).for_each(|(d, &g)| *d = -g * scale);
            slope = dot(&g, &d);
        }
        // backtracking line search (Armijo)
        let mut step = 1.0;
        let mut f_new = f;
        let mut found = false;
        for _ in 0..30 {
            x_new
                .iter_mut()
                .zip(&x)
                .zip(&d)
                .for_each(|((xn, &x), &d)| *xn = x + step * d);
            f_new = objective(
                enc,
                subset,
                &layout,
                &x_new,
                settings.l2,
                &mut g_new,
                &mut lat,
            );
            if f_new.is_finite() && f_new <= f + 1e-4 * step * slope {
                found = true;
                break;
            }
            step *= 0.5;
        }
        if !found {
            break;
        }
        let s: Vec<f64> = x_new.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = g_new.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        if sy > 1e-10 {
            if s_hist.len() == HISTORY {
                s_hist.remove(0);
                y_hist.remove(0);
                rho.remove(0);
            }
            s_hist.push(s);
            y_hist.push(y);
            rho.push(1.0 / sy);
        }
        std::mem::swap(&mut x, &mut x_new);
        std::mem::swap(&mut g, &mut g_new);
        f = f_new;
        progress(it + 1, f);
        // stop when the objective improved by less than 1e-5 relative over 10 iterations
        past.push(f);
        if past.len() > 10 {
            let old = past[past.len() - 11];
            if (old - f) / f.abs().max(1.0) < 1e-5 {
                break;
            }
        }
    }
    let ne = layout.emission_len();
    let mut emit = vec![0f32; (1usize << bits) * NUM_TAGS];
    for (id, &r) in layout.rows.iter().enumerate() {
        let to = r as usize * NUM_TAGS;
        for k in 0..NUM_TAGS {
            emit[to + k] = x[id * NUM_TAGS + k] as f32;
        }
    }
    let start = std::array::from_fn(|k| x[ne + k] as f32);
    let trans = std::array::from_fn(|j| {
        std::array::from_fn(|k| x[ne + NUM_TAGS + j * NUM_TAGS + k] as f32)
    });
    (emit, start, trans)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A two-sentence corpus whose gold tags a feature predicts.
    fn toy() -> Encoded {
        // features: row 1 "name-like", row 2 "plain", row 3 bias
        let tokens: [(&[u32], u8); 5] = [
            (&[1, 3], 1), // B-?
            (&[2, 3], 0),
            (&[2, 3], 0),
            (&[1, 3], 1),
            (&[2, 3], 0),
        ];
        let mut enc = Encoded {
            rows: Vec::new(),
            starts: vec![0],
            bounds: vec![0, 3, 5],
            gold: Vec::new(),
            lexical: Vec::new(),
        };
        for (rows, g) in tokens {
            enc.rows.extend_from_slice(rows);
            enc.starts.push(enc.rows.len());
            enc.gold.push(g);
            enc.lexical.push(1);
        }
        enc
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let enc = toy();
        let subset = [0, 1];
        let layout = Layout::new(&enc, &subset, 8);
        let n = layout.len();
        let mut lat = Lattice::default();
        let x: Vec<f64> = (0..n)
            .map(|i| ((i * 7919) % 13) as f64 * 0.05 - 0.3)
            .collect();
        let mut g = vec![0f64; n];
        objective(&enc, &subset, &layout, &x, 0.1, &mut g, &mut lat);
        let mut scratch = vec![0f64; n];
        for i in 0..n {
            let h = 1e-5;
            let mut xp = x.clone();
            xp[i] += h;
            let fp = objective(&enc, &subset, &layout, &xp, 0.1, &mut scratch, &mut lat);
            let mut xm = x.clone();
            xm[i] -= h;
            let fm = objective(&enc, &subset, &layout, &xm, 0.1, &mut scratch, &mut lat);
            let num = (fp - fm) / (2.0 * h);
            assert!(
                (num - g[i]).abs() < 1e-5 * (1.0 + num.abs()),
                "parameter {i}: analytic {} numeric {num}",
                g[i]
            );
        }
    }

    #[test]
    fn fit_learns_the_feature_and_is_deterministic() {
        let enc = toy();
        let settings = CrfSettings {
            l2: 0.01,
            iterations: 50,
        };
        let (emit, _, _) = fit(&enc, &[0, 1], 8, settings, |_, _| {});
        let row = |r: usize| &emit[r * NUM_TAGS..(r + 1) * NUM_TAGS];
        // the name-like feature prefers tag 1 over O, the plain one O over tag 1
        assert!(row(1)[1] > row(1)[0]);
        assert!(row(2)[0] > row(2)[1]);
        let again = fit(&enc, &[0, 1], 8, settings, |_, _| {});
        assert_eq!(emit, again.0);
    }
}
