//! Reading a run report back (`report.json`, for `compare` and `baseline_report`): the
//! schema version, then what comparisons rely on: unique test set, system and metric
//! names, finite scores, p-values in [0, 1], signatures that rebuild a metric, and
//! per-segment statistics of the test set's length that could come from real text.

use std::path::Path;

use crate::error::{display_path, Error, ErrorKind, Result};
use crate::registry::AnyMetric;
use crate::report::run::{RunReport, SCHEMA_VERSION};

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
                let finite = [
                    Some(sc.score),
                    sc.estimate.mean,
                    sc.estimate.ci,
                    sc.estimate.ci_low,
                    sc.estimate.ci_high,
                ]
                .into_iter()
                .flatten()
                .all(f64::is_finite);
                if !finite || sc.segment_scores.iter().any(|x| !x.is_finite()) {
                    return Err(format!("{at}: a score is not a finite number"));
                }
                if sc.p_value.is_some_and(|p| !(0.0..=1.0).contains(&p)) {
                    return Err(format!("{at}: p-value outside [0, 1]"));
                }
                let metric = AnyMetric::from_signature(&sc.metric, &sc.signature)
                    .map_err(|why| format!("{at}: {why}"))?;
                if !sc.stats.is_empty() && sc.stats.len() != t.segments {
                    return Err(format!(
                        "{at}: statistics of {} for a test set of {}",
                        crate::error::count(sc.stats.len(), "segment"),
                        crate::error::count(t.segments, "segment")
                    ));
                }
                metric
                    .evaluation_of(
                        &[&sc.stats],
                        crate::metrics::signature::nrefs_of(&sc.signature),
                    )
                    .map_err(|why| format!("{at}: {why}"))?;
            }
        }
    }
    Ok(())
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}
