// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Basic indexing written as Python writes it, a[":, None, 0"]: the parser on the host against
// hand-written index items, every error with its position, and on the GPU the views and writes
// against the long form a(cupp::slice(...), cupp::newaxis, ...).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <iostream>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "cupp/array.hpp"
#include "support/gpu.hpp"
#include "support/shaped.hpp"

namespace {

using cupp::ellipsis;
using cupp::newaxis;
using cupp::none;
using cupp::shape_t;
using cupp::slice;
using cupp::detail::index_item;
using cupp::test::GpuTest;
using cupp::test::shaped;

/// Python's repr of one index item, so that lists of items compare and print readably.
std::string describe(const index_item& item) {
  auto bound = [](const std::optional<std::int64_t>& b) {
    return b ? std::to_string(*b) : std::string("None");
  };
  if (const auto* i = std::get_if<std::int64_t>(&item)) return std::to_string(*i);
  if (const auto* s = std::get_if<slice>(&item))
    return "slice(" + bound(s->start) + ", " + bound(s->stop) + ", " + std::to_string(s->step) +
           ")";
  if (std::holds_alternative<cupp::newaxis_t>(item)) return "None";
  return "Ellipsis";
}
std::string describe(const std::vector<index_item>& items) {
  std::string out = "(";
  for (const auto& it : items) out += describe(it) + ", ";
  return out + ")";
}

struct parse_case {
  const char* text;
  std::vector<index_item> items;
};

TEST(SliceStringHost, ParsesNumPyBasicIndexing) {
  constexpr std::int64_t lowest = INT64_MIN;
  const std::vector<parse_case> cases = {
      {":", {slice()}},
      {":, None, 0", {slice(), newaxis, 0}},
      {"::-1", {slice(none, none, -1)}},
      {":, 0:1", {slice(), slice(0, 1)}},
      {"..., 1:", {ellipsis, slice(1, none)}},
      {"1:5:2", {slice(1, 5, 2)}},
      {" 1 : 5 : 2 ", {slice(1, 5, 2)}},
      {"\t1,\n-2 ", {1, -2}},
      {"-1", {-1}},
      {"+3", {3}},
      {"- 2", {-2}},
      {"007", {7}},
      {"1,", {1}},
      {"1:2:", {slice(1, 2)}},
      {"::", {slice()}},
      {":3", {slice(none, 3)}},
      {"::2", {slice(none, none, 2)}},
      {"-3::-1", {slice(-3, none, -1)}},
      {"None", {newaxis}},
      {"newaxis", {newaxis}},
      {"...", {ellipsis}},
      {"Ellipsis", {ellipsis}},
      {"None:3", {slice(none, 3)}},
      {"None:None:None", {slice()}},
      {"1:None:-1", {slice(1, none, -1)}},
      {"0, ..., None, -2:", {0, ellipsis, newaxis, slice(-2, none)}},
      {"...,None", {ellipsis, newaxis}},
      {"9223372036854775807", {INT64_MAX}},
      {"-9223372036854775808", {lowest}},
      // Valid syntax that the array then rejects, as NumPy: a zero step, two ellipses.
      {"::0", {slice(none, none, 0)}},
      {"..., ...", {ellipsis, ellipsis}},
  };
  for (const parse_case& c : cases) {
    EXPECT_EQ(describe(cupp::detail::parse_index(c.text)), describe(c.items)) << c.text;
  }
}

TEST(SliceStringHost, EveryErrorNamesTheStringAndPosition) {
  struct bad {
    const char* text;
    std::size_t position;
  };
  const std::vector<bad> cases = {
      {"", 0},                      // nothing: Python's a[] is a syntax error
      {"  ", 2},                    // whitespace only
      {",", 0},                     // an empty item
      {"1,,2", 2},                  // an empty item between commas
      {"1,2,,", 4},                 // two trailing commas
      {"1 2", 2},                   // a missing comma
      {"1:x", 2},                   // an unknown bound
      {"a", 0},                     // an unknown word
      {"Nonesuch", 0},              // a keyword must stand alone
      {"none", 0},                  // Python's spelling only
      {"1.5", 1},                   // not an integer
      {"12abc", 2},                 // digits run into a word
      {"1:2:3:4", 5},               // a fourth slice part
      {"-", 1},                     // a sign without digits
      {"--1", 1},                   // a sign twice
      {"[1]", 0},                   // brackets belong outside
      {"....", 3},                  // an ellipsis and a stray dot
      {"None None", 5},             // a missing comma after a word
      {"9223372036854775808", 0},   // beyond int64
      {"-9223372036854775809", 0},  // below int64
      {"1:2 3", 4},                 // a missing comma after a slice
  };
  for (const bad& c : cases) {
    try {
      (void)cupp::detail::parse_index(c.text);
      ADD_FAILURE() << "no error for \"" << c.text << "\"";
    } catch (const cupp::index_error& e) {
      const std::string msg = e.what();
      EXPECT_NE(msg.find(std::string("\"") + c.text + "\""), std::string::npos) << msg;
      EXPECT_NE(msg.find("at position " + std::to_string(c.position) + ":"), std::string::npos)
          << c.text << ": " << msg;
    }
  }
  try {
    (void)cupp::detail::parse_index("99999999999999999999");
  } catch (const cupp::index_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot fit 'int' into an index-sized integer"),
              std::string::npos);
  }
}

TEST(SliceStringHost, ViewsHaveTheLongFormsShapeAndStrides) {
  const auto a = shaped<float>({2, 3, 4});
  auto same = [](const cupp::ndarray<float>& s, const cupp::ndarray<float>& l) {
    EXPECT_EQ(s.shape(), l.shape());
    EXPECT_EQ(s.strides(), l.strides());
  };
  same(a[":, None, 0"], a(cupp::_, newaxis, 0));
  same(a["::-1"], a(slice(none, none, -1)));
  same(a[":, 0:1"], a(cupp::_, slice(0, 1)));
  same(a["..., 1:"], a(ellipsis, slice(1, none)));
  same(a[std::string("1, ::2, -1")], a(1, slice(none, none, 2), -1));
  EXPECT_EQ(a["..., None"].shape(), (shape_t{2, 3, 4, 1}));
  // The array's own checks, with NumPy's errors.
  EXPECT_THROW(a["0, 0, 0, 0"], cupp::index_error);
  EXPECT_THROW(a["..., ..."], cupp::index_error);
  EXPECT_THROW(a["::0"], cupp::value_error);
  EXPECT_THROW(a["2"], cupp::index_error);
  EXPECT_THROW(a[":, :, 4"], cupp::index_error);
  EXPECT_THROW(a["0 0"], cupp::index_error);
}

// Not a timed test: it prints what parsing a string costs beside applying the index it gives,
// the measurement behind Note [Index strings are parsed each time].
TEST(SliceStringHost, ParsingCostsLittleBesideTheView) {
  const auto a = shaped<float>({64, 64, 4});
  const std::vector<index_item> items = {slice(), newaxis, 0};
  constexpr int n = 20000;
  using clock = std::chrono::steady_clock;
  std::size_t sink = 0;
  for (int i = 0; i < n / 10; ++i)  // warm up: the first calls fault pages in
    sink += cupp::detail::parse_index(":, None, 0").size() +
            cupp::detail::index_view(a.desc(), items).shape.size();
  sink = 0;
  auto t0 = clock::now();
  for (int i = 0; i < n; ++i) sink += cupp::detail::parse_index(":, None, 0").size();
  auto t1 = clock::now();
  for (int i = 0; i < n; ++i) sink += cupp::detail::index_view(a.desc(), items).shape.size();
  auto t2 = clock::now();
  const double parse_ns = std::chrono::duration<double, std::nano>(t1 - t0).count() / n;
  const double view_ns = std::chrono::duration<double, std::nano>(t2 - t1).count() / n;
  std::cout << "parse \":, None, 0\": " << parse_ns << " ns; index_view: " << view_ns << " ns\n";
  RecordProperty("parse_ns", std::to_string(parse_ns));
  RecordProperty("index_view_ns", std::to_string(view_ns));
  EXPECT_EQ(sink, static_cast<std::size_t>(n) * 3 * 2);
}

// ---- on the GPU: views and writes equal the long form's ----------------------------------------

class SliceStrings : public GpuTest {};

template <class T>
void expect_same_view(const cupp::ndarray<T>& s, const cupp::ndarray<T>& l) {
  EXPECT_EQ(s.shape(), l.shape());
  EXPECT_EQ(s.strides(), l.strides());
  EXPECT_EQ(s.offset(), l.offset());
  EXPECT_EQ(s.data(), l.data());
  ASSERT_TRUE(s.base().has_value());
  EXPECT_EQ(s.get(), l.get());
}

TEST_F(SliceStrings, ViewsEqualTheLongForm) {
  std::vector<float> values(24);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<float>(i) - 7.5f;
  const auto a = cupp::asarray<float>(values, {2, 3, 4});
  expect_same_view(a[":, None, 0"], a(slice(), newaxis, 0));
  expect_same_view(a["::-1"], a(slice(std::nullopt, std::nullopt, -1)));
  expect_same_view(a[":, 0:1"], a(slice(), slice(0, 1)));
  expect_same_view(a["..., 1:"], a(ellipsis, slice(1, std::nullopt)));
  expect_same_view(a["-1, ::-2, 1:3"], a(-1, slice(std::nullopt, std::nullopt, -2), slice(1, 3)));
  expect_same_view(a["1"], a(1));
  expect_same_view(a["1, 2, 3"], a(1, 2, 3));
  EXPECT_EQ(a["1, 2, 3"].item(), values[23]);
  EXPECT_EQ(a["0, -1, ::3"].get(), (std::vector<float>{values[8], values[11]}));
  // A view of a view.
  const auto t = a.T();
  expect_same_view(t["1:, None"], t(slice(1, std::nullopt), newaxis));
  // The short helpers are the long form.
  expect_same_view(a(cupp::_, newaxis, 0), a(slice(), newaxis, 0));
  expect_same_view(a(slice(cupp::none, cupp::none, -1)), a["::-1"]);
  // Index arrays still select by advanced indexing through operator[].
  const auto idx = cupp::asarray<std::int64_t>({1, 0});
  EXPECT_EQ(a[idx].eval().shape(), (shape_t{2, 3, 4}));
}

TEST_F(SliceStrings, AssignmentWritesTheView) {
  // example-begin slice_strings
  auto a = cupp::zeros<float>({4, 3});
  a["1:3"] = 5.0f;                                        // a[1:3] = 5
  a[":, 0"] = cupp::asarray<float>({1, 2, 3, 4});         // a[:, 0] = [1, 2, 3, 4]
  a["::-1, 2"] += 1.0f;                                   // a view like any other
  auto col = a[":, None, 0"];                             // a[:, None, 0]: shape (4, 1)
  auto last = a["..., 1:"];                               // a[..., 1:]: shape (4, 2)
  auto rev = a(cupp::slice(cupp::none, cupp::none, -1));  // a[::-1], the long form
  auto all = a(cupp::_, 0);                               // a[:, 0]
  // example-end
  EXPECT_EQ(a.get(), (std::vector<float>{1, 0, 1, 2, 5, 6, 3, 5, 6, 4, 0, 1}));
  EXPECT_EQ(col.shape(), (shape_t{4, 1}));
  EXPECT_EQ(col.get(), (std::vector<float>{1, 2, 3, 4}));
  EXPECT_EQ(last.shape(), (shape_t{4, 2}));
  EXPECT_EQ(rev.get(), (std::vector<float>{4, 0, 1, 3, 5, 6, 2, 5, 6, 1, 0, 1}));
  EXPECT_EQ(all.get(), (std::vector<float>{1, 2, 3, 4}));

  // The same writes through the long form give the same array; nothing outside the view moves.
  auto b = cupp::full<double>({4, 3}, -1.0);
  b["1:3, ::2"] = 7.0;
  auto c = cupp::full<double>({4, 3}, -1.0);
  c(slice(1, 3), slice(std::nullopt, std::nullopt, 2)) = 7.0;
  EXPECT_EQ(b.get(), c.get());
  EXPECT_EQ(b.get(), (std::vector<double>{-1, -1, -1, 7, -1, 7, 7, -1, 7, -1, -1, -1}));
  const std::string where = "-1";
  b[where] = cupp::asarray<double>({0.5, 1.5, 2.5});
  EXPECT_EQ(b(3).get(), (std::vector<double>{0.5, 1.5, 2.5}));
}

}  // namespace
