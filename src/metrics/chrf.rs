//! chrF and chrF++, exactly as sacreBLEU 2.6.0 (`sacrebleu/metrics/chrf.py`, `helpers.py`).
//!
//! Per order (character orders 1..=nc, then word orders 1..=nw) a segment yields the
//! triplet `[hyp n-grams, ref n-grams, clipped matches]` against the reference with the
//! strictly best sentence F-score (the first one on ties). Character n-grams are taken
//! over the line with all Python whitespace removed (unless `whitespace`), so they span
//! word boundaries; word n-grams are taken after chrF's one-character punctuation split.
//! Popović 2015 (chrF), 2017 (chrF++).

use std::ops::AddAssign;

use serde::{Deserialize, Serialize};

use super::ngram::{NgramCounts, Windows, WordIds, UNKNOWN};
use super::signature::{yes_no, Signature};
use super::{Metric, Score, ScoreDetails, Stats};
use crate::text::{is_py_space, py_lower, py_split};

/// Bits per code point in packed keys.
const CHAR_BITS: u32 = 21;
/// Bits per word id in packed keys.
const WORD_BITS: u32 = 32;
/// sacreBLEU's smoothing epsilon.
const EPS: f64 = 1e-16;

/// chrF / chrF++ with its options.
#[derive(Debug, Clone)]
pub struct Chrf {
    /// Character n-gram order (6).
    pub char_order: usize,
    /// Word n-gram order (0 for chrF, 2 for chrF++).
    pub word_order: usize,
    /// Recall weight (2).
    pub beta: u32,
    /// Lowercase first.
    pub lowercase: bool,
    /// Keep whitespace in character n-grams.
    pub whitespace: bool,
    /// chrF++.py-style epsilon smoothing instead of effective order.
    pub eps_smoothing: bool,
}

impl Default for Chrf {
    fn default() -> Self {
        Chrf {
            char_order: 6,
            word_order: 0,
            beta: 2,
            lowercase: false,
            whitespace: false,
            eps_smoothing: false,
        }
    }
}

/// chrF's sufficient statistics: `[hyp, ref, match]` per order, char orders first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChrfStats(pub Vec<[u64; 3]>);

impl AddAssign<&ChrfStats> for ChrfStats {
    fn add_assign(&mut self, o: &ChrfStats) {
        if self.0.len() < o.0.len() {
            self.0.resize(o.0.len(), [0; 3]);
        }
        for (a, b) in self.0.iter_mut().zip(&o.0) {
            a[0] += b[0];
            a[1] += b[1];
            a[2] += b[2];
        }
    }
}

impl Stats for ChrfStats {}

/// One reference's character and word n-gram counts.
#[derive(Debug, Clone)]
struct RefGrams {
    chars: NgramCounts,
    words: NgramCounts,
}

/// Prepared references of one segment.
#[derive(Debug, Clone, Default)]
pub struct ChrfRefs {
    vocab: WordIds,
    refs: Vec<RefGrams>,
}

/// ASCII punctuation (Python's `string.punctuation`).
fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
}

/// sacreBLEU's `_remove_punctuation`: split one leading or trailing ASCII punctuation
/// character off each word (trailing wins; one character only).
#[cfg(test)]
fn words(sent: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for_words(sent, |w| out.push(w));
    out
}

/// Calls `out` with every word of [`words`], in order, without collecting them.
fn for_words<'a>(sent: &'a str, mut out: impl FnMut(&'a str)) {
    for w in py_split(sent) {
        let mut chars = w.chars();
        let first = chars.next();
        let last = chars.next_back();
        match (first, last) {
            (Some(_), None) => out(w),
            (Some(f), Some(l)) => {
                if is_punct(l) {
                    out(&w[..w.len() - l.len_utf8()]);
                    out(&w[w.len() - l.len_utf8()..]);
                } else if is_punct(f) {
                    out(&w[..f.len_utf8()]);
                    out(&w[f.len_utf8()..]);
                } else {
                    out(w);
                }
            }
            (None, _) => {}
        }
    }
}

impl Chrf {
    /// Number of orders (char + word).
    fn orders(&self) -> usize {
        self.char_order + self.word_order
    }

    fn chars(&self, s: &str, out: &mut Vec<u32>) {
        out.clear();
        if self.whitespace {
            out.extend(s.chars().map(|c| c as u32));
        } else {
            out.extend(s.chars().filter(|&c| !is_py_space(c)).map(|c| c as u32));
        }
    }

    fn lower<'a>(&self, s: &'a str) -> std::borrow::Cow<'a, str> {
        if self.lowercase {
            py_lower(s).into()
        } else {
            s.into()
        }
    }

    /// sacreBLEU's `_compute_f_score` on one statistics vector.
    pub fn f_score(&self, stats: &[[u64; 3]]) -> f64 {
        let factor = (self.beta as f64).powi(2);
        let mut score = 0.0f64;
        let mut eff = 0usize;
        let (mut avg_prec, mut avg_rec) = (0.0f64, 0.0f64);
        // A missing order (an empty statistics vector) counts as [0, 0, 0].
        for i in 0..self.orders() {
            let [h, r, m] = stats.get(i).copied().unwrap_or([0; 3]);
            let prec = if h > 0 { m as f64 / h as f64 } else { EPS };
            let rec = if r > 0 { m as f64 / r as f64 } else { EPS };
            let denom = factor * prec + rec;
            score += if denom > 0.0 {
                (1.0 + factor) * prec * rec / denom
            } else {
                EPS
            };
            if h > 0 && r > 0 {
                avg_prec += prec;
                avg_rec += rec;
                eff += 1;
            }
        }
        if self.eps_smoothing {
            return 100.0 * score / self.orders() as f64;
        }
        if eff == 0 {
            avg_prec = 0.0;
            avg_rec = 0.0;
        } else {
            avg_prec /= eff as f64;
            avg_rec /= eff as f64;
        }
        if avg_prec + avg_rec != 0.0 {
            let s = (1.0 + factor) * avg_prec * avg_rec;
            100.0 * (s / ((factor * avg_prec) + avg_rec))
        } else {
            0.0
        }
    }
}

impl Metric for Chrf {
    type RefInfo = ChrfRefs;
    type Stats = ChrfStats;

    fn name(&self) -> String {
        format!("chrF{}{}", self.beta, "+".repeat(self.word_order))
    }

    fn signature(&self, nrefs: usize) -> Signature {
        Signature::new(
            nrefs,
            &[
                (
                    "case",
                    if self.lowercase { "lc" } else { "mixed" }.to_string(),
                ),
                ("eff", yes_no(!self.eps_smoothing)),
                ("nc", self.char_order.to_string()),
                ("nw", self.word_order.to_string()),
                ("space", yes_no(self.whitespace)),
            ],
        )
    }

    fn prepare_refs(&self, refs: &[&str]) -> ChrfRefs {
        let mut vocab = WordIds::default();
        let mut syms: Vec<u32> = Vec::new();
        let mut grams = Vec::with_capacity(refs.len());
        for r in refs {
            let r = self.lower(r);
            self.chars(&r, &mut syms);
            let chars = NgramCounts::windows(&syms, self.char_order, CHAR_BITS);
            syms.clear();
            if self.word_order > 0 {
                for_words(&r, |w| syms.push(vocab.intern(w)));
            }
            let words = NgramCounts::windows(&syms, self.word_order, WORD_BITS);
            grams.push(RefGrams { chars, words });
        }
        ChrfRefs { vocab, refs: grams }
    }

    fn segment_stats(&self, hyp: &str, refs: &ChrfRefs) -> ChrfStats {
        thread_local! {
            static HYP: std::cell::RefCell<(Vec<u32>, Windows, Windows)> = Default::default();
        }
        HYP.with(|h| {
            let (syms, chars, words_w) = &mut *h.borrow_mut();
            self.stats_with(hyp, refs, syms, chars, words_w)
        })
    }

    fn score(&self, stats: &ChrfStats) -> Score {
        Score {
            score: self.f_score(&stats.0),
            details: ScoreDetails::Chrf {
                beta: self.beta,
                char_order: self.char_order,
                word_order: self.word_order,
            },
        }
    }
}

impl Chrf {
    fn stats_with(
        &self,
        hyp: &str,
        refs: &ChrfRefs,
        syms: &mut Vec<u32>,
        chars: &mut Windows,
        words_w: &mut Windows,
    ) -> ChrfStats {
        let hyp = self.lower(hyp);
        self.chars(&hyp, syms);
        chars.fill(syms, self.char_order, CHAR_BITS, None);
        // Word n-grams holding a word no reference has cannot match; they still count in totals.
        syms.clear();
        if self.word_order > 0 {
            for_words(&hyp, |w| syms.push(refs.vocab.lookup(w)));
        }
        words_w.fill(syms, self.word_order, WORD_BITS, Some(UNKNOWN));
        let mut best: Option<Vec<[u64; 3]>> = None;
        let mut best_f = -1.0f64;
        let (mut cm, mut wm) = ([0u64; 16], [0u64; 16]);
        let (nc, nw) = (self.char_order, self.word_order);
        for r in &refs.refs {
            let (cm, wm) = (&mut cm[..nc.min(16)], &mut wm[..nw.min(16)]);
            let matches = |h: &Windows, r: &NgramCounts, out: &mut [u64], order: usize| {
                if order <= 16 {
                    h.matches(r, out);
                }
            };
            matches(chars, &r.chars, cm, nc);
            matches(words_w, &r.words, wm, nw);
            let triplet = |h: &Windows, r: &NgramCounts, n: usize, m: &[u64]| -> [u64; 3] {
                let r_total = r.total(n);
                // sacreBLEU: the hypothesis count is 0 when the reference has no n-gram of this order.
                let h_total = if r_total == 0 { 0 } else { h.total(n) };
                let m = m
                    .get(n - 1)
                    .copied()
                    .unwrap_or_else(|| h.clipped_matches(r, n));
                [h_total, r_total, m]
            };
            let stats: Vec<[u64; 3]> = (1..=nc)
                .map(|n| triplet(chars, &r.chars, n, cm))
                .chain((1..=nw).map(|n| triplet(words_w, &r.words, n, wm)))
                .collect();
            // The first reference with the strictly best sentence F wins.
            let f = self.f_score(&stats);
            if f > best_f {
                best_f = f;
                best = Some(stats);
            }
        }
        ChrfStats(best.unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sent(m: &Chrf, hyp: &str, refs: &[&str]) -> f64 {
        m.score(&m.segment_stats(hyp, &m.prepare_refs(refs))).score
    }

    #[test]
    fn punctuation_split_keeps_one_char() {
        assert_eq!(words("(hi) a, .b x"), ["(hi", ")", "a", ",", ".", "b", "x"]);
    }

    #[test]
    fn hyp_count_zeroed_when_ref_has_no_ngrams_of_order() {
        let m = Chrf::default();
        let st = m.segment_stats("abcdefgh", &m.prepare_refs(&["ab"]));
        assert_eq!(st.0[2], [0, 0, 0]);
        assert_eq!(st.0[0], [8, 2, 2]);
    }

    #[test]
    fn identical_is_100_and_empty_hyp_is_0() {
        let m = Chrf {
            word_order: 2,
            ..Chrf::default()
        };
        assert!((sent(&m, "The cat sat.", &["The cat sat."]) - 100.0).abs() < 1e-12);
        assert_eq!(sent(&m, "", &["The cat sat."]), 0.0);
        assert_eq!(m.name(), "chrF2++");
    }
}
