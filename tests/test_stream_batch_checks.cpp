// stream_update_batch checks every value of a batch in one vectorised pass (stream_batch.cpp:
// check_batch): a bad value anywhere, in the loop's vector body or its tail, at every batch
// length, gives its status and leaves the state untouched, before and after the warm-up.
#include <catch2/catch.hpp>

#include <limits>
#include <vector>

#include "stream_support.hpp"

using tinykm::status;

TEST_CASE("stream batch: a bad value at any position of any batch length is refused",
          "[stream][bad]") {
  const std::size_t d = 3;
  tinykm::stream_params p;
  p.k = 4;
  p.reservoir = 16;
  tkt::owned_stream s(p.k, d, p.reservoir);
  REQUIRE(tkt::init_stream(s, p, d) == status::ok);
  const std::vector<float> sources = {-10, -10, 0, 10, -10, 0, -10, 10, 0, 10, 10, 5};
  tkt::rng r(3);
  const std::vector<float> x = tkt::source_samples(sources, d, 64, 0.5, r);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  const struct {
    float value;
    status expected;
  } bad[] = {{nan, status::non_finite_input}, {-inf, status::non_finite_input},
             {1e30f, status::out_of_range}, {-1e30f, status::out_of_range}};
  for (int phase = 0; phase < 2; ++phase) {  // warming up, then ready
    if (phase == 1) REQUIRE(tinykm::stream_update_batch(s.state, x.data(), 20) == status::ok);
    const std::vector<unsigned char> before = s.bytes();
    for (std::size_t n = 1; n <= 21; ++n) {
      for (std::size_t at = 0; at < n * d; ++at) {
        for (const auto& b : bad) {
          std::vector<float> y(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(n * d));
          y[at] = b.value;
          CHECK(tinykm::stream_update_batch(s.state, y.data(), n) == b.expected);
        }
      }
    }
    CHECK(s.bytes() == before);
  }
}
