#!/usr/bin/env python3
"""Does any input shape make `dedup clean` slower than linear? Each hostile pattern at two sizes.

  Benchmarks/scaling.py [--dedup PATH] [--kb N] [--timeout S] [--work DIR] [PATTERN ...]

Every pattern is generated at N KB and at 2N KB (default 400) as one text file and cleaned with
`dedup clean FILE -o OUT --report REPORT`. The table gives both wall times and their ratio; a
ratio over 3 (linear would be 2) with the larger run over 0.2 s is flagged, and the exit status
is then 1. A run over --timeout seconds (default 60) counts as that many seconds.

Why: the fuzzer feeds inputs of 1 KB, too small to show a cost that grows with the square of a
paragraph's length, and the bench corpora are ordinary text. Shapes that once took minutes per
megabyte (fixed in the eighth session): one paragraph of stray quotes (`中“““…`), closing marks
under open marks of another family (`「「「…”””`), ASCII brackets or quotes far from the Chinese
that decides them (`a()()…中`), a run restarting URL-scheme detection at every letter
(`www.x 1a1a…`), templated lines that all share LSH bands (`…链{i}号…`).
"""
import argparse, os, subprocess, sys, tempfile, time

# One paragraph each, unless named paras_*: n is the size in characters (roughly).
PATTERNS = {
    'stray_open_quotes': lambda n: '中' + '“' * n,
    'stray_close_quotes': lambda n: '中' + '”' * n,
    'stray_single_quotes': lambda n: '中' + '‘' * n,
    'stray_corners': lambda n: '中' + '「' * n,
    'pairs': lambda n: '中' + '“a”' * (n // 3),
    'nested_quotes': lambda n: '中' + '“' * (n // 2) + '”' * (n // 2),
    'crossed_families': lambda n: '「' * (n // 2) + '”' * (n // 2) + '好',
    'mixed_marks': lambda n: '中' + '“‘「（(\"' * (n // 6),
    'straight_quotes': lambda n: '中' + '"' * n,
    'straight_pairs_far': lambda n: 'a' + '""' * (n // 2) + '中',
    'paren_pairs_far': lambda n: 'a' + '()' * (n // 2) + '中',
    'open_parens': lambda n: '中' + '(' * n,
    'commas': lambda n: '中' + ',' * n,
    'numbers': lambda n: '中' + '1,' * (n // 2),
    'colons': lambda n: 'a' + ': ' * (n // 2) + '中',
    'scheme_run': lambda n: '中文,www.x ' + '1a' * (n // 2),
    'dotted_run': lambda n: '中文,www.x ' + 'a.' * (n // 2),
    'urls': lambda n: '中' + 'http://a,' * (n // 9),
    'emails': lambda n: '中' + 'a@a.' * (n // 4),
    'hard_wrapped': lambda n: '中文\n' * (n // 3),
    'hyphen_wraps': lambda n: 'ab-\n' * (n // 4),
    'spaces': lambda n: '中' + ' ' * n + '中',
    'space_breaks': lambda n: '中' + ' \n' * (n // 2) + '中',
    'tabs': lambda n: '中' + '\t' * n,
    'zero_width': lambda n: '中' + '\u200b' * n,
    'joiners': lambda n: 'a' + '\u200da' * (n // 2),
    'bidi_controls': lambda n: '中' + '\u202e' * n,
    'combining_marks': lambda n: 'a' + '\u0301' * n,
    'emoji_sequences': lambda n: '👍\u200d' * (n // 2),
    'full_width': lambda n: '中' + 'ａ' * n,
    'half_width_kana': lambda n: 'ｶﾞ' * (n // 2),
    'ideographic_spaces': lambda n: '中' + '\u3000' * n,
    'supplementary_han': lambda n: '𠀀' * n,
    'sentences': lambda n: '中。' * (n // 2),
    'paras_templated': lambda n: '\n\n'.join(
        f'这是一段共同的开头文字，用来测试锚点链{i}号不同的结尾内容' for i in range(n // 30)),
    'paras_short': lambda n: '\n\n'.join(f'中{i}' for i in range(n // 5)),
    'paras_cut': lambda n: '\n\n'.join('生物育' if i % 2 == 0 else '种等八大方向' for i in range(n // 5)),
    'paras_open_quotes': lambda n: '\n\n'.join(f'“他说{i}' for i in range(n // 6)),
    'paras_shared_text': lambda n: '\n\n'.join('共同文字' * 20 + str(i) for i in range(n // 90)),
    'paras_growing': lambda n: '\n\n'.join('甲乙丙丁戊己庚辛壬癸' * (i % 50 + 1) for i in range(n // 250)),
}


def clean_seconds(dedup, text, work, timeout):
    path = os.path.join(work, 'input.txt')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text + '\n')
    start = time.monotonic()
    try:
        proc = subprocess.run([dedup, 'clean', path, '-o', path + '.out', '--force', '--report', path + '.jsonl'],
                              capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return float(timeout), 'timeout'
    seconds = time.monotonic() - start
    return seconds, None if proc.returncode == 0 else f'exit {proc.returncode}'


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--dedup', default=os.path.join(here, '..', '.build', 'release', 'dedup'))
    parser.add_argument('--kb', type=int, default=400, help='smaller size in KB of characters (default 400)')
    parser.add_argument('--timeout', type=float, default=60)
    parser.add_argument('--work', default='/dev/shm' if os.path.isdir('/dev/shm') else None)
    parser.add_argument('patterns', nargs='*', help=f'a subset of: {", ".join(PATTERNS)}')
    args = parser.parse_args()
    unknown = [p for p in args.patterns if p not in PATTERNS]
    if unknown:
        sys.exit(f'unknown patterns: {", ".join(unknown)}')
    if not os.access(args.dedup, os.X_OK):
        sys.exit(f'{args.dedup}: not found; build it with `swift build -c release --static-swift-stdlib`')
    flagged = 0
    print(f'dedup clean, one file per pattern, {args.kb} KB and {2 * args.kb} KB of characters\n')
    print('| pattern | s at N | s at 2N | ratio | |')
    print('|---|---|---|---|---|')
    with tempfile.TemporaryDirectory(dir=args.work) as work:
        for name in args.patterns or PATTERNS:
            make = PATTERNS[name]
            small, error_small = clean_seconds(args.dedup, make(args.kb * 1000), work, args.timeout)
            large, error_large = clean_seconds(args.dedup, make(2 * args.kb * 1000), work, args.timeout)
            ratio = large / small if small > 0 else float('inf')
            notes = [e for e in (error_small, error_large) if e]
            if (ratio > 3 and large > 0.2) or 'timeout' in notes:
                notes.append('SUPERLINEAR')
                flagged += 1
            print(f'| {name} | {small:.3f} | {large:.3f} | {ratio:.1f} | {" ".join(notes)} |', flush=True)
    print(f'\n{flagged} pattern(s) flagged')
    sys.exit(1 if flagged else 0)


if __name__ == '__main__':
    main()
