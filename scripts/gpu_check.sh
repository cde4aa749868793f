#!/usr/bin/env bash
# The whole check on a machine with a GPU, in one go: build with benchmarks, the test suite with
# CUPP_REQUIRE_GPU=1 (a skipped GPU test fails), the examples, and the benchmarks beside CuPy.
# Usage: scripts/gpu_check.sh LOGDIR [--no-bench]
set -uo pipefail
logdir=${1:?usage: scripts/gpu_check.sh LOGDIR [--no-bench]}
mkdir -p "$logdir"
cd "$(dirname "$0")/.."
status=0
export CUPP_REQUIRE_GPU=1
export CUPP_CACHE_DIR=${CUPP_CACHE_DIR:-$(mktemp -d)}

cmake --preset gpu >"$logdir/configure.log" 2>&1 || { tail -30 "$logdir/configure.log"; exit 1; }
cmake --build --preset gpu -j "$(nproc)" >"$logdir/build.log" 2>&1 || { grep -m20 -A5 'error' "$logdir/build.log"; exit 1; }
echo "build: ok"

# Tests that take most of the device's memory run alone; the rest share the GPU, one per core.
alone='MemoryPoolGpu|Above2To31|SixtyFourBit'
ctest --preset gpu -j "$(nproc)" -E "$alone" >"$logdir/ctest.log" 2>&1 || status=1
ctest --preset gpu -R "$alone" >"$logdir/ctest_alone.log" 2>&1 || status=1
grep -hE 'tests passed|tests failed|Failed|\*\*\*' "$logdir/ctest.log" "$logdir/ctest_alone.log" | tail -40

cmake --build --preset gpu --target run_examples >"$logdir/examples.log" 2>&1 || status=1
tail -5 "$logdir/examples.log"

if [ "${2:-}" != "--no-bench" ]; then
  python3 bench/compare_cupy.py --bench build-gpu/bench/cupp_bench --out "$logdir" || status=1
fi
exit $status
