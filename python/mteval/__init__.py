"""mteval: sacreBLEU 2.6.0's Python API on mteval's Rust engine.

``import mteval as sacrebleu`` gives sacreBLEU's classes and functions with the same
names, arguments, scores and strings (``BLEU``, ``CHRF``, ``TER``, ``corpus_bleu``, …,
``significance.PairedTest``), computed by the same Rust code as the ``mteval`` command
line: every segment in parallel with the GIL released, 50–500 times faster. Beyond
sacreBLEU: ``Metric.sentence_scores`` scores a whole list of segments in one call and
``CHRF.pairwise_scores`` gives MBR's hypothesis × pseudo-reference matrices.

Signatures end in ``version:2.6.0``, sacreBLEU's version, because these numbers *are*
sacreBLEU 2.6.0's (tested against it) and scripts parse the signature;
``mteval.__version__`` is mteval's own version. Where mteval differs from sacreBLEU on
purpose, it says so: inputs of unequal length raise ``ValueError`` (sacreBLEU's ``zip``
silently drops the extra segments), and a SentencePiece model that is not in
``$SACREBLEU/models/`` raises ``OSError`` (mteval does not download).
"""

from . import _mteval
from . import compat, metrics, significance
from .compat import (
    corpus_bleu,
    corpus_chrf,
    corpus_ter,
    raw_corpus_bleu,
    sentence_bleu,
    sentence_chrf,
    sentence_ter,
)
from .metrics import BLEU, CHRF, TER, BLEUScore, CHRFScore, TERScore

#: mteval's own version.
__version__ = _mteval.MTEVAL_VERSION
#: The sacreBLEU version whose scores, strings and signatures this package reproduces.
SACREBLEU_VERSION = "2.6.0"

__all__ = [
    "BLEU",
    "CHRF",
    "TER",
    "BLEUScore",
    "CHRFScore",
    "TERScore",
    "corpus_bleu",
    "raw_corpus_bleu",
    "sentence_bleu",
    "corpus_chrf",
    "sentence_chrf",
    "corpus_ter",
    "sentence_ter",
    "compat",
    "metrics",
    "significance",
    "SACREBLEU_VERSION",
    "__version__",
]
