//! The Markdown writer: a systems × metrics table (scores rounded to `--width`), the
//! signatures, and with `--sentence-level` a segments × (system, metric) table.

use super::table::{Align, Table};
use super::text::{ordered_unique, system_table};
use super::{RenderOptions, ScoreReport};

/// Renders the report as GitHub-flavoured Markdown.
pub fn render(report: &ScoreReport, opts: RenderOptions) -> String {
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
