//! The model of `mteval run`'s report: test sets × systems × metrics, with confidence
//! intervals, p-values, entity summaries and gate outcomes.
//!
//! # JSON schema (`report.json`, `schema_version` 1)
//!
//! ```text
//! {
//!   "schema_version": 1,
//!   "tool": "mteval 0.1.0",
//!   "testsets": [{
//!     "name", "source_lang", "target_lang", "segments", "references": [path],
//!     "baseline": system name | null,
//!     "significance": {"test": "paired-bs"|"paired-ar", "samples", "seed", "alpha"} | null,
//!     "metrics": [{"name", "signature"}],
//!     "systems": [{
//!       "name", "path",
//!       "scores": [{"metric", "score", "signature", "mean", "ci", "ci_low", "ci_high",
//!                   "p_value", "significant", "segment_scores": [f64],
//!                   "stats": {"kind": "bleu"|"chrf"|"ter", "segments": [...]}}],
//!       "entities": {"mentions", "found", "missing", "recall", "hallucinated",
//!                    "inconsistent_entities"} | null
//!     }],
//!     "differing_segments": [{"index", "metric", "spread", "source", "reference", "outputs": {system: text}}]
//!   }],
//!   "gates": [{"rule", "testset", "system", "metric", "value", "threshold", "passed", "detail"}]
//! }
//! ```
//!
//! Scores are unrounded; optional fields are `null` when the analysis did not run. The
//! report is read back by `mteval compare` and by the `max_drop` gate as a baseline, so
//! fields are only ever added, and `schema_version` changes when a meaning changes.

use serde::{Deserialize, Serialize};

use crate::eval::SegmentStats;

/// The current schema version of `report.json`.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything `mteval run` computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    /// Schema version (see the module docs).
    pub schema_version: u32,
    /// The tool and version that wrote the report.
    pub tool: String,
    /// Test sets in manifest order.
    pub testsets: Vec<TestSetReport>,
    /// Gate outcomes (empty when no gate is configured).
    #[serde(default)]
    pub gates: Vec<GateResult>,
}

/// One test set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestSetReport {
    /// Name from the manifest.
    pub name: String,
    /// Source language.
    pub source_lang: Option<String>,
    /// Target language.
    pub target_lang: Option<String>,
    /// Number of segments.
    pub segments: usize,
    /// Reference files as given in the manifest.
    pub references: Vec<String>,
    /// Baseline system.
    pub baseline: Option<String>,
    /// The significance test that ran, if any.
    pub significance: Option<SignificanceInfo>,
    /// Metrics with their corpus signatures.
    pub metrics: Vec<MetricInfo>,
    /// Systems in manifest order.
    pub systems: Vec<SystemReport>,
    /// Segments where systems differ most.
    #[serde(default)]
    pub differing_segments: Vec<DifferingSegment>,
}

/// The significance test settings recorded with results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignificanceInfo {
    /// `paired-bs` or `paired-ar`.
    pub test: String,
    /// Resamples or trials.
    pub samples: usize,
    /// Seed.
    pub seed: u64,
    /// Significance level.
    pub alpha: f64,
}

/// A metric and its signature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricInfo {
    /// sacreBLEU's metric name.
    pub name: String,
    /// Corpus signature.
    pub signature: String,
}

/// One system of a test set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SystemReport {
    /// System name.
    pub name: String,
    /// Its file as found.
    pub path: String,
    /// One entry per metric, in metric order.
    pub scores: Vec<MetricScore>,
    /// Entity summary, when the entity check ran.
    pub entities: Option<EntitySummary>,
}

/// A system's result under one metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricScore {
    /// sacreBLEU's metric name.
    pub metric: String,
    /// Corpus score, unrounded.
    pub score: f64,
    /// Signature (with `bs:`/`ar:` and `seed:` when a test ran).
    pub signature: String,
    /// Bootstrap mean.
    pub mean: Option<f64>,
    /// sacreBLEU's CI half-width.
    pub ci: Option<f64>,
    /// Lower CI bound.
    pub ci_low: Option<f64>,
    /// Upper CI bound.
    pub ci_high: Option<f64>,
    /// p-value against the baseline (`None` for the baseline itself).
    pub p_value: Option<f64>,
    /// `p_value <= alpha`.
    pub significant: Option<bool>,
    /// Sentence-level scores.
    pub segment_scores: Vec<f64>,
    /// Per-segment sufficient statistics.
    pub stats: SegmentStats,
}

/// Entity-check summary of one system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntitySummary {
    /// Source name mentions.
    pub mentions: usize,
    /// Mentions found in the translation.
    pub found: usize,
    /// Mentions missing.
    pub missing: usize,
    /// found / mentions.
    pub recall: f64,
    /// Names in the translation the source does not have.
    pub hallucinated: usize,
    /// Entities spelled more than one way.
    pub inconsistent_entities: usize,
}

/// A segment whose sentence scores spread most across systems.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DifferingSegment {
    /// 0-based segment index.
    pub index: usize,
    /// The metric whose spread was measured.
    pub metric: String,
    /// max − min sentence score across systems.
    pub spread: f64,
    /// Source text, if a source was given.
    pub source: Option<String>,
    /// First reference.
    pub reference: String,
    /// Each system's output, in system order.
    pub outputs: Vec<(String, String)>,
}

/// The outcome of one gate rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GateResult {
    /// `min_score`, `max_drop` or `min_entity_recall`.
    pub rule: String,
    /// Test set.
    pub testset: String,
    /// System.
    pub system: String,
    /// Metric (or `entities`).
    pub metric: String,
    /// The measured value (score, drop or recall).
    pub value: f64,
    /// The configured threshold.
    pub threshold: f64,
    /// Whether the rule held.
    pub passed: bool,
    /// A short human explanation (e.g. "drop not significant, p = 0.21").
    pub detail: String,
}

impl RunReport {
    /// Whether every gate passed.
    pub fn gates_passed(&self) -> bool {
        self.gates.iter().all(|g| g.passed)
    }
}
