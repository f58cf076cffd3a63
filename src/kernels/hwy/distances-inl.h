// distances (full n x k matrix, transform) and min_distance (initialisation), exact form.
// Small d: lanes = points over a transposed tile; large d: lanes = features of one row.
#if defined(TINYKM_HWY_DISTANCES_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef TINYKM_HWY_DISTANCES_INL_H_
#undef TINYKM_HWY_DISTANCES_INL_H_
#else
#define TINYKM_HWY_DISTANCES_INL_H_
#endif

#include <cstddef>

#include "hwy/highway.h"
#include "point_tile-inl.h"
#include "row_distance-inl.h"

HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

HWY_INLINE void DistancesAny(const float* HWY_RESTRICT points, std::size_t n, std::size_t d,
                             const float* HWY_RESTRICT centroids, std::size_t k,
                             float* HWY_RESTRICT out) {
  const hn::ScalableTag<float> df;
  const std::size_t N = hn::Lanes(df);
  if (d > kTileMaxD) {
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t c = 0; c < k; ++c)
        out[i * k + c] = RowSquaredDistance(points + i * d, centroids + c * d, d);
    return;
  }
  HWY_ALIGN float soa[TileFloats(df)];
  HWY_ALIGN float tile_dist[hn::MaxLanes(df)];
  for (std::size_t i = 0; i < n; i += N) {
    const std::size_t count = n - i < N ? n - i : N;
    TransposePointTile(df, points + i * d, count, d, soa);
    for (std::size_t c = 0; c < k; ++c) {
      hn::Store(TileSquaredDistance(df, soa, d, centroids + c * d), df, tile_dist);
      for (std::size_t p = 0; p < count; ++p) out[(i + p) * k + c] = tile_dist[p];
    }
  }
}

// Full tiles of N points for d = D <= 4 (deinterleaved loads, no transpose through memory);
// returns how many points it handled. in and out may alias: each tile reads in before writing.
template <std::size_t D, class DF>
HWY_INLINE std::size_t MinDistanceFixed(DF df, const float* HWY_RESTRICT points, std::size_t n,
                                        const float* HWY_RESTRICT c, const float* in, float* out) {
  const std::size_t N = hn::Lanes(df);
  std::size_t i = 0;
  for (; i + N <= n; i += N) {
    hn::Vec<DF> x0, x1, x2, x3;
    LoadTileFixed<D>(df, points + i * D, x0, x1, x2, x3);
    const auto dist = DistanceFixed<D>(df, x0, x1, x2, x3, c);
    const auto before = hn::LoadU(df, in + i);
    hn::StoreU(hn::IfThenElse(hn::Lt(dist, before), dist, before), df, out + i);
  }
  return i;
}

HWY_INLINE void MinDistanceAny(const float* HWY_RESTRICT points, std::size_t n, std::size_t d,
                               const float* HWY_RESTRICT c, const float* in, float* out) {
  const hn::ScalableTag<float> df;
  const std::size_t N = hn::Lanes(df);
  std::size_t done = 0;
  switch (d) {
    case 1: done = MinDistanceFixed<1>(df, points, n, c, in, out); break;
    case 2: done = MinDistanceFixed<2>(df, points, n, c, in, out); break;
    case 3: done = MinDistanceFixed<3>(df, points, n, c, in, out); break;
    case 4: done = MinDistanceFixed<4>(df, points, n, c, in, out); break;
    default: break;
  }
  points += done * d;
  in += done;
  out += done;
  n -= done;
  if (d > kTileMaxD) {
    for (std::size_t i = 0; i < n; ++i) {
      const float dist = RowSquaredDistance(points + i * d, c, d);
      out[i] = dist < in[i] ? dist : in[i];
    }
    return;
  }
  HWY_ALIGN float soa[TileFloats(df)];
  HWY_ALIGN float tile_dist[hn::MaxLanes(df)];
  for (std::size_t i = 0; i < n; i += N) {
    const std::size_t count = n - i < N ? n - i : N;
    TransposePointTile(df, points + i * d, count, d, soa);
    const auto dist = TileSquaredDistance(df, soa, d, c);
    if (count == N) {  // in and out may alias: read all of in before writing out
      const auto before = hn::LoadU(df, in + i);
      hn::StoreU(hn::IfThenElse(hn::Lt(dist, before), dist, before), df, out + i);
      continue;
    }
    hn::Store(dist, df, tile_dist);
    for (std::size_t p = 0; p < count; ++p)
      out[i + p] = tile_dist[p] < in[i + p] ? tile_dist[p] : in[i + p];
  }
}

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // TINYKM_HWY_DISTANCES_INL_H_
