// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// What every linear-algebra routine shares: the dtypes they compute in, their argument checks,
// the TF32 switch and linalg::errstate (how a failed factorisation is reported).
#pragma once

#include <complex>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/core/promotion.hpp"

namespace cupp::linalg {

/// What a singular or non-positive-definite matrix (or a solver that does not converge) does:
/// `raise` throws cupp::linalg_error, as NumPy does; checking reads the solver's status back from
/// the GPU, so it synchronises. `ignore` skips that read: the result of each failed matrix of a
/// batch is NaN instead (the trade CuPy makes by default).
enum class on_error { raise, ignore };

/// The calling thread's current mode (`raise` unless an errstate says otherwise).
on_error error_mode() noexcept;

/// Sets the calling thread's mode for a scope and restores the previous one:
///
///     { cupp::linalg::errstate quiet(cupp::linalg::on_error::ignore); x = linalg::solve(a, b); }
class errstate {
 public:
  /// Sets the calling thread's mode to `mode` until this object is destroyed.
  explicit errstate(on_error mode) noexcept;
  ~errstate();
  errstate(const errstate&) = delete;
  errstate& operator=(const errstate&) = delete;

 private:
  on_error previous_;
};

/// Lets float32 (and complex64) matrix products use TF32 tensor cores: about 8x faster, with
/// 10-bit mantissas on the inputs. Off by default, as in CuPy. Process-wide.
void set_tf32(bool enabled) noexcept;
bool tf32_enabled() noexcept;

namespace detail {

using cupp::detail::array_desc;

/// The dtype a decomposition or solver computes in for an input of T, as NumPy's linalg: bool
/// and integers in float64, float32/float64/complex64/complex128 in themselves. float16 and
/// bfloat16 are refused at compile time, as NumPy refuses them ("array type float16 is
/// unsupported in linalg").
template <class T>
struct linalg_type {
  static_assert(!std::is_same_v<T, float16> && !std::is_same_v<T, bfloat16>,
                "array type float16 is unsupported in linalg: convert with astype<float>()");
  using type = std::conditional_t<std::is_floating_point_v<T> || is_complex(dtype_of<T>), T, double>;
};
template <class T>
using linalg_t = typename linalg_type<T>::type;

/// The real type of T (float for complex<float>).
template <class T>
struct real_type {
  using type = T;
};
template <class T>
struct real_type<std::complex<T>> {
  using type = T;
};
template <class T>
using real_t = typename real_type<T>::type;

using cupp::detail::as_dtype;

/// `a` in the dtype linalg computes in for it (`a` itself when it already is).
template <class T>
ndarray<linalg_t<T>> as_linalg(const ndarray<T>& a) {
  return as_dtype<linalg_t<T>>(a);
}

/// NumPy's checks: value_error "%d-dimensional array given. Array must be at least
/// two-dimensional" and "Last 2 dimensions of the array must be square".
void check_stacked_2d(const array_desc& a);
void check_stacked_square(const array_desc& a);

/// Every variant of linalg's own kernels (kernels/cupp/linalg_*.cuh) that a call can reach, as
/// {kernel name, module source}: for a test that compiles each one without a GPU.
std::vector<std::pair<std::string, std::string>> kernel_sources();

}  // namespace detail
}  // namespace cupp::linalg
