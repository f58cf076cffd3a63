// Seeding at kernel speed: the candidate_min kernel gives min_distance's bits on every backend,
// greedy k-means++ scoring all trials in one sweep chooses bit for bit the centres the
// one-candidate-at-a-time scoring chooses (on real-valued data, every backend, any threads), and
// k-means|| is deterministic, thread-independent, valid and about as good as k-means++.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <set>
#include <vector>

#include "backend_loop.hpp"
#include "init.hpp"
#include "kernels.hpp"
#include "seeding.hpp"
#include "test_support.hpp"
#include "thread_pool.hpp"
#include "tinykm/tinykm.hpp"
#include "trial_potentials_check.hpp"
#include "workspace.hpp"

using tinykm::init_method;
namespace kernels = tinykm::kernels;
namespace detail = tinykm::detail;

namespace {

// Greedy k-means++ through the internal entry with the fit's buffers; `columns` false clears
// the candidate_min buffers, which takes the one-candidate-at-a-time scoring (the old path) at
// d <= 16 on several threads (one thread sweeps in rows then, as beyond d = 16).
std::vector<float> seed_centres(const std::vector<float>& pts, std::size_t n, std::size_t d,
                                const float* w, std::size_t k, std::uint64_t seed, bool columns,
                                const tinykm::parallel_for* par) {
  tinykm::fit_params p;
  p.k = k;
  std::vector<unsigned char> ws(tinykm::fit_workspace_size(p, n, d));
  const detail::fit_scratch s = detail::carve_fit_scratch(p, n, d, ws.data());
  detail::seeding_buffers b = s.seeding;
  if (!columns) b.trial_columns = nullptr;
  const detail::dataset data{pts.data(), n, d, w, par};
  detail::rng gen(seed);
  std::vector<float> c(k * d);
  detail::kmeans_plus_plus(kernels::active(), data, k, gen, b, c.data());
  return c;
}

tkt::fit_out fit_with(const std::vector<float>& pts, std::size_t n, std::size_t d, std::size_t k,
                      init_method init, std::uint64_t seed, tinykm_tools::thread_pool* pool,
                      std::uint32_t max_iter = 300) {
  tinykm::fit_params p;
  p.k = k;
  p.init = init;
  p.seed = seed;
  p.max_iter = max_iter;
  if (pool != nullptr) p.parallel = pool->parallel();
  return tkt::run_fit(pts.data(), n, d, nullptr, p);
}

}  // namespace

TEST_CASE("candidate_min gives min_distance's bits on every backend, writing only its rows",
          "[init][backends]") {
  tkt::for_each_backend([](const kernels::kernel_table& kt) {
    const kernels::candidate_min_fn candidate_min = kernels::candidate_min_of(kt);
    REQUIRE(candidate_min != nullptr);
    INFO(kt.name());
    for (const std::size_t d : {1u, 2u, 3u, 4u, 5u, 9u, 16u})
      for (const std::size_t count : {1u, 4u, 6u, 8u, 10u, 16u})
        for (const std::size_t n : {1u, 7u, 8u, 9u, 37u}) {
          const std::vector<float> pts = tkt::random_reals(n, d, -3.0, 3.0, 7 * d + n);
          const std::vector<float> cands = tkt::random_reals(count, d, -3.0, 3.0, 99 + count);
          // Half the points keep a closest below any distance here, half take a distance.
          std::vector<float> closest = tkt::random_reals(n, 1, 0.0, 150.0, 5 + n);
          std::vector<float> columns(d * kernels::candidate_lanes, 0.0f);
          for (std::size_t j = 0; j < d; ++j)
            for (std::size_t t = 0; t < count; ++t)
              columns[j * kernels::candidate_lanes + t] = cands[t * d + j];
          std::vector<float> out(n * count + 32, -1.0f);  // sentinels past the rows
          candidate_min(pts.data(), n, d, columns.data(), count, closest.data(), out.data());
          std::vector<float> one(n);
          for (std::size_t t = 0; t < count; ++t) {
            kt.min_distance(pts.data(), n, d, &cands[t * d], closest.data(), one.data());
            for (std::size_t i = 0; i < n; ++i) {
              INFO("d " << d << " count " << count << " n " << n << " t " << t << " i " << i);
              REQUIRE(tkt::same_bits(&out[i * count + t], &one[i], sizeof(float)));
            }
          }
          for (std::size_t i = n * count; i < out.size(); ++i) REQUIRE(out[i] == -1.0f);
        }
  });
}

TEST_CASE("trial_potentials moves closest and sums min_distance's terms by the block rule",
          "[init][backends]") {
  tkt::for_each_backend([](const kernels::kernel_table& kt) { tkt::check_trial_potentials(kt); });
}

TEST_CASE("the first k-means++ centre is the running-sum draw's, without the running sum",
          "[init]") {
  // draw_first_point skips the sums when unweighted (each is i + 1): the same index as
  // draw_proportional over the summed weights for every uniform, integer targets included.
  for (const std::size_t n : {1u, 2u, 3u, 10u, 1000u}) {
    const std::vector<float> pts(n, 0.0f);
    const detail::dataset data{pts.data(), n, 1, nullptr, nullptr};
    std::vector<double> uniforms{0.0, 0.999999, 0.5, 0.1, 0.7312};
    for (std::size_t i = 1; i < n; ++i) {
      const double u = static_cast<double>(i) / static_cast<double>(n);
      uniforms.insert(uniforms.end(), {u, std::nextafter(u, 0.0), std::nextafter(u, 1.0)});
    }
    for (const double u : uniforms) {
      INFO("n " << n << " u " << u);
      double total = 0.0;
      for (std::size_t i = 0; i < n; ++i) total += 1.0;
      REQUIRE(detail::draw_first_point(data, u) == detail::draw_proportional(data, nullptr, u * total));
    }
  }
}

TEST_CASE("beyond d = 16 distances gives min_distance's bits on real data, every backend",
          "[init][backends]") {
  // The one-sweep seeding scores (and moves closest) through distances, the draw and the
  // threaded path through min_distance: they must agree bit for bit, tails (d % 16) included.
  tkt::for_each_backend([](const kernels::kernel_table& kt) {
    for (const std::size_t d : {17u, 21u, 40u, 128u})
      for (const std::size_t k : {1u, 2u, 3u, 4u, 7u, 9u}) {
        INFO(kt.name() << " d " << d << " k " << k);
        const std::size_t n = 19;
        const std::vector<float> pts = tkt::random_reals(n, d, -3.0, 3.0, d + k);
        const std::vector<float> cands = tkt::random_reals(k, d, -3.0, 3.0, 5 * d + k);
        std::vector<float> all(n * k), one(n);
        const std::vector<float> far(n, 1e30f);
        kt.distances(pts.data(), n, d, cands.data(), k, all.data());
        for (std::size_t t = 0; t < k; ++t) {
          kt.min_distance(pts.data(), n, d, &cands[t * d], far.data(), one.data());
          for (std::size_t i = 0; i < n; ++i)
            REQUIRE(tkt::same_bits(&all[i * k + t], &one[i], sizeof(float)));
        }
      }
  });
}

TEST_CASE("k-means++ scoring all trials in one sweep picks the old path's centres bit for bit",
          "[init][backends][threads]") {
  tinykm_tools::thread_pool two(2), three(3);
  // Real-valued data (every distance rounds), n spanning chunks with a ragged last one.
  const std::size_t n = 2 * tinykm::parallel_chunk_points + 301;
  tkt::for_each_backend([&](const kernels::kernel_table& kt) {
    for (const std::size_t d : {1u, 3u, 5u, 16u, 40u})
      for (const std::size_t k : {3u, 20u})
        for (const bool weighted : {false, true}) {
          const std::vector<float> pts = tkt::random_reals(n, d, -5.0, 5.0, 11 * d + k);
          const std::vector<float> w = tkt::random_reals(n, 1, 0.5, 2.0, 3);
          const float* weights = weighted ? w.data() : nullptr;
          INFO(kt.name() << " d " << d << " k " << k << (weighted ? " weighted" : ""));
          const std::vector<float> old_path = seed_centres(pts, n, d, weights, k, 42, false, nullptr);
          CHECK(old_path == seed_centres(pts, n, d, weights, k, 42, true, nullptr));
          for (tinykm_tools::thread_pool* pool : {&two, &three}) {
            const tinykm::parallel_for par = pool->parallel();
            CHECK(old_path == seed_centres(pts, n, d, weights, k, 42, true, &par));
          }
        }
  });
}

TEST_CASE("one-sweep k-means++ steps draw what the two-pass steps draw, zero masses included",
          "[init][backends]") {
  // Few distinct rows, so that k > distinct points leaves every mass 0 (draw_trials' fallback);
  // k = 8 and 40 take the fixed trial counts 4 and 5. The sweep runs through trial_potentials
  // at d <= 4, in candidate columns to d = 16, through distances beyond. Sized for the Arm ports
  // under qemu (k = 64 and 120 on 12 chunks took 19 min of the SVE suite's 20).
  const std::size_t distinct = 6;
  const std::size_t n = 10 * tinykm::parallel_chunk_points + 301;  // >= 2 T chunks: the sweep
  tinykm_tools::thread_pool two(2);
  const tinykm::parallel_for par = two.parallel();
  for (const std::size_t d : {3u, 8u, 21u}) {
  const std::vector<float> rows = tkt::random_reals(distinct, d, -5.0, 5.0, 21);
  std::vector<float> pts(n * d);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < d; ++j) pts[i * d + j] = rows[((i * 7919) % distinct) * d + j];
  const std::vector<float> w = tkt::random_reals(n, 1, 0.5, 2.0, 5);
  tkt::for_each_backend([&](const kernels::kernel_table& kt) {
    for (const std::size_t k : {8u, 40u})
      for (const bool weighted : {false, true}) {
        INFO(kt.name() << " d " << d << " k " << k << (weighted ? " weighted" : ""));
        const float* weights = weighted ? w.data() : nullptr;
        // A parallel_for takes the two passes; one thread the sweep (columns or rows).
        const std::vector<float> two_pass = seed_centres(pts, n, d, weights, k, 7, true, &par);
        CHECK(two_pass == seed_centres(pts, n, d, weights, k, 7, true, nullptr));
        CHECK(two_pass == seed_centres(pts, n, d, weights, k, 7, false, nullptr));
      }
  });
  }
}

TEST_CASE("k-means|| is deterministic and the same on any thread count", "[init][threads]") {
  tinykm_tools::thread_pool one(1), three(3);
  const std::size_t n = 3 * tinykm::parallel_chunk_points + 77;
  for (const std::size_t d : {2u, 16u, 40u}) {
    const std::vector<float> pts = tkt::random_reals(n, d, -5.0, 5.0, 5 + d);
    const tkt::fit_out serial = fit_with(pts, n, d, 12, init_method::kmeans_parallel, 9, nullptr);
    REQUIRE(serial.st == tinykm::status::ok);
    INFO("d " << d);
    CHECK(fit_with(pts, n, d, 12, init_method::kmeans_parallel, 9, nullptr).centroids ==
          serial.centroids);
    for (tinykm_tools::thread_pool* pool : {&one, &three})
      CHECK(fit_with(pts, n, d, 12, init_method::kmeans_parallel, 9, pool).centroids ==
            serial.centroids);
    CHECK(fit_with(pts, n, d, 12, init_method::kmeans_parallel, 10, nullptr).centroids !=
          serial.centroids);
  }
}

TEST_CASE("k-means|| seeds k distinct data points", "[init]") {
  const std::size_t n = 5000, d = 3;
  const std::vector<float> pts = tkt::random_reals(n, d, -1.0, 1.0, 17);
  for (const std::size_t k : {1u, 7u, 64u}) {
    const tkt::fit_out f = fit_with(pts, n, d, k, init_method::kmeans_parallel, 3, nullptr, 1);
    REQUIRE(f.st == tinykm::status::ok);
    // max_iter 1 moves the centres once; the seeds themselves come from the internal entry.
    tinykm::fit_params p;
    p.k = k;
    p.init = init_method::kmeans_parallel;
    std::vector<unsigned char> ws(tinykm::fit_workspace_size(p, n, d));
    detail::fit_scratch s = detail::carve_fit_scratch(p, n, d, ws.data());
    const detail::dataset data{pts.data(), n, d, nullptr};
    detail::init_centroids(kernels::active(), data, p, 5, s);
    std::set<std::vector<float>> rows;
    for (std::size_t c = 0; c < k; ++c) {
      const std::vector<float> row(s.centroids + c * d, s.centroids + (c + 1) * d);
      bool is_point = false;
      for (std::size_t i = 0; i < n && !is_point; ++i)
        is_point = tkt::same_bits(row.data(), &pts[i * d], d * sizeof(float));
      CHECK(is_point);
      rows.insert(row);
    }
    CHECK(rows.size() == k);
  }
}

TEST_CASE("k-means|| with repeated points still seeds k distinct ones", "[init]") {
  // `distinct` values repeated: equal points can be picked in one round, and the rounds run
  // out of points far from the candidates.
  for (const std::size_t distinct : {6u, 9u, 40u}) {
    std::vector<float> pts;
    for (std::size_t i = 0; i < 3000; ++i) pts.push_back(static_cast<float>(i % distinct));
    for (std::uint64_t seed = 0; seed < 4; ++seed) {
      tinykm::fit_params p;
      p.k = 6;
      p.init = init_method::kmeans_parallel;
      std::vector<unsigned char> ws(tinykm::fit_workspace_size(p, pts.size(), 1));
      detail::fit_scratch s = detail::carve_fit_scratch(p, pts.size(), 1, ws.data());
      const detail::dataset data{pts.data(), pts.size(), 1, nullptr};
      detail::init_centroids(kernels::active(), data, p, seed, s);
      INFO("distinct " << distinct << " seed " << seed);
      CHECK(std::set<float>(s.centroids, s.centroids + 6).size() == 6);
    }
  }
}

TEST_CASE("k-means|| ends Lloyd about as low as k-means++ on blobs", "[init]") {
  const tkt::blobs b = tkt::make_blobs(std::vector<std::size_t>(20, 400), 8, 20.0, 4.0, 1.0, 5);
  REQUIRE(b.separated);
  double pp = 0.0, par = 0.0;
  for (std::uint64_t seed = 0; seed < 4; ++seed) {
    const tkt::fit_out a = fit_with(b.points, b.n, b.d, 20, init_method::kmeans_plus_plus, seed, nullptr);
    const tkt::fit_out c = fit_with(b.points, b.n, b.d, 20, init_method::kmeans_parallel, seed, nullptr);
    REQUIRE(a.st == tinykm::status::ok);
    REQUIRE(c.st == tinykm::status::ok);
    pp += a.result.inertia;
    par += c.result.inertia;
  }
  CHECK(par <= 1.1 * pp);
}

TEST_CASE("k-means|| refuses what fit refuses, and an init value past the enum", "[init][bad_input]") {
  const std::vector<float> pts = tkt::random_reals(100, 2, 0.0, 1.0, 1);
  tinykm::fit_params p;
  p.init = init_method::kmeans_parallel;
  p.k = 101;  // k > n
  std::vector<unsigned char> ws(1 << 20);
  std::vector<float> c(101 * 2);
  tinykm::model_view m{c.data(), c.size(), 0, 0};
  CHECK(tinykm::fit(pts.data(), 100, 2, nullptr, p, m, ws.data(), ws.size()) ==
        tinykm::status::too_few_points);
  p.k = 0;
  CHECK(tinykm::fit(pts.data(), 100, 2, nullptr, p, m, ws.data(), ws.size()) ==
        tinykm::status::invalid_argument);
  p.k = 4;
  p.init = static_cast<init_method>(6);
  CHECK(tinykm::fit(pts.data(), 100, 2, nullptr, p, m, ws.data(), ws.size()) ==
        tinykm::status::invalid_argument);
  p.init = init_method::kmeans_parallel;
  const std::size_t need = tinykm::fit_workspace_size(p, 100, 2);
  CHECK(tinykm::fit(pts.data(), 100, 2, nullptr, p, m, ws.data(), need - 1) != tinykm::status::ok);
  CHECK(tinykm::fit(pts.data(), 100, 2, nullptr, p, m, ws.data(), need) == tinykm::status::ok);
}

TEST_CASE("k-means++ potentials are summed in the documented order on every backend",
          "[init][backends]") {
  // seeding.hpp: per chunk, blocks of host_score_block(d) points, point p of a block into lane
  // p % 8, the lanes in a fixed tree, blocks then chunks added in order; every weight multiplies
  // its own distance in double. Written out here from min_distance's distances.
  auto reference = [](const std::vector<float>& dist, const float* w, std::size_t block) {
    const std::size_t n = dist.size();
    double total = 0.0;
    for (std::size_t chunk = 0; chunk * tinykm::parallel_chunk_points < n; ++chunk) {
      const std::size_t begin = chunk * tinykm::parallel_chunk_points;
      const std::size_t end = std::min(n, begin + tinykm::parallel_chunk_points);
      double pot = 0.0;
      for (std::size_t start = begin; start < end; start += block) {
        double lane[8] = {};
        for (std::size_t i = start; i < std::min(end, start + block); ++i)
          lane[(i - start) % 8] += (w ? static_cast<double>(w[i]) : 1.0) * static_cast<double>(dist[i]);
        pot += ((lane[0] + lane[1]) + (lane[2] + lane[3])) + ((lane[4] + lane[5]) + (lane[6] + lane[7]));
      }
      total += pot;
    }
    return total;
  };
  tkt::for_each_backend([&](const kernels::kernel_table& kt) {
    for (const std::size_t d : {1u, 3u, 4u, 5u, 16u})
      for (const std::size_t n : {std::size_t{1}, std::size_t{63}, std::size_t{65}, std::size_t{513},
                                  std::size_t{700}, tinykm::parallel_chunk_points + 777})
        for (const bool weighted : {false, true}) {
          INFO(kt.name() << " d " << d << " n " << n << " weighted " << weighted);
          const std::size_t trials = 4;
          const std::vector<float> pts = tkt::random_reals(n, d, -3.0, 3.0, 3 * d + n);
          const std::vector<float> closest = tkt::random_reals(n, 1, 0.0, 40.0, 11 + n);
          const std::vector<float> weights = tkt::random_reals(n, 1, 0.1, 3.0, 17 + n);
          const float* w = weighted ? weights.data() : nullptr;
          tinykm::fit_params p;
          p.k = 9;  // 2 + floor(ln 9) = 4 trials
          std::vector<unsigned char> ws(tinykm::fit_workspace_size(p, n, d));
          const detail::fit_scratch s = detail::carve_fit_scratch(p, n, d, ws.data());
          const detail::dataset data{pts.data(), n, d, w, nullptr};
          const std::vector<float> cands = tkt::random_reals(trials, d, -3.0, 3.0, 5 + d);
          std::copy(cands.begin(), cands.end(), s.seeding.trial_centres);
          detail::score_candidates(kt, data, closest.data(), trials, s.seeding);
          std::vector<float> dist(n);
          for (std::size_t t = 0; t < trials; ++t) {
            kt.min_distance(pts.data(), n, d, &cands[t * d], closest.data(), dist.data());
            const double want = reference(dist, w, detail::host_score_block(d));
            REQUIRE(tkt::same_bits(&s.seeding.trial_pot[t], &want, sizeof want));
          }
        }
  });
}

TEST_CASE("k-means++ draws each target where its mass lies, across chunks, with closest lagging",
          "[init][backends]") {
  const std::size_t n = 3 * tinykm::parallel_chunk_points + 123, d = 3, trials = 7;
  const std::vector<float> pts = tkt::random_reals(n, d, -3.0, 3.0, 41);
  std::vector<float> closest = tkt::random_reals(n, 1, 0.0, 2.0, 43);
  for (std::size_t i = 0; i < n; i += 3) closest[i] = 0.0f;  // points of no mass are never drawn
  for (std::size_t i = tinykm::parallel_chunk_points; i < 2 * tinykm::parallel_chunk_points; ++i)
    closest[i] = 0.0f;  // a whole chunk without mass
  const float winner[d] = {0.5f, -1.0f, 2.0f};
  tinykm::fit_params p;
  p.k = 1000;  // 2 + floor(ln 1000) = 8 trials of room
  std::vector<unsigned char> ws(tinykm::fit_workspace_size(p, n, d));
  const detail::fit_scratch s = detail::carve_fit_scratch(p, n, d, ws.data());
  const detail::seeding_buffers& b = s.seeding;
  const detail::dataset data{pts.data(), n, d, nullptr, nullptr};
  tkt::for_each_backend([&](const kernels::kernel_table& kt) {
    // Masses after moving closest to the winner, their exact prefix sums and chunk totals.
    std::vector<float> moved(n);
    kt.min_distance(pts.data(), n, d, winner, closest.data(), moved.data());
    std::vector<long double> prefix(n + 1, 0.0L);
    for (std::size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] + static_cast<long double>(moved[i]);
    std::vector<double> chunk_mass;
    for (std::size_t c = 0; c * tinykm::parallel_chunk_points < n; ++c) {
      double m = 0.0;
      for (std::size_t i = c * tinykm::parallel_chunk_points;
           i < std::min(n, (c + 1) * tinykm::parallel_chunk_points); ++i)
        m += static_cast<double>(moved[i]);
      chunk_mass.push_back(m);
    }
    const double total = static_cast<double>(prefix[n]);
    const double fractions[trials] = {0.0, 1e-9, 0.2, 0.3333, 0.5, 0.999999, 1.5};
    for (const bool lagging : {false, true}) {
      INFO(kt.name() << (lagging ? " lagging" : " moved"));
      std::copy(lagging ? closest.begin() : moved.begin(), lagging ? closest.end() : moved.end(),
                b.closest);
      for (std::size_t t = 0; t < trials; ++t) b.trial_target[t] = fractions[trials - 1 - t] * total;
      detail::draw_in_chunks(kt, data, chunk_mass.data(), 1, lagging ? winner : nullptr, trials, b);
      for (std::size_t t = 0; t < trials; ++t) {
        const std::size_t i = b.trial_index[t];
        const long double target = static_cast<long double>(b.trial_target[t]);
        INFO("target " << static_cast<double>(target) << " index " << i);
        REQUIRE(i < n);
        REQUIRE(moved[i] > 0.0f);
        if (target >= prefix[n]) {  // past the total: the last point of positive mass
          std::size_t last = n - 1;
          while (moved[last] == 0.0f) --last;
          REQUIRE(i == last);
          continue;
        }
        const long double slack = 1e-12L * prefix[n];  // the sums' rounding
        REQUIRE(prefix[i] <= target + slack);
        REQUIRE(target < prefix[i + 1] + slack);
      }
    }
  });
}

TEST_CASE("automatic init is k-means|| where params.hpp says, else k-means++, bit for bit",
          "[init]") {
  // The rule: hosts, d > 16, k >= 64 and n / 16 >= 20 k + 1 (k-means||'s candidate cap).
  const std::size_t k = 64, d = 17, n = 16 * (20 * k + 1);
  const init_method parallel =
      tinykm::kernels::compact_code ? init_method::kmeans_plus_plus : init_method::kmeans_parallel;
  tinykm::fit_params p;
  p.k = k;
  CHECK(p.init == init_method::automatic);
  CHECK(tinykm::chosen_init(p, n, d) == parallel);
  CHECK(tinykm::chosen_init(p, n - 1, d) == init_method::kmeans_plus_plus);
  CHECK(tinykm::chosen_init(p, n, 16) == init_method::kmeans_plus_plus);
  p.k = k - 1;
  CHECK(tinykm::chosen_init(p, 100 * n, d) == init_method::kmeans_plus_plus);
  p.k = k;
  for (init_method m : {init_method::kmeans_plus_plus, init_method::random,
                        init_method::farthest_point, init_method::user}) {
    tinykm::fit_params q = p;
    q.init = m;
    CHECK(tinykm::chosen_init(q, n, d) == m);
  }
  // The fit itself: automatic gives the chosen method's centres, bit for bit, on both sides.
  const std::vector<float> pts = tkt::random_reals(n, d, -1.0, 1.0, 77);
  p.max_iter = 2;
  for (std::size_t rows : {n, n - 1}) {
    const init_method want = tinykm::chosen_init(p, rows, d);
    tinykm::fit_params q = p;
    q.init = want;
    INFO("n " << rows << ", " << tkt::init_name(want));
    const tkt::fit_out a = tkt::run_fit(pts.data(), rows, d, nullptr, p);
    const tkt::fit_out b = tkt::run_fit(pts.data(), rows, d, nullptr, q);
    REQUIRE(a.st == tinykm::status::ok);
    CHECK(tinykm::fit_workspace_size(p, rows, d) == tinykm::fit_workspace_size(q, rows, d));
    CHECK(tkt::same_fit(a, b));
  }
}
