//! `mteval score --format html` (and `merge`'s): the systems × metrics table and a
//! chart per metric. No segment browser: `score` streams its files and keeps no text.

use maud::html;

use super::{bar_chart, fixed, lower_is_better, page, pval, Bar};
use crate::report::{RenderOptions, ResultRow, ScoreReport};

/// The page of a score report.
pub fn score_page(report: &ScoreReport, opts: RenderOptions) -> String {
    let w = opts.width;
    let (systems, metrics) = (report.systems(), report.metrics());
    let find = |s: &str, m: &str| report.result(s, m);
    // The baseline of a paired test is the row whose p-value is `null`.
    let baseline = report
        .results
        .iter()
        .find(|r| r.p_value == Some(None))
        .map(|r| r.system.as_str());
    let paired = report.results.iter().any(|r| r.p_value.is_some());
    let direction = |m: &str| {
        report
            .results
            .iter()
            .find(|r| r.metric == m)
            .is_some_and(|r| lower_is_better(&r.metric, &r.signature))
    };
    // Best first in the metric's direction, ties by name.
    let bars_of = |m: &str, lower: bool| -> Vec<Bar> {
        let mut rows: Vec<&ResultRow> = systems.iter().filter_map(|s| find(s, m)).collect();
        rows.sort_by(|a, b| {
            let c = if lower {
                a.score.total_cmp(&b.score)
            } else {
                b.score.total_cmp(&a.score)
            };
            c.then_with(|| a.system.cmp(&b.system))
        });
        rows.iter()
            .map(|r| Bar {
                label: &r.system,
                score: r.score,
                interval: r.estimate.ci_low.zip(r.estimate.ci_high),
                significant: r.significant == Some(true),
                baseline: Some(r.system.as_str()) == baseline,
            })
            .collect()
    };
    let body = html! {
        section #systems {
            h2 { "Systems" }
            table.systems {
                thead {
                    tr {
                        th { "System" }
                        @for m in &metrics {
                            th title=(find(systems[0], m).map_or("", |r| r.signature.as_str())) {
                                (m) " " span.dir { (if direction(m) { "↓" } else { "↑" }) }
                            }
                        }
                    }
                }
                tbody {
                    @for s in &systems {
                        tr.system data-system=(s) {
                            td { (s) @if Some(*s) == baseline { " " span.badge { "baseline" } } }
                            @for m in &metrics {
                                @match find(s, m) {
                                    Some(r) => td.num.score {
                                        span.s { (fixed(r.score, w)) }
                                        @if let (Some(lo), Some(hi)) = (r.estimate.ci_low, r.estimate.ci_high) {
                                            " " span.ci { "[" (fixed(lo, w)) ", " (fixed(hi, w)) "]" }
                                        }
                                        @if let Some(Some(p)) = r.p_value {
                                            " " span.p.sig[r.significant == Some(true)] { "p=" (pval(p)) @if r.significant == Some(true) { "*" } }
                                        }
                                    },
                                    None => td {},
                                }
                            }
                        }
                    }
                }
            }
            p.note {
                "Systems in input order. ↑ higher is better, ↓ lower is better. "
                "Brackets: 95% bootstrap interval (with --confidence or --paired-bs). "
                @if paired { "p: paired test against the baseline (the first system); * marks p ≤ " (crate::significance::SACREBLEU_ALPHA) ". " }
                "Hover a metric's name for its signature."
            }
        }
        section #charts {
            h2 { "Scores" }
            div.charts {
                @for m in &metrics {
                    @let lower = direction(m);
                    @let bars = bars_of(m, lower);
                    (bar_chart(m, lower, &bars, w))
                }
            }
        }
        section #segments {
            h2 { "Segments" }
            p.note {
                "No segment browser here: " code { "mteval score" } " streams its files and keeps "
                "no text. " code { "mteval run" } " writes report.html with a segment browser."
                @if report.segments.is_some() { " Sentence scores: --format json or csv." }
            }
        }
    };
    page(
        "mteval score",
        html! { p.meta { (systems.len()) " systems, " (metrics.len()) " metrics." } },
        body,
        None,
    )
}
