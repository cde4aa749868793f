// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// ndarray arguments of RawKernel launches: the device pointer of a C-contiguous view, a
// value_error for any other layout.
#include <gtest/gtest.h>

#include <vector>

#include "cupp/array.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::slice;

class KernelArguments : public cupp::test::GpuTest {};

constexpr const char* kScale = R"(
extern "C" __global__ void scale(double* x, double f, long long n) {
  long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] *= f;
})";

TEST_F(KernelArguments, AContiguousViewPassesItsOffsetPointer) {
  cupp::RawKernel scale(kScale, "scale");
  std::vector<double> host(40);
  for (std::size_t i = 0; i < host.size(); ++i) host[i] = static_cast<double>(i) + 0.5;
  auto a = cupp::asarray<double>(host, {4, 10});
  auto row = a(2);  // a[2]: contiguous, 20 elements past the start of the allocation
  ASSERT_TRUE(row.is_c_contiguous());
  EXPECT_EQ(row.offset(), 20 * 8);
  scale({1}, {32}, row, 3.0, static_cast<long long>(row.size()));
  std::vector<double> expected = host;
  for (std::size_t i = 20; i < 30; ++i) expected[i] *= 3.0;
  EXPECT_EQ(a.get(), expected);
}

TEST_F(KernelArguments, NonContiguousArraysAreRejected) {
  cupp::RawKernel scale(kScale, "scale");
  auto a = cupp::ones<double>({4, 10});
  const long long n = 20;
  EXPECT_THROW(scale({1}, {32}, a(slice(), slice(0, 10, 2)), 2.0, n), cupp::value_error);
  try {
    scale({1}, {32}, a(slice(), 1), 2.0, n);
    FAIL();
  } catch (const cupp::value_error& e) {
    EXPECT_NE(std::string(e.what()).find("non-contiguous"), std::string::npos) << e.what();
  }
  // Nothing was launched, and the array is unchanged.
  EXPECT_EQ(a.get(), std::vector<double>(40, 1.0));
}

TEST_F(KernelArguments, FortranContiguousArraysPassTheirPointer) {
  // An F-contiguous array is one block of memory in column order: the kernel gets its pointer,
  // as CuPy passes it (docs/jit.md).
  cupp::RawKernel scale(kScale, "scale");
  auto a = cupp::ones<double>({4, 10});
  auto t = a.T();
  ASSERT_TRUE(t.is_f_contiguous());
  scale({1}, {32}, t, 2.0, static_cast<long long>(20));
  std::vector<double> expected(40, 1.0);
  for (std::size_t i = 0; i < 20; ++i) expected[i] = 2.0;
  EXPECT_EQ(a.get(), expected);
}

}  // namespace
