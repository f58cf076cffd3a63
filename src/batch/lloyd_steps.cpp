// lloyd_begin / lloyd_step: fit()'s Lloyd iteration cut into calls of bounded work.
#include "tinykm/lloyd_steps.hpp"

#include <cstdint>
#include <cstring>

#include "carver.hpp"
#include "inertia_sum.hpp"
#include "kernels.hpp"
#include "lloyd.hpp"
#include "tinykm/config.hpp"
#include "validate.hpp"
#include "workspace.hpp"

namespace tinykm {

namespace {

// The workspace's buffers.
struct step_scratch {
  double* sums;          // k x d
  double* weight_sums;   // k
  float* prepared;       // kernels::prepared_floats(k, d)
  std::int32_t* labels;  // block_points
  float* dists;          // block_points
};

// In this order (tinykm/layout.hpp).
template <typename Cut>
void lay_out(Cut& cut, step_scratch& s, std::size_t k, std::size_t d) noexcept {
  cut(s.sums, detail::mul_sat(k, d));
  cut(s.weight_sums, k);
  cut(s.prepared, detail::prepared_floats_sat(k, d));
  cut(s.labels, block_points);
  cut(s.dists, block_points);
}

// Clears the pass totals and lays out the centres for the kernels.
void start_pass(lloyd_stepper& st, const step_scratch& s) noexcept {
  const std::size_t k = st.model_.k, d = st.model_.d;
  std::memset(s.sums, 0, k * d * sizeof(double));
  std::memset(s.weight_sums, 0, k * sizeof(double));
  kernels::prepare_centroids(st.model_.centroids, k, d, s.prepared);
  st.running_inertia_ = 0.0;
  st.position_ = 0;
}

}  // namespace

std::size_t lloyd_steps_workspace_size(std::size_t k, std::size_t d) noexcept {
  return detail::workspace_bytes<step_scratch>(k, d);
}

status lloyd_begin(const float* points, std::size_t n, std::size_t d, const float* weights,
                   const model_view& model, std::uint32_t max_iter, double tol, void* workspace,
                   std::size_t workspace_bytes, lloyd_stepper* stepper) noexcept {
  if (stepper == nullptr || max_iter == 0 || !(tol >= 0.0)) return status::invalid_argument;
  status s = detail::check_model_input(model, points, n, d);
  if (s != status::ok) return s;
  if (n < model.k) return status::too_few_points;
  if (model.k > max_k || d > max_d) return status::capacity_exceeded;
  s = detail::check_weights(weights, n);
  if (s != status::ok) return s;
  const float limit = detail::magnitude_limit(d);
  if (!detail::all_within(points, n * d, limit) ||
      !detail::all_within(model.centroids, model.k * d, limit))
    return status::out_of_range;
  if (!detail::all_finite(model.centroids, model.k * d)) return status::non_finite_input;
  if (workspace == nullptr) return status::invalid_argument;
  const std::size_t workspace_used = lloyd_steps_workspace_size(model.k, d);
  if (workspace_bytes < workspace_used) return status::workspace_too_small;
  if (detail::writes_overlap({{model.centroids, detail::float_bytes(model.k, d)},
                              {workspace, workspace_used},
                              {stepper, sizeof *stepper}},
                             {{points, detail::float_bytes(n, d)},
                              {weights, detail::float_bytes(n, 1)}}))
    return status::invalid_argument;

  lloyd_stepper st;
  st.points_ = points;
  st.weights_ = weights;
  st.n_ = n;
  st.model_ = model;
  st.workspace_ = static_cast<unsigned char*>(detail::align64(workspace));
  st.max_iter_ = max_iter;
  st.tol_ = tol;
  start_pass(st, detail::carve<step_scratch>(st.workspace_, model.k, d));
  *stepper = st;
  return status::ok;
}

status lloyd_step(lloyd_stepper& st, std::size_t max_points, bool* done) noexcept {
  if (st.points_ == nullptr || max_points == 0) return status::invalid_argument;
  const std::size_t k = st.model_.k, d = st.model_.d;
  const step_scratch s = detail::carve<step_scratch>(st.workspace_, k, d);
  const kernels::kernel_table& kt = kernels::active();
  std::size_t budget = max_points;
  while (!st.done && budget > 0) {
    const std::size_t left = st.n_ - st.position_;
    std::size_t count = left < budget ? left : budget;
    count = count < block_points ? count : block_points;
    const float* block = st.points_ + st.position_ * d;
    const float* w = st.weights_ ? st.weights_ + st.position_ : nullptr;
    kt.assign(block, count, d, st.model_.centroids, s.prepared, k, s.labels, s.dists);
    kt.accumulate(block, w, count, d, s.labels, s.sums, s.weight_sums);
    detail::chunk_inertia_sum block_inertia;  // fit()'s lane sums, not one long add chain
    block_inertia.add(w, s.dists, count);
    st.running_inertia_ += block_inertia.total();
    st.position_ += count;
    budget -= count;
    if (st.position_ == st.n_) {  // a pass is complete: move the centres
      st.inertia = st.running_inertia_;
      st.center_shift = detail::move_centres(s.sums, s.weight_sums, k, d, st.model_.centroids);
      st.iterations += 1;
      st.converged = st.center_shift <= st.tol_;
      st.done = st.converged || st.iterations == st.max_iter_;
      if (!st.done) start_pass(st, s);
    }
  }
  if (done != nullptr) *done = st.done;
  return status::ok;
}

}  // namespace tinykm
