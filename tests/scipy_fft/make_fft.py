# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""SciPy's results for the scipy_fft tests: tests/data/scipy_fft/fft.npz (inputs and scipy.fft's
outputs side by side) and the host tables next_fast_len.csv, fhtoffset.csv and fhtcoeff.csv.
Run from the repository root: python3 tests/scipy_fft/make_fft.py"""
import os

import numpy as np
import scipy
import scipy.fft as sf
from scipy.fft._fftlog_backend import fhtcoeff

OUT = os.path.join(os.path.dirname(__file__), "..", "data", "scipy_fft")
rng = np.random.default_rng(19)
NORMS = ["backward", "ortho", "forward"]
R2R = [sf.dct, sf.idct, sf.dst, sf.idst, sf.dctn, sf.idctn, sf.dstn, sf.idstn]
arrays = {}
count = 0


def data(shape, dtype):
    x = rng.standard_normal(shape)
    if np.dtype(dtype).kind == "c":
        x = x + 1j * rng.standard_normal(shape)
    if np.dtype(dtype).kind == "i":
        x = rng.integers(-9, 10, shape)
    return x.astype(dtype)


def r2r_case(func, x, type, norm, orth=None, n=None, axis=-1, s=None, axes=None, transpose=False):
    """One case: p = [func, type, norm, orth (-1 none), n (-1 none), axis, transpose]."""
    global count
    f = R2R[func]
    kw = dict(type=type, norm=norm)
    if orth is not None:
        kw["orthogonalize"] = orth
    if func < 4:
        y = f(x, n=n, axis=axis, **kw)
    else:
        y = f(x, s=s, axes=axes, **kw)
    i = count
    count += 1
    # transpose: the test reads x back as the transposed view of the stored array.
    arrays[f"c{i}_x"] = np.ascontiguousarray(x.T) if transpose else x
    arrays[f"c{i}_y"] = y
    arrays[f"c{i}_p"] = np.array([func, type, NORMS.index(norm), -1 if orth is None else int(orth),
                                  -1 if n is None else n, axis, int(transpose)], np.int64)
    if s is not None:
        arrays[f"c{i}_s"] = np.array(s, np.int64)
    if axes is not None:
        arrays[f"c{i}_axes"] = np.array(axes, np.int64)


# 1-D: every function, type, norm and orthogonalize, odd/even/prime lengths, float32/float64.
for N in [2, 7, 8, 13, 16]:
    for dt in [np.float64, np.float32]:
        x = data((N,), dt)
        for func in range(4):
            for type in [1, 2, 3, 4]:
                for norm in NORMS:
                    r2r_case(func, x, type, norm)
                r2r_case(func, x, type, "ortho", orth=False)
                r2r_case(func, x, type, "backward", orth=True)
# Length 1 (every type but DCT-I, whose error the host tests check) and type 1 of length 2.
x1 = data((1,), np.float64)
for func in range(4):
    for type in [1, 2, 3, 4]:
        if type == 1 and func < 2:
            continue
        for norm in NORMS:
            r2r_case(func, x1, type, norm)
# n: crop and pad, along both axes of a matrix, every type.
m = data((6, 9), np.float64)
for func in range(4):
    for type in [1, 2, 3, 4]:
        r2r_case(func, m, type, "backward", n=5, axis=1)
        r2r_case(func, m, type, "ortho", n=11, axis=0)
        r2r_case(func, m, type, "forward", n=4, axis=-2)
# Other dtypes: complex64/complex128 (real and imaginary parts apart; orthogonalize is not passed
# for complex input), int64 (float64), and a long float32 row.
for dt in [np.complex128, np.complex64, np.int64]:
    x = data((3, 10), dt)
    for func in range(4):
        for type in [1, 2, 3, 4]:
            r2r_case(func, x, type, "ortho", axis=0)
            r2r_case(func, x, type, "backward", orth=True)
long_row = data((4096,), np.float32)
for type in [1, 2, 3, 4]:
    r2r_case(0, long_row, type, "ortho")
    r2r_case(3, long_row, type, "backward")
# Non-contiguous input: the transposed view of a stored array.
t = data((5, 12), np.float64)
for func in range(4):
    for type in [2, 3, 4]:
        r2r_case(func, t, type, "ortho", axis=1, transpose=True)
r2r_case(4, t, 2, "backward", transpose=True)
# N-D: 2-D and 3-D, s (crop, pad, -1), axes (negative, reordered, a subset), every function.
cube = data((4, 5, 6), np.float64)
mat = data((7, 8), np.float32)
for func in range(4, 8):
    for type in [1, 2, 3, 4]:
        r2r_case(func, mat, type, "backward")
        r2r_case(func, cube, type, "ortho")
        r2r_case(func, cube, type, "forward", axes=[-1, 0])
        r2r_case(func, cube, type, "backward", s=[3, 8], axes=[2, 1])
        r2r_case(func, cube, type, "ortho", s=[-1, 4])
    r2r_case(func, cube, 2, "ortho", orth=False, axes=[1])
    r2r_case(func, data((3, 4), np.complex128), 3, "ortho", s=[5, 3])

# hfft2 / hfftn / ihfft2 / ihfftn: p = [func, norm].
H = [sf.hfft2, sf.hfftn, sf.ihfft2, sf.ihfftn]
hcount = 0


def h_case(func, x, norm, s=None, axes=None):
    global hcount
    kw = {}
    if s is not None:
        kw["s"] = s
    if axes is not None:
        kw["axes"] = axes
    y = H[func](x, norm=norm, **kw)
    i = hcount
    hcount += 1
    arrays[f"h{i}_x"] = x
    arrays[f"h{i}_y"] = y
    arrays[f"h{i}_p"] = np.array([func, NORMS.index(norm)], np.int64)
    if s is not None:
        arrays[f"h{i}_s"] = np.array(s, np.int64)
    if axes is not None:
        arrays[f"h{i}_axes"] = np.array(axes, np.int64)


for norm in NORMS:
    h_case(0, data((6, 5), np.complex128), norm)
    h_case(1, data((3, 4, 5), np.complex128), norm)
    h_case(1, data((3, 4, 5), np.complex64), norm, s=[6, 8], axes=[0, 2])
    h_case(2, data((6, 5), np.float64), norm)
    h_case(3, data((3, 4, 7), np.float64), norm)
    h_case(3, data((3, 4, 7), np.float32), norm, s=[5, 6], axes=[1, 0])

# fht / ifht: p = [inverse, dln, mu, offset, bias].
fcount = 0
for inverse, n, dln, mu, offset, bias in [(0, 64, 0.05, 0.0, 0.0, 0.0), (0, 33, 0.1, 0.5, 0.2, 0.0),
                                          (0, 64, 0.05, 1.5, 0.0, 0.3), (1, 64, 0.05, 0.0, 0.0, 0.0),
                                          (1, 33, 0.1, 2.0, 0.1, -0.4), (0, 16, 0.2, -0.5, 0.0, 0.0)]:
    r = np.logspace(-2, 2, n)
    a = (r ** (mu + 1) * np.exp(-r ** 2 / 2)).astype(np.float64)
    y = (sf.ifht if inverse else sf.fht)(a, dln, mu, offset=offset, bias=bias)
    arrays[f"f{fcount}_x"] = a
    arrays[f"f{fcount}_y"] = y
    arrays[f"f{fcount}_p"] = np.array([inverse, dln, mu, offset, bias], np.float64)
    fcount += 1
a2 = rng.standard_normal((3, 32)).astype(np.float32)
arrays[f"f{fcount}_x"] = a2
arrays[f"f{fcount}_y"] = sf.fht(a2, 0.1, 1.0)
arrays[f"f{fcount}_p"] = np.array([0, 0.1, 1.0, 0.0, 0.0], np.float64)
fcount += 1

arrays["counts"] = np.array([count, hcount, fcount], np.int64)
os.makedirs(OUT, exist_ok=True)
np.savez_compressed(os.path.join(OUT, "fft.npz"), **arrays)

with open(os.path.join(OUT, "next_fast_len.csv"), "w") as f:
    f.write(f"# scipy.fft.next_fast_len(target, real), SciPy {scipy.__version__}\n")
    f.write("target,real,value\n")
    targets = list(range(0, 200)) + [1021, 2047, 4097, 93059, 1000003, 2**24 + 1, 2**40 + 1,
                                     3**20 + 1, 10**12 + 39]
    for tgt in targets:
        for real in [0, 1]:
            f.write(f"{tgt},{real},{sf.next_fast_len(tgt, bool(real))}\n")

with open(os.path.join(OUT, "fhtoffset.csv"), "w") as f:
    f.write(f"# scipy.fft.fhtoffset(dln, mu, initial, bias), SciPy {scipy.__version__}\n")
    f.write("dln,mu,initial,bias,value\n")
    for dln, mu, initial, bias in [(0.1, 2.0, 0.5, 0.0), (0.05, 0.0, 0.0, 0.0), (0.01, 0.5, -1.0, 0.3),
                                   (0.2, -0.5, 2.0, -0.7), (0.5, 10.0, 0.0, 1.5), (1e-3, 1.0, 0.25, 0.0)]:
        f.write(f"{dln!r},{mu!r},{initial!r},{bias!r},{float(sf.fhtoffset(dln, mu, initial=initial, bias=bias))!r}\n")

with open(os.path.join(OUT, "fhtcoeff.csv"), "w") as f:
    f.write(f"# scipy.fft fhtcoeff(n, dln, mu, offset, bias, inverse) term k, SciPy {scipy.__version__}\n")
    f.write("n,dln,mu,offset,bias,inverse,k,re,im\n")
    for n, dln, mu, offset, bias, inverse in [(16, 0.05, 0.0, 0.0, 0.0, 0), (17, 0.1, 0.5, 0.2, 0.3, 0),
                                              (64, 0.01, 2.0, -0.3, -0.4, 1), (8, 0.5, -0.5, 0.0, 0.0, 1),
                                              (10, 0.2, 1.0, 0.0, 2.0, 0)]:
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            u = fhtcoeff(n, dln, mu, offset=offset, bias=bias, inverse=bool(inverse))
        for k, v in enumerate(u):
            f.write(f"{n},{dln!r},{mu!r},{offset!r},{bias!r},{inverse},{k},{float(v.real)!r},{float(v.imag)!r}\n")

# Small 1-D cases for the host test of the kernels' element functions around a reference DFT:
# func (0 dct, 1 idct, 2 dst, 3 idst), type, norm, orthogonalize (-1 none), n (-1 none), the
# input and SciPy's result (values joined by ';').
with open(os.path.join(OUT, "r2r_small.csv"), "w") as f:
    f.write(f"# scipy.fft dct/idct/dst/idst of small inputs, SciPy {scipy.__version__}\n")
    f.write("func,type,norm,orth,n,x,y\n")
    small = np.random.default_rng(7)
    for N, n in [(1, None), (2, None), (5, None), (8, None), (5, 6), (7, 3)]:
        x = small.standard_normal(N)
        for func in range(4):
            for type in [1, 2, 3, 4]:
                for norm, orth in [("backward", None), ("ortho", None), ("forward", None),
                                   ("ortho", False), ("backward", True)]:
                    if type == 1 and func < 2 and (n or N) == 1:
                        continue
                    kw = {} if orth is None else {"orthogonalize": orth}
                    y = R2R[func](x, type=type, n=n, norm=norm, **kw)
                    f.write(f"{func},{type},{NORMS.index(norm)},{-1 if orth is None else int(orth)},"
                            f"{-1 if n is None else n},{';'.join(repr(float(v)) for v in x)},"
                            f"{';'.join(repr(float(v)) for v in y)}\n")
