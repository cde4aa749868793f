// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The linear recursive filters of cupp::scipy::signal (lfilter, sosfilt and the filtfilt forms
// built on them; src/scipy/signal/lfilter.cpp). Included after a preamble that includes
// <cupp/ufunc.cuh> and defines the variant:
//   cupp_t             the type the filter computes in (float, double or a complex type)
//   CUPP_SIG_SECTIONS  the sections of the cascade (1 for lfilter)
//   CUPP_SIG_ORDER     the order of each section (max(len(a), len(b)) - 1 for lfilter, 2 for sos)
//   CUPP_SIG_NAME      the name of the filter kernel; CUPP_SIG_NAME_COMBINE that of the carry
#pragma once

// Note [Parallel linear recursion]: each section runs SciPy's direct form II transposed,
//   y = b0 x + z0,  z_k = b_{k+1} x + z_{k+1} - a_{k+1} y,  z_{K-1} = b_K x - a_K y,
// its output the next section's input (the coefficients normalised so that a0 = 1). The state
// s of all sections after a stretch of L samples is A^L s0 + f, where f is the state the same
// stretch reaches from zero: the recursion is linear. So a long signal is cut into chunks:
//   1. (filter kernel, write_y = 0) every chunk of every line runs from zero state and keeps
//      its final state f_c;
//   2. (combine kernel) one thread per line carries the true state across the chunks,
//      s_{c+1} = A^L s_c + f_c, starting from zi, with A^L computed on the host;
//   3. (filter kernel, write_y = 1) every chunk runs again from its true starting state and
//      writes its outputs (and the last chunk the final state zf).
// Few long lines thus use the whole GPU; many lines use one chunk each (only step 3). Sample t
// of line m is element m * line_stride + t * step of the signal (and of the output, laid out
// alike): a C-contiguous signal filtered along its first or last axis is read where it lies.
// Along the first axis neighbouring threads read neighbouring addresses; along the last each
// thread walks its own line, and the sectors it loads serve its next samples from L1.

#define CUPP_SIG_STATES (CUPP_SIG_SECTIONS * CUPP_SIG_ORDER)
#define CUPP_SIG_SLOTS (CUPP_SIG_STATES > 0 ? CUPP_SIG_STATES : 1)

// Filters chunk c of line m, thread c * lines + m (threads of one chunk side by side): `coef` holds
// per section b[0..K] then a[0..K]; `init` (or zero when null) the states at each chunk's start,
// laid out [chunk][state][line]; `fin` (when not null) receives each chunk's final state in the
// same layout, or with `last_only` only the last chunk's, laid out [state][line].
extern "C" __global__ void CUPP_SIG_NAME(const cupp_t* __restrict__ x, cupp_t* __restrict__ y,
                                         const cupp_t* __restrict__ coef,
                                         const cupp_t* __restrict__ init, cupp_t* __restrict__ fin,
                                         long long n, long long lines, long long chunk_len,
                                         long long chunks, long long line_stride, long long step,
                                         int write_y, int last_only) {
  const long long i = static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i >= lines * chunks) return;
  const long long m = i % lines, c = i / lines;
  constexpr int K = CUPP_SIG_ORDER;
  cupp_t b[CUPP_SIG_SECTIONS][K + 1], a[CUPP_SIG_SECTIONS][K + 1];
  cupp_t z[CUPP_SIG_SLOTS];
#pragma unroll
  for (int s = 0; s < CUPP_SIG_SECTIONS; ++s) {
#pragma unroll
    for (int k = 0; k <= K; ++k) {
      b[s][k] = coef[(2 * s) * (K + 1) + k];
      a[s][k] = coef[(2 * s + 1) * (K + 1) + k];
    }
  }
#pragma unroll
  for (int j = 0; j < CUPP_SIG_SLOTS; ++j)
    z[j] = (init != nullptr && j < CUPP_SIG_STATES) ? init[(c * CUPP_SIG_STATES + j) * lines + m]
                                                    : cupp_t(0);
  const long long begin = c * chunk_len;
  const long long end = begin + chunk_len < n ? begin + chunk_len : n;
  for (long long t = begin; t < end; ++t) {
    cupp_t v = x[m * line_stride + t * step];
#pragma unroll
    for (int s = 0; s < CUPP_SIG_SECTIONS; ++s) {
      const cupp_t in = v;
      cupp_t out = b[s][0] * in;
      if (K > 0) {
        cupp_t* zs = z + s * K;
        out += zs[0];
#pragma unroll
        for (int k = 0; k + 1 < K; ++k) zs[k] = b[s][k + 1] * in + zs[k + 1] - a[s][k + 1] * out;
        zs[K > 0 ? K - 1 : 0] = b[s][K] * in - a[s][K] * out;
      }
      v = out;
    }
    if (write_y) y[m * line_stride + t * step] = v;
  }
  if (fin != nullptr && CUPP_SIG_STATES > 0) {
    if (last_only) {
      if (end == n) {
#pragma unroll
        for (int j = 0; j < CUPP_SIG_STATES; ++j) fin[j * lines + m] = z[j];
      }
    } else {
#pragma unroll
      for (int j = 0; j < CUPP_SIG_STATES; ++j) fin[(c * CUPP_SIG_STATES + j) * lines + m] = z[j];
    }
  }
}

// Step 2 of Note [Parallel linear recursion]: `power` is A^L, row-major STATES x STATES; `zi`
// (or zero when null) the states before the first chunk, [state][line]; `ends` the zero-state
// final states of the chunks, `starts` receives each chunk's true starting state, both
// [chunk][state][line].
extern "C" __global__ void CUPP_SIG_NAME_COMBINE(const cupp_t* __restrict__ power,
                                                 const cupp_t* __restrict__ zi,
                                                 const cupp_t* __restrict__ ends,
                                                 cupp_t* __restrict__ starts, long long lines,
                                                 int chunks) {
  const long long m = static_cast<long long>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (m >= lines) return;
  cupp_t s[CUPP_SIG_SLOTS], next[CUPP_SIG_SLOTS];
#pragma unroll
  for (int i = 0; i < CUPP_SIG_SLOTS; ++i) s[i] = zi != nullptr ? zi[i * lines + m] : cupp_t(0);
  for (int c = 0; c < chunks; ++c) {
#pragma unroll
    for (int i = 0; i < CUPP_SIG_STATES; ++i)
      starts[(static_cast<long long>(c) * CUPP_SIG_STATES + i) * lines + m] = s[i];
    if (c + 1 == chunks) break;
#pragma unroll
    for (int i = 0; i < CUPP_SIG_STATES; ++i) {
      cupp_t acc = ends[(static_cast<long long>(c) * CUPP_SIG_STATES + i) * lines + m];
#pragma unroll
      for (int j = 0; j < CUPP_SIG_STATES; ++j) acc += power[i * CUPP_SIG_STATES + j] * s[j];
      next[i] = acc;
    }
#pragma unroll
    for (int i = 0; i < CUPP_SIG_STATES; ++i) s[i] = next[i];
  }
}
