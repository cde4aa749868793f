# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""SciPy's results for the measurement tests (tests/ndimage/test_measurements.cpp and
test_distance_transform.cpp): inputs and scipy.ndimage's outputs side by side in
tests/data/ndimage/measure.npz.

Keys:
  stat cases   "s:<case>:input", "s:<case>:labels", "s:<case>:<form>:<function>" where form is
               all (labels=None), pos (index=None), one (index = the case's "one" label) or seq
               (index = "s:<case>:seq", which holds a label no element has); positions and
               centres of mass as arrays of shape index.shape + (ndim,), histograms as
               index.shape + (bins,) over "s:<case>:hist_range" (min, max, bins).
  edt cases    "e:<case>:input", "e:<case>:sampling" (absent: None), "e:<case>:distances",
               "e:<case>:indices".
  find_objects "f:<case>:input", "f:<case>:max_label", "f:<case>:boxes" (labels x ndim x 2 of
               start, stop; -1 for None).
  value_indices "v:<case>:input", "v:<case>:ignore" (absent: None), "v:<case>:keys",
               "v:<case>:<i>" (ndim x count coordinates of the i-th key).
  labeled_comprehension "c:<case>:sum" (func np.sum, out float64, default -1) and
               "c:<case>:last" (func: largest position, pass_positions, out int64, default -1)
               over stat case <case> with index seq.
Run from the repository root: python3 tests/ndimage/make_measure.py
"""
import numpy as np
from scipy import ndimage as ndi

rng = np.random.default_rng(18)
out = {}


def unique_values(shape, dtype):
    n = int(np.prod(shape))
    if np.dtype(dtype) == np.bool_:
        return rng.random(shape) < 0.5
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        lo = max(info.min, -n // 2)
        return (rng.permutation(n) + lo).reshape(shape).astype(dtype)
    return rng.standard_normal(shape).astype(dtype)


STATS = ["sum_labels", "mean", "variance", "standard_deviation", "minimum", "maximum",
         "median", "minimum_position", "maximum_position", "center_of_mass"]


def positions(v, index_shape, ndim):
    a = np.asarray(v, dtype=np.int64)
    return a.reshape(tuple(index_shape) + (ndim,))


def stat_case(name, input, labels, one, seq, positions_ok=True, hist=(0.0, 1.0, 5)):
    out[f"s:{name}:input"] = input
    out[f"s:{name}:labels"] = labels
    out[f"s:{name}:one"] = np.array(one, np.int64)
    seq = np.asarray(seq, np.int64)
    out[f"s:{name}:seq"] = seq
    out[f"s:{name}:hist_range"] = np.array(hist, np.float64)
    ndim = input.ndim
    present = np.array([i for i in seq.ravel() if np.any(labels == i)], np.int64)
    out[f"s:{name}:present"] = present
    forms = {"all": (None, None), "pos": (labels, None), "one": (labels, one), "seq": (labels, seq)}
    for form, (lab, idx) in forms.items():
        for f in STATS:
            if f.endswith("position") and not positions_ok:
                continue
            use = idx
            if f == "median" and form == "seq":
                use = present  # SciPy's median of a missing label is an artefact of its sort
            r = getattr(ndi, f)(input, lab, use)
            if f.endswith("position") or f == "center_of_mass":
                shape = () if (form != "seq") else np.shape(use)
                r = np.asarray(r, dtype=np.int64 if f.endswith("position") else np.float64)
                r = r.reshape(tuple(shape) + (ndim,))
            else:
                r = np.asarray(r)
            out[f"s:{name}:{form}:{f}"] = r
        lo, hi, bins = hist
        if form == "seq" and seq.ndim > 1:
            continue  # SciPy's labeled_comprehension (and histogram) take a 1-D index only
        h = ndi.histogram(input, lo, hi, int(bins), lab, idx)
        if form == "seq":
            h = np.stack([np.zeros(int(bins), np.int64) if x is None else x for x in h.ravel()])
            h = h.reshape(tuple(seq.shape) + (int(bins),))
        out[f"s:{name}:{form}:histogram"] = np.asarray(h, np.int64)
    if seq.ndim > 1:
        return
    out[f"c:{name}:sum"] = ndi.labeled_comprehension(input, labels, seq, np.sum, np.float64, -1)
    out[f"c:{name}:last"] = ndi.labeled_comprehension(
        input, labels, seq, lambda v, p: p.max(), np.int64, -1, pass_positions=True)


lab2 = rng.integers(0, 5, (7, 9)).astype(np.int32)
stat_case("f64_i32_2d", unique_values((7, 9), np.float64), lab2, 2, [1, 2, 4, 9, 0],
          hist=(-2.0, 2.0, 8))
stat_case("f32_u8_2d", unique_values((8, 6), np.float32), rng.integers(0, 4, (8, 6)).astype(np.uint8),
          3, [3, 1, 2, 7], hist=(-1.5, 1.5, 6))
stat_case("i16_i64_3d", unique_values((3, 4, 5), np.int16), rng.integers(0, 6, (3, 4, 5)).astype(np.int64),
          5, [[1, 2], [5, 8]], hist=(-30.0, 30.0, 7))
stat_case("u8_bool_1d", unique_values((40,), np.uint8), rng.random(40) < 0.6, 1, [1, 0],
          hist=(0.0, 40.0, 4))
stat_case("i32_i32_one", np.array([[7]], np.int32), np.array([[1]], np.int32), 1, [1, 2],
          hist=(0.0, 10.0, 3))
stat_case("b_i32_2d", rng.random((6, 7)) < 0.5, rng.integers(0, 3, (6, 7)).astype(np.int32), 1,
          [1, 2, 0], positions_ok=False, hist=(0.0, 1.0, 2))
# float16: distinct small integers (exact in float16; SciPy's float16 means and deviations round).
stat_case("f16_i32_2d", (rng.permutation(63) - 20).reshape(7, 9).astype(np.float16), lab2, 1,
          [4, 3, 2, 1], hist=(-40.0, 40.0, 5))
# Non-contiguous: the statistics of big[:, ::2] (the C++ test takes that view of this input).
big = unique_values((7, 18), np.float64)
stat_case("f64_i32_strided", np.ascontiguousarray(big[:, ::2]), lab2, 3, [3, 4, 1], hist=(-1.0, 1.0, 4))
out["s:f64_i32_strided:big"] = big

# ---- distance_transform_edt ----


def edt_case(name, input, sampling=None):
    out[f"e:{name}:input"] = input
    if sampling is not None:
        out[f"e:{name}:sampling"] = np.atleast_1d(np.asarray(sampling, np.float64))
    d, i = ndi.distance_transform_edt(input, sampling=sampling, return_indices=True)
    out[f"e:{name}:distances"] = d
    out[f"e:{name}:indices"] = i


edt_case("random_2d", rng.random((13, 17)) < 0.5)
edt_case("sparse_2d", rng.random((16, 15)) < 0.95)
edt_case("sampling_2d", rng.random((12, 11)) < 0.7, (1.5, 0.7))
edt_case("random_3d", rng.random((5, 6, 7)) < 0.8, 2.0)
edt_case("sampling_3d", rng.random((4, 7, 6)) < 0.9, (0.3, 1.1, 2.5))
edt_case("line_1d", rng.random(20) < 0.7)
edt_case("float32_2d", (rng.random((9, 10)) < 0.6).astype(np.float32) * rng.standard_normal((9, 10)).astype(np.float32))
edt_case("int32_2d", rng.integers(0, 3, (10, 8)).astype(np.int32))
edt_case("no_background", np.ones((3, 4), bool))
edt_case("all_background", np.zeros((4, 3), bool))
edt_case("ties", np.array([[0, 1, 1, 1, 0], [1, 1, 1, 1, 1], [1, 1, 1, 1, 1], [1, 1, 1, 1, 1],
                           [0, 1, 1, 1, 0]], bool))
edt_case("one_element", np.array([[1]], np.uint8))
edt_case("empty", np.zeros((0, 5), bool))
pts = np.ones((40, 37), bool)
pts[tuple(rng.integers(0, 37, (2, 5)))] = False
edt_case("few_points_2d", pts, (1.0, 0.6))
yy, xx = np.mgrid[:45, :50]
edt_case("discs_2d", ((yy - 20) ** 2 + (xx - 15) ** 2 < 150) | ((yy - 30) ** 2 + (xx - 38) ** 2 < 90))
edt_case("blobs_3d", ndi.uniform_filter(rng.random((12, 13, 14)), 3) < 0.52, (1.0, 2.0, 0.5))

# ---- find_objects ----


def objects_case(name, input, max_label):
    out[f"f:{name}:input"] = input
    out[f"f:{name}:max_label"] = np.array(max_label, np.int64)
    r = ndi.find_objects(input, max_label)
    boxes = np.full((len(r), input.ndim, 2), -1, np.int64)
    for i, s in enumerate(r):
        if s is not None:
            for k, sl in enumerate(s):
                boxes[i, k] = (sl.start, sl.stop)
    out[f"f:{name}:boxes"] = boxes


objlab = rng.integers(0, 6, (6, 7)).astype(np.int32)
objlab[objlab == 3] = 0
objects_case("i32_2d", objlab, 0)
objects_case("i32_2d_more", objlab, 8)
objects_case("i32_2d_fewer", objlab, 2)
objects_case("u8_3d", rng.integers(0, 4, (3, 5, 4)).astype(np.uint8), 0)
objects_case("i64_1d", np.array([0, 2, 2, 0, 5, 0, 2], np.int64), 0)

# ---- value_indices ----


def values_case(name, input, ignore=None):
    out[f"v:{name}:input"] = input
    if ignore is not None:
        out[f"v:{name}:ignore"] = np.array(ignore, input.dtype)
    r = ndi.value_indices(input, ignore_value=ignore)
    keys = sorted(r.keys())
    out[f"v:{name}:keys"] = np.array(keys, np.int64)
    for i, k in enumerate(keys):
        out[f"v:{name}:{i}"] = np.stack([np.asarray(c, np.int64) for c in r[k]])


values_case("i32_2d", rng.integers(-2, 4, (5, 6)).astype(np.int32))
values_case("i32_2d_ignore", rng.integers(-2, 4, (5, 6)).astype(np.int32), 0)
values_case("u16_3d", rng.integers(0, 5, (3, 4, 2)).astype(np.uint16))

np.savez_compressed("tests/data/ndimage/measure.npz", **out)
print(len(out), "arrays")
