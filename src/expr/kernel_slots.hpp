// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// What the elementwise and reduction engines share about their generated kernels: a slot that
// holds a variant's kernel once it is built, the binding of repeated leaves, and the test for
// 32-bit index arithmetic.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <limits>
#include <mutex>
#include <vector>

#include "cupp/expr/engine.hpp"
#include "cupp/jit/raw_kernel.hpp"

namespace cupp::expr::detail {

/// The kernel in `slot`, built by `make()` (which returns a new RawKernel) under `mutex` the first
/// time. Later calls cost one atomic load: no lock, no string built or hashed.
template <class Make>
RawKernel& kernel_in_slot(std::atomic<RawKernel*>& slot, std::mutex& mutex, Make make) {
  if (RawKernel* k = slot.load(std::memory_order_acquire)) return *k;
  std::lock_guard<std::mutex> lock(mutex);
  if (RawKernel* k = slot.load(std::memory_order_relaxed)) return *k;
  RawKernel* k = make();
  slot.store(k, std::memory_order_release);
  return *k;
}

/// Whether index arithmetic up to `v` fits 32-bit signed integers.
inline bool fits_int32(std::int64_t v) { return v <= std::numeric_limits<std::int32_t>::max(); }

// Note [Leaf binding]: an expression names its leaves by use, so `x * x` or an `auto`
// intermediate used twice has the same array (or scalar) in several leaves. At launch the leaves
// are compared: arrays by pointer, dtype, shape and strides (a view of the same memory with
// another offset or strides is another leaf), scalars by dtype and bytes. A leaf equal to an
// earlier one is bound to it: the kernel takes and loads the first once, and the later one reads
// its loaded value (`const T v7 = v2;`). The values are those of the unbound kernel; the reads
// and the parameters are fewer. A family keeps its kernels for unbound launches in fixed slots
// (the common case: one O(n^2) pointer comparison over a few dozen leaves, no string built or
// hashed) and those of other binding patterns in a short list searched linearly without a lock,
// extended under the family's mutex on a miss.

/// Whether two array leaves are the same array: one leaf after binding.
inline bool same_leaf(const cupp::detail::array_desc& a, const cupp::detail::array_desc& b) {
  return a.ptr == b.ptr && a.dt == b.dt && a.shape == b.shape && a.strides == b.strides;
}

/// The binding of `ops` (Note [Leaf binding]): pattern[i] for array leaf i and
/// pattern[n_arrays + j] for scalar leaf j is the index (among the leaves of its kind) of the
/// first leaf equal to it. Returns false and leaves `pattern` alone when all leaves differ.
inline bool bind_leaves(const operands& ops, const std::vector<dtype>& scalar_dtypes,
                        std::vector<int>& pattern) {
  const int na = ops.n_arrays(), ns = ops.n_scalars();
  auto same_array = [&](int i, int j) { return same_leaf(ops.array(i), ops.array(j)); };
  auto same_scalar = [&](int i, int j) {
    const dtype d = scalar_dtypes[static_cast<std::size_t>(i)];
    return d == scalar_dtypes[static_cast<std::size_t>(j)] &&
           std::memcmp(ops.scalar(i), ops.scalar(j), dtype_itemsize(d)) == 0;
  };
  // The first repeat of each kind, found without allocating.
  auto first_repeat = [](int n, auto same) {
    for (int i = 1; i < n; ++i)
      for (int j = 0; j < i; ++j)
        if (same(i, j)) return i;
    return n;
  };
  const int ra = first_repeat(na, same_array), rs = first_repeat(ns, same_scalar);
  if (ra == na && rs == ns) return false;
  pattern.resize(static_cast<std::size_t>(na + ns));
  std::vector<int> distinct;
  auto fill = [&](int n, int repeat, int offset, auto same) {
    distinct.clear();
    for (int i = 0; i < n; ++i) {
      int first = i;
      if (i >= repeat)
        for (int j : distinct)
          if (same(i, j)) {
            first = j;
            break;
          }
      if (first == i) distinct.push_back(i);
      pattern[static_cast<std::size_t>(offset + i)] = first;
    }
  };
  fill(na, ra, 0, same_array);
  fill(ns, rs, na, same_scalar);
  return true;
}

/// 0, 1, 2, ...: the distinct leaves of a launch where every leaf is distinct.
inline const int* iota_leaves() {
  static const auto table = [] {
    constexpr int kSize = std::max(operands::kMaxArrays, operands::kMaxScalars);
    std::array<int, kSize> t{};
    for (std::size_t i = 0; i < t.size(); ++i) t[i] = static_cast<int>(i);
    return t;
  }();
  return table.data();
}

/// The kernels of a family's binding patterns other than "all leaves distinct": a list that only
/// grows, searched without a lock (Note [Leaf binding]).
template <class Slots>
class bound_variants {
 public:
  struct entry {
    std::vector<int> pattern;
    std::vector<int> arrays, scalars;  // the distinct leaves, in order
    Slots slots{};
    entry* next = nullptr;
  };

  bound_variants() = default;
  bound_variants(const bound_variants&) = delete;
  bound_variants& operator=(const bound_variants&) = delete;
  ~bound_variants() {
    for (entry* e = head_.load(); e != nullptr;) {
      entry* next = e->next;
      delete e;
      e = next;
    }
  }

  /// The entry of `pattern` (of a family with n_arrays array leaves), added under `mutex` the
  /// first time.
  entry& find(const std::vector<int>& pattern, int n_arrays, std::mutex& mutex) {
    for (entry* e = head_.load(std::memory_order_acquire); e != nullptr; e = e->next)
      if (e->pattern == pattern) return *e;
    std::lock_guard<std::mutex> lock(mutex);
    for (entry* e = head_.load(std::memory_order_acquire); e != nullptr; e = e->next)
      if (e->pattern == pattern) return *e;
    auto* e = new entry;
    e->pattern = pattern;
    for (int i = 0; i < static_cast<int>(pattern.size()); ++i)
      if (pattern[static_cast<std::size_t>(i)] == (i < n_arrays ? i : i - n_arrays))
        (i < n_arrays ? e->arrays : e->scalars).push_back(i < n_arrays ? i : i - n_arrays);
    e->next = head_.load(std::memory_order_relaxed);
    head_.store(e, std::memory_order_release);
    return *e;
  }

  /// The leaves a launch reads from memory and the scalars it passes (Note [Leaf binding]).
  struct binding {
    entry* bound;        // the entry of the launch's binding pattern; null if all are distinct
    const int* arrays;   // the distinct array leaves, in order
    const int* scalars;  // the distinct scalar leaves, in order
    int n_arrays, n_scalars;
  };

  /// The binding of `ops`: every leaf when all differ, else the distinct ones of its pattern's
  /// entry (found or added by find()).
  binding bind(const operands& ops, const std::vector<dtype>& scalar_dtypes, std::mutex& mutex) {
    std::vector<int> pattern;
    if (!bind_leaves(ops, scalar_dtypes, pattern))
      return {nullptr, iota_leaves(), iota_leaves(), ops.n_arrays(), ops.n_scalars()};
    entry& e = find(pattern, ops.n_arrays(), mutex);
    return {&e, e.arrays.data(), e.scalars.data(), static_cast<int>(e.arrays.size()),
            static_cast<int>(e.scalars.size())};
  }

  template <class F>
  void for_each(F f) {
    for (entry* e = head_.load(); e != nullptr; e = e->next) f(e->slots);
  }

 private:
  std::atomic<entry*> head_{nullptr};
};

}  // namespace cupp::expr::detail
