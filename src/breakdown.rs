//! Breakdowns: *why* one system beats another, compare-mt's analyses (Neubig et al. 2019,
//! "compare-mt: A Tool for Holistic Comparison of Language Generation Systems", NAACL
//! demo; `compare_mt/bucketers.py`, `ngram_utils.py`, `stat_utils.py` of compare-mt 0.2.10)
//! computed on the segments and statistics a run already has.
//!
//! * **By reference length** ([`LengthBuckets`]): segments grouped by the length of their
//!   (first) reference in words, compare-mt's cutoffs `10,20,30,40,50,60`; each metric's
//!   score of every system on each bucket is the metric's own corpus score of that
//!   bucket's summed statistics (sacreBLEU's BLEU, chrF, TER; an external metric's mean).
//! * **Word accuracy by frequency** ([`word_accuracy`]): every reference and output word
//!   falls in a bucket by its frequency in the references (or in a training corpus the user
//!   gives), cutoffs `1,2,3,4,5,10,100,1000`; an output word matches when the reference
//!   holds more occurrences of it than the output has used so far (compare-mt's
//!   `_calc_trg_matches`); per bucket: matches, reference and output counts, recall,
//!   precision and F-measure (all 0 when nothing matches).
//! * **Characteristic n-grams** ([`ngram_comparison`]): each system's matched 1- to
//!   4-grams (clipped by the reference's counts, in order); for systems A and B the
//!   smoothed ratio `(a + 1) / (a + b + 2)` of every n-gram either matched; the top 50 are
//!   the n-grams A gets right more often, the bottom 50 those B does. Ties are ordered by
//!   the n-gram's text (compare-mt leaves them in hash order), and a list holds only
//!   n-grams its side matches more often (ratio above or below 1/2; compare-mt fills a
//!   short side with the other side's).
//!
//! Words are the line split on runs of whitespace (Python's `str.split()`); compare-mt
//! splits on single spaces (`line.strip().split(' ')`), which gives an empty word for a
//! double space and makes an empty line one word long. Text is compared as is (no
//! lowercasing, no tokenisation): tokenise the files first for a tokenised analysis, as
//! with compare-mt.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::registry::Evaluation;
use crate::text::py_split;

/// compare-mt's default sentence-length cutoffs (`LengthSentenceBucketer`).
pub const LENGTH_CUTOFFS: [u64; 6] = [10, 20, 30, 40, 50, 60];
/// compare-mt's default word-frequency cutoffs (`FreqWordBucketer`).
pub const FREQUENCY_CUTOFFS: [u64; 8] = [1, 2, 3, 4, 5, 10, 100, 1000];
/// compare-mt's default `report_length` of the n-gram report.
pub const NGRAM_TOP: usize = 50;
/// The longest n-gram compared (compare-mt's `max_ngram_length`).
pub const NGRAM_MAX: usize = 4;
/// compare-mt's default Laplace smoothing `alpha` of the n-gram ratio.
pub const NGRAM_ALPHA: f64 = 1.0;

/// Every breakdown of one test set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Breakdowns {
    /// Where word frequencies come from: `reference`, or the training corpus's path.
    pub frequency_source: String,
    /// Scores by reference length.
    pub by_length: Vec<LengthBucket>,
    /// Word accuracy by frequency bucket.
    pub by_frequency: Vec<FrequencyBucket>,
    /// Characteristic n-grams of the baseline against every other system.
    pub ngrams: Vec<NgramComparison>,
}

/// One reference-length bucket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LengthBucket {
    /// compare-mt's label: `<10`, `[10,20)`, …, `>=60`.
    pub bucket: String,
    /// Segments in the bucket.
    pub segments: usize,
    /// Per metric (in the report's metric order), each system's score on the bucket, in
    /// system order; `null` for an empty bucket.
    pub scores: Vec<Vec<Option<f64>>>,
}

/// One word-frequency bucket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrequencyBucket {
    /// compare-mt's label: `<1`, `1`, …, `[5,10)`, …, `>=1000`.
    pub bucket: String,
    /// Reference words in the bucket.
    pub reference_words: u64,
    /// Each system's counts and measures, in system order.
    pub systems: Vec<WordAccuracy>,
}

/// One system's word accuracy in one bucket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WordAccuracy {
    /// Output words that matched the reference.
    pub matches: u64,
    /// Output words.
    pub output_words: u64,
    /// `matches / reference words`.
    pub recall: f64,
    /// `matches / output words`.
    pub precision: f64,
    /// Harmonic mean of precision and recall.
    pub fmeasure: f64,
}

/// The n-grams that tell two systems apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NgramComparison {
    /// System A (the baseline).
    pub system_a: String,
    /// System B.
    pub system_b: String,
    /// The n-grams A matches more often than B, highest ratio first.
    pub a_better: Vec<NgramRow>,
    /// The n-grams B matches more often than A, lowest ratio first.
    pub b_better: Vec<NgramRow>,
}

/// One n-gram's matches in two systems.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NgramRow {
    /// The words, joined by a space.
    pub ngram: String,
    /// `(a + alpha) / (a + b + 2 alpha)`.
    pub ratio: f64,
    /// Matches in system A.
    pub a_matches: u64,
    /// Matches in system B.
    pub b_matches: u64,
}

/// A line's words: split on runs of whitespace, as Python's `str.split()`.
pub fn words(line: &str) -> Vec<&str> {
    py_split(line).collect()
}

/// Every line of a corpus split into [`words`], once for all the breakdowns.
pub fn corpus_words(lines: &[String]) -> Vec<Vec<&str>> {
    lines.iter().map(|l| words(l)).collect()
}

/// compare-mt's bucket labels for `cutoffs` (`Bucketer.set_bucket_cutoffs`, integers).
pub fn labels(cutoffs: &[u64]) -> Vec<String> {
    let mut out = Vec::with_capacity(cutoffs.len() + 1);
    for (i, &x) in cutoffs.iter().enumerate() {
        out.push(match i {
            0 => format!("<{x}"),
            _ if x - 1 == cutoffs[i - 1] => format!("{}", x - 1),
            _ => format!("[{},{x})", cutoffs[i - 1]),
        });
    }
    if let Some(last) = cutoffs.last() {
        out.push(format!(">={last}"));
    }
    out
}

/// The bucket of `value`: the first cutoff it is below, else the last bucket.
fn bucket_of(cutoffs: &[u64], value: u64) -> usize {
    cutoffs
        .iter()
        .position(|&c| value < c)
        .unwrap_or(cutoffs.len())
}

/// The segments of each reference-length bucket, to score every metric on.
#[derive(Debug, Clone)]
pub struct LengthBuckets {
    members: Vec<Vec<usize>>,
    scores: Vec<Vec<Vec<Option<f64>>>>,
}

impl LengthBuckets {
    /// Buckets the segments by the length of `references` (the first reference's words,
    /// per segment).
    pub fn new(references: &[Vec<&str>]) -> LengthBuckets {
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); LENGTH_CUTOFFS.len() + 1];
        for (i, r) in references.iter().enumerate() {
            members[bucket_of(&LENGTH_CUTOFFS, r.len() as u64)].push(i);
        }
        LengthBuckets {
            members,
            scores: Vec::new(),
        }
    }

    /// Adds one metric's scores of every system on each bucket, from the evaluation's
    /// kept per-segment statistics (call it in the report's metric order).
    pub fn add_metric(&mut self, ev: &Evaluation) {
        self.scores.push(
            self.members
                .iter()
                .map(|segs| {
                    (0..ev.systems())
                        .map(|s| match segs.is_empty() {
                            true => None,
                            false => ev.score_of_segments(s, segs).map(|x| x.score),
                        })
                        .collect()
                })
                .collect(),
        );
    }

    /// The buckets with every metric's scores.
    pub fn finish(self) -> Vec<LengthBucket> {
        let scores = self.scores;
        labels(&LENGTH_CUTOFFS)
            .into_iter()
            .zip(self.members)
            .enumerate()
            .map(|(b, (bucket, segs))| LengthBucket {
                bucket,
                segments: segs.len(),
                scores: scores.iter().map(|m| m[b].clone()).collect(),
            })
            .collect()
    }
}

/// Word counts of a corpus's words (as [`words`] splits lines).
pub fn frequencies<'a>(words: impl IntoIterator<Item = &'a str>) -> HashMap<String, u64> {
    let mut counts: HashMap<String, u64> = HashMap::new();
    for w in words {
        *counts.entry(w.to_string()).or_default() += 1;
    }
    counts
}

/// Word accuracy of every system by frequency bucket (see the module docs). `references`
/// are the first reference's words per segment, `systems` each system's, `freq` the
/// counts that place words in buckets.
pub fn word_accuracy(
    references: &[Vec<&str>],
    systems: &[Vec<Vec<&str>>],
    freq: &HashMap<String, u64>,
) -> Vec<FrequencyBucket> {
    let nb = FREQUENCY_CUTOFFS.len() + 1;
    let bucket = |w: &str| bucket_of(&FREQUENCY_CUTOFFS, freq.get(w).copied().unwrap_or(0));
    let mut ref_total = vec![0u64; nb];
    let mut out_total = vec![vec![0u64; nb]; systems.len()];
    let mut matches = vec![vec![0u64; nb]; systems.len()];
    let mut ref_count: HashMap<&str, u64> = HashMap::new();
    let mut used: HashMap<&str, u64> = HashMap::new();
    for (i, r) in references.iter().enumerate() {
        ref_count.clear();
        for &w in r {
            ref_total[bucket(w)] += 1;
            *ref_count.entry(w).or_default() += 1;
        }
        for (s, lines) in systems.iter().enumerate() {
            used.clear();
            for &w in &lines[i] {
                let b = bucket(w);
                out_total[s][b] += 1;
                let have = ref_count.get(w).copied().unwrap_or(0);
                let u = used.entry(w).or_default();
                if *u < have {
                    matches[s][b] += 1;
                }
                *u += 1;
            }
        }
    }
    labels(&FREQUENCY_CUTOFFS)
        .into_iter()
        .enumerate()
        .map(|(b, label)| FrequencyBucket {
            bucket: label,
            reference_words: ref_total[b],
            systems: (0..systems.len())
                .map(|s| {
                    let (m, o, r) = (matches[s][b], out_total[s][b], ref_total[b]);
                    let (recall, precision, fmeasure) = if m == 0 {
                        (0.0, 0.0, 0.0)
                    } else {
                        let rec = m as f64 / r as f64;
                        let prec = m as f64 / o as f64;
                        (rec, prec, 2.0 * prec * rec / (prec + rec))
                    };
                    WordAccuracy {
                        matches: m,
                        output_words: o,
                        recall,
                        precision,
                        fmeasure,
                    }
                })
                .collect(),
        })
        .collect()
}

/// Interns words as ids so that n-grams are small keys.
#[derive(Default)]
struct Vocab<'a> {
    ids: HashMap<&'a str, u32>,
    words: Vec<&'a str>,
}

impl<'a> Vocab<'a> {
    /// Every segment's words as ids.
    fn ids(&mut self, lines: &[Vec<&'a str>]) -> Vec<Vec<u32>> {
        lines
            .iter()
            .map(|l| l.iter().map(|w| self.id(w)).collect())
            .collect()
    }

    fn id(&mut self, w: &'a str) -> u32 {
        if let Some(&i) = self.ids.get(w) {
            return i;
        }
        let i = self.words.len() as u32;
        self.ids.insert(w, i);
        self.words.push(w);
        i
    }
}

/// An n-gram of word ids (unused slots are `u32::MAX`).
type Key = [u32; NGRAM_MAX];

fn ngrams(ids: &[u32]) -> impl Iterator<Item = Key> + '_ {
    (1..=NGRAM_MAX).flat_map(move |n| {
        ids.windows(n).map(move |w| {
            let mut k = [u32::MAX; NGRAM_MAX];
            k[..n].copy_from_slice(w);
            k
        })
    })
}

/// Matched n-gram counts of one system (compare-mt's `compare_ngrams` `match`): each
/// output n-gram matches while the reference has unused occurrences of it.
fn matched_ngrams(references: &[Vec<u32>], system: &[Vec<u32>]) -> HashMap<Key, u64> {
    let mut matched: HashMap<Key, u64> = HashMap::new();
    let mut left: HashMap<Key, u64> = HashMap::new();
    for (r, h) in references.iter().zip(system) {
        left.clear();
        for k in ngrams(r) {
            *left.entry(k).or_default() += 1;
        }
        for k in ngrams(h) {
            if let Some(c) = left.get_mut(&k).filter(|c| **c > 0) {
                *c -= 1;
                *matched.entry(k).or_default() += 1;
            }
        }
    }
    matched
}

/// The characteristic n-grams of system `a` against each other system (see the module
/// docs); `references` and `systems` are words per segment, `names` names every system.
pub fn ngram_comparison<'a>(
    references: &[Vec<&'a str>],
    systems: &[Vec<Vec<&'a str>>],
    names: &[String],
    a: usize,
) -> Vec<NgramComparison> {
    let mut vocab = Vocab::default();
    let refs = vocab.ids(references);
    let sys: Vec<Vec<Vec<u32>>> = systems.iter().map(|lines| vocab.ids(lines)).collect();
    let counts: Vec<HashMap<Key, u64>> = sys.iter().map(|s| matched_ngrams(&refs, s)).collect();
    let text = |k: &Key| -> String {
        k.iter()
            .take_while(|&&i| i != u32::MAX)
            .map(|&i| vocab.words[i as usize])
            .collect::<Vec<_>>()
            .join(" ")
    };
    (0..systems.len())
        .filter(|&b| b != a)
        .map(|b| {
            let (ca, cb) = (&counts[a], &counts[b]);
            let mut rows: Vec<NgramRow> = ca
                .keys()
                .chain(cb.keys().filter(|k| !ca.contains_key(*k)))
                .map(|k| {
                    let (x, y) = (
                        ca.get(k).copied().unwrap_or(0),
                        cb.get(k).copied().unwrap_or(0),
                    );
                    NgramRow {
                        ngram: text(k),
                        ratio: (x as f64 + NGRAM_ALPHA) / ((x + y) as f64 + 2.0 * NGRAM_ALPHA),
                        a_matches: x,
                        b_matches: y,
                    }
                })
                .collect();
            // Only n-grams one side matches more often go to its list (compare-mt fills
            // both lists from one ranking, so with fewer than 50 on one side its list
            // would show n-grams the other side matches more often).
            rows.sort_by(|p, q| {
                q.ratio
                    .total_cmp(&p.ratio)
                    .then_with(|| p.ngram.cmp(&q.ngram))
            });
            let a_better = rows
                .iter()
                .filter(|r| r.ratio > 0.5)
                .take(NGRAM_TOP)
                .cloned()
                .collect();
            rows.sort_by(|p, q| {
                p.ratio
                    .total_cmp(&q.ratio)
                    .then_with(|| p.ngram.cmp(&q.ngram))
            });
            let b_better = rows
                .iter()
                .filter(|r| r.ratio < 0.5)
                .take(NGRAM_TOP)
                .cloned()
                .collect();
            NgramComparison {
                system_a: names[a].clone(),
                system_b: names[b].clone(),
                a_better,
                b_better,
            }
        })
        .collect()
}

/// One run of words in a word-level diff of a hypothesis against its reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffSpan {
    /// `=` in both, `+` only in the hypothesis, `-` only in the reference.
    pub op: char,
    /// The words, joined by a space.
    pub text: String,
}

/// The word-level diff of `hypothesis` against `reference` (words as [`words`] splits
/// them; Myers' algorithm, by the `similar` crate), runs of one kind merged.
pub fn word_diff(reference: &str, hypothesis: &str) -> Vec<DiffSpan> {
    use similar::{capture_diff_slices, Algorithm, DiffOp};
    let (r, h) = (words(reference), words(hypothesis));
    let mut out: Vec<DiffSpan> = Vec::new();
    let mut push = |op: char, ws: &[&str]| {
        if ws.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.op == op => {
                last.text.push(' ');
                last.text.push_str(&ws.join(" "));
            }
            _ => out.push(DiffSpan {
                op,
                text: ws.join(" "),
            }),
        }
    };
    for d in capture_diff_slices(Algorithm::Myers, &r, &h) {
        match d {
            DiffOp::Equal { old_index, len, .. } => push('=', &r[old_index..old_index + len]),
            DiffOp::Delete {
                old_index, old_len, ..
            } => push('-', &r[old_index..old_index + old_len]),
            DiffOp::Insert {
                new_index, new_len, ..
            } => push('+', &h[new_index..new_index + new_len]),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                push('-', &r[old_index..old_index + old_len]);
                push('+', &h[new_index..new_index + new_len]);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diffs_keep_every_word_once() {
        let d = word_diff(
            "Lavrov met Choe Son Hui in Moscow",
            "Lavrov met Choi in Moscow today",
        );
        let ops: Vec<(char, &str)> = d.iter().map(|s| (s.op, s.text.as_str())).collect();
        assert_eq!(
            ops,
            [
                ('=', "Lavrov met"),
                ('-', "Choe Son Hui"),
                ('+', "Choi"),
                ('=', "in Moscow"),
                ('+', "today")
            ]
        );
        // Devanagari words stay whole (the diff is over words, never inside a cluster).
        let d = word_diff("लावरोव ने कहा", "लावरोफ़ ने कहा");
        assert_eq!(
            d[0],
            DiffSpan {
                op: '-',
                text: "लावरोव".into()
            }
        );
        assert_eq!(
            d[1],
            DiffSpan {
                op: '+',
                text: "लावरोफ़".into()
            }
        );
    }

    #[test]
    fn labels_are_compare_mts() {
        assert_eq!(
            labels(&FREQUENCY_CUTOFFS),
            [
                "<1",
                "1",
                "2",
                "3",
                "4",
                "[5,10)",
                "[10,100)",
                "[100,1000)",
                ">=1000"
            ]
        );
        assert_eq!(
            labels(&LENGTH_CUTOFFS),
            ["<10", "[10,20)", "[20,30)", "[30,40)", "[40,50)", "[50,60)", ">=60"]
        );
        assert_eq!(bucket_of(&LENGTH_CUTOFFS, 9), 0);
        assert_eq!(bucket_of(&LENGTH_CUTOFFS, 10), 1);
        assert_eq!(bucket_of(&LENGTH_CUTOFFS, 60), 6);
    }

    #[test]
    fn word_matches_are_clipped_by_reference_counts() {
        let refs = vec!["the cat sat on the mat".to_string()];
        let a = vec!["the the the cat".to_string()];
        let (refs, a) = (corpus_words(&refs), corpus_words(&a));
        let freq = frequencies(refs.iter().flatten().copied());
        let out = word_accuracy(&refs, &[a], &freq);
        // "the" occurs twice in the reference: frequency 2, bucket "2"; two of the three
        // output "the" match. "cat" (frequency 1) matches.
        let two = out.iter().find(|b| b.bucket == "2").unwrap();
        assert_eq!(
            (
                two.reference_words,
                two.systems[0].matches,
                two.systems[0].output_words
            ),
            (2, 2, 3)
        );
        let one = out.iter().find(|b| b.bucket == "1").unwrap();
        assert_eq!((one.reference_words, one.systems[0].matches), (4, 1));
        assert_eq!(one.systems[0].recall, 0.25);
        assert_eq!(one.systems[0].precision, 1.0);
        assert_eq!(one.systems[0].fmeasure, 0.4);
    }

    #[test]
    fn ngram_ratios_are_smoothed_and_ordered() {
        let refs = vec!["a b c".to_string(), "a b d".to_string()];
        let x = vec!["a b c".to_string(), "a b d".to_string()];
        let y = vec!["a x c".to_string(), "a b x".to_string()];
        let names = vec!["x".to_string(), "y".to_string()];
        let (refs, x, y) = (corpus_words(&refs), corpus_words(&x), corpus_words(&y));
        let c = &ngram_comparison(&refs, &[x, y], &names, 0)[0];
        // "a b": x matches 2, y 1 → (2+1)/(3+2) = 0.6; "a b c": 1 vs 0 → 2/3.
        let row = |n: &str| c.a_better.iter().find(|r| r.ngram == n).unwrap().clone();
        assert_eq!(row("a b").ratio, 0.6);
        assert_eq!((row("a b c").a_matches, row("a b c").b_matches), (1, 0));
        assert!(c.a_better.windows(2).all(|w| w[0].ratio >= w[1].ratio));
        assert!(c.b_better.windows(2).all(|w| w[0].ratio <= w[1].ratio));
        // x matches every n-gram at least as often as y: nothing for y's list, and the
        // n-grams both match equally often in neither.
        assert!(c.b_better.is_empty());
        assert!(c.a_better.iter().all(|r| r.a_matches > r.b_matches));
    }
}
