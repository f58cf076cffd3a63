// trial_potentials (kernels.hpp) for every Highway target with double lanes. d <= 4: per block
// of 64 points, each tile of points is deinterleaved once for the winner and every candidate
// (min_distance calls one per candidate: the loads and shuffles were half their work), its
// terms kept on the stack, then summed in the lanes' order with double vectors. d = 5 .. 16:
// the winner and the candidates in lanes (candidate_min's operations), 16 points a block, the
// terms summed in double vectors across candidates (the batch layer summed them one by one).
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "trial_potentials_hwy.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include <cstddef>

#include "hwy/highway.h"
#include "candidates-inl.h"
#include "distances-inl.h"
#include "kernels.hpp"
#include "lane_tree.hpp"
#include "point_tile-inl.h"

HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#if HWY_HAVE_FLOAT64

// At most 16 points a tile, so tiles fill a block exactly on every target.
using TileTag = hn::CappedTag<float, 16>;
constexpr std::size_t kRowsBlock = potential_block(4);
static_assert(kRowsBlock % 16 == 0, "tiles of up to 16 points fill a block");

// m points (a multiple of the tile's lanes) of one block: closest moved to the winner into
// moved (which may be closest), then terms[t * kRowsBlock + i] for every candidate, with
// MinDistanceFixed's operations.
template <std::size_t D>
HWY_INLINE void BlockTerms(const float* HWY_RESTRICT points, std::size_t m,
                           const float* HWY_RESTRICT winner, const float* HWY_RESTRICT cand,
                           std::size_t count, const float* closest, float* moved,
                           float* HWY_RESTRICT terms) {
  const TileTag df;
  const std::size_t N = hn::Lanes(df);
  for (std::size_t i = 0; i < m; i += N) {
    hn::Vec<TileTag> x0, x1, x2, x3;
    LoadTileFixed<D>(df, points + i * D, x0, x1, x2, x3);
    auto before = hn::LoadU(df, closest + i);
    if (winner != nullptr) {
      const auto dist = DistanceFixed<D>(df, x0, x1, x2, x3, winner);
      before = hn::IfThenElse(hn::Lt(dist, before), dist, before);
      hn::StoreU(before, df, moved + i);
    }
    for (std::size_t t = 0; t < count; ++t) {
      const auto dist = DistanceFixed<D>(df, x0, x1, x2, x3, cand + t * D);
      hn::Store(hn::IfThenElse(hn::Lt(dist, before), dist, before), df,
                terms + t * kRowsBlock + i);
    }
  }
}

// m <= kRowsBlock terms summed by the contract's rule: lane j % tree_lanes in order, then the tree.
HWY_INLINE double BlockTotal(const float* HWY_RESTRICT terms, std::size_t m) {
  const hn::CappedTag<double, tree_lanes> dd;
  const hn::Rebind<float, decltype(dd)> df;
  const std::size_t N = hn::Lanes(dd);
  HWY_ALIGN double lane[tree_lanes];
  const std::size_t whole = m / tree_lanes * tree_lanes;
  for (std::size_t v = 0; v < tree_lanes; v += N) {
    auto acc = hn::Zero(dd);
    for (std::size_t j = 0; j < whole; j += tree_lanes)
      acc = hn::Add(acc, hn::PromoteTo(dd, hn::Load(df, terms + j + v)));
    hn::Store(acc, dd, lane + v);
  }
  for (std::size_t j = whole; j < m; ++j) lane[j - whole] += static_cast<double>(terms[j]);
  return lane_tree(lane);
}

template <std::size_t D>
HWY_NOINLINE void TrialPotentialsFixed(const float* HWY_RESTRICT points, std::size_t n,
                                       const float* HWY_RESTRICT winner,
                                       const float* HWY_RESTRICT cand, std::size_t count,
                                       const float* closest, float* moved,
                                       double* HWY_RESTRICT pot) {
  const std::size_t N = hn::Lanes(TileTag());
  HWY_ALIGN float terms[trial_max_count * kRowsBlock];
  for (std::size_t i0 = 0; i0 < n; i0 += kRowsBlock) {
    const std::size_t m = n - i0 < kRowsBlock ? n - i0 : kRowsBlock;
    if (m % N == 0) {
      BlockTerms<D>(points + i0 * D, m, winner, cand, count, closest + i0,
                    winner != nullptr ? moved + i0 : nullptr, terms);
    } else {  // the last, ragged block through zero-padded copies: no access past the arrays
      HWY_ALIGN float tile[kRowsBlock * D] = {};
      HWY_ALIGN float near[kRowsBlock] = {};
      for (std::size_t f = 0; f < m * D; ++f) tile[f] = points[i0 * D + f];
      for (std::size_t i = 0; i < m; ++i) near[i] = closest[i0 + i];
      BlockTerms<D>(tile, (m + N - 1) / N * N, winner, cand, count, near, near, terms);
      for (std::size_t i = 0; winner != nullptr && i < m; ++i) moved[i0 + i] = near[i];
    }
    for (std::size_t t = 0; t < count; ++t) pot[t] += BlockTotal(terms + t * kRowsBlock, m);
  }
}

// d = 5 .. 16: candidate_min's lanes. A block's distances land in tile[p * kTileStride + c]
// (column 0 the winner where there is one); the stride leaves room for the double loads' last
// vector past the columns.
constexpr std::size_t kColumnsBlock = potential_block(candidate_max_d);
constexpr std::size_t kTileStride = 2 * candidate_lanes;
static_assert(kColumnsBlock == 16 && kColumnsBlock == potential_block(5), "two groups of 8 points");

template <class DF>
HWY_INLINE void BlockColumns(DF df, const float* HWY_RESTRICT points, std::size_t m,
                             std::size_t d, const float* HWY_RESTRICT columns, std::size_t cols,
                             const float* closest, float* HWY_RESTRICT tile) {
  const std::size_t N = hn::Lanes(df);
  for (std::size_t v = 0; v < cols; v += N) {
    if (m == kColumnsBlock) {
      CandidatePoints<8>(df, points, d, columns + v, closest, tile + v, kTileStride);
      CandidatePoints<8>(df, points + 8 * d, d, columns + v, closest + 8,
                         tile + 8 * kTileStride + v, kTileStride);
      continue;
    }
    for (std::size_t p = 0; p < m; ++p)
      CandidatePoints<1>(df, points + p * d, d, columns + v, closest + p,
                         tile + p * kTileStride + v, kTileStride);
  }
}

// One block's terms (min of a candidate's distance and the moved closest) summed per lane
// p % tree_lanes across the candidates at once, then each candidate's tree into pot.
HWY_INLINE void BlockSums(const float* HWY_RESTRICT tile, std::size_t m, bool winner,
                          std::size_t count, double* HWY_RESTRICT pot) {
  const hn::CappedTag<double, tree_lanes> dd;
  const hn::Rebind<float, decltype(dd)> df;
  const std::size_t N = hn::Lanes(dd), first = winner ? 1 : 0;
  HWY_ALIGN double lane[tree_lanes * kTileStride];
  for (std::size_t v = 0; v < count; v += N)
    for (std::size_t l = 0; l < tree_lanes; ++l) {
      auto acc = hn::Zero(dd);
      for (std::size_t p = l; p < m; p += tree_lanes) {
        auto term = hn::LoadU(df, tile + p * kTileStride + first + v);
        if (winner) {
          const auto moved = hn::Set(df, tile[p * kTileStride]);
          term = hn::IfThenElse(hn::Lt(term, moved), term, moved);
        }
        acc = hn::Add(acc, hn::PromoteTo(dd, term));
      }
      hn::StoreU(acc, dd, lane + l * kTileStride + v);
    }
  for (std::size_t t = 0; t < count; ++t) pot[t] += lane_tree(lane + t, kTileStride);
}

template <class DF>
HWY_NOINLINE void TrialPotentialsColumns(DF df, const float* HWY_RESTRICT points, std::size_t n,
                                         std::size_t d, const float* HWY_RESTRICT winner,
                                         const float* HWY_RESTRICT cand, std::size_t count,
                                         const float* closest, float* moved,
                                         double* HWY_RESTRICT pot) {
  const std::size_t first = winner != nullptr ? 1 : 0, cols = first + count;
  HWY_ALIGN float columns[candidate_max_d * candidate_lanes] = {};
  for (std::size_t j = 0; j < d; ++j) {
    if (winner != nullptr) columns[j * candidate_lanes] = winner[j];
    for (std::size_t t = 0; t < count; ++t)
      columns[j * candidate_lanes + first + t] = cand[t * d + j];
  }
  HWY_ALIGN float tile[kColumnsBlock * kTileStride] = {};
  for (std::size_t i0 = 0; i0 < n; i0 += kColumnsBlock) {
    const std::size_t m = n - i0 < kColumnsBlock ? n - i0 : kColumnsBlock;
    BlockColumns(df, points + i0 * d, m, d, columns, cols, closest + i0, tile);
    for (std::size_t p = 0; winner != nullptr && p < m; ++p) moved[i0 + p] = tile[p * kTileStride];
    BlockSums(tile, m, winner != nullptr, count, pot);
  }
}

#endif  // HWY_HAVE_FLOAT64

void TrialPotentials(const float* points, std::size_t n, std::size_t d, const float* winner,
                     const float* cand, std::size_t count, const float* closest, float* moved,
                     double* pot) {
#if HWY_HAVE_FLOAT64
  const std::size_t cols = count + (winner != nullptr ? 1 : 0);
  // Vectors no wider than the columns, as candidate_min chooses them.
  if (d > 4 && cols <= 4)
    return TrialPotentialsColumns(hn::CappedTag<float, 4>(), points, n, d, winner, cand, count,
                                  closest, moved, pot);
  if (d > 4 && cols <= 8)
    return TrialPotentialsColumns(hn::CappedTag<float, 8>(), points, n, d, winner, cand, count,
                                  closest, moved, pot);
  if (d > 4)
    return TrialPotentialsColumns(hn::CappedTag<float, candidate_lanes>(), points, n, d, winner,
                                  cand, count, closest, moved, pot);
  switch (d) {
    case 1: return TrialPotentialsFixed<1>(points, n, winner, cand, count, closest, moved, pot);
    case 2: return TrialPotentialsFixed<2>(points, n, winner, cand, count, closest, moved, pot);
    case 3: return TrialPotentialsFixed<3>(points, n, winner, cand, count, closest, moved, pot);
    default: return TrialPotentialsFixed<4>(points, n, winner, cand, count, closest, moved, pot);
  }
#else  // no double lanes (armv7 NEON): this target's min_distance (its bits) per candidate
  float terms[potential_block_max];
  const std::size_t block = potential_block(d);
  for (std::size_t i0 = 0; i0 < n; i0 += block) {
    const std::size_t m = n - i0 < block ? n - i0 : block;
    const float* x = points + i0 * d;
    if (winner != nullptr) MinDistanceAny(x, m, d, winner, closest + i0, moved + i0);
    const float* near = winner != nullptr ? moved + i0 : closest + i0;
    for (std::size_t t = 0; t < count; ++t) {
      MinDistanceAny(x, m, d, cand + t * d, near, terms);
      double lane[tree_lanes] = {};
      for (std::size_t j = 0; j < m; ++j) lane[j % tree_lanes] += static_cast<double>(terms[j]);
      pot[t] += lane_tree(lane);
    }
  }
#endif
}

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "entry_points.hpp"

namespace tinykm::kernels {

HWY_EXPORT(TrialPotentials);

void trial_potentials_hwy(const float* points, std::size_t n, std::size_t d,
                          const float* winner, const float* cand, std::size_t count,
                          const float* closest, float* moved, double* pot) {
  HWY_DYNAMIC_DISPATCH(TrialPotentials)(points, n, d, winner, cand, count, closest, moved, pot);
}

}  // namespace tinykm::kernels
#endif  // HWY_ONCE
