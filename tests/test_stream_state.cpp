// States that once could not be saved and loaded back (issue 16), each pinned on its own: after
// each of these sequences the state is finite, load(save(state)) gives it back bit for bit,
// and it keeps answering (tkseq::check_state, the property tests/test_stream_property.cpp checks
// on random sequences). Plus load()'s status for a null buffer.
#include <catch2/catch.hpp>

#include <cfloat>
#include <cstdint>
#include <cstring>
#include <vector>

#include "stream_sequences.hpp"
#include "stream_support.hpp"
#include "tinykm/tinykm.h"

using tinykm::status;

namespace {

const float limit1 = tinykm::detail::magnitude_limit(1);  // 0x1.ffdffep62, the d = 1 limit

tinykm::detail::stream_arrays arrays_of(tkt::owned_stream& s) {
  return tinykm::detail::stream_view_of(s.state).arrays;
}

// A stream of k clusters of one feature, seeded at `centres`.
void seeded(tkt::owned_stream& s, tinykm::stream_params p, const float* centres) {
  REQUIRE(tkt::init_stream(s, p, 1) == status::ok);
  REQUIRE(tinykm::stream_seed(s.state, centres) == status::ok);
}

}  // namespace

TEST_CASE("stream state: merging two streams made ready by stream_seed keeps the drift average",
          "[stream][state]") {
  tinykm::stream_params p;
  p.k = 2;
  const float centres[2] = {0.0f, 1.0f};
  tkt::owned_stream a(2, 1), b(2, 1), out(2, 1);
  seeded(a, p, centres);
  seeded(b, p, centres);
  REQUIRE(tinykm::stream_merge(a.state, b.state, out.state) == status::ok);
  const float x = 0.25f;
  CHECK(tkseq::check_state(out.state, &x).empty());
  CHECK(out.info().counters.inertia_ewma == 0.0f);  // no samples on either side
  for (int i = 0; i < 10; ++i) REQUIRE(tinykm::stream_update(out.state, &x) == status::ok);
  CHECK(tkseq::check_state(out.state, &x).empty());
  CHECK(out.info().counters.inertia_ewma > 0.0f);
}

TEST_CASE("stream state: merging running-mean streams with values near the limit stays finite",
          "[stream][state]") {
  tinykm::stream_params p;
  p.k = 1;
  p.reservoir = 4;
  tkt::owned_stream a(1, 1, 4), b(1, 1, 4), out(1, 1, 4);
  REQUIRE(tkt::init_stream(a, p, 1) == status::ok);
  REQUIRE(tkt::init_stream(b, p, 1) == status::ok);
  const float xs[2] = {-limit1, limit1};
  for (int i = 0; i < 20; ++i) {
    REQUIRE(tinykm::stream_update(a.state, &xs[i % 2]) == status::ok);
    REQUIRE(tinykm::stream_update(b.state, &xs[(i + 1) % 2]) == status::ok);
  }
  // Weight 20 times a mean square near limit^2 = FLT_MAX / 4 overflowed the pooled sum.
  REQUIRE(tinykm::stream_merge(a.state, b.state, out.state) == status::ok);
  const float zero = 0.0f;
  CHECK(tkseq::check_state(out.state, &zero).empty());
  CHECK(arrays_of(out).weights[0] == 40.0f);
}

TEST_CASE("stream state: a state merged with itself 200 times keeps finite weights and counters",
          "[stream][state]") {
  tinykm::stream_params p;
  p.k = 1;
  const float zero = 0.0f, one = 1.0f;
  tkt::owned_stream s(1, 1);
  seeded(s, p, &zero);
  REQUIRE(tinykm::stream_update(s.state, &one) == status::ok);  // one sample
  for (int i = 0; i < 200; ++i) {
    REQUIRE(tinykm::stream_merge(s.state, s.state, s.state) == status::ok);
    INFO("merge " << i);
    REQUIRE(tkseq::check_state(s.state, &one).empty());  // weight 2^128 was +inf
  }
  CHECK(s.info().counters.samples == UINT64_MAX);  // doubled 200 times: stops, never wraps to 0
  CHECK(s.centroids().at(0) == 0.5f);
}

TEST_CASE("stream state: a mini-batch of squared distances near FLT_MAX keeps a finite mean square",
          "[stream][state]") {
  tinykm::stream_params p;
  p.k = 1;
  p.rule = tinykm::update_rule::decay;
  p.half_life = 1e-3f;  // a = 0: the batch's mean replaces the old state
  tkt::owned_stream s(1, 1);
  const float centre = -limit1;
  seeded(s, p, &centre);
  const float xs[2] = {limit1, limit1};  // two squares of 0.9995 FLT_MAX overflowed their sum
  REQUIRE(tinykm::stream_update_batch(s.state, xs, 2) == status::ok);
  CHECK(tkseq::check_state(s.state, xs).empty());
  const float square = (2.0f * limit1) * (2.0f * limit1);  // each sample's
  CHECK(arrays_of(s).dist_square[0] == square);
  CHECK(s.centroids().at(0) == limit1);
}

TEST_CASE("stream state: a warm-up on values near the limit keeps finite statistics",
          "[stream][state]") {
  tinykm::stream_params p;
  p.k = 1;
  p.reservoir = 8;  // 8 squares of limit^2 = FLT_MAX / 4 overflowed their sum
  tkt::owned_stream s(1, 1, 8);
  REQUIRE(tkt::init_stream(s, p, 1) == status::ok);
  const float xs[2] = {-limit1, limit1};
  for (int i = 0; i < 8; ++i) REQUIRE(tinykm::stream_update(s.state, &xs[i % 2]) == status::ok);
  REQUIRE(s.info().ready);
  CHECK(tkseq::check_state(s.state, xs).empty());
  CHECK(s.centroids().at(0) == 0.0f);
  CHECK(arrays_of(s).dist_mean[0] == limit1);
  CHECK(arrays_of(s).dist_square[0] == limit1 * limit1);
}

TEST_CASE("stream state: a centre never steps past the magnitude limit", "[stream][state]") {
  // c + (x - c) with x - c rounded up lands one ulp past x: here past the limit itself.
  tinykm::stream_params p;
  p.k = 1;
  p.rule = tinykm::update_rule::fixed_rate;
  p.learning_rate = 1.0f;
  tkt::owned_stream s(1, 1);
  const float centre = -0x1.ffep61f;
  seeded(s, p, &centre);
  REQUIRE(tinykm::stream_update(s.state, &limit1) == status::ok);
  CHECK(s.centroids().at(0) == limit1);
  CHECK(tkseq::check_state(s.state, &limit1).empty());  // predict() refused the centre
}

TEST_CASE("stream state: a huge anomaly_z keeps radii and scores finite", "[stream][state]") {
  tinykm::stream_params p;
  p.k = 1;
  p.anomaly_z = FLT_MAX;
  tkt::owned_stream s(1, 1);
  const float zero = 0.0f;
  seeded(s, p, &zero);
  for (const float x : {1e10f, -1e10f}) REQUIRE(tinykm::stream_update(s.state, &x) == status::ok);
  CHECK(tkseq::check_state(s.state, &zero).empty());
  float score = 0.0f;
  REQUIRE(tinykm::stream_score(s.state, &zero, &score) == status::ok);
  CHECK(score == -FLT_MAX);  // |x - c| - radius, the radius stopped at FLT_MAX
}

TEST_CASE("stream state: a drift average near FLT_MAX is saved and loaded", "[stream][state]") {
  tinykm::stream_params p;
  p.k = 1;
  p.drift_half_life = 1e-3f;  // the average is the last squared distance
  tkt::owned_stream s(1, 1);
  const float centre = -limit1;
  seeded(s, p, &centre);
  REQUIRE(tinykm::stream_update(s.state, &limit1) == status::ok);
  CHECK(s.info().counters.inertia_ewma > 3.0e38f);  // load() refused above 3e38
  CHECK(tkseq::check_state(s.state, &limit1).empty());
}

TEST_CASE("stream load: a null buffer is invalid_argument, as for models, also through the C API",
          "[stream][state][bad]") {
  tinykm::stream_params p;
  p.k = 1;
  tkt::owned_stream s(1, 1);
  REQUIRE(tkt::init_stream(s, p, 1) == status::ok);
  const std::vector<unsigned char> before = s.bytes();
  CHECK(tinykm::load(nullptr, 100, s.state) == status::invalid_argument);
  CHECK(tinykm::load(nullptr, 0, s.state) == status::invalid_argument);
  const tinykm_stream c{s.state.memory, s.state.bytes};
  CHECK(tinykm_stream_load(nullptr, 100, c) == TINYKM_INVALID_ARGUMENT);
  CHECK(s.bytes() == before);
  const unsigned char junk[8] = {};
  CHECK(tinykm::load(junk, sizeof junk, s.state) == status::corrupt_model);  // unchanged rule
}

TEST_CASE("stream state: a warming stream in memory that held NaN bytes saves and loads",
          "[stream][state]") {
  tinykm::stream_params p;
  p.k = 3;
  tkt::owned_stream s(p.k, 2);
  std::memset(s.memory.data(), 0xff, s.memory.size() * 8);  // every float a NaN
  REQUIRE(tkt::init_stream(s, p, 2) == status::ok);
  const float x[2] = {1.0f, 2.0f};
  REQUIRE(tinykm::stream_update(s.state, x, nullptr) == status::ok);
  std::vector<unsigned char> blob(tinykm::save_size(s.state));
  std::size_t written = 0;
  REQUIRE(tinykm::save(s.state, blob.data(), blob.size(), &written) == status::ok);
  tkt::owned_stream back(p.k, 2);
  REQUIRE(tinykm::load(blob.data(), written, back.state) == status::ok);
  CHECK(back.info().counters.samples == 1);
}
