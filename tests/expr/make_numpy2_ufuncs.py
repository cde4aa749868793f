#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""Writes NumPy's answers for tests/expr/test_numpy2_ufuncs.cpp into tests/data/expr/:

numpy2_ufunc_types.csv   the result dtype(s) of each NumPy 2 ufunc cupp added, per input dtype
                         (both inputs of that dtype; ldexp's exponent an int64 array), or error
result_type_triples.csv  np.result_type(a, b, c) for every triple of the 14 dtypes
numpy2_ufuncs.npz        inputs and NumPy's outputs of frexp, modf, divmod, ldexp, gcd, lcm
"""
import itertools
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "data", "expr")
DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
          "float16", "float32", "float64", "complex64", "complex128"]
UFUNCS = ["gcd", "lcm", "ldexp", "nextafter", "spacing", "signbit", "fabs", "float_power",
          "bitwise_count", "acos", "acosh", "asin", "asinh", "atan", "atanh", "atan2", "pow",
          "bitwise_invert", "bitwise_left_shift", "bitwise_right_shift", "frexp", "modf",
          "divmod"]


def result_types(name, dt):
    f = getattr(np, name)
    a = np.ones(2, dt)
    args = [a, np.ones(2, "int64")] if name == "ldexp" else [a] * f.nin
    try:
        with np.errstate(all="ignore"):
            r = f(*args)
    except TypeError:
        return "error"
    return ";".join(x.dtype.name for x in (r if isinstance(r, tuple) else (r,)))


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "numpy2_ufunc_types.csv"), "w") as f:
        f.write(f"# numpy {np.__version__}: the result dtypes of np.<ufunc>(x, ...) for arrays "
                "x of each dtype\nufunc,dtype,result\n")
        for name in UFUNCS:
            for dt in DTYPES:
                f.write(f"{name},{dt},{result_types(name, dt)}\n")
    with open(os.path.join(OUT, "result_type_triples.csv"), "w") as f:
        f.write(f"# numpy {np.__version__}: np.result_type(a, b, c) for array dtypes\n"
                "a,b,c,result\n")
        for a, b, c in itertools.product(DTYPES, repeat=3):
            f.write(f"{a},{b},{c},{np.result_type(a, b, c).name}\n")

    rng = np.random.default_rng(7)
    x32 = np.concatenate([np.array([0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.75, 1e-40, -7e30,
                                    np.inf, -np.inf, np.nan]),
                          rng.standard_normal(52) * 10.0 ** rng.integers(-8, 8, 52)]
                         ).astype(np.float32)
    x64 = np.concatenate([x32.astype(np.float64), [5e-310, -1e300]])
    i64 = np.array([-7, -3, -1, 0, 1, 2, 5, 9, 100, -100, 2**62, -2**63], np.int64)
    j64 = np.array([3, -2, 4, 5, -1, 7, -5, 2, 3, 7, -4, 3], np.int64)
    e32 = rng.integers(-200, 200, x32.size).astype(np.int32)
    with np.errstate(all="ignore"):
        m32, p32 = np.frexp(x32)
        m64, p64 = np.frexp(x64)
        f32, n32 = np.modf(x32)
        q, r = np.divmod(i64, j64)
        qf, rf = np.divmod(x32[:12], np.float32(-1.5))
        np.savez(os.path.join(OUT, "numpy2_ufuncs.npz"),
                 x32=x32, x64=x64, frexp_m32=m32, frexp_e32=p32, frexp_m64=m64,
                 frexp_e64=p64, modf_f32=f32, modf_i32=n32, i64=i64, j64=j64,
                 divmod_q=q, divmod_r=r, divmod_qf=qf, divmod_rf=rf, e32=e32,
                 ldexp32=np.ldexp(x32, e32), gcd=np.gcd(i64, j64), lcm=np.lcm(i64, j64))


if __name__ == "__main__":
    main()
