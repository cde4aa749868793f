// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#pragma once

#include <cstdint>
#include <initializer_list>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/array_methods.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/core/slice_string.hpp"
#include "cupp/expr/expression.hpp"
#include "cupp/fwd.hpp"

namespace cupp {

namespace jit {
template <class A, class Enable>
struct kernel_argument;
}  // namespace jit

namespace detail {
template <class T>
struct is_ndarray : std::false_type {};
template <class T>
struct is_ndarray<ndarray<T>> : std::true_type {};

template <class A>
index_item to_index_item(const A& a) {
  if constexpr (std::is_integral_v<A> && !std::is_same_v<A, bool>) {
    return static_cast<std::int64_t>(a);
  } else {
    static_assert(std::is_same_v<A, slice> || std::is_same_v<A, newaxis_t> ||
                      std::is_same_v<A, ellipsis_t>,
                  "basic indexing takes integers, cupp::slice, cupp::newaxis and cupp::ellipsis");
    return a;
  }
}

/// Host index arrays: a std::vector of integers (indices) or of bool (a mask), NumPy's a[[0, 2]].
template <class A>
struct is_host_index : std::false_type {};
template <class I, class Alloc>
struct is_host_index<std::vector<I, Alloc>> : std::bool_constant<std::is_integral_v<I>> {};

/// True for the index types that make an index advanced: arrays, expressions, selections and
/// host index arrays.
template <class A>
inline constexpr bool is_index_array_v = is_ndarray<A>::value || expr::is_node_v<A> ||
                                         expr::is_selection_v<A> || is_host_index<A>::value;

/// A host index array copied to the device: a bool mask as bool, integers as int64 (NumPy's intp).
template <class I, class Alloc>
array_desc host_index_array(const std::vector<I, Alloc>& v) {
  using R = std::conditional_t<std::is_same_v<I, bool>, bool, std::int64_t>;
  array_desc d = make_array(shape_t{static_cast<std::int64_t>(v.size())}, dtype_of<R>);
  const std::unique_ptr<R[]> host(new R[v.size()]);
  for (std::size_t i = 0; i < v.size(); ++i) host[i] = static_cast<R>(v[i]);
  from_host(d, host.get());
  return d;
}

/// One item of an index that has arrays in it: a basic item, or the array (an expression such
/// as `x > 0` or a selection is evaluated first, a host vector copied to the device).
template <class A>
fancy_item to_fancy_item(const A& a) {
  if constexpr (is_ndarray<A>::value) {
    return a.desc();
  } else if constexpr (expr::is_node_v<A> || expr::is_selection_v<A>) {
    return a.eval().desc();
  } else if constexpr (is_host_index<A>::value) {
    return host_index_array(a);
  } else {
    return std::visit([](const auto& v) -> fancy_item { return v; }, to_index_item(a));
  }
}
}  // namespace detail

/// An n-dimensional array on the device: a shared handle to a strided view of pool memory, as
/// cupy.ndarray. Copying an ndarray copies the handle, not the data (use copy() for that).
template <class Scalar>
class ndarray {
  static_assert(is_supported_dtype<Scalar>::value,
                "ndarray<T>: T must be bool, an int8..int64/uint8..uint64, cupp::float16, "
                "cupp::bfloat16, float, double or std::complex<float/double>");

 public:
  /// The element type T (numpy.ndarray.dtype.type).
  using value_type = Scalar;

  /// An empty 1-D array of shape (0,).
  ndarray() : ndarray(shape_t{0}) {}
  /// A new, uninitialised C-contiguous array (numpy.empty).
  explicit ndarray(const shape_t& shape) : desc_(detail::make_array(shape, dtype_of<Scalar>)) {}
  /// Wraps a description; the dtype must be T's.
  explicit ndarray(detail::array_desc d) : desc_(std::move(d)) {
    CUPP_ASSERT(desc_.dt == dtype_of<Scalar>);
  }
  /// Evaluates an expression into a new array: one generated kernel for the whole expression.
  template <class E,
            std::enable_if_t<expr::is_node_v<E> && E::result == dtype_of<Scalar>, int> = 0>
  ndarray(const E& e)  // NOLINT: implicit, so that `ndarray<float> c = a * b + 1.0f;` reads
      : desc_(detail::make_array(e.shape(), dtype_of<Scalar>)) {
    expr::assign(e, desc_);
  }
  /// Evaluates an expression of another dtype, casting its result (explicit: a conversion).
  template <class E,
            std::enable_if_t<expr::is_node_v<E> && E::result != dtype_of<Scalar>, int> = 0>
  explicit ndarray(const E& e) : desc_(detail::make_array(e.shape(), dtype_of<Scalar>)) {
    expr::assign(e, desc_);
  }

  /// An array over device memory that cupp did not allocate (your own cudaMalloc, another
  /// library's tensor), without a copy: CuPy's cupy.ndarray over cupy.cuda.UnownedMemory,
  /// LibTorch's torch::from_blob. `strides` count elements (negative and 0 allowed); empty means
  /// C order. `ptr` must be device memory of the current device or managed memory, aligned to
  /// the item size: host memory, pinned or not, and memory of another device are a value_error,
  /// as in CuPy. Nothing is kept alive unless `owner` is given: then `owner` lives as long as
  /// the array or anything sharing its memory (views, copies of the handle, cupp::array). A
  /// size-0 array may have a null `ptr`. Without an owner the memory must outlive every use.
  static ndarray from_pointer(Scalar* ptr, const shape_t& shape, const strides_t& strides = {},
                              std::shared_ptr<void> owner = {}) {
    detail::array_desc d = detail::wrap_pointer(ptr, dtype_of<Scalar>, shape, strides);
    if (owner) detail::keep_alive(d, std::move(owner));
    return ndarray(std::move(d));
  }
  /// As above, calling `deleter(ptr)` once, when the array and everything sharing its memory
  /// are gone (docs/interop.md). It runs on the host at once, possibly while queued kernels still
  /// use the memory (cudaFree waits for them; a deleter handing the memory to other work must
  /// synchronise first), and must not throw. When the checks throw, it is not called and the
  /// memory stays the caller's.
  template <class Deleter,
            std::enable_if_t<!std::is_convertible_v<Deleter, std::shared_ptr<void>> &&
                                 std::is_invocable_v<Deleter&, Scalar*>,
                             int> = 0>
  static ndarray from_pointer(Scalar* ptr, const shape_t& shape, const strides_t& strides,
                              Deleter deleter) {
    detail::array_desc d = detail::wrap_pointer(ptr, dtype_of<Scalar>, shape, strides);
    detail::keep_alive(d, std::shared_ptr<void>(static_cast<void*>(ptr),
                                                [del = std::move(deleter)](void* p) mutable {
                                                  del(static_cast<Scalar*>(p));
                                                }));
    return ndarray(std::move(d));
  }

  /// Copies the handle: both share the data (copy() copies the elements).
  ndarray(const ndarray&) = default;
  /// Moves the handle; the data is not touched.
  ndarray(ndarray&&) noexcept = default;
  ~ndarray() = default;

  // Note [Assignment]: as in Python, `c = expr;` on a named array rebinds the handle to a new
  // array (other handles to the old memory see no change), while assigning to a temporary view
  // writes into it, as NumPy's `a[...] = expr`: `a(cupp::slice(0, 3)) = b + 1;`. The two are
  // told apart by the ref-qualifier. Writing casts as NumPy's setitem does (unsafe casting) and
  // broadcasts the right-hand side to the view's shape.
  /// Rebinds this handle to `other`'s array, as Python's `c = a` (Note [Assignment]).
  ndarray& operator=(const ndarray&) & = default;
  /// Rebinds this handle to `other`'s array, as the copy assignment does.
  ndarray& operator=(ndarray&&) & noexcept = default;
  /// Evaluates `e` into a new array (one kernel) and rebinds this handle to it.
  template <class E, std::enable_if_t<expr::is_node_v<E>, int> = 0>
  ndarray& operator=(const E& e) & {
    detail::array_desc fresh = detail::make_array(e.shape(), dtype_of<Scalar>);
    expr::assign(e, fresh);
    desc_ = std::move(fresh);
    return *this;
  }
  /// Writes `other` (broadcast, cast) into this view.
  void operator=(const ndarray& other) && {
    expr::assign(expr::make_node<expr::op_copy>(other), desc_);
  }
  /// Writes `other` (broadcast, cast to T) into this view.
  template <class U>
  void operator=(const ndarray<U>& other) && {
    expr::assign(expr::make_node<expr::op_copy>(other), desc_);
  }
  /// Evaluates `e` into this view.
  template <class E, std::enable_if_t<expr::is_node_v<E>, int> = 0>
  void operator=(const E& e) && {
    expr::assign(e, desc_);
  }
  /// Writes `value` into every element of this view.
  void operator=(Scalar value) && { fill(value); }

  // In-place arithmetic, as NumPy's `a += b`: the result must cast to this array's dtype under
  // the same_kind rule (`int_array += 1.5` is a type_error), and `b` broadcasts to this shape.
  /// `a += b` in place (numpy.add); returns *this.
  template <class B>
  ndarray& operator+=(const B& b) { return compound<expr::op_add>(b); }
  /// `a -= b` in place (numpy.subtract); returns *this.
  template <class B>
  ndarray& operator-=(const B& b) { return compound<expr::op_subtract>(b); }
  /// `a *= b` in place (numpy.multiply); returns *this.
  template <class B>
  ndarray& operator*=(const B& b) { return compound<expr::op_multiply>(b); }
  /// `a /= b` in place (numpy.true_divide, so an integer array is a type_error); returns *this.
  template <class B>
  ndarray& operator/=(const B& b) { return compound<expr::op_true_divide>(b); }
  /// `a %= b` in place (numpy.remainder); returns *this.
  template <class B>
  ndarray& operator%=(const B& b) { return compound<expr::op_remainder>(b); }
  /// `a &= b` in place (numpy.bitwise_and); returns *this.
  template <class B>
  ndarray& operator&=(const B& b) { return compound<expr::op_bitwise_and>(b); }
  /// `a |= b` in place (numpy.bitwise_or); returns *this.
  template <class B>
  ndarray& operator|=(const B& b) { return compound<expr::op_bitwise_or>(b); }
  /// `a ^= b` in place (numpy.bitwise_xor); returns *this.
  template <class B>
  ndarray& operator^=(const B& b) { return compound<expr::op_bitwise_xor>(b); }
  /// `a <<= b` in place (numpy.left_shift); returns *this.
  template <class B>
  ndarray& operator<<=(const B& b) { return compound<expr::op_left_shift>(b); }
  /// `a >>= b` in place (numpy.right_shift); returns *this.
  template <class B>
  ndarray& operator>>=(const B& b) { return compound<expr::op_right_shift>(b); }

  /// A copy converted to U, as numpy.ndarray.astype (unsafe casting: float to int truncates).
  template <class U>
  ndarray<U> astype() const {
    ndarray<U> out(shape());
    expr::assign(expr::make_node<expr::op_copy>(*this), out.desc());
    return out;
  }

  // ---- attributes ------------------------------------------------------------------------
  /// The length of each axis (numpy.ndarray.shape).
  const shape_t& shape() const noexcept { return desc_.shape; }
  /// The length of one axis; negative axes count from the end.
  std::int64_t shape(std::int64_t axis) const {
    return desc_.shape[static_cast<std::size_t>(normalize_axis(axis, ndim()))];
  }
  /// The number of axes (numpy.ndarray.ndim).
  std::int64_t ndim() const noexcept { return desc_.ndim(); }
  /// The number of elements, the product of shape() (numpy.ndarray.size).
  std::int64_t size() const { return desc_.size(); }
  /// The size of one element in bytes, sizeof(T) (numpy.ndarray.itemsize).
  std::int64_t itemsize() const noexcept { return static_cast<std::int64_t>(sizeof(Scalar)); }
  /// size() * itemsize(): the bytes of the view's elements, not of its allocation
  /// (numpy.ndarray.nbytes).
  std::int64_t nbytes() const { return size() * itemsize(); }
  /// T's dtype, known at compile time (numpy.ndarray.dtype).
  static constexpr cupp::dtype dtype() noexcept { return dtype_of<Scalar>; }
  /// Strides in elements, as DLPack and PyTorch count them.
  const strides_t& strides() const noexcept { return desc_.strides; }
  /// Strides in bytes, NumPy's numbers.
  strides_t byte_strides() const {
    strides_t s = desc_.strides;
    for (auto& v : s) v *= itemsize();
    return s;
  }
  /// Device address of element 0 of the view (offset applied).
  Scalar* data() const noexcept { return reinterpret_cast<Scalar*>(desc_.ptr); }
  /// Byte offset of element 0 from the start of the allocation (for from_pointer arrays, from
  /// the lowest address the array reaches).
  std::int64_t offset() const noexcept {
    return desc_.ptr - static_cast<char*>(desc_.owner.get());
  }
  /// Whether the elements lie in C order with no gaps (numpy.ndarray.flags.c_contiguous).
  bool is_c_contiguous() const { return cupp::is_c_contiguous(desc_.shape, desc_.strides); }
  /// Whether the elements lie in Fortran order with no gaps (numpy.ndarray.flags.f_contiguous).
  bool is_f_contiguous() const { return cupp::is_f_contiguous(desc_.shape, desc_.strides); }
  /// NumPy's `base`: the array owning the memory of a view, nullopt for an array owning its
  /// memory. Throws type_error when the owner has another dtype (after view<U>()).
  std::optional<ndarray> base() const {
    if (!desc_.base) return std::nullopt;
    CUPP_EXPECTS(desc_.base->dt == dtype_of<Scalar>, type_error,
                 "the base array has dtype " + std::string(dtype_name(desc_.base->dt)));
    return ndarray(*desc_.base);
  }
  /// The type-erased description of the view (pointer, shape, strides, dtype, owner) that the
  /// routines and cupp::array work on.
  const detail::array_desc& desc() const noexcept { return desc_; }
  // NumPy's method forms of the reductions: a.sum(axis, keepdims), a.max(), ...
  CUPP_REDUCTION_METHODS
  /// numpy.ndarray.dot: cupp::dot(*this, b) (defined in cupp/linalg/products.hpp).
  template <class U>
  auto dot(const ndarray<U>& b) const;
  // The other methods of cupy.ndarray that forward to routines (Note [Method forms]).
  CUPP_ARRAY_METHODS

  // ---- transfers -------------------------------------------------------------------------
  /// Copies the array to the host in C order; synchronises.
  std::vector<Scalar> get() const {
    // Built piece by piece as the copy arrives, never zero-filled first (Note [Staged
    // device-to-host copies] in src/core/array_desc.cpp); std::vector<bool> takes bool pieces.
    std::vector<Scalar> out;
    out.reserve(static_cast<std::size_t>(size()));
    if constexpr (!std::is_same_v<Scalar, bool>)
      if (out.capacity() * sizeof(Scalar) > detail::kStagingChunk)
        detail::advise_huge_pages(out.data(), out.capacity() * sizeof(Scalar));
    detail::to_host(
        desc_,
        [](void* vec, const void* piece, std::size_t bytes) {
          const auto* first = static_cast<const Scalar*>(piece);
          auto& v = *static_cast<std::vector<Scalar>*>(vec);
          v.insert(v.end(), first, first + bytes / sizeof(Scalar));
        },
        &out);
    return out;
  }
  /// Copies the array into caller memory (size() elements, C order); synchronises.
  void get(Scalar* dst) const { detail::to_host(desc_, dst); }
  /// Copies size() elements (C order) from the host into the array (any layout).
  void set(const std::vector<Scalar>& values) {
    check_set_size(static_cast<std::int64_t>(values.size()));
    if constexpr (std::is_same_v<Scalar, bool>) {
      std::unique_ptr<bool[]> tmp(new bool[values.size()]);
      std::copy(values.begin(), values.end(), tmp.get());
      detail::from_host(desc_, tmp.get());
    } else {
      detail::from_host(desc_, values.data());
    }
  }
  /// Copies size() elements (C order) from caller memory on the host into the array (any layout).
  void set(const Scalar* values) { detail::from_host(desc_, values); }
  /// numpy.ndarray.tofile(file): the elements in C order, machine byte order, no header
  /// (cupp::fromfile reads them back; docs/io.md).
  void tofile(const std::string& file) const { detail::tofile(desc_, file); }
  /// The single element of a size-1 array. Throws value_error "can only convert an array of size
  /// 1 to a Python scalar" otherwise.
  Scalar item() const {
    CUPP_EXPECTS(size() == 1, value_error, "can only convert an array of size 1 to a Python scalar");
    Scalar v;
    detail::to_host(desc_, &v);
    return v;
  }
  /// One element by its indices (negative indices count from the end).
  Scalar item(std::initializer_list<std::int64_t> index) const {
    CUPP_EXPECTS(static_cast<std::int64_t>(index.size()) == ndim(), index_error,
                 "incorrect number of indices for array");
    std::vector<detail::index_item> items(index.begin(), index.end());
    Scalar v;
    detail::to_host(detail::index_view(desc_, items), &v);
    return v;
  }

  // ---- filling and copying ---------------------------------------------------------------
  /// Writes `value` into every element of the view.
  void fill(Scalar value) { detail::fill(desc_, &value); }
  /// A C-contiguous copy (numpy.ndarray.copy).
  ndarray copy() const { return ndarray(detail::copy(desc_)); }
  /// An array is already evaluated; expressions evaluate into one.
  const ndarray& eval() const noexcept { return *this; }

  // ---- views -----------------------------------------------------------------------------
  /// A view with a new shape when the layout allows, else a copy; one -1 is inferred.
  ndarray reshape(const shape_t& newshape) const {
    return ndarray(detail::reshape(desc_, newshape));
  }
  /// A 1-D view when C-contiguous, else a copy.
  ndarray ravel() const { return reshape({-1}); }
  /// Always a 1-D copy.
  ndarray flatten() const { return ndarray(detail::reshape(detail::copy(desc_), {-1})); }
  /// The axes reversed (a view).
  ndarray T() const { return ndarray(detail::reversed_axes(desc_)); }
  /// numpy.ndarray.transpose(): the axes reversed, as T() (a view).
  ndarray transpose() const { return T(); }
  /// The axes permuted: axis i of the view is `axes[i]` of this array (a view). value_error when
  /// `axes` is not a permutation of the axes.
  ndarray transpose(const std::vector<std::int64_t>& axes) const {
    return ndarray(detail::transpose(desc_, axes));
  }
  /// numpy.ndarray.swapaxes: a view with `axis1` and `axis2` exchanged (axis_error out of range).
  ndarray swapaxes(std::int64_t axis1, std::int64_t axis2) const {
    return ndarray(detail::swapaxes(desc_, axis1, axis2));
  }
  /// numpy.ndarray.squeeze: a view without the axes of length 1.
  ndarray squeeze() const { return ndarray(detail::squeeze(desc_)); }
  /// A view without `axis`, which must have length 1 (else value_error).
  ndarray squeeze(std::int64_t axis) const { return ndarray(detail::squeeze(desc_, {axis})); }
  /// A view without `axes`, each of which must have length 1 (else value_error).
  ndarray squeeze(const std::vector<std::int64_t>& axes) const {
    return ndarray(detail::squeeze(desc_, axes));
  }
  /// The same memory seen as another dtype (numpy.ndarray.view).
  template <class U>
  ndarray<U> view() const {
    return ndarray<U>(detail::view_as(desc_, dtype_of<U>));
  }

  /// Basic indexing written as Python writes it, a view: a[":, None, 0"], a["::-1"],
  /// a["..., 1:"] are the long forms a(cupp::_, cupp::newaxis, 0), ... (docs/shapes.md), and
  /// assignable as they are (`a["1:3"] = 5.0f;`). The string is parsed at each call (Note [Index
  /// strings are parsed each time]); index_error names the string and position of a bad token.
  /// Only strings take this overload: index arrays and host index lists are advanced indexing.
  template <class S, std::enable_if_t<std::is_convertible_v<const S&, std::string_view>, int> = 0>
  ndarray operator[](const S& index) const {
    return ndarray(detail::index_view(desc_, detail::parse_index(index)));
  }

  /// Basic indexing, a view: integers, cupp::slice(start, stop, step), cupp::newaxis and
  /// cupp::ellipsis, as NumPy's a[i, 1:5:2, np.newaxis, ...]. Integers for every axis give a 0-d
  /// array (NumPy gives a scalar; use item() for that). With an index array (integer or bool) or
  /// an expression among them, advanced indexing instead: an indexed<T>, which reads as a new
  /// array and can be assigned to (cupp/routines/indexing.hpp).
  template <class... Idx>
  auto operator()(const Idx&... idx) const {
    if constexpr ((detail::is_index_array_v<Idx> || ...)) {
      return indexed<Scalar>(*this, {detail::to_fancy_item(idx)...});
    } else {
      return ndarray(detail::index_view(desc_, {detail::to_index_item(idx)...}));
    }
  }
  /// Advanced indexing by one array: a[index_array], a[mask], a[x > 0], a[host_vector] (NumPy's
  /// a[...]).
  template <class I, std::enable_if_t<detail::is_index_array_v<I>, int> = 0>
  indexed<Scalar> operator[](const I& index) const {
    return indexed<Scalar>(*this, {detail::to_fancy_item(index)});
  }
  /// a[{0, 2, 1}]: a braced list of integers indexes as NumPy's a[[0, 2, 1]]; of bools, a mask.
  template <class I, std::enable_if_t<std::is_integral_v<I>, int> = 0>
  indexed<Scalar> operator[](std::initializer_list<I> index) const {
    return (*this)[std::vector<I>(index)];
  }

 private:
  template <class Op, class B>
  ndarray& compound(const B& b) {
    const auto n = expr::make_node<Op>(*this, b);
    using N = std::decay_t<decltype(n)>;
    if (n.shape() != shape()) expr::throw_out_shape(shape(), n.shape());
    if constexpr (!can_cast(N::result, dtype_of<Scalar>, casting::same_kind))
      expr::throw_cannot_cast(Op::name, N::result, dtype_of<Scalar>);
    expr::assign(n, desc_);
    return *this;
  }

  void check_set_size(std::int64_t n) const {
    CUPP_EXPECTS(n == size(), value_error,
                 "set: expected " + std::to_string(size()) + " values for an array of shape " +
                     shape_str(shape()) + ", got " + std::to_string(n));
  }

  detail::array_desc desc_;
};

/// Prints NumPy's repr: "array([1., 2.], dtype=float32)", summarised past 1000 elements.
template <class T>
std::ostream& operator<<(std::ostream& os, const ndarray<T>& a) {
  return os << detail::repr(a.desc());
}

template <class Op, class... Args>
ndarray<typename expr::node<Op, Args...>::value_type> expr::node<Op, Args...>::eval() const {
  return ndarray<value_type>(*this);
}

namespace expr {
/// Prints an expression's value (evaluating it).
template <class Op, class... Args>
std::ostream& operator<<(std::ostream& os, const node<Op, Args...>& e) {
  return os << e.eval();
}
}  // namespace expr

// ---- view routines -------------------------------------------------------------------------

/// numpy.broadcast_to: a read-only view with stride 0 on broadcast dimensions.
template <class T>
ndarray<T> broadcast_to(const ndarray<T>& a, const shape_t& shape) {
  return ndarray<T>(detail::broadcast_to(a.desc(), shape));
}
/// numpy.expand_dims.
template <class T>
ndarray<T> expand_dims(const ndarray<T>& a, std::int64_t axis) {
  return ndarray<T>(detail::expand_dims(a.desc(), {axis}));
}
template <class T>
ndarray<T> expand_dims(const ndarray<T>& a, const std::vector<std::int64_t>& axes) {
  return ndarray<T>(detail::expand_dims(a.desc(), axes));
}
template <class T>
ndarray<T> squeeze(const ndarray<T>& a) {
  return a.squeeze();
}
template <class T>
ndarray<T> transpose(const ndarray<T>& a) {
  return a.transpose();
}
template <class T>
ndarray<T> transpose(const ndarray<T>& a, const std::vector<std::int64_t>& axes) {
  return a.transpose(axes);
}
template <class T>
ndarray<T> swapaxes(const ndarray<T>& a, std::int64_t axis1, std::int64_t axis2) {
  return a.swapaxes(axis1, axis2);
}
template <class T>
ndarray<T> reshape(const ndarray<T>& a, const shape_t& newshape) {
  return a.reshape(newshape);
}
template <class T>
ndarray<T> ravel(const ndarray<T>& a) {
  return a.ravel();
}
/// numpy.copy.
template <class T>
ndarray<T> copy(const ndarray<T>& a) {
  return a.copy();
}
/// numpy.ascontiguousarray: `a` itself when already C-contiguous, else a copy.
template <class T>
ndarray<T> ascontiguousarray(const ndarray<T>& a) {
  return a.is_c_contiguous() ? a : a.copy();
}

namespace jit {
/// An ndarray passed to a RawKernel is its device pointer. A non-contiguous array would silently
/// hand the kernel memory laid out otherwise than it expects (CuPy passes the base pointer of the
/// view), so it is a value_error instead.
template <class T>
struct kernel_argument<ndarray<T>, void> {
  /// The device pointer of `a`; value_error when `a` is neither C- nor Fortran-contiguous.
  static T* value(const ndarray<T>& a) {
    // As CuPy: any contiguous array (C or Fortran order) passes the address of its memory.
    CUPP_EXPECTS(a.is_c_contiguous() || a.is_f_contiguous(), value_error,
                 "a non-contiguous ndarray of shape " + shape_str(a.shape()) +
                     " cannot be passed to a kernel; pass cupp::ascontiguousarray(a)");
    return a.data();
  }
};
}  // namespace jit

namespace detail {
/// `a` as an array of R: `a` itself when it already is, else a converted copy.
template <class R, class T>
ndarray<R> as_dtype(const ndarray<T>& a) {
  if constexpr (std::is_same_v<T, R>)
    return a;
  else
    return a.template astype<R>();
}
}  // namespace detail

}  // namespace cupp
