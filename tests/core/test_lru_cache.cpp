// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// detail::lru_cache (the cache the FFT plans will live in): order of use, both limits, entries
// too large to keep, replacement, clear, and shared ownership with callers.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "cupp/detail/lru_cache.hpp"

namespace {

using cache = cupp::detail::lru_cache<int, std::string>;

std::shared_ptr<std::string> value(const char* s) { return std::make_shared<std::string>(s); }

TEST(LruCache, FindsWhatItKeepsAndCountsHitsAndMisses) {
  cache c(4);
  c.insert(1, value("one"), 10);
  c.insert(2, value("two"), 20);
  ASSERT_NE(c.find(1), nullptr);
  EXPECT_EQ(*c.find(2), "two");
  EXPECT_EQ(c.find(3), nullptr);
  EXPECT_EQ(c.size(), 2u);
  EXPECT_EQ(c.bytes(), 30u);
  EXPECT_EQ(c.hits(), 2u);
  EXPECT_EQ(c.misses(), 1u);
}

TEST(LruCache, DropsTheLeastRecentlyUsedBeyondMaxEntries) {
  cache c(3);
  c.insert(1, value("a"), 1);
  c.insert(2, value("b"), 1);
  c.insert(3, value("c"), 1);
  (void)c.find(1);             // order of use now 1, 3, 2
  c.insert(4, value("d"), 1);  // drops 2
  EXPECT_EQ(c.find(2), nullptr);
  EXPECT_NE(c.find(1), nullptr);
  EXPECT_NE(c.find(3), nullptr);
  EXPECT_NE(c.find(4), nullptr);
  EXPECT_EQ(c.size(), 3u);
}

TEST(LruCache, KeepsWithinMaxBytes) {
  cache c(16, 100);
  c.insert(1, value("a"), 40);
  c.insert(2, value("b"), 40);
  c.insert(3, value("c"), 40);  // 120 > 100: drops 1
  EXPECT_EQ(c.find(1), nullptr);
  EXPECT_EQ(c.bytes(), 80u);
  c.insert(4, value("too big"), 101);  // larger than the limit alone: not kept, nothing dropped
  EXPECT_EQ(c.find(4), nullptr);
  EXPECT_EQ(c.size(), 2u);
  c.set_max_bytes(50);  // lowering a limit trims at once
  EXPECT_EQ(c.size(), 1u);
  EXPECT_NE(c.find(3), nullptr);
  c.set_max_bytes(0);  // no byte limit
  c.insert(5, value("e"), 1000);
  EXPECT_EQ(c.size(), 2u);
}

TEST(LruCache, ReplacingAKeyUpdatesItsBytes) {
  cache c(4);
  c.insert(1, value("old"), 30);
  c.insert(1, value("new"), 5);
  EXPECT_EQ(c.size(), 1u);
  EXPECT_EQ(c.bytes(), 5u);
  EXPECT_EQ(*c.find(1), "new");
}

TEST(LruCache, ZeroEntriesDisablesAndClearEmpties) {
  cache off(0);
  off.insert(1, value("a"), 1);
  EXPECT_EQ(off.size(), 0u);
  cache c(4);
  c.insert(1, value("a"), 1);
  c.insert(2, value("b"), 2);
  c.set_max_entries(1);
  EXPECT_EQ(c.size(), 1u);
  EXPECT_NE(c.find(2), nullptr);  // the most recent stays
  c.clear();
  EXPECT_EQ(c.size(), 0u);
  EXPECT_EQ(c.bytes(), 0u);
}

TEST(LruCache, CallersKeepDroppedEntriesAlive) {
  cache c(1);
  c.insert(1, value("kept by the caller"), 1);
  const std::shared_ptr<std::string> held = c.find(1);
  c.insert(2, value("b"), 1);  // drops 1 from the cache
  EXPECT_EQ(c.find(1), nullptr);
  EXPECT_EQ(*held, "kept by the caller");
}

TEST(LruCache, ThreadsShareOneCache) {
  cache c(8);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&c, t] {
      for (int i = 0; i < 1000; ++i) {
        const int k = (i + t) % 12;
        if (!c.find(k)) c.insert(k, value("v"), 1);
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_LE(c.size(), 8u);
  EXPECT_EQ(c.bytes(), c.size());
  EXPECT_EQ(c.hits() + c.misses(), 4000u);
}

}  // namespace
