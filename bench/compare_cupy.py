#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""Runs cupp's benchmarks and the same cases with CuPy on the same GPU, and prints one table.

Each case is timed the same way on both sides (see the CASES table); the figure is the median of
several repetitions. ratio = cupp time / CuPy time: below 1 means cupp is faster.

Every cupp case runs a fixed number of iterations in each of its 5 repetitions (bench_util.hpp),
and CuPy's side times 5 repetitions of the same groups of calls, so the whole run (both sides,
every row) takes a few minutes; --filter and --exclude pick rows.
"""
import argparse
import itertools
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

ADD_ARRAYS = r'''
extern "C" __global__ void add_arrays(const float* x1, const float* x2, float* y, int n) {
  int tid = blockDim.x * blockIdx.x + threadIdx.x;
  if (tid < n) y[tid] = x1[tid] + x2[tid];
}
'''
TINY = r'''extern "C" __global__ void tiny(float* p) { if (p && threadIdx.x == 1024) p[0] = 1.0f; }'''

GIB = 1 << 30


# Repetitions whose median is a row's figure, as cupp_bench's kRepetitions (bench_util.hpp).
REPETITIONS = 5


def median_of(fn, reps=REPETITIONS):
    return statistics.median(fn() for _ in range(reps))


# Device-timed cases run this many calls back to back between two events, as cupp's time_device.
DEVICE_REPS = 10


def cupy_cases(cp):
    """Each returns seconds per operation."""

    def events(fn, inner=DEVICE_REPS, warmup=3):
        start, stop = cp.cuda.Event(), cp.cuda.Event()
        for _ in range(warmup):
            fn()
        cp.cuda.Device().synchronize()

        def once():
            start.record()
            for _ in range(inner):
                fn()
            stop.record()
            stop.synchronize()
            return cp.cuda.get_elapsed_time(start, stop) / 1e3 / inner
        return median_of(once)

    def pool_alloc_free():
        pool = cp.get_default_memory_pool()
        n = 20000

        def once():
            t = time.perf_counter()
            for _ in range(n):
                pool.malloc(1 << 20)  # freed when the pointer object dies
            return (time.perf_counter() - t) / n
        once()
        return median_of(once)

    def dlpack_roundtrip():
        # cupy.from_dlpack(x) calls x.__dlpack__() and wraps the capsule; the new array is
        # dropped at once, running the deleter, as cupp's row does.
        x = cp.zeros((1024, 1024), dtype=cp.float32)
        cp.cuda.Device().synchronize()
        n = 20000

        def once():
            t = time.perf_counter()
            for _ in range(n):
                cp.from_dlpack(x)
            return (time.perf_counter() - t) / n
        once()
        return median_of(once)

    def launch():
        k = cp.RawKernel(TINY, 'tiny')
        p = cp.zeros(1, cp.float32)
        n = 1000

        def once():
            cp.cuda.Device().synchronize()
            t = time.perf_counter()
            for _ in range(n):
                k((1,), (32,), (p,))
            cp.cuda.Device().synchronize()
            return (time.perf_counter() - t) / n
        once()
        return median_of(once)

    def disk_load():
        cp.RawKernel(ADD_ARRAYS, 'add_arrays').kernel  # warm the disk cache

        def once():
            # CuPy memoizes loaded modules per device: clear that, so the load comes from disk.
            cp._util.clear_memo()
            t = time.perf_counter()
            cp.RawKernel(ADD_ARRAYS, 'add_arrays').kernel
            return time.perf_counter() - t
        return median_of(once)

    counter = [0]

    def cold_compile():
        def once():
            counter[0] += 1
            src = ADD_ARRAYS + '// %d %f\n' % (counter[0], time.time())
            t = time.perf_counter()
            cp.RawKernel(src, 'add_arrays').kernel
            return time.perf_counter() - t
        return median_of(once, reps=5)

    def pinned(direction):
        host = cp.cuda.alloc_pinned_memory(GIB)
        dev = cp.empty(GIB, cp.uint8)
        kind = (cp.cuda.runtime.memcpyHostToDevice if direction == 'h2d'
                else cp.cuda.runtime.memcpyDeviceToHost)
        stream = cp.cuda.get_current_stream()

        def copy():
            if direction == 'h2d':
                cp.cuda.runtime.memcpyAsync(dev.data.ptr, host.ptr, GIB, kind, stream.ptr)
            else:
                cp.cuda.runtime.memcpyAsync(host.ptr, dev.data.ptr, GIB, kind, stream.ptr)
        return events(copy, inner=1)

    n, side = 1 << 26, 8192
    arrays = {}

    def arr(name, *shape):
        if name not in arrays:
            arrays[name] = cp.random.rand(*shape, dtype=cp.float32)
        return arrays[name]

    def near(name, size):  # arr(name) plus noise of 1e-7, as cupp's bench_logic_math
        key = name + '_near'
        if key not in arrays:
            arrays[key] = arr(name, size) + cp.float32(1e-7) * cp.random.rand(size, dtype=cp.float32)
        return arrays[key]

    def ints(name, size, high):
        if name not in arrays:
            arrays[name] = cp.random.randint(0, high, size=size, dtype=cp.int32)
        return arrays[name]

    def add_at():  # 2^24 int64 indices into 2^20 float32 bins, as cupp's bench_reduce
        bins = cp.zeros(1 << 20, dtype=cp.float32)
        idx = cp.random.default_rng(3).integers(0, 1 << 20, size=1 << 24, dtype=cp.int64)
        return events(lambda: cp.add.at(bins, idx, 1.0))

    def add_reduceat():  # 2^26 float32 in 2^16 segments, as cupp's bench_reduce
        idx = cp.arange(0, n, 1024, dtype=cp.int64)
        return events(lambda: cp.add.reduceat(arr('a', n), idx))

    def host_loop(fn, reps=1000, warmup=3):
        for _ in range(warmup):
            fn()
        cp.cuda.Device().synchronize()

        def once():
            t = time.perf_counter()
            for _ in range(reps):
                fn()
            cp.cuda.Device().synchronize()
            return (time.perf_counter() - t) / reps
        return median_of(once)

    def fused5(fuse):
        a, b, c, d, e = (arr(k, n) for k in 'abcde')
        if fuse:
            def fused(a, b, c, d, e):
                return a * b + c * d - e
            f = cp.fuse(fused)
            return events(lambda: f(a, b, c, d, e))
        return events(lambda: a * b + c * d - e)

    def chain20(graph):
        """The 20-launch chain of bench_graph.cpp on a non-blocking stream, host-timed per op:
        eagerly, or replayed from a cupy.cuda.Graph captured once."""
        stream = cp.cuda.Stream(non_blocking=True)
        with stream:
            x = cp.random.rand(1024, dtype=cp.float32)
            box = [x.copy()]

            def chain():
                y = box[0]
                for _ in range(4):
                    y *= 0.5
                    y += x
                    y = cp.sin(y)
                    s = cp.sum(y)
                    y -= s
                box[0] = y

            work = chain
            if graph:
                chain()
                stream.synchronize()
                stream.begin_capture()
                chain()
                g = stream.end_capture()
                g.upload(stream)

                def work():
                    g.launch(stream)
            for _ in range(3):
                work()
            stream.synchronize()

            def once(chains=500):
                t = time.perf_counter()
                for _ in range(chains):
                    work()
                stream.synchronize()
                return (time.perf_counter() - t) / (chains * 20)
            return median_of(once)

    def fused_dot():
        def dot(x, y):
            return cp.sum(x * y)
        f = cp.fuse(dot)
        a, b = arr('a', n), arr('b', n)
        return events(lambda: f(a, b))

    def first_use(warm):
        a = arr('small_a', 1000)
        count = [0]

        def once():
            count[0] += 1
            tag = 0 if warm else count[0] + int(time.time() * 1000)
            body = 'y = exp(x) * x + 1.0f; // %d' % tag
            if warm:
                cp._util.clear_memo()
            t = time.perf_counter()
            k = cp.ElementwiseKernel('float32 x', 'float32 y', body, 'first_use')
            k(a)
            cp.cuda.Device().synchronize()
            return time.perf_counter() - t
        once()
        return median_of(once, reps=5)

    def mat(name, shape, dtype=cp.float32):
        # Uniform in [0, 1) as cupp's bench draws them: float32 and float64 directly (a GEMM's
        # power draw, and so its clock, depends on how many mantissa bits the data has), the
        # half types rounded from float32.
        key = (name, tuple(shape), dtype)
        if key not in arrays:
            direct = dtype in (cp.float32, cp.float64)
            arrays[key] = cp.random.rand(*shape, dtype=dtype if direct else cp.float32).astype(dtype)
        return arrays[key]

    def dominant(n, dtype):  # well conditioned: n added to the diagonal
        return mat('r', (n, n), dtype) + n * cp.eye(n, dtype=dtype)

    def spd(n, dtype):  # symmetric positive definite
        r = mat('r', (n, n), dtype)
        return r + r.T + n * cp.eye(n, dtype=dtype)

    def once(fn):  # the slow solvers: one call per timed region, after one warm-up call
        return events(fn, inner=1, warmup=1)

    def cplx(name, *shape):  # complex64 from uniform [0, 1) real parts, as cupp's bench_fft
        key = ('fft', name, shape)
        if key not in arrays:
            arrays[key] = cp.random.rand(*shape, dtype=cp.float32).astype(cp.complex64)
        return arrays[key]

    def fft_cases():  # cupy.fft with its default plan cache; inputs made when a row runs
        cases = {
            'fft_c64_2^24': lambda: events(lambda: cp.fft.fft(cplx('f24', 1 << 24))),
            'fft2_c64_4096': lambda: events(lambda: cp.fft.fft2(cplx('f4096', 4096, 4096))),
            'rfft_f32_2^26': lambda: events(lambda: cp.fft.rfft(arr('a', n))),
            'fft_axis0_c64_4096': lambda: events(
                lambda: cp.fft.fft(cplx('f4096', 4096, 4096), axis=0)),
            'ifft_view_c64': lambda: events(lambda: cp.fft.ifft(cplx('f8192', 4096, 8192)[:, ::2])),
        }
        return {name: cases[name] for name in FFT_ROWS}

    def linalg_cases():
        s8 = (8192, 8192)
        sym4 = mat('b4', (10000, 4, 4))
        sym4 = sym4 + sym4.transpose(0, 2, 1)
        d4096, d4096f = dominant(4096, cp.float64), dominant(4096, cp.float32)
        spd4096, spd2048 = spd(4096, cp.float64), spd(2048, cp.float32)
        return {
            'la_matmul_f32_8192': lambda: events(lambda: cp.matmul(mat('a', s8), mat('b', s8)), 3),
            'la_matmul_f64_8192': lambda: events(
                lambda: cp.matmul(mat('a', s8, cp.float64), mat('b', s8, cp.float64)), 3),
            'la_matmul_f16_8192': lambda: events(
                lambda: cp.matmul(mat('a', s8, cp.float16), mat('b', s8, cp.float16)), 3),
            'la_matmul_batched_512x128': lambda: events(
                lambda: cp.matmul(mat('a3', (512, 128, 128)), mat('b3', (512, 128, 128)))),
            'la_matmul_small_15x64': lambda: host_loop(
                lambda: cp.matmul(mat('s1', (15, 64)), mat('s2', (64, 15)))),
            'la_matmul_transposed_f32_8192': lambda: events(
                lambda: cp.matmul(mat('a', s8).T, mat('b', s8)), 3),
            'la_solve_f64_4096x16': lambda: once(
                lambda: cp.linalg.solve(d4096, mat('rhs', (4096, 16), cp.float64))),
            'la_inv_f32_4096': lambda: once(lambda: cp.linalg.inv(d4096f)),
            'la_cholesky_f64_4096': lambda: once(lambda: cp.linalg.cholesky(spd4096)),
            'la_qr_f32_4096': lambda: once(lambda: cp.linalg.qr(mat('q', (4096, 4096)))),
            'la_det_f64_4096': lambda: once(lambda: cp.linalg.det(d4096)),
            'la_eigh_f32_2048': lambda: once(lambda: cp.linalg.eigh(spd2048)),
            'la_svd_f32_2048': lambda: once(lambda: cp.linalg.svd(mat('v', (2048, 2048)))),
            'la_eigh_batched_10000x4': lambda: events(lambda: cp.linalg.eigh(sym4)),
            # CuPy never checks the solver's status by default; cupp's _ignore row does the same.
            'la_eigh_batched_10000x4_ignore': lambda: events(lambda: cp.linalg.eigh(sym4)),
        }

    def rng_cases():
        n26, n24 = 1 << 26, 1 << 24
        gen = cp.random.default_rng(1234)
        return {
            'rng_rand_f32_2^26': lambda: events(lambda: cp.random.rand(n26, dtype=cp.float32)),
            'rng_randn_f32_2^26': lambda: events(lambda: cp.random.randn(n26, dtype=cp.float32)),
            'rng_random_f64_2^26': lambda: events(lambda: gen.random(n26, dtype=cp.float64)),
            'rng_normal_f64_2^26': lambda: events(lambda: gen.standard_normal(n26, dtype=cp.float64)),
            'rng_integers_i64_2^26': lambda: events(
                lambda: gen.integers(0, 1000, n26, dtype=cp.int64)),
            'rng_binomial_2^24': lambda: events(lambda: gen.binomial(100, 0.3, n24)),
            'rng_poisson_2^24': lambda: events(lambda: gen.poisson(5.0, n24)),
            'rng_exponential_f32_2^26': lambda: events(
                lambda: gen.standard_exponential(n26, dtype=cp.float32)),
            'rng_gamma_f32_2^24': lambda: events(
                lambda: gen.standard_gamma(2.5, n24, dtype=cp.float32)),
            'rng_uniform_f32_2^26': lambda: events(
                lambda: gen.uniform(-1.0, 1.0, n26, dtype=cp.float32)),
        }

    def manip_cases():  # inputs made when a row runs, as cupp's bench_manip
        n26, n24, n23 = 1 << 26, 1 << 24, 1 << 23

        def made(name, fn):
            if name not in arrays:
                arrays[name] = fn()
            return arrays[name]

        parts = lambda: made('mp_parts', lambda: [cp.random.rand(n23, dtype=cp.float32)
                                                  for _ in range(8)])
        mask = lambda: made('mp_mask', lambda: cp.random.rand(n26, dtype=cp.float32) < 0.5)
        idx = lambda: made('mp_idx', lambda: cp.random.randint(0, n26, size=n24, dtype=cp.int64))
        vals = lambda: made('mp_vals', lambda: cp.random.rand(n24, dtype=cp.float32))
        square = lambda: made('mp_square', lambda: cp.random.rand(8192, 8192, dtype=cp.float32))

        def scatter():
            a = arr('a', n)
            a[idx()] = vals()
        return {
            'mp_concatenate_8x2^23_f32': lambda: events(lambda: cp.concatenate(parts())),
            'mp_mask_get_f32_2^26': lambda: events(lambda: arr('a', n)[mask()]),
            'mp_take_2^24_of_2^26_f32': lambda: events(lambda: cp.take(arr('a', n), idx())),
            'mp_scatter_2^24_into_2^26_f32': lambda: events(scatter),
            'mp_pad_reflect_8192_f32': lambda: events(lambda: cp.pad(square(), 128, 'reflect')),
            'mp_roll_f32_2^26': lambda: events(lambda: cp.roll(arr('a', n), 12345)),
        }

    def ndimage_rank_cases():  # cupyx.scipy.ndimage on a float32 4096 x 4096 image, as cupp's
        from cupyx.scipy import ndimage as cndi

        def image():  # made once, outside the timed calls
            if 'ndi_image' not in arrays:
                arrays['ndi_image'] = cp.random.rand(4096, 4096, dtype=cp.float32)
            return arrays['ndi_image']

        return {
            'ndi_median_filter_3_f32_4096': lambda: events(
                lambda: cndi.median_filter(image(), size=3)),
            'ndi_median_filter_7_f32_4096': lambda: events(
                lambda: cndi.median_filter(image(), size=7)),
            'ndi_maximum_filter_9_f32_4096': lambda: events(
                lambda: cndi.maximum_filter(image(), size=9)),
            'ndi_grey_erosion_3x3_f32_4096': lambda: events(
                lambda: cndi.grey_erosion(image(), size=(3, 3))),
        }

    def transfer(kind, nbytes):  # pageable host memory; each copy synchronises
        import numpy as np
        n = nbytes // 4
        a = cp.ones(n, dtype=cp.float32)
        host = np.ones(n, dtype=np.float32)
        fn = {'get': lambda: a.get(), 'get_into': lambda: a.get(out=host),
              'asarray': lambda: cp.asarray(host), 'set': lambda: a.set(host)}[kind]
        return host_loop(fn, reps=xfer_copies(nbytes), warmup=1)

    def transfer_cases():
        prefixes = {'get': 'xfer_d2h_get_', 'get_into': 'xfer_d2h_get_into_',
                    'asarray': 'xfer_h2d_asarray_', 'set': 'xfer_h2d_set_'}
        return {prefixes[k] + name: (lambda k=k, b=b: transfer(k, b))
                for k in prefixes for name, b in XFER_SIZES}

    def npy(kind, nbytes):  # cupy.save/cupy.load: NumPy's .npy code on a host copy
        import shutil
        folder = tempfile.mkdtemp(prefix='cupy-bench-io-')
        try:
            a = cp.ones(nbytes // 4, dtype=cp.float32)
            path = os.path.join(folder, kind + '.npy')
            if kind == 'save':  # a new file each call, as bench_io.cpp
                count = itertools.count()
                fn = lambda: cp.save(os.path.join(folder, 'save-%d.npy' % next(count)), a)
            else:
                cp.save(path, a)
                fn = lambda: cp.load(path)
            return host_loop(fn, reps=max(1, (64 << 20) // nbytes), warmup=1)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def io_cases():
        return {'io_%s_npy_f32_%s' % (kind, name): (lambda k=kind, b=b: npy(k, b))
                for kind in ('save', 'load') for name, b in IO_SIZES}

    def ndimage_measure_cases():  # as cupp's bench_ndimage_measure; inputs made when a row runs
        from cupyx.scipy import ndimage as cndi

        def labelled():
            if 'ndi_lab' not in arrays:
                arrays['ndi_img'] = cp.random.rand(4096, 4096, dtype=cp.float32)
                arrays['ndi_lab'] = cp.floor(cp.random.rand(4096, 4096) * 1001).astype(cp.int32)
                arrays['ndi_index'] = cp.arange(1, 1001)
            return arrays['ndi_img'], arrays['ndi_lab'], arrays['ndi_index']

        def mask():
            if 'ndi_mask' not in arrays:
                arrays['ndi_mask'] = cp.random.rand(2048, 2048, dtype=cp.float32) < 0.5
            return arrays['ndi_mask']
        return {
            'ndi_sum_labels_4096': lambda: events(lambda: cndi.sum_labels(*labelled())),
            'ndi_center_of_mass_4096': lambda: events(lambda: cndi.center_of_mass(*labelled())),
            'ndi_distance_transform_edt_2048': lambda: events(
                lambda: cndi.distance_transform_edt(mask())),
        }

    def ndimage_binary_cases():  # cupyx.scipy.ndimage, inputs as bench_ndimage_binary.cpp
        import cupyx.scipy.ndimage as ndi
        side = 4096

        def made(name, fn):
            if name not in arrays:
                arrays[name] = fn()
            return arrays[name]

        eroded = lambda: made('ndi_erosion_in',
                              lambda: cp.random.rand(side, side, dtype=cp.float32) < 0.9)
        mask = lambda: made('ndi_label_in',
                            lambda: cp.random.rand(side, side, dtype=cp.float32) < 0.5)
        square = lambda: made('ndi_square', lambda: ndi.generate_binary_structure(2, 2))
        return {
            # CuPy implements iterations > 1 only with brute_force=True (same result).
            'ndi_binary_erosion_3x3_iter5_4096': lambda: events(
                lambda: ndi.binary_erosion(eroded(), square(), 5, brute_force=True)),
            'ndi_label_random50_4096': lambda: events(lambda: ndi.label(mask())),
        }

    def ndimage_filters_cases():  # cupyx.scipy.ndimage on the image of bench_ndimage_filters
        from cupyx.scipy import ndimage as cndi
        side = 4096

        def made(name, fn):  # made once, outside the timed region
            if name not in arrays:
                arrays[name] = fn()
            return arrays[name]
        image = lambda: made('ndi_image', lambda: cp.random.rand(side, side, dtype=cp.float32))
        weights = lambda: made('ndi_w3', lambda: cp.random.rand(3, 3, dtype=cp.float32))
        return {
            'ndi_gaussian_filter_sigma4_f32_4096': lambda: events(
                lambda: cndi.gaussian_filter(image(), 4.0)),
            'ndi_uniform_filter_9_f32_4096': lambda: events(
                lambda: cndi.uniform_filter(image(), 9)),
            'ndi_sobel_f32_4096': lambda: events(lambda: cndi.sobel(image())),
            'ndi_correlate_3x3_f32_4096': lambda: events(
                lambda: cndi.correlate(image(), weights())),
        }

    def ndimage_interp_cases():  # cupyx.scipy.ndimage, as cupp's bench_ndimage_interp
        import cupyx.scipy.ndimage as cndi
        img = lambda: arr('ndi_img', 4096, 4096)

        def coords():
            if 'ndi_coords' not in arrays:
                arrays['ndi_coords'] = cp.random.rand(2, 1 << 24, dtype=cp.float32) * 4095
            return arrays['ndi_coords']

        cases = {
            'ndi_zoom_x2_order3_f32_4096': lambda: events(lambda: cndi.zoom(img(), 2.0, order=3)),
            'ndi_rotate_30_order1_f32_4096': lambda: events(
                lambda: cndi.rotate(img(), 30.0, order=1)),
            'ndi_map_coordinates_2^24_order3_f32': lambda: events(
                lambda: cndi.map_coordinates(img(), coords(), order=3)),
        }
        return {name: cases[name] for name in NDIMAGE_INTERP_ROWS}

    def scipy_fft_cases():  # cupyx.scipy.fft on 2^24 float32 points, as cupp's bench_scipy_fft
        from cupyx.scipy import fft as cfft

        def points():  # made once, outside the timed calls
            if 'sfft_points' not in arrays:
                arrays['sfft_points'] = cp.random.rand(1 << 24, dtype=cp.float32)
            return arrays['sfft_points']
        return {
            'scipy_dct_f32_2^24': lambda: events(lambda: cfft.dct(points(), type=2)),
        }

    def special_cases():  # cupyx.scipy.special on 2^26 float32 elements, as bench_scipy_special
        from cupyx.scipy import special as csp

        def data(seed):  # made once, outside the timed calls
            key = 'special_%d' % seed
            if key not in arrays:
                arrays[key] = cp.random.rand(1 << 26, dtype=cp.float32) * 4 - 2
            return arrays[key]

        def shifted(seed):  # in [0.5, 4.5): shapes and arguments of gammainc, k1, betainc
            key = 'special_shifted_%d' % seed
            if key not in arrays:
                arrays[key] = data(seed) + cp.float32(2.5)
            return arrays[key]

        def unit(seed):  # in [0, 1)
            key = 'special_unit_%d' % seed
            if key not in arrays:
                arrays[key] = (data(seed) + cp.float32(2)) * cp.float32(0.25)
            return arrays[key]
        return {
            'special_erf_f32_2^26': lambda: events(lambda: csp.erf(data(1))),
            'special_gammaln_f32_2^26': lambda: events(lambda: csp.gammaln(data(2))),
            'special_i0_f32_2^26': lambda: events(lambda: csp.i0(data(3))),
            'special_expit_f32_2^26': lambda: events(lambda: csp.expit(data(4))),
            'special_erf_fused_f32_2^26': lambda: events(
                lambda: csp.erf(data(5)) * data(6) + data(7)),
            'special_gammainc_f32_2^26': lambda: events(
                lambda: csp.gammainc(shifted(8), shifted(9))),
            'special_k1_f32_2^26': lambda: events(lambda: csp.k1(shifted(10))),
            'special_betainc_f32_2^26': lambda: events(
                lambda: csp.betainc(shifted(11), shifted(12), unit(13))),
        }

    def signal_cases():  # cupyx.scipy.signal, as cupp's bench_signal; inputs made when a row runs
        from cupyx.scipy import signal as csig

        def made(key, fn):
            if key not in arrays:
                arrays[key] = fn()
            return arrays[key]

        def rand(key, *shape):
            return made(key, lambda: cp.random.rand(*shape, dtype=cp.float32))

        def ba():
            return made('sig_ba', lambda: tuple(v.astype(cp.float32) for v in csig.butter(8, 0.1)))

        def sos():
            return made('sig_sos', lambda: csig.butter(8, 0.1, output='sos').astype(cp.float32))
        return {
            'sig_fftconvolve_2^22x2^12_f32': lambda: events(
                lambda: csig.fftconvolve(rand('sig_a', 1 << 22), rand('sig_k', 1 << 12))),
            'sig_convolve2d_2048x15_f32': lambda: events(
                lambda: csig.convolve2d(rand('sig_img', 2048, 2048), rand('sig_k2', 15, 15))),
            'sig_lfilter_1024x2^16_order8_f32': lambda: events(
                lambda: csig.lfilter(*ba(), rand('sig_x', 1024, 1 << 16))),
            'sig_sosfilt_1024x2^16_order8_f32': lambda: events(
                lambda: csig.sosfilt(sos(), rand('sig_x', 1024, 1 << 16))),
            'sig_resample_poly_2^24_3_2_f32': lambda: events(
                lambda: csig.resample_poly(rand('sig_r', 1 << 24), 3, 2)),
            'sig_find_peaks_2^24_f32': lambda: events(
                lambda: csig.find_peaks(rand('sig_r', 1 << 24))),
            'sig_welch_2^26_f32': lambda: events(
                lambda: csig.welch(rand('sig_w', 1 << 26), 1.0, 'hann', 256)),
        }

    def lazy(cases):  # build the linalg inputs only when one of their rows runs
        built = {}

        def get(name):
            if not built:
                built.update(cases())
            return built[name]
        return {name: (lambda n=name: get(n)()) for name in LINALG_ROWS}

    return {
        **lazy(linalg_cases),
        **rng_cases(),
        **manip_cases(),
        **ndimage_rank_cases(),
        **ndimage_filters_cases(),
        'ew_add_f32_out': lambda: events(
            lambda: cp.add(arr('a', n), arr('b', n), out=arr('out', n))),
        'ew_add_f32_alloc': lambda: events(lambda: arr('a', n) + arr('b', n)),
        'ew_fused5': lambda: fused5(False),
        'ew_fused5_fuse': lambda: fused5(True),
        'ew_exp_sin_sqrt': lambda: events(
            lambda: cp.exp(arr('a', n)) * cp.sin(arr('b', n)) + cp.sqrt(arr('c', n))),
        'ew_broadcast_add': lambda: events(
            lambda: cp.add(arr('m', side, side), arr('row', 1, side), out=arr('mout', side, side))),
        'ew_strided_add': lambda: events(
            lambda: cp.add(arr('a', n)[::2], arr('b', n)[::2], out=arr('half', n // 2))),
        'ew_transpose_copy': lambda: events(lambda: cp.ascontiguousarray(arr('m', side, side).T)),
        'ew_small_add_alloc': lambda: host_loop(lambda: arr('sa', 1000) + arr('sb', 1000)),
        'ew_small_add_out': lambda: host_loop(
            lambda: cp.add(arr('sa', 1000), arr('sb', 1000), out=arr('sc', 1000))),
        'ew_cold_compile': lambda: first_use(False),
        'ew_warm_disk': lambda: first_use(True),
        'pool_alloc_free_1MB': pool_alloc_free,
        'dlpack_roundtrip': dlpack_roundtrip,
        'rawkernel_launch': launch,
        'disk_cache_load': disk_load,
        'cold_compile_add_arrays': cold_compile,
        'pinned_h2d_1GiB': lambda: pinned('h2d'),
        'pinned_d2h_1GiB': lambda: pinned('d2h'),
        'graph_chain20_eager_per_op': lambda: chain20(False),
        'graph_chain20_replay_per_op': lambda: chain20(True),
        'red_sum_f32': lambda: events(lambda: cp.sum(arr('a', n))),
        'red_sum_axis0': lambda: events(lambda: cp.sum(arr('m', side, side), axis=0)),
        'red_sum_axis1': lambda: events(lambda: cp.sum(arr('m', side, side), axis=1)),
        'red_fused_dot': lambda: events(lambda: cp.sum(arr('a', n) * arr('b', n))),
        'red_fused_dot_fuse': lambda: fused_dot(),
        'red_argmax_f32': lambda: events(lambda: cp.argmax(arr('a', n))),
        'red_small_sum': lambda: host_loop(lambda: cp.sum(arr('sa', 1000))),
        'ufunc_add_at_f32': lambda: add_at(),
        'ufunc_add_reduceat_f32': lambda: add_reduceat(),
        'sort_f32_2^26': lambda: events(lambda: cp.sort(arr('a', n))),
        'argsort_f32_2^26': lambda: events(lambda: cp.argsort(arr('a', n))),
        'cumsum_f32_2^26': lambda: events(lambda: cp.cumsum(arr('a', n))),
        'unique_i32_2^24': lambda: events(lambda: cp.unique(ints('u24', 1 << 24, 1 << 20))),
        'poly_polyval_deg8_f32_2^26': lambda: events(lambda: cp.polyval(
            cp.arange(1, 10, dtype=cp.float32) * cp.float32(0.1), arr('a', n))),
        'hist_histogram2d_100x100_f32_2^24': lambda: events(lambda: cp.histogram2d(
            arr('hx', 1 << 24), arr('hy', 1 << 24), bins=100, range=[[0, 1], [0, 1]])),
        'logic_isclose_f32_2^26': lambda: events(lambda: cp.isclose(arr('a', n), near('a', n))),
        'logic_allclose_f32_2^26': lambda: events(
            lambda: bool(cp.allclose(arr('a', n), near('a', n)))),
        'math_interp_2^26_into_2^20_f32': lambda: events(lambda: cp.interp(
            arr('a', n), cp.linspace(0, 1, 1 << 20, dtype=cp.float32), arr('fp20', 1 << 20))),
        'math_gradient_8192_f32': lambda: events(lambda: cp.gradient(arr('m', side, side))),
        'math_cross_2^24_f32': lambda: events(
            lambda: cp.cross(arr('v3a', 1 << 24, 3), arr('v3b', 1 << 24, 3))),
        **fft_cases(),
        **transfer_cases(),
        **io_cases(),
        **ndimage_measure_cases(),
        **ndimage_binary_cases(),
        **ndimage_interp_cases(),
        **scipy_fft_cases(),
        **special_cases(),
        **signal_cases(),
    }


LINALG_ROWS = ['la_matmul_f32_8192', 'la_matmul_f64_8192', 'la_matmul_f16_8192',
               'la_matmul_batched_512x128', 'la_matmul_small_15x64',
               'la_matmul_transposed_f32_8192', 'la_solve_f64_4096x16', 'la_inv_f32_4096',
               'la_cholesky_f64_4096', 'la_qr_f32_4096', 'la_det_f64_4096', 'la_eigh_f32_2048',
               'la_svd_f32_2048', 'la_eigh_batched_10000x4', 'la_eigh_batched_10000x4_ignore']

_N, _S = 1 << 26, 8192
BYTES = {'rng_rand_f32_2^26': 4 * _N, 'rng_randn_f32_2^26': 4 * _N, 'rng_random_f64_2^26': 8 * _N,
         'rng_normal_f64_2^26': 8 * _N, 'rng_integers_i64_2^26': 8 * _N,
         'rng_exponential_f32_2^26': 4 * _N, 'rng_uniform_f32_2^26': 4 * _N,
'pinned_h2d_1GiB': GIB, 'pinned_d2h_1GiB': GIB,
         'ew_add_f32_out': 12 * _N, 'ew_add_f32_alloc': 12 * _N, 'ew_fused5': 24 * _N,
         'ew_fused5_fuse': 24 * _N, 'ew_exp_sin_sqrt': 16 * _N, 'ew_broadcast_add': 8 * _S * _S,
         'ew_strided_add': 6 * _N, 'ew_transpose_copy': 8 * _S * _S,
         'red_sum_f32': 4 * _N, 'red_sum_axis0': 4 * _S * _S, 'red_sum_axis1': 4 * _S * _S,
         'red_fused_dot': 8 * _N, 'red_fused_dot_fuse': 8 * _N, 'red_argmax_f32': 4 * _N,
         'ufunc_add_at_f32': 12 * (1 << 24), 'ufunc_add_reduceat_f32': 4 * _N,
         'sort_f32_2^26': 8 * _N, 'argsort_f32_2^26': 12 * _N, 'cumsum_f32_2^26': 8 * _N,
         'unique_i32_2^24': 4 * ((1 << 24) + (1 << 20)),
         'poly_polyval_deg8_f32_2^26': 8 * _N, 'hist_histogram2d_100x100_f32_2^24': 8 * (1 << 24),
         'logic_isclose_f32_2^26': 9 * _N, 'logic_allclose_f32_2^26': 8 * _N,
         'math_interp_2^26_into_2^20_f32': 12 * _N, 'math_gradient_8192_f32': 12 * _S * _S,
         'math_cross_2^24_f32': 36 * (1 << 24)}
# The ndimage rank rows: one read of the float32 4096 x 4096 image, one write of the result.
BYTES.update({name: 2 * 4 * 4096 * 4096 for name in (
    'ndi_median_filter_3_f32_4096', 'ndi_median_filter_7_f32_4096',
    'ndi_maximum_filter_9_f32_4096', 'ndi_grey_erosion_3x3_f32_4096')})
# The signal rows: the inputs read once, the result written once.
BYTES.update({'sig_fftconvolve_2^22x2^12_f32': 4 * (2 * ((1 << 22) + (1 << 12)) - 1),
              'sig_convolve2d_2048x15_f32': 4 * (2048 * 2048 + 2062 * 2062),
              'sig_lfilter_1024x2^16_order8_f32': 2 * 4 * 1024 * (1 << 16),
              'sig_sosfilt_1024x2^16_order8_f32': 2 * 4 * 1024 * (1 << 16),
              'sig_resample_poly_2^24_3_2_f32': 4 * (1 << 24) * 5 // 2,
              'sig_find_peaks_2^24_f32': 4 * (1 << 24),
              'sig_welch_2^26_f32': 4 * (1 << 26)})
# Floating-point operations per call, for a TFLOP/s column.
FLOPS = {'la_matmul_f32_8192': 2 * _S ** 3, 'la_matmul_f64_8192': 2 * _S ** 3,
         'la_matmul_f16_8192': 2 * _S ** 3, 'la_matmul_transposed_f32_8192': 2 * _S ** 3,
         'la_matmul_batched_512x128': 2 * 512 * 128 ** 3}
# CuPy-only rows compared with a cupp case of another name.
SAME_CUPP_CASE = {'ew_fused5_fuse': 'ew_fused5', 'red_fused_dot_fuse': 'red_fused_dot'}

# cupy.fft rows (--filter fft picks them); bytes: one read of the input, one write of the result.
FFT_ROWS = ['fft_c64_2^24', 'fft2_c64_4096', 'rfft_f32_2^26', 'fft_axis0_c64_4096',
            'ifft_view_c64']
BYTES.update({'fft_c64_2^24': 16 * (1 << 24), 'fft2_c64_4096': 16 * 4096 * 4096,
              'rfft_f32_2^26': 4 * _N + 8 * (_N // 2 + 1), 'fft_axis0_c64_4096': 16 * 4096 * 4096,
              'ifft_view_c64': 16 * 4096 * 4096})

# cupyx.scipy.ndimage interpolation rows (--filter ndi_); bytes: the input (and coordinates) read
# once and the result written once, as bench_ndimage_interp.cpp counts them.
NDIMAGE_INTERP_ROWS = ['ndi_zoom_x2_order3_f32_4096', 'ndi_rotate_30_order1_f32_4096',
                       'ndi_map_coordinates_2^24_order3_f32']
BYTES.update({'ndi_zoom_x2_order3_f32_4096': 4 * 4096 * 4096 * 5,
              'ndi_rotate_30_order1_f32_4096': 4 * (4096 * 4096 + 5595 * 5595),
              'ndi_map_coordinates_2^24_order3_f32': 4 * (3 * (1 << 24) + 4096 * 4096)})

# Copies to and from pageable host memory (--filter xfer_), float32 arrays of these sizes: cupp's
# get() into a new vector and get(ptr) into the caller's memory beside CuPy's get() and
# get(out=), asarray and set beside CuPy's. The caller's memory is NumPy's on CuPy's side and
# allocated as NumPy does on cupp's (2 MB pages from 4 MiB on, bench_transfer.cpp). Bytes: the
# array's.
XFER_SIZES = [('4KB', 4 << 10), ('64KB', 64 << 10), ('1MB', 1 << 20), ('16MB', 16 << 20),
              ('256MB', 256 << 20), ('1GB', 1 << 30)]


def xfer_copies(nbytes):
    """Copies per timed loop, as bench_transfer.cpp: about 64 MB of them, from 1 to 1000."""
    return max(1, min(1000, (64 << 20) // nbytes))


BYTES.update({prefix + name: b for prefix in ('xfer_d2h_get_', 'xfer_d2h_get_into_',
                                              'xfer_h2d_asarray_', 'xfer_h2d_set_')
              for name, b in XFER_SIZES})

# .npy files of float32 (--filter io_): cupp::save/load beside cupy.save/load, which go through
# NumPy. Bytes: the array's (the file is 128 bytes more).
IO_SIZES = [('16MiB', 16 << 20), ('1GiB', 1 << 30)]
BYTES.update({'io_%s_npy_f32_%s' % (kind, name): b for kind in ('save', 'load')
              for name, b in IO_SIZES})

# Manipulation rows (--filter mp_); bytes: every byte read once and written once, at least.
BYTES.update({'mp_concatenate_8x2^23_f32': 2 * 4 * 8 * (1 << 23),
              'mp_mask_get_f32_2^26': 4 * _N + _N + 4 * (_N // 2),
              'mp_take_2^24_of_2^26_f32': (8 + 4 + 4) * (1 << 24),
              'mp_scatter_2^24_into_2^26_f32': (8 + 4 + 4) * (1 << 24),
              'mp_pad_reflect_8192_f32': 4 * (_S * _S + (_S + 256) ** 2),
              'mp_roll_f32_2^26': 8 * _N})

# ndimage linear filters (--filter ndi_); bytes: each pass reads and writes the 4096^2 float32
# image once (two passes for the separable filters, one for the 3x3 correlation).
_NDI = 4 * 4096 * 4096
BYTES.update({'ndi_gaussian_filter_sigma4_f32_4096': 4 * _NDI,
              'ndi_uniform_filter_9_f32_4096': 4 * _NDI,
              'ndi_sobel_f32_4096': 4 * _NDI,
              'ndi_correlate_3x3_f32_4096': 2 * _NDI})


BYTES.update({'ndi_sum_labels_4096': 8 * 4096 * 4096, 'ndi_center_of_mass_4096': 8 * 4096 * 4096,
              'ndi_distance_transform_edt_2048': 9 * 2048 * 2048})

# Binary morphology and label rows (--filter ndi_binary_|ndi_label_); bytes: erosion reads and
# writes the bool image once per iteration; label reads the mask and writes int32 labels.
BYTES.update({'ndi_binary_erosion_3x3_iter5_4096': 5 * 2 * 4096 * 4096,
              'ndi_label_random50_4096': 5 * 4096 * 4096})
# cupyx.scipy.fft rows (--filter scipy_); bytes: one read of the input, one write of the result.
BYTES.update({'scipy_dct_f32_2^24': 2 * 4 * (1 << 24)})
BYTES.update({'special_%s_f32_2^26' % f: 2 * 4 * (1 << 26) for f in ('erf', 'gammaln', 'i0', 'expit')})
BYTES.update({'special_erf_fused_f32_2^26': 4 * 4 * (1 << 26)})
BYTES.update({'special_gammainc_f32_2^26': 3 * 4 * (1 << 26), 'special_k1_f32_2^26': 2 * 4 * (1 << 26),
              'special_betainc_f32_2^26': 4 * 4 * (1 << 26)})


def selected(name, include, exclude):
    return re.search(include, name) and not (exclude and re.search(exclude, name))


def cupp_filter(bench, include, exclude):
    """--benchmark_filter for the rows picked by --filter and --exclude: the names themselves
    when there is an exclusion (Google Benchmark's filter has none), else --filter as it is.
    None when no case is left."""
    if not exclude:
        return include
    listed = subprocess.run([bench, '--benchmark_list_tests=true'], stdout=subprocess.PIPE,
                            text=True).stdout.split()
    names = sorted({n.split('/')[0] for n in listed if selected(n.split('/')[0], include, exclude)})
    if not names:
        return None
    # A case's full name continues with /iterations:N/... after the row's name.
    return '^(' + '|'.join(re.escape(n) for n in names) + ')(/|$)'


def run_cupp(bench, out_dir, pattern):
    if pattern is None:
        return {}, 0
    out = os.path.join(out_dir, 'cupp_bench.json')
    # Every case sets its iteration count, so no --benchmark_min_time: Google Benchmark runs each
    # repetition once, with no runs to estimate a count.
    cmd = [bench, '--benchmark_repetitions=%d' % REPETITIONS,
           '--benchmark_report_aggregates_only=true',
           '--benchmark_out=' + out, '--benchmark_out_format=json',
           '--benchmark_filter=' + pattern]
    with open(os.path.join(out_dir, 'cupp_bench.log'), 'w') as log:
        rc = subprocess.call(cmd, stdout=log, stderr=subprocess.STDOUT)
    if rc != 0:
        print('cupp_bench exited with', rc, file=sys.stderr)
    results = {}
    with open(out) as f:
        for b in json.load(f)['benchmarks']:
            if b.get('aggregate_name') != 'median' or b.get('error_occurred'):
                continue
            name = b['run_name'].split('/')[0]
            scale = {'ns': 1e-9, 'us': 1e-6, 'ms': 1e-3, 's': 1.0}[b['time_unit']]
            results[name] = b['real_time'] * scale
    return results, rc


def fmt_time(s):
    if s is None:
        return '-'
    for unit, f in (('s', 1), ('ms', 1e3), ('us', 1e6), ('ns', 1e9)):
        if s * f >= 1:
            return '%.3g %s' % (s * f, unit)
    return '%.3g ns' % (s * 1e9)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bench', required=True, help='path of the cupp_bench binary')
    ap.add_argument('--out', default=tempfile.mkdtemp(), help='folder for the logs')
    ap.add_argument('--filter', default='.', help='regular expression: the cases to run')
    ap.add_argument('--exclude', default=None,
                    help='regular expression: cases to leave out (e.g. "^la_|_1GB$")')
    ap.add_argument('--cupy-first', action='store_true',
                    help='run the CuPy side first (to see whether the order, and so the heat of '
                         'the GPU, moves a figure)')
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    started = time.perf_counter()
    pattern = cupp_filter(args.bench, args.filter, args.exclude)

    if not args.cupy_first:
        cupp, rc = run_cupp(args.bench, args.out, pattern)
        print('cupp_bench: %.0f s' % (time.perf_counter() - started), file=sys.stderr)
    cupy = {}
    try:
        import cupy as cp
        for name, fn in cupy_cases(cp).items():
            if not selected(name, args.filter, args.exclude):
                continue
            try:
                t0 = time.perf_counter()
                cupy[name] = fn()
                print('cupy case %s: %.1f s' % (name, time.perf_counter() - t0), file=sys.stderr)
            except Exception as e:  # a case CuPy cannot run is reported, not fatal
                print('cupy case %s failed: %s' % (name, e), file=sys.stderr)
    except ImportError:
        print('CuPy is not installed: cupp figures only', file=sys.stderr)
    if args.cupy_first:
        cupp, rc = run_cupp(args.bench, args.out, pattern)

    names = list(dict.fromkeys(list(cupp) + list(cupy)))
    lines = ['| case | cupp | CuPy | ratio (cupp/CuPy) | GB/s cupp (CuPy) | TFLOP/s cupp (CuPy) |',
             '| --- | --- | --- | --- | --- | --- |']
    for n in names:
        a, b = cupp.get(SAME_CUPP_CASE.get(n, n)), cupy.get(n)
        ratio = '%.2f' % (a / b) if a and b else '-'
        gbs = ''
        if n in BYTES and a:
            gbs = '%.1f' % (BYTES[n] / a / 1e9)
            if b:
                gbs += ' (%.1f)' % (BYTES[n] / b / 1e9)
        tf = ''
        if n in FLOPS and a:
            tf = '%.1f' % (FLOPS[n] / a / 1e12)
            if b:
                tf += ' (%.1f)' % (FLOPS[n] / b / 1e12)
        lines.append('| %s | %s | %s | %s | %s | %s |' % (n, fmt_time(a), fmt_time(b), ratio, gbs, tf))
    table = '\n'.join(lines)
    with open(os.path.join(args.out, 'bench_table.md'), 'w') as f:
        f.write(table + '\n')
    with open(os.path.join(args.out, 'bench.json'), 'w') as f:
        json.dump({'cupp': cupp, 'cupy': cupy}, f, indent=1)
    print(table)
    print('\n(total %.0f s)' % (time.perf_counter() - started))
    return 1 if rc else 0


if __name__ == '__main__':
    sys.exit(main())
