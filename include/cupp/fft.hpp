// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// numpy.fft on cuFFT: fft ifft fft2 ifft2 fftn ifftn rfft irfft rfft2 irfft2 rfftn irfftn hfft
// ihfft, fftfreq rfftfreq fftshift ifftshift, and the cache of cuFFT plans (cupy.fft.config's
// PlanCache). The templates only pick dtypes; the work is done once in src/fft/.
#pragma once

#include <complex>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/expr/ufuncs.hpp"

namespace cupp::fft {

/// The `s` argument of the N-D transforms: omitted or std::nullopt (NumPy's s=None: the input's
/// lengths), or one length per transformed axis ({8, 16}). An entry of -1 means the input's
/// length along that axis, as in NumPy 2.
class shape_arg {
 public:
  shape_arg() = default;
  /// The input's lengths, as NumPy's s=None.
  shape_arg(std::nullopt_t) {}  // NOLINT: implicit, as NumPy's s=None
  /// One length per transformed axis: `{8, 16}`.
  shape_arg(std::initializer_list<std::int64_t> s) : s_(s), given_(true) {}  // NOLINT
  /// One length per transformed axis, from a shape_t.
  shape_arg(shape_t s) : s_(std::move(s)), given_(true) {}                   // NOLINT

  /// True when lengths were given (not s=None).
  bool given() const noexcept { return given_; }
  /// The lengths given (empty when not given()).
  const shape_t& lengths() const noexcept { return s_; }

 private:
  shape_t s_;
  bool given_ = false;
};

namespace detail {

using cupp::detail::array_desc;

/// The kinds of cuFFT transform: complex to complex, real to complex (forward only), complex
/// to real (inverse only).
enum class kind { c2c, r2c, c2r };

/// A call resolved against the input's shape (NumPy's _cook_nd_args and _raw_fft checks):
/// `axes` normalised, in NumPy's order (for r2c and c2r the last one is the halved axis), `n` the
/// transform length of each (for c2r the length of the real output), `scale` the normalisation
/// factor of the whole transform (1 when there is nothing to scale).
struct plan_args {
  std::vector<std::int64_t> axes;
  shape_t n;
  kind k = kind::c2c;
  bool forward = true;
  double scale = 1.0;
  /// ihfft: the result is conjugated (folded into the scaling pass).
  bool conjugate = false;
  /// The shape of the result.
  shape_t out_shape;
};

/// What `norm` means for a transform of `count` points in the given direction: "backward"
/// scales the inverse by 1/count, "ortho" both by 1/sqrt(count), "forward" the forward by 1/count.
/// Throws value_error with NumPy's message ("Invalid norm value X; should be "backward","ortho"
/// or "forward"."; NumPy's inverse transforms put a space after the first comma, and so does
/// this when `inverse_api`).
double norm_scale(const std::string& norm, bool forward, double count, bool inverse_api);

/// The 1-D transforms: `n` the requested length (nullopt: the input's, or 2*(m-1) for c2r),
/// `axis` possibly negative. Throws value_error "Invalid number of FFT data points (0)
/// specified.", axis_error for a bad axis (NumPy 2 raises IndexError "tuple index out of
/// range"; axis_error is an index_error), and the norm errors. `inverse_api`: the function is
/// one of NumPy's inverse ones (ifft, irfft, hfft, ihfft), which spell the norm message so.
plan_args resolve_1d(const shape_t& shape, std::optional<std::int64_t> n, std::int64_t axis,
                     kind k, bool forward, const std::string& norm, bool inverse_api);
/// The N-D transforms. `axes.all()`: every axis, or the last s.size() ones when `s` is given.
/// Throws value_error "Shape and axes have different lengths.", axis_error, the n errors,
/// index_error for r2c/c2r with no axis, and the norm errors.
plan_args resolve_nd(const shape_t& shape, const shape_arg& s, const axis_arg& axes, kind k,
                     bool forward, const std::string& norm);

/// Runs a resolved transform. `a` is complex64/complex128 for c2c and c2r, float32/float64 for
/// r2c, any layout; `a_is_scratch`: nothing else holds `a` (a converted copy), so it may be
/// overwritten. Returns a new array of args.out_shape (its memory order follows the input's).
array_desc execute(const array_desc& a, const plan_args& args, bool a_is_scratch);

/// What simulate() reports.
struct simulation {
  shape_t shape;
  strides_t strides;
  std::vector<std::complex<double>> values;  // the result in C order, scaled
  int calls = 0;                             // cuFFT calls
  int copies = 0;                            // copies made because of the input's layout
  bool input_untouched = true;               // the input's buffer is as it was
};
/// For the tests, without a GPU: runs execute()'s logic on host memory, cuFFT replaced by a DFT
/// that reads and writes through the same advanced layouts, and C2R overwriting its input as
/// cuFFT may. The input is the view (shape, strides, offset) of `buffer` held as `dt` (float64:
/// the real parts, or complex128).
simulation simulate(const std::vector<std::complex<double>>& buffer, dtype dt, const shape_t& shape,
                    const strides_t& strides, std::int64_t offset, const plan_args& args,
                    bool scratch);

/// NumPy's TypeError for a real transform of complex input: "ufunc 'rfft_n_even' not supported
/// for the input types, and the inputs could not be safely coerced to any supported types
/// according to the casting rule ''safe''" (rfft_n_odd for an odd n).
[[noreturn]] void throw_complex_input(std::int64_t n);

/// fftfreq/rfftfreq values in double on the host (NumPy's formulas); value_error "float
/// division by zero" for n * d == 0 (NumPy raises ZeroDivisionError), and for n < 0 the
/// error NumPy's arange gives.
std::vector<double> fftfreq_values(std::int64_t n, double d);
std::vector<double> rfftfreq_values(std::int64_t n, double d);

/// numpy.roll by shift[i] along axes[i] (a shift may repeat an axis) into a new array.
array_desc roll(const array_desc& a, const std::vector<std::int64_t>& shifts,
                const std::vector<std::int64_t>& axes);
/// The shifts of fftshift (n // 2 per axis) or ifftshift (-(n // 2)), axes normalised.
std::pair<std::vector<std::int64_t>, std::vector<std::int64_t>> shift_args(const shape_t& shape,
                                                                           const axis_arg& axes,
                                                                           bool inverse);

template <class T>
inline constexpr bool is_complex_v = dtype_of<T> == dtype::complex64 || dtype_of<T> == dtype::complex128;

/// The precision a transform of T computes in, as NumPy 2: float32 for float16, bfloat16, float32
/// and complex64; float64 for float64, complex128, integers and bool.
template <class T>
using real_t = std::conditional_t<std::is_same_v<T, float16> || std::is_same_v<T, bfloat16> ||
                                      std::is_same_v<T, float> ||
                                      std::is_same_v<T, std::complex<float>>,
                                  float, double>;
/// The complex dtype of fft, rfft and ihfft of T.
template <class T>
using complex_t = std::complex<real_t<T>>;
/// The real dtype of irfft and hfft of T: NumPy 2 keeps float16 (computing in float32), and so
/// does cupp for float16 and bfloat16; otherwise real_t<T>.
template <class T>
using irfft_t = std::conditional_t<std::is_same_v<T, float16> || std::is_same_v<T, bfloat16>, T,
                                   real_t<T>>;

using cupp::detail::as_dtype;

/// c2c of any T: converted to complex_t<T> (a scratch copy) unless it already is.
template <class T>
ndarray<complex_t<T>> run_c2c(const ndarray<T>& a, const plan_args& args) {
  using C = complex_t<T>;
  const ndarray<C> x = as_dtype<C>(a);
  return ndarray<C>(execute(x.desc(), args, !std::is_same_v<T, C>));
}

/// r2c: complex input is NumPy's TypeError; other dtypes are converted to real_t<T>.
template <class T>
ndarray<complex_t<T>> run_r2c(const ndarray<T>& a, const plan_args& args) {
  using R = real_t<T>;
  if constexpr (is_complex_v<T>) {
    throw_complex_input(args.n.back());
  } else {
    const ndarray<R> x = as_dtype<R>(a);
    return ndarray<complex_t<T>>(execute(x.desc(), args, !std::is_same_v<T, R>));
  }
}

/// c2r of any T (a real input is taken as complex, as NumPy does); `conj` conjugates the input
/// in the copy that c2r needs anyway (cuFFT's c2r overwrites its input).
template <class T>
ndarray<irfft_t<T>> run_c2r(const ndarray<T>& a, const plan_args& args, bool conj) {
  using C = complex_t<T>;
  using R = real_t<T>;
  ndarray<C> x = conj ? ndarray<C>(cupp::conj(as_dtype<C>(a))) : as_dtype<C>(a);
  const bool scratch = conj || !std::is_same_v<T, C>;
  ndarray<R> out(execute(x.desc(), args, scratch));
  if constexpr (std::is_same_v<irfft_t<T>, R>)
    return out;
  else
    return out.template astype<irfft_t<T>>();
}

}  // namespace detail

// ---- complex transforms ---------------------------------------------------------------------

/// numpy.fft.fft: the 1-D discrete Fourier transform along `axis`, of `n` points (the input is
/// truncated or zero-padded; nullopt: its length). Real, integer and bool input is transformed
/// as complex; float16, bfloat16, float32 and complex64 compute in single precision (NumPy 2),
/// the others in double. `norm`: "backward" (default), "ortho" or "forward".
template <class T>
ndarray<detail::complex_t<T>> fft(const ndarray<T>& a, std::optional<std::int64_t> n = std::nullopt,
                                  std::int64_t axis = -1, const std::string& norm = "backward") {
  return detail::run_c2c(
      a, detail::resolve_1d(a.shape(), n, axis, detail::kind::c2c, true, norm, false));
}

/// numpy.fft.ifft: the inverse of fft (scaled by 1/n under the default norm).
template <class T>
ndarray<detail::complex_t<T>> ifft(const ndarray<T>& a, std::optional<std::int64_t> n = std::nullopt,
                                   std::int64_t axis = -1, const std::string& norm = "backward") {
  return detail::run_c2c(
      a, detail::resolve_1d(a.shape(), n, axis, detail::kind::c2c, false, norm, true));
}

/// numpy.fft.fftn: the N-D transform over `axes` (default: all, or the last len(s) when `s` is
/// given), `s` the length of each. Repeated axes transform again, as in NumPy.
template <class T>
ndarray<detail::complex_t<T>> fftn(const ndarray<T>& a, const shape_arg& s = {},
                                   const axis_arg& axes = {}, const std::string& norm = "backward") {
  return detail::run_c2c(
      a, detail::resolve_nd(a.shape(), s, axes, detail::kind::c2c, true, norm));
}

/// numpy.fft.ifftn.
template <class T>
ndarray<detail::complex_t<T>> ifftn(const ndarray<T>& a, const shape_arg& s = {},
                                    const axis_arg& axes = {}, const std::string& norm = "backward") {
  return detail::run_c2c(
      a, detail::resolve_nd(a.shape(), s, axes, detail::kind::c2c, false, norm));
}

/// numpy.fft.fft2: fftn over `axes` (default the last two).
template <class T>
ndarray<detail::complex_t<T>> fft2(const ndarray<T>& a, const shape_arg& s = {},
                                   const axis_arg& axes = {-2, -1},
                                   const std::string& norm = "backward") {
  return fftn(a, s, axes, norm);
}

/// numpy.fft.ifft2.
template <class T>
ndarray<detail::complex_t<T>> ifft2(const ndarray<T>& a, const shape_arg& s = {},
                                    const axis_arg& axes = {-2, -1},
                                    const std::string& norm = "backward") {
  return ifftn(a, s, axes, norm);
}

// ---- real transforms ------------------------------------------------------------------------

/// numpy.fft.rfft: the transform of real input, n // 2 + 1 complex points along `axis`. Complex
/// input throws type_error with NumPy's message.
template <class T>
ndarray<detail::complex_t<T>> rfft(const ndarray<T>& a, std::optional<std::int64_t> n = std::nullopt,
                                   std::int64_t axis = -1, const std::string& norm = "backward") {
  return detail::run_r2c(
      a, detail::resolve_1d(a.shape(), n, axis, detail::kind::r2c, true, norm, false));
}

/// numpy.fft.irfft: the inverse of rfft, `n` real points (default 2 * (m - 1) for m input
/// points). Real input is taken as complex, as NumPy does. float16 input gives float16 (NumPy 2).
template <class T>
ndarray<detail::irfft_t<T>> irfft(const ndarray<T>& a, std::optional<std::int64_t> n = std::nullopt,
                                  std::int64_t axis = -1, const std::string& norm = "backward") {
  return detail::run_c2r(
      a, detail::resolve_1d(a.shape(), n, axis, detail::kind::c2r, false, norm, true), false);
}

/// numpy.fft.rfftn: rfft over the last of `axes`, then fft over the others.
template <class T>
ndarray<detail::complex_t<T>> rfftn(const ndarray<T>& a, const shape_arg& s = {},
                                    const axis_arg& axes = {}, const std::string& norm = "backward") {
  return detail::run_r2c(
      a, detail::resolve_nd(a.shape(), s, axes, detail::kind::r2c, true, norm));
}

/// numpy.fft.irfftn: ifft over all but the last of `axes`, then irfft over the last.
template <class T>
ndarray<detail::irfft_t<T>> irfftn(const ndarray<T>& a, const shape_arg& s = {},
                                   const axis_arg& axes = {}, const std::string& norm = "backward") {
  return detail::run_c2r(
      a, detail::resolve_nd(a.shape(), s, axes, detail::kind::c2r, false, norm), false);
}

/// numpy.fft.rfft2.
template <class T>
ndarray<detail::complex_t<T>> rfft2(const ndarray<T>& a, const shape_arg& s = {},
                                    const axis_arg& axes = {-2, -1},
                                    const std::string& norm = "backward") {
  return rfftn(a, s, axes, norm);
}

/// numpy.fft.irfft2.
template <class T>
ndarray<detail::irfft_t<T>> irfft2(const ndarray<T>& a, const shape_arg& s = {},
                                   const axis_arg& axes = {-2, -1},
                                   const std::string& norm = "backward") {
  return irfftn(a, s, axes, norm);
}

/// numpy.fft.hfft: the transform of a Hermitian-symmetric signal given by its first half, `n`
/// real points (default 2 * (m - 1)): irfft of the conjugate with the norm's direction swapped.
template <class T>
ndarray<detail::irfft_t<T>> hfft(const ndarray<T>& a, std::optional<std::int64_t> n = std::nullopt,
                                 std::int64_t axis = -1, const std::string& norm = "backward") {
  detail::plan_args args =
      detail::resolve_1d(a.shape(), n, axis, detail::kind::c2r, true, norm, true);
  return detail::run_c2r(a, args, true);
}

/// numpy.fft.ihfft: the inverse of hfft, conj(rfft(a)) with the norm's direction swapped
/// (scaled by 1/n by default). Complex input throws type_error, as rfft.
template <class T>
ndarray<detail::complex_t<T>> ihfft(const ndarray<T>& a, std::optional<std::int64_t> n = std::nullopt,
                                    std::int64_t axis = -1, const std::string& norm = "backward") {
  detail::plan_args args =
      detail::resolve_1d(a.shape(), n, axis, detail::kind::r2c, false, norm, true);
  return detail::run_r2c(a, args);
}

// ---- helpers --------------------------------------------------------------------------------

/// numpy.fft.fftfreq: the sample frequencies [0, 1, ..., n/2-1, -n/2, ..., -1] / (d * n)
/// (n odd: up to (n-1)/2), float64 by default. Computed on the host in double.
template <class T = double>
ndarray<T> fftfreq(std::int64_t n, double d = 1.0) {
  const std::vector<double> v = detail::fftfreq_values(n, d);
  ndarray<T> out(shape_t{n});
  if constexpr (std::is_same_v<T, double>) {
    out.set(v);
  } else {
    std::vector<T> cast(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) cast[i] = static_cast<T>(v[i]);
    out.set(cast);
  }
  return out;
}

/// numpy.fft.rfftfreq: [0, 1, ..., n/2] / (d * n), float64 by default.
template <class T = double>
ndarray<T> rfftfreq(std::int64_t n, double d = 1.0) {
  const std::vector<double> v = detail::rfftfreq_values(n, d);
  ndarray<T> out(shape_t{static_cast<std::int64_t>(v.size())});
  if constexpr (std::is_same_v<T, double>) {
    out.set(v);
  } else {
    std::vector<T> cast(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) cast[i] = static_cast<T>(v[i]);
    out.set(cast);
  }
  return out;
}

/// numpy.fft.fftshift: rolls each of `axes` (default all) by n // 2, moving the zero frequency to
/// the centre. Any dtype; a new array.
template <class T>
ndarray<T> fftshift(const ndarray<T>& a, const axis_arg& axes = {}) {
  auto [shifts, ax] = detail::shift_args(a.shape(), axes, false);
  return ndarray<T>(detail::roll(a.desc(), shifts, ax));
}

/// numpy.fft.ifftshift: the inverse of fftshift (rolls by -(n // 2)).
template <class T>
ndarray<T> ifftshift(const ndarray<T>& a, const axis_arg& axes = {}) {
  auto [shifts, ax] = detail::shift_args(a.shape(), axes, true);
  return ndarray<T>(detail::roll(a.desc(), shifts, ax));
}

// ---- plan cache -----------------------------------------------------------------------------

/// The cache of cuFFT plans, as cupy.fft.config.get_plan_cache()'s PlanCache (one per process
/// here, keyed by device; CuPy keeps one per thread and device). A plan is keyed by its device,
/// transform type, lengths, layouts (strides, distances, embeddings) and batch, so repeated
/// transforms of one shape and layout create no new plan. Least recently used plans are dropped
/// past `get_size()` plans (default 16) or past `get_memsize()` bytes of work area (0: no
/// limit, the default). A plan's work area is taken from the memory pool at each call, on the
/// current stream, and returned after it; memsize() counts what the cached plans ask for.
/// Thread-safe. See Note [FFT plans] in src/fft/plan.cpp.
class PlanCache {
 public:
  /// Plans cached now (CuPy's get_curr_size()).
  std::size_t size() const;
  /// Work-area bytes the cached plans ask for (CuPy's get_curr_memsize()).
  std::size_t memsize() const;
  /// The most plans kept; 0 disables the cache (each call then makes and destroys its plan).
  std::size_t get_size() const;
  /// Sets get_size(), dropping the least recently used plans past it (CuPy's set_size).
  void set_size(std::size_t n);
  /// The most work-area bytes kept; 0 for no limit (CuPy's -1).
  std::size_t get_memsize() const;
  /// Sets get_memsize(), dropping the least recently used plans past it (CuPy's set_memsize).
  void set_memsize(std::size_t bytes);
  /// Drops every plan (a plan in use by another thread lives until that call is done).
  void clear();
  /// Lookups that found a plan, and that did not (and so made one).
  std::size_t hits() const;
  /// Lookups that found no plan and so made one.
  std::size_t misses() const;
};

/// The process's plan cache (cupy.fft.config.get_plan_cache()).
PlanCache& plan_cache();
/// The same object under CuPy's name.
inline PlanCache& get_plan_cache() { return plan_cache(); }

}  // namespace cupp::fft
