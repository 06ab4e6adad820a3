//! Renders the breakdowns ([`crate::breakdown`]) a run computed: the Markdown summary's
//! section, the rows of `breakdowns.csv`, and the word-level diffs of differing segments.

use super::markdown::escape;
use super::run::TestSetReport;
use super::table::{Align, Table};
use crate::breakdown::DiffSpan;

/// N-grams listed per direction in the Markdown summary (`report.json` and
/// `breakdowns.csv` hold compare-mt's 50).
const SUMMARY_NGRAMS: usize = 5;

/// The summary's breakdown section of test set `t` (empty when none was computed).
pub fn markdown(t: &TestSetReport, width: usize) -> String {
    let Some(b) = &t.breakdowns else {
        return String::new();
    };
    let names: Vec<String> = t.systems.iter().map(|s| s.name.clone()).collect();
    let mut out = String::from("\n### Breakdowns\n");
    if let Some(first) = t.metrics.first() {
        out.push_str(&format!(
            "\n{} by reference length (words):\n\n",
            escape(&first.name)
        ));
        let mut header = vec!["Length".to_string(), "Segments".to_string()];
        header.extend(names.iter().cloned());
        let table = Table {
            header,
            align: numeric_columns(names.len()),
            rows: b
                .by_length
                .iter()
                .map(|l| {
                    let mut row = vec![l.bucket.clone(), l.segments.to_string()];
                    row.extend(l.scores[0].iter().map(|x| match x {
                        Some(v) => format!("{v:.width$}"),
                        None => "–".to_string(),
                    }));
                    row
                })
                .collect(),
        };
        out.push_str(&table.to_markdown());
    }
    out.push_str(&format!(
        "\nWord F-measure by frequency (in the {}):\n\n",
        if b.frequency_source == "reference" {
            "reference".to_string()
        } else {
            format!("training corpus `{}`", b.frequency_source)
        }
    ));
    let mut header = vec!["Frequency".to_string(), "Reference words".to_string()];
    header.extend(names.iter().cloned());
    let table = Table {
        header,
        align: numeric_columns(names.len()),
        rows: b
            .by_frequency
            .iter()
            .map(|f| {
                let mut row = vec![f.bucket.clone(), f.reference_words.to_string()];
                row.extend(f.systems.iter().map(|a| match f.reference_words {
                    0 if a.output_words == 0 => "–".to_string(),
                    _ => format!("{:.4}", a.fmeasure),
                }));
                row
            })
            .collect(),
    };
    out.push_str(&table.to_markdown());
    if !b.ngrams.is_empty() {
        out.push_str(&format!(
            "\nN-grams one system matches more often than the other (top {SUMMARY_NGRAMS}; \
             all {} in `report.json` and `breakdowns.csv`):\n\n",
            crate::breakdown::NGRAM_TOP
        ));
        for c in &b.ngrams {
            let list = |rows: &[crate::breakdown::NgramRow]| -> String {
                rows.iter()
                    .take(SUMMARY_NGRAMS)
                    .map(|r| format!("`{}`", r.ngram.replace('`', "'")))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            out.push_str(&format!(
                "- {} over {}: {}; {} over {}: {}\n",
                escape(&c.system_a),
                escape(&c.system_b),
                list(&c.a_better),
                escape(&c.system_b),
                escape(&c.system_a),
                list(&c.b_better)
            ));
        }
    }
    out
}

fn numeric_columns(systems: usize) -> Vec<Align> {
    let mut a = vec![Align::Left, Align::Right];
    a.extend(std::iter::repeat_n(Align::Right, systems));
    a
}

/// The header of `breakdowns.csv`.
pub const CSV_HEADER: [&str; 7] = [
    "testset",
    "breakdown",
    "bucket",
    "system",
    "statistic",
    "value",
    "count",
];

/// The rows of `breakdowns.csv` for test set `t`: one per bucket × system × statistic
/// (`by_length`: each metric's score, `count` = segments; `by_frequency`: recall,
/// precision, F-measure, `count` = matches), and three per listed n-gram (`bucket` = the
/// n-gram, `system` = `A>B` or `B>A`: its ratio and each system's matches).
pub fn csv_rows(t: &TestSetReport) -> Vec<Vec<String>> {
    let Some(b) = &t.breakdowns else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    let names: Vec<&str> = t.systems.iter().map(|s| s.name.as_str()).collect();
    for l in &b.by_length {
        for (mi, m) in t.metrics.iter().enumerate() {
            for (si, v) in l.scores[mi].iter().enumerate() {
                rows.push(vec![
                    t.name.clone(),
                    "length".to_string(),
                    l.bucket.clone(),
                    names[si].to_string(),
                    m.name.clone(),
                    v.map_or(String::new(), |x| x.to_string()),
                    l.segments.to_string(),
                ]);
            }
        }
    }
    let source = format!("frequency:{}", b.frequency_source);
    for f in &b.by_frequency {
        for (si, a) in f.systems.iter().enumerate() {
            for (stat, v) in [
                ("recall", a.recall),
                ("precision", a.precision),
                ("fmeasure", a.fmeasure),
            ] {
                rows.push(vec![
                    t.name.clone(),
                    source.clone(),
                    f.bucket.clone(),
                    names[si].to_string(),
                    stat.to_string(),
                    v.to_string(),
                    a.matches.to_string(),
                ]);
            }
        }
    }
    for c in &b.ngrams {
        for (dir, list) in [
            (format!("{}>{}", c.system_a, c.system_b), &c.a_better),
            (format!("{}>{}", c.system_b, c.system_a), &c.b_better),
        ] {
            for r in list {
                for (stat, v) in [
                    ("ratio", r.ratio.to_string()),
                    ("matches_a", r.a_matches.to_string()),
                    ("matches_b", r.b_matches.to_string()),
                ] {
                    rows.push(vec![
                        t.name.clone(),
                        "ngram".to_string(),
                        r.ngram.clone(),
                        dir.clone(),
                        stat.to_string(),
                        v,
                        String::new(),
                    ]);
                }
            }
        }
    }
    rows
}

/// A hypothesis with its diff against the reference marked in Markdown: words only in
/// the hypothesis in bold, words only in the reference struck through.
pub fn diff_markdown(spans: &[DiffSpan]) -> String {
    spans
        .iter()
        .map(|s| match s.op {
            '+' => format!("**{}**", escape(&s.text)),
            '-' => format!("~~{}~~", escape(&s.text)),
            _ => escape(&s.text),
        })
        .collect::<Vec<_>>()
        .join(" ")
}
