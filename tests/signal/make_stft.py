# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""SciPy's results for the stft tests of tests/signal/test_spectral.cpp, saved to
tests/data/signal/stft.npz.

Each case is its signal "<name>__x" and SciPy's results "<name>__f", "<name>__t" and
"<name>__out" (Zxx); the test names the arguments of each case beside its name.

Run from the repository root: python3 tests/signal/make_stft.py
"""
import os
import warnings

import numpy as np
import scipy.signal as sig

rng = np.random.default_rng(20261208)
out = {}

n = np.arange(700)
x1 = rng.standard_normal(700) + np.sin(2 * np.pi * 0.07 * n)
x2 = rng.standard_normal((150, 3))
xc = rng.standard_normal(300) + 1j * rng.standard_normal(300)


def case(name, x, result):
    f, t, z = result
    out[name + "__x"] = x
    out[name + "__f"] = f
    out[name + "__t"] = t
    out[name + "__out"] = z


with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    case("stft_default", x1, sig.stft(x1, fs=100))
    case("stft_params", x1, sig.stft(x1, 10, "hamming", nperseg=100, noverlap=30, nfft=128,
                                     detrend="linear", scaling="psd"))
    case("stft_even", x1, sig.stft(x1, nperseg=64, boundary="even"))
    case("stft_odd", x1, sig.stft(x1, nperseg=63, noverlap=20, boundary="odd"))
    case("stft_constant", x1, sig.stft(x1, nperseg=50, boundary="constant", padded=False))
    case("stft_none", x1, sig.stft(x1, nperseg=80, boundary=None, padded=False))
    case("stft_none_padded", x1, sig.stft(x1, nperseg=80, noverlap=10, boundary=None))
    case("stft_twosided", x1, sig.stft(x1, nperseg=50, nfft=51, return_onesided=False))
    case("stft_axis0", x2, sig.stft(x2, nperseg=32, axis=0))
    case("stft_complex", xc, sig.stft(xc, nperseg=64, detrend="constant"))
    case("stft_float32", x1.astype(np.float32), sig.stft(x1.astype(np.float32), nperseg=128))
    case("stft_short", x1[:100], sig.stft(x1[:100]))

path = os.path.join("tests", "data", "signal", "stft.npz")
np.savez_compressed(path, **out)
print(path, os.path.getsize(path), "bytes")
