// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Group-by analytics over a stream of purchase records, batch by batch, as a CuPy program does it:
// each batch of 2^22 records (a customer id and an amount) is summarised on the device (active
// customers and their purchase counts by unique_counts, revenue per customer by a weighted
// bincount, the median purchase) and folded into running totals; the top customers come from
// argsort. It checks itself against the same totals computed on the host from the copied
// records, and prints the time per batch.
#include <cupp/array.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <vector>

int main() {
  const std::int64_t customers = 10000, batch = std::int64_t{1} << 22;
  const int batches = 4;
  auto gen = cupp::random::default_rng(7);
  cupp::ndarray<double> revenue = cupp::zeros<double>({customers});
  cupp::ndarray<std::int64_t> purchases = cupp::zeros<std::int64_t>({customers});
  std::vector<double> host_revenue(static_cast<std::size_t>(customers), 0.0);
  std::vector<std::int64_t> host_purchases(static_cast<std::size_t>(customers), 0);
  bool ok = true;

  for (int b = 0; b < batches; ++b) {
    // A batch of records arrives: ids uniform over the customers, amounts log-normal.
    const cupp::ndarray<std::int32_t> id = gen.integers<std::int32_t>(0, customers, {batch});
    const cupp::ndarray<double> amount = gen.lognormal<double>(3.0, 1.0, {batch});

    cupp::cuda::Event start, stop;
    start.record();
    // cupy: values, counts = cp.unique(id, return_counts=True)
    const auto groups = cupp::unique_counts(id);
    // cupy: revenue += cp.bincount(id, weights=amount, minlength=customers)
    revenue += cupp::bincount(id, amount, customers);
    // cupy: purchases[values] += counts (each id once in values)
    purchases[groups.values] += groups.counts;
    const double median = cupp::median(amount).item();
    stop.record();
    stop.synchronize();

    // The same on the host, from the records themselves.
    const std::vector<std::int32_t> h_id = id.get();
    const std::vector<double> h_amount = amount.get();
    std::vector<double> sorted = h_amount;
    std::nth_element(sorted.begin(), sorted.begin() + batch / 2, sorted.end());
    const double upper = sorted[static_cast<std::size_t>(batch / 2)];
    const double lower =
        *std::max_element(sorted.begin(), sorted.begin() + batch / 2);  // even count: the mean
    for (std::int64_t i = 0; i < batch; ++i) {
      host_revenue[static_cast<std::size_t>(h_id[static_cast<std::size_t>(i)])] +=
          h_amount[static_cast<std::size_t>(i)];
      ++host_purchases[static_cast<std::size_t>(h_id[static_cast<std::size_t>(i)])];
    }
    ok = ok && std::abs(median - (lower + upper) / 2) <= 1e-12 * upper;
    std::printf("batch %d: %lld records, %lld active customers, median purchase %.3f, %.3f ms\n", b,
                static_cast<long long>(batch), static_cast<long long>(groups.values.size()), median,
                cupp::cuda::elapsed_ms(start, stop));
  }

  // cupy: top = cp.argsort(revenue)[-3:][::-1]
  const std::vector<std::int64_t> order = cupp::argsort(revenue).get();
  const std::vector<double> total = revenue.get();
  const std::vector<std::int64_t> count = purchases.get();
  for (int k = 1; k <= 3; ++k) {
    const std::int64_t c = order[order.size() - static_cast<std::size_t>(k)];
    std::printf("top %d: customer %lld, revenue %.2f from %lld purchases\n", k,
                static_cast<long long>(c), total[static_cast<std::size_t>(c)],
                static_cast<long long>(count[static_cast<std::size_t>(c)]));
  }
  for (std::int64_t c = 0; c < customers; ++c) {
    const std::size_t i = static_cast<std::size_t>(c);
    ok = ok && count[i] == host_purchases[i] &&
         std::abs(total[i] - host_revenue[i]) <= 1e-9 * std::max(1.0, host_revenue[i]);
  }
  const auto best = std::max_element(host_revenue.begin(), host_revenue.end());
  ok = ok && order.back() == best - host_revenue.begin();
  std::printf("%s\n", ok ? "ok: every total matches the host's" : "MISMATCH against the host");
  return ok ? 0 : 1;
}
