//! The views of an [`EntityReport`] (`mteval entities`, and the entity sections of
//! `mteval run`'s reports): text, Markdown and CSV; JSON is the report itself. Render
//! only: every figure is computed before the report exists; these functions format it.
//!
//! Human-facing outputs (CSV, Markdown, text) give 1-based line numbers; the JSON keeps
//! the 0-based `segment` of its contract. Markdown stays short whatever the data (counts
//! per system and at most [`EXAMPLES`] examples of each finding); the full lists are in
//! the CSV and the JSON.

use std::fmt::Write as _;

use super::markdown::escape;
use super::table::{Align, Table};
use super::{Render, RenderOptions};
use crate::entities::{EntityReport, ExtraKind, Status, SystemEntities, Variant};

impl Render for EntityReport {
    fn text(&self, _opts: RenderOptions) -> String {
        to_text(self)
    }

    fn markdown(&self, _opts: RenderOptions) -> String {
        to_markdown(self)
    }

    fn csv_rows(&self) -> Vec<Vec<String>> {
        std::iter::once(MENTION_COLUMNS.map(String::from).to_vec())
            .chain(mention_rows(self).map(|r| r.to_vec()))
            .collect()
    }

    /// The per-system summary table (every finding is in the CSV and JSON views).
    fn latex(&self, _opts: RenderOptions) -> String {
        summary(self).to_latex()
    }
}

/// How many examples of each finding Markdown shows per system.
pub const EXAMPLES: usize = 3;

/// The status as written in every format.
pub fn status(s: Status) -> &'static str {
    match s {
        Status::Found => "found",
        Status::Missing => "missing",
        Status::Unverified => "unverified",
        Status::Unconfirmed => "unconfirmed",
    }
}

fn kind(k: ExtraKind) -> &'static str {
    match k {
        ExtraKind::NotInSource => "not_in_source",
        ExtraKind::Substituted => "substituted",
    }
}

/// The columns of a finding row (see [`mention_rows`]).
pub const MENTION_COLUMNS: [&str; 9] = [
    "system",
    "line",
    "entity",
    "source_form",
    "target_form",
    "reference_form",
    "status",
    "spellings",
    "spelling",
];

fn spellings(v: Option<&Variant>) -> (String, String) {
    let Some(v) = v else {
        return (String::new(), String::new());
    };
    let forms: Vec<String> = v.forms.iter().map(|(f, n)| format!("{f} ×{n}")).collect();
    let finding = match (v.inconsistent, v.differs) {
        (true, true) => "inconsistent; differs from reference",
        (true, false) => "inconsistent",
        (false, true) => "differs from reference",
        (false, false) => "consistent",
    };
    let finding = if forms.is_empty() { "" } else { finding };
    (forms.join("; "), finding.to_string())
}

/// One row per mention, then one per name not in the source, in [`MENTION_COLUMNS`]
/// order: 1-based line, the entity's spellings in this system and the spelling finding;
/// shared by the CSV view and `mteval run`'s `entities.csv`.
pub fn mention_rows(r: &EntityReport) -> impl Iterator<Item = [String; 9]> + '_ {
    r.systems.iter().flat_map(|s| {
        let mentions = s.mentions.iter().map(move |m| {
            let (forms, finding) = spellings(s.variants.iter().find(|v| v.entity == m.entity));
            [
                s.system.clone(),
                (m.segment + 1).to_string(),
                m.entity.clone(),
                m.source_form.clone(),
                m.target_form.clone().unwrap_or_default(),
                m.reference_form.clone().unwrap_or_default(),
                status(m.status).to_string(),
                forms,
                finding,
            ]
        });
        let extras = s.hallucinations.iter().map(move |h| {
            [
                s.system.clone(),
                (h.segment + 1).to_string(),
                h.entity.clone(),
                h.replaces.clone().unwrap_or_default(),
                h.target_form.clone(),
                String::new(),
                kind(h.kind).to_string(),
                String::new(),
                String::new(),
            ]
        });
        mentions.chain(extras)
    })
}

fn recall(s: &SystemEntities) -> String {
    match s.summary.recall {
        Some(r) => format!("{:.1}%", r * 100.0),
        None => "—".to_string(),
    }
}

/// The per-system summary table (Markdown).
pub fn summary_table(r: &EntityReport) -> String {
    summary(r).to_markdown()
}

/// The per-system summary: recall and the count of each finding.
pub(crate) fn summary(r: &EntityReport) -> Table {
    let header = [
        "system",
        "recall",
        "found",
        "missing",
        "unverified",
        "unconfirmed",
        "not in source",
        "substituted",
        "inconsistent",
        "differs",
    ];
    let mut align = vec![Align::Right; header.len()];
    align[0] = Align::Left;
    let rows = r
        .systems
        .iter()
        .map(|s| {
            let m = &s.summary;
            vec![
                s.system.clone(),
                recall(s),
                m.found.to_string(),
                m.missing.to_string(),
                m.unverified.to_string(),
                m.unconfirmed.to_string(),
                (m.hallucinated - m.substituted).to_string(),
                m.substituted.to_string(),
                m.inconsistent_entities.to_string(),
                m.differing_entities.to_string(),
            ]
        })
        .collect();
    Table {
        header: header.map(String::from).to_vec(),
        align,
        rows,
    }
}

fn examples<I: Iterator<Item = String>>(items: I, total: usize) -> String {
    let shown: Vec<String> = items.take(EXAMPLES).collect();
    let more = total.saturating_sub(shown.len());
    if more > 0 {
        format!("{} (and {more} more)", shown.join("; "))
    } else {
        shown.join("; ")
    }
}

/// A few examples of each finding per system, as Markdown list items (bounded size).
pub fn brief_findings(r: &EntityReport) -> String {
    let mut out = String::new();
    for s in &r.systems {
        let _ = writeln!(out, "\n**{}**\n", escape(&s.system));
        if let Some(w) = &s.script_warning {
            let _ = writeln!(out, "- ⚠ {}", escape(w));
        }
        let missing: Vec<_> = s
            .mentions
            .iter()
            .filter(|m| m.status == Status::Missing)
            .collect();
        let extra: Vec<_> = s.hallucinations.iter().collect();
        let inconsistent: Vec<_> = s.variants.iter().filter(|v| v.inconsistent).collect();
        let differs: Vec<_> = s.variants.iter().filter(|v| v.differs).collect();
        let forms = |v: &Variant| {
            v.forms
                .iter()
                .map(|(f, n)| format!("{} ×{n}", escape(f)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let lines: [(&str, usize, String); 4] = [
            (
                "Missing",
                missing.len(),
                examples(
                    missing
                        .iter()
                        .map(|m| format!("{} (line {})", escape(&m.source_form), m.segment + 1)),
                    missing.len(),
                ),
            ),
            (
                "Not in the source",
                extra.len(),
                examples(
                    extra.iter().map(|h| match &h.replaces {
                        Some(r) => format!(
                            "{} as {} instead of {} (line {})",
                            escape(&h.entity),
                            escape(&h.target_form),
                            escape(r),
                            h.segment + 1
                        ),
                        None => format!(
                            "{} as {} (line {})",
                            escape(&h.entity),
                            escape(&h.target_form),
                            h.segment + 1
                        ),
                    }),
                    extra.len(),
                ),
            ),
            (
                "Spelled several ways",
                inconsistent.len(),
                examples(
                    inconsistent
                        .iter()
                        .map(|v| format!("{}: {}", escape(&v.entity), forms(v))),
                    inconsistent.len(),
                ),
            ),
            (
                "Spelled otherwise than the reference or glossary",
                differs.len(),
                examples(
                    differs.iter().map(|v| {
                        format!(
                            "{}: {} (expected {})",
                            escape(&v.entity),
                            forms(v),
                            escape(&v.expected.join(", "))
                        )
                    }),
                    differs.len(),
                ),
            ),
        ];
        let mut any = false;
        for (label, n, text) in lines {
            if n > 0 {
                any = true;
                let _ = writeln!(out, "- {label} ({n}): {text}");
            }
        }
        if !any && s.script_warning.is_none() {
            out.push_str("- every expected name found, none added, each spelled one way\n");
        }
    }
    out
}

/// The summary table and a few examples of each finding per system.
pub fn to_markdown(r: &EntityReport) -> String {
    let mut out = summary_table(r);
    out.push_str(&brief_findings(r));
    out.push_str("\nFull lists: `--format csv` or `--format json`.\n");
    out
}

/// A human summary per system, then every finding with its 1-based line.
pub fn to_text(r: &EntityReport) -> String {
    let mut out = String::new();
    for s in &r.systems {
        let m = &s.summary;
        let _ = writeln!(
            out,
            "{}: {}/{} expected names found (recall {}), {} missing, {} unverified, {} unconfirmed, {} not in source, {} inconsistent, {} differ",
            s.system,
            m.found,
            m.expected,
            recall(s),
            m.missing,
            m.unverified,
            m.unconfirmed,
            m.hallucinated,
            m.inconsistent_entities,
            m.differing_entities
        );
        if let Some(w) = &s.script_warning {
            let _ = writeln!(out, "  warning: {w}");
        }
        for x in s.mentions.iter().filter(|x| x.status == Status::Missing) {
            let _ = writeln!(
                out,
                "  missing      line {}: {}",
                x.segment + 1,
                x.source_form
            );
        }
        for h in &s.hallucinations {
            match &h.replaces {
                Some(r) => {
                    let _ = writeln!(
                        out,
                        "  substituted  line {}: {} ({}) instead of {r}",
                        h.segment + 1,
                        h.target_form,
                        h.entity
                    );
                }
                None => {
                    let _ = writeln!(
                        out,
                        "  extra        line {}: {} ({})",
                        h.segment + 1,
                        h.target_form,
                        h.entity
                    );
                }
            }
        }
        for v in s.variants.iter().filter(|v| v.inconsistent) {
            let forms: Vec<String> = v.forms.iter().map(|(f, n)| format!("{f} ×{n}")).collect();
            let _ = writeln!(out, "  inconsistent {}: {}", v.entity, forms.join(", "));
        }
        for v in s.variants.iter().filter(|v| v.differs) {
            let forms: Vec<String> = v.forms.iter().map(|(f, n)| format!("{f} ×{n}")).collect();
            let _ = writeln!(
                out,
                "  differs      {}: {} (expected {})",
                v.entity,
                forms.join(", "),
                v.expected.join(", ")
            );
        }
        let missing_numbers: Vec<String> = s
            .numbers
            .iter()
            .filter(|n| n.status == Status::Missing)
            .map(|n| format!("{} (line {})", n.source_form, n.segment + 1))
            .collect();
        if !missing_numbers.is_empty() {
            let _ = writeln!(out, "  numbers missing: {}", missing_numbers.join(", "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::*;
    use std::collections::BTreeMap;

    fn report() -> EntityReport {
        let mut forms = BTreeMap::new();
        forms.insert("ল্যাভরভ".to_string(), 2);
        forms.insert("a|b".to_string(), 1);
        EntityReport {
            systems: vec![SystemEntities {
                system: "sys".into(),
                summary: Summary {
                    mentions: 2,
                    expected: 2,
                    found: 1,
                    missing: 1,
                    unverified: 0,
                    unconfirmed: 0,
                    recall: Some(0.5),
                    hallucinated: 1,
                    substituted: 1,
                    inconsistent_entities: 1,
                    differing_entities: 0,
                },
                script_warning: None,
                mentions: vec![
                    Mention {
                        segment: 0,
                        entity: "Lavrov".into(),
                        source_form: "Lavrov".into(),
                        target_form: Some("ল্যাভরভের".into()),
                        reference_form: None,
                        status: Status::Found,
                    },
                    Mention {
                        segment: 1,
                        entity: "Putin".into(),
                        source_form: "Putin".into(),
                        target_form: None,
                        reference_form: None,
                        status: Status::Missing,
                    },
                ],
                hallucinations: vec![Hallucination {
                    segment: 1,
                    entity: "Peskov".into(),
                    target_form: "পেসকভ".into(),
                    kind: ExtraKind::Substituted,
                    replaces: Some("Putin".into()),
                }],
                variants: vec![Variant {
                    entity: "Lavrov".into(),
                    forms,
                    inconsistent: true,
                    differs: false,
                    expected: Vec::new(),
                    consistent: false,
                }],
                numbers: vec![NumberCheck {
                    segment: 0,
                    source_form: "18".into(),
                    status: Status::Found,
                }],
            }],
        }
    }

    #[test]
    fn json_contract_and_roundtrip() {
        let r = report();
        let j = super::super::json::encode(&r).unwrap();
        let v: serde_json::Value = serde_json::from_str(&j).expect("valid json");
        let s = &v["systems"][0];
        assert_eq!(s["summary"]["inconsistent_entities"], 1);
        assert_eq!(s["mentions"][1]["target_form"], serde_json::Value::Null);
        assert_eq!(s["mentions"][1]["status"], "missing");
        assert_eq!(
            s["mentions"][1]["segment"], 1,
            "JSON keeps the 0-based segment"
        );
        assert_eq!(s["hallucinations"][0]["kind"], "substituted");
        assert_eq!(s["variants"][0]["forms"]["ল্যাভরভ"], 2);
        let back: EntityReport = serde_json::from_str(&j).expect("deserialises");
        assert_eq!(super::super::json::encode(&back).unwrap(), j);
        assert!(j.find("\"system\"") < j.find("\"summary\""));
    }

    #[test]
    fn csv_rows_have_lines_spellings_and_extras() {
        let c = super::super::render(
            &report(),
            super::super::ReportFormat::Csv,
            RenderOptions::default(),
        )
        .unwrap();
        let lines: Vec<&str> = c.lines().collect();
        assert_eq!(
            lines[0],
            "system,line,entity,source_form,target_form,reference_form,status,spellings,spelling"
        );
        assert_eq!(
            lines[1],
            "sys,1,Lavrov,Lavrov,ল্যাভরভের,,found,a|b ×1; ল্যাভরভ ×2,inconsistent"
        );
        assert_eq!(lines[2], "sys,2,Putin,Putin,,,missing,,");
        assert_eq!(lines[3], "sys,2,Peskov,Putin,পেসকভ,,substituted,,");
    }

    #[test]
    fn markdown_is_short_and_escaped() {
        let m = to_markdown(&report());
        assert!(
            m.contains("| sys | 50.0% | 1 | 1 | 0 | 0 | 0 | 1 | 1 | 0 |"),
            "{m}"
        );
        assert!(m.contains("a\\|b ×1"));
        assert!(m.contains("Putin (line 2)"));
        let mut big = report();
        for i in 0..10_000 {
            big.systems[0].mentions.push(Mention {
                segment: i,
                entity: "X".into(),
                source_form: "X".into(),
                target_form: None,
                reference_form: None,
                status: Status::Missing,
            });
        }
        assert!(to_markdown(&big).len() < 2_000);
    }

    #[test]
    fn text_summary() {
        let t = to_text(&report());
        assert!(
            t.starts_with("sys: 1/2 expected names found (recall 50.0%)"),
            "{t}"
        );
        assert!(t.contains("missing      line 2: Putin"));
        assert!(t.contains("substituted  line 2: পেসকভ (Peskov) instead of Putin"));
    }
}
