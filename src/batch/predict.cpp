// Using a fitted model: predict, transform, inertia, score.
#include <cmath>

#include "inertia_sum.hpp"
#include "kernels.hpp"
#include "tinykm/kmeans.hpp"
#include "validate.hpp"

namespace tinykm {

namespace {

// Points per kernel call when the caller gives no workspace: the distances of one block live
// on the stack (4 bytes each, plus 4 for labels in inertia()).
constexpr std::size_t stack_block = 64;
static_assert(stack_block % detail::inertia_lanes == 0 && parallel_chunk_points % stack_block == 0,
              "inertia() must sum in fit()'s layout");

struct predict_job {
  const model_view* model;
  const float* points;
  std::size_t n;
  std::int32_t* labels;
};

// Labels of points [begin, end). Stack: about 300 bytes.
void predict_range(const predict_job& job, std::size_t begin, std::size_t end) {
  const std::size_t d = job.model->d;
  const kernels::kernel_table& kt = kernels::active();
  float dist[stack_block];
  for (std::size_t start = begin; start < end; start += stack_block) {
    const std::size_t count = end - start < stack_block ? end - start : stack_block;
    kt.assign(job.points + start * d, count, d, job.model->centroids, nullptr, job.model->k,
                   job.labels + start, dist);
  }
}

void predict_chunk(void* context, std::size_t chunk) {
  const predict_job& job = *static_cast<const predict_job*>(context);
  const std::size_t begin = chunk * parallel_chunk_points;
  predict_range(job, begin,
                job.n - begin < parallel_chunk_points ? job.n : begin + parallel_chunk_points);
}

// The overlap rule (README, Numeric contract) for a checked query: out_bytes written at `out`
// may not overlap the points, weights or centres the call reads.
bool output_overlaps(const model_view& model, const float* points, std::size_t n, std::size_t d,
                     const float* weights, const void* out, std::size_t out_bytes) noexcept {
  return detail::writes_overlap({{out, out_bytes}},
                                {{points, detail::float_bytes(n, d)},
                                 {weights, detail::float_bytes(n, 1)},
                                 {model.centroids, detail::float_bytes(model.k, model.d)}});
}

// What both predict() overloads check first.
status check_predict(const model_view& model, const float* points, std::size_t n, std::size_t d,
                     const std::int32_t* labels) noexcept {
  if (n != 0 && labels == nullptr) return status::invalid_argument;
  const status s = detail::check_model_input(model, points, n, d);
  if (s != status::ok) return s;
  // The overlap rule, spelled out: the general output_overlaps() would add 260 bytes to every
  // firmware that predicts. check_model_input() bounded these products (n x d x 4 fits).
  const std::size_t label_bytes = n * sizeof *labels;
  return detail::ranges_overlap(labels, label_bytes, points, n * d * sizeof(float)) ||
                 detail::ranges_overlap(labels, label_bytes, model.centroids,
                                        model.k * d * sizeof(float))
             ? status::invalid_argument
             : status::ok;
}

}  // namespace

status predict(const model_view& model, const float* points, std::size_t n, std::size_t d,
               std::int32_t* labels, const parallel_for& parallel) noexcept {
  const status s = check_predict(model, points, n, d, labels);
  if (s != status::ok || n == 0) return s;
  predict_job job{&model, points, n, labels};
  if (parallel.run == nullptr) {
    predict_range(job, 0, n);
  } else {
    parallel.run(parallel.executor, (n + parallel_chunk_points - 1) / parallel_chunk_points,
                 predict_chunk, &job);
  }
  return status::ok;
}

// Not through the overload above: a firmware that predicts on one thread links no task code.
status predict(const model_view& model, const float* points, std::size_t n, std::size_t d,
               std::int32_t* labels) noexcept {
  const status s = check_predict(model, points, n, d, labels);
  if (s == status::ok && n != 0) predict_range(predict_job{&model, points, n, labels}, 0, n);
  return s;
}

status transform(const model_view& model, const float* points, std::size_t n, std::size_t d,
                 float* distances, std::size_t distances_len) noexcept {
  if (n != 0 && distances == nullptr) return status::invalid_argument;
  const status s = detail::check_model_input(model, points, n, d);
  if (s != status::ok || n == 0) return s;
  if (distances_len / model.k < n) return status::output_too_small;
  if (output_overlaps(model, points, n, d, nullptr, distances, detail::float_bytes(n, model.k)))
    return status::invalid_argument;
  kernels::active().distances(points, n, d, model.centroids, model.k, distances);
  for (std::size_t i = 0; i < n * model.k; ++i) distances[i] = std::sqrt(distances[i]);
  return status::ok;
}

// Summed exactly as fit() sums it (inertia_sum.hpp), so the two agree to the bit when the
// kernels give the same distances. Stack: about 650 bytes.
status inertia(const model_view& model, const float* points, std::size_t n, std::size_t d,
               const float* weights, double* out) noexcept {
  if (out == nullptr) return status::invalid_argument;
  status s = detail::check_model_input(model, points, n, d);
  if (s == status::ok) s = detail::check_weights(weights, n);
  if (s == status::ok && output_overlaps(model, points, n, d, weights, out, sizeof *out))
    s = status::invalid_argument;
  if (s != status::ok) return s;
  const kernels::kernel_table& kt = kernels::active();
  std::int32_t labels[stack_block];
  float dist[stack_block];
  double total = 0.0;
  for (std::size_t chunk = 0; chunk < n; chunk += parallel_chunk_points) {
    const std::size_t end = n - chunk < parallel_chunk_points ? n : chunk + parallel_chunk_points;
    detail::chunk_inertia_sum chunk_total;
    for (std::size_t start = chunk; start < end; start += stack_block) {
      const std::size_t count = end - start < stack_block ? end - start : stack_block;
      kt.assign(points + start * d, count, d, model.centroids, nullptr, model.k, labels, dist);
      chunk_total.add(weights ? weights + start : nullptr, dist, count);
    }
    total += chunk_total.total();
  }
  *out = total;
  return status::ok;
}

status score(const model_view& model, const float* points, std::size_t n, std::size_t d,
             const float* weights, double* out) noexcept {
  if (out == nullptr) return status::invalid_argument;
  double value = 0.0;
  status s = inertia(model, points, n, d, weights, &value);
  if (s == status::ok && output_overlaps(model, points, n, d, weights, out, sizeof *out))
    s = status::invalid_argument;
  if (s == status::ok) *out = -value;
  return s;
}

}  // namespace tinykm
