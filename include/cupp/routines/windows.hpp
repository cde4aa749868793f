// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// NumPy's window functions (numpy.bartlett, blackman, hamming, hanning, kaiser): symmetric
// windows of M points as float64 device arrays, computed on the host as NumPy computes them.
// Include this header beside <cupp/array.hpp>; the windows of scipy.signal.windows are in
// <cupp/scipy/signal.hpp>. See docs/scipy_signal.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cupp/core/ndarray.hpp"

namespace cupp {

// Each returns an empty array for M < 1 (NumPy raises nothing) and [1.0] for M == 1.

/// Equivalent to numpy.bartlett(M): the triangular window with zero end points.
ndarray<double> bartlett(std::int64_t M);
/// Equivalent to numpy.blackman(M).
ndarray<double> blackman(std::int64_t M);
/// Equivalent to numpy.hamming(M).
ndarray<double> hamming(std::int64_t M);
/// Equivalent to numpy.hanning(M).
ndarray<double> hanning(std::int64_t M);
/// Equivalent to numpy.kaiser(M, beta).
ndarray<double> kaiser(std::int64_t M, double beta);

namespace detail {
/// The coefficients of NumPy's window `name` ("bartlett", "blackman", "hamming", "hanning",
/// "kaiser"; `beta` for kaiser only) on the host.
std::vector<double> numpy_window_values(const std::string& name, std::int64_t M, double beta = 0.0);
}  // namespace detail

}  // namespace cupp
