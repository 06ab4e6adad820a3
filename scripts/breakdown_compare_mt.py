#!/usr/bin/env python3
"""compare-mt 0.2.10's breakdowns of WMT21 zh-en (5 systems): the expected values of
`tests/breakdowns.rs`.

Writes `tests/data/breakdowns/wmt21-zh-en/`: `ref.A.en.gz`, `sys/<SYSTEM>.en.gz` (newstest2021
zh-en, all 1948 lines, copied byte for byte) and `expected.json`, computed by compare-mt's own
classes on the same files, as `compare-mt ref sys…` computes its default reports:

* `by_length`: `LengthSentenceBucketer()` (cutoffs 10,20,…,60 on the reference's length in
  words), per bucket its segment count and each system's corpus BLEU by compare-mt's
  `BleuScorer` (as `--compare_sentence_buckets bucket_type=length,statistic_type=score`),
  and the same with compare-mt's `max(1, total)` n-gram denominator undone (see below);
* `by_frequency`: `FreqWordBucketer(freq_data=ref)` (cutoffs 1,2,3,4,5,10,100,1000 on the
  word's count in the reference) `.calc_statistics(ref, outs)`: per bucket and system
  (matches, reference words, output words, recall, precision, F-measure);
* `ngrams`: `ngram_utils.compare_ngrams` (1- to 4-grams, `match`) of the first system and
  each other one, `stat_utils.extract_salient_features(alpha=1)`; every n-gram's ratio and
  match counts for every n-gram that can be among the 50 highest or 50 lowest ratios (ties at
  the boundary included), and those ratios (which n-grams of a tie make the list depends on
  hash order in compare-mt, so only the ratios are compared for the ranking).

compare-mt reads each file with `line.strip().split(' ')`; these files have no double
spaces and no empty lines, so its words are mteval's (`str.split()`).

Usage: python3 scripts/breakdown_compare_mt.py [SHARED_DATA]   (default ../shared/data)
Needs `pip install compare-mt==0.2.10` (and its dependencies numpy, matplotlib). Run by
hand; nothing runs it at build or test time.
"""

import gzip
import json
import shutil
import sys
from collections import Counter
from pathlib import Path

from compare_mt import bucketers, corpus_utils, ngram_utils, scorers, stat_utils
from compare_mt.version_info import __version__ as COMPARE_MT_VERSION

ROOT = Path(__file__).resolve().parent.parent
SYSTEMS = ["Online-B", "NiuTrans", "Facebook-AI", "HuaweiTSC", "DIDI-NLP"]  # first = baseline


def main():
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared/data"
    txt = data / "wmt21-news-systems/txt"
    out = ROOT / "tests/data/breakdowns/wmt21-zh-en"
    (out / "sys").mkdir(parents=True, exist_ok=True)
    ref_path = txt / "references/newstest2021.zh-en.ref.A.en"
    sys_paths = [txt / f"system-outputs/newstest2021.zh-en.hyp.{s}.en" for s in SYSTEMS]

    def copy_gz(src, dst):
        with open(src, "rb") as f, gzip.GzipFile(dst, "wb", mtime=0) as g:
            shutil.copyfileobj(f, g)

    copy_gz(ref_path, out / "ref.A.en.gz")
    for s, p in zip(SYSTEMS, sys_paths):
        copy_gz(p, out / f"sys/{s}.en.gz")

    ref = corpus_utils.load_tokens(str(ref_path))
    outs = [corpus_utils.load_tokens(str(p)) for p in sys_paths]

    # Scores by reference length (compare_mt_main.generate_sentence_bucketed_report).
    # compare-mt's BleuScorer counts a sentence's n-gram total as max(1, total): a hypothesis
    # shorter than n words adds 1 to the n-gram denominator (scorers.py, `_precision`), where
    # BLEU (Papineni et al. 2002; sacreBLEU) adds 0. `bleu_unclipped` is compare-mt's scorer
    # with that one line undone, to show it is the only difference.
    lb = bucketers.LengthSentenceBucketer()
    bleu = scorers.BleuScorer()
    corpora = [lb.create_bucketed_corpus(o, ref=ref) for o in outs]

    def bucket_bleu(c, b):
        return float(bleu.score_corpus(c[b][1], c[b][0])[0])

    clipped = [[bucket_bleu(c, b) for c in corpora] for b in range(len(lb.bucket_strs))]
    original = scorers.BleuScorer._precision

    def unclipped_precision(self, r, o, n):
        out_cnt = Counter(ngram_utils.sent_ngrams_list(o, n))
        ref_cnt = Counter(ngram_utils.sent_ngrams_list(r, n))
        return sum(min(c, ref_cnt[g]) for g, c in out_cnt.items()), sum(out_cnt.values())

    scorers.BleuScorer._precision = unclipped_precision
    unclipped = [[bucket_bleu(c, b) for c in corpora] for b in range(len(lb.bucket_strs))]
    scorers.BleuScorer._precision = original
    by_length = []
    for b, label in enumerate(lb.bucket_strs):
        by_length.append({
            "bucket": label,
            "segments": len(corpora[0][b][0]),
            "short_hypotheses": sum(1 for c in corpora for o in c[b][0] if len(o) < 4),
            "bleu": clipped[b],
            "bleu_unclipped": unclipped[b],
        })

    # Word accuracy by frequency (generate_word_accuracy_report, freq from the reference).
    fb = bucketers.FreqWordBucketer(freq_data=ref)
    statistics, _, _, _ = fb.calc_statistics(ref, outs)
    by_frequency = []
    for b, label in enumerate(fb.bucket_strs):
        rows = [statistics[s][b] for s in range(len(outs))]
        by_frequency.append({
            "bucket": label,
            "reference_words": int(rows[0][1]),
            "systems": [
                {"matches": int(m), "output_words": int(o), "recall": float(rec),
                 "precision": float(prec), "fmeasure": float(f)}
                for (m, _r, o, rec, prec, f) in rows
            ],
        })

    # Characteristic n-grams (generate_ngram_report, compare_type=match, alpha=1).
    matches = [ngram_utils.compare_ngrams(ref, o, min_length=1, max_length=4)[1] for o in outs]
    ngrams = []
    for b in range(1, len(outs)):
        scores = stat_utils.extract_salient_features(matches[0], matches[b], alpha=1.0)
        top = sorted(scores.values(), reverse=True)[:50]
        bottom = sorted(scores.values())[:50]
        # Every n-gram that can be in a top or bottom 50, ties at the boundary included.
        kept = {k: v for k, v in scores.items() if v >= top[-1] or v <= bottom[-1]}
        ngrams.append({
            "system_a": SYSTEMS[0],
            "system_b": SYSTEMS[b],
            "ngrams": len(scores),
            "ratios": {" ".join(k): [v, matches[0][k], matches[b][k]] for k, v in sorted(kept.items())},
            "top_ratios": top,
            "bottom_ratios": bottom,
        })

    expected = {
        "compare_mt": COMPARE_MT_VERSION,
        "systems": SYSTEMS,
        "segments": len(ref),
        "by_length": by_length,
        "by_frequency": by_frequency,
        "ngrams": ngrams,
    }
    with open(out / "expected.json", "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False)
        f.write("\n")
    print(f"{len(ref)} segments, {len(SYSTEMS)} systems; {sum(len(n['ratios']) for n in ngrams)} n-gram ratios kept")


if __name__ == "__main__":
    main()
