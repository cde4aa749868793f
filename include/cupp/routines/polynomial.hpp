// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// NumPy's legacy polynomial API (numpy.poly1d, polyval, polyfit, roots, ...) and the power-series
// helpers of numpy.polynomial.polynomial that CuPy has, on ndarray coefficients (highest power
// first for the legacy names, lowest first in cupp::polynomial::polynomial, as NumPy).
//
// Note [Polynomial coefficients on the host]: a coefficient vector is a handful of numbers, so
// the coefficient arithmetic (polyadd, polymul, polydiv, polyder, polyint, poly, trimming) reads
// them to the host (one synchronisation), computes in complex double in src/polynomial/, and
// returns a new device array of NumPy's dtype. Work that grows with the data runs on the device:
// polyval is one elementwise Horner kernel over x with the coefficients as a small device array,
// roots are the eigenvalues of the companion matrix (linalg::eigvals), polyfit is a least-squares
// solve (linalg::lstsq) of the scaled Vandermonde matrix, polyvalfromroots is one fused
// map-reduce.
#pragma once

#include <complex>
#include <cstdint>
#include <limits>
#include <optional>
#include <ostream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/core/promotion.hpp"
#include "cupp/jit/elementwise_kernel.hpp"
#include "cupp/linalg/decompositions.hpp"
#include "cupp/linalg/eigen.hpp"
#include "cupp/linalg/matmul.hpp"
#include "cupp/linalg/solve.hpp"
#include "cupp/routines/creation.hpp"
#include "cupp/routines/reduction.hpp"
#include "cupp/routines/statistics.hpp"

namespace cupp {

namespace detail {

using linalg::detail::real_t;

/// Coefficients on the host (Note [Polynomial coefficients on the host]).
using poly_coeffs = std::vector<std::complex<double>>;

/// Leading zeros removed (numpy.trim_zeros(c, 'f')); all zeros (or none) give [0].
poly_coeffs poly_trim_leading(const poly_coeffs& c);
/// a + sign * b, the shorter padded with zeros in front (numpy.polyadd, polysub).
poly_coeffs poly_add_host(const poly_coeffs& a, const poly_coeffs& b, double sign);
/// The product (numpy.convolve of the coefficients); empty when either is.
poly_coeffs poly_mul_host(const poly_coeffs& a, const poly_coeffs& b);
/// numpy.polydiv's quotient and remainder (leading remainder terms within 1e-8 of zero dropped,
/// as NumPy's allclose drops them).
std::pair<poly_coeffs, poly_coeffs> poly_div_host(const poly_coeffs& u, const poly_coeffs& v);
/// The m-th derivative; throws value_error "Order of derivative must be positive (see polyint)".
poly_coeffs poly_der_host(poly_coeffs p, std::int64_t m);
void check_polyder_order(std::int64_t m);
/// The m-th antiderivative with integration constants k (none: zeros; one: repeated). Throws
/// value_error "Order of integral must be positive (see polyder)" and "k must be a scalar or a
/// rank-1 array of length 1 or >m.".
poly_coeffs poly_int_host(poly_coeffs p, std::int64_t m, const poly_coeffs& k);
/// polyint's constants for m integrations, checked as NumPy checks them.
poly_coeffs polyint_constants(std::int64_t m, const poly_coeffs& k);
/// The coefficients of prod(x - z) over the zeros z, highest power first.
poly_coeffs poly_from_zeros_host(const poly_coeffs& zeros);
/// numpy.poly1d's str(): powers raised onto the line above, wrapped at 70 columns.
std::string poly1d_str(const poly_coeffs& coeffs, const std::string& var);
/// The length of numpy.polynomial.polyutils.trimseq(c): trailing zeros dropped, one kept.
std::size_t trimseq_length(const poly_coeffs& c);

// NumPy's checks, in its words.
void check_poly_zeros_shape(const shape_t& s);  // "input must be 1d or non-empty square 2d array."
void check_roots_shape(std::int64_t ndim);      // "Input must be a rank-1 array."
void check_poly1d_shape(std::int64_t ndim);     // "Polynomial must be 1d only."
void check_poly_power(std::int64_t n);          // "Power to non-negative integers only."
/// polyfit's: value_error "expected deg >= 0"; type_error "expected 1D vector for x", "expected
/// non-empty vector for x", "expected 1D or 2D array for y", "expected x and y to have same
/// length", "expected a 1-d array for weights", "expected w and y to have the same length".
void check_polyfit(std::int64_t deg, const shape_t& x, const shape_t& y, const shape_t* w);
void check_polyfit_cov(std::int64_t points, std::int64_t order);
void check_polyvander_deg(std::int64_t deg);  // "deg must be non-negative"
void check_series(std::int64_t size,
                  std::int64_t ndim);      // "Coefficient array is empty", "... not 1-d"
void check_trimcoef_tol(double tol);       // "tol must be non-negative"
void check_polycompanion(std::int64_t n);  // "Series must have maximum degree of at least 1."

/// NumPy's `c + 0.0`: floating and complex dtypes keep theirs, bool and integers become float64.
template <class T>
using poly_float_t =
    std::conditional_t<is_floating(dtype_of<T>) || is_complex(dtype_of<T>), T, double>;
/// numpy.poly's dtype (mintypecode): float32, float64, complex64, complex128; others float64.
template <class T>
using poly_zeros_t = std::conditional_t<
    std::is_same_v<T, float> || std::is_same_v<T, double> || is_complex(dtype_of<T>), T, double>;
/// numpy.roots' dtype: the eigenvalues of the companion matrix, complex of the float type.
template <class T>
using roots_t = std::complex<real_t<linalg::detail::linalg_t<poly_float_t<T>>>>;
/// numpy.polyint's dtype: p / arange(...) and float64 constants.
template <class T>
using polyint_t = std::conditional_t<is_complex(dtype_of<T>), std::complex<double>, double>;
/// numpy.polydiv's dtype: the common float type of u + 0.0 and v + 0.0.
template <class T, class U>
using polydiv_t = promote_t<poly_float_t<T>, poly_float_t<U>>;

/// A C++ number: an arithmetic type or a std::complex.
template <class S>
struct is_poly_scalar : std::is_arithmetic<S> {};
template <class F>
struct is_poly_scalar<std::complex<F>> : std::true_type {};
template <class S>
inline constexpr bool is_poly_scalar_v = is_poly_scalar<S>::value;
template <class S>
using if_poly_scalar = std::enable_if_t<is_poly_scalar_v<S>, int>;

template <class T>
std::complex<double> to_host_complex(const T& v) {
  if constexpr (is_complex(dtype_of<T>))
    return {static_cast<double>(v.real()), static_cast<double>(v.imag())};
  else
    return {static_cast<double>(v), 0.0};
}

template <class R>
R from_host_complex(const std::complex<double>& v) {
  if constexpr (is_complex(dtype_of<R>)) {
    using F = typename R::value_type;
    return R(static_cast<F>(v.real()), static_cast<F>(v.imag()));
  } else if constexpr (std::is_same_v<R, bool>) {
    return v.real() != 0;
  } else if constexpr (std::is_integral_v<R>) {
    // Through int64 so that negative results wrap in unsigned dtypes, as NumPy's do.
    return static_cast<R>(static_cast<std::int64_t>(v.real()));
  } else {
    return R(v.real());
  }
}

/// The elements of `p` (any shape, C order) on the host.
template <class T>
poly_coeffs host_coeffs(const ndarray<T>& p) {
  poly_coeffs out;
  out.reserve(static_cast<std::size_t>(p.size()));
  for (const auto& v : p.get()) out.push_back(to_host_complex(static_cast<T>(v)));
  return out;
}

/// A new 1-D device array of dtype R (the real parts, for a real R).
template <class R>
ndarray<R> device_coeffs(const poly_coeffs& c) {
  std::vector<R> h;
  h.reserve(c.size());
  for (const auto& v : c) h.push_back(from_host_complex<R>(v));
  return asarray(h);
}

/// The Horner kernel: y = (((c0 x + c1) x + c2) ...), the coefficients a raw device array of n
/// (n >= 1), as an ElementwiseKernel's parameters, body and name.
inline constexpr const char* kPolyvalIn = "T x, raw T c, int64 n";
inline constexpr const char* kPolyvalOut = "T y";
inline constexpr const char* kPolyvalBody =
    "T acc = c[0]; for (long long k = 1; k < n; ++k) acc = acc * x + c[k]; y = acc;";
inline constexpr const char* kPolyvalName = "cupp_polyval";

template <class R>
const ElementwiseKernel<R, R, std::int64_t, R>& polyval_kernel() {
  static const ElementwiseKernel<R, R, std::int64_t, R> kernel(kPolyvalIn, kPolyvalOut,
                                                               kPolyvalBody, kPolyvalName);
  return kernel;
}

/// polyval of the coefficients `p` at every element of `x` (already of the result dtype).
template <class R, class T>
ndarray<R> polyval_of(const ndarray<T>& p, const ndarray<R>& x) {
  if (p.size() == 0) return zeros<R>(x.shape());  // numpy.polyval: zeros_like(x)
  if (x.size() == 0) return ndarray<R>(x.shape());
  const ndarray<R> c = p.ravel().template astype<R>();  // a new C-contiguous array
  return polyval_kernel<R>()(x, c, static_cast<std::int64_t>(c.size()));
}

}  // namespace detail

// ---- the legacy functions (highest power first) -------------------------------------------------

/// numpy.polyval(p, x): the polynomial with coefficients `p` (highest power first, 1-D) at each
/// element of `x` (an array or an elementwise expression, evaluated first), by Horner's rule in
/// one elementwise kernel. The dtype is numpy.result_type(p, x); integers wrap as NumPy's do.
/// An empty p gives zeros.
template <class T, class X, expr::if_operand<X> = 0>
ndarray<promote_t<T, detail::value_of<X>>> polyval(const ndarray<T>& p, const X& x) {
  using R = promote_t<T, detail::value_of<X>>;
  if constexpr (std::is_same_v<detail::value_of<X>, R>) {
    return detail::polyval_of<R>(p, detail::as_array(x));
  } else {
    return detail::polyval_of<R>(p, detail::as_array(x).template astype<R>());
  }
}
/// numpy.polyval(p, x) at a scalar x: a 0-d array (as CuPy's), of dtype result_type(p, x).
template <class T, class S, detail::if_poly_scalar<S> = 0>
ndarray<promote_t<T, S>> polyval(const ndarray<T>& p, S x) {
  using R = promote_t<T, S>;
  ndarray<R> x0(shape_t{});
  x0.fill(static_cast<R>(x));
  return detail::polyval_of<R>(p, x0);
}

/// numpy.polyadd: the sum of two polynomials (highest power first), the shorter padded with
/// zeros in front; dtype result_type(a1, a2). Reads the coefficients to the host.
template <class T, class U>
ndarray<promote_t<T, U>> polyadd(const ndarray<T>& a1, const ndarray<U>& a2) {
  detail::check_poly1d_shape(a1.ndim());
  detail::check_poly1d_shape(a2.ndim());
  return detail::device_coeffs<promote_t<T, U>>(
      detail::poly_add_host(detail::host_coeffs(a1), detail::host_coeffs(a2), 1.0));
}
/// numpy.polysub: a1 - a2, as polyadd.
template <class T, class U>
ndarray<promote_t<T, U>> polysub(const ndarray<T>& a1, const ndarray<U>& a2) {
  detail::check_poly1d_shape(a1.ndim());
  detail::check_poly1d_shape(a2.ndim());
  return detail::device_coeffs<promote_t<T, U>>(
      detail::poly_add_host(detail::host_coeffs(a1), detail::host_coeffs(a2), -1.0));
}
/// numpy.polymul: the product (leading zeros of each factor dropped first, an empty factor
/// counts as 0, as NumPy's poly1d conversion does); dtype result_type(a1, a2).
template <class T, class U>
ndarray<promote_t<T, U>> polymul(const ndarray<T>& a1, const ndarray<U>& a2) {
  detail::check_poly1d_shape(a1.ndim());
  detail::check_poly1d_shape(a2.ndim());
  return detail::device_coeffs<promote_t<T, U>>(
      detail::poly_mul_host(detail::poly_trim_leading(detail::host_coeffs(a1)),
                            detail::poly_trim_leading(detail::host_coeffs(a2))));
}

/// What numpy.polydiv returns: the quotient and the remainder.
template <class F>
struct polydiv_result {
  ndarray<F> q;  ///< the quotient
  ndarray<F> r;  ///< the remainder (leading terms within 1e-8 of zero dropped, as NumPy)
};

/// numpy.polydiv(u, v): quotient and remainder of u / v, in the common float dtype of u and v
/// (integers as float64). A zero leading coefficient of v gives inf and nan, as NumPy.
template <class T, class U>
polydiv_result<detail::polydiv_t<T, U>> polydiv(const ndarray<T>& u, const ndarray<U>& v) {
  using F = detail::polydiv_t<T, U>;
  auto [q, r] = detail::poly_div_host(detail::host_coeffs(u), detail::host_coeffs(v));
  return {detail::device_coeffs<F>(q), detail::device_coeffs<F>(r)};
}

/// numpy.polyder(p, m): the m-th derivative; dtype result_type(p, int64) (NumPy multiplies by an
/// int64 arange). Throws value_error "Order of derivative must be positive (see polyint)".
template <class T>
ndarray<promote_t<T, std::int64_t>> polyder(const ndarray<T>& p, std::int64_t m = 1) {
  detail::check_polyder_order(m);
  detail::check_poly1d_shape(p.ndim());
  return detail::device_coeffs<promote_t<T, std::int64_t>>(
      detail::poly_der_host(detail::host_coeffs(p), m));
}

/// numpy.polyint(p, m, k): the m-th antiderivative, with integration constants `k` (empty: all
/// zero; one value: used for every integration; else at least m values, the first for the first
/// integration). float64, or complex128 for complex p. Throws value_error "Order of integral must
/// be positive (see polyder)", "k must be a scalar or a rank-1 array of length 1 or >m.".
template <class T>
ndarray<detail::polyint_t<T>> polyint(const ndarray<T>& p, std::int64_t m = 1,
                                      const std::vector<double>& k = {}) {
  const detail::poly_coeffs ks(k.begin(), k.end());
  detail::polyint_constants(m, ks);
  detail::check_poly1d_shape(p.ndim());
  return detail::device_coeffs<detail::polyint_t<T>>(
      detail::poly_int_host(detail::host_coeffs(p), m, ks));
}
/// numpy.polyint with one integration constant for every integration.
template <class T>
ndarray<detail::polyint_t<T>> polyint(const ndarray<T>& p, std::int64_t m, double k) {
  return polyint(p, m, std::vector<double>{k});
}

/// numpy.poly: the coefficients (highest power first, leading 1) of the monic polynomial whose
/// roots are the elements of a 1-D `seq_of_zeros`, or the characteristic polynomial of a square
/// matrix (its eigenvalues; linalg::eigvals). float32, float64, complex64 and complex128 keep their
/// dtype, others give float64; a real matrix gives real coefficients. NumPy returns real
/// coefficients for complex zeros in conjugate pairs; a C++ function has one return type, so cupp
/// returns them complex (with zero imaginary parts). No zeros give [1]. Throws value_error "input
/// must be 1d or non-empty square 2d array.".
template <class T>
ndarray<detail::poly_zeros_t<T>> poly(const ndarray<T>& seq_of_zeros) {
  using R = detail::poly_zeros_t<T>;
  detail::check_poly_zeros_shape(seq_of_zeros.shape());
  detail::poly_coeffs zeros;
  if (seq_of_zeros.ndim() == 2)
    zeros = detail::host_coeffs(linalg::eigvals(seq_of_zeros.template astype<R>()));
  else
    zeros = detail::host_coeffs(seq_of_zeros);
  return detail::device_coeffs<R>(detail::poly_from_zeros_host(zeros));
}

/// numpy.roots: the roots of the polynomial with coefficients `p` (highest power first), as the
/// eigenvalues of its companion matrix (linalg::eigvals), leading zeros dropped and trailing zeros
/// giving roots at 0. Always complex (complex64 for float32 and complex64 input, else
/// complex128): NumPy returns a real array when every root is real, which a C++ return type cannot
/// follow. All-zero or empty p gives an empty array. Throws value_error "Input must be a rank-1
/// array.".
template <class T>
ndarray<detail::roots_t<T>> roots(const ndarray<T>& p) {
  using C = detail::roots_t<T>;
  using F = linalg::detail::linalg_t<detail::poly_float_t<T>>;
  detail::check_roots_shape(p.ndim());
  const detail::poly_coeffs h = detail::host_coeffs(p);
  std::size_t first = 0, last = h.size();
  while (first < h.size() && h[first] == 0.0) ++first;
  if (first == h.size()) return ndarray<C>(shape_t{0});
  while (h[last - 1] == 0.0) --last;
  const std::int64_t trailing = static_cast<std::int64_t>(h.size() - last);
  const std::int64_t n = static_cast<std::int64_t>(last - first);  // N in NumPy's code
  ndarray<C> out = zeros<C>(shape_t{n - 1 + trailing});
  if (n > 1) {
    // The companion matrix: -p[1:] / p[0] in the first row, ones below the diagonal.
    std::vector<F> a(static_cast<std::size_t>((n - 1) * (n - 1)), F(0));
    for (std::int64_t j = 0; j < n - 1; ++j)
      a[static_cast<std::size_t>(j)] =
          detail::from_host_complex<F>(-h[first + static_cast<std::size_t>(j) + 1] / h[first]);
    for (std::int64_t i = 1; i < n - 1; ++i)
      a[static_cast<std::size_t>(i * (n - 1) + i - 1)] = F(1);
    out(slice(0, n - 1)) = linalg::eigvals(asarray(a, shape_t{n - 1, n - 1}));
  }
  return out;
}

/// What numpy.polyfit returns with full=True or cov=True.
template <class R>
struct polyfit_result {
  ndarray<R> coeffs;  ///< (deg + 1,) or (deg + 1, K): the coefficients, highest power first
  /// With full: lstsq's residuals (the sum of squared residuals, empty when rank-deficient).
  ndarray<detail::real_t<R>> residuals;
  std::int64_t rank = 0;  ///< with full: the rank of the scaled Vandermonde matrix
  /// With full: its singular values.
  ndarray<detail::real_t<R>> singular_values;
  double rcond = 0;  ///< with full: the rcond used
  /// With cov: (deg + 1, deg + 1), or (deg + 1, deg + 1, K) for a 2-D y.
  ndarray<R> cov;
};

namespace detail {

template <class X, class Y>
using polyfit_t = promote_t<poly_float_t<X>, poly_float_t<Y>>;

template <class R, class X, class Y>
polyfit_result<R> polyfit_of(const ndarray<X>& x, const ndarray<Y>& y, std::int64_t deg,
                             std::optional<double> rcond, const ndarray<double>* w, bool full,
                             bool cov, bool cov_unscaled) {
  check_polyfit(deg, x.shape(), y.shape(), w ? &w->shape() : nullptr);
  const std::int64_t order = deg + 1, n = x.shape(0);
  const double rc =
      rcond ? *rcond : static_cast<double>(n) * std::numeric_limits<real_t<R>>::epsilon();
  const ndarray<R> xr = x.template astype<R>();
  // The Vandermonde matrix, highest power first, column by column as numpy.vander.
  ndarray<R> lhs(shape_t{n, order});
  lhs(slice(), order - 1) = R(1);
  for (std::int64_t j = order - 2; j >= 0; --j) lhs(slice(), j) = lhs(slice(), j + 1) * xr;
  ndarray<R> rhs = y.template astype<R>();
  if (w) {
    const ndarray<R> wr = w->template astype<R>();
    lhs = lhs * wr.reshape({n, 1});
    rhs = y.ndim() == 2 ? ndarray<R>(rhs * wr.reshape({n, 1})) : ndarray<R>(rhs * wr);
  }
  // NumPy scales each column to unit norm before solving.
  const ndarray<R> scale = cupp::sqrt(cupp::sum(lhs * lhs, 0));
  lhs = lhs / scale;
  auto ls = linalg::lstsq(lhs, rhs, rc);
  polyfit_result<R> res;
  res.coeffs =
      y.ndim() == 2 ? ndarray<R>(ls.x / scale.reshape({order, 1})) : ndarray<R>(ls.x / scale);
  if (full) {
    res.residuals = ls.residuals;
    res.rank = ls.rank;
    res.singular_values = ls.s;
    res.rcond = rc;
  } else if (cov) {
    ndarray<R> vbase = linalg::inv(matmul(ndarray<R>(lhs.T()), lhs));
    vbase = vbase / (scale.reshape({order, 1}) * scale.reshape({1, order}));
    if (y.ndim() == 2) vbase = vbase.reshape({order, order, 1});
    if (cov_unscaled) {
      res.cov = vbase;
    } else {
      check_polyfit_cov(n, order);
      res.cov = vbase * (ls.residuals / static_cast<double>(n - order));
    }
  }
  return res;
}

}  // namespace detail

/// numpy.polyfit(x, y, deg, rcond, w): the least-squares polynomial fit of degree `deg` to the
/// points (x, y), highest power first; y may be 2-D (one fit per column, coefficients (deg + 1,
/// K)). The Vandermonde columns are scaled to unit norm and solved with linalg::lstsq, as NumPy;
/// rcond defaults to len(x) * eps. `w` weights each point (w[i] multiplies the residual). The dtype
/// is the common float type of x and y (integers as float64). NumPy warns (RankWarning) on a
/// rank-deficient fit; cupp does not. Throws value_error "expected deg >= 0" and type_error
/// "expected 1D vector for x", "expected non-empty vector for x", "expected 1D or 2D array for y",
/// "expected x and y to have same length", "expected a 1-d array for weights", "expected w and y
/// to have the same length".
template <class X, class Y>
ndarray<detail::polyfit_t<X, Y>> polyfit(const ndarray<X>& x, const ndarray<Y>& y, std::int64_t deg,
                                         std::optional<double> rcond = std::nullopt,
                                         const std::optional<ndarray<double>>& w = std::nullopt) {
  return detail::polyfit_of<detail::polyfit_t<X, Y>>(x, y, deg, rcond, w ? &*w : nullptr, false,
                                                     false, false)
      .coeffs;
}
/// numpy.polyfit(x, y, deg, rcond, full, w, cov): with `full`, also the residuals, rank, singular
/// values and rcond of the solve; else with `cov`, the covariance matrix of the coefficients,
/// scaled by residuals / (len(x) - deg - 1) unless `cov_unscaled` (NumPy's cov="unscaled").
/// Throws value_error "the number of data points must exceed order to scale the covariance
/// matrix".
template <class X, class Y>
polyfit_result<detail::polyfit_t<X, Y>> polyfit(
    const ndarray<X>& x, const ndarray<Y>& y, std::int64_t deg, std::optional<double> rcond,
    bool full, const std::optional<ndarray<double>>& w = std::nullopt, bool cov = false,
    bool cov_unscaled = false) {
  return detail::polyfit_of<detail::polyfit_t<X, Y>>(x, y, deg, rcond, w ? &*w : nullptr, full,
                                                     cov || cov_unscaled, cov_unscaled);
}

// ---- poly1d -------------------------------------------------------------------------------------

/// numpy.poly1d: a polynomial with coefficients of dtype T (highest power first, on the device),
/// leading zeros trimmed ([0] when none is left), and the name of its variable for printing.
/// Construction reads the coefficients to the host once (to trim them).
template <class T>
class poly1d {
 public:
  /// poly1d(c): from coefficients (1-D, or a 0-d constant). With r=true, `c_or_r` are the roots
  /// and the coefficients are numpy.poly's, converted to T. Throws value_error "Polynomial must be
  /// 1d only.".
  explicit poly1d(const ndarray<T>& c_or_r, bool r = false, std::string variable = "x")
      : variable_(std::move(variable)) {
    if (r) {
      set(detail::host_coeffs(poly(c_or_r)));
    } else {
      detail::check_poly1d_shape(c_or_r.ndim());
      set(detail::host_coeffs(c_or_r));
    }
  }
  /// From host coefficients: poly1d<double>({1, 2, 3}) is x**2 + 2x + 3.
  poly1d(std::initializer_list<T> c, bool r = false, std::string variable = "x")
      : poly1d(asarray(std::vector<T>(c)), r, std::move(variable)) {}

  /// The coefficients, highest power first (numpy.poly1d.coeffs, .c, .coef).
  const ndarray<T>& coeffs() const noexcept { return coeffs_; }
  /// The degree (numpy.poly1d.order, .o).
  std::int64_t order() const noexcept { return coeffs_.size() - 1; }
  /// The variable's name for printing (numpy.poly1d.variable).
  const std::string& variable() const noexcept { return variable_; }
  /// The roots (numpy.poly1d.roots, .r), as cupp::roots (complex; float16 coefficients, which
  /// linalg refuses, are a compile error here only).
  auto roots() const { return cupp::roots(coeffs_); }

  /// The value at each element of an array or expression, or at a scalar (a 0-d array).
  template <class X>
  auto operator()(const X& x) const {
    return polyval(coeffs_, x);
  }

  /// The coefficient of x**k (numpy.poly1d.__getitem__): 0 beyond the degree or for k < 0.
  T operator[](std::int64_t k) const {
    if (k > order() || k < 0) return T(0);
    return coeffs_(order() - k).item();
  }

  /// The m-th derivative (numpy.poly1d.deriv), as polyder.
  poly1d<promote_t<T, std::int64_t>> deriv(std::int64_t m = 1) const {
    return poly1d<promote_t<T, std::int64_t>>(polyder(coeffs_, m), false, variable_);
  }
  /// The m-th antiderivative with constant(s) k (numpy.poly1d.integ), as polyint.
  poly1d<detail::polyint_t<T>> integ(std::int64_t m = 1, const std::vector<double>& k = {}) const {
    return poly1d<detail::polyint_t<T>>(polyint(coeffs_, m, k), false, variable_);
  }
  poly1d<detail::polyint_t<T>> integ(std::int64_t m, double k) const {
    return integ(m, std::vector<double>{k});
  }

  /// p ** n (numpy.poly1d.__pow__): n repeated products. Throws value_error "Power to
  /// non-negative integers only." for n < 0.
  poly1d pow(std::int64_t n) const {
    detail::check_poly_power(n);
    detail::poly_coeffs res{1.0};
    const detail::poly_coeffs c = detail::host_coeffs(coeffs_);
    for (std::int64_t i = 0; i < n; ++i) res = detail::poly_mul_host(c, res);
    return from_host(res, "x");
  }

  poly1d operator-() const { return from_host(neg(detail::host_coeffs(coeffs_)), "x"); }

  template <class U>
  bool operator==(const poly1d<U>& o) const {
    return detail::host_coeffs(coeffs_) == detail::host_coeffs(o.coeffs());
  }
  template <class U>
  bool operator!=(const poly1d<U>& o) const {
    return !(*this == o);
  }

  /// The coefficients on the host, trimmed, as a new poly1d of dtype T (for the operators).
  static poly1d from_host(const detail::poly_coeffs& c, std::string variable) {
    return poly1d(detail::device_coeffs<T>(c), false, std::move(variable));
  }

 private:
  static detail::poly_coeffs neg(detail::poly_coeffs c) {
    for (auto& v : c) v = -v;
    return c;
  }
  void set(const detail::poly_coeffs& c) {
    coeffs_ = detail::device_coeffs<T>(detail::poly_trim_leading(c));
  }

  ndarray<T> coeffs_;
  std::string variable_;
};

/// poly1d + poly1d, - and * (numpy.polyadd, polysub, polymul); the dtype is their result_type.
template <class T, class U>
poly1d<promote_t<T, U>> operator+(const poly1d<T>& a, const poly1d<U>& b) {
  return poly1d<promote_t<T, U>>(polyadd(a.coeffs(), b.coeffs()));
}
template <class T, class U>
poly1d<promote_t<T, U>> operator-(const poly1d<T>& a, const poly1d<U>& b) {
  return poly1d<promote_t<T, U>>(polysub(a.coeffs(), b.coeffs()));
}
template <class T, class U>
poly1d<promote_t<T, U>> operator*(const poly1d<T>& a, const poly1d<U>& b) {
  return poly1d<promote_t<T, U>>(polymul(a.coeffs(), b.coeffs()));
}
/// With a C++ scalar (a constant polynomial; the scalar is weak, so the dtype stays T).
template <class T, class S, detail::if_poly_scalar<S> = 0>
poly1d<T> operator+(const poly1d<T>& a, S s) {
  return poly1d<T>::from_host(
      detail::poly_add_host(detail::host_coeffs(a.coeffs()), {detail::to_host_complex(s)}, 1.0),
      "x");
}
template <class T, class S, detail::if_poly_scalar<S> = 0>
poly1d<T> operator+(S s, const poly1d<T>& a) {
  return a + s;
}
template <class T, class S, detail::if_poly_scalar<S> = 0>
poly1d<T> operator-(const poly1d<T>& a, S s) {
  return poly1d<T>::from_host(
      detail::poly_add_host(detail::host_coeffs(a.coeffs()), {detail::to_host_complex(s)}, -1.0),
      "x");
}
template <class T, class S, detail::if_poly_scalar<S> = 0>
poly1d<T> operator-(S s, const poly1d<T>& a) {
  return -a + s;
}
template <class T, class S, detail::if_poly_scalar<S> = 0>
poly1d<T> operator*(const poly1d<T>& a, S s) {
  detail::poly_coeffs c = detail::host_coeffs(a.coeffs());
  for (auto& v : c) v *= detail::to_host_complex(s);
  return poly1d<T>::from_host(c, "x");
}
template <class T, class S, detail::if_poly_scalar<S> = 0>
poly1d<T> operator*(S s, const poly1d<T>& a) {
  return a * s;
}
/// poly1d / scalar: the coefficients divided (true division: integers give float64).
template <class T, class S, detail::if_poly_scalar<S> = 0>
poly1d<detail::poly_float_t<T>> operator/(const poly1d<T>& a, S s) {
  detail::poly_coeffs c = detail::host_coeffs(a.coeffs());
  for (auto& v : c) v /= detail::to_host_complex(s);
  return poly1d<detail::poly_float_t<T>>::from_host(c, "x");
}
/// poly1d / poly1d: numpy.polydiv's quotient and remainder, as poly1d.
template <class T, class U>
std::pair<poly1d<detail::polydiv_t<T, U>>, poly1d<detail::polydiv_t<T, U>>> operator/(
    const poly1d<T>& u, const poly1d<U>& v) {
  using F = detail::polydiv_t<T, U>;
  auto qr = polydiv(u.coeffs(), v.coeffs());
  return {poly1d<F>(qr.q), poly1d<F>(qr.r)};
}

/// Prints as str(numpy.poly1d): the powers on the line above the terms, e.g. for x**2 + 2x + 3
/// "   2\n1 x + 2 x + 3".
template <class T>
std::ostream& operator<<(std::ostream& os, const poly1d<T>& p) {
  return os << detail::poly1d_str(detail::host_coeffs(p.coeffs()), p.variable());
}

// ---- numpy.polynomial.polynomial (lowest power first) ------------------------------------------

namespace polynomial::polynomial {

/// numpy.polynomial.polyutils.trimseq: `seq` without its trailing zeros (one element is kept);
/// a view of seq. Reads seq to the host.
template <class T>
ndarray<T> trimseq(const ndarray<T>& seq) {
  if (seq.ndim() != 1 || seq.size() == 0) return seq;
  const auto n =
      static_cast<std::int64_t>(cupp::detail::trimseq_length(cupp::detail::host_coeffs(seq)));
  return seq(slice(0, n));
}

/// numpy.polynomial.polyutils.as_series: each array as a 1-D series (0-d becomes length 1),
/// trailing zeros trimmed (with `trim`), copied to the common float dtype (integers as float64).
/// Throws value_error "Coefficient array is empty", "Coefficient array is not 1-d".
template <class T>
std::vector<ndarray<cupp::detail::poly_float_t<T>>> as_series(const std::vector<ndarray<T>>& alist,
                                                              bool trim = true) {
  using F = cupp::detail::poly_float_t<T>;
  for (const auto& a : alist)
    cupp::detail::check_series(a.size(), std::max<std::int64_t>(a.ndim(), 1));
  std::vector<ndarray<F>> out;
  for (const auto& a : alist) {
    ndarray<T> s = a.ndim() == 0 ? a.reshape({1}) : a;
    if (trim) s = trimseq(s);
    out.push_back(s.template astype<F>());
  }
  return out;
}

/// numpy.polynomial.polyutils.trimcoef: the series (as as_series) with its trailing coefficients
/// of magnitude at most `tol` removed; [0] when none is left. Throws value_error "tol must be
/// non-negative".
template <class T>
ndarray<cupp::detail::poly_float_t<T>> trimcoef(const ndarray<T>& c, double tol = 0) {
  using F = cupp::detail::poly_float_t<T>;
  cupp::detail::check_trimcoef_tol(tol);
  const ndarray<F> s = as_series(std::vector<ndarray<T>>{c})[0];
  const cupp::detail::poly_coeffs h = cupp::detail::host_coeffs(s);
  std::int64_t last = -1;
  for (std::size_t i = 0; i < h.size(); ++i)
    if (std::abs(h[i]) > tol) last = static_cast<std::int64_t>(i);
  if (last < 0) return zeros<F>(shape_t{1});
  return s(slice(0, last + 1)).copy();
}

/// numpy.polynomial.polynomial.polycompanion: the companion matrix of the power series `c`
/// (lowest power first, trimmed as as_series): ones below the diagonal, -c[:-1] / c[-1] in the
/// last column; (1, 1) for degree 1. Throws value_error "Series must have maximum degree of at
/// least 1.".
template <class T>
ndarray<cupp::detail::poly_float_t<T>> polycompanion(const ndarray<T>& c) {
  using F = cupp::detail::poly_float_t<T>;
  const cupp::detail::poly_coeffs h =
      cupp::detail::host_coeffs(as_series(std::vector<ndarray<T>>{c})[0]);
  const auto len = static_cast<std::int64_t>(h.size());
  cupp::detail::check_polycompanion(len);
  const std::int64_t n = len - 1;
  cupp::detail::poly_coeffs mat(static_cast<std::size_t>(n * n), 0.0);
  for (std::int64_t i = 1; i < n; ++i) mat[static_cast<std::size_t>(i * n + i - 1)] = 1.0;
  for (std::int64_t i = 0; i < n; ++i)
    mat[static_cast<std::size_t>(i * n + n - 1)] -= h[static_cast<std::size_t>(i)] / h.back();
  return cupp::detail::device_coeffs<F>(mat).reshape({n, n});
}

/// numpy.polynomial.polynomial.polyvander(x, deg): the Vandermonde matrix of powers 0..deg of x,
/// shape x.shape + (deg + 1,) (a 0-d x counts as (1,)), lowest power first; the first column is
/// x*0 + 1 (so nan stays nan), as NumPy. The dtype is x's float type. Throws value_error "deg must
/// be non-negative".
template <class T>
ndarray<cupp::detail::poly_float_t<T>> polyvander(const ndarray<T>& x, std::int64_t deg) {
  using F = cupp::detail::poly_float_t<T>;
  cupp::detail::check_polyvander_deg(deg);
  ndarray<F> xf = x.template astype<F>();
  if (xf.ndim() == 0) xf = xf.reshape({1});
  shape_t s = xf.shape();
  s.push_back(deg + 1);
  ndarray<F> v(s);
  v(ellipsis, 0) = xf * 0 + 1;
  if (deg > 0) v(ellipsis, 1) = xf;
  for (std::int64_t i = 2; i <= deg; ++i) v(ellipsis, i) = v(ellipsis, i - 1) * xf;
  return v;
}

/// numpy.polynomial.polynomial.polyvalfromroots(x, r, tensor): prod(x - r) over the roots r
/// (axis 0 of r), one fused map-reduce. With `tensor` (the default) every column of r is
/// evaluated at every x (shape r.shape[1:] + x.shape); without it, x broadcasts against the
/// columns of r. The dtype is result_type(x, r + 0.0). Throws value_error "x.ndim must be <
/// r.ndim when tensor == False".
template <class X, class T>
ndarray<promote_t<X, cupp::detail::poly_float_t<T>>> polyvalfromroots(const ndarray<X>& x,
                                                                      const ndarray<T>& r,
                                                                      bool tensor = true) {
  using F = cupp::detail::poly_float_t<T>;
  using R = promote_t<X, F>;
  CUPP_EXPECTS(tensor || x.ndim() < std::max<std::int64_t>(r.ndim(), 1), value_error,
               "x.ndim must be < r.ndim when tensor == False");
  ndarray<F> rr = r.template astype<F>();
  if (rr.ndim() == 0) rr = rr.reshape({1});
  if (tensor) {
    shape_t s = rr.shape();
    s.insert(s.end(), static_cast<std::size_t>(x.ndim()), 1);
    rr = rr.reshape(s);
  }
  return cupp::prod<R>(x - rr, 0);
}

}  // namespace polynomial::polynomial

}  // namespace cupp
