//! # mteval
//!
//! Translation-quality evaluation: BLEU, chrF, chrF++ and TER with scores and signatures
//! identical to sacreBLEU 2.6.0, computed from mergeable per-segment statistics.
//!
//! Data flows one way:
//!
//! ```text
//! argv -cli-> Config -corpus-> Corpus -eval (per segment)-> Vec<Stats> per (system, metric)
//!   -sum-> Score + Signature -> Report -writer(text|json|csv|markdown)-> output
//! ```
//!
//! Only [`report`] writes files; only the binary prints errors or exits.
#![deny(missing_docs)]

pub mod cli;
pub mod config;
pub mod corpus;
pub mod error;
pub mod eval;
pub mod metrics;
pub mod report;
pub mod significance;
pub mod text;
pub mod tokenize;

use std::process::ExitCode;

pub use error::{Error, ErrorKind, Result};

use config::{Config, ScoreConfig};
use corpus::{Corpus, TextFile};
use report::{ResultRow, ScoreReport, SegmentRow};

/// Runs a validated command; returns the process exit code on success.
pub fn run(config: Config) -> Result<ExitCode> {
    match config {
        Config::Score(c) => {
            with_threads(c.threads, || score(&c))?;
            Ok(ExitCode::SUCCESS)
        }
    }
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

/// Reads every file named by `c`, checks alignment, and returns the report.
pub fn compute_score_report(c: &ScoreConfig) -> Result<ScoreReport> {
    let read = |paths: &[std::path::PathBuf]| -> Result<Vec<TextFile>> {
        paths.iter().map(|p| TextFile::read(p)).collect()
    };
    let corpus = Corpus::new(read(&c.refs)?, read(&c.systems)?)?;
    let nrefs = corpus.refs.len();
    let mut results = Vec::new();
    let mut segments = Vec::new();
    // Systems outer, metrics inner, as a reader scans a report.
    let per_metric: Vec<_> = c.metrics.iter().map(|m| (m, m.evaluate(&corpus))).collect();
    for si in 0..corpus.systems.len() {
        for (metric, systems) in &per_metric {
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
            results.push(ResultRow {
                system: r.system.clone(),
                metric: r.metric.clone(),
                score: r.score.score,
                signature: r.signature.format(),
                sentence_signature,
                details: r.score.details.clone(),
            });
        }
    }
    Ok(ScoreReport {
        results,
        segments: c.sentence_level.then_some(segments),
    })
}

fn score(c: &ScoreConfig) -> Result<()> {
    let report = compute_score_report(c)?;
    let rendered = report::render(&report, c.format, c.render)?;
    report::write_output(&c.output, &rendered)
}
