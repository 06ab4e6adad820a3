//! Regression gates: a report (and optionally a baseline report) plus thresholds give a
//! list of [`GateResult`]s; any failed rule makes `mteval run`/`compare` exit 1.
//!
//! Rules, keyed by metric (`bleu`, `chrf`, `chrf++`, `ter`, or a full metric name such
//! as `chrF2`):
//! - `min_score`: every system scores at least the threshold (for TER, which is better
//!   when lower, at most the threshold);
//! - `max_drop`: no system loses more than the threshold against the same test set,
//!   system and metric in the baseline report. A drop is a failure only when it is
//!   statistically significant, unless `fail_on_insignificant` is set; where significance
//!   cannot be tested the drop counts as significant (fail loudly rather than silently);
//! - `min_entity_recall`: every system's entity recall is at least the threshold.

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{display_path, Error, ErrorKind, Result};
use crate::eval::AnyMetric;
use crate::manifest::Manifest;
use crate::report::run::{GateResult, MetricScore, RunReport, SCHEMA_VERSION};

/// Whether a lower score is better for `metric` (TER).
pub fn lower_is_better(metric: &str) -> bool {
    metric == "TER"
}

/// Whether gate key `key` designates the metric named `metric`.
pub fn key_matches(key: &str, metric: &str) -> bool {
    let k = key.trim().to_ascii_lowercase();
    match k.as_str() {
        "*" => true,
        "bleu" => metric == "BLEU",
        "ter" => metric == "TER",
        "chrf" => metric.starts_with("chrF") && !metric.contains('+'),
        "chrf++" => metric.starts_with("chrF") && metric.ends_with("++"),
        _ => key == metric,
    }
}

/// Reads a report written by `mteval run`.
pub fn read_report(path: &Path) -> Result<RunReport> {
    parse_report(path, &crate::encoding::read_text(path)?)
}

/// [`read_report`] on text already read; `path` names it in messages.
pub fn parse_report(path: &Path, text: &str) -> Result<RunReport> {
    let report: RunReport = serde_json::from_str(text).map_err(|e| {
        Error::new(
            ErrorKind::BadInput,
            format!(
                "{}:{}: not an mteval report ({})",
                display_path(path),
                e.line(),
                first_line(&e.to_string())
            ),
        )
    })?;
    if report.schema_version != SCHEMA_VERSION {
        return Err(Error::new(
            ErrorKind::BadInput,
            format!(
                "{}: report schema version {} is not one this mteval reads ({SCHEMA_VERSION})",
                display_path(path),
                report.schema_version
            ),
        ));
    }
    check_report(&report).map_err(|why| {
        Error::new(
            ErrorKind::BadInput,
            format!("{}: {why}", display_path(path)),
        )
    })?;
    Ok(report)
}

/// Checks what `compare` and the `max_drop` gate rely on: unique test set, system and
/// metric names (a duplicate would be compared by its first copy only), finite scores,
/// p-values in [0, 1], signatures that rebuild a metric, and per-segment statistics of
/// the test set's length that could come from real text.
fn check_report(r: &RunReport) -> std::result::Result<(), String> {
    let mut testsets = std::collections::HashSet::new();
    for t in &r.testsets {
        if !testsets.insert(&t.name) {
            return Err(format!("two test sets are named '{}'", t.name));
        }
        let mut systems = std::collections::HashSet::new();
        for s in &t.systems {
            if !systems.insert(&s.name) {
                return Err(format!(
                    "test set '{}': two systems are named '{}'",
                    t.name, s.name
                ));
            }
            let mut metrics = std::collections::HashSet::new();
            for sc in &s.scores {
                let at = format!("test set '{}', system '{}', {}", t.name, s.name, sc.metric);
                if !metrics.insert(&sc.metric) {
                    return Err(format!("{at}: the metric appears twice"));
                }
                let finite = [Some(sc.score), sc.mean, sc.ci, sc.ci_low, sc.ci_high]
                    .into_iter()
                    .flatten()
                    .all(f64::is_finite);
                if !finite || sc.segment_scores.iter().any(|x| !x.is_finite()) {
                    return Err(format!("{at}: a score is not a finite number"));
                }
                if sc.p_value.is_some_and(|p| !(0.0..=1.0).contains(&p)) {
                    return Err(format!("{at}: p-value outside [0, 1]"));
                }
                let metric = crate::stats_file::metric_from(&sc.metric, &sc.signature)
                    .map_err(|why| format!("{at}: {why}"))?;
                if !sc.stats.is_empty() && sc.stats.len() != t.segments {
                    return Err(format!(
                        "{at}: statistics of {} for a test set of {}",
                        crate::error::count(sc.stats.len(), "segment"),
                        crate::error::count(t.segments, "segment")
                    ));
                }
                crate::stats_file::check_segment_stats(&metric, &sc.stats)
                    .map_err(|why| format!("{at}: {why}"))?;
            }
        }
    }
    Ok(())
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

/// Evaluates the manifest's gates on `report`.
pub fn evaluate(m: &Manifest, manifest: &Path, report: &RunReport) -> Result<Vec<GateResult>> {
    let g = &m.gates;
    let mut out = Vec::new();
    for t in &report.testsets {
        for s in &t.systems {
            for (key, &threshold) in &g.min_score {
                for sc in s.scores.iter().filter(|sc| key_matches(key, &sc.metric)) {
                    let passed = if lower_is_better(&sc.metric) {
                        sc.score <= threshold
                    } else {
                        sc.score >= threshold
                    };
                    out.push(GateResult {
                        rule: "min_score".into(),
                        testset: t.name.clone(),
                        system: s.name.clone(),
                        metric: sc.metric.clone(),
                        value: sc.score,
                        threshold,
                        passed,
                        detail: if lower_is_better(&sc.metric) {
                            "at most (lower is better)"
                        } else {
                            "at least"
                        }
                        .to_string(),
                    });
                }
            }
            if let Some(threshold) = g.min_entity_recall {
                // Applies where the entity check ran (see the check below for none at all).
                let Some(e) = &s.entities else { continue };
                // No recall (output not in the target script) fails the gate: a CI job
                // must not pass on an output the check could not read.
                out.push(GateResult {
                    rule: "min_entity_recall".into(),
                    testset: t.name.clone(),
                    system: s.name.clone(),
                    metric: "entities".into(),
                    value: e.recall.unwrap_or(f64::NAN),
                    threshold,
                    passed: e.recall.is_some_and(|r| r >= threshold),
                    detail: match e.recall {
                        Some(_) => format!("{} of {} expected names found", e.found, e.expected),
                        None => "no recall: the output is not in the target language's script"
                            .to_string(),
                    },
                });
            }
        }
    }
    if g.min_entity_recall.is_some() && report.testsets.iter().all(|t| t.entities.is_none()) {
        return Err(Error::config(format!(
            "{}: gates.min_entity_recall is set but no test set has entity results \
             (a test set needs source, source_lang and target_lang, and a glossary unless the source is in Latin script)",
            display_path(manifest)
        )));
    }
    if !g.max_drop.is_empty() {
        let Some(path) = &g.baseline_report else {
            return Err(Error::config(format!(
                "{}: gates.max_drop needs gates.baseline_report",
                display_path(manifest)
            )));
        };
        let path = manifest.parent().unwrap_or(Path::new("")).join(path);
        let baseline = read_report(&path)?;
        out.extend(compare(
            &baseline,
            report,
            &g.max_drop,
            g.fail_on_insignificant,
            m.significance.alpha,
        ));
    }
    Ok(out)
}

/// `max_drop` rules between two reports: one result per test set × system × metric
/// present in both and named by a key of `max_drop`.
pub fn compare(
    baseline: &RunReport,
    current: &RunReport,
    max_drop: &BTreeMap<String, f64>,
    fail_on_insignificant: bool,
    alpha: f64,
) -> Vec<GateResult> {
    let mut out = Vec::new();
    // What the baseline scored under a gated metric must be in the current report: a
    // test set, system or metric that disappears would otherwise pass unseen.
    for bt in &baseline.testsets {
        let t = current.testsets.iter().find(|t| t.name == bt.name);
        for bs in &bt.systems {
            let s = t.and_then(|t| t.systems.iter().find(|s| s.name == bs.name));
            for base in &bs.scores {
                let Some((_, &threshold)) =
                    max_drop.iter().find(|(k, _)| key_matches(k, &base.metric))
                else {
                    continue;
                };
                let present = s.is_some_and(|s| s.scores.iter().any(|c| c.metric == base.metric));
                if !present {
                    let what = if t.is_none() {
                        "test set"
                    } else if s.is_none() {
                        "system"
                    } else {
                        "metric"
                    };
                    out.push(GateResult {
                        rule: "max_drop".into(),
                        testset: bt.name.clone(),
                        system: bs.name.clone(),
                        metric: base.metric.clone(),
                        value: f64::NAN,
                        threshold,
                        passed: false,
                        detail: format!(
                            "{:.4} -> missing: the current report has no such {what}",
                            base.score
                        ),
                    });
                }
            }
        }
    }
    for t in &current.testsets {
        let Some(bt) = baseline.testsets.iter().find(|b| b.name == t.name) else {
            continue;
        };
        for s in &t.systems {
            let Some(bs) = bt.systems.iter().find(|b| b.name == s.name) else {
                continue;
            };
            for sc in &s.scores {
                let Some(threshold) = max_drop
                    .iter()
                    .find(|(k, _)| key_matches(k, &sc.metric))
                    .map(|(_, v)| *v)
                else {
                    continue;
                };
                let Some(base) = bs.scores.iter().find(|b| b.metric == sc.metric) else {
                    continue;
                };
                let drop = drop_of(base, sc);
                let exceeded = drop > threshold;
                // Without a p-value the drop counts as significant: fail loudly.
                let p = if exceeded {
                    drop_p_value(base, sc)
                } else {
                    Err("")
                };
                let significant = p.is_err() || p.is_ok_and(|p| p <= alpha);
                let passed = !exceeded || (!significant && !fail_on_insignificant);
                let mut detail = format!("{:.4} -> {:.4}", base.score, sc.score);
                if exceeded {
                    detail.push_str(&match p {
                        Ok(p) if significant => format!("; significant (p = {p:.4})"),
                        Ok(p) => format!("; not significant (p = {p:.4})"),
                        Err(why) => format!("; significance not tested ({why})"),
                    });
                }
                out.push(GateResult {
                    rule: "max_drop".into(),
                    testset: t.name.clone(),
                    system: s.name.clone(),
                    metric: sc.metric.clone(),
                    value: drop,
                    threshold,
                    passed,
                    detail,
                });
            }
        }
    }
    out
}

/// The p-value of the difference between two runs of one system, from their kept
/// per-segment statistics; the reason when they cannot be paired (different segment
/// counts or metric kinds), are too few to resample, or no test is available. Untested
/// drops fail the gate.
fn drop_p_value(
    base: &MetricScore,
    current: &MetricScore,
) -> std::result::Result<f64, &'static str> {
    use crate::significance::{paired_any, PairedConfig, PairedTest};
    // Only statistics from the same metric settings on the same segments can be paired.
    let settings = |sig: &str| -> String {
        sig.split('|')
            .filter(|kv| {
                !["bs", "ar", "seed", "version"]
                    .iter()
                    .any(|k| kv.starts_with(&format!("{k}:")))
            })
            .collect::<Vec<_>>()
            .join("|")
    };
    if settings(&base.signature) != settings(&current.signature)
        || base.stats.len() != current.stats.len()
    {
        return Err("statistics not comparable");
    }
    if base.stats.len() < crate::significance::MIN_BOOTSTRAP_SEGMENTS {
        return Err("too few segments to resample");
    }
    let metric = AnyMetric::from_signature(&current.metric, &current.signature)
        .ok_or("statistics not comparable")?;
    let cfg = PairedConfig {
        sacrebleu_p: false,
        ..PairedConfig::bootstrap()
    };
    paired_any(
        PairedTest::Bs,
        &metric,
        &base.stats,
        &[&current.stats],
        &cfg,
    )
    .and_then(|o| o.systems.first()?.p_value)
    .ok_or("statistics not comparable")
}

/// How much worse `current` is than `base` (positive = worse), in score points.
fn drop_of(base: &MetricScore, current: &MetricScore) -> f64 {
    if lower_is_better(&current.metric) {
        current.score - base.score
    } else {
        base.score - current.score
    }
}

/// Appends one row per compared score to the history CSV at `path` (header written when
/// the file is new). The commit id comes from `GITHUB_SHA` or `CI_COMMIT_SHA` when set.
/// No timestamp is written, so reruns stay reproducible; the commit orders the rows.
pub fn append_history(
    path: &Path,
    baseline: &RunReport,
    current: &RunReport,
    results: &[GateResult],
) -> Result<()> {
    use std::io::Write;
    let commit = std::env::var("GITHUB_SHA")
        .or_else(|_| std::env::var("CI_COMMIT_SHA"))
        .unwrap_or_default();
    let score_of = |r: &RunReport, g: &GateResult| -> String {
        r.testsets
            .iter()
            .find(|t| t.name == g.testset)
            .and_then(|t| t.systems.iter().find(|s| s.name == g.system))
            .and_then(|s| s.scores.iter().find(|x| x.metric == g.metric))
            .map_or(String::new(), |x| x.score.to_string())
    };
    let new = !path.exists()
        || std::fs::metadata(path)
            .map(|m| m.len() == 0)
            .unwrap_or(true);
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| Error::config(format!("cannot write CSV: {e}"));
    if new {
        w.write_record([
            "commit",
            "testset",
            "system",
            "metric",
            "baseline",
            "current",
            "drop",
            "threshold",
            "passed",
        ])
        .map_err(err)?;
    }
    for g in results {
        w.write_record([
            commit.as_str(),
            &g.testset,
            &g.system,
            &g.metric,
            &score_of(baseline, g),
            &score_of(current, g),
            &g.value.to_string(),
            &g.threshold.to_string(),
            if g.passed { "true" } else { "false" },
        ])
        .map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::config(format!("cannot write CSV: {e}")))?;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| Error::io(path, &e))?;
    f.write_all(&bytes).map_err(|e| Error::io(path, &e))
}

/// Parses `--max-drop chrf=0.5,bleu=1.0`.
pub fn parse_max_drop(spec: &str) -> Result<BTreeMap<String, f64>> {
    let mut out = BTreeMap::new();
    for part in spec.split(',').filter(|p| !p.trim().is_empty()) {
        let (k, v) = part.split_once('=').ok_or_else(|| {
            Error::config(format!(
                "invalid --max-drop entry '{part}' (expected METRIC=POINTS)"
            ))
        })?;
        let v: f64 = v.trim().parse().map_err(|_| {
            Error::config(format!(
                "invalid --max-drop value '{}' for '{}' (expected a number)",
                v.trim(),
                k.trim()
            ))
        })?;
        if !v.is_finite() || v < 0.0 {
            return Err(Error::config(format!(
                "invalid --max-drop value '{v}' for '{}': must be >= 0",
                k.trim()
            )));
        }
        out.insert(k.trim().to_string(), v);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_parsing() {
        assert!(key_matches("chrf", "chrF2"));
        assert!(!key_matches("chrf", "chrF2++"));
        assert!(key_matches("chrf++", "chrF2++"));
        assert!(key_matches("BLEU", "BLEU"));
        assert!(key_matches("chrF3", "chrF3"));
        let m = parse_max_drop("chrf=0.5, bleu=1").unwrap();
        assert_eq!(m["chrf"], 0.5);
        assert!(parse_max_drop("chrf").is_err());
        assert!(parse_max_drop("chrf=x").is_err());
        assert!(parse_max_drop("chrf=-1").is_err());
    }
}
