// Every stream update rule (stream.hpp) against its closed form, computed here in double from
// the rule's definition: the decay factor a = 0.5^(1 / half_life) per sample and per batch,
// the running mean (rate 1 / n), the fixed rate, Spark's mini-batch rule
// c <- (c w a + m x_mean) / (w a + m), the distance mean, mean square and radius each cluster
// learns with the same weights, the warm-up's and a merge's statistics, the drift average and a
// reseed. Tolerances are a relative 1e-6 (a few float32 roundings per step over a few dozen
// steps), so a rule off by any real amount fails: a doubled 1 / half_life moves ten samples of 1
// from a centre at 0 (half-life 10) to 0.9586 instead of 0.9372.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "stream_layout.hpp"
#include "stream_support.hpp"

using tinykm::status;

namespace {

constexpr double rel = 1e-6;

Approx close(double want) { return Approx(want).epsilon(rel).margin(1e-12); }

// What cluster c of a stream has learned (the state's arrays).
struct cluster {
  double centre, weight, dist_mean, dist_square, radius;
};

cluster cluster_of(const tkt::owned_stream& s, std::size_t c) {
  const tinykm::detail::stream_view v = tinykm::detail::stream_view_of(s.state);
  REQUIRE(v.header != nullptr);
  const tinykm::detail::stream_arrays& a = v.arrays;
  const auto wide = [](float f) { return static_cast<double>(f); };
  return {wide(a.centroids[c * v.header->d]), wide(a.weights[c]), wide(a.dist_mean[c]),
          wide(a.dist_square[c]), wide(a.radius[c])};
}

// The rule's definition in double for one cluster of one feature: weight w, centre c,
// distance mean and mean square, and z for the radius.
struct reference {
  double w = 1.0, c = 0.0, mean = 0.0, square = 0.0, z = 3.0;

  // Moves towards a batch of samples (one sample: a batch of one) at `rate`, after the weight
  // was decayed by `decay`; the statistics move towards the batch's mean distance and square to
  // the centre before the move.
  void learn(const std::vector<double>& xs, double decay, double rate) {
    double sum = 0.0, dist = 0.0, sq = 0.0;
    for (const double x : xs) {
      sum += x;
      dist += std::fabs(x - c);
      sq += (x - c) * (x - c);
    }
    const double m = static_cast<double>(xs.size());
    w = w * decay + m;
    c += rate * (sum / m - c);
    mean += rate * (dist / m - mean);
    square += rate * (sq / m - square);
  }
  double radius() const { return mean + z * std::sqrt(std::max(0.0, square - mean * mean)); }
};

void check_cluster(const tkt::owned_stream& s, const reference& r) {
  const cluster got = cluster_of(s, 0);
  CHECK(got.centre == close(r.c));
  CHECK(got.weight == close(r.w));
  CHECK(got.dist_mean == close(r.mean));
  CHECK(got.dist_square == close(r.square));
  CHECK(got.radius == close(r.radius()));
}

// A stream of one cluster of one feature seeded at 0 (weight 1, statistics 0).
void seed_at_zero(tkt::owned_stream& s, const tinykm::stream_params& p) {
  REQUIRE(tkt::init_stream(s, p, 1) == status::ok);
  const float zero = 0.0f;
  REQUIRE(tinykm::stream_seed(s.state, &zero) == status::ok);
}

tinykm::stream_params one_cluster(tinykm::update_rule rule) {
  tinykm::stream_params p;
  p.k = 1;
  p.rule = rule;
  return p;
}

const std::vector<double> samples = {1.0, 3.5, -2.0, 0.25, 7.0, -4.5, 2.0, 2.0, 9.75, -1.0};

}  // namespace

TEST_CASE("stream rules: the decay factor is 0.5^(1 / half_life)", "[stream][rules]") {
  for (const float h : {0.5f, 1.0f, 3.0f, 10.0f, 1000.0f, 1e6f}) {
    tinykm::stream_params p = one_cluster(tinykm::update_rule::decay);
    p.half_life = h;
    const double a = std::pow(0.5, 1.0 / static_cast<double>(h));
    INFO("half_life " << h);
    // half_power()'s stated accuracy: within 1.2 float ulps.
    const float af = static_cast<float>(a);
    const double ulp = static_cast<double>(std::nextafter(af, 2.0f) - af);
    CHECK(std::fabs(static_cast<double>(tinykm::detail::weight_decay_of(p)) - a) <= 2.0 * ulp);
    p.drift_half_life = h;
    CHECK(tinykm::detail::drift_rate_of(p) == close(1.0 - a));
  }
}

TEST_CASE("stream rules: ten samples of 1 from a centre at 0 with half-life 10 reach 0.9372",
          "[stream][rules]") {
  tinykm::stream_params p = one_cluster(tinykm::update_rule::decay);
  p.half_life = 10.0f;
  tkt::owned_stream s(1, 1);
  seed_at_zero(s, p);
  const double a = std::pow(0.5, 0.1);
  const float one = 1.0f;
  for (int n = 1; n <= 10; ++n) {
    REQUIRE(tinykm::stream_update(s.state, &one) == status::ok);
    // Weight a^n (the seed's) + (1 - a^n) / (1 - a) (the samples'); the centre is the samples'
    // share of it.
    const double seed_weight = std::pow(a, n);
    const double w = seed_weight + (1.0 - seed_weight) / (1.0 - a);
    INFO("sample " << n);
    CHECK(cluster_of(s, 0).weight == close(w));
    CHECK(cluster_of(s, 0).centre == close(1.0 - seed_weight / w));
  }
  CHECK(cluster_of(s, 0).centre == Approx(0.93723).margin(1e-5));
}

TEST_CASE("stream rules: each update rule per sample, with its distance statistics and radius",
          "[stream][rules]") {
  using tinykm::update_rule;
  for (const update_rule rule : {update_rule::running_mean, update_rule::decay,
                                 update_rule::fixed_rate}) {
    tinykm::stream_params p = one_cluster(rule);
    p.half_life = 3.0f;
    p.learning_rate = 0.2f;
    p.dead_fraction = 0.0f;
    tkt::owned_stream s(1, 1);
    seed_at_zero(s, p);
    const double a = rule == update_rule::decay ? std::pow(0.5, 1.0 / 3.0)
                     : rule == update_rule::fixed_rate ? 0.8
                                                       : 1.0;
    reference r;
    for (const double x : samples) {
      const float xf = static_cast<float>(x);
      REQUIRE(tinykm::stream_update(s.state, &xf) == status::ok);
      // Running mean and decay move by 1 / w (w after decay and the new sample), fixed_rate by
      // the learning rate.
      const double rate = rule == update_rule::fixed_rate ? 0.2 : 1.0 / (r.w * a + 1.0);
      r.learn({x}, a, rate);
      INFO("rule " << static_cast<int>(rule) << ", sample " << x);
      check_cluster(s, r);
    }
    // The score of a sample is its distance to the centre less the radius.
    const float x = 5.0f;
    float score = 0.0f;
    REQUIRE(tinykm::stream_score(s.state, &x, &score) == status::ok);
    CHECK(score == close(std::fabs(5.0 - r.c) - r.radius()));
  }
  // The running mean is the plain mean of the seed and every sample.
  tkt::owned_stream s(1, 1);
  seed_at_zero(s, one_cluster(update_rule::running_mean));
  double sum = 0.0;
  for (const double x : samples) {
    const float xf = static_cast<float>(x);
    REQUIRE(tinykm::stream_update(s.state, &xf) == status::ok);
    sum += x;
  }
  CHECK(cluster_of(s, 0).centre == close(sum / static_cast<double>(samples.size() + 1)));
  CHECK(cluster_of(s, 0).weight == static_cast<double>(samples.size() + 1));
}

TEST_CASE("stream rules: mini-batches follow Spark's rule with the decay per batch or per sample",
          "[stream][rules]") {
  using tinykm::decay_unit;
  using tinykm::update_rule;
  const std::vector<std::vector<double>> batches = {{1.0, 1.0, 1.0}, {3.0, 5.0}, {-2.0},
                                                    {0.5, 8.0, -1.5, 4.0}};
  for (const update_rule rule : {update_rule::running_mean, update_rule::decay,
                                 update_rule::fixed_rate})
    for (const decay_unit unit : {decay_unit::points, decay_unit::batches}) {
      tinykm::stream_params p = one_cluster(rule);
      p.half_life = 2.0f;
      p.unit = unit;
      p.learning_rate = 0.3f;
      p.dead_fraction = 0.0f;
      tkt::owned_stream s(1, 1);
      seed_at_zero(s, p);
      const double a = rule == update_rule::decay ? std::pow(0.5, 0.5)
                       : rule == update_rule::fixed_rate ? 0.7
                                                         : 1.0;
      reference r;
      for (const std::vector<double>& batch : batches) {
        std::vector<float> xs(batch.begin(), batch.end());
        REQUIRE(tinykm::stream_update_batch(s.state, xs.data(), xs.size()) == status::ok);
        const double m = static_cast<double>(batch.size());
        // Weights decay once per batch, or once per sample of it; then
        // c <- (c w a + m x_mean) / (w a + m), i.e. a move by m / (w a + m) towards the mean;
        // fixed_rate moves by 1 - (1 - learning_rate)^m.
        const double decay = unit == decay_unit::batches ? a : std::pow(a, m);
        const double rate = rule == update_rule::fixed_rate ? 1.0 - std::pow(0.7, m)
                                                            : m / (r.w * decay + m);
        r.learn(batch, decay, rate);
        INFO("rule " << static_cast<int>(rule) << ", unit " << static_cast<int>(unit)
                     << ", batch of " << batch.size());
        check_cluster(s, r);
      }
    }
}

TEST_CASE("stream rules: the drift average moves by 1 - 0.5^(1 / drift_half_life) per sample",
          "[stream][rules]") {
  tinykm::stream_params p = one_cluster(tinykm::update_rule::running_mean);
  p.drift_half_life = 4.0f;
  tkt::owned_stream s(1, 1);
  seed_at_zero(s, p);
  const double r = 1.0 - std::pow(0.5, 0.25);
  double ewma = 0.0, c = 0.0, n = 1.0;
  for (const double x : samples) {
    const float xf = static_cast<float>(x);
    REQUIRE(tinykm::stream_update(s.state, &xf) == status::ok);
    ewma += r * ((x - c) * (x - c) - ewma);  // the squared distance before the move
    n += 1.0;
    c += (x - c) / n;
    CHECK(s.info().counters.inertia_ewma == close(ewma));
  }
}

TEST_CASE("stream rules: the warm-up gives each cluster its count, mean distance and mean square",
          "[stream][rules]") {
  tinykm::stream_params p = one_cluster(tinykm::update_rule::running_mean);
  p.reservoir = samples.size();
  tkt::owned_stream s(1, 1, p.reservoir);
  REQUIRE(tkt::init_stream(s, p, 1) == status::ok);
  double sum = 0.0;
  for (const double x : samples) {
    const float xf = static_cast<float>(x);
    REQUIRE(tinykm::stream_update(s.state, &xf) == status::ok);
    sum += x;
  }
  REQUIRE(s.info().ready);
  reference r;
  r.c = sum / static_cast<double>(samples.size());
  r.w = static_cast<double>(samples.size());
  for (const double x : samples) {
    r.mean += std::fabs(x - r.c) / r.w;
    r.square += (x - r.c) * (x - r.c) / r.w;
  }
  check_cluster(s, r);
}

TEST_CASE("stream rules: a merge adds weights and pools the statistics over distance bounds",
          "[stream][rules]") {
  // Two one-cluster streams: the merged centre is their weighted mean; a sample at distance t
  // from input centre i is taken at t + s_i, s_i = |c_i - c|, so the merged mean distance is
  // sum w_i (mean_i + s_i) / W and the mean square sum w_i (square_i + 2 mean_i s_i + s_i^2) / W.
  tinykm::stream_params p = one_cluster(tinykm::update_rule::running_mean);
  tkt::owned_stream a(1, 1), b(1, 1), out(1, 1);
  seed_at_zero(a, p);
  seed_at_zero(b, p);
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const float x = static_cast<float>(samples[i]);
    const float y = static_cast<float>(samples[i] * 0.5 + 10.0);
    REQUIRE(tinykm::stream_update(a.state, &x) == status::ok);
    if (i < 6) REQUIRE(tinykm::stream_update(b.state, &y) == status::ok);
  }
  const cluster ca = cluster_of(a, 0), cb = cluster_of(b, 0);
  REQUIRE(tinykm::stream_merge(a.state, b.state, out.state) == status::ok);
  const double w = ca.weight + cb.weight;
  const double c = (ca.weight * ca.centre + cb.weight * cb.centre) / w;
  const double sa = std::fabs(ca.centre - c), sb = std::fabs(cb.centre - c);
  reference r;
  r.w = w;
  r.c = c;
  r.mean = (ca.weight * (ca.dist_mean + sa) + cb.weight * (cb.dist_mean + sb)) / w;
  r.square = (ca.weight * (ca.dist_square + (2.0 * ca.dist_mean + sa) * sa) +
              cb.weight * (cb.dist_square + (2.0 * cb.dist_mean + sb) * sb)) /
             w;
  check_cluster(out, r);
}

// Two one-feature clusters seeded at 0 and 100 that reseed below half the heaviest's weight.
static void seed_two_clusters(tkt::owned_stream& s) {
  tinykm::stream_params p;
  p.k = 2;
  p.dead_fraction = 0.5f;
  REQUIRE(tkt::init_stream(s, p, 1) == status::ok);
  const float centres[2] = {0.0f, 100.0f};
  REQUIRE(tinykm::stream_seed(s.state, centres) == status::ok);
}

TEST_CASE("stream rules: a reseed moves the lightest centre onto the sample and halves the weight",
          "[stream][rules]") {
  tkt::owned_stream s(2, 1);
  seed_two_clusters(s);
  const float x = 3.0f;
  // Weights (2, 1): cluster 1 is not below half the heaviest; no reseed.
  REQUIRE(tinykm::stream_update(s.state, &x) == status::ok);
  CHECK(s.info().counters.reseeds == 0);
  // Weights (3, 1): it is, and the sample lands in the heaviest: cluster 1 moves onto it.
  REQUIRE(tinykm::stream_update(s.state, &x) == status::ok);
  CHECK(s.info().counters.reseeds == 1);
  const cluster c0 = cluster_of(s, 0), c1 = cluster_of(s, 1);
  CHECK(c0.centre == close(1.5 + 1.5 / 3.0));  // 0 -> 1.5 -> 2
  CHECK(c1.centre == 3.0);
  CHECK(c0.weight == 1.5);
  CHECK(c1.weight == 1.5);
  CHECK(c1.dist_mean == c0.dist_mean);
  CHECK(c1.dist_square == c0.dist_square);
  CHECK(c1.radius == c0.radius);
}

TEST_CASE("stream rules: a batch reseeds onto the heaviest cluster's sample farthest from its "
          "centre before the batch",
          "[stream][rules]") {
  tkt::owned_stream s(2, 1);
  seed_two_clusters(s);
  // All in cluster 0, which ends 5 times as heavy as cluster 1. From 0 (the centre the batch
  // is labelled against) 6 is the farthest; from where the centre moves (about 1.1), -5.5 is.
  const float xs[5] = {1.0f, 6.0f, 2.0f, -5.5f, 3.0f};
  REQUIRE(tinykm::stream_update_batch(s.state, xs, 5) == status::ok);
  CHECK(s.info().counters.reseeds == 1);
  CHECK(cluster_of(s, 1).centre == 6.0);
  // Ties: the first of them. Both 3s are the farthest from 0 in cluster 0.
  tkt::owned_stream t(2, 1);
  seed_two_clusters(t);
  const float ties[4] = {1.0f, -3.0f, 3.0f, 2.0f};
  REQUIRE(tinykm::stream_update_batch(t.state, ties, 4) == status::ok);
  CHECK(t.info().counters.reseeds == 1);
  CHECK(cluster_of(t, 1).centre == -3.0);
}
