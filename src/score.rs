//! `mteval score`: streams the files of a [`ScoreConfig`], scores every system with
//! every metric, adds sentence scores and significance, and writes the report (and the
//! `--emit-stats` records) in one step.

use crate::annotate::{annotate, Tested};
use crate::config::{self, ScoreConfig};
use crate::error::{self, Error, Result};
use crate::report::{self, ResultRow, ScoreReport, SegmentRow};
use crate::{significance, stats_file, stream};

/// Streams the files named by `c` (checking alignment) and returns the report and, with
/// `--emit-stats`, the statistics records to write.
///
/// Files are read a block at a time and statistics are summed as they go
/// ([`stream::stream`]); per-segment statistics are kept only for `--sentence-level` and
/// significance tests, so a corpus-level score needs memory independent of corpus size.
pub fn compute_score_report(c: &ScoreConfig) -> Result<(ScoreReport, Vec<stats_file::Record>)> {
    let readers = stream::open_all(&c.refs, &c.systems)?;
    compute_score_report_from(c, readers)
}

/// [`compute_score_report`] over streams already open: `readers` holds one reader per
/// reference of `c.refs`, then one per system of `c.systems`, in that order (whose paths
/// name them in messages). `mteval sacrebleu` scores lines it has read itself (standard
/// input split on tabs, `-nr` references) this way.
pub fn compute_score_report_from(
    c: &ScoreConfig,
    readers: Vec<stream::LineReader>,
) -> Result<(ScoreReport, Vec<stats_file::Record>)> {
    let nrefs = c.refs.len();
    let keep_all = c.sentence_level || c.significance.is_some();
    let emit_segments =
        |i: usize| c.emit_stats.is_some() && c.metrics[i].merge_needs_segments(nrefs);
    let streamed = stream::stream_readers(
        &c.metrics,
        readers,
        &c.refs,
        &c.systems,
        &c.system_names,
        c.emit_stats.is_some(),
        |i| keep_all || emit_segments(i),
    )?;
    if let Some(r) = &c.significance {
        r.check_size(streamed.segments, config::limits::RESAMPLE_CELLS)
            .map_err(Error::config)?;
        if let Some(w) = r
            .check_bootstrap(streamed.segments)
            .map_err(Error::config)?
        {
            error::stderr_line(&format!("warning: {w}"));
        }
    }
    let mut records = Vec::new();
    let per_metric: Vec<_> = c
        .metrics
        .iter()
        .zip(&streamed.evaluations)
        .enumerate()
        .map(|(mi, (m, ev))| {
            let signature = m.signature(nrefs);
            if c.emit_stats.is_some() {
                let digests = streamed.digests.as_deref().unwrap_or_default();
                for (si, name) in streamed.systems.iter().enumerate() {
                    let origin = stats_file::Origin {
                        shard: c.shard,
                        digest: stats_file::digest(&digests[..nrefs], &digests[nrefs + si]),
                    };
                    records.push(stats_file::record(
                        m,
                        &signature.format(),
                        name,
                        streamed.segments,
                        origin,
                        ev.record_stats(si, emit_segments(mi)),
                    ));
                }
            }
            let tested = c
                .significance
                .as_ref()
                .map(|r| annotate(ev, r, 0, &signature));
            (m, ev, signature, tested)
        })
        .collect();
    let mut results = Vec::new();
    let mut segments = Vec::new();
    // Systems outer, metrics inner, as a reader scans a report.
    for (si, system) in streamed.systems.iter().enumerate() {
        for (metric, ev, corpus_signature, tested) in &per_metric {
            let mut sentence_signature = None;
            if c.sentence_level {
                let sig = metric.sentence_signature(nrefs);
                if sig != *corpus_signature {
                    sentence_signature = Some(sig.format());
                }
                for (index, score) in ev.sentence_score_details(si).into_iter().enumerate() {
                    segments.push(SegmentRow {
                        system: system.clone(),
                        metric: metric.name(),
                        index,
                        score: score.score,
                        details: Some(score.details),
                    });
                }
            }
            let (signature, t) = match tested {
                Some((signature, rows)) => (signature.format(), rows[si].clone()),
                None => (corpus_signature.format(), Tested::default()),
            };
            let score = ev.score(si);
            results.push(ResultRow {
                system: system.clone(),
                metric: metric.name(),
                score: score.score,
                signature,
                sentence_signature,
                estimate: t.estimate,
                p_value: t.p_value,
                significant: t
                    .p_value
                    .flatten()
                    .map(|p| p <= significance::SACREBLEU_ALPHA),
                details: score.details,
            });
        }
    }
    Ok((
        ScoreReport {
            results,
            segments: c.sentence_level.then_some(segments),
        },
        records,
    ))
}

/// Runs `mteval score` (see the module docs).
pub fn run(c: &ScoreConfig) -> Result<()> {
    let (report, records) = compute_score_report(c)?;
    let rendered = report::render(&report, c.format, c.render)?;
    match &c.emit_stats {
        // Both or neither: a failing -o leaves no statistics file behind.
        Some(path) => report::output::write_outputs(&[
            (path.as_path(), &stats_file::to_text(&records)),
            (c.output.as_path(), &rendered),
        ]),
        None => report::write_output(&c.output, &rendered),
    }
}
