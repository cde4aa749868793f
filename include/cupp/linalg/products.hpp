// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// NumPy's products beside matmul: dot, vdot, inner, outer, tensordot, einsum, kron, trace,
// linalg::multi_dot and linalg::matrix_power. Each contraction is reshaped and transposed (views
// where the layout allows) into one cupp::matmul, so one cuBLAS GEMM; outer and kron are one
// broadcast multiply, trace a strided diagonal view and one sum. The shape logic is dtype-free
// and compiled once in src/linalg/products.cpp and src/linalg/einsum.cpp.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/core/promotion.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/expr/ufuncs.hpp"
#include "cupp/linalg/common.hpp"
#include "cupp/linalg/matmul.hpp"
#include "cupp/routines/creation.hpp"
#include "cupp/routines/reduction.hpp"

#if __has_include("cupp/linalg/solve.hpp")
#include "cupp/linalg/solve.hpp"
#define CUPP_PRODUCTS_HAVE_INV 1
#else
#define CUPP_PRODUCTS_HAVE_INV 0
#endif

namespace cupp {

namespace detail {

/// NumPy's spelling of a shape inside its error messages: "(2,3)", "(3,)", "()".
std::string compact_shape_str(const shape_t& shape);

/// The shape of dot(a, b) for operands of at least one dimension, with NumPy's check: value_error
/// "shapes (2,3) and (4,5) not aligned: 3 (dim 1) != 4 (dim 0)".
shape_t dot_shape(const shape_t& a, const shape_t& b);
/// dot of two arrays of one dtype and at least one dimension each: one matmul of `a` seen as
/// (M, K) and `b` seen as (K, N) (a copy of `b` only when it has more than two dimensions).
array_desc dot(const array_desc& a, const array_desc& b);

/// The shape of inner(a, b) for operands of at least one dimension, with NumPy's check (the
/// message of dot(a, swapaxes(b, -1, -2))).
shape_t inner_shape(const shape_t& a, const shape_t& b);
/// inner of two arrays of one dtype and at least one dimension each: one matmul of (M, K) and
/// the transposed view of (N, K).
array_desc inner(const array_desc& a, const array_desc& b);

/// vdot's check: value_error "vectors have different lengths".
void check_vdot(std::int64_t size_a, std::int64_t size_b);

/// The summed axes of tensordot: axes_a of `a` against axes_b of `b`.
struct tensordot_axes {
  std::vector<std::int64_t> a, b;
};
/// tensordot's integer form: the last n axes of a against the first n of b.
tensordot_axes tensordot_last_first(std::int64_t n);
/// How tensordot lays out its one matmul: `a` transposed by perm_a and reshaped to a2, `b` by
/// perm_b to b2, the (a2[0], b2[1]) product reshaped to `out`.
struct tensordot_plan {
  std::vector<std::int64_t> perm_a, perm_b;
  shape_t a2, b2, out;
};
/// Plans tensordot with NumPy's checks: value_error "shape-mismatch for sum" (lengths or sizes
/// that differ), axis_error for an axis out of range.
tensordot_plan plan_tensordot(const shape_t& a, const shape_t& b, const tensordot_axes& axes);
array_desc tensordot(const array_desc& a, const array_desc& b, const tensordot_plan& plan);

/// einsum's subscripts, parsed against the operands' shapes. Letters are labelled by their ASCII
/// code; the broadcast dimensions of an ellipsis by -1 (the last), -2, ... (right-aligned across
/// operands, as NumPy aligns them).
struct einsum_spec {
  std::vector<std::vector<int>> labels;  // per operand, one label per axis (repeats allowed)
  std::vector<int> output;               // the output's labels, in order
  shape_t out_shape;
};
/// Parses `subscripts` (NumPy's grammar: "ij,jk->ik", implicit output, "...", spaces) with
/// NumPy's checks and messages (value_error; broadcast_error for sizes that do not broadcast).
einsum_spec parse_einsum(const std::string& subscripts, const std::vector<shape_t>& shapes);
/// einsum of operands of one dtype (Note [Einsum plan] in src/linalg/einsum.cpp).
array_desc einsum(const std::string& subscripts, const std::vector<array_desc>& operands);

/// NumPy's diagonal(a, offset, axis1, axis2) as a view: the two axes removed, the diagonal
/// appended last. Throws value_error "diag requires an array of at least two dimensions" and
/// "axis1 and axis2 cannot be the same", axis_error "axis1: axis 3 is out of bounds for array of
/// dimension 2".
array_desc diagonal_view(const array_desc& a, std::int64_t offset, std::int64_t axis1,
                         std::int64_t axis2);

/// The cheapest parenthesisation of a chain of matrices of shapes (p[0], p[1]), (p[1], p[2]),
/// ...: split[i][j] is the k at which the product A_i..A_j is split (NumPy's
/// _multi_dot_matrix_chain_order, ties going to the first k).
std::vector<std::vector<std::int64_t>> matrix_chain_order(const std::vector<std::int64_t>& p);

/// The element type of combining every T: NumPy's result_type(*arrays).
template <class T, class... Rest>
struct promote_all {
  using type = T;
};
template <class A, class B, class... Rest>
struct promote_all<A, B, Rest...> {
  using type = typename promote_all<promote_t<A, B>, Rest...>::type;
};
template <class... T>
using promote_all_t = typename promote_all<T...>::type;

/// The operands of a product in their common dtype R, shapes unchanged.
template <class R, class T>
array_desc desc_as(const ndarray<T>& a) {
  return linalg::detail::as_dtype<R>(a).desc();
}

}  // namespace detail

/// numpy.dot. A 0-d operand multiplies elementwise; two 1-D operands give their inner product
/// (a 0-d array); two 2-D operands their matrix product; an N-D `a` and a 1-D `b` the sum over
/// the last axis of `a`; an N-D `a` and an M-D `b` (M >= 2) the sum over the last axis of `a` and
/// the second-to-last of `b`, of shape a.shape[:-1] + b.shape[:-2] + b.shape[-1:] (not matmul's
/// broadcasting). One GEMM; the dtype is NumPy's promotion. Throws value_error "shapes (2,3) and
/// (4,5) not aligned: 3 (dim 1) != 4 (dim 0)".
template <class A, class B>
ndarray<promote_t<A, B>> dot(const ndarray<A>& a, const ndarray<B>& b) {
  using R = promote_t<A, B>;
  if (a.ndim() == 0 || b.ndim() == 0) return ndarray<R>(multiply(a, b));
  (void)detail::dot_shape(a.shape(), b.shape());  // check before converting
  return ndarray<R>(detail::dot(detail::desc_as<R>(a), detail::desc_as<R>(b)));
}

/// numpy.vdot: the dot product of the flattened arrays, conjugating the first for complex
/// dtypes; a 0-d array. Throws value_error "vectors have different lengths" when the sizes
/// differ.
template <class A, class B>
ndarray<promote_t<A, B>> vdot(const ndarray<A>& a, const ndarray<B>& b) {
  using R = promote_t<A, B>;
  detail::check_vdot(a.size(), b.size());
  const ndarray<R> fa = linalg::detail::as_dtype<R>(a).reshape({-1});
  const ndarray<R> fb = linalg::detail::as_dtype<R>(b).reshape({-1});
  if constexpr (is_complex(dtype_of<R>)) {
    // One fused map-reduce kernel: conj(a) * b summed, no conjugated copy of `a`.
    return sum<R>(multiply(conj(fa), fb));
  } else {
    return ndarray<R>(detail::matmul(fa.desc(), fb.desc()));
  }
}

/// numpy.inner: the sum over the last axes, of shape a.shape[:-1] + b.shape[:-1]; a 0-d operand
/// multiplies elementwise. No conjugation. One GEMM.
template <class A, class B>
ndarray<promote_t<A, B>> inner(const ndarray<A>& a, const ndarray<B>& b) {
  using R = promote_t<A, B>;
  if (a.ndim() == 0 || b.ndim() == 0) return ndarray<R>(multiply(a, b));
  (void)detail::inner_shape(a.shape(), b.shape());
  return ndarray<R>(detail::inner(detail::desc_as<R>(a), detail::desc_as<R>(b)));
}

/// numpy.outer: out[i, j] = a.ravel()[i] * b.ravel()[j], of shape (a.size, b.size). One
/// broadcast multiply (no GEMM).
template <class A, class B>
ndarray<promote_t<A, B>> outer(const ndarray<A>& a, const ndarray<B>& b) {
  using R = promote_t<A, B>;
  return ndarray<R>(multiply(a.reshape({-1, 1}), b.reshape({1, -1})));
}

/// numpy.tensordot(a, b, axes=n): the sum over the last n axes of `a` and the first n of `b`.
/// One GEMM of `a` and `b` transposed and reshaped to matrices. Throws value_error
/// "shape-mismatch for sum".
template <class A, class B>
ndarray<promote_t<A, B>> tensordot(const ndarray<A>& a, const ndarray<B>& b,
                                   std::int64_t axes = 2) {
  using R = promote_t<A, B>;
  const detail::tensordot_plan plan =
      detail::plan_tensordot(a.shape(), b.shape(), detail::tensordot_last_first(axes));
  return ndarray<R>(detail::tensordot(detail::desc_as<R>(a), detail::desc_as<R>(b), plan));
}

/// numpy.tensordot(a, b, axes=(axes_a, axes_b)): the sum over axes_a of `a` against axes_b of
/// `b` (negative axes count from the end); the result's axes are the remaining axes of `a`, then
/// those of `b`.
template <class A, class B>
ndarray<promote_t<A, B>> tensordot(const ndarray<A>& a, const ndarray<B>& b,
                                   const std::vector<std::int64_t>& axes_a,
                                   const std::vector<std::int64_t>& axes_b) {
  using R = promote_t<A, B>;
  const detail::tensordot_plan plan =
      detail::plan_tensordot(a.shape(), b.shape(), detail::tensordot_axes{axes_a, axes_b});
  return ndarray<R>(detail::tensordot(detail::desc_as<R>(a), detail::desc_as<R>(b), plan));
}

/// numpy.einsum(subscripts, *operands) (optimize=False): NumPy's subscript grammar, with the
/// implicit output (labels seen once, in alphabetical order, after the broadcast dimensions),
/// "..." broadcasting, repeated labels within an operand taking diagonals ("ii->i", "ii" is the
/// trace) and labels missing from the output summed. The dtype is the promotion of all operands
/// (bool sums are any-of-and, integers wrap, as NumPy). One operand: diagonal views, one
/// reduction, and a view when nothing is summed (as NumPy returns one). Two operands: one
/// batched GEMM (or one broadcast multiply when nothing is contracted). More operands are
/// contracted pairwise, left to right (NumPy's optimize=False order; no path search).
template <class... T>
ndarray<detail::promote_all_t<T...>> einsum(const std::string& subscripts,
                                            const ndarray<T>&... operands) {
  static_assert(sizeof...(T) >= 1, "einsum needs at least one operand");
  using R = detail::promote_all_t<T...>;
  (void)detail::parse_einsum(subscripts, {operands.shape()...});  // check before converting
  return ndarray<R>(detail::einsum(subscripts, {detail::desc_as<R>(operands)...}));
}

/// numpy.kron: the Kronecker product, of shape a.shape * b.shape (the shorter shape padded with
/// leading ones). One broadcast multiply into the interleaved shape, then a reshape (a view).
template <class A, class B>
ndarray<promote_t<A, B>> kron(const ndarray<A>& a, const ndarray<B>& b) {
  using R = promote_t<A, B>;
  const std::int64_t nd = std::max(a.ndim(), b.ndim());
  shape_t sa(static_cast<std::size_t>(nd), 1), sb(static_cast<std::size_t>(nd), 1);
  std::copy(a.shape().begin(), a.shape().end(), sa.end() - a.ndim());
  std::copy(b.shape().begin(), b.shape().end(), sb.end() - b.ndim());
  shape_t wa, wb, out;  // a as (a0, 1, a1, 1, ...), b as (1, b0, 1, b1, ...)
  for (std::size_t i = 0; i < sa.size(); ++i) {
    wa.insert(wa.end(), {sa[i], 1});
    wb.insert(wb.end(), {1, sb[i]});
    out.push_back(sa[i] * sb[i]);
  }
  const ndarray<R> product(multiply(a.reshape(wa), b.reshape(wb)));
  return product.reshape(out);
}

/// numpy.trace(a, offset, axis1, axis2): the sum along the diagonal of the (axis1, axis2)
/// planes, the other axes kept. A strided view and one sum, so the dtype is sum's: int64 for bool
/// and signed integers, uint64 for unsigned ones. Throws value_error for fewer than two
/// dimensions or equal axes, axis_error for an axis out of range.
template <class T>
auto trace(const ndarray<T>& a, std::int64_t offset = 0, std::int64_t axis1 = 0,
           std::int64_t axis2 = 1) {
  const ndarray<T> d(detail::diagonal_view(a.desc(), offset, axis1, axis2));
  return sum(d, -1);
}

namespace linalg {

namespace detail {
/// The product of arrays[i..j] in the order `split` gives.
template <class T>
ndarray<T> chain_product(const std::vector<ndarray<T>>& arrays,
                         const std::vector<std::vector<std::int64_t>>& split, std::size_t i,
                         std::size_t j) {
  if (i == j) return arrays[i];
  const auto k = static_cast<std::size_t>(split[i][j]);
  return cupp::dot(chain_product(arrays, split, i, k), chain_product(arrays, split, k + 1, j));
}
/// NumPy's _assert_2d: linalg_error "3-dimensional array given. Array must be two-dimensional".
void check_2d(const cupp::detail::array_desc& a);
}  // namespace detail

/// numpy.linalg.multi_dot: dot of two or more arrays in the cheapest order (NumPy's matrix-chain
/// dynamic programme over the shapes, evaluated on the host). The first array may be 1-D (a row
/// vector) and the last 1-D (a column vector); their axes are removed from the result (both:
/// a 0-d array). The others must be 2-D. Two arrays are plain dot(a, b), as in NumPy. Throws
/// value_error "Expecting at least two arrays." and linalg_error "3-dimensional array given.
/// Array must be two-dimensional".
template <class T>
ndarray<T> multi_dot(std::vector<ndarray<T>> arrays) {
  const std::size_t n = arrays.size();
  CUPP_EXPECTS(n >= 2, value_error, "Expecting at least two arrays.");
  if (n == 2) return cupp::dot(arrays[0], arrays[1]);
  const bool row = arrays[0].ndim() == 1, column = arrays[n - 1].ndim() == 1;
  if (row) arrays[0] = arrays[0].reshape({1, -1});
  if (column) arrays[n - 1] = arrays[n - 1].reshape({-1, 1});
  for (const auto& a : arrays) detail::check_2d(a.desc());
  std::vector<std::int64_t> p;
  for (const auto& a : arrays) p.push_back(a.shape(0));
  p.push_back(arrays[n - 1].shape(1));
  const ndarray<T> result = [&] {
    if (n == 3) {  // NumPy's _multi_dot_three: the same choice, without the table
      const std::int64_t cost1 = p[0] * p[2] * (p[1] + p[3]);
      const std::int64_t cost2 = p[1] * p[3] * (p[0] + p[2]);
      return cost1 < cost2 ? cupp::dot(cupp::dot(arrays[0], arrays[1]), arrays[2])
                           : cupp::dot(arrays[0], cupp::dot(arrays[1], arrays[2]));
    }
    return detail::chain_product(arrays, cupp::detail::matrix_chain_order(p), 0, n - 1);
  }();
  if (row && column) return result.reshape({});
  if (row || column) return result.reshape({-1});
  return result;
}

/// multi_dot of arrays of several dtypes, in their common dtype.
template <class A, class B, class... Rest>
ndarray<cupp::detail::promote_all_t<A, B, Rest...>> multi_dot(const ndarray<A>& a,
                                                              const ndarray<B>& b,
                                                              const ndarray<Rest>&... rest) {
  using R = cupp::detail::promote_all_t<A, B, Rest...>;
  return multi_dot(std::vector<ndarray<R>>{linalg::detail::as_dtype<R>(a),
                                           linalg::detail::as_dtype<R>(b),
                                           linalg::detail::as_dtype<R>(rest)...});
}

/// numpy.linalg.matrix_power: a square matrix (or a stack of them) to the integer power n, by
/// NumPy's repeated squaring (at most 2 log2(n) matmuls); n = 0 gives identity matrices of a's
/// dtype, n = 1 returns `a` itself (no copy, as NumPy). A negative n inverts first
/// (linalg::inv) and needs a float or complex dtype here: NumPy would return float64 for an
/// integer matrix, a dtype that C++ cannot choose at run time, so for bool and integer dtypes a
/// negative n is a type_error (convert with astype<double>() first). Throws linalg_error
/// "%d-dimensional array given. Array must be at least two-dimensional" and "Last 2 dimensions
/// of the array must be square".
template <class T>
ndarray<T> matrix_power(const ndarray<T>& a, std::int64_t n) {
  detail::check_stacked_square(a.desc());
  if (n == 0) {
    ndarray<T> out(a.shape());
    if (out.size() > 0) out(ellipsis) = cupp::eye<T>(a.shape(-1));
    return out;
  }
  ndarray<T> base = a;
  if (n < 0) {
    if constexpr (std::is_floating_point_v<T> || is_complex(dtype_of<T>)) {
#if CUPP_PRODUCTS_HAVE_INV
      base = detail::as_dtype<T>(linalg::inv(a));
#else
      throw not_implemented_error("matrix_power: negative powers need linalg::inv");
#endif
    } else {
      throw type_error(std::string("matrix_power: a negative power of a ") +
                       dtype_name(dtype_of<T>) +
                       " matrix is float64 in NumPy; convert with astype<double>() first");
    }
    n = -n;
  }
  if (n == 1) return base;
  if (n <= 3) {
    ndarray<T> result = cupp::matmul(base, base);
    if (n == 3) result = cupp::matmul(result, base);
    return result;
  }
  // NumPy's binary decomposition: z runs through base^(2^k), result gathers the set bits.
  std::optional<ndarray<T>> z, result;
  while (n > 0) {
    z = z ? cupp::matmul(*z, *z) : base;
    const bool bit = (n % 2) != 0;
    n /= 2;
    if (bit) result = result ? cupp::matmul(*result, *z) : *z;
  }
  return *result;
}

}  // namespace linalg

/// linalg::multi_dot, also reachable as cupp::multi_dot.
using linalg::multi_dot;

template <class T>
template <class U>
auto ndarray<T>::dot(const ndarray<U>& b) const {
  return cupp::dot(*this, b);
}

}  // namespace cupp
