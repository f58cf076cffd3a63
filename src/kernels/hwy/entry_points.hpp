// The Highway backend's dispatching entry points (one per kernel of kernels.hpp): each calls
// the best target this CPU supports (HWY_DYNAMIC_DISPATCH). Private to src/kernels/hwy/.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels.hpp"

namespace tinykm::kernels {

void assign_hwy(const float* points, std::size_t n, std::size_t d, const float* centroids,
                const float* prepared, std::size_t k, std::int32_t* labels, float* min_dist);
void accumulate_hwy(const float* points, const float* weights, std::size_t n, std::size_t d,
                    const std::int32_t* labels, double* sums, double* weight_sums);
void distances_hwy(const float* points, std::size_t n, std::size_t d, const float* centroids,
                   std::size_t k, float* out);
void min_distance_hwy(const float* points, std::size_t n, std::size_t d, const float* c,
                      const float* in, float* out);
lanes_nearest_t lanes_nearest_hwy;
lanes_nearest_one_t lanes_nearest_one_hwy;
// "hwy:AVX3", "hwy:AVX2", "hwy:NEON", ...: the target dispatch chooses now.
const char* hwy_target_name();

}  // namespace tinykm::kernels
