// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cumsum and cumprod of contiguous rows on cub::DeviceScan. One row is an InclusiveScan, a single
// pass with decoupled look-back: each element is read once and written once, which is what
// bounds a scan. Several rows are one InclusiveScanByKey over the whole array, the key of an
// element being its row, so short rows cost no more than one long one.
#include <cub/device/device_scan.cuh>
#include <cuda/std/complex>
#include <cuda/std/functional>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/transform_iterator.h>

#include <cstdint>
#include <memory>

#include "device_sort.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/memory.hpp"

namespace cupp::detail::sorting {
namespace {

struct row_of {
  std::int64_t length;
  __host__ __device__ std::int64_t operator()(std::int64_t i) const { return i / length; }
};

template <class T, class Op>
void scan(const void* in_bytes, void* out_bytes, std::int64_t rows, std::int64_t length, Op op,
          cudaStream_t stream) {
  const auto* in = static_cast<const T*>(in_bytes);
  auto* out = static_cast<T*>(out_bytes);
  const std::int64_t n = rows * length;
  const auto keys =
      thrust::make_transform_iterator(thrust::counting_iterator<std::int64_t>(0), row_of{length});
  auto run = [&](void* temp, std::size_t& bytes) {
    if (rows == 1) return cub::DeviceScan::InclusiveScan(temp, bytes, in, out, op, n, stream);
    return cub::DeviceScan::InclusiveScanByKey(temp, bytes, keys, in, out, op, n,
                                               ::cuda::std::equal_to<>(), stream);
  };
  std::size_t bytes = 0;
  CUPP_CHECK_CUDA(run(nullptr, bytes));
  const auto temp = cuda::allocate(bytes);
  CUPP_CHECK_CUDA(run(temp.get(), bytes));
}

template <class T>
void scan_dtype(const void* in, void* out, std::int64_t rows, std::int64_t length, scan_op op,
                cudaStream_t stream) {
  if (op == scan_op::sum)
    scan<T>(in, out, rows, length, ::cuda::std::plus<T>(), stream);
  else
    scan<T>(in, out, rows, length, ::cuda::std::multiplies<T>(), stream);
}

}  // namespace

void scan_rows(dtype dt, const void* in, void* out, std::int64_t rows, std::int64_t length,
               scan_op op, cudaStream_t stream) {
  CUPP_ASSERT(rows > 0 && length > 0);
  switch (dt) {
    case dtype::int64:
    case dtype::uint64: return scan_dtype<std::uint64_t>(in, out, rows, length, op, stream);
    case dtype::float32: return scan_dtype<float>(in, out, rows, length, op, stream);
    case dtype::float64: return scan_dtype<double>(in, out, rows, length, op, stream);
    // cuda::std::complex<R> has std::complex<R>'s layout (two R, real first).
    case dtype::complex64:
      return scan_dtype<::cuda::std::complex<float>>(in, out, rows, length, op, stream);
    case dtype::complex128:
      return scan_dtype<::cuda::std::complex<double>>(in, out, rows, length, op, stream);
    default: break;
  }
  CUPP_ASSERT(false);
}

}  // namespace cupp::detail::sorting
