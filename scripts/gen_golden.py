#!/usr/bin/env python3
"""Regenerate mteval's golden-value test data from sacreBLEU 2.6.0.

Requirements:  pip install sacrebleu==2.6.0   (no other dependency; the script
refuses to run with any other sacreBLEU version).

Usage (paths are found from the script's own location, so any current directory works):

    # 1. (optional) rebuild the input files under tests/data/golden/ from the
    #    shared data snapshot (real-text slices, seed-article pairs, the
    #    synthetic "nasty" corpus, sacreBLEU unit-test vectors); SHARED_DIR
    #    defaults to ../shared relative to the repository root:
    python3 scripts/gen_golden.py --make-inputs [SHARED_DIR]

    # 2. recompute tests/data/golden/cases.json from the committed inputs:
    python3 scripts/gen_golden.py

Everything is deterministic (fixed seeds, sorted iteration, exact copies), so
rerunning produces byte-identical files.

Expected values are computed with the sacreBLEU Python API, reading files the
way the sacreBLEU CLI does: open(p, encoding='utf-8', newline='\\n'), split on
'\\n' only, rstrip() each line (a .gz file is gunzipped first). The metric
objects are built like the CLI builds them (references cached in the
constructor, then corpus_score(system, None)); sentence-level BLEU uses
BLEU(effective_order=True, ...) and sentence_score(hyp, refs) like `sacrebleu -sl`.
The corpus-level result of a --sentence-level run is the ordinary corpus score
(effective_order=False), i.e. --sentence-level only *adds* segment scores.

The mteval CLI contract these cases encode:
  mteval score -r REF... -i SYS... <args> --format json [--sentence-level]
`args` accept: -m bleu|chrf|chrf++|ter (comma list and/or repeated),
--tokenize none|13a|intl|char|zh, --smooth-method exp|floor|add-k|none,
--smooth-value F, --lowercase (BLEU and chrF), --chrf-char-order N,
--chrf-word-order N, --chrf-beta N, --chrf-whitespace, --chrf-eps-smoothing,
--chrf-lowercase, --ter-normalized, --ter-no-punct, --ter-asian-support,
--ter-case-sensitive.
"""
import argparse
import gzip
import io
import itertools
import json
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, 'tests', 'data', 'golden')
DEFAULT_SHARED = os.path.join(ROOT, '..', 'shared')


def _check_version():
    import sacrebleu
    if sacrebleu.__version__ != '2.6.0':
        sys.exit(f'need sacrebleu==2.6.0, found {sacrebleu.__version__}')


# ---------------------------------------------------------------------------
# Reading files exactly like the sacreBLEU CLI
# ---------------------------------------------------------------------------

def read_lines(path):
    if path.endswith('.gz'):
        fh = gzip.open(path, mode='rt', encoding='utf-8', newline='\n')
    else:
        fh = open(path, encoding='utf-8', newline='\n')
    with fh:
        return [line.rstrip() for line in fh]


def system_name(path):
    name = os.path.basename(path)
    if name.endswith('.gz'):
        name = name[:-3]
    i = name.rfind('.')
    return name[:i] if i > 0 else name


# ---------------------------------------------------------------------------
# The CLI contract's options -> sacreBLEU metric objects
# ---------------------------------------------------------------------------

def parse_args(args):
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument('-m', '--metrics', action='append', default=[])
    p.add_argument('--tokenize', default='13a')
    p.add_argument('--smooth-method', default='exp')
    p.add_argument('--smooth-value', type=float, default=None)
    p.add_argument('--lowercase', action='store_true')
    p.add_argument('--chrf-char-order', type=int, default=6)
    p.add_argument('--chrf-word-order', type=int, default=0)
    p.add_argument('--chrf-beta', type=int, default=2)
    p.add_argument('--chrf-whitespace', action='store_true')
    p.add_argument('--chrf-eps-smoothing', action='store_true')
    p.add_argument('--chrf-lowercase', action='store_true')
    p.add_argument('--ter-normalized', action='store_true')
    p.add_argument('--ter-no-punct', action='store_true')
    p.add_argument('--ter-asian-support', action='store_true')
    p.add_argument('--ter-case-sensitive', action='store_true')
    ns = p.parse_args(args)
    mets = []
    for m in ns.metrics:
        for x in m.split(','):
            x = x.strip().lower()
            if x and x not in mets:
                mets.append(x)
    ns.metric_list = mets
    return ns


def make_metric(name, ns, refs=None, sentence=False):
    from sacrebleu.metrics import BLEU, CHRF, TER
    if name == 'bleu':
        return BLEU(lowercase=ns.lowercase, tokenize=ns.tokenize,
                    smooth_method=ns.smooth_method, smooth_value=ns.smooth_value,
                    effective_order=sentence, references=refs)
    if name in ('chrf', 'chrf++'):
        wo = 2 if name == 'chrf++' else ns.chrf_word_order
        return CHRF(char_order=ns.chrf_char_order, word_order=wo, beta=ns.chrf_beta,
                    lowercase=ns.lowercase or ns.chrf_lowercase,
                    whitespace=ns.chrf_whitespace, eps_smoothing=ns.chrf_eps_smoothing,
                    references=refs)
    if name == 'ter':
        return TER(normalized=ns.ter_normalized, no_punct=ns.ter_no_punct,
                   asian_support=ns.ter_asian_support,
                   case_sensitive=ns.ter_case_sensitive, references=refs)
    raise ValueError(name)


def _num(x):
    # NB: with add-k smoothing sacreBLEU adds k to counts[1:] and totals[1:] of the returned
    # BLEUScore (compute_bleu mutates the lists in place); keep those values, as floats if needed.
    return int(x) if float(x) == int(x) else float(x)


def score_entry(score, sig):
    e = {'score': float(score.score), 'signature': sig}
    if score.name == 'BLEU':
        e.update(precisions=[float(x) for x in score.precisions], bp=float(score.bp),
                 ratio=float(score.ratio), hyp_len=int(score.sys_len),
                 ref_len=int(score.ref_len), counts=[_num(x) for x in score.counts],
                 totals=[_num(x) for x in score.totals])
    elif score.name == 'TER':
        e.update(num_edits=float(score.num_edits), ref_length=float(score.ref_length))
    return e


def evaluate(ref_paths, sys_paths, args, sentence_level=False):
    """Returns (expected, segments) exactly as cases.json stores them."""
    ns = parse_args(args)
    refs = [read_lines(p) for p in ref_paths]
    systems = [(system_name(p), read_lines(p)) for p in sys_paths]
    for _, hyps in systems:
        for r in refs:
            assert len(r) == len(hyps), (ref_paths, sys_paths)
    expected, segments = {}, {}
    for mname in ns.metric_list:
        metric = make_metric(mname, ns, refs=refs)
        sig = metric.get_signature().format()
        smetric = make_metric(mname, ns, sentence=True) if sentence_level else None
        for sname, hyps in systems:
            sc = metric.corpus_score(hyps, None)
            expected.setdefault(sname, {})[sc.name] = score_entry(sc, sig)
            if sentence_level:
                segs = [float(smetric.sentence_score(h, list(rs)).score)
                        for h, *rs in zip(hyps, *refs)]
                segments.setdefault(sname, {})[sc.name] = segs
    return expected, segments


def strip_version(sig):
    return re.sub(r'version:[^|]*', 'version:', sig)


# ---------------------------------------------------------------------------
# Synthetic text generators (also used by scripts/fuzz_vs_sacrebleu.py)
# ---------------------------------------------------------------------------

LATIN = ['the', 'The', 'THE', 'dog', 'Dog', 'bit', 'man', 'Café', 'café', 'naïve', 'über', 'Straße',
         'STRASSE', 'ẞ', 'İstanbul', 'ıi', 'ǅemal', 'ΟΔΟΣ', 'Σίσυφος', 'ﬁnance', 'Ωmega', 'e\u0301te\u0301',
         "don't", "it's", 'U.S.', 'e.g.', 'Mr.', 'co-operate', 'well-known', 'x86_64', 'user@example.com',
         'http://a.b/c?d=e&f', 'Ünïcödé', 'ÅNGSTRÖM', 'ǈ', 'ﬀ', 'ς', 'Ⅻ', 'ⓐ', 'Ǆ']
BENGALI = ['দক্ষিণ', 'কোরিয়া', 'এবং', 'ইউরোপীয়', 'ইউনিয়ন', 'সোমবার', 'র‍্যাব', 'ক্ষ', 'বাংলাদেশ',
           '২০২৪', 'জানুয়ারি', 'পিএম', 'অনলাইন', 'শ্রী', 'কার্য']
DEVANAGARI = ['भारत', 'हिंदी', 'किम', 'जोंग', 'उन', 'यांनी', 'रशियाचे', 'परराष्ट्रमंत्री', 'क्षत्रिय',
              'श्री', 'द्वारा', 'कर्\u200dम', '१२३', 'ॐ', 'ज़िंदगी', 'ड़']
CJK = ['美众院公布对特', '北京', '中华人民共和国', '我爱你', '「引用」', '２０２４年', 'ｆｕｌｌｗｉｄｔｈ',
       'りの拳銃を持', 'カタカナ', 'ひらがな', '漢字', '㈱', '〇', '𠀋']
CYRILLIC = ['Москва', 'привет', 'МИР', 'Ёлка', 'ёж', 'съезд', 'Україна', 'ґанок']
HANGUL = ['한국어', '서울', '안녕하세요', '대한민국', '가', '㈜']
OTHER = ['مرحبا', 'שלום', 'สวัสดี', 'Ελλάδα', 'ა', 'Ⴀ', '٣٤', '😀', '👍🏽', '👨\u200d👩\u200d👧', '🇩🇪']
DIGITS = ['0', '1', '42', '3.14', '1,000', '1.000,5', '-7', '+3', '10%', '3/4', '2024-01-21', '12:30',
          '٣٤٥', '१२३', '১২৩', '１２', '½', '²', '1e10', '$5', '€10', '₹500']
ASCII_PUNCT = list('.,!?;:\'"()[]{}-/\\@#$%^*+=<>|~`_&') + ['--', '...', '&quot;', '&amp;', '&lt;',
                                                           '&gt;', '<skipped>', '&apos;', '&#39;', "''", '``']
UNI_PUNCT = ['—', '–', '“', '”', '‘', '’', '…', '€', '₹', '।', '॥', '«', '»', '¿', '¡', '、', '。', '，',
             '！', '？', '・', '®', '©', '™', '°', '±', '×', '÷', '§', '¶', '†', '‰', '′', '″', '‹', '›', '„',
             '‚', '·', '•', '¦', '¬', '¢', '£', '¥', '₩', '฿', '〈', '〉', '【', '】', '《', '》', '〜', '～',
             '\u00ad', '\u2010', '\u2011', '\u2212']
ODD_WS = ['\u00a0', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007',
          '\u2008', '\u2009', '\u200a', '\u3000', '\x1c', '\x1d', '\x1e', '\x1f', '\x85', '\t', '\r',
          '\u2028', '\u2029', '\x0b', '\x0c', '\u1680', '\u202f', '\u205f', '\u180e', '  ', '\t\t']
ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']
COMBINING = ['\u0301', '\u0308', '\u0303', '\u0327', '\u094d', '\u09cd', '\u0952', '\u20dd', '\u0336']

POOLS = [(LATIN, 30), (BENGALI, 10), (DEVANAGARI, 10), (CJK, 8), (CYRILLIC, 5), (HANGUL, 4),
         (OTHER, 3), (DIGITS, 8), (ASCII_PUNCT, 12), (UNI_PUNCT, 7)]
# Words used for zero-overlap hypotheses (share no characters with POOLS' usual content)
DISJOINT = ['qqq', 'zzv', 'ꙮ', 'ᚠᛇᚻ', 'ⴰⵣⵓⵍ', 'ꦧꦱ', '𐌰𐌱', 'ᐊᐃ', 'ꓐꓑ']


def rand_token(rng):
    pool = rng.choices([p for p, _ in POOLS], weights=[w for _, w in POOLS])[0]
    t = rng.choice(pool)
    r = rng.random()
    if r < 0.04:
        t = t + rng.choice(COMBINING)
    elif r < 0.08:
        i = rng.randrange(len(t) + 1)
        t = t[:i] + rng.choice(ZERO_WIDTH) + t[i:]
    elif r < 0.12:
        t = t + rng.choice(ASCII_PUNCT + UNI_PUNCT)
    elif r < 0.15:
        t = rng.choice(ASCII_PUNCT + UNI_PUNCT) + t
    return t


def join_tokens(rng, toks, odd=0.08):
    out = []
    for i, t in enumerate(toks):
        if i:
            r = rng.random()
            if r < odd:
                out.append(rng.choice(ODD_WS))
            elif r < odd + 0.04:
                pass  # glue tokens together
            else:
                out.append(' ')
        out.append(t)
    return ''.join(out)


def perturb_tokens(rng, toks, strength=0.3):
    toks = list(toks)
    n_ops = max(1, int(len(toks) * strength * rng.random()))
    for _ in range(n_ops):
        if not toks:
            break
        op = rng.random()
        i = rng.randrange(len(toks))
        if op < 0.25:
            del toks[i]
        elif op < 0.45 and len(toks) > 1:
            j = min(len(toks) - 1, i + 1)
            toks[i], toks[j] = toks[j], toks[i]
        elif op < 0.6:
            toks[i] = toks[i].upper() if rng.random() < 0.5 else toks[i].lower()
        elif op < 0.75:
            toks[i] = rand_token(rng)
        elif op < 0.85:
            toks.insert(i, rand_token(rng))
        elif op < 0.92 and len(toks) > 4:
            # block move (TER shift)
            a = rng.randrange(len(toks) - 2)
            b = min(len(toks), a + rng.randint(2, 4))
            blk = toks[a:b]
            del toks[a:b]
            k = rng.randrange(len(toks) + 1)
            toks[k:k] = blk
        else:
            toks[i] = toks[i].capitalize()
    return toks


def nasty_line_triple(rng, long_max=600):
    """Returns (hyp, ref1, ref2) strings without '\\n'."""
    kind = rng.random()
    if kind < 0.04:
        return '', '', ''
    if kind < 0.07:
        ws = ''.join(rng.choice(ODD_WS + [' ']) for _ in range(rng.randint(1, 5)))
        ref = join_tokens(rng, [rand_token(rng) for _ in range(rng.randint(1, 8))])
        return ws, ref, ws if rng.random() < 0.5 else ''
    if kind < 0.10:
        ref = join_tokens(rng, [rand_token(rng) for _ in range(rng.randint(1, 8))])
        return '', ref, ''
    n = rng.randint(1, 25)
    if kind < 0.13:
        n = rng.randint(min(150, long_max // 2), long_max)
    ref_toks = [rand_token(rng) for _ in range(n)]
    ref = join_tokens(rng, ref_toks)
    r2 = join_tokens(rng, perturb_tokens(rng, ref_toks, 0.5))
    if rng.random() < 0.1:
        r2 = ''
    if kind < 0.23:
        hyp = ref  # identical
    elif kind < 0.30:
        hyp = join_tokens(rng, [rng.choice(DISJOINT) for _ in range(rng.randint(1, 10))])
    else:
        hyp = join_tokens(rng, perturb_tokens(rng, ref_toks, rng.choice([0.1, 0.3, 0.6, 1.0])))
    r = rng.random()
    if r < 0.05:  # leading whitespace is kept
        hyp = rng.choice(ODD_WS + [' ']) + hyp
    elif r < 0.12:  # trailing whitespace is rstripped
        hyp = hyp + rng.choice(ODD_WS + [' ', '\u200b'])
    if rng.random() < 0.03:
        ref = ref + '\r'
    return hyp, ref, r2


def nasty_corpus(seed, n=200, long_max=600):
    rng = random.Random(seed)
    hyps, r1, r2 = [], [], []
    for _ in range(n):
        h, a, b = nasty_line_triple(rng, long_max)
        assert '\n' not in h + a + b
        hyps.append(h), r1.append(a), r2.append(b)
    return hyps, r1, r2


def write_lines(path, lines, crlf=False, bom=False, gz=False):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    eol = '\r\n' if crlf else '\n'
    text = ('\ufeff' if bom else '') + ''.join(l + eol for l in lines)
    data = text.encode('utf-8')
    if gz:
        buf = io.BytesIO()
        with gzip.GzipFile(filename='', mode='wb', fileobj=buf, mtime=0) as g:
            g.write(data)
        data = buf.getvalue()
    with open(path, 'wb') as f:
        f.write(data)


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------

def raw_lines(path):
    with open(path, 'rb') as f:
        data = f.read()
    parts = data.split(b'\n')
    if parts and parts[-1] == b'':
        parts.pop()
    return parts


def copy_slice(src, dst, indices):
    lines = raw_lines(src)
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    with open(dst, 'wb') as f:
        for i in indices:
            f.write(lines[i] + b'\n')


def make_inputs(shared):
    data = os.path.join(shared, 'data')
    w21 = os.path.join(data, 'wmt21-news-systems', 'txt')
    w24 = os.path.join(data, 'wmt24-news-systems', 'txt')

    def w21pair(pair, testset, refs, systems, n, tgt):
        src, _ = pair.split('-')
        out = os.path.join(GOLDEN, f'wmt21-{pair}')
        idx = range(n)
        for r in refs:
            copy_slice(os.path.join(w21, 'references', f'{testset}.{pair}.ref.{r}.{tgt}'),
                       os.path.join(out, f'ref.{r}.{tgt}'), idx)
        for s in systems:
            copy_slice(os.path.join(w21, 'system-outputs', f'{testset}.{pair}.hyp.{s}.{tgt}'),
                       os.path.join(out, f'{s}.{tgt}'), idx)

    w21pair('en-de', 'newstest2021', ['A', 'C', 'D'], ['Online-W', 'VolcTrans-GLAT'], 200, 'de')
    w21pair('en-zh', 'newstest2021', ['A', 'B'], ['Online-B', 'WeChat-AI'], 200, 'zh')
    w21pair('zh-en', 'newstest2021', ['A'], ['Online-B', 'NiuTrans'], 150, 'en')
    w21pair('en-ja', 'newstest2021', ['A'], ['Online-B', 'NiuTrans'], 200, 'ja')
    w21pair('bn-hi', 'florestest2021', ['A'], ['GTCOM', 'Online-G'], 200, 'hi')
    w21pair('hi-bn', 'florestest2021', ['A'], ['GTCOM', 'Online-G'], 200, 'bn')

    # WMT24 en-hi: paragraphs. First 40 lines + lines with TAB/ZWJ/empty lines in some system.
    hi_sys = ['ONLINE-empty', 'CycleL', 'IKUN', 'Phi-3-Medium']
    files = {s: os.path.join(w24, 'system-outputs', 'en-hi', f'{s}.txt') for s in hi_sys}
    ref = os.path.join(w24, 'references', 'en-hi.refA.txt')
    special = set()
    for p in [files['CycleL'], files['IKUN'], files['Phi-3-Medium'], ref]:
        for i, l in enumerate(raw_lines(p)):
            if b'\t' in l or '\u200d'.encode() in l or l.strip() == b'':
                special.add(i)
    idx = list(range(40)) + sorted(special - set(range(40)))[:25]
    out = os.path.join(GOLDEN, 'wmt24-en-hi')
    copy_slice(ref, os.path.join(out, 'refA.hi'), idx)
    for s, p in files.items():
        copy_slice(p, os.path.join(out, f'{s}.hi'), idx)
    # short slice for TER (paragraph TER is slow in Python)
    copy_slice(ref, os.path.join(out, 'short', 'refA.hi'), range(1, 13))
    for s in ['ONLINE-empty', 'CycleL']:
        copy_slice(files[s], os.path.join(out, 'short', f'{s}.hi'), range(1, 13))

    # WMT24 en-cs: lines with NBSP in the reference or a system
    cs_sys = ['SCIR-MT', 'CUNI-MH']
    cref = os.path.join(w24, 'references', 'en-cs.refA.txt')
    cfiles = {s: os.path.join(w24, 'system-outputs', 'en-cs', f'{s}.txt') for s in cs_sys}
    nb = set()
    for p in [cref] + list(cfiles.values()):
        for i, l in enumerate(raw_lines(p)):
            if '\u00a0'.encode() in l:
                nb.add(i)
    sys_nb = sorted(i for p in cfiles.values() for i, l in enumerate(raw_lines(p)) if '\u00a0'.encode() in l)
    idx = sorted(set(sys_nb[:15]) | set(sorted(nb)[:15]))
    out = os.path.join(GOLDEN, 'wmt24-en-cs')
    copy_slice(cref, os.path.join(out, 'refA.cs'), idx)
    for s, p in cfiles.items():
        copy_slice(p, os.path.join(out, f'{s}.cs'), idx)

    # en-ko CRLF
    ko = os.path.join(data, 'en-ko-translation-example')
    out = os.path.join(GOLDEN, 'en-ko-crlf')
    copy_slice(os.path.join(ko, 'flores101.devtest.en-ko.ref.ko'), os.path.join(out, 'ref.ko'), range(200))
    copy_slice(os.path.join(ko, 'flores101.devtest.en-ko.hyp.ko'), os.path.join(out, 'samsung.ko'), range(200))

    # compare-mt sk-en TED (2 systems, detokenized and tokenized)
    cm = os.path.join(data, 'compare-mt-example')
    out = os.path.join(GOLDEN, 'compare-mt')
    for f in ['ted.ref.detok.eng', 'ted.sys1.detok.eng', 'ted.sys2.detok.eng']:
        copy_slice(os.path.join(cm, f), os.path.join(out, f), range(200))

    # WMT17 en-de (test.sh systems; online-A has a BOM on line 1)
    w17 = os.path.join(data, 'sacrebleu-tests', 'wmt17-en-de-systems')
    out = os.path.join(GOLDEN, 'wmt17-en-de')
    copy_slice(os.path.join(w17, 'newstest2017-ende-ref.de'), os.path.join(out, 'newstest2017-ende-ref.de'), range(500))
    for s in ['online-A.0', 'uedin-nmt.4722', 'PROMT-Rule-based.4735', 'LIUM-NMT.4900']:
        copy_slice(os.path.join(w17, f'newstest2017.{s}.en-de'), os.path.join(out, f'newstest2017.{s}.en-de'),
                   range(500))

    make_seed_pairs(os.path.join(shared, 'seeds'))
    make_nasty()
    make_unit(os.path.join(data, 'sacrebleu-tests', 'sacrebleu_unit_test_vectors.json'))


def make_seed_pairs(seed_dir):
    rng = random.Random(20240121)
    sents = []
    for fn in sorted(os.listdir(seed_dir)):
        if not fn.endswith('.txt'):
            continue
        text = open(os.path.join(seed_dir, fn), encoding='utf-8').read()
        for line in text.split('\n'):
            for s in re.split(r'(?<=[।.!?])\s+', line.strip()):
                if len(s.split()) >= 3:
                    sents.append(s)
    sents = sents[:200]
    hyps, r1, r2 = [], [], []
    for s in sents:
        toks = s.split()
        r1.append(s)
        h = perturb_tokens(rng, toks, rng.choice([0.1, 0.3, 0.6]))
        hyps.append(' '.join(h))
        r2.append(' '.join(perturb_tokens(rng, toks, 0.4)))
    out = os.path.join(GOLDEN, 'seeds')
    write_lines(os.path.join(out, 'ref1.txt'), r1)
    write_lines(os.path.join(out, 'ref2.txt'), r2)
    write_lines(os.path.join(out, 'hyp.txt'), hyps)
    # a weaker second system
    rng2 = random.Random(7)
    write_lines(os.path.join(out, 'hyp-noisy.txt'),
                [' '.join(perturb_tokens(rng2, s.split(), 1.0)) for s in sents])


def make_nasty():
    out = os.path.join(GOLDEN, 'nasty')
    hyps, r1, r2 = nasty_corpus(12345, 200)
    write_lines(os.path.join(out, 'ref1.txt'), r1, bom=True)
    write_lines(os.path.join(out, 'ref2.txt'), r2)
    write_lines(os.path.join(out, 'hyp.txt'), hyps)
    rng = random.Random(99)
    hyp2 = [join_tokens(rng, perturb_tokens(rng, r.split(' '), 0.5)) if r else '' for r in r1]
    write_lines(os.path.join(out, 'hyp2.txt.gz'), hyp2, gz=True)
    # shorter lines for the TER flag grid (Python TER is slow on 600-token lines)
    hyps, r1, r2 = nasty_corpus(777, 120, long_max=60)
    write_lines(os.path.join(out, 'short', 'ref1.txt'), r1)
    write_lines(os.path.join(out, 'short', 'ref2.txt'), r2)
    write_lines(os.path.join(out, 'short', 'hyp.txt'), hyps)
    # edge corpus: a reference stream with many empty lines and an all-empty system
    rng = random.Random(5)
    n = 30
    ra = [join_tokens(rng, [rand_token(rng) for _ in range(rng.randint(1, 12))]) for _ in range(n)]
    rb = [r if rng.random() < 0.3 else '' for r in ra]
    h = [join_tokens(rng, perturb_tokens(rng, r.split(' '), 0.4)) for r in ra]
    edge = os.path.join(GOLDEN, 'edge')
    write_lines(os.path.join(edge, 'refA.txt'), ra)
    write_lines(os.path.join(edge, 'refB-gappy.txt'), rb)
    write_lines(os.path.join(edge, 'refC-empty.txt'), [''] * n)
    write_lines(os.path.join(edge, 'sys.txt'), h)
    write_lines(os.path.join(edge, 'empty.txt'), [''] * n)
    write_lines(os.path.join(edge, 'blank.txt'), [rng.choice([' ', '\t', '\u3000 ', '\u00a0']) for _ in range(n)])
    write_lines(os.path.join(edge, 'crlf.txt'), h, crlf=True)


def make_unit(vec_path):
    vec = json.load(open(vec_path, encoding='utf-8'))['files']
    out = os.path.join(GOLDEN, 'unit')
    manifest = []

    def add(name, hyps, refs, args, sl):
        d = os.path.join(out, name)
        write_lines(os.path.join(d, 'hyp.txt'), hyps)
        rp = []
        for k, r in enumerate(refs):
            write_lines(os.path.join(d, f'ref{k}.txt'), r)
            rp.append(f'unit/{name}/ref{k}.txt')
        manifest.append({'name': f'unit/{name}', 'refs': rp, 'systems': [f'unit/{name}/hyp.txt'],
                         'args': args, 'sentence_level': sl})

    raw = ['-m', 'bleu', '--tokenize', 'none', '--smooth-method', 'floor', '--smooth-value', '0.01']
    b = vec['test/test_bleu.py']
    for i, c in enumerate(b['test_raw_bleu']['cases']):
        add(f'raw_bleu_{i}', c['hypotheses'], c['references'], raw, True)
    for i, c in enumerate(b['test_effective_order']['cases']):
        add(f'effective_order_{i}', c['hypotheses'], c['references'], raw, True)
    for i, c in enumerate(b['test_statistics']['cases']):
        add(f'statistics_{i}', c['hypotheses'], c['references'], raw, True)
    for i, c in enumerate(b['test_offset']['cases']):
        add(f'offset_{i}_0', c['hypotheses'], c['references'], raw[:-1] + ['0.0'], True)
        add(f'offset_{i}_default', c['hypotheses'], c['references'], raw[:-2], True)
    for i, c in enumerate(b['test_corpus_bleu']['cases']):
        a = ['-m', 'bleu']
        for k, v in sorted(c['kwargs'].items()):
            a += ['--' + k.replace('_', '-'), str(v)]
        add(f'corpus_bleu_{i}', c['hypotheses'], c['references'], a, True)
    # sentence BLEU: group by configuration, one line per unit case
    groups = {}
    sb = vec['test/test_sentence_bleu.py']
    for k in sorted(sb):
        for c in sb[k]['cases']:
            a = ['-m', 'bleu', '--tokenize', c['tokenize'], '--smooth-method', c['smooth_method']]
            if c['smooth_value'] is not None:
                a += ['--smooth-value', str(float(c['smooth_value']))]
            if c['lowercase']:
                a += ['--lowercase']
            g = groups.setdefault((json.dumps(a), len(c['references'])), ([], []))
            g[0].append(c['hypothesis'])
            g[1].append(c['references'])
    for i, ((a, nr), (hyps, refs)) in enumerate(sorted(groups.items())):
        add(f'sentence_bleu_{i}', hyps, [[r[k] for r in refs] for k in range(nr)], json.loads(a), True)
    ch = vec['test/test_chrf.py']
    for key, extra in [('test_chrf', ['--chrf-eps-smoothing']), ('test_chrf_eff_order', []),
                       ('test_chrf_keep_whitespace', ['--chrf-whitespace'])]:
        for i, c in enumerate(ch[key]['cases']):
            add(f'{key[5:]}_{i}', c['hypotheses'], [c['references_single_stream']],
                ['-m', 'chrf', '--chrf-beta', '3'] + extra, True)
    cs = ch['test_chrf_sentence_level']['cases']
    add('chrf_sentence_level', [c['hypothesis'] for c in cs], [[c['references'][0] for c in cs]],
        ['-m', 'chrf', '--chrf-eps-smoothing'], True)
    for i, c in enumerate(vec['test/test_ter.py']['test_ter']['cases']):
        add(f'ter_{i}', c['hypotheses'], [c['references_single_stream']], ['-m', 'ter'], True)
    tt = vec['test/test_tokenizer_ter.py']
    flagmap = {'normalized': '--ter-normalized', 'no_punct': '--ter-no-punct', 'asian_support': '--ter-asian-support'}
    for key in sorted(tt):
        c = tt[key]
        a = ['-m', 'ter'] + [flagmap[k] for k, v in sorted(c['kwargs'].items()) if v]
        add(f'tokenizer_ter_{key[11:]}', [x['input'] for x in c['cases']], [[x['expected'] for x in c['cases']]],
            a, True)
        add(f'tokenizer_ter_{key[11:]}_cs', [x['input'] for x in c['cases']], [[x['expected'] for x in c['cases']]],
            a + ['--ter-case-sensitive'], True)
    with open(os.path.join(out, 'manifest.json'), 'w', encoding='utf-8') as f:
        json.dump(manifest, f, ensure_ascii=False, indent=1)


# ---------------------------------------------------------------------------
# Case list
# ---------------------------------------------------------------------------

CORPORA = {
    # name: (refs, systems)
    'ende1': (['wmt21-en-de/ref.A.de'], ['wmt21-en-de/Online-W.de', 'wmt21-en-de/VolcTrans-GLAT.de']),
    'ende2': (['wmt21-en-de/ref.A.de', 'wmt21-en-de/ref.C.de'], ['wmt21-en-de/Online-W.de', 'wmt21-en-de/VolcTrans-GLAT.de']),
    'ende3': (['wmt21-en-de/ref.A.de', 'wmt21-en-de/ref.C.de', 'wmt21-en-de/ref.D.de'],
              ['wmt21-en-de/Online-W.de', 'wmt21-en-de/VolcTrans-GLAT.de']),
    'enzh1': (['wmt21-en-zh/ref.A.zh'], ['wmt21-en-zh/Online-B.zh', 'wmt21-en-zh/WeChat-AI.zh']),
    'enzh2': (['wmt21-en-zh/ref.A.zh', 'wmt21-en-zh/ref.B.zh'], ['wmt21-en-zh/Online-B.zh', 'wmt21-en-zh/WeChat-AI.zh']),
    'zhen': (['wmt21-zh-en/ref.A.en'], ['wmt21-zh-en/Online-B.en', 'wmt21-zh-en/NiuTrans.en']),
    'enja': (['wmt21-en-ja/ref.A.ja'], ['wmt21-en-ja/Online-B.ja', 'wmt21-en-ja/NiuTrans.ja']),
    'bnhi': (['wmt21-bn-hi/ref.A.hi'], ['wmt21-bn-hi/GTCOM.hi', 'wmt21-bn-hi/Online-G.hi']),
    'hibn': (['wmt21-hi-bn/ref.A.bn'], ['wmt21-hi-bn/GTCOM.bn', 'wmt21-hi-bn/Online-G.bn']),
    'enhi': (['wmt24-en-hi/refA.hi'], ['wmt24-en-hi/ONLINE-empty.hi', 'wmt24-en-hi/CycleL.hi',
                                       'wmt24-en-hi/IKUN.hi', 'wmt24-en-hi/Phi-3-Medium.hi']),
    'enhi_short': (['wmt24-en-hi/short/refA.hi'], ['wmt24-en-hi/short/ONLINE-empty.hi', 'wmt24-en-hi/short/CycleL.hi']),
    'encs': (['wmt24-en-cs/refA.cs'], ['wmt24-en-cs/SCIR-MT.cs', 'wmt24-en-cs/CUNI-MH.cs']),
    'enko': (['en-ko-crlf/ref.ko'], ['en-ko-crlf/samsung.ko']),
    'skEn': (['compare-mt/ted.ref.detok.eng'], ['compare-mt/ted.sys1.detok.eng', 'compare-mt/ted.sys2.detok.eng']),
    'wmt17': (['wmt17-en-de/newstest2017-ende-ref.de'],
              ['wmt17-en-de/newstest2017.online-A.0.en-de', 'wmt17-en-de/newstest2017.uedin-nmt.4722.en-de',
               'wmt17-en-de/newstest2017.PROMT-Rule-based.4735.en-de', 'wmt17-en-de/newstest2017.LIUM-NMT.4900.en-de']),
    'seeds1': (['seeds/ref1.txt'], ['seeds/hyp.txt', 'seeds/hyp-noisy.txt']),
    'seeds2': (['seeds/ref1.txt', 'seeds/ref2.txt'], ['seeds/hyp.txt', 'seeds/hyp-noisy.txt']),
    'nasty1': (['nasty/ref1.txt'], ['nasty/hyp.txt', 'nasty/hyp2.txt.gz']),
    'nasty2': (['nasty/ref1.txt', 'nasty/ref2.txt'], ['nasty/hyp.txt', 'nasty/hyp2.txt.gz']),
    'nasty2s': (['nasty/ref1.txt', 'nasty/ref2.txt'], ['nasty/hyp.txt']),
    'nasty3': (['nasty/ref1.txt', 'nasty/ref2.txt', 'nasty/hyp2.txt.gz'], ['nasty/hyp.txt']),
    'nastyshort': (['nasty/short/ref1.txt', 'nasty/short/ref2.txt'], ['nasty/short/hyp.txt']),
    'edge2': (['edge/refA.txt', 'edge/refB-gappy.txt'],
              ['edge/sys.txt', 'edge/empty.txt', 'edge/blank.txt', 'edge/crlf.txt']),
    'edge_gappy': (['edge/refB-gappy.txt'], ['edge/sys.txt', 'edge/empty.txt']),
    'edge_emptyref': (['edge/refC-empty.txt'], ['edge/sys.txt', 'edge/empty.txt', 'edge/blank.txt']),
    'edge3': (['edge/refB-gappy.txt', 'edge/refC-empty.txt', 'edge/refA.txt'], ['edge/sys.txt', 'edge/empty.txt']),
}

TOKENIZERS = ['none', '13a', 'intl', 'char', 'zh']
SMOOTH = ['exp', 'floor', 'add-k', 'none']
SMOOTH_VALUES = {'exp': '0.2', 'floor': '0.015', 'add-k': '0.5', 'none': '0.3'}
TER_FLAGS = ['--ter-normalized', '--ter-no-punct', '--ter-asian-support', '--ter-case-sensitive']


def bleu_configs(tokenizers=TOKENIZERS, smooth=SMOOTH, with_values=True, lowercase=(False, True)):
    for tok, sm, sv, lc in itertools.product(tokenizers, smooth, (False, True) if with_values else (False,), lowercase):
        a = ['-m', 'bleu', '--tokenize', tok, '--smooth-method', sm]
        if sv:
            a += ['--smooth-value', SMOOTH_VALUES[sm]]
        if lc:
            a += ['--lowercase']
        yield a


def ter_configs():
    for bits in itertools.product((False, True), repeat=4):
        yield ['-m', 'ter'] + [f for f, b in zip(TER_FLAGS, bits) if b]


def chrf_grid_orders():
    for co, wo in itertools.product([1, 2, 3, 4, 5, 6, 8], [0, 1, 2, 3]):
        yield ['-m', 'chrf', '--chrf-char-order', str(co), '--chrf-word-order', str(wo)]


def chrf_grid_flags():
    for beta, ws, eps, lc in itertools.product([1, 2, 3], (False, True), (False, True), (0, 1, 2)):
        if lc == 2 and (ws or not eps):
            continue  # --lowercase (global) only on a subset
        a = ['-m', 'chrf,chrf++', '--chrf-beta', str(beta)]
        if ws:
            a.append('--chrf-whitespace')
        if eps:
            a.append('--chrf-eps-smoothing')
        if lc == 1:
            a.append('--chrf-lowercase')
        elif lc == 2:
            a.append('--lowercase')
        yield a


def case_specs():
    specs = []

    def add(corpus, args, sl=False, suffix=''):
        refs, systems = CORPORA[corpus]
        name = f'{corpus}:{" ".join(args)}{suffix}' + (' [sl]' if sl else '')
        specs.append({'name': name, 'refs': refs, 'systems': systems, 'args': args, 'sentence_level': sl})

    ALL = ['-m', 'bleu,chrf,chrf++,ter']
    # --- every corpus with all metrics at defaults
    for c in CORPORA:
        if c in ('enhi',):
            add(c, ['-m', 'bleu', '-m', 'chrf,chrf++'])
        else:
            add(c, ALL)
    # --- sentence level, all metrics, several corpora
    for c in ['ende3', 'enzh2', 'bnhi', 'hibn', 'seeds2', 'nasty2', 'edge2', 'edge_emptyref', 'edge3', 'enko', 'enja']:
        add(c, ALL, sl=True)
    add('enhi', ['-m', 'bleu', '-m', 'chrf', '-m', 'chrf++'], sl=True)
    add('enhi_short', ALL, sl=True)
    # --- BLEU: full cross product
    for a in bleu_configs():
        add('ende1', a)
        add('nasty2s', a, sl=True)
    for a in bleu_configs(with_values=False, lowercase=(False,)):
        add('seeds2', a, sl=True)
        add('enzh2', a)
        add('nasty1', a)
    for tok in TOKENIZERS:
        for c in ['ende2', 'ende3', 'nasty3', 'enja', 'zhen', 'bnhi', 'hibn', 'enhi', 'encs', 'enko', 'wmt17',
                  'edge2', 'edge3', 'edge_gappy', 'edge_emptyref']:
            add(c, ['-m', 'bleu', '--tokenize', tok])
        for c in ['ende3', 'enzh1', 'enko']:
            add(c, ['-m', 'bleu', '--tokenize', tok, '--lowercase', '--smooth-method', 'floor'], sl=True)
    for c in ['edge2', 'edge3', 'edge_emptyref']:
        for a in bleu_configs(tokenizers=['13a'], with_values=True, lowercase=(False,)):
            add(c, a, sl=True)
    # --- chrF
    for a in chrf_grid_orders():
        add('nasty2s', a, sl=True)
        add('ende3', a)
    for a in chrf_grid_flags():
        add('nasty2s', a, sl=True)
        add('ende1', a)
    for a in [['-m', 'chrf', '--chrf-word-order', '2'], ['-m', 'chrf', '--chrf-word-order', '1', '--chrf-beta', '3'],
              ['-m', 'chrf', '--chrf-char-order', '8', '--chrf-word-order', '3', '--chrf-beta', '1',
               '--chrf-whitespace', '--chrf-eps-smoothing', '--chrf-lowercase']]:
        for c in ['ende2', 'ende3', 'nasty3', 'seeds2', 'edge2', 'edge3', 'edge_emptyref', 'enzh2', 'hibn']:
            add(c, a, sl=c in ('seeds2', 'edge3'))
    for c in ['zhen', 'enja', 'bnhi', 'enhi', 'encs', 'enko', 'wmt17', 'skEn']:
        add(c, ['-m', 'chrf,chrf++', '--chrf-whitespace'])
        add(c, ['-m', 'chrf', '--chrf-eps-smoothing', '--lowercase'])
    # --- TER: all 16 flag combinations
    for a in ter_configs():
        for c in ['nastyshort', 'seeds2', 'edge2']:
            add(c, a, sl=True)
        for c in ['enzh2', 'enja', 'ende1', 'enhi_short', 'edge3']:
            add(c, a)
    for c in ['ende2', 'ende3', 'zhen', 'hibn', 'bnhi', 'encs', 'enko', 'wmt17', 'skEn', 'nasty3', 'edge_emptyref']:
        add(c, ['-m', 'ter', '--ter-normalized', '--ter-asian-support'])
    # --- mixed flags and repeated -m
    add('nasty2', ['-m', 'ter', '-m', 'chrf++', '-m', 'bleu', '--tokenize', 'intl', '--smooth-method', 'add-k',
                   '--lowercase', '--chrf-beta', '1', '--ter-case-sensitive', '--ter-no-punct'], sl=True)
    add('seeds1', ['-m', 'chrf++,bleu', '-m', 'ter', '--tokenize', 'char', '--chrf-char-order', '3',
                   '--ter-normalized'], sl=True)
    # --- WMT17 test.sh style
    for a in [['-m', 'bleu'], ['-m', 'bleu', '--tokenize', 'intl'], ['-m', 'chrf'], ['-m', 'chrf++'], ['-m', 'ter']]:
        add('wmt17', a)
    return specs


def build_cases():
    specs = case_specs()
    man = os.path.join(GOLDEN, 'unit', 'manifest.json')
    if os.path.exists(man):
        specs += json.load(open(man, encoding='utf-8'))
    import multiprocessing
    with multiprocessing.Pool(int(os.environ.get('GEN_JOBS', '2'))) as pool:
        results = pool.map(_eval_spec, specs, chunksize=1)
    cases = []
    for s, (exp, segs) in zip(specs, results):
        c = {'name': s['name'], 'refs': s['refs'], 'systems': s['systems'], 'args': s['args'], 'expected': exp}
        if s['sentence_level']:
            c['segments'] = segs
        cases.append(c)
    return cases


def _eval_spec(s):
    import logging
    logging.getLogger('sacrebleu').setLevel(logging.ERROR)
    return evaluate([os.path.join(GOLDEN, r) for r in s['refs']],
                    [os.path.join(GOLDEN, p) for p in s['systems']], s['args'], s['sentence_level'])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--make-inputs', metavar='SHARED_DIR', nargs='?', const=DEFAULT_SHARED,
                    help='first rebuild the input files from SHARED_DIR (holding data/ and seeds/; '
                         'default: ../shared relative to the repository root)')
    ap.add_argument('--only-inputs', action='store_true')
    a = ap.parse_args()
    _check_version()
    import logging
    logging.getLogger('sacrebleu').setLevel(logging.ERROR)
    if a.make_inputs:
        make_inputs(a.make_inputs)
        if a.only_inputs:
            return
    cases = build_cases()
    with open(os.path.join(GOLDEN, 'cases.json'), 'w', encoding='utf-8') as f:
        json.dump(cases, f, ensure_ascii=False, allow_nan=False, separators=(',', ':'))
        f.write('\n')
    print(f'{len(cases)} cases written', file=sys.stderr)


if __name__ == '__main__':
    main()
