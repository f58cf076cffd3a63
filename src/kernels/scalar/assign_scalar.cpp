// Scalar reference for the fused nearest-centre search.
#include "kernels.hpp"

namespace tinykm::kernels {

// The reference always uses the exact (x - c)^2 form; it ignores `prepared`.
void assign_scalar(const float* points, std::size_t n, std::size_t d, const float* centroids,
                   const float*, std::size_t k, std::int32_t* labels, float* min_dist) {
  for (std::size_t i = 0; i < n; ++i) {
    const float* x = points + i * d;
    float best = squared_distance_scalar(x, centroids, d);
    std::size_t best_j = 0;
    for (std::size_t j = 1; j < k; ++j) {
      const float dist = squared_distance_scalar(x, centroids + j * d, d);
      if (dist < best) {  // strict: a tie keeps the lower index
        best = dist;
        best_j = j;
      }
    }
    labels[i] = static_cast<std::int32_t>(best_j);
    min_dist[i] = best;
  }
}

}  // namespace tinykm::kernels
