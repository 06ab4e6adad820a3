//! BLEU, exactly as sacreBLEU 2.6.0 (`sacrebleu/metrics/bleu.py`).
//!
//! Segment statistics are the hypothesis length, the closest reference length (ties go to
//! the shorter reference), and clipped matches and totals for n-gram orders 1..=4, with
//! reference counts merged by maximum over references. The corpus score is
//! `compute_bleu` on their sum (Papineni et al. 2002; smoothing methods of Chen & Cherry
//! 2014 as sacreBLEU implements them).

use std::ops::AddAssign;

use serde::{Deserialize, Serialize};

use super::ngram::{NgramCounts, Windows, WordIds, UNKNOWN};
use super::signature::{yes_no, Signature};
use super::{Metric, Score, ScoreDetails, Stats};
use crate::error::{Error, Result};
use crate::text::{py_lower, py_rstrip};
use crate::tokenize::TokenizerKind;

/// BLEU's maximum n-gram order (sacreBLEU's `max_ngram_order`).
pub const MAX_ORDER: usize = 4;

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

/// BLEU with its options.
#[derive(Debug, Clone)]
pub struct Bleu {
    /// Tokenizer applied after lowercasing.
    pub tokenizer: TokenizerKind,
    /// Lowercase hypotheses and references first.
    pub lowercase: bool,
    /// Smoothing method.
    pub smooth: Smooth,
    /// Use effective order at corpus level (sentence level always does, as sacreBLEU's CLI).
    pub effective_order: bool,
}

impl Default for Bleu {
    fn default() -> Self {
        Bleu {
            tokenizer: TokenizerKind::T13a,
            lowercase: false,
            smooth: Smooth::Exp,
            effective_order: false,
        }
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
    pub matches: [u64; MAX_ORDER],
    /// Hypothesis n-grams per order.
    pub totals: [u64; MAX_ORDER],
}

impl AddAssign<&BleuStats> for BleuStats {
    fn add_assign(&mut self, o: &BleuStats) {
        self.hyp_len += o.hyp_len;
        self.ref_len += o.ref_len;
        for n in 0..MAX_ORDER {
            self.matches[n] += o.matches[n];
            self.totals[n] += o.totals[n];
        }
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
        if self.lowercase {
            self.tokenizer.for_each_token(py_rstrip(&py_lower(s)), f)
        } else {
            self.tokenizer.for_each_token(py_rstrip(s), f)
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
        let mut precisions = [0.0f64; MAX_ORDER];
        let mut correct: [f64; MAX_ORDER] = s.matches.map(|c| c as f64);
        let mut total: [f64; MAX_ORDER] = s.totals.map(|c| c as f64);
        // sacreBLEU reports the counts and totals as `compute_bleu` leaves them: with
        // add-k smoothing, k has been added to orders 2 and up.
        let details = |score: f64,
                       precisions: [f64; MAX_ORDER],
                       counts: [f64; MAX_ORDER],
                       totals: [f64; MAX_ORDER]| Score {
            score,
            details: ScoreDetails::Bleu {
                precisions: precisions.to_vec(),
                bp,
                ratio,
                hyp_len: sys_len,
                ref_len,
                counts: counts.to_vec(),
                totals: totals.to_vec(),
            },
        };
        // Early stop if there are no matches at all (sacreBLEU #141).
        if s.matches.iter().all(|&c| c == 0) {
            return details(0.0, precisions, correct, total);
        }
        let mut smooth_mteval = 1.0f64;
        let mut eff_order = MAX_ORDER;
        for n in 0..MAX_ORDER {
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
    type RefInfo = BleuRefs;
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
                    counts.fill_windows(ids, MAX_ORDER, info.bits);
                    continue;
                }
                // Several references: per-order counts, each n-gram's count its maximum
                // over references.
                info.bits = WORD_BITS;
                let counts = NgramCounts::new(ids, MAX_ORDER, WORD_BITS, None);
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
                ..Default::default()
            };
            // A word absent from every reference cannot be part of a matching n-gram.
            windows.fill(ids, MAX_ORDER, refs.bits.max(16), Some(UNKNOWN));
            for n in 1..=MAX_ORDER {
                st.totals[n - 1] = windows.total(n);
            }
            if let Some(r) = &refs.ngrams {
                windows.matches(r, &mut st.matches);
            }
            st
        })
    }

    fn score(&self, stats: &BleuStats) -> Score {
        self.compute(stats, self.effective_order)
    }

    fn sentence_score(&self, stats: &BleuStats) -> Score {
        // sacreBLEU's CLI forces effective order with --sentence-level.
        self.compute(stats, true)
    }
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
