// stream_merge: two streams' sufficient statistics combined by weighted k-means on their 2k
// centres. Cluster c of one stream need not be cluster c of the other (they were seeded apart),
// so centres are matched by clustering, not by index.
#include <cmath>
#include <cstdint>
#include <cstring>

#include "carver.hpp"
#include "stream_layout.hpp"
#include "stream_pool.hpp"
#include "tinykm/kmeans.hpp"
#include "tinykm/stream.hpp"
#include "validate.hpp"

namespace tinykm {

namespace {

detail::merge_inputs gather(const detail::stream_view* inputs, std::size_t k, std::size_t d,
                    const detail::stream_arrays& out) noexcept {
  const auto b = detail::carve<detail::stream_merge_scratch>(out.scratch, k, d);
  const std::size_t used = detail::layout_bytes<detail::stream_merge_scratch>(k, d);
  detail::merge_inputs m{b.centres, b.weights, b.dist_mean, b.dist_square, 0,
                         out.scratch + used, out.scratch_bytes - used};
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

// out may be a or b (the same memory), but no two states may partly overlap.
bool same_or_apart(const stream_state& x, const stream_state& y) noexcept {
  return x.memory == y.memory || !detail::ranges_overlap(x.memory, x.bytes, y.memory, y.bytes);
}

// Counters add (add_counts). The drift average is weighted by samples; streams made ready by
// stream_seed have none, and then the two averages count alike (0 / 0 would make it NaN for
// good).
stream_counters merged_counters(const stream_counters& a, const stream_counters& b) noexcept {
  stream_counters c;
  c.samples = detail::add_counts(a.samples, b.samples);
  c.anomalies = detail::add_counts(a.anomalies, b.anomalies);
  c.reseeds = detail::add_counts(a.reseeds, b.reseeds);
  c.batches = detail::add_counts(a.batches, b.batches);
  const double na = static_cast<double>(a.samples);
  const double nb = static_cast<double>(b.samples);
  const double ea = static_cast<double>(a.inertia_ewma);
  const double eb = static_cast<double>(b.inertia_ewma);
  c.inertia_ewma = static_cast<float>(na + nb > 0.0 ? (na * ea + nb * eb) / (na + nb)
                                                    : 0.5 * (ea + eb));
  return c;
}

}  // namespace

status stream_merge(const stream_state& a, const stream_state& b, const stream_state& out) noexcept {
  const detail::stream_view va = detail::stream_view_of(a);
  const detail::stream_view vb = detail::stream_view_of(b);
  if (va.header == nullptr || vb.header == nullptr) return status::invalid_argument;
  if (!same_or_apart(a, out) || !same_or_apart(b, out) || !same_or_apart(a, b))
    return status::invalid_argument;
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
  const detail::merge_inputs m = gather(inputs, k, d, o);
  const detail::stream_header header_a = ha;  // out may be b: read both headers first
  const detail::stream_header header_b = hb;

  // The heavier stream's centres start the weighted Lloyd (or fill clusters no input had).
  const float* start = header_a.counters.samples >= header_b.counters.samples
                           ? va.arrays.centroids
                           : vb.arrays.centroids;
  const status s = detail::merge_centres(m, start, header_a.params.seed, k, d, o.centroids);
  if (s != status::ok) return s;
  detail::pool_statistics(m, header_a, o, k, d);

  detail::stream_header h = header_a;
  h.ready = 1;
  h.counters = merged_counters(header_a.counters, header_b.counters);
  std::memcpy(out.memory, &h, sizeof h);
  return status::ok;
}

}  // namespace tinykm
