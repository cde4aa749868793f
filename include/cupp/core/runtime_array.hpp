// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::array: an array whose dtype is known only at run time (what cupp::load returns).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/core/promotion.hpp"
#include "cupp/core/visit_dtype.hpp"
#include "cupp/core/shape.hpp"

namespace cupp {

/// An n-dimensional array on the device whose dtype is a run-time value: the same description
/// (memory, shape, strides in elements, dtype) as ndarray<T>, without T in its type. As
/// ndarray<T>, copying it copies the handle, not the data. Made from any ndarray<T> (sharing its
/// memory), returned by cupp::load; `as<T>()` gives the typed view back, `visit(f)` calls a
/// generic function with it.
class array {
 public:
  /// An empty 1-D float64 array of shape (0,), as ndarray<double>().
  array() : array(ndarray<double>()) {}
  /// Shares `a`'s memory, shape and strides; records T as the dtype.
  template <class T>
  array(const ndarray<T>& a) : desc_(a.desc()) {}  // NOLINT: implicit, as any ndarray is one
  /// Wraps a description (the dtype is the description's).
  explicit array(detail::array_desc d) : desc_(std::move(d)) {}
  /// An array of dtype `dt` over device memory that cupp did not allocate, as
  /// ndarray<T>::from_pointer (the same checks; `strides` in elements, empty for C order).
  static array from_pointer(void* ptr, cupp::dtype dt, const shape_t& shape,
                            const strides_t& strides = {}, std::shared_ptr<void> owner = {}) {
    detail::array_desc d = detail::wrap_pointer(ptr, dt, shape, strides);
    if (owner) detail::keep_alive(d, std::move(owner));
    return array(std::move(d));
  }
  /// As above, calling `deleter(ptr)` once, when the array and everything sharing its memory
  /// are gone, as ndarray<T>::from_pointer does; not called when the checks throw.
  template <class Deleter,
            std::enable_if_t<!std::is_convertible_v<Deleter, std::shared_ptr<void>> &&
                                 std::is_invocable_v<Deleter&, void*>,
                             int> = 0>
  static array from_pointer(void* ptr, cupp::dtype dt, const shape_t& shape,
                            const strides_t& strides, Deleter deleter) {
    detail::array_desc d = detail::wrap_pointer(ptr, dt, shape, strides);
    detail::keep_alive(d, std::shared_ptr<void>(ptr, std::move(deleter)));
    return array(std::move(d));
  }

  /// numpy.ndarray.dtype.
  cupp::dtype dtype() const noexcept { return desc_.dt; }
  const shape_t& shape() const noexcept { return desc_.shape; }
  /// Strides in elements, as ndarray<T>::strides().
  const strides_t& strides() const noexcept { return desc_.strides; }
  std::int64_t ndim() const noexcept { return desc_.ndim(); }
  std::int64_t size() const { return desc_.size(); }
  std::size_t itemsize() const noexcept { return desc_.itemsize(); }
  std::size_t nbytes() const { return static_cast<std::size_t>(size()) * itemsize(); }
  /// The address of element 0, as ndarray<T>::data().
  void* data() const noexcept { return desc_.ptr; }
  bool is_c_contiguous() const { return cupp::is_c_contiguous(desc_.shape, desc_.strides); }
  bool is_f_contiguous() const { return cupp::is_f_contiguous(desc_.shape, desc_.strides); }
  const detail::array_desc& desc() const noexcept { return desc_; }
  /// numpy.ndarray.tofile(file), as ndarray<T>::tofile.
  void tofile(const std::string& file) const { detail::tofile(desc_, file); }

  /// The typed view of the same memory; type_error naming both dtypes when T is not dtype().
  template <class T>
  ndarray<T> as() const {
    CUPP_EXPECTS(desc_.dt == dtype_of<T>, type_error,
                 std::string("cannot view an array of dtype ") + dtype_name(desc_.dt) +
                     " as " + dtype_name(dtype_of<T>));
    return ndarray<T>(desc_);
  }

  /// A copy converted to T, as numpy.ndarray.astype (unsafe casting).
  template <class T>
  ndarray<T> astype() const {
    return visit([](const auto& a) { return a.template astype<T>(); });
  }

  /// Calls f(ndarray<T>) with the typed view for this array's dtype, one of the 15; returns
  /// what f returns (f must return the same type for every T).
  template <class F>
  decltype(auto) visit(F&& f) const {
    return visit_dtype(desc_.dt, [&](auto tag) -> decltype(auto) {
      using T = typename decltype(tag)::type;
      return f(ndarray<T>(desc_));
    });
  }

 private:
  detail::array_desc desc_;
};

/// Prints NumPy's repr, as for ndarray<T>.
inline std::ostream& operator<<(std::ostream& os, const array& a) {
  return os << detail::repr(a.desc());
}

}  // namespace cupp
