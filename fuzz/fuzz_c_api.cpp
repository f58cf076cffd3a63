// The C API (include/tinykm/tinykm.h) with sizes, k, d, parameters, buffer lengths and values
// decoded from the fuzzer's bytes: fit, predict, transform, inertia, save/load, and a stream
// driven through init, updates, queries, save/load and merge. Buffers are exactly as long as the
// lengths passed say (so ASan sees any access past them). Any status is fine; a crash, UB or an
// out-of-bounds access is not, nor (the header's rule) a failed call that changed an output,
// the model or the stream (checked against byte copies).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "fuzz_support.hpp"
#include "tinykm/tinykm.h"

namespace {

using tinykm_fuzz::require;
using tinykm_fuzz::snapshot;

constexpr std::size_t max_floats = 1 << 16;  // per buffer, keeps each input fast
constexpr std::size_t max_bytes = std::size_t{1} << 22;

// A length near `want`: exact, a little short or long, zero, or anything small.
std::size_t length_near(FuzzedDataProvider& in, std::size_t want, std::size_t cap) {
  std::size_t len = want;
  switch (in.ConsumeIntegralInRange<int>(0, 7)) {
    case 0: len = want > 0 ? want - 1 : 0; break;
    case 1: len = want + in.ConsumeIntegralInRange<std::size_t>(1, 64); break;
    case 2: len = 0; break;
    case 3: len = in.ConsumeIntegralInRange<std::size_t>(0, 256); break;
    default: break;
  }
  return len > cap ? cap : len;
}

// A size the library must validate: mostly small, sometimes past every limit.
std::size_t any_size(FuzzedDataProvider& in, std::size_t small) {
  switch (in.ConsumeIntegralInRange<int>(0, 15)) {
    case 0: return std::numeric_limits<std::size_t>::max();
    case 1: return std::size_t{1} << in.ConsumeIntegralInRange<int>(12, 63);
    case 2: return 4097;  // one past TINYKM_MAX_K / TINYKM_MAX_D
    default: return in.ConsumeIntegralInRange<std::size_t>(0, small);
  }
}

float any_param(FuzzedDataProvider& in, float usual) {
  return in.ConsumeIntegralInRange<int>(0, 3) == 0 ? tinykm_fuzz::any_float(in) : usual;
}

// Executors: the calling thread, in order or backwards (results must not depend on it).
void run_forward(void*, std::size_t count, tinykm_task_fn task, void* context) {
  for (std::size_t i = 0; i < count; ++i) task(context, i);
}
void run_backward(void*, std::size_t count, tinykm_task_fn task, void* context) {
  for (std::size_t i = count; i > 0; --i) task(context, i - 1);
}
tinykm_parallel_for any_parallel(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange<int>(0, 2)) {
    case 1: return tinykm_parallel_for{run_forward, nullptr};
    case 2: return tinykm_parallel_for{run_backward, nullptr};
    default: return tinykm_parallel_for{nullptr, nullptr};
  }
}

// n x d points, honest about their length; n is cut to 0 when n x d would be too many.
struct points {
  std::size_t n, d;
  std::vector<float> values;
  const float* data() const { return values.empty() ? nullptr : values.data(); }
};
points any_points(FuzzedDataProvider& in, std::size_t d) {
  points p{in.ConsumeIntegralInRange<std::size_t>(0, 300), d, {}};
  if (d == 0 || p.n > max_floats / d) p.n = 0;
  if (in.ConsumeIntegralInRange<int>(0, 15) == 0) p.n = in.ConsumeIntegralInRange<std::size_t>(1, 3);
  if (p.n * d <= max_floats) p.values = tinykm_fuzz::floats(in, p.n * d, in.ConsumeBool());
  else p.n = 0;
  return p;
}

void queries(FuzzedDataProvider& in, const tinykm_model& model) {
  const std::size_t d = in.ConsumeBool() ? model.d : any_size(in, 8);
  const points q = any_points(in, d);
  {
    std::vector<std::int32_t> labels(length_near(in, q.n, max_floats));
    tinykm_fuzz::poison(labels.data(), labels.size() * 4);
    const snapshot before(labels.data(), labels.size() * 4);
    const tinykm_parallel_for par = any_parallel(in);
    const tinykm_status s =
        in.ConsumeBool() ? tinykm_predict(&model, q.data(), q.n, d, labels.data(), labels.size())
                         : tinykm_predict_parallel(&model, q.data(), q.n, d, labels.data(),
                                                   labels.size(), in.ConsumeBool() ? &par : nullptr);
    if (s != TINYKM_OK) require(before.unchanged(), "failed predict wrote labels");
    else
      for (std::size_t i = 0; i < q.n; ++i)
        require(labels[i] >= 0 && static_cast<std::size_t>(labels[i]) < model.k, "label range");
  }
  {
    const std::size_t want = model.k <= max_floats / (q.n + 1) ? q.n * model.k : 0;
    std::vector<float> dist(length_near(in, want, max_floats));
    tinykm_fuzz::poison(dist.data(), dist.size() * 4);
    const snapshot before(dist.data(), dist.size() * 4);
    if (tinykm_transform(&model, q.data(), q.n, d, dist.data(), dist.size()) != TINYKM_OK)
      require(before.unchanged(), "failed transform wrote distances");
  }
  {
    std::vector<float> w;
    if (in.ConsumeBool()) w = tinykm_fuzz::floats(in, q.n, true);
    double out = -7.0;
    if (tinykm_inertia(&model, q.data(), q.n, d, w.empty() ? nullptr : w.data(), &out) != TINYKM_OK)
      require(out == -7.0, "failed inertia wrote its output");
  }
}

void save_and_load(FuzzedDataProvider& in, const tinykm_model& model) {
  const std::size_t size = tinykm_model_save_size(&model);
  std::vector<unsigned char> blob(length_near(in, size, max_bytes));
  tinykm_fuzz::poison(blob.data(), blob.size());
  const snapshot before(blob.data(), blob.size());
  std::size_t written = 12345;
  if (tinykm_model_save(&model, blob.data(), blob.size(), &written) != TINYKM_OK) {
    require(before.unchanged() && written == 12345, "failed save wrote");
    return;
  }
  require(written == size && size <= blob.size(), "save size");
  std::vector<float> storage(length_near(in, model.k * model.d, max_floats));
  tinykm_model back{storage.data(), storage.size(), 0, 0};
  const tinykm_status s = tinykm_model_load(blob.data(), written, &back);
  if (s == TINYKM_OK)
    require(back.k == model.k && back.d == model.d &&
                std::memcmp(storage.data(), model.centroids, model.k * model.d * 4) == 0,
            "model load round trip");
  else
    require(back.k == 0 && back.d == 0, "failed load changed the model");
}

void batch(FuzzedDataProvider& in) {
  const std::size_t d = any_size(in, 12);
  const points p = any_points(in, d);
  std::vector<float> weights;
  if (in.ConsumeBool()) weights = tinykm_fuzz::floats(in, p.n, in.ConsumeBool());
  if (in.ConsumeIntegralInRange<int>(0, 7) == 0)  // all positive, over a wide range
    for (float& w : weights) w = w < 0.0f ? -w : w + 1e-30f;

  tinykm_params params = tinykm_default_params();
  params.k = any_size(in, 24);
  params.init = in.ConsumeIntegralInRange<std::int32_t>(-1, 4);
  params.n_init = in.ConsumeIntegralInRange<std::uint32_t>(0, 3);
  params.max_iter = in.ConsumeIntegralInRange<std::uint32_t>(0, 30);
  params.tol = static_cast<double>(any_param(in, 1e-4f));
  params.n_iter_check = in.ConsumeIntegralInRange<std::uint32_t>(0, 4);
  params.empty_cluster = in.ConsumeIntegralInRange<std::int32_t>(-1, 3);
  params.seed = in.ConsumeIntegral<std::uint64_t>();
  params.parallel = any_parallel(in);
  std::vector<float> initial;
  if (in.ConsumeBool() && params.k <= max_floats && d <= max_floats / (params.k + 1))
    initial = tinykm_fuzz::floats(in, params.k * d, in.ConsumeBool());
  params.initial_centroids = initial.empty() ? nullptr : initial.data();

  const std::size_t need = tinykm_fit_workspace_size(&params, p.n, d);
  std::vector<unsigned char> workspace(length_near(in, need, max_bytes) + 8);
  const std::size_t skew = in.ConsumeIntegralInRange<std::size_t>(0, 8);  // unaligned is fine
  const std::size_t ws_bytes = workspace.size() - 8;
  const std::size_t want = params.k <= max_floats && d <= max_floats / (params.k + 1) ? params.k * d : 0;
  std::vector<float> storage(length_near(in, want, max_floats) + 1);
  tinykm_fuzz::poison(storage.data(), storage.size() * 4);
  tinykm_model model{storage.data(), storage.size() - 1, 0, 0};
  const snapshot before(storage.data(), storage.size() * 4);
  tinykm_fit_result result{};
  result.inertia = -7.0;
  const tinykm_status s =
      tinykm_fit(p.data(), p.n, d, weights.empty() ? nullptr : weights.data(), &params, &model,
                 workspace.data() + skew, ws_bytes, in.ConsumeBool() ? &result : nullptr);
  if (s != TINYKM_OK) {
    require(before.unchanged() && model.k == 0 && model.d == 0 && result.inertia == -7.0,
            "failed fit changed the model or result");
  } else {
    require(model.k == params.k && model.d == d && model.k * model.d <= model.capacity,
            "fitted model shape");
  }
  if (in.ConsumeIntegralInRange<int>(0, 7) == 0) {  // a hand-made model, maybe inconsistent
    model.k = in.ConsumeIntegralInRange<std::size_t>(0, 9);
    model.d = in.ConsumeIntegralInRange<std::size_t>(0, 9);
    model.capacity = in.ConsumeIntegralInRange<std::size_t>(0, storage.size() - 1);
    if (in.ConsumeBool()) model.centroids = nullptr;
  }
  queries(in, model);
  save_and_load(in, model);
}

// A stream handle: mostly the real one, sometimes misaligned, short or null.
tinykm_stream handle(FuzzedDataProvider& in, std::vector<std::uint64_t>& memory, std::size_t bytes) {
  unsigned char* base = reinterpret_cast<unsigned char*>(memory.data());
  switch (in.ConsumeIntegralInRange<int>(0, 31)) {
    case 0: return tinykm_stream{nullptr, bytes};
    case 1: return tinykm_stream{base + 4, bytes - 4};
    case 2: return tinykm_stream{base, bytes / 2};
    default: return tinykm_stream{base, bytes};
  }
}

struct stream_memory {
  std::vector<std::uint64_t> words;
  std::size_t bytes;
};

stream_memory new_stream(FuzzedDataProvider& in, const tinykm_stream_params& sp, std::size_t d) {
  const std::size_t need = tinykm_stream_memory_size(sp.k, d, sp.reservoir);
  stream_memory m{{}, length_near(in, need, max_bytes) / 8 * 8 + 8};
  m.words.assign(m.bytes / 8, 0);
  tinykm_fuzz::poison(m.words.data(), m.bytes);
  const snapshot before(m.words.data(), m.bytes);
  if (tinykm_stream_init(&sp, d, handle(in, m.words, m.bytes)) != TINYKM_OK)
    require(before.unchanged(), "failed stream_init wrote the memory");
  return m;
}

void stream_op(FuzzedDataProvider& in, stream_memory& m, stream_memory& other, std::size_t d) {
  const tinykm_stream s = handle(in, m.words, m.bytes);
  const std::size_t xd = in.ConsumeIntegralInRange<int>(0, 7) == 0 ? any_size(in, 8) : d;
  const points x = any_points(in, xd);
  const snapshot state(m.words.data(), m.bytes);
  const int op = in.ConsumeIntegralInRange<int>(0, 7);
  tinykm_status st = TINYKM_OK;
  std::vector<std::int32_t> labels(length_near(in, x.n, max_floats));
  std::vector<float> scores(length_near(in, x.n, max_floats));
  tinykm_fuzz::poison(labels.data(), labels.size() * 4);
  tinykm_fuzz::poison(scores.data(), scores.size() * 4);
  const snapshot l0(labels.data(), labels.size() * 4), s0(scores.data(), scores.size() * 4);
  const bool with_outputs = in.ConsumeBool();
  switch (op) {
    case 0: case 1: {
      tinykm_stream_sample out{-7, -7.0f, false};
      st = tinykm_stream_update(s, x.n > 0 ? x.data() : nullptr, xd, with_outputs ? &out : nullptr);
      if (st != TINYKM_OK) require(out.label == -7 && out.score == -7.0f, "failed update wrote out");
      break;
    }
    case 2: case 3:
      st = tinykm_stream_update_batch(s, x.data(), x.n, xd, with_outputs ? labels.data() : nullptr,
                                      labels.size(), with_outputs ? scores.data() : nullptr,
                                      scores.size());
      break;
    case 4:
      st = tinykm_stream_predict(s, x.data(), x.n, xd, labels.data(), labels.size());
      break;
    case 5: {
      float score = -7.0f;
      bool anomaly = false;
      st = tinykm_stream_score(s, x.n > 0 ? x.data() : nullptr, xd, &score, with_outputs ? &anomaly : nullptr);
      if (st != TINYKM_OK) require(score == -7.0f, "failed score wrote");
      tinykm_stream_info info;
      std::memset(&info, 0x5A, sizeof info);
      tinykm_model model{nullptr, 0, 0, 0};
      if (tinykm_stream_get_info(s, &info) == TINYKM_OK && tinykm_stream_model(s, &model) == TINYKM_OK) {
        require(info.ready && model.k == info.k && model.d == info.d, "stream model shape");
        queries(in, model);
        save_and_load(in, model);
      }
      break;
    }
    case 6: {  // save, then load into the other stream's memory
      const std::size_t size = tinykm_stream_save_size(s);
      std::vector<unsigned char> blob(length_near(in, size, max_bytes));
      std::size_t written = 0;
      if (tinykm_stream_save(s, blob.data(), blob.size(), &written) == TINYKM_OK) {
        const snapshot o(other.words.data(), other.bytes);
        if (tinykm_stream_load(blob.data(), written, handle(in, other.words, other.bytes)) != TINYKM_OK)
          require(o.unchanged(), "failed stream load wrote the memory");
      }
      break;
    }
    default: {
      const snapshot o(other.words.data(), other.bytes);
      const tinykm_stream t = handle(in, other.words, other.bytes);
      st = in.ConsumeBool() ? tinykm_stream_merge(s, t, t) : tinykm_stream_merge(t, s, s);
      if (st != TINYKM_OK) require(o.unchanged(), "failed merge wrote the memory");
      break;
    }
  }
  if (st != TINYKM_OK) {
    require(state.unchanged(), "failed stream call changed the stream");
    require(l0.unchanged() && s0.unchanged(), "failed stream call wrote labels or scores");
  }
}

void streams(FuzzedDataProvider& in) {
  tinykm_stream_params sp = tinykm_default_stream_params();
  sp.k = any_size(in, 10);
  sp.reservoir = in.ConsumeBool() ? 0 : any_size(in, 64);
  sp.rule = in.ConsumeIntegralInRange<std::int32_t>(-1, 3);
  sp.half_life = any_param(in, in.ConsumeFloatingPointInRange<float>(0.5f, 100.0f));
  sp.unit = in.ConsumeIntegralInRange<std::int32_t>(-1, 2);
  sp.learning_rate = any_param(in, in.ConsumeFloatingPointInRange<float>(0.001f, 1.0f));
  sp.dead_fraction = any_param(in, 0.01f);
  sp.anomaly_z = any_param(in, 3.0f);
  sp.anomaly_threshold = any_param(in, 0.0f);
  sp.learn_anomalies = in.ConsumeBool();
  sp.drift_half_life = any_param(in, 100.0f);
  sp.warmup_n_init = in.ConsumeIntegralInRange<std::uint32_t>(0, 3);
  sp.warmup_max_iter = in.ConsumeIntegralInRange<std::uint32_t>(0, 20);
  sp.seed = in.ConsumeIntegral<std::uint64_t>();
  const std::size_t d = any_size(in, 6);
  stream_memory a = new_stream(in, sp, d);
  stream_memory b = new_stream(in, sp, d);
  const int ops = in.ConsumeIntegralInRange<int>(0, 40);
  for (int i = 0; i < ops && in.remaining_bytes() > 0; ++i)
    in.ConsumeBool() ? stream_op(in, a, b, d) : stream_op(in, b, a, d);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  if (in.ConsumeBool()) batch(in);
  else streams(in);
  return 0;
}
