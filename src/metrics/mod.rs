//! Metrics as sufficient statistics.
//!
//! Every metric turns one segment (a hypothesis and its references) into a typed,
//! summable [`Stats`] value; the corpus score is `score(sum of segment stats)`, never an
//! average of sentence scores. This is sacreBLEU's design (`metrics/base.py`:
//! `_extract_reference_info`, `_compute_segment_statistics`, `_compute_score_from_stats`)
//! with types in place of flat lists. Per-segment statistics are kept by the caller so that
//! significance tests can resample them, and so that shards can be merged exactly.
//!
//! # Adding a metric
//!
//! A metric is one file here implementing three traits, its family's [`family::Facts`],
//! and one line in the registry (`src/registry.rs`):
//!
//! 1. [`Metric`] and [`TextMetric`]: its name, signature and the score of summed
//!    statistics; reference preparation and segment statistics ([`Stats`] must add up
//!    exactly: integers, or fractions summed in segment order);
//! 2. [`Resample`]: how its statistics flatten into the float32 arrays sacreBLEU's
//!    significance code resamples, and how it scores them there;
//! 3. [`Registered`]: how it is built from the user's options ([`settings`]: `-m` key,
//!    flags, manifest keys), how to rebuild it from a report's signature, which
//!    statistics real text can give (read-back checks), and overflow-checked addition
//!    for `merge`;
//! 4. `pub const FACTS: Facts` (key in `-m`/manifests/gates, direction, range, default
//!    `max_drop` with its source), listed in its registry line:
//!    `ExactMatch(ExactMatch, ExactMatchStats) [exact_match::FACTS],`.
//!
//! The registry then gives it everything a metric takes part in: `score` and `run`,
//! intervals and paired tests, statistics files and `merge`, reports, gates and `compare`.
//! A new option is a field of [`settings::MetricSettings`] and a flag or manifest key
//! where options are parsed (`cli.rs`, `plan.rs`).
//!
//! A worked example, compiled and run by `cargo test`: exact match, the percentage of
//! segments whose hypothesis equals one of its references (after `rstrip`).
//!
//! ```
//! use std::ops::AddAssign;
//! use mteval::metrics::family::{Facts, PracticalDelta};
//! use mteval::metrics::settings::MetricSettings;
//! use mteval::metrics::{Metric, Registered, Resample, Score, ScoreDetails, Signature, Stats, TextMetric};
//! use mteval::numpy::Np;
//!
//! /// Exact match has no options.
//! #[derive(Debug, Clone, Default)]
//! pub struct ExactMatch;
//!
//! /// Matching segments and segments: sums of whole numbers, exact in any order.
//! #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
//! pub struct ExactMatchStats {
//!     pub matches: u64,
//!     pub segments: u64,
//! }
//!
//! impl AddAssign<&ExactMatchStats> for ExactMatchStats {
//!     fn add_assign(&mut self, o: &ExactMatchStats) {
//!         self.matches += o.matches;
//!         self.segments += o.segments;
//!     }
//! }
//! impl Stats for ExactMatchStats {}
//!
//! impl Metric for ExactMatch {
//!     type Stats = ExactMatchStats;
//!     fn name(&self) -> String {
//!         "EM".into()
//!     }
//!     fn signature(&self, nrefs: usize) -> Signature {
//!         Signature::new(nrefs, &[])
//!     }
//!     fn score(&self, s: &ExactMatchStats) -> Score {
//!         let score = if s.segments == 0 { 0.0 } else { 100.0 * s.matches as f64 / s.segments as f64 };
//!         // A metric with details of its own (BLEU's precisions) adds a variant.
//!         Score { score, details: ScoreDetails::Plain {} }
//!     }
//! }
//!
//! impl TextMetric for ExactMatch {
//!     type RefInfo = Vec<String>;
//!     fn prepare_refs(&self, refs: &[&str]) -> Vec<String> {
//!         refs.iter().map(|r| r.to_string()).collect()
//!     }
//!     fn segment_stats(&self, hyp: &str, refs: &Vec<String>) -> ExactMatchStats {
//!         ExactMatchStats { matches: refs.iter().any(|r| r == hyp) as u64, segments: 1 }
//!     }
//! }
//!
//! impl Resample for ExactMatch {
//!     fn width(&self) -> usize {
//!         2
//!     }
//!     fn flatten(&self, s: &ExactMatchStats, out: &mut Vec<f64>) {
//!         out.extend([s.matches as f64, s.segments as f64]);
//!     }
//!     fn score_f32(&self, s: &[f32]) -> Np {
//!         // As numpy would: a float32 quotient times a Python float.
//!         Np::Py(100.0) * Np::F32(s[0] / s[1])
//!     }
//!     fn score_f64(&self, s: &[f64]) -> f64 {
//!         100.0 * s[0] / s[1]
//!     }
//! }
//!
//! impl Registered for ExactMatch {
//!     fn from_settings(key: &str, _s: &MetricSettings) -> Option<mteval::Result<ExactMatch>> {
//!         (key == "em").then_some(Ok(ExactMatch))
//!     }
//!     fn from_signature(name: &str, _sig: &Signature) -> Option<ExactMatch> {
//!         (name == "EM").then_some(ExactMatch)
//!     }
//!     fn checked_add(a: &mut ExactMatchStats, b: &ExactMatchStats) -> Option<()> {
//!         a.matches = a.matches.checked_add(b.matches)?;
//!         a.segments = a.segments.checked_add(b.segments)?;
//!         Some(())
//!     }
//!     fn check_stats(&self, s: &ExactMatchStats, segments: usize, _nrefs: Option<usize>) -> Result<(), String> {
//!         if s.matches > s.segments || s.segments != segments as u64 {
//!             return Err(format!("impossible EM statistics: {s:?} for {segments} segments"));
//!         }
//!         Ok(())
//!     }
//! }
//!
//! pub const FACTS: Facts = Facts {
//!     key: "em",
//!     named: |name| name == "EM",
//!     lower_is_better: false,
//!     max_score: Some(100.0),
//!     practical_delta: PracticalDelta { points: 1.0, source: "one segment in a hundred" },
//!     ranks_segments: false,
//! };
//!
//! // What the registry does with it, here by hand: statistics, score, a paired test.
//! let m = ExactMatch;
//! let refs = ["a b", "c d", "e f", "g h"];
//! let stats = |hyps: &[&str]| -> Vec<ExactMatchStats> {
//!     hyps.iter().zip(refs).map(|(h, r)| m.segment_stats(h, &m.prepare_refs(&[r]))).collect()
//! };
//! let (a, b) = (stats(&["a b", "c d", "e f", "x"]), stats(&["a b", "x", "x", "x"]));
//! assert_eq!(m.score(&mteval::metrics::sum_stats(&a)).score, 75.0);
//! let cfg = mteval::significance::PairedConfig {
//!     sacrebleu_p: false,
//!     ..mteval::significance::PairedConfig::approximate_randomization()
//! };
//! let out = mteval::significance::paired_ar(&m, &a, &[&b], &cfg);
//! assert_eq!(out.systems[0].score, 25.0);
//! // Two segments differ: all 2^2 swaps are enumerated, and half are as extreme.
//! assert_eq!(out.systems[0].p_value, Some(0.5));
//! ```

pub mod bleu;
pub mod chrf;
pub mod external;
pub mod family;
pub mod ngram;
pub mod settings;
pub mod signature;
pub mod ter;

use std::ops::AddAssign;

use serde::{Deserialize, Serialize};

pub use signature::{short_key, Signature};

use crate::numpy::Np;

/// Sufficient statistics of one segment; summing them gives the corpus statistics.
///
/// Integer fields make sums independent of order (so parallel reduction is deterministic);
/// fractional fields (TER's average reference length) are summed in segment order.
pub trait Stats:
    Clone + Default + Send + Sync + std::fmt::Debug + Serialize + for<'a> AddAssign<&'a Self>
{
}

/// A metric configured with its options: its name, signature and the score of summed
/// statistics. Where the statistics come from is a second trait: [`TextMetric`] for
/// metrics computed here from the text; segment scores computed by another tool
/// come from their files (issue 12).
pub trait Metric: Sync {
    /// Sufficient statistics of one segment.
    type Stats: Stats;

    /// sacreBLEU's metric name: `BLEU`, `chrF2`, `chrF2++`, `TER`.
    fn name(&self) -> String;
    /// The signature of corpus scores for `nrefs` reference streams.
    fn signature(&self, nrefs: usize) -> Signature;
    /// The score of (summed) statistics.
    fn score(&self, stats: &Self::Stats) -> Score;
    /// The score of one segment's statistics, as sacreBLEU's CLI prints with
    /// `--sentence-level` (BLEU switches to effective order there).
    fn sentence_score(&self, stats: &Self::Stats) -> Score {
        self.score(stats)
    }
    /// The signature of sentence-level scores.
    fn sentence_signature(&self, nrefs: usize) -> Signature {
        self.signature(nrefs)
    }
}

/// A metric computed from the text of a hypothesis and its references.
pub trait TextMetric: Metric {
    /// Per-segment reference information (n-gram counts, lengths), built once and shared
    /// by every system and every resample.
    type RefInfo: Default + Send + Sync;

    /// Preprocesses the references of one segment.
    fn prepare_refs(&self, refs: &[&str]) -> Self::RefInfo;
    /// Like [`TextMetric::prepare_refs`], but into `info`, reusing its allocations: the
    /// scoring loop prepares one segment after another into the same buffers.
    fn prepare_refs_into(&self, refs: &[&str], info: &mut Self::RefInfo) {
        *info = self.prepare_refs(refs);
    }
    /// Statistics of one hypothesis against its prepared references.
    fn segment_stats(&self, hyp: &str, refs: &Self::RefInfo) -> Self::Stats;
}

/// A metric whose statistics sacreBLEU's significance code can resample.
///
/// sacreBLEU handles statistics as flat numeric lists; an implementation says how its
/// typed statistics flatten and how sacreBLEU scores the flat sums. Adding a metric takes
/// a `flatten` and two small scoring functions. TER, for example
/// (`ter.py::_compute_score_from_stats`; statistics `{edits, ref_len}` as floats):
///
/// ```text
/// impl Resample for Ter {
///     fn width(&self) -> usize { 2 }
///     fn flatten(&self, s: &TerStats, out: &mut Vec<f64>) { out.extend([s.edits, s.ref_len]) }
///     fn score_f32(&self, s: &[f32]) -> Np {
///         // float32 division when ref_len > 0; the other branches are Python floats.
///         if s[1] > 0.0 { Np::Py(100.0) * Np::F32(s[0] / s[1]) }
///         else { Np::Py(if s[0] > 0.0 { 100.0 } else { 0.0 }) }
///     }
///     fn score_f64(&self, s: &[f64]) -> f64 { self.score(&TerStats { edits: s[0], ref_len: s[1] }).score }
///     fn integral(&self) -> bool { false } // average reference lengths can be fractional
/// }
/// ```
///
/// plus one line in the registry ([`crate::registry`]).
pub trait Resample: Metric {
    /// Length of sacreBLEU's flat per-segment statistics list.
    fn width(&self) -> usize;

    /// Appends the flat statistics of one segment (exact values of sacreBLEU's list; they
    /// are cast to float32 for bootstrap resampling) to `out`.
    fn flatten(&self, stats: &Self::Stats, out: &mut Vec<f64>);

    /// `_compute_score_from_stats` on a float32 array of summed statistics: the score as
    /// numpy computes it, as a float32 or a Python float.
    fn score_f32(&self, sums: &[f32]) -> Np;

    /// `_aggregate_and_compute` on exact (int64 / float64) summed statistics, as
    /// approximate randomisation scores its pseudo-systems.
    fn score_f64(&self, sums: &[f64]) -> f64;

    /// Whether flat statistics are integers (exact in f64 below 2^53). Approximate
    /// randomisation then computes the second pseudo-system as `total - first`;
    /// fractional statistics (TER) are summed segment by segment instead.
    fn integral(&self) -> bool {
        true
    }
}

/// What the layers above scoring need from a metric: rebuilding it from a report's
/// signature, checking statistics read back from files, and adding shard sums without
/// overflow. Implemented beside each metric; the closed set of metrics is the registry
/// in [`crate::registry`].
pub trait Registered: Resample + Clone + std::fmt::Debug + Sized {
    /// Rebuilds the metric a report names `name` with `signature`; `None` if the name is
    /// not this metric's or a key is missing or not understood.
    fn from_signature(name: &str, signature: &Signature) -> Option<Self>;

    /// Checks this metric's options in `settings`, whether or not the metric is
    /// requested: an invalid option is an error in any case.
    fn check_settings(_settings: &settings::MetricSettings) -> crate::error::Result<()> {
        Ok(())
    }

    /// Builds the metric that `key` (a family key: `bleu`, `chrf++`, lowercase) names,
    /// with its options from `settings`; `None` if the key is not this metric's.
    fn from_settings(
        key: &str,
        settings: &settings::MetricSettings,
    ) -> Option<crate::error::Result<Self>>;

    /// Refuses options outside their documented ranges in a rebuilt metric (a chrF order
    /// of 10^10 read from a file would loop for minutes).
    fn check_options(&self) -> Result<(), String> {
        Ok(())
    }

    /// The statistics of no segments (chrF: zeros at each of its orders).
    fn empty_stats(&self) -> Self::Stats {
        Self::Stats::default()
    }

    /// Whether merging shards exactly needs every segment's statistics (sums of
    /// fractional statistics depend on grouping): only TER with several references.
    fn merge_needs_segments(&self, _nrefs: usize) -> bool {
        false
    }

    /// Adds `b` to `a`; `None` when a count passes 2^64 or a sum leaves the finite range.
    fn checked_add(a: &mut Self::Stats, b: &Self::Stats) -> Option<()>;

    /// Whether summed statistics could come from real text: the sum of `segments`
    /// segments, against `nrefs` references where known.
    fn check_stats(
        &self,
        stats: &Self::Stats,
        segments: usize,
        nrefs: Option<usize>,
    ) -> Result<(), String>;

    /// What one segment's statistics keep of its references alone, independent of the
    /// hypothesis, with `nrefs` references (`None` if nothing: with several references
    /// BLEU and chrF keep the closest or best-matching one). Used to tell that two
    /// reports were scored against different references.
    fn reference_fingerprint(_stats: &Self::Stats, _nrefs: usize) -> Option<Vec<f64>> {
        None
    }

    /// Files the metric read its values from (an external metric's score files), which
    /// no output may overwrite.
    fn input_files(&self) -> Vec<&std::path::Path> {
        Vec::new()
    }

    /// Further checks for one segment's own statistics (after [`Registered::check_stats`]).
    fn check_segment(&self, _stats: &Self::Stats, _nrefs: Option<usize>) -> Result<(), String> {
        Ok(())
    }
}

/// Sums statistics in order.
pub fn sum_stats<'a, S: Stats + 'a>(stats: impl IntoIterator<Item = &'a S>) -> S {
    let mut total = S::default();
    for s in stats {
        total += s;
    }
    total
}

/// A score with the details sacreBLEU reports beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// The score, unrounded, on sacreBLEU's 0..100 scale (TER may exceed 100).
    pub score: f64,
    /// Metric-specific details.
    #[serde(flatten)]
    pub details: ScoreDetails,
}

/// Metric-specific parts of a [`Score`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ScoreDetails {
    /// BLEU: n-gram precisions, brevity penalty, lengths and counts.
    Bleu {
        /// Precision per order, 0..100.
        precisions: Vec<f64>,
        /// Brevity penalty.
        bp: f64,
        /// `hyp_len / ref_len` (0 when `ref_len` is 0).
        ratio: f64,
        /// Hypothesis length in tokens.
        hyp_len: u64,
        /// Closest-reference length in tokens.
        ref_len: u64,
        /// Matching n-grams per order, as sacreBLEU reports them (with add-k smoothing, k
        /// is included for orders 2 and up, so they may be fractional).
        #[serde(serialize_with = "whole_as_int")]
        counts: Vec<f64>,
        /// Hypothesis n-grams per order (same convention as `counts`).
        #[serde(serialize_with = "whole_as_int")]
        totals: Vec<f64>,
    },
    /// chrF / chrF++: the statistics behind the F-score.
    Chrf {
        /// chrF's beta.
        beta: u32,
        /// Character n-gram order.
        char_order: usize,
        /// Word n-gram order.
        word_order: usize,
    },
    /// TER: edits and reference length.
    Ter {
        /// Total (best) number of edits.
        num_edits: f64,
        /// Total average reference length.
        ref_length: f64,
    },
    /// A metric with nothing to report beside its score (no keys in the JSON).
    Plain {},
}

/// Writes whole numbers as JSON integers (`8`, not `8.0`) and others as floats.
fn whole_as_int<S: serde::Serializer>(v: &[f64], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(v.len()))?;
    for &x in v {
        if x.fract() == 0.0 && x.abs() < 9.0e15 {
            seq.serialize_element(&(x as i64))?;
        } else {
            seq.serialize_element(&x)?;
        }
    }
    seq.end()
}

impl Score {
    /// sacreBLEU's text rendering of the score and its details with `width` decimals:
    /// `53.8 89.2/69.7/51.7/36.0 (BP = 0.922 ratio = 0.925 hyp_len = 37 ref_len = 40)`.
    pub fn format(&self, width: usize) -> String {
        match &self.details {
            ScoreDetails::Bleu {
                precisions,
                bp,
                ratio,
                hyp_len,
                ref_len,
                ..
            } => {
                let p: Vec<String> = precisions.iter().map(|p| format!("{p:.1}")).collect();
                format!(
                    "{:.w$} {} (BP = {bp:.3} ratio = {ratio:.3} hyp_len = {hyp_len} ref_len = {ref_len})",
                    self.score,
                    p.join("/"),
                    w = width
                )
            }
            _ => format!("{:.w$}", self.score, w = width),
        }
    }
}
