// The walk of the lanes kernels (kernels.hpp: lanes_nearest, lanes_nearest_one), shared by the
// Highway and xsimd kernels, which differ only in their vector code: an ops object `o` over
// vectors of o.width() float lanes supplies
//   set(x), load(p), sub(a, b), mul(a, b), add(a, b), min(a, b), sqrt(v) (correctly rounded),
//   least(v)            the least lane, as a float,
//   first_least(v, m)   the first lane holding the least, which goes into m,
// and, for the wide ops that keep running minima in vectors,
//   infinity(), no_label(), keep(s, c, best, at)  (per lane: s < best, strict, takes s and the
//   label c + lane), lowest(best, at, square)     (the least lane into square; returns the
//   lowest label among the lanes that hold it).
// Each square is summed in the scalar reference's order (t_0^2, then s + t_j^2) with no fused
// multiply-add (its includers build with -ffp-contract=off), centres are taken in increasing
// order and every minimum is exact, so labels, squares and scores are the scalar reference's bits.
//
// Included inside the namespace of each kernel family: by Highway's lanes_hwy.cpp once per
// target, and by xsimd's lanes_xsimd.hpp once per arch translation unit (every function here is
// a template on the ops, which are templates on the arch: see common_xsimd.hpp on COMDAT copies).
// Every step is forced inline (as HWY_INLINE does): a call per point costs a stream measurably.
// Hence Highway's per-target guard, and no #include here (it needs <cstddef>, <cstdint>, <limits>
// and kernels.hpp, which both includers have).
#if defined(TINYKM_LANES_WALK_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef TINYKM_LANES_WALK_INL_H_
#undef TINYKM_LANES_WALK_INL_H_
#else
#define TINYKM_LANES_WALK_INL_H_
#endif

// (x_j - c_j)^2 for the lanes at `at`, x_j broadcast in xj.
template <class Ops, class V>
[[gnu::always_inline]]
inline V square_gap(const Ops& o, V xj, const float* at) noexcept {
  const V t = o.sub(xj, o.load(at));
  return o.mul(t, t);
}

// Squared distances of x to the lanes of one vector at `col` (row j at col + j kp).
template <class Ops>
[[gnu::always_inline]]
inline auto lane_squares(const Ops& o, const float* x, std::size_t d, const float* col,
                         std::size_t kp) noexcept {
  auto s = square_gap(o, o.set(x[0]), col);
  for (std::size_t j = 1; j < d; ++j) s = o.add(s, square_gap(o, o.set(x[j]), col + j * kp));
  return s;
}

// The same for four consecutive vectors: four independent sums, so the adds' latency overlaps
// when d is large. (No arrays of vectors: SVE vectors are sizeless.)
template <class Ops, class V>
[[gnu::always_inline]]
inline void lane_squares4(const Ops& o, const float* x, std::size_t d, const float* col,
                          std::size_t kp, V& s0, V& s1, V& s2, V& s3) noexcept {
  const std::size_t w = o.width();
  const V x0 = o.set(x[0]);
  s0 = square_gap(o, x0, col);
  s1 = square_gap(o, x0, col + w);
  s2 = square_gap(o, x0, col + 2 * w);
  s3 = square_gap(o, x0, col + 3 * w);
  for (std::size_t j = 1; j < d; ++j) {
    const float* row = col + j * kp;
    const V xj = o.set(x[j]);
    s0 = o.add(s0, square_gap(o, xj, row));
    s1 = o.add(s1, square_gap(o, xj, row + w));
    s2 = o.add(s2, square_gap(o, xj, row + 2 * w));
    s3 = o.add(s3, square_gap(o, xj, row + 3 * w));
  }
}

// Folds the squares s of the lanes from centre c on into the running minima.
template <class Ops, class V, class I>
[[gnu::always_inline]]
inline void keep_lanes(const Ops& o, V s, std::size_t c, const float* radius, V& best, I& at,
                       V& least) noexcept {
  o.keep(s, c, best, at);
  least = o.min(least, o.sub(o.sqrt(s), o.load(radius + c)));
}

// Centres [0, last) (a multiple of o.width()), minima kept per lane and reduced once, into hit.
template <class Ops>
[[gnu::always_inline]]
inline void nearest_in_vectors(const Ops& o, const float* x, std::size_t d, const float* lanes,
                               const float* radius, std::size_t kp, std::size_t last,
                               lanes_hit& hit) noexcept {
  const std::size_t w = o.width();
  auto best = o.infinity(), least = o.infinity();
  auto at = o.no_label();
  std::size_t c = 0;
  for (; c + 4 * w <= last; c += 4 * w) {
    auto s0 = best, s1 = best, s2 = best, s3 = best;
    lane_squares4(o, x, d, lanes + c, kp, s0, s1, s2, s3);
    keep_lanes(o, s0, c, radius, best, at, least);
    keep_lanes(o, s1, c + w, radius, best, at, least);
    keep_lanes(o, s2, c + 2 * w, radius, best, at, least);
    keep_lanes(o, s3, c + 3 * w, radius, best, at, least);
  }
  for (; c < last; c += w)
    keep_lanes(o, lane_squares(o, x, d, lanes + c, kp), c, radius, best, at, least);
  hit.label = o.lowest(best, at, hit.square);
  hit.score = o.least(least);
}

// Centres [first, kp) one vector at a time, each reduced at once (few vectors: kp = 8, or the
// rest after nearest_in_vectors). They come after every lower centre, so a tie there loses and
// the label is the first lane at the vector's minimum.
template <class Ops>
[[gnu::always_inline]]
inline void nearest_in_blocks(const Ops& o, const float* x, std::size_t d, const float* lanes,
                              const float* radius, std::size_t kp, std::size_t first,
                              lanes_hit& hit) noexcept {
  for (std::size_t c = first; c < kp; c += o.width()) {
    const auto s = lane_squares(o, x, d, lanes + c, kp);
    float m;
    const std::size_t lane = o.first_least(s, m);
    if (m < hit.square) {
      hit.square = m;
      hit.label = static_cast<std::int32_t>(c + lane);
    }
    const float e = o.least(o.sub(o.sqrt(s), o.load(radius + c)));
    hit.score = e < hit.score ? e : hit.score;
  }
}

// lanes_nearest_one: `wide` over whole vectors of centres when there are more than lanes_pad,
// then `tail` (at most lanes_pad lanes, dividing lanes_pad) over the rest, or over all of kp.
template <class Wide, class Tail>
[[gnu::always_inline]]
inline lanes_hit nearest_one(const Wide& wide, const Tail& tail, const float* x, std::size_t d,
                             const float* lanes, const float* radius, std::size_t kp) noexcept {
  const float far = std::numeric_limits<float>::infinity();
  lanes_hit hit{0, far, far};
  std::size_t whole = 0;
  if (kp > lanes_pad && kp >= wide.width()) {
    whole = kp / wide.width() * wide.width();
    nearest_in_vectors(wide, x, d, lanes, radius, kp, whole, hit);
  }
  nearest_in_blocks(tail, x, d, lanes, radius, kp, whole, hit);
  return hit;
}

// lanes_nearest for the points from `first` on, one at a time.
template <class Wide, class Tail>
inline void nearest_each(const Wide& wide, const Tail& tail, const float* points, std::size_t first,
                         std::size_t n, std::size_t d, const float* lanes, const float* radius,
                         std::size_t kp, std::int32_t* labels, float* squares,
                         float* scores) noexcept {
  for (std::size_t i = first; i < n; ++i) {
    const lanes_hit hit = nearest_one(wide, tail, points + i * d, d, lanes, radius, kp);
    labels[i] = hit.label;
    squares[i] = hit.square;
    scores[i] = hit.score;
  }
}

#endif  // TINYKM_LANES_WALK_INL_H_
