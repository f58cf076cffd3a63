// One fused assignment pass over all points (assign_pass.cpp): Lloyd's assign + accumulate step.
#pragma once

#include <cstddef>

#include "dataset.hpp"
#include "kernels.hpp"
#include "workspace.hpp"

namespace tinykm::detail {

// One assignment pass over all points (assign_pass.cpp), fused block by block: no per-point
// storage. Also fills s.prepared from `centroids`. Returns the inertia of `centroids`. When
// sums/weight_sums are non-null they are zeroed and receive the per-cluster weighted sums of the
// same pass. The summation order is fixed by n alone, so the bits are the same with or without
// data.parallel, for any thread count.
double assign_pass(const kernels::kernel_table& kt, const dataset& data, const float* centroids,
                   std::size_t k, fit_scratch& s, double* sums, double* weight_sums);

}  // namespace tinykm::detail
