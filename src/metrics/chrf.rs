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
/// Bits per dense character id (when a segment's references use at most 1022 distinct
/// characters, six of them pack into a `u64`).
const DENSE_BITS: u32 = 10;

/// Dense per-segment ids for the characters of the references: ASCII through a table,
/// others by binary search. A character no reference has gets [`UNKNOWN`].
#[derive(Debug, Clone)]
struct CharIds {
    /// `id + 1` per ASCII character (0 = absent).
    ascii: [u16; 128],
    /// Distinct non-ASCII characters, sorted; their ids follow the ASCII ones.
    other: Vec<u32>,
    first_other: u32,
}

impl CharIds {
    fn new(refs: &[&[u32]]) -> CharIds {
        let mut ascii = [0u16; 128];
        let mut next = 0u16;
        let mut other = Vec::new();
        for r in refs {
            for &c in r.iter() {
                if c < 128 {
                    if ascii[c as usize] == 0 {
                        next += 1;
                        ascii[c as usize] = next;
                    }
                } else {
                    other.push(c);
                }
            }
        }
        other.sort_unstable();
        other.dedup();
        CharIds {
            ascii,
            other,
            first_other: next as u32,
        }
    }

    fn len(&self) -> usize {
        self.first_other as usize + self.other.len()
    }

    #[inline]
    fn id(&self, c: u32) -> u32 {
        if c < 128 {
            match self.ascii[c as usize] {
                0 => UNKNOWN,
                id => id as u32 - 1,
            }
        } else {
            match self.other.binary_search(&c) {
                Ok(i) => self.first_other + i as u32,
                Err(_) => UNKNOWN,
            }
        }
    }
}
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
    /// Dense character ids, or `None` for raw code points.
    char_ids: Option<CharIds>,
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
        let lowered: Vec<std::borrow::Cow<str>> = refs.iter().map(|r| self.lower(r)).collect();
        let code_points: Vec<Vec<u32>> = lowered
            .iter()
            .map(|r| {
                let mut v = Vec::new();
                self.chars(r, &mut v);
                v
            })
            .collect();
        let slices: Vec<&[u32]> = code_points.iter().map(|v| v.as_slice()).collect();
        let char_ids = Some(CharIds::new(&slices)).filter(|c| c.len() < (1 << DENSE_BITS) - 1);
        let mut syms: Vec<u32> = Vec::new();
        let mut grams = Vec::with_capacity(refs.len());
        for (r, cps) in lowered.iter().zip(&code_points) {
            let chars = match &char_ids {
                Some(ids) => {
                    syms.clear();
                    syms.extend(cps.iter().map(|&c| ids.id(c)));
                    NgramCounts::windows(&syms, self.char_order, DENSE_BITS)
                }
                None => NgramCounts::windows(cps, self.char_order, CHAR_BITS),
            };
            syms.clear();
            if self.word_order > 0 {
                for_words(r, |w| syms.push(vocab.intern(w)));
            }
            let words = NgramCounts::windows(&syms, self.word_order, WORD_BITS);
            grams.push(RefGrams { chars, words });
        }
        ChrfRefs {
            vocab,
            char_ids,
            refs: grams,
        }
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
        match &refs.char_ids {
            // A character of no reference cannot be part of a matching n-gram; it still
            // counts in totals.
            Some(ids) => {
                syms.iter_mut().for_each(|c| *c = ids.id(*c));
                chars.fill(syms, self.char_order, DENSE_BITS, Some(UNKNOWN));
            }
            None => chars.fill(syms, self.char_order, CHAR_BITS, None),
        }
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

    /// Character-order statistics counted naively with maps of char slices.
    fn naive_char_stats(m: &Chrf, hyp: &str, r: &str) -> Vec<[u64; 3]> {
        use std::collections::HashMap;
        let cs = |s: &str| -> Vec<char> { s.chars().filter(|&c| !is_py_space(c)).collect() };
        let (h, r) = (cs(hyp), cs(r));
        let grams = |v: &[char], n: usize| -> HashMap<Vec<char>, u64> {
            let mut g = HashMap::new();
            if v.len() >= n {
                for w in v.windows(n) {
                    *g.entry(w.to_vec()).or_insert(0) += 1;
                }
            }
            g
        };
        (1..=m.char_order)
            .map(|n| {
                let (gh, gr) = (grams(&h, n), grams(&r, n));
                let rt = r.len().saturating_sub(n - 1) as u64;
                let ht = if rt == 0 {
                    0
                } else {
                    h.len().saturating_sub(n - 1) as u64
                };
                let mt = gh
                    .iter()
                    .map(|(g, c)| (*c).min(*gr.get(g).unwrap_or(&0)))
                    .sum();
                [ht, rt, mt]
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn dense_and_raw_char_ids_match_naive_counts(
            hyp in "[ab aé中\u{9a0}-\u{9a4}]{0,30}",
            r in "[ab aé中\u{9a0}-\u{9a4}x]{0,30}",
        ) {
            let m = Chrf::default();
            let st = m.segment_stats(&hyp, &m.prepare_refs(&[&r]));
            proptest::prop_assert_eq!(st.0, naive_char_stats(&m, &hyp, &r));
        }
    }

    #[test]
    fn large_reference_alphabet_falls_back_to_code_points() {
        let m = Chrf::default();
        // 1100 distinct characters: more than dense ids pack into a u64.
        let r: String = (0x4e00u32..0x4e00 + 1100)
            .filter_map(char::from_u32)
            .collect();
        let hyp: String = r.chars().skip(500).take(50).chain("zz".chars()).collect();
        let refs = m.prepare_refs(&[&r]);
        assert!(refs.char_ids.is_none());
        assert_eq!(
            m.segment_stats(&hyp, &refs).0,
            naive_char_stats(&m, &hyp, &r)
        );
        let small = m.prepare_refs(&["abc"]);
        assert!(small.char_ids.is_some());
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
