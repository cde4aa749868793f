// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// ReductionKernel: CuPy's signature strings through the reduction engine: every axis set,
// keepdims, outputs, broadcasting and scalar inputs, reduce_type, empty reductions, the split
// and vectorised strategies on large inputs, and the errors.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/jit/compiler.hpp"
#include "cupp/jit/reduction_kernel.hpp"
#include "support/described.hpp"
#include "support/gpu.hpp"
#include "support/host_values.hpp"

namespace {

// ---- host: signatures and generated code -------------------------------------------------------

TEST(ReductionKernelHost, SignatureErrors) {
  // A dtype name must be its parameter's type; a placeholder binds one dtype.
  EXPECT_THROW((cupp::ReductionKernel<float, double>("float32 x", "float32 y", "x", "a + b", "y = a",
                                                     "0")),
               cupp::type_error);
  EXPECT_THROW((cupp::ReductionKernel<float, double>("T x", "T y", "x", "a + b", "y = a", "0")),
               cupp::type_error);
  EXPECT_THROW((cupp::ReductionKernel<float, float>("T x", "T y", "x", "a + b", "y = a", "0",
                                                    "bad name")),
               cupp::value_error);
  EXPECT_THROW((cupp::ReductionKernel<float, float, float>("T x", "T y, T z", "x", "a + b", "y = a",
                                                           "0")),
               cupp::not_implemented_error);  // one output
  EXPECT_THROW((cupp::ReductionKernel<float, float>("raw T x", "T y", "x[0]", "a + b", "y = a", "0")),
               cupp::not_implemented_error);
  try {
    cupp::ReductionKernel<float, float>("T x,", "T y", "x", "a + b", "y = a", "0");
    FAIL();
  } catch (const cupp::value_error& e) {
    EXPECT_NE(std::string(e.what()).find("ReductionKernel: in_params"), std::string::npos)
        << e.what();
  }
  EXPECT_NO_THROW((cupp::ReductionKernel<float, float>("T x", "T y", "x", "a + b", "y = a", "0")));
}

TEST(ReductionKernelHost, TypedAndGenericSignatureMessagesAgree) {
  // Both forms check a signature the same way, in the same order, in the same words.
  using typed = cupp::ReductionKernel<float, float, float>;
  using typed1 = cupp::ReductionKernel<float, float>;
  using generic = cupp::ReductionKernel<>;
  const std::string two_outputs =
      "ReductionKernel: exactly one output parameter is supported, got 2";
  CUPP_EXPECT_THROW_MSG(typed("T x", "T y, T z", "x", "a + b", "y = a", "0"),
                        cupp::not_implemented_error, two_outputs);
  CUPP_EXPECT_THROW_MSG(generic("T x", "T y, T z", "x", "a + b", "y = a", "0"),
                        cupp::not_implemented_error, two_outputs);
  // The output count is checked before the name.
  CUPP_EXPECT_THROW_MSG(typed("T x", "T y, T z", "x", "a + b", "y = a", "0", "bad name"),
                        cupp::not_implemented_error, two_outputs);
  CUPP_EXPECT_THROW_MSG(generic("T x", "T y, T z", "x", "a + b", "y = a", "0", "bad name"),
                        cupp::not_implemented_error, two_outputs);
  const std::string raw = "ReductionKernel: raw parameter 'x' is not supported";
  CUPP_EXPECT_THROW_MSG(typed1("raw T x", "T y", "x[0]", "a + b", "y = a", "0"),
                        cupp::not_implemented_error, raw);
  CUPP_EXPECT_THROW_MSG(generic("raw T x", "T y", "x[0]", "a + b", "y = a", "0"),
                        cupp::not_implemented_error, raw);
  const std::string name = "ReductionKernel: the name 'bad name' is not a valid kernel name";
  CUPP_EXPECT_THROW_MSG(typed1("T x", "T y", "x", "a + b", "y = a", "0", "bad name"),
                        cupp::value_error, name);
  CUPP_EXPECT_THROW_MSG(generic("T x", "T y", "x", "a + b", "y = a", "0", "bad name"),
                        cupp::value_error, name);
  CUPP_EXPECT_THROW_MSG(generic("T x", "", "x", "a + b", "y = a", "0"), cupp::value_error,
                        "ReductionKernel: out_params is empty");
  CUPP_EXPECT_THROW_MSG(generic("T x", "T x", "x", "a + b", "x = a", "0"), cupp::value_error,
                        "ReductionKernel: 'x' is both an input and an output");
  CUPP_EXPECT_THROW_MSG(generic("float x", "T y", "x", "a + b", "y = a", "0"), cupp::type_error,
                        "ReductionKernel: 'float' (parameter 'x') is not a NumPy dtype name; "
                        "write float32, float64, int32, ...");
  EXPECT_EQ(cupp::test::message_of([] {
              (void)generic("T x,", "T y", "x", "a + b", "y = a", "0");
            }).rfind("ReductionKernel: in_params: ", 0),
            0u);
}

TEST(ReductionKernelHost, GeneratedSourceCompilesWithoutAGpu) {
  // The user's expressions land in the generated kernel, which NVRTC accepts for sm_90.
  cupp::jit::detail::red_kernel impl("T x, float64 w", "float64 y", "x * w", "a + b",
                                     "y = sqrt(a)", "0", "wnorm", "", "", {},
                                     {cupp::dtype::float32, cupp::dtype::float64,
                                      cupp::dtype::float64});
  for (int kept : {0, 2}) {
    const std::string src = impl.source(kept, 1);
    EXPECT_NE(src.find("x * w"), std::string::npos);
    EXPECT_NE(src.find("y = sqrt(a)"), std::string::npos);
    EXPECT_NE(src.find("cupp_red_wnorm"), std::string::npos);
    cupp::jit::compiler c("");  // memory only
    EXPECT_NO_THROW((void)c.compile(src, {}, {}, 90)) << src;
  }
}

// ---- host: generic kernels (types bound at each call) ---------------------------------------------

// Declared once at namespace scope, as CuPy programs declare theirs.
static cupp::ReductionKernel generic_l2("T x", "T y", "x * x", "a + b", "y = sqrt(a)", "0",
                                        "generic_l2");
static cupp::ReductionKernel generic_sum("T x", "T y", "x", "a + b", "y = a", "0", "generic_sum");
static cupp::ReductionKernel generic_wsum("T x, T w", "T y", "x * w", "a + b", "y = a", "0",
                                          "generic_wsum");
static cupp::ReductionKernel generic_half("T x", "float64 y", "x", "a + b", "y = a / 2", "0",
                                          "generic_half", "float64");

TEST(ReductionKernelHost, GenericBindsPerTypeCombination) {
  using cupp::jit::detail::call_arg;
  using cupp::test::described;
  const auto f32 = described({4, 3}, cupp::dtype::float32);
  const auto f64 = described({4, 3}, cupp::dtype::float64);
  const auto i32 = described({4, 3}, cupp::dtype::int32);
  const auto f32_0d = described({}, cupp::dtype::float32);
  auto bound = [](std::vector<call_arg> args) {
    return generic_l2.generic().bound(args.data(), args.size());
  };
  const auto k32 = bound({{&f32, {}}});
  const auto k64 = bound({{&f64, {}}});
  EXPECT_NE(k32, k64);
  EXPECT_EQ(bound({{&f32, {}}}), k32);
  // The output placeholder follows the input: T y is float32 for float32 x.
  EXPECT_EQ(k32->param_dtypes(), (std::vector<cupp::dtype>{cupp::dtype::float32,
                                                          cupp::dtype::float32}));
  EXPECT_EQ(bound({{&f32, {}}, {&f32_0d, {}}}), k32);
  try {
    bound({{&f32, {}}, {&i32, {}}});  // an int32 output for a float32 T
    FAIL();
  } catch (const cupp::type_error& e) {
    EXPECT_EQ(std::string(e.what()), "ReductionKernel: Type is mismatched. x float32 int32 T");
  }
  EXPECT_THROW(bound({}), cupp::type_error);                               // arity
  EXPECT_THROW(bound({{&f32, {}}, {nullptr, {}}}), cupp::type_error);       // scalar output
  for (const auto& k : {k32, k64}) {
    cupp::jit::compiler c("");  // memory only
    EXPECT_NO_THROW((void)c.compile(k->source(1, 1), {}, {}, 90));
  }
  // Construction checks the signature without any types.
  EXPECT_THROW(cupp::ReductionKernel("T x", "T y, T z", "x", "a + b", "y = a", "0"),
               cupp::not_implemented_error);
  EXPECT_THROW(cupp::ReductionKernel("raw T x", "T y", "x[0]", "a + b", "y = a", "0"),
               cupp::not_implemented_error);
  EXPECT_THROW(cupp::ReductionKernel("T x", "T y", "x", "a + b", "y = a", "0", "bad name"),
               cupp::value_error);
  EXPECT_THROW(cupp::ReductionKernel("float x", "T y", "x", "a + b", "y = a", "0"),
               cupp::type_error);
}

// ---- GPU -----------------------------------------------------------------------------------------

class ReductionKernel : public cupp::test::GpuTest {};

template <class T>
class GenericReductionKernel : public cupp::test::GpuTest {};
using GenericTypes = ::testing::Types<float, double, std::int32_t, std::complex<double>>;
TYPED_TEST_SUITE(GenericReductionKernel, GenericTypes);

TYPED_TEST(GenericReductionKernel, SumsOverAxesOfStridedAndBroadcastInputs) {
  using T = TypeParam;
  using cupp::test::host_ref::as_c;
  const auto h = cupp::test::host_ref::random_values<T>(5 * 7, 3);
  const auto hw = cupp::test::host_ref::random_values<T>(7, 4);
  auto x = cupp::asarray<T>(h).reshape({5, 7});
  auto w = cupp::asarray<T>(hw);
  auto near = [](T got, std::complex<double> want) {
    return std::abs(as_c(got) - want) <= 1e-5 * (1 + std::abs(want));
  };
  for (int rep = 0; rep < 2; ++rep) {
    // Every axis: a 0-d array of T.
    const cupp::kernel_result all = generic_sum(x);
    EXPECT_EQ(all.dtype(), cupp::dtype_of<T>);
    std::complex<double> total = 0;
    for (const T& v : h) total += as_c(v);
    cupp::ndarray<T> a = all;
    EXPECT_EQ(a.ndim(), 0);
    EXPECT_TRUE(near(a.item(), total));
  }
  // Axis 0 of the transposed array (7, 5): sums over the columns of x.
  cupp::ndarray<T> rows = generic_sum.axis(0)(x.T());
  const auto hr = rows.get();
  ASSERT_EQ(hr.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    std::complex<double> s = 0;
    for (std::size_t j = 0; j < 7; ++j) s += as_c(h[i * 7 + j]);
    EXPECT_TRUE(near(hr[i], s)) << i;
  }
  // A weighted sum, w broadcast over the rows, with keepdims, and into a strided output.
  cupp::ndarray<T> kd = generic_wsum.axis(1, true)(x, w);
  EXPECT_EQ(kd.shape(), (cupp::shape_t{5, 1}));
  auto buf = cupp::zeros<T>({5, 2});
  auto col = buf(cupp::slice(), 1);
  generic_wsum.axis(1)(x, w, col);
  const auto hk = kd.get(), hb = buf.get();
  for (std::size_t i = 0; i < 5; ++i) {
    std::complex<double> s = 0;
    for (std::size_t j = 0; j < 7; ++j) s += as_c(h[i * 7 + j]) * as_c(hw[j]);
    EXPECT_TRUE(near(hk[i], s)) << i;
    EXPECT_TRUE(near(hb[i * 2 + 1], s)) << i;
    EXPECT_EQ(hb[i * 2], T(0));
  }
  // A scalar weight takes T.
  cupp::ndarray<T> twice = generic_wsum.axis(0)(x, 2);
  const auto ht = twice.get();
  for (std::size_t j = 0; j < 7; ++j) {
    std::complex<double> s = 0;
    for (std::size_t i = 0; i < 5; ++i) s += as_c(h[i * 7 + j]) * 2.0;
    EXPECT_TRUE(near(ht[j], s)) << j;
  }
}

TEST_F(ReductionKernel, GenericL2AndANamedOutputType) {
  // example-begin generic_reduction_kernel
  static cupp::ReductionKernel l2("T x", "T y", "x * x", "a + b", "y = sqrt(a)", "0", "l2");
  auto x = cupp::asarray<float>({{3, 4, 0}, {1, 2, 2}});
  cupp::ndarray<float> all = l2(x);                                 // T = float32
  cupp::ndarray<double> rows = l2.axis(1)(x.astype<double>());     // T = float64: [5, 3]
  // example-end
  EXPECT_NEAR(all.item(), std::sqrt(34.0f), 1e-5);
  EXPECT_EQ(rows.get(), (std::vector<double>{5, 3}));
  cupp::ndarray<float> cols = generic_l2.axis(0, true)(x);
  EXPECT_EQ(cols.shape(), (cupp::shape_t{1, 3}));
  EXPECT_NEAR(cols.get()[0], std::sqrt(10.0f), 1e-6);
  // int32 in, float64 out: the output's dtype is the signature's.
  const auto m = generic_half.axis(1)(cupp::asarray<std::int32_t>({{1, 2}, {3, 6}}));
  EXPECT_EQ(m.dtype(), cupp::dtype::float64);
  EXPECT_EQ(m.as<double>().get(), (std::vector<double>{1.5, 4.5}));
  // Errors: a dtype that disagrees, a reduction of nothing with no array, a bad axis.
  EXPECT_THROW(generic_wsum(x, cupp::ones<double>({3})), cupp::type_error);
  EXPECT_THROW(generic_sum(x, cupp::zeros<double>({})), cupp::type_error);
  EXPECT_THROW(generic_sum.axis(2)(x), cupp::axis_error);
  EXPECT_THROW(generic_sum.axis(1)(x, cupp::zeros<float>({3})), cupp::value_error);
  EXPECT_THROW(generic_sum(1.0f), cupp::type_error);  // T bound by no array
  // Empty input: the identity.
  cupp::ndarray<float> e = generic_sum.axis(1)(cupp::zeros<float>({2, 0}));
  EXPECT_EQ(e.get(), (std::vector<float>{0, 0}));
}

TEST_F(ReductionKernel, GenericFromSeveralThreads) {
  std::vector<std::thread> threads;
  std::vector<int> ok(6, 0);
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int rep = 0; rep < 4; ++rep) {
        if (t % 2) {
          cupp::ndarray<double> s = generic_sum(cupp::full<double>({1000}, 0.5));
          ok[static_cast<std::size_t>(t)] += s.item() == 500.0;
        } else {
          cupp::ndarray<std::int32_t> s = generic_sum(cupp::full<std::int32_t>({1000}, 3));
          ok[static_cast<std::size_t>(t)] += s.item() == 3000;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 6; ++t) EXPECT_EQ(ok[static_cast<std::size_t>(t)], 4) << t;
}

std::vector<float> iota_f(std::int64_t n, float scale, float offset) {
  std::vector<float> v(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = scale * static_cast<float>(i % 97) + offset;
  return v;
}

TEST_F(ReductionKernel, L2NormOverEveryAxisSet) {
  // example-begin reduction_kernel
  cupp::ReductionKernel<float, float> l2norm("T x", "T y", "x * x", "a + b", "y = sqrt(a)", "0",
                                             "l2norm");
  auto x = cupp::asarray<float>({{3, 4, 0}, {1, 2, 2}});
  auto all = l2norm(x);              // every axis: a 0-d array
  auto rows = l2norm.axis(1)(x);     // [5, 3]
  // example-end
  EXPECT_EQ(all.ndim(), 0);
  EXPECT_NEAR(all.item(), std::sqrt(34.0f), 1e-5);
  EXPECT_EQ(rows.get(), (std::vector<float>{5, 3}));
  auto cols = l2norm.axis(0, true)(x);
  EXPECT_EQ(cols.shape(), (cupp::shape_t{1, 3}));
  const auto c = cols.get();
  EXPECT_NEAR(c[0], std::sqrt(10.0f), 1e-5);
  EXPECT_NEAR(c[1], std::sqrt(20.0f), 1e-5);
  EXPECT_NEAR(c[2], 2.0f, 1e-6);
  auto neg = l2norm.axis(-1)(x);
  EXPECT_EQ(neg.get(), (std::vector<float>{5, 3}));
  auto both = l2norm.axis({0, 1}, true)(x);
  EXPECT_EQ(both.shape(), (cupp::shape_t{1, 1}));
  EXPECT_NEAR(both.item({0, 0}), std::sqrt(34.0f), 1e-5);
}

TEST_F(ReductionKernel, ThreeDimensionsTransposedInputsAndOutputViews) {
  const cupp::shape_t shape{4, 5, 6};
  std::vector<double> host(120);
  for (std::size_t i = 0; i < host.size(); ++i) host[i] = std::sin(static_cast<double>(i)) * 3;
  auto a = cupp::asarray<double>(host).reshape(shape);
  cupp::ReductionKernel<double, double> sum_abs("T x", "T y", "fabs(x)", "a + b", "y = a", "0",
                                                "sum_abs");
  auto ref = [&](int i, int j, int k) { return std::abs(host[static_cast<std::size_t>((i * 5 + j) * 6 + k)]); };
  // Axis 1 of the array: result (4, 6).
  auto r1 = sum_abs.axis(1)(a).get();
  for (int i = 0; i < 4; ++i)
    for (int k = 0; k < 6; ++k) {
      double s = 0;
      for (int j = 0; j < 5; ++j) s += ref(i, j, k);
      EXPECT_NEAR(r1[static_cast<std::size_t>(i * 6 + k)], s, 1e-12);
    }
  // The transposed array (6, 5, 4) over axes {0, 2}: result (5,), each over i and k.
  auto rt = sum_abs.axis({0, 2})(a.T()).get();
  for (int j = 0; j < 5; ++j) {
    double s = 0;
    for (int i = 0; i < 4; ++i)
      for (int k = 0; k < 6; ++k) s += ref(i, j, k);
    EXPECT_NEAR(rt[static_cast<std::size_t>(j)], s, 1e-12);
  }
  // Into a strided output view; the rest of the buffer is untouched.
  auto buf = cupp::full<double>({4, 2}, -7.0);
  auto col = buf(cupp::slice(), 1);
  sum_abs.axis({1, 2})(a, col);
  const auto b = buf.get();
  for (int i = 0; i < 4; ++i) {
    double s = 0;
    for (int j = 0; j < 5; ++j)
      for (int k = 0; k < 6; ++k) s += ref(i, j, k);
    EXPECT_EQ(b[static_cast<std::size_t>(2 * i)], -7.0);
    EXPECT_NEAR(b[static_cast<std::size_t>(2 * i + 1)], s, 1e-12);
  }
  // keepdims output given.
  auto kd = cupp::zeros<double>({4, 1, 1});
  sum_abs.axis({1, 2}, true)(a, kd);
  EXPECT_NEAR(kd.get()[3], b[7], 1e-12);
  EXPECT_THROW(sum_abs.axis(1)(a, cupp::zeros<double>({4, 5})), cupp::value_error);
  EXPECT_THROW(sum_abs.axis(3)(a), cupp::axis_error);
  EXPECT_THROW(sum_abs.axis({1, 1})(a), cupp::value_error);
}

TEST_F(ReductionKernel, BroadcastScalarsAndReduceType) {
  // A weighted dot product: x broadcast against w, a scalar scale, int8 inputs summed in int64.
  cupp::ReductionKernel<std::int8_t, std::int8_t, std::int64_t, std::int64_t> dot(
      "int8 x, int8 w, int64 scale", "int64 y", "x * w * scale", "a + b", "y = a", "0", "idot",
      "int64");
  std::vector<std::int8_t> xs(3 * 200), ws(200);
  for (std::size_t i = 0; i < xs.size(); ++i) xs[i] = static_cast<std::int8_t>(int(i % 255) - 127);
  for (std::size_t j = 0; j < ws.size(); ++j) ws[j] = static_cast<std::int8_t>(int(j % 13) * 9 - 50);
  auto x = cupp::asarray<std::int8_t>(xs).reshape({3, 200});
  auto w = cupp::asarray<std::int8_t>(ws);
  const auto r = dot.axis(1)(x, w, 3).get();
  for (std::size_t i = 0; i < 3; ++i) {
    std::int64_t s = 0;
    for (std::size_t j = 0; j < 200; ++j) s += std::int64_t{xs[i * 200 + j]} * ws[j] * 3;
    EXPECT_EQ(r[i], s) << i;
  }
  // A maximum of absolute values with its own identity, and post_map_expr using the output type.
  cupp::ReductionKernel<int, int> maxabs("int32 x", "int32 y", "x < 0 ? -x : x", "max(a, b)",
                                         "y = a", "0", "maxabs");
  auto v = cupp::asarray<int>({3, -9, 4, -2});
  EXPECT_EQ(maxabs(v).item(), 9);
}

TEST_F(ReductionKernel, EmptyReductionsGiveTheIdentityOrThrow) {
  cupp::ReductionKernel<float, float> total("T x", "T y", "x", "a + b", "y = a", "0", "total");
  auto e = cupp::zeros<float>({3, 0});
  EXPECT_EQ(total.axis(1)(e).get(), (std::vector<float>{0, 0, 0}));
  EXPECT_EQ(total.axis(0)(e).shape(), (cupp::shape_t{0}));
  cupp::ReductionKernel<float, float> first("T x", "T y", "x", "b", "y = a", "", "first");
  try {
    first.axis(1)(e);
    FAIL();
  } catch (const cupp::value_error& err) {
    EXPECT_EQ(std::string(err.what()),
              "zero-size array to reduction operation first which has no identity");
  }
  EXPECT_EQ(first.axis(0)(e).shape(), (cupp::shape_t{0}));  // no output: nothing to reduce
  // A 0-d input reduces over nothing: the element mapped and finished.
  cupp::ReductionKernel<float, float> sq("T x", "T y", "x * x", "a + b", "y = a + 1", "0", "sq1");
  EXPECT_EQ(sq(cupp::full<float>({}, 3.0f)).item(), 10.0f);
}

TEST_F(ReductionKernel, LargeInputsTakeTheSplitAndVectorPaths) {
  // 4096 * 1025 + 3 elements: the vectorised inner path with a tail, split over blocks.
  const std::int64_t n = 4096 * 1025 + 3;
  const auto h = iota_f(n, 0.25f, -10.0f);
  auto x = cupp::asarray<float>(h);
  cupp::ReductionKernel<float, double> sumsq("float32 x", "float64 y", "(double)x * x", "a + b",
                                             "y = a", "0", "sumsq", "float64");
  double ref = 0;
  for (float v : h) ref += static_cast<double>(v) * v;
  EXPECT_NEAR(sumsq(x).item(), ref, 1e-12 * ref);
  // Axis 0 of a (4096, 1025) matrix: the outer strategy, split along the rows.
  auto m = x(cupp::slice(0, 4096 * 1025)).reshape({4096, 1025});
  const auto cols = sumsq.axis(0)(m).get();
  for (std::int64_t j : {std::int64_t{0}, std::int64_t{511}, std::int64_t{1024}}) {
    double s = 0;
    for (std::int64_t i = 0; i < 4096; ++i) {
      const double v = h[static_cast<std::size_t>(i * 1025 + j)];
      s += v * v;
    }
    EXPECT_NEAR(cols[static_cast<std::size_t>(j)], s, 1e-12 * s) << j;
  }
}

TEST_F(ReductionKernel, CompileErrorsCarryTheExpressions) {
  cupp::ReductionKernel<float, float> bad("T x", "T y", "x +* 1", "a + b", "y = a", "0", "bad");
  try {
    bad(cupp::ones<float>({4}));
    FAIL();
  } catch (const cupp::compile_error& e) {
    EXPECT_NE(e.source().find("x +* 1"), std::string::npos);
  }
  cupp::ReductionKernel<float, float, float> two("T x, T z", "T y", "x * z", "a + b", "y = a", "0",
                                                 "two");
  EXPECT_THROW(two(cupp::ones<float>({4})), cupp::type_error);  // wrong number of arguments
  EXPECT_THROW(two(cupp::ones<float>({4}), cupp::ones<float>({3})), cupp::value_error);  // shapes
}

}  // namespace
