// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The device steps of searchsorted, isin, unique and the set routines: binary searches, run
// marks and unique's two passes, which compare elements in NumPy's order, and moves of elements
// by their size. Of CUB only the block primitives (the sorts and scans over whole arrays come
// from kernels/sort.cu and kernels/scan.cu), and few instantiations: the comparing kernels exist
// once per element width (Note [Set keys]), the moving ones once per size.
#include <cuda_runtime.h>
#include <cub/block/block_reduce.cuh>
#include <cub/block/block_scan.cuh>

#include <algorithm>
#include <cstdint>

#include "device_sets.hpp"
#include "device_common.cuh"
#include "cupp/core/error.hpp"

namespace cupp::detail::sets {
namespace {

using device::for_each;
using device::kThreads;

// Note [Set keys]: the searches and marks compare elements as the sorts order them (Note [Sort
// keys] in kernels/sort.cu), through an unsigned key per element whose order is NumPy's:
//   - integers and bool: the bits, with the sign bit flipped for signed integers;
//   - floats: positive numbers set the sign bit, negative ones flip every bit, -0.0 takes the key
//     of +0.0 and every NaN the largest key, so that NaNs sort last and tie with each other;
//   - complex: the tuple (NaN class, key of re, key of im), class = 2 * isnan(re) + isnan(im),
//     compared lexicographically (NumPy's order: numbers holding a NaN last).
// The key tells the three equalities the routines need apart:
//   - NumPy's == (isin, intersect1d, setdiff1d, setxor1d): equal keys and no NaN, since a NaN
//     equals nothing and -0.0 == 0.0;
//   - unique's equality with equal_nan=True: equal keys, and for complex any two numbers holding
//     a NaN (NumPy 2 collapses them all into one);
//   - unique's equality with equal_nan=False: NumPy's ==.
// So one kernel serves each element width: 1, 2, 4 and 8 bytes with the integer or float rule
// chosen at run time (float16 and bfloat16 share 2 bytes, told apart by the bits of +inf), and
// complex64 and complex128.

using device::kSign;

template <class U>
__device__ bool nan_bits(U bits, U inf) {
  return device::is_nan_bits(bits, inf);
}
template <class U>
__device__ U float_key(U bits, U inf) {
  return device::float_order(bits, inf);
}

/// Integers, bool and real floats stored in U.
template <class U>
struct real_order {
  using element = U;
  U flip;  // integers: the sign bit for signed ones, else 0
  U inf;   // floats: the bits of +inf
  bool floating;

  __device__ U key(U x) const { return floating ? float_key(x, inf) : U(x ^ flip); }
  __device__ bool is_nan(U x) const { return floating && nan_bits(x, inf); }
  __device__ bool less(U x, U y) const { return key(x) < key(y); }
  /// NumPy's ==.
  __device__ bool equal(U x, U y) const { return !is_nan(x) && key(x) == key(y); }
  /// unique's equality.
  __device__ bool same(U x, U y, bool equal_nan) const {
    return key(x) == key(y) && (equal_nan || !is_nan(x));
  }
};

using device::cpx;

template <class U>
struct complex_order {
  using element = cpx<U>;
  U inf;

  __device__ int nan_class(element x) const {
    return 2 * nan_bits(x.re, inf) + nan_bits(x.im, inf);
  }
  __device__ bool is_nan(element x) const { return nan_class(x) != 0; }
  __device__ bool equal_parts(element x, element y) const {
    return float_key(x.re, inf) == float_key(y.re, inf) &&
           float_key(x.im, inf) == float_key(y.im, inf);
  }
  __device__ bool less(element x, element y) const {
    const int cx = nan_class(x), cy = nan_class(y);
    if (cx != cy) return cx < cy;
    const U rx = float_key(x.re, inf), ry = float_key(y.re, inf);
    if (rx != ry) return rx < ry;
    return float_key(x.im, inf) < float_key(y.im, inf);
  }
  __device__ bool equal(element x, element y) const { return !is_nan(x) && equal_parts(x, y); }
  __device__ bool same(element x, element y, bool equal_nan) const {
    if (is_nan(x) || is_nan(y)) return equal_nan && is_nan(x) && is_nan(y);
    return equal_parts(x, y);
  }
};

/// The first position of the sorted s[0, n) whose element is not below x.
template <class Order, class E>
__device__ std::int64_t lower_bound(const Order& order, const E* s, std::int64_t n, const E& x) {
  std::int64_t lo = 0, hi = n;
  while (lo < hi) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    if (order.less(s[mid], x))
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/// The first position of the sorted s[0, n) whose element is above x.
template <class Order, class E>
__device__ std::int64_t upper_bound(const Order& order, const E* s, std::int64_t n, const E& x) {
  std::int64_t lo = 0, hi = n;
  while (lo < hi) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    if (order.less(x, s[mid]))
      hi = mid;
    else
      lo = mid + 1;
  }
  return lo;
}

/// Calls f with the order of dtype dt.
template <class F>
void with_order(dtype dt, F&& f) {
  using u8 = std::uint8_t;
  using u16 = std::uint16_t;
  using u32 = std::uint32_t;
  using u64 = std::uint64_t;
  switch (dt) {
    case dtype::bool_:
    case dtype::uint8:
      return f(real_order<u8>{0, 0, false});
    case dtype::int8:
      return f(real_order<u8>{0x80, 0, false});
    case dtype::uint16:
      return f(real_order<u16>{0, 0, false});
    case dtype::int16:
      return f(real_order<u16>{0x8000, 0, false});
    case dtype::uint32:
      return f(real_order<u32>{0, 0, false});
    case dtype::int32:
      return f(real_order<u32>{0x80000000u, 0, false});
    case dtype::uint64:
      return f(real_order<u64>{0, 0, false});
    case dtype::int64:
      return f(real_order<u64>{u64{1} << 63, 0, false});
    case dtype::float16:
      return f(real_order<u16>{0, 0x7c00, true});
    case dtype::bfloat16:
      return f(real_order<u16>{0, 0x7f80, true});
    case dtype::float32:
      return f(real_order<u32>{0, 0x7f800000u, true});
    case dtype::float64:
      return f(real_order<u64>{0, u64{0x7ff0000000000000}, true});
    case dtype::complex64:
      return f(complex_order<u32>{0x7f800000u});
    case dtype::complex128:
      return f(complex_order<u64>{u64{0x7ff0000000000000}});
  }
  CUPP_ASSERT(false);
}

// ---- searches ---------------------------------------------------------------------------------

template <class Order>
struct search_op {
  using E = typename Order::element;
  Order order;
  const E* hay;
  std::int64_t stride, n;
  const std::int64_t* sorter;
  std::int64_t sorter_stride;
  const std::int64_t* result_map;
  const E* needles;
  search_mode mode;
  void* out;
  int* bad_sorter;

  __device__ void operator()(std::int64_t i) const {
    const E x = needles[i];
    const bool right = mode == search_mode::right;
    std::int64_t lo = 0, hi = n;
    while (lo < hi) {
      const std::int64_t mid = lo + (hi - lo) / 2;
      std::int64_t at = mid;
      if (sorter != nullptr) {
        // As NumPy, only the entries the search reads are checked.
        at = sorter[mid * sorter_stride];
        if (at < 0 || at >= n) {
          *bad_sorter = 1;
          static_cast<std::int64_t*>(out)[i] = 0;
          return;
        }
      }
      const E y = hay[at * stride];
      if (right ? !order.less(x, y) : order.less(y, x))
        lo = mid + 1;
      else
        hi = mid;
    }
    switch (mode) {
      case search_mode::left:
      case search_mode::right:
        static_cast<std::int64_t*>(out)[i] = lo;
        return;
      case search_mode::first_index:
        static_cast<std::int64_t*>(out)[i] = result_map[lo];
        return;
      case search_mode::member:
      case search_mode::not_member: {
        const bool found = lo < n && order.equal(hay[lo * stride], x);
        static_cast<bool*>(out)[i] = found != (mode == search_mode::not_member);
        return;
      }
    }
  }
};

// ---- marks ------------------------------------------------------------------------------------

template <class Order>
struct mark_op {
  using E = typename Order::element;
  Order order;
  const E* s;
  unsigned what;
  const E* other;
  std::int64_t n_other;
  std::int64_t* flags;

  __device__ void operator()(std::int64_t i) const {
    bool keep = (what & kAndFlags) == 0 || flags[i] != 0;
    if (keep && (what & kFirstOfRun) != 0) keep = i == 0 || !order.same(s[i - 1], s[i], true);
    if (keep && (what & (kInOther | kNotInOther)) != 0) {
      const E x = s[i];
      const std::int64_t at = lower_bound(order, other, n_other, x);
      const bool found = at < n_other && order.equal(other[at], x);
      keep = found == ((what & kInOther) != 0);
    }
    flags[i] = keep ? 1 : 0;
  }
};

/// setxor1d's merge of the kept elements of two sorted arrays: an element's place in the result
/// is its rank among the kept elements of its own array plus the number of kept elements of the
/// other array that sort before it (for the second array, also those that tie with it).
template <class Order>
struct merge_op {
  using E = typename Order::element;
  Order order;
  const E* sa;
  std::int64_t na;
  const E* sb;
  std::int64_t nb;
  const std::int64_t* scan;
  E* out;

  __device__ void operator()(std::int64_t i) const {
    const std::int64_t rank = scan[i];
    if (rank == (i > 0 ? scan[i - 1] : 0)) return;
    const std::int64_t kept_a = na > 0 ? scan[na - 1] : 0;
    if (i < na) {
      const E x = sa[i];
      const std::int64_t lb = lower_bound(order, sb, nb, x);
      const std::int64_t before = lb > 0 ? scan[na + lb - 1] - kept_a : 0;
      out[rank - 1 + before] = x;
    } else {
      const E x = sb[i - na];
      const std::int64_t ub = upper_bound(order, sa, na, x);
      const std::int64_t before = ub > 0 ? scan[ub - 1] : 0;
      out[rank - 1 - kept_a + before] = x;
    }
  }
};

// ---- moves ------------------------------------------------------------------------------------

struct word128 {
  std::uint64_t lo, hi;
};

/// Calls f with an unsigned type of `itemsize` bytes.
template <class F>
void with_word(std::size_t itemsize, F&& f) {
  switch (itemsize) {
    case 1:
      return f(std::uint8_t{});
    case 2:
      return f(std::uint16_t{});
    case 4:
      return f(std::uint32_t{});
    case 8:
      return f(std::uint64_t{});
    case 16:
      return f(word128{});
    default:
      break;
  }
  CUPP_ASSERT(false);
}

template <class W>
struct compact_op {
  const W* src;
  const std::int64_t* scan;
  std::int64_t capacity;
  W* out;
  __device__ void operator()(std::int64_t i) const {
    const std::int64_t k = scan[i];
    if (k != (i > 0 ? scan[i - 1] : 0) && k <= capacity) out[k - 1] = src[i];
  }
};

template <class W>
struct gather_op {
  const W* src;
  const std::int64_t* index;
  W* out;
  __device__ void operator()(std::int64_t i) const { out[i] = src[index[i]]; }
};

template <class W>
struct fill_op {
  W* out;
  const std::int64_t* count;
  const W* fill;
  __device__ void operator()(std::int64_t k) const {
    if (k >= (count != nullptr ? *count : 0)) out[k] = *fill;
  }
};

// ---- unique ----------------------------------------------------------------------------------

// Note [unique in two passes]: unique reads its sorted input twice and writes nothing per element
// but what it returns. The first pass counts the runs of equal elements starting in each tile of
// kRunTile elements; a scan of those counts (one per tile) gives each tile the number of runs
// before it; the second pass counts again, now per thread (kRunItems consecutive elements each),
// and a scan across the block gives every run start its rank, where it writes the run's element,
// index and position. An element's run is the rank of the last run start at or before it, which
// is what inverse needs. Marking every element and scanning the marks would write and read 8
// bytes per element three times over; here the scan covers one number per 2048 elements.

constexpr int kRunThreads = 256;
constexpr int kRunItems = static_cast<int>(kRunTile) / kRunThreads;
static_assert(kRunTile % kRunThreads == 0 && kRunItems <= 32, "run flags fit one word");

template <class Order, class E>
__device__ bool run_start(const Order& order, const E* s, std::int64_t i, bool equal_nan) {
  return i == 0 || !order.same(s[i - 1], s[i], equal_nan);
}

template <class Order>
__global__ void __launch_bounds__(kRunThreads)
    count_runs_kernel(Order order, const typename Order::element* s, std::int64_t n, bool equal_nan,
                      std::int64_t* tile_counts) {
  using block_reduce = cub::BlockReduce<int, kRunThreads>;
  __shared__ typename block_reduce::TempStorage temp;
  const std::int64_t base = static_cast<std::int64_t>(blockIdx.x) * kRunTile;
  int count = 0;
  for (int k = 0; k < kRunItems; ++k) {  // striped, so that a warp reads contiguous elements
    const std::int64_t i = base + k * kRunThreads + threadIdx.x;
    if (i < n && run_start(order, s, i, equal_nan)) ++count;
  }
  const int total = block_reduce(temp).Sum(count);
  if (threadIdx.x == 0) tile_counts[blockIdx.x] = total;
}

template <class Order>
__global__ void __launch_bounds__(kRunThreads)
    write_runs_kernel(Order order, const typename Order::element* s, std::int64_t n, bool equal_nan,
                      const std::int64_t* tile_scan, std::int64_t capacity,
                      typename Order::element* values, std::int64_t* indices, std::int64_t* inverse,
                      std::int64_t* starts, const std::int64_t* perm) {
  using block_scan = cub::BlockScan<int, kRunThreads>;
  __shared__ typename block_scan::TempStorage temp;
  // Blocked: each thread takes kRunItems consecutive elements, so that ranks follow the order.
  const std::int64_t first =
      static_cast<std::int64_t>(blockIdx.x) * kRunTile + std::int64_t{threadIdx.x} * kRunItems;
  unsigned flags = 0;
  int count = 0;
  for (int k = 0; k < kRunItems; ++k) {
    const std::int64_t i = first + k;
    if (i < n && run_start(order, s, i, equal_nan)) {
      flags |= 1u << k;
      ++count;
    }
  }
  int before = 0;
  block_scan(temp).ExclusiveSum(count, before);
  // The run of the element before this thread's first: element 0 starts a run, so every element
  // gets a rank of at least 0.
  std::int64_t rank = (blockIdx.x > 0 ? tile_scan[blockIdx.x - 1] : 0) + before - 1;
  for (int k = 0; k < kRunItems; ++k) {
    const std::int64_t i = first + k;
    if (i >= n) break;
    if ((flags >> k) & 1u) {
      ++rank;
      if (rank < capacity) {
        if (values != nullptr) values[rank] = s[i];
        if (indices != nullptr) indices[rank] = perm[i];
      }
      if (starts != nullptr && rank <= capacity) starts[rank] = i;
    }
    if (inverse != nullptr) inverse[perm[i]] = rank;
  }
}

struct run_lengths_op {
  const std::int64_t* starts;
  const std::int64_t* count;
  std::int64_t n;
  std::int64_t* counts;
  __device__ void operator()(std::int64_t k) const {
    const std::int64_t runs = *count;
    if (k < runs) counts[k] = (k + 1 < runs ? starts[k + 1] : n) - starts[k];
  }
};

}  // namespace

void search(const search_args& a, cudaStream_t stream) {
  CUPP_ASSERT(a.sorter == nullptr || a.mode == search_mode::left || a.mode == search_mode::right);
  with_order(a.dt, [&](auto order) {
    using O = decltype(order);
    using E = typename O::element;
    for_each(a.count,
             search_op<O>{order, static_cast<const E*>(a.haystack), a.stride, a.n, a.sorter,
                          a.sorter_stride, a.result_map, static_cast<const E*>(a.needles), a.mode,
                          a.out, a.bad_sorter},
             stream);
  });
}

void mark(dtype dt, const void* s, std::int64_t n, unsigned what, const void* other,
          std::int64_t n_other, std::int64_t* flags, cudaStream_t stream) {
  with_order(dt, [&](auto order) {
    using O = decltype(order);
    using E = typename O::element;
    for_each(n,
             mark_op<O>{order, static_cast<const E*>(s), what, static_cast<const E*>(other),
                        n_other, flags},
             stream);
  });
}

void compact(std::size_t itemsize, const void* src, const std::int64_t* scan, std::int64_t n,
             std::int64_t capacity, void* out, cudaStream_t stream) {
  with_word(itemsize, [&](auto w) {
    using W = decltype(w);
    for_each(n, compact_op<W>{static_cast<const W*>(src), scan, capacity, static_cast<W*>(out)},
             stream);
  });
}

void gather(std::size_t itemsize, const void* src, const std::int64_t* index, std::int64_t n,
            void* out, cudaStream_t stream) {
  with_word(itemsize, [&](auto w) {
    using W = decltype(w);
    for_each(n, gather_op<W>{static_cast<const W*>(src), index, static_cast<W*>(out)}, stream);
  });
}

void fill_tail(std::size_t itemsize, void* out, std::int64_t capacity, const std::int64_t* count,
               const void* fill, cudaStream_t stream) {
  with_word(itemsize, [&](auto w) {
    using W = decltype(w);
    for_each(capacity, fill_op<W>{static_cast<W*>(out), count, static_cast<const W*>(fill)},
             stream);
  });
}

void count_runs(dtype dt, const void* s, std::int64_t n, bool equal_nan, std::int64_t* tile_counts,
                cudaStream_t stream) {
  CUPP_ASSERT(n > 0);
  const auto tiles = static_cast<unsigned>((n + kRunTile - 1) / kRunTile);
  with_order(dt, [&](auto order) {
    using O = decltype(order);
    count_runs_kernel<O><<<tiles, kRunThreads, 0, stream>>>(
        order, static_cast<const typename O::element*>(s), n, equal_nan, tile_counts);
    CUPP_CHECK_CUDA(cudaGetLastError());
  });
}

void write_runs(dtype dt, const void* s, std::int64_t n, bool equal_nan,
                const std::int64_t* tile_scan, std::int64_t capacity, const run_outputs& out,
                cudaStream_t stream) {
  CUPP_ASSERT(n > 0);
  const auto tiles = static_cast<unsigned>((n + kRunTile - 1) / kRunTile);
  with_order(dt, [&](auto order) {
    using O = decltype(order);
    using E = typename O::element;
    write_runs_kernel<O><<<tiles, kRunThreads, 0, stream>>>(
        order, static_cast<const E*>(s), n, equal_nan, tile_scan, capacity,
        static_cast<E*>(out.values), out.indices, out.inverse, out.starts, out.perm);
    CUPP_CHECK_CUDA(cudaGetLastError());
  });
}

void run_lengths(const std::int64_t* starts, const std::int64_t* count, std::int64_t n,
                 std::int64_t capacity, std::int64_t* counts, cudaStream_t stream) {
  for_each(capacity, run_lengths_op{starts, count, n, counts}, stream);
}

void merge_kept(dtype dt, const void* sa, std::int64_t na, const void* sb, std::int64_t nb,
                const std::int64_t* scan, void* out, cudaStream_t stream) {
  with_order(dt, [&](auto order) {
    using O = decltype(order);
    using E = typename O::element;
    for_each(na + nb,
             merge_op<O>{order, static_cast<const E*>(sa), na, static_cast<const E*>(sb), nb, scan,
                         static_cast<E*>(out)},
             stream);
  });
}

}  // namespace cupp::detail::sets
