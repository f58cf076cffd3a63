// Batch k-means in bounded steps, for firmware that must interleave training with a real-time
// loop: lloyd_begin() sets up Lloyd iterations on caller data from the model's current centres,
// and each lloyd_step() call assigns and accumulates at most max_points points, resuming inside
// an iteration where the previous call stopped. The centres move once per full pass, as fit()'s
// Lloyd iterations from init_method::user with empty_cluster_policy::keep would move them:
// bit-identical on integer-valued data, equal up to summation rounding otherwise.
//
// Work per step: O(max_points x k x d), plus O(k x d) when a pass ends. Nothing allocates;
// stack <= 512 bytes. The data, weights, model and workspace must stay alive and unchanged
// between steps.
#pragma once

#include <cstddef>
#include <cstdint>

#include "tinykm/export.h"
#include "tinykm/model.hpp"
#include "tinykm/status.hpp"

namespace tinykm {

// Progress of a stepped fit. Read the public fields; the rest belong to the library.
struct lloyd_stepper {
  std::uint32_t iterations = 0;  // full passes completed
  double inertia = 0.0;          // of the centres the last completed pass started from
  double center_shift = 0.0;     // summed squared centre shift of the last completed pass
  bool done = false;             // max_iter passes, or a shift <= tol
  bool converged = false;        // done because of tol

  // Library state.
  const float* points_ = nullptr;
  const float* weights_ = nullptr;
  std::size_t n_ = 0;
  std::size_t position_ = 0;  // next point of the running pass
  model_view model_{};
  unsigned char* workspace_ = nullptr;
  std::uint32_t max_iter_ = 0;
  double tol_ = 0.0;
  double running_inertia_ = 0.0;
};

// Bytes of workspace for k clusters of d features: with r(x) = x rounded up to 64 and
// B = TINYKM_BLOCK_POINTS: 64 + r(8kd) + r(8k) + r(4 r16(k) (d + 1)) + 2 r(4B); SIZE_MAX when
// that does not fit in size_t (any k, d; lloyd_begin refuses k or d above the limits first).
TINYKM_API
std::size_t lloyd_steps_workspace_size(std::size_t k, std::size_t d) noexcept;

// Starts Lloyd iterations on n points (weights may be null) from model's centres (model.k and
// model.d set, e.g. by fit() on a sample or by load()). Stops after max_iter passes (>= 1) or
// when a pass moves the centres by a summed squared shift <= tol (>= 0, in squared units of
// the data). Checks everything fit() would check. The model is updated in place; the model's
// k x d centres, the first lloyd_steps_workspace_size() bytes of the workspace and *stepper may
// not overlap each other, the points or the weights (invalid_argument).
TINYKM_API
status lloyd_begin(const float* points, std::size_t n, std::size_t d, const float* weights,
                   const model_view& model, std::uint32_t max_iter, double tol, void* workspace,
                   std::size_t workspace_bytes, lloyd_stepper* stepper) noexcept;

// Processes at most max_points (>= 1) points; *done (may be null) says whether training ended.
TINYKM_API
status lloyd_step(lloyd_stepper& stepper, std::size_t max_points, bool* done = nullptr) noexcept;

}  // namespace tinykm
