// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Every code block of a docs page that names its source ("(from `tests/x.cpp`, example `name`)"
// on the line after the block) must equal the `// example-begin name` region of that file, with
// the region's common indentation removed: the examples are compiled and run as tests, and this
// keeps the page from drifting away from them.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

// The source tree, found from the test data directory the build passes in.
const std::string kSourceRoot = std::string(CUPP_TEST_DATA_DIR) + "/../..";

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

// The lines between `// example-begin name` and the next `// example-end`, dedented.
std::vector<std::string> example_region(const std::string& file, const std::string& name) {
  const std::vector<std::string> lines = read_lines(kSourceRoot + "/" + file);
  std::vector<std::string> region;
  bool inside = false, found = false;
  for (const std::string& line : lines) {
    if (!inside && trim(line) == "// example-begin " + name) {
      inside = found = true;
    } else if (inside && trim(line) == "// example-end") {
      break;
    } else if (inside) {
      region.push_back(line);
    }
  }
  EXPECT_TRUE(found) << "no example '" << name << "' in " << file;
  std::size_t indent = std::string::npos;
  for (const std::string& line : region) {
    if (!trim(line).empty()) indent = std::min(indent, line.find_first_not_of(' '));
  }
  for (std::string& line : region) line = line.size() > indent ? line.substr(indent) : trim(line);
  return region;
}

int check_page(const std::string& page) {
  const std::vector<std::string> lines = read_lines(kSourceRoot + "/" + page);
  int checked = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i] != "```cpp") continue;
    std::size_t end = i + 1;
    while (end < lines.size() && lines[end] != "```") ++end;
    if (end + 1 >= lines.size()) break;
    const std::string& source = lines[end + 1];
    const std::string prefix = "(from `", middle = "`, example `";
    const auto m = source.find(middle);
    if (source.rfind(prefix, 0) != 0 || m == std::string::npos) continue;
    const std::string file = source.substr(prefix.size(), m - prefix.size());
    const std::string name =
        source.substr(m + middle.size(), source.size() - m - middle.size() - 2);
    const std::vector<std::string> block(lines.begin() + static_cast<std::ptrdiff_t>(i + 1),
                                         lines.begin() + static_cast<std::ptrdiff_t>(end));
    EXPECT_EQ(block, example_region(file, name)) << page << ": example '" << name << "'";
    ++checked;
    i = end;
  }
  return checked;
}

TEST(DocExamples, ReadmeMatchesTheExamples) { EXPECT_EQ(check_page("README.md"), 1); }

// The README's consumer CMakeLists.txt is the head of the one the package test builds.
TEST(DocExamples, ReadmeConsumerCMakeListsMatchesThePackageTest) {
  const std::vector<std::string> readme = read_lines(kSourceRoot + "/README.md");
  const auto begin = std::find(readme.begin(), readme.end(), "```cmake");
  ASSERT_NE(begin, readme.end());
  const auto end = std::find(begin + 1, readme.end(), "```");
  const std::vector<std::string> block(begin + 1, end);
  const std::vector<std::string> consumer =
      read_lines(kSourceRoot + "/tests/package/consumer/CMakeLists.txt");
  ASSERT_GT(consumer.size(), block.size());
  // Line 0 of the consumer is its SPDX header.
  EXPECT_EQ(block, std::vector<std::string>(consumer.begin() + 1,
                                            consumer.begin() + 1 +
                                                static_cast<std::ptrdiff_t>(block.size())));
}

TEST(DocExamples, ShapesPageMatchesTheTests) { EXPECT_EQ(check_page("docs/shapes.md"), 8); }
TEST(DocExamples, ArrayPageMatchesTheTests) { EXPECT_EQ(check_page("docs/array.md"), 12); }
TEST(DocExamples, ComingFromCupyPageMatchesTheTests) {
  EXPECT_EQ(check_page("docs/coming_from_cupy.md"), 13);
}
TEST(DocExamples, RuntimePageMatchesTheTests) { EXPECT_EQ(check_page("docs/runtime.md"), 2); }
TEST(DocExamples, MemoryPageMatchesTheTests) { EXPECT_EQ(check_page("docs/memory.md"), 5); }
TEST(DocExamples, GraphsPageMatchesTheTests) { EXPECT_EQ(check_page("docs/graphs.md"), 3); }
TEST(DocExamples, ElementwisePageMatchesTheTests) { EXPECT_EQ(check_page("docs/elementwise.md"), 10); }
TEST(DocExamples, JitPageMatchesTheTests) { EXPECT_EQ(check_page("docs/jit.md"), 13); }
TEST(DocExamples, PromotionPageMatchesTheTests) { EXPECT_EQ(check_page("docs/promotion.md"), 5); }
TEST(DocExamples, ReductionsPageMatchesTheTests) { EXPECT_EQ(check_page("docs/reductions.md"), 5); }
TEST(DocExamples, SortingPageMatchesTheTests) { EXPECT_EQ(check_page("docs/sorting.md"), 3); }
TEST(DocExamples, IoPageMatchesTheTests) { EXPECT_EQ(check_page("docs/io.md"), 4); }
TEST(DocExamples, SearchingPageMatchesTheTests) { EXPECT_EQ(check_page("docs/searching.md"), 4); }
TEST(DocExamples, SetsPageMatchesTheTests) { EXPECT_EQ(check_page("docs/sets.md"), 4); }
TEST(DocExamples, StatisticsPageMatchesTheTests) { EXPECT_EQ(check_page("docs/statistics.md"), 5); }
TEST(DocExamples, LinalgPageMatchesTheTests) { EXPECT_EQ(check_page("docs/linalg.md"), 18); }
TEST(DocExamples, FftPageMatchesTheTests) { EXPECT_EQ(check_page("docs/fft.md"), 5); }
TEST(DocExamples, ScipyFftPageMatchesTheTests) {
  EXPECT_EQ(check_page("docs/scipy_fft.md"), 1);
}
TEST(DocExamples, RandomPageMatchesTheTests) { EXPECT_EQ(check_page("docs/random.md"), 4); }
TEST(DocExamples, ManipulationPageMatchesTheTests) {
  EXPECT_EQ(check_page("docs/manipulation.md"), 3);
}
TEST(DocExamples, PaddingPageMatchesTheTests) { EXPECT_EQ(check_page("docs/padding.md"), 2); }
TEST(DocExamples, IndexingPageMatchesTheTests) { EXPECT_EQ(check_page("docs/indexing.md"), 4); }
TEST(DocExamples, KernelsPageMatchesTheTests) { EXPECT_EQ(check_page("docs/kernels.md"), 2); }
TEST(DocExamples, InteropPageMatchesTheTests) { EXPECT_EQ(check_page("docs/interop.md"), 4); }
TEST(DocExamples, PrintingPageMatchesTheTests) { EXPECT_EQ(check_page("docs/printing.md"), 4); }
TEST(DocExamples, ScipyNdimagePageMatchesTheTests) {
  EXPECT_EQ(check_page("docs/scipy_ndimage.md"), 10);
}
TEST(DocExamples, ScipySignalPageMatchesTheTests) {
  EXPECT_EQ(check_page("docs/scipy_signal.md"), 12);
}
TEST(DocExamples, ScipySpecialPageMatchesTheTests) {
  EXPECT_EQ(check_page("docs/scipy_special.md"), 2);
}
TEST(DocExamples, ErrorsAndSyncPageMatchesTheTests) {
  EXPECT_EQ(check_page("docs/errors_and_sync.md"), 5);
}
TEST(DocExamples, PerformancePageMatchesTheTests) {
  EXPECT_EQ(check_page("docs/performance.md"), 3);
}

}  // namespace
