//! # mteval
//!
//! Translation-quality evaluation: BLEU, chrF, chrF++ and TER with scores and signatures
//! identical to sacreBLEU 2.6.0, computed from mergeable per-segment statistics.
//!
//! Data flows one way:
//!
//! ```text
//! argv -cli-> Config -plan-> (every configuration error raised here)
//!   -> lines (stream: blocks of files | corpus: whole test sets)
//!   -> eval: per-segment statistics -> registry::Evaluation (per metric, every system)
//!   -> annotate: intervals and paired tests -> gate: verdicts
//!   -> report model -> writer (text | json | csv | markdown) -> output
//!   [-> --emit-stats JSON lines -merge-> the same report]
//! ```
//!
//! `mteval score` is [`score`] (files streamed a block at a time, [`stream`]); `mteval
//! run` resolves a [`plan`], which [`pipeline`] executes on whole test sets ([`corpus`]),
//! because its entity checks and reports need the text. Both score with [`eval`] into a
//! [`registry::Evaluation`] and test significance with [`annotate`]; [`gate`] judges
//! run reports and [`compare`] is the command that compares two. A metric's facts live
//! beside it in [`metrics`]; [`registry`] lists the metrics once.
//!
//! This file only dispatches a command. Only [`report`] writes files; only the binary
//! prints results, progress and errors, and exits.
#![deny(missing_docs)]

pub mod annotate;
pub mod breakdown;
pub mod cli;
pub mod compare;
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
pub mod numpy;
pub mod pipeline;
pub mod plan;
pub mod registry;
pub mod report;
pub mod sacrebleu_cli;
pub mod score;
pub mod score_file;
pub mod significance;
pub mod stats_file;
pub mod stream;
pub mod text;
pub mod tokenize;

use std::process::ExitCode;

pub use error::{Error, ErrorKind, Result};

use config::Config;

pub use score::compute_score_report;

/// What a finished command leaves for the binary to print: the exit code and, for
/// `mteval run`, a short account for stderr (files written, gate verdict).
#[derive(Debug)]
pub struct Finished {
    /// The process exit code.
    pub code: ExitCode,
    /// A summary for stderr, printed by the binary unless `--quiet`.
    pub summary: Option<String>,
}

impl From<ExitCode> for Finished {
    fn from(code: ExitCode) -> Finished {
        Finished {
            code,
            summary: None,
        }
    }
}

/// Runs a validated command, reporting progress of `mteval run` to `progress` (the
/// binary's progress bar); the library writes outputs but never prints to the terminal.
pub fn run(config: Config, progress: &dyn pipeline::Progress) -> Result<Finished> {
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
                .chain(c.metrics.iter().flat_map(|m| m.input_files()))
                .collect();
            report::output::refuse_inputs(&outputs, &inputs)?;
            with_threads(c.threads, || score::run(&c))?;
            Ok(ExitCode::SUCCESS.into())
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
            let text = report::render(&r, c.format, report::RenderOptions::default())?;
            report::write_output(&c.output, &text)?;
            Ok(ExitCode::SUCCESS.into())
        }
        Config::Run(c) => {
            // Every configuration error before any scoring: the plan is resolved first.
            let plan = plan::RunPlan::resolve(&c)?;
            let r = with_threads(c.threads, || pipeline::run(&plan, progress))?;
            report::run_writers::write_run(&r, &c.out, plan.width)?;
            Ok(Finished {
                code: if !r.gates_comparable() {
                    ExitCode::from(2)
                } else if r.gates_passed() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                },
                summary: Some(run_summary(&r, &c.out)),
            })
        }
        Config::Compare(c) => compare::run(&c).map(Finished::from),
        Config::Merge(c) => {
            let inputs: Vec<&std::path::Path> = c.stats.iter().map(|p| p.as_path()).collect();
            report::output::refuse_inputs(&[c.output.as_path()], &inputs)?;
            let report = stats_file::merge(&c.stats)?;
            let rendered = report::render(&report, c.format, c.render)?;
            report::write_output(&c.output, &rendered)?;
            Ok(ExitCode::SUCCESS.into())
        }
    }
}

/// A short account of a run for stderr: files written and the gate verdict.
pub fn run_summary(r: &report::run::RunReport, out: &std::path::Path) -> String {
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

/// Runs `f` on a pool of `threads` workers (the global pool when `None`).
pub(crate) fn with_threads<T: Send>(
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
