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

double mass_of(const dataset& data, const float* closest, std::size_t i) noexcept {
  return weight_of(data, i) * static_cast<double>(closest[i]);
}

// Moves a chunk's closest to `winner` first where closest lags one centre (one-sweep steps).
void catch_up(const kernels::kernel_table& kt, const dataset& data, const float* winner,
              std::size_t chunk, const seeding_buffers& b) noexcept {
  if (winner == nullptr) return;
  const std::size_t begin = chunk_begin(chunk);
  kt.min_distance(data.points + begin * data.d, chunk_end(chunk, data.n) - begin, data.d, winner,
                  b.closest + begin, b.closest + begin);
}

// Targets order[r .. r_end) fall in `chunk`, whose points' masses start after `before`: each
// takes the first point whose running sum passes it, or (rounding: the chunk's mass was summed
// in another order) the chunk's last point of positive mass.
void draw_in_chunk(const dataset& data, std::size_t chunk, double before, std::size_t r,
                   std::size_t r_end, const seeding_buffers& b) noexcept {
  const std::uint32_t* order = b.trial_order;
  double running = before;
  std::size_t last_positive = chunk_begin(chunk);
  const std::size_t end = chunk_end(chunk, data.n);
  for (std::size_t i = chunk_begin(chunk); i < end && r < r_end; ++i) {
    const double m = mass_of(data, b.closest, i);
    if (m <= 0.0) continue;
    running += m;
    last_positive = i;
    while (r < r_end && running > b.trial_target[order[r]])
      b.trial_index[order[r++]] = static_cast<std::uint32_t>(i);
  }
  for (; r < r_end; ++r) b.trial_index[order[r]] = static_cast<std::uint32_t>(last_positive);
}

// The last point of positive mass in `chunk` (which has some).
std::size_t last_positive_in(const dataset& data, std::size_t chunk,
                             const seeding_buffers& b) noexcept {
  for (std::size_t i = chunk_end(chunk, data.n); i-- > chunk_begin(chunk);)
    if (mass_of(data, b.closest, i) > 0.0) return i;
  return chunk_begin(chunk);
}

}  // namespace

void draw_in_chunks(const kernels::kernel_table& kt, const dataset& data,
                    const double* chunk_mass, std::size_t stride, const float* winner,
                    std::size_t trials, const seeding_buffers& b) noexcept {
  order_targets(trials, b);
  const std::uint32_t* order = b.trial_order;
  const std::size_t chunks = chunk_count(data.n);
  double before = 0.0;
  std::size_t r = 0, last_with_mass = chunks;  // chunks: none yet
  for (std::size_t chunk = 0; chunk < chunks && r < trials; ++chunk) {
    const double mass = chunk_mass[chunk * stride];
    if (!(mass > 0.0)) continue;
    last_with_mass = chunk;
    const double through = before + mass;
    std::size_t r_end = r;
    while (r_end < trials && through > b.trial_target[order[r_end]]) ++r_end;
    if (r_end > r) {
      catch_up(kt, data, winner, chunk, b);
      draw_in_chunk(data, chunk, before, r, r_end, b);
      r = r_end;
    }
    before = through;
  }
  if (r == trials) return;
  // Targets at or past the total (rounding): the last point of positive mass, or point 0.
  std::size_t index = 0;
  if (last_with_mass != chunks) {
    catch_up(kt, data, winner, last_with_mass, b);
    index = last_positive_in(data, last_with_mass, b);
  }
  for (; r < trials; ++r) b.trial_index[order[r]] = static_cast<std::uint32_t>(index);
}

}  // namespace tinykm::detail
