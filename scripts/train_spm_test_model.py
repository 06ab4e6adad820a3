#!/usr/bin/env python3
"""Trains small SentencePiece models on real WMT text, as stand-ins for sacreBLEU's
FLORES models (which cannot be downloaded here) in mteval's SentencePiece tests.

    python3 scripts/train_spm_test_model.py [SHARED_DATA] [--variants OUT_DIR]

Without `--variants` it writes the committed model `tests/data/spm/wmt-mix-8k.model`:
a unigram model (the model type of sacreBLEU's flores101/flores200 models) with the
default `nmt_nfkc` normalization, no byte fallback and character_coverage 0.9995, so
rare characters come out as merged unknown pieces.

With `--variants OUT_DIR` it also writes, into OUT_DIR (not committed), the models
`scripts/spm_diff.py` compares mteval against: other vocabulary sizes (a tiny one with
many unknowns), byte fallback, the `nfkc`, `identity` and `nmt_nfkc_cf` rules,
`add_dummy_prefix` off, `remove_extra_whitespaces` off, whitespace as suffix, and
user-defined / control symbols.

Needs `pip install sentencepiece==0.2.*` (0.2.1 was used). Training is single-threaded
with fixed options, but the committed file, not this script, is the source of truth.
SHARED_DATA defaults to `../shared/data` next to the repository.
"""

import os
import sys
import tempfile

import sentencepiece as spm

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Real text of several scripts: Latin (en, de, cs), Han (zh), Japanese, Devanagari (hi),
# Bengali (bn), Hangul (ko).
TRAIN_FILES = [
    "wmt21-news-systems/txt/sources/newstest2021.en-de.src.en",
    "wmt21-news-systems/txt/sources/newstest2021.de-en.src.de",
    "wmt21-news-systems/txt/sources/newstest2021.zh-en.src.zh",
    "wmt21-news-systems/txt/sources/newstest2021.ja-en.src.ja",
    "wmt21-news-systems/txt/sources/florestest2021.hi-bn.src.hi",
    "wmt21-news-systems/txt/sources/florestest2021.bn-hi.src.bn",
    "wmt24-news-systems/txt/references/en-cs.refA.txt",
    "wmt24-news-systems/txt/references/en-hi.refA.txt",
    "en-ko-translation-example/flores101.devtest.en-ko.ref.ko",
]

# Fixed options shared by every model (determinism: one thread, no shuffling surprises).
BASE = dict(
    model_type="unigram",
    num_threads=1,
    input_sentence_size=0,
    shuffle_input_sentence=False,
    seed_sentencepiece_size=200000,
    max_sentence_length=20000,
    minloglevel=2,
    character_coverage=0.995,
)

VARIANTS = {
    # name: options on top of BASE
    "u16k": dict(vocab_size=16000, character_coverage=1.0),
    "u2k": dict(vocab_size=2000, character_coverage=0.98),
    # English-only training text: every non-Latin character is unknown elsewhere.
    "tiny_en": dict(vocab_size=300, files=TRAIN_FILES[:1]),
    "bf4k": dict(vocab_size=4000, byte_fallback=True, character_coverage=0.99),
    "bftiny_de": dict(vocab_size=500, byte_fallback=True, files=TRAIN_FILES[1:2]),
    "nfkc": dict(vocab_size=4000, normalization_rule_name="nfkc"),
    "identity": dict(vocab_size=4000, normalization_rule_name="identity"),
    "cf": dict(vocab_size=4000, normalization_rule_name="nmt_nfkc_cf"),
    "nodummy": dict(vocab_size=4000, add_dummy_prefix=False),
    "keepws": dict(vocab_size=4000, remove_extra_whitespaces=False,
                   character_coverage=0.99),
    "keepws_nodummy": dict(vocab_size=2000, character_coverage=0.98, remove_extra_whitespaces=False,
                           add_dummy_prefix=False, byte_fallback=True,
                           normalization_rule_name="identity"),
    "suffix": dict(vocab_size=4000, treat_whitespace_as_suffix=True),
    "uds": dict(vocab_size=4000,
                user_defined_symbols=["<sep>", "▁the", "in", "http", "@@", "中国", " ",
                                      "ab c", "ﬁ", "é"],
                control_symbols=["<ctl>", "<2de>"], byte_fallback=True),
    "uds_nobf": dict(vocab_size=3000,
                     user_defined_symbols=["..", "▁▁", "::", "नि", "한국"],
                     character_coverage=0.98),
}

COMMITTED = ("wmt-mix-8k", dict(vocab_size=8000, character_coverage=0.9995))


def train(shared, name, opts, out_dir):
    opts = dict(opts)
    files = opts.pop("files", TRAIN_FILES)
    # A fixed working directory: the trainer records the input and prefix paths in the
    # model, so a random temporary name would change the committed bytes.
    tmp = os.path.join(tempfile.gettempdir(), "mteval-spm-train")
    os.makedirs(tmp, exist_ok=True)
    corpus = os.path.join(tmp, "train.txt")
    with open(corpus, "w", encoding="utf-8") as out:
        for f in files:
            with open(os.path.join(shared, f), encoding="utf-8", newline="\n") as inp:
                for line in inp:
                    line = line.rstrip("\n")
                    if line.strip():
                        out.write(line + "\n")
    prefix = os.path.join(tmp, name)
    spm.SentencePieceTrainer.train(input=corpus, model_prefix=prefix, **{**BASE, **opts})
    os.makedirs(out_dir, exist_ok=True)
    dest = os.path.join(out_dir, name + ".model")
    with open(prefix + ".model", "rb") as src, open(dest, "wb") as dst:
        dst.write(src.read())
    print(f"{dest}: {os.path.getsize(dest)} bytes", file=sys.stderr)


def main():
    args = sys.argv[1:]
    variants_dir = None
    if "--variants" in args:
        i = args.index("--variants")
        variants_dir = args[i + 1]
        del args[i:i + 2]
    shared = args[0] if args else os.path.join(ROOT, "..", "shared", "data")
    name, opts = COMMITTED
    train(shared, name, opts, os.path.join(ROOT, "tests", "data", "spm"))
    if variants_dir:
        for name, opts in VARIANTS.items():
            train(shared, name, opts, variants_dir)


if __name__ == "__main__":
    main()
