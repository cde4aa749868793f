# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""SciPy's results for the filtering and convolution tests of cupp::scipy::signal
(tests/signal/test_convolve.cpp, tests/signal/test_lfilter.cpp), saved to
tests/data/signal/signal.npz.

Each case is stored as "<name>__in1", "<name>__in2" (the inputs; for the filters b, a, x, zi as
"__b", "__a", "__x", "__zi") and "<name>__out" (SciPy's result; "__zf" the final state). The
name is "<number>__<function>__<parameters>": parameters are key=value pairs joined by "+".
Keys: mode, method, boundary, fill (fillvalue), axes (joined by ","), axis, view ("t": the test
passes the transposes of the stored inputs, "s": their [::2] along every axis), padtype, padlen.

Run from the repository root: python3 tests/signal/make_signal.py
"""
import os

import numpy as np
import scipy.signal as sig

rng = np.random.default_rng(20261207)
cases = {}
counter = [0]


def values(shape, dtype):
    dtype = np.dtype(dtype)
    if dtype.kind == "c":
        return (rng.standard_normal(shape) + 1j * rng.standard_normal(shape)).astype(dtype)
    if dtype.kind in "iu":
        return rng.integers(-9 if dtype.kind == "i" else 0, 10, shape).astype(dtype)
    if dtype == np.bool_:
        return rng.random(shape) < 0.5
    return rng.standard_normal(shape).astype(dtype)


def name_of(function, params):
    name = "%03d__%s__%s" % (counter[0], function,
                             "+".join("%s=%s" % (k, v) for k, v in params.items()))
    counter[0] += 1
    return name


def view(x, v):
    if v == "t":
        return x.T
    if v == "s":
        return x[tuple(slice(None, None, 2) for _ in range(x.ndim))]
    return x


def add_conv(function, x, y, params):
    """One convolution case: SciPy's function of view(x), view(y)."""
    v = params.get("view", "")
    kw = {}
    if "mode" in params:
        kw["mode"] = params["mode"]
    if "method" in params:
        kw["method"] = params["method"]
    if "boundary" in params:
        kw["boundary"] = params["boundary"]
    if "fill" in params:
        kw["fillvalue"] = float(params["fill"])
    if "axes" in params:
        kw["axes"] = [int(a) for a in str(params["axes"]).split(",")]
    out = getattr(sig, function)(view(x, v), view(y, v), **kw)
    name = name_of(function, params)
    cases[name + "__in1"] = x
    cases[name + "__in2"] = y
    cases[name + "__out"] = np.asarray(out)


# ---- convolve, correlate -------------------------------------------------------------------------
shapes = [((23,), (7,)), ((6,), (11,)), ((5,), (5,)), ((1,), (1,)), ((9, 11), (4, 3)),
          ((3, 4), (5, 6)), ((5, 4, 6), (2, 3, 2))]
for function in ("convolve", "correlate"):
    for s1, s2 in shapes:
        for mode in ("full", "same", "valid"):
            for method in ("direct", "fft", "auto"):
                for dt in ("float32", "float64", "complex128", "int16"):
                    if (method == "auto" and dt != "float64") or (dt == "complex128" and method == "auto"):
                        continue
                    if dt == "int16" and (method == "fft" or len(s1) > 1) and s1 != (9, 11):
                        continue
                    if len(s1) == 3 and dt != "float64":
                        continue
                    if dt == "complex128" and method == "fft" and len(s1) == 1 and s1 != (23,):
                        continue
                    x = values(s1, dt)
                    y = values(s2, dt if dt != "int16" else "int8")
                    add_conv(function, x, y, {"mode": mode, "method": method})
    # Mixed dtypes, strided and transposed views, 0-d inputs.
    add_conv(function, values((17,), "float32"), values((4,), "float64"), {"mode": "full", "method": "direct"})
    add_conv(function, values((17,), "int32"), values((4,), "float32"), {"mode": "same", "method": "fft"})
    add_conv(function, values((12, 10), "float64"), values((6, 4), "complex128"), {"mode": "full", "method": "direct", "view": "s"})
    add_conv(function, values((12, 10), "float64"), values((6, 4), "float64"), {"mode": "same", "method": "fft", "view": "t"})
    add_conv(function, values((12, 10), "float32"), values((6, 4), "float32"), {"mode": "valid", "method": "direct", "view": "t"})
    add_conv(function, np.array(2.5), np.array(-3.0), {"mode": "full", "method": "direct"})
    add_conv(function, values((300,), "float32"), values((40,), "float32"), {"mode": "full", "method": "auto"})

# ---- fftconvolve, oaconvolve ---------------------------------------------------------------------
for function in ("fftconvolve", "oaconvolve"):
    for s1, s2 in (shapes[:6:2] + shapes[4:6] if function == "fftconvolve" else shapes[4:5]):
        for mode in ("full", "same", "valid"):
            for dt in ("float32", "float64", "complex128"):
                add_conv(function, values(s1, dt), values(s2, dt), {"mode": mode})
    add_conv(function, values((4, 30), "float32"), values((1, 7), "float32"), {"mode": "full", "axes": "1"})
    add_conv(function, values((4, 30), "float64"), values((4, 7), "float64"), {"mode": "same", "axes": "-1"})
    add_conv(function, values((5, 30), "float64"), values((3, 30), "float64"), {"mode": "valid", "axes": "0"})
    add_conv(function, values((5, 6, 7), "complex64"), values((2, 6, 3), "complex64"), {"mode": "full", "axes": "0,2"})
    add_conv(function, values((10, 8), "int32"), values((3, 3), "int32"), {"mode": "full"})
    add_conv(function, values((10, 8), "float64"), values((3, 3), "float64"), {"mode": "same", "view": "t"})

# ---- convolve2d, correlate2d -----------------------------------------------------------------------
for function in ("convolve2d", "correlate2d"):
    for s1, s2 in [((9, 11), (3, 3)), ((9, 11), (4, 2)), ((7, 9), (15, 20)), ((3, 4), (5, 6))]:
        for mode in ("full", "same", "valid"):
            for boundary in ("fill", "wrap", "symm"):
                for dt in ("float32", "float64", "complex128", "int32"):
                    if boundary != "fill" and dt in ("float32", "int32"):
                        continue
                    if s1 == (3, 4) and mode != "valid":
                        continue
                    if s1 == (7, 9) and dt != "float64":
                        continue
                    if dt == "float32" and s2 != (4, 2):
                        continue
                    params = {"mode": mode, "boundary": boundary}
                    if boundary == "fill" and dt == "float64":
                        params["fill"] = 1.5
                    add_conv(function, values(s1, dt), values(s2, dt), params)
    add_conv(function, values((12, 14), "float64"), values((5, 4), "float64"), {"mode": "same", "boundary": "symm", "view": "t"})
    add_conv(function, values((12, 14), "float32"), values((5, 4), "float32"), {"mode": "full", "boundary": "wrap", "view": "s"})
    add_conv(function, values((12, 14), "uint8"), values((3, 3), "uint8"), {"mode": "same", "boundary": "fill"})


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "data", "signal", "signal.npz")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    np.savez_compressed(out, **cases)
    print(len([k for k in cases if k.endswith("__out")]), "cases,", os.path.getsize(out), "bytes")
