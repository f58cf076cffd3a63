// mpi::fit on 1, 2 and 3 ranks (ctest runs this program under mpiexec -n N). Every rank builds the
// same full data set and fits its own uneven shard of it; results are compared with the
// single-process fit on the full data. Only CHECK (never REQUIRE): a rank that left a test case
// early would leave the others waiting in a collective.
#include <catch2/catch.hpp>
#include <mpi.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "../heavy_relocation_cases.hpp"
#include "tinykm/kmeans.hpp"
#include "mpi_support.hpp"
#include "tinykm/mpi.hpp"

namespace {

using tinykm_mpi_test::rank_of;
using tinykm_mpi_test::ranks;
using tinykm_mpi_test::same_bits;
using tinykm_mpi_test::same_on_every_rank;

// Blobs of integer-valued points (sums are exact in float64) around k centres.
std::vector<float> integer_blobs(std::size_t n, std::size_t d, std::size_t k, unsigned seed) {
  std::mt19937 gen(seed);
  std::uniform_int_distribution<int> noise(-3, 3);
  std::vector<float> points(n * d);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < d; ++j)
      points[i * d + j] = static_cast<float>(40 * static_cast<int>((i * 7 + j) % k) + noise(gen));
  return points;
}

// Rank r's rows [begin, end): uneven shares (rank r gets a share proportional to r + 1), and
// with `empty_rank` >= 0 that rank gets none.
struct rows {
  std::size_t begin, end;
};
rows shard_of(std::size_t n, int empty_rank = -1) {
  std::size_t total = 0, before = 0;
  for (int r = 0; r < ranks(); ++r) total += r == empty_rank ? 0 : static_cast<std::size_t>(r + 1);
  for (int r = 0; r < rank_of(); ++r) before += r == empty_rank ? 0 : static_cast<std::size_t>(r + 1);
  const std::size_t mine = rank_of() == empty_rank ? 0 : static_cast<std::size_t>(rank_of() + 1);
  return {n * before / total, n * (before + mine) / total};
}

struct fitted {
  tinykm::status status;
  std::vector<float> centroids;
  tinykm::fit_result result;
};

fitted fit_single(const std::vector<float>& points, std::size_t d, const tinykm::fit_params& p) {
  const std::size_t n = points.size() / d;
  std::vector<unsigned char> ws(tinykm::fit_workspace_size(p, n, d));
  fitted out{tinykm::status::ok, std::vector<float>(p.k * d), {}};
  tinykm::model_view model{out.centroids.data(), out.centroids.size(), 0, 0};
  out.status = tinykm::fit(points.data(), n, d, nullptr, p, model, ws.data(), ws.size(), &out.result);
  return out;
}

fitted fit_shard(const std::vector<float>& points, std::size_t d, const tinykm::fit_params& p,
                 rows r, std::size_t workspace_cut = 0, const float* weights = nullptr) {
  const std::size_t n_local = r.end - r.begin;
  std::vector<unsigned char> ws(tinykm::mpi::fit_workspace_size(MPI_COMM_WORLD, p, n_local, d));
  fitted out{tinykm::status::ok, std::vector<float>(p.k * d, -7.0f), {}};
  tinykm::model_view model{out.centroids.data(), out.centroids.size(), 0, 0};
  out.status = tinykm::mpi::fit(MPI_COMM_WORLD, points.data() + r.begin * d, n_local, d, weights,
                                p, model, ws.data(), ws.size() - workspace_cut, &out.result);
  return out;
}


}  // namespace

TEST_CASE("integer data, user and random init: the single-process centroids, bit for bit") {
  const std::size_t n = 3001, d = 5, k = 6;
  const std::vector<float> points = integer_blobs(n, d, k, 11);
  for (const tinykm::init_method init : {tinykm::init_method::user, tinykm::init_method::random}) {
    tinykm::fit_params p;
    p.k = k;
    p.init = init;
    p.n_init = 3;
    p.seed = 5;
    p.initial_centroids = points.data() + 100 * d;  // rows 100..105
    const fitted single = fit_single(points, d, p);
    const fitted shard = fit_shard(points, d, p, shard_of(n));
    INFO("ranks " << ranks() << ", init " << static_cast<int>(init));
    CHECK(shard.status == tinykm::status::ok);
    CHECK(same_bits(shard.centroids, single.centroids));
    CHECK(shard.result.iterations == single.result.iterations);
    // Labels of this rank's points: the same as the single-process model gives them.
    const rows r = shard_of(n);
    std::vector<std::int32_t> a(r.end - r.begin), b(r.end - r.begin);
    tinykm::model_view ma{const_cast<float*>(shard.centroids.data()), k * d, k, d};
    tinykm::model_view mb{const_cast<float*>(single.centroids.data()), k * d, k, d};
    CHECK(tinykm::predict(ma, points.data() + r.begin * d, a.size(), d, a.data()) == tinykm::status::ok);
    CHECK(tinykm::predict(mb, points.data() + r.begin * d, b.size(), d, b.data()) == tinykm::status::ok);
    CHECK(a == b);
  }
}

TEST_CASE("uneven shards, an empty rank and a shard smaller than k") {
  const std::size_t n = 40, d = 3, k = 8;  // with 3 ranks: shards 0 / 13 / 27 or 6 / 0 / 34 ...
  const std::vector<float> points = integer_blobs(n, d, k, 3);
  tinykm::fit_params p;
  p.k = k;
  p.init = tinykm::init_method::random;
  p.seed = 9;
  const fitted single = fit_single(points, d, p);
  const int empty = ranks() > 1 ? 1 : -1;
  const fitted shard = fit_shard(points, d, p, shard_of(n, empty));
  INFO("ranks " << ranks());
  CHECK(shard.status == tinykm::status::ok);
  CHECK(same_bits(shard.centroids, single.centroids));
  CHECK(same_on_every_rank(shard.centroids));
}

TEST_CASE("a relocated point 2^100 times heavier than what stays: every mean exact") {
  for (const tkt::heavy_relocation_case& c : tkt::heavy_relocation_cases()) {
    tinykm::fit_params p;
    p.k = 3;
    p.init = tinykm::init_method::user;
    p.initial_centroids = c.start.data();
    p.empty_cluster = tinykm::empty_cluster_policy::relocate_farthest;
    p.max_iter = 1;
    const rows r = shard_of(c.weights.size());
    const fitted shard = fit_shard(c.points, 2, p, r, 0, c.weights.data() + r.begin);
    INFO("ranks " << ranks() << ", " << c.what);
    CHECK(shard.status == tinykm::status::ok);
    CHECK(shard.result.empty_clusters == 1);
    CHECK(shard.centroids == c.expected);
  }
}

TEST_CASE("k-means|| recovers planted blobs (adjusted Rand index 1)") {
  const std::size_t per = 300, k = 5, d = 4, n = per * k;
  std::mt19937 gen(21);
  std::normal_distribution<float> noise(0.0f, 0.5f);
  std::vector<float> points(n * d);
  std::vector<std::int32_t> truth(n);
  for (std::size_t i = 0; i < n; ++i) {
    truth[i] = static_cast<std::int32_t>(i % k);
    for (std::size_t j = 0; j < d; ++j)
      points[i * d + j] = 20.0f * static_cast<float>((i % k) * (j + 1) % 7) + noise(gen);
  }
  tinykm::fit_params p;
  p.k = k;
  p.seed = 4;
  const rows r = shard_of(n);
  const fitted shard = fit_shard(points, d, p, r);
  CHECK(shard.status == tinykm::status::ok);
  CHECK(same_on_every_rank(shard.centroids));
  // Contingency table of (planted, found) summed over the ranks; ARI = 1 iff it is a permutation.
  std::vector<std::int32_t> labels(r.end - r.begin);
  tinykm::model_view m{const_cast<float*>(shard.centroids.data()), k * d, k, d};
  CHECK(tinykm::predict(m, points.data() + r.begin * d, labels.size(), d, labels.data()) == tinykm::status::ok);
  std::vector<double> table(k * k, 0.0);
  for (std::size_t i = 0; i < labels.size(); ++i)
    table.at(static_cast<std::size_t>(truth[r.begin + i]) * k + static_cast<std::size_t>(labels[i])) += 1.0;
  MPI_Allreduce(MPI_IN_PLACE, table.data(), static_cast<int>(table.size()), MPI_DOUBLE, MPI_SUM, MPI_COMM_WORLD);
  auto pairs = [](double x) { return x * (x - 1.0) / 2.0; };
  double index = 0.0, rows_sum = 0.0, cols_sum = 0.0;
  for (std::size_t a = 0; a < k; ++a) {
    double row = 0.0, col = 0.0;
    for (std::size_t b = 0; b < k; ++b) {
      index += pairs(table[a * k + b]);
      row += table[a * k + b];
      col += table[b * k + a];
    }
    rows_sum += pairs(row);
    cols_sum += pairs(col);
  }
  const double expected = rows_sum * cols_sum / pairs(static_cast<double>(n));
  const double ari = (index - expected) / ((rows_sum + cols_sum) / 2.0 - expected);
  CHECK(ari == Approx(1.0).margin(1e-12));
}

TEST_CASE("k-means|| on a sensor-16d-like set: inertia within 1 % of single-process k-means++") {
  const std::size_t n = 20000, d = 16, k = 32;
  std::mt19937 gen(8);
  std::normal_distribution<float> noise(0.0f, 1.0f);
  std::uniform_real_distribution<float> centre(-10.0f, 10.0f);
  std::vector<float> centres(k * d);
  for (float& c : centres) c = centre(gen);
  std::vector<float> points(n * d);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t c = gen() % k;
    for (std::size_t j = 0; j < d; ++j) points[i * d + j] = centres[c * d + j] + 2.0f * noise(gen);
  }
  tinykm::fit_params p;
  p.k = k;
  p.n_init = 3;
  p.seed = 2;
  const fitted single = fit_single(points, d, p);
  const fitted shard = fit_shard(points, d, p, shard_of(n));
  CHECK(shard.status == tinykm::status::ok);
  CHECK(same_on_every_rank(shard.centroids));
  INFO("k-means|| inertia " << shard.result.inertia << ", k-means++ " << single.result.inertia);
  CHECK(shard.result.inertia <= 1.01 * single.result.inertia);
}

TEST_CASE("the same seed gives the same bits run after run") {
  const std::size_t n = 5000, d = 7, k = 9;
  std::mt19937 gen(1);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  std::vector<float> points(n * d);
  for (float& x : points) x = u(gen);
  tinykm::fit_params p;
  p.k = k;
  p.n_init = 2;
  const fitted a = fit_shard(points, d, p, shard_of(n));
  const fitted b = fit_shard(points, d, p, shard_of(n));
  CHECK(a.status == tinykm::status::ok);
  CHECK(same_bits(a.centroids, b.centroids));
  CHECK(a.result.inertia == b.result.inertia);
}

TEST_CASE("a bad input on one rank gives every rank its status, and nobody hangs") {
  const std::size_t n = 600, d = 3, k = 4;
  std::vector<float> points = integer_blobs(n, d, k, 2);
  tinykm::fit_params p;
  p.k = k;
  const int last = ranks() - 1;
  const rows r = shard_of(n);
  const float before = -7.0f;

  std::vector<float> poisoned(points);
  if (rank_of() == (ranks() > 1 ? 1 : 0)) poisoned[(r.begin + 1) * d] = NAN;
  fitted out = fit_shard(poisoned, d, p, r);
  CHECK(out.status == tinykm::status::non_finite_input);
  CHECK(out.centroids[0] == before);  // model untouched

  out = fit_shard(points, d, p, r, rank_of() == last ? 1 : 0);  // one byte short on the last rank
  CHECK(out.status == tinykm::status::workspace_too_small);

  p.k = n + 1;  // more clusters than points over all ranks
  out = fit_shard(points, d, p, r);
  CHECK(out.status == tinykm::status::too_few_points);

  p.k = k;
  p.init = tinykm::init_method::farthest_point;
  out = fit_shard(points, d, p, r);
  CHECK(out.status == tinykm::status::not_available);
}
