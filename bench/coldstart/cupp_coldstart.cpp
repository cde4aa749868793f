// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Cold start: the time a program's first use of 30 distinct expressions and reductions takes,
// three ways, each in a fresh process: an empty kernel cache, a warm disk cache, and an empty
// cache with a kernel bundle of the program's kernels (docs/jit.md, "Kernel bundles").
// bench/coldstart/compare_coldstart.py runs the same 30 operations in CuPy and prints one table.
//
//   cupp_coldstart [--repeat N] [--json]   the three ways (needs a GPU)
//   cupp_coldstart --nvrtc [--arch 90] [--with-option OPT]...
//                                          NVRTC's time per generated kernel (no GPU needed),
//                                          beside the time with extra NVRTC options
//   cupp_coldstart --child                 one run: the 30 operations twice, timed
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include <cupp/array.hpp>
#include <cupp/jit/bundle.hpp>
#include <cupp/jit/compiler.hpp>

#include "support/shaped.hpp"
#include "support/test_kernels.hpp"

namespace {

using cupp::ndarray;
using clock_type = std::chrono::steady_clock;

double ms_since(clock_type::time_point start) {
  return std::chrono::duration<double, std::milli>(clock_type::now() - start).count();
}

// The 30 operations, as bench/coldstart/compare_coldstart.py writes them for CuPy (same order).
// x, y: float32 vectors of 2^20 elements; m: x viewed as 1024 x 1024.
template <class Keep>
void thirty(const ndarray<float>& x, const ndarray<float>& y, Keep&& keep) {
  const ndarray<float> m = x.reshape({1024, 1024});
  keep(ndarray<float>(x + y));                            //  1 x + y
  keep(ndarray<float>(x * y - 1.0f));                     //  2 x * y - 1
  keep(ndarray<float>(cupp::sin(x)));                     //  3 sin(x)
  keep(ndarray<float>(cupp::cos(x) * y));                 //  4 cos(x) * y
  keep(ndarray<float>(cupp::exp(-cupp::abs(x))));         //  5 exp(-abs(x))
  keep(ndarray<float>(cupp::sqrt(cupp::abs(x) + 1.0f)));  //  6 sqrt(abs(x) + 1)
  keep(ndarray<float>(cupp::log1p(cupp::abs(y))));        //  7 log1p(abs(y))
  keep(ndarray<float>(cupp::tanh(x * 0.5f)));             //  8 tanh(x * 0.5)
  keep(ndarray<float>(cupp::maximum(x, y)));              //  9 maximum(x, y)
  keep(ndarray<float>(cupp::minimum(x, y) * 2.0f));       // 10 minimum(x, y) * 2
  keep(ndarray<float>(cupp::where(x > y, x, y - x)));     // 11 where(x > y, x, y - x)
  keep(ndarray<float>(x * x + y * y));                    // 12 x * x + y * y
  keep(ndarray<float>(cupp::hypot(x, y)));                // 13 hypot(x, y)
  keep(ndarray<float>(cupp::arctan2(y, x)));              // 14 arctan2(y, x)
  keep(ndarray<float>(cupp::clip(x, -0.5f, 0.5f)));       // 15 clip(x, -0.5, 0.5)
  keep(ndarray<float>(cupp::floor(x * 10.0f)));           // 16 floor(x * 10)
  keep(ndarray<float>((x - y) / (cupp::abs(y) + 1.0f)));  // 17 (x - y) / (abs(y) + 1)
  keep(ndarray<float>(cupp::logaddexp(x, y)));            // 18 logaddexp(x, y)
  keep(ndarray<float>(cupp::square(x - 0.25f)));          // 19 square(x - 0.25)
  keep(x.astype<double>());                               // 20 x.astype(float64)
  keep(cupp::sum(x));                                     // 21 sum(x)
  keep(cupp::mean(y));                                    // 22 mean(y)
  keep(cupp::max(x));                                     // 23 max(x)
  keep(cupp::min(y));                                     // 24 min(y)
  keep(cupp::sum(x * y));                                 // 25 sum(x * y)
  keep(cupp::sum(m, 0));                                  // 26 sum(m, axis=0)
  keep(cupp::mean(m, 1));                                 // 27 mean(m, axis=1)
  keep(cupp::argmax(x));                                  // 28 argmax(x)
  keep(cupp::var(x));                                     // 29 var(x)
  keep(cupp::any(x > 0.99f));                             // 30 any(x > 0.99)
}

/// One run, in the process started for it: the operations once from cold, then once more (all
/// kernels in memory). Prints one line of key=value pairs.
int child() {
  const auto process_start = clock_type::now();
  const std::size_t n = std::size_t{1} << 20;
  std::vector<float> hx(n), hy(n);
  for (std::size_t i = 0; i < n; ++i) {
    hx[i] = std::sin(0.001f * static_cast<float>(i));
    hy[i] = std::cos(0.0007f * static_cast<float>(i));
  }
  // Context, pool and copies first: the same in every mode, and not what is measured.
  const ndarray<float> x = cupp::asarray<float>(hx);
  const ndarray<float> y = cupp::asarray<float>(hy);
  cupp::cuda::synchronize();
  auto& compiler = cupp::jit::get_default_compiler();
  compiler.reset_stats();

  std::size_t kept = 0;
  auto keep = [&](const auto& a) { kept += static_cast<std::size_t>(a.size()); };
  const auto first_start = clock_type::now();
  thirty(x, y, keep);
  cupp::cuda::synchronize();
  const double first = ms_since(first_start);
  const auto s = compiler.stats();
  const auto hot_start = clock_type::now();
  thirty(x, y, keep);
  cupp::cuda::synchronize();
  const double hot = ms_since(hot_start);
  std::printf(
      "coldstart first_ms=%.2f hot_ms=%.2f process_ms=%.2f compiles=%llu disk_hits=%llu "
      "bundle_hits=%llu loads=%llu elements=%zu\n",
      first, hot, ms_since(process_start), static_cast<unsigned long long>(s.compiles),
      static_cast<unsigned long long>(s.disk_hits), static_cast<unsigned long long>(s.bundle_hits),
      static_cast<unsigned long long>(s.loads), kept);
  return 0;
}

struct run_result {
  double first_ms = 0, hot_ms = 0, process_ms = 0;
  unsigned long long compiles = 0, disk_hits = 0, bundle_hits = 0;
};

std::string self_path() {
  char exe[4096];
  const ssize_t len = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (len <= 0) throw std::runtime_error("cannot find this program's path");
  exe[len] = '\0';
  return exe;
}

run_result run_child(const std::string& env) {
  const std::string cmd = "env " + env + " '" + self_path() + "' --child";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("popen failed");
  std::string out;
  char buf[4096];
  for (std::size_t k; (k = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, k);
  if (::pclose(pipe) != 0) throw std::runtime_error("the run failed: " + cmd + "\n" + out);
  run_result r;
  const auto line = out.find("coldstart ");
  if (line == std::string::npos ||
      std::sscanf(out.c_str() + line,
                  "coldstart first_ms=%lf hot_ms=%lf process_ms=%lf compiles=%llu disk_hits=%llu "
                  "bundle_hits=%llu",
                  &r.first_ms, &r.hot_ms, &r.process_ms, &r.compiles, &r.disk_hits,
                  &r.bundle_hits) != 6)
    throw std::runtime_error("unexpected output of " + cmd + ":\n" + out);
  return r;
}

run_result median(std::vector<run_result> runs) {
  auto mid = [&](auto field) {
    std::vector<double> v;
    for (const auto& r : runs) v.push_back(field(r));
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  run_result m = runs.front();
  m.first_ms = mid([](const run_result& r) { return r.first_ms; });
  m.hot_ms = mid([](const run_result& r) { return r.hot_ms; });
  m.process_ms = mid([](const run_result& r) { return r.process_ms; });
  return m;
}

int three_ways(int repeat, bool json) {
  if (!cupp::cuda::is_available()) {
    std::fprintf(stderr, "cupp_coldstart: no GPU (try --nvrtc for the compile times)\n");
    return 1;
  }
  namespace fs = std::filesystem;
  std::string pattern = (fs::temp_directory_path() / "cupp-coldstart-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  const std::string root = pattern;
  const std::string record = root + "/coldstart.record";
  const std::string bundle = root + "/coldstart.cuppbundle";
  auto dir = [&](const std::string& name) { return "CUPP_CACHE_DIR='" + root + "/" + name + "'"; };

  // The program's kernels, recorded by a run of its own (not timed), built for this GPU.
  (void)run_child(dir("record") + " CUPP_RECORD_KERNELS='" + record + "'");
  const int cc = cupp::cuda::Device().compute_capability();
  const auto build_start = clock_type::now();
  const std::string bytes =
      cupp::jit::build_kernel_bundle(cupp::jit::read_kernel_records(record), {cc}, 0);
  const double build_ms = ms_since(build_start);
  std::ofstream(bundle, std::ios::binary)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));

  std::vector<run_result> empty, warm, bundled;
  for (int i = 0; i < repeat; ++i) {
    const std::string cache = "cache" + std::to_string(i);
    empty.push_back(run_child(dir(cache)));  // fills cache<i>
    warm.push_back(run_child(dir(cache)));
    bundled.push_back(
        run_child(dir("bundle" + std::to_string(i)) + " CUPP_KERNEL_BUNDLE='" + bundle + "'"));
  }
  const run_result e = median(empty), w = median(warm), b = median(bundled);
  std::error_code ec;
  fs::remove_all(root, ec);

  if (json) {
    auto row = [](const char* name, const run_result& r) {
      std::printf(
          "  \"%s\": {\"first_ms\": %.2f, \"hot_ms\": %.2f, \"compiles\": %llu, "
          "\"disk_hits\": %llu, \"bundle_hits\": %llu},\n",
          name, r.first_ms, r.hot_ms, r.compiles, r.disk_hits, r.bundle_hits);
    };
    std::printf("{\n");
    row("empty", e);
    row("warm", w);
    row("bundle", b);
    std::printf("  \"bundle_build_ms\": %.1f, \"sm\": %d\n}\n", build_ms, cc);
    return 0;
  }
  std::printf(
      "cupp cold start: 30 expressions and reductions, first use in a fresh process "
      "(median of %d), sm_%d\n",
      repeat, cc);
  std::printf("%-22s %12s %12s %9s %10s %12s\n", "", "first (ms)", "vs warm", "compiles",
              "disk hits", "bundle hits");
  auto row = [&](const char* name, const run_result& r) {
    std::printf("%-22s %12.1f %+11.1f%% %9llu %10llu %12llu\n", name, r.first_ms,
                100.0 * (r.first_ms - w.first_ms) / w.first_ms, r.compiles, r.disk_hits,
                r.bundle_hits);
  };
  row("empty cache", e);
  row("warm disk cache", w);
  row("bundle, empty cache", b);
  std::printf("second pass (all in memory): %.1f ms; bundle built in %.1f s\n", w.hot_ms,
              build_ms / 1000.0);
  if (e.compiles > 0)
    std::printf("compiling: %.1f ms per kernel ((empty - warm) / %llu kernels compiled)\n",
                (e.first_ms - w.first_ms) / static_cast<double>(e.compiles), e.compiles);
  return 0;
}

// ---- NVRTC time per generated kernel, without a GPU -------------------------------------------

template <class E>
std::string elementwise_source(const E&, cupp::dtype out) {
  return cupp::expr::family_of<E>().source(out, 0, false);
}

template <class Op, cupp::dtype Acc, class E>
std::string reduction_source(const E&, cupp::dtype out) {
  return cupp::expr::reduce_family_of<E, Op, Acc>().source(
      out, 0, 1, cupp::expr::detail::reduce_mode::inner_vector, false);
}

/// The median of three NVRTC compilations of `source` with `options`, in ms.
double nvrtc_ms(const std::string& source, const std::vector<std::string>& options, int arch) {
  std::vector<double> t;
  for (int i = 0; i < 3; ++i) {
    cupp::jit::compiler c("");  // no cache: every compile is NVRTC's
    const auto start = clock_type::now();
    (void)c.compile(source, options, {}, arch);
    t.push_back(ms_since(start));
  }
  std::sort(t.begin(), t.end());
  return t[1];
}

int nvrtc_times(int arch, const std::vector<std::string>& extra) {
  using cupp::dtype;
  using namespace cupp::expr;
  const auto x = cupp::test::shaped<float>({1 << 20}, 0x1000);
  const auto y = cupp::test::shaped<float>({1 << 20}, 0x2000);
  std::vector<std::pair<std::string, std::string>> kernels = {
      {"x + y", elementwise_source(x + y, dtype::float32)},
      {"x * y - 1", elementwise_source(x * y - 1.0f, dtype::float32)},
      {"sin(x)", elementwise_source(cupp::sin(x), dtype::float32)},
      {"exp(-abs(x))", elementwise_source(cupp::exp(-cupp::abs(x)), dtype::float32)},
      {"where(x > y, x, y - x)", elementwise_source(cupp::where(x > y, x, y - x), dtype::float32)},
      {"hypot(x, y)", elementwise_source(cupp::hypot(x, y), dtype::float32)},
      {"clip(x, -0.5, 0.5)", elementwise_source(cupp::clip(x, -0.5f, 0.5f), dtype::float32)},
      {"(x - y) / (abs(y) + 1)",
       elementwise_source((x - y) / (cupp::abs(y) + 1.0f), dtype::float32)},
      {"logaddexp(x, y)", elementwise_source(cupp::logaddexp(x, y), dtype::float32)},
      {"x -> float64", elementwise_source(x, dtype::float64)},
      {"sum(x)", reduction_source<red_sum, dtype::float32>(x, dtype::float32)},
      {"max(x)", reduction_source<red_max, dtype::float32>(x, dtype::float32)},
      {"sum(x * y)", reduction_source<red_sum, dtype::float32>(x * y, dtype::float32)},
      {"argmax(x)", reduction_source<red_argmax, dtype::float32>(x, dtype::int64)},
  };
  std::string with;
  for (const auto& o : extra) with += " " + o;
  std::printf("NVRTC %d.%d, sm_%d: compile time of one generated kernel (median of 3)\n",
              cupp::jit::compiler::nvrtc_version().first,
              cupp::jit::compiler::nvrtc_version().second, arch);
  std::printf("  %-26s %10s%s\n", "kernel", "ms",
              extra.empty() ? "" : ("  ms with" + with).c_str());
  // A trivial kernel: NVRTC's cost per program, whatever the program holds.
  kernels.insert(kernels.begin(), {"(trivial kernel)", cupp::test::kAddArrays});
  double total = 0, total_with = 0;
  for (std::size_t k = 0; k < kernels.size(); ++k) {
    const auto& [name, source] = kernels[k];
    const double t = nvrtc_ms(source, {}, arch);
    const double tw = extra.empty() ? 0.0 : nvrtc_ms(source, extra, arch);
    if (k > 0) {
      total += t;
      total_with += tw;
    }
    if (extra.empty())
      std::printf("  %-26s %10.1f\n", name.c_str(), t);
    else
      std::printf("  %-26s %10.1f %10.1f\n", name.c_str(), t, tw);
  }
  const double n = static_cast<double>(kernels.size() - 1);
  std::printf("average over the %zu generated kernels: %.1f ms", kernels.size() - 1, total / n);
  if (!extra.empty()) std::printf(", %.1f ms with%s", total_with / n, with.c_str());
  std::printf("\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::vector<std::string> args(argv + 1, argv + argc);
    int repeat = 3, arch = 90;
    std::vector<std::string> extra;
    bool json = false, nvrtc = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (args[i] == "--child") return child();
      if (args[i] == "--nvrtc") {
        nvrtc = true;
      } else if (args[i] == "--arch" && i + 1 < args.size()) {
        arch = std::atoi(args[++i].c_str());
      } else if (args[i] == "--with-option" && i + 1 < args.size()) {
        extra.push_back(args[++i]);
      } else if (args[i] == "--repeat" && i + 1 < args.size()) {
        repeat = std::max(1, std::atoi(args[++i].c_str()));
      } else if (args[i] == "--json") {
        json = true;
      } else {
        std::fprintf(stderr,
                     "usage: cupp_coldstart [--repeat N] [--json] | --nvrtc [--arch 90] "
                     "[--with-option OPT]... | --child\n");
        return 2;
      }
    }
    return nvrtc ? nvrtc_times(arch, extra) : three_ways(repeat, json);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "cupp_coldstart: %s\n", e.what());
    return 1;
  }
}
