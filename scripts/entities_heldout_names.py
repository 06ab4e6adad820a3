#!/usr/bin/env python3
"""Exports held-out single-word names (people and places) for hi, bn and mr.

    pip install babel==2.18.0   # BSD; CLDR data is under the Unicode License v3
    python3 scripts/entities_heldout_names.py [NAMES_DIR]

NAMES_DIR is the shared name data (default: ../shared/data/names relative to the repository root).
Writes tests/data/entities/heldout/names_{hi,bn,mr}.tsv (whatever the current directory):
`split<TAB>kind<TAB>english<TAB>native<TAB>source`, where
split is `tune` or `test` (alternating after a seeded shuffle: the matcher may only be
tuned on `tune` rows; the test asserts on `test` rows) and kind is `person` or `place`.

Sources:
* places: CLDR exemplar cities (`Locale(l).time_zones[tz]['city']`, English from
  `Locale('en').time_zones` or the tz id) and CLDR territory names, single words only;
* people, hi: `cmu_indian_names/names.tsv` (CMU, Alok Parlikar; CC BY 3.0 per its files)
  and single given names/surnames from `indicate/players_with_hindi_names.json` (MIT);
* people, bn/mr: rows of `aksharantar_sampled/{ben,mar}_test.csv` (CC BY 4.0) and
  `dakshina/{bn,mr}.translit.sampled.test.tsv` (CC BY-SA 4.0) whose romanisation is a
  known personal name, i.e. a lowercase English spelling from cmu_indian_names or the
  indicate players. These sets are lowercase word lists with many common words; keying
  them to an independent list of names is how proper nouns are picked out.
"""
import csv
import json
import os
import random
import sys
import unicodedata
from babel import Locale

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "data", "entities", "heldout")
NAMES = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "data", "names")
PER_KIND = 300  # rows per (language, kind) at most


def single(s):
    return s and " " not in s.strip() and "-" not in s and "." not in s and "'" not in s


def nfc(s):
    return unicodedata.normalize("NFC", s.strip())


def places(lang):
    en, loc = Locale("en"), Locale(lang)
    out = {}
    for tz, d in loc.time_zones.items():
        city = d.get("city")
        e = en.time_zones.get(tz, {}).get("city") or tz.split("/")[-1].replace("_", " ")
        if city and single(e) and single(city) and e.isalpha():
            out[e] = (nfc(city), "cldr-city")
    for code, name in loc.territories.items():
        e = en.territories.get(code)
        if code.isalpha() and e and single(e) and single(name) and e.isalpha():
            out.setdefault(e, (nfc(name), "cldr-territory"))
    return out


def cmu():
    out = {}
    with open(f"{NAMES}/cmu_indian_names/names.tsv", encoding="utf-8") as f:
        for line in f:
            line = line.split("#")[0].strip()
            if "\t" not in line or line.startswith("english"):
                continue
            e, h = line.split("\t")[:2]
            if single(e) and single(h) and e.isalpha():
                out.setdefault(e, (nfc(h), "cmu_indian_names"))
    return out


def players():
    out = {}
    data = json.load(open(f"{NAMES}/indicate/players_with_hindi_names.json", encoding="utf-8"))
    for p in data:
        e, h = p.get("english_name") or "", p.get("hindi_long_name") or ""
        ew, hw = e.split(), h.split()
        if len(ew) == len(hw) and ew:
            for a, b in zip(ew, hw):
                if a.isalpha() and len(a) > 2 and a[0].isupper():
                    out.setdefault(a, (nfc(b), "indicate"))
    return out


def word_lists(lang, known):
    code = {"bn": "ben", "mr": "mar"}[lang]
    out = {}
    with open(f"{NAMES}/aksharantar_sampled/{code}_test.csv", encoding="utf-8") as f:
        for row in csv.reader(f):
            if len(row) >= 2 and row[0].lower() in known and single(row[1]):
                out.setdefault(known[row[0].lower()], (nfc(row[1]), "aksharantar"))
    with open(f"{NAMES}/dakshina/{lang}.translit.sampled.test.tsv", encoding="utf-8") as f:
        for line in f:
            row = line.rstrip("\n").split("\t")
            if len(row) >= 2 and row[1].lower() in known and single(row[0]):
                out.setdefault(known[row[1].lower()], (nfc(row[0]), "dakshina"))
    return out


def main():
    rng = random.Random(20240521)
    hi_people = {**players(), **cmu()}
    known = {e.lower(): e for e in hi_people}
    for lang in ["hi", "bn", "mr"]:
        kinds = {"place": places(lang), "person": hi_people if lang == "hi" else word_lists(lang, known)}
        rows = []
        for kind, d in kinds.items():
            items = sorted(d.items())
            rng.shuffle(items)
            items = items[:PER_KIND]
            for k, (e, (n, src)) in enumerate(items):
                rows.append(("tune" if k % 2 == 0 else "test", kind, e, n, src))
        with open(os.path.join(OUT, f"names_{lang}.tsv"), "w", encoding="utf-8") as f:
            f.write("# split\tkind\tenglish\tnative\tsource (see scripts/entities_heldout_names.py for licences)\n")
            for r in rows:
                f.write("\t".join(r) + "\n")
        print(lang, {k: sum(1 for r in rows if r[1] == k) for k in kinds})


if __name__ == "__main__":
    main()
