#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""Cold start of cupp and CuPy: the first use of 30 expressions and reductions in a fresh process.

cupp three ways (bench/coldstart/cupp_coldstart.cpp): an empty kernel cache, a warm disk cache,
and an empty cache with a kernel bundle of the program's kernels. CuPy two ways: an empty and a
warm kernel cache (CUPY_CACHE_DIR set to a new temporary directory). Every run is a new process,
timed from after its inputs are on the GPU to the end of the 30 operations; prints one table.

    python3 bench/coldstart/compare_coldstart.py [--cupp build-gpu/bench/cupp_coldstart]
                                                 [--repeat 3]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

# The same 30 operations as thirty() in cupp_coldstart.cpp, in the same order.
CHILD = r"""
import json, time
import numpy as np
import cupy as cp

n = 1 << 20
i = np.arange(n, dtype=np.float32)
x = cp.asarray(np.sin(np.float32(0.001) * i).astype(np.float32))
y = cp.asarray(np.cos(np.float32(0.0007) * i).astype(np.float32))
cp.cuda.Device().synchronize()

def thirty():
    m = x.reshape(1024, 1024)
    return [
        x + y, x * y - 1, cp.sin(x), cp.cos(x) * y, cp.exp(-cp.abs(x)),
        cp.sqrt(cp.abs(x) + 1), cp.log1p(cp.abs(y)), cp.tanh(x * 0.5), cp.maximum(x, y),
        cp.minimum(x, y) * 2, cp.where(x > y, x, y - x), x * x + y * y, cp.hypot(x, y),
        cp.arctan2(y, x), cp.clip(x, -0.5, 0.5), cp.floor(x * 10), (x - y) / (cp.abs(y) + 1),
        cp.logaddexp(x, y), cp.square(x - 0.25), x.astype(cp.float64),
        cp.sum(x), cp.mean(y), cp.max(x), cp.min(y), cp.sum(x * y), cp.sum(m, axis=0),
        cp.mean(m, axis=1), cp.argmax(x), cp.var(x), cp.any(x > 0.99),
    ]

t = time.perf_counter()
thirty()
cp.cuda.Device().synchronize()
first = (time.perf_counter() - t) * 1e3
t = time.perf_counter()
thirty()
cp.cuda.Device().synchronize()
hot = (time.perf_counter() - t) * 1e3
print(json.dumps({"first_ms": first, "hot_ms": hot}))
"""


def cupy_run(cache_dir):
    env = dict(os.environ, CUPY_CACHE_DIR=cache_dir)
    out = subprocess.run([sys.executable, "-c", CHILD], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def cupy_rows(repeat):
    empty, warm = [], []
    with tempfile.TemporaryDirectory(prefix="cupy-coldstart-") as root:
        for r in range(repeat):
            cache = os.path.join(root, "cache%d" % r)
            empty.append(cupy_run(cache))
            warm.append(cupy_run(cache))
    med = lambda runs, k: statistics.median(run[k] for run in runs)
    return ({"first_ms": med(empty, "first_ms"), "hot_ms": med(empty, "hot_ms")},
            {"first_ms": med(warm, "first_ms"), "hot_ms": med(warm, "hot_ms")})


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "..", "build-gpu", "bench", "cupp_coldstart")
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--cupp", default=default, help="the cupp_coldstart binary")
    p.add_argument("--repeat", type=int, default=3, help="runs per row (the median is shown)")
    p.add_argument("--no-cupy", action="store_true", help="cupp's rows only")
    args = p.parse_args()

    out = subprocess.run([args.cupp, "--json", "--repeat", str(args.repeat)], check=True,
                         capture_output=True, text=True).stdout
    cupp = json.loads(out)
    rows = [("cupp, empty cache", cupp["empty"]), ("cupp, warm disk cache", cupp["warm"]),
            ("cupp, bundle (empty cache)", cupp["bundle"])]
    if not args.no_cupy:
        cupy_empty, cupy_warm = cupy_rows(args.repeat)
        rows += [("CuPy, empty cache", cupy_empty), ("CuPy, warm cache", cupy_warm)]

    warm = cupp["warm"]["first_ms"]
    print("Cold start: 30 expressions and reductions, first use in a fresh process "
          "(median of %d runs, sm_%d)" % (args.repeat, cupp["sm"]))
    print("| program | first use (ms) | vs cupp warm | second use (ms) | NVRTC compiles |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, r in rows:
        compiles = str(r["compiles"]) if "compiles" in r else "n/a"
        print("| %s | %.1f | %+.1f%% | %.1f | %s |" % (
            name, r["first_ms"], 100.0 * (r["first_ms"] - warm) / warm, r["hot_ms"], compiles))
    empty = cupp["empty"]
    if empty["compiles"]:
        print("cupp compiling: %.1f ms per kernel ((empty - warm) / %d kernels)" % (
            (empty["first_ms"] - warm) / empty["compiles"], empty["compiles"]))
    print("(bundle built for sm_%d in %.1f s)" % (cupp["sm"], cupp["bundle_build_ms"] / 1e3))


if __name__ == "__main__":
    main()
