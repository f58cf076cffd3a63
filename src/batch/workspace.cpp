#include "workspace.hpp"

#include <cstdint>

#include "carver.hpp"
#include "chunks.hpp"
#include "kernels.hpp"
#include "tinykm/config.hpp"

namespace tinykm::detail {

namespace {

constexpr std::size_t alignment = 64;

struct buffer_counts {
  std::size_t kd, k, prepared, init_dist, trials, trial_centres, init_index, slots, group_sums,
      point_chunks;
};

buffer_counts counts_for(const fit_params& params, std::size_t n, std::size_t d) noexcept {
  const std::size_t k = params.k;
  const std::size_t kd = mul_sat(k, d);
  const bool plus_plus = params.init == init_method::kmeans_plus_plus;
  const bool farthest = params.init == init_method::farthest_point;
  const bool random = params.init == init_method::random;
  const std::size_t prepared =  // kernels::prepared_floats, saturated
      mul_sat(round_up_sat(k, kernels::prepared_lanes), add_sat(d, 1));
  const bool parallel = params.parallel.run != nullptr;
  const std::size_t slots = parallel ? group_count(n) : 1;
  return {kd,
          k,
          prepared,
          (plus_plus || farthest) ? n : 0,
          plus_plus ? kmeans_plus_plus_trials(k) : 0,
          plus_plus ? mul_sat(kmeans_plus_plus_trials(k), d) : 0,
          random ? k : 0,
          slots,
          mul_sat(slots, add_sat(kd, k)),
          chunk_count(n)};
}

}  // namespace

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

namespace {

// Every buffer of a fit, in one order for sizing and carving.
fit_scratch lay_out(const buffer_counts& c, carver& cut) noexcept {
  fit_scratch s;
  s.sums = cut.take<double>(c.kd);
  s.weight_sums = cut.take<double>(c.k);
  s.centroids = cut.take<float>(c.kd);
  s.prepared = cut.take<float>(c.prepared);
  s.block_labels = cut.take<std::int32_t>(mul_sat(c.slots, block_points));
  s.block_dists = cut.take<float>(mul_sat(c.slots, block_points));
  s.group_sums = cut.take<double>(c.group_sums);
  s.chunk_inertia = cut.take<double>(c.point_chunks);
  s.far_index = cut.take<std::uint32_t>(c.k);
  s.far_dist = cut.take<float>(c.k);
  s.init_dist = cut.take<float>(c.init_dist);
  s.trial_centres = cut.take<float>(c.trial_centres);
  s.trial_chunk_pot = cut.take<double>(mul_sat(c.trials, c.point_chunks));
  s.trial_target = cut.take<double>(c.trials);
  s.trial_pot = cut.take<double>(c.trials);
  s.trial_index = cut.take<std::uint32_t>(c.trials);
  s.trial_order = cut.take<std::uint32_t>(c.trials);
  s.init_index = cut.take<std::uint32_t>(c.init_index);
  return s;
}

}  // namespace

std::size_t fit_scratch_bytes(const fit_params& params, std::size_t n, std::size_t d) noexcept {
  const buffer_counts c = counts_for(params, n, d);
  carver measure(nullptr);
  lay_out(c, measure);
  return add_sat(measure.used(), alignment);  // plus slack to align an unaligned caller buffer
}

fit_scratch carve_fit_scratch(const fit_params& params, std::size_t n, std::size_t d,
                              void* workspace) noexcept {
  carver cut(align64(workspace));
  return lay_out(counts_for(params, n, d), cut);
}

}  // namespace tinykm::detail
