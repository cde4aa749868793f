# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""SciPy's results for the linear filters of tests/ndimage/test_filters.cpp.

Writes tests/data/ndimage/filters.npz: for each case NNN_<function>_<mode>_<out>, the input
("__in"), SciPy's output ("__out"), the case's numbers ("__p", a float64 vector whose layout
depends on the function, see below) and, for correlate/convolve, the weights ("__w"); <out> is
"same" or the name of the output dtype. Run from the repository root: python3 tests/ndimage/make_filters.py

Layouts of __p:
  correlate1d, convolve1d   axis, cval, origin, weights...
  correlate, convolve       cval, origins (one per axis)...
  *_cw (complex weights)    as the function without the suffix, the weights in "__w"
  uniform_filter1d          size, axis, cval, origin
  uniform_filter            cval, sizes (one per axis)..., origins (one per axis)...
  gaussian_filter1d         sigma, axis, order, cval, truncate, radius (-1: None)
  gaussian_filter           cval, truncate, sigmas (one per axis)..., orders (one per axis)...
  sobel, prewitt            axis, cval
  laplace                   cval
  gaussian_laplace, gaussian_gradient_magnitude   cval, sigma
"""
import numpy as np
import scipy.ndimage as ndi

rng = np.random.default_rng(18)
MODES = ["reflect", "constant", "nearest", "mirror", "wrap", "grid-mirror", "grid-constant",
         "grid-wrap"]
cases = {}


def image(shape, dt):
    """Values that exercise the dtype: negatives for signed types, the full range of uint8."""
    dt = np.dtype(dt)
    if dt == np.bool_:
        return rng.random(shape) < 0.5
    if dt.kind == "u":
        hi = 256 if dt.itemsize == 1 else 1000
        return rng.integers(0, hi, shape).astype(dt)
    if dt.kind == "i":
        lo, hi = (-128, 128) if dt.itemsize == 1 else (-1000, 1000)
        return rng.integers(lo, hi, shape).astype(dt)
    return (rng.standard_normal(shape) * 10).astype(dt)


def add(fn, mode, out, inp, res, p, w=None):
    key = f"{len(cases):03d}_{fn}_{mode}_{'same' if out is None else np.dtype(out).name}"
    res = np.asarray(res)
    if res.dtype == np.bool_:
        # SciPy stores a byte that may be 2 or 255; NumPy reads any nonzero byte as True.
        res = res.view(np.uint8) != 0
    cases[key + "__in"] = inp
    cases[key + "__out"] = res
    cases[key + "__p"] = np.asarray(p, dtype=np.float64)
    if w is not None:
        w = np.asarray(w)
        cases[key + "__w"] = w.astype(np.complex128 if w.dtype.kind == "c" else np.float64)


DTYPES = [np.float64, np.float32, np.uint8, np.int8, np.int16, np.uint16, np.int32, np.uint32,
          np.int64, np.uint64, np.bool_]
SHAPES = [(13,), (6, 7), (3, 4, 5)]

# correlate1d / convolve1d: every mode, odd and even weights, origins, every axis, dtypes.
for mode in MODES:
    for shape in SHAPES:
        for wl in (1, 2, 3, 4, 5):
            a = image(shape, np.float64)
            w = rng.standard_normal(wl)
            if wl == 3 and len(shape) == 2:
                w = np.array([0.25, 0.5, 0.25])  # symmetric
            if wl == 5 and len(shape) == 1:
                w = np.array([-1.0, -2.0, 0.0, 2.0, 1.0])  # antisymmetric
            axis = int(rng.integers(-len(shape), len(shape)))
            origin = int(rng.integers(-(wl // 2), (wl - 1) // 2 + 1))
            cval = 1.5
            add("correlate1d", mode, None, a,
                ndi.correlate1d(a, w, axis, mode=mode, cval=cval, origin=origin),
                [axis, cval, origin, *w])
            add("convolve1d", mode, None, a,
                ndi.convolve1d(a, w, axis, mode=mode, cval=cval, origin=origin),
                [axis, cval, origin, *w])
# weights longer than the line (the extension repeats)
for mode in MODES:
    a = image((3,), np.float64)
    w = rng.standard_normal(9)
    add("correlate1d", mode, None, a, ndi.correlate1d(a, w, mode=mode, cval=-2.0), [-1, -2.0, 0, *w])
    a = image((1, 4), np.float64)
    add("correlate1d", mode, None, a, ndi.correlate1d(a, w, 0, mode=mode), [0, 0.0, 0, *w])
# every input dtype, output dtypes, integer truncation and wrap-around
for dt in DTYPES:
    for out in (None, np.float64, np.float32, np.uint8, np.int16, np.int32):
        a = image((5, 6), dt)
        w = [0.3, -1.7, 0.9]
        add("correlate1d", "reflect", out, a, ndi.correlate1d(a, w, 1, output=out), [1, 0.0, 0, *w])
        w = [1.0 / 3, 1.0 / 3, 1.0 / 3]
        add("correlate1d", "nearest", out, a, ndi.correlate1d(a, w, 0, output=out, mode="nearest"),
            [0, 0.0, 0, *w])
a = image((7,), np.float64) * 1e3
add("correlate1d", "constant", np.uint8, a, ndi.correlate1d(a, [1.0], output=np.uint8, mode="constant"),
    [-1, 0.0, 0, 1.0])
add("correlate1d", "constant", np.int8, a, ndi.correlate1d(a, [1.0], output=np.int8, mode="constant"),
    [-1, 0.0, 0, 1.0])
add("correlate1d", "constant", bool, a, ndi.correlate1d(a, [1.0], output=bool, mode="constant"),
    [-1, 0.0, 0, 1.0])
# empty and single-element inputs
for shape in [(0,), (0, 3), (1,), (1, 1)]:
    a = image(shape, np.float32)
    add("correlate1d", "reflect", None, a, ndi.correlate1d(a, [1.0, 2.0, 3.0]), [-1, 0.0, 0, 1.0, 2.0, 3.0])

# correlate / convolve (N-D)
for mode in ["reflect", "constant", "nearest", "mirror", "wrap"]:
    for shape, wshape in [((11,), (3,)), ((11,), (4,)), ((6, 7), (3, 3)), ((6, 7), (2, 3)),
                          ((5, 4), (5, 1)), ((3, 4, 5), (3, 2, 3)), ((2, 3), (3, 5))]:
        a = image(shape, np.float64)
        w = rng.standard_normal(wshape)
        w.flat[0] = 0.0  # a dropped tap
        origins = [int(rng.integers(-(s // 2), (s - 1) // 2 + 1)) for s in wshape]
        add("correlate", mode, None, a, ndi.correlate(a, w, mode=mode, cval=0.5, origin=origins),
            [0.5, *origins], w)
        add("convolve", mode, None, a, ndi.convolve(a, w, mode=mode, cval=0.5, origin=origins),
            [0.5, *origins], w)
for dt in DTYPES:
    for out in (None, np.float64, np.uint8):
        a = image((6, 5), dt)
        w = np.array([[0.5, -1.0, 0.25], [1.0, 2.0, -0.75], [0.0, 1.5, 0.125]])
        add("correlate", "reflect", out, a, ndi.correlate(a, w, output=out), [0.0, 0, 0], w)
a = image((0, 4), np.float32)
add("correlate", "reflect", None, a, ndi.correlate(a, np.ones((3, 3))), [0.0, 0, 0], np.ones((3, 3)))

# uniform_filter1d / uniform_filter
for mode in MODES:
    for shape in SHAPES:
        for size in (1, 2, 3, 4, 7):
            a = image(shape, np.float64)
            axis = int(rng.integers(-len(shape), len(shape)))
            origin = int(rng.integers(-(size // 2), (size - 1) // 2 + 1))
            add("uniform_filter1d", mode, None, a,
                ndi.uniform_filter1d(a, size, axis, mode=mode, cval=2.0, origin=origin),
                [size, axis, 2.0, origin])
    a = image((6, 7), np.float64)
    add("uniform_filter", mode, None, a, ndi.uniform_filter(a, (3, 4), mode=mode, origin=(1, -1)),
        [0.0, 3, 4, 1, -1])
for dt in DTYPES:
    a = image((7, 8), dt)
    add("uniform_filter", "reflect", None, a, ndi.uniform_filter(a, 3), [0.0, 3, 3, 0, 0])
    add("uniform_filter1d", "reflect", None, a, ndi.uniform_filter1d(a, 4, 0), [4, 0, 0.0, 0])
    add("uniform_filter", "reflect", np.float32, a, ndi.uniform_filter(a, 5, output=np.float32),
        [0.0, 5, 5, 0, 0])
a = image((3, 4, 5), np.float32)
add("uniform_filter", "wrap", None, a, ndi.uniform_filter(a, (2, 3, 1), mode="wrap"),
    [0.0, 2, 3, 1, 0, 0, 0])

# gaussian_filter1d / gaussian_filter
for mode in MODES:
    for order in (0, 1, 2, 3):
        a = image((17,), np.float64)
        add("gaussian_filter1d", mode, None, a,
            ndi.gaussian_filter1d(a, 1.5, order=order, mode=mode, cval=1.0),
            [1.5, -1, order, 1.0, 4.0, -1])
    a = image((5, 9), np.float64)
    add("gaussian_filter1d", mode, None, a, ndi.gaussian_filter1d(a, 2.0, 0, mode=mode, radius=3),
        [2.0, 0, 0, 0.0, 4.0, 3])
    a = image((6, 7), np.float64)
    add("gaussian_filter", mode, None, a, ndi.gaussian_filter(a, (1.0, 2.0), order=(0, 1), mode=mode),
        [0.0, 4.0, 1.0, 2.0, 0, 1])
for dt in DTYPES:
    a = image((8, 9), dt)
    add("gaussian_filter", "reflect", None, a, ndi.gaussian_filter(a, 1.0), [0.0, 4.0, 1.0, 1.0, 0, 0])
    add("gaussian_filter", "reflect", np.float64, a, ndi.gaussian_filter(a, 1.0, output=np.float64),
        [0.0, 4.0, 1.0, 1.0, 0, 0])
a = image((4, 5, 6), np.float32)
add("gaussian_filter", "nearest", None, a, ndi.gaussian_filter(a, (0.5, 0.0, 3.0), mode="nearest",
                                                             truncate=2.0),
    [0.0, 2.0, 0.5, 0.0, 3.0, 0, 0, 0])
a = image((40,), np.float32)
add("gaussian_filter1d", "reflect", None, a, ndi.gaussian_filter1d(a, 4.0), [4.0, -1, 0, 0.0, 4.0, -1])

# sobel, prewitt, laplace, gaussian_laplace, gaussian_gradient_magnitude
for mode in ["reflect", "constant", "nearest", "mirror", "wrap"]:
    for shape in [(9,), (6, 7), (3, 4, 5)]:
        a = image(shape, np.float64)
        for axis in range(-1, len(shape) - 1):
            add("sobel", mode, None, a, ndi.sobel(a, axis, mode=mode, cval=1.0), [axis, 1.0])
            add("prewitt", mode, None, a, ndi.prewitt(a, axis, mode=mode, cval=1.0), [axis, 1.0])
        add("laplace", mode, None, a, ndi.laplace(a, mode=mode, cval=1.0), [1.0])
        add("gaussian_laplace", mode, None, a, ndi.gaussian_laplace(a, 1.2, mode=mode), [0.0, 1.2])
        add("gaussian_gradient_magnitude", mode, None, a,
            ndi.gaussian_gradient_magnitude(a, 1.2, mode=mode), [0.0, 1.2])
for dt in DTYPES:
    a = image((6, 7), dt)
    add("sobel", "reflect", None, a, ndi.sobel(a), [-1, 0.0])
    add("prewitt", "reflect", None, a, ndi.prewitt(a, 0), [0, 0.0])
    add("laplace", "reflect", None, a, ndi.laplace(a), [0.0])
    add("sobel", "reflect", np.float32, a, ndi.sobel(a, output=np.float32), [-1, 0.0])
    add("gaussian_gradient_magnitude", "reflect", None, a, ndi.gaussian_gradient_magnitude(a, 1.0),
        [0.0, 1.0])
    add("gaussian_laplace", "reflect", None, a, ndi.gaussian_laplace(a, 1.0), [0.0, 1.0])

# float32 arrays that take several tiles of the register-blocked float passes: columns of 32
# (inner axes >= 32, a partial second tile) and lines longer than one tile
a = image((37, 45), np.float32)
add("gaussian_filter", "reflect", None, a, ndi.gaussian_filter(a, (2.0, 3.0)), [0.0, 4.0, 2.0, 3.0, 0, 0])
add("uniform_filter", "wrap", None, a, ndi.uniform_filter(a, (5, 4), mode="wrap", origin=(1, -2)),
    [0.0, 5, 4, 1, -2])
add("sobel", "constant", None, a, ndi.sobel(a, 0, mode="constant", cval=0.5), [0, 0.5])
a = image((70, 33), np.float32)
w = rng.standard_normal(6)
add("correlate1d", "mirror", None, a, ndi.correlate1d(a, w, 0, mode="mirror", origin=-2),
    [0, 0.0, -2, *w])
a = image((3000,), np.float32)
add("gaussian_filter1d", "nearest", None, a, ndi.gaussian_filter1d(a, 4.0, mode="nearest"),
    [4.0, -1, 0, 0.0, 4.0, -1])
add("uniform_filter1d", "constant", None, a,
    ndi.uniform_filter1d(a, 9, mode="constant", cval=1.0, origin=3), [9, -1, 1.0, 3])
a = image((2, 5, 40), np.float32)
add("gaussian_filter", "mirror", None, a, ndi.gaussian_filter(a, (0.0, 1.5, 2.5), mode="mirror"),
    [0.0, 4.0, 0.0, 1.5, 2.5, 0, 0, 0])

# filters too wide for a shared-memory tile (the passes then read global memory)
a = image((12, 40), np.float64)
w = rng.standard_normal(301)
add("correlate1d", "reflect", None, a, ndi.correlate1d(a, w, 0, mode="reflect"), [0, 0.0, 0, *w])
a = image((12, 40), np.float32)
add("gaussian_filter1d", "wrap", None, a, ndi.gaussian_filter1d(a, 50.0, 0, mode="wrap"),
    [50.0, 0, 0, 0.0, 4.0, -1])

# complex inputs (real and imaginary parts filtered alike, as SciPy does)
for dt in (np.complex64, np.complex128):
    a = (image((5, 6), np.float64) + 1j * image((5, 6), np.float64)).astype(dt)
    w = [0.3, -1.7, 0.9]
    add("correlate1d", "constant", None, a, ndi.correlate1d(a, w, 1, mode="constant", cval=2.0),
        [1, 2.0, 0, *w])
    add("convolve1d", "wrap", None, a, ndi.convolve1d(a, w, 0, mode="wrap"), [0, 0.0, 0, *w])
    w2 = np.array([[0.5, -1.0, 0.25], [1.0, 2.0, -0.75]])
    add("correlate", "mirror", None, a, ndi.correlate(a, w2, mode="mirror"), [0.0, 0, 0], w2)
    add("uniform_filter", "reflect", None, a, ndi.uniform_filter(a, 3), [0.0, 3, 3, 0, 0])
    add("gaussian_filter", "nearest", None, a, ndi.gaussian_filter(a, 1.0, mode="nearest"),
        [0.0, 4.0, 1.0, 1.0, 0, 0])
    add("sobel", "reflect", None, a, ndi.sobel(a), [-1, 0.0])
    add("laplace", "reflect", None, a, ndi.laplace(a), [0.0])
    add("gaussian_gradient_magnitude", "reflect", None, a, ndi.gaussian_gradient_magnitude(a, 1.0),
        [0.0, 1.0])

# complex weights (SciPy conjugates them for a correlation): "<function>_cw", weights in "__w"
for dt in (np.float64, np.float32, np.int16, np.complex128, np.complex64):
    a = image((5, 6), np.float64)
    if np.dtype(dt).kind == "c":
        a = a + 1j * image((5, 6), np.float64)
    a = a.astype(dt)
    w = np.array([0.5 + 1j, -1.0 + 0.25j, 2.0 - 0.5j])
    add("correlate1d_cw", "wrap", None, a, ndi.correlate1d(a, w, 1, mode="wrap", cval=0.0),
        [1, 0.0, 0], w)
    add("convolve1d_cw", "constant", None, a, ndi.convolve1d(a, w, 0, mode="constant", cval=1.5),
        [0, 1.5, 0], w)
    w2 = np.array([[1 + 1j, 0.5, -2j], [0.25j, -1.0, 0.5 + 0.5j]])
    add("correlate_cw", "reflect", None, a, ndi.correlate(a, w2), [0.0, 0, 0], w2)
    add("convolve_cw", "nearest", None, a, ndi.convolve(a, w2, mode="nearest"), [0.0, 0, 0], w2)

np.savez_compressed("tests/data/ndimage/filters.npz", **cases)
print(len(cases) // 3, "cases")
