//! The text writer, shaped like sacreBLEU's `--format text`.
//!
//! One system: one line per metric, `NAME|signature = score details`, right-aligned on
//! `=` as sacreBLEU prints them. Several systems: a table of systems × metrics followed by
//! a "Metric signatures" block. With `--sentence-level`: one line per segment, as
//! sacreBLEU's `-sl` (prefixed with the system name when there are several systems).

use super::table::{Align, Table};
use super::{RenderOptions, ResultRow, ScoreReport};

/// Renders the report as text.
pub fn render(report: &ScoreReport, opts: RenderOptions) -> String {
    let systems = ordered_unique(report.results.iter().map(|r| r.system.as_str()));
    if opts.score_only {
        // sacreBLEU's -b: the rounded scores alone, one per line (every segment's with
        // --sentence-level), in the report's order.
        let scores: Vec<f64> = match &report.segments {
            Some(segs) => segs.iter().map(|s| s.score).collect(),
            None => report.results.iter().map(|r| r.score).collect(),
        };
        return scores
            .iter()
            .map(|s| format!("{s:.w$}\n", w = opts.width))
            .collect();
    }
    if let Some(segments) = &report.segments {
        let mut out = String::new();
        for r in &report.results {
            let sig = r.sentence_signature.as_deref().unwrap_or(&r.signature);
            for s in segments
                .iter()
                .filter(|s| s.system == r.system && s.metric == r.metric)
            {
                if systems.len() > 1 {
                    out.push_str(&format!("{}\t", s.system));
                }
                out.push_str(&format!(
                    "{}|{} = {:.w$}\n",
                    r.metric,
                    sig,
                    s.score,
                    w = opts.width
                ));
            }
        }
        return out;
    }
    if systems.len() == 1 {
        let prefixes: Vec<String> = report
            .results
            .iter()
            .map(|r| format!("{}|{}", r.metric, r.signature))
            .collect();
        let w = prefixes
            .iter()
            .map(|p| p.chars().count())
            .max()
            .unwrap_or(0);
        let mut out = String::new();
        for (p, r) in prefixes.iter().zip(&report.results) {
            out.push_str(&format!("{p:>w$} = {}\n", with_ci(r, opts.width)));
        }
        return out;
    }
    let (table, sigs) = system_table(report, opts);
    let mut out = table.to_text();
    out.push_str("\nMetric signatures\n");
    for (metric, sig) in sigs {
        out.push_str(&format!(" - {metric:<10} {sig}\n"));
    }
    out
}

/// Systems × metrics with rounded scores, plus each metric's signature (shared with the
/// Markdown writer).
pub(crate) fn system_table(
    report: &ScoreReport,
    opts: RenderOptions,
) -> (Table, Vec<(String, String)>) {
    let systems = ordered_unique(report.results.iter().map(|r| r.system.as_str()));
    let metrics = ordered_unique(report.results.iter().map(|r| r.metric.as_str()));
    let find = |s: &str, m: &str| -> Option<&ResultRow> {
        report
            .results
            .iter()
            .find(|r| r.system == s && r.metric == m)
    };
    let mut header = vec!["System".to_string()];
    header.extend(metrics.iter().map(|m| m.to_string()));
    let mut align = vec![Align::Left];
    align.extend(metrics.iter().map(|_| Align::Right));
    let rows = systems
        .iter()
        .map(|s| {
            let mut row = vec![s.to_string()];
            row.extend(
                metrics
                    .iter()
                    .map(|m| find(s, m).map_or_else(String::new, |r| cell(r, opts.width))),
            );
            row
        })
        .collect();
    let sigs = metrics
        .iter()
        .filter_map(|m| {
            report
                .results
                .iter()
                .find(|r| r.metric == *m)
                .map(|r| (m.to_string(), r.signature.clone()))
        })
        .collect();
    (
        Table {
            header,
            align,
            rows,
        },
        sigs,
    )
}

/// sacreBLEU's line body with a CI: `53.8 (μ = 53.3 ± 12.9) 89.2/69.7/… (BP = …)`.
fn with_ci(r: &ResultRow, w: usize) -> String {
    let formatted = r.as_score().format(w);
    match (r.mean, r.ci) {
        (Some(m), Some(ci)) => {
            let mu = format!("(μ = {m:.w$} ± {ci:.w$})");
            match formatted.split_once(' ') {
                Some((head, tail)) => format!("{head} {mu} {tail}"),
                None => format!("{formatted} {mu}"),
            }
        }
        _ => formatted,
    }
}

/// A table cell: `53.8`, with a CI `53.8 (μ = 53.3 ± 1.2)`, in paired mode
/// `… (p = 0.0010)*` (`*` where the row is significant, decided with the scores).
fn cell(r: &ResultRow, w: usize) -> String {
    let mut c = format!("{:.w$}", r.score);
    if let (Some(m), Some(ci)) = (r.mean, r.ci) {
        c.push_str(&format!(" (μ = {m:.w$} ± {ci:.w$})"));
    }
    if let Some(Some(p)) = r.p_value {
        c.push_str(&format!(
            " (p = {p:.4}){}",
            if r.significant == Some(true) { "*" } else { "" }
        ));
    }
    c
}

/// Distinct values in first-seen order.
pub(crate) fn ordered_unique<'a>(it: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for s in it {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}
