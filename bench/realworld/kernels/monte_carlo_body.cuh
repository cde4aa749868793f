xorshift128plus rng(i, seed);
const T v_by_sqrt_t = v * sqrt(t);
const T mu_by_t = (r - v * v / 2) * t;
T payoff_sum = 0;
for (int sample = 0; sample < n_samples; ++sample)
  payoff_sum += call_payoff(s, x, rng.normal(), mu_by_t, v_by_sqrt_t);
call = exp(-r * t) * payoff_sum / n_samples;
