"""The ``mteval-sacrebleu`` console script prints what ``sacrebleu`` 2.6.0 prints, byte
for byte, with the same exit code (the flag grid of the Rust implementation is
``tests/sacrebleu_cli.rs``; this checks the script the package installs)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, need_sacrebleu

DATA = ROOT / "tests" / "data" / "sacrebleu_cli"


def script():
    found = shutil.which("mteval-sacrebleu", path=str(Path(sys.executable).parent)) or \
        shutil.which("mteval-sacrebleu")
    assert found, "mteval-sacrebleu is not installed (pip install .)"
    return found


CASES = [
    (["de.ref.A", "-i", "de.Online-B", "-m", "bleu", "chrf", "ter"], None),
    (["de.ref.A", "de.ref.C", "-i", "de.Online-B", "-f", "text", "-w", "3"], None),
    (["de.ref.A", "-i", "de.Online-B", "de.UEdin", "de.Facebook-AI", "-m", "bleu", "chrf",
      "--paired-bs", "--paired-bs-n", "100", "-f", "text"], None),
    (["zh.ref.A", "-i", "zh.Online-B", "zh.WeChat-AI", "-tok", "zh", "-f", "latex"], None),
    (["de.ref.A", "-m", "chrf", "-b"], "de.UEdin"),
    (["de.ref.A", "-i", "de.UEdin", "-sl", "-m", "bleu"], None),
    (["de.ref.A", "-i", "de.UEdin", "-t", "wmt21"], None),
    (["de.ref.A", "-i", "zh.Online-B"], None),
]


@pytest.mark.parametrize("args, stdin", CASES, ids=[" ".join(a) for a, _ in CASES])
def test_script_equals_sacrebleu(args, stdin):
    need_sacrebleu()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SACREBLEU")}
    feed = (DATA / stdin).read_bytes() if stdin else b""
    ours = subprocess.run([script(), *args], input=feed, cwd=DATA, env=env, capture_output=True)
    theirs = subprocess.run([sys.executable, "-m", "sacrebleu", *args], input=feed, cwd=DATA,
                            env=env, capture_output=True)
    assert ours.returncode == theirs.returncode, (ours.stderr, theirs.stderr)
    assert ours.stdout == theirs.stdout
