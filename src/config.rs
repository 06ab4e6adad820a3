//! Validated configuration: what to compute, checked once before any work starts.
//!
//! `cli` turns arguments into these types; the library never sees clap.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::entities::EntityOptions;

use crate::registry::AnyMetric;
use crate::report::{RenderOptions, ReportFormat};

/// The documented range of every number the command line, a manifest or a statistics
/// file can give (README "Limits"). Each is checked before any work starts; a value
/// outside its range is refused with a one-line message naming the option.
pub mod limits {
    /// Decimals printed (`-w/--width`, manifest `width`): an f64 carries at most 17
    /// significant digits.
    pub const WIDTH: usize = 17;
    /// Resamples or trials (`--confidence-n`, `--paired-bs-n`, `--paired-ar-n`,
    /// manifest `samples`): sacreBLEU's defaults are 1,000 and 10,000.
    pub const RESAMPLES: usize = 1_000_000;
    /// Resamples × segments: the resampling indices are drawn up front (as sacreBLEU
    /// does, for its exact numbers), 4 bytes each, so this bounds them to 1 GiB
    /// (checked by [`crate::significance::Resampling::check_size`]).
    pub const RESAMPLE_CELLS: usize = 1 << 28;
    /// Worker threads (`-j/--threads`).
    pub const THREADS: usize = 1024;
    /// chrF character and word n-gram orders (the metric's own limit).
    pub const CHRF_ORDER: usize = crate::metrics::chrf::MAX_ORDER;
    /// chrF beta (the metric's own limit).
    pub const CHRF_BETA: u32 = crate::metrics::chrf::MAX_BETA;

    /// `value` must lie in `min..=max`; otherwise a config error naming `what`.
    pub use crate::metrics::settings::in_range as check;
}

/// What `mteval run` was asked to do (resolved into a [`crate::plan::RunPlan`]).
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// The manifest.
    pub manifest: PathBuf,
    /// Output directory.
    pub out: PathBuf,
    /// Suppress progress output.
    pub quiet: bool,
    /// Worker threads (`None`: one per core).
    pub threads: Option<usize>,
}

/// A validated command.
#[derive(Debug, Clone)]
pub enum Config {
    /// `mteval score`.
    Score(ScoreConfig),
    /// `mteval entities`.
    Entities(EntitiesConfig),
    /// `mteval run`.
    Run(RunConfig),
    /// `mteval compare`.
    Compare(CompareConfig),
    /// `mteval merge`.
    Merge(MergeConfig),
}

/// What `mteval merge` combines and where it writes.
#[derive(Debug, Clone)]
pub struct MergeConfig {
    /// Statistics files, in shard order.
    pub stats: Vec<PathBuf>,
    /// Output format.
    pub format: ReportFormat,
    /// Rendering options.
    pub render: RenderOptions,
    /// Output path (`-` for stdout).
    pub output: PathBuf,
}

/// What `mteval entities` checks and where it writes.
#[derive(Debug, Clone)]
pub struct EntitiesConfig {
    /// Files, languages, glossary and document ids.
    pub options: EntityOptions,
    /// Output format.
    pub format: ReportFormat,
    /// Output path (`-` for stdout).
    pub output: PathBuf,
}

/// What `mteval compare` compares.
#[derive(Debug, Clone)]
pub struct CompareConfig {
    /// Baseline report.
    pub baseline: PathBuf,
    /// Current report.
    pub current: PathBuf,
    /// Thresholds, significance level and strictness.
    pub policy: DropPolicy,
    /// Output format: markdown (default), json, csv or latex.
    pub format: crate::report::ReportFormat,
    /// History CSV to append to.
    pub history: Option<PathBuf>,
}

/// What `mteval score` computes and where it writes.
#[derive(Debug, Clone)]
pub struct ScoreConfig {
    /// Reference files, one per stream.
    pub refs: Vec<PathBuf>,
    /// System output files.
    pub systems: Vec<PathBuf>,
    /// The systems' report names, one per file ([`crate::naming`]).
    pub system_names: Vec<String>,
    /// Metrics in the order requested, without duplicates.
    pub metrics: Vec<AnyMetric>,
    /// Also compute a score for every segment.
    pub sentence_level: bool,
    /// Confidence intervals and paired tests, if asked for.
    pub significance: Option<crate::significance::Resampling>,
    /// Output format.
    pub format: ReportFormat,
    /// Rendering options.
    pub render: RenderOptions,
    /// Output path (`-` for stdout).
    pub output: PathBuf,
    /// Worker threads (`None`: one per core).
    pub threads: Option<usize>,
    /// Write sufficient statistics (JSON lines) here for `mteval merge`.
    pub emit_stats: Option<PathBuf>,
    /// This shard's place (`--shard K/N`), written into the statistics.
    pub shard: Option<crate::stats_file::Shard>,
}

pub use crate::metrics::settings::MetricSettings;

/// How `compare` and the `max_drop` gate judge a difference.
#[derive(Debug, Clone, PartialEq)]
pub struct DropPolicy {
    /// Allowed drop per key (`bleu`, `chrf`, `chrf++`, `ter`, a metric name such as
    /// `chrF3`, `entities` for entity recall in percentage points, or `*`): the
    /// exceptions. A metric no key names keeps its practical default
    /// ([`crate::metrics::family::Family::practical_delta`]).
    pub max_drop: BTreeMap<String, f64>,
    /// Fail on a drop beyond the threshold even when it is not significant.
    pub fail_on_insignificant: bool,
    /// Significance level, applied to Holm-adjusted p-values.
    pub alpha: f64,
}

/// The `max_drop` key of entity recall.
pub const ENTITY_KEY: &str = "entities";

/// The default allowed drop of entity recall, in percentage points: no published delta
/// exists, so any significant loss of names fails (the exact McNemar test decides).
const ENTITY_DEFAULT_DROP: f64 = 0.0;

impl DropPolicy {
    /// The allowed drop for `metric` and where it comes from: an explicit key (a full
    /// metric name wins over a family key, which wins over `*`), else the default.
    pub fn threshold(&self, metric: &str) -> (f64, String) {
        let find = |k: &str| {
            self.max_drop
                .iter()
                .find(|(key, _)| key.trim().eq_ignore_ascii_case(k))
                .map(|(_, v)| *v)
        };
        let family = crate::registry::family_of(metric);
        let explicit = find(metric)
            .or_else(|| family.and_then(|f| find(f.key())))
            .or_else(|| find("*"));
        match (explicit, family) {
            (Some(v), _) => (v, "--max-drop".to_string()),
            (None, Some(f)) => {
                let d = f.practical_delta();
                (d.points, format!("default: {}", d.source))
            }
            (None, None) if metric == ENTITY_KEY => (
                ENTITY_DEFAULT_DROP,
                "default: any significant loss of names".to_string(),
            ),
            (None, None) => (0.0, "default: any significant drop".to_string()),
        }
    }
}
