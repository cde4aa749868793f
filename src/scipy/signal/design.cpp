// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Filter design of scipy.signal on the host (include/cupp/scipy/signal/design.hpp): the same
// steps in the same order as SciPy, so that the coefficients agree to rounding.
#include "cupp/scipy/signal/design.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <numeric>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "cupp/array.hpp"
#include "cupp/core/error.hpp"
#include "host_fft.hpp"

namespace cupp::scipy::signal {

namespace {

using cd = std::complex<double>;
using cvec = std::vector<cd>;
using vec = std::vector<double>;
constexpr double kPi = 3.14159265358979323846;
constexpr double kEps = std::numeric_limits<double>::epsilon();

std::string fmt(double v) { return detail::py_repr(v); }

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool is_real(cd v) { return v.imag() == 0.0; }

cvec to_complex(const vec& v) { return cvec(v.begin(), v.end()); }

// numpy.convolve of two coefficient lists.
template <class T>
std::vector<T> polymul(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.empty() || b.empty()) return {};
  std::vector<T> out(a.size() + b.size() - 1, T(0));
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t j = 0; j < b.size(); ++j) out[i + j] += a[i] * b[j];
  return out;
}

// The real parts of polynomial coefficients whose roots come in conjugate pairs.
// Note [Real coefficients]: numpy.poly returns real coefficients when the roots are closed
// under conjugation (and complex ones otherwise); cupp's transfer functions are real, so a set
// of roots without conjugates is refused rather than silently losing the imaginary parts.
vec real_coefficients(const cvec& c) {
  double scale = 0.0;
  for (const cd& v : c) scale = std::max(scale, std::abs(v));
  vec out(c.size());
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (std::abs(c[i].imag()) > 1e-9 * std::max(scale, 1.0))
      throw value_error(
          "the zeros and poles must come in complex conjugate pairs (cupp's transfer functions "
          "have real coefficients)");
    out[i] = c[i].real();
  }
  return out;
}

// Aberth-Ehrlich iteration from the starting points x, on a polynomial given by `eval`, which
// returns its value and derivative at a point; then Newton steps that are kept only where they
// lower |p|.
template <class Eval>
void aberth(Eval eval, cvec& x, int maxiter = 500) {
  const std::size_t n = x.size();
  for (int it = 0; it < maxiter; ++it) {
    bool done = true;
    for (std::size_t k = 0; k < n; ++k) {
      const auto [pv, dv] = eval(x[k]);
      if (pv == 0.0) continue;
      const cd ratio = pv / dv;
      cd s = 0;
      for (std::size_t j = 0; j < n; ++j)
        if (j != k) s += 1.0 / (x[k] - x[j]);
      const cd w = ratio / (1.0 - ratio * s);
      if (!std::isfinite(w.real()) || !std::isfinite(w.imag())) continue;
      x[k] -= w;
      if (std::abs(w) > 4 * kEps * std::abs(x[k])) done = false;
    }
    if (done) break;
  }
  for (std::size_t k = 0; k < n; ++k) {
    for (int it = 0; it < 3; ++it) {
      const auto [pv, dv] = eval(x[k]);
      if (dv == 0.0) break;
      const cd cand = x[k] - pv / dv;
      if (std::abs(eval(cand).first) < std::abs(pv))
        x[k] = cand;
      else
        break;
    }
  }
}

// The value and derivative of the polynomial c (highest power first) at x, by Horner's rule.
std::pair<cd, cd> horner_eval(const cvec& c, cd x) {
  cd p = 0, d = 0;
  for (const cd& v : c) {
    d = d * x + p;
    p = p * x + v;
  }
  return {p, d};
}

// Note [Double-double Bessel polynomial]: the reverse Bessel polynomial of order N has
// coefficients from 1 to (2N)!/(N! 2^N) and its zeros lie where the terms cancel to about
// 1e-8 of their size for N = 25, so double arithmetic finds them only to ~1e-8. Its three-term
// recurrence y_n = (2n - 1) x y_{n-1} + y_{n-2} evaluated in double-double arithmetic (about 32
// digits) gives the zeros to double precision, as SciPy's evaluation through kve does.
struct dd {
  double hi = 0, lo = 0;
};
dd quick_two_sum(double a, double b) {
  const double s = a + b;
  return {s, b - (s - a)};
}
dd dd_add(dd a, dd b) {
  const double s = a.hi + b.hi;
  const double bb = s - a.hi;
  const double e = (a.hi - (s - bb)) + (b.hi - bb) + a.lo + b.lo;
  return quick_two_sum(s, e);
}
dd dd_neg(dd a) { return {-a.hi, -a.lo}; }
dd dd_mul(dd a, dd b) {
  const double p = a.hi * b.hi;
  const double e = std::fma(a.hi, b.hi, -p) + (a.hi * b.lo + a.lo * b.hi);
  return quick_two_sum(p, e);
}
struct cdd {
  dd re, im;
};
cdd cdd_add(const cdd& a, const cdd& b) { return {dd_add(a.re, b.re), dd_add(a.im, b.im)}; }
cdd cdd_mul(const cdd& a, const cdd& b) {
  return {dd_add(dd_mul(a.re, b.re), dd_neg(dd_mul(a.im, b.im))),
          dd_add(dd_mul(a.re, b.im), dd_mul(a.im, b.re))};
}
cdd cdd_scale(const cdd& a, double f) { return {dd_mul(a.re, {f, 0}), dd_mul(a.im, {f, 0})}; }
cd to_cd(const cdd& a) { return {a.re.hi + a.re.lo, a.im.hi + a.im.lo}; }

std::pair<cd, cd> bessel_poly_eval(int N, cd xd) {
  const cdd x{{xd.real(), 0}, {xd.imag(), 0}};
  cdd y0{{1, 0}, {0, 0}}, y1 = cdd_add(y0, x);
  cdd d0{{0, 0}, {0, 0}}, d1{{1, 0}, {0, 0}};
  if (N == 0) return {1.0, 0.0};
  for (int n = 2; n <= N; ++n) {
    const double f = 2.0 * n - 1;
    const cdd y2 = cdd_add(cdd_scale(cdd_mul(x, y1), f), y0);
    const cdd d2 = cdd_add(cdd_scale(cdd_add(y1, cdd_mul(x, d1)), f), d0);
    y0 = y1;
    y1 = y2;
    d0 = d1;
    d1 = d2;
  }
  return {to_cd(y1), to_cd(d1)};
}

}  // namespace

namespace detail {

std::vector<cd> poly_roots(const std::vector<cd>& c_in) {
  std::size_t lead = 0;
  while (lead < c_in.size() && c_in[lead] == 0.0) ++lead;
  std::size_t end = c_in.size();
  while (end > lead && c_in[end - 1] == 0.0) --end;
  const std::size_t trailing = c_in.size() - end;
  cvec roots;
  if (end > lead + 1) {
    cvec c(c_in.begin() + lead, c_in.begin() + end);
    const cd c0 = c[0];
    for (cd& v : c) v /= c0;
    const std::size_t n = c.size() - 1;
    if (n == 1) {
      roots.push_back(-c[1]);
    } else if (n == 2) {
      // The stable quadratic formula.
      const cd b = c[1], cc = c[2];
      const cd d = std::sqrt(b * b - 4.0 * cc);
      const cd q = (std::real(std::conj(b) * d) >= 0) ? -0.5 * (b + d) : -0.5 * (b - d);
      if (q == 0.0) {
        roots = {0.0, 0.0};
      } else {
        roots = {q, cc / q};
      }
      if (std::abs(roots[0]) < std::abs(roots[1])) std::swap(roots[0], roots[1]);
      // Real-coefficient quadratics with complex roots: make them exact conjugates.
      if (c[1].imag() == 0 && c[2].imag() == 0 && roots[0].imag() != 0) {
        roots[1] = std::conj(roots[0]);
        if (roots[0].imag() < 0) std::swap(roots[0], roots[1]);
      }
    } else {
      // Start on a circle around the centroid, of the radius the coefficients bound.
      const cd centre = -c[1] / static_cast<double>(n);
      double radius = 0.0;
      for (std::size_t k = 1; k <= n; ++k)
        radius = std::max(radius, std::pow(std::abs(c[k]), 1.0 / static_cast<double>(k)));
      radius = std::max(radius, 1e-3);
      cvec x(n);
      for (std::size_t k = 0; k < n; ++k)
        x[k] = centre +
               radius *
                   std::polar(1.0, 2 * kPi * static_cast<double>(k) / static_cast<double>(n) + 0.4);
      aberth([&](cd v) { return horner_eval(c, v); }, x);
      // Note [Conjugate roots]: the roots of a real polynomial come out of the iteration as
      // conjugate pairs to rounding; numpy.roots (an eigenvalue solver) returns them as exact
      // pairs and real roots as real, and zpk2sos relies on it, so the same is made true here.
      bool real_poly = true;
      for (const cd& v : c) real_poly = real_poly && v.imag() == 0;
      if (real_poly) {
        for (cd& v : x)
          if (std::abs(v.imag()) <= 1e-12 * std::max(1.0, std::abs(v))) v = v.real();
        std::vector<bool> used(n, false);
        for (std::size_t i = 0; i < n; ++i) {
          if (used[i] || x[i].imag() <= 0) continue;
          std::size_t best = n;
          double bd = HUGE_VAL;
          for (std::size_t j = 0; j < n; ++j)
            if (!used[j] && x[j].imag() < 0 && std::abs(x[j] - std::conj(x[i])) < bd) {
              bd = std::abs(x[j] - std::conj(x[i]));
              best = j;
            }
          used[i] = true;
          if (best == n) {
            x[i] = x[i].real();
            continue;
          }
          const cd m = 0.5 * (x[i] + std::conj(x[best]));
          x[i] = m;
          x[best] = std::conj(m);
          used[best] = true;
        }
        for (std::size_t i = 0; i < n; ++i)
          if (!used[i] && x[i].imag() != 0) x[i] = x[i].real();
      }
      roots = x;
    }
  }
  roots.insert(roots.end(), trailing, cd(0.0));
  return roots;
}

std::vector<cd> poly_from_roots(const std::vector<cd>& r) {
  cvec a{1.0};
  for (const cd& v : r) a = polymul(a, cvec{1.0, -v});
  return a;
}

}  // namespace detail

// ---- filter_coeffs ----------------------------------------------------------------------------

ba filter_coeffs::tf() const {
  if (output != "ba")
    throw value_error("the filter was designed with output='" + output + "', not 'ba'");
  return {b, a};
}
signal::zpk filter_coeffs::zpk() const {
  if (output != "zpk")
    throw value_error("the filter was designed with output='" + output + "', not 'zpk'");
  return {z, p, k};
}
const sos_array& filter_coeffs::sections() const {
  if (output != "sos")
    throw value_error("the filter was designed with output='" + output + "', not 'sos'");
  return sos;
}

// ---- Conversions ------------------------------------------------------------------------------

ba normalize(const std::vector<double>& b, const std::vector<double>& a) {
  std::size_t lead = 0;
  while (lead < a.size() && a[lead] == 0.0) ++lead;
  if (lead == a.size()) throw value_error("Denominator must have at least on nonzero element.");
  vec den(a.begin() + lead, a.end());
  vec num(b);
  if (num.empty()) num = {0.0};
  const double d0 = den[0];
  for (double& v : num) v /= d0;
  for (double& v : den) v /= d0;
  std::size_t zeros = 0;
  while (zeros < num.size() && std::abs(num[zeros]) <= 1e-14) ++zeros;
  // SciPy warns BadCoefficients here; the leading zeros go (all but one when all are zero).
  if (zeros == num.size()) --zeros;
  num.erase(num.begin(), num.begin() + static_cast<std::ptrdiff_t>(zeros));
  return {num, den};
}

ba zpk2tf(const std::vector<cd>& z, const std::vector<cd>& p, double k) {
  cvec bz = detail::poly_from_roots(z);
  for (cd& v : bz) v *= k;
  return {real_coefficients(bz), real_coefficients(detail::poly_from_roots(p))};
}

zpk tf2zpk(const std::vector<double>& b_in, const std::vector<double>& a_in) {
  const ba n = normalize(b_in, a_in);
  vec b = n.b;
  const double k = b[0];
  for (double& v : b) v /= k;
  return {detail::poly_roots(to_complex(b)), detail::poly_roots(to_complex(n.a)), k};
}

namespace {

// SciPy's _cplxreal: the complex values with positive imaginary part (each the mean with its
// conjugate partner) and the real ones, each sorted as SciPy sorts them.
std::pair<cvec, vec> cplxreal(cvec z) {
  if (z.empty()) return {};
  const double tol = 100 * kEps;
  std::stable_sort(z.begin(), z.end(), [](const cd& x, const cd& y) {
    if (x.real() != y.real()) return x.real() < y.real();
    return std::abs(x.imag()) < std::abs(y.imag());
  });
  vec zr;
  cvec zp, zn;
  for (const cd& v : z) {
    if (std::abs(v.imag()) <= tol * std::abs(v))
      zr.push_back(v.real());
    else if (v.imag() > 0)
      zp.push_back(v);
    else
      zn.push_back(v);
  }
  if (zp.size() != zn.size())
    throw value_error("Array contains complex value with no matching conjugate.");
  // Runs of equal real part are sorted by |imag|.
  std::size_t i = 0;
  while (i < zp.size()) {
    std::size_t j = i;
    while (j + 1 < zp.size() && zp[j + 1].real() - zp[j].real() <= tol * std::abs(zp[j])) ++j;
    if (j > i) {
      auto by_imag = [](const cd& x, const cd& y) {
        return std::abs(x.imag()) < std::abs(y.imag());
      };
      std::stable_sort(zp.begin() + i, zp.begin() + j + 1, by_imag);
      std::stable_sort(zn.begin() + i, zn.begin() + j + 1, by_imag);
    }
    i = j + 1;
  }
  cvec zc;
  for (std::size_t m = 0; m < zp.size(); ++m) {
    if (std::abs(zp[m] - std::conj(zn[m])) > tol * std::abs(zn[m]))
      throw value_error("Array contains complex value with no matching conjugate.");
    zc.push_back((zp[m] + std::conj(zn[m])) / 2.0);
  }
  return {zc, zr};
}

cvec cplxreal_concat(const cvec& z) {
  auto [zc, zr] = cplxreal(z);
  cvec out = zc;
  for (double v : zr) out.push_back(v);
  return out;
}

enum class which { real, complex, any };

std::size_t nearest_idx(const cvec& fro, cd to, which w) {
  std::vector<std::size_t> order(fro.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return std::abs(fro[x] - to) < std::abs(fro[y] - to);
  });
  for (std::size_t idx : order) {
    if (w == which::any) return idx;
    if ((w == which::real) == is_real(fro[idx])) return idx;
  }
  throw value_error("no matching zero for a pole");
}

std::array<double, 6> single_zpksos(const cvec& z, const cvec& p, double k) {
  std::array<double, 6> s{};
  const ba t = zpk2tf(z, p, k);
  std::copy(t.b.begin(), t.b.end(), s.begin() + (3 - t.b.size()));
  std::copy(t.a.begin(), t.a.end(), s.begin() + (6 - t.a.size()));
  return s;
}

cd take(cvec& v, std::size_t idx) {
  const cd x = v[idx];
  v.erase(v.begin() + static_cast<std::ptrdiff_t>(idx));
  return x;
}

std::size_t count_real(const cvec& v) {
  return static_cast<std::size_t>(std::count_if(v.begin(), v.end(), is_real));
}

}  // namespace

sos_array zpk2sos(const std::vector<cd>& z_in, const std::vector<cd>& p_in, double k,
                  const std::string& pairing_in, bool analog) {
  const std::string pairing = pairing_in.empty() ? (analog ? "minimal" : "nearest") : pairing_in;
  if (pairing != "nearest" && pairing != "keep_odd" && pairing != "minimal")
    throw value_error("pairing must be one of ['nearest', 'keep_odd', 'minimal'], not " + pairing);
  if (analog && pairing != "minimal")
    throw value_error("for analog zpk2sos conversion, pairing must be \"minimal\"");
  cvec z = z_in, p = p_in;
  if (z.empty() && p.empty()) {
    if (!analog) return {{k, 0., 0., 1., 0., 0.}};
    return {{0., 0., k, 0., 0., 1.}};
  }
  std::size_t n_sections;
  if (pairing != "minimal") {
    if (z.size() > p.size()) p.resize(z.size(), 0.0);
    if (p.size() > z.size()) z.resize(p.size(), 0.0);
    n_sections = (std::max(p.size(), z.size()) + 1) / 2;
    if (p.size() % 2 == 1 && pairing == "nearest") {
      p.push_back(0.0);
      z.push_back(0.0);
    }
  } else {
    if (p.size() < z.size())
      throw value_error("for analog zpk2sos conversion, must have len(p)>=len(z)");
    n_sections = (p.size() + 1) / 2;
  }
  z = cplxreal_concat(z);
  p = cplxreal_concat(p);
  auto idx_worst = [&](const cvec& v) {
    std::size_t best = 0;
    double bv = 1e300;
    for (std::size_t i = 0; i < v.size(); ++i) {
      const double d = analog ? std::abs(v[i].real()) : std::abs(1 - std::abs(v[i]));
      if (d < bv) {
        bv = d;
        best = i;
      }
    }
    return best;
  };
  sos_array sos(n_sections, std::array<double, 6>{});
  for (std::size_t si = n_sections; si-- > 0;) {
    const cd p1 = take(p, idx_worst(p));
    if (is_real(p1) && count_real(p) == 0) {
      if (pairing != "minimal") {
        const cd z1 = take(z, nearest_idx(z, p1, which::real));
        sos[si] = single_zpksos({z1, 0.0}, {p1, 0.0}, 1);
      } else if (!z.empty()) {
        const cd z1 = take(z, nearest_idx(z, p1, which::real));
        sos[si] = single_zpksos({z1}, {p1}, 1);
      } else {
        sos[si] = single_zpksos({}, {p1}, 1);
      }
    } else if (p.size() + 1 == z.size() && !is_real(p1) && count_real(p) == 1 &&
               count_real(z) == 1) {
      const cd z1 = take(z, nearest_idx(z, p1, which::complex));
      sos[si] = single_zpksos({z1, std::conj(z1)}, {p1, std::conj(p1)}, 1);
    } else {
      cd p2;
      if (is_real(p1)) {
        std::vector<std::size_t> realidx;
        cvec reals;
        for (std::size_t i = 0; i < p.size(); ++i)
          if (is_real(p[i])) {
            realidx.push_back(i);
            reals.push_back(p[i]);
          }
        p2 = take(p, realidx[idx_worst(reals)]);
      } else {
        p2 = std::conj(p1);
      }
      if (!z.empty()) {
        const cd z1 = take(z, nearest_idx(z, p1, which::any));
        if (!is_real(z1)) {
          sos[si] = single_zpksos({z1, std::conj(z1)}, {p1, p2}, 1);
        } else if (!z.empty()) {
          const cd z2 = take(z, nearest_idx(z, p1, which::real));
          sos[si] = single_zpksos({z1, z2}, {p1, p2}, 1);
        } else {
          sos[si] = single_zpksos({z1}, {p1, p2}, 1);
        }
      } else {
        sos[si] = single_zpksos({}, {p1, p2}, 1);
      }
    }
  }
  for (int i = 0; i < 3; ++i) sos[0][i] *= k;
  return sos;
}

sos_array tf2sos(const std::vector<double>& b, const std::vector<double>& a,
                 const std::string& pairing, bool analog) {
  const zpk f = tf2zpk(b, a);
  return zpk2sos(f.z, f.p, f.k, pairing, analog);
}

ba sos2tf(const sos_array& sos) {
  vec b{1.0}, a{1.0};
  for (const auto& s : sos) {
    b = polymul(b, vec{s[0], s[1], s[2]});
    a = polymul(a, vec{s[3], s[4], s[5]});
  }
  return {b, a};
}

zpk sos2zpk(const sos_array& sos) {
  zpk out;
  out.z.assign(sos.size() * 2, 0.0);
  out.p.assign(sos.size() * 2, 0.0);
  out.k = 1.0;
  for (std::size_t s = 0; s < sos.size(); ++s) {
    const zpk f = tf2zpk({sos[s][0], sos[s][1], sos[s][2]}, {sos[s][3], sos[s][4], sos[s][5]});
    std::copy(f.z.begin(), f.z.end(), out.z.begin() + 2 * s);
    std::copy(f.p.begin(), f.p.end(), out.p.begin() + 2 * s);
    out.k *= f.k;
  }
  return out;
}

// ---- Partial fractions ------------------------------------------------------------------------

namespace {

// NumPy's polynomial helpers on complex coefficients, highest power first.
cvec poly_add(const cvec& a, const cvec& b) {
  const std::size_t n = std::max(a.size(), b.size());
  cvec out(n, 0.0);
  for (std::size_t i = 0; i < a.size(); ++i) out[n - a.size() + i] += a[i];
  for (std::size_t i = 0; i < b.size(); ++i) out[n - b.size() + i] += b[i];
  return out;
}
cvec poly_scale(const cvec& a, cd f) {
  cvec out(a);
  for (cd& v : out) v *= f;
  return out;
}
cd poly_val(const cvec& c, cd x) {
  cd s = 0;
  for (const cd& v : c) s = s * x + v;
  return s;
}
// numpy.polydiv: quotient and remainder, the remainder's leading terms dropped while they are
// within NumPy's allclose of zero (1e-8).
std::pair<cvec, cvec> poly_div(const cvec& u, const cvec& v) {
  const std::ptrdiff_t m = static_cast<std::ptrdiff_t>(u.size()) - 1;
  const std::ptrdiff_t n = static_cast<std::ptrdiff_t>(v.size()) - 1;
  const cd scale = 1.0 / v[0];
  cvec q(static_cast<std::size_t>(std::max<std::ptrdiff_t>(m - n + 1, 1)), 0.0);
  cvec r(u);
  for (std::ptrdiff_t k = 0; k <= m - n; ++k) {
    const cd d = scale * r[k];
    q[k] = d;
    for (std::ptrdiff_t j = 0; j <= n; ++j) r[k + j] -= d * v[j];
  }
  while (r.size() > 1 && std::abs(r[0]) <= 1e-8) r.erase(r.begin());
  return {q, r};
}

cd reduce_group(const cvec& g, const std::string& rtype) {
  if (rtype == "avg" || rtype == "mean") {
    cd s = 0;
    for (const cd& v : g) s += v;
    return s / static_cast<double>(g.size());
  }
  // NumPy orders complex numbers by real part, then imaginary part.
  auto less = [](const cd& x, const cd& y) {
    return x.real() < y.real() || (x.real() == y.real() && x.imag() < y.imag());
  };
  return rtype == "min" || rtype == "minimum" ? *std::min_element(g.begin(), g.end(), less)
                                              : *std::max_element(g.begin(), g.end(), less);
}

void check_rtype(const std::string& rtype) {
  if (rtype != "max" && rtype != "maximum" && rtype != "min" && rtype != "minimum" &&
      rtype != "avg" && rtype != "mean")
    throw value_error("`rtype` must be one of {'max', 'maximum', 'min', 'minimum', 'avg', 'mean'}");
}

// SciPy's _group_poles: consecutive poles within tol of a block's first one form a block.
std::pair<cvec, std::vector<std::int64_t>> group_poles(const cvec& poles, double tol,
                                                       const std::string& rtype) {
  check_rtype(rtype);
  cvec unique;
  std::vector<std::int64_t> mult;
  if (poles.empty()) return {unique, mult};
  cd pole = poles[0];
  cvec block{pole};
  for (std::size_t i = 1; i < poles.size(); ++i) {
    if (std::abs(poles[i] - pole) <= tol) {
      block.push_back(pole);
    } else {
      unique.push_back(reduce_group(block, rtype));
      mult.push_back(static_cast<std::int64_t>(block.size()));
      pole = poles[i];
      block = {pole};
    }
  }
  unique.push_back(reduce_group(block, rtype));
  mult.push_back(static_cast<std::int64_t>(block.size()));
  return {unique, mult};
}

// SciPy's _compute_factors: the denominator divided by each (power of each) pole's factor.
std::pair<std::vector<cvec>, cvec> compute_factors(const cvec& roots,
                                                   const std::vector<std::int64_t>& mult,
                                                   bool include_powers) {
  cvec current{1.0};
  std::vector<cvec> suffixes{current};
  for (std::size_t i = roots.size(); i-- > 1;) {
    const cvec monomial{1.0, -roots[i]};
    for (std::int64_t m = 0; m < mult[i]; ++m) current = polymul(current, monomial);
    suffixes.push_back(current);
  }
  std::reverse(suffixes.begin(), suffixes.end());
  std::vector<cvec> factors;
  current = {1.0};
  for (std::size_t i = 0; i < roots.size(); ++i) {
    const cvec monomial{1.0, -roots[i]};
    std::vector<cvec> block;
    for (std::int64_t m = 0; m < mult[i]; ++m) {
      if (m == 0 || include_powers) block.push_back(polymul(current, suffixes[i]));
      current = polymul(current, monomial);
    }
    factors.insert(factors.end(), block.rbegin(), block.rend());
  }
  return {factors, current};
}

cvec compute_residues(const cvec& poles, const std::vector<std::int64_t>& mult,
                      const cvec& numerator) {
  const auto [factors, unused] = compute_factors(poles, mult, false);
  (void)unused;
  cvec out;
  for (std::size_t i = 0; i < poles.size(); ++i) {
    if (mult[i] == 1) {
      out.push_back(poly_val(numerator, poles[i]) / poly_val(factors[i], poles[i]));
      continue;
    }
    cvec numer = numerator;
    const cvec monomial{1.0, -poles[i]};
    const auto [factor, d] = poly_div(factors[i], monomial);
    cvec block;
    for (std::int64_t m = 0; m < mult[i]; ++m) {
      auto [q, n] = poly_div(numer, monomial);
      const cd r = n[0] / d[0];
      numer = poly_add(q, poly_scale(factor, -r));
      block.push_back(r);
    }
    out.insert(out.end(), block.rbegin(), block.rend());
  }
  return out;
}

// SciPy's _cmplx_sort: by magnitude (a stable order for equal magnitudes).
std::vector<std::size_t> cmplx_order(const cvec& p) {
  std::vector<std::size_t> idx(p.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(),
                   [&](std::size_t a, std::size_t b) { return std::abs(p[a]) < std::abs(p[b]); });
  return idx;
}

cvec trim_front(const vec& v) {
  std::size_t i = 0;
  while (i < v.size() && v[i] == 0.0) ++i;
  return cvec(v.begin() + static_cast<std::ptrdiff_t>(i), v.end());
}
cvec trim_back(const vec& v) {
  std::size_t e = v.size();
  while (e > 0 && v[e - 1] == 0.0) --e;
  return cvec(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(e));
}

}  // namespace

std::pair<std::vector<cd>, std::vector<std::int64_t>> unique_roots(const std::vector<cd>& p,
                                                                   double tol,
                                                                   const std::string& rtype) {
  check_rtype(rtype);
  cvec unique;
  std::vector<std::int64_t> mult;
  std::vector<bool> used(p.size(), false);
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (used[i]) continue;
    cvec group;
    for (std::size_t j = 0; j < p.size(); ++j)
      if (!used[j] && std::abs(p[j] - p[i]) <= tol) {
        group.push_back(p[j]);
        used[j] = true;
      }
    unique.push_back(reduce_group(group, rtype));
    mult.push_back(static_cast<std::int64_t>(group.size()));
  }
  return {unique, mult};
}

residues residue(const std::vector<double>& b_in, const std::vector<double>& a_in, double tol,
                 const std::string& rtype) {
  cvec b = trim_front(b_in);
  const cvec a = trim_front(a_in);
  if (a.empty()) throw value_error("Denominator `a` is zero.");
  cvec poles = detail::poly_roots(a);
  residues out;
  if (b.empty()) {
    out.r.assign(poles.size(), 0.0);
    for (std::size_t i : cmplx_order(poles)) out.p.push_back(poles[i]);
    return out;
  }
  if (b.size() >= a.size()) std::tie(out.k, b) = poly_div(b, a);
  auto [unique, mult] = unique_roots(poles, tol, rtype);
  cvec up;
  std::vector<std::int64_t> um;
  for (std::size_t i : cmplx_order(unique)) {
    up.push_back(unique[i]);
    um.push_back(mult[i]);
  }
  out.r = compute_residues(up, um, b);
  for (cd& v : out.r) v /= a[0];
  for (std::size_t i = 0; i < up.size(); ++i) out.p.insert(out.p.end(), um[i], up[i]);
  return out;
}

residues residuez(const std::vector<double>& b_in, const std::vector<double>& a_in, double tol,
                  const std::string& rtype) {
  const cvec b = trim_back(b_in);
  const cvec a = trim_back(a_in);
  if (a.empty()) throw value_error("Denominator `a` is zero.");
  if (a[0] == 0.0) throw value_error("First coefficient of determinant `a` must be non-zero.");
  const cvec poles = detail::poly_roots(a);
  residues out;
  if (b.empty()) {
    out.r.assign(poles.size(), 0.0);
    for (std::size_t i : cmplx_order(poles)) out.p.push_back(poles[i]);
    return out;
  }
  cvec b_rev(b.rbegin(), b.rend());
  const cvec a_rev(a.rbegin(), a.rend());
  cvec k_rev;
  if (b_rev.size() >= a_rev.size()) std::tie(k_rev, b_rev) = poly_div(b_rev, a_rev);
  auto [unique, mult] = unique_roots(poles, tol, rtype);
  cvec up, inv;
  std::vector<std::int64_t> um;
  for (std::size_t i : cmplx_order(unique)) {
    up.push_back(unique[i]);
    inv.push_back(1.0 / unique[i]);
    um.push_back(mult[i]);
  }
  out.r = compute_residues(inv, um, b_rev);
  std::size_t idx = 0;
  for (std::size_t i = 0; i < up.size(); ++i)
    for (std::int64_t m = 0; m < um[i]; ++m, ++idx) {
      out.p.push_back(up[i]);
      out.r[idx] *= std::pow(-up[i], static_cast<int>(m + 1)) / a_rev[0];
    }
  out.k.assign(k_rev.rbegin(), k_rev.rend());
  return out;
}

ba_complex invres(const std::vector<cd>& r, const std::vector<cd>& p, const std::vector<cd>& k_in,
                  double tol, const std::string& rtype) {
  std::size_t lead = 0;
  while (lead < k_in.size() && k_in[lead] == 0.0) ++lead;
  const cvec k(k_in.begin() + static_cast<std::ptrdiff_t>(lead), k_in.end());
  const auto [unique, mult] = group_poles(p, tol, rtype);
  const auto [factors, denominator] = compute_factors(unique, mult, true);
  cvec numerator = k.empty() ? cvec{0.0} : polymul(k, denominator);
  for (std::size_t i = 0; i < r.size() && i < factors.size(); ++i)
    numerator = poly_add(numerator, poly_scale(factors[i], r[i]));
  return {numerator, denominator};
}

ba_complex invresz(const std::vector<cd>& r, const std::vector<cd>& p, const std::vector<cd>& k_in,
                   double tol, const std::string& rtype) {
  std::size_t end = k_in.size();
  while (end > 0 && k_in[end - 1] == 0.0) --end;
  const cvec k(k_in.begin(), k_in.begin() + static_cast<std::ptrdiff_t>(end));
  const auto [unique, mult] = group_poles(p, tol, rtype);
  const auto [factors, denominator] = compute_factors(unique, mult, true);
  cvec numerator = k.empty() ? cvec{0.0}
                             : polymul(cvec(k.rbegin(), k.rend()),
                                       cvec(denominator.rbegin(), denominator.rend()));
  for (std::size_t i = 0; i < r.size() && i < factors.size(); ++i)
    numerator = poly_add(numerator, poly_scale(cvec(factors[i].rbegin(), factors[i].rend()), r[i]));
  return {cvec(numerator.rbegin(), numerator.rend()), denominator};
}

// ---- State space ------------------------------------------------------------------------------

namespace {

std::string shape_str(std::size_t r, std::size_t c) {
  return "(" + std::to_string(r) + ", " + std::to_string(c) + ")";
}
std::size_t rows_of(const host_matrix& m) { return m.size(); }
std::size_t cols_of(const host_matrix& m) { return m.empty() ? 0 : m[0].size(); }
bool empty_matrix(const host_matrix& m) { return rows_of(m) == 0 || cols_of(m) == 0; }

// The characteristic polynomial det(x I - A) (numpy.poly of a square matrix): Householder
// reduction to Hessenberg form, then the recurrence over its leading principal submatrices.
vec char_poly(host_matrix H) {
  const std::size_t n = H.size();
  for (std::size_t k = 0; k + 2 < n; ++k) {
    double norm = 0;
    for (std::size_t i = k + 1; i < n; ++i) norm += H[i][k] * H[i][k];
    norm = std::sqrt(norm);
    if (norm == 0) continue;
    const double alpha = H[k + 1][k] > 0 ? -norm : norm;
    vec v(n - k - 1);
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = H[k + 1 + i][k];
    v[0] -= alpha;
    double vn = 0;
    for (double x : v) vn += x * x;
    vn = std::sqrt(vn);
    if (vn == 0) continue;
    for (double& x : v) x /= vn;
    for (std::size_t j = 0; j < n; ++j) {
      double s = 0;
      for (std::size_t i = 0; i < v.size(); ++i) s += v[i] * H[k + 1 + i][j];
      for (std::size_t i = 0; i < v.size(); ++i) H[k + 1 + i][j] -= 2 * v[i] * s;
    }
    for (std::size_t i = 0; i < n; ++i) {
      double s = 0;
      for (std::size_t j = 0; j < v.size(); ++j) s += H[i][k + 1 + j] * v[j];
      for (std::size_t j = 0; j < v.size(); ++j) H[i][k + 1 + j] -= 2 * s * v[j];
    }
  }
  // p_k(x) = (x - h_kk) p_{k-1}(x) - sum_{i<k} h_ik (h_{i+1,i} ... h_{k,k-1}) p_{i-1}(x)
  std::vector<vec> p{vec{1.0}};
  for (std::size_t k = 0; k < n; ++k) {
    vec next = polymul(p[k], vec{1.0, -H[k][k]});
    double prod = 1.0;
    for (std::size_t i = k; i-- > 0;) {
      prod *= H[i + 1][i];
      const double f = H[i][k] * prod;
      const vec& q = p[i];
      for (std::size_t j = 0; j < q.size(); ++j) next[next.size() - q.size() + j] -= f * q[j];
    }
    p.push_back(next);
  }
  return p[n];
}

}  // namespace

state_space abcd_normalize(const state_space& sys) {
  const host_matrix &A = sys.A, &B = sys.B, &C = sys.C, &D = sys.D;
  const std::size_t n = rows_of(A) ? rows_of(A) : rows_of(B) ? rows_of(B) : cols_of(C);
  const std::size_t p = cols_of(B) ? cols_of(B) : cols_of(D);
  const std::size_t q = rows_of(C) ? rows_of(C) : rows_of(D);
  auto fill = [](const host_matrix& m, std::size_t r, std::size_t c) {
    return empty_matrix(m) ? host_matrix(r, vec(c, 0.0)) : m;
  };
  state_space out{fill(A, n, n), fill(B, n, p), fill(C, q, n), fill(D, q, p)};
  const std::pair<const host_matrix*, const char*> mats[] = {
      {&out.A, "A"}, {&out.B, "B"}, {&out.C, "C"}, {&out.D, "D"}};
  const std::pair<std::size_t, std::size_t> want[] = {{n, n}, {n, p}, {q, n}, {q, p}};
  for (int i = 0; i < 4; ++i) {
    const host_matrix& m = *mats[i].first;
    for (const vec& row : m)
      if (row.size() != cols_of(m)) throw value_error("the rows of a matrix must be equally long");
    const std::size_t r = rows_of(m), c = r ? cols_of(m) : want[i].second;
    if (r != want[i].first || c != want[i].second)
      throw value_error(std::string("Parameter ") + mats[i].second + " has shape " +
                        shape_str(r, c) + " but should be " +
                        shape_str(want[i].first, want[i].second) + "!");
  }
  return out;
}

state_space tf2ss(const std::vector<double>& num_in, const std::vector<double>& den_in) {
  const ba n = normalize(num_in, den_in);
  vec num = n.b;
  const vec& den = n.a;
  const std::size_t M = num.size(), K = den.size();
  if (M > K) throw value_error("Improper transfer function. `num` is longer than `den`.");
  if (M == 0 || K == 0) return {};
  num.insert(num.begin(), K - M, 0.0);
  if (K == 1) return {{{0.0}}, {{0.0}}, {{0.0}}, {{num[0]}}};
  state_space s;
  s.A.assign(K - 1, vec(K - 1, 0.0));
  for (std::size_t j = 0; j + 1 < K; ++j) s.A[0][j] = -den[j + 1];
  for (std::size_t i = 1; i + 1 < K; ++i) s.A[i][i - 1] = 1.0;
  s.B.assign(K - 1, vec{0.0});
  s.B[0][0] = 1.0;
  s.C.assign(1, vec(K - 1));
  for (std::size_t j = 0; j + 1 < K; ++j) s.C[0][j] = num[j + 1] - num[0] * den[j + 1];
  s.D = {{num[0]}};
  return s;
}

tf_rows ss2tf(const state_space& sys, int input) {
  const state_space s = abcd_normalize(sys);
  const std::size_t nout = rows_of(s.D), nin = s.D.empty() ? cols_of(s.B) : cols_of(s.D);
  if (input < 0 || static_cast<std::size_t>(input) >= nin)
    throw value_error("System does not have the input specified.");
  const std::size_t n = rows_of(s.A);
  tf_rows out;
  out.den = char_poly(s.A);
  if (n == 0) {
    // No states: the numerators are D's column.
    for (std::size_t k = 0; k < nout; ++k) out.num.push_back({s.D[k][input]});
    return out;
  }
  for (std::size_t k = 0; k < nout; ++k) {
    host_matrix M = s.A;
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) M[i][j] -= s.B[i][input] * s.C[k][j];
    vec row = char_poly(M);
    for (std::size_t j = 0; j < row.size(); ++j) row[j] += (s.D[k][input] - 1) * out.den[j];
    out.num.push_back(row);
  }
  return out;
}

state_space zpk2ss(const std::vector<cd>& z, const std::vector<cd>& p, double k) {
  const ba t = zpk2tf(z, p, k);
  return tf2ss(t.b, t.a);
}

zpk ss2zpk(const state_space& sys, int input) {
  const tf_rows t = ss2tf(sys, input);
  if (t.num.size() != 1)
    throw value_error("ss2zpk of a system with " + std::to_string(t.num.size()) +
                      " outputs: cupp's zpk holds one output");
  return tf2zpk(t.num[0], t.den);
}

namespace {

host_matrix eye(std::size_t n) {
  host_matrix m(n, vec(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) m[i][i] = 1.0;
  return m;
}
host_matrix matmul(const host_matrix& a, const host_matrix& b) {
  const std::size_t n = rows_of(a), k = cols_of(a), m = cols_of(b);
  host_matrix c(n, vec(m, 0.0));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t l = 0; l < k; ++l)
      for (std::size_t j = 0; j < m; ++j) c[i][j] += a[i][l] * b[l][j];
  return c;
}
host_matrix axpby(double x, const host_matrix& a, double y, const host_matrix& b) {
  host_matrix c = a;
  for (std::size_t i = 0; i < c.size(); ++i)
    for (std::size_t j = 0; j < c[i].size(); ++j) c[i][j] = x * a[i][j] + y * b[i][j];
  return c;
}
host_matrix transpose(const host_matrix& a) {
  host_matrix t(cols_of(a), vec(rows_of(a)));
  for (std::size_t i = 0; i < rows_of(a); ++i)
    for (std::size_t j = 0; j < cols_of(a); ++j) t[j][i] = a[i][j];
  return t;
}
// a x = b by LU with partial pivoting (scipy.linalg.solve); linalg_error for a singular a.
host_matrix solve(host_matrix a, host_matrix b) {
  const std::size_t n = a.size();
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t piv = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::abs(a[r][c]) > std::abs(a[piv][c])) piv = r;
    if (a[piv][c] == 0) throw linalg_error("Matrix is singular.");
    std::swap(a[c], a[piv]);
    std::swap(b[c], b[piv]);
    for (std::size_t r = c + 1; r < n; ++r) {
      const double f = a[r][c] / a[c][c];
      for (std::size_t k = c; k < n; ++k) a[r][k] -= f * a[c][k];
      for (std::size_t k = 0; k < b[r].size(); ++k) b[r][k] -= f * b[c][k];
    }
  }
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t k = 0; k < b[i].size(); ++k) {
      double v = b[i][k];
      for (std::size_t j = i + 1; j < n; ++j) v -= a[i][j] * b[j][k];
      b[i][k] = v / a[i][i];
    }
  return b;
}
// The matrix exponential by scaling and squaring with the degree-13 Pade approximant (Higham
// 2005, what scipy.linalg.expm refines): agreement to about 1e-15 of the norm.
host_matrix expm(const host_matrix& A) {
  const std::size_t n = A.size();
  if (n == 0) return {};
  double norm1 = 0;
  for (std::size_t j = 0; j < n; ++j) {
    double s = 0;
    for (std::size_t i = 0; i < n; ++i) s += std::abs(A[i][j]);
    norm1 = std::max(norm1, s);
  }
  const double theta13 = 5.371920351148152;
  int sq = 0;
  if (norm1 > theta13) sq = static_cast<int>(std::ceil(std::log2(norm1 / theta13)));
  const host_matrix As = axpby(std::ldexp(1.0, -sq), A, 0.0, A);
  static const double b[] = {64764752532480000.0,
                             32382376266240000.0,
                             7771770303897600.0,
                             1187353796428800.0,
                             129060195264000.0,
                             10559470521600.0,
                             670442572800.0,
                             33522128640.0,
                             1323241920.0,
                             40840800.0,
                             960960.0,
                             16380.0,
                             182.0,
                             1.0};
  const host_matrix I = eye(n);
  const host_matrix A2 = matmul(As, As), A4 = matmul(A2, A2), A6 = matmul(A4, A2);
  host_matrix U1 = axpby(b[13], A6, b[11], A4);
  U1 = axpby(1.0, U1, b[9], A2);
  host_matrix U = matmul(A6, U1);
  U = axpby(1.0, U, b[7], A6);
  U = axpby(1.0, U, b[5], A4);
  U = axpby(1.0, U, b[3], A2);
  U = axpby(1.0, U, b[1], I);
  U = matmul(As, U);
  host_matrix V1 = axpby(b[12], A6, b[10], A4);
  V1 = axpby(1.0, V1, b[8], A2);
  host_matrix V = matmul(A6, V1);
  V = axpby(1.0, V, b[6], A6);
  V = axpby(1.0, V, b[4], A4);
  V = axpby(1.0, V, b[2], A2);
  V = axpby(1.0, V, b[0], I);
  host_matrix R = solve(axpby(1.0, V, -1.0, U), axpby(1.0, V, 1.0, U));
  for (int i = 0; i < sq; ++i) R = matmul(R, R);
  return R;
}

}  // namespace

state_space cont2discrete(const state_space& sys, double dt, const std::string& method,
                          std::optional<double> alpha) {
  if (method == "bilinear" || method == "tustin") return cont2discrete(sys, dt, "gbt", 0.5);
  if (method == "euler" || method == "forward_diff") return cont2discrete(sys, dt, "gbt", 0.0);
  if (method == "backward_diff") return cont2discrete(sys, dt, "gbt", 1.0);
  const state_space s = abcd_normalize(sys);
  const host_matrix &a = s.A, &b = s.B, &c = s.C, &d = s.D;
  const std::size_t n = rows_of(a), m = cols_of(b) ? cols_of(b) : cols_of(d);
  state_space out;
  if (method == "gbt") {
    if (!alpha)
      throw value_error(
          "Alpha parameter must be specified for the generalized bilinear transform (gbt) "
          "method");
    if (*alpha < 0 || *alpha > 1)
      throw value_error("Alpha parameter must be within the interval [0,1] for the gbt method");
    const host_matrix ima = axpby(1.0, eye(n), -*alpha * dt, a);
    out.A = solve(ima, axpby(1.0, eye(n), (1.0 - *alpha) * dt, a));
    out.B = solve(ima, axpby(dt, b, 0.0, b));
    out.C = transpose(solve(transpose(ima), transpose(c)));
    out.D = axpby(1.0, d, *alpha, matmul(c, out.B));
  } else if (method == "zoh") {
    host_matrix em(n + m, vec(n + m, 0.0));
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) em[i][j] = dt * a[i][j];
      for (std::size_t j = 0; j < m; ++j) em[i][n + j] = dt * b[i][j];
    }
    const host_matrix ms = expm(em);
    out.A.assign(n, vec(n));
    out.B.assign(n, vec(m));
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) out.A[i][j] = ms[i][j];
      for (std::size_t j = 0; j < m; ++j) out.B[i][j] = ms[i][n + j];
    }
    out.C = c;
    out.D = d;
  } else if (method == "foh") {
    const std::size_t size = n + 2 * m;
    host_matrix em(size, vec(size, 0.0));
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) em[i][j] = a[i][j] * dt;
      for (std::size_t j = 0; j < m; ++j) em[i][n + j] = b[i][j] * dt;
    }
    for (std::size_t i = 0; i < m; ++i) em[n + i][n + m + i] = 1.0;
    const host_matrix ms = expm(em);
    host_matrix ms11(n, vec(n)), ms12(n, vec(m)), ms13(n, vec(m));
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) ms11[i][j] = ms[i][j];
      for (std::size_t j = 0; j < m; ++j) {
        ms12[i][j] = ms[i][n + j];
        ms13[i][j] = ms[i][n + m + j];
      }
    }
    out.A = ms11;
    out.B = axpby(1.0, axpby(1.0, ms12, -1.0, ms13), 1.0, matmul(ms11, ms13));
    out.C = c;
    out.D = axpby(1.0, d, 1.0, matmul(c, ms13));
  } else if (method == "impulse") {
    for (const vec& row : d)
      for (double v : row)
        if (std::abs(v) > 1e-8)
          throw value_error("Impulse method is only applicable to strictly proper systems");
    out.A = expm(axpby(dt, a, 0.0, a));
    out.B = axpby(dt, matmul(out.A, b), 0.0, b);
    out.C = c;
    out.D = axpby(dt, matmul(c, b), 0.0, d);
  } else {
    throw value_error("Unknown transformation method '" + method + "'");
  }
  return out;
}

tf_rows cont2discrete(const ba& sys, double dt, const std::string& method,
                      std::optional<double> alpha) {
  return ss2tf(cont2discrete(tf2ss(sys.b, sys.a), dt, method, alpha));
}

zpk cont2discrete(const zpk& sys, double dt, const std::string& method,
                  std::optional<double> alpha) {
  return ss2zpk(cont2discrete(zpk2ss(sys.z, sys.p, sys.k), dt, method, alpha));
}

// ---- Prototypes and transformations -----------------------------------------------------------

namespace {

void check_order(int N) {
  if (N < 0) throw value_error("Filter order must be a nonnegative integer");
}

std::size_t relative_degree(const zpk& f) {
  if (f.p.size() < f.z.size())
    throw value_error("Improper transfer function. Must have at least as many poles as zeros.");
  return f.p.size() - f.z.size();
}

// Note [NumPy's complex arithmetic]: NumPy combines a complex array with a real number by making
// the number complex, (x, +0), and running the complex loop (Smith's division for a quotient).
// That decides the signs of zero real and imaginary parts, and with them the branch a complex
// square root takes in lp2bp_zpk and lp2bs_zpk, so the order in which conjugate zeros and poles
// come out. The prototypes and transformations below compute as NumPy does, so that a design's
// zeros and poles come in SciPy's order, not only with its values.
cd c_(double x) { return {x, 0.0}; }
cd np_mul(cd a, cd b) {
  return {a.real() * b.real() - a.imag() * b.imag(), a.real() * b.imag() + a.imag() * b.real()};
}
cd np_div(cd a, cd b) {
  const double ar = a.real(), ai = a.imag(), br = b.real(), bi = b.imag();
  if (std::abs(br) >= std::abs(bi)) {
    if (br == 0 && bi == 0) return {ar / std::abs(br), ai / std::abs(bi)};
    const double rat = bi / br, scl = 1.0 / (br + bi * rat);
    return {(ar + ai * rat) * scl, (ai - ar * rat) * scl};
  }
  const double rat = br / bi, scl = 1.0 / (bi + br * rat);
  return {(ar * rat + ai) * scl, (ai * rat - ar) * scl};
}
cd np_add(cd a, cd b) { return {a.real() + b.real(), a.imag() + b.imag()}; }
cd np_sub(cd a, cd b) { return {a.real() - b.real(), a.imag() - b.imag()}; }

cd prod_neg(const cvec& v) {
  cd s = 1.0;
  for (const cd& x : v) s = np_mul(s, -x);
  return s;
}

// ---- elliptic functions (Note [Elliptic functions]: K by the arithmetic-geometric mean, the
// Jacobi functions by descending Landen transformations as Cephes' ellpj, which SciPy uses).

double ellipk(double m) {
  if (m == 1.0) return HUGE_VAL;
  double a = 1.0, b = std::sqrt(1.0 - m);
  for (int i = 0; i < 60 && std::abs(a - b) > 1e-16 * a; ++i) {
    const double an = 0.5 * (a + b);
    b = std::sqrt(a * b);
    a = an;
  }
  return kPi / (2 * a);
}

// K(1 - p), accurate for small p.
double ellipkm1(double p) {
  if (p == 0.0) return HUGE_VAL;
  double a = 1.0, b = std::sqrt(p);
  for (int i = 0; i < 60 && std::abs(a - b) > 1e-16 * a; ++i) {
    const double an = 0.5 * (a + b);
    b = std::sqrt(a * b);
    a = an;
  }
  return kPi / (2 * a);
}

struct jacobi {
  double sn, cn, dn;
};

jacobi ellipj(double u, double m) {
  if (m < 1.0e-9) {
    const double t = std::sin(u), b = std::cos(u);
    const double ai = 0.25 * m * (u - t * b);
    return {t - ai * b, b + ai * t, 1.0 - 0.5 * m * t * t};
  }
  if (m >= 0.9999999999) {
    double ai = 0.25 * (1.0 - m);
    const double b = std::cosh(u), t = std::tanh(u), phi = 1.0 / b;
    const double twon = b * std::sinh(u);
    const double sn = t + ai * (twon - u) / (b * b);
    ai *= t * phi;
    return {sn, phi - ai * (twon - u), phi + ai * (twon + u)};
  }
  double a[9], c[9];
  a[0] = 1.0;
  double b = std::sqrt(1.0 - m);
  c[0] = std::sqrt(m);
  double twon = 1.0;
  int i = 0;
  while (std::abs(c[i] / a[i]) > kEps) {
    if (i > 7) break;
    const double ai = a[i];
    ++i;
    c[i] = (ai - b) / 2.0;
    const double t = std::sqrt(ai * b);
    a[i] = (ai + b) / 2.0;
    b = t;
    twon *= 2.0;
  }
  double phi = twon * a[i] * u;
  do {
    const double t = c[i] * std::sin(phi) / a[i];
    b = phi;
    phi = (std::asin(t) + phi) / 2.0;
  } while (--i);
  const double sn = std::sin(phi), cn = std::cos(phi);
  return {sn, cn, cn / std::cos(phi - b)};
}

double pow10m1(double x) { return std::expm1(std::log(10.0) * x); }

double ellipdeg(int n, double m1) {
  constexpr int kMmax = 7;
  const double K1 = ellipk(m1), K1p = ellipkm1(m1);
  const double q1 = std::exp(-kPi * K1p / K1);
  const double q = std::pow(q1, 1.0 / n);
  double num = 0.0, den = 0.0;
  for (int m = 0; m <= kMmax; ++m) num += std::pow(q, m * (m + 1.0));
  for (int m = 1; m <= kMmax + 1; ++m) den += std::pow(q, static_cast<double>(m) * m);
  den = 1 + 2 * den;
  return 16 * q * std::pow(num / den, 4);
}

// SciPy's _arc_jac_sn for a complex argument: the inverse Jacobi sn by Landen transformations.
cd arc_jac_sn(cd w, double m) {
  auto complement = [](cd kx) { return std::sqrt((1.0 - kx) * (1.0 + kx)); };
  const double k = std::sqrt(m);
  if (k > 1) return {std::nan(""), 0};
  if (k == 1) return std::atanh(w);
  vec ks{k};
  int niter = 0;
  while (ks.back() != 0) {
    const double k_ = ks.back();
    const double k_p = std::sqrt((1 - k_) * (1 + k_));
    ks.push_back((1 - k_p) / (1 + k_p));
    if (++niter > 10) throw value_error("Landen transformation not converging");
  }
  double K = kPi / 2;
  for (std::size_t i = 1; i < ks.size(); ++i) K *= 1 + ks[i];
  cd wn = w;
  for (std::size_t i = 0; i + 1 < ks.size(); ++i)
    wn = 2.0 * wn / ((1 + ks[i + 1]) * (1.0 + complement(ks[i] * wn)));
  const cd u = 2 / kPi * std::asin(wn);
  return K * u;
}

double arc_jac_sc1(double w, double m) {
  const cd z = arc_jac_sn(cd(0, w), m);
  if (std::abs(z.real()) > 1e-14) throw value_error("arc_jac_sc1 did not converge");
  return z.imag();
}

}  // namespace

zpk buttap(int N) {
  check_order(N);
  zpk f;
  for (int m = -N + 1; m < N; m += 2)
    f.p.push_back(-std::exp(np_div(np_mul(cd(0, kPi), c_(m)), c_(2.0 * N))));
  f.k = 1.0;
  return f;
}

zpk cheb1ap(int N, double rp) {
  check_order(N);
  if (N == 0) return {{}, {}, std::pow(10.0, -rp / 20)};
  const double eps = std::sqrt(std::pow(10.0, 0.1 * rp) - 1.0);
  const double mu = 1.0 / N * std::asinh(1 / eps);
  zpk f;
  for (int m = -N + 1; m < N; m += 2) {
    const double theta = kPi * m / (2.0 * N);
    f.p.push_back(-std::sinh(cd(mu, theta)));
  }
  f.k = prod_neg(f.p).real();
  if (N % 2 == 0) f.k /= std::sqrt(1 + eps * eps);
  return f;
}

zpk cheb2ap(int N, double rs) {
  check_order(N);
  if (N == 0) return {{}, {}, 1.0};
  const double de = 1.0 / std::sqrt(std::pow(10.0, 0.1 * rs) - 1);
  const double mu = std::asinh(1.0 / de) / N;
  std::vector<int> ms;
  if (N % 2) {
    for (int m = -N + 1; m < 0; m += 2) ms.push_back(m);
    for (int m = 2; m < N; m += 2) ms.push_back(m);
  } else {
    for (int m = -N + 1; m < N; m += 2) ms.push_back(m);
  }
  zpk f;
  for (int m : ms) f.z.push_back(np_div(cd(0, 1), c_(std::sin(m * kPi / (2.0 * N)))));
  for (int m = -N + 1; m < N; m += 2) {
    const double theta = kPi * m / (2.0 * N);
    f.p.push_back(np_div(c_(-1.0), std::sinh(cd(mu, theta))));
  }
  f.k = np_div(prod_neg(f.p), prod_neg(f.z)).real();
  return f;
}

zpk ellipap(int N, double rp, double rs) {
  check_order(N);
  if (N == 0) return {{}, {}, std::pow(10.0, -rp / 20)};
  if (N == 1) {
    const double p = -std::sqrt(1.0 / pow10m1(0.1 * rp));
    return {{}, {cd(p)}, -p};
  }
  constexpr double kEpsilon = 2e-16;
  const double eps_sq = pow10m1(0.1 * rp);
  const double eps = std::sqrt(eps_sq);
  const double ck1_sq = eps_sq / pow10m1(0.1 * rs);
  if (ck1_sq == 0) throw value_error("Cannot design a filter with given rp and rs specifications.");
  const double val0 = ellipk(ck1_sq);
  const double m = ellipdeg(N, ck1_sq);
  const double capk = ellipk(m);
  std::vector<jacobi> js;
  for (int j = 1 - N % 2; j < N; j += 2) js.push_back(ellipj(j * capk / N, m));
  zpk f;
  cvec zs;
  for (const auto& j : js)
    if (std::abs(j.sn) > kEpsilon) zs.push_back(cd(0, 1.0 / (std::sqrt(m) * j.sn)));
  f.z = zs;
  for (const cd& v : zs) f.z.push_back(std::conj(v));
  const double r = arc_jac_sc1(1. / eps, ck1_sq);
  const double v0 = capk * r / (N * val0);
  const jacobi jv = ellipj(v0, 1 - m);
  cvec p;
  for (const auto& j : js)
    p.push_back(np_div(
        -np_add(c_(j.cn * j.dn * jv.sn * jv.cn), np_mul(np_mul(cd(0, 1), c_(j.sn)), c_(jv.dn))),
        c_(1 - (j.dn * jv.sn) * (j.dn * jv.sn))));
  f.p = p;
  if (N % 2) {
    double ss = 0;
    for (const cd& v : p) ss += std::norm(v);
    const double thr = kEpsilon * std::sqrt(ss);
    for (const cd& v : p)
      if (std::abs(v.imag()) > thr) f.p.push_back(std::conj(v));
  } else {
    for (const cd& v : p) f.p.push_back(std::conj(v));
  }
  f.k = np_div(prod_neg(f.p), prod_neg(f.z)).real();
  if (N % 2 == 0) f.k /= std::sqrt(1 + eps_sq);
  return f;
}

namespace {

// numpy.polynomial.polynomial.polyval(x, c): c[0] + c[1] x + ...
double npp_polyval(double x, std::initializer_list<double> c) {
  double s = 0;
  for (auto it = std::rbegin(c); it != std::rend(c); ++it) s = s * x + *it;
  return s;
}

// The zeros of the reverse Bessel polynomial of order N (SciPy's _bessel_zeros): Campos and
// Calderon's approximations refined by Aberth's method. SciPy iterates on kve(N + 1/2, 1/x),
// which is sqrt(pi x / 2) times this polynomial, so the zeros are the same (evaluated as Note
// [Double-double Bessel polynomial] says).
cvec bessel_zeros(int N) {
  if (N == 0) return {};
  cvec x0;
  if (N == 1) {
    x0 = {cd(-1, 0)};
  } else {
    const double n = N;
    const double s = npp_polyval(n, {0, 0, 2, 0, -3, 1});
    const double b3 = npp_polyval(n, {16, -8}) / s;
    const double b2 = npp_polyval(n, {-24, -12, 12}) / s;
    const double b1 = npp_polyval(n, {8, 24, -12, -2}) / s;
    const double b0 = npp_polyval(n, {0, -6, 0, 5, -1}) / s;
    const double r = npp_polyval(n, {0, 0, 2, 1});
    const double a1 = npp_polyval(n, {-6, -6}) / r;
    const double a2 = 6 / r;
    for (int k = 1; k <= N; ++k)
      x0.push_back(cd(npp_polyval(k, {0, a1, a2}), npp_polyval(k, {b0, b1, b2, b3})));
  }
  cvec x = x0;
  aberth([N](cd v) { return bessel_poly_eval(N, v); }, x);
  cvec out(x.size());
  for (std::size_t i = 0; i < x.size(); ++i)
    out[i] = np_div(np_add(x[i], std::conj(x[x.size() - 1 - i])), c_(2.0));
  return out;
}

// log10 of (2N)! / (N! 2^N), the last coefficient of the Bessel polynomial.
double log10_a_last(int N) {
  double s = 0;
  for (int i = N + 1; i <= 2 * N; ++i) s += std::log10(static_cast<double>(i));
  return s - N * std::log10(2.0);
}

}  // namespace

zpk besselap(int N, const std::string& norm) {
  check_order(N);
  if (norm != "phase" && norm != "delay" && norm != "mag")
    throw value_error("normalization not understood");
  if (N == 0) return {{}, {}, 1.0};
  zpk f;
  for (const cd& x : bessel_zeros(N)) f.p.push_back(np_div(c_(1.0), x));
  const double la = log10_a_last(N);
  const double a_last = std::pow(10.0, la);
  if (norm == "phase") {
    const double s = std::pow(10.0, -la / N);
    for (cd& v : f.p) v = np_mul(v, c_(s));
    f.k = 1;
  } else {
    f.k = a_last;
    if (norm == "mag") {
      // The frequency where the gain is -3 dB (SciPy's _norm_factor: a Newton/secant search
      // from 1.5): the gain falls monotonically, so bracket and bisect to full precision.
      auto gain = [&](double w) {
        cd prod = 1.0;
        for (const cd& p : f.p) prod *= cd(0, w) - p;
        return std::abs(f.k / prod) - 1 / std::sqrt(2.0);
      };
      double lo = 0.0, hi = 1.5;
      while (gain(hi) > 0) hi *= 2;
      for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        if (mid == lo || mid == hi) break;
        (gain(mid) > 0 ? lo : hi) = mid;
      }
      const double nf = 0.5 * (lo + hi);
      for (cd& v : f.p) v = np_div(v, c_(nf));
      f.k = std::pow(nf, -N) * a_last;
    }
  }
  return f;
}

zpk lp2lp_zpk(const zpk& f, double wo) {
  const std::size_t degree = relative_degree(f);
  zpk out;
  for (const cd& v : f.z) out.z.push_back(np_mul(c_(wo), v));
  for (const cd& v : f.p) out.p.push_back(np_mul(c_(wo), v));
  out.k = f.k * std::pow(wo, static_cast<double>(degree));
  return out;
}

zpk lp2hp_zpk(const zpk& f, double wo) {
  const std::size_t degree = relative_degree(f);
  zpk out;
  for (const cd& v : f.z) out.z.push_back(np_div(c_(wo), v));
  for (const cd& v : f.p) out.p.push_back(np_div(c_(wo), v));
  out.z.insert(out.z.end(), degree, cd(0.0));
  out.k = f.k * np_div(prod_neg(f.z), prod_neg(f.p)).real();
  return out;
}

zpk lp2bp_zpk(const zpk& f, double wo, double bw) {
  const std::size_t degree = relative_degree(f);
  zpk out;
  auto transform = [&](const cvec& v, cvec& dst) {
    cvec lp;
    for (const cd& x : v) lp.push_back(np_div(np_mul(x, c_(bw)), c_(2.0)));
    for (const cd& x : lp) dst.push_back(x + std::sqrt(np_mul(x, x) - wo * wo));
    for (const cd& x : lp) dst.push_back(x - std::sqrt(np_mul(x, x) - wo * wo));
  };
  transform(f.z, out.z);
  transform(f.p, out.p);
  out.z.insert(out.z.end(), degree, cd(0.0));
  out.k = f.k * std::pow(bw, static_cast<double>(degree));
  return out;
}

zpk lp2bs_zpk(const zpk& f, double wo, double bw) {
  const std::size_t degree = relative_degree(f);
  zpk out;
  auto transform = [&](const cvec& v, cvec& dst) {
    cvec hp;
    for (const cd& x : v) hp.push_back(np_div(c_(bw / 2), x));
    for (const cd& x : hp) dst.push_back(x + std::sqrt(np_mul(x, x) - wo * wo));
    for (const cd& x : hp) dst.push_back(x - std::sqrt(np_mul(x, x) - wo * wo));
  };
  transform(f.z, out.z);
  transform(f.p, out.p);
  out.z.insert(out.z.end(), degree, cd(0, wo));
  out.z.insert(out.z.end(), degree, cd(0, -wo));
  out.k = f.k * np_div(prod_neg(f.z), prod_neg(f.p)).real();
  return out;
}

zpk bilinear_zpk(const zpk& f, double fs) {
  const std::size_t degree = relative_degree(f);
  const double fs2 = 2.0 * fs;
  zpk out;
  cd nz = 1.0, np = 1.0;
  for (const cd& v : f.z) {
    out.z.push_back(np_div(np_add(c_(fs2), v), np_sub(c_(fs2), v)));
    nz = np_mul(nz, np_sub(c_(fs2), v));
  }
  for (const cd& v : f.p) {
    out.p.push_back(np_div(np_add(c_(fs2), v), np_sub(c_(fs2), v)));
    np = np_mul(np, np_sub(c_(fs2), v));
  }
  out.z.insert(out.z.end(), degree, cd(-1.0));
  out.k = f.k * np_div(nz, np).real();
  return out;
}

ba lp2lp(const std::vector<double>& b_in, const std::vector<double>& a_in, double wo) {
  const std::size_t d = a_in.size(), n = b_in.size(), M = std::max(d, n);
  vec pwo(M);
  for (std::size_t i = 0; i < M; ++i) pwo[i] = std::pow(wo, static_cast<double>(M - 1 - i));
  const std::size_t start1 = n > d ? n - d : 0, start2 = d > n ? d - n : 0;
  vec b(n), a(d);
  for (std::size_t i = 0; i < n; ++i) b[i] = b_in[i] * pwo[start1] / pwo[start2 + i];
  for (std::size_t i = 0; i < d; ++i) a[i] = a_in[i] * pwo[start1] / pwo[start1 + i];
  return normalize(b, a);
}

ba lp2hp(const std::vector<double>& b, const std::vector<double>& a, double wo) {
  const std::size_t d = a.size(), n = b.size(), M = std::max(d, n);
  vec pwo(M, 1.0);
  if (wo != 1)
    for (std::size_t i = 0; i < M; ++i) pwo[i] = std::pow(wo, static_cast<double>(i));
  vec outa, outb;
  if (d >= n) {
    outa.resize(d);
    for (std::size_t i = 0; i < d; ++i) outa[i] = a[d - 1 - i] * pwo[i];
    outb.assign(d, 0.0);
    for (std::size_t i = 0; i < n; ++i) outb[i] = b[n - 1 - i] * pwo[i];
  } else {
    outb.resize(n);
    for (std::size_t i = 0; i < n; ++i) outb[i] = b[n - 1 - i] * pwo[i];
    outa.assign(n, 0.0);
    for (std::size_t i = 0; i < d; ++i) outa[i] = a[d - 1 - i] * pwo[i];
  }
  return normalize(outb, outa);
}

namespace {
double comb(int n, int k) {
  if (k < 0 || k > n) return 0;
  double r = 1;
  for (int i = 1; i <= k; ++i) r = r * (n - k + i) / i;
  return std::round(r);
}
}  // namespace

ba lp2bp(const std::vector<double>& b, const std::vector<double>& a, double wo, double bw) {
  const int D = static_cast<int>(a.size()) - 1, N = static_cast<int>(b.size()) - 1;
  const int ma = std::max(N, D), Np = N + ma, Dp = D + ma;
  vec bp(Np + 1), ap(Dp + 1);
  const double wosq = wo * wo;
  for (int j = 0; j <= Np; ++j) {
    double val = 0.0;
    for (int i = 0; i <= N; ++i)
      for (int k = 0; k <= i; ++k)
        if (ma - i + 2 * k == j)
          val += comb(i, k) * b[N - i] * std::pow(wosq, i - k) / std::pow(bw, i);
    bp[Np - j] = val;
  }
  for (int j = 0; j <= Dp; ++j) {
    double val = 0.0;
    for (int i = 0; i <= D; ++i)
      for (int k = 0; k <= i; ++k)
        if (ma - i + 2 * k == j)
          val += comb(i, k) * a[D - i] * std::pow(wosq, i - k) / std::pow(bw, i);
    ap[Dp - j] = val;
  }
  return normalize(bp, ap);
}

ba lp2bs(const std::vector<double>& b, const std::vector<double>& a, double wo, double bw) {
  const int D = static_cast<int>(a.size()) - 1, N = static_cast<int>(b.size()) - 1;
  const int M = std::max(N, D), Np = 2 * M, Dp = 2 * M;
  vec bp(Np + 1), ap(Dp + 1);
  const double wosq = wo * wo;
  for (int j = 0; j <= Np; ++j) {
    double val = 0.0;
    for (int i = 0; i <= N; ++i)
      for (int k = 0; k <= M - i; ++k)
        if (i + 2 * k == j)
          val += comb(M - i, k) * b[N - i] * std::pow(wosq, M - i - k) * std::pow(bw, i);
    bp[Np - j] = val;
  }
  for (int j = 0; j <= Dp; ++j) {
    double val = 0.0;
    for (int i = 0; i <= D; ++i)
      for (int k = 0; k <= M - i; ++k)
        if (i + 2 * k == j)
          val += comb(M - i, k) * a[D - i] * std::pow(wosq, M - i - k) * std::pow(bw, i);
    ap[Dp - j] = val;
  }
  return normalize(bp, ap);
}

ba bilinear(const std::vector<double>& b_in, const std::vector<double>& a_in, double fs) {
  auto trim = [](const vec& v) {
    std::size_t i = 0;
    while (i < v.size() && v[i] == 0.0) ++i;
    return vec(v.begin() + static_cast<std::ptrdiff_t>(i), v.end());
  };
  const vec b = trim(b_in), a = trim(a_in);
  const double fac = std::sqrt(fs * 2);
  const vec zp1{1 / fac, 1 / fac};  // (z + 1) / fac, ascending powers
  const vec zm1{-fac, fac};         // (z - 1) * fac
  const int N = static_cast<int>(std::max(a.size(), b.size())) - 1;
  auto ipow = [](const vec& p, int e) {
    vec r{1.0};
    for (int i = 0; i < e; ++i) r = polymul(r, p);
    return r;
  };
  auto build = [&](const vec& c) {
    vec sum(N + 1, 0.0);
    const int n = static_cast<int>(c.size());
    for (int q = 0; q < n; ++q) {
      const vec t = polymul(ipow(zp1, N - q), ipow(zm1, q));
      for (std::size_t i = 0; i < t.size(); ++i) sum[i] += c[n - 1 - q] * t[i];
    }
    // numpy.polynomial drops trailing (highest-power) zeros of a sum.
    while (sum.size() > 1 && sum.back() == 0.0) sum.pop_back();
    return vec(sum.rbegin(), sum.rend());
  };
  return normalize(build(b), build(a));
}

// ---- IIR design -------------------------------------------------------------------------------

namespace {

std::string canonical_btype(const std::string& btype_in) {
  const std::string btype = lower(btype_in);
  if (btype == "band" || btype == "bandpass" || btype == "pass" || btype == "bp") return "bandpass";
  if (btype == "bs" || btype == "bandstop" || btype == "bands" || btype == "stop")
    return "bandstop";
  if (btype == "l" || btype == "low" || btype == "lowpass" || btype == "lp") return "lowpass";
  if (btype == "high" || btype == "highpass" || btype == "h" || btype == "hp") return "highpass";
  throw value_error("'" + btype + "' is an invalid bandtype for filter.");
}

// The prototype family of an ftype (SciPy's filter_dict), "" when unknown.
std::string family(const std::string& ftype) {
  if (ftype == "butter" || ftype == "butterworth") return "butter";
  if (ftype == "cauer" || ftype == "elliptic" || ftype == "ellip") return "ellip";
  if (ftype == "bessel" || ftype == "bessel_phase" || ftype == "bessel_delay" ||
      ftype == "bessel_mag")
    return "bessel";
  if (ftype == "cheby1" || ftype == "chebyshev1" || ftype == "chebyshevi") return "cheby1";
  if (ftype == "cheby2" || ftype == "chebyshev2" || ftype == "chebyshevii") return "cheby2";
  return "";
}

filter_coeffs finish(const zpk& f, const std::string& output, bool analog) {
  filter_coeffs out;
  out.output = output;
  if (output == "zpk") {
    out.z = f.z;
    out.p = f.p;
    out.k = f.k;
  } else if (output == "ba") {
    const ba t = zpk2tf(f.z, f.p, f.k);
    out.b = t.b;
    out.a = t.a;
  } else {
    out.sos = zpk2sos(f.z, f.p, f.k, "", analog);
  }
  return out;
}

}  // namespace

filter_coeffs iirfilter(int N, const band_edges& Wn_in, std::optional<double> rp,
                        std::optional<double> rs, const std::string& btype_in, bool analog,
                        const std::string& ftype_in, const std::string& output_in,
                        std::optional<double> fs) {
  vec Wn = Wn_in.values();
  const std::string ftype = lower(ftype_in), output = lower(output_in);
  if (fs) {
    if (analog) throw value_error("fs cannot be specified for an analog filter");
    for (double& w : Wn) w /= *fs / 2;
  }
  for (double w : Wn)
    if (w <= 0) throw value_error("filter critical frequencies must be greater than 0");
  if (Wn.size() > 1 && !(Wn[0] < Wn[1])) throw value_error("Wn[0] must be less than Wn[1]");
  const std::string btype = canonical_btype(btype_in);
  const std::string fam = family(ftype);
  if (fam.empty()) throw value_error("'" + ftype + "' is not a valid basic IIR filter.");
  if (output != "ba" && output != "zpk" && output != "sos")
    throw value_error("'" + output + "' is not a valid output form.");
  if (rp && *rp < 0) throw value_error("passband ripple (rp) must be positive");
  if (rs && *rs < 0) throw value_error("stopband attenuation (rs) must be positive");
  zpk f;
  if (fam == "butter") {
    f = buttap(N);
  } else if (fam == "bessel") {
    f = besselap(N, ftype == "bessel" ? "phase" : ftype.substr(7));
  } else if (fam == "cheby1") {
    if (!rp)
      throw value_error("passband ripple (rp) must be provided to design a Chebyshev I filter.");
    f = cheb1ap(N, *rp);
  } else if (fam == "cheby2") {
    if (!rs)
      throw value_error(
          "stopband attenuation (rs) must be provided to design an Chebyshev II filter.");
    f = cheb2ap(N, *rs);
  } else {
    if (!rs || !rp)
      throw value_error("Both rp and rs must be provided to design an elliptic filter.");
    f = ellipap(N, *rp, *rs);
  }
  vec warped = Wn;
  double fs_d = 2.0;
  if (!analog) {
    for (double w : Wn)
      if (w <= 0 || w >= 1) {
        if (fs)
          throw value_error("Digital filter critical frequencies must be 0 < Wn < fs/2 (fs=" +
                            fmt(*fs) + " -> fs/2=" + fmt(*fs / 2) + ")");
        throw value_error("Digital filter critical frequencies must be 0 < Wn < 1");
      }
    for (std::size_t i = 0; i < Wn.size(); ++i) warped[i] = 2 * fs_d * std::tan(kPi * Wn[i] / fs_d);
  }
  if (btype == "lowpass" || btype == "highpass") {
    if (Wn.size() != 1)
      throw value_error(
          "Must specify a single critical frequency Wn for lowpass or highpass filter");
    f = btype == "lowpass" ? lp2lp_zpk(f, warped[0]) : lp2hp_zpk(f, warped[0]);
  } else {
    if (Wn.size() < 2)
      throw value_error(
          "Wn must specify start and stop frequencies for bandpass or bandstop filter");
    const double bw = warped[1] - warped[0];
    const double wo = std::sqrt(warped[0] * warped[1]);
    f = btype == "bandpass" ? lp2bp_zpk(f, wo, bw) : lp2bs_zpk(f, wo, bw);
  }
  if (!analog) f = bilinear_zpk(f, fs_d);
  return finish(f, output, analog);
}

filter_coeffs butter(int N, const band_edges& Wn, const std::string& btype, bool analog,
                     const std::string& output, std::optional<double> fs) {
  return iirfilter(N, Wn, std::nullopt, std::nullopt, btype, analog, "butter", output, fs);
}
filter_coeffs cheby1(int N, double rp, const band_edges& Wn, const std::string& btype, bool analog,
                     const std::string& output, std::optional<double> fs) {
  return iirfilter(N, Wn, rp, std::nullopt, btype, analog, "cheby1", output, fs);
}
filter_coeffs cheby2(int N, double rs, const band_edges& Wn, const std::string& btype, bool analog,
                     const std::string& output, std::optional<double> fs) {
  return iirfilter(N, Wn, std::nullopt, rs, btype, analog, "cheby2", output, fs);
}
filter_coeffs ellip(int N, double rp, double rs, const band_edges& Wn, const std::string& btype,
                    bool analog, const std::string& output, std::optional<double> fs) {
  return iirfilter(N, Wn, rp, rs, btype, analog, "elliptic", output, fs);
}
filter_coeffs bessel(int N, const band_edges& Wn, const std::string& btype, bool analog,
                     const std::string& output, const std::string& norm, std::optional<double> fs) {
  if (norm != "phase" && norm != "delay" && norm != "mag")
    throw value_error("'bessel_" + norm + "' is not a valid basic IIR filter.");
  return iirfilter(N, Wn, std::nullopt, std::nullopt, btype, analog, "bessel_" + norm, output, fs);
}

namespace {
ba notch_peak(double w0, double Q, bool notch, double fs) {
  w0 = 2 * w0 / fs;
  if (w0 > 1.0 || w0 < 0.0) throw value_error("w0 should be such that 0 < w0 < 1");
  const double bw = w0 / Q * kPi;
  w0 *= kPi;
  const double beta = std::tan(bw / 2.0);
  const double gain = 1.0 / (1.0 + beta);
  ba out;
  if (notch)
    out.b = {gain * 1.0, gain * -2.0 * std::cos(w0), gain * 1.0};
  else
    out.b = {(1.0 - gain) * 1.0, (1.0 - gain) * 0.0, (1.0 - gain) * -1.0};
  out.a = {1.0, -2.0 * gain * std::cos(w0), 2.0 * gain - 1.0};
  return out;
}
}  // namespace

ba iirnotch(double w0, double Q, double fs) { return notch_peak(w0, Q, true, fs); }

ba iircomb(double w0, double Q, const std::string& ftype_in, double fs, bool pass_zero) {
  const std::string ftype = lower(ftype_in);
  if (!(0 < w0 && w0 < fs / 2))
    throw value_error("w0 must be between 0 and " + fmt(fs / 2) + " (Nyquist), but given " +
                      fmt(w0) + ".");
  if (ftype != "notch" && ftype != "peak") throw value_error("ftype must be either notch or peak.");
  const auto N = static_cast<std::int64_t>(std::nearbyint(fs / w0));  // Python's round
  if (std::abs(w0 - fs / static_cast<double>(N)) / fs > 1e-14)
    throw value_error("fs must be divisible by w0.");
  const double w = (2 * kPi * w0) / fs;
  const double w_delta = w / Q;
  const double G0 = ftype == "notch" ? 1 : 0, G = ftype == "notch" ? 0 : 1;
  const double beta = std::tan(static_cast<double>(N) * w_delta / 4);
  const double ax = (1 - beta) / (1 + beta);
  const double bx = (G0 + G * beta) / (1 + beta);
  const double cx = (G0 - G * beta) / (1 + beta);
  const bool negative = (ftype == "peak" && pass_zero) || (ftype == "notch" && !pass_zero);
  const double sgn = negative ? -1.0 : 1.0;
  ba out;
  out.b.assign(static_cast<std::size_t>(N + 1), 0.0);
  out.a.assign(static_cast<std::size_t>(N + 1), 0.0);
  out.b.front() = bx;
  out.b.back() = sgn * cx;
  out.a.front() = 1.0;
  out.a.back() = sgn * ax;
  return out;
}

ba gammatone(double freq, const std::string& ftype_in, std::optional<int> order,
             std::optional<std::int64_t> numtaps, std::optional<double> fs_in) {
  const double fs = fs_in ? *fs_in : 2;
  const std::string ftype = lower(ftype_in);
  if (!(0 < freq && freq < fs / 2))
    throw value_error("The frequency must be between 0 and " + fmt(fs / 2) +
                      " (Nyquist), but given " + fmt(freq) + ".");
  if (ftype != "fir" && ftype != "iir") throw value_error("ftype must be either fir or iir.");
  const double erb = freq / 9.26449 + 24.7;  // SciPy's _hz_to_erb
  ba out;
  if (ftype == "fir") {
    const int ord = order ? *order : 4;
    const std::int64_t n =
        numtaps ? *numtaps : std::max(static_cast<std::int64_t>(fs * 0.015), std::int64_t{15});
    if (!(0 < ord && ord <= 24)) throw value_error("Invalid order: order must be > 0 and <= 24.");
    const double bw = 1.019 * erb;
    double scale = 2 * std::pow(2 * kPi * bw, ord);
    double fact = 1;
    for (int i = 2; i <= ord - 1; ++i) fact *= i;
    scale /= fact;
    scale /= fs;
    for (std::int64_t i = 0; i < n; ++i) {
      const double t = static_cast<double>(i) / fs;
      double b = std::pow(t, ord - 1) * std::exp(-2 * kPi * bw * t);
      b = b * std::cos(2 * kPi * freq * t);
      out.b.push_back(b * scale);
    }
    out.a = {1.0};
    return out;
  }
  // SciPy warns that order and numtaps are not used here.
  const double T = 1. / fs;
  const double bw = 2 * kPi * 1.019 * erb;
  const double fr = 2 * freq * kPi * T;
  const double bwT = bw * T;
  const cd g1 = -2.0 * std::exp(cd(0, 2 * fr)) * T;
  const cd g2 = 2.0 * std::exp(cd(-bwT, fr)) * T;
  const double g3 = std::sqrt(3 + std::pow(2.0, 1.5)) * std::sin(fr);
  const double g4 = std::sqrt(3 - std::pow(2.0, 1.5)) * std::sin(fr);
  const cd g5 = std::exp(cd(0, 2 * fr));
  cd g = g1 + g2 * (std::cos(fr) - g4);
  g *= (g1 + g2 * (std::cos(fr) + g4));
  g *= (g1 + g2 * (std::cos(fr) - g3));
  g *= (g1 + g2 * (std::cos(fr) + g3));
  g /= std::pow(-2 / std::exp(2 * bwT) - 2.0 * g5 + 2.0 * (1.0 + g5) / std::exp(bwT), 4);
  const double gm = std::hypot(g.real(), g.imag());
  const double T4 = std::pow(T, 4);
  out.b = {T4 / gm, -4 * T4 * std::cos(fr) / std::exp(bw * T) / gm,
           6 * T4 * std::cos(2 * fr) / std::exp(2 * bw * T) / gm,
           -4 * T4 * std::cos(3 * fr) / std::exp(3 * bw * T) / gm,
           T4 * std::cos(4 * fr) / std::exp(4 * bw * T) / gm};
  out.a = {1,
           -8 * std::cos(fr) / std::exp(bw * T),
           4 * (4 + 3 * std::cos(2 * fr)) / std::exp(2 * bw * T),
           -8 * (6 * std::cos(fr) + std::cos(3 * fr)) / std::exp(3 * bw * T),
           2 * (18 + 16 * std::cos(2 * fr) + std::cos(4 * fr)) / std::exp(4 * bw * T),
           -8 * (6 * std::cos(fr) + std::cos(3 * fr)) / std::exp(5 * bw * T),
           4 * (4 + 3 * std::cos(2 * fr)) / std::exp(6 * bw * T),
           -8 * std::cos(fr) / std::exp(7 * bw * T),
           std::exp(-8 * bw * T)};
  return out;
}
ba iirpeak(double w0, double Q, double fs) { return notch_peak(w0, Q, false, fs); }

// ---- Order selection --------------------------------------------------------------------------

namespace {

void validate_gpass_gstop(double gpass, double gstop) {
  if (gpass <= 0.0) throw value_error("gpass should be larger than 0.0");
  if (gstop <= 0.0) throw value_error("gstop should be larger than 0.0");
  if (gpass > gstop) throw value_error("gpass should be smaller than gstop");
}

// SciPy's fminbound (Brent's bounded method, xatol 1e-5), step for step.
template <class F>
double fminbound(F func, double x1, double x2) {
  const double xatol = 1e-5;
  const int maxfun = 500;
  const double sqrt_eps = std::sqrt(2.2e-16);
  const double golden_mean = 0.5 * (3.0 - std::sqrt(5.0));
  double a = x1, b = x2;
  double fulc = a + golden_mean * (b - a);
  double nfc = fulc, xf = fulc;
  double rat = 0.0, e = 0.0;
  double x = xf;
  double fx = func(x);
  int num = 1;
  double ffulc = fx, fnfc = fx;
  double xm = 0.5 * (a + b);
  double tol1 = sqrt_eps * std::abs(xf) + xatol / 3.0;
  double tol2 = 2.0 * tol1;
  auto sign = [](double v) { return v > 0 ? 1.0 : (v < 0 ? -1.0 : 0.0); };
  while (std::abs(xf - xm) > (tol2 - 0.5 * (b - a))) {
    bool golden = true;
    if (std::abs(e) > tol1) {
      golden = false;
      double r = (xf - nfc) * (fx - ffulc);
      double q = (xf - fulc) * (fx - fnfc);
      double p = (xf - fulc) * q - (xf - nfc) * r;
      q = 2.0 * (q - r);
      if (q > 0.0) p = -p;
      q = std::abs(q);
      r = e;
      e = rat;
      if (std::abs(p) < std::abs(0.5 * q * r) && p > q * (a - xf) && p < q * (b - xf)) {
        rat = (p + 0.0) / q;
        x = xf + rat;
        if ((x - a) < tol2 || (b - x) < tol2) {
          const double si = sign(xm - xf) + ((xm - xf) == 0 ? 1 : 0);
          rat = tol1 * si;
        }
      } else {
        golden = true;
      }
    }
    if (golden) {
      e = xf >= xm ? a - xf : b - xf;
      rat = golden_mean * e;
    }
    const double si = sign(rat) + (rat == 0 ? 1 : 0);
    x = xf + si * std::max(std::abs(rat), tol1);
    const double fu = func(x);
    ++num;
    if (fu <= fx) {
      if (x >= xf)
        a = xf;
      else
        b = xf;
      fulc = nfc;
      ffulc = fnfc;
      nfc = xf;
      fnfc = fx;
      xf = x;
      fx = fu;
    } else {
      if (x < xf)
        a = x;
      else
        b = x;
      if (fu <= fnfc || nfc == xf) {
        fulc = nfc;
        ffulc = fnfc;
        nfc = x;
        fnfc = fu;
      } else if (fu <= ffulc || fulc == xf || fulc == nfc) {
        fulc = x;
        ffulc = fu;
      }
    }
    xm = 0.5 * (a + b);
    tol1 = sqrt_eps * std::abs(xf) + xatol / 3.0;
    tol2 = 2.0 * tol1;
    if (num >= maxfun) break;
  }
  return xf;
}

double stop_obj(double wp, int ind, vec passb, const vec& stopb, double gpass, double gstop,
                const std::string& type) {
  validate_gpass_gstop(gpass, gstop);
  passb[ind] = wp;
  double nat = HUGE_VAL;
  for (double s : stopb)
    nat = std::min(nat, std::abs(s * (passb[0] - passb[1]) / (s * s - passb[0] * passb[1])));
  if (type == "butter") {
    const double GSTOP = std::pow(10.0, 0.1 * std::abs(gstop));
    const double GPASS = std::pow(10.0, 0.1 * std::abs(gpass));
    return std::log10((GSTOP - 1.0) / (GPASS - 1.0)) / (2 * std::log10(nat));
  }
  if (type == "cheby") {
    const double GSTOP = std::pow(10.0, 0.1 * std::abs(gstop));
    const double GPASS = std::pow(10.0, 0.1 * std::abs(gpass));
    return std::acosh(std::sqrt((GSTOP - 1.0) / (GPASS - 1.0))) / std::acosh(nat);
  }
  const double GSTOP = std::pow(10.0, 0.1 * gstop);
  const double GPASS = std::pow(10.0, 0.1 * gpass);
  const double arg1 = std::sqrt((GPASS - 1.0) / (GSTOP - 1.0));
  const double arg0 = 1.0 / nat;
  return ellipk(arg0 * arg0) * ellipk(1 - arg1 * arg1) /
         (ellipk(1 - arg0 * arg0) * ellipk(arg1 * arg1));
}

struct order_setup {
  vec passb, stopb;
  int filter_type;
  double nat;
};

order_setup setup_order(const band_edges& wp_in, const band_edges& ws_in, double gpass,
                        double gstop, bool analog, std::optional<double> fs,
                        const std::string& kind) {
  validate_gpass_gstop(gpass, gstop);
  vec wp = wp_in.values(), ws = ws_in.values();
  if (wp.empty() || wp.size() > 2 || ws.size() != wp.size())
    throw value_error("wp and ws must have one or two elements each, and the same shape");
  if (fs) {
    if (analog) throw value_error("fs cannot be specified for an analog filter");
    for (double& v : wp) v = 2 * v / *fs;
    for (double& v : ws) v = 2 * v / *fs;
  }
  int filter_type = 2 * (static_cast<int>(wp.size()) - 1) + 1;
  if (wp[0] >= ws[0]) filter_type += 1;
  order_setup s;
  s.filter_type = filter_type;
  s.passb = wp;
  s.stopb = ws;
  if (!analog) {
    for (double& v : s.passb) v = std::tan(kPi * v / 2.0);
    for (double& v : s.stopb) v = std::tan(kPi * v / 2.0);
  }
  vec nat;
  const vec& passb = s.passb;
  const vec& stopb = s.stopb;
  if (filter_type == 1) {
    nat = {stopb[0] / passb[0]};
  } else if (filter_type == 2) {
    nat = {passb[0] / stopb[0]};
  } else if (filter_type == 3) {
    const double wp0 =
        fminbound([&](double w) { return stop_obj(w, 0, passb, stopb, gpass, gstop, kind); },
                  passb[0], stopb[0] - 1e-12);
    const double wp1 =
        fminbound([&](double w) { return stop_obj(w, 1, passb, stopb, gpass, gstop, kind); },
                  stopb[1] + 1e-12, passb[1]);
    s.passb = {wp0, wp1};
    for (double sb : stopb)
      nat.push_back(sb * (s.passb[0] - s.passb[1]) / (sb * sb - s.passb[0] * s.passb[1]));
  } else {
    for (double sb : stopb)
      nat.push_back((sb * sb - passb[0] * passb[1]) / (sb * (passb[0] - passb[1])));
  }
  s.nat = HUGE_VAL;
  for (double v : nat) s.nat = std::min(s.nat, std::abs(v));
  return s;
}

vec postprocess_wn(vec WN, bool analog, std::optional<double> fs) {
  if (!analog)
    for (double& v : WN) v = std::atan(v) * 2.0 / kPi;
  if (fs)
    for (double& v : WN) v = v * *fs / 2;
  return WN;
}

}  // namespace

double band_stop_obj(double wp, int ind, const std::vector<double>& passb,
                     const std::vector<double>& stopb, double gpass, double gstop,
                     const std::string& type) {
  if (type != "butter" && type != "cheby" && type != "ellip")
    throw value_error("Incorrect type: " + type);
  if (passb.size() != 2 || ind < 0 || ind > 1)
    throw value_error("passb must hold two band edges and ind be 0 or 1");
  return stop_obj(wp, ind, passb, stopb, gpass, gstop, type);
}

filter_order buttord(const band_edges& wp, const band_edges& ws, double gpass, double gstop,
                     bool analog, std::optional<double> fs) {
  const order_setup s = setup_order(wp, ws, gpass, gstop, analog, fs, "butter");
  const double GSTOP = std::pow(10.0, 0.1 * std::abs(gstop));
  const double GPASS = std::pow(10.0, 0.1 * std::abs(gpass));
  const int ord = static_cast<int>(
      std::ceil(std::log10((GSTOP - 1.0) / (GPASS - 1.0)) / (2 * std::log10(s.nat))));
  const double W0 = ord == 0 ? 1.0 : std::pow(GPASS - 1.0, -1.0 / (2.0 * ord));
  const vec& passb = s.passb;
  vec WN;
  if (s.filter_type == 1) {
    WN = {W0 * passb[0]};
  } else if (s.filter_type == 2) {
    WN = {passb[0] / W0};
  } else if (s.filter_type == 3) {
    const double discr = std::sqrt((passb[1] - passb[0]) * (passb[1] - passb[0]) +
                                   4 * W0 * W0 * passb[0] * passb[1]);
    WN = {std::abs(((passb[1] - passb[0]) + discr) / (2 * W0)),
          std::abs(((passb[1] - passb[0]) - discr) / (2 * W0))};
    std::sort(WN.begin(), WN.end());
  } else {
    for (double w0 : {-W0, W0})
      WN.push_back(
          std::abs(-w0 * (passb[1] - passb[0]) / 2.0 +
                   std::sqrt(w0 * w0 / 4.0 * (passb[1] - passb[0]) * (passb[1] - passb[0]) +
                             passb[0] * passb[1])));
    std::sort(WN.begin(), WN.end());
  }
  return {ord, postprocess_wn(WN, analog, fs)};
}

filter_order cheb1ord(const band_edges& wp, const band_edges& ws, double gpass, double gstop,
                      bool analog, std::optional<double> fs) {
  const order_setup s = setup_order(wp, ws, gpass, gstop, analog, fs, "cheby");
  const double GSTOP = std::pow(10.0, 0.1 * std::abs(gstop));
  const double GPASS = std::pow(10.0, 0.1 * std::abs(gpass));
  const double v = std::acosh(std::sqrt((GSTOP - 1.0) / (GPASS - 1.0)));
  const int ord = static_cast<int>(std::ceil(v / std::acosh(s.nat)));
  return {ord, postprocess_wn(s.passb, analog, fs)};
}

filter_order cheb2ord(const band_edges& wp, const band_edges& ws, double gpass, double gstop,
                      bool analog, std::optional<double> fs) {
  const order_setup s = setup_order(wp, ws, gpass, gstop, analog, fs, "cheby");
  const double GSTOP = std::pow(10.0, 0.1 * std::abs(gstop));
  const double GPASS = std::pow(10.0, 0.1 * std::abs(gpass));
  const double v = std::acosh(std::sqrt((GSTOP - 1.0) / (GPASS - 1.0)));
  const int ord = static_cast<int>(std::ceil(v / std::acosh(s.nat)));
  const double new_freq = 1.0 / std::cosh(1.0 / ord * v);
  const vec& passb = s.passb;
  vec nat;
  if (s.filter_type == 1) {
    nat = {passb[0] / new_freq};
  } else if (s.filter_type == 2) {
    nat = {passb[0] * new_freq};
  } else if (s.filter_type == 3) {
    const double nat0 =
        new_freq / 2.0 * (passb[0] - passb[1]) +
        std::sqrt(new_freq * new_freq * (passb[1] - passb[0]) * (passb[1] - passb[0]) / 4.0 +
                  passb[1] * passb[0]);
    nat = {nat0, passb[1] * passb[0] / nat0};
  } else {
    const double nat0 =
        1.0 / (2.0 * new_freq) * (passb[0] - passb[1]) +
        std::sqrt((passb[1] - passb[0]) * (passb[1] - passb[0]) / (4.0 * new_freq * new_freq) +
                  passb[1] * passb[0]);
    nat = {nat0, passb[0] * passb[1] / nat0};
  }
  return {ord, postprocess_wn(nat, analog, fs)};
}

filter_order ellipord(const band_edges& wp, const band_edges& ws, double gpass, double gstop,
                      bool analog, std::optional<double> fs) {
  const order_setup s = setup_order(wp, ws, gpass, gstop, analog, fs, "ellip");
  const double arg1_sq = pow10m1(0.1 * gpass) / pow10m1(0.1 * gstop);
  const double arg0 = 1.0 / s.nat;
  const double d0 = ellipk(arg0 * arg0), d0m = ellipkm1(arg0 * arg0);
  const double d1 = ellipk(arg1_sq), d1m = ellipkm1(arg1_sq);
  const int ord = static_cast<int>(std::ceil(d0 * d1m / (d0m * d1)));
  return {ord, postprocess_wn(s.passb, analog, fs)};
}

filter_coeffs iirdesign(const band_edges& wp_in, const band_edges& ws_in, double gpass,
                        double gstop, bool analog, const std::string& ftype,
                        const std::string& output, std::optional<double> fs) {
  const std::string fam = family(ftype);
  if (fam.empty()) throw value_error("Invalid IIR filter type: " + ftype);
  if (fam == "bessel")
    throw value_error(ftype + " does not have order selection. Use iirfilter function.");
  validate_gpass_gstop(gpass, gstop);
  const vec& wp = wp_in.values();
  const vec& ws = ws_in.values();
  if (wp.size() != ws.size() || wp.empty() || wp.size() > 2)
    throw value_error("wp and ws must have one or two elements each, and the same shape, got (" +
                      std::to_string(wp.size()) + ",) and (" + std::to_string(ws.size()) + ",)");
  for (double v : wp)
    if (v <= 0) throw value_error("Values for wp, ws must be greater than 0");
  for (double v : ws)
    if (v <= 0) throw value_error("Values for wp, ws must be greater than 0");
  if (!analog) {
    for (const vec* w : {&wp, &ws})
      for (double v : *w) {
        if (!fs && v >= 1) throw value_error("Values for wp, ws must be less than 1");
        if (fs && v >= *fs / 2)
          throw value_error("Values for wp, ws must be less than fs/2 (fs=" + fmt(*fs) +
                            " -> fs/2=" + fmt(*fs / 2) + ")");
      }
  }
  if (wp.size() == 2 && !((ws[0] < wp[0] && wp[1] < ws[1]) || (wp[0] < ws[0] && ws[1] < wp[1])))
    throw value_error("Passband must lie strictly inside stopband or vice versa");
  int band_type = 2 * (static_cast<int>(wp.size()) - 1) + 1;
  if (wp[0] >= ws[0]) band_type += 1;
  const char* btype = band_type == 1   ? "lowpass"
                      : band_type == 2 ? "highpass"
                      : band_type == 3 ? "bandstop"
                                       : "bandpass";
  filter_order o;
  if (fam == "butter")
    o = buttord(wp, ws, gpass, gstop, analog, fs);
  else if (fam == "cheby1")
    o = cheb1ord(wp, ws, gpass, gstop, analog, fs);
  else if (fam == "cheby2")
    o = cheb2ord(wp, ws, gpass, gstop, analog, fs);
  else
    o = ellipord(wp, ws, gpass, gstop, analog, fs);
  return iirfilter(o.N, o.Wn, gpass, gstop, btype, analog, ftype, output, fs);
}

// ---- FIR design -------------------------------------------------------------------------------

double kaiser_beta(double a) {
  if (a > 50) return 0.1102 * (a - 8.7);
  if (a > 21) return 0.5842 * std::pow(a - 21, 0.4) + 0.07886 * (a - 21);
  return 0.0;
}

double kaiser_atten(std::int64_t numtaps, double width) {
  return 2.285 * static_cast<double>(numtaps - 1) * kPi * width + 7.95;
}

std::pair<std::int64_t, double> kaiserord(double ripple, double width) {
  const double A = std::abs(ripple);
  if (A < 8) {
    char buf[128];
    std::snprintf(buf, sizeof buf,
                  "Requested maximum ripple attenuation %f is too small for the Kaiser formula.",
                  A);
    throw value_error(buf);
  }
  const double beta = kaiser_beta(A);
  const double numtaps = (A - 7.95) / 2.285 / (kPi * width) + 1;
  return {static_cast<std::int64_t>(std::ceil(numtaps)), beta};
}

namespace {
double sinc(double x) {
  if (x == 0.0) return 1.0;
  const double y = kPi * x;
  return std::sin(y) / y;
}
}  // namespace

namespace detail {

std::vector<double> firwin_values(std::int64_t numtaps, const std::vector<double>& cutoff_in,
                                  std::optional<double> width, const window_spec& window_in,
                                  const std::string& pass_zero_in, bool scale,
                                  std::optional<double> fs_in) {
  const double fs = fs_in ? *fs_in : 2;
  const double nyq = 0.5 * fs;
  vec cutoff = cutoff_in;
  for (double& c : cutoff) c /= nyq;
  if (cutoff.empty()) throw value_error("At least one cutoff frequency must be given.");
  if (*std::min_element(cutoff.begin(), cutoff.end()) <= 0 ||
      *std::max_element(cutoff.begin(), cutoff.end()) >= 1)
    throw value_error(
        "Invalid cutoff frequency: frequencies must be greater than 0 and less than fs/2.");
  for (std::size_t i = 1; i < cutoff.size(); ++i)
    if (cutoff[i] - cutoff[i - 1] <= 0)
      throw value_error("Invalid cutoff frequencies: the frequencies must be strictly increasing.");
  window_spec window = window_in;
  if (width) window = window_spec("kaiser", kaiser_beta(kaiser_atten(numtaps, *width / nyq)));
  const std::string shape = "(" + std::to_string(cutoff.size()) + ",)";
  bool pass_zero;
  const std::string& pz = pass_zero_in;
  if (pz == "bandstop" || pz == "lowpass") {
    if (pz == "lowpass" && cutoff.size() != 1)
      throw value_error("cutoff must have one element if pass_zero==\"lowpass\", got " + shape);
    if (pz == "bandstop" && cutoff.size() <= 1)
      throw value_error("cutoff must have at least two elements if pass_zero==\"bandstop\", got " +
                        shape);
    pass_zero = true;
  } else if (pz == "bandpass" || pz == "highpass") {
    if (pz == "highpass" && cutoff.size() != 1)
      throw value_error("cutoff must have one element if pass_zero==\"highpass\", got " + shape);
    if (pz == "bandpass" && cutoff.size() <= 1)
      throw value_error("cutoff must have at least two elements if pass_zero==\"bandpass\", got " +
                        shape);
    pass_zero = false;
  } else if (pz == "true" || pz == "True") {
    pass_zero = true;
  } else if (pz == "false" || pz == "False") {
    pass_zero = false;
  } else {
    throw value_error("Parameter pass_zero='" + pz +
                      "' not in (True, False, 'bandpass', 'lowpass', 'highpass', 'bandstop')");
  }
  const bool pass_nyquist = ((cutoff.size() % 2 == 0) == pass_zero);
  if (pass_nyquist && numtaps % 2 == 0)
    throw value_error(
        "A filter with an even number of coefficients must have zero response at the Nyquist "
        "frequency.");
  vec edges;
  if (pass_zero) edges.push_back(0.0);
  edges.insert(edges.end(), cutoff.begin(), cutoff.end());
  if (pass_nyquist) edges.push_back(1.0);
  const double alpha = 0.5 * static_cast<double>(numtaps - 1);
  vec h(numtaps, 0.0);
  for (std::int64_t i = 0; i < numtaps; ++i) {
    const double m = static_cast<double>(i) - alpha;
    for (std::size_t j = 0; j + 1 < edges.size(); j += 2) {
      const double left = edges[j], right = edges[j + 1];
      h[i] += right * sinc(right * m);
      h[i] -= left * sinc(left * m);
    }
  }
  const vec win = get_window_values(window, numtaps, false);
  for (std::int64_t i = 0; i < numtaps; ++i) h[i] *= win[i];
  if (scale) {
    const double left = edges[0], right = edges[1];
    const double f = left == 0 ? 0.0 : (right == 1 ? 1.0 : 0.5 * (left + right));
    double s = 0;
    for (std::int64_t i = 0; i < numtaps; ++i)
      s += h[i] * std::cos(kPi * (static_cast<double>(i) - alpha) * f);
    for (double& v : h) v /= s;
  }
  return h;
}

std::vector<double> firwin2_values(std::int64_t numtaps, const std::vector<double>& freq_in,
                                   const std::vector<double>& gain,
                                   std::optional<std::int64_t> nfreqs_in, const window_spec& window,
                                   bool antisymmetric, std::optional<double> fs_in) {
  const double fs = fs_in ? *fs_in : 2;
  const double nyq = 0.5 * fs;
  vec freq = freq_in;
  if (freq.size() != gain.size()) throw value_error("freq and gain must be of same length.");
  if (nfreqs_in && numtaps >= *nfreqs_in)
    throw value_error("ntaps must be less than nfreqs, but firwin2 was called with ntaps=" +
                      std::to_string(numtaps) + " and nfreqs=" + std::to_string(*nfreqs_in));
  if (freq.empty() || freq[0] != 0 || freq.back() != nyq)
    throw value_error("freq must start with 0 and end with fs/2.");
  for (std::size_t i = 1; i < freq.size(); ++i)
    if (freq[i] - freq[i - 1] < 0) throw value_error("The values in freq must be nondecreasing.");
  for (std::size_t i = 2; i < freq.size(); ++i)
    if ((freq[i - 1] - freq[i - 2]) + (freq[i] - freq[i - 1]) == 0)
      throw value_error("A value in freq must not occur more than twice.");
  if (freq.size() > 1 && freq[1] == 0) throw value_error("Value 0 must not be repeated in freq");
  if (freq.size() > 1 && freq[freq.size() - 2] == nyq)
    throw value_error("Value fs/2 must not be repeated in freq");
  const int ftype = antisymmetric ? (numtaps % 2 == 0 ? 4 : 3) : (numtaps % 2 == 0 ? 2 : 1);
  if (ftype == 2 && gain.back() != 0.0)
    throw value_error("A Type II filter must have zero gain at the Nyquist frequency.");
  if (ftype == 3 && (gain[0] != 0.0 || gain.back() != 0.0))
    throw value_error("A Type III filter must have zero gain at zero and Nyquist frequencies.");
  if (ftype == 4 && gain[0] != 0.0)
    throw value_error("A Type IV filter must have zero gain at zero frequency.");
  const std::int64_t nfreqs =
      nfreqs_in ? *nfreqs_in
                : 1 + (std::int64_t{1}
                       << static_cast<int>(std::ceil(std::log2(static_cast<double>(numtaps)))));
  bool repeated = false;
  for (std::size_t i = 1; i < freq.size(); ++i) repeated = repeated || freq[i] == freq[i - 1];
  if (repeated) {
    const double eps = kEps * nyq;
    for (std::size_t k = 0; k + 1 < freq.size(); ++k)
      if (freq[k] == freq[k + 1]) {
        freq[k] -= eps;
        freq[k + 1] += eps;
      }
    for (std::size_t i = 1; i < freq.size(); ++i)
      if (freq[i] - freq[i - 1] <= 0)
        throw value_error("freq cannot contain numbers that are too close (within eps * (fs/2): " +
                          fmt(eps) + ") to a repeated value");
  }
  // x = linspace(0, nyq, nfreqs); fx = interp(x, freq, gain)
  vec x(nfreqs), fx(nfreqs);
  const double step = nfreqs > 1 ? nyq / static_cast<double>(nfreqs - 1) : 0.0;
  for (std::int64_t i = 0; i < nfreqs; ++i) x[i] = static_cast<double>(i) * step;
  if (nfreqs > 1) x[nfreqs - 1] = nyq;
  for (std::int64_t i = 0; i < nfreqs; ++i) {
    const double xi = x[i];
    if (xi <= freq.front()) {
      fx[i] = gain.front();
    } else if (xi >= freq.back()) {
      fx[i] = gain.back();
    } else {
      const std::size_t j =
          static_cast<std::size_t>(std::upper_bound(freq.begin(), freq.end(), xi) - freq.begin()) -
          1;
      const double slope = (gain[j + 1] - gain[j]) / (freq[j + 1] - freq[j]);
      fx[i] = slope * (xi - freq[j]) + gain[j];
    }
  }
  cvec fx2(nfreqs);
  for (std::int64_t i = 0; i < nfreqs; ++i) {
    cd shift = std::exp(cd(0, -(static_cast<double>(numtaps) - 1) / 2. * kPi * x[i] / nyq));
    if (ftype > 2) shift *= cd(0, 1);
    fx2[i] = fx[i] * shift;
  }
  // irfft of fx2 (length 2 (nfreqs - 1)), its first numtaps points: the Hermitian spectrum
  // (the imaginary parts at 0 and Nyquist dropped, as irfft does) transformed back.
  const std::int64_t n = 2 * (nfreqs - 1);
  cvec full(n);
  full[0] = fx2[0].real();
  full[nfreqs - 1] = fx2[nfreqs - 1].real();
  for (std::int64_t k = 1; k < nfreqs - 1; ++k) {
    full[k] = fx2[k];
    full[n - k] = std::conj(fx2[k]);
  }
  const cvec time = host_dft(std::move(full), true);
  vec out(numtaps, 0.0);
  for (std::int64_t t = 0; t < numtaps && t < n; ++t)
    out[t] = time[t].real() / static_cast<double>(n);
  if (!window.name.empty()) {
    const vec wind = get_window_values(window, numtaps, false);
    for (std::int64_t i = 0; i < numtaps; ++i) out[i] *= wind[i];
  }
  if (ftype == 3) out[numtaps / 2] = 0.0;
  return out;
}

std::vector<double> firls_values(std::int64_t numtaps, const std::vector<double>& bands_in,
                                 const std::vector<double>& desired,
                                 const std::vector<double>& weight_in,
                                 std::optional<double> fs_in) {
  const double fs = fs_in ? *fs_in : 2;
  const double nyq = 0.5 * fs;
  if (numtaps % 2 == 0 || numtaps < 1) throw value_error("numtaps must be odd and >= 1");
  const std::int64_t M = (numtaps - 1) / 2;
  if (nyq <= 0) throw value_error("nyq must be positive, got " + fmt(nyq) + " <= 0.");
  vec bands = bands_in;
  for (double& v : bands) v /= nyq;
  if (bands.size() % 2 != 0) throw value_error("bands must contain frequency pairs.");
  for (double v : bands)
    if (v < 0 || v > 1) throw value_error("bands must be between 0 and 1 relative to Nyquist");
  if (bands.size() != desired.size())
    throw value_error("desired must have one entry per frequency, got " +
                      std::to_string(desired.size()) + " gains for " +
                      std::to_string(bands.size()) + " frequencies.");
  const std::size_t nb = bands.size() / 2;
  for (std::size_t j = 0; j < nb; ++j)
    if (bands[2 * j + 1] - bands[2 * j] <= 0 || (j > 0 && bands[2 * j] - bands[2 * j - 2] < 0))
      throw value_error("bands must be monotonically nondecreasing and have width > 0.");
  for (std::size_t j = 0; j + 1 < nb; ++j)
    if (bands[2 * j + 1] > bands[2 * j + 2]) throw value_error("bands must not overlap.");
  for (double v : desired)
    if (v < 0) throw value_error("desired must be non-negative.");
  vec weight = weight_in.empty() ? vec(nb, 1.0) : weight_in;
  if (weight.size() != nb)
    throw value_error("weight must be the same size as the number of band pairs (" +
                      std::to_string(nb) + ").");
  for (double v : weight)
    if (v < 0) throw value_error("weight must be non-negative.");
  vec q(numtaps);
  for (std::int64_t i = 0; i < numtaps; ++i) {
    double s = 0;
    for (std::size_t j = 0; j < nb; ++j) {
      const double lo = bands[2 * j], hi = bands[2 * j + 1];
      s += (sinc(hi * i) * hi - sinc(lo * i) * lo) * weight[j];
    }
    q[i] = s;
  }
  const std::int64_t n = M + 1;
  std::vector<vec> Q(n, vec(n));
  for (std::int64_t r = 0; r < n; ++r)
    for (std::int64_t c = 0; c < n; ++c) Q[r][c] = q[std::abs(r - c)] + q[r + c];
  vec bvec(n, 0.0);
  for (std::int64_t i = 0; i < n; ++i) {
    double s = 0;
    for (std::size_t j = 0; j < nb; ++j) {
      const double b0 = bands[2 * j], b1 = bands[2 * j + 1];
      const double m = (desired[2 * j + 1] - desired[2 * j]) / (b1 - b0);
      const double c = desired[2 * j] - b0 * m;
      double e[2];
      const double be[2] = {b0, b1};
      for (int k = 0; k < 2; ++k) {
        e[k] = be[k] * (m * be[k] + c) * sinc(be[k] * i);
        if (i == 0)
          e[k] -= m * be[k] * be[k] / 2.;
        else
          e[k] += m * std::cos(i * kPi * be[k]) / ((kPi * i) * (kPi * i));
      }
      s += (e[1] - e[0]) * weight[j];
    }
    bvec[i] = s;
  }
  // Cholesky (SciPy's solve with assume_a="pos"), Gaussian elimination with partial pivoting
  // where Q is not positive definite.
  vec a(n);
  {
    std::vector<vec> L(n, vec(n, 0.0));
    bool ok = true;
    for (std::int64_t j = 0; j < n && ok; ++j) {
      double s = Q[j][j];
      for (std::int64_t k = 0; k < j; ++k) s -= L[j][k] * L[j][k];
      if (!(s > 0)) {
        ok = false;
        break;
      }
      L[j][j] = std::sqrt(s);
      for (std::int64_t i = j + 1; i < n; ++i) {
        double t = Q[i][j];
        for (std::int64_t k = 0; k < j; ++k) t -= L[i][k] * L[j][k];
        L[i][j] = t / L[j][j];
      }
    }
    if (ok) {
      vec y(n);
      for (std::int64_t i = 0; i < n; ++i) {
        double s = bvec[i];
        for (std::int64_t k = 0; k < i; ++k) s -= L[i][k] * y[k];
        y[i] = s / L[i][i];
      }
      for (std::int64_t i = n - 1; i >= 0; --i) {
        double s = y[i];
        for (std::int64_t k = i + 1; k < n; ++k) s -= L[k][i] * a[k];
        a[i] = s / L[i][i];
      }
    } else {
      std::vector<vec> A = Q;
      vec rhs = bvec;
      for (std::int64_t c = 0; c < n; ++c) {
        std::int64_t piv = c;
        for (std::int64_t r = c + 1; r < n; ++r)
          if (std::abs(A[r][c]) > std::abs(A[piv][c])) piv = r;
        std::swap(A[c], A[piv]);
        std::swap(rhs[c], rhs[piv]);
        if (A[c][c] == 0) continue;
        for (std::int64_t r = c + 1; r < n; ++r) {
          const double f = A[r][c] / A[c][c];
          for (std::int64_t k = c; k < n; ++k) A[r][k] -= f * A[c][k];
          rhs[r] -= f * rhs[c];
        }
      }
      for (std::int64_t i = n - 1; i >= 0; --i) {
        double s = rhs[i];
        for (std::int64_t k = i + 1; k < n; ++k) s -= A[i][k] * a[k];
        a[i] = A[i][i] == 0 ? 0.0 : s / A[i][i];
      }
    }
  }
  vec coeffs;
  for (std::int64_t i = M; i >= 1; --i) coeffs.push_back(a[i]);
  coeffs.push_back(2 * a[0]);
  for (std::int64_t i = 1; i <= M; ++i) coeffs.push_back(a[i]);
  return coeffs;
}

// ---- Frequency responses ----------------------------------------------------------------------

namespace {

vec grid(const frequencies& worN, bool whole, double fs, bool include_nyquist) {
  vec w;
  if (worN.given()) {
    for (double v : worN.values()) w.push_back(2 * kPi * v / fs);
    return w;
  }
  const std::int64_t N = worN.count();
  if (N < 0) throw value_error("worN must be nonnegative, got " + std::to_string(N));
  const double last = whole ? 2 * kPi : kPi;
  const bool endpoint = include_nyquist && !whole;
  const double div = endpoint ? static_cast<double>(N - 1) : static_cast<double>(N);
  const double step = last / div;
  w.resize(N);
  for (std::int64_t i = 0; i < N; ++i) w[i] = static_cast<double>(i) * step;
  if (endpoint && N > 1) w[N - 1] = last;
  if (endpoint && N == 1) w[0] = 0.0;
  return w;
}

cd polyval_ascending(const vec& c, cd x) {
  cd s = 0;
  for (auto it = c.rbegin(); it != c.rend(); ++it) s = s * x + *it;
  return s;
}

}  // namespace

host_response freqz_values(const std::vector<double>& b, const std::vector<double>& a,
                           const frequencies& worN, bool whole, double fs, bool include_nyquist) {
  host_response r;
  vec w = grid(worN, whole, fs, include_nyquist);
  r.h.resize(w.size());
  for (std::size_t i = 0; i < w.size(); ++i) {
    const cd zm1 = std::exp(cd(0, -w[i]));
    r.h[i] = polyval_ascending(b, zm1) / polyval_ascending(a, zm1);
  }
  for (double& v : w) v *= fs / (2 * kPi);
  r.w = w;
  return r;
}

host_response sosfreqz_values(const sos_array& sos, const frequencies& worN, bool whole,
                              double fs) {
  if (sos.empty()) throw value_error("Cannot compute frequencies with no sections");
  for (const auto& s : sos)
    if (s[3] != 1) throw value_error("sos[:, 3] should be all ones");
  host_response out;
  for (std::size_t j = 0; j < sos.size(); ++j) {
    const host_response r = freqz_values({sos[j][0], sos[j][1], sos[j][2]},
                                         {sos[j][3], sos[j][4], sos[j][5]}, worN, whole, fs, false);
    if (j == 0) {
      out = r;
    } else {
      for (std::size_t i = 0; i < r.h.size(); ++i) out.h[i] *= r.h[i];
    }
  }
  return out;
}

std::vector<double> minimum_phase_values(const std::vector<double>& h, const std::string& method,
                                         std::int64_t n_fft, bool half) {
  const auto n = static_cast<std::int64_t>(h.size());
  if (n <= 2) throw value_error("h must be 1-D and at least 2 samples long");
  // SciPy warns when h does not look symmetric.
  if (method != "homomorphic" && method != "hilbert")
    throw value_error("method must be \"homomorphic\" or \"hilbert\", got '" + method + "'");
  if (method == "hilbert" && !half)
    throw value_error("`half=False` is only supported when `method='homomorphic'`");
  if (n_fft == 0)
    n_fft = std::int64_t{1} << static_cast<int>(
                std::ceil(std::log2(2 * static_cast<double>(n - 1) / 0.01)));
  if (n_fft < n) throw value_error("n_fft must be at least len(h)==" + std::to_string(n));
  const std::int64_t n_half = n / 2;
  auto fft = [&](cvec x) { return host_dft(std::move(x)); };
  auto ifft = [&](cvec x) {
    cvec y = host_dft(std::move(x), true);
    for (cd& v : y) v /= static_cast<double>(y.size());
    return y;
  };
  cvec padded(n_fft, 0.0);
  for (std::int64_t i = 0; i < n; ++i) padded[i] = h[i];
  vec out;
  if (method == "hilbert") {
    const cvec F = fft(padded);
    vec H(n_fft);
    for (std::int64_t i = 0; i < n_fft; ++i) {
      const double w = static_cast<double>(i) *
                       (2 * kPi / static_cast<double>(n_fft) * static_cast<double>(n_half));
      H[i] = (F[i] * std::exp(cd(0, w))).real();
    }
    const double dp = *std::max_element(H.begin(), H.end()) - 1;
    const double ds = 0 - *std::min_element(H.begin(), H.end());
    const double S = 4. / std::pow(std::sqrt(1 + dp + ds) + std::sqrt(1 - dp + ds), 2);
    cvec mag(n_fft);
    for (std::int64_t i = 0; i < n_fft; ++i) mag[i] = std::sqrt((H[i] + ds) * S) + 1e-10;
    // SciPy's _dhtm: the discrete Hilbert transform of the log magnitude.
    cvec lg(n_fft);
    for (std::int64_t i = 0; i < n_fft; ++i) lg[i] = std::log(mag[i].real());
    cvec c = ifft(lg);
    const std::int64_t midpt = n_fft / 2;
    for (std::int64_t i = 0; i < n_fft; ++i)
      c[i] *= (i >= 1 && i < midpt) ? 1.0 : (i > midpt ? -1.0 : 0.0);
    const cvec e = fft(c);
    cvec prod(n_fft);
    for (std::int64_t i = 0; i < n_fft; ++i) prod[i] = mag[i] * std::exp(e[i]);
    const cvec rec = ifft(prod);
    for (const cd& v : rec) out.push_back(v.real());
  } else {
    const cvec F = fft(padded);
    vec t(n_fft);
    double min_pos = HUGE_VAL;
    for (std::int64_t i = 0; i < n_fft; ++i) {
      t[i] = std::abs(F[i]);
      if (t[i] > 0) min_pos = std::min(min_pos, t[i]);
    }
    cvec lg(n_fft);
    for (std::int64_t i = 0; i < n_fft; ++i) {
      lg[i] = std::log(t[i] + 1e-7 * min_pos);
      if (half) lg[i] *= 0.5;
    }
    cvec c = ifft(lg);
    const std::int64_t stop = n_fft / 2;
    for (std::int64_t i = 0; i < n_fft; ++i) {
      double win = 0;
      if (i == 0)
        win = 1;
      else if (i < stop)
        win = 2;
      else if (i == stop && n_fft % 2)
        win = 1;
      c[i] = c[i].real() * win;
    }
    cvec e = fft(c);
    for (cd& v : e) v = std::exp(v);
    const cvec rec = ifft(e);
    for (const cd& v : rec) out.push_back(v.real());
  }
  const std::int64_t n_out = half ? n_half + n % 2 : n;
  out.resize(static_cast<std::size_t>(n_out));
  return out;
}

host_response freqz_zpk_values(const std::vector<cd>& z, const std::vector<cd>& p, double k,
                               const frequencies& worN, bool whole, double fs) {
  host_response r;
  vec w;
  if (worN.given()) {
    for (double v : worN.values()) w.push_back(2 * kPi * v / fs);
  } else {
    const std::int64_t N = worN.count();
    if (N < 0)
      throw value_error("Number of samples, " + std::to_string(N) + ", must be non-negative.");
    const double step = (whole ? 2 * kPi : kPi) / static_cast<double>(N);
    for (std::int64_t i = 0; i < N; ++i) w.push_back(static_cast<double>(i) * step);
  }
  for (double wi : w) {
    const cd zm1 = std::exp(cd(0, wi));
    cd num = 1.0, den = 1.0;
    for (const cd& v : z) num = np_mul(num, zm1 - v);
    for (const cd& v : p) den = np_mul(den, zm1 - v);
    r.h.push_back(np_div(np_mul(c_(k), num), den));
    r.w.push_back(wi * (fs / (2 * kPi)));
  }
  return r;
}

std::vector<double> findfreqs_values(const std::vector<cd>& num, const std::vector<cd>& den,
                                     std::int64_t N, const std::string& kind) {
  cvec ep, tz;
  if (kind == "ba") {
    ep = poly_roots(den);
    tz = poly_roots(num);
  } else if (kind == "zp") {
    ep = den;
    tz = num;
  } else {
    throw value_error("input must be one of {'ba', 'zp'}");
  }
  if (ep.empty()) ep = {cd(-1000.0)};
  cvec ez;
  for (const cd& v : ep)
    if (v.imag() >= 0) ez.push_back(v);
  for (const cd& v : tz)
    if (std::abs(v) < 1e5 && v.imag() >= 0) ez.push_back(v);
  double hi = -HUGE_VAL, lo = HUGE_VAL;
  for (const cd& v : ez) {
    const double integ = std::abs(v) < 1e-10 ? 1.0 : 0.0;
    hi = std::max(hi, 3 * std::abs(v.real() + integ) + 1.5 * v.imag());
    lo = std::min(lo, std::abs(v.real() + integ) + 2 * v.imag());
  }
  // NumPy rounds half to even, as nearbyint does.
  const double hfreq = std::nearbyint(std::log10(hi) + 0.5);
  const double lfreq = std::nearbyint(std::log10(0.1 * lo) - 0.5);
  vec w(N);
  const double step = N > 1 ? (hfreq - lfreq) / static_cast<double>(N - 1) : 0.0;
  for (std::int64_t i = 0; i < N; ++i) {
    const double y = (i == N - 1 && N > 1) ? hfreq : static_cast<double>(i) * step + lfreq;
    w[i] = std::pow(10.0, y);
  }
  return w;
}

host_response freqs_values(const std::vector<double>& b, const std::vector<double>& a,
                           const frequencies& worN) {
  host_response r;
  r.w = worN.given() ? worN.values()
                     : findfreqs_values(to_complex(b), to_complex(a), worN.count(), "ba");
  for (double wi : r.w) {
    const cd s(0, wi);
    cd nb = 0, na = 0;
    for (double v : b) nb = np_add(np_mul(nb, s), c_(v));
    for (double v : a) na = np_add(np_mul(na, s), c_(v));
    r.h.push_back(np_div(nb, na));
  }
  return r;
}

host_response freqs_zpk_values(const std::vector<cd>& z, const std::vector<cd>& p, double k,
                               const frequencies& worN) {
  host_response r;
  r.w = worN.given() ? worN.values() : findfreqs_values(z, p, worN.count(), "zp");
  for (double wi : r.w) {
    const cd s(0, wi);
    cd num = 1.0, den = 1.0;
    for (const cd& v : z) num = np_mul(num, s - v);
    for (const cd& v : p) den = np_mul(den, s - v);
    r.h.push_back(np_mul(c_(k), np_div(num, den)));
  }
  return r;
}

host_response freqresp_values(const zpk& system, const frequencies& w) {
  return freqs_zpk_values(system.z, system.p, system.k, w);
}

host_response dfreqresp_values(const ba& system, const frequencies& w, bool whole) {
  // A discrete-time TransferFunction is normalised, then written in powers of 1/z (SciPy's
  // _z_to_zinv: the shorter of num and den padded with leading zeros).
  ba t = normalize(system.b, system.a);
  if (t.b.size() < t.a.size()) t.b.insert(t.b.begin(), t.a.size() - t.b.size(), 0.0);
  if (t.a.size() < t.b.size()) t.a.insert(t.a.begin(), t.b.size() - t.a.size(), 0.0);
  return freqz_values(t.b, t.a, w, whole, kTwoPi, false);
}

host_bode bode_values(const host_response& r, double dt) {
  host_bode b;
  b.w = r.w;
  for (double& v : b.w) v /= dt;
  vec phase;
  for (const cd& h : r.h) {
    b.mag.push_back(20.0 * std::log10(std::abs(h)));
    phase.push_back(std::atan2(h.imag(), h.real()));
  }
  b.phase = unwrap(phase);
  for (double& v : b.phase) v = v * 180.0 / kPi;
  return b;
}

std::vector<double> unwrap(const std::vector<double>& p) {
  vec out(p);
  double correction = 0;
  for (std::size_t i = 1; i < p.size(); ++i) {
    const double dd = p[i] - p[i - 1];
    // Python's modulo: the sign of the divisor.
    double ddmod = std::fmod(dd + kPi, 2 * kPi);
    if (ddmod < 0) ddmod += 2 * kPi;
    ddmod -= kPi;
    if (ddmod == -kPi && dd > 0) ddmod = kPi;
    double ph = ddmod - dd;
    if (std::abs(dd) < kPi) ph = 0;
    correction += ph;
    out[i] = p[i] + correction;
  }
  return out;
}

host_lsim lsim_values(const state_space& system, const host_matrix& U_in,
                      const std::vector<double>& T, const std::vector<double>& X0_in, bool interp) {
  const state_space s = abcd_normalize(system);
  const host_matrix &A = s.A, &B = s.B, &C = s.C, &D = s.D;
  const std::size_t ns = rows_of(A), nin = cols_of(B) ? cols_of(B) : cols_of(D);
  const std::size_t nout = rows_of(C) ? rows_of(C) : rows_of(D);
  const std::size_t steps = T.size();
  const vec X0 = X0_in.empty() ? vec(ns, 0.0) : X0_in;
  if (X0.size() != ns)
    throw value_error("X0 must have one value per state (" + std::to_string(ns) + ")");
  host_lsim out;
  out.x.assign(steps, vec(ns, 0.0));
  if (steps == 0) return out;
  if (T[0] == 0) {
    out.x[0] = X0;
  } else if (T[0] > 0) {
    const host_matrix e = expm(axpby(T[0], transpose(A), 0.0, A));
    for (std::size_t j = 0; j < ns; ++j)
      for (std::size_t i = 0; i < ns; ++i) out.x[0][j] += X0[i] * e[i][j];
  } else {
    throw value_error("Initial time must be nonnegative");
  }
  bool no_input = true;
  for (const vec& row : U_in)
    for (double v : row) no_input = no_input && v == 0.0;
  auto outputs = [&](bool with_input, const host_matrix& U) {
    out.y.assign(steps, vec(nout, 0.0));
    for (std::size_t k = 0; k < steps; ++k)
      for (std::size_t r = 0; r < nout; ++r) {
        double v = 0;
        for (std::size_t c = 0; c < ns; ++c) v += out.x[k][c] * C[r][c];
        if (with_input)
          for (std::size_t c = 0; c < nin; ++c) v += U[k][c] * D[r][c];
        out.y[k][r] = v;
      }
  };
  if (steps == 1) {
    outputs(!no_input, U_in);
    return out;
  }
  const double dt = T[1] - T[0];
  for (std::size_t i = 1; i < steps; ++i)
    if (std::abs((T[i] - T[i - 1]) - dt) > 1e-8 + 1e-5 * std::abs(dt))  // numpy.allclose
      throw value_error("Time steps are not equally spaced.");
  if (no_input) {
    const host_matrix e = expm(axpby(dt, transpose(A), 0.0, A));
    for (std::size_t i = 1; i < steps; ++i)
      for (std::size_t j = 0; j < ns; ++j) {
        double v = 0;
        for (std::size_t c = 0; c < ns; ++c) v += out.x[i - 1][c] * e[c][j];
        out.x[i][j] = v;
      }
    outputs(false, U_in);
    return out;
  }
  if (U_in.size() != steps)
    throw value_error("U must have the same number of rows as elements in T.");
  if (cols_of(U_in) != nin) throw value_error("System does not define that many inputs.");
  const std::size_t size = interp ? ns + 2 * nin : ns + nin;
  host_matrix M(size, vec(size, 0.0));
  for (std::size_t i = 0; i < ns; ++i) {
    for (std::size_t j = 0; j < ns; ++j) M[i][j] = A[i][j] * dt;
    for (std::size_t j = 0; j < nin; ++j) M[i][ns + j] = B[i][j] * dt;
  }
  if (interp)
    for (std::size_t i = 0; i < nin; ++i) M[ns + i][ns + nin + i] = 1.0;
  const host_matrix E = expm(transpose(M));
  // E = expm(M.T): Ad = E[:ns, :ns]; the input terms are rows ns.. of E, columns :ns.
  for (std::size_t i = 1; i < steps; ++i)
    for (std::size_t j = 0; j < ns; ++j) {
      double v = 0;
      for (std::size_t c = 0; c < ns; ++c) v += out.x[i - 1][c] * E[c][j];
      for (std::size_t c = 0; c < nin; ++c) {
        if (interp) {
          const double bd1 = E[ns + nin + c][j];
          const double bd0 = E[ns + c][j] - bd1;
          v += U_in[i - 1][c] * bd0 + U_in[i][c] * bd1;
        } else {
          v += U_in[i - 1][c] * E[ns + c][j];
        }
      }
      out.x[i][j] = v;
    }
  outputs(true, U_in);
  return out;
}

std::pair<std::vector<double>, host_lsim> response_values(const state_space& system,
                                                          const std::vector<double>& X0,
                                                          const std::vector<double>& T_in,
                                                          std::int64_t N, bool step) {
  const state_space s = abcd_normalize(system);
  const vec T = T_in.empty() ? default_response_times(s.A, N) : T_in;
  if (step) {
    const host_matrix U(T.size(), vec(cols_of(s.B) ? cols_of(s.B) : cols_of(s.D), 1.0));
    return {T, lsim_values(s, U, T, X0, false)};
  }
  // SciPy's impulse: no input, from the state B (+ X0).
  if (cols_of(s.B) != 1) throw value_error("impulse takes a system with one input");
  vec X(rows_of(s.B));
  for (std::size_t i = 0; i < X.size(); ++i) X[i] = s.B[i][0] + (X0.empty() ? 0.0 : X0.at(i));
  return {T, lsim_values(s, {}, T, X, false)};
}

std::vector<double> default_response_times(const host_matrix& A, std::int64_t n) {
  double r = HUGE_VAL;
  if (!A.empty()) {
    const vec cp = char_poly(A);
    for (const cd& v : poly_roots(to_complex(cp))) r = std::min(r, std::abs(v.real()));
  }
  if (r == 0.0 || r == HUGE_VAL) r = 1.0;
  const double tc = 1.0 / r;
  vec t(static_cast<std::size_t>(std::max<std::int64_t>(n, 0)));
  const double step = n > 1 ? 7 * tc / static_cast<double>(n - 1) : 0.0;
  for (std::int64_t i = 0; i < n; ++i) t[i] = static_cast<double>(i) * step;
  if (n > 1) t.back() = 7 * tc;
  return t;
}

host_sim dlsim_values(const state_space& system, double dt, const host_matrix& u_in,
                      const std::vector<double>& t, const std::vector<double>& x0) {
  const state_space s = abcd_normalize(system);
  const std::size_t ns = rows_of(s.A), nin = cols_of(s.D) ? cols_of(s.D) : cols_of(s.B);
  const std::size_t nout = rows_of(s.C) ? rows_of(s.C) : rows_of(s.D);
  for (const vec& row : u_in)
    if (row.size() != nin)
      throw value_error("u must have one column per system input (" + std::to_string(nin) + ")");
  host_sim out;
  std::size_t samples;
  double stoptime;
  if (t.empty()) {
    samples = u_in.size();
    stoptime = (static_cast<double>(samples) - 1) * dt;
  } else {
    if (t.size() != u_in.size()) throw value_error("t and u must have the same number of samples");
    stoptime = t.back();
    samples = static_cast<std::size_t>(std::floor(stoptime / dt)) + 1;
  }
  // numpy.linspace(0, stoptime, samples)
  out.t.resize(samples);
  const double step = samples > 1 ? stoptime / static_cast<double>(samples - 1) : 0.0;
  for (std::size_t i = 0; i < samples; ++i) out.t[i] = static_cast<double>(i) * step;
  if (samples > 1) out.t.back() = stoptime;
  host_matrix u = u_in;
  if (!t.empty()) {
    // make_interp_spline(t, u, k=1)(tout): piecewise linear, extrapolating the end pieces.
    u.assign(samples, vec(nin, 0.0));
    for (std::size_t i = 0; i < samples; ++i) {
      const double x = out.t[i];
      std::size_t j = 0;
      if (t.size() >= 2) {
        j = static_cast<std::size_t>(std::upper_bound(t.begin(), t.end(), x) - t.begin());
        j = j == 0 ? 0 : j - 1;
        j = std::min(j, t.size() - 2);
      }
      for (std::size_t c = 0; c < nin; ++c) {
        if (t.size() < 2) {
          u[i][c] = u_in[0][c];
          continue;
        }
        const double slope = (u_in[j + 1][c] - u_in[j][c]) / (t[j + 1] - t[j]);
        u[i][c] = u_in[j][c] + slope * (x - t[j]);
      }
    }
  }
  if (!x0.empty() && x0.size() != ns)
    throw value_error("x0 must have one value per state (" + std::to_string(ns) + ")");
  out.x.assign(samples, vec(ns, 0.0));
  out.y.assign(samples, vec(nout, 0.0));
  if (samples == 0) return out;
  if (!x0.empty()) out.x[0] = x0;
  auto output = [&](std::size_t i) {
    for (std::size_t r = 0; r < nout; ++r) {
      double v = 0;
      for (std::size_t c = 0; c < ns; ++c) v += s.C[r][c] * out.x[i][c];
      double w = 0;
      for (std::size_t c = 0; c < nin; ++c) w += s.D[r][c] * u[i][c];
      out.y[i][r] = v + w;
    }
  };
  for (std::size_t i = 0; i + 1 < samples; ++i) {
    for (std::size_t r = 0; r < ns; ++r) {
      double v = 0;
      for (std::size_t c = 0; c < ns; ++c) v += s.A[r][c] * out.x[i][c];
      double w = 0;
      for (std::size_t c = 0; c < nin; ++c) w += s.B[r][c] * u[i][c];
      out.x[i + 1][r] = v + w;
    }
    output(i);
  }
  output(samples - 1);
  return out;
}

std::pair<std::vector<double>, std::vector<host_matrix>> dresponse_values(
    const state_space& system, double dt, const std::vector<double>& x0,
    const std::vector<double>& t_in, std::int64_t n, bool step) {
  const state_space s = abcd_normalize(system);
  const std::size_t nin = cols_of(s.D) ? cols_of(s.D) : cols_of(s.B);
  vec t = t_in;
  if (t.empty()) {
    // numpy.linspace(0, n * dt, n, endpoint=False)
    const double stepsize = static_cast<double>(n) * dt / static_cast<double>(n);
    for (std::int64_t i = 0; i < n; ++i) t.push_back(static_cast<double>(i) * stepsize);
  }
  std::pair<std::vector<double>, std::vector<host_matrix>> out;
  for (std::size_t i = 0; i < nin; ++i) {
    host_matrix u(t.size(), vec(nin, 0.0));
    if (step) {
      for (vec& row : u) row[i] = 1.0;
    } else if (!u.empty()) {
      u[0][i] = 1.0;
    }
    host_sim r = dlsim_values(s, dt, u, t, x0);
    out.first = r.t;
    out.second.push_back(std::move(r.y));
  }
  return out;
}

host_delay group_delay_values(const ba& system, const frequencies& worN, bool whole, double fs) {
  const vec& b = system.b;
  const vec& a = system.a;
  vec w;
  if (worN.given()) {
    for (double v : worN.values()) w.push_back(2 * kPi * v / fs);
  } else {
    const std::int64_t N = worN.count();
    const double step = (whole ? 2 * kPi : kPi) / static_cast<double>(N);
    for (std::int64_t i = 0; i < N; ++i) w.push_back(static_cast<double>(i) * step);
  }
  const vec c = polymul(b, vec(a.rbegin(), a.rend()));
  vec cr(c.size());
  for (std::size_t i = 0; i < c.size(); ++i) cr[i] = c[i] * static_cast<double>(i);
  host_delay out;
  for (double wi : w) {
    const cd z = std::exp(cd(0, -wi));
    const cd num = polyval_ascending(cr, z), den = polyval_ascending(c, z);
    double gd = (num / den).real() - static_cast<double>(a.size()) + 1;
    if (!std::isfinite(gd)) gd = 0;
    out.gd.push_back(gd);
    out.w.push_back(wi * (fs / (2 * kPi)));
  }
  return out;
}

}  // namespace detail

// ---- device-array wrappers --------------------------------------------------------------------

namespace {
freq_response to_device(const detail::host_response& r) { return {asarray(r.w), asarray(r.h)}; }
}  // namespace

ndarray<double> firwin(std::int64_t numtaps, const std::vector<double>& cutoff,
                       std::optional<double> width, const window_spec& window,
                       const std::string& pass_zero, bool scale, std::optional<double> fs) {
  return asarray(detail::firwin_values(numtaps, cutoff, width, window, pass_zero, scale, fs));
}
ndarray<double> firwin(std::int64_t numtaps, double cutoff, std::optional<double> width,
                       const window_spec& window, const std::string& pass_zero, bool scale,
                       std::optional<double> fs) {
  return firwin(numtaps, vec{cutoff}, width, window, pass_zero, scale, fs);
}
ndarray<double> firwin2(std::int64_t numtaps, const std::vector<double>& freq,
                        const std::vector<double>& gain, std::optional<std::int64_t> nfreqs,
                        const window_spec& window, bool antisymmetric, std::optional<double> fs) {
  return asarray(detail::firwin2_values(numtaps, freq, gain, nfreqs, window, antisymmetric, fs));
}
ndarray<double> minimum_phase(const ndarray<double>& h, const std::string& method,
                              std::int64_t n_fft, bool half) {
  if (h.ndim() != 1) throw value_error("h must be 1-D and at least 2 samples long");
  return asarray(detail::minimum_phase_values(h.get(), method, n_fft, half));
}
ndarray<double> firls(std::int64_t numtaps, const std::vector<double>& bands,
                      const std::vector<double>& desired, const std::vector<double>& weight,
                      std::optional<double> fs) {
  return asarray(detail::firls_values(numtaps, bands, desired, weight, fs));
}
freq_response freqz(const std::vector<double>& b, const std::vector<double>& a,
                    const frequencies& worN, bool whole, double fs, bool include_nyquist) {
  return to_device(detail::freqz_values(b, a, worN, whole, fs, include_nyquist));
}
freq_response freqz(const ndarray<double>& b, const std::vector<double>& a, const frequencies& worN,
                    bool whole, double fs, bool include_nyquist) {
  if (b.ndim() != 1)
    throw value_error("freqz takes 1-D coefficients; b has " + std::to_string(b.ndim()) +
                      " dimensions");
  return freqz(b.get(), a, worN, whole, fs, include_nyquist);
}
freq_response sosfreqz(const sos_array& sos, const frequencies& worN, bool whole, double fs) {
  return to_device(detail::sosfreqz_values(sos, worN, whole, fs));
}
freq_response freqz_sos(const sos_array& sos, const frequencies& worN, bool whole, double fs) {
  return sosfreqz(sos, worN, whole, fs);
}
freq_response freqz_zpk(const std::vector<cd>& z, const std::vector<cd>& p, double k,
                        const frequencies& worN, bool whole, double fs) {
  return to_device(detail::freqz_zpk_values(z, p, k, worN, whole, fs));
}
freq_response freqs(const std::vector<double>& b, const std::vector<double>& a,
                    const frequencies& worN) {
  return to_device(detail::freqs_values(b, a, worN));
}
freq_response freqs_zpk(const std::vector<cd>& z, const std::vector<cd>& p, double k,
                        const frequencies& worN) {
  return to_device(detail::freqs_zpk_values(z, p, k, worN));
}
ndarray<double> findfreqs(const std::vector<cd>& num, const std::vector<cd>& den, std::int64_t N,
                          const std::string& kind) {
  return asarray(detail::findfreqs_values(num, den, N, kind));
}
namespace {
bode_result to_bode(const detail::host_response& r, double dt) {
  const detail::host_bode b = detail::bode_values(r, dt);
  return {asarray(b.w), asarray(b.mag), asarray(b.phase)};
}
zpk as_zpk(const ba& system) {
  const ba t = normalize(system.b, system.a);
  return tf2zpk(t.b, t.a);
}
}  // namespace

freq_response freqresp(const ba& system, const frequencies& w) {
  return to_device(detail::freqresp_values(as_zpk(system), w));
}
freq_response freqresp(const zpk& system, const frequencies& w) {
  return to_device(detail::freqresp_values(system, w));
}
freq_response freqresp(const state_space& system, const frequencies& w) {
  return to_device(detail::freqresp_values(ss2zpk(system), w));
}
bode_result bode(const ba& system, const frequencies& w) {
  return to_bode(detail::freqresp_values(as_zpk(system), w), 1.0);
}
bode_result bode(const zpk& system, const frequencies& w) {
  return to_bode(detail::freqresp_values(system, w), 1.0);
}
bode_result bode(const state_space& system, const frequencies& w) {
  return to_bode(detail::freqresp_values(ss2zpk(system), w), 1.0);
}
freq_response dfreqresp(const ba& system, const frequencies& w, bool whole) {
  return to_device(detail::dfreqresp_values(system, w, whole));
}
freq_response dfreqresp(const zpk& system, const frequencies& w, bool whole) {
  return to_device(detail::freqz_zpk_values(system.z, system.p, system.k, w, whole, kTwoPi));
}
bode_result dbode(const ba& system, double dt, const frequencies& w) {
  return to_bode(detail::dfreqresp_values(system, w, false), dt);
}
bode_result dbode(const zpk& system, double dt, const frequencies& w) {
  return to_bode(detail::freqz_zpk_values(system.z, system.p, system.k, w, false, kTwoPi), dt);
}

namespace {
ndarray<double> device_matrix(const host_matrix& m, std::size_t rows, std::size_t cols) {
  vec flat;
  for (const vec& row : m) flat.insert(flat.end(), row.begin(), row.end());
  return asarray(flat, shape_t{static_cast<std::int64_t>(rows), static_cast<std::int64_t>(cols)});
}
host_matrix host_input(const ndarray<double>& u) {
  if (u.ndim() > 2) throw value_error("u must be 1-D or 2-D");
  const vec v = u.get();
  const std::size_t rows = u.ndim() == 0 ? 1 : static_cast<std::size_t>(u.shape()[0]);
  const std::size_t cols = u.ndim() == 2 ? static_cast<std::size_t>(u.shape()[1]) : 1;
  host_matrix m(rows, vec(cols));
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j) m[i][j] = v[i * cols + j];
  return m;
}
dlsim_result sim_to_device(const detail::host_sim& r, const state_space& s) {
  const state_space n = abcd_normalize(s);
  const std::size_t nout = rows_of(n.C) ? rows_of(n.C) : rows_of(n.D);
  return {asarray(r.t), device_matrix(r.y, r.t.size(), nout),
          device_matrix(r.x, r.t.size(), rows_of(n.A))};
}
dresponse_result response_to_device(
    const std::pair<std::vector<double>, std::vector<host_matrix>>& r, const state_space& s) {
  const state_space n = abcd_normalize(s);
  const std::size_t nout = rows_of(n.C) ? rows_of(n.C) : rows_of(n.D);
  dresponse_result out{asarray(r.first), {}};
  for (const host_matrix& y : r.second) out.y.push_back(device_matrix(y, r.first.size(), nout));
  return out;
}
}  // namespace

namespace {

// numpy.squeeze of a (rows x cols) result: every length-1 axis dropped.
ndarray<double> squeezed(const host_matrix& m, std::size_t rows, std::size_t cols) {
  vec flat;
  for (const vec& row : m) flat.insert(flat.end(), row.begin(), row.end());
  shape_t shape;
  if (rows != 1) shape.push_back(static_cast<std::int64_t>(rows));
  if (cols != 1) shape.push_back(static_cast<std::int64_t>(cols));
  return asarray(flat, shape);
}

lsim_result lsim_to_device(const detail::host_lsim& r, const std::vector<double>& T,
                           const state_space& s) {
  const state_space n = abcd_normalize(s);
  const std::size_t nout = rows_of(n.C) ? rows_of(n.C) : rows_of(n.D);
  return {asarray(T), squeezed(r.y, T.size(), nout), squeezed(r.x, T.size(), rows_of(n.A))};
}

}  // namespace

lsim_result lsim(const state_space& system, const ndarray<double>& U, const std::vector<double>& T,
                 const std::vector<double>& X0, bool interp) {
  const host_matrix u = U.size() == 0 ? host_matrix{} : host_input(U);
  return lsim_to_device(detail::lsim_values(system, u, T, X0, interp), T, system);
}
lsim_result lsim(const ba& system, const ndarray<double>& U, const std::vector<double>& T,
                 const std::vector<double>& X0, bool interp) {
  return lsim(tf2ss(system.b, system.a), U, T, X0, interp);
}
lsim_result lsim(const zpk& system, const ndarray<double>& U, const std::vector<double>& T,
                 const std::vector<double>& X0, bool interp) {
  return lsim(zpk2ss(system.z, system.p, system.k), U, T, X0, interp);
}
lsim_result impulse(const state_space& system, const std::vector<double>& X0,
                    const std::vector<double>& T, std::int64_t N) {
  const auto r = detail::response_values(system, X0, T, N, false);
  return lsim_to_device(r.second, r.first, system);
}
lsim_result impulse(const ba& system, const std::vector<double>& X0, const std::vector<double>& T,
                    std::int64_t N) {
  return impulse(tf2ss(system.b, system.a), X0, T, N);
}
lsim_result impulse(const zpk& system, const std::vector<double>& X0, const std::vector<double>& T,
                    std::int64_t N) {
  return impulse(zpk2ss(system.z, system.p, system.k), X0, T, N);
}
lsim_result step(const state_space& system, const std::vector<double>& X0,
                 const std::vector<double>& T, std::int64_t N) {
  const auto r = detail::response_values(system, X0, T, N, true);
  return lsim_to_device(r.second, r.first, system);
}
lsim_result step(const ba& system, const std::vector<double>& X0, const std::vector<double>& T,
                 std::int64_t N) {
  return step(tf2ss(system.b, system.a), X0, T, N);
}
lsim_result step(const zpk& system, const std::vector<double>& X0, const std::vector<double>& T,
                 std::int64_t N) {
  return step(zpk2ss(system.z, system.p, system.k), X0, T, N);
}

dlsim_result dlsim(const state_space& system, double dt, const ndarray<double>& u,
                   const std::vector<double>& t, const std::vector<double>& x0) {
  return sim_to_device(detail::dlsim_values(system, dt, host_input(u), t, x0), system);
}
dlsim_result dlsim(const ba& system, double dt, const ndarray<double>& u,
                   const std::vector<double>& t, const std::vector<double>& x0) {
  return dlsim(tf2ss(system.b, system.a), dt, u, t, x0);
}
dlsim_result dlsim(const zpk& system, double dt, const ndarray<double>& u,
                   const std::vector<double>& t, const std::vector<double>& x0) {
  return dlsim(zpk2ss(system.z, system.p, system.k), dt, u, t, x0);
}
dresponse_result dimpulse(const state_space& system, double dt, const std::vector<double>& x0,
                          const std::vector<double>& t, std::int64_t n) {
  return response_to_device(detail::dresponse_values(system, dt, x0, t, n, false), system);
}
dresponse_result dimpulse(const ba& system, double dt, const std::vector<double>& x0,
                          const std::vector<double>& t, std::int64_t n) {
  return dimpulse(tf2ss(system.b, system.a), dt, x0, t, n);
}
dresponse_result dimpulse(const zpk& system, double dt, const std::vector<double>& x0,
                          const std::vector<double>& t, std::int64_t n) {
  return dimpulse(zpk2ss(system.z, system.p, system.k), dt, x0, t, n);
}
dresponse_result dstep(const state_space& system, double dt, const std::vector<double>& x0,
                       const std::vector<double>& t, std::int64_t n) {
  return response_to_device(detail::dresponse_values(system, dt, x0, t, n, true), system);
}
dresponse_result dstep(const ba& system, double dt, const std::vector<double>& x0,
                       const std::vector<double>& t, std::int64_t n) {
  return dstep(tf2ss(system.b, system.a), dt, x0, t, n);
}
dresponse_result dstep(const zpk& system, double dt, const std::vector<double>& x0,
                       const std::vector<double>& t, std::int64_t n) {
  return dstep(zpk2ss(system.z, system.p, system.k), dt, x0, t, n);
}

group_delay_result group_delay(const ba& system, const frequencies& w, bool whole, double fs) {
  const detail::host_delay d = detail::group_delay_values(system, w, whole, fs);
  return {asarray(d.w), asarray(d.gd)};
}

}  // namespace cupp::scipy::signal
