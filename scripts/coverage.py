#!/usr/bin/env python3
"""The table of docs/coverage.md: CuPy's NumPy-level names (tests/data/cupy_api/*.txt, from CuPy
14's reference pages) beside cupp's status for each. A name is present when a public header
declares it (a function, class, variable, alias or ufunc row of that name); the names that C++
cannot express, or that cupp spells otherwise, carry their reason in NOTES below. Prints the
Markdown page; --check fails when a name is neither found nor explained."""
import argparse
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PAGES = ['binary', 'creation', 'fft', 'functional', 'indexing', 'io', 'linalg', 'logic',
         'manipulation', 'math', 'misc', 'polynomials', 'random', 'set', 'sorting', 'statistics',
         'window']

# Names spelled differently in C++, or not expressible; (status, text). Status 'other' counts as
# present (the capability is there under another spelling), 'no' as absent with a reason.
NOTES = {
    'c_': ('no', "Python's index syntax (`np.c_[...]`) has no C++ form; `column_stack` and "
                 "`concatenate` do its work"),
    'r_': ('no', "Python's index syntax (`np.r_[...]`) has no C++ form; `concatenate`, `arange` "
                 "and `linspace` do its work"),
    'who': ('no', 'lists the arrays of a Python namespace; C++ has no such namespace to list'),
    'std': ('other', '`stddev` (in C++, `std` names the standard library)'),
    'ndarray': ('other', '`ndarray<T>` (typed) and `cupp::array` (run-time dtype)'),
    'delete': ('other', '`delete_` (`delete` is a C++ keyword), `cupp/routines/array_edit.hpp`'),
    'flatiter': ('other', '`flatiter<T>`, made by `cupp::flat(a)` (NumPy\'s `a.flat`), '
                          '`cupp/routines/iteration.hpp`'),
    'fft.config': ('other', '`cupp::fft::get_plan_cache()` and its `PlanCache` (the plan cache '
                            'of `cupy.fft.config`; cuFFT callbacks and multi-GPU plans are not '
                            'offered), `cupp/fft.hpp`'),
    'vectorize': ('no', 'wraps a Python function to run per element; on the GPU per-element '
                        'code is a lazy expression or an `ElementwiseKernel` (docs/jit.md)'),
    'genfromtxt': ('no', 'its missing-value handling needs masked and structured arrays, which '
                         'cupp does not have; `loadtxt` reads complete text tables'),
}


INTRO = """
# Coverage of CuPy's NumPy-level API

Every name of CuPy 14's NumPy-level reference (`cupy.*`, the pages `docs/source/reference/*.rst`;
the lists are in `tests/data/cupy_api/`), with cupp's status: **present** (the header that declares
it), **present, spelled** (the same capability under a C++ spelling, and where), or **not
expressible** (and why). The SciPy half (`cupyx.scipy.*`) has its own pages:
[scipy_special.md](scipy_special.md), [scipy_signal.md](scipy_signal.md),
[scipy_ndimage.md](scipy_ndimage.md), [scipy_fft.md](scipy_fft.md).

This page is made by `python3 scripts/coverage.py --markdown > docs/coverage.md`, which looks for
each name's declaration in the public headers (`include/cupp/`); `--check` fails while a name is
neither present nor explained. A name that appears on several reference pages is listed once,
on the first.
"""


def header_texts():
    """(path relative to include/, text) of every public header."""
    out = []
    base = os.path.join(ROOT, 'include')
    for d, _, files in sorted(os.walk(os.path.join(base, 'cupp'))):
        if os.sep + 'detail' in d:
            continue
        for f in sorted(files):
            if f.endswith(('.hpp', '.def')):
                path = os.path.join(d, f)
                with open(path, encoding='utf-8') as fh:
                    text = fh.read()
                # Comments name functions they do not declare: drop them (the .def tables keep
                # their quoted strings, which hold no declarations).
                text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
                text = re.sub(r'//[^\n]*', '', text)
                out.append((os.path.relpath(path, base), text))
    return out


def declared(name, text):
    n = re.escape(name)
    patterns = [
        r'CUPP_\w+\(\s*' + n + r'\s*[,)]',            # ufunc rows and declaration macros
        r'\b(class|struct)\s+' + n + r'\b',            # classes
        r'\busing\s+' + n + r'\s*=',                   # aliases
        r'\busing\s+[\w:]*::' + n + r'\s*;',           # using-declarations
        # functions: a parameter list (nested parentheses and default braces allowed), then a
        # body, a semicolon or a trailing return type
        r'\b' + n + r'\s*\((?:[^;()]|\((?:[^()]|\([^()]*\))*\))*\)\s*(const\s*)?(noexcept\s*)?(\{|;|->)',
        r'\b(inline\s+)?constexpr\s+[\w:<>, ]+\s+' + n + r'\s*[{=;]',       # objects
        r'^\s*(inline\s+)?(const\s+)?[\w:<>]+\s+' + n + r'\s*[{=;(]',       # variables
    ]
    return any(re.search(p, text, re.M) for p in patterns)


def where(name, texts):
    """The first public header that declares `name`, or None."""
    for path, text in texts:
        if declared(name, text):
            return path
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--check', action='store_true', help='fail when a name is not yet present')
    ap.add_argument('--markdown', action='store_true', help='print the tables of docs/coverage.md')
    args = ap.parse_args()
    texts = header_texts()
    seen = {}
    rows = []
    for page in PAGES:
        with open(os.path.join(ROOT, 'tests', 'data', 'cupy_api', page + '.txt')) as fh:
            names = [l.strip() for l in fh if l.strip()]
        for full in names:
            if full in seen:
                continue
            short = full.split('.')[-1]
            if full in NOTES:
                status, why = NOTES[full]
            elif where(short, texts):
                status, why = 'yes', '`' + where(short, texts) + '`'
            else:
                status, why = 'missing', 'not yet'
            seen[full] = status
            rows.append((page, full, status, why))
    total = len(rows)
    have = sum(1 for r in rows if r[2] in ('yes', 'other'))
    summary = '%d of %d names present (%.1f%%)' % (have, total, 100.0 * have / total)
    if args.markdown:
        words = {'yes': 'present', 'other': 'present, spelled', 'no': 'not expressible',
                 'missing': 'not yet'}
        print(INTRO.strip() + '\n')
        print('**' + summary + '**, counting the names spelled otherwise in C++; the names that '
              'C++ cannot express are listed with the reason.')
        for page in PAGES:
            print('\n## %s\n\n| name | status | where, or why |\n| --- | --- | --- |' % page)
            for p, full, status, why in rows:
                if p == page:
                    print('| `%s` | %s | %s |' % (full, words[status], why))
    else:
        print(summary)
        for page, full, status, why in rows:
            if status != 'yes':
                print('%-13s %-40s %-8s %s' % (page, full, status, why))
    if args.check and any(r[2] == 'missing' for r in rows):
        sys.exit(1)


if __name__ == '__main__':
    main()
