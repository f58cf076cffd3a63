// accumulate: per-cluster weighted sums, bit-identical to accumulate_scalar (rules: kernels.hpp).
// Lane rule: AccumulateLanes, one row of floats per cluster and lane. Point-order rule: points are
// walked in order and only the features of one point are vectorised (float -> double; w * x is
// exact in double, so Mul + Add rounds exactly as the reference's w * x + s).
#if defined(TINYKM_HWY_ACCUMULATE_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef TINYKM_HWY_ACCUMULATE_INL_H_
#undef TINYKM_HWY_ACCUMULATE_INL_H_
#else
#define TINYKM_HWY_ACCUMULATE_INL_H_
#endif

#include <cstddef>
#include <cstdint>

#include "hwy/highway.h"
#include "kernels.hpp"

// Targets without double lanes (armv7 NEON) use the scalar reference instead: accumulate_hwy.cpp.
#if HWY_HAVE_FLOAT64
HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#include "accumulate_blocks-inl.h"  // NOLINT: per target, inside this namespace

// s[j] += w * x[j] for j < d: full double vectors, then 2-lane vectors, then one scalar, so no
// load or store touches another cluster's row or runs past the arrays.
template <bool Weighted>
HWY_INLINE void AddRow(const float* HWY_RESTRICT x, double w, std::size_t d,
                       double* HWY_RESTRICT s) {
  const hn::ScalableTag<double> dd;
  const hn::Rebind<float, decltype(dd)> df;
  const hn::CappedTag<double, 2> d2;
  const hn::Rebind<float, decltype(d2)> f2;
  const std::size_t N = hn::Lanes(dd);
  std::size_t j = 0;
  for (; j + N <= d; j += N) {
    auto v = hn::PromoteTo(dd, hn::LoadU(df, x + j));
    if constexpr (Weighted) v = hn::Mul(hn::Set(dd, w), v);
    hn::StoreU(hn::Add(hn::LoadU(dd, s + j), v), dd, s + j);
  }
  const std::size_t N2 = hn::Lanes(d2);
  for (; j + N2 <= d; j += N2) {
    auto v = hn::PromoteTo(d2, hn::LoadU(f2, x + j));
    if constexpr (Weighted) v = hn::Mul(hn::Set(d2, w), v);
    hn::StoreU(hn::Add(hn::LoadU(d2, s + j), v), d2, s + j);
  }
  for (; j < d; ++j) s[j] += w * static_cast<double>(x[j]);
}

// Measured slower (Zen 4, AVX3, one Lloyd iteration): the same chains cluster by cluster (a
// stable counting sort of each 256 points by label, the row kept in registers over its points),
// digits 87 against 83 us, sensor-16d 7.3 against 6.0 ms: the sort's counter chains cost more
// than the row stores they save.
template <bool Weighted>
HWY_NOINLINE void AccumulatePoints(const float* HWY_RESTRICT points,
                                   const float* HWY_RESTRICT weights, std::size_t n,
                                   std::size_t d, const std::int32_t* HWY_RESTRICT labels,
                                   double* HWY_RESTRICT sums, double* HWY_RESTRICT weight_sums) {
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t c = static_cast<std::size_t>(labels[i]);
    const double w = Weighted ? static_cast<double>(weights[i]) : 1.0;
    AddRow<Weighted>(points + i * d, w, d, sums + c * d);
    weight_sums[c] += w;
  }
}

// Lanes l, l + S, l + 2S, .. of a cluster's rows (RW floats each) from `column` on, combined
// in double as accumulate_lane_tree() does: its halving tree t[l] += t[l + h], h = 8, 4, 2, 1,
// is this recursion from S = 1. Run from S = 2 on vectors that hold the rows of lanes l and
// l + 1, it gives [t(0, 2) | t(1, 2)] with half the conversions and adds.
template <std::size_t S, std::size_t RW, class DD>
HWY_INLINE hn::Vec<DD> LaneTree(DD dd, const float* HWY_RESTRICT column, std::size_t l) {
  if constexpr (S == accumulate_lanes) {
    return hn::PromoteTo(dd, hn::Load(hn::Rebind<float, DD>(), column + l * RW));
  } else {
    return hn::Add(LaneTree<2 * S, RW>(dd, column, l),
                   LaneTree<2 * S, RW>(dd, column, l + S));
  }
}

// The lane rule's total of a cluster's rows: RW doubles (feature sums, count, padding).
template <std::size_t RW>
HWY_INLINE void ClusterTotal(const float* HWY_RESTRICT rows, double* HWY_RESTRICT total) {
#if HWY_TARGET != HWY_SCALAR
  const hn::CappedTag<double, 2 * RW> d2;
  if (hn::Lanes(d2) == 2 * RW) {  // two rows per vector
    const auto pair = LaneTree<2, RW>(d2, rows, 0);
    const hn::Half<decltype(d2)> dh;
    hn::Store(hn::Add(hn::LowerHalf(dh, pair), hn::UpperHalf(dh, pair)), dh, total);
    return;
  }
#endif
  const hn::CappedTag<double, RW> dd;
  for (std::size_t h = 0; h < RW; h += hn::Lanes(dd))
    hn::Store(LaneTree<1, RW>(dd, rows + h, 0), dd, total + h);
}

// Lane rule, d == D. Per sub-block, cluster c and lane l own a row of RW floats in `part`: the
// lane's feature sums, its point count (exact in float), padding. A point is one vector add
// into the row of its cluster and lane; the next point goes to another lane, so no store->load
// chain links consecutive points even when they share a cluster. Also the fused
// assign + accumulate's rows (assign_accumulate_hwy.cpp).
template <std::size_t D>
struct LaneRows {
  static constexpr std::size_t L = accumulate_lanes, RW = D < 4 ? 4 : 8;
  HWY_ALIGN float part[accumulate_lanes_max_k * L * RW];  // 8 KiB at D = 4, 4 KiB below

  HWY_INLINE void Zero(std::size_t k) {
    for (std::size_t r = 0; r < k * L * RW; ++r) part[r] = 0.0f;  // vectorised by the compiler
  }
  // Adds the point whose RW floats start at x into lane l of cluster c. Lane D of the row counts
  // the point; lanes past D pick up the next point's features: padding, never read.
  HWY_INLINE void Add(const float* HWY_RESTRICT x, std::size_t c, std::size_t l) {
    const hn::CappedTag<float, RW> df;
    const hn::RebindToSigned<decltype(df)> di;
    const std::size_t N = hn::Lanes(df);
    float* row = part + (c * L + l) * RW;
    for (std::size_t h = 0; h < RW; h += N) {
      const auto lane = hn::Iota(di, static_cast<std::int32_t>(h));
      const auto count = hn::IfThenElseZero(hn::RebindMask(df, hn::Eq(lane, hn::Set(di, D))),
                                            hn::Set(df, 1.0f));
      const auto v = hn::IfThenElse(hn::RebindMask(df, hn::Lt(lane, hn::Set(di, D))),
                                    hn::LoadU(df, x + h), count);
      hn::Store(hn::Add(hn::Load(df, row + h), v), df, row + h);
    }
  }
  // Every cluster's rows (the lane tree) into sums and weight_sums.
  HWY_INLINE void Total(std::size_t k, double* HWY_RESTRICT sums,
                        double* HWY_RESTRICT weight_sums) const {
    HWY_ALIGN double t[RW];
    for (std::size_t c = 0; c < k; ++c) {
      ClusterTotal<RW>(part + c * L * RW, t);
      for (std::size_t j = 0; j < D; ++j) sums[c * D + j] += t[j];
      weight_sums[c] += t[D];
    }
  }
};

template <std::size_t D>
HWY_NOINLINE void AccumulateLanes(const float* HWY_RESTRICT points, std::size_t n,
                                  const std::int32_t* HWY_RESTRICT labels, std::size_t k,
                                  double* HWY_RESTRICT sums, double* HWY_RESTRICT weight_sums) {
  LaneRows<D> rows;
  accumulate_blocks<D, LaneRows<D>::RW>(
      points, n, [&] { rows.Zero(k); },
      [&](const float* HWY_RESTRICT x, std::size_t p, std::size_t l) {
        rows.Add(x, static_cast<std::size_t>(labels[p]), l);
      },
      [&] { rows.Total(k, sums, weight_sums); });
}

// d <= 3: each cluster's sums and weight as one 32-byte row (x0, x1, x2 | w) of an aligned
// stack copy, so a point is one 4-double add and store. Measured: the row-per-point chain
// through memory (store, then the next point of the same cluster loads it) is what bounds this
// loop, and 24-byte rows that straddle cache lines made each link about twice as slow.
constexpr std::size_t kPackedMaxD = 3;
constexpr std::size_t kPackedMaxK = 256;  // 8 KiB of stack

template <bool Weighted>
HWY_NOINLINE void AccumulatePacked(const float* HWY_RESTRICT points,
                                   const float* HWY_RESTRICT weights, std::size_t n,
                                   std::size_t d, const std::int32_t* HWY_RESTRICT labels,
                                   std::size_t k, double* HWY_RESTRICT sums,
                                   double* HWY_RESTRICT weight_sums) {
  const hn::CappedTag<double, 4> d4;
  const hn::Rebind<float, decltype(d4)> f4;
  const std::size_t N = hn::Lanes(d4);  // 4, or 2 on 128-bit targets, 1 on SCALAR
  HWY_ALIGN double rows[kPackedMaxK * 4];
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t j = 0; j < 3; ++j) rows[c * 4 + j] = j < d ? sums[c * d + j] : 0.0;
    rows[c * 4 + 3] = weight_sums[c];
  }
  // A 4-float load at point i reads floats [i d, i d + 4): the last points go scalar.
  const std::size_t vector_points = n * d < 4 ? 0 : (n * d - 4) / d + 1;
  const auto weight_lane = hn::Set(d4, 3.0);
  for (std::size_t i = 0; i < vector_points; ++i) {
    double* HWY_RESTRICT row = rows + static_cast<std::size_t>(labels[i]) * 4;
    const double w = Weighted ? static_cast<double>(weights[i]) : 1.0;
    for (std::size_t h = 0; h < 4; h += N) {
      // Lanes d..2 pick up the next point's features: padding, never copied back.
      auto v = hn::PromoteTo(d4, hn::LoadU(f4, points + i * d + h));
      if constexpr (Weighted) v = hn::Mul(hn::Set(d4, w), v);
      const auto is_weight = hn::Eq(hn::Iota(d4, static_cast<double>(h)), weight_lane);
      v = hn::IfThenElse(is_weight, hn::Set(d4, w), v);
      hn::Store(hn::Add(hn::Load(d4, row + h), v), d4, row + h);
    }
  }
  for (std::size_t i = vector_points; i < n; ++i) {
    double* row = rows + static_cast<std::size_t>(labels[i]) * 4;
    const double w = Weighted ? static_cast<double>(weights[i]) : 1.0;
    for (std::size_t j = 0; j < d; ++j) row[j] += w * static_cast<double>(points[i * d + j]);
    row[3] += w;
  }
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t j = 0; j < d; ++j) sums[c * d + j] = rows[c * 4 + j];
    weight_sums[c] = rows[c * 4 + 3];
  }
}

HWY_INLINE void AccumulateAny(const float* points, const float* weights, std::size_t n,
                              std::size_t d, const std::int32_t* labels, double* sums,
                              double* weight_sums) {
  std::int32_t max_label = -1;
  for (std::size_t i = 0; i < n; ++i) max_label = labels[i] > max_label ? labels[i] : max_label;
  const std::size_t k = static_cast<std::size_t>(max_label + 1);
  if (accumulate_in_lanes(weights != nullptr, d, max_label)) {
    switch (d) {
      case 1: return AccumulateLanes<1>(points, n, labels, k, sums, weight_sums);
      case 2: return AccumulateLanes<2>(points, n, labels, k, sums, weight_sums);
      case 3: return AccumulateLanes<3>(points, n, labels, k, sums, weight_sums);
      default: return AccumulateLanes<4>(points, n, labels, k, sums, weight_sums);
    }
  }
  // copying the rows in and out must pay for itself
  if (d <= kPackedMaxD && k <= kPackedMaxK && n >= k) {
    if (weights != nullptr)
      return AccumulatePacked<true>(points, weights, n, d, labels, k, sums, weight_sums);
    return AccumulatePacked<false>(points, nullptr, n, d, labels, k, sums, weight_sums);
  }
  if (weights != nullptr)
    AccumulatePoints<true>(points, weights, n, d, labels, sums, weight_sums);
  else
    AccumulatePoints<false>(points, nullptr, n, d, labels, sums, weight_sums);
}

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();
#endif  // HWY_HAVE_FLOAT64

#endif  // TINYKM_HWY_ACCUMULATE_INL_H_
