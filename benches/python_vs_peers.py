#!/usr/bin/env python3
"""Python API benchmark: mteval's Python package against sacreBLEU 2.6.0 and fastChrF 0.2.1.

Run by hand (not in CI), in a venv outside the repository:

    python3 -m venv /tmp/bench-venv
    /tmp/bench-venv/bin/pip install . sacrebleu==2.6.0 fastchrf==0.2.1 numpy
    /tmp/bench-venv/bin/python benches/python_vs_peers.py > /tmp/python-bench.md

Every row is first run once untimed, and its values are compared (exact equality of
scores where both tools compute the same thing; for fastChrF the
largest absolute difference). Then each call is timed several times: the table
gives the median and the minimum wall time (``time.perf_counter``). Options:

    --runs N        timed runs of mteval and fastChrF calls (default 5)
    --peer-runs N   timed runs of sacreBLEU calls (default 2; they take seconds to minutes)
    --mbr-sacre K   sources of the MBR set that sacreBLEU's loop scores (default 10); its
                    time is extrapolated linearly to all 1,000 sources and marked "est."
    --data DIR      the shared WMT data (default /work/shared/data)

Data (real WMT text, nothing synthetic):

* 100k segments: every system output of the WMT21 newstest2021 pairs with Latin-script
  targets (de-en, en-de, ja-en, zh-en: 78 systems, 99,924 segments), each against
  reference A, in pair and system-name order, then the first 76 non-canary lines of
  WMT24 en-cs system outputs (alphabetically first system) against refA to reach
  100,000. TER uses every 20th of these (5,000 segments): sacreBLEU's TER needs about
  40 minutes for all 100k.
* MBR (pairwise chrF, 1,000 sources x 32 hypotheses x the same 32 as pseudo-references):
  no test set here has 32 systems (WMT24 en-de has the most: 26, plus refA and refB).
  Source k uses WMT24 en-de line 1 + (k mod 997) (line 0, the canary, is skipped, so 3
  sources repeat): its 26 system outputs and 2 references are 28 genuine translations of
  that source; the other 4 are the outputs of 4 systems (chosen round-robin) for the next
  line, i.e. translations of the neighbouring paragraph.
"""

import argparse
import importlib.metadata as md
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import fastchrf
import sacrebleu
from sacrebleu.metrics import CHRF as SacreCHRF

import mteval
from mteval.metrics import CHRF


def read_lines(path):
    """A file as the sacreBLEU CLI reads it: split on \\n only, each line rstrip()ed."""
    with open(path, encoding="utf-8", newline="\n") as f:
        text = f.read()
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip() for line in lines]


def corpus_100k(data):
    base = Path(data) / "wmt21-news-systems/txt"
    hyps, refs, parts = [], [], []
    for pair in ["de-en", "en-de", "ja-en", "zh-en"]:
        tgt = pair.split("-")[1]
        ref = read_lines(base / f"references/newstest2021.{pair}.ref.A.{tgt}")
        systems = sorted((base / "system-outputs").glob(f"newstest2021.{pair}.hyp.*.{tgt}"))
        for s in systems:
            h = read_lines(s)
            assert len(h) == len(ref), s
            hyps += h
            refs += ref
        parts.append(f"WMT21 {pair}: {len(systems)} systems x {len(ref)}")
    need = 100_000 - len(hyps)
    w24 = Path(data) / "wmt24-news-systems/txt"
    ref = read_lines(w24 / "references/en-cs.refA.txt")
    first = sorted((w24 / "system-outputs/en-cs").glob("*.txt"))[0]
    hyps += read_lines(first)[1 : 1 + need]
    refs += ref[1 : 1 + need]
    parts.append(f"WMT24 en-cs {first.stem}: {need}")
    assert len(hyps) == len(refs) == 100_000
    return hyps, refs, parts


def mbr_set(data, sources=1000, n=32):
    w24 = Path(data) / "wmt24-news-systems/txt"
    systems = [read_lines(p) for p in sorted((w24 / "system-outputs/en-de").glob("*.txt"))]
    refs = [read_lines(w24 / f"references/en-de.ref{x}.txt") for x in "AB"]
    lines = len(refs[0])
    per_line = systems + refs  # 28 translations of each line
    fill = n - len(per_line)
    out = []
    for k in range(sources):
        line = 1 + k % (lines - 1)
        nxt = 1 + (k + 1) % (lines - 1)
        hyps = [t[line] for t in per_line]
        hyps += [systems[(fill * k + j) % len(systems)][nxt] for j in range(fill)]
        out.append(hyps)
    return out, len(systems), fill


def timed(fn, runs):
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts), min(ts)


def fmt_t(t):
    med, mn = t
    if med >= 100:
        return f"{med:.0f} s (min {mn:.0f})"
    if med >= 1:
        return f"{med:.2f} s (min {mn:.2f})"
    return f"{med * 1000:.1f} ms (min {mn * 1000:.1f})"


def max_abs(a, b):
    return max((abs(x - y) for x, y in zip(a, b)), default=0.0)


def flat(m):
    return [v for per_src in m for row in per_src for v in row]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--peer-runs", type=int, default=2)
    ap.add_argument("--mbr-sacre", type=int, default=10)
    ap.add_argument("--data", default="/work/shared/data")
    ap.add_argument("--only", default="", help="comma list of row keys (debugging)")
    args = ap.parse_args()
    only = set(filter(None, args.only.split(",")))

    def log(*a):
        print(*a, file=sys.stderr, flush=True)

    hyps, refs, parts = corpus_100k(args.data)
    mbr, n_sys, fill = mbr_set(args.data)
    rows = []
    cache = {}  # peer label -> (value, time): a peer shared by two rows runs once

    def row(key, name, n, mt_label, mt_fn, peers, check):
        """Runs mt_fn and each peer once (check), then times them.

        peers: list of (label, fn, runs, scale) where scale multiplies the time
        (extrapolation; the label then says so)."""
        if only and key not in only:
            return
        log(f"[{key}] checking values")
        mt_val = mt_fn()
        peer_vals = [cache[p[0]][0] if p[0] in cache else p[1]() for p in peers]
        checks = check(mt_val, peer_vals)
        log(f"[{key}] {checks}")
        mt_t = timed(mt_fn, args.runs)
        log(f"[{key}] mteval {fmt_t(mt_t)}")
        for (label, fn, runs, scale), chk, val in zip(peers, checks, peer_vals):
            if label in cache:
                t = cache[label][1]
            else:
                t = timed(fn, runs)
                t = (t[0] * scale, t[1] * scale)
                cache[label] = (val, t)
            log(f"[{key}] {label} {fmt_t(t)}")
            rows.append((name, n, mt_label, mt_t, label, t, runs, chk))

    # --- corpus scores ---
    def same_score(a, bs):
        out = []
        for b in bs:
            ok = str(a) == str(b)
            out.append(f"{'equal' if a.score == b.score else 'DIFFERENT'}: {a.score!r}"
                       + ("" if a.score == b.score else f" vs {b.score!r}")
                       + ("" if ok else " (strings differ)"))
        return out

    pr = args.peer_runs
    row("bleu", "corpus BLEU", len(hyps), "`mteval.corpus_bleu`",
        lambda: mteval.corpus_bleu(hyps, [refs]),
        [("`sacrebleu.corpus_bleu`", lambda: sacrebleu.corpus_bleu(hyps, [refs]), pr, 1)],
        same_score)
    row("chrf", "corpus chrF", len(hyps), "`mteval.corpus_chrf`",
        lambda: mteval.corpus_chrf(hyps, [refs]),
        [("`sacrebleu.corpus_chrf`", lambda: sacrebleu.corpus_chrf(hyps, [refs]), pr, 1)],
        same_score)
    row("chrf++", "corpus chrF++", len(hyps), "`mteval.corpus_chrf(word_order=2)`",
        lambda: mteval.corpus_chrf(hyps, [refs], word_order=2),
        [("`sacrebleu.corpus_chrf(word_order=2)`",
          lambda: sacrebleu.corpus_chrf(hyps, [refs], word_order=2), pr, 1)],
        same_score)
    th, tr = hyps[::20], refs[::20]
    row("ter", "corpus TER (every 20th segment)", len(th), "`mteval.corpus_ter`",
        lambda: mteval.corpus_ter(th, [tr]),
        [("`sacrebleu.corpus_ter`", lambda: sacrebleu.corpus_ter(th, [tr]), pr, 1)],
        same_score)

    # --- sentence chrF, 100k pairs ---
    mt_chrf = CHRF()

    def sacre_loop():
        return [sacrebleu.sentence_chrf(h, [r]).score for h, r in zip(hyps, refs)]

    def fast_1x1():
        return [m[0][0] for m in fastchrf.pairwise_chrf([[h] for h in hyps], [[r] for r in refs])]

    def mt_loop():
        return [mt_chrf.sentence_score(h, [r]).score for h, r in zip(hyps, refs)]

    def sent_check(a, bs):
        out = []
        for (label, _, _, _), b in zip(sent_peers, bs):
            if "fastchrf" in label:
                out.append(f"max abs diff {max_abs(a, b):.2g}")
            else:
                diff = sum(x != y for x, y in zip(a, b))
                out.append("all equal" if diff == 0 and len(a) == len(b)
                           else f"{diff} DIFFERENT, max abs diff {max_abs(a, b):.2g}")
        return out

    sent_peers = [
        ("`sacrebleu.sentence_chrf` loop", sacre_loop, pr, 1),
        ("`fastchrf.pairwise_chrf` 1x1 per pair", fast_1x1, args.runs, 1),
    ]
    row("sent", "sentence chrF", len(hyps), "`CHRF().sentence_scores` (batch)",
        lambda: mt_chrf.sentence_scores(hyps, [refs]), sent_peers, sent_check)
    row("sentloop", "sentence chrF", len(hyps), "`CHRF().sentence_score` loop",
        mt_loop, sent_peers, sent_check)

    # --- pairwise chrF for MBR ---
    k = args.mbr_sacre
    sub = mbr[:k]

    def sacre_pairwise(srcs):
        return [[[sacrebleu.sentence_chrf(h, [r]).score for r in hs] for h in hs] for hs in srcs]

    def pw_check(a, bs):
        fa = flat(a)
        out = []
        sac = flat(bs[0])
        mine = flat(mt_chrf.pairwise_scores(sub, sub))
        diff = sum(x != y for x, y in zip(mine, sac))
        out.append(f"first {k} sources ({len(sac)} pairs): "
                   + ("all equal" if diff == 0 else f"{diff} DIFFERENT"))
        out.append(f"max abs diff {max_abs(fa, flat(bs[1])):.2g} over {len(fa)} pairs")
        return out

    scale = len(mbr) / k
    row("mbr", f"pairwise chrF 32x32 (MBR), {len(mbr)} sources", len(mbr) * 32 * 32,
        "`CHRF().pairwise_scores`", lambda: mt_chrf.pairwise_scores(mbr, mbr),
        [(f"`sacrebleu.sentence_chrf` loop, est. from {k} sources x{scale:g}",
          lambda: sacre_pairwise(sub), pr, scale),
         ("`fastchrf.pairwise_chrf`", lambda: fastchrf.pairwise_chrf(mbr, mbr), args.runs, 1)],
        pw_check)

    # --- report ---
    ncpu = os.cpu_count()
    aff = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else ncpu
    print(f"CPUs: {ncpu} (usable by this process: {aff}); "
          f"Python {platform.python_version()} ({platform.machine()}, {platform.system()})")
    print("Versions: " + ", ".join(f"{p} {md.version(p)}" for p in
                                   ["mteval", "sacrebleu", "fastchrf", "numpy"]))
    print(f"Runs: mteval and fastChrF {args.runs}, sacreBLEU {args.peer_runs} "
          "(after one untimed run that checks the values); times are median (min).")
    print("100k corpus: " + "; ".join(parts) + ".")
    print(f"MBR set: WMT24 en-de, {len(mbr)} sources x 32 ({n_sys} systems + refA + refB "
          f"of the source, {fill} system outputs of the next paragraph).")
    print()
    print("| row | n | mteval | time | peer | time | speed-up | value check |")
    print("| --- | ---: | --- | ---: | --- | ---: | ---: | --- |")
    for name, n, ml, mt, pl, pt, _, chk in rows:
        sp = pt[0] / mt[0]
        sp_s = f"{sp:.1f}x" if sp >= 1 else f"**{sp:.2f}x (peer faster)**"
        print(f"| {name} | {n:,} | {ml} | {fmt_t(mt)} | {pl} | {fmt_t(pt)} | {sp_s} | {chk} |")


if __name__ == "__main__":
    main()
