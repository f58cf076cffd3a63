// k-means++'s draw of the trial candidates, in two levels: the chunk whose running total of
// chunk masses passes a target, then the point of that chunk whose running sum, from the total
// before the chunk, passes it. The chunk masses are the ones the scoring already summed (the
// winning trial's slot of b.trial_chunk_pot, or slot 0 of the first step's scoring), added in
// chunk order as the potential is; so the draw reads only the chunks its targets fall in and
// no running sum spans all points (a serial chain of double adds that bound seeding at d = 3).
#include <cstddef>
#include <cstdint>

#include "chunks.hpp"
#include "kernels.hpp"
#include "seeding.hpp"

namespace tinykm::detail {

namespace {

// Moves a chunk's closest to `winner` first where closest lags one centre (one-sweep steps:
// hosts only, so firmware leaves the call out).
void catch_up(const kernels::kernel_table& kt, const dataset& data, const float* winner,
              std::size_t chunk, const seeding_buffers& b) noexcept {
  if (kernels::compact_code || winner == nullptr) return;
  const std::size_t begin = chunk_begin(chunk);
  kt.min_distance(data.points + begin * data.d, chunk_end(chunk, data.n) - begin, data.d, winner,
                  b.closest + begin, b.closest + begin);
}

// Targets order[r .. r_end) fall in `chunk`, whose points' masses start after `before`: each
// takes the first point whose running sum passes it, or (rounding: the chunk's mass was summed
// in another order; or a target past the total) the chunk's last point of positive mass.
void draw_in_chunk(const kernels::kernel_table& kt, const dataset& data, const float* winner,
                   std::size_t chunk, double before, std::size_t r, std::size_t r_end,
                   const seeding_buffers& b) noexcept {
  if (r == r_end) return;
  catch_up(kt, data, winner, chunk, b);
  const std::uint32_t* order = b.trial_order;
  double running = before;
  std::size_t last_positive = chunk_begin(chunk);
  const std::size_t end = chunk_end(chunk, data.n);
  for (std::size_t i = chunk_begin(chunk); i < end && r < r_end; ++i) {
    const double m = weight_of(data, i) * static_cast<double>(b.closest[i]);
    if (m <= 0.0) continue;
    running += m;
    last_positive = i;
    while (r < r_end && running > b.trial_target[order[r]])
      b.trial_index[order[r++]] = static_cast<std::uint32_t>(i);
  }
  for (; r < r_end; ++r) b.trial_index[order[r]] = static_cast<std::uint32_t>(last_positive);
}

}  // namespace

void draw_in_chunks(const kernels::kernel_table& kt, const dataset& data,
                    const double* chunk_mass, std::size_t stride, const float* winner,
                    std::size_t trials, const seeding_buffers& b) noexcept {
  order_targets(trials, b);
  std::size_t last = chunk_count(data.n);  // the last chunk with mass takes targets past the total
  while (last > 0 && !(chunk_mass[(last - 1) * stride] > 0.0)) --last;
  std::size_t r = 0;
  double before = 0.0;
  for (std::size_t chunk = 0; chunk < last && r < trials; ++chunk) {
    const double mass = chunk_mass[chunk * stride];
    if (!(mass > 0.0)) continue;
    const double through = before + mass;
    std::size_t r_end = chunk + 1 == last ? trials : r;
    while (r_end < trials && through > b.trial_target[b.trial_order[r_end]]) ++r_end;
    draw_in_chunk(kt, data, winner, chunk, before, r, r_end, b);
    r = r_end;
    before = through;
  }
  for (; r < trials; ++r) b.trial_index[b.trial_order[r]] = 0;  // no mass anywhere
}

}  // namespace tinykm::detail
