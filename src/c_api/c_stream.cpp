// C API: streams (init, update, mini-batch, predict, score, merge, info, model).
#include "c_convert.hpp"
#include "stream_layout.hpp"
#include "validate.hpp"

namespace {
using namespace tinykm;

static_assert(TINYKM_RULE_RUNNING_MEAN == static_cast<int>(update_rule::running_mean) &&
              TINYKM_RULE_DECAY == static_cast<int>(update_rule::decay) &&
              TINYKM_RULE_FIXED_RATE == static_cast<int>(update_rule::fixed_rate));
static_assert(TINYKM_DECAY_POINTS == static_cast<int>(decay_unit::points) &&
              TINYKM_DECAY_BATCHES == static_cast<int>(decay_unit::batches));

// stream_params <-> tinykm_stream_params: the fields have the same names, so one body serves
// both ways. Enum values are converted as they are: stream_init() rejects values outside them.
template <typename To, typename From>
To params_as(const From& f) noexcept {
  To t{};
  t.k = f.k;
  t.reservoir = f.reservoir;
  t.rule = static_cast<decltype(t.rule)>(f.rule);
  t.half_life = f.half_life;
  t.unit = static_cast<decltype(t.unit)>(f.unit);
  t.learning_rate = f.learning_rate;
  t.dead_fraction = f.dead_fraction;
  t.anomaly_z = f.anomaly_z;
  t.anomaly_threshold = f.anomaly_threshold;
  t.learn_anomalies = f.learn_anomalies;
  t.drift_half_life = f.drift_half_life;
  t.warmup_n_init = f.warmup_n_init;
  t.warmup_max_iter = f.warmup_max_iter;
  t.seed = f.seed;
  return t;
}

}  // namespace

extern "C" {

tinykm_stream_params tinykm_default_stream_params(void) noexcept {
  return params_as<tinykm_stream_params>(stream_params{});
}

// The shape checks of stream_init() first, so the formula is only evaluated where it cannot
// overflow.
size_t tinykm_stream_memory_size(size_t k, size_t d, size_t reservoir) noexcept {
  stream_params p;
  p.k = k;
  p.reservoir = reservoir;
  if (detail::check_stream_params(p, d) != status::ok) return 0;
  return stream_memory_size(k, d, reservoir);
}

tinykm_status tinykm_stream_init(const tinykm_stream_params* params, size_t d,
                                 tinykm_stream stream) noexcept {
  if (params == nullptr) return TINYKM_INVALID_ARGUMENT;
  const stream_params p = params_as<stream_params>(*params);
  return c_api::to_c(stream_init(p, d, c_api::state_of(stream)));
}

tinykm_status tinykm_stream_update(tinykm_stream stream, const float* x, size_t d,
                                   tinykm_stream_sample* out) noexcept {
  return c_api::on_stream(stream, d, [&](const stream_state& state) {
    stream_sample sample;
    const status s = stream_update(state, x, &sample);
    if (s == status::ok && out != nullptr) {
      out->label = sample.label;
      out->score = sample.score;
      out->anomaly = sample.anomaly;
    }
    return s;
  });
}

tinykm_status tinykm_stream_update_batch(tinykm_stream stream, const float* xs, size_t n,
                                         size_t d, int32_t* labels, size_t labels_len,
                                         float* scores, size_t scores_len) noexcept {
  return c_api::on_stream(stream, d, [&](const stream_state& state) {
    if (c_api::too_short(labels, labels_len, n) || c_api::too_short(scores, scores_len, n))
      return status::output_too_small;
    return stream_update_batch(state, xs, n, labels, scores);
  });
}

tinykm_status tinykm_stream_predict(tinykm_stream stream, const float* xs, size_t n, size_t d,
                                    int32_t* labels, size_t labels_len) noexcept {
  return c_api::on_stream(stream, d, [&](const stream_state& state) {
    if (c_api::too_short(labels, labels_len, n)) return status::output_too_small;
    return stream_predict(state, xs, n, labels);
  });
}

tinykm_status tinykm_stream_score(tinykm_stream stream, const float* x, size_t d, float* score,
                                  bool* anomaly) noexcept {
  return c_api::on_stream(stream, d, [&](const stream_state& state) {
    return stream_score(state, x, score, anomaly);
  });
}

tinykm_status tinykm_stream_merge(tinykm_stream a, tinykm_stream b, tinykm_stream out) noexcept {
  return c_api::to_c(
      stream_merge(c_api::state_of(a), c_api::state_of(b), c_api::state_of(out)));
}

tinykm_status tinykm_stream_get_info(tinykm_stream stream, tinykm_stream_info* info) noexcept {
  if (info == nullptr || detail::ranges_overlap(info, sizeof *info, stream.memory, stream.bytes))
    return TINYKM_INVALID_ARGUMENT;
  stream_info i;
  const status s = stream_get_info(c_api::state_of(stream), &i);
  if (s != status::ok) return c_api::to_c(s);
  info->k = i.k;
  info->d = i.d;
  info->reservoir = i.reservoir;
  info->reservoir_fill = i.reservoir_fill;
  info->ready = i.ready;
  info->samples = i.counters.samples;
  info->anomalies = i.counters.anomalies;
  info->reseeds = i.counters.reseeds;
  info->batches = i.counters.batches;
  info->inertia_ewma = i.counters.inertia_ewma;
  return TINYKM_OK;
}

tinykm_status tinykm_stream_model(tinykm_stream stream, tinykm_model* model) noexcept {
  if (model == nullptr || detail::ranges_overlap(model, sizeof *model, stream.memory, stream.bytes))
    return TINYKM_INVALID_ARGUMENT;
  model_view v;
  const status s = stream_model(c_api::state_of(stream), &v);
  if (s == status::ok) *model = c_api::model_of(v);
  return c_api::to_c(s);
}

}  // extern "C"
