// Read-only questions to a stream: predict, score, info, and its centres as a model.
#include "kernels/kernels.hpp"
#include "stream_layout.hpp"
#include "stream_nearest.hpp"
#include "tinykm/kmeans.hpp"
#include "tinykm/stream.hpp"
#include "validate.hpp"

namespace tinykm {

status stream_model(const stream_state& state, model_view* model) noexcept {
  const detail::stream_view v = detail::stream_view_of(state);
  if (v.header == nullptr || model == nullptr) return status::invalid_argument;
  if (v.header->ready == 0) return status::not_ready;
  const std::size_t k = static_cast<std::size_t>(v.header->k);
  const std::size_t d = static_cast<std::size_t>(v.header->d);
  *model = model_view{v.arrays.centroids, k * d, k, d};
  return status::ok;
}

status stream_predict(const stream_state& state, const float* xs, std::size_t n,
                      std::int32_t* labels) noexcept {
  model_view model;
  const status s = stream_model(state, &model);
  if (s != status::ok) return s;
  if (n != 0 && labels == nullptr) return status::invalid_argument;
  // predict()'s kernels take the same exact squared distances with the same tie rule as the
  // updates, so the labels agree with stream_update's.
  return predict(model, xs, n, model.d, labels);
}

status stream_score(const stream_state& state, const float* x, float* score,
                    bool* anomaly) noexcept {
  const detail::stream_view v = detail::stream_view_of(state);
  if (v.header == nullptr || x == nullptr || score == nullptr) return status::invalid_argument;
  const detail::stream_header& h = *v.header;
  if (h.ready == 0) return status::not_ready;
  const std::size_t d = static_cast<std::size_t>(h.d);
  const status s = detail::check_values(x, d, h.value_limit);
  if (s != status::ok) return s;
  const detail::nearest_score near = detail::nearest_with_score(
      kernels::active(), x, d, v.arrays.centroids, v.arrays.radius, static_cast<std::size_t>(h.k));
  *score = near.score;
  if (anomaly != nullptr) *anomaly = near.score > h.params.anomaly_threshold;
  return status::ok;
}

status stream_get_info(const stream_state& state, stream_info* info) noexcept {
  const detail::stream_header* h = detail::stream_header_of(state);
  if (h == nullptr || info == nullptr) return status::invalid_argument;
  info->k = static_cast<std::size_t>(h->k);
  info->d = static_cast<std::size_t>(h->d);
  info->reservoir = static_cast<std::size_t>(h->reservoir);
  info->reservoir_fill = static_cast<std::size_t>(h->fill);
  info->ready = h->ready != 0;
  info->counters = h->counters;
  return status::ok;
}

}  // namespace tinykm
