// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// NumPy's iteration helpers that C++ can express: ndindex (the index tuples of a shape in C
// order, on the host), broadcast (arrays broadcast against each other: the common shape and the
// broadcast views) and flatiter (an array read and written by the flat C-order index of its
// elements, NumPy's `a.flat`).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "cupp/core/error.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/routines/manipulation.hpp"

namespace cupp {

/// numpy.ndindex(*shape): the index tuples of `shape` in C order, as a range
/// (`for (const auto& idx : cupp::ndindex({2, 3}))` gives {0, 0}, {0, 1}, ... {1, 2}). A 0-d shape
/// gives one empty tuple, a shape with a 0 none. Host only: no device work.
class ndindex {
 public:
  class iterator {
   public:
    iterator(const shape_t* shape, std::int64_t pos, shape_t index)
        : shape_(shape), pos_(pos), index_(std::move(index)) {}
    const shape_t& operator*() const { return index_; }
    const shape_t* operator->() const { return &index_; }
    iterator& operator++() {
      ++pos_;
      for (std::size_t d = index_.size(); d-- > 0;) {
        if (++index_[d] < (*shape_)[d]) break;
        index_[d] = 0;
      }
      return *this;
    }
    bool operator==(const iterator& o) const { return pos_ == o.pos_; }
    bool operator!=(const iterator& o) const { return pos_ != o.pos_; }

   private:
    const shape_t* shape_;
    std::int64_t pos_;
    shape_t index_;
  };

  explicit ndindex(shape_t shape) : shape_(std::move(shape)) {
    for (const std::int64_t n : shape_)
      CUPP_EXPECTS(n >= 0, value_error, "negative dimensions are not allowed");
  }
  /// The number of tuples: the product of the shape.
  std::int64_t size() const { return shape_size(shape_); }
  iterator begin() const { return iterator(&shape_, 0, shape_t(shape_.size(), 0)); }
  iterator end() const { return iterator(&shape_, size(), shape_t(shape_.size(), 0)); }

 private:
  shape_t shape_;
};

/// numpy.broadcast(*arrays) (cupy.broadcast): the arrays broadcast against each other, with
/// `shape()`, `size()`, `ndim()` (and NumPy's `nd()`), `numiter()` and `values()`, the arrays as
/// read-only views of the common shape (as CuPy's). Throws broadcast_error when the shapes do
/// not broadcast.
template <class T>
class broadcast {
 public:
  explicit broadcast(const std::vector<ndarray<T>>& arrays)
      : values_(broadcast_arrays(arrays)), shape_(common_shape(arrays)) {}
  broadcast(std::initializer_list<ndarray<T>> arrays)
      : broadcast(std::vector<ndarray<T>>(arrays)) {}
  const shape_t& shape() const { return shape_; }
  std::int64_t size() const { return shape_size(shape_); }
  std::int64_t ndim() const { return static_cast<std::int64_t>(shape_.size()); }
  std::int64_t nd() const { return ndim(); }
  std::int64_t numiter() const { return static_cast<std::int64_t>(values_.size()); }
  const std::vector<ndarray<T>>& values() const { return values_; }

 private:
  static shape_t common_shape(const std::vector<ndarray<T>>& arrays) {
    std::vector<shape_t> shapes;
    for (const auto& a : arrays) shapes.push_back(a.shape());
    return broadcast_shapes(shapes);
  }
  std::vector<ndarray<T>> values_;
  shape_t shape_;
};

/// numpy.flatiter, NumPy's `a.flat` (here `cupp::flat(a)`): the array read and written by the
/// flat index of its elements in C order, whatever its layout. `f[i]` reads one element to the
/// host and `f.set(i, v)` writes one (negative indices count from the end; index_error "index 10
/// is out of bounds for size 10" otherwise); `copy()` is a C-order 1-D copy, `get()` the elements
/// on the host, `base()` the array, `size()` (NumPy's `len`) the element count.
template <class T>
class flatiter {
 public:
  explicit flatiter(ndarray<T> a) : base_(std::move(a)) {}
  const ndarray<T>& base() const { return base_; }
  std::int64_t size() const { return base_.size(); }
  T operator[](std::int64_t i) const { return element(i).item(); }
  void set(std::int64_t i, T value) {
    ndarray<T> e = element(i);
    e.fill(value);
  }
  ndarray<T> copy() const { return base_.flatten(); }
  std::vector<T> get() const { return base_.get(); }

 private:
  ndarray<T> element(std::int64_t i) const {
    const std::int64_t n = size();
    const std::int64_t k = i < 0 ? i + n : i;
    if (k < 0 || k >= n)
      throw index_error("index " + std::to_string(i) + " is out of bounds for size " +
                        std::to_string(n));
    const shape_t& shape = base_.shape();
    std::vector<detail::index_item> items(shape.size(), detail::index_item(std::int64_t{0}));
    std::int64_t rest = k;
    for (std::size_t d = shape.size(); d-- > 0;) {
      items[d] = detail::index_item(rest % shape[d]);
      rest /= shape[d];
    }
    return ndarray<T>(detail::index_view(base_.desc(), items));
  }
  ndarray<T> base_;
};

/// NumPy's `a.flat`: the flat iterator of `a`.
template <class T>
flatiter<T> flat(const ndarray<T>& a) {
  return flatiter<T>(a);
}

}  // namespace cupp
