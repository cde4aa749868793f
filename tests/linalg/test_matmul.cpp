// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// matmul: NumPy's shape rules, every dtype against a host loop, batches with broadcasting,
// transposed and sliced operands (passed to cuBLAS without a copy), empty operands.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <type_traits>
#include <vector>

#include "cupp/array.hpp"
#include "cupp/cuda/memory.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/linalg/matmul.hpp"
#include "core/throws.hpp"
#include "support/gpu.hpp"
#include "support/shaped.hpp"

namespace {

using cupp::shape_t;
using cupp::slice;

using cupp::test::message_of;

// ---- shapes, on the host -----------------------------------------------------------------------

TEST(MatmulShape, NumpyRules) {
  using cupp::detail::matmul_shape;
  EXPECT_EQ(matmul_shape({2, 3}, {3, 4}), (shape_t{2, 4}));
  EXPECT_EQ(matmul_shape({3}, {3, 4}), (shape_t{4}));
  EXPECT_EQ(matmul_shape({2, 3}, {3}), (shape_t{2}));
  EXPECT_EQ(matmul_shape({3}, {3}), (shape_t{}));
  EXPECT_EQ(matmul_shape({5, 1, 2, 3}, {4, 3, 6}), (shape_t{5, 4, 2, 6}));
  EXPECT_EQ(matmul_shape({7, 2, 3}, {3}), (shape_t{7, 2}));
  EXPECT_EQ(matmul_shape({3}, {7, 3, 4}), (shape_t{7, 4}));
  EXPECT_EQ(matmul_shape({0, 3}, {3, 4}), (shape_t{0, 4}));
  EXPECT_EQ(matmul_shape({2, 0}, {0, 4}), (shape_t{2, 4}));
  EXPECT_EQ(matmul_shape({0, 2, 3}, {3, 4}), (shape_t{0, 2, 4}));
}

TEST(MatmulShape, CoreMismatchIsNumpysMessage) {
  using cupp::detail::matmul_shape;
  EXPECT_EQ(message_of([] { matmul_shape({2, 4}, {3, 5}); }),
            "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
            "signature (n?,k),(k,m?)->(n?,m?) (size 3 is different from 4)");
  EXPECT_THROW(matmul_shape({4}, {3}), cupp::value_error);
  EXPECT_THROW(matmul_shape({2, 3}, {2}), cupp::value_error);
}

TEST(MatmulShape, ZeroDimensionalOperandsAreRefused) {
  using cupp::detail::matmul_shape;
  EXPECT_EQ(message_of([] { matmul_shape({}, {3}); }),
            "matmul: Input operand 0 does not have enough dimensions (has 0, gufunc core with "
            "signature (n?,k),(k,m?)->(n?,m?) requires 1)");
  EXPECT_EQ(message_of([] { matmul_shape({3}, {}); }),
            "matmul: Input operand 1 does not have enough dimensions (has 0, gufunc core with "
            "signature (n?,k),(k,m?)->(n?,m?) requires 1)");
}

TEST(MatmulShape, BatchDimensionsMustBroadcast) {
  EXPECT_THROW(cupp::detail::matmul_shape({2, 3, 4}, {5, 4, 2}), cupp::broadcast_error);
}

TEST(MatmulShape, TypedCallChecksBeforeTouchingTheGpu) {
  // Arrays without memory: the checks happen before any conversion or allocation.
  const auto a = cupp::test::shaped<std::int32_t>({2, 4});
  const auto b = cupp::test::shaped<float>({3, 5});
  EXPECT_THROW(cupp::matmul(a, b), cupp::value_error);
  const auto s = cupp::test::shaped<float>({});
  EXPECT_THROW(cupp::matmul(s, b), cupp::value_error);
}

// ---- values, on the GPU ----------------------------------------------------------------------

template <class T>
constexpr bool is_cplx = std::is_same_v<T, std::complex<float>> || std::is_same_v<T, std::complex<double>>;
template <class T>
constexpr bool is_exact = std::is_integral_v<T>;  // bool and integers

template <class T>
T random_value(std::mt19937& g) {
  if constexpr (std::is_same_v<T, bool>) {
    return std::uniform_int_distribution<int>(0, 3)(g) == 0;
  } else if constexpr (std::is_integral_v<T>) {
    const int lo = std::is_signed_v<T> ? -9 : 0;
    return static_cast<T>(std::uniform_int_distribution<int>(lo, 9)(g));
  } else if constexpr (is_cplx<T>) {
    using R = typename T::value_type;
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    return T(static_cast<R>(u(g)), static_cast<R>(u(g)));
  } else {
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    return T(static_cast<float>(u(g)));
  }
}

template <class T>
cupp::ndarray<T> random_array(const shape_t& shape, unsigned seed) {
  std::mt19937 g(seed);
  std::int64_t n = 1;
  for (auto d : shape) n *= d;
  std::vector<T> v;
  v.reserve(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) v.push_back(random_value<T>(g));
  cupp::ndarray<T> a(shape);
  a.set(v);
  return a;
}

template <class T>
std::complex<double> as_c(T v) {
  if constexpr (is_cplx<T>)
    return {static_cast<double>(v.real()), static_cast<double>(v.imag())};
  else
    return {static_cast<double>(v), 0.0};
}

template <class T>
double eps_of() {
  if constexpr (std::is_same_v<T, cupp::float16>) return std::ldexp(1.0, -10);
  else if constexpr (std::is_same_v<T, cupp::bfloat16>) return std::ldexp(1.0, -7);
  else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, std::complex<float>>)
    return std::numeric_limits<float>::epsilon();
  else return std::numeric_limits<double>::epsilon();
}

/// Multi-index helpers over C-order host data.
std::int64_t numel(const shape_t& s) {
  std::int64_t n = 1;
  for (auto d : s) n *= d;
  return n;
}

/// Checks matmul(a, b) against a host loop over the values of the views themselves, with
/// NumPy's broadcasting of the batch and its 1-D promotion spelled out independently.
template <class T>
void expect_matmul(const cupp::ndarray<T>& a, const cupp::ndarray<T>& b) {
  const cupp::ndarray<T> c = cupp::matmul(a, b);
  shape_t as = a.shape(), bs = b.shape();
  const bool a1 = as.size() == 1, b1 = bs.size() == 1;
  if (a1) as.insert(as.begin(), 1);
  if (b1) bs.push_back(1);
  const std::int64_t M = as[as.size() - 2], K = as.back(), N = bs.back();
  // Batch shape by hand: right-aligned, 1 stretches.
  const std::size_t nb = std::max(as.size(), bs.size()) - 2;
  shape_t batch(nb, 1), ab(nb, 1), bb(nb, 1);
  for (std::size_t i = 0; i < as.size() - 2; ++i) ab[nb - (as.size() - 2) + i] = as[i];
  for (std::size_t i = 0; i < bs.size() - 2; ++i) bb[nb - (bs.size() - 2) + i] = bs[i];
  for (std::size_t i = 0; i < nb; ++i) batch[i] = std::max(ab[i], bb[i]);
  shape_t expect_shape = batch;
  if (!a1) expect_shape.push_back(M);
  if (!b1) expect_shape.push_back(N);
  ASSERT_EQ(c.shape(), expect_shape);

  const std::vector<T> ha = a.get(), hb = b.get(), hc = c.get();
  const std::int64_t nbatch = numel(batch);
  for (std::int64_t z = 0; z < nbatch; ++z) {
    // batch index -> offsets into a's and b's batches (stride-0 where their length is 1)
    std::int64_t rem = z, oa = 0, ob = 0, sa = 1, sb = 1;
    for (std::size_t i = nb; i-- > 0;) {
      const std::int64_t idx = rem % batch[i];
      rem /= batch[i];
      oa += (ab[i] == 1 ? 0 : idx) * sa;
      ob += (bb[i] == 1 ? 0 : idx) * sb;
      sa *= ab[i];
      sb *= bb[i];
    }
    for (std::int64_t i = 0; i < M; ++i)
      for (std::int64_t j = 0; j < N; ++j) {
        const T got = hc[static_cast<std::size_t>((z * M + i) * N + j)];
        const auto pa = [&](std::int64_t k) -> T {
          return ha[static_cast<std::size_t>(oa * M * K + i * K + k)];
        };
        const auto pb = [&](std::int64_t k) -> T {
          return hb[static_cast<std::size_t>(ob * K * N + k * N + j)];
        };
        if constexpr (std::is_same_v<T, bool>) {
          bool any = false;
          for (std::int64_t k = 0; k < K; ++k) any = any || (pa(k) && pb(k));
          ASSERT_EQ(got, any) << "z=" << z << " i=" << i << " j=" << j;
        } else if constexpr (is_exact<T>) {
          std::uint64_t acc = 0;  // modular, as NumPy's integer arithmetic
          for (std::int64_t k = 0; k < K; ++k)
            acc += static_cast<std::uint64_t>(static_cast<std::int64_t>(pa(k))) *
                   static_cast<std::uint64_t>(static_cast<std::int64_t>(pb(k)));
          ASSERT_EQ(got, static_cast<T>(acc)) << "z=" << z << " i=" << i << " j=" << j;
        } else {
          std::complex<double> acc = 0;
          double mag = 0;
          for (std::int64_t k = 0; k < K; ++k) {
            acc += as_c(pa(k)) * as_c(pb(k));
            mag += std::abs(as_c(pa(k))) * std::abs(as_c(pb(k)));
          }
          const double tol = (eps_of<T>() + 2.0 * static_cast<double>(K) * eps_of<float>()) *
                                 std::max(mag, 1e-30) +
                             1e-30;
          ASSERT_LE(std::abs(as_c(got) - acc), tol) << "z=" << z << " i=" << i << " j=" << j;
        }
      }
  }
}

template <class T>
class MatmulTyped : public cupp::test::GpuTest {};
using MatmulDtypes =
    ::testing::Types<float, double, std::complex<float>, std::complex<double>, cupp::float16,
                     cupp::bfloat16, bool, std::int8_t, std::int32_t, std::int64_t, std::uint8_t,
                     std::uint64_t>;
TYPED_TEST_SUITE(MatmulTyped, MatmulDtypes);

TYPED_TEST(MatmulTyped, Matrices) {
  using T = TypeParam;
  expect_matmul(random_array<T>({5, 7}, 1), random_array<T>({7, 3}, 2));
  expect_matmul(random_array<T>({1, 1}, 3), random_array<T>({1, 1}, 4));
  expect_matmul(random_array<T>({33, 65}, 5), random_array<T>({65, 17}, 6));  // odd tiles
}

TYPED_TEST(MatmulTyped, Vectors) {
  using T = TypeParam;
  expect_matmul(random_array<T>({7}, 1), random_array<T>({7, 3}, 2));
  expect_matmul(random_array<T>({5, 7}, 3), random_array<T>({7}, 4));
  expect_matmul(random_array<T>({7}, 5), random_array<T>({7}, 6));
  expect_matmul(random_array<T>({2, 5, 7}, 7), random_array<T>({7}, 8));
  expect_matmul(random_array<T>({7}, 9), random_array<T>({3, 7, 4}, 10));
}

TYPED_TEST(MatmulTyped, BatchesBroadcast) {
  using T = TypeParam;
  expect_matmul(random_array<T>({4, 5, 6}, 1), random_array<T>({4, 6, 3}, 2));
  expect_matmul(random_array<T>({2, 1, 5, 6}, 3), random_array<T>({3, 6, 4}, 4));
  expect_matmul(random_array<T>({5, 6}, 5), random_array<T>({2, 3, 6, 4}, 6));
  expect_matmul(random_array<T>({3, 1, 5, 6}, 7), random_array<T>({1, 2, 6, 4}, 8));
  // Many outer iterations: materialised into one batched call.
  expect_matmul(random_array<T>({12, 1, 2, 3}, 9), random_array<T>({1, 10, 3, 2}, 10));
}

TYPED_TEST(MatmulTyped, TransposedAndSlicedOperands) {
  using T = TypeParam;
  const auto a = random_array<T>({9, 6}, 1);
  const auto b = random_array<T>({9, 8}, 2);
  expect_matmul(a.T(), b);                                   // column-major first operand
  expect_matmul(b.T(), a);
  expect_matmul(a.T(), random_array<T>({8, 9}, 3).T());      // both transposed
  expect_matmul(a(slice(0, 9, 2), slice()), random_array<T>({6, 4}, 4));  // row stride 2
  expect_matmul(a(slice(), slice(0, 6, 2)), random_array<T>({3, 4}, 5));  // column stride 2
  expect_matmul(a(slice(std::nullopt, std::nullopt, -1), slice()),
                random_array<T>({6, 5}, 6));                 // negative stride: copied
  expect_matmul(a(slice(1, 8), slice(2, 5)), random_array<T>({3, 4}, 7));  // inner block
  const auto batch = random_array<T>({3, 4, 5}, 8);
  expect_matmul(batch.transpose({0, 2, 1}), random_array<T>({3, 4, 2}, 9));
  expect_matmul(batch.transpose({1, 0, 2}), random_array<T>({5, 2}, 10));  // batch stride 5
  expect_matmul(random_array<T>({5}, 11), batch.transpose({2, 1, 0})(slice(), slice(), 0));
  // Large enough for cuBLAS in every dtype (small float products take the tiled kernel).
  const auto big = random_array<T>({130, 70}, 12);
  expect_matmul(big.T(), random_array<T>({130, 66}, 13));
  expect_matmul(big(slice(0, 130, 2), slice()).T(), random_array<T>({65, 80}, 14).T().T());
  expect_matmul(random_array<T>({80, 65}, 15), big(slice(std::nullopt, std::nullopt, -2), slice()));
  expect_matmul(random_array<T>({3, 60, 70}, 16), big(slice(0, 70), slice()));
}

TYPED_TEST(MatmulTyped, BroadcastViews) {
  using T = TypeParam;
  const auto a = cupp::broadcast_to(random_array<T>({1, 4, 5}, 1), {3, 4, 5});
  expect_matmul(a, random_array<T>({3, 5, 2}, 2));
  const auto row = cupp::broadcast_to(random_array<T>({5}, 3), {4, 5});  // stride-0 rows
  expect_matmul(row, random_array<T>({5, 2}, 4));
}

TYPED_TEST(MatmulTyped, EmptyOperands) {
  using T = TypeParam;
  // K = 0: an empty sum is zero.
  const cupp::ndarray<T> z = cupp::matmul(random_array<T>({3, 0}, 1), random_array<T>({0, 4}, 2));
  ASSERT_EQ(z.shape(), (shape_t{3, 4}));
  for (const T v : z.get()) EXPECT_TRUE(v == T(0));
  EXPECT_EQ(cupp::matmul(random_array<T>({0, 3}, 1), random_array<T>({3, 4}, 2)).shape(),
            (shape_t{0, 4}));
  EXPECT_EQ(cupp::matmul(random_array<T>({2, 0, 3}, 1), random_array<T>({3, 4}, 2)).shape(),
            (shape_t{2, 0, 4}));
  const cupp::ndarray<T> s = cupp::matmul(random_array<T>({0}, 1), random_array<T>({0}, 2));
  ASSERT_EQ(s.shape(), shape_t{});
  EXPECT_TRUE(s.item() == T(0));
}

class Matmul : public cupp::test::GpuTest {};

TEST_F(Matmul, DotMethodIsNumpysNdarrayDot) {
  const auto a = random_array<double>({4, 6}, 1);
  const auto b = random_array<double>({6, 3}, 2);
  const std::vector<double> got = a.dot(b).get();
  const std::vector<double> expect = cupp::matmul(a, b).get();
  ASSERT_EQ(got.size(), expect.size());
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_DOUBLE_EQ(got[i], expect[i]);
  EXPECT_EQ(a.dot(random_array<float>({6}, 3)).shape(), (shape_t{4}));
}

TEST_F(Matmul, IntegersWrapAsNumpys) {
  // 100 * 100 * 3 = 30000 wraps in int8 to 30000 mod 256 = 48.
  cupp::ndarray<std::int8_t> a({1, 3}), b({3, 1});
  a.fill(100);
  b.fill(100);
  EXPECT_EQ(cupp::matmul(a, b).item(), static_cast<std::int8_t>(48));
  cupp::ndarray<std::uint64_t> u({1, 2}), v({2, 1});
  u.fill(std::uint64_t{1} << 63);
  v.fill(3);
  EXPECT_EQ(cupp::matmul(u, v).item(), std::uint64_t{0});  // 2 * 3 * 2^63 mod 2^64
}

TEST_F(Matmul, MixedDtypesPromote) {
  const auto a = random_array<std::int32_t>({3, 4}, 1);
  const auto b = random_array<float>({4, 2}, 2);
  const cupp::ndarray<double> c = cupp::matmul(a, b);  // int32 with float32 is float64
  expect_matmul(a.astype<double>(), b.astype<double>());
  const auto expect = cupp::matmul(a.astype<double>(), b.astype<double>()).get();
  const auto got = c.get();
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], expect[i], 1e-12);
  const cupp::ndarray<std::complex<double>> d =
      cupp::matmul(b, random_array<std::complex<double>>({2, 3}, 3));
  EXPECT_EQ(d.shape(), (shape_t{4, 3}));
}

TEST_F(Matmul, SmallAndLargeFloatProductsAgree) {
  // Around the size where float products move from the tiled kernel to cuBLAS.
  expect_matmul(random_array<float>({64, 64}, 1), random_array<float>({64, 64}, 2));
  expect_matmul(random_array<float>({64, 64}, 3), random_array<float>({64, 65}, 4));
  expect_matmul(random_array<double>({4, 16, 64}, 5), random_array<double>({64, 64}, 6));
  expect_matmul(random_array<double>({4, 16, 64}, 7), random_array<double>({64, 65}, 8));
}

TEST_F(Matmul, LargeProductCrossesCublasTiles) {
  expect_matmul(random_array<float>({300, 257}, 1), random_array<float>({257, 129}, 2));
  expect_matmul(random_array<double>({2, 130, 70}, 3), random_array<double>({70, 190}, 4));
}

TEST_F(Matmul, Tf32IsOptIn) {
  const auto a = random_array<float>({64, 256}, 1);
  const auto b = random_array<float>({256, 64}, 2);
  ASSERT_FALSE(cupp::linalg::tf32_enabled());
  const std::vector<float> exact = cupp::matmul(a, b).get();
  cupp::linalg::set_tf32(true);
  const std::vector<float> fast = cupp::matmul(a, b).get();
  cupp::linalg::set_tf32(false);
  // TF32 keeps 10 mantissa bits of each input: errors near 2^-11 * sum|a||b|, far above FP32's.
  double worst = 0;
  for (std::size_t i = 0; i < exact.size(); ++i)
    worst = std::max(worst, std::abs(static_cast<double>(exact[i]) - fast[i]));
  EXPECT_LT(worst, 256 * std::ldexp(1.0, -10));
  expect_matmul(a, b);  // back to full precision
}

TEST_F(Matmul, RunsOnTheCurrentStream) {
  cupp::cuda::Stream s(true);
  const auto a = random_array<float>({40, 30}, 1);
  const auto b = random_array<float>({30, 20}, 2);
  {
    cupp::cuda::StreamGuard guard(s);
    expect_matmul(a, b);
    expect_matmul(random_array<std::int32_t>({4, 3}, 3), random_array<std::int32_t>({3, 2}, 4));
  }
  expect_matmul(a, b);
}

/// An allocator that counts requests and passes them to the default pool.
class CountingAllocator final : public cupp::cuda::Allocator {
 public:
  explicit CountingAllocator(std::shared_ptr<cupp::cuda::Allocator> inner)
      : inner_(std::move(inner)) {}
  void* allocate(std::size_t bytes, cudaStream_t stream) override {
    ++count;
    return inner_->allocate(bytes, stream);
  }
  void deallocate(void* p, std::size_t bytes, cudaStream_t stream) override {
    inner_->deallocate(p, bytes, stream);
  }
  std::atomic<int> count{0};

 private:
  std::shared_ptr<cupp::cuda::Allocator> inner_;
};

TEST_F(Matmul, TransposedViewsAreNotCopied) {
  // Large enough for cuBLAS (smaller float products take the tiled kernel, also without copies).
  const auto a = random_array<float>({256, 128}, 1);
  const auto b = random_array<float>({256, 192}, 2);
  (void)cupp::matmul(a.T(), b);  // the handle and its workspace exist from here on
  const auto previous = cupp::cuda::get_allocator();
  auto counting = std::make_shared<CountingAllocator>(previous);
  cupp::cuda::set_allocator(counting);
  {
    const cupp::ndarray<float> c = cupp::matmul(a.T(), b);
    // Every other row of each: leading dimensions of 256 and 384 elements.
    const cupp::ndarray<float> d =
        cupp::matmul(a(slice(0, 256, 2), slice()).T(), b(slice(0, 256, 2), slice()));
    EXPECT_EQ(d.shape(), (shape_t{128, 192}));
    EXPECT_EQ(counting->count.load(), 2) << "one allocation per result, no copies";
  }
  cupp::cuda::set_allocator(previous);
}

}  // namespace
