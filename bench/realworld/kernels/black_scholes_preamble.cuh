// The standard normal distribution function, by the polynomial approximation of Abramowitz and
// Stegun (26.2.17) that CUDA's Black-Scholes sample uses. T is the kernel's type placeholder.
__device__ inline T cumulative_normal(T d) {
  const T a1 = 0.31938153, a2 = -0.356563782, a3 = 1.781477937, a4 = -1.821255978, a5 = 1.330274429;
  const T rsqrt_2pi = 0.39894228040143267793994605993438;
  const T w = 0.2316419;
  const T k = 1 / (1 + w * abs(d));
  const T tail = rsqrt_2pi * exp(-d * d / 2) * (k * (a1 + k * (a2 + k * (a3 + k * (a4 + k * a5)))));
  return d > 0 ? 1 - tail : tail;
}
