// Batch k-means (Lloyd) on caller memory.
//
// Memory: none of these functions allocates; all scratch memory is the caller's workspace.
// Stack bounds below are the deepest call chain from -fstack-usage with the scalar kernels
// (x86-64 gcc -O3 and Cortex-M4 gcc -Os, whichever is larger), rounded up. The host SIMD
// kernels add up to 12 KiB of register tiles (xsimd's blocked assign: 11.5 KiB, Highway's
// accumulate: 8.2 KiB); firmware builds have only the scalar kernels.
// Errors: every input is checked before anything is written; on a status other than ok the
// model, outputs and workspace contents the caller can see are unchanged.
// Data: points are n x d row-major float32; weights (optional, may be null) are n positive,
// finite floats. The library never requires aligned input. n x d x 4 bytes that do not fit in
// size_t (no such array exists) are invalid_argument, checked before any point is read.
// Overlaps: a buffer a call writes may not share a byte with another buffer of the call (the
// ranges are the bytes each is read or written at: n x d points, n weights, k x d centres, the
// first *_workspace_size() bytes of a workspace, each output's entries); such a call returns
// invalid_argument and writes nothing. Buffers only read may share memory.
#pragma once

#include <cstddef>
#include <cstdint>

#include "tinykm/config.hpp"
#include "tinykm/export.h"
#include "tinykm/model.hpp"
#include "tinykm/parallel.hpp"
#include "tinykm/params.hpp"
#include "tinykm/status.hpp"

namespace tinykm {

// Bytes of workspace fit() needs for n points of d features with these params (params.k
// clusters). With r(x) = x rounded up to a multiple of 64 (every buffer is 64-byte aligned),
// B = TINYKM_BLOCK_POINTS, C = ceil(n / parallel_chunk_points) chunks, and S = 1 slot, or
// min(C, 16) slots when params.parallel.run is set (one per group of chunks that threads share):
//   64                                   (slack to align an unaligned buffer)
//   + r(8kd) + r(8k)                     (double sums and weights per cluster)
//   + r(4kd)                             (centres of the running restart)
//   + r(4 r16(k) (d + 1))                (the same centres transposed for the SIMD kernels,
//                                         k rounded up to r16(k), a multiple of 16, plus norms)
//   + 2 r(4SB)                           (labels and distances of one block of points)
//   + r(8S k (d + 1)) + r(8C)            (partial sums per group, inertia per chunk)
//   + 2 r(4k)                            (empty-cluster bookkeeping)
//   + r(4n) for farthest-point | r(4k) for random | 0 for user
//   + for k-means++ and k-means|| (init automatic: the one chosen_init() names), with
//     T = 2 + floor(ln k) candidates per centre:
//     r(4n) + r(4Td) + r(8TC) + 2 r(8T) + 2 r(4T)
//   + for k-means|| also, with M = 1 + 5 x 4k candidates at most, 4k per round:
//     r(4Md) + r(4M) + r(8M) + r(4 r16(4k) (d + 1)) + r(4n) + r(4C)
//   + when the bounded Lloyd runs (params.algorithm bounded, or automatic with n_iter_check 0,
//     d > 16, k >= 64 and n / 16 >= k; never in compact builds), with R = min(max(floor(16384
//     / k), 1), B) points recomputed per kernel call:
//     3 r(4n) + r(4kd) + 2 r(4k) + r(4SRd) + r(4SR(k + 3)) + r(4SB) + r(zS), z = sizeof(size_t)
//   + with params.refine hartigan (never in compact builds), R as above:
//     r(4n) + r(8kd) + r(4kd) + r(4Rk) + r(8k)
//   + with params.refine split_merge (never in compact builds): r(4n) + r(4kd) + r(8k) + r(16k)
// It grows with n only for the initialisations that track a distance per point (k-means|| 4
// bytes per point more), the bounded Lloyd (12 bytes per point) and the refinement (4).
// Returns SIZE_MAX when the size does not fit in size_t (for any arguments). Does not allocate.
TINYKM_API
std::size_t fit_workspace_size(const fit_params& params, std::size_t n, std::size_t d) noexcept;

// The initialisation fit() runs for these parameters and this shape: params.init, with
// init_method::automatic resolved to k-means|| or k-means++ (params.hpp says where).
TINYKM_API
init_method chosen_init(const fit_params& params, std::size_t n, std::size_t d) noexcept;

// Clusters n points of d features into params.k clusters and writes the centres into `model`
// (model.capacity must hold k x d floats; on success model.k and model.d are set).
// `result` may be null. The model, workspace and result may not overlap each other, the points
// or the weights; the model may be params.initial_centroids (a refit from its own centres).
// Does not allocate; stack <= 1 KiB.
TINYKM_API
status fit(const float* points, std::size_t n, std::size_t d, const float* weights,
           const fit_params& params, model_view& model, void* workspace,
           std::size_t workspace_bytes, fit_result* result = nullptr) noexcept;

// The same for a static_model: fits into its storage and records the shape.
template <std::size_t KMax, std::size_t DMax>
status fit(const float* points, std::size_t n, std::size_t d, const float* weights,
           const fit_params& params, static_model<KMax, DMax>& model, void* workspace,
           std::size_t workspace_bytes, fit_result* result = nullptr) noexcept {
  if (params.k > KMax || d > DMax) return status::capacity_exceeded;
  model_view view = model.view();
  const status s = fit(points, n, d, weights, params, view, workspace, workspace_bytes, result);
  if (s == status::ok) model.adopt_shape(view);
  return s;
}

// Index of the nearest centre for each of n points (ties: the lowest index). labels has n
// entries. Does not allocate; stack <= 512 bytes. These four calls check the model's centres
// and the points like fit's inputs (non_finite_input, out_of_range) before writing anything;
// their output (labels, distances, *out) may not overlap the points, weights or centres
// (invalid_argument).
TINYKM_API
status predict(const model_view& model, const float* points, std::size_t n, std::size_t d,
               std::int32_t* labels) noexcept;

// The same on the caller's threads: tasks of parallel_chunk_points points. A parallel_for with
// a null run runs on the calling thread.
TINYKM_API
status predict(const model_view& model, const float* points, std::size_t n, std::size_t d,
               std::int32_t* labels, const parallel_for& parallel) noexcept;

// Euclidean (not squared) distance from each point to every centre: distances[i*k + j], for
// n x k entries; distances_len must be at least n x k. Does not allocate; stack <= 256 bytes.
TINYKM_API
status transform(const model_view& model, const float* points, std::size_t n, std::size_t d,
                 float* distances, std::size_t distances_len) noexcept;

// Sum over points of weight x squared distance to the nearest centre (weights may be null).
// Accumulated in double. Does not allocate; stack <= 1 KiB.
TINYKM_API
status inertia(const model_view& model, const float* points, std::size_t n, std::size_t d,
               const float* weights, double* out) noexcept;

// scikit-learn's score: minus the inertia.
TINYKM_API
status score(const model_view& model, const float* points, std::size_t n, std::size_t d,
             const float* weights, double* out) noexcept;

}  // namespace tinykm
