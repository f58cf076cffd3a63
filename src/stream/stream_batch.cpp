// stream_update_batch: Spark StreamingKMeans' mini-batch rule on our stream state.
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "carver.hpp"
#include "kernels.hpp"
#include "stream_layout.hpp"
#include "stream_learn.hpp"
#include "stream_warmup.hpp"
#include "tinykm/stream.hpp"
#include "validate.hpp"

namespace tinykm {

namespace {

// Per-cluster totals of one mini-batch, carved from the state's scratch.
using batch_totals = detail::stream_batch_scratch;

// Adds `added` samples' weight to cluster c and returns the rate at which its centre moves
// towards their mean: added / w_c (running_mean, decay), or 1 - (1 - learning_rate)^added.
float add_weight(const detail::stream_header& h, const detail::stream_arrays& a, std::size_t c,
                 float added) noexcept {
  a.weights[c] += added;
  if (h.params.rule == update_rule::fixed_rate)
    return added == 1.0f ? h.params.learning_rate
                         : 1.0f - std::pow(1.0f - h.params.learning_rate, added);
  return added / a.weights[c];
}

batch_totals carve_totals(const detail::stream_arrays& a, std::size_t k, std::size_t d) noexcept {
  detail::carver cut(a.scratch);
  batch_totals t{};
  lay_out(cut, t, k, d);  // detail::lay_out (tinykm/stream_memory.hpp)
  std::memset(a.scratch, 0, static_cast<std::size_t>(cut.here() - a.scratch));
  return t;
}

// Samples labelled and scored per kernel call.
constexpr std::size_t batch_chunk = 32;

// One chunk's labels, squared distances, scores and distances (stack: 4 x 32 floats).
struct chunk_buffers {
  std::int32_t labels[batch_chunk];
  float squares[batch_chunk], scores[batch_chunk], dists[batch_chunk];
};

// Whether a sample with this score moves its centre.
bool learns(const detail::stream_header& h, float score) noexcept {
  return !(score > h.params.anomaly_threshold) || h.params.learn_anomalies;
}

// Turns the per-cluster sums of squared distances into means. Squares near FLT_MAX (values
// near the magnitude limit) can overflow a float sum: then, and only then, the batch is
// labelled again (no centre has moved yet) and every cluster's mean is summed as square / m,
// which stays below the largest square.
void mean_squares(const detail::stream_header& h, const detail::stream_arrays& a,
                  const float* xs, std::size_t n, const batch_totals& t,
                  kernels::lanes_nearest_fn nearest, chunk_buffers& b) noexcept {
  const std::size_t k = static_cast<std::size_t>(h.k);
  bool finite = true;
  for (std::size_t c = 0; c < k; ++c) finite &= t.square_sums[c] <= FLT_MAX;
  for (std::size_t c = 0; c < k; ++c)
    t.square_sums[c] = finite && t.counts[c] > 0.0f ? t.square_sums[c] / t.counts[c] : 0.0f;
  if (finite) return;
  const std::size_t d = static_cast<std::size_t>(h.d);
  for (std::size_t first = 0; first < n; first += batch_chunk) {
    const std::size_t m = n - first < batch_chunk ? n - first : batch_chunk;
    nearest(xs + first * d, m, d, a.lanes, a.radius, a.kp, b.labels, b.squares, b.scores);
    for (std::size_t i = 0; i < m; ++i) {
      const std::size_t c = static_cast<std::size_t>(b.labels[i]);
      if (learns(h, b.scores[i])) t.square_sums[c] += b.squares[i] / t.counts[c];
    }
  }
  // (Counts stop at 2^24: a cluster of more samples in one batch could still sum past FLT_MAX.)
  for (std::size_t c = 0; c < k; ++c)
    t.square_sums[c] = t.square_sums[c] < FLT_MAX ? t.square_sums[c] : FLT_MAX;
}

// Whether some cluster is dead against `heaviest`: reseed_dead()'s test of the weights.
bool has_dead(const detail::stream_header& h, const detail::stream_arrays& a,
              std::size_t heaviest) noexcept {
  const std::size_t k = static_cast<std::size_t>(h.k);
  const float dead = h.params.dead_fraction * a.weights[heaviest];
  bool any = false;
  for (std::size_t c = 0; c < k; ++c) any |= a.weights[c] < dead;
  return any;
}

// The first learning sample of cluster c farthest from its centre, labelled again (only
// where a reseed may follow): tracking it for every cluster in the summing loop cost 0.5 ns
// per sample at d = 3, k = 8 and 0.8 at k = 16 (Zen 4), and it is nearly never used.
const float* farthest(const detail::stream_header& h, const detail::stream_arrays& a,
                      const float* xs, std::size_t n, std::size_t c,
                      kernels::lanes_nearest_fn nearest, chunk_buffers& b) noexcept {
  const std::size_t d = static_cast<std::size_t>(h.d);
  const float* far = nullptr;
  float far_square = -1.0f;  // below every square: the first sample is the farthest so far
  for (std::size_t first = 0; first < n; first += batch_chunk) {
    const std::size_t m = n - first < batch_chunk ? n - first : batch_chunk;
    nearest(xs + first * d, m, d, a.lanes, a.radius, a.kp, b.labels, b.squares, b.scores);
    for (std::size_t i = 0; i < m; ++i) {
      if (static_cast<std::size_t>(b.labels[i]) != c || !learns(h, b.scores[i])) continue;
      if (b.squares[i] > far_square) far = xs + (first + i) * d;
      far_square = b.squares[i] > far_square ? b.squares[i] : far_square;
    }
  }
  return far;
}

// One mini-batch on a ready stream: every sample is scored against the centres as they were
// before the batch, then each centre moves once.
void learn_batch(detail::stream_header& h, const detail::stream_arrays& a, const float* xs,
                 std::size_t n, std::int32_t* labels_out, float* scores_out) noexcept {
  const std::size_t k = static_cast<std::size_t>(h.k);
  const std::size_t d = static_cast<std::size_t>(h.d);
  const batch_totals t = carve_totals(a, k, d);
  const kernels::lanes_nearest_fn nearest = kernels::lanes_kernels_of(kernels::active()).nearest;
  const float threshold = h.params.anomaly_threshold;
  const bool learn_anomalies = h.params.learn_anomalies;
  const float drift_rate = h.drift_rate;
  float learned = 0.0f;
  chunk_buffers b;
  for (std::size_t first = 0; first < n; first += batch_chunk) {
    const std::size_t m = n - first < batch_chunk ? n - first : batch_chunk;
    const float* chunk = xs + first * d;
    nearest(chunk, m, d, a.lanes, a.radius, a.kp, b.labels, b.squares, b.scores);
    for (std::size_t i = 0; i < m; ++i) b.dists[i] = std::sqrt(b.squares[i]);  // vectorised
    if (labels_out != nullptr) std::memcpy(labels_out + first, b.labels, m * sizeof b.labels[0]);
    if (scores_out != nullptr) std::memcpy(scores_out + first, b.scores, m * sizeof b.scores[0]);
    // The counters in a local: the stores below could alias the header's, so the compiler
    // would otherwise keep them in memory. Counted in this loop, not one of their own: the
    // drift average is a chain of three dependent float operations per sample (~2.5 ns on
    // Zen 4) that only hides behind the sums here (own loop: +1.6 ns per sample, d3-k8).
    // Tried and slower (Zen 4, d3-k8, batch 1024, 6.5 -> 7.3 ns per sample): each cluster's
    // totals as one row of 8 floats added with two vector adds; the sample rows cost more to
    // build than the scalar read-modify-writes they replace.
    stream_counters counted = h.counters;
    for (std::size_t i = 0; i < m; ++i) {
      const bool anomaly = b.scores[i] > threshold;
      detail::count_sample(counted, drift_rate, b.squares[i], anomaly);
      if (anomaly && !learn_anomalies) continue;
      const std::size_t c = static_cast<std::size_t>(b.labels[i]);
      float* sum = t.sums + c * d;
      const float* x = chunk + i * d;
      detail::for_features(d, [&](std::size_t j) { sum[j] += x[j]; });
      t.counts[c] += 1.0f;
      t.dist_sums[c] += b.dists[i];
      t.square_sums[c] += b.squares[i];
      learned += 1.0f;
    }
    h.counters = counted;
  }
  mean_squares(h, a, xs, n, t, nearest, b);
  const float decay = h.params.unit == decay_unit::batches || h.weight_decay == 1.0f
                          ? h.weight_decay
                          : std::pow(h.weight_decay, learned);
  detail::decay_and_add(a, k, a.kp, decay, 0.0f, 0.0f);
  for (std::size_t c = 0; c < k; ++c)
    if (t.counts[c] > 0.0f) t.rates[c] = add_weight(h, a, c, t.counts[c]);
  // The weights are final: find the reseed's sample now, while the centres are as the batch
  // was labelled against, and only where reseed_dead() may act.
  const std::size_t heaviest = detail::heaviest_cluster(a, k);
  const float* reseed = t.counts[heaviest] > 0.0f && has_dead(h, a, heaviest)
                            ? farthest(h, a, xs, n, heaviest, nearest, b)
                            : nullptr;
  for (std::size_t c = 0; c < k; ++c) {
    const float m = t.counts[c];
    if (m == 0.0f) continue;
    for (std::size_t j = 0; j < d; ++j) t.sums[c * d + j] /= m;
    detail::move_centre(h, a, c, t.sums + c * d, t.rates[c], t.dist_sums[c] / m,
                        t.square_sums[c]);
  }
  if (reseed != nullptr) detail::reseed_dead(h, a, heaviest, reseed);
  h.counters.batches += 1;
}

// check_sample for a batch. On hosts the test is counted in an integer, which GCC
// vectorises (it does not vectorise check_sample's bool: a compare and a branch per value,
// a fifth of a batch's time); compact builds keep check_sample's one loop.
status check_batch(const float* xs, std::size_t count, float limit) noexcept {
  if constexpr (kernels::compact_code) return detail::check_sample(xs, count, limit);
  std::uint32_t outside = 0;
  for (std::size_t i = 0; i < count; ++i) outside |= std::fabs(xs[i]) <= limit ? 0u : 1u;
  return outside == 0 ? status::ok : detail::check_values(xs, count, limit);
}

}  // namespace

status stream_update_batch(const stream_state& state, const float* xs, std::size_t n,
                           std::int32_t* labels_out, float* scores_out) noexcept {
  const detail::stream_view v = detail::stream_view_of(state);
  if (v.header == nullptr) return status::invalid_argument;
  if (n == 0) return status::ok;
  detail::stream_header& h = *v.header;
  const std::size_t d = static_cast<std::size_t>(h.d);
  if (xs == nullptr || !detail::floats_fit(n, d)) return status::invalid_argument;
  if (detail::writes_overlap({{state.memory, state.bytes}, {labels_out, n * sizeof *labels_out},
                              {scores_out, n * sizeof *scores_out}},
                             {{xs, n * d * sizeof *xs}}))
    return status::invalid_argument;
  const status s = check_batch(xs, n * d, h.value_limit);
  if (s != status::ok) return s;
  std::size_t i = 0;
  // Warm-up: one sample at a time (a failing warm-up fit keeps the samples before it).
  for (; i < n && h.ready == 0; ++i) {
    const status f = detail::fill_reservoir(h, v.arrays, xs + i * d);
    if (f != status::ok) return f;
    if (labels_out != nullptr) labels_out[i] = -1;
    if (scores_out != nullptr) scores_out[i] = 0.0f;
  }
  if (i < n)
    learn_batch(h, v.arrays, xs + i * d, n - i, labels_out ? labels_out + i : nullptr,
                scores_out ? scores_out + i : nullptr);
  return status::ok;
}

}  // namespace tinykm
