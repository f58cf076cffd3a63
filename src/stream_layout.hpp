// Where each part of a stream's state lives in the caller's memory (stream.hpp). The memory
// starts with a stream_header; the arrays follow at 64-byte-rounded offsets computed from
// (k, d, reservoir) alone, so the bytes hold no pointers and can be copied as they are.
#pragma once

#include <cstddef>
#include <cstdint>

#include "tinykm/stream.hpp"

namespace tinykm::detail {

constexpr std::uint32_t stream_magic = 0x534d4b54u;  // "TKMS" in little-endian bytes

struct stream_header {
  std::uint32_t magic;  // stream_magic once stream_init or a load has written the state
  std::uint32_t ready;  // 1 once the warm-up fit has run
  std::size_t k;
  std::size_t d;
  std::size_t reservoir;  // capacity in samples
  std::size_t fill;       // samples in the reservoir
  stream_params params;
  stream_counters counters;
  float weight_decay;  // a: weights are multiplied by it per unit (1: running mean)
  float drift_rate;    // of counters.inertia_ewma, per sample
  float value_limit;   // largest accepted |feature| (validate.hpp: magnitude_limit)
};
static_assert(sizeof(stream_header) <= stream_header_bytes, "stream header outgrew its slot");

// The arrays of a state, resolved from its header.
struct stream_arrays {
  float* centroids;    // k x d
  float* weights;      // k, decayed sample counts
  float* dist_mean;    // k, mean distance |x - c| of the cluster's samples
  float* dist_square;  // k, mean squared distance
  float* radius;       // k, dist_mean + z x standard deviation (derived from the two above)
  float* reservoir;    // reservoir x d
  unsigned char* scratch;
  std::size_t scratch_bytes;
};

stream_arrays stream_arrays_of(void* memory, std::size_t k, std::size_t d,
                               std::size_t reservoir) noexcept;

// The header of a state, or null when the handle is unusable: null memory, not 8-byte aligned,
// fewer bytes than a header, never initialised, or fewer bytes than its own shape needs.
stream_header* stream_header_of(const stream_state& state) noexcept;

// Both at once, for functions that need the arrays.
struct stream_view {
  stream_header* header;
  stream_arrays arrays;
};
stream_view stream_view_of(const stream_state& state) noexcept;  // header null when unusable

// Memory that can hold a stream of this shape: invalid_argument when null or not 8-byte
// aligned, workspace_too_small when shorter than stream_memory_size().
status check_stream_memory(const stream_state& state, std::size_t k, std::size_t d,
                           std::size_t reservoir) noexcept;

// The header of a fresh, empty stream for valid params (k, reservoir resolved).
stream_header make_stream_header(const stream_params& p, std::size_t d) noexcept;

// Checks parameters for a stream of d features (invalid_argument / capacity_exceeded).
status check_stream_params(const stream_params& p, std::size_t d) noexcept;

// The effective reservoir size and per-unit rates of valid params.
std::size_t reservoir_of(const stream_params& p) noexcept;
float weight_decay_of(const stream_params& p) noexcept;
float drift_rate_of(const stream_params& p) noexcept;

// radius[c] from dist_mean[c] and dist_square[c].
void refresh_radius(const stream_header& h, const stream_arrays& a, std::size_t c) noexcept;

}  // namespace tinykm::detail
