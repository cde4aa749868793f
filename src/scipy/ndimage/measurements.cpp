// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The statistics over labels of cupp::scipy::ndimage (sum_labels ... center_of_mass, histogram),
// labeled_comprehension's grouping, find_objects and value_indices: SciPy's argument forms and
// results on the host, the segmented reductions in kernels/cupp/ndimage_measure.cuh.
#include "cupp/scipy/ndimage/measurements.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "../../cuda/launch.hpp"
#include "../../jit/registry.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/visit_dtype.hpp"
#include "cupp/expr/engine.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "cupp/routines/sorting.hpp"

namespace cupp::scipy::ndimage::detail {
namespace {

using cupp::detail::resident_blocks;

/// The most dimensions the kernels take (cupp_ndi_dims' array length).
constexpr int kMaxDims = 32;
constexpr unsigned kBlock = 256;
/// Shared-memory accumulators up to this size (bytes); more slots go to global atomics.
constexpr std::int64_t kSharedBytes = 40 * 1024;
/// A table maps labels to slots when the index values span at most this many labels.
constexpr std::int64_t kTableSpan = std::int64_t{1} << 24;

// The host images of the kernels' argument structs (same members, same order).
struct groups_arg {
  const void* labels = nullptr;
  int mode = 0;
  long long lo = 0, span = 0;
  const void* table = nullptr;
  const void* sorted = nullptr;
  long long nslots = 0;
};
struct dims_arg {
  long long shape[kMaxDims];
  int nd;
};
static_assert(sizeof(groups_arg) == 56, "groups_arg is packed as its device twin");
static_assert(sizeof(dims_arg) == 8 * kMaxDims + 8, "dims_arg is packed as its device twin");

std::string kernel_name(const char* what, dtype in, dtype label) {
  return std::string("cupp_ndi_") + what + "_" + dtype_name(in) + "_" + dtype_name(label);
}

const RawKernel& measure_kernel(const char* what, dtype in, dtype label) {
  return jit::detail::library_kernel(measure_kernel_source(in, label), kernel_name(what, in, label));
}

cupp::detail::array_desc contiguous(const cupp::detail::array_desc& a) {
  return is_c_contiguous(a.shape, a.strides) ? a : cupp::detail::copy(a);
}

template <class T>
cupp::detail::array_desc device_vector(const std::vector<T>& v, dtype dt) {
  cupp::detail::array_desc d =
      cupp::detail::make_array({static_cast<std::int64_t>(v.size())}, dt);
  if (!v.empty()) cupp::detail::from_host(d, v.data());
  return d;
}

template <class T>
std::vector<T> host_vector(const cupp::detail::array_desc& d) {
  std::vector<T> v(static_cast<std::size_t>(d.size()));
  if (!v.empty()) cupp::detail::to_host(d, v.data());
  return v;
}

/// The input and the labels broadcast together (SciPy's np.broadcast_arrays), C-contiguous.
struct operands {
  array_desc input;
  array_desc labels;
  bool has_labels = false;
  shape_t shape;
  std::int64_t n = 1;
};

operands prepare(const array_desc& input, const array_desc* labels) {
  operands op;
  op.shape = input.shape;
  if (labels) {
    op.shape = broadcast_shapes({input.shape, labels->shape});
    op.labels = contiguous(cupp::detail::broadcast_to(*labels, op.shape));
    op.has_labels = true;
  }
  op.input = contiguous(labels ? cupp::detail::broadcast_to(input, op.shape) : input);
  if (static_cast<int>(op.shape.size()) > kMaxDims)
    throw value_error("too many dimensions: at most " + std::to_string(kMaxDims));
  for (const auto s : op.shape) op.n *= s;
  return op;
}

dims_arg dims_of(const shape_t& shape) {
  dims_arg d{};
  d.nd = static_cast<int>(shape.size());
  for (std::size_t k = 0; k < shape.size(); ++k) d.shape[k] = shape[k];
  return d;
}

dtype label_dtype(const operands& op) { return op.has_labels ? op.labels.dt : dtype::uint8; }

/// The slots of Note [Statistics over labels] and, per entry of the index (C order), its slot
/// (-1: a label no element can have).
struct grouping {
  groups_arg arg;
  array_desc table, sorted;  // keep the device tables alive
  std::vector<std::int64_t> entry_slot;
  std::int64_t nslots = 0;
  bool scalar = true;  // SciPy's scalar forms: no labels, no index or one label
};

grouping make_grouping(const operands& op, const label_index& index) {
  grouping g;
  g.arg.labels = op.has_labels ? static_cast<const void*>(op.labels.ptr) : nullptr;
  if (!op.has_labels || index.which() == label_index::kind::none) {
    g.arg.mode = op.has_labels ? 1 : 0;
    g.nslots = 1;
    g.arg.nslots = 1;
    g.entry_slot = {0};
    return g;
  }
  g.scalar = index.which() == label_index::kind::one;
  std::vector<std::int64_t> u = index.values();
  std::sort(u.begin(), u.end());
  u.erase(std::unique(u.begin(), u.end()), u.end());
  g.nslots = static_cast<std::int64_t>(u.size());
  g.arg.nslots = g.nslots;
  for (const auto v : index.values())
    g.entry_slot.push_back(std::lower_bound(u.begin(), u.end(), v) - u.begin());
  if (u.empty()) return g;
  // The span in unsigned arithmetic: index values may be far apart.
  const auto span = static_cast<std::uint64_t>(u.back()) - static_cast<std::uint64_t>(u.front());
  if (span < static_cast<std::uint64_t>(kTableSpan)) {
    std::vector<int> table(static_cast<std::size_t>(span + 1), -1);
    for (std::size_t s = 0; s < u.size(); ++s)
      table[static_cast<std::size_t>(u[s] - u.front())] = static_cast<int>(s);
    g.table = device_vector(table, dtype::int32);
    g.arg.mode = 2;
    g.arg.lo = u.front();
    g.arg.span = static_cast<long long>(span + 1);
    g.arg.table = g.table.ptr;
  } else {
    g.sorted = device_vector(u, dtype::int64);
    g.arg.mode = 3;
    g.arg.sorted = g.sorted.ptr;
  }
  return g;
}

/// The run of the stats kernel: per slot [count, sum, moments...] (`width` doubles) and, with
/// `integer_sum`, the wrapping 64-bit integer sums; with `means`, per slot the centred sums.
struct sums {
  std::vector<double> acc;
  std::vector<std::uint64_t> isum;
  int width = 2;
};

sums run_sums(const operands& op, const grouping& g, bool moments, bool integer_sum,
              const std::vector<double>* means = nullptr) {
  sums r;
  const int nd = static_cast<int>(op.shape.size());
  r.width = means ? 1 : 2 + (moments ? nd : 0);
  const std::int64_t cells = g.nslots * r.width;
  r.acc.assign(static_cast<std::size_t>(cells), 0.0);
  if (integer_sum) r.isum.assign(static_cast<std::size_t>(g.nslots), 0);
  if (op.n == 0 || g.nslots == 0) return r;
  const array_desc acc = device_vector(r.acc, dtype::float64);
  const array_desc isum = integer_sum ? device_vector(r.isum, dtype::uint64) : array_desc{};
  const array_desc dmeans = means ? device_vector(*means, dtype::float64) : array_desc{};
  const std::int64_t bytes = (cells + (integer_sum ? g.nslots : 0)) * 8;
  const bool shared = bytes <= kSharedBytes;
  const auto shared_bytes = static_cast<std::size_t>(shared ? bytes : 0);
  const RawKernel& k = measure_kernel("label_stats", op.input.dt, label_dtype(op));
  k({resident_blocks(k, op.n, kBlock, shared_bytes)}, {kBlock}, shared_mem(shared_bytes),
    static_cast<const void*>(op.input.ptr), g.arg, static_cast<long long>(op.n),
    static_cast<void*>(acc.ptr), static_cast<int>(r.width),
    static_cast<const void*>(means ? dmeans.ptr : nullptr),
    static_cast<void*>(integer_sum ? isum.ptr : nullptr), dims_of(op.shape),
    static_cast<int>(moments ? 1 : 0), static_cast<int>(shared ? 1 : 0));
  r.acc = host_vector<double>(acc);
  if (integer_sum) r.isum = host_vector<std::uint64_t>(isum);
  return r;
}

/// Per slot the order keys of the smallest and largest value ([min, max]; an empty slot keeps
/// (~0, 0)) and, with `positions`, the first flat index of each.
struct extremes {
  std::vector<std::uint64_t> keys;
  std::vector<std::int64_t> pos;
};

extremes run_extremes(const operands& op, const grouping& g, bool positions) {
  extremes r;
  for (std::int64_t s = 0; s < g.nslots; ++s) {
    r.keys.push_back(~std::uint64_t{0});
    r.keys.push_back(0);
  }
  r.pos.assign(static_cast<std::size_t>(2 * g.nslots), std::numeric_limits<std::int64_t>::max());
  if (op.n == 0 || g.nslots == 0) return r;
  const array_desc keys = device_vector(r.keys, dtype::uint64);
  const bool shared = 2 * g.nslots * 8 <= kSharedBytes;
  const auto shared_bytes = static_cast<std::size_t>(shared ? 2 * g.nslots * 8 : 0);
  const RawKernel& k = measure_kernel("label_extrema", op.input.dt, label_dtype(op));
  k({resident_blocks(k, op.n, kBlock, shared_bytes)}, {kBlock}, shared_mem(shared_bytes),
    static_cast<const void*>(op.input.ptr), g.arg, static_cast<long long>(op.n),
    static_cast<void*>(keys.ptr), static_cast<int>(shared ? 1 : 0));
  if (positions) {
    const array_desc pos = device_vector(r.pos, dtype::int64);
    const RawKernel& kp = measure_kernel("label_positions", op.input.dt, label_dtype(op));
    kp({resident_blocks(kp, op.n, kBlock)}, {kBlock}, static_cast<const void*>(op.input.ptr),
       g.arg, static_cast<long long>(op.n), static_cast<const void*>(keys.ptr),
       static_cast<void*>(pos.ptr));
    r.pos = host_vector<std::int64_t>(pos);
  }
  r.keys = host_vector<std::uint64_t>(keys);
  return r;
}

bool empty_slot(const extremes& e, std::int64_t s) {
  const auto k = static_cast<std::size_t>(2 * s);
  return e.keys[k] == ~std::uint64_t{0} && e.keys[k + 1] == 0;
}

/// The value of dtype `dt` whose order key is `key` (the inverse of cupp_ndi_key), written at `to`.
void write_key(dtype dt, std::uint64_t key, unsigned char* to) {
  visit_dtype(dt, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (is_complex(dtype_of<T>)) {
      throw type_error("complex input has no order");
    } else {
      T v{};
      if constexpr (is_floating(dtype_of<T>)) {
        const std::uint64_t bits = (key >> 63) ? (key & ~(std::uint64_t{1} << 63)) : ~key;
        double d = 0;
        std::memcpy(&d, &bits, sizeof d);
        v = static_cast<T>(d);
      } else if constexpr (is_signed(dtype_of<T>)) {
        v = static_cast<T>(static_cast<std::int64_t>(key ^ (std::uint64_t{1} << 63)));
      } else {
        v = static_cast<T>(key);
      }
      std::memcpy(to, &v, sizeof v);
    }
  });
}

/// `v` as dtype `dt` at `to` (real dtypes; integers from doubles that hold them exactly).
void write_double(dtype dt, double v, unsigned char* to) {
  visit_dtype(dt, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (is_complex(dtype_of<T>)) {
      throw type_error("complex output is not supported");
    } else {
      const T x = static_cast<T>(v);
      std::memcpy(to, &x, sizeof x);
    }
  });
}

array_desc from_bytes(const shape_t& shape, dtype dt, const std::vector<unsigned char>& bytes) {
  array_desc out = cupp::detail::make_array(shape, dt);
  if (!bytes.empty()) cupp::detail::from_host(out, bytes.data());
  return out;
}

[[noreturn]] void throw_no_identity(const char* op) {
  throw value_error(std::string("zero-size array to reduction operation ") + op +
                    " which has no identity");
}

/// Per slot: the median (double; NaN for an empty slot). Note [Statistics over labels]: the
/// elements sorted by value (stable argsort), their slots in that order sorted again (stable), so
/// each slot's elements lie together, ascending.
std::vector<double> run_medians(const operands& op, const grouping& g) {
  const sums counts = run_sums(op, g, false, false);
  std::vector<std::int64_t> count, offset;
  std::int64_t at = 0;
  for (std::int64_t s = 0; s < g.nslots; ++s) {
    count.push_back(static_cast<std::int64_t>(counts.acc[static_cast<std::size_t>(s * 2)]));
    offset.push_back(at);
    at += count.back();
  }
  std::vector<double> out(static_cast<std::size_t>(g.nslots),
                          std::numeric_limits<double>::quiet_NaN());
  if (op.n == 0 || at == 0) return out;
  const array_desc flat = cupp::detail::reshape(op.input, {op.n});
  const array_desc by_value = cupp::detail::sort_array(flat, std::nullopt, true);
  const array_desc slots = cupp::detail::make_array({op.n}, dtype::int64);
  const RawKernel& ks = measure_kernel("label_slots", op.input.dt, label_dtype(op));
  ks({resident_blocks(ks, op.n, kBlock)}, {kBlock}, g.arg, static_cast<const void*>(by_value.ptr),
     static_cast<long long>(op.n), static_cast<void*>(slots.ptr));
  const array_desc by_slot = cupp::detail::sort_array(slots, std::nullopt, true);
  const array_desc dcount = device_vector(count, dtype::int64);
  const array_desc doffset = device_vector(offset, dtype::int64);
  const array_desc dout = cupp::detail::make_array({g.nslots}, dtype::float64);
  const RawKernel& km = measure_kernel("label_median", op.input.dt, label_dtype(op));
  km({resident_blocks(km, g.nslots, kBlock)}, {kBlock}, static_cast<const void*>(op.input.ptr),
     static_cast<const void*>(by_value.ptr), static_cast<const void*>(by_slot.ptr),
     static_cast<const void*>(doffset.ptr), static_cast<const void*>(dcount.ptr),
     static_cast<long long>(g.nslots), static_cast<void*>(dout.ptr));
  return host_vector<double>(dout);
}

}  // namespace

std::string measure_kernel_source(dtype in, dtype label) {
  std::string s = "#include <cupp/ufunc.cuh>\n";
  s += std::string("typedef ") + expr::detail::device_type_name(in) + " cupp_in_t;\n";
  s += std::string("typedef ") + expr::detail::device_type_name(label) + " cupp_label_t;\n";
  s += "#define CUPP_NDI_SIGNED_KEY " + std::string(is_signed(in) ? "1" : "0") + "\n";
  s += "#define CUPP_NDI_FLOAT_KEY " + std::string(is_floating(in) ? "1" : "0") + "\n";
  s += "#define CUPP_NDI_K " + std::to_string(kMaxDims) + "\n";
  const std::pair<const char*, const char*> names[] = {
      {"CUPP_NDI_STATS_NAME", "label_stats"},
      {"CUPP_NDI_EXTREMA_NAME", "label_extrema"},
      {"CUPP_NDI_POSITIONS_NAME", "label_positions"},
      {"CUPP_NDI_SLOTS_NAME", "label_slots"},
      {"CUPP_NDI_MEDIAN_NAME", "label_median"},
      {"CUPP_NDI_HISTOGRAM_NAME", "label_histogram"},
      {"CUPP_NDI_GATHER_NAME", "label_gather"},
      {"CUPP_NDI_OBJECTS_NAME", "find_objects"},
      {"CUPP_NDI_MAX_LABEL_NAME", "find_objects_max"},
      {"CUPP_NDI_UNRAVEL_NAME", "value_indices"},
  };
  for (const auto& [macro, what] : names)
    s += std::string("#define ") + macro + " " + kernel_name(what, in, label) + "\n";
  return jit::detail::routine_source("cupp/ndimage_measure.cuh", s);
}

array_desc label_statistic_array(const array_desc& input, const array_desc* labels,
                                 const label_index& index, label_statistic what, dtype out) {
  const operands op = prepare(input, labels);
  const grouping g = make_grouping(op, index);
  const int nd = static_cast<int>(op.shape.size());
  const std::size_t entries = g.entry_slot.size();
  const bool per_axis = what == label_statistic::minimum_position ||
                        what == label_statistic::maximum_position ||
                        what == label_statistic::center_of_mass;
  shape_t shape = index.shape();
  if (!op.has_labels) shape = {};
  if (per_axis) shape.push_back(nd);
  const std::size_t item = dtype_itemsize(out);
  std::vector<unsigned char> bytes(entries * (per_axis ? static_cast<std::size_t>(nd) : 1) * item);
  auto slot_of = [&](std::size_t e) { return g.entry_slot[e]; };

  switch (what) {
    case label_statistic::sum:
    case label_statistic::mean:
    case label_statistic::variance:
    case label_statistic::standard_deviation:
    case label_statistic::center_of_mass: {
      const bool integer_sum = what == label_statistic::sum && is_integer(out);
      const sums r = run_sums(op, g, what == label_statistic::center_of_mass, integer_sum);
      std::vector<double> centred;
      if (what == label_statistic::variance || what == label_statistic::standard_deviation) {
        std::vector<double> means;
        for (std::int64_t s = 0; s < g.nslots; ++s)
          means.push_back(r.acc[static_cast<std::size_t>(s * r.width + 1)] /
                          r.acc[static_cast<std::size_t>(s * r.width)]);
        centred = run_sums(op, g, false, false, &means).acc;
      }
      for (std::size_t e = 0; e < entries; ++e) {
        const std::int64_t s = slot_of(e);
        const auto base = static_cast<std::size_t>(s * r.width);
        const double count = s < 0 ? 0.0 : r.acc[base];
        const double sum = s < 0 ? 0.0 : r.acc[base + 1];
        unsigned char* to = bytes.data() + e * item * (per_axis ? nd : 1);
        switch (what) {
          case label_statistic::sum:
            if (integer_sum) {
              const std::uint64_t v = s < 0 ? 0 : r.isum[static_cast<std::size_t>(s)];
              std::memcpy(to, &v, 8);  // int64 or uint64: the same wrapping bits
            } else {
              write_double(out, sum, to);
            }
            break;
          case label_statistic::mean: write_double(out, sum / count, to); break;
          case label_statistic::variance:
          case label_statistic::standard_deviation: {
            const double c = s < 0 ? 0.0 : centred[static_cast<std::size_t>(s)];
            const double v = c / count;
            write_double(out, what == label_statistic::variance ? v : std::sqrt(v), to);
            break;
          }
          default:  // center_of_mass
            for (int k = 0; k < nd; ++k) {
              const double m = s < 0 ? 0.0 : r.acc[base + 2 + static_cast<std::size_t>(k)];
              write_double(out, m / sum, to + static_cast<std::size_t>(k) * item);
            }
        }
      }
      break;
    }
    case label_statistic::minimum:
    case label_statistic::maximum:
    case label_statistic::minimum_position:
    case label_statistic::maximum_position: {
      const bool positions = what == label_statistic::minimum_position ||
                             what == label_statistic::maximum_position;
      const bool min = what == label_statistic::minimum ||
                       what == label_statistic::minimum_position;
      const extremes r = run_extremes(op, g, positions);
      for (std::size_t e = 0; e < entries; ++e) {
        const std::int64_t s = slot_of(e);
        const bool empty = s < 0 || empty_slot(r, s);
        if (empty && g.scalar) throw_no_identity(min ? "minimum" : "maximum");
        unsigned char* to = bytes.data() + e * item * (per_axis ? nd : 1);
        const auto at = static_cast<std::size_t>(2 * s + (min ? 0 : 1));
        if (!positions) {
          if (empty)
            std::memset(to, 0, item);  // SciPy's zeros for a label with no element
          else
            write_key(out, r.keys[at], to);
          continue;
        }
        std::int64_t rest = empty ? 0 : r.pos[at];
        for (int k = nd - 1; k >= 0; --k) {
          const std::int64_t c = rest % op.shape[static_cast<std::size_t>(k)];
          rest /= op.shape[static_cast<std::size_t>(k)];
          std::memcpy(to + static_cast<std::size_t>(k) * item, &c, 8);
        }
      }
      break;
    }
    case label_statistic::median: {
      const std::vector<double> m = run_medians(op, g);
      for (std::size_t e = 0; e < entries; ++e) {
        const std::int64_t s = slot_of(e);
        write_double(out, s < 0 ? std::numeric_limits<double>::quiet_NaN()
                                : m[static_cast<std::size_t>(s)],
                     bytes.data() + e * item);
      }
      break;
    }
  }
  return from_bytes(shape, out, bytes);
}

array_desc label_histogram(const array_desc& input, const array_desc* labels,
                           const label_index& index, double min, double max, std::int64_t bins) {
  if (bins < 1) throw value_error("`bins` must be positive, when an integer");
  const operands op = prepare(input, labels);
  const grouping g = make_grouping(op, index);
  // np.linspace(min, max, bins + 1): start + i * step, the last edge exactly max.
  std::vector<double> edges;
  const double step = (max - min) / static_cast<double>(bins);
  for (std::int64_t i = 0; i < bins; ++i) edges.push_back(min + static_cast<double>(i) * step);
  edges.push_back(max);
  std::vector<std::uint64_t> hist(static_cast<std::size_t>(g.nslots * bins), 0);
  if (op.n > 0 && g.nslots > 0) {
    const array_desc dedges = device_vector(edges, dtype::float64);
    const array_desc dhist = device_vector(hist, dtype::uint64);
    const RawKernel& k = measure_kernel("label_histogram", op.input.dt, label_dtype(op));
    k({resident_blocks(k, op.n, kBlock)}, {kBlock}, static_cast<const void*>(op.input.ptr), g.arg,
      static_cast<long long>(op.n), static_cast<const void*>(dedges.ptr),
      static_cast<long long>(bins), static_cast<void*>(dhist.ptr));
    hist = host_vector<std::uint64_t>(dhist);
  }
  shape_t shape = op.has_labels ? index.shape() : shape_t{};
  shape.push_back(bins);
  std::vector<std::int64_t> out;
  for (const auto s : g.entry_slot)
    for (std::int64_t b = 0; b < bins; ++b)
      out.push_back(s < 0 ? 0 : static_cast<std::int64_t>(hist[static_cast<std::size_t>(s * bins + b)]));
  return from_bytes(shape, dtype::int64,
                    std::vector<unsigned char>(reinterpret_cast<const unsigned char*>(out.data()),
                                               reinterpret_cast<const unsigned char*>(out.data() + out.size())));
}

label_groups group_by_label(const array_desc& input, const array_desc& labels,
                            const label_index& index) {
  // SciPy's check that the index values survive a round trip through the labels' dtype.
  const cupp::integer_bounds b = integer_bounds_of(labels.dt);
  for (const auto v : index.values()) {
    const bool fits = v >= b.min && (v < 0 || static_cast<std::uint64_t>(v) <= b.max);
    if (!fits)
      throw value_error(std::string("Cannot convert index values from <int64> to <") +
                        dtype_name(labels.dt) + "> (labels' type) without loss of precision");
  }
  const operands op = prepare(input, &labels);
  const grouping g = make_grouping(op, index);
  const sums counts = run_sums(op, g, false, false);
  std::vector<std::int64_t> count, offset;
  std::int64_t at = 0;
  for (std::int64_t s = 0; s < g.nslots; ++s) {
    count.push_back(static_cast<std::int64_t>(counts.acc[static_cast<std::size_t>(s * 2)]));
    offset.push_back(at);
    at += count.back();
  }
  label_groups r;
  r.values = cupp::detail::make_array({op.n}, op.input.dt);
  r.positions = cupp::detail::make_array({op.n}, dtype::int64);
  if (op.n > 0 && g.nslots > 0) {
    const array_desc slots = cupp::detail::make_array({op.n}, dtype::int64);
    const RawKernel& ks = measure_kernel("label_slots", op.input.dt, label_dtype(op));
    ks({resident_blocks(ks, op.n, kBlock)}, {kBlock}, g.arg, static_cast<const void*>(nullptr),
       static_cast<long long>(op.n), static_cast<void*>(slots.ptr));
    r.positions = cupp::detail::sort_array(slots, std::nullopt, true);
    const RawKernel& kg = measure_kernel("label_gather", op.input.dt, label_dtype(op));
    kg({resident_blocks(kg, op.n, kBlock)}, {kBlock}, static_cast<const void*>(op.input.ptr),
       static_cast<const void*>(r.positions.ptr), static_cast<long long>(op.n),
       static_cast<void*>(r.values.ptr));
  }
  for (const auto s : g.entry_slot) {
    r.offset.push_back(s < 0 ? 0 : offset[static_cast<std::size_t>(s)]);
    r.count.push_back(s < 0 ? 0 : count[static_cast<std::size_t>(s)]);
  }
  return r;
}

std::vector<std::optional<std::vector<slice>>> find_objects(const array_desc& input,
                                                            std::int64_t max_label) {
  const array_desc flat = contiguous(input);
  const std::int64_t n = flat.size();
  const int nd = static_cast<int>(flat.shape.size());
  if (nd > kMaxDims) throw value_error("too many dimensions: at most " + std::to_string(kMaxDims));
  if (max_label < 1 && n > 0) {
    const array_desc m = device_vector(std::vector<std::int64_t>{0}, dtype::int64);
    const RawKernel& k = measure_kernel("find_objects_max", flat.dt, flat.dt);
    k({resident_blocks(k, n, kBlock)}, {kBlock}, static_cast<const void*>(flat.ptr),
      static_cast<long long>(n), static_cast<void*>(m.ptr));
    max_label = host_vector<std::int64_t>(m)[0];
  }
  std::vector<std::optional<std::vector<slice>>> out;
  if (max_label < 1) return out;
  std::vector<std::int64_t> box;
  for (std::int64_t i = 0; i < max_label * nd; ++i) {
    box.push_back(std::numeric_limits<std::int64_t>::max());
    box.push_back(-1);
  }
  if (n > 0 && nd > 0) {
    const array_desc dbox = device_vector(box, dtype::int64);
    const RawKernel& k = measure_kernel("find_objects", flat.dt, flat.dt);
    k({resident_blocks(k, n, kBlock)}, {kBlock}, static_cast<const void*>(flat.ptr),
      static_cast<long long>(n), static_cast<long long>(max_label), dims_of(flat.shape),
      static_cast<void*>(dbox.ptr));
    box = host_vector<std::int64_t>(dbox);
  }
  for (std::int64_t l = 0; l < max_label; ++l) {
    const auto at = static_cast<std::size_t>(l * nd * 2);
    if (nd == 0 || box[at + 1] < 0) {
      out.emplace_back(std::nullopt);
      continue;
    }
    std::vector<slice> s;
    for (int k = 0; k < nd; ++k)
      s.emplace_back(box[at + 2 * static_cast<std::size_t>(k)],
                     box[at + 2 * static_cast<std::size_t>(k) + 1] + 1);
    out.emplace_back(std::move(s));
  }
  return out;
}

value_runs value_indices(const array_desc& arr, const std::optional<std::int64_t>& ignore_value) {
  const array_desc flat_nd = contiguous(arr);
  const std::int64_t n = flat_nd.size();
  const int nd = static_cast<int>(arr.shape.size());
  if (nd > kMaxDims) throw value_error("too many dimensions: at most " + std::to_string(kMaxDims));
  value_runs r;
  if (n == 0) return r;
  const array_desc flat = cupp::detail::reshape(flat_nd, {n});
  const array_desc order = cupp::detail::sort_array(flat, std::nullopt, true);
  // The values as 64-bit patterns, in the sorted order.
  std::vector<unsigned char> raw(static_cast<std::size_t>(n) * flat.itemsize());
  cupp::detail::to_host(flat, raw.data());
  const std::vector<std::int64_t> idx = host_vector<std::int64_t>(order);
  std::vector<std::int64_t> sorted(static_cast<std::size_t>(n));
  visit_dtype(flat.dt, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (std::is_integral_v<T>) {
      const T* v = reinterpret_cast<const T*>(raw.data());
      for (std::size_t j = 0; j < sorted.size(); ++j)
        sorted[j] = static_cast<std::int64_t>(v[static_cast<std::size_t>(idx[j])]);
    } else {
      throw value_error("Parameter 'arr' must be an integer array");
    }
  });
  array_desc coords;
  if (nd > 0) {
    coords = cupp::detail::make_array({nd, n}, dtype::int64);
    const RawKernel& k = measure_kernel("value_indices", flat.dt, flat.dt);
    k({resident_blocks(k, n, kBlock)}, {kBlock}, static_cast<const void*>(order.ptr),
      static_cast<long long>(n), dims_of(arr.shape), static_cast<void*>(coords.ptr));
  }
  std::size_t start = 0;
  while (start < sorted.size()) {
    std::size_t stop = start;
    while (stop < sorted.size() && sorted[stop] == sorted[start]) ++stop;
    if (!ignore_value || *ignore_value != sorted[start]) {
      r.values.push_back(sorted[start]);
      std::vector<array_desc> axes;
      for (int k = 0; k < nd; ++k)
        axes.push_back(cupp::detail::index_view(
            coords, {std::int64_t{k}, slice(static_cast<std::int64_t>(start),
                                            static_cast<std::int64_t>(stop))}));
      r.indices.push_back(std::move(axes));
    }
    start = stop;
  }
  return r;
}

}  // namespace cupp::scipy::ndimage::detail
