#!/usr/bin/env python3
"""Quality and speed of `dedup clean` on the bench corpora, beside the peers' published figures.

  Benchmarks/quality.py [--dedup PATH] [--data DIR] [--sample N] [--corpora zh,licenses,news-like]
                        [--ngrams 3,4,5,6,7] [--baseline PATH]

Needs numpy and scipy (the peers' venv has them: /work/bench-data/.venv-peers/bin/python).

For every corpus:
  1. speed: the corpus's .txt files, in sorted order, are concatenated into ONE document (corpus
     mode does not exist yet; `CleaningPipeline` keeps its index across documents, so this is what
     a corpus run will see) and cleaned with the release binary; MB/s is wall time of the process.
  2. quality: a seeded sample of N paragraphs (the peers' selection: random.Random(42).sample,
     kept in corpus order) is written as one document and cleaned; its removals are scored against
     a brute-force, all-pairs exact computation over the SAME shingles (character n-grams of the
     match key) with the SAME keep-first semantics: paragraph i (with at least --min-chars
     letters/digits) is removed iff some earlier KEPT paragraph j has the same key, Jaccard >= t, or
     (|S_i| <= |S_j| and containment |S_i ∩ S_j| / |S_i| >= c). Every pair is scored (blocked
     sparse products), so precision and recall are exact for the sample.
     The match key is recomputed here with Python's unicodedata (NFKC, casefold, NFKC, keep
     categories L, M, N, S, Cn), an approximation of ICU's NFKC_Casefold; `key agreement` prints how
     often the exact-key decisions of both agree (1.0 = the keys agree on the sample).
     A second run with `--containment off` is scored twice: against the same greedy brute force
     without containment (isolates what MinHash-LSH misses), and the peers' way (removed iff ANY
     earlier paragraph has Jaccard >= t, kept or not), comparable to the peers' recall figures.
  3. news-like only: recall on the generator's injected repeats (ground-truth.jsonl: exact, near,
     split pieces) and how many fresh original paragraphs were removed (originals.tsv).
With --ngrams, news-like is also cleaned once per n and the recall per type printed (how the
default n was chosen).
"""
import argparse, json, os, random, re, subprocess, sys, tempfile, time, unicodedata

import numpy as np
from scipy import sparse

# The peers' figures from /work/shared/bench/README.md (20 k samples, their own NFKC 5-gram
# shingles, threshold 0.8) and their news-like ground-truth recall (issue 4).
PEERS = {
    'zh': {'exact sha1': (None, 0.97), 'datasketch': (None, 0.99), 'rensa': (None, 0.997)},
    'licenses': {'exact sha1': (None, 0.91), 'datasketch': (None, 0.99), 'rensa': (None, 0.996)},
    'news-like': {'exact sha1': (None, 0.46), 'datasketch': (None, 0.91), 'rensa': (None, 0.976)},
}
PEERS_SPEED = {'zh': 'exact 13.6, datasketch 0.30, rensa 2.6 MB/s',
               'licenses': 'exact 29.3, datasketch 0.73, rensa 3.1 MB/s',
               'news-like': 'exact 14.4, datasketch 0.36, rensa 1.7 MB/s'}
PEERS_GT = 'best peer: near 0.58, split 0.20 (issue 4)'

SEED = 42
# Lines holding only these are blank (the splitter's rule: White_Space or Default_Ignorable).
INVISIBLE = set('\u200b\u200c\u200d\u2060\ufeff\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5'
                '\u180e\u3164\uffa0')


def is_blank(line):
    return all(c.isspace() or c in INVISIBLE for c in line)


def split_paragraphs(text):
    paras, current = [], []
    for line in text.split('\n'):
        if is_blank(line):
            if current:
                paras.append('\n'.join(current))
                current = []
        else:
            current.append(line)
    if current:
        paras.append('\n'.join(current))
    return paras


def corpus_files(corpus):
    return sorted(os.path.join(dp, f) for dp, _, fs in os.walk(corpus) for f in fs if f.endswith('.txt'))


def read(path):
    data = open(path, 'rb').read()
    if data.startswith(b'\xef\xbb\xbf'):
        data = data[3:]
    return data.decode('utf-8', errors='replace').replace('\r\n', '\n').replace('\r', '\n')


def match_key(p):
    t = unicodedata.normalize('NFKC', unicodedata.normalize('NFKC', p).casefold())
    kept = [c for c in t if unicodedata.category(c)[0] in 'LMNS' or unicodedata.category(c) == 'Cn']
    significant = sum(1 for c in kept if unicodedata.category(c)[0] in 'LN')
    return ''.join(kept), significant


def shingles(key, n):
    if len(key) < n:
        return {key}
    return {key[i:i + n] for i in range(len(key) - n + 1)}


def run_dedup(dedup, path, extra, workdir):
    out = os.path.join(workdir, 'out.txt')
    report = os.path.join(workdir, 'report.jsonl')
    t = time.perf_counter()
    proc = subprocess.run([dedup, 'clean', path, '-o', out, '--report', report, '--force'] + extra,
                          capture_output=True, text=True)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        sys.exit(f'dedup failed: {proc.stderr}')
    removed = {}
    for line in open(report, encoding='utf-8'):
        r = json.loads(line)
        if r['record'] == 'removed':
            removed[r['paragraph']] = r
    m = re.search(r'(\d+) paragraphs in', proc.stderr)
    return removed, int(m.group(1)), wall, proc.stderr.strip()


def brute_force(sets, keys, sizes_ok, t, c):
    """For each i: sorted earlier j with same key / J >= t / contained (|S_i| <= |S_j|, C >= c)."""
    vocab, rows, cols = {}, [], []
    for i, S in enumerate(sets):
        for x in S:
            rows.append(i)
            cols.append(vocab.setdefault(x, len(vocab)))
    n = len(sets)
    A = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(n, len(vocab)))
    AT = A.T.tocsc()
    sizes = np.asarray(A.sum(axis=1)).ravel()
    near = [[] for _ in range(n)]
    contained = [[] for _ in range(n)]
    anyearlier = np.zeros(n, bool)
    for i0 in range(0, n, 1000):
        blk = (A[i0:i0 + 1000] @ AT).tocoo()
        i = blk.row + i0
        j = blk.col
        inter = blk.data
        jac = inter / (sizes[i] + sizes[j] - inter)
        cont = inter / sizes[i]
        earlier = j < i
        okn = earlier & (jac >= t)
        anyearlier[i[okn]] = True
        for a, b in zip(i[okn], j[okn]):
            near[a].append(b)
        if c is not None:
            okc = earlier & (cont >= c) & (sizes[i] <= sizes[j]) & ~(jac >= t)
            for a, b in zip(i[okc], j[okc]):
                contained[a].append(b)
    same = [[] for _ in range(n)]
    first = {}
    for i, k in enumerate(keys):
        if k in first:
            same[i].append(first[k])
        else:
            first[k] = i
    removed = np.zeros(n, bool)
    for i in range(n):
        if not sizes_ok[i]:
            continue
        if any(not removed[j] for j in same[i] + near[i] + contained[i]):
            removed[i] = True
    return removed, anyearlier


def score(flags, truth):
    tp = int(np.sum(flags & truth)); fp = int(np.sum(flags & ~truth)); fn = int(np.sum(~flags & truth))
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), tp, fp, fn


def sample_eval(args, corpus, paras, workdir):
    rng = random.Random(SEED)
    idx = sorted(rng.sample(range(len(paras)), min(args.sample, len(paras))))
    texts = [paras[i] for i in idx]
    path = os.path.join(workdir, 'sample.txt')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n\n'.join(texts) + '\n')
    keyed = [match_key(p) for p in texts]
    keys = [k for k, _ in keyed]
    ok = np.array([s >= args.min_chars for _, s in keyed])
    sets = [shingles(k, args.ngram) for k in keys]
    t0 = time.perf_counter()
    truth, anyearlier = brute_force(sets, keys, ok, args.threshold, args.containment)
    bf = time.perf_counter() - t0
    removed, count, _, _ = run_dedup(args.dedup, path, ['--ngram', str(args.ngram)], workdir)
    if count != len(texts):
        sys.exit(f'{corpus}: paragraph split disagrees ({count} vs {len(texts)})')
    flags = np.zeros(len(texts), bool)
    flags[list(removed)] = True
    exact_ours = {i for i, r in removed.items() if r['reason'] == 'exact'}
    seen, exact_py = set(), set()
    for i, k in enumerate(keys):
        if k in seen and ok[i]:
            exact_py.add(i)
        seen.add(k)
    # A later copy of a key whose first copy was removed as `contained` is itself removed as
    # contained (its twin is not kept), so compare: our exact removals are Python key repeats, and
    # every Python key repeat is removed by us for some reason.
    agreement = (len(exact_ours & exact_py) + len(exact_py & set(removed))) / max(len(exact_ours) + len(exact_py), 1)
    p, r, tp, fp, fn = score(flags, truth)
    # The peers' definition: no containment, removed iff ANY earlier paragraph has J >= t.
    removed_j, _, _, _ = run_dedup(args.dedup, path, ['--ngram', str(args.ngram), '--containment', 'off'], workdir)
    flags_j = np.zeros(len(texts), bool)
    flags_j[list(removed_j)] = True
    pj, rj, *_ = score(flags_j, anyearlier & ok)
    truth_j, _ = brute_force(sets, keys, ok, args.threshold, None)
    pg, rg, *_ = score(flags_j, truth_j)
    return {'sample': len(texts), 'truth': int(truth.sum()), 'removed': int(flags.sum()), 'precision': p,
            'recall': r, 'fp': fp, 'fn': fn, 'precision_j': pj, 'recall_j': rj, 'precision_g': pg, 'recall_g': rg,
            'key_agreement': agreement, 'bruteforce_s': bf}


def news_positions(data):
    files = sorted(f for f in os.listdir(data) if f.endswith('.txt'))
    pos, total = {}, 0
    for f in files:
        count = len(split_paragraphs(read(os.path.join(data, f))))
        for k in range(count):
            pos[(f, k)] = total + k
        total += count
    return pos


def news_eval(args, removed, pos):
    data = os.path.join(args.data, 'news-like')
    gt = [json.loads(l) for l in open(os.path.join(data, 'ground-truth.jsonl'), encoding='utf-8')]
    res = {}
    for t in ('exact', 'near', 'split'):
        ids = [pos[(g['file'], g['para'])] for g in gt if g['type'] == t]
        res[t] = sum(1 for i in ids if i in removed) / max(len(ids), 1)
    orig = [pos[(a, int(b))] for a, b in (l.rstrip('\n').split('\t') for l in open(os.path.join(data, 'originals.tsv')))]
    res['originals_removed'] = sum(1 for i in orig if i in removed)
    res['originals'] = len(orig)
    return res


def main():
    ap = argparse.ArgumentParser()
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument('--dedup', default=os.path.join(here, '..', '.build', 'release', 'dedup'))
    ap.add_argument('--baseline', help='another dedup binary to time on the same inputs')
    ap.add_argument('--data', default='/work/bench-data')
    ap.add_argument('--sample', type=int, default=20000)
    ap.add_argument('--corpora', default='zh,licenses,news-like')
    ap.add_argument('--ngrams', default='')
    ap.add_argument('--threshold', type=float, default=0.8)
    ap.add_argument('--containment', type=float, default=0.8)
    ap.add_argument('--ngram', type=int, default=5)
    ap.add_argument('--min-chars', type=int, default=10)
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as workdir:
        for corpus in args.corpora.split(','):
            data = os.path.join(args.data, corpus)
            files = corpus_files(data)
            whole = os.path.join(workdir, 'corpus.txt')
            texts = [read(f) for f in files]
            with open(whole, 'w', encoding='utf-8') as f:
                for t in texts:
                    f.write(t.rstrip('\n') + '\n\n')
            mb = os.path.getsize(whole) / 1e6
            paras = [p for t in texts for p in split_paragraphs(t)]
            removed, count, wall, summary = run_dedup(args.dedup, whole, [], workdir)
            if count != len(paras):
                print(f'warning: {corpus}: dedup saw {count} paragraphs, this script {len(paras)}')
            speed = {'mb': mb, 'wall': wall, 'summary': summary}
            if args.baseline:
                _, _, bwall, _ = run_dedup(args.baseline, whole, [], workdir)
                speed['baseline_wall'] = bwall
            news = news_eval(args, removed, news_positions(data)) if corpus == 'news-like' else None
            q = sample_eval(args, corpus, paras, workdir)
            sweep = []
            if corpus == 'news-like' and args.ngrams:
                pos = news_positions(data)
                for n in [int(x) for x in args.ngrams.split(',')]:
                    rem, _, w, _ = run_dedup(args.dedup, whole, ['--ngram', str(n)], workdir)
                    sweep.append((n, news_eval(args, rem, pos), w))
            rows.append((corpus, speed, q, news, sweep))
            print(f'# {corpus}: {summary}', file=sys.stderr)

    print(f'\n## dedup near duplicates (t={args.threshold}, containment={args.containment}, n={args.ngram}, '
          f'min-chars={args.min_chars}), sample {args.sample}\n')
    print('| corpus | MB | dedup MB/s | baseline MB/s | peers MB/s | precision vs brute force | recall vs brute force | '
          'J-only P / R vs brute force | J-only recall (peers def.) | peers recall (exact / datasketch / rensa) | key agreement |')
    print('|---|---|---|---|---|---|---|---|---|---|---|')
    for corpus, speed, q, news, _ in rows:
        base = f"{speed['mb'] / speed['baseline_wall']:.1f}" if 'baseline_wall' in speed else '–'
        peers = ' / '.join(f'{v[1]}' for v in PEERS[corpus].values())
        print(f"| {corpus} | {speed['mb']:.1f} | {speed['mb'] / speed['wall']:.1f} | {base} | {PEERS_SPEED[corpus]} | "
              f"{q['precision']:.4f} (fp {q['fp']}) | {q['recall']:.4f} (fn {q['fn']}) | "
              f"{q['precision_g']:.4f} / {q['recall_g']:.4f} | "
              f"{q['recall_j']:.4f} (precision {q['precision_j']:.4f}) | {peers} | {q['key_agreement']:.4f} |")
    for corpus, _, _, news, sweep in rows:
        if news:
            print(f"\nnews-like ground truth: recall exact {news['exact']:.4f}, near {news['near']:.4f}, "
                  f"split pieces {news['split']:.4f}; fresh originals removed {news['originals_removed']} of "
                  f"{news['originals']} ({PEERS_GT})")
        if sweep:
            print('\n| n | near recall | split recall | exact recall | originals removed | wall s |')
            print('|---|---|---|---|---|---|')
            for n, r, w in sweep:
                print(f"| {n} | {r['near']:.4f} | {r['split']:.4f} | {r['exact']:.4f} | {r['originals_removed']} | {w:.1f} |")


if __name__ == '__main__':
    main()
