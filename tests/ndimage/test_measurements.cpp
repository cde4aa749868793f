// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The statistics over labels, labeled_comprehension, find_objects and value_indices against
// SciPy's own results (tests/ndimage/make_measure.py -> tests/data/ndimage/measure.npz): every
// argument form (no labels, labels without index, one label, a sequence of labels holding one no
// element has), SciPy's dtypes and shapes, several input and label dtypes, 1-D to 3-D, a single
// element, broadcast-free strided input. On the host: the index argument, SciPy's errors that
// come before any device work, and that the generated kernels compile for sm_90.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
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
using cupp::slice;

// ---- host: arguments and kernels --------------------------------------------------------------

TEST(NdimageMeasureHost, LabelIndexForms) {
  const ndi::label_index none;
  EXPECT_EQ(none.which(), ndi::label_index::kind::none);
  EXPECT_EQ(none.shape(), cupp::shape_t{});
  const ndi::label_index also_none = std::nullopt;
  EXPECT_EQ(also_none.which(), ndi::label_index::kind::none);
  const ndi::label_index one = 3;
  EXPECT_EQ(one.which(), ndi::label_index::kind::one);
  EXPECT_EQ(one.values(), std::vector<std::int64_t>{3});
  EXPECT_EQ(one.shape(), cupp::shape_t{});
  const ndi::label_index seq = {4, 1, 4};
  EXPECT_EQ(seq.which(), ndi::label_index::kind::sequence);
  EXPECT_EQ(seq.values(), (std::vector<std::int64_t>{4, 1, 4}));
  EXPECT_EQ(seq.shape(), cupp::shape_t{3});
  const ndi::label_index vec = std::vector<std::int64_t>{};
  EXPECT_EQ(vec.shape(), cupp::shape_t{0});
}

TEST(NdimageMeasureHost, IndexMustFitTheLabelsDtype) {
  // SciPy's labeled_comprehension: the index values must survive the labels' dtype.
  cupp::detail::array_desc input, labels;
  labels.dt = cupp::dtype::bool_;
  EXPECT_TRUE(cupp::test::throws_exactly<cupp::value_error>(
      [&] { ndi::detail::group_by_label(input, labels, {1, 0, 2}); },
      "Cannot convert index values from <int64> to <bool> (labels' type) without loss of "
      "precision"));
  labels.dt = cupp::dtype::uint8;
  EXPECT_TRUE(cupp::test::throws_exactly<cupp::value_error>(
      [&] { ndi::detail::group_by_label(input, labels, {-1}); },
      "Cannot convert index values from <int64> to <uint8> (labels' type) without loss of "
      "precision"));
}

TEST(NdimageMeasureHost, ComprehensionWithoutLabelsTakesNoIndex) {
  const ndarray<double> input{cupp::detail::array_desc{}};
  EXPECT_TRUE(cupp::test::throws_exactly<cupp::value_error>(
      [&] {
        ndi::labeled_comprehension<double>(
            input, std::nullopt, 1, [](const ndarray<double>&) { return 0.0; }, 0.0);
      },
      "index without defined labels"));
}

TEST(NdimageMeasureHost, KernelsCompileForSm90) {
  cupp::jit::compiler c("");
  using cupp::dtype;
  const std::pair<dtype, dtype> variants[] = {
      {dtype::float64, dtype::int32}, {dtype::float32, dtype::uint8},
      {dtype::int16, dtype::int64},   {dtype::uint8, dtype::bool_},
      {dtype::bool_, dtype::int32},   {dtype::float16, dtype::uint64},
      {dtype::uint64, dtype::int16}};
  for (const auto& [in, label] : variants) {
    SCOPED_TRACE(std::string(cupp::dtype_name(in)) + " " + cupp::dtype_name(label));
    const std::string source = ndi::detail::measure_kernel_source(in, label);
    EXPECT_NE(source.find("#include <cupp/ndimage_measure.cuh>\n"), std::string::npos);
    std::shared_ptr<const cupp::jit::compiled_module> m;
    EXPECT_NO_THROW(m = c.compile(source, {}, {}, 90));
    if (!m) continue;
    const std::string suffix =
        std::string("_") + cupp::dtype_name(in) + "_" + cupp::dtype_name(label);
    for (const char* k : {"label_stats", "label_extrema", "label_positions", "label_slots",
                          "label_median", "label_histogram", "label_gather", "find_objects",
                          "find_objects_max", "value_indices"})
      EXPECT_NE(m->image.find(std::string("cupp_ndi_") + k + suffix), std::string::npos) << k;
  }
}

// ---- device: against SciPy --------------------------------------------------------------------

class NdimageMeasure : public cupp::test::GpuTest {};

template <class T>
double rtol_of() {
  if (std::is_same_v<T, cupp::float16>) return 1e-2;  // SciPy computes float16 means in float16
  return std::is_same_v<T, float> ? 1e-4 : 1e-10;
}

/// Every statistic of stat case `name` (input T, labels L) in every form.
template <class T, class L>
void check_stats(const std::string& name, bool strided = false) {
  const cupp::npz_file z = ref::reference("measure");
  const std::string p = "s:" + name + ":";
  ndarray<T> input = z[p + "input"].as<T>();
  if (strided) {
    input = z[p + "big"].as<T>()(slice(), slice(0, std::nullopt, 2));
    ASSERT_FALSE(input.is_c_contiguous());
  }
  const ndarray<L> labels = z[p + "labels"].as<L>();
  const std::int64_t one = z[p + "one"].item<std::int64_t>();
  const ndi::label_index seq(z[p + "seq"].as<std::int64_t>());
  const ndi::label_index present(z[p + "present"].as<std::int64_t>());
  const double rtol = rtol_of<T>();
  auto check = [&](const cupp::array& got, const std::string& form, const std::string& f) {
    const std::string key = p + form + ":" + f;
    if (!z.contains(key)) return;  // positions of a bool input (ties) are not compared
    cupp::array want = z[key];
    if (f == "center_of_mass" && want.ndim() > 2) {
      // SciPy's np.array(results).T reverses the axes of an index of two or more dimensions;
      // cupp keeps the index's order (docs/scipy_ndimage.md), so undo SciPy's transpose.
      std::vector<std::int64_t> axes;
      for (std::int64_t d = want.ndim() - 2; d >= 0; --d) axes.push_back(d);
      axes.push_back(want.ndim() - 1);
      want = cupp::array(cupp::detail::transpose(want.desc(), axes));
    }
    EXPECT_EQ(got.dtype(), want.dtype()) << key;
    EXPECT_TRUE(ref::all_close(got, want, rtol, 1e-12, key));
  };
  const cupp::array hr = z[p + "hist_range"];
  const std::vector<double> h = hr.get<double>();
  const auto bins = static_cast<std::int64_t>(h[2]);

  // labels=None
  check(ndi::sum_labels(input), "all", "sum_labels");
  check(ndi::mean(input), "all", "mean");
  check(ndi::variance(input), "all", "variance");
  check(ndi::standard_deviation(input), "all", "standard_deviation");
  check(ndi::minimum(input), "all", "minimum");
  check(ndi::maximum(input), "all", "maximum");
  check(ndi::median(input), "all", "median");
  check(ndi::minimum_position(input), "all", "minimum_position");
  check(ndi::maximum_position(input), "all", "maximum_position");
  check(ndi::center_of_mass(input), "all", "center_of_mass");
  check(ndi::histogram(input, h[0], h[1], bins), "all", "histogram");

  // labels, index=None
  check(ndi::sum_labels(input, labels), "pos", "sum_labels");
  check(ndi::mean(input, labels), "pos", "mean");
  check(ndi::variance(input, labels), "pos", "variance");
  check(ndi::standard_deviation(input, labels), "pos", "standard_deviation");
  check(ndi::minimum(input, labels), "pos", "minimum");
  check(ndi::maximum(input, labels), "pos", "maximum");
  check(ndi::median(input, labels), "pos", "median");
  check(ndi::minimum_position(input, labels), "pos", "minimum_position");
  check(ndi::maximum_position(input, labels), "pos", "maximum_position");
  check(ndi::center_of_mass(input, labels), "pos", "center_of_mass");
  check(ndi::histogram(input, h[0], h[1], bins, labels), "pos", "histogram");

  // one label
  check(ndi::sum_labels(input, labels, one), "one", "sum_labels");
  check(ndi::mean(input, labels, one), "one", "mean");
  check(ndi::variance(input, labels, one), "one", "variance");
  check(ndi::standard_deviation(input, labels, one), "one", "standard_deviation");
  check(ndi::minimum(input, labels, one), "one", "minimum");
  check(ndi::maximum(input, labels, one), "one", "maximum");
  check(ndi::median(input, labels, one), "one", "median");
  check(ndi::minimum_position(input, labels, one), "one", "minimum_position");
  check(ndi::maximum_position(input, labels, one), "one", "maximum_position");
  check(ndi::center_of_mass(input, labels, one), "one", "center_of_mass");
  check(ndi::histogram(input, h[0], h[1], bins, labels, one), "one", "histogram");

  // a sequence of labels (with one that no element has)
  check(ndi::sum_labels(input, labels, seq), "seq", "sum_labels");
  check(ndi::mean(input, labels, seq), "seq", "mean");
  check(ndi::variance(input, labels, seq), "seq", "variance");
  check(ndi::standard_deviation(input, labels, seq), "seq", "standard_deviation");
  check(ndi::minimum(input, labels, seq), "seq", "minimum");
  check(ndi::maximum(input, labels, seq), "seq", "maximum");
  check(ndi::median(input, labels, present), "seq", "median");
  check(ndi::minimum_position(input, labels, seq), "seq", "minimum_position");
  check(ndi::maximum_position(input, labels, seq), "seq", "maximum_position");
  check(ndi::center_of_mass(input, labels, seq), "seq", "center_of_mass");
  check(ndi::histogram(input, h[0], h[1], bins, labels, seq), "seq", "histogram");

  // extrema: the four results above, together
  for (const auto& [form, index] : {std::pair<std::string, ndi::label_index>{"pos", {}},
                                    {"one", one}, {"seq", seq}}) {
    if (!z.contains(p + form + ":minimum_position")) continue;
    const auto [mn, mx, mnp, mxp] = ndi::extrema(input, labels, index);
    check(mn, form, "minimum");
    check(mx, form, "maximum");
    check(mnp, form, "minimum_position");
    check(mxp, form, "maximum_position");
  }

  // labeled_comprehension with np.sum, and with the largest position (pass_positions)
  if (z.contains("c:" + name + ":sum")) {
    const ndarray<double> sums = ndi::labeled_comprehension<double>(
        input, labels, seq,
        [](const ndarray<T>& v) { return cupp::sum(v.template astype<double>()).item(); }, -1.0);
    EXPECT_TRUE(ref::all_close(sums, z["c:" + name + ":sum"], rtol, 1e-12, name + " sum"));
    const ndarray<std::int64_t> last = ndi::labeled_comprehension<std::int64_t>(
        input, labels, seq,
        [](const ndarray<T>&, const ndarray<std::int64_t>& pos) { return cupp::amax(pos).item(); },
        std::int64_t{-1}, true);
    EXPECT_TRUE(ref::all_close(last, z["c:" + name + ":last"], 0, 0, name + " last"));
    // labels=None: func of every element, once (SciPy's sum of the whole input).
    const ndarray<double> whole = ndi::labeled_comprehension<double>(
        input, std::nullopt, {},
        [](const ndarray<T>& v) { return cupp::sum(v.template astype<double>()).item(); }, -1.0);
    EXPECT_EQ(whole.ndim(), 0);
    EXPECT_TRUE(ref::all_close(whole, z[p + "all:sum_labels"], rtol, 1e-12, name + " whole"));
  }
}

TEST_F(NdimageMeasure, Float64Int32Labels2d) { check_stats<double, std::int32_t>("f64_i32_2d"); }
TEST_F(NdimageMeasure, Float32Uint8Labels2d) { check_stats<float, std::uint8_t>("f32_u8_2d"); }
TEST_F(NdimageMeasure, Int16Int64Labels3dWith2dIndex) {
  check_stats<std::int16_t, std::int64_t>("i16_i64_3d");
}
TEST_F(NdimageMeasure, Uint8BoolLabels1d) { check_stats<std::uint8_t, bool>("u8_bool_1d"); }
TEST_F(NdimageMeasure, SingleElement) { check_stats<std::int32_t, std::int32_t>("i32_i32_one"); }
TEST_F(NdimageMeasure, BoolInput) { check_stats<bool, std::int32_t>("b_i32_2d"); }
TEST_F(NdimageMeasure, Float16Input) { check_stats<cupp::float16, std::int32_t>("f16_i32_2d"); }
TEST_F(NdimageMeasure, StridedInput) { check_stats<double, std::int32_t>("f64_i32_strided", true); }

TEST_F(NdimageMeasure, EmptyGroupOfTheScalarFormsAsNumPy) {
  const ndarray<double> input = cupp::asarray<double>({1.0, 2.0, 3.0});
  const ndarray<std::int32_t> labels = cupp::asarray<std::int32_t>({1, 1, 2});
  EXPECT_TRUE(cupp::test::throws_exactly<cupp::value_error>(
      [&] { ndi::minimum(input, labels, 5); },
      "zero-size array to reduction operation minimum which has no identity"));
  EXPECT_TRUE(cupp::test::throws_exactly<cupp::value_error>(
      [&] { ndi::maximum_position(input, labels, 5); },
      "zero-size array to reduction operation maximum which has no identity"));
  // The sums of an empty group are 0, its mean NaN.
  EXPECT_EQ(ndi::sum_labels(input, labels, 5).item(), 0.0);
  EXPECT_TRUE(std::isnan(ndi::mean(input, labels, 5).item()));
  // An empty input (SciPy: sum 0.0, mean nan, minimum raises) and a 0-d one.
  const ndarray<double> none = cupp::zeros<double>({0});
  EXPECT_EQ(ndi::sum_labels(none).item(), 0.0);
  EXPECT_TRUE(std::isnan(ndi::mean(none).item()));
  EXPECT_TRUE(cupp::test::throws_exactly<cupp::value_error>(
      [&] { ndi::minimum(none); },
      "zero-size array to reduction operation minimum which has no identity"));
  const ndarray<std::int32_t> scalar = cupp::asarray<std::int32_t>({5})(0);
  ASSERT_EQ(scalar.ndim(), 0);
  const ndarray<std::int64_t> s = ndi::sum_labels(scalar);
  EXPECT_EQ(s.item(), 5);
  EXPECT_EQ(ndi::maximum(scalar).item(), 5);
  EXPECT_EQ(ndi::maximum_position(scalar).shape(), cupp::shape_t{0});  // SciPy: ()
}

TEST_F(NdimageMeasure, ManyLabelsBeyondSharedMemoryAndWideIndex) {
  // 20000 labels (global accumulators) and an index spanning more than a table holds (search).
  const std::int64_t n = 40000;
  std::vector<double> x(n);
  std::vector<std::int64_t> l(n);
  for (std::int64_t i = 0; i < n; ++i) {
    x[i] = static_cast<double>(i % 7);
    l[i] = i % 20000 == 5 ? std::int64_t{1} << 40 : i % 20000;
  }
  const ndarray<double> input = cupp::asarray(x);
  const ndarray<std::int64_t> labels = cupp::asarray(l);
  std::vector<std::int64_t> index;
  for (std::int64_t k = 0; k < 20000; ++k) index.push_back(k == 5 ? std::int64_t{1} << 40 : k);
  const std::vector<double> got = ndi::sum_labels(input, labels, index).get();
  for (std::int64_t k = 0; k < 20000; ++k) {
    // label k holds elements k and k + 20000
    const double want = static_cast<double>(k % 7 + (k + 20000) % 7);
    ASSERT_EQ(got[static_cast<std::size_t>(k)], want) << k;
  }
  std::vector<std::int64_t> dense(20000);
  for (std::int64_t k = 0; k < 20000; ++k) dense[static_cast<std::size_t>(k)] = k;
  const std::vector<double> m = ndi::maximum(input, labels, dense).get();
  EXPECT_EQ(m[5], 0.0);  // label 5 has no element
  EXPECT_EQ(m[6], static_cast<double>(std::max(6 % 7, 20006 % 7)));
}

TEST_F(NdimageMeasure, FindObjectsAsSciPy) {
  const cupp::npz_file z = ref::reference("measure");
  for (const std::string name : {"i32_2d", "i32_2d_more", "i32_2d_fewer", "u8_3d", "i64_1d"}) {
    SCOPED_TRACE(name);
    const std::string p = "f:" + name + ":";
    const cupp::array in = z[p + "input"];
    const std::int64_t max_label = z[p + "max_label"].item<std::int64_t>();
    std::vector<std::optional<std::vector<slice>>> got;
    if (in.dtype() == cupp::dtype::int32)
      got = ndi::find_objects(in.as<std::int32_t>(), max_label);
    else if (in.dtype() == cupp::dtype::uint8)
      got = ndi::find_objects(in.as<std::uint8_t>(), max_label);
    else
      got = ndi::find_objects(in.as<std::int64_t>(), max_label);
    const cupp::array boxes = z[p + "boxes"];
    const std::vector<std::int64_t> b = boxes.get<std::int64_t>();
    const auto nd = static_cast<std::size_t>(boxes.shape()[1]);
    ASSERT_EQ(got.size(), static_cast<std::size_t>(boxes.shape()[0]));
    for (std::size_t i = 0; i < got.size(); ++i) {
      if (b[i * nd * 2] < 0) {
        EXPECT_FALSE(got[i].has_value()) << i;
        continue;
      }
      ASSERT_TRUE(got[i].has_value()) << i;
      ASSERT_EQ(got[i]->size(), nd);
      for (std::size_t k = 0; k < nd; ++k) {
        EXPECT_EQ((*got[i])[k].start, b[(i * nd + k) * 2]) << i << " " << k;
        EXPECT_EQ((*got[i])[k].stop, b[(i * nd + k) * 2 + 1]) << i << " " << k;
        EXPECT_EQ((*got[i])[k].step, 1);
      }
    }
  }
}

template <class T>
void check_value_indices(const std::string& name) {
  const cupp::npz_file z = ref::reference("measure");
  const std::string p = "v:" + name + ":";
  const ndarray<T> in = z[p + "input"].as<T>();
  std::optional<T> ignore;
  if (z.contains(p + "ignore")) ignore = z[p + "ignore"].item<T>();
  const auto got = ndi::value_indices(in, ignore);
  const std::vector<std::int64_t> keys = z[p + "keys"].get<std::int64_t>();
  ASSERT_EQ(got.size(), keys.size());
  std::size_t i = 0;
  for (const auto& [value, coords] : got) {
    EXPECT_EQ(static_cast<std::int64_t>(value), keys[i]);
    const cupp::array want = z[p + std::to_string(i)];
    ASSERT_EQ(coords.size(), static_cast<std::size_t>(want.shape()[0]));
    for (std::size_t k = 0; k < coords.size(); ++k) {
      EXPECT_EQ(coords[k].get(), want.as<std::int64_t>()(static_cast<std::int64_t>(k)).get())
          << value << " axis " << k;
    }
    ++i;
  }
}

TEST_F(NdimageMeasure, ValueIndicesAsSciPy) {
  check_value_indices<std::int32_t>("i32_2d");
  check_value_indices<std::int32_t>("i32_2d_ignore");
  check_value_indices<std::uint16_t>("u16_3d");
}

// ---- documentation examples -------------------------------------------------------------------

TEST_F(NdimageMeasure, DocExample) {
  // example-begin measure_labels
  namespace ndi = cupp::scipy::ndimage;
  const auto image = cupp::asarray<float>({{0, 1, 2, 0}, {4, 5, 0, 0}, {0, 0, 9, 8}});
  const auto labels = cupp::asarray<std::int32_t>({{0, 1, 1, 0}, {1, 1, 0, 0}, {0, 0, 2, 2}});
  const ndarray<double> sums = ndi::sum_labels(image, labels, {1, 2});        // [12, 17]
  const ndarray<double> means = ndi::mean(image, labels, {1, 2});             // [3, 8.5]
  const ndarray<float> largest = ndi::maximum(image, labels, 2);              // 9 (0-d)
  const ndarray<std::int64_t> where = ndi::maximum_position(image, labels, {1, 2});
  // where: [[1, 1], [2, 2]], one row (the coordinates) per label
  const ndarray<double> centre = ndi::center_of_mass(image, labels, 2);       // [2, 2.47...]
  const auto boxes = ndi::find_objects(labels);
  // boxes[1]: {slice(2, 3), slice(2, 4)}, as SciPy's (slice(2, 3, None), slice(2, 4, None))
  // example-end
  EXPECT_EQ(sums.get(), (std::vector<double>{12, 17}));
  EXPECT_EQ(means.get(), (std::vector<double>{3, 8.5}));
  EXPECT_EQ(largest.item(), 9.0f);
  EXPECT_EQ(largest.ndim(), 0);
  EXPECT_EQ(where.get(), (std::vector<std::int64_t>{1, 1, 2, 2}));
  EXPECT_EQ(centre.get()[0], 2.0);
  EXPECT_NEAR(centre.get()[1], (9.0 * 2 + 8.0 * 3) / 17.0, 1e-15);
  ASSERT_EQ(boxes.size(), 2u);
  EXPECT_EQ((*boxes[1])[0].start, 2);
  EXPECT_EQ((*boxes[1])[1].stop, 4);
}

}  // namespace
