//! The entity checker on real translations: WMT24 English→Hindi, 100 segments whose names
//! were labelled by hand for the reference and three systems (`tests/data/entities/
//! wmt24-en-hi-dev`, a slice of `shared/data/entities-wmt24-en-hi-dev`; see its README).
//!
//! Scored two ways:
//! - **as `shared/tools/entity_gold_eval.py` scores** (the same formulas): each mention of
//!   the checker is mapped to the *first* gold row of its segment with the largest word
//!   overlap. With that mapping a repeated name can only ever be scored on its first row,
//!   so some real omissions cannot be caught by any checker (see
//!   [`official_mapping_caps_recall`]).
//! - **occurrence by occurrence**: the k-th mention of a name is scored against the k-th
//!   gold row of that name (rows are taken once, exact names before overlaps).
//!
//! The thresholds are those of issue 9 where a checker can reach them; the figures are
//! printed (`cargo test --release --test tests entities_gold -- --nocapture`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use mteval::entities::{check, EntityOptions, EntityReport, Status};

const TARGETS: [&str; 4] = ["refA", "GPT-4", "ONLINE-B", "IKUN"];

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/entities/wmt24-en-hi-dev")
        .join(name)
}

/// One gold row: 1-based slice line, entity, and per target whether it is an error.
struct Row {
    line: usize,
    entity: String,
    error: BTreeMap<String, bool>,
}

struct Gold {
    lines: Vec<usize>,
    rows: Vec<Row>,
    /// (line, target) → spans of names the target has that its source lacks.
    extras: BTreeMap<(usize, String), Vec<String>>,
}

fn tsv(name: &str) -> Vec<Vec<String>> {
    std::fs::read_to_string(data(name))
        .expect("gold file")
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn gold() -> Gold {
    let lines = std::fs::read_to_string(data("lines.txt"))
        .expect("lines.txt")
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect();
    let rows = tsv("gold.tsv")
        .into_iter()
        .map(|f| Row {
            line: f[0].parse().expect("line number"),
            entity: f[2].clone(),
            error: TARGETS
                .iter()
                .enumerate()
                .map(|(k, t)| {
                    (
                        t.to_string(),
                        matches!(f[4 + 2 * k].as_str(), "absent" | "wrong"),
                    )
                })
                .collect(),
        })
        .collect();
    let mut extras: BTreeMap<(usize, String), Vec<String>> = BTreeMap::new();
    for f in tsv("extras.tsv") {
        extras
            .entry((f[0].parse().expect("line"), f[1].clone()))
            .or_default()
            .push(f[2].clone());
    }
    Gold {
        lines,
        rows,
        extras,
    }
}

/// Lowercase word set, as the Python script's `re.findall(r"[^\W_]+", …)`.
fn words(s: &str) -> BTreeSet<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A checker mention as scored: its source form and whether it is flagged missing.
struct Flag {
    form: String,
    missing: bool,
}

/// The gold row (index into `names`) of each mention: the first with the largest overlap
/// (`official`), or occurrence by occurrence.
fn mapping(mentions: &[Flag], names: &[&Row], official: bool) -> Vec<Option<usize>> {
    let mut taken = vec![false; names.len()];
    mentions
        .iter()
        .map(|m| {
            let mw = words(&m.form);
            let mut best: Option<usize> = None;
            let mut score = 0.0;
            for (k, g) in names.iter().enumerate() {
                if !official && taken[k] {
                    continue;
                }
                let gw = words(&g.entity);
                let mut s = mw.intersection(&gw).count() as f64;
                if !official && s > 0.0 && gw == mw {
                    s += 0.5;
                }
                if s > score {
                    best = Some(k);
                    score = s;
                }
            }
            if let (false, Some(k)) = (official, best) {
                taken[k] = true;
            }
            best
        })
        .collect()
}

#[derive(Debug, Default)]
struct Figures {
    names: usize,
    errors: usize,
    flags: usize,
    true_flags: usize,
    caught: usize,
    false_extras: usize,
    lines: usize,
}

impl Figures {
    fn precision(&self) -> f64 {
        if self.flags == 0 {
            1.0
        } else {
            self.true_flags as f64 / self.flags as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.errors == 0 {
            1.0
        } else {
            self.caught as f64 / self.errors as f64
        }
    }
    fn false_missing_per_100(&self) -> f64 {
        100.0 * (self.flags - self.true_flags) as f64 / self.names.max(1) as f64
    }
    fn false_extras_per_100_lines(&self) -> f64 {
        100.0 * self.false_extras as f64 / self.lines.max(1) as f64
    }
}

/// Scores one target's report (`mentions` per 1-based line) against the gold.
fn score(
    g: &Gold,
    target: &str,
    mentions: &BTreeMap<usize, Vec<Flag>>,
    extras: &BTreeMap<usize, Vec<String>>,
    official: bool,
) -> Figures {
    let mut f = Figures {
        lines: g.lines.len(),
        ..Figures::default()
    };
    for &line in &g.lines {
        let names: Vec<&Row> = g.rows.iter().filter(|r| r.line == line).collect();
        let seg: &[Flag] = mentions.get(&line).map_or(&[], Vec::as_slice);
        let owner = mapping(seg, &names, official);
        f.names += names.len();
        let mut verdict: BTreeMap<usize, bool> = BTreeMap::new();
        for (m, o) in seg.iter().zip(&owner) {
            match o {
                None => f.flags += usize::from(m.missing),
                Some(k) => *verdict.entry(*k).or_insert(false) |= m.missing,
            }
        }
        for (k, row) in names.iter().enumerate() {
            let error = row.error[target];
            f.errors += usize::from(error);
            if verdict.get(&k).copied().unwrap_or(false) {
                f.flags += 1;
                f.true_flags += usize::from(error);
                f.caught += usize::from(error);
            }
        }
        let spans = g.extras.get(&(line, target.to_string()));
        for h in extras.get(&line).map_or(&[][..], Vec::as_slice) {
            let hw = words(h);
            let listed = spans.is_some_and(|s| s.iter().any(|x| !hw.is_disjoint(&words(x))));
            f.false_extras += usize::from(!listed);
        }
    }
    f
}

fn run_checker(target: &str, with_ref: bool) -> EntityReport {
    let hyp = data(&format!("{target}.hi.gz"));
    let o = EntityOptions {
        source: data("source.en.gz"),
        source_lang: "en".into(),
        target_lang: "hi".into(),
        hyps: vec![hyp],
        hyp_names: vec![],
        refs: if with_ref && target != "refA" {
            vec![data("refA.hi.gz")]
        } else {
            vec![]
        },
        glossary: None,
        docids: Some(data("docids")),
        strict_spelling: false,
    };
    check(&o).expect("the checker runs on the slice")
}

type Scored = (BTreeMap<usize, Vec<Flag>>, BTreeMap<usize, Vec<String>>);

fn flags_of(r: &EntityReport) -> Scored {
    let s = &r.systems[0];
    let mut mentions: BTreeMap<usize, Vec<Flag>> = BTreeMap::new();
    for m in &s.mentions {
        mentions.entry(m.segment + 1).or_default().push(Flag {
            form: m.source_form.clone(),
            missing: m.status == Status::Missing,
        });
    }
    let mut extras: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for h in &s.hallucinations {
        extras
            .entry(h.segment + 1)
            .or_default()
            .push(h.target_form.clone());
    }
    (mentions, extras)
}

fn table(label: &str, rows: &[(&str, &Figures)]) {
    eprintln!("{label}");
    eprintln!("  target      names errors flags miss-P  err-R falseM/100 falseX/100ln");
    for (t, f) in rows {
        eprintln!(
            "  {t:10} {:6} {:6} {:5} {:6.3} {:6.3} {:10.1} {:12.1}",
            f.names,
            f.errors,
            f.flags,
            f.precision(),
            f.recall(),
            f.false_missing_per_100(),
            f.false_extras_per_100_lines()
        );
    }
}

#[test]
fn dev_set_thresholds() {
    let g = gold();
    for with_ref in [false, true] {
        let mut official = Vec::new();
        let mut by_occurrence = Vec::new();
        for t in TARGETS {
            let (m, x) = flags_of(&run_checker(t, with_ref));
            official.push((t, score(&g, t, &m, &x, true)));
            by_occurrence.push((t, score(&g, t, &m, &x, false)));
        }
        let mode = if with_ref {
            "with -r refA"
        } else {
            "source only"
        };
        table(
            &format!("{mode}, scored as entity_gold_eval.py"),
            &[
                (official[0].0, &official[0].1),
                (official[1].0, &official[1].1),
                (official[2].0, &official[2].1),
                (official[3].0, &official[3].1),
            ],
        );
        table(
            &format!("{mode}, scored occurrence by occurrence"),
            &[
                (by_occurrence[0].0, &by_occurrence[0].1),
                (by_occurrence[1].0, &by_occurrence[1].1),
                (by_occurrence[2].0, &by_occurrence[2].1),
                (by_occurrence[3].0, &by_occurrence[3].1),
            ],
        );
        for (t, f) in &official {
            assert!(
                f.false_extras_per_100_lines() <= 2.0,
                "{mode} {t}: {:.1} false names not in the source per 100 lines",
                f.false_extras_per_100_lines()
            );
        }
        let max_false = if with_ref { 2.0 } else { 5.0 };
        for (t, f) in &official[..3] {
            if with_ref && *t == "refA" {
                continue; // the reference is never checked against itself
            }
            assert!(
                f.false_missing_per_100() <= max_false,
                "{mode} {t}: {:.1} false \"missing\" per 100 names",
                f.false_missing_per_100()
            );
        }
        let ikun = &by_occurrence[3].1;
        let (min_p, min_r) = if with_ref { (0.90, 0.85) } else { (0.85, 0.85) };
        assert!(
            ikun.precision() >= min_p && ikun.recall() >= min_r,
            "{mode} IKUN: precision {:.3}, recall {:.3}",
            ikun.precision(),
            ikun.recall()
        );
    }
}

/// A perfect checker (every gold row reported with its true status) scored the way
/// `entity_gold_eval.py` scores: its recall of IKUN's omissions stays far below 1, because
/// every mention of a repeated name is mapped to the name's first row. This is why the
/// IKUN thresholds above are asserted occurrence by occurrence.
#[test]
fn official_mapping_caps_recall() {
    let g = gold();
    let mut mentions: BTreeMap<usize, Vec<Flag>> = BTreeMap::new();
    for r in &g.rows {
        mentions.entry(r.line).or_default().push(Flag {
            form: r.entity.clone(),
            missing: r.error["IKUN"],
        });
    }
    let none = BTreeMap::new();
    let official = score(&g, "IKUN", &mentions, &none, true);
    let exact = score(&g, "IKUN", &mentions, &none, false);
    eprintln!(
        "perfect checker, IKUN: official precision {:.3} recall {:.3}; by occurrence {:.3} {:.3}",
        official.precision(),
        official.recall(),
        exact.precision(),
        exact.recall()
    );
    assert!(official.recall() < 0.85, "{}", official.recall());
    assert_eq!((exact.precision(), exact.recall()), (1.0, 1.0));
}
