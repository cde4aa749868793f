// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The peak finding of cupp::scipy::signal (find_peaks, peak_prominences, peak_widths;
// src/scipy/signal/peaks.cpp). Every kernel reads the signal as C-contiguous double, as SciPy
// converts it; included after a preamble that includes <cupp/ufunc.cuh>.
#pragma once

#include <cupp/indexing.cuh>

// Note [Parallel peak search]: SciPy's _local_maxima_1d walks the signal once; a sample i is
// the left edge of a peak when x[i-1] < x[i] and the plateau of samples equal to x[i] that
// starts there ends (at the last sample before the end of the signal at the latest) above a
// smaller sample. Every i is tested on its own, so one thread per sample finds the same peaks;
// a thread walks only its own plateau, which is empty for most samples. The prominences and
// widths are SciPy's walks from each peak, one thread per peak.

// flag[i] = 1 where a peak's plateau starts at i, and right[i] = the plateau's last sample.
extern "C" __global__ void cupp_sig_local_maxima(const double* __restrict__ x,
                                                 unsigned char* __restrict__ flag,
                                                 long long* __restrict__ right, long long n) {
  for (long long i : cupp::grid_stride(n)) {
    unsigned char f = 0;
    if (i >= 1 && i < n - 1 && x[i - 1] < x[i]) {
      long long ahead = i + 1;
      while (ahead < n - 1 && x[ahead] == x[i]) ++ahead;
      if (x[ahead] < x[i]) {
        f = 1;
        right[i] = ahead - 1;
      }
    }
    flag[i] = f;
  }
}

// SciPy's _peak_prominences: the lowest sample on each side before a higher one (within wlen
// // 2 of the peak when wlen >= 2); the prominence is the peak's height above the higher base.
extern "C" __global__ void cupp_sig_peak_prominences(const double* __restrict__ x,
                                                     const long long* __restrict__ peaks,
                                                     double* __restrict__ prominences,
                                                     long long* __restrict__ left_bases,
                                                     long long* __restrict__ right_bases,
                                                     long long count, long long n, long long wlen) {
  for (long long p : cupp::grid_stride(count)) {
    const long long peak = peaks[p];
    long long i_min = 0, i_max = n - 1;
    if (wlen >= 2) {
      i_min = peak - wlen / 2 > i_min ? peak - wlen / 2 : i_min;
      i_max = peak + wlen / 2 < i_max ? peak + wlen / 2 : i_max;
    }
    const double top = x[peak];
    long long i = peak, left = peak;
    double left_min = top;
    while (i_min <= i && x[i] <= top) {
      if (x[i] < left_min) {
        left_min = x[i];
        left = i;
      }
      --i;
    }
    i = peak;
    long long right = peak;
    double right_min = top;
    while (i <= i_max && x[i] <= top) {
      if (x[i] < right_min) {
        right_min = x[i];
        right = i;
      }
      ++i;
    }
    left_bases[p] = left;
    right_bases[p] = right;
    prominences[p] = top - (left_min > right_min ? left_min : right_min);
  }
}

// SciPy's _peak_widths: where the signal crosses the reference height on each side, linearly
// interpolated between samples.
extern "C" __global__ void cupp_sig_peak_widths(
    const double* __restrict__ x, const long long* __restrict__ peaks,
    const double* __restrict__ prominences, const long long* __restrict__ left_bases,
    const long long* __restrict__ right_bases, double* __restrict__ widths,
    double* __restrict__ width_heights, double* __restrict__ left_ips,
    double* __restrict__ right_ips, long long count, double rel_height) {
  for (long long p : cupp::grid_stride(count)) {
    const long long i_min = left_bases[p], i_max = right_bases[p], peak = peaks[p];
    const double height = x[peak] - prominences[p] * rel_height;
    long long i = peak;
    while (i_min < i && height < x[i]) --i;
    double left_ip = static_cast<double>(i);
    if (x[i] < height) left_ip += (height - x[i]) / (x[i + 1] - x[i]);
    i = peak;
    while (i < i_max && height < x[i]) ++i;
    double right_ip = static_cast<double>(i);
    if (x[i] < height) right_ip -= (height - x[i]) / (x[i - 1] - x[i]);
    widths[p] = right_ip - left_ip;
    width_heights[p] = height;
    left_ips[p] = left_ip;
    right_ips[p] = right_ip;
  }
}
