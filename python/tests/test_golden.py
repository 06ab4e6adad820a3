"""``import mteval as sacrebleu`` gives sacreBLEU 2.6.0's numbers on every golden case.

``scripts/gen_golden.py`` made ``tests/data/golden/cases.json`` by scoring real text
(WMT21/WMT24, FLORES, WMT17, sacreBLEU's unit vectors, nasty synthetic files) with
sacreBLEU 2.6.0's API. Here the same generator code runs with ``sacrebleu`` resolving to
mteval, and every score, signature and detail must equal what sacreBLEU gave (1e-9).
"""

import importlib.util
import json
import math

import pytest

from conftest import ROOT

GOLDEN = ROOT / "tests" / "data" / "golden"
CASES = json.loads((GOLDEN / "cases.json").read_text(encoding="utf-8"))

_spec = importlib.util.spec_from_file_location("gen_golden", ROOT / "scripts" / "gen_golden.py")
gen_golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen_golden)


def assert_same(got, want, path="$"):
    """Equal structures; floats within 1e-9 (relative for large values)."""
    if isinstance(want, dict):
        assert isinstance(got, dict) and set(got) == set(want), f"{path}: keys {set(got)} vs {set(want)}"
        for k in want:
            assert_same(got[k], want[k], f"{path}.{k}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), f"{path}: length"
        for i, (g, w) in enumerate(zip(got, want)):
            assert_same(g, w, f"{path}[{i}]")
    elif isinstance(want, float) or isinstance(got, float):
        assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-9), f"{path}: {got!r} vs {want!r}"
    else:
        assert got == want, f"{path}: {got!r} vs {want!r}"


def test_cases_are_there():
    assert len(CASES) > 700


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_golden_case(case, as_sacrebleu):
    expected, segments = gen_golden.evaluate(
        [str(GOLDEN / r) for r in case["refs"]],
        [str(GOLDEN / s) for s in case["systems"]],
        case["args"],
        sentence_level=bool(case.get("segments")),
    )
    assert_same(expected, case["expected"])
    if case.get("segments"):
        assert_same(segments, case["segments"])
