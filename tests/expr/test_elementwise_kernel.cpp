// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// ElementwiseKernel: CuPy's signature strings, placeholders, broadcasting, raw arguments, i.
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <cstring>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "support/described.hpp"
#include "support/gpu.hpp"
#include "support/host_values.hpp"

namespace {

// ---- host: signatures ----------------------------------------------------------------------

TEST(ElementwiseKernelHost, ParsesSignatures) {
  const auto p = cupp::jit::detail::parse_params("float32 x, raw T y ,int64 _z", "in_params");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].type, "float32");
  EXPECT_EQ(p[0].name, "x");
  EXPECT_FALSE(p[0].raw);
  EXPECT_TRUE(p[1].raw);
  EXPECT_EQ(p[1].type, "T");
  EXPECT_EQ(p[2].name, "_z");
  EXPECT_TRUE(cupp::jit::detail::parse_params("  ", "in_params").empty());
}

TEST(ElementwiseKernelHost, SignatureErrorsSayWhere) {
  try {
    cupp::jit::detail::parse_params("float32 x, float32", "in_params");
    FAIL();
  } catch (const cupp::value_error& e) {
    EXPECT_NE(std::string(e.what()).find("in_params: expected '[raw] <type> <name>' in parameter 2"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(cupp::jit::detail::parse_params("float32 x, float32 x", "in_params"),
               cupp::value_error);
  EXPECT_THROW(cupp::jit::detail::parse_params("float32 2x", "in_params"), cupp::value_error);
  // Types: a dtype name must be the kernel's type; a placeholder binds one dtype.
  EXPECT_THROW((cupp::ElementwiseKernel<float, double>("float32 x", "float32 y", "y = x")),
               cupp::type_error);
  EXPECT_THROW((cupp::ElementwiseKernel<float, double>("T x", "T y", "y = x")), cupp::type_error);
  EXPECT_THROW((cupp::ElementwiseKernel<float, float>("float x", "float y", "y = x")),
               cupp::type_error);
  EXPECT_THROW((cupp::ElementwiseKernel<float, float, float>("T x", "T y", "y = x")),
               cupp::type_error);
  EXPECT_THROW((cupp::ElementwiseKernel<float, float>("T x", "T y", "y = x", "bad name")),
               cupp::value_error);
  EXPECT_NO_THROW((cupp::ElementwiseKernel<float, float>("T x", "T y", "y = x")));
}

// ---- host: generic kernels (types bound at each call) ------------------------------------------

// Declared once at namespace scope, as CuPy programs declare theirs; each test binds them anew.
static cupp::ElementwiseKernel generic_add("T x, T y", "T z", "z = x + y", "generic_add");
static cupp::ElementwiseKernel generic_axpy("T a, T x, T y", "T z", "z = a * x + y",
                                             "generic_axpy");
static cupp::ElementwiseKernel generic_divmod("T a, T b", "T q, T r", "q = a / b; r = a % b",
                                              "generic_divmod");
static cupp::ElementwiseKernel generic_reverse("raw T x", "T y", "y = x[_ind.size() - i - 1]",
                                               "generic_reverse");
static cupp::ElementwiseKernel generic_widen("T x", "float64 y", "y = (double)x * 0.5",
                                             "generic_widen");

using cupp::jit::detail::bind_call;
using cupp::jit::detail::call_arg;
using cupp::jit::detail::parse_params;
using cupp::test::described;
using dt = cupp::dtype;

std::string bind_error(const std::string& in, const std::string& out,
                       const std::vector<std::optional<dt>>& in_args,
                       const std::vector<dt>& out_args) {
  try {
    bind_call("ElementwiseKernel", parse_params(in, "in_params"), parse_params(out, "out_params"),
              in_args, out_args);
  } catch (const cupp::type_error& e) {
    return e.what();
  }
  return "no error";
}

TEST(ElementwiseKernelHost, GenericBindsPlaceholdersAsCuPy) {
  const auto ins = parse_params("T x, T y, float64 w", "in_params");
  const auto outs = parse_params("U z", "out_params");
  // Arrays bind T; a scalar binds nothing and takes its placeholder's type; the output binds U.
  EXPECT_EQ(bind_call("ElementwiseKernel", ins, outs, {dt::int32, std::nullopt, dt::float64},
                      {dt::complex64}),
            (std::vector<dt>{dt::int32, dt::int32, dt::float64, dt::complex64}));
  // CuPy's messages: name, given dtype, bound dtype (and the placeholder).
  EXPECT_EQ(bind_error("T x, T y", "T z", {dt::float32, dt::float64}, {}),
            "ElementwiseKernel: Type is mismatched. y float64 float32 T");
  EXPECT_EQ(bind_error("float32 x", "float32 z", {dt::float64}, {}),
            "ElementwiseKernel: Type is mismatched. x float64 float32");
  // The outputs bind first, as in CuPy.
  EXPECT_EQ(bind_error("T x", "T z", {dt::int32}, {dt::int64}),
            "ElementwiseKernel: Type is mismatched. x int32 int64 T");
  // A placeholder bound by no array (CuPy's KeyError) names itself.
  const std::string unbound = bind_error("T x, U y", "U z", {dt::float32, std::nullopt}, {});
  EXPECT_NE(unbound.find("placeholder 'U' of parameter 'y'"), std::string::npos) << unbound;
  // A passed output binds a placeholder the inputs cannot.
  EXPECT_EQ(bind_call("ElementwiseKernel", parse_params("T x, U y", "in_params"),
                      parse_params("U z", "out_params"), {dt::float32, std::nullopt},
                      {dt::int16}),
            (std::vector<dt>{dt::float32, dt::int16, dt::int16}));
}

TEST(ElementwiseKernelHost, GenericSignatureErrorsAtConstruction) {
  EXPECT_THROW(cupp::ElementwiseKernel("float x", "float y", "y = x"), cupp::type_error);
  EXPECT_THROW(cupp::ElementwiseKernel("T x", "T y", "y = x", "bad name"), cupp::value_error);
  EXPECT_THROW(cupp::ElementwiseKernel("T x", "", "x = 1"), cupp::value_error);
  EXPECT_THROW(cupp::ElementwiseKernel("T x", "T x", "x = 1"), cupp::value_error);
  EXPECT_THROW(cupp::ElementwiseKernel("T x, T", "T y", "y = x"), cupp::value_error);
  EXPECT_THROW(cupp::ElementwiseKernel("T x", "raw T y", "y[i] = x"),
               cupp::not_implemented_error);
}

TEST(ElementwiseKernelHost, SignatureMessages) {
  using typed = cupp::ElementwiseKernel<float, float>;
  using generic = cupp::ElementwiseKernel<>;
  const std::string name = "ElementwiseKernel: the name 'bad name' is not a valid kernel name";
  CUPP_EXPECT_THROW_MSG(typed("T x", "T y", "y = x", "bad name"), cupp::value_error, name);
  CUPP_EXPECT_THROW_MSG(generic("T x", "T y", "y = x", "bad name"), cupp::value_error, name);
  // The signature is checked before the name.
  CUPP_EXPECT_THROW_MSG(generic("T x", "", "x = 1", "bad name"), cupp::value_error,
                        "ElementwiseKernel: out_params is empty");
  CUPP_EXPECT_THROW_MSG(generic("T x", "T x", "x = 1"), cupp::value_error,
                        "ElementwiseKernel: 'x' is both an input and an output");
  CUPP_EXPECT_THROW_MSG(generic("T x", "raw T y", "y[i] = x"), cupp::not_implemented_error,
                        "ElementwiseKernel: raw output parameters are not supported");
  CUPP_EXPECT_THROW_MSG(generic("float x", "T y", "y = x"), cupp::type_error,
                        "ElementwiseKernel: 'float' (parameter 'x') is not a NumPy dtype name; "
                        "write float32, float64, int32, ...");
  EXPECT_EQ(cupp::test::message_of([] {
              (void)generic("T x, T", "T y", "y = x");
            }).rfind("ElementwiseKernel: in_params: ", 0),
            0u);
}

TEST(ElementwiseKernelHost, ScalarsTakeTheParameterType) {
  using cupp::jit::detail::store_scalar;
  using cupp::jit::detail::to_scalar_value;
  unsigned char buf[16];
  auto as = [&](auto v, dt to, auto want) {
    store_scalar(to_scalar_value(v), to, buf);
    decltype(want) got;
    std::memcpy(&got, buf, sizeof(got));
    return got == want;
  };
  EXPECT_TRUE(as(3, dt::float32, 3.0f));
  EXPECT_TRUE(as(2.75, dt::int32, std::int32_t{2}));
  EXPECT_TRUE(as(-1, dt::uint8, std::uint8_t{255}));
  EXPECT_TRUE(as(true, dt::float64, 1.0));
  EXPECT_TRUE(as(0.5f, dt::complex128, std::complex<double>(0.5, 0)));
  EXPECT_TRUE(as(std::complex<float>(1, -2), dt::complex64, std::complex<float>(1, -2)));
  EXPECT_TRUE(as(std::int64_t{1} << 40, dt::float64, 1099511627776.0));
  EXPECT_TRUE(as(2, dt::bool_, true));
  EXPECT_THROW(as(std::complex<double>(1, 1), dt::float64, 0.0), cupp::type_error);
}

TEST(ElementwiseKernelHost, GenericCompilesOncePerTypeCombination) {
  const auto f32 = described({4}, dt::float32), f32b = described({3, 4}, dt::float32);
  const auto f64 = described({4}, dt::float64), i32 = described({4}, dt::int32);
  auto bound = [](std::vector<call_arg> args) {
    return generic_add.generic().bound(args.data(), args.size());
  };
  const auto k32 = bound({{&f32, {}}, {&f32b, {}}});
  const auto k64 = bound({{&f64, {}}, {&f64, {}}});
  EXPECT_NE(k32, k64);
  EXPECT_EQ(k32->param_dtypes(), (std::vector<dt>{dt::float32, dt::float32, dt::float32}));
  EXPECT_EQ(k64->param_dtypes(), (std::vector<dt>{dt::float64, dt::float64, dt::float64}));
  EXPECT_EQ(bound({{&f32, {}}, {&f32, {}}}), k32);  // found again, not bound anew
  // A scalar for y binds the same types: the same kernel (its scalar variant).
  EXPECT_EQ(bound({{&f32, {}}, {nullptr, cupp::jit::detail::to_scalar_value(2)}}), k32);
  EXPECT_EQ(bound({{&f32, {}}, {&f32, {}}, {&f32, {}}}), k32);  // with the output
  EXPECT_THROW(bound({{&f32, {}}, {&i32, {}}}), cupp::type_error);
  EXPECT_THROW(bound({{&f32, {}}}), cupp::type_error);  // wrong number of arguments
  EXPECT_THROW(bound({{&f32, {}}, {&f32, {}}, {nullptr, {}}}), cupp::type_error);  // scalar out
  // A binding's generated source compiles for sm_90, every variant.
  EXPECT_NO_THROW(k32->compile_all(90));
  const auto ki = bound({{&i32, {}}, {&i32, {}}});
  EXPECT_NE(ki, k32);
  EXPECT_NO_THROW(ki->compile_all(90));
  // From several threads at once: every thread gets the one kernel of its binding.
  std::vector<std::shared_ptr<cupp::jit::detail::ew_kernel>> got(8);
  std::vector<cupp::detail::array_desc> arrays(8);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < 8; ++t) {
    arrays[t] = described({2}, t % 2 ? dt::int16 : dt::uint16);
    threads.emplace_back([&, t] { got[t] = bound({{&arrays[t], {}}, {&arrays[t], {}}}); });
  }
  for (auto& th : threads) th.join();
  for (std::size_t t = 2; t < 8; ++t) EXPECT_EQ(got[t], got[t % 2]) << t;
  EXPECT_NE(got[0], got[1]);
}

// ---- GPU -----------------------------------------------------------------------------------

class ElementwiseKernel : public cupp::test::GpuTest {};

template <class T>
class GenericElementwiseKernel : public cupp::test::GpuTest {};
using GenericTypes = ::testing::Types<float, double, std::int32_t, std::complex<float>>;
TYPED_TEST_SUITE(GenericElementwiseKernel, GenericTypes);

TYPED_TEST(GenericElementwiseKernel, BindsFromTheArraysBroadcastAndStrided) {
  using T = TypeParam;
  using cupp::test::host_ref::random_values;
  const auto hx = random_values<T>(4 * 6, 1), hy = random_values<T>(6, 2);
  auto x = cupp::asarray<T>(hx).reshape({4, 6});
  auto y = cupp::asarray<T>(hy);
  for (int rep = 0; rep < 3; ++rep) {  // repeated calls find the compiled kernel
    cupp::ndarray<T> z = generic_add(x, y);  // y broadcasts over the rows
    ASSERT_EQ(z.shape(), (cupp::shape_t{4, 6}));
    const auto hz = z.get();
    for (std::size_t i = 0; i < 4; ++i)
      for (std::size_t j = 0; j < 6; ++j) EXPECT_EQ(hz[i * 6 + j], T(hx[i * 6 + j] + hy[j]));
  }
  // A transposed input and a reversed one: (6, 4) + (4,) read with negative steps.
  auto xt = x.T();
  auto yr = x(0, cupp::slice(3, std::nullopt, -1));  // x[0, 3::-1]: 4 elements, negative step
  const auto r = generic_add(xt, yr);
  EXPECT_EQ(r.dtype(), cupp::dtype_of<T>);
  const auto hr = r.template as<T>().get();
  for (std::size_t i = 0; i < 6; ++i)
    for (std::size_t j = 0; j < 4; ++j)
      EXPECT_EQ(hr[i * 4 + j], T(hx[j * 6 + i] + hx[3 - j])) << i << "," << j;
  // A scalar takes T: with T = int32, 2.75 is passed as 2.
  cupp::ndarray<T> s = generic_axpy(2.75, x, y);
  const T a = static_cast<T>(2.75);
  const auto hs = s.get();
  using cupp::test::host_ref::as_c;
  for (std::size_t i = 0; i < 4; ++i)
    for (std::size_t j = 0; j < 6; ++j)  // float: the device may contract a * x + y to an fma
      EXPECT_NEAR(std::abs(as_c(hs[i * 6 + j]) - as_c(T(a * hx[i * 6 + j] + hy[j]))), 0.0, 1e-5)
          << i << "," << j;
  // Into a strided output view: the rest of the buffer is untouched.
  auto buf = cupp::zeros<T>({4, 12});
  auto view = buf(cupp::slice(), cupp::slice(0, std::nullopt, 2));
  const auto ret = generic_add(x, y, view);
  EXPECT_EQ(ret.desc().ptr, view.desc().ptr);  // returns the output it was given
  const auto hb = buf.get();
  for (std::size_t i = 0; i < 4; ++i)
    for (std::size_t j = 0; j < 12; ++j)
      EXPECT_EQ(hb[i * 12 + j], j % 2 ? T(0) : T(hx[i * 6 + j / 2] + hy[j / 2]));
}

TEST_F(ElementwiseKernel, GenericIsOneObjectForSeveralTypes) {
  // example-begin generic_elementwise_kernel
  static cupp::ElementwiseKernel add("T x, T y", "T z", "z = x + y", "add");
  cupp::ndarray<float> zf = add(cupp::ones<float>({3}), cupp::ones<float>({3}));  // T = float32
  cupp::ndarray<double> zd = add(cupp::arange<double>(3), 0.5);  // T = float64; 0.5 takes T
  // example-end
  EXPECT_EQ(zf.get(), (std::vector<float>{2, 2, 2}));
  EXPECT_EQ(zd.get(), (std::vector<double>{0.5, 1.5, 2.5}));
  // A named output dtype: float64 whatever T is.
  cupp::ndarray<double> w = generic_widen(cupp::asarray<std::int16_t>({3, -5}));
  EXPECT_EQ(w.get(), (std::vector<double>{1.5, -2.5}));
  // Several outputs, taken one by one.
  const auto qr = generic_divmod(cupp::asarray<std::int64_t>({7, 8, 9}), std::int64_t{4});
  ASSERT_EQ(qr.size(), 2u);
  EXPECT_EQ(qr.as<std::int64_t>(0).get(), (std::vector<std::int64_t>{1, 2, 2}));
  EXPECT_EQ(qr.as<std::int64_t>(1).get(), (std::vector<std::int64_t>{3, 0, 1}));
  EXPECT_THROW((void)static_cast<cupp::ndarray<std::int64_t>>(qr), cupp::type_error);  // which?
  EXPECT_THROW(qr.as<int>(0), cupp::type_error);                          // not its dtype
  EXPECT_THROW(qr.as<std::int64_t>(2), cupp::index_error);
  // A raw argument binds T too.
  auto y = cupp::zeros<std::int32_t>({4});
  generic_reverse(cupp::arange<std::int32_t>(4), y);
  EXPECT_EQ(y.get(), (std::vector<std::int32_t>{3, 2, 1, 0}));
  // Empty and 0-d arrays.
  cupp::ndarray<float> e = generic_add(cupp::zeros<float>({3, 0}), 1.0f);
  EXPECT_EQ(e.shape(), (cupp::shape_t{3, 0}));
  cupp::ndarray<double> d0 = generic_add(cupp::full<double>({}, 2.0), cupp::full<double>({}, 3.0));
  EXPECT_EQ(d0.ndim(), 0);
  EXPECT_EQ(d0.item(), 5.0);
}

TEST_F(ElementwiseKernel, GenericErrorsAsCuPy) {
  auto f = cupp::ones<float>({3});
  auto d = cupp::ones<double>({3});
  try {
    generic_add(f, d);
    FAIL();
  } catch (const cupp::type_error& e) {
    EXPECT_EQ(std::string(e.what()), "ElementwiseKernel: Type is mismatched. y float64 float32 T");
  }
  EXPECT_THROW(generic_add(f, f, d), cupp::type_error);  // the output binds T to float64
  EXPECT_THROW(generic_add(1.0f, 2.0f), cupp::value_error);  // loop size undecided
  EXPECT_THROW(generic_widen(1.0, cupp::zeros<double>({2})), cupp::type_error);  // unbound T
  EXPECT_THROW(generic_add(f), cupp::type_error);                                // arity
  EXPECT_THROW(generic_add(f, f, 1.0f), cupp::type_error);  // a scalar output
  EXPECT_THROW(generic_add(f, cupp::ones<float>({4})), cupp::broadcast_error);
  // An output array decides the loop size and binds T.
  cupp::ElementwiseKernel fill2("float32 v", "T y", "y = v", "fill2");
  auto out = cupp::zeros<std::int16_t>({2});
  fill2(3.5f, out);
  EXPECT_EQ(out.get(), (std::vector<std::int16_t>{3, 3}));
  EXPECT_THROW(fill2(1.0f), cupp::value_error);  // loop size undecided
}

TEST_F(ElementwiseKernel, GenericFromSeveralThreads) {
  // Threads bind and launch the one static object with two type combinations at once.
  std::vector<std::thread> threads;
  std::vector<int> ok(8, 0);
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int rep = 0; rep < 5; ++rep) {
        if (t % 2) {
          cupp::ndarray<double> z = generic_add(cupp::full<double>({100}, t), 1.0);
          ok[static_cast<std::size_t>(t)] += z.get()[99] == t + 1.0;
        } else {
          cupp::ndarray<std::int32_t> z = generic_add(cupp::full<std::int32_t>({100}, t), 2);
          ok[static_cast<std::size_t>(t)] += z.get()[0] == t + 2;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 8; ++t) EXPECT_EQ(ok[static_cast<std::size_t>(t)], 5) << t;
}

TEST_F(ElementwiseKernel, AddMulAllocatesAndBroadcasts) {
  auto x = cupp::asarray<float>({{1, 2, 3}, {4, 5, 6}});
  auto y = cupp::asarray<float>({10, 20, 30});
  // example-begin elementwise_kernel
  cupp::ElementwiseKernel<float, float, float> add_mul("float32 x, float32 y", "float32 z",
                                                       "z = x * y + 1", "add_mul");
  auto z = add_mul(x, y);  // y broadcasts over the rows of x
  // example-end
  EXPECT_EQ(z.shape(), (cupp::shape_t{2, 3}));
  EXPECT_EQ(z.get(), (std::vector<float>{11, 41, 91, 41, 101, 181}));
  auto out = cupp::zeros<float>({2, 3});
  add_mul(x, 2.0f, out);  // a scalar input, an existing output
  EXPECT_EQ(out.get(), (std::vector<float>{3, 5, 7, 9, 11, 13}));
}

TEST_F(ElementwiseKernel, PlaceholdersRawArgumentsAndTheIndex) {
  // Reverse through a raw argument, as CuPy's documentation does.
  cupp::ElementwiseKernel<double, double> reverse("raw T x", "T y", "y = x[_ind.size() - i - 1]",
                                                  "reverse");
  auto x = cupp::arange<double>(5);
  auto y = cupp::zeros<double>({5});
  reverse(x, y);
  EXPECT_EQ(y.get(), (std::vector<double>{4, 3, 2, 1, 0}));
  EXPECT_THROW(reverse(x(cupp::slice(std::nullopt, std::nullopt, 2)), cupp::zeros<double>({3})),
               cupp::value_error);
}

TEST_F(ElementwiseKernel, SeveralOutputsIntoStridedViews) {
  cupp::ElementwiseKernel<int, int, int, int> divmod("int32 a, int32 b", "int32 q, int32 r",
                                                     "q = a / b; r = a % b", "divmod_");
  auto a = cupp::asarray<int>({7, 8, 9, 10});
  auto [q, r] = divmod(a, 3);
  EXPECT_EQ(q.get(), (std::vector<int>{2, 2, 3, 3}));
  EXPECT_EQ(r.get(), (std::vector<int>{1, 2, 0, 1}));
  auto m = cupp::zeros<int>({4, 2});
  divmod(a, 4, m(cupp::slice(), 0), m(cupp::slice(), 1));  // strided outputs
  EXPECT_EQ(m.get(), (std::vector<int>{1, 3, 2, 0, 2, 1, 2, 2}));
  EXPECT_THROW(divmod(a), cupp::type_error);  // wrong number of arguments
}

TEST_F(ElementwiseKernel, IndexIsTheCOrderPositionOnATransposedOutput) {
  cupp::ElementwiseKernel<std::int64_t> iota("", "int64 y", "y = i", "iota");
  auto m = cupp::zeros<std::int64_t>({3, 2});
  auto t = m.T();  // shape (2, 3), F-ordered memory
  iota(t);
  // t[r, c] = r * 3 + c, so m[c, r] = r * 3 + c
  EXPECT_EQ(m.get(), (std::vector<std::int64_t>{0, 3, 1, 4, 2, 5}));
}

TEST_F(ElementwiseKernel, CompileErrorsCarryTheBody) {
  cupp::ElementwiseKernel<float, float> bad("float32 x", "float32 y", "y = x +* 1", "bad");
  try {
    bad(cupp::ones<float>({2}));
    FAIL();
  } catch (const cupp::compile_error& e) {
    EXPECT_NE(e.source().find("y = x +* 1"), std::string::npos);
  }
}

}  // namespace
