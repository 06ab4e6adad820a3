//! Scoring a corpus: every system × every metric, keeping per-segment statistics.
//!
//! Each segment's references are prepared once per metric and shared by all systems.
//! Segments are scored in parallel with rayon and collected in segment order, so the
//! statistics (and every sum over them) are the same whatever the thread count. The
//! corpus score is the metric's score of the summed statistics.

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::metrics::bleu::{Bleu, BleuStats};
use crate::metrics::chrf::{Chrf, ChrfStats};
use crate::metrics::ter::{Ter, TerStats};
use crate::metrics::{sum_stats, Metric, Score, Signature};

/// A configured metric of any kind (closed set, dispatched with `match`).
#[derive(Debug, Clone)]
pub enum AnyMetric {
    /// BLEU.
    Bleu(Bleu),
    /// chrF or chrF++.
    Chrf(Chrf),
    /// TER.
    Ter(Ter),
}

/// Per-segment statistics of one system under one metric. Serialised into run reports
/// so that a later run can be tested for significance against them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", content = "segments", rename_all = "lowercase")]
pub enum SegmentStats {
    /// BLEU statistics per segment.
    Bleu(Vec<BleuStats>),
    /// chrF statistics per segment.
    Chrf(Vec<ChrfStats>),
    /// TER statistics per segment.
    Ter(Vec<TerStats>),
}

impl SegmentStats {
    /// The number of segments.
    pub fn len(&self) -> usize {
        match self {
            SegmentStats::Bleu(v) => v.len(),
            SegmentStats::Chrf(v) => v.len(),
            SegmentStats::Ter(v) => v.len(),
        }
    }

    /// Whether there are no segments.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The result of one system under one metric.
#[derive(Debug, Clone)]
pub struct SystemResult {
    /// The system's name (file stem).
    pub system: String,
    /// sacreBLEU's metric name (`BLEU`, `chrF2++`, …).
    pub metric: String,
    /// The corpus score.
    pub score: Score,
    /// The corpus signature.
    pub signature: Signature,
    /// Per-segment statistics, kept for significance tests and sentence scores.
    pub stats: SegmentStats,
}

impl AnyMetric {
    /// sacreBLEU's metric name.
    pub fn name(&self) -> String {
        match self {
            AnyMetric::Bleu(m) => m.name(),
            AnyMetric::Chrf(m) => m.name(),
            AnyMetric::Ter(m) => m.name(),
        }
    }

    /// Rebuilds the metric that produced a signature (as written in reports), so saved
    /// per-segment statistics can be rescored or resampled. `None` if the name or a key
    /// is not understood.
    pub fn from_signature(name: &str, signature: &str) -> Option<AnyMetric> {
        use crate::metrics::bleu::Smooth;
        let kv: std::collections::HashMap<&str, &str> = signature
            .split('|')
            .filter_map(|p| p.split_once(':'))
            .collect();
        let yes = |k: &str| kv.get(k).map(|v| *v == "yes");
        if name == "TER" {
            return Some(AnyMetric::Ter(crate::metrics::ter::Ter {
                normalized: yes("norm")?,
                no_punct: !yes("punct")?,
                asian_support: yes("asian")?,
                case_sensitive: *kv.get("case")? == "mixed",
            }));
        }
        if name == "BLEU" {
            let smooth = kv.get("smooth")?;
            let (method, value) = match smooth.split_once('[') {
                Some((m, v)) => (m, Some(v.trim_end_matches(']').parse::<f64>().ok()?)),
                None => (*smooth, None),
            };
            return Some(AnyMetric::Bleu(Bleu {
                tokenizer: kv.get("tok")?.parse().ok()?,
                lowercase: *kv.get("case")? == "lc",
                smooth: Smooth::parse(method, value).ok()?,
                effective_order: yes("eff")?,
            }));
        }
        let beta: u32 = name
            .strip_prefix("chrF")?
            .trim_end_matches('+')
            .parse()
            .ok()?;
        Some(AnyMetric::Chrf(Chrf {
            char_order: kv.get("nc")?.parse().ok()?,
            word_order: kv.get("nw")?.parse().ok()?,
            beta,
            lowercase: *kv.get("case")? == "lc",
            whitespace: yes("space")?,
            eps_smoothing: !yes("eff")?,
        }))
    }

    /// The corpus signature for as many references as `formatted` (a formatted
    /// signature of this metric) records.
    pub fn signature_of(&self, formatted: &str) -> Signature {
        let nrefs = crate::metrics::signature::nrefs_of(formatted).unwrap_or(1);
        match self {
            AnyMetric::Bleu(m) => m.signature(nrefs),
            AnyMetric::Chrf(m) => m.signature(nrefs),
            AnyMetric::Ter(m) => m.signature(nrefs),
        }
    }

    /// Scores every system of `corpus`, in order.
    pub fn evaluate(&self, corpus: &Corpus) -> Vec<SystemResult> {
        match self {
            AnyMetric::Bleu(m) => evaluate_with(m, corpus, SegmentStats::Bleu),
            AnyMetric::Chrf(m) => evaluate_with(m, corpus, SegmentStats::Chrf),
            AnyMetric::Ter(m) => evaluate_with(m, corpus, SegmentStats::Ter),
        }
    }

    /// Sentence-level scores from kept statistics (as sacreBLEU's `--sentence-level`).
    pub fn sentence_scores(&self, stats: &SegmentStats) -> Vec<f64> {
        match (self, stats) {
            (AnyMetric::Bleu(m), SegmentStats::Bleu(v)) => sentence_scores_with(m, v),
            (AnyMetric::Chrf(m), SegmentStats::Chrf(v)) => sentence_scores_with(m, v),
            (AnyMetric::Ter(m), SegmentStats::Ter(v)) => sentence_scores_with(m, v),
            _ => unreachable!("statistics always come from the same metric"),
        }
    }

    /// The signature of sentence-level scores.
    pub fn sentence_signature(&self, nrefs: usize) -> Signature {
        match self {
            AnyMetric::Bleu(m) => m.sentence_signature(nrefs),
            AnyMetric::Chrf(m) => m.sentence_signature(nrefs),
            AnyMetric::Ter(m) => m.sentence_signature(nrefs),
        }
    }
}

/// Segments per rayon task. A task prepares each segment's references into one buffer
/// (reused across the tasks a thread runs) and scores every system on that segment right
/// away, so nothing is allocated per segment and reference n-grams live for one segment.
const CHUNK: usize = 64;

/// Statistics of every system on segments `0..n`, in segment order (`out[system][segment]`),
/// whatever the thread count. `refs(i, buf)` pushes segment `i`'s references onto `buf`;
/// `hyp(s, i)` is line `i` of system `s`.
pub fn block_stats<'a, M: Metric>(
    metric: &M,
    n: usize,
    systems: usize,
    refs: impl Fn(usize, &mut Vec<&'a str>) + Sync,
    hyp: impl Fn(usize, usize) -> &'a str + Sync,
) -> Vec<Vec<M::Stats>> {
    let chunks: Vec<Vec<M::Stats>> = (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .map_init(M::RefInfo::default, |info, c| {
            let mut r: Vec<&str> = Vec::new();
            let segments = c * CHUNK..((c + 1) * CHUNK).min(n);
            let mut out = Vec::with_capacity(segments.len() * systems);
            for i in segments {
                r.clear();
                refs(i, &mut r);
                metric.prepare_refs_into(&r, info);
                out.extend((0..systems).map(|s| metric.segment_stats(hyp(s, i), info)));
            }
            out
        })
        .collect();
    let mut per_system: Vec<Vec<M::Stats>> = (0..systems).map(|_| Vec::with_capacity(n)).collect();
    for chunk in chunks {
        for (k, st) in chunk.into_iter().enumerate() {
            per_system[k % systems].push(st);
        }
    }
    per_system
}

/// Scores all systems with one metric.
pub fn evaluate_with<M: Metric>(
    metric: &M,
    corpus: &Corpus,
    wrap: impl Fn(Vec<M::Stats>) -> SegmentStats,
) -> Vec<SystemResult> {
    let stats = block_stats(
        metric,
        corpus.len(),
        corpus.systems.len(),
        |i, buf| buf.extend(corpus.refs.iter().map(|r| r.lines[i].as_str())),
        |s, i| corpus.systems[s].lines[i].as_str(),
    );
    let signature = metric.signature(corpus.refs.len());
    corpus
        .systems
        .iter()
        .zip(stats)
        .map(|(sys, stats)| {
            // Summed in segment order: deterministic even for fractional statistics.
            let score = metric.score(&sum_stats(&stats));
            SystemResult {
                system: sys.stem(),
                metric: metric.name(),
                score,
                signature: signature.clone(),
                stats: wrap(stats),
            }
        })
        .collect()
}

fn sentence_scores_with<M: Metric>(metric: &M, stats: &[M::Stats]) -> Vec<f64> {
    stats
        .par_iter()
        .map(|s| metric.sentence_score(s).score)
        .collect()
}
