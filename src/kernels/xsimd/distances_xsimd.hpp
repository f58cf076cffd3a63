// xsimd kernels for the full distance matrix (transform) and the initialisation's running
// minimum distance (kernels.hpp: distances_fn, min_distance_fn). Exact form (x - c)^2. For
// d <= 16 lanes = points (a transposed tile of W points against one centre at a time), else
// vectorised over d with hadd.
#pragma once

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

}  // namespace tinykm::kernels::xs
