#!/usr/bin/env python3
"""WMT24 en-hi ESA human scores as an external metric: the test slice and its expected values.

Writes `tests/data/external/wmt24-en-hi-esa/`:

* `refA.hi.gz` and `sys/<SYSTEM>.hi.gz`: the 297 segments of WMT24 en-hi that ESA annotators
  scored for every system (the same lines for all 11 annotated systems), for 4 systems;
* `esa/<SYSTEM>.txt`: each segment's ESA score (0..100), one per line: the mean over the
  annotations of that segment (a few segments were annotated twice), written with `repr`;
* `expected.json`: computed here with numpy, independently of mteval, as sacreBLEU's
  significance code would treat a metric whose statistics are `[score, 1]` and whose score
  of summed statistics is `s[0] / s[1]` (`significance.py`, sacreBLEU 2.6.0):
  - `mean`: the corpus score, sum in segment order / n (float64);
  - `ci` (`-ci`, 1000 resamples, seed 12345): `idx = default_rng(seed).choice(n, (1000, n))`,
    float32 statistics, `_s.sum(0)` and its score for every resample, then `estimate_ci`:
    numpy sort, bounds at `n // 40`, numpy mean (of float32 scores: a float32);
  - `paired_bs` (1000 resamples): p of each system against the first (GPT-4), as
    `_paired_bs_test`: `diff = |score_bl - score_sys|` (float64), `d = |s_sys - s_bl|`,
    `p = (count(d - mean(d) > diff) + 1) / 1001`, and each system's mean and interval;
  - `paired_ar` (10,000 trials), as `_paired_ar_test`: `pos = default_rng(seed).integers(2,
    size=(R, n), dtype=bool)`, pseudo-systems `pos @ bl + ~pos @ sys` (float64),
    `p = (count(|a - b| > diff) + 1) / (R + 1)` (sacreBLEU's, `--sacrebleu-p-values`), and
    with ties counted (`>=`, mteval's default; see `src/significance/mod.rs`).

Lines are read as the sacreBLEU CLI reads them (split on `\\n` only, `rstrip()`); ESA rows as
`../shared/data/README.md` says: no header; skip rows whose doc_id contains `tutorial` or ends in
`#bad`/`#dup`/`#incomplete`, and rows with tgt_type `BAD`; line = line_id + 1 (line_id 0 is
the canary line).

Usage: python3 scripts/external_esa.py [SHARED_DATA]   (default ../shared/data)
Needs numpy (2.x). Run by hand; nothing runs it at build or test time.
"""

import collections
import csv
import gzip
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SYSTEMS = ["GPT-4", "ONLINE-B", "IKUN-C", "Llama3-70B"]  # the first is the baseline
SEED = 12345


def lines(path):
    with open(path, encoding="utf-8", newline="\n") as f:
        text = f.read()
    out = text.split("\n")
    if out and out[-1] == "":
        out.pop()
    return [l.rstrip() for l in out]


def esa_scores(data):
    by = collections.defaultdict(lambda: collections.defaultdict(list))
    for wave in (2, 3):
        path = data / f"wmt24-news-systems/humeval/esa_generalMT2024_wave{wave}.csv"
        with open(path, encoding="utf-8", newline="") as f:
            for r in csv.reader(f):
                if (r[4], r[5]) != ("eng", "hin"):
                    continue
                doc = r[7]
                if "tutorial" in doc or doc.endswith(("#bad", "#dup", "#incomplete")) or r[3] == "BAD":
                    continue
                by[r[1]][int(r[2])].append(float(r[6]))
    return by


def score(s):
    return s[0] / s[1]


def estimate_ci(scores):
    # significance.py::estimate_ci: numpy sort, bounds at n // 40, numpy mean.
    scores = np.sort(np.array(scores))
    n = len(scores)
    lower_idx = n // 40
    lower, upper = scores[lower_idx], scores[n - lower_idx - 1]
    return float(scores.mean()), float(0.5 * (upper - lower))


def resampled(stats32, idx):
    # _bootstrap_resample / _paired_bs_test: `_compute_score_from_stats(_s.sum(0))` for every
    # resample of the float32 statistics; the score of [sum, n] is sum / n (a float32).
    return [score(_s.sum(0)) for _s in stats32[idx]]


def main():
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data"
    by = esa_scores(data)
    common = sorted(set.intersection(*(set(by[s]) for s in SYSTEMS)))
    out = ROOT / "tests/data/external/wmt24-en-hi-esa"
    (out / "sys").mkdir(parents=True, exist_ok=True)
    (out / "esa").mkdir(parents=True, exist_ok=True)
    txt = data / "wmt24-news-systems/txt"
    ref = lines(txt / "references/en-hi.refA.txt")

    def write_gz(path, selected):
        with gzip.GzipFile(path, "wb", mtime=0) as f:
            f.write("".join(l + "\n" for l in selected).encode("utf-8"))

    write_gz(out / "refA.hi.gz", [ref[i] for i in common])
    scores = {}
    for s in SYSTEMS:
        hyp = lines(txt / f"system-outputs/en-hi/{s}.txt")
        write_gz(out / f"sys/{s}.hi.gz", [hyp[i] for i in common])
        scores[s] = [sum(by[s][i]) / len(by[s][i]) for i in common]
        with open(out / f"esa/{s}.txt", "w", encoding="utf-8") as f:
            f.write("".join(repr(x) + "\n" for x in scores[s]))

    n = len(common)
    f64 = {s: np.array([[x, 1.0] for x in scores[s]], dtype=np.float64) for s in SYSTEMS}
    f32 = {s: v.astype(np.float32) for s, v in f64.items()}
    # Corpus score: sum in segment order (a Python loop, as one pass adds them).
    mean = {s: sum(scores[s]) / n for s in SYSTEMS}

    idx = np.random.default_rng(SEED).choice(n, size=(1000, n), replace=True)
    ci = {}
    for s in SYSTEMS:
        mu, half = estimate_ci(resampled(f32[s], idx))
        ci[s] = {"mean": mu, "ci": half}

    base = SYSTEMS[0]
    bl = np.array(resampled(f32[base], idx))
    paired_bs = {}
    for s in SYSTEMS[1:]:
        # _paired_bs_test, with the same indices for every system (one fresh RNG each).
        sys_scores = np.array(resampled(f32[s], idx))
        diff = abs(mean[base] - mean[s])
        mu, half = estimate_ci(sys_scores)
        sample_diffs = np.abs(sys_scores - bl)
        stats = sample_diffs - sample_diffs.mean()
        p = (int(np.sum(stats > diff)) + 1) / (len(stats) + 1)
        paired_bs[s] = {"p_value": p, "mean": mu, "ci": half}

    trials = 10000
    pos_sel = np.random.default_rng(SEED).integers(2, size=(trials, n), dtype=bool)
    neg_sel = ~pos_sel
    paired_ar = {}
    for s in SYSTEMS[1:]:
        # _paired_ar_test: pseudo-systems by matrix products of the masks and the float64
        # statistics, each scored as sum / n.
        diff = abs(mean[base] - mean[s])
        shuf_a = pos_sel @ f64[base] + neg_sel @ f64[s]
        shuf_b = neg_sel @ f64[base] + pos_sel @ f64[s]
        sa, sb = shuf_a[:, 0] / shuf_a[:, 1], shuf_b[:, 0] / shuf_b[:, 1]
        stats = np.abs(sa - sb)
        p = (int(np.sum(stats > diff)) + 1) / (len(stats) + 1)
        # mteval's default counts ties as at least as extreme (`>=`; the unswapped trial
        # ties the observed difference); sacreBLEU's `>` is `--sacrebleu-p-values`.
        ties = (int(np.sum(stats >= diff)) + 1) / (len(stats) + 1)
        paired_ar[s] = {"p_value_sacrebleu": p, "p_value_ties": ties}

    expected = {
        "segments": n,
        "lines": [i + 1 for i in common],
        "systems": SYSTEMS,
        "seed": SEED,
        "mean": mean,
        "ci_1000": ci,
        "paired_bs_1000": paired_bs,
        "paired_ar_10000": paired_ar,
        "numpy": np.__version__,
    }
    with open(out / "expected.json", "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")
    print(f"{n} segments; means: " + ", ".join(f"{s} {mean[s]:.4f}" for s in SYSTEMS))


if __name__ == "__main__":
    main()
