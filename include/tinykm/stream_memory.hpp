// Where a stream's state lies in the caller's memory, described once (tinykm/layout.hpp) for
// stream_memory_size() (stream.hpp) and the stream code that lays the state out and carves its
// scratch (src/stream/). Library detail, public because stream_memory_size() is constexpr.
//
// The memory starts with a header of stream_header_bytes; the arrays follow at 64-byte-rounded
// offsets computed from (k, d, reservoir) alone, so the bytes hold no pointers and can be
// copied as they are. Every size saturates at SIZE_MAX.
#pragma once

#include <cstddef>
#include <cstdint>

#include "tinykm/config.hpp"
#include "tinykm/layout.hpp"
#include "tinykm/parallel.hpp"
#include "tinykm/size_math.hpp"

namespace tinykm::detail {

constexpr std::size_t stream_header_bytes = 256;
// Per-sample work reads the centres transposed, one row of kp floats per feature, so the k
// distances of a sample are a few vector operations.
constexpr std::size_t stream_lane_pad = 8;
constexpr std::size_t stream_lanes(std::size_t k) { return round_up_sat(k, stream_lane_pad); }
constexpr std::size_t stream_reservoir(std::size_t k, std::size_t reservoir) {
  return reservoir == 0 ? mul_sat(16, k) : reservoir;
}

// An upper bound of fit_workspace_size() for k-means++ or user init on n points on one thread
// (tests/test_stream_merge.cpp, "stream memory: the fit workspace bound covers
// fit_workspace_size", checks it): every buffer rounded up, 2 + floor(log2 k) >=
// 2 + floor(ln k) k-means++ candidates. A bound, not fit's layout, so that this header needs
// nothing of fit's and a stream's size never changes with fit's internals.
constexpr std::size_t fit_workspace_bound(std::size_t k, std::size_t d, std::size_t n) {
  std::size_t trials = 3;
  for (std::size_t v = k; v > 1; v >>= 1) ++trials;
  const std::size_t chunks = n / parallel_chunk_points + (n % parallel_chunk_points != 0 ? 1 : 0);
  const std::size_t kd = mul_sat(k, d), d1 = add_sat(d, 1);
  return sum_sat({64 * 20, mul_sat(12, kd), mul_sat(16, k), mul_sat(mul_sat(4, add_sat(k, 16)), d1),
                  8 * block_points, mul_sat(mul_sat(8, k), d1), mul_sat(8, chunks), mul_sat(4, n),
                  mul_sat(trials, sum_sat({mul_sat(4, d), mul_sat(8, chunks), 24}))});
}

// The scratch while stream_update_batch runs (stream_batch.cpp): per-cluster totals.
struct stream_batch_scratch {
  float* sums;           // k x d
  float* counts;         // k
  float* dist_sums;      // k
  float* square_sums;    // k
  float* rates;          // k: the rate at which each centre moves
};
template <typename Cut>
constexpr void lay_out(Cut& cut, stream_batch_scratch& s, std::size_t k, std::size_t d) {
  cut(s.sums, mul_sat(k, d));
  cut(s.counts, k);
  cut(s.dist_sums, k);
  cut(s.square_sums, k);
  cut(s.rates, k);
}

// The scratch while stream_merge runs (stream_merge.cpp): the 2k input clusters, then fit()'s
// workspace for clustering them (the rest of the scratch).
struct stream_merge_scratch {
  float* centres;      // 2k x d
  float* weights;      // 2k
  float* dist_mean;    // 2k
  float* dist_square;  // 2k
};
template <typename Cut>
constexpr void lay_out(Cut& cut, stream_merge_scratch& s, std::size_t k, std::size_t d) {
  cut(s.centres, mul_sat(2, mul_sat(k, d)));
  cut(s.weights, mul_sat(2, k));
  cut(s.dist_mean, mul_sat(2, k));
  cut(s.dist_square, mul_sat(2, k));
}

// Scratch shared by the warm-up fit (on the reservoir), merges and mini-batches.
constexpr std::size_t stream_scratch_bytes(std::size_t k, std::size_t d, std::size_t r) {
  const std::size_t warmup = fit_workspace_bound(k, d, r);
  const std::size_t merge = add_sat(layout_bytes<stream_merge_scratch>(k, d),
                                    fit_workspace_bound(k, d, mul_sat(2, k)));
  const std::size_t batch = layout_bytes<stream_batch_scratch>(k, d);
  const std::size_t most = warmup > merge ? warmup : merge;
  return most > batch ? most : batch;
}

// Byte offsets of a state's arrays from the start of its memory, and the bytes it needs: a
// function of (k, d, reservoir) only. Arrays of kp = stream_lanes(k) floats hold one cluster
// per lane (src/stream/stream_layout.hpp: stream_arrays).
struct stream_offsets {
  std::size_t centroids, lanes, weights, dist_mean, dist_square, radius, reservoir, scratch,
      scratch_bytes, memory_bytes;
};
// For the reservoir's capacity in samples (stream_reservoir: resolved, not 0).
constexpr stream_offsets stream_offsets_of(std::size_t k, std::size_t d, std::size_t reservoir) {
  const std::size_t kp = stream_lanes(k);
  layout_size at(stream_header_bytes);
  stream_offsets o{};
  o.centroids = at.take<float>(mul_sat(k, d));  // k x d
  o.lanes = at.take<float>(mul_sat(d, kp));     // d x kp: the same centres in lanes
  o.weights = at.take<float>(kp);
  o.dist_mean = at.take<float>(kp);
  o.dist_square = at.take<float>(kp);
  o.radius = at.take<float>(kp);
  o.reservoir = at.take<float>(mul_sat(reservoir, d));  // reservoir x d
  o.scratch_bytes = stream_scratch_bytes(k, d, reservoir);
  o.scratch = at.take<unsigned char>(o.scratch_bytes);
  o.memory_bytes = at.bytes();
  return o;
}

}  // namespace tinykm::detail
