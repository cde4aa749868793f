// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// sort and argsort of contiguous rows on CUB's radix sorts. Every dtype is sorted as unsigned
// integer keys of 1, 2, 4 or 8 bytes (Note [Sort keys]), so CUB is instantiated for four key
// types, with uint32 or uint64 values (Note [Sort instantiations]).
#include <cub/device/device_radix_sort.cuh>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <type_traits>

#include "device_sort.hpp"
#include "device_common.cuh"
#include "cupp/core/error.hpp"
#include "cupp/cuda/memory.hpp"

namespace cupp::detail::sorting {
namespace {

using device::cpx;
using device::float_order;
using device::for_each;
using device::is_nan_bits;
using device::kThreads;

// Note [Sort keys]: a radix sort orders unsigned integers, so each element becomes one whose
// order is NumPy's order of the elements:
//   - unsigned integers and bool are their own keys; signed integers flip the sign bit, so that
//     negative numbers come first. Both maps are their own inverse, so `sort` of integers sorts
//     the keys alone and maps them back.
//   - floats: a positive number sets the sign bit, a negative one flips every bit, so that the
//     keys of -inf < ... < -0 < +0 < ... < +inf increase. -0.0 takes the key of +0.0 and every NaN
//     the largest key, so that they tie (NumPy: -0.0 == 0.0, NaNs last, and a stable sort keeps
//     tied elements in their order). Ties lose bits (the sign of a zero, a NaN's payload), so
//     `sort` of floats carries the element's own bits as the value sorted along with the key.
//   - complex: NumPy orders (re, im) lexicographically, with elements holding a NaN after all
//     others: first those with only the imaginary part NaN (by real part), then those with only
//     the real part NaN (by imaginary part), then those with both. That is the order of the
//     tuple (class, re, im), with class = 2 * isnan(re) + isnan(im) and the NaN parts tying. A
//     stable radix sort by im, then by re, then by class (least significant first) gives it, each
//     pass sorting the permutation left by the one before; complex64 sorts re and class in one
//     pass, as a 34-bit key.
// Every sort is stable: CUB's radix sorts and DeviceSegmentedSort::StableSort* are.

// ---- keys --------------------------------------------------------------------------------------

template <class U>
struct int_key {
  U flip;  // the sign bit for signed integers, 0 for unsigned ones
  __device__ U operator()(U x) const { return x ^ flip; }
};

template <class U>
struct float_key {
  U inf;  // the bits of +inf: NaNs are above it
  __device__ U operator()(U x) const { return float_order(x, inf); }
};

template <class U>
struct imag_key {
  U inf;
  __device__ U operator()(cpx<U> x) const { return float_order(x.im, inf); }
};
template <class U>
struct real_key {
  U inf;
  __device__ U operator()(cpx<U> x) const { return float_order(x.re, inf); }
};
template <class U>
struct class_key {
  U inf;
  __device__ std::uint8_t operator()(cpx<U> x) const {
    return static_cast<std::uint8_t>(2 * is_nan_bits(x.re, inf) + is_nan_bits(x.im, inf));
  }
};
/// complex64's class and real part in one key: bits 32-33 the class, bits 0-31 the real part.
struct class_real_key32 {
  __device__ std::uint64_t operator()(cpx<std::uint32_t> x) const {
    constexpr std::uint32_t inf = 0x7f800000u;
    return std::uint64_t{class_key<std::uint32_t>{inf}(x)} << 32 | float_order(x.re, inf);
  }
};

// ---- the elementwise steps around the sorts -------------------------------------------------

template <class E, class K, class Key>
struct make_keys {
  const E* in;
  K* keys;
  Key key;
  __device__ void operator()(std::int64_t i) const { keys[i] = key(in[i]); }
};

/// Keys, and each element's position in its row as its value.
template <class E, class K, class V, class Key>
struct make_keys_and_positions {
  const E* in;
  K* keys;
  V* values;
  std::int64_t length;
  Key key;
  __device__ void operator()(std::int64_t i) const {
    keys[i] = key(in[i]);
    values[i] = static_cast<V>(i % length);
  }
};

/// Keys, and the element's bits (widened to V) as its value.
template <class U, class V, class Key>
struct make_keys_and_bits {
  const U* in;
  U* keys;
  V* values;
  Key key;
  __device__ void operator()(std::int64_t i) const {
    keys[i] = key(in[i]);
    values[i] = static_cast<V>(in[i]);
  }
};

/// The keys of the next pass, in the order the previous passes left: row j's element at
/// position perm[j] of its row.
template <class E, class K, class V, class Key>
struct gather_keys {
  const E* in;
  const V* perm;
  K* keys;
  std::int64_t length;
  Key key;
  __device__ void operator()(std::int64_t j) const {
    keys[j] = key(in[j / length * length + static_cast<std::int64_t>(perm[j])]);
  }
};

template <class E, class V>
struct gather_elements {
  const E* in;
  const V* perm;
  E* out;
  std::int64_t length;
  __device__ void operator()(std::int64_t j) const {
    out[j] = in[j / length * length + static_cast<std::int64_t>(perm[j])];
  }
};

template <class From, class To>
struct convert {
  const From* in;
  To* out;
  __device__ void operator()(std::int64_t i) const { out[i] = static_cast<To>(in[i]); }
};

template <class U>
struct unflip {
  const U* keys;
  U* out;
  U flip;
  __device__ void operator()(std::int64_t i) const { out[i] = keys[i] ^ flip; }
};

// ---- the sorts ---------------------------------------------------------------------------------

// Note [Sort paths]: one row (sort of a 1-D array, or axis=None) is cub::DeviceRadixSort, CUB's
// fastest sort for a long sequence (onesweep: one pass over memory per 8-bit digit). Many short
// rows are cub::DeviceSegmentedSort, which sorts a small segment within a warp or a block, in one
// read and one write; but it gives each long segment a single block, which leaves most of the GPU
// idle when there are few of them. So a few long rows (each long enough to fill the GPU alone)
// are sorted one after another with DeviceRadixSort.
constexpr std::int64_t kLongRow = std::int64_t{1} << 17;
constexpr std::int64_t kMaxRowLoop = 64;

bool sort_rows_one_by_one(std::int64_t rows, std::int64_t length) {
  return rows == 1 || (length >= kLongRow && rows <= kMaxRowLoop);
}

// Note [Sort instantiations]: kernels/segmented_sort.cu instantiates DeviceSegmentedSort for
// the keys with uint32 values (positions in a row shorter than kLongRow, the bits of 1- to 4-byte
// floats) and for uint64 keys with uint64 values (the bits of float64). Other pairs cannot reach
// it: their values are positions in rows too long for uint32, which take the loop of radix sorts.
template <class K, class V>
constexpr bool kSegmented = std::is_same_v<V, std::uint32_t> || std::is_same_v<K, std::uint64_t>;

/// Sorts each row of keys[selector] (carrying values[selector] along unless values[0] is null);
/// on return `selector` names the buffers that hold the result. Keys are compared on bits
/// [0, end_bit).
template <class K, class V>
void sort_pairs(K* keys[2], V* values[2], int& selector, std::int64_t rows, std::int64_t length,
                int end_bit, cudaStream_t stream) {
  if (!sort_rows_one_by_one(rows, length)) {
    if constexpr (kSegmented<K, V>) {
      segmented_sort<K, V>(keys, values, selector, rows, length, stream);
      return;
    }
  }
  const bool pairs = values[0] != nullptr;
  std::shared_ptr<void> temp;
  std::size_t temp_bytes = 0;
  int result = selector;
  for (std::int64_t r = 0; r < rows; ++r) {
    const std::int64_t first = r * length;
    cub::DoubleBuffer<K> k(keys[selector] + first, keys[selector ^ 1] + first);
    cub::DoubleBuffer<V> v(pairs ? values[selector] + first : nullptr,
                           pairs ? values[selector ^ 1] + first : nullptr);
    auto run = [&](void* t, std::size_t& bytes) {
      if (pairs)
        return cub::DeviceRadixSort::SortPairs(t, bytes, k, v, length, 0, end_bit, stream);
      return cub::DeviceRadixSort::SortKeys(t, bytes, k, length, 0, end_bit, stream);
    };
    if (r == 0) {  // every row has the same length: one query, one scratch buffer
      CUPP_CHECK_CUDA(run(nullptr, temp_bytes));
      temp = cuda::allocate(temp_bytes);
    }
    CUPP_CHECK_CUDA(run(temp.get(), temp_bytes));
    const int landed = k.Current() == keys[selector] + first ? selector : selector ^ 1;
    if (r == 0) {
      result = landed;
    } else if (landed != result) {  // CUB chose the other buffer for this row: move it over
      CUPP_CHECK_CUDA(cudaMemcpyAsync(keys[result] + first, keys[landed] + first,
                                      static_cast<std::size_t>(length) * sizeof(K),
                                      cudaMemcpyDeviceToDevice, stream));
      if (pairs)
        CUPP_CHECK_CUDA(cudaMemcpyAsync(values[result] + first, values[landed] + first,
                                        static_cast<std::size_t>(length) * sizeof(V),
                                        cudaMemcpyDeviceToDevice, stream));
    }
  }
  selector = result;
}

template <class T>
T* buffer(const std::shared_ptr<void>& mem, std::int64_t offset_elements = 0) {
  return static_cast<T*>(mem.get()) + offset_elements;
}

/// `sort` of integers and bool: the keys alone, mapped back (Note [Sort keys]).
template <class U>
void sort_integers(const U* in, U* out, std::int64_t rows, std::int64_t length, U flip,
                   cudaStream_t stream) {
  const std::int64_t n = rows * length;
  const auto mem = cuda::allocate(2 * static_cast<std::size_t>(n) * sizeof(U));
  U* keys[2] = {buffer<U>(mem), buffer<U>(mem, n)};
  std::uint32_t* no_values[2] = {nullptr, nullptr};
  int selector = 0;
  for_each(n, make_keys<U, U, int_key<U>>{in, keys[0], {flip}}, stream);
  sort_pairs(keys, no_values, selector, rows, length, sizeof(U) * 8, stream);
  for_each(n, unflip<U>{keys[selector], out, flip}, stream);
}

/// `sort` of floats in the segmented sort, and of float16 and bfloat16: the keys carry the
/// elements' bits (Note [Sort keys]).
template <class U>
void sort_float_pairs(const U* in, U* out, std::int64_t rows, std::int64_t length, U inf,
                      cudaStream_t stream) {
  using V = std::conditional_t<sizeof(U) == 8, std::uint64_t, std::uint32_t>;
  const std::int64_t n = rows * length;
  const auto key_mem = cuda::allocate(2 * static_cast<std::size_t>(n) * sizeof(U));
  const auto value_mem = cuda::allocate(2 * static_cast<std::size_t>(n) * sizeof(V));
  U* keys[2] = {buffer<U>(key_mem), buffer<U>(key_mem, n)};
  V* values[2] = {buffer<V>(value_mem), buffer<V>(value_mem, n)};
  int selector = 0;
  for_each(n, make_keys_and_bits<U, V, float_key<U>>{in, keys[0], values[0], {inf}}, stream);
  sort_pairs(keys, values, selector, rows, length, sizeof(U) * 8, stream);
  for_each(n, convert<V, U>{values[selector], out}, stream);
}

// Note [Float sort]: `sort` of long float32 and float64 rows sorts the elements themselves as
// CUB's floating-point keys, in one read and one write per digit pass, with no key or value
// arrays. CUB ties -0.0 with +0.0 (both keep their bits and their order) and orders the rest by
// value, NaNs by bit pattern: those with the sign bit clear after +inf, those with it set
// before -inf. One thread finds that leading run of negative NaNs by bisection (it is a prefix of
// the sorted row) and, when there is one, two copies rotate it to the end. So NaNs come last,
// as in NumPy; which NaN lands where among them is left unspecified (NumPy's NaNs all compare
// unordered, and only their bits could tell).

template <class U>
__device__ bool is_negative_nan(U bits, U inf) {
  constexpr U sign = U(1) << (sizeof(U) * 8 - 1);
  return (bits & sign) != 0 && U(bits & U(~sign)) > inf;
}

template <class U>
__global__ void count_negative_nans(const U* row, std::int64_t length, U inf, std::int64_t* count) {
  std::int64_t lo = 0, hi = length;  // the first element that is not a negative NaN
  while (lo < hi) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    if (is_negative_nan(row[mid], inf))
      lo = mid + 1;
    else
      hi = mid;
  }
  *count = lo;
}

/// When c = *count is not zero: to[i] = from[(i + c) % length] where `rotate`, else a copy.
template <class U>
__global__ void copy_if_counted(const U* from, U* to, std::int64_t length,
                                const std::int64_t* count, bool rotate) {
  const std::int64_t c = *count;
  if (c == 0) return;
  const std::int64_t shift = rotate ? c : 0;
  for (long long i : cupp::grid_stride(length)) {
    const std::int64_t j = i + shift;
    to[i] = from[j < length ? j : j - length];
  }
}

/// Sorts each row of `in` into `out` as CUB's float keys (Note [Float sort]).
template <class F, class U>
void sort_float_keys(const U* in, U* out, std::int64_t rows, std::int64_t length, U inf,
                     cudaStream_t stream) {
  const auto* keys_in = reinterpret_cast<const F*>(in);
  auto* keys_out = reinterpret_cast<F*>(out);
  std::size_t temp_bytes = 0;
  CUPP_CHECK_CUDA(cub::DeviceRadixSort::SortKeys(nullptr, temp_bytes, keys_in, keys_out, length,
                                                 0, int(sizeof(F) * 8), stream));
  // The scratch holds the row's second buffer, free again once the row is sorted: the rotation
  // goes through it. Then the count of negative NaNs.
  temp_bytes = std::max(temp_bytes, static_cast<std::size_t>(length) * sizeof(U));
  temp_bytes = (temp_bytes + 15) / 16 * 16;
  const auto temp = cuda::allocate(temp_bytes + sizeof(std::int64_t));
  auto* count = reinterpret_cast<std::int64_t*>(static_cast<char*>(temp.get()) + temp_bytes);
  auto* spare = static_cast<U*>(temp.get());
  const unsigned blocks = static_cast<unsigned>(
      std::max<std::int64_t>(1, std::min<std::int64_t>((length + kThreads - 1) / kThreads, 1024)));
  for (std::int64_t r = 0; r < rows; ++r) {
    const std::int64_t first = r * length;
    std::size_t bytes = temp_bytes;
    CUPP_CHECK_CUDA(cub::DeviceRadixSort::SortKeys(temp.get(), bytes, keys_in + first,
                                                   keys_out + first, length, 0,
                                                   int(sizeof(F) * 8), stream));
    count_negative_nans<<<1, 1, 0, stream>>>(out + first, length, inf, count);
    copy_if_counted<<<blocks, kThreads, 0, stream>>>(out + first, spare, length, count, true);
    copy_if_counted<<<blocks, kThreads, 0, stream>>>(spare, out + first, length, count, false);
    CUPP_CHECK_CUDA(cudaGetLastError());
  }
}

/// `sort` of floats: CUB's float keys for rows sorted one by one, else keys carrying the bits.
template <class U>
void sort_floats(const U* in, U* out, std::int64_t rows, std::int64_t length, U inf,
                 cudaStream_t stream) {
  if (sort_rows_one_by_one(rows, length)) {
    if constexpr (sizeof(U) == 4) {  // float32
      return sort_float_keys<float>(in, out, rows, length, inf, stream);
    } else if constexpr (sizeof(U) == 8) {  // float64
      return sort_float_keys<double>(in, out, rows, length, inf, stream);
    }
  }
  sort_float_pairs(in, out, rows, length, inf, stream);
}

/// argsort (and `sort` of complex): a permutation of each row, refined by one stable radix sort
/// per key, least significant key first.
template <class V>
class permutation {
 public:
  permutation(std::int64_t rows, std::int64_t length, std::size_t key_bytes, cudaStream_t stream)
      : rows_(rows), length_(length), n_(rows * length), stream_(stream),
        key_mem_(cuda::allocate(2 * static_cast<std::size_t>(n_) * key_bytes)),
        value_mem_(cuda::allocate(2 * static_cast<std::size_t>(n_) * sizeof(V))),
        key_bytes_(key_bytes) {
    values_[0] = buffer<V>(value_mem_);
    values_[1] = buffer<V>(value_mem_, n_);
  }

  /// Sorts the permutation stably by key(element), compared on bits [0, end_bit).
  template <class K, class E, class Key>
  void by(const E* in, Key key, int end_bit = sizeof(K) * 8) {
    CUPP_ASSERT(sizeof(K) <= key_bytes_);
    K* keys[2] = {buffer<K>(key_mem_), buffer<K>(key_mem_, n_)};
    if (first_)
      for_each(n_, make_keys_and_positions<E, K, V, Key>{in, keys[selector_], values_[selector_],
                                                          length_, key},
               stream_);
    else
      for_each(n_, gather_keys<E, K, V, Key>{in, values_[selector_], keys[selector_], length_, key},
               stream_);
    first_ = false;
    sort_pairs(keys, values_, selector_, rows_, length_, end_bit, stream_);
  }

  void write_positions(std::int64_t* out) const {
    for_each(n_, convert<V, std::int64_t>{values_[selector_], out}, stream_);
  }
  template <class E>
  void write_elements(const E* in, E* out) const {
    for_each(n_, gather_elements<E, V>{in, values_[selector_], out, length_}, stream_);
  }

 private:
  std::int64_t rows_, length_, n_;
  cudaStream_t stream_;
  std::shared_ptr<void> key_mem_, value_mem_;
  std::size_t key_bytes_;
  V* values_[2] = {nullptr, nullptr};
  int selector_ = 0;
  bool first_ = true;
};

/// argsort of a dtype with one key per element.
template <class U, class Key>
void argsort_one_key(const void* in, void* out, std::int64_t rows, std::int64_t length, Key key,
                     cudaStream_t stream) {
  const auto* elements = static_cast<const U*>(in);
  auto run = [&](auto index) {
    permutation<decltype(index)> p(rows, length, sizeof(U), stream);
    p.template by<U>(elements, key);
    p.write_positions(static_cast<std::int64_t*>(out));
  };
  // Positions fit uint32 in any row shorter than 2^32, halving the values CUB moves.
  if (length <= std::int64_t{0xffffffff})
    run(std::uint32_t{});
  else
    run(std::uint64_t{});
}

template <class U>
void sort_integer_dtype(const void* in, void* out, std::int64_t rows, std::int64_t length,
                        bool indices, U flip, cudaStream_t stream) {
  if (indices)
    argsort_one_key<U>(in, out, rows, length, int_key<U>{flip}, stream);
  else
    sort_integers(static_cast<const U*>(in), static_cast<U*>(out), rows, length, flip, stream);
}

template <class U>
void sort_float_dtype(const void* in, void* out, std::int64_t rows, std::int64_t length,
                      bool indices, U inf, cudaStream_t stream) {
  if (indices)
    argsort_one_key<U>(in, out, rows, length, float_key<U>{inf}, stream);
  else
    sort_floats(static_cast<const U*>(in), static_cast<U*>(out), rows, length, inf, stream);
}

template <class U>
void sort_complex_dtype(const void* in, void* out, std::int64_t rows, std::int64_t length,
                        bool indices, U inf, cudaStream_t stream) {
  const auto* elements = static_cast<const cpx<U>*>(in);
  auto run = [&](auto index) {
    permutation<decltype(index)> p(rows, length, 8, stream);
    p.template by<U>(elements, imag_key<U>{inf});
    if constexpr (sizeof(U) == 4) {
      p.template by<std::uint64_t>(elements, class_real_key32{}, 34);
    } else {
      p.template by<U>(elements, real_key<U>{inf});
      p.template by<std::uint8_t>(elements, class_key<U>{inf}, 2);
    }
    if (indices)
      p.write_positions(static_cast<std::int64_t*>(out));
    else
      p.write_elements(elements, static_cast<cpx<U>*>(out));
  };
  if (length <= std::int64_t{0xffffffff})
    run(std::uint32_t{});
  else
    run(std::uint64_t{});
}

}  // namespace

void sort_rows(dtype dt, const void* in, void* out, std::int64_t rows, std::int64_t length,
               bool indices, cudaStream_t stream) {
  CUPP_ASSERT(rows > 0 && length > 0);
  using u8 = std::uint8_t;
  using u16 = std::uint16_t;
  using u32 = std::uint32_t;
  using u64 = std::uint64_t;
  switch (dt) {
    case dtype::bool_:
    case dtype::uint8: return sort_integer_dtype<u8>(in, out, rows, length, indices, 0, stream);
    case dtype::int8: return sort_integer_dtype<u8>(in, out, rows, length, indices, 0x80, stream);
    case dtype::uint16: return sort_integer_dtype<u16>(in, out, rows, length, indices, 0, stream);
    case dtype::int16:
      return sort_integer_dtype<u16>(in, out, rows, length, indices, 0x8000, stream);
    case dtype::uint32: return sort_integer_dtype<u32>(in, out, rows, length, indices, 0, stream);
    case dtype::int32:
      return sort_integer_dtype<u32>(in, out, rows, length, indices, 0x80000000u, stream);
    case dtype::uint64: return sort_integer_dtype<u64>(in, out, rows, length, indices, 0, stream);
    case dtype::int64:
      return sort_integer_dtype<u64>(in, out, rows, length, indices, u64{1} << 63, stream);
    case dtype::float16:
      return sort_float_dtype<u16>(in, out, rows, length, indices, 0x7c00, stream);
    case dtype::bfloat16:
      return sort_float_dtype<u16>(in, out, rows, length, indices, 0x7f80, stream);
    case dtype::float32:
      return sort_float_dtype<u32>(in, out, rows, length, indices, 0x7f800000u, stream);
    case dtype::float64:
      return sort_float_dtype<u64>(in, out, rows, length, indices, u64{0x7ff0000000000000},
                                   stream);
    case dtype::complex64:
      return sort_complex_dtype<u32>(in, out, rows, length, indices, 0x7f800000u, stream);
    case dtype::complex128:
      return sort_complex_dtype<u64>(in, out, rows, length, indices, u64{0x7ff0000000000000},
                                     stream);
  }
  CUPP_ASSERT(false);
}

}  // namespace cupp::detail::sorting
