//! `mteval run`: every test set of a manifest, scored, tested and gated.
//!
//! Executes a [`RunPlan`] (resolved, every configuration error already raised): scores
//! each test set's systems with every metric (per-segment
//! statistics kept), adds sentence scores, significance results and entity summaries,
//! finds the segments where systems differ most, evaluates the gates, and returns one
//! [`RunReport`]. Nothing is written here: `report::write_run` renders and writes
//! atomically once everything has succeeded, so an error never leaves half a report.

use std::path::{Path, PathBuf};

use crate::annotate::{annotate, Tested};
use crate::corpus::{Corpus, TextFile};
use crate::error::Result;
use crate::gate;
use crate::plan::{PlannedTestSet, RunPlan};
use crate::registry::{AnyMetric, Evaluation};
use crate::report::run::{
    best_first, DifferingSegment, MetricInfo, MetricScore, PairComparison, RunReport, SegmentTexts,
    SignificanceInfo, SystemReport, TestSetReport, SCHEMA_VERSION,
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
        let mut ts = score_testset(plan, t, progress)?;
        rank(&mut ts, plan.manifest.run.rank_by.as_deref());
        report.testsets.push(ts);
    }
    progress.finish();
    report.gates = gate::evaluate(plan, &report);
    Ok(report)
}

/// Ranks systems by the metric `rank_by` names (a family key or a metric name, as gate
/// keys), else the first metric: best first in its direction (TER, error scores: lowest),
/// ties by name.
fn rank(ts: &mut TestSetReport, rank_by: Option<&str>) {
    let k = rank_by
        .and_then(|key| {
            ts.metrics
                .iter()
                .position(|m| gate::key_matches(key, &m.name))
        })
        .unwrap_or(0);
    let Some(by) = ts.metrics.get(k) else {
        return;
    };
    if rank_by.is_some() {
        ts.ranked_by = Some(by.name.clone());
    }
    for (r, i) in best_first(&ts.systems, k, by).into_iter().enumerate() {
        ts.systems[i].rank = Some(r + 1);
    }
}

/// Every system of `corpus` scored with `metric`, every segment's statistics kept.
pub fn evaluate(metric: &AnyMetric, corpus: &Corpus) -> Result<Evaluation> {
    let mut ev = metric.evaluation(corpus.systems.len(), true);
    ev.add_segments(
        corpus.len(),
        &|i, buf| buf.extend(corpus.refs.iter().map(|r| r.lines[i].as_str())),
        &|s, i| corpus.systems[s].lines[i].as_str(),
    );
    ev.check_segments(corpus.len())?;
    Ok(ev)
}

/// Scores one test set, with significance, entities and differing segments: its report
/// (ranks and gates come after).
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
    // The baseline of paired tests: the manifest's, else the first system.
    let baseline = t
        .baseline
        .as_ref()
        .and_then(|b| systems.iter().position(|s| &s.name == b))
        .unwrap_or(0);
    let mut infos = Vec::new();
    let mut comparisons = Vec::new();
    // The first reference's words, split once for every breakdown.
    let ref_words = m
        .run
        .breakdowns
        .then(|| crate::breakdown::corpus_words(&corpus.refs[0].lines));
    let mut by_length = ref_words
        .as_deref()
        .map(crate::breakdown::LengthBuckets::new);
    for metric in metrics {
        progress.step(&format!("{}: {}", t.name, metric.name()));
        let mut ev = evaluate(metric, &corpus)?;
        let corpus_signature = metric.signature(corpus.refs.len());
        let (signature, tested) = match &plan.significance {
            Some(r) => {
                comparisons.extend(all_pairs(&ev, &systems, r, &m.significance));
                annotate(&ev, r, baseline, &corpus_signature)
            }
            None => (corpus_signature, vec![Tested::default(); systems.len()]),
        };
        if let Some(b) = &mut by_length {
            b.add_metric(&ev);
        }
        let signature = signature.format();
        infos.push(MetricInfo {
            name: metric.name(),
            signature: signature.clone(),
        });
        for (i, (sys, t)) in systems.iter_mut().zip(tested).enumerate() {
            let p_value = t.p_value.flatten();
            sys.scores.push(MetricScore {
                metric: metric.name(),
                score: ev.score(i).score,
                signature: signature.clone(),
                estimate: t.estimate,
                p_value,
                significant: p_value.map(|p| p <= m.significance.alpha),
                cluster: None,
                segment_scores: ev.sentence_scores(i),
                // Moved, not copied: the report keeps them for later significance tests.
                stats: ev.take_segment_stats(i),
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
    assign_clusters(&mut systems, &infos, &comparisons);
    let differing_segments = differing(&systems, &corpus, source.as_ref(), m.run.top_segments);
    let breakdowns = match (by_length, ref_words) {
        (Some(b), Some(ref_words)) => Some(breakdowns(
            b,
            &ref_words,
            &corpus,
            t.frequency_corpus.as_deref(),
            &rel,
            baseline,
        )?),
        _ => None,
    };
    let significance = plan.significance.as_ref().and_then(|r| {
        let (_, samples) = r.paired?;
        Some(SignificanceInfo {
            test: m.significance.test.clone(),
            samples,
            seed: m.significance.seed,
            alpha: m.significance.alpha,
        })
    });
    // The texts move into the report (the corpus is not needed after this), so the
    // segment browser of report.html shows exactly the lines that were scored.
    let segments = corpus.len();
    let texts = SegmentTexts {
        source: source.map(|s| s.lines),
        references: corpus.refs.into_iter().map(|r| r.lines).collect(),
        systems: corpus.systems.into_iter().map(|s| s.lines).collect(),
    };
    Ok(TestSetReport {
        name: t.name.clone(),
        source_lang: t.source_lang.clone(),
        target_lang: t.target_lang.clone(),
        segments,
        references: t.references.iter().map(|p| rel(p)).collect(),
        baseline: match &significance {
            Some(_) => Some(systems[baseline].name.clone()),
            None => t.baseline.clone(),
        },
        significance,
        metrics: infos,
        ranked_by: None,
        systems,
        comparisons,
        differing_segments,
        entities,
        entities_skipped,
        breakdowns,
        texts: Some(texts),
    })
}

/// The breakdowns of a test set ([`crate::breakdown`]): the length buckets already
/// scored, word accuracy by frequency (in the references, or in the test set's
/// frequency corpus), and the baseline's characteristic n-grams against every system.
fn breakdowns(
    by_length: crate::breakdown::LengthBuckets,
    refs: &[Vec<&str>],
    corpus: &Corpus,
    frequency_corpus: Option<&Path>,
    rel: &dyn Fn(&Path) -> String,
    baseline: usize,
) -> Result<crate::breakdown::Breakdowns> {
    use crate::breakdown;
    let (freq, frequency_source) = match frequency_corpus {
        Some(p) => {
            let f = TextFile::read(p)?;
            let words = f.lines.iter().flat_map(|l| breakdown::words(l));
            (breakdown::frequencies(words), rel(p))
        }
        None => (
            breakdown::frequencies(refs.iter().flatten().copied()),
            "reference".to_string(),
        ),
    };
    let systems: Vec<Vec<Vec<&str>>> = corpus
        .systems
        .iter()
        .map(|s| breakdown::corpus_words(&s.lines))
        .collect();
    let names: Vec<String> = corpus.systems.iter().map(|s| s.stem()).collect();
    Ok(breakdown::Breakdowns {
        frequency_source,
        by_length: by_length.finish(),
        by_frequency: breakdown::word_accuracy(refs, &systems, &freq),
        ngrams: breakdown::ngram_comparison(refs, &systems, &names, baseline),
    })
}

/// Each system's significance cluster under each metric whose pairs were all tested
/// ([`crate::significance::clusters`]): systems best first in the metric's direction
/// (ties by name), split where the Holm-adjusted all-pairs test separates a system from
/// its cluster's first.
fn assign_clusters(
    systems: &mut [SystemReport],
    metrics: &[MetricInfo],
    comparisons: &[PairComparison],
) {
    for (k, info) in metrics.iter().enumerate() {
        let pairs: Vec<&PairComparison> = comparisons
            .iter()
            .filter(|c| c.metric == info.name)
            .collect();
        if pairs.is_empty() {
            continue;
        }
        let order = best_first(systems, k, info);
        let different = |a: usize, b: usize| {
            let (na, nb) = (&systems[a].name, &systems[b].name);
            pairs
                .iter()
                .find(|c| {
                    (&c.system_a == na && &c.system_b == nb)
                        || (&c.system_a == nb && &c.system_b == na)
                })
                .map(|c| c.significant)
        };
        if let Some(by_position) = crate::significance::clusters(&order, different) {
            for (pos, &s) in order.iter().enumerate() {
                systems[s].scores[k].cluster = Some(by_position[pos]);
            }
        }
    }
}

/// With `all_pairs`, the paired test of every pair of systems under one metric, with
/// Holm-corrected p-values (the p-values against the baseline come from [`annotate`]).
fn all_pairs(
    ev: &Evaluation,
    systems: &[SystemReport],
    r: &Resampling,
    sig: &crate::manifest::SignificanceSection,
) -> Vec<PairComparison> {
    let Some((test, n)) = r.paired.filter(|_| sig.all_pairs) else {
        return Vec::new();
    };
    let cfg = PairedConfig {
        n_samples: n,
        seed: r.seed,
        sacrebleu_p: r.sacrebleu_p,
    };
    let mut pairs = Vec::new();
    for a in 0..systems.len() {
        for c in a + 1..systems.len() {
            if let Some(p) = ev.paired(test, a, &[c], &cfg).systems[0].p_value {
                pairs.push((a, c, p));
            }
        }
    }
    let adjusted = holm_bonferroni(&pairs.iter().map(|p| p.2).collect::<Vec<_>>());
    pairs
        .into_iter()
        .zip(adjusted)
        .map(|((a, c, p), adj)| PairComparison {
            metric: ev.metric().name(),
            system_a: systems[a].name.clone(),
            system_b: systems[c].name.clone(),
            p_value: p,
            p_holm: adj,
            significant: adj <= sig.alpha,
        })
        .collect()
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
        .position(|s| {
            crate::registry::family_of_scored(&s.metric, &s.signature)
                .is_some_and(|f| f.0.ranks_segments)
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
            diffs: corpus
                .systems
                .iter()
                .map(|s| crate::breakdown::word_diff(&corpus.refs[0].lines[i], &s.lines[i]))
                .collect(),
        })
        .collect()
}
