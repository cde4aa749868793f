// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The creation routines built on the basic ones: diagflat, vander, fromfunction, mgrid, ogrid,
// frombuffer, fromstring and fromiter.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/ndarray.hpp"
#include "cupp/core/promotion.hpp"
#include "cupp/core/runtime_array.hpp"
#include "cupp/jit/elementwise_kernel.hpp"
#include "cupp/routines/creation.hpp"
#include "cupp/routines/index_helpers.hpp"

namespace cupp {

// ---- diagflat, vander --------------------------------------------------------------------------

/// numpy.diagflat(v, k): a new square matrix with the flattened `v` on its k-th diagonal.
template <class T>
ndarray<T> diagflat(const ndarray<T>& v, std::int64_t k = 0) {
  return diag(v.ravel(), k);
}

/// numpy.vander(x, N, increasing): the Vandermonde matrix of a 1-D `x`, column j holding
/// x ** (N - 1 - j) (x ** j when `increasing`); N defaults to len(x). The dtype is NumPy's
/// promote_types(x.dtype, int64): int64 for bool and integers up to int64, float64 for uint64 and
/// float32, x's for float64 and complex. Throws value_error "x must be a one-dimensional array or
/// sequence." and, for a negative N, "negative dimensions are not allowed".
template <class T>
ndarray<promote_t<T, std::int64_t>> vander(const ndarray<T>& x,
                                           std::optional<std::int64_t> n = std::nullopt,
                                           bool increasing = false) {
  using R = promote_t<T, std::int64_t>;
  CUPP_EXPECTS(x.ndim() == 1, value_error, "x must be a one-dimensional array or sequence.");
  const std::int64_t cols = n ? *n : x.shape(0);
  check_shape({cols});
  ndarray<R> out(shape_t{x.shape(0), cols});
  if (out.size() == 0) return out;
  const ndarray<R> base = detail::as_dtype<R>(x).reshape({-1, 1});
  const ndarray<std::int64_t> powers =
      increasing ? arange(cols) : arange<std::int64_t>(cols - 1, std::int64_t{-1}, -1);
  // Integer powers by repeated multiplication, as NumPy's cumulative product (exact for integers).
  expr::assign(power(base, powers.astype<R>().reshape({1, -1})), out.desc());
  return out;
}

// ---- fromfunction ------------------------------------------------------------------------------

namespace detail {
/// fromfunction with a CUDA expression of i0, i1, ... (each of dtype `dt`) into a new array.
array_desc fromfunction(const std::string& expression, const shape_t& shape, dtype dt);
/// The kernel fromfunction runs for `ndim` index arrays of `dt` (compiled when first launched).
std::shared_ptr<jit::detail::ew_kernel> fromfunction_kernel(const std::string& expression,
                                                            std::size_t ndim, dtype dt);

template <class F, class T, std::size_t... I>
constexpr bool invocable_with_n(std::index_sequence<I...>) {
  return std::is_invocable_v<F&, decltype((void)I, std::declval<const ndarray<T>&>())...>;
}
/// The number of index arrays (0 to 6) the callable takes, or -1.
template <class F, class T>
constexpr int grid_arity() {
  if constexpr (invocable_with_n<F, T>(std::make_index_sequence<0>{}))
    return 0;
  else if constexpr (invocable_with_n<F, T>(std::make_index_sequence<1>{}))
    return 1;
  else if constexpr (invocable_with_n<F, T>(std::make_index_sequence<2>{}))
    return 2;
  else if constexpr (invocable_with_n<F, T>(std::make_index_sequence<3>{}))
    return 3;
  else if constexpr (invocable_with_n<F, T>(std::make_index_sequence<4>{}))
    return 4;
  else if constexpr (invocable_with_n<F, T>(std::make_index_sequence<5>{}))
    return 5;
  else if constexpr (invocable_with_n<F, T>(std::make_index_sequence<6>{}))
    return 6;
  else
    return -1;
}
template <class F, class T, std::size_t... I>
auto call_with_grids(F& f, const std::vector<ndarray<T>>& g, std::index_sequence<I...>) {
  return f(g[I]...);
}
}  // namespace detail

/// numpy.fromfunction(function, shape, dtype=T): calls `f` once with the index grids, one array
/// of dtype T (float64 by default, as NumPy) per dimension, each of `shape` and holding every
/// element's index along its axis, and returns what `f` returns (an array, an expression or a
/// scalar, as NumPy returns the function's result). `f` takes the grids as separate arguments
/// (`[](const auto& i, const auto& j) { return i * 10.0 + j; }`) or as one
/// std::vector<ndarray<T>>. Throws type_error when `f` takes another number of grids than the
/// shape has dimensions (NumPy's TypeError of the call).
template <class T = double, class F,
          std::enable_if_t<!std::is_convertible_v<F, std::string>, int> = 0>
auto fromfunction(F&& f, const shape_t& shape) {
  std::vector<ndarray<T>> grids;
  if (!shape.empty()) {
    const ndarray<T> all = indices(shape).astype<T>();
    for (std::int64_t k = 0; k < static_cast<std::int64_t>(shape.size()); ++k)
      grids.push_back(all(k));
  } else {
    check_shape(shape);
  }
  if constexpr (std::is_invocable_v<F&, const std::vector<ndarray<T>>&>) {
    return f(static_cast<const std::vector<ndarray<T>>&>(grids));
  } else {
    constexpr int n = detail::grid_arity<F, T>();
    static_assert(n >= 0, "fromfunction: the function must take ndarray<T> index grids");
    CUPP_EXPECTS(static_cast<std::size_t>(n) == shape.size(), type_error,
                 "fromfunction: the function takes " + std::to_string(n) +
                     " index arrays but the shape " + shape_str(shape) + " has " +
                     std::to_string(shape.size()) + " dimensions");
    return detail::call_with_grids(f, grids,
                                   std::make_index_sequence<static_cast<std::size_t>(n)>{});
  }
}
/// numpy.fromfunction with the function as a CUDA expression of the indices `i0`, `i1`, ...
/// (each of type T, the element's index along axes 0, 1, ...; `T` is also a typedef), evaluated
/// for every element in one generated kernel: fromfunction<float>("i0 * 10 + i1", {3, 4}). The
/// kernel compiles through the kernel cache; a bad expression throws compile_error.
template <class T = double>
ndarray<T> fromfunction(const std::string& expression, const shape_t& shape) {
  return ndarray<T>(detail::fromfunction(expression, shape, dtype_of<T>));
}

// ---- mgrid, ogrid ------------------------------------------------------------------------------

/// The number of points of a grid_slice, NumPy's complex step: grid_slice(-1, 1, npoints(5)) is
/// NumPy's -1:1:5j (5 points from -1 to 1, both ends included).
struct npoints {
  /// The number of points.
  std::int64_t n;
  /// n points.
  explicit npoints(std::int64_t count) : n(count) {}
};

/// One slice of mgrid and ogrid: start:stop:step with real numbers, or start:stop:Nj with a
/// number of points (npoints). A cupp::slice converts to one (its start defaults to 0; its stop is
/// required).
struct grid_slice {
  /// The first value.
  double start = 0;
  /// The end: excluded with a step, included with a number of points.
  double stop = 0;
  /// The step (1 unless given).
  double step = 1;
  /// The number of points, when given instead of a step.
  std::optional<std::int64_t> points;
  /// Whether start, stop and step are all integers (NumPy then makes an int64 grid).
  bool integral = true;

  /// An integer slice: start defaults to 0; a missing stop is a value_error.
  grid_slice(const cupp::slice& s)  // NOLINT: implicit, so cupp::slice(0, 5) reads as 0:5
      : start(static_cast<double>(s.start.value_or(0))),
        stop(static_cast<double>(checked_stop(s))),
        step(static_cast<double>(s.step)) {}
  /// start:stop:step.
  template <
      class A, class B, class S = int,
      std::enable_if_t<
          std::is_arithmetic_v<A> && std::is_arithmetic_v<B> && std::is_arithmetic_v<S>, int> = 0>
  grid_slice(A start_, B stop_, S step_ = 1)
      : start(static_cast<double>(start_)),
        stop(static_cast<double>(stop_)),
        step(static_cast<double>(step_)),
        integral(std::is_integral_v<A> && std::is_integral_v<B> && std::is_integral_v<S>) {}
  /// start:stop:Nj, N points from start to stop included (a float64 grid).
  template <class A, class B,
            std::enable_if_t<std::is_arithmetic_v<A> && std::is_arithmetic_v<B>, int> = 0>
  grid_slice(A start_, B stop_, npoints n)
      : start(static_cast<double>(start_)),
        stop(static_cast<double>(stop_)),
        points(n.n),
        integral(false) {}

 private:
  static std::int64_t checked_stop(const cupp::slice& s) {
    CUPP_EXPECTS(s.stop.has_value(), value_error, "mgrid/ogrid: a slice needs a stop");
    return *s.stop;
  }
};

namespace detail {
/// NumPy's dtype of mgrid/ogrid over these slices: int64 when every slice is integral, else
/// float64.
dtype grid_dtype(const std::vector<grid_slice>& slices);
/// mgrid (sparse false: one array of shape (len(slices), *lengths), or the 1-D range for one
/// slice) or ogrid (sparse true: one array per slice, of length 1 on the other axes), of `dt`.
std::vector<array_desc> grid(const std::vector<grid_slice>& slices, bool sparse, dtype dt);
}  // namespace detail

/// numpy.mgrid[slices]: the dense grid, one array of shape (len(slices), n0, n1, ...) whose
/// entry k holds the values of slice k along axis k (for one slice, the 1-D range itself).
/// Slice k has ceil((stop - start) / step) values start + i * step, or, with npoints(n), n values
/// from start to stop included. Without T the dtype is NumPy's (int64 for integer slices, else
/// float64) and the result a cupp::array; mgrid<T>(...) gives an ndarray<T>. As NumPy's
/// np.mgrid[0:5, -1:1:5j]: cupp::mgrid({cupp::slice(0, 5), cupp::grid_slice(-1, 1,
/// cupp::npoints(5))}).
template <class T = void>
auto mgrid(const std::vector<grid_slice>& slices) {
  if constexpr (std::is_void_v<T>) {
    return array(detail::grid(slices, false, detail::grid_dtype(slices))[0]);
  } else {
    return ndarray<T>(detail::grid(slices, false, dtype_of<T>)[0]);
  }
}
/// numpy.ogrid[slices]: the open grid, one array per slice, of length 1 on every axis but its own
/// (they broadcast to mgrid's entries). Values and dtype as mgrid; NumPy returns the array alone
/// for one slice, cupp a list of one.
template <class T = void>
auto ogrid(const std::vector<grid_slice>& slices) {
  if constexpr (std::is_void_v<T>) {
    std::vector<array> out;
    for (auto& d : detail::grid(slices, true, detail::grid_dtype(slices))) out.emplace_back(d);
    return out;
  } else {
    std::vector<ndarray<T>> out;
    for (auto& d : detail::grid(slices, true, dtype_of<T>)) out.emplace_back(d);
    return out;
  }
}

// ---- frombuffer, fromstring, fromiter ----------------------------------------------------------

namespace detail {
/// frombuffer's checks; returns the number of elements. value_error "offset must be non-negative
/// and no greater than buffer length (4)", "buffer size must be a multiple of element size",
/// "buffer is smaller than requested size".
std::int64_t frombuffer_count(std::size_t nbytes, std::size_t itemsize, std::int64_t count,
                              std::int64_t offset);
/// fromstring's text parsing: the numbers of `text` separated by `sep` (whitespace around it
/// skipped; a sep of only whitespace matches any run of whitespace), as int64 when `integers`
/// else double, at most `count` (-1: all). value_error "The binary mode of fromstring is
/// removed, use frombuffer instead" for an empty sep, "string or file could not be read to its
/// end due to unmatched data", "string is smaller than requested size".
std::vector<double> parse_separated(const std::string& text, const std::string& sep,
                                    std::int64_t count);
std::vector<std::int64_t> parse_separated_integers(const std::string& text, const std::string& sep,
                                                   std::int64_t count);
[[noreturn]] void throw_iterator_too_short(std::int64_t expected, std::int64_t got);
}  // namespace detail

/// numpy.frombuffer(buffer, dtype=T, count, offset): the bytes of host memory [data, data +
/// nbytes), from `offset`, read as `count` elements of T (-1: as many as the rest holds), copied
/// into a new 1-D device array (NumPy's result shares the buffer; device memory cannot). Throws
/// value_error "offset must be non-negative and no greater than buffer length (4)", "buffer size
/// must be a multiple of element size", "buffer is smaller than requested size".
template <class T>
ndarray<T> frombuffer(const void* data, std::size_t nbytes, std::int64_t count = -1,
                      std::int64_t offset = 0) {
  const std::int64_t n = detail::frombuffer_count(nbytes, sizeof(T), count, offset);
  // Through an aligned copy: the bytes at `offset` need not be aligned for T.
  const std::unique_ptr<T[]> host(new T[static_cast<std::size_t>(n > 0 ? n : 1)]);
  if (n > 0)
    std::memcpy(static_cast<void*>(host.get()), static_cast<const char*>(data) + offset,
                static_cast<std::size_t>(n) * sizeof(T));
  return asarray(host.get(), shape_t{n});
}
/// numpy.frombuffer of the bytes of a string.
template <class T>
ndarray<T> frombuffer(const std::string& buffer, std::int64_t count = -1, std::int64_t offset = 0) {
  return frombuffer<T>(buffer.data(), buffer.size(), count, offset);
}
/// numpy.frombuffer of a byte vector.
template <class T, class B, std::enable_if_t<sizeof(B) == 1, int> = 0>
ndarray<T> frombuffer(const std::vector<B>& buffer, std::int64_t count = -1,
                      std::int64_t offset = 0) {
  return frombuffer<T>(buffer.data(), buffer.size(), count, offset);
}

/// numpy.fromstring(string, dtype=T, count, sep): the numbers of a text separated by `sep`
/// (" " matches any whitespace; whitespace around a sep is skipped), at most `count` (-1: all),
/// as a new 1-D array of T (float64 by default; integer dtypes parse integers; complex dtypes are
/// not_implemented_error). NumPy 2 removed the binary mode: an empty sep is value_error "The
/// binary mode of fromstring is removed, use frombuffer instead". Also value_error "string or
/// file could not be read to its end due to unmatched data" and "string is smaller than requested
/// size".
template <class T = double>
ndarray<T> fromstring(const std::string& text, const std::string& sep, std::int64_t count = -1) {
  std::vector<T> host;
  if constexpr (std::is_integral_v<T>) {
    for (const std::int64_t v : detail::parse_separated_integers(text, sep, count))
      host.push_back(static_cast<T>(v));
  } else if constexpr (std::is_same_v<T, std::complex<float>> ||
                       std::is_same_v<T, std::complex<double>>) {
    throw not_implemented_error("fromstring: complex dtypes are not supported");
  } else {
    for (const double v : detail::parse_separated(text, sep, count))
      host.push_back(static_cast<T>(v));
  }
  return asarray(host);
}

/// numpy.fromiter(iterable, dtype=T, count): the values of [first, last) converted to T, at
/// most `count` of them (-1: all), in a new 1-D array. Throws value_error "iterator too short:
/// Expected 5 but iterator had only 2 items." when fewer than `count` come.
template <class T, class It>
ndarray<T> fromiter(It first, It last, std::int64_t count = -1) {
  std::vector<T> host;
  if (count >= 0) host.reserve(static_cast<std::size_t>(count));
  for (; first != last && (count < 0 || static_cast<std::int64_t>(host.size()) < count); ++first)
    host.push_back(static_cast<T>(*first));
  if (count >= 0 && static_cast<std::int64_t>(host.size()) < count)
    detail::throw_iterator_too_short(count, static_cast<std::int64_t>(host.size()));
  return asarray(host);
}
/// numpy.fromiter of a range (anything std::begin and std::end take).
template <class T, class Range>
ndarray<T> fromiter(const Range& range, std::int64_t count = -1) {
  return fromiter<T>(std::begin(range), std::end(range), count);
}

}  // namespace cupp
