// Saving and loading models and stream states as versioned, little-endian, fixed-layout blobs
// with a CRC-32, the same bytes on every platform.
//
// Blob: "TKM" + kind ('M' model, 'S' stream), u16 version (1), u16 0, u32 k, u32 d, the payload,
// then the CRC-32 (IEEE 802.3, as zlib's crc32) of every byte before it. Floats are IEEE-754
// binary32 bit patterns. Payloads:
//   model:  k x d centres, row-major
//   stream: u32 reservoir, u32 reservoir fill, u32 ready, the stream_params (u32 rule, u32 unit,
//           f32 half_life, f32 learning_rate, f32 dead_fraction, f32 anomaly_z,
//           f32 anomaly_threshold, u32 learn_anomalies, f32 drift_half_life, u32 warmup_n_init,
//           u32 warmup_max_iter, u64 seed), the counters (u64 samples, anomalies, reseeds,
//           batches, f32 inertia_ewma), k x d centres, k weights, k distance means, k distance
//           mean squares, then the reservoir samples (fill x d) while not ready, none once ready.
// load() checks the length, the CRC, the magic and version, every field's range and every
// float's finiteness before it writes anything: a truncated, altered or unknown blob returns
// corrupt_model and leaves the destination untouched; a null buffer is invalid_argument, and so
// is a buffer (its save_size() bytes for save, len for load) that overlaps the model's k x d
// centres or the stream's memory (state.bytes). None of these functions allocates; stack <= 1 KiB.
#pragma once

#include <cstddef>

#include "tinykm/export.h"
#include "tinykm/model.hpp"
#include "tinykm/status.hpp"
#include "tinykm/stream.hpp"

namespace tinykm {

// Bytes save() writes for a fitted model (0 if it is not fitted or not valid).
TINYKM_API
std::size_t save_size(const model_view& model) noexcept;
// Bytes save() writes for a stream (0 if the handle is not an initialised stream).
TINYKM_API
std::size_t save_size(const stream_state& state) noexcept;

// Writes the blob into buffer[0, len); *written (may be null) receives save_size().
// output_too_small when len < save_size(); not_ready for an unfitted model; for a model whose
// centres load() would refuse, non_finite_input (NaN, Inf) or out_of_range (beyond the
// magnitude limit of fit()'s inputs); for a stream whose state load() would refuse (a value or
// field out of range: memory changed outside the library), corrupt_model. Nothing is written
// on an error, so every blob save() writes loads.
TINYKM_API
status save(const model_view& model, void* buffer, std::size_t len,
            std::size_t* written = nullptr) noexcept;
TINYKM_API
status save(const stream_state& state, void* buffer, std::size_t len,
            std::size_t* written = nullptr) noexcept;

// Reads a model blob into `out` (capacity_exceeded when k x d does not fit its capacity).
TINYKM_API
status load(const void* buffer, std::size_t len, model_view& out) noexcept;
// Reads a stream blob into the memory of `out` (workspace_too_small when out.bytes <
// stream_memory_size(k, d, reservoir) of the blob; its memory must be 8-byte aligned).
TINYKM_API
status load(const void* buffer, std::size_t len, const stream_state& out) noexcept;

}  // namespace tinykm
