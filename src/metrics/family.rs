//! What a metric family is regardless of its options: its key in gates and manifests,
//! its direction, its range, and the smallest change worth failing a build for.
//!
//! Each metric file declares its families' [`Facts`] (`bleu::FACTS`, `chrf::FACTS`,
//! `chrf::PLUS_FACTS`, `ter::FACTS`); the registry ([`crate::registry::FAMILIES`]) lists
//! them, and [`crate::registry::family_of`] maps a report's metric name (`BLEU`, `chrF2`,
//! `chrF2++`, `TER`, `chrF3`…) back to its family, so gates, rankings, manifests and
//! writers ask the family instead of comparing strings.

/// A practical regression threshold: the score difference below which a change is not
/// treated as a regression, with where the number comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PracticalDelta {
    /// Score points (on the metric's 0..100 scale).
    pub points: f64,
    /// The source of the number, for reports and docs.
    pub source: &'static str,
}

/// Kocmi et al. (2024), "Navigating the Metrics Maze: Reconciling Score Magnitudes and
/// Accuracies" (ACL 2024), Table 1 / `appendix/main_thresholds.tex` of
/// github.com/kocmitom/MT-Thresholds: the metric delta at which system-level decisions
/// agree with human judgements 70 % of the time.
pub const KOCMI_2024: &str = "Kocmi et al. 2024, delta for 70% agreement with humans";

/// The facts of one metric family.
#[derive(Debug)]
pub struct Facts {
    /// The key that names the family in `-m`, manifests, gates and `--max-drop`.
    pub key: &'static str,
    /// Whether a report's metric name (sacreBLEU's: `BLEU`, `chrF2++`) is of this family.
    pub named: fn(&str) -> bool,
    /// Whether a lower score is better (TER is an edit rate).
    pub lower_is_better: bool,
    /// The highest possible score; `None` when unbounded (TER can exceed 100).
    pub max_score: Option<f64>,
    /// The default `max_drop`: the smallest drop that fails a comparison.
    pub practical_delta: PracticalDelta,
    /// Whether sentence scores are informative enough to rank segments by how much
    /// systems differ (chrF's are; sentence BLEU is too noisy).
    pub ranks_segments: bool,
}

/// A metric family: a reference to its [`Facts`], compared by key.
#[derive(Debug, Clone, Copy)]
pub struct Family(pub &'static Facts);

impl PartialEq for Family {
    fn eq(&self, other: &Family) -> bool {
        self.0.key == other.0.key
    }
}

impl Eq for Family {}

impl Family {
    /// The key that names the family in gates, manifests and `--max-drop`.
    pub fn key(self) -> &'static str {
        self.0.key
    }

    /// Whether a lower score is better.
    pub fn lower_is_better(self) -> bool {
        self.0.lower_is_better
    }

    /// The default `max_drop` and its source.
    pub fn practical_delta(self) -> PracticalDelta {
        self.0.practical_delta
    }
}
