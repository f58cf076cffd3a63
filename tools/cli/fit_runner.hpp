// The CLI's fit: the library's fit() with params.n_init restarts and params.seed, model for
// model. Without a trace or a progress line it is one fit() call. To record the inertia after
// every iteration (trace, for --plot) or to show progress, restart r runs on its own as a
// one-restart fit() seeded with tinykm::restart_fit_seed(seed, r), which is restart r of the
// library's fit, the first lowest inertia winning as in fit(); and each restart runs as a chain
// of fit() calls of one or a few iterations, each starting from the centres the previous one
// left (init_method::user). A Lloyd iteration depends only on the centres it starts from, so the
// chain gives the same centres, inertia and iteration count as one fit() call per restart.
// Tracing costs one extra assignment pass per iteration (each call's final inertia).
#pragma once

#include <vector>

#include "matrix.hpp"
#include "progress.hpp"
#include "tinykm/kmeans.hpp"

namespace tinykm_cli {

struct fit_run {
  tinykm::fit_result result;            // as fit() reports it
  std::vector<float> centroids;         // k x d, the winning restart's
  std::vector<std::vector<double>> curves;  // traced: per restart, inertia after each iteration
};

tinykm::status run_fit(const matrix& data, const float* weights, const tinykm::fit_params& params,
                       bool trace, progress_line& progress, fit_run& out);

}  // namespace tinykm_cli
