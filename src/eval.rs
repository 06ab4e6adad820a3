//! Scoring a corpus: every system × every metric, keeping per-segment statistics.
//!
//! References are prepared once per metric and shared by all systems. Segments are
//! scored in parallel with rayon, and collected in segment order, so the statistics (and
//! every sum over them) are the same whatever the thread count. The corpus score is the
//! metric's score of the summed statistics.

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
        let nrefs = formatted
            .split('|')
            .find_map(|kv| kv.strip_prefix("nrefs:"))
            .and_then(|n| n.parse().ok())
            .unwrap_or(1);
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

/// Segments per block: references are prepared for one block at a time and dropped
/// once every system has been scored on it, so memory for reference n-grams stays
/// bounded whatever the corpus size. Blocks are large enough to keep all cores busy.
const BLOCK: usize = 4096;

/// Scores all systems with one metric.
pub fn evaluate_with<M: Metric>(
    metric: &M,
    corpus: &Corpus,
    wrap: impl Fn(Vec<M::Stats>) -> SegmentStats,
) -> Vec<SystemResult> {
    let n = corpus.len();
    let mut stats: Vec<Vec<M::Stats>> = corpus
        .systems
        .iter()
        .map(|_| Vec::with_capacity(n))
        .collect();
    for start in (0..n).step_by(BLOCK) {
        let end = (start + BLOCK).min(n);
        let refs: Vec<M::RefInfo> = (start..end)
            .into_par_iter()
            .map(|i| metric.prepare_refs(&corpus.refs_of(i)))
            .collect();
        for (sys, out) in corpus.systems.iter().zip(stats.iter_mut()) {
            // Collected in segment order, so results do not depend on scheduling.
            let block: Vec<M::Stats> = sys.lines[start..end]
                .par_iter()
                .zip(refs.par_iter())
                .map(|(h, r)| metric.segment_stats(h, r))
                .collect();
            out.extend(block);
        }
    }
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
