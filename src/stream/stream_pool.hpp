// The steps of a stream merge, shared by stream_merge and mpi::merge_streams: the live input
// clusters are clustered into k centres, then each input cluster's weight and distance
// statistics are pooled into the merged cluster nearest its centre.
#pragma once

#include <cstddef>
#include <cstdint>

#include "stream_layout.hpp"

namespace tinykm::detail {

// Weighted centres and their distance statistics, gathered from the streams being merged (the
// 2k of stream_merge, or every rank's k for mpi::merge_streams) into memory apart from the
// output, before anything of the output is written.
struct merge_inputs {
  float* centres;      // count x d
  float* weights;      // count
  float* dist_mean;    // count
  float* dist_square;  // count
  std::size_t count;   // live input clusters (weight > 0)
  unsigned char* workspace;  // for fit() on the centres
  std::size_t workspace_bytes;
};

// The k merged centres into `out` (k x d): weighted Lloyd on the live input centres from
// `start` (k x d) when there are more than k of them; else all of them, the rest of `out` taken
// from `start`. `out` may be `start`: fit() copies it first.
status merge_centres(const merge_inputs& m, const float* start, std::uint64_t seed, std::size_t k,
                     std::size_t d, float* out) noexcept;

void pool_statistics(const merge_inputs& m, const stream_header& h, const stream_arrays& o,
                     std::size_t k, std::size_t d) noexcept;

// Merged counters add and stop at 2^64 - 1 (merging a state with itself doubles them).
inline std::uint64_t add_counts(std::uint64_t x, std::uint64_t y) noexcept {
  return x > UINT64_MAX - y ? UINT64_MAX : x + y;
}

}  // namespace tinykm::detail
