# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""SciPy's windows and filter designs for the host tests of tests/signal_design/, saved to
tests/data/signal_design/design.txt.

Text rather than .npz, so that the tests read it without a GPU (cupp's .npz reader makes device
arrays). One record a line, three tab-separated fields: the case key, the kind ("r" real values,
"c" complex values as re im pairs, "e" the message of the ValueError SciPy raised) and the values
separated by spaces, each written with repr (exact round trip).

A key is "<family>|<argument>|<argument>|...|<result>": the arguments are SciPy's, in SciPy's
order, written with repr, lists joined by "," and None as "None". The C++ test parses them back and
makes the same call. Run from the repository root: python3 tests/signal_design/make_design.py
"""
import os

import numpy as np
import scipy.signal as sig
import scipy.signal.windows as win

lines = []


def f(v):
    if v is None:
        return "None"
    if isinstance(v, (list, tuple, np.ndarray)):
        return ",".join(f(x) for x in v)
    if isinstance(v, (bool, np.bool_)):
        return "1" if v else "0"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        return repr(float(v))
    return str(v)


def key(*parts):
    return "|".join(f(p) for p in parts)


def put(k, value):
    a = np.atleast_1d(np.asarray(value))
    if np.iscomplexobj(a):
        vals = " ".join("%r %r" % (float(x.real), float(x.imag)) for x in a.ravel())
        lines.append("%s\tc\t%s" % (k, vals))
    else:
        vals = " ".join(repr(float(x)) for x in a.astype(float).ravel())
        lines.append("%s\tr\t%s" % (k, vals))


def put_or_err(k, fn):
    """SciPy's result, its ValueError, or nothing where SciPy fails with another error (an
    IndexError of zpk2sos when no real zero is left to pair)."""
    try:
        value = fn()
    except ValueError as e:
        lines.append("%s\te\t%s" % (k, str(e)))
        return
    except IndexError:
        print("skipped", k)
        return
    put(k, value)


def err(k, fn):
    try:
        fn()
    except ValueError as e:
        lines.append("%s\te\t%s" % (k, str(e)))
        return True
    raise AssertionError("no error for " + k)


# ---- windows -----------------------------------------------------------------------------------
# name: parameter sets (SciPy's positional parameters after M)
WINDOWS = {
    "barthann": [()], "bartlett": [()], "blackman": [()], "blackmanharris": [()],
    "bohman": [()], "boxcar": [()], "chebwin": [(50.0,), (100.0,)], "cosine": [()],
    "exponential": [(None, 1.0), (None, 3.0)], "flattop": [()], "gaussian": [(2.5,), (7.0,)],
    "general_cosine": [((0.5, 0.5),), ((0.3635819, 0.4891775, 0.1365995, 0.0106411),)],
    "general_gaussian": [(1.5, 7.0), (0.5, 2.0)], "general_hamming": [(0.54,), (0.7,)],
    "hamming": [()], "hann": [()], "kaiser": [(0.0,), (8.6,), (14.0,)],
    "lanczos": [()], "nuttall": [()], "parzen": [()],
    "taylor": [(), (4, 30.0, True), (5, 40.0, False), (3, 25.0, True)],
    "triang": [()], "tukey": [(0.5,), (0.0,), (1.0,), (0.25,)],
}
for name, sets in WINDOWS.items():
    for params in sets:
        for M in (0, 1, 2, 3, 5, 6, 16, 17, 64):
            for sym in (True, False):
                w = getattr(win, name)(M, *params, sym=sym)
                put(key("win", name, params, M, sym), w)
for M in (2, 4, 10, 64):
    for beta in (0.0, 4.0, 9.5):
        put(key("win", "kaiser_bessel_derived", (beta,), M, True),
            win.kaiser_bessel_derived(M, beta))
put(key("win", "kaiser_bessel_derived", (4.0,), 0, True), win.kaiser_bessel_derived(0, 4.0))
for M in (4, 5, 16, 17, 64):
    for sym in (True, False):
        center = None if sym else 1.0
        put(key("win", "exponential", (center, 2.0), M, sym),
            win.exponential(M, center, 2.0, sym=sym))
# dpss: one sequence (Kmax=None) with each norm; Kmax sequences.
for M in (1, 8, 9, 33, 64):
    for NW in (1.5, 2.5):
        if NW >= M / 2:
            continue
        for sym in (True, False):
            for norm in (None, "approximate", "subsample", 2):
                put(key("dpss", M, NW, None, sym, norm),
                    win.dpss(M, NW, None, sym=sym, norm=norm))
            put(key("dpss", M, NW, 3, sym, None), win.dpss(M, NW, 3, sym=sym))
err(key("dpss", 8, 4.0, None, True, None), lambda: win.dpss(8, 4.0))
err(key("dpss", 8, 0.0, None, True, None), lambda: win.dpss(8, 0.0))
err(key("dpss", 8, 2.0, 9, True, None), lambda: win.dpss(8, 2.0, 9))
err(key("win", "hann", (), -1, True), lambda: win.hann(-1))
err(key("win", "kaiser_bessel_derived", (4.0,), 5, True), lambda: win.kaiser_bessel_derived(5, 4.0))
err(key("win", "kaiser_bessel_derived", (4.0,), 6, False),
    lambda: win.kaiser_bessel_derived(6, 4.0, sym=False))
err(key("win", "exponential", (1.0, 2.0), 6, True), lambda: win.exponential(6, 1.0, 2.0, sym=True))

# get_window: names, aliases, tuples, suffixes, a number; and its errors.
GET = [("hann",), ("hamming",), ("boxcar",), ("triang",), ("tri",), ("blackman",), ("ksr", 8.6),
       ("kaiser", 5.0), ("gaussian", 3.0), ("gss", 1.5), ("general_gaussian", 1.5, 3.0),
       ("general cosine", [0.5, 0.5]), ("general_hamming", 0.6), ("chebwin", 60.0),
       ("exponential",), ("exponential", None, 2.0), ("poisson",), ("tukey",), ("tukey", 0.3),
       ("tuk",), ("taylor",), ("taylor", 5, 35.0), ("dpss", 2.0), ("hann_periodic",),
       ("hann_symmetric",), ("kaiser_periodic", 4.0), ("blackmanharris",), ("flattop",),
       ("nuttall",), ("parzen",), ("bohman",), ("barthann",), ("cosine",), ("lanczos",),
       ("sinc",), ("bartlett",), ("kbd", 3.0), ("rect",)]
for spec in GET:
    for Nx in (1, 8, 9):
        for fftbins in (True, False):
            window = spec[0] if len(spec) == 1 else tuple(spec)
            if spec[0] == "kbd" and (Nx % 2 or fftbins):
                continue
            is_tuple = len(spec) > 1
            params = [p if p is not None else float("nan") for p in spec[1:]]
            flat = []
            for p in params:
                flat.extend(p if isinstance(p, list) else [p])
            put(key("gw", spec[0], flat, int(is_tuple), Nx, fftbins),
                sig.get_window(window, Nx, fftbins))
for Nx in (7, 8):
    put(key("gwnum", 8.6, Nx, True), sig.get_window(8.6, Nx))
    put(key("gwnum", 2.0, Nx, False), sig.get_window(2.0, Nx, False))
err(key("gw", "hann", [], 0, 0, True), lambda: sig.get_window("hann", 0))
err(key("gw", "nosuch", [], 0, 8, True), lambda: sig.get_window("nosuch", 8))
err(key("gw", "hann", [1.0], 1, 8, True), lambda: sig.get_window(("hann", 1.0), 8))
err(key("gw", "kaiser", [], 0, 8, True), lambda: sig.get_window("kaiser", 8))
err(key("gw", "dpss", [1.0, 2.0], 1, 8, True), lambda: sig.get_window(("dpss", 1.0, 2.0), 8))

# NumPy's windows.
for name in ("bartlett", "blackman", "hamming", "hanning"):
    for M in (-1, 0, 1, 2, 5, 6, 33):
        put(key("np", name, M, 0.0), getattr(np, name)(M))
for M in (-1, 0, 1, 2, 5, 6, 33):
    for beta in (0.0, 5.0, 14.0):
        put(key("np", "kaiser", M, beta), np.kaiser(M, beta))

# ---- IIR design --------------------------------------------------------------------------------
def put_filter(k, out, value):
    if out == "ba":
        put(k + "|b", value[0])
        put(k + "|a", value[1])
    elif out == "zpk":
        put(k + "|z", np.asarray(value[0], complex))
        put(k + "|p", np.asarray(value[1], complex))
        put(k + "|k", value[2])
    else:
        put(k + "|sos", value)


FTYPES = [("butter", None, None), ("cheby1", 1.0, None), ("cheby2", None, 40.0),
          ("ellip", 0.5, 50.0), ("bessel", None, None), ("bessel_delay", None, None),
          ("bessel_mag", None, None)]
for ftype, rp, rs in FTYPES:
    for N in (1, 2, 3, 4, 5, 8):
        for btype, Wn_d, Wn_a in (("lowpass", 0.3, 2.0), ("highpass", 0.45, 0.7),
                                  ("bandpass", [0.2, 0.5], [1.0, 3.0]),
                                  ("bandstop", [0.1, 0.35], [0.5, 4.0])):
            for analog in (False, True):
                Wn = Wn_a if analog else Wn_d
                for out in ("ba", "zpk", "sos"):
                    if N == 8 and out == "ba" and btype in ("bandpass", "bandstop"):
                        continue  # order 16: (b, a) too ill-conditioned to compare closely
                    try:
                        r = sig.iirfilter(N, Wn, rp=rp, rs=rs, btype=btype, analog=analog,
                                          ftype=ftype, output=out)
                    except IndexError:
                        # SciPy's zpk2sos fails on some analog band designs (no real zero left
                        # to pair); nothing to compare with.
                        print("skipped", N, Wn, ftype, btype, analog, out)
                        continue
                    put_filter(key("iir", N, Wn, rp, rs, btype, analog, ftype, out, None), out, r)
# fs, short btype names and upper case spellings
for args in [(4, 100.0, None, None, "low", False, "butter", "ba", 1000.0),
             (3, [50.0, 200.0], 1.0, None, "bp", False, "cheby1", "sos", 1000.0),
             (5, 0.2, None, 30.0, "HP", False, "Cheby2", "zpk", None),
             (4, [0.2, 0.4], 1.0, 40.0, "stop", False, "elliptic", "ba", None),
             (6, 0.25, None, None, "l", False, "butterworth", "sos", None),
             (2, 0.6, None, None, "h", False, "bessel_phase", "ba", None),
             (3, 0.3, 0.5, 60.0, "lp", False, "cauer", "sos", None),
             (0, 0.3, None, None, "low", False, "butter", "ba", None),
             (0, 0.3, None, None, "low", False, "butter", "sos", None),
             (0, 0.3, 1.0, None, "low", False, "cheby1", "zpk", None),
             (7, 0.3, 0.1, 80.0, "low", False, "ellip", "sos", None),
             (10, 0.1, None, None, "low", False, "butter", "sos", None),
             (12, 0.4, 0.5, 60.0, "low", False, "ellip", "zpk", None)]:
    N, Wn, rp, rs, btype, analog, ftype, out, fs = args
    r = sig.iirfilter(N, Wn, rp=rp, rs=rs, btype=btype, analog=analog, ftype=ftype, output=out,
                      fs=fs)
    put_filter(key("iir", *args), out, r)
IIR_ERRORS = [
    (4, 1.2, None, None, "low", False, "butter", "ba", None),
    (4, 0.0, None, None, "low", False, "butter", "ba", None),
    (4, 600.0, None, None, "low", False, "butter", "ba", 1000.0),
    (4, 0.3, None, None, "low", True, "butter", "ba", 1000.0),
    (4, [0.4, 0.2], None, None, "bandpass", False, "butter", "ba", None),
    (4, 0.3, None, None, "sideways", False, "butter", "ba", None),
    (4, 0.3, None, None, "low", False, "chebyshev3", "ba", None),
    (4, 0.3, None, None, "low", False, "butter", "tf", None),
    (4, 0.3, None, None, "low", False, "cheby1", "ba", None),
    (4, 0.3, None, None, "low", False, "cheby2", "ba", None),
    (4, 0.3, 1.0, None, "low", False, "ellip", "ba", None),
    (4, 0.3, -1.0, None, "low", False, "cheby1", "ba", None),
    (4, 0.3, None, -1.0, "low", False, "cheby2", "ba", None),
    (4, [0.2, 0.3], None, None, "low", False, "butter", "ba", None),
    (4, 0.3, None, None, "bandpass", False, "butter", "ba", None),
    (-1, 0.3, None, None, "low", False, "butter", "ba", None),
]
for args in IIR_ERRORS:
    N, Wn, rp, rs, btype, analog, ftype, out, fs = args
    err(key("iir", *args), lambda: sig.iirfilter(N, Wn, rp=rp, rs=rs, btype=btype, analog=analog,
                                                 ftype=ftype, output=out, fs=fs))

# iirnotch / iirpeak
for w0, Q, fs in ((0.3, 30.0, 2.0), (60.0, 20.0, 1000.0), (0.8, 2.0, 2.0)):
    for name in ("iirnotch", "iirpeak"):
        b, a = getattr(sig, name)(w0, Q, fs)
        put(key(name, w0, Q, fs, "b"), b)
        put(key(name, w0, Q, fs, "a"), a)
err(key("iirnotch", 1.5, 30.0, 2.0), lambda: sig.iirnotch(1.5, 30.0))

# iircomb, gammatone
for w0, Q, ftype, fs, pz in ((20.0, 30.0, "notch", 200.0, False), (20.0, 30.0, "peak", 200.0, True),
                             (0.25, 10.0, "notch", 2.0, True), (0.1, 5.0, "Peak", 2.0, False)):
    b, a = sig.iircomb(w0, Q, ftype, fs, pass_zero=pz)
    put(key("iircomb", w0, Q, ftype, fs, pz, "b"), b)
    put(key("iircomb", w0, Q, ftype, fs, pz, "a"), a)
for w0, Q, ftype, fs in ((0.3, 30.0, "notch", 2.0), (7.0, 30.0, "notch", 20.0),
                         (120.0, 30.0, "notch", 200.0), (20.0, 30.0, "band", 200.0)):
    err(key("iircomb", w0, Q, ftype, fs, False), lambda: sig.iircomb(w0, Q, ftype, fs))
for freq, ftype, order, numtaps, fs in ((440.0, "fir", None, None, 16000.0),
                                        (440.0, "fir", 3, 40, 16000.0), (0.2, "fir", None, None, None),
                                        (1000.0, "iir", None, None, 16000.0), (0.3, "IIR", None, None, None)):
    b, a = sig.gammatone(freq, ftype, order, numtaps, fs)
    put(key("gammatone", freq, ftype, order, numtaps, fs, "b"), b)
    put(key("gammatone", freq, ftype, order, numtaps, fs, "a"), a)
for freq, ftype, order, fs in ((9000.0, "fir", None, 16000.0), (440.0, "fft", None, 16000.0),
                               (440.0, "fir", 30, 16000.0)):
    err(key("gammatone", freq, ftype, order, None, fs), lambda: sig.gammatone(freq, ftype, order, None, fs))

# minimum_phase
H0 = sig.firwin(31, 0.3)
H1 = sig.remez(24, [0, 0.2, 0.3, 0.5], [1, 0]) if hasattr(sig, "remez") else sig.firwin(24, 0.3)
put(key("mpin", "h0"), H0)
put(key("mpin", "h1"), H1)
for name, h in (("h0", H0), ("h1", H1)):
    for method, n_fft, half in (("homomorphic", None, True), ("homomorphic", None, False),
                                ("hilbert", None, True), ("homomorphic", 101, True),
                                ("hilbert", 256, True)):
        put(key("minimum_phase", name, method, n_fft, half),
            sig.minimum_phase(h, method, n_fft, half=half))
err(key("minimum_phase", "h0", "best", None, True), lambda: sig.minimum_phase(H0, "best"))
err(key("minimum_phase", "h0", "hilbert", None, False),
    lambda: sig.minimum_phase(H0, "hilbert", half=False))
err(key("minimum_phase", "h0", "homomorphic", 16, True), lambda: sig.minimum_phase(H0, n_fft=16))

# band_stop_obj
for kind in ("butter", "cheby", "ellip"):
    for ind, wp in ((0, 0.25), (1, 1.4)):
        put(key("band_stop_obj", wp, ind, [0.2, 1.5], [0.4, 1.0], 1.0, 40.0, kind),
            [sig.band_stop_obj(wp, ind, np.array([0.2, 1.5]), np.array([0.4, 1.0]), 1.0, 40.0,
                               kind)])

# Order selection and iirdesign.
ORD = [([0.2], [0.3], 1.0, 40.0, False, None), ([0.3], [0.2], 1.0, 40.0, False, None),
       ([0.2, 0.5], [0.1, 0.6], 1.0, 40.0, False, None),
       ([0.1, 0.6], [0.2, 0.5], 1.0, 40.0, False, None),
       ([200.0], [300.0], 3.0, 60.0, False, 2000.0),
       ([1.0], [3.0], 1.0, 40.0, True, None), ([1.0, 4.0], [0.5, 6.0], 1.0, 40.0, True, None),
       ([0.5, 6.0], [1.0, 4.0], 2.0, 30.0, True, None)]
for fn in ("buttord", "cheb1ord", "cheb2ord", "ellipord"):
    for wp, ws, gp, gs, analog, fs in ORD:
        arg_wp = wp[0] if len(wp) == 1 else wp
        arg_ws = ws[0] if len(ws) == 1 else ws
        N, Wn = getattr(sig, fn)(arg_wp, arg_ws, gp, gs, analog=analog, fs=fs)
        put(key(fn, wp, ws, gp, gs, analog, fs, "N"), [N])
        put(key(fn, wp, ws, gp, gs, analog, fs, "Wn"), Wn)
err(key("buttord", [0.2], [0.3], 0.0, 40.0, False, None), lambda: sig.buttord(0.2, 0.3, 0.0, 40.0))
err(key("buttord", [0.2], [0.3], 50.0, 40.0, False, None), lambda: sig.buttord(0.2, 0.3, 50.0, 40.0))
for ftype in ("butter", "cheby1", "cheby2", "ellip"):
    for wp, ws, gp, gs, analog, fs in ORD:
        arg_wp = wp[0] if len(wp) == 1 else wp
        arg_ws = ws[0] if len(ws) == 1 else ws
        for out in ("zpk", "sos"):
            r = sig.iirdesign(arg_wp, arg_ws, gp, gs, analog=analog, ftype=ftype, output=out,
                              fs=fs)
            put_filter(key("iirdesign", wp, ws, gp, gs, analog, ftype, out, fs), out, r)
for wp, ws, gp, gs, analog, ftype, out, fs in [
        ([0.2], [0.3], 1.0, 40.0, False, "bessel", "ba", None),
        ([0.2], [0.3], 1.0, 40.0, False, "foo", "ba", None),
        ([0.2, 0.4], [0.3], 1.0, 40.0, False, "butter", "ba", None),
        ([0.2], [1.3], 1.0, 40.0, False, "butter", "ba", None),
        ([0.2, 0.5], [0.3, 0.6], 1.0, 40.0, False, "butter", "ba", None)]:
    err(key("iirdesign", wp, ws, gp, gs, analog, ftype, out, fs),
        lambda: sig.iirdesign(wp if len(wp) > 1 else wp[0], ws if len(ws) > 1 else ws[0], gp, gs,
                              analog=analog, ftype=ftype, output=out, fs=fs))

# Prototypes and transformations.
for N in range(0, 9):
    for name, args in (("buttap", ()), ("cheb1ap", (1.0,)), ("cheb2ap", (40.0,)),
                       ("ellipap", (0.5, 50.0)), ("besselap", ("phase",)),
                       ("besselap", ("delay",)), ("besselap", ("mag",))):
        z, p, k = getattr(sig, name)(N, *args)
        put_filter(key(name, N, args), "zpk", (z, p, k))
for N in (12, 20, 25):
    put_filter(key("besselap", N, ("phase",)), "zpk", sig.besselap(N, "phase"))
Z0, P0, K0 = sig.ellipap(4, 1.0, 40.0)
for name, extra in (("lp2lp_zpk", (2.0,)), ("lp2hp_zpk", (3.0,)), ("lp2bp_zpk", (2.0, 0.5)),
                    ("lp2bs_zpk", (1.5, 0.7)), ("bilinear_zpk", (10.0,))):
    put_filter(key(name, extra), "zpk", getattr(sig, name)(Z0, P0, K0, *extra))
B0, A0 = [1.0, 0.5, 2.0], [1.0, 3.0, 2.5, 0.7]
for name, extra in (("lp2lp", (2.0,)), ("lp2hp", (3.0,)), ("lp2bp", (2.0, 0.5)),
                    ("lp2bs", (1.5, 0.7)), ("bilinear", (10.0,))):
    put_filter(key(name, extra), "ba", getattr(sig, name)(B0, A0, *extra))
put_filter(key("lp2hp_short", (2.0,)), "ba", sig.lp2hp([2.0], [1.0, 1.4, 1.0], 2.0))
put_filter(key("bilinear_short", (1.0,)), "ba", sig.bilinear([1.0], [1.0, 1.0], 1.0))

# Conversions.
TF = {"t0": ([1.0, -0.5, 0.25], [1.0, 0.3, -0.4, 0.1]),
      "t1": ([0.0, 0.0, 2.0, 1.0], [4.0, 2.0, 1.0]),
      "t2": (list(sig.butter(4, 0.3)[0]), list(sig.butter(4, 0.3)[1])),
      "t3": ([0.5, 1.0, 0.3, -0.2, 0.05], [1.0, -1.2, 0.9, -0.3, 0.05, -0.01])}
for name, (b, a) in TF.items():
    put(key("tfin", name, "b"), b)
    put(key("tfin", name, "a"), a)
    put_filter(key("tf2zpk", name), "zpk", sig.tf2zpk(b, a))
    put_filter(key("normalize", name), "ba", sig.normalize(b, a))
    for pairing in (None, "nearest", "keep_odd", "minimal"):
        put_or_err(key("tf2sos", name, pairing, False, "sos"),
                   lambda: sig.tf2sos(b, a, pairing=pairing))
ZPK = {"z0": ([-1, -1, 1j, -1j], [0.5 + 0.5j, 0.5 - 0.5j, 0.9, -0.3], 2.0),
       "z1": ([], [0.5, -0.2, 0.3 + 0.4j, 0.3 - 0.4j, 0.1], 0.7),
       "z2": ([0.9, 0.2 + 0.9j, 0.2 - 0.9j], [0.5, 0.6 + 0.3j, 0.6 - 0.3j], 1.5),
       "z3": ([-2.0, 1j, -1j], [-0.5, -1 + 2j, -1 - 2j, -3.0, -0.1 + 1j, -0.1 - 1j], 3.0),
       "z4": ([0.3, -0.8, 0.1, 0.5 + 0.5j, 0.5 - 0.5j], [0.2, 0.4 + 0.1j, 0.4 - 0.1j], 1.0),
       "z5": ([], [], 2.5),
       "z6": ([0.5], [0.2, 0.25 + 0.5j, 0.25 - 0.5j], 1.0)}
for name, (z, p, k) in ZPK.items():
    put(key("zpkin", name, "z"), np.asarray(z, complex))
    put(key("zpkin", name, "p"), np.asarray(p, complex))
    put(key("zpkin", name, "k"), [k])
    put_filter(key("zpk2tf", name), "ba", sig.zpk2tf(z, p, k))
    for pairing in (None, "nearest", "keep_odd", "minimal"):
        put_or_err(key("zpk2sos", name, pairing, False, "sos"),
                   lambda: sig.zpk2sos(z, p, k, pairing=pairing))
    if len(p) >= len(z):
        put_or_err(key("zpk2sos", name, None, True, "sos"),
                   lambda: sig.zpk2sos(z, p, k, analog=True))
err(key("zpk2sos", "z0", "best", False, "sos"), lambda: sig.zpk2sos(*ZPK["z0"], pairing="best"))
err(key("zpk2sos", "z0", "nearest", True, "sos"),
    lambda: sig.zpk2sos(*ZPK["z0"], pairing="nearest", analog=True))
err(key("zpk2sos", "zbad", None, False, "sos"), lambda: sig.zpk2sos([0.5 + 0.5j], [0.1], 1.0))
SOS = {"s0": sig.butter(6, [0.2, 0.4], "band", output="sos"),
       "s1": sig.ellip(5, 1.0, 40.0, 0.3, output="sos"),
       "s2": np.array([[1.0, 0.0, 0.0, 1.0, -0.5, 0.0], [2.0, 1.0, 0.5, 1.0, 0.2, 0.3]])}
for name, s in SOS.items():
    put(key("sosin", name), s)
    put_filter(key("sos2tf", name), "ba", sig.sos2tf(s))
    put_filter(key("sos2zpk", name), "zpk", sig.sos2zpk(s))

# Frequency responses.
BA = sig.butter(4, 0.3)
BA2 = sig.cheby1(3, 1.0, [0.2, 0.5], "band")
for (name, (b, a)) in (("f0", BA), ("f1", BA2), ("f2", ([0.2, 0.3, 0.5, 0.3, 0.2], [1.0]))):
    put(key("fin", name, "b"), b)
    put(key("fin", name, "a"), a)
    for worN, whole, fs, nyq in ((8, False, 2 * np.pi, False), (9, True, 2 * np.pi, False),
                                 (7, False, 1000.0, True), (1, False, 2 * np.pi, True),
                                 (0, False, 2 * np.pi, False),
                                 ([0.0, 0.1, 0.25, 0.4], False, 1.0, False)):
        w, h = sig.freqz(b, a, worN=worN, whole=whole, fs=fs, include_nyquist=nyq)
        k = key("freqz", name, worN if isinstance(worN, int) else "w:" + f(worN), whole, fs, nyq)
        put(k + "|w", w)
        put(k + "|h", np.asarray(h, complex))
    for worN, whole, fs in ((16, False, 2 * np.pi), (9, True, 100.0),
                            ([0.05, 0.2, 0.45], False, 1.0)):
        if (name == "f1" and isinstance(worN, int)) or (name == "f2" and whole):
            continue  # zeros on the unit circle on the grid: SciPy's delay there is noise
        w, gd = sig.group_delay((b, a), w=worN, whole=whole, fs=fs)
        k = key("gd", name, worN if isinstance(worN, int) else "w:" + f(worN), whole, fs)
        put(k + "|w", w)
        put(k + "|gd", gd)
for name, s in SOS.items():
    for worN, whole, fs in ((8, False, 2 * np.pi), (9, True, 2 * np.pi),
                            ([0.0, 0.1, 0.3], False, 1.0)):
        w, h = sig.sosfreqz(s, worN=worN, whole=whole, fs=fs)
        k = key("sosfreqz", name, worN if isinstance(worN, int) else "w:" + f(worN), whole, fs)
        put(k + "|w", w)
        put(k + "|h", np.asarray(h, complex))

# Analog responses and freqz_zpk.
AN = {"a0": sig.butter(4, 2.0, analog=True), "a1": sig.cheby1(3, 1.0, [1.0, 3.0], "band",
                                                                analog=True)}
ANZ = {"a0": sig.cheby2(3, 30.0, 1.5, analog=True, output="zpk"),
       "a1": sig.ellip(4, 1.0, 40.0, [0.5, 2.0], "stop", analog=True, output="zpk")}
for name, (b, a) in AN.items():
    put(key("fsin", name, "b"), b)
    put(key("fsin", name, "a"), a)
    for worN in (20, [0.1, 1.0, 2.5, 10.0]):
        w, h = sig.freqs(b, a, worN=worN)
        k = key("freqs", name, worN if isinstance(worN, int) else "w:" + f(worN))
        put(k + "|w", w)
        put(k + "|h", np.asarray(h, complex))
    put(key("findfreqs", name, 10, "ba"), sig.findfreqs(b, a, 10))
for name, (z, p, k0) in ANZ.items():
    put(key("fszin", name, "z"), np.asarray(z, complex))
    put(key("fszin", name, "p"), np.asarray(p, complex))
    put(key("fszin", name, "k"), [k0])
    for worN in (20, [0.1, 1.0, 2.5, 10.0]):
        w, h = sig.freqs_zpk(z, p, k0, worN=worN)
        k = key("freqs_zpk", name, worN if isinstance(worN, int) else "w:" + f(worN))
        put(k + "|w", w)
        put(k + "|h", np.asarray(h, complex))
    put(key("findfreqs", name, 12, "zp"), sig.findfreqs(z, p, 12, kind="zp"))
DZ = sig.ellip(4, 1.0, 40.0, 0.3, output="zpk")
put(key("fszin", "d0", "z"), np.asarray(DZ[0], complex))
put(key("fszin", "d0", "p"), np.asarray(DZ[1], complex))
put(key("fszin", "d0", "k"), [DZ[2]])
for worN, whole, fs in ((8, False, 2 * np.pi), (9, True, 2 * np.pi), ([0.0, 0.1, 0.3], False, 1.0)):
    w, h = sig.freqz_zpk(*DZ, worN=worN, whole=whole, fs=fs)
    k = key("freqz_zpk", "d0", worN if isinstance(worN, int) else "w:" + f(worN), whole, fs)
    put(k + "|w", w)
    put(k + "|h", np.asarray(h, complex))

# Partial fractions.
RES = {"r0": ([1.0, 2.0], [1.0, 3.0, 2.0]), "r1": ([2.0, 0.0, 1.0, 3.0], [1.0, 1.0, 0.5]),
       "r2": ([1.0, -2.0, 1.0], [1.0, -1.0, 0.5, -0.1]),
       "r3": ([1.0, 0.5], [1.0, 3.0, 3.0, 1.0]),  # a triple pole at -1
       "r4": ([0.0], [1.0, 0.2])}
for name, (b, a) in RES.items():
    put(key("resin", name, "b"), b)
    put(key("resin", name, "a"), a)
    for fn in ("residue", "residuez"):
        r, p, k = getattr(sig, fn)(b, a)
        put(key(fn, name, "r"), np.asarray(r, complex))
        put(key(fn, name, "p"), np.asarray(p, complex))
        put(key(fn, name, "k"), np.asarray(k, complex))
INV = {"i0": ([1.0, 2.0], [-1.0, -2.0], []), "i1": ([0.5, 0.5j, -0.5j], [-1.0, -1 + 1j, -1 - 1j], [1.0, 0.5]),
       "i2": ([1.0, 2.0, 3.0], [-1.0, -1.0, -2.0], [2.0])}
for name, (r, p, k) in INV.items():
    put(key("invin", name, "r"), np.asarray(r, complex))
    put(key("invin", name, "p"), np.asarray(p, complex))
    put(key("invin", name, "k"), np.asarray(k if k else [], complex))
    for fn in ("invres", "invresz"):
        b, a = getattr(sig, fn)(r, p, k)
        put(key(fn, name, "b"), np.asarray(b, complex))
        put(key(fn, name, "a"), np.asarray(a, complex))
for p, tol, rtype in (([1.0, 1.0001, 2.0, 3.0, 2.0005], 1e-3, "min"),
                      ([1.0, 1.0001, 2.0, 3.0, 2.0005], 1e-3, "max"),
                      ([1 + 1j, 1 + 1.0002j, 2.0, 1 - 1j], 1e-3, "avg")):
    u, m = sig.unique_roots(p, tol, rtype)
    put(key("unique_roots", p, tol, rtype, "u"), np.asarray(u, complex))
    put(key("unique_roots", p, tol, rtype, "m"), m)
err(key("residuez", "bad"), lambda: sig.residuez([1.0], [0.0, 1.0]))
err(key("residue", "zero"), lambda: sig.residue([1.0], [0.0, 0.0]))

# State space.
def put_mat(k, m):
    m = np.atleast_2d(np.asarray(m, float))
    put(k, m.ravel())
    put(k + "|shape", [float(d) for d in m.shape])


for name, (b, a) in {"s0": ([1.0, 3.0, 3.0], [1.0, 2.0, 1.0]), "s1": ([1.0, 0.5], [2.0, 1.0, 3.0, 0.5]),
                     "s2": ([4.0], [2.0]), "s3": ([0.0, 0.0, 1.0], [1.0, 0.3, 0.2])}.items():
    put(key("tfssin", name, "b"), b)
    put(key("tfssin", name, "a"), a)
    A, B, C, D = sig.tf2ss(b, a)
    for m_name, m in zip("ABCD", (A, B, C, D)):
        put_mat(key("tf2ss", name, m_name), m)
err(key("tf2ss", "improper"), lambda: sig.tf2ss([1.0, 2.0, 3.0], [1.0, 2.0]))
rng_ss = np.random.default_rng(7)
SS = {"m0": (rng_ss.standard_normal((3, 3)), rng_ss.standard_normal((3, 1)),
             rng_ss.standard_normal((1, 3)), np.array([[0.5]])),
      "m1": (rng_ss.standard_normal((4, 4)), rng_ss.standard_normal((4, 2)),
             rng_ss.standard_normal((2, 4)), rng_ss.standard_normal((2, 2))),
      "m2": (np.zeros((0, 0)), np.zeros((0, 0)), np.zeros((0, 0)), np.array([[2.0, 3.0]]))}
for name, (A, B, C, D) in SS.items():
    for m_name, m in zip("ABCD", (A, B, C, D)):
        put_mat(key("ssin", name, m_name), m)
    for inp in range(D.shape[1]):
        num, den = sig.ss2tf(A, B, C, D, input=inp)
        put_mat(key("ss2tf", name, inp, "num"), num)
        put(key("ss2tf", name, inp, "den"), den)
z, p, k = sig.ss2zpk(*SS["m0"])
put_filter(key("ss2zpk", "m0"), "zpk", (z, p, k))
A, B, C, D = sig.zpk2ss(*ZPK["z2"])
for m_name, m in zip("ABCD", (A, B, C, D)):
    put_mat(key("zpk2ss", "z2", m_name), m)
err(key("ss2tf", "m0", 1), lambda: sig.ss2tf(*SS["m0"], input=1))
err(key("abcd", "badB"), lambda: sig.abcd_normalize(np.eye(2), np.ones((3, 1)), np.ones((1, 2)), [[0.0]]))

# Responses of LTI systems.
LB = sig.butter(3, 2.0, analog=True)
LZ = sig.cheby1(4, 1.0, 1.5, analog=True, output="zpk")
for name, system in (("tf", LB), ("zpk", LZ), ("ss", SS["m0"])):
    for worN in (None, [0.1, 1.0, 3.0]):
        w, h = sig.freqresp(system, w=worN, n=20)
        k = key("freqresp", name, 20 if worN is None else "w:" + f(worN))
        put(k + "|w", w)
        put(k + "|h", np.asarray(h, complex))
    w, mag, phase = sig.bode(system, n=15)
    put(key("bode", name, "w"), w)
    put(key("bode", name, "mag"), mag)
    put(key("bode", name, "phase"), phase)
DB = sig.cheby1(4, 1.0, 0.3)
DZ2 = sig.ellip(3, 1.0, 40.0, 0.4, output="zpk")
for name, system in (("tf", DB + (0.1,)), ("zpk", DZ2 + (0.1,))):
    for worN, whole in ((16, False), (9, True), ([0.1, 1.0, 3.0], False)):
        w, h = sig.dfreqresp(system, w=worN, whole=whole)
        k = key("dfreqresp", name, worN if isinstance(worN, int) else "w:" + f(worN), whole)
        put(k + "|w", w)
        put(k + "|h", np.asarray(h, complex))
    w, mag, phase = sig.dbode(system, n=15)
    put(key("dbode", name, "w"), w)
    put(key("dbode", name, "mag"), mag)
    put(key("dbode", name, "phase"), phase)
put(key("lsysin", "tf", "b"), LB[0]); put(key("lsysin", "tf", "a"), LB[1])
put(key("lsysin", "zpk", "z"), np.asarray(LZ[0], complex)); put(key("lsysin", "zpk", "p"), np.asarray(LZ[1], complex)); put(key("lsysin", "zpk", "k"), [LZ[2]])
put(key("dsysin", "tf", "b"), DB[0]); put(key("dsysin", "tf", "a"), DB[1])
put(key("dsysin", "zpk", "z"), np.asarray(DZ2[0], complex)); put(key("dsysin", "zpk", "p"), np.asarray(DZ2[1], complex)); put(key("dsysin", "zpk", "k"), [DZ2[2]])

# Continuous-time simulation.
CS0 = SS["m0"]  # 3 states, one input and output
CS0 = (CS0[0] - 2 * np.eye(3), CS0[1], CS0[2], CS0[3])  # stable
for m_name, m in zip("ABCD", CS0):
    put_mat(key("cssin", "m0", m_name), m)
TL = np.linspace(0.0, 2.0, 21)
UL = np.sin(3 * TL)
put(key("lsimin", "t"), TL)
put(key("lsimin", "u"), UL)
for name, args in (("interp", dict(interp=True)), ("zoh", dict(interp=False)),
                   ("x0", dict(X0=[1.0, 0.0, -1.0]))):
    tout, y, x = sig.lsim(CS0, UL, TL, **args)
    put(key("lsim", name, "y"), y)
    put_mat(key("lsim", name, "x"), x)
tout, y, x = sig.lsim(CS0, None, TL, X0=[1.0, 0.0, -1.0])
put(key("lsim", "noinput", "y"), y)
tout, y, x = sig.lsim(CS0, UL, TL + 0.5)
put(key("lsim", "t0", "y"), y)
err(key("lsim", "uneven"), lambda: sig.lsim(CS0, UL, TL ** 2))
for fn in ("impulse", "step"):
    t, y = getattr(sig, fn)(CS0, N=30)
    put(key(fn, "m0", "t"), t)
    put(key(fn, "m0", "y"), y)
    t, y = getattr(sig, fn)(LB, T=TL)
    put(key(fn, "tf", "y"), y)

# Discrete-time simulation.
U0 = rng_ss.standard_normal(12)
U1 = rng_ss.standard_normal((12, 2))
T0 = np.linspace(0.0, 1.05, 12)
put(key("simin", "u0"), U0)
put_mat(key("simin", "u1"), U1)
put(key("simin", "t0"), T0)
DSS0 = tuple(np.asarray(m) * 0.3 if i == 0 else m for i, m in enumerate(SS["m0"]))
DSS1 = tuple(np.asarray(m) * 0.3 if i == 0 else m for i, m in enumerate(SS["m1"]))
for m_name, m in zip("ABCD", DSS0):
    put_mat(key("dssin", "m0", m_name), m)
for m_name, m in zip("ABCD", DSS1):
    put_mat(key("dssin", "m1", m_name), m)
for name, system, u, t, x0 in (("a", DSS0 + (0.1,), U0, None, None),
                               ("b", DSS0 + (0.1,), U0, None, [1.0, -1.0, 0.5]),
                               ("c", DSS0 + (0.1,), U0, T0, None),
                               ("d", DSS1 + (0.1,), U1, None, None)):
    tout, yout, xout = sig.dlsim(system, u, t=t, x0=x0)
    put(key("dlsim", name, "t"), tout)
    put_mat(key("dlsim", name, "y"), yout)
    put_mat(key("dlsim", name, "x"), xout)
tout, yout = sig.dlsim((DB[0], DB[1], 0.1), U0)
put(key("dlsim", "tf", "t"), tout)
put_mat(key("dlsim", "tf", "y"), yout)
for fn in ("dimpulse", "dstep"):
    tout, ys = getattr(sig, fn)(DSS1 + (0.1,), n=10)
    put(key(fn, "m1", "t"), tout)
    for i, y in enumerate(ys):
        put_mat(key(fn, "m1", "y%d" % i), y)
    tout, ys = getattr(sig, fn)((DB[0], DB[1], 0.1), t=T0)
    put(key(fn, "tf", "t"), tout)
    put_mat(key(fn, "tf", "y0"), ys[0])

# cont2discrete
for method, alpha in (("zoh", None), ("foh", None), ("impulse", None), ("gbt", 0.3),
                      ("bilinear", None), ("euler", None), ("backward_diff", None)):
    A, B, C, D = SS["m1"]
    if method == "impulse":
        D = np.zeros_like(D)
    ad, bd, cd_, dd, _ = sig.cont2discrete((A, B, C, D), 0.1, method=method, alpha=alpha)
    for m_name, m in zip("ABCD", (ad, bd, cd_, dd)):
        put_mat(key("c2d", method, m_name), m)
num, den, _ = sig.cont2discrete(([1.0, 2.0], [1.0, 3.0, 2.0]), 0.05, "tustin")
put_mat(key("c2d_tf", "num"), num)
put(key("c2d_tf", "den"), den)
z, p, k, _ = sig.cont2discrete(ZPK["z3"][:2] + (3.0,), 0.2, "zoh")
put_filter(key("c2d_zpk"), "zpk", (z, p, k))
err(key("c2d", "gbt_none"), lambda: sig.cont2discrete(SS["m0"], 0.1, "gbt"))
err(key("c2d", "gbt_2"), lambda: sig.cont2discrete(SS["m0"], 0.1, "gbt", 2.0))
err(key("c2d", "bad"), lambda: sig.cont2discrete(SS["m0"], 0.1, "magic"))
err(key("c2d", "impulse_d"), lambda: sig.cont2discrete(SS["m0"], 0.1, "impulse"))

# FIR design.
FIRWIN = [(11, [0.3], None, "hamming", True, True, None),
          (10, [0.3], None, "hamming", True, True, None),
          (11, [0.3], None, "hamming", False, True, None),
          (21, [0.2, 0.5], None, "hamming", False, True, None),
          (21, [0.2, 0.5], None, "hamming", True, True, None),
          (31, [0.1, 0.3, 0.5, 0.7], None, "blackman", True, True, None),
          (31, [0.1, 0.3, 0.5], None, "hann", False, True, None),
          (41, [0.3], 0.1, "hamming", True, True, None),
          (25, [100.0], None, ("kaiser", 6.0), "lowpass", True, 1000.0),
          (25, [100.0], None, "boxcar", "highpass", False, 1000.0),
          (25, [100.0, 250.0], None, "hamming", "bandpass", True, 1000.0),
          (25, [100.0, 250.0], None, "hamming", "bandstop", True, 1000.0),
          (1, [0.5], None, "hamming", True, True, None)]
for numtaps, cutoff, width, window, pz, scale, fs in FIRWIN:
    h = sig.firwin(numtaps, cutoff, width=width, window=window, pass_zero=pz, scale=scale, fs=fs)
    wname = window if isinstance(window, str) else window[0]
    wpar = [] if isinstance(window, str) else list(window[1:])
    put(key("firwin", numtaps, cutoff, width, wname, wpar, pz, scale, fs), h)
for numtaps, cutoff, pz, fs in [(10, [0.3], False, None), (11, [0.0], True, None),
                                (11, [0.3, 0.2], True, None), (11, [0.3, 0.5], "lowpass", None),
                                (11, [0.3], "bandstop", None), (11, [0.3], "sideways", None),
                                (11, [600.0], True, 1000.0), (11, [], True, None)]:
    err(key("firwin", numtaps, cutoff, None, "hamming", [], pz, True, fs),
        lambda: sig.firwin(numtaps, cutoff, pass_zero=pz, fs=fs))
FIRWIN2 = [(31, [0, 0.3, 0.5, 1.0], [1.0, 1.0, 0.0, 0.0], None, "hamming", False, None),
           (30, [0, 0.3, 0.5, 1.0], [1.0, 1.0, 0.0, 0.0], None, "hamming", False, None),
           (31, [0, 0.3, 0.5, 1.0], [0.0, 1.0, 0.5, 0.0], None, "hann", True, None),
           (30, [0, 0.3, 0.5, 1.0], [0.0, 1.0, 1.0, 1.0], 129, "hamming", True, None),
           (21, [0, 0.5, 0.5, 1.0], [1.0, 1.0, 0.0, 0.0], None, "hamming", False, None),
           (21, [0, 200.0, 300.0, 500.0], [0.0, 1.0, 1.0, 0.0], 64, "", False, 1000.0)]
for numtaps, freq, gain, nfreqs, window, anti, fs in FIRWIN2:
    h = sig.firwin2(numtaps, freq, gain, nfreqs=nfreqs, window=window or None,
                    antisymmetric=anti, fs=fs)
    put(key("firwin2", numtaps, freq, gain, nfreqs, window, anti, fs), h)
for numtaps, freq, gain, nfreqs, anti in [(30, [0, 0.5, 1.0], [1.0, 1.0, 1.0], None, False),
                                          (31, [0, 0.5, 1.0], [1.0, 1.0, 0.0], None, True),
                                          (30, [0, 0.5, 1.0], [1.0, 1.0, 0.0], None, True),
                                          (31, [0, 0.5, 0.9], [1.0, 1.0, 0.0], None, False),
                                          (31, [0, 0.5, 0.5, 0.5, 1.0], [1.0] * 5, None, False),
                                          (31, [0, 0.6, 0.5, 1.0], [1.0] * 4, None, False),
                                          (31, [0, 0.5, 1.0], [1.0, 1.0], None, False),
                                          (31, [0, 0.5, 1.0], [1.0, 1.0, 0.0], 16, False)]:
    err(key("firwin2", numtaps, freq, gain, nfreqs, "hamming", anti, None),
        lambda: sig.firwin2(numtaps, freq, gain, nfreqs=nfreqs, antisymmetric=anti))
FIRLS = [(11, [0, 0.3, 0.5, 1.0], [1.0, 1.0, 0.0, 0.0], [], None),
         (31, [0, 0.2, 0.3, 0.6, 0.7, 1.0], [0.0, 0.0, 1.0, 1.0, 0.0, 0.0], [1.0, 2.0, 1.0], None),
         (21, [0, 100.0, 150.0, 500.0], [1.0, 0.5, 0.0, 0.0], [], 1000.0),
         (1, [0, 1.0], [1.0, 1.0], [], None)]
for numtaps, bands, desired, weight, fs in FIRLS:
    h = sig.firls(numtaps, bands, desired, weight=weight or None, fs=fs)
    put(key("firls", numtaps, bands, desired, weight, fs), h)
for numtaps, bands, desired, weight in [(10, [0, 1.0], [1.0, 1.0], []),
                                        (11, [0, 0.5, 1.0], [1.0, 1.0, 0.0], []),
                                        (11, [0, 1.5], [1.0, 1.0], []),
                                        (11, [0, 0.5], [1.0, 1.0, 1.0, 1.0], []),
                                        (11, [0, 0.5, 0.4, 1.0], [1.0, 1.0, 0.0, 0.0], []),
                                        (11, [0, 0.5], [1.0, -1.0], []),
                                        (11, [0, 0.5], [1.0, 1.0], [1.0, 2.0])]:
    err(key("firls", numtaps, bands, desired, weight, None),
        lambda: sig.firls(numtaps, bands, desired, weight=weight or None))
for a in (10.0, 30.0, 60.0):
    put(key("kaiser_beta", a), [sig.kaiser_beta(a)])
put(key("kaiser_atten", 51, 0.1), [sig.kaiser_atten(51, 0.1)])
n, beta = sig.kaiserord(65.0, 0.05)
put(key("kaiserord", 65.0, 0.05), [n, beta])
err(key("kaiserord", 5.0, 0.05), lambda: sig.kaiserord(5.0, 0.05))

out = os.path.join("tests", "data", "signal_design", "design.txt")
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w") as fh:
    fh.write("\n".join(lines) + "\n")
print(len(lines), "records,", os.path.getsize(out), "bytes")
