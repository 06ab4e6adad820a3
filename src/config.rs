//! Validated configuration: what to compute, checked once before any work starts.
//!
//! `cli` turns arguments into these types; the library never sees clap.

use std::path::PathBuf;

use crate::eval::AnyMetric;
use crate::report::{RenderOptions, ReportFormat};

/// A validated command.
#[derive(Debug, Clone)]
pub enum Config {
    /// `mteval score`.
    Score(ScoreConfig),
}

/// What `mteval score` computes and where it writes.
#[derive(Debug, Clone)]
pub struct ScoreConfig {
    /// Reference files, one per stream.
    pub refs: Vec<PathBuf>,
    /// System output files.
    pub systems: Vec<PathBuf>,
    /// Metrics in the order requested, without duplicates.
    pub metrics: Vec<AnyMetric>,
    /// Also compute a score for every segment.
    pub sentence_level: bool,
    /// Output format.
    pub format: ReportFormat,
    /// Rendering options.
    pub render: RenderOptions,
    /// Output path (`-` for stdout).
    pub output: PathBuf,
    /// Worker threads (`None`: one per core).
    pub threads: Option<usize>,
}
