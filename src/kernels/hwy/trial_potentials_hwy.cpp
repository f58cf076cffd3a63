// trial_potentials (kernels.hpp) for every Highway target with double lanes: per block of
// potential_block points, each tile of points is deinterleaved once for the winner and every
// candidate (min_distance calls one per candidate: the loads and shuffles were half their
// work), its terms kept on the stack, then summed in the lanes' order with double vectors.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "trial_potentials_hwy.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include <cstddef>

#include "hwy/highway.h"
#include "distances-inl.h"
#include "kernels.hpp"
#include "point_tile-inl.h"

HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

#if HWY_HAVE_FLOAT64

// At most 16 points a tile, so tiles fill a block exactly on every target.
using TileTag = hn::CappedTag<float, 16>;
static_assert(potential_block % 16 == 0, "tiles of up to 16 points fill a block");

// m points (a multiple of the tile's lanes) of one block: closest moved to the winner, then
// terms[t * potential_block + i] for every candidate, with MinDistanceFixed's operations.
template <std::size_t D>
HWY_INLINE void BlockTerms(const float* HWY_RESTRICT points, std::size_t m,
                           const float* HWY_RESTRICT winner, const float* HWY_RESTRICT cand,
                           std::size_t count, float* HWY_RESTRICT closest,
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
      hn::StoreU(before, df, closest + i);
    }
    for (std::size_t t = 0; t < count; ++t) {
      const auto dist = DistanceFixed<D>(df, x0, x1, x2, x3, cand + t * D);
      hn::Store(hn::IfThenElse(hn::Lt(dist, before), dist, before), df,
                terms + t * potential_block + i);
    }
  }
}

// m <= potential_block terms summed by the contract's rule: lane j % 8 in order, then the tree.
HWY_INLINE double BlockTotal(const float* HWY_RESTRICT terms, std::size_t m) {
  const hn::CappedTag<double, 8> dd;
  const hn::Rebind<float, decltype(dd)> df;
  const std::size_t N = hn::Lanes(dd);
  HWY_ALIGN double lane[8];
  const std::size_t whole = m / 8 * 8;
  for (std::size_t v = 0; v < 8; v += N) {
    auto acc = hn::Zero(dd);
    for (std::size_t j = 0; j < whole; j += 8)
      acc = hn::Add(acc, hn::PromoteTo(dd, hn::Load(df, terms + j + v)));
    hn::Store(acc, dd, lane + v);
  }
  for (std::size_t j = whole; j < m; ++j) lane[j - whole] += static_cast<double>(terms[j]);
  return ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
}

template <std::size_t D>
HWY_NOINLINE void TrialPotentialsFixed(const float* HWY_RESTRICT points, std::size_t n,
                                       const float* HWY_RESTRICT winner,
                                       const float* HWY_RESTRICT cand, std::size_t count,
                                       float* HWY_RESTRICT closest, double* HWY_RESTRICT pot) {
  const std::size_t N = hn::Lanes(TileTag());
  HWY_ALIGN float terms[trial_max_count * potential_block];
  for (std::size_t i0 = 0; i0 < n; i0 += potential_block) {
    const std::size_t m = n - i0 < potential_block ? n - i0 : potential_block;
    if (m % N == 0) {
      BlockTerms<D>(points + i0 * D, m, winner, cand, count, closest + i0, terms);
    } else {  // the last, ragged block through zero-padded copies: no access past the arrays
      HWY_ALIGN float tile[potential_block * D] = {};
      HWY_ALIGN float near[potential_block] = {};
      for (std::size_t f = 0; f < m * D; ++f) tile[f] = points[i0 * D + f];
      for (std::size_t i = 0; i < m; ++i) near[i] = closest[i0 + i];
      BlockTerms<D>(tile, (m + N - 1) / N * N, winner, cand, count, near, terms);
      for (std::size_t i = 0; i < m; ++i) closest[i0 + i] = near[i];
    }
    for (std::size_t t = 0; t < count; ++t) pot[t] += BlockTotal(terms + t * potential_block, m);
  }
}

#endif  // HWY_HAVE_FLOAT64

void TrialPotentials(const float* points, std::size_t n, std::size_t d, const float* winner,
                     const float* cand, std::size_t count, float* closest, double* pot) {
#if HWY_HAVE_FLOAT64
  switch (d) {
    case 1: return TrialPotentialsFixed<1>(points, n, winner, cand, count, closest, pot);
    case 2: return TrialPotentialsFixed<2>(points, n, winner, cand, count, closest, pot);
    case 3: return TrialPotentialsFixed<3>(points, n, winner, cand, count, closest, pot);
    default: return TrialPotentialsFixed<4>(points, n, winner, cand, count, closest, pot);
  }
#else  // no double lanes (armv7 NEON): this target's min_distance (its bits) per candidate
  float terms[potential_block];
  for (std::size_t i0 = 0; i0 < n; i0 += potential_block) {
    const std::size_t m = n - i0 < potential_block ? n - i0 : potential_block;
    const float* x = points + i0 * d;
    if (winner != nullptr) MinDistanceAny(x, m, d, winner, closest + i0, closest + i0);
    for (std::size_t t = 0; t < count; ++t) {
      MinDistanceAny(x, m, d, cand + t * d, closest + i0, terms);
      double lane[8] = {};
      for (std::size_t j = 0; j < m; ++j) lane[j % 8] += static_cast<double>(terms[j]);
      pot[t] += ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
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
                          float* closest, double* pot) {
  HWY_DYNAMIC_DISPATCH(TrialPotentials)(points, n, d, winner, cand, count, closest, pot);
}

}  // namespace tinykm::kernels
#endif  // HWY_ONCE
