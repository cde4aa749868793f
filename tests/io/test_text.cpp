// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// savetxt and loadtxt: the text NumPy writes for the same arrays and arguments, and what NumPy
// reads from the same text (the Python call is in the comment above each), on the host; then
// round trips through files on the device.
#include <gtest/gtest.h>

#include <complex>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "core/throws.hpp"
#include "cupp/array.hpp"
#include "cupp/io/text.hpp"
#include "support/files.hpp"
#include "support/gpu.hpp"

namespace {

using cupp::detail::loadtxt_options;
using cupp::detail::savetxt_options;
using cupp::test::GpuTest;

constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

template <class T>
std::string text(const std::vector<T>& v, const cupp::shape_t& shape, savetxt_options o = {}) {
  return cupp::detail::savetxt_text(v.data(), cupp::dtype_of<T>, shape, o);
}
savetxt_options fmt(const std::string& f) {
  savetxt_options o;
  o.fmt = {f};
  return o;
}
std::string bools(const std::vector<int>& v, const std::string& f) {
  std::vector<std::uint8_t> b(v.begin(), v.end());
  return cupp::detail::savetxt_text(b.data(), cupp::dtype::bool_,
                                    {static_cast<std::int64_t>(b.size())}, fmt(f));
}

template <class T>
struct table {
  std::vector<T> values;
  cupp::shape_t shape;
  bool transposed;
};
template <class T>
table<T> parse(const std::string& s, loadtxt_options o = {}) {
  const auto t = cupp::detail::loadtxt_text(s, cupp::dtype_of<T>, o);
  std::vector<T> v(t.bytes.size() / sizeof(T));
  if (!v.empty()) std::memcpy(v.data(), t.bytes.data(), t.bytes.size());
  return {v, t.shape, t.transposed};
}

// ---- savetxt ------------------------------------------------------------------------------

TEST(Savetxt, DefaultFormat) {
  // np.savetxt(f, np.array([[1, 2], [3, 4]], dtype=float))
  EXPECT_EQ(text<double>({1, 2, 3, 4}, {2, 2}),
            "1.000000000000000000e+00 2.000000000000000000e+00\n"
            "3.000000000000000000e+00 4.000000000000000000e+00\n");
}

TEST(Savetxt, OneDimIsOneValuePerLine) {
  // np.savetxt(f, np.array([1, 2, 3]), fmt='%d'); np.savetxt(f, np.arange(0., 3.), delimiter=',')
  EXPECT_EQ(text<std::int64_t>({1, 2, 3}, {3}, fmt("%d")), "1\n2\n3\n");
  savetxt_options o;
  o.delimiter = ",";
  EXPECT_EQ(text<double>({0, 1, 2}, {3}, o),
            "0.000000000000000000e+00\n1.000000000000000000e+00\n2.000000000000000000e+00\n");
}

TEST(Savetxt, DelimiterNewlineHeaderFooterComments) {
  const std::vector<std::int32_t> m = {1, 2, 3, 4}, v = {1, 2};
  savetxt_options o = fmt("%d");
  o.delimiter = ",";
  EXPECT_EQ(text(m, {2, 2}, o), "1,2\n3,4\n");  // delimiter=','
  o = fmt("%d");
  o.newline = ";";
  EXPECT_EQ(text(m, {2, 2}, o), "1 2;3 4;");  // newline=';'
  o = fmt("%d");
  o.header = "col";
  EXPECT_EQ(text(v, {2}, o), "# col\n1\n2\n");
  o.header = "a\nb";
  EXPECT_EQ(text(v, {2}, o), "# a\n# b\n1\n2\n");
  o = fmt("%d");
  o.footer = "end";
  EXPECT_EQ(text(v, {2}, o), "1\n2\n# end\n");
  o = fmt("%d");
  o.header = "x";
  o.comments = "// ";
  EXPECT_EQ(text(v, {2}, o), "// x\n1\n2\n");
}

TEST(Savetxt, FormatSequenceAndWholeRow) {
  // np.savetxt(f, [[1, 2.5]], fmt=['%d', '%.2f']); fmt='Iteration %d -- %10.5f'
  savetxt_options o;
  o.fmt = {"%d", "%.2f"};
  o.fmt_sequence = true;
  EXPECT_EQ(text<double>({1, 2.5}, {1, 2}, o), "1 2.50\n");
  EXPECT_EQ(text<double>({1, 2.5}, {1, 2}, fmt("Iteration %d -- %10.5f")),
            "Iteration 1 --    2.50000\n");
  // fmt='%#x|%+05d' for [[255, -3]]: '%#x' % 255, '%+05d' % -3
  EXPECT_EQ(text<std::int64_t>({255, -3}, {1, 2}, fmt("%#x|%+05d")), "0xff|-0003\n");
}

TEST(Savetxt, PythonPercentRules) {
  // '%d' % 2.7, '%d' % -2.7, '%d' % 1e20 (int() of the float, however large)
  EXPECT_EQ(text<double>({2.7, -2.7, 1e20}, {3}, fmt("%d")), "2\n-2\n100000000000000000000\n");
  // '%s' % np.float64(0.1), np.float32(0.1), np.int16(5); '%.2s' % np.float64(0.125)
  EXPECT_EQ(text<double>({0.1}, {1}, fmt("%s")), "0.1\n");
  EXPECT_EQ(text<float>({0.1f}, {1}, fmt("%s")), "0.1\n");
  EXPECT_EQ(text<std::int16_t>({5}, {1}, fmt("%s")), "5\n");
  EXPECT_EQ(text<double>({0.125}, {1}, fmt("%.2s")), "0.\n");
  // '%g', '%.3g', '%G'
  EXPECT_EQ(text<double>({0.0001, 1e-5, 1234.5}, {3}, fmt("%g")), "0.0001\n1e-05\n1234.5\n");
  EXPECT_EQ(text<double>({1234.5}, {1}, fmt("%.3g")), "1.23e+03\n");
  EXPECT_EQ(text<double>({1e-10}, {1}, fmt("%G")), "1E-10\n");
  // '%o' % -8, '%#o' % 8, '%X' % 255, '%5d|%-5d|' % (7, 7), '%.3d' % 5, '%u' % -3
  EXPECT_EQ(text<std::int8_t>({-8, 8}, {1, 2}, fmt("%o %#o")), "-10 0o10\n");
  EXPECT_EQ(text<std::uint8_t>({255}, {1}, fmt("%X")), "FF\n");
  EXPECT_EQ(text<std::int32_t>({7, 7}, {1, 2}, fmt("%5d|%-5d|")), "    7|7    |\n");
  EXPECT_EQ(text<std::int32_t>({5, -3}, {1, 2}, fmt("%.3d %u")), "005 -3\n");
  // '%e' % float(np.int64(3)); '%.1f' % float(np.uint64(2**64 - 1))
  EXPECT_EQ(text<std::int64_t>({3}, {1}, fmt("%e")), "3.000000e+00\n");
  EXPECT_EQ(text<std::uint64_t>({std::numeric_limits<std::uint64_t>::max()}, {1}, fmt("%.1f")),
            "18446744073709551616.0\n");
  // '%d' % np.uint64(2**64 - 1), '%d' % np.int64(-2**63)
  EXPECT_EQ(text<std::uint64_t>({std::numeric_limits<std::uint64_t>::max()}, {1}, fmt("%d")),
            "18446744073709551615\n");
  EXPECT_EQ(text<std::int64_t>({std::numeric_limits<std::int64_t>::min()}, {1}, fmt("%d")),
            "-9223372036854775808\n");
}

TEST(Savetxt, NonFinite) {
  // '%.2f' % nan, inf, -inf; '%+.1e' % inf; '%6.1f' % inf; '%E' % inf
  EXPECT_EQ(text<double>({kNan, kInf, -kInf}, {3}, fmt("%.2f")), "nan\ninf\n-inf\n");
  EXPECT_EQ(text<double>({kInf}, {1}, fmt("%+.1e")), "+inf\n");
  EXPECT_EQ(text<double>({kInf}, {1}, fmt("%6.1f")), "   inf\n");
  EXPECT_EQ(text<double>({kInf}, {1}, fmt("%E")), "INF\n");
  // '%d' % nan raises ValueError; '%d' % inf raises OverflowError
  CUPP_EXPECT_THROW_MSG(text<double>({kNan}, {1}, fmt("%d")), cupp::value_error,
                        "cannot convert float NaN to integer");
  CUPP_EXPECT_THROW_MSG(text<double>({kInf}, {1}, fmt("%d")), cupp::overflow_error,
                        "cannot convert float infinity to integer");
}

TEST(Savetxt, Bools) {
  // np.savetxt(f, np.array([True, False]), fmt='%d'); fmt='%s'; default fmt
  EXPECT_EQ(bools({1, 0}, "%d"), "1\n0\n");
  EXPECT_EQ(bools({1, 0}, "%s"), "True\nFalse\n");
  EXPECT_EQ(bools({1}, "%.18e"), "1.000000000000000000e+00\n");
  CUPP_EXPECT_THROW_MSG(bools({1}, "%x"), cupp::type_error,
                        "Mismatch between array dtype ('bool') and format specifier ('%x')");
}

TEST(Savetxt, Complex) {
  // np.savetxt(f, np.array([[1+2j, 3-4j]]))
  EXPECT_EQ(text<std::complex<double>>({{1, 2}, {3, -4}}, {1, 2}),
            " (1.000000000000000000e+00+2.000000000000000000e+00j)"
            "  (3.000000000000000000e+00-4.000000000000000000e+00j)\n");
  // np.savetxt(f, np.array([[1, -2]]).astype('complex128'), fmt='%.1f')
  EXPECT_EQ(text<std::complex<double>>({{1, 0}, {-2, 0}}, {1, 2}, fmt("%.1f")),
            " (1.0+0.0j)  (-2.0+0.0j)\n");
  // np.savetxt(f, np.array([1-1j], dtype=np.complex64), fmt='%.3e %+.3ej')
  EXPECT_EQ(text<std::complex<float>>({{1, -1}}, {1}, fmt("%.3e %+.3ej")),
            "1.000e+00 -1.000e+00j\n");
}

TEST(Savetxt, EmptyShapes) {
  // np.savetxt(f, np.zeros((0, 2))), np.savetxt(f, np.zeros((2, 0)))
  EXPECT_EQ(text<double>({}, {0, 2}), "");
  EXPECT_EQ(text<double>({}, {2, 0}), "\n\n");
}

TEST(Savetxt, Errors) {
  const double one = 1;
  CUPP_EXPECT_THROW_MSG(cupp::detail::savetxt_text(&one, cupp::dtype::float64, {}, {}),
                        cupp::value_error, "Expected 1D or 2D array, got 0D array instead");
  CUPP_EXPECT_THROW_MSG(text<double>({1}, {1, 1, 1}), cupp::value_error,
                        "Expected 1D or 2D array, got 3D array instead");
  savetxt_options o;
  o.fmt = {"%d"};
  o.fmt_sequence = true;
  CUPP_EXPECT_THROW_MSG(text<double>({1, 2}, {1, 2}, o), cupp::value_error,
                        "fmt has wrong shape.  ['%d']");
  CUPP_EXPECT_THROW_MSG(text<double>({1, 2}, {1, 2}, fmt("%d %d %d")), cupp::value_error,
                        "fmt has wrong number of % formats:  %d %d %d");
  CUPP_EXPECT_THROW_MSG(text<double>({1}, {1}, fmt("%x")), cupp::type_error,
                        "Mismatch between array dtype ('float64') and format specifier ('%x')");
  CUPP_EXPECT_THROW_MSG(text<double>({1}, {1}, fmt("%q")), cupp::value_error,
                        "unsupported format character 'q' (0x71) at index 1");
  EXPECT_THROW(text<double>({1}, {1}, fmt("%r")), cupp::value_error);
  EXPECT_THROW(text<double>({1}, {1}, fmt("%c")), cupp::value_error);
}

// ---- loadtxt ------------------------------------------------------------------------------

TEST(Loadtxt, Basic) {
  // np.loadtxt(StringIO("0 1\n2 3"))
  const auto t = parse<double>("0 1\n2 3");
  EXPECT_EQ(t.shape, (cupp::shape_t{2, 2}));
  EXPECT_EQ(t.values, (std::vector<double>{0, 1, 2, 3}));
  EXPECT_FALSE(t.transposed);
}

TEST(Loadtxt, ReadsWhatSavetxtWrites) {
  // np.loadtxt of np.savetxt's default output (and of \r\n line ends)
  const auto t = parse<double>(
      "1.000000000000000000e+00 2.500000000000000000e+00\r\n"
      "-3.000000000000000000e+00 1.000000000000000056e-01\r\n");
  EXPECT_EQ(t.shape, (cupp::shape_t{2, 2}));
  EXPECT_EQ(t.values, (std::vector<double>{1, 2.5, -3, 0.1}));
}

TEST(Loadtxt, UsecolsWithRaggedRows) {
  // np.loadtxt(StringIO("1 2\n2 4\n3 9 12\n4 16 20"), usecols=(0, 1))
  loadtxt_options o;
  o.usecols = {0, 1};
  const auto t = parse<double>("1 2\n2 4\n3 9 12\n4 16 20", o);
  EXPECT_EQ(t.shape, (cupp::shape_t{4, 2}));
  EXPECT_EQ(t.values, (std::vector<double>{1, 2, 2, 4, 3, 9, 4, 16}));
  // usecols=(-1,): the last column of each row
  o.usecols = {-1};
  EXPECT_EQ(parse<double>("1 2\n3 4 5", o).values, (std::vector<double>{2, 5}));
}

TEST(Loadtxt, DelimiterCommentsSkiprows) {
  // np.loadtxt(StringIO("1, 2, 3\n4, 5, 6"), delimiter=',')
  loadtxt_options o;
  o.delimiter = ',';
  auto t = parse<double>("1, 2, 3\n4, 5, 6", o);
  EXPECT_EQ(t.shape, (cupp::shape_t{2, 3}));
  EXPECT_EQ(t.values, (std::vector<double>{1, 2, 3, 4, 5, 6}));
  // comments and empty lines are no rows: np.loadtxt(StringIO("# h\n1 2 # t\n\n3 4\n"))
  t = parse<double>("# h\n1 2 # t\n\n   \n3 4\n");
  EXPECT_EQ(t.shape, (cupp::shape_t{2, 2}));
  // comments='%', skiprows=1
  o = {};
  o.comments = "%";
  o.skiprows = 1;
  t = parse<double>("x y\n1 2 % c\n3 4", o);
  EXPECT_EQ(t.values, (std::vector<double>{1, 2, 3, 4}));
  // comments=None: '#' is then data, and fails to parse
  o = {};
  o.comments = std::nullopt;
  CUPP_EXPECT_THROW_MSG(parse<double>("1 #", o), cupp::value_error,
                        "could not convert string '#' to float64 at row 0, column 2.");
}

TEST(Loadtxt, ShapesAsNumpy) {
  // one row -> 1-D; one column -> 1-D; one value -> 0-d; no data -> (0,)
  EXPECT_EQ(parse<double>("1 2 3").shape, (cupp::shape_t{3}));
  EXPECT_EQ(parse<double>("1\n2\n3").shape, (cupp::shape_t{3}));
  EXPECT_EQ(parse<double>("7").shape, (cupp::shape_t{}));
  EXPECT_EQ(parse<double>("# nothing\n").shape, (cupp::shape_t{0}));
  loadtxt_options o;
  o.ndmin = 1;
  EXPECT_EQ(parse<double>("7", o).shape, (cupp::shape_t{1}));
  o.ndmin = 2;
  EXPECT_EQ(parse<double>("1 2 3", o).shape, (cupp::shape_t{1, 3}));
  EXPECT_EQ(parse<double>("1\n2\n3", o).shape, (cupp::shape_t{3, 1}));
  EXPECT_EQ(parse<double>("7", o).shape, (cupp::shape_t{1, 1}));
  o = {};
  o.unpack = true;
  EXPECT_TRUE(parse<double>("1 2\n3 4", o).transposed);
  // max_rows counts rows of data, not lines
  o = {};
  o.max_rows = 1;
  const auto t = parse<double>("# c\n\n1 2\n3 4", o);
  EXPECT_EQ(t.shape, (cupp::shape_t{2}));
  EXPECT_EQ(t.values, (std::vector<double>{1, 2}));
}

TEST(Loadtxt, Dtypes) {
  // dtype=np.int32, np.uint8, bool, np.float32, np.float16, complex
  EXPECT_EQ(parse<std::int32_t>(" -2  +7 ").values, (std::vector<std::int32_t>{-2, 7}));
  EXPECT_EQ(parse<std::uint8_t>("255").values, (std::vector<std::uint8_t>{255}));
  EXPECT_EQ(parse<std::uint8_t>("1 0 2").values.size(), 3u);
  const auto b = cupp::detail::loadtxt_text("1 0 2", cupp::dtype::bool_, {});
  EXPECT_EQ(b.bytes, (std::vector<unsigned char>{1, 0, 1}));
  EXPECT_EQ(parse<float>("0.1").values, (std::vector<float>{0.1f}));
  EXPECT_EQ(parse<cupp::float16>("0.1").values[0].bits, cupp::float16(0.1).bits);
  const auto c = parse<std::complex<double>>(
      " (1.000000000000000000e+00+2.000000000000000000e+00j)  (3e+00-4e+00j) 5 6j (-1e-3+0j) "
      "1+-2j");
  EXPECT_EQ(c.values, (std::vector<std::complex<double>>{
                          {1, 2}, {3, -4}, {5, 0}, {0, 6}, {-1e-3, 0}, {1, -2}}));
  loadtxt_options comma;
  comma.delimiter = ',';
  // np.loadtxt(StringIO("( 1j ),(1+2j )"), dtype=complex, delimiter=',')
  EXPECT_EQ(parse<std::complex<double>>("( 1j ),(1+2j )", comma).values,
            (std::vector<std::complex<double>>{{0, 1}, {1, 2}}));
  CUPP_EXPECT_THROW_MSG(parse<std::complex<double>>("(1+2j"), cupp::value_error,
                        "could not convert string '(1+2j' to complex128 at row 0, column 1.");
  CUPP_EXPECT_THROW_MSG(parse<std::complex<float>>("1+2J"), cupp::value_error,
                        "could not convert string '1+2J' to complex64 at row 0, column 1.");
  const auto f = parse<double>("nan inf -inf -Infinity +1.5 1e400");
  ASSERT_EQ(f.values.size(), 6u);
  EXPECT_TRUE(std::isnan(f.values[0]));
  EXPECT_EQ(f.values[1], kInf);
  EXPECT_EQ(f.values[2], -kInf);
  EXPECT_EQ(f.values[3], -kInf);
  EXPECT_EQ(f.values[4], 1.5);
  EXPECT_EQ(f.values[5], kInf);  // float('1e400')
}

TEST(Loadtxt, Errors) {
  CUPP_EXPECT_THROW_MSG(parse<double>("1 2\n3\n"), cupp::value_error,
                        "the number of columns changed from 2 to 1 at row 2; use `usecols` to "
                        "select a subset and avoid this error");
  CUPP_EXPECT_THROW_MSG(parse<double>("1 2\n3 x\n"), cupp::value_error,
                        "could not convert string 'x' to float64 at row 1, column 2.");
  CUPP_EXPECT_THROW_MSG(parse<std::int32_t>("1.5"), cupp::value_error,
                        "could not convert string '1.5' to int32 at row 0, column 1.");
  CUPP_EXPECT_THROW_MSG(parse<std::uint8_t>("300"), cupp::value_error,
                        "could not convert string '300' to uint8 at row 0, column 1.");
  loadtxt_options o;
  o.delimiter = ',';
  CUPP_EXPECT_THROW_MSG(parse<double>("1,,2", o), cupp::value_error,
                        "could not convert string '' to float64 at row 0, column 2.");
  // messages NumPy printed for these files: np.loadtxt(f, delimiter=','), and np.loadtxt(f) of
  // a comma-separated file
  CUPP_EXPECT_THROW_MSG(parse<double>("1,12.5\n2,\n3,14.0\n", o), cupp::value_error,
                        "could not convert string '' to float64 at row 1, column 2.");
  CUPP_EXPECT_THROW_MSG(parse<double>("11,12,,14\n21,,,24\n", o), cupp::value_error,
                        "could not convert string '' to float64 at row 0, column 3.");
  CUPP_EXPECT_THROW_MSG(parse<double>("00,01,02,03\n10,11,12,13\n"), cupp::value_error,
                        "could not convert string '00,01,02,03' to float64 at row 0, column 1.");
  o = {};
  o.usecols = {5};
  CUPP_EXPECT_THROW_MSG(parse<double>("1 2", o), cupp::value_error,
                        "invalid column index 5 at row 1 with 2 columns");
  o = {};
  o.ndmin = 3;
  CUPP_EXPECT_THROW_MSG(parse<double>("1", o), cupp::value_error,
                        "Illegal value of ndmin keyword: 3");
  o = {};
  o.comments = "";
  CUPP_EXPECT_THROW_MSG(
      parse<double>("1", o), cupp::value_error,
      "comments cannot be an empty string. Use comments=None to disable comments.");
  o = {};
  o.skiprows = -1;
  CUPP_EXPECT_THROW_MSG(parse<double>("1", o), cupp::value_error, "argument must be nonnegative");
}

TEST(Loadtxt, MissingFileFailsBeforeAnyDeviceWork) {
  cupp::test::temp_dir dir;
  const std::string path = dir.path() + "/absent.txt";
  CUPP_EXPECT_THROW_MSG(cupp::loadtxt(path), cupp::value_error,
                        path + ": cannot open the file: No such file or directory");
  EXPECT_THROW(cupp::loadtxt(dir.path() + "/a.txt.gz"), cupp::value_error);
}

// ---- files, written from host data ---------------------------------------------------------

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
std::size_t entries(const std::string& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}
template <class T>
void save(const std::string& path, const std::vector<T>& v, const cupp::shape_t& shape,
          const savetxt_options& o = {}) {
  cupp::detail::savetxt_host(path, v.data(), cupp::dtype_of<T>, shape, o);
}

TEST(SavetxtFile, WritesTheTextAndReplacesWhole) {
  cupp::test::temp_dir dir;
  const std::string path = dir.path() + "/a.txt";
  std::ofstream(path) << "an older and longer file\n";
  save<std::int64_t>(path, {1, 2, 3, 4}, {2, 2}, fmt("%d"));
  EXPECT_EQ(read_file(path), "1 2\n3 4\n");
  save<double>(path, {}, {0, 3});  // np.savetxt of a (0, 3) array: an empty file
  EXPECT_EQ(read_file(path), "");
  EXPECT_EQ(entries(dir.path()), 1u);
}

TEST(SavetxtFile, LargeTextIsWrittenInPieces) {
  // 60000 rows of 3 values: 4.5 MB of text, written a megabyte at a time
  cupp::test::temp_dir dir;
  const std::string path = dir.path() + "/big.txt";
  std::vector<double> v(180000);
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<double>(i) / 7;
  save(path, v, {60000, 3});
  const std::string written = read_file(path);
  EXPECT_EQ(written, cupp::detail::savetxt_text(v.data(), cupp::dtype::float64, {60000, 3}, {}));
  EXPECT_EQ(written.size(), 60000u * 3 * 25);
  const auto t = parse<double>(written);
  EXPECT_EQ(t.values, v);  // %.18e keeps every float64 exactly
}

TEST(SavetxtFile, FailuresLeaveNoFile) {
  cupp::test::temp_dir dir;
  const std::string path = dir.path() + "/f.txt";
  // a bad fmt: nothing is created
  EXPECT_THROW(save<double>(path, {1.5}, {1}, fmt("%x")), cupp::type_error);
  EXPECT_EQ(entries(dir.path()), 0u);
  // a failure after 1.6 MB were written (a NaN for %d at the end): the earlier file stays
  std::ofstream(path) << "old\n";
  std::vector<double> v(100000, 1e15);
  v.back() = kNan;
  EXPECT_THROW(save(path, v, {100000}, fmt("%.18e %d")), cupp::value_error);  // wrong count
  CUPP_EXPECT_THROW_MSG(save(path, v, {100000}, fmt("%d")), cupp::value_error,
                        "cannot convert float NaN to integer");
  EXPECT_EQ(read_file(path), "old\n");
  EXPECT_EQ(entries(dir.path()), 1u);  // no temporary left behind
  // a directory that does not exist
  const std::string nowhere = dir.path() + "/no/such/dir.txt";
  CUPP_EXPECT_THROW_MSG(save<double>(nowhere, {1}, {1}), cupp::value_error,
                        nowhere + ": cannot create the file: No such file or directory");
  EXPECT_THROW(save<double>(dir.path() + "/a.txt.gz", {1}, {1}), cupp::value_error);
  EXPECT_EQ(entries(dir.path()), 1u);
}

// ---- files on the device -------------------------------------------------------------------

class TextFiles : public GpuTest {};

TEST_F(TextFiles, RoundTrip) {
  cupp::test::temp_dir dir;
  // example-begin savetxt_loadtxt
  const std::string path = dir.path() + "/a.txt";
  auto a = cupp::asarray<double>({{1, 2}, {3, 4}});
  cupp::savetxt(path, a);  // np.savetxt(path, a)
  // 1.000000000000000000e+00 2.000000000000000000e+00
  // 3.000000000000000000e+00 4.000000000000000000e+00
  auto b = cupp::loadtxt(path);  // np.loadtxt(path): float64, shape (2, 2)
  EXPECT_EQ(b.get(), (std::vector<double>{1, 2, 3, 4}));

  cupp::savetxt(path, cupp::asarray<std::int32_t>({7, -8, 9}), "%d", " ", "\n", "values");
  // # values
  // 7
  // -8
  // 9
  auto c = cupp::loadtxt<std::int32_t>(path);  // np.loadtxt(path, dtype=np.int32)
  EXPECT_EQ(c.shape(), (cupp::shape_t{3}));
  // example-end
  EXPECT_EQ(read_file(path), "# values\n7\n-8\n9\n");
  EXPECT_EQ(c.get(), (std::vector<std::int32_t>{7, -8, 9}));
}

TEST_F(TextFiles, ViewsExpressionsAndRuntimeArrays) {
  cupp::test::temp_dir dir;
  const std::string path = dir.path() + "/v.txt";
  auto a = cupp::asarray<float>({{1, 2, 3}, {4, 5, 6}});
  // np.savetxt(path, a.T, fmt='%g', delimiter=',')
  cupp::savetxt(path, a.T(), "%g", ",");
  EXPECT_EQ(read_file(path), "1,4\n2,5\n3,6\n");
  // np.savetxt(path, a[:, ::-1] * 2, fmt=['%d', '%.1f', '%s'])
  cupp::savetxt(path, a(cupp::slice(), cupp::slice(std::nullopt, std::nullopt, -1)) * 2.0f,
                {"%d", "%.1f", "%s"});
  EXPECT_EQ(read_file(path), "6 4.0 2.0\n12 10.0 8.0\n");
  const cupp::array r =
      cupp::asarray(std::vector<std::complex<double>>{std::complex<double>(1.5, -0.5)});
  cupp::savetxt(path, r, "%.2f");
  EXPECT_EQ(read_file(path), " (1.50-0.50j)\n");
  auto back = cupp::loadtxt<std::complex<double>>(path, "#", std::nullopt, 0, {}, false, 1);
  EXPECT_EQ(back.get(), (std::vector<std::complex<double>>{{1.5, -0.5}}));
}

TEST_F(TextFiles, LoadOptionsOnTheDevice) {
  cupp::test::temp_dir dir;
  const std::string path = dir.path() + "/o.csv";
  std::ofstream(path) << "x,y,z\n1,2,3\n4,5,6\n";
  // np.loadtxt(path, delimiter=',', skiprows=1, usecols=(0, 2), unpack=True)
  auto t = cupp::loadtxt(path, "#", ',', 1, {0, 2}, true);
  EXPECT_EQ(t.shape(), (cupp::shape_t{2, 2}));
  EXPECT_EQ(t.copy().get(), (std::vector<double>{1, 4, 3, 6}));
}

TEST_F(TextFiles, FailuresLeaveNoFile) {
  cupp::test::temp_dir dir;
  const std::string path = dir.path() + "/bad.txt";
  auto a = cupp::asarray<double>({1.5, 2.5});
  // a bad fmt: nothing is created; a file already there stays as it was
  EXPECT_THROW(cupp::savetxt(path, a, "%x"), cupp::type_error);
  EXPECT_FALSE(std::filesystem::exists(path));
  std::ofstream(path) << "old\n";
  EXPECT_THROW(cupp::savetxt(path, a, "%d %d"), cupp::value_error);
  EXPECT_EQ(read_file(path), "old\n");
  // a directory that does not exist: value_error naming the path
  const std::string nowhere = dir.path() + "/no/such/dir.txt";
  EXPECT_THROW(cupp::savetxt(nowhere, a), cupp::value_error);
  EXPECT_EQ(entries(dir.path()), 1u);  // bad.txt only: no temporary left behind
  // a 3-D array is refused as NumPy refuses it
  CUPP_EXPECT_THROW_MSG(cupp::savetxt(path, cupp::zeros<double>({1, 1, 1})), cupp::value_error,
                        "Expected 1D or 2D array, got 3D array instead");
}

}  // namespace
