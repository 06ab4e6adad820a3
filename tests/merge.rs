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
        assert_eq!(v["mteval_stats"], 1);
        assert_eq!(v["segments"], 50);
        assert!(v["signature"].as_str().unwrap().starts_with("nrefs:1|"));
    }
    let bad = write(
        tmp.path(),
        "v2.jsonl",
        text.replace("\"mteval_stats\":1", "\"mteval_stats\":2")
            .as_bytes(),
    );
    assert_one_line_error(&run(&["merge", &bad]), &["schema version 2"]);
    let other = write(
        tmp.path(),
        "other.jsonl",
        text.replace("nc:6", "nc:5").as_bytes(),
    );
    assert_one_line_error(&run(&["merge", &out, &other]), &["signature"]);
    // A shard scored for one system only leaves the segment counts unequal.
    let one: String = text
        .lines()
        .filter(|l| l.contains("\"system\":\"GTCOM\""))
        .map(|l| format!("{l}\n"))
        .collect();
    let one = write(tmp.path(), "one.jsonl", one.as_bytes());
    assert_one_line_error(&run(&["merge", &out, &one]), &["segment counts differ"]);
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
