// The assignment pass spread over the caller's threads (see assign_pass in lloyd.hpp).
#pragma once

#include "kernels/kernels.hpp"
#include "lloyd.hpp"
#include "workspace.hpp"

namespace tinykm::detail {

// assign_pass through data.parallel: tasks of parallel_chunk_points points assign and sum their
// inertia, then tasks over ranges of clusters accumulate from s.labels in point order.
double parallel_assign_pass(const kernels::kernel_table& kt, const dataset& data,
                            const float* centroids, std::size_t k, fit_scratch& s, double* sums,
                            double* weight_sums);

}  // namespace tinykm::detail
