// Lloyd with Hamerly's bounds (bounded_lloyd.hpp).
//
// Exactness. A label is the assign kernel's: the argmin of its exact form E_c = fl(sum_j
// fl(x_j - c_j)^2) (any order), lowest index on ties (kernels.hpp). near_tie_margin.hpp bounds
// that form against the real D_c = |x - c|^2: |E_c - D_c| <= g D_c + F, g = gamma_{d+2}, F =
// underflow <= (d + 1) 2^-146 < 2^-133 for d <= 4096. The bounds are kept on real distances,
// padded at every float step: up(x) = x (1 + r) + t >= x, down(x) = x (1 - r) - t <= x, with
// r = 4 (d + 8) 2^-24 >= g + 5 u (u = 2^-24, so r also covers the rounding of up, down, sqrt
// and each bound update) and t = 2^-60 (t^2 >= 4F). Then U >= sqrt(D_a), L <= sqrt(D_b) for
// every b != a, and down(L) > up(U) give L^2 (1 - g) > U^2 (1 + g) + 2F, so E_b > E_a: the
// kernel picks a, with no tie involved (slack::proves). Centre moves are measured in double and
// padded up; centre gaps come from the scalar exact form and are padded down.
// Points not proven are recomputed: their distances to all centres by the `distances` or
// `min_distance` kernel (exact form, the same bound), the label from them when the same test
// proves it, else from the assign kernel itself (near ties).
#include "bounded_lloyd.hpp"

#include <cmath>
#include <cstring>
#include <limits>

#include "assign_pass.hpp"
#include "pass_walk.hpp"

#if !TINYKM_COMPACT_CODE  // compact (firmware) builds run plain Lloyd only: nothing here
namespace tinykm::detail {

namespace {

struct slack {
  float r;
  static constexpr float t = 0x1p-60f;
  float up(float x) const noexcept { return x * (1.0f + r) + t; }
  float down(float x) const noexcept {
    const float y = x * (1.0f - r) - t;
    return y > 0.0f ? y : 0.0f;
  }
  // Bounds U (to a) and L (to every other) that make the kernel pick a.
  bool proves(float lower, float upper) const noexcept { return down(lower) > up(upper); }
};

// A count x k matrix of squared distances, entry (r, c) at at[r * row_step + c * col_step].
struct distance_matrix {
  const float* at;
  std::size_t row_step, col_step;
  float operator()(std::size_t r, std::size_t c) const noexcept {
    return at[r * row_step + c * col_step];
  }
};

// The least and second least of each of `count` rows of k, into best / second / which (the
// least's centre, lowest index on ties). Branch-free, rows side by side (independent chains).
void best_two(const distance_matrix& dist, std::size_t count, std::size_t k, float* best,
              float* second, float* which) noexcept {
  const auto keep = [&](std::size_t r, std::size_t c) {
    const float v = dist(r, c);
    const bool better = v < best[r];
    second[r] = better ? best[r] : (v < second[r] ? v : second[r]);
    which[r] = better ? static_cast<float>(c) : which[r];
    best[r] = better ? v : best[r];
  };
  for (std::size_t r = 0; r < count; ++r) {
    best[r] = dist(r, 0);
    second[r] = std::numeric_limits<float>::infinity();
    which[r] = 0.0f;
  }
  for (std::size_t c = 1; c < k; ++c)
    for (std::size_t r = 0; r < count; ++r) keep(r, c);
}
// The least of row r without centre `skip`.
float least_but(const distance_matrix& dist, std::size_t r, std::size_t k,
                std::size_t skip) noexcept {
  float least = std::numeric_limits<float>::infinity();
  for (std::size_t c = 0; c < k; ++c)
    if (c != skip && dist(r, c) < least) least = dist(r, c);
  return least;
}

// The exact form of |x - c|^2 in four interleaved float sums (the order differs from the
// kernels', which the error bound above allows): four independent add chains instead of one.
float squared_distance(const float* x, const float* c, std::size_t d) noexcept {
  float part[4] = {0.0f, 0.0f, 0.0f, 0.0f};
  std::size_t j = 0;
  for (; j + 4 <= d; j += 4)
    for (std::size_t l = 0; l < 4; ++l) {
      const float t = x[j + l] - c[j + l];
      part[l] += t * t;
    }
  for (; j < d; ++j) {
    const float t = x[j] - c[j];
    part[0] += t * t;
  }
  return (part[0] + part[1]) + (part[2] + part[3]);
}

// Labels one block for pass_walk from the bounds (or, on check iterations, the assign kernel on
// every point: its min_dist give the inertia n_iter_check compares).
struct bound_block {
  const kernels::kernel_table* kt;
  const dataset* data;
  const fit_scratch* s;
  std::size_t k;
  slack m;
  float max_move, second_move;  // the largest centre move and the largest but its centre's
  std::size_t max_centre;
  bool fresh;  // first iteration: no bounds yet
  bool full;   // the assign kernel on every point
  std::size_t* changed;  // per slot: labels the assign kernel changed (full iterations)

  float lower_moved(std::size_t p, std::size_t a) const noexcept {
    return m.down(s->lower[p] - (a == max_centre ? second_move : max_move));
  }

  void assign_all(const float* block, std::size_t start, std::size_t count, std::size_t slot,
                  std::int32_t* labels, float* dist) const {
    kt->assign(block, count, data->d, s->centroids, s->prepared, k, labels, dist);
    for (std::size_t i = 0; i < count; ++i) {
      const std::size_t p = start + i, a = static_cast<std::size_t>(labels[i]);
      const float root = std::sqrt(dist[i]);
      float lower = 0.0f;  // unknown on a first iteration
      if (!fresh) {
        const auto old = static_cast<std::size_t>(s->point_labels[p]);
        lower = lower_moved(p, old);
        // The old centre is no nearer than the new one (E_old >= E_a).
        if (old != a && m.down(root) < lower) lower = m.down(root);
        changed[slot] += old != a ? 1 : 0;
      }
      s->upper[p] = m.up(root);
      s->lower[p] = lower;
    }
  }

  // The squared distances of m_rows points xs to every centre, in exact form, into `out`
  // ((k + 3) x bounded_rows(k) floats): rows from `distances` where its tile of points in lanes
  // serves all centres (4 < d <= 16), else a column per centre from min_distance (d <= 4: points
  // in lanes, d fixed; large d: features in lanes).
  distance_matrix distances_of(const float* xs, std::size_t m_rows, float* out) const {
    const std::size_t d = data->d, rows = bounded_rows(k);
    if (d > 4 && d <= 16) {
      kt->distances(xs, m_rows, d, s->centroids, k, out);
      return {out, k, 1};
    }
    for (std::size_t c = 0; c < k; ++c) {
      float* col = out + c * rows;
      for (std::size_t r = 0; r < m_rows; ++r) col[r] = std::numeric_limits<float>::infinity();
      kt->min_distance(xs, m_rows, d, s->centroids + c * d, col, col);
    }
    return {out, 1, rows};
  }

  // Recomputes points idx[0..count) of the block (at `block`) against all centres.
  void recompute(const float* block, const std::uint32_t* idx, std::size_t count,
                 std::size_t start, std::size_t slot, std::int32_t* labels) const {
    const std::size_t d = data->d, rows = bounded_rows(k);
    float* xs = s->gather_points + slot * rows * d;
    float* columns = s->gather_dists + slot * rows * (k + 3);
    float *best = columns + k * rows, *second = best + rows, *which = second + rows;
    for (std::size_t first = 0; first < count; first += rows) {
      const std::size_t m_rows = count - first < rows ? count - first : rows;
      for (std::size_t r = 0; r < m_rows; ++r)
        std::memcpy(xs + r * d, block + idx[first + r] * d, d * sizeof(float));
      const distance_matrix dist = distances_of(xs, m_rows, columns);
      best_two(dist, m_rows, k, best, second, which);
      for (std::size_t r = 0; r < m_rows; ++r) {
        auto a = static_cast<std::size_t>(which[r]);
        float upper = m.up(std::sqrt(best[r])), lower = m.down(std::sqrt(second[r]));
        if (!m.proves(lower, upper)) {  // a near tie: the kernel's own label
          std::int32_t label = 0;
          float unused = 0.0f;
          kt->assign(xs + r * d, 1, d, s->centroids, s->prepared, k, &label, &unused);
          a = static_cast<std::size_t>(label);
          upper = m.up(std::sqrt(dist(r, a)));
          lower = m.down(std::sqrt(least_but(dist, r, k, a)));
        }
        const std::size_t i = idx[first + r], p = start + i;
        labels[i] = static_cast<std::int32_t>(a);
        s->upper[p] = upper;
        s->lower[p] = lower;
      }
    }
  }

  // Whether point p (at x) provably keeps its label; updates its bounds either way. Hamerly's
  // test, with the lower bound also from the gap: |x - c_b| >= |c_a - c_b| - |x - c_a| >= 2 h_a
  // - U for every b != a (h_a: half the distance from c_a to the nearest other centre).
  bool keeps_label(std::size_t p, const float* x) const noexcept {
    const auto a = static_cast<std::size_t>(s->point_labels[p]);
    float upper = m.up(s->upper[p] + s->centre_move[a]);
    const float lower = lower_moved(p, a);
    float gap_lower = m.down(2.0f * s->centre_half[a] - upper);
    if (!m.proves(lower > gap_lower ? lower : gap_lower, upper)) {  // tighten U, try again
      upper = m.up(std::sqrt(squared_distance(x, s->centroids + a * data->d, data->d)));
      gap_lower = m.down(2.0f * s->centre_half[a] - upper);
    }
    s->upper[p] = upper;
    s->lower[p] = lower;
    return m.proves(lower > gap_lower ? lower : gap_lower, upper);
  }

  template <typename Walk>
  block_labelled operator()(const Walk&, std::size_t start, std::size_t count, std::size_t slot,
                            std::int32_t* labels, float* dist, double*) const {
    const std::size_t d = data->d;
    const float* block = data->points + start * d;
    if (full) {
      assign_all(block, start, count, slot, labels, dist);
    } else {
      std::uint32_t* idx = s->gather_index + slot * block_points;
      std::size_t unproven = 0;
      for (std::size_t i = 0; i < count; ++i) {
        const std::size_t p = start + i;
        if (!fresh && keeps_label(p, block + i * d)) {
          labels[i] = s->point_labels[p];
          continue;
        }
        idx[unproven++] = static_cast<std::uint32_t>(i);
      }
      recompute(block, idx, unproven, start, slot, labels);
    }
    std::memcpy(s->point_labels + start, labels, count * sizeof(std::int32_t));
    return {full, false};
  }
};

// Each centre's move (an upper bound, as a distance) into s.centre_move, and the two largest.
void record_moves(const fit_scratch& s, std::size_t k, std::size_t d, slack m, bound_block& b) {
  b.max_move = 0.0f;
  b.second_move = 0.0f;
  b.max_centre = 0;
  for (std::size_t c = 0; c < k; ++c) {
    double sq = 0.0;
    for (std::size_t j = 0; j < d; ++j) {
      const double t = static_cast<double>(s.centroids[c * d + j]) -
                       static_cast<double>(s.old_centroids[c * d + j]);
      sq += t * t;
    }
    const float move = m.up(static_cast<float>(std::sqrt(sq)));
    s.centre_move[c] = move;
    if (move > b.max_move) {
      b.second_move = b.max_move;
      b.max_move = move;
      b.max_centre = c;
    } else if (move > b.second_move) {
      b.second_move = move;
    }
  }
}

// Half the distance from each centre to its nearest other centre (a lower bound) into
// s.centre_half; zeros (no gap test) where that k^2 d work would pass a quarter of a pass's n k d.
void record_gaps(const fit_scratch& s, std::size_t n, std::size_t k, std::size_t d, slack m) {
  const bool worth = k <= n / 4;
  for (std::size_t c = 0; c < k; ++c) s.centre_half[c] = worth ? std::numeric_limits<float>::infinity() : 0.0f;
  if (!worth) return;
  for (std::size_t c = 0; c < k; ++c)
    for (std::size_t b = c + 1; b < k; ++b) {
      const float gap = m.down(0.5f * std::sqrt(squared_distance(
                                          s.centroids + c * d, s.centroids + b * d, d)));
      if (gap < s.centre_half[c]) s.centre_half[c] = gap;
      if (gap < s.centre_half[b]) s.centre_half[b] = gap;
    }
}

}  // namespace

lloyd_outcome run_bounded_lloyd(const kernels::kernel_table& kt, const dataset& data,
                                const fit_params& params, double scaled_tol, fit_scratch& s) {
  const std::size_t k = params.k, d = data.d;
  const slack m{4.0f * static_cast<float>(d + 8) * 0x1p-24f};
  bound_block label{&kt, &data, &s, k, m, 0.0f, 0.0f, 0, true, false, s.slot_changes};
  const std::size_t slots = pass_in_parallel(data) ? group_count(data.n) : 1;
  // While many labels change, the bounds would prove few: plain assign passes (that keep the
  // labels) until fewer than n / 16 change, then one pass through `distances` sets the bounds.
  bool warming = true;
  const pass_walk<bound_block> walk{&kt, &data, k, &s, true, pass_in_parallel(data), &label};
  const auto step = [&](std::uint32_t it, bool check, iteration_outcome& out) {
    label.fresh = it == 1;
    label.full = check || warming;
    for (std::size_t i = 0; i < slots; ++i) s.slot_changes[i] = 0;
    kernels::prepare_centroids(s.centroids, k, d, s.prepared);
    out = iteration_outcome{};
    out.inertia_before = walk.run(s.sums, s.weight_sums);  // meaningful on check iterations
    if (label.full && it > 1) {
      std::size_t changes = 0;
      for (std::size_t i = 0; i < slots; ++i) changes += s.slot_changes[i];
      warming = changes > data.n / 16;
    }
    std::memcpy(s.old_centroids, s.centroids, k * d * sizeof(float));
    update_centres(kt, data, k, params.empty_cluster, s, out);
    record_moves(s, k, d, m, label);
    record_gaps(s, data.n, k, d, m);
  };
  iteration_outcome last{};
  lloyd_outcome out = lloyd_loop(params, scaled_tol, step, last);
  out.inertia = assign_pass(kt, data, s.centroids, k, s, nullptr, nullptr);
  return out;
}

}  // namespace tinykm::detail
#endif  // !TINYKM_COMPACT_CODE
