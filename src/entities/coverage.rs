//! Which source sentences a translation left out.
//!
//! Some names cannot be checked by their spelling: "Department of Justice" is न्याय विभाग,
//! a translation no phonetic key finds. Such a name is *missing* only when the sentence
//! holding it is missing from the translation (systems that translate the first sentence
//! of a paragraph and drop the rest do this a lot); otherwise the checker cannot tell and
//! says so. This module finds the dropped sentences by aligning the source sentences of a
//! segment with the hypothesis sentences, the length-based dynamic programme of Gale &
//! Church (1993, "A program for aligning sentences in bilingual corpora", Computational
//! Linguistics 19(1)), with two additions:
//!
//! - the length ratio and its variance are estimated from the file pair itself (median and
//!   median absolute deviation over the segments, so that a system that drops half of
//!   each paragraph does not move them much), not taken from English–French;
//! - *anchors*: a source sentence with a name or number that was found in the hypothesis
//!   is certainly not dropped, so deleting it costs more.
//!
//! Sentences are split on `.`, `!`, `?` (not after abbreviations such as Mr. or U.S.), on
//! danda `।`/`॥` and on the full-width stops. Lengths count letters and digits.

use std::ops::Range;

/// Length-model parameters for one (source, hypothesis) file pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LengthModel {
    /// Expected hypothesis length per source length unit.
    pub ratio: f64,
    /// Variance of the hypothesis length per source length unit (Gale & Church's s²).
    pub var: f64,
}

impl Default for LengthModel {
    fn default() -> Self {
        LengthModel {
            ratio: 1.0,
            var: 6.8,
        }
    }
}

/// Letters and digits of `s` (what sentence lengths count).
pub fn length(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphanumeric()).count()
}

fn median(v: &mut [f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    Some(v[v.len() / 2])
}

impl LengthModel {
    /// Estimates the model from aligned segments (`(source length, hypothesis length)`);
    /// segments shorter than 20 units on either side are too noisy and are skipped. Falls
    /// back to Gale & Church's values when fewer than 10 segments remain. Give it
    /// single-sentence segments where there are enough (see [`LengthModel::for_files`]).
    pub fn estimate(pairs: &[(usize, usize)]) -> LengthModel {
        let usable: Vec<(f64, f64)> = pairs
            .iter()
            .filter(|&&(s, t)| s >= 20 && t >= 20)
            .map(|&(s, t)| (s as f64, t as f64))
            .collect();
        if usable.len() < 10 {
            return LengthModel::default();
        }
        let mut ratios: Vec<f64> = usable.iter().map(|&(s, t)| t / s).collect();
        let ratio = median(&mut ratios).unwrap_or(1.0);
        let mut dev: Vec<f64> = usable
            .iter()
            .map(|&(s, t)| ((t - ratio * s) / s.sqrt()).abs())
            .collect();
        let mad = median(&mut dev).unwrap_or(1.0);
        // 1.4826 × MAD estimates a normal standard deviation; floor it so that a very
        // regular file does not make every small difference look like a deletion.
        let sd = (1.4826 * mad).max(1.0);
        LengthModel {
            ratio,
            var: sd * sd,
        }
    }
}

impl LengthModel {
    /// The model of a (source, hypothesis) file pair, from its single-sentence source
    /// segments when there are at least 10 usable ones (a system that drops sentences of
    /// paragraphs cannot inflate the variance there), else from all segments.
    pub fn for_files<S: AsRef<str>, H: AsRef<str>>(src: &[S], hyp: &[H]) -> LengthModel {
        let pairs = |single: bool| -> Vec<(usize, usize)> {
            src.iter()
                .zip(hyp)
                .filter(|(s, _)| !single || sentences(s.as_ref()).len() == 1)
                .map(|(s, h)| (length(s.as_ref()), length(h.as_ref())))
                .collect()
        };
        let singles = pairs(true);
        let usable = singles.iter().filter(|&&(s, t)| s >= 20 && t >= 20).count();
        if usable >= 10 {
            LengthModel::estimate(&singles)
        } else {
            LengthModel::estimate(&pairs(false))
        }
    }
}

fn is_stop(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '।' | '॥' | '。' | '！' | '？')
}

/// Words before a period that do not end a sentence.
fn abbreviation_before(text: &str) -> bool {
    let word: String = text
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    super::lexicon::is_abbreviation(&word)
        || (word.chars().filter(|c| c.is_alphabetic()).count() <= 1 && !word.is_empty())
        || word.contains('.')
}

/// Byte ranges of the sentences of `line`.
pub fn sentences(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (b, c) = chars[i];
        if is_stop(c) && !(c == '.' && abbreviation_before(&line[start..b])) {
            // Stops, closing quotes and brackets that follow belong to this sentence.
            let mut j = i + 1;
            while j < chars.len()
                && (is_stop(chars[j].1) || matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')' | '»'))
            {
                j += 1;
            }
            let next_is_space = j == chars.len() || chars[j].1.is_whitespace();
            let full_width = matches!(c, '।' | '॥' | '。' | '！' | '？');
            if next_is_space || full_width {
                let end = chars.get(j).map_or(line.len(), |&(b, _)| b);
                if length(&line[start..end]) > 0 {
                    out.push(start..end);
                    // The next sentence starts at its first non-space character.
                    start = end + (line[end..].len() - line[end..].trim_start().len());
                }
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if length(&line[start..]) > 0 {
        out.push(start..line.len());
    } else if let Some(last) = out.last_mut() {
        last.end = line.len();
    }
    if out.is_empty() {
        out.push(0..line.len());
    }
    out
}

/// Prior probabilities of the alignment moves (source sentences, target sentences):
/// Gale & Church's 1-1, 1-0/0-1, 2-1/1-2 and 2-2, plus 3-1/1-3 for the paragraphs that
/// translation merges into one sentence.
const MOVES: [(usize, usize, f64); 9] = [
    (1, 1, 0.89),
    (1, 0, 0.005),
    (0, 1, 0.005),
    (2, 1, 0.0445),
    (1, 2, 0.0445),
    (2, 2, 0.011),
    (3, 1, 0.005),
    (1, 3, 0.005),
    (4, 1, 0.001),
];

/// Cost of deleting a source sentence with an anchor found in the hypothesis.
const ANCHOR_PENALTY: f64 = 25.0;

/// −log of the two-sided tail probability of a standard normal deviate, via the
/// Abramowitz–Stegun 7.1.26 approximation of erfc (as Gale & Church do).
fn neg_log_tail_exact(z: f64) -> f64 {
    let z = z.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * z);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erfc = poly * (-z * z).exp();
    -(erfc.max(1e-300)).ln()
}

/// Step of the [`neg_log_tail`] table.
const TAIL_STEP: f64 = 0.01;
/// Deviates beyond this are priced by the last interval's slope (the cost is nearly
/// quadratic there and any such alignment loses anyway).
const TAIL_MAX: f64 = 30.0;

/// [`neg_log_tail_exact`] by linear interpolation in a table (the alignment evaluates it
/// for every cell and move, and the logarithm dominated its cost).
fn neg_log_tail(z: f64) -> f64 {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0..=(TAIL_MAX / TAIL_STEP) as usize + 1)
            .map(|k| neg_log_tail_exact(k as f64 * TAIL_STEP))
            .collect()
    });
    let x = z.abs() / TAIL_STEP;
    let k = (x as usize).min(table.len() - 2);
    let frac = x - k as f64;
    table[k] + (table[k + 1] - table[k]) * frac
}

/// Aligns source sentences (lengths `src`) with hypothesis sentences (lengths `tgt`) and
/// returns, per source sentence, whether it is left out (aligned with nothing).
/// `anchors` are `(source sentence, hypothesis sentence)` pairs known to correspond (a
/// name or number that occurs once in the source segment was found there): an alignment
/// that deletes the source sentence, or pairs it with other hypothesis sentences, pays
/// `ANCHOR_PENALTY` per anchor.
pub fn dropped(
    src: &[usize],
    tgt: &[usize],
    anchors: &[(usize, usize)],
    m: LengthModel,
) -> Vec<bool> {
    align(src, tgt, anchors, m)
        .into_iter()
        .map(|r| r.is_empty())
        .collect()
}

/// The alignment behind [`dropped`]: for each source sentence, the range of hypothesis
/// sentences it is aligned with (empty, at the place it would be, when dropped).
pub fn align(
    src: &[usize],
    tgt: &[usize],
    anchors: &[(usize, usize)],
    m: LengthModel,
) -> Vec<Range<usize>> {
    let (n, k) = (src.len(), tgt.len());
    if n == 0 {
        return Vec::new();
    }
    if k == 0 || tgt.iter().all(|&t| t == 0) {
        return vec![0..0; n];
    }
    // Anchors per source sentence, and prefix sums for the lengths of sentence runs.
    let mut anchored: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in anchors {
        if a < n {
            anchored[a].push(b);
        }
    }
    let prefix = |v: &[usize]| {
        let mut p = vec![0usize; v.len() + 1];
        for (i, x) in v.iter().enumerate() {
            p[i + 1] = p[i] + x;
        }
        p
    };
    let (ps, pt) = (prefix(src), prefix(tgt));
    // Only cells near the diagonal are filled (Gale & Church's band), so time and
    // memory grow with the number of sentences, not its square: 1/40 of the sentences
    // either side, at least 16 and at most MAX_BAND (a run of dropped sentences longer
    // than that inside one segment is still dropped, only placed less exactly).
    const MAX_BAND: usize = 64;
    let band = (n.max(k) / 40).clamp(16, MAX_BAND);
    let log_prior: Vec<f64> = MOVES.iter().map(|&(_, _, p)| -p.ln()).collect();
    let centre = |i: usize| i * k / n;
    let lo = |i: usize| centre(i).saturating_sub(band);
    let hi = |i: usize| (centre(i) + band).min(k);
    const INF: f64 = f64::INFINITY;
    let mut cost: Vec<Vec<f64>> = (0..=n).map(|i| vec![INF; hi(i) - lo(i) + 1]).collect();
    let mut back: Vec<Vec<(u8, u8)>> = (0..=n).map(|i| vec![(0, 0); hi(i) - lo(i) + 1]).collect();
    let get = |cost: &Vec<Vec<f64>>, i: usize, j: usize| -> f64 {
        if j < lo(i) || j > hi(i) {
            INF
        } else {
            cost[i][j - lo(i)]
        }
    };
    cost[0][0] = 0.0;
    for i in 0..=n {
        for j in lo(i)..=hi(i) {
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = (INF, (0u8, 0u8));
            for (&(di, dj, _), &prior) in MOVES.iter().zip(&log_prior) {
                if di > i || dj > j {
                    continue;
                }
                let prev = get(&cost, i - di, j - dj);
                if prev == INF {
                    continue;
                }
                let mut c = prior;
                if di > 0 && dj > 0 {
                    let l1 = (ps[i] - ps[i - di]).max(1) as f64;
                    let l2 = (pt[j] - pt[j - dj]) as f64;
                    let z = (l2 - m.ratio * l1) / (l1 * m.var).sqrt();
                    c += neg_log_tail(z);
                }
                // Anchors of these source sentences must land in these target sentences.
                let broken: usize = (i - di..i)
                    .map(|a| {
                        anchored[a]
                            .iter()
                            .filter(|&&b| !(j - dj..j).contains(&b))
                            .count()
                    })
                    .sum();
                c += ANCHOR_PENALTY * broken as f64;
                if prev + c < best.0 {
                    best = (prev + c, (di as u8, dj as u8));
                }
            }
            cost[i][j - lo(i)] = best.0;
            back[i][j - lo(i)] = best.1;
        }
    }
    let mut out = vec![0..0; n];
    let (mut i, mut j) = (n, k);
    while i > 0 || j > 0 {
        if j < lo(i) || j > hi(i) {
            break;
        }
        let (di, dj) = back[i][j - lo(i)];
        let (di, dj) = (di as usize, dj as usize);
        if di == 0 && dj == 0 {
            break;
        }
        for o in &mut out[i - di..i] {
            *o = j - dj..j;
        }
        i -= di;
        j -= dj;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences() {
        let s = "Mr. Habeck said no. The U.S. agreed! Why? Done";
        let parts: Vec<&str> = sentences(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(
            parts,
            vec!["Mr. Habeck said no.", "The U.S. agreed!", "Why?", "Done"]
        );
        let h = "पहला वाक्य। दूसरा वाक्य।";
        assert_eq!(sentences(h).len(), 2);
    }

    #[test]
    fn finds_a_dropped_tail() {
        let m = LengthModel {
            ratio: 1.0,
            var: 6.8,
        };
        // Three sentences, the translation has only the first.
        let d = dropped(&[100, 120, 90], &[105], &[], m);
        assert_eq!(d, vec![false, true, true]);
        // A complete translation merged into one sentence drops nothing.
        let d = dropped(&[100, 120], &[215], &[], m);
        assert_eq!(d, vec![false, false]);
        // An anchor says which sentence the translation kept.
        let d = dropped(&[100, 100, 90], &[105], &[(1, 0)], m);
        assert_eq!(d, vec![true, false, true]);
        assert_eq!(dropped(&[10], &[], &[], m), vec![true]);
    }

    #[test]
    fn tail_table_matches_the_formula() {
        for z in [0.0, 0.005, 0.37, 1.0, 2.5, 7.77, 29.9] {
            let (a, b) = (neg_log_tail(z), neg_log_tail_exact(z));
            assert!((a - b).abs() < 1e-3 * b.max(1.0), "{z}: {a} vs {b}");
        }
    }

    #[test]
    fn estimates_ratio() {
        let pairs: Vec<(usize, usize)> = (0..50).map(|i| (100 + i, 110 + i + i / 10)).collect();
        let m = LengthModel::estimate(&pairs);
        assert!((m.ratio - 1.1).abs() < 0.05, "{m:?}");
    }
}
