# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""SciPy's results for tests/ndimage/test_interpolation.cpp and test_fourier.cpp.

Writes tests/data/ndimage/interp.npz: for each case the members "<key>__in" (the input),
"<key>__out" (scipy.ndimage's result) and "<key>__p" (the numeric arguments, float64), and for
some "<key>__c" (map_coordinates' coordinates) or "<key>__mat" (affine_transform's matrix).
The key is "f=<function>;m=<mode>;o=<order>;s=<view>;t=<output dtype>;i=<n>": s=1 means the
function ran on input[..., ::2], s=2 on input.T; t names the output= dtype (absent: None).
Run: python3 tests/ndimage/make_interp.py
"""
import os

import numpy as np
import scipy.ndimage as ndi

rng = np.random.default_rng(20261207)
cases = {}
counter = [0]

MODES = ["constant", "grid-constant", "nearest", "mirror", "reflect", "wrap", "grid-wrap"]


def add(fn, mode, order, inp, out, p, view=0, out_dtype=None, **extra):
    counter[0] += 1
    key = f"f={fn};m={mode};o={order};s={view};t={out_dtype or ''};i={counter[0]}"
    cases[key + "__in"] = inp
    cases[key + "__out"] = out
    cases[key + "__p"] = np.asarray(p, dtype=np.float64)
    for k, v in extra.items():
        cases[key + "__" + k] = v


def fit(shape, mode, order, spline=False):
    """The shape a case uses: every axis at least 22 long where the prefilter starts its passes
    as a reflected line (reflect; nearest when the line is not padded first) and order > 1.
    SciPy 1.17's reflected start aliases c[0] (fixed upstream, scipy#24615) with an error of
    about z^(2n), below double precision only from n of about 22; cupp computes the fixed sum.
    """
    if order > 1 and (mode == "reflect" or (spline and mode == "nearest")):
        return tuple(max(n, 22) if n > 1 else n for n in shape)
    return shape


def view_of(x, view):
    if view == 1:
        return x[..., ::2]
    if view == 2:
        return x.T
    return x


def data(shape, dtype=np.float64):
    if dtype == np.bool_:
        return rng.random(shape) > 0.5
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        lo, hi = max(info.min, -100), min(info.max, 200)
        return rng.integers(lo, hi, size=shape).astype(dtype)
    return (rng.standard_normal(shape) * 10).astype(dtype)


# ---- spline_filter1d / spline_filter ------------------------------------------------------
for order in [2, 3, 4, 5]:
    for mode in MODES:
        x = data(fit((6, 7), mode, order, True))
        for axis in [0, -1]:
            add("spline_filter1d", mode, order, x, ndi.spline_filter1d(x, order, axis, mode=mode),
                [axis])
        x3 = data(fit((4, 5, 3), mode, order, True) if fit((4, 5), mode, order, True) == (4, 5)
                  else (22, 23, 1))
        add("spline_filter", mode, order, x3, ndi.spline_filter(x3, order, mode=mode), [])
# long lines: several segments of the parallel passes, along either axis
for order in [2, 3, 4, 5]:
    for mode in ["mirror", "reflect", "grid-wrap", "nearest"]:
        x = data((200, 2))
        add("spline_filter1d", mode, order, x, ndi.spline_filter1d(x, order, 0, mode=mode), [0])
        x = data((1, 257))
        add("spline_filter1d", mode, order, x, ndi.spline_filter1d(x, order, 1, mode=mode), [1])
# short lines, one element, orders 0 and 1 (copies), other dtypes and outputs, views
for n in [1, 2, 3]:
    x = data((n,))
    for mode in MODES:
        if n > 1 and fit((n,), mode, 3, True) != (n,):
            continue
        add("spline_filter1d", mode, 3, x, ndi.spline_filter1d(x, 3, mode=mode), [-1])
x = data((5, 6))
for order in [0, 1]:
    add("spline_filter1d", "mirror", order, x, ndi.spline_filter1d(x, order), [-1])
xu = data((5, 6), np.uint8)
add("spline_filter", "mirror", 3, xu, ndi.spline_filter(xu, 3), [])
xf = data((22, 24), np.float32)
add("spline_filter", "reflect", 3, xf, ndi.spline_filter(xf, 3, output=np.float32, mode="reflect"),
    [], out_dtype="float32")
add("spline_filter", "mirror", 2, x, ndi.spline_filter(x, 2, output=np.int32), [],
    out_dtype="int32")
xs = data((5, 8))
add("spline_filter", "mirror", 3, xs, ndi.spline_filter(view_of(xs, 1), 3), [], view=1)
add("spline_filter1d", "grid-wrap", 4, xs,
    ndi.spline_filter1d(view_of(xs, 2), 4, 0, mode="grid-wrap"), [0], view=2)

# ---- map_coordinates ---------------------------------------------------------------------
def coords_for(shape, npts=(9,), spread=3.0):
    c = [rng.uniform(-spread, n - 1 + spread, size=npts) for n in shape]
    c = np.stack(c)
    # exact integers and half-integers, inside and outside
    flat = c.reshape(len(shape), -1)
    flat[:, 0] = 0
    flat[:, 1] = [n - 1 for n in shape]
    flat[:, 2] = -1.5
    flat[:, 3] = [n - 0.5 for n in shape]
    flat[:, 4] = [n + 1 for n in shape]
    return c


for order in range(6):
    for mode in MODES:
        x = data(fit((6, 7), mode, order))
        c = coords_for(x.shape, (3, 5))
        add("map_coordinates", mode, order, x,
            ndi.map_coordinates(x, c, order=order, mode=mode, cval=1.5), [1.5, 1], c=c)
        x1 = data(fit((8,), mode, order))
        c1 = coords_for(x1.shape, (12,), 10.0)
        add("map_coordinates", mode, order, x1,
            ndi.map_coordinates(x1, c1, order=order, mode=mode), [0.0, 1], c=c1)
for order in [1, 3]:
    x = data((4, 5, 3))
    c = coords_for(x.shape, (10,))
    for mode in ["constant", "mirror", "grid-constant"]:
        add("map_coordinates", mode, order, x, ndi.map_coordinates(x, c, order=order, mode=mode),
            [0.0, 1], c=c)
for dt in [np.uint8, np.int16, np.float32, np.bool_, np.int64]:
    x = data((6, 7), dt)
    c = coords_for(x.shape, (20,))
    for order in [0, 1, 3]:
        add("map_coordinates", "mirror", order, x,
            ndi.map_coordinates(x, c, order=order, mode="mirror"), [0.0, 1], c=c)
x = data((6, 7))
ci = rng.integers(-2, 8, size=(2, 10)).astype(np.int32)
add("map_coordinates", "nearest", 3, x, ndi.map_coordinates(x, ci, order=3, mode="nearest"),
    [0.0, 1], c=ci)
c = coords_for(x.shape, (10,))
add("map_coordinates", "reflect", 3, x,
    ndi.map_coordinates(x, c, order=3, mode="reflect", prefilter=False), [0.0, 0], c=c)
add("map_coordinates", "constant", 1, x,
    ndi.map_coordinates(x, c, order=1, output=np.float32), [0.0, 1], c=c, out_dtype="float32")
xs = data((6, 14))
add("map_coordinates", "wrap", 3, xs,
    ndi.map_coordinates(view_of(xs, 1), c, order=3, mode="wrap"), [0.0, 1], c=c, view=1)

# ---- shift -------------------------------------------------------------------------------
for order in range(6):
    for mode in MODES:
        x = data(fit((7, 6), mode, order))
        for sh in [(1.3, -2.6), (2.0, -0.5)]:
            add("shift", mode, order, x, ndi.shift(x, sh, order=order, mode=mode, cval=-2.0),
                [-2.0, 1, *sh])
for dt in [np.uint8, np.int32, np.float32]:
    x = data((6, 5), dt)
    for order in [0, 1, 3]:
        add("shift", "nearest", order, x, ndi.shift(x, (0.5, -1.25), order=order, mode="nearest"),
            [0.0, 1, 0.5, -1.25])
x = data((4, 5, 3))
add("shift", "mirror", 3, x, ndi.shift(x, (0.5, 1.5, -0.7), order=3, mode="mirror"),
    [0.0, 1, 0.5, 1.5, -0.7])
x = data((1,))
add("shift", "constant", 3, x, ndi.shift(x, 0.3), [0.0, 1, 0.3])
x = data((0,))
add("shift", "constant", 3, x, ndi.shift(x, 0.3), [0.0, 1, 0.3])
x = data((9,))
add("shift", "mirror", 3, x, ndi.shift(x, 1.7, prefilter=False, mode="mirror"), [0.0, 0, 1.7])
xs = data((7, 12))
add("shift", "constant", 3, xs, ndi.shift(view_of(xs, 1), (0.4, 1.1)), [0.0, 1, 0.4, 1.1], view=1)
add("shift", "mirror", 1, xs, ndi.shift(view_of(xs, 2), (0.4, 1.1), order=1, mode="mirror"),
    [0.0, 1, 0.4, 1.1], view=2)
x = data((6, 5))
add("shift", "constant", 3, x, ndi.shift(x, (0.5, 0.25), output=np.uint8), [0.0, 1, 0.5, 0.25],
    out_dtype="uint8")

# ---- zoom --------------------------------------------------------------------------------
for order in range(6):
    for mode in MODES:
        x = data(fit((5, 6), mode, order))
        for z in [(2.0, 2.0), (0.6, 1.7)]:
            add("zoom", mode, order, x, ndi.zoom(x, z, order=order, mode=mode), [0.0, 1, 0, *z])
for mode in ["grid-constant", "grid-wrap", "reflect", "mirror", "nearest"]:
    for order in [0, 1, 3]:
        x = data(fit((5, 6), mode, order))
        add("zoom", mode, order, x, ndi.zoom(x, (1.5, 0.5), order=order, mode=mode, grid_mode=True),
            [0.0, 1, 1, 1.5, 0.5])
for dt in [np.uint8, np.int16, np.float32]:
    x = data((5, 6), dt)
    add("zoom", "nearest", 3, x, ndi.zoom(x, 2.0, order=3, mode="nearest"), [0.0, 1, 0, 2.0, 2.0])
x = data((3, 4, 5))
add("zoom", "mirror", 3, x, ndi.zoom(x, (1.5, 0.5, 1.2), order=3, mode="mirror"),
    [0.0, 1, 0, 1.5, 0.5, 1.2])
x = data((5, 6))
add("zoom", "constant", 3, x, ndi.zoom(x, 1.0), [0.0, 1, 0, 1.0, 1.0])
x = data((1, 4))
add("zoom", "constant", 1, x, ndi.zoom(x, (3.0, 1.25), order=1), [0.0, 1, 0, 3.0, 1.25])
x = data((7,))
add("zoom", "reflect", 5, x, ndi.zoom(x, 2.5, order=5, mode="reflect", prefilter=False),
    [0.0, 0, 0, 2.5])

# ---- affine_transform ----------------------------------------------------------------------
for order in [0, 1, 2, 3, 4, 5]:
    for mode in MODES:
        x = data(fit((6, 7), mode, order))
        m = np.array([[0.9, 0.3], [-0.2, 1.1]])
        add("affine_transform", mode, order, x,
            ndi.affine_transform(x, m, offset=(0.5, -1.0), order=order, mode=mode, cval=0.5),
            [0.5, 1, 0, 0.5, -1.0], mat=m)
x = data((6, 7))
m = np.array([1.2, 0.8])
add("affine_transform", "constant", 3, x, ndi.affine_transform(x, m, offset=(0.5, 1.0)),
    [0.0, 1, 0, 0.5, 1.0], mat=m)
m = np.array([[0.9, 0.3, 0.5], [-0.2, 1.1, -1.0]])
xr = data((22, 23))
add("affine_transform", "reflect", 3, xr, ndi.affine_transform(xr, m, mode="reflect"),
    [0.0, 1, 0, 0.0, 0.0], mat=m)
m = np.array([[0.9, 0.3, 0.5], [-0.2, 1.1, -1.0], [0, 0, 1]])
add("affine_transform", "nearest", 1, x, ndi.affine_transform(x, m, order=1, mode="nearest"),
    [0.0, 1, 0, 0.0, 0.0], mat=m)
m = np.array([[0.5, 0.25], [0.1, 0.7]])
add("affine_transform", "mirror", 3, x,
    ndi.affine_transform(x, m, offset=1.0, output_shape=(9, 4), mode="mirror"),
    [0.0, 1, 1, 1.0, 1.0, 9, 4], mat=m)
x1 = data((9,))
m = np.array([[0.5, 0.25, 0.3]])
add("affine_transform", "grid-wrap", 3, x1,
    ndi.affine_transform(x1, m, offset=0.5, output_shape=(3, 4, 2), mode="grid-wrap"),
    [0.0, 1, 1, 0.5, 3, 4, 2], mat=m)
xu = data((6, 7), np.uint8)
m = np.array([[0.9, 0.3], [-0.2, 1.1]])
add("affine_transform", "constant", 3, xu, ndi.affine_transform(xu, m, cval=7), [7.0, 1, 0, 0, 0],
    mat=m)

# ---- rotate ------------------------------------------------------------------------------
for angle in [30.0, 90.0, -17.0, 45.0, 180.0]:
    for reshape in [True, False]:
        for order in [0, 1, 3]:
            x = data((6, 9))
            add("rotate", "constant", order, x, ndi.rotate(x, angle, reshape=reshape, order=order),
                [0.0, 1, angle, reshape, 1, 0])
for mode in MODES:
    x = data(fit((7, 5), mode, 3))
    add("rotate", mode, 3, x, ndi.rotate(x, 23.0, order=3, mode=mode, cval=1.0),
        [1.0, 1, 23.0, 1, 1, 0])
x = data((4, 5, 6))
add("rotate", "mirror", 3, x, ndi.rotate(x, 30.0, axes=(0, 2), order=3, mode="mirror"),
    [0.0, 1, 30.0, 1, 0, 2])
add("rotate", "nearest", 1, x, ndi.rotate(x, -60.0, axes=(2, 1), reshape=False, order=1,
                                         mode="nearest"), [0.0, 1, -60.0, 0, 2, 1])
add("rotate", "grid-constant", 3, x, ndi.rotate(x, 15.0, axes=(1, 0), order=3,
                                                mode="grid-constant"), [0.0, 1, 15.0, 1, 1, 0])
xu = data((6, 7), np.uint8)
add("rotate", "constant", 1, xu, ndi.rotate(xu, 30.0, order=1), [0.0, 1, 30.0, 1, 1, 0])

# ---- complex inputs: the real and imaginary parts interpolated separately -----------------
import warnings  # noqa: E402

xc = data((6, 7)) + 1j * data((6, 7))
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # spline_filter promotes its float64 output to complex
    add("spline_filter", "mirror", 3, xc, ndi.spline_filter(xc, 3), [], out_dtype="complex128")
    add("spline_filter1d", "grid-wrap", 4, xc, ndi.spline_filter1d(xc, 4, 0, mode="grid-wrap"),
        [0], out_dtype="complex128")
add("shift", "constant", 3, xc, ndi.shift(xc, (0.5, -1.2), cval=2.0), [2.0, 1, 0.5, -1.2])
xc64 = xc.astype(np.complex64)
add("zoom", "mirror", 1, xc64, ndi.zoom(xc64, (1.5, 0.7), order=1, mode="mirror"),
    [0.0, 1, 0, 1.5, 0.7])
c = coords_for(xc.shape, (10,))
add("map_coordinates", "nearest", 3, xc, ndi.map_coordinates(xc, c, order=3, mode="nearest"),
    [0.0, 1], c=c)
m = np.array([[0.9, 0.3], [-0.2, 1.1]])
add("affine_transform", "grid-wrap", 2, xc,
    ndi.affine_transform(xc, m, offset=(0.5, -1.0), order=2, mode="grid-wrap"),
    [0.0, 1, 0, 0.5, -1.0], mat=m)
add("rotate", "constant", 1, xc, ndi.rotate(xc, 30.0, order=1), [0.0, 1, 30.0, 1, 1, 0])

# ---- Fourier filters ---------------------------------------------------------------------
for shape in [(10,), (6, 7), (4, 5, 6)]:
    x = data(shape)
    fx = np.fft.fftn(x)
    rx = np.fft.rfftn(x)
    n = shape[-1]
    for fn, f, par in [("fourier_gaussian", ndi.fourier_gaussian, 1.5),
                       ("fourier_uniform", ndi.fourier_uniform, 3.0),
                       ("fourier_ellipsoid", ndi.fourier_ellipsoid, 2.5),
                       ("fourier_shift", ndi.fourier_shift, 1.25)]:
        add(fn, "", 0, fx, f(fx, par), [-1, -1, par])
        add(fn, "", 0, rx, f(rx, par, n=n), [n, -1, par])
        pv = [par * (k + 1) * 0.5 for k in range(len(shape))]
        add(fn, "", 0, fx.astype(np.complex64), f(fx.astype(np.complex64), pv), [-1, -1, *pv])
        add(fn, "", 0, x, f(x, pv), [-1, -1, *pv])
        x32 = x.astype(np.float32)
        add(fn, "", 0, x32, f(x32, par), [-1, -1, par])
x = data((6, 8))
rx0 = np.fft.rfftn(x, axes=(1, 0))  # the real transform along axis 0
for fn, f in [("fourier_gaussian", ndi.fourier_gaussian), ("fourier_shift", ndi.fourier_shift),
              ("fourier_uniform", ndi.fourier_uniform), ("fourier_ellipsoid", ndi.fourier_ellipsoid)]:
    add(fn, "", 0, rx0, f(rx0, 2.0, n=6, axis=0), [6, 0, 2.0])
xi = data((5, 6), np.int16)
add("fourier_gaussian", "", 0, xi, ndi.fourier_gaussian(xi, 1.0), [-1, -1, 1.0])

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "ndimage",
                   "interp.npz")
np.savez_compressed(out, **cases)
print(len(cases), "arrays,", os.path.getsize(out), "bytes")
