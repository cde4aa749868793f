// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#pragma once
// cupp::distributed: collectives on ndarray<T> through NCCL, as cupy.cuda.nccl and
// cupyx.distributed's NCCLBackend. Link cupp::distributed (find_package(cupp COMPONENTS
// distributed)); this header is not included by cupp/array.hpp. See docs/distributed.md.
//
// Every communicator constructor sets NCCL_NVLS_ENABLE=0 (NVLink multicast off) in the process
// environment unless the user already set it.

#include <array>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "cupp/core/dtype.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/ndarray.hpp"

namespace cupp {

/// An NCCL call failed. status() is the ncclResult_t; what() holds ncclGetErrorString and, where
/// the library has one, ncclGetLastError's text.
class nccl_error : public error {
 public:
  /// The status `status` returned by `api`, with the message `what`.
  nccl_error(int status, std::string api, const std::string& what)
      : error(what), status_(status), api_(std::move(api)) {}
  /// The ncclResult_t value, as an int.
  int status() const noexcept { return status_; }
  /// The NCCL call that failed, as written in the source.
  const std::string& api() const noexcept { return api_; }

 private:
  int status_;
  std::string api_;
};

namespace distributed {

/// The reductions of NCCL. avg is NCCL's ncclAvg (sum divided by the number of ranks).
enum class ReduceOp { sum, prod, min, max, avg };

/// How an array of a cupp dtype travels through NCCL (as CuPy's NCCLBackend sends it).
struct WireType {
  int nccl_dtype;        ///< the ncclDataType_t
  int count_factor;      ///< elements on the wire per array element (2 for complex)
  int nccl_op;           ///< the ncclRedOp_t that implements the requested ReduceOp
};

/// The NCCL type, count factor and reduction for `dt` and `op`. int8/uint8/int32/uint32/int64/
/// uint64/float16/bfloat16/float32/float64 map directly. bool goes as uint8, with sum as max
/// (logical or), prod as min (logical and), so the result stays 0 or 1; avg of bool is a
/// type_error (CuPy's backend rejects bool altogether). complex64/complex128 go as float32/float64 pairs (count doubled) for sum and avg
/// (and for data movement: `op` is ignored when `reduction` is false); prod/min/max of complex are
/// a type_error. int16/uint16: NCCL has no such type: a type_error, as in CuPy.
WireType wire_type(dtype dt, ReduceOp op, bool reduction = true);

/// The name of a ReduceOp ("sum", ...).
const char* reduce_op_name(ReduceOp op) noexcept;

/// ncclUniqueId: the bytes every rank must share to build one communicator.
class UniqueId {
 public:
  static constexpr std::size_t kBytes = 128;  ///< NCCL_UNIQUE_ID_BYTES
  /// A zero id (not usable by NCCL; to be filled by from_string or the bytes).
  UniqueId() noexcept : bytes_{} {}
  /// A fresh id from ncclGetUniqueId (rank 0 calls it, then shares it). Needs NCCL, not a GPU.
  static UniqueId create();
  /// The id from the bytes of to_string(); a value_error unless it has kBytes*2 hex digits.
  static UniqueId from_string(const std::string& s);
  /// The bytes as lowercase hex (2*kBytes characters), for files, sockets or the environment.
  std::string to_string() const;
  /// The raw bytes.
  const std::array<char, kBytes>& bytes() const noexcept { return bytes_; }
  /// The raw bytes, writable.
  std::array<char, kBytes>& bytes() noexcept { return bytes_; }
  /// Same bytes.
  friend bool operator==(const UniqueId& a, const UniqueId& b) { return a.bytes_ == b.bytes_; }
  /// Different bytes.
  friend bool operator!=(const UniqueId& a, const UniqueId& b) { return !(a == b); }

 private:
  std::array<char, kBytes> bytes_;
};

/// The rendezvous: how ranks share a UniqueId before building a communicator.
namespace rendezvous {
/// Rank 0 listens on host:port and sends `id` to the size-1 other ranks, then returns `id`; other
/// ranks connect (retrying until `timeout`) and return the id they receive. An error names the
/// address and the time waited.
UniqueId tcp_exchange(const std::string& host, int port, int rank, int size, const UniqueId& id,
                      std::chrono::milliseconds timeout = std::chrono::seconds(300));
/// Rank 0 writes `id` to `path` atomically (a temporary file, then rename) and returns it; other
/// ranks poll until the file appears (or `timeout`) and return what it holds.
UniqueId file_exchange(const std::string& path, int rank, const UniqueId& id,
                       std::chrono::milliseconds timeout = std::chrono::seconds(300));
/// Parses CUPP_DIST_INIT ("tcp://host:port", "file:///path"); out: the scheme, host, port, path.
struct InitMethod {
  std::string scheme;  ///< "tcp" or "file"
  std::string host;    ///< for tcp
  int port = 0;        ///< for tcp
  std::string path;    ///< for file
};
/// Parses an init method URL; a value_error for anything else.
InitMethod parse_init_method(const std::string& url);
}  // namespace rendezvous

namespace detail {
/// An array as the collectives see it: its pointer, element count, dtype, contiguity.
struct Buffer {
  void* ptr;
  std::int64_t size;
  dtype dt;
  bool contiguous;
};
/// The Buffer of an ndarray.
template <class T>
Buffer buffer(const ndarray<T>& a) {
  return Buffer{static_cast<void*>(a.data()), a.size(), dtype_of<T>, a.is_c_contiguous()};
}
/// The argument checks of each collective (value_error / type_error before any NCCL call).
void check_contiguous(const Buffer& b, const char* call);
void check_same_dtype(const Buffer& a, const Buffer& b, const char* call);
void check_rank(int r, int size, const char* call, const char* what);
void check_sizes(std::int64_t got, std::int64_t want, const char* call, const char* what);
}  // namespace detail

/// One rank of an NCCL communicator (move-only; destroys its ncclComm_t). Collectives run on
/// cupp's current stream (get_current_stream()) of the communicator's device, asynchronously, as
/// CuPy's; synchronise the stream (or call barrier()) before reading results on the host.
class Communicator {
 public:
  /// Rank `rank` of `size`, joining the communicator of `id`, on the current device.
  Communicator(int size, const UniqueId& id, int rank);
  /// Moves the communicator.
  Communicator(Communicator&& o) noexcept;
  /// Moves the communicator.
  Communicator& operator=(Communicator&& o) noexcept;
  Communicator(const Communicator&) = delete;
  Communicator& operator=(const Communicator&) = delete;
  /// ncclCommDestroy.
  ~Communicator();

  /// From the environment, as torch.distributed's env://: CUPP_DIST_INIT (tcp://host:port or
  /// file:///path; else MASTER_ADDR and MASTER_PORT), RANK, WORLD_SIZE, and LOCAL_RANK (the
  /// device; defaults to RANK modulo the device count).
  static Communicator from_env();
  /// Rank `rank` of `size` through a TCP rendezvous at host:port (rank 0 listens).
  static Communicator from_tcp(const std::string& host, int port, int rank, int size);
  /// Rank `rank` of `size` through a file rendezvous at `path`.
  static Communicator from_file(const std::string& path, int rank, int size);
  /// One communicator per device of `devices` in this process (ncclCommInitAll); use a Group
  /// around their collectives. Each collective runs on the calling thread's current stream, so
  /// leave it the default stream here (a stream belongs to one device), or make a stream of the
  /// communicator's device current (cuda::StreamGuard) around each call.
  static std::vector<Communicator> local(const std::vector<int>& devices);

  /// This rank.
  int rank() const noexcept { return rank_; }
  /// The number of ranks.
  int size() const noexcept { return size_; }
  /// The CUDA device of this rank.
  int device() const noexcept { return device_; }

  /// Reduces `a` over the ranks, in place.
  template <class T> void all_reduce(ndarray<T>& a, ReduceOp op = ReduceOp::sum) {
    all_reduce_raw(detail::buffer(a), detail::buffer(a), op);
  }
  /// Reduces `in` over the ranks into `out` (same size).
  template <class T> void all_reduce(const ndarray<T>& in, ndarray<T>& out,
                                     ReduceOp op = ReduceOp::sum) {
    all_reduce_raw(detail::buffer(in), detail::buffer(out), op);
  }
  /// Reduces `in` over the ranks into `out` of rank `root` (others' `out` is not touched).
  template <class T> void reduce(const ndarray<T>& in, ndarray<T>& out, int root,
                                 ReduceOp op = ReduceOp::sum) {
    reduce_raw(detail::buffer(in), detail::buffer(out), root, op);
  }
  /// Copies `a` of rank `root` into `a` of every rank.
  template <class T> void broadcast(ndarray<T>& a, int root) {
    broadcast_raw(detail::buffer(a), root);
  }
  /// Gathers every rank's `in` into `out` (size() * in.size() elements, rank order).
  template <class T> void all_gather(const ndarray<T>& in, ndarray<T>& out) {
    all_gather_raw(detail::buffer(in), detail::buffer(out));
  }
  /// Reduces `in` (size() * out.size() elements) and leaves rank r's block in its `out`.
  template <class T> void reduce_scatter(const ndarray<T>& in, ndarray<T>& out,
                                         ReduceOp op = ReduceOp::sum) {
    reduce_scatter_raw(detail::buffer(in), detail::buffer(out), op);
  }
  /// Block j of `in` goes to rank j, and block r of `out` comes from rank r (grouped send/recv;
  /// in and out: size() equal blocks).
  template <class T> void all_to_all(const ndarray<T>& in, ndarray<T>& out) {
    all_to_all_raw(detail::buffer(in), detail::buffer(out));
  }
  /// Sends `a` to rank `peer`.
  template <class T> void send(const ndarray<T>& a, int peer) { send_raw(detail::buffer(a), peer); }
  /// Receives `a` from rank `peer`.
  template <class T> void recv(ndarray<T>& a, int peer) { recv_raw(detail::buffer(a), peer); }
  /// Waits for every rank: an all_reduce of one element, then a stream synchronisation.
  void barrier();

  /// The type-erased collectives behind the templates (checked, then NCCL).
  void all_reduce_raw(const detail::Buffer& in, const detail::Buffer& out, ReduceOp op);
  void reduce_raw(const detail::Buffer& in, const detail::Buffer& out, int root, ReduceOp op);
  void broadcast_raw(const detail::Buffer& a, int root);
  void all_gather_raw(const detail::Buffer& in, const detail::Buffer& out);
  void reduce_scatter_raw(const detail::Buffer& in, const detail::Buffer& out, ReduceOp op);
  void all_to_all_raw(const detail::Buffer& in, const detail::Buffer& out);
  void send_raw(const detail::Buffer& a, int peer);
  void recv_raw(const detail::Buffer& a, int peer);

 private:
  Communicator() = default;
  void* comm_ = nullptr;  // ncclComm_t
  int rank_ = 0;
  int size_ = 0;
  int device_ = 0;
  void* barrier_buf_ = nullptr;  // one float on the device
};

/// ncclGroupStart / ncclGroupEnd for its lifetime: batches collectives (needed when one thread
/// drives several communicators of Communicator::local).
class Group {
 public:
  /// ncclGroupStart.
  Group();
  /// ncclGroupEnd (errors are reported by end(); the destructor does not throw).
  ~Group();
  /// ncclGroupEnd now, throwing nccl_error on failure.
  void end();
  Group(const Group&) = delete;
  Group& operator=(const Group&) = delete;

 private:
  bool open_ = true;
};

/// Sets NCCL_NVLS_ENABLE=0 in the environment unless it is already set (called by every
/// communicator constructor).
void disable_nvls_unless_set();

}  // namespace distributed
}  // namespace cupp
