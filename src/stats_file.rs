//! Sufficient-statistics files: `mteval score --emit-stats FILE` and `mteval merge`.
//!
//! A statistics file is JSON lines, one self-contained record per system × metric of a
//! shard, so shard files can be concatenated, moved and merged in any batch system:
//!
//! ```json
//! {"mteval_stats":1,"metric":"BLEU","signature":"nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:mteval-0.1.0","system":"sysA","segments":3000,"kind":"bleu","sum":{"hyp_len":…,"ref_len":…,"matches":[…],"totals":[…]}}
//! {"mteval_stats":1,"metric":"chrF2","signature":"…","system":"sysA","segments":3000,"kind":"chrf","sum":[[hyp,ref,match],…]}
//! {"mteval_stats":1,"metric":"TER","signature":"…","system":"sysA","segments":3000,"kind":"ter","sum":{"edits":…,"ref_len":…},"per_segment":[…]}
//! ```
//!
//! - `mteval_stats`: the schema version ([`SCHEMA_VERSION`]); `merge` refuses others.
//! - `metric`, `signature`: sacreBLEU's metric name and the full corpus signature; records
//!   are merged only with records of the same metric and signature.
//! - `system`, `segments`: the system name and how many segments this shard scored.
//! - `kind` + `sum`: the summed statistics of the shard (BLEU: lengths, matches and totals
//!   per order; chrF: `[hyp, ref, match]` per order; TER: edits and reference length).
//! - `per_segment` (optional): every segment's statistics, in order. Written for TER with
//!   several references, whose average reference lengths are fractional: floating-point
//!   sums depend on grouping, so merge re-adds those one segment at a time, in shard order.
//!   Every other statistic is a whole number, and merged sums are exact in any grouping.
//!
//! Merging adds the records of each (metric, signature, system) in the order the files
//! are given (shard order) and scores the total exactly as a single pass would.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{display_path, Error, ErrorKind, Result};
use crate::eval::AnyMetric;
use crate::metrics::bleu::BleuStats;
use crate::metrics::chrf::ChrfStats;
use crate::metrics::ter::TerStats;
use crate::metrics::{Metric, Score};
use crate::report::{ResultRow, ScoreReport};
use crate::stream::Acc;

/// The schema version written in every record's `mteval_stats` field.
pub const SCHEMA_VERSION: u32 = 1;

/// One line of a statistics file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Schema version.
    pub mteval_stats: u32,
    /// sacreBLEU's metric name.
    pub metric: String,
    /// The corpus signature.
    pub signature: String,
    /// The system name.
    pub system: String,
    /// Segments in this shard.
    pub segments: usize,
    /// The statistics.
    #[serde(flatten)]
    pub stats: RecordStats,
}

/// Summed (and optionally per-segment) statistics of one record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum RecordStats {
    /// BLEU.
    Bleu {
        /// Summed statistics.
        sum: BleuStats,
        /// Per-segment statistics, in order, if written.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        per_segment: Option<Vec<BleuStats>>,
    },
    /// chrF / chrF++.
    Chrf {
        /// Summed statistics.
        sum: ChrfStats,
        /// Per-segment statistics, in order, if written.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        per_segment: Option<Vec<ChrfStats>>,
    },
    /// TER.
    Ter {
        /// Summed statistics.
        sum: TerStats,
        /// Per-segment statistics, in order, if written.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        per_segment: Option<Vec<TerStats>>,
    },
}

/// Whether exact merging needs per-segment statistics: only TER with several references
/// has fractional statistics.
pub fn needs_segments(metric: &AnyMetric, nrefs: usize) -> bool {
    matches!(metric, AnyMetric::Ter(_)) && nrefs > 1
}

/// The record of one system under one metric.
pub fn record(
    metric: &AnyMetric,
    signature: &str,
    system: &str,
    segments: usize,
    acc: &Acc,
    with_segments: bool,
) -> Record {
    let stats = match acc {
        Acc::Bleu(s, k) => RecordStats::Bleu {
            sum: s.clone(),
            per_segment: k.clone().filter(|_| with_segments),
        },
        Acc::Chrf(s, k) => RecordStats::Chrf {
            sum: s.clone(),
            per_segment: k.clone().filter(|_| with_segments),
        },
        Acc::Ter(s, k) => RecordStats::Ter {
            sum: s.clone(),
            per_segment: k.clone().filter(|_| with_segments),
        },
    };
    Record {
        mteval_stats: SCHEMA_VERSION,
        metric: metric.name(),
        signature: signature.to_string(),
        system: system.to_string(),
        segments,
        stats,
    }
}

/// Writes records as JSON lines (atomically, like every report).
pub fn write(path: &Path, records: &[Record]) -> Result<()> {
    let mut text = String::new();
    for r in records {
        text.push_str(&serde_json::to_string(r).expect("records serialise"));
        text.push('\n');
    }
    crate::report::write_output(path, &text)
}

/// One merged (metric, signature, system).
struct Merged {
    metric: String,
    signature: String,
    system: String,
    segments: usize,
    stats: RecordStats,
}

fn add(total: &mut RecordStats, r: &RecordStats) -> bool {
    fn add_one<S: crate::metrics::Stats>(sum: &mut S, s: &S, per: &Option<Vec<S>>) {
        match per {
            // Segment by segment: the same additions, in the same order, as one pass.
            Some(v) => v.iter().for_each(|x| *sum += x),
            None => *sum += s,
        }
    }
    match (total, r) {
        (
            RecordStats::Bleu { sum, .. },
            RecordStats::Bleu {
                sum: s,
                per_segment,
            },
        ) => add_one(sum, s, per_segment),
        (
            RecordStats::Chrf { sum, .. },
            RecordStats::Chrf {
                sum: s,
                per_segment,
            },
        ) => add_one(sum, s, per_segment),
        (
            RecordStats::Ter { sum, .. },
            RecordStats::Ter {
                sum: s,
                per_segment,
            },
        ) => add_one(sum, s, per_segment),
        _ => return false,
    }
    true
}

fn empty_like(r: &RecordStats) -> RecordStats {
    match r {
        RecordStats::Bleu { .. } => RecordStats::Bleu {
            sum: Default::default(),
            per_segment: None,
        },
        RecordStats::Chrf { .. } => RecordStats::Chrf {
            sum: Default::default(),
            per_segment: None,
        },
        RecordStats::Ter { .. } => RecordStats::Ter {
            sum: Default::default(),
            per_segment: None,
        },
    }
}

fn bad(path: &Path, line: usize, msg: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorKind::BadInput,
        format!("{}:{line}: {msg}", display_path(path)),
    )
}

/// Reads statistics files (in shard order) and scores their merged statistics.
pub fn merge(paths: &[PathBuf]) -> Result<ScoreReport> {
    let mut merged: Vec<Merged> = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let r: Record = serde_json::from_str(line)
                .map_err(|e| bad(path, i + 1, format!("not a statistics record ({e})")))?;
            if r.mteval_stats != SCHEMA_VERSION {
                return Err(bad(
                    path,
                    i + 1,
                    format!(
                        "statistics schema version {} is not supported (expected {SCHEMA_VERSION})",
                        r.mteval_stats
                    ),
                ));
            }
            if let Some(other) = merged
                .iter()
                .find(|m| m.metric == r.metric && m.signature != r.signature)
            {
                return Err(bad(
                    path,
                    i + 1,
                    format!(
                        "{} was computed with signature {} here but {} in an earlier shard; shards must use the same options and references",
                        r.metric, r.signature, other.signature
                    ),
                ));
            }
            let slot = merged.iter_mut().find(|m| {
                m.metric == r.metric && m.signature == r.signature && m.system == r.system
            });
            let slot = match slot {
                Some(s) => s,
                None => {
                    merged.push(Merged {
                        metric: r.metric.clone(),
                        signature: r.signature.clone(),
                        system: r.system.clone(),
                        segments: 0,
                        stats: empty_like(&r.stats),
                    });
                    merged.last_mut().expect("just pushed")
                }
            };
            if !add(&mut slot.stats, &r.stats) {
                return Err(bad(
                    path,
                    i + 1,
                    "statistics kind does not match the metric",
                ));
            }
            slot.segments += r.segments;
        }
    }
    if merged.is_empty() {
        return Err(Error::new(
            ErrorKind::BadInput,
            "no statistics records in the given files",
        ));
    }
    // Every system must have scored the same segments under every metric.
    let segments = merged[0].segments;
    if let Some(m) = merged.iter().find(|m| m.segments != segments) {
        return Err(Error::new(
            ErrorKind::LengthMismatch,
            format!(
                "segment counts differ: {} under {} has {} segments but {} under {} has {} (a shard is missing or repeated)",
                merged[0].system, merged[0].metric, segments, m.system, m.metric, m.segments
            ),
        ));
    }
    let mut systems: Vec<&str> = Vec::new();
    let mut metrics: Vec<(&str, &str)> = Vec::new();
    for m in &merged {
        if !systems.contains(&m.system.as_str()) {
            systems.push(&m.system);
        }
        if !metrics.contains(&(m.metric.as_str(), m.signature.as_str())) {
            metrics.push((&m.metric, &m.signature));
        }
    }
    let mut results = Vec::new();
    // Systems outer, metrics inner, as `mteval score` reports.
    for system in &systems {
        for (metric, signature) in &metrics {
            let m = merged
                .iter()
                .find(|m| m.system == *system && m.metric == *metric && m.signature == *signature)
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::BadInput,
                        format!("no {metric} statistics for system '{system}'"),
                    )
                })?;
            let any = AnyMetric::from_signature(metric, signature).ok_or_else(|| {
                Error::new(
                    ErrorKind::BadInput,
                    format!("cannot rebuild {metric} from signature {signature}"),
                )
            })?;
            let score = score_of(&any, &m.stats).ok_or_else(|| {
                Error::new(
                    ErrorKind::BadInput,
                    format!("{metric} statistics of the wrong kind"),
                )
            })?;
            results.push(ResultRow {
                system: system.to_string(),
                metric: metric.to_string(),
                score: score.score,
                signature: signature.to_string(),
                sentence_signature: None,
                mean: None,
                ci: None,
                ci_low: None,
                ci_high: None,
                p_value: None,
                details: score.details,
            });
        }
    }
    Ok(ScoreReport {
        results,
        segments: None,
    })
}

fn score_of(metric: &AnyMetric, stats: &RecordStats) -> Option<Score> {
    Some(match (metric, stats) {
        (AnyMetric::Bleu(m), RecordStats::Bleu { sum, .. }) => m.score(sum),
        (AnyMetric::Chrf(m), RecordStats::Chrf { sum, .. }) => m.score(sum),
        (AnyMetric::Ter(m), RecordStats::Ter { sum, .. }) => m.score(sum),
        _ => return None,
    })
}
