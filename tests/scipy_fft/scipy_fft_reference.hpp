// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// SciPy's results for the scipy_fft tests: computed once by scipy.fft (tests/scipy_fft/make_fft.py)
// and kept in tests/data/scipy_fft/, the device cases in fft.npz (inputs and outputs side by
// side), the host tables as CSV files.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <sstream>
#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "support/scipy_reference.hpp"

namespace cupp::test::scipy_fft_ref {

inline cupp::npz_file reference() {
  return cupp::load_npz(std::string(CUPP_TEST_DATA_DIR) + "/scipy_fft/fft.npz");
}

/// `got` has `want`'s dtype and shape and every element is within atol + rtol * max|want| of
/// SciPy's (a transform's rounding grows with the whole signal, not with each element). Complex
/// arrays compare both parts.
inline ::testing::AssertionResult transform_close(const cupp::array& got, const cupp::array& want,
                                                  double rtol, const std::string& what) {
  if (got.dtype() != want.dtype())
    return ::testing::AssertionFailure() << what << ": dtype " << cupp::dtype_name(got.dtype())
                                         << " instead of " << cupp::dtype_name(want.dtype());
  if (auto shape = cupp::test::same_shape(got.shape(), want.shape(), what); !shape) return shape;
  const auto g = got.get<std::complex<double>>(), w = want.get<std::complex<double>>();
  double peak = 0;
  for (const auto& v : w) peak = std::max(peak, std::abs(v));
  const double tol = rtol * std::max(peak, 1.0);
  std::ostringstream os;
  int bad = 0;
  for (std::size_t i = 0; i < g.size(); ++i) {
    if (std::abs(g[i] - w[i]) <= tol) continue;
    if (++bad <= 5) os << "\n  [" << i << "] " << g[i] << " instead of " << w[i];
  }
  if (bad == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << what << ": " << bad << " of " << g.size() << " elements differ" << os.str();
}

/// The relative tolerance of a result of dtype `dt`.
inline double rtol_of(cupp::dtype dt) {
  return dt == cupp::dtype::float32 || dt == cupp::dtype::complex64 ? 2e-5 : 1e-11;
}

}  // namespace cupp::test::scipy_fft_ref
