//! `mteval run` and `mteval compare`: reports, determinism, gates, exit codes.

use std::path::Path;

use crate::util::{assert_one_line_error, root, run, stderr, stdout, write};

const FILES: [&str; 5] = [
    "summary.md",
    "systems.csv",
    "segments.csv",
    "entities.csv",
    "report.json",
];

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
        let want = std::fs::read(root().join("reports").join(f)).unwrap();
        assert!(
            got == want,
            "reports/{f} differs from a fresh run; regenerate with `cargo run --release -- run`"
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
    let md = std::fs::read_to_string(root().join("reports/summary.md")).unwrap();
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
    // Per test set a ranked table, an all-pairs table and the entity summary, then the
    // gate table.
    assert_eq!(tables, 7);
    // Raw text must not leak table syntax: every table line has the header's pipe count.
    assert!(md.contains(
        "| Rank | System | BLEU | chrF2 | chrF2++ | TER | Entity recall | Inconsistent entities |"
    ));
}

#[test]
fn report_json_has_schema_significance_and_entities() {
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("reports/report.json")).unwrap())
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
    let sys = std::fs::read_to_string(root().join("corpora/wmt21-hi-bn/sys/Online-B.bn")).unwrap();
    let changed: String = sys.lines().map(|l| degrade(l) + "\n").collect();
    let d = dir.join(name);
    std::fs::create_dir_all(d.join("sys")).unwrap();
    std::fs::write(d.join("sys/Online-B.bn"), changed).unwrap();
    let r = root().join("corpora/wmt21-hi-bn/ref.bn");
    let manifest = format!(
        "[run]\nmetrics = [\"bleu\", \"chrf\"]\n[significance]\ntest = \"paired-bs\"\n\
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
        text.lines().filter(|l| l.starts_with("commit,")).count(),
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
