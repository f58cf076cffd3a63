// xsimd kernels for the full distance matrix (transform) and the initialisation's running
// minimum distance (kernels.hpp: distances_fn, min_distance_fn, candidate_min_fn). Exact form
// (x - c)^2. For d <= 16 lanes = points (a transposed tile of W points against one centre at a
// time), else vectorised over d with hadd; candidate_min: lanes = candidates.
#pragma once

#include <cstring>

#include "assign_xsimd.hpp"
#include "common_xsimd.hpp"

namespace tinykm::kernels::xs {

// Squared distances of the W points of a transposed tile (tile[j * W + l]) to centre c.
template <class A>
inline fbatch<A> tile_distance(const float* tile, const float* c, std::size_t d) noexcept {
  using B = fbatch<A>;
  constexpr std::size_t W = B::size;
  B t = B::load_aligned(tile) - B(c[0]);
  B s = t * t;
  for (std::size_t j = 1; j < d; ++j) {
    t = B::load_aligned(tile + j * W) - B(c[j]);
    s = xsimd::fma(t, t, s);
  }
  return s;
}

template <class A>
void distances(const float* points, std::size_t n, std::size_t d, const float* centroids,
               std::size_t k, float* out) {
  using B = fbatch<A>;
  constexpr std::size_t W = B::size;
  if (d <= small_d_max) {
    alignas(A::alignment()) float tile[small_d_max * W];
    alignas(A::alignment()) float dist[W];
    for (std::size_t i = 0; i < n; i += W) {
      const std::size_t m = n - i < W ? n - i : W;
      transpose_tile<A, 0>(points + i * d, m, d, tile);
      for (std::size_t c = 0; c < k; ++c) {
        tile_distance<A>(tile, centroids + c * d, d).store_aligned(dist);
        for (std::size_t l = 0; l < m; ++l) out[(i + l) * k + c] = dist[l];
      }
    }
    return;
  }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t c = 0; c < k; ++c)
      out[i * k + c] = exact_distance_vec<A>(points + i * d, centroids + c * d, d);
}

template <class A>
void min_distance(const float* points, std::size_t n, std::size_t d, const float* c,
                  const float* in, float* out) {
  using B = fbatch<A>;
  constexpr std::size_t W = B::size;
  if (d <= small_d_max) {
    alignas(A::alignment()) float tile[small_d_max * W];
    alignas(A::alignment()) float dist[W];
    for (std::size_t i = 0; i < n; i += W) {
      const std::size_t m = n - i < W ? n - i : W;
      transpose_tile<A, 0>(points + i * d, m, d, tile);
      const B s = tile_distance<A>(tile, c, d);
      if (m == W) {
        const B prev = B::load_unaligned(in + i);
        xsimd::select(s < prev, s, prev).store_unaligned(out + i);  // in may alias out
      } else {
        s.store_aligned(dist);
        for (std::size_t l = 0; l < m; ++l) out[i + l] = dist[l] < in[i + l] ? dist[l] : in[i + l];
      }
    }
    return;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const float s = exact_distance_vec<A>(points + i * d, c, d);
    out[i] = s < in[i] ? s : in[i];
  }
}

// P points (P <= 8) against the W candidates of a column block (stride candidate_lanes):
// tile_distance's operations per lane, so min_distance's bits. Stores all W lanes at
// out[p * stride].
template <class A, std::size_t P>
inline void candidate_points(const float* x, std::size_t d, const float* cand,
                             const float* closest, float* out, std::size_t stride) noexcept {
  using B = fbatch<A>;
  B acc[P];
  const B c0 = B::load_unaligned(cand);
  for (std::size_t p = 0; p < P; ++p) {
    const B t = B(x[p * d]) - c0;
    acc[p] = t * t;
  }
  for (std::size_t j = 1; j < d; ++j) {
    const B c = B::load_unaligned(cand + j * candidate_lanes);
    for (std::size_t p = 0; p < P; ++p) {
      const B t = B(x[p * d + j]) - c;
      acc[p] = xsimd::fma(t, t, acc[p]);
    }
  }
  for (std::size_t p = 0; p < P; ++p) {
    const B before(closest[p]);
    xsimd::select(acc[p] < before, acc[p], before).store_unaligned(out + p * stride);
  }
}

// kernels.hpp: candidate_min_fn. Lanes = candidates, eight points at a time (independent fma
// chains hide their latency). With one block (count <= W) a row's store may run into the next
// row, stored after it; a group whose stores would pass out[n * count), and groups of several
// blocks, go through a tile.
template <class A>
void candidate_min(const float* points, std::size_t n, std::size_t d, const float* cand,
                   std::size_t count, const float* closest, float* out) {
  constexpr std::size_t W = fbatch<A>::size;
  static_assert(candidate_lanes % W == 0, "column blocks tile the candidate lanes");
  alignas(A::alignment()) float tile[8 * candidate_lanes];
  for (std::size_t i = 0; i < n; i += 8) {
    const std::size_t m = n - i < 8 ? n - i : 8;
    if (count <= W && (i + 7) * count + W <= n * count) {
      candidate_points<A, 8>(points + i * d, d, cand, closest + i, out + i * count, count);
      continue;
    }
    for (std::size_t v = 0; v < count; v += W) {
      if (m == 8) {
        candidate_points<A, 8>(points + i * d, d, cand + v, closest + i, tile + v,
                               candidate_lanes);
        continue;
      }
      for (std::size_t p = 0; p < m; ++p)
        candidate_points<A, 1>(points + (i + p) * d, d, cand + v, closest + i + p,
                               tile + p * candidate_lanes + v, candidate_lanes);
    }
    for (std::size_t p = 0; p < m; ++p)
      std::memcpy(out + (i + p) * count, tile + p * candidate_lanes, count * sizeof(float));
  }
}

}  // namespace tinykm::kernels::xs
