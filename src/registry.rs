//! The registry: the closed set of metrics mteval computes, and the one place that
//! dispatches over it.
//!
//! Everything a metric knows lives beside it in its file in `metrics/`: scoring and
//! signature ([`crate::metrics::Metric`]), float32 resampling statistics
//! ([`crate::metrics::Resample`]), building from the user's options, rebuilding from a
//! signature and read-back checks ([`crate::metrics::Registered`]), and its family's
//! [`Facts`] (key, direction, range, default `max_drop`). This file lists the metrics
//! once, in the `registry!` invocation, and generates from that list:
//!
//! * [`FAMILIES`], and [`AnyMetric`]: a configured metric of any kind, built from
//!   options ([`AnyMetric::build`]) or from a report's signature
//!   ([`AnyMetric::from_signature`]);
//! * [`Evaluation`]: every system's statistics under one metric, held *with* the metric
//!   (`Evaluation::Bleu(Bleu, …BleuStats…)`), so statistics of the wrong metric cannot
//!   be represented: scoring, sentence scores, bootstrap intervals, paired tests and
//!   statistics records are total functions, with no "wrong kind" arm;
//! * [`SegmentStats`] and [`RecordStats`]: the wire forms in run reports
//!   (`{"kind":"bleu","segments":[…]}`) and statistics files (`"kind":"bleu","sum":…`).
//!   Read back, they meet their metric again only through a checked constructor
//!   ([`AnyMetric::evaluation_of`], [`AnyMetric::check_record`]), which refuses a
//!   mismatch as bad input.
//!
//! Adding a metric is one file in `metrics/` implementing [`crate::metrics::Metric`],
//! [`crate::metrics::Resample`] and [`crate::metrics::Registered`], and one line here
//! (see the README's "Adding a metric").

use serde::{Deserialize, Serialize};

use crate::metrics::bleu::{self, Bleu, BleuStats};
use crate::metrics::chrf::{self, Chrf, ChrfStats};
use crate::metrics::external::{self, External, ExternalStats};
use crate::metrics::family::{Facts, Family};
use crate::metrics::settings::MetricSettings;
use crate::metrics::ter::{self, Ter, TerStats};
use crate::metrics::{Metric, Registered, Score, Signature, TextMetric};
use crate::significance::{
    bootstrap_ci, paired_ar, paired_bootstrap, PairedConfig, PairedOutcome, PairedTest, SigResult,
};

/// The statistics of one system under one metric: the running sum and, when kept, every
/// segment's statistics in order. In statistics files the fields are `sum` and
/// `per_segment`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Accumulated<S> {
    /// The sum over the segments seen so far.
    pub sum: S,
    /// Every segment's statistics, if kept.
    #[serde(
        rename = "per_segment",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub segments: Option<Vec<S>>,
}

impl<S: crate::metrics::Stats> Accumulated<S> {
    fn new(sum: S, keep: bool) -> Accumulated<S> {
        Accumulated {
            sum,
            segments: keep.then(Vec::new),
        }
    }

    /// Adds segments in order (sums are the same as one sequential pass, whatever the
    /// threads that computed them).
    fn extend(&mut self, stats: Vec<S>) {
        for s in &stats {
            self.sum += s;
        }
        if let Some(kept) = &mut self.segments {
            kept.extend(stats);
        }
    }

    fn segments(&self) -> &[S] {
        self.segments.as_deref().unwrap_or_default()
    }
}

/// Where a metric's per-segment statistics come from when the evaluation is handed
/// segments `0..n` of a block: [`TextMetric`]s score the text (see
/// [`crate::eval::block_stats`]).
trait AddSegments: Metric {
    fn add_segments<'a>(
        &self,
        accs: &mut [Accumulated<Self::Stats>],
        n: usize,
        refs: &(dyn Fn(usize, &mut Vec<&'a str>) + Sync),
        hyp: &(dyn Fn(usize, usize) -> &'a str + Sync),
    );

    /// Checks, once every block was added, that the metric had statistics for exactly
    /// `segments` segments.
    fn check_segments(&self, _segments: usize) -> crate::error::Result<()> {
        Ok(())
    }
}

impl<M: TextMetric> AddSegments for M {
    fn add_segments<'a>(
        &self,
        accs: &mut [Accumulated<M::Stats>],
        n: usize,
        refs: &(dyn Fn(usize, &mut Vec<&'a str>) + Sync),
        hyp: &(dyn Fn(usize, usize) -> &'a str + Sync),
    ) {
        let stats = crate::eval::block_stats(self, n, accs.len(), refs, hyp);
        for (acc, s) in accs.iter_mut().zip(stats) {
            acc.extend(s);
        }
    }
}

/// External scores are already computed: a block takes each system's next `n` scores
/// (from where its statistics end), and the files must hold exactly as many scores as
/// the test set has segments.
impl AddSegments for External {
    fn add_segments<'a>(
        &self,
        accs: &mut [Accumulated<ExternalStats>],
        n: usize,
        _refs: &(dyn Fn(usize, &mut Vec<&'a str>) + Sync),
        _hyp: &(dyn Fn(usize, usize) -> &'a str + Sync),
    ) {
        for (acc, system) in accs.iter_mut().zip(self.scores.iter()) {
            let from = usize::try_from(acc.sum.segments).unwrap_or(usize::MAX);
            let stats = system.scores.iter().skip(from).take(n);
            acc.extend(stats.map(|&x| External::segment(x)).collect());
        }
    }

    fn check_segments(&self, segments: usize) -> crate::error::Result<()> {
        self.check_lengths(segments)
    }
}

fn check_all<M: Registered>(
    m: &M,
    acc: &Accumulated<M::Stats>,
    segments: usize,
    nrefs: Option<usize>,
) -> Result<(), String> {
    if let Some(v) = &acc.segments {
        if v.len() != segments {
            return Err(format!(
                "per_segment has {} entries for {segments} segments",
                v.len()
            ));
        }
    }
    m.check_stats(&acc.sum, segments, nrefs)?;
    acc.segments().iter().try_for_each(|s| {
        m.check_stats(s, segments, nrefs)?;
        m.check_segment(s, nrefs)
    })
}

/// Adds `b` to `a`: segment by segment where `b` has them (the same additions, in the
/// same order, as one pass), else its sum.
fn merge_into<M: Registered>(
    a: &mut Accumulated<M::Stats>,
    b: &Accumulated<M::Stats>,
) -> Option<()> {
    match &b.segments {
        Some(v) => v.iter().try_for_each(|s| M::checked_add(&mut a.sum, s)),
        None => M::checked_add(&mut a.sum, &b.sum),
    }
}

fn paired<M: Registered>(
    test: PairedTest,
    m: &M,
    accs: &[Accumulated<M::Stats>],
    baseline: usize,
    others: &[usize],
    cfg: &PairedConfig,
) -> PairedOutcome {
    let sys: Vec<&[M::Stats]> = others.iter().map(|&i| accs[i].segments()).collect();
    let bl = accs[baseline].segments();
    match test {
        PairedTest::Bs => paired_bootstrap(m, bl, &sys, cfg),
        PairedTest::Ar => paired_ar(m, bl, &sys, cfg),
    }
}

/// Generates the registry's types and their dispatch from one list of
/// `Variant(MetricType, StatsType)` (see the module docs).
macro_rules! registry {
    ($($variant:ident($metric:ty, $stats:ty) [$($facts:expr),*]),+ $(,)?) => {
        /// Every metric family, in report order (`-m`'s keys, gate keys).
        pub const FAMILIES: &[&Facts] = &[$($(&$facts,)*)+];

        /// A configured metric of any registered kind.
        #[derive(Debug, Clone)]
        pub enum AnyMetric {
            $(
                #[doc = concat!("[`", stringify!($metric), "`].")]
                $variant($metric),
            )+
        }

        /// Every system's statistics under one metric, held with that metric (see the
        /// module docs). Built by [`AnyMetric::evaluation`] and filled with
        /// [`Evaluation::add_segments`], or read back with [`AnyMetric::evaluation_of`].
        #[derive(Debug, Clone)]
        pub enum Evaluation {
            $(
                #[doc = concat!("[`", stringify!($metric), "`] and one accumulator per system.")]
                $variant($metric, Vec<Accumulated<$stats>>),
            )+
        }

        /// One system's per-segment statistics as run reports store them, so that a later
        /// run can be tested for significance against them.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "kind", content = "segments", rename_all = "lowercase")]
        pub enum SegmentStats {
            $(
                #[doc = concat!("[`", stringify!($stats), "`] per segment.")]
                $variant(Vec<$stats>),
            )+
        }

        /// One system's summed (and optionally per-segment) statistics as statistics
        /// files store them (`kind`, `sum`, `per_segment`).
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(tag = "kind", rename_all = "lowercase")]
        pub enum RecordStats {
            $(
                #[doc = concat!("[`", stringify!($stats), "`].")]
                $variant(Accumulated<$stats>),
            )+
        }

        impl AnyMetric {
            /// Builds the metrics `names` names (family keys, case-insensitive), in order,
            /// without duplicates, each with its options from `settings`. Every metric's
            /// options are checked first, requested or not.
            pub fn build(names: &[String], settings: &MetricSettings) -> crate::error::Result<Vec<AnyMetric>> {
                $( <$metric as Registered>::check_settings(settings)?; )+
                let mut metrics: Vec<AnyMetric> = Vec::new();
                for name in names {
                    let key = name.trim().to_ascii_lowercase();
                    let m = 'found: {
                        $(
                            if let Some(m) = <$metric as Registered>::from_settings(&key, settings) {
                                break 'found AnyMetric::$variant(m?);
                            }
                        )+
                        return Err(crate::error::Error::config(format!(
                            "unknown metric '{key}' (expected one of: {})",
                            family_keys()
                        )));
                    };
                    if !metrics.iter().any(|x| x.name() == m.name()) {
                        metrics.push(m);
                    }
                }
                if metrics.is_empty() {
                    return Err(crate::error::Error::config("no metric requested"));
                }
                Ok(metrics)
            }

            /// sacreBLEU's metric name (`BLEU`, `chrF2`, `chrF2++`, `TER`).
            pub fn name(&self) -> String {
                match self { $( AnyMetric::$variant(m) => m.name(), )+ }
            }

            /// The corpus signature for `nrefs` reference streams.
            pub fn signature(&self, nrefs: usize) -> Signature {
                match self { $( AnyMetric::$variant(m) => m.signature(nrefs), )+ }
            }

            /// The signature of sentence-level scores.
            pub fn sentence_signature(&self, nrefs: usize) -> Signature {
                match self { $( AnyMetric::$variant(m) => m.sentence_signature(nrefs), )+ }
            }

            /// Rebuilds the metric a report names `name` with the formatted `signature`,
            /// refusing options outside their documented ranges; the message says why.
            pub fn from_signature(name: &str, signature: &str) -> Result<AnyMetric, String> {
                let sig = Signature::parse(signature);
                let cannot = || format!("cannot rebuild {name} from signature {signature}");
                if let Some(k) = sig.repeated_key() {
                    return Err(format!("{name} signature {signature} gives '{k}' twice"));
                }
                $(
                    if let Some(m) = <$metric as Registered>::from_signature(name, &sig) {
                        m.check_options()
                            .map_err(|why| format!("{name} signature {signature} has {why}"))?;
                        return Ok(AnyMetric::$variant(m));
                    }
                )+
                Err(cannot())
            }

            /// Empty accumulators for `systems` systems, keeping every segment's
            /// statistics when `keep`.
            pub fn evaluation(&self, systems: usize, keep: bool) -> Evaluation {
                match self {
                    $( AnyMetric::$variant(m) => Evaluation::$variant(
                        m.clone(),
                        (0..systems).map(|_| Accumulated::new(m.empty_stats(), keep)).collect(),
                    ), )+
                }
            }

            /// Files the metric read values from, which no output may overwrite.
            pub fn input_files(&self) -> Vec<&std::path::Path> {
                match self { $( AnyMetric::$variant(m) => m.input_files(), )+ }
            }

            /// Whether merging shards exactly needs per-segment statistics.
            pub fn merge_needs_segments(&self, nrefs: usize) -> bool {
                match self { $( AnyMetric::$variant(m) => m.merge_needs_segments(nrefs), )+ }
            }

            /// Per-segment statistics read back from reports, one entry per system, with
            /// this metric: an error if any is of another metric's kind or fails
            /// [`crate::metrics::Registered::check_stats`].
            pub fn evaluation_of(
                &self,
                systems: &[&SegmentStats],
                nrefs: Option<usize>,
            ) -> Result<Evaluation, String> {
                match self {
                    $( AnyMetric::$variant(m) => {
                        let mut accs = Vec::with_capacity(systems.len());
                        for s in systems {
                            let SegmentStats::$variant(v) = s else {
                                return Err(format!(
                                    "statistics kind does not match the metric {}",
                                    self.name()
                                ));
                            };
                            let mut acc = Accumulated {
                                sum: m.empty_stats(),
                                segments: Some(v.clone()),
                            };
                            check_all(m, &acc, v.len(), nrefs)?;
                            for s in v {
                                <$metric as Registered>::checked_add(&mut acc.sum, s).ok_or_else(|| {
                                    format!("{} statistics overflow when summed", self.name())
                                })?;
                            }
                            accs.push(acc);
                        }
                        Ok(Evaluation::$variant(m.clone(), accs))
                    } )+
                }
            }

            /// Checks a statistics record of `segments` segments against this metric
            /// (its kind, and [`crate::metrics::Registered::check_stats`]).
            pub fn check_record(
                &self,
                stats: &RecordStats,
                segments: usize,
                nrefs: Option<usize>,
            ) -> Result<(), String> {
                match (self, stats) {
                    $( (AnyMetric::$variant(m), RecordStats::$variant(acc)) => {
                        check_all(m, acc, segments, nrefs)
                    } )+
                    #[allow(unreachable_patterns)]
                    _ => Err(format!(
                        "statistics kind does not match the metric {}",
                        self.name()
                    )),
                }
            }

            /// An empty record of this metric, to merge records into.
            pub fn empty_record(&self) -> RecordStats {
                match self {
                    $( AnyMetric::$variant(m) => {
                        RecordStats::$variant(Accumulated::new(m.empty_stats(), false))
                    } )+
                }
            }

            /// The score of a record's sum; `None` if it is another metric's record.
            pub fn score_record(&self, stats: &RecordStats) -> Option<Score> {
                match (self, stats) {
                    $( (AnyMetric::$variant(m), RecordStats::$variant(acc)) => {
                        Some(m.score(&acc.sum))
                    } )+
                    #[allow(unreachable_patterns)]
                    _ => None,
                }
            }
        }

        impl RecordStats {
            /// Adds `other` to `self` (see the statistics-file docs); `None` on overflow
            /// or when the records are of different metrics.
            pub fn checked_add(&mut self, other: &RecordStats) -> Option<()> {
                match (self, other) {
                    $( (RecordStats::$variant(a), RecordStats::$variant(b)) => {
                        merge_into::<$metric>(a, b)
                    } )+
                    #[allow(unreachable_patterns)]
                    _ => None,
                }
            }
        }

        impl Evaluation {
            /// The metric.
            pub fn metric(&self) -> AnyMetric {
                match self { $( Evaluation::$variant(m, _) => AnyMetric::$variant(m.clone()), )+ }
            }

            /// The number of systems.
            pub fn systems(&self) -> usize {
                match self { $( Evaluation::$variant(_, a) => a.len(), )+ }
            }

            /// Scores segments `0..n` of every system and adds them in segment order:
            /// `refs(i, buf)` pushes segment `i`'s references, `hyp(s, i)` is line `i`
            /// of system `s`.
            pub fn add_segments<'a>(
                &mut self,
                n: usize,
                refs: &(dyn Fn(usize, &mut Vec<&'a str>) + Sync),
                hyp: &(dyn Fn(usize, usize) -> &'a str + Sync),
            ) {
                match self { $( Evaluation::$variant(m, a) => m.add_segments(a, n, refs, hyp), )+ }
            }

            /// Checks, once every segment was added, that every system has statistics for
            /// exactly `segments` segments (external scores come from files of their own,
            /// whose lengths the text streams do not check).
            pub fn check_segments(&self, segments: usize) -> crate::error::Result<()> {
                match self { $( Evaluation::$variant(m, _) => m.check_segments(segments), )+ }
            }

            /// System `i`'s corpus score (the score of its summed statistics).
            pub fn score(&self, i: usize) -> Score {
                match self { $( Evaluation::$variant(m, a) => m.score(&a[i].sum), )+ }
            }

            /// System `i`'s score on a subset of its segments (the sum of their kept
            /// statistics, scored as a corpus); `None` when segments were not kept.
            pub fn score_of_segments(&self, i: usize, segments: &[usize]) -> Option<Score> {
                match self {
                    $( Evaluation::$variant(m, a) => {
                        let kept = a[i].segments.as_deref()?;
                        let mut sum = m.empty_stats();
                        for &k in segments {
                            sum += &kept[k];
                        }
                        Some(m.score(&sum))
                    } )+
                }
            }

            /// System `i`'s sentence scores, as sacreBLEU's `--sentence-level` (empty
            /// unless segments were kept).
            pub fn sentence_scores(&self, i: usize) -> Vec<f64> {
                self.sentence_score_details(i).into_iter().map(|s| s.score).collect()
            }

            /// System `i`'s sentence scores with their details (BLEU's precisions and
            /// brevity penalty, which sacreBLEU's `--sentence-level` prints on each line).
            pub fn sentence_score_details(&self, i: usize) -> Vec<Score> {
                use rayon::prelude::*;
                match self {
                    $( Evaluation::$variant(m, a) => a[i]
                        .segments()
                        .par_iter()
                        .map(|s| m.sentence_score(s))
                        .collect(), )+
                }
            }

            /// System `i`'s segments, each scored as a corpus of one segment with the
            /// metric's own options (sacreBLEU's API `Metric.sentence_score`: BLEU keeps
            /// its `effective_order` setting, where the CLI's `--sentence-level` forces
            /// it; see [`Evaluation::sentence_scores`]). Empty unless segments were kept.
            pub fn segment_scores(&self, i: usize) -> Vec<f64> {
                use rayon::prelude::*;
                match self {
                    $( Evaluation::$variant(m, a) => a[i]
                        .segments()
                        .par_iter()
                        .map(|s| m.score(s).score)
                        .collect(), )+
                }
            }

            /// Moves system `i`'s kept per-segment statistics out (empty if none were
            /// kept): its sum stays, its intervals, tests and sentence scores do not.
            pub fn take_segment_stats(&mut self, i: usize) -> SegmentStats {
                match self {
                    $( Evaluation::$variant(_, a) => {
                        SegmentStats::$variant(a[i].segments.take().unwrap_or_default())
                    } )+
                }
            }

            /// System `i`'s statistics record, with per-segment statistics when
            /// `with_segments` (and they were kept).
            pub fn record_stats(&self, i: usize, with_segments: bool) -> RecordStats {
                match self {
                    $( Evaluation::$variant(_, a) => RecordStats::$variant(Accumulated {
                        sum: a[i].sum.clone(),
                        segments: a[i].segments.clone().filter(|_| with_segments),
                    }), )+
                }
            }

            /// A bootstrap confidence interval of system `i` (sacreBLEU's `-ci`); `None`
            /// when its segments were not kept.
            pub fn bootstrap_ci(&self, i: usize, n_samples: usize, seed: Option<u64>) -> Option<SigResult> {
                match self {
                    $( Evaluation::$variant(m, a) => a[i]
                        .segments
                        .as_deref()
                        .map(|v| bootstrap_ci(m, v, n_samples, seed)), )+
                }
            }

            /// The paired `test` of every system in `others` against system `baseline`,
            /// exactly as sacreBLEU (see [`crate::significance`]).
            pub fn paired(
                &self,
                test: PairedTest,
                baseline: usize,
                others: &[usize],
                cfg: &PairedConfig,
            ) -> PairedOutcome {
                match self { $( Evaluation::$variant(m, a) => paired(test, m, a, baseline, others, cfg), )+ }
            }
        }

        impl SegmentStats {
            /// The number of segments.
            pub fn len(&self) -> usize {
                match self { $( SegmentStats::$variant(v) => v.len(), )+ }
            }

            /// Whether there are no segments.
            pub fn is_empty(&self) -> bool {
                self.len() == 0
            }

            /// What each segment's statistics keep of its references
            /// ([`crate::metrics::Registered::reference_fingerprint`]), if the metric keeps
            /// something with `nrefs` references: two reports whose fingerprints differ
            /// were scored against different references.
            pub fn reference_fingerprints(&self, nrefs: usize) -> Option<Vec<Vec<f64>>> {
                match self {
                    $( SegmentStats::$variant(v) => v
                        .iter()
                        .map(|s| <$metric as Registered>::reference_fingerprint(s, nrefs))
                        .collect(), )+
                }
            }
        }
    };
}

registry! {
    Bleu(Bleu, BleuStats) [bleu::FACTS],
    Chrf(Chrf, ChrfStats) [chrf::FACTS, chrf::PLUS_FACTS],
    Ter(Ter, TerStats) [ter::FACTS],
    // No family in FAMILIES: external metrics have no `-m` key (see `family_of_scored`).
    External(External, ExternalStats) [],
}

/// The family of a report's metric name (`BLEU`, `chrF2`, `chrF0++`, `TER`).
pub fn family_of(metric: &str) -> Option<Family> {
    FAMILIES
        .iter()
        .find(|f| (f.named)(metric))
        .map(|f| Family(f))
}

/// The family of a report's metric `name` with its formatted `signature`: a built-in
/// family by name, else an external metric's (direction from its signature's `better`).
pub fn family_of_scored(name: &str, signature: &str) -> Option<Family> {
    family_of(name).or_else(|| match Signature::parse(signature).get("better")? {
        "lower" => Some(Family(&external::LOWER)),
        "higher" => Some(Family(&external::HIGHER)),
        _ => None,
    })
}

/// Whether a lower score is better for the report metric named `metric` with the
/// formatted `signature` (TER; external error scores such as MetricX).
pub fn lower_is_better(metric: &str, signature: &str) -> bool {
    family_of_scored(metric, signature).is_some_and(|f| f.lower_is_better())
}

/// The family a key names (`bleu`, `chrf`, `chrf++`, `ter`; case-insensitive).
pub fn family_by_key(key: &str) -> Option<Family> {
    let k = key.trim().to_ascii_lowercase();
    FAMILIES.iter().find(|f| f.key == k).map(|f| Family(f))
}

/// Every family key, in order, for messages: `bleu, chrf, chrf++, ter`.
pub fn family_keys() -> String {
    FAMILIES
        .iter()
        .map(|f| f.key)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_to_families() {
        let key = |m: &str| family_of(m).map(Family::key);
        assert_eq!(key("BLEU"), Some("bleu"));
        assert_eq!(key("chrF2"), Some("chrf"));
        assert_eq!(key("chrF0"), Some("chrf"));
        assert_eq!(key("chrF2++"), Some("chrf++"));
        assert_eq!(key("TER"), Some("ter"));
        for none in ["chrF", "chrFx", "chrF++", "chrF2+", "COMET", "bleu"] {
            assert_eq!(key(none), None, "{none}");
        }
        assert_eq!(family_by_key("ChrF++").map(Family::key), Some("chrf++"));
        assert!(family_of("TER").unwrap().lower_is_better());
        assert!(!family_of("BLEU").unwrap().lower_is_better());
        assert_eq!(family_keys(), "bleu, chrf, chrf++, ter");
        // Every family's key is unique and no name belongs to two families.
        for (i, f) in FAMILIES.iter().enumerate() {
            assert!(FAMILIES[..i].iter().all(|g| g.key != f.key));
        }
    }
    use crate::metrics::bleu::{BleuStats, Orders, Smooth};
    use crate::metrics::Stats;
    use crate::significance::MIN_BOOTSTRAP_SEGMENTS;
    use crate::tokenize::TokenizerKind;

    const REFS: [&str; 6] = [
        "The cat sat on the mat.",
        "A dog barked loudly at the postman.",
        "It rained all day in Dhaka.",
        "We went home early because of the storm.",
        "Lavrov met Choe Son Hui in Moscow.",
        "Prices rose by 3.5 percent last year.",
    ];
    const HYP_A: [&str; 6] = [
        "The cat sat on a mat.",
        "A dog barked at the postman loudly.",
        "It rained the whole day in Dhaka.",
        "We went home early due to the storm.",
        "Lavrov met Choe Son Hui in Moscow.",
        "Prices went up 3.5 percent last year.",
    ];
    const HYP_B: [&str; 6] = [
        "Cat is on mat.",
        "The dog barks.",
        "Rain all day Dhaka.",
        "We home early storm.",
        "Lavrov met Choi in Moscow.",
        "Prices rose 3.5 percent.",
    ];

    fn evaluated(m: &AnyMetric) -> Evaluation {
        let hyps = [HYP_A, HYP_B];
        let mut ev = m.evaluation(2, true);
        ev.add_segments(REFS.len(), &|i, buf| buf.push(REFS[i]), &|s, i| hyps[s][i]);
        ev
    }

    fn direct<M: TextMetric>(m: &M, hyps: &[&str]) -> Vec<M::Stats> {
        hyps.iter()
            .zip(REFS)
            .map(|(h, r)| m.segment_stats(h, &m.prepare_refs(&[r])))
            .collect()
    }

    fn sum<S: Stats>(v: &[S]) -> S {
        crate::metrics::sum_stats(v)
    }

    /// Every dispatched operation equals the direct generic call on the same statistics.
    #[test]
    fn dispatch_equals_direct_calls() {
        assert!(REFS.len() >= MIN_BOOTSTRAP_SEGMENTS);
        let bleu = Bleu::default();
        let ev = evaluated(&AnyMetric::Bleu(bleu.clone()));
        let (a, b) = (direct(&bleu, &HYP_A), direct(&bleu, &HYP_B));
        assert_eq!(ev.score(1), bleu.score(&sum(&b)));
        let cfg = PairedConfig {
            n_samples: 50,
            ..PairedConfig::bootstrap()
        };
        assert_eq!(
            ev.paired(PairedTest::Bs, 0, &[1], &cfg),
            paired_bootstrap(&bleu, &a, &[&b], &cfg)
        );
        assert_eq!(
            ev.paired(PairedTest::Ar, 1, &[0], &cfg),
            paired_ar(&bleu, &b, &[&a], &cfg)
        );
        assert_eq!(
            ev.bootstrap_ci(0, 50, Some(1)),
            Some(bootstrap_ci(&bleu, &a, 50, Some(1)))
        );
        let sentence: Vec<f64> = b.iter().map(|s| bleu.sentence_score(s).score).collect();
        assert_eq!(ev.sentence_scores(1), sentence);
        let mut taken = ev.clone();
        assert_eq!(taken.take_segment_stats(1), SegmentStats::Bleu(b.clone()));
        assert_eq!(taken.score(1), ev.score(1), "the sum stays");
        assert!(taken.sentence_scores(1).is_empty());
        // Without kept segments: sums only, no interval.
        let mut sums = AnyMetric::Bleu(bleu.clone()).evaluation(2, false);
        let hyps = [HYP_A, HYP_B];
        sums.add_segments(REFS.len(), &|i, buf| buf.push(REFS[i]), &|s, i| hyps[s][i]);
        assert_eq!(sums.score(0), ev.score(0));
        assert_eq!(sums.bootstrap_ci(0, 50, Some(1)), None);
        assert!(sums.sentence_scores(0).is_empty());
    }

    /// Statistics read back meet their metric only through checked constructors: another
    /// metric's statistics are refused, never scored.
    #[test]
    fn statistics_of_another_metric_are_refused() {
        let bleu = AnyMetric::Bleu(Bleu::default());
        let chrf = AnyMetric::Chrf(Chrf::default());
        let ev = evaluated(&bleu);
        let mut taken = ev.clone();
        let (stats, stats1) = (taken.take_segment_stats(0), taken.take_segment_stats(1));
        let err = chrf.evaluation_of(&[&stats], Some(1)).unwrap_err();
        assert!(err.contains("does not match the metric chrF2"), "{err}");
        let back = bleu.evaluation_of(&[&stats, &stats1], Some(1)).unwrap();
        assert_eq!(back.score(1), ev.score(1));
        let record = ev.record_stats(0, false);
        assert!(chrf.check_record(&record, REFS.len(), Some(1)).is_err());
        assert_eq!(chrf.score_record(&record), None);
        assert_eq!(bleu.score_record(&record), Some(ev.score(0)));
        let mut total = chrf.empty_record();
        assert_eq!(total.checked_add(&record), None);
        // Segments that are each possible but whose sum passes 2^64 are refused, not
        // wrapped around into a wrong score.
        let huge = BleuStats {
            hyp_len: 1 << 63,
            ref_len: 1 << 63,
            matches: Orders::from_slice(&std::array::from_fn::<_, 4, _>(|n| {
                (1u64 << 63) - n as u64
            })),
            totals: Orders::from_slice(&std::array::from_fn::<_, 4, _>(|n| {
                (1u64 << 63) - n as u64
            })),
        };
        let two = SegmentStats::Bleu(vec![huge.clone(), huge]);
        let err = bleu.evaluation_of(&[&two], Some(1)).unwrap_err();
        assert!(err.contains("overflow"), "{err}");
    }

    /// Every metric rebuilt from its formatted signature gives the same signature back,
    /// with non-default options.
    #[test]
    fn metrics_round_trip_through_their_signatures() {
        let metrics = [
            AnyMetric::Bleu(Bleu {
                tokenizer: TokenizerKind::Intl,
                model: None,
                lowercase: true,
                smooth: Smooth::Floor(0.25),
                effective_order: true,
                max_order: 4,
            }),
            AnyMetric::Chrf(Chrf {
                char_order: 5,
                word_order: 2,
                beta: 3,
                lowercase: true,
                whitespace: true,
                eps_smoothing: true,
            }),
            AnyMetric::Ter(Ter {
                normalized: true,
                no_punct: true,
                asian_support: true,
                case_sensitive: true,
            }),
        ];
        for m in metrics {
            let sig = m.signature(3).format();
            let back = AnyMetric::from_signature(&m.name(), &sig).unwrap();
            assert_eq!(back.signature(3).format(), sig);
            assert_eq!(back.name(), m.name());
        }
        let err =
            AnyMetric::from_signature("chrF2", "nrefs:1|case:mixed|eff:yes|nc:100|nw:0|space:no")
                .unwrap_err();
        assert!(err.contains("out of range"), "{err}");
        assert!(AnyMetric::from_signature("COMET", "nrefs:1").is_err());
        // A key given twice is refused: which value was meant cannot be known (a map
        // would silently keep one of them, and the score would change with it).
        let twice = "nrefs:1|case:mixed|eff:no|tok:13a|smooth:none|smooth:exp";
        let err = AnyMetric::from_signature("BLEU", twice).unwrap_err();
        assert!(err.contains("'smooth' twice"), "{err}");
    }
}
