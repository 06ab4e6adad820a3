//! Writers of `mteval run`'s reports: `summary.md`, `systems.csv`, `segments.csv`,
//! `entities.csv`, `breakdowns.csv`, `report.json` and `report.html` (rendered by
//! [`super::html`]). They only render a [`RunReport`]; every file is
//! rendered in memory first and then written atomically, so a failure never leaves a
//! half-written report, and the same report always gives the same bytes.

use std::path::Path;

use super::entities::{mention_rows, MENTION_COLUMNS};
use super::markdown::escape;
use super::run::{best_first, Comparison, GateResult, RunReport, TestSetReport, COMPARED_COLUMNS};
use super::table::{Align, Table};
use super::{Render, RenderOptions};
use crate::error::Result;

/// The file names written into the output directory.
pub const FILES: [&str; 7] = [
    "summary.md",
    "systems.csv",
    "segments.csv",
    "entities.csv",
    "breakdowns.csv",
    "report.json",
    "report.html",
];

/// Renders every report file and writes them into `dir` (created if needed).
pub fn write_run(report: &RunReport, dir: &Path, width: usize) -> Result<()> {
    let files = [
        summary_markdown(report, width),
        systems_csv(report)?,
        segments_csv(report)?,
        entities_csv(report)?,
        breakdowns_csv(report)?,
        report_json(report)?,
        super::html::run_page(report, width)?,
    ];
    let set: Vec<(&str, String)> = FILES.iter().copied().zip(files).collect();
    super::output::write_set(dir, &set)
}

/// `report.json`: the whole report, pretty-printed.
pub fn report_json(report: &RunReport) -> Result<String> {
    super::json::encode(report)
}

fn opt(v: Option<f64>) -> String {
    v.map_or(String::new(), |x| x.to_string())
}

/// `systems.csv`: test set × system × metric.
pub fn systems_csv(report: &RunReport) -> Result<String> {
    let mut rows = vec![[
        "testset",
        "system",
        "metric",
        "score",
        "mean",
        "ci_low",
        "ci_high",
        "p_value",
        "signature",
    ]
    .map(String::from)
    .to_vec()];
    for t in &report.testsets {
        for s in &t.systems {
            for sc in &s.scores {
                rows.push(vec![
                    t.name.clone(),
                    s.name.clone(),
                    sc.metric.clone(),
                    sc.score.to_string(),
                    opt(sc.estimate.mean),
                    opt(sc.estimate.ci_low),
                    opt(sc.estimate.ci_high),
                    opt(sc.p_value),
                    sc.signature.clone(),
                ]);
            }
        }
    }
    super::csv::encode(rows)
}

/// `segments.csv`: test set × segment × system × metric sentence scores.
pub fn segments_csv(report: &RunReport) -> Result<String> {
    let mut rows = vec![["testset", "segment", "system", "metric", "score"]
        .map(String::from)
        .to_vec()];
    for t in &report.testsets {
        for i in 0..t.segments {
            for s in &t.systems {
                for sc in &s.scores {
                    rows.push(vec![
                        t.name.clone(),
                        i.to_string(),
                        s.name.clone(),
                        sc.metric.clone(),
                        sc.segment_scores
                            .get(i)
                            .map_or(String::new(), |x| x.to_string()),
                    ]);
                }
            }
        }
    }
    super::csv::encode(rows)
}

/// `entities.csv`: one row per name mention: test set, system, segment, entity, source
/// form, target form (empty when missing) and status.
pub fn entities_csv(report: &RunReport) -> Result<String> {
    let mut header = vec!["testset".to_string()];
    header.extend(MENTION_COLUMNS.map(String::from));
    let mut rows = vec![header];
    for t in &report.testsets {
        for row in t.entities.iter().flat_map(mention_rows) {
            let mut r = vec![t.name.clone()];
            r.extend(row);
            rows.push(r);
        }
    }
    super::csv::encode(rows)
}

/// `breakdowns.csv`: every test set's breakdowns, long form (see
/// [`super::breakdown::csv_rows`]).
pub fn breakdowns_csv(report: &RunReport) -> Result<String> {
    let mut rows = vec![super::breakdown::CSV_HEADER.map(String::from).to_vec()];
    for t in &report.testsets {
        rows.extend(super::breakdown::csv_rows(t));
    }
    super::csv::encode(rows)
}

/// The significance clusters of every metric whose pairs were all tested: systems best
/// first, grouped where the Holm-adjusted tests separate them.
fn clusters_markdown(t: &TestSetReport) -> String {
    let mut out = String::new();
    for (k, m) in t.metrics.iter().enumerate() {
        // Clusters were assigned along this order, so each is one run of it.
        let Some(members) = best_first(&t.systems, k, m)
            .into_iter()
            .map(|i| t.systems[i].scores[k].cluster.map(|c| (c, &t.systems[i])))
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        if out.is_empty() {
            out.push_str(
                "\nSignificance clusters (each from its best system to the first one significantly different from it, Holm-adjusted):\n\n",
            );
        }
        let groups: Vec<String> = members
            .chunk_by(|a, b| a.0 == b.0)
            .map(|g| {
                let names: Vec<String> = g.iter().map(|(_, s)| escape(&s.name)).collect();
                format!("{}: {}", g[0].0, names.join(", "))
            })
            .collect();
        out.push_str(&format!("- {}: {}\n", escape(&m.name), groups.join("; ")));
    }
    out
}

/// `summary.md`: per test set a ranked table, signatures, differing segments; then gates.
pub fn summary_markdown(report: &RunReport, width: usize) -> String {
    let mut out = String::from("# mteval report\n");
    // The verdict first: a CI reader sees it without scrolling, and it survives any cut.
    if !report.gates.is_empty() {
        let failed = report.gates.iter().filter(|g| !g.passed).count();
        let incomparable = report.gates.iter().filter(|g| !g.comparable).count();
        let verdict = if incomparable > 0 {
            format!(
                "**NOT COMPARABLE**: {incomparable} of {} gate rules cannot be evaluated",
                report.gates.len()
            )
        } else if failed > 0 {
            format!(
                "**FAIL**: {failed} of {} gate rules failed",
                report.gates.len()
            )
        } else {
            format!("**PASS**: all {} gate rules passed", report.gates.len())
        };
        out.push_str(&format!("\n{verdict} (details under Gates).\n"));
    }
    let mut body = String::new();
    for t in &report.testsets {
        body.push('\n');
        body.push_str(&testset_markdown(t, width));
    }
    let gates = if report.gates.is_empty() {
        String::new()
    } else {
        let rows = decisive_first(&report.gates);
        format!(
            "\n## Gates\n\n{}",
            bounded_gates_table(&rows, MARKDOWN_LIMIT / 3)
        )
    };
    // Test set sections get what the verdict and the gate table leave, cut at a line.
    let budget = MARKDOWN_LIMIT.saturating_sub(out.chars().count() + gates.chars().count() + 200);
    if body.chars().count() > budget {
        let mut kept = 0usize;
        let mut cut = String::new();
        for line in body.split_inclusive('\n') {
            let n = line.chars().count();
            if kept + n > budget {
                break;
            }
            kept += n;
            cut.push_str(line);
        }
        cut.push_str(
            "\n… cut to stay under 60,000 characters: every score, segment and finding is \
             in report.json, systems.csv, segments.csv and entities.csv.\n",
        );
        body = cut;
    }
    out.push_str(&body);
    out.push_str(&gates);
    out
}

/// The most characters `mteval compare` and `summary.md` print: GitHub cuts a comment at
/// 65,536, and the verdict must survive; the rest is in the JSON and CSV files.
pub const MARKDOWN_LIMIT: usize = 60_000;

/// Rows that decide a verdict first (not comparable, then failed), each group in
/// report order.
fn decisive_first(rows: &[GateResult]) -> Vec<&GateResult> {
    let mut out: Vec<&GateResult> = rows.iter().filter(|g| !g.comparable).collect();
    out.extend(rows.iter().filter(|g| g.comparable && !g.passed));
    out.extend(rows.iter().filter(|g| g.comparable && g.passed));
    out
}

/// `mteval compare`'s Markdown: the verdict line, then the rows that decide it, then
/// the others, cut to stay under [`MARKDOWN_LIMIT`] characters with a note of what was
/// left out.
pub fn comparison_markdown(c: &Comparison) -> String {
    let judged = c.rows.iter().filter(|g| g.rule != "new").count();
    let failed = c.rows.iter().filter(|g| g.comparable && !g.passed).count();
    let incomparable = c.rows.iter().filter(|g| !g.comparable).count();
    let mut out = match c.verdict.as_str() {
        "pass" => format!("**PASS**: no regression in {judged} compared scores"),
        "fail" => format!("**FAIL**: {failed} of {judged} compared scores regressed"),
        _ => format!(
            "**NOT COMPARABLE**: {incomparable} of {judged} scores cannot be compared \
             (and {failed} regressed)"
        ),
    };
    out.push_str(&format!(
        " (p-values Holm-adjusted across all {} tested scores, alpha = {}).\n\n",
        c.rows.iter().filter(|g| g.p_value.is_some()).count(),
        c.alpha
    ));
    out.push_str(&bounded_gates_table(
        &decisive_first(&c.rows),
        MARKDOWN_LIMIT - out.len(),
    ));
    out
}

/// The gate table of `rows` in at most `budget` characters: whole rows only, with a
/// last line saying how many were left out.
fn bounded_gates_table(rows: &[&GateResult], budget: usize) -> String {
    let owned: Vec<GateResult> = rows.iter().map(|g| (*g).clone()).collect();
    let full = gates_table(&owned).to_markdown();
    if full.chars().count() <= budget {
        return full;
    }
    // Keep as many leading rows as fit beside the note.
    let (mut lo, mut hi) = (0usize, owned.len());
    let note = |left: usize| {
        format!(
            "\n… {left} more rows not shown: see `--format json` or `--format csv` (or report.json).\n"
        )
    };
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let t = gates_table(&owned[..mid]).to_markdown();
        if t.chars().count() + note(owned.len() - mid).chars().count() <= budget {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let mut t = gates_table(&owned[..lo]).to_markdown();
    t.push_str(&note(owned.len() - lo));
    t
}

/// `mteval compare`'s views: its text is its Markdown (a CI log and a pull-request
/// comment read the same), its CSV one row per compared score.
impl Render for Comparison {
    fn text(&self, _opts: RenderOptions) -> String {
        comparison_markdown(self)
    }

    fn markdown(&self, _opts: RenderOptions) -> String {
        comparison_markdown(self)
    }

    fn csv_rows(&self) -> Vec<Vec<String>> {
        comparison_rows(self)
    }

    /// Every row in one table, the verdict as a LaTeX comment above it.
    fn latex(&self, _opts: RenderOptions) -> String {
        let verdict = comparison_markdown(self)
            .lines()
            .next()
            .unwrap_or_default()
            .replace("**", "");
        format!("% {verdict}\n{}", gates_table(&self.rows).to_latex())
    }
}

/// `mteval compare --format csv`: one row per compared score.
fn comparison_rows(c: &Comparison) -> Vec<Vec<String>> {
    let mut header = vec!["rule".to_string()];
    header.extend(COMPARED_COLUMNS.map(String::from));
    header.push("detail".to_string());
    let mut rows = vec![header];
    for g in &c.rows {
        let mut row = vec![g.rule.clone()];
        row.extend(g.compared_cells());
        row.push(g.detail.clone());
        rows.push(row);
    }
    rows
}

/// The gate results as a table (also printed by `mteval compare`).
pub fn gates_table(gates: &[GateResult]) -> Table {
    Table {
        header: [
            "Rule",
            "Test set",
            "System",
            "Metric",
            "Value",
            "Threshold",
            "Result",
            "Detail",
        ]
        .map(String::from)
        .to_vec(),
        align: vec![
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Left,
            Align::Left,
        ],
        rows: gates
            .iter()
            .map(|g| {
                vec![
                    g.rule.clone(),
                    g.testset.clone(),
                    g.system.clone(),
                    g.metric.clone(),
                    g.value.map_or("—".to_string(), |v| format!("{v:.4}")),
                    format!("{}", g.threshold),
                    if !g.comparable {
                        "NOT COMPARABLE"
                    } else if g.rule == "new" {
                        "new"
                    } else if g.passed {
                        "pass"
                    } else {
                        "FAIL"
                    }
                    .to_string(),
                    g.detail.clone(),
                ]
            })
            .collect(),
    }
}

fn testset_markdown(t: &TestSetReport, width: usize) -> String {
    let mut out = format!("## {}\n\n", escape(&t.name));
    out.push_str(&t.description(escape));
    if let Some(m) = &t.ranked_by {
        out.push_str(&format!(" Ranked by {}.", escape(m)));
    }
    out.push_str("\n\n");
    let order = t.in_rank_order();
    let has_entities = t.systems.iter().any(|s| s.entities.is_some());
    let mut header = vec!["Rank".to_string(), "System".to_string()];
    header.extend(t.metrics.iter().map(|m| m.name.clone()));
    let mut align = vec![Align::Right, Align::Left];
    align.extend(t.metrics.iter().map(|_| Align::Right));
    if has_entities {
        header.extend([
            "Entity recall".to_string(),
            "Inconsistent entities".to_string(),
        ]);
        align.extend([Align::Right, Align::Right]);
    }
    let rows = order
        .iter()
        .map(|&i| {
            let s = &t.systems[i];
            let rank = s.rank.map_or(String::new(), |r| r.to_string());
            let mut row = vec![rank, s.name.clone()];
            for sc in &s.scores {
                let mut cell = format!("{:.w$}", sc.score, w = width);
                if let Some(ci) = sc.estimate.ci {
                    cell.push_str(&format!(" ± {ci:.w$}", w = width));
                }
                if let Some(p) = sc.p_value {
                    // The marker renders the decision made with the manifest's alpha.
                    cell.push_str(&format!(
                        " (p = {p:.4}){}",
                        if sc.significant == Some(true) {
                            "*"
                        } else {
                            ""
                        }
                    ));
                }
                row.push(cell);
            }
            if has_entities {
                match &s.entities {
                    Some(e) => {
                        row.push(match e.recall {
                            Some(r) => format!("{:.1}% ({}/{})", 100.0 * r, e.found, e.expected),
                            None if e.expected == 0 => "— (no names)".to_string(),
                            None => "— (wrong script)".to_string(),
                        });
                        row.push(e.inconsistent_entities.to_string());
                    }
                    None => row.extend([String::new(), String::new()]),
                }
            }
            row
        })
        .collect();
    out.push_str(
        &Table {
            header,
            align,
            rows,
        }
        .to_markdown(),
    );
    if let Some(sig) = &t.significance {
        out.push_str(&format!(
            "\n`*`: p ≤ {} against the baseline ({}, {} samples, seed {}).\n",
            sig.alpha, sig.test, sig.samples, sig.seed
        ));
    }
    out.push_str("\nSignatures:\n\n");
    for m in &t.metrics {
        out.push_str(&format!(
            "- {}: `{}`\n",
            escape(&m.name),
            m.signature.replace('`', "'")
        ));
    }
    if !t.comparisons.is_empty() {
        out.push_str("\n### All pairs (Holm–Bonferroni corrected)\n\n");
        let table = Table {
            header: [
                "Metric",
                "System A",
                "System B",
                "p",
                "p (Holm)",
                "Significant",
            ]
            .map(String::from)
            .to_vec(),
            align: vec![
                Align::Left,
                Align::Left,
                Align::Left,
                Align::Right,
                Align::Right,
                Align::Left,
            ],
            rows: t
                .comparisons
                .iter()
                .map(|c| {
                    vec![
                        c.metric.clone(),
                        c.system_a.clone(),
                        c.system_b.clone(),
                        format!("{:.4}", c.p_value),
                        format!("{:.4}", c.p_holm),
                        if c.significant { "yes" } else { "no" }.to_string(),
                    ]
                })
                .collect(),
        };
        out.push_str(&table.to_markdown());
        out.push_str(&clusters_markdown(t));
    }
    if let Some(e) = &t.entities {
        out.push_str("\n### Entity findings\n\n");
        out.push_str(&super::entities::summary_table(e));
        out.push_str(&super::entities::brief_findings(e));
        out.push_str("\nEvery finding, with its line: `entities.csv`, `report.json`.\n");
    } else if let Some(why) = &t.entities_skipped {
        out.push_str(&format!("\nEntity check not run: {}.\n", escape(why)));
    }
    out.push_str(&super::breakdown::markdown(t, width));
    if !t.differing_segments.is_empty() {
        out.push_str(&format!(
            "\n### Where systems differ most ({})\n",
            t.differing_segments[0].metric
        ));
        for d in &t.differing_segments {
            out.push_str(&format!(
                "\n**Segment {}** (spread {:.w$})\n\n",
                d.index,
                d.spread,
                w = width
            ));
            if let Some(src) = &d.source {
                out.push_str(&format!("- Source: {}\n", escape(src)));
            }
            out.push_str(&format!("- Reference: {}\n", escape(&d.reference)));
            if !d.diffs.is_empty() {
                out.push_str("  (against it: **only in the output**, ~~only in the reference~~)\n");
            }
            for (k, (sys, text)) in d.outputs.iter().enumerate() {
                let shown = match d.diffs.get(k) {
                    Some(spans) => super::breakdown::diff_markdown(spans),
                    None => escape(text),
                };
                out.push_str(&format!("- {}: {}\n", escape(sys), shown));
            }
        }
    }
    out
}

#[cfg(test)]
mod limit_tests {
    use super::*;

    fn snapshot() -> RunReport {
        let p = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/snapshots/run/report.json"
        );
        serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
    }

    /// On real data the summary was 804 KB; whatever the data, it stays under the limit
    /// with the verdict first.
    #[test]
    fn summary_and_comparison_stay_under_the_limit_verdict_first() {
        let mut r = snapshot();
        let sets = r.testsets.clone();
        for i in 0..60 {
            for t in &sets {
                let mut t = t.clone();
                t.name = format!("{}-{i}", t.name);
                r.testsets.push(t);
            }
        }
        let mut gate = r.gates[0].clone();
        gate.passed = false;
        r.gates = vec![gate.clone(); 5000];
        let md = summary_markdown(&r, 1);
        assert!(md.chars().count() <= MARKDOWN_LIMIT, "{}", md.len());
        assert!(
            md.starts_with("# mteval report\n\n**FAIL**: 5000 of 5000"),
            "{}",
            &md[..80]
        );
        assert!(md.contains("more rows not shown") && md.contains("cut to stay under"));

        let c = Comparison::new(vec![gate; 20_000], 0.05);
        let md = comparison_markdown(&c);
        assert!(md.chars().count() <= MARKDOWN_LIMIT);
        assert!(md.starts_with("**FAIL**: 20000 of 20000"), "{}", &md[..60]);
        assert!(md.trim_end().ends_with("(or report.json)."));
    }

    /// A name with Markdown in it is escaped exactly once wherever it appears: the
    /// summary escaped names and then the table escaped `|` again, so `a|b` became
    /// `a\\|b`, which ends the cell and shifts every column after it.
    #[test]
    fn names_are_escaped_once_in_every_table() {
        let mut r = snapshot();
        let t = &mut r.testsets[0];
        let old = t.systems[0].name.clone();
        let new = "mt|a_1";
        t.systems[0].name = new.to_string();
        for c in &mut t.comparisons {
            for s in [&mut c.system_a, &mut c.system_b] {
                if *s == old {
                    *s = new.to_string();
                }
            }
        }
        for g in &mut r.gates {
            if g.system == old {
                g.system = new.to_string();
            }
        }
        let md = summary_markdown(&r, 1);
        let rows: Vec<&str> = md.lines().filter(|l| l.contains("mt\\|a")).collect();
        assert!(rows.len() >= 3, "{md}");
        for row in rows {
            assert!(
                row.contains("mt\\|a\\_1") && !row.contains("\\\\|"),
                "{row}"
            );
        }
    }
}
