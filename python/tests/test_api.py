"""sacreBLEU's API behaviours on mteval: references layout, caching, strings, errors,
significance; and the batch calls sacreBLEU lacks (sentence_scores, pairwise_scores).

Side-by-side checks with the real sacreBLEU 2.6.0 (and fastChrF) run when they are
installed (``MTEVAL_REQUIRE_PYTHON=1`` makes their absence a failure)."""

import json
import math
import os
import threading

import pytest

import mteval
from mteval.metrics import BLEU, CHRF, TER
from mteval.significance import PairedTest, Result

from conftest import ROOT, need_sacrebleu

REAL = ROOT / "tests" / "data" / "golden" / "wmt21-en-de"


def lines(path):
    with open(path, encoding="utf-8", newline="\n") as f:
        return [line.rstrip() for line in f]


REF_A = lines(REAL / "ref.A.de")
REF_C = lines(REAL / "ref.C.de")
ONLINE_W = lines(REAL / "Online-W.de")
VOLCTRANS = lines(REAL / "VolcTrans-GLAT.de")


def metrics_of(lib):
    return [lib.metrics.BLEU(), lib.metrics.BLEU(tokenize="intl", lowercase=True),
            lib.metrics.BLEU(smooth_method="add-k", effective_order=True),
            lib.metrics.CHRF(), lib.metrics.CHRF(word_order=2, eps_smoothing=True),
            lib.metrics.TER(), lib.metrics.TER(normalized=True, case_sensitive=True)]


def test_strings_equal_sacrebleu():
    real = need_sacrebleu()
    for ours, theirs in zip(metrics_of(mteval), metrics_of(real)):
        for refs in ([REF_A], [REF_A, REF_C]):
            a = ours.corpus_score(ONLINE_W, refs)
            b = theirs.corpus_score(ONLINE_W, refs)
            assert a.score == b.score
            assert str(a) == str(b) and repr(a) == repr(b)
            sa, sb = ours.get_signature(), theirs.get_signature()
            assert sa.format() == sb.format() and sa.format(short=True) == sb.format(short=True)
            for width in (0, 1, 4):
                for kw in ({}, {"score_only": True}, {"is_json": True}):
                    assert a.format(width, signature=str(sa), **kw) == \
                        b.format(width, signature=str(sb), **kw)
            s1 = ours.sentence_score(VOLCTRANS[7], [r[7] for r in refs])
            s2 = theirs.sentence_score(VOLCTRANS[7], [r[7] for r in refs])
            assert s1.score == s2.score and str(s1) == str(s2)


def test_bootstrap_interval_equals_sacrebleu(monkeypatch):
    real = need_sacrebleu()
    monkeypatch.setenv("SACREBLEU_SEED", "7")
    for ours, theirs in zip(metrics_of(mteval), metrics_of(real)):
        a = ours.corpus_score(ONLINE_W, [REF_A], n_bootstrap=200)
        b = theirs.corpus_score(ONLINE_W, [REF_A], n_bootstrap=200)
        assert (a._mean, a._ci) == pytest.approx((b._mean, b._ci), rel=1e-9, abs=1e-9)
        assert str(ours.get_signature()) == str(theirs.get_signature())
        assert a.format(signature=str(ours.get_signature()), is_json=True) == \
            b.format(signature=str(theirs.get_signature()), is_json=True)


def test_paired_tests_equal_sacrebleu():
    real = need_sacrebleu()
    systems = [("Online-W", ONLINE_W), ("VolcTrans", VOLCTRANS), ("Online-W-head", ONLINE_W[:100] + VOLCTRANS[100:])]
    for test_type, n in (("bs", 300), ("ar", 500)):
        ours = PairedTest(systems, {"BLEU": BLEU(references=[REF_A]), "chrF": CHRF()}, [REF_A], test_type, n)()
        theirs = real.significance.PairedTest(
            systems, {"BLEU": real.metrics.BLEU(references=[REF_A]), "chrF": real.metrics.CHRF()},
            [REF_A], test_type, n)()
        assert {k: str(v) for k, v in ours[0].items()} == {k: str(v) for k, v in theirs[0].items()}
        assert ours[1]["System"] == theirs[1]["System"]
        for name in ("BLEU", "chrF2"):
            for r, t in zip(ours[1][name], theirs[1][name]):
                assert isinstance(r, Result)
                for field in ("score", "p_value", "mean", "ci"):
                    x, y = getattr(r, field), getattr(t, field)
                    assert (x is None) == (y is None), (name, field)
                    if x is not None:
                        assert math.isclose(x, float(y), rel_tol=1e-9, abs_tol=1e-9), (name, field, x, y)


def test_none_references_make_nrefs_var():
    refs = [["a b c", "d e f"], ["a b c", None]]
    m = BLEU()
    s = m.corpus_score(["a b c", "d e"], refs)
    assert m.get_signature().info["nrefs"] == "var"
    assert str(m.get_signature()).startswith("nrefs:var|")
    assert s.score == BLEU().corpus_score(["a b c", "d e"], [["a b c", "d e f"]]).score or s.score > 0


def test_segment_without_any_reference_is_refused():
    # sacreBLEU fails inside its metrics (TypeError, IndexError, ZeroDivisionError).
    for metric in (BLEU(), CHRF(), TER()):
        with pytest.raises(ValueError, match="segment 2 has no reference"):
            metric.corpus_score(["a b", "c"], [["a b", None], ["a", None]])
        with pytest.raises(ValueError, match="segment 1 has no reference"):
            metric.sentence_score("a b", [None])


def test_reference_cache_and_errors():
    m = CHRF(references=[REF_A])
    assert m.corpus_score(ONLINE_W, None).score == CHRF().corpus_score(ONLINE_W, [REF_A]).score
    with pytest.raises(RuntimeError, match="cache is empty"):
        CHRF().corpus_score(ONLINE_W, None)
    with pytest.raises(ValueError, match="segments"):
        BLEU().corpus_score(ONLINE_W[:-1], [REF_A])
    with pytest.raises(ValueError, match="stream 2"):
        BLEU().corpus_score(ONLINE_W, [REF_A, REF_C[:-1]])
    with pytest.raises(TypeError, match="BLEU: The argument `hyp` should be a string."):
        BLEU().sentence_score(["x"], ["y"])
    with pytest.raises(TypeError, match="`refs` should be a sequence of strings"):
        CHRF().sentence_score("x", "y")
    with pytest.raises(TypeError, match="Each element of `hyps` should be a string."):
        TER().corpus_score([1], [["x"]])
    with pytest.raises(KeyError):
        BLEU(tokenize="moses")
    with pytest.raises(AssertionError):
        BLEU(smooth_method="plus-one")
    with pytest.raises(ValueError, match="max_ngram_order"):
        BLEU(max_ngram_order=9)
    with pytest.raises(ValueError, match="max_ngram_order"):
        BLEU.compute_bleu([1, 1, 1], [2, 2, 2, 2], 2, 2)
    with pytest.raises(ValueError, match="Number of references unknown"):
        TER().get_signature()
    with pytest.raises(ValueError, match="character order"):
        CHRF(char_order=100)


def test_compute_bleu_from_statistics():
    s = BLEU.compute_bleu([9, 7, 5, 3], [10, 8, 6, 4], 11, 11)
    assert math.isclose(s.score / 100, 0.8375922397, abs_tol=1e-9)
    assert s.counts == [9, 7, 5, 3] and s.sys_len == 11 and s.bp == 1.0
    assert BLEU.compute_bleu([0, 0, 0, 0], [4, 4, 2, 1], 0, 1, "floor", 0.0).score == 0.0


def test_sentence_scores_equal_one_call_per_segment():
    for m in metrics_of(mteval):
        batch = m.sentence_scores(VOLCTRANS, [REF_A, REF_C])
        assert len(batch) == len(VOLCTRANS)
        one = [m.sentence_score(h, [a, c]).score for h, a, c in zip(VOLCTRANS, REF_A, REF_C)]
        assert batch == one
    cached = CHRF(references=[REF_A])
    assert cached.sentence_scores(ONLINE_W) == CHRF().sentence_scores(ONLINE_W, [REF_A])


def test_batch_calls_run_in_threads():
    m = CHRF(word_order=2)
    want = m.sentence_scores(ONLINE_W, [REF_A])
    out = [None] * 4

    def work(k):
        out[k] = m.sentence_scores(ONLINE_W, [REF_A])

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert out == [want] * 4


def test_pairwise_scores_equal_sentence_scores():
    m = CHRF()
    hyps = [ONLINE_W[k:k + 4] for k in range(0, 40, 4)]
    refs = [VOLCTRANS[k:k + 3] + [REF_A[k]] for k in range(0, 40, 4)]
    out = m.pairwise_scores(hyps, refs)
    assert len(out) == 10 and all(len(o) == 4 and all(len(r) == 4 for r in o) for o in out)
    for k in range(10):
        for i in range(4):
            for j in range(4):
                assert out[k][i][j] == m.sentence_score(hyps[k][i], [refs[k][j]]).score
    with pytest.raises(ValueError):
        m.pairwise_scores(hyps, refs[:-1])


def test_pairwise_scores_equal_fastchrf():
    try:
        import fastchrf
    except ImportError:
        if os.environ.get("MTEVAL_REQUIRE_PYTHON") == "1":
            pytest.fail("fastchrf is required (MTEVAL_REQUIRE_PYTHON=1)")
        pytest.skip("fastchrf is not installed")
    hyps = [ONLINE_W[k:k + 8] for k in range(0, 160, 8)]
    refs = [VOLCTRANS[k:k + 8] for k in range(0, 160, 8)]
    ours = CHRF().pairwise_scores(hyps, refs)
    theirs = fastchrf.pairwise_chrf(hyps, refs)
    worst = max(abs(a - b) for o, t in zip(ours, theirs) for ro, rt in zip(o, t) for a, b in zip(ro, rt))
    # fastChrF computes in float32-free Rust too, but sums precision and recall in its own
    # order: equal to well below the 0.01 that scores are reported with.
    assert worst < 1e-9, worst


def test_module_layout_like_sacrebleu():
    assert mteval.SACREBLEU_VERSION == "2.6.0"
    assert set(mteval.metrics.METRICS) == {"BLEU", "CHRF", "TER"}
    for name in ("corpus_bleu", "raw_corpus_bleu", "sentence_bleu", "corpus_chrf",
                 "sentence_chrf", "corpus_ter", "sentence_ter"):
        assert getattr(mteval, name) is getattr(mteval.compat, name)
    s = mteval.raw_corpus_bleu(["this is a fest"], [["this is a test"]], .01)
    assert math.isclose(s.score / 100, 0.223606797749979, abs_tol=1e-12)
    assert json.loads(s.format(is_json=True, signature="nrefs:1|version:2.6.0"))["nrefs"] == "1"


def test_max_ngram_order_equals_sacrebleu():
    real = need_sacrebleu()
    for order in range(1, 9):
        for refs in ([REF_A], [REF_A, REF_C]):
            for kw in ({}, {"smooth_method": "add-k", "effective_order": True}):
                a = BLEU(max_ngram_order=order, **kw).corpus_score(VOLCTRANS, refs)
                b = real.metrics.BLEU(max_ngram_order=order, **kw).corpus_score(VOLCTRANS, refs)
                assert a.score == b.score and str(a) == str(b), (order, len(refs), kw)
                assert a.counts == b.counts and a.totals == b.totals
            ours = BLEU(max_ngram_order=order, effective_order=True).sentence_scores(VOLCTRANS, refs)
            theirs = [real.metrics.BLEU(max_ngram_order=order, effective_order=True)
                      .sentence_score(h, list(r)).score for h, *r in zip(VOLCTRANS, *refs)]
            assert ours == theirs, order


def test_metrics_pickle_and_deepcopy():
    import copy
    import pickle
    refs = [REF_A, REF_C[:10] + [None] * (len(REF_C) - 10)]
    for m in (BLEU(tokenize="intl", max_ngram_order=3), CHRF(word_order=2, references=refs),
              TER(normalized=True, references=[REF_A])):
        want = m.corpus_score(VOLCTRANS, refs).score
        for clone in (pickle.loads(pickle.dumps(m)), copy.deepcopy(m)):
            assert clone.corpus_score(VOLCTRANS, refs).score == want
            if m._ref_cache is not None:
                assert clone.corpus_score(VOLCTRANS, None).score == m.corpus_score(VOLCTRANS, None).score
            assert str(clone.get_signature()) == str(m.get_signature())


def test_flat_lists_are_refused_where_streams_are_expected():
    with pytest.raises(TypeError, match=r"pass \[refs\]"):
        mteval.corpus_bleu(ONLINE_W, REF_A)
    with pytest.raises(TypeError, match="list of lists"):
        CHRF().pairwise_scores(["abc"], ["abd"])


def test_spm_is_flores101_as_in_sacrebleu(monkeypatch, tmp_path):
    monkeypatch.setenv("SACREBLEU", str(tmp_path))
    with pytest.raises(OSError, match="sacrebleu_tokenizer_spm.model"):
        BLEU(tokenize="spm")
