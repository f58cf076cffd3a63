// assign for every Highway target: maps the shape assign_shape.hpp chooses for (d, k, prepared)
// to its kernel and dispatches to the best target at run time. The kernels themselves are in
// assign_*-inl.h.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "assign_hwy.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include "hwy/highway.h"
#include "assign_blocked-inl.h"
#include "assign_shape.hpp"
#include "assign_exact-inl.h"
#include "assign_small_d-inl.h"

HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {

void Assign(const float* points, std::size_t n, std::size_t d, const float* centroids,
            const float* prepared, std::size_t k, std::int32_t* labels, float* min_dist) {
  switch (choose_assign_shape(hwy_assign_rule, d, k, prepared != nullptr)) {
    case assign_shape::small_d:
      return AssignSmallD(points, n, d, centroids, k, labels, min_dist);
    case assign_shape::blocked:
      return AssignBlocked(points, n, d, centroids, prepared, k, labels, min_dist);
    default:  // exact_rows: hwy_assign_rule chooses no other shape
      return AssignExactRows(points, n, d, centroids, k, labels, min_dist);
  }
}

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "entry_points.hpp"

namespace tinykm::kernels {

HWY_EXPORT(Assign);

void assign_hwy(const float* points, std::size_t n, std::size_t d, const float* centroids,
                const float* prepared, std::size_t k, std::int32_t* labels, float* min_dist) {
  HWY_DYNAMIC_DISPATCH(Assign)(points, n, d, centroids, prepared, k, labels, min_dist);
}

}  // namespace tinykm::kernels
#endif  // HWY_ONCE
