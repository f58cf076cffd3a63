// Streaming k-means for sensor data: one sample (or a mini-batch) at a time, forever, in a fixed
// block of memory the caller owns.
//
// Life of a stream: stream_init() lays the state out in the caller's memory. The first
// `reservoir` samples only fill a warm-up reservoir (predict/score return not_ready); the update
// that fills it seeds the centres with batch k-means++ + Lloyd on the reservoir. From then on
// every sample moves its nearest centre (update_rule), is scored for anomalies, and counts.
//
// The whole state lives in the caller's memory, addressed by offsets: copying those bytes
// (memcpy, or copying a static_stream) copies the state. stream_state is only a handle to them.
// Memory: no function here allocates. Per-sample work (stream_update, stream_score) is O(k d)
// in float32 only (no float64: cheap on single-precision FPUs). The update that ends the
// warm-up runs a batch fit on the reservoir (O(n_init x iterations x reservoir x k x d)).
// Stack (gcc -O3 -fstack-usage, x86-64): update/score/predict <= 1 KiB, merge <= 1.5 KiB plus
// fit()'s 1 KiB; the scratch for fits lives in the stream's own memory.
// Errors: every input is checked first; on any status other than ok the state is unchanged.
#pragma once

#include <cstddef>
#include <cstdint>

#include "tinykm/config.hpp"
#include "tinykm/export.h"
#include "tinykm/model.hpp"
#include "tinykm/parallel.hpp"
#include "tinykm/status.hpp"
#include "tinykm/stream_memory.hpp"

namespace tinykm {

// How a centre follows the samples assigned to it. With w_c the cluster's (decayed) weight:
enum class update_rule : std::int32_t {
  running_mean = 0,  // MacQueen: w_c += 1, c += (x - c) / w_c: the exact mean of its samples
  decay = 1,         // every weight is multiplied by a = 0.5^(1 / half_life) per unit, then as
                     // running_mean: old samples fade (Spark StreamingKMeans' rule)
  fixed_rate = 2,    // c += learning_rate (x - c); weights decay by (1 - learning_rate)
};

// The unit of half_life for update_rule::decay: per sample, or per stream_update_batch call
// (a single stream_update counts as a batch of one).
enum class decay_unit : std::int32_t { points = 0, batches = 1 };

struct stream_params {
  std::size_t k = 8;                              // clusters, 1 <= k
  std::size_t reservoir = 0;                      // warm-up samples (>= k); 0 picks 16 k
  update_rule rule = update_rule::running_mean;
  float half_life = 1000.0f;                      // decay: units after which a weight halves (> 0)
  decay_unit unit = decay_unit::points;
  float learning_rate = 0.01f;                    // fixed_rate: in (0, 1]
  // A cluster whose weight falls below dead_fraction x the heaviest weight is dead: it is moved
  // onto the next sample that lands in the heaviest cluster, splitting it (weight shared
  // half-half). 0 turns reseeding off. In [0, 1).
  float dead_fraction = 0.01f;
  // Anomaly score of x: min over clusters of (|x - c| - r_c), with the radius r_c = mean + z x
  // standard deviation of the distances of the cluster's own samples, learned with the same
  // weights as the centre. A sample whose score is above anomaly_threshold is an anomaly.
  float anomaly_z = 3.0f;                         // >= 0
  float anomaly_threshold = 0.0f;                 // finite
  // false: anomalies are counted, not learned, so a source the centres have not seen stays an
  // anomaly for good (a sensor moved to a new place is flagged forever): keep it on for drift.
  bool learn_anomalies = true;
  float drift_half_life = 1000.0f;                // samples; of the inertia average (> 0)
  std::uint32_t warmup_n_init = 3;                // k-means++ restarts on the reservoir (>= 1)
  std::uint32_t warmup_max_iter = 100;            // Lloyd iterations per restart (>= 1)
  // (warmup_n_init x warmup_max_iter <= max_warmup_iterations, config.hpp: capacity_exceeded)
  std::uint64_t seed = 0;                         // of the warm-up fit and merges
};

// Running totals of a stream.
struct stream_counters {
  std::uint64_t samples = 0;    // accepted samples, warm-up included
  std::uint64_t anomalies = 0;  // samples scored above anomaly_threshold
  std::uint64_t reseeds = 0;    // dead clusters moved
  std::uint64_t batches = 0;    // stream_update_batch calls after warm-up
  // Exponentially weighted mean of the squared distance to the nearest centre (half-life
  // drift_half_life samples): a drift signal. 0 before the stream is ready.
  float inertia_ewma = 0.0f;
};

struct stream_info {
  std::size_t k = 0;
  std::size_t d = 0;
  std::size_t reservoir = 0;       // its capacity
  std::size_t reservoir_fill = 0;  // samples in it so far (== reservoir once ready)
  bool ready = false;
  stream_counters counters{};
};

// What one stream_update did with its sample.
struct stream_sample {
  std::int32_t label = -1;  // nearest centre before the update; -1 while warming up
  float score = 0.0f;       // anomaly score (see stream_params); 0 while warming up
  bool anomaly = false;     // score > anomaly_threshold
};

// Bytes of memory a stream of k clusters, d features and this reservoir (0: 16 k) needs:
//   256 (header) + r(4kd) (centres, k x d) + r(4 d kp) (the same centres in lanes, d x kp)
//   + 4 r(4 kp) (weights, distance mean, mean square, radius) + r(4 R d) (reservoir)
//   + r(scratch) (detail::stream_scratch_bytes; tinykm/stream_memory.hpp describes the layout)
// with kp = k rounded up to a multiple of 8 and r(x) = x rounded up to a multiple of 64. The
// memory must be 8-byte aligned. SIZE_MAX when the size does not fit in size_t (any arguments;
// stream_init refuses such shapes anyway).
constexpr std::size_t stream_memory_size(std::size_t k, std::size_t d, std::size_t reservoir = 0) {
  return detail::stream_offsets_of(k, d, detail::stream_reservoir(k, reservoir)).memory_bytes;
}

// A handle to a stream's memory (which holds the whole state).
struct stream_state {
  void* memory = nullptr;
  std::size_t bytes = 0;
};

// A stream that owns its memory, e.g. as a global in firmware: static_stream<8, 3> s; then
// stream_init(params, 3, s.state()) with params.k <= K and params.reservoir <= R.
template <std::size_t K, std::size_t D, std::size_t R = 16 * K>
struct static_stream {
  static_assert(K > 0 && D > 0 && R >= K, "a stream needs k, d > 0 and a reservoir >= k");
  alignas(64) unsigned char memory[stream_memory_size(K, D, R)] = {};
  stream_state state() noexcept { return stream_state{memory, sizeof memory}; }
};

// Lays out a fresh stream for samples of d features. Needs stream_memory_size(params.k, d,
// params.reservoir) bytes (workspace_too_small otherwise) and zeroes all state.bytes of them.
// Stack <= 256 bytes.
TINYKM_API
status stream_init(const stream_params& params, std::size_t d, const stream_state& state) noexcept;

// Feeds one sample of d floats: stream_update_ready() once the stream is ready, else a warm-up
// step. `out` may be null. The per-sample calls (this, stream_update_ready, stream_score,
// stream_seed) do not check overlaps, to keep the per-sample path short: x and the outputs
// must lie outside the stream's memory. Stack <= 1 KiB plus, on the call that ends the warm-up, fit()'s.
TINYKM_API
status stream_update(const stream_state& state, const float* x, stream_sample* out = nullptr) noexcept;

// The small entry points. stream_update_ready, stream_seed and stream_score live in translation
// units that reference neither fit() nor the warm-up, so firmware that ships pre-trained centres
// and calls only these (plus stream_init) links no batch k-means.
//
// Makes an initialised stream that is still warming up ready from k x d centroids given by the
// caller (e.g. trained offline): every cluster starts with weight 1 and radius 0 (distance mean
// and mean square 0), so the first samples move the centres as if each had seen one sample; the
// warm-up is over (reservoir_fill reads as the capacity; samples already in the reservoir are
// dropped unused) and the counters are kept. With radius 0 a sample scores its distance until
// its cluster has learned a spread: keep learn_anomalies on (the default) or set
// anomaly_threshold for the first samples. invalid_argument for a null pointer or
// a stream that is already ready; non_finite_input (NaN, Inf) or out_of_range (a value whose
// squared distances could overflow) for bad centroids. The state is untouched on any error.
TINYKM_API
status stream_seed(const stream_state& state, const float* centroids) noexcept;

// The per-sample update of a ready stream (what stream_update does after warm-up): not_ready
// while warming up; never touches the reservoir nor calls fit(). No buffer on the stack: 208
// bytes worst case on a Cortex-M4 at -Os (ports/cortex-m footprint report), under 1 KiB on hosts.
TINYKM_API
status stream_update_ready(const stream_state& state, const float* x,
                           stream_sample* out = nullptr) noexcept;

// Feeds n samples as one mini-batch (Spark's rule: each centre moves once, to
// (c w a + m x_mean) / (w a + m) for its m new samples). Labels and scores are taken against the
// centres before the batch. labels_out / scores_out (n each) may be null. During warm-up samples
// fill the reservoir one by one; the rest of a batch that completes it is then one mini-batch.
// n x d x 4 bytes beyond size_t, or labels_out, scores_out and the stream's memory (state.bytes)
// overlapping each other or the samples, are invalid_argument.
TINYKM_API
status stream_update_batch(const stream_state& state, const float* xs, std::size_t n,
                           std::int32_t* labels_out = nullptr,
                           float* scores_out = nullptr) noexcept;

// Nearest centre of each of n samples, as stream_update would label them. not_ready while
// warming up. labels may not overlap the samples or the stream's memory (invalid_argument); the
// samples may lie in the stream's memory.
TINYKM_API
status stream_predict(const stream_state& state, const float* xs, std::size_t n,
                      std::int32_t* labels) noexcept;

// Anomaly score of one sample without learning from it. `anomaly` may be null. One of the small
// entry points (see stream_seed).
TINYKM_API
status stream_score(const stream_state& state, const float* x, float* score,
                    bool* anomaly = nullptr) noexcept;

// Combines two ready streams of the same k and d (shards, threads, a fleet of devices) into
// `out`, which may be `a` or `b`: their 2k centres, weighted by cluster weight, are clustered
// into k (weighted Lloyd from the heavier stream's centres); weights and counters add (counters
// stop at 2^64 - 1; weights are scaled down together once the heaviest passes 2^64, so
// repeated merges stay finite), radii are pooled conservatively. out gets a's params and needs the memory of a's shape. Streams that
// share memory without being the same (a partial overlap of any two of a, b, out, by their
// `bytes`) are invalid_argument.
TINYKM_API
status stream_merge(const stream_state& a, const stream_state& b, const stream_state& out) noexcept;

// Shape, readiness and counters. info may not lie in the stream's memory (invalid_argument).
TINYKM_API
status stream_get_info(const stream_state& state, stream_info* info) noexcept;

// A read-only view of the centres (k x d) once ready, for predict(), transform() or save().
// *model may not lie in the stream's memory (invalid_argument).
TINYKM_API
status stream_model(const stream_state& state, model_view* model) noexcept;

}  // namespace tinykm
