//! Golden tests against sacreBLEU 2.6.0 (`scripts/gen_significance.py` wrote
//! `tests/data/significance/expected.json`), plus properties of the helpers.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::*;
use crate::metrics::bleu::{Bleu, BleuStats};
use crate::metrics::chrf::{Chrf, ChrfStats};
use crate::metrics::{Metric, TextMetric};
use crate::tokenize::TokenizerKind;

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/significance")
}

/// Lines split on `\n` only, as Python's `open(newline="\n")` iteration.
fn read_lines(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

fn expected() -> Value {
    let text = std::fs::read_to_string(data_dir().join("expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("valid JSON")
}

fn segment_stats<M: TextMetric>(m: &M, refs: &[String], hyps: &[String]) -> Vec<M::Stats> {
    assert_eq!(refs.len(), hyps.len());
    refs.iter()
        .zip(hyps)
        .map(|(r, h)| m.segment_stats(h, &m.prepare_refs(&[r.as_str()])))
        .collect()
}

/// Floats are stored as repr() strings (see the generator's docstring); `null` is `None`.
fn num(v: &Value) -> Option<f64> {
    v.as_str().map(|s| s.parse().expect("float repr"))
}

/// Compares a float: exactly when `exact`, else within 1e-9. Returns the absolute error.
fn close(what: &str, got: Option<f64>, want: Option<f64>, exact: bool) -> f64 {
    match (got, want) {
        (None, None) => 0.0,
        (Some(g), Some(w)) => {
            let err = (g - w).abs();
            if exact {
                assert_eq!(g.to_bits(), w.to_bits(), "{what}: got {g:?}, want {w:?}");
            } else {
                assert!(err <= 1e-9, "{what}: got {g:?}, want {w:?}");
            }
            err
        }
        _ => panic!("{what}: got {got:?}, want {want:?}"),
    }
}

/// Runs every case of `cases` for `metric_name` and checks it; returns the number checked.
fn check_cases<M: Resample>(
    m: &M,
    metric_name: &str,
    cases: &[Value],
    stats: &HashMap<String, Vec<M::Stats>>,
) -> usize {
    let mut checked = 0;
    for case in cases.iter().filter(|c| c["metric"] == metric_name) {
        let kind = case["kind"].as_str().unwrap();
        let n = case["n"].as_u64().unwrap() as usize;
        let seed = Some(case["seed"].as_u64().unwrap());
        let label = format!("{metric_name} {kind} n={n} seed={seed:?}");
        if kind == "ci" {
            let system = case["system"].as_str().unwrap();
            let r = bootstrap_ci(m, &stats[system], n, seed);
            close(&label, Some(r.score), num(&case["score"]), true);
            close(&label, r.estimate.mean, num(&case["mean"]), true);
            close(&label, r.estimate.ci, num(&case["ci"]), true);
        } else {
            let names: Vec<&str> = case["systems"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let sys: Vec<&[M::Stats]> = names[1..].iter().map(|s| stats[*s].as_slice()).collect();
            let cfg = PairedConfig {
                n_samples: n,
                seed,
                sacrebleu_p: true,
            };
            let out = if kind == "bs" {
                paired_bootstrap(m, &stats[names[0]], &sys, &cfg)
            } else {
                paired_ar(m, &stats[names[0]], &sys, &cfg)
            };
            let results = case["results"].as_array().unwrap();
            let got = std::iter::once(&out.baseline).chain(&out.systems);
            for ((r, want), name) in got.zip(results).zip(&names) {
                let label = format!("{label} {name}");
                close(
                    &format!("{label} score"),
                    Some(r.score),
                    num(&want["score"]),
                    true,
                );
                close(
                    &format!("{label} p"),
                    r.p_value,
                    num(&want["p_value"]),
                    true,
                );
                close(
                    &format!("{label} mean"),
                    r.estimate.mean,
                    num(&want["mean"]),
                    true,
                );
                close(
                    &format!("{label} ci"),
                    r.estimate.ci,
                    num(&want["ci"]),
                    true,
                );
            }
        }
        checked += 1;
    }
    checked
}

const WMT21_SYSTEMS: [&str; 4] = ["Facebook-AI", "Online-W", "UEdin", "VolcTrans-GLAT"];

fn wmt21_stats<M: TextMetric>(m: &M) -> HashMap<String, Vec<M::Stats>> {
    wmt21_stats_head(m, 500)
}

/// Statistics of the first `lines` segments of the committed WMT21 slices.
fn wmt21_stats_head<M: TextMetric>(m: &M, lines: usize) -> HashMap<String, Vec<M::Stats>> {
    let dir = data_dir();
    let mut refs = read_lines(&dir.join("ref.A.de"));
    refs.truncate(lines);
    let mut out = HashMap::new();
    for name in WMT21_SYSTEMS {
        let mut hyps = read_lines(&dir.join(format!("hyp.{name}.de")));
        hyps.truncate(lines);
        out.insert(name.to_string(), segment_stats(m, &refs, &hyps));
    }
    out.insert(
        "copy-of-Facebook-AI".to_string(),
        out["Facebook-AI"].clone(),
    );
    out
}

#[test]
fn wmt21_bleu_matches_sacrebleu() {
    let m = Bleu::default();
    let cases = expected()["wmt21"].as_array().unwrap().clone();
    assert_eq!(check_cases(&m, "BLEU", &cases, &wmt21_stats(&m)), 10);
}

#[test]
fn wmt21_chrf_matches_sacrebleu() {
    let m = Chrf::default();
    let cases = expected()["wmt21"].as_array().unwrap().clone();
    assert_eq!(check_cases(&m, "chrF2", &cases, &wmt21_stats(&m)), 10);
}

#[test]
fn wmt21_chrf_plus_plus_matches_sacrebleu() {
    let m = Chrf {
        word_order: 2,
        ..Chrf::default()
    };
    let cases = expected()["wmt21"].as_array().unwrap().clone();
    assert_eq!(check_cases(&m, "chrF2++", &cases, &wmt21_stats(&m)), 10);
}

/// Metric options on 8- and 60-segment slices: every BLEU smoothing method, effective
/// order, chrF's epsilon smoothing, another beta and word order.
#[test]
fn option_variants_match_sacrebleu() {
    use crate::metrics::bleu::Smooth;
    let all = expected()["variants"].as_array().unwrap().clone();
    let bleu = |smooth, effective_order| Bleu {
        smooth,
        effective_order,
        ..Bleu::default()
    };
    let mut checked = 0;
    for lines in [8usize, 60] {
        let cases: Vec<Value> = all
            .iter()
            .filter(|c| c["lines"].as_u64() == Some(lines as u64))
            .cloned()
            .collect();
        for (name, m) in [
            ("BLEU-floor", bleu(Smooth::Floor(0.1), false)),
            ("BLEU-add-k", bleu(Smooth::AddK(1.0), false)),
            ("BLEU-none", bleu(Smooth::None, false)),
            ("BLEU-eff", bleu(Smooth::Exp, true)),
        ] {
            checked += check_cases(&m, name, &cases, &wmt21_stats_head(&m, lines));
        }
        for (name, m) in [
            (
                "chrF-eps",
                Chrf {
                    eps_smoothing: true,
                    ..Chrf::default()
                },
            ),
            (
                "chrF-b3-nw1",
                Chrf {
                    beta: 3,
                    word_order: 1,
                    ..Chrf::default()
                },
            ),
        ] {
            checked += check_cases(&m, name, &cases, &wmt21_stats_head(&m, lines));
        }
    }
    assert_eq!(checked, all.len());
}

/// sacreBLEU's test/test_significance.py data (15 systems × 3004 segments, BLEU with
/// `tokenize='none'`): too large to commit, so it is read from
/// `$MTEVAL_SACREBLEU_TESTS/wmt17-en-de-systems` (default `/work/shared/data/sacrebleu-tests`)
/// and skipped when absent.
#[test]
fn wmt17_unit_test_systems_match_sacrebleu() {
    let root = std::env::var("MTEVAL_SACREBLEU_TESTS")
        .unwrap_or_else(|_| "/work/shared/data/sacrebleu-tests".to_string());
    let dir = Path::new(&root).join("wmt17-en-de-systems");
    if !dir.is_dir() {
        eprintln!("skipping: {} not found", dir.display());
        return;
    }
    let m = Bleu {
        tokenizer: TokenizerKind::None,
        ..Bleu::default()
    };
    let cases = expected()["wmt17"].as_array().unwrap().clone();
    let refs = read_lines(&dir.join("newstest2017-ende-ref.de"));
    let mut stats = HashMap::new();
    for name in cases[0]["systems"].as_array().unwrap() {
        let name = name.as_str().unwrap();
        let hyps = read_lines(&dir.join(name));
        stats.insert(name.to_string(), segment_stats(&m, &refs, &hyps));
    }
    assert_eq!(check_cases(&m, "BLEU", &cases, &stats), 2);
}

#[test]
fn identical_system_flag() {
    let m = Bleu::default();
    let stats = wmt21_stats(&m);
    let bl = &stats["Facebook-AI"];
    let sys = [bl.as_slice(), stats["UEdin"].as_slice()];
    for ar in [false, true] {
        let mut cfg = PairedConfig {
            n_samples: 200,
            ..PairedConfig::bootstrap()
        };
        let run = |cfg: &PairedConfig| {
            if ar {
                paired_ar(&m, bl, &sys, cfg)
            } else {
                paired_bootstrap(&m, bl, &sys, cfg)
            }
        };
        // sacreBLEU: an identical system gets the minimum p-value 1/(n+1).
        let quirk = run(&cfg);
        assert_eq!(quirk.systems[0].p_value, Some(1.0 / 201.0));
        cfg.sacrebleu_p = false;
        let fixed = run(&cfg);
        assert_eq!(fixed.systems[0].p_value, Some(1.0));
        if !ar {
            // The bootstrap changes nothing else; AR also counts ties (tested below).
            assert_eq!(fixed.systems[1], quirk.systems[1]);
        }
    }
}

#[test]
fn results_do_not_depend_on_thread_count() {
    let m = Chrf::default();
    let stats = wmt21_stats(&m);
    let sys: Vec<&[ChrfStats]> = WMT21_SYSTEMS[1..]
        .iter()
        .map(|s| stats[*s].as_slice())
        .collect();
    let cfg = PairedConfig {
        n_samples: 300,
        ..PairedConfig::bootstrap()
    };
    let run = || {
        (
            paired_bootstrap(&m, &stats["Facebook-AI"], &sys, &cfg),
            paired_ar(&m, &stats["Facebook-AI"], &sys, &cfg),
            bootstrap_ci(&m, &stats["UEdin"], 300, Some(7)),
        )
    };
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(run);
    let many = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap()
        .install(run);
    assert_eq!(one, many);
}

#[test]
fn holm_bonferroni_adjusts_step_down() {
    let adj = holm_bonferroni(&[0.01, 0.04, 0.03, 0.005]);
    // sorted: 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 = 0.04 -> max-accumulated
    let want = [0.03, 0.06, 0.06, 0.02];
    for (a, w) in adj.iter().zip(want) {
        assert!((a - w).abs() < 1e-15, "{adj:?}");
    }
    assert_eq!(holm_bonferroni(&[0.9, 0.8]), vec![1.0, 1.0]);
    assert!(holm_bonferroni(&[]).is_empty());
}

#[test]
fn degenerate_statistics() {
    // All-empty hypotheses: every resample scores 0 (chrF returns a Python float there).
    let m = Chrf::default();
    let stats = vec![ChrfStats::default(); 20];
    let r = bootstrap_ci(&m, &stats, 40, Some(3));
    assert_eq!(
        (r.score, r.estimate.mean, r.estimate.ci),
        (0.0, Some(0.0), Some(0.0))
    );
    let b = Bleu::default();
    let empty: Vec<BleuStats> = Vec::new();
    let out = paired_bootstrap(&b, &empty, &[&empty], &PairedConfig::bootstrap());
    assert_eq!(out.systems[0].p_value, Some(1.0 / 1001.0));
}

/// The AR p-value by brute force: every subset of the differing segments swapped,
/// pseudo-systems scored from their own summed statistics.
fn brute_force_ar<M: Metric>(m: &M, bl: &[M::Stats], sys: &[M::Stats]) -> f64
where
    M::Stats: PartialEq,
{
    let differing: Vec<usize> = (0..bl.len()).filter(|&i| bl[i] != sys[i]).collect();
    let diff = (m.score(&sum_stats(bl)).score - m.score(&sum_stats(sys)).score).abs();
    let all = 1usize << differing.len();
    let mut count = 0;
    for s in 0..all {
        let (mut a, mut b) = (sys.to_vec(), bl.to_vec());
        for (j, &i) in differing.iter().enumerate() {
            if s >> j & 1 == 1 {
                a[i] = bl[i].clone();
                b[i] = sys[i].clone();
            }
        }
        let d = (m.score(&sum_stats(&a)).score - m.score(&sum_stats(&b)).score).abs();
        count += usize::from(d >= diff - 1e-9);
    }
    count as f64 / all as f64
}

/// See: issue 10, "Significance with ties and tiny samples".
#[test]
fn approximate_randomisation_counts_ties_and_enumerates_small_differences() {
    let m = Bleu::default();
    let stats = wmt21_stats_head(&m, 60);
    let bl = stats["Facebook-AI"].clone();
    let other = &stats["UEdin"];
    for k in [1usize, 3, 5, 9] {
        // The same system except k segments.
        let mut sys = bl.clone();
        let mut changed = 0;
        for i in 0..60 {
            if changed < k && other[i] != bl[i] {
                sys[i] = other[i].clone();
                changed += 1;
            }
        }
        assert_eq!(changed, k);
        let mut cfg = PairedConfig::approximate_randomization();
        let sacre = paired_ar(&m, &bl, &[&sys], &cfg).systems[0]
            .p_value
            .unwrap();
        cfg.sacrebleu_p = false;
        let exact = paired_ar(&m, &bl, &[&sys], &cfg).systems[0]
            .p_value
            .unwrap();
        let want = brute_force_ar(&m, &bl, &sys);
        assert!((exact - want).abs() < 1e-12, "k={k}: {exact} vs {want}");
        // Never below 2 / 2^k: leaving every segment and swapping every one tie.
        assert!(exact >= 2.0 / (1u64 << k) as f64 - 1e-12, "k={k}: {exact}");
        assert!(sacre < exact, "k={k}: sacreBLEU {sacre}, exact {exact}");
    }
    // Many differing segments: random trials, ties counted; never below sacreBLEU's.
    let sys = &stats["UEdin"];
    let mut cfg = PairedConfig {
        n_samples: 2000,
        ..PairedConfig::approximate_randomization()
    };
    let sacre = paired_ar(&m, &bl, &[sys], &cfg).systems[0].p_value.unwrap();
    cfg.sacrebleu_p = false;
    let tied = paired_ar(&m, &bl, &[sys], &cfg).systems[0].p_value.unwrap();
    assert!(tied >= sacre && tied <= 1.0, "{tied} vs {sacre}");
}

/// 20 systems (190 pairs) at 1000 bootstrap samples can never separate a pair after
/// Holm (at best 190/1001 = 0.19); 3800 samples can.
#[test]
fn holm_needs_enough_samples_to_separate_any_pair() {
    assert_eq!(holm_samples_needed(190, 1000, 0.05), Some(3800));
    assert_eq!(holm_samples_needed(190, 3800, 0.05), None);
    assert_eq!(holm_samples_needed(3, 1000, 0.05), None);
    assert_eq!(holm_samples_needed(0, 10, 0.05), None);
}

#[test]
fn clusters_start_at_the_first_significant_difference_from_the_head() {
    // 0 ~ 1, 0 ≠ 2, 2 ~ 3.
    let diff = |a: usize, b: usize| Some(matches!((a.min(b), a.max(b)), (0, 2) | (0, 3) | (1, 3)));
    assert_eq!(clusters(&[0, 1, 2, 3], diff), Some(vec![1, 1, 2, 2]));
    assert_eq!(clusters(&[0, 1], |_, _| None), None);
    assert_eq!(clusters(&[0], |_, _| None), Some(vec![1]));
}
