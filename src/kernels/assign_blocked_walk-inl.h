// The walk of the blocked assign kernel (assign_shape.hpp: blocked), shared by the Highway and
// xsimd kernels, which differ only in their vector code, passed as `ops`:
//   ops.lanes                    centres per vector (a divisor of prepared_lanes)
//   ops.start(m)                 resets the per-lane state (best and second best norm form,
//                                best index) of the slab's first m points
//   ops.tile<P, V>(rows, c0, s)  points rows[0 .. P) against the centres c0 .. c0 + V lanes - 1:
//                                |c|^2 - 2 x.c folded into the state of slab points s .. s + P - 1
//   ops.nearest(s, best, second) slab point s's label by the norm form (the lowest index among
//                                equal bests), its value and the runner-up's
//   ops.point_norm(x)            |x|^2 (it only sizes the margin)
//   ops.exact_nearest(x)         the label by the exact form against all k centres
//   ops.exact_distances(x, labels, m, out)  the exact form of m points to their labels' centres
// A slab of G tiles of P points sweeps the centres V vectors at a time, so that one V-vector
// column of `prepared` stays in L1 while every tile of the slab meets it; a short tile repeats
// its last point and drops those results. Then each point keeps the norm form's label unless its
// runner-up is within the near-tie margin (near_tie_margin.hpp), where the exact form decides.
//
// Included inside the namespace of each kernel family: by Highway's assign_blocked-inl.h once
// per target (so the walk, and the ops inlined into it, get that target's flags), and by
// assign_xsimd.hpp once per arch translation unit. Hence Highway's per-target guard, and no
// #include here (it needs <cstddef>, <cstdint>, kernels.hpp and near_tie_margin.hpp).
#if defined(TINYKM_ASSIGN_BLOCKED_WALK_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef TINYKM_ASSIGN_BLOCKED_WALK_INL_H_
#undef TINYKM_ASSIGN_BLOCKED_WALK_INL_H_
#else
#define TINYKM_ASSIGN_BLOCKED_WALK_INL_H_
#endif

// Every centre against the `tiles` tiles of P points from point s0.
template <std::size_t P, std::size_t V, class Ops>
inline void blocked_sweep(const float* points, std::size_t n, std::size_t d, std::size_t kp,
                          std::size_t s0, std::size_t tiles, Ops& ops) noexcept {
  const std::size_t W = ops.lanes;
  for (std::size_t c0 = 0; c0 < kp; c0 += V * W) {
    for (std::size_t g = 0; g < tiles; ++g) {
      const std::size_t i0 = s0 + g * P;
      const std::size_t m = n - i0 < P ? n - i0 : P;
      const float* rows[P];
      for (std::size_t p = 0; p < P; ++p) rows[p] = points + (i0 + (p < m ? p : m - 1)) * d;
      if (c0 + V * W <= kp) {
        ops.template tile<P, V>(rows, c0, g * P);
      } else {
        for (std::size_t c = c0; c < kp; c += W) ops.template tile<P, 1>(rows, c, g * P);
      }
    }
  }
}

template <std::size_t P, std::size_t V, std::size_t G, class Ops>
inline void assign_blocked_walk(const float* points, std::size_t n, std::size_t d,
                                const float* prepared, std::size_t k, std::int32_t* labels,
                                float* min_dist, Ops& ops) noexcept {
  const std::size_t kp = padded_k(k);
  const float* norms = prepared + d * kp;
  float max_norm = 0.0f;
  for (std::size_t c = 0; c < k; ++c) max_norm = norms[c] > max_norm ? norms[c] : max_norm;
  const near_tie_margin tie = near_tie_margin_of(d);
  for (std::size_t s0 = 0; s0 < n; s0 += G * P) {
    const std::size_t m = n - s0 < G * P ? n - s0 : G * P;
    const std::size_t tiles = (m + P - 1) / P;
    ops.start(tiles * P);
    blocked_sweep<P, V>(points, n, d, kp, s0, tiles, ops);
    for (std::size_t p = 0; p < m; ++p) {
      const float* x = points + (s0 + p) * d;
      float best = 0.0f;
      float second = 0.0f;
      std::int32_t label = ops.nearest(p, best, second);
      if (!(second - best > tie.per_s * (ops.point_norm(x) + max_norm) + tie.floor))
        label = ops.exact_nearest(x);  // a near tie (or NaN, or overflow)
      labels[s0 + p] = label;
    }
    ops.exact_distances(points + s0 * d, labels + s0, m, min_dist + s0);
  }
}

#endif  // TINYKM_ASSIGN_BLOCKED_WALK_INL_H_
