// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// SciPy's results for the signal tests: each case is computed once by scipy.signal
// (tests/signal/make_signal.py) and kept in tests/data/signal/signal.npz, inputs and expected
// outputs side by side, so the device results are checked against SciPy itself without Python at
// test time. The case names and their parameters are read here.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "support/scipy_reference.hpp"

namespace cupp::test::signal_ref {

/// The archive tests/data/signal/signal.npz.
inline cupp::npz_file reference() {
  return cupp::load_npz(std::string(CUPP_TEST_DATA_DIR) + "/signal/signal.npz");
}

/// One case: "<number>__<function>__<key=value+key=value>".
struct signal_case {
  std::string name;
  std::string function;
  std::map<std::string, std::string> params;
  std::string param(const std::string& key, const std::string& otherwise = "") const {
    const auto it = params.find(key);
    return it == params.end() ? otherwise : it->second;
  }
};

/// The cases of the archive, in order (one per "__out" member).
inline std::vector<signal_case> cases(const cupp::npz_file& npz) {
  std::vector<signal_case> out;
  for (const std::string& f : npz.files()) {
    const std::string suffix = "__out";
    if (f.size() < suffix.size() || f.compare(f.size() - suffix.size(), suffix.size(), suffix))
      continue;
    signal_case c;
    c.name = f.substr(0, f.size() - suffix.size());
    const std::size_t a = c.name.find("__"), b = c.name.find("__", a + 2);
    c.function = c.name.substr(a + 2, b - a - 2);
    std::stringstream rest(b == std::string::npos ? "" : c.name.substr(b + 2));
    std::string item;
    while (std::getline(rest, item, '+')) {
      const std::size_t eq = item.find('=');
      if (eq != std::string::npos) c.params[item.substr(0, eq)] = item.substr(eq + 1);
    }
    out.push_back(c);
  }
  return out;
}

/// "1,-2" as integers.
inline std::vector<std::int64_t> ints(const std::string& s) {
  std::vector<std::int64_t> v;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) v.push_back(std::stoll(item));
  return v;
}

/// The view a case names: "t" the transpose, "s" every other element along every axis.
inline cupp::array view_of(const cupp::array& a, const std::string& view) {
  if (view == "t") return a.transpose();
  if (view == "s") {
    std::vector<cupp::detail::index_item> items(static_cast<std::size_t>(a.ndim()),
                                                cupp::slice(std::nullopt, std::nullopt, 2));
    return cupp::array(cupp::detail::index_view(a.desc(), items));
  }
  return a;
}

/// The tolerances of a result of dtype `dt` that sums many products: relative to the largest
/// magnitude of the expected result.
inline double tolerance(cupp::dtype dt) {
  switch (dt) {
    case cupp::dtype::float16:
      return 4e-3;
    case cupp::dtype::float32:
    case cupp::dtype::complex64:
      return 2e-5;
    case cupp::dtype::float64:
    case cupp::dtype::complex128:
      return 1e-11;
    default:
      return 0.0;
  }
}

/// `got` has `want`'s shape and every element (real and imaginary parts) is within
/// tolerance(dtype) * max|want| of SciPy's (NaN matching NaN); integers exactly.
inline ::testing::AssertionResult close(const cupp::array& got, const cupp::array& want,
                                        const std::string& what, double scale = 1.0) {
  if (auto shape = cupp::test::same_shape(got.shape(), want.shape(), what); !shape) return shape;
  using cd = std::complex<double>;
  const std::vector<cd> g = got.get<cd>(cupp::casting::unsafe);
  const std::vector<cd> w = want.get<cd>(cupp::casting::unsafe);
  double big = 1.0;
  for (const cd& v : w)
    if (std::isfinite(std::abs(v))) big = std::max(big, std::abs(v));
  const double tol = scale * tolerance(want.dtype()) * big;
  std::ostringstream os;
  int bad = 0;
  for (std::size_t i = 0; i < g.size(); ++i) {
    const auto same = [&](double x, double y) {
      return (std::isnan(x) && std::isnan(y)) || x == y || std::abs(x - y) <= tol;
    };
    if (same(g[i].real(), w[i].real()) && same(g[i].imag(), w[i].imag())) continue;
    if (++bad <= 5) os << "\n  [" << i << "] " << g[i] << " instead of " << w[i];
  }
  if (bad == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << what << ": " << bad << " of " << g.size()
                                       << " elements differ (tolerance " << tol << ")" << os.str();
}

}  // namespace cupp::test::signal_ref
