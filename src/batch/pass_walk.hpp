// The walk of one assignment pass over all points (assign_pass.cpp), written once for plain
// Lloyd and the bounded Lloyd (bounded_lloyd.cpp): how the points are cut into groups, chunks and
// blocks, and where each block's sums and inertia go, so both give the same bits.
//
// The points are cut into at most group_count() groups of whole 4096-point chunks; the cut
// depends on n only. Each group labels its points block by block and accumulates their sums (by
// the accumulate rule, which depends on where blocks start: offsets that depend on n only) into a
// partial of its own; partials are then added into the result in group order.
// Each chunk's inertia is summed in 8 lanes (inertia_sum.hpp) and chunks are added in order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "chunks.hpp"
#include "dataset.hpp"
#include "inertia_sum.hpp"
#include "kernels.hpp"
#include "tinykm/config.hpp"
#include "workspace.hpp"

namespace tinykm::detail {

// What a block's label call did: whether dist[0..count) holds the kernel's min_dist (else the
// walk adds no inertia), and whether it already accumulated the block into the sums it was
// given (else the walk does).
struct block_labelled {
  bool dists;
  bool accumulated;
};

// Labels one block: label(walk, start, count, slot, labels, dist, sums) fills labels[0..count)
// for points start.. and says what else it did (block_labelled). slot: the group's scratch slot
// (0 without threads); sums: the group's partial sums (k x d, then k weights), null when the
// pass accumulates nothing.
template <typename Label>
struct pass_walk {
  const kernels::kernel_table* kt;
  const dataset* data;
  std::size_t k;
  fit_scratch* s;
  bool accumulate;
  bool own_slots;  // parallel: every group has its own scratch slot; serial: all share slot 0
  Label* label;

  static std::size_t partial_doubles(std::size_t k, std::size_t d) { return k * (d + 1); }

  // Group g: label + accumulate its chunks into its partial sums (k x d sums, then k weights).
  void run_group(std::size_t g) const {
    const std::size_t d = data->d, n = data->n;
    const std::size_t chunks = chunk_count(n), groups = group_count(n);
    const std::size_t slot = own_slots ? g : 0;
    std::int32_t* labels = s->block_labels + slot * block_points;
    float* dist = s->block_dists + slot * block_points;
    double* sums = s->group_sums + slot * partial_doubles(k, d);
    if (accumulate) std::memset(sums, 0, partial_doubles(k, d) * sizeof(double));
    for (std::size_t chunk = g * chunks / groups; chunk < (g + 1) * chunks / groups; ++chunk) {
      const std::size_t end = chunk_end(chunk, n);
      chunk_inertia_sum inertia;
      for (std::size_t start = chunk_begin(chunk); start < end; start += block_points) {
        const std::size_t count = end - start < block_points ? end - start : block_points;
        const float* block = data->points + start * d;
        const float* w = data->weights ? data->weights + start : nullptr;
        const block_labelled done =
            (*label)(*this, start, count, slot, labels, dist, accumulate ? sums : nullptr);
        if (done.dists && !kernels::compact_code && w == nullptr)
          inertia.add_unweighted(dist, count);
        else if (done.dists)
          inertia.add(w, dist, count);
        if (accumulate && !done.accumulated)
          kt->accumulate(block, w, count, d, labels, sums, sums + k * d);
      }
      s->chunk_inertia[chunk] = inertia.total();
    }
  }

  // The whole pass; sums/weight_sums (null: no sums) receive the totals. Returns the inertia
  // (meaningful when every block's label call returned true).
  double run(double* sums, double* weight_sums) const {
    const bool parallel = own_slots;
    const std::size_t groups = group_count(data->n), d = data->d;
    if (sums != nullptr) {
      std::memset(sums, 0, k * d * sizeof(double));
      std::memset(weight_sums, 0, k * sizeof(double));
    }
    // Adds group g's partial into the result; the order of calls is the group order.
    const auto reduce = [&](std::size_t g) {
      if (sums == nullptr) return;
      const double* partial = s->group_sums + (parallel ? g : 0) * partial_doubles(k, d);
      for (std::size_t i = 0; i < k * d; ++i) sums[i] += partial[i];
      for (std::size_t i = 0; i < k; ++i) weight_sums[i] += partial[k * d + i];
    };
    if (parallel) {
      data->parallel->run(
          data->parallel->executor, groups,
          [](void* ctx, std::size_t g) { static_cast<const pass_walk*>(ctx)->run_group(g); },
          const_cast<pass_walk*>(this));
      for (std::size_t g = 0; g < groups; ++g) reduce(g);
    } else {
      for (std::size_t g = 0; g < groups; ++g) {
        run_group(g);
        reduce(g);
      }
    }
    double total = 0.0;
    for (std::size_t chunk = 0; chunk < chunk_count(data->n); ++chunk) total += s->chunk_inertia[chunk];
    return total;
  }
};

// Whether a pass over `data` runs on the caller's threads.
inline bool pass_in_parallel(const dataset& data) noexcept {
  return data.parallel != nullptr && data.parallel->run != nullptr;
}

}  // namespace tinykm::detail
