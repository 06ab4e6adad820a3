//! Rendering an [`EntityReport`] as JSON, CSV, Markdown or text. Render only: every
//! figure is computed before the report exists; these functions format it.

use std::fmt::Write as _;

use super::{EntityReport, Status};

fn status(s: Status) -> &'static str {
    match s {
        Status::Found => "found",
        Status::Missing => "missing",
    }
}

/// Pretty JSON in the contract's key order (the struct field order).
pub fn to_json(r: &EntityReport) -> String {
    // Serialising plain structs, strings and maps cannot fail.
    serde_json::to_string_pretty(r).unwrap_or_else(|_| "{}".to_string())
}

/// The columns of a mention row (see [`mention_rows`]).
pub const MENTION_COLUMNS: [&str; 6] = [
    "system",
    "segment",
    "entity",
    "source_form",
    "target_form",
    "status",
];

/// One row per mention, in [`MENTION_COLUMNS`] order (target form empty when missing);
/// shared by [`to_csv`] and `mteval run`'s `entities.csv`.
pub fn mention_rows(r: &EntityReport) -> impl Iterator<Item = [String; 6]> + '_ {
    r.systems.iter().flat_map(|s| {
        s.mentions.iter().map(move |m| {
            [
                s.system.clone(),
                m.segment.to_string(),
                m.entity.clone(),
                m.source_form.clone(),
                m.target_form.clone().unwrap_or_default(),
                status(m.status).to_string(),
            ]
        })
    })
}

/// One CSV row per mention: `system,segment,entity,source_form,target_form,status`.
pub fn to_csv(r: &EntityReport) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(MENTION_COLUMNS);
    for row in mention_rows(r) {
        let _ = w.write_record(&row);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('\n', " ")
}

/// A per-system summary table and a per-entity table of spellings.
pub fn to_markdown(r: &EntityReport) -> String {
    let mut out = String::new();
    out.push_str(
        "| system | mentions | found | missing | recall | hallucinated | inconsistent entities |\n",
    );
    out.push_str("|---|---:|---:|---:|---:|---:|---:|\n");
    for s in &r.systems {
        let m = &s.summary;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {:.1}% | {} | {} |",
            cell(&s.system),
            m.mentions,
            m.found,
            m.missing,
            m.recall * 100.0,
            m.hallucinated,
            m.inconsistent_entities
        );
    }
    for s in &r.systems {
        let _ = write!(
            out,
            "\n### {}\n\n| entity | spellings | consistent |\n|---|---|---|\n",
            cell(&s.system)
        );
        for v in &s.variants {
            let forms: Vec<String> = v
                .forms
                .iter()
                .map(|(f, n)| format!("{} ×{}", cell(f), n))
                .collect();
            let forms = if forms.is_empty() {
                "—".to_string()
            } else {
                forms.join(", ")
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                cell(&v.entity),
                forms,
                if v.consistent { "yes" } else { "**no**" }
            );
        }
    }
    out
}

/// A short human summary per system.
pub fn to_text(r: &EntityReport) -> String {
    let mut out = String::new();
    for s in &r.systems {
        let m = &s.summary;
        let _ = writeln!(
            out,
            "{}: {}/{} names found (recall {:.1}%), {} missing, {} hallucinated, {} inconsistent",
            s.system,
            m.found,
            m.mentions,
            m.recall * 100.0,
            m.missing,
            m.hallucinated,
            m.inconsistent_entities
        );
        for x in s.mentions.iter().filter(|x| x.status == Status::Missing) {
            let _ = writeln!(out, "  missing  segment {}: {}", x.segment, x.source_form);
        }
        for h in &s.hallucinations {
            let _ = writeln!(
                out,
                "  extra    segment {}: {} ({})",
                h.segment, h.target_form, h.entity
            );
        }
        for v in s.variants.iter().filter(|v| !v.consistent) {
            let forms: Vec<String> = v.forms.iter().map(|(f, n)| format!("{f} ×{n}")).collect();
            let _ = writeln!(out, "  spelling {}: {}", v.entity, forms.join(", "));
        }
        let missing_numbers: Vec<&str> = s
            .numbers
            .iter()
            .filter(|n| n.status == Status::Missing)
            .map(|n| n.source_form.as_str())
            .collect();
        if !missing_numbers.is_empty() {
            let _ = writeln!(out, "  numbers missing: {}", missing_numbers.join(", "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use super::*;

    fn report() -> EntityReport {
        let mut forms = BTreeMap::new();
        forms.insert("ল্যাভরভ".to_string(), 2);
        forms.insert("a|b".to_string(), 1);
        EntityReport {
            systems: vec![SystemEntities {
                system: "sys".into(),
                summary: Summary {
                    mentions: 2,
                    found: 1,
                    missing: 1,
                    recall: 0.5,
                    hallucinated: 1,
                    inconsistent_entities: 1,
                },
                mentions: vec![
                    Mention {
                        segment: 0,
                        entity: "Lavrov".into(),
                        source_form: "Lavrov".into(),
                        target_form: Some("ল্যাভরভের".into()),
                        status: Status::Found,
                    },
                    Mention {
                        segment: 1,
                        entity: "Putin".into(),
                        source_form: "Putin".into(),
                        target_form: None,
                        status: Status::Missing,
                    },
                ],
                hallucinations: vec![Hallucination {
                    segment: 1,
                    entity: "Peskov".into(),
                    target_form: "পেসকভ".into(),
                }],
                variants: vec![Variant {
                    entity: "Lavrov".into(),
                    forms,
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
        let j = to_json(&r);
        let v: serde_json::Value = serde_json::from_str(&j).expect("valid json");
        let s = &v["systems"][0];
        let keys: Vec<&String> = s
            .as_object()
            .map(|o| o.keys().collect())
            .unwrap_or_default();
        assert_eq!(keys.len(), 6);
        assert_eq!(s["summary"]["inconsistent_entities"], 1);
        assert_eq!(s["mentions"][1]["target_form"], serde_json::Value::Null);
        assert_eq!(s["mentions"][1]["status"], "missing");
        assert_eq!(s["variants"][0]["forms"]["ল্যাভরভ"], 2);
        let back: EntityReport = serde_json::from_str(&j).expect("deserialises");
        assert_eq!(to_json(&back), j);
        assert!(j.find("\"system\"") < j.find("\"summary\""));
    }

    #[test]
    fn csv_rows() {
        let c = to_csv(&report());
        assert_eq!(
            c,
            "system,segment,entity,source_form,target_form,status\nsys,0,Lavrov,Lavrov,ল্যাভরভের,found\nsys,1,Putin,Putin,,missing\n"
        );
    }

    #[test]
    fn markdown_escapes_pipes() {
        let m = to_markdown(&report());
        assert!(m.contains("| sys | 2 | 1 | 1 | 50.0% | 1 | 1 |"));
        assert!(m.contains("a\\|b ×1"));
        assert!(m.contains("| Lavrov | a\\|b ×1, ল্যাভরভ ×2 | **no** |"));
    }

    #[test]
    fn text_summary() {
        let t = to_text(&report());
        assert!(t.starts_with(
            "sys: 1/2 names found (recall 50.0%), 1 missing, 1 hallucinated, 1 inconsistent\n"
        ));
        assert!(t.contains("missing  segment 1: Putin"));
    }
}
