// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The 2-D heat equation on a periodic grid, as a CuPy program steps it: the explicit five-point
// update u += alpha * (u shifted by one cell in each of four directions - 4 u), with the shifts
// by cupp::roll and the update one fused kernel. On a periodic grid the update moves heat but
// creates none, so the total heat is conserved; the program checks that it stays within rounding
// of its start, that the hot spot spreads (its peak falls), and prints the time per step.
#include <cupp/array.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>

int main() {
  const std::int64_t side = 1024;
  const int steps = 500;
  const double alpha = 0.2;  // below 1/4: the explicit scheme is stable
  // A hot square in a cold plate.
  cupp::ndarray<double> u = cupp::zeros<double>({side, side});
  u(cupp::slice(448, 576), cupp::slice(448, 576)) = 100.0;
  const double heat0 = cupp::sum(u).item();
  const double peak0 = cupp::max(u).item();

  cupp::cuda::Event start, stop;
  start.record();
  for (int s = 0; s < steps; ++s) {
    // cupy: u += alpha * (cp.roll(u, 1, 0) + cp.roll(u, -1, 0) + cp.roll(u, 1, 1)
    //                     + cp.roll(u, -1, 1) - 4 * u)
    u += alpha * (cupp::roll(u, 1, 0) + cupp::roll(u, -1, 0) + cupp::roll(u, 1, 1) +
                  cupp::roll(u, -1, 1) - 4.0 * u);
  }
  stop.record();
  stop.synchronize();

  const double heat = cupp::sum(u).item();
  const double peak = cupp::max(u).item();
  const double drift = std::abs(heat - heat0) / heat0;
  std::printf("%lld x %lld grid, %d steps: %.3f ms per step\n", static_cast<long long>(side),
              static_cast<long long>(side), steps, cupp::cuda::elapsed_ms(start, stop) / steps);
  std::printf("total heat %.6f -> %.6f (relative change %.2e), peak %.3f -> %.3f\n", heat0, heat,
              drift, peak0, peak);
  const bool ok = drift < 1e-12 && peak < peak0 && cupp::min(u).item() >= 0.0;
  std::printf("%s\n", ok ? "ok: heat conserved, the hot spot spread"
                         : "MISMATCH: heat not conserved or not spreading");
  return ok ? 0 : 1;
}
