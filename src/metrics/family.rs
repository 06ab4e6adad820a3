//! What a metric is regardless of its options: its key in gates and manifests, its
//! direction, and the smallest change worth failing a build for.
//!
//! Reports name metrics as sacreBLEU does (`BLEU`, `chrF2`, `chrF2++`, `TER`, `chrF3`…);
//! [`Family::of`] maps such a name back to its family, so gates, rankings and writers ask
//! the family instead of comparing strings.

/// A metric family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// BLEU (Papineni et al., 2002; sacreBLEU `metrics/bleu.py`).
    Bleu,
    /// chrF without word n-grams (Popović, 2015; sacreBLEU `metrics/chrf.py`).
    Chrf,
    /// chrF++: chrF with word n-grams (Popović, 2017).
    ChrfPlusPlus,
    /// TER (Snover et al., 2006; sacreBLEU `metrics/ter.py`): an error rate.
    Ter,
}

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
const KOCMI_2024: &str = "Kocmi et al. 2024, delta for 70% agreement with humans";

impl Family {
    /// Every family, in report order.
    pub const ALL: [Family; 4] = [
        Family::Bleu,
        Family::Chrf,
        Family::ChrfPlusPlus,
        Family::Ter,
    ];

    /// The family of a report's metric name (`BLEU`, `chrF2`, `chrF0++`, `TER`).
    pub fn of(metric: &str) -> Option<Family> {
        match metric {
            "BLEU" => Some(Family::Bleu),
            "TER" => Some(Family::Ter),
            m if m.starts_with("chrF") => {
                let (beta, plus) = match m.strip_suffix("++") {
                    Some(b) => (&b[4..], true),
                    None => (&m[4..], false),
                };
                if beta.is_empty() || !beta.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                Some(if plus {
                    Family::ChrfPlusPlus
                } else {
                    Family::Chrf
                })
            }
            _ => None,
        }
    }

    /// The key that names the family in gates, manifests and `--max-drop`.
    pub fn key(self) -> &'static str {
        match self {
            Family::Bleu => "bleu",
            Family::Chrf => "chrf",
            Family::ChrfPlusPlus => "chrf++",
            Family::Ter => "ter",
        }
    }

    /// The family a gate or manifest key names (case-insensitive).
    pub fn from_key(key: &str) -> Option<Family> {
        let k = key.trim().to_ascii_lowercase();
        Family::ALL.into_iter().find(|f| f.key() == k)
    }

    /// Whether a lower score is better (TER is an edit rate).
    pub fn lower_is_better(self) -> bool {
        self == Family::Ter
    }

    /// The default `max_drop`: the smallest drop that fails a comparison.
    ///
    /// BLEU 1.39 and chrF 1.00 points are Kocmi et al. (2024)'s deltas at 70 % estimated
    /// accuracy against human judgements. chrF++ is not in their table; it shares chrF's
    /// character statistics and range, so it takes chrF's delta. TER is not in their table
    /// either; as a word-level edit rate on BLEU's 0..100 scale it takes BLEU's delta.
    pub fn practical_delta(self) -> PracticalDelta {
        match self {
            Family::Bleu => PracticalDelta {
                points: 1.39,
                source: KOCMI_2024,
            },
            Family::Chrf => PracticalDelta {
                points: 1.00,
                source: KOCMI_2024,
            },
            Family::ChrfPlusPlus => PracticalDelta {
                points: 1.00,
                source: "chrF's delta (Kocmi et al. 2024 give none for chrF++)",
            },
            Family::Ter => PracticalDelta {
                points: 1.39,
                source: "BLEU's delta (Kocmi et al. 2024 give none for TER)",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_to_families() {
        assert_eq!(Family::of("BLEU"), Some(Family::Bleu));
        assert_eq!(Family::of("chrF2"), Some(Family::Chrf));
        assert_eq!(Family::of("chrF0"), Some(Family::Chrf));
        assert_eq!(Family::of("chrF2++"), Some(Family::ChrfPlusPlus));
        assert_eq!(Family::of("TER"), Some(Family::Ter));
        assert_eq!(Family::of("chrF"), None);
        assert_eq!(Family::of("chrFx"), None);
        assert_eq!(Family::of("COMET"), None);
        assert_eq!(Family::from_key("ChrF++"), Some(Family::ChrfPlusPlus));
        assert!(Family::Ter.lower_is_better() && !Family::Bleu.lower_is_better());
    }
}
