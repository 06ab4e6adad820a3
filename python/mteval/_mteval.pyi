"""Type stubs of ``mteval._mteval``, the Rust engine under the ``mteval`` package.

Shapes: a *system* is a list of hypothesis strings, one per segment; reference
*streams* are sacreBLEU's layout, a list of streams each holding one string (or ``None``
for "no reference here") per segment. Scores are on sacreBLEU's 0–100 scale (TER may
exceed 100). Errors: ``ValueError`` for inputs of unequal length and options out of
range, ``NotImplementedError`` for sacreBLEU options mteval does not have yet,
``OSError`` for a missing MeCab dictionary or SentencePiece model, ``IndexError`` for a
system index out of range.
"""

from typing import Dict, List, Optional, Sequence, Tuple, Union, final

from typing_extensions import Self

__all__ = [
    "Engine",
    "Evaluated",
    "References",
    "MTEVAL_VERSION",
    "TOKENIZERS",
    "bleu_from_stats",
    "sacrebleu_main",
]

#: mteval's version.
MTEVAL_VERSION: str
#: sacreBLEU's BLEU tokenizer names, in its order (``BLEU.TOKENIZERS``).
TOKENIZERS: List[str]

@final
class References:
    """Reference streams transposed into segments (``None`` entries dropped)."""

    def __new__(cls, streams: Sequence[Sequence[Optional[str]]]) -> Self:
        """``ValueError`` when the streams differ in length, there are none, or a segment
        has no reference that is not ``None``."""
    def __len__(self) -> int:
        """The number of segments."""
    @property
    def nrefs(self) -> Optional[int]:
        """References per segment, or ``None`` when it varies (``nrefs:var``)."""

@final
class Evaluated:
    """Statistics of every system under one metric (``Engine.evaluate``)."""

    def __len__(self) -> int:
        """The number of segments."""
    def score(self, i: int) -> Dict[str, Union[float, int, List[float]]]:
        """System ``i``'s corpus score: ``score`` and the metric's details (BLEU:
        ``counts``, ``totals``, ``precisions``, ``bp``, ``sys_len``, ``ref_len``; chrF:
        ``beta``, ``char_order``, ``word_order``; TER: ``num_edits``, ``ref_length``)."""
    def segment_scores(self, i: int) -> List[float]:
        """System ``i``'s segments scored one by one (sacreBLEU's ``sentence_score``);
        needs ``keep=True``."""
    def bootstrap_ci(self, i: int, n_samples: int, seed: Optional[int]) -> Tuple[float, float]:
        """``(mean, ci)`` of ``n_samples`` bootstrap resamples drawn as numpy's
        ``default_rng(seed)`` (``None``: OS entropy); needs ``keep=True``."""
    def paired(
        self,
        test: str,
        baseline: int,
        n_samples: int,
        seed: Optional[int],
        sacrebleu_p: bool = True,
    ) -> List[Tuple[float, Optional[float], Optional[float], Optional[float]]]:
        """``(score, p_value, mean, ci)`` per system for the paired test ``"bs"`` or
        ``"ar"`` against system ``baseline``, as sacreBLEU's ``PairedTest``."""

@final
class Engine:
    """A metric (``"bleu"``, ``"chrf"``, ``"ter"``) with sacreBLEU's options."""

    def __new__(
        cls,
        key: str,
        *,
        tokenize: Optional[str] = None,
        trg_lang: Optional[str] = None,
        mecab_dic: Optional[str] = None,
        spm_model: Optional[str] = None,
        lowercase: bool = False,
        smooth_method: str = "exp",
        smooth_value: Optional[float] = None,
        effective_order: bool = False,
        max_ngram_order: int = 4,
        char_order: int = 6,
        word_order: int = 0,
        beta: int = 2,
        whitespace: bool = False,
        eps_smoothing: bool = False,
        normalized: bool = False,
        no_punct: bool = False,
        asian_support: bool = False,
        case_sensitive: bool = False,
    ) -> Self:
        """``ValueError`` for an unknown key or options out of range, ``OSError``
        when the MeCab dictionary (``mecab_dic``: a compiled dictionary directory) or
        the SentencePiece model (``spm_model``, else sacreBLEU's
        ``$SACREBLEU/models/…``) cannot be read."""
    def name(self) -> str:
        """``BLEU``, ``chrF2``, ``chrF2++``, ``TER``."""
    def signature_entries(self) -> List[Tuple[str, str, str]]:
        """The metric's signature entries as ``(key, short key, value)``."""
    def evaluate(
        self, systems: Sequence[Sequence[str]], refs: References, keep: bool
    ) -> Evaluated:
        """Statistics of every system (parallel, GIL released); ``keep`` keeps each
        segment's statistics for segment scores, intervals and tests."""
    def pairwise(
        self, hypotheses: Sequence[Sequence[str]], references: Sequence[Sequence[str]]
    ) -> List[List[List[float]]]:
        """``out[k][i][j]``: hypothesis ``i`` of source ``k`` scored against its
        pseudo-reference ``j`` alone (MBR), parallel, GIL released."""

def bleu_from_stats(
    correct: Sequence[int],
    total: Sequence[int],
    sys_len: int,
    ref_len: int,
    smooth_method: str,
    smooth_value: Optional[float],
    effective_order: bool,
    max_ngram_order: int,
) -> Dict[str, Union[float, int, List[float]]]:
    """BLEU of summed statistics (sacreBLEU's ``BLEU.compute_bleu``)."""

def sacrebleu_main(argv: Sequence[str]) -> int:
    """Runs ``mteval sacrebleu`` (sacreBLEU 2.6.0's command line, byte-identical output)
    with ``argv`` (without the program name) on the process's stdin/stdout/stderr;
    returns the exit code."""
