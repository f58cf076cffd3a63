// Refinements after Lloyd (params.hpp: refinement): Hartigan's single-point moves that each
// lower the inertia of the partition, in a fixed serial order (refine.cpp), or split-and-merge
// of clusters (split_merge.cpp). Internal; fit() calls them.
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
  return !kernels::compact_code && params.refine != refinement::none;
}

#if !TINYKM_COMPACT_CODE
// Every point's nearest centre (the assign kernel's label: the same on every backend) into
// s.refine_labels.
void label_points(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                  fit_scratch& s);

// Refines s.centroids (Lloyd's, whose inertia is out.inertia) in place: labels every point,
// sweeps Hartigan moves over the points in index order until a sweep moves nothing or
// refine_max_sweeps, then moves each centre to its cluster's mean. The new centres are kept
// only when assign_pass measures a lower inertia (then out.inertia is it); otherwise s.centroids
// and out are as they were. (No move count in the result: firmware's fit stack pins it.)
void refine_hartigan(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                     fit_scratch& s, lloyd_outcome& out);

// Split-and-merge attempts on s.centroids (Lloyd's, whose inertia is out.inertia): each moves
// the centre cheapest to remove into the cluster with the largest SSE and runs Lloyd (params,
// scaled_tol) to convergence; kept only when that lowers out.inertia, else undone. Stops after
// split_merge_max_attempts, or split_merge_max_failures in a row.
void refine_split_merge(const kernels::kernel_table& kt, const dataset& data,
                        const fit_params& params, double scaled_tol, fit_scratch& s,
                        lloyd_outcome& out);
#endif

}  // namespace tinykm::detail
