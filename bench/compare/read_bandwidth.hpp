// Single-thread read bandwidth over a given array: the memory side of the roofline bound
// max(2nkd / FMA peak, 4nd / bandwidth). The tinykm runner measures it over each shape's own
// n x d points, so the bound uses the bandwidth of that working set (L2, L3 or DRAM, whichever
// holds it), in the same process and run as the Lloyd timings.
//
// The kernel sums the floats with 8 independent vector accumulators (one add chain cannot keep
// up with the loads); AVX-512 or AVX2 where the CPU has them (checked at run time), else SSE2.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define COMPARE_X86 1
#endif

namespace compare {

#if defined(COMPARE_X86)
__attribute__((target("avx512f"))) inline float sum_avx512(const float* p, std::size_t n) {
  __m512 a[8];
  for (__m512& v : a) v = _mm512_setzero_ps();
  std::size_t i = 0;
  for (; i + 128 <= n; i += 128)
    for (int j = 0; j < 8; ++j) a[j] = _mm512_add_ps(a[j], _mm512_loadu_ps(p + i + 16 * j));
  for (int j = 1; j < 8; ++j) a[0] = _mm512_add_ps(a[0], a[j]);
  float s = _mm512_reduce_add_ps(a[0]);
  for (; i < n; ++i) s += p[i];
  return s;
}

__attribute__((target("avx2"))) inline float sum_avx2(const float* p, std::size_t n) {
  __m256 a[8];
  for (__m256& v : a) v = _mm256_setzero_ps();
  std::size_t i = 0;
  for (; i + 64 <= n; i += 64)
    for (int j = 0; j < 8; ++j) a[j] = _mm256_add_ps(a[j], _mm256_loadu_ps(p + i + 8 * j));
  for (int j = 1; j < 8; ++j) a[0] = _mm256_add_ps(a[0], a[j]);
  float lanes[8];
  _mm256_storeu_ps(lanes, a[0]);
  float s = 0.0f;
  for (float v : lanes) s += v;
  for (; i < n; ++i) s += p[i];
  return s;
}
#endif

inline float sum_plain(const float* p, std::size_t n) {
  float a[32] = {};
  std::size_t i = 0;
  for (; i + 32 <= n; i += 32)
    for (int j = 0; j < 32; ++j) a[j] += p[i + j];
  float s = 0.0f;
  for (float v : a) s += v;
  for (; i < n; ++i) s += p[i];
  return s;
}

inline float sum_floats(const float* p, std::size_t n) {
#if defined(COMPARE_X86)
  if (__builtin_cpu_supports("avx512f")) return sum_avx512(p, n);
  if (__builtin_cpu_supports("avx2")) return sum_avx2(p, n);
#endif
  return sum_plain(p, n);
}

// GB/s (1e9 bytes) of the fastest of several passes over p[0..n) after a warm-up pass: a busy
// neighbour only slows a pass down. About 0.1 s in all.
inline double read_bandwidth_gbs(const float* p, std::size_t n) {
  using clock = std::chrono::steady_clock;
  const double bytes = 4.0 * static_cast<double>(n);
  volatile float sink = sum_floats(p, n);
  const int passes = static_cast<int>(std::clamp(1e8 / std::max(bytes, 1.0), 5.0, 2000.0));
  double best = 0.0;
  for (int r = 0; r < passes; ++r) {
    const auto t0 = clock::now();
    sink = sink + sum_floats(p, n);
    const std::chrono::duration<double> dt = clock::now() - t0;
    best = std::max(best, bytes / dt.count() * 1e-9);
  }
  return best;
}

}  // namespace compare
