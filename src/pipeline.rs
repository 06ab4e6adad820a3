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
use crate::error::{display_path, Error, ErrorKind, Result};
use crate::eval::AnyMetric;
use crate::gate;
use crate::manifest::{Manifest, TestSet};
use crate::report::run::{
    DifferingSegment, MetricInfo, MetricScore, RunReport, SystemReport, TestSetReport,
    SCHEMA_VERSION,
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

/// Runs the manifest and returns the complete report (gates included) with the
/// Markdown width the manifest asks for.
pub fn run(cfg: &RunConfig) -> Result<(RunReport, usize)> {
    let manifest = Manifest::read(&cfg.manifest)?;
    let testsets = manifest.test_sets(&cfg.manifest)?;
    // Validate every option before the first file is scored.
    for t in &testsets {
        settings(&manifest, t.target_lang.as_deref()).build(&manifest.run.metrics)?;
    }
    if manifest.significance.test != "none" {
        return Err(Error::new(
            ErrorKind::Unsupported,
            format!(
                "{}: significance test '{}' is not available yet; set [significance] test = \"none\"",
                display_path(&cfg.manifest),
                manifest.significance.test
            ),
        ));
    }
    let mut report = RunReport {
        schema_version: SCHEMA_VERSION,
        tool: format!("mteval {}", env!("CARGO_PKG_VERSION")),
        testsets: Vec::new(),
        gates: Vec::new(),
    };
    for t in &testsets {
        let metrics = settings(&manifest, t.target_lang.as_deref()).build(&manifest.run.metrics)?;
        report
            .testsets
            .push(score_testset(&manifest, t, &metrics, &cfg.manifest)?);
    }
    report.gates = gate::evaluate(&manifest, &cfg.manifest, &report)?;
    Ok((report, manifest.run.width))
}

fn score_testset(
    m: &Manifest,
    t: &TestSet,
    metrics: &[AnyMetric],
    manifest: &Path,
) -> Result<TestSetReport> {
    let read = |ps: &[PathBuf]| -> Result<Vec<TextFile>> {
        ps.iter().map(|p| TextFile::read(p)).collect()
    };
    let corpus = Corpus::new(read(&t.references)?, read(&t.systems)?)?;
    let source = match &t.source {
        Some(p) => {
            let s = TextFile::read(p)?;
            if s.len() != corpus.len() {
                return Err(Error::new(
                    ErrorKind::LengthMismatch,
                    format!(
                        "line counts differ: {} has {} lines but {} has {} lines",
                        display_path(p),
                        s.len(),
                        display_path(&t.references[0]),
                        corpus.len()
                    ),
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
        differing_segments,
    })
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
