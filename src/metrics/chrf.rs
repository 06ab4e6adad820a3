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

use super::family::{Facts, PracticalDelta, KOCMI_2024};
use super::ngram::{NgramCounts, Windows, WordIds, UNKNOWN};
use super::settings::{in_range, MetricSettings};
use super::signature::{yes_no, Signature};
use super::{Metric, Registered, Resample, Score, ScoreDetails, Stats, TextMetric};
use crate::numpy::Np;
use crate::text::{is_py_space, py_lower, py_split};

/// Bits per code point in packed keys.
const CHAR_BITS: u32 = 21;
/// Bits per dense character id (when a segment's references use at most 1022 distinct
/// characters, six of them pack into a `u64`).
const DENSE_BITS: u32 = 10;

/// Code points below this are mapped to dense ids through a table; the rest by binary
/// search. Covers Latin, Greek, Cyrillic, Arabic, the Indic scripts, Thai and general
/// punctuation (CJK goes to the search).
const TABLE_LIMIT: u32 = 0x3000;

/// Dense per-segment ids for the characters of the references: ASCII and code points
/// below [`TABLE_LIMIT`] through tables, others by binary search. A character no
/// reference has gets [`UNKNOWN`]. Rebuilt in place for every segment.
#[derive(Debug, Clone)]
struct CharIds {
    /// `id + 1` per ASCII character (0 = absent).
    ascii: [u16; 128],
    /// `id + 1` per code point in `128..TABLE_LIMIT` (0 = absent); only the entries of
    /// `other` are ever non-zero, so clearing walks `other`.
    table: Vec<u16>,
    /// Distinct non-ASCII characters, sorted; their ids follow the ASCII ones.
    other: Vec<u32>,
    first_other: u32,
}

impl Default for CharIds {
    fn default() -> Self {
        CharIds {
            ascii: [0; 128],
            table: Vec::new(),
            other: Vec::new(),
            first_other: 0,
        }
    }
}

impl CharIds {
    /// Replaces the ids with those of the characters of `refs`.
    fn rebuild<'a>(&mut self, refs: impl Iterator<Item = &'a [u32]> + Clone) {
        // Clear what the last segment set (nothing if it was not dense, and the table
        // may not exist yet).
        for &c in &self.other {
            if let Some(slot) = self.table.get_mut(c as usize) {
                *slot = 0;
            }
        }
        self.other.clear();
        self.ascii = [0; 128];
        let mut next = 0u16;
        for r in refs {
            for &c in r {
                if c < 128 {
                    if self.ascii[c as usize] == 0 {
                        next += 1;
                        self.ascii[c as usize] = next;
                    }
                } else {
                    self.other.push(c);
                }
            }
        }
        self.other.sort_unstable();
        self.other.dedup();
        self.first_other = next as u32;
        if self.len() >= (1 << DENSE_BITS) - 1 {
            return; // not used: raw code points instead
        }
        if self.table.is_empty() && self.other.first().is_some_and(|&c| c < TABLE_LIMIT) {
            self.table = vec![0; TABLE_LIMIT as usize];
        }
        for (i, &c) in self.other.iter().enumerate() {
            if c < TABLE_LIMIT {
                self.table[c as usize] = (self.first_other + i as u32 + 1) as u16;
            }
        }
    }

    fn len(&self) -> usize {
        self.first_other as usize + self.other.len()
    }

    /// Whether the ids pack six to a `u64` ([`DENSE_BITS`] each, with 0 for padding).
    fn dense(&self) -> bool {
        self.len() < (1 << DENSE_BITS) - 1
    }

    #[inline]
    fn id(&self, c: u32) -> u32 {
        let plus_one = if c < 128 {
            self.ascii[c as usize] as u32
        } else if c < TABLE_LIMIT {
            self.table.get(c as usize).map_or(0, |&v| v as u32)
        } else {
            match self.other.binary_search(&c) {
                Ok(i) => self.first_other + i as u32 + 1,
                Err(_) => 0,
            }
        };
        match plus_one {
            0 => UNKNOWN,
            id => id - 1,
        }
    }
}

/// Bits per word id in packed keys.
const WORD_BITS: u32 = 32;
/// sacreBLEU's smoothing epsilon.
const EPS: f64 = 1e-16;

/// The largest character or word n-gram order accepted (sacreBLEU has no limit; 64 is
/// far beyond any in use and keeps a statistics file from asking for absurd work).
pub const MAX_ORDER: usize = 64;
/// The largest beta accepted.
pub const MAX_BETA: u32 = 1000;

/// Whether `name` is a chrF name: `chrF` and beta digits, then `++` when `plus`.
fn is_chrf_name(name: &str, plus: bool) -> bool {
    let rest = name.strip_prefix("chrF").unwrap_or("");
    let beta = if plus {
        rest.strip_suffix("++")
    } else {
        Some(rest)
    };
    beta.is_some_and(|b| !b.is_empty() && b.bytes().all(|c| c.is_ascii_digit()))
}

/// chrF's family facts. The default `max_drop` of 1.00 point is Kocmi et al. (2024)'s
/// delta at 70 % estimated accuracy against human judgements.
pub const FACTS: Facts = Facts {
    key: "chrf",
    named: |name| is_chrf_name(name, false),
    lower_is_better: false,
    max_score: Some(100.0),
    practical_delta: PracticalDelta {
        points: 1.00,
        source: KOCMI_2024,
    },
    ranks_segments: true,
};

/// chrF++'s family facts: not in Kocmi et al.'s table; it shares chrF's character
/// statistics and range, so it takes chrF's delta.
pub const PLUS_FACTS: Facts = Facts {
    key: "chrf++",
    named: |name| is_chrf_name(name, true),
    practical_delta: PracticalDelta {
        points: 1.00,
        source: "chrF's delta (Kocmi et al. 2024 give none for chrF++)",
    },
    ..FACTS
};

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
#[derive(Debug, Clone, Default)]
struct RefGrams {
    chars: NgramCounts,
    words: NgramCounts,
}

/// Prepared references of one segment (rebuilt in place by `prepare_refs_into`).
#[derive(Debug, Clone, Default)]
pub struct ChrfRefs {
    vocab: WordIds,
    /// Dense character ids (used when [`CharIds::dense`]; otherwise raw code points).
    char_ids: CharIds,
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

    /// Pushes the code points of `s` (without Python whitespace unless `whitespace`),
    /// each mapped by `id`.
    #[inline]
    fn chars(&self, s: &str, out: &mut Vec<u32>, id: impl Fn(u32) -> u32) {
        if self.whitespace {
            out.extend(s.chars().map(|c| id(c as u32)));
        } else {
            out.extend(s.chars().filter(|&c| !is_py_space(c)).map(|c| id(c as u32)));
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

impl TextMetric for Chrf {
    type RefInfo = ChrfRefs;

    fn prepare_refs(&self, refs: &[&str]) -> ChrfRefs {
        let mut info = ChrfRefs::default();
        self.prepare_refs_into(refs, &mut info);
        info
    }

    fn prepare_refs_into(&self, refs: &[&str], info: &mut ChrfRefs) {
        thread_local! {
            /// Per reference: code points and word ids.
            static SCRATCH: std::cell::RefCell<Vec<(Vec<u32>, Vec<u32>)>> = const {
                std::cell::RefCell::new(Vec::new())
            };
        }
        SCRATCH.with(|scratch| {
            let scratch = &mut *scratch.borrow_mut();
            if scratch.len() < refs.len() {
                scratch.resize_with(refs.len(), Default::default);
            }
            let scratch = &mut scratch[..refs.len()];
            info.vocab.clear();
            for (r, (cps, words)) in refs.iter().zip(scratch.iter_mut()) {
                let r = self.lower(r);
                cps.clear();
                self.chars(&r, cps, |c| c);
                words.clear();
                if self.word_order > 0 {
                    for_words(&r, |w| words.push(info.vocab.intern(w)));
                }
            }
            info.char_ids
                .rebuild(scratch.iter().map(|(cps, _)| cps.as_slice()));
            info.refs.resize_with(refs.len(), Default::default);
            for (grams, (cps, words)) in info.refs.iter_mut().zip(scratch.iter_mut()) {
                if info.char_ids.dense() {
                    cps.iter_mut().for_each(|c| *c = info.char_ids.id(*c));
                    grams.chars.fill_windows(cps, self.char_order, DENSE_BITS);
                } else {
                    grams.chars.fill_windows(cps, self.char_order, CHAR_BITS);
                }
                grams.words.fill_windows(words, self.word_order, WORD_BITS);
            }
        });
    }

    fn segment_stats(&self, hyp: &str, refs: &ChrfRefs) -> ChrfStats {
        thread_local! {
            static HYP: std::cell::RefCell<Scratch> = Default::default();
        }
        HYP.with(|h| self.stats_with(hyp, refs, &mut h.borrow_mut()))
    }
}

/// Per-thread buffers for scoring hypotheses.
#[derive(Default)]
struct Scratch {
    syms: Vec<u32>,
    chars: Windows,
    words: Windows,
    /// Statistics against the current and the best reference so far.
    current: Vec<[u64; 3]>,
    best: Vec<[u64; 3]>,
}

impl Chrf {
    fn stats_with(&self, hyp: &str, refs: &ChrfRefs, sc: &mut Scratch) -> ChrfStats {
        let hyp = self.lower(hyp);
        let syms = &mut sc.syms;
        syms.clear();
        if refs.char_ids.dense() {
            // A character of no reference cannot be part of a matching n-gram; it still
            // counts in totals.
            self.chars(&hyp, syms, |c| refs.char_ids.id(c));
            sc.chars
                .fill(syms, self.char_order, DENSE_BITS, Some(UNKNOWN));
        } else {
            self.chars(&hyp, syms, |c| c);
            sc.chars.fill(syms, self.char_order, CHAR_BITS, None);
        }
        // Word n-grams holding a word no reference has cannot match; they still count in totals.
        syms.clear();
        if self.word_order > 0 {
            for_words(&hyp, |w| syms.push(refs.vocab.lookup(w)));
        }
        sc.words
            .fill(syms, self.word_order, WORD_BITS, Some(UNKNOWN));
        let mut best_f = -1.0f64;
        let mut found = false;
        // The one-pass merge counts up to FAST_ORDERS orders into a fixed array; higher
        // orders take the general per-order count for every order (exact either way).
        const FAST_ORDERS: usize = 16;
        let (mut cm, mut wm) = ([0u64; FAST_ORDERS], [0u64; FAST_ORDERS]);
        let (nc, nw) = (self.char_order, self.word_order);
        for r in &refs.refs {
            let matches = |h: &Windows,
                           r: &NgramCounts,
                           out: &mut [u64; FAST_ORDERS],
                           order: usize|
             -> bool {
                if order <= FAST_ORDERS {
                    h.matches(r, &mut out[..order]);
                    true
                } else {
                    false
                }
            };
            let fast_c = matches(&sc.chars, &r.chars, &mut cm, nc);
            let fast_w = matches(&sc.words, &r.words, &mut wm, nw);
            let triplet = |h: &Windows, r: &NgramCounts, n: usize, m: Option<&[u64]>| -> [u64; 3] {
                let r_total = r.total(n);
                // sacreBLEU: the hypothesis count is 0 when the reference has no n-gram of this order.
                let h_total = if r_total == 0 { 0 } else { h.total(n) };
                let m = match m {
                    Some(m) => m[n - 1],
                    None => h.clipped_matches(r, n),
                };
                [h_total, r_total, m]
            };
            let (cm, wm) = (fast_c.then_some(&cm[..]), fast_w.then_some(&wm[..]));
            sc.current.clear();
            sc.current
                .extend((1..=nc).map(|n| triplet(&sc.chars, &r.chars, n, cm)));
            sc.current
                .extend((1..=nw).map(|n| triplet(&sc.words, &r.words, n, wm)));
            // The first reference with the strictly best sentence F wins.
            let f = self.f_score(&sc.current);
            if f > best_f {
                best_f = f;
                found = true;
                std::mem::swap(&mut sc.best, &mut sc.current);
            }
        }
        if found {
            ChrfStats(sc.best.clone())
        } else {
            ChrfStats::default()
        }
    }
}

// What the layers above need (see [`Registered`]).
impl Registered for Chrf {
    fn check_settings(s: &MetricSettings) -> crate::error::Result<()> {
        in_range("chrF character order", s.chrf_char_order, 0, MAX_ORDER)?;
        in_range("chrF word order", s.chrf_word_order, 0, MAX_ORDER)?;
        in_range("chrF beta", s.chrf_beta, 0, MAX_BETA)?;
        Ok(())
    }

    /// `chrf` with the word order asked for (0 by default), `chrf++` with word order 2.
    fn from_settings(key: &str, s: &MetricSettings) -> Option<crate::error::Result<Chrf>> {
        let word_order = match key {
            "chrf" => s.chrf_word_order,
            "chrf++" => 2,
            _ => return None,
        };
        if s.chrf_char_order + word_order == 0 {
            return Some(Err(crate::error::Error::config(
                "chrF needs a character or word order above 0",
            )));
        }
        Some(Ok(Chrf {
            char_order: s.chrf_char_order,
            word_order,
            beta: s.chrf_beta,
            lowercase: s.chrf_lowercase,
            whitespace: s.chrf_whitespace,
            eps_smoothing: s.chrf_eps_smoothing,
        }))
    }

    /// With one reference, its n-gram count per order.
    fn reference_fingerprint(s: &ChrfStats, nrefs: usize) -> Option<Vec<f64>> {
        (nrefs == 1).then(|| s.0.iter().map(|t| t[1] as f64).collect())
    }

    /// `chrF<beta>` or `chrF<beta>++` (the word order is in the signature's `nw`).
    fn from_signature(name: &str, sig: &Signature) -> Option<Chrf> {
        let beta: u32 = name
            .strip_prefix("chrF")?
            .trim_end_matches('+')
            .parse()
            .ok()?;
        Some(Chrf {
            char_order: sig.get("nc")?.parse().ok()?,
            word_order: sig.get("nw")?.parse().ok()?,
            beta,
            lowercase: sig.get("case")? == "lc",
            whitespace: sig.get("space")? == "yes",
            eps_smoothing: sig.get("eff")? != "yes",
        })
    }

    fn check_options(&self) -> Result<(), String> {
        if self.char_order > MAX_ORDER
            || self.word_order > MAX_ORDER
            || self.char_order + self.word_order == 0
            || self.beta > MAX_BETA
        {
            return Err(format!(
                "orders or beta out of range (orders 0 to {MAX_ORDER}, not both 0; beta 0 to {MAX_BETA})"
            ));
        }
        Ok(())
    }

    fn empty_stats(&self) -> ChrfStats {
        ChrfStats(vec![[0; 3]; self.char_order + self.word_order])
    }

    fn checked_add(a: &mut ChrfStats, b: &ChrfStats) -> Option<()> {
        if a.0.len() < b.0.len() {
            a.0.resize(b.0.len(), [0; 3]);
        }
        for (x, y) in a.0.iter_mut().zip(&b.0) {
            for k in 0..3 {
                x[k] = x[k].checked_add(y[k])?;
            }
        }
        Some(())
    }

    /// As many orders as the signature says; within the character orders and within the
    /// word orders a higher order never has more n-grams or matches than a lower one
    /// (each n-gram extends one of the order below; clipping against one reference keeps
    /// that); matches never exceed either side's n-grams.
    fn check_stats(
        &self,
        c: &ChrfStats,
        _segments: usize,
        _nrefs: Option<usize>,
    ) -> Result<(), String> {
        let (nc, orders) = (self.char_order, self.char_order + self.word_order);
        if c.0.len() != orders {
            return Err(format!(
                "chrF statistics have {} orders but the signature says {orders}",
                c.0.len()
            ));
        }
        for (start, end, what) in [(0, nc, "character"), (nc, orders, "word")] {
            for n in start + 1..end {
                let (lo, hi) = (c.0[n - 1], c.0[n]);
                if (0..3).any(|k| hi[k] > lo[k]) {
                    return Err(format!(
                        "impossible chrF statistics: {what} order {} has more n-grams or matches than order {} ({:?} > {:?})",
                        n - start + 1,
                        n - start,
                        hi,
                        lo
                    ));
                }
            }
        }
        for (n, [hyp, reference, matched]) in c.0.iter().enumerate() {
            if matched > hyp || matched > reference {
                return Err(format!(
                    "impossible chrF statistics: order {} matches {matched} of {hyp} hypothesis and {reference} reference n-grams",
                    n + 1
                ));
            }
        }
        Ok(())
    }
}

// Resampling (sacreBLEU `significance.py`): how these statistics flatten into the
// float32 arrays numpy resamples, and how the metric scores them there.

impl Resample for Chrf {
    fn width(&self) -> usize {
        3 * (self.char_order + self.word_order)
    }

    fn flatten(&self, s: &ChrfStats, out: &mut Vec<f64>) {
        // `[hyp, ref, match]` per order, char orders first; a missing order is zeros.
        for i in 0..self.char_order + self.word_order {
            let t = s.0.get(i).copied().unwrap_or([0; 3]);
            out.extend(t.iter().map(|&v| v as f64));
        }
    }

    fn score_f32(&self, s: &[f32]) -> Np {
        chrf_from_f32(self, s)
    }

    fn score_f64(&self, s: &[f64]) -> f64 {
        let triples: Vec<[u64; 3]> = s
            .chunks_exact(3)
            .map(|c| [c[0] as u64, c[1] as u64, c[2] as u64])
            .collect();
        self.f_score(&triples)
    }
}

/// `CHRF._compute_f_score` called with float32 statistics. Every operation with a float32
/// operand stays float32 under NEP 50 (Python ints and floats are weak), so the score is
/// usually an `np.float32`; the zero branches return Python floats.
fn chrf_from_f32(chrf: &Chrf, s: &[f32]) -> Np {
    let eps = Np::Py(1e-16);
    let factor = Np::Py(f64::from(chrf.beta * chrf.beta));
    let one_plus = Np::Py(f64::from(1 + chrf.beta * chrf.beta));
    let order = chrf.char_order + chrf.word_order;
    let mut score = Np::Py(0.0);
    let mut eff = 0u32;
    let (mut avg_prec, mut avg_rec) = (Np::Py(0.0), Np::Py(0.0));
    for i in 0..order {
        let (h, r, m) = (s[3 * i], s[3 * i + 1], s[3 * i + 2]);
        let prec = if h > 0.0 { Np::F32(m / h) } else { eps };
        let rec = if r > 0.0 { Np::F32(m / r) } else { eps };
        let denom = factor * prec + rec;
        score = score
            + if denom.to_f64() > 0.0 {
                one_plus * prec * rec / denom
            } else {
                eps
            };
        if h > 0.0 && r > 0.0 {
            avg_prec = avg_prec + prec;
            avg_rec = avg_rec + rec;
            eff += 1;
        }
    }
    if chrf.eps_smoothing {
        return Np::Py(100.0) * score / Np::Py(order as f64);
    }
    if eff == 0 {
        avg_prec = Np::Py(0.0);
        avg_rec = Np::Py(0.0);
    } else {
        avg_prec = avg_prec / Np::Py(f64::from(eff));
        avg_rec = avg_rec / Np::Py(f64::from(eff));
    }
    if !(avg_prec + avg_rec).is_zero() {
        let score = one_plus * avg_prec * avg_rec;
        let score = score / (factor * avg_prec + avg_rec);
        Np::Py(100.0) * score
    } else {
        Np::Py(0.0)
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

        /// Orders past the one-pass merge's fixed capacity (16) are counted by the general
        /// path: the statistics equal naive counting for every order up to 24.
        /// See: issue 10, "A fast path's fixed capacity changes the answer".
        #[test]
        fn every_char_order_matches_naive_counts(
            order in 1usize..=24,
            hyp in "[ab aé]{0,30}",
            r in "[ab aéx]{0,30}",
        ) {
            let m = Chrf { char_order: order, ..Chrf::default() };
            let st = m.segment_stats(&hyp, &m.prepare_refs(&[&r]));
            proptest::prop_assert_eq!(st.0, naive_char_stats(&m, &hyp, &r));
        }
    }

    #[test]
    fn identical_strings_score_100_at_any_order() {
        for order in [1, 6, 16, 17, 30] {
            let m = Chrf {
                char_order: order,
                ..Chrf::default()
            };
            let s = "two identical strings with enough characters for thirty grams";
            assert!((sent(&m, s, &[s]) - 100.0).abs() < 1e-9, "order {order}");
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
        assert!(!refs.char_ids.dense());
        assert_eq!(
            m.segment_stats(&hyp, &refs).0,
            naive_char_stats(&m, &hyp, &r)
        );
        let small = m.prepare_refs(&["abc"]);
        assert!(small.char_ids.dense());
    }

    /// Prepared references are rebuilt in place: a segment with too many distinct
    /// characters for dense ids (some of them below the table limit) followed by small
    /// ones, and back, in the same buffers.
    #[test]
    fn reused_references_switch_between_dense_and_raw_ids() {
        let m = Chrf {
            word_order: 2,
            ..Chrf::default()
        };
        // 1100 distinct characters from U+0400 up: Cyrillic and beyond, below U+3000.
        let big: String = (0x400u32..0x400 + 1100)
            .filter_map(char::from_u32)
            .collect();
        let big_hyp: String = big.chars().skip(300).take(40).chain("ab".chars()).collect();
        let cases = [
            (big_hyp.as_str(), big.as_str()),
            ("কখগ abc", "কখ গঘ abd"),
            (big_hyp.as_str(), big.as_str()),
            ("Привет мир", "привет, мир"),
        ];
        let mut info = ChrfRefs::default();
        for (hyp, r) in cases {
            m.prepare_refs_into(&[r], &mut info);
            let fresh = m.prepare_refs(&[r]);
            assert_eq!(info.char_ids.dense(), fresh.char_ids.dense());
            assert_eq!(m.segment_stats(hyp, &info), m.segment_stats(hyp, &fresh));
            assert_eq!(
                m.segment_stats(hyp, &info).0[..6],
                naive_char_stats(&m, hyp, r)[..]
            );
        }
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
