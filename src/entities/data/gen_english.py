#!/usr/bin/env python3
"""Regenerate english_common.txt and english_proper.txt from SCOWL (run once; output is committed).

The word lists are SCOWL size 50 as Debian ships them in the packages `wamerican` and
`wbritish` (version 2020.12.07-2, /usr/share/dict/{american,british}-english):

    apt-get download wamerican wbritish
    for d in wamerican_*.deb wbritish_*.deb; do dpkg -x "$d" scowl; done
    python3 gen_english.py scowl/usr/share/dict/american-english scowl/usr/share/dict/british-english

Writes, next to this script:
  english_common.txt  words SCOWL lists in lowercase (government, polite, trump), one per line
  english_proper.txt  words SCOWL lists capitalised (Yale, Scottish, Trump, Congress), one per
                      line, in their capitalised form; all-caps abbreviations are left out
Possessives ('s) are dropped; both files are sorted (byte order) and deduplicated.
Licence: SCOWL, Copyright 2000-2011 by Kevin Atkinson, permissive (see README.md).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


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
        with open(os.path.join(HERE, name), 'w', encoding='utf-8', newline='\n') as out:
            for w in sorted(words):
                out.write(w + '\n')
        print(f'{name}: {len(words)} words', file=sys.stderr)


if __name__ == '__main__':
    main()
