// distances, min_distance and candidate_min for every Highway target (bodies in
// distances-inl.h and candidates-inl.h), dispatched at run time.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "distances_hwy.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include "hwy/highway.h"
#include "candidates-inl.h"
#include "distances-inl.h"

HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {

void Distances(const float* points, std::size_t n, std::size_t d, const float* centroids,
               std::size_t k, float* out) {
  DistancesAny(points, n, d, centroids, k, out);
}

void MinDistance(const float* points, std::size_t n, std::size_t d, const float* c,
                 const float* in, float* out) {
  MinDistanceAny(points, n, d, c, in, out);
}

void CandidateMin(const float* points, std::size_t n, std::size_t d, const float* cand,
                  std::size_t count, const float* closest, float* out) {
  CandidateMinAny(points, n, d, cand, count, closest, out);
}

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "entry_points.hpp"

namespace tinykm::kernels {

HWY_EXPORT(Distances);
HWY_EXPORT(MinDistance);
HWY_EXPORT(CandidateMin);

void distances_hwy(const float* points, std::size_t n, std::size_t d, const float* centroids,
                   std::size_t k, float* out) {
  HWY_DYNAMIC_DISPATCH(Distances)(points, n, d, centroids, k, out);
}

void min_distance_hwy(const float* points, std::size_t n, std::size_t d, const float* c,
                      const float* in, float* out) {
  HWY_DYNAMIC_DISPATCH(MinDistance)(points, n, d, c, in, out);
}

void candidate_min_hwy(const float* points, std::size_t n, std::size_t d, const float* cand,
                       std::size_t count, const float* closest, float* out) {
  HWY_DYNAMIC_DISPATCH(CandidateMin)(points, n, d, cand, count, closest, out);
}

}  // namespace tinykm::kernels
#endif  // HWY_ONCE
