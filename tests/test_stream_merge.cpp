// stream_merge (stream.hpp) and the memory formula behind every stream (stream_memory_size).
#include <catch2/catch.hpp>

#include <vector>

#include "stream_support.hpp"

using tinykm::status;

namespace {

const std::vector<float> sources = {-8, -8, 0, 8, -8, 0, -8, 8, 0, 8, 8, 4, 0, 0, -9};

double both_ways(const std::vector<float>& a, const std::vector<float>& b, std::size_t d) {
  return std::max(tkt::worst_match(a, b, d), tkt::worst_match(b, a, d));
}

}  // namespace

TEST_CASE("stream_merge: two halves of a stationary stream match one stream that saw all",
          "[stream][merge]") {
  const std::size_t d = 3, n = 20000;
  tkt::rng r(8);
  const std::vector<float> x = tkt::source_samples(sources, d, n, 0.6, r);
  tinykm::stream_params p;
  p.k = 5;
  tkt::owned_stream whole(p.k, d), first(p.k, d), second(p.k, d), merged(p.k, d);
  REQUIRE(tkt::init_stream(whole, p, d) == status::ok);
  REQUIRE(tkt::init_stream(first, p, d) == status::ok);
  p.seed = 99;  // the halves were seeded apart: their cluster numbers need not agree
  REQUIRE(tkt::init_stream(second, p, d) == status::ok);
  REQUIRE(tinykm::stream_update_batch(whole.state, x.data(), n) == status::ok);
  for (std::size_t i = 0; i < n; i += 2) {
    REQUIRE(tinykm::stream_update(first.state, &x[i * d]) == status::ok);
    REQUIRE(tinykm::stream_update(second.state, &x[(i + 1) * d]) == status::ok);
  }
  REQUIRE(tinykm::stream_merge(first.state, second.state, merged.state) == status::ok);
  // Stated tolerance: 0.05 (the standard error of a cluster mean is 0.6 / sqrt(4000) ~ 0.01).
  CHECK(both_ways(merged.centroids(), whole.centroids(), d) < 0.05);
  const tinykm::stream_info info = merged.info();
  CHECK(info.ready);
  CHECK(info.counters.samples == n);
  // Merging into one of the inputs gives the same result as into fresh memory.
  REQUIRE(tinykm::stream_merge(first.state, second.state, first.state) == status::ok);
  CHECK(first.centroids() == merged.centroids());
  // The merged stream goes on learning and scores a far point as an anomaly.
  const float far[3] = {30, 30, 30};
  tinykm::stream_sample out;
  REQUIRE(tinykm::stream_update(merged.state, &x[0], &out) == status::ok);
  float score = 0.0f;
  bool anomaly = false;
  REQUIRE(tinykm::stream_score(merged.state, far, &score, &anomaly) == status::ok);
  CHECK(anomaly);
}

TEST_CASE("stream_merge: mismatched or unready inputs are refused", "[stream][merge][bad]") {
  tinykm::stream_params p;
  p.k = 2;
  p.reservoir = 10;
  tkt::owned_stream a(2, 3, 10), b(2, 3, 10), c(3, 3, 10), e(2, 4, 10), out(2, 3, 10);
  REQUIRE(tkt::init_stream(a, p, 3) == status::ok);
  REQUIRE(tkt::init_stream(b, p, 3) == status::ok);
  REQUIRE(tkt::init_stream(e, p, 4) == status::ok);
  p.k = 3;
  REQUIRE(tkt::init_stream(c, p, 3) == status::ok);
  const std::vector<unsigned char> fresh = out.bytes();
  CHECK(tinykm::stream_merge(a.state, b.state, out.state) == status::not_ready);
  tkt::rng r(1);
  for (tkt::owned_stream* s : {&a, &b, &c}) {
    const std::vector<float> x = tkt::source_samples(sources, 3, 30, 0.5, r);
    REQUIRE(tinykm::stream_update_batch(s->state, x.data(), 30) == status::ok);
  }
  const std::vector<float> x4 = tkt::random_reals(30, 4, -1, 1, 2);
  REQUIRE(tinykm::stream_update_batch(e.state, x4.data(), 30) == status::ok);
  CHECK(tinykm::stream_merge(a.state, c.state, out.state) == status::invalid_argument);
  CHECK(tinykm::stream_merge(a.state, e.state, out.state) == status::dimension_mismatch);
  const tinykm::stream_state small{out.memory.data(), tinykm::stream_memory_size(2, 3, 10) - 64};
  CHECK(tinykm::stream_merge(a.state, b.state, small) == status::workspace_too_small);
  CHECK(tinykm::stream_merge(a.state, tinykm::stream_state{}, out.state) ==
        status::invalid_argument);
  CHECK(out.bytes() == fresh);
}

TEST_CASE("stream memory: the fit workspace bound covers fit_workspace_size", "[stream]") {
  for (std::size_t k : {1u, 2u, 3u, 7u, 8u, 20u, 21u, 54u, 55u, 148u, 149u, 403u, 1097u, 4096u})
    for (std::size_t d : {1u, 3u, 16u, 129u})
      for (std::size_t n : {k, 2 * k, 16 * k, std::size_t{5000}, std::size_t{70000}}) {
        tinykm::fit_params fp;
        fp.k = k;
        fp.algorithm = tinykm::lloyd_algorithm::lloyd;  // as the streams' fits
        fp.init = tinykm::init_method::kmeans_plus_plus;  // the warm-up's; merges: user
        INFO("k " << k << " d " << d << " n " << n);
        CHECK(tinykm::detail::fit_workspace_bound(k, d, n) >= tinykm::fit_workspace_size(fp, n, d));
        fp.init = tinykm::init_method::user;
        CHECK(tinykm::detail::fit_workspace_bound(k, d, n) >= tinykm::fit_workspace_size(fp, n, d));
      }
  static_assert(sizeof(tinykm::static_stream<8, 3>) == tinykm::stream_memory_size(8, 3),
                "static_stream is exactly its memory");
}
