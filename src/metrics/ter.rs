//! TER (translation edit rate, Snover et al. 2006), exactly as sacreBLEU 2.6.0
//! (`sacrebleu/metrics/ter.py` and `sacrebleu/metrics/lib_ter.py`).
//!
//! This module owns the TER metric and its edit distance with block shifts. Words are
//! interned to per-segment ids first; a hypothesis word absent from every reference gets
//! [`UNKNOWN`](super::ngram::UNKNOWN), which equals no reference word. Words are only ever
//! compared hypothesis-against-reference, so that is all the identity the algorithm needs.
//!
//! References are tokenized twice, as sacreBLEU does (see [`Ter::prepare_refs`]).
//!
//! The algorithm (`translation_edit_rate`) greedily applies the best block shift while it
//! lowers the edit distance. Each edit distance is a Levenshtein distance restricted to a
//! beam around a length-ratio "pseudo-diagonal" (`BeamEditDistance`), whose edit path
//! (with its tie-breaks) decides which shifts are tried. Shift candidates are enumerated in
//! sacreBLEU's order and ranked by `(gain, length, -start_h, -target)`; a sentence evaluates
//! at most [`MAX_SHIFT_CANDIDATES`] candidates in total over all its shift iterations, and
//! the iteration that reaches the cap discards its best shift (as `lib_ter.py` does).
//!
//! Python's row cache (a prefix trie of matrix rows) does not change results; instead each
//! candidate reuses the rows of the unshifted hypothesis up to the first changed word,
//! since row `i` depends only on the first `i` words (and the fixed lengths).

use std::ops::AddAssign;

use serde::{Deserialize, Serialize};

use super::family::{Facts, PracticalDelta};
use super::ngram::Vocab;
use super::settings::MetricSettings;
use super::signature::{yes_no, Signature};
use super::{Metric, Registered, Resample, Score, ScoreDetails, Stats, TextMetric};
use crate::numpy::Np;
use crate::text::{py_rstrip, py_split};
use crate::tokenize::TercomTokenizer;

/// `_MAX_SHIFT_SIZE`: the longest block that may be shifted.
pub const MAX_SHIFT_SIZE: usize = 10;
/// `_MAX_SHIFT_DIST`: the largest `|start_r - start_h|` of a shift candidate.
pub const MAX_SHIFT_DIST: usize = 50;
/// `_BEAM_WIDTH`: half-width of the beam around the pseudo-diagonal.
pub const BEAM_WIDTH: usize = 25;
/// `_MAX_SHIFT_CANDIDATES`: candidates evaluated per sentence, over all shift iterations.
pub const MAX_SHIFT_CANDIDATES: usize = 1000;

/// Stands in for `_INT_INFINITY`: larger than any real cost, and `INF + small` still fits,
/// so comparisons behave as with Python's unbounded integers.
const INF: u32 = 1 << 30;

/// Edit operations of the trace, as `lib_ter.py`'s `_OP_*` (`x` = undefined cell).
const OP_NOP: u8 = b' ';
const OP_SUB: u8 = b's';
const OP_INS: u8 = b'i';
const OP_DEL: u8 = b'd';
const OP_UNDEF: u8 = b'x';

/// TER's family facts. TER is not in Kocmi et al. (2024)'s table; as a word-level edit
/// rate on BLEU's 0..100 scale it takes BLEU's delta.
pub const FACTS: Facts = Facts {
    key: "ter",
    named: |name| name == "TER",
    lower_is_better: true,
    max_score: None,
    practical_delta: PracticalDelta {
        points: 1.39,
        source: "BLEU's delta (Kocmi et al. 2024 give none for TER)",
    },
    ranks_segments: false,
};

/// TER with sacreBLEU's options.
#[derive(Debug, Clone, Default)]
pub struct Ter {
    /// Apply Tercom's normalisation (`--ter-normalized`).
    pub normalized: bool,
    /// Remove punctuation (`--ter-no-punct`).
    pub no_punct: bool,
    /// CJK support for `normalized` and `no_punct` (`--ter-asian-support`).
    pub asian_support: bool,
    /// Keep case (`--ter-case-sensitive`); TER lowercases by default.
    pub case_sensitive: bool,
}

/// TER's sufficient statistics.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TerStats {
    /// Edits (shifts plus insertions, deletions and substitutions) against the closest
    /// reference; whole numbers, summed as floats like sacreBLEU.
    pub edits: f64,
    /// The average length of the references (empty references count as length 0).
    pub ref_len: f64,
}

impl AddAssign<&TerStats> for TerStats {
    fn add_assign(&mut self, o: &TerStats) {
        self.edits += o.edits;
        self.ref_len += o.ref_len;
    }
}

impl Stats for TerStats {}

/// The tokenized references of one segment, as word ids.
#[derive(Debug, Clone, Default)]
pub struct TerRefs {
    vocab: Vocab,
    refs: Vec<Vec<u32>>,
}

impl Ter {
    /// The tokenizer these options select.
    pub fn tokenizer(&self) -> TercomTokenizer {
        TercomTokenizer {
            normalized: self.normalized,
            no_punct: self.no_punct,
            asian_support: self.asian_support,
            case_sensitive: self.case_sensitive,
        }
    }

    /// `TER._preprocess_segment`: `tokenizer(sent.rstrip())`.
    fn preprocess(&self, s: &str) -> String {
        self.tokenizer().tokenize_line(py_rstrip(s))
    }
}

impl Metric for Ter {
    type Stats = TerStats;

    fn name(&self) -> String {
        "TER".to_string()
    }

    fn signature(&self, nrefs: usize) -> Signature {
        // `TERSignature`: case, tok, norm, punct, asian.
        Signature::new(
            nrefs,
            &[
                (
                    "case",
                    if self.case_sensitive { "mixed" } else { "lc" }.to_string(),
                ),
                ("tok", "tercom".to_string()),
                ("norm", yes_no(self.normalized)),
                ("punct", yes_no(!self.no_punct)),
                ("asian", yes_no(self.asian_support)),
            ],
        )
    }

    /// `TER._compute_score_from_stats`.
    fn score(&self, stats: &TerStats) -> Score {
        let rate = if stats.ref_len > 0.0 {
            stats.edits / stats.ref_len
        } else if stats.edits > 0.0 {
            1.0 // empty reference(s), non-empty hypothesis
        } else {
            0.0 // both empty
        };
        Score {
            score: 100.0 * rate,
            details: ScoreDetails::Ter {
                num_edits: stats.edits,
                ref_length: stats.ref_len,
            },
        }
    }
}

impl TextMetric for Ter {
    type RefInfo = TerRefs;

    /// Tokenizes each reference twice (`Metric._cache_references` preprocesses the lines
    /// and `TER._extract_reference_info` preprocesses them again) and interns the words.
    fn prepare_refs(&self, refs: &[&str]) -> TerRefs {
        let mut info = TerRefs::default();
        for r in refs {
            // sacreBLEU preprocesses references twice: `Metric._cache_references`
            // (`metrics/base.py`) and again `TER._extract_reference_info`. The tokenizer is
            // not idempotent with `normalized` (`it's.` -> `it's .` -> `it 's .`).
            let tok = self.preprocess(&self.preprocess(r));
            let ids: Vec<u32> = py_split(&tok).map(|w| info.vocab.intern(w)).collect();
            info.refs.push(ids);
        }
        info
    }

    /// `TER._compute_segment_statistics`: the fewest edits over the references and the
    /// average reference length.
    fn segment_stats(&self, hyp: &str, refs: &TerRefs) -> TerStats {
        let tok = self.preprocess(hyp);
        let hyp: Vec<u32> = py_split(&tok).map(|w| refs.vocab.lookup(w)).collect();
        if refs.refs.is_empty() {
            // sacreBLEU would divide by zero; treat as one empty reference.
            return TerStats {
                edits: hyp.len() as f64,
                ref_len: 0.0,
            };
        }
        let mut ed = ShiftEditDistance::default();
        let mut best = usize::MAX;
        let mut ref_lengths = 0usize;
        for r in &refs.refs {
            best = best.min(ed.translation_edit_rate(&hyp, r));
            ref_lengths += r.len();
        }
        TerStats {
            edits: best as f64,
            ref_len: ref_lengths as f64 / refs.refs.len() as f64,
        }
    }
}

/// `translation_edit_rate(words_hyp, words_ref)[0]` on word ids: the number of edits
/// (shifts plus beam edit distance) turning `hyp` into `reference`.
pub fn translation_edit_rate(hyp: &[u32], reference: &[u32]) -> usize {
    ShiftEditDistance::default().translation_edit_rate(hyp, reference)
}

/// The best shift found so far, ranked as `lib_ter.py::_shift`'s candidate tuple
/// `(gain, length, -start_h, -idx)`; the shifted words themselves (the tuple's last
/// element) only break ties between identical shifts, so they are left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank(i64, usize, i64, i64);

/// Buffers for TER's edit distance, reused across references and shift candidates.
#[derive(Debug, Default)]
struct ShiftEditDistance {
    n_h: usize,
    n_r: usize,
    /// `[lo, hi)` of the cells computed in each row (row 0 is the full initial row).
    bands: Vec<(usize, usize)>,
    /// Where each row's band starts in `cost`/`op`.
    row_at: Vec<usize>,
    /// The beam matrix of the current (unshifted) hypothesis: only each row's band is
    /// stored (row `i` holds columns `bands[i].0..bands[i].1`), so memory grows with the
    /// line's length times the beam, not with the square of the line.
    cost: Vec<u32>,
    op: Vec<u8>,
    /// Trace operations collected backwards.
    trace: Vec<u8>,
    /// `trace_to_alignment` of the flipped trace: hypothesis position aligned to each
    /// reference position (-1 before the first word), and prefix sums of the error flags.
    align: Vec<isize>,
    hyp_err: Vec<u32>,
    ref_err: Vec<u32>,
    /// The shifted hypothesis of the candidate being scored.
    shifted: Vec<u32>,
    /// Two rolling rows for scoring candidates.
    row_a: Vec<u32>,
    row_b: Vec<u32>,
}

/// `_perform_shift(words, start, length, target)` into `out`, with Python's slice
/// clamping in the "within" case (`words[start + length:length + target]`).
fn perform_shift(words: &[u32], start: usize, length: usize, target: usize, out: &mut Vec<u32>) {
    out.clear();
    let end = start + length;
    if target < start {
        out.extend_from_slice(&words[..target]);
        out.extend_from_slice(&words[start..end]);
        out.extend_from_slice(&words[target..start]);
        out.extend_from_slice(&words[end..]);
    } else if target > end {
        out.extend_from_slice(&words[..start]);
        out.extend_from_slice(&words[end..target]);
        out.extend_from_slice(&words[start..end]);
        out.extend_from_slice(&words[target..]);
    } else {
        let m = (length + target).min(words.len());
        out.extend_from_slice(&words[..start]);
        out.extend_from_slice(&words[end..m]);
        out.extend_from_slice(&words[start..end]);
        out.extend_from_slice(&words[m..]);
    }
}

/// The cost of one cell from its three neighbours, with INF for cells outside the beam.
/// Equals `BeamEditDistance._edit_distance`'s sequence of strict `>` updates starting
/// from infinity, as far as the cost goes.
#[inline(always)]
fn cell(diag: u32, up: u32, left: u32, same: bool) -> u32 {
    let sub = diag + u32::from(!same);
    INF.min(sub).min(up + 1).min(left + 1)
}

impl ShiftEditDistance {
    /// `BeamEditDistance.__init__` plus the per-length beam geometry of `_edit_distance`,
    /// which depends only on the two lengths (fixed while shifting).
    fn setup(&mut self, n_h: usize, n_r: usize) {
        self.n_h = n_h;
        self.n_r = n_r;
        let w = n_r + 1;
        self.bands.clear();
        self.bands.push((0, w));
        let ratio = if n_h > 0 {
            n_r as f64 / n_h as f64
        } else {
            1.0
        };
        // "in some crazy sentences ... we may end up with zero overlap with previous row"
        let beam = if (BEAM_WIDTH as f64) < ratio / 2.0 {
            (ratio / 2.0 + BEAM_WIDTH as f64).ceil() as i64
        } else {
            BEAM_WIDTH as i64
        };
        for i in 1..=n_h {
            let diag = (i as f64 * ratio).floor() as i64;
            let lo = (diag - beam).max(0);
            let mut hi = (diag + beam).min(w as i64);
            if i == n_h {
                hi = w as i64;
            }
            let lo = lo as usize;
            self.bands.push((lo, (hi.max(lo as i64)) as usize));
        }
        self.row_at.clear();
        let mut cells = 0;
        for &(lo, hi) in &self.bands {
            self.row_at.push(cells);
            cells += hi - lo;
        }
        self.cost.clear();
        self.cost.resize(cells, INF);
        self.op.clear();
        self.op.resize(cells, OP_UNDEF);
        self.row_a.resize(w, INF);
        self.row_b.resize(w, INF);
    }

    /// Index of cell `(i, j)` (inside row `i`'s band) in `cost`/`op`.
    #[inline(always)]
    fn at(&self, i: usize, j: usize) -> usize {
        self.row_at[i] + j - self.bands[i].0
    }

    /// `BeamEditDistance.__call__` on the unshifted hypothesis: fills the matrix with
    /// costs and operations, then derives the alignment of the flipped trace
    /// (`_flip_trace` + `trace_to_alignment`). Returns the edit distance.
    fn full(&mut self, hyp: &[u32], reference: &[u32]) -> u32 {
        let (n_h, n_r) = (self.n_h, self.n_r);
        let w = n_r + 1;
        // The first row inserts every reference word.
        for j in 0..w {
            self.cost[j] = j as u32;
            self.op[j] = OP_INS;
        }
        for i in 1..=n_h {
            let (plo, phi) = self.bands[i - 1];
            let (lo, hi) = self.bands[i];
            let (pstart, start) = (self.row_at[i - 1], self.row_at[i]);
            let (prev, cur) = self.cost.split_at_mut(start);
            let prev = &prev[pstart..];
            let cur = &mut cur[..hi - lo];
            let ops = &mut self.op[start..start + (hi - lo)];
            let hw = hyp[i - 1];
            let get = |j: usize| {
                if j >= plo && j < phi {
                    prev[j - plo]
                } else {
                    INF
                }
            };
            let mut left = INF;
            for j in lo..hi {
                let (c, o) = if j == 0 {
                    (get(0) + 1, OP_DEL)
                } else {
                    // Tercom prefers no-op/sub, then insertion, then deletion; sacreBLEU
                    // swaps the latter two because it flips the trace afterwards.
                    let same = hw == reference[j - 1];
                    let mut best = (INF, OP_UNDEF);
                    let sub = get(j - 1) + u32::from(!same);
                    if best.0 > sub {
                        best = (sub, if same { OP_NOP } else { OP_SUB });
                    }
                    let del = get(j) + 1;
                    if best.0 > del {
                        best = (del, OP_DEL);
                    }
                    if best.0 > left + 1 {
                        best = (left + 1, OP_INS);
                    }
                    best
                };
                cur[j - lo] = c;
                ops[j - lo] = o;
                left = c;
            }
        }

        // Backtrack from the last cell (the trace of rewriting the hypothesis into the
        // reference).
        self.trace.clear();
        let (mut i, mut j) = (n_h, n_r);
        while i > 0 || j > 0 {
            let o = self.op[self.at(i, j)];
            self.trace.push(o);
            match o {
                OP_SUB | OP_NOP => {
                    i -= 1;
                    j -= 1;
                }
                OP_INS => j -= 1,
                OP_DEL => i -= 1,
                _ => unreachable!("beam edit distance trace reached an uncomputed cell"),
            }
        }

        // trace_to_alignment(_flip_trace(trace)): a flipped deletion ('d' -> 'i')
        // consumes a hypothesis word, a flipped insertion ('i' -> 'd') a reference word.
        self.align.clear();
        self.hyp_err.clear();
        self.ref_err.clear();
        self.hyp_err.push(0);
        self.ref_err.push(0);
        let mut pos_h: isize = -1;
        let mut he = 0u32;
        let mut re = 0u32;
        for &o in self.trace.iter().rev() {
            match o {
                OP_NOP | OP_SUB => {
                    let e = u32::from(o == OP_SUB);
                    pos_h += 1;
                    self.align.push(pos_h);
                    he += e;
                    re += e;
                    self.hyp_err.push(he);
                    self.ref_err.push(re);
                }
                OP_DEL => {
                    pos_h += 1;
                    he += 1;
                    self.hyp_err.push(he);
                }
                _ => {
                    self.align.push(pos_h);
                    re += 1;
                    self.ref_err.push(re);
                }
            }
        }
        debug_assert_eq!(self.align.len(), n_r);
        debug_assert_eq!(self.hyp_err.len(), n_h + 1);
        self.cost[self.at(n_h, n_r)]
    }

    /// The beam edit distance of `self.shifted`, whose first `same` words equal the
    /// unshifted hypothesis, so rows `0..=same` are taken from the stored matrix.
    fn shifted_cost(&mut self, reference: &[u32], same: usize) -> u32 {
        let (n_h, n_r) = (self.n_h, self.n_r);
        if same >= n_h {
            return self.cost[self.at(n_h, n_r)];
        }
        // Row `same + 1` reads the stored row `same`, copied (its band only: cells
        // outside a band are never read) into the buffer that is not written first;
        // later rows roll through the two buffers.
        {
            let (plo, phi) = self.bands[same];
            let start = self.row_at[same];
            self.row_b[plo..phi].copy_from_slice(&self.cost[start..start + (phi - plo)]);
        }
        let mut use_a = true;
        for i in same + 1..=n_h {
            let (plo, phi) = self.bands[i - 1];
            let (lo, hi) = self.bands[i];
            let hw = self.shifted[i - 1];
            let (prev, cur): (&[u32], &mut [u32]) = if use_a {
                (&self.row_b[..], &mut self.row_a[..])
            } else {
                (&self.row_a[..], &mut self.row_b[..])
            };
            let get = |j: usize| if j >= plo && j < phi { prev[j] } else { INF };
            let mut left = INF;
            let mut j = lo;
            if j == 0 && j < hi {
                left = get(0) + 1;
                cur[0] = left;
                j = 1;
            }
            // Interior cells where both upper neighbours lie inside the previous band.
            let inner_lo = j.max(plo + 1);
            let inner_hi = hi.min(phi);
            while j < hi && j < inner_lo {
                left = cell(get(j - 1), get(j), left, hw == reference[j - 1]);
                cur[j] = left;
                j += 1;
            }
            while j < inner_hi {
                left = cell(prev[j - 1], prev[j], left, hw == reference[j - 1]);
                cur[j] = left;
                j += 1;
            }
            while j < hi {
                left = cell(get(j - 1), get(j), left, hw == reference[j - 1]);
                cur[j] = left;
                j += 1;
            }
            use_a = !use_a;
        }
        // The last row written is in the buffer not selected now.
        if use_a {
            self.row_b[n_r]
        } else {
            self.row_a[n_r]
        }
    }

    /// `_shift` given the matrix of `hyp` (already computed by [`Self::full`] with
    /// distance `pre_score`): the best candidate as `(rank, start_h, length, idx)`.
    fn best_shift(
        &mut self,
        hyp: &[u32],
        reference: &[u32],
        pre_score: u32,
        checked: &mut usize,
    ) -> Option<(Rank, usize, usize, usize)> {
        let (n_h, n_r) = (self.n_h, self.n_r);
        let mut best: Option<(Rank, usize, usize, usize)> = None;
        // `_find_shifted_pairs`, in its order: start_h, then start_r, then length.
        for start_h in 0..n_h {
            let r_lo = start_h.saturating_sub(MAX_SHIFT_DIST);
            let r_hi = (start_h + MAX_SHIFT_DIST + 1).min(n_r);
            for start_r in r_lo..r_hi {
                let mut length = 0;
                while length < MAX_SHIFT_SIZE
                    && hyp[start_h + length] == reference[start_r + length]
                {
                    length += 1;
                    // -- consumer (the body of `_shift`'s loop) --
                    if self.consider(
                        hyp, reference, pre_score, checked, &mut best, start_h, start_r, length,
                    ) && *checked >= MAX_SHIFT_CANDIDATES
                    {
                        return best;
                    }
                    // If one sequence is consumed, stop processing.
                    if n_h == start_h + length || n_r == start_r + length {
                        break;
                    }
                }
            }
        }
        best
    }

    /// One pair of `_shift`'s loop. Returns whether it reached the candidate evaluation
    /// (sacreBLEU checks the cap only then).
    #[allow(clippy::too_many_arguments)]
    fn consider(
        &mut self,
        hyp: &[u32],
        reference: &[u32],
        pre_score: u32,
        checked: &mut usize,
        best: &mut Option<(Rank, usize, usize, usize)>,
        start_h: usize,
        start_r: usize,
        length: usize,
    ) -> bool {
        // Shift only if the hypothesis block has errors and the reference block too.
        if self.hyp_err[start_h + length] == self.hyp_err[start_h] {
            return false;
        }
        if self.ref_err[start_r + length] == self.ref_err[start_r] {
            return false;
        }
        // Don't shift within the subsequence.
        let a = self.align[start_r];
        if start_h as isize <= a && a < (start_h + length) as isize {
            return false;
        }
        let mut prev_idx: isize = -1;
        for offset in -1..length as isize {
            let p = start_r as isize + offset;
            // Insert *before* the index (unlike Tercom). `p < n_r` always holds, so the
            // Python `else: break` branch is unreachable.
            let idx = if p == -1 {
                0
            } else {
                self.align[p as usize] + 1
            };
            if idx == prev_idx {
                continue;
            }
            prev_idx = idx;
            let idx = idx as usize;
            perform_shift(hyp, start_h, length, idx, &mut self.shifted);
            let cost = if idx == start_h {
                pre_score // the identity shift
            } else {
                self.shifted_cost(reference, start_h.min(idx))
            };
            let rank = Rank(
                i64::from(pre_score) - i64::from(cost),
                length,
                -(start_h as i64),
                -(idx as i64),
            );
            *checked += 1;
            let better = match best {
                None => true,
                Some(b) => rank > b.0,
            };
            if better {
                *best = Some((rank, start_h, length, idx));
            }
        }
        true
    }

    /// `translation_edit_rate(words_hyp, words_ref)`: number of edits.
    fn translation_edit_rate(&mut self, hyp: &[u32], reference: &[u32]) -> usize {
        if reference.is_empty() {
            return hyp.len();
        }
        self.setup(hyp.len(), reference.len());
        let mut input = hyp.to_vec();
        let mut next = Vec::with_capacity(hyp.len());
        let mut shifts = 0usize;
        let mut checked = 0usize;
        loop {
            let pre_score = self.full(&input, reference);
            let best = self.best_shift(&input, reference, pre_score, &mut checked);
            // The iteration that reaches the cap drops its best shift.
            if checked >= MAX_SHIFT_CANDIDATES {
                return shifts + pre_score as usize;
            }
            match best {
                Some((rank, start_h, length, idx)) if rank.0 > 0 => {
                    shifts += 1;
                    perform_shift(&input, start_h, length, idx, &mut next);
                    std::mem::swap(&mut input, &mut next);
                }
                _ => return shifts + pre_score as usize,
            }
        }
    }
}

// What the layers above need (see [`Registered`]).
impl Registered for Ter {
    fn from_settings(key: &str, s: &MetricSettings) -> Option<crate::error::Result<Ter>> {
        (key == "ter").then_some(Ok(Ter {
            normalized: s.ter_normalized,
            no_punct: s.ter_no_punct,
            asian_support: s.ter_asian_support,
            case_sensitive: s.ter_case_sensitive,
        }))
    }

    /// The average reference length, with any number of references.
    fn reference_fingerprint(s: &TerStats, _nrefs: usize) -> Option<Vec<f64>> {
        Some(vec![s.ref_len])
    }

    fn from_signature(name: &str, sig: &Signature) -> Option<Ter> {
        let yes = |k: &str| sig.get(k).map(|v| v == "yes");
        if name != "TER" {
            return None;
        }
        Some(Ter {
            normalized: yes("norm")?,
            no_punct: !yes("punct")?,
            asian_support: yes("asian")?,
            case_sensitive: sig.get("case")? == "mixed",
        })
    }

    fn merge_needs_segments(&self, nrefs: usize) -> bool {
        // Average reference lengths over several references are fractional.
        nrefs > 1
    }

    fn checked_add(a: &mut TerStats, b: &TerStats) -> Option<()> {
        *a += b;
        (a.edits.is_finite() && a.ref_len.is_finite()).then_some(())
    }

    /// Edits are whole numbers; neither count can pass 2^53, the largest a double holds
    /// exactly (no corpus comes near it); with one reference its length is a whole
    /// number of words.
    fn check_stats(
        &self,
        t: &TerStats,
        _segments: usize,
        nrefs: Option<usize>,
    ) -> Result<(), String> {
        const EXACT: f64 = 9_007_199_254_740_992.0;
        let ok = |x: f64| x.is_finite() && (0.0..=EXACT).contains(&x);
        let whole_ref = nrefs != Some(1) || t.ref_len.fract() == 0.0;
        if !(ok(t.edits) && t.edits.fract() == 0.0 && ok(t.ref_len) && whole_ref) {
            return Err(format!(
                "impossible TER statistics: {} edits, reference length {}",
                t.edits, t.ref_len
            ));
        }
        Ok(())
    }
}

// Resampling (sacreBLEU `significance.py`): how these statistics flatten into the
// float32 arrays numpy resamples, and how the metric scores them there.

/// `ter.py::_compute_score_from_stats`: statistics `[edits, avg_ref_len]`.
impl Resample for Ter {
    fn width(&self) -> usize {
        2
    }

    fn flatten(&self, s: &TerStats, out: &mut Vec<f64>) {
        out.extend([s.edits, s.ref_len]);
    }

    fn score_f32(&self, s: &[f32]) -> Np {
        // float32 division when the reference length is positive; the other branches
        // are Python floats (`score = 1.0` / `0.0`, then `100 * score`).
        if s[1] > 0.0 {
            Np::Py(100.0) * Np::F32(s[0] / s[1])
        } else {
            Np::Py(if s[0] > 0.0 { 100.0 } else { 0.0 })
        }
    }

    fn score_f64(&self, s: &[f64]) -> f64 {
        self.score(&TerStats {
            edits: s[0],
            ref_len: s[1],
        })
        .score
    }

    fn integral(&self) -> bool {
        // Average reference lengths can be fractional.
        false
    }
}

#[cfg(test)]
mod tests {

    // See: issue 10, "Memory that grows with the square of a line".
    #[test]
    fn long_lines_store_only_the_beam() {
        let n = 20_000;
        let reference: Vec<u32> = (0..n as u32).map(|i| i % 997).collect();
        let mut hyp = reference.clone();
        hyp.swap(10, 5000);
        let mut ed = ShiftEditDistance::default();
        let edits = ed.translation_edit_rate(&hyp, &reference);
        assert!(edits <= 4, "{edits}");
        // The stored cells grow with the line times the beam, not with its square.
        assert!(ed.cost.len() < 60 * (n + 1), "{} cells", ed.cost.len());
    }

    use super::*;

    fn ter_with(flags: [bool; 4], hyp: &str, refs: &[&str]) -> TerStats {
        let [normalized, no_punct, asian_support, case_sensitive] = flags;
        let t = Ter {
            normalized,
            no_punct,
            asian_support,
            case_sensitive,
        };
        t.segment_stats(hyp, &t.prepare_refs(refs))
    }

    fn ter(hyp: &str, refs: &[&str]) -> (f64, f64) {
        let s = ter_with([false; 4], hyp, refs);
        (s.edits, s.ref_len)
    }

    // Expected values: `st(hyp, refs, **flags)` with sacreBLEU 2.6.0, where
    // `st = lambda h, rs, **kw: TER(**kw)._extract_corpus_statistics([h], [[r] for r in rs])[0]`
    // (`from sacrebleu.metrics import TER`), i.e. `[edits, avg_ref_len]`.

    #[test]
    fn identical_is_zero() {
        // st("the cat sat on the mat", ["The cat sat on the mat"]) == [0, 6.0]
        assert_eq!(
            ter("the cat sat on the mat", &["The cat sat on the mat"]),
            (0.0, 6.0)
        );
    }

    #[test]
    fn empty_segments() {
        // st("", ["a b c"]) == [3, 3.0]
        assert_eq!(ter("", &["a b c"]), (3.0, 3.0));
        // st("a b", [""]) == [2, 0.0]
        assert_eq!(ter("a b", &[""]), (2.0, 0.0));
        // st("", [""]) == [0, 0.0]
        assert_eq!(ter("", &[""]), (0.0, 0.0));
        let t = Ter::default();
        assert_eq!(
            t.score(&TerStats {
                edits: 2.0,
                ref_len: 0.0
            })
            .score,
            100.0
        );
        assert_eq!(
            t.score(&TerStats {
                edits: 0.0,
                ref_len: 0.0
            })
            .score,
            0.0
        );
    }

    #[test]
    fn multiple_references_min_edits_average_length() {
        // st("a b c d", ["a b x", "a b c d e f", "q"]) == [2, 3.3333333333333335]
        assert_eq!(
            ter("a b c d", &["a b x", "a b c d e f", "q"]),
            (2.0, 3.3333333333333335)
        );
    }

    #[test]
    fn shifts() {
        // st("the big house on the hill is red", ["on the hill the big house is red"]) == [1, 8.0]
        assert_eq!(
            ter(
                "the big house on the hill is red",
                &["on the hill the big house is red"]
            ),
            (1.0, 8.0)
        );
        // st("d e f a b c g h i", ["a b c d e f g h i"]) == [1, 9.0]
        assert_eq!(ter("d e f a b c g h i", &["a b c d e f g h i"]), (1.0, 9.0));
    }

    #[test]
    fn long_segments_beam_and_candidate_cap() {
        // h = " ".join(f"w{(i*7)%13}" for i in range(150));
        // r = " ".join(f"w{(i*5)%13}" for i in range(140)); st(h, [r]) == [131, 140.0]
        let h: Vec<String> = (0..150).map(|i| format!("w{}", (i * 7) % 13)).collect();
        let r: Vec<String> = (0..140).map(|i| format!("w{}", (i * 5) % 13)).collect();
        assert_eq!(ter(&h.join(" "), &[&r.join(" ")]), (131.0, 140.0));
        // Extreme length ratios widen the beam:
        // h2 = " ".join(f"w{(i*i)%11}" for i in range(120)); r2 = " ".join(f"w{(i*3)%11}" for i in range(3))
        // st(h2, [r2]) == [118, 3.0]; st(r2, [h2]) == [118, 120.0]
        let h2: Vec<String> = (0..120).map(|i| format!("w{}", (i * i) % 11)).collect();
        let r2: Vec<String> = (0..3).map(|i| format!("w{}", (i * 3) % 11)).collect();
        assert_eq!(ter(&h2.join(" "), &[&r2.join(" ")]), (118.0, 3.0));
        assert_eq!(ter(&r2.join(" "), &[&h2.join(" ")]), (118.0, 120.0));
    }

    #[test]
    fn asian_support() {
        let (h, r) = (
            "我爱北京天安门，天安门上太阳升。",
            "天安门上太阳升，我爱北京天安门！",
        );
        // st(h, [r], normalized=True, asian_support=True) == [3, 16.0]
        assert_eq!(
            ter_with([true, false, true, false], h, &[r]),
            TerStats {
                edits: 3.0,
                ref_len: 16.0
            }
        );
        // st(h, [r], normalized=True) == [1, 1.0]
        assert_eq!(
            ter_with([true, false, false, false], h, &[r]),
            TerStats {
                edits: 1.0,
                ref_len: 1.0
            }
        );
        // st("東京は日本の首都です。", ["日本の首都は東京です。"], normalized=True, asian_support=True) == [2, 10.0]
        assert_eq!(
            ter_with(
                [true, false, true, false],
                "東京は日本の首都です。",
                &["日本の首都は東京です。"]
            ),
            TerStats {
                edits: 2.0,
                ref_len: 10.0
            }
        );
        // st("東京は日本の首都です。", ["日本の首都は東京です！"], normalized=True, no_punct=True,
        //    asian_support=True) == [2, 9.0]
        assert_eq!(
            ter_with(
                [true, true, true, false],
                "東京は日本の首都です。",
                &["日本の首都は東京です！"]
            ),
            TerStats {
                edits: 2.0,
                ref_len: 9.0
            }
        );
    }

    #[test]
    fn no_punct_and_case() {
        // st("Hello, world! (Really?)", ["hello world really"], no_punct=True) == [0, 3.0]
        assert_eq!(
            ter_with(
                [false, true, false, false],
                "Hello, world! (Really?)",
                &["hello world really"]
            ),
            TerStats {
                edits: 0.0,
                ref_len: 3.0
            }
        );
        // st("Hello World", ["hello world"], case_sensitive=True) == [2, 2.0]; default: [0, 2.0]
        assert_eq!(
            ter_with([false, false, false, true], "Hello World", &["hello world"]).edits,
            2.0
        );
        assert_eq!(ter("Hello World", &["hello world"]), (0.0, 2.0));
    }

    #[test]
    fn indic_scripts() {
        // st("আমি ভাত খাই। তুমি কী খাও?", ["তুমি কী খাও? আমি ভাত খাই।"], normalized=True) == [1, 7.0]
        assert_eq!(
            ter_with(
                [true, false, false, false],
                "আমি ভাত খাই। তুমি কী খাও?",
                &["তুমি কী খাও? আমি ভাত খাই।"]
            ),
            TerStats {
                edits: 1.0,
                ref_len: 7.0
            }
        );
        // st("मैं घर जा रहा हूँ, तुम कहाँ हो?", ["तुम कहाँ हो? मैं घर जा रहा हूँ।"], normalized=True,
        //    no_punct=True) == [2, 8.0]
        assert_eq!(
            ter_with(
                [true, true, false, false],
                "मैं घर जा रहा हूँ, तुम कहाँ हो?",
                &["तुम कहाँ हो? मैं घर जा रहा हूँ।"]
            ),
            TerStats {
                edits: 2.0,
                ref_len: 8.0
            }
        );
    }

    #[test]
    fn references_are_tokenized_twice() {
        // st("It's John's.", ["it's john's."], normalized=True) == [2, 5.0]: the hypothesis
        // becomes `it 's john's .`, the reference (tokenized twice) `it 's john 's .`.
        assert_eq!(
            ter_with(
                [true, false, false, false],
                "It's John's.",
                &["it's john's."]
            ),
            TerStats {
                edits: 2.0,
                ref_len: 5.0
            }
        );
    }

    #[test]
    fn signature_and_score() {
        let t = Ter::default();
        assert_eq!(t.name(), "TER");
        assert_eq!(
            t.signature(1).format(),
            format!(
                "nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:{}",
                super::super::signature::VERSION
            )
        );
        let t = Ter {
            normalized: true,
            no_punct: true,
            asian_support: true,
            case_sensitive: true,
        };
        assert_eq!(
            t.signature(2).format_short(),
            format!(
                "#:2|c:mixed|t:tercom|nr:yes|pn:no|as:yes|v:{}",
                super::super::signature::VERSION
            )
        );
        let s = t.score(&TerStats {
            edits: 3.0,
            ref_len: 16.0,
        });
        assert_eq!(s.score, 18.75);
        assert_eq!(
            s.details,
            ScoreDetails::Ter {
                num_edits: 3.0,
                ref_length: 16.0
            }
        );
    }

    #[test]
    fn sacrebleu_cases() {
        // Generated by scripts/ter_diff.py with sacreBLEU 2.6.0; TER_CASES overrides the
        // file (for large local runs).
        let path = std::env::var("TER_CASES").unwrap_or_else(|_| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ter_cases.json").to_string()
        });
        let text = std::fs::read_to_string(&path).expect("read TER cases");
        let data: serde_json::Value = serde_json::from_str(&text).expect("parse TER cases");
        let mut checked = 0;
        let mut failures = Vec::new();
        for case in data["cases"].as_array().expect("cases") {
            let hyp = case["hyp"].as_str().expect("hyp");
            let refs: Vec<&str> = case["refs"]
                .as_array()
                .expect("refs")
                .iter()
                .map(|r| r.as_str().expect("ref"))
                .collect();
            // Each result is [flags, edits, ref_len] with
            // flags = 8*normalized + 4*no_punct + 2*asian_support + case_sensitive.
            for res in case["results"].as_array().expect("results") {
                let bits = res[0].as_u64().expect("flags");
                let flags = [bits & 8 != 0, bits & 4 != 0, bits & 2 != 0, bits & 1 != 0];
                let got = ter_with(flags, hyp, &refs);
                let edits = res[1].as_f64().expect("edits");
                let ref_len = res[2].as_f64().expect("ref_len");
                checked += 1;
                if got.edits != edits || (got.ref_len - ref_len).abs() > 1e-12 {
                    failures.push(format!(
                        "flags={flags:?} hyp={hyp:?} refs={refs:?}: got ({}, {}), sacreBLEU ({edits}, {ref_len})",
                        got.edits, got.ref_len
                    ));
                }
            }
        }
        eprintln!("checked {checked} TER results from {path}");
        assert!(checked > 0);
        assert!(
            failures.is_empty(),
            "{} of {checked} mismatches; first: {}",
            failures.len(),
            failures[..failures.len().min(5)].join("\n")
        );
    }
}
