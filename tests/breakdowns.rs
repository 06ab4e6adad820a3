//! Breakdowns (`[run] breakdowns`) against compare-mt 0.2.10 on WMT21 zh-en, 5 systems, all
//! 1948 segments: the expected values are compare-mt's own (`scripts/breakdown_compare_mt.py`).

use serde_json::Value;

use crate::util::{root, run, stderr, write};

const DIR: &str = "tests/data/breakdowns/wmt21-zh-en";

fn close(a: f64, b: f64, what: &str) {
    assert!((a - b).abs() <= 1e-9, "{what}: mteval {a}, compare-mt {b}");
}

/// Runs the 5 systems with BLEU on whitespace words (`tokenize = "none"`, the words
/// compare-mt scores) and returns the test set's report and compare-mt's values.
fn reports() -> (Value, Value) {
    let e: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join(DIR).join("expected.json")).unwrap(),
    )
    .unwrap();
    let d = root().join(DIR);
    let d = d.to_string_lossy();
    let systems: Vec<String> = e["systems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| format!("\"{d}/sys/{}.en.gz\"", s.as_str().unwrap()))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let manifest = format!(
        "[run]\nmetrics = [\"bleu\"]\n\n[metrics.bleu]\ntokenize = \"none\"\n\n[significance]\ntest = \"none\"\n\n\
         [[testset]]\nname = \"zh-en\"\nreferences = [\"{d}/ref.A.en.gz\"]\nsystems = [{}]\nbaseline = \"Online-B\"\n",
        systems.join(", ")
    );
    let m = write(dir.path(), "m.toml", manifest.as_bytes());
    let out = dir.path().join("out");
    let o = run(&["run", &m, "--out", &out.to_string_lossy(), "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    (r["testsets"][0].clone(), e)
}

/// Acceptance (issue 12): the breakdown tables equal compare-mt's on the same buckets;
/// the one difference (compare-mt's BLEU denominators) is shown to be the only one.
#[test]
fn breakdowns_equal_compare_mt() {
    let (t, e) = reports();
    let b = &t["breakdowns"];
    let names: Vec<&str> = t["systems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    let expected_names: Vec<&str> = e["systems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(names, expected_names);
    assert_eq!(b["frequency_source"], "reference");

    // Scores by reference length: the same buckets and segments; BLEU equal wherever no
    // hypothesis is shorter than 4 words, and everywhere once compare-mt's max(1, total)
    // n-gram denominator is undone.
    let (ours, theirs) = (
        b["by_length"].as_array().unwrap(),
        e["by_length"].as_array().unwrap(),
    );
    assert_eq!(ours.len(), theirs.len());
    let mut differing_buckets = 0;
    for (o, x) in ours.iter().zip(theirs) {
        assert_eq!(o["bucket"], x["bucket"]);
        assert_eq!(o["segments"], x["segments"], "{}", o["bucket"]);
        for s in 0..names.len() {
            let what = format!("{} {}", o["bucket"], names[s]);
            let score = o["scores"][0][s].as_f64().unwrap();
            close(score, x["bleu_unclipped"][s].as_f64().unwrap(), &what);
            if x["short_hypotheses"] == 0 {
                close(score, x["bleu"][s].as_f64().unwrap(), &what);
            } else {
                assert_ne!(score, x["bleu"][s].as_f64().unwrap());
                differing_buckets += (s == 0) as usize;
            }
        }
    }
    assert_eq!(
        differing_buckets, 1,
        "only `<10` has hypotheses under 4 words"
    );

    // Word accuracy by frequency: every count and measure.
    let (ours, theirs) = (
        b["by_frequency"].as_array().unwrap(),
        e["by_frequency"].as_array().unwrap(),
    );
    assert_eq!(ours.len(), 9);
    for (o, x) in ours.iter().zip(theirs) {
        assert_eq!(o["bucket"], x["bucket"]);
        assert_eq!(o["reference_words"], x["reference_words"]);
        for (a, c) in o["systems"]
            .as_array()
            .unwrap()
            .iter()
            .zip(x["systems"].as_array().unwrap())
        {
            assert_eq!(
                (&a["matches"], &a["output_words"]),
                (&c["matches"], &c["output_words"])
            );
            for k in ["recall", "precision", "fmeasure"] {
                close(
                    a[k].as_f64().unwrap(),
                    c[k].as_f64().unwrap(),
                    &format!("{} {k}", o["bucket"]),
                );
            }
        }
    }

    // Characteristic n-grams: the baseline against each system; every listed n-gram's
    // ratio and counts, and the 50 highest and lowest ratios.
    let (ours, theirs) = (
        b["ngrams"].as_array().unwrap(),
        e["ngrams"].as_array().unwrap(),
    );
    assert_eq!(ours.len(), names.len() - 1);
    for (o, x) in ours.iter().zip(theirs) {
        assert_eq!(
            (&o["system_a"], &o["system_b"]),
            (&x["system_a"], &x["system_b"])
        );
        for (list, ratios) in [("a_better", "top_ratios"), ("b_better", "bottom_ratios")] {
            let rows = o[list].as_array().unwrap();
            let got: Vec<f64> = rows.iter().map(|r| r["ratio"].as_f64().unwrap()).collect();
            let want: Vec<f64> = x[ratios]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect();
            assert_eq!(got, want, "{} {list}", o["system_b"]);
            for r in rows {
                let n = r["ngram"].as_str().unwrap();
                let c = &x["ratios"][n];
                assert_eq!(
                    (
                        r["ratio"].as_f64(),
                        r["a_matches"].as_u64(),
                        r["b_matches"].as_u64()
                    ),
                    (c[0].as_f64(), c[1].as_u64(), c[2].as_u64()),
                    "{n}"
                );
            }
        }
    }
}
