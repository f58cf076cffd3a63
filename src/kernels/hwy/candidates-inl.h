// candidate_min (initialisation): points against up to 16 transposed candidates, lanes =
// candidates. Per lane the operations of TileSquaredDistance / DistanceFixed (min_distance):
// t_0 = x_0 - c_0, acc = t_0 * t_0, then acc = MulAdd(t_j, t_j, acc) in feature order; so the
// same bits. Eight points at a time: their MulAdd chains are independent, which hides latency.
#if defined(TINYKM_HWY_CANDIDATES_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef TINYKM_HWY_CANDIDATES_INL_H_
#undef TINYKM_HWY_CANDIDATES_INL_H_
#else
#define TINYKM_HWY_CANDIDATES_INL_H_
#endif

#include <cstddef>
#include <cstring>

#include "hwy/highway.h"
#include "kernels.hpp"

HWY_BEFORE_NAMESPACE();
namespace tinykm::kernels::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// P points (rows x[p], P <= 8) against the N candidates of column block cand (stride
// candidate_lanes), each result min'ed with closest[p] and stored (all N lanes) to
// out[p * stride].
#if HWY_HAVE_SCALABLE
// Sizeless (SVE) vectors cannot form arrays: one point at a time, the same operations per lane.
template <std::size_t P, class DF>
HWY_INLINE void CandidatePoints(DF df, const float* HWY_RESTRICT x, std::size_t d,
                                const float* HWY_RESTRICT cand, const float* closest,
                                float* HWY_RESTRICT out, std::size_t stride) {
  for (std::size_t p = 0; p < P; ++p) {
    const float* row = x + p * d;
    auto t = hn::Sub(hn::Set(df, row[0]), hn::LoadU(df, cand));
    auto acc = hn::Mul(t, t);
    for (std::size_t j = 1; j < d; ++j) {
      t = hn::Sub(hn::Set(df, row[j]), hn::LoadU(df, cand + j * candidate_lanes));
      acc = hn::MulAdd(t, t, acc);
    }
    const auto before = hn::Set(df, closest[p]);
    hn::StoreU(hn::IfThenElse(hn::Lt(acc, before), acc, before), df, out + p * stride);
  }
}
#else
template <std::size_t P, class DF>
HWY_INLINE void CandidatePoints(DF df, const float* HWY_RESTRICT x, std::size_t d,
                                const float* HWY_RESTRICT cand, const float* closest,
                                float* HWY_RESTRICT out, std::size_t stride) {
  using V = hn::Vec<DF>;
  V acc[P];
  const V c0 = hn::LoadU(df, cand);
  for (std::size_t p = 0; p < P; ++p) {
    const V t = hn::Sub(hn::Set(df, x[p * d]), c0);
    acc[p] = hn::Mul(t, t);
  }
  for (std::size_t j = 1; j < d; ++j) {
    const V c = hn::LoadU(df, cand + j * candidate_lanes);
    for (std::size_t p = 0; p < P; ++p) {
      const V t = hn::Sub(hn::Set(df, x[p * d + j]), c);
      acc[p] = hn::MulAdd(t, t, acc[p]);
    }
  }
  for (std::size_t p = 0; p < P; ++p) {
    const V before = hn::Set(df, closest[p]);
    hn::StoreU(hn::IfThenElse(hn::Lt(acc[p], before), acc[p], before), df, out + p * stride);
  }
}
#endif

// The candidates in column blocks of df's lanes, eight points at a time. With one block
// (count <= N) a row's store may run past it into the next row, which is stored after it; a
// group whose stores would pass out[n * count), and every group with several blocks, goes
// through a tile on the stack whose first `count` columns are copied out.
template <class DF>
HWY_INLINE void CandidateMinTag(DF df, const float* HWY_RESTRICT points, std::size_t n,
                                std::size_t d, const float* HWY_RESTRICT cand, std::size_t count,
                                const float* closest, float* HWY_RESTRICT out) {
  const std::size_t N = hn::Lanes(df);
  HWY_ALIGN float tile[8 * candidate_lanes];
  for (std::size_t i = 0; i < n; i += 8) {
    const std::size_t m = n - i < 8 ? n - i : 8;
    if (count <= N && (i + 7) * count + N <= n * count) {
      CandidatePoints<8>(df, points + i * d, d, cand, closest + i, out + i * count, count);
      continue;
    }
    for (std::size_t v = 0; v < count; v += N) {  // N divides candidate_lanes
      if (m == 8) {
        CandidatePoints<8>(df, points + i * d, d, cand + v, closest + i, tile + v,
                           candidate_lanes);
        continue;
      }
      for (std::size_t p = 0; p < m; ++p)
        CandidatePoints<1>(df, points + (i + p) * d, d, cand + v, closest + i + p,
                           tile + p * candidate_lanes + v, candidate_lanes);
    }
    for (std::size_t p = 0; p < m; ++p)
      std::memcpy(out + (i + p) * count, tile + p * candidate_lanes, count * sizeof(float));
  }
}

// Vectors no wider than the candidates need: a wider one costs as much per lane (or more where
// 512-bit operations are double-pumped) and fills its lanes with padding.
HWY_INLINE void CandidateMinAny(const float* HWY_RESTRICT points, std::size_t n, std::size_t d,
                                const float* HWY_RESTRICT cand, std::size_t count,
                                const float* closest, float* HWY_RESTRICT out) {
  if (count <= 4) {
    CandidateMinTag(hn::CappedTag<float, 4>(), points, n, d, cand, count, closest, out);
  } else if (count <= 8) {
    CandidateMinTag(hn::CappedTag<float, 8>(), points, n, d, cand, count, closest, out);
  } else {
    CandidateMinTag(hn::CappedTag<float, candidate_lanes>(), points, n, d, cand, count, closest,
                    out);
  }
}

}  // namespace tinykm::kernels::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // TINYKM_HWY_CANDIDATES_INL_H_
