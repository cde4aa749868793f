// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernel of cupp::scipy::ndimage's Fourier filters (src/scipy/ndimage/fourier.cpp):
// fourier_gaussian, fourier_uniform, fourier_ellipsoid and fourier_shift on the output of an FFT.
// Included after a preamble that includes <cupp/types.cuh> and defines
//   cupp_in_t, cupp_out_t             the element types of the input and of the output
//   CUPP_NDI_FOURIER_IN_COMPLEX, CUPP_NDI_FOURIER_OUT_COMPLEX  whether they are complex (0/1)
//   CUPP_NDI_FOURIER_NAME             the kernel's name, cupp_ndi_fourier_<in>_<out>
#pragma once

#define CUPP_NDI_FOURIER_K 32

enum { cupp_ndi_fourier_product = 0, cupp_ndi_fourier_ellipsoid = 1, cupp_ndi_fourier_shift = 2 };

/// The host image is in src/scipy/ndimage/fourier.cpp.
struct cupp_ndi_fourier_geom {
  long long shape[CUPP_NDI_FOURIER_K];
  long long in_stride[CUPP_NDI_FOURIER_K];  // in elements; the output is C-contiguous
  long long table[CUPP_NDI_FOURIER_K];      // where each axis' table starts in `tables`
  long long size;
  int ndim;
  int kind;
};

// Note [Fourier filters]: SciPy's NI_FourierFilter and NI_FourierShift compute one table per
// axis on the host (the frequencies in FFT order, or 0..n-1 along the axis of a real transform),
// here in src/scipy/ndimage/fourier.cpp with SciPy's formulas, and multiply each element by
//   product      the product of its axes' table entries (gaussian, uniform)
//   ellipsoid    f(r), r^2 the sum of the (squared) entries: sin r / r (1-D), 2 J1(r) / r (2-D),
//                3 (sin r - r cos r) / r^3 (3-D), 1 at r = 0
//   shift        exp(i t), t the sum of the entries
// in double, one thread per element.
extern "C" __global__ void CUPP_NDI_FOURIER_NAME(const cupp_in_t* __restrict__ in,
                                                 const double* __restrict__ tables,
                                                 cupp_out_t* __restrict__ out,
                                                 cupp_ndi_fourier_geom g) {
  const long long i = static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i >= g.size) return;
  long long rem = i, off = 0;
  double prod = 1.0, sum = 0.0;
  for (int d = g.ndim - 1; d >= 0; --d) {
    const long long q = rem / g.shape[d];
    const long long c = rem - q * g.shape[d];
    rem = q;
    off += c * g.in_stride[d];
    const double v = tables[g.table[d] + c];
    prod *= v;
    sum += v;
  }
  double re, im = 0.0;
#if CUPP_NDI_FOURIER_IN_COMPLEX
  re = (double)in[off].real();
  im = (double)in[off].imag();
#else
  re = (double)in[off];
#endif
  double r_out, i_out;
  if (g.kind == cupp_ndi_fourier_shift) {
    double s, c;
    sincos(sum, &s, &c);
    r_out = re * c - im * s;
    i_out = re * s + im * c;
  } else {
    double f = prod;
    if (g.kind == cupp_ndi_fourier_ellipsoid) {
      if (g.ndim == 1) {
        f = sum != 0 ? sin(sum) / sum : 1.0;
      } else if (g.ndim == 2) {
        const double r = sqrt(sum);
        f = r > 0.0 ? 2.0 * j1(r) / r : 1.0;
      } else {
        const double r = sqrt(sum);
        f = r > 0.0 ? 3.0 * (sin(r) - r * cos(r)) / (r * r * r) : 1.0;
      }
    }
    r_out = re * f;
    i_out = im * f;
  }
#if CUPP_NDI_FOURIER_OUT_COMPLEX
  out[i] = cupp_out_t(r_out, i_out);
#else
  out[i] = (cupp_out_t)r_out;
#endif
}
