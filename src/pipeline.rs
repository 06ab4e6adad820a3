//! `mteval run`: every test set of a manifest, scored, tested and gated.
//!
//! Executes a [`RunPlan`] (resolved, every configuration error already raised): scores
//! each test set's systems with every metric (per-segment
//! statistics kept), adds sentence scores, significance results and entity summaries,
//! finds the segments where systems differ most, evaluates the gates, and returns one
//! [`RunReport`]. Nothing is written here: `report::write_run` renders and writes
//! atomically once everything has succeeded, so an error never leaves half a report.

use std::path::{Path, PathBuf};

use crate::annotate::annotate;
use crate::corpus::{Corpus, TextFile};
use crate::error::Result;
use crate::gate;
use crate::manifest::Manifest;
use crate::plan::{PlannedTestSet, RunPlan};
use crate::registry::{AnyMetric, Evaluation};
use crate::report::run::{
    DifferingSegment, MetricInfo, MetricScore, PairComparison, RunReport, SignificanceInfo,
    SystemReport, TestSetReport, SCHEMA_VERSION,
};
use crate::significance::{holm_bonferroni, PairedConfig, Resampling};

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
        let (mut ts, evaluations) = score_testset(plan, t, progress)?;
        if let Some(r) = &plan.significance {
            add_significance(&mut ts, &evaluations, r, &plan.manifest);
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

/// Every system of `corpus` scored with `metric`, every segment's statistics kept.
pub fn evaluate(metric: &AnyMetric, corpus: &Corpus) -> Evaluation {
    let mut ev = metric.evaluation(corpus.systems.len(), true);
    ev.add_segments(
        corpus.len(),
        &|i, buf| buf.extend(corpus.refs.iter().map(|r| r.lines[i].as_str())),
        &|s, i| corpus.systems[s].lines[i].as_str(),
    );
    ev
}

/// Scores one test set: its report without significance, and every metric's statistics
/// for the significance step.
fn score_testset(
    plan: &RunPlan,
    pt: &PlannedTestSet,
    progress: &dyn Progress,
) -> Result<(TestSetReport, Vec<Evaluation>)> {
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
    let mut evaluations = Vec::new();
    for metric in metrics {
        progress.step(&format!("{}: {}", t.name, metric.name()));
        let ev = evaluate(metric, &corpus);
        let signature = metric.signature(corpus.refs.len()).format();
        infos.push(MetricInfo {
            name: metric.name(),
            signature: signature.clone(),
        });
        for (i, sys) in systems.iter_mut().enumerate() {
            sys.scores.push(MetricScore {
                metric: metric.name(),
                score: ev.score(i).score,
                signature: signature.clone(),
                estimate: Default::default(),
                p_value: None,
                significant: None,
                segment_scores: ev.sentence_scores(i),
                stats: ev.segment_stats(i),
            });
        }
        evaluations.push(ev);
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
    let report = TestSetReport {
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
    };
    Ok((report, evaluations))
}

/// p-values of the configured paired test against the baseline (the manifest's, else
/// the first system), with the paired bootstrap's means and intervals, exactly as
/// `mteval score` and sacreBLEU compute them ([`annotate`]); with `all_pairs`, every pair
/// of systems with Holm-corrected p-values.
fn add_significance(
    ts: &mut TestSetReport,
    evaluations: &[Evaluation],
    resampling: &Resampling,
    m: &Manifest,
) {
    let sig = &m.significance;
    let Some((test, n)) = resampling.paired else {
        return;
    };
    let b = ts
        .baseline
        .as_ref()
        .and_then(|b| ts.systems.iter().position(|s| &s.name == b))
        .unwrap_or(0);
    ts.baseline = Some(ts.systems[b].name.clone());
    for (k, ev) in evaluations.iter().enumerate() {
        let metric = ev.metric();
        let nrefs = crate::metrics::signature::nrefs_of(&ts.metrics[k].signature).unwrap_or(1);
        let (signature, tested) = annotate(ev, resampling, b, &metric.signature(nrefs));
        for (sys, t) in ts.systems.iter_mut().zip(tested) {
            let sc = &mut sys.scores[k];
            sc.estimate = t.estimate;
            sc.p_value = t.p_value.flatten();
            sc.significant = sc.p_value.map(|p| p <= sig.alpha);
            sc.signature = signature.format();
        }
        ts.metrics[k].signature = signature.format();
        if sig.all_pairs {
            let cfg = PairedConfig {
                n_samples: n,
                seed: resampling.seed,
                sacrebleu_p: resampling.sacrebleu_p,
            };
            let mut pairs = Vec::new();
            for a in 0..ts.systems.len() {
                for c in a + 1..ts.systems.len() {
                    if let Some(p) = ev.paired(test, a, &[c], &cfg).systems[0].p_value {
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
/// the first metric whose family ranks segments (chrF; sentence BLEU is too noisy) or
/// else the first metric.
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
    let k = systems[0]
        .scores
        .iter()
        .position(|s| crate::registry::family_of(&s.metric).is_some_and(|f| f.0.ranks_segments))
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
