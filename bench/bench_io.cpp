// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Writing and reading .npy files of float32 (16 MiB and 1 GiB) in a temporary directory of the
// system's temporary folder ($TMPDIR): cupp::save from a device array and cupp::load into a new
// one, wall-clock time per call (each ends with the data on disk, or on the device). Compared with
// cupy.save and cupy.load (which go through NumPy and a host copy) by bench/compare_cupy.py, the
// io_ rows. The file just written is in the page cache, so a load reads memory, not the disk, on
// both sides. Each save writes a new file (save-0.npy, save-1.npy, ...), as a program saving its
// results does: replacing an existing file makes ext4 write the new data back at once (its
// auto_da_alloc rule for files renamed or truncated over others), which would time the disk, not
// the save.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <system_error>
#include <utility>

#include "bench_util.hpp"
#include "cupp/array.hpp"

namespace {

/// A directory of its own under the temporary folder, removed with its files at exit.
const std::string& bench_dir() {
  struct dir {
    std::filesystem::path path;
    dir() {
      path =
          std::filesystem::temp_directory_path() / ("cupp-bench-io-" + std::to_string(::getpid()));
      std::filesystem::create_directories(path);
    }
    ~dir() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  };
  static const dir d;
  static const std::string s = d.path.string();
  return s;
}

/// Calls per timed loop: about 64 MiB of file, at least one.
int calls(std::int64_t bytes) {
  return static_cast<int>(std::max<std::int64_t>(1, (std::int64_t{64} << 20) / bytes));
}

void save_npy(benchmark::State& state, std::int64_t bytes) {
  if (!cupp::bench::need_gpu(state)) return;
  const auto a = cupp::ones<float>({bytes / 4});
  int next = 0;
  cupp::bench::time_host(
      state, [&] { cupp::save(bench_dir() + "/save-" + std::to_string(next++) + ".npy", a); },
      calls(bytes));
  for (int i = 0; i < next; ++i)
    std::filesystem::remove(bench_dir() + "/save-" + std::to_string(i) + ".npy");
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * bytes);
}

void load_npy(benchmark::State& state, std::int64_t bytes) {
  if (!cupp::bench::need_gpu(state)) return;
  const std::string file = bench_dir() + "/load.npy";
  cupp::save(file, cupp::ones<float>({bytes / 4}));
  cupp::bench::time_host(
      state,
      [&] {
        const cupp::array b = cupp::load(file);
        benchmark::DoNotOptimize(b.data());
      },
      calls(bytes));
  std::filesystem::remove(file);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * bytes);
}

const bool kRegistered = [] {
  const std::pair<const char*, std::int64_t> sizes[] = {{"16MiB", std::int64_t{16} << 20},
                                                        {"1GiB", std::int64_t{1} << 30}};
  for (const auto& [suffix, bytes] : sizes) {
    const std::int64_t b = bytes;
    const int iterations = b >= (std::int64_t{1} << 30) ? 2 : 3;
    benchmark::RegisterBenchmark((std::string("io_save_npy_f32_") + suffix).c_str(),
                                 [b](benchmark::State& st) { save_npy(st, b); })
        ->UseManualTime()
        ->Iterations(iterations)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark((std::string("io_load_npy_f32_") + suffix).c_str(),
                                 [b](benchmark::State& st) { load_npy(st, b); })
        ->UseManualTime()
        ->Iterations(iterations)
        ->Unit(benchmark::kMillisecond);
  }
  return true;
}();

}  // namespace
