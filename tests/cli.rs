//! The `mteval score` command-line contract: formats, exit codes, bad input.

use crate::util::{assert_one_line_error, root, run, run_with_stdin, stderr, stdout, write};

const REF: &str = "corpora/wmt21-hi-bn/ref.bn";
const SYS_A: &str = "corpora/wmt21-hi-bn/sys/GTCOM.bn";
const SYS_B: &str = "corpora/wmt21-hi-bn/sys/UEdin.bn";

fn json(args: &[&str]) -> serde_json::Value {
    let o = run(args);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("valid JSON")
}

#[test]
fn json_contract() {
    let v = json(&[
        "score",
        "-r",
        REF,
        "-i",
        SYS_A,
        SYS_B,
        "-m",
        "bleu,chrf",
        "-m",
        "chrf++",
        "--format",
        "json",
    ]);
    let results = v["results"].as_array().unwrap();
    let got: Vec<(String, String)> = results
        .iter()
        .map(|r| {
            (
                r["system"].as_str().unwrap().to_string(),
                r["metric"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = ["GTCOM", "UEdin"]
        .iter()
        .flat_map(|s| {
            ["BLEU", "chrF2", "chrF2++"]
                .iter()
                .map(move |m| (s.to_string(), m.to_string()))
        })
        .collect();
    assert_eq!(got, want);
    let bleu = &results[0];
    assert!(bleu["signature"]
        .as_str()
        .unwrap()
        .starts_with("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:mteval-"));
    for key in [
        "precisions",
        "bp",
        "ratio",
        "hyp_len",
        "ref_len",
        "counts",
        "totals",
    ] {
        assert!(!bleu[key].is_null(), "BLEU result lacks {key}");
    }
    assert!(
        v.get("segments").is_none(),
        "segments only with --sentence-level"
    );
}

#[test]
fn sentence_level_covers_every_system_metric_and_segment() {
    let v = json(&[
        "score",
        "-r",
        REF,
        "-i",
        SYS_A,
        SYS_B,
        "-m",
        "bleu,chrf",
        "--sentence-level",
        "-f",
        "json",
    ]);
    let segs = v["segments"].as_array().unwrap();
    assert_eq!(segs.len(), 2 * 2 * 200);
    assert_eq!(segs[0]["index"], 0);
    assert_eq!(segs[199]["index"], 199);
    let bleu = &v["results"][0];
    assert!(bleu["sentence_signature"]
        .as_str()
        .unwrap()
        .contains("eff:yes"));
}

#[test]
fn text_matches_sacrebleu_shape() {
    let o = run(&["score", "-r", REF, "-i", SYS_A, "-m", "bleu,chrf"]);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2);
    // Right-aligned on " = " like sacreBLEU.
    assert_eq!(lines[0].find(" = "), lines[1].find(" = "));
    assert!(lines[0].trim_start().starts_with("BLEU|nrefs:1|"));
    assert!(lines[0].contains("(BP = "));
}

#[test]
fn csv_and_markdown() {
    let o = run(&[
        "score",
        "-r",
        REF,
        "-i",
        SYS_A,
        SYS_B,
        "-m",
        "bleu,chrf",
        "-f",
        "csv",
        "--sentence-level",
    ]);
    let out = stdout(&o);
    let mut rdr = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(
        rdr.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "system",
            "metric",
            "segment",
            "score",
            "signature",
            "mean",
            "ci",
            "ci_low",
            "ci_high",
            "p_value"
        ]
    );
    assert_eq!(rdr.records().count(), 4 + 4 * 200);
    // See: issue 10, "CSV loses numbers the other formats have": the CSV carries the
    // same mean, interval and p-value as the JSON report.
    let args = [
        "score",
        "-r",
        REF,
        "-i",
        SYS_A,
        SYS_B,
        "-m",
        "bleu,chrf",
        "--paired-bs",
        "--paired-bs-n",
        "200",
    ];
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(&[&args[..], &["-f", "json"]].concat()))).unwrap();
    let csv_text = stdout(&run(&[&args[..], &["-f", "csv"]].concat()));
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    for (row, want) in rows.iter().zip(json["results"].as_array().unwrap()) {
        for (i, key) in [
            (5, "mean"),
            (6, "ci"),
            (7, "ci_low"),
            (8, "ci_high"),
            (9, "p_value"),
        ] {
            let got: Option<f64> = (!row[i].is_empty()).then(|| row[i].parse().unwrap());
            assert_eq!(got, want[key].as_f64(), "{key} of {row:?}");
        }
    }
    assert!(
        rows[2][9].parse::<f64>().is_ok(),
        "the second system has a p-value"
    );
    let o = run(&[
        "score",
        "-r",
        REF,
        "-i",
        SYS_A,
        SYS_B,
        "-m",
        "bleu,chrf",
        "-f",
        "markdown",
    ]);
    let md = stdout(&o);
    let table: Vec<&str> = md.lines().take_while(|l| l.starts_with('|')).collect();
    assert_eq!(table.len(), 4);
    for l in &table {
        assert_eq!(l.matches(" | ").count() + 1, 3, "{l}");
    }
}

#[test]
fn thread_count_does_not_change_bytes() {
    let args = [
        "score",
        "-r",
        REF,
        "-i",
        SYS_A,
        SYS_B,
        "-m",
        "bleu,chrf++",
        "--sentence-level",
        "-f",
        "json",
    ];
    let one = run(&[&args[..], &["--threads", "1"]].concat());
    let many = run(&[&args[..], &["--threads", "4"]].concat());
    let default = run(&args);
    assert!(one.status.success());
    assert_eq!(one.stdout, many.stdout);
    assert_eq!(one.stdout, default.stdout);
}

#[test]
fn stdin_gz_and_crlf_read_like_sacrebleu() {
    let dir = tempfile::tempdir().unwrap();
    let r = write(
        dir.path(),
        "ref.txt",
        b"The cat sat on the mat.\nA dog barked.\n",
    );
    let crlf = write(
        dir.path(),
        "crlf.txt",
        b"The cat sat on the mat.\r\nA dog barked.\r\n",
    );
    let gz = dir.path().join("sys.txt.gz");
    {
        use std::io::Write;
        let f = std::fs::File::create(&gz).unwrap();
        let mut e = flate2::write::GzEncoder::new(f, flate2::Compression::default());
        e.write_all(b"The cat sat on the mat.\nA dog barked.\n")
            .unwrap();
        e.finish().unwrap();
    }
    let gz = gz.to_string_lossy().into_owned();
    for sys in [crlf.as_str(), gz.as_str()] {
        let v = json(&[
            "score",
            "-r",
            &r,
            "-i",
            sys,
            "-m",
            "bleu,chrf",
            "-f",
            "json",
        ]);
        assert_eq!(v["results"][0]["score"], 100.00000000000004, "{sys}");
        assert_eq!(v["results"][1]["score"], 100.0, "{sys}");
    }
    let o = run_with_stdin(
        &["score", "-r", &r, "-i", "-", "-f", "json"],
        b"The cat sat on the mat.\nA dog barked.\n",
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["results"][0]["system"], "stdin");
}

#[test]
fn output_file_is_written_atomically_and_kept_on_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let out_s = out.to_string_lossy().into_owned();
    let o = run(&["score", "-r", REF, "-i", SYS_A, "-f", "json", "-o", &out_s]);
    assert!(o.status.success());
    assert!(o.stdout.is_empty());
    let first = std::fs::read(&out).unwrap();
    serde_json::from_slice::<serde_json::Value>(&first).unwrap();
    // A failing run must leave the previous report untouched and no temp files behind.
    let bad = write(dir.path(), "short.bn", b"one line\n");
    let o = run(&["score", "-r", REF, "-i", &bad, "-f", "json", "-o", &out_s]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read(&out).unwrap(), first);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn bad_input_length_mismatch_names_both_files_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "short.bn", b"one line\ntwo\n");
    let o = run(&["score", "-r", REF, "-i", SYS_A, &bad]);
    assert_one_line_error(&o, &[REF, "has 200 lines", "short.bn", "has 2 lines"]);
    // A second reference stream is checked too.
    let o = run(&["score", "-r", REF, "-r", &bad, "-i", SYS_A]);
    assert_one_line_error(&o, &["short.bn", "2"]);
}

#[test]
fn bad_input_invalid_utf8_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let r = write(dir.path(), "r.txt", b"a\nb\nc\n");
    let h = write(dir.path(), "h.txt", b"a\nb\xff\xfe\nc\n");
    let o = run(&["score", "-r", &r, "-i", &h]);
    assert_one_line_error(&o, &["h.txt:2:", "invalid UTF-8"]);
}

#[test]
fn bad_input_corrupt_gzip_names_file() {
    let dir = tempfile::tempdir().unwrap();
    let r = write(dir.path(), "r.txt", b"a\nb\n");
    let h = write(dir.path(), "h.txt.gz", b"this is not gzip data\n");
    let o = run(&["score", "-r", &r, "-i", &h]);
    assert_one_line_error(&o, &["h.txt.gz", "not a valid gzip file"]);
}

#[test]
fn bad_input_missing_unreadable_empty_and_directory() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&["score", "-r", REF, "-i", "no/such/file.txt"]);
    assert_one_line_error(&o, &["no/such/file.txt", "no such file"]);
    let empty = write(dir.path(), "empty.txt", b"");
    let o = run(&["score", "-r", REF, "-i", &empty]);
    assert_one_line_error(&o, &["empty.txt", "empty"]);
    let d = dir.path().to_string_lossy().into_owned();
    let o = run(&["score", "-r", REF, "-i", &d]);
    assert_one_line_error(&o, &["is a directory"]);
}

#[test]
fn bad_options_are_one_line_errors() {
    let cases: &[(&[&str], &str)] = &[
        (&["-m", "meteor"], "unknown metric 'meteor'"),
        (&["--tokenize", "13b"], "unknown tokenizer '13b'"),
        (
            &["--tokenize", "ja-mecab", "--mecab-dic", "no/such/dir"],
            "no/such/dir/sys.dic",
        ),
        (
            &["-l", "en-ko", "--mecab-dic", "Cargo.toml"],
            "Cargo.toml/sys.dic",
        ),
        (
            &["--tokenize", "flores200", "--spm-model", "no/such.model"],
            "no/such.model",
        ),
        (
            &["--tokenize", "spBLEU-1K", "--spm-model", "Cargo.toml"],
            "Cargo.toml",
        ),
        (&["--smooth-method", "laplace"], "unknown smoothing method"),
        (&["--chrf-beta", "two"], "--chrf-beta"),
        (&["--chrf-char-order", "-1"], "--chrf-char-order"),
        (&["--format", "xml"], "unknown format 'xml'"),
        (&["--threads", "0"], "--threads"),
        (&["--smooth-value", "abc"], "--smooth-value"),
        (&["--no-such-option"], "--no-such-option"),
    ];
    for (extra, needle) in cases {
        let mut args = vec!["score", "-r", REF, "-i", SYS_A];
        args.extend_from_slice(extra);
        let o = run(&args);
        assert_one_line_error(&o, &[needle]);
    }
}

/// Without --spm-model the SentencePiece tokenizers read sacreBLEU's cached model
/// (`$SACREBLEU/models/<file>`), under the file names sacreBLEU gives them; a missing
/// one is one line saying where to put it.
#[test]
fn spm_models_are_read_where_sacrebleu_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    for (tok, file) in [
        ("flores101", "sacrebleu_tokenizer_spm.model"),
        ("spm", "sacrebleu_tokenizer_spm.model"),
        ("flores200", "flores200sacrebleuspm"),
        ("spBLEU-1K", "spbleu-1k_tokenizer_spm.model"),
    ] {
        let args = [
            "score",
            "-r",
            REF,
            "-i",
            SYS_A,
            "--tokenize",
            tok,
            "-f",
            "json",
        ];
        let score = || {
            std::process::Command::new(crate::util::bin())
                .args(args)
                .env("SACREBLEU", dir.path())
                .current_dir(root())
                .output()
                .unwrap()
        };
        let o = score();
        let expected = dir.path().join("models").join(file);
        assert_one_line_error(
            &o,
            &[&expected.to_string_lossy(), "sacreBLEU downloads it from"],
        );
        std::fs::create_dir_all(expected.parent().unwrap()).unwrap();
        std::fs::copy(root().join("tests/data/spm/wmt-mix-8k.model"), &expected).unwrap();
        let o = score();
        assert!(o.status.success(), "{tok}: {}", stderr(&o));
        let sig = tok.replace("spm", "flores101");
        assert!(
            stdout(&o).contains(&format!("|tok:{sig}|")),
            "{}",
            stdout(&o)
        );
        std::fs::remove_file(&expected).unwrap();
    }
}

#[test]
fn help_and_version_exit_zero() {
    let o = run(&["--version"]);
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("mteval "));
    let o = run(&["score", "--help"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("--sentence-level"));
}

#[test]
fn language_pair_picks_tokenizer_only_for_bleu() {
    let v = json(&[
        "score", "-r", REF, "-i", SYS_A, "-m", "bleu", "-l", "en-zh", "-f", "json",
    ]);
    assert!(v["results"][0]["signature"]
        .as_str()
        .unwrap()
        .contains("|tok:zh|"));
    // ja's default (ja-mecab) needs a dictionary, which must not block chrF and TER.
    let o = run(&[
        "score",
        "-r",
        REF,
        "-i",
        SYS_A,
        "-m",
        "chrf,ter",
        "-l",
        "en-ja",
        "--mecab-dic",
        "no/such/dir",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&[
        "score",
        "-r",
        REF,
        "-i",
        SYS_A,
        "-m",
        "bleu",
        "-l",
        "en-ja",
        "--mecab-dic",
        "no/such/dir",
    ]);
    assert_one_line_error(&o, &["no/such/dir/sys.dic"]);
}

#[test]
fn output_to_a_device_writes_through_and_keeps_the_device() {
    let o = run(&["score", "-r", REF, "-i", SYS_A, "-o", "/dev/null"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let meta = std::fs::metadata("/dev/null").unwrap();
    use std::os::unix::fs::FileTypeExt;
    assert!(
        meta.file_type().is_char_device(),
        "/dev/null must still be a device"
    );
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_string_lossy().into_owned();
    let o = run(&["score", "-r", REF, "-i", SYS_A, "-o", &d]);
    assert_one_line_error(&o, &["is a directory"]);
}

/// `--format latex` (issue 12): a booktabs table of what the other formats show, with
/// LaTeX's special characters escaped, for score, compare and entities.
#[test]
fn latex_tables_for_score_compare_and_entities() {
    let r = root().join("corpora/wmt21-hi-bn/ref.bn");
    let sys: Vec<String> = ["GTCOM", "UEdin"]
        .iter()
        .map(|s| {
            root()
                .join(format!("corpora/wmt21-hi-bn/sys/{s}.bn"))
                .display()
                .to_string()
        })
        .collect();
    let a = format!("sys_a&1={}", sys[0]);
    let b = format!("sys%b={}", sys[1]);
    let o = run(&[
        "score",
        "-r",
        &r.display().to_string(),
        "-i",
        &a,
        &b,
        "-m",
        "bleu,chrf",
        "-f",
        "latex",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let tex = stdout(&o);
    let lines: Vec<&str> = tex.lines().collect();
    assert_eq!(lines[0], "\\begin{tabular}{lrr}");
    assert_eq!(lines[1], "\\toprule");
    assert_eq!(lines[2], "System & BLEU & chrF2 \\\\");
    assert_eq!(lines[3], "\\midrule");
    assert!(lines[4].starts_with("sys\\_a\\&1 & "), "{}", lines[4]);
    assert!(lines[5].starts_with("sys\\%b & "), "{}", lines[5]);
    assert_eq!(&lines[6..8], ["\\bottomrule", "\\end{tabular}"]);
    assert!(lines[8].starts_with("% BLEU: nrefs:1|"), "{tex}");
    // The same numbers as the text table, rounded alike.
    let text = stdout(&run(&[
        "score",
        "-r",
        &r.display().to_string(),
        "-i",
        &a,
        &b,
        "-m",
        "bleu,chrf",
    ]));
    let first = text.lines().find(|l| l.starts_with("sys_a&1")).unwrap();
    let cells: Vec<&str> = first.split_whitespace().skip(1).collect();
    assert_eq!(
        lines[4],
        format!("sys\\_a\\&1 & {} \\\\", cells.join(" & "))
    );

    let report = root()
        .join("tests/snapshots/run/report.json")
        .display()
        .to_string();
    let o = run(&["compare", &report, &report, "-f", "latex"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let tex = stdout(&o);
    assert!(tex.starts_with("% PASS: no regression"), "{tex}");
    assert!(
        tex.contains("\\toprule\nRule & Test set & System & Metric"),
        "{tex}"
    );
    assert!(
        tex.contains("max\\_drop & seeds-en-bn & mt-a & BLEU"),
        "{tex}"
    );
    assert!(tex.contains("70\\% agreement"), "{tex}");

    let o = run(&[
        "entities",
        "--source",
        &root()
            .join("corpora/seeds-en-bn/src.en")
            .display()
            .to_string(),
        "-i",
        &root()
            .join("corpora/seeds-en-bn/sys/mt-b.bn")
            .display()
            .to_string(),
        "--source-lang",
        "en",
        "--target-lang",
        "bn",
        "-f",
        "latex",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let tex = stdout(&o);
    assert!(
        tex.starts_with("\\begin{tabular}{lrrrrrrrrr}\n\\toprule\nsystem & recall"),
        "{tex}"
    );
    assert!(tex.contains("\\%"), "recall is a percentage: {tex}");
}
