// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// save/load, savez/load_npz and tofile/fromfile on the GPU: every dtype, both orders,
// non-contiguous, empty and 0-d arrays, big-endian and version 2.0/3.0 files; the bytes written
// are checked against the header NumPy writes and the host values, the values read against
// host values computed here.
#include <gtest/gtest.h>

#include <algorithm>
#include <complex>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <type_traits>
#include <vector>

#include "cupp/array.hpp"
#include "support/dtypes.hpp"
#include "support/files.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::test::same_bits;
using cupp::test::value_at;

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

/// The C-order values of a host array of `shape` given as a function of the C index.
template <class T>
std::vector<T> host_values(std::int64_t n) {
  return cupp::test::iota_values<T>(n);
}

template <class T>
std::string bytes_of(const std::vector<T>& v) {
  std::string s(v.size() * sizeof(T), '\0');
  for (std::size_t i = 0; i < v.size(); ++i) {
    const T x = v[i];  // std::vector<bool> has no addressable elements
    std::memcpy(&s[i * sizeof(T)], &x, sizeof(T));
  }
  return s;
}

template <class T>
void expect_values(const cupp::array& a, const std::vector<T>& expected) {
  ASSERT_EQ(a.dtype(), cupp::dtype_of<T>);
  const std::vector<T> got = a.as<T>().get();
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i)
    ASSERT_TRUE(same_bits<T>(got[i], expected[i])) << "element " << i;
}

/// The files in a directory, by name.
std::vector<std::string> listing(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class NpyGpu : public cupp::test::GpuTest {};

template <class T>
class NpyRoundTrip : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(NpyRoundTrip, cupp::test::AllDtypes);

TYPED_TEST(NpyRoundTrip, COrderBytesAndValues) {
  using T = TypeParam;
  cupp::test::temp_dir dir;
  const std::vector<T> v = host_values<T>(24);
  const auto a = cupp::asarray<T>(v, {2, 3, 4});
  cupp::save(dir.path() + "/a", a);  // ".npy" is appended, as numpy.save does
  const std::string file = dir.path() + "/a.npy";
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"a.npy"});  // no temporary left
  EXPECT_EQ(read_bytes(file),
            cupp::detail::npy_prefix(cupp::dtype_of<T>, false, {2, 3, 4}) + bytes_of(v));
  const cupp::array b = cupp::load(file);
  EXPECT_EQ(b.shape(), (cupp::shape_t{2, 3, 4}));
  EXPECT_TRUE(b.is_c_contiguous());
  expect_values<T>(b, v);
}

TYPED_TEST(NpyRoundTrip, FortranOrder) {
  using T = TypeParam;
  cupp::test::temp_dir dir;
  // An F-contiguous (2, 3, 4) array: the transpose of a C-contiguous (4, 3, 2) one. Its bytes in
  // memory are the (4, 3, 2) array's C order; numpy.save writes them as they are, fortran_order.
  const std::vector<T> mem = host_values<T>(24);
  const auto f = cupp::asarray<T>(mem, {4, 3, 2}).T();
  ASSERT_TRUE(f.is_f_contiguous() && !f.is_c_contiguous());
  const std::string file = dir.path() + "/f.npy";
  cupp::save(file, f);
  EXPECT_EQ(read_bytes(file),
            cupp::detail::npy_prefix(cupp::dtype_of<T>, true, {2, 3, 4}) + bytes_of(mem));
  const cupp::array b = cupp::load(file);
  EXPECT_EQ(b.shape(), (cupp::shape_t{2, 3, 4}));
  EXPECT_TRUE(b.is_f_contiguous());
  EXPECT_FALSE(b.is_c_contiguous());
  // Element (i, j, k) of the F array is mem[k * 6 + j * 2 + i].
  std::vector<T> expected;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 3; ++j)
      for (int k = 0; k < 4; ++k) expected.push_back(mem[k * 6 + j * 2 + i]);
  expect_values<T>(b, expected);
}

TYPED_TEST(NpyRoundTrip, NonContiguousIsWrittenInCOrder) {
  using T = TypeParam;
  cupp::test::temp_dir dir;
  const std::vector<T> v = host_values<T>(60);
  // Every other column, rows reversed: (5, 6) of a (5, 12) array.
  const auto a = cupp::asarray<T>(v, {5, 12})(cupp::slice(cupp::none, cupp::none, -1),
                                              cupp::slice(0, cupp::none, 2));
  ASSERT_FALSE(a.is_c_contiguous() || a.is_f_contiguous());
  std::vector<T> expected;
  for (int r = 4; r >= 0; --r)
    for (int c = 0; c < 12; c += 2) expected.push_back(v[r * 12 + c]);
  const std::string file = dir.path() + "/s.npy";
  cupp::save(file, a);
  EXPECT_EQ(read_bytes(file),
            cupp::detail::npy_prefix(cupp::dtype_of<T>, false, {5, 6}) + bytes_of(expected));
  expect_values<T>(cupp::load(file), expected);
}

TYPED_TEST(NpyRoundTrip, EmptyAndZeroDimensional) {
  using T = TypeParam;
  cupp::test::temp_dir dir;
  const std::string e = dir.path() + "/e.npy", z = dir.path() + "/z.npy";
  cupp::save(e, cupp::ndarray<T>(cupp::shape_t{0, 3}));
  EXPECT_EQ(read_bytes(e), cupp::detail::npy_prefix(cupp::dtype_of<T>, false, {0, 3}));
  const cupp::array le = cupp::load(e);
  EXPECT_EQ(le.shape(), (cupp::shape_t{0, 3}));
  EXPECT_EQ(le.dtype(), cupp::dtype_of<T>);

  const T x = value_at<T>(5);
  cupp::save(z, cupp::asarray<T>(std::vector<T>{x}).reshape(cupp::shape_t{}));
  EXPECT_EQ(read_bytes(z),
            cupp::detail::npy_prefix(cupp::dtype_of<T>, false, {}) + bytes_of(std::vector<T>{x}));
  const cupp::array lz = cupp::load(z);
  EXPECT_EQ(lz.ndim(), 0);
  expect_values<T>(lz, {x});
}

TYPED_TEST(NpyRoundTrip, RawTofileFromfile) {
  using T = TypeParam;
  cupp::test::temp_dir dir;
  const std::vector<T> v = host_values<T>(30);
  const std::string file = dir.path() + "/raw.bin";
  // A transposed view is written in its C order, as ndarray.tofile does.
  const auto a = cupp::asarray<T>(v, {5, 6}).T();
  a.tofile(file);
  std::vector<T> expected;
  for (int c = 0; c < 6; ++c)
    for (int r = 0; r < 5; ++r) expected.push_back(v[r * 6 + c]);
  EXPECT_EQ(read_bytes(file), bytes_of(expected));
  expect_values<T>(cupp::fromfile<T>(file), expected);
  // count and offset (bytes), as numpy.fromfile(file, dtype, count, offset=offset).
  const cupp::ndarray<T> part = cupp::fromfile<T>(file, 4, 3 * sizeof(T));
  expect_values<T>(part, std::vector<T>(expected.begin() + 3, expected.begin() + 7));
  EXPECT_EQ(cupp::fromfile<T>(file, 0).size(), 0);
}

// ---- big-endian and other versions: files made here byte by byte ------------------------------

template <class T>
std::string big_endian_bytes(const std::vector<T>& v) {
  std::string s = bytes_of(v);
  // Each scalar (each half of a complex number) reversed.
  constexpr bool is_complex =
      std::is_same_v<T, std::complex<float>> || std::is_same_v<T, std::complex<double>>;
  const std::size_t unit = is_complex ? sizeof(T) / 2 : sizeof(T);
  for (std::size_t i = 0; i < s.size(); i += unit)
    std::reverse(s.begin() + i, s.begin() + i + unit);
  return s;
}

/// A .npy file with the header dict text `dict` in format version `major`.
std::string npy_with(const std::string& dict, int major) {
  const std::size_t pre = major == 1 ? 10 : 12;
  std::string text = dict + std::string(64 - (pre + dict.size() + 1) % 64, ' ') + "\n";
  std::string out = std::string("\x93NUMPY", 6);
  out += static_cast<char>(major);
  out += '\0';
  for (std::size_t b = 0; b < pre - 8; ++b)
    out += static_cast<char>((text.size() >> (8 * b)) & 0xff);
  return out + text;
}

template <class T>
class NpyBigEndian : public cupp::test::GpuTest {};
TYPED_TEST_SUITE(NpyBigEndian, cupp::test::AllDtypes);

TYPED_TEST(NpyBigEndian, IsSwappedOnRead) {
  using T = TypeParam;
  cupp::test::temp_dir dir;
  const std::vector<T> v = host_values<T>(6);
  std::string descr = cupp::detail::npy_descr(cupp::dtype_of<T>);
  if (descr[0] == '<') descr[0] = '>';
  const std::string file = dir.path() + "/be.npy";
  write_bytes(file,
              npy_with("{'descr': '" + descr + "', 'fortran_order': False, 'shape': (2, 3), }", 1) +
                  big_endian_bytes(v));
  expect_values<T>(cupp::load(file), v);
}

TEST_F(NpyGpu, NpyVersions2And3AreRead) {
  cupp::test::temp_dir dir;
  const std::vector<float> v = host_values<float>(5);
  for (int major : {1, 2, 3}) {
    const std::string file = dir.path() + "/v" + std::to_string(major) + ".npy";
    write_bytes(file, npy_with("{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }", major) +
                          bytes_of(v));
    expect_values<float>(cupp::load(file), v);
  }
}

// ---- .npz -------------------------------------------------------------------------------------

class Npz : public cupp::test::GpuTest {};

TEST_F(Npz, NamedPositionalAndCompressed) {
  cupp::test::temp_dir dir;
  const auto x = cupp::asarray<float>(host_values<float>(12), {3, 4});
  const auto y = cupp::asarray<std::int16_t>(host_values<std::int16_t>(7));
  const auto z = cupp::asarray<std::complex<double>>(host_values<std::complex<double>>(6), {2, 3})
                     .T();  // F-contiguous: stored with fortran_order
  for (bool compressed : {false, true}) {
    const std::string base = dir.path() + (compressed ? "/c" : "/s");
    if (compressed)
      cupp::savez_compressed(base, {{"x", x}, {"y", y}, {"z", z}});
    else
      cupp::savez(base, {{"x", x}, {"y", y}, {"z", z}});
    const cupp::npz_file d = cupp::load_npz(base + ".npz");  // ".npz" was appended
    EXPECT_EQ(d.files(), (std::vector<std::string>{"x", "y", "z"}));
    EXPECT_TRUE(d.contains("y"));
    EXPECT_FALSE(d.contains("w"));
    expect_values<float>(d["x"], host_values<float>(12));
    EXPECT_EQ(d["x"].shape(), (cupp::shape_t{3, 4}));
    expect_values<std::int16_t>(d["y.npy"], host_values<std::int16_t>(7));  // the member's name
    const cupp::array lz = d["z"];
    EXPECT_TRUE(lz.is_f_contiguous());
    expect_values<std::complex<double>>(lz, z.get());
    EXPECT_THROW((void)d["w"], cupp::index_error);
  }
  // A large compressible array is smaller compressed.
  const auto big = cupp::zeros<double>({1 << 16});
  cupp::savez(dir.path() + "/big_s.npz", {{"a", big}});
  cupp::savez_compressed(dir.path() + "/big_c.npz", {{"a", big}});
  EXPECT_GT(std::filesystem::file_size(dir.path() + "/big_s.npz"), 8u << 16);
  EXPECT_LT(std::filesystem::file_size(dir.path() + "/big_c.npz"), 1u << 16);
  expect_values<double>(cupp::load_npz(dir.path() + "/big_c.npz")["a"],
                        std::vector<double>(1 << 16, 0.0));

  // Positional arrays are arr_0, arr_1, ...; an empty archive is a valid one.
  cupp::savez(dir.path() + "/p.npz", std::vector<cupp::array>{x, y});
  EXPECT_EQ(cupp::load_npz(dir.path() + "/p.npz").files(),
            (std::vector<std::string>{"arr_0", "arr_1"}));
  cupp::savez(dir.path() + "/empty.npz", cupp::named_arrays{});
  EXPECT_EQ(cupp::load_npz(dir.path() + "/empty.npz").size(), 0u);
  EXPECT_THROW(cupp::savez(dir.path() + "/dup.npz", {{"a", x}, {"a", y}}), cupp::value_error);
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/dup.npz"));
}

TEST_F(Npz, LoadOfAnArchiveNamesLoadNpz) {
  cupp::test::temp_dir dir;
  cupp::savez(dir.path() + "/a.npz", {{"x", cupp::zeros<float>({2})}});
  try {
    (void)cupp::load(dir.path() + "/a.npz");
    FAIL() << "no value_error";
  } catch (const cupp::value_error& e) {
    EXPECT_NE(std::string(e.what()).find("load_npz"), std::string::npos) << e.what();
  }
}

TEST_F(NpyGpu, NpyLargeArrayCrossesStagingPieces) {
  // 9 pieces and a tail through the pinned staging blocks, both ways: reading takes three
  // rounds of parallel reads, so each set of blocks is refilled.
  cupp::test::temp_dir dir;
  const std::int64_t n = static_cast<std::int64_t>(9 * cupp::detail::kStagingChunk / 8 + 1001);
  const auto a = cupp::arange<double>(static_cast<double>(n));
  const std::string file = dir.path() + "/big.npy";
  cupp::save(file, a);
  EXPECT_EQ(std::filesystem::file_size(file), 128 + static_cast<std::uintmax_t>(n) * 8);
  const std::vector<double> back = cupp::load(file).as<double>().get();
  ASSERT_EQ(back.size(), static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) ASSERT_EQ(back[i], static_cast<double>(i)) << i;
  // The data of the same file as raw binary, from element 5 on.
  const std::vector<double> tail = cupp::fromfile<double>(file, n - 5, 128 + 5 * 8).get();
  ASSERT_EQ(tail.size(), static_cast<std::size_t>(n - 5));
  for (std::int64_t i = 0; i < n - 5; ++i) ASSERT_EQ(tail[i], static_cast<double>(i + 5)) << i;
  // The same bytes big-endian.
  std::vector<double> host(back.begin(), back.end());
  write_bytes(file, npy_with("{'descr': '>f8', 'fortran_order': False, 'shape': (" +
                                 std::to_string(n) + ",), }",
                             1) +
                        big_endian_bytes(host));
  const std::vector<double> swapped = cupp::load(file).as<double>().get();
  for (std::int64_t i = 0; i < n; ++i) ASSERT_EQ(swapped[i], static_cast<double>(i)) << i;
}

TEST_F(NpyGpu, NpySaveOfAnExpressionSavesItsValue) {
  cupp::test::temp_dir dir;
  const auto a = cupp::asarray<std::int32_t>({1, 2, 3});
  cupp::save(dir.path() + "/e.npy", a * 2 + 1);
  expect_values<std::int32_t>(cupp::load(dir.path() + "/e.npy"), {3, 5, 7});
}

TEST_F(NpyGpu, NpySaveReplacesAFileWhole) {
  cupp::test::temp_dir dir;
  const std::string file = dir.path() + "/r.npy";
  cupp::save(file, cupp::ones<float>({1000}));
  cupp::save(file, cupp::zeros<std::int8_t>({3}));
  EXPECT_EQ(std::filesystem::file_size(file), 131u);
  expect_values<std::int8_t>(cupp::load(file), {0, 0, 0});
  // A directory that does not exist: value_error, nothing written.
  EXPECT_THROW(cupp::save(dir.path() + "/no/such/dir/x.npy", cupp::ones<float>({2})),
               cupp::value_error);
  EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"r.npy"});
}

/// Runs a test body in a temporary directory as the working directory, so that the documented
/// examples use plain file names.
class NpyExamples : public cupp::test::GpuTest {
 protected:
  void SetUp() override {
    cupp::test::GpuTest::SetUp();
    old_ = std::filesystem::current_path();
    std::filesystem::current_path(dir_.path());
  }
  void TearDown() override {
    std::filesystem::current_path(old_);
    cupp::test::GpuTest::TearDown();
  }

 private:
  cupp::test::temp_dir dir_;
  std::filesystem::path old_;
};

TEST_F(NpyExamples, SaveLoad) {
  // example-begin npy
  auto a = cupp::arange<float>(6.0f).reshape({2, 3});
  cupp::save("a", a);                   // writes a.npy, as numpy.save
  cupp::array b = cupp::load("a.npy");  // the dtype is known at run time
  EXPECT_EQ(b.dtype(), cupp::dtype::float32);
  EXPECT_EQ(b.shape(), (cupp::shape_t{2, 3}));
  cupp::ndarray<float> c = b.as<float>();  // the typed view (type_error for another dtype)
  EXPECT_EQ(c.get(), (std::vector<float>{0, 1, 2, 3, 4, 5}));
  // example-end
}

TEST_F(NpyExamples, Npz) {
  // example-begin npz
  auto x = cupp::linspace<double>(0.0, 1.0, 5);
  auto n = cupp::arange<std::int32_t>(3);
  cupp::savez("d.npz", {{"x", x}, {"n", n}});  // savez_compressed for deflate
  auto d = cupp::load_npz("d.npz");
  EXPECT_EQ(d.files(), (std::vector<std::string>{"x", "n"}));
  EXPECT_EQ(d["n"].as<std::int32_t>().get(), (std::vector<std::int32_t>{0, 1, 2}));
  cupp::savez("p.npz", {x, n});  // positional: named arr_0, arr_1
  EXPECT_TRUE(cupp::load_npz("p.npz").contains("arr_1"));
  // example-end
}

TEST_F(NpyExamples, Raw) {
  // example-begin raw
  auto r = cupp::arange<std::int16_t>(10);
  r.tofile("r.bin");                                        // 20 bytes, no header
  auto all = cupp::fromfile<std::int16_t>("r.bin");         // numpy.fromfile("r.bin", np.int16)
  auto part = cupp::fromfile<std::int16_t>("r.bin", 3, 4);  // 3 values after 4 bytes
  EXPECT_EQ(all.size(), 10);
  EXPECT_EQ(part.get(), (std::vector<std::int16_t>{2, 3, 4}));
  // example-end
}

}  // namespace
