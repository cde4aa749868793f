// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Type promotion and casting against NumPy's own answers: tests/data/numpy_promotion_pairs.csv
// (np.result_type), numpy_promotion_scalars.csv (array + Python scalar) and numpy_can_cast.csv
// (np.can_cast), read at run time. The cells where cupp has a rule of its own (bfloat16, which
// NumPy knows only through ml_dtypes) are listed here, once, with NumPy's answer, which is checked
// too: every other cell must equal NumPy's.
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <iterator>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/throws.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/promotion.hpp"
#include "support/csv.hpp"

namespace {

using cupp::bfloat16;
using cupp::casting;
using cupp::dtype;
using cupp::float16;
using cupp::scalar_kind;

using cupp::test::read_csv;

scalar_kind scalar_kind_from_name(const std::string& name) {
  if (name == "bool") return scalar_kind::boolean;
  if (name == "int") return scalar_kind::integer;
  if (name == "float") return scalar_kind::floating;
  EXPECT_EQ(name, "complex");
  return scalar_kind::complex;
}

bool bool_from_name(const std::string& name) {
  EXPECT_TRUE(name == "true" || name == "false") << name;
  return name == "true";
}

dtype dtype_at(int i) { return static_cast<dtype>(i); }

// ---- cupp's own rules -------------------------------------------------------------------------

// Where NumPy (with ml_dtypes) has no rule or a rule against NEP 50, cupp treats bfloat16 as NumPy
// treats float16. docs/promotion.md lists the same cells.
struct own_pair {
  dtype a, b, result;
};
constexpr own_pair kOwnPairs[] = {
    {dtype::bfloat16, dtype::int16, dtype::float32},
    {dtype::bfloat16, dtype::uint16, dtype::float32},
    {dtype::bfloat16, dtype::float16, dtype::float32},
    {dtype::bfloat16, dtype::int32, dtype::float64},
    {dtype::bfloat16, dtype::int64, dtype::float64},
    {dtype::bfloat16, dtype::uint32, dtype::float64},
    {dtype::bfloat16, dtype::uint64, dtype::float64},
};

struct own_weak {
  dtype a;
  scalar_kind k;
  dtype numpy, cupp;
};
constexpr own_weak kOwnWeak[] = {
    {dtype::bfloat16, scalar_kind::floating, dtype::float32, dtype::bfloat16},
};

struct own_cast {
  dtype from, to;
  casting rule;
  bool numpy, cupp;
};
constexpr own_cast kOwnCasts[] = {
    {dtype::complex64, dtype::bfloat16, casting::same_kind, true, false},
    {dtype::complex128, dtype::bfloat16, casting::same_kind, true, false},
    {dtype::bfloat16, dtype::float16, casting::same_kind, false, true},
};

// ---- promote_types ----------------------------------------------------------------------------

TEST(Promotion, PairsMatchNumpy) {
  const auto rows = read_csv("numpy_promotion_pairs.csv", "a,b,result");
  ASSERT_EQ(rows.size(), std::size_t{cupp::kNumDtypes * cupp::kNumDtypes});
  int own = 0;
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 3u);
    const dtype a = cupp::dtype_from_name(row[0]), b = cupp::dtype_from_name(row[1]);
    if (row[2] == "error") {
      // NumPy has no rule: cupp's own rule must cover the cell, in either order.
      bool found = false;
      for (const own_pair& p : kOwnPairs) {
        if ((p.a == a && p.b == b) || (p.a == b && p.b == a)) {
          EXPECT_EQ(cupp::promote_types(a, b), p.result) << row[0] << " " << row[1];
          EXPECT_EQ(cupp::promote_types(b, a), p.result) << row[1] << " " << row[0];
          found = true;
        }
      }
      EXPECT_TRUE(found) << "no cupp rule for " << row[0] << " with " << row[1];
      ++own;
      continue;
    }
    const dtype expected = cupp::dtype_from_name(row[2]);
    EXPECT_EQ(cupp::promote_types(a, b), expected) << row[0] << " " << row[1];
    EXPECT_EQ(cupp::promote_types(b, a), expected) << row[1] << " " << row[0];
  }
  // Each of cupp's own pairs fills exactly the two cells (both orders) where NumPy raises.
  EXPECT_EQ(own, 2 * static_cast<int>(std::size(kOwnPairs)));
}

TEST(Promotion, PromoteTypesIsSymmetricAndIdempotent) {
  for (int i = 0; i < cupp::kNumDtypes; ++i) {
    EXPECT_EQ(cupp::promote_types(dtype_at(i), dtype_at(i)), dtype_at(i));
    for (int j = 0; j < cupp::kNumDtypes; ++j) {
      EXPECT_EQ(cupp::promote_types(dtype_at(i), dtype_at(j)),
                cupp::promote_types(dtype_at(j), dtype_at(i)));
    }
  }
}

TEST(Promotion, PromoteTypesIsNotAssociative) {
  // As in NumPy, the order of pairwise promotion matters: np.promote_types folded left to right
  // over int8, uint8, float16 gives float32, folded from the right float16. (np.result_type of the
  // three gives float16: it is not a pairwise fold.)
  EXPECT_EQ(cupp::promote_types(cupp::promote_types(dtype::int8, dtype::uint8), dtype::float16),
            dtype::float32);
  EXPECT_EQ(cupp::promote_types(dtype::int8, cupp::promote_types(dtype::uint8, dtype::float16)),
            dtype::float16);
}

// promote_t<A, B> is R, in both orders.
template <class A, class B, class R>
constexpr bool promotes_to = std::is_same_v<cupp::promote_t<A, B>, R> &&
                             std::is_same_v<cupp::promote_t<B, A>, R>;

TEST(Promotion, PromoteTAtCompileTime) {
  // example-begin promote_types
  // The smallest type that holds both: int8 with uint8 needs int16, int64 with uint64 has no
  // integer home and becomes float64, int16 with float16 needs float32.
  static_assert(cupp::promote_types(dtype::int8, dtype::uint8) == dtype::int16);
  static_assert(std::is_same_v<cupp::promote_t<std::int64_t, std::uint64_t>, double>);
  static_assert(std::is_same_v<cupp::promote_t<std::int16_t, float16>, float>);
  // example-end
  static_assert(promotes_to<bool, bool, bool>);
  static_assert(promotes_to<bool, std::int8_t, std::int8_t>);
  static_assert(promotes_to<bool, std::uint64_t, std::uint64_t>);
  static_assert(promotes_to<bool, float16, float16>);
  static_assert(promotes_to<bool, bfloat16, bfloat16>);
  static_assert(promotes_to<bool, std::complex<float>, std::complex<float>>);
  static_assert(promotes_to<std::int8_t, std::uint8_t, std::int16_t>);
  static_assert(promotes_to<std::int8_t, std::uint16_t, std::int32_t>);
  static_assert(promotes_to<std::int8_t, std::uint32_t, std::int64_t>);
  static_assert(promotes_to<std::int8_t, std::uint64_t, double>);
  static_assert(promotes_to<std::int16_t, std::int32_t, std::int32_t>);
  static_assert(promotes_to<std::int32_t, std::uint32_t, std::int64_t>);
  static_assert(promotes_to<std::int64_t, std::uint64_t, double>);
  static_assert(promotes_to<std::uint8_t, std::uint16_t, std::uint16_t>);
  static_assert(promotes_to<std::uint32_t, std::uint64_t, std::uint64_t>);
  static_assert(promotes_to<std::int8_t, float16, float16>);
  static_assert(promotes_to<std::uint8_t, float16, float16>);
  static_assert(promotes_to<std::int16_t, float16, float>);
  static_assert(promotes_to<std::int32_t, float16, double>);
  static_assert(promotes_to<std::int32_t, float, double>);
  static_assert(promotes_to<std::int16_t, float, float>);
  static_assert(promotes_to<std::uint64_t, float, double>);
  static_assert(promotes_to<float16, float, float>);
  static_assert(promotes_to<float, double, double>);
  static_assert(promotes_to<std::int16_t, std::complex<float>, std::complex<float>>);
  static_assert(promotes_to<std::int32_t, std::complex<float>, std::complex<double>>);
  static_assert(promotes_to<double, std::complex<float>, std::complex<double>>);
  static_assert(promotes_to<float, std::complex<float>, std::complex<float>>);
  static_assert(promotes_to<std::complex<float>, std::complex<double>, std::complex<double>>);
  static_assert(promotes_to<bfloat16, std::int8_t, bfloat16>);
  static_assert(promotes_to<bfloat16, std::uint8_t, bfloat16>);
  static_assert(promotes_to<bfloat16, bfloat16, bfloat16>);
  static_assert(promotes_to<bfloat16, float, float>);
  static_assert(promotes_to<bfloat16, double, double>);
  static_assert(promotes_to<bfloat16, std::complex<float>, std::complex<float>>);
  static_assert(promotes_to<bfloat16, std::int16_t, float>);
  static_assert(promotes_to<bfloat16, std::uint16_t, float>);
  static_assert(promotes_to<bfloat16, std::int32_t, double>);
  static_assert(promotes_to<bfloat16, std::uint64_t, double>);
  static_assert(promotes_to<bfloat16, float16, float>);
  // cv-qualified element types promote as the plain ones.
  static_assert(promotes_to<const std::int8_t, std::uint8_t, std::int16_t>);
}

// ---- weak scalars -----------------------------------------------------------------------------

TEST(Promotion, ScalarsMatchNumpy) {
  const auto rows = read_csv("numpy_promotion_scalars.csv", "a,scalar,result");
  ASSERT_EQ(rows.size(), std::size_t{cupp::kNumDtypes * 4});
  int own = 0;
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 3u);
    const dtype a = cupp::dtype_from_name(row[0]);
    const scalar_kind k = scalar_kind_from_name(row[1]);
    dtype expected = cupp::dtype_from_name(row[2]);
    for (const own_weak& w : kOwnWeak) {
      if (w.a == a && w.k == k) {
        EXPECT_EQ(expected, w.numpy) << "NumPy's answer changed for " << row[0] << " " << row[1];
        expected = w.cupp;
        ++own;
      }
    }
    EXPECT_EQ(cupp::promote_weak(a, k), expected) << row[0] << " + Python " << row[1];
  }
  EXPECT_EQ(own, static_cast<int>(std::size(kOwnWeak)));
}

TEST(Promotion, ScalarKinds) {
  static_assert(cupp::scalar_kind_of<bool> == scalar_kind::boolean);
  static_assert(cupp::scalar_kind_of<const bool> == scalar_kind::boolean);
  static_assert(cupp::scalar_kind_of<char> == scalar_kind::integer);
  static_assert(cupp::scalar_kind_of<signed char> == scalar_kind::integer);
  static_assert(cupp::scalar_kind_of<short> == scalar_kind::integer);
  static_assert(cupp::scalar_kind_of<int> == scalar_kind::integer);
  static_assert(cupp::scalar_kind_of<const int> == scalar_kind::integer);
  static_assert(cupp::scalar_kind_of<long> == scalar_kind::integer);
  static_assert(cupp::scalar_kind_of<unsigned long long> == scalar_kind::integer);
  static_assert(cupp::scalar_kind_of<std::uint8_t> == scalar_kind::integer);
  static_assert(cupp::scalar_kind_of<float> == scalar_kind::floating);
  static_assert(cupp::scalar_kind_of<double> == scalar_kind::floating);
  static_assert(cupp::scalar_kind_of<long double> == scalar_kind::floating);
  static_assert(cupp::scalar_kind_of<std::complex<float>> == scalar_kind::complex);
  static_assert(cupp::scalar_kind_of<std::complex<double>> == scalar_kind::complex);
  static_assert(cupp::scalar_kind_of<std::complex<long double>> == scalar_kind::complex);
}

TEST(Promotion, PromoteWeakTAtCompileTime) {
  // example-begin weak_scalars
  // A C++ scalar is weak: its kind counts, not its type. `ndarray<float> * 2.0` stays float32,
  // and `ndarray<std::int8_t> + 1` stays int8 (1000 would not fit: see check_weak_integer).
  static_assert(std::is_same_v<cupp::promote_weak_t<float, double>, float>);
  static_assert(std::is_same_v<cupp::promote_weak_t<std::int8_t, int>, std::int8_t>);
  static_assert(std::is_same_v<cupp::promote_weak_t<std::uint16_t, std::int64_t>, std::uint16_t>);
  // A scalar of a higher kind lifts the array to that kind, at the default size for bool and
  // integer arrays (int64, float64, complex128) and at the matching size for float arrays.
  static_assert(std::is_same_v<cupp::promote_weak_t<bool, int>, std::int64_t>);
  static_assert(std::is_same_v<cupp::promote_weak_t<std::int32_t, float>, double>);
  static_assert(std::is_same_v<cupp::promote_weak_t<float, std::complex<double>>,
                               std::complex<float>>);
  static_assert(std::is_same_v<cupp::promote_weak_t<float16, std::complex<float>>,
                               std::complex<float>>);
  // example-end
  static_assert(std::is_same_v<cupp::promote_weak_t<bool, bool>, bool>);
  static_assert(std::is_same_v<cupp::promote_weak_t<bool, double>, double>);
  static_assert(std::is_same_v<cupp::promote_weak_t<bool, std::complex<float>>,
                               std::complex<double>>);
  static_assert(std::is_same_v<cupp::promote_weak_t<std::int8_t, bool>, std::int8_t>);
  static_assert(std::is_same_v<cupp::promote_weak_t<std::uint64_t, int>, std::uint64_t>);
  static_assert(std::is_same_v<cupp::promote_weak_t<std::int64_t, float>, double>);
  static_assert(std::is_same_v<cupp::promote_weak_t<std::uint8_t, std::complex<float>>,
                               std::complex<double>>);
  static_assert(std::is_same_v<cupp::promote_weak_t<float16, double>, float16>);
  static_assert(std::is_same_v<cupp::promote_weak_t<float16, long long>, float16>);
  static_assert(std::is_same_v<cupp::promote_weak_t<double, float>, double>);
  static_assert(std::is_same_v<cupp::promote_weak_t<double, std::complex<float>>,
                               std::complex<double>>);
  static_assert(std::is_same_v<cupp::promote_weak_t<std::complex<float>, double>,
                               std::complex<float>>);
  static_assert(std::is_same_v<cupp::promote_weak_t<std::complex<float>, std::complex<double>>,
                               std::complex<float>>);
  static_assert(std::is_same_v<cupp::promote_weak_t<bfloat16, int>, bfloat16>);
  static_assert(std::is_same_v<cupp::promote_weak_t<bfloat16, std::complex<double>>,
                               std::complex<float>>);
}

TEST(Promotion, Bfloat16Rules) {
  // example-begin bfloat16
  // bfloat16 promotes as float16 does where NumPy has no rule for it...
  static_assert(std::is_same_v<cupp::promote_t<bfloat16, std::int16_t>, float>);
  static_assert(std::is_same_v<cupp::promote_t<bfloat16, std::uint32_t>, double>);
  static_assert(std::is_same_v<cupp::promote_t<bfloat16, float16>, float>);
  // ...and stays bfloat16 with a weak float, where ml_dtypes gives float32.
  static_assert(std::is_same_v<cupp::promote_weak_t<bfloat16, double>, bfloat16>);
  // example-end
  // Against every other dtype, bfloat16 behaves exactly as float16 does, with itself in place of
  // float16 in the result: in promotion, with weak scalars and in casting.
  const auto as_bfloat16 = [](dtype d) { return d == dtype::float16 ? dtype::bfloat16 : d; };
  for (int i = 0; i < cupp::kNumDtypes; ++i) {
    const dtype d = dtype_at(i);
    if (d == dtype::bfloat16 || d == dtype::float16) continue;
    EXPECT_EQ(cupp::promote_types(dtype::bfloat16, d),
              as_bfloat16(cupp::promote_types(dtype::float16, d)))
        << cupp::dtype_name(d);
    for (int r = 0; r <= static_cast<int>(casting::unsafe); ++r) {
      const auto rule = static_cast<casting>(r);
      EXPECT_EQ(cupp::can_cast(dtype::bfloat16, d, rule), cupp::can_cast(dtype::float16, d, rule))
          << cupp::dtype_name(d) << " " << r;
      EXPECT_EQ(cupp::can_cast(d, dtype::bfloat16, rule), cupp::can_cast(d, dtype::float16, rule))
          << cupp::dtype_name(d) << " " << r;
    }
  }
  for (int k = 0; k <= static_cast<int>(scalar_kind::complex); ++k) {
    const auto kind = static_cast<scalar_kind>(k);
    EXPECT_EQ(cupp::promote_weak(dtype::bfloat16, kind),
              as_bfloat16(cupp::promote_weak(dtype::float16, kind)));
  }
  // With each other, neither holds the other: float32 holds both.
  EXPECT_EQ(cupp::promote_types(dtype::bfloat16, dtype::float16), dtype::float32);
  EXPECT_FALSE(cupp::can_cast(dtype::bfloat16, dtype::float16, casting::safe));
  EXPECT_FALSE(cupp::can_cast(dtype::float16, dtype::bfloat16, casting::safe));
  EXPECT_TRUE(cupp::can_cast(dtype::bfloat16, dtype::float16, casting::same_kind));
  EXPECT_TRUE(cupp::can_cast(dtype::float16, dtype::bfloat16, casting::same_kind));
}

// ---- casting ----------------------------------------------------------------------------------

TEST(Promotion, CanCastMatchesNumpy) {
  const auto rows = read_csv("numpy_can_cast.csv", "from,to,no,equiv,safe,same_kind,unsafe");
  ASSERT_EQ(rows.size(), std::size_t{cupp::kNumDtypes * cupp::kNumDtypes});
  int own = 0;
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 7u);
    const dtype from = cupp::dtype_from_name(row[0]), to = cupp::dtype_from_name(row[1]);
    for (int r = 0; r <= static_cast<int>(casting::unsafe); ++r) {
      const auto rule = static_cast<casting>(r);
      bool expected = bool_from_name(row[2 + static_cast<std::size_t>(r)]);
      for (const own_cast& c : kOwnCasts) {
        if (c.from == from && c.to == to && c.rule == rule) {
          EXPECT_EQ(expected, c.numpy) << "NumPy's answer changed for " << row[0] << " " << row[1];
          expected = c.cupp;
          ++own;
        }
      }
      EXPECT_EQ(cupp::can_cast(from, to, rule), expected)
          << "can_cast(" << row[0] << ", " << row[1] << ", " << r << ")";
    }
  }
  EXPECT_EQ(own, static_cast<int>(std::size(kOwnCasts)));
}

TEST(Promotion, CanCastRules) {
  for (int i = 0; i < cupp::kNumDtypes; ++i) {
    for (int j = 0; j < cupp::kNumDtypes; ++j) {
      const dtype a = dtype_at(i), b = dtype_at(j);
      EXPECT_EQ(cupp::can_cast(a, b, casting::no), i == j);
      EXPECT_EQ(cupp::can_cast(a, b, casting::equiv), i == j);
      EXPECT_TRUE(cupp::can_cast(a, b, casting::unsafe));
      // Each rule allows at least what the stricter one allows.
      EXPECT_TRUE(!cupp::can_cast(a, b, casting::equiv) || cupp::can_cast(a, b, casting::safe));
      EXPECT_TRUE(!cupp::can_cast(a, b, casting::safe) ||
                  cupp::can_cast(a, b, casting::same_kind));
    }
  }
  // example-begin can_cast
  // int64 -> float64 is "safe" in NumPy, though not every int64 is a float64.
  static_assert(cupp::can_cast(dtype::int64, dtype::float64, casting::safe));
  static_assert(!cupp::can_cast(dtype::int64, dtype::float32, casting::safe));
  // same_kind also allows narrowing within a kind and going up the order of kinds
  // (bool, unsigned, signed, floating, complex), never down it.
  EXPECT_TRUE(cupp::can_cast(dtype::int64, dtype::float32, casting::same_kind));
  EXPECT_TRUE(cupp::can_cast(dtype::float64, dtype::float16, casting::same_kind));
  EXPECT_TRUE(cupp::can_cast(dtype::uint64, dtype::int8, casting::same_kind));
  EXPECT_FALSE(cupp::can_cast(dtype::float64, dtype::int32, casting::same_kind));
  EXPECT_FALSE(cupp::can_cast(dtype::int8, dtype::uint64, casting::same_kind));
  EXPECT_FALSE(cupp::can_cast(dtype::complex64, dtype::float64, casting::same_kind));
  // example-end
  EXPECT_TRUE(cupp::can_cast(dtype::bool_, dtype::complex64, casting::safe));
  EXPECT_FALSE(cupp::can_cast(dtype::int8, dtype::bool_, casting::same_kind));
  EXPECT_TRUE(cupp::can_cast(dtype::uint8, dtype::int16, casting::safe));
  EXPECT_FALSE(cupp::can_cast(dtype::uint8, dtype::int8, casting::safe));
  EXPECT_FALSE(cupp::can_cast(dtype::float16, dtype::bfloat16, casting::safe));
  EXPECT_FALSE(cupp::can_cast(dtype::complex64, dtype::bfloat16, casting::same_kind));
  EXPECT_TRUE(cupp::can_cast(dtype::float32, dtype::complex64, casting::safe));
  EXPECT_FALSE(cupp::can_cast(dtype::float64, dtype::complex64, casting::safe));
}

// ---- dtype predicates and the dtype <-> C++ type maps -----------------------------------------

TEST(Promotion, Predicates) {
  // NumPy: np.issubdtype(d, np.bool_ / np.integer / np.signedinteger / np.unsignedinteger /
  // np.floating / np.complexfloating / np.inexact), with bfloat16 a floating type.
  struct expected_kinds {
    dtype d;
    bool boolean, integer, is_signed, is_unsigned, floating, complex, inexact;
  };
  const expected_kinds table[] = {
      {dtype::bool_, true, false, false, false, false, false, false},
      {dtype::int8, false, true, true, false, false, false, false},
      {dtype::int16, false, true, true, false, false, false, false},
      {dtype::int32, false, true, true, false, false, false, false},
      {dtype::int64, false, true, true, false, false, false, false},
      {dtype::uint8, false, true, false, true, false, false, false},
      {dtype::uint16, false, true, false, true, false, false, false},
      {dtype::uint32, false, true, false, true, false, false, false},
      {dtype::uint64, false, true, false, true, false, false, false},
      {dtype::float16, false, false, false, false, true, false, true},
      {dtype::bfloat16, false, false, false, false, true, false, true},
      {dtype::float32, false, false, false, false, true, false, true},
      {dtype::float64, false, false, false, false, true, false, true},
      {dtype::complex64, false, false, false, false, false, true, true},
      {dtype::complex128, false, false, false, false, false, true, true},
  };
  ASSERT_EQ(std::size(table), std::size_t{cupp::kNumDtypes});
  for (const expected_kinds& e : table) {
    SCOPED_TRACE(cupp::dtype_name(e.d));
    EXPECT_EQ(cupp::is_bool(e.d), e.boolean);
    EXPECT_EQ(cupp::is_integer(e.d), e.integer);
    EXPECT_EQ(cupp::is_signed(e.d), e.is_signed);
    EXPECT_EQ(cupp::is_unsigned(e.d), e.is_unsigned);
    EXPECT_EQ(cupp::is_floating(e.d), e.floating);
    EXPECT_EQ(cupp::is_complex(e.d), e.complex);
    EXPECT_EQ(cupp::is_inexact(e.d), e.inexact);
  }
  static_assert(cupp::is_inexact(dtype::bfloat16) && !cupp::is_integer(dtype::bool_));
}

template <std::size_t... I>
constexpr bool type_of_dtype_inverts_dtype_of(std::index_sequence<I...>) {
  return ((cupp::dtype_of<cupp::type_of_t<static_cast<dtype>(I)>> == static_cast<dtype>(I)) && ...);
}

TEST(Promotion, TypeOfDtypeInvertsDtypeOf) {
  static_assert(type_of_dtype_inverts_dtype_of(std::make_index_sequence<cupp::kNumDtypes>{}));
  static_assert(std::is_same_v<cupp::type_of_t<dtype::bool_>, bool>);
  static_assert(std::is_same_v<cupp::type_of_t<dtype::int64>, std::int64_t>);
  static_assert(std::is_same_v<cupp::type_of_t<dtype::bfloat16>, bfloat16>);
  static_assert(std::is_same_v<cupp::type_of_t<dtype::complex64>, std::complex<float>>);
}

// ---- weak integers that do not fit ------------------------------------------------------------

TEST(Promotion, CheckWeakInteger) {
  // example-begin check_weak_integer
  // np.array([1], np.int8) + 1000 raises OverflowError in NumPy 2; so does cupp.
  EXPECT_NO_THROW(cupp::check_weak_integer(dtype::int8, 127));
  CUPP_EXPECT_THROW_MSG(cupp::check_weak_integer(dtype::int8, 1000), cupp::overflow_error,
                        "Python integer 1000 out of bounds for int8");
  CUPP_EXPECT_THROW_MSG(cupp::check_weak_integer(dtype::uint8, -1), cupp::overflow_error,
                        "Python integer -1 out of bounds for uint8");
  // example-end
  CUPP_EXPECT_THROW_MSG(cupp::check_weak_integer(dtype::int8, 128), cupp::overflow_error,
                        "Python integer 128 out of bounds for int8");
  EXPECT_NO_THROW(cupp::check_weak_integer(dtype::int8, -128));
  CUPP_EXPECT_THROW_MSG(cupp::check_weak_integer(dtype::int8, -129), cupp::overflow_error,
                        "Python integer -129 out of bounds for int8");
  EXPECT_NO_THROW(cupp::check_weak_integer(dtype::uint8, 0));
  EXPECT_NO_THROW(cupp::check_weak_integer(dtype::uint8, 255));
  CUPP_EXPECT_THROW_MSG(cupp::check_weak_integer(dtype::uint8, 256), cupp::overflow_error,
                        "Python integer 256 out of bounds for uint8");
  EXPECT_NO_THROW(cupp::check_weak_integer(dtype::int16, -32768));
  CUPP_EXPECT_THROW_MSG(cupp::check_weak_integer(dtype::int16, 32768), cupp::overflow_error,
                        "Python integer 32768 out of bounds for int16");
  CUPP_EXPECT_THROW_MSG(cupp::check_weak_integer(dtype::uint16, 65536), cupp::overflow_error,
                        "Python integer 65536 out of bounds for uint16");
  EXPECT_NO_THROW(cupp::check_weak_integer(dtype::int32, std::numeric_limits<std::int32_t>::min()));
  CUPP_EXPECT_THROW_MSG(cupp::check_weak_integer(dtype::int32, 2147483648LL), cupp::overflow_error,
                        "Python integer 2147483648 out of bounds for int32");
  EXPECT_NO_THROW(cupp::check_weak_integer(dtype::uint32, 4294967295ULL));
  CUPP_EXPECT_THROW_MSG(cupp::check_weak_integer(dtype::uint32, 4294967296ULL),
                        cupp::overflow_error, "Python integer 4294967296 out of bounds for uint32");
  EXPECT_NO_THROW(cupp::check_weak_integer(dtype::int64, std::numeric_limits<long long>::min()));
  EXPECT_NO_THROW(cupp::check_weak_integer(dtype::int64, std::numeric_limits<long long>::max()));
  // 2**63 needs the unsigned overload. NumPy 2 raises OverflowError here too, in CPython's words
  // ("Python int too large to convert to C long"); cupp keeps its one message.
  CUPP_EXPECT_THROW_MSG(cupp::check_weak_integer(dtype::int64, 9223372036854775808ULL),
                        cupp::overflow_error,
                        "Python integer 9223372036854775808 out of bounds for int64");
  EXPECT_NO_THROW(cupp::check_weak_integer(dtype::uint64, 9223372036854775808ULL));
  EXPECT_NO_THROW(
      cupp::check_weak_integer(dtype::uint64, std::numeric_limits<unsigned long long>::max()));
  CUPP_EXPECT_THROW_MSG(cupp::check_weak_integer(dtype::uint64, -1), cupp::overflow_error,
                        "Python integer -1 out of bounds for uint64");
  // A bool array with an integer gives int64, so the integer must fit int64.
  EXPECT_NO_THROW(cupp::check_weak_integer(dtype::bool_, 1000));
  EXPECT_NO_THROW(cupp::check_weak_integer(dtype::bool_, -1));
  CUPP_EXPECT_THROW_MSG(cupp::check_weak_integer(dtype::bool_, 9223372036854775808ULL),
                        cupp::overflow_error,
                        "Python integer 9223372036854775808 out of bounds for int64");
  // Float and complex arrays take any integer (np.float16 array + 2**70 gives inf).
  for (const dtype d : {dtype::float16, dtype::bfloat16, dtype::float32, dtype::float64,
                        dtype::complex64, dtype::complex128}) {
    EXPECT_NO_THROW(cupp::check_weak_integer(d, std::numeric_limits<unsigned long long>::max()));
    EXPECT_NO_THROW(cupp::check_weak_integer(d, std::numeric_limits<long long>::min()));
  }
  // Every integer type reaches one of the two overloads, std::int64_t (long) and unsigned too.
  EXPECT_NO_THROW(cupp::check_weak_integer(dtype::int8, std::int64_t{-5}));
  EXPECT_NO_THROW(cupp::check_weak_integer(dtype::int8, std::uint64_t{5}));
  EXPECT_NO_THROW(cupp::check_weak_integer(dtype::uint8, static_cast<unsigned char>(200)));
  CUPP_EXPECT_THROW_MSG(cupp::check_weak_integer(dtype::uint8, short{-3}), cupp::overflow_error,
                        "Python integer -3 out of bounds for uint8");
  // The error is NumPy's OverflowError, no other.
  static_assert(std::is_base_of_v<cupp::error, cupp::overflow_error>);
  static_assert(!std::is_base_of_v<cupp::value_error, cupp::overflow_error>);
}

}  // namespace
