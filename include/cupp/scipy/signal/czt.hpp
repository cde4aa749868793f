// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The chirp Z-transform of scipy.signal: czt_points, czt, zoom_fft and the classes CZT and
// ZoomFFT. Bluestein's algorithm on cupp::fft: the chirps are computed once on the host in
// double (as SciPy does with NumPy), the transform is two products, an fft, a product and an ifft
// along the axis. See docs/scipy_signal.md.
#pragma once

#include <complex>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/ndarray.hpp"

namespace cupp::scipy::signal {

namespace detail {

using cupp::detail::array_desc;
using cdouble = std::complex<double>;

/// SciPy's _validate_sizes: `m` (default `n`); value_error "Invalid number of CZT data points
/// (n) specified. n must be positive and integer type." (and "output points" for m).
std::int64_t czt_validate_sizes(std::int64_t n, std::optional<std::int64_t> m);

/// The chirps of a CZT or ZoomFFT of n input and m output points, on the host.
struct czt_chirps {
  std::int64_t n = 0, m = 0, nfft = 0;
  std::vector<cdouble> awk2;    ///< a**-k * w**(k**2/2), n values: multiplies the input.
  std::vector<cdouble> kernel;  ///< 1 / w**(k**2/2) for k = -(n-1) .. m-1: its fft is Fwk2.
  std::vector<cdouble> wk2;     ///< w**(k**2/2), m values: multiplies the output.
  cdouble w, a;                 ///< the spiral's ratio and start (ZoomFFT's, from its band)
};

/// CZT's chirps (w unset: the FFT's w = exp(-2j pi / m), with SciPy's exact k**2 % 2m phases).
czt_chirps czt_plan(std::int64_t n, std::optional<std::int64_t> m, std::optional<cdouble> w,
                    cdouble a);
/// ZoomFFT's chirps for the band [f1, f2] sampled at fs.
czt_chirps zoom_fft_plan(std::int64_t n, double f1, double f2, std::optional<std::int64_t> m,
                         double fs, bool endpoint);
/// scipy.signal.czt_points on the host: a * exp(2j pi k / m), or a * w**-k when w is given.
std::vector<cdouble> czt_points_values(std::int64_t m, std::optional<cdouble> w, cdouble a);

/// The transform of complex128 `x` along `axis` (its length checked to be n beforehand).
ndarray<cdouble> czt_apply(const ndarray<cdouble>& x, std::int64_t axis, std::int64_t n,
                           std::int64_t nfft, const ndarray<cdouble>& awk2,
                           const ndarray<cdouble>& fwk2, const ndarray<cdouble>& wk2);
/// value_error "CZT defined for length n, not len" unless x's `axis` has length n; axis_error
/// for an axis out of range. Returns the normalised axis.
std::int64_t czt_check_input(const array_desc& x, std::int64_t axis, std::int64_t n);

}  // namespace detail

/// ZoomFFT's `fn`: a scalar (the band [0, fn]) or a pair [f1, f2]; value_error "fn must be a
/// scalar or 2-length sequence" for any other length.
struct zoom_fn {
  std::vector<double> values;  ///< fn, or f1 and f2
  /// The band [0, f].
  zoom_fn(double f) : values{f} {}  // NOLINT: implicit, as SciPy's scalar
  /// The band [f1, f2], as a braced list.
  zoom_fn(std::initializer_list<double> f) : values(f) {}
  /// The band as a vector of one or two frequencies.
  zoom_fn(std::vector<double> f) : values(std::move(f)) {}  // NOLINT
};

/// scipy.signal.CZT (cupyx.scipy.signal.CZT): the chirp Z-transform of `n` points into `m`
/// (default n) points z_k = a * w**-k, k = 0 .. m-1; w defaults to exp(-2j pi / m), which makes it
/// the DFT. The chirps live on the device; the object is called on arrays as SciPy's.
class CZT {
 public:
  /// The transform of n points into m (default n) points, ratio w (default exp(-2j pi / m))
  /// and start a, as SciPy's CZT(n, m, w, a).
  CZT(std::int64_t n, std::optional<std::int64_t> m = std::nullopt,
      std::optional<std::complex<double>> w = std::nullopt, std::complex<double> a = {1.0, 0.0});

  /// The transform along `axis` (keyword-only in SciPy); complex128 for every input dtype, as
  /// SciPy's (its chirps are complex128). value_error "CZT defined for length n, not len".
  template <class T>
  ndarray<std::complex<double>> operator()(const ndarray<T>& x, std::int64_t axis = -1) const {
    const std::int64_t ax = detail::czt_check_input(x.desc(), axis, n);
    if constexpr (std::is_same_v<T, std::complex<double>>)
      return detail::czt_apply(x, ax, n, nfft_, awk2_, fwk2_, wk2_);
    else
      return detail::czt_apply(x.template astype<std::complex<double>>(), ax, n, nfft_, awk2_,
                               fwk2_, wk2_);
  }

  /// The points z_k at which the transform is evaluated (scipy's CZT.points()).
  ndarray<std::complex<double>> points() const;

  std::int64_t n = 0;                     ///< the length of the input
  std::int64_t m = 0;                     ///< the number of output points
  std::optional<std::complex<double>> w;  ///< unset where SciPy's w is None
  std::complex<double> a{1.0, 0.0};       ///< the first point

 protected:
  /// For ZoomFFT, which computes its own chirps.
  CZT() = default;
  /// Copies the host chirps `c` to the device members below.
  void upload(const detail::czt_chirps& c);
  std::int64_t nfft_ = 0;               ///< the FFT length of the convolution
  ndarray<std::complex<double>> awk2_;  ///< a^-k w^(k^2/2): the input's chirp
  ndarray<std::complex<double>> fwk2_;  ///< the FFT of the convolution's chirp
  ndarray<std::complex<double>> wk2_;   ///< w^(k^2/2): the output's chirp
};

/// scipy.signal.ZoomFFT: the DFT of `n` points at `m` (default n) frequencies spaced linearly over
/// the band `fn` ([0, fn] for a scalar, [f1, f2] for a pair) of a signal sampled at `fs`
/// (keyword-only, default 2); with `endpoint` f2 is the last frequency, else the band is open.
class ZoomFFT : public CZT {
 public:
  /// As SciPy's ZoomFFT(n, fn, m, fs=fs, endpoint=endpoint).
  ZoomFFT(std::int64_t n, const zoom_fn& fn, std::optional<std::int64_t> m = std::nullopt,
          double fs = 2.0, bool endpoint = false);
  double f1 = 0.0;  ///< the band's lower edge
  double f2 = 0.0;  ///< the band's upper edge
  double fs = 2.0;  ///< the sampling frequency
};

/// scipy.signal.czt_points: the m points a * w**-k (w default exp(-2j pi / m)), complex128, on
/// the device; detail::czt_points_values gives them on the host.
ndarray<std::complex<double>> czt_points(std::int64_t m,
                                         std::optional<std::complex<double>> w = std::nullopt,
                                         std::complex<double> a = {1.0, 0.0});

/// scipy.signal.czt (cupyx.scipy.signal.czt): the chirp Z-transform of x along `axis` (keyword-
/// only in SciPy), m output points (default the axis length). Complex128, as SciPy.
template <class T>
ndarray<std::complex<double>> czt(const ndarray<T>& x, std::optional<std::int64_t> m = std::nullopt,
                                  std::optional<std::complex<double>> w = std::nullopt,
                                  std::complex<double> a = {1.0, 0.0}, std::int64_t axis = -1) {
  detail::czt_check_input(x.desc(), axis, -1);
  return CZT(x.shape(axis), m, w, a)(x, axis);
}

/// scipy.signal.zoom_fft (cupyx.scipy.signal.zoom_fft): the DFT of x along `axis` over the band
/// `fn` at m points (default the axis length); fs, endpoint and axis are SciPy's keyword-only ones.
template <class T>
ndarray<std::complex<double>> zoom_fft(const ndarray<T>& x, const zoom_fn& fn,
                                       std::optional<std::int64_t> m = std::nullopt,
                                       double fs = 2.0, bool endpoint = false,
                                       std::int64_t axis = -1) {
  detail::czt_check_input(x.desc(), axis, -1);
  return ZoomFFT(x.shape(axis), fn, m, fs, endpoint)(x, axis);
}

}  // namespace cupp::scipy::signal
