// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// shares_memory, byte_bounds, show_config, binary_repr and base_repr.
#include <cublas_v2.h>
#include <cuda_runtime.h>
#include <cufft.h>
#include <cusolver_common.h>
#include <library_types.h>
#include <nvrtc.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cupp/config.hpp"
#include "cupp/core/error.hpp"
#include "cupp/routines/misc.hpp"

namespace cupp {
namespace detail {

std::pair<std::uintptr_t, std::uintptr_t> byte_bounds(const array_desc& a) {
  const auto item = static_cast<std::intptr_t>(a.itemsize());
  std::intptr_t low = reinterpret_cast<std::intptr_t>(a.ptr), high = low;
  if (is_c_contiguous(a.shape, a.strides)) {
    high += static_cast<std::intptr_t>(a.size()) * item;
  } else {
    for (std::size_t k = 0; k < a.shape.size(); ++k) {
      const std::intptr_t step = static_cast<std::intptr_t>((a.shape[k] - 1) * a.strides[k]) * item;
      (step < 0 ? low : high) += step;
    }
    high += item;
  }
  return {static_cast<std::uintptr_t>(low), static_cast<std::uintptr_t>(high)};
}

namespace {
/// The byte offset (from ptr) of every element of the view.
std::vector<std::int64_t> element_offsets(const array_desc& a) {
  std::vector<std::int64_t> out{0};
  const auto item = static_cast<std::int64_t>(a.itemsize());
  for (std::size_t k = 0; k < a.shape.size(); ++k) {
    std::vector<std::int64_t> next;
    next.reserve(out.size() * static_cast<std::size_t>(a.shape[k]));
    for (const std::int64_t o : out)
      for (std::int64_t i = 0; i < a.shape[k]; ++i) next.push_back(o + i * a.strides[k] * item);
    out.swap(next);
  }
  return out;
}
}  // namespace

bool shares_memory(const array_desc& a, const array_desc& b) {
  if (a.size() == 0 || b.size() == 0) return false;
  const auto x = byte_bounds(a), y = byte_bounds(b);
  if (!(x.first < y.second && y.first < x.second)) return false;
  // Every element start of the larger view, sorted; each element of the smaller one overlaps an
  // element of it when the last start before its end is less than one element before its start.
  const bool a_small = a.size() <= b.size();
  const array_desc& small = a_small ? a : b;
  const array_desc& large = a_small ? b : a;
  std::vector<std::int64_t> starts = element_offsets(large);
  std::sort(starts.begin(), starts.end());
  const std::int64_t base = large.ptr - small.ptr;  // large's offsets, seen from small.ptr
  const auto ls = static_cast<std::int64_t>(large.itemsize());
  const auto ss = static_cast<std::int64_t>(small.itemsize());
  for (const std::int64_t s : element_offsets(small)) {
    // An element of `large` at base + t overlaps [s, s + ss) when base + t < s + ss and
    // base + t + ls > s.
    const auto it = std::lower_bound(starts.begin(), starts.end(), s + ss - base);
    if (it != starts.begin() && base + *(it - 1) + ls > s) return true;
  }
  return false;
}

}  // namespace detail

void show_config(std::ostream& os) {
  os << "cupp " << CUPP_VERSION_STRING << "\n";
  const auto cuda_version = [](int v) {
    return std::to_string(v / 1000) + "." + std::to_string((v % 1000) / 10);
  };
  int runtime = 0, driver = 0;
  cudaRuntimeGetVersion(&runtime);
  os << "  CUDA runtime: " << cuda_version(runtime) << "\n";
  if (cudaDriverGetVersion(&driver) == cudaSuccess && driver > 0)
    os << "  CUDA driver: " << cuda_version(driver) << "\n";
  else
    os << "  CUDA driver: none\n";
  int major = 0, minor = 0;
  nvrtcVersion(&major, &minor);
  os << "  NVRTC: " << major << "." << minor << "\n";
  const auto library = [&os](const char* name, auto get) {
    int v[3] = {0, 0, 0};
    get(MAJOR_VERSION, &v[0]);
    get(MINOR_VERSION, &v[1]);
    get(PATCH_LEVEL, &v[2]);
    os << "  " << name << ": " << v[0] << "." << v[1] << "." << v[2] << "\n";
  };
  library("cuBLAS", [](libraryPropertyType t, int* v) { return cublasGetProperty(t, v); });
  library("cuSOLVER", [](libraryPropertyType t, int* v) { return cusolverGetProperty(t, v); });
  library("cuFFT", [](libraryPropertyType t, int* v) { return cufftGetProperty(t, v); });
  int count = 0;
  if (cudaGetDeviceCount(&count) != cudaSuccess || count == 0) {
    cudaGetLastError();  // clear the error of a machine without a device
    os << "Devices: none\n";
    return;
  }
  os << "Devices:\n";
  for (int d = 0; d < count; ++d) {
    cudaDeviceProp p{};
    if (cudaGetDeviceProperties(&p, d) != cudaSuccess) continue;
    os << "  " << d << ": " << p.name << ", compute capability " << p.major << "." << p.minor
       << ", " << (p.totalGlobalMem >> 20) << " MiB\n";
  }
}

std::string binary_repr(std::int64_t num, std::optional<std::int64_t> width) {
  const auto bits = [](std::uint64_t v) {
    std::string s;
    do {
      s.insert(s.begin(), static_cast<char>('0' + (v & 1)));
      v >>= 1;
    } while (v);
    return s;
  };
  const auto check = [&](std::int64_t binwidth) {
    CUPP_EXPECTS(!width || *width >= binwidth, value_error,
                 "Insufficient bit width=" + std::to_string(*width) +
                     " provided for binwidth=" + std::to_string(binwidth));
  };
  if (num == 0)
    return std::string(static_cast<std::size_t>(width ? std::max<std::int64_t>(*width, 1) : 1),
                       '0');
  if (num > 0) {
    std::string b = bits(static_cast<std::uint64_t>(num));
    const auto binwidth = static_cast<std::int64_t>(b.size());
    check(binwidth);
    const std::int64_t out = width ? std::max(binwidth, *width) : binwidth;
    return std::string(static_cast<std::size_t>(out - binwidth), '0') + b;
  }
  const std::uint64_t mag = 0 - static_cast<std::uint64_t>(num);
  if (!width) return "-" + bits(mag);
  // Two's complement over the fewest bits that hold num (NumPy's gh-8679 rule for powers of two).
  auto poswidth = static_cast<std::int64_t>(bits(mag).size());
  if ((mag & (mag - 1)) == 0) --poswidth;
  // 2**(poswidth + 1) + num, i.e. the low poswidth + 1 bits of num.
  const std::uint64_t twocomp =
      poswidth + 1 >= 64
          ? static_cast<std::uint64_t>(num)
          : (static_cast<std::uint64_t>(num) & ((std::uint64_t{1} << (poswidth + 1)) - 1));
  std::string b = bits(twocomp);
  const auto binwidth = static_cast<std::int64_t>(b.size());
  check(binwidth);
  const std::int64_t out = std::max(binwidth, *width);
  return std::string(static_cast<std::size_t>(out - binwidth), '1') + b;
}

std::string base_repr(std::int64_t number, int base, int padding) {
  static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  CUPP_EXPECTS(base <= 36, value_error, "Bases greater than 36 not handled in base_repr.");
  CUPP_EXPECTS(base >= 2, value_error, "Bases less than 2 not handled in base_repr.");
  std::uint64_t num =
      number < 0 ? 0 - static_cast<std::uint64_t>(number) : static_cast<std::uint64_t>(number);
  std::string res;
  while (num) {
    res.insert(res.begin(), digits[num % static_cast<std::uint64_t>(base)]);
    num /= static_cast<std::uint64_t>(base);
  }
  if (padding > 0) res.insert(0, static_cast<std::size_t>(padding), '0');
  if (number < 0) res.insert(res.begin(), '-');
  return res.empty() ? "0" : res;
}

}  // namespace cupp
