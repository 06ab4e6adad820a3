"""A pytest plugin that makes ``sacrebleu`` resolve to mteval.

``sacrebleu``, ``sacrebleu.metrics``, ``sacrebleu.significance`` and ``sacrebleu.compat``
become mteval's modules of the same names before any test module is imported, so that
sacreBLEU's own test files (from its 2.6.0 source distribution, see
``scripts/sacrebleu_own_tests.sh``) run against mteval unchanged. At the end it checks
that sacreBLEU itself was never imported.
"""

import sys

import mteval
import mteval.compat
import mteval.metrics
import mteval.significance

ALIASES = {
    "sacrebleu": mteval,
    "sacrebleu.metrics": mteval.metrics,
    "sacrebleu.significance": mteval.significance,
    "sacrebleu.compat": mteval.compat,
}
sys.modules.update(ALIASES)


def pytest_sessionfinish(session, exitstatus):
    for name, module in ALIASES.items():
        if sys.modules.get(name) is not module:
            raise RuntimeError(f"{name} was replaced by {sys.modules.get(name)!r}")
    real = [m for m in sys.modules if m.startswith("sacrebleu.") and m not in ALIASES]
    if real:
        raise RuntimeError(f"sacreBLEU's own modules were imported: {real}")
