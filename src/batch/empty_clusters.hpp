// What happens to a cluster that received no points in an assignment pass.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels.hpp"
#include "lloyd.hpp"
#include "tinykm/params.hpp"
#include "workspace.hpp"

namespace tinykm::detail {

// Called after an assignment pass against s.centroids left `empties` (> 0) clusters with zero
// weight in s.weight_sums (s.prepared still holds those centres). Edits s.sums / s.weight_sums so
// each repaired cluster's mean is its new centre; clusters it cannot repair (and every one under
// `keep`) stay empty and keep their centre.
void repair_empty_clusters(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                           std::size_t empties, empty_cluster_policy policy,
                           fit_scratch& s) noexcept;

}  // namespace tinykm::detail
