// The blocked centre layout of kernels.hpp, shared by every backend.
#include <limits>

#include "kernels.hpp"

namespace tinykm::kernels {

void prepare_centroids(const float* centroids, std::size_t k, std::size_t d, float* prepared) {
  if (prepared == nullptr) return;
  const std::size_t kp = padded_k(k);
  float* norms = prepared + d * kp;
  for (std::size_t c = 0; c < kp; ++c) {
    float norm = std::numeric_limits<float>::infinity();
    if (c < k) {
      norm = 0.0f;
      for (std::size_t j = 0; j < d; ++j) norm += centroids[c * d + j] * centroids[c * d + j];
    }
    for (std::size_t j = 0; j < d; ++j) prepared[j * kp + c] = c < k ? centroids[c * d + j] : 0.0f;
    norms[c] = norm;
  }
}

}  // namespace tinykm::kernels
