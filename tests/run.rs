//! `mteval run` and `mteval compare`: reports, determinism, gates, exit codes.

use std::path::Path;

use crate::util::{assert_one_line_error, root, run, stderr, stdout, write};

/// Every file `run` writes.
const FILES: [&str; 7] = mteval::report::run_writers::FILES;

/// The committed reports of the shipped corpora: the byte-for-byte snapshot. `reports/`
/// is `run`'s default output, never tracked.
const SNAPSHOT: &str = "tests/snapshots/run";

fn run_into(dir: &Path, extra: &[&str]) -> std::process::Output {
    let out = dir.to_string_lossy().into_owned();
    let mut args = vec!["run", "corpora/mteval.toml", "--out", &out, "--quiet"];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn committed_reports_are_reproduced_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let o = run_into(dir.path(), &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    for f in FILES {
        let got = std::fs::read(dir.path().join(f)).unwrap();
        let want = std::fs::read(root().join(SNAPSHOT).join(f)).unwrap();
        assert!(
            got == want,
            "{SNAPSHOT}/{f} differs from a fresh run; if the change is intended, regenerate \
             with `cargo run --release -- run --out {SNAPSHOT}` and say why in the commit"
        );
    }
}

#[test]
fn runs_are_identical_across_runs_and_thread_counts() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    assert!(run_into(a.path(), &["--threads", "1"]).status.success());
    assert!(run_into(b.path(), &["--threads", "3"]).status.success());
    for f in FILES {
        assert_eq!(
            std::fs::read(a.path().join(f)).unwrap(),
            std::fs::read(b.path().join(f)).unwrap(),
            "{f}"
        );
    }
}

/// Every table in the Markdown summary parses as a GFM table whose rows all have the
/// header's number of cells.
#[test]
fn markdown_tables_parse_with_the_right_columns() {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let md = std::fs::read_to_string(root().join(SNAPSHOT).join("summary.md")).unwrap();
    let mut tables = 0;
    let (mut head_cells, mut row_cells, mut in_head) = (0usize, 0usize, false);
    for ev in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        match ev {
            Event::Start(Tag::Table(_)) => tables += 1,
            Event::Start(Tag::TableHead) => {
                in_head = true;
                head_cells = 0;
            }
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => row_cells = 0,
            Event::End(TagEnd::TableRow) => {
                assert_eq!(row_cells, head_cells, "row width in table {tables}")
            }
            Event::Start(Tag::TableCell) => {
                if in_head {
                    head_cells += 1
                } else {
                    row_cells += 1
                }
            }
            _ => {}
        }
    }
    // Per test set a ranked table, an all-pairs table, the entity summary and two
    // breakdown tables (by length, by frequency), then the gate table.
    assert_eq!(tables, 11);
    // Raw text must not leak table syntax: every table line has the header's pipe count.
    assert!(md.contains(
        "| Rank | System | BLEU | chrF2 | chrF2++ | TER | Entity recall | Inconsistent entities |"
    ));
}

#[test]
fn report_json_has_schema_significance_and_entities() {
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join(SNAPSHOT).join("report.json")).unwrap())
            .unwrap();
    assert_eq!(v["schema_version"], 1);
    let seeds = &v["testsets"][0];
    assert_eq!(seeds["name"], "seeds-en-bn");
    assert_eq!(seeds["significance"]["test"], "paired-bs");
    let mt_b = seeds["systems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "mt-b")
        .unwrap();
    assert!(mt_b["scores"][0]["p_value"].as_f64().unwrap() > 0.0);
    assert!(
        mt_b["entities"]["missing"].as_u64().unwrap() >= 3,
        "mt-b drops names"
    );
    assert!(mt_b["scores"][0]["signature"]
        .as_str()
        .unwrap()
        .contains("|bs:1000|seed:12345|"));
}

/// Writes a copy of the sample's hi-bn test set with `degrade` applied to one system,
/// runs it, and returns the report path.
fn variant_report(dir: &Path, name: &str, degrade: impl Fn(&str) -> String) -> String {
    variant_report_with(dir, name, degrade, "", usize::MAX, &["Online-B"])
}

/// [`variant_report`] with `run_extra` lines in `[run]`, the test set cut to `lines`
/// segments, and the systems `systems` of the sample (the first one degraded).
fn variant_report_with(
    dir: &Path,
    name: &str,
    degrade: impl Fn(&str) -> String,
    run_extra: &str,
    lines: usize,
    systems: &[&str],
) -> String {
    let d = dir.join(name);
    std::fs::create_dir_all(d.join("sys")).unwrap();
    for (i, system) in systems.iter().enumerate() {
        let text =
            std::fs::read_to_string(root().join(format!("corpora/wmt21-hi-bn/sys/{system}.bn")))
                .unwrap();
        let changed: String = text
            .lines()
            .take(lines)
            .map(|l| if i == 0 { degrade(l) } else { l.to_string() } + "\n")
            .collect();
        std::fs::write(d.join(format!("sys/{system}.bn")), changed).unwrap();
    }
    let reference: String = std::fs::read_to_string(root().join("corpora/wmt21-hi-bn/ref.bn"))
        .unwrap()
        .lines()
        .take(lines)
        .map(|l| l.to_string() + "\n")
        .collect();
    let r = write(&d, "ref.bn", reference.as_bytes());
    let manifest = format!(
        "[run]\nmetrics = [\"bleu\", \"chrf\"]\n{run_extra}[significance]\ntest = \"paired-bs\"\n\
         [[testset]]\nname = \"wmt21-hi-bn\"\nreferences = [{r:?}]\nsystems = [\"sys/*.bn\"]\n"
    );
    let m = write(&d, "mteval.toml", manifest.as_bytes());
    let out = d.join("out").to_string_lossy().into_owned();
    let o = run(&["run", &m, "--out", &out, "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    d.join("out/report.json").to_string_lossy().into_owned()
}

#[test]
fn compare_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let base = variant_report(dir.path(), "base", |l| l.to_string());
    // Half of every line dropped: a large, significant regression.
    let worse = variant_report(dir.path(), "worse", |l| {
        let w: Vec<&str> = l.split(' ').collect();
        w[..w.len() / 2].join(" ")
    });
    // One word changed in the first line only: a tiny, insignificant drop.
    let first = std::cell::Cell::new(true);
    let tiny = variant_report(dir.path(), "tiny", |l| {
        if first.replace(false) {
            l.replacen(' ', " এবং ", 1)
        } else {
            l.to_string()
        }
    });

    let o = run(&["compare", &base, &base]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("**PASS**"));

    let o = run(&["compare", &base, &worse, "--max-drop", "chrf=0.5,bleu=1.0"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("**FAIL**"), "{out}");
    assert!(out.contains("significant (p = "), "{out}");

    // A drop beyond --max-drop that is not significant passes, unless asked.
    let o = run(&["compare", &base, &tiny, "--max-drop", "chrf=0,bleu=0"]);
    let out = stdout(&o);
    if out.contains("not significant") {
        assert_eq!(o.status.code(), Some(0), "{out}");
        let o = run(&[
            "compare",
            &base,
            &tiny,
            "--max-drop",
            "chrf=0,bleu=0",
            "--fail-on-insignificant",
        ]);
        assert_eq!(o.status.code(), Some(1));
    }

    let hist = dir.path().join("history.csv");
    let h = hist.to_string_lossy().into_owned();
    for _ in 0..2 {
        assert!(run(&["compare", &base, &base, "--history", &h])
            .status
            .success());
    }
    let text = std::fs::read_to_string(&hist).unwrap();
    assert_eq!(
        text.lines().filter(|l| l.starts_with("time_utc,")).count(),
        1,
        "one header"
    );
    assert_eq!(
        text.lines().count(),
        1 + 2 * 2,
        "one row per system × metric per run: {text}"
    );

    let o = run(&["compare", &base, "no/such/report.json"]);
    assert_one_line_error(&o, &["no/such/report.json"]);
    let bad = write(
        dir.path(),
        "bad.json",
        b"{\"schema_version\": 1,\n \"oops\": true}\n",
    );
    let o = run(&["compare", &base, &bad]);
    assert_one_line_error(&o, &["bad.json", "not an mteval report"]);
    let o = run(&["compare", &base, &base, "--max-drop", "chrf"]);
    assert_one_line_error(&o, &["--max-drop"]);
}

/// The gate means what it says (issue 11): every metric is compared whatever
/// `--max-drop` names, practical defaults, Holm across all scores, comparable or refused.
#[test]
fn compare_judges_every_score_and_refuses_what_is_not_comparable() {
    let dir = tempfile::tempdir().unwrap();
    let two = ["Online-B", "GTCOM"];
    let same = |l: &str| l.to_string();
    let base = variant_report_with(dir.path(), "base", same, "", usize::MAX, &two);
    // Every line cut after its sixth word: BLEU and chrF fall a lot.
    let worse = variant_report_with(
        dir.path(),
        "worse",
        |l| l.split(' ').take(6).collect::<Vec<_>>().join(" "),
        "",
        usize::MAX,
        &two,
    );
    // A swapped word pair in 2 % of the lines: a wobble far below the defaults.
    let wobble = variant_report_with(
        dir.path(),
        "wobble",
        |l| {
            let w: Vec<&str> = l.split(' ').collect();
            if l.len() % 50 == 0 && w.len() > 3 {
                let mut w = w.clone();
                w.swap(1, 2);
                w.join(" ")
            } else {
                l.to_string()
            }
        },
        "",
        usize::MAX,
        &two,
    );
    let intl = variant_report_with(
        dir.path(),
        "intl",
        same,
        "[metrics.bleu]\ntokenize = \"intl\"\n",
        usize::MAX,
        &two,
    );
    let shrunk = variant_report_with(dir.path(), "shrunk", same, "", 120, &two);
    let one = variant_report_with(dir.path(), "one", same, "", usize::MAX, &["Online-B"]);

    // Naming chrF alone keeps BLEU's default: the BLEU regression still fails.
    let o = run(&[
        "compare",
        &base,
        &worse,
        "--max-drop",
        "chrf=100",
        "-f",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["verdict"], "fail");
    assert_eq!(v["correction"], "holm");
    let rows = v["rows"].as_array().unwrap();
    let bleu = rows
        .iter()
        .find(|r| r["system"] == "Online-B" && r["metric"] == "BLEU")
        .unwrap();
    assert_eq!(bleu["passed"], false);
    assert_eq!(bleu["threshold"], 1.39);
    let chrf = rows
        .iter()
        .find(|r| r["system"] == "Online-B" && r["metric"] == "chrF2")
        .unwrap();
    assert_eq!(chrf["passed"], true, "chrF's own threshold is 100");
    // Holm: every adjusted p-value is at least the raw one, and all rows were tested.
    for r in rows {
        let (p, q) = (
            r["p_value"].as_f64().unwrap(),
            r["p_holm"].as_f64().unwrap(),
        );
        assert!(q >= p && q <= 1.0, "{r}");
    }
    assert_eq!(rows.len(), 4, "2 systems x 2 metrics");

    // A wobble passes with the default thresholds, and fails only when asked to.
    let o = run(&["compare", &base, &wobble]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).starts_with("**PASS**"));

    // Not comparable: exit 2 and a verdict saying so, never a pass.
    for (other, why) in [
        (&intl, "signatures differ"),
        (&shrunk, "200 segments in the baseline, 120 now"),
        (&one, "no such system"),
    ] {
        let o = run(&["compare", &base, other]);
        assert_eq!(o.status.code(), Some(2), "{why}: {}", stdout(&o));
        let out = stdout(&o);
        assert!(out.starts_with("**NOT COMPARABLE**"), "{out}");
        assert!(out.contains(why), "{why}: {out}");
    }
    // Other references under the same name: chrF keeps the reference's n-gram counts.
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&base).unwrap()).unwrap();
    for sys in v["testsets"][0]["systems"].as_array_mut().unwrap() {
        for sc in sys["scores"].as_array_mut().unwrap() {
            if sc["metric"] == "chrF2" {
                for order in sc["stats"]["segments"][5].as_array_mut().unwrap() {
                    order[1] = serde_json::json!(order[1].as_u64().unwrap() + 1);
                }
            }
        }
    }
    let other_ref = write(dir.path(), "other-ref.json", v.to_string().as_bytes());
    let o = run(&["compare", &base, &other_ref]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("references differ (segment 6)"),
        "{}",
        stdout(&o)
    );
    let o = run(&["compare", &base, &other_ref, "-f", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let chrf_row = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["metric"] == "chrF2")
        .unwrap();
    assert_eq!(chrf_row["comparable"], false);
    assert_eq!(
        chrf_row["threshold"], 1.0,
        "the threshold it would have had"
    );

    // A system only the current report has is listed, not judged.
    let o = run(&["compare", &one, &base]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("| new |"));

    // CSV and history carry the signature and both p-values; history the UTC time.
    let o = run(&["compare", &base, &worse, "-f", "csv"]);
    let csv_out = stdout(&o);
    assert!(
        csv_out.starts_with("rule,testset,system,metric,signature,"),
        "{csv_out}"
    );
    let hist = dir.path().join("h.csv");
    let h = hist.to_string_lossy().into_owned();
    let o = run(&["compare", &base, &worse, "--history", &h]);
    assert_eq!(o.status.code(), Some(1));
    let text = std::fs::read_to_string(&hist).unwrap();
    let row = text.lines().nth(1).unwrap();
    assert!(
        row.len() > 20 && row.as_bytes()[4] == b'-' && row.contains("Z,"),
        "{row}"
    );
    assert!(row.contains("nrefs:1|"), "{row}");
    // The history file may not be a report being read.
    let o = run(&["compare", &base, &worse, "--history", &worse]);
    assert_one_line_error(&o, &["report.json"]);
}

/// Entity recall is compared too: the shipped sample against itself passes with one
/// entity row per system that has entity results.
#[test]
fn compare_includes_entity_recall() {
    let r = root().join(SNAPSHOT).join("report.json");
    let r = r.to_string_lossy();
    let o = run(&["compare", &r, &r, "-f", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let entity_rows: Vec<_> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["metric"] == "entities")
        .collect();
    assert_eq!(entity_rows.len(), 6, "3 + 3 systems with entity results");
    assert!(entity_rows
        .iter()
        .all(|r| r["p_value"] == 1.0 && r["value"] == 0.0));
    // Another set of names (a glossary added, another source) is another check.
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join(SNAPSHOT).join("report.json")).unwrap())
            .unwrap();
    v["testsets"][0]["entities"]["systems"][0]["mentions"]
        .as_array_mut()
        .unwrap()
        .pop();
    let dir = tempfile::tempdir().unwrap();
    let other = write(dir.path(), "other.json", v.to_string().as_bytes());
    let o = run(&["compare", &r, &other]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("the names checked differ"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn bad_manifests_fail_cleanly_without_reports() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out_s = out.to_string_lossy().into_owned();
    let r = root().join("corpora/wmt21-hi-bn/ref.bn");
    let sys = root().join("corpora/wmt21-hi-bn/sys");
    let cases: Vec<(String, Vec<&str>)> = vec![
        ("[run]\nmetrics = [\"bleu\"]\ncolour = 1\n".to_string(), vec![":3:", "unknown field `colour`"]),
        (
            format!("[[testset]]\nname = \"t\"\nreferences = [{r:?}]\nsystems = [\"nothing/*.bn\"]\n"),
            vec!["no system file matches 'nothing/*.bn'"],
        ),
        (
            format!("[[testset]]\nname = \"t\"\nreferences = [{r:?}]\nsystems = [{:?}]\nbaseline = \"nobody\"\n", format!("{}/*.bn", sys.display())),
            vec!["baseline 'nobody'"],
        ),
        (
            format!("[run]\nmetrics = [\"meteor\"]\n[[testset]]\nname = \"t\"\nreferences = [{r:?}]\nsystems = [{:?}]\n", format!("{}/*.bn", sys.display())),
            vec!["unknown metric 'meteor'"],
        ),
        (
            format!("[run]\nmetrics = [\"bleu\", \"chrf\"]\n[gates]\nmax_drop = {{ chrf = 1 }}\nbaseline_report = \"missing.json\"\n[[testset]]\nname = \"t\"\nreferences = [{r:?}]\nsystems = [{:?}]\n", format!("{}/*.bn", sys.display())),
            vec!["missing.json"],
        ),
        // See: issue 10, "A name that resolves to nothing is ignored".
        (
            format!("[run]\nmetrics = [\"bleu\", \"chrf\"]\n[gates]\nmin_score = {{ blue = 99, chrf2 = 99 }}\n[[testset]]\nname = \"t\"\nreferences = [{r:?}]\nsystems = [{:?}]\n", format!("{}/*.bn", sys.display())),
            vec![":4:", "unknown metric 'blue'"],
        ),
        (
            format!("[run]\nmetrics = [\"bleu\"]\n[gates]\nmax_drop = {{ chrf = 1 }}\nbaseline_report = \"missing.json\"\n[[testset]]\nname = \"t\"\nreferences = [{r:?}]\nsystems = [{:?}]\n", format!("{}/*.bn", sys.display())),
            vec![":4:", "which [run] metrics does not compute"],
        ),
    ];
    for (text, needles) in cases {
        let m = write(dir.path(), "m.toml", text.as_bytes());
        let o = run(&["run", &m, "--out", &out_s]);
        assert_one_line_error(&o, &needles);
        assert!(!out.exists(), "no report may be written on error");
    }
    // Mismatched line counts name both files.
    let short = write(dir.path(), "short.bn", b"one\n");
    let m = write(dir.path(), "m.toml", format!("[run]\nmetrics = [\"bleu\"]\n[[testset]]\nname = \"t\"\nreferences = [{r:?}]\nsystems = [{short:?}]\n").as_bytes());
    let o = run(&["run", &m, "--out", &out_s]);
    assert_one_line_error(&o, &["short.bn", "has 1 line but", "has 200 lines"]);
    assert!(!out.exists());
}

/// Two runs of the shipped manifest with different widths give two different report
/// sets; a run killed at any moment leaves one of them, complete, and the next run
/// leaves no temporary file. See: issue 10, "A report set replaced one file at a time".
#[test]
fn a_killed_run_leaves_a_complete_report_set() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out_s = out.to_string_lossy().into_owned();
    let manifest = std::fs::read_to_string(root().join("corpora/mteval.toml")).unwrap();
    // The same manifest with another width, its paths made absolute.
    let corpora = root().join("corpora");
    let wide = manifest
        .replace("width = 1", "width = 3")
        .replace(
            "\"seeds-en-bn/",
            &format!("\"{}/seeds-en-bn/", corpora.display()),
        )
        .replace(
            "\"wmt21-hi-bn/",
            &format!("\"{}/wmt21-hi-bn/", corpora.display()),
        );
    assert_ne!(manifest, wide);
    let m1 = corpora.join("mteval.toml");
    let m2 = dir.path().join("wide.toml");
    std::fs::write(&m2, &wide).unwrap();
    let set = |p: &Path| -> Vec<Option<Vec<u8>>> {
        FILES
            .iter()
            .map(|f| std::fs::read(p.join(f)).ok())
            .collect()
    };
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert!(run_into(&a, &[]).status.success());
    let o = run(&[
        "run",
        &m2.to_string_lossy(),
        "--out",
        &b.to_string_lossy(),
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (set_a, set_b) = (set(&a), set(&b));
    assert!(run_into(&out, &[]).status.success());
    for i in 0..8u64 {
        let m = if i % 2 == 0 { &m2 } else { &m1 };
        let mut child = std::process::Command::new(crate::util::bin())
            .args(["run", &m.to_string_lossy(), "--out", &out_s, "--quiet"])
            .current_dir(root())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(40 + 30 * i));
        let _ = child.kill();
        let _ = child.wait();
        let now = set(&out);
        assert!(
            now == set_a || now == set_b,
            "kill {i}: a mixed or incomplete report set"
        );
    }
    assert!(run_into(&out, &[]).status.success());
    assert_eq!(set(&out), set_a);
    let stray: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("mteval"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

/// See: issue 10, "An output path that is an input".
#[test]
fn outputs_never_replace_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let r = write(dir.path(), "ref.txt", b"a b c\n");
    let h = write(dir.path(), "hyp.txt", b"a b d\n");
    let same = format!("{}/./ref.txt", dir.path().display());
    for args in [
        vec!["score", "-r", &r, "-i", &h, "-o", &same],
        vec!["score", "-r", &r, "-i", &h, "--emit-stats", &h],
        vec![
            "entities",
            "--source",
            &r,
            "--source-lang",
            "en",
            "--target-lang",
            "en",
            "-i",
            &h,
            "-o",
            &h,
        ],
    ] {
        let o = run(&args);
        assert_one_line_error(&o, &["refusing to write over an input"]);
    }
    assert_eq!(std::fs::read(&r).unwrap(), b"a b c\n");
    assert_eq!(std::fs::read(&h).unwrap(), b"a b d\n");
}

/// Configuration first (issue 11): every configuration error, the baseline report
/// included, comes before any file is read for scoring. A system file with invalid UTF-8
/// (found only when scoring) loses to a broken baseline report.
#[test]
fn configuration_errors_come_before_scoring() {
    let dir = tempfile::tempdir().unwrap();
    let r = root().join("corpora/wmt21-hi-bn/ref.bn");
    let lines = std::fs::read_to_string(&r).unwrap().lines().count();
    let mut bad = vec![b"ok\n".to_vec(); lines];
    bad[lines - 1] = b"caf\xe9\n".to_vec();
    write(dir.path(), "bad.bn", &bad.concat());
    write(dir.path(), "base.json", b"{\"schema_version\": 1}\n");
    let m = write(
        dir.path(),
        "m.toml",
        format!(
            "[run]\nmetrics = [\"bleu\"]\n[gates]\nbaseline_report = \"base.json\"\n\
             [[testset]]\nname = \"t\"\nreferences = [{r:?}]\nsystems = [\"bad.bn\"]\n"
        )
        .as_bytes(),
    );
    let out = dir.path().join("out");
    let o = run(&["run", &m, "--out", &out.to_string_lossy(), "--quiet"]);
    assert_one_line_error(&o, &["base.json", "not an mteval report"]);
    assert!(!out.exists());
}

/// One evaluation path (issue 11): `score` and `run` give the same scores, signatures,
/// p-values and intervals for the same files and test; with paired-ar neither reports a
/// bootstrap interval (run used to print one labelled `ar:10000`).
#[test]
fn score_and_run_agree_for_both_paired_tests() {
    let dir = tempfile::tempdir().unwrap();
    let c = root().join("corpora/wmt21-hi-bn");
    let (r, a, b) = (
        c.join("ref.bn"),
        c.join("sys/GTCOM.bn"),
        c.join("sys/UEdin.bn"),
    );
    for (test, flag) in [("paired-bs", "--paired-bs"), ("paired-ar", "--paired-ar")] {
        let o = run(&[
            "score",
            "-r",
            &r.to_string_lossy(),
            "-i",
            &a.to_string_lossy(),
            &b.to_string_lossy(),
            "-m",
            "bleu,chrf",
            flag,
            "-f",
            "json",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        let score: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let m = write(
            dir.path(),
            &format!("{test}.toml"),
            format!(
                "[run]\nmetrics = [\"bleu\", \"chrf\"]\n[significance]\ntest = \"{test}\"\n\
                 [[testset]]\nname = \"t\"\nreferences = [{r:?}]\nsystems = [{a:?}, {b:?}]\n"
            )
            .as_bytes(),
        );
        let out = dir.path().join(test);
        let o = run(&["run", &m, "--out", &out.to_string_lossy(), "--quiet"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let report: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
        for row in score["results"].as_array().unwrap() {
            let sys = report["testsets"][0]["systems"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["name"] == row["system"])
                .unwrap();
            let sc = sys["scores"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["metric"] == row["metric"])
                .unwrap();
            for key in ["score", "signature", "p_value", "ci", "mean"] {
                assert_eq!(
                    sc[key], row[key],
                    "{test} {} {}: {key}",
                    row["system"], row["metric"]
                );
            }
            if test == "paired-ar" {
                assert!(sc["ci"].is_null(), "no bootstrap interval under ar");
            }
        }
    }
}

/// The manifest takes every tokenizer, with the SentencePiece model and the MeCab
/// dictionary as paths relative to the manifest: `run` scores as `score` does, and a
/// dictionary that is not there fails before any report is written.
#[test]
fn manifest_tokenizers_with_their_model_paths() {
    let dir = tempfile::tempdir().unwrap();
    let t = root().join("tests/data/tokenizers");
    let (r, a, b) = (
        t.join("wmt21.en-ja.ref.A.ja"),
        t.join("wmt21.en-ja.hyp.NiuTrans.ja"),
        t.join("wmt21.en-ja.hyp.Online-W.ja"),
    );
    std::fs::create_dir(dir.path().join("m")).unwrap();
    std::fs::copy(
        root().join("tests/data/spm/wmt-mix-8k.model"),
        dir.path().join("m/test.model"),
    )
    .unwrap();
    let testset = format!(
        "[[testset]]\nname = \"t\"\ntarget_lang = \"ja\"\nreferences = [{r:?}]\nsystems = [{a:?}, {b:?}]\n"
    );
    let m = write(
        dir.path(),
        "spm.toml",
        format!(
            "[run]\nmetrics = [\"bleu\"]\n[metrics.bleu]\ntokenize = \"flores200\"\nspm_model = \"m/test.model\"\n{testset}"
        )
        .as_bytes(),
    );
    let out = dir.path().join("out");
    let o = run(&["run", &m, "--out", &out.to_string_lossy(), "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    let o = run(&[
        "score",
        "-r",
        &r.to_string_lossy(),
        "-i",
        &a.to_string_lossy(),
        &b.to_string_lossy(),
        "--tokenize",
        "flores200",
        "--spm-model",
        &root()
            .join("tests/data/spm/wmt-mix-8k.model")
            .to_string_lossy(),
        "-f",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let score: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for (i, row) in score["results"].as_array().unwrap().iter().enumerate() {
        let sc = &report["testsets"][0]["systems"][i]["scores"][0];
        assert_eq!(sc["score"], row["score"]);
        for sig in [&sc["signature"], &row["signature"]] {
            assert!(sig.as_str().unwrap().contains("|tok:flores200|"), "{sig}");
        }
    }

    let m = write(
        dir.path(),
        "mecab.toml",
        format!("[run]\nmetrics = [\"bleu\"]\n[metrics.bleu]\nipadic = \"nope\"\n{testset}")
            .as_bytes(),
    );
    let out = dir.path().join("out2");
    let o = run(&["run", &m, "--out", &out.to_string_lossy(), "--quiet"]);
    let expected = dir.path().join("nope/sys.dic");
    assert_one_line_error(&o, &[&expected.to_string_lossy()]);
    assert!(!out.join("report.json").exists());
}

/// One run may score a Japanese and a Korean test set: each MeCab tokenizer has its own
/// dictionary key, and a directory loaded as one dictionary is checked again when asked
/// for as the other (it once came back from the cache unchecked).
#[test]
fn each_mecab_tokenizer_checks_its_own_dictionary() {
    let dir = tempfile::tempdir().unwrap();
    let t = root().join("tests/data/tokenizers");
    let (ja_r, ja_s, ko_r, ko_s) = (
        t.join("wmt21.en-ja.ref.A.ja"),
        t.join("wmt21.en-ja.hyp.NiuTrans.ja"),
        t.join("flores101.en-ko.ref.ko"),
        t.join("flores101.en-ko.hyp.ko"),
    );
    if mteval::tokenize::TokenizerKind::JaMecab
        .load_model(&Default::default())
        .is_err()
    {
        assert!(
            std::env::var("MTEVAL_REQUIRE_PYTHON").as_deref() != Ok("1"),
            "pip's ipadic is required (MTEVAL_REQUIRE_PYTHON=1)"
        );
        eprintln!("note: no IPA dictionary; skipped");
        return;
    }
    let dicdir = std::process::Command::new("python3")
        .args(["-c", "import ipadic; print(ipadic.DICDIR)"])
        .output()
        .unwrap();
    let dicdir = String::from_utf8(dicdir.stdout).unwrap().trim().to_string();
    let m = write(
        dir.path(),
        "both.toml",
        format!(
            "[run]\nmetrics = [\"bleu\"]\n[metrics.bleu]\nmecab_ko_dic = {dicdir:?}\n\
             [[testset]]\nname = \"ja\"\ntarget_lang = \"ja\"\nreferences = [{ja_r:?}]\nsystems = [{ja_s:?}]\n\
             [[testset]]\nname = \"ko\"\ntarget_lang = \"ko\"\nreferences = [{ko_r:?}]\nsystems = [{ko_s:?}]\n"
        )
        .as_bytes(),
    );
    let out = dir.path().join("out");
    let o = run(&["run", &m, "--out", &out.to_string_lossy(), "--quiet"]);
    assert_one_line_error(&o, &["392126 entries", "ko-mecab needs 811795"]);
    assert!(!out.join("report.json").exists());
}
