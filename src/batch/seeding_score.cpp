// k-means++'s candidate scoring: the potential each candidate would leave, summed per chunk in a
// fixed order (so the bits depend on neither threads nor the path that computes the distances).
// Blocks of 64 points (d <= 4, and every compact build) or 16 points (d > 4 on hosts), each summed
// in 8 lanes (inertia_sum.hpp) and added to its chunk's slot; chunks added in order.
#include <cstddef>

#include "chunks.hpp"
#include "inertia_sum.hpp"
#include "kernels.hpp"
#include "seeding.hpp"

namespace tinykm::detail {

namespace {

// Points per kernel call while scoring candidates: small, as its distances live on the stack.
constexpr std::size_t score_block = 64;
static_assert(score_block % inertia_lanes == 0, "blocks must start on a lane boundary");
constexpr std::size_t matrix_side = 16;
static_assert(matrix_side % inertia_lanes == 0, "blocks must start on a lane boundary");

// One min_distance call per candidate and block; trials == 0 sums closest itself (one slot).
void score_chunks(const kernels::kernel_table& kt, const dataset& data, const float* closest,
                  std::size_t trials, const seeding_buffers& b) noexcept {
  const std::size_t slots = trials == 0 ? 1 : trials;
  auto chunk_fn = [&](std::size_t chunk) {
    double* pot = b.trial_chunk_pot + chunk * slots;
    for (std::size_t t = 0; t < slots; ++t) pot[t] = 0.0;
    float dist[score_block];  // on the running thread's stack: chunks share no scratch
    const std::size_t end = chunk_end(chunk, data.n);
    for (std::size_t start = chunk_begin(chunk); start < end; start += score_block) {
      const std::size_t count = end - start < score_block ? end - start : score_block;
      const float* w = data.weights ? data.weights + start : nullptr;
      for (std::size_t t = 0; t < slots; ++t) {
        const float* block_dist = closest + start;
        if (trials != 0) {
          kt.min_distance(data.points + start * data.d, count, data.d,
                          b.trial_centres + t * data.d, closest + start, dist);
          block_dist = dist;
        }
        chunk_inertia_sum block_pot;
        block_pot.add(w, block_dist, count);
        pot[t] += block_pot.total();
      }
    }
  };
  run_chunks(data, chunk_fn);
}

// score_chunks' slots for trials > 0 through distances: beyond d = 4 one distances call serves
// up to matrix_side candidates for matrix_side points. Hosts only (hence maybe unused); kept for
// T > candidate_lanes or d > candidate_max_d.
[[maybe_unused]] void score_chunks_in_matrices(const kernels::kernel_table& kt, const dataset& data,
                              const float* closest, std::size_t trials, const seeding_buffers& b) noexcept {
  auto matrix_chunk_fn = [&](std::size_t chunk) {
    double* pot = b.trial_chunk_pot + chunk * trials;
    for (std::size_t t = 0; t < trials; ++t) pot[t] = 0.0;
    float matrix[matrix_side * matrix_side];  // points x candidates, on this thread's stack
    float dist[matrix_side];
    const std::size_t end = chunk_end(chunk, data.n);
    for (std::size_t start = chunk_begin(chunk); start < end; start += matrix_side) {
      const std::size_t count = end - start < matrix_side ? end - start : matrix_side;
      const float* w = data.weights ? data.weights + start : nullptr;
      for (std::size_t t0 = 0; t0 < trials; t0 += matrix_side) {
        const std::size_t group = trials - t0 < matrix_side ? trials - t0 : matrix_side;
        kt.distances(data.points + start * data.d, count, data.d, b.trial_centres + t0 * data.d,
                     group, matrix);
        for (std::size_t t = 0; t < group; ++t) {
          for (std::size_t p = 0; p < count; ++p) {
            const float candidate = matrix[p * group + t];
            dist[p] = candidate < closest[start + p] ? candidate : closest[start + p];
          }
          chunk_inertia_sum block_pot;
          block_pot.add(w, dist, count);
          pot[t0 + t] += block_pot.total();
        }
      }
    }
  };
  run_chunks(data, matrix_chunk_fn);
}

// chunk_inertia_sum for all T candidates of one block at once: dist[p * T + t] is point p's
// value for candidate t, summed into lane p % 8 and the lanes combined in chunk_inertia_sum's
// tree; T fixed at compile time where it can be (0: any), so the loops unroll.
template <bool weighted, std::size_t fixed_trials = 0>
void add_block_potentials(const float* w, const float* dist, std::size_t count,
                          std::size_t any_trials, double* pot) noexcept {
  constexpr std::size_t most = fixed_trials != 0 ? fixed_trials : column_trials_max;
  const std::size_t trials = fixed_trials != 0 ? fixed_trials : any_trials;
  auto term = [&](std::size_t p, std::size_t t) {
    const double v = static_cast<double>(dist[p * trials + t]);
    return weighted ? static_cast<double>(w[p]) * v : v;
  };
  // Each lane starts as its first term: +0 + x == x for the terms here (x >= +0), and no
  // memset of the lanes per block.
  double lane[inertia_lanes][most];
  for (std::size_t l = 0; l < inertia_lanes; ++l)
    for (std::size_t t = 0; t < trials; ++t) lane[l][t] = l < count ? term(l, t) : 0.0;
  std::size_t p = inertia_lanes;
  for (; p + inertia_lanes <= count; p += inertia_lanes)
    for (std::size_t l = 0; l < inertia_lanes; ++l)
      for (std::size_t t = 0; t < trials; ++t) lane[l][t] += term(p + l, t);
  for (std::size_t l = 0; p < count; ++p, ++l)
    for (std::size_t t = 0; t < trials; ++t) lane[l][t] += term(p, t);
  for (std::size_t t = 0; t < trials; ++t)
    pot[t] += ((lane[0][t] + lane[1][t]) + (lane[2][t] + lane[3][t])) +
              ((lane[4][t] + lane[5][t]) + (lane[6][t] + lane[7][t]));
}

// Unweighted data (the common case) with the usual trial counts (k < 404: T = 4 .. 7) known at
// compile time.
void add_unweighted_potentials(const float* dist, std::size_t count, std::size_t trials,
                               double* pot) noexcept {
  switch (trials) {
    case 4: return add_block_potentials<false, 4>(nullptr, dist, count, trials, pot);
    case 5: return add_block_potentials<false, 5>(nullptr, dist, count, trials, pot);
    case 6: return add_block_potentials<false, 6>(nullptr, dist, count, trials, pot);
    case 7: return add_block_potentials<false, 7>(nullptr, dist, count, trials, pot);
    default: return add_block_potentials<false>(nullptr, dist, count, trials, pot);
  }
}

// The same slots (and block sizes) as score_chunks / score_chunks_in_matrices, all candidates of
// a block in one candidate_min call, each point's T values kept in b.trial_dist for the winner.
[[maybe_unused]] void score_chunks_in_columns(kernels::candidate_min_fn candidate_min, const dataset& data,
                             const float* closest, std::size_t trials,
                             const seeding_buffers& b) noexcept {
  const std::size_t d = data.d, block = d > 4 ? matrix_side : score_block;
  for (std::size_t j = 0; j < d; ++j)
    for (std::size_t t = 0; t < kernels::candidate_lanes; ++t)
      b.trial_columns[j * kernels::candidate_lanes + t] =
          t < trials ? b.trial_centres[t * d + j] : 0.0f;
  auto columns_chunk_fn = [&](std::size_t chunk) {
    double* pot = b.trial_chunk_pot + chunk * trials;
    for (std::size_t t = 0; t < trials; ++t) pot[t] = 0.0;
    const std::size_t end = chunk_end(chunk, data.n);
    for (std::size_t start = chunk_begin(chunk); start < end; start += block) {
      const std::size_t count = end - start < block ? end - start : block;
      float* dist = b.trial_dist + start * trials;
      candidate_min(data.points + start * d, count, d, b.trial_columns, trials, closest + start,
                    dist);
      if (data.weights)
        add_block_potentials<true>(data.weights + start, dist, count, trials, pot);
      else
        add_unweighted_potentials(dist, count, trials, pot);
    }
  };
  run_chunks(data, columns_chunk_fn);
}

// Scores the candidates chunk by chunk by whichever path this build and shape take.
bool score_chunks_any(const kernels::kernel_table& kt, const dataset& data, const float* closest,
                      std::size_t trials, const seeding_buffers& b) noexcept {
  if constexpr (kernels::compact_code) {
    score_chunks(kt, data, closest, trials, b);
    return false;
  } else {
    const kernels::candidate_min_fn candidate_min = kernels::candidate_min_of(kt);
    if (trials != 0 && b.trial_dist != nullptr && candidate_min != nullptr) {
      score_chunks_in_columns(candidate_min, data, closest, trials, b);
      return true;
    }
    if (trials != 0 && data.d > 4)
      score_chunks_in_matrices(kt, data, closest, trials, b);
    else
      score_chunks(kt, data, closest, trials, b);
    return false;
  }
}

}  // namespace

bool score_candidates(const kernels::kernel_table& kt, const dataset& data, const float* closest,
                      std::size_t trials, const seeding_buffers& b) noexcept {
  const std::size_t slots = trials == 0 ? 1 : trials;
  const bool kept = score_chunks_any(kt, data, closest, trials, b);
  for (std::size_t t = 0; t < slots; ++t) b.trial_pot[t] = 0.0;
  for (std::size_t chunk = 0; chunk < chunk_count(data.n); ++chunk)
    for (std::size_t t = 0; t < slots; ++t) b.trial_pot[t] += b.trial_chunk_pot[chunk * slots + t];
  return kept;
}

}  // namespace tinykm::detail
