//! # mteval
//!
//! Translation-quality evaluation: BLEU, chrF, chrF++ and TER with scores and signatures
//! identical to sacreBLEU 2.6.0, computed from mergeable per-segment statistics.
//!
//! Data flows one way:
//!
//! ```text
//! argv -cli-> Config -stream (blocks of lines)-> summed Stats per (system, metric)
//!   [+ per-segment Stats only for --sentence-level / significance]
//!   -> Score + Signature -> Report -writer(text|json|csv|markdown)-> output
//!   [-> --emit-stats JSON lines -merge-> the same Report]
//! ```
//!
//! `mteval run` reads whole test sets ([`corpus`]) and keeps per-segment statistics
//! ([`eval`]) because its reports store them for later significance tests.
//!
//! Only [`report`] writes files; only the binary prints errors or exits.
#![deny(missing_docs)]

pub mod cli;
pub mod config;
pub mod corpus;
pub mod encoding;
pub mod entities;
pub mod error;
pub mod eval;
pub mod fuzz;
pub mod gate;
pub mod manifest;
pub mod metrics;
pub mod naming;
pub mod pipeline;
pub mod plan;
pub mod report;
pub mod significance;
pub mod stats_file;
pub mod stream;
pub mod text;
pub mod tokenize;

use std::process::ExitCode;

pub use error::{Error, ErrorKind, Result};

use config::{Config, ScoreConfig};
use report::{ResultRow, ScoreReport, SegmentRow};

/// Runs a validated command; returns the process exit code on success.
pub fn run(config: Config) -> Result<ExitCode> {
    match config {
        Config::Score(c) => {
            let outputs: Vec<&std::path::Path> = std::iter::once(c.output.as_path())
                .chain(c.emit_stats.as_deref())
                .collect();
            let inputs: Vec<&std::path::Path> = c
                .refs
                .iter()
                .chain(&c.systems)
                .map(|p| p.as_path())
                .collect();
            report::output::refuse_inputs(&outputs, &inputs)?;
            with_threads(c.threads, || score(&c))?;
            Ok(ExitCode::SUCCESS)
        }
        Config::Entities(c) => {
            let o = &c.options;
            let inputs: Vec<&std::path::Path> = std::iter::once(o.source.as_path())
                .chain(o.hyps.iter().map(|p| p.as_path()))
                .chain(o.refs.iter().map(|p| p.as_path()))
                .chain(o.docids.as_deref())
                .chain(o.glossary.as_deref())
                .collect();
            report::output::refuse_inputs(&[c.output.as_path()], &inputs)?;
            let r = entities::check(&c.options)?;
            let text = match c.format {
                report::ReportFormat::Json => entities::render::to_json(&r),
                report::ReportFormat::Csv => entities::render::to_csv(&r),
                report::ReportFormat::Markdown => entities::render::to_markdown(&r),
                report::ReportFormat::Text => entities::render::to_text(&r),
            };
            report::write_output(&c.output, &text)?;
            Ok(ExitCode::SUCCESS)
        }
        Config::Run(c) => {
            let bar = Bar::new(c.quiet);
            // Every configuration error before any scoring: the plan is resolved first.
            let plan = plan::RunPlan::resolve(&c)?;
            let r = with_threads(c.threads, || pipeline::run(&plan, &bar))?;
            report::run_writers::write_run(&r, &c.out, plan.width)?;
            if !c.quiet {
                use std::io::Write;
                let _ = std::io::stderr()
                    .lock()
                    .write_all(run_summary(&r, &c.out).as_bytes());
            }
            Ok(if !r.gates_comparable() {
                ExitCode::from(2)
            } else if r.gates_passed() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Config::Compare(c) => compare(&c),
        Config::Merge(c) => {
            let inputs: Vec<&std::path::Path> = c.stats.iter().map(|p| p.as_path()).collect();
            report::output::refuse_inputs(&[c.output.as_path()], &inputs)?;
            let report = stats_file::merge(&c.stats)?;
            let rendered = report::render(&report, c.format, c.render)?;
            report::write_output(&c.output, &rendered)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// indicatif's progress bar on stderr, hidden when stderr is not a terminal (CI logs,
/// pipes) or with `--quiet`.
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new(quiet: bool) -> Bar {
        let bar = if quiet {
            indicatif::ProgressBar::hidden()
        } else {
            // `stderr()` draws nothing when stderr is not a terminal.
            indicatif::ProgressBar::with_draw_target(
                Some(0),
                indicatif::ProgressDrawTarget::stderr(),
            )
        };
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
            bar.set_style(style);
        }
        Bar(bar)
    }
}

impl pipeline::Progress for Bar {
    fn start(&self, steps: u64) {
        self.0.set_length(steps);
    }
    fn step(&self, what: &str) {
        self.0.set_message(what.to_string());
        self.0.inc(1);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

/// A short account of a run for stderr: files written and the gate verdict.
fn run_summary(r: &report::run::RunReport, out: &std::path::Path) -> String {
    let mut s = String::new();
    for t in &r.testsets {
        s.push_str(&format!(
            "{}: {} systems, {} segments\n",
            t.name,
            t.systems.len(),
            t.segments
        ));
    }
    s.push_str(&format!(
        "wrote {} to {}\n",
        report::run_writers::FILES.join(", "),
        error::display_path(out)
    ));
    if !r.gates.is_empty() {
        let failed = r.gates.iter().filter(|g| !g.passed).count();
        s.push_str(&if failed == 0 {
            format!("gates: all {} rules passed\n", r.gates.len())
        } else {
            format!(
                "gates: {failed} of {} rules FAILED (see summary.md)\n",
                r.gates.len()
            )
        });
    }
    s
}

/// `mteval compare`: every score of the baseline compared with the current report (see
/// [`gate::compare`]), printed verdict first; appends history; exits 0 (pass), 1 (a
/// significant regression) or 2 (not comparable).
fn compare(c: &config::CompareConfig) -> Result<ExitCode> {
    if let Some(h) = &c.history {
        report::output::refuse_inputs(
            &[h.as_path()],
            &[c.baseline.as_path(), c.current.as_path()],
        )?;
        gate::check_history(h)?;
    }
    let baseline = gate::read_report(&c.baseline)?;
    let current = gate::read_report(&c.current)?;
    // Every --max-drop key must name a metric of the reports.
    for key in c.policy.max_drop.keys().filter(|k| *k != "*") {
        let found = key.trim().eq_ignore_ascii_case(gate::ENTITY_KEY)
            || current.testsets.iter().any(|t| {
                t.systems
                    .iter()
                    .any(|s| s.scores.iter().any(|sc| gate::key_matches(key, &sc.metric)))
            });
        if !found {
            return Err(Error::config(format!(
                "--max-drop names '{key}', which {} does not score (use bleu, chrf, chrf++, ter, entities or a metric name of the report)",
                error::display_path(&c.current)
            )));
        }
    }
    let rows = gate::compare(&baseline, &current, &c.policy);
    if rows.iter().all(|g| g.rule == "new") {
        return Err(Error::config(format!(
            "{} and {} share no test set and system to compare",
            error::display_path(&c.baseline),
            error::display_path(&c.current)
        )));
    }
    let comparison = report::run::Comparison::new(rows, c.policy.alpha);
    let out = match c.format {
        report::ReportFormat::Json => {
            let mut s = serde_json::to_string_pretty(&comparison)
                .map_err(|e| Error::config(format!("cannot write JSON: {e}")))?;
            s.push('\n');
            s
        }
        report::ReportFormat::Csv => report::run_writers::comparison_csv(&comparison)?,
        _ => report::run_writers::comparison_markdown(&comparison),
    };
    report::write_output(std::path::Path::new("-"), &out)?;
    if let Some(h) = &c.history {
        gate::append_history(h, &comparison.rows, std::time::SystemTime::now())?;
    }
    Ok(match comparison.verdict.as_str() {
        "pass" => ExitCode::SUCCESS,
        "fail" => ExitCode::from(1),
        _ => ExitCode::from(2),
    })
}

/// Runs `f` on a pool of `threads` workers (the global pool when `None`).
fn with_threads<T: Send>(
    threads: Option<usize>,
    f: impl FnOnce() -> Result<T> + Send,
) -> Result<T> {
    match threads {
        None => f(),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| Error::config(format!("cannot start {n} threads: {e}")))?
            .install(f),
    }
}

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

fn score(c: &ScoreConfig) -> Result<()> {
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
