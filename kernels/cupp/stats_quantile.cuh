// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernel of cupp::quantile, cupp::percentile and cupp::median (and their nan forms): picks and
// interpolates the quantiles of sorted rows. Included after a preamble (src/stats/kernels.cpp)
// that includes <cupp/ufunc.cuh> and defines the variant:
//   cupp_in_t, cupp_out_t   the sorted rows' and the result's element types
//   cupp_c_t, cupp_r_t      the type the result is computed in, and its real part's type
//   cupp_isnan(cupp_in_t)   whether an element is nan
//   CUPP_QUANTILE_REAL      1 for a real result (0: complex, where only the median is defined)
//   CUPP_KERNEL_NAME        the kernel's name, cupp_quantile_<in>_<out>
#pragma once

#include <cupp/indexing.cuh>

// Note [Quantile kernel]: one thread per result element picks from its sorted row. NaNs sort
// last, so a row holds a nan when its last element is one (the result is then that nan, as
// NumPy's), and for the nan forms the count of values that are not nan is found by a binary
// search for the first nan. The methods follow NumPy's definitions literally, including which
// index counts as "previous" at the ends (which decides gamma there), and the interpolation
// is NumPy's _lerp computed in the result's dtype with every operation rounded to it (float16
// results round after each step, as NumPy's float16 loops do). As in NumPy 2.4 with a scalar q,
// gamma stays a float64 (a weak Python float there): it is compared with 0.5 and subtracted from
// 1 in float64, and each weight rounds once to the result's dtype where it multiplies.
__device__ __forceinline__ cupp_c_t cupp_rnd(cupp_c_t x) {
  return cupp::ufn::cast<cupp_c_t>(cupp::ufn::cast<cupp_out_t>(x));
}
__device__ __forceinline__ cupp_c_t cupp_val(cupp_in_t x) { return cupp::ufn::cast<cupp_c_t>(x); }
// A float64 weight as it takes part in the result's dtype: rounded once, straight to it.
__device__ __forceinline__ cupp_c_t cupp_narrow(double x) {
  return cupp::ufn::cast<cupp_c_t>(cupp::ufn::cast<cupp_out_t>(x));
}
__device__ __forceinline__ double cupp_nan() { return __longlong_as_double(0x7ff8000000000000LL); }

// Products and sums as NumPy computes them, one rounding each: never contracted into an FMA.
__device__ __forceinline__ double cupp_mul(double a, double b) { return __dmul_rn(a, b); }
__device__ __forceinline__ double cupp_add(double a, double b) { return __dadd_rn(a, b); }
// Hyndman and Fan's virtual index n q + (alpha + q (1 - alpha - beta)) - 1, in NumPy's order.
__device__ __forceinline__ double cupp_hf(double n, double q, double alpha, double beta) {
  return cupp_add(cupp_add(cupp_mul(n, q), cupp_add(alpha, cupp_mul(q, 1.0 - alpha - beta))), -1.0);
}

__device__ cupp_out_t cupp_pick(const cupp_in_t* r, long long n, double q, int method) {
  if (method == 13) {  // median: the middle element, or the mean of the middle two
    const long long h = n / 2;
    if (n % 2) return cupp::ufn::cast<cupp_out_t>(cupp_val(r[h]));
    return cupp::ufn::cast<cupp_out_t>((cupp_val(r[h - 1]) + cupp_val(r[h])) / cupp_r_t(2));
  }
#if CUPP_QUANTILE_REAL
  const double nd = static_cast<double>(n);
  long long idx = -1;
  double v = 0.0;
  switch (method) {
    case 0: {  // inverted_cdf
      const double x = cupp_add(cupp_mul(nd, q), -1.0), p = floor(x);
      idx = static_cast<long long>(x - p == 0.0 ? p : p + 1.0);
      if (idx < 0) idx = 0;
      break;
    }
    case 2: {  // closest_observation: the nearest even order statistic (1-based)
      const double x = cupp_add(cupp_add(cupp_mul(nd, q), -1.0), -0.5), p = floor(x);
      const double parity = p - 2.0 * floor(p / 2.0);
      idx = static_cast<long long>((x - p == 0.0 && parity == 1.0) ? p : p + 1.0);
      if (idx < 0) idx = 0;
      break;
    }
    case 9: idx = static_cast<long long>(floor((nd - 1.0) * q)); break;  // lower
    case 10: idx = static_cast<long long>(ceil((nd - 1.0) * q)); break;  // higher
    case 12: idx = static_cast<long long>(rint((nd - 1.0) * q)); break;  // nearest (half to even)
    case 1: v = cupp_add(cupp_mul(nd, q), -1.0); break;                  // averaged_inverted_cdf
    case 3: v = cupp_hf(nd, q, 0.0, 1.0); break;              // interpolated_inverted_cdf
    case 4: v = cupp_hf(nd, q, 0.5, 0.5); break;              // hazen
    case 5: v = cupp_hf(nd, q, 0.0, 0.0); break;              // weibull
    case 6: v = (nd - 1.0) * q; break;                        // linear
    case 7: v = cupp_hf(nd, q, 1.0 / 3.0, 1.0 / 3.0); break;  // median_unbiased
    case 8: v = cupp_hf(nd, q, 3.0 / 8.0, 3.0 / 8.0); break;  // normal_unbiased
    default: v = 0.5 * (floor((nd - 1.0) * q) + ceil((nd - 1.0) * q)); break;  // midpoint
  }
  if (idx >= 0) return cupp::ufn::cast<cupp_out_t>(r[idx]);
  // NumPy's _get_indexes: past the last element both neighbours are the last (index -1), before
  // the first both are the first; gamma is measured from that "previous" index.
  double prev = floor(v);
  long long lo = static_cast<long long>(prev), hi = lo + 1;
  if (v >= nd - 1.0) { prev = -1.0; lo = hi = n - 1; }
  if (v < 0.0) { prev = 0.0; lo = hi = 0; }
  double gamma = v - prev;
  if (method == 1) gamma = gamma == 0.0 ? 0.5 : 1.0;
  if (method == 11) gamma = v - floor(v) == 0.0 ? 0.0 : 0.5;
  const cupp_c_t a = cupp_val(r[lo]), b = cupp_val(r[hi]);
  using cupp::detail::add_rn;
  using cupp::detail::mul_rn;
  using cupp::detail::sub_rn;
  const cupp_c_t diff = cupp_rnd(sub_rn(b, a));
  const cupp_c_t res = gamma >= 0.5
                           ? cupp_rnd(sub_rn(b, cupp_rnd(mul_rn(diff, cupp_narrow(1.0 - gamma)))))
                           : cupp_rnd(add_rn(a, cupp_rnd(mul_rn(diff, cupp_narrow(gamma)))));
  return cupp::ufn::cast<cupp_out_t>(res);
#else
  (void)q;
  return cupp::ufn::cast<cupp_out_t>(cupp_nan());
#endif
}

extern "C" __global__ void CUPP_KERNEL_NAME(const cupp_in_t* __restrict__ sorted,
                                            const double* __restrict__ qs,
                                            cupp_out_t* __restrict__ out, long long rows,
                                            long long k, long long total, int method,
                                            int skip_nan) {
  for (long long t : cupp::grid_stride(total)) {
    const cupp_in_t* r = sorted + (t % rows) * k;
    long long n = k;
    if (skip_nan) {
      long long lo = 0, hi = k;
      while (lo < hi) {
        const long long mid = lo + (hi - lo) / 2;
        if (cupp_isnan(r[mid])) hi = mid; else lo = mid + 1;
      }
      n = lo;
    } else if (k > 0 && cupp_isnan(r[k - 1])) {
      out[t] = cupp::ufn::cast<cupp_out_t>(r[k - 1]);
      continue;
    }
    out[t] = n == 0 ? cupp::ufn::cast<cupp_out_t>(cupp_nan())
                    : cupp_pick(r, n, qs[t / rows], method);
  }
}
