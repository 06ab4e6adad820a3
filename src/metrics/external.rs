//! External metrics: segment scores computed by another tool (COMET, MetricX, xCOMET) or
//! by people (WMT's DA, MQM, ESA), taking part in everything a metric takes part in.
//!
//! mteval does not run neural models. Users run them where they have GPUs and hand
//! mteval the segment scores ([`crate::score_file`] reads the files each tool writes);
//! the scores become [`ExternalStats`] `{sum, segments}`, one per segment, and the corpus
//! score is their **mean**: the system-level score COMET, MetricX and WMT's human
//! evaluations report. Intervals and paired tests resample those statistics exactly as
//! sacreBLEU resamples its own metrics' (`significance.py`: float32 sums for the
//! bootstrap, per-pseudo-system sums for approximate randomisation), so an external
//! metric's p-values mean what chrF's mean.
//!
//! The signature records what the number depends on: `nrefs`, the tool's `model` as the
//! user named it, and the direction (`better:higher`, or `better:lower` for error scores
//! such as MetricX's): `nrefs:1|model:Unbabel/wmt22-comet-da|better:higher|version:…`.
//! A report's external metric is rebuilt from that signature (the direction decides
//! rankings and gates); its scores come back as per-segment statistics.

use std::ops::AddAssign;
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::family::{Facts, PracticalDelta};
use super::signature::Signature;
use super::{Metric, Registered, Resample, Score, ScoreDetails, Stats};
use crate::numpy::Np;

/// One system's segment scores, with the file they were read from (for messages).
#[derive(Debug, Clone, PartialEq)]
pub struct SystemScores {
    /// The file the scores were read from.
    pub path: PathBuf,
    /// One finite score per segment, in segment order.
    pub scores: Vec<f64>,
}

/// An external metric: its name, direction and model, and (when built from files) every
/// system's segment scores, in system order.
#[derive(Debug, Clone, PartialEq)]
pub struct External {
    /// The metric's name in reports (`COMET`, `MetricX-24`, `ESA`), as the user gave it.
    pub name: String,
    /// Whether a lower score is better (MetricX and MQM are error scores).
    pub lower_is_better: bool,
    /// The tool's model id (`Unbabel/wmt22-comet-da`), or `unknown`.
    pub model: String,
    /// Every system's scores; empty for a metric rebuilt from a report's signature, whose
    /// statistics are read back instead.
    pub scores: Arc<Vec<SystemScores>>,
}

/// The model recorded when the user names none.
pub const UNKNOWN_MODEL: &str = "unknown";

/// Why `name` cannot name an external metric, if it cannot: it must be non-empty and
/// free of the characters that signatures, CSV cells and `--scores` use as separators.
/// (That it is no built-in metric's name is checked where metrics are declared,
/// [`crate::score_file::load`].)
pub fn check_name(name: &str) -> Result<(), String> {
    if name.trim().is_empty() || name != name.trim() {
        return Err(format!(
            "external metric name '{name}' is empty or has surrounding spaces"
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| c.is_control() || matches!(c, '|' | '=' | ',' | ':'))
    {
        return Err(format!(
            "external metric name '{name}' contains {c:?} (not allowed: | = , : or control characters)"
        ));
    }
    Ok(())
}

/// Why `model` cannot be written into a signature, if it cannot.
pub fn check_model(model: &str) -> Result<(), String> {
    if model.trim().is_empty() || model.chars().any(|c| c.is_control() || c == '|') {
        return Err(format!(
            "model '{model}' is empty or contains '|' or control characters"
        ));
    }
    Ok(())
}

/// The statistics of external scores: their sum (in segment order, as one pass adds
/// them) and how many segments it covers. One segment's statistics are its score and 1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct ExternalStats {
    /// The sum of the segment scores.
    pub sum: f64,
    /// The number of segments summed.
    pub segments: u64,
}

impl AddAssign<&ExternalStats> for ExternalStats {
    fn add_assign(&mut self, o: &ExternalStats) {
        self.sum += o.sum;
        self.segments += o.segments;
    }
}

impl Stats for ExternalStats {}

impl External {
    /// Checks that every system's file holds exactly `segments` scores (the test set's
    /// line count); the error names the file.
    pub fn check_lengths(&self, segments: usize) -> crate::error::Result<()> {
        for system in self.scores.iter() {
            if system.scores.len() != segments {
                return Err(crate::error::Error::new(
                    crate::error::ErrorKind::LengthMismatch,
                    format!(
                        "{}: has {} for {}, but the test set has {}",
                        crate::error::display_path(&system.path),
                        crate::error::count(system.scores.len(), "score"),
                        self.name,
                        crate::error::count(segments, "segment"),
                    ),
                ));
            }
            // Resampling sums the scores in float32, as sacreBLEU does: every sum of them
            // must stay finite there (and so in float64).
            let limit = f32::MAX as f64 / segments.max(1) as f64;
            if let Some((i, x)) = system
                .scores
                .iter()
                .enumerate()
                .find(|(_, x)| x.abs() > limit)
            {
                return Err(crate::error::Error::new(
                    crate::error::ErrorKind::BadInput,
                    format!(
                        "{}:{}: score {x} is too large: sums of {} scores must stay within float32 (|score| <= {limit:e})",
                        crate::error::display_path(&system.path),
                        i + 1,
                        segments
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The statistics of one segment's score.
    pub fn segment(score: f64) -> ExternalStats {
        ExternalStats {
            sum: score,
            segments: 1,
        }
    }
}

impl Metric for External {
    type Stats = ExternalStats;

    fn name(&self) -> String {
        self.name.clone()
    }

    fn signature(&self, nrefs: usize) -> Signature {
        let better = if self.lower_is_better {
            "lower"
        } else {
            "higher"
        };
        Signature::new(
            nrefs,
            &[
                ("model", self.model.clone()),
                ("better", better.to_string()),
            ],
        )
    }

    /// The mean segment score (0 for no segments, which inputs never give: empty files
    /// are refused).
    fn score(&self, s: &ExternalStats) -> Score {
        let score = if s.segments == 0 {
            0.0
        } else {
            s.sum / s.segments as f64
        };
        Score {
            score,
            details: ScoreDetails::Plain {},
        }
    }
}

// Resampling: a mean as sacreBLEU's significance code would resample it, with the
// statistics list `[score, 1]` and `_compute_score_from_stats(s) = s[0] / s[1]`.
impl Resample for External {
    fn width(&self) -> usize {
        2
    }

    fn flatten(&self, s: &ExternalStats, out: &mut Vec<f64>) {
        out.extend([s.sum, s.segments as f64]);
    }

    /// numpy: the float32 sums divided, a float32.
    fn score_f32(&self, s: &[f32]) -> Np {
        Np::F32(s[0] / s[1])
    }

    fn score_f64(&self, s: &[f64]) -> f64 {
        s[0] / s[1]
    }

    /// Scores are fractions: approximate randomisation sums them segment by segment.
    fn integral(&self) -> bool {
        false
    }
}

impl Registered for External {
    /// An external metric's signature is the only one with `better`.
    fn from_signature(name: &str, sig: &Signature) -> Option<External> {
        let lower_is_better = match sig.get("better")? {
            "lower" => true,
            "higher" => false,
            _ => return None,
        };
        Some(External {
            name: name.to_string(),
            lower_is_better,
            model: sig.get("model")?.to_string(),
            scores: Arc::default(),
        })
    }

    /// External metrics come from score files, never from `-m`.
    fn from_settings(
        _key: &str,
        _settings: &super::settings::MetricSettings,
    ) -> Option<crate::error::Result<External>> {
        None
    }

    fn input_files(&self) -> Vec<&std::path::Path> {
        self.scores.iter().map(|s| s.path.as_path()).collect()
    }

    fn check_options(&self) -> Result<(), String> {
        check_name(&self.name)?;
        check_model(&self.model)
    }

    /// Sums of fractions depend on how they are grouped: shards merge exactly only
    /// segment by segment.
    fn merge_needs_segments(&self, _nrefs: usize) -> bool {
        true
    }

    fn checked_add(a: &mut ExternalStats, b: &ExternalStats) -> Option<()> {
        let sum = a.sum + b.sum;
        if !sum.is_finite() {
            return None;
        }
        a.segments = a.segments.checked_add(b.segments)?;
        a.sum = sum;
        Some(())
    }

    fn check_stats(
        &self,
        s: &ExternalStats,
        segments: usize,
        _nrefs: Option<usize>,
    ) -> Result<(), String> {
        if !s.sum.is_finite() || s.segments > segments as u64 {
            return Err(format!(
                "impossible {} statistics: sum {} over {} segments (of {segments})",
                self.name, s.sum, s.segments
            ));
        }
        Ok(())
    }

    fn check_segment(&self, s: &ExternalStats, _nrefs: Option<usize>) -> Result<(), String> {
        if s.segments != 1 {
            return Err(format!(
                "a {} segment's statistics cover {} segments, not 1",
                self.name, s.segments
            ));
        }
        Ok(())
    }
}

const NO_DELTA: PracticalDelta = PracticalDelta {
    points: 0.0,
    source: "no published delta for an external metric: any significant drop",
};

/// The family facts of an external metric whose higher scores are better. External
/// families are not in [`crate::registry::FAMILIES`] (they have no `-m` key); a report's
/// external metric is recognised by its signature ([`crate::registry::family_of_scored`]).
pub const HIGHER: Facts = Facts {
    key: "external",
    named: |_| false,
    lower_is_better: false,
    max_score: None,
    practical_delta: NO_DELTA,
    ranks_segments: true,
};

/// [`HIGHER`] for error scores (lower is better).
pub const LOWER: Facts = Facts {
    lower_is_better: true,
    ..HIGHER
};

#[cfg(test)]
mod tests {
    use super::*;

    fn comet() -> External {
        External {
            name: "COMET".into(),
            lower_is_better: false,
            model: "Unbabel/wmt22-comet-da".into(),
            scores: Arc::default(),
        }
    }

    #[test]
    fn the_score_is_the_mean_and_the_signature_names_model_and_direction() {
        let m = comet();
        let mut s = ExternalStats::default();
        for x in [0.5, 0.25, 0.75] {
            s += &External::segment(x);
        }
        assert_eq!(m.score(&s).score, 0.5);
        assert_eq!(
            m.signature(1).format(),
            format!(
                "nrefs:1|model:Unbabel/wmt22-comet-da|better:higher|version:{}",
                crate::metrics::signature::VERSION
            )
        );
        let back = External::from_signature("COMET", &m.signature(1)).unwrap();
        assert_eq!(back, m);
        let lower = External {
            lower_is_better: true,
            ..comet()
        };
        assert!(
            External::from_signature("X", &lower.signature(2))
                .unwrap()
                .lower_is_better
        );
        // Other metrics' signatures are not external ones.
        let bleu = Signature::parse("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp");
        assert_eq!(External::from_signature("BLEU", &bleu), None);
    }

    #[test]
    fn names_and_models_that_would_break_reports_are_refused() {
        for bad in ["", " COMET", "a|b", "a=b", "a,b", "a:b"] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
        for good in ["COMET", "MetricX-24", "ESA", "xCOMET-XL"] {
            assert!(check_name(good).is_ok(), "{good}");
        }
        assert!(check_model("a|b").is_err());
        assert!(check_model("Unbabel/wmt22-comet-da").is_ok());
    }

    #[test]
    fn read_back_statistics_are_checked() {
        let m = comet();
        let two = ExternalStats {
            sum: 1.0,
            segments: 2,
        };
        assert!(m.check_stats(&two, 2, Some(1)).is_ok());
        assert!(m.check_stats(&two, 1, Some(1)).is_err());
        assert!(m.check_segment(&two, Some(1)).is_err());
        let nan = ExternalStats {
            sum: f64::NAN,
            segments: 1,
        };
        assert!(m.check_stats(&nan, 1, Some(1)).is_err());
        let mut big = ExternalStats {
            sum: f64::MAX,
            segments: 1,
        };
        assert_eq!(External::checked_add(&mut big, &two.clone()), Some(()));
        let max = ExternalStats {
            sum: f64::MAX,
            segments: 1,
        };
        assert_eq!(External::checked_add(&mut big, &max), None);
    }
}
