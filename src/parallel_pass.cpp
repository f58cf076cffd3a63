#include "parallel_pass.hpp"

#include <cstring>

#include "inertia_sum.hpp"
#include "tinykm/config.hpp"

namespace tinykm::detail {

namespace {

// Clusters per update task: enough tasks for a few threads, few enough that re-reading the
// labels once per task stays cheap next to the assignment.
constexpr std::size_t update_tasks_max = 32;

struct pass_context {
  const kernels::kernel_table* kt;
  const dataset* data;
  const float* centroids;
  std::size_t k;
  fit_scratch* s;
  double* sums;
  double* weight_sums;
  std::size_t update_tasks;
};

// Task `chunk`: labels of its points into s.labels, their inertia into s.chunk_inertia[chunk].
void assign_chunk(void* context, std::size_t chunk) {
  const pass_context& c = *static_cast<const pass_context*>(context);
  const dataset& data = *c.data;
  const std::size_t begin = chunk * parallel_chunk_points;
  const std::size_t end =
      data.n - begin < parallel_chunk_points ? data.n : begin + parallel_chunk_points;
  float dist[block_points];  // on the executing thread's stack: tasks share no scratch
  chunk_inertia_sum partial;
  for (std::size_t start = begin; start < end; start += block_points) {
    const std::size_t count = end - start < block_points ? end - start : block_points;
    c.kt->assign(data.points + start * data.d, count, data.d, c.centroids, c.s->prepared, c.k,
                 c.s->labels + start, dist);
    partial.add(data.weights ? data.weights + start : nullptr, dist, count);
  }
  c.s->chunk_inertia[chunk] = partial.total();
}

// Task `task`: sums of its range of clusters over every point, in point order.
void update_clusters(void* context, std::size_t task) {
  const pass_context& c = *static_cast<const pass_context*>(context);
  const std::size_t first = task * c.k / c.update_tasks;
  const std::size_t last = (task + 1) * c.k / c.update_tasks;
  const std::size_t d = c.data->d;
  std::memset(c.sums + first * d, 0, (last - first) * d * sizeof(double));
  std::memset(c.weight_sums + first, 0, (last - first) * sizeof(double));
  kernels::accumulate_range_scalar(c.data->points, c.data->weights, c.data->n, d, c.s->labels,
                                   first, last, c.sums, c.weight_sums);
}

}  // namespace

double parallel_assign_pass(const kernels::kernel_table& kt, const dataset& data,
                            const float* centroids, std::size_t k, fit_scratch& s, double* sums,
                            double* weight_sums) {
  const parallel_for& par = *data.parallel;
  pass_context context{&kt, &data, centroids, k, &s, sums, weight_sums,
                       k < update_tasks_max ? k : update_tasks_max};
  const std::size_t chunks = (data.n + parallel_chunk_points - 1) / parallel_chunk_points;
  par.run(par.executor, chunks, assign_chunk, &context);
  if (sums != nullptr) par.run(par.executor, context.update_tasks, update_clusters, &context);
  double total = 0.0;
  for (std::size_t chunk = 0; chunk < chunks; ++chunk) total += s.chunk_inertia[chunk];
  return total;
}

}  // namespace tinykm::detail
