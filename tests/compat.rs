//! Golden-value compatibility tests against sacreBLEU 2.6.0.
//!
//! `tests/data/golden/cases.json` is produced by `scripts/gen_golden.py` (see its header).
//! Every case runs the real binary (`mteval score -r … -i … <args> --format json`), and all
//! mismatches of all cases are collected and reported in a single panic message.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

const TOL: f64 = 1e-9;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/golden")
}

fn strip_version(sig: &str) -> String {
    sig.split('|')
        .map(|f| {
            if f.starts_with("version:") {
                "version:"
            } else {
                f
            }
        })
        .collect::<Vec<_>>()
        .join("|")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= TOL || (a.is_nan() && b.is_nan())
}

fn as_f64(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 300 {
        format!(
            "{}…",
            &s[..s.char_indices().nth(300).map(|(i, _)| i).unwrap_or(s.len())]
        )
    } else {
        s
    }
}

/// Runs one case and appends human-readable failure lines to `fails`.
fn run_case(case: &Value, fails: &mut Vec<String>) {
    let name = case["name"].as_str().unwrap_or("?");
    let dir = golden_dir();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mteval"));
    cmd.arg("score");
    for r in case["refs"].as_array().expect("refs") {
        cmd.arg("-r").arg(dir.join(r.as_str().unwrap()));
    }
    cmd.arg("-i");
    for s in case["systems"].as_array().expect("systems") {
        cmd.arg(dir.join(s.as_str().unwrap()));
    }
    for a in case["args"].as_array().expect("args") {
        cmd.arg(a.as_str().unwrap());
    }
    cmd.arg("--format").arg("json");
    let segments_expected = case.get("segments");
    if segments_expected.is_some() {
        cmd.arg("--sentence-level");
    }
    let out = match cmd.output() {
        Ok(o) => o,
        Err(e) => {
            fails.push(format!("[{name}] could not run binary: {e}"));
            return;
        }
    };
    if !out.status.success() {
        fails.push(format!(
            "[{name}] exit status {:?}; stderr: {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
        return;
    }
    let got: Value = match serde_json::from_slice(&out.stdout) {
        Ok(v) => v,
        Err(e) => {
            fails.push(format!(
                "[{name}] stdout is not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
                    .chars()
                    .take(300)
                    .collect::<String>()
            ));
            return;
        }
    };
    let results = got["results"].as_array().cloned().unwrap_or_default();
    let find = |sys: &str, metric: &str| -> Option<&Value> {
        results
            .iter()
            .find(|r| r["system"].as_str() == Some(sys) && r["metric"].as_str() == Some(metric))
    };
    let expected = case["expected"].as_object().expect("expected");
    let mut n_expected = 0;
    for (sys, metrics) in expected {
        for (metric, exp) in metrics.as_object().unwrap() {
            n_expected += 1;
            let ctx = format!("[{name}] system={sys} metric={metric}");
            let Some(g) = find(sys, metric) else {
                let have: Vec<String> = results
                    .iter()
                    .map(|r| {
                        format!(
                            "{}/{}",
                            r["system"].as_str().unwrap_or("?"),
                            r["metric"].as_str().unwrap_or("?")
                        )
                    })
                    .collect();
                fails.push(format!(
                    "{ctx}: missing from results (have: {})",
                    have.join(", ")
                ));
                continue;
            };
            // score
            let es = exp["score"].as_f64().unwrap();
            match as_f64(&g["score"]) {
                Some(gs) if close(gs, es) => {}
                _ => fails.push(format!(
                    "{ctx}: score got {} expected {es:?}",
                    short(&g["score"])
                )),
            }
            // signature
            let esig = strip_version(exp["signature"].as_str().unwrap());
            let gsig = g["signature"].as_str().map(strip_version);
            if gsig.as_deref() != Some(esig.as_str()) {
                fails.push(format!(
                    "{ctx}: signature got {} expected {esig:?}",
                    short(&g["signature"])
                ));
            }
            // exact integer details (BLEU)
            for key in ["counts", "totals", "hyp_len", "ref_len"] {
                if let Some(ev) = exp.get(key) {
                    let ok = match (ev, g.get(key)) {
                        (Value::Array(ea), Some(Value::Array(ga))) => {
                            ea.len() == ga.len()
                                && ea
                                    .iter()
                                    .zip(ga)
                                    .all(|(a, b)| a.as_f64().is_some() && a.as_f64() == b.as_f64())
                        }
                        (e, Some(gv)) => e.as_f64().is_some() && e.as_f64() == gv.as_f64(),
                        _ => false,
                    };
                    if !ok {
                        fails.push(format!(
                            "{ctx}: {key} got {} expected {}",
                            g.get(key).map(short).unwrap_or_else(|| "<missing>".into()),
                            short(ev)
                        ));
                    }
                }
            }
            // float details (BLEU precisions/bp/ratio, TER num_edits/ref_length)
            for key in ["precisions", "bp", "ratio", "num_edits", "ref_length"] {
                if let Some(ev) = exp.get(key) {
                    let ok = match (ev, g.get(key)) {
                        (Value::Array(ea), Some(Value::Array(ga))) => {
                            ea.len() == ga.len()
                                && ea
                                    .iter()
                                    .zip(ga)
                                    .all(|(a, b)| match (a.as_f64(), b.as_f64()) {
                                        (Some(x), Some(y)) => close(x, y),
                                        _ => false,
                                    })
                        }
                        (e, Some(gv)) => match (e.as_f64(), gv.as_f64()) {
                            (Some(x), Some(y)) => close(x, y),
                            _ => false,
                        },
                        _ => false,
                    };
                    if !ok {
                        fails.push(format!(
                            "{ctx}: {key} got {} expected {}",
                            g.get(key).map(short).unwrap_or_else(|| "<missing>".into()),
                            short(ev)
                        ));
                    }
                }
            }
        }
    }
    if results.len() != n_expected {
        fails.push(format!(
            "[{name}] results has {} entries, expected {n_expected}",
            results.len()
        ));
    }
    // segments
    if let Some(segs) = segments_expected.and_then(|s| s.as_object()) {
        let got_segs = got["segments"].as_array().cloned().unwrap_or_default();
        for (sys, metrics) in segs {
            for (metric, scores) in metrics.as_object().unwrap() {
                let ctx = format!("[{name}] system={sys} metric={metric} (sentence-level)");
                let exp_scores: Vec<f64> = scores
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_f64().unwrap())
                    .collect();
                let mut got_scores: Vec<Option<f64>> = vec![None; exp_scores.len()];
                let mut extra = 0usize;
                for s in &got_segs {
                    if s["system"].as_str() != Some(sys.as_str())
                        || s["metric"].as_str() != Some(metric.as_str())
                    {
                        continue;
                    }
                    match s["index"].as_u64() {
                        Some(i) if (i as usize) < got_scores.len() => {
                            got_scores[i as usize] = s["score"].as_f64()
                        }
                        _ => extra += 1,
                    }
                }
                if extra > 0 {
                    fails.push(format!(
                        "{ctx}: {extra} segment entries with a bad or missing index"
                    ));
                }
                let mut bad = Vec::new();
                for (i, (e, g)) in exp_scores.iter().zip(&got_scores).enumerate() {
                    match g {
                        Some(g) if close(*g, *e) => {}
                        _ => bad.push(format!("#{i}: got {g:?} expected {e:?}")),
                    }
                }
                if !bad.is_empty() {
                    let n = bad.len();
                    bad.truncate(5);
                    fails.push(format!(
                        "{ctx}: {n}/{} segment scores differ: {}{}",
                        exp_scores.len(),
                        bad.join("; "),
                        if n > 5 { "; …" } else { "" }
                    ));
                }
            }
        }
    } else if got
        .get("segments")
        .is_some_and(|s| !s.is_null() && s.as_array().is_some_and(|a| !a.is_empty()))
    {
        fails.push(format!(
            "[{name}] segments present without --sentence-level"
        ));
    }
}

#[test]
fn golden_cases_match_sacrebleu() {
    let path = golden_dir().join("cases.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let cases: Vec<Value> = serde_json::from_str(&text).expect("cases.json");
    assert!(!cases.is_empty());
    // Optional filter for debugging: MTEVAL_GOLDEN_FILTER=substring of the case name.
    let filter = std::env::var("MTEVAL_GOLDEN_FILTER").ok();
    let cases: Vec<&Value> = cases
        .iter()
        .filter(|c| {
            filter
                .as_deref()
                .is_none_or(|f| c["name"].as_str().unwrap_or("").contains(f))
        })
        .collect();
    let next = AtomicUsize::new(0);
    let fails = Mutex::new(Vec::<(usize, String)>::new());
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .clamp(1, 8);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= cases.len() {
                    break;
                }
                let mut local = Vec::new();
                run_case(cases[i], &mut local);
                fails
                    .lock()
                    .unwrap()
                    .extend(local.into_iter().map(|f| (i, f)));
            });
        }
    });
    let mut fails = fails.into_inner().unwrap();
    fails.sort();
    if !fails.is_empty() {
        let n_cases = {
            let mut v: Vec<usize> = fails.iter().map(|f| f.0).collect();
            v.dedup();
            v.len()
        };
        let body: Vec<String> = fails.into_iter().map(|f| f.1).collect();
        panic!(
            "{} mismatches in {n_cases} of {} golden cases:\n{}",
            body.len(),
            cases.len(),
            body.join("\n")
        );
    }
}
