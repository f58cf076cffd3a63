// One assignment pass over all points (assign_pass.hpp), on the calling thread or
// on the caller's threads with the same bits: the walk of pass_walk.hpp with the assign kernel
// labelling every block (for d <= 4, k <= 16 without weights the table's fused
// assign_accumulate, where it has one: one sweep, the same bits).
#include "assign_pass.hpp"

#include "pass_walk.hpp"

namespace tinykm::detail {

namespace {

// The assign kernel on every block, against `centroids` (and s.prepared, the same).
struct assign_block {
  const float* centroids;
  kernels::assign_accumulate_fn fused;  // null: assign, then the walk accumulates

  template <typename Walk>
  block_labelled operator()(const Walk& w, std::size_t start, std::size_t count, std::size_t,
                            std::int32_t* labels, float* dist, double* sums) const {
    const std::size_t d = w.data->d;
    const float* block = w.data->points + start * d;
    if (fused != nullptr && sums != nullptr) {
      fused(block, count, d, centroids, w.s->prepared, w.k, labels, dist, sums, sums + w.k * d);
      return {true, true};
    }
    w.kt->assign(block, count, d, centroids, w.s->prepared, w.k, labels, dist);
    return {true, false};
  }
};

}  // namespace

double assign_pass(const kernels::kernel_table& kt, const dataset& data, const float* centroids,
                   std::size_t k, fit_scratch& s, double* sums, double* weight_sums) {
  kernels::prepare_centroids(centroids, k, data.d, s.prepared);
  const bool fuses = kernels::assign_accumulate_applies(data.weights != nullptr, data.d, k);
  assign_block label{centroids, fuses ? kernels::assign_accumulate_of(kt) : nullptr};
  const pass_walk<assign_block> walk{&kt, &data, k, &s, sums != nullptr, pass_in_parallel(data),
                                     &label};
  return walk.run(sums, weight_sums);
}

}  // namespace tinykm::detail
