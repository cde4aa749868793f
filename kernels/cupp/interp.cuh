// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernel of cupp::interp. Included after a preamble (src/math/interp.cpp) that includes
// <cupp/ufunc.cuh> and defines the variant:
//   cupp_x_t             the element type of the points x
//   CUPP_INTERP_COMPLEX  1 when fp and the result are complex128 (two doubles an element), else 0
//   CUPP_KERNEL_NAME     the kernel's name, cupp_interp_<x>_<fp>
#pragma once

#include <cupp/indexing.cuh>

// Note [Interp kernel]: one thread per point finds, by a binary search over the sorted sample
// points xp, the first one above x (searchsorted side='right'), then interpolates as NumPy's
// compiled interp does, case by case: nan x gives x; below xp[0], `left`; above xp[-1], `right`;
// on xp[-1] or on a sample point, its value; else slope * (x - xp[j]) + fp[j], recomputed from
// the right end when that is nan (infinite values), and fp[j] when both ends agree. Products and
// sums are rounded one by one (never an FMA), as NumPy's C computes them; a complex value is
// two real parts, each interpolated alone (NumPy's slope per part, from 1 / dx).
#define CUPP_INTERP_PARTS (CUPP_INTERP_COMPLEX ? 2 : 1)

__device__ __forceinline__ double cupp_interp_part(double slope, double x, double x0, double x1,
                                                   double y0, double y1) {
  double r = __dadd_rn(__dmul_rn(slope, __dsub_rn(x, x0)), y0);
  if (isnan(r)) {
    r = __dadd_rn(__dmul_rn(slope, __dsub_rn(x, x1)), y1);
    if (isnan(r) && y0 == y1) r = y0;
  }
  return r;
}

extern "C" __global__ void CUPP_KERNEL_NAME(const cupp_x_t* __restrict__ x,
                                            const double* __restrict__ xp,
                                            const double* __restrict__ fp, long long n,
                                            long long len, int has_left, double left_re,
                                            double left_im, int has_right, double right_re,
                                            double right_im, double* __restrict__ out) {
  const int parts = CUPP_INTERP_PARTS;
  for (long long i : cupp::grid_stride(len)) {
    const double xv = cupp::ufn::cast<double>(x[i]);
    double* o = out + i * parts;
    if (isnan(xv)) {
      o[0] = xv;
      if (parts == 2) o[1] = 0.0;
      continue;
    }
    long long lo = 0, hi = n;  // the first sample point above xv
    while (lo < hi) {
      const long long mid = lo + (hi - lo) / 2;
      if (xp[mid] <= xv) lo = mid + 1; else hi = mid;
    }
    long long pick = -1;  // a sample's value, or -1
    if (lo == 0) {
      o[0] = has_left ? left_re : fp[0];
      if (parts == 2) o[1] = has_left ? left_im : fp[1];
      continue;
    }
    if (lo == n) {
      if (xv == xp[n - 1]) {
        pick = n - 1;
      } else {
        o[0] = has_right ? right_re : fp[(n - 1) * parts];
        if (parts == 2) o[1] = has_right ? right_im : fp[(n - 1) * parts + 1];
        continue;
      }
    } else if (xp[lo - 1] == xv) {
      pick = lo - 1;
    }
    if (pick >= 0) {
      for (int p = 0; p < parts; ++p) o[p] = fp[pick * parts + p];
      continue;
    }
    const long long j = lo - 1;
    const double x0 = xp[j], x1 = xp[j + 1];
    if (parts == 1) {
      const double y0 = fp[j], y1 = fp[j + 1];
      o[0] = cupp_interp_part(__ddiv_rn(__dsub_rn(y1, y0), __dsub_rn(x1, x0)), xv, x0, x1, y0, y1);
    } else {
      const double inv_dx = __ddiv_rn(1.0, __dsub_rn(x1, x0));
      for (int p = 0; p < 2; ++p) {
        const double y0 = fp[j * 2 + p], y1 = fp[(j + 1) * 2 + p];
        o[p] = cupp_interp_part(__dmul_rn(__dsub_rn(y1, y0), inv_dx), xv, x0, x1, y0, y1);
      }
    }
  }
}
