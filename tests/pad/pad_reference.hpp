// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// A plain host numpy.pad: NumPy's algorithm (numpy/lib/_arraypad_impl.py) line by line, axis by
// axis, on a C-order host array, with the iterative chunk copies of reflect, symmetric and wrap as
// NumPy does them. Values are computed in double (complex double) and cast to T on every store,
// as NumPy stores into the padded array.
#pragma once

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/dtype.hpp"
#include "cupp/core/shape.hpp"

namespace cupp::test::pad_ref {

using cd = std::complex<double>;
using widths = std::vector<std::pair<std::int64_t, std::int64_t>>;
using values = std::vector<std::pair<cd, cd>>;

template <class T>
inline constexpr bool is_cplx = std::is_same_v<T, std::complex<float>> ||
                                std::is_same_v<T, std::complex<double>>;
template <class T>
inline constexpr bool is_int =
    std::is_integral_v<T> && !std::is_same_v<T, bool>;

template <class T>
cd to_c(T x) {
  if constexpr (is_cplx<T>)
    return cd(x.real(), x.imag());
  else if constexpr (std::is_same_v<T, cupp::float16> || std::is_same_v<T, cupp::bfloat16>)
    return cd(static_cast<float>(x), 0.0);
  else
    return cd(static_cast<double>(x), 0.0);
}

/// NumPy's assignment cast: float to integer truncates (wrapping), to bool is `!= 0`, complex to
/// real drops the imaginary part.
template <class T>
T from_c(cd z) {
  if constexpr (is_cplx<T>) {
    using R = typename T::value_type;
    return T(static_cast<R>(z.real()), static_cast<R>(z.imag()));
  } else if constexpr (std::is_same_v<T, bool>) {
    return z != cd(0.0, 0.0);
  } else if constexpr (is_int<T>) {
    return static_cast<T>(static_cast<std::int64_t>(std::trunc(z.real())));
  } else {
    return T(z.real());
  }
}

/// A C-order host array.
template <class T>
struct host_array {
  shape_t shape;
  std::vector<T> v;
};

/// What numpy.pad is asked for, every per-axis argument already one pair per axis.
struct request {
  std::string mode = "constant";
  widths pad;
  values vals;          // constant_values or end_values
  widths stat;          // stat_length, -1 for None
  bool odd = false;     // reflect_type="odd"
};

/// f(offset, stride) for each line along `axis` of NumPy's region of interest (_view_roi):
/// earlier axes in full, later axes at their original extent.
template <class F>
void for_each_line(const shape_t& out, const shape_t& orig, const widths& w, std::size_t axis,
                   F f) {
  const std::size_t nd = out.size();
  const strides_t st = c_strides(out);
  std::vector<std::int64_t> lo(nd, 0), ext(nd);
  std::int64_t total = 1;
  for (std::size_t d = 0; d < nd; ++d) {
    ext[d] = d <= axis ? out[d] : orig[d];
    lo[d] = d <= axis ? 0 : w[d].first;
    if (d != axis) total *= ext[d];
  }
  for (std::int64_t k = 0; k < total; ++k) {
    std::int64_t rem = k, off = 0;
    for (std::size_t dd = nd; dd-- > 0;) {
      if (dd == axis) continue;
      off += (lo[dd] + rem % ext[dd]) * st[dd];
      rem /= ext[dd];
    }
    f(off, st[axis]);
  }
}

template <class T>
T extreme(const std::vector<T>& x, bool want_max) {
  T acc = x[0];
  for (const T& v : x) {
    const double a = to_c(acc).real(), b = to_c(v).real();
    if (std::isnan(a)) return acc;
    if (std::isnan(b)) return v;
    if (want_max ? b > a : b < a) acc = v;
  }
  return acc;
}

template <class T>
T from_stat(cd m) {
  if constexpr (is_int<T>) return from_c<T>(cd(std::nearbyint(m.real()), 0.0));
  return from_c<T>(m);
}

template <class T>
cd mean_of(const std::vector<T>& x) {
  cd s = 0;
  for (const T& v : x) s += to_c(v);
  return s / static_cast<double>(x.size());
}

template <class T>
double median_of(const std::vector<T>& x) {
  std::vector<double> d;
  for (const T& v : x) d.push_back(to_c(v).real());
  for (double v : d)
    if (std::isnan(v)) return v;
  if (d.empty()) return std::numeric_limits<double>::quiet_NaN();
  std::sort(d.begin(), d.end());
  const std::size_t h = d.size() / 2;
  return d.size() % 2 ? d[h] : (d[h - 1] + d[h]) / 2.0;
}

/// numpy.linspace(start, stop, w, endpoint=False)[k] in float64, as NumPy computes it (NumPy's
/// divide-first path when some step of the call is 0), then floored for integer dtypes.
template <class T>
cd ramp_value(cd start, cd stop, std::int64_t w, std::int64_t k, bool divide_first) {
  const auto part = [&](double s, double e) {
    const double delta = e - s, div = static_cast<double>(w), y = static_cast<double>(k);
    double r = divide_first ? (y / div) * delta : y * (delta / div);
    r = r + s;
    return is_int<T> ? std::floor(r) : r;
  };
  return cd(part(start.real(), stop.real()), part(start.imag(), stop.imag()));
}

template <class T>
host_array<T> pad(const host_array<T>& a, const request& q) {
  const std::size_t nd = a.shape.size();
  host_array<T> out;
  out.shape = a.shape;
  for (std::size_t d = 0; d < nd; ++d) out.shape[d] += q.pad[d].first + q.pad[d].second;
  std::int64_t size = 1;
  for (auto s : out.shape) size *= s;
  out.v.assign(static_cast<std::size_t>(size), T());
  // _pad_simple: the original values in the middle.
  {
    const strides_t ost = c_strides(out.shape);
    std::int64_t n = 1;
    for (auto s : a.shape) n *= s;
    for (std::int64_t i = 0; i < n; ++i) {
      std::int64_t rem = i, off = 0;
      for (std::size_t d = nd; d-- > 0;) {
        off += (q.pad[d].first + rem % a.shape[d]) * ost[d];
        rem /= a.shape[d];
      }
      out.v[static_cast<std::size_t>(off)] = a.v[static_cast<std::size_t>(i)];
    }
  }
  if (q.mode == "empty") return out;
  std::int64_t asize = 1;
  for (auto s : a.shape) asize *= s;
  if (q.mode != "constant" && asize == 0) return out;
  auto& v = out.v;
  for (std::size_t ax = 0; ax < nd; ++ax) {
    const std::int64_t B = q.pad[ax].first, A = q.pad[ax].second, n = a.shape[ax];
    const std::int64_t N = out.shape[ax];
    auto get = [&](std::int64_t off, std::int64_t s, std::int64_t i) -> T {
      return v[static_cast<std::size_t>(off + i * s)];
    };
    auto put = [&](std::int64_t off, std::int64_t s, std::int64_t i, T x) {
      v[static_cast<std::size_t>(off + i * s)] = x;
    };
    const bool reflecting = q.mode == "reflect" || q.mode == "symmetric";
    if (q.mode == "constant" || q.mode == "edge" || (reflecting && n == 1 && (B > 0 || A > 0))) {
      for_each_line(out.shape, a.shape, q.pad, ax, [&](std::int64_t off, std::int64_t s) {
        const T lo = q.mode == "constant" ? from_c<T>(q.vals[ax].first) : get(off, s, B);
        const T hi = q.mode == "constant" ? from_c<T>(q.vals[ax].second) : get(off, s, B + n - 1);
        for (std::int64_t i = 0; i < B; ++i) put(off, s, i, lo);
        for (std::int64_t i = 0; i < A; ++i) put(off, s, B + n + i, hi);
      });
    } else if (q.mode == "maximum" || q.mode == "minimum" || q.mode == "mean" ||
               q.mode == "median") {
      std::int64_t ll = q.stat[ax].first, rl = q.stat[ax].second;
      if (ll < 0 || ll > n) ll = n;
      if (rl < 0 || rl > n) rl = n;
      for_each_line(out.shape, a.shape, q.pad, ax, [&](std::int64_t off, std::int64_t s) {
        std::vector<T> left, right;
        for (std::int64_t i = 0; i < ll; ++i) left.push_back(get(off, s, B + i));
        for (std::int64_t i = 0; i < rl; ++i) right.push_back(get(off, s, B + n - rl + i));
        T lo{}, hi{};
        if (q.mode == "maximum" || q.mode == "minimum") {
          lo = extreme(left, q.mode == "maximum");
          hi = extreme(right, q.mode == "maximum");
        } else if (q.mode == "mean") {
          lo = from_stat<T>(mean_of(left));
          hi = from_stat<T>(mean_of(right));
        } else {
          lo = from_stat<T>(cd(median_of(left), 0.0));
          hi = from_stat<T>(cd(median_of(right), 0.0));
        }
        for (std::int64_t i = 0; i < B; ++i) put(off, s, i, lo);
        for (std::int64_t i = 0; i < A; ++i) put(off, s, B + n + i, hi);
      });
    } else if (q.mode == "linear_ramp") {
      // NumPy's two linspace calls (left, right) each check every line's step for 0 first.
      bool zero_left = false, zero_right = false;
      // A real dtype's ramps are real (NumPy drops the imaginary part of a complex end value).
      std::pair<cd, cd> ends = q.vals[ax];
      if constexpr (!is_cplx<T>) ends = {cd(ends.first.real(), 0.0), cd(ends.second.real(), 0.0)};
      const auto step_zero = [](cd start, cd stop, std::int64_t w) {
        return (stop - start) / static_cast<double>(w) == cd(0.0, 0.0);
      };
      for_each_line(out.shape, a.shape, q.pad, ax, [&](std::int64_t off, std::int64_t s) {
        if (B > 0 && step_zero(ends.first, to_c(get(off, s, B)), B)) zero_left = true;
        if (A > 0 && step_zero(ends.second, to_c(get(off, s, B + n - 1)), A))
          zero_right = true;
      });
      for_each_line(out.shape, a.shape, q.pad, ax, [&](std::int64_t off, std::int64_t s) {
        const cd el = to_c(get(off, s, B)), er = to_c(get(off, s, B + n - 1));
        for (std::int64_t i = 0; i < B; ++i)
          put(off, s, i, from_c<T>(ramp_value<T>(ends.first, el, B, i, zero_left)));
        for (std::int64_t i = 0; i < A; ++i)
          put(off, s, B + n + i,
              from_c<T>(ramp_value<T>(ends.second, er, A, A - 1 - i, zero_right)));
      });
    } else if (reflecting) {
      const bool sym = q.mode == "symmetric";
      for_each_line(out.shape, a.shape, q.pad, ax, [&](std::int64_t off, std::int64_t s) {
        std::int64_t lp = B, rp = A;
        while (lp > 0 || rp > 0) {  // _set_reflect_both
          std::int64_t old = N - rp - lp, eo = 0;
          if (sym) {
            old = old / n * n;
            eo = 1;
          } else {
            old = (old - 1) / (n - 1) * (n - 1) + 1 - 1;
          }
          const auto odd_of = [&](T edge, T x) {
            if constexpr (std::is_same_v<T, bool>) {
              return 2 * static_cast<int>(edge) - static_cast<int>(x) != 0;
            } else if constexpr (is_int<T>) {
              return static_cast<T>(2ull * static_cast<unsigned long long>(edge) -
                                    static_cast<unsigned long long>(x));
            } else {
              return from_c<T>(2.0 * to_c(edge) - to_c(x));
            }
          };
          if (lp > 0) {
            const std::int64_t ch = std::min(old, lp);
            const T edge = get(off, s, lp);
            std::vector<T> chunk;
            for (std::int64_t k = 0; k < ch; ++k) chunk.push_back(get(off, s, lp - eo + ch - k));
            for (std::int64_t k = 0; k < ch; ++k)
              put(off, s, lp - ch + k, q.odd ? odd_of(edge, chunk[k]) : chunk[k]);
            lp -= ch;
          }
          if (rp > 0) {
            const std::int64_t ch = std::min(old, rp);
            const T edge = get(off, s, N - rp - 1);
            std::vector<T> chunk;
            for (std::int64_t k = 0; k < ch; ++k) chunk.push_back(get(off, s, N - rp + eo - 2 - k));
            for (std::int64_t k = 0; k < ch; ++k)
              put(off, s, N - rp + k, q.odd ? odd_of(edge, chunk[k]) : chunk[k]);
            rp -= ch;
          }
        }
      });
    } else if (q.mode == "wrap") {
      for_each_line(out.shape, a.shape, q.pad, ax, [&](std::int64_t off, std::int64_t s) {
        std::int64_t lp = B, rp = A;
        while (lp > 0 || rp > 0) {  // _set_wrap_both
          const std::int64_t period = (N - rp - lp) / n * n;
          std::int64_t new_lp = 0, new_rp = 0;
          if (lp > 0) {
            const std::int64_t end = lp + period, start = end - std::min(period, lp);
            std::vector<T> chunk;
            for (std::int64_t i = start; i < end; ++i) chunk.push_back(get(off, s, i));
            const std::int64_t dst = lp > period ? lp - period : 0;
            if (lp > period) new_lp = lp - period;
            for (std::size_t k = 0; k < chunk.size(); ++k)
              put(off, s, dst + static_cast<std::int64_t>(k), chunk[k]);
          }
          if (rp > 0) {
            const std::int64_t start = N - rp - period, end = start + std::min(period, rp);
            std::vector<T> chunk;
            for (std::int64_t i = start; i < end; ++i) chunk.push_back(get(off, s, i));
            if (rp > period) new_rp = rp - period;
            for (std::size_t k = 0; k < chunk.size(); ++k)
              put(off, s, N - rp + static_cast<std::int64_t>(k), chunk[k]);
          }
          lp = new_lp;
          rp = new_rp;
        }
      });
    }
  }
  return out;
}

}  // namespace cupp::test::pad_ref
