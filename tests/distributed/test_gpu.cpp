// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::distributed on GPUs: a one-rank communicator (every collective against its obvious
// result, every dtype NCCL carries), and Communicator::local over every visible GPU (2 or more).
#include <cuda_runtime_api.h>

#include <complex>
#include <cstdint>
#include <numeric>
#include <vector>

#include "cupp/array.hpp"
#include "cupp/distributed.hpp"
#include "support/gpu.hpp"

namespace cd = cupp::distributed;
using cupp::ndarray;

namespace {
template <class T>
ndarray<T> make(std::int64_t n, int offset = 0) {
  std::vector<T> v(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) v[i] = static_cast<T>((i + offset) % 5 + 1);
  ndarray<T> a(cupp::shape_t{n});
  a.set(v.data());
  return a;
}

cd::Communicator one_rank() {
  ::setenv("NCCL_NVLS_ENABLE", "0", 0);
  return cd::Communicator(1, cd::UniqueId::create(), 0);
}

void device_sync() { ASSERT_EQ(cudaDeviceSynchronize(), cudaSuccess); }
}  // namespace

class DistributedGpu : public cupp::test::GpuTest {};

template <class T>
class DistributedOneRank : public cupp::test::GpuTest {};
using NcclTypes = ::testing::Types<std::int8_t, std::uint8_t, std::int32_t, std::uint32_t,
                                   std::int64_t, std::uint64_t, float, double>;
TYPED_TEST_SUITE(DistributedOneRank, NcclTypes);

TYPED_TEST(DistributedOneRank, EveryCollectiveIsIdentity) {
  using T = TypeParam;
  cd::Communicator c = one_rank();
  EXPECT_EQ(c.rank(), 0);
  EXPECT_EQ(c.size(), 1);
  const ndarray<T> in = make<T>(37);
  const std::vector<T> want = in.get();
  for (auto op : {cd::ReduceOp::sum, cd::ReduceOp::prod, cd::ReduceOp::min, cd::ReduceOp::max,
                  cd::ReduceOp::avg}) {
    ndarray<T> a = make<T>(37), out(cupp::shape_t{37});
    c.all_reduce(a, op);
    c.all_reduce(in, out, op);
    device_sync();
    EXPECT_EQ(a.get(), want) << cd::reduce_op_name(op);
    EXPECT_EQ(out.get(), want) << cd::reduce_op_name(op);
  }
  ndarray<T> out(cupp::shape_t{37});
  c.reduce(in, out, 0);
  device_sync();
  EXPECT_EQ(out.get(), want);
  ndarray<T> b = make<T>(37);
  c.broadcast(b, 0);
  c.all_gather(in, out);
  device_sync();
  EXPECT_EQ(b.get(), want);
  EXPECT_EQ(out.get(), want);
  c.reduce_scatter(in, out);
  device_sync();
  EXPECT_EQ(out.get(), want);
  c.all_to_all(in, out);
  device_sync();
  EXPECT_EQ(out.get(), want);
  {
    cd::Group g;
    ndarray<T> r(cupp::shape_t{37});
    c.send(in, 0);
    c.recv(r, 0);
    g.end();
    device_sync();
    EXPECT_EQ(r.get(), want);
  }
  c.barrier();
}

TEST_F(DistributedGpu, ComplexAndBool) {
  cd::Communicator c = one_rank();
  ndarray<std::complex<float>> z(cupp::shape_t{5});
  const std::vector<std::complex<float>> zv{{1, 2}, {3, 4}, {5, 6}, {7, 8}, {9, 10}};
  z.set(zv.data());
  c.all_reduce(z, cd::ReduceOp::sum);
  device_sync();
  EXPECT_EQ(z.get(), zv);
  EXPECT_THROW(c.all_reduce(z, cd::ReduceOp::max), cupp::type_error);
  ndarray<bool> b(cupp::shape_t{3});
  const bool bv[] = {true, false, true};
  b.set(bv);
  c.all_reduce(b, cd::ReduceOp::sum);
  device_sync();
  EXPECT_EQ(b.get(), (std::vector<bool>{true, false, true}));
}

TEST_F(DistributedGpu, ChecksThrowFirst) {
  cd::Communicator c = one_rank();
  ndarray<float> a = make<float>(8), small(cupp::shape_t{3});
  ndarray<float> strided = a(cupp::slice(0, 8, 2));
  EXPECT_THROW(c.all_reduce(strided), cupp::value_error);
  EXPECT_THROW(c.all_reduce(a, small), cupp::value_error);
  EXPECT_THROW(c.all_gather(a, small), cupp::value_error);
  EXPECT_THROW(c.broadcast(a, 1), cupp::value_error);
  EXPECT_THROW(c.send(a, -1), cupp::value_error);
  ndarray<std::int16_t> s(cupp::shape_t{2});
  EXPECT_THROW(c.all_reduce(s), cupp::type_error);
}

// Every visible GPU in this process; skips with fewer than 2.
TEST_F(DistributedGpu, LocalAllGpus) {
  int n = 0;
  ASSERT_EQ(cudaGetDeviceCount(&n), cudaSuccess);
  if (n < 2) GTEST_SKIP() << "needs 2 or more GPUs, found " << n;
  std::vector<int> devs(n);
  std::iota(devs.begin(), devs.end(), 0);
  ::setenv("NCCL_NVLS_ENABLE", "0", 0);
  std::vector<cd::Communicator> comms = cd::Communicator::local(devs);
  const std::int64_t len = 6 * n;
  std::vector<ndarray<double>> in, red, gat, sc, bc;
  std::vector<double> sum(len, 0.0);
  for (int r = 0; r < n; ++r) {
    ASSERT_EQ(cudaSetDevice(r), cudaSuccess);
    in.push_back(make<double>(len, r));
    red.emplace_back(cupp::shape_t{len});
    gat.emplace_back(cupp::shape_t{len * n});
    sc.emplace_back(cupp::shape_t{6});
    bc.push_back(make<double>(len, 10 * r));
    const auto v = in.back().get();
    for (std::int64_t i = 0; i < len; ++i) sum[i] += v[i];
  }
  {
    cd::Group g;
    for (int r = 0; r < n; ++r) {
      comms[r].all_reduce(in[r], red[r]);
      comms[r].all_gather(in[r], gat[r]);
      comms[r].reduce_scatter(in[r], sc[r]);
      comms[r].broadcast(bc[r], 1);
    }
    g.end();
  }
  for (int r = 0; r < n; ++r) {
    ASSERT_EQ(cudaSetDevice(r), cudaSuccess);
    device_sync();
  }
  ASSERT_EQ(cudaSetDevice(1), cudaSuccess);
  const std::vector<double> bc1 = make<double>(len, 10).get();
  for (int r = 0; r < n; ++r) {
    ASSERT_EQ(cudaSetDevice(r), cudaSuccess);
    EXPECT_EQ(red[r].get(), sum);
    EXPECT_EQ(std::vector<double>(sum.begin() + 6 * r, sum.begin() + 6 * r + 6), sc[r].get());
    const auto g = gat[r].get();
    for (int q = 0; q < n; ++q) {
      ASSERT_EQ(cudaSetDevice(q), cudaSuccess);
      const auto v = in[q].get();
      EXPECT_TRUE(std::equal(v.begin(), v.end(), g.begin() + q * len)) << r << " from " << q;
    }
    EXPECT_EQ(bc[r].get(), bc1);
  }
  ASSERT_EQ(cudaSetDevice(0), cudaSuccess);
}
