// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The run-time-typed path without a GPU: its dtype resolution for every dtype pair against
// NumPy's tables (tests/data/numpy_promotion_pairs.csv, numpy_promotion_scalars.csv), its
// generated source against the typed path's for the same dtypes (the same text, so the same
// kernel cache key), an NVRTC compile of it for sm_90, and the errors raised before any launch,
// with the typed path's messages.
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "cupp/array.hpp"
#include "support/csv.hpp"
#include "support/shaped.hpp"

namespace {

using cupp::dtype;
using cupp::scalar_kind;
using cupp::shape_t;
using cupp::expr::op_desc_of;
using cupp::expr::operand_type;
using cupp::test::read_csv;
using cupp::test::shaped;
namespace ex = cupp::expr;

operand_type arr(dtype d) { return {d, false, scalar_kind::boolean}; }
operand_type weak(scalar_kind k) { return {dtype::bool_, true, k}; }

scalar_kind kind_from_name(const std::string& name) {
  if (name == "bool") return scalar_kind::boolean;
  if (name == "int") return scalar_kind::integer;
  if (name == "float") return scalar_kind::floating;
  EXPECT_EQ(name, "complex");
  return scalar_kind::complex;
}

bool is_int_or_bool(dtype d) { return d == dtype::bool_ || cupp::is_integer(d); }

// ---- dtype resolution against NumPy's tables --------------------------------------------------

TEST(RuntimeTypes, EveryArrayPairAgainstNumpysPromotionTable) {
  const auto rows = read_csv("numpy_promotion_pairs.csv", "a,b,result");
  ASSERT_EQ(rows.size(), std::size_t{cupp::kNumDtypes * cupp::kNumDtypes});
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 3u);
    const dtype a = cupp::dtype_from_name(row[0]), b = cupp::dtype_from_name(row[1]);
    // NumPy has no rule for some bfloat16 pairs ("error"): cupp's own, checked against its list
    // in tests/core/test_promotion.cpp, is the promotion table's.
    const dtype promoted =
        row[2] == "error" ? cupp::promote_types(a, b) : cupp::dtype_from_name(row[2]);
    const std::string at = row[0] + " " + row[1];
    // a + b, a < b, a / b: the promoted dtype, bool, float64 for integers and bools.
    EXPECT_EQ(ex::resolve_types(op_desc_of<ex::op_add>(), {arr(a), arr(b)}).result, promoted) << at;
    EXPECT_EQ(ex::resolve_types(op_desc_of<ex::op_less>(), {arr(a), arr(b)}).result, dtype::bool_)
        << at;
    EXPECT_EQ(ex::resolve_types(op_desc_of<ex::op_true_divide>(), {arr(a), arr(b)}).result,
              is_int_or_bool(promoted) ? dtype::float64 : promoted)
        << at;
    // a & b: integers and bools only, as NumPy (TypeError otherwise).
    if (is_int_or_bool(promoted)) {
      EXPECT_EQ(ex::resolve_types(op_desc_of<ex::op_bitwise_and>(), {arr(a), arr(b)}).result,
                promoted)
          << at;
    } else {
      EXPECT_THROW(ex::resolve_types(op_desc_of<ex::op_bitwise_and>(), {arr(a), arr(b)}),
                   cupp::type_error)
          << at;
    }
    // where(cond, a, b): the condition's dtype takes no part.
    EXPECT_EQ(
        ex::resolve_types(op_desc_of<ex::op_where>(), {arr(dtype::float64), arr(a), arr(b)}).result,
        promoted)
        << at;
  }
}

TEST(RuntimeTypes, EveryArrayWithEachScalarKindAgainstNumpysTable) {
  const auto rows = read_csv("numpy_promotion_scalars.csv", "a,scalar,result");
  ASSERT_EQ(rows.size(), std::size_t{cupp::kNumDtypes * 4});
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 3u);
    const dtype a = cupp::dtype_from_name(row[0]);
    const scalar_kind k = kind_from_name(row[1]);
    // bfloat16 with a float stays bfloat16 in cupp, as float16 does in NumPy (ml_dtypes gives
    // float32; docs/promotion.md).
    const dtype want = (a == dtype::bfloat16 && k == scalar_kind::floating)
                           ? dtype::bfloat16
                           : cupp::dtype_from_name(row[2]);
    const std::string at = row[0] + " " + row[1];
    EXPECT_EQ(ex::resolve_types(op_desc_of<ex::op_add>(), {arr(a), weak(k)}).result, want) << at;
    EXPECT_EQ(ex::resolve_types(op_desc_of<ex::op_multiply>(), {weak(k), arr(a)}).result, want)
        << at;
    // The scalar leaf itself takes that dtype.
    EXPECT_EQ(ex::resolve_types(op_desc_of<ex::op_add>(), {arr(a), weak(k)}).leaves[1], want) << at;
  }
}

TEST(RuntimeTypes, PublicOperatorsGiveNumpysDtypesWithoutAnyLaunch) {
  // Only type resolution runs here: these expressions are not evaluated.
  EXPECT_EQ(
      ex::resolve_types(op_desc_of<ex::op_add>(), {arr(dtype::int8), arr(dtype::float32)}).result,
      dtype::float32);
  EXPECT_EQ(
      ex::resolve_types(op_desc_of<ex::op_add>(), {arr(dtype::uint64), arr(dtype::int64)}).result,
      dtype::float64);
  EXPECT_EQ(
      ex::resolve_types(op_desc_of<ex::op_add>(), {arr(dtype::bool_), arr(dtype::bool_)}).result,
      dtype::bool_);
  EXPECT_EQ(
      ex::resolve_types(op_desc_of<ex::op_add>(), {arr(dtype::int16), weak(scalar_kind::integer)})
          .result,
      dtype::int16);
  EXPECT_EQ(ex::resolve_types(op_desc_of<ex::op_exp>(), {arr(dtype::int16)}).result,
            dtype::float32);
  EXPECT_EQ(ex::resolve_types(op_desc_of<ex::op_absolute>(), {arr(dtype::complex64)}).result,
            dtype::float32);
  EXPECT_EQ(ex::resolve_types(op_desc_of<ex::op_where>(),
                              {arr(dtype::bool_), arr(dtype::int8), weak(scalar_kind::integer)})
                .result,
            dtype::int8);
}

TEST(RuntimeTypes, TypedCallsKeepTheirTypedOverloads) {
  // Only a cupp::array (or a selection of one) among the arguments takes the run-time path.
  using cupp::ndarray;
  const auto f = shaped<float>({2, 2});
  const auto i = shaped<std::int32_t>({2, 2});
  const cupp::array r = f;
  static_assert(cupp::expr::is_node_v<decltype(f + i)>);
  static_assert(cupp::expr::is_node_v<decltype(cupp::exp(f * 2))>);
  static_assert(std::is_same_v<decltype(cupp::sum(i)), ndarray<std::int64_t>>);
  static_assert(std::is_same_v<decltype(cupp::sort(f)), ndarray<float>>);
  static_assert(std::is_same_v<decltype(cupp::matmul(f, i)), ndarray<double>>);
  static_assert(std::is_same_v<decltype(cupp::zeros<float>({2})), ndarray<float>>);
  static_assert(std::is_same_v<decltype(f[shaped<bool>({2})]), cupp::indexed<float>>);
  static_assert(std::is_same_v<decltype(r + i), cupp::array>);
  static_assert(std::is_same_v<decltype(cupp::exp(r)), cupp::array>);
  static_assert(std::is_same_v<decltype(cupp::sum(r)), cupp::array>);
  static_assert(std::is_same_v<decltype(cupp::matmul(r, i)), cupp::array>);
  static_assert(std::is_same_v<decltype(cupp::zeros({2}, dtype::float32)), cupp::array>);
  static_assert(std::is_same_v<decltype(r[shaped<bool>({2})]), cupp::array_selection>);
  static_assert(std::is_same_v<decltype(r[r > 0] * 2), cupp::array>);
  static_assert(std::is_same_v<decltype(r(0, 1)), cupp::array>);
  SUCCEED();
}

// ---- the same kernels as the typed path -------------------------------------------------------

// The kernel family of a typed expression E and the run-time family of the same op over the same
// operand types generate the same source for each variant.
template <class E>
void expect_same_source(const cupp::expr::op_desc& op, const std::vector<operand_type>& types) {
  auto& typed = cupp::expr::family_of<E>();
  auto& dynamic = cupp::expr::dynamic_family(op, types);
  EXPECT_EQ(ex::resolve_types(op, types).result, E::result) << op.name;
  for (int variant = 0; variant < cupp::expr::detail::kernel_family::kVariants; ++variant)
    for (bool wide : {false, true})
      EXPECT_EQ(dynamic.source(E::result, variant, wide), typed.source(E::result, variant, wide))
          << op.name << " variant " << variant << (wide ? " wide" : "");
}

template <class Op, class... X>
using node_of = decltype(cupp::expr::make_node<Op>(std::declval<X>()...));

TEST(RuntimeTypes, SameSourceAsTheTypedPath) {
  using cupp::ndarray;
  expect_same_source<node_of<ex::op_add, ndarray<std::int8_t>, ndarray<float>>>(
      op_desc_of<ex::op_add>(), {arr(dtype::int8), arr(dtype::float32)});
  expect_same_source<node_of<ex::op_add, ndarray<std::uint64_t>, ndarray<std::int64_t>>>(
      op_desc_of<ex::op_add>(), {arr(dtype::uint64), arr(dtype::int64)});
  expect_same_source<node_of<ex::op_logical_or, ndarray<bool>, ndarray<bool>>>(
      op_desc_of<ex::op_logical_or>(), {arr(dtype::bool_), arr(dtype::bool_)});
  expect_same_source<node_of<ex::op_add, ndarray<std::int16_t>, int>>(
      op_desc_of<ex::op_add>(), {arr(dtype::int16), weak(scalar_kind::integer)});
  expect_same_source<node_of<ex::op_subtract, double, ndarray<cupp::float16>>>(
      op_desc_of<ex::op_subtract>(), {weak(scalar_kind::floating), arr(dtype::float16)});
  expect_same_source<node_of<ex::op_less, ndarray<float>, int>>(
      op_desc_of<ex::op_less>(), {arr(dtype::float32), weak(scalar_kind::integer)});
  expect_same_source<node_of<ex::op_true_divide, ndarray<std::int32_t>, ndarray<std::int32_t>>>(
      op_desc_of<ex::op_true_divide>(), {arr(dtype::int32), arr(dtype::int32)});
  expect_same_source<node_of<ex::op_exp, ndarray<cupp::bfloat16>>>(op_desc_of<ex::op_exp>(),
                                                                   {arr(dtype::bfloat16)});
  expect_same_source<node_of<ex::op_absolute, ndarray<std::complex<float>>>>(
      op_desc_of<ex::op_absolute>(), {arr(dtype::complex64)});
  expect_same_source<node_of<ex::op_clip, ndarray<float>, int, double>>(
      op_desc_of<ex::op_clip>(),
      {arr(dtype::float32), weak(scalar_kind::integer), weak(scalar_kind::floating)});
  using Where = decltype(cupp::expr::make_where(shaped<bool>({2}), shaped<std::int8_t>({2}), 0));
  expect_same_source<Where>(op_desc_of<ex::op_where>(),
                            {arr(dtype::bool_), arr(dtype::int8), weak(scalar_kind::integer)});
}

TEST(RuntimeTypes, SameReductionSourceAsTheTypedPath) {
  using cupp::ndarray;
  using cupp::expr::detail::reduce_mode;
  auto& typed = ex::reduce_family_of<ndarray<std::int8_t>, ex::red_sum, dtype::int64>();
  auto& dynamic =
      ex::dynamic_reduce_family(ex::reduce_desc_of<ex::red_sum>(), dtype::int8, dtype::int64);
  auto& typed_arg = ex::reduce_family_of<ndarray<float>, ex::red_argmax, dtype::float32>();
  auto& dynamic_arg = ex::dynamic_reduce_family(ex::reduce_desc_of<ex::red_argmax>(),
                                                dtype::float32, dtype::float32);
  // The variants tests/reduce/test_reduction.cpp compiles.
  const struct {
    int kept, reduced;
    reduce_mode mode;
    bool wide;
  } variants[] = {{0, 1, reduce_mode::inner_vector, false},
                  {1, 1, reduce_mode::outer, false},
                  {2, 2, reduce_mode::inner, true},
                  {5, 5, reduce_mode::inner, false}};
  for (const auto& v : variants) {
    EXPECT_EQ(dynamic.source(dtype::int64, v.kept, v.reduced, v.mode, v.wide),
              typed.source(dtype::int64, v.kept, v.reduced, v.mode, v.wide));
    EXPECT_EQ(dynamic_arg.source(dtype::int64, v.kept, v.reduced, v.mode, v.wide),
              typed_arg.source(dtype::int64, v.kept, v.reduced, v.mode, v.wide));
  }
}

TEST(RuntimeTypes, GeneratedKernelsCompileForSm90) {
  // NVRTC needs no GPU.
  ex::dynamic_family(op_desc_of<ex::op_add>(), {arr(dtype::uint8), weak(scalar_kind::complex)})
      .compile_all(dtype::complex128, 90);
  const std::string reduction =
      ex::dynamic_reduce_family(ex::reduce_desc_of<ex::red_argmax>(), dtype::int16, dtype::int16)
          .source(dtype::int64, 1, 1, cupp::expr::detail::reduce_mode::outer, false);
  EXPECT_NO_THROW((void)cupp::jit::get_default_compiler().compile(reduction, {}, {}, 90));
}

TEST(RuntimeTypes, OneFamilyPerOpAndLeafDtypes) {
  auto& f = ex::dynamic_family(op_desc_of<ex::op_add>(), {arr(dtype::int8), arr(dtype::float32)});
  EXPECT_EQ(&f,
            &ex::dynamic_family(op_desc_of<ex::op_add>(), {arr(dtype::int8), arr(dtype::float32)}));
  // The leaves' order and kinds are part of the source.
  EXPECT_NE(&f,
            &ex::dynamic_family(op_desc_of<ex::op_add>(), {arr(dtype::float32), arr(dtype::int8)}));
  EXPECT_NE(&f, &ex::dynamic_family(op_desc_of<ex::op_add>(),
                                    {arr(dtype::float32), weak(scalar_kind::integer)}));
  EXPECT_NE(&f, &ex::dynamic_family(op_desc_of<ex::op_subtract>(),
                                    {arr(dtype::int8), arr(dtype::float32)}));
}

// ---- scalars ----------------------------------------------------------------------------------

template <class T>
T converted(const ex::weak_scalar& s) {
  T v{};
  ex::convert_weak_scalar(s, cupp::dtype_of<T>, &v);
  return v;
}

TEST(RuntimeTypes, WeakScalarsConvertAsNumpyConvertsPythonScalars) {
  EXPECT_EQ(converted<std::int32_t>(ex::make_weak_scalar(1.75)), 1);
  EXPECT_EQ(converted<std::int32_t>(ex::make_weak_scalar(-1.75)), -1);
  EXPECT_EQ(converted<std::uint64_t>(ex::make_weak_scalar(std::uint64_t{18446744073709551615u})),
            std::uint64_t{18446744073709551615u});
  EXPECT_EQ(converted<std::int64_t>(ex::make_weak_scalar(-9223372036854775807LL - 1)),
            -9223372036854775807LL - 1);
  EXPECT_EQ(converted<bool>(ex::make_weak_scalar(0.5)), true);
  EXPECT_EQ(converted<bool>(ex::make_weak_scalar(std::complex<double>(0, 1))), true);
  EXPECT_EQ(converted<float>(ex::make_weak_scalar(std::complex<double>(2.5, 1))), 2.5f);
  EXPECT_EQ(converted<std::complex<float>>(ex::make_weak_scalar(3)), std::complex<float>(3, 0));
  EXPECT_EQ(static_cast<float>(converted<cupp::float16>(ex::make_weak_scalar(true))), 1.0f);
  EXPECT_EQ(converted<double>(ex::make_weak_scalar(cupp::bfloat16(0.5f))), 0.5);
  EXPECT_EQ(converted<std::int8_t>(ex::make_weak_scalar(-128)), -128);
  // NumPy 2: a Python integer out of bounds for the integer dtype is an OverflowError.
  EXPECT_THROW(converted<std::int8_t>(ex::make_weak_scalar(128)), cupp::overflow_error);
  EXPECT_THROW(converted<std::uint8_t>(ex::make_weak_scalar(-1)), cupp::overflow_error);
  EXPECT_THROW(converted<std::int64_t>(ex::make_weak_scalar(std::uint64_t{1} << 63)),
               cupp::overflow_error);
  EXPECT_EQ(converted<double>(ex::make_weak_scalar(std::uint64_t{1} << 63)), 9223372036854775808.0);
}

// ---- errors before any launch, in the typed path's words --------------------------------------

// The message of the exception of type E that f throws (a failure when it throws none).
template <class E>
std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  ADD_FAILURE() << "no exception thrown";
  return {};
}

TEST(RuntimeTypes, ErrorsAreTheTypedPathsBeforeAnyLaunch) {
  const cupp::array f(shaped<float>({3})), g(shaped<float>({4})), i8(shaped<std::int8_t>({3}));
  // NumPy: TypeError: ufunc 'bitwise_and' not supported for the input types ...
  const std::string typed_bitwise =
      message_of<cupp::type_error>([] { (void)(shaped<float>({3}) & shaped<float>({3})); });
  EXPECT_EQ(message_of<cupp::type_error>([&] { (void)(f & f); }), typed_bitwise);
  EXPECT_NE(typed_bitwise.find("bitwise_and"), std::string::npos);
  EXPECT_EQ(message_of<cupp::type_error>([&] { (void)cupp::invert(f); }),
            message_of<cupp::type_error>([] { (void)cupp::invert(shaped<float>({3})); }));
  // Shapes that do not broadcast.
  EXPECT_EQ(
      message_of<cupp::broadcast_error>([&] { (void)(f + g); }),
      message_of<cupp::broadcast_error>([] { (void)(shaped<float>({3}) + shaped<float>({4})); }));
  // NumPy 2: OverflowError: Python integer 1000 out of bounds for int8.
  EXPECT_EQ(message_of<cupp::overflow_error>([&] { (void)(i8 + 1000); }),
            message_of<cupp::overflow_error>([] { (void)(shaped<std::int8_t>({3}) + 1000); }));
  EXPECT_THROW((void)(cupp::array(shaped<std::uint8_t>({2})) * -1), cupp::overflow_error);
  // In-place results must cast under same_kind: int32 += 1.5 is NumPy's UFuncTypeError.
  cupp::array ints(shaped<std::int32_t>({3}));
  auto typed_ints = shaped<std::int32_t>({3});
  EXPECT_EQ(message_of<cupp::type_error>([&] { ints += 1.5; }),
            message_of<cupp::type_error>([&] { typed_ints += 1.5; }));
  // out= of the wrong shape.
  cupp::array out3(shaped<double>({3}));
  EXPECT_EQ(message_of<cupp::value_error>(
                [&] { (void)cupp::add(f, f, cupp::array(shaped<double>({2}))); }),
            message_of<cupp::value_error>([] {
              (void)cupp::add(shaped<float>({3}), shaped<float>({3}), shaped<double>({2}));
            }));
  // Checked conversions.
  const cupp::array d(shaped<double>({1}));
  EXPECT_EQ(message_of<cupp::type_error>([&] { (void)d.get<int>(); }),
            "Cannot cast array data from dtype('float64') to dtype('int32') according to the "
            "rule 'safe'");
  EXPECT_THROW((void)d.item<float>(cupp::casting::no), cupp::type_error);  // float64 -> float32
  EXPECT_THROW((void)f.item<float>(), cupp::value_error);                  // size 3
  EXPECT_EQ(
      message_of<cupp::type_error>([&] { (void)d.astype(dtype::int32, cupp::casting::safe); }),
      "Cannot cast array data from dtype('float64') to dtype('int32') according to the "
      "rule 'safe'");
  // Reductions: no identity for zero elements, bad axes.
  const cupp::array none(shaped<std::int16_t>({0}));
  EXPECT_EQ(message_of<cupp::value_error>([&] { (void)cupp::max(none); }),
            "zero-size array to reduction operation maximum which has no identity");
  EXPECT_THROW((void)cupp::argmin(none), cupp::value_error);
  EXPECT_THROW((void)cupp::sum(f, 1), cupp::axis_error);
  EXPECT_THROW((void)cupp::mean(f, {0, 0}), cupp::value_error);
  // Products check their shapes before converting an operand.
  const cupp::array m23(shaped<std::int16_t>({2, 3})), m45(shaped<float>({4, 5}));
  EXPECT_EQ(message_of<cupp::value_error>([&] { (void)cupp::matmul(m23, m45); }),
            message_of<cupp::value_error>([] {
              (void)cupp::matmul(shaped<std::int16_t>({2, 3}), shaped<float>({4, 5}));
            }));
  EXPECT_EQ(message_of<cupp::value_error>([&] { (void)cupp::dot(m23, m45); }),
            "shapes (2,3) and (4,5) not aligned: 3 (dim 1) != 4 (dim 0)");
}

TEST(RuntimeTypes, ViewsNeedNoDevice) {
  const cupp::array a(shaped<std::int32_t>({2, 3, 4}, 0x1000));
  EXPECT_EQ(a.T().shape(), (shape_t{4, 3, 2}));
  EXPECT_EQ(a.transpose({1, 0, 2}).strides(), (cupp::strides_t{4, 12, 1}));
  EXPECT_EQ(a.swapaxes(0, 2).shape(), (shape_t{4, 3, 2}));
  EXPECT_EQ(a.reshape({6, -1}).shape(), (shape_t{6, 4}));
  EXPECT_EQ(a.ravel().shape(), (shape_t{24}));
  EXPECT_EQ(a(1, cupp::slice(0, 3, 2)).shape(), (shape_t{2, 4}));
  EXPECT_EQ(a(1, cupp::slice(0, 3, 2)).data(),
            static_cast<void*>(reinterpret_cast<char*>(0x1000) + 12 * 4));
  EXPECT_EQ(a["::-1, 0"].shape(), (shape_t{2, 4}));
  EXPECT_EQ(a(cupp::ellipsis, cupp::newaxis).shape(), (shape_t{2, 3, 4, 1}));
  EXPECT_EQ(a(0, 0, 0).ndim(), 0);
  EXPECT_EQ(a(1).dtype(), dtype::int32);
  EXPECT_EQ(a.view(dtype::float32).dtype(), dtype::float32);
  EXPECT_EQ(a.reshape({1, 24, 1}).squeeze().shape(), (shape_t{24}));
  EXPECT_EQ(a.shape(-1), 4);
  EXPECT_THROW((void)a(2), cupp::index_error);
  EXPECT_THROW((void)a.reshape({5, 5}), cupp::value_error);
}

}  // namespace
