// C API: save and load models and stream states (serialize.hpp's blobs).
#include "c_convert.hpp"

using namespace tinykm;

extern "C" {

size_t tinykm_model_save_size(const tinykm_model* model) noexcept {
  return model == nullptr ? 0 : save_size(c_api::view_of(*model));
}

tinykm_status tinykm_model_save(const tinykm_model* model, void* buffer, size_t len,
                                size_t* written) noexcept {
  if (model == nullptr) return TINYKM_INVALID_ARGUMENT;
  return c_api::to_c(save(c_api::view_of(*model), buffer, len, written));
}

tinykm_status tinykm_model_load(const void* buffer, size_t len, tinykm_model* model) noexcept {
  if (model == nullptr) return TINYKM_INVALID_ARGUMENT;
  model_view view = c_api::view_of(*model);
  const status s = load(buffer, len, view);
  if (s == status::ok) *model = c_api::model_of(view);  // its new k and d
  return c_api::to_c(s);
}

size_t tinykm_stream_save_size(tinykm_stream stream) noexcept {
  return save_size(c_api::state_of(stream));
}

tinykm_status tinykm_stream_save(tinykm_stream stream, void* buffer, size_t len,
                                 size_t* written) noexcept {
  return c_api::to_c(save(c_api::state_of(stream), buffer, len, written));
}

tinykm_status tinykm_stream_load(const void* buffer, size_t len, tinykm_stream stream) noexcept {
  return c_api::to_c(load(buffer, len, c_api::state_of(stream)));
}

}  // extern "C"
