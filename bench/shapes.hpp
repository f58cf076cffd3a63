// The reference problem shapes every tinykm benchmark runs on, and their data.
#pragma once

#include <cstddef>

namespace tinykm_bench {

struct shape {
  const char* name;
  std::size_t n;  // points
  std::size_t d;  // features
  std::size_t k;  // clusters (also the number of planted blobs)
};

// The five shapes of the project's performance targets.
inline constexpr shape reference_shapes[] = {
    {"sensor-3d", 1000000, 3, 8},       // accelerometer-like stream
    {"sensor-16d", 200000, 16, 64},     // multi-sensor feature vectors
    {"embed-128d", 100000, 128, 256},   // embedding / descriptor quantisation
    {"digits", 1797, 64, 10},           // scikit-learn's digits data set size
    {"colour-quant", 273280, 3, 16},    // a 427 x 640 RGB image
};
inline constexpr std::size_t n_reference_shapes =
    sizeof(reference_shapes) / sizeof(reference_shapes[0]);

// n x d row-major planted blobs for reference_shapes[index]: k centres drawn uniformly in
// [-4, 4]^d, each point a uniformly chosen centre plus N(0, 1) noise per feature. Deterministic
// (the seed is the shape index). Generated on first use and kept for the life of the process, so
// repetitions and the several benchmarks of one shape share one copy.
const float* planted_blobs(std::size_t index);

// 2 n k d: the floating-point operations of one assignment pass (a multiply and an add per
// feature per point-centre pair), the figure GFLOP/s is computed from.
inline double lloyd_flops(const shape& s) {
  return 2.0 * static_cast<double>(s.n) * static_cast<double>(s.k) * static_cast<double>(s.d);
}

}  // namespace tinykm_bench
