// A xorshift128+ stream per thread (the kernel has no curand under NVRTC) and a normal deviate by
// inverting the distribution function with erfcinv. T is the kernel's type placeholder.
struct xorshift128plus {
  unsigned long long s0, s1;

  __device__ xorshift128plus(long long thread, int seed)
      : s0(static_cast<unsigned long long>(thread) + 1),
        s1(0x5c721fd808f616b6ull + static_cast<unsigned long long>(seed)) {}

  __device__ unsigned long long next() {
    unsigned long long a = s0;
    const unsigned long long b = s1;
    s0 = b;
    a ^= a << 23;
    a ^= a >> 17;
    a ^= b ^ (b >> 26);
    s1 = a;
    return a + b;
  }

  // Uniform on [0, 1].
  __device__ T uniform() { return T(next()) / T(18446744073709551615ull); }

  // Standard normal: x = sqrt(2) * erfinv(2u - 1), written with erfcinv on the nearer tail.
  __device__ T normal() {
    T u = uniform();
    T sign = T(-1.4142135623730950488016887242097);
    if (u > T(0.5)) {
      u = 1 - u;
      sign = -sign;
    }
    return sign * erfcinv(2 * (u + T(0.5)));
  }
};

__device__ inline T call_payoff(T s, T x, T p, T mu_by_t, T v_by_sqrt_t) {
  const T value = s * exp(mu_by_t + v_by_sqrt_t * p) - x;
  return value > 0 ? value : 0;
}
