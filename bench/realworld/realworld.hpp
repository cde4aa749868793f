// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// What the real-program benchmarks share: their command line, reading and writing the arrays that
// compare_realworld.py exchanges with them, reading a kernel's source, and the timing.
//
// Array files: an 8-byte NumPy type string ("<f4", "<f8", "<i4", "<i8", padded with NUL), the
// number of dimensions and each dimension as little-endian int64, then the elements in C order.
#pragma once

#include <cupp/array.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace realworld {

/// The command line of one program: where its inputs are and its outputs go, where the shared
/// kernel sources are, and how many timed repetitions to run.
struct options {
  std::string data_dir = ".";
  std::string kernel_dir = ".";
  int reps = 7;
};

template <class T>
const char* type_string() {
  if constexpr (std::is_same_v<T, float>) return "<f4";
  if constexpr (std::is_same_v<T, double>) return "<f8";
  if constexpr (std::is_same_v<T, std::int32_t>) return "<i4";
  if constexpr (std::is_same_v<T, std::int64_t>) return "<i8";
}

/// Reads `<data_dir>/<name>.bin`, written by compare_realworld.py, into a new device array.
template <class T>
cupp::ndarray<T> read_array(const options& opt, const std::string& name) {
  const std::string path = opt.data_dir + "/" + name + ".bin";
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot open " + path);
  char tag[8] = {};
  std::int64_t ndim = 0;
  f.read(tag, 8);
  f.read(reinterpret_cast<char*>(&ndim), 8);
  if (std::strncmp(tag, type_string<T>(), 8) != 0)
    throw std::runtime_error(path + " holds " + std::string(tag, strnlen(tag, 8)) + ", not " +
                             type_string<T>());
  cupp::shape_t shape(static_cast<std::size_t>(ndim));
  f.read(reinterpret_cast<char*>(shape.data()), 8 * ndim);
  std::int64_t size = 1;
  for (std::int64_t d : shape) size *= d;
  std::vector<T> values(static_cast<std::size_t>(size));
  f.read(reinterpret_cast<char*>(values.data()), static_cast<std::streamsize>(sizeof(T) * size));
  if (!f) throw std::runtime_error(path + " is shorter than its header says");
  return cupp::asarray<T>(values, shape);
}

/// Writes `a` to `<data_dir>/<name>.bin` for compare_realworld.py to check.
template <class T>
void write_array(const options& opt, const std::string& name, const cupp::ndarray<T>& a) {
  const std::string path = opt.data_dir + "/" + name + ".bin";
  std::ofstream f(path, std::ios::binary);
  char tag[8] = {};
  std::strncpy(tag, type_string<T>(), 8);
  const std::int64_t ndim = a.ndim();
  f.write(tag, 8);
  f.write(reinterpret_cast<const char*>(&ndim), 8);
  f.write(reinterpret_cast<const char*>(a.shape().data()), 8 * ndim);
  const std::vector<T> values = a.get();
  f.write(reinterpret_cast<const char*>(values.data()),
          static_cast<std::streamsize>(sizeof(T) * values.size()));
  if (!f) throw std::runtime_error("cannot write " + path);
}

/// The text of `<kernel_dir>/<file>`: a kernel source that the CuPy side reads too.
inline std::string read_source(const options& opt, const std::string& file) {
  const std::string path = opt.kernel_dir + "/" + file;
  std::ifstream f(path);
  if (!f) throw std::runtime_error("cannot open " + path);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

/// Times `run` (the whole program, inputs already on the device) as compare_realworld.py times
/// CuPy's: the first call on the host clock up to a device synchronisation (compiles and module
/// loads included), one more call as warm-up, then `reps` calls each between two CUDA events on
/// the current stream. Prints one JSON line: the first call and every timed call in milliseconds.
template <class F>
void time_program(const options& opt, const std::string& row, F&& run) {
  cupp::cuda::synchronize();
  const auto t0 = std::chrono::steady_clock::now();
  run();
  cupp::cuda::synchronize();
  const double first_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  run();
  cupp::cuda::synchronize();
  cupp::cuda::Event start, stop;
  std::vector<double> ms;
  for (int r = 0; r < opt.reps; ++r) {
    start.record();
    run();
    stop.record();
    stop.synchronize();
    ms.push_back(static_cast<double>(cupp::cuda::elapsed_ms(start, stop)));
  }
  std::printf("{\"row\": \"%s\", \"first_ms\": %.6f, \"ms\": [", row.c_str(), first_ms);
  for (std::size_t i = 0; i < ms.size(); ++i) std::printf("%s%.6f", i ? ", " : "", ms[i]);
  std::printf("]}\n");
  std::fflush(stdout);
}

/// One row of the comparison table: a program, or one way of writing it.
using program = std::function<void(const options&)>;

/// The rows, each defined in its own source file.
std::map<std::string, program>& programs();

/// Registers a row at static initialisation: `const bool registered = add("kmeans", run_kmeans);`.
inline bool add(const std::string& row, program p) {
  programs().emplace(row, std::move(p));
  return true;
}

}  // namespace realworld
