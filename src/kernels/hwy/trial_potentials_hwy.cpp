// trial_potentials (kernels.hpp) for every Highway target with double lanes. d <= 4: per block
// of 64 points, each tile of points is deinterleaved once for the winner and every candidate
// (min_distance calls one per candidate: the loads and shuffles were half their work), its
// terms kept on the stack, then summed in the lanes' order with double vectors. d = 5 .. 16:
// 16 points a block in lanes (transposed tiles), the winner and the candidates in groups of
// centres as the assign kernels take them, the terms summed as at d <= 4.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "trial_potentials_hwy.cpp"
#include "hwy/foreach_target.h"  // IWYU pragma: keep

#include <cstddef>

#include "hwy/highway.h"
#include "assign_small_d-inl.h"
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

// The last, ragged block (m points, not a whole number of tiles) through zero-padded copies,
// so no load passes the arrays: run(tile, m rounded up to N, near) on the copies, where near is
// closest and receives the moved closest, which goes back to moved (where not null).
template <std::size_t kBlock, class Run>
HWY_INLINE void RaggedBlock(const float* HWY_RESTRICT points, std::size_t m, std::size_t d,
                            std::size_t N, const float* closest, float* moved, const Run& run) {
  HWY_ALIGN float tile[kBlock * candidate_max_d] = {};
  HWY_ALIGN float near[kBlock] = {};
  for (std::size_t f = 0; f < m * d; ++f) tile[f] = points[f];
  for (std::size_t i = 0; i < m; ++i) near[i] = closest[i];
  run(tile, (m + N - 1) / N * N, near);
  for (std::size_t i = 0; moved != nullptr && i < m; ++i) moved[i] = near[i];
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
    float* moved_here = winner != nullptr ? moved + i0 : nullptr;
    if (m % N == 0) {
      BlockTerms<D>(points + i0 * D, m, winner, cand, count, closest + i0, moved_here, terms);
    } else {
      RaggedBlock<kRowsBlock>(points + i0 * D, m, D, N, closest + i0, moved_here,
                              [&](const float* tile, std::size_t padded, float* near) {
                                BlockTerms<D>(tile, padded, winner, cand, count, near, near,
                                              terms);
                              });
    }
    for (std::size_t t = 0; t < count; ++t) pot[t] += BlockTotal(terms + t * kRowsBlock, m);
  }
}

// d = 5 .. 16: the points in lanes, tiled as the assign kernels tile them (point_tile-inl.h),
// the winner and the candidates in groups of TileDistances: per lane min_distance's operations
// (x_0 - c_0 squared, then MulAdd in feature order), so candidate_min's bits. Lanes of
// candidates did one subtraction and one FMA per feature for count + 1 <= 8 of a vector's lanes
// per point; lanes of points fill every lane for the cost of the tile's transpose.
constexpr std::size_t kColumnsBlock = potential_block(candidate_max_d);
constexpr std::size_t kGroup = kSmallDCentres;
constexpr std::size_t kColumnsMax = trial_max_count + 1;
static_assert(kColumnsBlock == 16 && kColumnsBlock == potential_block(5), "16-point blocks");

// Column `col` of a tile's group: the winner (column 0 where there is one) moves `before` and
// is stored to moved; a candidate's terms min(dist, before) go to its row of terms.
template <class DF, class VF>
HWY_INLINE void TakeColumn(DF df, VF dist, std::size_t col, bool winner, VF& before,
                           float* HWY_RESTRICT moved, float* HWY_RESTRICT terms) {
  if (winner && col == 0) {
    before = hn::IfThenElse(hn::Lt(dist, before), dist, before);
    hn::StoreU(before, df, moved);
    return;
  }
  const std::size_t t = col - (winner ? 1 : 0);
  hn::Store(hn::IfThenElse(hn::Lt(dist, before), dist, before), df, terms + t * kColumnsBlock);
}

// Columns c .. c + C - 1 of one tile: their distances in one interleaved pass (C chains of
// FMAs in flight), then taken in column order (the winner first).
template <std::size_t C, std::size_t D, class DF, class VF = hn::Vec<DF>>
HWY_INLINE void GroupTerms(DF df, const float* HWY_RESTRICT soa, std::size_t d,
                           const float* HWY_RESTRICT columns, std::size_t c, bool winner,
                           VF& before, float* moved, float* HWY_RESTRICT terms) {
  VF a0 = hn::Zero(df), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
  TileDistances<C, D>(df, soa, d, columns + c * d, a0, a1, a2, a3, a4, a5, a6, a7);
  TakeColumn(df, a0, c, winner, before, moved, terms);
  if constexpr (C > 1) TakeColumn(df, a1, c + 1, winner, before, moved, terms);
  if constexpr (C > 2) TakeColumn(df, a2, c + 2, winner, before, moved, terms);
  if constexpr (C > 3) TakeColumn(df, a3, c + 3, winner, before, moved, terms);
  if constexpr (C > 4) TakeColumn(df, a4, c + 4, winner, before, moved, terms);
  if constexpr (C > 5) TakeColumn(df, a5, c + 5, winner, before, moved, terms);
  if constexpr (C > 6) TakeColumn(df, a6, c + 6, winner, before, moved, terms);
  if constexpr (C > 7) TakeColumn(df, a7, c + 7, winner, before, moved, terms);
}

// m points of one block from points[i0] (n in all), a multiple of the tile's lanes: closest
// moved to the winner into moved, then terms[t * kColumnsBlock + p] for every candidate. The
// columns in groups of kGroup, the last group exactly as wide as what is left (no padding
// column costs a distance: 7 columns, k = 64's, are 7 chains, not 8).
template <std::size_t D>
HWY_INLINE void BlockTileTerms(const float* HWY_RESTRICT points, [[maybe_unused]] std::size_t n,
                               std::size_t i0, std::size_t m, std::size_t d,
                               const float* HWY_RESTRICT columns, std::size_t cols, bool winner,
                               const float* closest, float* moved, float* HWY_RESTRICT terms) {
  const TileTag df;
  using VF = hn::Vec<TileTag>;
  const std::size_t N = hn::Lanes(df), dd = D != 0 ? D : d;
  HWY_ALIGN float soa[TileFloats(df)];
  for (std::size_t i = 0; i < m; i += N) {
    const float* rows = points + (i0 + i) * dd;
#if TINYKM_HWY_TILE_IN_REGISTERS
    if (RowsInBounds(df, i0 + i, n, dd))
      TransposeRows(df, rows, dd, soa);
    else
#endif
      TransposePointTile(df, rows, N, dd, soa);
    VF before = hn::LoadU(df, closest + i);
    float* m_i = winner ? moved + i : nullptr;  // moved is null without a winner
    float* t_i = terms + i;
    std::size_t c = 0;
    for (; c + kGroup <= cols; c += kGroup)
      GroupTerms<kGroup, D>(df, soa, dd, columns, c, winner, before, m_i, t_i);
    switch (cols - c) {
      case 0: break;
      case 1: GroupTerms<1, D>(df, soa, dd, columns, c, winner, before, m_i, t_i); break;
      case 2: GroupTerms<2, D>(df, soa, dd, columns, c, winner, before, m_i, t_i); break;
      case 3: GroupTerms<3, D>(df, soa, dd, columns, c, winner, before, m_i, t_i); break;
      case 4: GroupTerms<4, D>(df, soa, dd, columns, c, winner, before, m_i, t_i); break;
      case 5: GroupTerms<5, D>(df, soa, dd, columns, c, winner, before, m_i, t_i); break;
      case 6: GroupTerms<6, D>(df, soa, dd, columns, c, winner, before, m_i, t_i); break;
      default: GroupTerms<7, D>(df, soa, dd, columns, c, winner, before, m_i, t_i); break;
    }
  }
}

#if HWY_ARCH_X86 && HWY_TARGET <= HWY_AVX3
// The block totals of 8 candidates' rows of 16 terms (row t at terms + t * kColumnsBlock), in
// lane t: BlockTotal's bits (lane l = term l + term (l + 8), then lane_tree) by a transposing
// reduction, each stage adding adjacent lanes for twice as many rows. The scalar trees' loads
// and adds were about 15 % of the kernel at sensor-16d (perf).
HWY_INLINE __m512d BlockTotals8(const float* HWY_RESTRICT terms) {
  __m512d s[8];
  for (std::size_t t = 0; t < 8; ++t) {
    const __m512 v = _mm512_load_ps(terms + t * kColumnsBlock);
    s[t] = _mm512_add_pd(_mm512_cvtps_pd(_mm512_castps512_ps256(v)),
                         _mm512_cvtps_pd(_mm512_extractf32x8_ps(v, 1)));
  }
  __m512d u[4];  // u[i], block b: rows 2i, 2i + 1, lanes 2b + 2b + 1
  for (std::size_t i = 0; i < 4; ++i)
    u[i] = _mm512_add_pd(_mm512_unpacklo_pd(s[2 * i], s[2 * i + 1]),
                         _mm512_unpackhi_pd(s[2 * i], s[2 * i + 1]));
  __m512d w[2];  // w[i], blocks 2r, 2r + 1: rows 4i + 2r, 4i + 2r + 1, lanes 0-3 and 4-7
  for (std::size_t i = 0; i < 2; ++i)
    w[i] = _mm512_add_pd(_mm512_shuffle_f64x2(u[2 * i], u[2 * i + 1], 0x88),
                         _mm512_shuffle_f64x2(u[2 * i], u[2 * i + 1], 0xDD));
  return _mm512_add_pd(_mm512_shuffle_f64x2(w[0], w[1], 0x88),
                       _mm512_shuffle_f64x2(w[0], w[1], 0xDD));
}

// pot[t] += each block's total, block by block, for count <= 16 candidates: the running sums
// stay in registers.
struct PotentialSums {
  __m512d lo, hi;
  double* pot;
  std::size_t count;
  explicit PotentialSums(double* p, std::size_t c) : pot(p), count(c) {
    HWY_ALIGN double start[16] = {};
    for (std::size_t t = 0; t < count; ++t) start[t] = pot[t];
    lo = _mm512_load_pd(start);
    hi = _mm512_load_pd(start + 8);
  }
  void Add(const float* HWY_RESTRICT terms) {
    lo = _mm512_add_pd(lo, BlockTotals8(terms));
    if (count > 8) hi = _mm512_add_pd(hi, BlockTotals8(terms + 8 * kColumnsBlock));
  }
  void Store() const {
    HWY_ALIGN double end[16];
    _mm512_store_pd(end, lo);
    _mm512_store_pd(end + 8, hi);
    for (std::size_t t = 0; t < count; ++t) pot[t] = end[t];
  }
};
#else
struct PotentialSums {  // BlockTotal per candidate
  double* pot;
  std::size_t count;
  PotentialSums(double* p, std::size_t c) : pot(p), count(c) {}
  void Add(const float* HWY_RESTRICT terms) {
    for (std::size_t t = 0; t < count; ++t)
      pot[t] += BlockTotal(terms + t * kColumnsBlock, kColumnsBlock);
  }
  void Store() const {}
};
#endif

template <std::size_t D>
HWY_NOINLINE void TrialPotentialsTiles(const float* HWY_RESTRICT points, std::size_t n,
                                       std::size_t d, const float* HWY_RESTRICT winner,
                                       const float* HWY_RESTRICT cand, std::size_t count,
                                       const float* closest, float* moved,
                                       double* HWY_RESTRICT pot) {
  const std::size_t N = hn::Lanes(TileTag()), dd = D != 0 ? D : d;
  const std::size_t first = winner != nullptr ? 1 : 0, cols = first + count;
  HWY_ALIGN float columns[kColumnsMax * candidate_max_d];  // rows
  for (std::size_t j = 0; winner != nullptr && j < dd; ++j) columns[j] = winner[j];
  for (std::size_t f = 0; f < count * dd; ++f) columns[first * dd + f] = cand[f];
  // Rows past count stay zero; a ragged block's terms past its points are zeroed.
  HWY_ALIGN float terms[candidate_lanes * kColumnsBlock] = {};
  PotentialSums sums(pot, count);
  for (std::size_t i0 = 0; i0 < n; i0 += kColumnsBlock) {
    const std::size_t m = n - i0 < kColumnsBlock ? n - i0 : kColumnsBlock;
    float* moved_here = winner != nullptr ? moved + i0 : nullptr;
    if (m % N == 0) {
      BlockTileTerms<D>(points, n, i0, m, dd, columns, cols, winner != nullptr, closest + i0,
                        moved_here, terms);
    } else {
      RaggedBlock<kColumnsBlock>(points + i0 * dd, m, dd, N, closest + i0, moved_here,
                                 [&](const float* tile, std::size_t padded, float* near) {
                                   BlockTileTerms<D>(tile, padded, 0, padded, dd, columns, cols,
                                                     winner != nullptr, near, near, terms);
                                 });
    }
    for (std::size_t t = 0; m < kColumnsBlock && t < count; ++t)  // the last block's tail
      for (std::size_t i = m; i < kColumnsBlock; ++i) terms[t * kColumnsBlock + i] = 0.0f;
    sums.Add(terms);
  }
  sums.Store();
}

#endif  // HWY_HAVE_FLOAT64

void TrialPotentials(const float* points, std::size_t n, std::size_t d, const float* winner,
                     const float* cand, std::size_t count, const float* closest, float* moved,
                     double* pot) {
#if HWY_HAVE_FLOAT64
  if (d == 16)
    return TrialPotentialsTiles<16>(points, n, d, winner, cand, count, closest, moved, pot);
  if (d > 4)
    return TrialPotentialsTiles<0>(points, n, d, winner, cand, count, closest, moved, pot);
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
