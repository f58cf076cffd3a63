// One assignment pass over all points (assign_pass.hpp), on the calling thread or
// on the caller's threads with the same bits: the walk of pass_walk.hpp with the assign kernel
// labelling every block.
#include "assign_pass.hpp"

#include "pass_walk.hpp"

namespace tinykm::detail {

namespace {

// The assign kernel on every block, against `centroids` (and s.prepared, the same).
struct assign_block {
  const float* centroids;
  template <typename Walk>
  bool operator()(const Walk& w, std::size_t start, std::size_t count, std::size_t,
                  std::int32_t* labels, float* dist) const {
    const std::size_t d = w.data->d;
    w.kt->assign(w.data->points + start * d, count, d, centroids, w.s->prepared, w.k, labels,
                 dist);
    return true;
  }
};

}  // namespace

double assign_pass(const kernels::kernel_table& kt, const dataset& data, const float* centroids,
                   std::size_t k, fit_scratch& s, double* sums, double* weight_sums) {
  kernels::prepare_centroids(centroids, k, data.d, s.prepared);
  assign_block label{centroids};
  const pass_walk<assign_block> walk{&kt, &data, k, &s, sums != nullptr, pass_in_parallel(data),
                                     &label};
  return walk.run(sums, weight_sums);
}

}  // namespace tinykm::detail
