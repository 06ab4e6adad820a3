//! `mteval run`: every test set of a manifest, scored, tested and gated.
//!
//! Executes a [`RunPlan`] (resolved, every configuration error already raised): scores
//! each test set's systems with every metric (per-segment
//! statistics kept), adds sentence scores, significance results and entity summaries,
//! finds the segments where systems differ most, evaluates the gates, and returns one
//! [`RunReport`]. Nothing is written here: `report::write_run` renders and writes
//! atomically once everything has succeeded, so an error never leaves half a report.

use std::path::{Path, PathBuf};

use crate::corpus::{Corpus, TextFile};
use crate::error::Result;
use crate::eval::{AnyMetric, SegmentStats};
use crate::gate;
use crate::manifest::Manifest;
use crate::plan::{PlannedTestSet, RunPlan};
use crate::report::run::{
    DifferingSegment, MetricInfo, MetricScore, PairComparison, RunReport, SignificanceInfo,
    SystemReport, TestSetReport, SCHEMA_VERSION,
};
use crate::significance::{
    holm_bonferroni, paired_any, PairedConfig, PairedTest, DEFAULT_AR_TRIALS,
    DEFAULT_BOOTSTRAP_SAMPLES,
};

/// Receives progress as the run advances (the binary draws a progress bar with it; the
/// library never prints).
pub trait Progress: Sync {
    /// The run will take `steps` steps (test set × metric, plus one per system's entity
    /// check).
    fn start(&self, steps: u64);
    /// One step is done; `what` names the next one.
    fn step(&self, what: &str);
    /// The run is over.
    fn finish(&self);
}

/// Scores, tests and gates every test set of a resolved plan and returns the complete
/// report (gates included). Every configuration error was raised by
/// [`RunPlan::resolve`] before this starts.
pub fn run(plan: &RunPlan, progress: &dyn Progress) -> Result<RunReport> {
    progress.start(plan.steps());
    let mut report = RunReport {
        schema_version: SCHEMA_VERSION,
        tool: format!("mteval {}", env!("CARGO_PKG_VERSION")),
        testsets: Vec::new(),
        gates: Vec::new(),
    };
    for t in &plan.testsets {
        let mut ts = score_testset(plan, t, progress)?;
        if let Some((test, _)) = plan.significance {
            add_significance(&mut ts, &t.metrics, test, &plan.manifest);
        }
        rank(&mut ts);
        report.testsets.push(ts);
    }
    progress.finish();
    report.gates = gate::evaluate(plan, &report);
    Ok(report)
}

/// Ranks systems by the first metric, best first in its direction (TER: lowest), ties by
/// name.
fn rank(ts: &mut TestSetReport) {
    let Some(first) = ts.metrics.first() else {
        return;
    };
    let lower = crate::gate::lower_is_better(&first.name);
    let mut order: Vec<usize> = (0..ts.systems.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (ts.systems[a].scores[0].score, ts.systems[b].scores[0].score);
        let c = if lower {
            x.total_cmp(&y)
        } else {
            y.total_cmp(&x)
        };
        c.then_with(|| ts.systems[a].name.cmp(&ts.systems[b].name))
    });
    for (r, i) in order.into_iter().enumerate() {
        ts.systems[i].rank = Some(r + 1);
    }
}

fn score_testset(
    plan: &RunPlan,
    pt: &PlannedTestSet,
    progress: &dyn Progress,
) -> Result<TestSetReport> {
    let (m, t, metrics, manifest) = (
        &plan.manifest,
        &pt.set,
        &pt.metrics[..],
        &plan.manifest_path,
    );
    let read = |ps: &[PathBuf]| -> Result<Vec<TextFile>> {
        ps.iter().map(|p| TextFile::read(p)).collect()
    };
    let systems = t
        .systems
        .iter()
        .zip(&t.system_names)
        .map(|(p, name)| Ok(TextFile::read(p)?.named(name)))
        .collect::<Result<Vec<_>>>()?;
    let corpus = Corpus::new(read(&t.references)?, systems)?;
    let source = match &t.source {
        Some(p) => {
            let s = TextFile::read(p)?;
            if s.len() != corpus.len() {
                return Err(crate::encoding::line_counts_differ(
                    p,
                    s.len(),
                    &t.references[0],
                    corpus.len(),
                ));
            }
            Some(s)
        }
        None => None,
    };
    let base = manifest.parent().unwrap_or(Path::new(""));
    let rel = |p: &Path| {
        p.strip_prefix(base)
            .unwrap_or(p)
            .to_string_lossy()
            .into_owned()
    };
    let mut systems: Vec<SystemReport> = corpus
        .systems
        .iter()
        .map(|s| SystemReport {
            name: s.stem(),
            path: rel(&s.path),
            scores: Vec::new(),
            entities: None,
            rank: None,
        })
        .collect();
    let mut infos = Vec::new();
    for metric in metrics {
        progress.step(&format!("{}: {}", t.name, metric.name()));
        let results = metric.evaluate(&corpus);
        infos.push(MetricInfo {
            name: metric.name(),
            signature: results[0].signature.format(),
        });
        for (sys, r) in systems.iter_mut().zip(results) {
            sys.scores.push(MetricScore {
                metric: r.metric.clone(),
                score: r.score.score,
                signature: r.signature.format(),
                mean: None,
                ci: None,
                ci_low: None,
                ci_high: None,
                p_value: None,
                significant: None,
                segment_scores: metric.sentence_scores(&r.stats),
                stats: r.stats,
            });
        }
    }
    let (entities, entities_skipped) = match pt.entities.clone() {
        // The source is required here, and the files are the ones just scored.
        Ok(opts) => {
            let src = source.as_ref().expect("entity_options requires a source");
            let done = |system: &str| progress.step(&format!("{}: entities of {system}", t.name));
            let r = crate::entities::check_loaded(
                &opts,
                src,
                &corpus.systems,
                &corpus.refs[..1],
                &done,
            )?;
            for (sys, e) in systems.iter_mut().zip(&r.systems) {
                sys.entities = Some(e.summary.clone());
            }
            (Some(r), None)
        }
        Err(why) => {
            for _ in &t.systems {
                progress.step(&format!("{}: entities skipped", t.name));
            }
            (None, Some(why))
        }
    };
    let differing_segments = differing(&systems, &corpus, source.as_ref(), m.run.top_segments);
    Ok(TestSetReport {
        name: t.name.clone(),
        source_lang: t.source_lang.clone(),
        target_lang: t.target_lang.clone(),
        segments: corpus.len(),
        references: t.references.iter().map(|p| rel(p)).collect(),
        baseline: t.baseline.clone(),
        significance: None,
        metrics: infos,
        systems,
        comparisons: Vec::new(),
        differing_segments,
        entities,
        entities_skipped,
    })
}

/// Bootstrap CIs for every system, and p-values of the configured paired test against
/// the baseline (the manifest's, else the first system), exactly as sacreBLEU computes
/// them; with `all_pairs`, every pair of systems with Holm-corrected p-values.
fn add_significance(ts: &mut TestSetReport, metrics: &[AnyMetric], test: PairedTest, m: &Manifest) {
    let sig = &m.significance;
    let n = sig.samples.unwrap_or(match test {
        PairedTest::Bs => DEFAULT_BOOTSTRAP_SAMPLES,
        PairedTest::Ar => DEFAULT_AR_TRIALS,
    });
    let seed = Some(sig.seed);
    let cfg = PairedConfig {
        n_samples: n,
        seed,
        sacrebleu_p: false,
    };
    let b = ts
        .baseline
        .as_ref()
        .and_then(|b| ts.systems.iter().position(|s| &s.name == b))
        .unwrap_or(0);
    ts.baseline = Some(ts.systems[b].name.clone());
    let key = if test == PairedTest::Bs { "bs" } else { "ar" };
    for (k, metric) in metrics.iter().enumerate() {
        let others: Vec<usize> = (0..ts.systems.len()).filter(|&i| i != b).collect();
        let outcome = {
            let stats: Vec<&SegmentStats> = others
                .iter()
                .map(|&i| &ts.systems[i].scores[k].stats)
                .collect();
            paired_any(test, metric, &ts.systems[b].scores[k].stats, &stats, &cfg)
        };
        for i in 0..ts.systems.len() {
            let sc = &mut ts.systems[i].scores[k];
            let sys_sig = metric.signature_of(&sc.signature);
            sc.signature = sys_sig.with_resampling(key, n, seed).format();
        }
        if let Some(out) = outcome {
            // As `mteval score` and sacreBLEU: with the paired bootstrap each system's
            // mean and interval come from the same paired resamples; approximate
            // randomisation gives p-values only. (The run used to draw a separate
            // bootstrap for intervals, and to add one under an `ar:` signature.)
            let results =
                std::iter::once((b, &out.baseline)).chain(others.iter().copied().zip(&out.systems));
            for (i, r) in results {
                let sc = &mut ts.systems[i].scores[k];
                if test == PairedTest::Bs {
                    (sc.mean, sc.ci, sc.ci_low, sc.ci_high) = (r.mean, r.ci, r.ci_low, r.ci_high);
                }
                if i != b {
                    sc.p_value = r.p_value;
                    sc.significant = r.p_value.map(|p| p <= sig.alpha);
                }
            }
        }
        ts.metrics[k].signature = ts.systems[b].scores[k].signature.clone();
        if sig.all_pairs {
            let mut pairs = Vec::new();
            for a in 0..ts.systems.len() {
                for c in a + 1..ts.systems.len() {
                    let (sa, sc) = (
                        &ts.systems[a].scores[k].stats,
                        &ts.systems[c].scores[k].stats,
                    );
                    if let Some(p) =
                        paired_any(test, metric, sa, &[sc], &cfg).and_then(|o| o.systems[0].p_value)
                    {
                        pairs.push((a, c, p));
                    }
                }
            }
            let adjusted = holm_bonferroni(&pairs.iter().map(|p| p.2).collect::<Vec<_>>());
            for ((a, c, p), adj) in pairs.into_iter().zip(adjusted) {
                ts.comparisons.push(PairComparison {
                    metric: metric.name(),
                    system_a: ts.systems[a].name.clone(),
                    system_b: ts.systems[c].name.clone(),
                    p_value: p,
                    p_holm: adj,
                    significant: adj <= sig.alpha,
                });
            }
        }
    }
    ts.significance = Some(SignificanceInfo {
        test: m.significance.test.clone(),
        samples: n,
        seed: sig.seed,
        alpha: sig.alpha,
    });
}

/// The `top` segments with the largest spread of sentence scores across systems, using
/// the first chrF-family metric (sentence BLEU is too noisy) or else the first metric.
/// Ties go to the earlier segment, so the choice is deterministic.
fn differing(
    systems: &[SystemReport],
    corpus: &Corpus,
    source: Option<&TextFile>,
    top: usize,
) -> Vec<DifferingSegment> {
    if systems.len() < 2 || top == 0 {
        return Vec::new();
    }
    // chrF's sentence scores are the most informative of the lexical metrics here.
    let k = systems[0]
        .scores
        .iter()
        .position(|s| {
            matches!(
                crate::metrics::family::Family::of(&s.metric),
                Some(
                    crate::metrics::family::Family::Chrf
                        | crate::metrics::family::Family::ChrfPlusPlus
                )
            )
        })
        .unwrap_or(0);
    let mut spreads: Vec<(usize, f64)> = (0..corpus.len())
        .map(|i| {
            let v = systems.iter().map(|s| s.scores[k].segment_scores[i]);
            let (lo, hi) = v.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
                (lo.min(x), hi.max(x))
            });
            (i, hi - lo)
        })
        .collect();
    spreads.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    spreads
        .into_iter()
        .take(top)
        .filter(|&(_, spread)| spread > 0.0)
        .map(|(i, spread)| DifferingSegment {
            index: i,
            metric: systems[0].scores[k].metric.clone(),
            spread,
            source: source.map(|s| s.lines[i].clone()),
            reference: corpus.refs[0].lines[i].clone(),
            outputs: corpus
                .systems
                .iter()
                .map(|s| (s.stem(), s.lines[i].clone()))
                .collect(),
        })
        .collect()
}
