#!/usr/bin/env python3
"""BLEU with the MeCab and SentencePiece tokenizers: mteval against mteval's own 13a on the
same number of characters, and against sacreBLEU 2.6.0 with the real MeCab/SentencePiece.

Run by hand (not in CI), after `cargo build --release`, with a Python that has
sacreBLEU 2.6.0 and its extras (`pip install -r python/requirements-ci.txt`) first on PATH
(mteval finds the MeCab dictionaries through it, as sacreBLEU does):

    PATH=/path/to/venv/bin:$PATH python3 benches/tokenizers_vs_sacrebleu.py > out.md

Rows (real text from the shared data, ../shared/data or --data DIR):

* ja-mecab: WMT21 en-ja, reference A and the 15 system outputs (15,000 hypothesis lines),
  `-l en-ja`. The 13a row scores German text with exactly the same number of characters
  per line: WMT21 en-de reference A and system outputs, line i of each file cut to the
  length of line i of the Japanese file it stands in for (1,000 lines, 15 systems).
* ko-mecab: the FLORES en-ko example (1 system, 1,012 lines), `-l en-ko`; the 13a row is
  built the same way from WMT21 en-de.
* flores200 (SentencePiece, the committed test model tests/data/spm/wmt-mix-8k.model):
  WMT21 en-de reference A and its 20 system outputs; the 13a row scores the same files.

Each mteval command runs --runs times (median and minimum wall time, after one untimed
run); sacreBLEU's --peer-runs times. mteval uses all cores unless -j is in the row.
"""

import argparse
import glob
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read(path):
    with open(path, encoding="utf-8", newline="\n") as f:
        return [line.rstrip("\n") for line in f]


def write(path, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def same_chars(template, text):
    """`text`'s lines cut (or cycled and cut) to the lengths of `template`'s lines."""
    out = []
    for i, t in enumerate(template):
        s = text[i % len(text)]
        while len(s) < len(t):
            s = s + " " + text[(i + len(s)) % len(text)]
        out.append(s[: len(t)].rstrip() if len(t) else "")
    return out


def timed(cmd, runs, env=None):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - t)
    return statistics.median(times), min(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--peer-runs", type=int, default=2)
    ap.add_argument("--mteval", default=os.path.join(ROOT, "target", "release", "mteval"))
    args = ap.parse_args()
    w21 = os.path.join(args.data, "wmt21-news-systems", "txt")
    tmp = tempfile.mkdtemp()
    mteval = os.path.join(tmp, "mteval")
    shutil.copy(args.mteval, mteval)
    model = os.path.join(ROOT, "tests", "data", "spm", "wmt-mix-8k.model")
    sb = os.path.join(tmp, "sacrebleu")
    os.makedirs(os.path.join(sb, "models"))
    shutil.copy(model, os.path.join(sb, "models", "flores200sacrebleuspm"))
    env = dict(os.environ, SACREBLEU=sb)

    de_ref_file = f"{w21}/references/newstest2021.en-de.ref.A.de"
    de_ref = read(de_ref_file)
    de_sys = sorted(glob.glob(f"{w21}/system-outputs/newstest2021.en-de.hyp.*.de"))
    de_text = [line for f in de_sys for line in read(f)]

    # ja: 15 systems and their 13a stand-ins of equal characters.
    ja_ref = f"{w21}/references/newstest2021.en-ja.ref.A.ja"
    ja_sys = sorted(glob.glob(f"{w21}/system-outputs/newstest2021.en-ja.hyp.*.ja"))
    write(f"{tmp}/de-for-ja.ref", same_chars(read(ja_ref), de_ref))
    de_for_ja = []
    for k, f in enumerate(ja_sys):
        p = f"{tmp}/de-for-ja-{k}.txt"
        write(p, same_chars(read(f), de_text[k * 1000:] + de_text))
        de_for_ja.append(p)
    ko_dir = os.path.join(args.data, "en-ko-translation-example")
    ko_ref, ko_hyp = (f"{ko_dir}/flores101.devtest.en-ko.ref.ko", f"{ko_dir}/flores101.devtest.en-ko.hyp.ko")
    write(f"{tmp}/de-for-ko.ref", same_chars(read(ko_ref), de_ref))
    write(f"{tmp}/de-for-ko.hyp", same_chars(read(ko_hyp), de_text))
    chars = lambda files: sum(len(line) for f in files for line in read(f))

    rows = [
        ("ja-mecab, WMT21 en-ja, 15 systems", [mteval, "score", "-m", "bleu", "-l", "en-ja", "-r", ja_ref, "-i", *ja_sys],
         ["sacrebleu", ja_ref, "-i", *ja_sys, "-l", "en-ja", "-m", "bleu"], chars([ja_ref, *ja_sys])),
        ("13a, same characters per line", [mteval, "score", "-m", "bleu", "-r", f"{tmp}/de-for-ja.ref", "-i", *de_for_ja],
         None, chars([f"{tmp}/de-for-ja.ref", *de_for_ja])),
        ("ja-mecab, -j 1", [mteval, "score", "-j", "1", "-m", "bleu", "-l", "en-ja", "-r", ja_ref, "-i", *ja_sys], None, None),
        ("13a, same characters, -j 1", [mteval, "score", "-j", "1", "-m", "bleu", "-r", f"{tmp}/de-for-ja.ref", "-i", *de_for_ja], None, None),
        ("ko-mecab, FLORES en-ko, 1 system", [mteval, "score", "-m", "bleu", "-l", "en-ko", "-r", ko_ref, "-i", ko_hyp],
         ["sacrebleu", ko_ref, "-i", ko_hyp, "-l", "en-ko", "-m", "bleu"], chars([ko_ref, ko_hyp])),
        ("13a, same characters per line", [mteval, "score", "-m", "bleu", "-r", f"{tmp}/de-for-ko.ref", "-i", f"{tmp}/de-for-ko.hyp"],
         None, chars([f"{tmp}/de-for-ko.ref", f"{tmp}/de-for-ko.hyp"])),
        ("flores200 (test model), WMT21 en-de, 20 systems",
         [mteval, "score", "-m", "bleu", "-tok", "flores200", "--spm-model", model, "-r", de_ref_file, "-i", *de_sys],
         ["sacrebleu", de_ref_file, "-i", *de_sys, "-tok", "flores200", "-m", "bleu"], chars([de_ref_file, *de_sys])),
        ("13a, the same files", [mteval, "score", "-m", "bleu", "-r", de_ref_file, "-i", *de_sys], None, None),
    ]
    print(f"# BLEU tokenizers: mteval vs its 13a vs sacreBLEU 2.6.0\n")
    print(f"{platform.node()}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}; "
          f"`python3 benches/tokenizers_vs_sacrebleu.py --runs {args.runs} --peer-runs {args.peer_runs}`\n")
    print("| row | characters | mteval median (min) | sacreBLEU median (min) | sacreBLEU / mteval |")
    print("|---|---:|---:|---:|---:|")
    for name, ours, theirs, n in rows:
        med, lo = timed(ours, args.runs)
        cell = f"{med * 1000:.0f} ms ({lo * 1000:.0f})"
        if theirs:
            pmed, plo = timed(theirs, args.peer_runs, env)
            peer, ratio = f"{pmed:.2f} s ({plo:.2f})", f"{pmed / med:.1f}×"
        else:
            peer = ratio = ""
        print(f"| {name} | {n or ''} | {cell} | {peer} | {ratio} |", flush=True)
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
