# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""SciPy's results for the chirp Z-transform tests of tests/signal/test_czt.cpp, saved to
tests/data/signal/czt.npz.

Each case is its input "<name>__x" and SciPy's result "<name>__out"; the test names the
arguments of each case beside its name. "points_*" cases store only "__out" (czt_points).

Run from the repository root: python3 tests/signal/make_czt.py
"""
import os

import numpy as np
import scipy.signal as sig

rng = np.random.default_rng(20261207)
out = {}

x1 = rng.standard_normal(37)
x2 = rng.standard_normal((6, 20))
xc = rng.standard_normal(16) + 1j * rng.standard_normal(16)
x32 = rng.standard_normal(24).astype(np.float32)
xi = rng.integers(-9, 10, 12)


def case(name, x, result):
    out[name + "__x"] = x
    out[name + "__out"] = result


w1 = np.exp(-0.05j) * 0.999
a1 = 0.9 * np.exp(0.3j)
case("czt_default", x1, sig.czt(x1))
case("czt_m", x1, sig.czt(x1, 50))
case("czt_m_small", x1, sig.czt(x1, 5))
case("czt_w_a", x1, sig.czt(x1, 30, w1, a1))
case("czt_complex", xc, sig.czt(xc, 20, np.exp(-0.2j), 1.1))
case("czt_axis0", x2, sig.czt(x2, 9, axis=0))
case("czt_axis1", x2, sig.czt(x2, 25, w1, a1, axis=1))
case("czt_float32", x32, sig.czt(x32))
case("czt_int", xi, sig.czt(xi, 7))
case("czt_one", x1[:1], sig.czt(x1[:1], 3))
case("zoom_scalar", x1, sig.zoom_fft(x1, 0.5))
case("zoom_pair", x1, sig.zoom_fft(x1, [0.1, 0.3], 64))
case("zoom_fs", x1, sig.zoom_fft(x1, [10.0, 20.0], 40, fs=100.0))
case("zoom_endpoint", x1, sig.zoom_fft(x1, [0.2, 0.6], 25, endpoint=True))
case("zoom_axis0", x2, sig.zoom_fft(x2, 0.7, 11, fs=2.0, endpoint=True, axis=0))
case("zoom_complex", xc, sig.zoom_fft(xc, [-0.5, 0.5], 33))
out["points_default__out"] = sig.czt_points(8)
out["points_w_a__out"] = sig.czt_points(12, w1, a1)
out["points_zoom__out"] = sig.ZoomFFT(37, [0.1, 0.3], 64).points()

path = os.path.join("tests", "data", "signal", "czt.npz")
np.savez_compressed(path, **out)
print(path, os.path.getsize(path), "bytes")
