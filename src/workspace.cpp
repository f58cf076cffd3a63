#include "workspace.hpp"

#include <cmath>
#include <cstdint>

#include "carver.hpp"
#include "chunks.hpp"
#include "kernels/kernels.hpp"
#include "tinykm/config.hpp"

namespace tinykm::detail {

namespace {

constexpr std::size_t alignment = 64;
constexpr std::size_t overflow = static_cast<std::size_t>(-1);

// Adds `count` elements of `elem` bytes, rounded up to the alignment, to a running byte total;
// saturates at `overflow`.
std::size_t add_buffer(std::size_t total, std::size_t count, std::size_t elem) noexcept {
  if (total == overflow) return overflow;
  if (count != 0 && elem > (overflow - alignment) / count) return overflow;
  const std::size_t bytes = (count * elem + alignment - 1) / alignment * alignment;
  return bytes > overflow - total ? overflow : total + bytes;
}

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
  // kd below the sentinel implies d + 1 does not wrap; add_buffer saturates on the sentinel.
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
  return 2 + static_cast<std::size_t>(std::log(static_cast<double>(k < 1 ? 1 : k)));
}

std::size_t fit_scratch_bytes(const fit_params& params, std::size_t n, std::size_t d) noexcept {
  const buffer_counts c = counts_for(params, n, d);
  if (c.kd == overflow) return overflow;
  std::size_t total = alignment;  // slack to align an unaligned caller buffer
  total = add_buffer(total, c.kd, sizeof(double));
  total = add_buffer(total, c.k, sizeof(double));
  total = add_buffer(total, c.kd, sizeof(float));
  total = add_buffer(total, c.prepared, sizeof(float));
  total = add_buffer(total, product(c.slots, block_points), sizeof(std::int32_t));
  total = add_buffer(total, product(c.slots, block_points), sizeof(float));
  total = add_buffer(total, c.group_sums, sizeof(double));
  total = add_buffer(total, c.point_chunks, sizeof(double));
  total = add_buffer(total, c.k, sizeof(std::uint32_t));
  total = add_buffer(total, c.k, sizeof(float));
  total = add_buffer(total, c.init_dist, sizeof(float));
  total = add_buffer(total, c.trial_centres, sizeof(float));
  total = add_buffer(total, product(c.trials, c.point_chunks), sizeof(double));
  total = add_buffer(total, c.trials, sizeof(double));
  total = add_buffer(total, c.trials, sizeof(double));
  total = add_buffer(total, c.trials, sizeof(std::uint32_t));
  total = add_buffer(total, c.trials, sizeof(std::uint32_t));
  total = add_buffer(total, c.init_index, sizeof(std::uint32_t));
  return total;
}

fit_scratch carve_fit_scratch(const fit_params& params, std::size_t n, std::size_t d,
                              void* workspace) noexcept {
  const buffer_counts c = counts_for(params, n, d);
  carver cut(align64(workspace));
  fit_scratch s;
  s.sums = cut.take<double>(c.kd);
  s.weight_sums = cut.take<double>(c.k);
  s.centroids = cut.take<float>(c.kd);
  s.prepared = cut.take<float>(c.prepared);
  s.block_labels = cut.take<std::int32_t>(c.slots * block_points);
  s.block_dists = cut.take<float>(c.slots * block_points);
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

}  // namespace tinykm::detail
