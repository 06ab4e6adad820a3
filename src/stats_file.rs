//! Sufficient-statistics files: `mteval score --emit-stats FILE` and `mteval merge`.
//!
//! A statistics file is JSON lines, one self-contained record per system × metric of a
//! shard, so shard files can be concatenated, moved and merged in any batch system:
//!
//! ```json
//! {"mteval_stats":2,"metric":"BLEU","signature":"nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:mteval-0.1.0","system":"sysA","segments":3000,"shard":{"index":7,"count":12},"digest":"9f…","kind":"bleu","sum":{"hyp_len":…,"ref_len":…,"matches":[…],"totals":[…]}}
//! {"mteval_stats":2,"metric":"chrF2","signature":"…","system":"sysA","segments":3000,"digest":"9f…","kind":"chrf","sum":[[hyp,ref,match],…]}
//! {"mteval_stats":2,"metric":"TER","signature":"…","system":"sysA","segments":3000,"digest":"9f…","kind":"ter","sum":{"edits":…,"ref_len":…},"per_segment":[…]}
//! ```
//!
//! - `mteval_stats`: the schema version ([`SCHEMA_VERSION`]); `merge` refuses others.
//! - `metric`, `signature`: sacreBLEU's metric name and the full corpus signature; records
//!   are merged only with records of the same metric and signature.
//! - `system`, `segments`: the system name and how many segments this shard scored.
//! - `shard` (with `score --shard K/N`): this shard's place, `index` counting from 0, of
//!   `count` shards. Merge puts shards in index order and requires every index once.
//! - `digest`: SHA-256 (first 128 bits, hex) of the shard's reference lines and this
//!   system's lines; the same content given twice is a repeated shard.
//! - `kind` + `sum`: the summed statistics of the shard (BLEU: lengths, matches and totals
//!   per order; chrF: `[hyp, ref, match]` per order; TER: edits and reference length).
//! - `per_segment` (optional): every segment's statistics, in order. Written for TER with
//!   several references, whose average reference lengths are fractional: floating-point
//!   sums depend on grouping, so merge re-adds those one segment at a time, in shard order.
//!   Every other statistic is a whole number, and merged sums are exact in any grouping.
//!
//! Merging adds the records of each (metric, signature, system) in shard order (the
//! `shard` index, else the order the files are given) and scores the total exactly as a
//! single pass would. Before adding, every record is checked: the signature must rebuild
//! a metric with options in their documented ranges, and the statistics must be
//! possible (clipped matches ≤ n-grams ≤ tokens, as many chrF orders as the signature
//! says, finite non-negative TER statistics, no sum beyond 2^64).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{display_path, Error, ErrorKind, Result};
use crate::registry::AnyMetric;
pub use crate::registry::RecordStats;
use crate::report::{ResultRow, ScoreReport};

/// The schema version written in every record's `mteval_stats` field.
pub const SCHEMA_VERSION: u32 = 2;

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
    /// This shard's place among all shards, if the scorer was told (`--shard K/N`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<Shard>,
    /// The shard's content digest (see the module docs).
    pub digest: String,
    /// The statistics.
    #[serde(flatten)]
    pub stats: RecordStats,
}

/// A shard's place: `index` (from 0) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shard {
    /// Counts from 0.
    pub index: usize,
    /// How many shards the corpus was split into.
    pub count: usize,
}

impl std::str::FromStr for Shard {
    type Err = String;
    /// Reads `K/N` (K from 0 to N-1, as `split -d` suffixes, Slurm array ids from 0 and
    /// Spark partition indices count).
    fn from_str(s: &str) -> std::result::Result<Shard, String> {
        let bad =
            || format!("invalid --shard '{s}': expected K/N with 0 <= K < N (K counts from 0)");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: usize = k.trim().parse().map_err(|_| bad())?;
        let count: usize = n.trim().parse().map_err(|_| bad())?;
        if count == 0 || index >= count || count > MAX_SHARDS {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

/// The most shards a corpus may be split into (and merged from).
pub const MAX_SHARDS: usize = 1_000_000;

/// The content digest of a record: SHA-256 over the file digests of the references and
/// the system, first 128 bits in hex.
pub fn digest(refs: &[[u8; 32]], system: &[u8; 32]) -> String {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    for r in refs {
        h.update(r);
    }
    h.update(system);
    h.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Where a record comes from: the shard's place, if known, and its content digest.
#[derive(Debug, Clone)]
pub struct Origin {
    /// `--shard K/N`.
    pub shard: Option<Shard>,
    /// [`digest`] of the references and this system.
    pub digest: String,
}

/// The record of one system under one metric.
pub fn record(
    metric: &AnyMetric,
    signature: &str,
    system: &str,
    segments: usize,
    origin: Origin,
    stats: RecordStats,
) -> Record {
    Record {
        mteval_stats: SCHEMA_VERSION,
        metric: metric.name(),
        signature: signature.to_string(),
        system: system.to_string(),
        segments,
        shard: origin.shard,
        digest: origin.digest,
        stats,
    }
}

/// Records as JSON lines, the `--emit-stats` file.
pub fn to_text(records: &[Record]) -> String {
    let mut text = String::new();
    for r in records {
        text.push_str(&serde_json::to_string(r).expect("records serialise"));
        text.push('\n');
    }
    text
}

fn bad(path: &Path, line: usize, msg: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorKind::BadInput,
        format!("{}:{line}: {msg}", display_path(path)),
    )
}

/// One record read from a file, with where it was read.
struct Read {
    record: Record,
    metric: AnyMetric,
    path: PathBuf,
    line: usize,
    /// Which file argument (0-based) it came from: a file may be given twice.
    arg: usize,
}

impl Read {
    fn at(&self) -> String {
        format!("{}:{}", display_path(&self.path), self.line)
    }

    /// [`Read::at`] with the argument's place, for messages about repeats.
    fn at_arg(&self) -> String {
        format!("{} (file {} given)", self.at(), self.arg + 1)
    }
}

/// Rebuilds the metric of a record's signature, refusing options outside their
/// documented ranges (a chrF order of 10^10 would loop for minutes).
fn metric_of(r: &Record) -> std::result::Result<AnyMetric, String> {
    AnyMetric::from_signature(&r.metric, &r.signature)
}

/// Reads every record of `files` (path, text), checking each on its own (schema,
/// signature, values).
fn read_all(files: &[(PathBuf, String)]) -> Result<Vec<Read>> {
    let mut out = Vec::new();
    for (arg, (path, text)) in files.iter().enumerate() {
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let value: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| bad(path, i + 1, format!("not a statistics record ({e})")))?;
            let version = value.get("mteval_stats").and_then(|v| v.as_u64());
            if version != Some(SCHEMA_VERSION as u64) {
                return Err(bad(
                    path,
                    i + 1,
                    format!(
                        "statistics schema version {} is not supported (expected {SCHEMA_VERSION}; re-run `mteval score --emit-stats` with this mteval)",
                        value.get("mteval_stats").map_or("missing".to_string(), |v| v.to_string())
                    ),
                ));
            }
            let record: Record = serde_json::from_value(value)
                .map_err(|e| bad(path, i + 1, format!("not a statistics record ({e})")))?;
            if record.segments == 0 {
                return Err(bad(path, i + 1, "a shard of 0 segments cannot be scored"));
            }
            let metric = metric_of(&record).map_err(|m| bad(path, i + 1, m))?;
            metric
                .check_record(
                    &record.stats,
                    record.segments,
                    crate::metrics::signature::nrefs_of(&record.signature),
                )
                .map_err(|m| bad(path, i + 1, m))?;
            out.push(Read {
                record,
                metric,
                path: path.clone(),
                line: i + 1,
                arg,
            });
        }
    }
    if out.is_empty() {
        return Err(Error::new(
            ErrorKind::BadInput,
            "no statistics records in the given files",
        ));
    }
    Ok(out)
}

/// Puts each (metric, signature, system)'s records in shard order, refusing repeated,
/// missing and mixed shards.
fn order_shards(reads: &mut [Read]) -> Result<()> {
    let key = |r: &Read| {
        (
            r.record.metric.clone(),
            r.record.signature.clone(),
            r.record.system.clone(),
        )
    };
    let with = reads.iter().filter(|r| r.record.shard.is_some()).count();
    if with != 0 && with != reads.len() {
        let a = reads
            .iter()
            .find(|r| r.record.shard.is_some())
            .expect("some");
        let b = reads
            .iter()
            .find(|r| r.record.shard.is_none())
            .expect("some");
        return Err(Error::new(
            ErrorKind::BadInput,
            format!(
                "{} says which shard it is (--shard) but {} does not; score every shard with --shard K/N, or none",
                a.at(),
                b.at()
            ),
        ));
    }
    if with == 0 {
        // Given order is shard order; the same content twice is a repeated shard.
        let mut seen: std::collections::HashMap<(String, String, String, String), usize> =
            Default::default();
        for (i, r) in reads.iter().enumerate() {
            let (m, s, y) = key(r);
            if let Some(&j) = seen.get(&(m.clone(), s.clone(), y.clone(), r.record.digest.clone()))
            {
                return Err(Error::new(
                    ErrorKind::BadInput,
                    format!(
                        "{} repeats the shard of {} ({} of '{}', same content digest); if these are different shards with identical lines, score them with --shard K/N",
                        r.at_arg(),
                        reads[j].at_arg(),
                        r.record.metric,
                        r.record.system
                    ),
                ));
            }
            seen.insert((m, s, y, r.record.digest.clone()), i);
        }
        return Ok(());
    }
    // Stable: records of one key keep their relative order, sorted by shard index.
    reads.sort_by_key(|r| r.record.shard.map(|s| s.index).unwrap_or(0));
    let mut groups: Vec<((String, String, String), Vec<usize>)> = Vec::new();
    for (i, r) in reads.iter().enumerate() {
        let k = key(r);
        match groups.iter_mut().find(|(g, _)| *g == k) {
            Some((_, v)) => v.push(i),
            None => groups.push((k, vec![i])),
        }
    }
    let count = reads[0].record.shard.expect("all have shards").count;
    for ((metric, _, system), idx) in &groups {
        let mut expect = 0usize;
        for &i in idx {
            let s = reads[i].record.shard.expect("all have shards");
            if s.count != count {
                return Err(Error::new(
                    ErrorKind::BadInput,
                    format!(
                        "{} is shard {}/{} but {} is one of {count} shards",
                        reads[i].at(),
                        s.index,
                        s.count,
                        reads[0].at()
                    ),
                ));
            }
            if s.index < expect {
                let first = idx
                    .iter()
                    .find(|&&j| reads[j].record.shard.map(|x| x.index) == Some(s.index))
                    .expect("an earlier one");
                return Err(Error::new(
                    ErrorKind::BadInput,
                    format!(
                        "{} repeats shard {}/{count} of {metric} for '{system}' (first at {})",
                        reads[i].at_arg(),
                        s.index,
                        reads[*first].at_arg()
                    ),
                ));
            }
            if s.index > expect {
                return Err(Error::new(
                    ErrorKind::BadInput,
                    format!(
                        "shard {expect}/{count} of {metric} for '{system}' is missing (the files given hold shards up to {})",
                        s.index
                    ),
                ));
            }
            expect += 1;
        }
        if expect != count {
            return Err(Error::new(
                ErrorKind::BadInput,
                format!(
                    "shard {expect}/{count} of {metric} for '{system}' is missing (the files given stop at shard {})",
                    expect - 1
                ),
            ));
        }
    }
    Ok(())
}

/// One merged (metric, signature, system).
struct Merged {
    metric: String,
    signature: String,
    system: String,
    segments: usize,
    any: AnyMetric,
    stats: RecordStats,
}

/// Reads statistics files and scores their merged statistics (see the module docs).
pub fn merge(paths: &[PathBuf]) -> Result<ScoreReport> {
    let files = paths
        .iter()
        .map(|p| Ok((p.clone(), crate::encoding::read_text(p)?)))
        .collect::<Result<Vec<_>>>()?;
    merge_texts(&files)
}

/// [`merge`] on files already read: `(path, text)` in the order given.
pub fn merge_texts(files: &[(PathBuf, String)]) -> Result<ScoreReport> {
    let mut reads = read_all(files)?;
    // One signature per metric across all shards.
    let mut first_of: Vec<&Read> = Vec::new();
    for r in &reads {
        match first_of.iter().find(|f| f.record.metric == r.record.metric) {
            Some(first) if first.record.signature != r.record.signature => {
                return Err(bad(
                    &r.path,
                    r.line,
                    format!(
                        "{} was computed with signature {} here but {} at {}; shards must use the same options and references",
                        r.record.metric,
                        r.record.signature,
                        first.record.signature,
                        first.at()
                    ),
                ));
            }
            Some(_) => {}
            None => first_of.push(r),
        }
    }
    order_shards(&mut reads)?;
    let mut merged: Vec<Merged> = Vec::new();
    for r in &reads {
        let slot = merged.iter_mut().position(|m| {
            m.metric == r.record.metric
                && m.signature == r.record.signature
                && m.system == r.record.system
        });
        let slot = match slot {
            Some(i) => &mut merged[i],
            None => {
                merged.push(Merged {
                    metric: r.record.metric.clone(),
                    signature: r.record.signature.clone(),
                    system: r.record.system.clone(),
                    segments: 0,
                    any: r.metric.clone(),
                    stats: r.metric.empty_record(),
                });
                merged.last_mut().expect("just pushed")
            }
        };
        slot.stats.checked_add(&r.record.stats).ok_or_else(|| {
            bad(
                &r.path,
                r.line,
                "the merged statistics overflow (counts beyond 2^64 or TER sums beyond the finite range)",
            )
        })?;
        slot.segments = slot
            .segments
            .checked_add(r.record.segments)
            .ok_or_else(|| bad(&r.path, r.line, "the merged segment count overflows"))?;
    }
    // Every system must have scored the same segments under every metric.
    let segments = merged[0].segments;
    if let Some(m) = merged.iter().find(|m| m.segments != segments) {
        return Err(Error::new(
            ErrorKind::LengthMismatch,
            format!(
                "segment counts differ: {} under {} has {} but {} under {} has {} (a shard is missing or repeated)",
                merged[0].system,
                merged[0].metric,
                crate::error::count(segments, "segment"),
                m.system,
                m.metric,
                crate::error::count(m.segments, "segment")
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
                        format!("no {metric} statistics for system '{system}' (systems must be named the same in every shard: -i NAME=PATH)"),
                    )
                })?;
            let score = m.any.score_record(&m.stats).ok_or_else(|| {
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
                estimate: Default::default(),
                p_value: None,
                significant: None,
                details: score.details,
            });
        }
    }
    Ok(ScoreReport {
        results,
        segments: None,
    })
}
