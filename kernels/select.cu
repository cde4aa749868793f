// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// nonzero, argwhere and flatnonzero on cub::DeviceSelect, and the gathers lexsort composes its
// passes with. One DeviceSelect instantiation serves every dtype and every layout of the result
// (Note [One selection]).
#include <cub/device/device_select.cuh>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/tabulate_output_iterator.h>

#include <algorithm>
#include <cstdint>
#include <memory>

#include "device_select.hpp"
#include "device_common.cuh"
#include "cupp/core/error.hpp"
#include "cupp/cuda/memory.hpp"

namespace cupp::detail::searching {
namespace {

// Note [Nonzero bits]: an element is tested against zero through its bits, so that one test
// serves every dtype of a width: integers and bool are nonzero when any bit is set; floats when
// any bit but the sign is (so -0.0 is zero and NaN is not, as in NumPy); complex numbers when
// either part is. float16 and bfloat16 both keep their sign in bit 15.
enum class zero_test : std::uint8_t {
  bits8, bits16, bits32, bits64, float16, float32, float64, complex64, complex128
};

zero_test test_of(dtype dt) {
  switch (dt) {
    case dtype::bool_:
    case dtype::int8:
    case dtype::uint8: return zero_test::bits8;
    case dtype::int16:
    case dtype::uint16: return zero_test::bits16;
    case dtype::int32:
    case dtype::uint32: return zero_test::bits32;
    case dtype::int64:
    case dtype::uint64: return zero_test::bits64;
    case dtype::float16:
    case dtype::bfloat16: return zero_test::float16;
    case dtype::float32: return zero_test::float32;
    case dtype::float64: return zero_test::float64;
    case dtype::complex64: return zero_test::complex64;
    case dtype::complex128: return zero_test::complex128;
  }
  CUPP_ASSERT(false);
  return zero_test::bits8;
}

template <class U>
__device__ U load(const char* p) {
  return *reinterpret_cast<const U*>(p);
}

// Note [One selection]: the selection's input is the sequence of positions 0, 1, ..., n - 1 and
// its predicate reads the element at a position and tests it, the dtype being a run-time switch
// that every thread takes the same way; its output iterator hands each selected position with its
// rank j to a writer that stores it at a stride and drops it past a limit. So one instantiation
// of cub::DeviceSelect::If counts (limit 0), writes the flat indices of flatnonzero, and the
// first index row (nonzero) or column (argwhere) that unravel() then expands in place, truncated
// to a `size` without the host learning the count.
struct is_nonzero_at {
  const char* data;
  std::int64_t stride_bytes;
  zero_test test;

  __device__ bool operator()(std::int64_t i) const {
    const char* p = data + i * stride_bytes;
    switch (test) {
      case zero_test::bits8: return load<std::uint8_t>(p) != 0;
      case zero_test::bits16: return load<std::uint16_t>(p) != 0;
      case zero_test::bits32: return load<std::uint32_t>(p) != 0;
      case zero_test::bits64: return load<std::uint64_t>(p) != 0;
      case zero_test::float16: return (load<std::uint16_t>(p) & 0x7fffu) != 0;
      case zero_test::float32: return (load<std::uint32_t>(p) & 0x7fffffffu) != 0;
      case zero_test::float64: return (load<std::uint64_t>(p) << 1) != 0;
      case zero_test::complex64:
        return ((load<std::uint32_t>(p) | load<std::uint32_t>(p + 4)) & 0x7fffffffu) != 0;
      case zero_test::complex128:
        return ((load<std::uint64_t>(p) | load<std::uint64_t>(p + 8)) << 1) != 0;
    }
    return false;
  }
};

struct bounded_writer {
  std::int64_t* out;
  std::int64_t stride;
  std::int64_t limit;

  __device__ void operator()(std::ptrdiff_t j, std::int64_t position) const {
    if (j < limit) out[j * stride] = position;
  }
};

using device::blocks_for;
using device::kThreads;

__global__ void unravel_kernel(std::int64_t* out, std::int64_t rows, std::int64_t row_stride,
                               std::int64_t dim_stride, const std::int64_t* count,
                               unravel_shape shape) {
  const std::int64_t valid = count == nullptr ? 0 : (*count < rows ? *count : rows);
  for (long long j : cupp::grid_stride(rows)) {
    std::int64_t* row = out + j * row_stride;
    if (j < valid) {
      std::int64_t position = row[0];
      for (int d = shape.ndim - 1; d > 0; --d) {
        const std::int64_t extent = shape.extent[d];
        row[d * dim_stride] = position % extent;
        position /= extent;
      }
      row[0] = position;
    } else {
      for (int d = 0; d < shape.ndim; ++d) row[d * dim_stride] = shape.fill[d];
    }
  }
}

/// The bits of a 16-byte element.
struct bits128 {
  std::uint64_t lo, hi;
};
/// The bits of a complex64 element, aligned as its float parts.
struct bits64_pair {
  std::uint32_t re, im;
};

template <class E>
__global__ void gather_rows_kernel(const E* in, const std::int64_t* index, E* out,
                                   std::int64_t n, std::int64_t length) {
  for (long long i : cupp::grid_stride(n)) out[i] = in[i - i % length + index[i]];
}

template <class E>
void gather(const void* in, const std::int64_t* index, void* out, std::int64_t n,
            std::int64_t length, cudaStream_t stream) {
  gather_rows_kernel<E><<<blocks_for(n), kThreads, 0, stream>>>(
      static_cast<const E*>(in), index, static_cast<E*>(out), n, length);
  CUPP_CHECK_CUDA(cudaGetLastError());
}

template <class E>
void flagged(const void* values, const std::uint8_t* flags, std::int64_t n, void* out,
             std::int64_t* count, cudaStream_t stream) {
  const auto* in = static_cast<const E*>(values);
  auto* o = static_cast<E*>(out);
  std::size_t bytes = 0;
  CUPP_CHECK_CUDA(cub::DeviceSelect::Flagged(nullptr, bytes, in, flags, o, count, n, stream));
  const auto temp = cuda::allocate(bytes);
  CUPP_CHECK_CUDA(cub::DeviceSelect::Flagged(temp.get(), bytes, in, flags, o, count, n, stream));
}

}  // namespace

void select_flagged(std::size_t itemsize, const void* values, const std::uint8_t* flags,
                    std::int64_t n, void* out, std::int64_t* count, cudaStream_t stream) {
  CUPP_ASSERT(n > 0);
  switch (itemsize) {
    case 1: return flagged<std::uint8_t>(values, flags, n, out, count, stream);
    case 2: return flagged<std::uint16_t>(values, flags, n, out, count, stream);
    case 4: return flagged<std::uint32_t>(values, flags, n, out, count, stream);
    case 8: return flagged<std::uint64_t>(values, flags, n, out, count, stream);
    case 16: return flagged<bits128>(values, flags, n, out, count, stream);
    default: break;
  }
  CUPP_ASSERT(false);
}

void select_nonzero(dtype dt, const void* data, std::int64_t n, std::int64_t stride_bytes,
                    std::int64_t* out, std::int64_t out_stride, std::int64_t limit,
                    std::int64_t* count, cudaStream_t stream) {
  CUPP_ASSERT(n > 0);
  const is_nonzero_at select{static_cast<const char*>(data), stride_bytes, test_of(dt)};
  const auto writer =
      thrust::make_tabulate_output_iterator(bounded_writer{out, out_stride, limit});
  const thrust::counting_iterator<std::int64_t> positions(0);
  std::size_t bytes = 0;
  CUPP_CHECK_CUDA(
      cub::DeviceSelect::If(nullptr, bytes, positions, writer, count, n, select, stream));
  const auto temp = cuda::allocate(bytes);
  CUPP_CHECK_CUDA(
      cub::DeviceSelect::If(temp.get(), bytes, positions, writer, count, n, select, stream));
}

void unravel(std::int64_t* out, std::int64_t rows, std::int64_t row_stride,
             std::int64_t dim_stride, const std::int64_t* count, const unravel_shape& shape,
             cudaStream_t stream) {
  CUPP_ASSERT(rows > 0 && shape.ndim >= 1 && shape.ndim <= kMaxDims);
  unravel_kernel<<<blocks_for(rows), kThreads, 0, stream>>>(out, rows, row_stride, dim_stride,
                                                            count, shape);
  CUPP_CHECK_CUDA(cudaGetLastError());
}

void gather_rows(dtype dt, const void* in, const std::int64_t* index, void* out,
                 std::int64_t rows, std::int64_t length, cudaStream_t stream) {
  const std::int64_t n = rows * length;
  CUPP_ASSERT(n > 0);
  switch (dtype_itemsize(dt)) {
    case 1: return gather<std::uint8_t>(in, index, out, n, length, stream);
    case 2: return gather<std::uint16_t>(in, index, out, n, length, stream);
    case 4: return gather<std::uint32_t>(in, index, out, n, length, stream);
    case 8:
      if (dt == dtype::complex64) return gather<bits64_pair>(in, index, out, n, length, stream);
      return gather<std::uint64_t>(in, index, out, n, length, stream);
    case 16: return gather<bits128>(in, index, out, n, length, stream);
    default: break;
  }
  CUPP_ASSERT(false);
}

}  // namespace cupp::detail::searching
