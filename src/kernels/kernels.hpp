// The kernel contract: the only functions that touch points in bulk, and (later) the only code
// that knows SIMD. Kernels take raw pointers and sizes, return no status, check nothing and never
// allocate; the algorithms above have validated every argument. Every backend must give the same
// labels as the scalar reference; ties always go to the lowest centre index.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tinykm::kernels {

// Fused distance + argmin: for each point i < n (row i of `points`, d floats), the index of the
// nearest of the k centres (row-major, k x d) and its squared distance. No n x k matrix is
// stored. labels and min_dist each have n entries.
using assign_fn = void (*)(const float* points, std::size_t n, std::size_t d,
                           const float* centroids, std::size_t k, std::int32_t* labels,
                           float* min_dist);

// Per-cluster weighted sums for the update step: sums[labels[i]*d + j] += w_i * points[i*d + j]
// and weight_sums[labels[i]] += w_i, in float64 and in point order, so the result does not depend
// on how the points were split into calls. weights may be null (all 1).
using accumulate_fn = void (*)(const float* points, const float* weights, std::size_t n,
                               std::size_t d, const std::int32_t* labels, double* sums,
                               double* weight_sums);

// Squared distances from each point to every centre: out[i*k + j]. Used by transform only, where
// the caller asked for the full matrix.
using distances_fn = void (*)(const float* points, std::size_t n, std::size_t d,
                              const float* centroids, std::size_t k, float* out);

// Initialisation step: out[i] = min(in[i], squared distance from point i to the one centre c).
// in and out may alias.
using min_distance_fn = void (*)(const float* points, std::size_t n, std::size_t d,
                                 const float* c, const float* in, float* out);

struct kernel_table {
  const char* name;
  assign_fn assign;
  accumulate_fn accumulate;
  distances_fn distances;
  min_distance_fn min_distance;
};

// The table in use. Chosen once; the algorithms fetch it at the start of each call.
const kernel_table& active() noexcept;

// The scalar reference backend (src/kernels/scalar/).
void assign_scalar(const float* points, std::size_t n, std::size_t d, const float* centroids,
                   std::size_t k, std::int32_t* labels, float* min_dist);
void accumulate_scalar(const float* points, const float* weights, std::size_t n, std::size_t d,
                       const std::int32_t* labels, double* sums, double* weight_sums);
void distances_scalar(const float* points, std::size_t n, std::size_t d, const float* centroids,
                      std::size_t k, float* out);
void min_distance_scalar(const float* points, std::size_t n, std::size_t d, const float* c,
                         const float* in, float* out);

// Squared Euclidean distance of two d-vectors, summed in float in index order. The definition
// every backend's distances must agree with on integer-valued data.
inline float squared_distance_scalar(const float* a, const float* b, std::size_t d) {
  float s = 0.0f;
  for (std::size_t j = 0; j < d; ++j) {
    const float t = a[j] - b[j];
    s += t * t;
  }
  return s;
}

}  // namespace tinykm::kernels
