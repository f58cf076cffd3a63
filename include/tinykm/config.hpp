// Compile-time limits of tinykm. Override them with -D on the command line, or name a header of
// your own with -DTINYKM_USER_CONFIG='"my_tinykm_config.hpp"' that defines them.
#pragma once

#include <cstddef>

#if defined(TINYKM_USER_CONFIG)
#include TINYKM_USER_CONFIG
#endif

// Largest number of clusters any call accepts. Calls with k above it return
// status::capacity_exceeded. Firmware lowers it to bound every per-cluster loop and buffer.
#ifndef TINYKM_MAX_K
#define TINYKM_MAX_K 4096
#endif

// Largest number of features (dimensions) any call accepts; above it: status::capacity_exceeded.
#ifndef TINYKM_MAX_D
#define TINYKM_MAX_D 4096
#endif

// Points handled per kernel call inside fit/predict. Sets the size of the label/distance block in
// the workspace (8 bytes per point). Results do not depend on it while it is a multiple of 256
// (the accumulate rule's sub-block, src/kernels/contract/kernels.hpp); otherwise small-d centroids may
// differ in the last bits, still the same on every backend and thread count.
#ifndef TINYKM_BLOCK_POINTS
#define TINYKM_BLOCK_POINTS 256
#endif

// Most Lloyd iterations (warmup_n_init x warmup_max_iter) the call that ends a stream's warm-up
// may run: it bounds the one long call of a stream, also for a state loaded from a blob.
#ifndef TINYKM_MAX_WARMUP_ITERATIONS
#define TINYKM_MAX_WARMUP_ITERATIONS 10000
#endif

namespace tinykm {
inline constexpr std::size_t max_warmup_iterations = TINYKM_MAX_WARMUP_ITERATIONS;
inline constexpr std::size_t max_k = TINYKM_MAX_K;
inline constexpr std::size_t max_d = TINYKM_MAX_D;
inline constexpr std::size_t block_points = TINYKM_BLOCK_POINTS;
}  // namespace tinykm
