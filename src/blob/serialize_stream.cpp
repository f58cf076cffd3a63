// save/load of stream states (blob layout in serialize.hpp).
#include <cfloat>
#include <cstring>

#include "blob.hpp"
#include "stream_layout.hpp"
#include "tinykm/serialize.hpp"
#include "validate.hpp"

namespace tinykm {

namespace {

constexpr std::size_t stream_fixed_bytes = 12 + 52 + 36;  // sizes, params, counters
// Weights, distance statistics and the drift average: any finite value >= 0 (a squared distance
// inside the magnitude limit reaches 0.9995 FLT_MAX, and they average squares).
constexpr float huge = FLT_MAX;

std::size_t stream_blob_bytes(std::size_t k, std::size_t d, std::size_t stored) noexcept {
  return detail::blob_prefix_bytes + stream_fixed_bytes + 4 * (k * d + 3 * k + stored * d) +
         detail::blob_crc_bytes;
}

// Reservoir samples a blob carries: the filled part while warming up, none once ready.
std::size_t stored_samples(const detail::stream_header& h) noexcept {
  return h.ready != 0 ? 0 : static_cast<std::size_t>(h.fill);
}

void write_params(detail::byte_writer& w, const stream_params& p) noexcept {
  w.u32(static_cast<std::uint32_t>(p.rule));
  w.u32(static_cast<std::uint32_t>(p.unit));
  w.f32(p.half_life);
  w.f32(p.learning_rate);
  w.f32(p.dead_fraction);
  w.f32(p.anomaly_z);
  w.f32(p.anomaly_threshold);
  w.u32(p.learn_anomalies ? 1u : 0u);
  w.f32(p.drift_half_life);
  w.u32(p.warmup_n_init);
  w.u32(p.warmup_max_iter);
  w.u64(p.seed);
}

// False when a boolean field is neither 0 nor 1.
bool read_params(detail::byte_reader& r, stream_params& p) noexcept {
  p.rule = static_cast<update_rule>(static_cast<std::int32_t>(r.u32()));
  p.unit = static_cast<decay_unit>(static_cast<std::int32_t>(r.u32()));
  p.half_life = r.f32();
  p.learning_rate = r.f32();
  p.dead_fraction = r.f32();
  p.anomaly_z = r.f32();
  p.anomaly_threshold = r.f32();
  const std::uint32_t learn = r.u32();
  p.learn_anomalies = learn == 1;
  p.drift_half_life = r.f32();
  p.warmup_n_init = r.u32();
  p.warmup_max_iter = r.u32();
  p.seed = r.u64();
  return learn <= 1;
}

// What load() accepts of a state, asked the same way of a blob (load) and of a state (save, so
// every blob it writes loads). The fields:
struct stream_fields {
  std::size_t k, d, reservoir, fill;
  std::uint32_t ready;
  const stream_params* params;  // k and reservoir set (a state's header keeps them so)
  float inertia_ewma;
};
bool fields_ok(const stream_fields& f) noexcept {
  const float ewma = f.inertia_ewma;
  return f.reservoir >= f.k && f.ready <= 1 &&
         (f.ready == 1 ? f.fill == f.reservoir : f.fill < f.reservoir) &&
         detail::check_stream_params(*f.params, f.d) == status::ok &&
         detail::check_values(&ewma, 1, huge) == status::ok && ewma >= 0.0f;
}

// And the arrays, in blob order (centres, weights, distance means, mean squares, stored
// samples), read one float at a time by next(): centres and samples within the magnitude limit,
// the rest finite and >= 0.
template <class Next>
bool arrays_ok(std::size_t k, std::size_t d, std::size_t stored, Next next) noexcept {
  const float limit = detail::magnitude_limit(d);
  bool ok = true;
  const auto run = [&](std::size_t count, float low, float high) {
    for (std::size_t i = 0; i < count; ++i) {
      const float v = next();
      ok = ok && detail::check_values(&v, 1, high) == status::ok && v >= low;
    }
  };
  run(k * d, -limit, limit);
  run(3 * k, 0.0f, huge);
  run(stored * d, -limit, limit);
  return ok;
}

}  // namespace

std::size_t save_size(const stream_state& state) noexcept {
  const detail::stream_header* h = detail::stream_header_of(state);
  if (h == nullptr) return 0;
  return stream_blob_bytes(static_cast<std::size_t>(h->k), static_cast<std::size_t>(h->d),
                           stored_samples(*h));
}

status save(const stream_state& state, void* buffer, std::size_t len, std::size_t* written) noexcept {
  const detail::stream_view v = detail::stream_view_of(state);
  if (v.header == nullptr || buffer == nullptr) return status::invalid_argument;
  const detail::stream_header& h = *v.header;
  const std::size_t size = save_size(state);
  if (len < size) return status::output_too_small;
  if (detail::ranges_overlap(buffer, size, state.memory, state.bytes)) return status::invalid_argument;
  const std::size_t k = static_cast<std::size_t>(h.k);
  const std::size_t d = static_cast<std::size_t>(h.d);
  const detail::stream_arrays& a = v.arrays;
  const std::size_t stored = stored_samples(h);
  const float* parts[] = {a.centroids, a.weights, a.dist_mean, a.dist_square, a.reservoir};
  const std::size_t counts[] = {k * d, k, k, k, stored * d};
  std::size_t part = 0, i = 0;
  const auto next = [&]() {
    while (i == counts[part]) {
      ++part;
      i = 0;
    }
    return parts[part][i++];
  };
  if (!fields_ok({k, d, h.reservoir, h.fill, h.ready, &h.params, h.counters.inertia_ewma}) ||
      !arrays_ok(k, d, stored, next))
    return status::corrupt_model;
  unsigned char* out = static_cast<unsigned char*>(buffer);
  detail::byte_writer w(out);
  detail::write_blob_prefix(w, detail::blob_stream, k, d);
  w.u32(static_cast<std::uint32_t>(h.reservoir));
  w.u32(static_cast<std::uint32_t>(h.fill));
  w.u32(h.ready);
  write_params(w, h.params);
  w.u64(h.counters.samples);
  w.u64(h.counters.anomalies);
  w.u64(h.counters.reseeds);
  w.u64(h.counters.batches);
  w.f32(h.counters.inertia_ewma);
  w.f32s(a.centroids, k * d);
  w.f32s(a.weights, k);
  w.f32s(a.dist_mean, k);
  w.f32s(a.dist_square, k);
  w.f32s(a.reservoir, stored * d);
  detail::seal_blob(w, out);
  if (written != nullptr) *written = size;
  return status::ok;
}

status load(const void* buffer, std::size_t len, const stream_state& out) noexcept {
  detail::blob_shape shape{};
  detail::byte_reader r(nullptr, 0);
  const status opened = detail::open_blob(buffer, len, detail::blob_stream, &shape, &r);
  if (opened != status::ok) return opened;  // invalid_argument for a null buffer
  const std::size_t k = shape.k;
  const std::size_t d = shape.d;
  const std::size_t reservoir = r.u32();
  const std::size_t fill = r.u32();
  const std::uint32_t ready = r.u32();
  stream_params p;
  const bool flags_ok = read_params(r, p);
  p.k = k;
  p.reservoir = reservoir;
  stream_counters counters;
  counters.samples = r.u64();
  counters.anomalies = r.u64();
  counters.reseeds = r.u64();
  counters.batches = r.u64();
  counters.inertia_ewma = r.f32();
  if (!flags_ok || !fields_ok({k, d, reservoir, fill, ready, &p, counters.inertia_ewma}))
    return status::corrupt_model;
  const std::size_t stored = ready == 1 ? 0 : fill;
  if (len != stream_blob_bytes(k, d, stored)) return status::corrupt_model;
  const unsigned char* arrays = r.here();
  detail::byte_reader at(arrays, 4 * (k * d + 3 * k + stored * d));  // the length is checked
  if (!arrays_ok(k, d, stored, [&at]() { return at.f32(); })) return status::corrupt_model;
  const status memory = detail::check_stream_memory(out, k, d, reservoir);
  if (memory != status::ok) return memory;
  if (detail::ranges_overlap(buffer, len, out.memory, out.bytes)) return status::invalid_argument;

  detail::stream_header h = detail::make_stream_header(p, d);
  h.ready = ready;
  h.fill = fill;
  h.counters = counters;
  const detail::stream_arrays a = detail::stream_arrays_of(out.memory, k, d, reservoir);
  detail::read_f32s(arrays, k * d, a.centroids);
  detail::read_f32s(arrays + 4 * k * d, k, a.weights);
  detail::read_f32s(arrays + 4 * (k * d + k), k, a.dist_mean);
  detail::read_f32s(arrays + 4 * (k * d + 2 * k), k, a.dist_square);
  detail::read_f32s(arrays + 4 * (k * d + 3 * k), stored * d, a.reservoir);
  for (std::size_t c = 0; c < k; ++c) detail::refresh_radius(h, a, c);
  detail::rebuild_lanes(h, a);
  std::memset(out.memory, 0, detail::stream_header_bytes);
  std::memcpy(out.memory, &h, sizeof h);
  return status::ok;
}

}  // namespace tinykm
