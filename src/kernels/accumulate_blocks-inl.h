// The block walk of the accumulate lane rule (kernels.hpp) for d == D, shared by the Highway and
// xsimd kernels, which differ only in their vector code, passed as three callables:
//   zero()              clears the lane rows of the clusters the call touches,
//   add_point(x, p, l)  adds point p, whose RW floats start at x, into lane l of its cluster,
//   total()             adds every cluster's lane rows (the lane tree) into sums, weight_sums.
// Per sub-block of accumulate_block points, the points take lanes 0, 1, .., L - 1 in turn. A
// row-wide load at point p reads floats [p D, p D + RW), so the last points, whose load would
// run past the array, are first copied, zero-padded, into a local row.
//
// Included inside the namespace of each kernel family: by Highway's accumulate-inl.h once per
// target (so the walk, and the callables inlined into it, get that target's flags), and by
// accumulate_xsimd.hpp once per arch translation unit. Hence Highway's per-target guard, and
// no #include here (it needs <cstddef> and kernels/kernels.hpp, which both includers have).
#if defined(TINYKM_ACCUMULATE_BLOCKS_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef TINYKM_ACCUMULATE_BLOCKS_INL_H_
#undef TINYKM_ACCUMULATE_BLOCKS_INL_H_
#else
#define TINYKM_ACCUMULATE_BLOCKS_INL_H_
#endif

template <std::size_t D, std::size_t RW, class Zero, class AddPoint, class Total>
inline void accumulate_blocks(const float* points, std::size_t n, const Zero& zero,
                              const AddPoint& add_point, const Total& total) noexcept {
  constexpr std::size_t L = accumulate_lanes;
  float tail[RW];
  const std::size_t vector_points = n * D < RW ? 0 : (n * D - RW) / D + 1;
  for (std::size_t start = 0; start < n; start += accumulate_block) {
    const std::size_t m = n - start < accumulate_block ? n - start : accumulate_block;
    zero();
    std::size_t i = 0;
    for (; i + L <= m && start + i + L <= vector_points; i += L) {
      for (std::size_t l = 0; l < L; ++l) add_point(points + (start + i + l) * D, start + i + l, l);
    }
    for (; i < m; ++i) {
      const std::size_t p = start + i;
      const float* x = points + p * D;
      if (p >= vector_points) {
        for (std::size_t j = 0; j < RW; ++j) tail[j] = j < D ? x[j] : 0.0f;
        x = tail;
      }
      add_point(x, p, i % L);
    }
    total();
  }
}

#endif  // TINYKM_ACCUMULATE_BLOCKS_INL_H_
