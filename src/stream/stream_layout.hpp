// A stream's state in the caller's memory (stream.hpp): the header that starts it, and the arrays
// at the offsets tinykm/stream_memory.hpp lays out.
#pragma once

#include <cfloat>
#include <cmath>
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
  stream_offsets at;  // where the arrays lie: computed once, at init or load
};
static_assert(sizeof(stream_header) <= stream_header_bytes, "stream header outgrew its slot");

// The arrays of a state, resolved from its header.
// Arrays of kp = stream_lanes(k) floats hold one cluster per lane; lanes k..kp-1 are padding
// (centre +infinity, so it never wins a distance or a score; weight, statistics and radius 0).
struct stream_arrays {
  float* centroids;    // k x d, the canonical centres (model view, save, merge)
  float* lanes;        // d x kp: lanes[j kp + c] = centroids[c d + j], once ready
  float* weights;      // kp, decayed sample counts
  float* dist_mean;    // kp, mean distance |x - c| of the cluster's samples
  float* dist_square;  // kp, mean squared distance
  float* radius;       // kp, dist_mean + z x standard deviation (derived from the two above)
  float* reservoir;    // reservoir x d
  unsigned char* scratch;
  std::size_t scratch_bytes;
  std::size_t kp;
};

inline stream_arrays stream_arrays_at(void* memory, const stream_offsets& at,
                                      std::size_t k) noexcept {
  // Offsets are multiples of 64 from an 8-byte aligned base: every array stays float-aligned.
  const std::uintptr_t base = reinterpret_cast<std::uintptr_t>(memory);
  const auto f = [base](std::size_t offset) { return reinterpret_cast<float*>(base + offset); };
  stream_arrays a{};
  a.centroids = f(at.centroids);
  a.lanes = f(at.lanes);
  a.weights = f(at.weights);
  a.dist_mean = f(at.dist_mean);
  a.dist_square = f(at.dist_square);
  a.radius = f(at.radius);
  a.reservoir = f(at.reservoir);
  a.scratch = reinterpret_cast<unsigned char*>(base + at.scratch);
  a.scratch_bytes = at.scratch_bytes;
  a.kp = stream_lanes(k);
  return a;
}

stream_arrays stream_arrays_of(void* memory, std::size_t k, std::size_t d,
                               std::size_t reservoir) noexcept;

// The header of a state, or null when the handle is unusable: null memory, not 8-byte aligned,
// fewer bytes than a header, never initialised, or fewer bytes than its own shape needs.
// (Inline, as the two functions around it: every per-sample call starts with them.)
inline stream_header* stream_header_of(const stream_state& state) noexcept {
  if (state.memory == nullptr || state.bytes < stream_header_bytes) return nullptr;
  if (reinterpret_cast<std::uintptr_t>(state.memory) % 8 != 0) return nullptr;
  stream_header* h = static_cast<stream_header*>(state.memory);  // 8-byte aligned: checked
  if (h->magic != stream_magic) return nullptr;
  if (h->k == 0 || h->k > max_k || h->d == 0 || h->d > max_d) return nullptr;
  // memory_bytes was computed from (k, d, reservoir) by init or load; it spares every update
  // the size formula.
  if (state.bytes < h->at.memory_bytes) return nullptr;
  return h;
}

// Both at once, for functions that need the arrays (header null when unusable).
struct stream_view {
  stream_header* header;
  stream_arrays arrays;
};
inline stream_view stream_view_of(const stream_state& state) noexcept {
  stream_header* h = stream_header_of(state);
  if (h == nullptr) return {nullptr, {}};
  return {h, stream_arrays_at(state.memory, h->at, h->k)};
}

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

// radius[c] from dist_mean[c] and dist_square[c] (inline: it is on every update's path).
// A large anomaly_z times a spread near sqrt(FLT_MAX) overflows: the radius stops at FLT_MAX,
// so every score stays finite.
inline float radius_of(const stream_header& h, float dist_mean, float dist_square) noexcept {
  const float variance = dist_square - dist_mean * dist_mean;
  const float r = dist_mean + h.params.anomaly_z * std::sqrt(variance > 0.0f ? variance : 0.0f);
  return r < FLT_MAX ? r : FLT_MAX;
}
void refresh_radius(const stream_header& h, const stream_arrays& a, std::size_t c) noexcept;

// After the centres or weights were written in bulk (a warm-up, a seed, a merge, a load):
// copies the centres into lanes and zeroes every padding lane. Needs h.k, h.d.
void rebuild_lanes(const stream_header& h, const stream_arrays& a) noexcept;

}  // namespace tinykm::detail
