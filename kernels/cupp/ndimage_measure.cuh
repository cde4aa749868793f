// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The kernels of the statistics over labels of cupp::scipy::ndimage (sum_labels, mean, variance,
// minimum, maximum, median, the positions, center_of_mass, histogram, labeled_comprehension) and
// of find_objects and value_indices. Included after a preamble (src/scipy/ndimage/measurements.cpp)
// that includes <cupp/ufunc.cuh> and defines the variant:
//   cupp_in_t              the input's element type
//   cupp_label_t           the labels' element type (any integer or bool)
//   CUPP_NDI_SIGNED_KEY    1 when the input is a signed integer (its order key flips the sign bit)
//   CUPP_NDI_FLOAT_KEY     1 when the input is floating (its order key is that of a double)
//   CUPP_NDI_K             the most dimensions (cupp_ndi_dims' array length)
//   CUPP_NDI_STATS_NAME      cupp_ndi_label_stats_<in>_<label>
//   CUPP_NDI_EXTREMA_NAME    cupp_ndi_label_extrema_<in>_<label>
//   CUPP_NDI_POSITIONS_NAME  cupp_ndi_label_positions_<in>_<label>
//   CUPP_NDI_SLOTS_NAME      cupp_ndi_label_slots_<in>_<label>
//   CUPP_NDI_MEDIAN_NAME     cupp_ndi_label_median_<in>_<label>
//   CUPP_NDI_HISTOGRAM_NAME  cupp_ndi_label_histogram_<in>_<label>
//   CUPP_NDI_GATHER_NAME     cupp_ndi_label_gather_<in>_<label>
//   CUPP_NDI_OBJECTS_NAME    cupp_ndi_find_objects_<in>_<label>
//   CUPP_NDI_MAX_LABEL_NAME  cupp_ndi_find_objects_max_<in>_<label>
//   CUPP_NDI_UNRAVEL_NAME    cupp_ndi_value_indices_<in>_<label>
#pragma once

#include <cupp/indexing.cuh>

// Note [Statistics over labels]: every element belongs to at most one group ("slot"); the
// statistics are segmented reductions over the slots, in one pass over the input (two for the
// centred sums of variance and for the positions of the extremes). A slot is found from the
// element's label as SciPy's argument forms say: without labels every element is in slot 0;
// with labels and no index, the elements whose label is > 0 are; with an index, slot s holds the
// elements whose label is the s-th of the sorted distinct index values, found by a table over
// [lo, lo + span) of the index values' range or, where that range is too wide, by a binary
// search of the sorted values. The host maps the slots back to the index's own order (repeats
// included) and finishes the statistics (mean = sum / count, ...), a few values per label.
//
// The accumulation is run-length: a thread walks its elements of a grid-stride loop and keeps the
// running count, sum (and moments) of the current slot in registers; it adds them to the block's
// shared-memory accumulators (shared atomics) only when the slot changes and at the end, so one
// group (no labels) costs one shared atomic per thread, and labels that come in runs (regions of
// an image) a few; the blocks add their shared accumulators to the global ones when done. Where
// the slots do not fit in shared memory the runs go straight to global atomics.
//
// Minimum and maximum compare order keys: the value mapped to an unsigned 64-bit integer whose
// order is the values' (floating values through their double, the sign bit flipped, the
// negatives' other bits inverted; signed integers with the sign bit flipped; unsigned as they
// are), so atomicMin/atomicMax of the keys give the extremes exactly for every dtype, and the
// host maps the keys back. The positions are a second pass: the smallest flat index whose key
// equals the slot's extreme (SciPy's "first" position).

struct cupp_ndi_groups {
  const cupp_label_t* labels;  // null: every element in slot 0
  int mode;                    // 0 all, 1 label > 0, 2 table, 3 sorted search
  long long lo, span;          // mode 2: the table covers labels [lo, lo + span)
  const int* table;            // mode 2: slot of label lo + j, or -1
  const long long* sorted;     // mode 3: the distinct index values, ascending
  long long nslots;
  __device__ __forceinline__ long long operator()(long long i) const {
    if (mode == 0) return 0;
    const long long l = static_cast<long long>(labels[i]);
    if (mode == 1) return l > 0 ? 0 : -1;
    if (mode == 2) {
      const long long j = l - lo;
      return j >= 0 && j < span ? table[j] : -1;
    }
    long long a = 0, b = nslots;
    while (a < b) {
      const long long m = a + (b - a) / 2;
      if (sorted[m] < l) a = m + 1; else b = m;
    }
    return a < nslots && sorted[a] == l ? a : -1;
  }
};

// The shape of the (broadcast, C-contiguous) input, to turn a flat index into coordinates.
struct cupp_ndi_dims {
  long long shape[CUPP_NDI_K];
  int nd;
};

__device__ __forceinline__ double cupp_ndi_value(cupp_in_t x) { return cupp::ufn::cast<double>(x); }

__device__ __forceinline__ unsigned long long cupp_ndi_key(cupp_in_t x) {
#if CUPP_NDI_FLOAT_KEY
  const unsigned long long b =
      static_cast<unsigned long long>(__double_as_longlong(cupp::ufn::cast<double>(x)));
  return (b >> 63) ? ~b : (b | 0x8000000000000000ull);
#elif CUPP_NDI_SIGNED_KEY
  return static_cast<unsigned long long>(static_cast<long long>(x)) ^ 0x8000000000000000ull;
#else
  return static_cast<unsigned long long>(x);
#endif
}

// ---- count, sum, integer sum, moments, centred sums ---------------------------------------------

// acc holds `width` doubles per slot: [count, sum, m_0 .. m_{nd-1}] (moments: the sums of
// value * coordinate along each axis, for center_of_mass) or, when `means` is given, [sum of
// (value - mean)^2]. isum (or null) holds the 64-bit wrapping integer sum per slot.
extern "C" __global__ void CUPP_NDI_STATS_NAME(const cupp_in_t* __restrict__ in,
                                               cupp_ndi_groups g, long long n,
                                               double* __restrict__ acc, int width,
                                               const double* __restrict__ means,
                                               unsigned long long* __restrict__ isum,
                                               cupp_ndi_dims dims, int moments, int use_shared) {
  extern __shared__ double cupp_ndi_shared[];
  const long long nslots = g.nslots;
  double* sacc = cupp_ndi_shared;
  unsigned long long* sisum = reinterpret_cast<unsigned long long*>(cupp_ndi_shared + nslots * width);
  if (use_shared) {
    for (long long j = threadIdx.x; j < nslots * width; j += blockDim.x) sacc[j] = 0.0;
    if (isum)
      for (long long j = threadIdx.x; j < nslots; j += blockDim.x) sisum[j] = 0ull;
    __syncthreads();
  }
  double* to = use_shared ? sacc : acc;
  unsigned long long* ito = use_shared ? sisum : isum;
  long long cur = -1;
  double r_count = 0.0, r_sum = 0.0;
  unsigned long long r_isum = 0ull;
  double r_mom[CUPP_NDI_K];
  for (int k = 0; k < CUPP_NDI_K; ++k) r_mom[k] = 0.0;
  auto flush = [&]() {
    if (cur < 0) return;
    if (means) {
      atomicAdd(to + cur * width, r_sum);
    } else {
      atomicAdd(to + cur * width, r_count);
      atomicAdd(to + cur * width + 1, r_sum);
      if (moments)
        for (int k = 0; k < dims.nd; ++k) atomicAdd(to + cur * width + 2 + k, r_mom[k]);
      if (isum) atomicAdd(ito + cur, r_isum);
    }
  };
  for (long long i : cupp::grid_stride(n)) {
    const long long s = g(i);
    if (s < 0) continue;
    if (s != cur) {
      flush();
      cur = s;
      r_count = 0.0;
      r_sum = 0.0;
      r_isum = 0ull;
      if (moments)
        for (int k = 0; k < dims.nd; ++k) r_mom[k] = 0.0;
    }
    const cupp_in_t raw = in[i];
    const double x = cupp_ndi_value(raw);
    if (means) {
      const double d = x - means[s];
      r_sum += d * d;
      continue;
    }
    r_count += 1.0;
    r_sum += x;
#if CUPP_NDI_FLOAT_KEY == 0
    if (isum) r_isum += static_cast<unsigned long long>(static_cast<long long>(raw));
#endif
    if (moments) {
      long long rest = i;
      for (int k = dims.nd - 1; k >= 0; --k) {
        const long long c = rest % dims.shape[k];
        rest /= dims.shape[k];
        r_mom[k] += x * static_cast<double>(c);
      }
    }
  }
  flush();
  if (use_shared) {
    __syncthreads();
    for (long long j = threadIdx.x; j < nslots * width; j += blockDim.x)
      if (sacc[j] != 0.0) atomicAdd(acc + j, sacc[j]);
    if (isum)
      for (long long j = threadIdx.x; j < nslots; j += blockDim.x)
        if (sisum[j] != 0ull) atomicAdd(isum + j, sisum[j]);
  }
}

// ---- extremes and their positions ---------------------------------------------------------------

// keys: 2 per slot, [min key, max key], initialised to (~0, 0) by the host.
extern "C" __global__ void CUPP_NDI_EXTREMA_NAME(const cupp_in_t* __restrict__ in,
                                                 cupp_ndi_groups g, long long n,
                                                 unsigned long long* __restrict__ keys,
                                                 int use_shared) {
  extern __shared__ unsigned long long cupp_ndi_skeys[];
  const long long nslots = g.nslots;
  if (use_shared) {
    for (long long j = threadIdx.x; j < nslots; j += blockDim.x) {
      cupp_ndi_skeys[2 * j] = ~0ull;
      cupp_ndi_skeys[2 * j + 1] = 0ull;
    }
    __syncthreads();
  }
  unsigned long long* to = use_shared ? cupp_ndi_skeys : keys;
  long long cur = -1;
  unsigned long long lo = ~0ull, hi = 0ull;
  for (long long i : cupp::grid_stride(n)) {
    const long long s = g(i);
    if (s < 0) continue;
    if (s != cur) {
      if (cur >= 0) {
        atomicMin(to + 2 * cur, lo);
        atomicMax(to + 2 * cur + 1, hi);
      }
      cur = s;
      lo = ~0ull;
      hi = 0ull;
    }
    const unsigned long long k = cupp_ndi_key(in[i]);
    lo = k < lo ? k : lo;
    hi = k > hi ? k : hi;
  }
  if (cur >= 0) {
    atomicMin(to + 2 * cur, lo);
    atomicMax(to + 2 * cur + 1, hi);
  }
  if (use_shared) {
    __syncthreads();
    for (long long j = threadIdx.x; j < nslots; j += blockDim.x) {
      atomicMin(keys + 2 * j, cupp_ndi_skeys[2 * j]);
      atomicMax(keys + 2 * j + 1, cupp_ndi_skeys[2 * j + 1]);
    }
  }
}

// pos: 2 per slot, [position of the min, position of the max], initialised to LLONG_MAX.
extern "C" __global__ void CUPP_NDI_POSITIONS_NAME(const cupp_in_t* __restrict__ in,
                                                   cupp_ndi_groups g, long long n,
                                                   const unsigned long long* __restrict__ keys,
                                                   long long* __restrict__ pos) {
  for (long long i : cupp::grid_stride(n)) {
    const long long s = g(i);
    if (s < 0) continue;
    const unsigned long long k = cupp_ndi_key(in[i]);
    if (k == keys[2 * s] && i < pos[2 * s]) atomicMin(pos + 2 * s, i);
    if (k == keys[2 * s + 1] && i < pos[2 * s + 1]) atomicMin(pos + 2 * s + 1, i);
  }
}

// ---- median, labeled_comprehension: the elements ordered by slot --------------------------------

// out[j] = slot of element order[j] (or of element j when order is null), nslots for none.
extern "C" __global__ void CUPP_NDI_SLOTS_NAME(cupp_ndi_groups g, const long long* __restrict__ order,
                                               long long n, long long* __restrict__ out) {
  for (long long j : cupp::grid_stride(n)) {
    const long long s = g(order ? order[j] : j);
    out[j] = s < 0 ? g.nslots : s;
  }
}

// The median of each slot: its elements are in[by_value[by_slot[offset[s] .. offset[s] + count[s])]],
// ascending; the mean of the middle two as double (NaN for an empty slot).
extern "C" __global__ void CUPP_NDI_MEDIAN_NAME(const cupp_in_t* __restrict__ in,
                                                const long long* __restrict__ by_value,
                                                const long long* __restrict__ by_slot,
                                                const long long* __restrict__ offset,
                                                const long long* __restrict__ count,
                                                long long nslots, double* __restrict__ out) {
  for (long long s : cupp::grid_stride(nslots)) {
    const long long c = count[s];
    if (c == 0) {
      out[s] = __longlong_as_double(0x7ff8000000000000ll);
      continue;
    }
    const long long lo = offset[s] + (c - 1) / 2, hi = offset[s] + c / 2;
    out[s] = (cupp_ndi_value(in[by_value[by_slot[lo]]]) + cupp_ndi_value(in[by_value[by_slot[hi]]])) / 2.0;
  }
}

// out[j] = in[order[j]] (the values of labeled_comprehension, grouped by slot).
extern "C" __global__ void CUPP_NDI_GATHER_NAME(const cupp_in_t* __restrict__ in,
                                                const long long* __restrict__ order, long long n,
                                                cupp_in_t* __restrict__ out) {
  for (long long j : cupp::grid_stride(n)) out[j] = in[order[j]];
}

// ---- histogram ----------------------------------------------------------------------------------

// hist: nbins counts per slot. A value's bin as numpy.histogram finds it over explicit float64
// edges: [e_b, e_{b+1}), the last bin holding its right edge, values outside (and NaN) nowhere.
extern "C" __global__ void CUPP_NDI_HISTOGRAM_NAME(const cupp_in_t* __restrict__ in,
                                                   cupp_ndi_groups g, long long n,
                                                   const double* __restrict__ edges,
                                                   long long nbins,
                                                   unsigned long long* __restrict__ hist) {
  for (long long i : cupp::grid_stride(n)) {
    const long long s = g(i);
    if (s < 0) continue;
    const double x = cupp_ndi_value(in[i]);
    if (!(x >= edges[0] && x <= edges[nbins])) continue;
    long long a = 0, b = nbins + 1;  // the first edge above x
    while (a < b) {
      const long long m = a + (b - a) / 2;
      if (edges[m] > x) b = m; else a = m + 1;
    }
    const long long bin = a - 1 < nbins ? a - 1 : nbins - 1;
    atomicAdd(hist + s * nbins + bin, 1ull);
  }
}

// ---- find_objects -------------------------------------------------------------------------------

// The largest label (at least 0) into *out.
extern "C" __global__ void CUPP_NDI_MAX_LABEL_NAME(const cupp_label_t* __restrict__ labels,
                                                   long long n, long long* __restrict__ out) {
  long long m = 0;
  for (long long i : cupp::grid_stride(n)) {
    const long long l = static_cast<long long>(labels[i]);
    m = l > m ? l : m;
  }
  if (m > 0) atomicMax(out, m);
}

// box: per label 1..max_label and axis, [lowest, highest] coordinate, initialised to
// (LLONG_MAX, -1); a label with no element keeps highest -1.
extern "C" __global__ void CUPP_NDI_OBJECTS_NAME(const cupp_label_t* __restrict__ labels,
                                                 long long n, long long max_label,
                                                 cupp_ndi_dims dims, long long* __restrict__ box) {
  for (long long i : cupp::grid_stride(n)) {
    const long long l = static_cast<long long>(labels[i]);
    if (l < 1 || l > max_label) continue;
    long long rest = i;
    for (int k = dims.nd - 1; k >= 0; --k) {
      const long long c = rest % dims.shape[k];
      rest /= dims.shape[k];
      long long* b = box + ((l - 1) * dims.nd + k) * 2;
      if (c < b[0]) atomicMin(b, c);
      if (c > b[1]) atomicMax(b + 1, c);
    }
  }
}

// ---- value_indices ------------------------------------------------------------------------------

// coords[k * n + j] = coordinate k of flat index order[j] (the index arrays of value_indices).
extern "C" __global__ void CUPP_NDI_UNRAVEL_NAME(const long long* __restrict__ order, long long n,
                                                 cupp_ndi_dims dims, long long* __restrict__ coords) {
  for (long long j : cupp::grid_stride(n)) {
    long long rest = order[j];
    for (int k = dims.nd - 1; k >= 0; --k) {
      coords[k * n + j] = rest % dims.shape[k];
      rest /= dims.shape[k];
    }
  }
}
