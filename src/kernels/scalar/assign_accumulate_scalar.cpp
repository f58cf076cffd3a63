// Scalar reference of the fused assign + accumulate (kernels.hpp): by definition the two
// reference kernels one after the other. Hosts only: the scalar-only firmware build has no
// table entry for it (its footprint stays that of the two kernels), so it compiles nothing here.
#include "kernels.hpp"

#if TINYKM_HAVE_HWY || TINYKM_HAVE_XSIMD
namespace tinykm::kernels {

void assign_accumulate_scalar(const float* points, std::size_t n, std::size_t d,
                              const float* centroids, const float* prepared, std::size_t k,
                              std::int32_t* labels, float* min_dist, double* sums,
                              double* weight_sums) {
  assign_scalar(points, n, d, centroids, prepared, k, labels, min_dist);
  accumulate_scalar(points, nullptr, n, d, labels, sums, weight_sums);
}

}  // namespace tinykm::kernels
#endif
