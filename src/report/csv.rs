//! The CSV writer: one row per system × metric, then (with `--sentence-level`) one row per
//! system × metric × segment, in one table with an empty `segment` cell for corpus rows.
//!
//! Columns: `system, metric, segment, score, signature, mean, ci, ci_low, ci_high,
//! p_value`. The last five are the bootstrap mean, the 95% half-width and ends
//! (`--confidence`, `--paired-bs`) and the paired p-value against the baseline, as in
//! the JSON report; empty where not computed (segment rows, the baseline's p-value).

use super::ScoreReport;
use crate::error::{Error, Result};

/// Renders the report as CSV with a header row.
pub fn render(report: &ScoreReport) -> Result<String> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let err = |e: ::csv::Error| Error::config(format!("cannot write CSV: {e}"));
    w.write_record([
        "system",
        "metric",
        "segment",
        "score",
        "signature",
        "mean",
        "ci",
        "ci_low",
        "ci_high",
        "p_value",
    ])
    .map_err(err)?;
    let cell = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    for r in &report.results {
        w.write_record([
            r.system.as_str(),
            &r.metric,
            "",
            &r.score.to_string(),
            &r.signature,
            &cell(r.mean),
            &cell(r.ci),
            &cell(r.ci_low),
            &cell(r.ci_high),
            &cell(r.p_value.flatten()),
        ])
        .map_err(err)?;
    }
    for s in report.segments.iter().flatten() {
        let sig = report
            .results
            .iter()
            .find(|r| r.system == s.system && r.metric == s.metric)
            .map(|r| r.sentence_signature.as_deref().unwrap_or(&r.signature))
            .unwrap_or("");
        w.write_record([
            s.system.as_str(),
            &s.metric,
            &s.index.to_string(),
            &s.score.to_string(),
            sig,
            "",
            "",
            "",
            "",
            "",
        ])
        .map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::config(format!("cannot write CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Error::config(format!("cannot write CSV: {e}")))
}
