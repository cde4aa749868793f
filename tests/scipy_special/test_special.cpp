// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::special against SciPy's own results (tests/data/scipy_special/special.npz, written
// by make_special.py): every function over dense grids, special values, poles and the edges of
// its domain, in float64 and float32, to the bounds of docs/scipy_special.md; the dtype rule;
// fusion with the other ufuncs; every device function compiled by NVRTC for sm_90 on the host.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <complex>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include <nvrtc.h>

#include "cupp/jit/compiler.hpp"
#include "cupp/scipy/special.hpp"
#include "support/gpu.hpp"

namespace {

namespace special = cupp::scipy::special;
using cupp::dtype;

// ---- host: the dtype rule and the device code
// ----------------------------------------------------

template <class T>
constexpr dtype result_of_erf() {
  return decltype(special::erf(std::declval<const cupp::ndarray<T>&>()))::result;
}
template <class A, class B>
constexpr dtype result_of_xlogy() {
  return decltype(special::xlogy(std::declval<const cupp::ndarray<A>&>(),
                                 std::declval<const cupp::ndarray<B>&>()))::result;
}

TEST(SpecialHost, FloatThirtyTwoStaysTheRestIsFloat64AsSciPysLoops) {
  // scipy.special.erf(np.float32) is float32; bool, integers, float16 and float64 give float64.
  static_assert(result_of_erf<float>() == dtype::float32);
  static_assert(result_of_erf<double>() == dtype::float64);
  static_assert(result_of_erf<cupp::float16>() == dtype::float64);
  static_assert(result_of_erf<bool>() == dtype::float64);
  static_assert(result_of_erf<std::int8_t>() == dtype::float64);
  static_assert(result_of_erf<std::int64_t>() == dtype::float64);
  static_assert(result_of_erf<std::uint16_t>() == dtype::float64);
  static_assert(result_of_xlogy<float, float>() == dtype::float32);
  static_assert(result_of_xlogy<float, double>() == dtype::float64);
  static_assert(result_of_xlogy<float, std::int32_t>() == dtype::float64);
  EXPECT_EQ(cupp::expr::loop_dtype(cupp::expr::rule::special, dtype::complex64), dtype::complex64);
  EXPECT_EQ(cupp::expr::loop_dtype(cupp::expr::rule::special, dtype::bfloat16), dtype::float64);
  // round, binom and poch: SciPy lists their float32 loop first, so whatever casts to float32
  // safely (bool, 8- and 16-bit integers, float16) stays there; int32 and int64 need float64.
  using cupp::expr::rule;
  for (const dtype d : {dtype::bool_, dtype::int8, dtype::uint8, dtype::int16, dtype::uint16,
                        dtype::float16, dtype::float32})
    EXPECT_EQ(cupp::expr::loop_dtype(rule::special_f32, d), dtype::float32) << cupp::dtype_name(d);
  for (const dtype d : {dtype::int32, dtype::uint32, dtype::int64, dtype::uint64, dtype::float64})
    EXPECT_EQ(cupp::expr::loop_dtype(rule::special_f32, d), dtype::float64) << cupp::dtype_name(d);
  static_assert(decltype(special::round(
                    std::declval<const cupp::ndarray<std::int16_t>&>()))::result == dtype::float32);
  static_assert(decltype(special::poch(std::declval<const cupp::ndarray<std::int32_t>&>(),
                                       1.5))::result == dtype::float64);
}

TEST(SpecialHost, EveryDeviceFunctionCompilesForFloatAndDouble) {
  // A kernel that calls each function of kernels/cupp/special.cuh in both precisions, as the
  // generated kernels that use them do, compiled by NVRTC with cupp's embedded headers to PTX
  // for compute_90: the front end and NVVM see all of it, and no ptxas run of a kernel this
  // size (minutes) is spent on it; the GPU tests compile each function to a cubin.
  const std::vector<std::string> unary = {
      "erf",   "erfc",    "erfcx",    "erfinv",  "erfcinv", "ndtr",    "ndtri",      "log_ndtr",
      "gamma", "gammaln", "rgamma",   "digamma", "j0",      "j1",      "y0",         "y1",
      "i0",    "i0e",     "i1",       "i1e",     "expit",   "logit",   "log_expit",  "entr",
      "exp10", "cosm1",   "exprel",   "sindg",   "cosdg",   "tandg",   "cotdg",      "gammasgn",
      "exp1",  "expi",    "zetac",    "k0",      "k0e",     "k1",      "k1e",        "loggamma",
      "round", "ellipk",  "ellipkm1", "ellipe",  "sici_si", "sici_ci", "shichi_shi", "shichi_chi"};
  const std::vector<std::string> binary = {"xlogy",
                                           "xlog1py",
                                           "rel_entr",
                                           "kl_div",
                                           "huber",
                                           "pseudo_huber",
                                           "boxcox",
                                           "boxcox1p",
                                           "inv_boxcox",
                                           "inv_boxcox1p",
                                           "beta",
                                           "betaln",
                                           "zeta",
                                           "gammainc",
                                           "gammaincc",
                                           "gammaincinv",
                                           "gammainccinv",
                                           "pdtr",
                                           "pdtrc",
                                           "pdtri",
                                           "chdtr",
                                           "chdtrc",
                                           "chdtri",
                                           "stdtr",
                                           "stdtrit",
                                           "kn",
                                           "yn",
                                           "spherical_yn",
                                           "spherical_yn_d",
                                           "poch",
                                           "binom",
                                           "ellipkinc",
                                           "ellipeinc",
                                           "ellipj_sn",
                                           "ellipj_cn",
                                           "ellipj_dn",
                                           "ellipj_ph",
                                           "expn",
                                           "jv",
                                           "yv",
                                           "iv",
                                           "ive",
                                           "kv",
                                           "kve",
                                           "spherical_jn",
                                           "spherical_jn_d",
                                           "spherical_in",
                                           "spherical_in_d",
                                           "spherical_kn",
                                           "spherical_kn_d"};
  const std::vector<std::string> ternary = {
      "radian",      "gdtr",  "gdtrc", "betainc", "betaincc", "betaincinv",
      "betainccinv", "bdtr",  "bdtrc", "bdtri",   "btdtr",    "btdtri",
      "fdtr",        "fdtrc", "fdtri", "nbdtr",   "nbdtrc",   "nbdtri",   "lpmv"};
  std::string src = "#include <cupp/special.cuh>\n";
  for (const char* t : {"float", "double"}) {
    const std::string T = t;
    src += "extern \"C\" __global__ void special_" + T + "(" + T + "* out, const " + T +
           "* x, const " + T + "* y) {\n  const int i = threadIdx.x;\n  " + T + " s = 0;\n";
    for (const auto& f : unary) src += "  s += cupp::special::" + f + "(x[i]);\n";
    for (const auto& f : binary) src += "  s += cupp::special::" + f + "(x[i], y[i]);\n";
    for (const auto& f : ternary) src += "  s += cupp::special::" + f + "(x[i], y[i], x[i]);\n";
    src += "  out[i] = s;\n}\n";
  }
  std::vector<const char*> names, texts;
  for (const auto& [name, text] : cupp::jit::detail::embedded_headers()) {
    names.push_back(name);
    texts.push_back(text);
  }
  nvrtcProgram program = nullptr;
  ASSERT_EQ(nvrtcCreateProgram(&program, src.c_str(), "special.cu", static_cast<int>(names.size()),
                               texts.data(), names.data()),
            NVRTC_SUCCESS);
  const char* options[] = {"-std=c++17", "--gpu-architecture=compute_90"};
  const nvrtcResult result = nvrtcCompileProgram(program, 2, options);
  std::size_t log_size = 0;
  nvrtcGetProgramLogSize(program, &log_size);
  std::string log(log_size, '\0');
  nvrtcGetProgramLog(program, log.data());
  EXPECT_EQ(result, NVRTC_SUCCESS) << log;
  std::size_t ptx_size = 0;
  nvrtcGetPTXSize(program, &ptx_size);
  std::string ptx(ptx_size, '\0');
  nvrtcGetPTX(program, ptx.data());
  nvrtcDestroyProgram(&program);
  EXPECT_NE(ptx.find("special_float"), std::string::npos);
  EXPECT_NE(ptx.find("special_double"), std::string::npos);
}

TEST(SpecialHost, GeneratedKernelsIncludeTheSpecialHeaderOnlyWhenTheyCallIt) {
  // erf(a) * b: one kernel that includes <cupp/special.cuh> and compiles for sm_90; exp(a)
  // alone does not parse the header.
  using F = cupp::ndarray<float>;
  using E = decltype(special::erf(std::declval<const F&>()) * std::declval<const F&>());
  auto& fused = cupp::expr::family_of<E>();
  const std::string src = fused.source(E::result, 0, false);
  EXPECT_NE(src.find("#include <cupp/special.cuh>"), std::string::npos);
  EXPECT_NE(src.find("cupp::special::erf("), std::string::npos);
  EXPECT_NO_THROW(fused.compile(E::result, 0, false, 90));
  using P = decltype(cupp::exp(std::declval<const F&>()));
  EXPECT_EQ(cupp::expr::family_of<P>().source(P::result, 0, false).find("special.cuh"),
            std::string::npos);
}

// ---- device: against SciPy
// -----------------------------------------------------------------------

class SpecialGpu : public cupp::test::GpuTest {};

/// |got - want| <= rtol |want| + atol for finite SciPy values; a NaN or an infinity of SciPy's
/// is matched exactly (the sign of a zero is not compared).
struct bound {
  double rtol64, atol64, rtol32, atol32;
};

/// The bounds of docs/scipy_special.md. rtol 4e-15 is about 18 ulp of float64, 2e-6 about
/// 17 ulp of float32; an atol is given where the function has zeros, or where an argument's
/// rounding moves the value by more than its own ulps (large arguments of the oscillating
/// and the exponential functions). An atol of 1e-300 (1e-37 in float32) covers subnormal
/// results, which SciPy flushes to 0 in some tails (expit, ndtr, erfc) and which CUDA's float
/// functions compute to fewer digits. erfc, erfcx and ndtr allow x^2 ulp in their tails, where
/// exp(-x^2) of a rounded x^2 loses them (SciPy's erfc, CUDA's erfcx of negative x).
const std::map<std::string, bound>& bounds() {
  static const std::map<std::string, bound> b = {
      {"erf", {4e-15, 0, 2e-6, 0}},
      {"erfc", {2e-13, 1e-300, 4e-6, 1e-37}},
      {"erfcx", {2e-13, 0, 4e-6, 0}},
      {"erfinv", {1e-14, 0, 4e-6, 1e-37}},
      {"erfcinv", {1e-14, 0, 4e-6, 0}},
      {"ndtr", {3e-13, 1e-300, 4e-6, 1e-37}},
      {"ndtri", {1e-14, 0, 4e-6, 0}},
      {"log_ndtr", {1e-14, 1e-15, 4e-6, 1e-7}},
      {"gamma", {1e-13, 0, 1e-5, 0}},
      {"gammaln", {1e-14, 1e-14, 4e-6, 2e-6}},
      {"rgamma", {1e-13, 0, 1e-5, 0}},
      {"digamma", {1e-13, 1e-14, 1e-5, 1e-6}},
      {"j0", {1e-12, 1e-12, 1e-5, 4e-6}},
      {"j1", {1e-12, 1e-12, 1e-5, 4e-6}},
      {"y0", {1e-12, 1e-12, 1e-5, 4e-6}},
      {"y1", {1e-12, 1e-12, 1e-5, 4e-6}},
      {"i0", {1e-14, 0, 4e-6, 0}},
      {"i1", {1e-14, 0, 4e-6, 1e-37}},
      {"i0e", {1e-14, 0, 4e-6, 0}},
      {"i1e", {1e-14, 0, 4e-6, 1e-37}},
      {"expit", {4e-15, 1e-300, 2e-6, 1e-37}},  // SciPy's is 0 where the value is subnormal
      {"logit", {4e-15, 1e-16, 2e-6, 1e-7}},
      {"log_expit", {4e-15, 0, 2e-6, 0}},
      {"entr", {4e-15, 0, 2e-6, 0}},
      {"exp10", {1e-14, 0, 4e-6, 0}},
      {"cosm1", {2e-14, 1e-300, 2e-6, 1e-37}},
      {"exprel", {1e-14, 0, 4e-6, 0}},
      {"sindg", {4e-15, 1e-16, 2e-6, 1e-7}},
      {"cosdg", {4e-15, 1e-16, 2e-6, 1e-7}},
      {"tandg", {4e-15, 1e-16, 2e-6, 1e-7}},
      {"cotdg", {4e-15, 1e-16, 2e-6, 1e-7}},
      {"xlogy", {4e-15, 0, 2e-6, 0}},
      {"xlog1py", {4e-15, 0, 2e-6, 0}},
      {"rel_entr", {4e-15, 1e-15, 2e-6, 1e-6}},
      {"kl_div", {4e-15, 1e-14, 2e-6, 1e-6}},
      {"huber", {4e-15, 0, 2e-6, 0}},
      {"pseudo_huber", {4e-15, 0, 2e-6, 0}},
      {"boxcox", {1e-14, 1e-15, 4e-6, 1e-6}},
      {"boxcox1p", {1e-14, 1e-15, 4e-6, 1e-6}},
      {"inv_boxcox", {1e-14, 0, 4e-6, 0}},
      {"inv_boxcox1p", {1e-14, 1e-15, 4e-6, 1e-6}},
      {"beta", {2e-13, 0, 1e-5, 0}},
      {"betaln", {1e-11, 1e-10, 1e-5, 1e-6}},  // lgamma of large arguments: ~1e-11
      {"radian", {4e-15, 1e-16, 2e-6, 1e-7}},
      {"gammasgn", {0, 0, 0, 0}},
      {"exp1", {1e-14, 0, 2e-6, 0}},
      {"expi", {1e-13, 1e-15, 2e-6, 1e-7}},
      {"zetac", {1e-13, 1e-12, 2e-6, 1e-7}},  // near the zeros below -2: the reflection's terms
      {"zeta", {1e-13, 0, 2e-6, 0}},
      // The incomplete gamma and beta families, the distributions, Bessel functions of integer
      // order, elliptic integrals, poch and binom: computed in double for float32 too. Their
      // bounds include SciPy's own error where it is the larger (its incomplete gamma for shapes
      // near 1000, binom of small n: cupp's values agree with high-precision ones there).
      {"k0", {2e-14, 0, 2e-6, 1e-37}},
      {"k0e", {2e-14, 0, 2e-6, 1e-37}},
      {"k1", {2e-14, 0, 2e-6, 1e-37}},
      {"k1e", {2e-14, 0, 2e-6, 1e-37}},
      {"loggamma", {1e-14, 1e-14, 2e-6, 1e-37}},
      {"ellipk", {4e-15, 0, 2e-6, 1e-37}},
      {"ellipkm1", {4e-15, 0, 2e-6, 1e-37}},
      {"ellipe", {4e-15, 0, 2e-6, 1e-37}},
      {"ellipkinc", {1e-14, 1e-300, 2e-6, 1e-37}},
      {"ellipeinc", {1e-14, 1e-300, 2e-6, 1e-37}},
      {"ellipj_sn", {1e-13, 1e-14, 2e-6, 1e-37}},
      {"ellipj_cn", {1e-13, 1e-14, 2e-6, 1e-37}},
      {"ellipj_dn", {1e-13, 1e-14, 2e-6, 1e-37}},
      {"ellipj_ph", {1e-13, 1e-14, 2e-6, 1e-37}},
      {"expn", {1e-13, 1e-300, 2e-6, 1e-37}},
      {"gammainc", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"gammaincc", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"gammaincinv", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"gammainccinv", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"pdtr", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"pdtrc", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"pdtri", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"chdtr", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"chdtrc", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"chdtri", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"gdtr", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"gdtrc", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"kn", {1e-13, 0, 2e-6, 1e-37}},
      {"yn", {2e-12, 1e-12, 2e-6, 1e-37}},
      {"spherical_yn", {1e-12, 1e-300, 2e-6, 1e-37}},
      {"jv", {1e-12, 5e-14, 2e-6, 1e-37}},
      {"jn", {1e-12, 5e-14, 2e-6, 1e-37}},
      {"yv", {1e-12, 1e-14, 2e-6, 1e-37}},
      {"iv", {1e-12, 1e-300, 2e-6, 1e-37}},
      {"ive", {1e-12, 1e-300, 2e-6, 1e-37}},
      {"kv", {1e-12, 1e-300, 2e-6, 1e-37}},
      {"kve", {1e-12, 1e-300, 2e-6, 1e-37}},
      {"spherical_jn", {1e-12, 1e-14, 2e-6, 1e-37}},
      {"spherical_jn_d", {1e-12, 1e-14, 2e-6, 1e-37}},
      {"spherical_in", {1e-12, 1e-300, 2e-6, 1e-37}},
      {"spherical_in_d", {1e-12, 1e-300, 2e-6, 1e-37}},
      {"spherical_kn", {1e-12, 1e-14, 2e-6, 1e-14}},
      {"spherical_kn_d", {1e-12, 1e-14, 2e-6, 1e-14}},
      {"poch", {4e-12, 0, 2e-6, 1e-37}},
      {"binom", {1e-11, 1e-300, 2e-6, 1e-37}},
      {"betainc", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"betaincc", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"betaincinv", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"betainccinv", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"bdtr", {4e-12, 1e-300, 2e-6, 1e-37}},
      {"bdtrc", {4e-12, 1e-300, 2e-6, 1e-37}},
      {"bdtri", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"nbdtr", {4e-12, 1e-300, 2e-6, 1e-37}},
      {"nbdtrc", {4e-12, 1e-300, 2e-6, 1e-37}},
      {"nbdtri", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"fdtr", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"fdtrc", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"fdtri", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"stdtr", {2e-12, 1e-300, 2e-6, 1e-37}},
      {"stdtrit", {1e-12, 1e-15, 2e-6, 1e-37}},
      {"lpmv", {2e-11, 1e-300, 1e-6, 1e-37}},
      {"round", {0, 0, 0, 0}},
      {"sici_si", {4e-15, 0, 2e-6, 0}},
      {"sici_ci", {1e-14, 1e-15, 2e-6, 1e-7}},  // near its zeros: the cancellation of its series
      {"shichi_shi", {2e-14, 0, 2e-6, 0}},
      {"shichi_chi", {2e-14, 1e-15, 2e-6, 1e-7}},
  };
  return b;
}

using fn = std::function<cupp::array(const std::vector<cupp::array>&)>;

const std::map<std::string, fn>& functions() {
  using v = std::vector<cupp::array>;
  static const std::map<std::string, fn> f = {
#define ONE(name)                                         \
  {                                                       \
#name, [](const v& a) { return special::name(a[0]); } \
  }
#define TWO(name)                                               \
  {                                                             \
#name, [](const v& a) { return special::name(a[0], a[1]); } \
  }
#define THREE(name)                                                   \
  {                                                                   \
#name, [](const v& a) { return special::name(a[0], a[1], a[2]); } \
  }
      ONE(erf),
      ONE(erfc),
      ONE(erfcx),
      ONE(erfinv),
      ONE(erfcinv),
      ONE(ndtr),
      ONE(ndtri),
      ONE(log_ndtr),
      ONE(gamma),
      ONE(gammaln),
      ONE(rgamma),
      ONE(digamma),
      ONE(j0),
      ONE(j1),
      ONE(y0),
      ONE(y1),
      ONE(i0),
      ONE(i0e),
      ONE(i1),
      ONE(i1e),
      ONE(expit),
      ONE(logit),
      ONE(log_expit),
      ONE(entr),
      ONE(exp10),
      ONE(cosm1),
      ONE(exprel),
      ONE(sindg),
      ONE(cosdg),
      ONE(tandg),
      ONE(cotdg),
      TWO(xlogy),
      TWO(xlog1py),
      TWO(rel_entr),
      TWO(kl_div),
      TWO(huber),
      TWO(pseudo_huber),
      TWO(boxcox),
      TWO(boxcox1p),
      TWO(inv_boxcox),
      TWO(inv_boxcox1p),
      TWO(beta),
      TWO(betaln),
      ONE(gammasgn),
      ONE(exp1),
      ONE(expi),
      ONE(zetac),
      TWO(zeta),
      {"radian", [](const v& a) { return special::radian(a[0], a[1], a[2]); }},
      ONE(k0),
      ONE(k0e),
      ONE(k1),
      ONE(k1e),
      ONE(loggamma),
      ONE(round),
      ONE(ellipk),
      ONE(ellipkm1),
      ONE(ellipe),
      TWO(gammainc),
      TWO(gammaincc),
      TWO(gammaincinv),
      TWO(gammainccinv),
      TWO(pdtr),
      TWO(pdtrc),
      TWO(pdtri),
      TWO(chdtr),
      TWO(chdtrc),
      TWO(chdtri),
      TWO(stdtr),
      TWO(stdtrit),
      TWO(kn),
      TWO(yn),
      TWO(spherical_yn),
      TWO(poch),
      TWO(binom),
      TWO(ellipkinc),
      TWO(ellipeinc),
      TWO(ellipj_sn),
      TWO(ellipj_cn),
      TWO(ellipj_dn),
      TWO(ellipj_ph),
      TWO(expn),
      TWO(jv),
      TWO(jn),
      TWO(yv),
      TWO(iv),
      TWO(ive),
      TWO(kv),
      TWO(kve),
      TWO(spherical_jn),
      TWO(spherical_jn_d),
      TWO(spherical_in),
      TWO(spherical_in_d),
      TWO(spherical_kn),
      TWO(spherical_kn_d),
      THREE(gdtr),
      THREE(gdtrc),
      THREE(betainc),
      THREE(betaincc),
      THREE(betaincinv),
      THREE(betainccinv),
      THREE(bdtr),
      THREE(bdtrc),
      THREE(bdtri),
      THREE(fdtr),
      THREE(fdtrc),
      THREE(fdtri),
      THREE(nbdtr),
      THREE(nbdtrc),
      THREE(nbdtri),
      THREE(lpmv),
      ONE(sici_si),
      ONE(sici_ci),
      ONE(shichi_shi),
      ONE(shichi_chi),
#undef ONE
#undef TWO
#undef THREE
  };
  return f;
}

/// Compares, and says how much of the bound the worst element used.
::testing::AssertionResult within(const cupp::array& got, const cupp::array& want, double rtol,
                                  double atol, const std::string& what, double& used) {
  if (got.shape() != want.shape()) return ::testing::AssertionFailure() << what << ": shape";
  const std::vector<double> g = got.get<double>(cupp::casting::unsafe);
  const std::vector<double> w = want.get<double>(cupp::casting::unsafe);
  std::ostringstream os;
  int bad = 0;
  used = 0;
  for (std::size_t i = 0; i < g.size(); ++i) {
    bool ok;
    if (std::isnan(w[i])) {
      ok = std::isnan(g[i]);
    } else if (std::isinf(w[i])) {
      ok = g[i] == w[i];
    } else {
      const double err = std::abs(g[i] - w[i]), tol = rtol * std::abs(w[i]) + atol;
      ok = err <= tol;
      if (tol > 0) used = std::max(used, err / tol);
      if (tol == 0 && err > 0) used = INFINITY;
    }
    if (!ok && ++bad <= 5) os << "\n  [" << i << "] " << g[i] << " instead of " << w[i];
  }
  if (bad == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << what << ": " << bad << " of " << g.size() << " elements outside the bound" << os.str();
}

const cupp::npz_file& reference() {
  static const cupp::npz_file z =
      cupp::load_npz(std::string(CUPP_TEST_DATA_DIR) + "/scipy_special/special.npz");
  return z;
}

/// Compiles every function's kernels for float64 and float32 on 8 host threads (a few seconds
/// each for the iterative ones), so that the comparison below finds them compiled.
void compile_in_parallel(const cupp::npz_file& z) {
  std::vector<std::pair<std::string, fn>> all(functions().begin(), functions().end());
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < 8; ++t) {
    pool.emplace_back([&] {
      for (std::size_t i = next++; i < all.size(); i = next++) {
        const std::string& name = all[i].first;
        for (const dtype d : {dtype::float64, dtype::float32}) {
          std::vector<cupp::array> args;
          for (int k = 0; z.contains(name + "__a" + std::to_string(k)); ++k)
            args.push_back(cupp::zeros({1}, d));
          try {
            (void)all[i].second(args).get<double>(cupp::casting::unsafe);
          } catch (const std::exception&) {
            // the comparison reports it
          }
        }
      }
    });
  }
  for (auto& t : pool) t.join();
}

TEST_F(SpecialGpu, AgreesWithSciPyInBothPrecisions) {
  const cupp::npz_file& z = reference();
  compile_in_parallel(z);
  int checked = 0;
  for (const auto& [name, f] : functions()) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(z.contains(name + "__f64"));
    std::vector<cupp::array> args64, args32;
    for (int k = 0; z.contains(name + "__a" + std::to_string(k)); ++k) {
      const cupp::array a = z[name + "__a" + std::to_string(k)];
      args64.push_back(a);
      args32.push_back(a.astype(dtype::float32));
    }
    const bound b = bounds().at(name);
    const cupp::array got64 = f(args64), got32 = f(args32);
    EXPECT_EQ(got64.dtype(), dtype::float64);
    EXPECT_EQ(got32.dtype(), dtype::float32);
    double used64 = 0, used32 = 0;
    EXPECT_TRUE(within(got64, z[name + "__f64"], b.rtol64, b.atol64, name + " float64", used64));
    EXPECT_TRUE(within(got32, z[name + "__f32"], b.rtol32, b.atol32, name + " float32", used32));
    std::printf("%-14s float64 %5.2f  float32 %5.2f of the bound\n", name.c_str(), used64, used32);
    ++checked;
  }
  EXPECT_EQ(checked, 115);
}

TEST_F(SpecialGpu, PolygammaMultigammalnAndZetaOfOneArgument) {
  const cupp::npz_file& z = reference();
  double used = 0;
  for (const int n : {1, 3}) {
    const std::string key = "polygamma_" + std::to_string(n);
    const cupp::ndarray<double> x = z[key + "__a0"].as<double>();
    EXPECT_TRUE(
        within(cupp::array(special::polygamma(n, x)), z[key + "__f64"], 1e-12, 1e-12, key, used));
    EXPECT_TRUE(within(special::polygamma(n, cupp::array(x)), z[key + "__f64"], 1e-12, 1e-12,
                       key + " cupp::array", used));
  }
  const cupp::ndarray<double> a = z["multigammaln_3__a0"].as<double>();
  EXPECT_TRUE(within(cupp::array(special::multigammaln(a, 3)), z["multigammaln_3__f64"], 1e-13,
                     1e-13, "multigammaln", used));
  // SciPy's error for an argument at or below (d - 1) / 2.
  try {
    (void)special::multigammaln(cupp::asarray<double>({0.5, 3.0}), 3);
    ADD_FAILURE() << "no error";
  } catch (const cupp::value_error& e) {
    EXPECT_EQ(std::string(e.what()), "condition a ([0.5 3. ]) > 0.5 * (d-1) (1.0) not met");
  }
  // zeta(x) is the Riemann zeta function: zeta(2) = pi^2 / 6.
  const cupp::ndarray<double> two = cupp::asarray<double>({2.0, 4.0});
  const std::vector<double> r = cupp::ndarray<double>(special::zeta(two)).get();
  EXPECT_NEAR(r[0], M_PI * M_PI / 6, 1e-15);
  EXPECT_NEAR(r[1], std::pow(M_PI, 4) / 90, 1e-15);
}

TEST_F(SpecialGpu, EllipjSphericalYnDerivativeAndBetaAliases) {
  const cupp::npz_file& z = reference();
  double used = 0;
  // ellipj's four outputs at once, each as the single-output ufunc.
  const cupp::ndarray<double> u = z["ellipj_sn__a0"].as<double>();
  const cupp::ndarray<double> m = z["ellipj_sn__a1"].as<double>();
  // example-begin scipy_special_ellipj
  const auto [sn, cn, dn, ph] = special::ellipj(u, m);  // four arrays, as SciPy's tuple
  // example-end
  EXPECT_TRUE(within(cupp::array(sn), z["ellipj_sn__f64"], 1e-13, 1e-14, "sn", used));
  EXPECT_TRUE(within(cupp::array(cn), z["ellipj_cn__f64"], 1e-13, 1e-14, "cn", used));
  EXPECT_TRUE(within(cupp::array(dn), z["ellipj_dn__f64"], 1e-13, 1e-14, "dn", used));
  EXPECT_TRUE(within(cupp::array(ph), z["ellipj_ph__f64"], 1e-13, 1e-14, "ph", used));
  const auto parts = special::ellipj(cupp::array(u), cupp::array(m));
  EXPECT_TRUE(within(std::get<0>(parts), cupp::array(sn), 0, 0, "ellipj of arrays", used));
  // spherical_yn(n, x, derivative=True) against SciPy's.
  const cupp::ndarray<double> n = z["spherical_yn_d__a0"].as<double>();
  const cupp::ndarray<double> x = z["spherical_yn_d__a1"].as<double>();
  EXPECT_TRUE(within(cupp::array(special::spherical_yn(n, x, true)), z["spherical_yn_d__f64"],
                     1e-12, 1e-300, "spherical_yn derivative", used));
  EXPECT_EQ(special::spherical_yn(n, x, false).get(),
            cupp::ndarray<double>(special::spherical_yn(n, x)).get());
  // btdtr and btdtri (CuPy's names; SciPy 1.14 removed them) are betainc and betaincinv.
  const cupp::ndarray<double> a = cupp::asarray<double>({0.5, 2.0, 30.0});
  const cupp::ndarray<double> b = cupp::asarray<double>({1.5, 0.25, 7.0});
  const cupp::ndarray<double> p = cupp::asarray<double>({0.1, 0.5, 0.99});
  EXPECT_EQ(cupp::ndarray<double>(special::btdtr(a, b, p)).get(),
            cupp::ndarray<double>(special::betainc(a, b, p)).get());
  EXPECT_EQ(cupp::ndarray<double>(special::btdtri(a, b, p)).get(),
            cupp::ndarray<double>(special::betaincinv(a, b, p)).get());
  // betainc(a, b, betaincinv(a, b, p)) is p again.
  const std::vector<double> back =
      cupp::ndarray<double>(special::betainc(a, b, special::betaincinv(a, b, p))).get();
  for (std::size_t i = 0; i < back.size(); ++i) EXPECT_NEAR(back[i], p.get()[i], 1e-14);
  // sici and shichi: both outputs at once, as SciPy's tuple.
  const cupp::ndarray<double> t = cupp::asarray<double>({0.5, 2.0, 10.0});
  const auto [si, ci] = special::sici(t);
  EXPECT_NEAR(si.get()[1], 1.6054129768026948, 1e-15);   // Si(2)
  EXPECT_NEAR(ci.get()[1], 0.42298082877486499, 1e-15);  // Ci(2)
  const auto [shi, chi] = special::shichi(t);
  EXPECT_NEAR(shi.get()[0], 0.50699674981966710, 1e-15);  // Shi(1/2)
  EXPECT_NEAR(chi.get()[2], 1246.1144860424545, 1e-11);   // Chi(10)
  // round: halves to even; its float32 loop comes first in SciPy, so int16 gives float32.
  const cupp::ndarray<double> r = special::round(cupp::asarray<double>({0.5, 1.5, 2.5, -2.5}));
  EXPECT_EQ(r.get(), (std::vector<double>{0.0, 2.0, 2.0, -2.0}));
  const cupp::array r16 = special::round(cupp::array(cupp::asarray<std::int16_t>({3, -7})));
  EXPECT_EQ(r16.dtype(), dtype::float32);
  EXPECT_EQ(r16.get<float>(), (std::vector<float>{3.0f, -7.0f}));
  const cupp::ndarray<float> b8 =
      special::binom(cupp::asarray<std::int8_t>({10, 5}), cupp::asarray<std::int8_t>({3, 2}));
  EXPECT_EQ(b8.get(), (std::vector<float>{120.0f, 10.0f}));
}

TEST_F(SpecialGpu, RealOrderBesselFunctionsOfHalfIntegerOrderAreElementary) {
  // Orders +-1/2 have closed forms (DLMF 10.16.1, 10.39.2): J_1/2 = sqrt(2/(pi x)) sin x,
  // Y_1/2 = -sqrt(2/(pi x)) cos x, J_-1/2 = -Y_1/2, I_1/2 = sqrt(2/(pi x)) sinh x, K_1/2 =
  // sqrt(pi/(2x)) e^-x; the spherical ones are j_0 = sin x / x, i_0 = sinh x / x, k_0 =
  // (pi/2) e^-x / x. Checked against those, computed here on the host, over x from 0.01 to 60.
  // example-begin scipy_special_real_order
  namespace special = cupp::scipy::special;
  const cupp::ndarray<double> x = cupp::linspace<double>(0.01, 60.0, 2000);
  const cupp::ndarray<double> j = special::jv(0.5, x), y = special::yv(0.5, x);
  const cupp::ndarray<double> jm = special::jv(-0.5, x), i = special::iv(0.5, x);
  const cupp::ndarray<double> k = special::kv(0.5, x), ke = special::kve(0.5, x);
  const cupp::ndarray<double> sj = special::spherical_jn(0, x);
  const cupp::ndarray<double> sjd = special::spherical_jn(0, x, true);  // derivative=True
  const cupp::ndarray<double> si = special::spherical_in(0, x), sk = special::spherical_kn(0, x);
  // example-end
  const std::vector<double> xs = x.get();
  const std::vector<double> jh = j.get(), yh = y.get(), jmh = jm.get(), ih = i.get();
  const std::vector<double> kh = k.get(), keh = ke.get(), sjh = sj.get(), sjdh = sjd.get();
  const std::vector<double> sih = si.get(), skh = sk.get();
  for (std::size_t n = 0; n < xs.size(); ++n) {
    const double t = xs[n], c = std::sqrt(2.0 / (M_PI * t));
    EXPECT_NEAR(jh[n], c * std::sin(t), 4e-15 * c);  // a few ulp of the envelope c
    EXPECT_NEAR(yh[n], -c * std::cos(t), 4e-15 * c);
    EXPECT_NEAR(jmh[n], c * std::cos(t), 4e-15 * c);
    EXPECT_NEAR(ih[n], c * std::sinh(t), 1e-14 * std::abs(c * std::sinh(t)));
    EXPECT_NEAR(kh[n], std::sqrt(M_PI / (2 * t)) * std::exp(-t), 1e-14 * kh[n]);
    EXPECT_NEAR(keh[n], std::sqrt(M_PI / (2 * t)), 1e-14 * keh[n]);
    EXPECT_NEAR(sjh[n], std::sin(t) / t, 4e-15 / t);
    EXPECT_NEAR(sjdh[n], (t * std::cos(t) - std::sin(t)) / (t * t), 1e-14 / t);
    EXPECT_NEAR(sih[n], std::sinh(t) / t, 1e-14 * std::abs(std::sinh(t) / t));
    EXPECT_NEAR(skh[n], M_PI / 2 * std::exp(-t) / t, 1e-14 * skh[n]);
  }
  // jn is jv; integer orders below 0 and arguments below 0: J_-n(x) = (-1)^n J_n(x) = J_n(-x).
  EXPECT_EQ(cupp::ndarray<double>(special::jn(3.0, x)).get(),
            cupp::ndarray<double>(special::jv(3.0, x)).get());
  const std::vector<double> a = cupp::ndarray<double>(special::jv(-3.0, x)).get();
  const std::vector<double> b = cupp::ndarray<double>(special::jv(3.0, -x)).get();
  const std::vector<double> c = cupp::ndarray<double>(special::jv(3.0, x)).get();
  for (std::size_t n = 0; n < c.size(); ++n) {
    EXPECT_EQ(a[n], -c[n]);
    EXPECT_EQ(b[n], -c[n]);
  }
  // A fractional order below 0 is NaN there, as SciPy's; float32 computes to float32.
  EXPECT_TRUE(std::isnan(cupp::ndarray<double>(special::jv(0.5, -1.0)).item()));
  const cupp::ndarray<float> f = special::kv(2.5f, x.astype<float>());
  EXPECT_EQ(f.dtype(), dtype::float32);
}

TEST_F(SpecialGpu, PsiIsDigammaAndNumPysNamesAreNumPys) {
  const cupp::ndarray<double> x = cupp::linspace<double>(-3.7, 9.1, 101);
  EXPECT_EQ(cupp::ndarray<double>(special::psi(x)).get(),
            cupp::ndarray<double>(special::digamma(x)).get());
  const cupp::ndarray<double> e = special::expm1(x);
  const cupp::ndarray<double> n = cupp::expm1(x);
  EXPECT_EQ(e.get(), n.get());
  const cupp::ndarray<double> sc = special::sinc(x);  // numpy.sinc, as scipy.special.sinc
  EXPECT_NEAR(sc.get()[0], std::sin(M_PI * -3.7) / (M_PI * -3.7), 1e-15);
}

TEST_F(SpecialGpu, FusesWithOtherUfuncsAndTakesEveryOperandForm) {
  // example-begin scipy_special_fused
  namespace special = cupp::scipy::special;
  const cupp::ndarray<double> x = cupp::linspace<double>(0.0, 10.0, 1001);
  // One kernel: exp(-x) * I0(x) + 1, as NumPy code would write it.
  const cupp::ndarray<double> y = cupp::exp(-x) * special::i0(x) + 1.0;
  const cupp::ndarray<float> p = special::expit(x.astype<float>());  // float32 stays float32
  const cupp::ndarray<double> z = special::erf(0.5);                 // a 0-d array
  // example-end
  const std::vector<double> xs = x.get(), ys = y.get();
  for (std::size_t i = 0; i < xs.size(); ++i)
    EXPECT_NEAR(ys[i], std::exp(-xs[i]) * std::cyl_bessel_i(0.0, xs[i]) + 1.0, 1e-14 * ys[i]);
  const std::vector<float> ps = p.get();
  for (std::size_t i = 0; i < xs.size(); ++i)
    EXPECT_NEAR(ps[i], 1.0 / (1.0 + std::exp(-xs[i])), 2e-7);
  EXPECT_NEAR(z.item(), std::erf(0.5), 1e-16);
  // cupp::array operands, with `out`, and an integer input (float64 as SciPy's).
  const cupp::array a = cupp::asarray<std::int32_t>({1, 2, 3});
  const cupp::array g = special::gamma(a);
  EXPECT_EQ(g.dtype(), dtype::float64);
  EXPECT_EQ(g.get<double>(), (std::vector<double>{1.0, 1.0, 2.0}));
  cupp::ndarray<double> out = cupp::zeros<double>({3});
  special::gammaln(cupp::asarray<double>({1.0, 2.0, 3.0}), out);
  EXPECT_NEAR(out.get()[2], std::log(2.0), 1e-15);
}

TEST_F(SpecialGpu, LogsumexpSoftmaxAndLogSoftmaxAgainstAHostLoop) {
  // Rows of very different scales (one beyond exp's range), a row with +inf, a row of -inf.
  const std::int64_t rows = 5, cols = 7;
  std::vector<double> h(static_cast<std::size_t>(rows * cols));
  for (std::int64_t i = 0; i < rows * cols; ++i)
    h[static_cast<std::size_t>(i)] =
        std::sin(0.7 * static_cast<double>(i)) * (i < 7 ? 1000.0 : 3.0);
  for (std::int64_t j = 0; j < cols; ++j) h[static_cast<std::size_t>(4 * cols + j)] = -INFINITY;
  h[static_cast<std::size_t>(3 * cols + 2)] = INFINITY;
  const cupp::ndarray<double> a = cupp::asarray(h, {rows, cols});
  const std::vector<double> lse = special::logsumexp(a, 1).get();
  const std::vector<double> sm = special::softmax(a, 1).get();
  const std::vector<double> lsm = special::log_softmax(a, 1).get();
  for (std::int64_t r = 0; r < rows; ++r) {
    long double m = -INFINITY;
    for (std::int64_t j = 0; j < cols; ++j) m = std::max<long double>(m, h[r * cols + j]);
    const long double shift = std::isfinite(static_cast<double>(m)) ? m : 0.0L;
    long double sum = 0;
    for (std::int64_t j = 0; j < cols; ++j) sum += std::exp(h[r * cols + j] - shift);
    const double want = static_cast<double>(shift + std::log(sum));
    if (std::isinf(want)) {
      EXPECT_EQ(lse[static_cast<std::size_t>(r)], want) << r;
      continue;
    }
    EXPECT_NEAR(lse[static_cast<std::size_t>(r)], want, 1e-14 * std::abs(want)) << r;
    for (std::int64_t j = 0; j < cols; ++j) {
      const auto k = static_cast<std::size_t>(r * cols + j);
      const long double l = h[k] - shift - std::log(sum);
      EXPECT_NEAR(lsm[k], static_cast<double>(l), 1e-13 * (1 + std::abs(static_cast<double>(l))));
      EXPECT_NEAR(sm[k], static_cast<double>(std::exp(l)), 1e-15);
    }
  }
  // Over every element, keepdims, and float32 staying float32.
  const cupp::ndarray<double> all = special::logsumexp(a(cupp::slice(0, 3)), {}, true);
  EXPECT_EQ(all.shape(), (cupp::shape_t{1, 1}));
  const cupp::ndarray<float> f = special::softmax(a(cupp::slice(1, 3)).astype<float>(), 0);
  const std::vector<float> fs = f.get();
  for (std::int64_t j = 0; j < cols; ++j)
    EXPECT_NEAR(fs[static_cast<std::size_t>(j)] + fs[static_cast<std::size_t>(cols + j)], 1.0f,
                1e-6f);
}

TEST_F(SpecialGpu, ComplexInputIsATypeError) {
  const cupp::array c = cupp::asarray(std::vector<std::complex<double>>{{1.0, 2.0}});
  EXPECT_THROW((void)special::erf(c), cupp::type_error);
}

}  // namespace
