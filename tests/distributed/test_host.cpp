// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::distributed without a GPU: the dtype mapping, UniqueId's text form, the init-method
// parser, the argument checks, and the TCP and file rendezvous (threads exchanging a fake id).
#include <nccl.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "cupp/distributed.hpp"

namespace cd = cupp::distributed;
using cupp::dtype;

TEST(DistributedWire, DirectTypes) {
  const std::pair<dtype, int> direct[] = {
      {dtype::int8, ncclInt8},       {dtype::uint8, ncclUint8},     {dtype::int32, ncclInt32},
      {dtype::uint32, ncclUint32},   {dtype::int64, ncclInt64},     {dtype::uint64, ncclUint64},
      {dtype::float16, ncclFloat16}, {dtype::bfloat16, ncclBfloat16},
      {dtype::float32, ncclFloat32}, {dtype::float64, ncclFloat64}};
  for (auto [dt, nt] : direct) {
    const cd::WireType w = cd::wire_type(dt, cd::ReduceOp::prod);
    EXPECT_EQ(w.nccl_dtype, nt) << cupp::dtype_name(dt);
    EXPECT_EQ(w.count_factor, 1);
    EXPECT_EQ(w.nccl_op, ncclProd);
  }
  EXPECT_EQ(cd::wire_type(dtype::float32, cd::ReduceOp::avg).nccl_op, ncclAvg);
  EXPECT_EQ(cd::wire_type(dtype::int32, cd::ReduceOp::min).nccl_op, ncclMin);
  EXPECT_EQ(cd::wire_type(dtype::int32, cd::ReduceOp::max).nccl_op, ncclMax);
  EXPECT_EQ(cd::wire_type(dtype::int32, cd::ReduceOp::sum).nccl_op, ncclSum);
}

TEST(DistributedWire, BoolIsLogical) {
  EXPECT_EQ(cd::wire_type(dtype::bool_, cd::ReduceOp::sum).nccl_dtype, ncclUint8);
  EXPECT_EQ(cd::wire_type(dtype::bool_, cd::ReduceOp::sum).nccl_op, ncclMax);
  EXPECT_EQ(cd::wire_type(dtype::bool_, cd::ReduceOp::max).nccl_op, ncclMax);
  EXPECT_EQ(cd::wire_type(dtype::bool_, cd::ReduceOp::prod).nccl_op, ncclMin);
  EXPECT_EQ(cd::wire_type(dtype::bool_, cd::ReduceOp::min).nccl_op, ncclMin);
  EXPECT_THROW(cd::wire_type(dtype::bool_, cd::ReduceOp::avg), cupp::type_error);
  EXPECT_EQ(cd::wire_type(dtype::bool_, cd::ReduceOp::avg, false).nccl_dtype, ncclUint8);
}

TEST(DistributedWire, ComplexAsPairs) {
  auto w = cd::wire_type(dtype::complex64, cd::ReduceOp::sum);
  EXPECT_EQ(w.nccl_dtype, ncclFloat32);
  EXPECT_EQ(w.count_factor, 2);
  w = cd::wire_type(dtype::complex128, cd::ReduceOp::avg);
  EXPECT_EQ(w.nccl_dtype, ncclFloat64);
  EXPECT_EQ(w.count_factor, 2);
  EXPECT_EQ(w.nccl_op, ncclAvg);
  for (auto op : {cd::ReduceOp::prod, cd::ReduceOp::min, cd::ReduceOp::max}) {
    EXPECT_THROW(cd::wire_type(dtype::complex64, op), cupp::type_error);
    EXPECT_THROW(cd::wire_type(dtype::complex128, op), cupp::type_error);
    EXPECT_EQ(cd::wire_type(dtype::complex64, op, false).count_factor, 2);  // data movement
  }
}

TEST(DistributedWire, NoInt16) {
  for (auto dt : {dtype::int16, dtype::uint16}) {
    EXPECT_THROW(cd::wire_type(dt, cd::ReduceOp::sum), cupp::type_error);
    EXPECT_THROW(cd::wire_type(dt, cd::ReduceOp::sum, false), cupp::type_error);
  }
}

TEST(DistributedUniqueId, StringRoundTrip) {
  cd::UniqueId id;
  for (std::size_t i = 0; i < cd::UniqueId::kBytes; ++i) id.bytes()[i] = static_cast<char>(i * 37 + 5);
  const std::string s = id.to_string();
  EXPECT_EQ(s.size(), 2 * cd::UniqueId::kBytes);
  EXPECT_EQ(cd::UniqueId::from_string(s), id);
  EXPECT_NE(cd::UniqueId::from_string(std::string(256, '0')), id);
  EXPECT_THROW(cd::UniqueId::from_string("abc"), cupp::value_error);
  EXPECT_THROW(cd::UniqueId::from_string(std::string(256, 'g')), cupp::value_error);
}

TEST(DistributedUniqueId, CreateNeedsNoGpu) {
  // ncclGetUniqueId only picks a network interface; no GPU is involved.
  cd::UniqueId a, b;
  try {
    a = cd::UniqueId::create();
    b = cd::UniqueId::create();
  } catch (const cupp::nccl_error& e) {
    GTEST_SKIP() << "ncclGetUniqueId: " << e.what();
  }
  EXPECT_NE(a, b);
  EXPECT_NE(a, cd::UniqueId());
}

TEST(DistributedInit, Parse) {
  auto m = cd::rendezvous::parse_init_method("tcp://127.0.0.1:29500");
  EXPECT_EQ(m.scheme, "tcp");
  EXPECT_EQ(m.host, "127.0.0.1");
  EXPECT_EQ(m.port, 29500);
  m = cd::rendezvous::parse_init_method("tcp://[::1]:80");
  EXPECT_EQ(m.host, "::1");
  m = cd::rendezvous::parse_init_method("file:///tmp/x/id");
  EXPECT_EQ(m.scheme, "file");
  EXPECT_EQ(m.path, "/tmp/x/id");
  for (const char* bad : {"env://", "tcp://host", "tcp://host:", "tcp://host:99999",
                          "tcp://host:12x", "file://", "127.0.0.1:80"})
    EXPECT_THROW(cd::rendezvous::parse_init_method(bad), cupp::value_error) << bad;
}

TEST(DistributedChecks, BeforeNccl) {
  using cd::detail::Buffer;
  const Buffer a{nullptr, 4, dtype::float32, true}, strided{nullptr, 4, dtype::float32, false},
      i{nullptr, 4, dtype::int32, true};
  EXPECT_THROW(cd::detail::check_contiguous(strided, "all_reduce"), cupp::value_error);
  EXPECT_NO_THROW(cd::detail::check_contiguous(a, "all_reduce"));
  EXPECT_THROW(cd::detail::check_same_dtype(a, i, "all_gather"), cupp::type_error);
  EXPECT_THROW(cd::detail::check_rank(2, 2, "broadcast", "root"), cupp::value_error);
  EXPECT_THROW(cd::detail::check_rank(-1, 2, "send", "peer"), cupp::value_error);
  EXPECT_NO_THROW(cd::detail::check_rank(1, 2, "send", "peer"));
  try {
    cd::detail::check_sizes(4, 8, "all_gather", "out");
    FAIL();
  } catch (const cupp::value_error& e) {
    EXPECT_NE(std::string(e.what()).find("all_gather: out has 4 elements, expected 8"),
              std::string::npos);
  }
}

TEST(DistributedChecks, NvlsOffUnlessSet) {
  ::unsetenv("NCCL_NVLS_ENABLE");
  cd::disable_nvls_unless_set();
  EXPECT_STREQ(std::getenv("NCCL_NVLS_ENABLE"), "0");
  ::setenv("NCCL_NVLS_ENABLE", "1", 1);
  cd::disable_nvls_unless_set();
  EXPECT_STREQ(std::getenv("NCCL_NVLS_ENABLE"), "1");  // the user's setting wins
  ::setenv("NCCL_NVLS_ENABLE", "0", 1);
}

namespace {
cd::UniqueId fake_id(int seed) {
  cd::UniqueId id;
  for (std::size_t i = 0; i < cd::UniqueId::kBytes; ++i)
    id.bytes()[i] = static_cast<char>(seed + 3 * static_cast<int>(i));
  return id;
}
int free_port() {
  // A port the system hands out, closed again at once: free unless taken in between.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
    return 20000 + static_cast<int>(::getpid() % 20000);
  const int port = ntohs(a.sin_port);
  ::close(fd);
  return port;
}
}  // namespace

TEST(DistributedRendezvous, TcpThreads) {
  const int size = 4, port = free_port();
  const cd::UniqueId id = fake_id(7);
  std::vector<std::future<cd::UniqueId>> got;
  // Joiners first: they retry until rank 0 listens.
  for (int r = 1; r < size; ++r)
    got.push_back(std::async(std::launch::async, [=] {
      return cd::rendezvous::tcp_exchange("127.0.0.1", port, r, size, cd::UniqueId(),
                                          std::chrono::seconds(20));
    }));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(cd::rendezvous::tcp_exchange("127.0.0.1", port, 0, size, id, std::chrono::seconds(20)),
            id);
  for (auto& f : got) EXPECT_EQ(f.get(), id);
}

TEST(DistributedRendezvous, TcpJoinTimesOut) {
  const auto t0 = std::chrono::steady_clock::now();
  try {
    cd::rendezvous::tcp_exchange("127.0.0.1", free_port(), 1, 2, cd::UniqueId(),
                                 std::chrono::milliseconds(300));
    FAIL() << "no rank 0, yet an id came";
  } catch (const cupp::error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot reach rank 0"), std::string::npos) << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
}

TEST(DistributedRendezvous, TcpServeTimesOut) {
  try {
    cd::rendezvous::tcp_exchange("127.0.0.1", free_port(), 0, 3, fake_id(1),
                                 std::chrono::milliseconds(300));
    FAIL();
  } catch (const cupp::error& e) {
    EXPECT_NE(std::string(e.what()).find("0 of 2 ranks connected"), std::string::npos) << e.what();
  }
}

TEST(DistributedRendezvous, FileThreads) {
  const std::string path = ::testing::TempDir() + "cupp_dist_id_" + std::to_string(::getpid());
  std::remove(path.c_str());
  const cd::UniqueId id = fake_id(11);
  std::vector<std::future<cd::UniqueId>> got;
  for (int r = 1; r < 4; ++r)
    got.push_back(std::async(std::launch::async, [=] {
      return cd::rendezvous::file_exchange(path, r, cd::UniqueId(), std::chrono::seconds(20));
    }));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(cd::rendezvous::file_exchange(path, 0, id), id);
  for (auto& f : got) EXPECT_EQ(f.get(), id);
  std::remove(path.c_str());
}

TEST(DistributedRendezvous, FileTimesOut) {
  const std::string path = ::testing::TempDir() + "cupp_dist_none_" + std::to_string(::getpid());
  std::remove(path.c_str());
  try {
    cd::rendezvous::file_exchange(path, 1, cd::UniqueId(), std::chrono::milliseconds(200));
    FAIL();
  } catch (const cupp::error& e) {
    EXPECT_NE(std::string(e.what()).find("did not appear"), std::string::npos) << e.what();
  }
}

TEST(DistributedChecks, CommunicatorArgumentsBeforeNccl) {
  // Checked before any CUDA or NCCL call, so these hold without a GPU.
  EXPECT_THROW(cd::Communicator(0, cd::UniqueId(), 0), cupp::value_error);
  EXPECT_THROW(cd::Communicator(2, cd::UniqueId(), 2), cupp::value_error);
  EXPECT_THROW(cd::Communicator::from_tcp("127.0.0.1", 29500, 3, 2), cupp::value_error);
  EXPECT_THROW(cd::Communicator::from_file("/nonexistent/id", -1, 2), cupp::value_error);
  EXPECT_THROW(cd::Communicator::local({}), cupp::value_error);
  EXPECT_THROW(cd::rendezvous::tcp_exchange("127.0.0.1", 0, 0, 2, cd::UniqueId()),
               cupp::value_error);
}

TEST(DistributedChecks, FromEnvNeedsRankAndWorldSize) {
  ::unsetenv("RANK");
  ::unsetenv("WORLD_SIZE");
  EXPECT_THROW(cd::Communicator::from_env(), cupp::value_error);
  ::setenv("RANK", "x", 1);
  ::setenv("WORLD_SIZE", "2", 1);
  EXPECT_THROW(cd::Communicator::from_env(), cupp::value_error);
  ::unsetenv("RANK");
  ::unsetenv("WORLD_SIZE");
}

TEST(DistributedRendezvous, TcpProcesses) {
  // Ranks 1..3 as child processes, as the launcher starts them; each exits 0 if it got the id.
  const int size = 4, port = free_port();
  const cd::UniqueId id = fake_id(23);
  std::vector<pid_t> kids;
  for (int r = 1; r < size; ++r) {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int rc = 1;
      try {
        rc = cd::rendezvous::tcp_exchange("127.0.0.1", port, r, size, cd::UniqueId(),
                                          std::chrono::seconds(20)) == id ? 0 : 1;
      } catch (...) {
        rc = 2;
      }
      ::_exit(rc);
    }
    kids.push_back(pid);
  }
  EXPECT_EQ(cd::rendezvous::tcp_exchange("127.0.0.1", port, 0, size, id, std::chrono::seconds(20)),
            id);
  for (pid_t k : kids) {
    int status = -1;
    ASSERT_EQ(::waitpid(k, &status, 0), k);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
  }
}
