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

// ---- 5 <= d <= 16: the tile is transposed into a stack buffer (in registers where the
// target allows: point_tile-inl.h TransposeRows).
//
// The tile's shape, measured on Zen 4 (one 512-bit FMA per cycle, 4 cycles of latency, peak
// 116 GFLOP/s) at sensor-16d (d = 16, k = 64), AVX3. Per feature step: one load of the tile's
// feature, then per centre a subtraction with the centre's feature broadcast from memory (on
// AVX-512 folded into the subtraction) and one FMA; the subtractions run beside the FMAs.
//  - Centres per step: each distance is a chain of d dependent FMAs, so ports x latency chains
//    must be in flight. Inner loop alone: 4 centres 73 % of peak, 8 centres 76 %, 16 no better
//    than 8. Two tiles x 4 centres sharing a broadcast register: 63 % (a register broadcast
//    costs Zen 4 a vector op, the folded one does not).
//  - The fold into the running argmin (compare, min, index: 3 ops per centre and tile) is the
//    rest: 89 % of peak without it. As a tree (KeepNearest) its chain is 4 deep, not 8.
//  - The scalar transpose was 16 % of the assign; in registers it is within the noise.
// Together: assign 5.4 -> 4.4-4.7 ms per 200k points (0.62 -> 0.74-0.81 of peak).
// 8 centres on the x86 targets with 16 registers too (AVX2: 7.1-7.4 -> 5.4 ms at d = 16, 2.8 ->
// 2.4 at d = 5, assign_hwy forced per target; SSE4 the same); ARMv7 keeps 4 (not measured).
#if HWY_ARCH_ARM_V7
constexpr std::size_t kSmallDCentres = 4;
#else
constexpr std::size_t kSmallDCentres = 8;
#endif

template <class DF, class VF>
HWY_INLINE VF Square(DF df, VF x, float c) {
  const VF t = hn::Sub(x, hn::Set(df, c));
  return hn::Mul(t, t);
}

template <class DF, class VF>
HWY_INLINE VF AddSquare(DF df, VF x, float c, VF acc) {
  const VF t = hn::Sub(x, hn::Set(df, c));
  return hn::MulAdd(t, t, acc);
}

// Distances of the tile to C <= 8 consecutive centres from c (a0 .. a[C - 1]; the assign
// takes 4 or 8, the seeding's candidates any count), each summed over j in index order; D > 0
// is d known at compile time (the feature loop unrolls).
template <std::size_t C, std::size_t D, class DF, class VF = hn::Vec<DF>>
HWY_INLINE void TileDistances(DF df, const float* HWY_RESTRICT soa, std::size_t d,
                              const float* HWY_RESTRICT c, VF& a0, VF& a1, VF& a2, VF& a3,
                              VF& a4, VF& a5, VF& a6, VF& a7) {
  static_assert(C >= 1 && C <= 8, "one to eight centres");
  const std::size_t N = hn::Lanes(df);
  const std::size_t dd = D != 0 ? D : d;
  const VF x = hn::Load(df, soa);
  a0 = Square(df, x, c[0]);
  if constexpr (C > 1) a1 = Square(df, x, c[dd]);
  if constexpr (C > 2) a2 = Square(df, x, c[2 * dd]);
  if constexpr (C > 3) a3 = Square(df, x, c[3 * dd]);
  if constexpr (C > 4) a4 = Square(df, x, c[4 * dd]);
  if constexpr (C > 5) a5 = Square(df, x, c[5 * dd]);
  if constexpr (C > 6) a6 = Square(df, x, c[6 * dd]);
  if constexpr (C > 7) a7 = Square(df, x, c[7 * dd]);
  for (std::size_t j = 1; j < dd; ++j) {
    const VF xj = hn::Load(df, soa + j * N);
    a0 = AddSquare(df, xj, c[j], a0);
    if constexpr (C > 1) a1 = AddSquare(df, xj, c[dd + j], a1);
    if constexpr (C > 2) a2 = AddSquare(df, xj, c[2 * dd + j], a2);
    if constexpr (C > 3) a3 = AddSquare(df, xj, c[3 * dd + j], a3);
    if constexpr (C > 4) a4 = AddSquare(df, xj, c[4 * dd + j], a4);
    if constexpr (C > 5) a5 = AddSquare(df, xj, c[5 * dd + j], a5);
    if constexpr (C > 6) a6 = AddSquare(df, xj, c[6 * dd + j], a6);
    if constexpr (C > 7) a7 = AddSquare(df, xj, c[7 * dd + j], a7);
  }
}

// Folds C centres' distances (indices base, base + 1, ..) into the running argmin. A tree, so
// the compare chain is log2(C) + 1 deep, not C: each fold keeps its right side (higher indices)
// only where strictly nearer, so ties keep the lowest index, as the sequential rule does for the
// finite distances the kernels see (the API refuses NaN, Inf and overflowing input). `first`:
// centre 0 is in the group, which starts the running min.
template <std::size_t C, class DF, class VF, class VI>
HWY_INLINE void KeepNearest(DF df, bool first, VI base, VF a0, VF a1, VF a2, VF a3, VF a4, VF a5,
                            VF a6, VF a7, VF& best, VI& best_index) {
  const hn::RebindToSigned<DF> di;
  VI i0 = hn::Zero(di), i2 = hn::Set(di, 2), i4 = hn::Set(di, 4), i6 = hn::Set(di, 6);
  KeepNearer(df, a1, hn::Set(di, 1), a0, i0);
  KeepNearer(df, a3, hn::Set(di, 3), a2, i2);
  if constexpr (C > 4) {
    KeepNearer(df, a5, hn::Set(di, 5), a4, i4);
    KeepNearer(df, a7, hn::Set(di, 7), a6, i6);
    KeepNearer(df, a6, i6, a4, i4);
  }
  KeepNearer(df, a2, i2, a0, i0);
  if constexpr (C > 4) KeepNearer(df, a4, i4, a0, i0);
  i0 = hn::Add(base, i0);
  if (first) {
    best = a0;
    best_index = i0;
  } else {
    KeepNearer(df, a0, i0, best, best_index);
  }
}

// The transposed tile's nearest centre per lane: C centres per step, then one at a time.
template <std::size_t D, class DF, class VF = hn::Vec<DF>,
          class VI = hn::Vec<hn::RebindToSigned<DF>>>
HWY_INLINE void TileNearest(DF df, const float* HWY_RESTRICT soa, std::size_t d,
                            const float* HWY_RESTRICT centroids, std::size_t k, VF& best,
                            VI& best_index) {
  constexpr std::size_t C = kSmallDCentres;
  const hn::RebindToSigned<DF> di;
  const std::size_t dd = D != 0 ? D : d;
  std::size_t c = 0;
  for (; c + C <= k; c += C) {
    VF a0 = hn::Zero(df), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
    TileDistances<C, D>(df, soa, dd, centroids + c * dd, a0, a1, a2, a3, a4, a5, a6, a7);
    KeepNearest<C>(df, c == 0, hn::Set(di, static_cast<std::int32_t>(c)), a0, a1, a2, a3, a4,
                   a5, a6, a7, best, best_index);
  }
  for (; c < k; ++c) {
    const VF dist = TileSquaredDistance(df, soa, dd, centroids + c * dd);
    const VI index = hn::Set(di, static_cast<std::int32_t>(c));
    if (c == 0) {
      best = dist;
      best_index = index;
    } else {
      KeepNearer(df, dist, index, best, best_index);
    }
  }
}

template <std::size_t D>
HWY_NOINLINE void AssignSmallRuntime(const float* HWY_RESTRICT points, std::size_t n,
                                     std::size_t d, const float* HWY_RESTRICT centroids,
                                     std::size_t k, std::int32_t* HWY_RESTRICT labels,
                                     float* HWY_RESTRICT min_dist) {
  const hn::ScalableTag<float> df;
  const hn::RebindToSigned<decltype(df)> di;
  const std::size_t N = hn::Lanes(df);
  const std::size_t dd = D != 0 ? D : d;
  HWY_ALIGN float soa[TileFloats(df)];
  HWY_ALIGN std::int32_t tile_labels[hn::MaxLanes(df)];
  HWY_ALIGN float tile_dist[hn::MaxLanes(df)];
  for (std::size_t i = 0; i < n; i += N) {
    const std::size_t count = n - i < N ? n - i : N;
#if TINYKM_HWY_TILE_IN_REGISTERS
    if (RowsInBounds(df, i, n, dd))
      TransposeRows(df, points + i * dd, dd, soa);
    else
#endif
      TransposePointTile(df, points + i * dd, count, dd, soa);
    auto best = hn::Zero(df);
    auto best_index = hn::Zero(di);
    TileNearest<D>(df, soa, dd, centroids, k, best, best_index);
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
    case 16: return AssignSmallRuntime<16>(points, n, d, centroids, k, labels, min_dist);
    default: return AssignSmallRuntime<0>(points, n, d, centroids, k, labels, min_dist);
  }
}

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // TINYKM_HWY_ASSIGN_SMALL_D_INL_H_
