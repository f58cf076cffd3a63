// Scalar reference for the full distance matrix (transform) and the initialisation's
// running minimum distance.
#include "kernels.hpp"

namespace tinykm::kernels {

void distances_scalar(const float* points, std::size_t n, std::size_t d, const float* centroids,
                      std::size_t k, float* out) {
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < k; ++j)
      out[i * k + j] = squared_distance_scalar(points + i * d, centroids + j * d, d);
}

void min_distance_scalar(const float* points, std::size_t n, std::size_t d, const float* c,
                         const float* in, float* out) {
  for (std::size_t i = 0; i < n; ++i) {
    const float dist = squared_distance_scalar(points + i * d, c, d);
    out[i] = dist < in[i] ? dist : in[i];
  }
}

#if TINYKM_HAVE_HWY || TINYKM_HAVE_XSIMD  // hosts only: firmware scores one candidate at a time
// squared_distance_scalar's operations, with the candidate read from its transposed column.
void candidate_min_scalar(const float* points, std::size_t n, std::size_t d, const float* cand,
                          std::size_t count, const float* closest, float* out) {
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t c = 0; c < count; ++c) {
      float s = 0.0f;
      for (std::size_t j = 0; j < d; ++j) {
        const float t = points[i * d + j] - cand[j * candidate_lanes + c];
        s += t * t;
      }
      out[i * count + c] = s < closest[i] ? s : closest[i];
    }
}
#endif

}  // namespace tinykm::kernels
