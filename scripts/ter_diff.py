#!/usr/bin/env python3
"""Differential test data for mteval's TER against sacreBLEU 2.6.0 (not run by CI).

Generates seeded random (hypothesis, references) segments -- real WMT21 system outputs
against their references, perturbed references (block moves, deletions, insertions,
substitutions, case and punctuation changes), long segments of 80-200 tokens, tiny-vocab
segments with many repeated words (which exhaust the 1000-candidate cap), extreme length
ratios (which widen the beam), CJK / Japanese / Bengali / Devanagari text, and empty
strings -- then scores each one with sacreBLEU's TER under all 16 combinations of
(normalized, no_punct, asian_support, case_sensitive) and writes JSON:

    {"cases": [{"hyp": str, "refs": [str, ...],
                "results": [[flags, edits, ref_len], ... 16 entries]}, ...]}

where flags = 8*normalized + 4*no_punct + 2*asian_support + case_sensitive, edits is
sacreBLEU's segment edit count and ref_len its average reference length.

The Rust unit test `metrics::ter::tests::sacrebleu_cases` reads tests/data/ter_cases.json
(or the file named by the TER_CASES environment variable) and checks every entry.

Usage (from the repository root; --out defaults to tests/data/ter_cases.json in the repository
and --data to ../shared/data/wmt21-news-systems/txt relative to it, whatever the current directory):
    python3 scripts/ter_diff.py --n 300 --seed 1 --out tests/data/ter_cases.json
    python3 scripts/ter_diff.py --n 3000 --seed 2 --sample --out /tmp/ter_big.json
    TER_CASES=/tmp/ter_big.json cargo test --release --lib sacrebleu_cases
"""

import argparse
import itertools
import json
import multiprocessing
import os
import random

from sacrebleu.metrics import TER

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data", "wmt21-news-systems", "txt")
FLAGS = list(itertools.product([False, True], repeat=4))


def read(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f]


def load():
    """Parallel (hyps per system, refs) for a few language pairs."""
    pairs = {}
    for pair, tgt, refname, sysnames in [
        ("en-de", "de", "newstest2021.en-de.ref.A.de", ["Facebook-AI", "Online-W", "UEdin"]),
        ("en-zh", "zh", "newstest2021.en-zh.ref.A.zh", ["Facebook-AI", "HuaweiTSC"]),
        ("en-ja", "ja", "newstest2021.en-ja.ref.A.ja", ["Facebook-AI", "Online-B"]),
        ("bn-hi", "hi", "florestest2021.bn-hi.ref.A.hi", ["GTCOM", "Online-A"]),
    ]:
        prefix = "florestest2021" if pair == "bn-hi" else "newstest2021"
        refs = read(os.path.join(DATA, "references", refname))
        hyps = []
        for s in sysnames:
            p = os.path.join(DATA, "system-outputs", f"{prefix}.{pair}.hyp.{s}.{tgt}")
            if os.path.exists(p):
                hyps.append(read(p))
        pairs[pair] = (hyps, refs)
    extra = {}
    for name in ["newstest2021.en-de.ref.C.de", "newstest2021.en-zh.ref.B.zh",
                 "florestest2021.hi-bn.ref.A.bn"]:
        p = os.path.join(DATA, "references", name)
        if os.path.exists(p):
            extra[name] = read(p)
    return pairs, extra


PUNCT = [",", ".", "!", "?", ":", ";", "\"", "(", ")", "'s", "-", "&amp;", "&quot;", "。", "，", "、",
         "！", "？", "「", "」", "（", "）", "・", "।"]


def perturb(rng, toks, vocab, strength):
    """Block moves, deletions, insertions, substitutions, case and punctuation noise."""
    toks = list(toks)
    for _ in range(rng.randint(0, 4 if strength else 2)):
        if len(toks) < 2:
            break
        ln = rng.randint(1, min(8, len(toks) - 1))
        s = rng.randrange(0, len(toks) - ln + 1)
        block = toks[s:s + ln]
        del toks[s:s + ln]
        t = max(0, min(len(toks), s + rng.randint(-60, 60)))
        toks[t:t] = block
    out = []
    for w in toks:
        r = rng.random()
        if r < 0.06 * strength:
            continue
        if r < 0.12 * strength:
            out.append(rng.choice(vocab))
        else:
            out.append(w)
        if rng.random() < 0.04 * strength:
            out.append(rng.choice(vocab))
        if rng.random() < 0.03:
            out[-1] = out[-1].upper() if rng.random() < 0.5 else out[-1].title()
        if rng.random() < 0.03:
            out[-1] = out[-1] + rng.choice(PUNCT)
    return out


def make_cases(n, seed):
    rng = random.Random(seed)
    pairs, extra = load()
    de_hyps, de_refs = pairs["en-de"]
    vocab_de = sorted({w for line in de_refs[:500] for w in line.split()})
    cases = []
    while len(cases) < n:
        kind = rng.random()
        if kind < 0.25:
            # real system output vs reference(s)
            pair = rng.choice(list(pairs))
            hyps, refs = pairs[pair]
            if not hyps:
                continue
            k = rng.randrange(len(refs))
            hyp = rng.choice(hyps)[k]
            rs = [refs[k]]
            if pair == "en-de" and "newstest2021.en-de.ref.C.de" in extra and rng.random() < 0.3:
                rs.append(extra["newstest2021.en-de.ref.C.de"][k])
            if pair == "en-zh" and "newstest2021.en-zh.ref.B.zh" in extra and rng.random() < 0.3:
                rs.append(extra["newstest2021.en-zh.ref.B.zh"][k])
        elif kind < 0.45:
            # perturbed German reference, sometimes multi-ref
            k = rng.randrange(len(de_refs))
            ref = de_refs[k]
            hyp = " ".join(perturb(rng, ref.split(), vocab_de, rng.choice([0.5, 1, 2])))
            rs = [ref]
            if rng.random() < 0.2:
                rs.append(" ".join(perturb(rng, ref.split(), vocab_de, 1)))
        elif kind < 0.60:
            # long segments: several consecutive sentences, 80-200 tokens, perturbed
            pair = rng.choice(["en-de", "en-de", "bn-hi"])
            hyps, refs = pairs[pair]
            k = rng.randrange(len(refs) - 12)
            target = rng.randint(80, 200)
            toks = []
            j = k
            while len(toks) < target and j < len(refs):
                toks += refs[j].split()
                j += 1
            toks = toks[:target]
            ref = " ".join(toks)
            if hyps and rng.random() < 0.4:
                hyp = " ".join(" ".join(h for h in rng.choice(hyps)[k:j]).split()[:target + rng.randint(-20, 20)])
            else:
                hyp = " ".join(perturb(rng, toks, vocab_de, rng.choice([0.5, 1, 2])))
            rs = [ref]
        elif kind < 0.72:
            # CJK / Japanese: perturb at character level, optionally with spaces
            pair = rng.choice(["en-zh", "en-ja"])
            hyps, refs = pairs[pair]
            k = rng.randrange(len(refs))
            ref = refs[k]
            if hyps and rng.random() < 0.4:
                hyp = rng.choice(hyps)[k]
            else:
                chars = perturb(rng, list(ref), list(ref) + PUNCT, rng.choice([0.5, 1]))
                sep = " " if rng.random() < 0.2 else ""
                hyp = sep.join(chars)
            rs = [ref]
        elif kind < 0.85:
            # tiny vocabulary with many repeats: many shift candidates, cap matters
            v = ["a", "b", "c", "d", "A", "b,", "(c)", "e."][: rng.randint(2, 8)]
            lr = rng.randint(1, 150)
            ref = [rng.choice(v) for _ in range(lr)]
            if rng.random() < 0.5:
                hyp = perturb(rng, ref, v, rng.choice([0.5, 1, 2]))
            else:
                hyp = [rng.choice(v) for _ in range(max(0, lr + rng.randint(-10, 10)))]
            hyp, rs = " ".join(hyp), [" ".join(ref)]
            if rng.random() < 0.15:
                rs.append(" ".join(rng.choice(v) for _ in range(rng.randint(0, 60))))
        elif kind < 0.92:
            # extreme length ratios (beam widening) and empties
            toks = " ".join(de_refs[rng.randrange(len(de_refs))] for _ in range(8)).split()
            a = toks[: rng.randint(0, 4)]
            b = toks[: rng.randint(60, 200)]
            if rng.random() < 0.5:
                a, b = b, a
            hyp, rs = " ".join(a), [" ".join(b)]
            if rng.random() < 0.2:
                rs.append("")
        else:
            # Bengali / Hindi references with noise
            name = "florestest2021.hi-bn.ref.A.bn" if rng.random() < 0.5 else None
            lines = extra.get(name) if name else pairs["bn-hi"][1]
            ref = lines[rng.randrange(len(lines))]
            hyp = " ".join(perturb(rng, ref.split(), ref.split() + PUNCT, 1))
            rs = [ref]
        cases.append({"hyp": hyp, "refs": rs})
    return cases


def score(case):
    res = []
    memo = {}
    flags = FLAGS
    if case.get("sample"):
        # a cheaper mode for large runs: the default and one random other combination
        flags = [FLAGS[0], FLAGS[case.pop("sample")]]
    for n, p, a, c in flags:
        m = TER(normalized=n, no_punct=p, asian_support=a, case_sensitive=c)
        # Many flag combinations tokenize identically; score each distinct tokenization
        # once. (References go through `_preprocess_segment` twice in sacreBLEU:
        # `_cache_references` and then `TER._extract_reference_info`.)
        key = (m._preprocess_segment(case["hyp"]),
               tuple(m._preprocess_segment(m._preprocess_segment(r)) for r in case["refs"]))
        if key not in memo:
            memo[key] = m._extract_corpus_statistics([case["hyp"]], [[r] for r in case["refs"]])[0]
        stats = memo[key]
        res.append([8 * n + 4 * p + 2 * a + c, int(stats[0]), float(stats[1])])
    return dict(case, results=res)


def main():
    global DATA
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "ter_cases.json"))
    ap.add_argument("--data", default=DATA, metavar="DIR",
                    help="the txt/ folder of wmt21-news-systems (default: %(default)s)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--sample", action="store_true",
                    help="score 2 flag combinations per case instead of all 16 (faster)")
    args = ap.parse_args()
    DATA = args.data
    cases = make_cases(args.n, args.seed)
    if args.sample:
        rng = random.Random(args.seed)
        for c in cases:
            c["sample"] = rng.randrange(1, 16)
    with multiprocessing.Pool(args.jobs) as pool:
        scored = pool.map(score, cases, chunksize=8)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump({"cases": scored}, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(scored)} cases to {args.out}")


if __name__ == "__main__":
    main()
