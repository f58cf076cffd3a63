// Scalar reference for the per-cluster sums of the Lloyd update: the definition of both rules
// in kernels.hpp (accumulate_fn).
#include "kernels.hpp"

namespace tinykm::kernels {

namespace {

// The lane rule on one sub-block: n <= accumulate_block points, labels < k.
void accumulate_sub_block(const float* points, std::size_t n, std::size_t d,
                          const std::int32_t* labels, std::size_t k, double* sums,
                          double* weight_sums) {
  constexpr std::size_t L = accumulate_lanes;
  float lanes[accumulate_lanes_max_k * accumulate_lanes_max_d * L];  // 4 KiB
  std::uint32_t counts[accumulate_lanes_max_k];
  for (std::size_t r = 0; r < k * d * L; ++r) lanes[r] = 0.0f;
  for (std::size_t c = 0; c < k; ++c) counts[c] = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t c = static_cast<std::size_t>(labels[i]);
    for (std::size_t j = 0; j < d; ++j) lanes[(c * d + j) * L + i % L] += points[i * d + j];
    ++counts[c];
  }
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t j = 0; j < d; ++j)
      sums[c * d + j] += accumulate_lane_tree(lanes + (c * d + j) * L);
    weight_sums[c] += static_cast<double>(counts[c]);
  }
}

}  // namespace

void accumulate_scalar(const float* points, const float* weights, std::size_t n, std::size_t d,
                       const std::int32_t* labels, double* sums, double* weight_sums) {
  std::int32_t max_label = -1;
  for (std::size_t i = 0; i < n; ++i) max_label = labels[i] > max_label ? labels[i] : max_label;
  if (accumulate_in_lanes(weights != nullptr, d, max_label)) {
    const std::size_t k = static_cast<std::size_t>(max_label) + 1;
    for (std::size_t start = 0; start < n; start += accumulate_block) {
      const std::size_t m = n - start < accumulate_block ? n - start : accumulate_block;
      accumulate_sub_block(points + start * d, m, d, labels + start, k, sums, weight_sums);
    }
    return;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t c = static_cast<std::size_t>(labels[i]);
    const double w = weights ? static_cast<double>(weights[i]) : 1.0;
    const float* x = points + i * d;
    double* s = sums + c * d;
    for (std::size_t j = 0; j < d; ++j) s[j] += w * static_cast<double>(x[j]);
    weight_sums[c] += w;
  }
}

}  // namespace tinykm::kernels
