// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#include "cupp/expr/engine.hpp"
#include "device_includes.hpp"

#include <cuda_runtime_api.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <mutex>
#include <string>

#include "../cuda/launch.hpp"
#include "cupp/core/promotion.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/jit/compiler.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "kernel_slots.hpp"

namespace cupp::expr::detail {

using cupp::detail::array_desc;

const char* device_type_name(dtype d) noexcept {
  switch (d) {
    case dtype::bool_: return "bool";
    case dtype::int8: return "signed char";
    case dtype::int16: return "short";
    case dtype::int32: return "int";
    case dtype::int64: return "long long";
    case dtype::uint8: return "unsigned char";
    case dtype::uint16: return "unsigned short";
    case dtype::uint32: return "unsigned int";
    case dtype::uint64: return "unsigned long long";
    case dtype::float16: return "cupp::half";
    case dtype::bfloat16: return "cupp::bfloat16_t";
    case dtype::float32: return "float";
    case dtype::float64: return "double";
    case dtype::complex64: return "cupp::complex<float>";
    case dtype::complex128: return "cupp::complex<double>";
  }
  return "void";
}

namespace {

// Note [Kernel families]: the CUDA source of an expression depends only on its C++ type, so each
// expression type owns one kernel_family (a function-local static), built from the generator's
// walk of the type the first time the type is evaluated. A launch picks a variant by the output
// dtype (a result cast on store), the layout and the index width, and finds its kernel in a fixed
// slot of the family: no string is built or hashed after the first launch of a variant. Variants
// compile lazily, each through the shared compiler and its disk cache.
//
//   variant 0  every operand C-contiguous with the output's shape and 16-byte aligned: each
//              thread moves 16 bytes of the widest operand per access (cupp::vec), a scalar
//              loop for the tail
//   1, 2, 3    strided, after merging the dimensions contiguous in every operand, unrolled
//   4          strided with up to kDynamicDims dimensions, not unrolled
//   5          2-D through 32x32 tiles in shared memory, for operands whose contiguous dimension
//              is not the output's (a transpose): they are read along their own rows, so both
//              the reads and the writes are coalesced
// Before that, the dimensions are reordered so that the output's strides decrease (iteration
// order does not matter elementwise; NumPy's nditer does the same), which makes writes coalesced
// and lets a transposed output take the tiled path. Index arithmetic is 32-bit when the element
// count and every operand's extent fit.
constexpr int kContiguous = 0;
constexpr int kDynamic = 4;
constexpr int kTiled = 5;
constexpr int kTile = 32;
constexpr int kTileRows = 8;  // a tile is moved by 32 x 8 threads, four rows each
constexpr int kDynamicDims = 16;
constexpr int kBlock = 256;

std::string dims_text(int nd) { return std::to_string(nd); }

}  // namespace

struct kernel_family::impl {
  // [first output's dtype][variant][wide index]
  using slot_table =
      std::array<std::array<std::array<std::atomic<RawKernel*>, 2>, kVariants>, kNumDtypes>;
  using bound_entry = bound_variants<slot_table>::entry;

  family_info info;
  std::mutex mutex;
  slot_table slots{};                // every leaf distinct
  bound_variants<slot_table> bound;  // other binding patterns (Note [Leaf binding])

  explicit impl(family_info i) : info(std::move(i)) {}
  ~impl() {
    auto free = [](slot_table& t) {
      for (auto& by_variant : t)
        for (auto& by_index : by_variant)
          for (auto& k : by_index) delete k.load();
    };
    free(slots);
    bound.for_each(free);
  }

  int n_arrays() const { return static_cast<int>(info.arrays.size()); }
  /// The leaf that array (scalar) leaf i reads under `pattern` (empty: every leaf distinct).
  int array_first(const std::vector<int>& pattern, int i) const {
    return pattern.empty() ? i : pattern[static_cast<std::size_t>(i)];
  }
  int scalar_first(const std::vector<int>& pattern, int i) const {
    return pattern.empty() ? i : pattern[static_cast<std::size_t>(n_arrays() + i)];
  }
  std::vector<int> distinct_arrays(const std::vector<int>& pattern) const {
    std::vector<int> d;
    for (int i = 0; i < n_arrays(); ++i)
      if (array_first(pattern, i) == i) d.push_back(i);
    return d;
  }

  bool statement() const { return !info.statement.empty(); }

  /// The output dtypes of a launch whose (first) output has dtype `out`.
  std::vector<dtype> outputs(dtype out) const {
    return statement() ? info.outputs : std::vector<dtype>{out};
  }

  int vec_width(dtype out) const {
    if (statement()) return 1;
    std::size_t widest = dtype_itemsize(out);
    for (dtype d : info.arrays) widest = std::max(widest, dtype_itemsize(d));
    return static_cast<int>(std::max<std::size_t>(1, 16 / widest));
  }

  std::string kernel_name(dtype out, int variant, bool wide) const {
    std::string ops = info.name.size() > 48 ? info.name.substr(0, 48) : info.name;
    std::string v = variant == kContiguous ? "c" + std::to_string(vec_width(out))
                    : variant == kDynamic  ? std::string("n")
                    : variant == kTiled    ? std::string("t")
                                           : "s" + std::to_string(variant);
    return (statement() ? "" : "cupp_ew_") + ops + "_" + cupp::detail::dtype_short_name(out) +
           "_" + v + (wide ? "_i64" : "_i32");
  }

  // Note [Generated names]: every name the generator declares starts with cupp_ (pointers
  // cupp_out<k>, cupp_a<k>, offsets cupp_q<k>, cupp_p<k>, the index cupp_i), except the loaded
  // values v<k> and scalars s<k> an expression refers to, so that the names of an
  // ElementwiseKernel's parameters and body cannot collide with them.
  std::string element(const std::string& out_offset, const std::string& in_offset,
                      int n_outputs, const std::vector<int>& pattern) const {
    const int n_arrays = static_cast<int>(info.arrays.size());
    std::string s;
    for (int i = 0; i < n_arrays; ++i) {
      const std::string k = std::to_string(i);
      const int first = array_first(pattern, i);
      s += "    const cupp_a" + k + "_t v" + k + " = " +
           (first == i ? "cupp_a" + k + "[" + in_offset + k + "]" : "v" + std::to_string(first)) +
           ";\n";
    }
    if (!statement())
      return s + "    cupp_out0[" + out_offset + "0] = cupp::ufn::cast<cupp_out0_t>(CUPP_EXPR);\n";
    for (int i = 0; i < n_arrays; ++i)
      s += "    const cupp_a" + std::to_string(i) + "_t& " + info.array_names[static_cast<std::size_t>(i)] +
           " = v" + std::to_string(i) + ";\n";
    for (std::size_t i = 0; i < info.scalars.size(); ++i)
      s += std::string("    const ") + device_type_name(info.scalars[i]) + " " +
           info.scalar_names[i] + " = s" + std::to_string(i) + ";\n";
    for (int i = 0; i < n_outputs; ++i) {
      const std::string k = std::to_string(i);
      s += "    cupp_out" + k + "_t& " + info.output_names[static_cast<std::size_t>(i)] +
           " = cupp_out" + k + "[" + out_offset + k + "];\n";
    }
    s += "    const long long i = cupp_i;\n    (void)i;\n";
    return s + "    {\n" + info.statement + ";\n    }\n";
  }

  std::string source(dtype out, int variant, bool wide, const std::vector<int>& pattern) const {
    const int n_arrays = static_cast<int>(info.arrays.size());
    const std::vector<int> loaded = distinct_arrays(pattern);  // the array leaves read from memory
    const std::vector<dtype> outs = outputs(out);
    const int n_outputs = static_cast<int>(outs.size());
    const int rows = n_outputs + static_cast<int>(loaded.size());  // layout rows: outputs, loaded
    std::string s = "#include <cupp/ufunc.cuh>\n#include <cupp/elementwise.cuh>\n";
    s += special_include(info.expression + info.statement + info.preamble);
    s += info.preamble + "\n";
    s += std::string("typedef ") + (wide ? "long long" : "int") + " cupp_index_t;\n";
    for (int i = 0; i < n_outputs; ++i)
      s += std::string("typedef ") + device_type_name(outs[static_cast<std::size_t>(i)]) +
           " cupp_out" + std::to_string(i) + "_t;\n";
    for (int i = 0; i < n_arrays; ++i)
      s += std::string("typedef ") + device_type_name(info.arrays[static_cast<std::size_t>(i)]) +
           " cupp_a" + std::to_string(i) + "_t;\n";
    const int nd = variant == kDynamic ? kDynamicDims : variant == kTiled ? 2 : variant;
    if (variant != kContiguous)
      s += "struct cupp_layout_t { long long shape[" + dims_text(nd) + "]; long long st[" +
           std::to_string(rows) + "][" + dims_text(nd) + "]; };\n";
    if (!statement()) s += "#define CUPP_EXPR " + info.expression + "\n";
    // Outputs of an ElementwiseKernel may alias its raw inputs: no __restrict__ there.
    const std::string restrict_ = statement() ? "" : " __restrict__";
    s += "CUPP_GENERATED_KERNEL(" + std::to_string(kBlock) + ") " +
         kernel_name(out, variant, wide) + "(";
    for (int i = 0; i < n_outputs; ++i)
      s += (i ? ", " : "") + std::string("cupp_out") + std::to_string(i) + "_t*" + restrict_ +
           " cupp_out" + std::to_string(i);
    for (int i : loaded)
      s += ", const cupp_a" + std::to_string(i) + "_t*" + restrict_ + " cupp_a" + std::to_string(i);
    for (std::size_t i = 0; i < info.raws.size(); ++i)
      s += std::string(", ") + device_type_name(info.raws[i]) + "* " + info.raw_names[i];
    for (std::size_t i = 0; i < info.scalars.size(); ++i)
      if (scalar_first(pattern, static_cast<int>(i)) == static_cast<int>(i))
        s += std::string(", const ") + device_type_name(info.scalars[i]) + " s" + std::to_string(i);
    if (variant != kContiguous) s += ", const cupp_layout_t cupp_L";
    if (variant == kDynamic) s += ", const int cupp_nd";
    if (variant == kTiled) s += ", const unsigned cupp_tiled";
    s += ", const long long cupp_n) {\n";
    for (std::size_t i = 0; i < info.scalars.size(); ++i) {
      const int first = scalar_first(pattern, static_cast<int>(i));
      if (first != static_cast<int>(i))
        s += std::string("  const ") + device_type_name(info.scalars[i]) + " s" +
             std::to_string(i) + " = s" + std::to_string(first) + ";\n";
    }
    if (statement())
      s += "  struct { long long n; __device__ long long size() const { return n; } } _ind{cupp_n};\n"
           "  (void)_ind;\n";

    if (variant == kContiguous) {
      const int vw = vec_width(out);
      const std::string w = std::to_string(vw);
      s += "  const cupp_index_t cupp_step = (cupp_index_t)gridDim.x * blockDim.x * " + w + ";\n";
      s += "  for (cupp_index_t cupp_base = ((cupp_index_t)blockIdx.x * blockDim.x + threadIdx.x) * " +
           w + "; cupp_base < (cupp_index_t)cupp_n; cupp_base += cupp_step) {\n";
      if (vw > 1) {
        s += "    if (cupp_base + " + w + " <= (cupp_index_t)cupp_n) {\n";
        for (int i : loaded) {
          const std::string k = std::to_string(i);
          s += "      const cupp::vec<cupp_a" + k + "_t, " + w + "> cupp_r" + k +
               " = *reinterpret_cast<const cupp::vec<cupp_a" + k + "_t, " + w + ">*>(cupp_a" + k +
               " + cupp_base);\n";
        }
        s += "      cupp::vec<cupp_out0_t, " + w + "> cupp_w;\n#pragma unroll\n";
        s += "      for (int cupp_j = 0; cupp_j < " + w + "; ++cupp_j) {\n";
        for (int i = 0; i < n_arrays; ++i) {
          const std::string k = std::to_string(i);
          const int first = array_first(pattern, i);
          s += "        const cupp_a" + k + "_t v" + k + " = " +
               (first == i ? "cupp_r" + k + ".v[cupp_j]" : "v" + std::to_string(first)) + ";\n";
        }
        s += "        const long long cupp_i = cupp_base + cupp_j;\n        (void)cupp_i;\n";
        s += "        cupp_w.v[cupp_j] = cupp::ufn::cast<cupp_out0_t>(CUPP_EXPR);\n      }\n";
        s += "      *reinterpret_cast<cupp::vec<cupp_out0_t, " + w +
             ">*>(cupp_out0 + cupp_base) = cupp_w;\n";
        s += "      continue;\n    }\n";
      }
      s += "    for (cupp_index_t cupp_e = cupp_base; cupp_e < (cupp_index_t)cupp_n && cupp_e < "
           "cupp_base + " + w + "; ++cupp_e) {\n";
      s += "      const long long cupp_i = cupp_e;\n      (void)cupp_i;\n";
      std::string offsets;
      for (int i = 0; i < n_outputs; ++i)
        offsets += "      const cupp_index_t cupp_q" + std::to_string(i) + " = cupp_e;\n";
      for (int i : loaded)
        offsets += "      const cupp_index_t cupp_p" + std::to_string(i) + " = cupp_e;\n";
      s += offsets + element("cupp_q", "cupp_p", n_outputs, pattern) + "    }\n  }\n}\n";
      return s;
    }

    if (variant == kTiled) return s + tiled_body(loaded, n_outputs, pattern);

    s += "  const cupp_index_t cupp_step = (cupp_index_t)gridDim.x * blockDim.x;\n";
    s += "  for (cupp_index_t cupp_it = (cupp_index_t)blockIdx.x * blockDim.x + threadIdx.x; "
         "cupp_it < (cupp_index_t)cupp_n; cupp_it += cupp_step) {\n";
    s += "    cupp_index_t cupp_rem = cupp_it";
    for (int i = 0; i < n_outputs; ++i) s += ", cupp_q" + std::to_string(i) + " = 0";
    for (int i : loaded) s += ", cupp_p" + std::to_string(i) + " = 0";
    s += ";\n";
    s += variant == kDynamic ? "    for (int cupp_d = cupp_nd - 1; cupp_d >= 1; --cupp_d) {\n"
                             : "#pragma unroll\n    for (int cupp_d = " + std::to_string(nd - 1) +
                                   "; cupp_d >= 1; --cupp_d) {\n";
    s += "      const cupp_index_t cupp_len = (cupp_index_t)cupp_L.shape[cupp_d];\n";
    s += "      const cupp_index_t cupp_c = cupp_rem % cupp_len;\n      cupp_rem /= cupp_len;\n";
    auto accumulate = [&](const std::string& coord, const std::string& dim, const std::string& pad) {
      std::string a;
      for (int r = 0; r < rows; ++r) {
        const std::string var =
            r < n_outputs ? "cupp_q" + std::to_string(r)
                          : "cupp_p" + std::to_string(loaded[static_cast<std::size_t>(r - n_outputs)]);
        a += pad + var + " += " + coord + " * (cupp_index_t)cupp_L.st[" + std::to_string(r) + "][" +
             dim + "];\n";
      }
      return a;
    };
    s += accumulate("cupp_c", "cupp_d", "      ");
    s += "    }\n" + accumulate("cupp_rem", "0", "    ");
    s += "    const long long cupp_i = cupp_it;\n    (void)cupp_i;\n";
    s += element("cupp_q", "cupp_p", n_outputs, pattern) + "  }\n}\n";
    return s;
  }

  // Loaded operand j (the j-th distinct array leaf) is staged through a tile when bit j of
  // cupp_tiled is set: loaded by threads running along dimension 0 (its contiguous one), read
  // back transposed.
  std::string tiled_body(const std::vector<int>& loaded, int n_outputs,
                         const std::vector<int>& pattern) const {
    const std::string t = std::to_string(kTile), r = std::to_string(kTileRows);
    std::string s;
    s += "  const cupp_index_t cupp_rows = (cupp_index_t)cupp_L.shape[0], cupp_cols = "
         "(cupp_index_t)cupp_L.shape[1];\n";
    s += "  const cupp_index_t cupp_r0 = (cupp_index_t)blockIdx.y * " + t +
         ", cupp_c0 = (cupp_index_t)blockIdx.x * " + t + ";\n";
    for (std::size_t j = 0; j < loaded.size(); ++j) {
      const std::string k = std::to_string(loaded[j]), row = std::to_string(j + n_outputs);
      s += "  __shared__ cupp_a" + k + "_t cupp_tile" + k + "[" + t + "][" + t + " + 1];\n";
      s += "  if (cupp_tiled & " + std::to_string(1u << j) + "u) {\n";
      s += "    for (int cupp_j = threadIdx.y; cupp_j < " + t + "; cupp_j += " + r + ") {\n";
      s += "      const cupp_index_t cupp_rr = cupp_r0 + threadIdx.x, cupp_cc = cupp_c0 + cupp_j;\n";
      s += "      if (cupp_rr < cupp_rows && cupp_cc < cupp_cols) cupp_tile" + k +
           "[threadIdx.x][cupp_j] = cupp_a" + k + "[cupp_rr * (cupp_index_t)cupp_L.st[" + row +
           "][0] + cupp_cc * (cupp_index_t)cupp_L.st[" + row + "][1]];\n";
      s += "    }\n  }\n";
    }
    s += "  __syncthreads();\n";
    s += "  for (int cupp_j = threadIdx.y; cupp_j < " + t + "; cupp_j += " + r + ") {\n";
    s += "    const cupp_index_t cupp_rr = cupp_r0 + cupp_j, cupp_cc = cupp_c0 + threadIdx.x;\n";
    s += "    if (cupp_rr >= cupp_rows || cupp_cc >= cupp_cols) continue;\n";
    s += "    const long long cupp_i = (long long)cupp_rr * cupp_cols + cupp_cc;\n    (void)cupp_i;\n";
    for (int i = 0; i < n_outputs; ++i) {
      const std::string k = std::to_string(i);
      s += "    const cupp_index_t cupp_q" + k + " = cupp_rr * (cupp_index_t)cupp_L.st[" + k +
           "][0] + cupp_cc * (cupp_index_t)cupp_L.st[" + k + "][1];\n";
    }
    for (std::size_t j = 0; j < loaded.size(); ++j) {
      const std::string k = std::to_string(loaded[j]), row = std::to_string(j + n_outputs);
      s += "    const cupp_index_t cupp_p" + k + " = cupp_rr * (cupp_index_t)cupp_L.st[" + row +
           "][0] + cupp_cc * (cupp_index_t)cupp_L.st[" + row + "][1];\n";
    }
    // Tiled operands are read from their tile instead of memory.
    std::string body = element("cupp_q", "cupp_p", n_outputs, pattern);
    for (std::size_t j = 0; j < loaded.size(); ++j) {
      const std::string k = std::to_string(loaded[j]);
      const std::string from = "cupp_a" + k + "[cupp_p" + k + "]";
      const std::string to = "((cupp_tiled & " + std::to_string(1u << j) + "u) ? cupp_tile" + k +
                             "[cupp_j][threadIdx.x] : cupp_a" + k + "[cupp_p" + k + "])";
      const auto at = body.find(from);
      if (at != std::string::npos) body.replace(at, from.size(), to);
    }
    return s + body + "  }\n}\n";
  }

  /// Shared memory of the tiled variant: one tile per loaded array operand.
  std::size_t tile_bytes(const int* loaded, int n_loaded) const {
    std::size_t b = 0;
    for (int j = 0; j < n_loaded; ++j)
      b += static_cast<std::size_t>(kTile) * (kTile + 1) *
           dtype_itemsize(info.arrays[static_cast<std::size_t>(loaded[j])]);
    return b;
  }

  /// The kernel of a variant; `entry` is the binding pattern's (null: every leaf distinct).
  RawKernel& kernel(dtype out, int variant, bool wide, bound_entry* entry) {
    slot_table& table = entry ? entry->slots : slots;
    auto& slot = table[static_cast<std::size_t>(out)][static_cast<std::size_t>(variant)]
                      [wide ? 1 : 0];
    return kernel_in_slot(slot, mutex, [&] {
      static const std::vector<int> unbound;
      return new RawKernel(source(out, variant, wide, entry ? entry->pattern : unbound),
                           kernel_name(out, variant, wide), info.options);
    });
  }
};

kernel_family::kernel_family(family_info info) : impl_(std::make_unique<impl>(std::move(info))) {}
kernel_family::~kernel_family() = default;

std::string kernel_family::source(dtype out, int variant, bool wide_index,
                                  const std::vector<int>& binding) const {
  return impl_->source(out, variant, wide_index, binding);
}

void kernel_family::compile(dtype out, int variant, bool wide_index, int arch,
                            const std::vector<int>& binding) {
  (void)jit::get_default_compiler().compile(impl_->source(out, variant, wide_index, binding),
                                            impl_->info.options, {}, arch);
}

void kernel_family::compile_all(dtype out, int arch, const std::vector<int>& binding) {
  for (int v = 0; v < kVariants; ++v)
    for (bool wide : {false, true}) compile(out, v, wide, arch, binding);
}

std::vector<int> kernel_family::binding(const operands& ops) const {
  std::vector<int> pattern;
  (void)bind_leaves(ops, impl_->info.scalars, pattern);
  return pattern;
}

namespace {

// Note [Kernel parameter space]: CUDA 12.1 and later pass up to 32764 bytes of kernel parameters
// on Volta and newer GPUs (cupp needs sm_80 and CUDA 12.8). The largest parameter block of a
// launch is the dynamic variant's: a pointer per output and loaded operand, the scalars, and the
// layout of 8 * 16 * (rows + 1) bytes (rows: outputs and loaded operands). operands::kMaxArrays
// and kMaxScalars are chosen so that an expression type within them always fits, here and in the
// reduction engine (whose layout is twice as large): such a type never needs the split path of
// expression.hpp. Beyond them, leaves are bound first (Note [Leaf binding]) and the expression
// is split only if the distinct leaves are still too many.
constexpr std::size_t kMaxParamBytes = 32764;
constexpr int kMaxOutputs = 64;  // outputs and raw arguments of an ElementwiseKernel

using dims_array = std::array<std::int64_t, kDynamicDims>;

struct layout {
  int nd = 0;
  dims_array shape;
  // the outputs, then the loaded array operands (only the rows and dimensions in use are set)
  std::array<dims_array, kMaxOutputs + operands::kMaxArrays> strides;
};

/// The bytes of the dynamic variant's parameters, each aligned as the device ABI aligns it.
std::size_t param_bytes(int pointers, const std::vector<dtype>& scalar_dtypes, const int* scalars,
                        int n_scalars, int rows) {
  std::size_t b = 8 * static_cast<std::size_t>(pointers);
  for (int j = 0; j < n_scalars; ++j) {
    const dtype d = scalar_dtypes[static_cast<std::size_t>(scalars[j])];
    const std::size_t size = dtype_itemsize(d);
    const std::size_t align = is_complex(d) ? size / 2 : size;
    b = (b + align - 1) / align * align + size;
  }
  b = (b + 7) / 8 * 8 + 8 * kDynamicDims * static_cast<std::size_t>(rows + 1);  // cupp_L
  return b + 8 + 8;                                                            // cupp_nd, cupp_n
}

std::int64_t extent(const layout& l, int row) {
  std::int64_t e = 0;
  for (int d = 0; d < l.nd; ++d)
    e += (l.shape[static_cast<std::size_t>(d)] - 1) *
         std::abs(l.strides[static_cast<std::size_t>(row)][static_cast<std::size_t>(d)]);
  return e;
}

[[noreturn]] void throw_not_broadcastable(const shape_t& from, const shape_t& to) {
  throw broadcast_error("could not broadcast input array from shape " + shape_str(from) +
                        " into shape " + shape_str(to));
}

/// Strides of `a` viewed with the output's shape: 0 on broadcast and missing leading dimensions.
///
/// Note [Leading ones of a written value]: NumPy's setitem drops the value's leading
/// dimensions of length 1 before broadcasting it to the destination (`a[0:2] = ones((1, 2))`
/// and `a[0:2] = ones((1, 1, 2))` write a (2,) view), and the fancy-assignment path does the same
/// (detail::without_leading_ones). Here, where every write into a view (ndarray, expression,
/// another dtype, fill) meets the output's shape, an operand may therefore have more dimensions
/// than the output as long as the extra leading ones have length 1. A freshly allocated result
/// never sees this case (its shape is the operands' broadcast shape), and a ufunc's `out=`
/// checks its shape before it gets here, as NumPy's does.
strides_t broadcast_to_out(const array_desc& a, const shape_t& out) {
  const std::size_t nd = out.size();
  std::size_t skip = 0;  // leading length-1 dimensions of `a` beyond the output's
  while (a.shape.size() - skip > nd && a.shape[skip] == 1) ++skip;
  if (a.shape.size() - skip > nd) throw_not_broadcastable(a.shape, out);
  strides_t s(nd, 0);
  const std::size_t rank = a.shape.size() - skip;
  const std::size_t lead = nd - rank;
  for (std::size_t i = 0; i < rank; ++i) {
    const std::int64_t dim = a.shape[skip + i];
    if (dim == out[lead + i]) {
      s[lead + i] = dim == 1 ? 0 : a.strides[skip + i];
    } else if (dim != 1) {
      throw_not_broadcastable(a.shape, out);
    }
  }
  return s;
}

bool same_memory(const array_desc& a, const array_desc& b) {
  return a.owner && a.owner.get() == b.owner.get();
}

}  // namespace

void kernel_family::launch(const array_desc* outs, int n_outs, const operands& ops,
                           const void* const* raws, bool keep_order) {
  if (run(outs, n_outs, ops, raws, keep_order)) return;
  throw not_implemented_error(
      "an elementwise kernel may take at most " + std::to_string(operands::kMaxArrays) +
      " distinct array operands, " + std::to_string(operands::kMaxScalars) +
      " distinct scalars and " + std::to_string(kMaxOutputs) + " outputs and raw arguments");
}

bool kernel_family::try_launch(const array_desc& out, const operands& ops) {
  return run(&out, 1, ops, nullptr, false);
}

bool kernel_family::run(const array_desc* outs, int n_outs, const operands& ops,
                        const void* const* raws, bool keep_order) {
  CUPP_ASSERT(n_outs >= 1);
  impl& m = *impl_;
  const int n_raws = static_cast<int>(m.info.raws.size());
  // The leaves read from memory and the scalars passed (Note [Leaf binding]).
  const auto [entry, loaded, scalars, n_loaded, n_scalars] =
      m.bound.bind(ops, m.info.scalars, m.mutex);
  if (n_loaded > operands::kMaxArrays || n_scalars > operands::kMaxScalars ||
      n_outs + n_raws > kMaxOutputs ||
      param_bytes(n_outs + n_loaded + n_raws, m.info.scalars, scalars, n_scalars,
                  n_outs + n_loaded) > kMaxParamBytes)
    return false;

  const array_desc& out = outs[0];
  for (int k = 0; k < n_outs; ++k) {
    cupp::detail::check_writable(outs[k]);
    CUPP_EXPECTS(outs[k].shape == out.shape, value_error,
                 "all outputs must have the same shape: " + shape_str(out.shape) + " and " +
                     shape_str(outs[k].shape));
  }
  const std::int64_t n = out.size();
  const int n_arrays = n_loaded;
  // Operands seen with the output's shape; an operand sharing memory with an output in any other
  // layout is copied first, so no element is read after the kernel has overwritten it (NumPy
  // gives the same answer by buffering overlapping operands).
  std::array<strides_t, operands::kMaxArrays> in_strides;
  std::array<const array_desc*, operands::kMaxArrays> in;
  std::vector<array_desc> copies;
  copies.reserve(static_cast<std::size_t>(n_arrays));
  for (int i = 0; i < n_arrays; ++i) {
    const array_desc* a = &ops.array(loaded[i]);
    strides_t s = broadcast_to_out(*a, out.shape);
    bool overlaps = false;
    for (int k = 0; k < n_outs; ++k)
      overlaps |= same_memory(*a, outs[k]) && !(a->ptr == outs[k].ptr && s == outs[k].strides);
    if (overlaps) {
      copies.push_back(cupp::detail::copy(*a));
      a = &copies.back();
      s = broadcast_to_out(*a, out.shape);
    }
    in[static_cast<std::size_t>(i)] = a;
    in_strides[static_cast<std::size_t>(i)] = std::move(s);
  }
  if (n == 0) return true;

  const dtype out_dt = out.dt;
  const strides_t c = c_strides(out.shape);
  auto aligned = [](const void* p) { return reinterpret_cast<std::uintptr_t>(p) % 16 == 0; };
  bool contiguous = true;
  for (int k = 0; k < n_outs && contiguous; ++k)
    contiguous = is_c_contiguous(outs[k].shape, outs[k].strides) && aligned(outs[k].ptr);
  for (int i = 0; i < n_arrays && contiguous; ++i) {
    const auto k = static_cast<std::size_t>(i);
    contiguous = (in_strides[k] == c || n == 1) && aligned(in[k]->ptr);
  }

  const cudaStream_t stream = cuda::get_current_stream();
  std::array<void*, kMaxOutputs + operands::kMaxArrays + operands::kMaxScalars + 4> params;
  std::array<const void*, kMaxOutputs + operands::kMaxArrays> pointers;
  long long count = n;
  std::size_t p = 0, q = 0;
  for (int k = 0; k < n_outs; ++k) {
    pointers[q] = outs[k].ptr;
    params[p++] = &pointers[q++];
  }
  for (int i = 0; i < n_arrays; ++i) {
    pointers[q] = in[static_cast<std::size_t>(i)]->ptr;
    params[p++] = &pointers[q++];
  }
  for (std::size_t r = 0; r < impl_->info.raws.size(); ++r) params[p++] = const_cast<void*>(raws[r]);
  for (int j = 0; j < n_scalars; ++j) params[p++] = const_cast<void*>(ops.scalar(scalars[j]));

  if (contiguous) {
    const bool wide = !fits_int32(n + 64);
    RawKernel& k = m.kernel(out_dt, kContiguous, wide, entry);
    const std::int64_t per_block = static_cast<std::int64_t>(kBlock) * impl_->vec_width(out_dt);
    params[p++] = &count;
    k.launch_params(dim3(cupp::detail::cover_blocks(n, per_block)), dim3(kBlock), 0, stream,
                    params.data());
    return true;
  }

  // Order the dimensions by decreasing stride of the first output (unless the caller needs C
  // order), then merge the ones contiguous in every output and operand.
  shape_t shape = out.shape;
  std::vector<strides_t> out_strides;
  for (int k = 0; k < n_outs; ++k) out_strides.push_back(outs[k].strides);
  std::vector<strides_t*> all;
  all.reserve(static_cast<std::size_t>(n_outs + n_arrays));
  for (auto& st : out_strides) all.push_back(&st);
  for (int i = 0; i < n_arrays; ++i) all.push_back(&in_strides[static_cast<std::size_t>(i)]);
  if (shape.size() > 1 && !keep_order) {
    std::vector<std::size_t> perm(shape.size());
    for (std::size_t d = 0; d < perm.size(); ++d) perm[d] = d;
    const strides_t& lead = out_strides[0];
    std::stable_sort(perm.begin(), perm.end(), [&](std::size_t x, std::size_t y) {
      return std::abs(lead[x]) > std::abs(lead[y]);
    });
    auto permute = [&](auto& v) {
      auto old = v;
      for (std::size_t d = 0; d < perm.size(); ++d) v[d] = old[perm[d]];
    };
    permute(shape);
    for (strides_t* st : all) permute(*st);
  }
  collapse_dims(shape, all);
  if (shape.empty()) {
    shape = {1};
    for (strides_t* st : all) *st = {0};
  }
  CUPP_EXPECTS(shape.size() <= static_cast<std::size_t>(kDynamicDims), not_implemented_error,
               "elementwise operations on arrays with more than 16 non-mergeable dimensions");
  layout l;
  l.nd = static_cast<int>(shape.size());
  for (int d = 0; d < l.nd; ++d) {
    const auto dd = static_cast<std::size_t>(d);
    l.shape[dd] = shape[dd];
    for (std::size_t r = 0; r < all.size(); ++r) l.strides[r][dd] = (*all[r])[dd];
  }
  bool wide = !fits_int32(n + kBlock);
  for (std::size_t r = 0; r < all.size() && !wide; ++r)
    wide = !fits_int32(extent(l, static_cast<int>(r)));

  // A 2-D problem with a transposed operand goes through tiles when they fit in shared memory.
  unsigned tiled = 0;
  if (l.nd == 2 && n_outs == 1 && n_arrays <= 32 && std::abs(l.strides[0][1]) == 1 &&
      l.shape[0] > 1 && (l.shape[0] + kTile - 1) / kTile <= 65535 &&
      m.tile_bytes(loaded, n_loaded) <= 48 * 1024) {
    for (int i = 0; i < n_arrays; ++i) {
      const auto& st = l.strides[static_cast<std::size_t>(i) + 1];
      // A row broadcast down the columns (stride 0 on dimension 0) goes through a tile too:
      // measured faster than the strided variant's division per element.
      if (st[1] != 0 && std::abs(st[0]) < std::abs(st[1])) tiled |= 1u << i;
    }
  }
  const int variant = tiled ? kTiled : l.nd <= 3 ? l.nd : kDynamic;
  const int nd = variant == kDynamic ? kDynamicDims : l.nd;

  // The cupp_layout_t parameter: shape[nd] then st[rows][nd], as the generated struct.
  std::array<long long, kDynamicDims * (kMaxOutputs + operands::kMaxArrays + 1)> packed;
  std::size_t w = 0;
  for (int d = 0; d < nd; ++d) packed[w++] = l.shape[static_cast<std::size_t>(d)];
  for (std::size_t r = 0; r < all.size(); ++r)
    for (int d = 0; d < nd; ++d) packed[w++] = l.strides[r][static_cast<std::size_t>(d)];
  params[p++] = packed.data();
  int dims = l.nd;
  if (variant == kDynamic) params[p++] = &dims;
  if (variant == kTiled) params[p++] = &tiled;
  params[p++] = &count;

  RawKernel& k = m.kernel(out_dt, variant, wide, entry);
  if (variant == kTiled) {
    const unsigned grid_x = cupp::detail::cover_blocks(l.shape[1], kTile);
    const unsigned grid_y = cupp::detail::cover_blocks(l.shape[0], kTile);
    k.launch_params(dim3(grid_x, grid_y), dim3(kTile, kTileRows), 0, stream, params.data());
    return true;
  }
  k.launch_params(dim3(cupp::detail::cover_blocks(n, kBlock)), dim3(kBlock), 0, stream,
                  params.data());
  return true;
}

}  // namespace cupp::expr::detail
