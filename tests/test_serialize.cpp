// Saved blobs (serialize.hpp): the exact bytes, bit-exact round trips, and rejection of every
// truncation, every single-bit flip and tampered fields, with the destination left untouched.
#include <catch2/catch.hpp>

#include <cfloat>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <vector>

#include "crc32.hpp"
#include "stream_layout.hpp"
#include "stream_support.hpp"
#include "validate.hpp"

using tinykm::status;

namespace {

const std::vector<float> sources = {-6, -6, 0, 6, -6, 0, 0, 6, 3};

// Rewrites the CRC of a blob after a deliberate change, so only the field checks can catch it.
void reseal(std::vector<unsigned char>& blob) {
  const std::uint32_t crc = tinykm::detail::crc32(blob.data(), blob.size() - 4);
  for (int i = 0; i < 4; ++i) blob[blob.size() - 4 + static_cast<std::size_t>(i)] =
      static_cast<unsigned char>(crc >> (8 * i));
}

template <typename Field>
void put(std::vector<unsigned char>& blob, std::size_t at, Field v) {
  unsigned char bytes[sizeof v];
  std::memcpy(bytes, &v, sizeof v);  // the test host is little-endian, as the format
  for (std::size_t i = 0; i < sizeof v; ++i) blob.at(at + i) = bytes[i];
}

std::vector<unsigned char> save_stream(const tinykm::stream_state& s) {
  std::vector<unsigned char> blob(tinykm::save_size(s));
  std::size_t written = 0;
  REQUIRE(tinykm::save(s, blob.data(), blob.size(), &written) == status::ok);
  REQUIRE(written == blob.size());
  return blob;
}

// A ready stream of k = 3, d = 3 that has seen 300 samples.
void feed(tkt::owned_stream& s, std::size_t n, std::uint64_t seed) {
  tkt::rng r(seed);
  const std::vector<float> x = tkt::source_samples(sources, 3, n, 0.4, r);
  REQUIRE(tinykm::stream_update_batch(s.state, x.data(), n) == status::ok);
}

}  // namespace

TEST_CASE("serialize: CRC-32 is zlib's", "[serialize]") {
  const unsigned char text[] = {'1', '2', '3', '4', '5', '6', '7', '8', '9'};
  CHECK(tinykm::detail::crc32(text, 9) == 0xCBF43926u);  // the standard check value
}

TEST_CASE("serialize: a model blob has the documented bytes", "[serialize]") {
  float c[2] = {1.0f, -2.0f};
  const tinykm::model_view m{c, 2, 1, 2};
  // Written out by hand from serialize.hpp, CRC from Python's zlib.crc32.
  const std::vector<unsigned char> expected = {
      0x54, 0x4b, 0x4d, 0x4d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00,
      0x00, 0x00, 0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0, 0x0e, 0x4e, 0xc3, 0x05};
  REQUIRE(tinykm::save_size(m) == expected.size());
  std::vector<unsigned char> blob(expected.size());
  REQUIRE(tinykm::save(m, blob.data(), blob.size()) == status::ok);
  CHECK(blob == expected);
}

TEST_CASE("serialize: models round-trip bit-exactly and bad blobs are rejected", "[serialize]") {
  tkt::rng r(1);
  const std::vector<float> x = tkt::source_samples(sources, 3, 500, 0.4, r);
  tinykm::fit_params fp;
  fp.k = 3;
  std::vector<unsigned char> ws(tinykm::fit_workspace_size(fp, 500, 3));
  tinykm::static_model<3, 3> model;
  REQUIRE(tinykm::fit(x.data(), 500, 3, nullptr, fp, model, ws.data(), ws.size()) == status::ok);
  const tinykm::model_view mv = model.view();
  std::vector<unsigned char> blob(tinykm::save_size(mv));
  REQUIRE(tinykm::save(mv, blob.data(), blob.size()) == status::ok);
  CHECK(tinykm::save(mv, blob.data(), blob.size() - 1) == status::output_too_small);

  tinykm::static_model<3, 3> back;
  tinykm::model_view bv = back.view();
  REQUIRE(tinykm::load(blob.data(), blob.size(), bv) == status::ok);
  CHECK(bv.k == 3);
  CHECK(bv.d == 3);
  CHECK(std::memcmp(model.centroids, back.centroids, sizeof model.centroids) == 0);

  std::vector<float> poison(9, -777.0f);
  const auto rejected = [&](const unsigned char* b, std::size_t len) {
    tinykm::model_view out{poison.data(), poison.size(), 0, 0};
    const status s = tinykm::load(b, len, out);
    return s == status::corrupt_model && out.k == 0 && out.d == 0 &&
           poison == std::vector<float>(9, -777.0f);
  };
  std::size_t truncations = 0, flips = 0;
  for (std::size_t len = 0; len < blob.size(); ++len) truncations += rejected(blob.data(), len);
  CHECK(truncations == blob.size());
  for (std::size_t bit = 0; bit < blob.size() * 8; ++bit) {
    std::vector<unsigned char> bad = blob;
    bad[bit / 8] ^= static_cast<unsigned char>(1u << (bit % 8));
    flips += rejected(bad.data(), bad.size());
  }
  CHECK(flips == blob.size() * 8);
  // Tampered but re-sealed: a NaN centre, version 2, a stream blob's kind, k = 0.
  std::vector<unsigned char> bad = blob;
  put(bad, 16, std::numeric_limits<float>::quiet_NaN());
  reseal(bad);
  CHECK(rejected(bad.data(), bad.size()));
  bad = blob;
  put(bad, 4, static_cast<std::uint16_t>(2));
  reseal(bad);
  CHECK(rejected(bad.data(), bad.size()));
  bad = blob;
  bad[3] = 'S';
  reseal(bad);
  CHECK(rejected(bad.data(), bad.size()));
  bad = blob;
  put(bad, 8, static_cast<std::uint32_t>(0));
  reseal(bad);
  CHECK(rejected(bad.data(), bad.size()));
  // A model too big for the destination.
  tinykm::static_model<2, 3> small;
  tinykm::model_view sv = small.view();
  CHECK(tinykm::load(blob.data(), blob.size(), sv) == status::capacity_exceeded);
  tinykm::model_view unfitted{poison.data(), 9, 0, 0};
  CHECK(tinykm::save(unfitted, blob.data(), blob.size()) == status::not_ready);
}

TEST_CASE("serialize: streams round-trip bit-exactly, warming up or ready", "[serialize]") {
  tinykm::stream_params p;
  p.k = 3;
  p.reservoir = 48;
  p.rule = tinykm::update_rule::decay;
  p.half_life = 150.0f;
  for (const std::size_t seen : {20u, 300u}) {
    DYNAMIC_SECTION("after " << seen << " samples") {
      tkt::owned_stream a(p.k, 3, p.reservoir);
      REQUIRE(tkt::init_stream(a, p, 3) == status::ok);
      feed(a, seen, 2);
      const std::vector<unsigned char> blob = save_stream(a.state);
      tkt::owned_stream b(p.k, 3, p.reservoir);
      REQUIRE(tinykm::load(blob.data(), blob.size(), b.state) == status::ok);
      CHECK(save_stream(b.state) == blob);
      CHECK(b.info().ready == a.info().ready);
      // Both go on identically, sample by sample.
      tkt::rng r(3);
      const std::vector<float> x = tkt::source_samples(sources, 3, 200, 0.4, r);
      for (std::size_t i = 0; i < 200; ++i) {
        tinykm::stream_sample sa, sb;
        REQUIRE(tinykm::stream_update(a.state, &x[i * 3], &sa) == status::ok);
        REQUIRE(tinykm::stream_update(b.state, &x[i * 3], &sb) == status::ok);
        REQUIRE(sa.label == sb.label);
        REQUIRE(sa.score == sb.score);
      }
      CHECK(save_stream(a.state) == save_stream(b.state));
    }
  }
}

TEST_CASE("serialize: every truncation and bit flip of a stream blob is rejected",
          "[serialize]") {
  tinykm::stream_params p;
  p.k = 3;
  p.reservoir = 24;
  tkt::owned_stream a(p.k, 3, p.reservoir);
  REQUIRE(tkt::init_stream(a, p, 3) == status::ok);
  feed(a, 100, 4);
  const std::vector<unsigned char> blob = save_stream(a.state);
  CHECK(tinykm::save(a.state, nullptr, blob.size()) == status::invalid_argument);
  std::vector<unsigned char> tiny(blob.size() - 1);
  CHECK(tinykm::save(a.state, tiny.data(), tiny.size()) == status::output_too_small);

  tkt::owned_stream out(p.k, 3, p.reservoir);
  std::fill(out.memory.begin(), out.memory.end(), 0xA5A5A5A5A5A5A5A5ull);
  const std::vector<unsigned char> poisoned = out.bytes();
  std::size_t truncations = 0, flips = 0;
  for (std::size_t len = 0; len < blob.size(); ++len)
    truncations += tinykm::load(blob.data(), len, out.state) == status::corrupt_model;
  CHECK(truncations == blob.size());
  for (std::size_t bit = 0; bit < blob.size() * 8; ++bit) {
    std::vector<unsigned char> bad = blob;
    bad[bit / 8] ^= static_cast<unsigned char>(1u << (bit % 8));
    flips += tinykm::load(bad.data(), bad.size(), out.state) == status::corrupt_model;
  }
  CHECK(flips == blob.size() * 8);
  CHECK(out.bytes() == poisoned);

  // Re-sealed tampering of fields: fill beyond the reservoir, ready = 2, a NaN half-life, a
  // negative weight, a NaN centre, learn_anomalies = 7; and a model blob given as a stream.
  const std::size_t payload = 16;                    // after the prefix
  const std::size_t arrays = payload + 12 + 52 + 36;  // centres start here
  struct edit {
    std::size_t at;
    std::uint32_t bits;
  };
  float nan = std::numeric_limits<float>::quiet_NaN();
  std::uint32_t nan_bits, minus_one;
  std::memcpy(&nan_bits, &nan, 4);
  const float neg = -1.0f;
  std::memcpy(&minus_one, &neg, 4);
  const edit edits[] = {{payload + 4, 25u},          {payload + 8, 2u},
                        {payload + 20, nan_bits},    {arrays + 4 * 9, minus_one},
                        {arrays, nan_bits},          {payload + 12 + 28, 7u}};
  for (const edit& e : edits) {
    std::vector<unsigned char> bad = blob;
    put(bad, e.at, e.bits);
    reseal(bad);
    CHECK(tinykm::load(bad.data(), bad.size(), out.state) == status::corrupt_model);
  }
  CHECK(out.bytes() == poisoned);
  float c[9] = {};
  const tinykm::model_view m{c, 9, 3, 3};
  std::vector<unsigned char> model_blob(tinykm::save_size(m));
  REQUIRE(tinykm::save(m, model_blob.data(), model_blob.size()) == status::ok);
  CHECK(tinykm::load(model_blob.data(), model_blob.size(), out.state) == status::corrupt_model);
  // Too little memory for the blob's shape.
  const tinykm::stream_state small{out.memory.data(), tinykm::stream_memory_size(3, 3, 24) - 8};
  CHECK(tinykm::load(blob.data(), blob.size(), small) == status::workspace_too_small);
  CHECK(out.bytes() == poisoned);
}

namespace {

const float nan_f = std::numeric_limits<float>::quiet_NaN();
const float inf_f = std::numeric_limits<float>::infinity();

// Centre values around each class load() refuses: not finite, beyond the magnitude limit (one
// float past it), and the limit itself, which both accept.
std::vector<float> edge_values(std::size_t d) {
  const float limit = tinykm::detail::magnitude_limit(d);
  const float past = std::nextafter(limit, inf_f);
  return {0.0f, limit, -limit, past, -past, nan_f, inf_f, -inf_f, 3.0e38f};
}

}  // namespace

TEST_CASE("serialize: save refuses every model load refuses, and only those", "[serialize]") {
  for (const std::size_t d : {1u, 3u, 100u}) {
    std::vector<float> c(3 * d, 1.0f);
    const tinykm::model_view m{c.data(), c.size(), 3, d};
    std::vector<unsigned char> blob(tinykm::save_size(m));
    REQUIRE(tinykm::save(m, blob.data(), blob.size()) == status::ok);
    for (const float v : edge_values(d)) {
      INFO("d " << d << " centre value " << v);
      c[d + d / 2] = v;
      std::vector<unsigned char> out(blob.size(), 0x5A);
      const status saved = tinykm::save(m, out.data(), out.size());
      std::vector<unsigned char> patched = blob;  // the same model, written by hand
      put(patched, 16 + 4 * (d + d / 2), v);
      reseal(patched);
      std::vector<float> back(3 * d);
      tinykm::model_view bv{back.data(), back.size(), 0, 0};
      const status loaded = tinykm::load(patched.data(), patched.size(), bv);
      CHECK((saved == status::ok) == (loaded == status::ok));
      CHECK((saved == status::ok) == (std::fabs(v) <= tinykm::detail::magnitude_limit(d)));
      if (saved != status::ok) CHECK(out == std::vector<unsigned char>(blob.size(), 0x5A));
      if (saved == status::ok) CHECK(out == patched);
    }
  }
  // Shapes load() refuses (k or d 0 or over TINYKM_MAX_K / MAX_D, more than the capacity).
  std::vector<float> big(3 * (tinykm::max_d + 1), 0.0f);
  std::vector<unsigned char> out(64);
  const tinykm::model_view shapes[] = {{big.data(), big.size(), 0, 3},
                                       {big.data(), big.size(), 3, 0},
                                       {big.data(), big.size(), 3, tinykm::max_d + 1},
                                       {big.data(), big.size(), tinykm::max_k + 1, 1},
                                       {big.data(), 8, 3, 3}};
  for (const tinykm::model_view& m : shapes) {
    INFO("k " << m.k << " d " << m.d << " capacity " << m.capacity);
    CHECK(tinykm::save(m, out.data(), out.size()) ==
          (m.k == 0 ? status::not_ready : status::invalid_argument));
  }
}

TEST_CASE("serialize: save refuses every stream state load refuses", "[serialize]") {
  using tinykm::detail::stream_arrays;
  using tinykm::detail::stream_header;
  using change = std::function<void(stream_header&, const stream_arrays&)>;
  tinykm::stream_params p;
  p.k = 3;
  p.reservoir = 24;
  const float limit = tinykm::detail::magnitude_limit(3);
  const float past = std::nextafter(limit, inf_f);
  for (const std::size_t seen : {10u, 100u}) {  // warming up (samples stored), ready
    tkt::owned_stream s(p.k, 3, p.reservoir);
    REQUIRE(tkt::init_stream(s, p, 3) == status::ok);
    feed(s, seen, 5);
    const std::vector<std::uint64_t> good = s.memory;
    const std::vector<unsigned char> blob = save_stream(s.state);
    std::vector<change> changes = {
        [&](stream_header&, const stream_arrays& a) { a.centroids[4] = nan_f; },
        [&](stream_header&, const stream_arrays& a) { a.centroids[4] = -inf_f; },
        [&](stream_header&, const stream_arrays& a) { a.centroids[8] = past; },
        [&](stream_header&, const stream_arrays& a) { a.centroids[0] = -past; },
        [&](stream_header&, const stream_arrays& a) { a.weights[1] = -1.0f; },
        [&](stream_header&, const stream_arrays& a) { a.weights[2] = inf_f; },
        [&](stream_header&, const stream_arrays& a) { a.dist_mean[2] = -1e-3f; },
        [&](stream_header&, const stream_arrays& a) { a.dist_mean[0] = nan_f; },
        [&](stream_header&, const stream_arrays& a) { a.dist_square[1] = nan_f; },
        [&](stream_header&, const stream_arrays& a) { a.dist_square[2] = -inf_f; },
        [&](stream_header& h, const stream_arrays&) { h.counters.inertia_ewma = nan_f; },
        [&](stream_header& h, const stream_arrays&) { h.counters.inertia_ewma = -1.0f; },
        [&](stream_header& h, const stream_arrays&) { h.counters.inertia_ewma = inf_f; },
        [&](stream_header& h, const stream_arrays&) { h.params.half_life = nan_f; },
        [&](stream_header& h, const stream_arrays&) { h.params.half_life = 0.0f; },
        [&](stream_header& h, const stream_arrays&) { h.params.learning_rate = 2.0f; },
        [&](stream_header& h, const stream_arrays&) { h.params.dead_fraction = 1.0f; },
        [&](stream_header& h, const stream_arrays&) { h.params.anomaly_z = -1.0f; },
        [&](stream_header& h, const stream_arrays&) { h.params.anomaly_threshold = inf_f; },
        [&](stream_header& h, const stream_arrays&) { h.params.drift_half_life = nan_f; },
        [&](stream_header& h, const stream_arrays&) { h.params.warmup_n_init = 0; },
        [&](stream_header& h, const stream_arrays&) { h.params.warmup_max_iter = 100000; },
        [&](stream_header& h, const stream_arrays&) {
          h.params.rule = static_cast<tinykm::update_rule>(7);
        },
        [&](stream_header& h, const stream_arrays&) {
          h.params.unit = static_cast<tinykm::decay_unit>(9);
        },
        [&](stream_header& h, const stream_arrays&) { h.ready = 2; },
        [&](stream_header& h, const stream_arrays&) { h.fill = h.ready ? 5 : h.reservoir; },
        [&](stream_header& h, const stream_arrays&) { h.k = 0; },
        [&](stream_header& h, const stream_arrays&) { h.d = tinykm::max_d + 1; },
    };
    if (seen < p.reservoir) {  // the stored samples
      changes.push_back([&](stream_header&, const stream_arrays& a) { a.reservoir[7] = past; });
      changes.push_back([&](stream_header&, const stream_arrays& a) { a.reservoir[2] = nan_f; });
    }
    for (std::size_t i = 0; i < changes.size(); ++i) {
      INFO("after " << seen << " samples, change " << i);
      s.memory = good;
      const tinykm::detail::stream_view v = tinykm::detail::stream_view_of(s.state);
      changes[i](*v.header, v.arrays);
      std::vector<unsigned char> out(blob.size(), 0x5A);
      CHECK(tinykm::save(s.state, out.data(), out.size()) != status::ok);
      CHECK(out == std::vector<unsigned char>(blob.size(), 0x5A));
    }
    // Values at the limits save and load.
    s.memory = good;
    const tinykm::detail::stream_view v = tinykm::detail::stream_view_of(s.state);
    v.arrays.centroids[0] = limit;
    v.arrays.centroids[5] = -limit;
    v.arrays.weights[0] = FLT_MAX;  // statistics: any finite value >= 0
    v.arrays.dist_square[1] = FLT_MAX;
    const std::vector<unsigned char> edge = save_stream(s.state);
    tkt::owned_stream back(p.k, 3, p.reservoir);
    CHECK(tinykm::load(edge.data(), edge.size(), back.state) == status::ok);
  }
}
