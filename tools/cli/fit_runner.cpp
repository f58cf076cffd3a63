#include "fit_runner.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "memory.hpp"

namespace tinykm_cli {

namespace {

struct restart_context {
  const matrix& data;
  const float* weights;
  void* workspace;
  std::size_t workspace_bytes;
  std::uint32_t n_init;
};

// Iterations for the next fit() call of a stepped restart: 1 when every iteration's inertia is
// recorded; for the progress line alone, as many as take about a quarter of a second, since
// every call ends with one extra assignment pass (fit()'s final inertia).
std::uint32_t next_batch(bool trace, std::uint32_t batch, double seconds) {
  if (trace) return 1;
  const double wanted = seconds > 0.0 ? batch * 0.25 / seconds : 2.0 * batch;
  return wanted < 1.0 ? 1u : wanted > 1000.0 ? 1000u : static_cast<std::uint32_t>(wanted);
}

void show(progress_line& progress, std::uint32_t restart, std::uint32_t n_init,
          std::uint32_t max_iter, const tinykm::fit_result& total) {
  char line[160];
  std::snprintf(line, sizeof line, "fit: restart %u/%u, iteration %u/%u, inertia %.6g", restart + 1,
                n_init, total.iterations, max_iter, total.inertia);
  progress.show(line);
}

// Restart `restart` of the library's fit: the first fit() call initialises and iterates once;
// then calls of a few iterations continue from the centres the last call left.
tinykm::status run_restart(const restart_context& c, tinykm::fit_params params, bool trace,
                           std::uint32_t restart, progress_line& progress,
                           std::vector<float>& centres, tinykm::fit_result& total,
                           std::vector<double>& curve) {
  const std::uint32_t max_iter = params.max_iter;
  params.n_init = 1;
  params.seed = tinykm::restart_fit_seed(params.seed, restart);
  params.max_iter = 1;
  tinykm::model_view view{centres.data(), centres.size(), 0, 0};
  auto start = std::chrono::steady_clock::now();
  tinykm::status s = tinykm::fit(c.data.values.data(), c.data.rows, c.data.cols, c.weights, params,
                                 view, c.workspace, c.workspace_bytes, &total);
  curve.assign(1, total.inertia);
  std::vector<float> from(centres.size());
  params.init = tinykm::init_method::user;
  params.initial_centroids = from.data();
  std::uint32_t batch = 1;
  while (s == tinykm::status::ok && !total.converged && total.iterations < max_iter) {
    const auto now = std::chrono::steady_clock::now();
    batch = next_batch(trace, batch, std::chrono::duration<double>(now - start).count());
    start = now;
    show(progress, restart, c.n_init, max_iter, total);
    from = centres;
    params.max_iter = std::min(batch, max_iter - total.iterations);
    tinykm::fit_result step{};
    s = tinykm::fit(c.data.values.data(), c.data.rows, c.data.cols, c.weights, params, view,
                    c.workspace, c.workspace_bytes, &step);
    total.iterations += step.iterations;
    total.inertia = step.inertia;
    total.converged = step.converged;
    total.empty_clusters += step.empty_clusters;
    curve.push_back(step.inertia);
  }
  if (s == tinykm::status::ok) show(progress, restart, c.n_init, max_iter, total);
  return s;
}

}  // namespace

tinykm::status run_fit(const matrix& data, const float* weights, const tinykm::fit_params& params,
                       bool trace, progress_line& progress, fit_run& out) {
  if (params.n_init == 0) return tinykm::status::invalid_argument;
  // The initialisation's workspace is at least user init's (it adds per-point buffers).
  const std::size_t bytes = tinykm::fit_workspace_size(params, data.rows, data.cols);
  std::vector<unsigned char> workspace;
  guard_allocation("the fit's workspace", static_cast<double>(bytes), [&] { workspace.resize(bytes); });
  std::vector<float> centres(params.k * data.cols);
  out = fit_run{};
  if (!trace && !progress.enabled()) {  // nothing to see between iterations: one library call
    tinykm::model_view view{centres.data(), centres.size(), 0, 0};
    const tinykm::status s = tinykm::fit(data.values.data(), data.rows, data.cols, weights, params,
                                         view, workspace.data(), bytes, &out.result);
    out.centroids = centres;
    return s;
  }
  const restart_context context{data, weights, workspace.data(), bytes, params.n_init};
  std::vector<double> curve;
  std::uint32_t empty_clusters = 0;
  for (std::uint32_t r = 0; r < params.n_init; ++r) {
    tinykm::fit_result total{};
    const tinykm::status s = run_restart(context, params, trace, r, progress, centres, total, curve);
    if (s != tinykm::status::ok) return s;
    empty_clusters += total.empty_clusters;
    if (trace) out.curves.push_back(curve);
    if (r == 0 || total.inertia < out.result.inertia) {  // ties keep the earlier restart, as fit()
      out.result = total;
      out.result.best_init = r;
      out.centroids = centres;
    }
  }
  out.result.empty_clusters = empty_clusters;
  progress.finish();
  return tinykm::status::ok;
}

}  // namespace tinykm_cli
