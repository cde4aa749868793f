// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Communicator, Group and UniqueId::create: the NCCL calls.
#include <cuda_runtime_api.h>
#include <nccl.h>

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "cupp/cuda/device.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/distributed.hpp"

namespace cupp::distributed {

namespace {
[[noreturn]] void throw_nccl(ncclResult_t r, const char* api, ncclComm_t comm) {
  std::string msg = std::string(api) + " failed: " + ncclGetErrorString(r);
#if NCCL_VERSION_CODE >= NCCL_VERSION(2, 13, 0)
  const char* last = ncclGetLastError(comm);
  if (last != nullptr && *last != '\0') msg += std::string(" (") + last + ")";
#else
  (void)comm;
#endif
  throw nccl_error(static_cast<int>(r), api, msg);
}
#define CUPP_CHECK_NCCL(expr, comm)                          \
  do {                                                       \
    const ncclResult_t r_ = (expr);                          \
    if (r_ != ncclSuccess) throw_nccl(r_, #expr, (comm));    \
  } while (0)

ncclComm_t as_comm(void* c) { return static_cast<ncclComm_t>(c); }

int env_int(const char* name, int fallback) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return fallback;
  try {
    std::size_t used = 0;
    const int i = std::stoi(v, &used);
    if (used == std::string(v).size()) return i;
  } catch (const std::exception&) {
  }
  throw value_error(std::string("environment variable ") + name + "='" + v + "' is not an integer");
}

std::size_t wire_count(const detail::Buffer& b, const WireType& w) {
  return static_cast<std::size_t>(b.size) * static_cast<std::size_t>(w.count_factor);
}
}  // namespace

UniqueId UniqueId::create() {
  ncclUniqueId raw;
  CUPP_CHECK_NCCL(ncclGetUniqueId(&raw), nullptr);
  UniqueId id;
  std::memcpy(id.bytes_.data(), raw.internal, kBytes);
  return id;
}

Communicator::Communicator(int size, const UniqueId& id, int rank) {
  CUPP_EXPECTS(size >= 1, value_error, "Communicator: size must be at least 1");
  detail::check_rank(rank, size, "Communicator", "rank");
  disable_nvls_unless_set();
  cuda::detail::require_device();
  device_ = cuda::detail::current_device_id();
  ncclUniqueId raw;
  std::memcpy(raw.internal, id.bytes().data(), UniqueId::kBytes);
  ncclComm_t c = nullptr;
  CUPP_CHECK_NCCL(ncclCommInitRank(&c, size, raw, rank), nullptr);
  comm_ = c;
  rank_ = rank;
  size_ = size;
}

Communicator::Communicator(Communicator&& o) noexcept
    : comm_(o.comm_), rank_(o.rank_), size_(o.size_), device_(o.device_),
      barrier_buf_(o.barrier_buf_) {
  o.comm_ = nullptr;
  o.barrier_buf_ = nullptr;
}

Communicator& Communicator::operator=(Communicator&& o) noexcept {
  if (this != &o) {
    this->~Communicator();
    new (this) Communicator(std::move(o));
  }
  return *this;
}

Communicator::~Communicator() {
  if (barrier_buf_ != nullptr) {
    int prev = 0;
    cudaGetDevice(&prev);
    cudaSetDevice(device_);
    cudaFree(barrier_buf_);
    cudaSetDevice(prev);
  }
  if (comm_ != nullptr) ncclCommDestroy(as_comm(comm_));
}

Communicator Communicator::from_tcp(const std::string& host, int port, int rank, int size) {
  detail::check_rank(rank, size, "Communicator::from_tcp", "rank");
  disable_nvls_unless_set();
  const UniqueId id = rendezvous::tcp_exchange(host, port, rank, size,
                                               rank == 0 ? UniqueId::create() : UniqueId());
  return Communicator(size, id, rank);
}

Communicator Communicator::from_file(const std::string& path, int rank, int size) {
  detail::check_rank(rank, size, "Communicator::from_file", "rank");
  disable_nvls_unless_set();
  const UniqueId id =
      rendezvous::file_exchange(path, rank, rank == 0 ? UniqueId::create() : UniqueId());
  return Communicator(size, id, rank);
}

Communicator Communicator::from_env() {
  const int rank = env_int("RANK", -1);
  const int size = env_int("WORLD_SIZE", -1);
  CUPP_EXPECTS(rank >= 0 && size >= 1, value_error,
               "Communicator::from_env: RANK and WORLD_SIZE must be set");
  int count = 0;
  CUPP_CHECK_CUDA(cudaGetDeviceCount(&count));
  CUPP_EXPECTS(count > 0, error, "Communicator::from_env: no CUDA device");
  const int local = env_int("LOCAL_RANK", rank % count);
  CUPP_CHECK_CUDA(cudaSetDevice(local % count));
  std::string url;
  if (const char* v = std::getenv("CUPP_DIST_INIT"); v != nullptr && *v != '\0') {
    url = v;
  } else {
    const char* addr = std::getenv("MASTER_ADDR");
    const char* port = std::getenv("MASTER_PORT");
    CUPP_EXPECTS(addr != nullptr && port != nullptr, value_error,
                 "Communicator::from_env: set CUPP_DIST_INIT (tcp://host:port or file:///path) "
                 "or MASTER_ADDR and MASTER_PORT");
    url = std::string("tcp://") + addr + ":" + port;
  }
  const rendezvous::InitMethod m = rendezvous::parse_init_method(url);
  return m.scheme == "tcp" ? from_tcp(m.host, m.port, rank, size) : from_file(m.path, rank, size);
}

std::vector<Communicator> Communicator::local(const std::vector<int>& devices) {
  CUPP_EXPECTS(!devices.empty(), value_error, "Communicator::local: no devices given");
  disable_nvls_unless_set();
  std::vector<ncclComm_t> comms(devices.size());
  CUPP_CHECK_NCCL(ncclCommInitAll(comms.data(), static_cast<int>(devices.size()), devices.data()),
                  nullptr);
  std::vector<Communicator> out;
  out.reserve(devices.size());
  for (std::size_t i = 0; i < devices.size(); ++i) {
    Communicator c;
    c.comm_ = comms[i];
    c.rank_ = static_cast<int>(i);
    c.size_ = static_cast<int>(devices.size());
    c.device_ = devices[i];
    out.push_back(std::move(c));
  }
  return out;
}

namespace {
// The collectives run on the communicator's device, on cupp's current stream.
struct OnDevice {
  int prev = 0;
  explicit OnDevice(int d) { cudaGetDevice(&prev); if (prev != d) CUPP_CHECK_CUDA(cudaSetDevice(d)); }
  ~OnDevice() { cudaSetDevice(prev); }
};
}  // namespace

void Communicator::all_reduce_raw(const detail::Buffer& in, const detail::Buffer& out, ReduceOp op) {
  detail::check_contiguous(in, "all_reduce");
  detail::check_contiguous(out, "all_reduce");
  detail::check_same_dtype(in, out, "all_reduce");
  detail::check_sizes(out.size, in.size, "all_reduce", "out");
  const WireType w = wire_type(in.dt, op);
  OnDevice on(device_);
  CUPP_CHECK_NCCL(ncclAllReduce(in.ptr, out.ptr, wire_count(in, w), ncclDataType_t(w.nccl_dtype),
                                ncclRedOp_t(w.nccl_op), as_comm(comm_), cuda::get_current_stream()),
                  as_comm(comm_));
}

void Communicator::reduce_raw(const detail::Buffer& in, const detail::Buffer& out, int root,
                              ReduceOp op) {
  detail::check_contiguous(in, "reduce");
  detail::check_contiguous(out, "reduce");
  detail::check_same_dtype(in, out, "reduce");
  detail::check_rank(root, size_, "reduce", "root");
  if (rank_ == root) detail::check_sizes(out.size, in.size, "reduce", "out");
  const WireType w = wire_type(in.dt, op);
  OnDevice on(device_);
  CUPP_CHECK_NCCL(ncclReduce(in.ptr, out.ptr, wire_count(in, w), ncclDataType_t(w.nccl_dtype),
                             ncclRedOp_t(w.nccl_op), root, as_comm(comm_), cuda::get_current_stream()),
                  as_comm(comm_));
}

void Communicator::broadcast_raw(const detail::Buffer& a, int root) {
  detail::check_contiguous(a, "broadcast");
  detail::check_rank(root, size_, "broadcast", "root");
  const WireType w = wire_type(a.dt, ReduceOp::sum, false);
  OnDevice on(device_);
  CUPP_CHECK_NCCL(ncclBroadcast(a.ptr, a.ptr, wire_count(a, w), ncclDataType_t(w.nccl_dtype), root,
                                as_comm(comm_), cuda::get_current_stream()),
                  as_comm(comm_));
}

void Communicator::all_gather_raw(const detail::Buffer& in, const detail::Buffer& out) {
  detail::check_contiguous(in, "all_gather");
  detail::check_contiguous(out, "all_gather");
  detail::check_same_dtype(in, out, "all_gather");
  detail::check_sizes(out.size, in.size * size_, "all_gather", "out");
  const WireType w = wire_type(in.dt, ReduceOp::sum, false);
  OnDevice on(device_);
  CUPP_CHECK_NCCL(ncclAllGather(in.ptr, out.ptr, wire_count(in, w), ncclDataType_t(w.nccl_dtype),
                                as_comm(comm_), cuda::get_current_stream()),
                  as_comm(comm_));
}

void Communicator::reduce_scatter_raw(const detail::Buffer& in, const detail::Buffer& out,
                                      ReduceOp op) {
  detail::check_contiguous(in, "reduce_scatter");
  detail::check_contiguous(out, "reduce_scatter");
  detail::check_same_dtype(in, out, "reduce_scatter");
  detail::check_sizes(in.size, out.size * size_, "reduce_scatter", "in");
  const WireType w = wire_type(in.dt, op);
  OnDevice on(device_);
  CUPP_CHECK_NCCL(ncclReduceScatter(in.ptr, out.ptr, wire_count(out, w),
                                    ncclDataType_t(w.nccl_dtype), ncclRedOp_t(w.nccl_op),
                                    as_comm(comm_), cuda::get_current_stream()),
                  as_comm(comm_));
}

void Communicator::all_to_all_raw(const detail::Buffer& in, const detail::Buffer& out) {
  detail::check_contiguous(in, "all_to_all");
  detail::check_contiguous(out, "all_to_all");
  detail::check_same_dtype(in, out, "all_to_all");
  detail::check_sizes(out.size, in.size, "all_to_all", "out");
  CUPP_EXPECTS(in.size % size_ == 0, value_error,
               "all_to_all: the size " + std::to_string(in.size) + " is not a multiple of " +
                   std::to_string(size_) + " ranks");
  const WireType w = wire_type(in.dt, ReduceOp::sum, false);
  const std::size_t block = static_cast<std::size_t>(in.size / size_) * w.count_factor;
  const std::size_t bytes = block / w.count_factor * dtype_itemsize(in.dt);
  OnDevice on(device_);
  const cudaStream_t s = cuda::get_current_stream();
  CUPP_CHECK_NCCL(ncclGroupStart(), nullptr);
  ncclResult_t r = ncclSuccess;
  for (int p = 0; p < size_ && r == ncclSuccess; ++p) {
    r = ncclSend(static_cast<char*>(in.ptr) + p * bytes, block, ncclDataType_t(w.nccl_dtype), p,
                 as_comm(comm_), s);
    if (r == ncclSuccess)
      r = ncclRecv(static_cast<char*>(out.ptr) + p * bytes, block, ncclDataType_t(w.nccl_dtype), p,
                   as_comm(comm_), s);
  }
  const ncclResult_t e = ncclGroupEnd();
  if (r != ncclSuccess) throw_nccl(r, "ncclSend/ncclRecv", as_comm(comm_));
  if (e != ncclSuccess) throw_nccl(e, "ncclGroupEnd()", as_comm(comm_));
}

void Communicator::send_raw(const detail::Buffer& a, int peer) {
  detail::check_contiguous(a, "send");
  detail::check_rank(peer, size_, "send", "peer");
  const WireType w = wire_type(a.dt, ReduceOp::sum, false);
  OnDevice on(device_);
  CUPP_CHECK_NCCL(ncclSend(a.ptr, wire_count(a, w), ncclDataType_t(w.nccl_dtype), peer,
                           as_comm(comm_), cuda::get_current_stream()),
                  as_comm(comm_));
}

void Communicator::recv_raw(const detail::Buffer& a, int peer) {
  detail::check_contiguous(a, "recv");
  detail::check_rank(peer, size_, "recv", "peer");
  const WireType w = wire_type(a.dt, ReduceOp::sum, false);
  OnDevice on(device_);
  CUPP_CHECK_NCCL(ncclRecv(a.ptr, wire_count(a, w), ncclDataType_t(w.nccl_dtype), peer,
                           as_comm(comm_), cuda::get_current_stream()),
                  as_comm(comm_));
}

void Communicator::barrier() {
  OnDevice on(device_);
  if (barrier_buf_ == nullptr) CUPP_CHECK_CUDA(cudaMalloc(&barrier_buf_, sizeof(float)));
  const cudaStream_t s = cuda::get_current_stream();
  CUPP_CHECK_NCCL(ncclAllReduce(barrier_buf_, barrier_buf_, 1, ncclFloat32, ncclSum,
                                as_comm(comm_), s),
                  as_comm(comm_));
  CUPP_CHECK_CUDA(cudaStreamSynchronize(s));
}

Group::Group() { CUPP_CHECK_NCCL(ncclGroupStart(), nullptr); }
Group::~Group() {
  if (open_) ncclGroupEnd();
}
void Group::end() {
  if (!open_) return;
  open_ = false;
  CUPP_CHECK_NCCL(ncclGroupEnd(), nullptr);
}

}  // namespace cupp::distributed
