#!/usr/bin/env python3
"""Builds the seeds-en-bn sample corpus in corpora/seeds-en-bn/ (deterministic).

Source: English sentences of seed article 002 re-cut to the sentence boundaries of its
Bengali version, seed article 000 (the alignment in tests/data/entities/bn.src.en and
bn.seeds.bn, lines 1-13). The Bengali is the reference. Three candidate "systems" are
the reference with seeded word-level edits (dropped and swapped words, never inside a
name), plus realistic name errors:

  mt-a   edits only: every name kept, spelled as in the reference;
  mt-b   names dropped (Borrell once, Hwasong-19, Blinken) and one person swapped for
         another (Choe Son Hui -> Cho Tae-yul);
  mt-c   names spelled inconsistently (Borrell as বোরেল and বরেল, Choe Son Hui as
         চো সন হুই, Kim Yong-hyun without the hyphen).

Usage (from any directory):

    python3 scripts/seeds_corpus.py

rewrites corpora/seeds-en-bn/{src.en, ref.bn, docids, sys/*.bn} from
tests/data/entities/{bn.src.en, bn.seeds.bn} (both paths relative to the repository root).
"""
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "corpora", "seeds-en-bn")
SRC = os.path.join(ROOT, "tests", "data", "entities", "bn.src.en")
REF = os.path.join(ROOT, "tests", "data", "entities", "bn.seeds.bn")
N = 13

# Name spellings of the reference; edits never touch tokens of these.
NAMES = ["জোসেপ বোরেল", "বোরেল", "চো তাই-ইউল", "কিম ইয়ং-হিউনের", "কিমের", "চো", "হোয়াসোং-19",
         "অ্যান্টনি ব্লিঙ্কেন", "চোয়ে সন হুই", "মস্কোতে", "মস্কো", "সিউল", "সিউলে", "ওয়াশিংটন", "কুরস্ক",
         # places translated word by word (South Korea, North Korea, European Union, …)
         "দক্ষিণ কোরিয়া", "দক্ষিণ কোরিয়ার", "উত্তর কোরিয়া", "উত্তর কোরিয়ার", "উত্তরের", "ইউরোপীয় ইউনিয়ন",
         "ইইউ", "কোরিয়া প্রজাতন্ত্র", "রাশিয়া", "রাশিয়ার", "রাশিয়াকে", "ইউক্রেন", "ইউক্রেনের", "ইউক্রেনে",
         "ইউক্রেনকে", "রাশিয়ান ফেডারেশনের", "X-এর"]
PROTECTED = {tok for name in NAMES for tok in name.split()}


def edit(line, rng, p_drop=0.08, p_swap=0.06):
    toks = line.split(" ")
    out = []
    for t in toks:
        if t not in PROTECTED and rng.random() < p_drop and not t.endswith("।"):
            continue
        out.append(t)
    i = 0
    while i < len(out) - 1:
        a, b = out[i], out[i + 1]
        if a not in PROTECTED and b not in PROTECTED and not b.endswith("।") and rng.random() < p_swap:
            out[i], out[i + 1] = b, a
            i += 2
        else:
            i += 1
    return " ".join(out)


def main():
    src = [l.rstrip("\n") for l in open(SRC, encoding="utf-8")][:N]
    ref = [l.rstrip("\n") for l in open(REF, encoding="utf-8")][:N]
    systems = {}
    for name, seed in [("mt-a", 1), ("mt-b", 2), ("mt-c", 3)]:
        rng = random.Random(seed)
        systems[name] = [edit(l, rng) for l in ref]
    b = systems["mt-b"]
    b[4] = b[4].replace("বোরেল ", "", 1)                      # Borrell dropped
    b[10] = b[10].replace(" যার নাম হোয়াসোং-19", "")          # Hwasong-19 dropped
    b[11] = b[11].replace(" অ্যান্টনি ব্লিঙ্কেন", "")          # Blinken dropped
    b[12] = b[12].replace("চোয়ে সন হুই", "চো তাই-ইউল")         # wrong person
    c = systems["mt-c"]
    c[5] = c[5].replace("বোরেল", "বরেল", 1)                   # second spelling of Borrell
    c[12] = c[12].replace("চোয়ে সন হুই", "চো সন হুই")          # variant of Choe Son Hui
    c[4] = c[4].replace("ইয়ং-হিউনের", "ইয়ং হিউনের")           # hyphen dropped
    for name, lines in systems.items():
        with open(os.path.join(OUT, "sys", f"{name}.bn"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    with open(os.path.join(OUT, "src.en"), "w", encoding="utf-8") as f:
        f.write("\n".join(src) + "\n")
    with open(os.path.join(OUT, "ref.bn"), "w", encoding="utf-8") as f:
        f.write("\n".join(ref) + "\n")
    with open(os.path.join(OUT, "docids"), "w", encoding="utf-8") as f:
        f.write("\n".join(["000"] * N) + "\n")


if __name__ == "__main__":
    main()
