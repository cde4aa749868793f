const T sqrt_t = sqrt(t);
const T d1 = (log(s / x) + (r + v * v / 2) * t) / (v * sqrt_t);
const T d2 = d1 - v * sqrt_t;
const T cnd_d1 = cumulative_normal(d1);
const T cnd_d2 = cumulative_normal(d2);
const T exp_rt = exp(-r * t);
call = s * cnd_d1 - x * exp_rt * cnd_d2;
put = x * exp_rt * (1 - cnd_d2) - s * (1 - cnd_d1);
