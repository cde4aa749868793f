# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""SciPy's results for the stft tests of tests/signal/test_spectral.cpp, saved to
tests/data/signal/stft.npz.

Each case is its signal "<name>__x" and SciPy's results "<name>__f", "<name>__t" and
"<name>__out" (Zxx); the test names the arguments of each case beside its name. istft cases
store their input "<name>__z" and SciPy's "<name>__t" and "<name>__x".

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



def icase(name, z, result):
    t, x = result
    out[name + "__z"] = z
    out[name + "__t"] = t
    out[name + "__x"] = x


with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    icase("istft_default", out["stft_default__out"], sig.istft(out["stft_default__out"], fs=100))
    icase("istft_params", out["stft_params__out"],
          sig.istft(out["stft_params__out"], 10, "hamming", nperseg=100, noverlap=30, nfft=128,
                    scaling="psd"))
    icase("istft_twosided", out["stft_twosided__out"],
          sig.istft(out["stft_twosided__out"], nperseg=50, nfft=51, input_onesided=False))
    icase("istft_axes", out["stft_axis0__out"],
          sig.istft(out["stft_axis0__out"], nperseg=32, time_axis=-1, freq_axis=0))
    icase("istft_noboundary", out["stft_none_padded__out"],
          sig.istft(out["stft_none_padded__out"], nperseg=80, noverlap=10, boundary=False))
    icase("istft_complex", out["stft_complex__out"],
          sig.istft(out["stft_complex__out"], input_onesided=False))
    icase("istft_float32", out["stft_float32__out"], sig.istft(out["stft_float32__out"]))
    zr = rng.standard_normal((33, 9)) + 1j * rng.standard_normal((33, 9))
    icase("istft_random", zr, sig.istft(zr, window="hamming", noverlap=40))

path = os.path.join("tests", "data", "signal", "stft.npz")
np.savez_compressed(path, **out)
print(path, os.path.getsize(path), "bytes")
