// The tie rule (a point equally near several centres gets the lowest index) through every public
// call that labels a point: predict, transform's argmin, one Lloyd pass of fit() and of
// lloyd_step, and a seeded stream's stream_predict, stream_update_ready and stream_update_batch.
// Run with the active kernels; test_ties loops the backends, test_hwy_targets Highway's targets.
#pragma once

#include <catch2/catch.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "stream_support.hpp"
#include "test_support.hpp"
#include "tinykm/lloyd_steps.hpp"

namespace tkt {

struct tie_case {
  std::size_t n, d, k;
  std::vector<float> points, centres;
};

// Integer data made of exact ties. Centre c sits at base[c % G] -/+ one unit along one axis
// (minus for (c / G) % 3 == 0 or 2, plus for 1), so equal centres and mirror pairs recur across
// the whole index range (same lane, other lanes, other blocks). Points sit at a base with the
// axis offset in {-1, 0, 1} (a duplicate's copy or the mirror pair's midpoint) and the other
// features moved by {-1, 0, 1}, which keeps the pair equidistant.
inline tie_case make_tie_case(std::size_t n, std::size_t d, std::size_t k, std::uint64_t seed) {
  tie_case t{n, d, k, std::vector<float>(n * d), std::vector<float>(k * d)};
  const std::size_t groups = k / 3 > 0 ? k / 3 : 1;
  const std::vector<float> bases = random_ints(groups, d, -40, 40, seed);
  for (std::size_t c = 0; c < k; ++c) {
    const std::size_t g = c % groups;
    std::memcpy(&t.centres[c * d], &bases[g * d], d * sizeof(float));
    t.centres[c * d + g % d] += (c / groups) % 3 == 1 ? 1.0f : -1.0f;
  }
  rng r(seed + 1);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t g = r.below(groups);
    for (std::size_t j = 0; j < d; ++j)
      t.points[i * d + j] = bases[g * d + j] + static_cast<float>(r.int_in(-1, 1));
  }
  return t;
}

// Lowest index of the smallest value in row[0, k).
inline std::int32_t argmin_lowest(const float* row, std::size_t k) {
  std::size_t best = 0;
  for (std::size_t c = 1; c < k; ++c) best = row[c] < row[best] ? c : best;
  return static_cast<std::int32_t>(best);
}

// Checks every labelling call against the double reference (ties lowest) with the active kernels.
inline void check_ties(const tie_case& t) {
  const std::size_t n = t.n, d = t.d, k = t.k;
  INFO("n " << n << " d " << d << " k " << k);
  const ref_assignment ref = ref_assign(t.points.data(), n, d, t.centres.data(), k);
  std::size_t tied = 0;
  for (std::size_t i = 0; i < n; ++i) tied += ref.best[i] == ref.second[i] ? 1u : 0u;
  REQUIRE(tied * 4 >= n);  // the case means something only when ties are common

  owned_model model(t.centres, k, d);
  CHECK(predict_labels(model.view, t.points.data(), n, d) == ref.labels);

  std::vector<float> dist(n * k);
  REQUIRE(tinykm::transform(model.view, t.points.data(), n, d, dist.data(), dist.size()) ==
          tinykm::status::ok);
  std::vector<std::int32_t> argmin(n);
  for (std::size_t i = 0; i < n; ++i) argmin[i] = argmin_lowest(&dist[i * k], k);
  CHECK(argmin == ref.labels);

  // One Lloyd pass from the tied centres: each point's weight lands on its label, an unused
  // centre keeps its place, so a tie sent to the wrong twin moves a different centre.
  const std::vector<float> one_pass =
      ref_lloyd(t.points.data(), n, d, nullptr, t.centres.data(), k, 1);
  tinykm::fit_params p;
  p.k = k;
  p.init = tinykm::init_method::user;
  p.initial_centroids = t.centres.data();
  p.max_iter = 1;
  p.empty_cluster = tinykm::empty_cluster_policy::keep;
  const fit_out f = run_fit(t.points.data(), n, d, nullptr, p);
  REQUIRE(f.st == tinykm::status::ok);
  CHECK(f.centroids == one_pass);

  owned_model stepped(t.centres, k, d);
  std::vector<unsigned char> ws(tinykm::lloyd_steps_workspace_size(k, d));
  tinykm::lloyd_stepper stepper;
  REQUIRE(tinykm::lloyd_begin(t.points.data(), n, d, nullptr, stepped.view, 1, 0.0, ws.data(),
                              ws.size(), &stepper) == tinykm::status::ok);
  bool done = false;
  while (!done) REQUIRE(tinykm::lloyd_step(stepper, 7, &done) == tinykm::status::ok);
  CHECK(stepped.storage == one_pass);

  tinykm::stream_params sp;
  sp.k = k;
  sp.reservoir = k;
  owned_stream s(k, d, k);
  REQUIRE(tinykm::stream_init(sp, d, s.state) == tinykm::status::ok);
  REQUIRE(tinykm::stream_seed(s.state, t.centres.data()) == tinykm::status::ok);
  std::vector<std::int32_t> labels(n, -1);
  REQUIRE(tinykm::stream_predict(s.state, t.points.data(), n, labels.data()) ==
          tinykm::status::ok);
  CHECK(labels == ref.labels);
  const std::vector<std::uint64_t> seeded = s.memory;
  for (std::size_t i = 0; i < n; ++i) {  // each sample against the seeded centres
    s.memory = seeded;
    tinykm::stream_sample out;
    REQUIRE(tinykm::stream_update_ready(s.state, &t.points[i * d], &out) == tinykm::status::ok);
    labels[i] = out.label;
  }
  CHECK(labels == ref.labels);
  s.memory = seeded;
  labels.assign(n, -1);
  REQUIRE(tinykm::stream_update_batch(s.state, t.points.data(), n, labels.data()) ==
          tinykm::status::ok);
  CHECK(labels == ref.labels);
}

// Small d (the lanes and small-d kernels) and large d x k (blocked, exact-rows).
inline void check_ties_all_shapes() {
  for (const std::size_t d : {1u, 2u, 3u, 4u, 5u, 8u, 16u, 17u, 33u, 64u})
    for (const std::size_t k : {2u, 3u, 5u, 8u, 16u, 33u, 64u})
      check_ties(make_tie_case(96, d, k, d * 131 + k));
}

}  // namespace tkt
