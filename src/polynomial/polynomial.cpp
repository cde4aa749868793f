// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The host side of numpy's polynomial routines: the coefficient arithmetic (coefficient vectors
// are a handful of numbers, Note [Polynomial coefficients on the host]), NumPy's checks and
// poly1d's text.
#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <cstdio>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/routines/polynomial.hpp"

namespace cupp::detail {

using cvec = std::vector<std::complex<double>>;

cvec poly_trim_leading(const cvec& c) {
  std::size_t first = 0;
  while (first < c.size() && c[first] == 0.0) ++first;
  if (first == c.size()) return cvec{0.0};
  return cvec(c.begin() + static_cast<std::ptrdiff_t>(first), c.end());
}

cvec poly_add_host(const cvec& a, const cvec& b, double sign) {
  const std::size_t n = std::max(a.size(), b.size());
  cvec r(n, 0.0);
  for (std::size_t i = 0; i < a.size(); ++i) r[n - a.size() + i] += a[i];
  for (std::size_t i = 0; i < b.size(); ++i) r[n - b.size() + i] += sign * b[i];
  return r;
}

cvec poly_mul_host(const cvec& a, const cvec& b) {
  if (a.empty() || b.empty()) return {};
  cvec r(a.size() + b.size() - 1, 0.0);
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < b.size(); ++j) r[i + j] += a[i] * b[j];
  return r;
}

std::pair<cvec, cvec> poly_div_host(const cvec& u, const cvec& v) {
  CUPP_EXPECTS(!u.empty() && !v.empty(), index_error,
               "index 0 is out of bounds for axis 0 with size 0");
  const std::int64_t m = static_cast<std::int64_t>(u.size()) - 1;
  const std::int64_t n = static_cast<std::int64_t>(v.size()) - 1;
  const std::complex<double> scale = 1.0 / v[0];
  cvec q(static_cast<std::size_t>(std::max<std::int64_t>(m - n + 1, 1)), 0.0);
  cvec r = u;
  for (std::int64_t k = 0; k < m - n + 1; ++k) {
    const std::complex<double> d = scale * r[static_cast<std::size_t>(k)];
    q[static_cast<std::size_t>(k)] = d;
    for (std::int64_t j = 0; j <= n; ++j)
      r[static_cast<std::size_t>(k + j)] -= d * v[static_cast<std::size_t>(j)];
  }
  // NumPy drops leading remainder terms that allclose(r[0], 0, rtol=1e-14) calls zero.
  std::size_t first = 0;
  while (r.size() - first > 1 && std::abs(r[first]) <= 1e-8) ++first;
  return {std::move(q), cvec(r.begin() + static_cast<std::ptrdiff_t>(first), r.end())};
}

void check_polyder_order(std::int64_t m) {
  CUPP_EXPECTS(m >= 0, value_error, "Order of derivative must be positive (see polyint)");
}

cvec poly_der_host(cvec p, std::int64_t m) {
  check_polyder_order(m);
  for (std::int64_t step = 0; step < m; ++step) {
    if (p.empty()) break;
    const std::size_t n = p.size() - 1;
    cvec y(n);
    for (std::size_t i = 0; i < n; ++i) y[i] = p[i] * static_cast<double>(n - i);
    p = std::move(y);
  }
  return p;
}

std::vector<std::complex<double>> polyint_constants(std::int64_t m,
                                                    const std::vector<std::complex<double>>& k) {
  CUPP_EXPECTS(m >= 0, value_error, "Order of integral must be positive (see polyder)");
  if (k.empty()) return cvec(static_cast<std::size_t>(m), 0.0);
  if (k.size() == 1 && m > 1) return cvec(static_cast<std::size_t>(m), k[0]);
  CUPP_EXPECTS(static_cast<std::int64_t>(k.size()) >= m, value_error,
               "k must be a scalar or a rank-1 array of length 1 or >m.");
  return k;
}

cvec poly_int_host(cvec p, std::int64_t m, const cvec& k) {
  const cvec ks = polyint_constants(m, k);
  for (std::int64_t step = 0; step < m; ++step) {
    const std::size_t n = p.size();
    cvec y(n + 1);
    for (std::size_t i = 0; i < n; ++i) y[i] = p[i] / static_cast<double>(n - i);
    y[n] = ks[static_cast<std::size_t>(step)];
    p = std::move(y);
  }
  return p;
}

cvec poly_from_zeros_host(const cvec& zeros) {
  cvec a{1.0};
  for (const auto& z : zeros) a = poly_mul_host(a, cvec{1.0, -z});
  return a;
}

void check_poly_zeros_shape(const shape_t& s) {
  CUPP_EXPECTS(s.size() <= 1 || (s.size() == 2 && s[0] == s[1] && s[0] != 0), value_error,
               "input must be 1d or non-empty square 2d array.");
}

void check_roots_shape(std::int64_t ndim) {
  CUPP_EXPECTS(ndim <= 1, value_error, "Input must be a rank-1 array.");
}

void check_poly1d_shape(std::int64_t ndim) {
  CUPP_EXPECTS(ndim <= 1, value_error, "Polynomial must be 1d only.");
}

void check_poly_power(std::int64_t n) {
  CUPP_EXPECTS(n >= 0, value_error, "Power to non-negative integers only.");
}

void check_polyfit(std::int64_t deg, const shape_t& x, const shape_t& y, const shape_t* w) {
  CUPP_EXPECTS(deg >= 0, value_error, "expected deg >= 0");
  CUPP_EXPECTS(x.size() == 1, type_error, "expected 1D vector for x");
  CUPP_EXPECTS(x[0] != 0, type_error, "expected non-empty vector for x");
  CUPP_EXPECTS(y.size() == 1 || y.size() == 2, type_error, "expected 1D or 2D array for y");
  CUPP_EXPECTS(x[0] == y[0], type_error, "expected x and y to have same length");
  if (w) {
    CUPP_EXPECTS(w->size() == 1, type_error, "expected a 1-d array for weights");
    CUPP_EXPECTS((*w)[0] == y[0], type_error, "expected w and y to have the same length");
  }
}

void check_polyfit_cov(std::int64_t points, std::int64_t order) {
  CUPP_EXPECTS(points > order, value_error,
               "the number of data points must exceed order to scale the covariance matrix");
}

void check_polyvander_deg(std::int64_t deg) {
  CUPP_EXPECTS(deg >= 0, value_error, "deg must be non-negative");
}

void check_series(std::int64_t size, std::int64_t ndim) {
  CUPP_EXPECTS(size != 0, value_error, "Coefficient array is empty");
  CUPP_EXPECTS(ndim == 1, value_error, "Coefficient array is not 1-d");
}

std::size_t trimseq_length(const cvec& c) {
  std::size_t n = c.size();
  while (n > 1 && c[n - 1] == 0.0) --n;
  return n;
}

void check_trimcoef_tol(double tol) {
  CUPP_EXPECTS(tol >= 0, value_error, "tol must be non-negative");
}

void check_polycompanion(std::int64_t n) {
  CUPP_EXPECTS(n >= 2, value_error, "Series must have maximum degree of at least 1.");
}

namespace {

/// Python's f'{q:.4g}' without a trailing ".0000".
std::string fmt_float(double q) {
  if (std::isnan(q)) return "nan";
  if (std::isinf(q)) return q > 0 ? "inf" : "-inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4g", q);
  std::string s = buf;
  if (s.size() >= 5 && s.compare(s.size() - 5, 5, ".0000") == 0) s.resize(s.size() - 5);
  return s;
}

/// numpy's _raise_power: lifts each "**k" onto a line above, wrapped at 70 columns.
std::string raise_power(const std::string& astr, std::size_t wrap = 70) {
  static const std::regex power_re("\\*\\*([0-9]*)");
  std::size_t n = 0;
  std::string line1, line2, output = " ";
  std::smatch mat;
  auto begin = astr.cbegin();
  while (std::regex_search(begin + static_cast<std::ptrdiff_t>(n), astr.cend(), mat, power_re)) {
    const std::size_t start = n + static_cast<std::size_t>(mat.position(0));
    const std::string power = mat[1].str();
    const std::string partstr = astr.substr(n, start - n);
    n = start + static_cast<std::size_t>(mat.length(0));
    const std::string toadd2 = partstr + std::string(power.size() - 1, ' ');
    const std::string toadd1 = std::string(partstr.size() - 1, ' ') + power;
    if (line2.size() + toadd2.size() > wrap || line1.size() + toadd1.size() > wrap) {
      output += line1 + "\n" + line2 + "\n ";
      line1 = toadd1;
      line2 = toadd2;
    } else {
      line2 += toadd2;
      line1 += toadd1;
    }
  }
  output += line1 + "\n" + line2;
  return output + astr.substr(n);
}

}  // namespace

std::string poly1d_str(const cvec& coeffs_in, const std::string& var) {
  // Leading zeros are not printed.
  std::size_t first = 0;
  while (first < coeffs_in.size() && coeffs_in[first] == 0.0) ++first;
  const cvec coeffs(coeffs_in.begin() + static_cast<std::ptrdiff_t>(first), coeffs_in.end());
  std::string thestr = "0";
  const std::int64_t big_n = static_cast<std::int64_t>(coeffs.size()) - 1;
  for (std::size_t k = 0; k < coeffs.size(); ++k) {
    const auto c = coeffs[k];
    std::string coefstr;
    if (c.imag() == 0)
      coefstr = fmt_float(c.real());
    else if (c.real() == 0)
      coefstr = fmt_float(c.imag()) + "j";
    else
      coefstr = "(" + fmt_float(c.real()) + " + " + fmt_float(c.imag()) + "j)";
    const std::int64_t power = big_n - static_cast<std::int64_t>(k);
    std::string newstr;
    if (power == 0)
      newstr = coefstr != "0" ? coefstr : (k == 0 ? "0" : "");
    else if (power == 1)
      newstr = coefstr == "0" ? "" : coefstr + " " + var;
    else
      newstr = coefstr == "0" ? "" : coefstr + " " + var + "**" + std::to_string(power);
    if (k > 0) {
      if (!newstr.empty()) {
        if (newstr[0] == '-')
          thestr += " - " + newstr.substr(1);
        else
          thestr += " + " + newstr;
      }
    } else {
      thestr = newstr;
    }
  }
  return raise_power(thestr);
}

}  // namespace cupp::detail
