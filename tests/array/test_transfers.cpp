// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// get() and get(T*) of arrays around the staging chunk's boundaries (Note [Staged device-to-host
// copies] in src/core/array_desc.cpp), for every dtype, contiguous arrays and views.
#include <cuda_runtime_api.h>
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "support/dtypes.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::shape_t;
using cupp::slice;
using cupp::test::iota_values;
using cupp::test::same_bits;
using cupp::test::value_at;

/// Elements of T in one staging piece. value_at repeats every 97 elements (3 for bool), and a
/// piece holds a power of two of them, so a piece landing in the wrong place changes the values.
template <class T>
constexpr std::int64_t chunk_elements() {
  return static_cast<std::int64_t>(cupp::detail::kStagingChunk / sizeof(T));
}

/// The sizes to check: empty, one element, and around one, two and three and a half pieces; and
/// nine pieces and a little, so that each of get(T*)'s staging threads (from two pieces on)
/// takes several pieces and reuses its blocks.
template <class T>
std::vector<std::int64_t> boundary_sizes() {
  const std::int64_t c = chunk_elements<T>();
  return {0, 1, c - 1, c, c + 1, 2 * c, 2 * c + 1, 7 * c / 2, 9 * c + 1};
}

template <class T>
::testing::AssertionResult same_values(const std::vector<T>& got, const std::vector<T>& want) {
  if (got.size() != want.size())
    return ::testing::AssertionFailure() << got.size() << " elements, expected " << want.size();
  for (std::size_t i = 0; i < want.size(); ++i)
    if (!same_bits<T>(got[i], want[i])) return ::testing::AssertionFailure() << "at " << i;
  return ::testing::AssertionSuccess();
}

template <class T>
class Transfers : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(Transfers, cupp::test::AllDtypes);

TYPED_TEST(Transfers, GetAroundChunkBoundaries) {
  using T = TypeParam;
  for (const std::int64_t n : boundary_sizes<T>()) {
    SCOPED_TRACE("n = " + std::to_string(n));
    const std::vector<T> host = iota_values<T>(n);
    auto a = cupp::empty<T>({n});
    a.set(host);
    EXPECT_TRUE(same_values(a.get(), host));
    if constexpr (!std::is_same_v<T, bool>) {
      // get(T*) writes exactly n elements of caller memory, and nothing around them.
      const T poison = value_at<T>(5);
      std::vector<T> out(static_cast<std::size_t>(n + 2), poison);
      a.get(out.data() + 1);
      EXPECT_TRUE(same_bits(out.front(), poison));
      EXPECT_TRUE(same_bits(out.back(), poison));
      EXPECT_TRUE(same_values(std::vector<T>(out.begin() + 1, out.end() - 1), host));
    }
  }
}

TYPED_TEST(Transfers, GetOfViewsAcrossChunks) {
  using T = TypeParam;
  const std::int64_t c = chunk_elements<T>();
  const std::int64_t rows = 7, cols = c / 2 + 3;  // 3.5 pieces and a little
  const std::vector<T> host = iota_values<T>(rows * cols);
  auto a = cupp::empty<T>({rows, cols});
  a.set(host);
  auto at = [&](std::int64_t i, std::int64_t j) {
    return host[static_cast<std::size_t>(i * cols + j)];
  };

  std::vector<T> want;  // a.T(): F-order memory, C-order result
  for (std::int64_t j = 0; j < cols; ++j)
    for (std::int64_t i = 0; i < rows; ++i) want.push_back(at(i, j));
  EXPECT_TRUE(same_values(a.T().get(), want));

  want.clear();  // a[::-2, 1:]: negative and positive strides, not contiguous
  for (std::int64_t i = rows - 1; i >= 0; i -= 2)
    for (std::int64_t j = 1; j < cols; ++j) want.push_back(at(i, j));
  EXPECT_TRUE(
      same_values(a(slice(std::nullopt, std::nullopt, -2), slice(1, std::nullopt)).get(), want));

  want.clear();  // a row broadcast to 9 rows: stride 0
  for (std::int64_t i = 0; i < 9; ++i)
    for (std::int64_t j = 0; j < cols; ++j) want.push_back(at(2, j));
  EXPECT_TRUE(same_values(cupp::broadcast_to(a(slice(2, 3)), {9, cols}).get(), want));

  // A contiguous view that starts inside the allocation (an offset pointer).
  const std::vector<T> tail(host.begin() + cols, host.end());
  EXPECT_TRUE(same_values(a(slice(1, std::nullopt)).get(), tail));
}

TYPED_TEST(Transfers, GetIntoPinnedAndManagedMemory) {
  // Memory the GPU reaches directly is written by one copy, not staged; same values either way.
  using T = TypeParam;
  if constexpr (!std::is_same_v<T, bool>) {
    const std::int64_t n = 7 * chunk_elements<T>() / 2;
    const std::vector<T> host = iota_values<T>(n);
    auto a = cupp::empty<T>({n});
    a.set(host);
    const auto bytes = static_cast<std::size_t>(n) * sizeof(T);
    const std::shared_ptr<void> pinned = cupp::cuda::allocate_pinned(bytes, nullptr);
    a.get(static_cast<T*>(pinned.get()));
    const T* p = static_cast<const T*>(pinned.get());
    EXPECT_TRUE(same_values(std::vector<T>(p, p + n), host));
    void* managed = nullptr;
    ASSERT_EQ(cudaMallocManaged(&managed, bytes), cudaSuccess);
    a.T().get(static_cast<T*>(managed));  // a 1-D transpose: the same elements
    const T* m = static_cast<const T*>(managed);
    EXPECT_TRUE(same_values(std::vector<T>(m, m + n), host));
    EXPECT_EQ(cudaFree(managed), cudaSuccess);
  }
}

class TransfersOnStreams : public cupp::test::GpuTest {};

TEST_F(TransfersOnStreams, GetWaitsForTheCurrentStreamsWork) {
  // The staged pieces are copied on the current stream after the work queued there, and get()
  // returns with that stream synchronised.
  const std::int64_t n = 7 * chunk_elements<float>() / 2;
  cupp::cuda::Stream stream(/*non_blocking=*/true);
  cupp::cuda::StreamGuard guard(stream);
  for (int round = 0; round < 3; ++round) {
    auto a = cupp::full<float>({n}, 1.0f);
    for (int k = 0; k < 20; ++k) a *= 2.0f;  // queued work the copy must wait for
    const std::vector<float> got = a.get();
    EXPECT_TRUE(stream.query());
    ASSERT_EQ(got.size(), static_cast<std::size_t>(n));
    for (std::size_t i = 0; i < got.size(); ++i) ASSERT_EQ(got[i], 1048576.0f) << i;
  }
  EXPECT_EQ(cupp::zeros<float>({0}).get(), std::vector<float>{});
  EXPECT_EQ(cupp::full<float>({}, 2.5f).get(), std::vector<float>{2.5f});
  EXPECT_EQ(cupp::full<float>({}, 2.5f).item(), 2.5f);
}

}  // namespace
