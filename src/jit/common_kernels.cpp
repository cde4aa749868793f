// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include <utility>
#include <vector>

#include "../core/copy_family.hpp"
#include "cupp/array.hpp"
#include "cupp/jit/bundle.hpp"

namespace cupp::jit {

// Note [Common kernels]: the kernels nearly every program compiles, whatever it computes: fills
// (full, ones, fill), copies between layouts (ascontiguousarray, a transposed copy), casts
// between the common dtypes (astype), and sum, mean, max and min of whole arrays and along one
// axis, for bool, int32, int64, float32 and float64. Each is taken from the family that launches
// it, so its source (and so its cache key) is the launch's own. Only the layouts most programs
// meet are listed: the contiguous variant (and the strided and tiled ones for same-dtype
// copies), 32-bit indexing, and a reduction's whole-array and one-axis shapes; a program that
// needs another variant compiles it as usual. `cupp-bundle --common` and
// cupp_add_kernel_bundle(... COMMON_KERNELS) build these into a bundle.

namespace {

using expr::detail::reduce_mode;

constexpr dtype kCommon[] = {dtype::bool_, dtype::int32, dtype::int64, dtype::float32,
                             dtype::float64};

void add(std::vector<kernel_record>& out, std::string source) {
  out.push_back({std::move(source), {}, {}});
}

template <class T>
void add_astype(std::vector<kernel_record>& out) {
  using E = decltype(expr::make_node<expr::op_copy>(std::declval<const ndarray<T>&>()));
  for (dtype to : kCommon)
    if (to != dtype_of<T>) add(out, expr::family_of<E>().source(to, 0, false));
}

template <class Op, dtype Acc, dtype Out, class T>
void add_reduction(std::vector<kernel_record>& out) {
  auto& family = expr::reduce_family_of<ndarray<T>, Op, Acc>();
  // The whole array (no kept dimension), and one axis of a matrix (one kept dimension).
  for (reduce_mode m : {reduce_mode::inner_vector, reduce_mode::inner})
    add(out, family.source(Out, 0, 1, m, false));
  for (reduce_mode m : {reduce_mode::inner_vector, reduce_mode::inner, reduce_mode::outer})
    add(out, family.source(Out, 1, 1, m, false));
}

template <class T>
void add_reductions(std::vector<kernel_record>& out) {
  constexpr dtype in = dtype_of<T>;
  constexpr dtype sum_out = expr::sum_dtype(in);
  constexpr dtype mean_out = expr::mean_dtype(in);
  add_reduction<expr::red_sum, expr::compute_dtype(sum_out), sum_out, T>(out);
  add_reduction<expr::red_mean, expr::compute_dtype(mean_out), mean_out, T>(out);
  if constexpr (!std::is_same_v<T, bool>) {
    add_reduction<expr::red_max, expr::compute_dtype(in), in, T>(out);
    add_reduction<expr::red_min, expr::compute_dtype(in), in, T>(out);
  }
}

template <class T>
void add_dtype(std::vector<kernel_record>& out) {
  constexpr dtype dt = dtype_of<T>;
  add(out, cupp::detail::copy_kernel_family(true, dt).source(dt, 0, false));  // fill
  auto& copy = cupp::detail::copy_kernel_family(false, dt);
  for (int variant : {1, 2, 3, 5}) add(out, copy.source(dt, variant, false));  // strided, tiled
  add_astype<T>(out);
  add_reductions<T>(out);
}

}  // namespace

std::vector<kernel_record> common_kernels() {
  std::vector<kernel_record> out;
  add_dtype<bool>(out);
  add_dtype<std::int32_t>(out);
  add_dtype<std::int64_t>(out);
  add_dtype<float>(out);
  add_dtype<double>(out);
  return out;
}

}  // namespace cupp::jit
