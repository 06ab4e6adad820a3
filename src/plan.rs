//! A run's plan: the manifest and options resolved before any file is scored.
//!
//! [`RunPlan::resolve`] reads and validates the manifest, expands the test sets, builds
//! every test set's metrics, parses the significance test, counts every file's lines
//! (streaming) to check alignment and resampling limits, refuses outputs that are inputs,
//! and reads the baseline report of the gates. Every configuration error comes from
//! here, before the first segment is scored; the pipeline ([`crate::pipeline`]) only
//! executes the plan and the gates ([`crate::gate`]) use the baseline read here.

use std::path::{Path, PathBuf};

use crate::config::{MetricSettings, RunConfig};
use crate::entities::EntityOptions;
use crate::error::{display_path, Error, ErrorKind, Result};
use crate::manifest::{Manifest, TestSet};
use crate::registry::AnyMetric;
use crate::report::run::RunReport;
use crate::significance::{PairedTest, Resampling, DEFAULT_AR_TRIALS, DEFAULT_BOOTSTRAP_SAMPLES};

/// The most segments one test set of `mteval run` may have: the run keeps every
/// segment's statistics (for significance and the segment report), so memory grows
/// with it; `mteval score` streams corpora of any size.
pub const MAX_RUN_SEGMENTS: usize = 10_000_000;

/// Everything `mteval run` will do, resolved.
#[derive(Debug)]
pub struct RunPlan {
    /// The manifest's path (names it in messages; paths in reports are relative to it).
    pub manifest_path: PathBuf,
    /// The manifest as read and validated.
    pub manifest: Manifest,
    /// Test sets in manifest order, each with its metrics and segment count.
    pub testsets: Vec<PlannedTestSet>,
    /// The paired test, if any, with its resample or trial count.
    pub significance: Option<Resampling>,
    /// The baseline report of the gates (`[gates] baseline_report`), already read.
    pub baseline: Option<RunReport>,
    /// Decimals in the Markdown summary.
    pub width: usize,
}

/// One test set of a plan.
#[derive(Debug)]
pub struct PlannedTestSet {
    /// Files and names from the manifest.
    pub set: TestSet,
    /// The metrics, with this test set's target-language defaults.
    pub metrics: Vec<AnyMetric>,
    /// Segments (lines of every file, checked equal).
    pub segments: usize,
    /// The entity check's options, or why it cannot run.
    pub entities: std::result::Result<EntityOptions, String>,
}

impl RunPlan {
    /// Resolves `cfg` (see the module docs).
    pub fn resolve(cfg: &RunConfig) -> Result<RunPlan> {
        let path = &cfg.manifest;
        let manifest = Manifest::read(path)?;
        manifest.validate(path)?;
        let sets = manifest.test_sets(path)?;
        let at = |section: &str, key: &str| {
            format!("{}:{}", display_path(path), manifest.line_of(section, key))
        };
        let base = path.parent().unwrap_or(Path::new(""));
        let baseline_path = manifest
            .gates
            .baseline_report
            .as_ref()
            .map(|p| base.join(p));
        // No report file may be one of the run's inputs (a baseline report or a system
        // file kept in the output directory; external metrics' score files are checked
        // once their `{system}` patterns are expanded, below).
        let out_files: Vec<PathBuf> = crate::report::run_writers::FILES
            .iter()
            .map(|f| cfg.out.join(f))
            .collect();
        let outputs = || -> Vec<&Path> { out_files.iter().map(PathBuf::as_path).collect() };
        {
            let mut inputs: Vec<&Path> = vec![path.as_path()];
            inputs.extend(baseline_path.as_deref());
            for t in &sets {
                inputs.extend(t.references.iter().map(PathBuf::as_path));
                inputs.extend(t.systems.iter().map(PathBuf::as_path));
                inputs.extend(t.source.as_deref());
                inputs.extend(t.docids.as_deref());
                inputs.extend(t.glossary.as_deref());
                inputs.extend(t.frequency_corpus.as_deref());
            }
            crate::report::output::refuse_inputs(&outputs(), &inputs)?;
        }
        // The manifest's [significance] resolved as `score`'s flags are: a paired test
        // (no separate intervals: the paired bootstrap gives them), seeded.
        let significance = match manifest.significance.test.as_str() {
            "paired-bs" => Some(PairedTest::Bs),
            "paired-ar" => Some(PairedTest::Ar),
            _ => None,
        }
        .map(|test| Resampling {
            confidence: None,
            paired: Some((
                test,
                manifest.significance.samples.unwrap_or(match test {
                    PairedTest::Bs => DEFAULT_BOOTSTRAP_SAMPLES,
                    PairedTest::Ar => DEFAULT_AR_TRIALS,
                }),
            )),
            seed: Some(manifest.significance.seed),
            sacrebleu_p: false,
        });
        let mut testsets = Vec::new();
        for set in sets {
            let settings = settings(&manifest, base, set.target_lang.as_deref());
            let mut metrics = AnyMetric::build(&manifest.run.metrics, &settings)
                .map_err(|e| Error::config(format!("{}: {e}", display_path(path))))?;
            let entities = entity_options(&set);
            let segments = count_segments(&set)?;
            metrics.extend(external_metrics(path, &set, segments)?);
            let read: Vec<&Path> = metrics.iter().flat_map(|m| m.input_files()).collect();
            crate::report::output::refuse_inputs(&outputs(), &read)?;
            if let Some(p) = &set.frequency_corpus {
                // Opened now, so that a missing file is an error before any scoring.
                crate::stream::LineReader::open(p)?;
            }
            if let Some(r) = &significance {
                let limit = crate::config::limits::RESAMPLE_CELLS;
                r.check_size(segments, limit).map_err(|e| {
                    Error::config(format!(
                        "{}: test set '{}': {e}",
                        at("significance", "samples"),
                        set.name
                    ))
                })?;
                match r.check_bootstrap(segments) {
                    Err(why) => {
                        return Err(Error::config(format!(
                            "{}: test set '{}': {why}",
                            display_path(path),
                            set.name
                        )))
                    }
                    Ok(Some(w)) => {
                        crate::error::stderr_line(&format!("warning: test set '{}': {w}", set.name))
                    }
                    Ok(None) => {}
                }
                let pairs = set.systems.len() * set.systems.len().saturating_sub(1) / 2;
                if let (true, Some((_, n))) = (manifest.significance.all_pairs, r.paired) {
                    let alpha = manifest.significance.alpha;
                    if let Some(needed) = crate::significance::holm_samples_needed(pairs, n, alpha)
                    {
                        crate::error::stderr_line(&format!(
                            "warning: test set '{}': with {n} samples no pair of its {} systems can be significant after Holm's correction over {pairs} pairs (at best {:.3} > alpha {alpha}); set [significance] samples to at least {needed}",
                            set.name,
                            set.systems.len(),
                            pairs as f64 / (n as f64 + 1.0)
                        ));
                    }
                }
            }
            testsets.push(PlannedTestSet {
                set,
                metrics,
                segments,
                entities,
            });
        }
        if manifest.gates.min_entity_recall.is_some()
            && testsets.iter().all(|t| t.entities.is_err())
        {
            return Err(Error::config(format!(
                "{}: gates.min_entity_recall is set but no test set can have its names checked ({})",
                at("gates", "min_entity_recall"),
                testsets
                    .first()
                    .and_then(|t| t.entities.as_ref().err().cloned())
                    .unwrap_or_default()
            )));
        }
        // A test set with a source is meant to have its names checked: say at once why
        // it cannot be (an unsupported or misspelt language), rather than only in the
        // report.
        for t in testsets.iter().filter(|t| t.set.source.is_some()) {
            if let Err(why) = &t.entities {
                crate::error::stderr_line(&format!(
                    "warning: {}: test set '{}': names are not checked: {why}",
                    display_path(path),
                    t.set.name
                ));
            }
        }
        let baseline = baseline_path
            .map(|p| crate::report::read::read_report(&p))
            .transpose()?;
        Ok(RunPlan {
            manifest_path: path.clone(),
            width: manifest.run.width,
            manifest,
            testsets,
            significance,
            baseline,
        })
    }

    /// Steps for a progress bar: one per test set and metric, and one per system's
    /// entity check.
    pub fn steps(&self) -> u64 {
        self.testsets
            .iter()
            .map(|t| t.metrics.len() + t.set.systems.len())
            .sum::<usize>() as u64
    }
}

/// Counts every file's lines by streaming (a few MB whatever the file), so a mismatch
/// or a test set too large to hold fails before anything is loaded.
fn count_segments(t: &TestSet) -> Result<usize> {
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
    Ok(counted.map_or(0, |(_, n)| n))
}

/// A test set's external metrics (`[[testset.scores]]`), their files read and their
/// lengths checked against the test set's `segments`.
fn external_metrics(path: &Path, set: &TestSet, segments: usize) -> Result<Vec<AnyMetric>> {
    let named: Vec<(String, PathBuf)> = set
        .system_names
        .iter()
        .cloned()
        .zip(set.systems.iter().cloned())
        .collect();
    let mut out: Vec<AnyMetric> = Vec::new();
    for spec in &set.scores {
        if out
            .iter()
            .any(|m| m.name().eq_ignore_ascii_case(&spec.name))
        {
            return Err(Error::config(format!(
                "{}: test set '{}': scores '{}' is declared twice (names are matched in any case)",
                display_path(path),
                set.name,
                spec.name
            )));
        }
        let m = crate::score_file::load(spec, &named).map_err(|e| {
            if matches!(e.kind(), ErrorKind::Config) {
                Error::config(format!(
                    "{}: test set '{}': {e}",
                    display_path(path),
                    set.name
                ))
            } else {
                e
            }
        })?;
        m.check_lengths(segments)?;
        out.push(AnyMetric::External(m));
    }
    Ok(out)
}

/// Metric settings from the manifest's `[metrics.*]` for a test set's target language;
/// paths are relative to the manifest's directory `base`.
fn settings(m: &Manifest, base: &Path, target_lang: Option<&str>) -> MetricSettings {
    let d = MetricSettings::default();
    let (b, c, t) = (&m.metrics.bleu, &m.metrics.chrf, &m.metrics.ter);
    MetricSettings {
        tokenize: b.tokenize.clone(),
        target_lang: target_lang.map(String::from),
        tokenizer_models: crate::tokenize::ModelPaths {
            ipadic: b.ipadic.as_ref().map(|p| base.join(p)),
            mecab_ko_dic: b.mecab_ko_dic.as_ref().map(|p| base.join(p)),
            spm_model: b.spm_model.as_ref().map(|p| base.join(p)),
        },
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
