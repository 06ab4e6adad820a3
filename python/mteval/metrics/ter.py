"""TER (Snover et al. 2006) as sacreBLEU 2.6.0 computes it (``metrics/ter.py``, tercom)."""

from typing import Any, Dict, Optional, Sequence

from .. import _mteval
from .base import Metric, Score, Signature


class TERSignature(Signature):
    """TER's signature: ``nrefs``, ``case``, ``tok``, ``norm``, ``punct``, ``asian``, ``version``."""


class TERScore(Score):
    """A TER score (edits per 100 reference words; may exceed 100), with the summed
    ``num_edits`` (int) and average reference length ``ref_length``."""

    def __init__(self, score: float, num_edits: float, ref_length: float):
        super().__init__("TER", score)
        self.num_edits = int(num_edits)
        self.ref_length = ref_length


class TER(Metric[TERScore]):
    """TER with sacreBLEU's (tercom's) options: ``normalized``, ``no_punct``,
    ``asian_support``, ``case_sensitive``, and ``references`` to cache."""

    _SIGNATURE_TYPE = TERSignature

    def __init__(self, normalized: bool = False, no_punct: bool = False,
                 asian_support: bool = False, case_sensitive: bool = False,
                 references: Optional[Sequence[Sequence[Optional[str]]]] = None):
        super().__init__()
        self.no_punct = no_punct
        self.normalized = normalized
        self.asian_support = asian_support
        self.case_sensitive = case_sensitive
        self._engine = self._build_engine(
            "ter", normalized=normalized, no_punct=no_punct, asian_support=asian_support,
            case_sensitive=case_sensitive)
        self.tokenizer_signature = self._signature_value("tok")
        if references is not None:
            self._ref_cache = self._cache_references(references)

    def _make_score(self, d: Dict[str, Any]) -> TERScore:
        return TERScore(d["score"], d["num_edits"], d["ref_length"])
