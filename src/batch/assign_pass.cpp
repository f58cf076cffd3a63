// One assignment pass over all points (assign_pass.hpp), on the calling thread or
// on the caller's threads with the same bits.
//
// The points are cut into at most group_count() groups of whole 4096-point chunks; the cut
// depends on n only. Each group assigns its points block by block (one fused kernel call per
// block where the table has one for the shape) and accumulates their sums (by
// the accumulate rule, which depends on where blocks start: offsets that depend on n only) into a
// partial of its own; partials are then added into the result in group order.
// Each chunk's inertia is summed in 8 lanes (inertia_sum.hpp) and chunks are added in order.
#include <cstring>

#include "assign_pass.hpp"
#include "chunks.hpp"
#include "inertia_sum.hpp"
#include "tinykm/config.hpp"

namespace tinykm::detail {

namespace {

struct pass_context {
  const kernels::kernel_table* kt;
  const dataset* data;
  const float* centroids;
  std::size_t k;
  fit_scratch* s;
  bool accumulate;
  bool own_slots;  // parallel: every group has its own scratch slot; serial: all share slot 0
};

std::size_t partial_doubles(std::size_t k, std::size_t d) { return k * (d + 1); }

// Group g: assign + accumulate its chunks into its partial sums (k x d sums, then k weights).
void run_group(const pass_context& c, std::size_t g) {
  const dataset& data = *c.data;
  const std::size_t d = data.d;
  const std::size_t chunks = chunk_count(data.n);
  const std::size_t groups = group_count(data.n);
  const std::size_t slot = c.own_slots ? g : 0;
  std::int32_t* labels = c.s->block_labels + slot * block_points;
  float* dist = c.s->block_dists + slot * block_points;
  double* sums = c.s->group_sums + slot * partial_doubles(c.k, d);
  if (c.accumulate) std::memset(sums, 0, partial_doubles(c.k, d) * sizeof(double));
  // d <= 4, k <= 16, no weights: one sweep per block where the table has the fused kernel.
  const kernels::assign_accumulate_fn fused =
      c.accumulate && kernels::assign_accumulate_applies(data.weights != nullptr, d, c.k)
          ? kernels::assign_accumulate_of(*c.kt)
          : nullptr;
  for (std::size_t chunk = g * chunks / groups; chunk < (g + 1) * chunks / groups; ++chunk) {
    const std::size_t end = chunk_end(chunk, data.n);
    chunk_inertia_sum inertia;
    for (std::size_t start = chunk_begin(chunk); start < end; start += block_points) {
      const std::size_t count = end - start < block_points ? end - start : block_points;
      const float* block = data.points + start * d;
      const float* w = data.weights ? data.weights + start : nullptr;
      if (fused != nullptr) {
        fused(block, count, d, c.centroids, c.s->prepared, c.k, labels, dist, sums,
              sums + c.k * d);
      } else {
        c.kt->assign(block, count, d, c.centroids, c.s->prepared, c.k, labels, dist);
        if (c.accumulate) c.kt->accumulate(block, w, count, d, labels, sums, sums + c.k * d);
      }
      if (!kernels::compact_code && w == nullptr)
        inertia.add_unweighted(dist, count);
      else
        inertia.add(w, dist, count);
    }
    c.s->chunk_inertia[chunk] = inertia.total();
  }
}

void add_partial(const double* partial, std::size_t count, double* sums) {
  for (std::size_t i = 0; i < count; ++i) sums[i] += partial[i];
}

}  // namespace

double assign_pass(const kernels::kernel_table& kt, const dataset& data, const float* centroids,
                   std::size_t k, fit_scratch& s, double* sums, double* weight_sums) {
  const std::size_t d = data.d;
  kernels::prepare_centroids(centroids, k, d, s.prepared);
  const bool parallel = data.parallel != nullptr && data.parallel->run != nullptr;
  const pass_context context{&kt, &data, centroids, k, &s, sums != nullptr, parallel};
  const std::size_t groups = group_count(data.n);
  if (sums != nullptr) {
    std::memset(sums, 0, k * d * sizeof(double));
    std::memset(weight_sums, 0, k * sizeof(double));
  }
  // Adds group g's partial into the result; the order of calls is the group order.
  const auto reduce = [&](std::size_t g) {
    if (sums == nullptr) return;
    const double* partial = s.group_sums + (parallel ? g : 0) * partial_doubles(k, d);
    add_partial(partial, k * d, sums);
    add_partial(partial + k * d, k, weight_sums);
  };
  if (parallel) {
    data.parallel->run(
        data.parallel->executor, groups,
        [](void* ctx, std::size_t g) { run_group(*static_cast<const pass_context*>(ctx), g); },
        const_cast<pass_context*>(&context));
    for (std::size_t g = 0; g < groups; ++g) reduce(g);
  } else {
    for (std::size_t g = 0; g < groups; ++g) {
      run_group(context, g);
      reduce(g);
    }
  }
  double total = 0.0;
  for (std::size_t chunk = 0; chunk < chunk_count(data.n); ++chunk) total += s.chunk_inertia[chunk];
  return total;
}

}  // namespace tinykm::detail
