//! The HTML views: `report.html` of `mteval run` ([`run_page`]) and `mteval score
//! --format html` ([`score_page`]).
//!
//! Each is one self-contained page: CSS, SVG charts, script and data are inline and the
//! page makes no request of any kind (no CDN, web font or image), so it opens from disk
//! (`file://`), from a CI artifact or an e-mail attachment alike. Markup is written with
//! maud, which escapes every interpolated string, so a system name or a segment holding
//! `<script>` stays text. The texts of the segment browser travel as one JSON blob in a
//! `<script type="application/json">` element and are put in the page by `report.js`
//! with `textContent`, never as markup.
//!
//! The pages render what the report holds: scores, intervals, p-values and significance
//! decisions come from the model. The view only orders systems in each metric's
//! direction, groups them into significance clusters from the decisions already made
//! (see `clusters` in this module), and (in the script) filters, sorts, pages and diffs texts for
//! display.

mod run;
mod score;

pub use run::run_page;
pub use score::score_page;

use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde::Serialize;

use super::table::{Align, Table};
use crate::error::{Error, Result};
use crate::registry::lower_is_better;

/// The page's style sheet.
const CSS: &str = include_str!("report.css");
/// The page's script: segment browser, URL-fragment filters, render-time mark.
const JS: &str = include_str!("report.js");

/// The whole page around `body`; `data` is the JSON blob of the segment browser.
fn page(title: &str, subtitle: Markup, body: Markup, data: Option<&str>) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                // Belt and braces: even if a future edit added a URL, the browser would
                // refuse to fetch it.
                meta http-equiv="Content-Security-Policy"
                    content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { (title) }
                    (subtitle)
                }
                main { (body) }
                footer {
                    p {
                        "Written by " (concat!("mteval ", env!("CARGO_PKG_VERSION")))
                        ". Self-contained: this file makes no network request. "
                        span #render-ms {}
                    }
                }
                @if let Some(d) = data {
                    script #mteval-data type="application/json" { (PreEscaped(d)) }
                }
                script { (PreEscaped(JS)) }
            }
        }
    }
    .into_string()
}

/// `value` as JSON that can sit inside a `<script>` element: every `<` (which JSON has
/// only inside strings) is written `\u003c`, so no text can close the element (`</script`)
/// or open a comment (`<!--`); a stricter form of escaping `</` as `<\/`.
fn script_json<T: Serialize>(value: &T) -> Result<String> {
    let s = serde_json::to_string(value)
        .map_err(|e| Error::config(format!("cannot encode JSON: {e}")))?;
    Ok(s.replace('<', "\\u003c"))
}

/// `x` with `w` decimals.
fn fixed(x: f64, w: usize) -> String {
    format!("{x:.w$}")
}

/// A p-value as the other views print it.
fn pval(p: f64) -> String {
    format!("{p:.4}")
}

/// One bar of a chart: a system's score and its interval.
struct Bar<'a> {
    label: &'a str,
    score: f64,
    interval: Option<(f64, f64)>,
    /// Marked (hatched) when significantly different from the baseline.
    significant: bool,
    baseline: bool,
}

/// A horizontal bar chart of one metric, best first as given, with the 95% interval as
/// a whisker. Bars start at zero (scores of external metrics may be negative).
fn bar_chart(metric: &str, lower: bool, bars: &[Bar], width: usize) -> Markup {
    const W: f64 = 640.0;
    const LABEL: f64 = 170.0;
    const VALUE: f64 = 70.0;
    const ROW: f64 = 22.0;
    const TOP: f64 = 24.0;
    let ends = bars.iter().flat_map(|b| {
        let (lo, hi) = b.interval.unwrap_or((b.score, b.score));
        [b.score, lo, hi]
    });
    let (mut lo, mut hi) = ends.fold((0.0f64, 0.0f64), |(l, h), x| (l.min(x), h.max(x)));
    if !(hi - lo).is_finite() || hi - lo <= 0.0 {
        (lo, hi) = (0.0, 1.0);
    }
    let plot = W - LABEL - VALUE;
    let x = |v: f64| LABEL + (v - lo) / (hi - lo) * plot;
    let height = TOP + ROW * bars.len() as f64 + 8.0;
    let dir = if lower {
        "lower is better"
    } else {
        "higher is better"
    };
    html! {
        figure.chart-box {
            svg.chart data-metric=(metric) role="img" width=(W) height=(height)
                viewBox=(format!("0 0 {W} {height}")) {
                title { (metric) " by system, " (dir) "; whiskers: 95% bootstrap interval" }
                text.axis x=(LABEL) y="14" { (metric) " (" (dir) ")" }
                line.zero x1=(x(0.0)) x2=(x(0.0)) y1=(TOP - 4.0) y2=(height - 4.0) {}
                @for (i, b) in bars.iter().enumerate() {
                    @let y = TOP + ROW * i as f64;
                    @let (a, c) = (x(0.0).min(x(b.score)), x(0.0).max(x(b.score)));
                    text.label x=(LABEL - 6.0) y=(y + 15.0) text-anchor="end" { (b.label) }
                    rect.bar.sig[b.significant].base[b.baseline] x=(a) y=(y + 3.0)
                        width=((c - a).max(0.5)) height=(ROW - 6.0) {
                        title {
                            (b.label) ": " (fixed(b.score, width.max(2)))
                            @if let Some((l, h)) = b.interval { " [" (fixed(l, width.max(2))) ", " (fixed(h, width.max(2))) "]" }
                        }
                    }
                    @if let Some((l, h)) = b.interval {
                        g.whisker {
                            line x1=(x(l)) x2=(x(h)) y1=(y + 11.0) y2=(y + 11.0) {}
                            line x1=(x(l)) x2=(x(l)) y1=(y + 6.0) y2=(y + 16.0) {}
                            line x1=(x(h)) x2=(x(h)) y1=(y + 6.0) y2=(y + 16.0) {}
                        }
                    }
                    text.value x=(W - VALUE + 6.0) y=(y + 15.0) { (fixed(b.score, width)) }
                }
            }
        }
    }
}

/// A [`Table`] of formatted cells as an HTML table (numbers right-aligned).
fn table(t: &Table, class: &str) -> Markup {
    html! {
        table class=(class) {
            thead { tr { @for h in &t.header { th { (h) } } } }
            tbody {
                @for row in &t.rows {
                    tr {
                        @for (cell, a) in row.iter().zip(&t.align) {
                            td.num[*a == Align::Right] { (cell) }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_its_element() {
        let s = script_json(&vec!["</script><!-- x"]).unwrap();
        assert!(!s.contains('<'), "{s}");
        let back: Vec<String> = serde_json::from_str(&s).unwrap();
        assert_eq!(back, ["</script><!-- x"]);
    }

    #[test]
    fn chart_has_one_bar_per_system_and_escapes_names() {
        let bars = [
            Bar {
                label: "<b>",
                score: 30.0,
                interval: Some((28.0, 32.0)),
                significant: false,
                baseline: true,
            },
            Bar {
                label: "x",
                score: -2.0,
                interval: None,
                significant: true,
                baseline: false,
            },
        ];
        let svg = bar_chart("BLEU", false, &bars, 1).into_string();
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("&lt;b&gt;") && !svg.contains("<b>"));
        assert_eq!(svg.matches("class=\"whisker\"").count(), 1);
    }
}
