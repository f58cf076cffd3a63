// The end of a stream's warm-up: batch k-means on the reservoir seeds the centres.
#pragma once

#include "stream_layout.hpp"
#include "tinykm/status.hpp"

namespace tinykm::detail {

// Fits k centres to the full reservoir (k-means++, params.warmup_n_init restarts of at most
// warmup_max_iter Lloyd iterations, params.seed), sets each cluster's weight to its number of
// reservoir samples and its distance statistics from them, and marks the stream ready. Uses
// the state's scratch as fit()'s workspace. On failure nothing but the scratch is touched.
status seed_from_reservoir(stream_header& h, const stream_arrays& a) noexcept;

// Puts a checked sample into the reservoir of a stream that is warming up and counts it; the
// sample that fills the reservoir seeds the centres. On failure the sample is not kept.
status fill_reservoir(stream_header& h, const stream_arrays& a, const float* x) noexcept;

}  // namespace tinykm::detail
