// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Advanced indexing (a[index_array], a[mask], a(idx, cupp::slice(), idx2), and assignment through
// them) and the routines built on the same indexed copy: take, put, take_along_axis,
// put_along_axis, choose, compress, extract, place, putmask, select. Each is one generated kernel
// after shape logic compiled once into the library (src/manip/indexing.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/expr/ufuncs.hpp"

namespace cupp {

/// NumPy's `mode` of take, put and choose: what an index outside [-n, n) does. raise throws
/// index_error (the default); wrap takes it modulo n; clip clamps it to [0, n - 1], so that a
/// negative index becomes 0, as in NumPy.
enum class index_mode : std::uint8_t { raise, wrap, clip };

namespace detail {

/// a[items]: a new array (Note [Indexed copy] in src/manip/indexing.cpp). Throws index_error
/// as NumPy's indexing does: indices out of bounds, masks of the wrong shape, index arrays that
/// do not broadcast, float index arrays, too many indices.
array_desc fancy_get(const array_desc& a, const std::vector<fancy_item>& items);
/// The shape a[items] would have.
shape_t fancy_shape(const array_desc& a, const std::vector<fancy_item>& items);
/// a[items] = values (of a's dtype, broadcast to the indexing result's shape).
void fancy_set(const array_desc& a, const std::vector<fancy_item>& items, const array_desc& values);

array_desc take(const array_desc& a, const array_desc& indices, std::optional<std::int64_t> axis,
                index_mode mode);
void put(const array_desc& a, const array_desc& indices, const array_desc& values, index_mode mode);
array_desc take_along_axis(const array_desc& arr, const array_desc& indices,
                           std::optional<std::int64_t> axis);
void put_along_axis(const array_desc& arr, const array_desc& indices, const array_desc& values,
                    std::optional<std::int64_t> axis);
array_desc choose(const array_desc& a, const std::vector<array_desc>& choices, index_mode mode);
array_desc compress(const array_desc& condition, const array_desc& a,
                    std::optional<std::int64_t> axis);
array_desc extract(const array_desc& condition, const array_desc& arr);
void place(const array_desc& arr, const array_desc& mask, const array_desc& vals);
void putmask(const array_desc& a, const array_desc& mask, const array_desc& values);

/// `v` without the leading length-1 dimensions it has beyond `ndim` (a view): NumPy drops them
/// from assigned values before broadcasting them to the indexing result.
array_desc without_leading_ones(const array_desc& v, std::int64_t ndim);

/// The source of the indexed-copy kernels and their name expressions for one element size (for
/// tests that compile them without a GPU).
std::string indexed_copy_source();
std::vector<std::string> indexed_copy_names(std::size_t itemsize);

/// `x` as an array of T: a scalar as a 0-d array, an array converted when its dtype differs.
template <class T, class X>
ndarray<T> values_as(const X& x) {
  if constexpr (is_ndarray<X>::value) {
    return as_dtype<T>(x);
  } else if constexpr (expr::is_node_v<X>) {
    return as_dtype<T>(x.eval());
  } else {
    ndarray<T> v(shape_t{});
    v.fill(static_cast<T>(x));
    return v;
  }
}

/// The mask of a[mask] = v when v does not depend on which elements are selected: v (leading
/// length-1 dimensions dropped) broadcasts to the shape after the mask's dimensions.
template <class T>
bool is_elementwise_mask_assignment(const ndarray<T>& a, const std::vector<fancy_item>& items,
                                    const shape_t& values_shape) {
  if (items.size() != 1) return false;
  const auto* mask = std::get_if<array_desc>(&items[0]);
  if (!mask || mask->dt != dtype::bool_ || mask->ndim() == 0 || mask->ndim() > a.ndim())
    return false;
  for (std::int64_t j = 0; j < mask->ndim(); ++j)
    if (mask->shape[static_cast<std::size_t>(j)] != a.shape()[static_cast<std::size_t>(j)])
      return false;  // the general path gives NumPy's error
  shape_t v = values_shape;
  while (!v.empty() && v.front() == 1) v.erase(v.begin());
  const shape_t rest(a.shape().begin() + mask->ndim(), a.shape().end());
  if (v.size() > rest.size()) return false;
  for (std::size_t j = 0; j < v.size(); ++j) {
    const std::int64_t r = rest[rest.size() - v.size() + j];
    if (v[j] != r && v[j] != 1) return false;
  }
  return true;
}

}  // namespace detail

/// The result of advanced indexing, a[index] or a(i, index, ...) with at least one index array:
/// NumPy's a[...] with integer arrays (several broadcast together, mixed with integers, slices,
/// newaxis and ellipsis, negative indices counting from the end) and boolean masks.
///   ndarray<float> b = a[idx];   // a copy, as in NumPy (also b = a[idx].eval())
///   a[mask] = 0.0f;              // assignment writes through into a
/// Reading makes a new array; assignment scatters into the indexed array (with repeated indices,
/// one of the assigned values wins, as in CuPy). Indices are checked: one out of range throws
/// index_error "index 10 is out of bounds for axis 0 with size 10", from this call or, since the
/// check does not wait for the kernel, from the next indexing call or host transfer that finds
/// its report (Note [Deferred index checks] in src/manip/indexing.cpp).
template <class T>
class indexed {
 public:
  /// The selection of `a` by `items`, as ndarray's operator() and operator[] make it.
  indexed(ndarray<T> a, std::vector<detail::fancy_item> items)
      : a_(std::move(a)), items_(std::move(items)) {}
  /// Copies the selection: both refer to the same array and indices.
  indexed(const indexed&) = default;
  /// Moves the selection.
  indexed(indexed&&) noexcept = default;
  ~indexed() = default;
  // As ndarray's Note [Assignment]: a named selection rebinds, a temporary one writes through.
  /// Rebinds a named selection (it does not write; see the note above).
  indexed& operator=(const indexed&) & = default;
  /// Rebinds a named selection, as the copy assignment does.
  indexed& operator=(indexed&&) & noexcept = default;

  /// The selected elements, as a new array.
  ndarray<T> eval() const { return ndarray<T>(detail::fancy_get(a_.desc(), items_)); }
  /// The selected elements, as a new array (eval()).
  operator ndarray<T>() const { return eval(); }  // NOLINT: implicit, so `ndarray<T> b = a[i];`
  /// The selected elements on the host, in C order.
  std::vector<T> get() const { return eval().get(); }
  /// The shape of the selection (a boolean mask costs a count of its true elements).
  shape_t shape() const { return detail::fancy_shape(a_.desc(), items_); }
  /// The selection as an operand of an elementwise function or a reduction: evaluated the first
  /// time one asks for it, then kept (Note [Selections as operands]).
  const ndarray<T>& operand_value() const {
    if (!value_) value_ = eval();
    return *value_;
  }

  /// a[index] = value: every selected element.
  void operator=(T value) && { assign(value); }
  /// a[index] = v, v broadcast to the selection's shape and cast to T.
  template <class U>
  void operator=(const ndarray<U>& v) && {
    assign(v);
  }
  /// a[index] = e: the expression evaluated, broadcast to the selection's shape and cast to T.
  template <class E, std::enable_if_t<expr::is_node_v<E>, int> = 0>
  void operator=(const E& e) && {
    assign(e.eval());
  }
  /// a[i] = b[j]. (Of the same dtype too: without this overload the implicit copy assignment
  /// would take the call and rebind the temporary, writing nothing.)
  void operator=(const indexed& other) && { assign(other.eval()); }
  /// a[i] = b[j] for a `b` of another dtype, the values cast to T.
  template <class U>
  void operator=(const indexed<U>& other) && {
    assign(other.eval());
  }
  /// a[index] += b and its relatives, as NumPy: a[index] = a[index] + b (a gather, the
  /// arithmetic, a scatter; an index repeated is updated once, not once per repetition).
  template <class B>
  void operator+=(const B& b) && {
    assign(eval() + b);
  }
  /// a[index] -= b, as a[index] = a[index] - b.
  template <class B>
  void operator-=(const B& b) && {
    assign(eval() - b);
  }
  /// a[index] *= b, as a[index] = a[index] * b.
  template <class B>
  void operator*=(const B& b) && {
    assign(eval() * b);
  }
  /// a[index] /= b, as a[index] = a[index] / b.
  template <class B>
  void operator/=(const B& b) && {
    assign(eval() / b);
  }

 private:
  template <class X>
  void assign(const X& x) {
    const ndarray<T> v = detail::values_as<T>(x);
    if (detail::is_elementwise_mask_assignment(a_, items_, v.shape())) {
      // No count needed: a = where(mask, v, a), in place, one kernel.
      const auto& mask = std::get<detail::array_desc>(items_[0]);
      shape_t mshape = mask.shape;
      mshape.resize(static_cast<std::size_t>(a_.ndim()), 1);
      detail::check_writable(a_.desc());
      const ndarray<T> vb(detail::without_leading_ones(v.desc(), a_.ndim() - mask.ndim()));
      const ndarray<bool> m = ndarray<bool>(mask).reshape(mshape);
      expr::assign(where(m, vb, a_), a_.desc());
      return;
    }
    detail::fancy_set(a_.desc(), items_, v.desc());
  }

  ndarray<T> a_;
  std::vector<detail::fancy_item> items_;
  mutable std::optional<ndarray<T>> value_;
};

// Note [Selections as operands]: NumPy's a[mask] is a new array, so np.power(r[r > 0], -1.5),
// a[idx] * 2 and np.sum(a[mask]) read it as any other array. In cupp a selection stays an
// indexed<T> until it is read (so that a[mask] = v can write through it); every elementwise
// function, operator and reduction takes one as an operand (expr::is_selection_v), gathers the
// selected elements into a new array once, and uses that array as a leaf: make_node stores the
// array, and a reduction given the selection itself asks for its shape and then its data, both
// from the one gather that operand_value() keeps. A named selection used again as an operand
// reads that same gather, as NumPy's array would; eval() gathers anew each time.
namespace expr {
template <class T>
struct operand<indexed<T>> {
  static constexpr dtype dt = dtype_of<T>;
  static const shape_t& shape(const indexed<T>& x) { return x.operand_value().shape(); }
  static std::string emit(emitter& e) { return operand<ndarray<T>>::emit(e); }
  static void collect(const indexed<T>& x, operands& o) {
    operand<ndarray<T>>::collect(x.operand_value(), o);
  }
};
}  // namespace expr

template <class T>
std::ostream& operator<<(std::ostream& os, const indexed<T>& x) {
  return os << x.eval();
}

// ---- take, put and their relatives -------------------------------------------------------

/// numpy.take(a, indices, axis, mode): the elements of `a` at `indices` along `axis` (the
/// flattened array without one). The result has a.shape[:axis] + indices.shape +
/// a.shape[axis+1:]. Throws index_error for an index out of range under raise (deferred, as for
/// indexed<T>), "cannot do a
/// non-empty take from an empty axes." under wrap and clip, and for non-integer indices.
template <class T, class I>
ndarray<T> take(const ndarray<T>& a, const ndarray<I>& indices,
                std::optional<std::int64_t> axis = std::nullopt,
                index_mode mode = index_mode::raise) {
  return ndarray<T>(detail::take(a.desc(), indices.desc(), axis, mode));
}
/// numpy.put(a, ind, v, mode): a.flat[ind] = v, the values repeating when there are fewer of
/// them than indices. Writes into `a` (any layout).
template <class T, class I, class V>
void put(const ndarray<T>& a, const ndarray<I>& ind, const V& v,
         index_mode mode = index_mode::raise) {
  detail::put(a.desc(), ind.desc(), detail::values_as<T>(v).desc(), mode);
}
/// numpy.take_along_axis(arr, indices, axis): arr's elements picked along `axis` by `indices`
/// (of arr's dimension count, broadcast with arr elsewhere), as the indices that argsort and
/// argpartition give. axis nullopt: the flattened arr, 1-D indices. value_error "`indices` and
/// `arr` must have the same number of dimensions"; index_error for an index out of range.
template <class T, class I>
ndarray<T> take_along_axis(const ndarray<T>& arr, const ndarray<I>& indices,
                           std::optional<std::int64_t> axis) {
  return ndarray<T>(detail::take_along_axis(arr.desc(), indices.desc(), axis));
}
/// numpy.put_along_axis(arr, indices, values, axis): the scatter matching take_along_axis;
/// `values` broadcast to the indices' shape.
template <class T, class I, class V>
void put_along_axis(const ndarray<T>& arr, const ndarray<I>& indices, const V& values,
                    std::optional<std::int64_t> axis) {
  detail::put_along_axis(arr.desc(), indices.desc(), detail::values_as<T>(values).desc(), axis);
}
/// numpy.choose(a, choices, mode): choices[a[i]][i] over the broadcast shape of `a` and the
/// choices. value_error "invalid entry in choice array" under raise.
template <class I, class T>
ndarray<T> choose(const ndarray<I>& a, const std::vector<ndarray<T>>& choices,
                  index_mode mode = index_mode::raise) {
  std::vector<detail::array_desc> c;
  for (const auto& x : choices) c.push_back(x.desc());
  return ndarray<T>(detail::choose(a.desc(), c, mode));
}
/// numpy.compress(condition, a, axis): the slices of `a` along `axis` (the flattened array
/// without one) where the 1-D `condition` is true; a true entry past the axis's length throws
/// index_error.
template <class C, class T>
ndarray<T> compress(const ndarray<C>& condition, const ndarray<T>& a,
                    std::optional<std::int64_t> axis = std::nullopt) {
  return ndarray<T>(detail::compress(condition.desc(), a.desc(), axis));
}
/// numpy.extract(condition, arr): the elements of the flattened arr where the flattened
/// condition is nonzero.
template <class C, class T>
ndarray<T> extract(const ndarray<C>& condition, const ndarray<T>& arr) {
  return ndarray<T>(detail::extract(condition.desc(), arr.desc()));
}
/// numpy.place(arr, mask, vals): the elements of arr where mask is true get vals in order,
/// repeating. value_error "Cannot insert from an empty array!" for empty vals with a true mask.
template <class T, class V>
void place(const ndarray<T>& arr, const ndarray<bool>& mask, const V& vals) {
  detail::place(arr.desc(), mask.desc(), detail::values_as<T>(vals).desc());
}
/// numpy.putmask(a, mask, values): a.flat[n] = values.flat[n % values.size] where mask.flat[n].
/// value_error "putmask: mask and data must be the same size".
template <class T, class V>
void putmask(const ndarray<T>& a, const ndarray<bool>& mask, const V& values) {
  detail::putmask(a.desc(), mask.desc(), detail::values_as<T>(values).desc());
}
/// numpy.select(condlist, choicelist, default): the element of the first choice whose condition
/// holds, else `default`; conditions and choices broadcast together. value_error "list of cases
/// must be same length as list of conditions", "select with an empty condition list is not
/// possible".
template <class T>
ndarray<T> select(const std::vector<ndarray<bool>>& condlist,
                  const std::vector<ndarray<T>>& choicelist, T default_value = T(0)) {
  CUPP_EXPECTS(condlist.size() == choicelist.size(), value_error,
               "list of cases must be same length as list of conditions");
  CUPP_EXPECTS(!condlist.empty(), value_error,
               "select with an empty condition list is not possible");
  std::vector<shape_t> shapes;
  for (const auto& c : condlist) shapes.push_back(c.shape());
  for (const auto& c : choicelist) shapes.push_back(c.shape());
  ndarray<T> out(broadcast_shapes(shapes));
  // The last condition first, so that the first true one is written last.
  const std::size_t n = condlist.size();
  expr::assign(where(condlist[n - 1], choicelist[n - 1], default_value), out.desc());
  for (std::size_t j = n - 1; j-- > 0;)
    expr::assign(where(condlist[j], choicelist[j], out), out.desc());
  return out;
}

}  // namespace cupp
