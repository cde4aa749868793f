#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""Runs CuPy's example programs beside their cupp ports (cupp_realworld) and prints one table.

For each row: the inputs are drawn here with NumPy from fixed seeds and written as array files
(see realworld.hpp for the format); cupp_realworld runs the row and CuPy runs the same program in
a fresh process of this script (--worker), each with an empty kernel cache of its own, so that
"first run" is a cold start on both sides. Each side times the whole program with its inputs
already on the GPU: the first call (compiles included) on the host clock, one more call as
warm-up, then --reps calls between two CUDA events; the table gives the median. Both sides write
their results, which are checked against each other and, where the example has one, against a
NumPy reference.

    python3 bench/realworld/compare_realworld.py --bin build-gpu/bench/cupp_realworld
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
KERNELS = os.path.join(HERE, 'kernels')

RISK_FREE, VOLATILITY = 0.02, 0.3

# Sizes: the examples' defaults, except Monte Carlo (a tenth of its 100000 threads per option, so
# that one call takes tens of milliseconds) and SGEMM (fixed sizes, not multiples of the tile).
KMEANS_NUM, KMEANS_CLUSTERS, KMEANS_MAX_ITER = 5_000_000, 2, 10
GMM_NUM = 500_000
BS_OPTIONS = 10_000_000
MC_OPTIONS, MC_THREADS, MC_SAMPLES = 1000, 10_000, 1000
SGEMM_M, SGEMM_N, SGEMM_K = 4000, 3000, 2000

# row: (input set, what its time is: 'engine' (cupp's own expressions, reductions and routines;
# target 1.5x) or 'user kernel' / 'cuBLAS' (target: not slower)).
ROWS = {
    'kmeans': ('kmeans', 'engine'),
    'gmm': ('gmm', 'engine'),
    'black_scholes_auto': ('black_scholes', 'engine'),
    'black_scholes_named': ('black_scholes', 'engine'),
    'black_scholes_kernel': ('black_scholes', 'user kernel'),
    'monte_carlo': ('monte_carlo', 'user kernel'),
    'sgemm_rawkernel': ('sgemm', 'user kernel'),
    'sgemm_cublas': ('sgemm', 'cuBLAS'),
}
TARGET = {'engine': 1.5, 'user kernel': 1.0, 'cuBLAS': 1.0}


# ---- array files -----------------------------------------------------------------------------

def write_array(path, a):
    a = np.ascontiguousarray(a)
    with open(path, 'wb') as f:
        f.write(a.dtype.str.encode().ljust(8, b'\0'))
        f.write(np.array([a.ndim, *a.shape], dtype='<i8').tobytes())
        f.write(a.tobytes())


def read_array(path):
    with open(path, 'rb') as f:
        tag = f.read(8).rstrip(b'\0').decode()
        ndim = int(np.frombuffer(f.read(8), dtype='<i8')[0])
        shape = tuple(int(d) for d in np.frombuffer(f.read(8 * ndim), dtype='<i8'))
        return np.frombuffer(f.read(), dtype=np.dtype(tag)).reshape(shape)


def read_source(name):
    with open(os.path.join(KERNELS, name)) as f:
        return f.read()


# ---- inputs, from fixed seeds ----------------------------------------------------------------

def make_inputs(name, data):
    """Writes the input set `name` into the folder `data`, unless it holds them already (a stamp
    file names the sizes they were drawn with)."""
    stamp = os.path.join(data, name + '.inputs')
    sizes = repr((KMEANS_NUM, KMEANS_CLUSTERS, GMM_NUM, BS_OPTIONS, MC_OPTIONS, MC_THREADS,
                  MC_SAMPLES, SGEMM_M, SGEMM_N, SGEMM_K))
    if os.path.exists(stamp):
        with open(stamp) as f:
            if f.read() == sizes:
                return
    rng = np.random.default_rng({'kmeans': 1, 'gmm': 2, 'black_scholes': 3, 'monte_carlo': 4,
                                 'sgemm': 5}[name])

    def put(key, a):
        write_array(os.path.join(data, key + '.bin'), a)

    def rand_range(lo, hi, n):
        return lo + (hi - lo) * rng.random(n)

    if name == 'kmeans':
        samples = rng.standard_normal((KMEANS_NUM, 2)).astype(np.float32)
        X = np.r_[samples + 1, samples - 1]
        put('kmeans_X', X)
        put('kmeans_initial_indexes',
            rng.choice(len(X), KMEANS_CLUSTERS, replace=False).astype(np.int32))
    elif name == 'gmm':
        train1 = rng.normal(3, [1, 2], size=(GMM_NUM, 2)).astype(np.float32)
        train2 = rng.normal(-3, [2, 1], size=(GMM_NUM, 2)).astype(np.float32)
        put('gmm_X', np.r_[train1, train2])
        put('gmm_means', rng.random((2, 2)))
        put('gmm_covariances', rng.random((2, 2)))
    elif name == 'black_scholes':
        put('black_scholes_s', rand_range(5, 30, BS_OPTIONS))
        put('black_scholes_x', rand_range(1, 100, BS_OPTIONS))
        put('black_scholes_t', rand_range(0.25, 10, BS_OPTIONS))
    elif name == 'monte_carlo':
        put('monte_carlo_s', rand_range(5, 30, MC_OPTIONS))
        put('monte_carlo_x', rand_range(1, 100, MC_OPTIONS))
        put('monte_carlo_t', rand_range(0.25, 10, MC_OPTIONS))
        put('monte_carlo_params', np.array([MC_THREADS, MC_SAMPLES], dtype=np.int64))
    elif name == 'sgemm':
        put('sgemm_A', rng.uniform(-1, 1, (SGEMM_M, SGEMM_K)).astype(np.float32))
        put('sgemm_B', rng.uniform(-1, 1, (SGEMM_K, SGEMM_N)).astype(np.float32))
    with open(stamp, 'w') as f:
        f.write(sizes)


# ---- the CuPy programs (run in a worker process) ---------------------------------------------

def kmeans_fit(xp, X, initial_indexes, max_iter):
    n_clusters = len(initial_indexes)
    pred = xp.zeros(len(X), dtype=np.int32)
    centers = X[initial_indexes]
    for _ in range(max_iter):
        distances = xp.linalg.norm(X[:, None, :] - centers[None, :, :], axis=2)
        new_pred = xp.argmin(distances, axis=1).astype(np.int32)
        if xp.all(new_pred == pred):
            break
        pred = new_pred
        centers = xp.stack([X[pred == i].mean(axis=0) for i in range(n_clusters)])
    return centers, pred


class GaussianMixture:
    """EM for a mixture of Gaussians with diagonal covariances, as examples/gmm/gmm.py."""

    def __init__(self, xp, tol=1e-3, reg_covar=1e-6, max_iter=30):
        self.xp, self.tol, self.reg_covar, self.max_iter = xp, tol, reg_covar, max_iter

    def estimate_gaussian_parameters(self, X, resp):
        xp = self.xp
        nk = xp.sum(resp, axis=0) + 10 * xp.finfo(resp.dtype).eps
        means = xp.dot(resp.T, X) / nk[:, None]
        avg_X2 = xp.dot(resp.T, X * X) / nk[:, None]
        avg_means2 = means ** 2
        avg_X_means = means * xp.dot(resp.T, X) / nk[:, None]
        covariances = avg_X2 - 2 * avg_X_means + avg_means2 + self.reg_covar
        return nk, means, covariances

    def estimate_log_prob(self, X):
        xp = self.xp
        n_features = X.shape[1]
        log_det = xp.sum(xp.log(self.precisions_chol), axis=1)
        precisions = self.precisions_chol ** 2
        log_prob = (xp.sum(self.means ** 2 * precisions, 1) -
                    2 * xp.dot(X, (self.means * precisions).T) + xp.dot(X ** 2, precisions.T))
        return -0.5 * (n_features * xp.log(2 * np.pi) + log_prob) + log_det

    def e_step(self, X):
        xp = self.xp
        weighted_log_prob = self.estimate_log_prob(X) + xp.log(self.weights)
        log_prob_norm = xp.log(xp.sum(xp.exp(weighted_log_prob), axis=1))
        log_resp = weighted_log_prob - log_prob_norm[:, None]
        return xp.mean(log_prob_norm), log_resp

    def m_step(self, X, log_resp):
        self.weights, self.means, self.covariances = self.estimate_gaussian_parameters(
            X, self.xp.exp(log_resp))
        self.weights /= len(X)
        self.precisions_chol = 1 / self.xp.sqrt(self.covariances)

    def fit(self, X, means, covariances):
        xp = self.xp
        lower_bound = -np.inf
        self.weights = xp.array([0.5, 0.5], dtype=np.float32)
        self.means = means.copy()
        self.covariances = covariances.copy()
        self.precisions_chol = 1 / xp.sqrt(self.covariances)
        self.n_iter = 0
        while self.n_iter < self.max_iter:
            prev_lower_bound = lower_bound
            log_prob_norm, log_resp = self.e_step(X)
            self.m_step(X, log_resp)
            lower_bound = log_prob_norm
            self.n_iter += 1
            if abs(lower_bound - prev_lower_bound) < self.tol:
                break

    def predict(self, X):
        return (self.estimate_log_prob(X) + self.xp.log(self.weights)).argmax(axis=1)


def black_scholes(xp, s, x, t, r, v):
    """The example's formula with NumPy operations (its naive implementation)."""
    sqrt_t = xp.sqrt(t)
    d1 = (xp.log(s / x) + (r + v * v / 2) * t) / (v * sqrt_t)
    d2 = d1 - v * sqrt_t

    def cumulative_normal(d):
        a1, a2, a3, a4, a5 = 0.31938153, -0.356563782, 1.781477937, -1.821255978, 1.330274429
        rsqrt_2pi, w = 0.39894228040143267793994605993438, 0.2316419
        k = 1 / (1 + w * xp.abs(d))
        tail = rsqrt_2pi * xp.exp(-d * d / 2) * (k * (a1 + k * (a2 + k * (a3 + k * (a4 + k * a5)))))
        return xp.where(d > 0, 1 - tail, tail)

    cnd_d1 = cumulative_normal(d1)
    cnd_d2 = cumulative_normal(d2)
    exp_rt = xp.exp(-r * t)
    call = s * cnd_d1 - x * exp_rt * cnd_d2
    put = x * exp_rt * (1 - cnd_d2) - s * (1 - cnd_d1)
    return call, put


def cupy_program(cp, row, data):
    """(run, names): run() runs the row's program on device inputs and returns its results."""
    def load(key):
        return cp.asarray(read_array(os.path.join(data, key + '.bin')))

    if row == 'kmeans':
        X, idx = load('kmeans_X'), load('kmeans_initial_indexes')
        return (lambda: kmeans_fit(cp, X, idx, KMEANS_MAX_ITER)), ['centers', 'pred']
    if row == 'gmm':
        X, means, covariances = load('gmm_X'), load('gmm_means'), load('gmm_covariances')

        def run_gmm():
            gmm = GaussianMixture(cp)
            gmm.fit(X, means, covariances)
            pred = gmm.predict(X)
            return (gmm.weights, gmm.means, gmm.covariances, pred,
                    cp.array([gmm.n_iter], dtype=cp.int64))
        return run_gmm, ['weights', 'means', 'covariances', 'pred', 'n_iter']
    if row.startswith('black_scholes'):
        s, x, t = (load('black_scholes_' + k) for k in 'sxt')
        if row == 'black_scholes_kernel':
            kernel = cp.ElementwiseKernel(
                'T s, T x, T t, T r, T v', 'T call, T put',
                read_source('black_scholes_body.cuh'), 'black_scholes_kernel',
                preamble=read_source('black_scholes_preamble.cuh'))
            return (lambda: kernel(s, x, t, RISK_FREE, VOLATILITY)), ['call', 'put']
        return (lambda: black_scholes(cp, s, x, t, RISK_FREE, VOLATILITY)), ['call', 'put']
    if row == 'monte_carlo':
        s, x, t = (load('monte_carlo_' + k) for k in 'sxt')
        n_threads, n_samples = (int(p) for p in load('monte_carlo_params').get())
        kernel = cp.ElementwiseKernel(
            'T s, T x, T t, T r, T v, int32 n_samples, int32 seed', 'T call',
            read_source('monte_carlo_body.cuh'), 'monte_carlo_kernel',
            preamble=read_source('monte_carlo_preamble.cuh'))

        def run_monte_carlo():
            call_prices = cp.empty((len(s), n_threads), dtype=cp.float64)
            kernel(s[:, None], x[:, None], t[:, None], RISK_FREE, VOLATILITY, n_samples, 0,
                   call_prices)
            return (call_prices.mean(axis=1),)
        return run_monte_carlo, ['call']
    if row.startswith('sgemm'):
        A, B = load('sgemm_A'), load('sgemm_B')
        if row == 'sgemm_cublas':
            return (lambda: (cp.matmul(A, B),)), ['C']
        kernel = cp.RawKernel(read_source('sgemm.cu'), 'sgemm')
        (m, k), n = A.shape, B.shape[1]

        def run_sgemm():
            C = cp.empty((m, n), dtype=cp.float32)
            kernel(((n + 63) // 64, (m + 63) // 64), (16, 16),
                   (np.int32(m), np.int32(n), np.int32(k), A, B, C))
            return (C,)
        return run_sgemm, ['C']
    raise KeyError(row)


def worker(row, data, reps):
    """The CuPy side of one row, timed as cupp_realworld times its own (realworld.hpp)."""
    import cupy as cp
    run, names = cupy_program(cp, row, data)
    sync = cp.cuda.Device().synchronize
    sync()
    t0 = time.perf_counter()
    run()
    sync()
    first_ms = (time.perf_counter() - t0) * 1e3
    run()
    sync()
    start, stop = cp.cuda.Event(), cp.cuda.Event()
    ms = []
    for _ in range(reps):
        start.record()
        result = run()
        stop.record()
        stop.synchronize()
        ms.append(cp.cuda.get_elapsed_time(start, stop))
    for name, a in zip(names, result):
        write_array(os.path.join(data, '%s.cupy.%s.bin' % (row, name)), cp.asnumpy(a))
    print(json.dumps({'row': row, 'first_ms': first_ms, 'ms': ms}), flush=True)


# ---- checks ----------------------------------------------------------------------------------

def allclose(a, b, rtol, atol):
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol))


def mismatch_fraction(a, b):
    return 1.0 if a.shape != b.shape else float(np.mean(a != b))


_bs_reference = {}


def black_scholes_reference(data):
    if not _bs_reference:
        s, x, t = (read_array(os.path.join(data, 'black_scholes_%s.bin' % k)) for k in 'sxt')
        _bs_reference['call'], _bs_reference['put'] = black_scholes(np, s, x, t, RISK_FREE,
                                                                    VOLATILITY)
    return _bs_reference


def check(row, data):
    """(agree, note): whether cupp's results agree with CuPy's (and NumPy's, where there is a
    reference), with the tolerance used."""
    def out(side, name):
        return read_array(os.path.join(data, '%s.%s.%s.bin' % (row, side, name)))

    if row == 'kmeans':
        c, g = out('cupp', 'centers'), out('cupy', 'centers')
        frac = mismatch_fraction(out('cupp', 'pred'), out('cupy', 'pred'))
        ok = allclose(c, g, 1e-4, 1e-5) and frac <= 1e-4
        return ok, 'centers rtol 1e-4; labels differ on %.2g of points (<= 1e-4)' % frac
    if row == 'gmm':
        ok = all(allclose(out('cupp', k), out('cupy', k), 1e-4, 1e-8)
                 for k in ('weights', 'means', 'covariances'))
        frac = mismatch_fraction(out('cupp', 'pred'), out('cupy', 'pred'))
        iters = (int(out('cupp', 'n_iter')[0]), int(out('cupy', 'n_iter')[0]))
        ok = ok and frac <= 1e-4 and iters[0] == iters[1]
        return ok, 'parameters rtol 1e-4; labels differ on %.2g; iterations %d / %d' % (
            frac, iters[0], iters[1])
    if row.startswith('black_scholes'):
        ref = black_scholes_reference(data)
        ok = all(allclose(out(side, k), ref[k], 1e-7, 1e-10)
                 for side in ('cupp', 'cupy') for k in ('call', 'put'))
        return ok, 'both sides vs NumPy: rtol 1e-7, atol 1e-10'
    if row == 'monte_carlo':
        ok = allclose(out('cupp', 'call'), out('cupy', 'call'), 1e-9, 1e-12)
        return ok, 'the same kernel: rtol 1e-9'
    if row.startswith('sgemm'):
        a = read_array(os.path.join(data, 'sgemm_A.bin')).astype(np.float64)
        b = read_array(os.path.join(data, 'sgemm_B.bin')).astype(np.float64)
        ref = a @ b
        # float32 sums of SGEMM_K products of numbers in [-1, 1]: |error| <~ K * eps32 * |a||b|
        atol = SGEMM_K * np.finfo(np.float32).eps * 4
        errs = [float(np.abs(out(side, 'C') - ref).max()) for side in ('cupp', 'cupy')]
        ok = max(errs) <= atol
        return ok, 'vs float64 NumPy: max error %.2g / %.2g (<= %.2g)' % (errs[0], errs[1], atol)
    raise KeyError(row)


# ---- driver ----------------------------------------------------------------------------------

def run_side(cmd, cache_var, keep_caches, timeout):
    """Runs one side of a row with a fresh kernel cache; returns its JSON result line."""
    env = dict(os.environ)
    cache = None
    if not keep_caches:
        cache = tempfile.mkdtemp(prefix='rw-cache-')
        env[cache_var] = cache
    try:
        p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {'error': 'timed out after %d s' % timeout}
    finally:
        if cache:
            shutil.rmtree(cache, ignore_errors=True)
    for line in reversed(p.stdout.splitlines()):
        if line.startswith('{'):
            return json.loads(line)
    return {'error': 'exit %d: %s' % (p.returncode, (p.stderr.strip().splitlines() or ['?'])[-1])}


def fmt_ms(x):
    return '-' if x is None else ('%.3g' % x if x < 100 else '%.0f' % x)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bin', help='path of cupp_realworld')
    ap.add_argument('--data', default=None, help='folder for the inputs and results')
    ap.add_argument('--reps', type=int, default=7, help='timed calls per side (median)')
    ap.add_argument('--filter', default='.', help='regular expression: the rows to run')
    ap.add_argument('--keep-caches', action='store_true',
                    help="use the default kernel caches (first run then shows a warm cache)")
    ap.add_argument('--timeout', type=int, default=600, help='seconds per side of a row')
    ap.add_argument('--worker', metavar='ROW', help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.worker:
        worker(args.worker, args.data, args.reps)
        return 0
    if not args.bin:
        ap.error('--bin is required')
    data = args.data or tempfile.mkdtemp(prefix='realworld-')
    os.makedirs(data, exist_ok=True)
    started = time.perf_counter()

    lines = ['| program | time is | cupp ms | CuPy ms | speedup (CuPy/cupp) | target | agree | '
             'first run cupp / CuPy ms | check |',
             '| --- | --- | --- | --- | --- | --- | --- | --- | --- |']
    for row, (inputs, kind) in ROWS.items():
        if not re.search(args.filter, row):
            continue
        make_inputs(inputs, data)
        for f in os.listdir(data):  # results of an earlier run into the same folder
            if f.startswith(row + '.cupp.') or f.startswith(row + '.cupy.'):
                os.remove(os.path.join(data, f))
        common = ['--data', data, '--reps', str(args.reps)]
        cupp = run_side([args.bin, row, '--kernels', KERNELS] + common, 'CUPP_CACHE_DIR',
                        args.keep_caches, args.timeout)
        cupy = run_side([sys.executable, os.path.abspath(__file__), '--worker', row] + common,
                        'CUPY_CACHE_DIR', args.keep_caches, args.timeout)
        a = statistics.median(cupp['ms']) if 'ms' in cupp else None
        b = statistics.median(cupy['ms']) if 'ms' in cupy else None
        speedup = '%.2f' % (b / a) if a and b else '-'
        target = '>= %.1f' % TARGET[kind]
        if a and b:
            target += ' (met)' if b / a >= TARGET[kind] else ' (NOT met)'
        if 'error' in cupp or 'error' in cupy:
            agree, note = '-', '; '.join(
                '%s refused: %s' % (side, (r['error'].splitlines() or ['?'])[0][:200])
                for side, r in (('cupp', cupp), ('CuPy', cupy)) if 'error' in r)
        else:
            try:
                ok, note = check(row, data)
                agree = 'yes' if ok else 'NO'
            except Exception as e:  # a missing or malformed result file
                agree, note = 'NO', 'check failed: %s' % e
        first = '%s / %s' % (fmt_ms(cupp.get('first_ms')), fmt_ms(cupy.get('first_ms')))
        a_text = 'refused' if 'error' in cupp else fmt_ms(a)
        b_text = 'refused' if 'error' in cupy else fmt_ms(b)
        lines.append('| %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
            row, kind, a_text, b_text, speedup, target, agree, first, note.replace('|', '/')))
        print('row %s done after %.0f s' % (row, time.perf_counter() - started), file=sys.stderr)

    table = '\n'.join(lines)
    with open(os.path.join(data, 'realworld_table.md'), 'w') as f:
        f.write(table + '\n')
    print(table)
    print('\n(medians of %d calls after a warm-up call; first run with %s kernel caches; '
          'total %.0f s; inputs and results in %s)' % (
              args.reps, 'the default' if args.keep_caches else 'empty',
              time.perf_counter() - started, data))
    return 0


if __name__ == '__main__':
    sys.exit(main())
