// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Running a resolved transform on cuFFT: fitting the input to the transform lengths, describing
// its layout to cuFFT (copying only when it cannot be described), splitting transforms of more
// than 3 axes, the normalisation pass, and fftshift's roll.
#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <cstring>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "cupp/core/array_desc.hpp"
#include "cupp/core/error.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/fft.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "plan.hpp"

// Note [FFT layouts]: cuFFT's advanced layout addresses element (b, x0, x1, x2) of a batch of
// rank-r transforms at b * idist + ((x0 * inembed[1] + x1) * inembed[2] + x2) * istride. So an
// array view can be handed to cuFFT as it lies when
//   - every stride is positive (no broadcast or reversed dimension),
//   - the transformed axes, ordered by decreasing stride (for real transforms the halved axis
//     must come last), nest: each stride is a multiple of the next one, at least its length
//     times it (inembed[k] = stride[k-1] / stride[k]),
//   - the other (batch) axes merge into one stride (idist), or into few enough groups that a
//     loop of calls over the rest is cheap (kMaxLoopCalls, or every call large).
// The output is allocated in the input's memory order (its dimensions ordered by the input's
// strides), so it always nests the same way: fft over axis 0 of a C-contiguous matrix is one
// plan with istride = ostride = ncols and idist = odist = 1, fft of a[:, ::2] one plan with
// istride 2, and no layout needs a transposition. Anything else is first copied into a
// C-contiguous array with the batch axes first and the transformed axes last, in cuFFT's order.
// A C2C transform of an input that cupp made (a converted or zero-padded copy) runs in place.
// C2R transforms overwrite their input, so they run on the user's array only after a copy.
// cuFFT transforms at most 3 axes at once: more are split into passes (C2C and R2C: the last 3
// first, then the others in place on the result; C2R: the others first, as C2C on a copy).

namespace cupp::fft::detail {

namespace {

using cupp::detail::make_array;
using cupp::detail::make_view;

/// What a transform does to memory, so that the same logic runs on the GPU and, for the tests,
/// on host memory with a reference DFT in place of cuFFT (simulate()).
class backend {
 public:
  virtual ~backend() = default;
  /// A new C-contiguous array, uninitialised.
  virtual array_desc alloc(const shape_t& shape, dtype dt) = 0;
  virtual void copy_into(const array_desc& src, const array_desc& dst) = 0;
  /// Zeroes every element of a view (any layout).
  virtual void fill_zero(const array_desc& a) = 0;
  /// One call of the plan `key` (its device field not yet set).
  virtual void run(const plan_key& key, char* in, char* out, int direction) = 0;
  int copies = 0;  // layout copies made (padding not counted)
};

class device_backend final : public backend {
 public:
  array_desc alloc(const shape_t& shape, dtype dt) override { return make_array(shape, dt); }
  void copy_into(const array_desc& src, const array_desc& dst) override {
    cupp::detail::copy_into(src, dst);
  }
  void fill_zero(const array_desc& a) override {
    const std::array<char, 16> zero{};
    cupp::detail::fill(a, zero.data());
  }
  void run(const plan_key& key, char* in, char* out, int direction) override {
    plan_key k = key;
    k.device = cuda::detail::current_device_id();
    get_plan(k)->execute(in, out, direction);
  }
};

// A loop of this many cuFFT calls over batch axes that do not merge is cheaper than a copy.
constexpr std::int64_t kMaxLoopCalls = 16;
// Or any loop whose calls each transform at least this many elements.
constexpr std::int64_t kLargeCall = std::int64_t{1} << 18;

bool is_single(dtype dt) { return dt == dtype::float32 || dt == dtype::complex64; }
dtype complex_of(dtype dt) { return is_single(dt) ? dtype::complex64 : dtype::complex128; }
dtype real_of(dtype dt) { return is_single(dt) ? dtype::float32 : dtype::float64; }

std::size_t at(std::int64_t i) { return static_cast<std::size_t>(i); }

/// The dimensions ordered by decreasing stride (ties: the earlier axis first).
std::vector<std::size_t> stride_order(const strides_t& strides) {
  std::vector<std::size_t> order(strides.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t i, std::size_t j) { return strides[i] > strides[j]; });
  return order;
}

/// Dense strides for `shape` with the dimensions laid out in `order` (slowest first).
strides_t dense_strides(const shape_t& shape, const std::vector<std::size_t>& order) {
  strides_t st(shape.size());
  std::int64_t s = 1;
  for (std::size_t k = order.size(); k-- > 0;) {
    st[order[k]] = s;
    s *= std::max<std::int64_t>(shape[order[k]], 1);
  }
  return st;
}

/// A new array of `shape` whose memory order is `order`.
array_desc alloc_in_order(backend& be, const shape_t& shape, dtype dt,
                          const std::vector<std::size_t>& order) {
  shape_t permuted(order.size());
  for (std::size_t k = 0; k < order.size(); ++k) permuted[k] = shape[order[k]];
  array_desc a = be.alloc(permuted, dt);
  a.shape = shape;
  a.strides = dense_strides(shape, order);
  return a;
}

/// True when `a` has no gaps and no overlaps (a permutation of a C-contiguous layout).
bool is_dense(const array_desc& a) {
  std::int64_t expected = 1;
  for (const std::size_t d : [&] {
         auto o = stride_order(a.strides);
         std::reverse(o.begin(), o.end());
         return o;
       }()) {
    if (a.shape[d] == 1) continue;
    if (a.strides[d] != expected) return false;
    expected *= a.shape[d];
  }
  return true;
}

/// Truncates `a` (a view) or zero-pads it (a copy) to `need` along `axes`.
array_desc fit_input(backend& be, const array_desc& a, const std::vector<std::int64_t>& axes,
                     const shape_t& need, bool& scratch) {
  shape_t view_shape = a.shape, target = a.shape;
  bool pad = false;
  for (std::size_t i = 0; i < axes.size(); ++i) {
    const std::size_t ax = at(axes[i]);
    target[ax] = need[i];
    if (a.shape[ax] > need[i]) view_shape[ax] = need[i];
    if (a.shape[ax] < need[i]) pad = true;
  }
  array_desc v = view_shape == a.shape ? a : make_view(a, view_shape, a.strides, a.ptr);
  if (!pad) return v;
  array_desc padded = be.alloc(target, a.dt);
  be.fill_zero(padded);
  if (shape_size(view_shape) != 0)
    be.copy_into(v, make_view(padded, view_shape, padded.strides, padded.ptr));
  scratch = true;
  return padded;
}

/// One cuFFT call's layout: the plan key without device and type, and the loop around it.
struct layout {
  std::vector<std::size_t> tdims;  // transformed dimensions, cuFFT's order (slowest first)
  plan_key key;
  std::vector<std::int64_t> loop_size, loop_in, loop_out;  // batch axes looped over
};

struct batch_dim {
  std::int64_t size, in, out;
};

/// Describes `x` -> an output of `out_shape` with `out_strides` to cuFFT; false when it cannot
/// be (Note [FFT layouts]).
bool describe(const array_desc& x, const strides_t& out_strides, const shape_t& out_shape,
              const std::vector<std::int64_t>& axes, const shape_t& n, kind k, layout& L) {
  for (std::size_t d = 0; d < x.shape.size(); ++d)
    if (x.shape[d] > 1 && x.strides[d] <= 0) return false;
  const std::size_t r = axes.size();
  L.tdims.clear();
  for (const auto a : axes) L.tdims.push_back(at(a));
  std::vector<std::int64_t> tn(n.begin(), n.end());
  // cuFFT's order: decreasing stride; the halved axis of a real transform stays last.
  std::vector<std::size_t> idx(r);
  std::iota(idx.begin(), idx.end(), std::size_t{0});
  const std::size_t sortable = k == kind::c2c ? r : r - 1;
  std::stable_sort(idx.begin(), idx.begin() + static_cast<std::ptrdiff_t>(sortable),
                   [&](std::size_t i, std::size_t j) {
                     return x.strides[L.tdims[i]] > x.strides[L.tdims[j]];
                   });
  std::vector<std::size_t> td(r);
  for (std::size_t i = 0; i < r; ++i) {
    td[i] = L.tdims[idx[i]];
    tn[i] = n[idx[i]];
  }
  L.tdims = td;
  auto nests = [&](const strides_t& st, const shape_t& shape) {
    for (std::size_t i = 0; i + 1 < r; ++i) {
      const std::int64_t outer = st[td[i]], inner = st[td[i + 1]];
      if (inner <= 0 || outer % inner != 0 || outer / inner < shape[td[i + 1]]) return false;
    }
    return st[td[r - 1]] > 0;
  };
  if (!nests(x.strides, x.shape) || !nests(out_strides, out_shape)) return false;

  // Batch axes, merged where both layouts allow.
  std::vector<bool> transformed(x.shape.size(), false);
  for (const auto d : td) transformed[d] = true;
  std::vector<batch_dim> batch;
  for (const std::size_t d : stride_order(x.strides)) {
    if (transformed[d] || x.shape[d] == 1) continue;
    const batch_dim b{x.shape[d], x.strides[d], out_strides[d]};
    if (!batch.empty() && batch.back().in == b.in * b.size && batch.back().out == b.out * b.size) {
      batch.back() = {batch.back().size * b.size, b.in, b.out};
    } else {
      batch.push_back(b);
    }
  }
  std::size_t main = batch.size();
  for (std::size_t i = 0; i < batch.size(); ++i)
    if (main == batch.size() || batch[i].size > batch[main].size) main = i;
  std::int64_t per_call = 1;
  for (const auto v : tn) per_call *= v;
  L.loop_size.clear();
  L.loop_in.clear();
  L.loop_out.clear();
  std::int64_t calls = 1;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (i == main) continue;
    L.loop_size.push_back(batch[i].size);
    L.loop_in.push_back(batch[i].in);
    L.loop_out.push_back(batch[i].out);
    calls *= batch[i].size;
  }
  plan_key& key = L.key;
  key = plan_key{};
  key.rank = static_cast<int>(r);
  for (std::size_t i = 0; i < r; ++i) {
    key.n[i] = tn[i];
    key.inembed[i] = i == 0 ? x.shape[td[0]] : x.strides[td[i - 1]] / x.strides[td[i]];
    key.onembed[i] = i == 0 ? out_shape[td[0]] : out_strides[td[i - 1]] / out_strides[td[i]];
  }
  key.istride = x.strides[td[r - 1]];
  key.ostride = out_strides[td[r - 1]];
  if (main < batch.size()) {
    key.batch = batch[main].size;
    key.idist = batch[main].in;
    key.odist = batch[main].out;
    per_call *= key.batch;
  } else {
    key.batch = 1;
    key.idist = x.strides[td[0]] * x.shape[td[0]];
    key.odist = out_strides[td[0]] * out_shape[td[0]];
  }
  return calls <= kMaxLoopCalls || per_call >= kLargeCall;
}

int cufft_type(kind k, bool single) {
  switch (k) {
    case kind::c2c: return single ? CUFFT_C2C : CUFFT_Z2Z;
    case kind::r2c: return single ? CUFFT_R2C : CUFFT_D2Z;
    case kind::c2r: return single ? CUFFT_C2R : CUFFT_Z2D;
  }
  return 0;
}

/// Zeroes the imaginary parts of element `index` along `axis` of the complex array `x`.
void zero_imaginary(backend& be, const array_desc& x, std::size_t axis, std::int64_t index) {
  array_desc v;
  v.owner = x.owner;
  v.dt = real_of(x.dt);
  v.shape = x.shape;
  v.shape[axis] = 1;
  for (const auto st : x.strides) v.strides.push_back(2 * st);
  v.ptr = x.ptr + index * x.strides[axis] * static_cast<std::int64_t>(x.itemsize()) +
          static_cast<std::int64_t>(v.itemsize());
  be.fill_zero(v);
}

/// The real parts of the complex array `x`, as a view of its real dtype.
array_desc real_parts(const array_desc& x) {
  array_desc v;
  v.owner = x.owner;
  v.dt = real_of(x.dt);
  v.shape = x.shape;
  for (const auto st : x.strides) v.strides.push_back(2 * st);
  v.ptr = x.ptr;
  return v;
}

/// A dense copy of `a`.
array_desc dense_copy(backend& be, const array_desc& a) {
  array_desc c = be.alloc(a.shape, a.dt);
  be.copy_into(a, c);
  return c;
}

/// One transform over distinct `axes` (for r2c and c2r the last is the halved one), unscaled.
array_desc transform(backend& be, array_desc in, std::vector<std::int64_t> axes, shape_t n,
                     kind k, bool forward, bool scratch) {
  const std::size_t r = axes.size();
  shape_t need = n;
  if (k == kind::c2r) need.back() = n.back() / 2 + 1;
  in = fit_input(be, in, axes, need, scratch);
  shape_t out_shape = in.shape;
  for (std::size_t i = 0; i < r; ++i)
    out_shape[at(axes[i])] = (k == kind::r2c && i + 1 == r) ? n[i] / 2 + 1 : n[i];
  const dtype out_dt =
      k == kind::c2c ? in.dt : (k == kind::r2c ? complex_of(in.dt) : real_of(in.dt));
  if (shape_size(out_shape) == 0) return be.alloc(out_shape, out_dt);

  // Transforms of length 1 are the identity (the halved axis of a real transform is kept).
  std::vector<std::int64_t> kept_axes;
  shape_t kept_n;
  for (std::size_t i = 0; i < r; ++i) {
    if (n[i] == 1 && !(k != kind::c2c && i + 1 == r)) continue;
    kept_axes.push_back(axes[i]);
    kept_n.push_back(n[i]);
  }
  if (kept_axes.empty()) return scratch && is_dense(in) ? in : dense_copy(be, in);

  if (k != kind::c2c && kept_n.back() == 1) {
    // A real transform of one point is a conversion: x0 -> (x0, 0), or (x0, y0) -> x0. It is
    // done as a copy through a view of the real parts, without cuFFT.
    const std::vector<std::int64_t> others(kept_axes.begin(), kept_axes.end() - 1);
    const shape_t others_n(kept_n.begin(), kept_n.end() - 1);
    if (k == kind::r2c) {
      array_desc c = alloc_in_order(be, out_shape, out_dt, stride_order(in.strides));
      be.fill_zero(c);
      be.copy_into(in, real_parts(c));
      return others.empty() ? c : transform(be, c, others, others_n, kind::c2c, forward, true);
    }
    if (!others.empty()) in = transform(be, in, others, others_n, kind::c2c, forward, scratch);
    array_desc out = alloc_in_order(be, out_shape, out_dt, stride_order(in.strides));
    be.copy_into(real_parts(in), out);
    return out;
  }

  const std::size_t kr = kept_axes.size();
  if (kr > 3) {
    auto part = [&](std::size_t from, std::size_t to) {
      return std::make_pair(
          std::vector<std::int64_t>(kept_axes.begin() + static_cast<std::ptrdiff_t>(from),
                                    kept_axes.begin() + static_cast<std::ptrdiff_t>(to)),
          shape_t(kept_n.begin() + static_cast<std::ptrdiff_t>(from),
                  kept_n.begin() + static_cast<std::ptrdiff_t>(to)));
    };
    const auto [head_axes, head_n] = part(0, kr - 3);
    const auto [tail_axes, tail_n] = part(kr - 3, kr);
    if (k == kind::c2r) {
      array_desc mid = transform(be, in, head_axes, head_n, kind::c2c, forward, scratch);
      return transform(be, mid, tail_axes, tail_n, kind::c2r, forward, true);
    }
    array_desc mid = transform(be, in, tail_axes, tail_n, k, forward, scratch);
    return transform(be, mid, head_axes, head_n, kind::c2c, forward, true);
  }

  layout L;
  std::vector<std::size_t> order = stride_order(in.strides);
  bool in_place = k == kind::c2c && scratch && is_dense(in);
  strides_t out_strides = in_place ? in.strides : dense_strides(out_shape, order);
  bool ok = describe(in, out_strides, out_shape, kept_axes, kept_n, k, L);
  if (!ok || (k == kind::c2r && !scratch)) {
    // Batch axes first in their order, then the transformed axes in cuFFT's order.
    std::vector<bool> transformed(in.shape.size(), false);
    std::vector<std::size_t> copy_order;
    if (ok) {
      for (const auto d : L.tdims) transformed[d] = true;
    } else {
      for (const auto a : kept_axes) transformed[at(a)] = true;
    }
    for (std::size_t d = 0; d < in.shape.size(); ++d)
      if (!transformed[d]) copy_order.push_back(d);
    if (ok) {
      for (const auto d : L.tdims) copy_order.push_back(d);
    } else {
      for (const auto a : kept_axes) copy_order.push_back(at(a));
    }
    array_desc copied = alloc_in_order(be, in.shape, in.dt, copy_order);
    be.copy_into(in, copied);
    ++be.copies;
    in = copied;
    scratch = true;
    order = copy_order;
    in_place = k == kind::c2c;
    out_strides = in_place ? in.strides : dense_strides(out_shape, order);
    ok = describe(in, out_strides, out_shape, kept_axes, kept_n, k, L);
    CUPP_ASSERT(ok);
  }
  if (k == kind::c2r && kept_axes.size() == 1) {
    // Note [Hermitian input]: NumPy's irfft ignores the imaginary parts of the zero-frequency
    // term and, for an even length, of the Nyquist term; cuFFT's C2R is undefined for them. They
    // are zeroed in the copy cuFFT reads (`in` is always cupp's own here), as CuPy does. An N-D
    // C2R takes its input to be Hermitian along every axis (as the result of rfftn is): there
    // the zero-frequency plane is complex and nothing can be zeroed.
    const std::size_t halved = at(kept_axes.back());
    const std::int64_t len = kept_n.back();
    zero_imaginary(be, in, halved, 0);
    if (len % 2 == 0 && len / 2 < in.shape[halved]) zero_imaginary(be, in, halved, len / 2);
  }
  array_desc out;
  if (in_place) {
    out = in;
  } else {
    out = alloc_in_order(be, out_shape, out_dt, order);
    CUPP_ASSERT(out.strides == out_strides);
  }

  L.key.type = cufft_type(k, is_single(in.dt));
  const int direction = forward ? CUFFT_FORWARD : CUFFT_INVERSE;
  const auto in_item = static_cast<std::int64_t>(in.itemsize());
  const auto out_item = static_cast<std::int64_t>(out.itemsize());
  std::int64_t calls = 1;
  for (const auto s : L.loop_size) calls *= s;
  for (std::int64_t c = 0; c < calls; ++c) {
    std::int64_t rem = c, off_in = 0, off_out = 0;
    for (std::size_t i = L.loop_size.size(); i-- > 0;) {
      const std::int64_t j = rem % L.loop_size[i];
      rem /= L.loop_size[i];
      off_in += j * L.loop_in[i];
      off_out += j * L.loop_out[i];
    }
    be.run(L.key, in.ptr + off_in * in_item, out.ptr + off_out * out_item, direction);
  }
  return out;
}

// Note [FFT scaling]: the normalisation x *= s (and ihfft's conjugate) is an elementwise
// expression on the real numbers the dense result holds. A complex array is scaled through the
// real view of its parts, so that each part is one product in its own precision (a complex
// product by s + 0i would turn inf * 0 into a nan); ihfft's conjugate multiplies the imaginary
// parts by -s instead, a second pass over the strided view of those.

/// x *= scale (and conjugated) over a dense array whose parts are of type R.
template <class R>
void scale_parts(const array_desc& x, double scale, bool conjugate) {
  const std::int64_t n = x.size();
  const R s = static_cast<R>(scale);
  if (!is_complex(x.dt)) {
    ndarray<R> v(x);
    v *= s;
    return;
  }
  // Dense: the n elements fill one block of memory from x.ptr.
  auto parts = [&](shape_t shape, strides_t strides, char* ptr) {
    array_desc v = make_view(x, std::move(shape), std::move(strides), ptr);
    v.dt = dtype_of<R>;
    return ndarray<R>(std::move(v));
  };
  if (!conjugate) {
    ndarray<R> all = parts({2 * n}, {1}, x.ptr);
    all *= s;
    return;
  }
  ndarray<R> re = parts({n}, {2}, x.ptr), im = parts({n}, {2}, x.ptr + sizeof(R));
  re *= s;
  im *= static_cast<R>(-scale);
}

/// x *= scale (and conjugated) over a dense array.
void scale_in_place(const array_desc& x, double scale, bool conjugate) {
  if (x.size() == 0) return;  // an empty result may have any strides
  CUPP_ASSERT(is_dense(x));
  if (is_single(x.dt))
    scale_parts<float>(x, scale, conjugate);
  else
    scale_parts<double>(x, scale, conjugate);
}

/// The transform of `args` without its scaling.
array_desc run_all(backend& be, const array_desc& a, const plan_args& args, bool a_is_scratch) {
  const std::size_t count = args.axes.size();
  std::vector<std::int64_t> sorted = args.axes;
  std::sort(sorted.begin(), sorted.end());
  const bool distinct = std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end();
  array_desc out;
  if (count == 0) {
    out = a_is_scratch ? a : dense_copy(be, a);
  } else if (distinct) {
    out = transform(be, a, args.axes, args.n, args.k, args.forward, a_is_scratch);
  } else {
    // Repeated axes: one 1-D transform after another, in NumPy's order.
    auto one = [&](const array_desc& x, std::size_t i, kind k, bool scratch) {
      return transform(be, x, {args.axes[i]}, {args.n[i]}, k, args.forward, scratch);
    };
    if (args.k == kind::c2c) {
      out = a;
      bool scratch = a_is_scratch;
      for (std::size_t i = count; i-- > 0;) {
        out = one(out, i, kind::c2c, scratch);
        scratch = true;
      }
    } else if (args.k == kind::r2c) {
      out = one(a, count - 1, kind::r2c, a_is_scratch);
      for (std::size_t i = count - 1; i-- > 0;) out = one(out, i, kind::c2c, true);
    } else {
      out = a;
      bool scratch = a_is_scratch;
      for (std::size_t i = 0; i + 1 < count; ++i) {
        out = one(out, i, kind::c2c, scratch);
        scratch = true;
      }
      out = one(out, count - 1, kind::c2r, scratch);
    }
  }
  return out;
}

}  // namespace

array_desc execute(const array_desc& a, const plan_args& args, bool a_is_scratch) {
  cuda::detail::require_device();
  device_backend be;
  array_desc out = run_all(be, a, args, a_is_scratch);
  if (args.scale != 1.0 || args.conjugate) scale_in_place(out, args.scale, args.conjugate);
  return out;
}

namespace {

using cd = std::complex<double>;

/// Host memory and a reference DFT in place of the GPU and cuFFT (for simulate()). The DFT reads
/// and writes each element at the address cuFFT's advanced layout gives it, so a wrong stride,
/// embedding or distance shows as a wrong value; a C2R call overwrites what it read with NaN, as
/// cuFFT may overwrite its input.
class host_backend final : public backend {
 public:
  array_desc alloc(const shape_t& shape, dtype dt) override {
    array_desc d;
    d.dt = dt;
    d.shape = shape;
    d.strides = c_strides(shape);
    const std::size_t bytes =
        static_cast<std::size_t>(std::max<std::int64_t>(shape_size(shape), 1)) * dtype_itemsize(dt);
    std::shared_ptr<char> mem(new char[bytes](), std::default_delete<char[]>());
    d.ptr = mem.get();
    d.owner = std::move(mem);
    return d;
  }
  void copy_into(const array_desc& src, const array_desc& dst) override {
    CUPP_ASSERT(src.shape == dst.shape && src.dt == dst.dt);
    const auto item = static_cast<std::int64_t>(src.itemsize());
    for_each_index(src.shape, [&](const shape_t& i) {
      std::memcpy(dst.ptr + offset(dst, i) * item, src.ptr + offset(src, i) * item,
                  static_cast<std::size_t>(item));
    });
  }
  void fill_zero(const array_desc& a) override {
    const auto item = static_cast<std::int64_t>(a.itemsize());
    for_each_index(a.shape, [&](const shape_t& i) {
      std::memset(a.ptr + offset(a, i) * item, 0, static_cast<std::size_t>(item));
    });
  }
  void run(const plan_key& key, char* in, char* out, int direction) override {
    ++calls;
    const auto r = static_cast<std::size_t>(key.rank);
    const bool c2r = key.type == CUFFT_Z2D, r2c = key.type == CUFFT_D2Z;
    CUPP_ASSERT(c2r || r2c || key.type == CUFFT_Z2Z);
    shape_t n(key.n.begin(), key.n.begin() + static_cast<std::ptrdiff_t>(r));
    shape_t in_dims = n, out_dims = n;
    if (c2r) in_dims.back() = n.back() / 2 + 1;
    if (r2c) out_dims.back() = n.back() / 2 + 1;
    auto address = [&](const shape_t& x, const std::array<long long, 3>& embed, long long stride,
                       long long dist, long long b) {
      long long lin = x[0];
      for (std::size_t k = 1; k < r; ++k) lin = lin * embed[k] + x[k];
      return b * dist + lin * stride;
    };
    for (long long b = 0; b < key.batch; ++b) {
      std::vector<cd> t;
      for_each_index(in_dims, [&](const shape_t& x) {
        const long long at_in = address(x, key.inembed, key.istride, key.idist, b);
        if (r2c) {
          double v;
          std::memcpy(&v, in + at_in * 8, 8);
          t.push_back(v);
        } else {
          cd v;
          std::memcpy(&v, in + at_in * 16, 16);
          t.push_back(v);
        }
      });
      shape_t dims = in_dims;
      if (c2r) {
        for (std::size_t d = 0; d + 1 < r; ++d) dft_dim(t, dims, d, +1, false, 0);
        dft_dim(t, dims, r - 1, +1, true, n.back());
      } else {
        // As cuFFT, an R2C transform is forward whatever the direction.
        for (std::size_t d = 0; d < r; ++d) dft_dim(t, dims, d, r2c ? -1 : direction, false, 0);
        if (r2c) t = keep_half(t, dims);
      }
      std::size_t j = 0;
      for_each_index(out_dims, [&](const shape_t& x) {
        const long long at_out = address(x, key.onembed, key.ostride, key.odist, b);
        if (c2r) {
          // Re + Im: cuFFT's C2R is undefined for input that is not Hermitian (an imaginary
          // zero-frequency or Nyquist term); leaking the imaginary part shows such input.
          const double v = t[j].real() + t[j].imag();
          ++j;
          std::memcpy(out + at_out * 8, &v, 8);
        } else {
          const cd v = t[j++];
          std::memcpy(out + at_out * 16, &v, 16);
        }
      });
      if (c2r) {
        for_each_index(in_dims, [&](const shape_t& x) {
          const cd nan(std::numeric_limits<double>::quiet_NaN(), 0.0);
          std::memcpy(in + address(x, key.inembed, key.istride, key.idist, b) * 16, &nan, 16);
        });
      }
    }
  }
  int calls = 0;

  template <class F>
  static void for_each_index(const shape_t& shape, F f) {
    if (shape_size(shape) == 0) return;
    shape_t i(shape.size(), 0);
    while (true) {
      f(i);
      std::size_t d = shape.size();
      while (d > 0) {
        --d;
        if (++i[d] < shape[d]) break;
        i[d] = 0;
        if (d == 0) return;
      }
      if (shape.empty()) return;
    }
  }
  static std::int64_t offset(const array_desc& a, const shape_t& i) {
    std::int64_t o = 0;
    for (std::size_t d = 0; d < i.size(); ++d) o += i[d] * a.strides[d];
    return o;
  }

 private:
  /// The DFT of every line of the dense `t` (dims `dims`) along `d`. `hermitian`: the line holds
  /// the first len/2+1 points of a spectrum of `real_len` points; the result is the inverse
  /// transform of its Hermitian extension (and dims[d] becomes real_len).
  static void dft_dim(std::vector<cd>& t, shape_t& dims, std::size_t d, int sign, bool hermitian,
                      std::int64_t real_len) {
    std::int64_t inner = 1, outer = 1;
    for (std::size_t i = d + 1; i < dims.size(); ++i) inner *= dims[i];
    for (std::size_t i = 0; i < d; ++i) outer *= dims[i];
    const std::int64_t len = dims[d], out_len = hermitian ? real_len : len;
    std::vector<cd> r(static_cast<std::size_t>(outer * out_len * inner));
    const double pi = 3.14159265358979323846;
    for (std::int64_t o = 0; o < outer; ++o)
      for (std::int64_t i = 0; i < inner; ++i) {
        std::vector<cd> line(static_cast<std::size_t>(out_len));
        for (std::int64_t k = 0; k < out_len; ++k) {
          std::int64_t src = k;
          bool conj = false;
          if (hermitian && k >= len) {
            src = out_len - k;
            conj = true;
          }
          if (src < len) {
            const cd v = t[static_cast<std::size_t>((o * len + src) * inner + i)];
            line[static_cast<std::size_t>(k)] = conj ? std::conj(v) : v;
          }
        }
        for (std::int64_t k = 0; k < out_len; ++k) {
          cd s{};
          for (std::int64_t j = 0; j < out_len; ++j)
            s += line[static_cast<std::size_t>(j)] *
                 std::polar(1.0, sign * 2 * pi * static_cast<double>((j * k) % out_len) /
                                     static_cast<double>(out_len));
          r[static_cast<std::size_t>((o * out_len + k) * inner + i)] = s;
        }
      }
    dims[d] = out_len;
    t = std::move(r);
  }
  static std::vector<cd> keep_half(const std::vector<cd>& t, const shape_t& dims) {
    const std::int64_t len = dims.back(), half = len / 2 + 1;
    std::vector<cd> r;
    for (std::size_t i = 0; i < t.size(); ++i)
      if (static_cast<std::int64_t>(i) % len < half) r.push_back(t[i]);
    return r;
  }
};

}  // namespace

simulation simulate(const std::vector<std::complex<double>>& buffer, dtype dt, const shape_t& shape,
                    const strides_t& strides, std::int64_t offset, const plan_args& args,
                    bool scratch) {
  CUPP_ASSERT(dt == dtype::float64 || dt == dtype::complex128);
  host_backend be;
  array_desc buf = be.alloc({static_cast<std::int64_t>(buffer.size())}, dt);
  for (std::size_t i = 0; i < buffer.size(); ++i) {
    if (dt == dtype::float64) {
      const double v = buffer[i].real();
      std::memcpy(buf.ptr + i * 8, &v, 8);
    } else {
      std::memcpy(buf.ptr + i * 16, &buffer[i], 16);
    }
  }
  const std::vector<char> before(buf.ptr, buf.ptr + buffer.size() * buf.itemsize());
  array_desc in = make_view(buf, shape, strides, buf.ptr + offset * static_cast<std::int64_t>(buf.itemsize()));
  const array_desc out = run_all(be, in, args, scratch);
  simulation s;
  s.shape = out.shape;
  s.strides = out.strides;
  s.calls = be.calls;
  s.copies = be.copies;
  s.input_untouched = std::equal(before.begin(), before.end(), buf.ptr);
  const bool cplx = out.dt == dtype::complex128;
  host_backend::for_each_index(out.shape, [&](const shape_t& i) {
    const std::int64_t o = host_backend::offset(out, i);
    cd v;
    if (cplx) {
      std::memcpy(&v, out.ptr + o * 16, 16);
    } else {
      double x;
      std::memcpy(&x, out.ptr + o * 8, 8);
      v = x;
    }
    v *= args.scale;
    s.values.push_back(args.conjugate ? std::conj(v) : v);
  });
  return s;
}

array_desc roll(const array_desc& a, const std::vector<std::int64_t>& shifts,
                const std::vector<std::int64_t>& axes) {
  shape_t total(a.shape.size(), 0);
  for (std::size_t i = 0; i < axes.size(); ++i) total[at(axes[i])] += shifts[i];
  std::vector<std::size_t> rolled;
  for (std::size_t d = 0; d < a.shape.size(); ++d) {
    const std::int64_t len = a.shape[d];
    if (len == 0) continue;
    total[d] = ((total[d] % len) + len) % len;
    if (total[d] != 0) rolled.push_back(d);
  }
  if (rolled.empty() || a.size() == 0) return cupp::detail::copy(a);
  array_desc out = make_array(a.shape, a.dt);
  const auto item = static_cast<std::int64_t>(a.itemsize());
  // Each rolled axis splits into two blocks that swap places: 2^k strided copies in all.
  for (std::size_t combo = 0; combo < (std::size_t{1} << rolled.size()); ++combo) {
    shape_t shape = a.shape;
    char* src = a.ptr;
    char* dst = out.ptr;
    for (std::size_t i = 0; i < rolled.size(); ++i) {
      const std::size_t d = rolled[i];
      const std::int64_t len = a.shape[d], s = total[d];
      const bool second = (combo >> i) & 1;
      // first block: src [0, len - s) -> dst [s, len); second: src [len - s, len) -> dst [0, s)
      shape[d] = second ? s : len - s;
      src += (second ? len - s : 0) * a.strides[d] * item;
      dst += (second ? 0 : s) * out.strides[d] * item;
    }
    cupp::detail::copy_into(make_view(a, shape, a.strides, src),
                            make_view(out, shape, out.strides, dst));
  }
  return out;
}

}  // namespace cupp::fft::detail
