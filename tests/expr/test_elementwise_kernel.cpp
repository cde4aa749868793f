// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// ElementwiseKernel: CuPy's signature strings, placeholders, broadcasting, raw arguments, i.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "cupp/array.hpp"
#include "support/gpu.hpp"

namespace {

// ---- host: signatures ----------------------------------------------------------------------

TEST(ElementwiseKernelHost, ParsesSignatures) {
  const auto p = cupp::jit::detail::parse_params("float32 x, raw T y ,int64 _z", "in_params");
  ASSERT_EQ(p.size(), 3u);
  EXPECT_EQ(p[0].type, "float32");
  EXPECT_EQ(p[0].name, "x");
  EXPECT_FALSE(p[0].raw);
  EXPECT_TRUE(p[1].raw);
  EXPECT_EQ(p[1].type, "T");
  EXPECT_EQ(p[2].name, "_z");
  EXPECT_TRUE(cupp::jit::detail::parse_params("  ", "in_params").empty());
}

TEST(ElementwiseKernelHost, SignatureErrorsSayWhere) {
  try {
    cupp::jit::detail::parse_params("float32 x, float32", "in_params");
    FAIL();
  } catch (const cupp::value_error& e) {
    EXPECT_NE(std::string(e.what()).find("in_params: expected '[raw] <type> <name>' in parameter 2"),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(cupp::jit::detail::parse_params("float32 x, float32 x", "in_params"),
               cupp::value_error);
  EXPECT_THROW(cupp::jit::detail::parse_params("float32 2x", "in_params"), cupp::value_error);
  // Types: a dtype name must be the kernel's type; a placeholder binds one dtype.
  EXPECT_THROW((cupp::ElementwiseKernel<float, double>("float32 x", "float32 y", "y = x")),
               cupp::type_error);
  EXPECT_THROW((cupp::ElementwiseKernel<float, double>("T x", "T y", "y = x")), cupp::type_error);
  EXPECT_THROW((cupp::ElementwiseKernel<float, float>("float x", "float y", "y = x")),
               cupp::type_error);
  EXPECT_THROW((cupp::ElementwiseKernel<float, float, float>("T x", "T y", "y = x")),
               cupp::type_error);
  EXPECT_THROW((cupp::ElementwiseKernel<float, float>("T x", "T y", "y = x", "bad name")),
               cupp::value_error);
  EXPECT_NO_THROW((cupp::ElementwiseKernel<float, float>("T x", "T y", "y = x")));
}

// ---- GPU -----------------------------------------------------------------------------------

class ElementwiseKernel : public cupp::test::GpuTest {};

TEST_F(ElementwiseKernel, AddMulAllocatesAndBroadcasts) {
  auto x = cupp::asarray<float>({{1, 2, 3}, {4, 5, 6}});
  auto y = cupp::asarray<float>({10, 20, 30});
  // example-begin elementwise_kernel
  cupp::ElementwiseKernel<float, float, float> add_mul("float32 x, float32 y", "float32 z",
                                                       "z = x * y + 1", "add_mul");
  auto z = add_mul(x, y);  // y broadcasts over the rows of x
  // example-end
  EXPECT_EQ(z.shape(), (cupp::shape_t{2, 3}));
  EXPECT_EQ(z.get(), (std::vector<float>{11, 41, 91, 41, 101, 181}));
  auto out = cupp::zeros<float>({2, 3});
  add_mul(x, 2.0f, out);  // a scalar input, an existing output
  EXPECT_EQ(out.get(), (std::vector<float>{3, 5, 7, 9, 11, 13}));
}

TEST_F(ElementwiseKernel, PlaceholdersRawArgumentsAndTheIndex) {
  // Reverse through a raw argument, as CuPy's documentation does.
  cupp::ElementwiseKernel<double, double> reverse("raw T x", "T y", "y = x[_ind.size() - i - 1]",
                                                  "reverse");
  auto x = cupp::arange<double>(5);
  auto y = cupp::zeros<double>({5});
  reverse(x, y);
  EXPECT_EQ(y.get(), (std::vector<double>{4, 3, 2, 1, 0}));
  EXPECT_THROW(reverse(x(cupp::slice(std::nullopt, std::nullopt, 2)), cupp::zeros<double>({3})),
               cupp::value_error);
}

TEST_F(ElementwiseKernel, SeveralOutputsIntoStridedViews) {
  cupp::ElementwiseKernel<int, int, int, int> divmod("int32 a, int32 b", "int32 q, int32 r",
                                                     "q = a / b; r = a % b", "divmod_");
  auto a = cupp::asarray<int>({7, 8, 9, 10});
  auto [q, r] = divmod(a, 3);
  EXPECT_EQ(q.get(), (std::vector<int>{2, 2, 3, 3}));
  EXPECT_EQ(r.get(), (std::vector<int>{1, 2, 0, 1}));
  auto m = cupp::zeros<int>({4, 2});
  divmod(a, 4, m(cupp::slice(), 0), m(cupp::slice(), 1));  // strided outputs
  EXPECT_EQ(m.get(), (std::vector<int>{1, 3, 2, 0, 2, 1, 2, 2}));
  EXPECT_THROW(divmod(a), cupp::type_error);  // wrong number of arguments
}

TEST_F(ElementwiseKernel, IndexIsTheCOrderPositionOnATransposedOutput) {
  cupp::ElementwiseKernel<std::int64_t> iota("", "int64 y", "y = i", "iota");
  auto m = cupp::zeros<std::int64_t>({3, 2});
  auto t = m.T();  // shape (2, 3), F-ordered memory
  iota(t);
  // t[r, c] = r * 3 + c, so m[c, r] = r * 3 + c
  EXPECT_EQ(m.get(), (std::vector<std::int64_t>{0, 3, 1, 4, 2, 5}));
}

TEST_F(ElementwiseKernel, CompileErrorsCarryTheBody) {
  cupp::ElementwiseKernel<float, float> bad("float32 x", "float32 y", "y = x +* 1", "bad");
  try {
    bad(cupp::ones<float>({2}));
    FAIL();
  } catch (const cupp::compile_error& e) {
    EXPECT_NE(e.source().find("y = x +* 1"), std::string::npos);
  }
}

}  // namespace
