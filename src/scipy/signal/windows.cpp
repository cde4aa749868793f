// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The windows of scipy.signal.windows, computed on the host in double as SciPy computes them
// (include/cupp/scipy/signal/windows.hpp).
#include "cupp/scipy/signal/windows.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <complex>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "cupp/core/error.hpp"
#include "host_fft.hpp"

namespace cupp::scipy::signal {

namespace detail {

namespace {

constexpr double kPi = 3.14159265358979323846;
using vec = std::vector<double>;

// Note [Periodic windows]: SciPy computes a periodic window (sym=False) as the symmetric window
// of M + 1 points without its last point (_extend/_truncate); every window below follows it.
// M <= 1 gives ones(M) before any parameter is looked at, as SciPy's _len_guards.
bool len_guards(std::int64_t M) {
  if (M < 0) throw value_error("Window length M must be a non-negative integer");
  return M <= 1;
}

vec truncate(vec w, bool needed) {
  if (needed) w.pop_back();
  return w;
}

// numpy.linspace(start, stop, n): start + i * step, the last point exactly stop.
vec linspace(double start, double stop, std::int64_t n) {
  vec out(static_cast<std::size_t>(n));
  const double step = n > 1 ? (stop - start) / static_cast<double>(n - 1) : 0.0;
  for (std::int64_t i = 0; i < n; ++i) out[i] = static_cast<double>(i) * step + start;
  if (n > 1) out.back() = stop;
  return out;
}

double sinc(double x) {
  if (x == 0.0) return 1.0;
  const double y = kPi * x;
  return std::sin(y) / y;
}

vec general_cosine_values(std::int64_t M, const vec& a, bool sym) {
  if (len_guards(M)) return vec(M, 1.0);
  const bool trunc = !sym;
  if (trunc) ++M;
  const vec fac = linspace(-kPi, kPi, M);
  vec w(M, 0.0);
  for (std::size_t k = 0; k < a.size(); ++k)
    for (std::int64_t i = 0; i < M; ++i) w[i] += a[k] * std::cos(static_cast<double>(k) * fac[i]);
  return truncate(std::move(w), trunc);
}

// The windows computed from n = 0 .. M-1 of the (extended) length, point by point.
template <class F>
vec pointwise(std::int64_t M, bool sym, F f) {
  if (len_guards(M)) return vec(M, 1.0);
  const bool trunc = !sym;
  if (trunc) ++M;
  vec w(M);
  for (std::int64_t i = 0; i < M; ++i) w[i] = f(static_cast<double>(i), static_cast<double>(M));
  return truncate(std::move(w), trunc);
}

vec kaiser_values(std::int64_t M, double beta, bool sym) {
  const double den = bessel_i0(beta);
  return pointwise(M, sym, [&](double n, double m) {
    const double alpha = (m - 1) / 2.0;
    const double r = (n - alpha) / alpha;
    return bessel_i0(beta * std::sqrt(1 - r * r)) / den;
  });
}

vec triang_values(std::int64_t M, bool sym) {
  if (len_guards(M)) return vec(M, 1.0);
  const bool trunc = !sym;
  if (trunc) ++M;
  vec half;
  for (std::int64_t n = 1; n <= (M + 1) / 2; ++n)
    half.push_back(M % 2 == 0 ? (2.0 * n - 1.0) / M : 2.0 * n / (M + 1.0));
  vec w = half;
  for (std::int64_t i = static_cast<std::int64_t>(half.size()) - (M % 2 == 0 ? 1 : 2); i >= 0; --i)
    w.push_back(half[i]);
  return truncate(std::move(w), trunc);
}

vec bohman_values(std::int64_t M, bool sym) {
  if (len_guards(M)) return vec(M, 1.0);
  const bool trunc = !sym;
  if (trunc) ++M;
  const vec x = linspace(-1, 1, M);
  vec w(M, 0.0);
  for (std::int64_t i = 1; i + 1 < M; ++i) {
    const double fac = std::abs(x[i]);
    w[i] = (1 - fac) * std::cos(kPi * fac) + 1.0 / kPi * std::sin(kPi * fac);
  }
  return truncate(std::move(w), trunc);
}

vec tukey_values(std::int64_t M, double alpha, bool sym) {
  if (len_guards(M)) return vec(M, 1.0);
  if (alpha <= 0) return vec(M, 1.0);
  if (alpha >= 1.0) return general_cosine_values(M, {0.5, 0.5}, sym);
  const bool trunc = !sym;
  if (trunc) ++M;
  const auto width = static_cast<std::int64_t>(std::floor(alpha * (M - 1) / 2.0));
  vec w(M);
  for (std::int64_t i = 0; i < M; ++i) {
    const double n = static_cast<double>(i);
    if (i <= width)
      w[i] = 0.5 * (1 + std::cos(kPi * (-1 + 2.0 * n / alpha / (M - 1))));
    else if (i < M - width - 1)
      w[i] = 1.0;
    else
      w[i] = 0.5 * (1 + std::cos(kPi * (-2.0 / alpha + 1 + 2.0 * n / alpha / (M - 1))));
  }
  return truncate(std::move(w), trunc);
}

vec chebwin_values(std::int64_t M, double at, bool sym) {
  if (len_guards(M)) return vec(M, 1.0);
  const bool trunc = !sym;
  if (trunc) ++M;
  const double order = static_cast<double>(M) - 1.0;
  const double beta = std::cosh(1.0 / order * std::acosh(std::pow(10.0, std::abs(at) / 20.0)));
  vec p(M);
  for (std::int64_t k = 0; k < M; ++k) {
    const double x = beta * std::cos(kPi * static_cast<double>(k) / static_cast<double>(M));
    if (x > 1)
      p[k] = std::cosh(order * std::acosh(x));
    else if (x < -1)
      p[k] = (2.0 * static_cast<double>(M % 2) - 1.0) * std::cosh(order * std::acosh(-x));
    else
      p[k] = std::cos(order * std::acos(x));
  }
  // The real part of the DFT of p (times the half-sample shift for even M), as SciPy's fft.
  std::vector<std::complex<double>> pc(M);
  for (std::int64_t k = 0; k < M; ++k)
    pc[k] = M % 2 ? std::complex<double>(p[k])
                  : p[k] * std::exp(std::complex<double>(
                               0, kPi / static_cast<double>(M) * static_cast<double>(k)));
  const auto spectrum = host_dft(std::move(pc));
  auto dft_real = [&](std::int64_t j) { return spectrum[j].real(); };
  vec w;
  if (M % 2) {
    const std::int64_t n = (M + 1) / 2;
    vec half(n);
    for (std::int64_t j = 0; j < n; ++j) half[j] = dft_real(j);
    for (std::int64_t j = n - 1; j >= 1; --j) w.push_back(half[j]);
    w.insert(w.end(), half.begin(), half.end());
  } else {
    const std::int64_t n = M / 2 + 1;
    vec half(n);
    for (std::int64_t j = 1; j < n; ++j) half[j] = dft_real(j);
    for (std::int64_t j = n - 1; j >= 1; --j) w.push_back(half[j]);
    w.insert(w.end(), half.begin() + 1, half.end());
  }
  const double mx = *std::max_element(w.begin(), w.end());
  for (double& v : w) v /= mx;
  return truncate(std::move(w), trunc);
}

vec taylor_values(std::int64_t M, int nbar, double sll, bool norm, bool sym) {
  if (len_guards(M)) return vec(M, 1.0);
  const bool trunc = !sym;
  if (trunc) ++M;
  const double B = std::pow(10.0, sll / 20);
  const double A = std::acosh(B) / kPi;
  const double s2 = nbar * nbar / (A * A + (nbar - 0.5) * (nbar - 0.5));
  const int nm = std::max(nbar - 1, 0);
  vec Fm(nm);
  for (int mi = 0; mi < nm; ++mi) {
    const double m2 = (mi + 1.0) * (mi + 1.0);
    double numer = (mi % 2 == 0) ? 1.0 : -1.0;
    for (int j = 0; j < nm; ++j) numer *= 1 - m2 / s2 / (A * A + (j + 0.5) * (j + 0.5));
    double denom = 2.0;
    for (int j = 0; j < nm; ++j)
      if (j != mi) denom *= 1 - m2 / ((j + 1.0) * (j + 1.0));
    Fm[mi] = numer / denom;
  }
  const double Md = static_cast<double>(M);
  auto W = [&](double n) {
    double s = 0.0;
    for (int mi = 0; mi < nm; ++mi)
      s += Fm[mi] * std::cos(2 * kPi * (mi + 1.0) * (n - Md / 2. + 0.5) / Md);
    return 1 + 2 * s;
  };
  vec w(M);
  for (std::int64_t i = 0; i < M; ++i) w[i] = W(static_cast<double>(i));
  if (norm) {
    const double scale = 1.0 / W((Md - 1) / 2);
    for (double& v : w) v *= scale;
  }
  return truncate(std::move(w), trunc);
}

vec lanczos_values(std::int64_t M, bool sym) {
  if (len_guards(M)) return vec(M, 1.0);
  const bool trunc = !sym;
  if (trunc) ++M;
  const double m = static_cast<double>(M);
  vec wh;
  for (std::int64_t n = (M + 1) / 2; n < M; ++n) wh.push_back(sinc(2. * n / (m - 1) - 1.0));
  vec w(wh.rbegin(), wh.rend());
  if (M % 2) w.push_back(1.0);
  w.insert(w.end(), wh.begin(), wh.end());
  return truncate(std::move(w), trunc);
}

vec kbd_values(std::int64_t M, double beta, bool sym) {
  if (!sym)
    throw value_error("Kaiser-Bessel Derived windows are only defined for symmetric shapes");
  if (M < 1) return vec();
  if (M % 2)
    throw value_error("Kaiser-Bessel Derived windows are only defined for even number of points");
  const vec k = kaiser_values(M / 2 + 1, beta, true);
  vec csum(k.size());
  double s = 0.0;
  for (std::size_t i = 0; i < k.size(); ++i) csum[i] = (s += k[i]);
  vec half(k.size() - 1);
  for (std::size_t i = 0; i + 1 < k.size(); ++i) half[i] = std::sqrt(csum[i] / csum.back());
  vec w = half;
  w.insert(w.end(), half.rbegin(), half.rend());
  return w;
}

vec exponential_values(std::int64_t M, std::optional<double> center, double tau, bool sym) {
  if (sym && center) throw value_error("If sym==True, center must be None.");
  return pointwise(M, sym, [&](double n, double m) {
    const double c = center ? *center : (m - 1) / 2;
    return std::exp(-std::abs(n - c) / tau);
  });
}

enum class kind {
  barthann,
  bartlett,
  blackman,
  blackmanharris,
  bohman,
  boxcar,
  chebwin,
  cosine,
  dpss,
  exponential,
  flattop,
  gaussian,
  general_cosine,
  general_gaussian,
  general_hamming,
  hamming,
  hann,
  kaiser,
  kaiser_bessel_derived,
  lanczos,
  nuttall,
  parzen,
  taylor,
  triang,
  tukey
};
// Whether a window takes parameters: no, yes (required), or optional ones (SciPy's 'OPTIONAL').
enum class takes { no, yes, optional };
struct window_entry {
  kind k;
  takes params;
};

// SciPy's _WIN_FUNC_DATA: every name and alias get_window accepts.
const std::map<std::string, window_entry>& window_table() {
  static const std::map<std::string, window_entry> table = [] {
    std::map<std::string, window_entry> t;
    auto add = [&](std::initializer_list<const char*> names, kind k, takes p) {
      for (const char* n : names) t[n] = {k, p};
    };
    add({"barthann", "brthan", "bth"}, kind::barthann, takes::no);
    add({"bartlett", "bart", "brt"}, kind::bartlett, takes::no);
    add({"blackman", "black", "blk"}, kind::blackman, takes::no);
    add({"blackmanharris", "blackharr", "bkh"}, kind::blackmanharris, takes::no);
    add({"bohman", "bman", "bmn"}, kind::bohman, takes::no);
    add({"boxcar", "box", "ones", "rect", "rectangular"}, kind::boxcar, takes::no);
    add({"chebwin", "cheb"}, kind::chebwin, takes::yes);
    add({"cosine", "halfcosine"}, kind::cosine, takes::no);
    add({"dpss"}, kind::dpss, takes::yes);
    add({"exponential", "poisson"}, kind::exponential, takes::optional);
    add({"flattop", "flat", "flt"}, kind::flattop, takes::no);
    add({"gaussian", "gauss", "gss"}, kind::gaussian, takes::yes);
    add({"general cosine", "general_cosine"}, kind::general_cosine, takes::yes);
    add({"general gaussian", "general_gaussian", "general gauss", "general_gauss", "ggs"},
        kind::general_gaussian, takes::yes);
    add({"general hamming", "general_hamming"}, kind::general_hamming, takes::yes);
    add({"hamming", "hamm", "ham"}, kind::hamming, takes::no);
    add({"hann", "han"}, kind::hann, takes::no);
    add({"kaiser", "ksr"}, kind::kaiser, takes::yes);
    add({"kaiser bessel derived", "kaiser_bessel_derived", "kbd"}, kind::kaiser_bessel_derived,
        takes::yes);
    add({"lanczos", "sinc"}, kind::lanczos, takes::no);
    add({"nuttall", "nutl", "nut"}, kind::nuttall, takes::no);
    add({"parzen", "parz", "par"}, kind::parzen, takes::no);
    add({"taylor", "taylorwin"}, kind::taylor, takes::optional);
    add({"triangle", "triang", "tri"}, kind::triang, takes::no);
    add({"tukey", "tuk"}, kind::tukey, takes::optional);
    return t;
  }();
  return table;
}

// A parameter count the window's Python signature would reject (SciPy raises TypeError).
[[noreturn]] void bad_count(const std::string& name, std::size_t given) {
  throw type_error(name + "() got " + std::to_string(given) +
                   " parameters, more or fewer than it takes");
}

std::string window_repr(const window_spec& w) {
  if (!w.tuple) return "'" + w.name + "'";
  std::string s = "('" + w.name + "'";
  for (double p : w.params) s += ", " + (std::isnan(p) ? std::string("None") : py_repr(p));
  if (w.params.size() == 0) s += ",";
  return s + ")";
}

}  // namespace

std::string py_repr(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  if (v == 0) return std::signbit(v) ? "-0.0" : "0.0";
  // The shortest digits that read back as v (Python's repr), then its choice of notation:
  // positional for exponents -4 .. 15, scientific otherwise.
  char buf[40];
  for (int prec = 1; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  std::string m = buf;
  const auto epos = m.find('e');
  const int exp10 = std::atoi(m.c_str() + epos + 1);
  std::string digits;
  for (std::size_t i = 0; i < epos; ++i)
    if (std::isdigit(static_cast<unsigned char>(m[i]))) digits += m[i];
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const std::string sign = v < 0 ? "-" : "";
  if (exp10 >= -4 && exp10 < 16) {
    if (exp10 < 0) return sign + "0." + std::string(-exp10 - 1, '0') + digits;
    const auto int_len = static_cast<std::size_t>(exp10) + 1;
    if (digits.size() <= int_len)
      return sign + digits + std::string(int_len - digits.size(), '0') + ".0";
    return sign + digits.substr(0, int_len) + "." + digits.substr(int_len);
  }
  std::string out = sign + digits.substr(0, 1);
  if (digits.size() > 1) out += "." + digits.substr(1);
  char e[16];
  std::snprintf(e, sizeof e, "e%c%02d", exp10 < 0 ? '-' : '+', std::abs(exp10));
  return out + e;
}

double bessel_i0(double x) {
  // Note [Host i0]: the power series sum ((x/2)^k / k!)^2 has positive terms only, so it is
  // accurate to a few ulp for every x a window uses (|beta| up to a few hundred; the terms peak
  // near k = x/2 and the sum stops once a term no longer changes it).
  const double q = 0.25 * x * x;
  double term = 1.0, sum = 1.0;
  for (int k = 1; k < 1000; ++k) {
    term *= q / (static_cast<double>(k) * k);
    const double next = sum + term;
    if (next == sum) break;
    sum = next;
  }
  return sum;
}

std::vector<double> window_values(const std::string& name, const std::vector<double>& params,
                                  std::int64_t M, bool sym) {
  const auto& table = window_table();
  const auto it = table.find(name);
  if (it == table.end()) throw value_error("Unknown window type.");
  const std::size_t np = params.size();
  auto need = [&](std::size_t lo, std::size_t hi) {
    if (np < lo || np > hi) bad_count(name, np);
  };
  const auto& p = params;
  switch (it->second.k) {
    case kind::barthann:
      need(0, 0);
      return pointwise(M, sym, [](double n, double m) {
        const double fac = std::abs(n / (m - 1.0) - 0.5);
        return 0.62 - 0.48 * fac + 0.38 * std::cos(2 * kPi * fac);
      });
    case kind::bartlett:
      need(0, 0);
      return pointwise(M, sym, [](double n, double m) {
        return n <= (m - 1) / 2.0 ? 2.0 * n / (m - 1) : 2.0 - 2.0 * n / (m - 1);
      });
    case kind::blackman:
      need(0, 0);
      return general_cosine_values(M, {0.42, 0.50, 0.08}, sym);
    case kind::blackmanharris:
      need(0, 0);
      return general_cosine_values(M, {0.35875, 0.48829, 0.14128, 0.01168}, sym);
    case kind::bohman:
      need(0, 0);
      return bohman_values(M, sym);
    case kind::boxcar:
      need(0, 0);
      return pointwise(M, sym, [](double, double) { return 1.0; });
    case kind::chebwin:
      need(1, 1);
      return chebwin_values(M, p[0], sym);
    case kind::cosine:
      need(0, 0);
      return pointwise(M, sym, [](double n, double m) { return std::sin(kPi / m * (n + .5)); });
    case kind::dpss:
      need(1, 1);
      return dpss_values(M, p[0], 0, sym, "");
    case kind::exponential:
      need(0, 2);
      // A NaN centre stands for SciPy's None.
      return exponential_values(
          M, np > 0 && !std::isnan(p[0]) ? std::optional<double>(p[0]) : std::nullopt,
          np > 1 ? p[1] : 1.0, sym);
    case kind::flattop:
      need(0, 0);
      return general_cosine_values(
          M, {0.21557895, 0.41663158, 0.277263158, 0.083578947, 0.006947368}, sym);
    case kind::gaussian:
      need(1, 1);
      return pointwise(M, sym, [&](double n, double m) {
        const double x = n - (m - 1.0) / 2.0;
        return std::exp(-(x * x) / (2 * p[0] * p[0]));
      });
    case kind::general_cosine:
      return general_cosine_values(M, p, sym);
    case kind::general_gaussian:
      need(2, 2);
      return pointwise(M, sym, [&](double n, double m) {
        return std::exp(-0.5 * std::pow(std::abs((n - (m - 1.0) / 2.0) / p[1]), 2 * p[0]));
      });
    case kind::general_hamming:
      need(1, 1);
      return general_cosine_values(M, {p[0], 1. - p[0]}, sym);
    case kind::hamming:
      need(0, 0);
      return general_cosine_values(M, {0.54, 1. - 0.54}, sym);
    case kind::hann:
      need(0, 0);
      return general_cosine_values(M, {0.5, 0.5}, sym);
    case kind::kaiser:
      need(1, 1);
      return kaiser_values(M, p[0], sym);
    case kind::kaiser_bessel_derived:
      need(1, 1);
      return kbd_values(M, p[0], sym);
    case kind::lanczos:
      need(0, 0);
      return lanczos_values(M, sym);
    case kind::nuttall:
      need(0, 0);
      return general_cosine_values(M, {0.3635819, 0.4891775, 0.1365995, 0.0106411}, sym);
    case kind::parzen:
      need(0, 0);
      return pointwise(M, sym, [](double n, double m) {
        const double x = std::abs(n - (m - 1) / 2.0);
        const double r = x / (m / 2.0);
        return x <= (m - 1) / 4.0 ? 1 - 6 * r * r + 6 * r * r * r : 2 * std::pow(1 - r, 3.0);
      });
    case kind::taylor:
      need(0, 3);
      return taylor_values(M, np > 0 ? static_cast<int>(p[0]) : 4, np > 1 ? p[1] : 30,
                           np > 2 ? p[2] != 0 : true, sym);
    case kind::triang:
      need(0, 0);
      return triang_values(M, sym);
    case kind::tukey:
      need(0, 1);
      return tukey_values(M, np > 0 ? p[0] : 0.5, sym);
  }
  throw value_error("Unknown window type.");
}

std::vector<double> get_window_values(const window_spec& window, std::int64_t Nx, bool fftbins) {
  const std::string repr = window_repr(window);
  if (Nx <= 0)
    throw value_error("Parameter Nx=" + std::to_string(Nx) + " is not a positive integer");
  bool sym = !fftbins;
  std::string name = window.name;
  const auto ends_with = [&](const std::string& suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with("_symmetric")) {
    sym = true;
    name.resize(name.size() - 10);
  } else if (ends_with("_periodic")) {
    sym = false;
    name.resize(name.size() - 9);
  }
  const auto& table = window_table();
  const auto it = table.find(name);
  if (it == table.end())
    throw value_error("Invalid window name '" + name + "' in parameter window=" + repr + "!");
  const std::size_t np = window.params.size();
  if (np > 0 && it->second.params == takes::no)
    throw value_error("'" + name + "' does not allow parameters, but window=" + repr + "!");
  if (np == 0 && it->second.params == takes::yes)
    throw value_error("'" + name + "' must have parameters, but window=" + repr + "!");
  if (it->second.k == kind::dpss && np != 1)
    throw value_error("Window " + name + " must have one parameter but window=" + repr);
  return window_values(name, window.params, Nx, sym);
}

std::vector<double> dpss_values(std::int64_t M, double NW, std::int64_t kmax, bool sym,
                                const std::string& norm_arg) {
  const std::string norm = norm_arg.empty() ? (kmax == 0 ? "approximate" : "2") : norm_arg;
  if (norm != "2" && norm != "approximate" && norm != "subsample")
    throw value_error("norm must be one of (2, 'approximate', 'subsample'), got " + norm);
  const bool singleton = kmax == 0;
  const std::int64_t K = singleton ? 1 : kmax;
  if (len_guards(M)) return vec(M, 1.0);
  if (!(0 < K && K <= M)) throw value_error("Kmax must be greater than 0 and less than M");
  if (NW >= M / 2.) throw value_error("NW must be less than M/2.");
  if (NW <= 0) throw value_error("NW must be positive");
  const bool trunc = !sym;
  if (trunc) ++M;
  const double W = NW / static_cast<double>(M);
  const double md = static_cast<double>(M);
  vec d(M), e(M > 0 ? M - 1 : 0);
  for (std::int64_t i = 0; i < M; ++i) {
    const double t = (md - 1 - 2 * i) / 2.;
    d[i] = t * t * std::cos(2 * kPi * W);
  }
  for (std::int64_t i = 1; i < M; ++i) e[i - 1] = i * (md - i) / 2.;
  // Note [Tridiagonal eigenvectors]: the K largest eigenvalues of the symmetric tridiagonal
  // matrix by bisection on Sturm counts, each eigenvector by inverse iteration (the eigenvalues
  // of this matrix are simple and far apart, so two steps converge), as LAPACK's stebz/stein
  // that SciPy's eigh_tridiagonal calls.
  auto count_below = [&](double x) {  // eigenvalues < x
    std::int64_t c = 0;
    double q = d[0] - x;
    if (q < 0) ++c;
    for (std::int64_t i = 1; i < M; ++i) {
      if (q == 0) q = 1e-300;
      q = d[i] - x - e[i - 1] * e[i - 1] / q;
      if (q < 0) ++c;
    }
    return c;
  };
  double lo = 0, hi = 0;
  for (std::int64_t i = 0; i < M; ++i) {
    const double r = (i > 0 ? std::abs(e[i - 1]) : 0) + (i + 1 < M ? std::abs(e[i]) : 0);
    lo = std::min(lo, d[i] - r);
    hi = std::max(hi, d[i] + r);
  }
  std::vector<vec> rows;
  for (std::int64_t k = 0; k < K; ++k) {
    // the (M-1-k)-th smallest eigenvalue: count_below(x) <= M-1-k < count_below(x') .
    double a = lo, b = hi;
    for (int it = 0; it < 200; ++it) {
      const double mid = 0.5 * (a + b);
      if (mid == a || mid == b) break;
      if (count_below(mid) <= M - 1 - k)
        a = mid;
      else
        b = mid;
    }
    const double lam = 0.5 * (a + b);
    const double shift = lam + (std::abs(lam) + 1) * 1e-14;
    // Inverse iteration: solve (T - shift) x = x_old by Gaussian elimination with pivoting.
    vec x(M, 1.0 / std::sqrt(md));
    for (int iter = 0; iter < 4; ++iter) {
      // Tridiagonal with partial pivoting: rows hold diag, upper, upper2.
      vec dl(e), dd(d), du(e), du2(M, 0.0), rhs(x);
      for (double& v : dd) v -= shift;
      std::vector<char> swapped(M, 0);
      for (std::int64_t i = 0; i + 1 < M; ++i) {
        if (std::abs(dd[i]) >= std::abs(dl[i])) {
          const double f = dd[i] == 0 ? 0 : dl[i] / dd[i];
          dd[i + 1] -= f * du[i];
          rhs[i + 1] -= f * rhs[i];
          dl[i] = f;
        } else {
          const double f = dd[i] / dl[i];
          // Rows i and i+1 swap (LAPACK's gttrf): row i becomes the old row i + 1.
          std::swap(dd[i], dl[i]);
          const double tmp = du[i];
          du[i] = dd[i + 1];
          dd[i + 1] = tmp - f * du[i];
          if (i + 2 < M) {
            du2[i] = du[i + 1];
            du[i + 1] = -f * du2[i];
          }
          std::swap(rhs[i], rhs[i + 1]);
          rhs[i + 1] -= f * rhs[i];
          dl[i] = f;
        }
      }
      if (dd[M - 1] == 0) dd[M - 1] = 1e-300;
      rhs[M - 1] /= dd[M - 1];
      if (M >= 2) rhs[M - 2] = (rhs[M - 2] - du[M - 2] * rhs[M - 1]) / dd[M - 2];
      for (std::int64_t i = M - 3; i >= 0; --i)
        rhs[i] = (rhs[i] - du[i] * rhs[i + 1] - du2[i] * rhs[i + 2]) / dd[i];
      double nrm = 0;
      for (double v : rhs) nrm += v * v;
      nrm = std::sqrt(nrm);
      for (std::int64_t i = 0; i < M; ++i) x[i] = rhs[i] / nrm;
    }
    rows.push_back(x);
  }
  // SciPy's signs: even sequences sum positive, odd ones start positive (beyond a threshold).
  for (std::int64_t k = 0; k < K; k += 2) {
    double s = 0;
    for (double v : rows[k]) s += v;
    if (s < 0)
      for (double& v : rows[k]) v = -v;
  }
  const double thresh = std::max(1e-7, 1. / md);
  for (std::int64_t k = 1; k < K; k += 2) {
    for (double v : rows[k])
      if (v * v > thresh) {
        if (v < 0)
          for (double& u : rows[k]) u = -u;
        break;
      }
  }
  if (norm != "2") {
    double mx = -HUGE_VAL;
    for (const auto& r : rows)
      for (double v : r) mx = std::max(mx, v);
    for (auto& r : rows)
      for (double& v : r) v /= mx;
    if (M % 2 == 0) {
      double correction;
      if (norm == "approximate") {
        correction = md * md / (md * md + NW);
      } else {
        // M / real(sum of rfft(w0) with the subsample shift applied to the bins after the first)
        double total = 0;
        const auto s0 = host_dft(std::vector<std::complex<double>>(rows[0].begin(), rows[0].end()));
        for (std::int64_t j = 0; j <= M / 2; ++j) {
          std::complex<double> s = s0[j];
          if (j > 0) {
            const double sh = -(1 - 1. / md) * static_cast<double>(j);
            s *= 2.0 * std::exp(std::complex<double>(0, -kPi * sh));
          }
          total += s.real();
        }
        correction = md / total;
      }
      for (auto& r : rows)
        for (double& v : r) v *= correction;
    }
  }
  vec out;
  for (auto& r : rows) out.insert(out.end(), r.begin(), r.end() - (trunc ? 1 : 0));
  return out;
}

}  // namespace detail

namespace windows {

namespace {
ndarray<double> device(const std::vector<double>& v) { return asarray(v); }
ndarray<double> named(const char* name, std::vector<double> params, std::int64_t M, bool sym) {
  return device(detail::window_values(name, params, M, sym));
}
}  // namespace

ndarray<double> get_window(const window_spec& window, std::int64_t Nx, bool fftbins) {
  return device(detail::get_window_values(window, Nx, fftbins));
}
ndarray<double> barthann(std::int64_t M, bool sym) { return named("barthann", {}, M, sym); }
ndarray<double> bartlett(std::int64_t M, bool sym) { return named("bartlett", {}, M, sym); }
ndarray<double> blackman(std::int64_t M, bool sym) { return named("blackman", {}, M, sym); }
ndarray<double> blackmanharris(std::int64_t M, bool sym) {
  return named("blackmanharris", {}, M, sym);
}
ndarray<double> bohman(std::int64_t M, bool sym) { return named("bohman", {}, M, sym); }
ndarray<double> boxcar(std::int64_t M, bool sym) { return named("boxcar", {}, M, sym); }
ndarray<double> chebwin(std::int64_t M, double at, bool sym) {
  return named("chebwin", {at}, M, sym);
}
ndarray<double> cosine(std::int64_t M, bool sym) { return named("cosine", {}, M, sym); }
ndarray<double> dpss(std::int64_t M, double NW, std::optional<std::int64_t> Kmax, bool sym,
                     const std::string& norm) {
  if (Kmax && *Kmax == 0) throw value_error("Kmax must be greater than 0 and less than M");
  const auto v = detail::dpss_values(M, NW, Kmax ? *Kmax : 0, sym, norm);
  if (!Kmax || M <= 1) return device(v);
  return asarray(v, shape_t{*Kmax, M});
}
ndarray<double> exponential(std::int64_t M, std::optional<double> center, double tau, bool sym) {
  return named("exponential", {center ? *center : std::nan(""), tau}, M, sym);
}
ndarray<double> flattop(std::int64_t M, bool sym) { return named("flattop", {}, M, sym); }
ndarray<double> gaussian(std::int64_t M, double std, bool sym) {
  return named("gaussian", {std}, M, sym);
}
ndarray<double> general_cosine(std::int64_t M, const std::vector<double>& a, bool sym) {
  return named("general_cosine", a, M, sym);
}
ndarray<double> general_gaussian(std::int64_t M, double p, double sig, bool sym) {
  return named("general_gaussian", {p, sig}, M, sym);
}
ndarray<double> general_hamming(std::int64_t M, double alpha, bool sym) {
  return named("general_hamming", {alpha}, M, sym);
}
ndarray<double> hamming(std::int64_t M, bool sym) { return named("hamming", {}, M, sym); }
ndarray<double> hann(std::int64_t M, bool sym) { return named("hann", {}, M, sym); }
ndarray<double> kaiser(std::int64_t M, double beta, bool sym) {
  return named("kaiser", {beta}, M, sym);
}
ndarray<double> kaiser_bessel_derived(std::int64_t M, double beta, bool sym) {
  return named("kaiser_bessel_derived", {beta}, M, sym);
}
ndarray<double> lanczos(std::int64_t M, bool sym) { return named("lanczos", {}, M, sym); }
ndarray<double> nuttall(std::int64_t M, bool sym) { return named("nuttall", {}, M, sym); }
ndarray<double> parzen(std::int64_t M, bool sym) { return named("parzen", {}, M, sym); }
ndarray<double> taylor(std::int64_t M, int nbar, double sll, bool norm, bool sym) {
  return named("taylor", {static_cast<double>(nbar), sll, norm ? 1.0 : 0.0}, M, sym);
}
ndarray<double> triang(std::int64_t M, bool sym) { return named("triang", {}, M, sym); }
ndarray<double> tukey(std::int64_t M, double alpha, bool sym) {
  return named("tukey", {alpha}, M, sym);
}

}  // namespace windows

}  // namespace cupp::scipy::signal
