//! `mteval run`: every test set of a manifest, scored, tested and gated.
//!
//! Reads the manifest, scores each test set's systems with every metric (per-segment
//! statistics kept), adds sentence scores, significance results and entity summaries,
//! finds the segments where systems differ most, evaluates the gates, and returns one
//! [`RunReport`]. Nothing is written here: `report::write_run` renders and writes
//! atomically once everything has succeeded, so an error never leaves half a report.

use std::path::{Path, PathBuf};

use crate::config::MetricSettings;
use crate::corpus::{Corpus, TextFile};
use crate::entities::EntityOptions;
use crate::error::{display_path, Error, ErrorKind, Result};
use crate::eval::{AnyMetric, SegmentStats};
use crate::gate;
use crate::manifest::{Manifest, TestSet};
use crate::report::run::{
    DifferingSegment, MetricInfo, MetricScore, PairComparison, RunReport, SignificanceInfo,
    SystemReport, TestSetReport, SCHEMA_VERSION,
};
use crate::significance::{
    bootstrap_ci_any, holm_bonferroni, paired_any, PairedConfig, PairedTest, DEFAULT_AR_TRIALS,
    DEFAULT_BOOTSTRAP_SAMPLES,
};

/// What `mteval run` was asked to do.
#[derive(Debug, Clone)]
pub struct RunConfig {
    /// The manifest.
    pub manifest: PathBuf,
    /// Output directory.
    pub out: PathBuf,
    /// Suppress progress output.
    pub quiet: bool,
    /// Worker threads (`None`: one per core).
    pub threads: Option<usize>,
}

/// Metric settings from the manifest's `[metrics.*]` for a test set's target language.
fn settings(m: &Manifest, target_lang: Option<&str>) -> MetricSettings {
    let d = MetricSettings::default();
    let (b, c, t) = (&m.metrics.bleu, &m.metrics.chrf, &m.metrics.ter);
    MetricSettings {
        tokenize: b.tokenize.clone(),
        target_lang: target_lang.map(String::from),
        smooth_method: b.smooth_method.clone().unwrap_or(d.smooth_method),
        smooth_value: b.smooth_value,
        bleu_lowercase: b.lowercase,
        chrf_char_order: c.char_order.unwrap_or(d.chrf_char_order),
        chrf_word_order: c.word_order.unwrap_or(d.chrf_word_order),
        chrf_beta: c.beta.unwrap_or(d.chrf_beta),
        chrf_whitespace: c.whitespace,
        chrf_lowercase: c.lowercase,
        chrf_eps_smoothing: c.eps_smoothing,
        ter_normalized: t.normalized,
        ter_no_punct: t.no_punct,
        ter_asian_support: t.asian_support,
        ter_case_sensitive: t.case_sensitive,
    }
}

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

/// Progress that goes nowhere.
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: u64) {}
    fn step(&self, _: &str) {}
    fn finish(&self) {}
}

/// The most segments one test set of `mteval run` may have: the run keeps every
/// segment's statistics (for significance and the segment report), so memory grows
/// with it; `mteval score` streams corpora of any size.
pub const MAX_RUN_SEGMENTS: usize = 10_000_000;

/// Runs the manifest and returns the complete report (gates included) with the
/// Markdown width the manifest asks for.
pub fn run(cfg: &RunConfig, progress: &dyn Progress) -> Result<(RunReport, usize)> {
    let manifest = Manifest::read(&cfg.manifest)?;
    manifest.validate(&cfg.manifest)?;
    let testsets = manifest.test_sets(&cfg.manifest)?;
    // No report file may be one of the run's inputs (a baseline report or a system file
    // kept in the output directory).
    {
        let base = cfg.manifest.parent().unwrap_or(Path::new(""));
        let baseline = manifest
            .gates
            .baseline_report
            .as_ref()
            .map(|p| base.join(p));
        let mut inputs: Vec<&Path> = vec![cfg.manifest.as_path()];
        inputs.extend(baseline.as_deref());
        for t in &testsets {
            inputs.extend(t.references.iter().map(PathBuf::as_path));
            inputs.extend(t.systems.iter().map(PathBuf::as_path));
            inputs.extend(t.source.as_deref());
            inputs.extend(t.docids.as_deref());
            inputs.extend(t.glossary.as_deref());
        }
        let outputs: Vec<PathBuf> = crate::report::run_writers::FILES
            .iter()
            .map(|f| cfg.out.join(f))
            .collect();
        let outputs: Vec<&Path> = outputs.iter().map(PathBuf::as_path).collect();
        crate::report::output::refuse_inputs(&outputs, &inputs)?;
    }
    if manifest.gates.min_entity_recall.is_some()
        && testsets.iter().all(|t| entity_options(t).is_err())
    {
        return Err(Error::config(format!(
            "{}:{}: gates.min_entity_recall is set but no test set can have its names checked ({})",
            display_path(&cfg.manifest),
            manifest.line_of("gates", "min_entity_recall"),
            testsets
                .first()
                .and_then(|t| entity_options(t).err())
                .unwrap_or_default()
        )));
    }
    // A test set with a source is meant to have its names checked: say at once why it
    // cannot be (an unsupported or misspelt language), rather than only in the report.
    for t in testsets.iter().filter(|t| t.source.is_some()) {
        if let Err(why) = entity_options(t) {
            crate::error::stderr_line(&format!(
                "warning: {}: test set '{}': names are not checked: {why}",
                display_path(&cfg.manifest),
                t.name
            ));
        }
    }
    // The baseline report of max_drop is read before any scoring, so a missing or
    // unreadable one fails at once.
    if let Some(p) = &manifest.gates.baseline_report {
        if !manifest.gates.max_drop.is_empty() {
            let path = cfg.manifest.parent().unwrap_or(Path::new("")).join(p);
            gate::read_report(&path)?;
        }
    }
    // Validate every option before the first file is scored.
    for t in &testsets {
        settings(&manifest, t.target_lang.as_deref()).build(&manifest.run.metrics)?;
    }
    let test = match manifest.significance.test.as_str() {
        "paired-bs" => Some(PairedTest::Bs),
        "paired-ar" => Some(PairedTest::Ar),
        "none" => None,
        other => {
            return Err(Error::config(format!(
                "{}: unknown significance test '{other}' (expected paired-bs, paired-ar or none)",
                display_path(&cfg.manifest)
            )))
        }
    };
    if manifest.significance.samples == Some(0) {
        return Err(Error::config(format!(
            "{}: significance.samples must be at least 1",
            display_path(&cfg.manifest)
        )));
    }
    // One step per test set and metric, and one per system's entity check.
    let steps: usize = testsets
        .iter()
        .map(|t| manifest.run.metrics.len() + t.systems.len())
        .sum();
    progress.start(steps as u64);
    let mut report = RunReport {
        schema_version: SCHEMA_VERSION,
        tool: format!("mteval {}", env!("CARGO_PKG_VERSION")),
        testsets: Vec::new(),
        gates: Vec::new(),
    };
    for t in &testsets {
        let metrics = settings(&manifest, t.target_lang.as_deref()).build(&manifest.run.metrics)?;
        let mut ts = score_testset(&manifest, t, &metrics, &cfg.manifest, progress)?;
        if let Some(test) = test {
            let n = manifest.significance.samples.unwrap_or(match test {
                PairedTest::Bs => DEFAULT_BOOTSTRAP_SAMPLES,
                PairedTest::Ar => DEFAULT_AR_TRIALS,
            });
            crate::config::limits::check_resampling(n.max(DEFAULT_BOOTSTRAP_SAMPLES), ts.segments)?;
            // Confidence intervals are bootstrapped whatever the paired test.
            let b = if test == PairedTest::Bs {
                n
            } else {
                DEFAULT_BOOTSTRAP_SAMPLES
            };
            match crate::significance::bootstrap_sample_check(ts.segments, b) {
                Err(why) => {
                    return Err(Error::config(format!(
                        "{}: test set '{}': {why}",
                        display_path(&cfg.manifest),
                        t.name
                    )))
                }
                Ok(Some(w)) => {
                    crate::error::stderr_line(&format!("warning: test set '{}': {w}", t.name))
                }
                Ok(None) => {}
            }
            add_significance(&mut ts, &metrics, test, &manifest);
        }
        report.testsets.push(ts);
    }
    progress.finish();
    report.gates = gate::evaluate(&manifest, &cfg.manifest, &report)?;
    Ok((report, manifest.run.width))
}

fn score_testset(
    m: &Manifest,
    t: &TestSet,
    metrics: &[AnyMetric],
    manifest: &Path,
    progress: &dyn Progress,
) -> Result<TestSetReport> {
    // Count every file's lines first (streaming, a few MB whatever the file): a
    // mismatch or a test set too large to hold fails before anything is loaded.
    let mut files: Vec<&PathBuf> = t.references.iter().chain(&t.systems).collect();
    files.extend(t.source.as_ref());
    files.extend(t.docids.as_ref());
    let mut counted: Option<(&PathBuf, usize)> = None;
    for p in files {
        let n = crate::stream::LineReader::open(p)?.count_all()?;
        match counted {
            None => {
                if n > MAX_RUN_SEGMENTS {
                    return Err(Error::new(
                        ErrorKind::BadInput,
                        format!(
                            "{}: has {}, more than `mteval run` holds in memory ({MAX_RUN_SEGMENTS}; it keeps every segment's statistics): score it with `mteval score`, which streams",
                            display_path(p),
                            crate::error::count(n, "line")
                        ),
                    ));
                }
                counted = Some((p, n));
            }
            Some((first, m)) if m != n => {
                return Err(crate::encoding::line_counts_differ(p, n, first, m));
            }
            _ => {}
        }
    }
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
    let (entities, entities_skipped) = match entity_options(t) {
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

/// The entity check's options for a test set, or why it cannot run: it needs a source
/// with its language, supported source and target languages, and for a non-English
/// source without a glossary a reference (names are found by agreement with it).
fn entity_options(t: &TestSet) -> std::result::Result<EntityOptions, String> {
    use crate::entities::script::{source_script, target_script, Script};
    let (Some(source), Some(sl), Some(tl)) = (&t.source, &t.source_lang, &t.target_lang) else {
        return Err("needs source, source_lang and target_lang".to_string());
    };
    if target_script(tl).is_none() {
        return Err(format!(
            "target language '{tl}' is not supported ({})",
            crate::entities::supported_languages()
        ));
    }
    let Some(script) = source_script(sl) else {
        return Err(format!(
            "source language '{sl}' is not supported ({})",
            crate::entities::supported_languages()
        ));
    };
    if script != Script::Latin && t.glossary.is_none() && t.references.is_empty() {
        return Err(format!(
            "names of a '{sl}' source are found by agreement with a reference; add one, or a glossary"
        ));
    }
    Ok(EntityOptions {
        source: source.clone(),
        source_lang: sl.clone(),
        target_lang: tl.clone(),
        hyps: t.systems.clone(),
        hyp_names: t.system_names.clone(),
        refs: t.references.first().cloned().into_iter().collect(),
        glossary: t.glossary.clone(),
        docids: t.docids.clone(),
        strict_spelling: false,
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
    let ci_n = if test == PairedTest::Bs {
        n
    } else {
        DEFAULT_BOOTSTRAP_SAMPLES
    };
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
            if let Some(ci) = bootstrap_ci_any(metric, &sc.stats, ci_n, seed) {
                (sc.mean, sc.ci, sc.ci_low, sc.ci_high) = (ci.mean, ci.ci, ci.ci_low, ci.ci_high);
            }
            let sys_sig = metric.signature_of(&sc.signature);
            sc.signature = sys_sig.with_resampling(key, n, seed).format();
        }
        if let Some(out) = outcome {
            for (&i, r) in others.iter().zip(&out.systems) {
                let sc = &mut ts.systems[i].scores[k];
                sc.p_value = r.p_value;
                sc.significant = r.p_value.map(|p| p <= sig.alpha);
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
    let k = systems[0]
        .scores
        .iter()
        .position(|s| s.metric.starts_with("chrF"))
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
