//! Significance testing over per-segment statistics, identical to sacreBLEU 2.6.0.
//!
//! This module owns bootstrap confidence intervals (sacreBLEU's `-ci`), the paired
//! bootstrap test (`--paired-bs`) and paired approximate randomisation (`--paired-ar`),
//! plus a Holm–Bonferroni helper. Results match sacreBLEU to the last bit because every
//! step it delegates to numpy is reproduced: the random stream ([`rng`]), the float32
//! statistics and their summation order, float32 scoring under NEP 50 ([`crate::numpy::Np`]),
//! numpy's pairwise `mean`, and Python's exact `statistics.mean`.
//!
//! The recipe (`sacrebleu/significance.py`, `metrics/base.py::Score.estimate_ci`):
//!
//! * indices `default_rng(seed).choice(N, size=(B, N))`, drawn up front; segment
//!   statistics cast to float32 (`np.array(stats, dtype='float32')`); each resample is
//!   `stats[idx[b]].sum(0)` (float32, rows added in index order) scored with the metric's
//!   `_compute_score_from_stats` (float32 arithmetic where numpy's rules say so);
//! * CI: sort, `lo = s[B//40]`, `hi = s[B - B//40 - 1]`, half-width `(hi - lo) / 2`;
//! * paired bootstrap: `d_b = |s_sys_b - s_bl_b|`, centred by `np.mean(d)`,
//!   `p = (#{d_b - mean > |score_bl - score_sys|} + 1) / (B + 1)`;
//! * approximate randomisation: a boolean mask per trial swaps segments between the two
//!   systems (`integers(2, size=(R, N), dtype=bool)`), both pseudo-systems are scored from
//!   exact integer sums, `p = (#{|a - b| > diff} + 1) / (R + 1)`.
//!
//! Resamples are scored in parallel with rayon over independent resamples and collected
//! in order, so results do not depend on the thread count.
//!
//! Deliberate differences from sacreBLEU, unless [`PairedConfig::sacrebleu_p`] asks for
//! sacreBLEU's p-values (the CLI's `--sacrebleu-p-values`):
//!
//! * A system whose per-segment statistics equal the baseline's gets `p = 1`. sacreBLEU
//!   reports the smallest possible p, `1/(B+1)`, because no resample difference is
//!   strictly greater than a zero difference.
//! * Approximate randomisation counts ties: a trial is as extreme as the observed
//!   difference when `|d| >= diff` (Noreen 1989, ch. 2; Riezler & Maxwell 2005, eq. 1),
//!   not only when `|d| > diff` as sacreBLEU counts; differences within [`TIE_EPSILON`]
//!   are ties. And when the systems differ in only `k` segments with `2^k` no more than
//!   the trials asked for, every one of the `2^k` swaps is tried and the p-value is the
//!   exact share `#{|d| >= diff} / 2^k` (swapping a segment both systems translate the
//!   same changes nothing). sacreBLEU gives p = 0.0001 to two systems that differ in 3 of
//!   60 segments; the exact p is 0.25.
//! * Seed 0: sacreBLEU silently runs the *systems* unseeded (`seed if seed else None`) while
//!   the baseline CI uses seed 0; here seed 0 is a seed like any other.
//! * Unseeded runs (`seed = None`) draw one index matrix (or mask) from OS entropy and use
//!   it for every system; sacreBLEU draws fresh ones per system.

pub mod rng;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::metrics::sum_stats;
pub use crate::metrics::Resample;
use crate::numpy::{exact_mean, np_mean, Np};
use rng::Pcg64;

/// sacreBLEU's default seed (`SACREBLEU_SEED` unset).
pub const DEFAULT_SEED: u64 = 12345;
/// sacreBLEU's default number of bootstrap resamples (`-pbsn`, `--confidence-n`).
pub const DEFAULT_BOOTSTRAP_SAMPLES: usize = 1000;
/// sacreBLEU's default number of approximate-randomisation trials (`-parn`).
pub const DEFAULT_AR_TRIALS: usize = 10000;

/// The significance level sacreBLEU marks with `*` in its paired-test table
/// (`significance.py`: `p_value <= 0.05`); `mteval score` does the same.
pub const SACREBLEU_ALPHA: f64 = 0.05;

/// The outcome for one system: its score and, depending on the test, the bootstrap mean
/// and 95% CI and the p-value against the baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SigResult {
    /// The corpus score on the full data.
    pub score: f64,
    /// The bootstrap mean and 95% interval (empty for approximate randomisation).
    #[serde(flatten)]
    pub estimate: Estimate,
    /// p-value against the baseline; `None` for the baseline itself.
    pub p_value: Option<f64>,
}

/// A bootstrap estimate: the mean of the resample scores and the 95% interval, as
/// sacreBLEU's `Score.estimate_ci` computes them (`μ = mean ± ci`). Declared once and
/// flattened into every result and report that carries it (`mean`, `ci`, `ci_low`,
/// `ci_high` keys; absent when not computed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// Mean of the bootstrap resample scores (sacreBLEU's `μ`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean: Option<f64>,
    /// Half-width of the 95% CI: `(ci_high - ci_low) / 2` (sacreBLEU's `±`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ci: Option<f64>,
    /// The sorted resample score at index `B // 40`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ci_low: Option<f64>,
    /// The sorted resample score at index `B - B // 40 - 1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ci_high: Option<f64>,
}

/// Results of a paired test: the baseline first, then every other system in input order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairedOutcome {
    /// The baseline (no p-value).
    pub baseline: SigResult,
    /// One result per compared system, in input order.
    pub systems: Vec<SigResult>,
}

/// Options of the paired tests.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairedConfig {
    /// Bootstrap resamples (paired bootstrap) or trials (approximate randomisation).
    /// Must be at least 1.
    pub n_samples: usize,
    /// The seed (`SACREBLEU_SEED`); `None` draws from OS entropy.
    pub seed: Option<u64>,
    /// sacreBLEU's p-values exactly: an identical system gets `1/(n+1)`, and
    /// approximate randomisation counts only `|d| > diff` over random trials. `false`
    /// gives the corrected values described in the module docs.
    pub sacrebleu_p: bool,
}

/// Score differences closer than this (in score points, 0–100) are ties: the same
/// difference reached by two float computations.
pub const TIE_EPSILON: f64 = 1e-9;

impl PairedConfig {
    /// sacreBLEU's defaults for `--paired-bs`: 1000 resamples, seed 12345, sacreBLEU's
    /// p-values.
    pub fn bootstrap() -> PairedConfig {
        PairedConfig {
            n_samples: DEFAULT_BOOTSTRAP_SAMPLES,
            seed: Some(DEFAULT_SEED),
            sacrebleu_p: true,
        }
    }

    /// sacreBLEU's defaults for `--paired-ar`: 10000 trials, seed 12345, sacreBLEU's
    /// p-values.
    pub fn approximate_randomization() -> PairedConfig {
        PairedConfig {
            n_samples: DEFAULT_AR_TRIALS,
            ..PairedConfig::bootstrap()
        }
    }
}

/// numpy's `default_rng(seed)`.
fn generator(seed: Option<u64>) -> Pcg64 {
    match seed {
        Some(s) => Pcg64::new(u128::from(s)),
        None => Pcg64::from_entropy(),
    }
}

/// Flat statistics of a system, one row of `width` values per segment.
struct Flat {
    width: usize,
    rows: Vec<f64>,
}

impl Flat {
    fn new<M: Resample>(metric: &M, stats: &[M::Stats]) -> Flat {
        let width = metric.width();
        let mut rows = Vec::with_capacity(width * stats.len());
        for s in stats {
            metric.flatten(s, &mut rows);
        }
        Flat { width, rows }
    }

    /// `np.array(stats, dtype='float32')`.
    fn to_f32(&self) -> Vec<f32> {
        self.rows.iter().map(|&v| v as f32).collect()
    }
}

/// Resample indices: `choice(n, size=(samples, n))`, row-major.
struct Indices {
    n: usize,
    samples: usize,
    idx: Vec<u32>,
}

impl Indices {
    fn draw(rng: &mut Pcg64, n: usize, samples: usize) -> Indices {
        let idx = (0..n * samples)
            .map(|_| rng.bounded(n as u64) as u32)
            .collect();
        Indices { n, samples, idx }
    }

    fn samples(&self) -> usize {
        self.samples
    }

    fn row(&self, b: usize) -> &[u32] {
        &self.idx[b * self.n..(b + 1) * self.n]
    }
}

/// `stats[idx].sum(0)` for a C-contiguous float32 `(N, K)` array: numpy walks the rows in
/// order and adds each to a float32 accumulator row that starts at zero (verified against
/// numpy 2.4.6; no pairwise summation on this axis).
fn sum_rows<const K: usize>(rows: &[f32], idx: &[u32], out: &mut [f32]) {
    let mut acc = [0.0f32; K];
    for &i in idx {
        let start = i as usize * K;
        let row: &[f32; K] = rows[start..start + K]
            .try_into()
            .expect("row has K columns");
        for j in 0..K {
            acc[j] += row[j];
        }
    }
    out.copy_from_slice(&acc);
}

fn sum_rows_dyn(rows: &[f32], k: usize, idx: &[u32], out: &mut [f32]) {
    match k {
        2 => sum_rows::<2>(rows, idx, out),
        10 => sum_rows::<10>(rows, idx, out),
        18 => sum_rows::<18>(rows, idx, out),
        24 => sum_rows::<24>(rows, idx, out),
        _ => {
            out.fill(0.0);
            for &i in idx {
                let row = &rows[i as usize * k..(i as usize + 1) * k];
                for (a, &v) in out.iter_mut().zip(row) {
                    *a += v;
                }
            }
        }
    }
}

/// The scores of every bootstrap resample of one system, in resample order.
fn resample_scores<M: Resample>(metric: &M, flat: &Flat, indices: &Indices) -> Vec<Np> {
    let rows = flat.to_f32();
    let k = flat.width;
    (0..indices.samples())
        .into_par_iter()
        .map_init(
            || vec![0.0f32; k],
            |sums, b| {
                sum_rows_dyn(&rows, k, indices.row(b), sums);
                metric.score_f32(sums)
            },
        )
        .collect()
}

/// An array of resample scores as numpy holds it after `np.array(scores)`: float32 when
/// every score is an `np.float32`, float64 otherwise.
enum Scores {
    F32(Vec<f32>),
    F64(Vec<f64>),
}

impl Scores {
    fn new(scores: &[Np]) -> Scores {
        if scores.iter().all(|s| matches!(s, Np::F32(_))) {
            Scores::F32(scores.iter().map(|s| s.to_f64() as f32).collect())
        } else {
            Scores::F64(scores.iter().map(|s| s.to_f64()).collect())
        }
    }

    fn as_f64(&self) -> Vec<f64> {
        match self {
            Scores::F32(v) => v.iter().map(|&x| f64::from(x)).collect(),
            Scores::F64(v) => v.clone(),
        }
    }
}

/// Sorts scores as `np.sort` / `sorted` do (there are no NaNs: scores are finite).
fn sorted<T: Copy + PartialOrd>(scores: &[T]) -> Vec<T> {
    let mut s = scores.to_vec();
    s.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    s
}

/// CI bounds of sorted scores: `(lo, hi, 0.5 * (hi - lo))` in the scores' own type.
fn bounds<T: Copy>(s: &[T], half: impl Fn(T, T) -> T) -> (T, T, T) {
    let n = s.len();
    let lo = s[n / 40];
    let hi = s[n - n / 40 - 1];
    (lo, hi, half(lo, hi))
}

/// `significance.estimate_ci` (numpy): mean, half-width, low, high. Note that it takes
/// the mean of the *sorted* array (`scores = np.sort(scores)` ... `scores.mean()`), and
/// pairwise summation depends on the order.
fn estimate_ci_numpy(scores: &Scores) -> (f64, f64, f64, f64) {
    match scores {
        Scores::F32(v) => {
            let s = sorted(v);
            let (lo, hi, ci) = bounds(&s, |lo, hi| 0.5 * (hi - lo));
            (
                f64::from(np_mean(&s)),
                f64::from(ci),
                f64::from(lo),
                f64::from(hi),
            )
        }
        Scores::F64(v) => {
            let s = sorted(v);
            let (lo, hi, ci) = bounds(&s, |lo, hi| 0.5 * (hi - lo));
            (np_mean(&s), ci, lo, hi)
        }
    }
}

/// `Score.estimate_ci` (Python: `sorted`, `statistics.mean`): mean, half-width, low, high.
fn estimate_ci_python(scores: &Scores) -> (f64, f64, f64, f64) {
    match scores {
        Scores::F32(v) => {
            let (lo, hi, ci) = bounds(&sorted(v), |lo, hi| 0.5 * (hi - lo));
            let wide: Vec<f64> = v.iter().map(|&x| f64::from(x)).collect();
            // statistics.mean returns the input type: np.float32(float(exact mean)).
            let mean = f64::from(exact_mean(&wide) as f32);
            (mean, f64::from(ci), f64::from(lo), f64::from(hi))
        }
        Scores::F64(v) => {
            let (lo, hi, ci) = bounds(&sorted(v), |lo, hi| 0.5 * (hi - lo));
            (exact_mean(v), ci, lo, hi)
        }
    }
}

fn with_ci(score: f64, (mean, ci, lo, hi): (f64, f64, f64, f64)) -> SigResult {
    SigResult {
        score,
        estimate: Estimate {
            mean: Some(mean),
            ci: Some(ci),
            ci_low: Some(lo),
            ci_high: Some(hi),
        },
        p_value: None,
    }
}

/// The fewest segments a bootstrap can resample: with one, every resample is the corpus
/// itself and sacreBLEU's paired bootstrap reports p = 1/(B+1) for any difference.
pub const MIN_BOOTSTRAP_SEGMENTS: usize = 2;

/// Whether a bootstrap of `resamples` over `segments` means anything: an error below
/// [`MIN_BOOTSTRAP_SEGMENTS`], and a warning when fewer distinct resamples exist
/// (`C(2n-1, n)`, multisets of `n` of `n` segments) than are drawn, so that p-values and
/// interval ends finer than one in that many are artefacts.
pub fn bootstrap_sample_check(
    segments: usize,
    resamples: usize,
) -> std::result::Result<Option<String>, String> {
    if segments < MIN_BOOTSTRAP_SEGMENTS {
        return Err(format!(
            "a bootstrap needs at least {MIN_BOOTSTRAP_SEGMENTS} segments (this corpus has {}): every resample of one segment is the corpus itself; use --paired-ar, whose p-value is exact on small samples",
            crate::error::count(segments, "segment")
        ));
    }
    // C(2n-1, n), stopping once it passes `resamples`.
    let mut distinct: u128 = 1;
    for i in 1..=segments as u128 {
        distinct = distinct * (segments as u128 - 1 + i) / i;
        if distinct >= resamples as u128 {
            return Ok(None);
        }
    }
    Ok(Some(format!(
        "only {distinct} distinct bootstrap resamples exist for {segments} segments, fewer than the {resamples} drawn: p-values and confidence intervals this fine are not meaningful"
    )))
}

/// `(count + 1) / (n + 1)` (`significance._compute_p_value`).
fn p_value(count: usize, n: usize) -> f64 {
    (count + 1) as f64 / (n + 1) as f64
}

/// Single-system bootstrap CI, as `metric.corpus_score(hyps, refs, n_bootstrap=B)` and the
/// CLI's `-ci`/`--confidence` (`significance._bootstrap_resample` + `Score.estimate_ci`,
/// whose mean is Python's `statistics.mean`).
///
/// # Panics
/// If `n_samples` is 0 (sacreBLEU only resamples for `n_bootstrap > 1`).
pub fn bootstrap_ci<M: Resample>(
    metric: &M,
    stats: &[M::Stats],
    n_samples: usize,
    seed: Option<u64>,
) -> SigResult {
    assert!(n_samples > 0, "bootstrap needs at least one resample");
    let score = metric.score(&sum_stats(stats)).score;
    let flat = Flat::new(metric, stats);
    let indices = Indices::draw(&mut generator(seed), stats.len(), n_samples);
    let scores = Scores::new(&resample_scores(metric, &flat, &indices));
    with_ci(score, estimate_ci_python(&scores))
}

/// Paired bootstrap resampling (`--paired-bs`; `significance._paired_bs_test`, after
/// Koehn 2004 and Moses' `bootstrap-hypothesis-difference-significance.pl`).
///
/// Every system (and the baseline) is resampled with the same indices. The baseline gets
/// its mean and CI; every system its score, mean, CI and p-value.
///
/// # Panics
/// If `cfg.n_samples` is 0 or a system's segment count differs from the baseline's.
pub fn paired_bootstrap<M: Resample>(
    metric: &M,
    baseline: &[M::Stats],
    systems: &[&[M::Stats]],
    cfg: &PairedConfig,
) -> PairedOutcome {
    assert!(cfg.n_samples > 0, "bootstrap needs at least one resample");
    let n = baseline.len();
    let b = cfg.n_samples;
    let indices = Indices::draw(&mut generator(cfg.seed), n, b);
    let bl_flat = Flat::new(metric, baseline);
    let bl_score = metric.score(&sum_stats(baseline)).score;
    let bl_np = resample_scores(metric, &bl_flat, &indices);
    let bl_scores = Scores::new(&bl_np);
    let baseline_result = with_ci(bl_score, estimate_ci_numpy(&bl_scores));
    let results = systems
        .iter()
        .map(|sys| {
            assert_eq!(
                sys.len(),
                n,
                "systems must have as many segments as the baseline"
            );
            let flat = Flat::new(metric, sys);
            let score = metric.score(&sum_stats(*sys)).score;
            let sys_np = resample_scores(metric, &flat, &indices);
            let sys_scores = Scores::new(&sys_np);
            let mut r = with_ci(score, estimate_ci_numpy(&sys_scores));
            let diff = (bl_score - score).abs();
            let count = match (&sys_scores, &bl_scores) {
                // All float32: the arithmetic and the comparison with the (weak) Python
                // float `diff` happen in float32.
                (Scores::F32(s), Scores::F32(bl)) => {
                    let d: Vec<f32> = s.iter().zip(bl).map(|(a, b)| (a - b).abs()).collect();
                    let mean = np_mean(&d);
                    let diff = diff as f32;
                    d.iter().filter(|&&x| x - mean > diff).count()
                }
                _ => {
                    let (s, bl) = (sys_scores.as_f64(), bl_scores.as_f64());
                    let d: Vec<f64> = s.iter().zip(&bl).map(|(a, b)| (a - b).abs()).collect();
                    let mean = np_mean(&d);
                    d.iter().filter(|&&x| x - mean > diff).count()
                }
            };
            r.p_value = Some(if !cfg.sacrebleu_p && flat.rows == bl_flat.rows {
                1.0
            } else {
                p_value(count, b)
            });
            r
        })
        .collect();
    PairedOutcome {
        baseline: baseline_result,
        systems: results,
    }
}

/// Approximate-randomisation masks, one row of `n` bits per trial, packed in u64 words
/// (bit `i % 64` of word `i / 64`) so that selected segments are found without branching
/// on every bit.
struct Mask {
    words: usize,
    bits: Vec<u64>,
}

impl Mask {
    fn new(flags: &[bool], n: usize) -> Mask {
        let words = n.div_ceil(64);
        let rows = flags.len().checked_div(n).unwrap_or(0);
        let mut bits = vec![0u64; rows * words];
        for (r, row) in flags.chunks_exact(n.max(1)).enumerate() {
            for (i, _) in row.iter().enumerate().filter(|(_, &on)| on) {
                bits[r * words + i / 64] |= 1 << (i % 64);
            }
        }
        Mask { words, bits }
    }

    fn row(&self, t: usize) -> &[u64] {
        // With no segments every row is empty.
        self.bits
            .get(t * self.words..(t + 1) * self.words)
            .unwrap_or(&[])
    }
}

/// Paired approximate randomisation (`--paired-ar`; `significance._paired_ar_test`, after
/// Riezler & Maxwell 2005 and MultEval).
///
/// sacreBLEU's CLI computes no CI in this mode (`n_ar_confidence = -1`), so only scores and
/// p-values are filled in.
///
/// # Panics
/// If `cfg.n_samples` is 0 or a system's segment count differs from the baseline's.
pub fn paired_ar<M: Resample>(
    metric: &M,
    baseline: &[M::Stats],
    systems: &[&[M::Stats]],
    cfg: &PairedConfig,
) -> PairedOutcome {
    assert!(cfg.n_samples > 0, "randomisation needs at least one trial");
    let n = baseline.len();
    let trials = cfg.n_samples;
    // pos_sel = rng.integers(2, size=(R, N), dtype=bool), one buffered call.
    let mask = Mask::new(&generator(cfg.seed).bools(trials * n), n);
    let bl_flat = Flat::new(metric, baseline);
    let bl_score = metric.score(&sum_stats(baseline)).score;
    let k = bl_flat.width;
    let results = systems
        .iter()
        .map(|sys| {
            assert_eq!(
                sys.len(),
                n,
                "systems must have as many segments as the baseline"
            );
            let flat = Flat::new(metric, sys);
            let score = metric.score(&sum_stats(*sys)).score;
            let integral = metric.integral();
            let column_sum = |rows: &[f64]| -> Vec<f64> {
                let mut t = vec![0.0; k];
                for row in rows.chunks_exact(k) {
                    for (a, &v) in t.iter_mut().zip(row) {
                        *a += v;
                    }
                }
                t
            };
            let (bl_total, sys_total) = (column_sum(&bl_flat.rows), column_sum(&flat.rows));
            let delta: Vec<f64> = bl_flat
                .rows
                .iter()
                .zip(&flat.rows)
                .map(|(b, s)| b - s)
                .collect();
            if !cfg.sacrebleu_p {
                let p =
                    exact_or_tied_ar(metric, &mask, trials, n, k, &bl_total, &sys_total, &delta);
                return SigResult {
                    score,
                    estimate: Estimate::default(),
                    p_value: Some(p),
                };
            }
            let diff = (bl_score - score).abs();
            let count = (0..trials)
                .into_par_iter()
                .map_init(
                    || (vec![0.0f64; k], vec![0.0f64; k]),
                    |(a, bsum), t| {
                        let m = mask.row(t);
                        if integral {
                            // A = mask @ bl + ~mask @ sys = sys_total + Σ_mask (bl - sys),
                            // B = bl_total + sys_total - A: exact for integer statistics.
                            a.copy_from_slice(&sys_total);
                            for (w, &word) in m.iter().enumerate() {
                                let mut bits = word;
                                while bits != 0 {
                                    let i = w * 64 + bits.trailing_zeros() as usize;
                                    bits &= bits - 1;
                                    for (x, &d) in a.iter_mut().zip(&delta[i * k..(i + 1) * k]) {
                                        *x += d;
                                    }
                                }
                            }
                            for j in 0..k {
                                bsum[j] = bl_total[j] + sys_total[j] - a[j];
                            }
                        } else {
                            a.fill(0.0);
                            bsum.fill(0.0);
                            for i in 0..n {
                                let (to_a, to_b) = if m[i / 64] >> (i % 64) & 1 == 1 {
                                    (&bl_flat.rows, &flat.rows)
                                } else {
                                    (&flat.rows, &bl_flat.rows)
                                };
                                for j in 0..k {
                                    a[j] += to_a[i * k + j];
                                    bsum[j] += to_b[i * k + j];
                                }
                            }
                        }
                        let d = (metric.score_f64(a) - metric.score_f64(bsum)).abs();
                        usize::from(d > diff)
                    },
                )
                .sum::<usize>();
            let p = p_value(count, trials);
            SigResult {
                score,
                estimate: Estimate::default(),
                p_value: Some(p),
            }
        })
        .collect();
    PairedOutcome {
        baseline: SigResult {
            score: bl_score,
            estimate: Estimate::default(),
            p_value: None,
        },
        systems: results,
    }
}

/// The approximate-randomisation p-value with ties counted (see the module docs): exact
/// over all `2^k` swaps of the `k` segments where the systems differ when `2^k <= trials`,
/// else `(#{|d| >= diff} + 1) / (trials + 1)` over sacreBLEU's random masks. Pseudo-systems
/// are `A = sys + Σ_swapped (bl - sys)` and `B = bl + sys - A`, and the observed
/// difference is computed the same way, so an unswapped trial ties it exactly.
#[allow(clippy::too_many_arguments)]
fn exact_or_tied_ar<M: Resample>(
    metric: &M,
    mask: &Mask,
    trials: usize,
    n: usize,
    k: usize,
    bl_total: &[f64],
    sys_total: &[f64],
    delta: &[f64],
) -> f64 {
    let differing: Vec<usize> = (0..n)
        .filter(|&i| delta[i * k..(i + 1) * k].iter().any(|&d| d != 0.0))
        .collect();
    if differing.is_empty() {
        return 1.0;
    }
    let diff = (metric.score_f64(bl_total) - metric.score_f64(sys_total)).abs();
    let as_extreme = |swapped: &mut dyn Iterator<Item = usize>, a: &mut [f64], b: &mut [f64]| {
        a.copy_from_slice(sys_total);
        for i in swapped {
            for (x, &d) in a.iter_mut().zip(&delta[i * k..(i + 1) * k]) {
                *x += d;
            }
        }
        for j in 0..k {
            b[j] = bl_total[j] + sys_total[j] - a[j];
        }
        let d = (metric.score_f64(a) - metric.score_f64(b)).abs();
        usize::from(d >= diff - TIE_EPSILON)
    };
    let m = differing.len();
    if m < usize::BITS as usize && (1usize << m) <= trials {
        let all = 1usize << m;
        let count: usize = (0..all)
            .into_par_iter()
            .map_init(
                || (vec![0.0f64; k], vec![0.0f64; k]),
                |(a, b), s| {
                    let mut swapped = (0..m).filter(|&j| s >> j & 1 == 1).map(|j| differing[j]);
                    as_extreme(&mut swapped, a, b)
                },
            )
            .sum();
        return count as f64 / all as f64;
    }
    let count: usize = (0..trials)
        .into_par_iter()
        .map_init(
            || (vec![0.0f64; k], vec![0.0f64; k]),
            |(a, b), t| {
                let row = mask.row(t);
                let mut swapped = differing
                    .iter()
                    .copied()
                    .filter(|&i| row[i / 64] >> (i % 64) & 1 == 1);
                as_extreme(&mut swapped, a, b)
            },
        )
        .sum();
    p_value(count, trials)
}

/// Significance clusters of systems already ordered best first (`order`, indices into
/// systems): cluster 1 is the top system and every system after it up to, not
/// including, the first one significantly different from the top system; the next
/// cluster starts at that system and is built the same way. `different(a, b)` is the
/// Holm-adjusted decision of the all-pairs test. Returns each position's cluster (from
/// 1), or `None` when some pair was not tested.
pub fn clusters(
    order: &[usize],
    different: impl Fn(usize, usize) -> Option<bool>,
) -> Option<Vec<usize>> {
    let mut out = Vec::with_capacity(order.len());
    let (mut head, mut cluster) = (None, 0usize);
    for &s in order {
        let starts = match head {
            None => true,
            Some(h) => different(h, s)?,
        };
        if starts {
            head = Some(s);
            cluster += 1;
        }
        out.push(cluster);
    }
    Some(out)
}

/// The resamples needed for any of `pairs` Holm-corrected tests to reach `alpha`, when
/// `samples` are too few: the smallest p-value of a resampling test is `1/(samples + 1)`
/// and Holm multiplies the smallest by the number of tests, so with
/// `pairs / (samples + 1) > alpha` no pair can ever be significant (20 systems, 190 pairs,
/// 1000 bootstrap samples: at best 0.19). `None` when some pair can be.
pub fn holm_samples_needed(pairs: usize, samples: usize, alpha: f64) -> Option<usize> {
    let floor = pairs as f64 / (samples as f64 + 1.0);
    (pairs > 0 && floor > alpha).then(|| (pairs as f64 / alpha).ceil() as usize)
}

/// Holm–Bonferroni step-down adjustment of p-values for `m` comparisons (Holm 1979):
/// sorted ascending, the i-th (0-based) becomes `max_{j<=i} min(1, (m - j) · p_(j))`.
/// Returned in the input order; compare each adjusted value with the family-wise level.
/// (sacreBLEU has no multiple-comparison correction.)
pub fn holm_bonferroni(p_values: &[f64]) -> Vec<f64> {
    let m = p_values.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| {
        p_values[a]
            .partial_cmp(&p_values[b])
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut adjusted = vec![0.0; m];
    let mut running = 0.0f64;
    for (rank, &i) in order.iter().enumerate() {
        let v = ((m - rank) as f64 * p_values[i]).min(1.0);
        running = running.max(v);
        adjusted[i] = running;
    }
    adjusted
}

/// The resolved significance choice of a command: what `score`'s flags and `run`'s
/// `[significance]` section both become before any file is read.
#[derive(Debug, Clone, PartialEq)]
pub struct Resampling {
    /// Bootstrap confidence intervals with this many resamples (`-ci`).
    pub confidence: Option<usize>,
    /// A paired test and its resamples or trials.
    pub paired: Option<(PairedTest, usize)>,
    /// The seed (`None`: from OS entropy).
    pub seed: Option<u64>,
    /// sacreBLEU's p-values instead of the corrected ones ([`PairedConfig::sacrebleu_p`]).
    pub sacrebleu_p: bool,
}

impl Resampling {
    /// An error when the resampling indices (drawn up front, as sacreBLEU does) of
    /// `segments` segments would pass `max_cells` (`resamples × segments`).
    pub fn check_size(&self, segments: usize, max_cells: usize) -> std::result::Result<(), String> {
        let n = self
            .confidence
            .unwrap_or(0)
            .max(self.paired.map_or(0, |p| p.1));
        if n.saturating_mul(segments) > max_cells {
            return Err(format!(
                "{n} resamples of {segments} segments exceed the limit of {max_cells} resampled segments (1 GiB of indices): use fewer resamples"
            ));
        }
        Ok(())
    }

    /// Whether a bootstrap (intervals, paired bootstrap) of `segments` segments means
    /// anything ([`bootstrap_sample_check`]); approximate randomisation alone needs no
    /// check.
    pub fn check_bootstrap(&self, segments: usize) -> std::result::Result<Option<String>, String> {
        let bootstrap = self.confidence.or(match self.paired {
            Some((PairedTest::Bs, b)) => Some(b),
            _ => None,
        });
        match bootstrap {
            Some(b) => bootstrap_sample_check(segments, b),
            None => Ok(None),
        }
    }
}

/// Which paired test to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PairedTest {
    /// Paired bootstrap resampling (`--paired-bs`).
    Bs,
    /// Paired approximate randomisation (`--paired-ar`).
    Ar,
}

#[cfg(test)]
mod tests;
