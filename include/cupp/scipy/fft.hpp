// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// scipy.fft on cuFFT (cupyx.scipy.fft): the discrete cosine and sine transforms of types 1-4
// (dct idct dst idst dctn idctn dstn idstn), the fast Hankel transform (fht ifht fhtoffset),
// hfft2 hfftn ihfft2 ihfftn, next_fast_len, and every name of cupp::fft (numpy.fft) under the
// same names. The templates only pick dtypes; the work is done once in src/scipy/fft/.
#pragma once

#include <complex>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "cupp/core/ndarray.hpp"
#include "cupp/fft.hpp"

namespace cupp::scipy::fft {

// scipy.fft's transforms that numpy.fft has too: cupp::fft's, with NumPy's (= SciPy's) arguments.
using cupp::fft::fft;
using cupp::fft::fft2;
using cupp::fft::fftfreq;
using cupp::fft::fftn;
using cupp::fft::fftshift;
using cupp::fft::get_plan_cache;
using cupp::fft::hfft;
using cupp::fft::ifft;
using cupp::fft::ifft2;
using cupp::fft::ifftn;
using cupp::fft::ifftshift;
using cupp::fft::ihfft;
using cupp::fft::irfft;
using cupp::fft::irfft2;
using cupp::fft::irfftn;
using cupp::fft::plan_cache;
using cupp::fft::PlanCache;
using cupp::fft::rfft;
using cupp::fft::rfft2;
using cupp::fft::rfftfreq;
using cupp::fft::rfftn;
using cupp::fft::shape_arg;

namespace detail {

using cupp::detail::array_desc;

/// One 1-D pass of a real-to-real transform: `axis` (normalised) and the length `n` the input is
/// cropped or zero-padded to along it.
struct r2r_axis {
  std::int64_t axis;
  std::int64_t n;
};

/// SciPy's _r2r checks for dct/dst (in its order): the norm (value_error 'Invalid norm value
/// 'x', should be "backward", "ortho" or "forward"'), n < 1 or an empty axis (value_error
/// "invalid number of data points (0) specified"), an axis out of range (index_error "tuple
/// index out of range", as SciPy's IndexError), the type (value_error "invalid DCT type" /
/// "invalid DST type") and DCT-I of one point (runtime error "zero-length FFT requested").
std::vector<r2r_axis> resolve_r2r(const shape_t& shape, int type, bool dst,
                                  std::optional<std::int64_t> n, std::int64_t axis,
                                  const std::string& norm);
/// SciPy's _r2rn and _init_nd_shape_and_axes checks for dctn/dstn (value_error "axes exceeds
/// dimensionality of input", "all axes must be unique", "when given, axes and shape arguments
/// have to be of the same length", "shape requires more axes than are present", "invalid
/// number of data points ([0, 2]) specified"), then the norm and the type as resolve_r2r.
std::vector<r2r_axis> resolve_r2rn(const shape_t& shape, int type, bool dst, const shape_arg& s,
                                   const axis_arg& axes, const std::string& norm);

/// The transform over `passes`, in order. `x` is float32, float64, complex64 or complex128 (any
/// layout); complex input transforms its real and imaginary parts apart, as SciPy does (and,
/// as SciPy, without `orthogonalize`: its default applies). `forward`: dct/dst, else the
/// inverse functions (types 2 and 3 swap, the norm's direction too).
array_desc r2r(const array_desc& x, int type, bool dst, bool forward,
               const std::vector<r2r_axis>& passes, const std::string& norm,
               std::optional<bool> orthogonalize);

/// SciPy's norm mode of a transform in the given direction: 0 unscaled, 1 by 1/sqrt(M), 2 by
/// 1/M (its _normalization); value_error 'Invalid norm value ...' for another norm.
int r2r_norm_mode(const std::string& norm, bool forward);

/// How one pass of N points runs (Note [DCT and DST through cuFFT] in
/// kernels/cupp/scipy_fft_r2r.cuh): cuFFT's transform (kind, direction, length `len`), the
/// row lengths of its input and output (complex elements where complex), the items per row of
/// the kernels before and after it, and the result's scale for norm mode `mode`. `type` is the
/// type computed (after idct's swap).
struct r2r_layout {
  cupp::fft::detail::kind k = cupp::fft::detail::kind::r2c;
  bool forward = true;
  std::int64_t len = 0, in_len = 0, out_len = 0;
  std::int64_t pre_items = 0, post_items = 0;
  double scale = 1.0;
};
r2r_layout r2r_plan(int type, bool dst, std::int64_t n, int mode);

/// The source of the DCT/DST kernels for the real dtype `dt` (float32 or float64), and their
/// names (for the tests, which compile them).
std::string r2r_kernel_source(dtype dt);
std::string r2r_kernel_name(dtype dt, bool post);

/// fht/ifht on the last axis of `a` (float32 or float64, any layout).
array_desc fht(const array_desc& a, double dln, double mu, double offset, double bias,
               bool inverse);
/// SciPy's fhtcoeff: the n // 2 + 1 coefficients of the FFTLog transform (host, double).
std::vector<std::complex<double>> fhtcoeff(std::int64_t n, double dln, double mu, double offset,
                                           double bias, bool inverse);
/// scipy.special.loggamma on the host (the principal branch, cut along the negative real axis).
std::complex<double> loggamma(std::complex<double> z);

/// The real transforms' precision and the result dtype of dct & co: float32 for float16,
/// bfloat16 and float32, float64 for float64, integers and bool; complex input keeps its
/// precision.
template <class T>
using r2r_t = std::conditional_t<cupp::fft::detail::is_complex_v<T>,
                                 cupp::fft::detail::complex_t<T>, cupp::fft::detail::real_t<T>>;

template <class T>
ndarray<r2r_t<T>> run_r2r(const ndarray<T>& x, int type, bool dst, bool forward,
                          const std::vector<r2r_axis>& passes, const std::string& norm,
                          std::optional<bool> orthogonalize) {
  const ndarray<r2r_t<T>> c = cupp::detail::as_dtype<r2r_t<T>>(x);
  return ndarray<r2r_t<T>>(r2r(c.desc(), type, dst, forward, passes, norm, orthogonalize));
}

/// SciPy's swap of the norm's direction (hfftn and ihfftn): backward <-> forward.
std::string swap_direction(const std::string& norm);

}  // namespace detail

// ---- DCT and DST ----------------------------------------------------------------------------

/// scipy.fft.dct: the discrete cosine transform of type 1, 2 (default), 3 or 4 along `axis`,
/// the input cropped or zero-padded to `n` points. `norm`: "backward" (unscaled, default),
/// "ortho" or "forward" (scaled by 1/M, M = 2(n-1) for type 1, 2n otherwise);
/// `orthogonalize` (default: norm == "ortho") scales the end terms so that the "ortho"
/// transform is orthogonal. float32 (and float16) input gives float32, integers float64,
/// complex input transforms its real and imaginary parts. `overwrite_x` and `workers` are taken
/// and ignored, as CuPy does. Throws value_error for a bad type, norm or n, as SciPy.
template <class T>
ndarray<detail::r2r_t<T>> dct(const ndarray<T>& x, int type = 2,
                              std::optional<std::int64_t> n = std::nullopt, std::int64_t axis = -1,
                              const std::string& norm = "backward", bool overwrite_x = false,
                              std::optional<int> workers = std::nullopt,
                              std::optional<bool> orthogonalize = std::nullopt) {
  (void)overwrite_x;
  (void)workers;
  return detail::run_r2r(x, type, false, true,
                         detail::resolve_r2r(x.shape(), type, false, n, axis, norm), norm,
                         orthogonalize);
}

/// scipy.fft.idct: the inverse of dct (idct of type 2 is dct of type 3 scaled by 1/2n under
/// the default norm; types 1 and 4 are their own inverses up to the scale).
template <class T>
ndarray<detail::r2r_t<T>> idct(const ndarray<T>& x, int type = 2,
                               std::optional<std::int64_t> n = std::nullopt, std::int64_t axis = -1,
                               const std::string& norm = "backward", bool overwrite_x = false,
                               std::optional<int> workers = std::nullopt,
                               std::optional<bool> orthogonalize = std::nullopt) {
  (void)overwrite_x;
  (void)workers;
  return detail::run_r2r(x, type, false, false,
                         detail::resolve_r2r(x.shape(), type, false, n, axis, norm), norm,
                         orthogonalize);
}

/// scipy.fft.dst: the discrete sine transform of type 1, 2 (default), 3 or 4 (M = 2(n+1) for
/// type 1). Arguments and dtypes as dct.
template <class T>
ndarray<detail::r2r_t<T>> dst(const ndarray<T>& x, int type = 2,
                              std::optional<std::int64_t> n = std::nullopt, std::int64_t axis = -1,
                              const std::string& norm = "backward", bool overwrite_x = false,
                              std::optional<int> workers = std::nullopt,
                              std::optional<bool> orthogonalize = std::nullopt) {
  (void)overwrite_x;
  (void)workers;
  return detail::run_r2r(x, type, true, true,
                         detail::resolve_r2r(x.shape(), type, true, n, axis, norm), norm,
                         orthogonalize);
}

/// scipy.fft.idst: the inverse of dst.
template <class T>
ndarray<detail::r2r_t<T>> idst(const ndarray<T>& x, int type = 2,
                               std::optional<std::int64_t> n = std::nullopt, std::int64_t axis = -1,
                               const std::string& norm = "backward", bool overwrite_x = false,
                               std::optional<int> workers = std::nullopt,
                               std::optional<bool> orthogonalize = std::nullopt) {
  (void)overwrite_x;
  (void)workers;
  return detail::run_r2r(x, type, true, false,
                         detail::resolve_r2r(x.shape(), type, true, n, axis, norm), norm,
                         orthogonalize);
}

/// scipy.fft.dctn: dct over each of `axes` (default all, or the last len(s) when `s` is given),
/// the input cropped or zero-padded to `s` (an entry -1: the input's length).
template <class T>
ndarray<detail::r2r_t<T>> dctn(const ndarray<T>& x, int type = 2, const shape_arg& s = {},
                               const axis_arg& axes = {}, const std::string& norm = "backward",
                               bool overwrite_x = false, std::optional<int> workers = std::nullopt,
                               std::optional<bool> orthogonalize = std::nullopt) {
  (void)overwrite_x;
  (void)workers;
  return detail::run_r2r(x, type, false, true,
                         detail::resolve_r2rn(x.shape(), type, false, s, axes, norm), norm,
                         orthogonalize);
}

/// scipy.fft.idctn.
template <class T>
ndarray<detail::r2r_t<T>> idctn(const ndarray<T>& x, int type = 2, const shape_arg& s = {},
                                const axis_arg& axes = {}, const std::string& norm = "backward",
                                bool overwrite_x = false, std::optional<int> workers = std::nullopt,
                                std::optional<bool> orthogonalize = std::nullopt) {
  (void)overwrite_x;
  (void)workers;
  return detail::run_r2r(x, type, false, false,
                         detail::resolve_r2rn(x.shape(), type, false, s, axes, norm), norm,
                         orthogonalize);
}

/// scipy.fft.dstn.
template <class T>
ndarray<detail::r2r_t<T>> dstn(const ndarray<T>& x, int type = 2, const shape_arg& s = {},
                               const axis_arg& axes = {}, const std::string& norm = "backward",
                               bool overwrite_x = false, std::optional<int> workers = std::nullopt,
                               std::optional<bool> orthogonalize = std::nullopt) {
  (void)overwrite_x;
  (void)workers;
  return detail::run_r2r(x, type, true, true,
                         detail::resolve_r2rn(x.shape(), type, true, s, axes, norm), norm,
                         orthogonalize);
}

/// scipy.fft.idstn.
template <class T>
ndarray<detail::r2r_t<T>> idstn(const ndarray<T>& x, int type = 2, const shape_arg& s = {},
                                const axis_arg& axes = {}, const std::string& norm = "backward",
                                bool overwrite_x = false, std::optional<int> workers = std::nullopt,
                                std::optional<bool> orthogonalize = std::nullopt) {
  (void)overwrite_x;
  (void)workers;
  return detail::run_r2r(x, type, true, false,
                         detail::resolve_r2rn(x.shape(), type, true, s, axes, norm), norm,
                         orthogonalize);
}

// ---- Hermitian N-D transforms ---------------------------------------------------------------

/// scipy.fft.hfftn: the N-D transform of a Hermitian-symmetric signal given by its half along
/// the last of `axes`: irfftn of the conjugate with the norm's direction swapped, computed as
/// SciPy does (ifft over the other axes, then irfft over the last), so that input which is not
/// Hermitian along the other axes gives SciPy's result too (cupp::fft::irfftn hands several
/// axes to one cuFFT C2R, which takes the input to be Hermitian along all of them). Arguments
/// and errors as cupp::fft::irfftn, the norm's as SciPy.
template <class T>
ndarray<cupp::fft::detail::irfft_t<T>> hfftn(const ndarray<T>& x, const shape_arg& s = {},
                                             const axis_arg& axes = {},
                                             const std::string& norm = "backward") {
  using C = cupp::fft::detail::complex_t<T>;
  const std::string swapped = detail::swap_direction(norm);
  ndarray<C> c(cupp::conj(cupp::detail::as_dtype<C>(x)));
  const cupp::fft::detail::plan_args args = cupp::fft::detail::resolve_nd(
      x.shape(), s, axes, cupp::fft::detail::kind::c2r, false, swapped);
  if (args.axes.size() < 2) return cupp::fft::irfftn(c, s, axes, swapped);
  const std::vector<std::int64_t> others(args.axes.begin(), args.axes.end() - 1);
  const shape_t lengths(args.n.begin(), args.n.end() - 1);
  c = cupp::fft::ifftn(c, lengths, others, swapped);
  return cupp::fft::irfft(c, args.n.back(), args.axes.back(), swapped);
}

/// scipy.fft.hfft2: hfftn over `axes` (default the last two).
template <class T>
ndarray<cupp::fft::detail::irfft_t<T>> hfft2(const ndarray<T>& x, const shape_arg& s = {},
                                             const axis_arg& axes = {-2, -1},
                                             const std::string& norm = "backward") {
  return hfftn(x, s, axes, norm);
}

/// scipy.fft.ihfftn: the inverse of hfftn, conj(rfftn(x)) with the norm's direction swapped.
/// Complex input throws type_error, as rfftn.
template <class T>
ndarray<cupp::fft::detail::complex_t<T>> ihfftn(const ndarray<T>& x, const shape_arg& s = {},
                                                const axis_arg& axes = {},
                                                const std::string& norm = "backward") {
  using C = cupp::fft::detail::complex_t<T>;
  return ndarray<C>(cupp::conj(cupp::fft::rfftn(x, s, axes, detail::swap_direction(norm))));
}

/// scipy.fft.ihfft2: ihfftn over `axes` (default the last two).
template <class T>
ndarray<cupp::fft::detail::complex_t<T>> ihfft2(const ndarray<T>& x, const shape_arg& s = {},
                                                const axis_arg& axes = {-2, -1},
                                                const std::string& norm = "backward") {
  return ihfftn(x, s, axes, norm);
}

// ---- fast Hankel transform ------------------------------------------------------------------

/// scipy.fft.fht: the fast Hankel transform (FFTLog) of the logarithmically spaced periodic
/// sequence along the last axis of `a`: `dln` the logarithmic spacing, `mu` the order, `offset`
/// the offset of the output's spacing, `bias` the exponent of the power-law bias. Computed as
/// SciPy does (rfft, times the coefficients, irfft, reversed); the coefficients on the host in
/// double. float32 input gives float32 (SciPy promotes to float64 when bias != 0); integers
/// float64.
template <class T>
ndarray<cupp::fft::detail::real_t<T>> fht(const ndarray<T>& a, double dln, double mu,
                                          double offset = 0.0, double bias = 0.0) {
  using R = cupp::fft::detail::real_t<T>;
  static_assert(!cupp::fft::detail::is_complex_v<T>, "fht takes real input");
  const ndarray<R> x = cupp::detail::as_dtype<R>(a);
  return ndarray<R>(detail::fht(x.desc(), dln, mu, offset, bias, false));
}

/// scipy.fft.ifht: the inverse of fht.
template <class T>
ndarray<cupp::fft::detail::real_t<T>> ifht(const ndarray<T>& A, double dln, double mu,
                                           double offset = 0.0, double bias = 0.0) {
  using R = cupp::fft::detail::real_t<T>;
  static_assert(!cupp::fft::detail::is_complex_v<T>, "ifht takes real input");
  const ndarray<R> x = cupp::detail::as_dtype<R>(A);
  return ndarray<R>(detail::fht(x.desc(), dln, mu, offset, bias, true));
}

/// scipy.fft.fhtoffset: the offset closest to `initial` that fulfils the low-ringing condition
/// of fht with spacing `dln`, order `mu` and `bias` (computed on the host).
double fhtoffset(double dln, double mu, double initial = 0.0, double bias = 0.0);

// ---- helpers --------------------------------------------------------------------------------

/// scipy.fft.next_fast_len: the smallest length >= `target` that SciPy's FFT computes fastest:
/// 2^a 3^b 5^c for real transforms (`real`), 2^a 3^b 5^c 7^d 11^e otherwise; 0 for 0. Throws
/// value_error "Target length must be positive" for target < 0, as SciPy.
std::int64_t next_fast_len(std::int64_t target, bool real = false);

}  // namespace cupp::scipy::fft
