#include "stream_layout.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "validate.hpp"

namespace tinykm::detail {

stream_arrays stream_arrays_of(void* memory, std::size_t k, std::size_t d,
                               std::size_t reservoir) noexcept {
  return stream_arrays_at(memory, stream_offsets_of(k, d, reservoir), k);
}

status check_stream_memory(const stream_state& state, std::size_t k, std::size_t d,
                           std::size_t reservoir) noexcept {
  if (state.memory == nullptr || reinterpret_cast<std::uintptr_t>(state.memory) % 8 != 0)
    return status::invalid_argument;
  // == stream_memory_size(k, d, reservoir), from the code every init runs anyway
  if (state.bytes < stream_offsets_of(k, d, reservoir).memory_bytes)
    return status::workspace_too_small;
  return status::ok;
}

stream_header make_stream_header(const stream_params& p, std::size_t d) noexcept {
  stream_header h{};
  h.magic = stream_magic;
  h.ready = 0;
  h.k = p.k;
  h.d = d;
  h.reservoir = reservoir_of(p);
  h.fill = 0;
  h.params = p;
  h.params.reservoir = reservoir_of(p);
  h.weight_decay = weight_decay_of(p);
  h.drift_rate = drift_rate_of(p);
  h.value_limit = magnitude_limit(d);
  h.at = stream_offsets_of(h.k, d, h.reservoir);
  return h;
}

status check_stream_params(const stream_params& p, std::size_t d) noexcept {
  if (p.k == 0 || d == 0) return status::invalid_argument;
  if (p.k > max_k || d > max_d) return status::capacity_exceeded;
  const std::size_t r = stream_reservoir(p.k, p.reservoir);
  if (r < p.k) return status::too_few_points;
  if (r > (static_cast<std::size_t>(1) << 28) / d) return status::capacity_exceeded;  // <= 1 GiB
  const bool rule_ok = p.rule == update_rule::running_mean || p.rule == update_rule::decay ||
                       p.rule == update_rule::fixed_rate;
  const bool unit_ok = p.unit == decay_unit::points || p.unit == decay_unit::batches;
  if (!rule_ok || !unit_ok) return status::invalid_argument;
  // Written as !(in range) so NaN fails too.
  if (!(p.half_life > 0.0f) || !(p.drift_half_life > 0.0f)) return status::invalid_argument;
  if (!(p.learning_rate > 0.0f && p.learning_rate <= 1.0f)) return status::invalid_argument;
  if (!(p.dead_fraction >= 0.0f && p.dead_fraction < 1.0f)) return status::invalid_argument;
  if (!(p.anomaly_z >= 0.0f) || !all_finite(&p.anomaly_z, 1)) return status::invalid_argument;
  if (!all_finite(&p.anomaly_threshold, 1) || !all_finite(&p.half_life, 1) ||
      !all_finite(&p.drift_half_life, 1))
    return status::invalid_argument;
  if (p.warmup_n_init == 0 || p.warmup_max_iter == 0) return status::invalid_argument;
  if (p.warmup_n_init > max_warmup_iterations / p.warmup_max_iter)
    return status::capacity_exceeded;
  return status::ok;
}

std::size_t reservoir_of(const stream_params& p) noexcept {
  return stream_reservoir(p.k, p.reservoir);
}

namespace {

// 0.5^x for x >= 0, in float and without libm's powf (2.4 KB of flash on a Cortex-M4):
// 2^-x = 2^n 2^f with n = round(-x) and |f| <= 1/2; 2^f = e^(f ln 2) by its Taylor series to
// degree 7 (truncation below 6e-9; within 1.2 ulp of 0.5^x in all), 2^n from exponent bits.
float half_power(float x) noexcept {
  if (!(x < 126.0f)) return 0.0f;  // under float's smallest normal (and NaN)
  const int n = static_cast<int>(-x - 0.5f);  // truncates towards zero: round(-x) for -x <= 0
  const float e = (-x - static_cast<float>(n)) * 0.693147182f;
  static constexpr float taylor[] = {1.0f / 720.0f, 1.0f / 120.0f, 1.0f / 24.0f, 1.0f / 6.0f,
                                     0.5f,           1.0f,           1.0f};  // after 1 / 7!
  float p = 1.0f / 5040.0f;
  for (const float c : taylor) p = c + e * p;
  const std::uint32_t bits = static_cast<std::uint32_t>(n + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return p * scale;
}

}  // namespace

float weight_decay_of(const stream_params& p) noexcept {
  switch (p.rule) {
    case update_rule::decay:
      return half_power(1.0f / p.half_life);
    case update_rule::fixed_rate:
      return 1.0f - p.learning_rate;
    case update_rule::running_mean:
      break;
  }
  return 1.0f;
}

// 1 - 0.5^x. For small x, 1 - half_power(x) cancels: at x = 1e-6 it gives 0, which froze the
// drift average of a half-life of 10^6 samples. There 1 - e^-t (t = x ln 2) is summed by its
// series to degree 7 instead (truncation below 2e-9 relative for t < 1/4).
float drift_rate_of(const stream_params& p) noexcept {
  const float x = 1.0f / p.drift_half_life;
  const float t = x * 0.693147182f;
  if (!(t < 0.25f)) return 1.0f - half_power(x);
  float s = 1.0f;  // 1 - e^-t = t (1 - t/2 (1 - t/3 (1 - ... (1 - t/7))))
  for (int n = 7; n >= 2; --n) s = 1.0f - t / static_cast<float>(n) * s;
  return t * s;
}

void refresh_radius(const stream_header& h, const stream_arrays& a, std::size_t c) noexcept {
  a.radius[c] = radius_of(h, a.dist_mean[c], a.dist_square[c]);
}

void rebuild_lanes(const stream_header& h, const stream_arrays& a) noexcept {
  const std::size_t k = h.k;
  const std::size_t d = h.d;
  const std::size_t kp = a.kp;
  const float far = std::numeric_limits<float>::infinity();
  for (std::size_t j = 0; j < d; ++j) {
    for (std::size_t c = 0; c < k; ++c) a.lanes[j * kp + c] = a.centroids[c * d + j];
    for (std::size_t c = k; c < kp; ++c) a.lanes[j * kp + c] = far;
  }
  for (std::size_t c = k; c < kp; ++c) {
    a.weights[c] = 0.0f;
    a.dist_mean[c] = 0.0f;
    a.dist_square[c] = 0.0f;
    a.radius[c] = 0.0f;
  }
}

}  // namespace tinykm::detail
