// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The device functions of the elementwise ufuncs (kernels/cupp/ufunc.cuh, cupp::ufn) and the device
// types (kernels/cupp/types.cuh). Without a GPU: one NVRTC compile for sm_90 instantiates every
// function for every loop type it supports and checks that no other loop type has it, plus a few
// calls that must not compile. On a GPU: each function on a grid of special values per loop type,
// all pairs (all triples for clip), against the host references in support/ufunc_reference.hpp.
#include <cuda_runtime_api.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/dtype.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/promotion.hpp"
#include "cupp/expr/type_rules.hpp"
#include "cupp/jit/compiler.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "support/gpu.hpp"
#include "support/ufunc_reference.hpp"

namespace {

namespace ref = cupp::test::ufunc_ref;

// ---- the ufuncs and the loop types each one has ------------------------------------------------

enum kind : unsigned { kBool = 1, kSigned = 2, kUnsigned = 4, kFloat = 8, kComplex = 16 };
constexpr unsigned kInt = kSigned | kUnsigned;
constexpr unsigned kAll = kBool | kInt | kFloat | kComplex;

struct ufunc_info {
  std::string name;  // the device function, cupp::ufn::<name>
  int arity;
  unsigned kinds;                   // the loop types it has
  bool returns_bool, returns_part;  // a predicate; the part type of a complex loop
};

/// The loop kind of a dtype as device code computes it (float16 and bfloat16 in float).
unsigned loop_kind(cupp::dtype d) {
  const cupp::dtype c = cupp::expr::compute_dtype(d);
  return cupp::is_bool(c)       ? kBool
         : cupp::is_signed(c)   ? kSigned
         : cupp::is_unsigned(c) ? kUnsigned
         : cupp::is_complex(c)  ? kComplex
                                : kFloat;
}

/// The loop types a row of ufuncs.def calls its device function with: the loop its type rule
/// gives for each input dtype of a kind it accepts.
unsigned row_loop_kinds(cupp::expr::rule r, const char* kinds) {
  unsigned out = 0;
  for (int i = 0; i < cupp::kNumDtypes; ++i) {
    const auto d = static_cast<cupp::dtype>(i);
    if (cupp::expr::parse_kinds(kinds) & cupp::expr::kind_bit(d))
      out |= loop_kind(cupp::expr::loop_dtype(r, d));
  }
  return out;
}

/// Every device function: the one each row of ufuncs.def calls, with the loop types the rows
/// calling it use, then the loops NumPy has that no row calls.
std::vector<ufunc_info> device_functions() {
  using cupp::expr::rule;
  struct row {
    const char* function;
    int arity;
    rule r;
    const char* kinds;
  };
  static const row kRows[] = {
#define CUPP_UFUNC1(name, rule_, kinds, function, doc) {function, 1, rule::rule_, kinds},
#define CUPP_UFUNC2(name, rule_, kinds, function, doc) {function, 2, rule::rule_, kinds},
#define CUPP_UFUNC3(name, rule_, kinds, function, doc) {function, 3, rule::rule_, kinds},
#include "cupp/expr/ufuncs.def"
#undef CUPP_UFUNC1
#undef CUPP_UFUNC2
#undef CUPP_UFUNC3
  };
  std::vector<ufunc_info> out;
  const auto entry = [&](const std::string& name, int arity) -> ufunc_info& {
    for (ufunc_info& f : out)
      if (f.name == name) return f;
    return out.emplace_back(ufunc_info{name, arity, 0, false, false});
  };
  const std::string prefix = "cupp::ufn::";
  for (const row& r : kRows) {
    std::string function = r.function;
    EXPECT_EQ(function.rfind(prefix, 0), 0u) << function;
    // f<> takes the loop's storage type, defaulted: f(x) is its call for the computed type.
    if (function.size() > 2 && function.compare(function.size() - 2, 2, "<>") == 0)
      function.resize(function.size() - 2);
    ufunc_info& f = entry(function.substr(prefix.size()), r.arity);
    f.kinds |= row_loop_kinds(r.r, r.kinds);
    f.returns_bool = r.r == rule::to_bool;
    f.returns_part = r.r == rule::real_out || r.r == rule::real_inexact;
  }
  // NumPy's loops that no row calls: floor, ceil, trunc and fix of bools and integers (the rows
  // compute them in floats), the complex rint, round and clip (the rows take no complex input),
  // the aliases mod and conjugate (the rows call remainder and conj).
  for (const char* name : {"floor", "ceil", "trunc", "fix"}) entry(name, 1).kinds |= kBool | kInt;
  for (const char* name : {"rint", "round"}) entry(name, 1).kinds |= kComplex;
  entry("clip", 3).kinds |= kComplex;
  entry("mod", 2).kinds |= kInt | kFloat;
  entry("conjugate", 1).kinds |= kInt | kFloat | kComplex;
  return out;
}

struct loop_type {
  const char* device;  // the type's name in device code
  kind k;
  const char* part;  // the part type of a complex
};
const loop_type kLoopTypes[] = {
    {"bool", kBool, nullptr},
    {"signed char", kSigned, nullptr},
    {"short", kSigned, nullptr},
    {"int", kSigned, nullptr},
    {"long long", kSigned, nullptr},
    {"unsigned char", kUnsigned, nullptr},
    {"unsigned short", kUnsigned, nullptr},
    {"unsigned int", kUnsigned, nullptr},
    {"unsigned long long", kUnsigned, nullptr},
    {"float", kFloat, nullptr},
    {"double", kFloat, nullptr},
    {"cupp::complex<float>", kComplex, "float"},
    {"cupp::complex<double>", kComplex, "double"},
};
const char* const kStorageTypes[] = {"cupp::half", "cupp::bfloat16_t"};

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// ---- host: every function compiles for every loop type it has, and for no other ----------------

// One kernel per function (a switch over its loop types) keeps NVRTC's time down: one function
// holding every case takes several times as long to optimise.
std::string all_ufuncs_source() {
  std::ostringstream s;
  s << "#include <cupp/ufunc.cuh>\n"
       "namespace cupp_test {\n"
       "template <class T> __device__ T value();  // for unevaluated calls only\n"
       "template <class... T> struct make_void { using type = void; };\n"
       "template <class A, class B> struct same { static constexpr bool value = false; };\n"
       "template <class A> struct same<A, A> { static constexpr bool value = true; };\n"
       "template <class T> __device__ void put(void* out, const T& v) {\n"
       "  *static_cast<T*>(out) = v;\n"
       "}\n";
  for (const ufunc_info& f : device_functions()) {
    // has_<name><T>: whether cupp::ufn::<name> can be called with arity values of T.
    std::string args;
    for (int i = 0; i < f.arity; ++i) args += std::string(i ? ", " : "") + "value<T>()";
    s << "template <class T, class = void> struct has_" << f.name
      << " { static constexpr bool value = false; };\n"
      << "template <class T> struct has_" << f.name
      << "<T, typename make_void<decltype(cupp::ufn::" << f.name << "(" << args
      << "))>::type> { static constexpr bool value = true; };\n";
    for (const loop_type& t : kLoopTypes) {
      const bool supported = (f.kinds & t.k) != 0;
      s << "static_assert(" << (supported ? "" : "!") << "has_" << f.name << "<" << t.device
        << ">::value, \"cupp::ufn::" << f.name << " for " << t.device
        << (supported ? " is missing" : " should not exist") << "\");\n";
      if (supported) {
        const std::string result = f.returns_bool               ? "bool"
                                   : (t.part && f.returns_part) ? t.part
                                                                : t.device;
        std::string targs;
        for (int i = 0; i < f.arity; ++i) {
          targs += std::string(i ? ", " : "") + "value<" + t.device + ">()";
        }
        s << "static_assert(same<decltype(cupp::ufn::" << f.name << "(" << targs << ")), " << result
          << ">::value, \"cupp::ufn::" << f.name << " for " << t.device << " should return "
          << result << "\");\n";
      }
    }
    s << "extern \"C\" __global__ void ufunc_" << f.name
      << "(const void* in, void* out, int type) {\n  switch (type) {\n";
    int i = 0;
    for (const loop_type& t : kLoopTypes) {
      if ((f.kinds & t.k) == 0) continue;
      std::string call_args;
      for (int a = 0; a < f.arity; ++a) {
        call_args += std::string(a ? ", " : "") + "static_cast<const " + t.device + "*>(in)[" +
                     std::to_string(a) + "]";
      }
      s << "    case " << i++ << ": put(out, cupp::ufn::" << f.name << "(" << call_args
        << ")); break;\n";
    }
    s << "  }\n}\n";
  }
  // cast<To>(From) between every pair of loop types and storage types.
  std::vector<std::string> all;
  for (const loop_type& t : kLoopTypes) all.push_back(t.device);
  all.insert(all.end(), std::begin(kStorageTypes), std::end(kStorageTypes));
  s << "extern \"C\" __global__ void ufunc_cast(const void* in, void* out, int which) {\n"
       "  switch (which) {\n";
  int i = 0;
  for (const std::string& to : all) {
    for (const std::string& from : all) {
      s << "    case " << i++ << ": put(out, cupp::ufn::cast<" << to << ">(*static_cast<const "
        << from << "*>(in))); break;\n";
    }
  }
  s << "  }\n}\n";
  // The operators of the device types, which the ufuncs use only in part.
  s << R"(template <class T>
__device__ void complex_operators(const cupp::complex<T>* z, cupp::complex<T>* out, bool* eq) {
  const cupp::complex<T> a = z[0], b = z[1];
  const T s = a.real() + b.imag();
  cupp::complex<T> c = a;
  c += b;
  c -= s;
  c *= b;
  c /= s;
  c.real(s);
  c.imag(-s);
  out[0] = a + b;
  out[1] = a - s;
  out[2] = s * b + a * s;
  out[3] = s / a + a / b - (s - a) + (s + a) - (+a) - (-a);
  out[4] = c + cupp::complex<T>(cupp::complex<double>(1.0, 2.0));
  eq[0] = a == b || a != s || s == a || s != b || a == s;
}
extern "C" __global__ void device_types(const void* in, void* out, bool* eq) {
  complex_operators(static_cast<const cupp::complex<float>*>(in),
                    static_cast<cupp::complex<float>*>(out), eq);
  complex_operators(static_cast<const cupp::complex<double>*>(in),
                    static_cast<cupp::complex<double>*>(out), eq + 1);
  const float f = static_cast<const float*>(in)[0];
  const double d = static_cast<const double*>(in)[1];
  const cupp::half h1 = f, h2 = d, h3 = cupp::half::from_bits(0x3c00);
  const cupp::bfloat16_t b1 = f, b2 = d, b3 = cupp::bfloat16_t::from_bits(0x3f80);
  static_cast<float*>(out)[0] = h1 + h2 + h3 + b1 + b2 + b3;
  static_assert(sizeof(cupp::half) == 2 && sizeof(cupp::bfloat16_t) == 2, "16-bit storage");
  static_assert(sizeof(cupp::complex<float>) == 8 && alignof(cupp::complex<float>) == 8, "");
  static_assert(sizeof(cupp::complex<double>) == 16 && alignof(cupp::complex<double>) == 16, "");
}
)";
  s << "}  // namespace cupp_test\n";
  return s.str();
}

TEST(UfuncDeviceCompile, EveryFunctionForEveryLoopTypeAndNoOther) {
  cupp::jit::compiler c("");  // memory only
  const std::string source = all_ufuncs_source();
  std::shared_ptr<const cupp::jit::compiled_module> m;
  try {
    m = c.compile(source, {}, {}, 90);
  } catch (const cupp::compile_error& e) {
    FAIL() << e.log();
  }
  EXPECT_EQ(m->target, "sm_90");
  for (const ufunc_info& f : device_functions()) {
    EXPECT_TRUE(contains(m->image, "ufunc_" + f.name)) << f.name;
  }
  EXPECT_TRUE(contains(m->image, "ufunc_cast"));
  EXPECT_TRUE(contains(m->image, "device_types"));
}

TEST(UfuncDeviceCompile, TypesNumPyHasNoLoopForDoNotCompile) {
  // What a caller sees: NVRTC finds no overload. (The compile above checks every such pair
  // without compiling each: this is the error message a user gets.)
  const char* const kCalls[] = {
      "cupp::ufn::bitwise_and(1.0f, 2.0f)",
      "cupp::ufn::left_shift(true, true)",
      "cupp::ufn::subtract(true, false)",
      "cupp::ufn::negative(true)",
      "cupp::ufn::true_divide(1, 2)",
      "cupp::ufn::floor_divide(cupp::complex<float>(1.0f), cupp::complex<float>(2.0f))",
      "cupp::ufn::cbrt(cupp::complex<double>(1.0))",
      "cupp::ufn::arctan2(cupp::complex<float>(1.0f), cupp::complex<float>(2.0f))",
      "cupp::ufn::signbit(cupp::complex<float>(1.0f))",
      "cupp::ufn::gcd(1.0, 2.0)",
      "cupp::ufn::bitwise_count(1.5f)",
      "cupp::ufn::ldexp(cupp::complex<double>(1.0), 2)",
      "cupp::ufn::add(1.0f, 2.0)",  // the generated code casts both operands to the loop type
  };
  cupp::jit::compiler c("");
  for (const char* call : kCalls) {
    const std::string source = std::string("#include <cupp/ufunc.cuh>\n") +
                               "extern \"C\" __global__ void k(int* out) {\n"
                               "  out[0] = static_cast<int>(" +
                               call + ");\n}\n";
    try {
      c.compile(source, {}, {}, 90);
      ADD_FAILURE() << call << " compiled";
    } catch (const cupp::compile_error& e) {
      EXPECT_TRUE(contains(e.log(), "no instance of")) << call << "\n" << e.log();
    }
  }
}

// ---- GPU: each function on special values, against the host references -------------------------

template <class T>
struct tag {
  using type = T;
};
template <class... T>
struct type_list {};
template <class... T, class F>
void for_each_type(type_list<T...>, F&& f) {
  (f(tag<T>{}), ...);
}

using Ints = type_list<std::int8_t, std::int16_t, std::int32_t, std::int64_t, std::uint8_t,
                       std::uint16_t, std::uint32_t, std::uint64_t>;
using BoolAndInts = type_list<bool, std::int8_t, std::int16_t, std::int32_t, std::int64_t,
                              std::uint8_t, std::uint16_t, std::uint32_t, std::uint64_t>;
using Floats = type_list<float, double>;
using Complexes = type_list<std::complex<float>, std::complex<double>>;
using IntsFloats = type_list<std::int8_t, std::int16_t, std::int32_t, std::int64_t, std::uint8_t,
                             std::uint16_t, std::uint32_t, std::uint64_t, float, double>;
using Numbers = type_list<std::int8_t, std::int16_t, std::int32_t, std::int64_t, std::uint8_t,
                          std::uint16_t, std::uint32_t, std::uint64_t, float, double,
                          std::complex<float>, std::complex<double>>;
using All = type_list<bool, std::int8_t, std::int16_t, std::int32_t, std::int64_t, std::uint8_t,
                      std::uint16_t, std::uint32_t, std::uint64_t, float, double,
                      std::complex<float>, std::complex<double>>;
using Inexact = type_list<float, double, std::complex<float>, std::complex<double>>;
using BoolIntsFloats =
    type_list<bool, std::int8_t, std::int16_t, std::int32_t, std::int64_t, std::uint8_t,
              std::uint16_t, std::uint32_t, std::uint64_t, float, double>;
using CastTypes =
    type_list<bool, std::int8_t, std::int16_t, std::int32_t, std::int64_t, std::uint8_t,
              std::uint16_t, std::uint32_t, std::uint64_t, float, double, std::complex<float>,
              std::complex<double>, cupp::float16, cupp::bfloat16>;

/// The device type of a host element type.
template <class T>
const char* device_name() {
  if constexpr (std::is_same_v<T, bool>) return "bool";
  if constexpr (std::is_same_v<T, std::int8_t>) return "signed char";
  if constexpr (std::is_same_v<T, std::int16_t>) return "short";
  if constexpr (std::is_same_v<T, std::int32_t>) return "int";
  if constexpr (std::is_same_v<T, std::int64_t>) return "long long";
  if constexpr (std::is_same_v<T, std::uint8_t>) return "unsigned char";
  if constexpr (std::is_same_v<T, std::uint16_t>) return "unsigned short";
  if constexpr (std::is_same_v<T, std::uint32_t>) return "unsigned int";
  if constexpr (std::is_same_v<T, std::uint64_t>) return "unsigned long long";
  if constexpr (std::is_same_v<T, float>) return "float";
  if constexpr (std::is_same_v<T, double>) return "double";
  if constexpr (std::is_same_v<T, std::complex<float>>) return "cupp::complex<float>";
  if constexpr (std::is_same_v<T, std::complex<double>>) return "cupp::complex<double>";
  if constexpr (std::is_same_v<T, cupp::float16>) return "cupp::half";
  if constexpr (std::is_same_v<T, cupp::bfloat16>) return "cupp::bfloat16_t";
}

/// Host arrays of T; std::vector<bool> packs bits, so bool is held in bytes (0 or 1), which is
/// the device's bool.
template <class T>
using held_t = std::conditional_t<std::is_same_v<T, bool>, std::uint8_t, T>;
template <class T>
using host_vector = std::vector<held_t<T>>;

// The special values of each loop type.
template <class R>
std::vector<R> special_floats() {
  using L = std::numeric_limits<R>;
  return {R(0),
          R(-0.0),
          R(1),
          R(-1),
          R(0.5),
          R(-0.5),
          R(1.5),
          R(-1.5),
          R(2.5),
          R(-2.5),
          L::infinity(),
          -L::infinity(),
          L::quiet_NaN(),
          L::denorm_min(),
          -L::denorm_min(),
          L::max(),
          L::lowest(),
          R(3.7),
          R(-3.7),
          R(1e-10),
          R(1e10),
          R(1.57079632679489661923)};
}
template <class T>
host_vector<T> special_values() {
  if constexpr (std::is_same_v<T, bool>) {
    return {0, 1};
  } else if constexpr (std::is_integral_v<T>) {
    using L = std::numeric_limits<T>;
    constexpr int bits = static_cast<int>(sizeof(T) * 8);
    // Shift counts of the width and one below ride along.
    const long long signed_values[] = {0, 1, -1, 2, -2, 7, -7, bits - 1, bits};
    std::vector<T> v;
    for (long long x : signed_values) v.push_back(static_cast<T>(x));  // wraps for unsigned
    v.push_back(L::min());
    v.push_back(L::max());
    v.push_back(static_cast<T>(L::min() + 1));
    std::vector<T> unique;
    for (T x : v) {
      if (std::find(unique.begin(), unique.end(), x) == unique.end()) unique.push_back(x);
    }
    return unique;
  } else if constexpr (ref::is_complex_v<T>) {
    using R = typename T::value_type;
    const std::vector<R> parts = special_floats<R>();
    std::vector<T> v;
    for (R re : parts) {
      for (R im : parts) v.emplace_back(re, im);
    }
    return v;
  } else {
    return special_floats<T>();
  }
}

/// Element i of a host vector as T.
template <class T>
T at(const host_vector<T>& v, std::size_t i) {
  return static_cast<T>(v[i]);
}

/// Whether x is a nan of a floating type (false for other types).
template <class R>
bool is_nan_value(const R& x) {
  if constexpr (std::is_floating_point_v<R>) {
    return std::isnan(x);
  } else if constexpr (ref::is_storage_v<R>) {
    return std::isnan(static_cast<float>(x));
  } else {
    return false;
  }
}

/// The same value: byte for byte, or nan where the other is nan (each part of a complex number
/// on its own; any nan payload).
template <class T>
bool same_value(const T& a, const T& b) {
  if constexpr (ref::is_complex_v<T>) {
    return same_value(a.real(), b.real()) && same_value(a.imag(), b.imag());
  } else {
    if (is_nan_value(a) || is_nan_value(b)) return is_nan_value(a) && is_nan_value(b);
    const held_t<T> x = a, y = b;
    return std::memcmp(&x, &y, sizeof x) == 0;
  }
}

/// A cudaMalloc'd buffer.
class device_memory {
 public:
  explicit device_memory(std::size_t bytes) {
    CUPP_CHECK_CUDA(cudaMalloc(&p_, bytes > 0 ? bytes : 1));
  }
  ~device_memory() { (void)cudaFree(p_); }
  device_memory(const device_memory&) = delete;
  device_memory& operator=(const device_memory&) = delete;
  void* get() const noexcept { return p_; }

 private:
  void* p_ = nullptr;
};

template <class T>
std::unique_ptr<device_memory> upload(const host_vector<T>& v) {
  auto d = std::make_unique<device_memory>(v.size() * sizeof(held_t<T>));
  CUPP_CHECK_CUDA(
      cudaMemcpy(d->get(), v.data(), v.size() * sizeof(held_t<T>), cudaMemcpyHostToDevice));
  return d;
}

// The kernels: Op is a functor calling one cupp::ufn function (op_<name>, one per device
// function); run<Out, Op, In...> applies it elementwise and checks at compile time that it returns
// Out, the reference's result type.
std::string kernels_source() {
  std::string s = R"(
#include <cupp/ufunc.cuh>
namespace cupp_test {
template <class A, class B> struct same { static constexpr bool value = false; };
template <class A> struct same<A, A> { static constexpr bool value = true; };

#define CUPP_TEST_OP(name)                                          \
  struct op_##name {                                                \
    template <class... A>                                           \
    __device__ auto operator()(A... a) const {                      \
      return cupp::ufn::name(a...);                                 \
    }                                                               \
  };
)";
  for (const ufunc_info& f : device_functions()) s += "CUPP_TEST_OP(" + f.name + ")\n";
  s += R"(
#undef CUPP_TEST_OP

// The operators of cupp::complex (types.cuh); the scalar operand is the second one's real part.
#define CUPP_TEST_BINARY(name, expr)                                \
  struct name {                                                     \
    template <class C>                                              \
    __device__ auto operator()(C a, C b) const {                    \
      const auto s = b.real();                                      \
      (void)s;                                                      \
      return expr;                                                  \
    }                                                               \
  };
CUPP_TEST_BINARY(z_plus_w, a + b) CUPP_TEST_BINARY(z_minus_w, a - b)
CUPP_TEST_BINARY(z_times_w, a * b) CUPP_TEST_BINARY(z_over_w, a / b)
CUPP_TEST_BINARY(z_plus_s, a + s) CUPP_TEST_BINARY(s_plus_z, s + a)
CUPP_TEST_BINARY(z_minus_s, a - s) CUPP_TEST_BINARY(s_minus_z, s - a)
CUPP_TEST_BINARY(z_times_s, a * s) CUPP_TEST_BINARY(s_times_z, s * a)
CUPP_TEST_BINARY(z_over_s, a / s) CUPP_TEST_BINARY(s_over_z, s / a)
CUPP_TEST_BINARY(z_eq_w, a == b) CUPP_TEST_BINARY(z_ne_w, a != b)
CUPP_TEST_BINARY(z_eq_s, a == s) CUPP_TEST_BINARY(s_ne_z, s != a)
CUPP_TEST_BINARY(minus_z, -a) CUPP_TEST_BINARY(plus_z, +a)
#undef CUPP_TEST_BINARY

template <class To>
struct op_cast {
  template <class A>
  __device__ To operator()(A a) const { return cupp::ufn::cast<To>(a); }
};

template <class Out, class Op, class... In>
__global__ void run(Out* out, long long n, const In*... in) {
  static_assert(same<decltype(Op{}(in[0]...)), Out>::value, "unexpected result type");
  const long long stride = static_cast<long long>(gridDim.x) * blockDim.x;
  for (long long i = static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x; i < n;
       i += stride) {
    out[i] = Op{}(in[i]...);
  }
}
}  // namespace cupp_test
)";
  return s;
}

TEST(UfuncDeviceCompile, GpuTestKernelsCompile) {
  cupp::jit::compiler c("");  // memory only
  try {
    c.compile(kernels_source(), {}, {}, 90);
  } catch (const cupp::compile_error& e) {
    FAIL() << e.log();
  }
}

/// The cases of one test: each is a kernel of kernels_source() (a name expression) applied to
/// inputs that the case generated, with a reference to check every result against. All kernels
/// of a test are compiled as one module.
class case_list {
 public:
  /// op(x) for every special value x of T. `cond(x)`, where given, is the condition of a point
  /// (for formulas with an ill-conditioned intermediate; hopeless points are skipped).
  template <class T, class Ref, class Cond = std::nullptr_t>
  void unary(const std::string& op, Ref ref, Cond cond = nullptr) {
    add_case<T>(op, "cupp_test::op_" + op, ref, cond, special_values<T>());
  }

  /// op(x, y) for every pair of special values of T.
  template <class T, class Ref, class Cond = std::nullptr_t>
  void binary(const std::string& op, Ref ref, Cond cond = nullptr) {
    const host_vector<T> v = special_values<T>();
    host_vector<T> a, b;
    for (std::size_t i = 0; i < v.size(); ++i) {
      for (std::size_t j = 0; j < v.size(); ++j) {
        a.push_back(v[i]);
        b.push_back(v[j]);
      }
    }
    add_case<T>(op, "cupp_test::op_" + op, ref, cond, a, b);
  }

  /// op(x, lo, hi) for every triple of special values of T (of every twelfth, for complex).
  template <class T, class Ref>
  void ternary(const std::string& op, Ref ref) {
    host_vector<T> v = special_values<T>();
    if constexpr (ref::is_complex_v<T>) {
      host_vector<T> fewer;
      for (std::size_t i = 0; i < v.size(); i += 12) fewer.push_back(v[i]);
      v = fewer;
    }
    host_vector<T> a, b, c;
    for (const auto& x : v) {
      for (const auto& y : v) {
        for (const auto& z : v) {
          a.push_back(x);
          b.push_back(y);
          c.push_back(z);
        }
      }
    }
    add_case<T>(op, "cupp_test::op_" + op, ref, nullptr, a, b, c);
  }

  /// A functor of kernels_source() other than a ufunc's on every pair of special values of T.
  template <class T, class Ref>
  void binary_functor(const std::string& what, const std::string& functor, Ref ref,
                      ref::tolerance tol) {
    const host_vector<T> v = special_values<T>();
    host_vector<T> a, b;
    for (std::size_t i = 0; i < v.size(); ++i) {
      for (std::size_t j = 0; j < v.size(); ++j) {
        a.push_back(v[i]);
        b.push_back(v[j]);
      }
    }
    add_case_with<T>(what, "cupp_test::" + functor, ref, nullptr, tol, a, b);
  }

  /// cast<To>(x) for every x of `values`. A cast is exact: each result (each part of a complex
  /// one) has the reference's bits, or is nan where the reference is.
  template <class To, class From>
  void cast(const host_vector<From>& values) {
    const std::string what = std::string("cast<") + device_name<To>() + "> from " +
                             device_name<From>();
    const std::string expression = std::string("cupp_test::run<") + device_name<To>() +
                                   ", cupp_test::op_cast<" + device_name<To>() + ">, " +
                                   device_name<From>() + ">";
    cases_.push_back({expression, [=](const cupp::RawKernel& kernel) {
                        const std::size_t n = values.size();
                        std::vector<std::unique_ptr<device_memory>> in;
                        in.push_back(upload<From>(values));
                        device_memory out(n * sizeof(held_t<To>));
                        launch(kernel, out.get(), static_cast<long long>(n), in,
                               std::index_sequence<0>{});
                        CUPP_CHECK_CUDA(cudaDeviceSynchronize());
                        host_vector<To> got(n);
                        CUPP_CHECK_CUDA(cudaMemcpy(got.data(), out.get(), n * sizeof(held_t<To>),
                                                   cudaMemcpyDeviceToHost));
                        std::size_t bad = 0;
                        std::ostringstream examples;
                        for (std::size_t i = 0; i < n; ++i) {
                          const To want = ref::cast<To>(at<From>(values, i));
                          const To g = at<To>(got, i);
                          if (same_value(g, want)) continue;
                          if (bad++ < 12) {
                            examples << "\n  " << ref::to_string(at<From>(values, i)) << " -> "
                                     << ref::to_string(g) << ", expected "
                                     << ref::to_string(want);
                          }
                        }
                        EXPECT_EQ(bad, 0u) << what << ": " << bad << " of " << n
                                           << " results differ" << examples.str();
                      }});
  }

  /// Compiles every kernel of the list as one module, runs each case and checks it.
  void run() {
    std::vector<std::string> expressions;
    for (const entry& c : cases_) expressions.push_back(c.expression);
    cupp::RawModule module(kernels_source(), {}, expressions);
    try {
      module.compile();
    } catch (const cupp::compile_error& e) {
      FAIL() << e.log();
    }
    for (const entry& c : cases_) c.run(module.get_function(c.expression));
  }

 private:
  struct entry {
    std::string expression;
    std::function<void(const cupp::RawKernel&)> run;
  };

  template <class T>
  static ref::tolerance tolerance_of(const std::string& op) {
    return ref::tolerance_for(op, sizeof(ref::real_t<T>) == 8, ref::is_complex_v<T>);
  }

  template <class T, class Ref, class Cond, class... In>
  void add_case(const std::string& op, const std::string& functor, Ref ref, Cond cond,
                const In&... inputs) {
    add_case_with<T>(op, functor, ref, cond, tolerance_of<T>(op), inputs...);
  }

  template <class T, class Ref, class Cond, class... In>
  void add_case_with(const std::string& op, const std::string& functor, Ref ref, Cond cond,
                     const ref::tolerance& tol, const In&... inputs) {
    using Out = std::invoke_result_t<Ref, std::conditional_t<true, T, In>...>;
    std::string expression = std::string("cupp_test::run<") + device_name<Out>() + ", " + functor;
    for (std::size_t i = 0; i < sizeof...(In); ++i) {
      expression += std::string(", ") + device_name<T>();
    }
    expression += ">";
    const std::string what = op.rfind("cast<", 0) == 0 ? op + " from " + device_name<T>()
                                                       : op + "<" + device_name<T>() + ">";
    cases_.push_back({expression, [=](const cupp::RawKernel& kernel) {
                        const std::size_t n = std::get<0>(std::tie(inputs...)).size();
                        std::vector<std::unique_ptr<device_memory>> in;
                        (in.push_back(upload<T>(inputs)), ...);
                        device_memory out(n * sizeof(held_t<Out>));
                        launch(kernel, out.get(), static_cast<long long>(n), in,
                               std::index_sequence_for<In...>{});
                        CUPP_CHECK_CUDA(cudaDeviceSynchronize());
                        host_vector<Out> got(n);
                        CUPP_CHECK_CUDA(cudaMemcpy(got.data(), out.get(), n * sizeof(held_t<Out>),
                                                   cudaMemcpyDeviceToHost));
                        check<T, Out>(what, ref, cond, tol, got, inputs...);
                      }});
  }

  template <std::size_t... I>
  static void launch(const cupp::RawKernel& kernel, void* out, long long n,
                     const std::vector<std::unique_ptr<device_memory>>& in,
                     std::index_sequence<I...>) {
    const long long blocks = std::min<long long>((n + 255) / 256, 4096);
    kernel({blocks}, {256}, out, n, static_cast<const void*>(in[I]->get())...);
  }

  template <class T, class Out, class Ref, class Cond, class... In>
  static void check(const std::string& what, Ref ref, Cond cond, const ref::tolerance& tol,
                    const host_vector<Out>& got, const In&... inputs) {
    const std::size_t n = got.size();
    std::size_t bad = 0, skipped = 0;
    std::ostringstream examples;
    for (std::size_t i = 0; i < n; ++i) {
      double c = 1.0;
      if constexpr (!std::is_same_v<Cond, std::nullptr_t>) {
        c = cond(at<T>(inputs, i)...);
        if (!ref::well_conditioned<ref::real_t<T>>(c)) {
          ++skipped;
          continue;
        }
      }
      const Out want = ref(at<T>(inputs, i)...);
      const Out g = at<Out>(got, i);
      if (ref::matches(g, want, tol, c)) continue;
      if (bad++ < 12) {
        examples << "\n  " << what << "(";
        std::size_t k = 0;
        ((examples << (k++ ? ", " : "") << ref::to_string(at<T>(inputs, i))), ...);
        examples << ") = " << ref::to_string(g) << ", expected " << ref::to_string(want);
      }
    }
    EXPECT_EQ(bad, 0u) << what << ": " << bad << " of " << n - skipped
                       << " results differ (tolerance: " << tol.ulps << " ulps, " << tol.rel
                       << " eps of |expected|)" << examples.str();
    // A skipped point is one whose reference is itself noise; most points must be checked.
    EXPECT_LT(skipped * 2, n) << what << ": " << skipped << " of " << n << " points skipped";
  }

  std::vector<entry> cases_;
};

#define CUPP_REF(name) [](auto... a) { return ref::name(a...); }

// Several types of one ufunc: `for_each_type(list, unary_case(cases, "exp", CUPP_REF(exp)))`.
template <class Ref>
auto unary_case(case_list& cases, const char* op, Ref r) {
  return [&cases, op, r](auto t) { cases.unary<typename decltype(t)::type>(op, r); };
}
template <class Ref>
auto binary_case(case_list& cases, const char* op, Ref r) {
  return [&cases, op, r](auto t) { cases.binary<typename decltype(t)::type>(op, r); };
}

class UfuncDevice : public cupp::test::GpuTest {};

TEST_F(UfuncDevice, Arithmetic) {
  case_list cases;
  for_each_type(All{}, binary_case(cases, "add", CUPP_REF(add)));
  for_each_type(Numbers{}, binary_case(cases, "subtract", CUPP_REF(subtract)));
  for_each_type(All{}, binary_case(cases, "multiply", CUPP_REF(multiply)));
  for_each_type(Inexact{}, binary_case(cases, "true_divide", CUPP_REF(true_divide)));
  for_each_type(IntsFloats{}, binary_case(cases, "floor_divide", CUPP_REF(floor_divide)));
  for_each_type(IntsFloats{}, binary_case(cases, "remainder", CUPP_REF(remainder)));
  for_each_type(IntsFloats{}, binary_case(cases, "mod", CUPP_REF(mod)));
  for_each_type(IntsFloats{}, binary_case(cases, "fmod", CUPP_REF(fmod)));
  for_each_type(IntsFloats{}, binary_case(cases, "power", CUPP_REF(power)));
  for_each_type(Complexes{}, [&](auto t) {
    using T = typename decltype(t)::type;
    cases.binary<T>("power", CUPP_REF(power),
                    [](T a, T b) { return ref::condition_of_power(a, b); });
  });
  for_each_type(Numbers{}, unary_case(cases, "negative", CUPP_REF(negative)));
  for_each_type(Numbers{}, unary_case(cases, "positive", CUPP_REF(positive)));
  for_each_type(All{}, unary_case(cases, "absolute", CUPP_REF(absolute)));
  for_each_type(Numbers{}, unary_case(cases, "reciprocal", CUPP_REF(reciprocal)));
  for_each_type(Numbers{}, unary_case(cases, "square", CUPP_REF(square)));
  for_each_type(Numbers{}, unary_case(cases, "sign", CUPP_REF(sign)));
  for_each_type(Floats{}, binary_case(cases, "heaviside", CUPP_REF(heaviside)));
  cases.run();
}

TEST_F(UfuncDevice, ComparisonAndLogic) {
  case_list cases;
  for_each_type(All{}, binary_case(cases, "equal", CUPP_REF(equal)));
  for_each_type(All{}, binary_case(cases, "not_equal", CUPP_REF(not_equal)));
  for_each_type(All{}, binary_case(cases, "less", CUPP_REF(less)));
  for_each_type(All{}, binary_case(cases, "less_equal", CUPP_REF(less_equal)));
  for_each_type(All{}, binary_case(cases, "greater", CUPP_REF(greater)));
  for_each_type(All{}, binary_case(cases, "greater_equal", CUPP_REF(greater_equal)));
  for_each_type(All{}, binary_case(cases, "logical_and", CUPP_REF(logical_and)));
  for_each_type(All{}, binary_case(cases, "logical_or", CUPP_REF(logical_or)));
  for_each_type(All{}, binary_case(cases, "logical_xor", CUPP_REF(logical_xor)));
  for_each_type(All{}, unary_case(cases, "logical_not", CUPP_REF(logical_not)));
  for_each_type(All{}, binary_case(cases, "maximum", CUPP_REF(maximum)));
  for_each_type(All{}, binary_case(cases, "minimum", CUPP_REF(minimum)));
  for_each_type(All{}, binary_case(cases, "fmax", CUPP_REF(fmax)));
  for_each_type(All{}, binary_case(cases, "fmin", CUPP_REF(fmin)));
  for_each_type(All{}, unary_case(cases, "isnan", CUPP_REF(isnan)));
  for_each_type(All{}, unary_case(cases, "isinf", CUPP_REF(isinf)));
  for_each_type(All{}, unary_case(cases, "isfinite", CUPP_REF(isfinite)));
  for_each_type(Floats{}, unary_case(cases, "signbit", CUPP_REF(signbit)));
  for_each_type(Floats{}, binary_case(cases, "copysign", CUPP_REF(copysign)));
  for_each_type(All{},
                [&](auto t) { cases.ternary<typename decltype(t)::type>("clip", CUPP_REF(clip)); });
  cases.run();
}

TEST_F(UfuncDevice, Bitwise) {
  case_list cases;
  for_each_type(BoolAndInts{}, binary_case(cases, "bitwise_and", CUPP_REF(bitwise_and)));
  for_each_type(BoolAndInts{}, binary_case(cases, "bitwise_or", CUPP_REF(bitwise_or)));
  for_each_type(BoolAndInts{}, binary_case(cases, "bitwise_xor", CUPP_REF(bitwise_xor)));
  for_each_type(BoolAndInts{}, unary_case(cases, "invert", CUPP_REF(invert)));
  for_each_type(Ints{}, binary_case(cases, "left_shift", CUPP_REF(left_shift)));
  for_each_type(Ints{}, binary_case(cases, "right_shift", CUPP_REF(right_shift)));
  cases.run();
}

TEST_F(UfuncDevice, RoundingAndParts) {
  case_list cases;
  for_each_type(BoolIntsFloats{}, unary_case(cases, "floor", CUPP_REF(floor)));
  for_each_type(BoolIntsFloats{}, unary_case(cases, "ceil", CUPP_REF(ceil)));
  for_each_type(BoolIntsFloats{}, unary_case(cases, "trunc", CUPP_REF(trunc)));
  for_each_type(BoolIntsFloats{}, unary_case(cases, "fix", CUPP_REF(fix)));
  for_each_type(Inexact{}, unary_case(cases, "rint", CUPP_REF(rint)));
  for_each_type(Numbers{}, unary_case(cases, "round", CUPP_REF(round)));
  for_each_type(All{}, unary_case(cases, "nan_to_num", CUPP_REF(nan_to_num)));
  for_each_type(All{}, unary_case(cases, "real", CUPP_REF(real)));
  for_each_type(All{}, unary_case(cases, "imag", CUPP_REF(imag)));
  for_each_type(Numbers{}, unary_case(cases, "conj", CUPP_REF(conj)));
  for_each_type(Numbers{}, unary_case(cases, "conjugate", CUPP_REF(conjugate)));
  for_each_type(Inexact{}, unary_case(cases, "angle", CUPP_REF(angle)));
  cases.run();
}

TEST_F(UfuncDevice, RealMath) {
  case_list cases;
  for_each_type(Floats{}, [&](auto t) {
    using T = typename decltype(t)::type;
    cases.unary<T>("exp", CUPP_REF(exp));
    cases.unary<T>("exp2", CUPP_REF(exp2));
    cases.unary<T>("expm1", CUPP_REF(expm1));
    cases.unary<T>("log", CUPP_REF(log));
    cases.unary<T>("log2", CUPP_REF(log2));
    cases.unary<T>("log10", CUPP_REF(log10));
    cases.unary<T>("log1p", CUPP_REF(log1p));
    cases.unary<T>("sqrt", CUPP_REF(sqrt));
    cases.unary<T>("cbrt", CUPP_REF(cbrt));
    cases.unary<T>("sin", CUPP_REF(sin));
    cases.unary<T>("cos", CUPP_REF(cos));
    cases.unary<T>("tan", CUPP_REF(tan));
    cases.unary<T>("arcsin", CUPP_REF(arcsin));
    cases.unary<T>("arccos", CUPP_REF(arccos));
    cases.unary<T>("arctan", CUPP_REF(arctan));
    cases.unary<T>("sinh", CUPP_REF(sinh));
    cases.unary<T>("cosh", CUPP_REF(cosh));
    cases.unary<T>("tanh", CUPP_REF(tanh));
    cases.unary<T>("arcsinh", CUPP_REF(arcsinh));
    cases.unary<T>("arccosh", CUPP_REF(arccosh));
    cases.unary<T>("arctanh", CUPP_REF(arctanh));
    cases.unary<T>("degrees", CUPP_REF(degrees));
    cases.unary<T>("radians", CUPP_REF(radians));
    cases.unary<T>("deg2rad", CUPP_REF(deg2rad));
    cases.unary<T>("rad2deg", CUPP_REF(rad2deg));
    cases.unary<T>("sinc", CUPP_REF(sinc));
    cases.binary<T>("arctan2", CUPP_REF(arctan2));
    cases.binary<T>("hypot", CUPP_REF(hypot));
    cases.binary<T>("logaddexp", CUPP_REF(logaddexp));
    cases.binary<T>("logaddexp2", CUPP_REF(logaddexp2));
  });
  cases.run();
}

TEST_F(UfuncDevice, ComplexMath) {
  case_list cases;
  for_each_type(Complexes{}, [&](auto t) {
    using T = typename decltype(t)::type;
    cases.unary<T>("exp", CUPP_REF(exp));
    // z ln 2 is rounded before the exponential, so exp2 is held to that product's condition.
    cases.unary<T>("exp2", CUPP_REF(exp2), [](T z) { return ref::condition_of_exp2(z); });
    cases.unary<T>("expm1", CUPP_REF(expm1));
    cases.unary<T>("log", CUPP_REF(log));
    cases.unary<T>("log2", CUPP_REF(log2));
    cases.unary<T>("log10", CUPP_REF(log10));
    cases.unary<T>("log1p", CUPP_REF(log1p));
    cases.unary<T>("sqrt", CUPP_REF(sqrt));
    cases.unary<T>("sin", CUPP_REF(sin));
    cases.unary<T>("cos", CUPP_REF(cos));
    cases.unary<T>("tan", CUPP_REF(tan));
    cases.unary<T>("arcsin", CUPP_REF(arcsin));
    cases.unary<T>("arccos", CUPP_REF(arccos));
    cases.unary<T>("arctan", CUPP_REF(arctan));
    cases.unary<T>("sinh", CUPP_REF(sinh));
    cases.unary<T>("cosh", CUPP_REF(cosh));
    cases.unary<T>("tanh", CUPP_REF(tanh));
    cases.unary<T>("arcsinh", CUPP_REF(arcsinh));
    cases.unary<T>("arccosh", CUPP_REF(arccosh));
    cases.unary<T>("arctanh", CUPP_REF(arctanh));
  });
  cases.run();
}

TEST_F(UfuncDevice, ComplexOperators) {
  // cupp::complex computes what NumPy's scalar loops do, unfused: the textbook product and
  // Smith's quotient; a scalar acts on both parts (s / z divides s + 0i).
  case_list cases;
  for_each_type(Complexes{}, [&](auto t) {
    using T = typename decltype(t)::type;
    using R = typename T::value_type;
    const ref::tolerance exact{}, formula{0, 4.0};  // the host may fuse where the device may not
    const auto textbook = [](T a, T b) {
      return T(a.real() * b.real() - a.imag() * b.imag(),
               a.real() * b.imag() + a.imag() * b.real());
    };
    cases.binary_functor<T>("z + w", "z_plus_w", CUPP_REF(add), exact);
    cases.binary_functor<T>("z - w", "z_minus_w", CUPP_REF(subtract), exact);
    cases.binary_functor<T>("z * w", "z_times_w", textbook, formula);
    cases.binary_functor<T>("z / w", "z_over_w", CUPP_REF(true_divide), formula);
    cases.binary_functor<T>(
        "z + s", "z_plus_s", [](T a, T b) { return T(a.real() + b.real(), a.imag()); }, exact);
    cases.binary_functor<T>(
        "s + z", "s_plus_z", [](T a, T b) { return T(b.real() + a.real(), a.imag()); }, exact);
    cases.binary_functor<T>(
        "z - s", "z_minus_s", [](T a, T b) { return T(a.real() - b.real(), a.imag()); }, exact);
    cases.binary_functor<T>(
        "s - z", "s_minus_z", [](T a, T b) { return T(b.real() - a.real(), -a.imag()); }, exact);
    cases.binary_functor<T>(
        "z * s", "z_times_s", [](T a, T b) { return T(a.real() * b.real(), a.imag() * b.real()); },
        exact);
    cases.binary_functor<T>(
        "s * z", "s_times_z", [](T a, T b) { return T(b.real() * a.real(), b.real() * a.imag()); },
        exact);
    cases.binary_functor<T>(
        "z / s", "z_over_s", [](T a, T b) { return T(a.real() / b.real(), a.imag() / b.real()); },
        exact);
    cases.binary_functor<T>(
        "s / z", "s_over_z", [](T a, T b) { return ref::true_divide(T(b.real(), R(0)), a); },
        formula);
    cases.binary_functor<T>("z == w", "z_eq_w", CUPP_REF(equal), exact);
    cases.binary_functor<T>("z != w", "z_ne_w", CUPP_REF(not_equal), exact);
    cases.binary_functor<T>(
        "z == s", "z_eq_s", [](T a, T b) { return a.real() == b.real() && a.imag() == 0; }, exact);
    cases.binary_functor<T>(
        "s != z", "s_ne_z", [](T a, T b) { return !(a.real() == b.real() && a.imag() == 0); },
        exact);
    cases.binary_functor<T>(
        "-z", "minus_z", [](T a, T) { return T(-a.real(), -a.imag()); }, exact);
    cases.binary_functor<T>(
        "+z", "plus_z", [](T a, T) { return a; }, exact);
  });
  cases.run();
}

// The values each cast starts from: the special values, and for floats and integers the
// boundaries where a conversion rounds or leaves the range of a narrower type; every bit pattern
// of the 16-bit types.
template <class T>
host_vector<T> cast_sources() {
  host_vector<T> v = special_values<T>();
  if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
    const double extra[] = {65504,
                            65519.99,
                            65520,
                            3e38,
                            1.0 / 3,
                            0.1,
                            255.9,
                            -0.9,
                            -1.5,
                            16777217,
                            2147483648.,
                            -2147483649.,
                            9223372036854775808.,
                            -9223372036854775808.,
                            18446744073709551616.,
                            1e20,
                            -1e20,
                            1 + 0x1p-8 + 0x1p-20,
                            1 + 0x1p-11 + 0x1p-30,
                            6e-8,
                            2.98e-8,
                            1e-39,
                            1e-45};
    for (double x : extra) v.push_back(static_cast<T>(x));
    std::mt19937 gen(7);
    std::uniform_real_distribution<double> mantissa(1, 2);
    std::uniform_int_distribution<int> exponent(-30, 30);
    for (int i = 0; i < 200; ++i) {
      v.push_back(static_cast<T>(std::ldexp(mantissa(gen), exponent(gen)) * (i % 2 ? -1 : 1)));
    }
  } else if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    // Integers that round when narrowed to half or bfloat16 (ties and just past them).
    const long double extra[] = {2049,
                                 2051,
                                 65519,
                                 65520,
                                 16777217,
                                 16842753,
                                 2147483647,
                                 9007199254740993.0L,
                                 4611686018427387904.0L + 18014398509481985.0L,
                                 9223372036854775807.0L,
                                 18446744073709551615.0L};
    for (long double x : extra) {
      if (x <= static_cast<long double>(std::numeric_limits<T>::max())) {
        v.push_back(static_cast<T>(x));
      }
    }
  } else if constexpr (ref::is_storage_v<T>) {
    v.clear();
    for (std::uint32_t b = 0; b < 65536; ++b)
      v.push_back(T::from_bits(static_cast<std::uint16_t>(b)));
  }
  return v;
}

TEST_F(UfuncDevice, CastBetweenEveryPairOfTypes) {
  case_list cases;
  for_each_type(CastTypes{}, [&](auto to) {
    using To = typename decltype(to)::type;
    for_each_type(CastTypes{}, [&](auto from) {
      using From = typename decltype(from)::type;
      cases.cast<To, From>(cast_sources<From>());
    });
  });
  cases.run();
}

}  // namespace
