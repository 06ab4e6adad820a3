"""Console scripts of the package.

``mteval-sacrebleu`` takes sacreBLEU 2.6.0's command-line arguments and prints what
``sacrebleu`` prints, byte for byte (``mteval sacrebleu`` of the Rust binary; see
README.md "mteval sacrebleu"). Scripts that call ``sacrebleu`` switch by calling
``mteval-sacrebleu`` instead, or with ``alias sacrebleu=mteval-sacrebleu``.
"""

import sys

from . import _mteval


def sacrebleu() -> None:
    """Entry point of ``mteval-sacrebleu``: exits with sacreBLEU's exit code."""
    # The Rust side writes to the file descriptors directly: flush Python's buffers first.
    sys.stdout.flush()
    sys.stderr.flush()
    raise SystemExit(_mteval.sacrebleu_main(sys.argv[1:]))
