#!/usr/bin/env python3
"""Regenerate src/entities/data/english_{common,proper}.txt from SCOWL (run once; output is committed).

The word lists are SCOWL size 50 as Debian ships them in the packages `wamerican` and
`wbritish` (version 2020.12.07-2, /usr/share/dict/{american,british}-english):

    cd "$(mktemp -d)"     # any scratch directory; REPO below is the repository root
    apt-get download wamerican wbritish
    for d in wamerican_*.deb wbritish_*.deb; do dpkg -x "$d" scowl; done
    python3 REPO/scripts/gen_english_lexicon.py scowl/usr/share/dict/american-english scowl/usr/share/dict/british-english

The script finds the repository from its own location, whatever the current directory, and
writes into REPO/src/entities/data/:
  english_common.txt  words SCOWL lists in lowercase (government, polite, trump), one per line
  english_proper.txt  words SCOWL lists capitalised (Yale, Scottish, Trump, Congress), one per
                      line, in their capitalised form; all-caps abbreviations are left out
Possessives ('s) are dropped; both files are sorted (byte order) and deduplicated.
Licence: SCOWL, Copyright 2000-2011 by Kevin Atkinson, permissive (see src/entities/data/README.md).
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'src', 'entities', 'data')


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    common, proper = set(), set()
    for path in sys.argv[1:]:
        with open(path, encoding='utf-8') as f:
            for w in f:
                w = w.strip()
                if not w or "'" in w or not all(c.isalpha() for c in w):
                    continue
                if w.islower():
                    common.add(w)
                elif w[0].isupper() and not (len(w) > 1 and w.isupper()):
                    proper.add(w)
    for name, words in (('english_common.txt', common), ('english_proper.txt', proper)):
        with open(os.path.join(OUT, name), 'w', encoding='utf-8', newline='\n') as out:
            for w in sorted(words):
                out.write(w + '\n')
        print(f'{name}: {len(words)} words', file=sys.stderr)


if __name__ == '__main__':
    main()
