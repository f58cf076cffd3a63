// Streaming mode: warm-up, the update rules, drift, anomalies, dead clusters, mini-batches and
// bad input (stream.hpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "stream_support.hpp"

using tinykm::status;

namespace {

const std::vector<float> four_sources = {-10, -10, 0, 10, -10, 0, -10, 10, 0, 10, 10, 5};

double distance_both_ways(const std::vector<float>& a, const std::vector<float>& b,
                          std::size_t d) {
  return std::max(tkt::worst_match(a, b, d), tkt::worst_match(b, a, d));
}

}  // namespace

TEST_CASE("stream: warm-up fills the reservoir, then the centres are seeded", "[stream]") {
  tinykm::stream_params p;
  p.k = 4;
  p.reservoir = 64;
  tkt::owned_stream s(p.k, 3, p.reservoir);
  REQUIRE(tkt::init_stream(s, p, 3) == status::ok);
  tkt::rng r(1);
  const std::vector<float> x = tkt::source_samples(four_sources, 3, 200, 0.5, r);
  std::int32_t label = 0;
  float score = 0.0f;
  for (std::size_t i = 0; i < 63; ++i) {
    tinykm::stream_sample out;
    REQUIRE(tinykm::stream_update(s.state, &x[i * 3], &out) == status::ok);
    CHECK(out.label == -1);
    CHECK_FALSE(out.anomaly);
  }
  CHECK_FALSE(s.info().ready);
  CHECK(s.info().reservoir_fill == 63);
  CHECK(tinykm::stream_predict(s.state, &x[0], 1, &label) == status::not_ready);
  CHECK(tinykm::stream_score(s.state, &x[0], &score) == status::not_ready);
  REQUIRE(tinykm::stream_update(s.state, &x[63 * 3]) == status::ok);
  CHECK(s.info().ready);
  CHECK(s.info().counters.samples == 64);
  // The reservoir's k-means found the four sources.
  CHECK(distance_both_ways(s.centroids(), four_sources, 3) < 0.5);
  tinykm::stream_sample out;
  REQUIRE(tinykm::stream_update(s.state, &x[64 * 3], &out) == status::ok);
  CHECK(out.label >= 0);
  REQUIRE(tinykm::stream_predict(s.state, &x[64 * 3], 1, &label) == status::ok);
}

TEST_CASE("stream: one pass over stationary blobs lands near the batch solution", "[stream]") {
  const std::size_t d = 3;
  tkt::rng r(7);
  const std::vector<float> x = tkt::source_samples(four_sources, d, 20000, 0.5, r);
  tinykm::stream_params p;
  p.k = 4;
  tkt::owned_stream s(p.k, d);
  REQUIRE(tkt::init_stream(s, p, d) == status::ok);
  REQUIRE(tinykm::stream_update_batch(s.state, x.data(), 20000) == status::ok);
  // Every update moved the samples' own centre, so the single batch call above acted
  // as one mini-batch after the warm-up; feed a second pass sample by sample as well.
  tkt::owned_stream one(p.k, d);
  REQUIRE(tkt::init_stream(one, p, d) == status::ok);
  for (std::size_t i = 0; i < 20000; ++i)
    REQUIRE(tinykm::stream_update(one.state, &x[i * d]) == status::ok);

  tinykm::fit_params fp;
  fp.k = 4;
  std::vector<unsigned char> ws(tinykm::fit_workspace_size(fp, 20000, d));
  tinykm::static_model<4, 3> batch;
  REQUIRE(tinykm::fit(x.data(), 20000, d, nullptr, fp, batch, ws.data(), ws.size()) == status::ok);
  const std::vector<float> batch_centres(batch.centroids, batch.centroids + 12);
  // Stated tolerance: 0.05, ten times the standard error of a cluster mean (0.5 / sqrt(5000)).
  CHECK(distance_both_ways(one.centroids(), batch_centres, d) < 0.05);
  CHECK(distance_both_ways(s.centroids(), batch_centres, d) < 0.05);
}

TEST_CASE("stream: the running mean equals the batch mean of each cluster's samples", "[stream]") {
  const std::size_t d = 3;
  tkt::rng r(11);
  const std::vector<float> x = tkt::source_samples(four_sources, d, 8000, 0.7, r);
  tinykm::stream_params p;
  p.k = 4;
  p.reservoir = 100;
  p.dead_fraction = 0.0f;
  tkt::owned_stream s(p.k, d, p.reservoir);
  REQUIRE(tkt::init_stream(s, p, d) == status::ok);
  for (std::size_t i = 0; i < 100; ++i) REQUIRE(tinykm::stream_update(s.state, &x[i * d]) == status::ok);
  // Sources 14+ standard deviations apart: the assignment of every sample is fixed, so the
  // centre of each cluster must be the plain mean of all samples it ever received.
  std::vector<std::int32_t> labels(8000);
  REQUIRE(tinykm::stream_predict(s.state, x.data(), 100, labels.data()) == status::ok);
  for (std::size_t i = 100; i < 8000; ++i) {
    tinykm::stream_sample out;
    REQUIRE(tinykm::stream_update(s.state, &x[i * d], &out) == status::ok);
    labels[i] = out.label;
  }
  std::vector<double> mean(4 * d, 0.0), count(4, 0.0);
  for (std::size_t i = 0; i < 8000; ++i) {
    const std::size_t c = static_cast<std::size_t>(labels[i]);
    count[c] += 1;
    for (std::size_t j = 0; j < d; ++j) mean[c * d + j] += static_cast<double>(x[i * d + j]);
  }
  const std::vector<float> centres = s.centroids();
  for (std::size_t c = 0; c < 4; ++c) {
    REQUIRE(count[c] > 0);
    for (std::size_t j = 0; j < d; ++j)
      // float32 running mean of ~2000 samples of magnitude ~10: stated tolerance 1e-4.
      CHECK(std::fabs(static_cast<double>(centres[c * d + j]) - mean[c * d + j] / count[c]) < 1e-4);
  }
  // The mini-batch rule with a = 1 is the same mean.
  tkt::owned_stream b(p.k, d, p.reservoir);
  REQUIRE(tkt::init_stream(b, p, d) == status::ok);
  for (std::size_t i = 0; i < 8000; i += 64)
    REQUIRE(tinykm::stream_update_batch(b.state, &x[i * d], std::min<std::size_t>(64, 8000 - i)) ==
            status::ok);
  CHECK(distance_both_ways(b.centroids(), centres, d) < 1e-4);
}

TEST_CASE("stream: a running-mean weight stops growing at 2^24", "[stream]") {
  tinykm::stream_params p;
  p.k = 1;
  tkt::owned_stream s(p.k, 1, 0);
  REQUIRE(tkt::init_stream(s, p, 1) == status::ok);
  const float zero = 0.0f;
  REQUIRE(tinykm::stream_seed(s.state, &zero) == status::ok);  // weight 1
  // Merging a stream with itself adds its weight to itself: 24 merges make it 2^24.
  for (int i = 0; i < 24; ++i) REQUIRE(tinykm::stream_merge(s.state, s.state, s.state) == status::ok);
  REQUIRE(s.centroids().at(0) == 0.0f);
  const float one = 1.0f;
  REQUIRE(tinykm::stream_update(s.state, &one) == status::ok);
  const float first = s.centroids().at(0);
  CHECK(first == 0x1p-24f);  // rate 1 / fl(2^24 + 1) = 1 / 2^24
  REQUIRE(tinykm::stream_update(s.state, &one) == status::ok);
  CHECK(s.centroids().at(0) == first + 0x1p-24f * (1.0f - first));  // the weight is still 2^24
}

TEST_CASE("stream: with a half-life the centres follow a switch, the running mean lags",
          "[stream]") {
  const std::size_t d = 3;
  const std::vector<float> before = {-10, 0, 0, 10, 0, 0};
  const std::vector<float> after = {-5, 3, 0, 15, -3, 0};  // both sources jump by ~5.8
  tkt::rng r(3);
  const std::vector<float> x1 = tkt::source_samples(before, d, 5000, 0.5, r);
  const std::vector<float> x2 = tkt::source_samples(after, d, 2000, 0.5, r);
  tinykm::stream_params p;
  p.k = 2;
  tkt::owned_stream mean_stream(p.k, d);
  REQUIRE(tkt::init_stream(mean_stream, p, d) == status::ok);
  p.rule = tinykm::update_rule::decay;
  p.half_life = 100.0f;
  tkt::owned_stream decay_stream(p.k, d);
  REQUIRE(tkt::init_stream(decay_stream, p, d) == status::ok);
  for (const std::vector<float>* x : {&x1, &x2})
    for (std::size_t i = 0; i < x->size() / d; ++i) {
      REQUIRE(tinykm::stream_update(mean_stream.state, &(*x)[i * d]) == status::ok);
      REQUIRE(tinykm::stream_update(decay_stream.state, &(*x)[i * d]) == status::ok);
    }
  // N = 2000 samples after the switch (20 half-lives): within 0.3 of the new sources. A centre
  // then averages ~70 recent samples (weight 1 / (1 - a) shared by two clusters), so its noise
  // is about 0.5 x sqrt(3 / 70) ~ 0.1: the tolerance is three of those.
  CHECK(distance_both_ways(decay_stream.centroids(), after, d) < 0.3);
  // The running mean still weighs 5000 old samples against 2000 new: ~ 5.8 x 5/7 behind.
  CHECK(distance_both_ways(mean_stream.centroids(), after, d) > 3.0);
  // The drift signal (squared distance, noise alone: 3 x 0.5^2 = 0.75) stays high while the
  // running mean lags and settles back under the decay rule.
  CHECK(decay_stream.info().counters.inertia_ewma < 2.0f);
  CHECK(mean_stream.info().counters.inertia_ewma > 8.0f);
}

TEST_CASE("stream: injected accelerometer anomalies are flagged with precision and recall >= 0.9",
          "[stream]") {
  const std::size_t d = 3;
  // Orientations of gravity (in g) for four activities; each sample adds 0.05 g of noise and a
  // small vibration; 1 % of samples get a 1.5..4 g shock in a random direction.
  const std::vector<float> poses = {0, 0, 1, 0, 1, 0, 0.7f, 0, 0.7f, 0, -0.7f, 0.7f};
  tkt::rng r(2024);
  tinykm::stream_params p;
  p.k = 4;
  tkt::owned_stream s(p.k, d);
  REQUIRE(tkt::init_stream(s, p, d) == status::ok);
  std::size_t true_pos = 0, false_pos = 0, false_neg = 0, normals = 0;
  std::size_t pose = 0;
  for (std::size_t i = 0; i < 60000; ++i) {
    if (i % 500 == 0) pose = r.below(4);  // activities last a while, as in a real recording
    float x[3];
    for (std::size_t j = 0; j < d; ++j)
      x[j] = static_cast<float>(static_cast<double>(poses[pose * d + j]) + 0.05 * r.normal() +
                                0.03 * std::sin(0.3 * static_cast<double>(i + j)));
    const bool injected = i > 2000 && r.uniform() < 0.01;
    if (injected) {
      const double size = r.uniform(1.5, 4.0);
      double v[3] = {r.normal(), r.normal(), r.normal()};
      const double norm = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
      for (std::size_t j = 0; j < d; ++j) x[j] += static_cast<float>(size * v[j] / norm);
    }
    tinykm::stream_sample out;
    REQUIRE(tinykm::stream_update(s.state, x, &out) == status::ok);
    if (i <= 2000) continue;  // warm-up and settling
    normals += injected ? 0 : 1;
    if (out.anomaly && injected) ++true_pos;
    if (out.anomaly && !injected) ++false_pos;
    if (!out.anomaly && injected) ++false_neg;
  }
  const double precision = static_cast<double>(true_pos) / static_cast<double>(true_pos + false_pos);
  const double recall = static_cast<double>(true_pos) / static_cast<double>(true_pos + false_neg);
  INFO("precision " << precision << " recall " << recall << " false alarms " << false_pos
                    << " of " << normals);
  CHECK(precision >= 0.9);
  CHECK(recall >= 0.9);
  CHECK(static_cast<double>(false_pos) / static_cast<double>(normals) < 0.002);
}

TEST_CASE("stream: a cluster whose source disappears is reseeded", "[stream]") {
  const std::size_t d = 2;
  const std::vector<float> three = {0, 0, 20, 0, 0, 20};
  const std::vector<float> two = {0, 0, 20, 0};
  tkt::rng r(5);
  tinykm::stream_params p;
  p.k = 3;
  p.rule = tinykm::update_rule::decay;
  p.half_life = 200.0f;
  p.dead_fraction = 0.05f;
  tkt::owned_stream s(p.k, d);
  REQUIRE(tkt::init_stream(s, p, d) == status::ok);
  const std::vector<float> x1 = tkt::source_samples(three, d, 3000, 1.0, r);
  const std::vector<float> x2 = tkt::source_samples(two, d, 3000, 1.0, r);
  REQUIRE(tinykm::stream_update_batch(s.state, x1.data(), 3000) == status::ok);
  CHECK(s.info().counters.reseeds == 0);
  for (std::size_t i = 0; i < 3000; ++i) REQUIRE(tinykm::stream_update(s.state, &x2[i * d]) == status::ok);
  CHECK(s.info().counters.reseeds >= 1);
  // The centre of the vanished source (0, 20) moved into the data that is still there.
  const std::vector<float> c = s.centroids();
  for (std::size_t j = 0; j < 3; ++j) CHECK(c[j * d + 1] < 5.0f);
}

TEST_CASE("stream: bad samples are rejected and leave the state untouched", "[stream][bad]") {
  const std::size_t d = 3;
  tinykm::stream_params p;
  p.k = 2;
  p.reservoir = 8;
  tkt::owned_stream s(p.k, d, p.reservoir);
  REQUIRE(tkt::init_stream(s, p, d) == status::ok);
  tkt::rng r(9);
  const std::vector<float> x = tkt::source_samples(four_sources, d, 40, 0.5, r);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  for (int phase = 0; phase < 2; ++phase) {  // warming up, then ready
    if (phase == 1) REQUIRE(tinykm::stream_update_batch(s.state, x.data(), 20) == status::ok);
    const std::vector<unsigned char> before = s.bytes();
    for (const float bad : {nan, inf, -inf}) {
      std::vector<float> y(x.begin(), x.begin() + 12);
      y[7] = bad;
      CHECK(tinykm::stream_update(s.state, &y[6]) == status::non_finite_input);
      CHECK(tinykm::stream_update_batch(s.state, y.data(), 4) == status::non_finite_input);
    }
    const float huge[3] = {1e30f, 0, 0};
    CHECK(tinykm::stream_update(s.state, huge) == status::out_of_range);
    CHECK(tinykm::stream_update(s.state, nullptr) == status::invalid_argument);
    CHECK(tinykm::stream_update_batch(s.state, nullptr, 3) == status::invalid_argument);
    CHECK(s.bytes() == before);
  }
  float score = 0.0f;
  const float nan_sample[3] = {0, nan, 0};
  CHECK(tinykm::stream_score(s.state, nan_sample, &score) == status::non_finite_input);
  CHECK(tinykm::stream_score(s.state, &x[0], nullptr) == status::invalid_argument);
}

TEST_CASE("stream: bad parameters and memory give clear statuses", "[stream][bad]") {
  tinykm::stream_params good;
  good.k = 4;
  std::vector<std::uint64_t> memory(tinykm::stream_memory_size(8, 3) / 8 + 2);
  const tinykm::stream_state state{memory.data(), memory.size() * 8};
  REQUIRE(tinykm::stream_init(good, 3, state) == status::ok);
  struct bad_case {
    const char* what;
    void (*change)(tinykm::stream_params&);
    status expected;
  };
  const bad_case cases[] = {
      {"k = 0", [](tinykm::stream_params& q) { q.k = 0; }, status::invalid_argument},
      {"k over TINYKM_MAX_K", [](tinykm::stream_params& q) { q.k = tinykm::max_k + 1; },
       status::capacity_exceeded},
      {"reservoir < k", [](tinykm::stream_params& q) { q.reservoir = 3; }, status::too_few_points},
      {"half_life 0", [](tinykm::stream_params& q) { q.half_life = 0.0f; }, status::invalid_argument},
      {"half_life NaN",
       [](tinykm::stream_params& q) { q.half_life = std::numeric_limits<float>::quiet_NaN(); },
       status::invalid_argument},
      {"half_life inf",
       [](tinykm::stream_params& q) { q.half_life = std::numeric_limits<float>::infinity(); },
       status::invalid_argument},
      {"learning_rate 0", [](tinykm::stream_params& q) { q.learning_rate = 0.0f; },
       status::invalid_argument},
      {"learning_rate > 1", [](tinykm::stream_params& q) { q.learning_rate = 1.5f; },
       status::invalid_argument},
      {"dead_fraction 1", [](tinykm::stream_params& q) { q.dead_fraction = 1.0f; },
       status::invalid_argument},
      {"anomaly_z < 0", [](tinykm::stream_params& q) { q.anomaly_z = -1.0f; },
       status::invalid_argument},
      {"threshold NaN",
       [](tinykm::stream_params& q) {
         q.anomaly_threshold = std::numeric_limits<float>::quiet_NaN();
       },
       status::invalid_argument},
      {"drift_half_life < 0", [](tinykm::stream_params& q) { q.drift_half_life = -1.0f; },
       status::invalid_argument},
      {"rule 7", [](tinykm::stream_params& q) { q.rule = static_cast<tinykm::update_rule>(7); },
       status::invalid_argument},
      {"unit -1", [](tinykm::stream_params& q) { q.unit = static_cast<tinykm::decay_unit>(-1); },
       status::invalid_argument},
      {"warmup_n_init 0", [](tinykm::stream_params& q) { q.warmup_n_init = 0; },
       status::invalid_argument},
      {"warmup_max_iter 0", [](tinykm::stream_params& q) { q.warmup_max_iter = 0; },
       status::invalid_argument},
      {"warm-up of more Lloyd iterations than max_warmup_iterations",
       [](tinykm::stream_params& q) {
         q.warmup_n_init = 2;
         q.warmup_max_iter = static_cast<std::uint32_t>(tinykm::max_warmup_iterations / 2 + 1);
       },
       status::capacity_exceeded},
  };
  const std::vector<std::uint64_t> before = memory;
  for (const bad_case& c : cases) {
    INFO(c.what);
    tinykm::stream_params q = good;
    c.change(q);
    CHECK(tinykm::stream_init(q, 3, state) == c.expected);
    CHECK(memory == before);
  }
  CHECK(tinykm::stream_init(good, 0, state) == status::invalid_argument);
  CHECK(tinykm::stream_init(good, tinykm::max_d + 1, state) == status::capacity_exceeded);
  CHECK(tinykm::stream_init(good, 3, tinykm::stream_state{nullptr, 1 << 20}) ==
        status::invalid_argument);
  const tinykm::stream_state misaligned{reinterpret_cast<unsigned char*>(memory.data()) + 4,
                                        state.bytes - 8};
  CHECK(tinykm::stream_init(good, 3, misaligned) == status::invalid_argument);
  const tinykm::stream_state short_memory{memory.data(), tinykm::stream_memory_size(4, 3) - 1};
  CHECK(tinykm::stream_init(good, 3, short_memory) == status::workspace_too_small);
  CHECK(memory == before);
  tinykm::stream_params at_bound = good;  // the warm-up bound is inclusive
  at_bound.warmup_n_init = 2;
  at_bound.warmup_max_iter = static_cast<std::uint32_t>(tinykm::max_warmup_iterations / 2);
  CHECK(tinykm::stream_init(at_bound, 3, state) == status::ok);
  // Memory that was never initialised is not a stream.
  std::vector<std::uint64_t> blank(memory.size(), 0);
  const tinykm::stream_state not_a_stream{blank.data(), blank.size() * 8};
  const float x[3] = {0, 0, 0};
  tinykm::stream_info info;
  CHECK(tinykm::stream_update(not_a_stream, x) == status::invalid_argument);
  CHECK(tinykm::stream_get_info(not_a_stream, &info) == status::invalid_argument);
}

TEST_CASE("stream: static_stream holds a whole stream with no heap", "[stream]") {
  static tinykm::static_stream<4, 3, 64> s;
  tinykm::stream_params p;
  p.k = 4;
  p.reservoir = 64;
  REQUIRE(tinykm::stream_init(p, 3, s.state()) == status::ok);
  tkt::rng r(4);
  const std::vector<float> x = tkt::source_samples(four_sources, 3, 500, 0.5, r);
  REQUIRE(tinykm::stream_update_batch(s.state(), x.data(), 500) == status::ok);
  // A copy of the struct is a snapshot that evolves on its own.
  static tinykm::static_stream<4, 3, 64> copy;
  copy = s;
  REQUIRE(tinykm::stream_update(s.state(), &x[0]) == status::ok);
  tinykm::stream_info a, b;
  REQUIRE(tinykm::stream_get_info(s.state(), &a) == status::ok);
  REQUIRE(tinykm::stream_get_info(copy.state(), &b) == status::ok);
  CHECK(a.counters.samples == b.counters.samples + 1);
}

TEST_CASE("stream_seed: a stream seeded with user centres labels samples by the nearest",
          "[stream][seed]") {
  const std::size_t d = 3;
  tinykm::stream_params p;
  p.k = 4;
  p.dead_fraction = 0.0f;
  tkt::owned_stream s(p.k, d);
  REQUIRE(tkt::init_stream(s, p, d) == status::ok);
  tkt::rng r(21);
  const std::vector<float> x = tkt::source_samples(four_sources, d, 400, 0.5, r);
  tinykm::stream_sample out;
  CHECK(tinykm::stream_update_ready(s.state, &x[0], &out) == status::not_ready);
  REQUIRE(tinykm::stream_seed(s.state, four_sources.data()) == status::ok);
  CHECK(s.info().ready);
  CHECK(s.info().counters.samples == 0);
  CHECK(s.centroids() == four_sources);
  CHECK(tinykm::stream_seed(s.state, four_sources.data()) == status::invalid_argument);
  for (std::size_t i = 0; i < 400; ++i) {
    // The nearest centre before the update, by brute force in double (lowest index on ties).
    const std::vector<float> before = s.centroids();
    std::int32_t nearest = 0;
    double best = 1e300;
    for (std::size_t c = 0; c < 4; ++c) {
      const double dist = tkt::ref_sqdist(&x[i * d], &before[c * d], d);
      if (dist < best) {
        best = dist;
        nearest = static_cast<std::int32_t>(c);
      }
    }
    REQUIRE(tinykm::stream_update_ready(s.state, &x[i * d], &out) == status::ok);
    CHECK(out.label == nearest);
  }
  CHECK(s.info().counters.samples == 400);
  CHECK(distance_both_ways(s.centroids(), four_sources, d) < 0.2);
}

TEST_CASE("stream_seed and stream_update_ready reject bad input and leave the state untouched",
          "[stream][seed][bad]") {
  const std::size_t d = 3;
  tinykm::stream_params p;
  p.k = 4;
  tkt::owned_stream s(p.k, d);
  REQUIRE(tkt::init_stream(s, p, d) == status::ok);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  const std::vector<unsigned char> fresh = s.bytes();
  for (const float bad : {nan, inf, -inf}) {
    std::vector<float> centres = four_sources;
    centres[5] = bad;
    CHECK(tinykm::stream_seed(s.state, centres.data()) == status::non_finite_input);
  }
  std::vector<float> huge = four_sources;
  huge[0] = 1e30f;
  CHECK(tinykm::stream_seed(s.state, huge.data()) == status::out_of_range);
  CHECK(tinykm::stream_seed(s.state, nullptr) == status::invalid_argument);
  CHECK(s.bytes() == fresh);
  REQUIRE(tinykm::stream_seed(s.state, four_sources.data()) == status::ok);
  const std::vector<unsigned char> seeded = s.bytes();
  const float nan_sample[3] = {0, nan, 0};
  const float huge_sample[3] = {0, 0, 1e30f};
  CHECK(tinykm::stream_update_ready(s.state, nan_sample) == status::non_finite_input);
  CHECK(tinykm::stream_update_ready(s.state, huge_sample) == status::out_of_range);
  CHECK(tinykm::stream_update_ready(s.state, nullptr) == status::invalid_argument);
  CHECK(s.bytes() == seeded);
  std::vector<std::uint64_t> blank(s.memory.size(), 0);
  const float zero[3] = {0, 0, 0};
  CHECK(tinykm::stream_update_ready(tinykm::stream_state{blank.data(), blank.size() * 8}, zero) ==
        status::invalid_argument);
}

TEST_CASE("stream: update labels and scores agree with predict and score around the lane padding",
          "[stream]") {
  // Shapes around the lane padding (k = 1, 7, 8, 9, 70 lanes > 64 per pass) and d = 1, 5.
  for (const std::size_t k : {std::size_t{1}, std::size_t{7}, std::size_t{9}, std::size_t{70}})
    for (const std::size_t d : {std::size_t{1}, std::size_t{5}}) {
      INFO("k " << k << " d " << d);
      tinykm::stream_params p;
      p.k = k;
      p.rule = tinykm::update_rule::decay;
      p.half_life = 50.0f;
      tkt::owned_stream s(k, d);
      REQUIRE(tkt::init_stream(s, p, d) == status::ok);
      tkt::rng r(k * 10 + d);
      std::vector<float> sources(k * d);
      for (float& v : sources) v = static_cast<float>(r.uniform(-20.0, 20.0));
      const std::vector<float> x = tkt::source_samples(sources, d, 40 * k + 200, 0.5, r);
      const std::size_t n = x.size() / d;
      REQUIRE(tinykm::stream_update_batch(s.state, x.data(), 16 * k) == status::ok);
      for (std::size_t i = 16 * k; i < n; ++i) {
        const std::vector<float> before = s.centroids();
        std::int32_t label = -1;
        REQUIRE(tinykm::stream_predict(s.state, &x[i * d], 1, &label) == status::ok);
        float score = 0.0f;
        REQUIRE(tinykm::stream_score(s.state, &x[i * d], &score) == status::ok);
        tinykm::stream_sample out;
        REQUIRE(tinykm::stream_update(s.state, &x[i * d], &out) == status::ok);
        REQUIRE(out.label == label);  // predict's kernels and the lanes pick the same centre
        REQUIRE(out.score == score);
        // The score is min over centres of |x - c| - radius: never above the nearest's distance.
        CHECK(static_cast<double>(out.score) <=
              std::sqrt(tkt::ref_sqdist(&x[i * d], &before[static_cast<std::size_t>(label) * d], d)) + 1e-4);
      }
    }
}
