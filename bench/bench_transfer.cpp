// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Copies between device arrays and pageable host memory, at sizes from 4 KB to 1 GB of float32:
// get() into a new std::vector, get(ptr) into the caller's memory, asarray from host memory and
// set() into an existing array. Wall-clock time per copy (each synchronises), compared with
// CuPy's get(), get(out=), asarray and set by bench/compare_cupy.py (the xfer_ rows).
//
// The caller's memory is allocated as NumPy allocates CuPy's side of the same rows: NumPy asks
// the kernel for 2 MB pages (madvise MADV_HUGEPAGE) for every array of 4 MiB or more, and a copy
// into or out of 2 MB pages runs faster than one over 4 KB pages (measured on the H100: CuPy's
// get(out=) at 256 MB, 19.1 ms into NumPy's memory, 29.4 ms with NUMPY_MADVISE_HUGEPAGE=0). The
// rows then compare the copies, not the page sizes of two allocators.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "bench_util.hpp"
#include "cupp/array.hpp"

namespace {

struct size_case {
  const char* name;
  std::int64_t bytes;
};
constexpr size_case kSizes[] = {
    {"4KB", std::int64_t{4} << 10},     {"64KB", std::int64_t{64} << 10},
    {"1MB", std::int64_t{1} << 20},     {"16MB", std::int64_t{16} << 20},
    {"256MB", std::int64_t{256} << 20}, {"1GB", std::int64_t{1} << 30}};

/// Copies per timed iteration: about 64 MB of them, from 1 to 1000, so that an iteration of
/// small copies is not one clock reading.
int copies_per_iteration(std::int64_t bytes) {
  return static_cast<int>(std::clamp<std::int64_t>((std::int64_t{64} << 20) / bytes, 1, 1000));
}

enum class kind { get_vector, get_into, asarray, set };

void transfer(benchmark::State& state, kind k, std::int64_t bytes) {
  if (!cupp::bench::need_gpu(state)) return;
  const std::int64_t n = bytes / 4;
  const int copies = copies_per_iteration(bytes);
  auto a = cupp::ones<float>({n});
  // NumPy's allocation: its pages advised before the first touch, from 4 MiB on.
  std::vector<float> host;
  host.reserve(static_cast<std::size_t>(n));
  if (bytes >= (std::int64_t{4} << 20))
    cupp::detail::advise_huge_pages(host.data(), static_cast<std::size_t>(bytes));
  host.assign(static_cast<std::size_t>(n), 1.0f);
  switch (k) {
    case kind::get_vector:
      cupp::bench::time_host(
          state,
          [&] {
            std::vector<float> v = a.get();
            benchmark::DoNotOptimize(v.data());
          },
          copies);
      break;
    case kind::get_into:
      cupp::bench::time_host(
          state, [&] { a.get(host.data()); }, copies);
      break;
    case kind::asarray:
      cupp::bench::time_host(
          state,
          [&] {
            auto d = cupp::asarray<float>(host);
            benchmark::DoNotOptimize(d.data());
          },
          copies);
      break;
    case kind::set:
      cupp::bench::time_host(
          state, [&] { a.set(host); }, copies);
      break;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * bytes);
}

const bool kRegistered = [] {
  const std::pair<const char*, kind> kinds[] = {{"xfer_d2h_get_", kind::get_vector},
                                                {"xfer_d2h_get_into_", kind::get_into},
                                                {"xfer_h2d_asarray_", kind::asarray},
                                                {"xfer_h2d_set_", kind::set}};
  for (const auto& [prefix, k] : kinds)
    for (const size_case& s : kSizes) {
      const std::string name = std::string(prefix) + s.name;
      const kind which = k;
      const std::int64_t bytes = s.bytes;
      benchmark::RegisterBenchmark(
          name.c_str(), [which, bytes](benchmark::State& st) { transfer(st, which, bytes); })
          ->UseManualTime()
          ->Iterations(bytes >= (std::int64_t{256} << 20) ? 2 : 3)
          ->Unit(benchmark::kMicrosecond);
    }
  return true;
}();

}  // namespace
