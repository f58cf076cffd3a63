// C API: streams (init, update, mini-batch, predict, score, merge, info, model).
#include "c_convert.hpp"
#include "stream_layout.hpp"

namespace {
using namespace tinykm;

static_assert(TINYKM_RULE_RUNNING_MEAN == static_cast<int>(update_rule::running_mean) &&
              TINYKM_RULE_DECAY == static_cast<int>(update_rule::decay) &&
              TINYKM_RULE_FIXED_RATE == static_cast<int>(update_rule::fixed_rate));
static_assert(TINYKM_DECAY_POINTS == static_cast<int>(decay_unit::points) &&
              TINYKM_DECAY_BATCHES == static_cast<int>(decay_unit::batches));

// Enum fields are converted as they are: stream_init() rejects values outside its enums.
stream_params params_of(const tinykm_stream_params& c) noexcept {
  stream_params p;
  p.k = c.k;
  p.reservoir = c.reservoir;
  p.rule = static_cast<update_rule>(c.rule);
  p.half_life = c.half_life;
  p.unit = static_cast<decay_unit>(c.unit);
  p.learning_rate = c.learning_rate;
  p.dead_fraction = c.dead_fraction;
  p.anomaly_z = c.anomaly_z;
  p.anomaly_threshold = c.anomaly_threshold;
  p.learn_anomalies = c.learn_anomalies;
  p.drift_half_life = c.drift_half_life;
  p.warmup_n_init = c.warmup_n_init;
  p.warmup_max_iter = c.warmup_max_iter;
  p.seed = c.seed;
  return p;
}

}  // namespace

extern "C" {

tinykm_stream_params tinykm_default_stream_params(void) noexcept {
  const stream_params p;
  tinykm_stream_params c;
  c.k = p.k;
  c.reservoir = p.reservoir;
  c.rule = static_cast<std::int32_t>(p.rule);
  c.half_life = p.half_life;
  c.unit = static_cast<std::int32_t>(p.unit);
  c.learning_rate = p.learning_rate;
  c.dead_fraction = p.dead_fraction;
  c.anomaly_z = p.anomaly_z;
  c.anomaly_threshold = p.anomaly_threshold;
  c.learn_anomalies = p.learn_anomalies;
  c.drift_half_life = p.drift_half_life;
  c.warmup_n_init = p.warmup_n_init;
  c.warmup_max_iter = p.warmup_max_iter;
  c.seed = p.seed;
  return c;
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
  return c_api::to_c(stream_init(params_of(*params), d, c_api::state_of(stream)));
}

tinykm_status tinykm_stream_update(tinykm_stream stream, const float* x, size_t d,
                                   tinykm_stream_sample* out) noexcept {
  const stream_state state = c_api::state_of(stream);
  const status shape = c_api::check_stream_d(state, d);
  if (shape != status::ok) return c_api::to_c(shape);
  stream_sample sample;
  const status s = stream_update(state, x, &sample);
  if (s == status::ok && out != nullptr) {
    out->label = sample.label;
    out->score = sample.score;
    out->anomaly = sample.anomaly;
  }
  return c_api::to_c(s);
}

tinykm_status tinykm_stream_update_batch(tinykm_stream stream, const float* xs, size_t n,
                                         size_t d, int32_t* labels, size_t labels_len,
                                         float* scores, size_t scores_len) noexcept {
  const stream_state state = c_api::state_of(stream);
  const status shape = c_api::check_stream_d(state, d);
  if (shape != status::ok) return c_api::to_c(shape);
  if (c_api::too_short(labels, labels_len, n) || c_api::too_short(scores, scores_len, n))
    return TINYKM_OUTPUT_TOO_SMALL;
  return c_api::to_c(stream_update_batch(state, xs, n, labels, scores));
}

tinykm_status tinykm_stream_predict(tinykm_stream stream, const float* xs, size_t n, size_t d,
                                    int32_t* labels, size_t labels_len) noexcept {
  const stream_state state = c_api::state_of(stream);
  const status shape = c_api::check_stream_d(state, d);
  if (shape != status::ok) return c_api::to_c(shape);
  if (c_api::too_short(labels, labels_len, n)) return TINYKM_OUTPUT_TOO_SMALL;
  return c_api::to_c(stream_predict(state, xs, n, labels));
}

tinykm_status tinykm_stream_score(tinykm_stream stream, const float* x, size_t d, float* score,
                                  bool* anomaly) noexcept {
  const stream_state state = c_api::state_of(stream);
  const status shape = c_api::check_stream_d(state, d);
  if (shape != status::ok) return c_api::to_c(shape);
  return c_api::to_c(stream_score(state, x, score, anomaly));
}

tinykm_status tinykm_stream_merge(tinykm_stream a, tinykm_stream b, tinykm_stream out) noexcept {
  return c_api::to_c(
      stream_merge(c_api::state_of(a), c_api::state_of(b), c_api::state_of(out)));
}

tinykm_status tinykm_stream_get_info(tinykm_stream stream, tinykm_stream_info* info) noexcept {
  if (info == nullptr) return TINYKM_INVALID_ARGUMENT;
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
  if (model == nullptr) return TINYKM_INVALID_ARGUMENT;
  model_view v;
  const status s = stream_model(c_api::state_of(stream), &v);
  if (s != status::ok) return c_api::to_c(s);
  model->centroids = v.centroids;
  model->capacity = v.capacity;
  model->k = v.k;
  model->d = v.d;
  return TINYKM_OK;
}

}  // extern "C"
