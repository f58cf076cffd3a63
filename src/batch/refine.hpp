// Hartigan refinement after Lloyd (params.hpp: refinement::hartigan): single-point moves that
// each lower the inertia of the partition, in a fixed serial order. Internal; fit() calls it.
#pragma once

#include <cstddef>

#include "dataset.hpp"
#include "kernels.hpp"
#include "lloyd.hpp"
#include "tinykm/params.hpp"
#include "workspace.hpp"

namespace tinykm::detail {

// Whether fit() refines (and sizes the refinement's buffers). Compact builds never do.
inline bool runs_refine(const fit_params& params) noexcept {
  return !kernels::compact_code && params.refine == refinement::hartigan;
}

#if !TINYKM_COMPACT_CODE
// Refines s.centroids (Lloyd's, whose inertia is out.inertia) in place: labels every point,
// sweeps Hartigan moves over the points in index order until a sweep moves nothing or
// refine_max_sweeps, then moves each centre to its cluster's mean. The new centres are kept
// only when assign_pass measures a lower inertia (then out.inertia is it); otherwise s.centroids
// and out are as they were. (No move count in the result: firmware's fit stack pins it.)
void refine_hartigan(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                     fit_scratch& s, lloyd_outcome& out);
#endif

}  // namespace tinykm::detail
