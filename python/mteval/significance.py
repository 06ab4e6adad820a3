"""Paired significance tests over Python lists (sacreBLEU's ``significance.py``).

``PairedTest(named_systems, metrics, references, test_type, n_samples)()`` returns
sacreBLEU's ``(signatures, scores)``: ``scores['System']`` lists the system names
(baseline first) and ``scores[metric name]`` one ``Result`` per system, with sacreBLEU's
p-values to the last bit: resamples and trials are drawn as numpy's ``default_rng``
draws them (``$SACREBLEU_SEED``, default 12345), statistics summed in float32 as
sacreBLEU sums them. All systems of a metric are scored in one parallel pass; the tests
run in Rust with the GIL released.
"""

import logging
import os
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import _mteval

from .metrics.base import Metric, Signature

logger = logging.getLogger("mteval")


class Result:
    """One system's outcome: ``score``, ``p_value`` against the baseline (``None`` for
    the baseline), and with the paired bootstrap the resamples' ``mean`` and 95%
    half-interval ``ci``."""

    def __init__(self, score: float, p_value: Optional[float] = None,
                 mean: Optional[float] = None, ci: Optional[float] = None):
        self.score = score
        self.p_value = p_value
        self.mean = mean
        self.ci = ci

    def __repr__(self) -> str:
        return ",".join(f"{k}={v}" for k, v in self.__dict__.items())


class PairedTest:
    """Paired approximate randomisation (``test_type='ar'``, 10000 trials by default)
    or paired bootstrap resampling (``'bs'``, 1000 resamples) of every system against
    the first of ``named_systems`` (a list of ``(name, hypotheses)``), for every metric
    of ``metrics`` (a mapping of names to ``BLEU``/``CHRF``/``TER`` instances), with
    ``references`` (reference streams, or ``None`` for each metric's cached ones).

    ``n_jobs`` is accepted for compatibility; the tests run on mteval's thread pool.
    ``n_ar_confidence > 0`` with ``'ar'`` raises ``NotImplementedError``."""

    _DEFAULT_SAMPLES = {"ar": 10000, "bs": 1000}

    def __init__(self, named_systems: List[Tuple[str, Sequence[str]]],
                 metrics: Mapping[str, Metric[Any]],
                 references: Optional[Sequence[Sequence[Optional[str]]]],
                 test_type: str = "ar", n_samples: int = 0, n_ar_confidence: int = -1,
                 n_jobs: int = 1):
        assert test_type in ("ar", "bs"), f"Unknown test type {test_type!r}"
        self.test_type = test_type
        seed = os.environ.get("SACREBLEU_SEED", "12345")
        self._seed = None if seed.lower() == "none" else int(seed)
        self.n_jobs = n_jobs
        self.references = references
        self.named_systems = named_systems
        self.n_ar_confidence = n_ar_confidence if n_ar_confidence != 0 else \
            self._DEFAULT_SAMPLES["bs"]
        if test_type == "ar" and self.n_ar_confidence > 0:
            raise NotImplementedError(
                "mteval: confidence intervals with approximate randomisation "
                "(n_ar_confidence > 0) are not supported yet")
        self.n_samples = n_samples if n_samples > 0 else self._DEFAULT_SAMPLES[test_type]
        self.n_systems = len(named_systems) - 1
        self._signatures: Dict[str, Signature] = {}
        self._evaluated: Dict[str, _mteval.Evaluated] = {}
        self.metrics: Dict[str, Metric[Any]] = {}
        hyps = [list(h) for _, h in named_systems]
        for metric in metrics.values():
            refs = metric._references(references)
            ev = metric._engine.evaluate(hyps, refs, True)
            name = metric._engine.name()
            self._evaluated[name] = ev
            self.metrics[name] = metric
            sig = metric.get_signature()
            sig.update("seed", str(self._seed).lower())
            sig.update(self.test_type, self.n_samples)
            if self.n_ar_confidence > 0:
                sig.update("bs", self.n_ar_confidence)
            self._signatures[name] = sig

    def __call__(self) -> Tuple[Dict[str, Signature], Dict[str, List[Union[str, Result]]]]:
        """Runs the tests: ``(signatures by metric name, scores)``."""
        scores: Dict[str, List[Union[str, Result]]] = {
            "System": [name for name, _ in self.named_systems]}
        # sacreBLEU passes `seed if seed else None` to its tests: a seed of 0 draws from
        # OS entropy.
        seed = self._seed if self._seed else None
        for name, ev in self._evaluated.items():
            rows = ev.paired(self.test_type, 0, self.n_samples, seed)
            scores[name] = [Result(s, p, m, c) for s, p, m, c in rows]
        return self._signatures, scores
