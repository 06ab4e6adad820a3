//! The views of `mteval score`'s [`ScoreReport`] (also `merge`'s): text, Markdown, CSV
//! and LaTeX; JSON is the report itself ([`super::json`]), HTML is [`super::html`].
//!
//! Text is shaped like sacreBLEU's `--format text`. One system: one line per metric, `NAME|signature = score details`, right-aligned on
//! `=` as sacreBLEU prints them. Several systems: a table of systems × metrics followed by
//! a "Metric signatures" block. With `--sentence-level`: one line per segment, as
//! sacreBLEU's `-sl` (prefixed with the system name when there are several systems).

//!
//! Markdown: a systems × metrics table (scores rounded to `--width`), the signatures, and
//! with `--sentence-level` a segments × (system, metric) table.
//!
//! CSV: one row per system × metric, then (with `--sentence-level`) one row per system ×
//! metric × segment, in one table with an empty `segment` cell for corpus rows. Columns:
//! `system, metric, segment, score, signature, mean, ci, ci_low, ci_high, p_value`. The
//! last five are the bootstrap mean, the 95% half-width and ends (`--confidence`,
//! `--paired-bs`) and the paired p-value against the baseline, as in the JSON report;
//! empty where not computed (segment rows, the baseline's p-value).

use super::table::{Align, Table};
use super::{Render, RenderOptions, ResultRow, ScoreReport};

impl Render for ScoreReport {
    fn text(&self, opts: RenderOptions) -> String {
        text(self, opts)
    }

    fn markdown(&self, opts: RenderOptions) -> String {
        markdown(self, opts)
    }

    fn csv_rows(&self) -> Vec<Vec<String>> {
        csv_rows(self)
    }

    /// The systems × metrics table, then the signatures as LaTeX comments (sentence
    /// scores are in the CSV and JSON views).
    fn latex(&self, opts: RenderOptions) -> String {
        let (table, sigs) = system_table(self, opts);
        let mut out = table.to_latex();
        for (metric, sig) in sigs {
            out.push_str(&format!("% {metric}: {sig}\n"));
        }
        out
    }

    /// The page with the systems table and a chart per metric.
    fn html(&self, opts: RenderOptions) -> Option<String> {
        Some(super::html::score_page(self, opts))
    }
}

/// Renders the report as text.
fn text(report: &ScoreReport, opts: RenderOptions) -> String {
    let systems = report.systems();
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
    let (systems, metrics) = (report.systems(), report.metrics());
    let find = |s: &str, m: &str| report.result(s, m);
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
    match (r.estimate.mean, r.estimate.ci) {
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
    if let (Some(m), Some(ci)) = (r.estimate.mean, r.estimate.ci) {
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

impl ScoreReport {
    /// The systems, in the order the results first name them.
    pub(crate) fn systems(&self) -> Vec<&str> {
        ordered_unique(self.results.iter().map(|r| r.system.as_str()))
    }

    /// The metrics, in the order the results first name them.
    pub(crate) fn metrics(&self) -> Vec<&str> {
        ordered_unique(self.results.iter().map(|r| r.metric.as_str()))
    }

    /// The corpus result of `system` under `metric`.
    pub(crate) fn result(&self, system: &str, metric: &str) -> Option<&ResultRow> {
        self.results
            .iter()
            .find(|r| r.system == system && r.metric == metric)
    }
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

/// Renders the report as GitHub-flavoured Markdown.
fn markdown(report: &ScoreReport, opts: RenderOptions) -> String {
    let (table, sigs) = system_table(report, opts);
    let mut out = table.to_markdown();
    out.push_str("\nSignatures:\n\n");
    for (metric, sig) in sigs {
        out.push_str(&format!("- {metric}: `{sig}`\n"));
    }
    if let Some(segments) = &report.segments {
        let cols: Vec<(&str, &str)> = report
            .results
            .iter()
            .map(|r| (r.system.as_str(), r.metric.as_str()))
            .collect();
        let systems = ordered_unique(cols.iter().map(|c| c.0));
        let mut header = vec!["Segment".to_string()];
        header.extend(cols.iter().map(|(s, m)| {
            if systems.len() > 1 {
                format!("{s} {m}")
            } else {
                m.to_string()
            }
        }));
        let n = segments.iter().map(|s| s.index + 1).max().unwrap_or(0);
        let mut rows = vec![vec![String::new(); cols.len() + 1]; n];
        for (i, row) in rows.iter_mut().enumerate() {
            row[0] = i.to_string();
        }
        for s in segments {
            if let Some(c) = cols
                .iter()
                .position(|&(sys, m)| sys == s.system && m == s.metric)
            {
                rows[s.index][c + 1] = format!("{:.w$}", s.score, w = opts.width);
            }
        }
        let mut align = vec![Align::Right; cols.len() + 1];
        align[0] = Align::Right;
        out.push_str("\nSentence-level scores:\n\n");
        out.push_str(
            &Table {
                header,
                align,
                rows,
            }
            .to_markdown(),
        );
    }
    out
}

/// CSV rows, header first (see the module docs).
fn csv_rows(report: &ScoreReport) -> Vec<Vec<String>> {
    let mut rows = vec![[
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
    ]
    .map(String::from)
    .to_vec()];
    let cell = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    for r in &report.results {
        rows.push(vec![
            r.system.clone(),
            r.metric.clone(),
            String::new(),
            r.score.to_string(),
            r.signature.clone(),
            cell(r.estimate.mean),
            cell(r.estimate.ci),
            cell(r.estimate.ci_low),
            cell(r.estimate.ci_high),
            cell(r.p_value.flatten()),
        ]);
    }
    for s in report.segments.iter().flatten() {
        let sig = report
            .results
            .iter()
            .find(|r| r.system == s.system && r.metric == s.metric)
            .map(|r| r.sentence_signature.as_deref().unwrap_or(&r.signature))
            .unwrap_or("");
        let mut row = vec![
            s.system.clone(),
            s.metric.clone(),
            s.index.to_string(),
            s.score.to_string(),
            sig.to_string(),
        ];
        row.extend(std::iter::repeat_n(String::new(), 5));
        rows.push(row);
    }
    rows
}
