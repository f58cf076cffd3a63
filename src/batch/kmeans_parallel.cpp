// k-means|| (Bahmani et al. 2012) in one process: a first point drawn by weight, then rounds in
// which every point joins the candidates with probability min(1, l w D^2 / phi), l = 2k; each
// candidate is weighted by the points nearest it and greedy k-means++ reduces them to k.
// Whether a point is picked is a hash of (seed, round, row) (random.hpp: row_uniform), and each
// pass over the points works chunk by chunk into slots of its own, so the result is the same for
// any thread count. Fixed memory: at most kmeans_parallel_cap(k) candidates (workspace.hpp).
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "chunks.hpp"
#include "inertia_sum.hpp"
#include "init.hpp"
#include "kernels.hpp"
#include "seeding.hpp"
#include "tinykm/config.hpp"

#if !TINYKM_COMPACT_CODE  // host code: compact (firmware) builds refuse k-means||

namespace tinykm::detail {

namespace {

// Candidates [first, first + count) join: closest and par_nearest follow them (the assign
// kernel: lowest candidate index on ties), chunk by chunk. Returns the new potential phi.
double absorb_candidates(const kernels::kernel_table& kt, const dataset& data, std::size_t first,
                         std::size_t count, fit_scratch& s) noexcept {
  const std::size_t d = data.d;
  const float* cand = s.par_candidates + first * d;
  kernels::prepare_centroids(cand, count, d, s.par_prepared);
  auto chunk_fn = [&](std::size_t chunk) {
    std::int32_t labels[block_points];  // on the running thread's stack (hosts only)
    float dist[block_points];
    const std::size_t end = chunk_end(chunk, data.n);
    chunk_inertia_sum phi;
    for (std::size_t start = chunk_begin(chunk); start < end; start += block_points) {
      const std::size_t n = end - start < block_points ? end - start : block_points;
      kt.assign(data.points + start * d, n, d, cand, s.par_prepared, count, labels, dist);
      float* closest = s.seeding.closest + start;
      std::uint32_t* nearest = s.par_nearest + start;
      for (std::size_t i = 0; i < n; ++i) {  // no branch: which points move is data
        const bool closer = dist[i] < closest[i];
        const auto label = static_cast<std::uint32_t>(first + static_cast<std::size_t>(labels[i]));
        closest[i] = closer ? dist[i] : closest[i];
        nearest[i] = closer ? label : nearest[i];
      }
      phi.add(data.weights ? data.weights + start : nullptr, s.seeding.closest + start, n);
    }
    s.chunk_inertia[chunk] = phi.total();
  };
  run_chunks(data, chunk_fn);
  double total = 0.0;
  for (std::size_t chunk = 0; chunk < chunk_count(data.n); ++chunk) total += s.chunk_inertia[chunk];
  return total;
}

struct round_draw {
  std::uint64_t seed;
  std::uint32_t round;
  double ell_over_phi;
};

bool picked(const dataset& data, const float* closest, const round_draw& r, std::size_t i) noexcept {
  const double p = r.ell_over_phi * weight_of(data, i) * static_cast<double>(closest[i]);
  return p >= 1.0 || (p > 0.0 && row_uniform(r.seed, r.round, i) < p);
}

// A point's pick of the running round, marked in its par_nearest entry between the two passes
// of pick_round (candidate indices stay far below it: kmeans_parallel_cap).
constexpr std::uint32_t picked_mark = 0x80000000u;

// One round's picks, the first `room` in row order, appended at candidate `first`; returns how
// many. Two passes over the chunks: draw and count (marking the picks), then, after an ordered
// prefix over the chunks, copy (and unmark).
std::size_t pick_round(const dataset& data, const round_draw& r, std::size_t first,
                       std::size_t room, fit_scratch& s) noexcept {
  std::uint32_t* offset = s.par_chunk_picks;
  std::uint32_t* nearest = s.par_nearest;
  auto count_fn = [&](std::size_t chunk) {
    std::uint32_t picks = 0;
    for (std::size_t i = chunk_begin(chunk); i < chunk_end(chunk, data.n); ++i) {
      if (!picked(data, s.seeding.closest, r, i)) continue;
      nearest[i] |= picked_mark;
      ++picks;
    }
    offset[chunk] = picks;
  };
  run_chunks(data, count_fn);
  std::size_t kept = 0;
  for (std::size_t chunk = 0; chunk < chunk_count(data.n); ++chunk) {
    const std::size_t picks = offset[chunk];
    offset[chunk] = static_cast<std::uint32_t>(kept);
    kept += picks < room - kept ? picks : room - kept;
  }
  auto copy_fn = [&](std::size_t chunk) {
    const std::size_t last = chunk + 1 < chunk_count(data.n) ? offset[chunk + 1] : kept;
    std::size_t at = offset[chunk];
    for (std::size_t i = chunk_begin(chunk); i < chunk_end(chunk, data.n); ++i) {
      if ((nearest[i] & picked_mark) == 0) continue;
      nearest[i] &= ~picked_mark;
      if (at < last) copy_point(data, i, s.par_candidates + (first + at++) * data.d);
    }
  };
  run_chunks(data, copy_fn);
  return kept;
}

// Each candidate's weight: the summed weight of the points nearest it, in point order. Drops
// the candidates nothing is nearest (a later copy of an equal point), keeping the order;
// returns how many are left.
std::size_t weigh_candidates(const dataset& data, std::size_t count, fit_scratch& s) noexcept {
  for (std::size_t c = 0; c < count; ++c) s.par_weight_sums[c] = 0.0;
  for (std::size_t i = 0; i < data.n; ++i) s.par_weight_sums[s.par_nearest[i]] += weight_of(data, i);
  std::size_t kept = 0;
  for (std::size_t c = 0; c < count; ++c) {
    if (!(s.par_weight_sums[c] > 0.0)) continue;
    std::memmove(s.par_candidates + kept * data.d, s.par_candidates + c * data.d,
                 data.d * sizeof(float));
    s.par_weights[kept++] = static_cast<float>(s.par_weight_sums[c]);
  }
  return kept;
}

}  // namespace

void kmeans_parallel(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                     rng& gen, fit_scratch& s) noexcept {
  copy_point(data, draw_first_point(data, gen.uniform()), s.par_candidates);
  fill_infinity(s.seeding.closest, data.n);
  double phi = absorb_candidates(kt, data, 0, 1, s);
  std::size_t count = 1;
  const std::uint64_t seed = gen.next();
  const double ell = 2.0 * static_cast<double>(k);
  const std::size_t cap = kmeans_parallel_cap(k), round_cap = kmeans_parallel_round_cap(k);
  for (std::uint32_t round = 0; round < kmeans_parallel_rounds && phi > 0.0; ++round) {
    const std::size_t room = cap - count < round_cap ? cap - count : round_cap;
    const std::size_t kept = pick_round(data, {seed, round, ell / phi}, count, room, s);
    if (kept == 0) continue;
    phi = absorb_candidates(kt, data, count, kept, s);
    count += kept;
  }
  count = weigh_candidates(data, count, s);
  if (count < k) {  // too few distinct points came up: greedy k-means++ on all of them
    kmeans_plus_plus(kt, data, k, gen, s.seeding, s.centroids);
    return;
  }
  const dataset candidates{s.par_candidates, count, data.d, s.par_weights, data.parallel};
  kmeans_plus_plus(kt, candidates, k, gen, s.seeding, s.centroids);
}

}  // namespace tinykm::detail

#endif  // !TINYKM_COMPACT_CODE
