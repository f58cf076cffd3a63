// Scalar reference for the full distance matrix (transform) and the initialisation's
// running minimum distance.
#include "kernels.hpp"
#include "lane_tree.hpp"

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
// min_distance_scalar itself, per candidate copied into a row, called through the table (a call
// the compiler cannot inline and compile again): on Arm GCC vectorises min_distance_scalar's
// feature loop as an in-order sum of products but contracts a loop it does not vectorise into
// FMAs, so a loop of its own over the same features could round differently.
void candidate_min_scalar(const float* points, std::size_t n, std::size_t d, const float* cand,
                          std::size_t count, const float* closest, float* out) {
  float row[candidate_max_d];
  float dist[candidate_lanes];
  for (std::size_t c = 0; c < count; ++c) {
    for (std::size_t j = 0; j < d; ++j) row[j] = cand[j * candidate_lanes + c];
    for (std::size_t i0 = 0; i0 < n; i0 += candidate_lanes) {
      const std::size_t m = n - i0 < candidate_lanes ? n - i0 : candidate_lanes;
      scalar_table.min_distance(points + i0 * d, m, d, row, closest + i0, dist);
      for (std::size_t i = 0; i < m; ++i) out[(i0 + i) * count + c] = dist[i];
    }
  }
}

// The definition of trial_potentials: min_distance_scalar through the table (as above), block by
// block, then each block's terms in eight double lanes and their fixed tree.
void trial_potentials_scalar(const float* points, std::size_t n, std::size_t d,
                             const float* winner, const float* cand, std::size_t count,
                             const float* closest, float* moved, double* pot) {
  float terms[potential_block_max];
  const std::size_t block = potential_block(d);
  for (std::size_t i0 = 0; i0 < n; i0 += block) {
    const std::size_t m = n - i0 < block ? n - i0 : block;
    const float* x = points + i0 * d;
    if (winner != nullptr) scalar_table.min_distance(x, m, d, winner, closest + i0, moved + i0);
    const float* near = winner != nullptr ? moved + i0 : closest + i0;
    for (std::size_t t = 0; t < count; ++t) {
      scalar_table.min_distance(x, m, d, cand + t * d, near, terms);
      double lane[tree_lanes] = {};
      for (std::size_t j = 0; j < m; ++j) lane[j % tree_lanes] += static_cast<double>(terms[j]);
      pot[t] += lane_tree(lane);
    }
  }
}
#endif

}  // namespace tinykm::kernels
