#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""Draws the table of bench/compare_cupy.py as a bar chart: cupp's time over CuPy's, per row.

compare_cupy.py prints a Markdown table (and writes it to bench_table.md in its --out folder):

    | case | cupp | CuPy | ratio (cupp/CuPy) | GB/s cupp (CuPy) | TFLOP/s cupp (CuPy) |
    | --- | --- | --- | --- | --- | --- |
    | ew_add_f32_out | 1.23 ms | 1.25 ms | 0.98 |  |  |

This reads that table from a file (or standard input, with "-"), skipping any other lines, and
writes a PNG with one horizontal bar per row that has a ratio (rows with "-", run on one side
only, are left out and listed on standard error). The ratio axis is logarithmic around 1: a bar
to the left of the line (below 1) is a row where cupp is faster.

    python3 bench/compare_cupy.py --bench build-gpu/bench/cupp_bench --out logs/
    python3 bench/plot_compare.py logs/bench_table.md -o logs/bench_ratio.png

Needs matplotlib.
"""
import argparse
import math
import re
import sys

RATIO_COLUMN = 'ratio (cupp/CuPy)'


def cells(line):
    """The cells of one Markdown table row, stripped."""
    return [c.strip() for c in line.strip().strip('|').split('|')]


def read_table(lines):
    """(case, ratio) pairs of the first table whose header has a 'case' and a ratio column.

    Returns the rows with a number as their ratio, and the names of the rows without one.
    """
    rows, skipped = [], []
    header = None
    for line in lines:
        if not line.lstrip().startswith('|'):
            if header is not None and rows + skipped:
                break  # the table has ended
            continue
        row = cells(line)
        if header is None:
            if 'case' in row and RATIO_COLUMN in row:
                header = row
            continue
        if all(re.fullmatch(r':?-+:?', c) for c in row):
            continue  # the separator line
        if len(row) != len(header):
            raise ValueError('a row with %d cells under a header of %d: %s'
                             % (len(row), len(header), line.rstrip()))
        name = row[header.index('case')]
        ratio = row[header.index(RATIO_COLUMN)]
        try:
            value = float(ratio)
        except ValueError:
            skipped.append(name)
            continue
        if not value > 0 or math.isinf(value):
            skipped.append(name)
            continue
        rows.append((name, value))
    if header is None:
        raise ValueError('no table with the columns "case" and "%s" found' % RATIO_COLUMN)
    return rows, skipped


def plot(rows, path, title):
    import matplotlib
    matplotlib.use('Agg')  # no display needed
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    names = [n for n, _ in rows]
    ratios = [r for _, r in rows]
    colours = ['#2a9d8f' if r < 1 else '#e76f51' for r in ratios]
    height = max(2.5, 0.22 * len(rows) + 1.2)
    fig, ax = plt.subplots(figsize=(9, height))
    y = range(len(rows))
    # Bars start at 1 (equal time), so that a faster row points left and a slower one right.
    ax.barh(y, [r - 1 for r in ratios], left=1, color=colours, height=0.7)
    ax.set_xscale('log', base=2)
    lo, hi = min(ratios + [1.0]), max(ratios + [1.0])
    ax.set_xlim(lo / 1.5, hi * 1.5)
    ax.axvline(1, color='black', linewidth=0.8)
    for i, r in enumerate(ratios):  # the figure of the table beside its bar
        ax.text(r * (1.02 if r >= 1 else 1 / 1.02), i, '%.2f' % r, va='center',
                ha='left' if r >= 1 else 'right', fontsize=6)
    ax.set_yticks(list(y))
    ax.set_yticklabels(names, fontsize=7)
    ax.invert_yaxis()  # the table's order, top to bottom
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: '%g' % v))
    ax.set_xlabel('cupp time / CuPy time (log scale; below 1: cupp is faster)')
    ax.set_title(title)
    ax.grid(axis='x', which='major', linewidth=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=130)
    plt.close(fig)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('table', help='the output of compare_cupy.py, or its bench_table.md ("-": stdin)')
    ap.add_argument('-o', '--output', required=True, help='the PNG to write')
    ap.add_argument('--filter', default=None, help='regular expression: the rows to draw')
    ap.add_argument('--title', default='cupp beside CuPy, per benchmark row')
    args = ap.parse_args()
    source = sys.stdin if args.table == '-' else open(args.table, encoding='utf-8')
    try:
        with source:
            rows, skipped = read_table(source)
    except ValueError as e:
        print('%s: %s' % (args.table, e), file=sys.stderr)
        return 2
    if args.filter:
        rows = [(n, r) for n, r in rows if re.search(args.filter, n)]
    if skipped:
        print('rows without a ratio, left out: ' + ', '.join(skipped), file=sys.stderr)
    if not rows:
        print('no row with a ratio to draw', file=sys.stderr)
        return 1
    plot(rows, args.output, args.title)
    print('%s: %d rows' % (args.output, len(rows)), file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main())
