#!/usr/bin/env python3
"""Where the time of mteval's Python calls goes (companion of python_vs_peers.py; run by
hand in the same venv, on the same data):

    /tmp/bench-venv/bin/python benches/python_overheads.py

Splits corpus_bleu / corpus_chrf on 100k segments into the Python-side argument checks,
the conversion of the reference strings into Rust (`_mteval.References`), and
`Engine.evaluate` (which converts the hypotheses and scores in parallel); measures the
per-call cost of `sentence_score`; and compares `pairwise_scores` with the same pairs
scored by `sentence_scores` (one hypothesis preparation per pair either way) and with
fastChrF, on 2 threads and on 1 (RAYON_NUM_THREADS is read once per process, so the
1-thread figures come from a child process).
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import python_vs_peers as pvp  # noqa: E402  (data loaders)

import fastchrf  # noqa: E402
from mteval import _mteval  # noqa: E402
from mteval.metrics import BLEU, CHRF  # noqa: E402


def t(fn, runs=5):
    ts = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


def ms(x):
    return f"{x * 1000:.1f} ms"


def main():
    data = "/work/shared/data"
    hyps, refs, _ = pvp.corpus_100k(data)
    mbr, _, _ = pvp.mbr_set(data)
    threads = os.environ.get("RAYON_NUM_THREADS", "default")
    print(f"## threads: {threads}")
    if threads == "default":
        for name, m in [("BLEU", BLEU()), ("chrF", CHRF())]:
            print(f"### corpus {name}, 100k")
            print("whole corpus_score:", ms(t(lambda: m.corpus_score(hyps, [refs]))))
            print("  argument checks:", ms(t(lambda: m._check_corpus_score_args(hyps, [refs]))))
            print("  tokenized-period warning scan:", ms(t(lambda: m._warn_tokenized(hyps))))
            print("  References([refs]) (100k str -> Rust):", ms(t(lambda: _mteval.References([refs]))))
            r = _mteval.References([refs])
            print("  list(hyps):", ms(t(lambda: list(hyps))))
            print("  evaluate(keep=False):", ms(t(lambda: m._engine.evaluate([hyps], r, False))))
            print("  evaluate(keep=True) (what sentence_scores does):",
                  ms(t(lambda: m._engine.evaluate([hyps], r, True))))
            ev = m._engine.evaluate([hyps], r, True)
            print("  segment_scores(0):", ms(t(lambda: ev.segment_scores(0))))
        c = CHRF()
        h1, r1 = hyps[:20000], refs[:20000]
        per = t(lambda: [c.sentence_score(h, [r]) for h, r in zip(h1, r1)], 3) / len(h1)
        print(f"### sentence_score loop: {per * 1e6:.1f} us per call, of which")
        one_r = _mteval.References([[r1[0]]])
        parts = {
            "argument checks": lambda: [c._check_sentence_score_args(h, [r]) for h, r in zip(h1, r1)],
            "References([[r]])": lambda: [_mteval.References([[r]]) for r in r1],
            "evaluate([[h]], refs) (one segment: rayon dispatch)":
                lambda: [c._engine.evaluate([[h]], one_r, False) for h in h1],
            "Evaluated.score -> dict": None,
        }
        ev1 = c._engine.evaluate([[h1[0]]], one_r, False)
        parts["Evaluated.score -> dict"] = lambda: [ev1.score(0) for _ in h1]
        for name, fn in parts.items():
            print(f"  {name}: {t(fn, 3) / len(h1) * 1e6:.1f} us")
    c = CHRF()
    sub = mbr[:200]
    print("### pairwise 32x32, 200 sources (204,800 pairs)")
    print("mteval pairwise_scores:", ms(t(lambda: c.pairwise_scores(sub, sub), 3)))
    print("fastchrf pairwise_chrf:", ms(t(lambda: fastchrf.pairwise_chrf(sub, sub), 3)))
    fh = [h for hs in sub for h in hs for _ in hs]
    fr = [r for hs in sub for _ in hs for r in hs]
    print("mteval sentence_scores on the same 204,800 pairs (hyp and ref prepared per pair):",
          ms(t(lambda: c.sentence_scores(fh, [fr]), 3)))
    hs1 = [[h] for h in fh]
    rs1 = [[r] for r in fr]
    print("mteval pairwise_scores 1x1 on the same pairs:", ms(t(lambda: c.pairwise_scores(hs1, rs1), 3)))
    if threads == "default":
        env = dict(os.environ, RAYON_NUM_THREADS="1")
        sys.stdout.flush()
        subprocess.run([sys.executable, __file__], env=env, check=True)


if __name__ == "__main__":
    main()
