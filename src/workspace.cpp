#include "workspace.hpp"

#include <cstdint>

#include "carver.hpp"
#include "chunks.hpp"
#include "kernels/kernels.hpp"
#include "tinykm/config.hpp"

namespace tinykm::detail {

namespace {

constexpr std::size_t alignment = 64;
constexpr std::size_t overflow = carver::overflow;

// a x b, or the overflow sentinel.
std::size_t product(std::size_t a, std::size_t b) noexcept {
  return (b != 0 && a > overflow / b) ? overflow : a * b;
}

struct buffer_counts {
  std::size_t kd, k, prepared, init_dist, trials, trial_centres, init_index, slots, group_sums,
      point_chunks;
};

buffer_counts counts_for(const fit_params& params, std::size_t n, std::size_t d) noexcept {
  const std::size_t k = params.k;
  const std::size_t kd = product(k, d);
  const bool plus_plus = params.init == init_method::kmeans_plus_plus;
  const bool farthest = params.init == init_method::farthest_point;
  const bool random = params.init == init_method::random;
  // kd below the sentinel implies d + 1 does not wrap; the carver saturates on the sentinel.
  const std::size_t prepared = kd == overflow || k > overflow - kernels::prepared_lanes
                                   ? overflow
                                   : product(kernels::padded_k(k), d + 1);
  const bool parallel = params.parallel.run != nullptr;
  const std::size_t slots = parallel ? group_count(n) : 1;
  return {kd,
          k,
          prepared,
          (plus_plus || farthest) ? n : 0,
          plus_plus ? kmeans_plus_plus_trials(k) : 0,
          plus_plus ? product(kmeans_plus_plus_trials(k), d) : 0,
          random ? k : 0,
          slots,
          kd > overflow - k ? overflow : product(slots, kd + k),
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
  s.block_labels = cut.take<std::int32_t>(product(c.slots, block_points));
  s.block_dists = cut.take<float>(product(c.slots, block_points));
  s.group_sums = cut.take<double>(c.group_sums);
  s.chunk_inertia = cut.take<double>(c.point_chunks);
  s.far_index = cut.take<std::uint32_t>(c.k);
  s.far_dist = cut.take<float>(c.k);
  s.init_dist = cut.take<float>(c.init_dist);
  s.trial_centres = cut.take<float>(c.trial_centres);
  s.trial_chunk_pot = cut.take<double>(product(c.trials, c.point_chunks));
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
  if (c.kd == overflow) return overflow;
  carver measure(nullptr);
  lay_out(c, measure);
  // plus slack to align an unaligned caller buffer
  return measure.used() > overflow - alignment ? overflow : measure.used() + alignment;
}

fit_scratch carve_fit_scratch(const fit_params& params, std::size_t n, std::size_t d,
                              void* workspace) noexcept {
  carver cut(align64(workspace));
  return lay_out(counts_for(params, n, d), cut);
}

}  // namespace tinykm::detail
