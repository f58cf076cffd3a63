// Initial centres for one restart of a fit.
#pragma once

#include <cstdint>

#include "kernels.hpp"
#include "lloyd.hpp"
#include "tinykm/params.hpp"
#include "workspace.hpp"

namespace tinykm::detail {

// Writes params.k starting centres into s.centroids, drawn with the generator seeded by `seed`.
void init_centroids(const kernels::kernel_table& kt, const dataset& data,
                    const fit_params& params, std::uint64_t seed, fit_scratch& s) noexcept;

// The first point whose running sum of w_i * mass_i exceeds target: a draw with probability
// proportional to w_i * mass_i (mass null = 1). Rounding can leave target unreached; then the
// last point with positive mass is taken, and index 0 when every mass is zero.
inline std::size_t draw_proportional(const dataset& data, const float* mass,
                                     double target) noexcept {
  double running = 0.0;
  std::size_t last_positive = 0;
  for (std::size_t i = 0; i < data.n; ++i) {
    const double m = weight_of(data, i) * (mass ? static_cast<double>(mass[i]) : 1.0);
    if (m <= 0.0) continue;
    running += m;
    last_positive = i;
    if (running > target) return i;
  }
  return last_positive;
}

// The first centre of k-means++ and k-means||: a point drawn with probability proportional to
// its weight. Unweighted, every running sum above is i + 1, exact in double (n < 2^53), so the
// point is floor(target): the same draw without n serial double adds (two of them per draw).
// Firmware keeps the loops (its soft-float compares and conversions would cost flash).
inline std::size_t draw_first_point(const dataset& data, double uniform) noexcept {
  if (!kernels::compact_code && data.weights == nullptr) {
    const double target = uniform * static_cast<double>(data.n);
    if (!(target >= 1.0)) return 0;
    const std::size_t last = data.n - 1;
    return target >= static_cast<double>(last) ? last : static_cast<std::size_t>(target);
  }
  double total_weight = 0.0;
  for (std::size_t i = 0; i < data.n; ++i) total_weight += weight_of(data, i);
  return draw_proportional(data, nullptr, uniform * total_weight);
}

}  // namespace tinykm::detail
