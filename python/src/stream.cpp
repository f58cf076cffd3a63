// tinykm.Stream: the library's streaming k-means over memory this object owns. Per-sample calls
// keep the GIL (they take microseconds); array calls release it. A mutex per stream serialises
// calls from several Python threads; it is always taken after the GIL is given up, never before
// taking it back, so the two cannot deadlock.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <string>

#include "convert.hpp"
#include "parts.hpp"
#include "tinykm/serialize.hpp"
#include "tinykm/stream.hpp"

namespace tinykm_py {

namespace {

struct free_memory {
  void operator()(void* p) const { std::free(p); }
};

class stream {
 public:
  // A fresh stream laid out for samples of d features.
  stream(const tinykm::stream_params& params, std::size_t d) {
    allocate(tinykm::stream_memory_size(params.k, d, params.reservoir));
    check(tinykm::stream_init(params, d, state_), "Stream");
    threshold_ = params.anomaly_threshold;
  }

  // A stream read from save()'s bytes. The CRC is checked before the header's sizes are trusted
  // to allocate, so altered bytes are corrupt_model, not a huge allocation.
  explicit stream(const py::bytes& blob) {
    const std::string bytes = blob;
    const std::size_t len = bytes.size();
    const auto u32 = [&](std::size_t at) {
      std::uint32_t v = 0;
      for (std::size_t i = 0; i < 4; ++i) v |= std::uint32_t{static_cast<unsigned char>(bytes[at + i])} << (8 * i);
      return v;
    };
    const std::uint32_t crc = py::module_::import("binascii").attr("crc32")(
        py::bytes(bytes.data(), len < 4 ? 0 : len - 4)).cast<std::uint32_t>();
    if (len < 24 || crc != u32(len - 4)) check(tinykm::status::corrupt_model, "Stream.from_bytes");
    allocate(tinykm::stream_memory_size(u32(8), u32(12), u32(16)));
    check(tinykm::load(bytes.data(), len, state_), "Stream.from_bytes");
    // anomaly_threshold, at its place in serialize.hpp's layout (checked finite by load()).
    const std::uint32_t t = u32(52);
    std::memcpy(&threshold_, &t, sizeof threshold_);
  }

  void learn_one(py::handle x) {
    const f32_array s = sample(x);
    const std::lock_guard<std::mutex> lock(mutex_);
    check(tinykm::stream_update(state_, s.data()), "learn_one");
  }

  std::int32_t predict_one(py::handle x) {
    const f32_array s = sample(x);
    std::int32_t label = -1;
    const std::lock_guard<std::mutex> lock(mutex_);
    const tinykm::status st = tinykm::stream_predict(state_, s.data(), 1, &label);
    if (st != tinykm::status::not_ready) check(st, "predict_one");
    return label;
  }

  float score_one(py::handle x) {
    const f32_array s = sample(x);
    float score = 0.0f;
    const std::lock_guard<std::mutex> lock(mutex_);
    const tinykm::status st = tinykm::stream_score(state_, s.data(), &score);
    if (st != tinykm::status::not_ready) check(st, "score_one");
    return score;
  }

  // One mini-batch (Spark's rule) or, with mini_batch false, one update per row in order.
  py::tuple partial_fit(py::handle x_in, bool mini_batch) {
    const rows x = batch(x_in);
    i32_array labels(static_cast<py::ssize_t>(x.n));
    f32_array scores(static_cast<py::ssize_t>(x.n));
    py::array_t<bool> anomalies(static_cast<py::ssize_t>(x.n));
    std::int32_t* l = labels.mutable_data();
    float* sc = scores.mutable_data();
    bool* a = anomalies.mutable_data();
    tinykm::status s = tinykm::status::ok;
    std::size_t row = 0;
    {
      py::gil_scoped_release unlocked;
      const std::lock_guard<std::mutex> lock(mutex_);
      if (mini_batch) {
        s = tinykm::stream_update_batch(state_, x.data(), x.n, l, sc);
        for (std::size_t i = 0; i < x.n; ++i) a[i] = l[i] >= 0 && sc[i] > threshold_;
      } else {
        for (; row < x.n && s == tinykm::status::ok; ++row) {
          tinykm::stream_sample out;
          s = tinykm::stream_update(state_, x.data() + row * x.d, &out);
          l[row] = out.label;
          sc[row] = out.score;
          a[row] = out.anomaly;
        }
      }
    }
    // Row by row, the rows before a refused one are learned, as by learn_one in a loop.
    if (s != tinykm::status::ok && !mini_batch) check(s, ("partial_fit, row " + std::to_string(row - 1)).c_str());
    check(s, "partial_fit");
    return py::make_tuple(labels, scores, anomalies);
  }

  // Nearest centres; -1 for every row while the stream warms up.
  i32_array predict(py::handle x_in) {
    const rows x = batch(x_in);
    i32_array labels(static_cast<py::ssize_t>(x.n));
    std::int32_t* l = labels.mutable_data();
    tinykm::status s;
    {
      py::gil_scoped_release unlocked;
      const std::lock_guard<std::mutex> lock(mutex_);
      s = tinykm::stream_predict(state_, x.data(), x.n, l);
      if (s == tinykm::status::not_ready) {
        for (std::size_t i = 0; i < x.n; ++i) l[i] = -1;
        s = tinykm::status::ok;
      }
    }
    check(s, "predict");
    return labels;
  }

  // Anomaly scores without learning; 0 while the stream warms up.
  f32_array score_samples(py::handle x_in) {
    const rows x = batch(x_in);
    f32_array scores(static_cast<py::ssize_t>(x.n));
    float* out = scores.mutable_data();
    tinykm::status s = tinykm::status::ok;
    {
      py::gil_scoped_release unlocked;
      const std::lock_guard<std::mutex> lock(mutex_);
      for (std::size_t i = 0; i < x.n && s == tinykm::status::ok; ++i) {
        out[i] = 0.0f;
        s = tinykm::stream_score(state_, x.data() + i * x.d, &out[i]);
        if (s == tinykm::status::not_ready) s = tinykm::status::ok;
      }
    }
    check(s, "score_samples");
    return scores;
  }

  // Merges `other` into this stream (both ready, same k and d).
  stream& merge(stream& other) {
    tinykm::status s;
    {
      py::gil_scoped_release unlocked;
      if (&other == this) {
        const std::lock_guard<std::mutex> lock(mutex_);
        s = tinykm::stream_merge(state_, state_, state_);
      } else {
        const std::scoped_lock lock(mutex_, other.mutex_);
        s = tinykm::stream_merge(state_, other.state_, state_);
      }
    }
    check(s, "merge");
    return *this;
  }

  // Starts a warming-up stream from trained centres (k x d), e.g. a KMeans' cluster_centers_.
  void seed_centers(py::handle c) {
    const tinykm::stream_info i = info();
    const rows r = as_rows(c, "centers");
    if (r.n != i.k || r.d != i.d) check(tinykm::status::dimension_mismatch, "seed_centers");
    const std::lock_guard<std::mutex> lock(mutex_);
    check(tinykm::stream_seed(state_, r.data()), "seed_centers");
  }

  py::bytes to_bytes() {
    const std::lock_guard<std::mutex> lock(mutex_);
    std::string out(tinykm::save_size(state_), '\0');
    check(tinykm::save(state_, out.data(), out.size()), "to_bytes");
    return py::bytes(out);
  }

  tinykm::stream_info info() {
    tinykm::stream_info i;
    const std::lock_guard<std::mutex> lock(mutex_);
    check(tinykm::stream_get_info(state_, &i), "Stream");
    return i;
  }

  py::dict counters() {
    const tinykm::stream_counters c = info().counters;
    py::dict d;
    d["samples"] = c.samples;
    d["anomalies"] = c.anomalies;
    d["reseeds"] = c.reseeds;
    d["batches"] = c.batches;
    d["inertia_ewma"] = c.inertia_ewma;
    return d;
  }

  // A copy of the centres, or None while the stream warms up.
  py::object centers() {
    const tinykm::stream_info i = info();
    if (!i.ready) return py::none();
    tinykm::model_view m;
    const std::lock_guard<std::mutex> lock(mutex_);
    check(tinykm::stream_model(state_, &m), "cluster_centers_");
    f32_array out({static_cast<py::ssize_t>(m.k), static_cast<py::ssize_t>(m.d)});
    std::memcpy(out.mutable_data(), m.centroids, m.k * m.d * sizeof(float));
    return std::move(out);
  }

 private:
  void allocate(std::size_t bytes) {
    if (bytes == SIZE_MAX) throw std::bad_alloc();
    const std::size_t rounded = (bytes + 63) / 64 * 64;
    memory_.reset(std::aligned_alloc(64, rounded));
    if (!memory_) throw std::bad_alloc();
    // Zeroed: stream_init() writes only the header, and save() of a warming-up stream checks the
    // (not yet written) centres, so garbage there would make to_bytes() fail as corrupt_model.
    std::memset(memory_.get(), 0, rounded);
    state_ = tinykm::stream_state{memory_.get(), bytes};
  }
  f32_array sample(py::handle x) { return as_vector(x, info_d(), "x"); }
  rows batch(py::handle x_in) {
    rows x = as_rows(x_in, "X");
    if (x.d != info_d()) check(tinykm::status::dimension_mismatch, "X");
    return x;
  }
  std::size_t info_d() {
    if (d_ == 0) d_ = info().d;
    return d_;
  }

  std::unique_ptr<void, free_memory> memory_;
  tinykm::stream_state state_{};
  std::mutex mutex_;
  std::size_t d_ = 0;
  float threshold_ = 0.0f;  // the params' anomaly_threshold, for partial_fit's flags
};

tinykm::stream_params params_of(std::size_t k, const std::string& rule, float half_life, const std::string& unit,
                                float learning_rate, float dead_fraction, py::handle reservoir, float anomaly_z,
                                float anomaly_threshold, bool learn_anomalies, float drift_half_life,
                                std::uint32_t warmup_n_init, std::uint32_t warmup_max_iter, std::uint64_t seed) {
  tinykm::stream_params p;
  p.k = k;
  p.rule = from_name<tinykm::update_rule>(rule,
                                          {{"decay", tinykm::update_rule::decay},
                                           {"running_mean", tinykm::update_rule::running_mean},
                                           {"fixed_rate", tinykm::update_rule::fixed_rate}},
                                          "rule");
  p.half_life = half_life;
  p.unit = from_name<tinykm::decay_unit>(
      unit, {{"points", tinykm::decay_unit::points}, {"batches", tinykm::decay_unit::batches}}, "unit");
  p.learning_rate = learning_rate;
  p.dead_fraction = dead_fraction;
  p.reservoir = reservoir.is_none() ? 0 : reservoir.cast<std::size_t>();
  p.anomaly_z = anomaly_z;
  p.anomaly_threshold = anomaly_threshold;
  p.learn_anomalies = learn_anomalies;
  p.drift_half_life = drift_half_life;
  p.warmup_n_init = warmup_n_init;
  p.warmup_max_iter = warmup_max_iter;
  p.seed = seed;
  return p;
}

}  // namespace

void add_stream(py::module_& m) {
  py::class_<stream>(m, "Stream", R"(Streaming k-means: one sample (or a mini-batch) at a time, in fixed memory.

The first `reservoir` samples (default 16 x n_clusters) fill a warm-up reservoir; the update that
fills it seeds the centres with k-means++ and Lloyd on it. Until then (ready is False) predictions
are -1 and anomaly scores 0. Afterwards every sample moves its nearest centre by `rule`
('decay': weights halve every `half_life` samples; 'running_mean'; 'fixed_rate' with
`learning_rate`) and is scored: score = min over clusters of |x - c| - r_c, r_c = mean + anomaly_z
x std of the cluster's own distances; a sample scoring above anomaly_threshold is an anomaly.
Higher scores are more anomalous. Pickle, copy and to_bytes/from_bytes use the library's
CRC-checked blob.)")
      .def(py::init([](std::size_t n_clusters, std::size_t n_features, const std::string& rule, float half_life,
                       const std::string& unit, float learning_rate, float dead_fraction, py::handle reservoir,
                       float anomaly_z, float anomaly_threshold, bool learn_anomalies, float drift_half_life,
                       std::uint32_t warmup_n_init, std::uint32_t warmup_max_iter, std::uint64_t seed) {
             return std::make_unique<stream>(
                 params_of(n_clusters, rule, half_life, unit, learning_rate, dead_fraction, reservoir, anomaly_z,
                           anomaly_threshold, learn_anomalies, drift_half_life, warmup_n_init, warmup_max_iter,
                           seed),
                 n_features);
           }),
           py::arg("n_clusters"), py::arg("n_features"), py::kw_only(), py::arg("rule") = "decay",
           py::arg("half_life") = 1000.0f, py::arg("unit") = "points", py::arg("learning_rate") = 0.01f,
           py::arg("dead_fraction") = 0.01f, py::arg("reservoir") = py::none(), py::arg("anomaly_z") = 3.0f,
           py::arg("anomaly_threshold") = 0.0f, py::arg("learn_anomalies") = true,
           py::arg("drift_half_life") = 1000.0f, py::arg("warmup_n_init") = 3, py::arg("warmup_max_iter") = 100,
           py::arg("seed") = 0)
      .def("learn_one", &stream::learn_one, "Learns one sample (n_features values).", py::arg("x"))
      .def("predict_one", &stream::predict_one, "Nearest centre of one sample; -1 while warming up.", py::arg("x"))
      .def("score_one", &stream::score_one, "Anomaly score of one sample, without learning; 0 while warming up.",
           py::arg("x"))
      .def("partial_fit", &stream::partial_fit,
           "Learns the rows of X: one mini-batch (each centre moves once, Spark's rule), or with\n"
           "mini_batch=False one update per row in order (as learn_one). Returns (labels int32, scores\n"
           "float32, anomalies bool), each taken before the sample was learned; -1 / 0 / False in warm-up.",
           py::arg("X"), py::kw_only(), py::arg("mini_batch") = true)
      .def("predict", &stream::predict, "Nearest centre of each row (int32); -1 while warming up.", py::arg("X"))
      .def("score_samples", &stream::score_samples, "Anomaly score of each row (float32); 0 while warming up.",
           py::arg("X"))
      .def("merge", &stream::merge, py::return_value_policy::reference_internal,
           "Merges another ready stream of the same shape into this one; returns self.", py::arg("other"))
      .def("seed_centers", &stream::seed_centers,
           "Ends the warm-up of a new stream with trained centres (n_clusters x n_features).", py::arg("centers"))
      .def("to_bytes", &stream::to_bytes, "The whole state as the library's CRC-checked blob.")
      .def_static("from_bytes", [](const py::bytes& b) { return std::make_unique<stream>(b); },
                  "A stream read back from to_bytes(); ValueError (corrupt_model) for altered bytes.",
                  py::arg("data"))
      .def_property_readonly("n_clusters", [](stream& s) { return s.info().k; })
      .def_property_readonly("n_features", [](stream& s) { return s.info().d; })
      .def_property_readonly("reservoir", [](stream& s) { return s.info().reservoir; })
      .def_property_readonly("reservoir_fill", [](stream& s) { return s.info().reservoir_fill; })
      .def_property_readonly("ready", [](stream& s) { return s.info().ready; })
      .def_property_readonly("counters", &stream::counters,
                             "dict: samples, anomalies, reseeds, batches, inertia_ewma.")
      .def_property_readonly("cluster_centers_", &stream::centers, "A copy of the centres; None while warming up.")
      .def("__repr__",
           [](stream& s) {
             const tinykm::stream_info i = s.info();
             return "tinykm.Stream(n_clusters=" + std::to_string(i.k) + ", n_features=" + std::to_string(i.d) +
                    (i.ready ? ", ready" : ", warming up") + ", samples=" + std::to_string(i.counters.samples) + ")";
           })
      .def(py::pickle([](stream& s) { return s.to_bytes(); },
                      [](const py::bytes& b) { return std::make_unique<stream>(b); }));
}

}  // namespace tinykm_py
