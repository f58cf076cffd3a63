// xsimd accumulate kernel (kernels.hpp: accumulate_fn). Bit-identical to accumulate_scalar for
// any data. Lane rule: accumulate_lanes, the 16 lanes as 16 / W batches. Point-order rule: only
// the features of one point are processed side by side (float -> double conversion, then a
// vector add into the row of its cluster), never several points, so no addition is reordered.
// w * x is exact in double (24-bit x 24-bit significands), so multiplying or not by w == 1 and
// contracting w * x + s into an FMA cannot change a bit either.
#pragma once

#include "common_xsimd.hpp"

namespace tinykm::kernels::xs {

#include "accumulate_blocks-inl.h"  // NOLINT: inside this namespace

// ARMv7 NEON has no double-precision vectors: that arch keeps the scalar loop.
template <class A>
constexpr bool has_double_vectors = !std::is_same<A, xsimd::neon>::value;

template <class A>
inline void accumulate_row_scalar(const float* x, double w, std::size_t j0, std::size_t d,
                                  double* s) noexcept {
  for (std::size_t j = j0; j < d; ++j) s[j] += w * static_cast<double>(x[j]);
}

// A 4-float batch of the same instruction family as A: the lane rule's rows are 4 or 8 floats.
template <class A>
using row_arch = std::conditional_t<fbatch<A>::size == 4, A, xsimd::sse4_1>;

// Lane rule, d == D. Per sub-block, cluster c and lane l own a row of RW floats in `part`: the
// lane's feature sums, its point count (exact in float), padding. A point is one add per 4
// floats into the row of its cluster and lane; the next point goes to another lane, so no
// store->load chain links consecutive points even when they share a cluster.
template <class A, std::size_t D>
void accumulate_lanes_fixed(const float* points, std::size_t n, const std::int32_t* labels,
                            std::size_t k, double* sums, double* weight_sums) noexcept {
  using B = xsimd::batch<float, row_arch<A>>;
  constexpr std::size_t L = accumulate_lanes, RW = D < 4 ? 4 : 8, N = B::size;
  static_assert(N == 4, "rows are handled 4 floats at a time");
  alignas(64) float part[accumulate_lanes_max_k * L * RW];  // 8 KiB at D = 4, 4 KiB below
  alignas(16) float lane_index[RW];
  for (std::size_t h = 0; h < RW; ++h) lane_index[h] = static_cast<float>(h);
  // Lane D of a row counts the point; lanes past D pick up the next point's features: padding,
  // never read.
  const auto add_point = [&](const float* x, std::size_t p, std::size_t l) {
    float* row = part + (static_cast<std::size_t>(labels[p]) * L + l) * RW;
    for (std::size_t h = 0; h < RW; h += N) {
      const B lane = B::load_aligned(lane_index + h);
      const B count = xsimd::select(lane == B(static_cast<float>(D)), B(1.0f), B(0.0f));
      const B v = xsimd::select(lane < B(static_cast<float>(D)), B::load_unaligned(x + h), count);
      (B::load_aligned(row + h) + v).store_aligned(row + h);
    }
  };
  const auto zero = [&] {
    for (std::size_t r = 0; r < k * L * RW; r += N) B(0.0f).store_aligned(part + r);
  };
  // accumulate_lane_tree() of kernels.hpp on every column of the cluster's rows at once.
  const auto total = [&] {
    for (std::size_t c = 0; c < k; ++c) {
      double t[L][RW];
      const float* rows = part + c * L * RW;
      for (std::size_t l = 0; l < L; ++l)
        for (std::size_t j = 0; j < RW; ++j) t[l][j] = static_cast<double>(rows[l * RW + j]);
      for (std::size_t h = L / 2; h > 0; h /= 2)
        for (std::size_t l = 0; l < h; ++l)
          for (std::size_t j = 0; j < RW; ++j) t[l][j] += t[l + h][j];
      for (std::size_t j = 0; j < D; ++j) sums[c * D + j] += t[0][j];
      weight_sums[c] += t[0][D];
    }
  };
  accumulate_blocks<D, RW>(points, n, zero, add_point, total);
}

// d <= 4: the row of a cluster and its weight side by side in a local table (one cache line
// per cluster, no possible aliasing with the inputs), copied in and out around the block.
// Measured 1.5 -> 1.0 ms per million points at d = 3, k = 8 (AVX-512 machine).
constexpr std::size_t local_max_clusters = 64;

template <class A, std::size_t D>
void accumulate_local(const float* points, const float* weights, std::size_t n,
                      const std::int32_t* labels, std::size_t k, double* sums,
                      double* weight_sums) noexcept {
  constexpr std::size_t R = D + 1;
  double local[local_max_clusters * R];
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t j = 0; j < D; ++j) local[c * R + j] = sums[c * D + j];
    local[c * R + D] = weight_sums[c];
  }
  if (weights != nullptr) {
    for (std::size_t i = 0; i < n; ++i) {
      double* s = local + static_cast<std::size_t>(labels[i]) * R;
      const double w = static_cast<double>(weights[i]);
      for (std::size_t j = 0; j < D; ++j) s[j] += w * static_cast<double>(points[i * D + j]);
      s[D] += w;
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      double* s = local + static_cast<std::size_t>(labels[i]) * R;
      for (std::size_t j = 0; j < D; ++j) s[j] += static_cast<double>(points[i * D + j]);
      s[D] += 1.0;
    }
  }
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t j = 0; j < D; ++j) sums[c * D + j] = local[c * R + j];
    weight_sums[c] = local[c * R + D];
  }
}

// Point order, the features of a point in double batches (d at least their width), then the
// rest of its row one by one.
template <class A>
void accumulate_rows(const float* points, const float* weights, std::size_t n, std::size_t d,
                     const std::int32_t* labels, double* sums, double* weight_sums) noexcept {
  using D = dbatch<A>;
  constexpr std::size_t WD = D::size;
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<std::size_t>(labels[i]);
    const double w = weights ? static_cast<double>(weights[i]) : 1.0;
    const float* x = points + i * d;
    double* s = sums + c * d;
    std::size_t j = 0;
    if (weights != nullptr) {
      const D wb(w);
      for (; j + WD <= d; j += WD)
        (D::load_unaligned(s + j) + wb * D::load_unaligned(x + j)).store_unaligned(s + j);
    } else {
      for (; j + WD <= d; j += WD)
        (D::load_unaligned(s + j) + D::load_unaligned(x + j)).store_unaligned(s + j);
    }
    accumulate_row_scalar<A>(x, w, j, d, s);
    weight_sums[c] += w;
  }
}

template <class A>
void accumulate(const float* points, const float* weights, std::size_t n, std::size_t d,
                const std::int32_t* labels, double* sums, double* weight_sums) {
  if (d <= 4) {
    std::int32_t max_label = -1;
    for (std::size_t i = 0; i < n; ++i) max_label = labels[i] > max_label ? labels[i] : max_label;
    const auto k = static_cast<std::size_t>(max_label + 1);  // clusters this block touches
    if (accumulate_in_lanes(weights != nullptr, d, max_label)) {
      switch (d) {
        case 1: return accumulate_lanes_fixed<A, 1>(points, n, labels, k, sums, weight_sums);
        case 2: return accumulate_lanes_fixed<A, 2>(points, n, labels, k, sums, weight_sums);
        case 3: return accumulate_lanes_fixed<A, 3>(points, n, labels, k, sums, weight_sums);
        default: return accumulate_lanes_fixed<A, 4>(points, n, labels, k, sums, weight_sums);
      }
    }
    if (k <= local_max_clusters) {
      switch (d) {
        case 1: return accumulate_local<A, 1>(points, weights, n, labels, k, sums, weight_sums);
        case 2: return accumulate_local<A, 2>(points, weights, n, labels, k, sums, weight_sums);
        case 3: return accumulate_local<A, 3>(points, weights, n, labels, k, sums, weight_sums);
        case 4: return accumulate_local<A, 4>(points, weights, n, labels, k, sums, weight_sums);
        default: break;
      }
    }
  }
  if constexpr (has_double_vectors<A>) {
    if (d >= dbatch<A>::size)
      return accumulate_rows<A>(points, weights, n, d, labels, sums, weight_sums);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = static_cast<std::size_t>(labels[i]);
    const double w = weights ? static_cast<double>(weights[i]) : 1.0;
    accumulate_row_scalar<A>(points + i * d, w, 0, d, sums + c * d);
    weight_sums[c] += w;
  }
}

}  // namespace tinykm::kernels::xs
