#!/usr/bin/env bash
# Runs sacreBLEU 2.6.0's own tests of BLEU, chrF, TER, sentence BLEU and significance
# against the installed `mteval` Python package: the test files come from sacreBLEU's
# source distribution on PyPI (downloaded here, never committed), sacreBLEU's own package
# is removed from it, and python/tests/sacrebleu_alias.py makes `sacrebleu`,
# `sacrebleu.metrics`, `sacrebleu.significance` and `sacrebleu.compat` resolve to mteval's
# modules. Needs pytest and numpy-free mteval installed (`pip install . pytest`).
# Usage: scripts/sacrebleu_own_tests.sh [PYTHON]   (default: python3)
set -euo pipefail
python=${1:-python3}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" -m pip download -q --no-deps --no-binary :all: sacrebleu==2.6.0 -d "$work"
tar xzf "$work/sacrebleu-2.6.0.tar.gz" -C "$work"
src="$work/sacrebleu-2.6.0"
rm -rf "$src/sacrebleu"
cd "$src"   # test_significance.py reads ./test/wmt17_en_de_systems.pkl.bz2
PYTHONPATH="$root/python/tests" "$python" -m pytest -q -p no:cacheprovider -p sacrebleu_alias \
    test/test_bleu.py test/test_chrf.py test/test_ter.py test/test_sentence_bleu.py \
    test/test_significance.py
