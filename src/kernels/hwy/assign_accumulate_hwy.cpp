// assign + accumulate in one sweep for d <= 4, k <= 16, no weights (kernels.hpp:
// assign_accumulate_sig), every Highway target. Per sub-block of accumulate_block points:
//  1. pairs of tiles of N <= 16 points (lanes = points) are assigned with AssignSmallFixed's
//     operations (point_tile-inl.h, argmin-inl.h: the same labels and min_dist); their
//     deinterleaved features and labels stay in a 5 KiB stack block (L1), no point is read twice;
//  2. per cluster, the lane rule's float lane sums stay in registers: the rule's lane l is
//     point l of each group of 16, so a group adds into the 16 lanes (16 / N vectors per
//     feature) with one masked add per feature, in point order per lane; then the halving tree
//     in double, as accumulate does. No load-add-store per point, no store-to-load chain.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "assign_accumulate_hwy.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include <cstddef>
#include <cstdint>

#include "hwy/highway.h"
#include "argmin-inl.h"
#include "entry_points.hpp"
#include "kernels.hpp"
#include "point_tile-inl.h"

HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#if !HWY_HAVE_SCALABLE
constexpr std::size_t kRuleLanes = accumulate_lanes;
constexpr std::size_t kBlock = accumulate_block;

// One sub-block, assigned: soa[j * kBlock + i] is feature j of its point i, labels[i] its label
// (-1 past the sub-block's last point, up to a whole tile).
template <std::size_t D>
struct SubBlockTiles {
  HWY_ALIGN float soa[D * kBlock];  // 4 KiB at D = 4
  HWY_ALIGN std::int32_t labels[kBlock];
};

#if HWY_HAVE_FLOAT64
// t[l] += t[l + H] for l < H, in double.
template <std::size_t H>
HWY_INLINE void HalveDoubles(double* HWY_RESTRICT t) {
  const hn::CappedTag<double, H> dh;
  for (std::size_t l = 0; l < H; l += hn::Lanes(dh))
    hn::Store(hn::Add(hn::Load(dh, t + l), hn::Load(dh, t + l + H)), dh, t + l);
}

// accumulate_lane_tree() of 16 aligned floats, in vectors.
HWY_INLINE double LaneTree16(const float* HWY_RESTRICT row) {
  const hn::CappedTag<double, 8> d8;
  const hn::Rebind<float, decltype(d8)> f8;
  HWY_ALIGN double t[kRuleLanes];
  for (std::size_t l = 0; l < kRuleLanes; l += hn::Lanes(d8))
    hn::Store(hn::PromoteTo(d8, hn::Load(f8, row + l)), d8, t + l);
  HalveDoubles<8>(t);
  HalveDoubles<4>(t);
  HalveDoubles<2>(t);
  return t[0] + t[1];
}
#else  // no double lanes (armv7 NEON): the scalar tree
HWY_INLINE double LaneTree16(const float* HWY_RESTRICT row) { return accumulate_lane_tree(row); }
#endif

// Two tiles (2N points from p) assigned as AssignTwoTilesFixed does; labels and distances
// stored, the points' features and labels kept in `t` from point i of the sub-block on.
template <std::size_t D, class DF>
HWY_INLINE void TwoTiles(DF df, const float* HWY_RESTRICT p, const float* HWY_RESTRICT centroids,
                         std::size_t k, std::int32_t* HWY_RESTRICT labels,
                         float* HWY_RESTRICT min_dist, SubBlockTiles<D>& t, std::size_t i) {
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
  for (std::size_t c = 1; c < k; ++c) {
    const float* centre = centroids + c * D;
    const auto index = hn::Set(di, static_cast<std::int32_t>(c));
    KeepNearer(df, DistanceFixed<D>(df, a0, a1, a2, a3, centre), index, best_a, index_a);
    KeepNearer(df, DistanceFixed<D>(df, b0, b1, b2, b3, centre), index, best_b, index_b);
  }
  hn::StoreU(index_a, di, labels);
  hn::StoreU(index_b, di, labels + N);
  hn::StoreU(best_a, df, min_dist);
  hn::StoreU(best_b, df, min_dist + N);
  hn::Store(index_a, di, t.labels + i);
  hn::Store(index_b, di, t.labels + i + N);
  const auto keep = [&](auto a, auto b, std::size_t j) {
    hn::Store(a, df, t.soa + j * kBlock + i);
    hn::Store(b, df, t.soa + j * kBlock + i + N);
  };
  keep(a0, b0, 0);
  if constexpr (D > 1) keep(a1, b1, 1);
  if constexpr (D > 2) keep(a2, b2, 2);
  if constexpr (D > 3) keep(a3, b3, 3);
}

// Assigns one sub-block (m <= kBlock points): whole pairs of tiles in place, the last points
// through a zero-padded copy so that no load or store runs past the arrays. Returns how many
// points `t` holds: m rounded up to a multiple of 16, labels -1 (no cluster) past m.
template <std::size_t D, class DF>
HWY_INLINE std::size_t AssignSubBlock(DF df, const float* HWY_RESTRICT points, std::size_t m,
                                      const float* HWY_RESTRICT centroids, std::size_t k,
                                      std::int32_t* HWY_RESTRICT labels,
                                      float* HWY_RESTRICT min_dist, SubBlockTiles<D>& t) {
  const std::size_t N = hn::Lanes(df);
  std::size_t i = 0;
  for (; i + 2 * N <= m; i += 2 * N)
    TwoTiles<D>(df, points + i * D, centroids, k, labels + i, min_dist + i, t, i);
  if (i < m) {  // 2N divides kBlock, so the pair fits in t
    HWY_ALIGN float tile[2 * 4 * hn::MaxLanes(df)] = {};
    HWY_ALIGN std::int32_t tile_labels[2 * hn::MaxLanes(df)];
    HWY_ALIGN float tile_dist[2 * hn::MaxLanes(df)];
    const std::size_t rest = m - i;
    for (std::size_t f = 0; f < rest * D; ++f) tile[f] = points[i * D + f];
    TwoTiles<D>(df, tile, centroids, k, tile_labels, tile_dist, t, i);
    for (std::size_t p = 0; p < rest; ++p) {
      labels[i + p] = tile_labels[p];
      min_dist[i + p] = tile_dist[p];
    }
    i += 2 * N;
  }
  const std::size_t held = (m + kRuleLanes - 1) / kRuleLanes * kRuleLanes;
  for (std::size_t p = m; p < held; ++p) {
    t.labels[p] = -1;
    for (std::size_t j = 0; j < D; ++j) t.soa[j * kBlock + p] = 0.0f;
  }
  return held;
}

// accumulate_lane_tree() of the rule's 16 lanes held in 16 / N vectors (lane l in lane l % N
// of v[l / N]): in registers where one vector holds them, else through a row in memory.
template <class DF, class VF>
HWY_INLINE double LaneTreeOf(DF df, const VF* HWY_RESTRICT v) {
#if HWY_HAVE_FLOAT64 && (HWY_TARGET == HWY_AVX3 || HWY_TARGET == HWY_AVX3_DL)
  if constexpr (hn::MaxLanes(DF()) == kRuleLanes) {
    const hn::Full512<double> d8;
    const hn::Full256<float> f8;
    const hn::Full256<double> d4;
    const hn::Full128<double> d2;
    const auto t8 = hn::Add(hn::PromoteTo(d8, hn::LowerHalf(f8, v[0])),
                            hn::PromoteTo(d8, hn::UpperHalf(f8, v[0])));
    const auto t4 = hn::Add(hn::LowerHalf(d4, t8), hn::UpperHalf(d4, t8));
    const auto t2 = hn::Add(hn::LowerHalf(d2, t4), hn::UpperHalf(d2, t4));
    return hn::GetLane(t2) + hn::GetLane(hn::UpperHalf(hn::Full64<double>(), t2));
  }
#endif
  const std::size_t N = hn::Lanes(df);
  HWY_ALIGN float row[kRuleLanes];
  for (std::size_t g = 0; g < kRuleLanes / N; ++g) hn::Store(v[g], df, row + g * N);
  return LaneTree16(row);
}

// The lane rule on the sub-block held in `t` (`held` points, a multiple of 16). Per cluster and
// feature the rule's 16 lanes are G = 16 / N vectors, each lane summing its points in point
// order, one masked add per group of N points; CB clusters at a time, so that CB x D x G
// independent chains hide the add latency and the points' loads serve them all. Then the lane
// tree into sums and the count into weight_sums. A cluster without points would add +0.0
// (kernels.hpp: sums hold no -0.0), so it is skipped.
template <std::size_t D, class DF>
HWY_INLINE void AccumulateSubBlock(DF df, const SubBlockTiles<D>& t, std::size_t held,
                                   std::size_t k, double* HWY_RESTRICT sums,
                                   double* HWY_RESTRICT weight_sums) {
  using VF = hn::Vec<DF>;
  const hn::RebindToSigned<DF> di;
  constexpr std::size_t N = hn::MaxLanes(DF()), G = kRuleLanes / N, CB = G >= 4 ? 1 : 4 / G;
  const auto one = hn::Set(di, 1);
  for (std::size_t c0 = 0; c0 < k; c0 += CB) {
    VF acc[CB * D * G];
    hn::Vec<decltype(di)> count[CB];
    for (std::size_t r = 0; r < CB * D * G; ++r) acc[r] = hn::Zero(df);
    for (std::size_t b = 0; b < CB; ++b) count[b] = hn::Zero(di);
    for (std::size_t i = 0; i < held; i += kRuleLanes) {
      for (std::size_t g = 0; g < G; ++g) {
        const std::size_t p = i + g * N;
        const auto labels = hn::Load(di, t.labels + p);
        VF x[D];
        for (std::size_t j = 0; j < D; ++j) x[j] = hn::Load(df, t.soa + j * kBlock + p);
        for (std::size_t b = 0; b < CB; ++b) {
          const auto in = hn::Eq(labels, hn::Set(di, static_cast<std::int32_t>(c0 + b)));
          const auto in_f = hn::RebindMask(df, in);
          for (std::size_t j = 0; j < D; ++j) {
            VF& a = acc[(b * D + j) * G + g];
            a = hn::IfThenElse(in_f, hn::Add(a, x[j]), a);
          }
          count[b] = hn::IfThenElse(in, hn::Add(count[b], one), count[b]);
        }
      }
    }
    for (std::size_t b = 0; b < CB && c0 + b < k; ++b) {
      const std::int32_t points = hn::GetLane(hn::SumOfLanes(di, count[b]));
      if (points == 0) continue;
      const std::size_t c = c0 + b;
      for (std::size_t j = 0; j < D; ++j)
        sums[c * D + j] += LaneTreeOf(df, acc + (b * D + j) * G);
      weight_sums[c] += static_cast<double>(points);
    }
  }
}

template <std::size_t D>
HWY_NOINLINE void AssignAccumulateFixed(const float* HWY_RESTRICT points, std::size_t n,
                                        const float* HWY_RESTRICT centroids, std::size_t k,
                                        std::int32_t* HWY_RESTRICT labels,
                                        float* HWY_RESTRICT min_dist, double* HWY_RESTRICT sums,
                                        double* HWY_RESTRICT weight_sums) {
  const hn::CappedTag<float, kRuleLanes> df;
  SubBlockTiles<D> t;
  for (std::size_t start = 0; start < n; start += kBlock) {
    const std::size_t m = n - start < kBlock ? n - start : kBlock;
    const std::size_t held = AssignSubBlock<D>(df, points + start * D, m, centroids, k,
                                               labels + start, min_dist + start, t);
    AccumulateSubBlock<D>(df, t, held, k, sums, weight_sums);
  }
}

#endif  // !HWY_HAVE_SCALABLE

void AssignAccumulate(const float* points, std::size_t n, std::size_t d, const float* centroids,
                      const float* prepared, std::size_t k, std::int32_t* labels,
                      float* min_dist, double* sums, double* weight_sums) {
#if HWY_HAVE_SCALABLE  // vectors that cannot fill arrays, lengths that need not divide 16
  assign_hwy(points, n, d, centroids, prepared, k, labels, min_dist);
  accumulate_hwy(points, nullptr, n, d, labels, sums, weight_sums);
#else
  (void)prepared;
  switch (d) {
    case 1:
      return AssignAccumulateFixed<1>(points, n, centroids, k, labels, min_dist, sums,
                                      weight_sums);
    case 2:
      return AssignAccumulateFixed<2>(points, n, centroids, k, labels, min_dist, sums,
                                      weight_sums);
    case 3:
      return AssignAccumulateFixed<3>(points, n, centroids, k, labels, min_dist, sums,
                                      weight_sums);
    default:
      return AssignAccumulateFixed<4>(points, n, centroids, k, labels, min_dist, sums,
                                      weight_sums);
  }
#endif
}

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace tinykm::kernels {

HWY_EXPORT(AssignAccumulate);

void assign_accumulate_hwy(const float* points, std::size_t n, std::size_t d,
                           const float* centroids, const float* prepared, std::size_t k,
                           std::int32_t* labels, float* min_dist, double* sums,
                           double* weight_sums) {
  HWY_DYNAMIC_DISPATCH(AssignAccumulate)(points, n, d, centroids, prepared, k, labels, min_dist,
                                         sums, weight_sums);
}

}  // namespace tinykm::kernels
#endif  // HWY_ONCE
