// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// distance_transform_edt against SciPy's own results (tests/ndimage/make_measure.py ->
// tests/data/ndimage/measure.npz): distances and the feature transform (indices, ties broken as
// SciPy breaks them) for 1-D to 3-D inputs, bool, integer and float inputs, sampling per axis or
// one for all, no background, only background, a single element and an empty input. On the
// host: SciPy's argument errors and that the generated kernels compile for sm_90.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/jit/compiler.hpp"
#include "cupp/scipy/ndimage.hpp"
#include "ndimage_reference.hpp"
#include "support/gpu.hpp"

namespace {

namespace ndi = cupp::scipy::ndimage;
namespace ref = cupp::test::ndimage_ref;
using cupp::ndarray;

TEST(NdimageEdtHost, ArgumentsAsSciPy) {
  cupp::detail::array_desc a;
  a.shape = {3, 4};
  a.strides = {4, 1};
  EXPECT_TRUE(cupp::test::throws_exactly<cupp::value_error>(
      [&] { ndi::detail::distance_transform_edt(a, 1.0, false, false); },
      "at least one of return_distances/return_indices must be True"));
  EXPECT_TRUE(cupp::test::throws_exactly<cupp::value_error>(
      [&] { ndi::detail::distance_transform_edt(a, {1.0, 2.0, 3.0}, true, false); },
      "sequence argument must have length equal to input rank"));
}

TEST(NdimageEdtHost, KernelsCompileForSm90) {
  cupp::jit::compiler c("");
  for (const cupp::dtype dt : {cupp::dtype::bool_, cupp::dtype::uint8, cupp::dtype::int32,
                               cupp::dtype::float16, cupp::dtype::float32, cupp::dtype::float64}) {
    SCOPED_TRACE(cupp::dtype_name(dt));
    const std::string source = ndi::detail::edt_kernel_source(dt);
    EXPECT_NE(source.find("#include <cupp/ndimage_edt.cuh>\n"), std::string::npos);
    std::shared_ptr<const cupp::jit::compiled_module> m;
    EXPECT_NO_THROW(m = c.compile(source, {}, {}, 90));
    if (!m) continue;
    for (const char* k : {"init", "lines", "pass", "distances"})
      EXPECT_NE(m->image.find(std::string("cupp_ndi_distance_transform_edt_") + k + "_" +
                              cupp::dtype_name(dt)),
                std::string::npos)
          << k;
  }
}

class NdimageEdt : public cupp::test::GpuTest {};

template <class T>
void check_edt(const cupp::npz_file& z, const std::string& name) {
  const std::string p = "e:" + name + ":";
  const ndarray<T> input = z[p + "input"].as<T>();
  ndi::per_axis<double> sampling = 1.0;
  if (z.contains(p + "sampling")) {
    const std::vector<double> s = z[p + "sampling"].get<double>();
    if (s.size() == 1)
      sampling = s[0];
    else
      sampling = s;
  }
  const ndi::edt_result r = ndi::distance_transform_edt(input, sampling, true, true);
  ASSERT_TRUE(r.distances && r.indices);
  EXPECT_EQ(r.indices->dtype(), cupp::dtype::int32);
  // Equal to SciPy's to the last bit: the same indices, the same arithmetic.
  EXPECT_TRUE(ref::all_close(*r.distances, z[p + "distances"], 0, 0, name + " distances"));
  EXPECT_TRUE(ref::all_close(*r.indices, z[p + "indices"], 0, 0, name + " indices"));
  const ndarray<double> d = ndi::distance_transform_edt(input, sampling);
  EXPECT_TRUE(ref::all_close(d, z[p + "distances"], 0, 0, name + " distances only"));
  const ndi::edt_result only = ndi::distance_transform_edt(input, sampling, false, true);
  EXPECT_FALSE(only.distances.has_value());
  ASSERT_TRUE(only.indices.has_value());
  EXPECT_TRUE(ref::all_close(*only.indices, z[p + "indices"], 0, 0, name + " indices only"));
}

TEST_F(NdimageEdt, AsSciPy) {
  const cupp::npz_file z = ref::reference("measure");
  for (const std::string name : {"random_2d", "sparse_2d", "sampling_2d", "random_3d",
                                 "sampling_3d", "line_1d", "no_background", "all_background",
                                 "ties", "empty", "few_points_2d", "discs_2d", "blobs_3d"}) {
    SCOPED_TRACE(name);
    check_edt<bool>(z, name);
  }
  check_edt<float>(z, "float32_2d");
  check_edt<std::int32_t>(z, "int32_2d");
  check_edt<std::uint8_t>(z, "one_element");
}

TEST_F(NdimageEdt, StridedAndZeroDimensionalInput) {
  const cupp::npz_file z = ref::reference("measure");
  // A transposed view of the 2-D case: SciPy's result of the transpose is the transpose of the
  // distances (the transform is symmetric in the axes when there are no ties to break).
  const ndarray<bool> in = z["e:random_2d:input"].as<bool>();
  const ndarray<double> want = z["e:random_2d:distances"].as<double>();
  const ndarray<double> got = ndi::distance_transform_edt(in.T());
  EXPECT_TRUE(ref::all_close(got, want.T().copy(), 0, 0, "transposed"));
  // 0-d: np.atleast_1d, one element of background or of foreground without any background.
  const ndarray<double> zero = ndi::distance_transform_edt(cupp::asarray<std::int32_t>({0})(0));
  EXPECT_EQ(zero.shape(), cupp::shape_t{1});
  EXPECT_EQ(zero.get(), std::vector<double>{0.0});
}

TEST_F(NdimageEdt, DocExample) {
  // example-begin distance_transform_edt
  namespace ndi = cupp::scipy::ndimage;
  const auto mask = cupp::asarray<bool>({{0, 1, 1, 1}, {0, 1, 1, 1}, {0, 0, 1, 1}});
  const ndarray<double> d = ndi::distance_transform_edt(mask);
  // d: [[0, 1, 2, 2.82842712], [0, 1, 1.41421356, 2.23606798], [0, 0, 1, 2]]
  const ndi::edt_result r = ndi::distance_transform_edt(mask, {2.0, 1.0}, true, true);
  // r.distances: rows 2 apart; r.indices: int32 (2, 3, 4), the nearest zero of each element
  // example-end
  const std::vector<double> v = d.get();
  EXPECT_EQ(v[3], std::sqrt(8.0));  // the nearest zero is (2, 1)
  EXPECT_EQ(v[7], std::sqrt(5.0));
  EXPECT_EQ(r.indices->shape(), (cupp::shape_t{2, 3, 4}));
  EXPECT_EQ(r.distances->get()[1], 1.0);  // (0, 1): nearest zero (0, 0), along the axis of 1
}

}  // namespace
