#include "workspace.hpp"

#include <cstdint>

#include "bounded_lloyd.hpp"
#include "carver.hpp"
#include "chunks.hpp"
#include "refine.hpp"
#include "tinykm/config.hpp"

namespace tinykm::detail {

std::size_t kmeans_plus_plus_trials(std::size_t k) noexcept {
  // floor(ln k) is how many of ceil(e^1), ceil(e^2), .. are <= k: integers only, so no libm log
  // or float64 on small cores. Exact for k < e^22, far above max_k.
  static constexpr std::uint32_t ceil_exp[] = {3,      8,      21,      55,      149,     404,     1097,
                                        2981,   8104,   22027,   59875,   162755,  442414,  1202605,
                                        3269018, 8886111, 24154953, 65659970, 178482301, 485165196, 1318815735};
  static_assert(max_k < 3584912846u, "extend ceil_exp");
  std::size_t floor_ln = 0;
  while (floor_ln < sizeof ceil_exp / sizeof ceil_exp[0] && ceil_exp[floor_ln] <= k) ++floor_ln;
  return 2 + floor_ln;
}

// Every buffer of a fit, in order (tinykm/layout.hpp).
template <typename Cut>
void lay_out(Cut& cut, fit_scratch& s, const fit_params& params, std::size_t n,
             std::size_t d) noexcept {
  const std::size_t k = params.k, kd = mul_sat(k, d), chunks = chunk_count(n);
  const init_method init = chosen_init(params.init, n, d, k);
  // k-means|| is host code: compact builds refuse it (validate.cpp) and size nothing for it.
  const bool parallel_init = !kernels::compact_code && init == init_method::kmeans_parallel;
  const std::size_t trials =
      init == init_method::kmeans_plus_plus || parallel_init ? kmeans_plus_plus_trials(k) : 0;
  const std::size_t slots = params.parallel.run != nullptr ? group_count(n) : 1;
  cut(s.sums, kd);
  cut(s.weight_sums, k);
  cut(s.centroids, kd);
  cut(s.prepared, prepared_floats_sat(k, d));
  cut(s.block_labels, mul_sat(slots, block_points));
  cut(s.block_dists, mul_sat(slots, block_points));
  cut(s.group_sums, mul_sat(slots, add_sat(kd, k)));
  cut(s.chunk_inertia, chunks);
  cut(s.far_index, k);
  cut(s.far_dist, k);
  cut(s.seeding.closest, trials != 0 || init == init_method::farthest_point ? n : 0);
  cut(s.seeding.trial_centres, mul_sat(trials, d));
  cut(s.seeding.trial_chunk_pot, mul_sat(trials, chunks));
  cut(s.seeding.trial_target, trials);
  cut(s.seeding.trial_pot, trials);
  cut(s.seeding.trial_index, trials);
  cut(s.seeding.trial_order, trials);
  cut(s.init_index, init == init_method::random ? k : 0);
#if !TINYKM_COMPACT_CODE  // k-means||: host code (workspace.hpp)
  const std::size_t cap = parallel_init ? kmeans_parallel_cap(k) : 0;
  cut(s.par_candidates, mul_sat(cap, d));
  cut(s.par_weights, cap);
  cut(s.par_weight_sums, cap);
  cut(s.par_prepared, parallel_init ? prepared_floats_sat(kmeans_parallel_round_cap(k), d) : 0);
  cut(s.par_nearest, parallel_init ? n : 0);
  cut(s.par_chunk_picks, parallel_init ? chunks : 0);
  const bool refines = runs_refine(params);  // hartigan or split_merge
  const bool hartigan = refines && params.refine == refinement::hartigan;
  cut(s.refine_labels, refines ? n : 0);
  cut(s.refine_means, hartigan ? kd : 0);
  cut(s.refine_backup, refines ? kd : 0);
  cut(s.refine_dists, hartigan ? mul_sat(bounded_rows(k), k) : 0);
  cut(s.refine_changed, refines ? k : 0);
  cut(s.refine_costs, refines && !hartigan ? 2 * k : 0);
  if (!runs_bounded(params, n, d)) return;  // the rest: the bounded Lloyd's
  const std::size_t rows = bounded_rows(k);
  cut(s.point_labels, n);
  cut(s.upper, n);
  cut(s.lower, n);
  cut(s.old_centroids, kd);
  cut(s.centre_move, k);
  cut(s.centre_half, k);
  cut(s.gather_points, mul_sat(slots, mul_sat(rows, d)));
  cut(s.gather_dists, mul_sat(slots, mul_sat(rows, add_sat(k, 3))));
  cut(s.gather_index, mul_sat(slots, block_points));
  cut(s.slot_changes, slots);
#endif
}

std::size_t fit_scratch_bytes(const fit_params& params, std::size_t n, std::size_t d) noexcept {
  return workspace_bytes<fit_scratch>(params, n, d);
}

fit_scratch carve_fit_scratch(const fit_params& params, std::size_t n, std::size_t d,
                              void* workspace) noexcept {
  fit_scratch s = carve<fit_scratch>(align64(workspace), params, n, d);
  // k-means++'s transposed candidates (d x 16 floats) borrow the prepared centres (at least
  // 16 x (d + 1) floats), which no Lloyd pass needs before it rebuilds them: no extra bytes, so
  // fit_workspace_size (and the streams' bound of it) is what it was.
  if constexpr (!kernels::compact_code) {
    const std::size_t trials =
        s.seeding.trial_centres != nullptr ? kmeans_plus_plus_trials(params.k) : 0;
    if (scores_in_columns(trials, d)) s.seeding.trial_columns = s.prepared;
  }
  return s;
}

}  // namespace tinykm::detail
