// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Vector and matrix norms (numpy.linalg.norm) and condition numbers (numpy.linalg.cond). The
// elementwise norms are fused reductions; the spectral and nuclear norms and the 2-norm
// condition number take singular values from svdvals, the others an inverse from inv.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/expr/ufuncs.hpp"
#include "cupp/linalg/common.hpp"
#include "cupp/routines/reduction.hpp"

// Note [Optional linalg headers]: svdvals (decompositions.hpp) and inv (solve.hpp) are written
// beside this file; until they are in the tree, the norms and condition numbers that need them
// throw not_implemented_error instead of failing to compile.
#if __has_include("cupp/linalg/decompositions.hpp")
#include "cupp/linalg/decompositions.hpp"
#define CUPP_LINALG_HAS_SVDVALS 1
#else
#define CUPP_LINALG_HAS_SVDVALS 0
#endif
#if __has_include("cupp/linalg/solve.hpp")
#include "cupp/linalg/solve.hpp"
#define CUPP_LINALG_HAS_INV 1
#else
#define CUPP_LINALG_HAS_INV 0
#endif

namespace cupp::linalg {

/// NumPy's `ord` argument of norm and cond: None (the default, or std::nullopt), a number
/// (including INFINITY and -INFINITY) or a name ("fro", "f" or "nuc").
///
///     linalg::norm(x);  linalg::norm(x, 1);  linalg::norm(x, -INFINITY);  linalg::norm(m, "nuc");
class norm_ord {
 public:
  norm_ord() = default;
  /// None, as NumPy's ord=None (the default).
  norm_ord(std::nullopt_t) {}  // NOLINT: implicit, as NumPy's ord=None
  /// A number `p`, INFINITY and -INFINITY included.
  template <class N, std::enable_if_t<std::is_arithmetic_v<N> && !std::is_same_v<N, bool>, int> = 0>
  norm_ord(N p) : kind_(kind::number), value_(static_cast<double>(p)) {}  // NOLINT
  /// A name: "fro", "f" or "nuc" (checked by norm and cond).
  norm_ord(const char* name) : kind_(kind::name), name_(name) {}          // NOLINT
  /// A name, from a std::string.
  norm_ord(std::string name) : kind_(kind::name), name_(std::move(name)) {}  // NOLINT

  /// Whether this is None.
  bool is_none() const noexcept { return kind_ == kind::none; }
  /// Whether this is a number (value()).
  bool is_number() const noexcept { return kind_ == kind::number; }
  /// Whether this is a name (name()).
  bool is_name() const noexcept { return kind_ == kind::name; }
  /// The number (is_number() only).
  double value() const noexcept { return value_; }
  /// The name (is_name() only).
  const std::string& name() const noexcept { return name_; }
  /// Whether this is the number `p` (never true for None or a name), as NumPy's `ord == p`.
  bool operator==(double p) const noexcept { return is_number() && value_ == p; }

 private:
  enum class kind : std::uint8_t { none, number, name };
  kind kind_ = kind::none;
  double value_ = 0;
  std::string name_;
};

namespace detail {

/// Which norm numpy.linalg.norm computes for an ord and axes.
enum class norm_kind : std::uint8_t {
  flat_2,        // the 2-norm of the flattened array (NumPy's fast path)
  vector_max,    // ord=inf: max(abs(x))
  vector_min,    // ord=-inf: min(abs(x))
  vector_count,  // ord=0: the number of nonzero elements
  vector_sum,    // ord=1: sum(abs(x))
  vector_2,      // ord=None or 2: sqrt(sum(|x|^2))
  vector_p,      // other ord: sum(abs(x)**ord)**(1/ord)
  matrix_1,      // max over columns of the column sums of abs(x)
  matrix_m1,     // min of the same
  matrix_inf,    // max over rows of the row sums of abs(x)
  matrix_minf,   // min of the same
  matrix_fro,    // sqrt(sum(|x|^2)) over both axes
  matrix_nuc,    // sum of the singular values
  matrix_2,      // the largest singular value
  matrix_m2,     // the smallest singular value
};

/// The norm to compute: its kind, the normalised axes (one for a vector norm, row then column
/// for a matrix norm; none for flat_2) and, for vector_p, the order.
struct norm_plan {
  norm_kind kind = norm_kind::flat_2;
  std::vector<std::int64_t> axes;
  double p = 2;
};

/// numpy.linalg.norm's choice of norm and its argument checks, in NumPy's words: value_error
/// "Invalid norm order 'fro' for vectors", "Invalid norm order for matrices.", "Improper number
/// of dimensions to norm.", "Duplicate axes given." and axis_error.
norm_plan plan_norm(std::int64_t ndim, const norm_ord& ord, const axis_arg& axis);

/// `shape` with the axes of `plan` set to 1 (keepdims of a matrix norm).
shape_t norm_keepdims_shape(const shape_t& shape, const norm_plan& plan);
/// The permutation that moves plan.axes (row, column) last, the other axes in order.
std::vector<std::int64_t> norm_matrix_last(std::int64_t ndim, const norm_plan& plan);

/// numpy.linalg.cond's check: linalg_error "cond is not defined on empty arrays".
void check_cond_not_empty(const array_desc& a);

[[noreturn]] void throw_needs(const char* what);

/// |x|^2 elementwise, as NumPy forms it ((x.conj() * x).real for complex).
template <class L>
auto abs_squared(const ndarray<L>& a) {
  if constexpr (is_complex(dtype_of<L>))
    return real(multiply(conj(a), a));
  else
    return multiply(a, a);
}

/// The singular values of each matrix of `a` (descending).
template <class L>
ndarray<real_t<L>> singular_values(const ndarray<L>& a) {
#if CUPP_LINALG_HAS_SVDVALS
  return linalg::svdvals(a);
#else
  (void)a;
  throw_needs("svdvals (cupp/linalg/decompositions.hpp)");
#endif
}

/// The norm of `a` (in linalg's dtype) that `plan` names.
template <class L>
ndarray<real_t<L>> norm_of(const ndarray<L>& a, const norm_plan& plan, bool keepdims) {
  using R = real_t<L>;
  const auto& axes = plan.axes;
  switch (plan.kind) {
    case norm_kind::flat_2:
      return ndarray<R>(sqrt(cupp::sum(abs_squared(a), axis_arg{}, keepdims)));
    case norm_kind::vector_max: return cupp::max(abs(a), axes[0], keepdims);
    case norm_kind::vector_min: return cupp::min(abs(a), axes[0], keepdims);
    case norm_kind::vector_count:
      return cupp::sum<R>(not_equal(a, L(0)), axes[0], keepdims);
    case norm_kind::vector_sum: return cupp::sum(abs(a), axes[0], keepdims);
    case norm_kind::vector_2:
      return ndarray<R>(sqrt(cupp::sum(abs_squared(a), axes[0], keepdims)));
    case norm_kind::vector_p: {
      const ndarray<R> s =
          cupp::sum(power(abs(a), static_cast<R>(plan.p)), axes[0], keepdims);
      return ndarray<R>(power(s, R(1) / static_cast<R>(plan.p)));
    }
    case norm_kind::matrix_fro:
      return ndarray<R>(
          sqrt(cupp::sum(abs_squared(a), std::vector<std::int64_t>{axes[0], axes[1]}, keepdims)));
    default: break;
  }
  ndarray<R> r;
  switch (plan.kind) {
    // The reductions keep their axes, so that neither index shifts; squeezed below.
    case norm_kind::matrix_1:
      r = cupp::max(cupp::sum(abs(a), axes[0], true), axes[1], true);
      break;
    case norm_kind::matrix_m1:
      r = cupp::min(cupp::sum(abs(a), axes[0], true), axes[1], true);
      break;
    case norm_kind::matrix_inf:
      r = cupp::max(cupp::sum(abs(a), axes[1], true), axes[0], true);
      break;
    case norm_kind::matrix_minf:
      r = cupp::min(cupp::sum(abs(a), axes[1], true), axes[0], true);
      break;
    default: {  // matrix_nuc, matrix_2, matrix_m2: from the singular values
      const ndarray<R> s = singular_values(a.transpose(norm_matrix_last(a.ndim(), plan)));
      if (plan.kind == norm_kind::matrix_nuc)
        r = cupp::sum(s, -1);
      else if (plan.kind == norm_kind::matrix_2)
        r = cupp::max(s, -1);
      else
        r = cupp::min(s, -1);
      return keepdims ? r.reshape(norm_keepdims_shape(a.shape(), plan)) : r;
    }
  }
  return keepdims ? r : r.squeeze(std::vector<std::int64_t>{axes[0], axes[1]});
}

}  // namespace detail

/// numpy.linalg.norm: one of eight matrix norms or infinitely many vector norms, by `ord`:
///
///     ord        matrix norm (2 axes)            vector norm (1 axis)
///     None       Frobenius                       2-norm
///     "fro"      Frobenius                       -
///     "nuc"      nuclear (sum of singular values) -
///     INFINITY   max(sum(abs(x), axis=1))        max(abs(x))
///     -INFINITY  min(sum(abs(x), axis=1))        min(abs(x))
///     0          -                               count of nonzero elements
///     1          max(sum(abs(x), axis=0))        sum(abs(x))
///     -1         min(sum(abs(x), axis=0))        as below
///     2          largest singular value          2-norm
///     -2         smallest singular value         as below
///     other      -                               sum(abs(x)**ord)**(1./ord)
///
/// `axis` as NumPy's: omitted (None) for the whole array (a vector norm of a 1-D array, a matrix
/// norm of a 2-D one; ord=None is the 2-norm of the flattened array of any shape), one axis for
/// vector norms, two ({-2, -1}) for matrix norms, the other axes batched. `keepdims` keeps the
/// normed axes with length 1. The result is real: float32 for float32 and complex64, float64 for
/// the others (integers and bool are converted to float64 first, as NumPy; float16 is refused).
/// Errors in NumPy's words: value_error "Invalid norm order 'fro' for vectors", "Invalid norm
/// order for matrices.", "Improper number of dimensions to norm.", "Duplicate axes given." and
/// axis_error; an empty max or min is value_error, as NumPy's.
template <class T>
ndarray<detail::real_t<detail::linalg_t<T>>> norm(const ndarray<T>& x, const norm_ord& ord = {},
                                                  const axis_arg& axis = {},
                                                  bool keepdims = false) {
  const detail::norm_plan plan = detail::plan_norm(x.ndim(), ord, axis);
  return detail::norm_of(detail::as_linalg(x), plan, keepdims);
}

/// numpy.linalg.cond: the condition number of each matrix of the stack `x` (..., M, N) in the
/// norm `p`: for None, 2 and -2 the ratio of the largest and smallest singular values (the other
/// way round for -2), any shape; for the other orders of norm ("fro", "nuc", INFINITY,
/// -INFINITY, 1, -1) norm(x) * norm(inv(x)), square matrices only. As NumPy, a singular matrix
/// gives inf rather than an error (a matrix holding NaN gives NaN). The result has the batch
/// shape (0-d for one matrix; NumPy returns a scalar) and norm's dtype. Throws linalg_error "cond
/// is not defined on empty arrays", "%d-dimensional array given. Array must be at least
/// two-dimensional" and "Last 2 dimensions of the array must be square".
template <class T>
ndarray<detail::real_t<detail::linalg_t<T>>> cond(const ndarray<T>& x,
                                                  std::optional<norm_ord> p = std::nullopt) {
  using L = detail::linalg_t<T>;
  using R = detail::real_t<L>;
  detail::check_cond_not_empty(x.desc());
  const bool singular_route = !p || p->is_none() || *p == 2 || *p == -2;
  if (singular_route)
    detail::check_stacked_2d(x.desc());
  else
    detail::check_stacked_square(x.desc());
  const ndarray<L> a = detail::as_linalg(x);
  ndarray<R> r;
  if (singular_route) {
    const ndarray<R> s = detail::singular_values(a);
    const ndarray<R> first = s(ellipsis, 0), last = s(ellipsis, -1);
    r = (p && *p == -2) ? ndarray<R>(divide(last, first)) : ndarray<R>(divide(first, last));
  } else {
#if CUPP_LINALG_HAS_INV
    ndarray<L> inverse;
    {
      const errstate quiet(on_error::ignore);  // a singular matrix's inverse is NaN: cond inf
      inverse = inv(a);
    }
    const axis_arg both{-2, -1};
    r = ndarray<R>(multiply(norm(a, *p, both), norm(inverse, *p, both)));
#else
    detail::throw_needs("inv (cupp/linalg/solve.hpp)");
#endif
  }
  // NaN (a singular matrix) becomes inf, unless the matrix held a NaN itself.
  const ndarray<bool> had_nan = cupp::any(isnan(a), axis_arg{-2, -1});
  return ndarray<R>(where(logical_and(isnan(r), logical_not(had_nan)), R(INFINITY), r));
}

}  // namespace cupp::linalg

#undef CUPP_LINALG_HAS_SVDVALS
#undef CUPP_LINALG_HAS_INV
