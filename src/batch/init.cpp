// Initialisations: greedy k-means++, random without replacement, farthest-point and user centres.
#include "init.hpp"

#include <cmath>
#include <cstring>
#include <limits>

#include "chunks.hpp"
#include "inertia_sum.hpp"
#include "kernels.hpp"
#include "random.hpp"
#include "tinykm/config.hpp"

namespace tinykm::detail {

namespace {

void copy_point(const dataset& data, std::size_t index, float* dst) noexcept {
  std::memcpy(dst, data.points + index * data.d, data.d * sizeof(float));
}


// Points per kernel call while scoring candidates: small, as its distances live on the stack.
constexpr std::size_t score_block = 64;
static_assert(score_block % inertia_lanes == 0, "blocks must start on a lane boundary");
constexpr std::size_t matrix_side = 16;
static_assert(matrix_side % inertia_lanes == 0, "blocks must start on a lane boundary");

// closest[i] = min(closest[i], squared distance from point i to centre), chunk by chunk.
void update_closest(const kernels::kernel_table& kt, const dataset& data, const float* centre,
                    float* closest) noexcept {
  auto chunk_fn = [&](std::size_t chunk) {
    const std::size_t begin = chunk_begin(chunk);
    kt.min_distance(data.points + begin * data.d, chunk_end(chunk, data.n) - begin, data.d,
                    centre, closest + begin, closest + begin);
  };
  run_chunks(data, chunk_fn);
}

// The potential sum_i w_i min(closest_i, |x_i - candidate_t|^2) of every candidate t in
// s.trial_centres (just sum_i w_i closest_i when trials == 0), per chunk into its own slot of
// s.trial_chunk_pot (slots: max(trials, 1) per chunk), each chunk summing block by block (8-lane
// block sums, inertia_sum.hpp): one min_distance call per candidate and block.
void score_chunks(const kernels::kernel_table& kt, const dataset& data, const float* closest,
                  std::size_t trials, fit_scratch& s) noexcept {
  const std::size_t slots = trials == 0 ? 1 : trials;
  auto chunk_fn = [&](std::size_t chunk) {
    double* pot = s.trial_chunk_pot + chunk * slots;
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
                          s.trial_centres + t * data.d, closest + start, dist);
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

// score_chunks' slots for trials > 0 through distances: beyond d = 4 a SIMD kernel call pays for
// putting the points' features into lanes, and one distances call serves up to matrix_side
// candidates for matrix_side points, where min_distance would redo that work per candidate.
// Same bits (the kernel contract); compact builds keep just score_chunks (hence maybe unused).
[[maybe_unused]] void score_chunks_in_matrices(const kernels::kernel_table& kt, const dataset& data,
                              const float* closest, std::size_t trials, fit_scratch& s) noexcept {
  auto matrix_chunk_fn = [&](std::size_t chunk) {
    double* pot = s.trial_chunk_pot + chunk * trials;
    for (std::size_t t = 0; t < trials; ++t) pot[t] = 0.0;
    float matrix[matrix_side * matrix_side];  // points x candidates, on this thread's stack
    float dist[matrix_side];
    const std::size_t end = chunk_end(chunk, data.n);
    for (std::size_t start = chunk_begin(chunk); start < end; start += matrix_side) {
      const std::size_t count = end - start < matrix_side ? end - start : matrix_side;
      const float* w = data.weights ? data.weights + start : nullptr;
      for (std::size_t t0 = 0; t0 < trials; t0 += matrix_side) {
        const std::size_t group = trials - t0 < matrix_side ? trials - t0 : matrix_side;
        kt.distances(data.points + start * data.d, count, data.d, s.trial_centres + t0 * data.d,
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

// Every candidate's potential into s.trial_pot: the chunks' slots added in chunk order.
void score_candidates(const kernels::kernel_table& kt, const dataset& data, const float* closest,
                      std::size_t trials, fit_scratch& s) noexcept {
  const std::size_t slots = trials == 0 ? 1 : trials;
  if constexpr (kernels::compact_code) {
    score_chunks(kt, data, closest, trials, s);
  } else if (trials != 0 && data.d > 4) {
    score_chunks_in_matrices(kt, data, closest, trials, s);
  } else {
    score_chunks(kt, data, closest, trials, s);
  }
  for (std::size_t t = 0; t < slots; ++t) s.trial_pot[t] = 0.0;
  for (std::size_t chunk = 0; chunk < chunk_count(data.n); ++chunk)
    for (std::size_t t = 0; t < slots; ++t) s.trial_pot[t] += s.trial_chunk_pot[chunk * slots + t];
}

void fill_infinity(float* dist, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) dist[i] = std::numeric_limits<float>::infinity();
}

// Indices for all trials of one draw in a single scan: s.trial_target[t] are the targets,
// s.trial_index[t] receives what draw_proportional(data, mass, target) would return for each.
void draw_trials(const dataset& data, const float* mass, std::size_t trials, fit_scratch& s) {
  std::uint32_t* order = s.trial_order;  // trials sorted by target, insertion sort (trials <= 46)
  for (std::size_t t = 0; t < trials; ++t) {
    std::size_t pos = t;
    while (pos > 0 && s.trial_target[order[pos - 1]] > s.trial_target[t]) {
      order[pos] = order[pos - 1];
      --pos;
    }
    order[pos] = static_cast<std::uint32_t>(t);
  }
  double running = 0.0;
  std::size_t last_positive = 0, next = 0;
  for (std::size_t i = 0; i < data.n && next < trials; ++i) {
    const double m = weight_of(data, i) * static_cast<double>(mass[i]);
    if (m <= 0.0) continue;
    running += m;
    last_positive = i;
    while (next < trials && running > s.trial_target[order[next]])
      s.trial_index[order[next++]] = static_cast<std::uint32_t>(i);
  }
  for (; next < trials; ++next) s.trial_index[order[next]] = static_cast<std::uint32_t>(last_positive);
}

// scikit-learn's greedy k-means++: each new centre is the best of 2 + floor(ln k) candidates
// drawn with probability proportional to w x D^2, "best" meaning the lowest resulting potential.
// All candidates of one centre are scored in one pass over the data (each block of points, while
// in L1, against every candidate), and a second pass moves the closest distances to the winner.
void init_kmeans_plus_plus(const kernels::kernel_table& kt, const dataset& data, std::size_t k,
                           rng& gen, fit_scratch& s) noexcept {
  const std::size_t d = data.d;
  float* closest = s.init_dist;
  const std::size_t trials = kmeans_plus_plus_trials(k);

  double total_weight = 0.0;
  for (std::size_t i = 0; i < data.n; ++i) total_weight += weight_of(data, i);
  const std::size_t first = draw_proportional(data, nullptr, gen.uniform() * total_weight);
  copy_point(data, first, s.centroids);
  fill_infinity(closest, data.n);
  update_closest(kt, data, s.centroids, closest);
  score_candidates(kt, data, closest, 0, s);
  double pot = s.trial_pot[0];

  for (std::size_t c = 1; c < k; ++c) {
    for (std::size_t t = 0; t < trials; ++t) s.trial_target[t] = gen.uniform() * pot;
    draw_trials(data, closest, trials, s);
    for (std::size_t t = 0; t < trials; ++t)
      copy_point(data, s.trial_index[t], s.trial_centres + t * d);
    score_candidates(kt, data, closest, trials, s);
    std::size_t best = 0;  // strict <: ties keep the earlier trial
    for (std::size_t t = 1; t < trials; ++t)
      if (s.trial_pot[t] < s.trial_pot[best]) best = t;
    float* centre = s.centroids + c * d;
    std::memcpy(centre, s.trial_centres + best * d, d * sizeof(float));
    update_closest(kt, data, centre, closest);
    pot = s.trial_pot[best];
  }
}

// k distinct indices uniformly without replacement (Floyd's algorithm: k draws, no n-sized
// buffer).
void init_random(const dataset& data, std::size_t k, rng& gen, fit_scratch& s) noexcept {
  std::uint32_t* chosen = s.init_index;
  std::size_t count = 0;
  for (std::size_t j = data.n - k; j < data.n; ++j) {
    const auto t = static_cast<std::uint32_t>(gen.below(j + 1));
    bool taken = false;
    for (std::size_t c = 0; c < count; ++c) taken |= chosen[c] == t;
    chosen[count++] = taken ? static_cast<std::uint32_t>(j) : t;
  }
  for (std::size_t c = 0; c < k; ++c) copy_point(data, chosen[c], s.centroids + c * data.d);
}

// A uniformly drawn first centre, then repeatedly the point farthest from every chosen centre
// (ties: the lowest index).
void init_farthest(const kernels::kernel_table& kt, const dataset& data, std::size_t k, rng& gen,
                   fit_scratch& s) noexcept {
  const std::size_t d = data.d;
  float* closest = s.init_dist;
  copy_point(data, static_cast<std::size_t>(gen.below(data.n)), s.centroids);
  fill_infinity(closest, data.n);
  for (std::size_t c = 1; c <= k; ++c) {
    update_closest(kt, data, s.centroids + (c - 1) * d, closest);
    if (c == k) break;
    std::size_t far = 0;
    for (std::size_t i = 1; i < data.n; ++i)
      if (closest[i] > closest[far]) far = i;
    copy_point(data, far, s.centroids + c * d);
  }
}

}  // namespace

void init_centroids(const kernels::kernel_table& kt, const dataset& data,
                    const fit_params& params, std::uint64_t seed, fit_scratch& s) noexcept {
  rng gen(seed);
  switch (params.init) {
    case init_method::kmeans_plus_plus: init_kmeans_plus_plus(kt, data, params.k, gen, s); break;
    case init_method::random: init_random(data, params.k, gen, s); break;
    case init_method::farthest_point: init_farthest(kt, data, params.k, gen, s); break;
    case init_method::user:
      std::memcpy(s.centroids, params.initial_centroids, params.k * data.d * sizeof(float));
      break;
  }
}

}  // namespace tinykm::detail
