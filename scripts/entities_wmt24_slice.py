#!/usr/bin/env python3
"""Rebuild tests/data/entities/wmt24-en-hi-dev/, the slice of WMT24 en-hi with the hand-labelled
development set (run once; output is committed).

    python3 scripts/entities_wmt24_slice.py [SHARED]

SHARED is the shared data folder (default: ../shared/data relative to the repository root); the
output goes to tests/data/entities/wmt24-en-hi-dev/ whatever the current directory.
Copies, from SHARED/wmt24-news-systems/txt, every line of the 41 documents that hold a labelled
line of SHARED/entities-wmt24-en-hi-dev (the checker judges names with the evidence of their
document, so whole documents are kept): the English source, the human reference refA and the
systems GPT-4, ONLINE-B and IKUN (gzipped), and their document ids. The labels (gold.tsv,
extras.tsv, no_entities.txt, lines.txt) are copied with their line numbers renumbered to the
slice (`line` 1 = the first line of the slice); `slice_lines.txt` maps slice lines back to
the original 1-based line numbers.
"""
import csv
import gzip
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'tests', 'data', 'entities', 'wmt24-en-hi-dev')
FILES = {
    'source.en': 'sources/en-hi.txt',
    'refA.hi': 'references/en-hi.refA.txt',
    'GPT-4.hi': 'system-outputs/en-hi/GPT-4.txt',
    'ONLINE-B.hi': 'system-outputs/en-hi/ONLINE-B.txt',
    'IKUN.hi': 'system-outputs/en-hi/IKUN.txt',
}


def main():
    if len(sys.argv) > 2:
        raise SystemExit(__doc__)
    shared = sys.argv[1] if len(sys.argv) == 2 else os.path.join(ROOT, '..', 'shared', 'data')
    txt = os.path.join(shared, 'wmt24-news-systems', 'txt')
    gold_dir = os.path.join(shared, 'entities-wmt24-en-hi-dev')
    docs = [l.rstrip('\n').split('\t') for l in open(os.path.join(txt, 'documents', 'en-hi.docs'), encoding='utf-8')]
    labelled = [int(x) for x in open(os.path.join(gold_dir, 'lines.txt')) if x.strip()]
    keep_docs = {docs[l - 1][1] for l in labelled}
    keep = [i + 1 for i, d in enumerate(docs) if d[1] in keep_docs]
    new = {old: k + 1 for k, old in enumerate(keep)}
    for name, rel in FILES.items():
        with open(os.path.join(txt, rel), encoding='utf-8', newline='\n') as f:
            lines = f.read().split('\n')
        with gzip.GzipFile(os.path.join(OUT, name + '.gz'), 'wb', mtime=0) as out:
            out.write(''.join(lines[i - 1] + '\n' for i in keep).encode('utf-8'))
    with open(os.path.join(OUT, 'docids'), 'w', encoding='utf-8') as out:
        out.write(''.join(docs[i - 1][1] + '\n' for i in keep))
    with open(os.path.join(OUT, 'slice_lines.txt'), 'w') as out:
        out.write(''.join(f'{i}\n' for i in keep))
    for name in ('gold.tsv', 'extras.tsv'):
        with open(os.path.join(gold_dir, name), encoding='utf-8', newline='') as f:
            rows = list(csv.reader(f, delimiter='\t', quoting=csv.QUOTE_NONE))
        with open(os.path.join(OUT, name), 'w', encoding='utf-8', newline='') as out:
            w = csv.writer(out, delimiter='\t', quoting=csv.QUOTE_NONE, lineterminator='\n', escapechar='\\')
            w.writerow(rows[0])
            for r in rows[1:]:
                r[0] = str(new[int(r[0])])
                w.writerow(r)
    for name in ('lines.txt', 'no_entities.txt'):
        vals = [int(x) for x in open(os.path.join(gold_dir, name)) if x.strip()]
        with open(os.path.join(OUT, name), 'w') as out:
            out.write(''.join(f'{new[v]}\n' for v in vals))


if __name__ == '__main__':
    main()
