// Read-only questions to a stream: predict, info, and its centres as a model (stream_score is
// in stream_ready.cpp, with the other small entry points).
#include "stream_layout.hpp"
#include "tinykm/kmeans.hpp"
#include "tinykm/stream.hpp"
#include "validate.hpp"

namespace tinykm {

status stream_model(const stream_state& state, model_view* model) noexcept {
  const detail::stream_view v = detail::stream_view_of(state);
  if (v.header == nullptr || model == nullptr) return status::invalid_argument;
  if (detail::ranges_overlap(model, sizeof *model, state.memory, state.bytes))
    return status::invalid_argument;
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
  // predict() keeps labels off the centres; the rest of the state is written by nothing else.
  if (detail::floats_fit(n, 1) &&
      detail::ranges_overlap(labels, n * sizeof *labels, state.memory, state.bytes))
    return status::invalid_argument;
  // predict()'s kernels take the same exact squared distances with the same tie rule as the
  // updates, so the labels agree with stream_update's.
  return predict(model, xs, n, model.d, labels);
}

status stream_get_info(const stream_state& state, stream_info* info) noexcept {
  const detail::stream_header* h = detail::stream_header_of(state);
  if (h == nullptr || info == nullptr) return status::invalid_argument;
  if (detail::ranges_overlap(info, sizeof *info, state.memory, state.bytes))
    return status::invalid_argument;
  info->k = static_cast<std::size_t>(h->k);
  info->d = static_cast<std::size_t>(h->d);
  info->reservoir = static_cast<std::size_t>(h->reservoir);
  info->reservoir_fill = static_cast<std::size_t>(h->fill);
  info->ready = h->ready != 0;
  info->counters = h->counters;
  return status::ok;
}

}  // namespace tinykm
