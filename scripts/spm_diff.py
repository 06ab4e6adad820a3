#!/usr/bin/env python3
"""Compares mteval's SentencePiece encoder with the pip `sentencepiece` package on every
line of some files.

    python3 scripts/spm_diff.py [--bin PATH] [--adversarial] [--joined N] [--golden N OUT]
                                MODEL [FILE...]

For each FILE (read as UTF-8, split on "\\n" only, as mteval's `spm_pieces` example reads
it) it runs `SentencePieceProcessor(model_file=MODEL).EncodeAsPieces(line)` and the
example binary (`--bin`, default `target/release/examples/spm_pieces`; build it with
`cargo build --release --example spm_pieces`), then prints the number of lines, of
differing lines, and the first differences. `--adversarial` adds a file of hand-made
lines (spaces, tabs, NBSP, U+3000, zero-width and control characters, emoji, combining
marks, an empty line, a very long line, ...). `--joined N` also compares each file's
lines joined by spaces N at a time: lines long enough (tens of thousands of characters)
for sentencepiece's re-basing of path scores beyond ±100000 to change ties. `--golden N OUT` also writes
N evenly spread lines of the files with their pip pieces to OUT (gzipped), one JSON
object `{"line": ..., "pieces": [...]}` a line, followed by the adversarial lines if asked
for: the golden data of mteval's unit tests.

Exit status 1 if any line differs. Needs `pip install sentencepiece==0.2.*`.
"""

import gzip
import json
import os
import subprocess
import sys
import tempfile

import sentencepiece as spm

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def adversarial_lines():
    lines = [
        "",
        " ",
        "   ",
        "\t",
        "  leading and trailing  ",
        "multiple   spaces\tand\ttabs \t mixed",
        "\u00a0NBSP\u00a0inside\u00a0\u00a0twice\u00a0",
        "\u3000ideographic\u3000space\u3000\u3000",
        "zero\u200bwidth\u200cnon\u200djoiner\ufeffbom\u2060wj",
        "\ufeffBOM at start",
        "emoji 😀👍🏽 👨‍👩‍👧‍👦 🇩🇪 flags",
        "combining e\u0301 a\u0308 n\u0303 \u0915\u094d\u0937 q\u0307\u0323",
        "control \x01\x02\x07\x1b[0m \x7f \x85 \x9f end",
        "NUL \x00 inside",
        "\x00",
        "carriage\rreturn\r",
        "form\x0cfeed\x0bvtab",
        "line\u2028sep\u2029para",
        "fullwidth ＡＢＣ１２３ ｶﾀｶﾅ ㌀ ﬁ ﬀ ℃ ½ ² Ⅻ",
        "Ligatures ﬃ and Å vs Å, Ω vs Ω, K vs K",
        "Русский текст: Съешь же ещё этих мягких французских булок, да выпей чаю.",
        "Українська: Ґанок, їжак, Є.",
        "العربية: مرحبا بالعالم، كيف حالك؟ ١٢٣",
        "עברית: שלום עולם",
        "ελληνικά: Καλημέρα κόσμε",
        "ไทย: สวัสดีชาวโลก",
        "தமிழ்: வணக்கம் உலகம்",
        "ქართული: გამარჯობა",
        "Հայերեն: Բարեւ",
        "አማርኛ: ሰላም ዓለም",
        "한국어: 안녕하세요 세계",
        "日本語：こんにちは、世界！「テスト」",
        "中文：你好，世界！（测试）",
        "मराठी: नमस्कार जग। হিন্দি বাংলা ਪੰਜਾਬੀ ગુજરાતી",
        "replacement \ufffd char \ufffd\ufffd",
        "private use \ue000\U000f0000 and unassigned \U0003ffff",
        "surrogate-range-adjacent \ud7ff \ue000 \uffff \U0010ffff",
        "math 𝐀𝐁𝐂 𝔸 ∑ ∫ √ ≠ ≤",
        "<unk> <s> </s> <pad> <sep> <ctl> <2de> <0x41> ▁ ▁▁ _",
        "▁▁leading▁symbols▁",
        "http://example.com/path?x=1&y=2 info@example.org @@ ::",
        "ab c ab  c abc",
        "...... ..:: ---- ____ ****",
        "12345678901234567890 3.14159 1,000,000",
        "MiXeD CaSe ÄÖÜ ẞ ß İstanbul ǅ",
        "a" * 5000,
        " ".join(["word"] * 3000),
        "中" * 3000,
        "x\u0301" * 1000,
        "\U0001f600" * 500,
        # Long enough for path scores beyond ±100000, which sentencepiece re-bases.
        "\ue000" * 20000,
        "Die Katze 中国 \ue000 " * 6000,
    ]
    # Every code point of some blocks, in chunks, so each character is met alone and in
    # context.
    for lo, hi in [(0x20, 0x250), (0x2000, 0x2070), (0x3000, 0x3100), (0xff00, 0xfff0),
                   (0x900, 0x980), (0x980, 0xa00), (0x400, 0x530), (0x600, 0x700)]:
        chars = [chr(c) for c in range(lo, hi)]
        for i in range(0, len(chars), 40):
            lines.append("".join(chars[i:i + 40]))
            lines.append(" ".join(chars[i:i + 40]))
    # A long line of many scripts.
    lines.append(" ".join(lines[20:36]) * 150)
    return lines


def read_lines(path):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n")


def escape(p):
    return p.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def mteval_pieces(binary, model, path):
    out = subprocess.run([binary, model, path], check=True, capture_output=True).stdout
    text = out.decode("utf-8")
    if text.endswith("\n"):
        text = text[:-1]
    return [[] if line == "" else line.split("\t") for line in text.split("\n")]


def main():
    args = sys.argv[1:]
    binary = os.path.join(ROOT, "target", "release", "examples", "spm_pieces")
    adversarial = False
    golden = None
    if "--bin" in args:
        i = args.index("--bin")
        binary = args[i + 1]
        del args[i:i + 2]
    if "--adversarial" in args:
        args.remove("--adversarial")
        adversarial = True
    joined = 0
    if "--joined" in args:
        i = args.index("--joined")
        joined = int(args[i + 1])
        del args[i:i + 2]
    if "--golden" in args:
        i = args.index("--golden")
        golden = (int(args[i + 1]), args[i + 2])
        del args[i:i + 3]
    if not args:
        sys.exit(__doc__)
    model, files = args[0], args[1:]
    sp = spm.SentencePieceProcessor(model_file=model)

    tmp = None
    extra = []
    if joined:
        for path in list(files):
            lines = read_lines(path)
            j = tempfile.NamedTemporaryFile("wb", suffix=f".joined.{os.path.basename(path)}",
                                            delete=False)
            long = [" ".join(lines[i:i + joined]) for i in range(0, len(lines), joined)]
            j.write("\n".join(long).encode("utf-8") + b"\n")
            j.close()
            extra.append(j.name)
        files.extend(extra)
    if adversarial:
        tmp = tempfile.NamedTemporaryFile("wb", suffix=".adversarial.txt", delete=False)
        tmp.write("\n".join(adversarial_lines()).encode("utf-8") + b"\n")
        tmp.close()
        files.append(tmp.name)

    total_lines = total_diff = 0
    sample = []
    try:
        for path in files:
            lines = read_lines(path)
            ours = mteval_pieces(binary, model, path)
            diff = 0
            if len(ours) != len(lines):
                print(f"{path}: mteval printed {len(ours)} lines for {len(lines)}")
                diff = len(lines)
            else:
                for n, (line, mine) in enumerate(zip(lines, ours), 1):
                    theirs = [escape(p) for p in sp.EncodeAsPieces(line)]
                    if theirs != mine:
                        diff += 1
                        if diff <= 3:
                            print(f"  {os.path.basename(path)}:{n}: {line[:200]!r}")
                            print(f"    sentencepiece: {theirs[:40]}")
                            print(f"    mteval:        {mine[:40]}")
            name = "adversarial" if tmp and path == tmp.name else os.path.basename(path)
            if path in extra:
                name = "joined " + name.split(".joined.", 1)[1]
            print(f"{name}: {len(lines)} lines, {diff} differ")
            total_lines += len(lines)
            total_diff += diff
            if not (tmp and path == tmp.name) and path not in extra:
                sample.extend(lines)
    finally:
        if tmp:
            os.unlink(tmp.name)
        for name in extra:
            os.unlink(name)
    print(f"TOTAL {os.path.basename(model)}: {len(files)} files, {total_lines} lines, "
          f"{total_diff} differ")

    if golden:
        n, out = golden
        step = max(1, len(sample) // n)
        golden = sample[::step][:n] + (adversarial_lines() if adversarial else [])
        # gzip with a fixed mtime, so that equal content gives equal bytes.
        with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            for line in golden:
                rec = {"line": line, "pieces": sp.EncodeAsPieces(line)}
                gz.write((json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8"))
    sys.exit(1 if total_diff else 0)


if __name__ == "__main__":
    main()
