//! Sharded scoring: `mteval score --emit-stats` per shard, then `mteval merge`, must give
//! exactly (byte for byte) the report of one pass; and streaming results must not depend
//! on the thread count.

use std::path::Path;

use crate::util::{assert_one_line_error, root, run, stderr, stdout, write};

const METRICS: &str = "bleu,chrf,chrf++,ter";

fn lines(path: &str) -> Vec<String> {
    std::fs::read_to_string(root().join(path))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// A corpus of `n` segments cycled from the hi-bn sample: two references (the reference
/// and Online-B, so TER's average reference lengths are fractional) and two systems.
fn corpus(n: usize) -> [Vec<String>; 4] {
    let cycle = |v: Vec<String>| -> Vec<String> { v.iter().cycle().take(n).cloned().collect() };
    [
        cycle(lines("corpora/wmt21-hi-bn/ref.bn")),
        cycle(lines("corpora/wmt21-hi-bn/sys/Online-B.bn")),
        cycle(lines("corpora/wmt21-hi-bn/sys/GTCOM.bn")),
        cycle(lines("corpora/wmt21-hi-bn/sys/UEdin.bn")),
    ]
}

const NAMES: [&str; 4] = ["ref1.bn", "ref2.bn", "GTCOM.bn", "UEdin.bn"];

/// Writes segments `range` of every stream into `dir`; returns the four paths.
fn shard(dir: &Path, c: &[Vec<String>; 4], range: std::ops::Range<usize>) -> Vec<String> {
    std::fs::create_dir_all(dir).unwrap();
    c.iter()
        .zip(NAMES)
        .map(|(stream, name)| {
            let mut text = stream[range.clone()].join("\n");
            text.push('\n');
            write(dir, name, text.as_bytes())
        })
        .collect()
}

fn score(files: &[String], nrefs: usize, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["score", "-r"];
    args.extend(files[..nrefs].iter().map(String::as_str));
    args.push("-i");
    args.extend(files[2..].iter().map(String::as_str));
    args.extend(["-m", METRICS]);
    args.extend(extra);
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

#[test]
fn merged_shards_equal_one_pass_exactly() {
    let tmp = tempfile::tempdir().unwrap();
    let c = corpus(5000);
    let whole = shard(&tmp.path().join("whole"), &c, 0..5000);
    // Uneven shards, one of a single segment, one crossing a streaming block boundary.
    let cuts = [0, 1700, 1701, 4500, 5000];
    for nrefs in [1, 2] {
        let mut stats = Vec::new();
        for (k, w) in cuts.windows(2).enumerate() {
            let files = shard(&tmp.path().join(format!("s{k}")), &c, w[0]..w[1]);
            let out = tmp.path().join(format!("s{k}.r{nrefs}.jsonl"));
            let out = out.to_str().unwrap().to_string();
            score(&files, nrefs, &["--emit-stats", &out]);
            stats.push(out);
        }
        for format in ["json", "text"] {
            let single = score(&whole, nrefs, &["-f", format, "-w", "6"]);
            let mut args = vec!["merge"];
            args.extend(stats.iter().map(String::as_str));
            args.extend(["-f", format, "-w", "6"]);
            let merged = run(&args);
            assert!(merged.status.success(), "{}", stderr(&merged));
            assert_eq!(
                stdout(&merged),
                stdout(&single),
                "nrefs {nrefs}, format {format}"
            );
        }
        // Fractional TER statistics (two references) are written per segment.
        let first = std::fs::read_to_string(&stats[0]).unwrap();
        let ter = first
            .lines()
            .find(|l| l.contains("\"kind\":\"ter\""))
            .unwrap();
        assert_eq!(ter.contains("per_segment"), nrefs == 2, "{ter}");
    }
}

#[test]
fn stats_records_are_versioned_and_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let c = corpus(50);
    let files = shard(tmp.path(), &c, 0..50);
    let out = tmp.path().join("s.jsonl").to_str().unwrap().to_string();
    score(&files, 1, &["--emit-stats", &out]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 8, "2 systems x 4 metrics");
    for l in text.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert_eq!(v["mteval_stats"], 2);
        assert_eq!(v["segments"], 50);
        assert_eq!(v["digest"].as_str().unwrap().len(), 32);
        assert!(v["signature"].as_str().unwrap().starts_with("nrefs:1|"));
    }
    let bad = write(
        tmp.path(),
        "v1.jsonl",
        text.replace("\"mteval_stats\":2", "\"mteval_stats\":1")
            .as_bytes(),
    );
    assert_one_line_error(&run(&["merge", &bad]), &["v1.jsonl:1:", "schema version 1"]);
    let other = write(
        tmp.path(),
        "other.jsonl",
        text.replace("nc:6", "nc:5").as_bytes(),
    );
    assert_one_line_error(
        &run(&["merge", &out, &other]),
        &["other.jsonl:", "signature"],
    );
    // A second shard scored for one system only leaves the segment counts unequal.
    let files2 = shard(&tmp.path().join("b"), &c, 10..20);
    let out2 = tmp.path().join("s2.jsonl").to_str().unwrap().to_string();
    score(&files2, 1, &["--emit-stats", &out2]);
    let one: String = std::fs::read_to_string(&out2)
        .unwrap()
        .lines()
        .filter(|l| l.contains("\"system\":\"GTCOM\""))
        .map(|l| format!("{l}\n"))
        .collect();
    let one = write(tmp.path(), "one.jsonl", one.as_bytes());
    assert_one_line_error(&run(&["merge", &out, &one]), &["segment counts differ"]);
}

/// See: issue 10, "`merge` accepts what cannot be one corpus".
#[test]
fn repeated_missing_and_impossible_shards_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let c = corpus(300);
    let whole = shard(&tmp.path().join("whole"), &c, 0..300);
    let cuts = [0, 100, 200, 300];
    let mut plain = Vec::new();
    let mut numbered = Vec::new();
    for (k, w) in cuts.windows(2).enumerate() {
        let files = shard(&tmp.path().join(format!("s{k}")), &c, w[0]..w[1]);
        let p = tmp
            .path()
            .join(format!("p{k}.jsonl"))
            .to_str()
            .unwrap()
            .to_string();
        score(&files, 1, &["--emit-stats", &p]);
        plain.push(p);
        let n = tmp
            .path()
            .join(format!("n{k}.jsonl"))
            .to_str()
            .unwrap()
            .to_string();
        score(
            &files,
            1,
            &["--emit-stats", &n, "--shard", &format!("{k}/3")],
        );
        numbered.push(n);
    }
    let merge = |files: &[&String]| {
        let mut args = vec!["merge"];
        args.extend(files.iter().map(|s| s.as_str()));
        run(&args)
    };
    let single = stdout(&score(&whole, 1, &[]));
    // The issue's example: the same shard file twice.
    assert_one_line_error(
        &merge(&[&plain[0], &plain[0], &plain[1], &plain[2]]),
        &[
            "p0.jsonl:1 (file 2 given) repeats the shard of",
            "p0.jsonl:1 (file 1 given)",
            "same content digest",
        ],
    );
    // Numbered shards are put in order by merge, and gaps and repeats are named.
    let m = merge(&[&numbered[2], &numbered[0], &numbered[1]]);
    assert_eq!(stdout(&m), single, "{}", stderr(&m));
    assert_one_line_error(
        &merge(&[&numbered[0], &numbered[2]]),
        &["shard 1/3", "is missing"],
    );
    assert_one_line_error(
        &merge(&[&numbered[0], &numbered[1]]),
        &["shard 2/3", "is missing"],
    );
    assert_one_line_error(
        &merge(&[&numbered[0], &numbered[1], &numbered[1], &numbered[2]]),
        &["repeats shard 1/3"],
    );
    assert_one_line_error(
        &merge(&[&numbered[0], &plain[1]]),
        &["--shard K/N, or none"],
    );
    let bad_shard = run(&[
        "score",
        "-r",
        &whole[0],
        "-i",
        &whole[2],
        "--emit-stats",
        "x.jsonl",
        "--shard",
        "3/3",
    ]);
    assert_one_line_error(&bad_shard, &["invalid --shard '3/3'"]);
    // Impossible values: each one line, naming the file and line.
    let text = std::fs::read_to_string(&plain[0]).unwrap();
    let first_bleu = text
        .lines()
        .find(|l| l.contains("\"kind\":\"bleu\""))
        .unwrap()
        .to_string();
    let first_chrf = text
        .lines()
        .find(|l| l.contains("\"kind\":\"chrf\""))
        .unwrap()
        .to_string();
    let first_ter = text
        .lines()
        .find(|l| l.contains("\"kind\":\"ter\""))
        .unwrap()
        .to_string();
    let v: serde_json::Value = serde_json::from_str(&first_bleu).unwrap();
    let hyp_len = v["sum"]["hyp_len"].to_string();
    let edit = |line: &str, f: &dyn Fn(&mut serde_json::Value)| -> String {
        let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
        f(&mut v);
        v.to_string()
    };
    let cases: Vec<(String, &str)> = vec![
        (
            first_bleu.replace(&format!("\"hyp_len\":{hyp_len}"), "\"hyp_len\":NaN"),
            "not a statistics record",
        ),
        (
            first_bleu.replace(&format!("\"hyp_len\":{hyp_len}"), "\"hyp_len\":-3"),
            "not a statistics record",
        ),
        (
            first_bleu.replace(&format!("\"hyp_len\":{hyp_len}"), "\"hyp_len\":1e999"),
            "not a statistics record",
        ),
        (
            edit(&first_bleu, &|v| {
                v["sum"]["matches"][0] = (1u64 << 40).into()
            }),
            "impossible BLEU statistics",
        ),
        (
            edit(&first_ter, &|v| v["sum"]["edits"] = (-1.0).into()),
            "impossible TER statistics",
        ),
        (
            first_ter.replace("\"edits\":", "\"edits\":1e999,\"x\":"),
            "not a statistics record",
        ),
        (
            edit(&first_chrf, &|v| {
                let s = v["signature"]
                    .as_str()
                    .unwrap()
                    .replace("nc:6", "nc:10000000000");
                v["signature"] = s.into();
            }),
            "out of range",
        ),
        (
            edit(&first_chrf, &|v| {
                v["sum"]
                    .as_array_mut()
                    .unwrap()
                    .push(serde_json::json!([1, 1, 1]))
            }),
            "orders but the signature says",
        ),
        (
            edit(&first_chrf, &|v| v["sum"][0][2] = (u64::MAX).into()),
            "impossible chrF statistics",
        ),
        (
            edit(&first_bleu, &|v| v["segments"] = 0.into()),
            "0 segments",
        ),
    ];
    for (line, needle) in cases {
        let f = write(tmp.path(), "bad.jsonl", format!("{line}\n").as_bytes());
        assert_one_line_error(&merge(&[&f]), &["bad.jsonl:1:", needle]);
    }
    // Counts that each make sense but overflow when added.
    let huge = edit(&first_bleu, &|v| {
        for k in ["hyp_len", "ref_len"] {
            v["sum"][k] = (u64::MAX - 1).into();
        }
        let n = u64::MAX - 1;
        v["sum"]["totals"] = serde_json::json!([n, n - 100, n - 200, n - 300]);
        v["sum"]["matches"] = serde_json::json!([0, 0, 0, 0]);
    });
    let huge2 = edit(&huge, &|v| v["digest"] = "00".into());
    let f = write(
        tmp.path(),
        "huge.jsonl",
        format!("{huge}\n{huge2}\n").as_bytes(),
    );
    assert_one_line_error(&merge(&[&f]), &["huge.jsonl:2:", "overflow"]);
    // Invalid UTF-8 names its line.
    let f = write(
        tmp.path(),
        "u.jsonl",
        &[text.as_bytes(), b"\xff\n"].concat(),
    );
    assert_one_line_error(&merge(&[&f]), &["u.jsonl:9: invalid UTF-8"]);
}

#[test]
fn streaming_does_not_depend_on_threads_or_kept_statistics() {
    let tmp = tempfile::tempdir().unwrap();
    // More than two streaming blocks of 4096 segments.
    let c = corpus(9000);
    let files = shard(tmp.path(), &c, 0..9000);
    let one = score(&files, 2, &["-f", "json", "--threads", "1"]);
    let many = score(&files, 2, &["-f", "json", "--threads", "3"]);
    let default = score(&files, 2, &["-f", "json"]);
    assert_eq!(one.stdout, many.stdout);
    assert_eq!(one.stdout, default.stdout);
    // Keeping per-segment statistics (sentence level) gives the same corpus scores.
    let kept: serde_json::Value =
        serde_json::from_slice(&score(&files, 2, &["-f", "json", "--sentence-level"]).stdout)
            .unwrap();
    let streamed: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    let scores = |v: &serde_json::Value| -> Vec<serde_json::Value> {
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["score"].clone())
            .collect()
    };
    assert_eq!(scores(&kept), scores(&streamed));
}
