// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// SciPy's results for the ndimage tests: each area's cases are computed once by SciPy's
// scipy.ndimage (tests/ndimage/make_<area>.py) and kept in tests/data/ndimage/<area>.npz, inputs
// and expected outputs side by side, so the device results are checked against SciPy itself
// without Python at test time.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <sstream>
#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "support/scipy_reference.hpp"

namespace cupp::test::ndimage_ref {

/// The archive tests/data/ndimage/<area>.npz.
inline cupp::npz_file reference(const std::string& area) {
  return cupp::load_npz(std::string(CUPP_TEST_DATA_DIR) + "/ndimage/" + area + ".npz");
}

/// The elements of `a` in C order, as double (any real dtype and bool).
inline std::vector<double> values(const cupp::array& a) {
  return a.get<double>(cupp::casting::unsafe);
}

/// `got` has `want`'s shape and, element by element, |got - want| <= atol + rtol * |want| (NaN
/// matching NaN); the message names the first few elements that differ and `what`.
inline ::testing::AssertionResult all_close(const cupp::array& got, const cupp::array& want,
                                            double rtol, double atol, const std::string& what) {
  if (auto shape = cupp::test::same_shape(got.shape(), want.shape(), what); !shape) return shape;
  const std::vector<double> g = values(got), w = values(want);
  std::ostringstream os;
  int bad = 0;
  for (std::size_t i = 0; i < g.size(); ++i) {
    const bool both_nan = std::isnan(g[i]) && std::isnan(w[i]);
    if (both_nan || std::abs(g[i] - w[i]) <= atol + rtol * std::abs(w[i])) continue;
    if (++bad <= 5) os << "\n  [" << i << "] " << g[i] << " instead of " << w[i];
  }
  if (bad == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << what << ": " << bad << " of " << g.size() << " elements differ" << os.str();
}

}  // namespace cupp::test::ndimage_ref
