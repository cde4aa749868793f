// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::array, the array whose dtype is a run-time value: made from an ndarray<T> it shares the
// memory; as<T>() checks the dtype; visit() reaches the typed array.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cupp/array.hpp"
#include "support/gpu.hpp"

namespace {

class RuntimeArray : public cupp::test::GpuTest {};

TEST_F(RuntimeArray, SharesTheMemoryAndDescriptionOfItsNdarray) {
  auto a = cupp::asarray<float>(std::vector<float>{1, 2, 3, 4, 5, 6}, {2, 3});
  cupp::array r = a.T();
  EXPECT_EQ(r.dtype(), cupp::dtype::float32);
  EXPECT_EQ(r.shape(), (cupp::shape_t{3, 2}));
  EXPECT_EQ(r.strides(), (cupp::strides_t{1, 3}));
  EXPECT_EQ(r.data(), static_cast<void*>(a.data()));
  EXPECT_EQ(r.itemsize(), 4u);
  EXPECT_EQ(r.nbytes(), 24u);
  EXPECT_TRUE(r.is_f_contiguous());
  a.fill(7.f);
  EXPECT_EQ(r.as<float>().get(), (std::vector<float>(6, 7.f)));
}

TEST_F(RuntimeArray, AsChecksTheDtypeAndNamesBoth) {
  cupp::array r = cupp::zeros<std::int16_t>({3});
  try {
    (void)r.as<double>();
    FAIL() << "as<double>() of an int16 array did not throw";
  } catch (const cupp::type_error& e) {
    EXPECT_NE(std::string(e.what()).find("int16"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("float64"), std::string::npos) << e.what();
  }
}

TEST_F(RuntimeArray, VisitCallsTheFunctionWithTheTypedArray) {
  cupp::array r = cupp::asarray<std::int64_t>(std::vector<std::int64_t>{5, -2, 9});
  const std::string name = r.visit([](const auto& a) {
    using T = typename std::decay_t<decltype(a)>::value_type;
    return std::string(cupp::dtype_name(cupp::dtype_of<T>));
  });
  EXPECT_EQ(name, "int64");
  EXPECT_EQ(r.astype<double>().get(), (std::vector<double>{5, -2, 9}));
}

}  // namespace
