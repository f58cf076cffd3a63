// Scalar reference for the per-cluster weighted sums of the Lloyd update.
#include "kernels/kernels.hpp"

namespace tinykm::kernels {

void accumulate_scalar(const float* points, const float* weights, std::size_t n, std::size_t d,
                       const std::int32_t* labels, double* sums, double* weight_sums) {
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
