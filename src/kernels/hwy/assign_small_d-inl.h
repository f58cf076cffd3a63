// assign for small d (<= 16): lanes = points. A tile of N points is deinterleaved into d
// vectors (feature j of N points each); every centre is broadcast from its row-major row, so
// `prepared` is not needed. Exact (x - c)^2 summed over j in index order, as the reference.
#if defined(TINYKM_HWY_ASSIGN_SMALL_D_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef TINYKM_HWY_ASSIGN_SMALL_D_INL_H_
#undef TINYKM_HWY_ASSIGN_SMALL_D_INL_H_
#else
#define TINYKM_HWY_ASSIGN_SMALL_D_INL_H_
#endif

#include <cstddef>
#include <cstdint>

#include "hwy/highway.h"
#include "argmin-inl.h"
#include "point_tile-inl.h"

HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// ---- d = 1..4 known at compile time: the whole tile lives in registers.

// Two tiles (2N points) per pass over the centres: each broadcast centre feature serves two
// tiles, and the two compare/blend chains (one per tile) overlap.
template <std::size_t D, class DF>
HWY_INLINE void AssignTwoTilesFixed(DF df, const float* HWY_RESTRICT p,
                                    const float* HWY_RESTRICT centroids, std::size_t k,
                                    std::int32_t* HWY_RESTRICT labels,
                                    float* HWY_RESTRICT min_dist) {
  const hn::RebindToSigned<DF> di;
  const std::size_t N = hn::Lanes(df);
  auto a0 = hn::Zero(df), a1 = a0, a2 = a0, a3 = a0;
  auto b0 = hn::Zero(df), b1 = b0, b2 = b0, b3 = b0;
  LoadTileFixed<D>(df, p, a0, a1, a2, a3);
  LoadTileFixed<D>(df, p + N * D, b0, b1, b2, b3);
  auto best_a = DistanceFixed<D>(df, a0, a1, a2, a3, centroids);
  auto best_b = DistanceFixed<D>(df, b0, b1, b2, b3, centroids);
  auto index_a = hn::Zero(di);
  auto index_b = hn::Zero(di);
  auto index = hn::Zero(di);
  const auto one = hn::Set(di, 1);
  for (std::size_t c = 1; c < k; ++c) {
    const float* centre = centroids + c * D;
    index = hn::Add(index, one);  // c, without a move from a general register per centre
    KeepNearer(df, DistanceFixed<D>(df, a0, a1, a2, a3, centre), index, best_a, index_a);
    KeepNearer(df, DistanceFixed<D>(df, b0, b1, b2, b3, centre), index, best_b, index_b);
  }
  hn::StoreU(index_a, di, labels);
  hn::StoreU(index_b, di, labels + N);
  hn::StoreU(best_a, df, min_dist);
  hn::StoreU(best_b, df, min_dist + N);
}

template <std::size_t D, class DF>
HWY_INLINE void AssignTileFixed(DF df, const float* HWY_RESTRICT p,
                                const float* HWY_RESTRICT centroids, std::size_t k,
                                std::int32_t* HWY_RESTRICT labels, float* HWY_RESTRICT min_dist) {
  const hn::RebindToSigned<DF> di;
  auto x0 = hn::Zero(df), x1 = x0, x2 = x0, x3 = x0;
  LoadTileFixed<D>(df, p, x0, x1, x2, x3);
  auto best = DistanceFixed<D>(df, x0, x1, x2, x3, centroids);
  auto best_index = hn::Zero(di);
  for (std::size_t c = 1; c < k; ++c)
    KeepNearer(df, DistanceFixed<D>(df, x0, x1, x2, x3, centroids + c * D),
               hn::Set(di, static_cast<std::int32_t>(c)), best, best_index);
  hn::StoreU(best_index, di, labels);
  hn::StoreU(best, df, min_dist);
}

template <std::size_t D>
HWY_NOINLINE void AssignSmallFixed(const float* HWY_RESTRICT points, std::size_t n,
                                   const float* HWY_RESTRICT centroids, std::size_t k,
                                   std::int32_t* HWY_RESTRICT labels,
                                   float* HWY_RESTRICT min_dist) {
  const hn::ScalableTag<float> df;
  const std::size_t N = hn::Lanes(df);
  std::size_t i = 0;
  for (; i + 2 * N <= n; i += 2 * N)
    AssignTwoTilesFixed<D>(df, points + i * D, centroids, k, labels + i, min_dist + i);
  for (; i + N <= n; i += N)
    AssignTileFixed<D>(df, points + i * D, centroids, k, labels + i, min_dist + i);
  if (i == n) return;
  // Tail: copy the last points into a zero-padded tile so no load runs past the input.
  HWY_ALIGN float tile[4 * hn::MaxLanes(df)] = {};
  HWY_ALIGN std::int32_t tile_labels[hn::MaxLanes(df)];
  HWY_ALIGN float tile_dist[hn::MaxLanes(df)];
  const std::size_t rest = n - i;
  for (std::size_t f = 0; f < rest * D; ++f) tile[f] = points[i * D + f];
  AssignTileFixed<D>(df, tile, centroids, k, tile_labels, tile_dist);
  for (std::size_t p = 0; p < rest; ++p) {
    labels[i + p] = tile_labels[p];
    min_dist[i + p] = tile_dist[p];
  }
}

// ---- 5 <= d <= 16 known at run time: the tile is transposed into a stack buffer.

// Four centres at a time: each distance is a chain of d dependent FMAs, so one centre at a
// time would wait on FMA latency; four chains keep both FMA pipes busy.
template <class DF, class VF = hn::Vec<DF>>
HWY_INLINE void TileDistances4(DF df, const float* HWY_RESTRICT soa, std::size_t d,
                               const float* HWY_RESTRICT c, VF& a0, VF& a1, VF& a2, VF& a3) {
  const std::size_t N = hn::Lanes(df);
  const VF x = hn::Load(df, soa);
  const VF t0 = hn::Sub(x, hn::Set(df, c[0]));
  const VF t1 = hn::Sub(x, hn::Set(df, c[d]));
  const VF t2 = hn::Sub(x, hn::Set(df, c[2 * d]));
  const VF t3 = hn::Sub(x, hn::Set(df, c[3 * d]));
  a0 = hn::Mul(t0, t0);
  a1 = hn::Mul(t1, t1);
  a2 = hn::Mul(t2, t2);
  a3 = hn::Mul(t3, t3);
  for (std::size_t j = 1; j < d; ++j) {
    const VF xj = hn::Load(df, soa + j * N);
    const VF u0 = hn::Sub(xj, hn::Set(df, c[j]));
    const VF u1 = hn::Sub(xj, hn::Set(df, c[d + j]));
    const VF u2 = hn::Sub(xj, hn::Set(df, c[2 * d + j]));
    const VF u3 = hn::Sub(xj, hn::Set(df, c[3 * d + j]));
    a0 = hn::MulAdd(u0, u0, a0);
    a1 = hn::MulAdd(u1, u1, a1);
    a2 = hn::MulAdd(u2, u2, a2);
    a3 = hn::MulAdd(u3, u3, a3);
  }
}

inline HWY_NOINLINE void AssignSmallRuntime(const float* HWY_RESTRICT points, std::size_t n,
                                     std::size_t d, const float* HWY_RESTRICT centroids,
                                     std::size_t k, std::int32_t* HWY_RESTRICT labels,
                                     float* HWY_RESTRICT min_dist) {
  const hn::ScalableTag<float> df;
  const hn::RebindToSigned<decltype(df)> di;
  const std::size_t N = hn::Lanes(df);
  HWY_ALIGN float soa[TileFloats(df)];
  HWY_ALIGN std::int32_t tile_labels[hn::MaxLanes(df)];
  HWY_ALIGN float tile_dist[hn::MaxLanes(df)];
  for (std::size_t i = 0; i < n; i += N) {
    const std::size_t count = n - i < N ? n - i : N;
    TransposePointTile(df, points + i * d, count, d, soa);
    auto best = TileSquaredDistance(df, soa, d, centroids);
    auto best_index = hn::Zero(di);
    std::size_t c = 1;
    for (; c + 4 <= k; c += 4) {
      auto a0 = hn::Zero(df), a1 = a0, a2 = a0, a3 = a0;
      TileDistances4(df, soa, d, centroids + c * d, a0, a1, a2, a3);
      const auto index = hn::Set(di, static_cast<std::int32_t>(c));
      const auto one = hn::Set(di, 1);
      KeepNearer(df, a0, index, best, best_index);  // in index order: ties keep the lowest
      KeepNearer(df, a1, hn::Add(index, one), best, best_index);
      KeepNearer(df, a2, hn::Add(index, hn::Add(one, one)), best, best_index);
      KeepNearer(df, a3, hn::Set(di, static_cast<std::int32_t>(c + 3)), best, best_index);
    }
    for (; c < k; ++c)
      KeepNearer(df, TileSquaredDistance(df, soa, d, centroids + c * d),
                 hn::Set(di, static_cast<std::int32_t>(c)), best, best_index);
    if (count == N) {
      hn::StoreU(best_index, di, labels + i);
      hn::StoreU(best, df, min_dist + i);
      continue;
    }
    hn::Store(best_index, di, tile_labels);
    hn::Store(best, df, tile_dist);
    for (std::size_t p = 0; p < count; ++p) {
      labels[i + p] = tile_labels[p];
      min_dist[i + p] = tile_dist[p];
    }
  }
}

HWY_INLINE void AssignSmallD(const float* points, std::size_t n, std::size_t d,
                             const float* centroids, std::size_t k, std::int32_t* labels,
                             float* min_dist) {
  switch (d) {
    case 1: return AssignSmallFixed<1>(points, n, centroids, k, labels, min_dist);
    case 2: return AssignSmallFixed<2>(points, n, centroids, k, labels, min_dist);
    case 3: return AssignSmallFixed<3>(points, n, centroids, k, labels, min_dist);
    case 4: return AssignSmallFixed<4>(points, n, centroids, k, labels, min_dist);
    default: return AssignSmallRuntime(points, n, d, centroids, k, labels, min_dist);
  }
}

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // TINYKM_HWY_ASSIGN_SMALL_D_INL_H_
