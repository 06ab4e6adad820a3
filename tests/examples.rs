//! The runnable examples in `examples/` run and check what they claim:
//! `examples/dask_shards.py` scores the shipped corpus in partitions on Dask (local
//! `processes` scheduler), merges, and must find the merged report byte-identical to a
//! single pass, for even, uneven and single partitionings.
//!
//! Without Python or Dask (`python3 -c "import dask"` fails) these tests print a note and
//! pass, unless `MTEVAL_REQUIRE_PYTHON=1` (CI, which installs `python/requirements-ci.txt`):
//! then they fail.

use std::path::Path;
use std::process::{Command, Output};

use crate::util::{bin, root, run, stdout, write};

const EXAMPLE: &str = "examples/dask_shards.py";
const OK: &str = "OK: merged report is byte-identical to the single pass";

/// Whether `python3` can import Dask; a note (or, if required, a panic) when it cannot.
fn dask_available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import dask"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var("MTEVAL_REQUIRE_PYTHON").as_deref() == Ok("1") {
            panic!(
                "python3 cannot import dask and MTEVAL_REQUIRE_PYTHON=1 \
                 (pip install -r python/requirements-ci.txt)"
            );
        }
        eprintln!(
            "note: python3 with dask not available; {EXAMPLE} test skipped \
             (pip install -r python/requirements-ci.txt)"
        );
    }
    ok
}

/// Runs the example from the crate root with `mteval` given by `mteval` and `args`.
fn example(mteval: &str, args: &[&str]) -> Output {
    Command::new("python3")
        .arg(EXAMPLE)
        .args(["--mteval", mteval])
        .args(args)
        .current_dir(root())
        .output()
        .expect("python3 runs")
}

fn assert_ok(o: &Output, what: &str) {
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        o.status.success(),
        "{what}: exit {:?}; stderr: {err}",
        o.status
    );
    assert!(stdout(o).contains(OK), "{what}: stdout {:?}", stdout(o));
}

#[test]
fn dask_partitions_merge_to_the_single_pass() {
    if !dask_available() {
        return;
    }
    // Even, uneven (200 lines in 7 partitions of 28 or 29) and a single partition.
    for partitions in ["4", "7", "1"] {
        let o = example(bin(), &["--partitions", partitions]);
        assert_ok(&o, &format!("--partitions {partitions}"));
    }
}

/// Two references (TER's per-segment statistics path), named systems, chrF++ and
/// `--out`; the written report is also checked against `mteval score` run here.
#[test]
fn dask_example_with_two_references_writes_the_single_pass_report() {
    if !dask_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("merged.json");
    let out = out.to_str().unwrap();
    let (ref1, ref2) = (
        "corpora/wmt21-hi-bn/ref.bn",
        "corpora/wmt21-hi-bn/sys/Online-B.bn",
    );
    let (a, b) = (
        "A=corpora/wmt21-hi-bn/sys/GTCOM.bn",
        "B=corpora/wmt21-hi-bn/sys/UEdin.bn",
    );
    let metrics = "bleu,chrf,chrf++,ter";
    let o = example(
        bin(),
        &[
            "-r", ref1, "-r", ref2, "-m", metrics, "-p", "6", "--out", out, a, b,
        ],
    );
    assert_ok(&o, "two references");
    let single = run(&[
        "score", "-r", ref1, ref2, "-i", a, b, "-m", metrics, "--format", "json",
    ]);
    assert!(single.status.success());
    assert_eq!(std::fs::read(out).unwrap(), single.stdout);
}

/// The comparison is not vacuous: an `mteval` whose merge output differs by one byte
/// makes the example fail with exit status 1 and say so.
#[test]
fn dask_example_reports_a_mismatch() {
    if !dask_available() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let script = format!(
        "#!/bin/sh\nif [ \"$1\" = merge ]; then '{}' \"$@\" | sed 's/GTCOM/GTCOm/'; \
         else exec '{}' \"$@\"; fi\n",
        bin(),
        bin()
    );
    let fake = write(tmp.path(), "mteval", script.as_bytes());
    make_executable(Path::new(&fake));
    let o = example(&fake, &["--partitions", "3"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "stderr: {err}");
    assert!(err.contains("MISMATCH"), "stderr: {err}");
    assert!(!stdout(&o).contains(OK));
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}
