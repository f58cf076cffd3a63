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
static_assert(score_block == kernels::potential_block(4), "trial_potentials sums these blocks");
static_assert(score_block % inertia_lanes == 0, "blocks must start on a lane boundary");
constexpr std::size_t matrix_side = 16;
static_assert(matrix_side % inertia_lanes == 0, "blocks must start on a lane boundary");

// Points per min_distance call: several summing blocks on hosts (a call's fixed cost was a
// third of its time at d = 3 on 64 points), one on firmware (its stack).
constexpr std::size_t score_span = kernels::compact_code ? score_block : 8 * score_block;

// One min_distance call per candidate and span, summed in blocks of score_block; trials == 0
// sums closest itself (one slot).
void score_chunks(const kernels::kernel_table& kt, const dataset& data, const float* closest,
                  std::size_t trials, const seeding_buffers& b) noexcept {
  const std::size_t slots = trials == 0 ? 1 : trials;
  auto chunk_fn = [&](std::size_t chunk) {
    double* pot = b.trial_chunk_pot + chunk * slots;
    for (std::size_t t = 0; t < slots; ++t) pot[t] = 0.0;
    const std::size_t begin = chunk_begin(chunk);
    // Hosts: every trial in one read of the points, the same blocks from the chunk's start.
    // Without a winner the kernel only reads closest. (Firmware has no such kernel: compiled
    // out, as a runtime test there cost 92 bytes of flash and 40 of stack.)
    if constexpr (!kernels::compact_code) {
      const kernels::trial_potentials_fn potentials = kernels::trial_potentials_of(kt);
      if (potentials != nullptr && trials != 0 && trials <= kernels::trial_max_count &&
          data.d <= 4 && data.weights == nullptr)
        return potentials(data.points + begin * data.d, chunk_end(chunk, data.n) - begin, data.d,
                          nullptr, b.trial_centres, trials, closest + begin, nullptr, pot);
    }
    float dist[score_span];  // on the running thread's stack: chunks share no scratch
    const std::size_t end = chunk_end(chunk, data.n);
    for (std::size_t start = begin; start < end; start += score_span) {
      const std::size_t count = end - start < score_span ? end - start : score_span;
      for (std::size_t t = 0; t < slots; ++t) {
        const float* span_dist = closest + start;
        if (trials != 0) {
          kt.min_distance(data.points + start * data.d, count, data.d,
                          b.trial_centres + t * data.d, closest + start, dist);
          span_dist = dist;
        }
        for (std::size_t at = 0; at < count; at += score_block) {
          const float* w = data.weights ? data.weights + start + at : nullptr;
          add_block(w, span_dist + at, count - at < score_block ? count - at : score_block, pot[t]);
        }
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
          add_block(w, dist, count, pot[t0 + t]);
        }
      }
    }
  };
  run_chunks(data, matrix_chunk_fn);
}

// One chunk through candidate_min (unweighted, where the table has trial_potentials: that
// kernel, the same blocks and sums), 16 points a call (its results on this thread's stack), summed
// as score_chunks / score_chunks_in_matrices sum: summing blocks of 64 points (d <= 4) or 16
// (d > 4), point p of a block into lane p % 8 (calls start on lane boundaries), lanes combined
// in chunk_inertia_sum's tree. T fixed at compile time where it can be (0: any), so the loops
// over the candidates unroll.
constexpr std::size_t call_points = 16;
static_assert(matrix_side % call_points == 0 && score_block % call_points == 0 &&
              call_points % inertia_lanes == 0, "calls tile the summing blocks on lane bounds");

template <bool weighted, std::size_t fixed_trials>
void score_chunk_in_columns(const kernels::kernel_table& kt, const dataset& data,
                            const float* closest, std::size_t any_trials,
                            const seeding_buffers& b, std::size_t chunk) noexcept {
  const std::size_t trials = fixed_trials != 0 ? fixed_trials : any_trials;
  const std::size_t d = data.d, block = host_score_block(d);
  double* pot = b.trial_chunk_pot + chunk * trials;
  for (std::size_t t = 0; t < trials; ++t) pot[t] = 0.0;
  const kernels::trial_potentials_fn potentials = kernels::trial_potentials_of(kt);
  const std::size_t begin = chunk_begin(chunk);
  if (!weighted && potentials != nullptr && trials <= kernels::trial_max_count)
    return potentials(data.points + begin * d, chunk_end(chunk, data.n) - begin, d, nullptr,
                      b.trial_centres, trials, closest + begin, nullptr, pot);
  const kernels::candidate_min_fn candidate_min = kernels::candidate_min_of(kt);
  float dist[call_points * column_trials_max];
  double lane[inertia_lanes][column_trials_max];
  const std::size_t end = chunk_end(chunk, data.n);
  for (std::size_t start = chunk_begin(chunk); start < end; start += block) {
    const std::size_t block_end = end - start < block ? end : start + block;
    for (std::size_t l = 0; l < inertia_lanes; ++l)
      for (std::size_t t = 0; t < trials; ++t) lane[l][t] = 0.0;
    for (std::size_t at = start; at < block_end; at += call_points) {
      const std::size_t count = block_end - at < call_points ? block_end - at : call_points;
      candidate_min(data.points + at * d, count, d, b.trial_columns, trials, closest + at, dist);
      for (std::size_t p = 0; p < count; ++p)
        for (std::size_t t = 0; t < trials; ++t) {
          const double v = static_cast<double>(dist[p * trials + t]);
          lane[p % inertia_lanes][t] += weighted ? static_cast<double>(data.weights[at + p]) * v : v;
        }
    }
    for (std::size_t t = 0; t < trials; ++t)
      pot[t] += kernels::lane_tree(&lane[0][t], column_trials_max);
  }
}

// Unweighted data (the common case) with the usual trial counts (k < 404: T = 4 .. 7) known at
// compile time.
void score_unweighted_chunk(const kernels::kernel_table& kt, const dataset& data,
                            const float* closest, std::size_t trials, const seeding_buffers& b,
                            std::size_t chunk) noexcept {
  switch (trials) {
    case 4: return score_chunk_in_columns<false, 4>(kt, data, closest, 4, b, chunk);
    case 5: return score_chunk_in_columns<false, 5>(kt, data, closest, 5, b, chunk);
    case 6: return score_chunk_in_columns<false, 6>(kt, data, closest, 6, b, chunk);
    case 7: return score_chunk_in_columns<false, 7>(kt, data, closest, 7, b, chunk);
    default: return score_chunk_in_columns<false, 0>(kt, data, closest, trials, b, chunk);
  }
}

// The same slots as score_chunks / score_chunks_in_matrices, all T candidates of a block in one
// candidate_min call each 16 points: one sweep over the data, each point read once.
[[maybe_unused]] void score_chunks_in_columns(const kernels::kernel_table& kt,
                                              const dataset& data, const float* closest,
                                              std::size_t trials,
                                              const seeding_buffers& b) noexcept {
  const std::size_t d = data.d;
  for (std::size_t j = 0; j < d; ++j)
    for (std::size_t t = 0; t < kernels::candidate_lanes; ++t)
      b.trial_columns[j * kernels::candidate_lanes + t] =
          t < trials ? b.trial_centres[t * d + j] : 0.0f;
  auto columns_chunk_fn = [&](std::size_t chunk) {
    if (data.weights)
      score_chunk_in_columns<true, 0>(kt, data, closest, trials, b, chunk);
    else
      score_unweighted_chunk(kt, data, closest, trials, b, chunk);
  };
  run_chunks(data, columns_chunk_fn);
}

// Scores the candidates chunk by chunk by whichever path this build and shape take.
void score_chunks_any(const kernels::kernel_table& kt, const dataset& data, const float* closest,
                      std::size_t trials, const seeding_buffers& b) noexcept {
  if constexpr (kernels::compact_code) {
    score_chunks(kt, data, closest, trials, b);
  } else {
    const kernels::candidate_min_fn candidate_min = kernels::candidate_min_of(kt);
    // d <= 4: min_distance reads a block straight into lanes (points), cheaper per candidate
    // than lanes of candidates.
    if (trials != 0 && data.d > 4 && b.trial_columns != nullptr && candidate_min != nullptr)
      score_chunks_in_columns(kt, data, closest, trials, b);
    else if (trials != 0 && data.d > 4)
      score_chunks_in_matrices(kt, data, closest, trials, b);
    else
      score_chunks(kt, data, closest, trials, b);
  }
}

}  // namespace

void move_closest(const kernels::kernel_table& kt, const dataset& data, const float* centre,
                  const seeding_buffers& b) noexcept {
  const kernels::candidate_min_fn candidate_min = kernels::candidate_min_of(kt);
  // min_distance reads d <= 4 straight into lanes; between 5 and 16 it puts every point's
  // features into lanes through memory first, which costs more than the one-column kernel.
  if (kernels::compact_code || candidate_min == nullptr || b.trial_columns == nullptr ||
      data.d <= 4) {
    update_closest(kt, data, centre, b.closest);
    return;
  }
  for (std::size_t j = 0; j < data.d; ++j) b.trial_columns[j * kernels::candidate_lanes] = centre[j];
  auto chunk_fn = [&](std::size_t chunk) {
    float moved[call_points];  // on this thread's stack: candidate_min may not write in place
    const std::size_t end = chunk_end(chunk, data.n);
    for (std::size_t at = chunk_begin(chunk); at < end; at += call_points) {
      const std::size_t count = end - at < call_points ? end - at : call_points;
      candidate_min(data.points + at * data.d, count, data.d, b.trial_columns, 1, b.closest + at,
                    moved);
      for (std::size_t p = 0; p < count; ++p) b.closest[at + p] = moved[p];
    }
  };
  run_chunks(data, chunk_fn);
}

void score_candidates(const kernels::kernel_table& kt, const dataset& data, const float* closest,
                      std::size_t trials, const seeding_buffers& b) noexcept {
  const std::size_t slots = trials == 0 ? 1 : trials;
  score_chunks_any(kt, data, closest, trials, b);
  for (std::size_t t = 0; t < slots; ++t) b.trial_pot[t] = 0.0;
  for (std::size_t chunk = 0; chunk < chunk_count(data.n); ++chunk)
    for (std::size_t t = 0; t < slots; ++t) b.trial_pot[t] += b.trial_chunk_pot[chunk * slots + t];
}

}  // namespace tinykm::detail
