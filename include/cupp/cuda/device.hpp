// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#pragma once

#include <cuda_runtime_api.h>

namespace cupp::cuda {

/// A CUDA device, as cupy.cuda.Device. Cheap to copy: it is only an ordinal.
class Device {
 public:
  /// The calling thread's current device.
  Device();
  /// Device `id`; value_error for an ordinal that is not below count().
  explicit Device(int id);

  /// Number of devices; 0 when there is no device or no driver (never throws).
  static int count() noexcept;

  /// The device ordinal, as cupy.cuda.Device.id.
  int id() const noexcept { return id_; }
  /// Makes this the calling thread's current device.
  void use() const;
  /// Waits for all work on the device (cudaDeviceSynchronize), as cupy.cuda.Device.synchronize;
  /// raises an index_error a finished deferred index check found.
  void synchronize() const;
  /// The device's properties, read once and cached.
  const cudaDeviceProp& properties() const;
  /// Compute capability as major * 10 + minor (90 for an H100).
  int compute_capability() const;
  /// The number of streaming multiprocessors (cudaDeviceProp::multiProcessorCount).
  int multiprocessor_count() const { return properties().multiProcessorCount; }

  /// Whether two devices have the same ordinal.
  friend bool operator==(Device a, Device b) { return a.id_ == b.id_; }
  /// Whether two devices have different ordinals.
  friend bool operator!=(Device a, Device b) { return a.id_ != b.id_; }

 private:
  int id_;
};

/// Makes a device current for a scope and restores the previous one.
class DeviceGuard {
 public:
  /// Makes `d` current; the destructor restores the device current before.
  explicit DeviceGuard(Device d);
  ~DeviceGuard();
  DeviceGuard(const DeviceGuard&) = delete;
  DeviceGuard& operator=(const DeviceGuard&) = delete;

 private:
  int previous_;
};

/// True when at least one device can be used.
inline bool is_available() noexcept { return Device::count() > 0; }

/// Waits for all work on the current device.
void synchronize();

namespace detail {
/// Throws cupp::cuda_error ("no CUDA-capable device is available", with the driver's words) when
/// there is no usable device. Cheap after the first call. Every entry point that needs the GPU
/// calls it before touching the runtime, so a machine without a GPU gets one clear error.
void require_device();
/// The calling thread's current device ordinal (after require_device()).
int current_device_id();
}  // namespace detail

}  // namespace cupp::cuda
