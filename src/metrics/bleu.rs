//! BLEU, exactly as sacreBLEU 2.6.0 (`sacrebleu/metrics/bleu.py`).
//!
//! Segment statistics are the hypothesis length, the closest reference length (ties go to
//! the shorter reference), and clipped matches and totals for n-gram orders 1..=4, with
//! reference counts merged by maximum over references (orders 1..=`max_order`, 4 unless
//! the Python API's `max_ngram_order` asks otherwise). The corpus score is
//! `compute_bleu` on their sum (Papineni et al. 2002; smoothing methods of Chen & Cherry
//! 2014 as sacreBLEU implements them).

use std::ops::{AddAssign, Deref, DerefMut};

use serde::{Deserialize, Serialize};

use super::family::{Facts, PracticalDelta, KOCMI_2024};
use super::ngram::{NgramCounts, Windows, WordIds, UNKNOWN};
use super::settings::MetricSettings;
use super::signature::{yes_no, Signature};
use super::{Metric, Registered, Resample, Score, ScoreDetails, Stats, TextMetric};
use crate::error::{Error, Result};
use crate::numpy::Np;
use crate::text::{py_lower, py_rstrip};
use crate::tokenize::{TokenizerKind, TokenizerModel};

/// BLEU's maximum n-gram order by default (sacreBLEU's `MAX_NGRAM_ORDER`).
pub const MAX_ORDER: usize = 4;

/// The largest `max_order` (sacreBLEU's `max_ngram_order`, which only its Python API
/// sets): 8 orders of 16-bit word ids still pack into one `u128` window.
pub const ORDER_LIMIT: usize = 8;

/// sacreBLEU's `my_log(0)`.
const LOG_ZERO: f64 = -9999999999.0;

/// Bits per word id in packed n-gram keys.
const WORD_BITS: u32 = 32;

/// BLEU's brevity penalty: 1 unless the hypothesis is shorter than the reference, then
/// `exp(1 - ref_len / sys_len)` (0 for an empty hypothesis), as `compute_bleu`.
pub fn brevity_penalty(sys_len: u64, ref_len: u64) -> f64 {
    if sys_len >= ref_len {
        1.0
    } else if sys_len > 0 {
        (1.0 - ref_len as f64 / sys_len as f64).exp()
    } else {
        0.0
    }
}

/// The largest `--smooth-value`: far above any value in use (sacreBLEU's defaults are
/// 0.1 and 1), far below where n-gram sums added to it stop being finite.
pub const MAX_SMOOTH_VALUE: f64 = 1e6;

/// How zero n-gram matches are smoothed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Smooth {
    /// mteval's exponential decay (sacreBLEU's default).
    Exp,
    /// A fixed floor count (default 0.1) for zero matches.
    Floor(f64),
    /// Add `k` (default 1) to matches and totals of orders 2 and up.
    AddK(f64),
    /// No smoothing.
    None,
}

impl Smooth {
    /// Parses `--smooth-method` and `--smooth-value` (`None` picks sacreBLEU's default).
    /// A value must lie in `0..=`[`MAX_SMOOTH_VALUE`] (a negative floor or k has no
    /// meaning, and sacreBLEU's `math.log` of it would fail; a huge one makes the sums
    /// behind BLEU overflow to infinity).
    pub fn parse(method: &str, value: Option<f64>) -> Result<Smooth> {
        if let Some(v) = value {
            if !(v.is_finite() && (0.0..=MAX_SMOOTH_VALUE).contains(&v)) {
                return Err(Error::config(format!(
                    "invalid --smooth-value '{v}': must be between 0 and {MAX_SMOOTH_VALUE}"
                )));
            }
        }
        Ok(match method {
            "exp" => Smooth::Exp,
            "none" => Smooth::None,
            "floor" => Smooth::Floor(value.unwrap_or(0.1)),
            "add-k" => Smooth::AddK(value.unwrap_or(1.0)),
            _ => {
                return Err(Error::config(format!(
                    "unknown smoothing method '{method}' (expected one of: exp, floor, add-k, none)"
                )))
            }
        })
    }

    /// The signature form: `exp`, `none`, `floor[0.10]`, `add-k[1.00]`.
    pub fn signature(&self) -> String {
        match self {
            Smooth::Exp => "exp".to_string(),
            Smooth::None => "none".to_string(),
            Smooth::Floor(v) => format!("floor[{v:.2}]"),
            Smooth::AddK(v) => format!("add-k[{v:.2}]"),
        }
    }
}

/// BLEU's family facts. The default `max_drop` of 1.39 points is Kocmi et al. (2024)'s
/// delta at 70 % estimated accuracy against human judgements.
pub const FACTS: Facts = Facts {
    key: "bleu",
    named: |name| name == "BLEU",
    lower_is_better: false,
    max_score: Some(100.0),
    practical_delta: PracticalDelta {
        points: 1.39,
        source: KOCMI_2024,
    },
    ranks_segments: false,
};

/// BLEU with its options.
#[derive(Debug, Clone)]
pub struct Bleu {
    /// Tokenizer applied after lowercasing.
    pub tokenizer: TokenizerKind,
    /// The data `tokenizer` runs on (a MeCab dictionary), loaded when the metric is
    /// built from settings; `None` for rule-based tokenizers, and for metrics rebuilt
    /// from a signature, which only score statistics (the tokenizer then loads its
    /// model itself if asked to tokenize).
    pub model: Option<TokenizerModel>,
    /// Lowercase hypotheses and references first.
    pub lowercase: bool,
    /// Smoothing method.
    pub smooth: Smooth,
    /// Use effective order at corpus level (sentence level always does, as sacreBLEU's CLI).
    pub effective_order: bool,
    /// The highest n-gram order, 1..=[`ORDER_LIMIT`] (sacreBLEU's `max_ngram_order`;
    /// not in the signature, as in sacreBLEU, so only the Python API changes it).
    pub max_order: usize,
}

impl Default for Bleu {
    fn default() -> Self {
        Bleu {
            tokenizer: TokenizerKind::T13a,
            model: None,
            lowercase: false,
            smooth: Smooth::Exp,
            effective_order: false,
            max_order: MAX_ORDER,
        }
    }
}

/// One count per n-gram order (`max_order` of them, at most [`ORDER_LIMIT`]), stored
/// inline so that a segment's statistics allocate nothing; a slice of its orders
/// (`Deref`), serialized as a list of exactly that many numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Orders {
    len: u8,
    counts: [u64; ORDER_LIMIT],
}

impl Orders {
    /// `order` zeros.
    ///
    /// # Panics
    /// If `order` exceeds [`ORDER_LIMIT`].
    pub fn zeros(order: usize) -> Orders {
        assert!(
            order <= ORDER_LIMIT,
            "BLEU order {order} above {ORDER_LIMIT}"
        );
        Orders {
            len: order as u8,
            counts: [0; ORDER_LIMIT],
        }
    }

    /// The counts of `values`, one per order.
    ///
    /// # Panics
    /// If there are more than [`ORDER_LIMIT`] values.
    pub fn from_slice(values: &[u64]) -> Orders {
        let mut o = Orders::zeros(values.len());
        o.copy_from_slice(values);
        o
    }

    /// Adds `other` order by order; the result has the orders of the longer one (the
    /// statistics of no segments have none).
    fn add(&mut self, other: &Orders) {
        self.len = self.len.max(other.len);
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
    }
}

impl Deref for Orders {
    type Target = [u64];
    fn deref(&self) -> &[u64] {
        &self.counts[..usize::from(self.len)]
    }
}

impl DerefMut for Orders {
    fn deref_mut(&mut self) -> &mut [u64] {
        &mut self.counts[..usize::from(self.len)]
    }
}

impl<const N: usize> PartialEq<[u64; N]> for Orders {
    fn eq(&self, other: &[u64; N]) -> bool {
        **self == other[..]
    }
}

impl Serialize for Orders {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Orders {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Orders, D::Error> {
        let v = Vec::<u64>::deserialize(d)?;
        if v.len() > ORDER_LIMIT {
            return Err(serde::de::Error::custom(format!(
                "{} BLEU n-gram orders (at most {ORDER_LIMIT})",
                v.len()
            )));
        }
        Ok(Orders::from_slice(&v))
    }
}

/// BLEU's sufficient statistics.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BleuStats {
    /// Hypothesis length in tokens.
    pub hyp_len: u64,
    /// Closest reference length in tokens.
    pub ref_len: u64,
    /// Clipped matching n-grams per order.
    pub matches: Orders,
    /// Hypothesis n-grams per order.
    pub totals: Orders,
}

impl AddAssign<&BleuStats> for BleuStats {
    fn add_assign(&mut self, o: &BleuStats) {
        self.hyp_len += o.hyp_len;
        self.ref_len += o.ref_len;
        self.matches.add(&o.matches);
        self.totals.add(&o.totals);
    }
}

impl Stats for BleuStats {}

/// Reference n-grams (max count over references) and lengths of one segment.
#[derive(Debug, Clone, Default)]
pub struct BleuRefs {
    vocab: WordIds,
    ngrams: Option<NgramCounts>,
    lens: Vec<u64>,
    /// Bits per word id in the packed keys of this segment.
    bits: u32,
}

impl Bleu {
    /// sacreBLEU's preprocessing, `lower()` (if asked) -> `rstrip()` -> tokenizer ->
    /// `split()`, handing `f` each token in order.
    fn for_each_token(&self, s: &str, f: impl FnMut(&str)) {
        let lowered;
        let line = if self.lowercase {
            lowered = py_lower(s);
            py_rstrip(&lowered)
        } else {
            py_rstrip(s)
        };
        match &self.model {
            Some(model) => model.for_each_token(line, f),
            None => self.tokenizer.for_each_token(line, f),
        }
    }

    /// sacreBLEU's `compute_bleu` on summed statistics.
    pub fn compute(&self, s: &BleuStats, effective_order: bool) -> Score {
        let (sys_len, ref_len) = (s.hyp_len, s.ref_len);
        let bp = brevity_penalty(sys_len, ref_len);
        let ratio = if ref_len > 0 {
            sys_len as f64 / ref_len as f64
        } else {
            0.0
        };
        let order = self.max_order;
        let count = |o: &Orders, n: usize| o.get(n).map_or(0.0, |&c| c as f64);
        let mut precisions = vec![0.0f64; order];
        let mut correct: Vec<f64> = (0..order).map(|n| count(&s.matches, n)).collect();
        let mut total: Vec<f64> = (0..order).map(|n| count(&s.totals, n)).collect();
        // sacreBLEU reports the counts and totals as `compute_bleu` leaves them: with
        // add-k smoothing, k has been added to orders 2 and up.
        let details =
            |score: f64, precisions: Vec<f64>, counts: Vec<f64>, totals: Vec<f64>| Score {
                score,
                details: ScoreDetails::Bleu {
                    precisions,
                    bp,
                    ratio,
                    hyp_len: sys_len,
                    ref_len,
                    counts,
                    totals,
                },
            };
        // Early stop if there are no matches at all (sacreBLEU #141).
        if s.matches.iter().all(|&c| c == 0) {
            return details(0.0, precisions, correct, total);
        }
        let mut smooth_mteval = 1.0f64;
        let mut eff_order = order;
        for n in 0..order {
            if let Smooth::AddK(k) = self.smooth {
                if n > 0 {
                    correct[n] += k;
                    total[n] += k;
                }
            }
            if total[n] == 0.0 {
                break;
            }
            if effective_order {
                eff_order = n + 1;
            }
            if correct[n] == 0.0 {
                match self.smooth {
                    Smooth::Exp => {
                        smooth_mteval *= 2.0;
                        precisions[n] = 100.0 / (smooth_mteval * total[n]);
                    }
                    Smooth::Floor(v) => precisions[n] = 100.0 * v / total[n],
                    Smooth::AddK(_) | Smooth::None => {}
                }
            } else {
                precisions[n] = 100.0 * correct[n] / total[n];
            }
        }
        let log_sum: f64 = precisions[..eff_order].iter().fold(0.0, |acc, &p| {
            acc + if p == 0.0 { LOG_ZERO } else { p.ln() }
        });
        let score = bp * (log_sum / eff_order as f64).exp();
        details(score, precisions, correct, total)
    }

    fn closest_ref_len(hyp_len: u64, lens: &[u64]) -> u64 {
        let mut best: Option<(u64, u64)> = None; // (diff, len)
        for &len in lens {
            let diff = hyp_len.abs_diff(len);
            best = match best {
                None => Some((diff, len)),
                Some((d, l)) if diff < d || (diff == d && len < l) => Some((diff, len)),
                keep => keep,
            };
        }
        best.map_or(0, |(_, l)| l)
    }

    fn signature_with(&self, nrefs: usize, effective_order: bool) -> Signature {
        Signature::new(
            nrefs,
            &[
                (
                    "case",
                    if self.lowercase { "lc" } else { "mixed" }.to_string(),
                ),
                ("eff", yes_no(effective_order)),
                ("tok", self.tokenizer.signature().to_string()),
                ("smooth", self.smooth.signature()),
            ],
        )
    }
}

impl Metric for Bleu {
    type Stats = BleuStats;

    fn name(&self) -> String {
        "BLEU".to_string()
    }

    fn signature(&self, nrefs: usize) -> Signature {
        self.signature_with(nrefs, self.effective_order)
    }

    fn sentence_signature(&self, nrefs: usize) -> Signature {
        self.signature_with(nrefs, true)
    }

    fn score(&self, stats: &BleuStats) -> Score {
        self.compute(stats, self.effective_order)
    }

    fn sentence_score(&self, stats: &BleuStats) -> Score {
        // sacreBLEU's CLI forces effective order with --sentence-level.
        self.compute(stats, true)
    }
}

impl TextMetric for Bleu {
    type RefInfo = BleuRefs;

    fn prepare_refs(&self, refs: &[&str]) -> BleuRefs {
        let mut info = BleuRefs::default();
        self.prepare_refs_into(refs, &mut info);
        info
    }

    fn prepare_refs_into(&self, refs: &[&str], info: &mut BleuRefs) {
        thread_local! {
            static IDS: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        info.vocab.clear();
        info.lens.clear();
        let mut merged = false;
        IDS.with(|ids| {
            let ids = &mut *ids.borrow_mut();
            for r in refs {
                ids.clear();
                let vocab = &mut info.vocab;
                self.for_each_token(r, |w| ids.push(vocab.intern(w)));
                info.lens.push(ids.len() as u64);
                if refs.len() == 1 {
                    // One reference: keep its windows for the one-merge match. Fewer than
                    // 2^16 - 1 distinct words: four ids pack into a u64.
                    info.bits = if ids.len() < 65_000 { 16 } else { WORD_BITS };
                    let counts = info.ngrams.get_or_insert_with(NgramCounts::default);
                    counts.fill_windows(ids, self.max_order, info.bits);
                    continue;
                }
                // Several references: per-order counts, each n-gram's count its maximum
                // over references.
                info.bits = WORD_BITS;
                let counts = NgramCounts::new(ids, self.max_order, WORD_BITS, None);
                match &mut info.ngrams {
                    Some(m) if merged => m.max_merge(&counts),
                    _ => {
                        info.ngrams = Some(counts);
                        merged = true;
                    }
                }
            }
        });
        if refs.is_empty() {
            info.ngrams = None;
        }
    }

    fn segment_stats(&self, hyp: &str, refs: &BleuRefs) -> BleuStats {
        thread_local! {
            static HYP: std::cell::RefCell<(Vec<u32>, Windows)> = Default::default();
        }
        HYP.with(|h| {
            let (ids, windows) = &mut *h.borrow_mut();
            ids.clear();
            self.for_each_token(hyp, |w| ids.push(refs.vocab.lookup(w)));
            let hyp_len = ids.len() as u64;
            let mut st = BleuStats {
                hyp_len,
                ref_len: Self::closest_ref_len(hyp_len, &refs.lens),
                matches: Orders::zeros(self.max_order),
                totals: Orders::zeros(self.max_order),
            };
            // A word absent from every reference cannot be part of a matching n-gram.
            windows.fill(ids, self.max_order, refs.bits.max(16), Some(UNKNOWN));
            for n in 1..=self.max_order {
                st.totals[n - 1] = windows.total(n);
            }
            if let Some(r) = &refs.ngrams {
                windows.matches(r, &mut st.matches);
            }
            st
        })
    }
}

// What the layers above need (see [`Registered`]).
/// The tokenizer `settings` ask for, else sacreBLEU's default for the target language.
fn tokenizer(s: &MetricSettings) -> Result<TokenizerKind> {
    match &s.tokenize {
        Some(t) => t.parse::<TokenizerKind>(),
        None => Ok(TokenizerKind::default_for_lang(s.target_lang.as_deref())),
    }
}

impl Registered for Bleu {
    /// An explicit tokenizer and the smoothing are checked even when BLEU is not
    /// requested; sacreBLEU's default tokenizer for the target language only when it is
    /// (a target whose default is unsupported, ja or ko, must not block chrF or TER).
    fn check_settings(s: &MetricSettings) -> Result<()> {
        if s.tokenize.is_some() {
            tokenizer(s)?;
        }
        Smooth::parse(&s.smooth_method, s.smooth_value)?;
        if let Some(v) = s.smooth_value {
            if !v.is_finite() {
                return Err(Error::config(format!(
                    "invalid smoothing value '{v}': must be a finite number"
                )));
            }
        }
        Ok(())
    }

    fn from_settings(key: &str, s: &MetricSettings) -> Option<Result<Bleu>> {
        (key == "bleu").then(|| {
            let tokenizer = tokenizer(s)?;
            Ok(Bleu {
                tokenizer,
                model: tokenizer.load_model(&s.tokenizer_models)?,
                lowercase: s.bleu_lowercase,
                smooth: Smooth::parse(&s.smooth_method, s.smooth_value)?,
                effective_order: false,
                max_order: MAX_ORDER,
            })
        })
    }

    /// With one reference, its length.
    fn reference_fingerprint(s: &BleuStats, nrefs: usize) -> Option<Vec<f64>> {
        (nrefs == 1).then(|| vec![s.ref_len as f64])
    }

    fn from_signature(name: &str, sig: &Signature) -> Option<Bleu> {
        if name != "BLEU" {
            return None;
        }
        let smooth = sig.get("smooth")?;
        let (method, value) = match smooth.split_once('[') {
            Some((m, v)) => (m, Some(v.strip_suffix(']')?.parse::<f64>().ok()?)),
            None => (smooth, None),
        };
        Some(Bleu {
            tokenizer: TokenizerKind::from_signature(sig.get("tok")?)?,
            model: None,
            lowercase: sig.get("case")? == "lc",
            smooth: Smooth::parse(method, value).ok()?,
            effective_order: sig.get("eff")? == "yes",
            max_order: MAX_ORDER,
        })
    }

    /// Zeros at each of its orders.
    fn empty_stats(&self) -> BleuStats {
        BleuStats {
            matches: Orders::zeros(self.max_order),
            totals: Orders::zeros(self.max_order),
            ..BleuStats::default()
        }
    }

    fn checked_add(a: &mut BleuStats, b: &BleuStats) -> Option<()> {
        fn u(a: &mut u64, b: u64) -> Option<()> {
            *a = a.checked_add(b)?;
            Some(())
        }
        u(&mut a.hyp_len, b.hyp_len)?;
        u(&mut a.ref_len, b.ref_len)?;
        if a.matches.len() != b.matches.len() || a.totals.len() != b.totals.len() {
            return None;
        }
        for n in 0..a.matches.len() {
            u(&mut a.matches[n], b.matches[n])?;
            u(&mut a.totals[n], b.totals[n])?;
        }
        Some(())
    }

    /// Order-1 n-grams are the tokens; each segment loses one n-gram per order, so a sum
    /// of `segments` segments loses at most that many; clipped matches never exceed
    /// n-grams; with one reference every match needs reference n-grams, and extends a
    /// match of the order below.
    fn check_stats(
        &self,
        b: &BleuStats,
        segments: usize,
        nrefs: Option<usize>,
    ) -> std::result::Result<(), String> {
        let one_ref = nrefs == Some(1);
        let order = self.max_order;
        if b.matches.len() != order || b.totals.len() != order {
            return Err(format!(
                "impossible BLEU statistics: {} and {} n-gram orders where BLEU has {order}",
                b.matches.len(),
                b.totals.len()
            ));
        }
        if b.totals[0] != b.hyp_len {
            return Err(format!(
                "impossible BLEU statistics: {} tokens but {} unigrams",
                b.hyp_len, b.totals[0]
            ));
        }
        if one_ref {
            if let Some(n) = (0..order).find(|&n| b.matches[n] > b.ref_len) {
                return Err(format!(
                    "impossible BLEU statistics: {} matches of order {} against {} reference tokens",
                    b.matches[n],
                    n + 1,
                    b.ref_len
                ));
            }
        }
        for n in 1..order {
            let least = b.hyp_len.saturating_sub(n as u64 * segments as u64);
            if b.totals[n] < least {
                return Err(format!(
                    "impossible BLEU statistics: {} tokens in {segments} segments have at least {least} n-grams of order {}, not {}",
                    b.hyp_len,
                    n + 1,
                    b.totals[n]
                ));
            }
            if one_ref && b.matches[n] > b.matches[n - 1] {
                return Err(format!(
                    "impossible BLEU statistics: more matches of order {} ({}) than of order {n} ({}) with one reference",
                    n + 1,
                    b.matches[n],
                    b.matches[n - 1]
                ));
            }
            if b.totals[n] > b.totals[n - 1] {
                return Err(format!(
                    "impossible BLEU statistics: more n-grams of order {} ({}) than of order {n} ({})",
                    n + 1,
                    b.totals[n],
                    b.totals[n - 1]
                ));
            }
        }
        for n in 0..order {
            if b.matches[n] > b.totals[n] || b.totals[n] > b.hyp_len {
                return Err(format!(
                    "impossible BLEU statistics: order {} has {} matches of {} n-grams in {} tokens",
                    n + 1,
                    b.matches[n],
                    b.totals[n],
                    b.hyp_len
                ));
            }
        }
        Ok(())
    }

    /// A segment has exactly `hyp_len - n` n-grams of 0-based order `n`; with one
    /// reference, no more matches than the reference has n-grams.
    fn check_segment(
        &self,
        b: &BleuStats,
        nrefs: Option<usize>,
    ) -> std::result::Result<(), String> {
        if b.matches.len() != self.max_order || b.totals.len() != self.max_order {
            return Err(format!(
                "impossible BLEU statistics: {} and {} n-gram orders where BLEU has {}",
                b.matches.len(),
                b.totals.len(),
                self.max_order
            ));
        }
        for n in 0..self.max_order {
            let ngrams = b.hyp_len.saturating_sub(n as u64);
            if b.totals[n] != ngrams {
                return Err(format!(
                    "impossible BLEU statistics: {} tokens have {ngrams} n-grams of order {}, not {}",
                    b.hyp_len,
                    n + 1,
                    b.totals[n]
                ));
            }
            if nrefs == Some(1) && b.matches[n] > b.ref_len.saturating_sub(n as u64) {
                return Err(format!(
                    "impossible BLEU statistics: {} matches of order {} against a reference of {} tokens",
                    b.matches[n],
                    n + 1,
                    b.ref_len
                ));
            }
        }
        Ok(())
    }
}

// Resampling (sacreBLEU `significance.py`): how these statistics flatten into the
// float32 arrays numpy resamples, and how the metric scores them there.

impl Resample for Bleu {
    fn width(&self) -> usize {
        2 + 2 * self.max_order
    }

    fn flatten(&self, s: &BleuStats, out: &mut Vec<f64>) {
        // `[hyp_len, ref_len] + correct + total` (`BLEU._compute_segment_statistics`).
        out.push(s.hyp_len as f64);
        out.push(s.ref_len as f64);
        out.extend(s.matches.iter().map(|&v| v as f64));
        out.extend(s.totals.iter().map(|&v| v as f64));
    }

    fn score_f32(&self, s: &[f32]) -> Np {
        Np::Py(bleu_from_f32(self, s))
    }

    fn score_f64(&self, s: &[f64]) -> f64 {
        self.score(&bleu_unflatten(s, self.max_order)).score
    }
}

fn bleu_unflatten(s: &[f64], order: usize) -> BleuStats {
    let counts = |from: usize| {
        let mut o = Orders::zeros(order);
        for (c, &v) in o.iter_mut().zip(&s[from..from + order]) {
            *c = v as u64;
        }
        o
    };
    BleuStats {
        hyp_len: s[0] as u64,
        ref_len: s[1] as u64,
        matches: counts(2),
        totals: counts(2 + order),
    }
}

/// `BLEU.compute_bleu` called with float32 statistics (`bleu.py::_compute_score_from_stats`).
///
/// Lengths go through `int()`; precisions are float32 because `100. * correct / total`
/// has a float32 operand (NEP 50); `my_log` / `math.exp` and the brevity penalty are
/// float64. The result is a Python float.
fn bleu_from_f32(bleu: &Bleu, s: &[f32]) -> f64 {
    use Smooth;
    // `int()` of the float32 lengths; the penalty itself is float64.
    let bp = brevity_penalty(s[0] as u64, s[1] as u64);
    let order = bleu.max_order;
    let mut correct = [0.0f32; ORDER_LIMIT];
    let mut total = [0.0f32; ORDER_LIMIT];
    correct[..order].copy_from_slice(&s[2..2 + order]);
    total[..order].copy_from_slice(&s[2 + order..2 + 2 * order]);
    if correct[..order].iter().all(|&c| c == 0.0) {
        return 0.0;
    }
    let mut precisions = [0.0f64; ORDER_LIMIT];
    let mut smooth_mteval = 1.0f64;
    let mut eff_order = order;
    for n in 0..order {
        if let Smooth::AddK(k) = bleu.smooth {
            if n > 0 {
                // In place on the float32 array: the Python float is cast to float32.
                correct[n] += k as f32;
                total[n] += k as f32;
            }
        }
        if total[n] == 0.0 {
            break;
        }
        if bleu.effective_order {
            eff_order = n + 1;
        }
        let p: f32 = if correct[n] == 0.0 {
            match bleu.smooth {
                Smooth::Exp => {
                    smooth_mteval *= 2.0;
                    100.0 / ((smooth_mteval as f32) * total[n])
                }
                Smooth::Floor(v) => ((100.0 * v) as f32) / total[n],
                Smooth::AddK(_) | Smooth::None => 0.0,
            }
        } else {
            (100.0 * correct[n]) / total[n]
        };
        precisions[n] = f64::from(p);
    }
    let log_sum = precisions[..eff_order].iter().fold(0.0f64, |acc, &p| {
        acc + if p == 0.0 { -9999999999.0 } else { p.ln() }
    });
    bp * (log_sum / eff_order as f64).exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(bleu: &Bleu, hyps: &[&str], refs: &[&[&str]]) -> Score {
        let mut total = BleuStats::default();
        for (i, h) in hyps.iter().enumerate() {
            let r: Vec<&str> = refs.iter().map(|s| s[i]).collect();
            total += &bleu.segment_stats(h, &bleu.prepare_refs(&r));
        }
        bleu.score(&total)
    }

    #[test]
    fn perfect_match_has_float_artefact_like_sacrebleu() {
        let s = corpus(
            &Bleu::default(),
            &["the cat sat on the mat"],
            &[&["the cat sat on the mat"]],
        );
        assert_eq!(s.score, 100.00000000000004);
    }

    /// References prepared into one reused buffer, switching between 16-bit and 32-bit
    /// packed word ids (a reference of 65,000 words or more), equal fresh ones.
    #[test]
    fn reused_references_switch_word_id_width() {
        let bleu = Bleu::default();
        let long: String = (0..65_010).map(|i| format!("w{i} ")).collect();
        let long_hyp: String = (100..400).map(|i| format!("w{i} ")).collect();
        let cases = [
            ("the cat sat", "the cat sat on the mat"),
            (long_hyp.as_str(), long.as_str()),
            ("a b c d", "a b c e"),
            (long_hyp.as_str(), long.as_str()),
        ];
        let mut info = BleuRefs::default();
        for (hyp, r) in cases {
            bleu.prepare_refs_into(&[r], &mut info);
            let fresh = bleu.prepare_refs(&[r]);
            assert_eq!(info.bits, fresh.bits);
            assert_eq!(
                bleu.segment_stats(hyp, &info),
                bleu.segment_stats(hyp, &fresh)
            );
        }
        assert_eq!(info.bits, WORD_BITS);
        assert_eq!(
            bleu.segment_stats(&long_hyp, &info).matches,
            [300, 299, 298, 297]
        );
    }

    #[test]
    fn closest_ref_len_ties_to_shorter() {
        assert_eq!(Bleu::closest_ref_len(5, &[7, 3]), 3);
        assert_eq!(Bleu::closest_ref_len(5, &[3, 7]), 3);
        assert_eq!(Bleu::closest_ref_len(5, &[9, 6, 4]), 4);
    }

    #[test]
    fn degenerate_stats_score_zero() {
        let b = Bleu::default();
        assert_eq!(b.score(&BleuStats::default()).score, 0.0);
    }

    #[test]
    fn smoothing_signatures() {
        assert_eq!(
            Smooth::parse("floor", None).unwrap().signature(),
            "floor[0.10]"
        );
        assert_eq!(
            Smooth::parse("add-k", None).unwrap().signature(),
            "add-k[1.00]"
        );
        assert!(Smooth::parse("laplace", None).is_err());
    }
}
