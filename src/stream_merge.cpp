// stream_merge: two streams' sufficient statistics combined by weighted k-means on their 2k
// centres. Cluster c of one stream need not be cluster c of the other (they were seeded apart),
// so centres are matched by clustering, not by index.
#include <cmath>
#include <cstdint>
#include <cstring>

#include "carver.hpp"
#include "stream_layout.hpp"
#include "stream_lanes.hpp"
#include "tinykm/kmeans.hpp"
#include "tinykm/stream.hpp"

namespace tinykm {

namespace {

// The 2k weighted centres and their distance statistics, copied out of both inputs into the
// output's scratch before anything of the output is written (out may be a or b).
struct merge_inputs {
  float* centres;      // 2k x d
  float* weights;      // 2k
  float* dist_mean;    // 2k
  float* dist_square;  // 2k
  std::size_t count;   // of them, with weight > 0
  unsigned char* workspace;
  std::size_t workspace_bytes;
};

merge_inputs gather(const detail::stream_view* inputs, std::size_t k, std::size_t d,
                    const detail::stream_arrays& out) noexcept {
  detail::carver cut(out.scratch);
  merge_inputs m{};
  m.centres = cut.take<float>(2 * k * d);
  m.weights = cut.take<float>(2 * k);
  m.dist_mean = cut.take<float>(2 * k);
  m.dist_square = cut.take<float>(2 * k);
  m.workspace = cut.here();
  m.workspace_bytes = out.scratch_bytes - static_cast<std::size_t>(cut.here() - out.scratch);
  // Clusters that never got weight carry no information and fit() takes positive weights only.
  for (std::size_t s = 0; s < 2; ++s)
    for (std::size_t c = 0; c < k; ++c) {
      const detail::stream_arrays& a = inputs[s].arrays;
      if (!(a.weights[c] > 0.0f)) continue;
      std::memcpy(m.centres + m.count * d, a.centroids + c * d, d * sizeof(float));
      m.weights[m.count] = a.weights[c];
      m.dist_mean[m.count] = a.dist_mean[c];
      m.dist_square[m.count] = a.dist_square[c];
      ++m.count;
    }
  return m;
}

// Each live input centre joins its nearest merged centre. A sample at distance t from input
// centre i is at most t + |c_i - c_j| from merged centre j, so the pooled distance mean and mean
// square are taken over those bounds: radii never shrink by merging.
void pool_statistics(const merge_inputs& m, const detail::stream_header& h,
                     const detail::stream_arrays& o, std::size_t k, std::size_t d) noexcept {
  for (std::size_t c = 0; c < k; ++c) {
    o.weights[c] = 0.0f;
    o.dist_mean[c] = 0.0f;
    o.dist_square[c] = 0.0f;
    o.radius[c] = 0.0f;  // also what nearest_in_lanes reads below; its score is unused
  }
  detail::rebuild_lanes(h, o);
  for (std::size_t i = 0; i < m.count; ++i) {
    const detail::nearest_score near =
        detail::nearest_in_lanes(m.centres + i * d, d, o.lanes, o.radius, o.kp);
    const std::size_t c = static_cast<std::size_t>(near.label);
    const float w = m.weights[i];
    const float shift = std::sqrt(near.square);
    o.weights[c] += w;
    o.dist_mean[c] += w * (m.dist_mean[i] + shift);
    o.dist_square[c] += w * (m.dist_square[i] + 2.0f * m.dist_mean[i] * shift + near.square);
  }
  for (std::size_t c = 0; c < k; ++c) {
    if (o.weights[c] > 0.0f) {
      o.dist_mean[c] /= o.weights[c];
      o.dist_square[c] /= o.weights[c];
    }
  }
  for (std::size_t c = 0; c < k; ++c) detail::refresh_radius(h, o, c);
}

}  // namespace

status stream_merge(const stream_state& a, const stream_state& b, const stream_state& out) noexcept {
  const detail::stream_view va = detail::stream_view_of(a);
  const detail::stream_view vb = detail::stream_view_of(b);
  if (va.header == nullptr || vb.header == nullptr) return status::invalid_argument;
  const detail::stream_header& ha = *va.header;
  const detail::stream_header& hb = *vb.header;
  if (ha.ready == 0 || hb.ready == 0) return status::not_ready;
  if (ha.d != hb.d) return status::dimension_mismatch;
  if (ha.k != hb.k) return status::invalid_argument;
  const std::size_t k = static_cast<std::size_t>(ha.k);
  const std::size_t d = static_cast<std::size_t>(ha.d);
  const status memory =
      detail::check_stream_memory(out, k, d, static_cast<std::size_t>(ha.reservoir));
  if (memory != status::ok) return memory;

  const detail::stream_arrays o =
      detail::stream_arrays_of(out.memory, k, d, static_cast<std::size_t>(ha.reservoir));
  const detail::stream_view inputs[2] = {va, vb};
  const merge_inputs m = gather(inputs, k, d, o);
  const detail::stream_header header_a = ha;  // out may be b: read both headers first
  const detail::stream_header header_b = hb;

  if (m.count > k) {
    // Weighted Lloyd on the centres, starting from the heavier stream's.
    fit_params fp;
    fp.k = k;
    fp.init = init_method::user;
    fp.initial_centroids = header_a.counters.samples >= header_b.counters.samples
                               ? va.arrays.centroids
                               : vb.arrays.centroids;
    fp.seed = header_a.params.seed;
    // fit() copies the starting centres before it writes the model, so out may be a or b.
    model_view model{o.centroids, k * d, 0, 0};
    const status s =
        fit(m.centres, m.count, d, m.weights, fp, model, m.workspace, m.workspace_bytes);
    if (s != status::ok) return s;
  } else {
    // No more live centres than clusters: keep them all, the rest stay where a had them.
    if (o.centroids != va.arrays.centroids)
      std::memcpy(o.centroids, va.arrays.centroids, k * d * sizeof(float));
    std::memcpy(o.centroids, m.centres, m.count * d * sizeof(float));
  }
  pool_statistics(m, header_a, o, k, d);

  detail::stream_header h = header_a;
  h.ready = 1;
  const double samples_a = static_cast<double>(header_a.counters.samples);
  const double samples_b = static_cast<double>(header_b.counters.samples);
  h.counters.samples += header_b.counters.samples;
  h.counters.anomalies += header_b.counters.anomalies;
  h.counters.reseeds += header_b.counters.reseeds;
  h.counters.batches += header_b.counters.batches;
  h.counters.inertia_ewma = static_cast<float>(
      (samples_a * static_cast<double>(header_a.counters.inertia_ewma) +
       samples_b * static_cast<double>(header_b.counters.inertia_ewma)) /
      (samples_a + samples_b));
  std::memcpy(out.memory, &h, sizeof h);
  return status::ok;
}

}  // namespace tinykm
