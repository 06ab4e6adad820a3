"""The ``Score``, ``Signature`` and ``Metric`` base classes (sacreBLEU's ``metrics/base.py``).

A metric here holds an ``mteval._mteval.Engine`` (the Rust metric with its options) and,
optionally, cached references (``mteval._mteval.References``). Scoring hands the whole
corpus to the engine at once: segment statistics are computed in parallel, summed in
segment order, and scored exactly as sacreBLEU 2.6.0 scores them.
"""

import json
import logging
import os
from typing import Any, Dict, Generic, List, Optional, Sequence, Tuple, TypeVar

from .. import _mteval

logger = logging.getLogger("mteval")

#: The version written into signatures: sacreBLEU's, whose scores these are.
SIGNATURE_VERSION = "2.6.0"


def _env_seed() -> Tuple[str, Optional[int]]:
    """sacreBLEU's seed: ``$SACREBLEU_SEED`` (default 12345), ``none`` for OS entropy.

    Returns ``(seed as it appears in signatures, seed as an int or None)``.
    """
    seed = os.environ.get("SACREBLEU_SEED", "12345")
    return str(seed).lower(), None if seed.lower() == "none" else int(seed)


class Score:
    """A score: ``name`` (``BLEU``, ``chrF2``, ``TER``) and ``score`` (0–100; TER may
    exceed 100). After ``corpus_score(…, n_bootstrap=N)`` it also holds the bootstrap
    mean and 95% half-interval, which ``format`` prints as ``(μ = mean ± ci)``."""

    def __init__(self, name: str, score: float):
        self.name = name
        self.score = score
        self._mean = -1.0
        self._ci = -1.0
        self._verbose = ""

    def format(
        self,
        width: int = 2,
        score_only: bool = False,
        signature: str = "",
        is_json: bool = False,
    ) -> str:
        """The score as sacreBLEU prints it, with ``width`` decimals.

        ``NAME|SIGNATURE = SCORE DETAILS`` (text), ``SCORE`` alone (``score_only`` and
        not JSON) or a JSON object with the signature's keys (``is_json``)."""
        d: Dict[str, Any] = {
            "name": self.name,
            "score": float(f"{self.score:.{width}f}"),
            "signature": signature,
        }
        sc = f"{self.score:.{width}f}"
        if self._mean > 0:
            mean = f"{self._mean:.{width}f}"
            ci = f"{self._ci:.{width}f}"
            confidence = f"μ = {mean} ± {ci}"
            sc += f" ({confidence})"
            if is_json:
                d["confidence_mean"] = float(mean)
                d["confidence_var"] = float(ci)
                d["confidence"] = confidence
        full = f"{self.name}|{signature}" if signature else self.name
        full = f"{full} = {sc}"
        if self._verbose:
            full += f" {self._verbose}"
            d["verbose_score"] = self._verbose
        if score_only:
            return sc
        if is_json:
            for param in signature.split("|"):
                key, value = param.split(":")
                d[key] = value
            return json.dumps(d, indent=1, ensure_ascii=False)
        return full

    def estimate_ci(self, scores: List["Score"]) -> None:
        """Stores the mean and 95% half-interval of bootstrap ``scores`` (sacreBLEU's
        ``Score.estimate_ci``: the 1/40 and 39/40 order statistics)."""
        raw = sorted(x.score for x in scores)
        n = len(raw)
        lower_idx = n // 40
        upper_idx = n - lower_idx - 1
        self._ci = 0.5 * (raw[upper_idx] - raw[lower_idx])
        self._mean = sum(raw) / n if n else -1.0

    def __repr__(self) -> str:
        return self.format()


#: The score type a metric returns.
S = TypeVar("S", bound=Score)


class Signature:
    """A reproducibility signature (``nrefs:1|case:mixed|…|version:2.6.0``).

    ``info`` maps keys to values in sacreBLEU's order (global keys, then the metric's);
    ``format(short=True)`` uses sacreBLEU's abbreviations. ``update`` adds or changes a
    key (``PairedTest`` records ``seed`` and ``bs``/``ar`` this way)."""

    def __init__(self, args: Dict[str, Any]):
        if "num_refs" not in args:
            raise ValueError("Number of references unknown, please evaluate the metric first.")
        num_refs = args["num_refs"]
        if num_refs == -1:
            num_refs = "var"
        self._abbr = {
            "version": "v",
            "nrefs": "#",
            "test": "t",
            "lang": "l",
            "subset": "S",
            "origlang": "o",
            "bs": "bs",
            "ar": "ar",
            "seed": "rs",
        }
        self.info: Dict[str, Any] = {
            "version": SIGNATURE_VERSION,
            "nrefs": num_refs,
            "bs": args.get("n_bootstrap", None),
            "ar": None,
            "seed": args.get("seed", None),
            "test": args.get("test_set", None),
            "lang": args.get("langpair", None),
            "origlang": args.get("origlang", None),
            "subset": args.get("subset", None),
        }
        engine = args.get("_engine")
        if engine is not None:
            for key, short, value in engine.signature_entries():
                self._abbr[key] = short
                self.info[key] = value

    def format(self, short: bool = False) -> str:
        """``key:value`` pairs joined by ``|``, version last; unset keys left out."""
        pairs = []
        keys = [k for k in self.info if k != "version"] + ["version"]
        for name in keys:
            value = self.info[name]
            if value is not None:
                if isinstance(value, bool):
                    value = "yes" if value else "no"
                pairs.append(f"{self._abbr.get(name, name) if short else name}:{value}")
        return "|".join(pairs)

    def update(self, key: str, value: Any) -> None:
        """Adds or changes ``key``."""
        self.info[key] = value

    def __str__(self) -> str:
        return self.format()

    def __repr__(self) -> str:
        return self.format()


class Metric(Generic[S]):
    """A metric with its options, scoring through mteval's engine.

    References are sacreBLEU's layout: a sequence of reference *streams*, each a
    sequence of one string per segment; a segment's reference may be ``None`` (fewer
    references for that segment; the signature then says ``nrefs:var``). Passing
    ``references=`` to the constructor caches them for every later call with
    ``references=None``."""

    _SIGNATURE_TYPE = Signature
    #: The Rust metric; set by each subclass's constructor.
    _engine: _mteval.Engine
    num_refs: int

    def __init__(self) -> None:
        self._ref_cache: Optional[_mteval.References] = None
        self._force = True
        self.n_bootstrap: Optional[int] = None
        self.seed: Optional[str] = None

    def _build_engine(self, key: str, **options: Any) -> _mteval.Engine:
        """The Rust metric, remembering how it was built so that the metric pickles."""
        self._engine_args = (key, options)
        return _mteval.Engine(key, **options)

    def _signature_value(self, key: str) -> str:
        """The value of ``key`` in the Rust metric's signature entries."""
        return next(v for k, _, v in self._engine.signature_entries() if k == key)

    def __getstate__(self) -> Dict[str, Any]:
        # The Rust metric is rebuilt from its arguments (pickle, copy.deepcopy,
        # multiprocessing); cached references pickle as their streams.
        state = dict(self.__dict__)
        del state["_engine"]
        return state

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__dict__.update(state)
        key, options = self._engine_args
        self._engine = _mteval.Engine(key, **options)

    # --- argument checks, as sacreBLEU's (same exception types and messages) ---

    def _check_sentence_score_args(self, hyp: str, refs: Sequence[Optional[str]]) -> None:
        prefix = self.__class__.__name__
        err = None
        if not isinstance(hyp, str):
            err = "The argument `hyp` should be a string."
        elif isinstance(refs, str) or not isinstance(refs, Sequence):
            err = "The argument `refs` should be a sequence of strings."
        elif not isinstance(refs[0], str) and refs[0] is not None:
            err = "Each element of `refs` should be a string."
        if err:
            raise TypeError(f"{prefix}: {err}")

    def _check_corpus_score_args(
        self, hyps: Sequence[str], refs: Optional[Sequence[Sequence[Optional[str]]]]
    ) -> None:
        prefix = self.__class__.__name__
        err = None
        if not isinstance(hyps, Sequence):
            err = "`hyps` should be a sequence of strings."
        elif not isinstance(hyps[0], str):
            err = "Each element of `hyps` should be a string."
        elif any(line is None for line in hyps):
            err = "Undefined line in hypotheses stream!"
        if refs is not None:
            if not isinstance(refs, Sequence):
                err = "`refs` should be a sequence of sequence of strings."
            elif not isinstance(refs[0], Sequence):
                err = "Each element of `refs` should be a sequence of strings."
            elif not isinstance(refs[0][0], str) and refs[0][0] is not None:
                err = "`refs` should be a sequence of sequence of strings."
        if err:
            raise TypeError(f"{prefix}: {err}")

    # --- references ---

    def _cache_references(
        self, references: Sequence[Sequence[Optional[str]]]
    ) -> _mteval.References:
        """Transposes reference streams into segments (``None`` dropped) and records the
        number of references (``-1`` when it varies by segment). ``TypeError`` when the
        references are one flat list of strings instead of a list of streams."""
        if any(isinstance(s, str) for s in references):
            raise TypeError(
                f"{self.__class__.__name__}: references should be a sequence of reference "
                "streams (each a sequence of strings): for one reference, pass [refs]")
        refs = _mteval.References([list(s) for s in references])
        self.num_refs = -1 if refs.nrefs is None else refs.nrefs
        return refs

    def _references(
        self, references: Optional[Sequence[Sequence[Optional[str]]]]
    ) -> _mteval.References:
        if references:
            return self._cache_references(references)
        if self._ref_cache is not None:
            return self._ref_cache
        raise RuntimeError("No references provided and the cache is empty.")

    def _warn_tokenized(self, hypotheses: Sequence[str]) -> None:
        if not self._force and sum(1 for h in hypotheses if h.endswith(" .")) >= 100:
            logger.warning("That's 100 lines that end in a tokenized period ('.')")
            logger.warning(
                "It looks like you forgot to detokenize your test data, which may hurt your score."
            )
            logger.warning(
                "If you insist your data is detokenized, or don't care, you can suppress "
                "this message with the `force` parameter."
            )

    def _make_score(self, d: Dict[str, Any]) -> S:
        raise NotImplementedError("each metric builds its own score")

    # --- scoring ---

    def corpus_score(
        self,
        hypotheses: Sequence[str],
        references: Optional[Sequence[Sequence[Optional[str]]]],
        n_bootstrap: int = 1,
    ) -> S:
        """The corpus score of ``hypotheses`` (one string per segment) against
        ``references`` (reference streams; ``None`` uses the cached ones).

        With ``n_bootstrap > 1``, also the mean and 95% half-interval of that many
        bootstrap resamples, drawn as sacreBLEU draws them (``$SACREBLEU_SEED``).
        Raises ``TypeError`` for arguments of the wrong type (as sacreBLEU),
        ``ValueError`` when the hypotheses and reference streams differ in length,
        ``RuntimeError`` with neither references nor a cache."""
        self._check_corpus_score_args(hypotheses, references)
        refs = self._references(references)
        self._warn_tokenized(hypotheses)
        ev = self._engine.evaluate([list(hypotheses)], refs, n_bootstrap > 1)
        score = self._make_score(ev.score(0))
        if n_bootstrap > 1:
            self.seed, seed = _env_seed()
            self.n_bootstrap = n_bootstrap
            score._mean, score._ci = ev.bootstrap_ci(0, n_bootstrap, seed)
        return score

    def sentence_score(self, hypothesis: str, references: Sequence[Optional[str]]) -> S:
        """The score of one segment: ``hypothesis`` against its ``references`` (a
        sequence of strings, one per reference)."""
        self._check_sentence_score_args(hypothesis, references)
        refs = self._cache_references([[r] for r in references])
        ev = self._engine.evaluate([[hypothesis]], refs, False)
        return self._make_score(ev.score(0))

    def sentence_scores(
        self,
        hypotheses: Sequence[str],
        references: Optional[Sequence[Sequence[Optional[str]]]] = None,
    ) -> List[float]:
        """Every segment's ``sentence_score(…).score`` in one call (not in sacreBLEU):
        ``hypotheses`` one string per segment, ``references`` reference streams as in
        ``corpus_score`` (``None``: the cached ones). Computed in parallel with the GIL
        released; returns a list of floats (0–100), one per segment."""
        if isinstance(hypotheses, str):
            raise TypeError(f"{self.__class__.__name__}: `hyps` should be a sequence of strings.")
        refs = self._references(references)
        ev = self._engine.evaluate([list(hypotheses)], refs, True)
        return ev.segment_scores(0)

    def get_signature(self) -> Signature:
        """The signature of the last scores (the number of references is known once
        references were given)."""
        return self._SIGNATURE_TYPE(self.__dict__)
