// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/linalg/matmul.hpp"

#include <cublas_v2.h>
#include <cuComplex.h>

#include <algorithm>
#include <complex>
#include <string>
#include <vector>

#include "../cuda/launch.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/expr/expression.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "handles.hpp"

namespace cupp::detail {

namespace {

constexpr const char* kSignature = "(n?,k),(k,m?)->(n?,m?)";

std::int64_t back(const shape_t& s, std::size_t from_end) { return s[s.size() - 1 - from_end]; }

// Note [Matmul on cuBLAS]: cuBLAS is column-major and our arrays are row-major. A row-major
// M x K matrix X with strides (sr, sc) is, read column-major, the K x M matrix X^T with leading
// dimension sr when sc == 1; or it is the column-major M x K matrix X with leading dimension sc
// when sr == 1, which cuBLAS transposes with op T. So C = A B (row-major, C-contiguous M x N) is
// computed as the column-major C^T = B^T A^T with ldc = N: B takes cuBLAS's first operand slot
// and A the second, each with op N (row-major layout) or op T (column-major layout, a transposed
// view). Any other layout (strides in both axes, negative strides) is copied first.
struct operand {
  const char* ptr = nullptr;
  cublasOperation_t op = CUBLAS_OP_N;
  std::int64_t ld = 1;
};

/// How cuBLAS can read the row-major rows x cols matrix with strides (sr, sc) as the
/// column-major cols x rows matrix it represents, or nullopt when it cannot without a copy.
std::optional<operand> as_blas(const char* ptr, std::int64_t rows, std::int64_t cols,
                               std::int64_t sr, std::int64_t sc) {
  // A length-1 axis has no meaningful stride: choose the one that makes a layout valid.
  {  // row-major: op N, ld = sr >= cols
    const std::int64_t r = rows == 1 ? std::max<std::int64_t>(cols, 1) : sr;
    const std::int64_t c = cols == 1 ? 1 : sc;
    if (c == 1 && r >= std::max<std::int64_t>(cols, 1)) return operand{ptr, CUBLAS_OP_N, r};
  }
  {  // column-major: op T, ld = sc >= rows
    const std::int64_t r = rows == 1 ? 1 : sr;
    const std::int64_t c = cols == 1 ? std::max<std::int64_t>(rows, 1) : sc;
    if (r == 1 && c >= std::max<std::int64_t>(rows, 1)) return operand{ptr, CUBLAS_OP_T, c};
  }
  return std::nullopt;
}

struct blas_types {
  cudaDataType_t data;
  cublasComputeType_t compute;
  // alpha = 1 and beta = 0 in the compute type's scalar type.
  const void* one;
  const void* zero;
};

blas_types types_for(dtype dt) {
  static const float f1 = 1.0f, f0 = 0.0f;
  static const double d1 = 1.0, d0 = 0.0;
  static const cuComplex c1 = make_cuComplex(1.0f, 0.0f), c0 = make_cuComplex(0.0f, 0.0f);
  static const cuDoubleComplex z1 = make_cuDoubleComplex(1.0, 0.0),
                               z0 = make_cuDoubleComplex(0.0, 0.0);
  const cublasComputeType_t single =
      linalg::tf32_enabled() ? CUBLAS_COMPUTE_32F_FAST_TF32 : CUBLAS_COMPUTE_32F;
  switch (dt) {
    case dtype::float16: return {CUDA_R_16F, CUBLAS_COMPUTE_32F, &f1, &f0};
    case dtype::bfloat16: return {CUDA_R_16BF, CUBLAS_COMPUTE_32F, &f1, &f0};
    case dtype::float32: return {CUDA_R_32F, single, &f1, &f0};
    case dtype::float64: return {CUDA_R_64F, CUBLAS_COMPUTE_64F, &d1, &d0};
    case dtype::complex64: return {CUDA_C_32F, single, &c1, &c0};
    case dtype::complex128: return {CUDA_C_64F, CUBLAS_COMPUTE_64F, &z1, &z0};
    default: CUPP_ASSERT(false);
  }
  return {};
}

bool uses_blas(dtype dt) {
  return dt == dtype::float16 || dt == dtype::bfloat16 || dt == dtype::float32 ||
         dt == dtype::float64 || dt == dtype::complex64 || dt == dtype::complex128;
}

// ---- the tiled kernel: integers, bool, and small float products ------------------------------

// kernels/cupp/linalg_matmul.cuh: for products too small to fill the GPU, one launch of it costs
// less host time than a cuBLAS call (Note [Linalg kernels] in handles.hpp).
const std::vector<dtype>& tiled_dtypes() {
  static const std::vector<dtype> d = {dtype::bool_,  dtype::int8,   dtype::int16,  dtype::int32,
                                       dtype::int64,  dtype::uint8,  dtype::uint16, dtype::uint32,
                                       dtype::uint64, dtype::float32, dtype::float64};
  return d;
}

linalg::detail::kernel_variant tiled_variant(dtype dt) {
  std::string name = std::string("cupp_matmul_tiled_") + cupp::detail::dtype_short_name(dt);
  std::string preamble = std::string("typedef ") + expr::detail::device_type_name(dt) +
                         " cupp_mm_t;\n#define CUPP_MATMUL_TILED_KERNEL " + name + "\n";
  return {"cupp/linalg_matmul.cuh", std::move(preamble), std::move(name)};
}

/// The tiled kernel for `dt`, from the registry. Its answers for the eleven dtypes are asked once
/// and held here (the registry owns the kernels; nothing is compiled before a launch): a small
/// product is host-bound, and a registry lookup (building the module's source and key, hashing
/// it under a lock) would add a tenth to its host time.
const RawKernel& tiled_kernel(dtype dt) {
  static const std::vector<const RawKernel*> kernels = [] {
    std::vector<const RawKernel*> k;
    for (const dtype d : tiled_dtypes()) k.push_back(&linalg::detail::kernel_of(tiled_variant(d)));
    return k;
  }();
  const auto& dts = tiled_dtypes();
  const auto at = std::find(dts.begin(), dts.end(), dt);
  CUPP_ASSERT(at != dts.end());
  return *kernels[static_cast<std::size_t>(at - dts.begin())];
}

constexpr unsigned kTile = 16;  // the kernel's tile: blocks of kTile x kTile threads

// ---- batches -------------------------------------------------------------------------------

/// The batch axes of A, B and C as groups: the inner `inner` axes merge into one stride per
/// operand (the batched call's strides), the outer ones are looped over on the host.
struct batch_plan {
  std::vector<std::int64_t> outer_shape;             // looped on the host
  std::vector<std::int64_t> outer_a, outer_b, outer_c;  // their strides, elements
  std::int64_t count = 1;                            // matrices per call
  std::int64_t sa = 0, sb = 0, sc = 0;               // the call's batch strides
};

batch_plan plan_batch(const shape_t& batch, const strides_t& a, const strides_t& b,
                      const strides_t& c) {
  // Length-1 axes carry nothing; drop them.
  std::vector<std::size_t> axes;
  for (std::size_t i = 0; i < batch.size(); ++i)
    if (batch[i] != 1) axes.push_back(i);
  batch_plan p;
  if (axes.empty()) return p;
  std::size_t first = axes.size() - 1;  // the innermost axis starts the merged group
  p.count = batch[axes[first]];
  p.sa = a[axes[first]];
  p.sb = b[axes[first]];
  p.sc = c[axes[first]];
  while (first > 0) {
    const std::size_t o = axes[first - 1];
    const std::int64_t n = p.count;
    if (a[o] != p.sa * n || b[o] != p.sb * n || c[o] != p.sc * n) break;
    p.count *= batch[o];
    --first;
  }
  for (std::size_t i = 0; i < first; ++i) {
    p.outer_shape.push_back(batch[axes[i]]);
    p.outer_a.push_back(a[axes[i]]);
    p.outer_b.push_back(b[axes[i]]);
    p.outer_c.push_back(c[axes[i]]);
  }
  return p;
}

/// Calls `f(offset_a, offset_b, offset_c)` (in elements) for every index of the outer axes.
template <class F>
void for_each_outer(const batch_plan& p, F&& f) {
  std::int64_t total = 1;
  for (const std::int64_t n : p.outer_shape) total *= n;
  std::vector<std::int64_t> idx(p.outer_shape.size(), 0);
  for (std::int64_t t = 0; t < total; ++t) {
    std::int64_t oa = 0, ob = 0, oc = 0;
    for (std::size_t i = 0; i < idx.size(); ++i) {
      oa += idx[i] * p.outer_a[i];
      ob += idx[i] * p.outer_b[i];
      oc += idx[i] * p.outer_c[i];
    }
    f(oa, ob, oc);
    for (std::size_t i = idx.size(); i-- > 0;) {
      if (++idx[i] < p.outer_shape[i]) break;
      idx[i] = 0;
    }
  }
}

std::int64_t outer_count(const batch_plan& p) {
  std::int64_t total = 1;
  for (const std::int64_t n : p.outer_shape) total *= n;
  return total;
}

// More host-side calls than this, and the operands are copied so that one call does all.
constexpr std::int64_t kMaxHostLoop = 8;

}  // namespace

shape_t matmul_shape(const shape_t& a, const shape_t& b) {
  for (int i = 0; i < 2; ++i) {
    const shape_t& s = i == 0 ? a : b;
    CUPP_EXPECTS(!s.empty(), value_error,
                 "matmul: Input operand " + std::to_string(i) +
                     " does not have enough dimensions (has 0, gufunc core with signature " +
                     kSignature + " requires 1)");
  }
  const std::int64_t k = back(a, 0);
  const std::int64_t kb = b.size() == 1 ? b[0] : back(b, 1);
  CUPP_EXPECTS(k == kb, value_error,
               "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
               "signature " + std::string(kSignature) + " (size " + std::to_string(kb) +
                   " is different from " + std::to_string(k) + ")");
  const shape_t batch_a(a.begin(), a.end() - std::min<std::ptrdiff_t>(2, a.size()));
  const shape_t batch_b(b.begin(), b.end() - std::min<std::ptrdiff_t>(2, b.size()));
  shape_t out = broadcast_shapes({batch_a, batch_b});
  if (a.size() >= 2) out.push_back(back(a, 1));
  if (b.size() >= 2) out.push_back(back(b, 0));
  return out;
}

namespace {

/// An operand as the kernels see it: a base pointer, its core (rows x cols, strides sr and sc)
/// and, right-aligned to the result's batch axes, its batch strides (0 where it broadcasts).
struct matrix_view {
  char* ptr;
  std::int64_t rows, cols, sr, sc;
  strides_t batch;
};

/// `x` as a matrix_view over the result's `batch` axes; a 1-D `x` is a row (`as_row`) or a
/// column vector. No memory is touched.
matrix_view view_of(const array_desc& x, bool as_row, const shape_t& batch) {
  matrix_view v{x.ptr, 0, 0, 0, 0, strides_t(batch.size(), 0)};
  const std::size_t n = x.shape.size();
  if (n == 1) {
    v.rows = as_row ? 1 : x.shape[0];
    v.cols = as_row ? x.shape[0] : 1;
    v.sr = as_row ? 0 : x.strides[0];
    v.sc = as_row ? x.strides[0] : 0;
    return v;
  }
  v.rows = x.shape[n - 2];
  v.cols = x.shape[n - 1];
  v.sr = x.strides[n - 2];
  v.sc = x.strides[n - 1];
  for (std::size_t i = 0; i + 2 < n; ++i) {
    const std::size_t at = batch.size() - (n - 2) + i;
    v.batch[at] = x.shape[i] == 1 ? 0 : x.strides[i];
  }
  return v;
}

/// A C-contiguous copy of `x` with its batch broadcast to `batch`. A 1-D operand is left as it
/// is: its batch strides are all 0, which never split a batch.
array_desc materialise(const array_desc& x, const shape_t& batch) {
  if (x.ndim() == 1) return x;
  shape_t full = batch;
  full.push_back(x.shape[x.shape.size() - 2]);
  full.push_back(x.shape[x.shape.size() - 1]);
  array_desc out = make_array(full, x.dt);
  copy_into(broadcast_to(x, full), out);
  return out;
}

// Products up to this many multiply-adds, in float32 or float64 and without TF32, run on the
// tiled kernel: a launch of it costs less host time than a cuBLAS call, and the GPU time is a
// few microseconds either way.
constexpr std::int64_t kSmallProduct = std::int64_t{1} << 18;

}  // namespace

array_desc matmul(const array_desc& a_in, const array_desc& b_in) {
  CUPP_ASSERT(a_in.dt == b_in.dt);
  const dtype dt = a_in.dt;
  const shape_t out_shape = matmul_shape(a_in.shape, b_in.shape);
  array_desc out = make_array(out_shape, dt);
  if (out.size() == 0) return out;
  const bool a_vec = a_in.ndim() == 1, b_vec = b_in.ndim() == 1;
  const shape_t batch(out_shape.begin(),
                      out_shape.end() - (a_vec ? 0 : 1) - (b_vec ? 0 : 1));
  matrix_view a = view_of(a_in, true, batch);
  matrix_view b = view_of(b_in, false, batch);
  const std::int64_t M = a.rows, K = a.cols, N = b.cols;
  if (K == 0) {  // an empty sum: zeros
    std::vector<char> zero(out.itemsize(), 0);
    fill(out, zero.data());
    return out;
  }
  const strides_t c_batch = [&] {
    strides_t s(batch.size());
    std::int64_t step = M * N;
    for (std::size_t i = batch.size(); i-- > 0;) {
      s[i] = step;
      step *= batch[i];
    }
    return s;
  }();
  std::int64_t total = 1;
  for (const std::int64_t n : batch) total *= n;

  const bool small_float = (dt == dtype::float32 || dt == dtype::float64) &&
                           !linalg::tf32_enabled() && total * M * N * K <= kSmallProduct;
  const bool blas = uses_blas(dt) && !small_float;
  auto blas_ok = [&](const matrix_view& x) {
    return !blas || as_blas(x.ptr, x.rows, x.cols, x.sr, x.sc).has_value();
  };
  // Operands that cuBLAS cannot read as they are, and batches that would take too many calls,
  // are copied (Note [Matmul on cuBLAS]).
  array_desc a_copy, b_copy;
  if (!blas_ok(a)) {
    a_copy = copy(a_in);
    a = view_of(a_copy, true, batch);
  }
  if (!blas_ok(b)) {
    b_copy = copy(b_in);
    b = view_of(b_copy, false, batch);
  }
  batch_plan plan = plan_batch(batch, a.batch, b.batch, c_batch);
  if (outer_count(plan) > kMaxHostLoop) {
    a_copy = materialise(a_in, batch);
    b_copy = materialise(b_in, batch);
    a = view_of(a_copy, true, batch);
    b = view_of(b_copy, false, batch);
    plan = plan_batch(batch, a.batch, b.batch, c_batch);
    CUPP_ASSERT(outer_count(plan) == 1);
  }
  const std::int64_t item = static_cast<std::int64_t>(out.itemsize());

  if (!blas) {
    const RawKernel& k = tiled_kernel(dt);
    // One block per output tile; gridDim.y and gridDim.z are at most 65535, and blockIdx.z
    // strides over a longer batch.
    const unsigned gx = cover_blocks(N, kTile);
    const unsigned gy = cover_blocks(M, kTile);
    CUPP_EXPECTS(gy <= 65535u, not_implemented_error,
                 "matmul: more than 1048560 rows in an integer product");
    const unsigned gz = std::min(cover_blocks(plan.count, 1), 65535u);
    for_each_outer(plan, [&](std::int64_t oa, std::int64_t ob, std::int64_t oc) {
      k(dim3(gx, gy, gz), dim3(kTile, kTile), std::size_t{0}, cuda::get_current_stream(),
        static_cast<const void*>(a.ptr + oa * item), static_cast<const void*>(b.ptr + ob * item),
        static_cast<void*>(out.ptr + oc * item), static_cast<long long>(plan.count),
        static_cast<long long>(M), static_cast<long long>(N), static_cast<long long>(K),
        static_cast<long long>(plan.sa), static_cast<long long>(a.sr),
        static_cast<long long>(a.sc), static_cast<long long>(plan.sb),
        static_cast<long long>(b.sr), static_cast<long long>(b.sc));
    });
    return out;
  }

  const operand oa = *as_blas(a.ptr, M, K, a.sr, a.sc);
  const operand ob = *as_blas(b.ptr, K, N, b.sr, b.sc);
  const blas_types t = types_for(dt);
  const cublasHandle_t h = linalg::detail::blas_handle();
  // C^T (N x M) = op(B^T) (N x K) * op(A^T) (K x M), Note [Matmul on cuBLAS].
  for_each_outer(plan, [&](std::int64_t off_a, std::int64_t off_b, std::int64_t off_c) {
    const void* pa = oa.ptr + off_a * item;
    const void* pb = ob.ptr + off_b * item;
    void* pc = out.ptr + off_c * item;
    if (plan.count == 1) {
      CUPP_CHECK_CUBLAS(cublasGemmEx_64(h, ob.op, oa.op, N, M, K, t.one, pb, t.data, ob.ld, pa,
                                        t.data, oa.ld, t.zero, pc, t.data, N, t.compute,
                                        CUBLAS_GEMM_DEFAULT));
    } else {
      CUPP_CHECK_CUBLAS(cublasGemmStridedBatchedEx_64(
          h, ob.op, oa.op, N, M, K, t.one, pb, t.data, ob.ld, plan.sb, pa, t.data, oa.ld, plan.sa,
          t.zero, pc, t.data, N, plan.sc, plan.count, t.compute, CUBLAS_GEMM_DEFAULT));
    }
  });
  return out;
}

}  // namespace cupp::detail

namespace cupp::linalg::detail {

std::vector<kernel_variant> matmul_kernel_variants() {
  std::vector<kernel_variant> v;
  for (const dtype dt : cupp::detail::tiled_dtypes()) v.push_back(cupp::detail::tiled_variant(dt));
  return v;
}

}  // namespace cupp::linalg::detail
