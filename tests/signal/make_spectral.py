# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""SciPy's results for the spectral analysis tests of tests/signal/test_spectral.cpp, saved to
tests/data/signal/spectral.npz.

Each case is its signal "<name>__x" and SciPy's results "<name>__f" and "<name>__out" (Pxx);
the test names the arguments of each case beside its name. csd and coherence cases store their
second signal as "<name>__y", spectrogram cases their times "<name>__t". "welch_strided" stores the whole
signal; SciPy's result is for every other sample (x[::2]), the view the test passes.

Run from the repository root: python3 tests/signal/make_spectral.py
"""
import os
import warnings

import numpy as np
import scipy.signal as sig

rng = np.random.default_rng(20261207)
out = {}

n = np.arange(1000)
x1 = rng.standard_normal(1000) + 2 * np.sin(2 * np.pi * 0.12 * n) + 0.01 * n
x2 = rng.standard_normal((300, 3))
x3 = rng.standard_normal((2, 200, 3))
xc = rng.standard_normal(500) + 1j * rng.standard_normal(500)
xi = rng.integers(-9, 10, 400)


def case(name, x, result):
    f, p = result
    out[name + "__x"] = x
    out[name + "__f"] = f
    out[name + "__out"] = p


with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    case("welch_default", x1, sig.welch(x1, fs=100))
    case("welch_params", x1, sig.welch(x1, 10, "hamming", nperseg=100, noverlap=30, nfft=128,
                                       detrend="linear", scaling="spectrum"))
    case("welch_median", x1, sig.welch(x1, nperseg=64, average="median"))
    case("welch_twosided", x1, sig.welch(x1, nperseg=50, nfft=51, detrend=False,
                                         return_onesided=False))
    case("welch_axis0", x2, sig.welch(x2, nperseg=64, axis=0))
    case("welch_kaiser", x3, sig.welch(x3, window=("kaiser", 8.0), nperseg=40, axis=1))
    case("welch_complex", xc, sig.welch(xc, nperseg=64))
    case("welch_float32", x1.astype(np.float32), sig.welch(x1.astype(np.float32), nperseg=128))
    case("welch_int", xi, sig.welch(xi, nperseg=32))
    case("welch_short", x1[:100], sig.welch(x1[:100]))
    case("welch_strided", x1, sig.welch(x1[::2], nperseg=100, noverlap=75))
    case("periodogram_default", x1, sig.periodogram(x1, fs=100))
    case("periodogram_window", x1, sig.periodogram(x1, 1.0, "hann", nfft=1200,
                                                   scaling="spectrum"))
    case("periodogram_short_nfft", x1, sig.periodogram(x1, nfft=600, detrend="linear"))
    case("periodogram_axis0", x2, sig.periodogram(x2, axis=0, return_onesided=False,
                                                  detrend=False))
    case("periodogram_odd", x1[:999], sig.periodogram(x1[:999]))

    y1 = 0.5 * x1 + rng.standard_normal(1000)
    y2 = rng.standard_normal((300, 3))
    for name, x, y, kw in [
            ("csd_default", x1, y1, dict(fs=100)),
            ("csd_params", x1, y1, dict(window="hamming", nperseg=100, noverlap=30, nfft=128,
                                        detrend="linear", scaling="spectrum")),
            ("csd_median", x1, y1, dict(nperseg=64, average="median")),
            ("csd_axis0", x2, y2, dict(nperseg=64, axis=0)),
            ("csd_padded", x1, y1[:700], dict(nperseg=128)),
            ("csd_complex", xc, xc[::-1].copy(), dict(nperseg=64))]:
        out[name + "__y"] = y
        case(name, x, sig.csd(x, y, **kw))
    for name, x, y, kw in [("coherence_default", x1, y1, dict(fs=100, nperseg=128)),
                           ("coherence_axis0", x2, y2, dict(nperseg=64, axis=0))]:
        out[name + "__y"] = y
        case(name, x, sig.coherence(x, y, **kw))
    for name, x, kw in [
            ("spectrogram_default", x1, dict(fs=100)),
            ("spectrogram_params", x1, dict(window="hann", nperseg=64, noverlap=16, nfft=100,
                                            detrend="linear", scaling="spectrum")),
            ("spectrogram_magnitude", x1, dict(nperseg=50, mode="magnitude")),
            ("spectrogram_angle", x1, dict(nperseg=50, nfft=51, detrend=False, mode="angle")),
            ("spectrogram_axis0", x2, dict(nperseg=64, axis=0)),
            ("spectrogram_float32", x1.astype(np.float32), dict(nperseg=128))]:
        f, t, sxx = sig.spectrogram(x, **kw)
        out[name + "__t"] = t
        case(name, x, (f, sxx))

# lombscargle: unevenly spaced times (int16 ones for the dtype case), weights, floating_mean.
# Keys "lomb__x", "lomb__y", "lomb__f", "lomb__w" and one "lomb_<case>" per result.
tl = np.sort(rng.uniform(0, 10, 300))
yl = np.sin(2.1 * tl) + 0.5 * np.cos(5 * tl + 1) + 0.3 + 0.1 * rng.standard_normal(300)
fl = np.linspace(0.1, 10, 500)
wl = rng.uniform(0.2, 1.0, 300)
out["lomb__x"], out["lomb__y"], out["lomb__f"], out["lomb__w"] = tl, yl, fl, wl
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    out["lomb_power"] = sig.lombscargle(tl, yl, fl)
    out["lomb_normalize"] = sig.lombscargle(tl, yl, fl, normalize=True)
    out["lomb_precenter"] = sig.lombscargle(tl, yl, fl, precenter=True)
    out["lomb_weighted_floating"] = sig.lombscargle(tl, yl, fl, weights=wl, floating_mean=True,
                                                    normalize="normalize")
    out["lomb_amplitude"] = sig.lombscargle(tl, yl, fl, normalize="amplitude",
                                            floating_mean=True)
    out["lomb_int"] = sig.lombscargle(np.arange(40, dtype=np.int16),
                                      np.arange(40, dtype=np.int16) % 7, fl[:50])

path = os.path.join(os.path.dirname(__file__), "..", "data", "signal", "spectral.npz")
np.savez_compressed(path, **out)
print(path, os.path.getsize(path), "bytes,", len(out), "arrays")
