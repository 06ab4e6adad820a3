"""chrF (Popović 2015) and chrF++ (Popović 2017) as sacreBLEU 2.6.0 (``metrics/chrf.py``)."""

from typing import Any, Dict, List, Optional, Sequence

from .. import _mteval
from .base import Metric, Score, Signature


class CHRFSignature(Signature):
    """chrF's signature: ``nrefs``, ``case``, ``eff``, ``nc``, ``nw``, ``space``, ``version``."""


class CHRFScore(Score):
    """A chrF score (0–100), named ``chrF<beta>`` plus one ``+`` per word order."""

    def __init__(self, score: float, char_order: int, word_order: int, beta: int):
        self.beta = beta
        self.char_order = char_order
        self.word_order = word_order
        super().__init__(f"chrF{self.beta}" + "+" * self.word_order, score)


class CHRF(Metric[CHRFScore]):
    """chrF with sacreBLEU's options: character and word n-gram orders (6, 0; word
    order 2 is chrF++), ``beta`` (2), ``lowercase``, ``whitespace`` (keep spaces in
    character n-grams), ``eps_smoothing`` (chrF++.py's smoothing instead of effective
    order), ``references`` to cache. ``ValueError`` for orders or beta out of range."""

    CHAR_ORDER = 6
    WORD_ORDER = 0
    BETA = 2
    _SIGNATURE_TYPE = CHRFSignature

    def __init__(self, char_order: int = CHAR_ORDER, word_order: int = WORD_ORDER,
                 beta: int = BETA, lowercase: bool = False, whitespace: bool = False,
                 eps_smoothing: bool = False,
                 references: Optional[Sequence[Sequence[Optional[str]]]] = None):
        super().__init__()
        self.beta = beta
        self.char_order = char_order
        self.word_order = word_order
        self.order = self.char_order + self.word_order
        self.lowercase = lowercase
        self.whitespace = whitespace
        self.eps_smoothing = eps_smoothing
        self._engine = self._build_engine(
            "chrf", char_order=char_order, word_order=word_order, beta=beta,
            lowercase=lowercase, whitespace=whitespace, eps_smoothing=eps_smoothing)
        if references is not None:
            self._ref_cache = self._cache_references(references)

    def _make_score(self, d: Dict[str, Any]) -> CHRFScore:
        return CHRFScore(d["score"], self.char_order, self.word_order, self.beta)

    def pairwise_scores(self, hypotheses: Sequence[Sequence[str]],
                        references: Sequence[Sequence[str]]) -> List[List[List[float]]]:
        """MBR's utility matrices (not in sacreBLEU; fastChrF's ``pairwise_chrf``):
        for each source ``k``, the sentence score of every hypothesis
        ``hypotheses[k][i]`` against every pseudo-reference ``references[k][j]``, as
        ``out[k][i][j]`` (0–100). Sources run in parallel with the GIL released.
        ``ValueError`` when the two outer lists differ in length."""
        for name, lists in (("hypotheses", hypotheses), ("references", references)):
            if isinstance(lists, str) or any(isinstance(x, str) for x in lists):
                raise TypeError(f"CHRF.pairwise_scores: `{name}` should be a list of lists "
                                "of strings (one list per source)")
        return self._engine.pairwise([list(h) for h in hypotheses],
                                     [list(r) for r in references])
