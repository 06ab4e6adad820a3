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
//!       "name", "path", "rank",
//!       "scores": [{"metric", "score", "signature",
//!                   "mean", "ci", "ci_low", "ci_high" (only with the paired bootstrap),
//!                   "p_value", "significant", "segment_scores": [f64],
//!                   "stats": {"kind": "bleu"|"chrf"|"ter", "segments": [...]}}],
//!       "entities": {"mentions", "found", "missing", "recall", "hallucinated",
//!                    "inconsistent_entities"} | null
//!     }],
//!     "comparisons": [{"metric", "system_a", "system_b", "p_value", "p_holm", "significant"}],
//!     "differing_segments": [{"index", "metric", "spread", "source", "reference", "outputs": [[system, text]]}],
//!     "entities": the `mteval entities --format json` object | null,
//!     "entities_skipped": reason | null
//!   }],
//!   "gates": [{"rule", "testset", "system", "metric", "value", "threshold", "passed", "detail"}]
//! }
//! ```
//!
//! Scores are unrounded; optional fields are `null` when the analysis did not run. The
//! report is read back by `mteval compare` and by the `max_drop` gate as a baseline, so
//! fields are only ever added, and `schema_version` changes when a meaning changes.

use serde::{Deserialize, Serialize};

use crate::entities::{EntityReport, Summary};
use crate::registry::SegmentStats;

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
    /// The metric systems are ranked by, when `[run] rank_by` chose one (else the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranked_by: Option<String>,
    /// Systems in manifest order.
    pub systems: Vec<SystemReport>,
    /// All-pairs comparisons with Holm-corrected p-values (`significance.all_pairs`).
    #[serde(default)]
    pub comparisons: Vec<PairComparison>,
    /// Segments where systems differ most.
    #[serde(default)]
    pub differing_segments: Vec<DifferingSegment>,
    /// The full entity check (mentions, hallucinations, spellings, numbers), when it ran.
    #[serde(default)]
    pub entities: Option<EntityReport>,
    /// Why the entity check did not run, when it did not.
    #[serde(default)]
    pub entities_skipped: Option<String>,
    /// Scores by reference length, word accuracy by frequency, characteristic n-grams
    /// (`[run] breakdowns`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakdowns: Option<crate::breakdown::Breakdowns>,
    /// The texts that were scored, for the views that show segments (the segment
    /// browser of `report.html`). Not serialised: `report.json` keeps the statistics
    /// and its bytes do not depend on this field; a report read back has none.
    #[serde(skip)]
    pub texts: Option<SegmentTexts>,
}

/// The lines of one test set as they were read and scored: one entry per segment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SegmentTexts {
    /// Source lines, when the manifest gave a source.
    pub source: Option<Vec<String>>,
    /// One list of lines per reference, in manifest order.
    pub references: Vec<Vec<String>>,
    /// One list of lines per system, in the order of [`TestSetReport::systems`].
    pub systems: Vec<Vec<String>>,
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

/// A paired test between two systems (all-pairs mode).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairComparison {
    /// Metric name.
    pub metric: String,
    /// First system (the test's baseline).
    pub system_a: String,
    /// Second system.
    pub system_b: String,
    /// Raw p-value.
    pub p_value: f64,
    /// Holm–Bonferroni adjusted p-value over all pairs of this metric.
    pub p_holm: f64,
    /// `p_holm <= alpha`.
    pub significant: bool,
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
    pub entities: Option<Summary>,
    /// Rank by the first metric (1 = best, in the metric's direction; ties by name),
    /// computed with the scores so that every view shows the same order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<usize>,
}

impl TestSetReport {
    /// The line under a test set's heading: `en → bn, 13 segments, 1 reference, 3
    /// systems. Baseline: mt-a.`, the baseline's name shown with `show` (escaped by the
    /// format that prints it).
    pub fn description(&self, show: impl Fn(&str) -> String) -> String {
        let langs = match (&self.source_lang, &self.target_lang) {
            (Some(s), Some(g)) => format!("{s} → {g}, "),
            _ => String::new(),
        };
        let mut line = format!(
            "{langs}{} segments, {} reference{}, {} systems.",
            self.segments,
            self.references.len(),
            if self.references.len() == 1 { "" } else { "s" },
            self.systems.len()
        );
        if let Some(b) = &self.baseline {
            line.push_str(&format!(" Baseline: {}.", show(b)));
        }
        line
    }

    /// The systems (indices) in the rank the pipeline computed; a report without ranks
    /// keeps its order.
    pub fn in_rank_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.systems.len()).collect();
        order.sort_by_key(|&i| self.systems[i].rank.unwrap_or(usize::MAX));
        order
    }
}

/// The systems (indices into `systems`) best first under the metric `metric`, which is
/// their `scores[k]`: in the metric's direction (TER and error scores lowest first), ties
/// by name. Ranks, significance clusters and every view order systems with it.
pub fn best_first(systems: &[SystemReport], k: usize, metric: &MetricInfo) -> Vec<usize> {
    let lower = crate::registry::lower_is_better(&metric.name, &metric.signature);
    let mut order: Vec<usize> = (0..systems.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (systems[a].scores[k].score, systems[b].scores[k].score);
        let c = if lower {
            x.total_cmp(&y)
        } else {
            y.total_cmp(&x)
        };
        c.then_with(|| systems[a].name.cmp(&systems[b].name))
    });
    order
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
    /// Bootstrap mean and 95% interval (with the paired bootstrap): the keys `mean`,
    /// `ci`, `ci_low`, `ci_high`, absent when not computed.
    #[serde(flatten)]
    pub estimate: crate::significance::Estimate,
    /// p-value against the baseline (`None` for the baseline itself).
    pub p_value: Option<f64>,
    /// `p_value <= alpha`.
    pub significant: Option<bool>,
    /// The system's significance cluster under this metric (1 = the top cluster; see
    /// [`crate::significance::clusters`]), when every pair of systems was tested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<usize>,
    /// Sentence-level scores.
    pub segment_scores: Vec<f64>,
    /// Per-segment sufficient statistics.
    pub stats: SegmentStats,
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
    /// Each system's word-level diff against the reference, in system order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diffs: Vec<Vec<crate::breakdown::DiffSpan>>,
}

/// The outcome of one gate rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GateResult {
    /// `min_score`, `max_drop`, `min_entity_recall`, or `new` (a system or test set the
    /// baseline does not have: reported, not judged).
    pub rule: String,
    /// Test set.
    pub testset: String,
    /// System.
    pub system: String,
    /// Metric (or `entities`).
    pub metric: String,
    /// The measured value (score, drop or recall); `null` where nothing was measured
    /// (a row that is not comparable).
    pub value: Option<f64>,
    /// The configured threshold.
    pub threshold: f64,
    /// Whether the rule held (never true for a row that is not comparable).
    pub passed: bool,
    /// A short human explanation (e.g. "drop not significant, p = 0.21").
    pub detail: String,
    /// `max_drop`: the baseline's score (entity recall in percent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<f64>,
    /// `max_drop`: the current score (entity recall in percent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<f64>,
    /// `max_drop`: the p-value of the difference (paired bootstrap; exact McNemar for
    /// entity recall).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p_value: Option<f64>,
    /// `max_drop`: the p-value after Holm's correction across every compared score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p_holm: Option<f64>,
    /// False when the two reports cannot be compared here (different signatures,
    /// segment counts or references, or something missing): such a row never passes.
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub comparable: bool,
    /// The signature of the (current) score the rule judged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// The columns of one compared score, shared by `compare --format csv` and the history
/// file (each adds its own columns around them).
pub const COMPARED_COLUMNS: [&str; 12] = [
    "testset",
    "system",
    "metric",
    "signature",
    "baseline",
    "current",
    "drop",
    "threshold",
    "p_value",
    "p_holm",
    "comparable",
    "passed",
];

impl GateResult {
    /// The row's values under [`COMPARED_COLUMNS`] (unrounded numbers, empty when absent).
    pub fn compared_cells(&self) -> [String; 12] {
        let num = |v: Option<f64>| v.map_or(String::new(), |x| x.to_string());
        [
            self.testset.clone(),
            self.system.clone(),
            self.metric.clone(),
            self.signature.clone().unwrap_or_default(),
            num(self.baseline),
            num(self.current),
            num(self.value),
            self.threshold.to_string(),
            num(self.p_value),
            num(self.p_holm),
            self.comparable.to_string(),
            self.passed.to_string(),
        ]
    }
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// What `mteval compare` concluded: the verdict first, then every row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// `pass`, `fail` (a significant regression beyond its threshold) or
    /// `not comparable` (something could not be compared: never a pass).
    pub verdict: String,
    /// Significance level applied to Holm-adjusted p-values.
    pub alpha: f64,
    /// The multiple-comparison correction: `holm` across every compared score.
    pub correction: String,
    /// Compared scores: one per test set × system × metric (and entity recall).
    pub rows: Vec<GateResult>,
}

impl Comparison {
    /// The verdict of `rows`: not comparable beats fail beats pass.
    pub fn new(rows: Vec<GateResult>, alpha: f64) -> Comparison {
        let verdict = if rows.iter().any(|g| !g.comparable) {
            "not comparable"
        } else if rows.iter().any(|g| !g.passed) {
            "fail"
        } else {
            "pass"
        };
        Comparison {
            verdict: verdict.into(),
            alpha,
            correction: "holm".into(),
            rows,
        }
    }
}

impl RunReport {
    /// Whether every gate passed.
    pub fn gates_passed(&self) -> bool {
        self.gates.iter().all(|g| g.passed)
    }

    /// Whether every gate could be evaluated (no "not comparable" row).
    pub fn gates_comparable(&self) -> bool {
        self.gates.iter().all(|g| g.comparable)
    }
}
