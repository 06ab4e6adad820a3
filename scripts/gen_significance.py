#!/usr/bin/env python3
"""Golden values for mteval's significance tests, produced by sacreBLEU 2.6.0's own API.

Usage (from the repository root; numpy 2.x, sacrebleu==2.6.0; the inputs are found from the
script's own location, the JSON goes to standard output):

    python3 scripts/gen_significance.py [SACREBLEU_TESTS_DIR] > tests/data/significance/expected.json

* `wmt21`: the first 500 lines of four WMT21 en-de systems (committed in
  tests/data/significance/, from newstest2021.en-de.{ref.A,hyp.*}.de) plus an identical copy of
  the baseline, for BLEU, chrF and chrF++:
  - `ci`: `metric.corpus_score(hyps, [ref], n_bootstrap=B)` (sacreBLEU's `-ci`), seeds 12345 / 0 / 1;
  - `bs` / `ar`: `sacrebleu.significance.PairedTest` with test_type 'bs' (n=1000) and 'ar' (n=10000).
* `wmt17`: the 15 cases of sacreBLEU's test/test_significance.py (BLEU, tokenize='none',
  paired bs n=2000 and ar n=10000, baseline LIUM-NMT), read from SACREBLEU_TESTS_DIR
  (default ../shared/data/sacrebleu-tests/wmt17-en-de-systems relative to the repository root);
  too large to commit.

Floats are written as strings holding Python's repr(): serde_json's default float parser is
not correctly rounded (it lacks the `float_roundtrip` feature) and would be 1 ulp off in places,
whereas Rust's `str::parse::<f64>` is exact.
"""
import json
import os
import sys

import numpy as np
import sacrebleu
from sacrebleu.metrics import BLEU, CHRF
from sacrebleu.significance import PairedTest

assert sacrebleu.__version__ == "2.6.0", sacrebleu.__version__

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIG = os.path.join(ROOT, "tests", "data", "significance")
WMT17 = (sys.argv[1] if len(sys.argv) > 1
         else os.path.join(ROOT, "..", "shared", "data", "sacrebleu-tests", "wmt17-en-de-systems"))


def read(path):
    with open(path, encoding="utf-8", newline="\n") as f:
        return [line.rstrip("\n") for line in f]


def f(x):
    return None if x is None else repr(float(x))


def metrics_wmt21():
    return {
        "BLEU": lambda: BLEU(),
        "chrF2": lambda: CHRF(),
        "chrF2++": lambda: CHRF(word_order=2),
    }


def ci_case(metric_name, make, system, hyps, ref, n, seed):
    os.environ["SACREBLEU_SEED"] = str(seed)
    score = make().corpus_score(hyps, [ref], n_bootstrap=n)
    return {
        "kind": "ci", "metric": metric_name, "system": system, "n": n, "seed": seed,
        "score": f(score.score), "mean": f(score._mean), "ci": f(score._ci),
    }


def paired_case(metric_name, make, named, ref, test, n, seed):
    os.environ["SACREBLEU_SEED"] = str(seed)
    metric = make()
    # PairedTest uses the metric's reference cache, as the CLI does.
    metric._ref_cache = metric._cache_references([ref])
    _, scores = PairedTest(named, {metric_name: metric}, None, test_type=test, n_samples=n)()
    key = [k for k in scores if k != "System"][0]
    return {
        "kind": test, "metric": metric_name, "n": n, "seed": seed,
        "systems": [name for name, _ in named],
        "results": [
            {"score": f(r.score), "p_value": f(r.p_value), "mean": f(r.mean), "ci": f(r.ci)}
            for r in scores[key]
        ],
    }


def main():
    out = {"sacrebleu": sacrebleu.__version__, "numpy": np.__version__}
    ref = read(os.path.join(SIG, "ref.A.de"))
    names = ["Facebook-AI", "Online-W", "UEdin", "VolcTrans-GLAT"]
    hyps = {n: read(os.path.join(SIG, f"hyp.{n}.de")) for n in names}
    named = [(n, hyps[n]) for n in names] + [("copy-of-Facebook-AI", hyps["Facebook-AI"])]
    cases = []
    for mname, make in metrics_wmt21().items():
        for sys_name in names:
            cases.append(ci_case(mname, make, sys_name, hyps[sys_name], ref, 1000, 12345))
        cases.append(ci_case(mname, make, "UEdin", hyps["UEdin"], ref, 1000, 0))
        cases.append(ci_case(mname, make, "Online-W", hyps["Online-W"], ref, 200, 1))
        cases.append(paired_case(mname, make, named, ref, "bs", 1000, 12345))
        cases.append(paired_case(mname, make, named, ref, "ar", 10000, 12345))
        cases.append(paired_case(mname, make, named[:3], ref, "bs", 300, 42))
        cases.append(paired_case(mname, make, named[:3], ref, "ar", 500, 42))
    out["wmt21"] = cases

    # Option variants on short slices (8 and 60 segments) so that zero-match orders, the
    # smoothing branches and chrF's epsilon smoothing occur inside resamples.
    variants = {
        "BLEU-floor": lambda: BLEU(smooth_method="floor"),
        "BLEU-add-k": lambda: BLEU(smooth_method="add-k"),
        "BLEU-none": lambda: BLEU(smooth_method="none"),
        "BLEU-eff": lambda: BLEU(effective_order=True),
        "chrF-eps": lambda: CHRF(eps_smoothing=True),
        "chrF-b3-nw1": lambda: CHRF(beta=3, word_order=1),
    }
    vcases = []
    for mname, make in variants.items():
        for lines in (8, 60):
            sub = [(n, hyps[n][:lines]) for n in names[:3]]
            c = ci_case(mname, make, "UEdin", hyps["UEdin"][:lines], ref[:lines], 1000, 12345)
            c["lines"] = lines
            vcases.append(c)
            c = paired_case(mname, make, sub, ref[:lines], "bs", 1000, 12345)
            c["lines"] = lines
            vcases.append(c)
            if mname != "BLEU-add-k":  # sacreBLEU's AR crashes with add-k (in-place float add on int64)
                c = paired_case(mname, make, sub, ref[:lines], "ar", 2000, 12345)
                c["lines"] = lines
                vcases.append(c)
    out["variants"] = vcases

    if os.path.isdir(WMT17):
        files = sorted(p for p in os.listdir(WMT17) if p.startswith("newstest2017.") and p.endswith(".en-de"))
        baseline = "newstest2017.LIUM-NMT.4900.en-de"
        order = [baseline] + [p for p in files if p != baseline]
        ref17 = read(os.path.join(WMT17, "newstest2017-ende-ref.de"))
        named17 = [(p, read(os.path.join(WMT17, p))) for p in order]
        make = lambda: BLEU(tokenize="none")
        out["wmt17"] = [
            paired_case("BLEU", make, named17, ref17, "bs", 2000, 12345),
            paired_case("BLEU", make, named17, ref17, "ar", 10000, 12345),
        ]
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
