// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/expr/reduce_engine.hpp"
#include "device_includes.hpp"

#include <cuda_runtime_api.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "cupp/core/shape.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/memory.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/jit/compiler.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "kernel_slots.hpp"

namespace cupp::expr::detail {

using cupp::detail::array_desc;

namespace {

// Note [Reduction kernels]: a reduction is seen as M outputs (the kept dimensions) times K
// elements each (the reduced dimensions, in the input's C order, so that argmax's index is
// NumPy's). Both groups have their dimensions merged where every operand allows. A block of 256
// threads serves 2^lg_to outputs with 2^lg_tr threads each, and three strategies cover the
// layouts:
//
//   inner         the reduced elements of an output are the closest in memory: the threads of
//                 an output run along them (a whole block per output when K is large)
//   inner_vector  the same with 16-byte loads, when the reduced elements are contiguous and
//                 aligned in every operand (full and last-axis reductions of contiguous arrays)
//   outer         the outputs are the closest in memory (axis 0 of a C-contiguous matrix): the 32
//                 threads of a warp take 32 adjacent outputs, so each load is one 128-byte line,
//                 and the other threads of the block take other rows
//
// When the outputs alone cannot fill the GPU, K is split over gridDim.y blocks per output (inner
// and outer: contiguous chunks; inner_vector: tiles of 4 vectors per thread dealt out in turn, so
// that the blocks sweep memory together, which measured 2.5% faster); each block writes
// a partial result, and the last block of an output column to finish (a ticket from a per-stream
// counter) combines the partials in a fixed order and writes the result. One launch, and the
// result depends only on the input and the launch shape, never on timing.
constexpr int kBlock = 256;
constexpr int kLgBlock = 8;
constexpr int kDynamicDims = 16;
constexpr int kAccBytes = 32;      // the largest accumulator: an index with a complex double
constexpr int kCounters = 1 << 14;  // per stream; more output blocks than this never split

int dims_index(int nd, bool kept) {  // slot of a dimension count
  if (kept) return nd <= 3 ? nd : 4;
  return nd <= 3 ? nd - 1 : 3;
}
/// The dimension count a kernel is compiled for: up to 3 unrolled, beyond that kDynamicDims.
int compiled_dims(int nd) { return nd <= 3 ? nd : kDynamicDims; }

int ceil_log2(std::int64_t v) {
  int lg = 0;
  while ((std::int64_t{1} << lg) < v) ++lg;
  return lg;
}

/// Zeroed ticket counters for split reductions, one buffer per (device, stream); the last block
/// of each output column sets its counter back to zero, so they stay zeroed between launches.
unsigned* counters_for(cudaStream_t stream) {
  static std::mutex mutex;
  static std::map<std::pair<int, cudaStream_t>, unsigned*> buffers;
  const int device = cuda::detail::current_device_id();
  std::lock_guard<std::mutex> lock(mutex);
  unsigned*& p = buffers[{device, stream}];
  if (p == nullptr) {
    void* raw = nullptr;
    const cuda::detail::relaxed_capture_mode relaxed;  // may be first needed during a capture
    CUPP_CHECK_CUDA(cudaMalloc(&raw, kCounters * sizeof(unsigned)));
    CUPP_CHECK_CUDA(cudaMemsetAsync(raw, 0, kCounters * sizeof(unsigned), stream));
    p = static_cast<unsigned*>(raw);
  }
  return p;
}

}  // namespace

struct reduce_family::impl {
  static constexpr int kSlots = 5 * 4 * 3 * 2;  // kept dims, reduced dims, mode, index width
  using slot_table = std::array<std::array<std::atomic<RawKernel*>, kSlots>, kNumDtypes>;
  using bound_entry = bound_variants<slot_table>::entry;

  reduce_info info;
  std::mutex mutex;
  slot_table slots{};                // every leaf distinct
  bound_variants<slot_table> bound;  // other binding patterns (Note [Leaf binding])

  explicit impl(reduce_info i) : info(std::move(i)) {}
  ~impl() {
    auto free = [](slot_table& t) {
      for (auto& by_dtype : t)
        for (auto& k : by_dtype) delete k.load();
    };
    free(slots);
    bound.for_each(free);
  }

  int n_arrays() const { return static_cast<int>(info.arrays.size()); }
  int first(const std::vector<int>& pattern, int leaf) const {  // arrays, then scalars
    return pattern.empty() ? (leaf < n_arrays() ? leaf : leaf - n_arrays())
                           : pattern[static_cast<std::size_t>(leaf)];
  }

  int vec_width() const {
    std::size_t widest = 1;
    for (dtype d : info.arrays) widest = std::max(widest, dtype_itemsize(d));
    return static_cast<int>(std::max<std::size_t>(1, 16 / widest));
  }

  static int slot_of(int no, int nr, reduce_mode mode, bool wide) {
    return ((dims_index(no, true) * 4 + dims_index(nr, false)) * 3 + static_cast<int>(mode)) * 2 +
           (wide ? 1 : 0);
  }

  std::string kernel_name(dtype out, int no, int nr, reduce_mode mode, bool wide) const {
    std::string ops = info.name.size() > 48 ? info.name.substr(0, 48) : info.name;
    const char* m = mode == reduce_mode::inner ? "i" : mode == reduce_mode::outer ? "o" : "v";
    return "cupp_red_" + ops + "_" + std::to_string(static_cast<int>(out)) + "_k" +
           std::to_string(compiled_dims(no)) + "r" + std::to_string(compiled_dims(nr)) +
           m + (wide ? "_i64" : "_i32");
  }

  std::string source(dtype out, int no, int nr, reduce_mode mode, bool wide,
                     const std::vector<int>& pattern) const {
    const int n_arrays = static_cast<int>(info.arrays.size());
    const int n_scalars = static_cast<int>(info.scalars.size());
    // The array leaves read from memory, and their layout rows (1 + rank among them).
    std::vector<int> loaded, row(static_cast<std::size_t>(n_arrays), 0);
    for (int i = 0; i < n_arrays; ++i)
      if (first(pattern, i) == i) {
        loaded.push_back(i);
        row[static_cast<std::size_t>(i)] = static_cast<int>(loaded.size());
      }
    const int n_loaded = static_cast<int>(loaded.size());
    auto scalar_first = [&](int j) { return first(pattern, n_arrays + j); };
    // The scalars that read another's value, declared at the top of each member function.
    std::string bound_scalars;
    for (int j = 0; j < n_scalars; ++j)
      if (scalar_first(j) != j)
        bound_scalars += std::string("    const ") +
                         device_type_name(info.scalars[static_cast<std::size_t>(j)]) + " s" +
                         std::to_string(j) + " = s" + std::to_string(scalar_first(j)) + ";\n";
    // `load(i, from)`: the line that gives leaf i its value, from memory (`from` of a loaded one)
    // or from the leaf it is bound to.
    auto load = [&](int i, const std::string& pad, const std::string& from) {
      const std::string k = std::to_string(i);
      const int f = first(pattern, i);
      return pad + "const cupp_a" + k + "_t v" + k + " = " + (f == i ? from : "v" + std::to_string(f)) +
             ";\n";
    };
    const int w = vec_width();
    std::string s = "#include <cupp/reduction.cuh>\n" +
                    special_include(info.expression + info.preamble) + info.preamble + "\n";
    s += std::string("typedef ") + (wide ? "long long" : "int") + " cupp_index_t;\n";
    s += std::string("typedef ") + device_type_name(out) + " cupp_out_t;\n";
    for (int i = 0; i < n_arrays; ++i)
      s += std::string("typedef ") + device_type_name(info.arrays[static_cast<std::size_t>(i)]) +
           " cupp_a" + std::to_string(i) + "_t;\n";
    s += "typedef " + info.op + " cupp_op;\n";
    s += "#define CUPP_EXPR " + info.expression + "\n";
    s += "struct cupp_expr_t {\n  static constexpr int n = " + std::to_string(n_loaded) +
         ";\n  static constexpr int vec = " + std::to_string(w) + ";\n";
    for (int i : loaded)
      s += "  const cupp_a" + std::to_string(i) + "_t* __restrict__ cupp_a" + std::to_string(i) +
           ";\n";
    for (int j = 0; j < n_scalars; ++j)
      if (scalar_first(j) == j)
        s += std::string("  ") + device_type_name(info.scalars[static_cast<std::size_t>(j)]) +
             " s" + std::to_string(j) + ";\n";
    s += "  __device__ __forceinline__ cupp_op::acc_t operator()(const cupp_index_t* cupp_at, "
         "cupp_index_t cupp_r) const {\n";
    s += bound_scalars;
    for (int i = 0; i < n_arrays; ++i)
      s += load(i, "    ",
                "cupp_a" + std::to_string(i) + "[cupp_at[" +
                    std::to_string(row[static_cast<std::size_t>(i)]) + "]]");
    s += "    return cupp_op::map(CUPP_EXPR, (long long)cupp_r);\n  }\n";
    // combine_vec<U>: U vectors of W elements per operand, `step` elements apart, all loaded
    // before any is combined, so that U loads per operand are in flight at once.
    s += "  template <int U>\n  __device__ __forceinline__ void combine_vec(const cupp_index_t* "
         "cupp_at, cupp_index_t cupp_r, cupp_index_t cupp_step, cupp_op::acc_t& cupp_acc) const {\n";
    s += bound_scalars;
    const std::string ws = std::to_string(w);
    for (int i : loaded) {
      const std::string k = std::to_string(i);
      s += "    cupp::vec<cupp_a" + k + "_t, " + ws + "> cupp_w" + k + "[U];\n";
      s += "#pragma unroll\n    for (int cupp_u = 0; cupp_u < U; ++cupp_u) cupp_w" + k +
           "[cupp_u] = *reinterpret_cast<const cupp::vec<cupp_a" + k + "_t, " + ws + ">*>(cupp_a" +
           k + " + cupp_at[" + std::to_string(row[static_cast<std::size_t>(i)]) +
           "] + cupp_r + cupp_u * cupp_step);\n";
    }
    s += "#pragma unroll\n    for (int cupp_u = 0; cupp_u < U; ++cupp_u) {\n";
    s += "#pragma unroll\n    for (int cupp_j = 0; cupp_j < " + ws + "; ++cupp_j) {\n";
    for (int i = 0; i < n_arrays; ++i)
      s += load(i, "      ", "cupp_w" + std::to_string(i) + "[cupp_u].v[cupp_j]");
    s += "      cupp_acc = cupp_op::combine(cupp_acc, cupp_op::map(CUPP_EXPR, (long long)(cupp_r "
         "+ cupp_u * cupp_step + cupp_j)));\n    }\n    }\n  }\n};\n";

    const std::string NO = std::to_string(compiled_dims(no));
    const std::string NR = std::to_string(compiled_dims(nr));
    s += "CUPP_GENERATED_KERNEL(" + std::to_string(kBlock) + ") " +
         kernel_name(out, no, nr, mode, wide) + "(cupp_out_t* __restrict__ cupp_out";
    for (int i : loaded)
      s += ", const cupp_a" + std::to_string(i) + "_t* __restrict__ cupp_a" + std::to_string(i);
    for (int j = 0; j < n_scalars; ++j)
      if (scalar_first(j) == j)
        s += std::string(", const ") + device_type_name(info.scalars[static_cast<std::size_t>(j)]) +
             " s" + std::to_string(j);
    s += ", const cupp::red::layout<" + NO + ", " + NR + ", " + std::to_string(n_loaded + 1) +
         "> cupp_L, const long long cupp_M, const long long cupp_K, const long long cupp_chunk, "
         "void* cupp_partials, unsigned* cupp_counters, const double cupp_ddof, const int "
         "cupp_no, const int cupp_nr, const int cupp_lg_to, const int cupp_lg_tr) {\n";
    s += "  const cupp_expr_t cupp_ex{";
    bool any = false;
    for (int i : loaded) {
      s += (any ? ", " : "") + std::string("cupp_a") + std::to_string(i);
      any = true;
    }
    for (int j = 0; j < n_scalars; ++j)
      if (scalar_first(j) == j) {
        s += (any ? ", " : "") + std::string("s") + std::to_string(j);
        any = true;
      }
    s += "};\n";
    s += "  cupp::red::run<cupp_op, cupp_out_t, cupp_expr_t, " + NO + ", " + NR + ", " +
         std::to_string(static_cast<int>(mode)) + ", cupp_index_t, " + std::to_string(kBlock) +
         ">(cupp_out, cupp_ex, cupp_L, cupp_M, cupp_K, cupp_chunk, "
         "static_cast<cupp_op::acc_t*>(cupp_partials), cupp_counters, cupp_ddof, cupp_no, "
         "cupp_nr, cupp_lg_to, cupp_lg_tr);\n}\n";
    return s;
  }

  /// The kernel of a variant; `entry` is the binding pattern's (null: every leaf distinct).
  RawKernel& kernel(dtype out, int no, int nr, reduce_mode mode, bool wide, bound_entry* entry) {
    slot_table& table = entry ? entry->slots : slots;
    auto& slot = table[static_cast<std::size_t>(out)][static_cast<std::size_t>(slot_of(no, nr, mode, wide))];
    return kernel_in_slot(slot, mutex, [&] {
      static const std::vector<int> unbound;
      return new RawKernel(source(out, no, nr, mode, wide, entry ? entry->pattern : unbound),
                           kernel_name(out, no, nr, mode, wide), info.options);
    });
  }
};

reduce_family::reduce_family(reduce_info info) : impl_(std::make_unique<impl>(std::move(info))) {}
reduce_family::~reduce_family() = default;

std::string reduce_family::source(dtype out, int kept_dims, int reduced_dims, reduce_mode mode,
                                  bool wide_index, const std::vector<int>& binding) const {
  return impl_->source(out, kept_dims, reduced_dims, mode, wide_index, binding);
}

void reduce_family::compile_all(dtype out, int arch, const std::vector<int>& binding) {
  for (int no : {0, 1, 2, 3, 4})
    for (int nr : {1, 2, 3, 4})
      for (reduce_mode m : {reduce_mode::inner, reduce_mode::outer, reduce_mode::inner_vector})
        for (bool wide : {false, true})
          (void)jit::get_default_compiler().compile(impl_->source(out, no, nr, m, wide, binding),
                                                    impl_->info.options, {}, arch);
}

std::vector<int> reduce_family::binding(const operands& ops) const {
  std::vector<int> pattern;
  (void)bind_leaves(ops, impl_->info.scalars, pattern);
  return pattern;
}

void reduce_family::launch(const array_desc& out, const operands& ops, const shape_t& in_shape,
                           const std::vector<int>& axes, double ddof) {
  if (run(out, ops, in_shape, axes, ddof)) return;
  throw not_implemented_error("a reduction may take at most " +
                              std::to_string(operands::kMaxArrays) + " distinct array operands and " +
                              std::to_string(operands::kMaxScalars) + " distinct scalars");
}

bool reduce_family::try_launch(const array_desc& out, const operands& ops, const shape_t& in_shape,
                               const std::vector<int>& axes, double ddof) {
  return run(out, ops, in_shape, axes, ddof);
}

bool reduce_family::run(const array_desc& out, const operands& ops, const shape_t& in_shape,
                        const std::vector<int>& axes, double ddof) {
  impl& m = *impl_;
  // The leaves read from memory and the scalars passed (Note [Leaf binding]).
  const auto [entry, loaded, scalars, n_loaded, n_scalars] =
      m.bound.bind(ops, m.info.scalars, m.mutex);
  if (n_loaded > operands::kMaxArrays || n_scalars > operands::kMaxScalars) return false;

  cupp::detail::check_writable(out);
  const int nd = static_cast<int>(in_shape.size());
  const int n_arrays = n_loaded;
  const int rows = n_arrays + 1;  // the output, then the array operands

  // Each operand's strides over the full shape (0 where it is broadcast).
  std::vector<strides_t> full(static_cast<std::size_t>(n_arrays));
  for (int i = 0; i < n_arrays; ++i)
    full[static_cast<std::size_t>(i)] = cupp::detail::broadcast_to(ops.array(loaded[i]), in_shape).strides;

  std::vector<bool> reduced(static_cast<std::size_t>(nd), false);
  for (int a : axes) reduced[static_cast<std::size_t>(a)] = true;
  shape_t kshape, rshape;
  std::vector<strides_t> kst(static_cast<std::size_t>(rows)), rst(static_cast<std::size_t>(rows));
  std::size_t out_dim = 0;
  for (int d = 0; d < nd; ++d) {
    const auto dd = static_cast<std::size_t>(d);
    if (reduced[dd]) {
      rshape.push_back(in_shape[dd]);
      rst[0].push_back(0);
      for (int i = 0; i < n_arrays; ++i) rst[static_cast<std::size_t>(i) + 1].push_back(full[static_cast<std::size_t>(i)][dd]);
    } else {
      kshape.push_back(in_shape[dd]);
      kst[0].push_back(out.strides[out_dim++]);
      for (int i = 0; i < n_arrays; ++i) kst[static_cast<std::size_t>(i) + 1].push_back(full[static_cast<std::size_t>(i)][dd]);
    }
  }
  CUPP_ASSERT(out.shape == kshape);
  const std::int64_t M = shape_size(kshape), K = shape_size(rshape);
  if (M == 0) return true;

  std::vector<strides_t*> kptr, rptr;
  for (auto& s : kst) kptr.push_back(&s);
  for (auto& s : rst) rptr.push_back(&s);
  collapse_dims(kshape, kptr);
  collapse_dims(rshape, rptr);
  if (rshape.empty()) {
    rshape = {1};
    for (auto& s : rst) s = {0};
  }
  CUPP_EXPECTS(kshape.size() <= kDynamicDims && rshape.size() <= kDynamicDims,
               not_implemented_error, "reductions over more than 16 non-mergeable dimensions");
  const int no = static_cast<int>(kshape.size()), nr = static_cast<int>(rshape.size());

  // Strategy: outer when the operands' closest elements are along a kept dimension.
  std::int64_t min_kept = std::numeric_limits<std::int64_t>::max(), min_red = min_kept;
  for (int i = 1; i < rows; ++i) {
    for (int d = 0; d < no; ++d)
      if (kst[static_cast<std::size_t>(i)][static_cast<std::size_t>(d)] != 0)
        min_kept = std::min(min_kept, std::abs(kst[static_cast<std::size_t>(i)][static_cast<std::size_t>(d)]));
    for (int d = 0; d < nr; ++d)
      if (rst[static_cast<std::size_t>(i)][static_cast<std::size_t>(d)] != 0)
        min_red = std::min(min_red, std::abs(rst[static_cast<std::size_t>(i)][static_cast<std::size_t>(d)]));
  }
  reduce_mode mode = min_kept < min_red ? reduce_mode::outer : reduce_mode::inner;
  const int w = impl_->vec_width();
  if (mode == reduce_mode::inner && nr == 1 && n_arrays > 0 && w > 1 && K >= 4 * w) {
    bool vec = true;
    for (int i = 0; i < n_arrays && vec; ++i) {
      const auto& st = rst[static_cast<std::size_t>(i) + 1];
      vec = st[0] == 1 && reinterpret_cast<std::uintptr_t>(ops.array(loaded[i]).ptr) % 16 == 0;
      for (int d = 0; d < no && vec; ++d) vec = kst[static_cast<std::size_t>(i) + 1][static_cast<std::size_t>(d)] % w == 0;
    }
    if (vec) mode = reduce_mode::inner_vector;
  }

  // Threads per output, outputs per block.
  const std::int64_t unit = mode == reduce_mode::inner_vector ? w : 1;
  int lg_tr, lg_to;
  if (mode == reduce_mode::outer) {
    const int lg_warp = std::min(5, ceil_log2(M));
    lg_tr = std::min(kLgBlock - lg_warp, ceil_log2(K));
    lg_to = kLgBlock - lg_tr;
  } else {
    lg_tr = std::min(kLgBlock, ceil_log2((K + unit - 1) / unit));
    lg_to = kLgBlock - lg_tr;
  }
  const std::int64_t per_block = std::int64_t{1} << lg_to;
  const std::int64_t blocks_x = (M + per_block - 1) / per_block;
  CUPP_EXPECTS(blocks_x <= std::numeric_limits<int>::max(), not_implemented_error,
               "reduction with too many outputs");

  // Split K when the output blocks cannot fill the GPU: into as many blocks as the GPU holds at
  // once, rounded down, since a last wave that is partly empty costs as much as a full one (one
  // wave measured best for the outer reductions too: axis 0 of 8192^2 float32 at 2886 GB/s, 2856
  // with two waves, 2761 with four).
  RawKernel& kern = m.kernel(out.dt, no, nr, mode, false, entry);
  std::int64_t splits = 1, chunk = K;
  const std::int64_t min_chunk = (std::int64_t{1} << lg_tr) * 8 * unit;
  if (K > 2 * min_chunk && blocks_x <= kCounters) {
    const int sms = cuda::Device(cuda::detail::current_device_id()).multiprocessor_count();
    const std::int64_t slots = static_cast<std::int64_t>(sms) * std::max(1, kern.max_active_blocks(kBlock));
    if (blocks_x * 2 <= slots) {
      splits = std::min<std::int64_t>({slots / blocks_x, K / min_chunk, 65535});
      chunk = (K + splits - 1) / splits;
      chunk = (chunk + unit - 1) / unit * unit;
      splits = (K + chunk - 1) / chunk;
      if (splits <= 1) {
        splits = 1;
        chunk = K;
      }
    }
  }

  // 32-bit indexing when every offset and count fits.
  auto extent = [](const shape_t& shape, const strides_t& st) {
    std::int64_t e = 0;
    for (std::size_t d = 0; d < shape.size(); ++d) e += (shape[d] - 1) * std::abs(st[d]);
    return e;
  };
  bool wide = !fits_int32(K + chunk + (std::int64_t{1} << lg_tr) * 4 * unit);
  for (int i = 0; i < rows && !wide; ++i)
    wide = !fits_int32(extent(kshape, kst[static_cast<std::size_t>(i)]) +
                       extent(rshape, rst[static_cast<std::size_t>(i)]) + 4 * unit);

  // The layout parameter, as cupp::red::layout<NO, NR, Rows> lays it out.
  const int NOc = std::max(1, compiled_dims(no)), NRc = compiled_dims(nr);
  std::vector<long long> packed(static_cast<std::size_t>(NOc + NRc + rows * (NOc + NRc)), 0);
  std::size_t p = 0;
  for (int d = 0; d < NOc; ++d) packed[p++] = d < no ? kshape[static_cast<std::size_t>(d)] : 1;
  for (int d = 0; d < NRc; ++d) packed[p++] = d < nr ? rshape[static_cast<std::size_t>(d)] : 1;
  for (int r = 0; r < rows; ++r)
    for (int d = 0; d < NOc; ++d)
      packed[p++] = d < no ? kst[static_cast<std::size_t>(r)][static_cast<std::size_t>(d)] : 0;
  for (int r = 0; r < rows; ++r)
    for (int d = 0; d < NRc; ++d)
      packed[p++] = d < nr ? rst[static_cast<std::size_t>(r)][static_cast<std::size_t>(d)] : 0;

  const cudaStream_t stream = cuda::get_current_stream();
  std::shared_ptr<void> partials;
  unsigned* counters = nullptr;
  if (splits > 1) {
    partials = cuda::allocate(static_cast<std::size_t>(splits * M) * kAccBytes);
    counters = counters_for(stream);
  }

  std::array<void*, operands::kMaxArrays + operands::kMaxScalars + 16> params;
  std::array<const void*, operands::kMaxArrays + 1> pointers;
  std::size_t k = 0, q = 0;
  pointers[q] = out.ptr;
  params[k++] = &pointers[q++];
  for (int i = 0; i < n_arrays; ++i) {
    pointers[q] = ops.array(loaded[i]).ptr;
    params[k++] = &pointers[q++];
  }
  for (int j = 0; j < n_scalars; ++j) params[k++] = const_cast<void*>(ops.scalar(scalars[j]));
  long long m_arg = M, k_arg = K, chunk_arg = chunk;
  void* partials_arg = partials.get();
  int no_arg = no, nr_arg = nr;
  params[k++] = packed.data();
  params[k++] = &m_arg;
  params[k++] = &k_arg;
  params[k++] = &chunk_arg;
  params[k++] = &partials_arg;
  params[k++] = &counters;
  params[k++] = &ddof;
  params[k++] = &no_arg;
  params[k++] = &nr_arg;
  params[k++] = &lg_to;
  params[k++] = &lg_tr;

  RawKernel& launched = wide ? m.kernel(out.dt, no, nr, mode, true, entry) : kern;
  launched.launch_params(dim3(static_cast<unsigned>(blocks_x), static_cast<unsigned>(splits)),
                         dim3(kBlock), 0, stream, params.data());
  return true;
}

}  // namespace cupp::expr::detail
