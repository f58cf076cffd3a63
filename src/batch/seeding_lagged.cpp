// Greedy k-means++ on one thread in one sweep per centre (hosts): the previous winner rides
// along (an extra candidate column, or at d <= 4 a first min_distance per span), so the sweep
// that scores this step's trials also moves closest to the winner (no separate pass). The next
// draw (seeding_draw.cpp) moves only the chunks it reads to the winner. The bits: the same
// distances and the same chunk potentials in the same order as the two-pass steps, so the same
// centres (tests/test_init_speed_paths.cpp).
#if !TINYKM_COMPACT_CODE  // hosts only: firmware keeps the two passes and its footprint

#include <cstddef>

#include "chunks.hpp"
#include "inertia_sum.hpp"
#include "kernels.hpp"
#include "seeding.hpp"

namespace tinykm::detail {

namespace {

constexpr std::size_t lag_points = 16;  // points per candidate_min call and per summing block
constexpr std::size_t lag_columns = column_trials_max + 1;
static_assert(lag_columns <= kernels::candidate_lanes, "winner + trials fit the columns");
static_assert(lag_points % inertia_lanes == 0, "blocks start on lane boundaries");

// candidate_min's rows for d > candidate_max_d, through distances (lanes = features: the bits
// of min_distance, as score_chunks_in_matrices has them): dist[p * (T + 1) + c] = min(closest,
// squared distance to the winner (c = 0) or to trial c - 1).
void block_in_rows(const kernels::kernel_table& kt, const dataset& data, const float* winner,
                   std::size_t at, std::size_t count, std::size_t trials,
                   const seeding_buffers& b, float* dist) noexcept {
  float own[lag_points], matrix[lag_points * column_trials_max];
  const float* x = data.points + at * data.d;
  kt.distances(x, count, data.d, winner, 1, own);
  kt.distances(x, count, data.d, b.trial_centres, trials, matrix);
  for (std::size_t p = 0; p < count; ++p) {
    const float before = b.closest[at + p];
    float* row = dist + p * (trials + 1);
    row[0] = own[p] < before ? own[p] : before;
    for (std::size_t t = 0; t < trials; ++t)
      row[1 + t] = matrix[p * trials + t] < before ? matrix[p * trials + t] : before;
  }
}

// One chunk: closest moved to the winner (column 0), trial t's chunk potential into pot[t]
// (16-point blocks in 8 lanes, as score_chunk_in_columns sums them).
// Distances from candidate_min (columns; unweighted, the whole chunk through trial_potentials
// where the table has it), or from distances where d > candidate_max_d (rows).
template <bool weighted, std::size_t fixed_trials, bool rows>
void lagged_chunk(const kernels::kernel_table& kt, const dataset& data, const float* winner,
                  std::size_t any_trials, const seeding_buffers& b, std::size_t chunk,
                  double* pot) noexcept {
  const std::size_t trials = fixed_trials != 0 ? fixed_trials : any_trials;
  const std::size_t cols = trials + 1, d = data.d;
  float dist[lag_points * lag_columns];
  double lane[inertia_lanes][column_trials_max];
  for (std::size_t t = 0; t < trials; ++t) pot[t] = 0.0;
  const std::size_t end = chunk_end(chunk, data.n);
  if constexpr (!weighted && !rows) {  // the same 16-point blocks, summed across the trials
    const kernels::trial_potentials_fn potentials = kernels::trial_potentials_of(kt);
    const std::size_t begin = chunk_begin(chunk);
    if (potentials != nullptr && trials <= kernels::trial_max_count)
      return potentials(data.points + begin * d, end - begin, d, winner, b.trial_centres, trials,
                        b.closest + begin, b.closest + begin, pot);
  }
  for (std::size_t at = chunk_begin(chunk); at < end; at += lag_points) {
    const std::size_t count = end - at < lag_points ? end - at : lag_points;
    if constexpr (rows)
      block_in_rows(kt, data, winner, at, count, trials, b, dist);
    else
      kernels::candidate_min_of(kt)(data.points + at * d, count, d, b.trial_columns, cols,
                                    b.closest + at, dist);
    for (std::size_t l = 0; l < inertia_lanes; ++l)
      for (std::size_t t = 0; t < trials; ++t) lane[l][t] = 0.0;
    for (std::size_t p = 0; p < count; ++p) {
      const float moved = dist[p * cols];
      b.closest[at + p] = moved;
      const double w = weighted ? static_cast<double>(data.weights[at + p]) : 1.0;
      for (std::size_t t = 0; t < trials; ++t) {
        const float o = dist[p * cols + 1 + t];
        const double v = static_cast<double>(o < moved ? o : moved);
        const double m = weighted ? w * v : v;
        lane[p % inertia_lanes][t] += m;
      }
    }
    for (std::size_t t = 0; t < trials; ++t)
      pot[t] += kernels::lane_tree(&lane[0][t], column_trials_max);
  }
}

// lagged_chunk for d <= 4, where min_distance reads points straight into lanes (lanes of
// candidates would fill 5 of 16): per span of lag_span points, closest moves to the winner in
// place, then each trial's distances fill a row on the stack and are summed in
// host_score_block(d) blocks, as score_chunks sums them.
constexpr std::size_t lag_span = 256;
static_assert(lag_span % host_score_block(4) == 0, "spans hold whole summing blocks");

template <bool weighted, std::size_t fixed_trials, bool>
void lagged_chunk_small_d(const kernels::kernel_table& kt, const dataset& data,
                          const float* winner, std::size_t any_trials, const seeding_buffers& b,
                          std::size_t chunk, double* pot) noexcept {
  const std::size_t trials = fixed_trials != 0 ? fixed_trials : any_trials;
  const std::size_t d = data.d, block = host_score_block(d);
  float dist[lag_span];
  for (std::size_t t = 0; t < trials; ++t) pot[t] = 0.0;
  const std::size_t begin = chunk_begin(chunk), end = chunk_end(chunk, data.n);
  const kernels::trial_potentials_fn potentials = kernels::trial_potentials_of(kt);
  if (!weighted && potentials != nullptr && trials <= kernels::trial_max_count)
    return potentials(data.points + begin * d, end - begin, d, winner, b.trial_centres, trials,
                      b.closest + begin, b.closest + begin, pot);  // the same blocks, one read
  for (std::size_t at = begin; at < end; at += lag_span) {
    const std::size_t count = end - at < lag_span ? end - at : lag_span;
    const float* x = data.points + at * d;
    float* closest = b.closest + at;
    kt.min_distance(x, count, d, winner, closest, closest);
    for (std::size_t t = 0; t < trials; ++t) {
      kt.min_distance(x, count, d, b.trial_centres + t * d, closest, dist);
      for (std::size_t start = 0; start < count; start += block)
        add_block(weighted ? data.weights + at + start : nullptr, dist + start,
                  count - start < block ? count - start : block, pot[t]);
    }
  }
}

using lagged_chunk_fn = void (*)(const kernels::kernel_table&, const dataset&, const float*,
                                 std::size_t, const seeding_buffers&, std::size_t,
                                 double*) noexcept;

// The usual trial counts (k < 404: T = 4 .. 7) fixed at compile time where the sums weigh (the
// columns), so the loops unroll; beyond d = 16 the distances outweigh them.
lagged_chunk_fn lagged_chunk_for(bool weighted, std::size_t trials, std::size_t d) noexcept {
  if (d <= 4) return weighted ? lagged_chunk_small_d<true, 0, false> : lagged_chunk_small_d<false, 0, false>;
  if (d > kernels::candidate_max_d)
    return weighted ? lagged_chunk<true, 0, true> : lagged_chunk<false, 0, true>;
  if (weighted) return lagged_chunk<true, 0, false>;
  switch (trials) {
    case 4: return lagged_chunk<false, 4, false>;
    case 5: return lagged_chunk<false, 5, false>;
    case 6: return lagged_chunk<false, 6, false>;
    case 7: return lagged_chunk<false, 7, false>;
    default: return lagged_chunk<false, 0, false>;
  }
}

}  // namespace

bool lagged_applies(const kernels::kernel_table& kt, const dataset& data, std::size_t trials,
                    const seeding_buffers& b) noexcept {
  const bool one_thread = data.parallel == nullptr || data.parallel->run == nullptr;
  const bool columns = b.trial_columns != nullptr && kernels::candidate_min_of(kt) != nullptr;
  // The draw moves up to one chunk per trial to the winner again: with fewer than 2 T chunks
  // that costs more than the pass it saves (digits, 1797 points: 5.0 -> 6.2 passes).
  return one_thread && (columns || data.d <= 4 || data.d > kernels::candidate_max_d) &&
         trials >= 1 && trials <= column_trials_max && chunk_count(data.n) >= 2 * trials;
}

void score_lagged(const kernels::kernel_table& kt, const dataset& data, const float* winner,
                  std::size_t trials, const seeding_buffers& b) noexcept {
  const std::size_t d = data.d;
  const bool columns = d > 4 && d <= kernels::candidate_max_d;
  for (std::size_t j = 0; columns && j < d; ++j)
    for (std::size_t t = 0; t < kernels::candidate_lanes; ++t)
      b.trial_columns[j * kernels::candidate_lanes + t] =
          t == 0 ? winner[j] : t <= trials ? b.trial_centres[(t - 1) * d + j] : 0.0f;
  const lagged_chunk_fn chunk_fn = lagged_chunk_for(data.weights != nullptr, trials, d);
  double* pot = b.trial_chunk_pot;
  for (std::size_t t = 0; t < trials; ++t) b.trial_pot[t] = 0.0;
  for (std::size_t chunk = 0; chunk < chunk_count(data.n); ++chunk) {
    chunk_fn(kt, data, winner, trials, b, chunk, pot + chunk * trials);
    for (std::size_t t = 0; t < trials; ++t) b.trial_pot[t] += pot[chunk * trials + t];  // in order
  }
}

}  // namespace tinykm::detail

#endif  // !TINYKM_COMPACT_CODE
