#!/usr/bin/env bash
# Runs already-built test binaries on a machine with a GPU: each binary split into gtest shards
# that run side by side (one per core), then the tests that take most of the device's memory, one
# at a time. For checking binaries built elsewhere for the same architecture.
# Usage: scripts/run_test_binaries.sh LOGDIR BINARY...
set -uo pipefail
logdir=${1:?usage: scripts/run_test_binaries.sh LOGDIR BINARY...}
shift
mkdir -p "$logdir"
export CUPP_REQUIRE_GPU=1
export CUPP_CACHE_DIR=${CUPP_CACHE_DIR:-$(mktemp -d)}
alone='*MemoryPoolGpu*:*Above2To31*:*SixtyFourBit*'
shards=$(nproc)
status=0
for bin in "$@"; do
  name=$(basename "$bin")
  pids=()
  for ((i = 0; i < shards; ++i)); do
    GTEST_TOTAL_SHARDS=$shards GTEST_SHARD_INDEX=$i "$bin" --gtest_filter="-$alone" \
      >"$logdir/$name.shard$i.log" 2>&1 &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || status=1; done
  "$bin" --gtest_filter="$alone" >"$logdir/$name.alone.log" 2>&1 || status=1
done
# Totals over every log: gtest prints "[  PASSED  ] n tests." and "[  FAILED  ] n tests" per run.
passed=$(grep -h '^\[  PASSED  \]' "$logdir"/*.log | awk '{s += $4} END {print s + 0}')
failed=$(grep -h '^\[  FAILED  \] [0-9]* test' "$logdir"/*.log | awk '{s += $4} END {print s + 0}')
skipped=$(grep -h '^\[  SKIPPED \] [0-9]* test' "$logdir"/*.log | awk '{s += $4} END {print s + 0}')
echo "tests: $passed passed, $failed failed, $skipped skipped"
grep -h '^\[  FAILED  \] [A-Za-z]' "$logdir"/*.log | sort -u | head -40
exit $status
