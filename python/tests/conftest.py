"""Shared fixtures of the Python package's tests (``python -m pytest python/tests``)."""

import sys
from pathlib import Path

import pytest

import mteval
import mteval.compat
import mteval.metrics
import mteval.significance

ROOT = Path(__file__).resolve().parents[2]

try:  # the real sacreBLEU, when installed, for side-by-side checks
    import sacrebleu as real_sacrebleu  # noqa: F401
    import sacrebleu.significance  # noqa: F401
    if real_sacrebleu.__version__ != "2.6.0":
        real_sacrebleu = None
except ImportError:
    real_sacrebleu = None


def need_sacrebleu():
    """Skips a test without sacreBLEU 2.6.0, or fails it under ``MTEVAL_REQUIRE_PYTHON=1``."""
    import os
    if real_sacrebleu is None:
        if os.environ.get("MTEVAL_REQUIRE_PYTHON") == "1":
            pytest.fail("sacrebleu==2.6.0 is required (MTEVAL_REQUIRE_PYTHON=1)")
        pytest.skip("sacrebleu==2.6.0 is not installed")
    return real_sacrebleu


@pytest.fixture
def as_sacrebleu(monkeypatch):
    """Makes ``sacrebleu`` and its submodules resolve to mteval's for one test."""
    for name, module in {
        "sacrebleu": mteval,
        "sacrebleu.metrics": mteval.metrics,
        "sacrebleu.significance": mteval.significance,
        "sacrebleu.compat": mteval.compat,
    }.items():
        monkeypatch.setitem(sys.modules, name, module)
