// Scalar reference for the per-cluster weighted sums of the Lloyd update.
#include "kernels/kernels.hpp"

namespace tinykm::kernels {

namespace {

void add_point(const float* x, double w, std::size_t d, double* sum, double* weight_sum) {
  for (std::size_t j = 0; j < d; ++j) sum[j] += w * static_cast<double>(x[j]);
  *weight_sum += w;
}

}  // namespace

void accumulate_scalar(const float* points, const float* weights, std::size_t n, std::size_t d,
                       const std::int32_t* labels, double* sums, double* weight_sums) {
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t c = static_cast<std::size_t>(labels[i]);
    add_point(points + i * d, weights ? static_cast<double>(weights[i]) : 1.0, d, sums + c * d,
              weight_sums + c);
  }
}

void accumulate_range_scalar(const float* points, const float* weights, std::size_t n,
                             std::size_t d, const std::int32_t* labels, std::size_t c_begin,
                             std::size_t c_end, double* sums, double* weight_sums) {
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t c = static_cast<std::size_t>(labels[i]);
    if (c < c_begin || c >= c_end) continue;
    add_point(points + i * d, weights ? static_cast<double>(weights[i]) : 1.0, d, sums + c * d,
              weight_sums + c);
  }
}

}  // namespace tinykm::kernels
