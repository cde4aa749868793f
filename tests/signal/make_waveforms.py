# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""SciPy's results for tests/signal/test_waveforms.cpp, saved to tests/data/signal/waveforms.npz.

Each case is its times "<name>__t" and SciPy's result "<name>__out" (gausspulse also "__yQ" and
"__yenv"); the test names the arguments of each case beside its name. float32 times are stored
with SciPy's result for the same times in float64, the precision cupp computes in.

Run from the repository root: python3 tests/signal/make_waveforms.py
"""
import os

import numpy as np
import scipy.signal as sig

rng = np.random.default_rng(20261207)
out = {}

t = np.linspace(0, 10, 1001)
t2d = rng.uniform(-20, 20, (7, 9))
t32 = np.linspace(0, 10, 257, dtype=np.float32)
ti = np.arange(-5, 12)


def case(name, times, result, **extra):
    out[name + "__t"] = times
    out[name + "__out"] = result
    for k, v in extra.items():
        out[name + "__" + k] = v


case("chirp_linear", t, sig.chirp(t, 6, 10, 1))
case("chirp_linear_phi", t2d, sig.chirp(t2d, 6, 10, 1, phi=30))
case("chirp_quadratic", t, sig.chirp(t, 1, 10, 6, "quadratic"))
case("chirp_quadratic_vertex", t, sig.chirp(t, 1, 10, 6, "q", vertex_zero=False))
case("chirp_logarithmic", t, sig.chirp(t, 6, 10, 1, "logarithmic"))
case("chirp_logarithmic_equal", t, sig.chirp(t, 3, 10, 3, "log"))
case("chirp_hyperbolic", t, sig.chirp(t, 6, 10, 1, "hyperbolic", phi=90))
case("chirp_hyperbolic_equal", t, sig.chirp(t, 2, 10, 2, "hyp"))
case("chirp_float32", t32, sig.chirp(t32.astype(np.float64), 6, 10, 1))
case("chirp_int", ti, sig.chirp(ti, 0.25, 4, 0.5))
case("chirp_complex", t, sig.chirp(t, 6, 10, 1, "hyperbolic", phi=30, complex=True))

tg = np.linspace(-2e-3, 2e-3, 401)
yI, yQ, yenv = sig.gausspulse(tg, fc=5000, bw=0.4, retquad=True, retenv=True)
case("gausspulse", tg, yI, yQ=yQ, yenv=yenv)
case("gausspulse_default", tg, sig.gausspulse(tg))

ts = np.linspace(-20, 20, 1000)
for name, w in [("1", 1), ("0_5", 0.5), ("0", 0), ("0_3", 0.3), ("1_5", 1.5)]:
    case("sawtooth_" + name, ts, sig.sawtooth(ts, w))
case("sawtooth_2d", t2d, sig.sawtooth(t2d, 0.7))
for name, d in [("0_5", 0.5), ("0_2", 0.2), ("1", 1), ("0", 0), ("m0_1", -0.1)]:
    case("square_" + name, ts, sig.square(ts, d))
case("square_2d", t2d, sig.square(t2d, 0.3))

case("sweep_poly", t, sig.sweep_poly(t, [0.025, -0.36, 1.25, 2.0], phi=45))
case("sweep_poly_constant", t2d, sig.sweep_poly(t2d, [3.0]))

path = os.path.join(os.path.dirname(__file__), "..", "data", "signal", "waveforms.npz")
np.savez_compressed(path, **out)
print(path, os.path.getsize(path), "bytes,", len(out), "arrays")
