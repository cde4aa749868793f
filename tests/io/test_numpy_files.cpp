// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Files exchanged with NumPy itself (tests/io/npy_check.py): cupp reads what numpy.save,
// savez and savez_compressed write (every dtype, both orders, big-endian, versions 2.0 and 3.0,
// empty and 0-d arrays, archives of several arrays), and NumPy reads what cupp writes. Both sides
// compare with the same formula, each computing it on its own: at C-order index i the value
// (i * 7 % 13) - 6 cast to the dtype (bool: != 0; complex: + 1j * ((i * 5 % 11) - 5)).
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "cupp/array.hpp"
#include "support/dtypes.hpp"
#include "support/files.hpp"
#include "support/gpu.hpp"
#include "support/python.hpp"

namespace {

const std::string kScript = std::string(CUPP_TEST_DATA_DIR) + "/../io/npy_check.py";

template <class T>
T formula(std::int64_t i) {
  const std::int64_t v = (i * 7 % 13) - 6, w = (i * 5 % 11) - 5;
  if constexpr (std::is_same_v<T, bool>) {
    return v != 0;
  } else if constexpr (std::is_same_v<T, std::complex<float>> ||
                       std::is_same_v<T, std::complex<double>>) {
    using R = typename T::value_type;
    return T(static_cast<R>(v), static_cast<R>(w));
  } else if constexpr (std::is_same_v<T, cupp::float16> || std::is_same_v<T, cupp::bfloat16>) {
    return T(static_cast<float>(v));
  } else {
    return static_cast<T>(v);  // wraps for the unsigned dtypes, as NumPy's astype does
  }
}

/// An array of `shape` whose element at C-order index i is formula(i), in C or Fortran order.
template <class T>
cupp::ndarray<T> formula_array(const cupp::shape_t& shape, char order) {
  const std::int64_t n = cupp::shape_size(shape);
  std::vector<T> values;
  if (order == 'C') {
    for (std::int64_t i = 0; i < n; ++i) values.push_back(formula<T>(i));
    return cupp::asarray<T>(values, shape);
  }
  // F order: memory position m holds the element whose index has axis 0 varying fastest; the
  // memory is a C-contiguous array of the reversed shape, and its transpose the F array.
  const cupp::strides_t c = cupp::c_strides(shape);
  for (std::int64_t m = 0; m < n; ++m) {
    std::int64_t rest = m, flat = 0;
    for (std::size_t j = 0; j < shape.size(); ++j) {
      flat += (rest % shape[j]) * c[j];
      rest /= shape[j];
    }
    values.push_back(formula<T>(flat));
  }
  return cupp::asarray<T>(values, cupp::shape_t(shape.rbegin(), shape.rend())).T();
}

std::string shape_text(const cupp::shape_t& shape) {
  if (shape.empty()) return "-";
  std::string s;
  for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? "," : "") + std::to_string(shape[i]);
  return s;
}

cupp::shape_t parse_shape(const std::string& text) {
  cupp::shape_t shape;
  if (text == "-") return shape;
  std::istringstream in(text);
  for (std::string d; std::getline(in, d, ',');) shape.push_back(std::stoll(d));
  return shape;
}

struct entry {
  std::string file, member, dtype, order, shape;
};

std::vector<entry> read_manifest(const std::string& dir) {
  std::ifstream in(dir + "/manifest.txt");
  std::vector<entry> out;
  for (entry e; in >> e.file >> e.member >> e.dtype >> e.order >> e.shape;) out.push_back(e);
  return out;
}

class NumpyFiles : public cupp::test::GpuTest {
 protected:
  void SetUp() override {
    cupp::test::GpuTest::SetUp();
    if (IsSkipped() || HasFailure()) return;
    CUPP_SKIP_WITHOUT_PYTHON_MODULE("numpy");
  }
};

TEST_F(NumpyFiles, CuppReadsWhatNumpyWrites) {
  cupp::test::temp_dir dir;
  const cupp::test::run_result r = cupp::test::run_python(kScript, {"write", dir.path()});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const std::vector<entry> entries = read_manifest(dir.path());
  ASSERT_GT(entries.size(), 60u);
  for (const entry& e : entries) {
    SCOPED_TRACE(e.file + "[" + e.member + "]");
    const std::string path = dir.path() + "/" + e.file;
    const cupp::array a = e.member == "-" ? cupp::load(path) : cupp::load_npz(path)[e.member];
    ASSERT_EQ(cupp::dtype_name(a.dtype()), e.dtype);
    const cupp::shape_t shape = parse_shape(e.shape);
    ASSERT_EQ(a.shape(), shape);
    if (e.order == "F") {
      EXPECT_TRUE(a.is_f_contiguous());
    } else {
      EXPECT_TRUE(a.is_c_contiguous());
    }
    a.visit([&](const auto& typed) {
      using T = typename std::decay_t<decltype(typed)>::value_type;
      const std::vector<T> got = typed.get();
      for (std::size_t i = 0; i < got.size(); ++i)
        ASSERT_TRUE(cupp::test::same_bits<T>(got[i], formula<T>(static_cast<std::int64_t>(i))))
            << "element " << i;
    });
  }
}

TEST_F(NumpyFiles, NumpyReadsWhatCuppWrites) {
  cupp::test::temp_dir dir;
  std::ofstream manifest(dir.path() + "/manifest.txt");
  const auto add = [&](const std::string& file, const std::string& member, cupp::dtype dt,
                       char order, const cupp::shape_t& shape) {
    manifest << file << ' ' << member << ' ' << cupp::dtype_name(dt) << ' ' << order << ' '
             << shape_text(shape) << '\n';
  };
  const cupp::shape_t shape{2, 3, 4};
  cupp::named_arrays stored, compressed;
  for (int k = 0; k < cupp::kNumDtypes; ++k) {
    const auto dt = static_cast<cupp::dtype>(k);
    const std::string name = cupp::dtype_name(dt);
    cupp::visit_dtype(dt, [&](auto tag) {
      using T = typename decltype(tag)::type;
      for (char order : {'C', 'F'}) {
        const std::string file = name + "_" + order + ".npy";
        cupp::save(dir.path() + "/" + file, formula_array<T>(shape, order));
        add(file, "-", dt, order, shape);
      }
      cupp::save(dir.path() + "/" + name + "_empty.npy", formula_array<T>({0, 3}, 'C'));
      add(name + "_empty.npy", "-", dt, 'C', {0, 3});
      cupp::save(dir.path() + "/" + name + "_0d.npy", formula_array<T>({}, 'C'));
      add(name + "_0d.npy", "-", dt, 'C', {});
      // Not contiguous either way: element [..., 0] of a (2, 3, 4, 2) array. Written in C order.
      std::vector<T> pairs;
      for (std::int64_t i = 0; i < 24; ++i) {
        pairs.push_back(formula<T>(i));
        pairs.push_back(formula<T>(i + 5));
      }
      const auto strided = cupp::asarray<T>(pairs, {2, 3, 4, 2})(cupp::ellipsis, 0);
      cupp::save(dir.path() + "/" + name + "_strided.npy", strided);
      add(name + "_strided.npy", "-", dt, 'C', shape);
      formula_array<T>(shape, 'F').tofile(dir.path() + "/" + name + ".bin");  // C order
      add(name + ".bin", "raw", dt, 'C', shape);
      stored.emplace_back(name, formula_array<T>({5}, 'C'));
      add("stored.npz", name, dt, 'C', {5});
      compressed.emplace_back(name, formula_array<T>({3, 5}, 'F'));
      add("compressed.npz", name, dt, 'F', {3, 5});
    });
  }
  cupp::savez(dir.path() + "/stored.npz", stored);
  cupp::savez_compressed(dir.path() + "/compressed.npz", compressed);
  cupp::savez(dir.path() + "/positional.npz",
              std::vector<cupp::array>{formula_array<std::int32_t>({4}, 'C'),
                                       formula_array<double>({2, 2}, 'F')});
  add("positional.npz", "arr_0", cupp::dtype::int32, 'C', {4});
  add("positional.npz", "arr_1", cupp::dtype::float64, 'F', {2, 2});
  manifest.close();
  const cupp::test::run_result r = cupp::test::run_python(kScript, {"check", dir.path()});
  EXPECT_EQ(r.exit_code, 0) << r.output;
}

}  // namespace
