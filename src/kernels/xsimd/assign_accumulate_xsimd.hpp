// xsimd assign + accumulate in one sweep for d <= 4, k <= 16, no weights (kernels.hpp:
// assign_accumulate_sig), templated on the architecture A like the other kernels. Per sub-block
// of accumulate_block points: each tile of W points (lanes = points) is assigned with
// assign_small_d<A, D>'s operations (the same labels and min_dist) and its transposed features
// and labels kept in a 5 KiB stack block (L1); then, per cluster, the lane rule's float lane
// sums stay in registers (the rule's lane l is point l of each group of 16: 16 / W batches per
// feature, one masked add per batch, point order per lane) before the halving tree in double,
// as accumulate does. No point is read twice and no load-add-store per point is left.
#pragma once

#include "assign_xsimd.hpp"
#include "common_xsimd.hpp"

namespace tinykm::kernels::xs {

constexpr std::size_t rule_lanes = accumulate_lanes;
constexpr std::size_t sub_block = accumulate_block;

// One sub-block, assigned: soa[j * sub_block + i] is feature j of its point i, labels[i] its
// label as a float (-1 past the sub-block's last point, up to a multiple of 16).
template <std::size_t D>
struct sub_block_tiles {
  alignas(64) float soa[D * sub_block];  // 4 KiB at D = 4
  alignas(64) float labels[sub_block];
};

// accumulate_lane_tree() of kernels.hpp, templated on A so that each arch's copy stays its own
// (common_xsimd.hpp).
template <class A>
inline double lane_tree(const float* row) noexcept {
  double t[rule_lanes];
  for (std::size_t l = 0; l < rule_lanes; ++l) t[l] = static_cast<double>(row[l]);
  for (std::size_t h = rule_lanes / 2; h > 0; h /= 2)
    for (std::size_t l = 0; l < h; ++l) t[l] += t[l + h];
  return t[0];
}

// One tile of m <= W points at `rows`, point i of the sub-block `t`: assigned with
// assign_small_d<A, D>'s operations, its features and labels kept in `t`.
template <class A, std::size_t D>
inline void assign_tile(const float* rows, std::size_t m, const float* centroids, std::size_t k,
                        std::int32_t* labels, float* min_dist, sub_block_tiles<D>& t,
                        std::size_t i) noexcept {
  using B = fbatch<A>;
  constexpr std::size_t W = B::size;
  alignas(A::alignment()) float tile[D * W];
  transpose_tile<A, D>(rows, m, D, tile);
  B x[D];
  for (std::size_t j = 0; j < D; ++j) x[j] = B::load_aligned(tile + j * W);
  const B one(1.0f);
  B best(infinity<A>);
  B best_index(0.0f);
  B index(0.0f);
  const float* c = centroids;
  for (std::size_t ci = 0; ci < k; ++ci, c += D, index += one) {
    B d0 = x[0] - B(c[0]);
    B sq = d0 * d0;
    for (std::size_t j = 1; j < D; ++j) {
      d0 = x[j] - B(c[j]);
      sq = xsimd::fma(d0, d0, sq);
    }
    keep_min<A>(sq, index, best, best_index);
  }
  store_lanes<A>(best, best_index, m, labels, min_dist);
  // Lanes past m repeat the last point (transpose_tile): they join no cluster.
  if (m < W)
    best_index = xsimd::select(lane_iota<A>() < B(static_cast<float>(m)), best_index, B(-1.0f));
  best_index.store_aligned(t.labels + i);
  for (std::size_t j = 0; j < D; ++j) x[j].store_aligned(t.soa + j * sub_block + i);
}

// The lane rule on the sub-block held in `t` (`held` points, a multiple of 16): per cluster,
// the 16 lanes of each feature (and of the count) in 16 / W batches, each summing its points in
// point order, then the lane tree into sums and weight_sums. A cluster without points would add
// +0.0 (kernels.hpp: sums hold no -0.0), so it is skipped.
template <class A, std::size_t D>
inline void accumulate_sub_block(const sub_block_tiles<D>& t, std::size_t held, std::size_t k,
                                 double* sums, double* weight_sums) noexcept {
  using B = fbatch<A>;
  constexpr std::size_t W = B::size, G = rule_lanes / W, R = D + 1;
  static_assert(rule_lanes % W == 0 && sub_block % rule_lanes == 0, "a batch is a slice of 16");
  alignas(64) float row[rule_lanes];
  const B one(1.0f);
  for (std::size_t c = 0; c < k; ++c) {
    const B label(static_cast<float>(c));
    B acc[R * G];  // row D: the count
    for (std::size_t r = 0; r < R * G; ++r) acc[r] = B(0.0f);
    for (std::size_t i = 0; i < held; i += rule_lanes)
      for (std::size_t g = 0; g < G; ++g) {
        const std::size_t p = i + g * W;
        const auto in = B::load_aligned(t.labels + p) == label;
        for (std::size_t j = 0; j < D; ++j)
          acc[j * G + g] = xsimd::select(
              in, acc[j * G + g] + B::load_aligned(t.soa + j * sub_block + p), acc[j * G + g]);
        acc[D * G + g] = xsimd::select(in, acc[D * G + g] + one, acc[D * G + g]);
      }
    for (std::size_t g = 0; g < G; ++g) acc[D * G + g].store_aligned(row + g * W);
    const double count = lane_tree<A>(row);
    if (count == 0.0) continue;
    for (std::size_t j = 0; j < D; ++j) {
      for (std::size_t g = 0; g < G; ++g) acc[j * G + g].store_aligned(row + g * W);
      sums[c * D + j] += lane_tree<A>(row);
    }
    weight_sums[c] += count;
  }
}

template <class A, std::size_t D>
void assign_accumulate_fixed(const float* points, std::size_t n, const float* centroids,
                             std::size_t k, std::int32_t* labels, float* min_dist, double* sums,
                             double* weight_sums) noexcept {
  constexpr std::size_t W = fbatch<A>::size;
  sub_block_tiles<D> t;
  for (std::size_t start = 0; start < n; start += sub_block) {
    const std::size_t m = n - start < sub_block ? n - start : sub_block;
    std::size_t i = 0;
    for (; i < m; i += W) {
      const std::size_t p = start + i;
      assign_tile<A, D>(points + p * D, m - i < W ? m - i : W, centroids, k, labels + p,
                        min_dist + p, t, i);
    }
    const std::size_t held = (m + rule_lanes - 1) / rule_lanes * rule_lanes;
    for (; i < held; ++i) {  // whole groups of 16: the rest join no cluster
      t.labels[i] = -1.0f;
      for (std::size_t j = 0; j < D; ++j) t.soa[j * sub_block + i] = 0.0f;
    }
    accumulate_sub_block<A, D>(t, held, k, sums, weight_sums);
  }
}

template <class A>
void assign_accumulate(const float* points, std::size_t n, std::size_t d, const float* centroids,
                       const float*, std::size_t k, std::int32_t* labels, float* min_dist,
                       double* sums, double* weight_sums) {
  switch (d) {
    case 1:
      return assign_accumulate_fixed<A, 1>(points, n, centroids, k, labels, min_dist, sums,
                                           weight_sums);
    case 2:
      return assign_accumulate_fixed<A, 2>(points, n, centroids, k, labels, min_dist, sums,
                                           weight_sums);
    case 3:
      return assign_accumulate_fixed<A, 3>(points, n, centroids, k, labels, min_dist, sums,
                                           weight_sums);
    default:
      return assign_accumulate_fixed<A, 4>(points, n, centroids, k, labels, min_dist, sums,
                                           weight_sums);
  }
}

}  // namespace tinykm::kernels::xs
