// save/load of batch models (blob layout in serialize.hpp).
#include "blob.hpp"
#include "tinykm/serialize.hpp"
#include "validate.hpp"

namespace tinykm {

namespace {

bool valid_model(const model_view& m) noexcept {
  return m.centroids != nullptr && m.k != 0 && m.d != 0 && m.k <= max_k && m.d <= max_d &&
         m.k <= m.capacity / m.d;
}

std::size_t model_blob_bytes(std::size_t k, std::size_t d) noexcept {
  return detail::blob_prefix_bytes + 4 * k * d + detail::blob_crc_bytes;
}

}  // namespace

std::size_t save_size(const model_view& model) noexcept {
  return valid_model(model) ? model_blob_bytes(model.k, model.d) : 0;
}

status save(const model_view& model, void* buffer, std::size_t len, std::size_t* written) noexcept {
  if (model.k == 0) return status::not_ready;
  if (!valid_model(model) || buffer == nullptr) return status::invalid_argument;
  const std::size_t size = save_size(model);
  if (len < size) return status::output_too_small;
  if (detail::ranges_overlap(buffer, size, model.centroids, detail::float_bytes(model.k, model.d)))
    return status::invalid_argument;
  // Save only what load() accepts: finite centres within the magnitude limit.
  const status values = detail::check_values(model.centroids, model.k * model.d,
                                             detail::magnitude_limit(model.d));
  if (values != status::ok) return values;
  unsigned char* out = static_cast<unsigned char*>(buffer);
  detail::byte_writer w(out);
  detail::write_blob_prefix(w, detail::blob_model, model.k, model.d);
  w.f32s(model.centroids, model.k * model.d);
  detail::seal_blob(w, out);
  if (written != nullptr) *written = size;
  return status::ok;
}

status load(const void* buffer, std::size_t len, model_view& out) noexcept {
  detail::blob_shape shape{};
  detail::byte_reader r(nullptr, 0);
  const status s = detail::open_blob(buffer, len, detail::blob_model, &shape, &r);
  if (s != status::ok) return s;
  const std::size_t k = shape.k;
  const std::size_t d = shape.d;
  if (len != model_blob_bytes(k, d)) return status::corrupt_model;
  // Every value must be one fit() could have produced: finite, and small enough that squared
  // distances stay finite.
  const float limit = detail::magnitude_limit(d);
  detail::byte_reader values = r;
  for (std::size_t i = 0; i < k * d; ++i) {
    const float v = values.f32();
    if (detail::check_values(&v, 1, limit) != status::ok) return status::corrupt_model;
  }
  if (out.centroids == nullptr) return status::invalid_argument;
  if (k > out.capacity / d) return status::capacity_exceeded;
  if (detail::ranges_overlap(buffer, len, out.centroids, detail::float_bytes(k, d)))
    return status::invalid_argument;
  detail::read_f32s(r.here(), k * d, out.centroids);
  out.k = k;
  out.d = d;
  return status::ok;
}

}  // namespace tinykm
