// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The dtype mapping, the argument checks and UniqueId's text form: no NCCL call, host-testable.
#include <nccl.h>

#include <cstdlib>
#include <string>

#include "cupp/distributed.hpp"

namespace cupp::distributed {

const char* reduce_op_name(ReduceOp op) noexcept {
  switch (op) {
    case ReduceOp::sum: return "sum";
    case ReduceOp::prod: return "prod";
    case ReduceOp::min: return "min";
    case ReduceOp::max: return "max";
    case ReduceOp::avg: return "avg";
  }
  return "?";
}

namespace {
int nccl_op(ReduceOp op) {
  switch (op) {
    case ReduceOp::sum: return ncclSum;
    case ReduceOp::prod: return ncclProd;
    case ReduceOp::min: return ncclMin;
    case ReduceOp::max: return ncclMax;
    case ReduceOp::avg: return ncclAvg;
  }
  return ncclSum;
}
}  // namespace

WireType wire_type(dtype dt, ReduceOp op, bool reduction) {
  const int o = nccl_op(op);
  switch (dt) {
    case dtype::int8: return {ncclInt8, 1, o};
    case dtype::uint8: return {ncclUint8, 1, o};
    case dtype::int32: return {ncclInt32, 1, o};
    case dtype::uint32: return {ncclUint32, 1, o};
    case dtype::int64: return {ncclInt64, 1, o};
    case dtype::uint64: return {ncclUint64, 1, o};
    case dtype::float16: return {ncclFloat16, 1, o};
#if NCCL_VERSION_CODE >= NCCL_VERSION(2, 10, 0)
    case dtype::bfloat16: return {ncclBfloat16, 1, o};
#endif
    case dtype::float32: return {ncclFloat32, 1, o};
    case dtype::float64: return {ncclFloat64, 1, o};
    case dtype::bool_: {
      if (!reduction) return {ncclUint8, 1, o};
      switch (op) {
        case ReduceOp::sum: case ReduceOp::max: return {ncclUint8, 1, ncclMax};  // logical or
        case ReduceOp::prod: case ReduceOp::min: return {ncclUint8, 1, ncclMin};  // logical and
        case ReduceOp::avg: break;
      }
      throw type_error("distributed: reduction 'avg' is not supported for dtype bool");
    }
    case dtype::complex64:
    case dtype::complex128: {
      const int real = dt == dtype::complex64 ? ncclFloat32 : ncclFloat64;
      if (!reduction || op == ReduceOp::sum || op == ReduceOp::avg) return {real, 2, o};
      throw type_error(std::string("distributed: reduction '") + reduce_op_name(op) +
                       "' is not supported for dtype " + dtype_name(dt) +
                       " (complex numbers reduce with sum or avg only)");
    }
    default: break;
  }
  throw type_error(std::string("distributed: NCCL has no type for dtype ") + dtype_name(dt));
}

namespace detail {
void check_contiguous(const Buffer& b, const char* call) {
  CUPP_EXPECTS(b.contiguous, value_error,
               std::string(call) + ": the array must be C-contiguous (copy it with ascontiguousarray)");
}
void check_same_dtype(const Buffer& a, const Buffer& b, const char* call) {
  CUPP_EXPECTS(a.dt == b.dt, type_error,
               std::string(call) + ": input and output dtypes differ (" + dtype_name(a.dt) +
                   " and " + dtype_name(b.dt) + ")");
}
void check_rank(int r, int size, const char* call, const char* what) {
  CUPP_EXPECTS(r >= 0 && r < size, value_error,
               std::string(call) + ": " + what + " " + std::to_string(r) +
                   " is out of range for " + std::to_string(size) + " ranks");
}
void check_sizes(std::int64_t got, std::int64_t want, const char* call, const char* what) {
  CUPP_EXPECTS(got == want, value_error,
               std::string(call) + ": " + what + " has " + std::to_string(got) +
                   " elements, expected " + std::to_string(want));
}
}  // namespace detail

static_assert(UniqueId::kBytes == NCCL_UNIQUE_ID_BYTES, "UniqueId must hold an ncclUniqueId");

std::string UniqueId::to_string() const {
  static const char digits[] = "0123456789abcdef";
  std::string s;
  s.reserve(2 * kBytes);
  for (char c : bytes_) {
    const auto u = static_cast<unsigned char>(c);
    s += digits[u >> 4];
    s += digits[u & 15];
  }
  return s;
}

UniqueId UniqueId::from_string(const std::string& s) {
  CUPP_EXPECTS(s.size() == 2 * kBytes, value_error,
               "UniqueId::from_string: expected " + std::to_string(2 * kBytes) +
                   " hex digits, got " + std::to_string(s.size()) + " characters");
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw value_error(std::string("UniqueId::from_string: '") + c + "' is not a hex digit");
  };
  UniqueId id;
  for (std::size_t i = 0; i < kBytes; ++i)
    id.bytes_[i] = static_cast<char>(nibble(s[2 * i]) * 16 + nibble(s[2 * i + 1]));
  return id;
}

void disable_nvls_unless_set() { ::setenv("NCCL_NVLS_ENABLE", "0", 0); }

}  // namespace cupp::distributed
