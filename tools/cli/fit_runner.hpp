// The CLI's fit: params.n_init restarts of the library's fit(), restart r seeded with
// params.seed + r, the lowest inertia winning (ties: the earlier restart). To record the
// inertia after every iteration (trace, for --plot) or to show progress, each restart runs as a
// chain of fit() calls of one or a few iterations, each starting from the centres the previous
// one left (init_method::user). A Lloyd iteration depends only on the centres it starts from, so
// the chain gives the same centres, inertia and iteration count as one fit() call per restart.
// Tracing costs one extra assignment pass per iteration (each call's final inertia).
#pragma once

#include <vector>

#include "matrix.hpp"
#include "progress.hpp"
#include "tinykm/kmeans.hpp"

namespace tinykm_cli {

struct fit_run {
  tinykm::fit_result result;            // of the winning restart (empty_clusters: all restarts)
  std::vector<float> centroids;         // k x d, the winning restart's
  std::vector<std::vector<double>> curves;  // traced: per restart, inertia after each iteration
};

tinykm::status run_fit(const matrix& data, const float* weights, const tinykm::fit_params& params,
                       bool trace, progress_line& progress, fit_run& out);

}  // namespace tinykm_cli
