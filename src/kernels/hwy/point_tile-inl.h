// A tile of N points (N = lanes) transposed so that lanes = points: soa[j * N + p] is feature j
// of point p. Any d <= 16 fits a small stack buffer; missing points of a tail tile are zero.
#if defined(TINYKM_HWY_POINT_TILE_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef TINYKM_HWY_POINT_TILE_INL_H_
#undef TINYKM_HWY_POINT_TILE_INL_H_
#else
#define TINYKM_HWY_POINT_TILE_INL_H_
#endif

#include <cstddef>

#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

constexpr std::size_t kTileMaxD = 16;

// Floats in one transposed tile buffer for tag df (d <= kTileMaxD).
template <class DF>
constexpr std::size_t TileFloats(DF df) {
  return kTileMaxD * hn::MaxLanes(df);
}

// count <= N points of d <= kTileMaxD features (row-major) into soa (d x N).
template <class DF>
HWY_INLINE void TransposePointTile(DF df, const float* HWY_RESTRICT points, std::size_t count,
                                   std::size_t d, float* HWY_RESTRICT soa) {
  const std::size_t N = hn::Lanes(df);
  for (std::size_t p = 0; p < N; ++p)
    for (std::size_t j = 0; j < d; ++j) soa[j * N + p] = p < count ? points[p * d + j] : 0.0f;
}

// The transpose in registers: fixed-size targets only (SVE's sizeless vectors form no arrays).
#undef TINYKM_HWY_TILE_IN_REGISTERS
#if !HWY_HAVE_SCALABLE && HWY_TARGET != HWY_SCALAR
#define TINYKM_HWY_TILE_IN_REGISTERS 1
#else
#define TINYKM_HWY_TILE_IN_REGISTERS 0
#endif

#if TINYKM_HWY_TILE_IN_REGISTERS

// One stage of a transpose of N rows of N lanes (N a power of two): row i takes the even lanes
// of rows 2i and 2i + 1, row i + N/2 their odd lanes. That rotates the bits of (row, lane) right
// by one, so log2(N) stages swap row and lane.
template <class DF, class VF = hn::Vec<DF>>
HWY_INLINE void TransposeStage(DF df, VF (&r)[hn::MaxLanes(DF())]) {
  constexpr std::size_t N = hn::MaxLanes(DF());
  VF t[N];
  for (std::size_t i = 0; i < N / 2; ++i) {
    t[i] = hn::ConcatEven(df, r[2 * i + 1], r[2 * i]);
    t[i + N / 2] = hn::ConcatOdd(df, r[2 * i + 1], r[2 * i]);
  }
  for (std::size_t i = 0; i < N; ++i) r[i] = t[i];
}

// Whether TransposeRows may read the N rows from `rows` (point i of n): its loads run N floats
// from each row's start, up to d rounded up to N.
template <class DF>
HWY_INLINE bool RowsInBounds(DF df, std::size_t i, std::size_t n, std::size_t d) {
  const std::size_t N = hn::Lanes(df);
  return i + N <= n && (i + N - 1) * d + (d + N - 1) / N * N <= n * d;
}

// N whole points (row-major, d <= kTileMaxD) into soa (d x N) by N x N transposes in registers:
// at d = 16 on AVX-512, 64 two-source permutes per tile instead of 256 scalar copies (those
// cost 16 % of the assign at sensor-16d on Zen 4). Rows past d of the last block are filled
// from the next points: never read.
template <class DF>
HWY_INLINE void TransposeRows(DF df, const float* HWY_RESTRICT rows, std::size_t d,
                              float* HWY_RESTRICT soa) {
  constexpr std::size_t N = hn::MaxLanes(DF());
  static_assert(kTileMaxD % N == 0, "whole N x N blocks fill the tile buffer");
  for (std::size_t j0 = 0; j0 < d; j0 += N) {
    hn::Vec<DF> r[N];
    for (std::size_t p = 0; p < N; ++p) r[p] = hn::LoadU(df, rows + p * d + j0);
    for (std::size_t s = 1; s < N; s *= 2) TransposeStage(df, r);
    for (std::size_t j = 0; j < N; ++j) hn::Store(r[j], df, soa + (j0 + j) * N);
  }
}
#endif

// Exact (x - c)^2 of the N points in soa to centre c, summed over j in index order.
template <class DF>
HWY_INLINE hn::Vec<DF> TileSquaredDistance(DF df, const float* HWY_RESTRICT soa, std::size_t d,
                                           const float* HWY_RESTRICT c) {
  const std::size_t N = hn::Lanes(df);
  const auto t0 = hn::Sub(hn::Load(df, soa), hn::Set(df, c[0]));
  auto acc = hn::Mul(t0, t0);
  for (std::size_t j = 1; j < d; ++j) {
    const auto t = hn::Sub(hn::Load(df, soa + j * N), hn::Set(df, c[j]));
    acc = hn::MulAdd(t, t, acc);
  }
  return acc;
}

// d = 1..4 known at compile time: a tile of N points deinterleaved straight into registers.
template <std::size_t D, class DF, class VF = hn::Vec<DF>>
HWY_INLINE void LoadTileFixed(DF df, const float* HWY_RESTRICT p, VF& x0, VF& x1, VF& x2,
                              VF& x3) {
  if constexpr (D == 1) {
    x0 = hn::LoadU(df, p);
  } else if constexpr (D == 2) {
    hn::LoadInterleaved2(df, p, x0, x1);
  } else if constexpr (D == 3) {
    hn::LoadInterleaved3(df, p, x0, x1, x2);
  } else {
    hn::LoadInterleaved4(df, p, x0, x1, x2, x3);
  }
}

template <std::size_t D, class DF, class VF = hn::Vec<DF>>
HWY_INLINE VF DistanceFixed(DF df, VF x0, VF x1, VF x2, VF x3, const float* HWY_RESTRICT c) {
  const VF t0 = hn::Sub(x0, hn::Set(df, c[0]));
  VF acc = hn::Mul(t0, t0);
  if constexpr (D > 1) {
    const VF t1 = hn::Sub(x1, hn::Set(df, c[1]));
    acc = hn::MulAdd(t1, t1, acc);
  }
  if constexpr (D > 2) {
    const VF t2 = hn::Sub(x2, hn::Set(df, c[2]));
    acc = hn::MulAdd(t2, t2, acc);
  }
  if constexpr (D > 3) {
    const VF t3 = hn::Sub(x3, hn::Set(df, c[3]));
    acc = hn::MulAdd(t3, t3, acc);
  }
  return acc;
}

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // TINYKM_HWY_POINT_TILE_INL_H_
