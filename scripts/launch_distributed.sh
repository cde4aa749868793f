#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Starts N processes of a cupp::distributed program on this host, one per GPU:
#   scripts/launch_distributed.sh N prog [args...]
# Each gets RANK, WORLD_SIZE, LOCAL_RANK and CUPP_DIST_INIT=tcp://127.0.0.1:PORT (PORT from
# CUPP_DIST_PORT, default 29500), and NCCL_NVLS_ENABLE=0 unless set. Exits with the first
# failing rank's status (the other ranks are stopped).
set -u
if [ $# -lt 2 ]; then
  echo "usage: $0 N prog [args...]" >&2
  exit 2
fi
n=$1
shift
port=${CUPP_DIST_PORT:-29500}
export WORLD_SIZE=$n CUPP_DIST_INIT="tcp://127.0.0.1:$port"
export NCCL_NVLS_ENABLE=${NCCL_NVLS_ENABLE:-0}
pids=()
for ((r = 0; r < n; r++)); do
  RANK=$r LOCAL_RANK=$r "$@" &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do
  wait "$pid"
  rc=$?
  if [ $rc -ne 0 ]; then
    if [ $status -eq 0 ]; then
      status=$rc
      for other in "${pids[@]}"; do kill "$other" 2>/dev/null; done
    fi
  fi
done
exit $status
