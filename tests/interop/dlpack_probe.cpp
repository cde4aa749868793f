// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp_dlpack_probe: the shared library tests/interop/torch_dlpack.py loads with ctypes, so that
// PyTorch, the real consumer and producer, exchanges DLPack tensors with cupp in one process.
// cupp's side of every check is here; the Python script wraps the tensors in PyCapsules.
// Element i (C order) of an exported array is i, (i, -i) for complex, i % 2 == 1 for bool.
#include <cuda_runtime_api.h>

#include <complex>
#include <cstdint>
#include <cstring>
#include <exception>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "cupp/array.hpp"
#include "cupp/dlpack.hpp"

// example-begin torch_export
// A C++ library built with cupp hands PyTorch an array without a copy: PyTorch calls the
// deleter when its tensor is gone, and the memory stays alive until then.
extern "C" DLManagedTensorVersioned* make_ramp(std::int64_t n) {
  cupp::ndarray<float> ramp = cupp::arange<float>(n);
  DLManagedTensorVersioned* tensor = cupp::to_dlpack(ramp);
  cupp::cuda::Stream::current().synchronize();  // PyTorch reads it on its own stream
  return tensor;
}

// ... and works in place on a tensor PyTorch lends it (torch.Tensor.__dlpack__).
extern "C" int scale_in_place(DLManagedTensorVersioned* tensor, float factor) {
  try {
    cupp::ndarray<float> x = cupp::from_dlpack<float>(tensor);  // owns the tensor from here
    x *= factor;
    cupp::cuda::Stream::current().synchronize();
    return 0;  // x goes: PyTorch's deleter runs
  } catch (const cupp::error&) {
    return -1;  // refused: the tensor is still the caller's
  }
}
// example-end

namespace {

cupp::array g_held;  // the base array of the last export, as cupp keeps it
bool g_have_held = false;
std::vector<std::weak_ptr<void>> g_exported;  // the memory of every export
std::vector<cupp::array> g_imported;         // tensors taken from PyTorch
std::string g_error;

template <class T>
T value_at(std::int64_t i) {
  if constexpr (std::is_same_v<T, bool>)
    return i % 2 == 1;
  else if constexpr (std::is_same_v<T, std::complex<float>> ||
                     std::is_same_v<T, std::complex<double>>)
    return T(static_cast<typename T::value_type>(i), static_cast<typename T::value_type>(-i));
  else if constexpr (std::is_same_v<T, cupp::float16> || std::is_same_v<T, cupp::bfloat16>)
    return T(static_cast<float>(i));
  else
    return static_cast<T>(i);
}

template <class T>
double real_part(const T& v) {
  if constexpr (std::is_same_v<T, std::complex<float>> || std::is_same_v<T, std::complex<double>>)
    return static_cast<double>(v.real());
  else if constexpr (std::is_same_v<T, cupp::float16> || std::is_same_v<T, cupp::bfloat16>)
    return static_cast<double>(static_cast<float>(v));
  else
    return static_cast<double>(v);
}

template <class F>
int guarded(F&& f) {
  try {
    f();
    return 0;
  } catch (const std::exception& e) {
    g_error = e.what();
    return -1;
  }
}

}  // namespace

extern "C" {

/// The message of the last call that returned -1.
const char* cupp_probe_error() { return g_error.c_str(); }

/// A (2, 3) array of `dtype` (cupp's name), exported as DLPack 1.x (versioned != 0) or legacy,
/// transposed or not; cupp keeps the untransposed array too (cupp_probe_held_*). NULL on error.
void* cupp_probe_export(const char* dtype, int versioned, int transposed) {
  void* out = nullptr;
  guarded([&] {
    const cupp::dtype dt = cupp::dtype_from_name(dtype);
    g_held = cupp::visit_dtype(dt, [](auto tag) {
      using T = typename decltype(tag)::type;
      std::vector<T> values;
      for (std::int64_t i = 0; i < 6; ++i) values.push_back(value_at<T>(i));
      return cupp::array(cupp::asarray<T>(values, {2, 3}));
    });
    g_have_held = true;
    const cupp::array view =
        transposed ? g_held.visit([](const auto& a) { return cupp::array(a.T()); }) : g_held;
    g_exported.push_back(view.desc().owner);
    out = versioned ? static_cast<void*>(cupp::to_dlpack(view))
                    : static_cast<void*>(cupp::to_dlpack_legacy(view));
    cupp::cuda::Stream::current().synchronize();
  });
  return out;
}

/// A 0-d float32 array holding 42 (which == 0) or an empty (0, 3) float32 array (which == 1),
/// exported as cupp_probe_export does. NULL on error.
void* cupp_probe_export_special(int which, int versioned) {
  void* out = nullptr;
  guarded([&] {
    const cupp::ndarray<float> a = which == 0 ? cupp::asarray<float>({42.0f}).reshape({})
                                              : cupp::zeros<float>({0, 3});
    g_exported.push_back(a.desc().owner);
    out = versioned ? static_cast<void*>(cupp::to_dlpack(a))
                    : static_cast<void*>(cupp::to_dlpack_legacy(a));
    cupp::cuda::Stream::current().synchronize();
  });
  return out;
}

/// How many exported arrays' memory is still alive (held by cupp or by a consumer).
int cupp_probe_exported_alive() {
  int n = 0;
  for (const auto& w : g_exported) n += w.expired() ? 0 : 1;
  return n;
}

/// The held array's values, as float64 (real parts), C order.
int cupp_probe_held_get(double* out, std::int64_t n) {
  return guarded([&] {
    if (!g_have_held || g_held.size() != n) throw cupp::value_error("no held array of that size");
    g_held.visit([&](const auto& a) {
      const auto values = a.get();
      for (std::int64_t i = 0; i < n; ++i) out[i] = real_part(values[static_cast<std::size_t>(i)]);
    });
  });
}

/// Writes float64 values (C order) into the held float32 array, through cupp.
int cupp_probe_held_set_f32(const double* values, std::int64_t n) {
  return guarded([&] {
    std::vector<float> v(values, values + n);
    g_held.as<float>().set(v);
    cupp::cuda::Stream::current().synchronize();
  });
}

/// cupp lets go of the held array (an export may keep its memory).
void cupp_probe_drop_held() {
  g_held = cupp::array();
  g_have_held = false;
}

/// cupp takes a tensor PyTorch exported (a DLManagedTensorVersioned* when versioned != 0, else a
/// DLManagedTensor*): 0, or -1 with the message in cupp_probe_error() and the tensor not taken.
int cupp_probe_import(void* tensor, int versioned) {
  return guarded([&] {
    g_imported.push_back(versioned
                             ? cupp::from_dlpack(static_cast<DLManagedTensorVersioned*>(tensor))
                             : cupp::from_dlpack(static_cast<DLManagedTensor*>(tensor)));
  });
}

/// The last imported array's dtype name, shape and strides (in elements); returns ndim.
int cupp_probe_imported_info(char* dtype, std::int64_t* shape, std::int64_t* strides) {
  const cupp::array& a = g_imported.back();
  std::strcpy(dtype, cupp::dtype_name(a.dtype()));
  for (std::int64_t i = 0; i < a.ndim(); ++i) {
    shape[i] = a.shape()[static_cast<std::size_t>(i)];
    strides[i] = a.strides()[static_cast<std::size_t>(i)];
  }
  return static_cast<int>(a.ndim());
}

/// The last imported array's values read by cupp, as float64 (real parts), C order.
int cupp_probe_imported_get(double* out, std::int64_t n) {
  return guarded([&] {
    g_imported.back().visit([&](const auto& a) {
      if (a.size() != n) throw cupp::value_error("size mismatch");
      const auto values = a.get();
      for (std::int64_t i = 0; i < n; ++i) out[i] = real_part(values[static_cast<std::size_t>(i)]);
    });
  });
}

/// cupp writes `value` into every element of the last imported array.
int cupp_probe_imported_fill(double value) {
  return guarded([&] {
    g_imported.back().visit([&](auto a) {
      using T = typename decltype(a)::value_type;
      if constexpr (std::is_same_v<T, bool>)
        a.fill(value != 0);
      else if constexpr (std::is_same_v<T, cupp::float16> || std::is_same_v<T, cupp::bfloat16>)
        a.fill(T(static_cast<float>(value)));
      else
        a.fill(static_cast<T>(value));
    });
    cupp::cuda::Stream::current().synchronize();
  });
}

/// cupp lets go of every imported tensor: their producers' deleters run.
void cupp_probe_drop_imported() { g_imported.clear(); }

}  // extern "C"
