# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""Inputs and NumPy's results for the logic and math tests: tests/data/logic_math/logic_math.npz.

Run from the repository root: python3 tests/logic_math/make_logic_math.py
"""
import os
import warnings

import numpy as np

rng = np.random.default_rng(20260)
out = {}


def put(name, value):
    out[name] = np.asarray(value)


# isclose / allclose: values near each other, exactly equal, infinities and nan.
a = rng.standard_normal(40).astype(np.float32)
b = a.copy()
b[:10] += np.float32(1e-6) * rng.standard_normal(10).astype(np.float32)
b[10:20] *= np.float32(1.001)
b[20] = a[20] = np.inf
a[21], b[21] = np.inf, -np.inf
a[22], b[22] = np.nan, np.nan
a[23], b[23] = 1.0, np.nan
a[24], b[24] = np.inf, 1.0
a[25], b[25] = 1e-9, 0.0
b[26] = a[26] + 2e-8
put("close_a", a)
put("close_b", b)
put("close_default", np.isclose(a, b))
put("close_nan", np.isclose(a, b, equal_nan=True))
put("close_tol", np.isclose(a, b, rtol=1e-3, atol=0.0))
put("close_scalar", np.isclose(a, 1.0))
put("allclose_tol", np.allclose(a[:20], b[:20], rtol=1e-2))
# Mixed dtypes: float32 against float64 computes in float64.
m = rng.standard_normal((4, 5)).astype(np.float32)
mb = m[0].astype(np.float64) + 3e-8
put("mixed_a", m)
put("mixed_b", mb)
put("mixed_out", np.isclose(m, mb, rtol=0, atol=1e-8))
# Integers (b becomes float64) and complex.
ia = np.array([0, 1, -5, 100, 2**40, -(2**40)], np.int64)
ib = np.array([0, 2, -5, 100, 2**40 + 1, -(2**40)], np.int64)
put("int_a", ia)
put("int_b", ib)
put("int_out", np.isclose(ia, ib))
ca = (rng.standard_normal(12) + 1j * rng.standard_normal(12)).astype(np.complex64)
cb = ca * np.complex64(1 + 1e-6j)
cb[3] = ca[3] + 1j
cb[4] = ca[4] = complex(np.nan, 1)
put("complex_a", ca)
put("complex_b", cb)
put("complex_out", np.isclose(ca, cb, equal_nan=True))

# gradient.
f = rng.standard_normal((6, 7))
gx = np.array([0.0, 0.5, 1.5, 1.75, 3.0, 4.0])
put("grad_f", f)
put("grad_x", gx)
for k, g in enumerate(np.gradient(f)):
    put(f"grad_default_{k}", g)
for k, g in enumerate(np.gradient(f, 2.0, edge_order=2)):
    put(f"grad_step2_{k}", g)
for k, g in enumerate(np.gradient(f, gx, 0.25)):
    put(f"grad_coords1_{k}", g)
for k, g in enumerate(np.gradient(f, gx, 0.25, edge_order=2)):
    put(f"grad_coords2_{k}", g)
put("grad_axis1", np.gradient(f, axis=1))
fi = rng.integers(-50, 50, (5, 4)).astype(np.int32)
put("grad_int", fi)
for k, g in enumerate(np.gradient(fi)):
    put(f"grad_int_{k}", g)

# cross.
c3a = rng.standard_normal((5, 3))
c3b = rng.standard_normal((5, 3))
put("cross_a3", c3a)
put("cross_b3", c3b)
put("cross_33", np.cross(c3a, c3b))
c2a = rng.standard_normal((5, 2))
c2b = rng.standard_normal((5, 2))
put("cross_a2", c2a)
put("cross_b2", c2b)
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    put("cross_22", np.cross(c2a, c2b))
    put("cross_23", np.cross(c2a, c3b))
    put("cross_32", np.cross(c3a, c2b))
# Vectors along axis 0 of a (3, 5), broadcast against one 3-vector, result vectors along axis 0.
put("cross_axes", np.cross(c3a.T, c3b[0], axisa=0, axisc=0))
ci = rng.integers(-9, 9, (4, 3)).astype(np.int32)
put("cross_int", ci)
put("cross_int_out", np.cross(ci, ci[::-1]))

# trapezoid.
ty = rng.standard_normal((4, 6))
tx = np.cumsum(rng.random(6))
put("trap_y", ty)
put("trap_x", tx)
put("trap_dx", np.trapezoid(ty, dx=0.5, axis=0))
put("trap_x1", np.trapezoid(ty, tx))
tx2 = np.cumsum(rng.random((4, 6)), axis=1)
put("trap_x2", tx2)
put("trap_x2_out", np.trapezoid(ty, tx2, axis=-1))
ti = rng.integers(0, 10, (3, 5)).astype(np.int16)
put("trap_int", ti)
put("trap_int_out", np.trapezoid(ti))

# unwrap.
phase = np.cumsum(rng.uniform(-2.5, 2.5, 40))
wrapped = np.angle(np.exp(1j * phase))
put("unwrap_p", wrapped)
put("unwrap_out", np.unwrap(wrapped))
put("unwrap_disc", np.unwrap(wrapped, discont=4.0))
deg = np.array([[0, 170, 350, 10, 200], [5, 355, 15, 185, 5]], np.float32)
put("unwrap_deg", deg)
put("unwrap_deg_out", np.unwrap(deg, period=360.0, axis=1))
put("unwrap_deg_axis0", np.unwrap(deg, period=360.0, axis=0))

# ediff1d.
e = np.array([[1, 5, 2], [9, -3, 4]], np.int8)
put("ediff_a", e)
put("ediff_out", np.ediff1d(e, to_end=np.array([100], np.int64), to_begin=np.array([-3, 4], np.int8)))
put("ediff_plain", np.ediff1d(e))

# cumulative_sum / cumulative_prod.
cs = rng.integers(-3, 4, (3, 4)).astype(np.int8)
put("cum_a", cs)
put("cum_sum_init", np.cumulative_sum(cs, axis=1, include_initial=True))
put("cum_prod_axis0", np.cumulative_prod(cs, axis=0))
cf = rng.standard_normal(7).astype(np.float32)
put("cum_f", cf)
put("cum_f_init", np.cumulative_sum(cf, include_initial=True))
put("cum_f_prod_init", np.cumulative_prod(cf, include_initial=True))

# interp.
xp = np.sort(rng.uniform(-3, 3, 17))
xp[5] = xp[6]  # a repeated sample point
fp = np.sin(xp)
x = rng.uniform(-4, 4, 100).astype(np.float32)
x[:4] = np.array([np.nan, xp[0], xp[-1], xp[7]], np.float32)
put("interp_x", x)
put("interp_xp", xp)
put("interp_fp", fp)
put("interp_out", np.interp(x, xp, fp))
put("interp_lr", np.interp(x, xp, fp, left=-10.0, right=10.0))
fc = fp + 1j * np.cos(xp)
put("interp_fc", fc)
put("interp_complex", np.interp(x, xp, fc))
put("interp_complex_lr", np.interp(x, xp, fc, left=1 + 2j, right=-1j))
xper = rng.uniform(-400, 400, (6, 5))
xpp = rng.uniform(0, 360, 9)
fpp = rng.standard_normal(9)
put("interp_xper", xper)
put("interp_xpp", xpp)
put("interp_fpp", fpp)
put("interp_period", np.interp(xper, xpp, fpp, period=360))

# real_if_close and i0.
rc = np.array([1 + 1e-15j, 2 - 1e-14j, -3 + 0j])
put("ric_a", rc)
put("ric_out", np.real_if_close(rc))
iz = np.linspace(-20, 20, 41)
put("i0_x", iz)
put("i0_out", np.i0(iz))

path = os.path.join(os.path.dirname(__file__), "..", "data", "logic_math", "logic_math.npz")
os.makedirs(os.path.dirname(path), exist_ok=True)
np.savez_compressed(path, **out)
