# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""SciPy's results for the rank, generic and grey-morphology tests (tests/ndimage/test_rank_filters.cpp,
tests/ndimage/test_grey_morphology.cpp), saved to tests/data/ndimage/rank.npz.

Each case is stored as "<name>__in" (the input), "<name>__out" (SciPy's result) and, where given,
"<name>__fp" (footprint) and "<name>__st" (structure). The name is
"<number>__<function>__<parameters>": parameters are key=value pairs joined by "+", lists joined
by ",". Keys: size, mode, cval, origin, axes, axis, out (output dtype), rank, pct, fn (a generic
function's name, whose device body the C++ test holds), view ("t": the test filters the
transpose of the stored input, "s": its [::2] along every axis).

Run from the repository root: python3 tests/ndimage/make_rank.py
"""
import os

import numpy as np
import scipy.ndimage as ndi

rng = np.random.default_rng(20261207)
cases = {}
counter = [0]


def values(shape, dtype):
    dtype = np.dtype(dtype)
    if dtype == np.bool_:
        return rng.random(shape) < 0.5
    if dtype.kind == "u":
        return rng.integers(0, 200 if dtype.itemsize == 1 else 60000, shape).astype(dtype)
    if dtype.kind == "i":
        return rng.integers(-100, 100, shape).astype(dtype)
    # Floats with repeats (rank ties) and both signs, exact in float32.
    return (rng.integers(-64, 64, shape) / 8.0).astype(dtype)


def fmt(v):
    if isinstance(v, (list, tuple)):
        return ",".join(fmt(x) for x in v)
    if isinstance(v, float):
        return repr(v)
    return str(v)


def add(function, x, out, params, fp=None, st=None):
    name = "%03d__%s__%s" % (counter[0], function,
                             "+".join("%s=%s" % (k, fmt(v)) for k, v in params.items()))
    counter[0] += 1
    cases[name + "__in"] = x
    out = np.asarray(out)
    if out.dtype == bool:
        # SciPy's C loops store a cast value as its raw byte (7 for cval=7.0 into bool), which
        # NumPy reads as True; the reference keeps canonical bools (0 or 1).
        out = out.view(np.uint8) != 0
    cases[name + "__out"] = out
    if fp is not None:
        cases[name + "__fp"] = fp
    if st is not None:
        cases[name + "__st"] = st


def view(x, v):
    if v == "t":
        return x.T
    if v == "s":
        return x[tuple(slice(None, None, 2) for _ in range(x.ndim))]
    return x


MODES = ["reflect", "constant", "nearest", "mirror", "wrap", "grid-mirror", "grid-constant",
         "grid-wrap"]

# ---- minimum_filter1d / maximum_filter1d ----------------------------------------------------------
for fname, f in [("minimum_filter1d", ndi.minimum_filter1d), ("maximum_filter1d", ndi.maximum_filter1d)]:
    for i, (shape, dtype, size, axis, mode, origin) in enumerate([
            ((17,), "float32", 3, -1, "reflect", 0),
            ((17,), "float64", 4, 0, "constant", 1),
            ((9, 11), "int32", 5, 0, "nearest", -2),
            ((9, 11), "uint8", 2, 1, "mirror", -1),
            ((5, 6, 7), "float32", 3, 1, "wrap", 0),
            ((5, 6, 7), "int16", 7, 2, "grid-wrap", 3),
            ((9, 11), "bool", 3, 1, "constant", 0),
            ((9, 11), "float64", 40, 1, "reflect", 0),
            ((1,), "float32", 3, 0, "mirror", 0),
            ((0, 5), "float32", 3, 1, "reflect", 0),
            ((3, 300), "float32", 9, 1, "reflect", 0),
            ((40, 3), "float64", 9, 0, "wrap", 1)]):
        x = values(shape, dtype)
        cval = 1.5 if np.dtype(dtype).kind == "f" else 7.0
        add(fname, x, f(x, size, axis, mode=mode, cval=cval, origin=origin),
            dict(size=size, axis=axis, mode=mode, cval=cval, origin=origin))
    x = values((9, 11), "float64")
    add(fname, x, f(x, 3, 1, output=np.int32, mode="constant", cval=-2.0),
        dict(size=3, axis=1, mode="constant", cval=-2.0, origin=0, out="int32"))
    add(fname, x, f(view(x, "t"), 4, 0, mode="reflect"),
        dict(size=4, axis=0, mode="reflect", cval=0.0, origin=0, view="t"))

# ---- minimum_filter / maximum_filter --------------------------------------------------------------
fps = {
    "cross": np.array([[0, 1, 0], [1, 1, 1], [0, 1, 0]], bool),
    "diag": np.array([[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 1]], bool),
    "line": np.array([1, 0, 1, 1], bool),
    "ball": (np.indices((3, 3, 3)).sum(0) % 2 == 1),
}
for fname, f in [("minimum_filter", ndi.minimum_filter), ("maximum_filter", ndi.maximum_filter)]:
    for shape, dtype, size, mode, origin in [
            ((17,), "float32", 3, "reflect", 0),
            ((9, 11), "float32", 3, "reflect", 0),
            ((9, 11), "float64", (2, 5), ("nearest", "wrap"), (0, -1)),
            ((9, 11), "int32", 4, "constant", 1),
            ((9, 11), "uint8", (3, 1), "mirror", 0),
            ((5, 6, 7), "float32", 3, "grid-constant", (0, 1, -1)),
            ((5, 6, 7), "int64", (1, 4, 2), ("reflect", "mirror", "constant"), 0),
            ((9, 11), "bool", 3, "reflect", 0),
            ((1, 1), "float64", 3, "nearest", 0),
            ((0, 4), "float32", 3, "reflect", 0),
            ((), "float64", 3, "reflect", 0)]:
        x = values(shape, dtype)
        cval = 2.5 if np.dtype(dtype).kind == "f" else 3.0
        add(fname, x, f(x, size=size, mode=mode, cval=cval, origin=origin),
            dict(size=size, mode=mode, cval=cval, origin=origin))
    for mode in MODES:
        x = values((7, 8), "float32")
        add(fname, x, f(x, footprint=fps["cross"], mode=mode, cval=-9.0),
            dict(mode=mode, cval=-9.0, origin=0), fp=fps["cross"])
    x = values((9, 11), "int16")
    add(fname, x, f(x, footprint=fps["diag"], mode="reflect", origin=(1, -1)),
        dict(mode="reflect", cval=0.0, origin=(1, -1)), fp=fps["diag"])
    x = values((5, 6, 7), "float64")
    add(fname, x, f(x, footprint=fps["ball"], mode="wrap"),
        dict(mode="wrap", cval=0.0, origin=0), fp=fps["ball"])
    x = values((5, 6, 7), "float32")
    add(fname, x, f(x, footprint=fps["cross"], axes=(0, 2), mode="constant", cval=1.0),
        dict(mode="constant", cval=1.0, origin=0, axes=(0, 2)), fp=fps["cross"])
    add(fname, x, f(x, size=(3, 2), axes=(2, 1), mode=("nearest", "wrap")),
        dict(size=(3, 2), mode=("nearest", "wrap"), cval=0.0, origin=0, axes=(2, 1)))
    x = values((20,), "uint8")
    add(fname, x, f(x, footprint=fps["line"], mode="mirror"),
        dict(mode="mirror", cval=0.0, origin=0), fp=fps["line"])
    x = values((9, 11), "float64")
    add(fname, x, f(view(x, "s"), size=3, output=np.float32),
        dict(size=3, mode="reflect", cval=0.0, origin=0, out="float32", view="s"))
    x = values((9, 11), "uint8")
    add(fname, x, f(x, size=(3, 3), output=np.float64),
        dict(size=(3, 3), mode="reflect", cval=0.0, origin=0, out="float64"))
    ones = np.ones((2, 3), bool)
    add(fname, x, f(x, footprint=ones, mode="constant", cval=5.0),
        dict(mode="constant", cval=5.0, origin=0), fp=ones)

# ---- median_filter / rank_filter / percentile_filter ----------------------------------------------
for shape, dtype, size, mode, origin in [
        ((17,), "float32", 3, "reflect", 0),
        ((17,), "int32", 4, "constant", 0),
        ((9, 11), "float32", 3, "reflect", 0),
        ((9, 11), "float32", 5, "nearest", (1, -2)),
        ((20, 21), "float32", 7, "mirror", 0),
        ((9, 11), "float64", (3, 4), "wrap", 0),
        ((9, 11), "uint8", 3, "constant", 0),
        ((9, 11), "int16", (2, 2), "grid-wrap", (0, -1)),
        ((5, 6, 7), "float32", 3, "reflect", 0),
        ((5, 6, 7), "uint16", (1, 3, 3), "nearest", 0),
        ((9, 11), "float64", 9, "reflect", 0),
        ((1,), "float32", 3, "reflect", 0),
        ((1, 1), "float64", 3, "constant", 0),
        ((0, 3), "float32", 3, "reflect", 0),
        ((9, 11), "bool", 3, "reflect", 0)]:
    x = values(shape, dtype)
    cval = 0.5 if np.dtype(dtype).kind == "f" else 4.0
    add("median_filter", x, ndi.median_filter(x, size=size, mode=mode, cval=cval, origin=origin),
        dict(size=size, mode=mode, cval=cval, origin=origin))
for mode in MODES:
    x = values((8, 9), "float32")
    add("median_filter", x, ndi.median_filter(x, footprint=fps["cross"], mode=mode, cval=1.25),
        dict(mode=mode, cval=1.25, origin=0), fp=fps["cross"])
    add("median_filter", x, ndi.median_filter(x, size=3, mode=mode, cval=1.25),
        dict(size=3, mode=mode, cval=1.25, origin=0))
x = values((5, 6, 7), "float64")
add("median_filter", x, ndi.median_filter(x, footprint=fps["ball"], mode="mirror"),
    dict(mode="mirror", cval=0.0, origin=0), fp=fps["ball"])
add("median_filter", x, ndi.median_filter(x, size=3, axes=(0, 2)),
    dict(size=3, mode="reflect", cval=0.0, origin=0, axes=(0, 2)))
add("median_filter", x, ndi.median_filter(view(x, "t"), size=(3, 2, 3)),
    dict(size=(3, 2, 3), mode="reflect", cval=0.0, origin=0, view="t"))
x = values((9, 11), "int32")
add("median_filter", x, ndi.median_filter(x, size=3, output=np.float64),
    dict(size=3, mode="reflect", cval=0.0, origin=0, out="float64"))
big = np.ones((11, 11), bool)
big[5, 5] = False
x = values((13, 14), "float32")
add("median_filter", x, ndi.median_filter(x, footprint=big, mode="reflect"),
    dict(mode="reflect", cval=0.0, origin=0), fp=big)
for rank, size in [(0, 3), (-1, 3), (2, 3), (4, (3, 3)), (-3, 5), (10, (4, 5)), (1, (2, 1))]:
    x = values((9, 11), "float32")
    add("rank_filter", x, ndi.rank_filter(x, rank, size=size, mode="reflect"),
        dict(rank=rank, size=size, mode="reflect", cval=0.0, origin=0))
x = values((9, 11), "float64")
add("rank_filter", x, ndi.rank_filter(x, 0, size=3, mode=("wrap", "constant"), cval=-1.0),
    dict(rank=0, size=3, mode=("wrap", "constant"), cval=-1.0, origin=0))
add("rank_filter", x, ndi.rank_filter(x, 2, footprint=fps["diag"], mode="nearest"),
    dict(rank=2, mode="nearest", cval=0.0, origin=0), fp=fps["diag"])
for pct, size in [(50.0, 3), (20.0, 5), (100.0, 3), (0.0, 3), (-25.0, (3, 4)), (73.5, 4)]:
    x = values((9, 11), "float32")
    add("percentile_filter", x, ndi.percentile_filter(x, pct, size=size, mode="mirror"),
        dict(pct=pct, size=size, mode="mirror", cval=0.0, origin=0))
x = values((9, 11), "uint8")
add("percentile_filter", x, ndi.percentile_filter(x, 30.0, footprint=fps["cross"], mode="constant",
                                                  cval=9.0),
    dict(pct=30.0, mode="constant", cval=9.0, origin=0), fp=fps["cross"])

# ---- generic_filter / generic_filter1d ----------------------------------------------------------
generic = {
    "range": lambda v: v.max() - v.min(),
    "mean": lambda v: v.mean(),
    "first": lambda v: v[0] * 2.0 + v[-1],
}
for fn, shape, dtype, size, mode, origin in [
        ("range", (9, 11), "float32", 3, "reflect", 0),
        ("mean", (9, 11), "float64", (2, 3), "nearest", (0, -1)),
        ("first", (5, 6, 7), "float64", 2, "wrap", 0),
        ("mean", (9, 11), "int32", 3, "constant", 0),
        ("first", (17,), "float32", 4, "mirror", 1),
        ("range", (0, 4), "float32", 3, "reflect", 0)]:
    x = values(shape, dtype)
    add("generic_filter", x, ndi.generic_filter(x, generic[fn], size=size, mode=mode, cval=1.5,
                                                origin=origin),
        dict(fn=fn, size=size, mode=mode, cval=1.5, origin=origin))
x = values((8, 9), "float64")
add("generic_filter", x, ndi.generic_filter(x, generic["first"], footprint=fps["cross"],
                                            mode="constant", cval=2.0),
    dict(fn="first", mode="constant", cval=2.0, origin=0), fp=fps["cross"])
add("generic_filter", x, ndi.generic_filter(x, generic["mean"], size=3, output=np.int16),
    dict(fn="mean", size=3, mode="reflect", cval=0.0, origin=0, out="int16"))


def moving_sum(size):
    def f(iline, oline):
        for i in range(len(oline)):
            oline[i] = iline[i:i + size].sum()
    return f


def difference(size):
    def f(iline, oline):
        oline[...] = iline[size - 1:] - iline[:len(oline)]
    return f


generic1d = {"sum": moving_sum, "diff": difference}
for fn, shape, dtype, size, axis, mode, origin in [
        ("sum", (17,), "float64", 3, -1, "reflect", 0),
        ("sum", (9, 11), "float32", 4, 0, "constant", 1),
        ("diff", (9, 11), "int32", 3, 1, "nearest", -1),
        ("diff", (5, 6, 7), "float64", 5, 1, "wrap", 2),
        ("sum", (5, 6, 7), "float64", 2, 0, "mirror", 0),
        ("sum", (0, 6), "float64", 2, 1, "mirror", 0)]:
    x = values(shape, dtype)
    add("generic_filter1d", x, ndi.generic_filter1d(x, generic1d[fn](size), size, axis, mode=mode,
                                                    cval=0.75, origin=origin),
        dict(fn=fn, size=size, axis=axis, mode=mode, cval=0.75, origin=origin))

# ---- grey morphology --------------------------------------------------------------------------
grey = [
    ("grey_erosion", ndi.grey_erosion), ("grey_dilation", ndi.grey_dilation),
    ("grey_opening", ndi.grey_opening), ("grey_closing", ndi.grey_closing),
    ("morphological_gradient", ndi.morphological_gradient),
    ("morphological_laplace", ndi.morphological_laplace),
    ("white_tophat", ndi.white_tophat), ("black_tophat", ndi.black_tophat),
]
structure = np.array([[0, 1, 0], [1, 2, 1], [0, 1.5, 0]])
structure_even = np.array([[0.5, 1, 0, 2], [1, 3, 1, 0]])
for fname, f in grey:
    x = values((9, 11), "float64")
    add(fname, x, f(x, size=3), dict(size=3, mode="reflect", cval=0.0, origin=0))
    add(fname, x, f(x, size=(2, 4), mode="constant", cval=1.0, origin=(0, 1)),
        dict(size=(2, 4), mode="constant", cval=1.0, origin=(0, 1)))
    add(fname, x, f(x, footprint=fps["diag"], mode="nearest", origin=(1, 0)),
        dict(mode="nearest", cval=0.0, origin=(1, 0)), fp=fps["diag"])
    add(fname, x, f(x, structure=structure, mode="mirror"),
        dict(mode="mirror", cval=0.0, origin=0), st=structure)
    add(fname, x, f(x, footprint=fps["diag"][:2], structure=structure_even, mode="wrap",
                    origin=(0, -1)),
        dict(mode="wrap", cval=0.0, origin=(0, -1)), fp=fps["diag"][:2], st=structure_even)
    xi = values((9, 11), "uint8")
    add(fname, xi, f(xi, footprint=fps["cross"], mode="reflect"),
        dict(mode="reflect", cval=0.0, origin=0), fp=fps["cross"])
    x3 = values((5, 6, 7), "float32")
    add(fname, x3, f(x3, size=(3, 2), axes=(0, 2)),
        dict(size=(3, 2), mode="reflect", cval=0.0, origin=0, axes=(0, 2)))
    xe = values((0, 5), "float32")
    add(fname, xe, f(xe, size=3), dict(size=3, mode="reflect", cval=0.0, origin=0))
for fname, f in grey[:4] + grey[6:]:
    xb = values((9, 11), "bool")
    add(fname, xb, f(xb, size=3), dict(size=3, mode="reflect", cval=0.0, origin=0))
x = values((9, 11), "int16")
add("white_tophat", x, ndi.white_tophat(x, size=3, output=np.float32),
    dict(size=3, mode="reflect", cval=0.0, origin=0, out="float32"))
add("grey_dilation", x, ndi.grey_dilation(view(x, "t"), size=(4, 3)),
    dict(size=(4, 3), mode="reflect", cval=0.0, origin=0, view="t"))

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "ndimage", "rank.npz")
np.savez_compressed(path, **cases)
print(len(cases), "arrays,", counter[0], "cases,", os.path.getsize(path), "bytes")
