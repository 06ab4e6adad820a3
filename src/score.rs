//! `mteval score`: streams the files of a [`ScoreConfig`], scores every system with
//! every metric, adds sentence scores and significance, and writes the report (and the
//! `--emit-stats` records) in one step.

use crate::config::{self, ScoreConfig};
use crate::error::{self, Error, Result};
use crate::report::{self, ResultRow, ScoreReport, SegmentRow};
use crate::{eval, metrics, significance, stats_file, stream};

/// Streams the files named by `c` (checking alignment) and returns the report and, with
/// `--emit-stats`, the statistics records to write.
///
/// Files are read a block at a time and statistics are summed as they go
/// ([`stream::stream`]); per-segment statistics are kept only for `--sentence-level` and
/// significance tests, so a corpus-level score needs memory independent of corpus size.
pub fn compute_score_report(c: &ScoreConfig) -> Result<(ScoreReport, Vec<stats_file::Record>)> {
    let nrefs = c.refs.len();
    let keep_all = c.sentence_level || c.significance.is_some();
    let emit_segments =
        |i: usize| c.emit_stats.is_some() && stats_file::needs_segments(&c.metrics[i], nrefs);
    let mut streamed = stream::stream(
        &c.metrics,
        &c.refs,
        &c.systems,
        &c.system_names,
        c.emit_stats.is_some(),
        |i| keep_all || emit_segments(i),
    )?;
    if let Some(s) = &c.significance {
        let n = s.confidence.unwrap_or(0).max(s.paired.map_or(0, |p| p.1));
        config::limits::check_resampling(n, streamed.segments)?;
        let bootstrap = s.confidence.or(match s.paired {
            Some((significance::PairedTest::Bs, b)) => Some(b),
            _ => None,
        });
        if let Some(b) = bootstrap {
            if let Some(w) =
                significance::bootstrap_sample_check(streamed.segments, b).map_err(Error::config)?
            {
                error::stderr_line(&format!("warning: {w}"));
            }
        }
    }
    let mut results = Vec::new();
    let mut segments = Vec::new();
    let mut records = Vec::new();
    let per_metric: Vec<_> = c
        .metrics
        .iter()
        .zip(streamed.acc.iter_mut())
        .enumerate()
        .map(|(mi, (m, accs))| {
            let signature = m.signature_of(&format!("nrefs:{nrefs}"));
            let systems: Vec<eval::SystemResult> = accs
                .iter_mut()
                .zip(&streamed.systems)
                .enumerate()
                .map(|(si, (acc, name))| {
                    if c.emit_stats.is_some() {
                        let digests = streamed.digests.as_deref().unwrap_or_default();
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
                            acc,
                            emit_segments(mi),
                        ));
                    }
                    let score = stream::score(m, acc);
                    let stats = if keep_all {
                        acc.take_segments()
                            .unwrap_or_else(|| stream::empty_stats(m))
                    } else {
                        stream::empty_stats(m)
                    };
                    eval::SystemResult {
                        system: name.clone(),
                        metric: m.name(),
                        score,
                        signature: signature.clone(),
                        stats,
                    }
                })
                .collect();
            let sig = c.significance.as_ref().map(|s| resample(m, &systems, s));
            (m, systems, sig)
        })
        .collect();
    // Systems outer, metrics inner, as a reader scans a report.
    for si in 0..streamed.systems.len() {
        for (metric, systems, sig) in &per_metric {
            let r = &systems[si];
            let mut sentence_signature = None;
            if c.sentence_level {
                let sig = metric.sentence_signature(nrefs);
                if sig != r.signature {
                    sentence_signature = Some(sig.format());
                }
                for (index, score) in metric.sentence_scores(&r.stats).into_iter().enumerate() {
                    segments.push(SegmentRow {
                        system: r.system.clone(),
                        metric: r.metric.clone(),
                        index,
                        score,
                    });
                }
            }
            let (signature, s) = match sig {
                Some((signature, rows)) => (signature.format(), rows[si].clone()),
                None => (r.signature.format(), Resampled::default()),
            };
            results.push(ResultRow {
                system: r.system.clone(),
                metric: r.metric.clone(),
                score: r.score.score,
                signature,
                sentence_signature,
                mean: s.mean,
                ci: s.ci,
                ci_low: s.ci_low,
                ci_high: s.ci_high,
                p_value: s.p_value,
                significant: s
                    .p_value
                    .flatten()
                    .map(|p| p <= significance::SACREBLEU_ALPHA),
                details: r.score.details.clone(),
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

/// Resampling results of one system under one metric.
#[derive(Debug, Clone, Default)]
struct Resampled {
    mean: Option<f64>,
    ci: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    /// `Some(None)` for the baseline of a paired test.
    p_value: Option<Option<f64>>,
}

/// Confidence intervals and paired tests for every system under one metric, with the
/// signature recording the test, its sample count and seed (sacreBLEU's `bs:`/`ar:`).
fn resample(
    metric: &eval::AnyMetric,
    systems: &[eval::SystemResult],
    s: &config::ScoreSignificance,
) -> (metrics::Signature, Vec<Resampled>) {
    use significance::{bootstrap_ci_any, paired_any, PairedConfig, PairedTest};
    let from = |r: &significance::SigResult, p: Option<Option<f64>>| Resampled {
        mean: r.mean,
        ci: r.ci,
        ci_low: r.ci_low,
        ci_high: r.ci_high,
        p_value: p,
    };
    let mut rows: Vec<Resampled> = vec![Resampled::default(); systems.len()];
    let base_sig = systems[0].signature.clone();
    let mut signature = base_sig.clone();
    if let Some(n) = s.confidence {
        for (row, r) in rows.iter_mut().zip(systems) {
            if let Some(ci) = bootstrap_ci_any(metric, &r.stats, n, s.seed) {
                *row = from(&ci, None);
            }
        }
        signature = base_sig.clone().with_resampling("bs", n, s.seed);
    }
    if let Some((test, n)) = s.paired {
        let cfg = PairedConfig {
            n_samples: n,
            seed: s.seed,
            sacrebleu_p: s.sacrebleu_p,
        };
        let others: Vec<&eval::SegmentStats> = systems[1..].iter().map(|r| &r.stats).collect();
        if let Some(out) = paired_any(test, metric, &systems[0].stats, &others, &cfg) {
            let results = std::iter::once(&out.baseline).chain(&out.systems);
            for (i, (row, r)) in rows.iter_mut().zip(results).enumerate() {
                let p = if i == 0 { Some(None) } else { Some(r.p_value) };
                if test == PairedTest::Bs {
                    // Paired bootstrap reports each system's mean and CI from the same resamples.
                    *row = from(r, p);
                } else {
                    row.p_value = p;
                }
            }
        }
        signature = match test {
            PairedTest::Bs => base_sig.with_resampling("bs", n, s.seed),
            PairedTest::Ar => base_sig.with_resampling("ar", n, s.seed),
        };
    }
    (signature, rows)
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
