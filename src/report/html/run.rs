//! `report.html` of `mteval run`: per test set the ranked systems, significance
//! clusters, charts, pairwise p-values, entity findings and a segment browser, then the
//! gates.
//!
//! Each test set section is a list of [`SECTIONS`], one function each: a new analysis
//! (say, a breakdown by reference length) is one more function and one more line there.

use maud::{html, Markup};
use serde::Serialize;

use super::{bar_chart, fixed, lower_is_better, page, pval, script_json, table, Bar};
use crate::error::Result;
use crate::report::entities::{mention_rows, summary, MENTION_COLUMNS};
use crate::report::run::{best_first, PairComparison, RunReport, TestSetReport};
use crate::report::run_writers::gates_table;

/// One metric of a test set as the page shows it.
struct MetricView<'a> {
    /// Index into each system's `scores`.
    k: usize,
    name: &'a str,
    signature: &'a str,
    lower: bool,
    /// System indices, best first in the metric's direction (ties by name).
    order: Vec<usize>,
    /// Each system's significance cluster (by system index), when all pairs were tested.
    cluster: Option<Vec<usize>>,
    /// This metric's all-pairs comparisons.
    pairs: Vec<&'a PairComparison>,
}

/// One test set as the page shows it.
struct View<'a> {
    t: &'a TestSetReport,
    /// Index of the test set: element ids and the data blob use it.
    i: usize,
    width: usize,
    metrics: Vec<MetricView<'a>>,
    /// System indices in the pipeline's rank (first metric).
    ranked: Vec<usize>,
}

impl<'a> View<'a> {
    fn new(t: &'a TestSetReport, i: usize, width: usize) -> View<'a> {
        let metrics = t
            .metrics
            .iter()
            .enumerate()
            .map(|(k, m)| {
                let lower = lower_is_better(&m.name, &m.signature);
                let order = best_first(&t.systems, k, m);
                let pairs: Vec<&PairComparison> = t
                    .comparisons
                    .iter()
                    .filter(|c| c.metric == m.name)
                    .collect();
                // Clusters as the pipeline computed them (every system has one or none).
                let cluster: Option<Vec<usize>> =
                    t.systems.iter().map(|s| s.scores[k].cluster).collect();
                MetricView {
                    k,
                    name: &m.name,
                    signature: &m.signature,
                    lower,
                    order,
                    cluster,
                    pairs,
                }
            })
            .collect();
        let ranked = t.in_rank_order();
        View {
            t,
            i,
            width,
            metrics,
            ranked,
        }
    }

    fn id(&self, section: &str) -> String {
        format!("ts{}-{section}", self.i)
    }
}

/// The comparison of systems `a` and `b` (indices) among `pairs`, in either order.
fn pair<'a>(
    t: &TestSetReport,
    pairs: &[&'a PairComparison],
    a: usize,
    b: usize,
) -> Option<&'a PairComparison> {
    let (na, nb) = (&t.systems[a].name, &t.systems[b].name);
    pairs.iter().copied().find(|c| {
        (&c.system_a == na && &c.system_b == nb) || (&c.system_a == nb && &c.system_b == na)
    })
}

/// A section of a test set: its id suffix, heading and body.
type Section = (&'static str, &'static str, fn(&View) -> Markup);

/// The sections of every test set, in page order.
const SECTIONS: [Section; 7] = [
    ("systems", "Systems", systems),
    ("clusters", "Significance clusters", clusters_section),
    ("charts", "Scores with 95% intervals", charts),
    ("pairs", "Pairwise p-values (Holm-adjusted)", pvalues),
    ("breakdowns", "Breakdowns", breakdowns),
    ("entities", "Entity findings", entities),
    ("segments", "Segments", browser),
];

/// The whole `report.html` of `report`; `width` is the number of decimals of scores.
pub fn run_page(report: &RunReport, width: usize) -> Result<String> {
    let views: Vec<View> = report
        .testsets
        .iter()
        .enumerate()
        .map(|(i, t)| View::new(t, i, width))
        .collect();
    let data = Data {
        testsets: views.iter().map(testset_data).collect(),
    };
    let subtitle = html! {
        nav {
            @for v in &views {
                a href=(format!("#{}", v.id("top"))) { (v.t.name) }
                " "
            }
            @if !report.gates.is_empty() { a href="#gates" { "Gates" } }
        }
        @if !report.gates.is_empty() { (verdict(report)) }
    };
    let body = html! {
        @for v in &views {
            section.testset #(v.id("top")) {
                h2 { (v.t.name) }
                p.meta { (testset_line(v.t)) }
                @for (key, title, render) in SECTIONS {
                    section #(v.id(key)) data-section=(key) {
                        h3 { (title) }
                        (render(v))
                    }
                }
            }
        }
        @if !report.gates.is_empty() {
            section #gates {
                h2 { "Gates" }
                (table(&gates_table(&report.gates), "gates"))
            }
        }
    };
    Ok(page(
        "mteval report",
        subtitle,
        body,
        Some(&script_json(&data)?),
    ))
}

fn verdict(report: &RunReport) -> Markup {
    let n = report.gates.len();
    let failed = report.gates.iter().filter(|g| !g.passed).count();
    let incomparable = report.gates.iter().filter(|g| !g.comparable).count();
    let (class, text) = if incomparable > 0 {
        (
            "fail",
            format!("NOT COMPARABLE: {incomparable} of {n} gate rules cannot be evaluated"),
        )
    } else if failed > 0 {
        ("fail", format!("FAIL: {failed} of {n} gate rules failed"))
    } else {
        ("pass", format!("PASS: all {n} gate rules passed"))
    };
    html! { p.verdict.(class) { (text) } }
}

fn testset_line(t: &TestSetReport) -> String {
    // maud escapes the whole line when it is inserted.
    let mut line = t.description(|name| name.to_string());
    if let Some(s) = &t.significance {
        line.push_str(&format!(
            " Significance: {}, {} samples, seed {}, alpha {}.",
            s.test, s.samples, s.seed, s.alpha
        ));
    }
    line
}

/// The ranked table: every metric's score, interval, p-value against the baseline with
/// its marker, and cluster; entity recall when the check ran.
fn systems(v: &View) -> Markup {
    let t = v.t;
    let has_entities = t.systems.iter().any(|s| s.entities.is_some());
    let alpha = t.significance.as_ref().map(|s| s.alpha);
    html! {
        table.systems {
            thead {
                tr {
                    th { "Rank" } th { "System" }
                    @for m in &v.metrics {
                        th title=(m.signature) {
                            (m.name) " " span.dir { (if m.lower { "↓" } else { "↑" }) }
                        }
                    }
                    @if has_entities { th { "Entity recall" } th { "Inconsistent entities" } }
                }
            }
            tbody {
                @for &s in &v.ranked {
                    @let sys = &t.systems[s];
                    tr.system data-system=(sys.name) {
                        td.num { (sys.rank.map_or(String::new(), |r| r.to_string())) }
                        td {
                            (sys.name)
                            @if t.baseline.as_deref() == Some(sys.name.as_str()) { " " span.badge { "baseline" } }
                        }
                        @for m in &v.metrics {
                            @let sc = &sys.scores[m.k];
                            td.num.score {
                                span.s { (fixed(sc.score, v.width)) }
                                @if let (Some(lo), Some(hi)) = (sc.estimate.ci_low, sc.estimate.ci_high) {
                                    " " span.ci { "[" (fixed(lo, v.width)) ", " (fixed(hi, v.width)) "]" }
                                }
                                @if let Some(p) = sc.p_value {
                                    " " span.p.sig[sc.significant == Some(true)] title="p-value against the baseline" {
                                        "p=" (pval(p))
                                        @if sc.significant == Some(true) { "*" }
                                    }
                                }
                                @if let Some(c) = &m.cluster { " " span.cluster title="significance cluster" { "c" (c[s]) } }
                            }
                        }
                        @if has_entities {
                            @match &sys.entities {
                                Some(e) => {
                                    td.num { (match e.recall {
                                        Some(r) => format!("{:.1}% ({}/{})", 100.0 * r, e.found, e.expected),
                                        None if e.expected == 0 => "— (no names)".to_string(),
                                        None => "— (wrong script)".to_string(),
                                    }) }
                                    td.num { (e.inconsistent_entities) }
                                }
                                None => { td {} td {} }
                            }
                        }
                    }
                }
            }
        }
        p.note {
            "Ranked by " (v.t.ranked_by.as_deref().or(v.metrics.first().map(|m| m.name)).unwrap_or("")) ". "
            "↑ higher is better, ↓ lower is better. Brackets: 95% bootstrap interval. "
            @if let Some(a) = alpha {
                "p: paired test against the baseline; * marks p ≤ " (a) ". "
            }
            @if v.metrics.iter().any(|m| m.cluster.is_some()) {
                "c1, c2, …: significance cluster (below). "
            }
            "Hover a metric's name for its signature."
        }
    }
}

/// Clusters per metric, with their definition.
fn clusters_section(v: &View) -> Markup {
    if v.metrics.iter().all(|m| m.cluster.is_none()) {
        return html! {
            p.note {
                "Not available: clusters need every pair of systems tested "
                "(" code { "[significance] all_pairs = true" } " in the manifest)."
            }
        };
    }
    let alpha = v.t.significance.as_ref().map_or(0.05, |s| s.alpha);
    html! {
        (resolution_warning(v))
        p.note {
            "For each metric, systems are ordered best first. Cluster 1 is the top system "
            "and every system after it up to, not including, the first system whose "
            "difference from the top system is significant (all-pairs paired test, "
            "Holm-adjusted p ≤ " (alpha) "); the next cluster starts at that system and "
            "is built the same way. Systems in one cluster are not significantly "
            "different from the cluster's first system."
        }
        table.clusters {
            thead { tr { th { "Metric" } th { "Cluster" } th { "Systems (best first)" } } }
            tbody {
                @for m in &v.metrics {
                    @if let Some(c) = &m.cluster {
                        @let n = m.order.iter().map(|&s| c[s]).max().unwrap_or(0);
                        @for k in 1..=n {
                            tr {
                                td { (m.name) }
                                td.num { (k) }
                                td {
                                    @for (j, &s) in m.order.iter().filter(|&&s| c[s] == k).enumerate() {
                                        @if j > 0 { ", " }
                                        (v.t.systems[s].name)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A warning when no pair can be significant after Holm's correction: a resampling
/// test's smallest p-value is 1/(samples + 1), and Holm multiplies the smallest by the
/// number of pairs (190 for 20 systems: 1000 samples can then never reach 0.05).
fn resolution_warning(v: &View) -> Markup {
    let Some(sig) = &v.t.significance else {
        return html! {};
    };
    let pairs = v.metrics.iter().map(|m| m.pairs.len()).max().unwrap_or(0);
    let Some(needed) = crate::significance::holm_samples_needed(pairs, sig.samples, sig.alpha)
    else {
        return html! {};
    };
    html! {
        p.warn {
            "With " (sig.samples) " samples the smallest p-value is 1/" (sig.samples + 1)
            ", and Holm's correction over " (pairs) " pairs multiplies it by " (pairs)
            ": no pair can be significant at " (sig.alpha) ". Set "
            code { "[significance] samples" } " to at least " (needed)
            " for the clusters and the matrix to separate systems."
        }
    }
}

/// One bar chart per metric, best first.
fn charts(v: &View) -> Markup {
    let t = v.t;
    html! {
        div.charts {
            @for m in &v.metrics {
                @let bars: Vec<Bar> = m.order.iter().map(|&s| {
                    let sc = &t.systems[s].scores[m.k];
                    Bar {
                        label: &t.systems[s].name,
                        score: sc.score,
                        interval: sc.estimate.ci_low.zip(sc.estimate.ci_high),
                        significant: sc.significant == Some(true),
                        baseline: t.baseline.as_deref() == Some(t.systems[s].name.as_str()),
                    }
                }).collect();
                (bar_chart(m.name, m.lower, &bars, v.width))
            }
        }
        p.note { "Dark bar: the baseline; red bar: significantly different from the baseline (p ≤ alpha)." }
    }
}

/// The breakdowns ([`crate::breakdown`]): a line chart per metric of the scores by
/// reference length, one of word F-measure by frequency, and the characteristic n-grams
/// of the baseline against each system (the top 10 each way; all 50 in `report.json`).
fn breakdowns(v: &View) -> Markup {
    let t = v.t;
    let Some(b) = &t.breakdowns else {
        return html! { p.note { "Not computed (`[run] breakdowns = false`)." } };
    };
    let names: Vec<&str> = t.systems.iter().map(|s| s.name.as_str()).collect();
    let lengths: Vec<String> = b
        .by_length
        .iter()
        .map(|l| format!("{} ({})", l.bucket, l.segments))
        .collect();
    let frequencies: Vec<String> = b
        .by_frequency
        .iter()
        .map(|f| format!("{} ({})", f.bucket, f.reference_words))
        .collect();
    html! {
        div.charts {
            @for (k, m) in v.metrics.iter().enumerate() {
                @let series: Vec<Vec<Option<f64>>> = (0..names.len())
                    .map(|s| b.by_length.iter().map(|l| l.scores[k][s]).collect())
                    .collect();
                (line_chart(&format!("{} by reference length (words; segments), {} is better", m.name, if m.lower { "lower" } else { "higher" }), &lengths, &names, &series, v.width))
            }
            @let series: Vec<Vec<Option<f64>>> = (0..names.len())
                .map(|s| b.by_frequency.iter().map(|f| (f.reference_words > 0).then_some(f.systems[s].fmeasure)).collect())
                .collect();
            (line_chart(&format!("Word F-measure by frequency in the {} (reference words)", b.frequency_source), &frequencies, &names, &series, 4))
        }
        @for c in &b.ngrams {
            details.ngrams {
                summary { "N-grams " (c.system_a) " and " (c.system_b) " match differently" }
                div.charts {
                    @for (title, rows) in [(format!("{} matches more often", c.system_a), &c.a_better), (format!("{} matches more often", c.system_b), &c.b_better)] {
                        table.ngrams {
                            thead { tr { th { (title) } th { "ratio" } th { (c.system_a) } th { (c.system_b) } } }
                            tbody {
                                @for r in rows.iter().take(10) {
                                    tr { td.text dir="auto" { (r.ngram) } td.num { (fixed(r.ratio, 3)) } td.num { (r.a_matches) } td.num { (r.b_matches) } }
                                }
                            }
                        }
                    }
                }
            }
        }
        p.note { "As compare-mt (Neubig et al. 2019): buckets by reference length and by word frequency; n-grams (1–4 words) by the smoothed ratio (a+1)/(a+b+2) of matched counts. Every value: report.json, breakdowns.csv." }
    }
}

/// A line chart of one value per bucket (x) and series (one per system); `None` points
/// (empty buckets) break the line.
fn line_chart(
    title: &str,
    buckets: &[String],
    names: &[&str],
    series: &[Vec<Option<f64>>],
    width: usize,
) -> Markup {
    const W: f64 = 640.0;
    const H: f64 = 240.0;
    const LEFT: f64 = 48.0;
    const TOP: f64 = 24.0;
    const BOTTOM: f64 = 58.0;
    let values = series.iter().flatten().flatten().copied();
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), x| {
        (l.min(x), h.max(x))
    });
    let (lo, hi) = if lo.is_finite() && hi > lo {
        (lo.min(0.0), hi)
    } else {
        (0.0, 1.0)
    };
    let plot_w = W - LEFT - 16.0;
    let plot_h = H - TOP - BOTTOM;
    let step = plot_w / buckets.len().max(1) as f64;
    let x = |i: usize| LEFT + step * (i as f64 + 0.5);
    let y = |v: f64| TOP + plot_h - (v - lo) / (hi - lo) * plot_h;
    let color = |s: usize| format!("hsl({}, 60%, 42%)", (s * 360) / names.len().max(1));
    let legend_h = 16.0 * names.len() as f64;
    html! {
        figure.chart-box {
            svg.linechart role="img" width=(W) height=(H + legend_h)
                viewBox=(format!("0 0 {W} {}", H + legend_h)) {
                title { (title) }
                text.axis x=(LEFT) y="14" { (title) }
                line.zero x1=(LEFT) x2=(W - 16.0) y1=(y(lo)) y2=(y(lo)) {}
                text.axis x=(LEFT - 4.0) y=(y(hi) + 4.0) text-anchor="end" { (fixed(hi, width)) }
                text.axis x=(LEFT - 4.0) y=(y(lo) + 4.0) text-anchor="end" { (fixed(lo, width)) }
                @for (i, b) in buckets.iter().enumerate() {
                    text.axis x=(x(i)) y=(H - BOTTOM + 16.0) text-anchor="middle" font-size="10" { (b) }
                }
                @for (s, points) in series.iter().enumerate() {
                    @let path: Vec<String> = points.iter().enumerate()
                        .filter_map(|(i, p)| p.map(|v| format!("{:.1},{:.1}", x(i), y(v))))
                        .collect();
                    polyline.series points=(path.join(" ")) fill="none" stroke=(color(s)) stroke-width="1.6" {}
                    @for (i, p) in points.iter().enumerate() {
                        @if let Some(v) = p {
                            circle cx=(format!("{:.1}", x(i))) cy=(format!("{:.1}", y(*v))) r="2.5" fill=(color(s)) {
                                title { (names[s]) ", " (buckets[i]) ": " (fixed(*v, width.max(2))) }
                            }
                        }
                    }
                    @let ly = H - 8.0 + 16.0 * s as f64;
                    line x1=(LEFT) x2=(LEFT + 18.0) y1=(ly) y2=(ly) stroke=(color(s)) stroke-width="2" {}
                    text.label x=(LEFT + 24.0) y=(ly + 4.0) { (names[s]) }
                }
            }
        }
    }
}

/// A matrix per metric of the Holm-adjusted p-values of every pair.
fn pvalues(v: &View) -> Markup {
    if v.metrics.iter().all(|m| m.pairs.is_empty()) {
        return html! {
            p.note {
                "Not available: only the paired test against the baseline ran "
                "(set " code { "[significance] all_pairs = true" } " for every pair)."
            }
        };
    }
    let t = v.t;
    html! {
        (resolution_warning(v))
        p.note { "Rows and columns best first. Shaded: significant after Holm's correction. Hover a cell for the raw p-value." }
        @for m in v.metrics.iter().filter(|m| !m.pairs.is_empty()) {
            details.pmatrix open {
                summary {
                    (m.name) ": " (m.pairs.len()) " pairs, "
                    (m.pairs.iter().filter(|c| c.significant).count()) " significant"
                }
                div.scroll {
                    table.pmatrix data-metric=(m.name) {
                        thead { tr { th {} @for &b in &m.order { th.col { (t.systems[b].name) } } } }
                        tbody {
                            @for &a in &m.order {
                                tr {
                                    th { (t.systems[a].name) }
                                    @for &b in &m.order {
                                        @if a == b { td.diag { "—" } }
                                        @else {
                                            @match pair(t, &m.pairs, a, b) {
                                                Some(c) => td.num.sig[c.significant] title=(format!("p = {}", pval(c.p_value))) { (pval(c.p_holm)) },
                                                None => td {},
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The most finding rows listed; every one is in `entities.csv`.
const MAX_FINDINGS: usize = 500;

/// The entity summary and every finding that is not a plain "found".
fn entities(v: &View) -> Markup {
    let Some(e) = &v.t.entities else {
        return html! {
            p.note { "Entity check not run" @if let Some(w) = &v.t.entities_skipped { ": " (w) } "." }
        };
    };
    let rows: Vec<[String; 9]> = mention_rows(e)
        .filter(|r| r[6] != "found" || !(r[8].is_empty() || r[8] == "consistent"))
        .collect();
    let shown = rows.len().min(MAX_FINDINGS);
    let lang = v.t.target_lang.as_deref();
    html! {
        (table(&summary(e), "entities"))
        @for s in e.systems.iter().filter(|s| s.script_warning.is_some()) {
            p.warn { (s.system) ": " (s.script_warning.as_deref().unwrap_or("")) }
        }
        @if rows.is_empty() {
            p.note { "No finding: every expected name found, none added, each spelled one way." }
        } @else {
            details open {
                summary { (rows.len()) " findings (missing, added or spelled several ways)" }
                div.scroll {
                    table.findings {
                        thead { tr { @for h in MENTION_COLUMNS { th { (h.replace('_', " ")) } } } }
                        tbody {
                            @for r in &rows[..shown] {
                                tr {
                                    td { (r[0]) } td.num { (r[1]) } td { (r[2]) } td { (r[3]) }
                                    td lang=[lang] { (r[4]) } td lang=[lang] { (r[5]) }
                                    td.st { (r[6]) } td lang=[lang] { (r[7]) } td { (r[8]) }
                                }
                            }
                        }
                    }
                }
                @if shown < rows.len() { p.note { "First " (shown) " shown; every finding is in entities.csv." } }
            }
        }
    }
}

/// The segment browser's controls; `report.js` fills the rows from the data blob.
fn browser(v: &View) -> Markup {
    let t = v.t;
    if t.texts.is_none() {
        return html! { p.note { "Not available: this report was read back from report.json, which keeps no texts." } };
    }
    html! {
        div.browser data-ts=(v.i) data-name=(t.name) {
            div.controls {
                input.q type="search" placeholder="Search source, reference and output" aria-label="search";
                select.sys aria-label="system" {
                    option value="" { "All systems" }
                    @for &s in &v.ranked { option value=(t.systems[s].name) { (t.systems[s].name) } }
                }
                select.metric aria-label="metric" {
                    @for m in &v.metrics { option value=(m.name) { (m.name) } }
                }
                label { "score ≥ " input.min type="number" step="any" aria-label="minimum score"; }
                label { "≤ " input.max type="number" step="any" aria-label="maximum score"; }
                select.sort aria-label="order" {
                    option value="index" { "Segment order" }
                    option value="worst" { "Worst score first" }
                    option value="best" { "Best score first" }
                }
            }
            p.status {}
            table.segments {
                thead { tr { th { "#" } th { "System" } th { "Score" } th { "Source" } th { "Reference" } th { "Output" } } }
                tbody {}
            }
            div.pager { button.prev type="button" { "‹ Previous" } " " span.pageinfo {} " " button.next type="button" { "Next ›" } }
            p.note {
                "Output words not in the reference are " ins { "marked" } "; reference words "
                "the output lacks are " del { "struck" } " (word-level diff against the first reference, "
                "words split at whitespace). Filters can be set in the address: "
                code { "#system=NAME&metric=chrF2&q=TEXT&sort=worst&min=0&max=50" }
                " (" code { "ts=" (t.name) } " limits them to this test set)."
            }
            noscript { p { "The segment browser needs JavaScript; every segment score is in segments.csv." } }
        }
    }
}

/// The browser's data: what the page shows of each test set's segments.
#[derive(Serialize)]
struct Data<'a> {
    testsets: Vec<TestSetData<'a>>,
}

#[derive(Serialize)]
struct TestSetData<'a> {
    name: &'a str,
    src_lang: Option<&'a str>,
    tgt_lang: Option<&'a str>,
    width: usize,
    systems: Vec<&'a str>,
    metrics: Vec<MetricData<'a>>,
    /// Source lines (absent without a source).
    src: Option<&'a [String]>,
    /// References, `refs[stream][segment]`.
    refs: Vec<&'a [String]>,
    /// Outputs, `hyps[system][segment]`.
    hyps: Vec<&'a [String]>,
    /// Sentence scores, `scores[system][metric][segment]`, rounded to 4 decimals for
    /// size (the page shows `width` decimals; segments.csv has them unrounded).
    scores: Vec<Vec<Vec<f64>>>,
}

#[derive(Serialize)]
struct MetricData<'a> {
    name: &'a str,
    lower: bool,
}

fn testset_data<'a>(v: &View<'a>) -> TestSetData<'a> {
    let t = v.t;
    let texts = t.texts.as_ref();
    let round = |x: f64| (x * 1e4).round() / 1e4;
    TestSetData {
        name: &t.name,
        src_lang: t.source_lang.as_deref(),
        tgt_lang: t.target_lang.as_deref(),
        width: v.width,
        systems: t.systems.iter().map(|s| s.name.as_str()).collect(),
        metrics: v
            .metrics
            .iter()
            .map(|m| MetricData {
                name: m.name,
                lower: m.lower,
            })
            .collect(),
        src: texts.and_then(|x| x.source.as_deref()),
        refs: texts.map_or(Vec::new(), |x| {
            x.references.iter().map(|r| r.as_slice()).collect()
        }),
        hyps: texts.map_or(Vec::new(), |x| {
            x.systems.iter().map(|s| s.as_slice()).collect()
        }),
        scores: t
            .systems
            .iter()
            .map(|s| {
                s.scores
                    .iter()
                    .map(|sc| sc.segment_scores.iter().map(|&x| round(x)).collect())
                    .collect()
            })
            .collect(),
    }
}
