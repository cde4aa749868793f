# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""SciPy's results for the binary morphology and label tests (tests/ndimage/test_binary_morphology.cpp,
tests/ndimage/test_label.cpp), saved to tests/data/ndimage/binary.npz.

Each case <name> stores:
  <name>__in          the stored input (the test's input is a view of it, see layout)
  <name>__args        int64: function, iterations, border_value, brute_force, layout,
                      len(origin) (0: one value for every axis, then that value), origin...,
                      len(axes) (-1: None), axes..., len(origin2) (-1: None), origin2...
  <name>__structure   (optional) the structure (structure1 of hit_or_miss), uint8
  <name>__structure2  (optional) structure2 of hit_or_miss, uint8
  <name>__mask        (optional) the mask, bool
  <name>__out         SciPy's result (bool; int32 labels for label)
  <name>__n           label only: the number of features
Functions: 0 erosion, 1 dilation, 2 opening, 3 closing, 4 hit_or_miss, 5 propagation,
6 fill_holes, 7 label. Layouts: 0 the stored array, 1 its view [..., ::2], 2 its transpose,
3 stored flat behind one extra leading element: the view in[1:].reshape(out.shape).

Run: python3 tests/ndimage/make_binary.py (SciPy 1.17, NumPy 2.4).
"""
import os

import numpy as np
import scipy.ndimage as ndi

rng = np.random.default_rng(18)
cases = {}

FUNCS = {"erosion": 0, "dilation": 1, "opening": 2, "closing": 3, "hit_or_miss": 4,
         "propagation": 5, "fill_holes": 6, "label": 7}


def view(a, layout, shape=None):
    if layout == 3:
        return a[1:].reshape(shape)
    if layout == 1:
        return a[..., ::2]
    if layout == 2:
        return a.T
    return a


def seq(v):
    if v is None:
        return [-1]
    v = list(np.atleast_1d(v)) if not np.isscalar(v) else [v]
    return [len(v)] + [int(x) for x in v]


def add(name, func, a, structure=None, iterations=1, mask=None, border_value=0, origin=0,
        brute_force=False, axes=None, structure2=None, origin2=None, layout=0, store_as=None):
    assert name not in cases, name
    if layout == 3:  # stored flat behind one leading element: a view whose start is unaligned
        shape = a.shape
        a = np.concatenate([np.zeros(1, a.dtype), a.ravel()])
        x = view(a, layout, shape)
    else:
        x = view(a, layout)
    kw = {} if axes is None else {"axes": axes}
    if func == "erosion":
        out = ndi.binary_erosion(x, structure, iterations, mask, None, border_value, origin,
                                 brute_force, **kw)
    elif func == "dilation":
        out = ndi.binary_dilation(x, structure, iterations, mask, None, border_value, origin,
                                  brute_force, **kw)
    elif func == "opening":
        out = ndi.binary_opening(x, structure, iterations, None, origin, mask, border_value,
                                 brute_force, **kw)
    elif func == "closing":
        out = ndi.binary_closing(x, structure, iterations, None, origin, mask, border_value,
                                 brute_force, **kw)
    elif func == "hit_or_miss":
        out = ndi.binary_hit_or_miss(x, structure, structure2, None, origin, origin2, **kw)
    elif func == "propagation":
        out = ndi.binary_propagation(x, structure, mask, None, border_value, origin, **kw)
    elif func == "fill_holes":
        out = ndi.binary_fill_holes(x, structure, None, origin, **kw)
    else:
        out, n = ndi.label(x, structure)
        cases[name + "__n"] = np.array([n], dtype=np.int64)
    args = [FUNCS[func], iterations, border_value, int(brute_force), layout]
    args += [0, int(origin)] if np.isscalar(origin) else seq(origin)
    args += seq(axes)
    args += seq(origin2)
    cases[name + "__in"] = np.array(a, order="C", dtype=store_as)
    cases[name + "__args"] = np.array(args, dtype=np.int64)
    if structure is not None:
        cases[name + "__structure"] = np.asarray(structure).astype(np.uint8)
    if structure2 is not None:
        cases[name + "__structure2"] = np.asarray(structure2).astype(np.uint8)
    if mask is not None:
        cases[name + "__mask"] = np.asarray(mask, dtype=bool)
    cases[name + "__out"] = out


def image(shape, density, dtype=bool):
    a = rng.random(shape) < density
    if dtype == bool:
        return a
    vals = rng.integers(1, 100, size=shape).astype(dtype)
    if np.dtype(dtype).kind == "f":
        vals = vals - 50.5  # negative values are true too
    return np.where(a, vals, 0).astype(dtype)


cross = ndi.generate_binary_structure(2, 1)
square = ndi.generate_binary_structure(2, 2)
odd3 = np.array([[1, 0, 0], [1, 1, 0], [0, 1, 1]], bool)  # not symmetric
even2 = np.array([[1, 1], [0, 1]], bool)
row4 = np.array([[1, 1, 0, 1]], bool)
col2 = np.array([[1], [1]], bool)
ball = ndi.generate_binary_structure(3, 1)
cube = ndi.generate_binary_structure(3, 3)

# ---- erosion and dilation over structures, origins, borders, iterations -------------------------
for func, density in (("erosion", 0.75), ("dilation", 0.2)):
    a = image((13, 16), density)
    add(f"{func}_2d_default", func, a)
    add(f"{func}_2d_square", func, a, square)
    add(f"{func}_2d_odd", func, a, odd3)
    add(f"{func}_2d_even", func, a, even2)
    add(f"{func}_2d_row4", func, a, row4)
    add(f"{func}_2d_col2", func, a, col2)
    add(f"{func}_2d_border1", func, a, square, border_value=1)
    add(f"{func}_2d_origin_p", func, a, odd3, origin=(1, 0))
    add(f"{func}_2d_origin_n", func, a, odd3, origin=(-1, 1))
    add(f"{func}_2d_origin_scalar", func, a, square, origin=-1)
    add(f"{func}_2d_even_origin", func, a, even2, origin=(-1, 0))
    add(f"{func}_2d_row4_origin", func, a, row4, origin=(0, 1))
    add(f"{func}_2d_iter2", func, a, None, 2)
    add(f"{func}_2d_iter3_odd", func, a, odd3, 3)
    add(f"{func}_2d_iter3_brute", func, a, cross, 3, brute_force=True)
    add(f"{func}_2d_until", func, a, cross, -1)
    add(f"{func}_2d_until0_square", func, a, square, 0, border_value=1)
    add(f"{func}_2d_until_even", func, image((13, 16), 0.5), even2, 0)
    m = rng.random((13, 16)) < 0.6
    add(f"{func}_2d_mask", func, a, None, 1, m)
    add(f"{func}_2d_mask_iter3", func, a, square, 3, m, border_value=1)
    add(f"{func}_2d_mask_until", func, a, cross, -1, m)
    add(f"{func}_2d_mask_until_brute", func, a, cross, -1, m, brute_force=True)
    add(f"{func}_2d_empty_structure", func, a, np.zeros((3, 3), bool))
    add(f"{func}_2d_empty_structure_iter2", func, a, np.zeros((3, 3), bool), 2)
    for dt in (np.uint8, np.int16, np.int32, np.int64, np.float32, np.float64):
        add(f"{func}_2d_{np.dtype(dt).name}", func, image((9, 11), density, dt), square)
    add(f"{func}_1d", func, image((17,), density))
    add(f"{func}_1d_iter2_origin", func, image((17,), density), [1, 1, 0, 1], 2, origin=-1)
    add(f"{func}_1d_single", func, image((1,), 1.0))
    add(f"{func}_1d_single_border1", func, np.array([False]), None, 1, border_value=1)
    add(f"{func}_1d_empty", func, np.zeros((0,), bool))
    add(f"{func}_2d_empty", func, np.zeros((3, 0), bool))
    add(f"{func}_0d_true", func, np.array(True))
    add(f"{func}_0d_false_border1", func, np.array(False), border_value=1)
    b = image((6, 7, 5), density)
    add(f"{func}_3d_default", func, b)
    add(f"{func}_3d_cube_iter2", func, b, cube, 2)
    add(f"{func}_3d_origin", func, b, cube, origin=(1, -1, 0))
    add(f"{func}_3d_axes", func, b, square, axes=(0, 2))
    add(f"{func}_2d_axes_1d", func, a, np.array([1, 1, 1], bool), axes=(0,))
    add(f"{func}_2d_axes_default", func, a, axes=(1,))
    add(f"{func}_4d", func, image((3, 4, 3, 5), density))
    add(f"{func}_2d_strided", func, image((13, 32), density), square, 2, layout=1)
    add(f"{func}_2d_transposed", func, image((16, 13), density), odd3, layout=2)
    add(f"{func}_3d_transposed_until", func, image((5, 7, 6), density), ball, -1, layout=2)

# ---- opening, closing ----------------------------------------------------------------------------
a = image((15, 14), 0.6)
m = rng.random((15, 14)) < 0.7
for func in ("opening", "closing"):
    add(f"{func}_2d_default", func, a)
    add(f"{func}_2d_square_iter2", func, a, square, 2)
    add(f"{func}_2d_odd_origin", func, a, odd3, origin=(0, 1))
    add(f"{func}_2d_even", func, a, even2)
    add(f"{func}_2d_mask_border", func, a, square, 1, m, border_value=1)
    add(f"{func}_3d", func, image((6, 5, 7), 0.6), cube)
    add(f"{func}_2d_axes", func, a, np.array([1, 1, 1], bool), axes=(1,))
    add(f"{func}_2d_float_strided", func, image((15, 28), 0.6, np.float32), layout=1)

# ---- hit or miss ----------------------------------------------------------------------------------
a = image((14, 15), 0.5)
add("hit_or_miss_2d_default", "hit_or_miss", a)
add("hit_or_miss_2d_s1", "hit_or_miss", a, odd3)
add("hit_or_miss_2d_s1_s2", "hit_or_miss", a, np.array([[0, 1, 0], [0, 1, 0], [0, 0, 0]]),
    structure2=np.array([[1, 0, 1], [0, 0, 0], [0, 0, 0]]))
add("hit_or_miss_2d_origin", "hit_or_miss", a, odd3, origin=(1, 0))
add("hit_or_miss_2d_origin2", "hit_or_miss", a, odd3, origin=0, origin2=(0, -1))
add("hit_or_miss_2d_even", "hit_or_miss", a, even2)
add("hit_or_miss_3d", "hit_or_miss", image((5, 6, 7), 0.5))
add("hit_or_miss_2d_int", "hit_or_miss", image((9, 8), 0.5, np.int32), square)
add("hit_or_miss_2d_axes", "hit_or_miss", a, np.array([1, 0, 1], bool), axes=(0,))

# ---- propagation and fill_holes -------------------------------------------------------------------
def rings(n):
    y, x = np.mgrid[:n, :n]
    r = np.hypot(y - n / 2 + 0.5, x - n / 2 + 0.5)
    return (np.floor(r / 3) % 2 == 0) & (r < n / 2 - 1)


seed = np.zeros((40, 40), bool)
seed[20, 20] = True
maze = rng.random((40, 40)) < 0.55
add("propagation_2d_maze", "propagation", seed, None, mask=maze | seed)
add("propagation_2d_maze_square", "propagation", seed, square, mask=maze | seed)
add("propagation_2d_border1", "propagation", np.zeros((20, 30), bool), None,
    mask=rng.random((20, 30)) < 0.6, border_value=1)
add("propagation_2d_nomask", "propagation", seed)
add("propagation_2d_odd_origin", "propagation", image((20, 20), 0.05), odd3,
    mask=rng.random((20, 20)) < 0.7, origin=(0, 1))
add("propagation_3d", "propagation", image((8, 9, 10), 0.02), None,
    mask=rng.random((8, 9, 10)) < 0.6)
add("propagation_1d", "propagation", np.eye(1, 30, 12, dtype=bool)[0], None,
    mask=rng.random(30) < 0.8)
for n in (21, 40):
    add(f"fill_holes_rings_{n}", "fill_holes", rings(n))
    add(f"fill_holes_rings_{n}_square", "fill_holes", rings(n), square)
add("fill_holes_random", "fill_holes", image((37, 41), 0.5))
add("fill_holes_random_square", "fill_holes", image((37, 41), 0.5), square)
add("fill_holes_3d", "fill_holes", image((9, 10, 11), 0.55))
add("fill_holes_float", "fill_holes", image((20, 21), 0.5, np.float64))
add("fill_holes_complex", "fill_holes", image((20, 24), 0.5, np.float64) * (1 - 1j))  # as SciPy
add("fill_holes_odd_origin", "fill_holes", rings(21), odd3, origin=(1, 0))
add("fill_holes_axes", "fill_holes", image((12, 13), 0.5), np.array([1, 1, 1], bool), axes=(1,))
add("fill_holes_strided", "fill_holes", image((20, 42), 0.5), layout=1)
# Several tiles of the 2-D kernel (128 x 32 pixels each), settled in place.
add("fill_holes_large", "fill_holes", image((100, 256), 0.45))
big_seed = np.zeros((90, 264), bool)
big_seed[45, 7] = True
add("propagation_large", "propagation", big_seed, None, mask=(rng.random((90, 264)) < 0.62) | big_seed)
add("fill_holes_empty", "fill_holes", np.zeros((0, 5), bool))
add("fill_holes_1d", "fill_holes", np.array([0, 1, 0, 0, 1, 1, 0, 1, 0], bool))

# Views that start one byte into their memory (the 2-D tiles need aligned rows), and half
# precision inputs (SciPy refuses float16: its results are those of the same values in float32).
add("erosion_2d_unaligned", "erosion", image((12, 16), 0.8), square, 2, layout=3)
add("dilation_2d_unaligned_mask", "dilation", image((12, 16), 0.2), None, 1,
    rng.random((12, 16)) < 0.5, layout=3)
add("fill_holes_unaligned", "fill_holes", rings(40), layout=3)
add("label_2d_unaligned", "label", image((12, 16), 0.5), layout=3)
add("erosion_2d_float16", "erosion", image((13, 16), 0.75, np.float32), square, store_as=np.float16)
add("dilation_3d_float16", "dilation", image((5, 6, 7), 0.3, np.float32), store_as=np.float16)
add("label_2d_float16", "label", image((19, 23), 0.5, np.float32), store_as=np.float16)

# ---- label -----------------------------------------------------------------------------------------
add("label_2d_default", "label", image((30, 31), 0.5))
add("label_2d_square", "label", image((30, 31), 0.5), square)
add("label_2d_diagonal", "label", image((30, 31), 0.5), np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]]))
add("label_2d_rows", "label", image((30, 31), 0.5), np.array([[0, 0, 0], [1, 1, 1], [0, 0, 0]]))
add("label_2d_none", "label", image((12, 13), 0.5), np.zeros((3, 3), bool))
add("label_2d_large", "label", image((200, 300), 0.5))
add("label_2d_large_square", "label", image((200, 300), 0.45), square)
add("label_2d_rings", "label", rings(61))
add("label_2d_full", "label", np.ones((40, 50), bool))
add("label_2d_zero", "label", np.zeros((10, 11), bool))
add("label_2d_float_nan", "label", np.where(rng.random((20, 22)) < 0.5, np.nan, 0.0))
for dt in (np.uint8, np.int16, np.int64, np.float32):
    add(f"label_2d_{np.dtype(dt).name}", "label", image((19, 23), 0.5, dt))
add("label_1d", "label", image((57,), 0.5))
add("label_1d_single", "label", np.array([3]))
add("label_1d_empty", "label", np.zeros((0,), bool))
add("label_2d_empty", "label", np.zeros((0, 4), bool))
add("label_0d_true", "label", np.array(2.5))
add("label_0d_false", "label", np.array(0))
add("label_3d_default", "label", image((12, 13, 14), 0.4))
add("label_3d_cube", "label", image((12, 13, 14), 0.2), cube)
add("label_3d_edges", "label", image((12, 13, 14), 0.3), ndi.generate_binary_structure(3, 2))
add("label_4d", "label", image((5, 6, 4, 7), 0.4))
add("label_2d_strided", "label", image((30, 62), 0.5), square, layout=1)
add("label_2d_transposed", "label", image((31, 30), 0.5), layout=2)
add("label_3d_transposed", "label", image((9, 10, 11), 0.4), cube, layout=2)

out = os.path.join(os.path.dirname(__file__), "..", "data", "ndimage", "binary.npz")
os.makedirs(os.path.dirname(out), exist_ok=True)
np.savez_compressed(out, **cases)
print(f"{len([k for k in cases if k.endswith('__args')])} cases, {os.path.getsize(out)} bytes")
