#!/usr/bin/env python3
"""Differential fuzzing: mteval vs. sacreBLEU 2.6.0 (run by hand, not by CI).

    pip install sacrebleu==2.6.0
    cargo build --release
    python3 scripts/fuzz_vs_sacrebleu.py [BINARY] [-n 200] [--seed 1] [--lines 40] [--keep DIR]

BINARY defaults to target/release/mteval of the repository (or $CARGO_TARGET_DIR/release/mteval).
Each iteration generates a random "nasty" corpus (mixed scripts, odd whitespace,
entities, combining marks, empty/identical/zero-overlap lines, 1-3 references,
1-2 systems, sometimes gzipped, CRLF or with a BOM), a random configuration
(metrics, tokenizer, smoothing, casing, chrF orders/beta/flags, TER flags,
sentence level), runs `BINARY score ... --format json` and compares every
score/signature/statistic with the sacreBLEU API (same semantics as
scripts/gen_golden.py, which it imports). Every mismatch is printed; for the
first mismatch of each kind the corpus is shrunk (greedy line deletion, then
token deletion) to a minimal reproducer, which is printed as a ready-to-run
Python snippet.
Exit status: 0 if no mismatch, 1 otherwise.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
import gen_golden as G  # noqa: E402

TOL = 1e-9


METRIC_POOL = ['bleu', 'chrf', 'chrf++', 'ter']


def random_config(rng):
    metrics = rng.sample(METRIC_POOL, rng.randint(1, len(METRIC_POOL)))
    args = []
    if rng.random() < 0.5:
        args += ['-m', ','.join(metrics)]
    else:
        for m in metrics:
            args += ['-m', m]
    if 'bleu' in metrics:
        if rng.random() < 0.9:
            args += ['--tokenize', rng.choice(G.TOKENIZERS)]
        if rng.random() < 0.8:
            sm = rng.choice(G.SMOOTH)
            args += ['--smooth-method', sm]
        if rng.random() < 0.4:
            args += ['--smooth-value', rng.choice(['0', '0.001', '0.01', '0.015', '0.1', '0.5', '1', '1.5', '2', '3.333'])]
    if rng.random() < 0.3:
        args += ['--lowercase']
    if 'chrf' in metrics or 'chrf++' in metrics:
        if rng.random() < 0.4:
            args += ['--chrf-char-order', str(rng.choice([1, 2, 3, 4, 5, 6, 7, 8, 10]))]
        if 'chrf++' not in metrics and rng.random() < 0.4:
            args += ['--chrf-word-order', str(rng.choice([0, 1, 2, 3, 4]))]
        if rng.random() < 0.4:
            args += ['--chrf-beta', str(rng.choice([1, 2, 3, 4, 5]))]
        for f in ['--chrf-whitespace', '--chrf-eps-smoothing', '--chrf-lowercase']:
            if rng.random() < 0.3:
                args.append(f)
    if 'ter' in metrics:
        for f in G.TER_FLAGS:
            if rng.random() < 0.5:
                args.append(f)
    return args


def random_corpus(rng, n_lines, n_refs, n_sys):
    seed = rng.randrange(1 << 30)
    hyps, r1, r2 = G.nasty_corpus(seed, n_lines, long_max=rng.choice([60, 200]))
    r3rng = random.Random(seed + 1)
    r3 = [G.join_tokens(r3rng, G.perturb_tokens(r3rng, r.split(' '), 0.5)) if r else '' for r in r1]
    refs = [r1, r2, r3][:n_refs]
    systems = [hyps]
    for _ in range(n_sys - 1):
        systems.append([G.join_tokens(rng, G.perturb_tokens(rng, r.split(' '), 0.6)) if r and rng.random() < 0.9 else ''
                        for r in r1])
    return refs, systems


def write_corpus(d, refs, systems, rng):
    os.makedirs(d, exist_ok=True)
    rp, sp = [], []
    for k, r in enumerate(refs):
        p = os.path.join(d, f'ref{k}.txt')
        G.write_lines(p, r, crlf=rng.random() < 0.1, bom=rng.random() < 0.1)
        rp.append(p)
    for k, s in enumerate(systems):
        gz = rng.random() < 0.15
        p = os.path.join(d, f'sys{k}.txt' + ('.gz' if gz else ''))
        G.write_lines(p, s, crlf=rng.random() < 0.1, bom=rng.random() < 0.1, gz=gz)
        sp.append(p)
    return rp, sp


def run_binary(binary, rp, sp, args, sl):
    cmd = [binary, 'score']
    for r in rp:
        cmd += ['-r', r]
    cmd += ['-i'] + sp + args + ['--format', 'json'] + (['--sentence-level'] if sl else [])
    p = subprocess.run(cmd, capture_output=True, timeout=600)
    if p.returncode != 0:
        return None, f'exit {p.returncode}: {p.stderr.decode("utf-8", "replace").strip()[:500]}'
    try:
        return json.loads(p.stdout), None
    except ValueError as e:
        return None, f'bad JSON ({e}): {p.stdout[:300]!r}'


def compare(rp, sp, args, sl, binary):
    """Returns a list of (kind, message)."""
    exp, segs = G.evaluate(rp, sp, args, sl)
    got, err = run_binary(binary, rp, sp, args, sl)
    if err:
        return [('error', err)]
    out = []
    res = {(r.get('system'), r.get('metric')): r for r in got.get('results', [])}
    for sysname, ms in exp.items():
        for metric, e in ms.items():
            g = res.get((sysname, metric))
            if g is None:
                out.append((f'missing:{metric}', f'{sysname}/{metric} missing; have {sorted(res)}'))
                continue
            gs = g.get('score')
            if not isinstance(gs, (int, float)) or abs(gs - e['score']) > TOL:
                out.append((f'score:{metric}', f'{sysname}/{metric}: score got {gs!r} expected {e["score"]!r}'))
            if G.strip_version(str(g.get('signature'))) != G.strip_version(e['signature']):
                out.append((f'signature:{metric}', f'{sysname}/{metric}: signature got {g.get("signature")!r} '
                                                  f'expected {e["signature"]!r}'))
            for k in ['counts', 'totals', 'hyp_len', 'ref_len']:
                if k in e and g.get(k) != e[k]:
                    out.append((f'{k}:{metric}', f'{sysname}/{metric}: {k} got {g.get(k)!r} expected {e[k]!r}'))
            for k in ['bp', 'ratio', 'num_edits', 'ref_length']:
                if k in e and (not isinstance(g.get(k), (int, float)) or abs(g[k] - e[k]) > TOL):
                    out.append((f'{k}:{metric}', f'{sysname}/{metric}: {k} got {g.get(k)!r} expected {e[k]!r}'))
    if sl:
        gseg = {}
        for s in got.get('segments') or []:
            gseg[(s.get('system'), s.get('metric'), s.get('index'))] = s.get('score')
        for sysname, ms in segs.items():
            for metric, scores in ms.items():
                for i, e in enumerate(scores):
                    g = gseg.get((sysname, metric, i))
                    if not isinstance(g, (int, float)) or abs(g - e) > TOL:
                        out.append((f'segment:{metric}', f'{sysname}/{metric} seg #{i}: got {g!r} expected {e!r}'))
    return out


def shrink(refs, systems, args, sl, binary, kind, tmp):
    """Greedy reduction of the corpus while a mismatch of the same kind persists."""
    rng = random.Random(0)

    def fails(refs_, systems_):
        d = tempfile.mkdtemp(dir=tmp)
        rp, sp = write_corpus(d, refs_, systems_, random.Random(1)) if False else _plain(d, refs_, systems_)
        try:
            return any(k == kind for k, _ in compare(rp, sp, args, sl, binary))
        except Exception:
            return False
        finally:
            shutil.rmtree(d, ignore_errors=True)

    if not fails(refs, systems):
        return None  # only reproduces with CRLF/BOM/gz framing; keep the original
    # keep only the first system that fails
    for k in range(len(systems)):
        if fails(refs, [systems[k]]):
            systems = [systems[k]]
            break
    n = len(systems[0])
    keep = list(range(n))
    chunk = max(1, n // 2)
    while chunk >= 1:
        i = 0
        while i < len(keep):
            trial = keep[:i] + keep[i + chunk:]
            if trial and fails([[r[j] for j in trial] for r in refs], [[s[j] for j in trial] for s in systems]):
                keep = trial
            else:
                i += chunk
        chunk //= 2
    refs = [[r[j] for j in keep] for r in refs]
    systems = [[s[j] for j in keep] for s in systems]
    # drop reference streams
    for k in reversed(range(len(refs))):
        if len(refs) > 1 and fails(refs[:k] + refs[k + 1:], systems):
            refs = refs[:k] + refs[k + 1:]
    # token-level shrinking of each line (split on ' ')
    for stream_set in ('refs', 'systems'):
        streams = refs if stream_set == 'refs' else systems
        for si in range(len(streams)):
            for li in range(len(streams[si])):
                toks = streams[si][li].split(' ')
                j = 0
                while j < len(toks) and len(toks) > 0:
                    trial = toks[:j] + toks[j + 1:]
                    new = [list(x) for x in streams]
                    new[si][li] = ' '.join(trial)
                    cand = (new, systems) if stream_set == 'refs' else (refs, new)
                    if fails(*cand):
                        toks = trial
                        streams = new
                        if stream_set == 'refs':
                            refs = new
                        else:
                            systems = new
                    else:
                        j += 1
    return refs, systems


def _plain(d, refs, systems):
    os.makedirs(d, exist_ok=True)
    rp, sp = [], []
    for k, r in enumerate(refs):
        p = os.path.join(d, f'ref{k}.txt')
        G.write_lines(p, r)
        rp.append(p)
    for k, s in enumerate(systems):
        p = os.path.join(d, f'sys{k}.txt')
        G.write_lines(p, s)
        sp.append(p)
    return rp, sp


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default_bin = os.path.join(os.environ.get('CARGO_TARGET_DIR', os.path.join(ROOT, 'target')), 'release', 'mteval')
    ap.add_argument('binary', nargs='?', default=default_bin)
    ap.add_argument('-n', type=int, default=200, help='number of random corpora/configurations')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--lines', type=int, default=40, help='max lines per corpus')
    ap.add_argument('--no-shrink', action='store_true')
    ap.add_argument('--keep', metavar='DIR', help='keep failing corpora under DIR')
    ap.add_argument('--metrics', default='bleu,chrf,chrf++,ter', help='metric pool (comma list)')
    a = ap.parse_args()
    METRIC_POOL[:] = a.metrics.split(',')
    G._check_version()
    import logging
    logging.getLogger('sacrebleu').setLevel(logging.ERROR)
    rng = random.Random(a.seed)
    tmp = tempfile.mkdtemp(prefix='mteval-fuzz-')
    seen_kinds = set()
    n_bad = 0
    try:
        for it in range(a.n):
            n_refs = rng.randint(1, 3)
            n_sys = rng.randint(1, 2)
            n_lines = rng.randint(1, a.lines)
            refs, systems = random_corpus(rng, n_lines, n_refs, n_sys)
            args = random_config(rng)
            sl = rng.random() < 0.5
            d = os.path.join(tmp, f'it{it}')
            rp, sp = write_corpus(d, refs, systems, rng)
            try:
                diffs = compare(rp, sp, args, sl, a.binary)
            except subprocess.TimeoutExpired:
                diffs = [('timeout', 'binary timed out')]
            if diffs:
                n_bad += 1
                print(f'=== iteration {it}: {len(diffs)} mismatches; args={args} sentence_level={sl} '
                      f'refs={n_refs} systems={n_sys} lines={n_lines}')
                for k, m in diffs[:20]:
                    print('   ', m)
                if len(diffs) > 20:
                    print(f'    … {len(diffs) - 20} more')
                if a.keep:
                    dst = os.path.join(a.keep, f'it{it}')
                    shutil.copytree(d, dst, dirs_exist_ok=True)
                    with open(os.path.join(dst, 'cmd.json'), 'w') as f:
                        json.dump({'args': args, 'sentence_level': sl}, f)
                new_kinds = [k for k, _ in diffs if k not in seen_kinds]
                if new_kinds and not a.no_shrink:
                    kind = new_kinds[0]
                    seen_kinds.update(k for k, _ in diffs)
                    r = shrink(refs, systems, args, sl, a.binary, kind, tmp)
                    if r:
                        mr, ms = r
                        print(f'  minimal repro for {kind}:')
                        print(f'    args = {args!r}  sentence_level = {sl}')
                        print(f'    refs = {mr!r}')
                        print(f'    systems = {ms!r}')
                        mp_rp, mp_sp = _plain(os.path.join(tmp, f'min{it}'), mr, ms)
                        for k, m in compare(mp_rp, mp_sp, args, sl, a.binary)[:5]:
                            print('     ->', m)
                sys.stdout.flush()
            shutil.rmtree(d, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f'{n_bad} of {a.n} iterations had mismatches')
    sys.exit(1 if n_bad else 0)


if __name__ == '__main__':
    main()
