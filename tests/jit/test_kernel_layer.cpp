// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernel layer as docs/kernels.md shows it to a newcomer: a routine whose kernel lives in an
// embedded header (kernels/cupp/example_axpy.cuh), reached through routine_kernel and launched by
// the launch rule.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cuda/launch.hpp"
#include "cupp/array.hpp"
#include "cupp/jit/compiler.hpp"
#include "jit/registry.hpp"
#include "support/gpu.hpp"

namespace {

// example-begin routine
/// The preamble that picks the variant of T: the element type and the kernel's name.
template <class T>
std::string axpy_preamble(const std::string& name) {
  return std::string("typedef ") + (sizeof(T) == 4 ? "float" : "double") + " cupp_t;\n" +
         "#define CUPP_AXPY_NAME " + name + "\n";
}

/// y = a x + y over two C-contiguous arrays of one size (float or double).
template <class T>
void axpy(T a, const cupp::ndarray<T>& x, cupp::ndarray<T>& y) {
  const std::string name = std::string("cupp_example_axpy_") + cupp::dtype_name(cupp::dtype_of<T>);
  // Compiled at its first launch, then kept by the registry for the life of the process.
  const cupp::RawKernel& kernel = cupp::jit::detail::routine_kernel(
      "cupp/example_axpy.cuh", axpy_preamble<T>(name), name);
  const std::int64_t n = x.size();
  if (n == 0) return;
  // A grid-stride loop: one wave of resident blocks (Note [Launch rule]).
  const unsigned threads = 256;
  kernel({cupp::detail::resident_blocks(kernel, n, threads)}, {threads}, x, y, a,
         static_cast<long long>(n));
}
// example-end

// Each variant compiles with NVRTC for sm_90 (no GPU needed) and defines its kernel by its name.
TEST(KernelLayer, ExampleRoutineCompilesForSm90) {
  auto& compiler = cupp::jit::get_default_compiler();
  for (const auto& [preamble, name] :
       {std::make_pair(axpy_preamble<float>("cupp_example_axpy_float32"),
                       std::string("cupp_example_axpy_float32")),
        std::make_pair(axpy_preamble<double>("cupp_example_axpy_float64"),
                       std::string("cupp_example_axpy_float64"))}) {
    const std::string source = cupp::jit::detail::routine_source("cupp/example_axpy.cuh", preamble);
    std::shared_ptr<const cupp::jit::compiled_module> m;
    EXPECT_NO_THROW(m = compiler.compile(source, {}, {}, 90)) << source;
    if (m) {
      EXPECT_NE(m->image.find(name), std::string::npos) << name;
    }
  }
}

// The same routine's kernel is one registry entry, however often it is asked for.
TEST(KernelLayer, RoutineKernelIsKept) {
  const std::string name = "cupp_example_axpy_float32";
  const cupp::RawKernel& a = cupp::jit::detail::routine_kernel(
      "cupp/example_axpy.cuh", axpy_preamble<float>(name), name);
  const cupp::RawKernel& b = cupp::jit::detail::routine_kernel(
      "cupp/example_axpy.cuh", axpy_preamble<float>(name), name);
  EXPECT_EQ(&a, &b);
  EXPECT_EQ(a.name(), name);
}

class KernelLayerGpu : public cupp::test::GpuTest {};

template <class T>
void check_axpy(std::int64_t n) {
  std::vector<T> hx(static_cast<std::size_t>(n)), hy(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    hx[static_cast<std::size_t>(i)] = static_cast<T>(i % 97) / T(4);
    hy[static_cast<std::size_t>(i)] = static_cast<T>(i % 13);
  }
  cupp::ndarray<T> x(cupp::shape_t{n}), y(cupp::shape_t{n});
  x.set(hx);
  y.set(hy);
  axpy(T(3), x, y);
  const std::vector<T> got = y.get();
  ASSERT_EQ(got.size(), hy.size());
  // Exact: every value is a small multiple of 1/4, so a * x + y rounds nowhere.
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], T(3) * hx[i] + hy[i]) << i;
}

TEST_F(KernelLayerGpu, ExampleRoutineMatchesTheHost) {
  check_axpy<float>(1);
  check_axpy<float>(1000);
  check_axpy<double>(1 << 20);  // more elements than one wave of threads: the loop strides
  cupp::ndarray<float> x(cupp::shape_t{0}), y(cupp::shape_t{0});
  axpy(2.0f, x, y);  // nothing to do, nothing launched
}

}  // namespace
