"""sacreBLEU's metric classes on mteval's engine (``sacrebleu.metrics``)."""

from .base import Metric, Score, Signature
from .bleu import BLEU, BLEUScore, BLEUSignature
from .chrf import CHRF, CHRFScore, CHRFSignature
from .ter import TER, TERScore, TERSignature

METRICS = {
    "BLEU": BLEU,
    "CHRF": CHRF,
    "TER": TER,
}

__all__ = [
    "METRICS",
    "Metric",
    "Score",
    "Signature",
    "BLEU",
    "BLEUScore",
    "BLEUSignature",
    "CHRF",
    "CHRFScore",
    "CHRFSignature",
    "TER",
    "TERScore",
    "TERSignature",
]
