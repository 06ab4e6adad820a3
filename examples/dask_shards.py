#!/usr/bin/env python3
"""Score a corpus in partitions on Dask (local mode), merge, and check the result.

This is the map/reduce recipe of README.md ("Large corpora, shards and `mteval merge`")
run on a real engine:

* map: each partition, a line-aligned slice of the reference(s) and of every system, kept
  together and in order, is written to a temporary directory on the worker and scored
  with `mteval score ... --emit-stats part.jsonl --shard K/N`; the task returns the
  JSON lines of `part.jsonl`.
* reduce: all records go into one file, and `mteval merge FILE --format json` prints the
  report.

Then one single pass, `mteval score ... --format json` over the whole files, must print
the very same bytes; if not, the script exits with status 1 and says so.

Usage (from the repository root; `mteval` from `--mteval`, `$MTEVAL` or `PATH`):

    pip install -r python/requirements-ci.txt     # or just: pip install dask
    python3 examples/dask_shards.py --partitions 4
    python3 examples/dask_shards.py -r ref.en -m bleu,chrf,ter --partitions 8 \\
        --out merged.json Borderline=hyp.Borderline.en Online-W=hyp.Online-W.en

A system is `NAME=PATH` or `PATH` (named after the file, without its last extension).
Names are given to mteval explicitly (`-i NAME=PATH`), so they are the same in every
partition whatever the temporary file names.

Why Dask: `pip install dask` is a pure-Python install (dask and eight small dependencies,
eleven before Python 3.12, all pure Python but PyYAML's optional C speed-ups; pinned in
python/requirements-ci.txt),
it needs no JVM (PySpark) and no cluster daemon (Ray starts one even on a laptop), and its
local `processes` scheduler runs the tasks in separate worker processes, so a task
crosses a process boundary (its arguments and result are pickled) exactly as it would on
a cluster. `dask.distributed.LocalCluster` is not needed for that: it would add a
scheduler process and more packages (tornado, psutil, msgpack, ...). On a cluster, swap `scheduler="processes"` for a `dask.distributed.Client`;
the tasks do not change. Spark's `mapPartitionsWithIndex` and Ray's remote functions work
the same way: map = `score --emit-stats --shard`, reduce = `merge`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import dask

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REF = ROOT / "corpora" / "wmt21-hi-bn" / "ref.bn"
DEFAULT_SYSTEMS = ROOT / "corpora" / "wmt21-hi-bn" / "sys"


def split_lines(data: bytes) -> list[bytes]:
    """Lines of a file, each with its own b"\\n" (the last one may have none).

    Bytes, not text: joining the lines back gives the file exactly (no newline or
    encoding translation), so the partitions hold exactly what the single pass reads.
    """
    lines = data.split(b"\n")
    last = lines.pop()  # b"" after a final newline, else an unterminated last line
    lines = [line + b"\n" for line in lines]
    if last:
        lines.append(last)
    return lines


def partition(streams: list[list[bytes]], n: int) -> list[list[bytes]]:
    """Cuts every stream at the same n - 1 lines: partition k holds, for each stream,
    one contiguous slice (joined into one bytes object), sizes differing by at most one.
    """
    total = len(streams[0])
    cuts = [total * k // n for k in range(n + 1)]
    return [
        [b"".join(stream[cuts[k] : cuts[k + 1]]) for stream in streams]
        for k in range(n)
    ]


def score_partition(
    mteval: str, k: int, n: int, part: list[bytes], nrefs: int, names: list[str],
    options: list[str],
) -> str:
    """The map task: scores partition k of n and returns its statistics (JSON lines).

    Runs in a Dask worker process; `part` is the partition's reference slice(s), then
    one slice per system, in the order of `names`.
    """
    with tempfile.TemporaryDirectory(prefix=f"mteval-part{k}-") as tmp:
        paths = []
        for i, text in enumerate(part):
            path = os.path.join(tmp, f"stream{i}.txt")
            with open(path, "wb") as f:
                f.write(text)
            paths.append(path)
        stats = os.path.join(tmp, "part.jsonl")
        systems = [f"{name}={path}" for name, path in zip(names, paths[nrefs:])]
        cmd = [mteval, "score", "-r", *paths[:nrefs], "-i", *systems, *options,
               "--emit-stats", stats, "--shard", f"{k}/{n}"]
        # The report on stdout is not needed: the statistics file is the result.
        run = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if run.returncode != 0:
            raise RuntimeError(f"partition {k}/{n}: mteval score failed: "
                               f"{run.stderr.decode(errors='replace').strip()}")
        with open(stats, encoding="utf-8") as f:
            return f.read()


def mteval_stdout(cmd: list[str]) -> bytes:
    """Runs an mteval command on the driver; its stdout, or exit 1 with its stderr."""
    run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if run.returncode != 0:
        sys.exit(f"error: {' '.join(cmd[:2])} failed (exit {run.returncode}): "
                 f"{run.stderr.decode(errors='replace').strip()}")
    return run.stdout


def find_mteval(given: str | None) -> str:
    """--mteval PATH, else $MTEVAL, else `mteval` on PATH; an absolute path."""
    wanted = given or os.environ.get("MTEVAL") or "mteval"
    found = shutil.which(wanted)
    if not found:
        sys.exit(f"error: no mteval binary at {wanted!r}: pass --mteval PATH, set MTEVAL, or "
                 "put it on PATH (cargo build --release builds target/release/mteval)")
    return os.path.abspath(found)


def parse_systems(specs: list[str]) -> list[tuple[str, Path]]:
    """`NAME=PATH` or `PATH` (named after the file without its last extension)."""
    systems = []
    for spec in specs:
        name, sep, path = spec.partition("=")
        if not sep:
            name, path = Path(spec).stem, spec
        systems.append((name, Path(path)))
    names = [name for name, _ in systems]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        sys.exit(f"error: system name(s) given twice: {', '.join(repeated)} (use NAME=PATH)")
    return systems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("systems", nargs="*", metavar="[NAME=]SYS",
                    help=f"system outputs (default: {DEFAULT_SYSTEMS.relative_to(ROOT)}/*)")
    ap.add_argument("-r", "--ref", action="append", type=Path,
                    help="a reference file; repeat for several references "
                         f"(default: {DEFAULT_REF.relative_to(ROOT)})")
    ap.add_argument("-m", "--metrics", default="bleu,chrf,ter",
                    help="mteval's -m (default: bleu,chrf,ter)")
    ap.add_argument("-p", "--partitions", type=int, default=4,
                    help="number of partitions, i.e. map tasks (default: 4)")
    ap.add_argument("-w", "--workers", type=int, default=os.cpu_count(),
                    help="Dask worker processes (default: the number of CPUs)")
    ap.add_argument("--mteval", help="the mteval binary (default: $MTEVAL, then PATH)")
    ap.add_argument("--out", type=Path, help="also write the merged JSON report here")
    args = ap.parse_args()

    mteval = find_mteval(args.mteval)
    refs = args.ref or [DEFAULT_REF]
    specs = args.systems or [str(p) for p in sorted(DEFAULT_SYSTEMS.iterdir())]
    systems = parse_systems(specs)
    names = [name for name, _ in systems]
    files = [*refs, *(path for _, path in systems)]
    streams = [split_lines(path.read_bytes()) for path in files]
    segments = len(streams[0])
    for path, stream in zip(files, streams):
        if len(stream) != segments:
            sys.exit(f"error: {path} has {len(stream)} lines, {files[0]} has {segments}")
    if not 1 <= args.partitions <= segments:
        sys.exit(f"error: --partitions must be between 1 and the {segments} segments")
    if args.workers < 1:
        sys.exit("error: --workers must be at least 1")
    n = args.partitions
    workers = min(args.workers, n)
    # mteval scores each block on all cores; with several tasks per machine, share them.
    threads = max(1, (os.cpu_count() or 1) // workers)
    options = ["-m", args.metrics, "--threads", str(threads)]

    # Map: one Dask task per partition, run in worker processes.
    start = time.perf_counter()
    tasks = [
        dask.delayed(score_partition)(mteval, k, n, part, len(refs), names, options)
        for k, part in enumerate(partition(streams, n))
    ]
    try:
        results = dask.compute(*tasks, scheduler="processes", num_workers=workers)
    except RuntimeError as e:  # a failed task's exception, re-raised by Dask
        message = str(e).split("\n\nTraceback")[0]  # Dask appends the worker's traceback
        sys.exit(f"error: {message}")
    map_time = time.perf_counter() - start

    with tempfile.TemporaryDirectory(prefix="mteval-merge-") as tmp:
        # Reduce: every record in one file; merge puts the shards in order by index.
        start = time.perf_counter()
        stats = Path(tmp) / "stats.jsonl"
        stats.write_text("".join(results), encoding="utf-8")
        merged = mteval_stdout([mteval, "merge", str(stats), "--format", "json"])
        reduce_time = time.perf_counter() - start

    # The single pass over the whole files, for comparison.
    start = time.perf_counter()
    single = mteval_stdout(
        [mteval, "score", "-r", *map(str, refs),
         "-i", *(f"{name}={path}" for name, path in systems),
         "-m", args.metrics, "--format", "json"])
    single_time = time.perf_counter() - start

    if args.out:
        args.out.write_bytes(merged)
    records = sum(result.count("\n") for result in results)
    print(f"{segments} segments x {len(systems)} systems ({', '.join(names)}), "
          f"{len(refs)} reference(s), metrics {args.metrics}")
    print(f"dask map:    {n} partition(s) on {workers} worker process(es), "
          f"{records} statistics records, {map_time:.2f} s")
    print(f"merge:       {len(merged)} bytes of JSON, {reduce_time:.2f} s")
    print(f"single pass: {len(single)} bytes of JSON, {single_time:.2f} s")
    if merged != single:
        at = next((i for i, (a, b) in enumerate(zip(merged, single)) if a != b),
                  min(len(merged), len(single)))
        print(f"MISMATCH: the merged report differs from the single pass at byte {at}:\n"
              f"  merged: {merged[max(0, at - 40):at + 40]!r}\n"
              f"  single: {single[max(0, at - 40):at + 40]!r}", file=sys.stderr)
        return 1
    print("OK: merged report is byte-identical to the single pass"
          + (f"; written to {args.out}" if args.out else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
