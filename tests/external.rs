//! External metrics (`--scores`, `[[testset.scores]]`): segment scores from COMET, MetricX
//! or people, scored, tested and gated like chrF. The reference values are WMT24 en-hi ESA
//! human scores with their numpy computation (`scripts/external_esa.py`).

use std::path::Path;

use serde_json::Value;

use crate::util::{assert_one_line_error, root, run, stderr, stdout, write};

const ESA: &str = "tests/data/external/wmt24-en-hi-esa";
const SYSTEMS: [&str; 4] = ["GPT-4", "ONLINE-B", "IKUN-C", "Llama3-70B"];

fn expected() -> Value {
    let text = std::fs::read_to_string(root().join(ESA).join("expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// `mteval score` on the ESA slice (chrF and ESA) with `extra` flags, as JSON results.
fn score_esa(extra: &[&str]) -> Vec<Value> {
    let refs = format!("{ESA}/refA.hi.gz");
    let systems: Vec<String> = SYSTEMS
        .iter()
        .map(|s| format!("{ESA}/sys/{s}.hi.gz"))
        .collect();
    let scores = format!("ESA={ESA}/esa/{{system}}.txt");
    let mut args = vec!["score", "-r", &refs, "-m", "chrf", "--scores", &scores];
    args.push("-i");
    args.extend(systems.iter().map(String::as_str));
    args.extend_from_slice(&["-f", "json"]);
    args.extend_from_slice(extra);
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    v["results"].as_array().unwrap().clone()
}

fn esa_row<'a>(rows: &'a [Value], system: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["system"] == system && r["metric"] == "ESA")
        .unwrap_or_else(|| panic!("no ESA row for {system}"))
}

fn close(a: &Value, b: &Value, what: &str) {
    let (x, y) = (a.as_f64().unwrap(), b.as_f64().unwrap());
    assert!((x - y).abs() <= 1e-9, "{what}: mteval {x}, numpy {y}");
}

/// Acceptance (issue 12): the external metric's mean, interval and paired p-values equal
/// numpy's computation of the same resampling sacreBLEU does for its own metrics.
#[test]
fn esa_scores_equal_the_numpy_computation() {
    let e = expected();
    let bs = score_esa(&["--paired-bs"]);
    let ar = score_esa(&["--paired-ar"]);
    let ar_sacrebleu = score_esa(&["--paired-ar", "--sacrebleu-p-values"]);
    for (i, s) in SYSTEMS.iter().enumerate() {
        let row = esa_row(&bs, s);
        close(&row["score"], &e["mean"][s], &format!("{s} mean"));
        close(
            &row["mean"],
            &e["ci_1000"][s]["mean"],
            &format!("{s} bootstrap mean"),
        );
        close(&row["ci"], &e["ci_1000"][s]["ci"], &format!("{s} ci"));
        assert!(
            row["signature"]
                .as_str()
                .unwrap()
                .contains("|model:unknown|better:higher|"),
            "{row}"
        );
        if i == 0 {
            assert!(row["p_value"].is_null());
            continue;
        }
        close(
            &row["p_value"],
            &e["paired_bs_1000"][s]["p_value"],
            &format!("{s} bs p"),
        );
        let p = &e["paired_ar_10000"][s];
        close(
            &esa_row(&ar, s)["p_value"],
            &p["p_value_ties"],
            &format!("{s} ar p"),
        );
        close(
            &esa_row(&ar_sacrebleu, s)["p_value"],
            &p["p_value_sacrebleu"],
            &format!("{s} sacreBLEU ar p"),
        );
    }
}

fn scored(dir: &Path, extra: &[&str]) -> std::process::Output {
    let r = write(dir, "ref.txt", b"a b c\nd e f\ng h i\n");
    let a = write(dir, "a.txt", b"a b c\nd e x\ng h i\n");
    let b = write(dir, "b.txt", b"a x c\nd e f\nx x x\n");
    let mut args = vec!["score", "-r", &r, "-i", &a, &b, "-f", "json"];
    args.extend_from_slice(extra);
    let d = dir.to_string_lossy().into_owned();
    let owned: Vec<String> = args.iter().map(|s| s.replace("DIR", &d)).collect();
    run(&owned.iter().map(String::as_str).collect::<Vec<_>>())
}

fn metric_scores(o: &std::process::Output, metric: &str) -> Vec<(String, f64, String)> {
    assert!(o.status.success(), "{}", stderr(o));
    let v: Value = serde_json::from_str(&stdout(o)).unwrap();
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["metric"] == metric)
        .map(|r| {
            (
                r["system"].as_str().unwrap().to_string(),
                r["score"].as_f64().unwrap(),
                r["signature"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Each tool's file format, read end to end: the score is the mean of the segments.
#[test]
fn each_tool_format_gives_the_mean_of_its_segment_scores() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    // comet-score a.txt b.txt: one output holding both systems, segment-major.
    write(
        p,
        "comet.txt",
        b"a.txt\tSegment 0\tscore: 0.9000\nb.txt\tSegment 0\tscore: 0.5000\n\
          a.txt\tSegment 1\tscore: 0.8000\nb.txt\tSegment 1\tscore: 0.7000\n\
          a.txt\tSegment 2\tscore: 1.0000\nb.txt\tSegment 2\tscore: 0.3000\n\
          a.txt\tscore: 0.9000\nb.txt\tscore: 0.5000\n",
    );
    let o = scored(
        p,
        &[
            "--scores",
            "COMET=DIR/comet.txt",
            "--scores-model",
            "COMET=Unbabel/wmt22-comet-da",
        ],
    );
    let s = metric_scores(&o, "COMET");
    assert_eq!((s[0].0.as_str(), s[1].0.as_str()), ("a", "b"));
    assert!(
        (s[0].1 - 0.9).abs() < 1e-12 && (s[1].1 - 0.5).abs() < 1e-12,
        "{s:?}"
    );
    assert!(s[0]
        .2
        .contains("model:Unbabel/wmt22-comet-da|better:higher"));

    // comet-score --to_json: the same, as JSON.
    write(
        p,
        "comet.json",
        br#"{"a.txt": [{"COMET": 0.9}, {"COMET": 0.8}, {"COMET": 1.0}],
             "b.txt": [{"COMET": 0.5}, {"COMET": 0.7}, {"COMET": 0.3}]}"#,
    );
    let json = metric_scores(&scored(p, &["--scores", "COMET=DIR/comet.json"]), "COMET");
    assert_eq!(json[0].1, s[0].1);

    // MetricX JSON lines, one file per system: an error score, so lower is better.
    write(
        p,
        "a.jsonl",
        b"{\"prediction\": 1.0}\n{\"prediction\": 2.0}\n{\"prediction\": 0.0}\n",
    );
    write(
        p,
        "b.jsonl",
        b"{\"prediction\": 9.0}\n{\"prediction\": 3.0}\n{\"prediction\": 6.0}\n",
    );
    let mx = metric_scores(
        &scored(p, &["--scores", "MetricX=DIR/a.jsonl,DIR/b.jsonl"]),
        "MetricX",
    );
    assert_eq!((mx[0].1, mx[1].1), (1.0, 6.0));
    assert!(mx[0].2.contains("better:lower"), "{}", mx[0].2);

    // Plain files named by a pattern; --lower-is-better for an error score.
    write(p, "a.mqm", b"0\n-1\n0\n");
    write(p, "b.mqm", b"-5\n0\n-25\n");
    let mqm = metric_scores(
        &scored(
            p,
            &[
                "--scores",
                "MQM=DIR/{system}.mqm",
                "--lower-is-better",
                "MQM",
            ],
        ),
        "MQM",
    );
    assert!((mqm[0].1 + 1.0 / 3.0).abs() < 1e-12 && mqm[1].1 == -10.0);
    assert!(mqm[0].2.contains("model:unknown|better:lower"));
}

/// Statistics files and `merge`: shards of an external metric merge to the one-pass score.
#[test]
fn external_scores_merge_like_any_metric() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    write(p, "a.esa", b"90\n85.5\n70\n");
    write(p, "b.esa", b"60\n95\n80.25\n");
    let stats = p.join("s.jsonl").to_string_lossy().into_owned();
    let o = scored(
        p,
        &["--scores", "ESA=DIR/{system}.esa", "--emit-stats", &stats],
    );
    let direct = metric_scores(&o, "ESA");
    let m = run(&["merge", &stats, "-f", "json"]);
    assert!(m.status.success(), "{}", stderr(&m));
    let merged = metric_scores(&m, "ESA");
    assert_eq!(merged, direct);
}

/// Score files are input like any other: every fault is one line naming the file, exit 2.
#[test]
fn bad_score_files_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    write(p, "short.txt", b"1\n2\n");
    write(p, "nan.txt", b"1\nnan\n3\n");
    write(p, "ok.txt", b"1\n2\n3\n");
    write(p, "comet.txt", b"a.txt\tSegment 0\tscore: 1\n");
    write(p, "ok2.txt", b"4\n5\n6\n");
    write(p, "huge.txt", b"3e38\n1\n1\n");
    write(
        p,
        "mx.jsonl",
        b"{\"prediction\": 1}\n{\"prediction\": 2}\n{\"prediction\": 3}\n",
    );
    // Two of its systems fit system a (by file name): which one was meant is unknown.
    write(
        p,
        "two.txt",
        b"x/a.txt\tSegment 0\tscore: 1\ny/a.txt\tSegment 0\tscore: 2\nb.txt\tSegment 0\tscore: 3\n\
          x/a.txt\tSegment 1\tscore: 1\ny/a.txt\tSegment 1\tscore: 2\nb.txt\tSegment 1\tscore: 3\n\
          x/a.txt\tSegment 2\tscore: 1\ny/a.txt\tSegment 2\tscore: 2\nb.txt\tSegment 2\tscore: 3\n",
    );
    let d = p.to_string_lossy().into_owned();
    let cases: Vec<(Vec<String>, Vec<&str>)> = vec![
        (
            vec!["--scores".into(), "ESA=DIR/short.txt,DIR/ok.txt".into()],
            vec![
                "short.txt",
                "has 2 scores for ESA, but the test set has 3 segments",
            ],
        ),
        (
            vec!["--scores".into(), "ESA=DIR/nan.txt,DIR/ok.txt".into()],
            vec!["nan.txt:2", "not a finite number"],
        ),
        (
            vec!["--scores".into(), "ESA=DIR/comet.txt".into()],
            vec!["comet.txt", "no scores for system 'b'"],
        ),
        (
            vec![
                "--scores".into(),
                "ESA=DIR/ok.txt,DIR/ok.txt,DIR/ok.txt".into(),
            ],
            vec!["3 files for 2 systems"],
        ),
        (
            vec!["--scores".into(), "BLEU=DIR/ok.txt".into()],
            vec!["built-in metric"],
        ),
        (
            vec![
                "--scores".into(),
                "ESA=DIR/ok.txt".into(),
                "--lower-is-better".into(),
                "MQM".into(),
            ],
            vec!["--lower-is-better 'MQM'", "no --scores MQM"],
        ),
        (
            vec!["--scores".into(), "ESA=DIR/missing.txt".into()],
            vec!["missing.txt"],
        ),
        (
            vec!["--scores".into(), "ESA".into()],
            vec!["expected NAME=VALUE"],
        ),
        (
            vec!["--scores".into(), "ESA=DIR/ok.txt".into()],
            vec![
                "ok.txt",
                "holds one system's scores but is given for 2 systems",
            ],
        ),
        (
            vec!["--scores".into(), "X=DIR/two.txt".into()],
            vec!["two.txt", "fits several of its systems: x/a.txt, y/a.txt"],
        ),
        (
            vec!["--scores".into(), "X=DIR/ok.txt,DIR/mx.jsonl".into()],
            vec!["mixes MetricX files"],
        ),
        (
            vec![
                "--scores".into(),
                "ESA=DIR/ok.txt,DIR/ok2.txt".into(),
                "--scores".into(),
                "esa=DIR/ok.txt,DIR/ok2.txt".into(),
            ],
            vec!["name the same metric"],
        ),
        (
            vec!["--scores".into(), "Entities=DIR/ok.txt,DIR/ok2.txt".into()],
            vec!["gate key"],
        ),
        (
            vec!["--scores".into(), "chrf3=DIR/ok.txt,DIR/ok2.txt".into()],
            vec!["built-in metric"],
        ),
        // Three scores of 3e38 sum past float32's range when resampled.
        (
            vec!["--scores".into(), "X=DIR/huge.txt,DIR/ok2.txt".into()],
            vec!["huge.txt:1", "too large"],
        ),
        (
            vec!["--scores".into(), "X=-,DIR/ok2.txt".into()],
            vec!["not stdin"],
        ),
    ];
    for (flags, needles) in cases {
        let flags: Vec<String> = flags.iter().map(|f| f.replace("DIR", &d)).collect();
        let o = scored(p, &flags.iter().map(String::as_str).collect::<Vec<_>>());
        assert_one_line_error(&o, &needles);
    }
}

/// Writes a manifest scoring the ESA slice with chrF and two external metrics read from
/// `dir/<folder>/`: ESA as is, and `100 - ESA` as an error score (lower is better), with
/// ONLINE-B's ESA shifted by `shift` points.
fn esa_manifest(dir: &Path, folder: &str, shift: f64, gates: &str) -> String {
    let e = root().join(ESA);
    let d = dir.join(folder);
    std::fs::create_dir_all(&d).unwrap();
    for s in SYSTEMS {
        let text = std::fs::read_to_string(e.join(format!("esa/{s}.txt"))).unwrap();
        let shifted: Vec<f64> = text
            .lines()
            .map(|l| l.parse::<f64>().unwrap() + if s == "ONLINE-B" { shift } else { 0.0 })
            .collect();
        let lines = |f: &dyn Fn(f64) -> f64| -> String {
            shifted.iter().map(|&x| format!("{:?}\n", f(x))).collect()
        };
        std::fs::write(d.join(format!("{s}.esa")), lines(&|x| x)).unwrap();
        std::fs::write(d.join(format!("{s}.err")), lines(&|x| 100.0 - x)).unwrap();
    }
    let e = e.to_string_lossy();
    let text = format!(
        "[run]\nmetrics = [\"chrf\"]\n\n[significance]\ntest = \"paired-bs\"\n\n[gates]\n{gates}\n\n\
         [[testset]]\nname = \"esa\"\nreferences = [\"{e}/refA.hi.gz\"]\nsystems = [\"{e}/sys/*.hi.gz\"]\n\
         baseline = \"GPT-4\"\n\n\
         [[testset.scores]]\nname = \"ESA\"\nfiles = \"{folder}/{{system}}.esa\"\nmodel = \"human\"\n\n\
         [[testset.scores]]\nname = \"ESA-errors\"\nfiles = \"{folder}/{{system}}.err\"\nlower_is_better = true\n"
    );
    write(dir, &format!("{folder}.toml"), text.as_bytes())
}

fn run_manifest(manifest: &str, out: &Path) -> std::process::Output {
    let out = out.to_string_lossy().into_owned();
    run(&["run", manifest, "--out", &out, "--quiet"])
}

/// Acceptance (issue 12): an external metric gates and compares like chrF, in its own
/// direction.
#[test]
fn external_metrics_gate_and_compare_like_chrf() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    // min_score in each direction: IKUN-C's ESA (73.9) is under 80, its error score
    // (26.1) over 20.
    let m = esa_manifest(
        p,
        "base",
        0.0,
        "min_score = { esa = 80.0, esa-errors = 20.0 }",
    );
    let o = run_manifest(&m, &p.join("base-out"));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(p.join("base-out/report.json")).unwrap())
            .unwrap();
    let failed: Vec<String> = report["gates"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["passed"] == false)
        .map(|g| {
            format!(
                "{} {}",
                g["system"].as_str().unwrap(),
                g["metric"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(failed, ["IKUN-C ESA", "IKUN-C ESA-errors"], "{report}");
    let summary = std::fs::read_to_string(p.join("base-out/summary.md")).unwrap();
    assert!(
        summary.contains("| Rank | System | chrF2 | ESA | ESA-errors |"),
        "{summary}"
    );

    let base = p
        .join("base-out/report.json")
        .to_string_lossy()
        .into_owned();
    let compare = |folder: &str, shift: f64, extra: &[&str]| {
        let m = esa_manifest(p, folder, shift, "");
        let out = p.join(format!("{folder}-out"));
        let o = run_manifest(&m, &out);
        assert!(o.status.success(), "{}", stderr(&o));
        let cur = out.join("report.json").to_string_lossy().into_owned();
        let mut args = vec!["compare", &base, &cur];
        args.extend_from_slice(extra);
        run(&args)
    };
    // ONLINE-B loses 3 ESA points: a significant drop of ESA, and a significant rise of
    // its error score, are both regressions.
    let worse = compare("worse", -3.0, &[]);
    assert_eq!(worse.status.code(), Some(1), "{}", stdout(&worse));
    let text = stdout(&worse);
    let fails: Vec<String> = text
        .lines()
        .filter(|l| l.contains("| FAIL |"))
        .map(|l| l.split(" | ").skip(2).take(2).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(fails, ["ONLINE-B ESA", "ONLINE-B ESA-errors"], "{text}");
    // Within an explicit allowance it passes, as for chrF.
    let allowed = compare("worse2", -3.0, &["--max-drop", "ESA=5,ESA-errors=5"]);
    assert_eq!(allowed.status.code(), Some(0), "{}", stdout(&allowed));
    // Better scores are no regression in either direction.
    let better = compare("better", 3.0, &[]);
    assert_eq!(better.status.code(), Some(0), "{}", stdout(&better));
}

/// A manifest's score files are checked before anything is scored: wrong lengths, unknown
/// keys and duplicate names are one-line errors naming the file.
#[test]
fn manifest_score_files_are_checked_before_scoring() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let m = esa_manifest(p, "s", 0.0, "");
    let text = std::fs::read_to_string(&m).unwrap();
    let short = p.join("s/short.esa");
    std::fs::write(&short, "1\n2\n").unwrap();
    let cases = [
        (
            text.replace(
                r#""s/{system}.esa""#,
                r#"["s/short.esa", "s/IKUN-C.esa", "s/Llama3-70B.esa", "s/ONLINE-B.esa"]"#,
            ),
            vec![
                "short.esa",
                "has 2 scores for ESA, but the test set has 297 segments",
            ],
        ),
        (
            text.replace("model = \"human\"", "model = \"human\"\nmodle = \"x\""),
            vec!["unknown field `modle`"],
        ),
        (
            text.replace("name = \"ESA-errors\"", "name = \"ESA\""),
            vec!["scores 'ESA' is declared twice"],
        ),
        (
            text.replace("name = \"ESA-errors\"", "name = \"chrF2\""),
            vec!["test set 'esa'", "built-in metric"],
        ),
    ];
    for (i, (bad, needles)) in cases.into_iter().enumerate() {
        let path = write(p, &format!("bad{i}.toml"), bad.as_bytes());
        let out = p.join(format!("bad{i}-out"));
        let o = run_manifest(&path, &out);
        assert_one_line_error(&o, &needles);
        assert!(!out.exists(), "no report is written");
    }
}

/// `[run] rank_by` ranks by any metric, an external one included, in its direction.
#[test]
fn systems_rank_by_an_external_metric() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let m = esa_manifest(p, "r", 0.0, "");
    let text = std::fs::read_to_string(&m).unwrap();
    let ranks = |rank_by: &str| -> Vec<(String, u64)> {
        let with = text.replace(
            "metrics = [\"chrf\"]",
            &format!("metrics = [\"chrf\"]\nrank_by = \"{rank_by}\""),
        );
        let path = write(p, "rank.toml", with.as_bytes());
        let out = p.join(format!("out-{rank_by}"));
        let o = run_manifest(&path, &out);
        assert!(o.status.success(), "{}", stderr(&o));
        let r: Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap())
                .unwrap();
        let mut v: Vec<(String, u64)> = r["testsets"][0]["systems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["name"].as_str().unwrap().to_string(),
                    s["rank"].as_u64().unwrap(),
                )
            })
            .collect();
        v.sort_by_key(|x| x.1);
        assert!(std::fs::read_to_string(out.join("summary.md"))
            .unwrap()
            .contains("Ranked by"));
        v
    };
    // ESA: ONLINE-B 92.3, GPT-4 89.4, Llama3-70B 89.2, IKUN-C 73.9; the error score
    // (100 - ESA, lower is better) gives the same order.
    let order = ["ONLINE-B", "GPT-4", "Llama3-70B", "IKUN-C"];
    for key in ["ESA", "esa-errors"] {
        let got: Vec<String> = ranks(key).into_iter().map(|x| x.0).collect();
        assert_eq!(got, order, "{key}");
    }
    let bad = text.replace(
        "metrics = [\"chrf\"]",
        "metrics = [\"chrf\"]\nrank_by = \"bleu\"",
    );
    let path = write(p, "bad.toml", bad.as_bytes());
    let o = run_manifest(&path, &p.join("bad-out"));
    assert_one_line_error(&o, &["run.rank_by names 'bleu', which is not computed"]);
}

/// A score file is input: no output (`-o`, `--emit-stats`) may overwrite it.
#[test]
fn outputs_never_overwrite_score_files() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let a = write(p, "a.esa", b"90\n85\n70\n");
    write(p, "b.esa", b"60\n95\n80\n");
    for flag in ["-o", "--emit-stats"] {
        let o = scored(p, &["--scores", "ESA=DIR/{system}.esa", flag, &a]);
        assert_one_line_error(&o, &["a.esa"]);
        assert_eq!(std::fs::read(&a).unwrap(), b"90\n85\n70\n", "{flag}");
    }
}
