// The stream state invariant as a stateful property (issue 16): every state that any sequence
// of public calls produces is finite, passes load(save(state)) bit for bit, and keeps
// answering. run_sequence() draws a sequence of calls (init, seed, update, update_ready,
// mini-batch, merge with out aliasing an input, save/load, queries, and bad samples) on three
// streams of one shape, with values up to the magnitude limit, from a source of choices, and
// checks the invariant after every step. Used by tests/test_stream_property.cpp (a seeded
// generator) and fuzz/fuzz_stream_sequence.cpp (the fuzzer's bytes).
//
// A source of choices has: std::uint32_t below(std::uint32_t n) (in [0, n); n >= 1) and
// bool more() (false once a fuzzer's bytes are spent).
#pragma once

#include <cfloat>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

#include "blob.hpp"
#include "crc32.hpp"
#include "stream_layout.hpp"  // the state's arrays, to check every float in it
#include "tinykm/tinykm.hpp"
#include "validate.hpp"

namespace tkseq {

using tinykm::status;

// Memory for one stream, 8-byte aligned.
struct slot {
  std::vector<std::uint64_t> memory;
  tinykm::stream_state state() { return {memory.data(), memory.size() * 8}; }
};

inline slot slot_for(std::size_t k, std::size_t d, std::size_t reservoir) {
  return slot{std::vector<std::uint64_t>(tinykm::stream_memory_size(k, d, reservoir) / 8 + 1)};
}

inline std::uint32_t bits_of(float v) {
  std::uint32_t b;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

inline std::vector<unsigned char> saved(const tinykm::stream_state& s, status* st) {
  std::vector<unsigned char> blob(tinykm::save_size(s));
  *st = blob.empty() ? status::invalid_argument : tinykm::save(s, blob.data(), blob.size());
  return blob;
}

// Every float of an initialised state, by the rules its layout states (stream_layout.hpp):
// centres finite and inside the magnitude limit, the same in their lanes, weights and
// statistics finite and >= 0, padding lanes +infinity with zero statistics.
inline std::string check_finite(const tinykm::stream_state& s) {
  const tinykm::detail::stream_view v = tinykm::detail::stream_view_of(s);
  if (v.header == nullptr) return "not an initialised stream";
  const tinykm::detail::stream_header& h = *v.header;
  const tinykm::detail::stream_arrays& a = v.arrays;
  const std::size_t k = h.k, d = h.d;
  const float e = h.counters.inertia_ewma;
  if (!(std::isfinite(e) && e >= 0.0f)) return "inertia_ewma " + std::to_string(e);
  if (h.ready == 0) {
    for (std::size_t i = 0; i < h.fill * d; ++i)
      if (!(std::fabs(a.reservoir[i]) <= h.value_limit)) return "reservoir value out of range";
    return "";
  }
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t j = 0; j < d; ++j) {
      const float x = a.centroids[c * d + j];
      if (!(std::fabs(x) <= h.value_limit)) return "centre " + std::to_string(x);
      if (bits_of(a.lanes[j * a.kp + c]) != bits_of(x)) return "lane differs from its centre";
    }
    for (const float* f : {a.weights, a.dist_mean, a.dist_square, a.radius})
      if (!(std::isfinite(f[c]) && f[c] >= 0.0f))
        return "cluster statistic " + std::to_string(f[c]);
  }
  for (std::size_t c = k; c < a.kp; ++c) {
    for (std::size_t j = 0; j < d; ++j)
      if (!(a.lanes[j * a.kp + c] == INFINITY)) return "padding lane not +infinity";
    if (a.weights[c] != 0.0f || a.dist_mean[c] != 0.0f || a.dist_square[c] != 0.0f ||
        a.radius[c] != 0.0f)
      return "padding statistics not 0";
  }
  return "";
}

// Two states the same bit for bit in everything that decides what they do next: the header's
// fields, the centres, lanes, weights, statistics, radii, and the reservoir while warming up.
inline std::string compare_states(const tinykm::stream_state& x, const tinykm::stream_state& y) {
  const tinykm::detail::stream_view u = tinykm::detail::stream_view_of(x);
  const tinykm::detail::stream_view v = tinykm::detail::stream_view_of(y);
  if (u.header == nullptr || v.header == nullptr) return "not an initialised stream";
  const tinykm::detail::stream_header& g = *u.header;
  const tinykm::detail::stream_header& h = *v.header;
  const tinykm::stream_params& p = g.params;
  const tinykm::stream_params& q = h.params;
  const bool same_shape = g.ready == h.ready && g.k == h.k && g.d == h.d &&
                          g.reservoir == h.reservoir && g.fill == h.fill &&
                          std::memcmp(&g.at, &h.at, sizeof g.at) == 0;
  if (!same_shape) return "shape, readiness or fill differs";
  const bool same_params =
      p.k == q.k && p.reservoir == q.reservoir && p.rule == q.rule && p.unit == q.unit &&
      bits_of(p.half_life) == bits_of(q.half_life) &&
      bits_of(p.learning_rate) == bits_of(q.learning_rate) &&
      bits_of(p.dead_fraction) == bits_of(q.dead_fraction) &&
      bits_of(p.anomaly_z) == bits_of(q.anomaly_z) &&
      bits_of(p.anomaly_threshold) == bits_of(q.anomaly_threshold) &&
      p.learn_anomalies == q.learn_anomalies &&
      bits_of(p.drift_half_life) == bits_of(q.drift_half_life) &&
      p.warmup_n_init == q.warmup_n_init && p.warmup_max_iter == q.warmup_max_iter &&
      p.seed == q.seed && bits_of(g.weight_decay) == bits_of(h.weight_decay) &&
      bits_of(g.drift_rate) == bits_of(h.drift_rate) &&
      bits_of(g.value_limit) == bits_of(h.value_limit);
  if (!same_params) return "parameters or rates differ";
  const tinykm::stream_counters& c = g.counters;
  const tinykm::stream_counters& e = h.counters;
  if (c.samples != e.samples || c.anomalies != e.anomalies || c.reseeds != e.reseeds ||
      c.batches != e.batches || bits_of(c.inertia_ewma) != bits_of(e.inertia_ewma))
    return "counters differ";
  const auto same = [](const float* s, const float* t, std::size_t n) {
    return n == 0 || std::memcmp(s, t, n * sizeof(float)) == 0;
  };
  const std::size_t kp = u.arrays.kp;
  if (g.ready == 0)
    return same(u.arrays.reservoir, v.arrays.reservoir, g.fill * g.d) ? "" : "reservoir differs";
  const bool arrays = same(u.arrays.centroids, v.arrays.centroids, g.k * g.d) &&
                      same(u.arrays.lanes, v.arrays.lanes, g.d * kp) &&
                      same(u.arrays.weights, v.arrays.weights, kp) &&
                      same(u.arrays.dist_mean, v.arrays.dist_mean, kp) &&
                      same(u.arrays.dist_square, v.arrays.dist_square, kp) &&
                      same(u.arrays.radius, v.arrays.radius, kp);
  return arrays ? "" : "centres, lanes, weights, statistics or radii differ";
}

// save() succeeds, load() of its blob into fresh memory gives the same state bit for bit, and
// saving that again gives the same bytes. *loaded (may be null) receives the loaded copy.
inline std::string check_round_trip(const tinykm::stream_state& s, slot* loaded = nullptr) {
  status st;
  const std::vector<unsigned char> blob = saved(s, &st);
  if (st != status::ok) return std::string("save: ") + tinykm::to_string(st);
  slot copy{std::vector<std::uint64_t>(s.bytes / 8)};  // as much memory as the original
  st = tinykm::load(blob.data(), blob.size(), copy.state());
  if (st != status::ok) return std::string("load(save(state)): ") + tinykm::to_string(st);
  const std::string differs = compare_states(s, copy.state());
  if (!differs.empty()) return "load(save(state)) differs: " + differs;
  const std::vector<unsigned char> again = saved(copy.state(), &st);
  if (st != status::ok || again != blob) return "save(load(save(state))) differs";
  if (loaded != nullptr) *loaded = std::move(copy);
  return "";
}

// A ready state labels and scores x (ok, a label < k, a finite score) through every query; a
// warming one says not_ready.
inline std::string check_answers(const tinykm::stream_state& s, const float* x) {
  tinykm::stream_info info;
  if (tinykm::stream_get_info(s, &info) != status::ok) return "stream_get_info failed";
  std::int32_t label = -1;
  float score = NAN;
  const status p = tinykm::stream_predict(s, x, 1, &label);
  const status q = tinykm::stream_score(s, x, &score);
  if (!info.ready)
    return p == status::not_ready && q == status::not_ready ? "" : "a warming stream answered";
  if (p != status::ok || label < 0 || static_cast<std::size_t>(label) >= info.k)
    return std::string("stream_predict: ") + tinykm::to_string(p);
  if (q != status::ok || !std::isfinite(score))
    return std::string("stream_score: ") + tinykm::to_string(q) + " " + std::to_string(score);
  tinykm::model_view model;
  std::int32_t again = -1;
  if (tinykm::stream_model(s, &model) != status::ok ||
      tinykm::predict(model, x, 1, info.d, &again) != status::ok || again != label)
    return "predict() on stream_model disagrees";
  return "";
}

// The whole invariant for one state.
inline std::string check_state(const tinykm::stream_state& s, const float* x) {
  std::string why = check_finite(s);
  if (why.empty()) why = check_round_trip(s);
  if (why.empty()) why = check_answers(s, x);
  return why;
}

template <class Choices>
class sequence {
 public:
  explicit sequence(Choices& in) : in_(in) {}

  // Runs up to max_steps calls; "" when the invariant held after each, else what broke and the
  // calls that led there.
  std::string run(std::size_t max_steps) {
    static const std::size_t ks[] = {1, 2, 3, 5, 8, 9};
    static const std::size_t ds[] = {1, 2, 3, 4, 7};
    k_ = ks[in_.below(6)];
    d_ = ds[in_.below(5)];
    limit_ = tinykm::detail::magnitude_limit(d_);
    log_ = "k " + std::to_string(k_) + " d " + std::to_string(d_) + ":";
    x_.assign(d_, 0.0f);
    for (slot& s : slots_) {
      s = slot_for(k_, d_, 16 * k_);  // the largest reservoir params() draws
      const std::string why = init(s);
      if (!why.empty()) return why;
    }
    for (std::size_t step = 0; step < max_steps && in_.more(); ++step) {
      const std::string why = this->step();
      if (!why.empty()) return why + ", after " + log_;
    }
    return "";
  }

 private:
  Choices& in_;
  std::size_t k_ = 1, d_ = 1;
  float limit_ = 1.0f;
  slot slots_[3];
  std::vector<float> x_;  // the last sample drawn
  std::string log_;

  float pick(std::initializer_list<float> values) {
    return values.begin()[in_.below(static_cast<std::uint32_t>(values.size()))];
  }
  float fraction() { return static_cast<float>(in_.below(1u << 24)) * 0x1p-24f; }

  // A value the library must take: zeros, the limit and just under it, tiny and subnormal
  // values, small integers, ordinary reals, powers of two.
  float value() {
    const float sign = in_.below(2) == 0 ? 1.0f : -1.0f;
    switch (in_.below(9)) {
      case 0: return sign * 0.0f;
      case 1: return sign * limit_;
      case 2: return sign * std::nextafter(limit_, 0.0f);
      case 3: return sign * limit_ * fraction();
      case 4: return sign * pick({FLT_TRUE_MIN, 3 * FLT_TRUE_MIN, FLT_MIN, 1e-30f, 1e-20f});
      case 5: return static_cast<float>(static_cast<int>(in_.below(17)) - 8);
      case 6: {
        const float power = std::ldexp(1.0f, static_cast<int>(in_.below(189)) - 126);
        return sign * std::fmin(power, limit_);
      }
      default: return sign * 100.0f * fraction();
    }
  }

  // n samples into xs: each a fresh one or the last again (repeated points).
  void samples(std::vector<float>& xs, std::size_t n) {
    xs.resize(n * d_);
    for (std::size_t i = 0; i < n; ++i) {
      if (in_.below(4) != 0) {
        const bool same_kind = in_.below(3) == 0;
        const float one = value();
        for (float& v : x_) v = same_kind ? one : value();
      }
      std::memcpy(&xs[i * d_], x_.data(), d_ * sizeof(float));
    }
  }

  tinykm::stream_params params() {
    tinykm::stream_params p;
    p.k = k_;
    const std::uint32_t r = in_.below(3);
    p.reservoir = r == 0 ? 0 : k_ + (r == 1 ? 0 : in_.below(8));
    p.rule = static_cast<tinykm::update_rule>(in_.below(3));
    p.unit = static_cast<tinykm::decay_unit>(in_.below(2));
    p.half_life = pick({1e-30f, 1e-3f, 0.5f, 1.0f, 10.0f, 1000.0f, 1e30f, FLT_MAX});
    p.learning_rate = pick({FLT_MIN, 1e-7f, 0.01f, 0.5f, 1.0f});
    p.dead_fraction = pick({0.0f, 0.01f, 0.5f, 0.999f});
    p.anomaly_z = pick({0.0f, 3.0f, 1e10f, 1e30f, FLT_MAX});
    p.anomaly_threshold = pick({0.0f, -FLT_MAX, -1.0f, 1e10f, FLT_MAX});
    p.learn_anomalies = in_.below(4) != 0;
    p.drift_half_life = pick({1e-30f, 1e-3f, 1.0f, 1000.0f, 1e30f, FLT_MAX});
    p.warmup_n_init = 1 + in_.below(2);
    p.warmup_max_iter = 1 + in_.below(4);
    p.seed = in_.below(1000);
    return p;
  }

  std::string init(slot& s) {
    const status st = tinykm::stream_init(params(), d_, s.state());
    return st == status::ok ? "" : std::string("stream_init: ") + tinykm::to_string(st);
  }

  // A call that may fail (warming up, not ready...) but then must leave the state as it was.
  template <class Call>
  std::string may_fail(slot& s, Call call) {
    status st;
    const std::vector<unsigned char> before = saved(s.state(), &st);
    const status result = call();
    if (result == status::ok) return "";
    const std::vector<unsigned char> after = saved(s.state(), &st);
    return before == after ? "" : std::string("a call that returned ") + tinykm::to_string(result) +
                                      " changed the state";
  }

  // Any state load() takes must keep the invariant too, not only those the calls made: a saved
  // blob with some of its floats set to extremes load() still accepts (the drift average,
  // centres, weights and distance statistics, at serialize.hpp's documented offsets), resealed.
  std::string edit_blob(slot& s) {
    status st;
    std::vector<unsigned char> blob = saved(s.state(), &st);
    if (st != status::ok) return std::string("save: ") + tinykm::to_string(st);
    const std::size_t ewma = tinykm::detail::blob_prefix_bytes + 12 + 52 + 32;
    const std::size_t centres = ewma + 4, statistics = centres + 4 * k_ * d_;
    for (std::uint32_t edits = 1 + in_.below(4); edits > 0; --edits) {
      const std::uint32_t at = in_.below(static_cast<std::uint32_t>(1 + k_ * d_ + 3 * k_));
      const bool centre = at >= 1 && at <= k_ * d_;
      const float v = centre ? value()
                             : pick({0.0f, FLT_TRUE_MIN, 1e-30f, 1.0f, 1e19f, 1e30f, FLT_MAX});
      const std::size_t offset =
          at == 0 ? ewma : centre ? centres + 4 * (at - 1) : statistics + 4 * (at - 1 - k_ * d_);
      put_u32(blob, offset, bits_of(v));
    }
    put_u32(blob, blob.size() - 4, tinykm::detail::crc32(blob.data(), blob.size() - 4));
    st = tinykm::load(blob.data(), blob.size(), s.state());
    return st == status::ok ? "" : std::string("load of an edited blob: ") + tinykm::to_string(st);
  }

  static void put_u32(std::vector<unsigned char>& blob, std::size_t at, std::uint32_t v) {
    for (std::size_t b = 0; b < 4; ++b) blob[at + b] = static_cast<unsigned char>(v >> (8 * b));
  }

  std::string step() {
    const std::uint32_t i = in_.below(3);
    slot& s = slots_[i];
    std::vector<float> xs;
    std::string why;
    const std::uint32_t op = in_.below(18);
    log_ += " " + std::to_string(op) + "@" + std::to_string(i);
    switch (op) {
      case 0:  // a fresh stream in this slot
        why = init(s);
        break;
      case 1:
      case 2: {  // seed from k drawn centres (refused once ready)
        samples(xs, k_);
        why = may_fail(s, [&] { return tinykm::stream_seed(s.state(), xs.data()); });
        break;
      }
      case 3:
      case 4:
      case 5:
        samples(xs, 1);
        why = may_fail(s, [&] { return tinykm::stream_update(s.state(), xs.data()); });
        break;
      case 6:
        samples(xs, 1);
        why = may_fail(s, [&] { return tinykm::stream_update_ready(s.state(), xs.data()); });
        break;
      case 7:
      case 8:
      case 9: {
        const std::size_t n = 1 + in_.below(in_.below(4) == 0 ? 80 : 12);
        samples(xs, n);
        why = may_fail(s, [&] { return tinykm::stream_update_batch(s.state(), xs.data(), n); });
        break;
      }
      case 10:
      case 11: {  // merge with any slot (itself included) into either input or the third
        const std::uint32_t j = in_.below(3), o = in_.below(3);
        log_ += "+" + std::to_string(j) + ">" + std::to_string(o);
        why = may_fail(slots_[o], [&] {
          return tinykm::stream_merge(s.state(), slots_[j].state(), slots_[o].state());
        });
        if (why.empty()) why = check_state(slots_[o].state(), x_.data());
        break;
      }
      case 12:
      case 13: {  // save/load: the loaded copy goes on exactly as the original
        slot loaded;
        why = check_round_trip(s.state(), &loaded);
        if (!why.empty()) break;
        samples(xs, 1 + in_.below(3));
        const std::size_t n = xs.size() / d_;
        std::vector<std::int32_t> labels(n), labels2(n);
        const status a = tinykm::stream_update_batch(s.state(), xs.data(), n, labels.data());
        const status b = tinykm::stream_update_batch(loaded.state(), xs.data(), n, labels2.data());
        if (a != b || labels != labels2) why = "a loaded copy answered differently";
        if (why.empty()) why = compare_states(s.state(), loaded.state());
        if (why.empty()) s = std::move(loaded);
        break;
      }
      case 14: {  // a bad sample among good ones: refused, nothing changes
        samples(xs, 1 + in_.below(3));
        xs[in_.below(static_cast<std::uint32_t>(xs.size()))] =
            pick({NAN, INFINITY, -INFINITY, 2.0f * limit_, -FLT_MAX});
        status st = status::ok;
        why = may_fail(s, [&] {
          return st = tinykm::stream_update_batch(s.state(), xs.data(), xs.size() / d_);
        });
        if (why.empty() && st != status::non_finite_input && st != status::out_of_range)
          why = std::string("a bad sample gave ") + tinykm::to_string(st);
        break;
      }
      case 15:
      case 16:
        why = edit_blob(s);
        break;
      default:  // queries only
        samples(xs, 1);
        break;
    }
    if (why.empty()) why = check_state(s.state(), x_.data());
    return why;
  }
};

template <class Choices>
std::string run_sequence(Choices& in, std::size_t max_steps) {
  return sequence<Choices>(in).run(max_steps);
}

}  // namespace tkseq
